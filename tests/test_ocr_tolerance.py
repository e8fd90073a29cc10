"""Facts read from OCR-damaged text (issue: scans read as well as their paper).

Each row is a form Tesseract gives for poor office scans. A repair is made only where one reading is
clearly right (a Luhn check, one month name within reach); what cannot be read stays unread.
"""
import pytest

from iopcli.extractors import amounts, doctype, orgnumbers
from iopcli.extractors.dates import find_dates
from iopcli.model import text_document


def values(module, text, kind):
    return [f.value for f in module.extract(text_document(text)) if f.kind == kind]


@pytest.mark.parametrize("text, sek", [
    pytest.param("Kommunen bidrar med 1:150.000 kronor per år.", 1150000, id="colon-for-first-separator"),
    pytest.param("Kommunen bidrar med 1.150.000 kronor per år.", 1150000, id="dots"),
    pytest.param("Kommunen bidrar med 1 150 O00 kronor per år.", 1150000, id="letter-o-for-zero"),
])
def test_damaged_amounts(text, sek):
    assert [v["sek"] for v in values(amounts, text, "amount")] == [sek]


def test_a_case_number_with_a_colon_is_not_money():
    assert values(amounts, "enligt lag (1976:580) och beslut KS 2019:536", "amount") == []


@pytest.mark.parametrize("text, number", [
    pytest.param("Röda Korset, organisationsnummer 802002:8711, och", "802002-8711", id="colon-for-hyphen"),
    pytest.param("Röda Korset, org.nr 8O2OO2-8711, och", "802002-8711", id="letter-o-for-zero"),
    pytest.param("Röda Korset;-organisätionsnummer 802002-8711", "802002-8711", id="glued-label"),
    pytest.param("Röda Korset, org.nr 802002;8711", "802002-8711", id="semicolon-for-hyphen"),
])
def test_damaged_org_numbers(text, number):
    assert [v["number"] for v in values(orgnumbers, text, "org_number")] == [number]


def test_an_unlabelled_colon_number_is_not_an_org_number():
    assert values(orgnumbers, "klockan 802002:8711", "org_number") == []


@pytest.mark.parametrize("text, expected", [
    pytest.param("gäller till och med den 3l augusti 2026.", ["2026-08-31"], id="l-for-1-in-day"),
    pytest.param("gäller till och med den 31 augusli 2026.", ["2026-08-31"], id="one-wrong-letter-in-month"),
    pytest.param("från och med 1 septernber 2025", ["2025-09-01"], id="rn-for-m"),
    pytest.param("från och med 1 Oktober 2025", ["2025-10-01"], id="capital-month"),
    pytest.param("senast 31 SUGHSE 2026", [], id="too-damaged-stays-unread"),
    pytest.param("1 mars 2025 och 1 mors 2025", ["2025-03-01"], id="short-month-not-guessed"),
])
def test_damaged_written_dates(text, expected):
    assert [d.isoformat() for _, _, d in find_dates(text)] == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("Mälrnö stad\nTjänsteskrivelse\n", "Malmö stad", id="rn-for-m"),
    pytest.param("Linkdpings kommun\nTjänsteskrivelse\n", "Linköpings kommun", id="o-read-as-d"),
    pytest.param("Norrkdping kommun\n", "Norrköpings kommun", id="genitive-lost-and-o-as-d"),
])
def test_damaged_municipality_names(text, expected):
    assert values(doctype, text, "municipality") == [expected]
