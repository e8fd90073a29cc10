"""The catalogue: schema and migrations, one transaction per file, full-text search, read-only SQL."""
from __future__ import annotations

import json

import pytest

from iopcli.catalogue import SCHEMA_VERSION, Catalogue, schema_version
from iopcli.errors import IopError
from iopcli.model import text_document
from iopcli.record import build_record


def record_for(text: str, path: str = "/docs/a.txt") -> tuple[dict, str]:
    document = text_document(text, name=path)
    return build_record(document), document.text


def test_new_catalogue_is_at_the_current_schema_version(tmp_path):
    with Catalogue(tmp_path / "iop.db") as catalogue:
        assert schema_version(catalogue.db) == SCHEMA_VERSION
        assert {"documents", "versions", "case_numbers", "parties", "amounts", "periods", "deadlines",
                "recurring", "partnerships", "documents_fts"} <= set(catalogue.db.table_names())


def test_catalogue_from_a_newer_iop_is_refused(tmp_path):
    with Catalogue(tmp_path / "iop.db") as catalogue:
        catalogue.db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION + 1)}, pk="key")
    with pytest.raises(IopError, match="newer iop"):
        Catalogue(tmp_path / "iop.db")


def test_a_file_that_is_not_a_catalogue_is_a_clear_error(tmp_path):
    path = tmp_path / "iop.db"
    path.write_text("hello, this is not sqlite" * 100)
    with pytest.raises(IopError, match="not an iop catalogue"):
        Catalogue(path)


def test_upsert_writes_record_facts_and_a_version(tmp_path):
    record, text = record_for("Dnr SON 2024-1523\nBeloppet är 450 tkr per år.")
    with Catalogue(tmp_path / "iop.db") as catalogue:
        catalogue.upsert_document(record, text, (0,), size=10, mtime=1.0)
        row = catalogue.db.execute("select value, key, raw, page from case_numbers").fetchone()
        assert row[0] == "SON 2024-1523" and row[2] == "SON 2024-1523" and row[3] == 1
        assert catalogue.records()[0]["case_numbers"] == ["SON 2024-1523"]
        assert [v["version"] for v in catalogue.versions("/docs/a.txt")] == [1]


def test_a_file_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    first, text = record_for("Dnr SON 2024-1523")
    with Catalogue(tmp_path / "iop.db") as catalogue:
        catalogue.upsert_document(first, text, (0,), size=10, mtime=1.0)
        changed, changed_text = record_for("Dnr SON 2025-0001")

        def broken_fact_rows(record):
            raise RuntimeError("disk full")

        monkeypatch.setattr("iopcli.catalogue.fact_rows", broken_fact_rows)
        with pytest.raises(RuntimeError):
            catalogue.upsert_document(changed, changed_text, (0,), size=11, mtime=2.0)
        # The earlier record is intact: its facts and its text, one version.
        assert catalogue.records()[0]["case_numbers"] == ["SON 2024-1523"]
        assert catalogue.db.execute("select count(*) from case_numbers").fetchone()[0] == 1
        assert len(catalogue.versions("/docs/a.txt")) == 1


def test_failure_of_a_known_file_keeps_its_record(tmp_path):
    record, text = record_for("Dnr SON 2024-1523")
    with Catalogue(tmp_path / "iop.db") as catalogue:
        catalogue.upsert_document(record, text, (0,), size=10, mtime=1.0)
        catalogue.record_failure("/docs/a.txt", 10, "not a readable PDF")
        assert catalogue.records()[0]["case_numbers"] == ["SON 2024-1523"]
        assert catalogue.db.execute("select error from documents").fetchone()[0] == "not a readable PDF"


def test_full_text_search_keeps_a_a_and_o_distinct(tmp_path):
    with Catalogue(tmp_path / "iop.db") as catalogue:
        for name, text in (("/d/1.txt", "Avtalet gäller ett år."), ("/d/2.txt", "Ett ar i taget.")):
            record, body = record_for(text, name)
            catalogue.upsert_document(record, body, (0,), size=1, mtime=1.0)
        assert [r["source"] for r in catalogue.search("år")] == ["1.txt"]
        assert [r["source"] for r in catalogue.search("ar")] == ["2.txt"]


def test_read_only_query_refuses_writes(tmp_path):
    with Catalogue(tmp_path / "iop.db") as catalogue:
        with pytest.raises(IopError, match="query"):
            catalogue.read_only_query("delete from documents")
        assert catalogue.read_only_query("select count(*) as n from documents") == [{"n": 0}]


def test_records_round_trip_as_json(tmp_path):
    record, text = record_for("Överenskommelsen gäller från och med 2023-01-01 till och med 2025-12-31.")
    with Catalogue(tmp_path / "iop.db") as catalogue:
        catalogue.upsert_document(record, text, (0,), size=1, mtime=1.0)
        assert catalogue.records() == [json.loads(json.dumps(record))]


def test_migrate_applies_each_pending_migration_once_in_order(tmp_path, monkeypatch):
    import sqlite_utils

    from iopcli import schema as module

    applied = []

    def add_column(db):
        applied.append("2")
        db["documents"].add_column("reviewed_by", str)

    path = tmp_path / "iop.db"
    Catalogue(path).close()  # at the current version
    monkeypatch.setattr(module, "MIGRATIONS", (*module.MIGRATIONS, add_column))
    monkeypatch.setattr(module, "SCHEMA_VERSION", module.SCHEMA_VERSION + 1)
    with Catalogue(path) as catalogue:
        assert schema_version(catalogue.db) == module.SCHEMA_VERSION
        assert "reviewed_by" in catalogue.db["documents"].columns_dict
    Catalogue(path).close()
    assert applied == ["2"]
    assert sqlite_utils.Database(path)["meta"].get("schema_version")["value"] == str(module.SCHEMA_VERSION)


