"""Amounts: example table, seeds against gold, evidence spans."""
import json
from pathlib import Path

import pytest

from iopcli.extractors import amounts
from iopcli.model import text_document

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
GOLD = Path(__file__).parents[2] / "shared" / "gold" / "seeds.json"
xfail = pytest.mark.xfail(strict=True)


def found(text):
    return [(f.value["sek"], f.value["per"], f.value["role"]) for f in amounts.extract(text_document(text))]


@pytest.mark.parametrize("text, expected", [
    pytest.param("Överenskommelsens ekonomiska omfattning är 813 514 kr per kalenderår.", [(813514, "year", "total")], id="seed001-total"),
    pytest.param("Den finansieras av social- och omsorgsnämnden med 472 200 kr och av Brottsofferjouren", [(472200, None, "public_contribution")], id="seed001-public-alone"),
    pytest.param("med cirka 1 500 ideellt arbetade timmar vilket motsvarar 341\n314 kronor.", [(341314, None, "civil_contribution")], id="seed002-broken-line"),
    pytest.param("Den totala ekonomiska kostnaden for social- och omsorgsnamnden har\nuppgatt till 1 477 198 kronor exklusiva", [(1477198, "total", "cost_to_date")], id="seed000-cost-to-date-ocr"),
    pytest.param("Antal arenden 765 867 707", [], id="seed000-statistics"),
    pytest.param("Under 2021 har totalt 1 964 brottsoffer fått stöd", [], id="seed002-statistics"),
    pytest.param("från totalt 2 747 ärenden år ett till 3 697 år två, en ökning med 34 procent.", [], id="seed003-percent"),
    pytest.param("enligt lag (1976:580) om medbestämmande", [], id="seed002-sfs"),
    pytest.param("Föreningen erhåller 341 314 kronor.", [(341314, None, "public_contribution")], id="issue3-kronor"),
    pytest.param("Bidraget är 37 000:-", [(37000, None, "public_contribution")], id="issue3-colon-dash"),
    pytest.param("Ersättning om 37 000 kr/år betalas ut.", [(37000, "year", "public_contribution")], id="issue3-kr-per-ar"),
    pytest.param("Kommunen bidrar med 420 000 SEK per år.", [(420000, "year", "public_contribution")], id="issue3-sek-per-ar"),
    pytest.param("Partnerskapets totala budget är 1,2 miljoner kronor.", [(1200000, None, "total")], id="issue3-miljoner-kronor"),
    pytest.param("Föreningen tilldelas 6,7 miljoner för hela perioden.", [(6700000, "total", "public_contribution")], id="issue3-miljoner-bare"),
    pytest.param("Nämnden bidrar med 1 miljon kronor per år.", [(1000000, "year", "public_contribution")], id="issue3-miljon-per-ar"),
    pytest.param("Stödet uppgår till 450 tkr.", [(450000, None, "public_contribution")], id="issue3-tkr"),
    pytest.param("Kommunens bidrag är 2,4 mnkr per år.", [(2400000, "year", "public_contribution")], id="issue3-mnkr"),
    pytest.param("Verksamhetens totala omslutning är 64,0 mkr.", [(64000000, None, "total")], id="issue3-mkr"),
    pytest.param("1 500 ideellt arbetade timmar", [], id="issue3-hours"),
    pytest.param("en ökning med 10 procent", [], id="issue3-percent"),
    pytest.param("Ersättningen är 25 kr per invånare.", [(25, None, "other")], id="own-per-capita"),
    pytest.param("Bidraget höjs, en ökning med 50 000 kr jämfört med 2023.", [(50000, None, "other")], id="own-increase"),
    pytest.param("Tidigare år var bidraget 400 000 kr.", [(400000, None, "other")], id="own-earlier-level"),
    pytest.param("Föreningens egen insats motsvarar 120 000 kronor per år.", [(120000, "year", "civil_contribution")], id="own-egen-insats"),
    pytest.param("Kostnaden har hittills uppgått till 2 300 000 kr.", [(2300000, "total", "cost_to_date")], id="own-hittills"),
    pytest.param("Totalt 3 000 000 kr för avtalsperioden.", [(3000000, None, "total")], id="own-totalt"),
    pytest.param("Ersättningen uppgår till 1.250.000 kronor per år.", [(1250000, "year", "public_contribution")], id="own-dot-groups"),
    pytest.param("Bidrag om 150 000 kr årligen.", [(150000, "year", "public_contribution")], id="own-arligen"),
    pytest.param("Beloppet är 1 477 198,50 kr.", [(1477199, None, "other")], id="own-ore"),
    pytest.param("Nämnden beviljar tre miljoner kronor.", [(3000000, None, "public_contribution")], id="own-number-word"),
    pytest.param("Sverige har 10,5 miljoner invånare.", [], id="own-miljoner-count"),
    pytest.param("Hyran är 5 000 kr per månad.", [(5000, None, "other")], id="own-per-month"),
    pytest.param("Staden finansierar verksamheten med 900 000 kr per år och föreningen med ideell tid värd 300 000 kr.",
                 [(900000, "year", "public_contribution"), (300000, "year", "civil_contribution")], id="own-two-parts"),
    pytest.param("Region Östergötland bidrar med 2 mkr.", [(2000000, None, "public_contribution")], id="own-region-mkr"),
    pytest.param("Platsen kostar 1 200 kr per dygn.", [(1200, None, "other")], id="own-per-dygn"),
    pytest.param("Ideella insatser värderas till 200 tkr/år.", [(200000, "year", "civil_contribution")], id="own-tkr-per-year"),
    pytest.param("Brottsofferjouren bidrar med 200 000 kr i ideell tid.", [(200000, None, "civil_contribution")],
                 id="own-civil-bidrar"),
    pytest.param("Kommunen bidrar till verksamheten med 350 000 kr per kalenderår.", [(350000, "year", "public_contribution")],
                 id="sample-vadstena-kommunen-bidrar"),
    pytest.param("Kommunen bidrar med sammanlagt 450 tkr för hela perioden.", [(450000, "total", "public_contribution")],
                 id="own-sammanlagt-is-the-kommuns"),
    pytest.param("Omfattningen är 6,7 miljoner kronor för hela perioden, varav kommunen står för 5,2 miljoner kronor och "
                 "föreningen för 1,5 miljoner kronor i form av ideellt arbete.",
                 [(6700000, "total", "total"), (5200000, "total", "public_contribution"), (1500000, "total", "civil_contribution")],
                 id="own-varav-elliptic"),
    pytest.param("Regionen ersätter stiftelsen med 1 miljon kronor per år.", [(1000000, "year", "public_contribution")],
                 id="issue3-miljon-regionen-ersatter"),
    pytest.param("Nämnden finansierar verksamheten med 2,4 mnkr per år. Tidigare fick Stadsmissionen 1,9 mnkr per år i föreningsbidrag.",
                 [(2400000, "year", "public_contribution"), (1900000, "year", "other")], id="issue3-mnkr-earlier-level"),
    pytest.param("Kommunen betalar ett bidrag om 37 000 kr/år till föreningens lokalhyra.", [(37000, "year", "public_contribution")],
                 id="issue3-kr-per-ar"),
    pytest.param("Den årliga ersättningen höjs från 900 000 kronor till 1 025 000 kronor.",
                 [(900000, "year", "other"), (1025000, "year", "public_contribution")], id="issue9-raised-to-new-level"),
    pytest.param("Ersättningen höjs med 125 000 kronor per år.", [(125000, "year", "other")], id="issue9-raised-by"),
    pytest.param("att regionens bidrag uppgår till högst 1,6 miljoner kronor per år, sammanlagt högst 3,2 miljoner kronor för hela perioden",
                 [(1600000, "year", "public_contribution"), (3200000, "total", "public_contribution")], id="issue9-restated-hogst"),
    pytest.param("att kommunen medfinansierar partnerskapet med 1 mnkr per år, sammanlagt 3 mnkr under avtalsperioden",
                 [(1000000, "year", "public_contribution"), (3000000, "total", "public_contribution")], id="issue9-medfinansierar"),
    pytest.param("FIFH bidrar med egen finansiering om 160 000 kr under perioden.", [(160000, "total", "civil_contribution")],
                 id="issue9-egen-finansiering"),
    pytest.param("Kommunens bidrag är 640 tkr per år. Kommunen ska\n- bidra med 640 tkr per år,\n",
                 [(640000, "year", "public_contribution")], id="issue9-same-sum-twice"),
    pytest.param("Kostnaden om 37 000:- per år ryms. Ersättningen motsvarar 5 kronor per kommuninvånare.",
                 [(37000, "year", "public_contribution"), (5, None, "other")], id="issue9-per-kommuninvanare"),
    pytest.param("Nämnden har för 2018 betalat ut 1 150 000 kronor till Röda Korset.", [(1150000, "total", "cost_to_date")],
                 id="issue9-betalat-ut"),
    pytest.param("Kommunen lämnar ett verksamhetsstöd om 250 000:- per helår.", [(250000, "year", "public_contribution")],
                 id="issue9-per-helar"),
    pytest.param("Kommunen bidrar till verksamheten med SEK 950 000 per år under avtalstiden.",
                 [(950000, "year", "public_contribution")], id="issue9-unit-before-number"),
    pytest.param("Kommunens kostnad är 450 tkr per år. För höstterminen 2025\nbetalas 187 500 kronor ut.",
                 [(450000, "year", "public_contribution"), (187500, None, "public_contribution")], id="issue9-part-year"),
    pytest.param("Bidraget är 800 000 kronor per år. För perioden 1 juli - 31 december 2019 betalas 400 000 kronor ut.",
                 [(800000, "year", "public_contribution"), (400000, None, "public_contribution")], id="issue9-part-year-range"),
    pytest.param("Avtalet gäller 1 juli 2024 - 30 juni 2026. Bidraget är 400 000 kronor.",
                 [(400000, None, "public_contribution")], id="issue9-two-year-range-not-part"),
    pytest.param("Bidraget betalas ut enligt följande plan:\nÅr\tBelopp\n2023\t620 000 kr\n2024\t620 000 kr\nSumma\t1 240 000 kr\n",
                 [(620000, "year", "public_contribution"), (1240000, "total", "public_contribution")], id="issue9-year-table-sum"),
    pytest.param("Finansiering per år från 2024\tKronor\nKommunens bidrag\t1 350 000\nFöreningarnas egen insats\t340 000\nSumma\t1 690 000\n",
                 [(1350000, "year", "public_contribution"), (340000, "year", "civil_contribution"), (1690000, "year", "total")],
                 id="issue9-year-in-caption-not-money"),
    pytest.param("Från förvaltningens sida ser vi i dag inget skäl att säga upp avtalet, men nivån på bidraget (950 000 kronor per år) diskuteras.",
                 [(950000, "year", "public_contribution")], id="issue9-change-word-in-other-clause"),
    pytest.param("Under den förra avtalsperioden var stadens bidrag 450 000 kronor per år.", [(450000, "year", "other")],
                 id="issue9-earlier-period"),
    pytest.param("Hittills har nämnden betalat ut sammanlagt 2 220 000 kronor inom partnerskapet.",
                 [(2220000, "total", "cost_to_date")], id="issue9-paid-out-over-sammanlagt"),
    pytest.param("Verksamheten har finansierats med ett årligt föreningsbidrag om 620 000 kronor.", [(620000, "year", "other")],
                 id="issue9-foreningsbidrag-is-another-regime"),
    pytest.param("Föreningen bidrar med ideellt arbete värderat till 338 000 kronor, samt med 150 000 kronor per år i gåvor.",
                 [(338000, "year", "civil_contribution"), (150000, "year", "civil_contribution")], id="issue9-samt-med-same-giver"),
    pytest.param("För verksamhetsåret 2015 avsätts 6,7 miljoner kronor ur nämndens budget.", [(6700000, "year", "public_contribution")],
                 id="issue9-verksamhetsaret"),
])
def test_amount_table(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("raw, sek", [("813 514 kr", 813514), ("341\n314 kronor", 341314), ("37 000:-", 37000),
                                     ("1,2 miljoner kronor", 1200000), ("450 tkr", 450000), ("64,0 mkr", 64000000),
                                     ("2,4 mnkr", 2400000), ("765 ärenden", None)])
def test_parse_amount(raw, sek):
    assert amounts.parse_amount(raw) == sek


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not present")
@pytest.mark.parametrize("record", json.loads(GOLD.read_text()) if GOLD.exists() else [], ids=lambda r: r["source"][:3])
def test_seeds_against_gold(record):
    doc = text_document((SEEDS / record["source"]).read_text(), name=record["source"])
    assert [f.value for f in amounts.extract(doc)] == record["amounts"]


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not present")
def test_spans_are_raw_text():
    for path in sorted(SEEDS.glob("*.txt")):
        doc = text_document(path.read_text(), name=path.name)
        for fact in amounts.extract(doc):
            assert doc.text[fact.span.start:fact.span.end] == fact.raw
