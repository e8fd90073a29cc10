"""The header block: document date, officer and table case numbers, in every layout."""
from __future__ import annotations

from pathlib import Path

import pytest

from iopcli.extractors.header import extract, person_name
from iopcli.model import text_document

SHARED = Path(__file__).parents[2] / "shared"
BODY = "\n\nBakgrund\nDen här texten är brödtext som fortsätter länge och har datum som 2011-01-01 i sig.\n"


def header(text: str) -> dict:
    facts = extract(text_document(text))
    found: dict = {"document_date": None, "officer": None, "case_numbers": []}
    for fact in facts:
        if fact.kind == "case_number":
            found["case_numbers"].append(fact.value)
        else:
            found[fact.kind] = fact.value
    return found


EXAMPLES = [
    # text, document_date, officer
    pytest.param(" Socialforvaltningen 2025-04-14 Dnr SON 2024-1523\nHanna Flod\n", "2025-04-14", "Hanna Flod",
                 id="seed000-department-date-dnr-line"),
    pytest.param("Diarienummer: SON: 2019-536\n\nDatum: 2022-12-10\n\nHandläggare: John Fristedt\n", "2022-12-10",
                 "John Fristedt", id="seed001-labelled"),
    pytest.param("Handläggare\nNela Bengtsson\nTelefon: 08-50825084\n\nTill\nSocialnämnden\n2025-03-17\n", "2025-03-17",
                 "Nela Bengtsson", id="seed003-label-above-value"),
    pytest.param("\n\nSocialförvaltningen  \nLiselott Borg\n\n2024-12-11\n\nDnr SON 2024-1431\n",
                 "2024-12-11", "Liselott Borg", id="seed004-date-alone"),
    pytest.param(" IOP Brottsofferjouren i Linköping \n\nFörslag till beslut \n1. Avtal för perioden 2023-01-01- 2025-12-31.",
                 None, None, id="seed002-no-header"),
    pytest.param("Handläggare Datum Diarienummer\nVenemalm Sofia 2016-03-08 SCN-2016-0182\n", "2016-03-08",
                 "Sofia Venemalm", id="issue3-table-row"),
    pytest.param("Datum\n2016-03-08\nDiarienummer\n171-84/2017\nHandläggare\nAnna Svensson\n", "2016-03-08",
                 "Anna Svensson", id="issue3-each-label-own-line"),
    pytest.param("Datum:\nAnsvarig:\nFörvaltning:\nEnhet:\n2016-03-08\nPer Olsson\nSocialförvaltningen\nEnhet för stöd\n",
                 "2016-03-08", "Per Olsson", id="issue3-all-labels-first"),
    pytest.param("Datum Vår beteckning Er beteckning\n2019-05-02 KS 2019/55\n", "2019-05-02", None,
                 id="issue3-datum-var-er-beteckning"),
    pytest.param("Utfärdat: 2020-02-03\nVår referens: Karin Ek, utredare\n", "2020-02-03", "Karin Ek",
                 id="issue3-utfardat-var-referens"),
    pytest.param("Överenskommelse\n\nParterna är överens.\n\nLinköping den 12 mars 2025\n\nAnna Berg\n", "2025-03-12",
                 None, id="issue3-signing-line"),
    pytest.param("Avtal\n\nParterna är överens.\n\nStockholm, 2016-03-08\n", "2016-03-08", None,
                 id="own-signing-comma"),
    pytest.param("Kommunstyrelsen\nTisdagen den 24 mars 2015\n", "2015-03-24", None, id="issue3-weekday-date"),
    pytest.param("Handläggare: Anna Larsson, tel 0143-123 45\n", None, "Anna Larsson", id="own-officer-with-phone"),
    pytest.param("Vår referens\nLars Holm\n2019-01-01\n", "2019-01-01", "Lars Holm", id="issue3-var-referens"),
    pytest.param("KOMMUNSTYRELSEN 2018-04-05 Dnr KS 2018/14\n", "2018-04-05", None, id="own-caps-letterhead"),
    pytest.param("Datum\tDnr\n2018-04-05\tKS 2018/14\n", "2018-04-05", None, id="own-tab-table"),
    pytest.param("Handläggare: Venemalm Sofia\n", None, "Sofia Venemalm", id="own-surname-first-labelled"),
    pytest.param("Beslutsinstans: Arbetsmarknadsnämnden\nBeslutsdatum:    2021-11-17 (planerat)\nHandling: Tjänsteskrivelse\n"
                 "Datum:           2021-10-11\n", "2021-10-11", None, id="issue9-planned-decision-date"),
    pytest.param("Datum: 20150812\n", "2015-08-12", None, id="issue3-compact-date"),
    pytest.param("Datum: 8/2 2016\n", "2016-02-08", None, id="own-slash-date"),
    pytest.param("Datum: den 31 mars 2014\n", "2014-03-31", None, id="issue3-written-date"),
    pytest.param("Sammanträdesdatum 2016-03-08\n", "2016-03-08", None, id="own-protokoll-date"),
    pytest.param("Beslutsdatum: 2021-06-15\nHandläggare: Eva-Lena Nilsson\n", "2021-06-15", "Eva-Lena Nilsson",
                 id="own-hyphenated-name"),
    pytest.param("Ärende\nText.\n\nBeslutsunderlag:\nTjänsteskrivelse – IOP med X, 2024-11-19\n", None, None,
                 id="seed004-beslutsunderlag-date-is-not-the-date"),
    pytest.param("Förslag till beslut\nAvtalet gäller från 2023-01-01.\n", None, None, id="own-body-date-not-header"),
    pytest.param("Socialförvaltningen\nSocialnämnden\n", None, None, id="own-department-no-name"),
    pytest.param("Kultur- och fritidsförvaltningen\nMaria von Essen\n2019-10-01\n", "2019-10-01", "Maria von Essen",
                 id="own-name-particle"),
    pytest.param("Handläggare\nDatum\n\nJohan Berg\n2017-09-01\n", "2017-09-01", "Johan Berg", id="own-two-labels-two-values"),
    pytest.param("Datum 2017-05-02\nDnr: 2017-717-1.1.\n", "2017-05-02", None, id="issue3-numeric-dnr"),
    pytest.param("REGION JÖNKÖPINGS LÄN\nDatum: 2015-11-02\nDiarienummer RJL 2015/710\n", "2015-11-02", None,
                 id="issue3-rjl-header"),
    pytest.param("Vadstena kommun\nHandläggare/telefon\nSara Lind, 0143-151 00\n", None, "Sara Lind",
                 id="own-handlaggare-telefon"),
    pytest.param("**Linköpings kommun** · Socialförvaltningen\n\n| Datum | Diarienummer | Handläggare |\n|---|---|---|\n"
                 "| 2024-12-11 | SON 2024-1431 | Liselott Borg |\n", "2024-12-11", "Liselott Borg", id="sample004-markdown-table"),
    pytest.param("Handläggare Datum Diarienummer\nLundgren Karin 2016-03-08 IFN-2016-0182\n", "2016-03-08", "Karin Lundgren",
                 id="issue3-table-surname-first"),
    pytest.param("SALA KOMMUN\nVård- och omsorgsförvaltningen\n\nDatum:\nAnsvarig:\nFörvaltning:\n2017-05-02\nLars Nyberg\n"
                 "Vård- och omsorgsförvaltningen\nDnr: 2017-717-1.1.\n", "2017-05-02", "Lars Nyberg", id="issue3-labels-first"),
    pytest.param("Avtal\n\nText om uppsägning gäller.\n\nUnderskrifter\nSkövde den 20 augusti 2015\n\nFör Skövde kommun\n",
                 "2015-08-20", None, id="own-signing-after-heading"),
    pytest.param("Tjänsteutlåtande\n2023-05-22\n2023/KS 0362\nAnsvarig: Jonas Ek\n", "2023-05-22", "Jonas Ek", id="issue3-year-first-ansvarig"),
    pytest.param("Datum Vår beteckning Er beteckning\n2019-04-02 SN 2019/214\nHandläggare\nSofia Lindahl\n", "2019-04-02", "Sofia Lindahl",
                 id="issue3-var-beteckning"),
    pytest.param("Överenskommelse\n\nParterna är överens.\n\nOrt och datum: Sundsvall 2023-02-03\n\nAnna Berg\n", "2023-02-03",
                 None, id="issue9-ort-och-datum-label"),
    pytest.param("Överenskommelse\n\nParterna är överens.\n\nOrt och datum\tOrt och datum\n"
                 "Karlstad 2022-11-28\tKarlstad 2022-11-30\nFör Karlstads kommun\tFör föreningen\n", "2022-11-30",
                 None, id="issue9-signature-table-last-signature"),  # binding when the last party has signed
    pytest.param("Överenskommelse\n\nParterna är överens.\n\nÖrebro den 17 juni 2021\n", "2021-06-17", None,
                 id="issue9-signing-den-written"),
    pytest.param("Från: Anna Svensson <anna.svensson@karlstad.se>\nSkickat: 2023-03-14 10:12\nTill: info@forening.se\n"
                 "Ämne: Beslut\n\nHej!\n", "2023-03-14", "Anna Svensson", id="issue9-mail-headers"),
]


