"""The fast spellings of the extractors' whole-text patterns find exactly what the plain ones find.

Issue 11 made extraction cheaper by writing patterns so that Python's re can jump through a text
(scan.py): look-behinds after a first character, `scan.at` and `scan.near` for patterns that can
only start at a few places. Each pair below is the plain spelling (what the pattern means) and the
one the extractor uses; both run over the repository's documents and over random texts made of the
pieces these patterns care about.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from iopcli.extractors import amounts, casenumbers, dates, doctype, duties, iopness, parties, periods
from iopcli.extractors.scan import WORD_OR_DIGIT, WORD_START, at, near, word_start
from iopcli.text import fold

ROOT = Path(__file__).resolve().parents[1]
PIECES = ["kommun", "Kommun", "stad", "namnden", "nämnd", "styrelsen", "social-", "och", "omsorgsnamnden", "Social",
          "2025", "2024", "19", "20", "12", "1", "31", "000", "813 514", "kr", "kronor", "sek", "tusen", "miljoner",
          "tre", "en", "ett", "fem", "år", "manader", "veckor", "manaders", "uppsagningstid", "varsel", "§", "-", "–",
          "•", " ", "  ", "\n", "\n\n", "\t", ".", ",", ":", "/", "(", ")", "mellan", "med", "tecknas", "iop", "IOP",
          "ideburet offentligt partnerskap", "SON", "KS", "N131", "dnr", "diarienummer", "var beteckning", "nr",
          "januari", "december", "till och med", "tom", "den", "Region", "regionen", "Vastra", "Gotaland", "Linkopings",
          "bidrag", "foreningsbidrag", "bygglov", "sponsor", "ingen", "ytterligare", "forlangning", "finns", "inte",
          "upprattas", "avtalet", "overenskommelsen", "partnerskapet", "ingas", "kulturnamnd", "arbete", "A", "Ö", "x",
          "a1", "b", "-A", "- A"]


def random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(5, 160))) for _ in range(count)]


def documents() -> list[str]:
    folders = [ROOT / "samples", ROOT.parent / "shared" / "seeds", ROOT.parent / "shared" / "dev" / "txt"]
    return [p.read_text(encoding="utf-8", errors="replace") for folder in folders if folder.exists()
            for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".md")]


TEXTS = documents() + random_texts(400, seed=11)


def spans(matches) -> list[tuple]:
    return [(m.span(), m.groups()) for m in matches]


# (name, the plain spelling, the extractor's, on folded text?)
SAME_PATTERNS = [
    ("dates: a number's first digit", r"(?<!\d)\d", dates._NUMBER_START_RE, False),
    ("duties: a year", r"(?<!\d)(?:19|20)\d\d(?!\d)", duties._YEAR, True),
    ("periods: a range of years", r"(?<![\d\-/.:])(?P<y1>(?:19|20)\d\d)\s*(?:-|–|—|--|till)\s*(?P<y2>(?:19|20)\d\d)(?![\d\-/:]|\.\d)",
     periods.YEAR_RANGE_RE, True),
    ("casenumbers: coded", r"(?<![\w/.-])(?P<coded>[A-ZÅÄÖ]{1,3}\d{2,4}-\d{1,6}/\d\d(?:\d\d)?)(?![\w/]|[-:.]\d)",
     casenumbers.CODED_RE, False),
    ("casenumbers: prefix last", r"(?<![\w/.-])(?P<number>(?:19|20)\d\d/\d{1,6})-(?P<prefix>[A-ZÅÄÖ]{2,5})\b",
     casenumbers.PREFIX_LAST_RE, False),
    ("parties: mellan", r"\bmellan\s+", parties._MELLAN_RE, True),
    ("iopness: an IOP named", r"\bidebur(?:et|na|en|a)?\s+offentlig[at]?\s+partnerskap\w*|\biop\b|\bpartnerskapsoverenskommelse\w*",
     iopness._IOP_RE, True),
    ("doctype: the nämnd för …", r"(?<![\w-])(namnden\s+for\s+([a-z]{4,})(?:\s+(?:och|samt)\s+([a-z]{4,}))?)(?![\w-])",
     doctype._FOR_AUTHORITY_RE, True),
    ("amounts: a unit before the number", r"\b(sek|kr\.?)([ \t]+)(\d{1,3}(?:[ .]\d{3})+|\d{4,})(?![\d,.]*[ \t]*(?:kr\b|kronor|sek\b|:-))",
     amounts._UNIT_BEFORE, True),
]


@pytest.mark.parametrize("name, plain, fast, folded", SAME_PATTERNS, ids=[p[0] for p in SAME_PATTERNS])
def test_a_fast_spelling_finds_what_the_plain_one_finds(name, plain, fast, folded):
    plain = re.compile(plain)
    for text in TEXTS:
        text = fold(text) if folded else text
        assert spans(fast.finditer(text)) == spans(plain.finditer(text)), text[:200]


# (name, pattern, how the extractor scans for it)
SCANS = [
    ("amounts", amounts.AMOUNT_RE, lambda p, t: at(p, t, amounts._AMOUNT_START)),
    ("day-month ranges", periods.DAY_MONTH_RANGE_RE, lambda p, t: at(p, t, periods._DAY_START)),
    ("month ranges", periods.MONTH_RANGE_RE, lambda p, t: near(p, t, periods._YEAR_ANCHOR, 100, periods._MONTH_START)),
    ("notice, number first", periods._NOTICE_RES[0], lambda p, t: near(p, t, periods._MONTH_OR_WEEK, 40, WORD_OR_DIGIT)),
    ("nämnder", doctype._AUTHORITY_RE, lambda p, t: near(p, t, doctype._AUTHORITY_WORD, 150)),
    ("two-noun nämnder", doctype._AND_AUTHORITY_RE, lambda p, t: near(p, t, doctype._NAMND, 120)),
    ("kommun after its name", doctype._KOMMUN_WORD_RE,
     lambda p, t: near(p, t, doctype._KOMMUN_ANCHOR, 200, doctype._SPACE_RUN_START)),
    ("case-number labels", casenumbers.LABEL_RE, lambda p, t: near(p, t, casenumbers._LABEL_ANCHOR, 60)),
    ("`… med`", parties._MED_RE, lambda p, t: near(p, t, parties._MED, 60, parties._MED_START)),
]


@pytest.mark.parametrize("name, pattern, scan", SCANS, ids=[s[0] for s in SCANS])
def test_a_scan_near_anchors_finds_what_a_whole_text_scan_finds(name, pattern, scan):
    for text in TEXTS:
        folded = fold(text)
        assert spans(scan(pattern, folded)) == spans(pattern.finditer(folded)), folded[:200]


def test_sentence_ends_are_those_of_the_plain_pattern():
    plain = re.compile(r"[.!?](?=\s+[A-ZÅÄÖ0-9\-•§])|[.!?]\s*$|\n[ \t]*\n|\n(?=[ \t]*[-•*–]\s)|\s[-•]\s(?=[A-ZÅÄÖ])|:\s*\n|\t")
    for text in TEXTS:
        # The fast one finds ` - A` at its dash, one character after the plain one's space.
        fast = [(m.start() - (text[m.start()] in "-•"), m.end()) for m in duties._SENTENCE_END.finditer(text)]
        assert fast == [m.span() for m in plain.finditer(text)], text[:200]


def test_table_rows_are_those_of_the_plain_pattern():
    plain = re.compile(r"(?m)^[^\n]{1,200}\d[ \t]*(?:kr|kronor|sek|:-)?[ \t]*$")
    for text in TEXTS + ["x" * 250 + " 12\n" + "y" * 199 + " 5 kr\n7\n"]:
        folded = fold(text)
        assert list(amounts._table_lines(folded)) == [m.span() for m in plain.finditer(folded)]


def test_word_start_is_a_boundary_before_each_alternative():
    plain, fast = re.compile(r"\b(?:kan|ingen\s+fler)"), re.compile(word_start("kan", r"ingen\s+fler"))
    for text in random_texts(200, seed=3) + ["skan kan", "kan", "xkan-kan"]:
        assert spans(fast.finditer(text)) == spans(plain.finditer(text))
    with pytest.raises(ValueError):
        word_start(r"\d+")


def test_near_tries_each_place_once_and_in_order():
    tried = []

    class Counting:
        def match(self, text, pos):
            tried.append(pos)
            return re.compile(r"a+b").match(text, pos)

    text = "xx aab ab b aaab"
    found = [m.group() for m in near(Counting(), text, re.compile("b"), 10, WORD_START)]
    assert found == ["aab", "ab", "aaab"]
    assert tried == sorted(set(tried))
