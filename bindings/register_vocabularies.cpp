// slmatch._core's vocabularies: `vocabularies` maps each enum's title to its names, in
// enum order, read from the C++ `vocabulary<E>` entries; `_check_name` raises the
// library's "unknown name" error for Python-side checks. Python never types these names.

#include "register.hpp"

#include "slmatch/audit/audit.hpp"
#include "slmatch/calendar/plan.hpp"
#include "slmatch/experiment/run.hpp"
#include "slmatch/fair/objectives.hpp"
#include "slmatch/model/consent_state.hpp"
#include "slmatch/model/group.hpp"
#include "slmatch/model/vocabulary.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/incremental.hpp"
#include "slmatch/stable/deferred_acceptance.hpp"
#include "slmatch/stable/groups.hpp"
#include "slmatch/stable/proposal_rounds.hpp"

#include <string>
#include <vector>

namespace slmatch::bindings {

void register_vocabularies(py::module_& m) {
  py::dict vocabularies = vocabularies_of<
      // model
      need_category, support_level, arrangement_type, specialist_skill, home_feature, avoidance,
      gender, risk_flag, carer_exclusion, diet, anchor_kind, attitude, data_category, factor, rule,
      weekday, part_of_day, carer_continuity, allowance_period, recurrence_frequency,
      consent_purpose, consent_giver, consent_status, profile_section, author_role, group_kind,
      togetherness,
      // stages
      objective, change_kind, change_cause, fairness_rule, proposing_side, answer_side, reply,
      decline_reason, audit_grouping, run_objective, unit_kind, unit_source, calendar_method,
      stable_method>();
  m.attr("vocabularies") = py::module_::import("types").attr("MappingProxyType")(vocabularies);
  m.def(
      "_check_name",
      [vocabularies](const std::string& title, const std::string& record, const std::string& field,
                     const std::string& name) {
        if (!vocabularies.contains(title)) throw error("no vocabulary \"" + title + "\"");
        std::vector<std::string> names;
        for (const py::handle allowed : vocabularies[py::str(title)].cast<py::tuple>())
          names.push_back(allowed.cast<std::string>());
        for (const auto& allowed : names)
          if (allowed == name) return;
        throw validation_error({unknown_name_in(names, record, field, name)});
      },
      py::arg("title"), py::arg("record"), py::arg("field"), py::arg("name"),
      "Raise ValidationError naming record and field when `name` is not in the vocabulary.");
}

} // namespace slmatch::bindings
