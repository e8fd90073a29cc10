"""Text normalisation shared by every reader, and folding for tolerant matching.

normalise() is applied once, by the reader, to each page; every span points into its output.
fold() maps a text to one of the same length, so a match in the folded text is a span in the
original: lower case, diacritics and the usual OCR confusions (6/ö, é/ö, 0/o) folded away.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz.distance import Levenshtein

# Spaces that Swedish offices put in numbers (`813 514 kr`) and dates; all become a plain space.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u2009\u202f\u2002\u2003\u2004\u2005\u2006\u2008\u200a\u3000"), " ")
_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)  # soft hyphen, zero widths, BOM
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011"), "-")  # typographic hyphens; en/em dashes stay
_RARE_MAP = {chr(code): value or "" for table in (_SPACES, _DROP, _DASHES) for code, value in table.items()}
_RARE = re.compile("[" + "".join(_RARE_MAP) + "]")

# Words that end a suspended compound (`social- och omsorgsnämnden`): a hyphen before them is kept.
_SUSPENSION_WORDS = ("och", "eller", "samt", "respektive", "resp", "som", "till", "&")
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=([^\W\d_]+))")


def normalise(raw: str) -> str:
    """Give text with plain spaces, no soft hyphens or ligatures, `\\n` line ends, words joined.

    >>> normalise("813\\u00a0514\\u00a0kr")
    '813 514 kr'
    >>> normalise("överens-\\nkommelse och social-\\noch omsorgsnämnden")
    'överenskommelse och social- och omsorgsnämnden'
    >>> normalise("överens\\ufffe\\r\\nkommelse")
    'överenskommelse'
    >>> normalise("e\\ufb03cient")
    'efficient'
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    # pypdfium2 writes U+FFFE where a line-final hyphen stood: the word goes on on the next line.
    text = re.sub(r"\ufffe[ \t]*\n?[ \t]*", "", text)
    # str.translate looks every character up in a dict: slow on a whole page, and these are rare.
    text = _RARE.sub(lambda m: _RARE_MAP[m.group()], text)
    for lig, plain in _LIGATURES.items():
        text = text.replace(lig, plain)
    text = unicodedata.normalize("NFC", text)
    return _HYPHEN_BREAK.sub(_join_hyphen, text)


def _join_hyphen(match: re.Match) -> str:
    following = match.group(1)
    if following.lower() in _SUSPENSION_WORDS or following[:1].isupper():
        return "- " if "\n" in match.group(0) else match.group(0)
    return ""


