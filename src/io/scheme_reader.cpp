// Reading a scheme file: JSON into a validated scheme, collecting every problem.

#include "slmatch/io/scheme_reader.hpp"

#include "json_limits.hpp"
#include "json_reader.hpp"
#include "simdjson_parse.hpp"

#include "slmatch/io/scheme_format.hpp"
#include "slmatch/model/calendar.hpp"
#include "slmatch/model/validate.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace slmatch {
namespace {

using detail::in_quotes;
using detail::indexed;
using detail::json_value;

/// Reads a scheme document into the model, recording every structural problem (types,
/// missing and unknown fields, vocabulary names, dates) instead of stopping at the first.
class scheme_reader : public detail::json_reader {
public:
  scheme read(json_value document);

  /// Record names in the order they were read, to put domain problems in input order.
  std::vector<std::string> record_order;
  /// False when the scheme's as_of date could not be read.
  bool as_of_read = false;

private:
  /// The fields of one JSON object: reads the known ones, then reports the rest.
  class object_fields {
  public:
    object_fields(scheme_reader& reader, json_value object, std::string prefix)
        : reader_(reader), object_(object), prefix_(std::move(prefix)), record_(reader.record_),
          problems_before_(reader.problems.size()) {}

    std::string path(std::string_view key) const {
      return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
    }

    /// The value under `key`; nothing when absent (reported when required) or, for an
    /// optional field, when it is JSON null. `key` is a literal: it is kept as a view.
    std::optional<json_value> find(std::string_view key, bool required) {
      known_.push_back(key);
      const auto value = object_.find(key);
      if (!value) {
        if (required) reader_.fail(record_, path(key), "missing required field");
        return std::nullopt;
      }
      ++found_;
      if (!required && value->is_null()) return std::nullopt;
      return value;
    }

    /// Read a required field; true when it was present and valid.
    template <class T> bool required(std::string_view key, T& out) {
      const auto value = find(key, true);
      return value && reader_.read(*value, path(key), out);
    }

    /// Read an optional field (absent or null keeps `out`); true when present and valid.
    template <class T> bool optional(std::string_view key, T& out) {
      const auto value = find(key, false);
      return value && reader_.read(*value, path(key), out);
    }

    /// Read an optional free-text field, which may be longer than other strings.
    bool optional_text(std::string_view key, std::string& out) {
      reader_.string_limit_ = scheme_limits::text;
      const bool ok = optional(key, out);
      reader_.string_limit_ = scheme_limits::string;
      return ok;
    }

    /// Report every key that is not part of the format, in key order.
    void done() {
      if (found_ == object_.size()) return; // each key was found as a known one
      for (std::size_t i = 0; i < object_.size(); ++i) {
        const std::string_view key = object_.key(i);
        if (std::find(known_.begin(), known_.end(), key) == known_.end())
          reader_.fail(record_, path(key), "unknown field " + in_quotes(key));
      }
    }

    /// True when anything in the object (or its unknown keys, once `done`) was a problem.
    bool had_problem() const { return reader_.problems.size() > problems_before_; }

  private:
    scheme_reader& reader_;
    json_value object_;
    std::string prefix_;
    std::string record_;
    std::size_t problems_before_;
    std::vector<std::string_view> known_;
    /// Known keys found in the object: when all its keys were, none is unknown (each key
    /// is looked up once and is in the object once).
    std::size_t found_ = 0;
  };

  // Problems of the record being read.

  using json_reader::fail;
  void fail(const std::string& field, std::string message) {
    fail(record_, field, std::move(message));
  }
  bool type_error(json_value value, const std::string& field, const std::string& expected) {
    return json_reader::type_error(value, record_, field, expected);
  }

  /// False (with a problem) when a list holds more entries than `limit`; it is not read.
  bool within_limit(json_value list, const std::string& field, std::size_t limit) {
    return json_reader::within_limit(list, record_, field, limit);
  }

  // Scalars ---------------------------------------------------------------------------

  bool read(json_value value, const std::string& field, std::string& out) {
    return json_reader::read(value, record_, field, out, string_limit_);
  }

