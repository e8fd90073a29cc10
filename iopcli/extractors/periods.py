"""The agreement period, its notice (uppsägningstid) and its extension (förlängning).

period     {"start", "end", "stated_months"}: the agreement's own period, the proposed or new one,
           not an earlier one the text mentions (`det nuvarande partnerskapet löper ut den 31 mars
           2025`). Candidates, strongest first: a date range (`2023-01-01- 2025-12-31`, `1 april
           2025 till och med 31 dec 2025`, `fr.o.m. … t.o.m. …`), a month range (`september
           2015-augusti 2016`), a duration from a start (`tre (3) år från och med den 1 januari
           2016`), a start that runs `tillsvidare` (end None), whole years with a period cue
           (`avtalstiden 2023–2025`), an end alone (`upphör 31 december 2025`). Context moves
           them: `ny`, `föreslås`, `för perioden` up; `nuvarande`, `tidigare`, `löper ut` down.
           stated_months is the duration the text states (`löpa på i fem år` -> 60), kept beside
           the dates even when they disagree, so that a checker can flag it.
notice     {"months", "weeks"}: `Uppsägningstiden är då sex (6) månader`, `med tre månaders
           varsel`; weeks stay weeks (`minst sex veckor före`).
extension  {"kind", "step_months", "max_end", "notice_by"}: automatic renewal (`förlängs
           automatiskt med ett kalenderår i taget, dock som längst till 31 december 2027 … senaste
           den 30 september`) or an option (`möjlighet till förlängning ytterligare fem år`,
           `ett år i taget, högst två gånger`). max_end, when not stated, is the period end plus
           the step times the number of extensions (one unless stated).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from iopcli.extractors import sv
from iopcli.extractors.dates import find_dates, find_day_months, month_end, period_end
from iopcli.extractors.scan import WORD_OR_DIGIT, at, near, word_start
from iopcli.model import Document, Fact
from iopcli.text import folded as fold_text
from iopcli.text import fold

_NUMBER_WORDS = {fold(word): value for word, value in sv.NUMBER_WORDS.items() if value >= 1}
_NUMBER_ALT = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
NUM = rf"(?P<num>\d{{1,3}}|\b(?:{_NUMBER_ALT}))(?:\s*\(\s*\d{{1,3}}\s*\))?"
_YEARS = r"(?:kalenderar|verksamhetsar|avtalsar|ar)"
_MONTHS = r"(?:manader|manaders|manad)"
_WEEKS = r"(?:veckor|veckors|vecka)"
DURATION_RE = re.compile(rf"{NUM}\s+(?P<unit>{_YEARS}|{_MONTHS}|{_WEEKS})\b")

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in sv.MONTHS), key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
_RANGE_SEP = r"\s*(?:--?|–|—|till\s+och\s+med|t\.?\s?o\.?\s?m\.?|tom|till|fram\s+till)\s*(?:den\s+)?"
RANGE_SEP_RE = re.compile(rf"{_RANGE_SEP}|\s+och\s+(?:den\s+)?")
MONTH_RANGE_RE = re.compile(
    rf"\b(?P<m1>{_MONTH_ALT})\.?(?:\s+(?P<y1>{_YEAR}))?{_RANGE_SEP}(?P<m2>{_MONTH_ALT})\.?\s+(?P<y2>{_YEAR})\b"
)
DAY_MONTH_RANGE_RE = re.compile(
    rf"\b(?P<d1>[0-3]?\d)\s+(?P<m1>{_MONTH_ALT})\.?{_RANGE_SEP}(?P<d2>[0-3]?\d)\s+(?P<m2>{_MONTH_ALT})\.?\s+(?P<y2>{_YEAR})\b"
)
# scan.near for MONTH_RANGE_RE: its closing year stands within 100 characters of its start, a month's
# first letter after a boundary.
_YEAR_ANCHOR = re.compile(_YEAR)
_MONTH_START = re.compile("[" + "".join(sorted({m[0] for m in sv.MONTHS})) + r"](?<!\w.)")
YEAR_RANGE_RE = re.compile(rf"(?P<y1>(?:19|20)(?<![\d\-/.:]..)\d\d)\s*(?:-|–|—|--|till)\s*(?P<y2>{_YEAR})(?![\d\-/:]|\.\d)")
YEAR_RANGE_CUE_RE = re.compile(
    r"(?:avtalstid(?:en)?|avtalsperiod(?:en)?|perioden|period|aren|under|galler|gallande for|iop|overenskommelse\w*|"
    r"partnerskap\w*|avtal\w*)\s*(?:ar\s+)?(?:for\s+)?$"
)
START_CUE_RE = re.compile(
    r"(?:fran\s+och\s+med|fr\.?\s?o\.?\s?m\.?|from|fran|med\s+start|startar|borjar\s+galla|trad[ae]r?\s+i\s+kraft|"
    r"trada\s+i\s+kraft|galla\s+fran|galler\s+fran|mellan|perioden|(?:loper|galler|har\s+lopt|har\s+gallt)\s+sedan)"
    r"\s*(?:den\s+)?$"
)
# `upph[ode]r`: OCR reads the ö of upphör as d or é (`upphdr`).
END_CUE_RE = re.compile(
    r"(?:upph[ode]r|loper\s+ut|gall(?:er|a)\s+(?:till\s+och\s+med|t\.?\s?o\.?\s?m\.?|till|fram\s+till)|"
    r"giltig\w*\s+(?:till|t\.?\s?o\.?\s?m\.?)|slutdatum|avslutas|till\s+och\s+med|t\.?\s?o\.?\s?m\.?)\s*(?:den\s+)?$"
)
OPEN_ENDED_RE = re.compile(r"\btills?\s*vidare\b")
NEW_CUE_RE = re.compile(
    r"\b(?:nya?|foreslas|foreslar|tecknas|ingas|for\s+perioden|period\s+for|avtalstid\w*|avtalsperiod\w*|"
    r"loptid\w*|galler|ska\s+galla|att\s+galla|gallande\s+fran)\b"
)
_ENDS_JOINED = re.compile(r"\s+och\s+(?:loper\s+ut|upphor|galler\s+(?:till\s+och\s+med|t\.?\s?o\.?\s?m\.?|till))\s+(?:den\s+)?")
AGREEMENT_SUBJECT_RE = re.compile(r"\b(?:overenskommelsen|avtalet|partnerskapet|avtalstiden|avtalsperioden)\b")
OLD_CUE_RE = re.compile(
    r"\b(?:nuvarande|befintliga?|tidigare|foregaende|pagaende|loper\s+ut|lopte|(?<!loper\s)(?<!galler\s)(?<!gallt\s)(?<!lopt\s)sedan|forra|"
    r"senaste|gallde|upphorde)\b"
)
CAP_CUE_RE = re.compile(r"(?:langst|senast|hogst|maximalt|max)\s+(?:[\w.]+\s+){0,4}$")
# The latest end an extension can reach (`dock längst t.o.m. 2023-12-31`); `senast` there names a notice day.
MAX_END_CUE_RE = re.compile(r"(?:langst|hogst|maximalt|max|som\s+mest)\s+(?:[\w.]+\s+){0,4}$")
# `förlängs inte automatiskt`, `ingen automatisk förlängning`: the clause denies what it names.
NEGATED_RE = re.compile(r"\b(?:inte|ej|icke|ingen|inget|aldrig)\s+(?:\w+\s+){0,2}$")
# A sentence about another agreement: `Den överenskommelsen berörs inte av detta ärende och löper vidare`.
OTHER_AGREEMENT_RE = re.compile(
    r"\b(?:berors\s+inte|paverkas\s+inte|omfattas\s+inte|avser\s+inte|den\s+overenskommelsen|det\s+avtalet|"
    r"den\s+andra\s+overenskommelsen|det\s+andra\s+avtalet|sex\s+av\s+dem|av\s+dem)\b"
)
# `någon ytterligare möjlighet till förlängning finns inte`: the agreement cannot be extended again.
NO_FURTHER_RE = re.compile(
    word_start(r"ingen\s+(?:ytterligare\s+)?(?:mojlighet\s+till\s+)?forlangning\w*\s+(?:finns|ges|medges)\s+inte\b",
               r"nagon\s+(?:ytterligare\s+)?(?:mojlighet\s+till\s+)?forlangning\w*\s+(?:finns|ges|medges)\s+inte\b",
               r"ingen\s+ytterligare\s+(?:mojlighet\s+till\s+)?forlangning\b", r"kan\s+inte\s+forlangas\s+ytterligare\b")
)
REPORT_RE = re.compile(r"\b(?:redovisas|rapporteras|statistik\w*|ska\s+redovisa\w*|aterrapport\w*)\b")
MONEY_RE = re.compile(r"\d\s*(?:kr\b|kronor|tkr|mnkr|sek\b)|\bbetalas\b")
# Words that make `löper vidare` a renewal rather than a mention of going on.
RENEWAL_TERMS_RE = re.compile(r"\b(?:i\s+taget|i\s+sander|at\s+gangen|om\s+(?:\w+\s+){0,3}(?:inte|ingen|ej)|utan\s+uppsagning)\b")
NOTICE_CUE = r"(?:uppsagningstid\w*|uppsagning\w*|varsel\w*|sag(?:s|as|a|er)\s+upp|avsag\w*)"
AUTO_RE = re.compile(
    r"automati\w*|loper\s+(?:darefter\s+)?vidare|annars\s+forlangs|"
    r"om\s+(?:\w+\s+){0,2}(?:inte|ej|ingen)\s+(?:\w+\s+){0,3}sag(?:s|as|er)\s+upp[^.]{0,160}?forlangs|forlangs\s+(?:darefter\s+|sedan\s+)?(?:med\s+)?[\w()\s,]{0,50}?"
    r"(?:om\s+(?:\w+\s+){0,2}(?:inte|ingen|ej)|savida\s+(?:\w+\s+){0,2}(?:inte|ej)|utan\s+uppsagning)"
)
OPTION_RE = re.compile(
    r"mojlighet\w*\s+(?:till|att|for)\s+(?:\w+\s+)?forlang|(?:kan|kunna)\s+(?:[\w.]+\s+){0,5}forlangas|"
    r"kan\s+(?:\w+\s+){0,6}?(?:besluta\s+om\s+|komma\s+overens\s+om\s+att\s+)forlang\w*|"
    r"far\s+(?:darefter\s+)?forlangas|option\w*|ratt\s+att\s+forlanga|gar\s+att\s+forlanga|forlangnings\w*"
)
TIMES_RE = re.compile(rf"(?:hogst|max(?:imalt)?|upp\s+till|vid)\s+{NUM}\s+(?:ganger|gang|tillfallen)")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One phrase that may state the agreement's period."""

    start: int
    end: int
    first: date | None
    last: date | None
    months: int | None
    score: int


