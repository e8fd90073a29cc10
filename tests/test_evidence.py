"""Every fact of every sample keeps its evidence: the text at its span is its raw text, on its page."""
from __future__ import annotations

from pathlib import Path

import pytest

from iopcli import readers
from iopcli.extractors import EXTRACTOR_MODULES, extract_all

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SHARED_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
FILES = sorted(p for p in [*SAMPLES.rglob("*"), *SHARED_SEEDS.glob("*.txt")] if readers.file_type(p))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_fact_points_at_its_own_text(path):
    document = readers.read(path)  # scans without OCR have no text and so no facts
    facts = extract_all(document)
    for fact in facts:
        assert document.text[fact.span.start:fact.span.end] == fact.raw, fact
        assert fact.span.page == document.page_at(fact.span.start)
        assert 1 <= fact.span.page <= document.page_count
    if document.text.strip():
        assert {"case_number", "party", "period"} & {f.kind for f in facts}


def test_the_pipeline_runs_every_extractor_module():
    import importlib

    for name in EXTRACTOR_MODULES:
        assert callable(importlib.import_module(f"iopcli.extractors.{name}").extract)
