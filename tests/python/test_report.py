"""The scheme worker's HTML report: what it shows, what it must never show, and its CLI."""

from __future__ import annotations

import copy
import json
import math
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
import slmatch
from slmatch.pages import svg
from slmatch.pages.report import main, render_report, write_report

CLI = str(Path(sys.executable).with_name("slmatch"))
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


class Page(HTMLParser):
    """The parts of a report the tests look at: every element (with the id of the SVG
    drawing it sits in), each person's article text, and the footer's text."""

    VOID: ClassVar[set[str]] = {"meta", "br", "hr", "img", "input", "link", "source", "wbr"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], str | None]] = []
        self.articles: dict[str, str] = {}
        self.footer = ""
        self.text: list[str] = []
        self._stack: list[tuple[str, dict[str, str]]] = []
        self.feed(html)
        self.close()

    def _inside(self, tag: str) -> dict[str, str] | None:
        for open_tag, attrs in reversed(self._stack):
            if open_tag == tag:
                return attrs
        return None

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        attrs = {name: value or "" for name, value in attributes}
        drawing = self._inside("svg")
        self.elements.append((tag, attrs, drawing.get("id") if drawing else attrs.get("id")))
        if tag not in self.VOID:
            self._stack.append((tag, attrs))

    def handle_startendtag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        attrs = {name: value or "" for name, value in attributes}
        drawing = self._inside("svg")
        self.elements.append((tag, attrs, drawing.get("id") if drawing else None))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        article = self._inside("article")
        if article is not None:
            person = article["data-person"]
            self.articles[person] = self.articles.get(person, "") + data
        if self._inside("footer") is not None:
            self.footer += data

    def marks(self, drawing: str, tag: str, kind: str) -> int:
        """How many ``tag`` elements of class ``kind`` the SVG with id ``drawing`` holds."""
        return sum(
            1
            for element, attrs, inside in self.elements
            if element == tag and inside == drawing and attrs.get("class") == kind
        )

    def by_id(self, element_id: str) -> tuple[str, dict[str, str]]:
        found = [(t, a) for t, a, _ in self.elements if a.get("id") == element_id]
        assert len(found) == 1, f"{len(found)} elements with id {element_id}"
        return found[0]


@pytest.fixture(scope="module")
def result(example: slmatch.Scheme) -> slmatch.MatchResult:
    return slmatch.match(example)


@pytest.fixture(scope="module")
def html(example: slmatch.Scheme, result: slmatch.MatchResult) -> str:
    return render_report(example, result)


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    return Page(html)


def scheme_with(example_path: Path, change: Any) -> slmatch.Scheme:
    document = json.loads(example_path.read_text(encoding="utf-8"))
    change(document)
    return slmatch.Scheme.from_json(json.dumps(document))


def test_report_lists_every_person_once_in_order_of_id(
    example: slmatch.Scheme, result: slmatch.MatchResult, page: Page
) -> None:
    people = [attrs["data-person"] for tag, attrs, _ in page.elements if tag == "article"]
    assert people == sorted(example.person_ids)
    plan = result.plan.set_index("person")
    for person, text in page.articles.items():
        heading = f"{person}: proposed {plan.at[person, 'household']}"
        if plan.at[person, "status"] == "matched":
            assert heading in text
            assert f"score {plan.at[person, 'score']:.1f}" in text
        else:
            assert f"{person}: no proposal" in text


def test_report_gives_each_proposal_its_reasons_and_shortlist(
    result: slmatch.MatchResult, page: Page
) -> None:
    matched = result.plan[result.plan["status"] == "matched"]
    assert len(matched) > 0
    for person, summary in zip(matched["person"], matched["summary"]):
        text = page.articles[person]
        assert summary in text
        sentences = result.explanations.loc[result.explanations["person"] == person, "sentence"]
        assert len(sentences) > 0
        for sentence in sentences:
            assert sentence in text
    for person, rows in result.shortlists.groupby("person"):
        listed = ", ".join(
            f"{rank}. {household} ({score:.1f})"
            for rank, household, score in zip(rows["rank"], rows["household"], rows["score"])
        )
        assert f"Shortlist: {listed}" in page.articles[str(person)]


