// slmatch._core.registry: the engine's own declarations of its hard rules, soft factors and
// consent categories, read from the C++ registries ("slmatch/score/rule_registry.hpp",
// "slmatch/score/factor_registry.hpp"), so that pages written in Python (the transparency
// record, Easy Read) never keep a second copy of the rules. The documented wrappers live in
// slmatch/pages/transparency.py.

#include "register.hpp"

#include "slmatch/score/factor_registry.hpp"
#include "slmatch/score/rule_registry.hpp"

#include <pybind11/stl.h>

#include <cstddef>
#include <string>

namespace slmatch::bindings {

namespace {

/// The names of a set of consent categories, in enum order.
py::list category_names(tag_set<data_category> categories) {
  py::list names;
  for (const data_category c : categories.values()) names.append(std::string(to_string(c)));
  return names;
}

py::dict rule_dict(const rule_info& r) {
  py::dict d;
  d["id"] = std::string(to_string(r.id));
  d["label"] = std::string(r.label);
  d["description"] = std::string(r.description);
  d["reads"] = category_names(r.reads);
  return d;
}

py::dict factor_dict(const factor_info& f) {
  py::dict d;
  d["id"] = std::string(to_string(f.id));
  d["label"] = std::string(f.label);
  d["phrase"] = std::string(f.phrase);
  d["description"] = std::string(f.description);
  d["consent"] = f.consent ? py::object(py::str(std::string(to_string(*f.consent)))) : py::none();
  d["reads"] = category_names(f.reads);
  d["default_weight"] = f.default_weight;
  return d;
}

} // namespace

void register_registry(py::module_& m) {
  m.def(
      "rules",
      [] {
        py::list rules;
        for (const rule_info& r : all_rule_infos()) rules.append(rule_dict(r));
        return rules;
      },
      "Every hard rule as {id, label, description, reads}, in the engine's order; `reads` "
      "lists the consent categories it reads (empty: core assessment data only).");
  m.def(
      "factors",
      [] {
        py::list factors;
        for (const factor_info& f : all_factor_infos()) factors.append(factor_dict(f));
        return factors;
      },
      "Every soft factor as {id, label, phrase, description, consent, reads, default_weight}, "
      "in the engine's order; `consent` is the category the whole factor needs, or None.");
  m.def(
      "data_categories",
      [] {
        py::list categories;
        for (std::size_t i = 0; i < vocabulary_size<data_category>; ++i) {
          const auto c = static_cast<data_category>(i);
          py::dict d;
          d["id"] = std::string(to_string(c));
          d["title"] = category_title(c);
          d["no_consent"] = no_consent_text(c);
          categories.append(d);
        }
        return categories;
      },
      "Every consent category as {id, title, no_consent}: its name, how sentences name it and "
      "the clause saying consent to it was not given.");
  m.def(
      "weights",
      [](const scheme& s) {
        py::dict weights;
        for (std::size_t i = 0; i < vocabulary_size<factor>; ++i)
          weights[py::str(std::string(to_string(static_cast<factor>(i))))] = s.policy.weights[i];
        return weights;
      },
      py::arg("scheme"),
      "The scheme's weight of every factor ({factor: weight}, in the engine's order), before "
      "each person's own overrides.");
  m.def(
      "consent_counts",
      [](const scheme& s, const std::string& purpose_name) {
        const auto purpose = parse<consent_purpose>(purpose_name);
        if (!purpose)
          throw validation_error(
              {unknown_name<consent_purpose>("arguments", "purpose", purpose_name)});
        py::dict counts;
        for (std::size_t i = 0; i < vocabulary_size<data_category>; ++i) {
          const auto c = static_cast<data_category>(i);
          int count = 0;
          for (const person& p : s.people)
            if (consents_to(p, c, *purpose, s.policy.as_of)) ++count;
          counts[py::str(std::string(to_string(c)))] = count;
        }
        return counts;
      },
      py::arg("scheme"), py::arg("purpose") = "matching",
      "How many people in the scheme consent, on its as_of date, to each category being used "
      "for the purpose ({category: count}); counts only, nothing about anyone.");
}

} // namespace slmatch::bindings
