"""Case numbers (diarienummer): the registry's number for the matter a document belongs to.

There is no national format: each registry writes its own. Canonical form (record.md): the
registry prefix in capitals, one space, then the number as written with its own separators.
The rule for every form met so far:

    written                      canonical              why
    Dnr SON 2024-1523            SON 2024-1523          prefix, space, number
    Diarienummer: SON: 2019-536  SON 2019-536           the colon after the prefix is punctuation
    KSN-2016-1422, SCN=2016-0182 KSN 2016-1422, ...     the joint after the prefix (-/.:= or none)
    KS/2016:7, KS2016/1963-2     KS 2016:7, ...         becomes the one space
    KS.2019.1110                 KS 2019.1110
    N131-0456/21                 N131 0456/21           Göteborg's coded registry, read bare too
    SN 18/0098                   SN 18/0098             two-digit years kept as written
    2023/KS 0362                 2023/KS 0362           year first: kept in its own order, since
    2021/KS 0280 013             2021/KS 0280 013       moving parts would invent a form; the
    2016/433-KS                  2016/433-KS            lookup key (case_key) matches either order
    Dnr 18RS2137                 18RS2137               prefix inside the number: kept whole
    Dnr 171-84/2017              171-84/2017            numeric only (needs a label): as written
    Dnr: 2017-717-1.1.           2017-717-1.1           sentence punctuation at the end dropped

Bare numbers (no `Dnr`/`Diarienummer` label) count only with a capital registry prefix and a
year part; numeric-only and glued forms need a label. Phone numbers, org numbers, postcodes,
dates, § numbers and law numbers (`SFS 1976:580`, `(1976:580)`) are not case numbers.
"""
from __future__ import annotations

import functools
import re

from iopcli.extractors.scan import near
from iopcli.model import Document, Fact
from iopcli.text import folded as fold_text
from iopcli.text import fold

# Labels that introduce a case number, in folded text (`Vår beteckning` -> `var beteckning`).
LABEL_RE = re.compile(
    r"\b(?:diarienummer|diarienr|diarie\s?nr|arendenummer|arendenr|arende\s?nr|"
    r"(?:vart|ert|vart\s+diarie|ert\s+diarie)\s*(?:dnr|nr|diarienummer)|dnr|"
    r"(?:var|er)\s+beteckning|beteckning|var\s+ref(?:erens)?\s+dnr)\b\.?"
    r"(?:[ \t]*(?:/[ \t]*ref|nr|nummer)\b\.?)?[ \t]*:?[ \t]*"
)
# Every label holds `nr`, `nummer` or `beteckning` a few words from its start (scan.near's anchor).
_LABEL_ANCHOR = re.compile("nr|nummer|beteckning")

# Abbreviations that look like registry prefixes but name laws, series or other things.
NOT_PREFIXES = frozenset(
    "SFS SOU DS PROP BET SOSFS HSLF AFS FS ISO SS EN EU EG EEG KL OSL FL SOL LSS LOU LOV HSL LVU "
    "LVM MBL LAS GDPR PUL IOP SEK KR TKR MKR EUR USD NR TEL FAX ORG MOMS DATUM AVTAL ÅR SIDA BILAGA "
    "KAP VT HT KL CEMR FN SCB SKR ABF LIS ID PDF".split()
)

_PREFIX = r"[A-ZÅÄÖ]{2,5}"
_NUMBER_TAIL = r"(?:[-/:.]\d+)*"
_TRIPLE = r"(?:[ ]\d{3}(?![\d ,.]?\d))?"  # `2021/KS 0280 013`: a trailing archive-code group

