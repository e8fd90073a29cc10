"""fold() of whole texts, computed once per text and fast: every extractor folds the same document.

iopcli.text.fold lower-cases character by character (so that a character whose lower case is
longer keeps the text's length); on a long document that loop, run by every extractor, was most of
the extraction time. folded() gives exactly fold(text): it lower-cases the whole string at once
when that keeps the length (nearly always), and remembers the last few texts it folded.
"""
from __future__ import annotations

import re
from functools import lru_cache

from iopcli.text import _FOLD, _OCR_IN_WORD, fold

# The same OCR-noise rule as iopcli.text.fold: a digit inside or starting a word is a letter.
_DIGIT_OR_BAR = re.compile(r"[0-9|]")
_OCR_DIGIT_IN_WORD = re.compile(r"(?<=[a-z])[0-9|]+(?=[a-z])|\b[0-9|](?=[a-z]{2})|(?<=[a-z]{2})[0-9|]\b")


def fast_fold(text: str) -> str:
    """Give fold(text), lower-casing the whole string at once where that keeps each character's place.

    >>> all(fast_fold(t) == fold(t) for t in ("Överenskommelse I0P Linkdping 2025-12-31", "İstanbul", "ΟΔΟΣ Σ", ""))
    True
    """
    lowered = text.lower()
    # Σ lower-cases by its context (final sigma) and İ to two characters: keep fold's own way then.
    if len(lowered) != len(text) or "\u03a3" in text:
        return fold(text)
    lowered = lowered.translate(_FOLD)
    if not _DIGIT_OR_BAR.search(lowered):  # the substitution below only touches ASCII digits and |
        return lowered
    return _OCR_DIGIT_IN_WORD.sub(lambda m: m.group(0).translate(_OCR_IN_WORD), lowered)


CACHED_FROM_CHARS = 2000  # shorter texts (a line, a sentence) are folded afresh and not kept


def folded(text: str) -> str:
    """Give fold(text); a long text is folded once and remembered (the last few of them).

    >>> folded("Social- och omsorgsnämnden") == fold("Social- och omsorgsnämnden")
    True
    >>> long = "Överenskommelse I0P " * 200
    >>> folded(long) is folded(long) and folded(long) == fold(long)
    True
    """
    return _folded_long(text) if len(text) >= CACHED_FROM_CHARS else fast_fold(text)


@lru_cache(maxsize=8)
def _folded_long(text: str) -> str:
    return fast_fold(text)