def test_report_says_why_each_unmatched_person_has_no_proposal(
    result: slmatch.MatchResult, page: Page
) -> None:
    unmatched = result.unmatched
    assert len(unmatched) > 0
    assert set(unmatched["person"]) == set(
        result.plan.loc[result.plan.status == "unmatched"].person
    )
    for person, summary, rules, taken in zip(
        unmatched["person"],
        unmatched["summary"],
        unmatched["blocking_rules"],
        unmatched["places_taken"],
    ):
        text = page.articles[person]
        assert summary and summary in text
        for rule, count in rules.items():
            assert f"{rule.replace('_', ' ')} {count}" in text
        for household, others in taken.items():
            assert f"{household} ({', '.join(others)})" in text


def test_report_summary_holds_the_run_figures(
    example: slmatch.Scheme, result: slmatch.MatchResult, page: Page
) -> None:
    text = "".join(page.text)
    frames = slmatch.scheme_to_frames(example)
    people = len(example.person_ids)
    assert f"People waiting {people}" in text
    assert f"Matched {result.matched} ({100 * result.matched / people:.1f}%)" in text
    assert f"Not matched {people - result.matched}" in text
    assert f"Date matched for {frames['policy']['as_of']}" in text
    assert "Objective max matched then total" in text
    # Places free: each household's places under the cap, less the people already there.
    cap = frames["policy"]["household_cap"]
    residents = frames["residents"]["household"].value_counts()
    free = sum(
        max(0, min(int(places), cap) - int(residents.get(household, 0)))
        for household, places in zip(frames["households"]["id"], frames["households"]["places"])
    )
    assert f"Places free {free}" in text
    for factor, weight in frames["policy"]["weights"].items():
        assert f"{factor.replace('_', ' ')}{weight:g}" in text


def test_report_map_draws_one_mark_per_person_and_household_and_one_line_per_pair(
    example: slmatch.Scheme, result: slmatch.MatchResult, page: Page
) -> None:
    tag, attrs = page.by_id("map-svg")
    assert tag == "svg" and attrs["role"] == "img"
    # The map draws the frames' rows; pairs index them in scheme order.
    frames = slmatch.scheme_to_frames(example)
    assert frames["people"]["id"].tolist() == example.person_ids
    assert frames["households"]["id"].tolist() == example.household_ids
    assert page.marks("map-svg", "circle", "person") == len(example.person_ids)
    assert page.marks("map-svg", "rect", "household") == len(example.household_ids)
    assert page.marks("map-svg", "line", "pair") == result.matched
    points = {
        (attrs["cx"], attrs["cy"])
        for tag, attrs, inside in page.elements
        if inside == "map-svg" and tag == "circle"
    }
    assert len(points) > len(example.person_ids) // 2  # spread out, not all in one place


def test_report_map_lines_join_each_person_to_their_household() -> None:
    drawing = svg.scheme_map(
        "m", "t", "d", ([50.0, 51.0], [-1.0, -2.0]), ([50.0, 52.0], [-2.0, -1.0]), ([1], [0])
    )
    page = Page(str(drawing))
    circles = [a for t, a, _ in page.elements if t == "circle"]
    squares = [a for t, a, _ in page.elements if t == "rect" and a.get("class") == "household"]
    (line,) = [a for t, a, _ in page.elements if t == "line" and a.get("class") == "pair"]
    assert (line["x1"], line["y1"]) == (circles[1]["cx"], circles[1]["cy"])
    centre_x = float(squares[0]["x"]) + float(squares[0]["width"]) / 2
    centre_y = float(squares[0]["y"]) + float(squares[0]["height"]) / 2
    assert float(line["x2"]) == pytest.approx(centre_x, abs=0.11)
    assert float(line["y2"]) == pytest.approx(centre_y, abs=0.11)
    # North is up: the household at 52N is above the one at 50N.
    assert float(squares[1]["y"]) < float(squares[0]["y"])
    with pytest.raises(ValueError, match="pair"):
        svg.scheme_map("m", "t", "d", ([50.0], [-1.0]), ([50.0], [-1.0]), ([0], [1]))
    with pytest.raises(ValueError, match="finite"):
        svg.scheme_map("m", "t", "d", ([math.nan], [-1.0]), ([50.0], [-1.0]), ([], []))


