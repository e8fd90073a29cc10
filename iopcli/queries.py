"""Answers to the questions the commands ask, over an open catalogue. Matching logic is pure."""
from __future__ import annotations

import re
from datetime import date
from collections.abc import Iterator
from pathlib import Path

from iopcli.catalogue import Catalogue
from iopcli.extractors.casenumbers import case_key
from iopcli.text import fold

ORG_NUMBER_RE = re.compile(r"^\s*(?:org(?:anisations)?\.?\s*nr\.?:?\s*)?(\d{6})-?(\d{4})\s*$", re.I)


def org_number_of(query: str) -> str | None:
    """Give the org number a query is, as NNNNNN-NNNN, or None.

    >>> org_number_of("8024907720"), org_number_of("802490-7720"), org_number_of("SON 2024-1523")
    ('802490-7720', '802490-7720', None)
    """
    match = ORG_NUMBER_RE.match(query)
    return f"{match[1]}-{match[2]}" if match else None


FTS_TOKEN = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+')
FTS_OPERATORS = {"AND", "OR", "NOT"}


def fts_query(text: str) -> str:
    """Give the FTS5 query of a search: each plain word becomes the prefix of its Swedish stem
    (Snowball), so that `uppsägningstid` finds `uppsägningstiden` and `överenskommelse` finds
    `överenskommelser`; phrases in quotes, AND/OR/NOT, parentheses and `prefix*` stay as written,
    and a word with other characters (`2024/55`) is looked for as written.

    >>> fts_query("uppsägningstiden")
    'uppsägningstid*'
    >>> fts_query('Överenskommelser AND "idéburet offentligt" OR brott*')
    'överenskomm* AND "idéburet offentligt" OR brott*'
    >>> fts_query("SON 2024/55")
    'son* "2024/55"'
    """
    import snowballstemmer

    stemmer = snowballstemmer.stemmer("swedish")
    parts = []
    for token in FTS_TOKEN.findall(text):
        if token in FTS_OPERATORS or token in "()" or token.startswith('"') or re.fullmatch(r"\w+\*", token):
            parts.append(token)
        elif re.fullmatch(r"\w+", token):
            parts.append(stemmer.stemWord(token.lower()) + "*")
        else:
            parts.append('"' + token.replace('"', '""') + '"')
    return " ".join(parts)


def find_documents(catalogue: Catalogue, query: str) -> list[dict]:
    """Give the document records a case number, org number or file name leads to."""
    return catalogue.find_documents(case_key=case_key(query), org_number=org_number_of(query), name=query.strip())


def matches_partnership(partnership: dict, query: str) -> bool:
    """True when a query names the partnership: id, case number, org number, file or party name.

    >>> p = {"id": "linkoping-brovi-2023", "case_numbers": ["SON 2019-536"], "documents": [{"source": "a.pdf"}],
    ...      "parties": [{"name": "Brottsofferjouren i Linköping", "org_number": "822004-0417", "aliases": ["Brovi"]}]}
    >>> [matches_partnership(p, q) for q in ("son 2019/536", "8220040417", "a.pdf", "brottsofferjouren", "Brovi", "SON 2019-537")]
    [True, True, True, True, True, False]
    """
    text = query.strip()
    if not text:
        return False
    if text == partnership.get("id"):
        return True
    key = case_key(text)
    if key and key in {case_key(c) for c in partnership.get("case_numbers") or []}:
        return True
    org_number = org_number_of(text)
    if org_number:
        return any(p.get("org_number") == org_number for p in partnership.get("parties") or [])
    if any(text in (d.get("source"), d.get("path")) for d in partnership.get("documents") or []):
        return True
    if key and re.search(r"\d", text):
        return False  # a case number that is not this partnership's is not a name either
    names = [n for p in partnership.get("parties") or [] for n in (p.get("name"), *(p.get("aliases") or [])) if n]
    return any(name_matches(text, name) for name in names)


def name_matches(query: str, name: str) -> bool:
    """True when every word of the query is (the start of) a word of the name, allowing a typo.

    >>> name_matches("brottsofferjouren", "Brottsofferjouren i Linköping")
    True
    >>> name_matches("Brottsoferjouren Linkoping", "Brottsofferjouren i Linköping")
    True
    >>> name_matches("kvinnojouren", "Brottsofferjouren i Linköping")
    False
    """
    from iopcli.text import edit_distance

    wanted, words = fold(query).split(), fold(name).replace("(", " ").replace(")", " ").split()
    if not wanted:
        return False
    if fold(query) in fold(name):
        return True

    def close(word: str) -> bool:
        typos = 0 if len(word) < 5 else 1 if len(word) < 10 else 2
        return any(w.startswith(word) or edit_distance(word, w[:len(word) + typos], typos) <= typos
                   or edit_distance(word, w, typos) <= typos for w in words)

    return all(close(word) for word in wanted)