@pytest.mark.parametrize("text, document_date, officer", EXAMPLES)
def test_header(text, document_date, officer):
    found = header(text + BODY)
    assert (found["document_date"], found["officer"]) == (document_date, officer)


@pytest.mark.parametrize(
    "text, case_numbers",
    [
        pytest.param("Handläggare Datum Diarienummer\nVenemalm Sofia 2016-03-08 SCN-2016-0182\n", ["SCN 2016-0182"],
                     id="issue3-table-row"),
        pytest.param("Datum\n2016-03-08\nDiarienummer\n171-84/2017\n", ["171-84/2017"], id="issue3-numeric-below-label"),
        pytest.param("Diarienummer: SON: 2019-536\n", [], id="seed001-inline-left-to-casenumbers"),
    ],
)
def test_header_case_numbers(text, case_numbers):
    assert header(text)["case_numbers"] == case_numbers


@pytest.mark.parametrize(
    "raw, name",
    [
        pytest.param("Venemalm Sofia", "Sofia Venemalm", id="issue3-surname-first"),
        pytest.param("Hanna Flod", "Hanna Flod", id="seed000-given-first"),
        pytest.param("Bengtsson Nela", "Nela Bengtsson", id="own-surname-first"),
        pytest.param("Kim Karin", "Kim Karin", id="own-both-given-names-kept"),
        pytest.param("Okänd Person", "Okänd Person", id="own-unknown-kept"),
    ],
)
def test_person_name(raw, name):
    assert person_name(raw) == name


@pytest.mark.xfail(strict=True, reason="a name in capitals (`ANNA SVENSSON`) is not read as a name")
def test_known_miss_capital_name():
    assert header("Handläggare: ANNA SVENSSON\n")["officer"] == "Anna Svensson"



def test_seed_header_equals_gold(seed_record, seed_text):
    record = seed_record
    doc = text_document(seed_text)
    facts = extract(doc)
    found = {f.kind: f.value for f in facts if f.kind != "case_number"}
    assert found.get("document_date") == record["document_date"]
    assert found.get("officer") == record["officer"]
    assert set(f.value for f in facts if f.kind == "case_number") <= set(record["case_numbers"])
    for fact in facts:
        assert doc.text[fact.span.start:fact.span.end] == fact.raw