@pytest.mark.parametrize("grouping", ["need", "age_band", "area", "living_together"])
def test_report_audit_charts_draw_a_bar_per_group_shown(
    result: slmatch.MatchResult, page: Page, grouping: str
) -> None:
    groups = result.audit().query("grouping == @grouping")
    assert len(groups) > 0
    chart = f"chart-{grouping.replace('_', '-')}"
    shown_rate = int(groups["match_rate"].notna().sum())
    shown_wait = int(groups["mean_wait_days"].notna().sum())
    # Some groups are withheld in the example, but not among age bands; by living together
    # only the people on their own are many enough to show.
    assert 0 < shown_rate < len(groups) or grouping == "age_band"
    assert page.marks(f"{chart}-rate", "rect", "bar") == shown_rate
    assert page.marks(f"{chart}-wait", "rect", "bar") == shown_wait
    assert page.marks(f"{chart}-rate", "text", "label") == len(groups)
    assert page.marks(f"{chart}-rate", "text", "missing") == len(groups) - shown_rate
    for drawing in (f"{chart}-rate", f"{chart}-wait"):
        tag, attrs = page.by_id(drawing)
        assert tag == "svg" and attrs["role"] == "img"
        assert attrs["aria-labelledby"] == f"{drawing}-title {drawing}-desc"
        assert page.by_id(f"{drawing}-title")[0] == "title"
        assert page.by_id(f"{drawing}-desc")[0] == "desc"
    # The same figures as a table for screen readers.
    text = "".join(page.text)
    label = grouping.replace("_", " ")
    assert f"Match rate, score and wait by {label}" in text
    gaps = result.audit_gaps().query("grouping == @grouping")
    assert (f"Largest gaps between groups by {label}" in text) == (len(gaps) > 0)
    for measure, gap in zip(gaps["measure"], gaps["gap"]):
        shown = f"{100 * gap:.1f}%" if measure == "match_rate" else f"{gap:.0f}"
        assert f"{measure.replace('_', ' ')}" in text and shown in text
    for group, rate, wait in zip(groups["group"], groups["match_rate"], groups["mean_wait_days"]):
        name = group.replace("_", " ") if grouping == "need" else group
        if math.isnan(rate):
            assert f"{name}" in text
        else:
            assert f"{100 * rate:.1f}%" in text
            assert f"{wait:.0f}" in text


def test_report_counts_each_group_who_live_together_once(page: Page) -> None:
    text = "".join(page.text)
    assert "Groups who live together, each counted once" in text
    # The example's three groups (6 people): the couple and the siblings together (2), the
    # friends apart (1), none unmatched (0); the row's cells follow one another in the text.
    assert "all groups36210" in text
    assert text.count("withheld") >= 3  # couples, siblings and friends: two people each


def test_report_without_groups_has_no_living_together_section(
    example_without_groups: slmatch.Scheme,
) -> None:
    html = render_report(example_without_groups, slmatch.match(example_without_groups))
    assert "each counted once" not in html
    assert "chart-living-together" not in html


def empty_scheme(example_path: Path) -> slmatch.Scheme:
    def empty(document: dict[str, Any]) -> None:
        document["people"], document["households"], document["groups"] = [], [], []
        document["policy"].pop("excluded_pairs")

    return scheme_with(example_path, empty)