def find_partnerships(catalogue: Catalogue, query: str, today: date) -> list[dict]:
    """Give the partnerships a query leads to, with status and notice deadline as of today.

    Only the partnerships the query's keys lead to are read (catalogue.partnership_keys): by id,
    case number, org number or file; a name by the party words that hold its longest word. A
    name with a typo finds nothing that way, and only then is every partnership looked at.
    """
    from iopcli.partnership import annotate

    text = query.strip()
    candidates = _candidates(catalogue, text)
    found = [p for p in candidates if matches_partnership(p, text)]
    if not found and text and not org_number_of(text) and not (case_key(text) and re.search(r"\d", text)):
        found = [p for p in catalogue.partnerships() if matches_partnership(p, text)]
    return [annotate(p, today) for p in found]


def _candidates(catalogue: Catalogue, text: str) -> list[dict]:
    """Give the partnerships a query may name, through the catalogue's keys."""
    if not text:
        return []
    exact = catalogue.partnership(text)
    if exact:
        return [exact]
    org_number = org_number_of(text)
    if org_number:
        return catalogue.partnerships_by_key("org", org_number)
    key = case_key(text)
    by_case = catalogue.partnerships_by_key("case", key) if key else []
    by_file = catalogue.partnerships_by_key("file", text)
    words = re.findall(r"[a-z0-9]+", fold(text))
    longest = max(words, key=len, default="")
    by_name = catalogue.partnerships_by_key("word", longest, within=True) if longest else []
    unique = {p["id"]: p for p in by_case + by_file + by_name}
    return [unique[i] for i in sorted(unique)]


def expiring(catalogue: Catalogue, before: date, after: date | None, today: date) -> Iterator[dict]:
    """Give the partnerships whose current term ends before `before`, soonest first, as they are
    found: the first comes before the last is read.

    A term never ends before the agreement's own end (a renewal only adds terms after it), so a
    partnership whose end is on or after `before` is not even read, and reading the others by
    their end lets each be given as soon as no later one can end sooner (a merge on the term's
    end: a held item goes out once the agreements still to come all end after it).
    """
    import heapq

    from iopcli import partnership

    held: list[tuple[tuple[str, str], dict]] = []
    rows = catalogue.iter_partnerships('"end" is null or "end" < :before', {"before": before.isoformat()},
                                       order='"end" is not null, "end", id')
    for candidate in rows:
        end = (candidate.get("period") or {}).get("end")
        while held and end and held[0][0][0] < end:
            yield heapq.heappop(held)[1]
        for item in partnership.expiring([candidate], before=before, after=after, today=today):
            heapq.heappush(held, ((item["end"], item.get("id") or ""), item))
    while held:
        yield heapq.heappop(held)[1]


DOCUMENT_COLUMNS = (
    "source", "doc_type", "municipality", "authority", "case_numbers", "document_date", "officer", "civil_parties",
    "org_numbers", "period_start", "period_end", "notice_months", "extension", "amount_total", "amount_public",
    "amount_civil", "deadlines", "recurring", "status", "path", "sha256")
PARTNERSHIP_COLUMNS = (
    "id", "status", "municipality", "authority", "start", "end", "notice_months", "notice_deadline", "civil_parties",
    "org_numbers", "public_sek_per_year", "public_sek_total", "civil_sek_per_year", "total_sek_per_year",
    "case_numbers", "documents")


def deadlines(catalogue: Catalogue, after: date | None, before: date | None, today: date) -> list[dict]:
    """Give the dated events of every partnership in a window, soonest first (iopcli.deadlines):
    only the date rules that can fall in the window are read (partnership_dates), not the
    partnerships."""
    import json

    from iopcli.deadlines import events

    first = after or today
    where = "(last_date is null or last_date >= :first)"
    if before:
        where += " and (first_date is null or first_date < :before)"
    rows = catalogue.db.conn.execute(
        f"select partnership_id, municipality, rule from partnership_dates where {where}",
        {"first": first.isoformat(), "before": before.isoformat() if before else None})
    return events(((json.loads(rule), {"id": pid, "municipality": municipality}) for pid, municipality, rule in rows),
                  first, before)


