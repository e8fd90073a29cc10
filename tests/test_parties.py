"""Parties: example table, seeds against gold, party_key, evidence spans."""
import json
from pathlib import Path

import pytest

from iopcli.extractors import parties
from iopcli.model import text_document

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
GOLD = Path(__file__).parents[2] / "shared" / "gold" / "seeds.json"
xfail = pytest.mark.xfail(strict=True)


def names(text):
    return [(f.value["name"], f.value["sector"], f.value["org_number"]) for f in parties.extract(text_document(text))]


LK = ("Linköpings kommun", "public", None)


@pytest.mark.parametrize("text, expected", [
    pytest.param("Idéburet offentligt partnerskap (IOP)\nmellan Brottsofferjouren i Linköping\noch Linköpings kommun\n",
                 [("Brottsofferjouren i Linköping", "civil", None), LK], id="seed001-title"),
    pytest.param("Denna överenskommelse är upprättad mellan\n\nOffentlig sektor: Social- och omsorgsnämnden, Linköpings kommun\n"
                 "Organisationsnummer 212000-0449\n\nIdéburen sektor: Brottsofferjouren i Linköping\nOrganisationsnummer 822004-0417\n",
                 [("Brottsofferjouren i Linköping", "civil", "822004-0417"), ("Linköpings kommun", "public", "212000-0449")], id="seed001-signature-block"),
    pytest.param("Partnerskap (IOP) mellan Linkopings kommun och\nBrottsofferjour och vitthesstod (Brovi) Linkdping.",
                 [("Brottsofferjour och vittnesstöd (Brovi) Linköping", "civil", None), LK], id="seed000-ocr-title"),
    pytest.param("utvardering av IOP mellan social- och\nomsorgsnamnden och Brovi Linképing noteras. Linköpings kommun",
                 [("Brovi Linköping", "civil", None), LK], id="seed000-namnd-side"),
    pytest.param("Överenskommelse om Idéburet med Offentligt Partnerskap ska tecknas \n\nmed Brottsofferjouren i Linköping för perioden 2023-01-01- 2025-12-31. Linköpings kommun",
                 [("Brottsofferjouren i Linköping", "civil", None), LK], id="seed002-tecknas-med"),
    pytest.param("Under 2022 har dialog förts mellan Social och omsorgsförvaltningen och Leanlink, stödcentrum. Linköpings kommun",
                 [LK], id="seed002-dialog-not-party"),
    pytest.param("Interaktion, samverkan mellan Stödcentrum och Brottsofferjouren skapar förutsättningar. Linköpings kommun",
                 [LK], id="seed002-no-public-side"),
    pytest.param("Socialnämnden beslutar att godkänna partnerskapet med:\n - Brottsofferjouren Stockholm-Gotland (organisationsnummer 802490-7720,\n"
                 " - Brottsofferjouren Södra Stockholm (organisationsnummer 802476-1044),\n i Stockholms stad",
                 [("Brottsofferjouren Stockholm-Gotland", "civil", "802490-7720"), ("Brottsofferjouren Södra Stockholm", "civil", "802476-1044"),
                  ("Stockholms stad", "public", None)], id="seed003-list"),
    pytest.param("Överenskommelse om idéburet offentligt partnerskap (IOP) mellan socialförvaltningen och Brottsofferjourerna. Stockholms stad",
                 [("Stockholms stad", "public", None)], id="seed003-plural-generic"),
    pytest.param("## Idéburet Offentligt Partnerskap (IOP) med Kvinnojouren Ellinor och Tjejjouren Beata\nLinköpings kommun",
                 [("Kvinnojouren Ellinor", "civil", None), ("Tjejjouren Beata", "civil", None), LK], id="seed004-med-two"),
    pytest.param("ett pågående idéburet offentligt partnerskap (IOP) med kvinnojouren Ellinor. Linköpings kommun",
                 [LK], id="seed004-lowercase-mention"),
    pytest.param("Linköpings kommun, Leanlink\n\nIOP mellan Linköpings kommun och Leanlink.", [LK], id="seed001-kommun-unit"),
    pytest.param("I Linköping tillhandahåller Polismyndigheten Region Öst kontors- och besöksrum. Linköpings kommun",
                 [LK], id="seed001-police"),
    pytest.param("Avtal mellan Vadstena kommun och Röda Korset Vadstena.", [("Röda Korset Vadstena", "civil", None), ("Vadstena kommun", "public", None)], id="own-mellan-kommun-first"),
    pytest.param("Avtal mellan Föreningen Hela Människan och Motala kommun.", [("Föreningen Hela Människan", "civil", None), ("Motala kommun", "public", None)], id="own-mellan-kommun-last"),
    pytest.param("IOP med Stadsmissionen, org.nr 802004-1234. Göteborgs Stad", [("Stadsmissionen", "civil", "802004-1234"), ("Göteborgs Stad", "public", None)], id="own-org-comma-label"),
    pytest.param("Partnerskapet ingås med Rädda Barnen och Röda Korset. Malmö stad", [("Rädda Barnen", "civil", None), ("Röda Korset", "civil", None), ("Malmö stad", "public", None)], id="own-ingas-med"),
    pytest.param("Idéburen part: Kvinnojouren Tove\nOrg nr: 8024481775\nUmeå kommun", [("Kvinnojouren Tove", "civil", "802448-1775"), ("Umeå kommun", "public", None)], id="own-label-part"),
    pytest.param("Brottsofferjouren Västerort (802015-4822) och Stockholms stad", [("Brottsofferjouren Västerort", "civil", "802015-4822"), ("Stockholms stad", "public", None)], id="issue3-number-in-parens"),
    pytest.param("Ett IOP mellan Region Östergötland och Föreningen Noaks Ark.", [("Föreningen Noaks Ark", "civil", None), ("Region Östergötland", "public", None)], id="own-region"),
    pytest.param("Överenskommelse mellan kommunen och Tjejjouren Siri i Sala. Sala kommun", [("Tjejjouren Siri i Sala", "civil", None), ("Sala kommun", "public", None)], id="own-kommunen"),
    pytest.param("Avtal mellan Socialnämnden och Kvinnojouren Frida. Kalmar kommun", [("Kvinnojouren Frida", "civil", None), ("Kalmar kommun", "public", None)], id="own-namnd-capital"),
    pytest.param("IOP mellan Eskilstuna kommun och Kvinnojouren Eskilstuna och Tjejjouren Stella.",
                 [("Kvinnojouren Eskilstuna", "civil", None), ("Tjejjouren Stella", "civil", None), ("Eskilstuna kommun", "public", None)], id="own-mellan-two-civil"),
    pytest.param("Samverkan med Polismyndigheten och Linköpings universitet. Linköpings kommun", [LK], id="own-mentions-only"),
    pytest.param("Avtalet med Brottsofferjouren Uppsala. Telefon 018-727 00 00. Uppsala kommun", [("Brottsofferjouren Uppsala", "civil", None), ("Uppsala kommun", "public", None)], id="own-avtalet-med"),
    pytest.param("IOP mellan Linköpings kommun och Brottsofferjouren i Linköping. Brottsofferjouren ska rapportera.",
                 [("Brottsofferjouren i Linköping", "civil", None), LK], id="own-short-reference-merged"),
    pytest.param("IOP mellan Linköpings kommun och Brovi (Brottsofferjour och vittnesstöd) Linköping. Partnerskap mellan Linköpings kommun och Brovi Linköping.",
                 [("Brovi (Brottsofferjour och vittnesstöd) Linköping", "civil", None), LK], id="own-alias-merged"),
    pytest.param("Ett avtal med Länkarna i Nyköping, org.nr 802430-9257. Nyköpings kommun.", [("Länkarna i Nyköping", "civil", "802430-9257"), ("Nyköpings kommun", "public", None)], id="own-org-after-comma"),
    pytest.param("IOP mellan Ale kommun och Stiftelsen Fontänhuset Ale, organisationsnummer 802430-9257.",
                 [("Stiftelsen Fontänhuset Ale", "civil", "802430-9257"), ("Ale kommun", "public", None)], id="own-mellan-and-org"),
    pytest.param("Ett brev utan parter.", [], id="own-nothing"),
    pytest.param("Avtal mellan VADSTENA KOMMUN och IOGT-NTO Vadstena.", [("IOGT-NTO Vadstena", "civil", None), ("Vadstena kommun", "public", None)], id="own-capitals-letterhead"),
    pytest.param("1. Socialnämnden godkänner partnerskapet med Brottsofferjouren\nStockholm-Gotland (organisationsnummer 802490-7720), Brottsofferjouren Södra\n"
                 "Stockholm (organisationsnummer 802476-1044) och Brottsofferjouren Västerort\n(organisationsnummer 802015-4822) för perioden. Stockholms stad",
                 [("Brottsofferjouren Stockholm-Gotland", "civil", "802490-7720"), ("Brottsofferjouren Södra Stockholm", "civil", "802476-1044"),
                  ("Brottsofferjouren Västerort", "civil", "802015-4822"), ("Stockholms stad", "public", None)], id="sample003-names-wrapped-in-prose"),
    pytest.param("Parter\nVadstena kommun, genom kommunstyrelsen.\nVäntjänsten i Vadstena, ideell förening, organisationsnummer 802467-9139, nedan\nkallad föreningen.",
                 [("Väntjänsten i Vadstena", "civil", "802467-9139"), ("Vadstena kommun", "public", None)], id="sample-vadstena-legal-form-before-number"),
    pytest.param("Parter\nVäntjänsten i Vadstena (802467-9139)\nVadstena kommun",
                 [("Väntjänsten i Vadstena", "civil", "802467-9139"), ("Vadstena kommun", "public", None)], id="own-heading-not-part-of-name"),
    pytest.param("Sektor\tPart\tOrganisationsnummer\nOffentlig sektor\tSocial- och omsorgsnämnden, Linköpings kommun\t212000-0449\n"
                 "Idéburen sektor\tBrottsofferjouren i Linköping\t822004-0417\n",
                 [("Brottsofferjouren i Linköping", "civil", "822004-0417"), ("Linköpings kommun", "public", "212000-0449")], id="sample001-parties-table"),
    pytest.param("IOP med Länkarna i Nyköping, Örg.nr B02005-2596. Nyköpings kommun",
                 [("Länkarna i Nyköping", "civil", "802005-2596"), ("Nyköpings kommun", "public", None)], id="issue3-ocr-org-label"),
    pytest.param("Förlängning av IOP med Röda Korsets Vadstenakrets.\nNämnden ingick ett partnerskap med Röda Korsets\nVadstenakrets om en mötesplats. Vadstena kommun",
                 [("Röda Korsets Vadstenakrets", "civil", None), ("Vadstena kommun", "public", None)], id="own-genitive-and-cut-name"),
    # A registered name ending in its legal form, the org number on the next line.
    pytest.param("Nämnden föreslås ingå partnerskap med Läxhjälpen Norrköping ideell förening,\n"
                 "   org.nr 802468-2284, för åren 2026-2028. Norrköpings kommun",
                 [("Läxhjälpen Norrköping ideell förening", "civil", "802468-2284"), ("Norrköpings kommun", "public", None)],
                 id="own-legal-form-in-the-name"),
    # Lower-case words in a name, which its acronym spells out.
    pytest.param("att ingå överenskommelse med föreningen Unga\nröster i staden (URIS), org.nr 802471-3368, om\n"
                 "läxläsning. Örebro kommun",
                 [("Unga röster i staden (URIS)", "civil", "802471-3368"), ("Örebro kommun", "public", None)],
                 id="own-name-spelled-by-its-acronym"),
    pytest.param("Partnerskap mellan Linköpings kommun och Hela Människan samt Svenska kyrkan.",
                 [("Hela Människan", "civil", None), ("Svenska kyrkan", "civil", None), LK], id="own-samt", marks=xfail),  # `Svenska kyrkan`'s lower-case noun ends the name early
])
def test_party_table(text, expected):
    assert names(text) == expected


