"""The catalogue's schema: its tables, the rows a record or a partnership becomes, and the
migrations that bring an older catalogue up to date. Pure but for the migrations' writes.
"""
from __future__ import annotations

import functools
import json
import operator
import re

import sqlite_utils

from iopcli import jsontext
from iopcli.deadlines import date_rules
from iopcli.errors import IopError

SCHEMA_VERSION = 5
FACT_TABLES = ("case_numbers", "parties", "org_numbers", "periods", "amounts", "deadlines", "recurring")
# Evidence of a fact: the page, the character span in the document's text, the text itself.
EVIDENCE_COLUMNS = {"page": int, "span_start": int, "span_end": int, "raw": str, "note": str, "ocr_confidence": int}
_EVIDENCE_COLUMNS_1 = {"page": int, "start": int, "end": int, "raw": str, "note": str}  # as schema 1 made them


def fact_rows(record: dict) -> dict[str, list[dict]]:
    """Give the rows of each fact table for a record (pure)."""
    ev = record.get("evidence", {})

    def evid(e: dict | None) -> dict:
        e = e or {}
        return {"page": e.get("page"), "span_start": e.get("start"), "span_end": e.get("end"),
                "raw": e.get("text"), "note": e.get("note") or "", "ocr_confidence": e.get("ocr_confidence")}

    from iopcli.extractors.casenumbers import case_key

    case_ev = ev.get("case_numbers") or [None] * len(record["case_numbers"])
    period = record["period"]
    extension = period.get("extension") or {}
    rows: dict[str, list[dict]] = {
        "case_numbers": [{"value": c, "key": case_key(c), **evid(e)} for c, e in zip(record["case_numbers"], case_ev)],
        "parties": [{"name": p["name"], "sector": p["sector"], "org_number": p.get("org_number"),
                     "org_number_valid": p.get("org_number_valid"), "aliases": json.dumps(p.get("aliases", []), ensure_ascii=False),
                     **evid(p.get("evidence"))} for p in record["parties"]],
        "org_numbers": [{"number": o["number"], "valid": o.get("valid"), "form": o.get("form"),
                         "repaired_from": o.get("repaired_from"), **evid(o.get("evidence"))}
                        for o in record.get("org_numbers", [])],
        "amounts": [{"sek": a["sek"], "per": a.get("per"), "role": a.get("role"), **evid(a.get("evidence"))}
                    for a in record["amounts"]],
        "deadlines": [{"date": d["date"], "what": d["what"], "party": d.get("party"), **evid(d.get("evidence"))}
                      for d in record["deadlines"]],
        "recurring": [{"what": r["what"], "times_per_year": r["times_per_year"], "party": r.get("party"),
                       "day": r.get("day"), **evid(r.get("evidence"))} for r in record["recurring"]],
        "periods": [],
    }
    if any(period.get(k) for k in ("start", "end", "notice_months", "notice_weeks", "extension")):
        rows["periods"].append({
            "period_start": period.get("start"), "period_end": period.get("end"),
            "notice_months": period.get("notice_months"), "notice_weeks": period.get("notice_weeks"),
            "stated_months": period.get("stated_months"),
            "extension_kind": extension.get("kind"), "extension_step_months": extension.get("step_months"),
            "extension_max_end": extension.get("max_end"), "extension_notice_by": extension.get("notice_by"),
            **evid(ev.get("period") or ev.get("notice") or ev.get("extension")),
        })
    return rows