def csv_row(record: dict) -> dict:
    """Give one flat CSV row of a document record (export --format csv)."""
    period = record.get("period") or {}
    amounts = record.get("amounts") or []

    def amount(role: str) -> int | None:
        return next((a["sek"] for a in amounts if a.get("role") == role), None)

    from iopcli.render import extension_text

    return {
        **{k: record.get(k) for k in ("source", "doc_type", "municipality", "authority", "case_numbers",
                                        "document_date", "officer", "status", "path", "sha256")},
        "civil_parties": [p["name"] for p in record.get("parties") or [] if p.get("sector") == "civil"],
        "org_numbers": [p["org_number"] for p in record.get("parties") or [] if p.get("org_number")],
        "period_start": period.get("start"), "period_end": period.get("end"),
        "notice_months": period.get("notice_months"), "extension": extension_text(period.get("extension")),
        "amount_total": amount("total"), "amount_public": amount("public_contribution"),
        "amount_civil": amount("civil_contribution"),
        "deadlines": [f"{d['date']} {d['what']}" for d in record.get("deadlines") or []],
        "recurring": [f"{r['what']} ({r['times_per_year']}/år)" for r in record.get("recurring") or []],
    }


def diff_side(catalogue: Catalogue, name: str) -> dict:
    """Give one side of a diff: {"record", "text", "page_starts", "label"} for a name.

    A name is `PATH@N` (version N of a file), a path or file name, or a case number that leads
    to exactly one document.
    """
    import json

    from iopcli.errors import NotFound, UsageError

    path_part, _, version = name.rpartition("@")
    if path_part and version.isdigit():
        for path in catalogue.paths_for(path_part):
            for row in catalogue.versions(path):
                if row["version"] == int(version):
                    return {"record": json.loads(row["record"]), "text": row["text"],
                            "page_starts": tuple(json.loads(row["page_starts"])), "label": name}
        raise NotFound(f"{name}: no such version (see `iop history {path_part}`)")
    records = catalogue.find_documents(name=name) or find_documents(catalogue, name)
    absolute = str(Path(name).expanduser().resolve())
    exact = [r for r in records if name in (r["path"], r["source"]) or r["path"] == absolute]
    records = exact or records
    if not records:
        raise NotFound(f"{name}: no document in the catalogue by that name or case number")
    if len(records) > 1:
        names = ", ".join(r["source"] for r in records)
        raise UsageError(f"{name} names {len(records)} documents ({names}): name one file")
    record = records[0]
    text, starts = catalogue.document_text(record["path"]) or ("", (0,))
    return {"record": record, "text": text, "page_starts": starts, "label": record["source"]}


def partnership_pair(catalogue: Catalogue, partnership_id: str) -> tuple[str, str] | None:
    """Give the paths of the two documents a partnership's diff compares, or None if not an id.

    The governing document against its predecessor's; without a predecessor, the two latest
    documents of the partnership.
    """
    from iopcli.errors import UsageError

    by_id = {p["id"]: p for p in catalogue.partnerships()}
    partnership = by_id.get(partnership_id)
    if partnership is None:
        return None
    predecessor = by_id.get(partnership.get("predecessor") or "")
    listed = partnership.get("documents") or []
    # The documents that govern (agreements and decisions) are compared before any other two.
    governing = [d for d in listed if d.get("doc_type") in ("overenskommelse", "protokoll")]
    documents = [d.get("path") or d["source"] for d in (governing if len(governing) >= 2 else listed)]
    if predecessor:
        before = predecessor.get("governing") or predecessor["documents"][-1]["source"]
        after = partnership.get("governing") or documents[-1]
        return _path_of(predecessor, before), _path_of(partnership, after)
    if len(documents) < 2:
        raise UsageError(f"{partnership_id} has one document and no predecessor: nothing to compare")
    return documents[-2], documents[-1]


def _path_of(partnership: dict, source: str) -> str:
    for document in partnership.get("documents") or []:
        if source in (document.get("source"), document.get("path")):
            return document.get("path") or document["source"]
    return source


