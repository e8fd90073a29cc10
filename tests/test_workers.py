"""Files are read and extracted in worker processes, each within a time budget; one writer.

A file that takes too long or kills its worker is one failed line; the run goes on, and the
catalogue is the same whatever the number of workers.
"""
from __future__ import annotations

import faulthandler
import json
import multiprocessing
import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopcli import readers, workers
from iopcli.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
DEV_TXT = ROOT.parent / "shared" / "dev" / "txt"

# The stand-ins below are patched into this process and reach the workers by fork.
forks = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                           reason="the patched reader reaches worker processes only when they are forked")

AGREEMENT = """Överenskommelse om idéburet offentligt partnerskap
mellan Föreningen Läxhjälpen i Vadstena och Vadstena kommun
Diarienummer: KS 2024/{n}
Överenskommelsen gäller från och med 2025-01-01 till och med 2026-06-30.
"""


@pytest.fixture()
def folder(tmp_path, db) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in (1, 2, 3):
        (docs / f"avtal-{n}.txt").write_text(AGREEMENT.format(n=n), encoding="utf-8")
    (docs / "fast.md").write_text(AGREEMENT.format(n=9), encoding="utf-8")
    return docs


def _patch_plain(monkeypatch, behaviour):
    real = readers._read_plain

    def reader(path, data, ocr):
        if b"KS 2024/2" in data:
            behaviour()
        return real(path, data, ocr)

    monkeypatch.setattr(readers, "_read_plain", reader)


def catalogued(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return {Path(path).name: status for path, status in conn.execute("select path, status from documents")}


@forks
def test_a_file_over_the_time_budget_is_stopped_with_one_line_and_the_run_goes_on(folder, db, monkeypatch):
    _patch_plain(monkeypatch, lambda: time.sleep(60))
    started = time.monotonic()
    result = runner.invoke(app, ["ingest", "--quiet", "--time-budget", "1", str(folder)])
    assert time.monotonic() - started < 30
    assert result.exit_code == 1
    assert "avtal-2.txt: took over 1 s to read and was stopped" in result.stderr
    assert catalogued(db) == {"avtal-1.txt": "ok", "avtal-2.txt": "failed", "avtal-3.txt": "ok", "fast.md": "ok"}


@forks
def test_a_worker_that_crashes_fails_its_file_alone(folder, db, monkeypatch):
    def crash():
        faulthandler.disable()  # pytest's would print the worker's stack on the way down
        os.kill(os.getpid(), signal.SIGSEGV)

    _patch_plain(monkeypatch, crash)
    result = runner.invoke(app, ["ingest", "--quiet", str(folder)])
    assert result.exit_code == 1
    assert "avtal-2.txt: the process reading it crashed (signal SIGSEGV)" in result.stderr
    assert catalogued(db)["avtal-3.txt"] == "ok" and catalogued(db)["fast.md"] == "ok"


def test_without_workers_the_file_is_read_here_and_a_slow_one_is_not_stopped(folder, db, monkeypatch):
    calls = []
    _patch_plain(monkeypatch, lambda: calls.append(os.getpid()))
    result = runner.invoke(app, ["ingest", "--quiet", "--workers", "0", "--time-budget", "1", str(folder)])
    assert result.exit_code == 0
    assert calls == [os.getpid()]


@pytest.mark.skipif(not DEV_TXT.is_dir(), reason="../shared/dev is not beside the checkout")
def test_two_workers_write_the_same_catalogue_as_one_process(tmp_path, monkeypatch):
    exports = []
    for jobs in ("0", "2"):
        monkeypatch.setenv("IOP_DB", str(tmp_path / f"w{jobs}.db"))
        assert runner.invoke(app, ["ingest", "--quiet", "--workers", jobs, str(DEV_TXT), str(ROOT / "samples")]).exit_code == 0
        exported = json.loads(runner.invoke(app, ["export", "--format", "json"]).stdout)
        exports.append(json.dumps(exported, sort_keys=True).replace(f"w{jobs}.db", "X"))
    assert exports[0] == exports[1]


def test_the_map_step_asks_for_ocr_then_takes_the_readings(tmp_path):
    scan = ROOT / "samples" / "stockholm-sn-iop-brottsofferjourer-2025-03-17-skannad.pdf"
    task = workers.Task(scan, str(scan), scan.read_bytes(), ocr=workers.OcrPlan())
    wanted = workers.prepare(task)
    assert isinstance(wanted, workers.WantsOcr) and wanted.pages
    readings = {page: (f"Sida {page}: Överenskommelse om IOP, dnr SN 2025/17", 91.0) for page in wanted.pages}
    prepared = workers.prepare(workers.Task(scan, str(scan), scan.read_bytes(), ocr=workers.OcrPlan(), readings=readings))
    assert isinstance(prepared, workers.Prepared)
    assert prepared.document.ocr and "SN 2025/17" in prepared.document.text
