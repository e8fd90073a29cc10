"""The seeds score exactly right on every crisp field and at least 0.95 F1 overall (bench/accuracy.py)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def load_bench():
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "bench" / "accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (SHARED / "gold" / "seeds.json").exists(), reason="../shared/gold is not beside the checkout")
def test_seeds_score_exact_on_crisp_fields_and_high_overall():
    result = load_bench().evaluate(SHARED / "gold" / "seeds.json", SHARED / "seeds")
    wrong = {f: s for f, s in result["fields"].items() if s["fp"] or s["fn"]}
    assert result["crisp_exact"], wrong
    assert result["overall"]["f1"] >= 0.95, wrong


def test_scoring_counts_misses_and_false_hits():
    bench = load_bench()
    gold = [{"source": "a.txt", "case_numbers": ["KS 2016:7"], "document_date": "2016-03-08",
             "amounts": [{"sek": 450000, "per": "year", "role": "total"}]}]
    got = [{"source": "a.txt", "case_numbers": ["KS 2016:7", "KS 2016:8"], "document_date": "2016-03-09",
            "amounts": []}]
    totals = bench.score(gold, got)
    assert totals["case_numbers"] == [1, 1, 0]
    assert totals["document_date"] == [0, 1, 1]
    assert totals["amounts"] == [0, 0, 1]
