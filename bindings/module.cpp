// The private extension module `slmatch._core`. Each concept registers itself from its
// own file; the public API is the pure-Python package `slmatch`.

#include "register.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "slmatch's compiled core (private: import slmatch instead)";
  slmatch::bindings::register_errors(m);
  slmatch::bindings::register_vocabularies(m);
  slmatch::bindings::register_scheme(m);
  slmatch::bindings::register_match(m);
  slmatch::bindings::register_synthetic(m);
  slmatch::bindings::register_assignment(m);
  slmatch::bindings::register_capacitated(m);
  slmatch::bindings::register_stable(m);
  slmatch::bindings::register_audit(m);
  slmatch::bindings::register_experiment(m);
}