  /// Booleans, whole numbers, numbers, dates and vocabulary names.
  template <class T, std::enable_if_t<std::is_same_v<T, bool> || std::is_same_v<T, int> ||
                                          std::is_same_v<T, double> || std::is_same_v<T, date> ||
                                          std::is_enum_v<T>,
                                      int> = 0>
  bool read(json_value value, const std::string& field, T& out) {
    return json_reader::read(value, record_, field, out);
  }

  // Containers ------------------------------------------------------------------------

  template <class E> bool read(json_value value, const std::string& field, tag_set<E>& out) {
    if (!value.is_array()) return type_error(value, field, "an array");
    if (!within_limit(value, field, scheme_limits::list)) return false;
    bool all = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
      E item{};
      if (read(value[i], indexed(field, i), item))
        out.insert(item);
      else
        all = false;
    }
    return all;
  }

  /// Every element is kept (default when unreadable) so positions match the file.
  template <class T> bool read(json_value value, const std::string& field, std::vector<T>& out) {
    if (!value.is_array()) return type_error(value, field, "an array");
    if (!within_limit(value, field, list_limit_)) return false;
    bool all = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
      T item{};
      all = read(value[i], indexed(field, i), item) && all;
      out.push_back(std::move(item));
    }
    return all;
  }

  template <class T> bool read(json_value value, const std::string& field, std::optional<T>& out) {
    T item{};
    if (!read(value, field, item)) return false;
    out = std::move(item);
    return true;
  }

  /// A person's own weights: factor name -> number.
  bool read(json_value value, const std::string& field, std::map<factor, double>& out) {
    return read_weights(value, field, [&](factor f, double w) { out[f] = w; });
  }

  /// Scheme weights: factors left out keep their current (default) weight.
  bool read(json_value value, const std::string& field, factor_weights& out) {
    return read_weights(value, field,
                        [&](factor f, double w) { out[static_cast<std::size_t>(f)] = w; });
  }

  template <class Store>
  bool read_weights(json_value value, const std::string& field, Store store) {
    if (!value.is_object()) return type_error(value, field, "an object");
    bool all = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string_view key = value.key(i);
      const std::string path = field + "." + std::string(key);
      const auto f = parse<factor>(key);
      double weight = 0;
      if (!f) {
        fail(path, "unknown factor " + in_quotes(key));
        all = false;
      } else if (read(value.value(i), path, weight)) {
        store(*f, weight);
      } else {
        all = false;
      }
    }
    return all;
  }

  // Small objects ---------------------------------------------------------------------

  bool read(json_value value, const std::string& field, geo_point& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("lat", out.lat);
    ok = f.required("lon", out.lon) && ok;
    f.done();
    return ok;
  }

  bool read(json_value value, const std::string& field, lifestyle& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("activity", out.activity);
    ok = f.required("setting", out.setting) && ok;
    ok = f.required("routine", out.routine) && ok;
    f.done();
    return ok;
  }

  bool read(json_value value, const std::string& field, anchor& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("kind", out.kind);
    ok = f.required("lat", out.where.lat) && ok;
    ok = f.required("lon", out.where.lon) && ok;
    f.done();
    return ok;
  }

  bool read(json_value value, const std::string& field, consent_record& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("category", out.category);
    ok = f.required("purpose", out.purpose) && ok;
    ok = f.required("given_by", out.given_by) && ok;
    f.optional_text("decided_by", out.decided_by);
    ok = f.required("given_on", out.given_on) && ok;
    f.optional("expires_on", out.expires_on);
    f.optional("withdrawn_on", out.withdrawn_on);
    f.done();
    return ok && !f.had_problem();
  }

  bool read(json_value value, const std::string& field, authorship& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("role", out.role);
    f.optional_text("name", out.name);
    ok = f.required("written_on", out.written_on) && ok;
    f.done();
    return ok && !f.had_problem();
  }

  bool read(json_value value, const std::string& field, known_person& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    string_limit_ = scheme_limits::text;
    bool ok = f.required("name", out.name);
    string_limit_ = scheme_limits::string;
    f.optional("relationship", out.relationship);
    f.optional("carer", out.carer);
    f.done();
    return ok && !f.had_problem();
  }

  /// Sections in the person's own words: each line is free text.
  bool read_lines(object_fields& f, std::string_view key, std::vector<std::string>& out) {
    string_limit_ = scheme_limits::text;
    const bool ok = f.optional(key, out);
    string_limit_ = scheme_limits::string;
    return ok;
  }

  bool read(json_value value, const std::string& field, about_me& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    read_lines(f, "what_matters_to_me", out.what_matters_to_me);
    read_lines(f, "how_best_to_support_me", out.how_best_to_support_me);
    read_lines(f, "communication", out.communication);
    f.optional("people_i_know", out.people_i_know);
    if (const auto authors = f.find("written_by", false)) {
      const std::string path = field + ".written_by";
      if (!authors->is_object()) {
        type_error(*authors, path, "an object");
      } else {
        for (std::size_t i = 0; i < authors->size(); ++i) {
          const std::string_view key = authors->key(i);
          const auto section = parse<profile_section>(key);
          if (!section) {
            fail(path + "." + std::string(key), unknown_name<profile_section>("", "", key).message);
            continue;
          }
          read(authors->value(i), path + "." + std::string(key), out.written_by[*section]);
        }
      }
    }
    f.done();
    return !f.had_problem();
  }

  bool read(json_value value, const std::string& field, household_adult& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("gender", out.gender_identity);
    ok = f.required("age", out.age) && ok;
    f.optional("main_carer", out.main_carer);
    f.optional("smoker", out.smoker);
    f.done();
    return ok;
  }

  bool read(json_value value, const std::string& field, carer_preferences& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    f.optional("needs", out.needs);
    f.optional("min_age", out.min_age);
    f.optional("max_age", out.max_age);
    f.optional("gender", out.gender_identity);
    f.done();
    return true;
  }

  bool read(json_value value, const std::string& field, excluded_pair& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("person", out.person_id);
    ok = f.required("household", out.household_id) && ok;
    f.done();
    return ok;
  }

  // Calendars -------------------------------------------------------------------------

  bool read(json_value value, const std::string& field, stay& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("start", out.start);
    ok = f.required("nights", out.nights) && ok;
    f.done();
    return ok;
  }

  /// An RRULE in the subset `parse_rrule` reads; its reason when it is not.
  bool read(json_value value, const std::string& field, recurrence& out) {
    std::string text;
    if (!read(value, field, text)) return false;
    const bool printable = std::all_of(text.begin(), text.end(), [](char c) {
      return c >= ' ' && c <= '~'; // the reason may quote the text back
    });
    if (!printable) {
      fail(field, "a rule is written in letters, digits and = ; , - only");
      return false;
    }
    std::string why;
    const auto rule = parse_rrule(text, why);
    if (!rule) {
      fail(field, why);
      return false;
    }
    out = *rule;
    return true;
  }

  bool read(json_value value, const std::string& field, recurring_stays& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("first", out.first);
    ok = f.required("rule", out.rule) && ok;
    ok = f.required("nights", out.nights) && ok;
    f.done();
    return ok;
  }

  bool read(json_value value, const std::string& field, allowance& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    f.required("nights", out.nights);
    f.required("per", out.per);
    f.optional("stay_nights", out.stay_nights);
    f.optional("start_days", out.start_days);
    f.optional("preferred", out.preferred);
    f.optional("unacceptable", out.unacceptable);
    f.done();
    return !f.had_problem();
  }

  bool read(json_value value, const std::string& field, day_slot& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("day", out.day);
    ok = f.required("part", out.part) && ok;
    f.done();
    return ok;
  }

  /// A person's calendar; kept only when every part of it was read.
  bool read(json_value value, const std::string& field, calendar_request& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    f.optional("stays", out.stays);
    f.optional("recurring", out.recurring);
    f.optional("allowance", out.allowance);
    f.optional("day_slots", out.day_slots);
    f.optional("longest_stay", out.longest_stay);
    f.optional("shortest_gap", out.shortest_gap);
    f.optional("one_carer", out.one_carer);
    f.optional("priority", out.priority);
    f.done();
    return !f.had_problem();
  }

  bool read(json_value value, const std::string& field, date_range& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("from", out.from);
    ok = f.required("to", out.to) && ok;
    f.done();
    return ok;
  }

  bool read(json_value value, const std::string& field, booking& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    bool ok = f.required("person", out.person_id);
    ok = f.required("start", out.start) && ok;
    ok = f.required("nights", out.nights) && ok;
    f.done();
    return ok;
  }

  /// A household's calendar; kept only when every part of it was read.
  bool read(json_value value, const std::string& field, calendar_availability& out) {
    if (!value.is_object()) return type_error(value, field, "an object");
    object_fields f(*this, value, field);
    f.optional("short_break_beds", out.short_break_beds);
    f.optional("short_break_nights", out.short_break_nights);
    f.optional("day_places", out.day_places);
    f.optional("day_slots", out.day_slots);
    f.optional("away", out.away);
    f.optional("max_nights_per_month", out.max_nights_per_month);
    f.optional("bookings", out.bookings);
    f.done();
    return !f.had_problem();
  }

  // Records ---------------------------------------------------------------------------

  /// The id of a record, when it is there, a string and not too long (read again, with
  /// errors, later); otherwise the record is named by its position.
  static std::string peek_id(json_value value) {
    const auto id = value.find("id");
    if (id && id->is_string() && id->text().size() <= scheme_limits::string)
      return std::string(id->text());
    return {};
  }

  void enter(std::string record) {
    record_ = std::move(record);
    record_order.push_back(record_);
  }

  void read_policy(json_value value, policy& out) {
    enter("policy");
    if (!value.is_object()) {
      type_error(value, "", "an object");
      return;
    }
    object_fields f(*this, value, "");
    as_of_read = f.required("as_of", out.as_of);
    f.optional("household_cap", out.household_cap);
    f.optional("travel_limit_km", out.travel_limit_km);
    f.optional("weights", out.weights);
    list_limit_ = scheme_limits::excluded_pairs;
    f.optional("excluded_pairs", out.excluded_pairs);
    list_limit_ = scheme_limits::list;
    f.optional("living_together_weight", out.living_together_weight);
    f.done();
  }

  void read_person(json_value value, std::size_t index, person& p) {
    p.id = peek_id(value);
    enter(person_record(p, index));
    if (!value.is_object()) {
      type_error(value, "", "an object");
      return;
    }
    object_fields f(*this, value, "");
    f.required("id", p.id);
    f.optional_text("name", p.name);
    f.required("date_of_birth", p.date_of_birth);
    f.required("gender", p.gender_identity);
    f.optional_text("notes", p.notes);
    f.required("needs", p.needs);
    f.required("support_level", p.support);
    f.required("arrangement", p.arrangement);
    f.optional("access_needs", p.access_needs);
    f.optional("specialist_needs", p.specialist_needs);
    f.required("location", p.location);
    f.optional("travel_limit_km", p.travel_limit_km);
    f.optional("must_not", p.must_not);
    f.optional("required_carer_gender", p.required_carer_gender);
    f.optional("preferred_carer_gender", p.preferred_carer_gender);
    f.optional("smoker", p.smoker);
    f.optional("risk_flags", p.risk_flags);
    f.optional("declined_households", p.declined_households);
    f.optional("conflicts_with", p.conflicts_with);
    f.required("waiting_since", p.waiting_since);
    f.optional("anchors", p.anchors);
    f.optional("interests", p.interests);
    f.optional("languages", p.languages);
    f.optional("faith", p.faith);
    f.optional("cultures", p.cultures);
    f.optional("diets", p.diets);
    f.optional("lifestyle", p.way_of_life);
    f.optional("pets", p.pets);
    f.optional("children", p.children);
    f.optional("known_households", p.known_households);
    f.optional("ethnicity", p.ethnicity);
    f.optional("about_me", p.profile);
    f.required("consent", p.consent);
    f.optional("consents", p.consents);
    f.optional("national_data_opt_out", p.national_data_opt_out);
    f.optional("weights", p.weights);
    f.optional("calendar", p.calendar);
    f.done();
  }

  void read_resident(json_value value, const household& h, std::size_t household_index,
                     std::size_t index, resident& r) {
    r.id = peek_id(value);
    enter(resident_record(h, household_index, r, index));
    if (!value.is_object()) {
      type_error(value, "", "an object");
      return;
    }
    object_fields f(*this, value, "");
    f.required("id", r.id);
    f.required("age", r.age);
    f.required("gender", r.gender_identity);
    f.optional("needs", r.needs);
    f.optional("lifestyle", r.way_of_life);
    f.optional("interests", r.interests);
    f.optional("conflicts_with", r.conflicts_with);
    f.done();
  }

  void read_household(json_value value, std::size_t index, household& h) {
    h.id = peek_id(value);
    const std::string record = household_record(h, index);
    enter(record);
    if (!value.is_object()) {
      type_error(value, "", "an object");
      return;
    }
    object_fields f(*this, value, "");
    f.required("id", h.id);
    f.optional_text("name", h.name);
    f.required("approved_needs", h.approved_needs);
    f.required("max_support_level", h.max_support);
    f.optional("skills", h.skills);
    f.required("arrangements", h.arrangements);
    f.required("active", h.active);
    f.required("approval_expires", h.approval_expires);
    f.required("places", h.places);
    f.required("free_bedrooms", h.free_bedrooms);
    f.optional("features", h.features);
    f.required("location", h.location);
    f.required("adults", h.adults);
    f.optional("children_ages", h.children_ages);
    f.optional("pets", h.pets);
    if (const auto residents = f.find("residents", false)) {
      if (!residents->is_array()) {
        type_error(*residents, "residents", "an array");
      } else if (within_limit(*residents, "residents", scheme_limits::list)) {
        for (std::size_t j = 0; j < residents->size(); ++j) {
          h.residents.emplace_back();
          read_resident((*residents)[j], h, index, j, h.residents.back());
        }
        record_ = record;
      }
    }
    f.optional("interests", h.interests);
    f.optional("languages", h.languages);
    f.optional("faiths", h.faiths);
    f.optional("cultures", h.cultures);
    f.optional("diets", h.diets);
    f.optional("lifestyle", h.way_of_life);
    f.optional("years_caring", h.years_caring);
    f.optional("experienced_with", h.experienced_with);
    f.optional("will_not_support", h.will_not_support);
    f.optional("preferences", h.preferences);
    f.optional("declined_people", h.declined_people);
    f.optional("calendar", h.calendar);
    f.done();
  }

  void read_group(json_value value, std::size_t index, person_group& g) {
    g.id = peek_id(value);
    enter(group_record(g, index));
    if (!value.is_object()) {
      type_error(value, "", "an object");
      return;
    }
    object_fields f(*this, value, "");
    f.required("id", g.id);
    f.required("kind", g.kind);
    f.required("members", g.members);
    f.optional("together", g.together);
    f.optional("share_bedroom", g.share_bedroom);
    f.done();
  }

  template <class Record, class ReadOne>
  void read_list(std::optional<json_value> list, const char* field, std::size_t limit,
                 std::vector<Record>& out, ReadOne read_one) {
    if (!list) return;
    if (!list->is_array()) {
      type_error(*list, field, "an array");
      return;
    }
    if (!within_limit(*list, field, limit)) return;
    out.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i) {
      out.emplace_back();
      read_one((*list)[i], i, out.back());
    }
    record_ = "scheme";
  }

  std::string record_;
  std::size_t string_limit_ = scheme_limits::string;
  std::size_t list_limit_ = scheme_limits::list;
};

