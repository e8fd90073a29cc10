"""Link again only the places an ingest touched, with the same result as linking everything.

Partnerships never reach across municipalities: the linker compares documents of one place (and
of places an OCR slip away), plus documents without a municipality that share a key with them.
So when documents change, only the partnerships of their places can change. `relink` works out
those places, links their documents alone, and replaces their partnerships; the rest of the
catalogue is not read. Whenever the result could depend on anything outside those places, it
links everything instead, so the outcome is always the one a full link gives:

- a changed document without a municipality (it may join any place);
- a document without a municipality that shares a linking key with the places' documents (it
  may tie them to another place);
- a not-IOP document and a partnership on either side of the border that share a case number (the
  document is listed under the first partnership that names it);
- an id the places' partnerships would take that a partnership elsewhere has (ids are numbered
  -2, -3 within one name);
- a catalogue linked by another version of iop.

The stale-document notes (catalogue.stale_documents) are written in the same transaction as each
document, so a run that was stopped before it linked leaves them for the next.

Linking everything, a large catalogue is linked place by place in worker processes, with the same
result (linkparts.py).
"""
from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager

from iopcli.catalogue import Catalogue, iop_version


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a while.

    Linking parses every record and builds every partnership: millions of small dicts and lists,
    none of them in a cycle, all freed by reference counting. The collector still walks all of them
    again and again as they are made; at 100,000 documents that was a quarter of the grouping time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def relink(catalogue: Catalogue, full: bool = False, processes: int | None = None) -> str:
    """Bring the partnerships up to date with the documents; give "full", "partial" or "none".

    `processes`: how many may link a large catalogue's places side by side (linkparts.py; default:
    one per core)."""
    with cycle_collection_paused():
        return _relink(catalogue, full, processes)


def _relink(catalogue: Catalogue, full: bool, processes: int | None) -> str:
    from iopcli.linker import link

    stale = catalogue.stale_documents()
    if not full and catalogue.linked_by() == iop_version():
        if not stale:
            return "none"
        scope = _scope(catalogue, stale)
        if scope is not None:
            records, replaced, floating = scope
            partnerships = link(records)
            if not _clashes(catalogue, partnerships, replaced, floating):
                catalogue.replace_partnerships(partnerships, only=sorted(replaced))
                return "partial"
    from iopcli.linkparts import link_in_parts
    from iopcli.ocr import available_cores

    if not link_in_parts(catalogue, available_cores() if processes is None else processes):
        catalogue.replace_partnerships(link(catalogue.records("status = 'ok'")))
    return "full"


def _scope(catalogue: Catalogue, stale: set[str]) -> tuple[list[dict], set[str], set[str]] | None:
    """Give (the records to link, the ids of the partnerships they replace, the paths of not-IOP
    documents without a municipality among the records), or None when the change may reach
    beyond its places."""
    from iopcli.names import municipality_key, same_municipality

    names = {row[0]: municipality_key(row[0]) for row in catalogue.db.execute(
        "select distinct municipality from documents where record is not null")}
    changed = catalogue.records("path in (select path from stale_documents)")
    touched = _partnerships_touching(catalogue, stale, changed)
    affected = {municipality_key(r.get("municipality")) for r in changed}
    affected |= {municipality_key(m) for m in touched.values()}
    if "" in affected:
        return None
    keys = set(names.values()) - {""}
    places = set(affected)
    while True:  # places an OCR slip away from one in scope are in scope, and so on
        more = {k for k in keys - places if any(same_municipality(k, p) for p in places)}
        if not more:
            break
        places |= more
    in_scope = [name for name, key in names.items() if key in places and name is not None]
    if not in_scope:
        return [], set(touched), set()
    records = _records_where(catalogue, "municipality", in_scope)
    if _unknown_ties(catalogue, names, records):
        return None
    # A not-IOP document without a municipality that names a case number of these places may be
    # listed under one of their partnerships: it is linked with them (and _clashes makes sure no
    # partnership elsewhere names that case too).
    cases = sorted({row[0] for row in catalogue.db.execute(
        "select distinct c.key from case_numbers c join documents d on d.id = c.document_id "
        "where d.status = 'ok' and d.municipality in (" + ",".join("?" * len(in_scope)) + ")", in_scope)})
    paths = {r["path"] for r in records}
    floating = [r for r in _records_where(catalogue, "case", cases) if r["path"] not in paths
                and (r.get("iop") or {}).get("is") is False and not municipality_key(r.get("municipality"))]
    replaced = set(touched) | {row[0] for row in catalogue.db.execute(
        "select id from partnerships where municipality in (" + ",".join("?" * len(in_scope)) + ")", in_scope)}
    return records + floating, replaced, {r["path"] for r in floating}


