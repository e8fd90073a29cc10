"""Duties: dated ones (deadline) and ones that repeat (recurring), with what and who.

deadline   `Återrapport till social- och omsorgsnämnden sker under första kvartalet 2025` -> 2025-03-31
           (a quarter ends on its last day; OCR `férsta kvartalet`), `under tredje kvartalet 2025`,
           `senast den 15 december 2017`, `ska vara inkommen senast 2025-03-31`.
recurring  `Operativa möten, två ggr/år` (2), `minst en gång per termin` (2), `efter varje tertial` (3),
           `kvartalsvis` (4), `varje månad` (12), `årligen utvärdera överenskommelsen` (1),
           `senast den 31 mars varje år` (1, day 03-31).
`what` is a short label taken from the sentence (`Utvärdering av överenskommelsen`, `Utbetalning i
januari`); `party` is who the sentence says does it (`Social- och omsorgsförvaltningen ansvarar för`).
Notice and renewal clauses (`sägs upp senast den 30 september respektive år`) are periods, not duties.
"""
from __future__ import annotations

import functools
import re
from datetime import date

from iopcli.extractors import sv
from iopcli.extractors.dates import find_dates, find_day_months, month_end, quarter_end
from iopcli.model import Document, Fact
from iopcli.text import fold as fast_fold
from iopcli.text import fold, fuzzy_pattern
from iopcli.text import folded as fold_text

_MONTH_NAMES = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
                "oktober", "november", "december")

# ------------------------------------------------------------------------------------- sentences

