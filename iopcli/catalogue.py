"""The SQLite catalogue: opening, writes and row readers (schema.py holds the tables and migrations).

Tables (readable in any SQLite tool):
    documents      one row per file: path, sha256, size, type, date, text, pages, status/error, record,
                   page_confidence (a scan's OCR confidence per page, JSON: [93, null, 54])
    versions       every version of every file ever ingested, with its record and text (history, diff)
    case_numbers, parties, org_numbers, periods, amounts, deadlines, recurring
                   one table per kind of fact, each row with its evidence (page, span_start, span_end,
                   raw, note, ocr_confidence: that of the page, when OCR read it)
    partnerships   documents grouped into partnerships (written after each link): the record as JSON
                   and the columns queries filter on (municipality, start, end, label, money)
    partnership_documents, partnership_parties, partnership_amounts, partnership_dates
                   the partnerships' documents, parties, money and date rules as rows; partnership_keys:
                   the keys `show` looks a partnership up by
    documents_fts  full-text index over documents.text; unicode61 with remove_diacritics 0 so that
                   å, ä and ö stay distinct letters (the default folds `år` into `ar`)
    meta           schema_version

documents.status is ok, needs_ocr, failed, or missing: a file that was catalogued and is gone from
its folder. A missing document keeps its row and versions (history, diff) but is left out of
records() and so of the partnerships; it turns ok again when its file comes back.

Writers take turns: `iop ingest` holds ingest_lock (a lock file beside the catalogue) for the whole
run, and every connection waits BUSY_TIMEOUT_S for a lock before SQLite reports "locked". Readers
never block writers (WAL). `iop query` reads through its own read-only connection (read_only_query).
"""
from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path


def _import_sqlite_utils():
    """Import sqlite-utils without numpy and pandas: it imports them when they are installed, to
    write their values, which iop never passes, and numpy's import was 45 ms of every command's
    start (an eighth of `iop show`). They stay importable for anything else afterwards."""
    import sys

    held = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in held:
        sys.modules[name] = None  # makes `import numpy` raise ImportError, which sqlite-utils expects
    try:
        import sqlite_utils
    finally:
        for name in held:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
    return sqlite_utils


sqlite_utils = _import_sqlite_utils()

from iopcli import jsontext  # noqa: E402
from iopcli.errors import IopError, UsageError  # noqa: E402
from iopcli.schema import (FACT_TABLES, PARTNERSHIP_TABLES, SCHEMA_VERSION, fact_rows, migrate,  # noqa: F401, E402
                           partnership_table_rows, schema_version)

DEFAULT_DB = "iop.db"
# How long a connection waits for another's write lock before SQLite says "database is locked".
BUSY_TIMEOUT_S = 60.0


def iop_version() -> str:
    """Give the installed iop's version (the partnerships are linked again after an upgrade)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("iop")
    except PackageNotFoundError:  # run from a checkout that is not installed
        return "unknown"


def db_path(option: str | None = None) -> Path:
    """Give the catalogue's path: --db, else $IOP_DB, else ./iop.db."""
    return Path(option or os.environ.get("IOP_DB") or DEFAULT_DB)


