"""Easy Read pages: one self-contained page per person, in the engine's words, with no
scores, no names and nothing the person did not consent to."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import slmatch
from slmatch import _core
from slmatch.pages.easy_read import render_easy_read, write_easy_read

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "examples" / "riverside.json"
VOID = {"meta", "br", "img", "input", "link", "hr"}


class Page(HTMLParser):
    """A page's tags checked for nesting, its visible text and its pictures."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []
        self.svgs: list[dict[str, str | None]] = []
        self.items = 0
        self.items_with_picture = 0
        self.in_style = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.svgs.append(dict(attrs))
            if self.open and self.open[-1] == "li":
                self.items_with_picture += 1
        if tag == "li":
            self.items += 1
        if tag == "style":
            self.in_style = True
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <path/>, <circle/>, <rect/> inside pictures

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if not self.in_style and self.open and self.open[-1] != "title":
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join("".join(self.text).split())


def scheme_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return document


@pytest.fixture(scope="module")
def result(example: slmatch.Scheme) -> slmatch.MatchResult:
    return slmatch.match(example)


@pytest.fixture(scope="module")
def pages(
    tmp_path_factory: pytest.TempPathFactory, example: slmatch.Scheme, result: slmatch.MatchResult
) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("easy_read")
    written = write_easy_read(folder, example, result)
    return {path.stem: path.read_text(encoding="utf-8") for path in written}


def proposed_of(result: slmatch.MatchResult, person: str) -> str | None:
    row = result.plan[result.plan["person"] == person].iloc[0]
    return None if row["status"] == "unmatched" else str(row["household"])


def test_write_easy_read_one_file_per_person_named_by_id(
    tmp_path: Path, example: slmatch.Scheme, result: slmatch.MatchResult
) -> None:
    written = write_easy_read(tmp_path / "pages", example, result)
    assert [p.name for p in written] == [f"{i}.html" for i in example.person_ids]
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == sorted(p.name for p in written)


def test_write_easy_read_same_bytes_every_time(
    tmp_path: Path, example: slmatch.Scheme, result: slmatch.MatchResult
) -> None:
    first = write_easy_read(tmp_path / "a", example, result)
    again = write_easy_read(tmp_path / "b", example, slmatch.match(example))
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    person = example.person_ids[0]
    assert render_easy_read(example, result, person) == first[0].read_text(encoding="utf-8")


def test_write_easy_read_replaces_pages_and_leaves_no_temporary_files(
    tmp_path: Path, example: slmatch.Scheme, result: slmatch.MatchResult
) -> None:
    (tmp_path / f"{example.person_ids[0]}.html").write_text("an earlier page", encoding="utf-8")
    write_easy_read(tmp_path, example, result)
    assert "an earlier page" not in (tmp_path / f"{example.person_ids[0]}.html").read_text(
        encoding="utf-8"
    )
    assert len(list(tmp_path.iterdir())) == len(example.person_ids)


def test_easy_read_pages_are_self_contained(pages: dict[str, str]) -> None:
    for person, html in pages.items():
        lowered = html.lower()
        for forbidden in ("<script", "http:", "https:", "src=", "href=", "url(", "@import"):
            assert forbidden not in lowered, (person, forbidden)
        assert "<style>" in html and "<svg" in html


def test_easy_read_pages_are_well_formed(pages: dict[str, str]) -> None:
    for person, html in pages.items():
        page = Page(html)
        assert page.problems == [], person
        assert page.open == [], person
        assert html.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
        assert html.count("<h1>") == 1


def test_easy_read_a_picture_beside_each_line(pages: dict[str, str]) -> None:
    for person, html in pages.items():
        page = Page(html)
        assert page.items > 0 and page.items_with_picture == page.items, person
        for svg in page.svgs:
            decorative = svg.get("aria-hidden") == "true"
            named = svg.get("role") == "img" and bool(svg.get("aria-label"))
            assert decorative != named, (person, svg)