# A sentence ends at `. A`, `.` at the end, a blank line, a line that starts a list, ` - A`, `:` at a
# line's end, a tab. Written to start with a set of rare characters, so that re jumps between them:
# ` - A` is found at its dash (_sentences() moves that back to the space before it).
_SENTENCE_END = re.compile(
    r"[.!?\n\-•:\t](?:(?<=[.!?])(?=\s+[A-ZÅÄÖ0-9\-•§])|(?<=[.!?])\s*$|(?<=\n)[ \t]*\n|(?<=\n)(?=[ \t]*[-•*–]\s)"
    r"|(?<=[\n\t])[-•]\s(?=[A-ZÅÄÖ])|(?<=[^\S\n\t][-•])\s(?=[A-ZÅÄÖ])|(?<=:)\s*\n|(?<=\t))"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Give (start, end) of each sentence or list item of text, whitespace trimmed.

    The deadlines and the recurring duties both cut the same document: its cut is remembered.

    >>> text = "Möten sker två ggr/år. Återrapport sker 2025.\\n\\n- Punkt ett"
    >>> [text[s:e] for s, e in sentences(text)]
    ['Möten sker två ggr/år.', 'Återrapport sker 2025.', '- Punkt ett']
    """
    return list(_sentences(text))


@functools.lru_cache(maxsize=4)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    bounds = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        first = text[m.start()]
        end = m.start() + (1 if first in ".!?" else -1 if first in "-•" else 0)
        bounds.append((start, end))
        start = m.end() if first not in ".!?" else m.start() + 1
    bounds.append((start, len(text)))
    trimmed = []
    for s, e in _split_headings(text, bounds):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return tuple(trimmed)


# A heading line with no full stop runs into the sentence below it (`Uppföljning` / `Föreningen lämnar …`).
_HEADING_LINE = re.compile(r"(?m)^[ \t]*(?:§[ \t]*\d+[ \t]*|\d+\.[ \t]*)?[A-ZÅÄÖ][\w-]*(?:[ \t]+[\w-]+){0,2}[ \t]*\n(?=[ \t]*[A-ZÅÄÖ])")


def _split_headings(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Give the sentence bounds with a heading line at the start of a sentence made its own sentence.

    >>> t = "Uppföljning\\nFöreningen lämnar en rapport varje år."
    >>> [t[s:e] for s, e in _split_headings(t, [(0, len(t))])]
    ['Uppföljning\\n', 'Föreningen lämnar en rapport varje år.']
    """
    result = []
    for s, e in bounds:
        m = _HEADING_LINE.match(text, s, e)
        while m and m.end() < e:
            result.append((s, m.end()))
            s = m.end()
            m = _HEADING_LINE.match(text, s, e)
        result.append((s, e))
    return result


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ----------------------------------------------------------------------------------------- who

_WHO_WORD = (r"[a-z]*(?:forvaltningen|namnden|jouren|jourerna|foreningen|foreningarna|kommunen|staden|regionen|"
             r"organisationen|organisationerna|parterna|styrelsen|partnern|stiftelsen)")
_WHO_RE = re.compile(
    r"(?<!till )(?<!av )(?<!for )(?<!med )(?<!hos )(?<!- och )(?<![\w-])"
    rf"((?:[a-z]+-\s+(?:och|samt)\s+)?(?:[a-z]*(?:jouren|foreningen|forvaltningen)\s+(?:och|samt)\s+)?{_WHO_WORD})"
    r"\s+(?:ansvarar|ska\b|skall\b|lamnar|redovisar|ar ansvarig|rapporterar|sammankallar|atar sig)"
)
_WHO_AFTER_RE = re.compile(
    r"\bvilket\s+((?:[a-z]+-\s+(?:och|samt)\s+)?[a-z]+(?:forvaltningen|namnden|jouren|jourerna|foreningen|kommunen))\s+ansvarar"
)


def who(sentence: str) -> str | None:
    """Give the party a sentence says does the duty, as written with a capital, or None.

    >>> who("Social- och omsorgsförvaltningen ansvarar för att årligen utvärdera överenskommelsen.")
    'Social- och omsorgsförvaltningen'
    >>> who("i form av årliga verksamhetsrapporter, vilket Socialförvaltningen ansvarar för.")
    'Socialförvaltningen'
    >>> who("Utbetalning sker en gång per år i januari månad.") is None
    True
    """
    sentence = _flat(sentence)
    folded = fast_fold(sentence)
    m = _WHO_RE.search(folded) or _WHO_AFTER_RE.search(folded)
    if not m or m[1] in ("kommunen", "parterna") and m.start(1) > 0 and folded[m.start(1) - 4:m.start(1)] == "och ":
        return None
    name = _flat(sentence[m.start(1):m.end(1)])
    return name[:1].upper() + name[1:]


# ------------------------------------------------------------------------------------ deadlines

_ORDINALS = {"forsta": 1, "1:a": 1, "andra": 2, "2:a": 2, "tredje": 3, "3:e": 3, "fjarde": 4, "4:e": 4, "sista": 4}
_QUARTER_RE = re.compile(
    r"\b(f[ode]rsta|andra|tredje|fjarde|sista|[1-4]:[ae])\s+kvartalet\s+(?:ar\s+|i\s+)?((?:19|20)\d\d)\b"
    r"|\b(?:kvartal|q)\s*([1-4])\s*(?:ar\s+)?[,-]?\s*((?:19|20)\d\d)\b"
)
_TERTIAL_RE = re.compile(r"\b(f[ode]rsta|andra|tredje|sista)\s+tertialet\s+((?:19|20)\d\d)\b")
_HALF_RE = re.compile(r"\b(f[ode]rsta|andra|sista)\s+halvaret\s+((?:19|20)\d\d)\b")
_YEAR = re.compile(r"(?:19|20)(?<!\d..)\d\d(?!\d)")
_DEADLINE_CUE_BEFORE = re.compile(
    r"\b(?:senast|senaste|innan|fore|forst|inom)\s+(?:(?:mandag|tisdag|onsdag|torsdag|fredag|lordag|sondag)(?:en)?\s+)?"
    r"(?:den\s+|per\s+)?$"
)
_DUTY_CUE = re.compile(
    r"\b(?:[a-z]*rapport\w*|[a-z]*redovis\w*|utvarder\w*|uppfolj\w*|[a-z]*berattelse\w*|lamna\w*|inkomm\w*|"
    r"inlamna\w*|skicka\w*|presentera\w*|avstamning\w*|ansok\w*|beslut\w*|mote|moten|revider\w*|tas fram|"
    r"upprattas|genomfor\w*|ska ske|skall ske|ansvarar|behover|tar\s+(?:[a-z]+\s+){0,6}fram|plan(?:en)?\b)"
)
# `hur många möten som ska hållas varje år`: a question about the duty, not the duty (when it comes first).
_ASKS_HOW_OFTEN = re.compile(r"\bhur\s+(?:manga|ofta)\b")
_DUTY_NOUN_RE = re.compile(
    r"\b((?:[a-z]*aterrapport\w*|[a-z]*rapport(?:en|er|erna|ering|eringen)?|[a-z]*redovisning\w*|[a-z]*berattelse\w*"
    r"|utvardering\w*|uppfoljning\w*|ansokan|avstamning\w*|budget|verksamhetsplan\w*|arsredovisning\w*))\b"
)
_WHAT_STOP = re.compile(
    r"\s+(?:ska|skall|sker|lamnas|ges|inkommer|inlamnas|kommer|bor|maste|lamnar|lamna|under|senast|senaste|"
    r"innan|fore|den|i form|efter|enligt|varje|arligen|per|en gang|tva|minst|via|genom|vilket|som)\b|[,.;:(]"
)


def _what_from_noun(sentence: str, folded: str, limit: int) -> str | None:
    """Give the duty noun of a sentence with its `om …`/`till …` complement: `Återrapport till nämnden`."""
    m = _DUTY_NOUN_RE.search(folded, 0, limit)
    if not m:
        return None
    stop = _WHAT_STOP.search(folded, m.end())
    end = min(stop.start() if stop else len(folded), m.end() + 90)
    label = _flat(sentence[m.start():end])
    return label[:1].upper() + label[1:] if label else None


# `i juni 2024`, `senast i oktober 2023`, `under december 2024`: a month alone ends on its last day.
_MONTH_YEAR_RE = re.compile(
    r"(?<![\d.])(?:\b(?:senast|senaste|innan|fore)\s+(?:i\s+|under\s+|till\s+)?|\b(?:i|under)\s+(?:borjan\s+av\s+|slutet\s+av\s+)?)"
    r"(?:manadsskiftet\s+)?(" + "|".join(_MONTH_NAMES) + r")\s+((?:19|20)\d\d)\b"
)
_PAST_EVENT = re.compile(
    r"\b(?:beslutade|beslutades|beslot|ingick|ingicks|antog|antogs|tecknade|tecknades|startade|startades|inleddes|"
    r"borjade|fattade|fattades|genomfordes|lamnade|lamnades|skedde|var|blev|hade|har|sedan|fran och med|fr\.o\.m\.?)\b"
)
# A duty set in a sentence that names a month alone: an obligation or a verb of handing in.
_DUTY_VERB = re.compile(
    r"\b(?:ska|skall|bor|maste|lamnar|lamnas|redovisar|redovisas|rapporterar|rapporteras|aterrapporterar|"
    r"aterrapporteras|inkommer|skickas|presenteras|genomfors|sker)\b"
)
# Words of notice, renewal or the period's end: a dated phrase, or a sentence, about them is not a duty.
_NOTICE_CONTEXT = re.compile(
    r"\b(?:sags upp|sagas upp|saga upp|sager upp|sags\s+\w+\s+upp|uppsag\w*|forlang(?!da\b)\w*|loper ut|upphor\w*|"
    r"galler till|galler fran|galler under|galler t\.?o\.?m|tradde i kraft|trader i kraft)\b"
)
# A sentence that sets a duty: a duty word, or an obligation (`Parterna ska senast den 31 mars 2021 inleda …`).
_OBLIGATION = re.compile(r"\b(?:ska|skall|bor|maste|aterkommer|aterkomma|atar sig)\b")


def _deadline_dates(sentence: str, folded: str) -> list[tuple[int, int, date]]:
    """Give (start, end, date) of each dated duty phrase in one sentence."""
    found = []
    for m in _QUARTER_RE.finditer(folded):
        if m[1]:
            # OCR reads `första` as `férsta`/`fdrsta`: any f?rsta is the first quarter.
            ordinal = 1 if re.fullmatch(r"f[ode]rsta", m[1]) else _ORDINALS[m[1]]
            year = int(m[2])
        else:
            ordinal, year = int(m[3]), int(m[4])
        found.append((m.start(), m.end(), quarter_end(ordinal, year)))
    for pattern, months in ((_TERTIAL_RE, 4), (_HALF_RE, 6)):
        for m in pattern.finditer(folded):
            ordinal = {"andra": 2, "tredje": 3}.get(m[1], 12 // months if m[1] == "sista" else 1)
            found.append((m.start(), m.end(), month_end(int(m[2]), ordinal * months)))
    for m in _MONTH_YEAR_RE.finditer(folded):
        if not m[0].startswith(("senast", "innan", "fore")) and _PAST_EVENT.search(folded, max(0, m.start() - 120), m.start()) \
                and not _OBLIGATION.search(folded, 0, m.start()):
            continue  # `beslutade kommunfullmäktige om riktlinjer … i januari 2016`: history, not a duty
            # (but `ska återrapportera hur partnerskapet har kommit igång … i januari 2025` is one)
        if not m[0].startswith(("senast", "innan", "fore")) and not _DUTY_VERB.search(folded):
            continue  # `Uppföljningen i februari 2025 visar att …`: a month named, no duty set
        found.append((m.start(), m.end(), month_end(int(m[2]), _MONTH_NAMES.index(m[1]) + 1)))
    for start, end, value in find_dates(sentence):
        if _DEADLINE_CUE_BEFORE.search(folded[max(0, start - 20):start]):
            found.append((start, end, value))
    return found


def _is_duty_date(folded: str, start: int) -> bool:
    """True when the dated phrase at `start` sets a duty: not a notice day, renewal or the period's end.

    >>> _is_duty_date("foreningen ska senast den 1 mars 2024 lamna en rapport", 15)
    True
    >>> _is_duty_date("overenskommelsen kan sagas upp senast den 30 juni 2025", 31)
    False
    """
    clause_start = max(folded.rfind(",", 0, start), folded.rfind(";", 0, start), start - 70, 0)
    if _NOTICE_CONTEXT.search(folded, clause_start, start):
        return False
    if _DUTY_CUE.search(folded) or _OBLIGATION.search(folded):
        return True
    return bool(re.match(r"[-•*–]?\s*(?:senast|senaste)\b", folded))  # a list item of duties: `- senast den …`


def find_deadlines(text: str) -> list[tuple[int, int, dict]]:
    """Give (start, end, value) for every dated duty in text.

    >>> [v["date"] for _, _, v in find_deadlines("Återrapport till nämnden sker under första kvartalet 2025.")]
    ['2025-03-31']
    >>> [v["date"] for _, _, v in find_deadlines("Överenskommelsen gäller till och med 2025-12-31.")]
    []
    >>> [v["date"] for _, _, v in find_deadlines("Föreningen lämnar en delrapport i juni 2024.")]
    ['2024-06-30']
    """
    result = []
    for s, e in sentences(text):
        sentence = text[s:e]
        if not _YEAR.search(sentence):
            continue  # every dated duty names its year (a day without one is a yearly duty)
        folded = fast_fold(sentence)
        if _ASKS_HOW_OFTEN.search(folded) and not re.search(r"aterrapport|redovis|rapport", folded):
            continue
        seen = set()
        for start, end, value in sorted(_deadline_dates(sentence, folded)):
            if value in seen or not _is_duty_date(folded, start):
                continue
            seen.add(value)
            what = _what_from_noun(sentence, folded, len(folded)) or _what_from_verb(sentence, folded, 0)
            result.append((s + start, s + end, {"date": value.isoformat(), "what": what or _flat(sentence[:start])[:80] or None,
                                                "party": who(sentence)}))
    return result


# ------------------------------------------------------------------------------------ recurring

_FREQ_UNITS = {"ar": 1, "aret": 1, "termin": 2, "terminen": 2, "halvar": 2, "halvaret": 2, "tertial": 3,
               "kvartal": 4, "kvartalet": 4, "manad": 12, "manaden": 12, "vecka": 52, "veckan": 52}
_COUNT_WORDS = {fold(word): value for word, value in sv.NUMBER_WORDS.items() if isinstance(value, int)}
_COUNT_FREQ_RE = re.compile(
    r"\b(\d{1,2}|" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)) + r")\s*(?:\(\d+\)\s*)?"
    r"(?:ganger|gang|ggr|g\.)\s*(?:/|per|om|i|varje)\s*(" + "|".join(sorted(_FREQ_UNITS, key=len, reverse=True)) + r")\b"
)
_LEXICON_FREQ = sorted(((fold(k), v) for k, v in sv.FREQUENCIES.items()), key=lambda kv: len(kv[0]), reverse=True)
_LEXICON_FREQ_RE = re.compile(
    r"\b(" + "|".join(fuzzy_pattern(k).replace(r"\ ", r"\s+") for k, _ in _LEXICON_FREQ) + r")\b"
)
_LEXICON_BY_PATTERN = [(re.compile(fuzzy_pattern(k).replace(r"\ ", r"\s+")), v) for k, v in _LEXICON_FREQ]
# Bare rates (`per år`) that follow a number or a sum are amounts, not duties.
_BARE_RATES = ("per ar", "per manad", "per kvartal", "per termin", "varje ar", "tertial")
_SUM_OR_COUNT_BEFORE = re.compile(
    r"(?:\d|kr|kronor|sek|timmar|tkr|mkr|:-)\s*$|\d\s+(?!(?:" + "|".join(_MONTH_NAMES) + r")$)[a-z]+$"
)
_BARE_RATE_PATTERNS = tuple(re.compile(fuzzy_pattern(rate).replace(r"\ ", r"\s+")) for rate in _BARE_RATES)
_NOT_DUTY_SUBJECTS = re.compile(
    r"^(?:upprakning|indexering|hojning|sankning|okning|kostnad|budget\w*|[a-z]*bidrag\w*|[a-z]*ersattning\w*|belopp|avgift|hyra|"
    r"omsattning|lon|priset|beloppet|summan|det|den|detta|vilket|som|och|att)\b"
)
_VERB_NOUNS = {
    "utvardera": "Utvärdering", "redovisa": "Redovisning", "rapportera": "Rapportering",
    "aterrapportera": "Återrapportering", "folja upp": "Uppföljning", "sammanstalla": "Sammanställning",
    "revidera": "Revidering", "uppratta": "Upprättande", "betala ut": "Utbetalning", "traffas": "Möte",
    "motas": "Möte", "genomfora": "Genomförande av", "informera": "Information", "utbilda": "Utbildning",
    "inventera": "Inventering", "kontrollera": "Kontroll", "granska": "Granskning", "besoka": "Besök",
}
_OBJECT_TAKERS = ("lamna in", "lamnar in", "lamna", "lamnar", "skicka in", "skickar in", "inkomma med",
                  "inkommer med", "ta fram", "tar fram", "halla", "haller", "anordna", "anordnar", "genomfor")
