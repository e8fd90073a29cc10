"""Swedish dates: locate them in text, then normalise each match to a datetime.date.

Forms: `2025-12-31`, `2025.12.31`, `31.12.2025`, `20150812`, `1 april 2025`, `den 31 mars 2014`,
`Tisdagen den 24 mars 2015`, `31 dec 2025`, `1/4 2025`, `1/4-2025`, `8/2` (year from context),
`30 september` (no year: a day each year).
"""
from __future__ import annotations

import calendar
import re
from functools import lru_cache
from datetime import date

from dateutil.relativedelta import relativedelta

from iopcli.extractors import sv
from iopcli.text import edit_distance
from iopcli.text import folded as fold_text

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in sv.MONTHS), key=len, reverse=True))
_WEEKDAY_ALT = "|".join(w.replace("ö", "o") for w in sv.WEEKDAYS)

# A dash before the year is allowed after a date (`2016-05-01--2018-04-30`), not after a word.
ISO_RE = re.compile(r"(?<!\d)(?<![^\W\d_]-)(?<!=)((?:19|20)\d\d)-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])(?![\d])")
DOTTED_RE = re.compile(r"(?<![\d.])((?:19|20)\d\d)\.(0[1-9]|1[0-2])\.(0[1-9]|[12]\d|3[01])(?![\d])")
DMY_DOTTED_RE = re.compile(r"(?<![\d.])([0-3]?\d)\.([01]?\d)\.((?:19|20)\d\d)(?![\d.]\d)")
# Not a personnummer (`19850812-1234`); a range of two compact dates (`20230101-20251231`) is fine.
COMPACT_RE = re.compile(r"(?<!\d)(?:(?<=\d{8}-)|(?<!-))((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d|-\d{1,5}\b)")
# Written: `1 april 2025`, `den 1:a april 2025`, `Tisdagen den 24 mars 2015`, `31 dec. 2025`, matched
# in folded text. Dates are looked for only where a number starts (a page has a few hundred, and a
# pattern tried at every character is slow); `Tisdagen den` is then taken from the text before it.
_WRITTEN_CORE_RE = re.compile(
    rf"\b([0-3]?\d)(?::[ae])?\s+({_MONTH_ALT})\b\.?(?:,?\s+((?:19|20)\d\d)\b)?"
)
_WRITTEN_OCR_RE = re.compile(r"\b([0-3]?\d|[0-3]l)(?::[ae])?\s+([a-z]{5,11})\b\.?,?\s+((?:19|20)\d\d)\b")
_FULL_MONTHS = tuple(m for m in sv.MONTHS if len(m) >= 5 and "." not in m)


def ocr_month(word: str) -> int | None:
    """Give the month a month name damaged by OCR names, when exactly one is within one letter.

    >>> ocr_month("augusli"), ocr_month("septernber"), ocr_month("mors"), ocr_month("sughse")
    (8, 9, None, None)
    """
    word = word.replace("rn", "m")
    if word in sv.MONTHS:
        return sv.MONTHS[word]
    if len(word) < 5:
        return None
    close = {sv.MONTHS[m] for m in _FULL_MONTHS if edit_distance(word, m, 1) <= 1}
    return close.pop() if len(close) == 1 else None


_WRITTEN_PREFIX_RE = re.compile(rf"(?:\b(?:{_WEEKDAY_ALT})(?:en)?\s+)?(?:\bden\s+)?$")
_NUMBER_START_RE = re.compile(r"\d(?<!\d\d)")  # a digit not after one; the look-behind after it, so re jumps to digits
SLASH_RE = re.compile(r"(?<![\d/])([0-3]?\d)/([01]?\d)(?:\s*-?\s*((?:19|20)\d\d)\b|(?![\d/]))")


def safe_date(year: int, month: int, day: int) -> date | None:
    """Give date(year, month, day), or None when that day does not exist.

    >>> safe_date(2024, 2, 29), safe_date(2025, 2, 29)
    (datetime.date(2024, 2, 29), None)
    """
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> date:
    """Give the last day of the month.

    >>> month_end(2024, 2)
    datetime.date(2024, 2, 29)
    """
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(quarter: int, year: int) -> date:
    """Give the last day of the quarter: `första kvartalet 2025` ends 2025-03-31.

    >>> quarter_end(1, 2025), quarter_end(3, 2025)
    (datetime.date(2025, 3, 31), datetime.date(2025, 9, 30))
    """
    return month_end(year, quarter * 3)


def add_months(start: date, months: int) -> date:
    """Give the date `months` later; the end of a period that starts on `start` is one day less.

    >>> add_months(date(2023, 1, 1), 36)
    datetime.date(2026, 1, 1)
    >>> add_months(date(2024, 2, 29), 12)
    datetime.date(2025, 2, 28)
    """
    return start + relativedelta(months=months)


def period_end(start: date, months: int) -> date:
    """Give the last day of a period of `months` that starts on `start`.

    >>> period_end(date(2023, 1, 1), 36)
    datetime.date(2025, 12, 31)
    >>> period_end(date(2019, 11, 1), 24)
    datetime.date(2021, 10, 31)
    """
    return add_months(start, months) - relativedelta(days=1)