class Catalogue:
    """An open catalogue. Use as a context manager, or call close()."""

    def __init__(self, path: Path, create: bool = True):
        if not create and not path.exists():
            raise IopError(f"no catalogue at {path}: run `iop ingest FOLDER` first (or pass --db)")
        check_location(path)
        try:
            self.db = sqlite_utils.Database(sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S))
        except sqlite3.Error as exc:
            raise IopError(f"{path}: cannot open the catalogue ({exc})") from exc
        self.path = path
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            foreign = schema_version(self.db) == 0 and set(self.db.table_names())
            if foreign:
                # Migrating would add iop's tables to somebody else's database.
                raise IopError(f"{path}: an SQLite database, but not an iop catalogue "
                               f"(it has tables {', '.join(sorted(foreign)[:5])}); pass another --db")
            migrate(self.db)
            if create:
                self._probe_write()
        except sqlite3.OperationalError as exc:  # a read-only file or folder, a locked database
            self.db.close()
            if "readonly" in str(exc):
                raise IopError(f"{path}: the catalogue is read-only here (its file or folder may not be "
                               "written); reading commands still work, or pass another --db") from exc
            raise IopError(f"{path}: cannot write the catalogue ({exc})") from exc
        except sqlite3.DatabaseError as exc:  # "file is not a database"
            self.db.close()
            raise IopError(f"{path}: not an iop catalogue (the file is not an SQLite database)") from exc
        except IopError as exc:
            self.db.close()
            message = str(exc)
            raise IopError(message if message.startswith(str(path)) else f"{path}: {message}") from exc

    def _probe_write(self) -> None:
        """Fail now, not after the first file, when the catalogue can be read but not written
        (a file or folder without write permission, a read-only mount)."""
        conn = self.db.conn
        conn.execute("savepoint probe")
        try:
            conn.execute("update meta set value = value where key = 'schema_version'")
        finally:
            conn.execute("rollback to probe")
            conn.execute("release probe")

    def __enter__(self) -> "Catalogue":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def own_files(self) -> list[Path]:
        """Give the files the catalogue keeps beside itself, so that ingest never reads them."""
        name = self.path.name
        return [self.path, *(self.path.with_name(name + suffix) for suffix in ("-wal", "-shm", "-journal", ".lock")),
                self.path.with_name(name + ".ocr-cache")]

    def close(self) -> None:
        self.db.close()

    # --- reads --------------------------------------------------------------------------------

    def known_files(self) -> dict[str, tuple[str, int, float, str]]:
        """Give path -> (sha256, size, mtime, status) for every catalogued file."""
        return {
            row["path"]: (row["sha256"], row["size"], row["mtime"], row["status"])
            for row in self.db.query("select path, sha256, size, mtime, status from documents")
        }

    def records(self, where: str = "", params: dict | None = None) -> list[dict]:
        """Give the records of catalogued documents (status ok or needs_ocr), by path.

        Documents whose file is missing are left out: a deleted file must not stay in a partnership.
        """
        return list(self.iter_records(where, params))

    def iter_records(self, where: str = "", params: dict | None = None) -> Iterator[dict]:
        """Give the records as records() does, one at a time (an export of 100,000 in steady memory)."""
        sql = "select record from documents where record is not null and status != 'missing'"
        if where:
            sql += f" and ({where})"
        for row in self.db.conn.execute(sql + " order by path", params or {}):
            yield jsontext.loads(row[0])

    def not_iop(self) -> list[dict]:
        """Give (source, path, kind, reason) of the documents the record says are not about an IOP."""
        return [dict(row) for row in self.db.query(
            "select json_extract(record, '$.source') as source, path, json_extract(record, '$.iop.kind') as kind, "
            "json_extract(record, '$.iop.reason') as reason from documents "
            "where record is not null and json_extract(record, '$.iop.is') = 0 order by path")]

    def document(self, doc_id: int) -> dict:
        return next(self.db.query("select * from documents where id = :id", {"id": doc_id}))

    def document_text(self, path: str) -> tuple[str, tuple[int, ...]] | None:
        rows = list(self.db.query("select text, page_starts from documents where path = :p", {"p": path}))
        if not rows or rows[0]["text"] is None:
            return None
        return rows[0]["text"], tuple(json.loads(rows[0]["page_starts"] or "[0]"))

    def find_documents(self, case_key: str | None = None, org_number: str | None = None,
                       name: str | None = None) -> list[dict]:
        """Give records whose case number key, org number or file name matches."""
        ids: set[int] = set()
        if case_key:
            ids |= {r["document_id"] for r in self.db.query(
                "select document_id from case_numbers where key = :k", {"k": case_key})}
        if org_number:
            ids |= {r["document_id"] for r in self.db.query(
                "select document_id from parties where org_number = :o union "
                "select document_id from org_numbers where number = :o", {"o": org_number})}
        if name:
            ids |= {r["id"] for r in self.db.query(
                "select id from documents where source = :n or path = :n or path = :a or source like :like",
                {"n": name, "a": str(Path(name).expanduser().resolve()), "like": f"%{name}%"})}
        if not ids:
            return []
        marks = ",".join(str(int(i)) for i in sorted(ids))
        return self.records(f"id in ({marks})")

    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Give documents whose text matches an FTS5 query, best first, with a snippet."""
        if not query.strip():
            raise UsageError("search: give at least one word to find")
        sql = (
            "select documents.path, documents.source, documents.doc_type, documents.document_date, "
            "snippet(documents_fts, 0, '[', ']', '…', 12) as snippet "
            "from documents_fts join documents on documents.rowid = documents_fts.rowid "
            "where documents_fts match :q and documents.status != 'missing' order by rank limit :limit"
        )
        from iopcli.queries import fts_query

        try:
            return [_one_line(row) for row in self.db.query(sql, {"q": fts_query(query), "limit": limit})]
        except sqlite3.OperationalError:
            pass  # not FTS5 syntax (an unbalanced parenthesis): looked for word by word, as written
        literal = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
        try:
            return [_one_line(row) for row in self.db.query(sql, {"q": literal, "limit": limit})]
        except sqlite3.OperationalError as exc:
            raise UsageError(f"search: cannot read the query {query!r} ({exc})") from exc

    def read_only_query(self, sql: str) -> list[dict]:
        """Give the rows of a SELECT; anything that would write or change the connection is refused.

        Two fences, each enough on its own: the connection is opened read-only by SQLite itself
        (URI mode=ro), and an authorizer refuses every statement but reads while it is compiled,
        so `pragma journal_mode=delete` or `attach` never runs at all.
        """
        try:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        except sqlite3.Error as exc:
            raise IopError(f"query: cannot open the catalogue read-only ({exc})") from exc
        try:
            # A full-text table's constructor asks for more than reads when a connection first
            # uses it: construct each before the fence goes up, so that a search is still a read.
            for (name,) in conn.execute("select name from sqlite_master where type = 'table' "
                                        "and sql like 'create virtual table%'").fetchall():
                conn.execute(f"select rowid from [{name}] limit 0").fetchall()
            conn.row_factory = sqlite3.Row
            conn.set_authorizer(read_only_authorizer)
            cursor = conn.execute(sql)
            return [dict(row) for row in cursor.fetchall()]
        except (sqlite3.Error, ValueError, OverflowError) as exc:  # a typo in the SQL, or a write refused
            raise IopError(f"query: {exc}") from exc
        finally:
            conn.close()

    def partnerships(self, where: str = "", params: dict | None = None) -> list[dict]:
        """Give the stored partnerships by id; `where` filters on the table's columns first (id,
        municipality, authority, start, end), so only the rows it keeps are parsed."""
        return list(self.iter_partnerships(where, params))

    def iter_partnerships(self, where: str = "", params: dict | None = None, order: str = "id") -> Iterator[dict]:
        """Give the partnerships as partnerships() does, one at a time (by id, or in `order`)."""
        sql = "select record from partnerships" + (f" where {where}" if where else "") + f" order by {order}"
        for row in self.db.conn.execute(sql, params or {}):
            yield json.loads(row[0])

    def versions(self, path: str) -> list[dict]:
        return list(self.db.query(
            "select version, sha256, size, ingested_at, document_date, record, text, page_starts "
            "from versions where path = :p order by version", {"p": path}))

    def paths_for(self, name: str) -> list[str]:
        """Give the catalogued paths a name means: a path (as given or absolute) or a file name."""
        absolute = str(Path(name).expanduser().resolve())
        return [r["path"] for r in self.db.query(
            "select path from documents where path = :n or path = :a or source = :n order by path",
            {"n": name, "a": absolute})]

    # --- writes -------------------------------------------------------------------------------

    def upsert_document(self, record: dict, text: str, page_starts: tuple[int, ...], size: int,
                        mtime: float) -> None:
        """Write one document's record and facts in one transaction: all of it or none of it."""
        now = _now()
        with self.db.atomic():
            self._links_stale(record["path"])
            existing = self.db.conn.execute("select id from documents where path = ?", [record["path"]]).fetchone()
            row = {
                "path": record["path"], "source": record["source"], "sha256": record["sha256"],
                "size": size, "mtime": mtime, "file_type": record["file_type"],
                "doc_type": record["doc_type"], "municipality": record["municipality"],
                "authority": record["authority"], "document_date": record["document_date"],
                "officer": record["officer"], "period_start": record["period"]["start"],
                "period_end": record["period"]["end"], "pages": record["pages"], "ocr": int(record["ocr"]),
                "status": record["status"], "error": None, "ingested_at": now, "text": text,
                "page_starts": json.dumps(list(page_starts)),
                "page_confidence": json.dumps(record.get("page_confidence") or []),
                "record": json.dumps(record, ensure_ascii=False),
            }
            if existing:
                doc_id = existing[0]
                names = ", ".join(f'"{column}" = ?' for column in row)
                self.db.conn.execute(f"update documents set {names} where id = ?", [*map(_sql_value, row.values()), doc_id])
                for table in FACT_TABLES:
                    self.db.conn.execute(f"delete from [{table}] where document_id = ?", [doc_id])
            else:
                doc_id = self._insert("documents", [row])
            for table, rows in fact_rows(record).items():
                if rows:
                    self._insert(table, [{"document_id": doc_id, **r} for r in rows])
            version = self.db.conn.execute(
                "select coalesce(max(version), 0) + 1 from versions where path = ?", [record["path"]]
            ).fetchone()[0]
            self._insert("versions", [{
                "path": record["path"], "version": version, "sha256": record["sha256"], "size": size,
                "ingested_at": now, "document_date": record["document_date"],
                "record": row["record"], "text": text, "page_starts": row["page_starts"],
                "page_confidence": row["page_confidence"],
            }])

    def _insert(self, table: str, rows: list[dict]) -> int | None:
        """Insert rows as sqlite-utils' insert_all does (a column for every key, in the order keys
        first appear; a list or dict as JSON), in one statement; give the last row's id.

        Written out because insert_all looked up the schema (table and view names) on every call:
        eight calls per document were half of writing it.
        """
        columns = list(dict.fromkeys(key for row in rows for key in row))
        names, marks = ", ".join(f'"{c}"' for c in columns), ", ".join("?" * len(columns))
        sql = f"insert into [{table}] ({names}) values ({marks})"
        values = [[_sql_value(row.get(c)) for c in columns] for row in rows]
        if len(values) == 1:  # (only execute sets lastrowid)
            return self.db.conn.execute(sql, values[0]).lastrowid
        self.db.conn.executemany(sql, values)
        return None

    def record_failure(self, path: str, size: int | None, reason: str) -> None:
        """Note a file that could not be read. A file already catalogued keeps its record."""
        with self.db.atomic():
            existing = list(self.db.query("select id from documents where path = :p", {"p": path}))
            if existing:
                self.db["documents"].update(existing[0]["id"], {"error": reason})
            else:
                self.db["documents"].insert({
                    "path": path, "source": Path(path).name, "sha256": None, "size": size,
                    "mtime": None, "status": "failed", "error": reason, "ingested_at": _now(),
                })

    def _links_stale(self, *paths: str) -> None:
        """Note, in the caller's transaction, the documents the partnerships no longer follow.

        replace_partnerships clears the notes in its own: a run killed between the two leaves
        them, and the next ingest links again even when it finds nothing new.
        """
        self.db.conn.executemany("insert or ignore into stale_documents (path) values (?)", [(p,) for p in paths])

    def stale_documents(self) -> set[str]:
        """Give the paths of the documents written, moved or gone since the partnerships were linked."""
        return {row[0] for row in self.db.execute("select path from stale_documents")}

    def linked_by(self) -> str | None:
        row = self.db.execute("select value from meta where key = 'linked_by'").fetchone()
        return row[0] if row else None

    def links_stale(self) -> bool:
        """True when a document changed since the partnerships were linked, or another iop linked them."""
        return bool(self.stale_documents()) or self.linked_by() != iop_version()

    def touch(self, path: str, mtime: float) -> None:
        """Remember a new mtime for an unchanged file, so the next run need not hash it; a file that
        was missing and is back takes its record's status again."""
        self.db.execute("insert or ignore into stale_documents (path) select path from documents "
                        "where path = ? and status = 'missing'", [path])
        self.db.execute("update documents set mtime = ?, error = null, "
                        f"status = case when status = 'missing' then {_RECORD_STATUS} else status end "
                        "where path = ?", [mtime, path])
        self.db.conn.commit()

    def prune(self, names: list[str] | None = None, keep_versions: bool = False) -> list[str]:
        """Remove documents whose file is missing (all, or those with these file names or paths), with
        their facts and, unless keep_versions, their versions. Give the paths removed."""
        missing = [row["path"] for row in self.db.query(
            "select path from documents where status = 'missing' order by path")]
        if names:
            wanted = set(names)
            missing = [p for p in missing if p in wanted or Path(p).name in wanted]
        with self.db.atomic():
            for path in missing:
                (doc_id,) = self.db.execute("select id from documents where path = ?", [path]).fetchone()
                for table in FACT_TABLES:
                    self.db.execute(f"delete from [{table}] where document_id = ?", [doc_id])
                self.db.execute("delete from documents where id = ?", [doc_id])
                if not keep_versions:
                    self.db.execute("delete from versions where path = ?", [path])
        return missing

    def mark_missing(self, paths: list[str]) -> None:
        """Mark documents whose file is gone as missing; their rows and versions stay."""
        if not paths:
            return
        with self.db.atomic():
            self._links_stale(*paths)
            for path in paths:
                self.db.execute("update documents set status = 'missing' where path = ?", [path])

    def missing_with_hash(self, sha256: str, candidates: set[str]) -> str | None:
        """Give the path of a document with these bytes whose file is gone (catalogued as missing,
        or among `candidates`, the paths this run did not find), or None."""
        for row in self.db.query("select path, status from documents where sha256 = :s order by path",
                                 {"s": sha256}):
            if row["status"] == "missing" or row["path"] in candidates:
                return row["path"]
        return None

    def move(self, old_path: str, new_path: str, mtime: float) -> None:
        """Give a document (its record, facts' source names and versions) the path it was moved to."""
        with self.db.atomic():
            self._links_stale(old_path, new_path)
            (row,) = self.db.query("select id, record, status from documents where path = :p", {"p": old_path})
            record = renamed(json.loads(row["record"]), new_path) if row["record"] else None
            status = ((record or {}).get("status") or "ok") if row["status"] == "missing" else row["status"]
            self.db["documents"].update(row["id"], {
                "path": new_path, "source": Path(new_path).name, "mtime": mtime, "status": status,
                "record": json.dumps(record, ensure_ascii=False) if record else None})
            for version in list(self.db.query("select version, record from versions where path = :p",
                                              {"p": old_path})):
                moved = json.dumps(renamed(json.loads(version["record"]), new_path), ensure_ascii=False) \
                    if version["record"] else None
                self.db.execute("update versions set path = ?, record = ? where path = ? and version = ?",
                                [new_path, moved, old_path, version["version"]])

    def replace_partnerships(self, partnerships: list[dict], only: list[str] | None = None) -> None:
        """Store the partnerships in place of all (or of the ids in `only`), with their keys, and
        clear the stale-document notes: the partnerships follow the documents again."""
        with self.partnerships_replaced(only) as write:
            write(partnership_table_rows(partnerships, self._document_ids(partnerships)))

    @contextlib.contextmanager
    def partnerships_replaced(self, only: list[str] | None = None) -> Iterator[Callable[[dict], None]]:
        """In one transaction: remove the partnerships (all, or the ids in `only`) and give a function
        that writes partnership_table_rows; then clear the stale-document notes. An exception rolls
        it all back."""
        with self.db.atomic():
            self.db.execute("delete from stale_documents")
            self.db.execute("insert or replace into meta (key, value) values ('linked_by', ?)", [iop_version()])
            tables = ("partnerships", "partnership_keys", *PARTNERSHIP_TABLES)
            indexes = []
            if only is None:
                for table in tables:
                    self.db.execute(f"delete from {table}")
                # Filling empty tables and indexing them after is faster than keeping the indexes up
                # to date row by row (a third of writing 39,000 partnerships).
                indexes = self.db.execute(
                    "select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ("
                    + ",".join("?" * len(tables)) + ")", tables).fetchall()
                for name, _ in indexes:
                    self.db.execute(f'drop index "{name}"')
            else:
                for start in range(0, len(only), 500):
                    chunk = only[start:start + 500]
                    marks = ",".join("?" * len(chunk))
                    for table in tables:
                        column = "id" if table == "partnerships" else "partnership_id"
                        self.db.execute(f"delete from {table} where {column} in ({marks})", chunk)

            def write(table_rows: dict[str, tuple[tuple[str, ...], list[tuple]]]) -> None:
                for table, (columns, values) in table_rows.items():
                    names, marks = ", ".join(f'"{c}"' for c in columns), ", ".join("?" * len(columns))
                    self.db.conn.executemany(f"insert into {table} ({names}) values ({marks})", values)

            yield write
            for _, sql in indexes:
                self.db.execute(sql)

    def _document_ids(self, partnerships: list[dict]) -> dict[str, int]:
        """Give the ids of the documents the partnerships list, by path (all of them for many)."""
        paths = {d["path"] for p in partnerships for d in p.get("documents") or [] if d.get("path")}
        if len(paths) > 500:
            return {path: doc_id for path, doc_id in self.db.execute("select path, id from documents") if path in paths}
        return {path: doc_id for path, doc_id in self.db.execute(
            f"select path, id from documents where path in ({','.join('?' * len(paths))})", sorted(paths))}

    def partnerships_by_key(self, kind: str, key: str, within: bool = False) -> list[dict]:
        """Give the partnerships filed under a key (partnership_keys), through its index; `within`:
        under a key that holds it (a part of a word: `jouren` in `brottsofferjouren`), by a scan of
        the keys of that kind, not of the partnerships."""
        match = "instr(key, :k) > 0" if within else "key = :k"
        return [json.loads(row["record"]) for row in self.db.query(
            "select record from partnerships where id in (select partnership_id from partnership_keys "
            f"where kind = :kind and {match}) order by id", {"kind": kind, "k": key})]

    def partnership(self, partnership_id: str) -> dict | None:
        row = self.db.execute("select record from partnerships where id = ?", [partnership_id]).fetchone()
        return json.loads(row[0]) if row else None