def number_value(raw: str) -> int | None:
    """Give the number a numeral or Swedish number word names: `tre`, `sex (6)`, `12`; or None.

    >>> number_value("tre"), number_value("sex (6)"), number_value("12"), number_value("Två"), number_value("många")
    (3, 6, 12, 2, None)
    """
    word = fold(raw).split("(")[0].strip()
    if word.isdigit():
        return int(word)
    value = _NUMBER_WORDS.get(word)
    return int(value) if value else None


def duration_months(num: str, unit: str) -> int | None:
    """Give a duration in months for a number and a folded unit; None for weeks.

    >>> duration_months("tre", "ar"), duration_months("sex (6)", "manader"), duration_months("2", "veckor")
    (36, 6, None)
    """
    n = number_value(num)
    if n is None or unit.startswith("veck"):
        return None
    return n * 12 if unit.endswith("ar") else n


def extract(doc: Document) -> list[Fact]:
    """Give at most one period, one notice and one extension fact."""
    text = doc.text
    folded = fold_text(text)
    facts: list[Fact] = []
    period = best_period(text, folded)
    if period:
        value = {
            "start": period.first.isoformat() if period.first else None,
            "end": period.last.isoformat() if period.last else None,
            "stated_months": period.months if period.months is not None else stated_months(folded),
        }
        facts.append(doc.fact("period", value, period.start, period.end))
    notice = find_notice(folded)
    if notice:
        start, end, value = notice
        facts.append(doc.fact("notice", value, start, end))
    extension = find_extension(text, folded, period)
    if extension:
        start, end, value = extension
        facts.append(doc.fact("extension", value, start, end))
    return facts