def _migration_1(db: sqlite_utils.Database) -> None:
    # Written as released (schema 1); later columns are added by the migrations after it.
    db["documents"].create({
        "id": int, "path": str, "source": str, "sha256": str, "size": int, "mtime": float,
        "file_type": str, "doc_type": str, "municipality": str, "authority": str,
        "document_date": str, "officer": str, "period_start": str, "period_end": str,
        "pages": int, "ocr": int, "status": str, "error": str, "ingested_at": str,
        "text": str, "page_starts": str, "record": str,
    }, pk="id", not_null={"path"})
    db["documents"].create_index(["path"], unique=True)
    db["documents"].create_index(["sha256"])
    evidence = _EVIDENCE_COLUMNS_1
    db["case_numbers"].create({"document_id": int, "value": str, "key": str, **evidence},
                              foreign_keys=[("document_id", "documents", "id")])
    db["parties"].create({"document_id": int, "name": str, "sector": str, "org_number": str,
                          "org_number_valid": int, "aliases": str, **evidence},
                         foreign_keys=[("document_id", "documents", "id")])
    db["org_numbers"].create({"document_id": int, "number": str, "valid": int, "form": str,
                              "repaired_from": str, **evidence},
                             foreign_keys=[("document_id", "documents", "id")])
    # The period's own dates are period_start/period_end: start/end are the evidence's offsets.
    db["periods"].create({"document_id": int, "period_start": str, "period_end": str, "notice_months": int,
                          "notice_weeks": int, "stated_months": int, "extension_kind": str,
                          "extension_step_months": int, "extension_max_end": str,
                          "extension_notice_by": str, **evidence},
                         foreign_keys=[("document_id", "documents", "id")])
    db["amounts"].create({"document_id": int, "sek": int, "per": str, "role": str, **evidence},
                         foreign_keys=[("document_id", "documents", "id")])
    db["deadlines"].create({"document_id": int, "date": str, "what": str, "party": str, **evidence},
                           foreign_keys=[("document_id", "documents", "id")])
    db["recurring"].create({"document_id": int, "what": str, "times_per_year": int, "party": str,
                            "day": str, **evidence},
                           foreign_keys=[("document_id", "documents", "id")])
    for table in FACT_TABLES:
        db[table].create_index(["document_id"])
    db["case_numbers"].create_index(["key"])
    db["parties"].create_index(["org_number"])
    db["versions"].create({"path": str, "version": int, "sha256": str, "size": int, "ingested_at": str,
                           "document_date": str, "record": str, "text": str, "page_starts": str},
                          pk=("path", "version"))
    db["partnerships"].create({"id": str, "municipality": str, "authority": str, "start": str,
                               "end": str, "predecessor": str, "documents": int, "record": str}, pk="id")
    db["documents"].enable_fts(["text"], fts_version="FTS5", create_triggers=True,
                               tokenize="unicode61 remove_diacritics 0")


def _migration_2(db: sqlite_utils.Database) -> None:
    """Keep how well OCR read a scan: per page on documents and versions, per fact as evidence.

    Rows written before stay as they were, with NULLs: their confidence was never measured, and
    the next ingest of a changed or re-scanned file fills it in.
    """
    for table in ("documents", "versions"):
        db[table].add_column("page_confidence", str)
    for table in FACT_TABLES:
        db[table].add_column("ocr_confidence", int)


def _migration_3(db: sqlite_utils.Database) -> None:
    """Index org numbers: `show 802002-8711` looked through every org_numbers row."""
    db["org_numbers"].create_index(["number"], if_not_exists=True)


def _migration_4(db: sqlite_utils.Database) -> None:
    """File each partnership under the keys `show` looks it up by (case numbers, org numbers,
    files, name words): `show` read and parsed every partnership. Note the documents changed
    since the partnerships were linked, so that the next link starts from them."""
    db["partnership_keys"].create({"partnership_id": str, "kind": str, "key": str})
    db["partnership_keys"].create_index(["kind", "key"])
    db["partnership_keys"].create_index(["partnership_id"])
    # Documents written, moved or gone since the partnerships were linked: the next link starts there.
    db["stale_documents"].create({"path": str}, pk="path")
    for row in db.query("select record from partnerships"):
        partnership = json.loads(row["record"])
        db["partnership_keys"].insert_all({"partnership_id": partnership["id"], "kind": kind, "key": key}
                                          for kind, key in sorted(partnership_keys(partnership)))


