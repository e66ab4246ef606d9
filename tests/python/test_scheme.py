from __future__ import annotations

import json
import pickle
from pathlib import Path

import pandas as pd
import pytest
import slmatch


def test_load_scheme_reads_the_example(example: slmatch.Scheme) -> None:
    assert len(example.person_ids) >= 40
    assert len(example.household_ids) >= 30
    assert "Scheme" in repr(example)


def test_scheme_round_trips_through_json_and_pickle(example: slmatch.Scheme) -> None:
    again = slmatch.Scheme.from_json(example.to_json())
    assert again == example
    assert pickle.loads(pickle.dumps(example)) == example


def test_save_then_load_gives_an_equal_scheme(example: slmatch.Scheme, tmp_path: Path) -> None:
    target = tmp_path / "copy.json"
    example.save(str(target))
    assert slmatch.load_scheme(str(target)) == example


def test_validation_error_names_record_and_field(example: slmatch.Scheme) -> None:
    document = json.loads(example.to_json())
    document["people"][1]["needs"] = ["autsm"]
    document["households"][0]["places"] = -1
    with pytest.raises(slmatch.ValidationError) as caught:
        slmatch.Scheme.from_json(json.dumps(document))
    problems = caught.value.problems
    person_id = document["people"][1]["id"]
    household_id = document["households"][0]["id"]
    assert any(
        person_id in record and field.startswith("needs") and "autsm" in message
        for record, field, message in problems
    )
    assert any(household_id in record and field == "places" for record, field, _ in problems)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, slmatch.SlmatchError)


def test_malformed_json_is_a_validation_error() -> None:
    with pytest.raises(slmatch.ValidationError, match="malformed JSON"):
        slmatch.Scheme.from_json('{"id": "x", ')


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(slmatch.SlmatchError, match=r"missing\.json"):
        slmatch.load_scheme(str(tmp_path / "missing.json"))


def test_frames_round_trip(example: slmatch.Scheme) -> None:
    frames = slmatch.scheme_to_frames(example)
    assert {"lat", "lon"} <= set(frames["people"].columns)
    rebuilt = slmatch.scheme_from_frames(
        frames["people"],
        frames["households"],
        residents=frames["residents"],
        policy=frames["policy"],
        scheme_id=frames["id"],
        name=frames["name"],
        groups=frames["groups"],
    )
    assert rebuilt == example


def test_frames_accept_csv_style_lists(example: slmatch.Scheme, tmp_path: Path) -> None:
    frames = slmatch.scheme_to_frames(example)
    people = frames["people"].copy()
    people["needs"] = people["needs"].map(";".join)
    people["consent"] = people["consent"].map(";".join)
    rebuilt = slmatch.scheme_from_frames(
        people,
        frames["households"],
        residents=frames["residents"],
        policy=frames["policy"],
        scheme_id=frames["id"],
        name=frames["name"],
        groups=frames["groups"],
    )
    assert rebuilt == example


def test_frames_errors_name_the_row(example: slmatch.Scheme) -> None:
    frames = slmatch.scheme_to_frames(example)
    people = frames["people"].copy()
    people.loc[0, "lat"] = 123.0
    with pytest.raises(slmatch.ValidationError) as caught:
        slmatch.scheme_from_frames(people, frames["households"], policy=frames["policy"])
    first_id = str(people.loc[0, "id"])
    assert any(first_id in record and "lat" in field for record, field, _ in caught.value.problems)


def test_frames_reject_residents_of_unknown_households(example: slmatch.Scheme) -> None:
    frames = slmatch.scheme_to_frames(example)
    residents = pd.DataFrame([{"household": "NOPE", "id": "R-x", "age": 40, "gender": "male"}])
    with pytest.raises(ValueError, match="NOPE"):
        slmatch.scheme_from_frames(
            frames["people"], frames["households"], residents=residents, policy=frames["policy"]
        )


def test_readme_example_is_a_valid_scheme() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    block = readme.split("```json\n", 1)[1].split("```", 1)[0]
    scheme = slmatch.Scheme.from_json(block)
    assert scheme.person_ids == ["P01"] and scheme.household_ids == ["H01"]
    assert slmatch.match(scheme).matched == 1