_SUBJECT_VERBS = re.compile(
    r"^(.{2,80}?)\s*(?:,|\bsker\b|\bska\s+ske\b|\bskall\s+ske\b|\bgenomfors\b|\bhalls\b|\bager\s+rum\b|"
    r"\bska\s+hallas\b|\bska\s+genomforas\b|\bredovisas\b|\brapporteras\b|\bbetalas\s+ut\b|\butbetalas\b|"
    r"\bska\s+lamnas\b|\blamnas\b|\bska\s+redovisas\b|\bskall\s+redovisas\b)"
    r"(?:\s+(?:darefter|skriftligt|muntligt|gemensamt|till\s+[a-z]+(?:\s+[a-z]+)?))*\s*(?:(?:minst|ca|cirka|normalt|"
    r"vanligtvis)\s+)?$"
)


def _singular(noun: str) -> str:
    """Give a plural duty noun in the singular: `verksamhetsrapporter` -> `verksamhetsrapport`.

    >>> _singular("verksamhetsrapporter"), _singular("verksamhetsberättelser"), _singular("avstämningar")
    ('verksamhetsrapport', 'verksamhetsberättelse', 'avstämning')
    """
    for plural, single in (("elser", "else"), ("ingar", "ing"), ("rapporter", "rapport"), ("planer", "plan"),
                           ("möten", "möten")):
        if noun.endswith(plural):
            return noun[: len(noun) - len(plural)] + single
    return noun


