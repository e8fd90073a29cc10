"""Scans through the whole pipeline: OCR'd when Tesseract is here, catalogued as "needs OCR" when not."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopcli import ocr, readers
from iopcli.cli import app
from iopcli.ingest import ocr_reader
from iopcli.record import build_record

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SCAN = SAMPLES / "stockholm-sn-iop-brottsofferjourer-2025-03-17-skannad.pdf"
TEXT_VERSION = SAMPLES / "stockholm-sn-iop-brottsofferjourer-2025-03-17.pdf"
runner = CliRunner()

needs_tesseract = pytest.mark.skipif(not (ocr.tesseract_available() and ocr.swedish_available()),
                                     reason="Tesseract with Swedish is not installed")


def crisp(record: dict) -> dict:
    return {
        "case_numbers": record["case_numbers"],
        "document_date": record["document_date"],
        "org_numbers": sorted(p["org_number"] for p in record["parties"] if p["org_number"]),
        "period": {k: record["period"][k] for k in ("start", "end", "notice_months", "extension")},
        "amounts": [(a["sek"], a["per"], a["role"]) for a in record["amounts"]],
    }


@needs_tesseract
def test_scanned_sample_gives_the_record_of_its_text_version(tmp_path):
    reader = ocr_reader("auto", tmp_path / "cache")
    scanned = build_record(readers.read(SCAN, ocr=reader))
    text = build_record(readers.read(TEXT_VERSION, ocr=reader))
    assert scanned["ocr"] and not text["ocr"]
    assert crisp(scanned) == crisp(text)
    assert crisp(text)["org_numbers"] == ["802015-4822", "802476-1044", "802490-7720"]
    # Every fact from a scan says so in its evidence, for a reader to double-check.
    assert all(p["evidence"]["note"] for p in scanned["parties"])
    assert any("recognised by OCR" in w for w in scanned["warnings"])


@needs_tesseract
def test_text_pdf_is_never_ocred_in_auto_mode(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(ocr, "ocr_pdf_pages", lambda *a, **k: calls.append(a) or {})
    document = readers.read(TEXT_VERSION, ocr=ocr_reader("auto", tmp_path / "cache"))
    assert calls == [] and not document.ocr


@needs_tesseract
def test_ocr_results_are_cached_by_file_hash(tmp_path, monkeypatch):
    monkeypatch.setenv("IOP_DB", str(tmp_path / "iop.db"))
    folder = tmp_path / "scans"
    folder.mkdir()
    shutil.copy(SAMPLES / "linkoping-son-2019-536-underskrifter-skannad.png", folder)
    assert runner.invoke(app, ["ingest", "-q", str(folder)]).exit_code == 0
    (tmp_path / "iop.db").unlink()
    runs = []
    real_tesseract = ocr._tesseract
    monkeypatch.setattr(ocr, "_tesseract", lambda *a, **k: runs.append(1) or real_tesseract(*a, **k))
    again = runner.invoke(app, ["ingest", "-q", str(folder), "--json"])
    assert json.loads(again.output)["counts"]["new"] == 1
    assert runs == []


def test_without_tesseract_scans_are_catalogued_as_needing_ocr(tmp_path, monkeypatch):
    monkeypatch.setenv("IOP_DB", str(tmp_path / "iop.db"))
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(SCAN, folder)
    (folder / "beslut.txt").write_text("Dnr KS 2018/14\nBeslut om IOP med Föreningen Gården.", encoding="utf-8")
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    result = runner.invoke(app, ["ingest", str(folder)])
    assert result.exit_code == 0, result.output
    assert "1 new, 0 updated, 0 unchanged, 1 needs OCR" in result.output
    assert "apt-get install tesseract-ocr tesseract-ocr-swe" in result.output
    records = json.loads(runner.invoke(app, ["export"]).output)
    scan = next(r for r in records if r["source"] == SCAN.name)
    assert scan["status"] == "needs_ocr" and "no text layer; needs OCR" in scan["warnings"]


@needs_tesseract
def test_ingest_with_ocr_later_fills_in_a_scan_that_needed_it(tmp_path, monkeypatch):
    monkeypatch.setenv("IOP_DB", str(tmp_path / "iop.db"))
    folder = tmp_path / "scans"
    folder.mkdir()
    shutil.copy(SCAN, folder)
    assert "1 needs OCR" in runner.invoke(app, ["ingest", "--ocr", "never", str(folder)]).output
    filled = runner.invoke(app, ["ingest", "--ocr", "auto", str(folder)])
    assert "0 new, 1 updated" in filled.output
    [record] = json.loads(runner.invoke(app, ["export"]).output)
    assert record["status"] == "ok" and record["period"]["end"] == "2025-12-31"
