"""Issue 12: nothing lost, nothing hangs. Concurrent ingests, files as users have them (odd names,
loops, special files, deleted and moved files), resource bounds, single-command crashes, safe
output (control characters, CSV formulas) and a truly read-only `iop query`.

Each test names the item of the issue it covers.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopcli.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"

sys.path.insert(0, str(ROOT / "bench"))
from fuzzcases import AGREEMENT  # noqa: E402  -- one good agreement, KS 2024/{n}: the fuzz suite's too


@pytest.fixture()
def folder(tmp_path, db) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "avtal.txt").write_text(AGREEMENT.format(n=118), encoding="utf-8")
    return docs


def ingest(*paths, extra: tuple[str, ...] = ()):
    return runner.invoke(app, ["ingest", "--quiet", *extra, *map(str, paths)])


def rows(db: Path, sql: str, params=()) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def no_traceback(result) -> bool:
    return "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


# --- 1. concurrent ingests ----------------------------------------------------------------------

def _iop(args: list[str], db: Path) -> subprocess.Popen:
    env = {**os.environ, "IOP_DB": str(db), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "iopcli", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _many(folder: Path, first: int, count: int) -> Path:
    folder.mkdir()
    for n in range(first, first + count):
        (folder / f"avtal-{n}.txt").write_text(AGREEMENT.format(n=n), encoding="utf-8")
    return folder


def test_item1_two_concurrent_ingests_of_different_folders_both_catalogue_every_file(tmp_path, db):
    a, b = _many(tmp_path / "a", 1, 25), _many(tmp_path / "b", 100, 25)
    runs = [_iop(["ingest", "--quiet", str(a)], db), _iop(["ingest", "--quiet", str(b)], db)]
    results = [run.communicate(timeout=300) + (run.returncode,) for run in runs]
    for stdout, stderr, code in results:
        assert code == 0, stderr
        assert "Traceback" not in stderr and "locked" not in stderr
    assert rows(db, "select count(*) from documents where status = 'ok'") == [(50,)]
    assert rows(db, "select count(*) from versions") == [(50,)]


def test_item1_the_same_folder_twice_at_once_writes_each_version_once(tmp_path, db):
    a = _many(tmp_path / "a", 1, 20)
    runs = [_iop(["ingest", "--quiet", str(a)], db) for _ in range(2)]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
    assert rows(db, "select count(*) from documents") == [(20,)]
    assert rows(db, "select count(*) from versions") == [(20,)]


def test_item1_a_second_ingest_says_it_waits_for_the_first(tmp_path, db):
    from iopcli.catalogue import ingest_lock

    folder = _many(tmp_path / "a", 1, 2)
    with ingest_lock(db):
        run = _iop(["ingest", "--quiet", str(folder)], db)
        time.sleep(1.5)
        assert run.poll() is None  # it waits rather than fail
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 0
    assert "waiting for another ingest" in stderr.lower()


# --- 2. a file name that is not UTF-8 ---------------------------------------------------------

def test_item2_a_name_that_is_not_utf8_neither_aborts_the_run_nor_hides_other_files(folder, db):
    odd = os.path.join(os.fsencode(folder), b"m-\xff.md")
    with open(odd, "wb") as file:
        file.write(AGREEMENT.format(n=7).encode())
    (folder / "z-efter.txt").write_text(AGREEMENT.format(n=9), encoding="utf-8")
    result = ingest(folder)
    assert result.exit_code == 0, result.output
    assert "3 new" in result.stdout
    paths = [p for (p,) in rows(db, "select path from documents")]
    assert any(p.endswith("m-\\xff.md") for p in paths)
    assert rows(db, "select count(*) from partnerships")[0][0] >= 1
    assert "0 new, 0 updated, 3 unchanged" in ingest(folder).stdout


# --- 3. deleted, moved and edited-in-place files -----------------------------------------------

def test_item3_a_deleted_file_is_marked_missing_and_leaves_its_partnership(folder, db):
    (folder / "annat.txt").write_text(AGREEMENT.format(n=55), encoding="utf-8")
    assert ingest(folder).exit_code == 0
    (folder / "annat.txt").unlink()
    result = ingest(folder)
    assert result.exit_code == 0
    assert "1 missing" in result.stdout
    assert rows(db, "select status from documents where source = 'annat.txt'") == [("missing",)]
    linked = " ".join(r for (r,) in rows(db, "select record from partnerships"))
    assert "annat.txt" not in linked and "avtal.txt" in linked
    shown = runner.invoke(app, ["show", "KS 2024/55"])
    assert shown.exit_code == 1
    # It comes back when the file does.
    (folder / "annat.txt").write_text(AGREEMENT.format(n=55), encoding="utf-8")
    ingest(folder)
    assert rows(db, "select status from documents where source = 'annat.txt'") == [("ok",)]


def test_item3_a_renamed_file_is_recognised_by_its_hash_and_counted_once(folder, db):
    assert ingest(folder).exit_code == 0
    (folder / "avtal.txt").rename(folder / "omdopt.txt")
    result = ingest(folder)
    assert result.exit_code == 0, result.output
    assert "0 new" in result.stdout and "1 moved" in result.stdout
    assert rows(db, "select source, status from documents") == [("omdopt.txt", "ok")]
    assert rows(db, "select count(*) from versions") == [(1,)]
    (record,) = rows(db, "select record from partnerships")
    assert [d["source"] for d in json.loads(record[0])["documents"]] == ["omdopt.txt"]


def test_item3_rehash_sees_an_edit_that_keeps_size_and_mtime(folder, db):
    target = folder / "avtal.txt"
    assert ingest(folder).exit_code == 0
    stat = target.stat()
    target.write_text(AGREEMENT.format(n=119), encoding="utf-8")  # same length, one digit
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert "1 unchanged" in ingest(folder).stdout  # the quick check cannot see it
    result = ingest(folder, extra=("--rehash",))
    assert "1 updated" in result.stdout, result.output
    assert rows(db, "select count(*) from case_numbers where value = 'KS 2024/119'") == [(1,)]


# --- 4 and 7. loops, special files, unreadable folders ----------------------------------------

def test_item4_a_symlink_loop_in_a_folder_is_skipped_with_a_reason(folder, db):
    (folder / "loop").symlink_to(folder / "loop")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)
    result = ingest(folder)
    assert no_traceback(result), result.output
    assert "1 new" in result.stdout
    assert "loop" in result.output


def test_item7_a_fifo_named_on_the_command_line_is_skipped_without_reading(folder, db):
    fifo = folder / "rör.txt"
    os.mkfifo(fifo)
    result = ingest(fifo, folder / "avtal.txt")
    assert no_traceback(result), result.output
    assert "not a regular file" in result.output and "1 new" in result.stdout


def test_item7_a_link_to_dev_zero_in_a_folder_is_skipped_with_a_reason(folder, db):
    (folder / "noll.txt").symlink_to("/dev/zero")
    os.mkfifo(folder / "rör.md")
    result = ingest(folder)
    assert no_traceback(result), result.output
    assert "1 new" in result.stdout
    assert result.output.count("not a regular file") == 2


def test_item7_a_folder_iop_may_not_enter_is_reported_and_the_run_goes_on(folder, db, monkeypatch):
    locked = folder / "låst"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(os.fsdecode(path)).name == "låst":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = ingest(folder)
    assert no_traceback(result), result.output
    assert "1 new" in result.stdout
    assert "låst" in result.output and "permission denied" in result.output.lower()


# --- 6. resource bounds ---------------------------------------------------------------------

def test_item6_text_over_the_cap_fails_with_one_line(folder, db, monkeypatch):
    from iopcli import readers

    monkeypatch.setattr(readers, "MAX_TEXT_CHARS", 10_000)
    (folder / "stor.txt").write_text(AGREEMENT.format(n=3) + "ord " * 5000, encoding="utf-8")
    result = ingest(folder)
    assert "1 new" in result.stdout
    assert "too much text" in result.stderr


def test_item6_a_docx_that_inflates_past_the_cap_is_refused_before_inflating(folder, db, monkeypatch):
    from iopcli import readers

    monkeypatch.setattr(readers, "MAX_INFLATED_BYTES", 1_000_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("word/document.xml", b"<" + b" " * 5_000_000 + b">")
    (folder / "bomb.docx").write_bytes(buffer.getvalue())
    result = ingest(folder)
    assert "1 new" in result.stdout
    assert "inflates to" in result.stderr


# --- 8. single-command tracebacks -----------------------------------------------------------

def test_item8_expiring_with_a_huge_window_is_a_usage_error(folder):
    ingest(folder)
    result = runner.invoke(app, ["expiring", "--within", "99999999999y"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--within" in result.output


@pytest.mark.parametrize("where", ["/nonexistent/x.csv", "FOLDER"])
def test_item8_export_to_a_place_it_cannot_write_is_an_error_line(folder, where):
    ingest(folder)
    target = str(folder) if where == "FOLDER" else where
    result = runner.invoke(app, ["export", "--format", "csv", "-o", target])
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert "Error:" in result.stderr and "cannot write" in result.stderr


def test_item8_extract_of_a_damaged_pdf_still_prints_the_good_file(folder, tmp_path):
    damaged = tmp_path / "trasig.pdf"
    data = bytearray((SAMPLES / "linkoping-son-2024-1523-utvardering-brovi.pdf").read_bytes())
    data[444] = 161  # one byte of the page tree: PDFium opens the file, then cannot load page 2
    damaged.write_bytes(bytes(data))
    result = runner.invoke(app, ["extract", "--json", str(damaged), str(folder / "avtal.txt")])
    assert isinstance(result.exception, SystemExit) or result.exception is None
    assert result.exit_code == 1
    assert [r["source"] for r in json.loads(result.stdout)] == ["avtal.txt"]
    assert "trasig.pdf: not a readable PDF (page 2 is damaged)" in result.stderr


def test_item8_a_schema_version_that_is_not_a_number_is_a_clear_error(folder, db):
    ingest(folder)
    with sqlite3.connect(db) as conn:
        conn.execute("update meta set value = 'abc' where key = 'schema_version'")
    result = runner.invoke(app, ["partnerships"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "schema" in result.stderr


# --- 9. terminal injection -------------------------------------------------------------------

def test_item9_control_characters_never_reach_the_terminal(folder, db):
    (folder / "elak\x1b[31m.txt").write_text(AGREEMENT.format(n=4) + "\nhemlig\x1b[2J\x1b[H text\x9b1m\x07\n",
                                             encoding="utf-8")
    ingest(folder)
    outputs = [ingest(folder, extra=("--rehash",)),
               runner.invoke(app, ["search", "hemlig"]),
               runner.invoke(app, ["query", "select source, text from documents"]),
               runner.invoke(app, ["query", "select source, text from documents", "--csv"]),
               runner.invoke(app, ["query", "select source, text from documents", "--json"]),
               runner.invoke(app, ["show", "--documents", "KS 2024/4"]),
               runner.invoke(app, ["show", "nonexistent\x1b[2J"])]
    for result in outputs:
        assert "\x1b" not in result.output and "\x9b" not in result.output and "\x07" not in result.output, result.output
    assert "hemlig" in outputs[1].output


# --- 10. CSV formula injection -----------------------------------------------------------------

def test_item10_csv_cells_that_would_be_formulas_are_neutralised(folder, db):
    (folder / '=HYPERLINK("http:x","y").md').write_text(AGREEMENT.format(n=5), encoding="utf-8")
    ingest(folder)
    for args in (["export", "--format", "csv"], ["query", "select source from documents", "--csv"]):
        result = runner.invoke(app, args)
        cells = [cell for row in csv.reader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";")
                 for cell in row]
        assert "'=HYPERLINK(\"http:x\",\"y\").md" in cells
        assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells)


def test_item10_cell_rule():
    from iopcli.render import csv_cell

    assert [csv_cell(v) for v in ("=1+1", "+46", "-x", "@SUM", "\tx", "\rx", "ok", -5, None)] == [
        "'=1+1", "'+46", "'-x", "'@SUM", "'\tx", "'\rx", "ok", "-5", ""]


# --- 11. a truly read-only query -------------------------------------------------------------

@pytest.mark.parametrize("sql", [
    "pragma journal_mode=delete", "pragma query_only=0", "pragma writable_schema=1",
    "attach database ':memory:' as x", "delete from documents", "vacuum",
])
def test_item11_query_refuses_anything_but_reading_before_it_runs(folder, db, sql):
    ingest(folder)
    header = db.read_bytes()[:100]
    result = runner.invoke(app, ["query", sql])
    assert result.exit_code == 1 and "Error:" in result.stderr, result.output
    assert db.read_bytes()[:100] == header
    assert rows(db, "pragma journal_mode") == [("wal",)]
    assert rows(db, "select count(*) from documents") == [(1,)]


def test_item11_reading_queries_still_work(folder, db):
    ingest(folder)
    result = runner.invoke(app, ["query", "select count(*) as n from documents", "--json"])
    assert json.loads(result.stdout) == [{"n": 1}]
    result = runner.invoke(app, ["query", "select rowid from documents_fts where documents_fts match 'kommun'",
                                 "--json"])
    assert result.exit_code == 0, result.output


# --- unclear messages -------------------------------------------------------------------------

def test_messages_search_for_nothing_is_a_usage_error(folder):
    ingest(folder)
    result = runner.invoke(app, ["search", ""])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_messages_html_followed_by_random_bytes_is_not_a_document(folder, db):
    import random

    noise = random.Random(1).randbytes(20000)
    (folder / "sida.html").write_bytes(b"<html>" + noise)
    result = ingest(folder)
    assert "1 failed" in result.stdout
    assert "binary data" in result.stderr


def test_messages_a_damaged_zip_stream_says_so_in_words(folder):
    from tests.test_robustness import half_a_docx  # noqa: F401 -- a docx to damage

    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(AGREEMENT.format(n=1) * 40)
    document.save(buffer)
    data = bytearray(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 20, start + 60):
        data[offset] ^= 0x55
    (folder / "skadad.docx").write_bytes(bytes(data))
    result = ingest(folder)
    assert "(damaged: error)" not in result.stderr
    assert "skadad.docx" in result.stderr


def test_item3_prune_removes_missing_documents_and_keeps_their_versions_if_asked(folder, db):
    (folder / "annat.txt").write_text(AGREEMENT.format(n=55), encoding="utf-8")
    (folder / "tredje.txt").write_text(AGREEMENT.format(n=66), encoding="utf-8")
    assert ingest(folder).exit_code == 0
    (folder / "annat.txt").unlink()
    (folder / "tredje.txt").unlink()
    ingest(folder)
    kept = runner.invoke(app, ["prune", "--keep-versions", "tredje.txt"])
    assert kept.exit_code == 0, kept.output
    assert "1 missing document removed" in kept.stdout
    result = runner.invoke(app, ["prune"])
    assert result.exit_code == 0, result.output
    assert "1 missing document removed" in result.stdout
    assert rows(db, "select source from documents order by source") == [("avtal.txt",)]
    assert rows(db, "select count(*) from versions where path like '%annat.txt'") == [(0,)]
    assert rows(db, "select count(*) from versions where path like '%tredje.txt'") == [(1,)]
    assert rows(db, "select count(*) from case_numbers where value = 'KS 2024/55'") == [(0,)]
    assert rows(db, "select count(*) from documents_fts") == [(1,)]  # the full-text index follows
    assert "nothing to prune" in runner.invoke(app, ["prune"]).stdout


def _catalogue_state(db: Path) -> tuple:
    """What an ingest leaves: each document's source, hash and record (without times), and the versions."""
    documents = sorted((source, sha, json.dumps({k: v for k, v in json.loads(record).items() if k != "ingested_at"},
                                                  sort_keys=True))
                       for source, sha, record in rows(db, "select source, sha256, record from documents"))
    versions = sorted(rows(db, "select path, version, sha256 from versions"))
    return documents, [(Path(p).name, v, s) for p, v, s in versions]