def _records_where(catalogue: Catalogue, by: str, values: list[str]) -> list[dict]:
    """Give the records (status ok) of documents in these municipalities (`by` "municipality")
    or naming these case keys (`by` "case"), in chunks SQLite takes."""
    import json

    condition = {"municipality": "municipality in ({})",
                 "case": "id in (select document_id from case_numbers where key in ({}))"}[by]
    found: dict[str, dict] = {}
    for start in range(0, len(values), 500):
        chunk = values[start:start + 500]
        for path, record in catalogue.db.execute(
                "select path, record from documents where record is not null and status = 'ok' and "
                + condition.format(",".join("?" * len(chunk))), chunk):
            found[path] = json.loads(record)
    return [found[path] for path in sorted(found)]


def _partnerships_touching(catalogue: Catalogue, stale: set[str], changed: list[dict]) -> dict[str, str | None]:
    """Give {id: municipality} of the partnerships that hold a stale document, or that name a
    case number of a changed not-IOP document without a municipality (it is listed under the
    first such partnership, wherever it is)."""
    from iopcli.extractors.casenumbers import case_key
    from iopcli.names import municipality_key

    floating = [r for r in changed if (r.get("iop") or {}).get("is") is False
                and not municipality_key(r.get("municipality"))]
    keys = [("file", path) for path in stale]
    keys += [("case", case_key(c)) for r in floating for c in r.get("case_numbers") or [] if c and case_key(c)]
    found: dict[str, str | None] = {}
    for kind, key in keys:
        for row in catalogue.db.execute(
                "select p.id, p.municipality from partnerships p join partnership_keys k on k.partnership_id = p.id "
                "where k.kind = ? and k.key = ?", [kind, key]):
            found[row[0]] = row[1]
    return found


def _unknown_ties(catalogue: Catalogue, names: dict, records: list[dict]) -> bool:
    """True when a document without a municipality shares a linking key with one in scope."""
    from iopcli.families import _all_keys, _doc
    from iopcli.linker import not_excluded

    unknown_names = [name for name, key in names.items() if not key and name is not None]
    unknown = catalogue.records("status = 'ok' and (municipality is null" + "".join(
        f" or municipality = :m{n}" for n in range(len(unknown_names))) + ")",
        {f"m{n}": name for n, name in enumerate(unknown_names)})
    unknown = [r for r in unknown if not_excluded(r)]  # a not-IOP document joins no family
    if not unknown:
        return False
    scope_keys = set().union(*(_all_keys(_doc(r, i)) for i, r in enumerate(records))) if records else set()
    return any(_all_keys(_doc(r, i)) & scope_keys for i, r in enumerate(unknown))


def base_id(partnership_id: str) -> str:
    """Give an id without the number a clash gave it: `umea-boj-2024-2` -> `umea-boj-2024`.

    >>> base_id("umea-boj-2024-2"), base_id("umea-boj-2024")
    ('umea-boj-2024', 'umea-boj-2024')
    """
    return re.sub(r"-\d{1,2}$", "", partnership_id)


def _clashes(catalogue: Catalogue, partnerships: list[dict], replaced: set[str], floating: set[str]) -> bool:
    """True when the new partnerships' ids meet a partnership outside the scope, or a case number
    under which a not-IOP document without a municipality (`floating`, paths) is listed does."""
    from iopcli.extractors.casenumbers import case_key

    kept = {row[0] for row in catalogue.db.execute("select id from partnerships")} - replaced
    bases = {base_id(i) for i in kept}
    for partnership in partnerships:
        if partnership["id"] in kept or base_id(partnership["id"]) in bases:
            return True
    # A not-IOP document without a municipality goes under the first partnership naming its case,
    # wherever it is: that case must be named by none outside.
    cases = {case_key(c) for p in partnerships for d in p["documents"] if d.get("path") in floating
             for c in d.get("case_numbers") or [] if c and case_key(c)}
    for key in cases:
        owners = {row[0] for row in catalogue.db.execute(
            "select partnership_id from partnership_keys where kind = 'case' and key = ?", [key])}
        if owners - replaced:
            return True
    return False
