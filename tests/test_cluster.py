"""Ingest through a Dask cluster: a local scheduler and two worker processes on 127.0.0.1.

The cluster's catalogue is the local ingest's; a worker killed in the middle of a run loses no file:
each ends up catalogued or reported, and a second run resumes.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

distributed = pytest.importorskip("distributed", reason="Dask's distributed is not installed (pip install 'iop[cluster]')")

from iopcli import cluster, ocr, workers
from iopcli.catalogue import Catalogue
from iopcli.cli import app
from iopcli.errors import IopError

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SCAN = "stockholm-sn-iop-brottsofferjourer-2025-03-17-skannad.pdf"

AGREEMENT = """Överenskommelse om idéburet offentligt partnerskap
mellan Föreningen Läxhjälpen i {town} och {town} kommun
Diarienummer: KS 2024/{n}
Överenskommelsen gäller från och med 2025-01-01 till och med 2026-06-30.
"""


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """The address of a local scheduler with two worker processes (one thread each)."""
    # The workers inherit this process's environment: their OCR cache is a folder of the test's own.
    previous = os.environ.get("IOP_OCR_CACHE")
    os.environ["IOP_OCR_CACHE"] = str(tmp_path_factory.mktemp("worker-ocr-cache"))
    try:
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                      dashboard_address=":0", silence_logs=50) as local:
            yield local.scheduler_address
    finally:
        if previous is None:
            os.environ.pop("IOP_OCR_CACHE", None)
        else:
            os.environ["IOP_OCR_CACHE"] = previous


def ingest(db: Path, *args: str) -> dict:
    result = runner.invoke(app, ["ingest", "--quiet", "--json", "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def export(db: Path) -> list[dict]:
    result = runner.invoke(app, ["export", "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_cluster_ingest_exports_what_a_local_ingest_exports(scheduler, tmp_path):
    local = ingest(tmp_path / "local.db", str(SAMPLES))
    on_cluster = ingest(tmp_path / "cluster.db", "--scheduler", scheduler, str(SAMPLES))
    assert on_cluster["counts"] == local["counts"] and on_cluster["counts"]["new"] >= 9
    assert [f["path"] for f in on_cluster["files"]] == [f["path"] for f in local["files"]]  # told in walk order
    assert export(tmp_path / "cluster.db") == export(tmp_path / "local.db")

    if ocr.tesseract_available():  # what the workers recognised came back into the catalogue's OCR cache
        with Catalogue(tmp_path / "cluster.db", create=False) as catalogue:
            (sha,) = [r["sha256"] for r in catalogue.records() if r["source"] == SCAN]
        assert len(workers.cached_pages(Path(f"{tmp_path / 'cluster.db'}.ocr-cache"), sha)) == 3

    again = ingest(tmp_path / "cluster.db", "--scheduler", scheduler, str(SAMPLES))
    assert again["counts"]["unchanged"] == local["counts"]["new"] and again["counts"]["new"] == 0

    # Sent as bytes: the workers need not see the files.
    sent = ingest(tmp_path / "sent.db", "--scheduler", scheduler, "--send-files", "--ocr", "never", str(SAMPLES))
    alone = ingest(tmp_path / "alone.db", "--ocr", "never", str(SAMPLES))
    assert sent["counts"] == alone["counts"]
    assert export(tmp_path / "sent.db") == export(tmp_path / "alone.db")


def test_a_worker_killed_mid_run_loses_no_file(scheduler, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    towns = ["Vadstena", "Motala", "Mjölby", "Boxholm", "Ödeshög", "Kinda", "Ydre", "Åtvidaberg"]
    for n in range(24):
        (docs / f"avtal-{n:02}.txt").write_text(AGREEMENT.format(town=towns[n % len(towns)], n=n), encoding="utf-8")
    # Among the others, so that it first shares a task with some of them (small files go 8 to a task).
    (docs / "avtal-10-giftig.txt").write_text(AGREEMENT.format(town="Linköping", n=99), encoding="utf-8")

    def slow_and_one_that_kills_its_worker(job):
        # A nested function: Dask sends it whole to the workers, which cannot import a test module.
        if job.task.key.endswith("giftig.txt"):
            os.kill(os.getpid(), signal.SIGKILL)  # a crash that takes its worker down, every time
        time.sleep(0.15)
        return workers.map_file(job)

    db = tmp_path / "iop.db"
    with cluster.connect(scheduler) as client:
        pids = list(client.run(os.getpid).values())
        killed = []

        def progress(path, done, total):
            if done >= 6 and not killed:  # mid-run: kill a worker holding files in flight
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        with Catalogue(db) as catalogue:
            summary = cluster.ingest(catalogue, [docs], client, progress, ocr="never",
                                     function=slow_and_one_that_kills_its_worker)
        assert killed
        outcomes = {Path(o.path).name: (o.outcome, o.reason) for o in summary.outcomes}
        assert len(outcomes) == 25
        # Its task's workers died twice: its files ran again one to a task, and its own workers twice.
        assert outcomes.pop("avtal-10-giftig.txt") == ("failed", cluster.KILLED)
        assert {outcome for outcome, _ in outcomes.values()} == {"new"}, [(k, v) for k, v in outcomes.items() if v[0] != "new"]
        with sqlite3.connect(db) as conn:
            rows = dict(conn.execute("select source, status from documents"))
        assert len(rows) == 25 and rows["avtal-10-giftig.txt"] == "failed"
        assert all(status == "ok" for name, status in rows.items() if name != "avtal-10-giftig.txt")

        # Run again: what is catalogued is skipped before it is sent; the failed file is tried again.
        with Catalogue(db) as catalogue:
            resumed = cluster.ingest(catalogue, [docs], client, ocr="never")
        assert resumed.as_dict()["unchanged"] == 24 and resumed.as_dict()["new"] == 1


def test_an_unreachable_scheduler_is_one_error_line():
    with pytest.raises(IopError, match=r"^cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9 "):
        cluster.connect("tcp://127.0.0.1:9", timeout=0.5)


def test_send_files_without_a_scheduler_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["ingest", "--send-files", "--db", str(tmp_path / "iop.db"), str(SAMPLES)])
    assert result.exit_code == 2 and "--scheduler" in result.output