def test_easy_read_large_type_and_high_contrast(pages: dict[str, str]) -> None:
    css = pages["P01"].split("<style>")[1].split("</style>")[0]
    body = re.search(r"body \{([^}]*)\}", css)
    assert body is not None
    size = re.search(r"font-size: ([\d.]+)rem", body.group(1))
    height = re.search(r"line-height: ([\d.]+)", body.group(1))
    assert size is not None and float(size.group(1)) * 16 >= 18
    assert height is not None and float(height.group(1)) >= 1.5
    assert "background: #ffffff" in body.group(1) and "color: #111111" in body.group(1)


def test_easy_read_matched_person_proposed_household_first(
    pages: dict[str, str], example: slmatch.Scheme, result: slmatch.MatchResult
) -> None:
    shortlists = result.shortlists
    for person in example.person_ids:
        proposed = proposed_of(result, person)
        if proposed is None:
            continue
        visible = Page(pages[person]).visible
        assert "These are the carers we think you could meet" in visible
        listed = re.findall(r"Carer household (\S+)\.", visible)
        others = [
            h for h in shortlists[shortlists["person"] == person]["household"] if h != proposed
        ]
        assert listed == [proposed, *others], person
        assert f"Carer household {proposed}. We think this one could suit you best." in visible


def test_easy_read_reasons_are_the_engine_factor_sentences_without_points(
    pages: dict[str, str], result: slmatch.MatchResult
) -> None:
    proposed = proposed_of(result, "P01")
    assert proposed is not None
    factors = result.explain("P01", proposed).factors
    used = factors[factors["used"]].sort_values("points", ascending=False, kind="stable")
    visible = Page(pages["P01"]).visible
    for sentence in used["sentence"].head(3):
        assert sentence[0].upper() + sentence[1:] + "." in visible
    assert "points" not in visible


def test_easy_read_shows_no_scores(
    pages: dict[str, str], example: slmatch.Scheme, result: slmatch.MatchResult
) -> None:
    shortlists = result.shortlists
    for person in example.person_ids:
        html = pages[person]
        assert "score" not in html.lower(), person
        assert "points" not in html.lower(), person
        for score in shortlists[shortlists["person"] == person]["score"]:
            for shown in (f"{score:.1f}", f"{score:.3f}", f"{round(score)} "):
                assert shown not in Page(html).visible, (person, shown)


def test_easy_read_shows_no_names(pages: dict[str, str]) -> None:
    document = scheme_document()
    names = [p["name"] for p in document["people"] if "name" in p]
    names += [h["name"] for h in document["households"] if "name" in h]
    for household in document["households"]:
        names += [a["name"] for a in household.get("adults", []) if "name" in a]
        names += [r["name"] for r in household.get("residents", []) if "name" in r]
    assert names
    words = {w for name in names for w in name.split() if w[:1].isupper() and len(w) > 2}
    for person, html in pages.items():
        for word in words:
            assert re.search(rf"\b{re.escape(word)}\b", html) is None, (person, word)


def test_easy_read_unmatched_person_no_household_at_all(
    pages: dict[str, str], result: slmatch.MatchResult
) -> None:
    unmatched = result.unmatched.set_index("person")
    nobody = [p for p in unmatched.index if not unmatched.loc[p, "places_taken"]]
    assert nobody
    rules = {r["id"]: r for r in _core.registry.rules()}
    for person in nobody:
        visible = Page(pages[person]).visible
        assert "We have not found a carer for you yet" in visible
        assert "These are the carers" not in visible
        assert "What happens next" in visible
        assert "Nothing is decided until you say yes." in visible
        blocking = sorted(unmatched.loc[person, "blocking_rules"].items(), key=lambda i: -i[1])
        for rule, _ in blocking[:3]:
            assert f"{rules[rule]['label']}. {rules[rule]['description']}" in visible


