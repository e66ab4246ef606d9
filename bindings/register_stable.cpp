// slmatch._core's stable matching: deferred acceptance and the blocking-pair finder on
// ranked lists given as CSR arrays (with required groups kept whole, or not), both sides'
// views of a scheme and its stable plan, and proposal rounds for mutual consent, with the
// GIL released around the C++ work. The public wrappers, which take and give names, live in
// slmatch/stable.py.

#include "register.hpp"

#include "slmatch/io/introduction_pack_json.hpp"
#include "slmatch/io/proposal_rounds_json.hpp"
#include "slmatch/stable/deferred_acceptance.hpp"
#include "slmatch/stable/groups.hpp"
#include "slmatch/stable/proposal_rounds.hpp"
#include "slmatch/stable/scheme_stable.hpp"
#include "slmatch/stable/views.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
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

/// Each household's people in its own order, as CSR arrays (members_indptr, members).
std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>>
members_by_household(const ranked_pairs& pairs, const std::vector<int>& household_of) {
  std::vector<std::int64_t> members_first{0}, members;
  for (std::size_t h = 0; h < static_cast<std::size_t>(pairs.households); ++h) {
    for (std::size_t k = pairs.household_first[h]; k < pairs.household_first[h + 1]; ++k) {
      const int p = pairs.person[pairs.by_household[k]];
      if (household_of[static_cast<std::size_t>(p)] == static_cast<int>(h)) members.push_back(p);
    }
    members_first.push_back(static_cast<std::int64_t>(members.size()));
  }
  return {std::move(members_first), std::move(members)};
}

/// (household_of, members_indptr, members): each household's people in its own order.
py::tuple stable(const index_array& person_indptr, const index_array& person_indices,
                 const index_array& household_indptr, const index_array& household_indices,
                 const index_array& capacity, const std::string& proposing) {
  const auto side = parse_name<proposing_side>(proposing, "options", "proposing");
  const preferences lists =
      preferences_of(person_indptr, person_indices, household_indptr, household_indices, capacity);
  std::vector<int> household_of;
  std::vector<std::int64_t> members_first, members;
  {
    py::gil_scoped_release release;
    const ranked_pairs pairs = rank_pairs(lists);
    household_of = deferred_acceptance(pairs, side).household_of;
    std::tie(members_first, members) = members_by_household(pairs, household_of);
  }
  return py::make_tuple(to_numpy<std::int64_t>(household_of), to_numpy<std::int64_t>(members_first),
                        to_numpy<std::int64_t>(members));
}

/// Groups from Python: lists of person indices (out of range becomes -1, refused later).
std::vector<std::vector<int>> groups_of(const std::vector<std::vector<std::int64_t>>& given) {
  std::vector<std::vector<int>> groups;
  for (const auto& members : given) {
    groups.emplace_back();
    for (std::int64_t p : members)
      groups.back().push_back(p < 0 || p > INT32_MAX ? -1 : static_cast<int>(p));
  }
  return groups;
}

/// What blocks a plan as arrays: (people, households, groups, group_households).
py::tuple blocking_arrays(const group_blocking& found) {
  std::vector<std::int64_t> people, households, groups, group_households;
  for (const auto& b : found.people) {
    people.push_back(b.person);
    households.push_back(b.household);
  }
  for (const auto& b : found.groups) {
    groups.push_back(b.group);
    group_households.push_back(b.household);
  }
  return py::make_tuple(to_numpy<std::int64_t>(people), to_numpy<std::int64_t>(households),
                        to_numpy<std::int64_t>(groups), to_numpy<std::int64_t>(group_households));
}

