"""Whether a document concerns an IOP: example table (issue: only IOPs become partnerships)."""
import json
from pathlib import Path

import pytest

from iopcli.extractors import iopness
from iopcli.model import text_document
from iopcli.readers import read

ROOT = Path(__file__).resolve().parents[1]


def decide(text):
    facts = [f for f in iopness.extract(text_document(text)) if f.kind == "iop"]
    assert len(facts) == 1
    return facts[0].value["is"]


@pytest.mark.parametrize("text, expected", [
    pytest.param("Tjänsteskrivelse\nIdéburet offentligt partnerskap med Kvinnojouren Ellinor\nFörslag till beslut: att ingå "
                 "överenskommelse om idéburet offentligt partnerskap (IOP).", True, id="iop-title"),
    pytest.param("Överenskommelse om IOP mellan Linköpings kommun och Brottsofferjouren.", True, id="iop-abbreviation"),
    pytest.param("Partnerskapsöverenskommelse mellan Region Dalarna och Föreningen Hälsolotsar.", True,
                 id="partnerskapsoverenskommelse"),
    pytest.param("Miljö- och byggnadsnämnden beviljar bygglov för nybyggnad av förråd på fastigheten Kalmar Tornet 3.",
                 False, id="bygglov"),
    pytest.param("Tilldelningsbeslut. Upphandling av städtjänster enligt LOU. Anbud har inkommit från fyra leverantörer. "
                 "Ramavtal tecknas med Städbolaget AB, org.nr 556123-4567, för perioden 2024-01-01–2025-12-31 med "
                 "option på förlängning.", False, id="procurement"),
    pytest.param("Kultur- och fritidsnämnden beviljar Föreningen Solstrålen, org.nr 802456-1234, föreningsbidrag om "
                 "120 000 kronor för 2025 enligt kommunens bidragsregler.", False, id="grant"),
    pytest.param("Förvaltningen har övervägt idéburet offentligt partnerskap men bedömer att föreningsbidrag är rätt "
                 "form. Nämnden beviljar verksamhetsbidrag om 300 000 kronor.", False, id="grant-that-considered-iop"),
    pytest.param("Hej! Här kommer protokollet och avtalet om språkcaféet (AMN 2021/318). Hälsningar Sara", None,
                 id="e-mail-that-names-nothing"),
    pytest.param("Remissvar\n" + "Kommunen ser positivt på strategin och dess mål för folkhälsa. " * 12 +
                 "Strategin nämner idéburet offentligt partnerskap som ett möjligt verktyg.", None, id="named-once-in-passing"),
    pytest.param("Kommunstyrelsen\nProtokoll\n§ 110 Budget 2025\n§ 111 Val av ombud\n§ 112 Idéburet offentligt "
                 "partnerskap med Föreningen Väntjänsten\nKommunstyrelsen beslutar att ingå överenskommelsen.\n"
                 "§ 113 Motion om cykelbanor", True, id="protocol-with-one-iop-paragraph"),
])
def test_decides_per_document(text, expected):
    assert decide(text) == expected


def test_reason_and_evidence_name_the_words_that_decided():
    fact = iopness.extract(text_document("Upphandling enligt LOU: anbud från leverantörer av skolskjuts."))[0]
    assert fact.value["is"] is False
    assert "upphandling" in fact.value["reason"].lower()
    assert fact.raw and fact.raw.lower() in "upphandling enligt lou: anbud från leverantörer av skolskjuts."


SAMPLES = sorted(p for p in (ROOT / "samples").glob("*") if p.suffix in (".md", ".txt", ".docx", ".pdf"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_is_an_iop(path):
    doc = read(path)
    assert iopness.extract(doc)[0].value["is"] is not False


NOT_IOP = ROOT / "tests" / "not_iop"


@pytest.mark.skipif(not (NOT_IOP / "expected.json").exists(), reason="the non-IOP corpus is not here")
def test_the_non_iop_corpus():
    """Ordinary municipal documents, written without sight of this classifier: none is an IOP but
    the protocol whose one § decides one."""
    wrong = []
    for entry in json.loads((NOT_IOP / "expected.json").read_text(encoding="utf-8")):
        decided = iopness.extract(read(NOT_IOP / entry["source"]))[0].value
        if bool(decided["is"]) != entry["iop"]:
            wrong.append((entry["source"], decided))
    assert wrong == []


def test_a_protocol_of_many_items_gives_the_facts_of_its_iop_paragraph_only():
    from iopcli.record import build_record

    text = ("Protokoll – Social- och omsorgsnämnden\nSammanträdesdatum 2025-05-21\n"
            "## § 76 Ekonomisk uppföljning\nDnr SON 2025-0088\nUnderskottet är 2 600 000 kronor.\n"
            "## § 77 Idéburet offentligt partnerskap med Brovi Linköping\nDnr SON 2024-1523\n"
            "Nämnden beslutar att ingå en ny överenskommelse inom 480 000 kronor per år.\n"
            "## § 78 Föreningsbidrag 2025\nDnr SON 2025-0154\nFöreningsbidrag om 615 000 kronor fördelas.\n")
    record = build_record(text_document(text))
    assert record["iop"]["is"] is True
    assert record["case_numbers"] == ["SON 2024-1523"]
    assert [a["sek"] for a in record["amounts"]] == [480000]
