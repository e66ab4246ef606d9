#pragma once
/// Everything in slmatch's header-first core: model, scoring, solving, explanations and
/// the end-to-end `match`. Reading and writing scheme files is in "slmatch/io/json.hpp"
/// (the compiled `slmatch::io` library).

#include "slmatch/error.hpp"
#include "slmatch/explain/compare.hpp"
#include "slmatch/explain/explain.hpp"
#include "slmatch/log.hpp"
#include "slmatch/match.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/model/validate.hpp"
#include "slmatch/score/registry.hpp"
#include "slmatch/score/score.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/reference_solver.hpp"
