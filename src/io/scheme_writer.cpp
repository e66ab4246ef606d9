// Writing a scheme as JSON, every field in the fixed key order of the file format.

#include "slmatch/io/scheme_writer.hpp"

#include "slmatch/io/atomic_file.hpp"
#include "slmatch/io/scheme_format.hpp"
#include "slmatch/model/calendar.hpp"

#include <string>
#include <utility>
#include <vector>

namespace slmatch {
namespace {

template <class J, class E> J names_of(tag_set<E> set) {
  J out = J::array();
  for (E value : set.values()) out.push_back(std::string(to_string(value)));
  return out;
}

template <class J> J strings_of(const std::vector<std::string>& values) {
  J out = J::array();
  for (const auto& v : values) out.push_back(v);
  return out;
}

template <class J> J point_of(const geo_point& where) {
  J out = J::object();
  out["lat"] = where.lat;
  out["lon"] = where.lon;
  return out;
}

template <class J> J lifestyle_of(const lifestyle& l) {
  J out = J::object();
  out["activity"] = l.activity;
  out["setting"] = l.setting;
  out["routine"] = l.routine;
  return out;
}

template <class J> J dates_of(const std::vector<date>& dates) {
  J out = J::array();
  for (const auto& d : dates) out.push_back(d.to_string());
  return out;
}

template <class J> J day_slots_of(const std::vector<day_slot>& slots) {
  J out = J::array();
  for (const auto& slot : slots) {
    J item = J::object();
    item["day"] = std::string(to_string(slot.day));
    item["part"] = std::string(to_string(slot.part));
    out.push_back(std::move(item));
  }
  return out;
}

/// A stay or a booking: start and nights, after what comes first.
template <class J> J nights_from(J item, const date& start, int nights) {
  item["start"] = start.to_string();
  item["nights"] = nights;
  return item;
}

template <class J> J calendar_of(const calendar_request& c) {
  J out = J::object();
  J stays = J::array();
  for (const auto& s : c.stays) stays.push_back(nights_from(J::object(), s.start, s.nights));
  out["stays"] = std::move(stays);
  J recurring = J::array();
  for (const auto& r : c.recurring) {
    J item = J::object();
    item["first"] = r.first.to_string();
    item["rule"] = to_rrule(r.rule);
    item["nights"] = r.nights;
    recurring.push_back(std::move(item));
  }
  out["recurring"] = std::move(recurring);
  if (c.allowance) {
    const auto& a = *c.allowance;
    J allowance = J::object();
    allowance["nights"] = a.nights;
    allowance["per"] = std::string(to_string(a.per));
    allowance["stay_nights"] = a.stay_nights;
    allowance["start_days"] = names_of<J>(a.start_days);
    allowance["preferred"] = dates_of<J>(a.preferred);
    allowance["unacceptable"] = dates_of<J>(a.unacceptable);
    out["allowance"] = std::move(allowance);
  }
  out["day_slots"] = day_slots_of<J>(c.day_slots);
  if (c.longest_stay) out["longest_stay"] = *c.longest_stay;
  out["shortest_gap"] = c.shortest_gap;
  out["one_carer"] = std::string(to_string(c.one_carer));
  out["priority"] = c.priority;
  return out;
}

template <class J> J calendar_of(const calendar_availability& c) {
  J out = J::object();
  out["short_break_beds"] = c.short_break_beds;
  out["short_break_nights"] = names_of<J>(c.short_break_nights);
  out["day_places"] = c.day_places;
  out["day_slots"] = day_slots_of<J>(c.day_slots);
  J away = J::array();
  for (const auto& range : c.away) {
    J item = J::object();
    item["from"] = range.from.to_string();
    item["to"] = range.to.to_string();
    away.push_back(std::move(item));
  }
  out["away"] = std::move(away);
  if (c.max_nights_per_month) out["max_nights_per_month"] = *c.max_nights_per_month;
  J bookings = J::array();
  for (const auto& b : c.bookings) {
    J item = J::object();
    item["person"] = b.person_id;
    bookings.push_back(nights_from(std::move(item), b.start, b.nights));
  }
  out["bookings"] = std::move(bookings);
  return out;
}

template <class J> J consent_of(const consent_record& c) {
  J out = J::object();
  out["category"] = std::string(to_string(c.category));
  out["purpose"] = std::string(to_string(c.purpose));
  out["given_by"] = std::string(to_string(c.given_by));
  if (!c.decided_by.empty()) out["decided_by"] = c.decided_by;
  out["given_on"] = c.given_on.to_string();
  if (c.expires_on) out["expires_on"] = c.expires_on->to_string();
  if (c.withdrawn_on) out["withdrawn_on"] = c.withdrawn_on->to_string();
  return out;
}

template <class J> J about_me_of(const about_me& a) {
  J out = J::object();
  out["what_matters_to_me"] = strings_of<J>(a.what_matters_to_me);
  out["how_best_to_support_me"] = strings_of<J>(a.how_best_to_support_me);
  out["communication"] = strings_of<J>(a.communication);
  J people = J::array();
  for (const auto& k : a.people_i_know) {
    J item = J::object();
    item["name"] = k.name;
    item["relationship"] = k.relationship;
    item["carer"] = k.carer;
    people.push_back(std::move(item));
  }
  out["people_i_know"] = std::move(people);
  J authors = J::object();
  for (const auto& [section, by] : a.written_by) {
    J item = J::object();
    item["role"] = std::string(to_string(by.role));
    if (!by.name.empty()) item["name"] = by.name;
    item["written_on"] = by.written_on.to_string();
    authors[std::string(to_string(section))] = std::move(item);
  }
  out["written_by"] = std::move(authors);
  return out;
}

template <class J> J person_of(const person& p) {
  J out = J::object();
  out["id"] = p.id;
  out["name"] = p.name;
  out["date_of_birth"] = p.date_of_birth.to_string();
  out["gender"] = std::string(to_string(p.gender_identity));
  out["notes"] = p.notes;
  out["needs"] = names_of<J>(p.needs);
  out["support_level"] = std::string(to_string(p.support));
  out["arrangement"] = std::string(to_string(p.arrangement));
  out["access_needs"] = names_of<J>(p.access_needs);
  out["specialist_needs"] = names_of<J>(p.specialist_needs);
  out["location"] = point_of<J>(p.location);
  if (p.travel_limit_km) out["travel_limit_km"] = *p.travel_limit_km;
  out["must_not"] = names_of<J>(p.must_not);
  if (p.required_carer_gender)
    out["required_carer_gender"] = std::string(to_string(*p.required_carer_gender));
  if (p.preferred_carer_gender)
    out["preferred_carer_gender"] = std::string(to_string(*p.preferred_carer_gender));
  out["smoker"] = p.smoker;
  out["risk_flags"] = names_of<J>(p.risk_flags);
  out["declined_households"] = strings_of<J>(p.declined_households);
  out["conflicts_with"] = strings_of<J>(p.conflicts_with);
  out["waiting_since"] = p.waiting_since.to_string();
  J anchors = J::array();
  for (const auto& a : p.anchors) {
    J item = J::object();
    item["kind"] = std::string(to_string(a.kind));
    item["lat"] = a.where.lat;
    item["lon"] = a.where.lon;
    anchors.push_back(std::move(item));
  }
  out["anchors"] = std::move(anchors);
  out["interests"] = strings_of<J>(p.interests);
  out["languages"] = strings_of<J>(p.languages);
  if (p.faith) out["faith"] = *p.faith;
  out["cultures"] = strings_of<J>(p.cultures);
  out["diets"] = names_of<J>(p.diets);
  if (p.way_of_life) out["lifestyle"] = lifestyle_of<J>(*p.way_of_life);
  out["pets"] = std::string(to_string(p.pets));
  out["children"] = std::string(to_string(p.children));
  out["known_households"] = strings_of<J>(p.known_households);
  if (p.ethnicity) out["ethnicity"] = *p.ethnicity;
  if (!p.profile.empty()) out["about_me"] = about_me_of<J>(p.profile);
  out["consent"] = names_of<J>(p.consent);
  // Written only when present, so a scheme without them reads and writes as before.
  if (!p.consents.empty()) {
    J consents = J::array();
    for (const auto& c : p.consents) consents.push_back(consent_of<J>(c));
    out["consents"] = std::move(consents);
  }
  if (p.national_data_opt_out) out["national_data_opt_out"] = true;
  J weights = J::object();
  for (const auto& [f, w] : p.weights) weights[std::string(to_string(f))] = w;
  out["weights"] = std::move(weights);
  if (p.calendar) out["calendar"] = calendar_of<J>(*p.calendar);
  return out;
}

template <class J> J resident_of(const resident& r) {
  J out = J::object();
  out["id"] = r.id;
  out["age"] = r.age;
  out["gender"] = std::string(to_string(r.gender_identity));
  out["needs"] = names_of<J>(r.needs);
  if (r.way_of_life) out["lifestyle"] = lifestyle_of<J>(*r.way_of_life);
  out["interests"] = strings_of<J>(r.interests);
  out["conflicts_with"] = strings_of<J>(r.conflicts_with);
  return out;
}

template <class J> J household_of(const household& h) {
  J out = J::object();
  out["id"] = h.id;
  out["name"] = h.name;
  out["approved_needs"] = names_of<J>(h.approved_needs);
  out["max_support_level"] = std::string(to_string(h.max_support));
  out["skills"] = names_of<J>(h.skills);
  out["arrangements"] = names_of<J>(h.arrangements);
  out["active"] = h.active;
  out["approval_expires"] = h.approval_expires.to_string();
  out["places"] = h.places;
  out["free_bedrooms"] = h.free_bedrooms;
  out["features"] = names_of<J>(h.features);
  out["location"] = point_of<J>(h.location);
  J adults = J::array();
  for (const auto& a : h.adults) {
    J item = J::object();
    item["gender"] = std::string(to_string(a.gender_identity));
    item["age"] = a.age;
    item["main_carer"] = a.main_carer;
    item["smoker"] = a.smoker;
    adults.push_back(std::move(item));
  }
  out["adults"] = std::move(adults);
  J children = J::array();
  for (int age : h.children_ages) children.push_back(age);
  out["children_ages"] = std::move(children);
  out["pets"] = h.pets;
  J residents = J::array();
  for (const auto& r : h.residents) residents.push_back(resident_of<J>(r));
  out["residents"] = std::move(residents);
  out["interests"] = strings_of<J>(h.interests);
  out["languages"] = strings_of<J>(h.languages);
  out["faiths"] = strings_of<J>(h.faiths);
  out["cultures"] = strings_of<J>(h.cultures);
  out["diets"] = names_of<J>(h.diets);
  out["lifestyle"] = lifestyle_of<J>(h.way_of_life);
  out["years_caring"] = h.years_caring;
  out["experienced_with"] = names_of<J>(h.experienced_with);
  out["will_not_support"] = names_of<J>(h.will_not_support);
  J preferences = J::object();
  preferences["needs"] = names_of<J>(h.preferences.needs);
  if (h.preferences.min_age) preferences["min_age"] = *h.preferences.min_age;
  if (h.preferences.max_age) preferences["max_age"] = *h.preferences.max_age;
  if (h.preferences.gender_identity)
    preferences["gender"] = std::string(to_string(*h.preferences.gender_identity));
  out["preferences"] = std::move(preferences);
  out["declined_people"] = strings_of<J>(h.declined_people);
  if (h.calendar) out["calendar"] = calendar_of<J>(*h.calendar);
  return out;
}

template <class J> J group_of(const person_group& g) {
  J out = J::object();
  out["id"] = g.id;
  out["kind"] = std::string(to_string(g.kind));
  out["members"] = strings_of<J>(g.members);
  out["together"] = std::string(to_string(g.together));
  out["share_bedroom"] = g.share_bedroom;
  return out;
}

/// The living-together weight of a policy that does not set one.
double default_living_together_weight() { return policy{}.living_together_weight; }

template <class J> J document_of(const scheme& s) {
  J out = J::object();
  out["format"] = std::string(scheme_format_name);
  out["version"] = scheme_format_version;
  out["id"] = s.id;
  out["name"] = s.name;
  J policy = J::object();
  policy["as_of"] = s.policy.as_of.to_string();
  policy["household_cap"] = s.policy.household_cap;
  policy["travel_limit_km"] = s.policy.travel_limit_km;
  J weights = J::object();
  for (factor f : all_values<factor>())
    weights[std::string(to_string(f))] = s.policy.weights[static_cast<std::size_t>(f)];
  policy["weights"] = std::move(weights);
  J excluded = J::array();
  for (const auto& pair : s.policy.excluded_pairs) {
    J item = J::object();
    item["person"] = pair.person_id;
    item["household"] = pair.household_id;
    excluded.push_back(std::move(item));
  }
  policy["excluded_pairs"] = std::move(excluded);
  // Written only when set, so a scheme without groups reads and writes as before.
  if (s.policy.living_together_weight != default_living_together_weight())
    policy["living_together_weight"] = s.policy.living_together_weight;
  out["policy"] = std::move(policy);
  J people = J::array();
  for (const auto& p : s.people) people.push_back(person_of<J>(p));
  out["people"] = std::move(people);
  J households = J::array();
  for (const auto& h : s.households) households.push_back(household_of<J>(h));
  out["households"] = std::move(households);
  if (!s.groups.empty()) {
    J groups = J::array();
    for (const auto& g : s.groups) groups.push_back(group_of<J>(g));
    out["groups"] = std::move(groups);
  }
  return out;
}

} // namespace

nlohmann::json scheme_to_json(const scheme& s) { return document_of<nlohmann::json>(s); }

std::string dump_scheme(const scheme& s, int indent) {
  return document_of<nlohmann::ordered_json>(s).dump(indent, ' ', false,
                                                     nlohmann::json::error_handler_t::replace);
}

void save_scheme(const scheme& s, const std::string& path) {
  write_file_atomically(path, dump_scheme(s) + "\n");
}

} // namespace slmatch