/// (household_of, members_indptr, members, stable, proven_none, method, rounds, searched,
/// blocking): the plan of `stable_with_groups` and what blocks it (see `blocking_arrays`).
py::tuple stable_groups(const index_array& person_indptr, const index_array& person_indices,
                        const index_array& household_indptr, const index_array& household_indices,
                        const index_array& capacity,
                        const std::vector<std::vector<std::int64_t>>& groups,
                        const std::string& proposing, int max_rounds, std::uint64_t search_limit) {
  group_stable_options options;
  options.side = parse_name<proposing_side>(proposing, "options", "proposing");
  if (max_rounds < 0) throw validation_error({{"options", "max_rounds", "must be >= 0"}});
  options.max_rounds = max_rounds;
  options.search_limit = search_limit;
  const preferences lists =
      preferences_of(person_indptr, person_indices, household_indptr, household_indices, capacity);
  const auto members = groups_of(groups);
  group_stable_result result;
  std::vector<std::int64_t> members_first, placed;
  {
    py::gil_scoped_release release;
    const ranked_pairs pairs = rank_pairs(lists);
    result = stable_with_groups(pairs, members, options);
    std::tie(members_first, placed) = members_by_household(pairs, result.plan.household_of);
  }
  return py::make_tuple(to_numpy<std::int64_t>(result.plan.household_of),
                        to_numpy<std::int64_t>(members_first), to_numpy<std::int64_t>(placed),
                        result.stable, result.proven_none, std::string(to_string(result.method)),
                        result.rounds, result.searched, blocking_arrays(result.blocking));
}

/// What blocks a plan when groups must stay whole: see `blocking_arrays`.
py::tuple blocking_groups(const index_array& person_indptr, const index_array& person_indices,
                          const index_array& household_indptr, const index_array& household_indices,
                          const index_array& capacity,
                          const std::vector<std::vector<std::int64_t>>& groups,
                          const index_array& household_of) {
  const preferences lists =
      preferences_of(person_indptr, person_indices, household_indptr, household_indices, capacity);
  const auto members = groups_of(groups);
  std::vector<int> plan;
  for (py::ssize_t p = 0; p < household_of.size(); ++p) {
    const std::int64_t h = household_of.data()[p];
    plan.push_back(h < -1 || h > INT32_MAX ? -2 : static_cast<int>(h));
  }
  group_blocking found;
  {
    py::gil_scoped_release release;
    found = blocking_pairs_with_groups(rank_pairs(lists), members, plan);
  }
  return blocking_arrays(found);
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

/// View options from Python: household weights as {factor name: weight} over the defaults.
view_options view_options_of(const std::optional<py::dict>& household_weights, int threads) {
  view_options options;
  options.threads = threads;
  if (household_weights) {
    std::vector<problem> found;
    lay_weights(*household_weights, "options", "household_weights", options.household_weights,
                found);
    try {
      check_household_weights(options.household_weights);
    } catch (const validation_error& invalid) {
      found.insert(found.end(), invalid.problems().begin(), invalid.problems().end());
    }
    if (!found.empty()) throw validation_error(std::move(found));
  }
  return options;
}

/// (person_indptr, person_households, person_scores, household_indptr, household_people,
/// household_scores, capacity): both sides' ranked lists as CSR arrays.
py::tuple views_of(const scheme& s, const std::optional<py::dict>& household_weights, int threads) {
  const view_options options = view_options_of(household_weights, threads);
  scheme_views views;
  {
    py::gil_scoped_release release;
    views = build_views(s, options);
  }
  return py::make_tuple(to_numpy<std::int64_t>(views.lists.person_ranks.first),
                        to_numpy<std::int64_t>(views.lists.person_ranks.entries),
                        to_numpy<double>(views.person_scores),
                        to_numpy<std::int64_t>(views.lists.household_ranks.first),
                        to_numpy<std::int64_t>(views.lists.household_ranks.entries),
                        to_numpy<double>(views.household_scores),
                        to_numpy<std::int64_t>(views.lists.capacity));
}

/// (views, household_of, stability): the scheme's views as `views_of` gives them, its stable
/// plan, and, when it has required groups, how stable the plan is: (stable, proven_none,
/// method, group ids, [(person id, household id)], [(group id, household id)]); else None.
py::tuple stable_match_of(const scheme& s, const std::string& proposing,
                          const std::optional<py::dict>& household_weights, int threads) {
  group_stable_options stable;
  stable.side = parse_name<proposing_side>(proposing, "options", "proposing");
  const view_options options = view_options_of(household_weights, threads);
  scheme_stable_plan found;
  {
    py::gil_scoped_release release;
    found = stable_match(s, options, stable);
  }
  const auto& views = found.views;
  py::tuple arrays = py::make_tuple(to_numpy<std::int64_t>(views.lists.person_ranks.first),
                                    to_numpy<std::int64_t>(views.lists.person_ranks.entries),
                                    to_numpy<double>(views.person_scores),
                                    to_numpy<std::int64_t>(views.lists.household_ranks.first),
                                    to_numpy<std::int64_t>(views.lists.household_ranks.entries),
                                    to_numpy<double>(views.household_scores),
                                    to_numpy<std::int64_t>(views.lists.capacity));
  py::object stability = py::none();
  if (!found.groups.empty()) {
    const auto& r = found.result;
    const auto group_id = [&](int g) {
      return s.groups[found.groups.index[static_cast<std::size_t>(g)]].id;
    };
    py::list ids, pairs, groups;
    for (std::size_t g = 0; g < found.groups.size(); ++g) ids.append(group_id(static_cast<int>(g)));
    for (const auto& b : r.blocking.people)
      pairs.append(py::make_tuple(s.people[static_cast<std::size_t>(b.person)].id,
                                  s.households[static_cast<std::size_t>(b.household)].id));
    for (const auto& b : r.blocking.groups)
      groups.append(py::make_tuple(group_id(b.group),
                                   s.households[static_cast<std::size_t>(b.household)].id));
    stability = py::make_tuple(r.stable, r.proven_none, std::string(to_string(r.method)), ids,
                               pairs, groups);
  }
  return py::make_tuple(arrays, to_numpy<std::int64_t>(found.result.plan.household_of), stability);
}

/// A decline reason from Python: a category name, or None.
std::optional<decline_reason> reason_of(const std::string& person_id,
                                        const std::optional<std::string>& reason) {
  if (!reason) return std::nullopt;
  return parse_name<decline_reason>(*reason, "person " + person_id, "reason");
}
} // namespace