def partnerships(catalogue: Catalogue, today: date, municipality: str | None = None, party: str | None = None,
                 active_on: date | None = None) -> Iterator[dict]:
    """Give the partnerships, filtered, each with status and notice deadline as of today, one at a
    time. A term never starts before the agreement's start, so --active-on reads only those that
    started by then."""
    from iopcli.partnership import annotate, current_term

    where, params = "", {}
    if active_on:
        where, params = '"start" is null or "start" <= :day', {"day": active_on.isoformat()}
    for partnership in catalogue.iter_partnerships(where, params):
        if municipality and fold(municipality) not in fold(partnership.get("municipality") or ""):
            continue
        if party and not matches_partnership({**partnership, "case_numbers": [], "documents": []}, party):
            continue
        if active_on:
            period = partnership.get("period") or {}
            term = current_term(period, active_on)
            if not term or (term["start"] and term["start"] > active_on) or term["end"] < active_on:
                continue
        yield annotate(partnership, today)


def civil_parties(partnership: dict) -> list[str]:
    return [p["name"] for p in partnership.get("parties") or [] if p.get("sector") == "civil"]


def money(partnership: dict) -> dict:
    """Give the partnership's money as flat columns: public (kommunens bidrag), civil and total,
    per year or in total as the documents state them.

    >>> money({"amounts": [{"sek": 472200, "per": "year", "role": "public_contribution"},
    ...                    {"sek": 813514, "per": "year", "role": "total"}]})["public_sek_per_year"]
    472200
    """
    found = {}
    for amount in partnership.get("amounts") or []:
        side = {"public_contribution": "public", "civil_contribution": "civil", "total": "total"}.get(amount.get("role"))
        per = {"year": "per_year", "total": "total"}.get(amount.get("per"))
        if side and per:
            found.setdefault(f"{side}_sek_{per}", amount.get("sek"))
    return found


def partnership_row(partnership: dict) -> dict:
    """Give one flat row of a partnership for tables, CSV and xlsx."""
    period = partnership.get("period") or {}
    return {
        "id": partnership["id"], "status": partnership.get("status"),
        "municipality": partnership.get("municipality"), "authority": partnership.get("authority"),
        "start": period.get("start"), "end": period.get("end"), "notice_months": period.get("notice_months"),
        "notice_deadline": partnership.get("notice_deadline"),
        "civil_parties": civil_parties(partnership),
        "org_numbers": [p["org_number"] for p in partnership.get("parties") or [] if p.get("org_number")],
        **money(partnership),
        "case_numbers": partnership.get("case_numbers") or [],
        "documents": len(partnership.get("documents") or []),
    }


def expiring_row(item: dict) -> dict:
    """Give one flat row of an expiring agreement (queries.expiring) for tables, CSV and xlsx."""
    return {**{k: v for k, v in item.items() if not isinstance(v, (dict, list))},
            "civil_parties": civil_parties(item)}


def workbook_sheets(catalogue: Catalogue, today: date) -> list[tuple[str, list[str], Iterator[dict]]]:
    """Give the sheets of `export --format xlsx`: partnerships, documents, and one per fact table."""
    from iopcli.catalogue import FACT_TABLES

    def documents():
        for record in catalogue.iter_records():
            yield csv_row(record)

    def table(name: str):
        sql = (f"select d.path as document, t.* from {name} t join documents d on d.id = t.document_id "
               "order by d.path, t.rowid")
        return (dict(row) for row in catalogue.db.query(sql))

    sheets = [("partnerships", list(PARTNERSHIP_COLUMNS), (partnership_row(p) for p in partnerships(catalogue, today))),
              ("documents", list(DOCUMENT_COLUMNS), documents())]
    for name in FACT_TABLES:
        columns = ["document"] + [c for c in catalogue.db[name].columns_dict if c != "document_id"]
        sheets.append((name, columns, table(name)))
    return sheets


def history(catalogue: Catalogue, name: str) -> list[dict]:
    """Give every kept version of the files a name leads to (path, file name or case number).

    Each version says which fields changed from the one before it.
    """
    import json

    from iopcli.diff import change_line, field_changes

    paths = catalogue.paths_for(name) or [r["path"] for r in find_documents(catalogue, name)]
    rows = []
    for path in paths:
        previous = None
        for version in catalogue.versions(path):
            record = json.loads(version["record"])
            changes = [change_line(c) for c in field_changes(previous, record)] if previous else []
            rows.append({"path": path, "version": version["version"], "ingested_at": version["ingested_at"],
                         "document_date": version["document_date"], "sha256": version["sha256"][:12],
                         "size": version["size"], "changes": changes})
            previous = record
    return rows
