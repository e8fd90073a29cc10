"""A synthetic corpus of Swedish IOP documents as plain text, for bench/scale.py.

    write_corpus(folder, n_docs, seed) -> Facts

Documents come in partnerships of 1-4 (överenskommelse, and sometimes a tjänsteskrivelse,
a protokollsutdrag and a förlängning) that share the facts iop links by: municipality, nämnd,
diarienummer, organisation and its org number, period and money. A few municipalities hold most
of the documents (the first about 15 %), as in a real archive where one big city dominates.
Everything comes from string templates and one random.Random(seed), so the same seed writes the
same bytes, and 100 000 documents take seconds.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

MUNICIPALITIES = """Göteborgs stad; Stockholms stad; Malmö stad; Linköpings kommun; Uppsala kommun;
Region Östergötland; Örebro kommun; Västerås stad; Helsingborgs stad; Norrköpings kommun;
Jönköpings kommun; Umeå kommun; Lunds kommun; Borås stad; Huddinge kommun; Eskilstuna kommun;
Nacka kommun; Gävle kommun; Sundsvalls kommun; Södertälje kommun; Halmstads kommun; Växjö kommun;
Karlstads kommun; Botkyrka kommun; Kristianstads kommun; Kungsbacka kommun; Luleå kommun;
Järfälla kommun; Skellefteå kommun; Solna stad; Haninge kommun; Kalmar kommun; Varbergs kommun;
Östersunds kommun; Trollhättans stad; Norrtälje kommun; Uddevalla kommun; Falu kommun;
Skövde kommun; Borlänge kommun; Täby kommun; Hässleholms kommun; Tyresö kommun; Sigtuna kommun;
Lidingö stad; Ängelholms kommun; Motala kommun; Piteå kommun; Karlskrona kommun;
Örnsköldsviks kommun; Sollentuna kommun; Mölndals stad; Partille kommun; Lerums kommun;
Alingsås kommun; Enköpings kommun; Nyköpings kommun; Katrineholms kommun; Västerviks kommun;
Kiruna kommun; Gällivare kommun; Bodens kommun; Härnösands kommun; Kramfors kommun;
Hudiksvalls kommun; Bollnäs kommun; Sandvikens kommun; Ludvika kommun; Avesta kommun; Mora kommun;
Arvika kommun; Kristinehamns kommun; Karlskoga kommun; Lindesbergs kommun; Köpings kommun;
Sala kommun; Strängnäs kommun; Finspångs kommun; Mjölby kommun; Vetlanda kommun; Nässjö kommun;
Värnamo kommun; Ljungby kommun; Ronneby kommun; Karlshamns kommun; Ystads kommun;
Trelleborgs kommun; Landskrona stad; Eslövs kommun; Simrishamns kommun; Falkenbergs kommun;
Kungälvs kommun; Stenungsunds kommun; Lysekils kommun; Vänersborgs kommun; Lidköpings kommun;
Falköpings kommun; Ulricehamns kommun; Region Stockholm; Region Skåne; Region Uppsala;
Region Jönköpings län; Region Kronoberg; Region Kalmar län; Region Blekinge; Region Halland;
Region Värmland; Region Örebro län; Region Västmanland; Region Dalarna; Region Gävleborg;
Region Västernorrland; Region Jämtland Härjedalen; Region Västerbotten; Region Norrbotten;
Region Sörmland; Region Gotland"""
MUNICIPALITIES = [name.strip() for name in MUNICIPALITIES.replace("\n", " ").split(";")]
NOMINATIVE_S = ("Borås", "Västerås", "Alingsås", "Strängnäs", "Kramfors", "Bollnäs")  # the s is not genitive

# nämnd, its diarienummer prefix, the förvaltning that writes its proposals
KOMMUN_BOARDS = [
    ("Socialnämnden", "SN", "Socialförvaltningen"),
    ("Social- och omsorgsnämnden", "SON", "Socialförvaltningen"),
    ("Kultur- och fritidsnämnden", "KFN", "Kultur- och fritidsförvaltningen"),
    ("Kommunstyrelsen", "KS", "Kommunledningskontoret"),
    ("Arbetsmarknadsnämnden", "AMN", "Arbetsmarknadsförvaltningen"),
    ("Barn- och utbildningsnämnden", "BUN", "Utbildningsförvaltningen"),
    ("Äldrenämnden", "ÄN", "Äldreförvaltningen"),
]
REGION_BOARDS = [
    ("Regionstyrelsen", "RS", "Regionledningskontoret"),
    ("Hälso- och sjukvårdsnämnden", "HSN", "Hälso- och sjukvårdsförvaltningen"),
    ("Kulturnämnden", "KUN", "Kulturförvaltningen"),
]
# kind of organisation, what the partnership is for
CAUSES = [
    ("Kvinnojouren", "stöd till våldsutsatta kvinnor och deras barn"),
    ("Tjejjouren", "stödsamtal och chatt för unga tjejer"),
    ("Brottsofferjouren", "stöd till brottsutsatta, vittnen och anhöriga"),
    ("Föreningen Fontänhuset", "en arbetsinriktad gemenskap för personer med psykisk ohälsa"),
    ("Föreningen Läxhjälpen", "läxhjälp och studiestöd för elever i grundskolan"),
    ("Stadsmissionen", "ett dagcenter för personer i hemlöshet"),
    ("Föreningen Mötesplats", "språkcafé och samhällsintroduktion för nyanlända"),
    ("Idrottsföreningen", "lovaktiviteter och spontanidrott för barn och unga"),
    ("Föreningen Anhörigstöd", "stöd till anhöriga som vårdar en närstående"),
    ("Föreningen Seniorträffen", "träffpunkter mot ensamhet bland äldre"),
    ("Föreningen Kamratstöd", "stöd till personer som lämnar missbruk och kriminalitet"),
]
NAMES = ("Ellinor Linnea Beata Solrosen Vägen Gemenskap Fyren Bryggan Kompassen Ankaret Källan "
         "Hoppet Navet Oasen Stegen Trappan Gnistan Ljuset Norrsken Vågen Hamnen Broen Eken Linden "
         "Almen Tallen Björken Hjärtat Handen Nyckeln Porten Spåret Vindrosen Bågen").split()
DISTRICTS = ("Norra", "Södra", "Östra", "Västra", "Centrum")
MONTHS = "januari februari mars april maj juni juli augusti september oktober november december".split()
NUMBERS = {1: "en", 3: "tre", 6: "sex", 9: "nio", 12: "tolv"}
OFFICERS = ("Anna Berg", "Erik Lund", "Maria Holm", "Johan Ek", "Karin Sjöberg", "Lars Nyström",
            "Sara Lindqvist", "Per Åström", "Eva Öberg", "Ahmed Hassan", "Liselott Borg", "Mikael Dahl")
FILLER = [
    ("Ett idéburet offentligt partnerskap är en samverkansform där offentlig och idéburen sektor "
     "tillsammans arbetar för ett allmännyttigt mål. Parterna bidrar båda med resurser."),
    "Verksamheten kompletterar kommunens egna insatser och når grupper som annars är svåra att nå.",
    ("Föreningen har bedrivit verksamheten i flera år med stöd av ideella krafter och har god kännedom "
     "om målgruppen."),
    ("Överenskommelsen bygger på principerna om självständighet, dialog, kvalitet, långsiktighet, "
     "öppenhet och mångfald."),
    ("Partnerskapet omfattas inte av lagen om offentlig upphandling eftersom det saknas ett "
     "ekonomiskt vederlag för en beställd tjänst."),
    "Parterna träffas minst två gånger per år för dialog om verksamhetens utveckling.",
    ("Föreningen ska ha en antagen plan för hur den förebygger och hanterar kränkningar och "
     "ska kunna visa registerutdrag för personer som arbetar med barn."),
]


@dataclass
class Facts:
    """What the benchmark needs to ask about (a case number and an org number that exist), and
    what the catalogue should come to: partnerships written, documents per municipality."""
    case_number: str = ""
    org_number: str = ""
    partnerships: int = 0
    per_municipality: dict[str, int] = field(default_factory=dict)


def org_number(rng: random.Random) -> str:
    """Ten digits for an association: first 8, third 2-9 (a legal entity), Luhn over all ten."""
    digits = [8, rng.randint(0, 9), rng.randint(2, 9)] + [rng.randint(0, 9) for _ in range(6)]
    total = sum(d if i % 2 else (2 * d if d < 5 else 2 * d - 9) for i, d in enumerate(digits))
    digits.append((10 - total % 10) % 10)
    text = "".join(map(str, digits))
    return f"{text[:6]}-{text[6:]}"


def kronor(amount: int) -> str:
    return f"{amount:,}".replace(",", " ")


def long_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def period_text(rng: random.Random, start: date, end: date) -> str:
    return rng.choice([
        f"Överenskommelsen gäller från och med {long_date(start)} till och med {long_date(end)}.",
        f"Avtalsperiod: {start} -- {end}.",
        f"Överenskommelsen gäller under perioden {start}–{end}.",
        f"Partnerskapet löper från {long_date(start)} till och med {long_date(end)}.",
    ])


def notice_text(rng: random.Random, months: int) -> str:
    word = NUMBERS[months]
    return rng.choice([
        f"Uppsägningstiden är {word} månader.",
        f"Överenskommelsen kan sägas upp av vardera parten med {word} månaders uppsägningstid.",
        f"Vid uppsägning gäller en uppsägningstid om {word} månader.",
    ])


def money_text(rng: random.Random, p: dict) -> str:
    payer = "Regionen" if p["municipality"].startswith("Region") else "Kommunen"
    total = p["per_year"] * p["years"]
    return rng.choice([
        f"{payer} bidrar med {kronor(p['per_year'])} kr per år, totalt {kronor(total)} kr för hela perioden.",
        (f"{payer} bidrar med {kronor(p['per_year'])} kronor per år. Föreningen bidrar med ideellt arbete, "
         "lokaler och kunskap om målgruppen."),
        (f"Det årliga bidraget från {payer.lower()} uppgår till {kronor(p['per_year'])} kr och betalas ut "
         "kvartalsvis i förskott."),
    ])


def place_name(municipality: str) -> str:
    """`Lunds kommun` -> `Lund`, `Borås stad` -> `Borås`, `Region Kalmar län` -> `Kalmar`."""
    word = municipality.removeprefix("Region ").split()[0]
    if word == "Falu":
        return "Falun"
    return word[:-1] if word.endswith("s") and word not in NOMINATIVE_S else word


def partnership(rng: random.Random, municipality: str, used_cases: set, orgs: dict) -> dict:
    """Draw the facts one partnership's documents share. An organisation keeps its org number
    (`orgs`) across its partnerships; a case number is never drawn twice (`used_cases`)."""
    board, prefix, office = rng.choice(REGION_BOARDS if municipality.startswith("Region") else KOMMUN_BOARDS)
    kind, cause = rng.choice(CAUSES)
    town = place_name(municipality)
    for _ in range(20):  # most organisations hold one partnership here; some (5 %) hold two or more
        name = rng.choice([f"{kind} {rng.choice(NAMES)}", f"{kind} {rng.choice(NAMES)} {town}", f"{kind} i {town}",
                           f"{kind} {rng.choice(NAMES)} {rng.choice(DISTRICTS)}"])
        if (municipality, name) not in orgs or rng.random() < 0.05:
            break
    number = orgs.setdefault((municipality, name), org_number(rng))
    start = date(rng.randint(2022, 2026), rng.choice((1, 1, 1, 4, 7)), 1)
    years = rng.randint(1, 5)
    end = date(start.year + years, start.month, 1) - timedelta(days=1)
    decided = start - timedelta(days=rng.randint(30, 120))
    while True:
        year, serial = decided.year, rng.randint(1, 2999)
        case = rng.choice([f"{prefix} {year}/{serial}", f"{prefix} {year}-{serial:04d}"])
        if (municipality, prefix, year, serial) not in used_cases:
            used_cases.add((municipality, prefix, year, serial))
            break
    return {
        "municipality": municipality, "board": board, "office": office, "case": case, "org": name,
        "org_number": number, "cause": cause, "start": start, "end": end, "years": years,
        "notice": rng.choice((3, 6, 6, 9, 12)), "per_year": rng.randint(4, 300) * 5000, "decided": decided,
        "officer": rng.choice(OFFICERS), "report_by": date(start.year + 1, 3, 31),
    }


def proposal(rng: random.Random, p: dict) -> str:
    return f"""{p['municipality']}
{p['office']}
Tjänsteskrivelse
Datum: {p['decided'] - timedelta(days=14)}
Diarienummer: {p['case']}
Handläggare: {p['officer']}

