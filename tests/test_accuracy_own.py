"""Our own test documents (tests/fixtures/own: other municipalities and regions, the forms of issue 3)
score exactly right on every crisp field and at least 0.95 F1 overall (bench/accuracy.py).

The documents are written by hand in our own words and their gold records filled in by reading
them, not by running the extractors.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OWN = ROOT / "tests" / "fixtures" / "own"


def load_bench():
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "bench" / "accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_own_document_has_gold_and_every_gold_a_document():
    gold = json.loads((OWN / "gold.json").read_text(encoding="utf-8"))
    assert sorted(g["source"] for g in gold) == sorted(p.name for p in OWN.glob("*.txt"))
    assert len(gold) >= 8


def test_own_documents_score_exact_on_crisp_fields_and_high_overall():
    result = load_bench().evaluate(OWN / "gold.json", OWN)
    wrong = {f: s for f, s in result["fields"].items() if s["fp"] or s["fn"]}
    assert result["crisp_exact"], wrong
    assert result["overall"]["f1"] >= 0.95, wrong