scheme scheme_reader::read(json_value document) {
  scheme s;
  enter("scheme");
  if (!document.is_object()) {
    type_error(document, "", "an object");
    return s;
  }
  object_fields f(*this, document, "");
  std::string format;
  if (f.optional("format", format) && format != scheme_format_name)
    fail("format", "must be " + in_quotes(scheme_format_name));
  int version = scheme_format_version;
  if (f.optional("version", version) && version != scheme_format_version)
    fail("version", "unsupported version " + std::to_string(version) +
                        " (this library reads version " + std::to_string(scheme_format_version) +
                        ")");
  f.required("id", s.id);
  f.optional_text("name", s.name);
  if (const auto policy = f.find("policy", true)) {
    read_policy(*policy, s.policy);
    record_ = "scheme";
  }
  read_list(f.find("people", true), "people", scheme_limits::people, s.people,
            [&](json_value v, std::size_t i, person& p) { read_person(v, i, p); });
  read_list(f.find("households", true), "households", scheme_limits::households, s.households,
            [&](json_value v, std::size_t i, household& h) { read_household(v, i, h); });
  read_list(f.find("groups", false), "groups", scheme_limits::groups, s.groups,
            [&](json_value v, std::size_t i, person_group& g) { read_group(v, i, g); });
  f.done();
  return s;
}

