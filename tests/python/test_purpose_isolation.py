"""Each purpose reads only the data consented for it, seen from Python.

Random synthetic schemes get random consent records for every category and purpose (given,
by an advocate, expired, withdrawn, not yet given) and now and then a national data opt-out.
For each purpose, changing a category of one person's data that another purpose may read
but this one may not leaves this purpose's output byte for byte the same: matching, the
match report and explanations; analysis, experiment runs, the score matrix and the analysis
audit; sharing with carers, every pair's introduction pack; equality monitoring, the audit of
one fixed plan. The same change to data the purpose may read changes its output on some
examples, so the property cannot hold by showing nothing.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import slmatch
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from slmatch import _core
from slmatch.experiments import run_experiments, run_once, score_matrix
from slmatch.stable import ProposalRounds, introduction_pack

PURPOSES = list(_core.vocabularies["consent purpose"])
CATEGORIES = list(_core.vocabularies["data category"])
AS_OF = "2026-11-01"
# Record kinds, and whether each holds on AS_OF.
KINDS = {"none": False, "given": True, "advocate": True, "expired": False}
KINDS |= {"withdrawn": False, "future": False}
PACK_SCHEMA_DOCUMENT = json.loads(
    (
        Path(__file__).resolve().parents[2] / "data" / "schema" / "introduction-pack.schema.json"
    ).read_text(encoding="utf-8")
)
PACK_SCHEMA = Draft202012Validator(PACK_SCHEMA_DOCUMENT)


def _record(category: str, purpose: str, kind: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "category": category,
        "purpose": purpose,
        "given_by": "person",
        "given_on": "2026-01-01",
    }
    if kind == "advocate":
        record |= {"given_by": "advocate", "decided_by": "An Advocate"}
    elif kind == "expired":
        record["expires_on"] = "2026-06-01"
    elif kind == "withdrawn":
        record["withdrawn_on"] = "2026-03-03"
    elif kind == "future":
        record["given_on"] = "2027-01-01"
    return record


def _allowed(category: str, purpose: str) -> bool:
    return category != "ethnicity" or purpose in ("analysis", "equality_monitoring")


def random_document(seed: int) -> tuple[dict[str, Any], list[dict[str, set[str]]]]:
    """A synthetic scheme document with random consent, and per person the categories each
    purpose may read (worked out here from the records drawn, not by the engine)."""
    draw = random.Random(seed)
    document = json.loads(slmatch.synthetic_scheme(10, 6, seed=seed).to_json())
    readable: list[dict[str, set[str]]] = []
    for person in document["people"]:
        person["consent"] = []
        person["consents"] = []
        holds: dict[str, set[str]] = {purpose: set() for purpose in PURPOSES}
        for category in CATEGORIES:
            for purpose in PURPOSES:
                if not _allowed(category, purpose):
                    continue
                kind = draw.choice(list(KINDS))
                if kind != "none":
                    person["consents"].append(_record(category, purpose, kind))
                if KINDS[kind]:
                    holds[purpose].add(category)
        opted_out = draw.random() < 0.2
        if opted_out:
            person["national_data_opt_out"] = True
        person["ethnicity"] = f"ethnicity {draw.randrange(3)}"
        person["about_me"] = {
            "what_matters_to_me": [f"line {draw.randrange(5)}"],
            "how_best_to_support_me": [],
            "communication": ["signs"],
            "people_i_know": [{"name": "Someone", "relationship": "friend", "carer": False}],
            "written_by": {"what_matters_to_me": {"role": "person", "written_on": "2026-02-01"}},
        }
        both = holds["analysis"] & holds["matching"]
        holds["analysis"] = set() if opted_out else both | (holds["analysis"] & {"ethnicity"})
        readable.append(holds)
    return document, readable


def mutate(person: dict[str, Any], category: str, draw: random.Random) -> None:
    """Change `person`'s data of `category` to something it was not."""
    tag = str(draw.randrange(1000))
    if category == "community":
        person["anchors"].append({"kind": "day_service", "lat": 53.7, "lon": -1.5})
    elif category == "interests":
        person["interests"] = ["music"] if person["interests"] == ["art"] else ["art"]
    elif category == "languages":
        person["languages"] = ["Urdu"] if person["languages"] == ["Polish"] else ["Polish"]
    elif category == "faith_culture":
        person["faith"] = f"faith {tag}"
        person["cultures"] = [*person["cultures"], f"culture {tag}"]
    elif category == "diet":
        person["diets"] = ["halal"] if person["diets"] != ["halal"] else ["vegan"]
    elif category == "lifestyle":
        person["lifestyle"] = {"activity": draw.random(), "setting": 0.5, "routine": 0.5}
    elif category == "household_preferences":
        person["pets"] = "avoid" if person["pets"] != "avoid" else "welcome"
    elif category == "history":
        person["known_households"] = [f"H00000{draw.randrange(1, 7)}"]
        person["about_me"]["people_i_know"].append(
            {"name": f"Someone {tag}", "relationship": "cousin", "carer": True}
        )
    elif category == "ethnicity":
        person["ethnicity"] = f"ethnicity changed {tag}"
    else:
        person["about_me"]["what_matters_to_me"].append(f"a new line {tag}")


