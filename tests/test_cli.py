"""Every command through typer's CliRunner, on a small folder of documents written here."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from iopcli.cli import app

runner = CliRunner()

AGREEMENT = """Överenskommelse om idéburet offentligt partnerskap
mellan Föreningen Läxhjälpen i Vadstena och Vadstena kommun

Diarienummer: KS 2024/118
Datum: 2024-11-20
Handläggare: Karin Holm

Period för överenskommelsen
Överenskommelsen gäller från och med 2025-01-01 till och med 2026-06-30.
Uppsägningstiden är tre (3) månader.

Ekonomi
Kommunen bidrar med 250 000 kr per år.

Parter
Offentlig sektor: Kommunstyrelsen, Vadstena kommun, organisationsnummer 212000-0522
Idéburen sektor: Föreningen Läxhjälpen i Vadstena, organisationsnummer 802468-1234
"""

PROPOSAL = """VADSTENA KOMMUN
Tjänsteskrivelse
Dnr KS 2024/118
2024-10-02

Förslag till beslut
Kommunstyrelsen tecknar överenskommelse om idéburet offentligt partnerskap med
Föreningen Läxhjälpen i Vadstena för perioden 1 januari 2025 till och med 30 juni 2026.
"""


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("IOP_DB", str(tmp_path / "test.db"))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "overenskommelse.txt").write_text(AGREEMENT, encoding="utf-8")
    (docs / "tjansteskrivelse.txt").write_text(PROPOSAL, encoding="cp1252")
    (docs / "notes.xlsx").write_bytes(b"PK\x03\x04")
    return docs


def ingest(*args: str):
    return runner.invoke(app, ["ingest", "--quiet", *args])


COMMANDS = ["ingest", "extract", "load", "prune", "relink", "show", "expiring", "export", "search", "query",
            "datasette-metadata", "partnerships", "deadlines", "check", "diff", "history", "report"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert f"iop {command}" in result.output


def test_top_level_help_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


def test_ingest_reports_counts_and_is_idempotent(folder):
    first = ingest(str(folder))
    assert first.exit_code == 0, first.output
    assert "2 new, 0 updated, 0 unchanged, 0 needs OCR, 1 skipped, 0 failed" in first.output
    again = ingest(str(folder))
    assert again.exit_code == 0
    assert "0 new, 0 updated, 2 unchanged" in again.output


def test_changed_file_is_updated_and_its_change_listed(folder):
    ingest(str(folder))
    path = folder / "overenskommelse.txt"
    path.write_text(AGREEMENT.replace("2026-06-30", "2026-12-31"), encoding="utf-8")
    result = ingest(str(folder))
    assert "0 new, 1 updated, 1 unchanged" in result.output
    assert "period.end 2026-06-30 → 2026-12-31" in result.output


def test_bad_file_fails_alone_with_one_line_naming_it(folder):
    (folder / "trasig.pdf").write_bytes(b"%PDF-1.7 broken")
    result = ingest(str(folder))
    assert result.exit_code == 1
    error_lines = [line for line in result.stderr.splitlines() if "trasig.pdf" in line]
    assert len(error_lines) == 1 and "not a readable PDF" in error_lines[0]
    assert "2 new" in result.output
    shown = runner.invoke(app, ["show", "KS", "2024/118", "--json"])
    assert shown.exit_code == 0


def test_missing_path_is_a_usage_error(folder):
    result = ingest(str(folder / "finns-inte"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


def test_show_accepts_any_written_form_of_the_case_number(folder):
    ingest(str(folder))
    for words in (["KS", "2024/118"], ["ks", "2024-118"], ["Dnr", "KS", "2024/118"], ["KS 2024/118"]):
        result = runner.invoke(app, ["show", *words, "--json"])
        assert result.exit_code == 0, (words, result.output)
        partnerships = json.loads(result.output)
        assert len(partnerships) == 1
        assert {d["source"] for d in partnerships[0]["documents"]} == {"overenskommelse.txt", "tjansteskrivelse.txt"}


def test_show_by_org_number_and_documents_view(folder):
    ingest(str(folder))
    result = runner.invoke(app, ["show", "8024681234", "--documents", "--json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert [r["source"] for r in records] == ["overenskommelse.txt"]
    assert records[0]["period"]["end"] == "2026-06-30"


def test_show_renders_a_readable_view(folder):
    ingest(str(folder))
    result = runner.invoke(app, ["show", "KS", "2024/118", "--today", "2025-03-01"])
    assert result.exit_code == 0, result.output
    for expected in ("Vadstena kommun", "2025-01-01 – 2026-06-30", "250 000 kr", "Läxhjälpen"):
        assert expected in result.output


def test_show_unknown_case_number_exits_1_with_a_clear_message(folder):
    ingest(str(folder))
    result = runner.invoke(app, ["show", "SON", "1999-1"])
    assert result.exit_code == 1
    assert "nothing in the catalogue matches 'SON 1999-1'" in result.stderr


def test_show_without_catalogue_says_how_to_make_one(tmp_path, monkeypatch):
    monkeypatch.setenv("IOP_DB", str(tmp_path / "none.db"))
    result = runner.invoke(app, ["show", "KS", "1"])
    assert result.exit_code == 1
    assert "iop ingest" in result.stderr


def test_expiring_lists_with_days_left_and_marks_ended(folder):
    ingest(str(folder))
    result = runner.invoke(app, ["expiring", "--before", "2027-01-01", "--today", "2026-05-01", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["end"], r["days_left"]) for r in rows] == [("2026-06-30", 60)]
    ended = runner.invoke(app, ["expiring", "--before", "2027-01-01", "--today", "2026-08-01", "--json"])
    assert json.loads(ended.output)[0]["status"] == "ended"
    narrowed = runner.invoke(app, ["expiring", "--before", "2027-01-01", "--after", "2026-07-01",
                                   "--today", "2026-08-01", "--json"])
    assert json.loads(narrowed.output) == []


def test_expiring_rejects_a_bad_date(folder):
    result = runner.invoke(app, ["expiring", "--before", "31/12"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output + result.stderr


def test_export_json_and_csv_for_swedish_excel(folder, tmp_path):
    ingest(str(folder))
    records = json.loads(runner.invoke(app, ["export", "--format", "json"]).output)
    assert sorted(r["source"] for r in records) == ["overenskommelse.txt", "tjansteskrivelse.txt"]
    for key in ("source", "sha256", "doc_type", "municipality", "authority", "case_numbers", "document_date",
                "officer", "parties", "period", "amounts", "deadlines", "recurring"):
        assert all(key in r for r in records)
    out = tmp_path / "iop.csv"
    assert runner.invoke(app, ["export", "--format", "csv", "-o", str(out)]).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    agreement = next(r for r in rows if r["source"] == "overenskommelse.txt")
    assert agreement["period_end"] == "2026-06-30" and agreement["amount_public"] == "250000"
    assert "Läxhjälpen" in agreement["civil_parties"]


def test_search_and_query(folder):
    ingest(str(folder))
    found = runner.invoke(app, ["search", "läxhjälpen", "--json"])
    assert found.exit_code == 0, found.output
    assert {r["source"] for r in json.loads(found.output)} == {"overenskommelse.txt", "tjansteskrivelse.txt"}
    rows = runner.invoke(app, ["query", "select sek, role from amounts", "--json"])
    assert json.loads(rows.output) == [{"sek": 250000, "role": "public_contribution"}]
    refused = runner.invoke(app, ["query", "drop table documents"])
    assert refused.exit_code == 1


def test_extract_prints_a_record_without_a_catalogue(folder, tmp_path):
    result = runner.invoke(app, ["extract", str(folder / "overenskommelse.txt"), "--json"])
    assert result.exit_code == 0, result.output
    [record] = json.loads(result.output)
    assert record["case_numbers"] == ["KS 2024/118"]
    assert not (tmp_path / "test.db").exists()


def test_a_catalogue_inside_the_folder_is_not_ingested(tmp_path, monkeypatch):
    folder = tmp_path / "diarium"
    folder.mkdir()
    (folder / "beslut.txt").write_text(PROPOSAL, encoding="utf-8")
    cache = folder / "iop.db.ocr-cache" / "ab"
    cache.mkdir(parents=True)
    (cache / "p0001.txt").write_text("Dnr SON 2024-1523", encoding="utf-8")
    monkeypatch.setenv("IOP_DB", str(folder / "iop.db"))
    first = ingest(str(folder))
    assert "1 new, 0 updated, 0 unchanged, 0 needs OCR, 0 skipped, 0 failed" in first.output
    again = ingest(str(folder))
    assert "0 new, 0 updated, 1 unchanged, 0 needs OCR, 0 skipped, 0 failed" in again.output
