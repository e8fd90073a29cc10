"""Organisationsnummer: locate Swedish organisation numbers, check them, repair OCR damage.

An organisationsnummer is ten digits, written `NNNNNN-NNNN` (or without the hyphen), whose last
digit is a Luhn check digit. The first digit tells the legal form (2 public body, 8 ideell
förening/stiftelse, 5 aktiebolag, 7 ekonomisk förening), and the third digit of a legal person's
number is at least 2 (a personnummer has a month there).

Forms: `802490-7720`, `Org nr: 8024481775`, `org.nr 802430-9257`, `Organisationsnummer 212000-0449`,
`(organisationsnummer 802490-7720,`, `Brovi (802490-7720)`. From OCR: `Örg.nr B02430-9257`.
A ten-digit group needs a label before it, or (written with its hyphen) a valid check digit:
phone numbers, dates and case numbers are never organisation numbers.
"""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from iopcli.extractors import sv
from iopcli.model import Document, Fact
from iopcli.text import folded as fold_text

# Letters OCR puts where digits stood, and the digits they may stand for (most likely first).
OCR_DIGITS = {
    "B": "83", "O": "0", "o": "0", "D": "0", "Q": "0", "S": "5", "s": "5", "I": "1", "l": "1",
    "|": "1", "i": "1", "Z": "2", "z": "2", "G": "6", "b": "6", "g": "9", "q": "9", "T": "7",
}
_CHAR = "[0-9" + re.escape("".join(OCR_DIGITS)) + "]"
# Six characters, an optional hyphen (with stray spaces), four characters; at least 8 real digits.
# (OCR may read the hyphen as a colon or semicolon: `802002:8711`; such a number needs its label.)
NUMBER_RE = re.compile(rf"(?<![\w-])({_CHAR}{{6}})(?:[ \t]?[-–:;][ \t]?|(?=\d{{4}}))({_CHAR}{{4}})(?![\w-]|-\d)")
SHAPE_RE = re.compile(rf"({_CHAR}{{6}})\s*[-–:;]?\s*({_CHAR}{{4}})")
# Labels in folded text: `org nr`, `org.nr.`, `orgnr`, `org-nr`, `organisationsnummer`, `organisationsnr`.
LABEL_RE = re.compile(
    r"\b(?:org(?:anisations)?[ .\-]*(?:nr|nummer|no)\.?|organisationsnumret)\s*(?:[:.]\s*)?(?:ar\s+)?$"
)


@dataclass(frozen=True, slots=True)
class OrgNumberMatch:
    """An organisation number located in text: offsets, the canonical number and how it was read."""

    start: int
    end: int
    number: str
    valid: bool
    repaired_from: str | None
    labelled: bool


def luhn_ok(digits: str) -> bool:
    """Give True when ten digits (`8220040417` or `822004-0417`) pass the Luhn (mod 10) check.

    >>> luhn_ok("8220040417"), luhn_ok("822004-0417"), luhn_ok("2120000449"), luhn_ok("8220040418")
    (True, True, True, False)
    >>> luhn_ok("82200404"), luhn_ok("")
    (False, False)
    """
    digits = digits.replace("-", "")
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def normalise_org_number(raw: str) -> str | None:
    """Give `NNNNNN-NNNN` for a written organisation number, or None when it is not ten digits.

    OCR letters are repaired only when exactly one repair passes the Luhn check.

    >>> normalise_org_number("802490-7720"), normalise_org_number("8024481775")
    ('802490-7720', '802448-1775')
    >>> normalise_org_number("B02430-9257"), normalise_org_number("08-50825084")
    ('802430-9257', None)
    """
    read = read_org_number(raw)
    return read[0] if read else None