_GENITIVE_DETERMINERS = ("arets", "sin", "sitt", "sina", "dess", "deras", "foreningens", "jourens", "partens")


def _indefinite(phrase: str) -> str:
    """Give `det ekonomiska utfallet` as `ekonomiskt utfall`; without an article the phrase stays.

    >>> _indefinite("det ekonomiska utfallet"), _indefinite("överenskommelsen")
    ('ekonomiskt utfall', 'överenskommelsen')
    """
    words = phrase.split()
    if len(words) >= 2 and fold(words[0]) in _GENITIVE_DETERMINERS:
        return " ".join(words[1:])  # `årets ekonomiska utfall`, `sin verksamhetsplan`
    if len(words) < 2 or words[0].lower() not in ("det", "den", "de"):
        return phrase
    words = words[1:]
    neuter = words[-1].endswith("et") and len(words[-1]) > 4
    if neuter:
        words[-1] = words[-1][:-2]
        words = [w[:-1] + "t" if w.endswith("iska") else w for w in words[:-1]] + words[-1:]
    elif words[-1].endswith("en") and len(words[-1]) > 4:
        words[-1] = words[-1][:-2]  # `den årliga rapporten` -> `årliga rapport`
    return " ".join(words)


# A verb of _VERB_NOUNS in its infinitive and present (`utvärdera`, `utvärderar`; `följa upp`, `följer upp`;
# `träffas`, `möts`), so both `ska årligen utvärdera` and `utvärderar … årligen` are read.
_VERB_FORMS = {verb: re.compile(rf"\b(?:{forms})\b") for verb, forms in {
    "utvardera": "utvarderar?", "redovisa": "redovisar?", "rapportera": "rapporterar?",
    "aterrapportera": "aterrapporterar?", "folja upp": r"folj(?:a|er)\s+upp", "sammanstalla": "sammanstall(?:a|er)",
    "revidera": "reviderar?", "uppratta": "upprattar?", "betala ut": r"betalar?\s+ut", "traffas": "traff(?:a)?s",
    "motas": "mot(?:a)?s", "genomfora": "genomfor(?:a)?", "informera": "informerar?", "utbilda": "utbildar?",
    "inventera": "inventerar?", "kontrollera": "kontrollerar?", "granska": "granskar?", "besoka": "besok(?:a|er)",
}.items()}


