// The private extension module `slmatch._core`. Errors, vocabularies and the Scheme type sit
// at the top; each other concept registers itself into its own submodule from its own file
// (`slmatch._core.assignment`, `slmatch._core.capacitated`, ...). The public API is the
// pure-Python package `slmatch`.

#include "register.hpp"

#include "slmatch/version.hpp"

#include <string>

namespace {

namespace py = pybind11;

/// Register a concept into its own submodule of `_core`, also entered in sys.modules under its
/// dotted name so that its types pickle and `import slmatch._core.<name>` works.
void add_submodule(py::module_& parent, const char* name, const char* doc,
                   void (*register_concept)(py::module_&)) {
  py::module_ child = parent.def_submodule(name, doc);
  py::module_::import("sys").attr("modules")[child.attr("__name__")] = child;
  register_concept(child);
}

} // namespace

PYBIND11_MODULE(_core, m) {
  using namespace slmatch::bindings;
  m.doc() = "slmatch's compiled core (private: import slmatch instead)";
  m.attr("__version__") = std::string(slmatch::library_version);
  register_errors(m);
  register_vocabularies(m);
  register_scheme(m);
  add_submodule(m, "match", "The end-to-end matching run and its result.", register_match);
  add_submodule(m, "synthetic", "Seeded synthetic schemes.", register_synthetic);
  add_submodule(m, "assignment", "Rectangular assignment on dense and CSR costs.",
                register_assignment);
  add_submodule(m, "capacitated", "Capacitated assignment on a Problem.", register_capacitated);
  add_submodule(m, "stable", "Stable matching, both sides' views, proposal rounds.",
                register_stable);
  add_submodule(m, "audit", "The inequality audit of a plan.", register_audit);
  add_submodule(m, "advice", "What would help, first-choice costs, whom to recruit.",
                register_advice);
  add_submodule(m, "calendar", "Short breaks and day support planned over a horizon.",
                register_calendar);
  add_submodule(m, "purpose", "Schemes as each consent purpose may see them.", register_purpose);
  add_submodule(m, "experiment", "Seeded experiments over a scheme.", register_experiment);
  add_submodule(m, "registry",
                "The declarations of every hard rule, soft factor and consent category.",
                register_registry);
  add_submodule(m, "consent", "Where each of a person's consents stands on a day.",
                register_consent);
}
