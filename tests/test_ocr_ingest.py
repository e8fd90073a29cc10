"""Scans through the whole pipeline: OCR'd when Tesseract is here, catalogued as "needs OCR" when not."""
from __future__ import annotations

import json
import os
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


# --- How well a scan was read, from Tesseract to `iop show` and `iop check` ---------------------

SCAN_PAGES = {  # page: (text, mean word confidence) as the fake Tesseract reads them
    1: ("Överenskommelse om idéburet offentligt partnerskap\nDnr KS 2018/14\n"
        "Mellan Vadstena kommun och Föreningen Gården.", 93.4),
    2: ("Ekonomi\nBidraget uppgår till 450 000 kr per år.", 53.8),
}


def fake_tesseract_on_path(folder: Path, monkeypatch) -> list[int]:
    """Put a `tesseract` that only answers --version and --list-langs on PATH, and read pages as
    SCAN_PAGES says (no real recognition); give the list the pages read are appended to."""
    script = folder / "bin" / "tesseract"
    script.parent.mkdir()
    script.write_text('#!/bin/sh\ncase "$1" in\n  --version) echo "tesseract 9.9.9";;\n'
                      '  --list-langs) printf "List of available languages (1):\\nswe\\n";;\nesac\n')
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{script.parent}{os.pathsep}{os.environ['PATH']}")
    read = []

    def read_page(engine, image, dpi, where):
        page = int(where.rsplit(" ", 1)[1])
        read.append(page)
        return ocr.PageReading(*SCAN_PAGES[page])

    monkeypatch.setattr(ocr, "_read_page", read_page)
    return read


@pytest.fixture
def poorly_read_scan(tmp_path, monkeypatch):
    """A two-page scan whose second page Tesseract read with low confidence, ingested."""
    from PIL import Image

    monkeypatch.setenv("IOP_DB", str(tmp_path / "iop.db"))
    read = fake_tesseract_on_path(tmp_path, monkeypatch)
    folder = tmp_path / "scans"
    folder.mkdir()
    Image.new("L", (85, 120), 255).save(folder / "avtal-skannat.pdf", resolution=10, save_all=True,
                                        append_images=[Image.new("L", (85, 120), 255)])
    result = runner.invoke(app, ["ingest", str(folder)])
    assert result.exit_code == 0, result.output
    assert read == [1, 2]
    return folder, read


def test_page_confidence_reaches_the_catalogue(poorly_read_scan, tmp_path):
    import sqlite3

    [record] = json.loads(runner.invoke(app, ["export"]).output)
    assert record["page_confidence"] == [93, 54]
    [amount] = record["amounts"]
    assert amount["evidence"]["ocr_confidence"] == 54 and amount["evidence"]["note"] == "OCR 54%"
    case_number = record["evidence"]["case_numbers"][0]
    assert (case_number["page"], case_number["ocr_confidence"], case_number["note"]) == (1, 93, "OCR")
    with sqlite3.connect(tmp_path / "iop.db") as db:
        assert db.execute("select page_confidence from documents").fetchone() == ("[93, 54]",)
        assert db.execute("select sek, ocr_confidence from amounts").fetchall() == [(450000, 54)]


def test_page_confidence_comes_back_from_the_ocr_cache(poorly_read_scan, tmp_path):
    folder, read = poorly_read_scan
    (tmp_path / "iop.db").unlink()
    read.clear()
    assert runner.invoke(app, ["ingest", "-q", str(folder)]).exit_code == 0
    assert read == []  # both pages from the cache, with their confidence
    [record] = json.loads(runner.invoke(app, ["export"]).output)
    assert record["page_confidence"] == [93, 54]


def test_show_marks_facts_from_a_poorly_read_page(poorly_read_scan):
    shown = runner.invoke(app, ["show", "KS 2018/14"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    amount_line = next(line for line in shown.output.splitlines() if "450 000 kr" in line)
    assert "(OCR 54%)" in amount_line
    assert "(OCR 93%)" not in shown.output  # a page read well is not marked
    [partnership] = json.loads(runner.invoke(app, ["show", "KS 2018/14", "--json"]).output)
    [amount] = partnership["amounts"]
    assert amount["evidence"]["ocr_confidence"] == 54 and amount["evidence"]["note"] == "OCR 54%"


def test_check_warns_of_a_poorly_read_page(poorly_read_scan):
    checked = runner.invoke(app, ["check", "--json"])
    assert checked.exit_code == 1
    warnings = [w["warning"] for w in json.loads(checked.output)]
    assert ("avtal-skannat.pdf: page 2 read by OCR with low confidence (54%); "
            "check its facts against the paper") in warnings
    assert not any("page 1 read by OCR" in w for w in warnings)


@needs_tesseract
def test_a_clean_scan_is_read_with_high_confidence_and_nothing_is_marked(tmp_path):
    from iopcli.ocrtext import LOW_CONFIDENCE

    record = build_record(readers.read(SCAN, ocr=ocr_reader("auto", tmp_path / "cache")))
    assert len(record["page_confidence"]) == 3
    assert all(c is not None and c >= LOW_CONFIDENCE for c in record["page_confidence"])
    assert all(p["evidence"]["ocr_confidence"] >= LOW_CONFIDENCE and p["evidence"]["note"] == "OCR"
               for p in record["parties"])