def partnership_keys(partnership: dict) -> set[tuple[str, str]]:
    """Give the (kind, key) pairs a partnership is looked up by: case (case_key), org, file (a
    document's file name and path) and word (each folded word of a party's names).

    >>> sorted(partnership_keys({"case_numbers": ["SON 2019-536"], "documents": [{"source": "a.pdf", "path": "/d/a.pdf"}],
    ...                          "parties": [{"name": "Brovi i Linköping", "org_number": "822004-0417"}]}))
    [('case', 'SON:2019-536'), ('file', '/d/a.pdf'), ('file', 'a.pdf'), ('org', '822004-0417'), ('word', 'brovi'), ('word', 'i'), ('word', 'linkoping')]
    """
    from iopcli.extractors.casenumbers import case_key

    keys = {("case", case_key(c)) for c in partnership.get("case_numbers") or [] if c and case_key(c)}
    keys |= {("file", d[k]) for d in partnership.get("documents") or [] for k in ("source", "path") if d.get(k)}
    for party in partnership.get("parties") or []:
        if party.get("org_number"):
            keys.add(("org", party["org_number"]))
        for name in (party.get("name"), *(party.get("aliases") or [])):
            keys |= _name_word_keys(name or "")
    return keys


@functools.lru_cache(maxsize=65536)  # a party's name recurs in each of its partnerships
def _name_word_keys(name: str) -> frozenset[tuple[str, str]]:
    from iopcli.text import fold

    return frozenset(("word", w) for w in re.findall(r"[a-z0-9]+", fold(name)))


PARTNERSHIP_TABLES = {
    "partnership_documents": {"partnership_id": str, "document_id": int, "source": str, "doc_type": str,
                              "document_date": str, "governing": int, "path": str},
    "partnership_parties": {"partnership_id": str, "name": str, "sector": str, "org_number": str,
                            "org_number_valid": int, "aliases": str},
    "partnership_amounts": {"partnership_id": str, "sek": int, "per": str, "role": str, "source": str,
                            "page": int, "raw": str},
    # The rules of its dates (iopcli.deadlines), with the first and last day each can fall on.
    "partnership_dates": {"partnership_id": str, "kind": str, "what": str, "first_date": str, "last_date": str,
                          "municipality": str, "rule": str},
}
PARTNERSHIP_COLUMNS = {"label": str, "notice_months": int, "notice_weeks": int, "renewal": str, "max_end": str,
                       "civil_parties": str, "public_sek_per_year": int, "public_sek_total": int}
# Views for the questions people ask first (Datasette lists them beside the tables).
VIEWS = {
    "agreements_by_end": """
        select p.id, p.label, p.municipality, p.authority, p.start, p."end", p.notice_months, p.renewal,
               p.max_end, p.public_sek_per_year, p.documents
        from partnerships p order by p."end" is null, p."end", p.id""",
    "public_money_per_municipality": """
        select p.municipality, count(*) as partnerships, sum(p.public_sek_per_year) as public_sek_per_year,
               sum(p.public_sek_total) as public_sek_total
        from partnerships p group by p.municipality order by public_sek_per_year desc""",
    "organisations": """
        select pp.org_number, min(pp.name) as name, count(distinct pp.partnership_id) as partnerships,
               group_concat(distinct pp.partnership_id) as partnership_ids
        from partnership_parties pp where pp.sector = 'civil'
        group by coalesce(pp.org_number, pp.name) order by partnerships desc, name""",
    "documents_in_no_partnership": """
        select d.id, d.source, d.doc_type, d.document_date, d.status, d.path from documents d
        where d.id not in (select document_id from partnership_documents where document_id is not null)
        order by d.path""",
}