# Each look-behind stands after the first characters, so that re jumps to a capital or a 1/2.
# Prefix first: `SON 2024-1523`, `KS/2016:7`, `KS2016/1963-2`, `SCN=2016-0182`, `SN 18/0098`.
PREFIX_FIRST_RE = re.compile(
    rf"(?P<prefix>[A-ZÅÄÖ](?<![\w/.-].)[A-ZÅÄÖ]{{1,4}})(?:[ ]?[-/.:=][ ]?|[ ])?"
    rf"(?P<number>(?:19|20)\d\d[-/:.]\d{{1,6}}{_NUMBER_TAIL}{_TRIPLE}|\d\d/\d{{2,6}}{_NUMBER_TAIL})(?![\w/]|[-:.]\d)"
)
# Year first: `2023/KS 0362`, `2021/KS 0280 013`.
YEAR_FIRST_RE = re.compile(
    rf"(?P<year>(?:19|20)(?<![\w/.-]..)\d\d)[ ]?/[ ]?(?P<prefix>{_PREFIX})[ -]?"
    rf"(?P<number>\d{{2,6}}{_NUMBER_TAIL}{_TRIPLE})(?![\w/]|[-:.]\d)"
)
# Göteborg's registry code with digits and a two-digit year: `N131-0456/21` (distinct enough bare).
CODED_RE = re.compile(r"(?P<coded>[A-ZÅÄÖ](?<![\w/.-].)[A-ZÅÄÖ]{0,2}\d{2,4}-\d{1,6}/\d\d(?:\d\d)?)(?![\w/]|[-:.]\d)")
# Prefix last: `2016/433-KS`.
PREFIX_LAST_RE = re.compile(rf"(?P<number>(?:19|20)(?<![\w/.-]..)\d\d/\d{{1,6}})-(?P<prefix>{_PREFIX})\b")

# After a label, more forms are accepted: any-case prefix, glued `18RS2137`, a registry code with
# digits and a two-digit year (Göteborg's `N147-0061/19`), numeric only.
LABELLED_VALUE_RE = re.compile(
    rf"(?P<coded>[A-ZÅÄÖ]{{1,3}}\d{{2,4}}-\d{{1,6}}/\d\d(?:\d\d)?)(?![\w/]|[-:.]\d)|"
    rf"(?P<prefix>[A-Za-zÅÄÖåäö]{{2,5}})(?:[ ]?[-/.:=][ ]?|[ ])?(?P<number>\d+(?:[-/:.]\d+)+{_TRIPLE}|\d{{3,}})(?![\w/]|[-:.]\d)"
    rf"|(?P<glued>\d\d[A-ZÅÄÖ]{{2,4}}\d{{2,6}}(?:-\d+)?)(?![\w/])"
    rf"|(?P<numeric>\d+(?:[-/:.]\d+)+|\d{{3,}})(?![\w/]|[-:.]\d)"
)

_ISO_DATE = re.compile(r"^(?:19|20)\d\d-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])$")


def canonical_case_number(raw: str) -> str | None:
    """Give the canonical form of one written case number, or None when it is not one.

    >>> canonical_case_number("Dnr SON 2024-1523"), canonical_case_number("Diarienummer: SON: 2019-536")
    ('SON 2024-1523', 'SON 2019-536')
    >>> canonical_case_number("Dnr KS/2016:7"), canonical_case_number("Dnr: RVK 2020/9")
    ('KS 2016:7', 'RVK 2020/9')
    >>> canonical_case_number("KS2016/1963-2"), canonical_case_number("SCN=2016-0182")
    ('KS 2016/1963-2', 'SCN 2016-0182')
    >>> canonical_case_number("2021/KS 0280 013"), canonical_case_number("2016/433-KS")
    ('2021/KS 0280 013', '2016/433-KS')
    >>> canonical_case_number("Dnr 171-84/2017"), canonical_case_number("Dnr: 2017-717-1.1.")
    ('171-84/2017', '2017-717-1.1')
    >>> canonical_case_number("son 2024/1523"), canonical_case_number("Dnr 18RS2137")
    ('SON 2024/1523', '18RS2137')
    >>> canonical_case_number("Diarienummer N147-0061/19"), canonical_case_number("n147-0061/19")
    ('N147 0061/19', None)
    >>> canonical_case_number("08-50825084"), canonical_case_number("SFS 1976:580"), canonical_case_number("2025-12-31")
    (None, None, None)
    """
    text = raw.strip().strip(".,;()[]")
    label = LABEL_RE.match(fold(text))
    labelled = bool(label)
    if label:
        text = text[label.end():].strip()
    for pattern in (YEAR_FIRST_RE, PREFIX_LAST_RE, PREFIX_FIRST_RE):
        m = pattern.fullmatch(text)
        if m:
            return _canonical_from_match(m, labelled)
    # A whole string given as a case number (a lookup) may be in any case: `son 2024/1523`.
    m = LABELLED_VALUE_RE.fullmatch(text)
    if m and (labelled or m["prefix"] or m["coded"]):
        return _canonical_from_match(m, labelled, any_case=True)
    return None