def read_org_number(raw: str) -> tuple[str, bool, str | None] | None:
    """Give (number, valid, repaired_from) for a written number, or None when it is not one.

    >>> read_org_number("822004-0417")
    ('822004-0417', True, None)
    >>> read_org_number("822004-0418")
    ('822004-0418', False, None)
    >>> read_org_number("8O2S15-4822")
    ('802515-4822', False, '8O2S15-4822')
    >>> read_org_number("B02430-9257")
    ('802430-9257', True, 'B02430-9257')
    """
    shape = SHAPE_RE.fullmatch(raw.strip())
    if not shape:
        return None
    chars = shape[1] + shape[2]
    if sum(c.isdigit() for c in chars) < 7:  # mostly letters: a word, not a damaged number
        return None
    if chars.isdigit():
        return _dashed(chars), luhn_ok(chars), None
    options = [OCR_DIGITS.get(c, c) for c in chars]
    passing = {"".join(combo) for combo in itertools.product(*options) if luhn_ok("".join(combo))}
    if len(passing) == 1:
        return _dashed(passing.pop()), True, raw
    # No single repair passes: keep the likeliest reading, flagged as failing its check.
    likeliest = "".join(option[0] for option in options)
    return _dashed(likeliest), False, raw


def _dashed(digits: str) -> str:
    return f"{digits[:6]}-{digits[6:]}"


def legal_form(number: str) -> str | None:
    """Give the legal form the first digit of an organisation number tells, or None.

    >>> legal_form("822004-0417"), legal_form("212000-0449"), legal_form("402000-0449")
    ('ideell förening/stiftelse', 'public', None)
    """
    return sv.ORG_NUMBER_FORMS.get(number[:1])


_COLUMN_LABEL_RE = re.compile(r"(?m)^[^\d\n]*\b(?:org(?:anisations)?[ .\-]*(?:nr|nummer)\.?|organisationsnumret)\b[^\d\n]*$")


def _under_column(folded: str, start: int) -> bool:
    """Tell whether a number stands in a table under an `Organisationsnummer` column header
    (`Part | Organisationsnummer | Form` / `Föreningen X | 802502-6646 | Ideell förening`).

    >>> t = "part organisationsnummer form\\nforeningen x 802502-6646 ideell forening\\n"
    >>> _under_column(t, t.index("8025"))
    True
    """
    window_start = start
    for _ in range(6):  # the header stands at most a few rows above
        window_start = folded.rfind("\n", 0, max(0, window_start - 1)) + 1
        if window_start == 0:
            break
    return bool(_COLUMN_LABEL_RE.search(folded, window_start, folded.rfind("\n", 0, start) + 1))


def locate(text: str) -> list[OrgNumberMatch]:
    """Give every organisation number in text, in order.

    >>> [m.number for m in locate("Org nr: 8024481775, tel 08-50825084, Dnr SON 2024-1523")]
    ['802448-1775']
    >>> [m.number for m in locate("Brovi (802490-7720) och 800101-1234")]
    ['802490-7720']
    """
    return list(_locate(text))


@functools.lru_cache(maxsize=4)  # three extractors look for the org numbers of the same document
def _locate(text: str) -> tuple[OrgNumberMatch, ...]:
    folded = fold_text(text)
    found: list[OrgNumberMatch] = []
    for m in NUMBER_RE.finditer(text):
        read = read_org_number(m.group(0))
        if read is None:
            continue
        number, valid, repaired_from = read
        labelled = bool(LABEL_RE.search(folded[max(0, m.start() - 40):m.start()])) or _under_column(folded, m.start())
        hyphenated = not (m.group(1) + m.group(2)).isdigit() or "-" in m.group(0) or "–" in m.group(0)
        if not labelled:
            # Unlabelled: only a clean hyphenated number of a legal person (third digit >= 2).
            if not (hyphenated and valid and repaired_from is None and number[2] >= "2"):
                continue
        found.append(OrgNumberMatch(m.start(), m.end(), number, valid, repaired_from, labelled))
    return tuple(found)


def extract(doc: Document) -> list[Fact]:
    """Give an `org_number` fact for every organisation number in the document."""
    facts = []
    for m in locate(doc.text):
        note = ""
        if m.repaired_from:
            note = f"org number repaired from {m.repaired_from}"
        if not m.valid:
            note = (note + "; " if note else "") + "Luhn check failed"
        value = {"number": m.number, "valid": m.valid, "form": legal_form(m.number), "repaired_from": m.repaired_from}
        facts.append(doc.fact("org_number", value, m.start, m.end, note))
    return facts