def best_period(text: str, folded: str | None = None) -> Candidate | None:
    """Give the candidate most likely to be the agreement's own period, or None.

    >>> c = best_period("Avtalet löper ut den 31 december 2024. Det nya gäller 2025-01-01- 2030-12-31.")
    >>> c.first.isoformat(), c.last.isoformat()
    ('2025-01-01', '2030-12-31')
    """
    folded = folded if folded is not None else fold_text(text)
    candidates = period_candidates(text, folded)
    best = max(candidates, key=lambda c: (c.score, -c.start), default=None)
    if best and best.first is None and best.last:
        return _with_start(text, folded, best, candidates)
    return best


def _with_start(text: str, folded: str, end_only: Candidate, candidates: list[Candidate]) -> Candidate:
    """Give an end-only period (`Den gäller nu till och med den 31 december 2025`) the start that the
    document states apart (`Överenskommelsen löper sedan den 1 januari 2022`), unless the end is an
    extension's, whose period starts where the old one ended.
    """
    s_start, s_end = _sentence(text, end_only.start)
    if re.search(r"forlang", folded[s_start:s_end]):
        return end_only
    starts = [c for c in candidates if c.first and c.last is None and c.first < end_only.last and c.score >= 15
              and not OPEN_ENDED_RE.search(folded, c.start, c.end)]
    if not starts:
        return end_only
    start = max(starts, key=lambda c: (c.score, -c.start))
    return Candidate(min(start.start, end_only.start), max(start.end, end_only.end), start.first, end_only.last,
                     end_only.months, end_only.score)


