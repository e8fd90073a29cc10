"""Money amounts: locate sums in SEK, normalise them to whole kronor, tell per and role.

Forms: `813 514 kr per kalenderår`, `341 314 kronor`, `37 000:-`, `37 000 kr/år`, `420 000 SEK per
år`, `1,2 miljoner kronor`, `6,7 miljoner`, `1 miljon kronor per år`, `450 tkr`, `2,4 mnkr per år`,
`64,0 mkr`, a number broken over a line (`341\\n314 kronor`). A number needs a money unit:
statistics (`765 ärenden`), hours, percentages, years and SFS numbers are not money.

per   "year" (`per år`, `kr/år`, `per kalenderår`, or a yearly sum the sentence or the total it
      splits speaks of), "total" (`totalt`, `för hela perioden`, cost to date), or None.
role  the nearest cue before the amount in its clause (sv.AMOUNT_ROLE_CUES): total,
      public_contribution (the kommun's money), civil_contribution (the civil party's own, such as
      valued ideella timmar), cost_to_date, or other (per-capita rates, increases, earlier levels).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from iopcli.extractors import sv
from iopcli.extractors.scan import at, word_start
from iopcli.model import Document, Fact
from iopcli.text import folded as fold_text
from iopcli.text import fold

_NUMBER_WORDS = {"en": 1, "ett": 1, "tva": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "atta": 8,
                 "nio": 9, "tio": 10}
# Digits with thousands groups (space, dot, or a line break inside the number) and decimals.
# OCR of a poor scan: a colon for the first separator (`1:150.000`), a letter o for a zero (`1 150 o00`).
_NUMBER = (r"(?<![\d,.:/\-])(\d{1,3}(?:(?:[ .]|:(?=\d{3}[ .]\d)|[ \t]*\n[ \t]*)(?:\d{3}|(?=[\do]{3}\b)\d*o[\do]*))+|\d+)"
           r"(?:,(\d+))?")
_WORD_NUMBER = r"\b(en|ett|tva|tre|fyra|fem|sex|sju|atta|nio|tio)"
_UNIT = (
    r"(miljarder|miljard|mdkr|miljoner|miljon|mnkr|mkr|msek|mio|tusen|tkr|ksek|kronor|kr\b\.?|sek\b|:-)"
)
AMOUNT_RE = re.compile(rf"(?:{_NUMBER}|{_WORD_NUMBER})[ \t]*(?:\n[ \t]*)?{_UNIT}")
# Where an amount can start (scan.at): a digit not after a number, or a number word's first letter.
_AMOUNT_START = re.compile(
    r"[\daefnst](?:(?<=\d)(?<![\d,.:/\-].)|(?<![\w].)(?:(?<=e)(?=n|tt)|(?<=t)(?=va|re|io)|(?<=f)(?=yra|em)"
    r"|(?<=s)(?=ex|ju)|(?<=a)(?=tta)|(?<=n)(?=io)))"
)
_MULTIPLIERS = {
    "miljarder": 10**9, "miljard": 10**9, "mdkr": 10**9, "miljoner": 10**6, "miljon": 10**6, "mnkr": 10**6,
    "mkr": 10**6, "msek": 10**6, "mio": 10**6, "tusen": 1000, "tkr": 1000, "ksek": 1000,
}
# `6,7 miljoner` is money unless a count follows (`1,2 miljoner invånare`).
_COUNT_NOUNS = re.compile(r"\s+(?:invanare|manniskor|personer|besokare|timmar|ton|kilometer|km|anvandare|ar\b)")
_AFTER_BIG_UNIT = re.compile(r"\s*(?:svenska\s+)?(?:kronor|kr\b|sek\b)")

_PER_YEAR_AFTER = re.compile(
    r"^\s*(?:kronor|kr|sek)?\s*(?:/\s*(?:ar|aret|kalenderar)\b|(?:per|om|i|varje)\s+(?:ar|aret|kalenderar|verksamhetsar)\b"
    r"|(?:per|/)\s*helar\b|arligen\b|pa arsbasis\b)"
)
# `för hela avtalstiden`, `för samma period` (the period just named, the agreement's).
_WHOLE_PERIOD = r"(?:for|under) (?:hela (?:avtals)?perioden|hela avtalstiden|samma period(?:en)?)"
_PER_TOTAL_AFTER = re.compile(
    rf"^\s*(?:kronor|kr|sek)?\s*(?:totalt|sammanlagt|{_WHOLE_PERIOD}|under hela|under (?:avtals|projekt)?perioden\b)")
_YEAR_IN_SENTENCE = re.compile(
    r"(?:/\s*ar\b|\bper\s+(?:ar|kalenderar|verksamhetsar|helar)\b|\barligen\b|\barlig[at]?\b|\bpa arsbasis\b|\bvarje ar\b|\barshyr\w*"
    r"|\bom aret\b|\b(?:for|under)\s+(?:verksamhetsaret\s+|aret\s+)?(?:19|20)\d\d\b(?!\s*[-–]))"
)
_TOTAL_IN_SENTENCE = re.compile(rf"\b(?:{_WHOLE_PERIOD}|sammanlagt)\b")
_PER_OTHER_AFTER = re.compile(
    r"^\s*(?:kronor|kr|sek)?\s*(?:/|per|i)\s*(?:person|deltagare|plats|timme|tim|dygn|invanare|brukare|elev|barn|"
    r"medlem|besok|manad|vecka|natt|samtal|arende|ar och (?:person|deltagare|invanare)|[a-z]*invanare)\b"
)
# A contribution paid in instalments (`35 000 kr per månad`) is still whose money it is, not a rate:
# its role comes from the giver, and per stays None (record.md has only year | total; multiplying
# would invent a figure the text does not state).
_PER_INSTALMENT_AFTER = re.compile(r"^\s*(?:kronor|kr|sek)?\s*(?:/|per|i|varje)\s*(?:manad|kvartal|halvar)\b")
# A table row whose label names one year: `Bidrag 2024 | 450 tkr`, `2023:  1,2 mnkr`.
_YEAR_ROW_LABEL = re.compile(r"[ \t]*(?:[a-z][a-z \t-]*[ \t])?(?:19|20)\d\d[ \t]*(?:[|:\t]|[ ]{2,})[ \t|:]*")
# `… 2,4 mnkr per år, sammanlagt 7,2 mnkr`: the sum restates the amount before it, whoever's it is.
# The same giver goes on: `…, samt med 150 000 kronor`, `och med 40 000 kronor`.
_CONTINUED = re.compile(r"\s*(?:kronor|kr|sek)?(?:\s+(?:per|om)\s+ar)?\s*,?\s*(?:samt|och)\s+(?:med\s+)?(?:ytterligare\s+)?")
_YEAR_BEFORE_HEADER = re.compile(r"(?:19|20)\d\d[ ]*\t[ \t]*")
_RESTATED_SUM = re.compile(r"\s*(?:(?:kronor|kr|sek)\s*)?(?:(?:per|om|i)\s+(?:ar|aret|kalenderar)|/\s*ar)?(?:\s+(?:fran\s+och\s+med|fr\.?o\.?m\.?)\s+(?:den\s+)?(?:\d{1,2}\s+[a-z]+\s+)?(?:19|20)\d\d)?(?:\s+(?:for|till|av|inom)\s+[a-z]+){0,2}[\s,;(]*(?:och\s+|dvs\.?\s+|vilket\s+(?:blir|ger)\s+)?(?:sammanlagt|totalt|sammantaget)\s*(?:(?:hogst|maximalt|upp till|cirka|ca\.?)\s*)?")


@dataclass(frozen=True, slots=True)
class AmountMatch:
    start: int
    end: int
    sek: int
    per: str | None
    role: str
    how: str = "cue"  # how the role was told: cue | change | default (see _role)


def parse_amount(raw: str) -> int | None:
    """Give the whole kronor a money phrase names, or None when it names none.

    >>> [parse_amount(s) for s in ("813 514 kr", "341\\n314 kronor", "37 000:-", "1,2 miljoner kronor")]
    [813514, 341314, 37000, 1200000]
    >>> [parse_amount(s) for s in ("450 tkr", "2,4 mnkr", "64,0 mkr", "1 miljon kronor", "1 477 198,50 kr")]
    [450000, 2400000, 64000000, 1000000, 1477199]
    >>> parse_amount("tre miljoner kronor"), parse_amount("765 ärenden")
    (3000000, None)
    """
    m = AMOUNT_RE.search(fold(raw))
    if not m:
        return None
    return _value(m)


def _value(m: re.Match) -> int | None:
    if m[3]:
        whole = _NUMBER_WORDS[m[3]]
        decimals = ""
    else:
        whole = int(re.sub(r"\D", "", m[1].replace("o", "0")))
        decimals = m[2] or ""
    unit = m[4].rstrip(".")
    multiplier = _MULTIPLIERS.get(unit, 1)
    if m[3] and multiplier == 1:
        return None  # `en kr` is not a sum a document states
    value = (whole + (int(decimals) / 10 ** len(decimals) if decimals else 0)) * multiplier
    return int(value + 0.5)


_SENTENCE_END = re.compile(r"\.(?:\s|$)|\n\s*\n")


def _sentence(folded: str, start: int, end: int) -> tuple[int, int]:
    """Give the bounds of the sentence around start:end (sentences end at `. ` or a blank line).

    >>> t = "forsta meningen. den andra har 5 kr i sig. tredje"
    >>> s, e = _sentence(t, t.index("5 kr"), t.index("5 kr") + 4); t[s:e]
    'den andra har 5 kr i sig'
    """
    left = 0
    # Look back a bounded stretch: a sentence is never longer, and scanning from 0 each time is quadratic.
    floor = max(0, start - SENTENCE_LOOKBACK)
    for m in _SENTENCE_BREAK.finditer(folded, floor, start):
        left = m.end()
    if left == 0 and floor:
        left = floor
    # Bounded on the right too: a table with no full stops would otherwise be searched to its end.
    right_match = _SENTENCE_END.search(folded, end, end + SENTENCE_LOOKBACK)
    right = right_match.start() if right_match else min(len(folded), end + SENTENCE_LOOKBACK)
    return left, right


SENTENCE_LOOKBACK = 1500
_SENTENCE_BREAK = re.compile(r"\.\s+(?=[a-z0-9])|\n\s*\n")


def _role(window: str, after: str) -> tuple[str, str]:
    """Give the role of the nearest cue in `window` (text before the amount), and how it was told.

    How: "change" (an earlier level, an increase or a saving), "cue" (a cue or a giver), or
    "default" (no cue at all: "other", the weakest reading, which a firmer mention of the same sum
    replaces).
    """
    if _PER_OTHER_AFTER.match(after) and not _PER_INSTALMENT_AFTER.match(after):
        return "other", "cue"
    best_role, best_at = None, -1
    giver, giver_at = None, -1
    for role, pattern in _GIVER_RES.items():  # `Kommunen bidrar till verksamheten med`
        for m in pattern.finditer(window):
            if m.end() > giver_at:
                giver, giver_at = role, m.end()
    best_start = -1
    for role, pattern in _ROLE_RES.items():
        for m in pattern.finditer(window):
            if m.end() > best_at or (m.end() == best_at and (role == "cost_to_date" or m.start() < best_start)):
                best_role, best_at, best_start = role, m.end(), m.start()
    # Who gives decides: over a cue that is the giving verb itself (`Brottsofferjouren bidrar med`) and
    # over a word of size (`Kommunen bidrar med sammanlagt 450 tkr`).
    if giver and (giver_at > best_at or best_start < giver_at or best_role == "total"):
        best_role, best_at = giver, giver_at
    # a change word counts in the amount's own clause (`ser vi i dag inget skäl …, men nivån på bidraget`)
    clause = max((m.end() for m in _CLAUSE_BREAK.finditer(window)), default=0)
    if _PAID_OUT.search(window, clause):
        return "cost_to_date", "cue"  # `Hittills har nämnden betalat ut sammanlagt 2 220 000 kronor`
    change = _CHANGE_RE.search(window, clause)
    if best_role and best_role != "other" and change:
        if _NEW_LEVEL.search(window, change.end()):
            return best_role, "cue"  # `höjs från 900 000 kronor till 1 025 000 kronor`: the new level
        return "other", "change"  # an increase, an earlier level or a saving, whoever's money it is
    if best_role == "other" and change:
        return "other", "change"
    return (best_role, "cue") if best_role else ("other", "default")


# Money already paid out, however its size is worded after it (`sammanlagt`, `totalt`).
_PAID_OUT = re.compile(r"\b(?:betalat\s+ut|betalats\s+ut|utbetalats|har\s+utbetalt|har\s+betalat|har\s+kostat)\b")
_CLAUSE_BREAK = re.compile(r"[,;]\s+(?:men|och|samt|medan|eftersom)\s+|;\s*")
# `… höjs från 900 000 kronor till 1 025 000 kronor`, `höjs till 1 350 000 kronor per år`.
_NEW_LEVEL = re.compile(r"\btill\s*(?:totalt\s*|sammanlagt\s*|cirka\s*|ca\.?\s*)?$")


# `Under det nuvarande partnerskapet var bidraget …`: the level of the agreement being replaced.
_CHANGE_CUES = ("tidigare", "foregaende", "jamfort med", "nuvarande partnerskapet", "nuvarande overenskommelsen",
                "nuvarande avtalet", "okning", "okat med", "okar med", "hojning", "hojs",
                "besparing", "minskat med", "minskar med", "sankning", "utokas med", "uppraknas med",
                "i dag", "idag", "hittills har", "fram till nu", "forra", "minska", "minskas", "minskning",
                "foreningsbidrag", "foreningsbidraget", "bidraget var", "bidrag var",
                "ersattningen var", "var stadens bidrag", "var kommunens bidrag", "var regionens bidrag")


ROLE_CUES = {
    role: tuple(cues) + extra
    for role, cues in sv.AMOUNT_ROLE_CUES.items()
    for extra in [
        {
            "total": ("omfattning", "omfattar", "totala budget", "totalbudget", "ekonomiska ramen", "ekonomisk ram",
                      "budgeten for partnerskapet", "sammantaget", "ekonomiska ram"),
            "public_contribution": ("erhaller", "erhalla", "bevilja", "beviljas", "beviljats", "beviljades", "finansierar",
                                    "ersatts med", "betalar", "anslag", "utbetalning", "kommunen med",
                                    "staden med", "regionen med", "forvaltningen med", "ekonomiskt stod",
                                    "ersattning om", "ersattning med", "bidrag om", "bidrag med",
                                    "bidrar med", "kommunens finansiering", "avsatts", "avsatter", "lamnar ett",
                                    "utgar", "kostnaden om", "kostnaden for", "medfinansierar", "medfinansiera",
                                    "bidra med", "budgeterat", "betalas", "kommunens kostnad", "regionens kostnad", "stadens kostnad"),
            "civil_contribution": ("ideellt arbetade timmar vilket motsvarar", "ideella insatser",
                                   "ideellt arbete", "ideella arbete", "ideella arbetet", "ideella krafter", "vardet av de ideella",
                                   "foreningen bidrar", "foreningens insats", "foreningens bidrag",
                                   "idéburna partens", "ideburna partens", "egna medel", "ideell insats", "vilket motsvarar",
                                   "egen finansiering", "insamlade medel", "varderats till", "varderat till", "varderas till"),
            "cost_to_date": ("har kostat", "kostnaden uppgick", "har uppgatt till", "uppgatt till",
                             "betalat ut", "betalats ut", "utbetalats", "har utbetalt", "har betalat"),
            "other": ("per capita", "okat med", "okar med", "okas med", "utokas med", "minskat med",
                      "minskar med", "sankts med", "tidigare ar", "foregaende ar", "foregaende period",
                      "jamfort med", "hojning", "sankning", "besparing", "kostnadsokning", "underskott",
                      "overskott", "schablon", "timersattning", "per timme", "hyra", "arshyra", "lokalhyra",
                      "foreningsbidrag"),
        }.get(role, ())
    ]
}


# One regex per role (cues folded, with inflected endings), and one for change words.
_ROLE_RES = {
    role: re.compile(r"\b(?:" + "|".join(re.escape(fold(cue)) for cue in sorted(cues, key=len, reverse=True))
                     + r")(?:en|et|na|ar|er|r|s|n|t)?\b")
    for role, cues in ROLE_CUES.items()
}
# Who gives the money, told by the subject of a giving verb: the kommun's side or the civil party's.
_GIVING_VERB = r"(?:bidrar|betalar|finansierar|beviljar|tillskjuter|satsar|avsatter|ger|star\s+for|ersatter|overfor)"
_PUBLIC_GIVER = (r"(?:kommunen|staden|regionen|[a-z]*namnden|[a-z]*forvaltningen|[a-z]*styrelsen|landstinget|"
                 r"[a-z]+s?\s+(?:kommun|stad)|region\s+[a-z]+)")
_CIVIL_GIVER = r"(?:foreningen|jouren|organisationen|stiftelsen|forbundet|den\s+ideburna\s+parten|[a-z]*jouren|[a-z]*foreningen)"


def _giver_re(subject: str) -> re.Pattern:
    """`<subject> bidrar med`, or elliptic after a first part: `… och föreningen för 1,5 miljoner`."""
    return re.compile(rf"\b{subject}\s+(?:(?:ska|kommer\s+att|avser\s+att)\s+)?{_GIVING_VERB}\b"
                      rf"|(?:\boch|\bvarav|\bsamt|,)\s+{subject}\s+(?:for|med)\b")


_GIVER_RES = {"public_contribution": _giver_re(_PUBLIC_GIVER), "civil_contribution": _giver_re(_CIVIL_GIVER)}
_CHANGE_RE = re.compile(r"\b(?:" + "|".join(re.escape(fold(cue)) for cue in _CHANGE_CUES) + r")\b")


# `SEK 950 000 per år`: the unit written before the number. Turned round in place (`950 000 sek`, the
# same length), so offsets into the text stay right.
_UNIT_BEFORE = re.compile(r"(" + word_start("sek", r"kr\.?") + r")([ \t]+)(\d{1,3}(?:[ .]\d{3})+|\d{4,})(?![\d,.]*[ \t]*(?:kr\b|kronor|sek\b|:-))")


# A part of a year (`för hösten 2025`, `2019 (juli–december)`, `för perioden september–december 2025`):
# an amount for it is paid once, not per year. Kept apart from None so that no other mention of the
# sum lends it a `year`; it is written None in the record.
PART_YEAR = "part"
_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december")
_MONTH = "(" + "|".join(_MONTHS) + ")"
_PART_YEAR_RE = re.compile(
    r"\b(?:hosten|varen|hostterminen|varterminen|resten av aret|resterande del av aret)\b"
    rf"|\b(?:\d{{1,2}}\s+)?{_MONTH}\s*[-–]\s*(?:\d{{1,2}}\s+)?{_MONTH}\b"
)


_SUM_ROW = re.compile(r"\s*(?:summa|totalt|sammanlagt|total)\s*[:\t ]*")


def _sum_row(folded: str, rows: list[AmountMatch], role: str, per: str | None, how: str) -> tuple[str, str | None, str]:
    """Give (role, per, how) of a `Summa` row from the rows above it (record.md): a year table's sum is
    the total of whoever's money the rows are; a financing table's sum of public and civil is the yearly total.
    """
    told = {a.role for a in rows if a.how == "cue"}
    by_year = sum(bool(re.match(r"\s*(?:19|20)\d\d\b", folded[folded.rfind("\n", 0, a.start) + 1:a.start])) for a in rows)
    if by_year >= 2 and len(told) == 1:
        return told.pop(), "total", "cue"
    if {"public_contribution", "civil_contribution"} <= told and all(a.per == "year" for a in rows):
        return "total", "year", "cue"
    return role, per, how


def _part_year(window: str) -> bool:
    """Tell whether the words before an amount name a part of one year.

    >>> _part_year("for perioden 1 juli - 31 december 2019 betalas"), _part_year("2019 (juli–december)\t")
    (True, True)
    >>> _part_year("for perioden 1 januari - 31 december 2024"), _part_year("for 1 juli 2024 - 30 juni 2026")
    (False, False)
    """
    for m in _PART_YEAR_RE.finditer(window):
        if not m[1]:
            return True
        first, last = _MONTHS.index(m[1]), _MONTHS.index(m[2])
        if first < last and (first, last) != (0, 11):
            return True
    return False


def _unit_after(folded: str) -> str:
    """Give folded text with `sek 950 000` written `950 000 sek` (same length).

    >>> _unit_after("med sek 950 000 per ar")
    'med 950 000 sek per ar'
    """
    return _UNIT_BEFORE.sub(lambda m: m[3] + m[2] + m[1], folded)


def locate(text: str) -> list[AmountMatch]:
    """Give every money amount in text, with its per and role.

    >>> [(a.sek, a.per, a.role) for a in locate("Överenskommelsens ekonomiska omfattning är 813 514 kr per kalenderår.")]
    [(813514, 'year', 'total')]
    >>> locate("Antal ärenden 765 867 707 och 1 500 timmar, 34 procent, år 2023, SFS 1976:580")
    []
    """
    folded = _unit_after(fold_text(text))
    found: list[AmountMatch] = []
    previous_end = 0
    for m in at(AMOUNT_RE, folded, _AMOUNT_START):
        unit = m[4].rstrip(".")
        if unit in ("miljoner", "miljon", "miljarder", "miljard", "tusen"):
            if _COUNT_NOUNS.match(folded, m.end()):
                continue
            tail = _AFTER_BIG_UNIT.match(folded, m.end())
            end = tail.end() if tail else m.end()
        else:
            end = m.end()
        sek = _value(m)
        if not sek or _YEAR_BEFORE_HEADER.fullmatch(folded, m.start(), m.start(4)):
            continue  # `Finansiering per år från 2024<TAB>Kronor`: a year, and the unit heads a column
        start = m.start()
        sentence_start, sentence_end = _sentence(folded, start, end)
        clause_floor = max(previous_end, sentence_start)
        window = re.sub(r"\s+", " ", folded[clause_floor:start])
        after = re.sub(r"\s+", " ", folded[end:end + 40])
        role, how = _role(window, after)
        if how == "default" and _NEW_LEVEL.search(window):
            # `Ersättningen höjs från 900 000 kronor till 1 025 000 kronor`: the new level is the payment.
            role, how = _role(re.sub(r"\s+", " ", folded[sentence_start:start]), after)
        if how == "default" and found and found[-1].end > sentence_start and _CONTINUED.fullmatch(window):
            role, how = found[-1].role, found[-1].how  # `värderat till 338 000 kronor, samt med 150 000 kronor`
        restated = found and found[-1].end > sentence_start and _RESTATED_SUM.fullmatch(window)
        if restated and role in ("total", "other"):
            role, how = found[-1].role, found[-1].how
        per = _per(folded, start, end, sentence_start, sentence_end, role, after)
        if _SUM_ROW.fullmatch(window):
            role, per, how = _sum_row(folded, [a for a in found if a.end > sentence_start], role, per, how)
        if _part_year(window) and not _PER_YEAR_AFTER.match(after):
            per = PART_YEAR  # `För höstterminen 2025 betalas 187 500 kronor ut`: not a yearly figure
            if how == "default" and any(a.role == "public_contribution" and start - a.end < 400 for a in found[-3:]):
                role, how = "public_contribution", "cue"  # `För hösten 2025 blir det 187 500 kronor`
        if restated and found[-1].per == "year":
            per = "total"  # `1 mnkr per år, sammanlagt 3 mnkr`: the sum over the period
        found.append(AmountMatch(start, end, sek, per, role, how))
        previous_end = end
    found.extend(_table_amounts(folded, found))
    return _inherit_yearly(sorted(found, key=lambda a: a.start), folded)


# --- tables whose unit stands in the header: `År | Belopp (kr)`, `Finansiering per år | Kronor` ---

# A row that ends in a bare number: `Kommunens bidrag<TAB>950 000`, `2025 1 350 000`, `Summa 2 700 000`.
# A row ends in its number (searched from the left: the longest number that ends the line); its label
# before that must end in a word (`Kommunens bidrag`) or be a year. (One regex for both backtracks
# quadratically on a long line.)
# (A separator starts at the first blank of its run, and runs are taken whole: a PDF line's long runs of
# spaces would otherwise be tried at every blank, over and over.)
_ROW_NUMBER = re.compile(
    r"(?<![ \t])(?:[ \t]*+:[ \t]*+|[ \t]++)"
    r"(?P<number>\d{1,3}(?:[ .]\d{3})+|(?!(?:19|20)\d\d\b)\d{4,})(?:,\d+)?[ \t]*(?:kr|kronor|sek|:-)?[ \t]*$", re.M
)
_ROW_LABEL = re.compile(r"[^\n]*[a-z0-9)][^\n\d]*|(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class _Row:
    start: int
    label: str
    number_start: int
    number_end: int
    number: str


def _table_row(folded: str, start: int, end: int) -> _Row | None:
    """Give the row a short line is (label, then a bare number at its end), or None."""
    pos = start
    while m := _ROW_NUMBER.search(folded, pos, end):
        label = folded[start:m.start()]
        if label and _ROW_LABEL.fullmatch(label):
            return _Row(start, label, m.start("number"), m.end("number"), m["number"])
        pos = m.start() + 1
    return None


# A table row ends in a number (maybe with its unit) within 200 characters of the line's start. Found
# from that end, which starts with a digit, so that re jumps from digit to digit.
_ROW_END = re.compile(r"\d[ \t]*(?:kr|kronor|sek|:-)?[ \t]*$", re.M)


def _table_lines(folded: str) -> Iterator[tuple[int, int]]:
    """Give (start, end) of each line that ends in a number, the number within 200 characters.

    >>> t = "ar\\tbelopp\\n2025\\t1 350 000 kr\\nprosa utan tal\\n7\\n"
    >>> [t[s:e] for s, e in _table_lines(t)]
    ['2025\\t1 350 000 kr']
    """
    for end in _ROW_END.finditer(folded):
        line_start = folded.rfind("\n", 0, end.start()) + 1
        if 1 <= end.start() - line_start <= 200:
            yield line_start, end.end()
_TABLE_UNIT = re.compile(r"\b(?:belopp|kronor|kr|sek|tkr|ksek|mnkr|msek|tusental kronor|miljoner kronor)\b")
_TABLE_MULTIPLIER = (("tkr", 1000), ("ksek", 1000), ("tusental", 1000), ("mnkr", 10**6), ("msek", 10**6),
                     ("miljoner", 10**6))
_SUM_LABEL = re.compile(r"\s*(?:summa|totalt|total|sammanlagt|sammanlagd)\b")
_YEAR_LABEL = re.compile(r"\s*(?:[a-z ]*\s)?((?:19|20)\d\d)\s*$")


def _table_amounts(folded: str, found: list[AmountMatch]) -> list[AmountMatch]:
    """Give the amounts of table rows whose number has no unit of its own, the unit being in the
    table's header (`Belopp (kr)`), with per and role from the row label and the caption.

    >>> t = "finansiering per ar\\tkronor\\nkommunens bidrag\\t950 000\\nforeningens egen insats\\t310 000\\nsumma\\t1 260 000\\n"
    >>> [(a.sek, a.per, a.role) for a in _table_amounts(t, [])]
    [(950000, 'year', 'public_contribution'), (310000, 'year', 'civil_contribution'), (1260000, 'year', 'total')]
    >>> t = "utbetalningsplan:\\nar\\tbelopp (kr)\\n2025\\t1 350 000\\n2026\\t1 350 000\\nsumma\\t2 700 000\\n"
    >>> [(a.sek, a.per, a.role) for a in _table_amounts(t, [])]
    [(1350000, 'year', 'public_contribution'), (1350000, 'year', 'public_contribution'), (2700000, 'total', 'public_contribution')]
    """
    taken = {(a.start, a.end) for a in found}
    rows = []
    for line_start, line_end in _table_lines(folded):  # a row is short: long lines are prose, never tried
        row = _table_row(folded, line_start, line_end)
        if row and not any(s <= row.number_start < e for s, e in taken) and not _PER_OTHER_AFTER.match(folded, line_end):
            rows.append(row)
    blocks: list[list[_Row]] = []
    for row in rows:
        if blocks and folded.count("\n", blocks[-1][-1].number_end, row.start) <= 1:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    result = []
    for block in blocks:
        head_start = block[0].start
        for _ in range(4):
            head_start = folded.rfind("\n", 0, max(0, head_start - 1)) + 1
        header = folded[head_start:block[0].start]
        if not _TABLE_UNIT.search(header):
            continue  # statistics, not money
        # The column header (the line just above the rows) scales the numbers: `Belopp (tkr)`.
        column_header = folded[folded.rfind("\n", 0, max(0, block[0].start - 1)) + 1:block[0].start]
        multiplier = next((m for word, m in _TABLE_MULTIPLIER if re.search(rf"\b{word}\b", column_header)), 1)
        yearly_caption = bool(_YEAR_IN_SENTENCE.search(header))
        year_rows = [r for r in block if _YEAR_LABEL.fullmatch(r.label)]
        # The caption is the short line or two above the rows, not the prose before them.
        caption = " ".join(line for line in header.splitlines()[-2:] if len(line) < 80)
        caption_role, how = _role(re.sub(r"\s+", " ", caption), "")
        year_role = caption_role if how != "default" and caption_role != "total" else "public_contribution"
        for row in block:
            label = re.sub(r"\s+", " ", row.label).strip()
            sek = int(re.sub(r"\D", "", row.number)) * multiplier
            if not sek:
                continue
            if _SUM_LABEL.match(label):
                if year_rows:
                    per, role = "total", year_role
                else:
                    per, role = ("year" if yearly_caption else None), "total"
            elif row in year_rows:
                per, role = "year", year_role
            else:
                role, how = _role(label, "")
                if how == "default":
                    role = caption_role if caption_role != "other" else "other"
                per = "year" if yearly_caption or _YEAR_IN_SENTENCE.search(label) else None
            result.append(AmountMatch(row.number_start, row.number_end, sek, per, role, "cue"))
    return result


def _per(folded: str, start: int, end: int, sentence_start: int, sentence_end: int, role: str, after: str) -> str | None:
    if _PER_OTHER_AFTER.match(after):
        return None
    if _PER_YEAR_AFTER.match(after):
        return "year"
    if _PER_TOTAL_AFTER.match(after) or role == "cost_to_date":
        return "total"
    if _YEAR_ROW_LABEL.fullmatch(folded, folded.rfind("\n", 0, start) + 1, start):
        return "year"
    sentence = re.sub(r"\s+", " ", folded[sentence_start:sentence_end])
    if _YEAR_IN_SENTENCE.search(sentence):
        return "year"
    if _TOTAL_IN_SENTENCE.search(sentence):
        return "total"
    return None


def _inherit_yearly(found: list[AmountMatch], folded: str) -> list[AmountMatch]:
    """Give the amounts with contributions that split a yearly total marked yearly too.

    `Omfattningen är 813 514 kr per kalenderår. Den finansieras av nämnden med 472 200 kr och ...
    341 314 kronor`: the parts are yearly because the total they split is.
    """
    result = []
    for i, amount in enumerate(found):
        if amount.per is None and amount.role in ("public_contribution", "civil_contribution"):
            for earlier in reversed(found[:i]):
                if amount.start - earlier.end > 400:
                    break
                if earlier.role == "total" and earlier.per:
                    amount = AmountMatch(amount.start, amount.end, amount.sek, earlier.per, amount.role, amount.how)
                    break
        result.append(amount)
    return result


def extract(doc: Document) -> list[Fact]:
    """Give an `amount` fact for each distinct sum in the document (record.md: listed once).

    A sum written several times is read once, from its most telling mention: one that names it an
    earlier level or a change, else the first with a cue, else the first.
    """
    facts = []
    for amount in _telling_mentions(locate(doc.text)):
        end = amount.end
        while end > amount.start and doc.text[end - 1] in " \t\n":
            end -= 1
        facts.append(doc.fact("amount", {"sek": amount.sek, "per": amount.per, "role": amount.role}, amount.start, end))
    return facts


_HOW_RANK = {"change": 0, "cue": 1, "default": 2}


def _telling_mentions(found: list[AmountMatch]) -> list[AmountMatch]:
    """Give one mention per sum, in the order the sums first appear.

    >>> ms = [AmountMatch(0, 1, 640, "year", "other", "default"), AmountMatch(5, 6, 640, None, "public_contribution")]
    >>> [(m.sek, m.per, m.role) for m in _telling_mentions(ms)]
    [(640, 'year', 'public_contribution')]
    """
    by_sek: dict[int, list[AmountMatch]] = {}
    for amount in found:
        by_sek.setdefault(amount.sek, []).append(amount)
    chosen = []
    for mentions in by_sek.values():
        best = min(mentions, key=lambda m: _HOW_RANK[m.how])
        if any(m.per == PART_YEAR for m in mentions):
            best = AmountMatch(best.start, best.end, best.sek, None, best.role, best.how)
        elif best.per is None:
            per = next((m.per for m in mentions if m.per), None)
            if per:
                best = AmountMatch(best.start, best.end, best.sek, per, best.role, best.how)
        chosen.append(best)
    return sorted(chosen, key=lambda m: m.start)