/// True when `field` is `prefix` or lies inside it ("location.lat" inside "location").
bool within(const std::string& field, const std::string& prefix) {
  if (prefix.empty() || field == prefix) return true;
  return field.size() > prefix.size() && field.compare(0, prefix.size(), prefix) == 0 &&
         (field[prefix.size()] == '.' || field[prefix.size()] == '[');
}

/// The structural problems and the domain problems, in input order record by record
/// (structural first within a record). A domain problem is left out when its field
/// already has a structural problem, or holds or lies inside one: an unknown name in
/// "needs[0]" leaves "needs" empty, which needs no second report.
std::vector<problem> merge_problems(const scheme_reader& reader, std::vector<problem> domain) {
  std::map<std::string, std::vector<std::string>> broken_fields; // record -> fields
  for (const auto& p : reader.problems) broken_fields[p.record].push_back(p.field);
  std::vector<problem> all = reader.problems;
  for (auto& p : domain) {
    const auto broken = broken_fields.find(p.record);
    const bool explained =
        broken != broken_fields.end() &&
        std::any_of(broken->second.begin(), broken->second.end(),
                    [&](const std::string& f) { return within(p.field, f) || within(f, p.field); });
    if (!explained) all.push_back(std::move(p));
  }
  std::map<std::string, std::size_t> rank;
  for (std::size_t i = 0; i < reader.record_order.size(); ++i)
    rank.emplace(reader.record_order[i], i);
  const auto rank_of = [&](const problem& p) {
    const auto it = rank.find(p.record);
    return it == rank.end() ? rank.size() : it->second;
  };
  std::stable_sort(all.begin(), all.end(),
                   [&](const problem& a, const problem& b) { return rank_of(a) < rank_of(b); });
  return all;
}

