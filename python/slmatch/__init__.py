"""slmatch: matching people who need support with Shared Lives carer households.

Load a scheme (from a JSON file or pandas DataFrames), run :func:`match`, and read the
plan, shortlists and explanations as DataFrames::

    import slmatch
    scheme = slmatch.load_scheme("data/examples/riverside.json")
    result = slmatch.match(scheme, shortlist_size=3)
    result.plan          # one row per person: household proposed or why not
    result.explanations  # factor-by-factor contributions of every proposal

Every result is a proposal for people to decide on, never a placement.
"""

from slmatch import (
    assignment,
    calendar,
    calendar_batch,
    capacitated,
    consent,
    experiments,
    simulation,
    solvers,
    stable,
)
from slmatch._core import Scheme, SlmatchError, ValidationError
from slmatch._core import __version__ as __version__
from slmatch._core.match import set_log_level
from slmatch.frames import scheme_from_frames, scheme_to_frames
from slmatch.matching import (
    AuditReport,
    MatchResult,
    PairComparison,
    PairExplanation,
    analysis_view,
    audit_plan,
    match,
)
from slmatch.profile import export_profile, import_profile, load_profile, profile_to_json
from slmatch.synthetic import synthetic_calendar_scheme, synthetic_scheme

__all__ = [
    "AuditReport",
    "MatchResult",
    "PairComparison",
    "PairExplanation",
    "Scheme",
    "SlmatchError",
    "ValidationError",
    "analysis_view",
    "assignment",
    "audit_plan",
    "calendar",
    "calendar_batch",
    "capacitated",
    "consent",
    "experiments",
    "export_profile",
    "import_profile",
    "load_profile",
    "load_scheme",
    "match",
    "profile_to_json",
    "scheme_from_frames",
    "scheme_to_frames",
    "set_log_level",
    "simulation",
    "solvers",
    "stable",
    "synthetic_calendar_scheme",
    "synthetic_scheme",
]


def load_scheme(path: str) -> Scheme:
    """Read and validate a scheme file.

    Args:
        path: a scheme file in slmatch's JSON format (see docs/scheme-format.md).

    Returns:
        The validated scheme.

    Raises:
        ValidationError: listing every problem, each with its record, field and message.
    """
    return Scheme.load(str(path))