def partnership_rows(partnership: dict, document_ids: dict[str, int] | None = None) -> dict:
    """Give the row of a partnership in `partnerships` (its filterable columns and the record) and
    its rows in the partnership_* tables (pure); `document_ids`: the catalogue's ids by path.

    >>> rows = partnership_rows({"id": "p", "municipality": "Ystads kommun", "period": {"start": "2025-01-01"},
    ...     "parties": [{"name": "Jouren", "sector": "civil", "org_number": "802002-8711"}],
    ...     "amounts": [{"sek": 100000, "per": "year", "role": "public_contribution", "source": "a.pdf"}],
    ...     "documents": [{"source": "a.pdf", "path": "/d/a.pdf", "doc_type": "overenskommelse"}]})
    >>> rows["partnerships"][0]["label"], rows["partnerships"][0]["public_sek_per_year"], len(rows["partnership_parties"])
    ('Jouren – Ystads kommun', 100000, 1)
    """
    pid = partnership["id"]
    period = partnership.get("period") or {}
    extension = period.get("extension") or {}
    civil = [p["name"] for p in partnership.get("parties") or [] if p.get("sector") == "civil" and p.get("name")]
    money: dict[str, int] = {}
    for amount in partnership.get("amounts") or []:
        if amount.get("role") == "public_contribution" and amount.get("per") in ("year", "total"):
            money.setdefault(f"public_sek_{'per_year' if amount['per'] == 'year' else 'total'}", amount.get("sek"))
    label = " – ".join(x for x in ("; ".join(civil), partnership.get("municipality")) if x) or pid
    row = {"id": pid, "municipality": partnership.get("municipality"), "authority": partnership.get("authority"),
           "start": period.get("start"), "end": period.get("end"), "predecessor": partnership.get("predecessor"),
           "documents": len(partnership.get("documents") or []),
           "record": jsontext.dumps(partnership),
           "label": label, "notice_months": period.get("notice_months"), "notice_weeks": period.get("notice_weeks"),
           "renewal": extension.get("kind"), "max_end": extension.get("max_end"), "civil_parties": "; ".join(civil),
           "public_sek_per_year": money.get("public_sek_per_year"), "public_sek_total": money.get("public_sek_total")}
    return {
        "partnerships": [row],
        "partnership_documents": [
            {"partnership_id": pid, "document_id": (document_ids or {}).get(d.get("path")), "source": d.get("source"), "doc_type": d.get("doc_type"),
             "document_date": d.get("document_date"), "governing": int(bool(d.get("governing"))), "path": d.get("path")}
            for d in partnership.get("documents") or []],
        "partnership_parties": [
            {"partnership_id": pid, "name": p.get("name"), "sector": p.get("sector"), "org_number": p.get("org_number"),
             "org_number_valid": p.get("org_number_valid"), "aliases": "; ".join(p.get("aliases") or [])}
            for p in partnership.get("parties") or []],
        "partnership_amounts": [
            {"partnership_id": pid, "sek": a.get("sek"), "per": a.get("per"), "role": a.get("role"),
             "source": a.get("source"), "page": (a.get("evidence") or {}).get("page"),
             "raw": (a.get("evidence") or {}).get("text")}
            for a in partnership.get("amounts") or []],
        "partnership_dates": [
            {"partnership_id": pid, "kind": rule["kind"], "what": rule["what"], "first_date": rule["first"],
             "last_date": rule["last"], "municipality": partnership.get("municipality"),
             "rule": json.dumps(rule, ensure_ascii=False)}
            for rule in date_rules(partnership)],
    }


def partnership_table_rows(partnerships: list[dict], document_ids: dict[str, int]) -> dict[str, tuple[tuple[str, ...], list[tuple]]]:
    """Give, for each partnership table (partnerships, partnership_keys and PARTNERSHIP_TABLES), its
    columns and the rows of these partnerships as tuples: what writing them takes, made anywhere
    (pure; tuples go between processes cheaply). A table without rows is left out.

    >>> rows = partnership_table_rows([{"id": "p", "parties": [{"name": "Jouren", "sector": "civil"}]}], {})
    >>> rows["partnership_parties"]
    (('partnership_id', 'name', 'sector', 'org_number', 'org_number_valid', 'aliases'), [('p', 'Jouren', 'civil', None, None, '')])
    >>> rows["partnership_keys"][1]
    [('p', 'word', 'jouren')]
    """
    dicts: dict[str, list[dict]] = {table: [] for table in ("partnerships", *PARTNERSHIP_TABLES)}
    for partnership in partnerships:
        for table, table_rows in partnership_rows(partnership, document_ids).items():
            dicts[table].extend(table_rows)
    tables = {}
    for table, table_rows in dicts.items():
        if table_rows:
            columns = tuple(table_rows[0])
            values = operator.itemgetter(*columns)  # (every table has several columns: a tuple)
            tables[table] = (columns, [values(row) for row in table_rows])
    keys = [(p["id"], kind, key) for p in partnerships for kind, key in sorted(partnership_keys(p))]
    if keys:
        tables["partnership_keys"] = (("partnership_id", "kind", "key"), keys)
    return tables

