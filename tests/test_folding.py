"""fold() lower-cases whole texts at once; it must equal the character-by-character definition and
keep every character's place, so that spans found in folded text are spans in the text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from iopcli.text import _FOLD, _OCR_IN_WORD, fold, folded

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
OWN = Path(__file__).parent / "fixtures" / "own"


def reference_fold(text: str) -> str:
    """fold() as first written: one character at a time."""
    lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text).translate(_FOLD)
    return re.sub(r"(?<=[a-z])[0-9|]+(?=[a-z])|\b[0-9|](?=[a-z]{2})|(?<=[a-z]{2})[0-9|]\b",
                  lambda m: m.group(0).translate(_OCR_IN_WORD), lowered)


@pytest.mark.parametrize("text", [
    pytest.param("Överenskommelse I0P Linkdping 6verenskommelse |OP 2025-12-31 B02430-9257", id="issue3-ocr"),
    pytest.param("İstanbul ΟΔΟΣ Σ straße ﬁ", id="own-odd-lower-case"),
    pytest.param("", id="own-empty"),
    pytest.param("kommunstyreIsens 813\u00a0514 kr", id="issue3-ocr-I"),
])
def test_fold_is_the_character_by_character_fold(text):
    assert fold(text) == reference_fold(text)
    assert len(fold(text)) == len(text)


def test_fold_on_every_document():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) + sorted(OWN.glob("*.txt"))]
    assert texts
    for text in texts:
        assert fold(text) == reference_fold(text)
        assert folded(text) == fold(text)