_DAY_START = re.compile(r"\d(?<!\w\d)")  # where DAY_MONTH_RANGE_RE can start: `\b` and a digit


def period_candidates(text: str, folded: str) -> list[Candidate]:
    """Give every phrase that may state a period, each scored by its form and its sentence."""
    dates = [d for d in find_dates(text) if not _inside_case_number(text, d[0], d[1])]
    found: list[Candidate] = []
    used: set[int] = set()

    def add(start: int, end: int, first: date | None, last: date | None, months: int | None, weight: int) -> None:
        if first and last and not (first < last and (last - first).days < 366 * 25):
            return
        score = weight + _context_score(text, folded, start, end)
        if first and last and (last - first).days < 80:
            score -= 25
        found.append(Candidate(start, end, first, last, months, score))

    # Date ranges: two dates with a range word between them.
    for (s1, e1, d1), (s2, e2, d2) in zip(dates, dates[1:]):
        between = folded[e1:s2]
        plain_och = re.fullmatch(r"\s+och\s+(?:den\s+)?", between)  # `och` joins a range only after `mellan`
        if _ENDS_JOINED.fullmatch(between) and START_CUE_RE.search(folded[max(0, s1 - 40):s1]):  # `gällt sedan den 1 januari 2024 och löper ut den 31 december 2025`
            add(s1, e2, d1, d2, None, 60 + 25)  # (its own `löper ut` is no sign of an old agreement)
            used.update((s1, s2))
        elif RANGE_SEP_RE.fullmatch(between) and (not plain_och or "mellan" in folded[max(0, s1 - 12):s1]):
            start, months = _duration_before(folded, s1)
            add(min(start, s1), e2, d1, d2, months, 60)
            used.update((s1, s2))
    for m in at(DAY_MONTH_RANGE_RE, folded, _DAY_START):
        if m.start() in used:
            continue
        year = int(m["y2"])
        m1, m2 = sv.MONTHS[m["m1"]], sv.MONTHS[m["m2"]]
        first = _safe(year - (m1 > m2), m1, int(m["d1"]))
        last = _safe(year, m2, int(m["d2"]))
        add(m.start(), m.end(), first, last, None, 60)
        used.add(m.start())
    for m in near(MONTH_RANGE_RE, folded, _YEAR_ANCHOR, 100, _MONTH_START):
        y2 = int(m["y2"])
        m1, m2 = sv.MONTHS[m["m1"]], sv.MONTHS[m["m2"]]
        y1 = int(m["y1"]) if m["y1"] else y2 - (m1 > m2)
        if any(s <= m.start() < e for s, e, _ in dates):
            continue
        add(m.start(), m.end(), date(y1, m1, 1), month_end(y2, m2), None, 55)
    # Durations from a start: `tre år från och med 2023-01-01` (unless a range already ends it).
    for s, e, d in dates:
        if s in used:
            continue
        before = folded[max(0, s - 40):s]
        cue = START_CUE_RE.search(before)
        if not cue:
            continue
        start, months = _duration_before(folded, s - len(before) + cue.start())
        after_start, after_months = _duration_after(folded, e)
        months = months or after_months
        sentence_end = _sentence(text, s)[1]
        if months:
            add(min(start, s), max(e, after_start), d, period_end(d, months), months, 50)
        elif OPEN_ENDED_RE.search(folded, e, sentence_end):
            add(s, OPEN_ENDED_RE.search(folded, e, sentence_end).end(), d, None, None, 45)
        elif re.search(r"overenskommelse|avtal|partnerskap|iop|galla|galler|kraft", folded[_sentence(text, s)[0]:sentence_end]):
            add(s, e, d, None, None, 15)
    # Whole years with a period cue: `avtalstiden 2023–2025`.
    for m in YEAR_RANGE_RE.finditer(folded):
        if YEAR_RANGE_CUE_RE.search(folded[max(0, m.start() - 30):m.start()]):
            add(m.start(), m.end(), date(int(m["y1"]), 1, 1), date(int(m["y2"]), 12, 31), None, 40)
    # An end alone: `upphör 31 december 2025`, `gäller till och med 2025-12-31`.
    for s, e, d in dates:
        if s in used or any(c.start <= s < c.end for c in found):
            continue
        before = folded[max(0, s - 40):s]
        if END_CUE_RE.search(before) and not CAP_CUE_RE.search(before):
            add(s, e, None, d, None, 20)
    return found