_FOLD = str.maketrans(
    {
        "å": "a", "ä": "a", "á": "a", "à": "a", "â": "a", "ã": "a",
        "ö": "o", "ø": "o", "ó": "o", "ò": "o", "ô": "o", "õ": "o",
        "é": "e", "è": "e", "ê": "e", "ë": "e", "ü": "u", "ú": "u", "í": "i", "ï": "i",
    }
)
# str.translate goes character by character through a dict (0.4 ms on a five-page text): the
# four common letters are replaced by str.replace, and translate runs only when a rare one is left.
_COMMON_FOLDS = (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"))
_RARE_FOLD = re.compile("[" + "".join(chr(c) for c in _FOLD if chr(c) not in "åäöé") + "]")
_OCR_IN_WORD = str.maketrans({"6": "o", "0": "o", "|": "l", "1": "l", "5": "s", "8": "b"})


_DIGIT_RUN = re.compile(r"[0-9|]+")
_OCR_DIGIT_IN_WORD = re.compile(r"(?<=[a-z])[0-9|]+(?=[a-z])|\b[0-9|](?=[a-z]{2})|(?<=[a-z]{2})[0-9|]\b")


def fold(text: str) -> str:
    """Give a same-length lower-case text for tolerant matching: diacritics and OCR noise folded.

    Digits inside letters become the letters OCR mistakes them for (`6verenskommelse`,
    `I0P`), so cue words match; digits in numbers stay digits.

    >>> fold("Överenskommelse förlängs")
    'overenskommelse forlangs'
    >>> fold("6verenskommelse upphdr Linkdping I0P")
    'overenskommelse upphdr linkdping iop'
    >>> fold("2025-12-31")
    '2025-12-31'
    >>> [len(fold(t)) == len(t) for t in ("Linköping idéburen", "İstanbul", "ΟΔΟΣ Σ")]
    [True, True, True]
    """
    return _fold_short(text) if len(text) < 200 else _fold(text)


def _fold(text: str) -> str:
    lowered = text.lower()
    # İ lower-cases to two characters and Σ by its context: then go character by character.
    if len(lowered) != len(text) or "\u03a3" in text:
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for letter, plain in _COMMON_FOLDS:
        if letter in lowered:
            lowered = lowered.replace(letter, plain)
    if _RARE_FOLD.search(lowered):
        lowered = lowered.translate(_FOLD)
    if "|" not in lowered and not re.search(r"\d", lowered):
        return lowered
    # A digit touching a letter on both sides, or starting a word before letters, is OCR noise.
    # Only digit runs that touch a letter are looked at (the rule's matches lie inside a run, and
    # its look-behind sees the text before `pos`): most runs are dates and amounts, and one pass
    # of the rule over a whole document cost more than every extractor's own search.
    pieces, done, size = [], 0, len(lowered)
    for run in _DIGIT_RUN.finditer(lowered):
        start, end = run.span()
        if not ((start and lowered[start - 1].isalpha()) or (end < size and lowered[end].isalpha())):
            continue
        for match in _OCR_DIGIT_IN_WORD.finditer(lowered, start, min(size, end + 2)):
            pieces += (lowered[done:match.start()], match.group(0).translate(_OCR_IN_WORD))
            done = match.end()
    return "".join(pieces) + lowered[done:] if pieces else lowered


# Names, cue words and sentences are folded again and again (the linker folds every party name of
# every document it compares): the short ones are remembered.
_fold_short = functools.lru_cache(maxsize=65536)(_fold)


def folded(text: str) -> str:
    """Give fold(text); a long text (a whole document) is folded once and remembered.

    Every extractor folds the same document text, so the last few long texts are kept.

    >>> long = "Överenskommelse I0P " * 200
    >>> folded(long) is folded(long) and folded(long) == fold(long)
    True
    """
    return _folded_long(text) if len(text) >= 2000 else fold(text)


@functools.lru_cache(maxsize=8)
def _folded_long(text: str) -> str:
    return fold(text)


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Give the Levenshtein distance of a and b, or limit+1 when it is larger than limit.

    RapidFuzz computes it in C++ (bit-parallel, stopping at the limit): the linker compares party
    names pairwise, and the pure-Python table it replaces took 18 of 46 s grouping 2,000 documents.

    >>> edit_distance("upphdr", "upphor")
    1
    >>> edit_distance("linkdping", "linkoping"), edit_distance("ellinor", "eleonor", 1), edit_distance("ab", "abcdef")
    (1, 2, 3)
    """
    return Levenshtein.distance(a, b, score_cutoff=limit)


@functools.lru_cache(maxsize=4096)
def fuzzy_pattern(word: str) -> str:
    """Give a regex for a lexicon word in folded text, tolerant of one OCR-confused letter for o.

    OCR reads ö as d, é, 6, 0 or o; after fold() those are d, e, o, o, o. So each `o` in the
    folded word may also be `d` or `e`.

    >>> import re
    >>> bool(re.fullmatch(fuzzy_pattern("upphör"), fold("upphdr")))
    True
    >>> bool(re.fullmatch(fuzzy_pattern("första"), fold("férsta")))
    True
    """
    return "".join("[ode]" if ch == "o" else re.escape(ch) for ch in fold(word))


def path_text(path) -> str:
    """Give a path as text that can be stored and printed: bytes of a name that are not UTF-8
    (Linux allows any) are written as escapes instead of making the text unencodable.

    >>> import os
    >>> path_text(os.fsdecode(b"/docs/m-\\xff.md")), path_text("/docs/avtal.pdf")
    ('/docs/m-\\\\xff.md', '/docs/avtal.pdf')
    """
    import os

    return os.fsencode(str(path)).decode("utf-8", errors="backslashreplace")


# Control characters (C0 but tab and newline, DEL, C1): an ESC or CSI in a document or a file name
# would otherwise reach the terminal as a command (clear the screen, move the cursor, set a title).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Give text safe to print: every control character but tab and newline as a visible escape.

    >>> printable("hemlig\\x1b[2J text\\x9b1m\\tok\\n")
    'hemlig\\\\x1b[2J text\\\\x9b1m\\tok\\n'
    """
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