Idéburet offentligt partnerskap med {p['org']}

Förslag till beslut
{p['board']} föreslås besluta att ingå en överenskommelse om idéburet offentligt partnerskap med
{p['org']} (org.nr {p['org_number']}) om {p['cause']}.

Ärendet
{' '.join(rng.sample(FILLER, 3))}
{period_text(rng, p['start'], p['end'])} {notice_text(rng, p['notice'])}

Ekonomiska konsekvenser
{money_text(rng, p)} Kostnaden ryms inom nämndens budget.

{p['office']}
{p['officer']}
"""


def agreement(rng: random.Random, p: dict) -> str:
    return f"""Överenskommelse om idéburet offentligt partnerskap mellan {p['municipality']} och {p['org']}

Datum: {p['decided'] + timedelta(days=rng.randint(10, 25))}
Dnr {p['case']}

1. Parter
{p['municipality']}, genom {p['board'].lower()}, och {p['org']}, organisationsnummer {p['org_number']}.

2. Syfte
Partnerskapet ska ge {p['cause']}. {rng.choice(FILLER)}

3. Period
{period_text(rng, p['start'], p['end'])}

4. Ekonomi
{money_text(rng, p)}

5. Uppföljning
Föreningen lämnar en verksamhetsberättelse varje år. Återrapportering ska ske senast {p['report_by']}.
{rng.choice(FILLER)}