void register_stable(py::module_& m) {
  m.def("stable_plan", &stable, py::arg("person_indptr"), py::arg("person_indices"),
        py::arg("household_indptr"), py::arg("household_indices"), py::arg("capacity"),
        py::arg("proposing"),
        "Deferred acceptance on ranked lists: (household_of, members_indptr, members).");
  m.def("blocking_pairs", &blocking, py::arg("person_indptr"), py::arg("person_indices"),
        py::arg("household_indptr"), py::arg("household_indices"), py::arg("capacity"),
        py::arg("household_of"), "Blocking pairs of a plan: (people, households).");
  m.def("stable_plan_with_groups", &stable_groups, py::arg("person_indptr"),
        py::arg("person_indices"), py::arg("household_indptr"), py::arg("household_indices"),
        py::arg("capacity"), py::arg("groups"), py::arg("proposing"),
        py::arg("max_rounds") = group_stable_options{}.max_rounds,
        py::arg("search_limit") = group_stable_options{}.search_limit,
        "A plan keeping required groups whole: (household_of, members_indptr, members, stable, "
        "proven_none, method, rounds, searched, (people, households, groups, group_households)).");
  m.def("blocking_pairs_with_groups", &blocking_groups, py::arg("person_indptr"),
        py::arg("person_indices"), py::arg("household_indptr"), py::arg("household_indices"),
        py::arg("capacity"), py::arg("groups"), py::arg("household_of"),
        "What blocks a plan when groups must stay whole: (people, households, groups, "
        "group_households).");
  m.def("stable_match", &stable_match_of, py::arg("scheme"), py::arg("proposing"),
        py::arg("household_weights") = py::none(), py::arg("threads") = 1,
        "A scheme's stable plan keeping required groups whole: (views, household_of, stability "
        "or None).");
  m.def("views", &views_of, py::arg("scheme"), py::arg("household_weights") = py::none(),
        py::arg("threads") = 1,
        "Both sides' ranked lists over the feasible pairs: (person_indptr, person_households, "
        "person_scores, household_indptr, household_people, household_scores, capacity).");
  m.def(
      "explain_household_view",
      [](const scheme& s, const std::string& person_id, const std::string& household_id,
         const std::optional<py::dict>& household_weights) {
        const auto e =
            explain_household_view(s, person_index(s, person_id), household_index(s, household_id),
                                   view_options_of(household_weights, 1));
        py::list factors;
        for (const auto& f : e.factors)
          factors.append(py::make_tuple(std::string(to_string(f.id)), f.used, f.raw, f.weight,
                                        f.points, f.sentence));
        return py::make_tuple(e.score, factors, e.reasons, e.summary);
      },
      py::arg("scheme"), py::arg("person_id"), py::arg("household_id"),
      py::arg("household_weights") = py::none(),
      "The household's view of one pair: (score, factors, reasons, summary).");

  m.def(
      "introduction_pack",
      [](const scheme& s, const std::string& person_id, const std::string& household_id,
         int indent) {
        return introduction_pack_to_json(introduction_pack_for(s, person_id, household_id))
            .dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
      },
      py::arg("scheme"), py::arg("person_id"), py::arg("household_id"), py::arg("indent") = -1,
      "What a prospective carer receives before an introduction, as JSON text.");

  py::class_<proposal_rounds>(m, "ProposalRounds",
                              "Rounds of introductions for mutual consent (see slmatch.stable).")
      .def(py::init([](const scheme& s, const std::string& proposing,
                       const std::optional<py::dict>& household_weights, int threads) {
             const auto side = parse_name<proposing_side>(proposing, "options", "proposing");
             const view_options options = view_options_of(household_weights, threads);
             py::gil_scoped_release release;
             return start_rounds(s, options, side);
           }),
           py::arg("scheme"), py::arg("proposing") = std::string(to_string(proposing_side::people)),
           py::arg("household_weights") = py::none(), py::arg("threads") = 1)
      .def_static(
          "from_lists",
          [](const index_array& person_indptr, const index_array& person_indices,
             const index_array& household_indptr, const index_array& household_indices,
             const index_array& capacity, std::vector<std::string> person_ids,
             std::vector<std::string> household_ids, const std::string& proposing,
             const std::vector<std::vector<std::int64_t>>& groups,
             std::vector<std::string> group_ids) {
            const auto side = parse_name<proposing_side>(proposing, "options", "proposing");
            preferences lists = preferences_of(person_indptr, person_indices, household_indptr,
                                               household_indices, capacity);
            auto members = groups_of(groups);
            py::gil_scoped_release release;
            return proposal_rounds(std::move(lists), std::move(person_ids),
                                   std::move(household_ids), side, std::move(members),
                                   std::move(group_ids));
          },
          py::arg("person_indptr"), py::arg("person_indices"), py::arg("household_indptr"),
          py::arg("household_indices"), py::arg("capacity"), py::arg("person_ids"),
          py::arg("household_ids"), py::arg("proposing"), py::arg("groups"), py::arg("group_ids"))
      .def_static(
          "from_json",
          [](const std::string& text) {
            nlohmann::json doc;
            try {
              doc = nlohmann::json::parse(text);
            } catch (const nlohmann::json::parse_error& e) {
              throw validation_error(
                  {{"proposal_rounds", "", std::string("is not JSON: ") + e.what()}});
            } catch (const nlohmann::json::exception&) {
              throw validation_error({{"proposal_rounds", "", "holds a number out of range"}});
            }
            return proposal_rounds_from_json(doc);
          },
          py::arg("text"))
      .def(
          "to_json",
          [](const proposal_rounds& r, int indent) {
            return proposal_rounds_to_json(r).dump(indent);
          },
          py::arg("indent") = -1)
      .def_property_readonly("round", &proposal_rounds::round)
      .def_property_readonly("finished", &proposal_rounds::finished)
      .def_property_readonly("round_settled", &proposal_rounds::round_settled)
      .def("groups",
           [](const proposal_rounds& r) {
             py::list rows;
             for (std::size_t g = 0; g < r.groups().size(); ++g) {
               py::list members;
               for (int p : r.groups()[g])
                 members.append(r.person_ids()[static_cast<std::size_t>(p)]);
               rows.append(py::make_tuple(r.group_ids()[g], members));
             }
             return rows;
           })
      .def("introductions",
           [](const proposal_rounds& r) {
             py::list rows;
             for (const auto& i : r.introductions()) {
               py::object group = py::none();
               py::list answers;
               if (i.group >= 0) {
                 group = py::str(r.group_ids()[static_cast<std::size_t>(i.group)]);
                 for (std::size_t k = 0; k < i.members.size(); ++k)
                   answers.append(
                       py::make_tuple(r.person_ids()[static_cast<std::size_t>(i.members[k])],
                                      std::string(to_string(i.member_replies[k]))));
               }
               rows.append(py::make_tuple(r.person_ids()[static_cast<std::size_t>(i.person)],
                                          r.household_ids()[static_cast<std::size_t>(i.household)],
                                          std::string(to_string(i.person_reply)),
                                          std::string(to_string(i.household_reply)), group,
                                          answers));
             }
             return rows;
           })
      .def("accepted",
           [](const proposal_rounds& r) {
             py::list rows;
             for (const auto& a : r.accepted()) {
               const int g = r.group_of(a.person);
               rows.append(py::make_tuple(
                   r.person_ids()[static_cast<std::size_t>(a.person)],
                   r.household_ids()[static_cast<std::size_t>(a.household)], a.round,
                   g < 0 ? py::object(py::none())
                         : py::object(py::str(r.group_ids()[static_cast<std::size_t>(g)]))));
             }
             return rows;
           })
      .def("declined",
           [](const proposal_rounds& r) {
             py::list rows;
             for (const auto& d : r.declined())
               rows.append(py::make_tuple(
                   r.person_ids()[static_cast<std::size_t>(d.person)],
                   r.household_ids()[static_cast<std::size_t>(d.household)],
                   std::string(to_string(d.by)), std::string(to_string(d.reason)), d.round,
                   d.group < 0
                       ? py::object(py::none())
                       : py::object(py::str(r.group_ids()[static_cast<std::size_t>(d.group)]))));
             return rows;
           })
      .def(
          "answer",
          [](proposal_rounds& r, const std::string& person_id, const std::string& household_id,
             bool accept, const std::optional<std::string>& reason, const std::string& by) {
            r.answer(person_id, household_id,
                     parse_name<answer_side>(by, "person " + person_id, "by"), accept,
                     reason_of(person_id, reason));
          },
          py::arg("person_id"), py::arg("household_id"), py::arg("accept"),
          py::arg("reason") = py::none(), py::arg("by") = std::string(to_string(answer_side::both)))
      .def("next_round", &proposal_rounds::next_round)
      .def(py::pickle(
          [](const proposal_rounds& r) {
            return py::make_tuple(proposal_rounds_to_json(r).dump());
          },
          [](const py::tuple& state) {
            if (state.size() != 1) throw std::runtime_error("invalid pickle state");
            return proposal_rounds_from_json(nlohmann::json::parse(state[0].cast<std::string>()));
          }));
}

} // namespace slmatch::bindings