def _sql_value(value):
    """Give a value as sqlite-utils stores it: lists, tuples and dicts as JSON."""
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, default=repr, ensure_ascii=False)
    return value


def _one_line(row: dict) -> dict:
    """Give a search hit with its snippet on one line (page breaks and line ends as spaces)."""
    return {**row, "snippet": " ".join((row.get("snippet") or "").split())}


_RECORD_STATUS = "coalesce(json_extract(record, '$.status'), 'ok')"


def renamed(record: dict, new_path: str) -> dict:
    """Give a record as if read from new_path: its path, and its file name wherever a fact names
    its source (pure).

    >>> renamed({"path": "/a/x.md", "source": "x.md", "evidence": {"period": {"source": "x.md"}}}, "/b/y.md")
    {'path': '/b/y.md', 'source': 'y.md', 'evidence': {'period': {'source': 'y.md'}}}
    """
    old_source, new_source = record.get("source"), Path(new_path).name

    def walk(value):
        if isinstance(value, dict):
            return {k: (new_source if k == "source" and v == old_source else walk(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return {**walk(record), "path": new_path}


# What `iop query` may do: read tables and call functions. Anything else (PRAGMA that sets, ATTACH,
# writes, schema changes, transactions) is refused while the statement is compiled.
_READ_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}
_READ_PRAGMAS = {"table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list",
                 "table_list", "function_list", "collation_list", "compile_options",
                 "data_version"}  # FTS5 asks for data_version when it reads its index


def read_only_authorizer(action: int, arg1, arg2, database, trigger) -> int:
    """Allow only reads; a PRAGMA only when it names a read-only one without a value.

    >>> read_only_authorizer(sqlite3.SQLITE_PRAGMA, "journal_mode", "delete", None, None) == sqlite3.SQLITE_DENY
    True
    >>> read_only_authorizer(sqlite3.SQLITE_PRAGMA, "table_info", "documents", None, None) == sqlite3.SQLITE_OK
    True
    """
    if action in _READ_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and str(arg1).lower() in _READ_PRAGMAS:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


@contextlib.contextmanager
def ingest_lock(path: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the catalogue's writer lock (a lock file beside it) while the block runs.

    When another ingest holds it, on_wait(who) is called once (who: "pid 1234", or "") and the
    lock is waited for: two ingests take turns instead of one failing with "database is locked".
    Where no lock file can be made (a read-only folder; no fcntl, as on Windows) the block runs
    unlocked and SQLite's own busy timeout keeps the writes apart.
    """
    check_location(path)
    try:
        import fcntl

        handle = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
    except (ImportError, OSError):
        yield
        return
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip()
            if on_wait:
                on_wait(f"pid {holder}" if holder.isdigit() else "")
            fcntl.flock(handle, fcntl.LOCK_EX)
        os.ftruncate(handle, 0)
        os.pwrite(handle, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(handle)  # closing the descriptor releases the lock


def check_location(path: Path) -> None:
    """Raise IopError when the catalogue cannot be where the path says: a folder, a missing folder.

    A missing folder is not created: a typo in --db would otherwise leave folders about.
    """
    if path.is_dir():
        raise IopError(f"{path}: is a folder; give the catalogue's file name, e.g. {path / DEFAULT_DB}")
    folder = path.parent
    if not folder.is_dir():
        raise IopError(f"{path}: the folder {folder} does not exist; create it first (mkdir -p {folder})")
    if not path.exists() and not os.access(folder, os.W_OK):
        raise IopError(f"{path}: cannot create the catalogue (the folder {folder} is not writable)")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --- schema and migrations ------------------------------------------------------------------
