// A calendar plan as iCalendar files (see slmatch/io/calendar_ics.hpp).

#include "slmatch/io/calendar_ics.hpp"

#include "slmatch/calendar/explain_calendar.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace slmatch {
namespace {

/// TEXT values escape backslash, semicolon, comma and newline (RFC 5545 3.3.11).
std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

/// A content line folded at 75 octets (never inside a UTF-8 sequence), ending in CRLF.
void put(std::string& out, const std::string& line) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    if ((byte & 0xC0) != 0x80) {
      const std::size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
      if (width + length > 75) {
        out += "\r\n ";
        width = 1;
      }
    }
    out += line[i];
    ++width;
  }
  out += "\r\n";
}

std::string compact(const date& d) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d%02d%02d", d.year, d.month, d.day);
  return text;
}

/// Ids become file names and UIDs: letters, digits, '-' and '_' as they are, anything else
/// as _XX (its bytes in hex), so no id can name a path outside the folder.
std::string safe(const std::string& id) {
  std::string out;
  for (char c : id) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')
      out += c;
    else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "_%02X", byte);
      out += hex;
    }
  }
  return out;
}

const char* slot_start(part_of_day part) {
  return part == part_of_day::morning     ? "T090000"
         : part == part_of_day::afternoon ? "T133000"
                                          : "T180000";
}
const char* slot_end(part_of_day part) {
  return part == part_of_day::morning     ? "T123000"
         : part == part_of_day::afternoon ? "T170000"
                                          : "T210000";
}

void put_event(std::string& out, const scheme& s, const calendar_plan& plan, std::size_t k,
               const std::string& summary) {
  const calendar_unit& u = plan.units.units[k];
  const std::string& person_id = s.people[u.person].id;
  const std::string& household_id = s.households[static_cast<std::size_t>(plan.household_of[k])].id;
  put(out, "BEGIN:VEVENT");
  const std::string when =
      u.kind == unit_kind::stay ? compact(u.start) : compact(u.start) + slot_start(u.part);
  put(out, "UID:" + safe(s.id) + "-" + safe(person_id) + "-" + std::string(to_string(u.kind)) +
               "-" + when + "@slmatch");
  put(out, "DTSTAMP:" + compact(s.policy.as_of) + "T000000Z");
  if (u.kind == unit_kind::stay) {
    put(out, "DTSTART;VALUE=DATE:" + compact(u.start));
    put(out, "DTEND;VALUE=DATE:" + compact(u.start.plus_days(u.nights)));
  } else {
    put(out, "DTSTART:" + compact(u.start) + slot_start(u.part));
    put(out, "DTEND:" + compact(u.start) + slot_end(u.part));
  }
  put(out, "SUMMARY:" + escaped(summary));
  put(out,
      "DESCRIPTION:" + escaped(wording::capitalise(describe_unit(u)) + ": " + person_id + " with " +
                               household_id +
                               ". Proposed by slmatch; nothing is booked until everyone agrees."));
  put(out, "STATUS:TENTATIVE");
  put(out, "TRANSP:OPAQUE");
  put(out, "END:VEVENT");
}

std::string calendar_file(const std::string& name, const std::string& body) {
  std::string out;
  put(out, "BEGIN:VCALENDAR");
  put(out, "VERSION:2.0");
  put(out, "PRODID:-//slmatch//calendar plan//EN");
  put(out, "CALSCALE:GREGORIAN");
  put(out, "X-WR-CALNAME:" + escaped(name));
  out += body;
  put(out, "END:VCALENDAR");
  return out;
}

} // namespace

std::map<std::string, std::string> calendar_to_ics(const scheme& s, const calendar_plan& plan) {
  std::map<std::string, std::string> by_person, by_household;
  for (std::size_t k = 0; k < plan.units.units.size(); ++k) {
    if (plan.household_of[k] < 0) continue;
    const calendar_unit& u = plan.units.units[k];
    const std::string& person_id = s.people[u.person].id;
    const std::string& household_id =
        s.households[static_cast<std::size_t>(plan.household_of[k])].id;
    const std::string what = u.kind == unit_kind::stay ? "Short break" : "Day support";
    put_event(by_person[person_id], s, plan, k, what + " with " + household_id);
    put_event(by_household[household_id], s, plan, k, what + ": " + person_id);
  }
  std::map<std::string, std::string> files;
  for (const auto& [id, body] : by_person)
    files["person-" + safe(id) + ".ics"] = calendar_file("Proposed stays for " + id, body);
  for (const auto& [id, body] : by_household)
    files["household-" + safe(id) + ".ics"] = calendar_file("Proposed stays at " + id, body);
  return files;
}

} // namespace slmatch
