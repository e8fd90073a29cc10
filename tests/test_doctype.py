"""Document type, municipality and authority: example tables, seeds against gold, evidence spans."""
import json
from pathlib import Path

import pytest

from iopcli.extractors import doctype
from iopcli.model import text_document

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
GOLD = Path(__file__).parents[2] / "shared" / "gold" / "seeds.json"
xfail = pytest.mark.xfail(strict=True)


def value(text, kind):
    found = [f.value for f in doctype.extract(text_document(text)) if f.kind == kind]
    return found[0] if found else None


@pytest.mark.parametrize("text, expected", [
    pytest.param("Tjänsteskrivelse\n2025-01-01\nSocialnämnden", "tjansteskrivelse", id="issue3-tjansteskrivelse"),
    pytest.param("TJÄNSTEUTLÅTANDE\nDnr KS 2018/14", "tjansteskrivelse", id="issue3-tjansteutlatande"),
    pytest.param("Från: Sara Lindqvist <sara@jonkoping.se>\nSkickat: 2025-04-14 10:12\nTill: Maria\nÄmne: Överenskommelse "
                 "språkcafé\n\nHej! Överenskommelsen och protokollet bifogas.", "other", id="issue9-e-mail-is-other"),
    pytest.param("Protokollsutdrag\nSocialnämnden\n§ 63/20\nIOP med X", "protokoll", id="issue3-protokollsutdrag"),
    pytest.param("§ 63/20\nIdéburet offentligt partnerskap\nBeslut\nJusterandes signatur", "protokoll", id="issue3-paragraph"),
    pytest.param("Överenskommelse\nom idéburet offentligt partnerskap\n\nParter\n", "overenskommelse", id="issue3-overenskommelse"),
    pytest.param("Avtal om IOP\n\nUnderskrifter\n", "overenskommelse", id="issue3-avtal"),
    pytest.param("IOP\n\nFörslag till beslut\n1. Avtal tecknas.", "tjansteskrivelse", id="seed002-forslag"),
    pytest.param("Forslag till social- och omsorgsnamndens beslut\n1. noteras", "tjansteskrivelse", id="seed000-ocr-forslag"),
    pytest.param("IOP\n\nPeriod för överenskommelsen\n\nDenna överenskommelse är upprättad mellan", "overenskommelse", id="seed001-structure"),
    pytest.param("Ett brev.", None, id="own-nothing"),
])
def test_doc_type_table(text, expected):
    assert value(text, "doc_type") == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("VADSTENA KOMMUN\nSocialförvaltningen", "Vadstena kommun", id="issue3-letterhead"),
    pytest.param("mellan Linkdpings kommun och Brovi", "Linköpings kommun", id="seed000-ocr"),
    pytest.param("i Stockholms stad som önskar", "Stockholms stad", id="seed003-stad"),
    pytest.param("Region Östergötland\nHälso- och sjukvårdsnämnden", "Region Östergötland", id="own-region"),
    pytest.param("Falu kommun\nKultur- och fritidsnämnden", "Falu kommun", id="own-falu"),
    pytest.param("Upplands Väsby kommun", "Upplands Väsby kommun", id="own-two-words"),
    pytest.param("Linköpings kommun har överenskommelser med Kinda kommun och Ydre kommun. Linköpings kommun", "Linköpings kommun", id="own-most-mentioned"),
    pytest.param("Göteborgs Stad\nSocialförvaltningen Centrum", "Göteborgs Stad", id="own-stad-capital"),
    pytest.param("Kommunen ska stödja", None, id="own-no-name"),
    pytest.param("NYKÖPINGS KOMMUN\nmellan Nyk6pings kommun och Länkarna", "Nyköpings kommun", id="own-ocr-6-for-o"),
    pytest.param("Region Örebro län, organisationsnummer 232100-0164", "Region Örebro län", id="own-region-lan"),
    pytest.param("Västerås stad\nKultur-, idrotts- och fritidsförvaltningen", "Västerås stad", id="own-stad-keeps-s"),
])
def test_municipality_table(text, expected):
    assert value(text, "municipality") == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("Handläggare\nNela Bengtsson\n\nTill\nSocialnämnden\n2025-03-17", "Socialnämnden", id="seed003-till"),
    pytest.param("Socialforvaltningen 2025-04-14\n\nSocial- och omsorgsnamnden\n\nUtvardering", "Social- och omsorgsnämnden", id="seed000-ocr"),
    pytest.param("Förslag till social- och omsorgsnämndens beslut", "Social- och omsorgsnämnden", id="seed004-genitive"),
    pytest.param("Kommunstyrelsen beslutar att godkänna IOP", "Kommunstyrelsen", id="issue3-ks"),
    pytest.param("Till Vård- och omsorgsnamnden", "Vård- och omsorgsnämnden", id="own-vard-ocr"),
    pytest.param("enligt kommunstyreIsens beslut", "Kommunstyrelsen", id="issue3-ocr-I-for-l"),
    pytest.param("Nämnden beslutar", None, id="own-bare-namnden"),
    pytest.param("Kultur-, idrotts- och fritidsnämnden\n\nFörslag till beslut", "Kultur-, idrotts- och fritidsnämnden", id="own-comma-list-compound"),
    pytest.param("Region Örebro län\nRegionala utvecklingsnämnden\nDnr: RVK 2020/9", "Regionala utvecklingsnämnden", id="own-adjective-namnd"),
    pytest.param("Beslutsinstans: Arbete och välfärdsnämnden\n\nArbete och välfärdsnämnden föreslås besluta", "Arbete och välfärdsnämnden",
                 id="issue9-two-nouns-no-hyphen"),
    pytest.param("Kommunen och socialnämnden har kommit överens.", "Socialnämnden", id="issue9-kommunen-och-is-not-a-name"),
    pytest.param("Protokoll, nämnden för arbete och välfärd, 2020-11-25\nNämnden för arbete och välfärd beslutar", "Nämnden för arbete och välfärd",
                 id="issue9-namnden-for"),
    pytest.param("Ärendet återremitteras till nämnden för komplettering.", None, id="issue9-namnden-for-an-errand"),
    pytest.param("Till Social resursnämnden\n", "Social resursnämnden", id="issue9-social-resursnamnden"),
    pytest.param("Socialnämnden Centrum beslutar", "Socialnämnden Centrum", id="issue9-goteborg-area"),
])
def test_authority_table(text, expected):
    assert value(text, "authority") == expected


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not present")
@pytest.mark.parametrize("record", json.loads(GOLD.read_text()) if GOLD.exists() else [], ids=lambda r: r["source"][:3])
def test_seeds_against_gold(record):
    doc = text_document((SEEDS / record["source"]).read_text(), name=record["source"])
    facts = {f.kind: f.value for f in doctype.extract(doc)}
    assert (facts.get("doc_type"), facts.get("municipality"), facts.get("authority")) == (
        record["doc_type"], record["municipality"], record["authority"])


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not present")
def test_spans_are_raw_text():
    for path in sorted(SEEDS.glob("*.txt")):
        doc = text_document(path.read_text(), name=path.name)
        for fact in doctype.extract(doc):
            assert doc.text[fact.span.start:fact.span.end] == fact.raw
