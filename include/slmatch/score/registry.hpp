#pragma once
/// The registry of soft factors and hard rules: each declared once, with its id, a short
/// label, a plain-English description and the data categories it reads (factors also their
/// default weight).
///
/// In: the declarations in "slmatch/score/factors/" and "slmatch/score/rules/". Out:
/// `info(factor)`, `info(rule)`, `all_factor_infos()`, `all_rule_infos()` and
/// `factor_default_weights()`. Explanations take factor and rule names from here.

#include "slmatch/score/factor_registry.hpp"
#include "slmatch/score/rule_registry.hpp"