def _migration_5(db: sqlite_utils.Database) -> None:
    """Make the catalogue readable in Datasette and filterable in SQL: evidence spans named
    span_start/span_end (start/end meant dates in partnerships), partnership_documents/_dates/_parties/_amounts tables, label and money columns
    on partnerships, and views for the common questions."""
    for table in FACT_TABLES:
        if "start" in db[table].columns_dict:
            db.execute(f'alter table {table} rename column "start" to span_start')
            db.execute(f'alter table {table} rename column "end" to span_end')
    for column, kind in PARTNERSHIP_COLUMNS.items():
        if column not in db["partnerships"].columns_dict:
            db["partnerships"].add_column(column, kind)
    db["partnerships"].create_index(["municipality"], if_not_exists=True)
    db["partnerships"].create_index(["end"], if_not_exists=True)
    for table, columns in PARTNERSHIP_TABLES.items():
        db[table].create(columns, foreign_keys=[("partnership_id", "partnerships", "id")]
                         + ([("document_id", "documents", "id")] if "document_id" in columns else []),
                         if_not_exists=True)
        db[table].create_index(["partnership_id"], if_not_exists=True)
    db["partnership_parties"].create_index(["org_number"], if_not_exists=True)
    db["partnership_documents"].create_index(["document_id"], if_not_exists=True)
    db["partnership_dates"].create_index(["last_date"], if_not_exists=True)
    for table in PARTNERSHIP_TABLES:
        db.execute(f"delete from {table}")
    for row in list(db.query("select record from partnerships")):
        write_partnership(db, json.loads(row["record"]))
    for name, sql in VIEWS.items():
        db.create_view(name, sql.strip(), replace=True)


def write_partnership(db: sqlite_utils.Database, partnership: dict) -> None:
    """Write a partnership's rows (partnership_rows), replacing its row in `partnerships`."""
    rows = partnership_rows(partnership)
    db["partnerships"].insert_all(rows.pop("partnerships"), pk="id", replace=True)
    for table, table_rows in rows.items():
        db[table].insert_all(table_rows)
    db.execute("update partnership_documents set document_id = (select id from documents d where d.path = "
               "partnership_documents.path) where partnership_id = ?", [partnership["id"]])


# Each migration takes the schema from version i to i+1; append, never edit a released one.
MIGRATIONS = (_migration_1, _migration_2, _migration_3, _migration_4, _migration_5)


def schema_version(db: sqlite_utils.Database) -> int:
    if "meta" not in db.table_names():
        return 0
    row = db.execute("select value from meta where key = 'schema_version'").fetchone()
    if not row:
        return 0
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise IopError(f"damaged catalogue: its schema_version is {row[0]!r}, not a number") from None


def migrate(db: sqlite_utils.Database) -> int:
    """Bring the catalogue to SCHEMA_VERSION; give the version it had before."""
    before = schema_version(db)
    if before > SCHEMA_VERSION:
        raise IopError(f"written by a newer iop (schema {before}, this one knows {SCHEMA_VERSION}); upgrade iop")
    for version in range(before, SCHEMA_VERSION):
        with db.atomic():
            MIGRATIONS[version](db)
            db["meta"].insert({"key": "schema_version", "value": str(version + 1)}, pk="key", replace=True)
    return before
