"""Listings in every format: nothing cut, UTF-8 whatever the console, Excel-ready CSV and xlsx."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from iopcli.cli import app
from iopcli.output import Format, Listing, emit

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
LISTINGS = ["expiring", "partnerships", "deadlines", "check", "search", "query", "history"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("out") / "iop.db"
    result = runner.invoke(app, ["ingest", str(ROOT / "samples"), "--ocr", "never", "--db", str(path), "-q"])
    assert result.exit_code == 0, result.output
    return path


def iop(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "iopcli", *args], capture_output=True, timeout=300, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


@pytest.mark.parametrize("columns", ["40", "80"])
def test_piped_expiring_keeps_every_value_whole_at_any_width(db, columns):
    args = ["expiring", "--before", "2026-01-01", "--today", "2025-06-01", "--db", str(db)]
    piped = iop(*args, env={"COLUMNS": columns})
    assert piped.returncode == 0, piped.stderr
    lines = piped.stdout.decode("utf-8").splitlines()
    assert lines[0].split("\t") == ["partnership", "ends", "days left", "status", "notice by", "note"]
    rows = json.loads(iop(*args, "--json").stdout)
    assert len(lines) == len(rows) + 1
    for line, row in zip(lines[1:], rows):
        assert line.split("\t") == [row["id"], row["end"], str(row["days_left"]), row["status"],
                                    row["notice_deadline"] or "", row["notice_note"]]


def rows(count: int) -> list[dict]:
    return [{"id": f"kommun-forening-nummer-{i:03d}", "end": "2025-12-31", "note": "förnyas automatiskt med ett år"}
            for i in range(count)]


LISTING = Listing(columns=[("id", "partnership"), ("end", "ends"), ("note", "note")], title="Avtal")


def test_a_terminal_table_wraps_never_cuts_and_says_how_many_rows_more():
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=40, height=20, color_system=None)
    assert emit(rows(30), LISTING, Format.table, None, console) == 30
    text = screen.getvalue()
    shown = [i for i in range(30) if f"kommun-forening-nummer-{i:03d}" in text]
    assert shown == list(range(len(shown))) and 10 <= len(shown) < 30
    assert f"… and {30 - len(shown)} more rows" in text
    assert "2025-12-31" in text and "…" not in text.split("… and")[0]  # wrapped, not cut with an ellipsis


def test_a_listing_that_fits_prints_every_row_and_no_more_line():
    screen = io.StringIO()
    emit(rows(3), LISTING, Format.table, None, Console(file=screen, force_terminal=True, width=120, height=40))
    assert "more row" not in screen.getvalue() and screen.getvalue().count("kommun-forening-nummer") == 3


def test_jsonl_is_one_record_per_line(db):
    result = runner.invoke(app, ["partnerships", "--db", str(db), "--format", "jsonl"])
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and len(lines) == 4
    assert {json.loads(line)["id"] for line in lines} == {p["id"] for p in json.loads(
        runner.invoke(app, ["partnerships", "--db", str(db), "--json"]).stdout)}


def test_csv_for_swedish_excel_has_decimal_commas_and_whole_numbers(db, tmp_path):
    result = runner.invoke(app, ["query", "select 1.5 as ratio, 341314.0 as sek, 'Vadstena' as kommun", "--db", str(db),
                                 "-o", str(tmp_path / "q.csv")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "q.csv").read_bytes().decode("utf-8") == "\ufeffratio;sek;kommun\r\n1,5;341314;Vadstena\r\n"


@pytest.mark.parametrize("command", LISTINGS)
def test_every_listing_command_has_format_and_output_options(command):
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert "--format" in result.stdout and "--output" in result.stdout and "--json" in result.stdout


@pytest.mark.parametrize("args", [["deadlines", "--after", "2025-01-01", "--before", "2028-01-01"], ["check"],
                                  ["search", "uppsägningstiden"], ["expiring", "--before", "2027-01-01"]])
def test_csv_of_every_listing_has_a_row_per_json_item(db, tmp_path, args):
    as_json = json.loads(runner.invoke(app, [*args, "--db", str(db), "--json", "--today", "2025-06-01"]
                                       if args[0] == "expiring" else [*args, "--db", str(db), "--json"]).stdout)
    target = tmp_path / "x.csv"
    full = [*args, "--db", str(db), "-o", str(target)] + (["--today", "2025-06-01"] if args[0] == "expiring" else [])
    result = runner.invoke(app, full)
    assert result.exit_code in (0, 1), result.output  # check exits 1 when there are warnings
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == len(as_json) + 1 and as_json


def test_xlsx_export_has_one_sheet_per_table_with_typed_cells(db, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "iop.xlsx"
    result = runner.invoke(app, ["export", "--db", str(db), "-o", str(target)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    assert {"partnerships", "documents", "parties", "amounts", "deadlines", "recurring"} <= set(book.sheetnames)
    sheet = book["partnerships"]
    header = [c.value for c in sheet[1]]
    by_id = {r[0]: dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    brovi = by_id["linkoping-brottsofferjouren-2023"]
    assert brovi["public_sek_per_year"] == 472200 and isinstance(brovi["public_sek_per_year"], int)
    assert brovi["start"].date() == date(2023, 1, 1)
    amounts = book["amounts"]
    assert 813514 in [r[header_index(amounts, "sek")] for r in amounts.iter_rows(min_row=2, values_only=True)]


def header_index(sheet, name: str) -> int:
    return [c.value for c in sheet[1]].index(name)


def test_xlsx_is_refused_on_a_terminal_without_a_file():
    screen = io.StringIO()
    with pytest.raises(Exception, match="-o FILE.xlsx"):
        emit(rows(1), LISTING, Format.xlsx, None, Console(file=screen, force_terminal=True))


def test_a_duration_without_its_unit_is_a_usage_error(db):
    result = runner.invoke(app, ["expiring", "--within", "6", "--db", str(db)])
    assert result.exit_code == 2 and "unit" in result.output


def test_json_and_another_format_at_once_is_a_usage_error(db):
    result = runner.invoke(app, ["partnerships", "--db", str(db), "--json", "--format", "csv"])
    assert result.exit_code == 2 and "two formats" in result.output


def test_search_finds_inflected_swedish_words_and_shows_where(db):
    """The README's example: the samples say "uppsägningstiden", the user types "uppsägningstid"."""
    result = runner.invoke(app, ["search", "uppsägningstid", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert {h["doc_type"] for h in hits} >= {"overenskommelse"}
    assert all("[uppsägningstid" in h["snippet"].lower() for h in hits)
    plural = json.loads(runner.invoke(app, ["search", "överenskommelser", "--db", str(db), "--json"]).stdout)
    assert any("[överenskommelsen]" in h["snippet"].lower() for h in plural)


def test_version_and_completion_are_there():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("iop ")
    assert "--install-completion" in runner.invoke(app, ["--help"], env={"COLUMNS": "200"}).stdout


@pytest.mark.parametrize("command", ["ingest", "show", "expiring", "partnerships", "deadlines", "search", "query",
                                     "diff", "history", "export", "extract", "prune"])
def test_help_shows_readable_metavars_not_python_types(command):
    text = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout
    assert "Usage: iop" in text and "Example" in text
    assert "<bool>" not in text and "<list[" not in text and "<str>" not in text and "<Path>" not in text


def test_verbose_prints_the_traceback_of_an_error(tmp_path):
    quiet = runner.invoke(app, ["show", "x", "--db", str(tmp_path / "none.db")])
    loud = runner.invoke(app, ["--verbose", "show", "x", "--db", str(tmp_path / "none.db")])
    assert quiet.exit_code == loud.exit_code == 1
    assert "Traceback" not in quiet.output and "Traceback" in loud.output and "no catalogue" in loud.output


def test_piped_diff_marks_deleted_and_inserted_words(db):
    result = runner.invoke(app, ["diff", "vadstena-ks-2024-187-iop-vantjansten-v1.docx",
                                 "vadstena-ks-2024-187-iop-vantjansten-v2.docx", "--text-only", "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "[-två-] {+fyra+} gånger per år" in result.stdout


def test_redirected_output_is_utf8_on_a_cp1252_console(db):
    env = {"PYTHONIOENCODING": "cp1252"}
    for args in (["show", "SON", "2024-1523"], ["partnerships"], ["export", "--format", "csv"]):
        result = iop(*args, "--db", str(db), env=env)
        assert result.returncode == 0, result.stderr
        assert "Linköping" in result.stdout.decode("utf-8")


@pytest.mark.parametrize("args", [["show", "SON", "1999-1"], ["search", "zzzyxw"], ["history", "nowhere.pdf"]])
def test_not_found_exits_1_everywhere_but_diff(db, args):
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 1 and "Error:" in result.output


def test_diff_keeps_the_diff_convention_2_for_trouble_like_a_missing_side(db):
    """diff's 1 means "they differ" (as in GNU diff), so a side not found is trouble: 2."""
    result = runner.invoke(app, ["diff", "nowhere-a.pdf", "nowhere-b.pdf", "--db", str(db)])
    assert result.exit_code == 2 and "nowhere-a.pdf" in result.output


def test_every_relative_link_of_the_readme_is_in_the_repository():
    import re as regex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = [t for t in regex.findall(r"\]\(([^)#]+)\)", readme) if "://" not in t]
    assert "docs/record.md" in links
    assert all((ROOT / link).exists() for link in links), [link for link in links if not (ROOT / link).exists()]


def test_a_terminal_table_fits_the_screen_width_when_its_words_do():
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=80, height=40, color_system=None, soft_wrap=True)
    wide = [{"id": "sundsvall-gemenskapsgarden-2024-2", "end": "2025-12-31",
             "note": "Återrapportera hur partnerskapet har kommit igång till nämnden i januari 2025"}] * 3
    emit(wide, LISTING, Format.table, None, console)
    assert max(len(line) for line in screen.getvalue().splitlines()) <= 80
