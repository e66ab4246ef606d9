"""The person-held profile: a person's own account of themselves, carried from scheme to scheme.

A profile (``slmatch-profile`` JSON, ``data/schema/profile.schema.json``, described in
``docs/profile-format.md``) holds the sections of the PRSB "About Me" standard that matching
can use: what matters to me, how best to support me, communication, interests, languages,
faith and culture, diet, lifestyle, household preferences and people I know. Each section
says who wrote it (the person, an advocate or a worker) and when. A profile holds nothing
that belongs to one scheme (no person, household or scheme ids), so the same profile is
imported into any scheme without being typed again, and exported back out of it.

Importing sets the person's own fields and their ``about_me`` from the profile; it never
touches consent. The scheme's consent records decide what matching reads: each section
belongs to a data category (interests to ``interests``, faith and culture to
``faith_culture``, the sections in the person's words to ``about_me``, people they know to
``history``...), and matching reads it only while the person's consent for that category
holds.

Command line::

    python -m slmatch.profile import SCHEME.json PROFILE.json --person P01 [--output OUT.json]
    python -m slmatch.profile export SCHEME.json --person P01 [--output PROFILE.json]
    slmatch profile import ... / slmatch profile export ...
"""

from slmatch.profile.canonical import FORMAT, SECTIONS, VERSION, load_profile, profile_to_json
from slmatch.profile.transfer import export_profile, import_profile

__all__ = [
    "FORMAT",
    "SECTIONS",
    "VERSION",
    "export_profile",
    "import_profile",
    "load_profile",
    "profile_to_json",
]