def test_easy_read_unmatched_person_whose_household_was_taken(
    pages: dict[str, str], result: slmatch.MatchResult
) -> None:
    unmatched = result.unmatched.set_index("person")
    taken = [p for p in unmatched.index if unmatched.loc[p, "places_taken"]]
    assert taken
    for person in taken:
        visible = Page(pages[person]).visible
        for household, others in unmatched.loc[person, "places_taken"].items():
            assert f"Carer household {household} could support you." in visible
            for other in others:  # other people's ids are theirs, not this page's
                assert other not in visible


def test_easy_read_never_shows_another_persons_id(
    pages: dict[str, str], example: slmatch.Scheme
) -> None:
    for person, html in pages.items():
        for other in example.person_ids:
            if other != person:
                assert re.search(rf"\b{other}\b", html) is None, (person, other)


def test_easy_read_what_matters_to_me(pages: dict[str, str]) -> None:
    factors = {f["id"]: f["label"] for f in _core.registry.factors()}
    p36 = Page(pages["P36"]).visible  # community 5 (scheme 3.5), interests 1 (scheme 2)
    assert f"{factors['community']}: this matters a lot to you." in p36
    assert f"{factors['interests']}: this matters less to you." in p36
    assert "You enjoy football, pub quizzes and music." in p36
    p38 = Page(pages["P38"]).visible  # continuity 0
    assert f"{factors['continuity']}: you asked us not to count this." in p38
    assert "What you told us matters to you" not in Page(pages["P35"]).visible  # no weights


def with_consent_withheld(person: str, category: str) -> slmatch.Scheme:
    document = scheme_document()
    record = next(p for p in document["people"] if p["id"] == person)
    record["consent"] = [c for c in record["consent"] if c != category]
    record["consents"] = [
        r
        for r in record.get("consents", [])
        if (r["category"], r["purpose"]) != (category, "matching")
    ]
    return _core.Scheme.from_json(json.dumps(document))


# A person's data gated by each consent category, as text that could show on a page.
GATED = {
    "interests": lambda p: p.get("interests", []),
    "languages": lambda p: p.get("languages", []),
    "faith_culture": lambda p: [p.get("faith", ""), *p.get("cultures", [])],
    "diet": lambda p: [d.replace("_", " ") for d in p.get("diets", [])],
}


@pytest.mark.parametrize("category", sorted(GATED))
def test_easy_read_never_shows_data_without_consent(category: str) -> None:
    document = scheme_document()
    for record in document["people"]:
        words = [w for w in GATED[category](record) if w]
        if category not in record["consent"] or not words:
            continue
        # A word the person also gave under a category they did consent to may show
        # (e.g. "Polish" as a language and as a culture).
        consented = {
            w.lower()
            for other, gated in GATED.items()
            if other != category and other in record["consent"]
            for value in gated(record)
            for w in [value, *value.split()]
        }
        words = [w for w in words if w.lower() not in consented]
        scheme = with_consent_withheld(record["id"], category)
        html = render_easy_read(scheme, slmatch.match(scheme), record["id"])
        for word in words:
            assert re.search(rf"\b{re.escape(word)}\b", html, re.IGNORECASE) is None, (
                record["id"],
                category,
                word,
            )
        title = next(c["title"] for c in _core.registry.data_categories() if c["id"] == category)
        assert f"Your {title}." in Page(html).visible


def test_easy_read_consented_interests_are_shown() -> None:
    scheme = slmatch.load_scheme(str(EXAMPLE))
    visible = Page(render_easy_read(scheme, slmatch.match(scheme), "P01")).visible
    assert "You enjoy football, cooking and cinema." in visible
    assert "Things we did not use" not in visible  # P01 consented to everything scored


def test_easy_read_not_used_names_the_category_with_the_engine_sentence(
    pages: dict[str, str], result: slmatch.MatchResult
) -> None:
    proposed = proposed_of(result, "P33")  # P33 withdrew consent to interests
    assert proposed is not None
    factors = result.explain("P33", proposed).factors
    sentence = factors.set_index("factor").loc["interests", "sentence"]
    visible = Page(pages["P33"]).visible
    assert f"Your interests. {sentence[0].upper()}{sentence[1:]}." in visible
    for word in ("animals", "swimming"):
        assert word not in visible