/// The scheme in `document`, validated; every problem is thrown at once.
scheme read_scheme(json_value document) {
  scheme_reader reader;
  scheme s = reader.read(document);
  // An unreadable as_of must not make every date look "after" it.
  scheme checked_copy;
  const scheme* checked = &s;
  if (!reader.as_of_read) {
    checked_copy = s;
    checked_copy.policy.as_of = date{9999, 12, 31};
    checked = &checked_copy;
  }
  auto problems = merge_problems(reader, check_scheme(*checked));
  if (problems.size() > scheme_limits::problems) {
    const std::size_t more = problems.size() - scheme_limits::problems;
    problems.resize(scheme_limits::problems);
    problems.push_back({"file", "", std::to_string(more) + " more problems not listed"});
  }
  if (!problems.empty()) throw validation_error(std::move(problems));
  return s;
}

} // namespace

scheme scheme_from_json(const nlohmann::json& document) {
  return read_scheme(detail::json_document::from(document).root());
}

scheme parse_scheme(std::string_view json_text) {
  return read_scheme(detail::parse_within_limits(json_text).root());
}

scheme load_scheme(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw validation_error({problem{"file", "", "cannot open " + detail::in_quotes(path)}});
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::streamoff>(in.tellg());
  if (size > 0 && static_cast<std::size_t>(size) > scheme_limits::file_bytes)
    throw validation_error({detail::too_large(static_cast<std::size_t>(size))});
  const auto unreadable = [&] {
    return validation_error({problem{"file", "", "cannot read " + detail::in_quotes(path)}});
  };
  if (size < 0) { // not a regular file (a pipe): read until it ends
    in.clear();
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw unreadable();
    return parse_scheme(text.str());
  }
  in.seekg(0, std::ios::beg);
  // Room for simdjson's padding after the text, so that it parses the text where it is; the
  // text is left uninitialised for `read` to fill, and freed before the scheme is read.
  const auto bytes = static_cast<std::size_t>(size);
  std::unique_ptr<char[]> text(new char[bytes + detail::simdjson_padding]);
  std::fill_n(text.get() + bytes, detail::simdjson_padding, '\0');
  in.read(text.get(), static_cast<std::streamsize>(bytes));
  if (in.bad() || static_cast<std::size_t>(in.gcount()) != bytes) throw unreadable();
  const detail::json_document document =
      detail::parse_within_limits(std::string_view(text.get(), bytes), true);
  text.reset();
  return read_scheme(document.root());
}

} // namespace slmatch