def test_aliases_from_parenthesis():
    facts = parties.extract(text_document("Partnerskap mellan Linköpings kommun och Brottsofferjour och vittnesstöd (Brovi) Linköping."))
    assert "Brovi Linköping" in facts[0].value["aliases"]


@pytest.mark.parametrize("a, b", [
    ("Brottsofferjouren i Linköping", "Brottsofferjouren Linköping"),
    ("Kvinnojouren Ellinor", "Kvinnojour Ellinor"),
    ("Föreningen Hela Människan", "Hela Människan"),
    ("BROTTSOFFERJOUREN I LINKÖPING", "Brottsofferjouren i Linkoping"),
])
def test_party_key_matches(a, b):
    assert parties.party_key(a) == parties.party_key(b)


def test_party_key_separates():
    assert parties.party_key("Brottsofferjouren Västerort") != parties.party_key("Brottsofferjouren Södra Stockholm")


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not present")
@pytest.mark.parametrize("record", json.loads(GOLD.read_text()) if GOLD.exists() else [], ids=lambda r: r["source"][:3])
def test_seeds_against_gold(record):
    doc = text_document((SEEDS / record["source"]).read_text(), name=record["source"])
    found = sorted((f.value["name"], f.value["sector"], f.value["org_number"]) for f in parties.extract(doc))
    assert found == sorted((p["name"], p["sector"], p["org_number"]) for p in record["parties"])


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not present")
def test_spans_are_raw_text():
    for path in sorted(SEEDS.glob("*.txt")):
        doc = text_document(path.read_text(), name=path.name)
        for fact in parties.extract(doc):
            assert doc.text[fact.span.start:fact.span.end] == fact.raw