6. Uppsägning
{notice_text(rng, p['notice'])}

För {p['municipality']}                För {p['org']}
{p['officer']}                         Ordförande
"""


def minutes(rng: random.Random, p: dict) -> str:
    meeting = p["decided"]
    return f"""Protokoll
{p['board']}, {p['municipality']}
Sammanträdesdatum: {meeting}

§ {rng.randint(1, 180)} Idéburet offentligt partnerskap med {p['org']}
Dnr {p['case']}

Beslut
{p['board']} beslutar att ingå överenskommelse om idéburet offentligt partnerskap med {p['org']}
({p['org_number']}) enligt förvaltningens förslag. {period_text(rng, p['start'], p['end'])}

Beslutsunderlag
Tjänsteskrivelse daterad {meeting - timedelta(days=14)}.

Justerare: {rng.choice(OFFICERS)}
Protokollsutdrag till: {p['org']}, {p['office']}
"""


def extension(rng: random.Random, p: dict) -> str:
    new_start = p["end"] + timedelta(days=1)
    new_end = date(p["end"].year + rng.randint(1, 3), p["end"].month, p["end"].day)
    payer = "Regionen" if p["municipality"].startswith("Region") else "Kommunen"
    return f"""{p['municipality']}
Förlängning av överenskommelse om idéburet offentligt partnerskap
Datum: {p['end'] - timedelta(days=rng.randint(60, 150))}
Diarienummer: {p['case']}