def stated_months(folded: str) -> int | None:
    """Give the agreement's duration as the text states it (`löpa på i fem år`), in months.

    >>> stated_months(fold("Den nya överenskommelsen föreslås löpa på i fem år med möjlighet till förlängning i ytterligare fem år."))
    60
    >>> stated_months(fold("personer som är under 21 år")) is None
    True

    A notice period is no duration, however the sentence runs:

    >>> stated_months(fold("Vid uppsägning gäller en uppsägningstid om sex månader.")) is None
    True
    >>> stated_months(fold("Överenskommelsen gäller med sex månaders ömsesidig uppsägningstid.")) is None
    True
    """
    for m in DURATION_RE.finditer(folded):
        months = duration_months(m["num"], m["unit"])
        if not months or months > 120:
            continue
        before = folded[max(0, m.start() - 45):m.start()]
        after = folded[m.end():m.end() + 25]
        if re.search(r"(?:ytterligare|forlang\w*|i\s+taget|senaste|sedan|over|upp\s+till|de)\s+(?:\w+\s+)?$", before):
            continue
        if re.match(r"\s+(?:i\s+taget|at\s+gangen|eller\s+(?:yngre|aldre)|gaml|sedan|innan|fore)", after):
            continue
        # `en uppsägningstid om sex månader`, `sex månaders uppsägningstid`: the notice, not the term.
        if re.search(r"(?:uppsag\w*|varsel\w*|sags\s+upp)\s+(?:\w+\s+){0,2}$", before) or \
                re.match(r"s?\s+(?:\w+\s+)?(?:uppsag\w*|varsel)", after):
            continue
        if re.search(r"(?:galler|galla|lopa|loper|loptid\w*|avtalstid\w*|period\w*|tecknas|ingas|overenskommelse\w*|"
                     r"partnerskap\w*|avtal\w*)\b[^.]{0,25}$", before):
            return months
    return None