def _what_from_verb(sentence: str, folded: str, after: int) -> str | None:
    """Give `Utvärdering av överenskommelsen` from `… årligen utvärdera överenskommelsen`.

    >>> s = "Förvaltningen utvärderar överenskommelsen varje år."
    >>> _what_from_verb(s, fold(s), 0)
    'Utvärdering av överenskommelsen'
    """
    for verb, noun in _VERB_NOUNS.items():
        m = _VERB_FORMS[verb].search(folded[after:])
        if m:
            obj_start = after + m.end()
            obj_start += len(folded[obj_start:]) - len(folded[obj_start:].lstrip())  # past a blanked frequency
            # `redovisar brottsofferjourerna årets ekonomiska utfall`: the doer stands before the object
            subject = re.compile(r"\s*(?:" + _WHO_WORD + r"|de|vi|parterna)\s+").match(folded, obj_start)
            if subject:
                obj_start = subject.end()
            stop = re.search(r"(?:^|\s+)(?:for|till|pa|i|enligt|med|senast|under|efter|varje|arligen|och|samt)\b|[,.;:(]|\s{3,}", folded[obj_start:])
            obj_end = obj_start + (stop.start() if stop else len(folded) - obj_start)
            obj = _flat(sentence[obj_start:obj_end])
            if noun.endswith(" av"):
                return f"{noun} {_indefinite(obj)}" if obj else None
            return f"{noun} av {_indefinite(obj)}" if obj else noun
    return None


def _what_recurring(sentence: str, folded: str, start: int, end: int, context: str, times: int) -> str | None:
    """Give the label of the duty whose frequency stands at start:end: what is done, then when.

    >>> s = "Bidraget betalas ut kvartalsvis i förskott mot rekvisition."
    >>> _what_recurring(s, fold(s), 20, 31, "", 4)
    'Utbetalning av bidrag kvartalsvis i förskott'
    """
    head = _duty_head(sentence, folded, start, end, context)
    if not head:
        return None
    when = _when(sentence, folded, start, end, times)
    if when and fold(when) not in fold(head):
        head = f"{head} {when}"
    return head


# Money paid out on a schedule: `Bidraget betalas ut kvartalsvis`, `Utbetalning av stödet sker halvårsvis`.
_PAYMENT_RE = re.compile(r"\b(?:betalas\s+ut|utbetalas|betalar\s+ut|utbetalning(?:en|ar|arna)?|utbetalt|betalas)\b")
_MONEY_NOUN_RE = re.compile(r"\b((?:kommunens\s+|regionens\s+|stadens\s+)?(?:bidrag|stod|ersattning|medel|anslag)(?:et|en|len)?)\b")
# Meetings by name (`dialogmöte`, `gemensamma uppföljningsmöten`), not the association's annual meeting.
_MEETING_RE = re.compile(r"\b((?:(?:[a-z]+(?:a|t|ska))\s+)?(?!arsmot|extra\b)[a-z]*mote[nt]?)\b")
_MEETING_VERB_RE = re.compile(r"\b(?:traffas|mots|moter|ses|sammantrader|haller|har|genomfor|anordnar)\b")
# A group that meets: `Styrgruppen träffas`, `En partnerskapsgrupp med … träffas`, `Partnerskapsrådet möts`.
_GROUP_RE = re.compile(r"\b([a-z]*(?:grupp|rad)(?:en|et)?)\b")
_GROUP_MEETS_RE = re.compile(r"\b(traffas|mots|sammantrader)\b")


def _definite_group(word: str) -> str:
    """Give `styrgrupp` as `styrgruppen`, `partnerskapsråd` as `partnerskapsrådet`; a definite form stays."""
    folded = fold(word)
    if folded.endswith(("gruppen", "radet")):
        return word
    return word + ("en" if folded.endswith("grupp") else "et")


def _money_noun(noun: str) -> str:
    """Give a definite money noun without its article: `bidraget` -> `bidrag`, `ersättningen` -> `ersättning`."""
    words = noun.split()
    last = fold(words[-1])
    for definite, cut in (("medlen", 2), ("et", 2), ("en", 2)):
        if last.endswith(definite) and last[: len(last) - cut] in ("bidrag", "stod", "ersattning", "medel", "anslag", "medl"):
            words[-1] = words[-1][: len(words[-1]) - cut]
            break
    if fold(words[-1]) == "medl":
        words[-1] = "medel"
    return " ".join(words)


def _payment(sentence: str, folded: str, start: int) -> tuple[int, str] | None:
    """Give (where, `Utbetalning av bidrag`) for a payment schedule in the sentence."""
    payment = _PAYMENT_RE.search(folded)
    if not payment:
        return None
    money = _MONEY_NOUN_RE.search(folded)
    if money:
        return payment.start(), "Utbetalning av " + _money_noun(_flat(sentence[money.start(1):money.end(1)]).lower())
    return payment.start(), "Utbetalning"


