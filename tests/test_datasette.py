"""Datasette serves the catalogue with labels, views and descriptions (when Datasette is installed)."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopcli.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if shutil.which("datasette") is None:
        pytest.skip("Datasette is not installed (pip install datasette)")
    folder = tmp_path_factory.mktemp("ds")
    db, meta = folder / "iop.db", folder / "metadata.json"
    assert runner.invoke(app, ["ingest", str(ROOT / "samples"), "--ocr", "never", "--db", str(db), "-q"]).exit_code == 0
    assert runner.invoke(app, ["datasette-metadata", "--db", str(db), "-o", str(meta)]).exit_code == 0
    port = free_port()
    server = subprocess.Popen([shutil.which("datasette"), "serve", str(db), "-m", str(meta), "-h", "127.0.0.1",
                               "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/iop"
    try:
        for _ in range(100):
            try:
                get(f"{base}.json")
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"datasette stopped: {server.stderr.read().decode()}")
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_fact_rows_show_their_document_by_name(served):
    rows = get(f"{served}/amounts.json?_labels=on&_shape=objects&sek=813514")["rows"]
    assert "linkoping-son-2019-536-iop-brottsofferjouren.docx" in {r["document_id"]["label"] for r in rows}
    assert all({"span_start", "span_end", "raw"} <= set(r) for r in rows)


def test_partnership_tables_and_views_answer_the_common_questions(served):
    parties = get(f"{served}/partnership_parties.json?_shape=objects&org_number=822004-0417&_labels=on")["rows"]
    assert parties[0]["partnership_id"]["label"] == "Brottsofferjouren i Linköping – Linköpings kommun"
    money = {m["municipality"]: m for m in get(f"{served}/public_money_per_municipality.json?_shape=objects")["rows"]}
    assert money["Linköpings kommun"]["public_sek_per_year"] >= 472200
    names = {t["name"] for t in get(f"{served}.json")["tables"]}
    assert {"partnerships", "partnership_documents", "partnership_parties", "partnership_amounts"} <= names


def test_the_metadata_describes_every_table(served):
    described = get(served.rsplit("/", 1)[0] + "/-/metadata.json")["databases"]["iop"]["tables"]
    assert described["partnerships"]["label_column"] == "label" and "description" in described["amounts"]
