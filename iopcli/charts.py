"""Small SVG charts for the HTML report: bars over a date axis (timeline) and stacked bars per year.

Written here rather than with a plotting library (matplotlib, plotly, altair): the report must be
one small file that opens offline from a USB stick and prints sharply on A4. Those libraries weigh
tens of MB as dependencies, and give raster images that blur in print, SVG with embedded fonts and
clip paths that grow to several MB for 500 bars, or a JavaScript runtime (plotly's is 3.5 MB per
file). The two charts here are rectangles, lines and text: a row of the timeline costs a few
hundred bytes, and every function is pure and tested like the rest.

Colours come by CSS class (st-active, renewal, m0, …) from STYLE and the patterns from DEFS, both of
which the page holds once. Every text passes html.escape. The SVG carries
no xmlns: inline in HTML it needs none, and the page then names no URL at all.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

# Patterns the stylesheet refers to: expiring (amber, dotted), renewal and civil (hatched).
DEFS = ('<svg class="defs" width="0" height="0" aria-hidden="true"><defs>'
        '<pattern id="pat-dots" width="4" height="4" patternUnits="userSpaceOnUse">'
        '<rect width="4" height="4" fill="#f2a900"/><circle cx="2" cy="2" r="0.9" fill="#000"/></pattern>'
        '<pattern id="pat-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="5" height="5" fill="#fff"/><line x1="0" y1="0" x2="0" y2="5" stroke="#444" stroke-width="1.6"/>'
        '</pattern></defs></svg>')

# The charts' classes: text, status fills that differ in lightness and texture too (so that a
# black-and-white print tells them apart), renewals hatched, options dashed, municipalities m0-m7.
STYLE = """
svg.timeline,svg.money{width:100%;height:auto;display:block}svg.money{max-width:760px}svg text{font-size:11px;fill:#111}
svg .group{font-weight:700;font-size:11.5px}svg .status{font-style:italic;fill:#333}svg .year{fill:#444}
svg .tick{text-anchor:end;fill:#444;font-size:12px}svg.money .year{text-anchor:middle;font-size:13px}.swatch{width:22px;height:13px}
.grid{stroke:#ddd;stroke-width:1}.today{stroke:#c62828;stroke-width:1.5;stroke-dasharray:4 3}.today-label{fill:#c62828}
.seg{stroke:#222;stroke-width:.6}.st-active{fill:#1b5e20}.st-expiring{fill:url(#pat-dots)}.st-ended{fill:#c8c8c8}
.st-draft{fill:#fff;stroke-dasharray:3 2}.renewal{fill:url(#pat-hatch)}.option{fill:none;stroke:#444;stroke-dasharray:4 3}
.open{fill-opacity:.75}.unknown{fill:none;stroke:#999;stroke-dasharray:2 2}
.mk-notice{fill:#000}.mk-option{fill:#fff;stroke:#000;stroke-width:1.2}
.m0{fill:#1f4e79}.m1{fill:#e69f00}.m2{fill:#56b4e9}.m3{fill:#009e73}.m4{fill:#cc79a7}.m5{fill:#0b0b0b}.m6{fill:#d55e00}
.m7{fill:#bdbdbd}svg.money .sep{stroke:#fff;stroke-width:.5}svg.money .civil,.civil{fill:url(#pat-hatch);stroke:#444;stroke-width:.5}
"""

# Timeline geometry (SVG user units; the SVG scales to the page's width).
WIDTH = 860  # on A4 (about 680 px wide) text of 11 units prints at 6.5 pt
LABEL_X, STATUS_X, PLOT_LEFT, PLOT_RIGHT = 4, 222, 286, 852
AXIS_H, GROUP_H, ROW_H, BAR_H = 30, 20, 18, 11
LABEL_CHARS = 34


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of a timeline row: kind is term | renewal | option | open | unknown."""
    start: date
    end: date
    kind: str
    title: str


@dataclass(frozen=True, slots=True)
class Marker:
    """A day marked on a timeline row: kind is notice | option."""
    day: date
    kind: str
    title: str


@dataclass(frozen=True, slots=True)
class Row:
    """One partnership on the timeline: its label, status and what to draw."""
    key: str
    label: str
    href: str
    status: str
    status_text: str
    segments: tuple[Segment, ...]
    markers: tuple[Marker, ...] = ()


@dataclass(frozen=True, slots=True)
class Piece:
    """One partnership's part of a year's stacked bar."""
    key: str
    value: int
    css: str
    title: str


def attrs(**values) -> str:
    """Give HTML attributes, escaped; a trailing underscore is dropped, other underscores become dashes.

    >>> attrs(class_="bar", data_id='a"b', title=None)
    ' class="bar" data-id="a&quot;b"'
    """
    return "".join(f' {name.rstrip("_").replace("_", "-")}="{escape(str(value))}"'
                   for name, value in values.items() if value is not None)


def x_of(day: date, first: date, last: date, left: float = PLOT_LEFT, right: float = PLOT_RIGHT) -> float:
    """Give the x of the start of a day on an axis that runs from `first` to the end of `last`.

    >>> x_of(date(2025, 1, 1), date(2025, 1, 1), date(2025, 12, 31), 0, 365)
    0.0
    >>> x_of(date(2026, 1, 1), date(2025, 1, 1), date(2025, 12, 31), 0, 365)
    365.0
    """
    days = max((last - first).days + 1, 1)
    return round(left + (day - first).days / days * (right - left), 1)


def nice_step(maximum: float, count: int = 5) -> int:
    """Give a round step (1, 2, 2.5 or 5 times a power of ten) so that about `count` steps reach maximum.

    >>> nice_step(1_416_600), nice_step(90), nice_step(0), nice_step(7)
    (500000, 20, 1, 2)
    """
    if maximum <= 0:
        return 1
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= raw)
    return max(int(step), 1)


def grouped(value: int) -> str:
    """Give a whole number with no-break spaces between groups of three.

    >>> grouped(1250000)
    '1\\xa0250\\xa0000'
    """
    return f"{int(value):,}".replace(",", "\u00a0")


def clip(text: str, chars: int) -> str:
    """Give text cut to `chars` characters, with … when cut.

    >>> clip("Brottsofferjouren i Linköping", 12)
    'Brottsoffer…'
    """
    return text if len(text) <= chars else text[:chars - 1] + "…"


def svg(width: float, height: float, body: str, label: str, css: str) -> str:
    """Give an inline SVG that scales to its container's width."""
    return (f'<svg{attrs(class_=css, viewBox=f"0 0 {width:g} {height:g}", role="img", aria_label=label)}>'
            f'<title>{escape(label)}</title>{body}</svg>')


# --- timeline -----------------------------------------------------------------------------------

def timeline(groups: list[tuple[str, list[Row]]], first: date, last: date, today: date, label: str) -> str:
    """Give the timeline of some rows under headings: one bar per row from `first` to `last`.

    Years are marked at the top, each heading (a nämnd) takes a line, and a line marks today.
    """
    rows_h = sum(GROUP_H + ROW_H * len(rows) for _, rows in groups)
    height = AXIS_H + rows_h + 4
    parts = [_year_axis(first, last, height)]
    y = AXIS_H
    for heading, rows in groups:
        parts.append(f'<text class="group"{attrs(x=LABEL_X, y=y + 14)}>{escape(clip(heading, 90))}</text>')
        y += GROUP_H
        for row in rows:
            parts.append(_timeline_row(row, y, first, last))
            y += ROW_H
    if first <= today <= last:
        x = x_of(today, first, last)
        parts.append(f'<line class="today"{attrs(x1=x, x2=x, y1=AXIS_H - 12, y2=height)}/>'
                     f'<text class="today-label"{attrs(x=x + 3, y=AXIS_H - 3)}>idag</text>')
    return svg(WIDTH, height, "".join(parts), label, "timeline")


def _year_axis(first: date, last: date, height: float) -> str:
    years = range(first.year + (first > date(first.year, 1, 1)), last.year + 1)
    every = 1 if len(years) <= 16 else 2 if len(years) <= 32 else 5
    parts = []
    for year in years:
        x = x_of(date(year, 1, 1), first, last)
        parts.append(f'<line class="grid"{attrs(x1=x, x2=x, y1=AXIS_H - 4, y2=height)}/>')
        if year % every == 0:
            parts.append(f'<text class="year"{attrs(x=x + 2, y=12)}>{year}</text>')
    return "".join(parts)


def _timeline_row(row: Row, y: float, first: date, last: date) -> str:
    bar_y = y + (ROW_H - BAR_H) / 2
    parts = [f'<g class="bar"{attrs(data_id=row.key, data_status=row.status)}>',
             (f'<a{attrs(href=row.href)}><text class="label"{attrs(x=LABEL_X, y=y + 13)}>'
              f'{escape(clip(row.label, LABEL_CHARS))}<title>{escape(row.label)}</title></text></a>'),
             f'<text class="status"{attrs(x=STATUS_X, y=y + 13)}>{escape(row.status_text)}</text>']
    for segment in row.segments:
        start, end = max(segment.start, first), min(segment.end, last)
        if start > end:
            continue
        x = x_of(start, first, last)
        width = max(x_of(end + timedelta(days=1), first, last) - x, 1.0)
        css = f"seg {segment.kind}" + (f" st-{row.status}" if segment.kind in ("term", "open") else "")
        parts.append(f'<rect{attrs(class_=css, x=x, y=bar_y, width=round(width, 1), height=BAR_H)}>'
                     f'<title>{escape(segment.title)}</title></rect>')
    for marker in row.markers:
        if first <= marker.day <= last:
            parts.append(_marker(marker, x_of(marker.day, first, last), bar_y))
    parts.append("</g>")
    return "".join(parts)


def _marker(marker: Marker, x: float, bar_y: float) -> str:
    """A downward triangle for a notice deadline, a diamond for an option decision, above the bar."""
    top = bar_y - 4
    if marker.kind == "option":
        shape = f"M{x:g} {top - 1:g}l5 5.5-5 5.5-5-5.5z"
    else:
        shape = f"M{x - 5:g} {top:g}h10l-5 8z"
    return (f'<path{attrs(class_=f"marker mk-{marker.kind}", d=shape, data_date=marker.day.isoformat())}>'
            f'<title>{escape(marker.title)}</title></path>')


def swatch(css: str, shape: str = "rect") -> str:
    """Give a legend's small sample of a bar style or marker (the same classes as the charts)."""
    if shape == "rect":
        body = f'<rect{attrs(class_=css, x=1, y=2, width=20, height=9)}/>'
    else:
        body = _marker(Marker(date.min, shape, ""), 11, 5.5).replace("<title></title>", "")
    return f'<svg class="swatch" viewBox="0 0 22 13" aria-hidden="true">{body}</svg>'


# --- stacked bars -------------------------------------------------------------------------------

def stacked_bars(years: list[int], series: list[dict[int, list[Piece]]], label: str,
                 width: int = 640, height: int = 300) -> str:
    """Give bars per year, one per series side by side, each stacked from its pieces (bottom first).

    Every piece is a rect with data-id, data-year and data-sek, so a reader (or a test) can add
    them up; the y axis is in kronor.
    """
    left, right, top, bottom = 84, 8, 14, 22
    plot_w, plot_h = width - left - right, height - top - bottom
    highest = max((sum(p.value for p in pieces) for bars in series for pieces in bars.values()), default=0)
    step = nice_step(highest)
    ceiling = max(step * math.ceil(highest / step), step)
    parts = []
    for tick in range(0, ceiling + 1, step):
        y = round(top + plot_h - tick / ceiling * plot_h, 1)
        parts.append(f'<line class="grid"{attrs(x1=left, x2=width - right, y1=y, y2=y)}/>'
                     f'<text class="tick"{attrs(x=left - 4, y=y + 3)}>{grouped(tick)}\u00a0kr</text>')
    slot = plot_w / max(len(years), 1)
    bar_w = min(slot * 0.8 / max(len(series), 1), 60)
    every = 1 if len(years) <= 14 else 2 if len(years) <= 28 else 5
    for index, year in enumerate(years):
        middle = left + slot * (index + 0.5)
        if year % every == 0 or len(years) == 1:
            parts.append(f'<text class="year"{attrs(x=round(middle, 1), y=height - 6)}>{year}</text>')
        for number, bars in enumerate(series):
            x = round(middle - bar_w * len(series) / 2 + bar_w * number, 1)
            base = top + plot_h
            for piece in bars.get(year, []):
                h = piece.value / ceiling * plot_h
                base -= h
                css = f"{piece.css} sep" if h >= 4 else piece.css  # an edge only where it leaves colour to see
                parts.append(f'<rect{attrs(class_=css, x=x, y=round(base, 2), width=round(bar_w, 1), height=round(h, 2), data_id=piece.key, data_year=year, data_sek=piece.value)}>'
                             f'<title>{escape(piece.title)}</title></rect>')
    return svg(width, height, "".join(parts), label, "money")
