#pragma once
/// Everything in slmatch's header-first core: model, scoring, solving, explanations and
/// the end-to-end `match`. The core needs no JSON library (link `slmatch::slmatch`); every
/// JSON reader and writer (scheme files, reports, audits, proposal rounds, run records) is
/// under "slmatch/io/", in the compiled `slmatch::io` library.

#include "slmatch/advice/first_choice.hpp"
#include "slmatch/advice/recruitment.hpp"
#include "slmatch/advice/what_would_help.hpp"
#include "slmatch/assignment/dense.hpp"
#include "slmatch/assignment/sparse.hpp"
#include "slmatch/audit/audit.hpp"
#include "slmatch/error.hpp"
#include "slmatch/explain/compare.hpp"
#include "slmatch/explain/explain.hpp"
#include "slmatch/fair/household_conflicts.hpp"
#include "slmatch/fair/objectives.hpp"
#include "slmatch/log.hpp"
#include "slmatch/match.hpp"
#include "slmatch/model/scheme.hpp"
#include "slmatch/model/validate.hpp"
#include "slmatch/score/registry.hpp"
#include "slmatch/score/score.hpp"
#include "slmatch/score/weight.hpp"
#include "slmatch/solve/capacitated.hpp"
#include "slmatch/solve/capacitated_solver.hpp"
#include "slmatch/solve/constraints.hpp"
#include "slmatch/solve/incremental.hpp"
#include "slmatch/solve/k_best.hpp"
#include "slmatch/solve/reference_solver.hpp"
#include "slmatch/stable/deferred_acceptance.hpp"
#include "slmatch/stable/preferences.hpp"
#include "slmatch/stable/proposal_rounds.hpp"
#include "slmatch/stable/views.hpp"
