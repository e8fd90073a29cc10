"""The map step as JSON Lines (`iop extract --jsonl`) and `iop load`: together they write the
catalogue `iop ingest` writes, and a line carries all the catalogue needs of its file."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopcli import mapload, ocr, workers
from iopcli.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SCAN_IMAGE = SAMPLES / "linkoping-son-2019-536-underskrifter-skannad.png"

AGREEMENT = """Överenskommelse om idéburet offentligt partnerskap
mellan Föreningen Läxhjälpen i Vadstena och Vadstena kommun
Diarienummer: KS 2024/{n}
Överenskommelsen gäller från och med 2025-01-01 till och med {end}.
"""


def extract_lines(*args: str) -> list[dict]:
    result = runner.invoke(app, ["extract", "--jsonl", *args])
    assert result.exit_code in (0, 1), result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def export(db: Path) -> list[dict]:
    result = runner.invoke(app, ["export", "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def load(jsonl: Path, db: Path, *more: str):
    return runner.invoke(app, ["load", "--quiet", "--json", "--db", str(db), str(jsonl), *more])


def write_lines(path: Path, lines: list) -> Path:
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n"
                            for line in lines), encoding="utf-8")
    return path


def test_extract_jsonl_then_load_writes_the_catalogue_ingest_writes(tmp_path):
    jsonl = tmp_path / "mapped.jsonl"
    result = runner.invoke(app, ["extract", "--jsonl", "--ocr", "never", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    jsonl.write_text(result.stdout, encoding="utf-8")
    loaded = load(jsonl, tmp_path / "loaded.db")
    ingested = runner.invoke(app, ["ingest", "--quiet", "--json", "--ocr", "never", "--db", str(tmp_path / "ingested.db"),
                                   str(SAMPLES)])
    assert loaded.exit_code == ingested.exit_code == 0, (loaded.output, ingested.output)
    assert json.loads(loaded.stdout)["counts"] == json.loads(ingested.stdout)["counts"]
    assert export(tmp_path / "loaded.db") == export(tmp_path / "ingested.db")
    partnerships = [runner.invoke(app, ["partnerships", "--json", "--db", str(tmp_path / name)]).stdout
                    for name in ("loaded.db", "ingested.db")]
    assert partnerships[0] == partnerships[1]


def test_a_line_holds_the_record_text_page_offsets_evidence_and_hash():
    pdf = SAMPLES / "linkoping-son-2024-1523-utvardering-brovi.pdf"
    (line,) = extract_lines("--ocr", "never", str(pdf))
    assert line["iop_map"] == mapload.LINE_FORMAT and line["outcome"] == "read"
    assert line["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest() == line["record"]["sha256"]
    assert line["path"] == str(pdf.resolve()) and line["size"] == pdf.stat().st_size
    assert line["mtime"] == pdf.stat().st_mtime
    record, text, starts = line["record"], line["text"], line["page_starts"]
    assert len(starts) == record["pages"] > 1 and starts == sorted(starts)
    assert "SON 2024-1523" in record["case_numbers"]
    first = record["evidence"]["case_numbers"][0]
    assert text[first["start"]:first["end"]] == first["text"]  # evidence points into the line's text
    assert "page_confidence" in record


def test_load_again_changes_nothing_and_a_changed_file_gets_a_new_version(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in (1, 2):
        (docs / f"avtal-{n}.txt").write_text(AGREEMENT.format(n=n, end="2026-06-30"), encoding="utf-8")
    db = tmp_path / "iop.db"
    first = write_lines(tmp_path / "first.jsonl", extract_lines(str(docs)))
    assert json.loads(load(first, db).stdout)["counts"]["new"] == 2
    again = json.loads(load(first, db).stdout)
    assert again["counts"]["unchanged"] == 2 and again["counts"]["new"] == 0

    (docs / "avtal-2.txt").write_text(AGREEMENT.format(n=2, end="2027-06-30"), encoding="utf-8")
    second = write_lines(tmp_path / "second.jsonl", extract_lines(str(docs)))
    changed = json.loads(load(second, db).stdout)
    assert changed["counts"]["updated"] == 1 and changed["counts"]["unchanged"] == 1
    (updated,) = [f for f in changed["files"] if f["outcome"] == "updated"]
    assert any("2027-06-30" in change for change in updated["changes"])
    with sqlite3.connect(db) as conn:
        versions = conn.execute("select count(*) from versions where path like '%avtal-2.txt'").fetchone()[0]
    assert versions == 2


def test_a_bad_line_is_reported_by_its_place_and_the_others_load(tmp_path):
    good = extract_lines(str(SAMPLES / "linkoping-son-2024-1431-iop-kvinnojouren-tjejjouren.md"))[0]
    other = {**good, "path": "/elsewhere/x.md"}  # its record is of another file
    newer = {**good, "iop_map": mapload.LINE_FORMAT + 1}
    jsonl = write_lines(tmp_path / "mixed.jsonl", ["{not json", json.dumps({"a": 1}), newer, other, good])
    result = load(jsonl, tmp_path / "iop.db")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["counts"]["new"] == 1 and summary["counts"]["failed"] == 4
    reasons = {f["path"].rsplit(":", 1)[-1]: f["reason"] for f in summary["files"] if f["outcome"] == "failed"}
    assert "not JSON" in reasons["1"] and "no iop_map" in reasons["2"]
    assert "newer than this iop reads" in reasons["3"] and "another file" in reasons["4"]


def test_a_damaged_file_is_a_failed_line_and_load_records_the_failure(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "trasig.pdf").write_bytes(b"%PDF-1.7\nnot really a pdf")
    (docs / "avtal.txt").write_text(AGREEMENT.format(n=5, end="2026-06-30"), encoding="utf-8")
    (docs / "bild.xyz").write_bytes(b"?")
    result = runner.invoke(app, ["extract", "--jsonl", str(docs)])
    assert result.exit_code == 1 and "trasig.pdf" in result.stderr
    lines = {Path(line["path"]).name: line for line in map(json.loads, result.stdout.splitlines())}
    assert {name: line["outcome"] for name, line in lines.items()} == {
        "avtal.txt": "read", "bild.xyz": "skipped", "trasig.pdf": "failed"}
    db = tmp_path / "iop.db"
    loaded = load(write_lines(tmp_path / "m.jsonl", list(lines.values())), db)
    assert loaded.exit_code == 1
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("select source, status from documents"))
    assert rows == {"avtal.txt": "ok", "trasig.pdf": "failed"}


@pytest.mark.skipif(not ocr.tesseract_available(), reason="Tesseract is not installed")
def test_ocr_readings_travel_with_the_line_and_seed_another_machines_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("IOP_OCR_CACHE", str(tmp_path / "mapper-cache"))
    (line,) = extract_lines(str(SCAN_IMAGE))
    assert line["record"]["ocr"] and line["ocr_cache"]
    sha = line["sha256"]
    assert all(name.startswith(f"{sha[:2]}/{sha}/") for name in line["ocr_cache"])
    db = tmp_path / "iop.db"
    assert load(write_lines(tmp_path / "m.jsonl", [line]), db).exit_code == 0
    assert workers.cached_pages(Path(f"{db}.ocr-cache"), sha) == line["ocr_cache"]

    # Another worker, its own cache empty, given the readings: it recognises nothing again.
    monkeypatch.setenv("IOP_OCR_CACHE", str(tmp_path / "other-worker-cache"))

    def no_tesseract(*args, **kwargs):
        raise AssertionError("read again despite the readings sent along")

    monkeypatch.setattr(ocr, "_read_page", no_tesseract)
    task = workers.Task(SCAN_IMAGE, line["path"], SCAN_IMAGE.read_bytes(), ocr=workers.OcrPlan())
    mapped = workers.map_file(workers.MapJob(task, "scan.png", 0.0, line["ocr_cache"]))
    assert mapped.outcome == "read" and mapped.text == line["text"]


def test_cache_files_of_other_bytes_or_outside_the_cache_are_not_kept(tmp_path):
    sha = "ab" + "0" * 62
    entries = {f"ab/{sha}/p0001-x.json": "{}", f"cd/{sha}/p0002.json": "{}", "../../escape.json": "{}",
               f"ab/{'ab' + '1' * 62}/p0001.json": "{}"}
    assert workers.keep_pages(tmp_path, entries, sha) == 1
    assert [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.json")] == [f"ab/{sha}/p0001-x.json"]


def test_load_has_help_with_an_example():
    result = runner.invoke(app, ["load", "--help"])
    assert result.exit_code == 0 and "Example" in result.output and "iop load" in result.output
