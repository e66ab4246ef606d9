"""Compatibility module: every solver, under the name it has always had.

The rectangular, scipy-compatible solvers live in :mod:`slmatch.assignment`; the capacitated
family (households with room for more than one) lives in :mod:`slmatch.capacitated`. Both are
re-exported here so ``from slmatch.solvers import ...`` keeps working.
"""

from __future__ import annotations

from slmatch.assignment import (
    AssignmentWithDuals,
    linear_sum_assignment,
    linear_sum_assignment_with_duals,
    min_weight_full_bipartite_matching,
    verify_linear_sum_assignment,
)
from slmatch.capacitated import (
    CHANGE_CAUSES,
    CHANGE_KINDS,
    FAIRNESS_RULES,
    OBJECTIVES,
    CapacitatedAssignment,
    ConflictFreeAssignment,
    FairAssignment,
    Problem,
    RankedPlan,
    Reassignment,
    assign_capacitated,
    assign_fair,
    assign_without_conflicts,
    k_best_plans,
    reassign_capacitated,
    verify_capacitated,
)

__all__ = [
    "CHANGE_CAUSES",
    "CHANGE_KINDS",
    "FAIRNESS_RULES",
    "OBJECTIVES",
    "AssignmentWithDuals",
    "CapacitatedAssignment",
    "ConflictFreeAssignment",
    "FairAssignment",
    "Problem",
    "RankedPlan",
    "Reassignment",
    "assign_capacitated",
    "assign_fair",
    "assign_without_conflicts",
    "k_best_plans",
    "linear_sum_assignment",
    "linear_sum_assignment_with_duals",
    "min_weight_full_bipartite_matching",
    "reassign_capacitated",
    "verify_capacitated",
    "verify_linear_sum_assignment",
]