_NOTICE_CUE_RE = re.compile(NOTICE_CUE)
_NOTICE_RES = (
    re.compile(rf"{NUM}\s+(?P<unit>{_MONTHS}|{_WEEKS})\s+(?:\w+\s+)?{NOTICE_CUE}"),
    re.compile(rf"{NOTICE_CUE}(?:[^.\d]{{0,60}}?)\b{NUM}\s+(?P<unit>{_MONTHS}|{_WEEKS})\b"),
    # `uppsägningen ska ske senast den 30 juni 2025, dvs. sex månader före avtalstidens slut`
    re.compile(rf"{NOTICE_CUE}[^\n]{{0,120}}?\b{NUM}\s+(?P<unit>{_MONTHS}|{_WEEKS})\s+(?:fore|innan)\s+"
               r"(?:avtals\w*|overenskommelsens\s+\w+|avtalets\s+\w+|periodens|den\s+lopande\s+\w+)\s*(?:slut|utgang|upphorande)?"),
)
_MONTH_OR_WEEK = re.compile("manad|veck")  # scan.near's anchor for the first form: its unit


def find_notice(folded: str) -> tuple[int, int, dict] | None:
    """Give (start, end, {"months", "weeks"}) for the notice period, or None.

    >>> find_notice(fold("Uppsägningstiden är då sex (6) månader."))[2]
    {'months': 6, 'weeks': None}
    >>> find_notice(fold("kan sägas upp med tre månaders varsel"))[2], find_notice(fold("minst sex veckors uppsägningstid"))[2]
    ({'months': 3, 'weeks': None}, {'months': None, 'weeks': 6})
    """
    if not _NOTICE_CUE_RE.search(folded):
        return None  # every form holds the cue
    for pattern in _NOTICE_RES:
        found = near(pattern, folded, _MONTH_OR_WEEK, 40, WORD_OR_DIGIT) if pattern is _NOTICE_RES[0] else pattern.finditer(folded)
        for m in found:
            n = number_value(m["num"])
            if n is None or n > 24:
                continue
            if m["unit"].startswith("veck"):
                return m.start(), m.end(), {"months": None, "weeks": n}
            return m.start(), m.end(), {"months": n, "weeks": None}
    return None


def find_extension(text: str, folded: str, period: Candidate | None) -> tuple[int, int, dict] | None:
    """Give (start, end, value) for the extension clause that fits the period best, or None.

    >>> t = "Därefter förlängs avtalet automatiskt med ett kalenderår i taget, dock som längst till 31 december 2027, om inte det sägs upp senaste den 30 september."
    >>> find_extension(t, fold(t), None)[2]
    {'kind': 'automatic', 'step_months': 12, 'max_end': '2027-12-31', 'notice_by': '09-30'}
    """
    if NO_FURTHER_RE.search(folded):
        return None
    best = None
    for kind, pattern, weight in (("automatic", AUTO_RE, 20), ("option", OPTION_RE, 10)):
        for m in pattern.finditer(folded):
            s_start, s_end = _sentence(text, m.start())
            score = weight
            if period and s_start <= period.start < s_end:
                score += 10
            if OLD_CUE_RE.search(folded, s_start, m.start()) or re.search(r"i\s+stallet\s+for", folded[s_start:m.start()]):
                score -= 15
            if not re.search(r"forlang|automati|vidare", folded[m.start():m.end() + 40]):
                continue
            negation_from = max(s_start, m.start() - 30)
            but = list(re.finditer(r"\bmen\b", folded[negation_from:m.start()]))
            if but:  # `Den förlängs inte automatiskt men kan förlängas`: the negation stops at `men`
                negation_from += but[-1].end()
            if NEGATED_RE.search(folded, negation_from, m.start()) or re.match(r"\s*(?:inte|ej)\b", folded[m.end():]):
                continue  # `förlängs inte automatiskt`: no extension
            if re.search(r"\bforlangdes\b", folded[s_start:m.end() + 10]):
                score -= 15  # `förlängdes den automatiskt med ett år`: what happened, not the clause
            if OTHER_AGREEMENT_RE.search(folded, s_start, s_end):
                continue  # a sentence about another agreement
            if kind == "automatic" and "vidare" in m[0] and not RENEWAL_TERMS_RE.search(folded, s_start, s_end):
                continue  # `löper vidare 2019`: goes on, no renewal term

            value = _extension_value(text, folded, kind, m.start(), s_end, period, s_start)
            if value["step_months"] is None and kind == "option" and value["max_end"] is None:
                score -= 5
            if best is None or score > best[0]:
                best = (score, s_start, s_end, value)
    if best is None:
        return None
    _, start, end, value = best
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, value


