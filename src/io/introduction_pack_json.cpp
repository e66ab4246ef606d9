// An introduction pack as JSON: the core information, each shared category's data, and a
// sentence for each category not shared.

#include "slmatch/io/introduction_pack_json.hpp"

#include <string>
#include <utility>

namespace slmatch {
namespace {

using json = nlohmann::json;

template <class E> json names_of(tag_set<E> set) {
  json out = json::array();
  for (E value : set.values()) out.push_back(std::string(to_string(value)));
  return out;
}

/// The data of one shared category.
json category_data(const introduction_pack& pack, data_category c) {
  switch (c) {
  case data_category::interests:
    return {{"interests", pack.interests}};
  case data_category::languages:
    return {{"languages", pack.languages}};
  case data_category::faith_culture:
    return {{"faith", pack.faith ? json(*pack.faith) : json(nullptr)}, {"cultures", pack.cultures}};
  case data_category::diet:
    return {{"diets", names_of(pack.diets)}};
  case data_category::lifestyle: {
    json lifestyle = nullptr;
    if (pack.way_of_life)
      lifestyle = {{"activity", pack.way_of_life->activity},
                   {"setting", pack.way_of_life->setting},
                   {"routine", pack.way_of_life->routine}};
    return {{"lifestyle", std::move(lifestyle)}};
  }
  case data_category::household_preferences:
    return {{"pets", std::string(to_string(pack.pets))},
            {"children", std::string(to_string(pack.children))}};
  case data_category::history: {
    json people = json::array();
    for (const known_person& k : pack.people_i_know)
      people.push_back({{"name", k.name}, {"relationship", k.relationship}, {"carer", k.carer}});
    return {{"knows_this_household", pack.knows_this_household},
            {"people_i_know", std::move(people)}};
  }
  case data_category::about_me:
    return {{"what_matters_to_me", pack.what_matters_to_me},
            {"how_best_to_support_me", pack.how_best_to_support_me},
            {"communication", pack.communication}};
  case data_category::community:
  case data_category::ethnicity:
    break;
  }
  return json::object();
}

} // namespace

json introduction_pack_to_json(const introduction_pack& pack) {
  json doc = json::object();
  doc["format"] = "slmatch-introduction-pack";
  doc["version"] = 1;
  doc["person"] = pack.person_id;
  doc["household"] = pack.household_id;
  doc["as_of"] = pack.as_of.to_string();
  doc["core"] = {
      {"needs", names_of(pack.needs)},
      {"support_level", std::string(to_string(pack.support))},
      {"arrangement", std::string(to_string(pack.arrangement))},
      {"access_needs", names_of(pack.access_needs)},
      {"specialist_needs", names_of(pack.specialist_needs)},
      {"must_not", names_of(pack.must_not)},
      {"required_carer_gender", pack.required_carer_gender
                                    ? json(std::string(to_string(*pack.required_carer_gender)))
                                    : json(nullptr)},
      {"smoker", pack.smoker},
      {"risk_flags", names_of(pack.risk_flags)},
  };
  json shared = json::object();
  for (data_category c : pack.shared.values())
    shared[std::string(to_string(c))] = category_data(pack, c);
  doc["shared"] = std::move(shared);
  json authors = json::object();
  for (const auto& [section, by] : pack.written_by) {
    json item = {{"role", std::string(to_string(by.role))},
                 {"written_on", by.written_on.to_string()}};
    if (!by.name.empty()) item["name"] = by.name;
    authors[std::string(to_string(section))] = std::move(item);
  }
  doc["written_by"] = std::move(authors);
  json not_shared = json::array();
  for (const category_not_shared& n : pack.not_shared)
    not_shared.push_back({{"category", std::string(to_string(n.category))},
                          {"status", std::string(to_string(n.status))},
                          {"since", n.since ? json(n.since->to_string()) : json(nullptr)},
                          {"sentence", n.sentence}});
  doc["not_shared"] = std::move(not_shared);
  return doc;
}

} // namespace slmatch