def test_kill_9_during_ingest_then_a_rerun_equals_an_uninterrupted_ingest(tmp_path):
    """Random `kill -9` during an ingest, three times, then the same command to the end: the catalogue
    is the one an uninterrupted ingest makes (no half-written document, no duplicate version)."""
    import random
    import signal

    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(40):
        (docs / f"avtal-{n:02d}.txt").write_text(AGREEMENT.format(n=100 + n) + ("Bilaga. " * 400), encoding="utf-8")
    command = [sys.executable, "-m", "iopcli", "ingest", str(docs), "-q", "--ocr", "never", "--db"]
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    started = time.perf_counter()
    subprocess.run(command + [str(clean_db)], capture_output=True, check=True, timeout=300)
    whole = time.perf_counter() - started  # kills fall inside a run of this length, wherever it is
    chance = random.Random(9)
    killed_while_running = 0
    for _ in range(3):
        process = subprocess.Popen(command + [str(killed_db)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(0.3, 0.7) * whole)
        killed_while_running += process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert killed_while_running >= 1  # (else the test proves nothing)
    subprocess.run(command + [str(killed_db)], capture_output=True, check=True, timeout=300)
    assert _catalogue_state(killed_db) == _catalogue_state(clean_db)


def test_a_search_that_is_not_fts5_syntax_is_looked_for_as_written(folder, db):
    assert ingest(folder).exit_code == 0
    result = runner.invoke(app, ["search", "2024/118", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) and "avtal.txt" in result.output


def test_messages_a_link_named_txt_is_read_as_text_whatever_its_target_is_called(folder, db, tmp_path):
    # The issue: a symlink to /etc/passwd named `.txt` was reported as "not a document type iop reads"
    # (the type was taken from the target's name). It is read as the text its name says, and judged
    # on what it holds: no IOP, so no partnership, and no misleading line.
    target = tmp_path / "passwd"
    target.write_text("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n")
    (folder / "pw.txt").symlink_to(target)
    result = ingest(folder)
    assert result.exit_code == 0, result.output
    assert "not a document type" not in result.output
    # The catalogue knows a file by its real path (a link and its target are one document).
    assert rows(db, "select file_type, status from documents where path = ?", (str(target),)) == [("txt", "ok")]


def test_messages_a_catalogue_that_can_be_read_but_not_written_still_answers_reads(folder, db, monkeypatch):
    ingest(folder)
    real_connect = sqlite3.connect

    def read_only(target, *args, **kwargs):  # the effect of chmod 444 (root ignores chmod)
        return real_connect(f"file:{target}?mode=ro", *args, uri=True, **{k: v for k, v in kwargs.items() if k != "uri"})

    monkeypatch.setattr("iopcli.catalogue.sqlite3.connect", read_only)
    shown = runner.invoke(app, ["partnerships", "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)
    again = ingest(folder)
    assert again.exit_code == 1
    assert "read-only" in again.output and "Traceback" not in again.output
