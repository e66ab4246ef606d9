"""Charts and maps drawn as inline SVG, for pages that must work offline and print.

Every drawing is one ``<svg role="img">`` element labelled by its own ``<title>`` and
``<desc>``, so a screen reader announces it as one picture with a summary; the figures
themselves go in a table beside it. Nothing is fetched: no fonts, tiles or scripts.
Coordinates are rounded to 0.1 px so the same data always gives the same bytes.

Marks carry a class naming what they stand for (``bar``, ``person``, ``household``,
``pair``), so a page's marks can be counted against its data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from markupsafe import Markup, escape

BAR_HEIGHT = 18
BAR_GAP = 6
CHART_WIDTH = 640
LABEL_WIDTH = 220
VALUE_WIDTH = 80
MAP_WIDTH = 760
MAP_HEIGHT = 640
MAP_MIN_WIDTH = 260
MAP_MARGIN = 12
SCALE_BAND = 24
KM_PER_DEGREE = 111.2
# Marks shrink on crowded maps (more than CROWDED people and households together).
CROWDED = 2000


def _number(value: float) -> str:
    """A coordinate with at most one decimal, without a trailing ``.0``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _heading(chart_id: str, title: str, description: str) -> str:
    return (
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    value_texts: Sequence[str],
    *,
    maximum: float | None = None,
    missing_text: str = "withheld",
) -> Markup:
    """A horizontal bar chart, one row per label, drawn as inline SVG.

    Args:
        chart_id: an id unique on the page; the title and description take it as prefix.
        title: what the chart shows, read first by screen readers.
        description: a one-sentence summary of the chart (e.g. where its table is).
        labels: one label per row, drawn left of the bars in the order given.
        values: one value per row; None (or NaN) draws no bar, only ``missing_text``.
        value_texts: the value of each row as printed at the end of its bar.
        maximum: the value of a full-width bar; default the largest value (or 1).
        missing_text: printed in place of a bar whose value is missing.

    Returns:
        The ``<svg>`` element as safe markup, with one ``<rect class="bar">`` per row that
        has a value.

    Raises:
        ValueError: when the three sequences differ in length, or a value is negative.
    """
    if not len(labels) == len(values) == len(value_texts):
        raise ValueError("labels, values and value texts must have the same length")
    present = [v for v in values if v is not None and not math.isnan(v)]
    if any(v < 0 for v in present):
        raise ValueError("bar values must be >= 0")
    top = maximum if maximum is not None else max(present, default=0.0)
    if top <= 0:
        top = 1.0
    span = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    step = BAR_HEIGHT + BAR_GAP
    height = max(step * len(labels), step)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart_id}" class="chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {CHART_WIDTH} {height}" width="{CHART_WIDTH}" height="{height}">',
        _heading(chart_id, title, description),
        f'<line class="axis" x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{height}"/>',
    ]
    for row, (label, value, text) in enumerate(zip(labels, values, value_texts)):
        top_y = row * step + BAR_GAP / 2
        middle = _number(top_y + BAR_HEIGHT / 2)
        parts.append(
            f'<text class="label" x="{LABEL_WIDTH - 6}" y="{middle}">{escape(label)}</text>'
        )
        if value is None or math.isnan(value):
            parts.append(
                f'<text class="missing" x="{LABEL_WIDTH + 6}" y="{middle}">'
                f"{escape(missing_text)}</text>"
            )
            continue
        width = span * min(value, top) / top
        parts.append(
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{_number(top_y)}" '
            f'width="{_number(width)}" height="{BAR_HEIGHT}"/>'
        )
        parts.append(
            f'<text class="value" x="{_number(LABEL_WIDTH + width + 6)}" y="{middle}">'
            f"{escape(text)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _coordinates(values: npt.NDArray[np.float64]) -> list[str]:
    """Each value rounded to 0.1 as text, without a trailing ``.0``."""
    rounded = np.round(values, 1) + 0.0  # + 0.0 turns -0.0 into 0.0
    return [text[:-2] if text.endswith(".0") else text for text in map(str, rounded.tolist())]


def scheme_map(
    map_id: str,
    title: str,
    description: str,
    people: tuple[npt.ArrayLike, npt.ArrayLike],
    households: tuple[npt.ArrayLike, npt.ArrayLike],
    pairs: tuple[npt.ArrayLike, npt.ArrayLike],
) -> Markup:
    """People, households and the proposed pairs on a map, drawn as inline SVG.

    The projection is equirectangular, with longitudes shrunk by the cosine of the
    middle latitude so distances look right for a region the size of a country. There is
    no background map: only the marks, and a scale bar under them.

    Args:
        map_id: an id unique on the page; the title and description take it as prefix.
        title: what the map shows, read first by screen readers.
        description: a one-sentence summary of the map.
        people: ``(lat, lon)`` arrays, one entry per person, in degrees.
        households: ``(lat, lon)`` arrays, one entry per household.
        pairs: ``(person_index, household_index)`` arrays, one entry per proposed pair,
            indexing the two arrays above.

    Returns:
        The ``<svg>`` element as safe markup: one ``<circle class="person">`` per person,
        one ``<rect class="household">`` per household and one ``<line class="pair">`` per
        pair (drawn first, under the marks).

    Raises:
        ValueError: when a coordinate is not finite or a pair indexes outside the arrays.
    """
    person_lat, person_lon = (np.asarray(a, dtype=np.float64) for a in people)
    household_lat, household_lon = (np.asarray(a, dtype=np.float64) for a in households)
    pair_person, pair_household = (np.asarray(a, dtype=np.int64) for a in pairs)
    lat = np.concatenate([person_lat, household_lat])
    lon = np.concatenate([person_lon, household_lon])
    if not (np.isfinite(lat).all() and np.isfinite(lon).all()):
        raise ValueError("map coordinates must be finite")
    if len(pair_person) and (
        pair_person.min() < 0
        or pair_person.max() >= len(person_lat)
        or pair_household.min() < 0
        or pair_household.max() >= len(household_lat)
    ):
        raise ValueError("a pair indexes outside the people or households")

    if len(lat):
        south, north, west, east = lat.min(), lat.max(), lon.min(), lon.max()
    else:
        south = north = west = east = 0.0
    shrink = math.cos(math.radians((south + north) / 2))
    # At least 0.01 degrees (about 1 km) each way, so one place alone still gets a map.
    extent_x = max((east - west) * shrink, 0.01)
    extent_y = max(north - south, 0.01)
    scale = min((MAP_WIDTH - 2 * MAP_MARGIN) / extent_x, (MAP_HEIGHT - 2 * MAP_MARGIN) / extent_y)
    width = max(math.ceil(extent_x * scale) + 2 * MAP_MARGIN, MAP_MIN_WIDTH)
    height = math.ceil(extent_y * scale) + 2 * MAP_MARGIN + SCALE_BAND

    def project(
        lat_values: npt.NDArray[np.float64], lon_values: npt.NDArray[np.float64]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        x = MAP_MARGIN + (lon_values - west) * shrink * scale
        y = MAP_MARGIN + (north - lat_values) * scale
        return x, y

    crowded = len(lat) > CROWDED
    radius, side = ("1.5", 3.0) if crowded else ("2.5", 5.0)
    person_x, person_y = (_coordinates(a) for a in project(person_lat, person_lon))
    household_centre_x, household_centre_y = project(household_lat, household_lon)
    household_x, household_y = (_coordinates(a) for a in (household_centre_x, household_centre_y))
    corner_x, corner_y = (
        _coordinates(a - side / 2) for a in (household_centre_x, household_centre_y)
    )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{map_id}" class="map" role="img" '
        f'aria-labelledby="{map_id}-title {map_id}-desc" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        _heading(map_id, title, description),
        f'<rect class="frame" x="0.5" y="0.5" width="{width - 1}" height="{height - 1}"/>',
        '<g class="pairs">',
    ]
    parts.extend(
        f'<line class="pair" x1="{person_x[p]}" y1="{person_y[p]}" '
        f'x2="{household_x[h]}" y2="{household_y[h]}"/>'
        for p, h in zip(pair_person.tolist(), pair_household.tolist())
    )
    parts.append('</g><g class="households">')
    side_text = _number(side)
    parts.extend(
        f'<rect class="household" x="{x}" y="{y}" width="{side_text}" height="{side_text}"/>'
        for x, y in zip(corner_x, corner_y)
    )
    parts.append('</g><g class="people">')
    parts.extend(
        f'<circle class="person" cx="{x}" cy="{y}" r="{radius}"/>'
        for x, y in zip(person_x, person_y)
    )
    parts.append("</g>")
    parts.append(_scale_bar(scale / KM_PER_DEGREE, height - SCALE_BAND / 2))
    parts.append("</svg>")
    return Markup("".join(parts))


def _scale_bar(pixels_per_km: float, y: float) -> str:
    """A bar of a round number of kilometres, at most 150 px long, with its length."""
    lengths = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
    fitting = [km for km in lengths if km * pixels_per_km <= 150]
    km = fitting[-1] if fitting else lengths[0]
    end = _number(MAP_MARGIN + km * pixels_per_km)
    middle = _number(y)
    return (
        f'<g class="scale"><line class="scale" x1="{MAP_MARGIN}" y1="{middle}" '
        f'x2="{end}" y2="{middle}"/>'
        f'<text class="scale" x="{_number(float(end) + 6)}" y="{middle}">{km} km</text></g>'
    )