def matching_output(scheme: slmatch.Scheme) -> str:
    result = slmatch.match(scheme)
    shown = [result.to_json()]
    for person in scheme.person_ids:
        for household in scheme.household_ids:
            explanation = result.explain(person, household)
            shown.append(f"{explanation.score} {explanation.summary} {explanation.reasons}")
            shown.append(explanation.factors.to_csv())
    return "\n".join(shown)


def analysis_output(scheme: slmatch.Scheme) -> str:
    outcome = run_once(scheme)
    metrics = {k: v for k, v in outcome.metrics.items() if k != "cpp_seconds"}
    matrix = score_matrix(scheme, dense=True)
    audit = slmatch.audit_plan(scheme, *_plan(scheme), purpose="analysis", small_group_size=1)
    return "\n".join(
        [
            repr(outcome.household_of.tolist()),
            repr(outcome.score.tolist()),
            repr(sorted(metrics.items())),
            repr(np.nan_to_num(matrix, nan=-1.0).tolist()),
            audit.to_json(),
        ]
    )


def sharing_output(scheme: slmatch.Scheme) -> str:
    return "\n".join(
        introduction_pack(scheme, person, household).to_json()
        for person in scheme.person_ids
        for household in scheme.household_ids
    )


_FIXED_PLANS: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def _plan(scheme: slmatch.Scheme) -> tuple[np.ndarray, np.ndarray]:
    """One plan per scheme id, made before any change, so audits compare like with like."""
    return _FIXED_PLANS[scheme.id]


def equality_output(scheme: slmatch.Scheme) -> str:
    return slmatch.audit_plan(
        scheme, *_plan(scheme), small_group_size=1, suppress_small_groups=False
    ).to_json()


OUTPUTS = {
    "matching": matching_output,
    "analysis": analysis_output,
    "sharing_with_carers": sharing_output,
    "equality_monitoring": equality_output,
}


def _fixed_plan(scheme: slmatch.Scheme) -> None:
    result = slmatch.match(scheme)
    _FIXED_PLANS[scheme.id] = (result.household_of, result.plan["score"].to_numpy())


def _choices(
    readable: list[dict[str, set[str]]], purpose: str, readable_by_purpose: bool
) -> list[tuple[int, str]]:
    """(person, category) pairs whose data `purpose` may read, or else may not read while
    another purpose may."""
    choices = []
    for index, holds in enumerate(readable):
        others = set().union(*(holds[p] for p in PURPOSES if p != purpose))
        chosen = holds[purpose] if readable_by_purpose else others - holds[purpose]
        choices += [(index, category) for category in sorted(chosen)]
    return choices


def _output_after(
    document: dict[str, Any], purpose: str, index: int, category: str, draw: random.Random
) -> str:
    changed = json.loads(json.dumps(document))
    mutate(changed["people"][index], category, draw)
    return OUTPUTS[purpose](slmatch.Scheme.from_json(json.dumps(changed)))


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(1, 10_000), purpose=st.sampled_from(PURPOSES), pick=st.randoms())
def test_data_a_purpose_may_not_read_never_changes_its_output(
    seed: int, purpose: str, pick: random.Random
) -> None:
    document, readable = random_document(seed)
    scheme = slmatch.Scheme.from_json(json.dumps(document))
    _fixed_plan(scheme)
    before = OUTPUTS[purpose](scheme)
    choices = _choices(readable, purpose, readable_by_purpose=False)
    for index, category in pick.sample(choices, min(3, len(choices))):
        after = _output_after(document, purpose, index, category, pick)
        assert after == before, (purpose, document["people"][index]["id"], category)


@pytest.mark.parametrize("purpose", PURPOSES)
def test_data_a_purpose_may_read_can_change_its_output(purpose: str) -> None:
    """The converse: the property above cannot hold by showing nothing."""
    changed = 0
    for seed in (1, 2):
        document, readable = random_document(seed)
        scheme = slmatch.Scheme.from_json(json.dumps(document))
        _fixed_plan(scheme)
        before = OUTPUTS[purpose](scheme)
        draw = random.Random(seed)
        choices = _choices(readable, purpose, readable_by_purpose=True)
        for index, category in draw.sample(choices, min(12, len(choices))):
            changed += _output_after(document, purpose, index, category, draw) != before
    assert changed > 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_views_keep_what_the_records_allow(seed: int) -> None:
    document, readable = random_document(seed)
    scheme = slmatch.Scheme.from_json(json.dumps(document))
    for purpose in PURPOSES:
        view = json.loads(_core.purpose.view_for(scheme, purpose).to_json())
        by_id = {person["id"]: person for person in view["people"]}
        for person, holds in zip(document["people"], readable):
            if purpose == "analysis" and person.get("national_data_opt_out"):
                assert person["id"] not in by_id
                continue
            seen = by_id[person["id"]]
            assert set(seen["consent"]) == holds[purpose]
            assert ("ethnicity" in seen) == ("ethnicity" in holds[purpose]), purpose
            if "interests" not in holds[purpose]:
                assert seen["interests"] == []
            if purpose != "matching":
                assert seen["name"] == "" and seen["notes"] == ""
        # A view is a valid scheme, and the view of a view is the view.
        again = _core.purpose.view_for(_core.purpose.view_for(scheme, purpose), purpose)
        assert again == _core.purpose.view_for(scheme, purpose)


