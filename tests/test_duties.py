"""Duties: example tables for deadlines and recurring duties, seeds against gold, evidence spans."""
import json
from pathlib import Path

import pytest

from iopcli.extractors import duties
from iopcli.model import text_document

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
GOLD = Path(__file__).parents[2] / "shared" / "gold" / "seeds.json"
xfail = pytest.mark.xfail(strict=True)


def deadlines(text):
    return [f.value["date"] for f in duties.extract(text_document(text)) if f.kind == "deadline"]


def recurring(text):
    return [(f.value["what"], f.value["times_per_year"]) for f in duties.extract(text_document(text)) if f.kind == "recurring"]


@pytest.mark.parametrize("text, expected", [
    pytest.param("Återrapport till social- och omsorgsnämnden sker under överenskommelsens sista år, första kvartalet 2025.", ["2025-03-31"], id="seed001-quarter"),
    pytest.param("3.  Återrapport till social- och omsorgsnämnden sker under första kvartalet \n2025. ", ["2025-03-31"], id="seed002-quarter-broken"),
    pytest.param("aterrapportering om éverenskommelsen till\nsocial- och omsorgsnamnden ska ske férsta kvartalet 2025.", ["2025-03-31"], id="seed000-ocr-forsta"),
    pytest.param("Överenskommelsen gäller under tre år från och med 2023-01-01 till och med 2025-12-31.", [], id="seed001-period-not-duty"),
    pytest.param("om inte överenskommelsen sägs upp av endera part senaste den 30 september respektive år.", [], id="seed003-notice-not-duty"),
    pytest.param("Förvaltningsgruppen har behandlat ärendet den 12 mars 2025.", [], id="seed003-past-date"),
    pytest.param("Uppföljning sker under tredje kvartalet 2025.", ["2025-09-30"], id="issue3-third-quarter"),
    pytest.param("En slutrapport lämnas till kommunstyrelsen senast den 15 oktober 2016.", ["2016-10-15"], id="own-slutrapport"),
    pytest.param("Återrapport till kommunstyreIsens arbetsutskott sker under tredje\nkvartalet 2020.", ["2020-09-30"], id="issue3-ocr-kommunstyrelsen"),
    pytest.param("En gemensam utvärdering görs under andra kvartalet 2020.", ["2020-06-30"], id="own-second-quarter"),
    pytest.param("Ärendet behandlades den 12 mars 2025 och har ingen rapport.", [], id="own-no-year-cue-past"),
    pytest.param("Redovisningen ska vara förvaltningen tillhanda senast den 15 december 2017.", ["2017-12-15"], id="issue3-senast"),
    pytest.param("Slutrapport lämnas senast 2026-01-31.", ["2026-01-31"], id="own-senast-iso"),
    pytest.param("Föreningen ska inkomma med verksamhetsberättelse senast 31 mars 2024.", ["2024-03-31"], id="own-inkomma"),
    pytest.param("Delrapport ska lämnas före den 1 juni 2025.", ["2025-06-01"], id="own-fore"),
    pytest.param("Utvärdering genomförs under fjärde kvartalet 2026.", ["2026-12-31"], id="own-fourth-quarter"),
    pytest.param("Rapportering sker efter första halvåret 2025.", ["2025-06-30"], id="own-half-year"),
    pytest.param("Redovisning sker efter andra tertialet 2025.", ["2025-08-31"], id="own-tertial"),
    pytest.param("Avtalet löper ut den 31 december 2024.", [], id="own-expiry-not-duty"),
    pytest.param("Reformen trädde i kraft 1 april 2024.", [], id="seed004-not-duty"),
    pytest.param("Ansökan ska vara inne senast den 1 oktober 2025.", ["2025-10-01"], id="own-ansokan"),
    pytest.param("Uppföljning sker kvartal 2 2025.", ["2025-06-30"], id="own-kvartal-2"),
    pytest.param("Föreningen lämnar en delrapport i juni 2024.", ["2024-06-30"], id="issue9-month-alone"),
    pytest.param("Redovisningen ska ha kommit in senast i oktober 2023.", ["2023-10-31"], id="issue9-senast-i-month"),
    pytest.param("En slutrapport lämnas till nämnden i december 2024.", ["2024-12-31"], id="issue9-i-december"),
    pytest.param("Utvärderingen ska vara klar senast den 31 oktober 2024.", ["2024-10-31"], id="issue9-vara-klar"),
    pytest.param("Parterna ska senast den 31 mars 2021 inleda en dialog om hur samarbetet ska fortsätta.", ["2021-03-31"],
                 id="dev-h05-ska-senast"),
    pytest.param("En gemensam utvärdering ska vara klar senast 2017-12-15 och utgöra underlag i frågan om förlängning.",
                 ["2017-12-15"], id="dev-h01-forlangning-after"),
    pytest.param("- senast den 31 mars 2016 ha ett uppdaterat informationsmaterial på plats,", ["2016-03-31"],
                 id="dev-h18-list-item"),
    pytest.param("Förvaltningen återkommer till nämnden med ett förslag senast den 30 september 2019.", ["2019-09-30"],
                 id="dev-h17-aterkommer"),
    pytest.param("Föreningen ska, om den vill förlänga, säga upp avtalet senast den 30 juni 2025.", [],
                 id="issue9-notice-day-not-a-duty"),
    pytest.param("Vi behöver era synpunkter på texten senast måndag den 2 juni 2025.", ["2025-06-02"], id="issue9-weekday"),
    pytest.param("En halvtidsavstämning av den förlängda perioden ska vara klar senast den 31 oktober 2025.", ["2025-10-31"],
                 id="issue9-forlangda-is-not-renewal"),
    pytest.param("Föreningen tar tillsammans med skolorna fram en plan\nför läsårets grupper senast den 15 september 2025.",
                 ["2025-09-15"], id="issue9-tar-fram"),
    pytest.param("Vi behöver ha det undertecknade exemplaret senast den 15 december 2023.", ["2023-12-15"], id="issue9-behover"),
    pytest.param("Kommunfullmäktige beslutade om riktlinjer för IOP i januari 2016.", [], id="seed002-history-month"),
    pytest.param("Nämnden ingick i mars 2016 ett partnerskap och ska få en rapport.", [], id="own07-history-month"),
])
def test_deadline_table(text, expected):
    assert deadlines(text) == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("Operativa möten, två ggr/år. Syfte:\tAktörer", [("Operativa möten", 2)], id="seed001-operativa"),
    pytest.param("Strategiska möten, två ggr/år. Syfte:\tAktörer", [("Strategiska möten", 2)], id="seed001-strategiska"),
    pytest.param("Social- och omsorgsförvaltningen ansvarar för att årligen utvärdera överenskommelsen.", [("Utvärdering av överenskommelsen", 1)], id="seed001-utvardering"),
    pytest.param("Utbetalning sker en gång per år i januari månad.", [("Utbetalning i januari", 1)], id="seed001-utbetalning"),
    pytest.param("Uppräkning sker årligen enligt OPI från och med 2024-01-01.", [], id="seed001-upprakning-not-duty"),
    pytest.param("skall sammanställas i form av årliga verksamhetsrapporter, vilket Socialförvaltningen ansvarar för.", [("Verksamhetsrapport", 1)], id="seed003-arliga"),
    pytest.param("Brottsofferjourerna ska årligen efter avslutat verksamhetsår redovisa det ekonomiska utfallet för året till förvaltningen.", [("Redovisning av ekonomiskt utfall", 1)], id="seed003-redovisa"),
    pytest.param("kvinnojouren och tjejjouren lämnar in verksamhetsberättelser årsvis.", [("Verksamhetsberättelse", 1)], id="seed004-arsvis"),
    pytest.param("hur många möten som ska ske årligen och vad mötena ska leda till.", [], id="seed004-descriptive"),
    pytest.param("Det har förekommit ett operativt möte och två strategiska möten. Omfattningen enligt IOP är två gånger per år av båda mötesformerna.",
                 [("Operativa möten", 2), ("Strategiska möten", 2)], id="seed000-both-forms"),
    pytest.param("Överenskommelsens ekonomiska omfattning är 813 514 kr per år.", [], id="own-amount-rate-not-duty"),
    pytest.param("Därefter förlängs partnerskapet automatiskt med ett kalenderår i taget.", [], id="seed003-renewal-not-duty"),
    pytest.param("Styrgruppen träffas två ggr/år.", [("Styrgruppen träffas", 2)], id="own-traffas-group"),
    pytest.param("Samverkansmöten sker minst en gång per termin.", [("Samverkansmöten minst en gång per termin", 2)], id="issue3-termin"),
    pytest.param("Ekonomisk redovisning sker efter varje tertial.", [("Ekonomisk redovisning efter varje tertial", 3)], id="issue3-tertial"),
    pytest.param("Avstämning sker kvartalsvis.", [("Avstämning kvartalsvis", 4)], id="issue3-kvartalsvis"),
    pytest.param("Arbetsgruppen ska rapportera varje månad till förvaltningen.", [("Rapportering varje månad", 12)], id="issue3-varje-manad"),
    pytest.param("Föreningen ska årligen redovisa verksamheten.", [("Redovisning av verksamheten", 1)], id="issue3-arligen"),
    pytest.param("Föreningen ska lämna en verksamhetsberättelse senast den 31 mars varje år.", [("Verksamhetsberättelse senast 31 mars", 1)], id="issue3-31-mars-varje-ar"),
    pytest.param("Uppföljningsmöten hålls 4 gånger per år.", [("Uppföljningsmöten", 4)], id="own-digit-count"),
    pytest.param("Dialogmöten sker tre gånger per år.", [("Dialogmöten", 3)], id="own-tre-ganger"),
    pytest.param("Lägesrapport lämnas halvårsvis.", [("Lägesrapport halvårsvis", 2)], id="own-halvarsvis"),
    pytest.param("Ekonomisk uppföljning sker två gånger om året.", [("Ekonomisk uppföljning", 2)], id="own-om-aret"),
    pytest.param("Partnerskapet följs upp vid kvartalsvisa möten.", [("Möten", 4)], id="own-kvartalsvisa"),
    pytest.param("Statistik redovisas månadsvis.", [("Statistik månadsvis", 12)], id="own-manadsvis"),
    pytest.param("Parterna ska gemensamt årligen följa upp samverkan.", [("Uppföljning av samverkan", 1)], id="own-folja-upp"),
    pytest.param("Verksamhetsplan tas fram en gång per år.", [], id="own-tas-fram", marks=xfail),  # `tas fram` is not a subject verb yet
    pytest.param("Social- och omsorgsférvaltningen utvarderar 6verenskommelsen\nvarje ar.", [("Utvärdering av 6verenskommelsen", 1)],
                 id="sample002-ocr-present-tense"),
    pytest.param("Social- och omsorgsförvaltningen utvärderar överenskommelsen årligen.", [("Utvärdering av överenskommelsen", 1)],
                 id="sample001-present-tense"),
    pytest.param("Dokumentationen visar ett operativt möte och två strategiska möten. Enligt överenskommelsen ska båda "
                 "mötesformerna hållas två gånger per år.", [("Operativa möten", 2), ("Strategiska möten", 2)],
                 id="sample000-forms-before-frequency"),
    pytest.param("Varje år, när verksamhetsåret är slut, redovisar brottsofferjourerna årets ekonomiska utfall till förvaltningen.",
                 [("Redovisning av ekonomiska utfall", 1)], id="sample003-subject-after-verb"),
    pytest.param("Socialförvaltningen sammanställer den i en verksamhetsrapport varje år, med en berättelse om hur många personer jourerna har nått.",
                 [("Verksamhetsrapport", 1)], id="sample003-noun-before-frequency"),
    pytest.param("Föreningen\n– rekryterar, utbildar och handleder frivilliga,\n– ordnar träffar varje vecka,", [],
                 id="sample-vadstena-en-dash-items-apart"),
    pytest.param("Ekonomi\nNämnden bidrar med 1 mnkr. Utbetalning\nsker kvartalsvis i förskott.", [("Utbetalning kvartalsvis i förskott", 4)], id="own-subject-wrapped"),
    pytest.param("Föreningen lämnar en skriftlig lägesrapport efter varje tertial.", [("Skriftlig lägesrapport efter varje tertial", 3)], id="own-tertial-taker"),
    pytest.param("Uppföljning\nFöreningen lämnar verksamhetsberättelse och bokslut till socialnämnden en gång\nper år.",
                 [("Verksamhetsberättelse och bokslut till socialnämnden", 1)], id="own-heading-and-recipient"),
    pytest.param("Stadsmissionen rapporterar besöksstatistik till förvaltningen kvartalsvis och lämnar en\n"
                 "verksamhetsberättelse senast den 31 mars varje år.",
                 [("Rapportering av besöksstatistik kvartalsvis", 4), ("Verksamhetsberättelse senast 31 mars", 1)], id="own-two-duties-one-sentence"),
    pytest.param("Föreningen lämnar en skriftlig redovisning av verksamhet och ekonomi senast den\n31 mars varje år.",
                 [("Skriftlig redovisning av verksamhet och ekonomi senast 31 mars", 1)], id="own-long-object"),
    pytest.param("Partnerskapet följs upp vid avstämningsmöten varje månad under säsongen och i en årlig rapport.",
                 [("Avstämningsmöten varje månad", 12), ("Rapport", 1)], id="own-arlig-adjective"),
])
def test_recurring_table(text, expected):
    assert recurring(text) == expected


