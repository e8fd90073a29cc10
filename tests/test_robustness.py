"""Bad input, through `iop ingest`: one `Error: <path>: <reason>` line per failing file, the other
files ingested, exit code 1 (0 when nothing failed), and nothing already in the catalogue lost.

Also: an ingest interrupted in the middle of a file's record, catalogues that cannot be used, the
same folder reached by different paths, and idempotency measured on the database's own rows.
"""
from __future__ import annotations

import io
import json
import os
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopcli.cli import app

runner = CliRunner()
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SAMPLE_PDF = SAMPLES / "linkoping-son-2024-1523-utvardering-brovi.pdf"

from tests.test_hostile import AGREEMENT as _TEMPLATE  # noqa: E402

AGREEMENT = _TEMPLATE.format(n=118)


@pytest.fixture()
def folder(tmp_path, db) -> Path:
    """A folder holding one good agreement, to check that the run goes on past a bad file."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "avtal.txt").write_text(AGREEMENT, encoding="utf-8")
    return docs


def ingest(*paths, extra: tuple[str, ...] = ()):
    return runner.invoke(app, ["ingest", "--quiet", *extra, *map(str, paths)])


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def pdf_bytes(text: str = AGREEMENT, encrypt: str | None = None) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, encrypt=encrypt)
    for number, line in enumerate(text.splitlines()):
        page.drawString(72, 760 - 16 * number, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def zero_page_pdf() -> bytes:
    import pypdfium2 as pdfium

    buffer = io.BytesIO()
    empty = pdfium.PdfDocument.new()
    empty.save(buffer)
    empty.close()
    return buffer.getvalue()


def zip_without_word_body() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hej")
    return buffer.getvalue()


def half_a_docx() -> bytes:
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(AGREEMENT)
    document.save(buffer)
    return buffer.getvalue()[: len(buffer.getvalue()) // 2]


# name, content (bytes or a function giving them), what the reason says
BAD_FILES = [
    pytest.param("krypterad.pdf", lambda: pdf_bytes(encrypt="pw"), "encrypted PDF (needs a password)", id="issue-encrypted-pdf"),
    pytest.param("avklippt.pdf", lambda: SAMPLE_PDF.read_bytes()[:500], "not a readable PDF (damaged or cut short)", id="issue-truncated-pdf"),
    pytest.param("tom.pdf", b"", "empty file (0 bytes)", id="issue-empty-pdf"),
    pytest.param("tom.docx", b"", "empty file (0 bytes)", id="issue-empty-docx"),
    pytest.param("tom.txt", b"", "empty file (0 bytes)", id="issue-empty-txt"),
    pytest.param("tom.md", b"", "empty file (0 bytes)", id="issue-empty-md"),
    pytest.param("tom.html", b"", "empty file (0 bytes)", id="issue-empty-html"),
    pytest.param("omdopt.docx", "Detta är en textfil.".encode(), "not a readable Word document (the file holds text, not a .docx)", id="issue-txt-renamed-docx"),
    pytest.param("inga-sidor.pdf", zero_page_pdf, "PDF with no pages", id="issue-zero-page-pdf"),
    pytest.param("bild.png", b"this is text, not an image", "not a readable image (the file holds text)", id="issue-png-with-text"),
    pytest.param("gammal.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "the file holds an old Word (.doc)", id="own-doc-renamed-docx"),
    pytest.param("arkiv.docx", zip_without_word_body, "a ZIP or Office file of another kind", id="own-zip-renamed-docx"),
    pytest.param("halv.docx", half_a_docx, "not a readable Word document (damaged or cut short)", id="own-truncated-docx"),
    pytest.param("pdf.txt", lambda: pdf_bytes(), "not a text file (the file holds a PDF)", id="own-pdf-renamed-txt"),
    pytest.param("text.pdf", AGREEMENT.encode(), "not a readable PDF (the file holds text, not a PDF)", id="own-txt-renamed-pdf"),
]


@pytest.mark.parametrize("name, content, reason", BAD_FILES)
def test_a_bad_file_fails_alone_with_one_line_naming_it(folder, name, content, reason):
    bad = folder / name
    bad.write_bytes(content() if callable(content) else content)
    result = ingest(folder)
    assert result.exit_code == 1, result.output
    (line,) = error_lines(result)
    assert line.startswith(f"Error: {bad}: ") and reason in line, result.stderr
    assert "1 new, 0 updated, 0 unchanged, 0 needs OCR, 0 skipped, 1 failed" in result.stdout
    assert "Traceback" not in result.output
    assert runner.invoke(app, ["show", "KS", "2024/118", "--json"]).exit_code == 0


def test_the_same_reasons_in_one_folder_do_not_leak_into_each_other(folder):
    """PDFium reports a PDF with no pages without an error code of its own: what an earlier file
    left (an encrypted one) must not become the reason of a later one."""
    (folder / "a-krypterad.pdf").write_bytes(pdf_bytes(encrypt="pw"))
    (folder / "b-avklippt.pdf").write_bytes(SAMPLE_PDF.read_bytes()[:500])
    (folder / "c-inga-sidor.pdf").write_bytes(zero_page_pdf())
    result = ingest(folder)
    assert error_lines(result) == [
        f"Error: {folder / 'a-krypterad.pdf'}: encrypted PDF (needs a password)",
        f"Error: {folder / 'b-avklippt.pdf'}: not a readable PDF (damaged or cut short)",
        f"Error: {folder / 'c-inga-sidor.pdf'}: PDF with no pages",
    ]
    assert "1 new" in result.stdout and "3 failed" in result.stdout


def test_an_image_that_is_text_fails_without_tesseract_too(folder, monkeypatch):
    # Without Tesseract an image is catalogued as waiting for OCR: one that is no image must not be.
    monkeypatch.setenv("PATH", "")
    bad = folder / "bild.png"
    bad.write_text("this is text, not an image")
    result = ingest(folder)
    assert result.exit_code == 1
    assert error_lines(result) == [f"Error: {bad}: not a readable image (the file holds text)"]
    assert "0 needs OCR" in result.stdout


def test_a_real_image_without_tesseract_waits_for_ocr_and_is_no_failure(folder, monkeypatch):
    from PIL import Image

    monkeypatch.setenv("PATH", "")
    Image.new("RGB", (60, 80), "white").save(folder / "skannad.png")
    result = ingest(folder)
    assert result.exit_code == 0, result.output
    assert "1 needs OCR" in result.stdout and error_lines(result) == []


def text_of(db: Path, name: str) -> str:
    return rows(db, f"select text from documents where source = '{name}'")[0][0]


def test_utf16_without_bom_is_read_as_utf16(folder, db):
    (folder / "utf16.txt").write_bytes(AGREEMENT.replace("KS 2024/118", "KS 2024/119").encode("utf-16-le"))
    result = ingest(folder)
    assert result.exit_code == 0, result.output
    assert "2 new" in result.stdout
    assert "Överenskommelse" in text_of(db, "utf16.txt")
    assert runner.invoke(app, ["show", "KS", "2024/119", "--json"]).exit_code == 0


def test_a_nul_in_the_middle_is_dropped_with_a_warning(folder, db):
    (folder / "nul.txt").write_bytes(AGREEMENT.replace("Datum", "Dat\x00um").encode())
    result = ingest(folder)
    assert result.exit_code == 0, result.output
    text = text_of(db, "nul.txt")
    assert "\x00" not in text and "Datum: 2024-11-20" in text
    record = json.loads(rows(db, "select record from documents where source = 'nul.txt'")[0][0])
    assert record["warnings"] == ["1 NUL character(s) removed"]


def test_a_very_long_single_line_is_read(folder, db):
    line = "Föreningen ordnar läxhjälp för barn och unga i Vadstena kommun " * 16000  # 1 MB
    (folder / "lang.txt").write_text(line + "Dnr KS 2024/777", encoding="utf-8")
    result = ingest(folder)
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["show", "KS", "2024/777", "--json"]).exit_code == 0


def test_a_long_table_of_amounts_without_full_stops_is_read(folder):
    # A budget appendix: one row per line, no full stops, no blank lines. The sentence around an
    # amount is bounded on both sides, so this stays linear (bench/ingest.py measures speed).
    from iopcli.extractors.amounts import SENTENCE_LOOKBACK, _sentence

    rows_ = "".join(f"Post {n}\t{n * 1000} kr\n" for n in range(2000))
    left, right = _sentence(rows_.lower(), 20_000, 20_006)
    assert 20_000 - SENTENCE_LOOKBACK <= left and right <= 20_006 + SENTENCE_LOOKBACK
    (folder / "budget.txt").write_text(rows_, encoding="utf-8")
    assert ingest(folder).exit_code == 0


def test_an_unreadable_file_fails_alone(folder):
    bad = folder / "last.txt"
    bad.write_text(AGREEMENT, encoding="utf-8")
    bad.chmod(0)
    try:
        if os.access(bad, os.R_OK):
            pytest.skip("running as root (or with CAP_DAC_OVERRIDE): chmod 000 does not stop reading")
        result = ingest(folder)
        assert result.exit_code == 1
        assert error_lines(result) == [f"Error: {bad}: cannot read the file (permission denied)"]
        assert "1 new" in result.stdout
    finally:
        bad.chmod(0o644)


def test_a_broken_link_in_a_folder_is_named(folder):
    link = folder / "borta.pdf"
    link.symlink_to(folder / "finns-inte.pdf")
    result = ingest(folder)
    assert result.exit_code == 1
    assert error_lines(result) == [f"Error: {link}: broken link (its target {folder / 'finns-inte.pdf'} does not exist)"]
    assert "1 new" in result.stdout


def test_hidden_folders_are_not_read(folder, db):
    git = folder / ".git" / "objects"
    git.mkdir(parents=True)
    (git / "readme.txt").write_text(AGREEMENT.replace("KS 2024/118", "KS 2024/999"), encoding="utf-8")
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    result = ingest(folder)
    assert result.exit_code == 0
    assert "1 new, 0 updated, 0 unchanged, 0 needs OCR, 0 skipped, 0 failed" in result.stdout
    assert rows(db, "select source from documents") == [("avtal.txt",)]


@pytest.mark.parametrize("order", ["folder-first", "file-first"])
def test_the_same_file_reached_twice_is_ingested_once(folder, db, order):
    paths = [folder, folder / "avtal.txt"]
    result = ingest(*(paths if order == "folder-first" else reversed(paths)))
    assert result.exit_code == 0, result.output
    assert "1 new, 0 updated, 0 unchanged" in result.stdout
    assert rows(db, "select count(*) from documents") == [(1,)]
    assert rows(db, "select count(*) from versions") == [(1,)]


def test_a_linked_copy_of_a_file_is_ingested_once(folder, db):
    (folder / "lank.txt").symlink_to(folder / "avtal.txt")
    result = ingest(folder)
    assert result.exit_code == 0
    assert rows(db, "select count(*) from documents") == [(1,)]


# --- a document already in the catalogue keeps its record -----------------------------------

BREAKAGES = [
    pytest.param(lambda path: path.write_bytes(b""), "empty file (0 bytes)", id="emptied"),
    pytest.param(lambda path: path.write_bytes(path.read_bytes()[:500]), "not a readable PDF (damaged or cut short)", id="truncated"),
    pytest.param(lambda path: path.write_bytes(pdf_bytes(encrypt="pw")), "encrypted PDF (needs a password)", id="encrypted"),
]


@pytest.mark.parametrize("breakage, reason", BREAKAGES)
def test_a_catalogued_document_keeps_its_record_when_its_file_breaks(folder, db, breakage, reason):
    pdf = folder / "avtal.pdf"
    pdf.write_bytes(pdf_bytes(AGREEMENT.replace("KS 2024/118", "KS 2024/555")))
    assert ingest(folder).exit_code == 0
    before = rows(db, "select id, sha256, record, text from documents where source = 'avtal.pdf'")
    facts_before = rows(db, "select * from case_numbers order by rowid")
    original = pdf.read_bytes()

    breakage(pdf)
    os.utime(pdf, (time.time() + 5, time.time() + 5))
    result = ingest(folder)
    assert result.exit_code == 1
    assert error_lines(result) == [f"Error: {pdf}: {reason}"]
    assert rows(db, "select id, sha256, record, text from documents where source = 'avtal.pdf'") == before
    assert rows(db, "select * from case_numbers order by rowid") == facts_before
    assert rows(db, "select error from documents where source = 'avtal.pdf'") == [(reason,)]
    assert runner.invoke(app, ["show", "KS", "2024/555", "--json"]).exit_code == 0

    # Put back, the file is unchanged and its error forgotten.
    pdf.write_bytes(original)
    again = ingest(folder)
    assert again.exit_code == 0 and "0 new, 0 updated, 2 unchanged" in again.stdout
    assert rows(db, "select error from documents where source = 'avtal.pdf'") == [(None,)]


# --- an interrupted ingest ------------------------------------------------------------------

@pytest.fixture()
def three(tmp_path, db) -> Path:
    docs = tmp_path / "tre"
    docs.mkdir()
    for letter, number in (("a", 101), ("b", 102), ("c", 103)):
        (docs / f"{letter}.txt").write_text(AGREEMENT.replace("KS 2024/118", f"KS 2024/{number}"), encoding="utf-8")
    return docs


def crash_while_writing(monkeypatch, source: str) -> None:
    """Raise KeyboardInterrupt inside upsert_document after the documents row (and its FTS row) is written."""
    from iopcli import catalogue

    real = catalogue.fact_rows

    def fact_rows(record):
        if record["source"] == source:
            raise KeyboardInterrupt
        return real(record)

    monkeypatch.setattr(catalogue, "fact_rows", fact_rows)


FACT_TABLES = ("case_numbers", "parties", "org_numbers", "periods", "amounts", "deadlines", "recurring")


def test_an_interrupted_ingest_keeps_earlier_documents_whole_and_the_interrupted_one_out(three, db, monkeypatch):
    from iopcli import ingest as pipeline
    from iopcli.catalogue import Catalogue

    crash_while_writing(monkeypatch, "b.txt")
    with Catalogue(db) as catalogue, pytest.raises(KeyboardInterrupt) as interrupted:
        pipeline.ingest(catalogue, [three])
    assert isinstance(interrupted.value, pipeline.Interrupted)
    assert [(Path(o.path).name, o.outcome) for o in interrupted.value.summary.outcomes] == [("a.txt", "new")]
    assert interrupted.value.total == 3

    assert rows(db, "select source from documents") == [("a.txt",)]
    (a_id,) = rows(db, "select id from documents")[0]
    for table in FACT_TABLES:
        assert {r[0] for r in rows(db, f"select document_id from {table}")} <= {a_id}, table
    assert rows(db, "select value from case_numbers") == [("KS 2024/101",)]
    assert rows(db, "select count(*) from amounts") == [(1,)]
    assert [Path(p).name for (p,) in rows(db, "select path from versions")] == ["a.txt"]
    assert rows(db, "select rowid from documents_fts") == [(a_id,)]
    assert rows(db, "select count(*) from documents_fts where documents_fts match 'Läxhjälpen'") == [(1,)]
    # The documents that went in are linked.
    assert rows(db, "select count(*) from partnerships") == [(1,)]

    monkeypatch.undo()
    monkeypatch.setenv("IOP_DB", str(db))
    result = ingest(three)
    assert result.exit_code == 0, result.output
    assert "2 new, 0 updated, 1 unchanged" in result.stdout
    assert rows(db, "select value from case_numbers order by value") == [
        ("KS 2024/101",), ("KS 2024/102",), ("KS 2024/103",)]
    assert rows(db, "select count(*) from documents_fts") == [(3,)]


def test_ctrl_c_during_ingest_ends_with_a_short_message_and_exit_code_130(three, monkeypatch):
    crash_while_writing(monkeypatch, "b.txt")
    result = ingest(three)
    assert result.exit_code == 130
    assert "Traceback" not in result.output
    assert result.stderr.strip().splitlines() == [
        "Interrupted after 1 of 3 files: the files done are in the catalogue; run the same command again to go on."]


# --- the catalogue itself -------------------------------------------------------------------

def test_a_catalogue_that_is_not_sqlite_is_refused_and_left_alone(folder, tmp_path):
    fake = tmp_path / "iop.db"
    fake.write_text("inte en databas\n" * 10)
    result = ingest(folder, extra=("--db", str(fake)))
    assert result.exit_code == 1
    assert error_lines(result) == [f"Error: {fake}: not an iop catalogue (the file is not an SQLite database)"]
    assert fake.read_text() == "inte en databas\n" * 10


def test_another_programs_sqlite_database_is_not_migrated(folder, tmp_path):
    other = tmp_path / "annan.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table kunder (namn text)")
    result = ingest(folder, extra=("--db", str(other)))
    assert result.exit_code == 1
    assert error_lines(result) == [
        f"Error: {other}: an SQLite database, but not an iop catalogue (it has tables kunder); pass another --db"]
    assert rows(other, "select name from sqlite_master") == [("kunder",)]


def test_db_in_a_folder_that_does_not_exist_is_a_clear_error(folder, tmp_path):
    # Decided: not created, so that a typo in --db does not leave folders about.
    missing = tmp_path / "finns-inte" / "iop.db"
    result = ingest(folder, extra=("--db", str(missing)))
    assert result.exit_code == 1
    assert error_lines(result) == [
        f"Error: {missing}: the folder {missing.parent} does not exist; create it first (mkdir -p {missing.parent})"]
    assert not missing.parent.exists()


def test_db_that_is_a_folder_is_a_clear_error(folder, tmp_path):
    result = ingest(folder, extra=("--db", str(tmp_path)))
    assert result.exit_code == 1
    assert error_lines(result) == [f"Error: {tmp_path}: is a folder; give the catalogue's file name, e.g. {tmp_path / 'iop.db'}"]


def test_a_catalogue_in_a_read_only_folder_is_a_clear_error(folder, tmp_path):
    locked = tmp_path / "las"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as root (or with CAP_DAC_OVERRIDE): a read-only folder is writable")
        result = ingest(folder, extra=("--db", str(locked / "iop.db")))
        assert result.exit_code == 1
        assert error_lines(result) == [
            f"Error: {locked / 'iop.db'}: cannot create the catalogue (the folder {locked} is not writable)"]
    finally:
        locked.chmod(0o755)


def test_an_existing_catalogue_in_a_read_only_folder_is_a_clear_error(folder, tmp_path):
    place = tmp_path / "las"
    place.mkdir()
    catalogue = place / "iop.db"
    assert ingest(folder, extra=("--db", str(catalogue))).exit_code == 0
    (folder / "nytt.txt").write_text(AGREEMENT.replace("KS 2024/118", "KS 2024/1"), encoding="utf-8")
    place.chmod(0o555)
    catalogue.chmod(0o444)
    try:
        if os.access(place, os.W_OK):
            pytest.skip("running as root (or with CAP_DAC_OVERRIDE): a read-only folder is writable")
        result = ingest(folder, extra=("--db", str(catalogue)))
        assert result.exit_code == 1
        assert len(error_lines(result)) == 1
        assert error_lines(result)[0].startswith(f"Error: {catalogue}: cannot write the catalogue (")
        assert "Traceback" not in result.output
    finally:
        place.chmod(0o755)
        catalogue.chmod(0o644)


def test_one_record_per_file_whichever_path_reaches_the_folder(tmp_path, db, monkeypatch):
    docs = tmp_path / "samples"
    docs.mkdir()
    (docs / "avtal.txt").write_text(AGREEMENT, encoding="utf-8")
    (docs / "annat.txt").write_text(AGREEMENT.replace("KS 2024/118", "KS 2024/2"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "2 new" in ingest("samples/").stdout
    for form in ("./samples", str(docs), "samples/../samples", str(docs / "avtal.txt")):
        result = ingest(form)
        assert result.exit_code == 0 and "0 new, 0 updated" in result.stdout, form
    assert rows(db, "select count(*) from documents") == [(2,)]
    assert rows(db, "select count(*) from versions") == [(2,)]
    assert {p for (p,) in rows(db, "select path from documents")} == {
        str((docs / "avtal.txt").resolve()), str((docs / "annat.txt").resolve())}


# --- idempotency ----------------------------------------------------------------------------

def dump(db: Path) -> dict[str, list[tuple]]:
    """Every row of the documents, fact, version and partnership tables, without ingest times."""
    tables = {"documents": "*", "versions": "*", "partnerships": "*", **dict.fromkeys(FACT_TABLES, "*")}
    result = {}
    with sqlite3.connect(db) as conn:
        for table in tables:
            cursor = conn.execute(f"select * from {table} order by rowid" if table != "partnerships"
                                  else f"select * from {table} order by id")
            names = [d[0] for d in cursor.description]
            result[table] = [tuple(v for n, v in zip(names, row) if n != "ingested_at") for row in cursor]
    return result


@pytest.fixture()
def corpus(tmp_path, db) -> Path:
    docs = tmp_path / "korpus"
    docs.mkdir()
    (docs / "avtal.txt").write_text(AGREEMENT, encoding="utf-8")
    (docs / "avtal.pdf").write_bytes(pdf_bytes(AGREEMENT.replace("KS 2024/118", "KS 2024/5")))
    (docs / "beslut.html").write_text(f"<p>{AGREEMENT}</p>".replace("KS 2024/118", "KS 2024/6"), encoding="cp1252")
    return docs


def test_a_second_ingest_changes_nothing(corpus, db):
    assert ingest(corpus).exit_code == 0
    first = dump(db)
    result = ingest(corpus)
    assert result.exit_code == 0
    assert "0 new, 0 updated, 3 unchanged, 0 needs OCR, 0 skipped, 0 failed" in result.stdout
    assert dump(db) == first


def test_touching_a_file_leaves_it_unchanged(corpus, db):
    assert ingest(corpus).exit_code == 0
    first = dump(db)
    later = time.time() + 60
    os.utime(corpus / "avtal.pdf", (later, later))
    result = ingest(corpus)
    assert "0 new, 0 updated, 3 unchanged" in result.stdout
    after = dump(db)
    # Only the remembered mtime moves; every record, fact and version stays.
    mtime = [d[0] for d in sqlite3.connect(db).execute("select * from documents").description].index("mtime")
    strip = lambda table: [row[:mtime] + row[mtime + 1:] for row in table]  # noqa: E731
    assert strip(after["documents"]) == strip(first["documents"])
    assert {k: v for k, v in after.items() if k != "documents"} == {k: v for k, v in first.items() if k != "documents"}


def test_changed_bytes_update_the_record_and_keep_the_version(corpus, db):
    assert ingest(corpus).exit_code == 0
    (corpus / "avtal.txt").write_text(AGREEMENT.replace("2026-06-30", "2026-12-31"), encoding="utf-8")
    result = ingest(corpus)
    assert result.exit_code == 0
    assert "0 new, 1 updated, 2 unchanged" in result.stdout
    assert rows(db, "select version, document_date from versions where path like '%avtal.txt' order by version") == [
        (1, "2024-11-20"), (2, "2024-11-20")]
    assert rows(db, "select periods.period_end from periods join documents on documents.id = periods.document_id "
                    "where documents.source = 'avtal.txt'") == [("2026-12-31",)]
    history = runner.invoke(app, ["history", str(corpus / "avtal.txt"), "--json"])
    assert len(json.loads(history.stdout)) == 2
