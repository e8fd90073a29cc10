"""Shared test data: the seed documents and their gold records, when ../shared is beside the checkout."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


def pytest_generate_tests(metafunc):
    """Run a test that takes `seed_record` once per gold record of ../shared/gold/seeds.json."""
    if "seed_record" not in metafunc.fixturenames:
        return
    gold = SHARED / "gold" / "seeds.json"
    if gold.exists() and (SHARED / "seeds").exists():
        records = json.loads(gold.read_text(encoding="utf-8"))
        metafunc.parametrize("seed_record", records, ids=[r["source"][:3] for r in records])
    else:
        metafunc.parametrize("seed_record", [pytest.param(None, marks=pytest.mark.skip(
            reason="../shared/seeds is not beside the checkout"))])


@pytest.fixture()
def seed_text(seed_record) -> str:
    """The text of the seed document a gold record describes."""
    return (SHARED / "seeds" / seed_record["source"]).read_text(encoding="utf-8")


@pytest.fixture()
def db(tmp_path, monkeypatch) -> Path:
    """A catalogue path of the test's own, made the default for `iop` commands (IOP_DB)."""
    path = tmp_path / "iop.db"
    monkeypatch.setenv("IOP_DB", str(path))
    return path