Parter: {p['municipality']} och {p['org']} ({p['org_number']}).

Överenskommelsen om {p['cause']} löper ut {long_date(p['end'])}. Parterna är överens om att förlänga den.
{period_text(rng, new_start, new_end)} Övriga villkor gäller oförändrade. {notice_text(rng, p['notice'])}
{payer} bidrar med {kronor(p['per_year'])} kr per år även under förlängningen.
"""


def write_corpus(folder: Path, n_docs: int, seed: int = 0) -> Facts:
    """Write n_docs .txt files under folder/<municipality>/ and give facts to query them by."""
    rng = random.Random(seed)
    # One big city with ~15 % of the partnerships, a few large ones, a long tail of small ones.
    weights = [100, 50, 35, 25, 20] + [rng.choice((1, 1, 2, 3, 5, 8)) for _ in MUNICIPALITIES[5:]]
    facts, used_cases, orgs, written, number = Facts(), set(), {}, 0, 0
    while written < n_docs:
        municipality = rng.choices(MUNICIPALITIES, weights)[0]
        p = partnership(rng, municipality, used_cases, orgs)
        kinds = [("overenskommelse", agreement)]
        if rng.random() < 0.7:
            kinds.insert(0, ("tjansteskrivelse", proposal))
        if rng.random() < 0.4:
            kinds.insert(-1, ("protokoll", minutes))
        if rng.random() < 0.25:
            kinds.append(("forlangning", extension))
        place = folder / municipality.lower().replace(" ", "-")
        place.mkdir(parents=True, exist_ok=True)
        for kind, template in kinds[: n_docs - written]:
            (place / f"p{number:06d}-{kind}.txt").write_text(template(rng, p), encoding="utf-8")
            written += 1
            facts.per_municipality[municipality] = facts.per_municipality.get(municipality, 0) + 1
        if municipality == MUNICIPALITIES[0] and not facts.case_number:
            facts.case_number, facts.org_number = p["case"], p["org_number"]
        number += 1
    facts.partnerships = number
    return facts