@pytest.mark.parametrize("kind", ["empty", "synthetic"])
def test_report_of_other_schemes_holds_every_mark(example_path: Path, kind: str) -> None:
    if kind == "empty":
        scheme = empty_scheme(example_path)
    else:
        scheme = slmatch.synthetic_scheme(300, 200, seed=3)
    result = slmatch.match(scheme, 2)
    page = Page(render_report(scheme, result))
    assert sorted(page.articles) == sorted(scheme.person_ids)
    assert page.marks("map-svg", "circle", "person") == len(scheme.person_ids)
    assert page.marks("map-svg", "rect", "household") == len(scheme.household_ids)
    assert page.marks("map-svg", "line", "pair") == result.matched
    for person, summary in zip(result.unmatched["person"], result.unmatched["summary"]):
        assert summary in page.articles[person]
    text = "".join(page.text)
    assert f"People waiting {len(scheme.person_ids)}" in text
    assert f"Matched {result.matched}" in text


def test_report_bar_lengths_follow_the_values() -> None:
    drawing = svg.bar_chart("c", "t", "d", ["a", "b", "c"], [0.5, None, 1.0], ["50%", "", "100%"])
    page = Page(str(drawing))
    bars = [float(a["width"]) for t, a, _ in page.elements if t == "rect"]
    assert len(bars) == 2 and bars[1] == pytest.approx(2 * bars[0], abs=0.1)
    with pytest.raises(ValueError, match="length"):
        svg.bar_chart("c", "t", "d", ["a"], [1.0, 2.0], ["1", "2"])
    with pytest.raises(ValueError, match=">= 0"):
        svg.bar_chart("c", "t", "d", ["a"], [-1.0], ["-1"])


def test_report_footer_ties_the_page_to_its_run(result: slmatch.MatchResult, page: Page) -> None:
    record = result.record()
    assert record["input_sha256"] in page.footer
    assert record["result_sha256"] in page.footer
    assert record["library_version"] == slmatch.__version__
    assert f"slmatch version{slmatch.__version__}" in page.footer


def test_report_loads_nothing_and_runs_no_script(html: str, page: Page) -> None:
    assert "<script" not in html.lower()
    assert "url(" not in html and "@import" not in html
    tags = {tag for tag, _, _ in page.elements}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "image", "use"}
    for tag, attrs, _ in page.elements:
        assert "src" not in attrs, tag
        for name in ("href", "xlink:href"):
            assert attrs.get(name, "#").startswith("#"), (tag, attrs)
        assert all(not name.startswith("on") for name in attrs), (tag, attrs)
    # The only URL on the page is SVG's namespace name, which is never fetched.
    assert html.count("http") == html.count(SVG_NAMESPACE)


def test_report_is_the_same_bytes_every_time(
    example: slmatch.Scheme, html: str, tmp_path: Path
) -> None:
    again = render_report(example, slmatch.match(example))
    assert again == html
    write_report(tmp_path / "a.html", example, slmatch.match(example))
    slmatch.match(example).report(tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    assert (tmp_path / "a.html").read_bytes() == html.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "b.html"]


def test_report_escapes_what_it_is_given(example_path: Path) -> None:
    def rename(document: dict[str, Any]) -> None:
        document["name"] = '<script>alert("x")</script> & <b>'

    scheme = scheme_with(example_path, rename)
    html = render_report(scheme, slmatch.match(scheme))
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;" in html


def test_report_never_shows_data_a_person_withheld(example_path: Path) -> None:
    def share_beekeeping(document: dict[str, Any]) -> None:
        person = document["people"][0]
        person["interests"] = ["beekeeping", *person["interests"]]
        document["households"][0]["interests"].append("beekeeping")

    def withhold_interests(document: dict[str, Any]) -> None:
        share_beekeeping(document)
        person = document["people"][0]
        person["consent"] = [c for c in person["consent"] if c != "interests"]

    shared = scheme_with(example_path, share_beekeeping)
    withheld = scheme_with(example_path, withhold_interests)
    assert shared.person_ids[0] == "P01"
    # With consent the shared interest is a reason (so the test can see it) ...
    page = Page(render_report(shared, slmatch.match(shared)))
    assert "beekeeping" in page.articles["P01"]
    # ... and without it the page never shows it, and says interests were not used.
    html = render_report(withheld, slmatch.match(withheld))
    assert "beekeeping" not in html
    text = Page(html).articles["P01"]
    assert "interests were not used" in text
    for interest in ("football", "cooking", "cinema"):
        assert interest not in text