def _extension_value(text: str, folded: str, kind: str, cue: int, sentence_end: int, period: Candidate | None,
                     sentence_start: int | None = None) -> dict:
    step = None
    renewal = folded.find("forlang", cue, sentence_end)  # `Om den inte sägs upp fyra månader före …, förlängs den med 24 månader`
    for m in DURATION_RE.finditer(folded, renewal if renewal >= 0 else cue, sentence_end):
        step = duration_months(m["num"], m["unit"])
        if step:
            break
    times = TIMES_RE.search(folded, cue, sentence_end)
    count = number_value(times["num"]) if times else 1
    max_end = None
    for s, e, d in find_dates(text[cue:sentence_end]):
        if MAX_END_CUE_RE.search(folded[max(cue, cue + s - 30):cue + s]) or re.search(r"t\.?\s?o\.?\s?m\.?\s*$|till\s+och\s+med\s*$", folded[cue:cue + s]):
            renewed_end = kind == "automatic" and not MAX_END_CUE_RE.search(folded[max(cue, cue + s - 30):cue + s]) and \
                DURATION_RE.search(folded, cue, cue + s)  # `förlängs den automatiskt med två år, till och med …`
            if not re.search(r"\bdarefter\b[^.]*\bi\s+taget\b", folded[cue + e:sentence_end]) and not renewed_end:
                max_end = d
            break
    if max_end is None and sentence_start is not None:
        # `dock längst t.o.m. 2023-12-31 kan det förlängas`: a cap before the cue needs its own cap word
        # (a bare `t.o.m.` there is the period's own end).
        for s, e, d in find_dates(text[sentence_start:cue]):
            at = sentence_start + s
            if MAX_END_CUE_RE.search(folded[max(sentence_start, at - 30):at]):
                max_end = d
    # An option ends after its steps; one repeated `ett år i taget` without a cap or a count, and an
    # automatic renewal without a cap, have no end.
    repeated = re.search(r"\b(?:i\s+taget|i\s+sander|at\s+gangen)\b", folded[cue:sentence_end]) and not times
    if max_end is None and kind == "option" and step and period and period.last and not repeated:
        max_end = _add(period.last, step * (count or 1))
    cap = re.search(rf"\b(?:dock|men|sammanlagt)\s+(?:som\s+)?(?:hogst|langst|maximalt|max)\s+{NUM}\s+(?P<unit>{_YEARS}|{_MONTHS})\b",
                    folded[cue:sentence_end])
    if max_end is None and cap and repeated and period and period.last:
        max_end = _add(period.last, duration_months(cap["num"], cap["unit"]) or 0)  # `ett år i taget, dock högst två år`
    notice_by = None
    next_end = _sentence(text, sentence_end + 1)[1] if sentence_end < len(text) else sentence_end
    for s, e, month, day in find_day_months(text[cue:next_end]):
        own_line = folded[max(cue, folded.rfind("\n", 0, cue + s) + 1, folded.rfind(". ", 0, cue + s) + 1):cue + s]
        if cue + s > sentence_end and not re.search(r"beslut|uppsag|sag\w*\s+upp|forlang|avsluta", own_line):
            continue  # `Församlingen lämnar en verksamhetsberättelse senast den 31 mars`: another duty's day
        if re.search(r"senast\w*\s*$|fore\s*$", folded[max(cue, cue + s - 12):cue + s]):
            notice_by = f"{month:02d}-{day:02d}"
            break
    if notice_by is None and kind == "automatic":
        for s, e, d in find_dates(text[cue:sentence_end]):
            if re.search(r"senast\w*\s*(?:den\s*)?$", folded[max(cue, cue + s - 16):cue + s]):
                notice_by = f"{d.month:02d}-{d.day:02d}"
                break
    if notice_by is None and sentence_start and re.match(r"\s*(?:annars|i\s+annat\s+fall|om\s+sa\s+inte\s+sker)\b",
                                                         folded[sentence_start:]):
        # `Uppsägningen ska ske senast den 30 juni 2025. Annars förlängs …`: the notice day stands before
        previous_start = _sentence(text, max(0, sentence_start - 2))[0]
        if re.search(NOTICE_CUE, folded[previous_start:sentence_start]):
            for s, e, d in find_dates(text[previous_start:sentence_start]):
                if re.search(r"senast\w*\s*(?:den\s*)?$", folded[max(previous_start, previous_start + s - 16):previous_start + s]):
                    notice_by = f"{d.month:02d}-{d.day:02d}"
                    break
    return {"kind": kind, "step_months": step, "max_end": max_end.isoformat() if max_end else None,
            "notice_by": notice_by}