def _duty_head(sentence: str, folded: str, start: int, end: int, context: str) -> str | None:
    """Give what the recurring duty is, without when: `Utbetalning av bidrag`, `Dialogmöte`, `Verksamhetsberättelse`."""
    after_text = folded[end:]
    before = folded[:start]
    # `årliga verksamhetsrapporter`, `kvartalsvisa möten`
    if re.search(r"(?:a|t)$|^arlig$", folded[start:end]) and re.match(r"\s+([a-z]+)", after_text):
        noun = re.match(r"\s+([a-z]+)", after_text)
        word = sentence[end + noun.start(1):end + noun.end(1)]
        if not _NOT_DUTY_SUBJECTS.match(noun[1]):
            return _capital(_singular(word))
        return None
    # `hålls två gånger per år av båda mötesformerna`: the meeting kinds named just before.
    # (`båda mötesformerna ska hållas två gånger per år` names them before the frequency, too)
    if re.search(r"motesform|motestyp|bada motena|bada typerna", folded):
        return "; ".join(_meeting_kinds(context)) or None
    # Payments, meetings and handed-in reports: the one nearest the frequency is the duty.
    found = [c for c in (_payment(sentence, folded, start), _meeting(sentence, folded, start, context),
                         _object_of_taker(sentence, folded, start, end)) if c]
    if found:
        return min(found, key=lambda c: abs(c[0] - start))[1]
    # `sammanställer den i en verksamhetsrapport varje år`: the duty noun just before the frequency
    noun = re.search(r"(?:^|\s)(?:(?:i|som|med)\s+)?(?:en|ett)\s+" + _DUTY_NOUN_RE.pattern + r"\s*$", before)
    if noun:
        return _capital(_singular(_flat(sentence[noun.start(1):noun.end(1)])))
    # `Utbetalning sker en gång per år`, `Operativa möten, två ggr/år`
    line_start = max(before.rfind("\n") + 1, 0)
    subject = _SUBJECT_VERBS.match(before[line_start:])
    if not subject and line_start and not re.search(r"\t", before):
        # a sentence wrapped in a PDF line: `Utbetalning` / `sker kvartalsvis i förskott`
        line_start = 0
        subject = _SUBJECT_VERBS.match(before.replace("\n", " "))
    if subject:
        cut = _OBJECT_STOP.search(before, line_start, line_start + subject.end(1))
        raw = _flat(sentence[line_start:cut.start() if cut else line_start + subject.end(1)]).lstrip("-•* ")
        if raw and not _NOT_DUTY_SUBJECTS.match(fold(raw)) and len(raw.split()) <= 6:
            return _capital(raw)
        return None
    # `ansvarar för att årligen utvärdera överenskommelsen`, `rapporterar varje månad antalet deltagare`
    masked = folded[:start] + " " * (end - start) + folded[end:]
    verb = _what_from_verb(sentence, masked, end) or _what_from_verb(sentence, masked, 0)
    if verb:
        return verb
    return _what_from_noun(sentence, folded, len(folded))


def _capital(label: str) -> str:
    return label[:1].upper() + label[1:]


def _meeting(sentence: str, folded: str, start: int, context: str) -> tuple[int, str] | None:
    """Give (where, label) of the meeting a sentence sets: `Dialogmöte`, `Styrgruppen träffas`."""
    named = [m for m in _MEETING_RE.finditer(folded) if m[1] not in ("mote", "moten", "motet")
             or _MEETING_VERB_RE.search(folded)]
    if named:
        m = min(named, key=lambda m: abs(m.start() - start))
        words = _flat(sentence[m.start(1):m.end(1)]).split()
        if len(words) == 2 and fold(words[0]) in ("ett", "en", "tva", "tre", "fyra", "sex", "de", "dessa", "alla", "bada",
                                                   "nagra", "sina", "vara", "deras", "regelbundna", "minst", "ha"):
            words = words[1:]
        label = _capital(" ".join(words))
        between = re.match(r"\s+(mellan\s+[a-z]+(?:\s+och\s+[a-z]+)?)", folded[m.end(1):])
        if between:
            label += " " + _flat(sentence[m.end(1) + between.start(1):m.end(1) + between.end(1)])
        return m.start(), label
    verb = _GROUP_MEETS_RE.search(folded)
    if not verb:
        return None
    said = sentence[verb.start(1):verb.end(1)]
    group = _GROUP_RE.search(folded, 0, verb.start())
    if group and group[1] not in ("grupp", "gruppen", "rad", "radet"):
        return verb.start(), f"{_capital(_definite_group(_flat(sentence[group.start(1):group.end(1)])))} {said}"
    if group:  # `Gruppen träffas varje månad`: the group named in the sentences before
        named_before = [g for g in _GROUP_RE.finditer(fold(context)) if g[1] not in ("grupp", "gruppen", "rad", "radet")]
        if named_before:
            g = named_before[-1]
            return verb.start(), f"{_capital(_definite_group(context[g.start(1):g.end(1)]))} {said}"
    purpose = re.search(r"\bfor\s+(dialog|avstamning|uppfoljning|samverkan|samrad)\b", folded)
    if purpose:
        noun = _capital(sentence[purpose.start(1):purpose.end(1)])
        return verb.start(), noun + ("smöte" if purpose[1] == "samverkan" else "möte")
    return verb.start(), "Möte"