def test_report_shows_no_ethnicity_faith_or_names(example_path: Path, html: str) -> None:
    document = json.loads(example_path.read_text(encoding="utf-8"))
    for person in document["people"]:
        for field in ("ethnicity", "faith", "name", "notes", "date_of_birth"):
            value = person.get(field)
            if value:
                assert str(value) not in html, (person["id"], field)
    for household in document["households"]:
        if household.get("name"):
            assert household["name"] not in html


def test_report_method_on_match_result_writes_the_page(
    example: slmatch.Scheme, html: str, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    slmatch.match(example).report(target)
    assert target.read_text(encoding="utf-8") == html
    slmatch.match(example).report(str(target))  # replaced whole
    assert target.read_text(encoding="utf-8") == html


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, check=False)


def test_cli_report_writes_the_page(
    example_path: Path, example: slmatch.Scheme, html: str, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    done = run_cli("report", str(example_path), "--output", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert target.read_text(encoding="utf-8") == html
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_cli_report_takes_objective_and_shortlist_size(
    example_path: Path, example: slmatch.Scheme, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    done = run_cli(
        "report",
        str(example_path),
        "--output",
        str(target),
        "--objective",
        "max_total",
        "--top",
        "5",
    )
    assert done.returncode == 0, done.stderr
    expected = render_report(example, slmatch.match(example, 5, objective="max_total"))
    assert target.read_text(encoding="utf-8") == expected
    footer = Page(expected).footer
    assert "Objectivemax total" in footer and "Shortlist size5" in footer


def test_cli_report_refuses_bad_input_and_writes_nothing(
    example_path: Path, tmp_path: Path
) -> None:
    document = json.loads(example_path.read_text(encoding="utf-8"))
    broken = copy.deepcopy(document)
    del broken["people"][0]["needs"]
    broken["households"][1]["places"] = -1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(broken), encoding="utf-8")
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()

    done = run_cli("report", str(bad), "--output", str(target))
    assert done.returncode == 1
    assert "person P01, field needs" in done.stderr
    assert "places" in done.stderr
    assert list(target.parent.iterdir()) == []

    # An earlier report stays as it was.
    target.write_text("earlier", encoding="utf-8")
    done = run_cli("report", str(tmp_path / "missing.json"), "--output", str(target))
    assert done.returncode == 1 and "cannot open" in done.stderr
    assert target.read_text(encoding="utf-8") == "earlier"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.html"]


def test_cli_report_refuses_bad_options_and_unwritable_output(
    example_path: Path, tmp_path: Path
) -> None:
    done = run_cli("report", str(example_path), "--output", str(tmp_path / "no" / "r.html"))
    assert done.returncode == 1
    assert done.stderr.startswith("slmatch report: cannot write ")
    assert "r.html: No such file or directory" in done.stderr
    done = run_cli(
        "report", str(example_path), "--output", str(tmp_path / "r.html"), "--objective", "nonsense"
    )
    assert done.returncode == 2 and "invalid choice" in done.stderr
    done = run_cli("report", str(example_path))
    assert done.returncode == 2 and "--output" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_report_main_runs_in_process(
    example_path: Path, html: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "r.html"
    assert main([str(example_path), "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == html
    assert main([str(example_path), "--output", str(target), "--top", "-1"]) == 1
    assert "--top must be >= 0" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == html


def test_report_templates_are_installed_with_the_package() -> None:
    import slmatch.pages

    templates = Path(slmatch.pages.__file__).with_name("templates")
    names = {p.name for p in templates.iterdir()}
    assert {"report.html.j2", "report_summary.html.j2", "report_proposals.html.j2"} <= names