def _add(end: date, months: int) -> date:
    """Give the end `months` later: a month end stays a month end.

    >>> _add(date(2030, 12, 31), 60), _add(date(2025, 2, 28), 12)
    (datetime.date(2035, 12, 31), datetime.date(2026, 2, 28))
    """
    start = date(end.year, end.month, end.day)
    if end == month_end(end.year, end.month):
        total = end.year * 12 + end.month - 1 + months
        return month_end(total // 12, total % 12 + 1)
    return period_end(start, months)


def _duration_before(folded: str, position: int) -> tuple[int, int | None]:
    """Give (start, months) of a duration just before a start phrase: `tre år från och med`."""
    found = None
    for m in DURATION_RE.finditer(folded, max(0, position - 45), position):
        found = m  # the last duration before the start phrase
    if found and re.fullmatch(r"[\s,]*(?:raknat\s*)?(?:(?:fran\s+och\s+med|fr\.?\s?o\.?\s?m\.?|from|fran|med\s+start|raknat\s+fran)\s*(?:den\s+)?)?",
                              folded[found.end():position]):
        months = duration_months(found["num"], found["unit"])
        if months:
            return found.start(), months
    return position, None


def _duration_after(folded: str, position: int) -> tuple[int, int | None]:
    """Give (end, months) of a duration just after a start: `1 januari 2025 och löpa på i fem år`."""
    m = re.compile(rf"[\s,]*(?:och\s+)?(?:\w+\s+){{0,4}}?(?:under|i|pa|om)\s+{NUM}\s+(?P<unit>{_YEARS}|{_MONTHS})\b").match(folded, position)
    if m and not re.search(r"ytterligare|forlang", m[0]):
        return m.end(), duration_months(m["num"], m["unit"])
    return position, None


def _context_score(text: str, folded: str, start: int, end: int) -> int:
    s_start, s_end = _sentence(text, start)
    before = folded[s_start:start]
    score = 0
    if NEW_CUE_RE.search(folded, s_start, s_end):
        score += 15
    if AGREEMENT_SUBJECT_RE.search(before):
        score += 5  # `Överenskommelsen gäller under perioden …` over `För perioden … utgår 125 000:-`
    if OLD_CUE_RE.search(before) or OLD_CUE_RE.search(folded, start, min(s_end, end + 25)):
        score -= 25
    if (MONEY_RE.search(folded, s_start, s_end) or REPORT_RE.search(folded, s_start, s_end)) and not re.search(
            r"\b(?:overenskommelsen|avtalet|partnerskapet|avtalstiden|avtalsperioden|galler|galla|gala)\b", folded[s_start:s_end]):
        score -= 20  # `För perioden september–december 2025 betalas 600 000 kronor ut`: a payment's or a report's months
    return score


def _sentence(text: str, position: int) -> tuple[int, int]:
    """Give (start, end) of the sentence, list item or paragraph that holds position."""
    boundary = re.compile(r"[.!?](?=\s+[A-ZÅÄÖ§])|\n\s*\n|\n(?=\s*(?:\d+\.|[-•*–]|§)\s)")
    start = 0
    # (the search runs a little past position: `. Annars` ends a sentence only with the capital in view)
    for m in boundary.finditer(text, max(0, position - 600), min(len(text), position + 2)):
        if m.end() <= position:
            start = m.end()
    m = boundary.search(text, position)
    return start, m.start() + 1 if m else len(text)


def _inside_case_number(text: str, start: int, end: int) -> bool:
    return bool(re.search(r"[A-ZÅÄÖ]{2,5}[ \-/.:=]?$", text[max(0, start - 6):start]))


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