@functools.lru_cache(maxsize=65536)  # the linker keys every case number of every document it compares
def case_key(s: str) -> str:
    """Give a lookup key under which every written form of one case number is equal.

    Letters (the registry) are upper-cased and kept in order; digit groups lose leading zeros;
    separators and the order of registry and year do not matter.

    >>> case_key("son 2024/1523") == case_key("Dnr SON 2024-1523") == case_key("SON 2024-1523")
    True
    >>> case_key("2023/KS 0362") == case_key("KS 2023/362")
    True
    >>> case_key("SON 2024-1523") == case_key("SON 2024-1524")
    False
    >>> case_key("Brottsofferjouren")
    ''
    """
    text = s.strip()
    label = LABEL_RE.match(fold(text))
    if label:
        text = text[label.end():]
    letters = "".join(re.findall(r"[A-Za-zÅÄÖåäöÉé]+", text)).upper()
    digits = [group.lstrip("0") or "0" for group in re.findall(r"\d+", text)]
    if not digits:  # every case number has a number: a name or a word has no key
        return ""
    return f"{letters}:{'-'.join(digits)}"


def extract(doc: Document) -> list[Fact]:
    """Give a case_number fact for every case number in the text, labelled or bare."""
    text = doc.text
    taken: list[tuple[int, int]] = []
    facts: list[Fact] = []

    def add(start: int, end: int, value: str | None) -> None:
        if value and not any(s < end and start < e for s, e in taken):
            taken.append((start, end))
            facts.append(doc.fact("case_number", value, start, end))

    for start, end, value in labelled_case_numbers(text):
        add(start, end, value)
    for m in CODED_RE.finditer(text):
        add(m.start(), m.end(), _canonical_from_match(m, labelled=False))
    for pattern in (YEAR_FIRST_RE, PREFIX_LAST_RE, PREFIX_FIRST_RE):
        for m in pattern.finditer(text):
            if _bare_ok(m, text):
                add(m.start(), m.end(), _canonical_from_match(m, labelled=False))
    return sorted(facts, key=lambda f: f.span.start)


def labelled_case_numbers(text: str) -> list[tuple[int, int, str]]:
    """Give (start, end, canonical) for each case number that follows a label on its line.

    >>> labelled_case_numbers("Dnr: 2017-717-1.1. Datum 2017-05-02")
    [(5, 17, '2017-717-1.1')]
    """
    found = []
    for label in near(LABEL_RE, fold_text(text), _LABEL_ANCHOR, 60):
        start = label.end()
        for pattern in (YEAR_FIRST_RE, PREFIX_LAST_RE, LABELLED_VALUE_RE):
            m = pattern.match(text, start)
            if m:
                value = _canonical_from_match(m, labelled=True)
                if value:
                    found.append((m.start(), m.end(), value))
                break
    return found


def _canonical_from_match(m: re.Match, labelled: bool, any_case: bool = False) -> str | None:
    groups = m.groupdict()
    if groups.get("year"):  # year first
        return f"{m['year']}/{m['prefix']} {m['number']}"
    if groups.get("glued"):
        return m["glued"]
    if groups.get("coded"):  # `N131-0456/21`: the registry code, one space, the number (record.md)
        registry, number = m["coded"].split("-", 1)
        return f"{registry} {number}"
    if groups.get("numeric"):
        number = m["numeric"]
        return None if _ISO_DATE.match(number) or not labelled else number
    prefix, number = m["prefix"], m["number"]
    if m.re is PREFIX_LAST_RE:
        return f"{number}-{prefix}"
    if prefix.upper() in NOT_PREFIXES or _ISO_DATE.match(number):
        return None
    # After a label `Dnr son 2024-1523` and `Dnr Son ...` are read; bare, only capitals count.
    if not prefix.isupper() and not ((labelled or any_case) and (prefix.islower() or prefix.istitle())):
        return None
    if not labelled and not re.search(r"(?:19|20)\d\d|^\d\d/", number):
        return None
    return f"{prefix.upper()} {number}"


def _bare_ok(m: re.Match, text: str) -> bool:
    """True unless a bare match is a year range (`IOP 2023-2025`) or part of a law reference."""
    number = m["number"]
    years = re.fullmatch(r"((?:19|20)\d\d)[-/](\d{4})", number)
    if years and 0 <= int(years[2]) - int(years[1]) <= 15:
        return False
    before = text[max(0, m.start() - 12):m.start()]
    return not re.search(r"(?:lag|förordning|SFS|kap\.?)\s*\(?\s*$", before, re.IGNORECASE)
