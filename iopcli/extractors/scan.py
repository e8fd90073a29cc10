"""Whole-text regex scans made cheap: the same matches, the pattern tried at fewer places.

Python's re finds a pattern fast only when it starts with a literal or a set of first letters; a
pattern that starts with `\\b` or a look-behind is tried at every character. On a five-page
document each such scan costs 0.1 to 1 ms, and the extractors make dozens of them. Two ways out
that keep the matches exactly those of `pattern.finditer(text)`:

- word_start(): `\\b(?:ingen|kan)…` written so that each alternative starts with its letter, and
  the boundary is checked after it: re then jumps from one `i` or `k` to the next.
- at(): for a pattern whose matches can only start at a few places (a number's first digit), the
  pattern is tried only where a cheap one-character `starts` pattern finds such a place.
- near(): for a pattern every match of which holds a rarer anchor (`nämnd` in a nämnd's name,
  `kr` in an amount), the pattern is tried only at the possible starts shortly before each anchor.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

# Where a word starts, and where a number starts (after a letter too: `kr5 000` is read apart).
WORD_START = re.compile(r"(?<!\w)\w")
WORD_OR_DIGIT = re.compile(r"(?<!\w)\w|\d")


def word_start(*alternatives: str) -> str:
    r"""Give a regex for `\b(?:alt1|alt2|…)` that re searches by the alternatives' first letters.

    Each alternative must start with a plain letter; `(?<!\w.)` right after it is `\b` before it.

    >>> pattern = re.compile(word_start("kan", r"ingen\s+fler"))
    >>> pattern.pattern
    '(?:k(?<!\\w.)an|i(?<!\\w.)ngen\\s+fler)'
    >>> [m.group() for m in pattern.finditer("vi kan, ingen  fler, skan, tingen fler")]
    ['kan', 'ingen  fler']
    """
    for alternative in alternatives:
        if not alternative[:1].isalpha():
            raise ValueError(f"an alternative must start with a letter: {alternative!r}")
    return "(?:" + "|".join(a[0] + r"(?<!\w.)" + a[1:] for a in alternatives) + ")"


def at(pattern: re.Pattern, text: str, starts: re.Pattern, pos: int = 0) -> Iterator[re.Match]:
    r"""Give the matches of pattern.finditer(text, pos), trying the pattern only where `starts` matches.

    The contract: every match of pattern starts where `starts` matches one character (a superset is
    fine, a missing place is not). Write `starts` so that re can jump to it: a character class or
    literal first, look-behinds after it.

    >>> number = re.compile(r"(?<![\d,])\d+(?: \d{3})*\s*kr\b")
    >>> digits = re.compile(r"\d(?<![\d,]\d)")
    >>> text = "Bidraget är 120 000 kr per år och 5 000 kr vid start, 2025."
    >>> [m.group() for m in at(number, text, digits)] == [m.group() for m in number.finditer(text)]
    True
    """
    place = pos  # positions before this were tried, or lie inside a match given
    for start in starts.finditer(text, pos):
        if start.start() < place:
            continue
        found = pattern.match(text, start.start())
        if found and found.end() > found.start():
            yield found
            place = found.end()


def near(pattern: re.Pattern, text: str, anchor: re.Pattern, before: int,
         starts: re.Pattern = WORD_START, pos: int = 0) -> Iterator[re.Match]:
    """Give the matches of pattern.finditer(text, pos), trying the pattern only near the anchor.

    The contract, which the caller's pattern must keep: every match starts where `starts` matches,
    and holds a match of `anchor` that starts at most `before` characters after the match's start.
    Then no match can start anywhere else, and the positions are tried in order, each once. Where a
    pattern allows any run of spaces or words before its anchor, the callers choose `before` well
    above any real phrase (a nämnd's name within 150 characters); only such a run longer than that
    is missed.

    >>> amount = re.compile(r"(?<![\\d,])\\d+(?: \\d{3})*\\s*kr\\b")
    >>> text = "Bidraget är 120 000 kr per år och 5 000 kr vid start, 2025."
    >>> [m.group() for m in near(amount, text, re.compile("kr"), 30, WORD_OR_DIGIT)]
    ['120 000 kr', '5 000 kr']
    >>> [m.group() for m in near(amount, text, re.compile("kr"), 30)] == [m.group() for m in amount.finditer(text)]
    True
    """
    tried = pos  # every position before this was tried, or lies inside a match given
    for cue in anchor.finditer(text, pos):
        if cue.start() < tried:
            continue
        place = max(tried, cue.start() - before)
        while place <= cue.start():
            for start in starts.finditer(text, place, cue.start() + 1):
                found = pattern.match(text, start.start())
                if found and found.end() > found.start():
                    yield found
                    place = found.end()
                    break
            else:
                place = cue.start() + 1
        tried = place
