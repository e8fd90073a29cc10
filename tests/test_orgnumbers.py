"""Organisation numbers: example table, seeds against gold, evidence spans."""
import json
from pathlib import Path

import pytest

from iopcli.extractors import orgnumbers
from iopcli.model import text_document

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
GOLD = Path(__file__).parents[2] / "shared" / "gold" / "seeds.json"
xfail = pytest.mark.xfail(strict=True)


def numbers(text):
    return [(f.value["number"], f.value["valid"]) for f in orgnumbers.extract(text_document(text))]


@pytest.mark.parametrize("text, expected", [
    pytest.param("Brottsofferjouren Stockholm-Gotland (organisationsnummer 802490-7720,", [("802490-7720", True)], id="seed003-paren-label"),
    pytest.param("- Brottsofferjouren Västerort (organisationsnummer 802015-4822).", [("802015-4822", True)], id="seed003-list"),
    pytest.param("Organisationsnummer 212000-0449", [("212000-0449", True)], id="seed001-public"),
    pytest.param("Idéburen sektor: Brottsofferjouren i Linköping\nOrganisationsnummer 822004-0417", [("822004-0417", True)], id="seed001-civil"),
    pytest.param("Telefon: 08-50825084", [], id="seed003-phone"),
    pytest.param("Dnr SON 2024-1523", [], id="seed000-case-number"),
    pytest.param("Datum 2025-04-14", [], id="seed000-date"),
    pytest.param("802490-7720", [("802490-7720", True)], id="issue3-bare"),
    pytest.param("Org nr: 8024481775", [("802448-1775", True)], id="issue3-org-nr-colon"),
    pytest.param("org.nr 802430-9257", [("802430-9257", True)], id="issue3-org-dot-nr"),
    pytest.param("Organisationsnummer 212000-0449", [("212000-0449", True)], id="issue3-organisationsnummer"),
    pytest.param("(organisationsnummer 802490-7720,", [("802490-7720", True)], id="issue3-paren"),
    pytest.param("Örg.nr B02430-9257", [("802430-9257", True)], id="issue3-ocr-B"),
    pytest.param("Föreningen Kvinnojouren (802490-7720) och", [("802490-7720", True)], id="issue3-after-name"),
    pytest.param("Org.nr. 802430 - 9257", [("802430-9257", True)], id="own-spaced-hyphen"),
    pytest.param("Orgnr 802430-9258", [("802430-9258", False)], id="own-labelled-luhn-fail-kept"),
    pytest.param("Org-nr: 8024309258", [("802430-9258", False)], id="own-labelled-undashed-fail-kept"),
    pytest.param("organisationsnr 802430-9257", [("802430-9257", True)], id="own-organisationsnr"),
    pytest.param("ORG NR 802430-9257", [("802430-9257", True)], id="own-capitals"),
    pytest.param("Org nr 8O2430-9257", [("802430-9257", True)], id="own-ocr-O"),
    pytest.param("Org nr 80243O-92S7", [("802430-9257", True)], id="own-ocr-O-and-S"),
    pytest.param("Org nr 802430-925l", [("802430-9251", False)], id="own-ocr-l-no-repair-passes"),
    pytest.param("8024309257", [], id="own-undashed-unlabelled"),
    pytest.param("802430-9258", [], id="own-unlabelled-luhn-fail"),
    pytest.param("Personnummer 800101-1234 ", [], id="own-personnummer"),
    pytest.param("Telefon 013-20 60 00", [], id="own-phone-spaced"),
    pytest.param("Bankgiro 5050-1055", [], id="own-bankgiro"),
    pytest.param("SFS 2001:453 och 1976:580", [], id="own-sfs"),
    pytest.param("KS-2014/742.912", [], id="own-case-archive-code"),
    pytest.param("20150812-1234", [], id="own-compact-date-suffix"),
    pytest.param("Region Östergötland, org.nr: 232100-0040", [("232100-0040", True)], id="own-region"),
    pytest.param("Stiftelsen X, organisationsnummer: 802011-1234", [("802011-1234", False)], id="own-colon-label-fail"),
    pytest.param("tel 070-123 45 67", [], id="own-mobile"),
    pytest.param("Org nr: 802448–1775", [("802448-1775", True)], id="own-en-dash"),
])
def test_org_number_table(text, expected):
    assert numbers(text) == expected


def test_repair_is_recorded():
    fact = orgnumbers.extract(text_document("Örg.nr B02430-9257"))[0]
    assert fact.value["repaired_from"] == "B02430-9257"
    assert "org number repaired from B02430-9257" in fact.note
    assert fact.raw == "B02430-9257"


def test_form_from_first_digit():
    facts = orgnumbers.extract(text_document("Org nr 822004-0417 och org nr 212000-0449"))
    assert [f.value["form"] for f in facts] == ["ideell förening/stiftelse", "public"]


@pytest.mark.parametrize("digits, ok", [("8220040417", True), ("2120000449", True), ("8220040410", False), ("82200404", False)])
def test_luhn(digits, ok):
    assert orgnumbers.luhn_ok(digits) is ok


def test_ambiguous_repair_not_claimed_valid():
    # B can be 8 or 3: when both or neither pass Luhn the number is not claimed valid.
    number, valid, repaired = orgnumbers.read_org_number("B0243O-925B")
    assert not valid or repaired


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not present")
@pytest.mark.parametrize("record", json.loads(GOLD.read_text()) if GOLD.exists() else [], ids=lambda r: r["source"][:3])
def test_seeds_against_gold(record):
    doc = text_document((SEEDS / record["source"]).read_text(), name=record["source"])
    found = {f.value["number"] for f in orgnumbers.extract(doc)}
    expected = {p["org_number"] for p in record["parties"] if p["org_number"]}
    assert found == expected


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not present")
def test_spans_are_raw_text():
    for path in sorted(SEEDS.glob("*.txt")):
        doc = text_document(path.read_text(), name=path.name)
        for fact in orgnumbers.extract(doc):
            assert doc.text[fact.span.start:fact.span.end] == fact.raw
