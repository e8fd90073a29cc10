"""Folding whole texts fast and once: fast_fold is fold, and extraction stays linear in the text's length."""
from __future__ import annotations

from pathlib import Path

import pytest

from iopcli.extractors.folding import fast_fold, folded
from iopcli.text import fold

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
OWN = Path(__file__).parent / "fixtures" / "own"


@pytest.mark.parametrize("text", [
    pytest.param("Överenskommelse I0P Linkdping 6verenskommelse |OP 2025-12-31 B02430-9257", id="issue3-ocr"),
    pytest.param("İstanbul ΟΔΟΣ Σ straße ﬁ", id="own-odd-lower-case"),
    pytest.param("", id="own-empty"),
    pytest.param("kommunstyreIsens 813\u00a0514 kr", id="issue3-ocr-I"),
])
def test_fast_fold_is_fold(text):
    assert fast_fold(text) == fold(text)


def test_fast_fold_is_fold_on_every_document():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) + sorted(OWN.glob("*.txt"))]
    assert texts
    for text in texts:
        assert fast_fold(text) == fold(text)
        assert folded(text) == fold(text)
