"""The fuzz suite's small sample, on every CI run: damaged and hostile inputs from a fixed seed
(bench/fuzzcases.py), each ingested into a catalogue that already holds good documents.

Each case must end without a traceback, with exit code 0 or 1, and with every document catalogued
before still there and unchanged. `python bench/fuzz.py N` runs N cases in subprocesses, with
hang detection and memory peaks.
"""
from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopcli.cli import app

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import fuzzcases  # noqa: E402  (bench/ is no package: its modules run as scripts too)

runner = CliRunner()
SEED, COUNT = 12, 16
SAMPLE = fuzzcases.every_kind(light=True) + fuzzcases.cases(SEED, COUNT, light=True)


def catalogued(db: Path) -> set[tuple[str, str, str]]:
    with sqlite3.connect(db) as conn:
        return set(conn.execute("select path, sha256, status from documents where status = 'ok'"))


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> tuple[Path, Path]:
    """A catalogue holding a few good documents, and the folder they are in."""
    root = tmp_path_factory.mktemp("fuzz")
    good = root / "good"
    good.mkdir()
    for n in range(3):
        (good / f"avtal-{n}.txt").write_text(fuzzcases.AGREEMENT.format(n=100 + n), encoding="utf-8")
    db = root / "iop.db"
    result = runner.invoke(app, ["ingest", "--quiet", "--ocr", "never", "--db", str(db), str(good)])
    assert result.exit_code == 0, result.output
    return db, root


@pytest.mark.parametrize("number, case", list(enumerate(SAMPLE)),
                         ids=lambda value: value.what[:40] if isinstance(value, fuzzcases.Case) else str(value))
def test_a_damaged_input_is_handled_and_loses_nothing(baseline, number, case, monkeypatch):
    from iopcli import readers

    monkeypatch.setattr(readers, "MAX_INFLATED_BYTES", 4 * 2**20)  # the light bomb inflates to 8 MB
    db, root = baseline
    result, folder = ingest_case(db, root / f"case-{number}", case, "never")
    again = runner.invoke(app, ["ingest", "--quiet", "--ocr", "never", "--db", str(db), str(folder)])
    assert again.exit_code == result.exit_code, (case.what, again.output)


def ingest_case(db: Path, folder: Path, case: fuzzcases.Case, ocr: str):
    """Ingest one case into the catalogue; it must end cleanly (exit 0 or 1) and lose nothing."""
    before = catalogued(db)
    fuzzcases.materialise(case, folder)
    result = runner.invoke(app, ["ingest", "--quiet", "--ocr", ocr, "--db", str(db), str(folder)])
    assert result.exception is None or isinstance(result.exception, SystemExit), (case.what, result.exception)
    assert "Traceback" not in result.output, case.what
    assert result.exit_code in (0, 1), (case.what, result.output)
    assert before <= catalogued(db), f"{case.what}: a catalogued document was lost"
    return result, folder


def test_the_sample_covers_every_kind_of_damage():
    assert {case.kind for case in SAMPLE} == {"file", "fifo", "link", "loop", "folder-loop"}
    assert any(b"\xff" in case.name for case in SAMPLE) and any("ZIP bomb" in case.what for case in SAMPLE)


# every_kind puts the scan cases last (comparing cases would not do: a ZIP holds the time it was made).
SCAN_SAMPLE = fuzzcases.every_kind(light=True, scans=True)[len(fuzzcases.every_kind(light=True)):]


@pytest.mark.skipif(not shutil.which("tesseract"), reason="Tesseract is not installed")
@pytest.mark.parametrize("number, case", list(enumerate(SCAN_SAMPLE)), ids=lambda value: value.what[:40]
                         if isinstance(value, fuzzcases.Case) else str(value))
def test_a_damaged_scan_read_with_ocr_is_handled_and_loses_nothing(baseline, number, case):
    db, root = baseline
    ingest_case(db, root / f"scan-case-{number}", case, "auto")


def test_the_scan_sample_has_every_kind_of_damaged_scan():
    assert len(SCAN_SAMPLE) == 3 and any("blank pages" in case.what for case in SCAN_SAMPLE)