def test_day_and_party():
    facts = [f for f in duties.extract(text_document(
        "Föreningen ska lämna en verksamhetsberättelse senast den 31 mars varje år.")) if f.kind == "recurring"]
    assert facts[0].value["day"] == "03-31"
    assert facts[0].value["party"] == "Föreningen"


def test_party_of_recurring():
    facts = duties.extract(text_document("Social- och omsorgsförvaltningen ansvarar för att årligen utvärdera överenskommelsen."))
    assert facts[0].value["party"] == "Social- och omsorgsförvaltningen"


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not present")
@pytest.mark.parametrize("record", json.loads(GOLD.read_text()) if GOLD.exists() else [], ids=lambda r: r["source"][:3])
def test_seeds_against_gold(record):
    doc = text_document((SEEDS / record["source"]).read_text(), name=record["source"])
    facts = duties.extract(doc)
    assert sorted(f.value["date"] for f in facts if f.kind == "deadline") == sorted(d["date"] for d in record["deadlines"])
    assert sorted(f.value["times_per_year"] for f in facts if f.kind == "recurring") == sorted(r["times_per_year"] for r in record["recurring"])
    assert sorted(f.value["what"] for f in facts if f.kind == "recurring") == sorted(r["what"] for r in record["recurring"])


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not present")
def test_spans_are_raw_text():
    for path in sorted(SEEDS.glob("*.txt")):
        doc = text_document(path.read_text(), name=path.name)
        for fact in duties.extract(doc):
            assert doc.text[fact.span.start:fact.span.end] == fact.raw