# Where a handed-in object ends: a clause about its content or period, or the next part of the sentence.
_OBJECT_STOP = re.compile(
    r"\s+(?:for\s+(?:foregaende|det\s+gangna|aret|verksamhetsaret|perioden)|avseende|med\s+uppgifter|som\s|dar\s|nar\s|"
    r"enligt|i\s+samband|senast|senaste|minst|och\s+ska|samt\s+ska|vilket)|\s*[,.;:(]|\s{3,}"
)
# Words between the verb and its object: `lämnar dessutom varje år sin verksamhetsberättelse`.
_SKIP_WORD = re.compile(
    r"\s+(?:in|dessutom|ocksa|aven|gemensamt|arligen|en|ett|sin|sitt|sina|den|det|de|enligt\s+[a-z]+|"
    r"fran\s+och\s+med\s+\S+|(?:ideburna\s+)?" + _WHO_WORD + r")(?=\s)|\s{2,}(?=\S)"
)


def _object_of_taker(sentence: str, folded: str, start: int, end: int) -> tuple[int, str] | None:
    """Give (where, what) `lämnar`/`tar fram`/`håller` takes, on either side of the frequency."""
    masked = folded[:start] + " " * (end - start) + folded[end:]
    # a day of the year (`senast den 31 mars varje år`) belongs to when, not to what
    masked = re.sub(r"\b(?:senast|senaste|fore|innan)\s+(?:den\s+)?\d{1,2}\s+[a-z]+(?:\s+varje\s+ar)?",
                    lambda m: " " * len(m[0]), masked)
    for taker in _OBJECT_TAKERS:
        for m in re.finditer(r"\b" + taker + r"\b", masked):
            pos = m.end()
            while skip := _SKIP_WORD.match(masked, pos):
                pos = skip.end()
            obj = re.match(r"\s*([a-z][^,.;:(]{1,90})", masked[pos:])
            if not obj:
                continue
            obj_start = pos + obj.start(1)
            stop = _OBJECT_STOP.search(masked, obj_start)
            obj_end = min(stop.start() if stop else len(masked), obj_start + 90)
            text = _flat(sentence[obj_start:obj_end])
            if not text or _NOT_DUTY_SUBJECTS.match(fold(text)):
                continue
            words = text.split()
            words[0] = _singular(words[0])
            return m.start(), _capital(" ".join(words))
    return None


_BARE_COUNT_RE = re.compile(
    r"(?:\d{1,2}|" + "|".join(sorted((w for w in (fold(k) for k in sv.NUMBER_WORDS)), key=len, reverse=True)) +
    r")\s*(?:\(\d+\)\s*)?(?:ganger|gang|ggr|g\.)\s*(?:/|per|om|i|varje)\s*(?:ar|aret)"
)
_YEAR_DAY_RE = re.compile(r"\b(?:senast|senaste|fore|innan)\s+(?:den\s+)?(\d{1,2})\s+(" + "|".join(_MONTH_NAMES) + r")\b")


def _when(sentence: str, folded: str, start: int, end: int, times: int) -> str:
    """Give when a duty recurs, as a reader would label it: `kvartalsvis i förskott`, `senast 31 mars`.

    A bare count (`två gånger per år`) says no more than times_per_year and is left out; a yearly duty
    is labelled by its day.
    """
    phrase = folded[start:end]
    if times == 1:
        day = _YEAR_DAY_RE.search(folded)
        if day:
            return f"senast {int(day[1])} {_MONTH_NAMES[_MONTH_NAMES.index(day[2])]}"
        month = re.search(r"\bi\s+(" + "|".join(_MONTH_NAMES) + r")\b(?!\s+(?:19|20)\d\d)", folded)
        return f"i {month[1]}" if month else ""
    if _BARE_COUNT_RE.fullmatch(phrase) and not re.search(r"\bminst\s+$", folded[:start]):
        when = ""
    elif re.search(r"(?:a|t)$", phrase) and re.match(r"\s+[a-z]", folded[end:]):
        return ""  # `kvartalsvisa möten`: the frequency is part of the noun
    else:
        when = _flat(sentence[start:end])
        if re.search(r"\bminst\s+$", folded[:start]):
            when = "minst " + when
    rest = folded[end:]
    tail = re.match(r"\s*(\([^)]{2,40}\))|\s+(i\s+(?:forskott|efterskott))\b", rest)
    if tail:
        group = 1 if tail[1] else 2
        when = f"{when} {_flat(sentence[end + tail.start(group):end + tail.end(group)])}".strip()
    return when


def _meeting_kinds(context: str) -> list[str]:
    """Give `Operativa möten`, `Strategiska möten` for meeting kinds named in the context."""
    kinds = []
    for m in re.finditer(r"\b([a-z]+?)(?:a|t)?\s+m[oed]te(?:n|t)?\b", fold(context)):
        stem = m[1]
        if stem in ("ett", "en", "tva", "de", "dessa", "alla", "bada", "nagra", "sina", "manga", "fler", "vara", "deras"):
            continue
        original = context[m.start(1):m.start(1) + len(stem)]
        label = f"{original[:1].upper()}{original[1:]}a möten"
        if label not in kinds:
            kinds.append(label)
    return kinds