def test_analysis_view_leaves_out_whoever_opted_out() -> None:
    document, _ = random_document(5)
    document["people"][0]["national_data_opt_out"] = True
    scheme = slmatch.Scheme.from_json(json.dumps(document))
    view = slmatch.analysis_view(scheme)
    assert document["people"][0]["id"] not in view.person_ids
    assert view.household_ids == scheme.household_ids
    kept = len(view.person_ids)
    assert run_once(scheme).household_of.shape == (kept,)
    assert score_matrix(scheme, dense=True).shape == (kept, len(scheme.household_ids))
    table = run_experiments(scheme, progress=False)
    assert table.loc[0, "people"] == kept
    # Experiments read the view whatever they are given: the view itself gives the same.
    assert run_once(view).metrics["total_score"] == run_once(scheme).metrics["total_score"]


def test_analysis_audit_leaves_out_whoever_opted_out(example: slmatch.Scheme) -> None:
    document = json.loads(example.to_json())
    document["people"][0]["national_data_opt_out"] = True
    scheme = slmatch.Scheme.from_json(json.dumps(document))
    result = slmatch.match(scheme)
    own = result.audit_report()
    assert (
        own.to_json()
        == slmatch.audit_plan(scheme, result.household_of, result.plan["score"]).to_json()
    )
    analysed = result.audit_report(purpose="analysis")
    opted_out = sum(p.get("national_data_opt_out", False) for p in document["people"])
    assert opted_out == 2  # the example's P38, and P01 here
    assert analysed.groups.loc[0, "people"] == own.groups.loc[0, "people"] - opted_out
    # Of the two people in the example who state an ethnicity for monitoring, only P41
    # also agreed to its use for analysis; everyone else's is "not given" there.
    ethnicity = analysed.groups[analysed.groups["grouping"] == "ethnicity"]
    p41 = document["people"][example.person_ids.index("P41")]["ethnicity"]
    assert list(ethnicity["group"]) == [p41, "not given"]
    monitored = own.groups[own.groups["grouping"] == "ethnicity"]
    assert len(monitored) == 3
    with pytest.raises(slmatch.ValidationError, match="purpose"):
        result.audit_report(purpose="sharing_with_carers")
    with pytest.raises(slmatch.ValidationError, match="purpose"):
        result.audit_report(purpose="marketing")
    with pytest.raises(slmatch.ValidationError):
        slmatch.audit_plan(
            scheme, result.household_of[:-1], result.plan["score"], purpose="analysis"
        )


def test_introduction_packs_follow_the_schema_and_say_what_is_withheld() -> None:
    document, readable = random_document(8)
    scheme = slmatch.Scheme.from_json(json.dumps(document))
    for person, holds in zip(document["people"], readable):
        pack = introduction_pack(scheme, person["id"], scheme.household_ids[0])
        parsed = json.loads(pack.to_json())
        errors = [error.message for error in PACK_SCHEMA.iter_errors(parsed)]
        assert not errors, errors[:3]
        assert set(pack.shared) == holds["sharing_with_carers"] - {"community"}
        for line in pack.not_shared:
            assert line["category"] not in holds["sharing_with_carers"]
            assert line["sentence"].endswith(".")
        assert person["name"] not in pack.to_json()
    rounds = ProposalRounds(scheme)
    packs = rounds.introduction_packs(scheme)
    assert [(p.person, p.household) for p in packs] == [
        tuple(row) for row in rounds.introductions()[["person", "household"]].to_numpy()
    ]
    with pytest.raises(slmatch.SlmatchError, match="no person"):
        introduction_pack(scheme, "nobody", scheme.household_ids[0])


def test_pack_schema_enums_are_the_engine_vocabularies() -> None:
    schema = PACK_SCHEMA_DOCUMENT
    written_by = schema["properties"]["written_by"]
    assert written_by["propertyNames"]["enum"] == list(_core.vocabularies["profile section"])
    role = written_by["additionalProperties"]["properties"]["role"]
    assert role["enum"] == list(_core.vocabularies["author role"])
    assert schema["$defs"]["attitude"]["enum"] == list(_core.vocabularies["attitude"])
    not_shared = schema["properties"]["not_shared"]["items"]["properties"]
    assert set(not_shared["category"]["enum"]) <= set(CATEGORIES)
    assert set(not_shared["status"]["enum"]) <= set(_core.vocabularies["consent status"])