def test_a_schema_1_catalogue_upgrades_and_keeps_its_documents(tmp_path):
    import sqlite_utils

    from iopcli import schema as module

    # A catalogue as iop wrote it before OCR confidence was kept: schema 1, one scan and its amount.
    path = tmp_path / "iop.db"
    old = sqlite_utils.Database(path)
    module._migration_1(old)
    old["meta"].insert({"key": "schema_version", "value": "1"}, pk="key")
    record, text = record_for("Dnr KS 2018/14. Bidraget är 450 000 kr per år.", "/docs/skannad.pdf")
    doc_id = old["documents"].insert({"path": record["path"], "source": record["source"], "ocr": 1,
                                      "status": "ok", "text": text, "page_starts": "[0]",
                                      "record": json.dumps(record)}).last_pk
    old["amounts"].insert({"document_id": doc_id, "sek": 450000, "per": "year", "page": 1, "note": "OCR"})
    assert "ocr_confidence" not in old["amounts"].columns_dict
    old.close()

    with Catalogue(path) as catalogue:
        assert schema_version(catalogue.db) == SCHEMA_VERSION == 5
        assert catalogue.records() == [record]
        assert catalogue.search("Bidraget")[0]["source"] == "skannad.pdf"
        [amount] = catalogue.db.query("select sek, note, ocr_confidence from amounts")
        assert amount == {"sek": 450000, "note": "OCR", "ocr_confidence": None}  # never measured
        for table in ("documents", "versions"):
            assert "page_confidence" in catalogue.db[table].columns_dict
        for table in module.FACT_TABLES:
            assert "ocr_confidence" in catalogue.db[table].columns_dict
        # A scan read now stores its confidence beside the old rows.
        scanned = {**record, "path": "/docs/ny.pdf", "source": "ny.pdf", "page_confidence": [54]}
        scanned["amounts"] = [{**scanned["amounts"][0], "evidence": {
            **scanned["amounts"][0]["evidence"], "note": "OCR 54%", "ocr_confidence": 54}}]
        catalogue.upsert_document(scanned, text, (0,), size=1, mtime=1.0)
        assert [r["page_confidence"] for r in catalogue.db.query(
            "select page_confidence from documents order by id")] == [None, "[54]"]
        assert list(catalogue.db.query("select ocr_confidence from amounts order by document_id")) == [
            {"ocr_confidence": None}, {"ocr_confidence": 54}]


def test_an_org_number_is_found_through_an_index_not_a_scan(tmp_path):
    with Catalogue(tmp_path / "iop.db") as catalogue:
        plan = " ".join(str(row[-1]) for row in catalogue.db.execute(
            "explain query plan select document_id from org_numbers where number = '802002-8711'"))
    assert "USING INDEX" in plan and "SCAN" not in plan


def test_a_schema_4_catalogue_gets_span_columns_and_partnership_tables(tmp_path):
    """Schema 5: evidence offsets are span_start/span_end (start/end are dates in partnerships), and
    the partnerships are split into tables Datasette and SQL can filter."""
    import sqlite_utils

    from iopcli import schema as module

    path = tmp_path / "iop.db"
    old = sqlite_utils.Database(path)
    for migration in module.MIGRATIONS[:4]:
        migration(old)
    old["meta"].insert({"key": "schema_version", "value": "4"}, pk="key")
    doc_id = old["documents"].insert({"path": "/d/a.pdf", "source": "a.pdf", "status": "ok", "text": "x"}).last_pk
    old["amounts"].insert({"document_id": doc_id, "sek": 472200, "per": "year", "page": 1, "start": 10, "end": 20})
    partnership = {"id": "ystad-jouren-2025", "municipality": "Ystads kommun", "period": {"start": "2025-01-01"},
                   "parties": [{"name": "Jouren i Ystad", "sector": "civil", "org_number": "802002-8711"}],
                   "amounts": [{"sek": 472200, "per": "year", "role": "public_contribution", "source": "a.pdf"}],
                   "documents": [{"source": "a.pdf", "path": "/d/a.pdf", "doc_type": "overenskommelse"}]}
    old["partnerships"].insert({"id": partnership["id"], "record": json.dumps(partnership)}, pk="id")
    old.close()

    with Catalogue(path) as catalogue:
        db = catalogue.db
        assert schema_version(db) == 5
        assert list(db.query("select span_start, span_end from amounts")) == [{"span_start": 10, "span_end": 20}]
        assert list(db.query("select label, public_sek_per_year from partnerships")) == [
            {"label": "Jouren i Ystad – Ystads kommun", "public_sek_per_year": 472200}]
        assert list(db.query("select document_id from partnership_documents")) == [{"document_id": doc_id}]
        assert list(db.query("select org_number from partnership_parties")) == [{"org_number": "802002-8711"}]
        assert list(db.query("select municipality, public_sek_per_year from public_money_per_municipality")) == [
            {"municipality": "Ystads kommun", "public_sek_per_year": 472200}]
        fks = {(fk.column, fk.other_table) for fk in db["partnership_documents"].foreign_keys}
        assert fks == {("partnership_id", "partnerships"), ("document_id", "documents")}