def test_easy_read_person_with_no_consent_at_all(pages: dict[str, str]) -> None:
    visible = Page(pages["P35"]).visible  # P35 consented to nothing
    for factor in _core.registry.factors():
        if factor["consent"] is not None:
            title = next(
                c["title"] for c in _core.registry.data_categories() if c["id"] == factor["consent"]
            )
            assert f"Your {title}." in visible
    assert "reading" not in visible and "yoga" not in visible


def test_easy_read_unknown_person(example: slmatch.Scheme, result: slmatch.MatchResult) -> None:
    with pytest.raises(slmatch.SlmatchError, match="no person"):
        render_easy_read(example, result, "nobody")


def test_easy_read_ids_that_are_not_plain_file_names(tmp_path: Path) -> None:
    document = scheme_document()
    document["people"][0]["id"] = "../P 01"
    for group in document["groups"]:
        group["members"] = ["../P 01" if m == "P01" else m for m in group["members"]]
    scheme = _core.Scheme.from_json(json.dumps(document))
    written = write_easy_read(tmp_path / "pages", scheme, slmatch.match(scheme))
    assert all(path.parent == tmp_path / "pages" for path in written)
    assert written[0].name == "%2E.%2FP%2001.html"
    assert "../P 01" in Page(written[0].read_text(encoding="utf-8")).visible


def test_easy_read_parts_left_out_for_consent_are_listed_once(pages: dict[str, str]) -> None:
    visible = Page(pages["P35"]).visible  # P35 consented to nothing
    reasons = visible.split("Things we did not use")[0]
    assert "consent" not in reasons
    for category in _core.registry.data_categories():
        if category["id"] in ("community", "household_preferences"):  # parts of used factors
            assert f"Your {category['title']}. " in visible
            assert visible.count(category["no_consent"]) == 1


def test_easy_read_dates_as_people_write_them(pages: dict[str, str]) -> None:
    assert "We looked for carers on 1 November 2026." in Page(pages["P01"]).visible


def test_easy_read_not_used_for_a_person_no_household_can_support() -> None:
    scheme = with_consent_withheld("P14", "interests")
    result = slmatch.match(scheme)
    assert proposed_of(result, "P14") is None
    visible = Page(render_easy_read(scheme, result, "P14")).visible
    assert (
        "Your interests. Shared interests were not used because consent to use interests "
        "was not given." in visible
    )


def test_easy_read_scheme_with_no_households() -> None:
    document = scheme_document()
    document["households"] = []
    for person in document["people"]:
        person.pop("known_households", None)
        person.pop("declined_households", None)
        person.pop("conflicts_with", None)
    document["policy"].pop("excluded_pairs", None)
    scheme = _core.Scheme.from_json(json.dumps(document))
    visible = Page(render_easy_read(scheme, slmatch.match(scheme), "P35")).visible
    assert "We have not found a carer for you yet" in visible
    assert "Your interests." in visible


# Words the engine's sentences use only when they read a category's data that is not text
# (places in the community, carers already known, feelings about pets and children, ways of
# life).
REVEALING = {
    "community": ("their family", "their day service", "their work", "their friends"),
    "history": ("already knows",),
    "household_preferences": ("would welcome", "does not mind", "would like", "prefers"),
    "lifestyle": ("their lifestyles", "differing most on"),
}


@pytest.mark.parametrize("category", sorted(REVEALING))
def test_easy_read_never_uses_data_without_consent(
    pages: dict[str, str], example: slmatch.Scheme, category: str
) -> None:
    shown = [
        person
        for person in example.person_ids
        if any(words in pages[person] for words in REVEALING[category])
    ]
    assert shown  # the example shows each kind of data for someone who consented
    for person in shown:
        scheme = with_consent_withheld(person, category)
        html = render_easy_read(scheme, slmatch.match(scheme), person)
        for words in REVEALING[category]:
            assert words not in html, (person, category, words)
