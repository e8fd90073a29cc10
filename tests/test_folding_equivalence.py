"""fold() looks only at digit runs that touch a letter; it must fold exactly as the one rule
applied to the whole text did (the reference below), on real documents and on random text."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from iopcli.text import _FOLD, _OCR_DIGIT_IN_WORD, _OCR_IN_WORD, fold

ROOT = Path(__file__).resolve().parents[1]


def reference(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text) or "\u03a3" in text:
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    lowered = lowered.translate(_FOLD)
    return _OCR_DIGIT_IN_WORD.sub(lambda m: m.group(0).translate(_OCR_IN_WORD), lowered)


def texts() -> list[str]:
    folders = [ROOT / "samples", ROOT / "tests" / "blind", ROOT.parent / "shared" / "seeds", ROOT.parent / "shared" / "dev"]
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.exists() else []:
            if path.suffix in (".txt", ".md", ".html", ".eml"):
                found.append(path.read_text(encoding="utf-8", errors="replace"))
    return found


def test_fold_equals_the_whole_text_rule_on_real_documents():
    documents = texts()
    assert len(documents) > 20
    for text in documents:
        assert fold(text) == reference(text)


@pytest.mark.parametrize("seed", range(5))
def test_fold_equals_the_whole_text_rule_on_random_text(seed):
    rng = random.Random(seed)
    alphabet = "ab0156|8 -Ö.é\n:xyzİΣ"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        assert fold(text) == reference(text), text


def test_the_regions_pattern_finds_what_the_plain_alternation_of_every_name_finds():
    """doctype._REGION_RE shares the `Region ` start of 20 names; it must match as one alternative
    per name did, at the same places and with the same name."""
    import re as regex

    from iopcli.extractors import doctype

    plain = regex.compile(r"(?<![\w-])(?:" + "|".join(
        rf"(?P<{group}>{doctype._stem_pattern(region)})" for group, region in doctype.REGION_BY_GROUP.items()) + r")\b")
    documents = [fold(t) for t in texts()] + [fold(t) for t in (
        "Region Östergötland och regi0n stockholm", "Västra Götalandsregionen", "Regionen Skåne", "region  jönköpings län")]
    found = 0
    for text in documents:
        expected = [(m.span(), m.lastgroup) for m in plain.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in doctype._REGION_RE.finditer(text)] == expected
        found += len(expected)
    assert found > 10