def parse_date(raw: str, default_year: int | None = None) -> date | None:
    """Give the date a single date phrase names, or None. Never raises.

    >>> parse_date("1 april 2025"), parse_date("den 31 mars 2014")
    (datetime.date(2025, 4, 1), datetime.date(2014, 3, 31))
    >>> parse_date("Tisdagen den 24 mars 2015"), parse_date("31 dec 2025")
    (datetime.date(2015, 3, 24), datetime.date(2025, 12, 31))
    >>> parse_date("2025-12-31"), parse_date("20150812"), parse_date("1/4 2025")
    (datetime.date(2025, 12, 31), datetime.date(2015, 8, 12), datetime.date(2025, 4, 1))
    >>> parse_date("8/2", default_year=2016), parse_date("8/2"), parse_date("31 februari 2025")
    (datetime.date(2016, 2, 8), None, None)
    """
    found = find_dates(raw, default_year)
    return found[0][2] if found else None


def find_dates(text: str, default_year: int | None = None) -> list[tuple[int, int, date]]:
    """Give (start, end, date) for every date in text, in order; yearless ones need default_year.

    >>> [(s, e, d.isoformat()) for s, e, d in find_dates("från 1 april 2025 till 2025-12-31")]
    [(5, 17, '2025-04-01'), (23, 33, '2025-12-31')]
    >>> [d.isoformat() for s, e, d in find_dates("gäller 1/4 2025 - 31/12 2025, ej KS 8/2")]
    ['2025-04-01', '2025-12-31']
    """
    return list(_find_dates(text, default_year))


@lru_cache(maxsize=16)
def _find_dates(text: str, default_year: int | None) -> tuple[tuple[int, int, date], ...]:
    # Remembered per text: several extractors ask for the dates of the same document.
    folded = fold_text(text)
    found: list[tuple[int, int, date]] = []
    taken: set[int] = set()  # every character offset already inside a date: dates are short

    def add(start: int, end: int, value: date | None) -> None:
        if value and taken.isdisjoint(range(start, end)):
            found.append((start, end, value))
            taken.update(range(start, end))

    # Every form starts with a number: try the patterns only where one starts (much faster than
    # letting each pattern scan every character of a long document).
    numbers = [m.start() for m in _NUMBER_START_RE.finditer(text)]

    def matches(pattern: re.Pattern, in_text: str, starts: list[int]):
        return (m for m in (pattern.match(in_text, pos) for pos in starts) if m)

    for pattern in (ISO_RE, DOTTED_RE, COMPACT_RE):
        for m in matches(pattern, text, numbers):
            add(m.start(), m.end(), safe_date(int(m[1]), int(m[2]), int(m[3])))
    for m in matches(DMY_DOTTED_RE, text, numbers):
        add(m.start(), m.end(), safe_date(int(m[3]), int(m[2]), int(m[1])))
    for start, end, month, day, year in _written_dates(folded):
        year = year or default_year
        if year:
            add(start, end, safe_date(year, month, day))
    for m in matches(SLASH_RE, text, numbers):
        year = int(m[3]) if m[3] else default_year
        if year and not _looks_like_case_or_ratio(text, m.start(), m.end()):
            add(m.start(), m.end(), safe_date(year, int(m[2]), int(m[1])))
    return tuple(sorted(found))


def find_day_months(text: str) -> list[tuple[int, int, int, int]]:
    """Give (start, end, month, day) for yearless dates such as `senast den 30 september`.

    >>> find_day_months("sägs upp senaste den 30 september respektive år")
    [(17, 33, 9, 30)]
    """
    return [(start, end, month, day) for start, end, month, day, year in _written_dates(fold_text(text))
            if year is None and 1 <= day <= 31]


def _written_dates(folded: str) -> list[tuple[int, int, int, int, int | None]]:
    """Give (start, end, month, day, year or None) of written dates in folded text, in order.

    Tried only where a number starts; the `Tisdagen den` before the day is taken from the text
    before it. Matches do not overlap, as with finditer.
    """
    found, end_of_last = [], 0
    for number in _NUMBER_START_RE.finditer(folded):
        m = _WRITTEN_CORE_RE.match(folded, number.start())
        month = sv.MONTHS[m[2]] if m else None
        if not m:
            # OCR of a poor scan: `3l augusti 2026`, `31 augusli 2026`, `1 septernber 2025` (with a year only)
            m = _WRITTEN_OCR_RE.match(folded, number.start())
            month = ocr_month(m[2]) if m else None
        if not m or not month or m.start() < end_of_last:
            continue
        prefix = _WRITTEN_PREFIX_RE.search(folded, max(end_of_last, m.start() - 30), m.start())
        found.append((prefix.start() if prefix else m.start(), m.end(), month, int(m[1].replace("l", "1")),
                      int(m[3]) if m[3] else None))
        end_of_last = m.end()
    return found


def _looks_like_case_or_ratio(text: str, start: int, end: int) -> bool:
    """True where an `8/2`-like match is part of a case number or a fraction, not a date."""
    before = text[max(0, start - 8):start]
    # A registry prefix (`KS 8/2`), a § or a joint before it, or more number after it.
    return bool(re.search(r"(?<![a-zåäö])[A-ZÅÄÖ]{2,6}[ -]?$|§\s?$|[:/\d]\s?$", before)) or (
        end < len(text) and text[end] in "/:")


def context_year(text: str) -> int | None:
    """Give the most common four-digit year in text, to date yearless `8/2` forms.

    >>> context_year("Datum 2016-03-08, beslut 2016, period 2017")
    2016
    """
    years = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)
    return max(set(years), key=years.count, default=None) and int(max(set(years), key=years.count))
