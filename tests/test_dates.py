"""Swedish dates: every written form, yearless dates, and numbers that are not dates."""
from __future__ import annotations

from datetime import date

import pytest

from iopcli.extractors.dates import context_year, find_dates, find_day_months, parse_date, period_end, quarter_end

DATES = [
    # raw, default year, ISO date or None
    pytest.param("2025-04-14", None, "2025-04-14", id="seed000-iso"),
    pytest.param("Datum: 2022-12-10", None, "2022-12-10", id="seed001-labelled-iso"),
    pytest.param("upphdr 31 december 2025", None, "2025-12-31", id="seed000-ocr-written"),
    pytest.param("1 april 2025", None, "2025-04-01", id="seed003-written"),
    pytest.param("31 dec 2025", None, "2025-12-31", id="issue3-abbreviated-month"),
    pytest.param("31 dec. 2025", None, "2025-12-31", id="own-abbreviated-dot"),
    pytest.param("den 31 mars 2014", None, "2014-03-31", id="issue3-den"),
    pytest.param("Tisdagen den 24 mars 2015", None, "2015-03-24", id="issue3-weekday"),
    pytest.param("1/4 2025", None, "2025-04-01", id="issue3-slash-year"),
    pytest.param("1/4-2025", None, "2025-04-01", id="own-slash-dash-year"),
    pytest.param("8/2", 2016, "2016-02-08", id="issue3-slash-context-year"),
    pytest.param("8/2", None, None, id="issue3-slash-without-year"),
    pytest.param("20150812", None, "2015-08-12", id="issue3-compact"),
    pytest.param("2025.12.31", None, "2025-12-31", id="own-dotted-year-first"),
    pytest.param("31.12.2025", None, "2025-12-31", id="own-dotted-day-first"),
    pytest.param("den 1:a april 2025", None, "2025-04-01", id="own-ordinal-suffix"),
    pytest.param("1 januari, 2016", None, "2016-01-01", id="own-comma-before-year"),
    pytest.param("2016-3-8", None, "2016-03-08", id="own-iso-no-zero-padding"),
    pytest.param("1 April 2025", None, "2025-04-01", id="own-capital-month"),
    pytest.param("Linkdping den 12 mars 2025", None, "2025-03-12", id="issue3-ocr-signing-line"),
    pytest.param("senast den 30 september", 2025, "2025-09-30", id="seed003-yearless-with-year"),
    pytest.param("31 februari 2025", None, None, id="own-impossible-day"),
    pytest.param("29 februari 2024", None, "2024-02-29", id="own-leap-day"),
    pytest.param("Telefon: 08-50825084", None, None, id="seed003-phone"),
    pytest.param("organisationsnummer 802490-7720", None, None, id="seed003-org-number"),
    pytest.param("Dnr SON 2024-1523", None, None, id="seed000-case-number"),
    pytest.param("SCN-2016-0182", None, None, id="issue3-case-number-dashes"),
    pytest.param("KS 8/2", 2016, None, id="own-case-number-slash"),
    pytest.param("19850812-1234", None, None, id="own-personnummer"),
    pytest.param("lag (1976:580)", None, None, id="seed004-sfs"),
    pytest.param("1.1.1", None, None, id="issue3-archive-code"),
    pytest.param("5 kap. 11 §", None, None, id="seed001-paragraph"),
]


@pytest.mark.parametrize("raw, year, expected", DATES)
def test_parse_date(raw, year, expected):
    found = parse_date(raw, default_year=year)
    assert (found.isoformat() if found else None) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("2023-01-01- 2025-12-31", ["2023-01-01", "2025-12-31"], id="seed002-range"),
        pytest.param("2016-05-01--2018-04-30", ["2016-05-01", "2018-04-30"], id="issue3-double-dash-no-space"),
        pytest.param("2023-01-01-2025-12-31", ["2023-01-01", "2025-12-31"], id="own-single-dash-no-space"),
        pytest.param("1 juli 2024–31 december 2027", ["2024-07-01", "2027-12-31"], id="issue3-written-range"),
        pytest.param("20230101-20251231", ["2023-01-01", "2025-12-31"], id="own-compact-range"),
        pytest.param("gäller 1/4 2025 - 31/12 2025", ["2025-04-01", "2025-12-31"], id="own-slash-range"),
    ],
)
def test_find_dates_in_ranges(text, expected):
    assert [d.isoformat() for _, _, d in find_dates(text)] == expected


def test_find_dates_spans_are_the_raw_text():
    text = "Avtalet gäller från den 1 april 2025 till 2025-12-31."
    assert [text[s:e] for s, e, _ in find_dates(text)] == ["den 1 april 2025", "2025-12-31"]


def test_day_months_without_year():
    text = "om inte överenskommelsen sägs upp senaste den 30 september respektive år, dock 1 april 2025"
    assert [(month, day) for _, _, month, day in find_day_months(text)] == [(9, 30)]


@pytest.mark.parametrize(
    "start, months, end",
    [
        pytest.param(date(2023, 1, 1), 36, date(2025, 12, 31), id="issue3-tre-ar"),
        pytest.param(date(2016, 1, 1), 36, date(2018, 12, 31), id="issue3-tre-3-ar"),
        pytest.param(date(2019, 11, 1), 24, date(2021, 10, 31), id="issue3-tva-ar-november"),
        pytest.param(date(2025, 1, 1), 60, date(2029, 12, 31), id="seed004-fem-ar"),
    ],
)
def test_period_end(start, months, end):
    assert period_end(start, months) == end


def test_quarter_end_and_context_year():
    assert quarter_end(1, 2025) == date(2025, 3, 31)
    assert context_year("Datum 2016-03-08. Beslut 8/2 2016, period 2017") == 2016