def _frequencies(folded: str) -> list[tuple[int, int, int]]:
    """Give (start, end, times_per_year) for each frequency phrase in a folded sentence."""
    found: list[tuple[int, int, int]] = []
    for m in _COUNT_FREQ_RE.finditer(folded):
        count = int(m[1]) if m[1].isdigit() else _COUNT_WORDS.get(m[1])
        if count:
            found.append((m.start(), m.end(), count * _FREQ_UNITS[m[2]]))
    for m in _LEXICON_FREQ_RE.finditer(folded):
        if any(s < m.end() and m.start() < e for s, e, _ in found):
            continue
        phrase = m[1]
        if any(rate.fullmatch(phrase) for rate in _BARE_RATE_PATTERNS):
            # `813 514 kr per år`, `omkring 140 elever per termin`: a sum or a count, not a duty
            if _SUM_OR_COUNT_BEFORE.search(folded[max(0, m.start() - 30):m.start()].rstrip()):
                continue
        times = next((v for pattern, v in _LEXICON_BY_PATTERN if pattern.fullmatch(phrase)), None)
        if times:
            found.append((m.start(), m.end(), int(times)))
    # `Bidraget betalas ut i två delar per år`: a payment in parts is a schedule of its own
    if _PAYMENT_RE.search(folded):
        for m in re.finditer(r"\bi\s+(tva|tre|fyra)\s+delar(?:\s+per\s+ar\b|(?=,?\s+(?:i\s+)?(?:" + "|".join(_MONTH_NAMES) + ")))", folded):
            found = [f for f in found if not (f[0] < m.end() and m.start() < f[1])]
            found.append((m.start(), m.end(), _COUNT_WORDS[m[1]]))
    # `ersätts dialogmötena en gång per termin av uppföljningsmöten varje kvartal`: the old rate is gone
    if re.search(r"\bersatts\b", folded):
        found = [f for f in found if not re.match(r"\s+av\b", folded[f[1]:])]
    return sorted(found)


def find_recurring(text: str) -> list[tuple[int, int, dict]]:
    """Give (start, end, value) for every recurring duty in text.

    >>> [(v["what"], v["times_per_year"]) for _, _, v in find_recurring("Operativa möten, två ggr/år. Syfte:")]
    [('Operativa möten', 2)]
    >>> [(v["what"], v["times_per_year"], v["day"]) for _, _, v in find_recurring(
    ...     "Föreningen ska lämna en verksamhetsberättelse senast den 31 mars varje år.")]
    [('Verksamhetsberättelse senast 31 mars', 1, '03-31')]
    """
    result = []
    bounds = sentences(text)
    folded_text = fold_text(text)  # (folding keeps offsets: one fold serves every sentence)
    for index, (s, e) in enumerate(bounds):
        if not _ANY_FREQUENCY.search(folded_text, s, e) or _NOTICE_CONTEXT.search(folded_text, s, e):
            continue
        context = text[bounds[max(0, index - 2)][0]:s]
        party = None
        for cs, ce in _clauses(folded_text, s, e):
            clause = text[cs:ce]
            folded = folded_text[cs:ce]
            for start, end, times in _one_per_rate(folded, _frequencies(folded)):
                if _ASKS_HOW_OFTEN.search(folded, 0, start) or times > 12:  # weekly: opening hours, not duties
                    continue
                what = _what_recurring(clause, folded, start, end, context, times)
                if not what:
                    continue
                day = None
                for _, _, month, day_of_month in find_day_months(clause):
                    day = f"{month:02d}-{day_of_month:02d}"
                party = party or who(text[s:e])
                for label in what.split("; "):
                    result.append((cs + start, cs + end, {"what": label, "times_per_year": times, "party": party,
                                                          "day": day}))
    return result


# Two duties in one sentence: `… redovisar statistik kvartalsvis och lämnar en verksamhetsberättelse …`.
_CLAUSE_SPLIT = re.compile(
    r",?\s+(?:och|samt)\s+(?=(?:ska\s+|skall\s+)?(?:lamnar|lamna|redovisar|redovisa|rapporterar|rapportera|haller|halla|"
    r"traffas|mots|betalas|betalar|tar\s+fram|genomfor)\b)|;\s*"
)


def _clauses(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Give (start, end) of each clause of the (folded) sentence at start:end that sets a duty of its own."""
    bounds, at = [], start
    for m in _CLAUSE_SPLIT.finditer(folded, start, end):
        bounds.append((at, m.start()))
        at = m.end()
    bounds.append((at, end))
    return bounds


# Any word of a frequency at all: most sentences have none and are passed over at once.
_ANY_FREQUENCY = re.compile(r"gang|ggr|vis\b|visa\b|varje|per\s|arlig|manatlig|tertial|varannan|termin|halvar|kvartal|delar")


def _one_per_rate(folded: str, found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Give one frequency per rate in a clause: `tre gånger per år, efter varje tertial` is one duty.

    The phrase that says more than a count (`efter varje tertial`) is kept.
    """
    kept: dict[int, tuple[int, int, int]] = {}
    for start, end, times in found:
        held = kept.get(times)
        if held is None or _BARE_COUNT_RE.fullmatch(folded[held[0]:held[1]]):
            kept[times] = (start, end, times)
    return sorted(kept.values())


def extract(doc: Document) -> list[Fact]:
    """Give `deadline` facts (one per date) and `recurring` facts (one per duty and frequency)."""
    facts = []
    seen_dates = set()
    for start, end, value in find_deadlines(doc.text):
        if value["date"] not in seen_dates:
            seen_dates.add(value["date"])
            facts.append(doc.fact("deadline", value, start, end))
    seen = set()
    for start, end, value in find_recurring(doc.text):
        key = (fold(value["what"]), value["times_per_year"])
        if key not in seen:
            seen.add(key)
            facts.append(doc.fact("recurring", value, start, end))
    return facts
