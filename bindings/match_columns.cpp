#include "match_columns.hpp"

#include "str_pool.hpp"

#include "slmatch/io/report.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace slmatch::bindings {

namespace {

/// A list of str, one per text.
py::list str_list(const std::vector<const std::string*>& texts) {
  py::list out(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) out[i] = py::str(*texts[i]);
  return out;
}

/// A new list of the pooled str of `ids`, which the cycle collector skips. It holds only str,
/// so it is in no cycle; a report at national scale makes millions of them, which the
/// collector would otherwise walk again and again while they live. (A caller who builds a
/// cycle through one must break it to free it.)
py::list id_list(const std::vector<std::string>& ids, str_pool& pool) {
  py::list out(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i)
    PyList_SET_ITEM(out.ptr(), static_cast<py::ssize_t>(i), pool(ids[i]).inc_ref().ptr());
  PyObject_GC_UnTrack(out.ptr());
  return out;
}

void set_item(const py::dict& dict, py::handle key, py::handle value) {
  if (PyDict_SetItem(dict.ptr(), key.ptr(), value.ptr()) != 0) throw py::error_already_set();
}

} // namespace

py::tuple plan_columns(const match_result& result) {
  std::vector<std::int64_t> person, household;
  std::vector<double> score;
  std::vector<const std::string*> summary;
  {
    py::gil_scoped_release release;
    const auto rows = result.proposals.size();
    person.reserve(rows);
    household.reserve(rows);
    score.reserve(rows);
    summary.reserve(rows);
    for (const auto& item : result.proposals) {
      person.push_back(static_cast<std::int64_t>(item.person));
      household.push_back(item.why ? item.household : -1);
      score.push_back(item.why ? round_points(item.score)
                               : std::numeric_limits<double>::quiet_NaN());
      summary.push_back(item.why ? &item.why->summary : &item.why_not->summary);
    }
  }
  return py::make_tuple(owned_array(std::move(person)), owned_array(std::move(household)),
                        owned_array(std::move(score)), str_list(summary));
}

py::tuple shortlist_columns(const match_result& result) {
  std::vector<std::int64_t> person, rank, household;
  std::vector<double> score;
  {
    py::gil_scoped_release release;
    for (const auto& item : result.proposals) {
      std::int64_t place = 0;
      for (const auto& pair : result.shortlists[item.person]) {
        person.push_back(static_cast<std::int64_t>(item.person));
        rank.push_back(++place);
        household.push_back(static_cast<std::int64_t>(pair.household));
        score.push_back(round_points(pair.score));
      }
    }
  }
  return py::make_tuple(owned_array(std::move(person)), owned_array(std::move(rank)),
                        owned_array(std::move(household)), owned_array(std::move(score)));
}

py::tuple explanation_columns(const match_result& result) {
  std::vector<std::int64_t> person, household, factor_index;
  std::vector<std::uint8_t> used; // not vector<bool>, which has no contiguous storage
  std::vector<double> raw, weight, points;
  std::vector<const std::string*> sentence;
  {
    py::gil_scoped_release release;
    for (const auto& item : result.proposals) {
      if (!item.why) continue;
      for (const auto& f : item.why->factors) {
        person.push_back(static_cast<std::int64_t>(item.person));
        household.push_back(item.household);
        factor_index.push_back(static_cast<std::int64_t>(f.id));
        used.push_back(f.used ? 1 : 0);
        raw.push_back(round_points(f.raw));
        weight.push_back(f.weight);
        points.push_back(round_points(f.points));
        sentence.push_back(&f.sentence);
      }
    }
  }
  py::array_t<bool> used_array(static_cast<py::ssize_t>(used.size()));
  std::copy(used.begin(), used.end(), used_array.mutable_data());
  return py::make_tuple(owned_array(std::move(person)), owned_array(std::move(household)),
                        owned_array(std::move(factor_index)), used_array,
                        owned_array(std::move(raw)), owned_array(std::move(weight)),
                        owned_array(std::move(points)), str_list(sentence));
}

py::tuple unmatched_columns(const match_result& result) {
  str_pool ids;
  std::vector<std::int64_t> person;
  py::list summary, blocking_rules, places_taken;
  for (const auto& item : result.proposals) {
    if (item.why) continue;
    const auto& why_not = *item.why_not;
    person.push_back(static_cast<std::int64_t>(item.person));
    summary.append(py::str(why_not.summary));
    py::dict blocking;
    for (const auto& [rule_id, households] : why_not.blocking_rules)
      set_item(blocking, ids(to_string(rule_id)), py::int_(households));
    blocking_rules.append(blocking);
    py::dict taken;
    for (const auto& [household_id, people] : why_not.places_taken)
      set_item(taken, ids(household_id), id_list(people, ids));
    places_taken.append(taken);
  }
  return py::make_tuple(owned_array(std::move(person)), summary, blocking_rules, places_taken);
}

} // namespace slmatch::bindings
