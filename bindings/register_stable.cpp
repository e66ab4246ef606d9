// slmatch._core's stable matching: deferred acceptance and the blocking-pair finder on
// ranked lists given as CSR arrays, with the GIL released. The public wrappers, which
// take dictionaries of names, live in slmatch/stable.py.

#include "register.hpp"

#include "slmatch/stable/deferred_acceptance.hpp"

#include <pybind11/numpy.h>

#include <cstdint>
#include <string>
#include <vector>

namespace slmatch::bindings {

namespace {

using index_array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

ranked_lists lists_of(const index_array& indptr, const index_array& indices, const char* side) {
  if (indptr.ndim() != 1 || indices.ndim() != 1 || indptr.size() < 1 || indptr.data()[0] != 0 ||
      indptr.data()[indptr.size() - 1] != indices.size())
    throw validation_error({{"preferences", side, "malformed ranked lists"}});
  ranked_lists lists;
  lists.first.assign(indptr.data(), indptr.data() + indptr.size());
  for (std::size_t r = 0; r + 1 < lists.first.size(); ++r)
    if (lists.first[r + 1] < lists.first[r])
      throw validation_error({{"preferences", side, "malformed ranked lists"}});
  lists.entries.reserve(static_cast<std::size_t>(indices.size()));
  for (py::ssize_t k = 0; k < indices.size(); ++k) {
    const std::int64_t value = indices.data()[k];
    lists.entries.push_back(value < 0 || value > INT32_MAX ? -1 : static_cast<int>(value));
  }
  return lists;
}

preferences preferences_of(const index_array& person_indptr, const index_array& person_indices,
                           const index_array& household_indptr,
                           const index_array& household_indices, const index_array& capacity) {
  preferences lists;
  lists.people = static_cast<int>(person_indptr.size() - 1);
  lists.person_ranks = lists_of(person_indptr, person_indices, "person_ranks");
  lists.household_ranks = lists_of(household_indptr, household_indices, "household_ranks");
  for (py::ssize_t h = 0; h < capacity.size(); ++h) {
    const std::int64_t places = capacity.data()[h];
    lists.capacity.push_back(places > INT32_MAX ? INT32_MAX : places < 0 ? -1 : int(places));
  }
  return lists;
}

proposing_side side_named(const std::string& name) {
  if (name == "people") return proposing_side::people;
  if (name == "households") return proposing_side::households;
  throw validation_error({{"options", "proposing", "must be \"people\" or \"households\""}});
}

/// (household_of, members_indptr, members): each household's people in its own order.
py::tuple stable(const index_array& person_indptr, const index_array& person_indices,
                 const index_array& household_indptr, const index_array& household_indices,
                 const index_array& capacity, const std::string& proposing) {
  const proposing_side side = side_named(proposing);
  const preferences lists =
      preferences_of(person_indptr, person_indices, household_indptr, household_indices, capacity);
  std::vector<int> household_of;
  std::vector<std::int64_t> members_first{0}, members;
  {
    py::gil_scoped_release release;
    const ranked_pairs pairs = rank_pairs(lists);
    household_of = deferred_acceptance(pairs, side).household_of;
    for (std::size_t h = 0; h < static_cast<std::size_t>(pairs.households); ++h) {
      for (std::size_t k = pairs.household_first[h]; k < pairs.household_first[h + 1]; ++k) {
        const int p = pairs.person[pairs.by_household[k]];
        if (household_of[static_cast<std::size_t>(p)] == static_cast<int>(h)) members.push_back(p);
      }
      members_first.push_back(static_cast<std::int64_t>(members.size()));
    }
  }
  py::array_t<std::int64_t> plan(static_cast<py::ssize_t>(household_of.size()));
  std::copy(household_of.begin(), household_of.end(), plan.mutable_data());
  py::array_t<std::int64_t> first(static_cast<py::ssize_t>(members_first.size()));
  std::copy(members_first.begin(), members_first.end(), first.mutable_data());
  py::array_t<std::int64_t> who(static_cast<py::ssize_t>(members.size()));
  std::copy(members.begin(), members.end(), who.mutable_data());
  return py::make_tuple(plan, first, who);
}

/// (people, households) of every blocking pair of a plan.
py::tuple blocking(const index_array& person_indptr, const index_array& person_indices,
                   const index_array& household_indptr, const index_array& household_indices,
                   const index_array& capacity, const index_array& household_of) {
  const preferences lists =
      preferences_of(person_indptr, person_indices, household_indptr, household_indices, capacity);
  std::vector<int> plan;
  for (py::ssize_t p = 0; p < household_of.size(); ++p) {
    const std::int64_t h = household_of.data()[p];
    plan.push_back(h < -1 || h > INT32_MAX ? -2 : static_cast<int>(h));
  }
  std::vector<blocking_pair> found;
  {
    py::gil_scoped_release release;
    found = blocking_pairs(rank_pairs(lists), plan);
  }
  py::array_t<std::int64_t> people(static_cast<py::ssize_t>(found.size()));
  py::array_t<std::int64_t> households(static_cast<py::ssize_t>(found.size()));
  for (std::size_t k = 0; k < found.size(); ++k) {
    people.mutable_data()[k] = found[k].person;
    households.mutable_data()[k] = found[k].household;
  }
  return py::make_tuple(people, households);
}

} // namespace

void register_stable(py::module_& m) {
  m.def("_stable_plan", &stable, py::arg("person_indptr"), py::arg("person_indices"),
        py::arg("household_indptr"), py::arg("household_indices"), py::arg("capacity"),
        py::arg("proposing"),
        "Deferred acceptance on ranked lists: (household_of, members_indptr, members).");
  m.def("_blocking_pairs", &blocking, py::arg("person_indptr"), py::arg("person_indices"),
        py::arg("household_indptr"), py::arg("household_indices"), py::arg("capacity"),
        py::arg("household_of"), "Blocking pairs of a plan: (people, households).");
}

} // namespace slmatch::bindings
