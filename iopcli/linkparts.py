"""Link a large catalogue in parts, in worker processes, with the result of linking it all at once.

Linking 100,000 documents in one process took over 20 seconds, all of it after the last file was
read. But the documents fall apart into parts that no family crosses, and the parts can be linked
side by side:

- Two documents are only ever merged when pair_score ties them, and documents of two places are
  only compared when the places are an OCR slip apart (names.same_municipality). So no family
  crosses from one place cluster to another.
- Families merge strongest tie first, and a merge looks only at the two families it joins: each
  cluster's families come out as they do in one link of everything.
- A not-IOP document is listed under the first partnership naming its case: one of its own place,
  or any partnership when it names no municipality (linker._attach_related). The clusters naming
  the cases of such a document are joined into one part (join_parts).
- A partnership's id is numbered within its base (`-2`, `-3`), and the base starts with its
  kommun: parts make different bases. That is checked as the parts come in, all the same.

A document that may join a partnership but names no municipality can tie any places together,
and which it joins depends on all of them: a catalogue with one is linked in one process (as is
a small one). So is one where a part fails: everything written is rolled back first.

The workers are forked. Each reads its own places' records from the catalogue and sends back the
finished table rows (schema.partnership_table_rows), which this process writes as they come, in one
transaction. Records never travel between processes: that cost more than it saved.
"""
from __future__ import annotations

import json
import multiprocessing
import traceback
from collections.abc import Iterator
from multiprocessing.connection import wait

from iopcli import jsontext
from iopcli.catalogue import Catalogue

# Below this many documents, one process links everything sooner than workers start and report.
MIN_DOCUMENTS = 4000
# A part holding more than this share of the documents leaves too little for the other workers.
MOST = 0.6


class _Fallback(Exception):
    """Link everything at once: a part reached into another, or a worker failed."""


def link_in_parts(catalogue: Catalogue, processes: int) -> bool:
    """Replace all the partnerships by linking the catalogue's parts in `processes` workers.

    Give False, having changed nothing, when that is not worth it or not sure to give what one link
    gives (see the module's docstring): the caller then links everything at once."""
    from iopcli.names import municipality_key

    counts = dict(catalogue.db.execute(
        "select municipality, count(*) from documents where record is not null and status = 'ok' group by 1"))
    total = sum(counts.values())
    if processes < 2 or total < MIN_DOCUMENTS or "fork" not in multiprocessing.get_all_start_methods():
        return False
    clusters = place_clusters({name: n for name, n in counts.items() if municipality_key(name)})
    floating = read_floating(catalogue, [name for name in counts if not municipality_key(name)])
    if len(clusters) < 2 or floating is None:
        return False
    cluster_of = {name: n for n, (names, _) in enumerate(clusters) for name in names}
    documents: list[list[int]] = [[] for _ in clusters]
    for doc_id, municipality in catalogue.db.execute(
            "select id, municipality from documents where record is not null and status = 'ok'"):
        if municipality in cluster_of:
            documents[cluster_of[municipality]].append(doc_id)
    cases: list[set[str]] = [set() for _ in clusters]
    if floating:
        for municipality, key in catalogue.db.execute(
                "select d.municipality, c.key from case_numbers c join documents d on d.id = c.document_id "
                "where d.record is not null and d.status = 'ok' and c.key is not null"):
            if municipality in cluster_of:
                cases[cluster_of[municipality]].add(key)
    parts = join_parts(cases, [size for _, size in clusters], [named for _, named, _ in floating])
    if sum(clusters[n][1] for n in parts[0]) > MOST * total:
        return False  # one part would be most of the work
    tasks = [[doc_id for n in part for doc_id in documents[n]] for part in parts]
    ids = {record["path"]: doc_id for record, _, doc_id in floating}
    try:
        with catalogue.partnerships_replaced() as write:
            bases: set[str] = set()
            for rows, made in _in_workers(str(catalogue.path), tasks, processes,
                                          lambda records, own_ids: link_part(records, floating, {**ids, **own_ids})):
                if bases & made:
                    raise _Fallback(f"the id {min(bases & made)} is made in two parts")
                bases |= made
                write(rows)
    except _Fallback:
        return False
    return True


def _in_workers(path: str, tasks: list[list[int]], processes: int, job) -> Iterator:
    """Run job(records, ids) on each task (the ids of its documents; their records in path order,
    and the catalogue ids by path) in forked workers, the first tasks first; give each result as it
    comes. Raise _Fallback when a worker fails."""
    context = multiprocessing.get_context("fork")  # the workers share the job and its data as they are
    taken_next = context.Value("i", 0)  # the next task a worker takes
    workers, pending = [], []
    try:
        for _ in range(min(processes, len(tasks))):
            receiving, sending = context.Pipe(duplex=False)
            worker = context.Process(target=_work, args=(path, tasks, taken_next, job, sending), daemon=True)
            worker.start()
            sending.close()
            workers.append(worker)
            pending.append(receiving)
        while pending:
            for pipe in wait(pending):
                try:
                    message = pipe.recv()
                except EOFError:
                    raise _Fallback("a worker stopped without its results") from None
                if message is None:
                    pending.remove(pipe)
                elif isinstance(message, str):  # the worker's traceback: linking at once will raise it here
                    raise _Fallback(message)
                else:
                    yield message
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.kill()
            worker.join()


def _work(path: str, tasks: list[list[int]], taken_next, job, pipe) -> None:
    """In a worker: take the next task until none is left, read its records and send its job's
    result; then None. On an error, send its traceback."""
    import sqlite3

    try:
        db = sqlite3.connect(path)
        while True:
            with taken_next.get_lock():
                n = taken_next.value
                taken_next.value += 1
            if n >= len(tasks):
                break
            records, ids = [], {}
            for doc_id, doc_path, text in db.execute(
                    "select id, path, record from documents where id in (select value from json_each(?)) order by path",
                    [json.dumps(tasks[n])]):
                records.append(jsontext.loads(text))
                ids[doc_path] = doc_id
            pipe.send(job(records, ids))
        db.close()
        pipe.send(None)
    except BaseException:  # noqa: BLE001 (the worker reports anything, and this process decides)
        pipe.send(traceback.format_exc())
    finally:
        pipe.close()


def join_parts(cases: list[set[str]], sizes: list[int], floating: list[frozenset[str]]) -> list[list[int]]:
    """Join the place clusters into parts: the clusters naming a case (`cases`, per cluster) of one
    not-IOP document without a municipality (`floating`: the case keys each names) are one part.
    Give the parts (their clusters), largest first (`sizes`: documents per cluster) (pure).

    >>> join_parts([{"KS:2024-1"}, set(), {"KS:2024-1", "SN:2023-9"}], [5, 4, 2], [frozenset({"KS:2024-1"})])
    [[0, 2], [1]]
    """
    naming: dict[str, list[int]] = {}
    for n, keys in enumerate(cases):
        for key in keys:
            naming.setdefault(key, []).append(n)
    joined = [[n for key in named for n in naming.get(key, ())] for named in floating]
    return sorted(_groups(len(cases), joined), key=lambda part: (-sum(sizes[n] for n in part), part))


def _groups(count: int, joined: list[list[int]]) -> list[list[int]]:
    """Give the items 0 … count-1 in groups, each list in `joined` being in one group (pure).

    >>> _groups(5, [[0, 3], [3, 4], [1]])
    [[0, 3, 4], [1], [2]]
    """
    parent = list(range(count))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for items in joined:
        for item in items[1:]:
            parent[find(item)] = find(items[0])
    groups: dict[int, list[int]] = {}
    for item in range(count):
        groups.setdefault(find(item), []).append(item)
    return list(groups.values())


def link_part(records: list[dict], floating: list[tuple[dict, frozenset[str], int]],
              ids: dict[str, int]) -> tuple[dict, set[str]]:
    """Link one part: its places' records (in path order) with the not-IOP documents without a
    municipality that name their cases (`floating`); give its table rows and its id bases (pure)."""
    from iopcli.linker import link
    from iopcli.relink import base_id
    from iopcli.schema import partnership_table_rows

    cases = {key for r in records for key in case_keys(r)}
    listed = [record for record, named, _ in floating if named & cases]
    partnerships = link(sorted((*records, *listed), key=lambda r: r["path"]))
    return partnership_table_rows(partnerships, ids), {base_id(p["id"]) for p in partnerships}


def place_clusters(counts: dict[str, int]) -> list[tuple[list[str], int]]:
    """Group municipality names (with their number of documents) into clusters of places an OCR
    slip apart, each with its names and documents, largest first (pure).

    >>> place_clusters({"Linköpings kommun": 5, "Linkdpings kommun": 1, "Umeå kommun": 3})
    [(['Linkdpings kommun', 'Linköpings kommun'], 6), (['Umeå kommun'], 3)]
    """
    from iopcli.names import municipality_key, same_municipality

    keys = sorted({municipality_key(name) for name in counts})  # (a few hundred: every pair is compared)
    slips = [[n, m] for n in range(len(keys)) for m in range(n + 1, len(keys)) if same_municipality(keys[n], keys[m])]
    group_of = {keys[k]: g for g, group in enumerate(_groups(len(keys), slips)) for k in group}
    clusters: dict[int, list[str]] = {}
    for name in sorted(counts):
        clusters.setdefault(group_of[municipality_key(name)], []).append(name)
    return sorted(((names, sum(counts[n] for n in names)) for names in clusters.values()), key=lambda c: (-c[1], c[0]))


def read_floating(catalogue: Catalogue, names: list) -> list[tuple[dict, frozenset[str], int]] | None:
    """Give the documents without a municipality (those `names`, or none at all), each with the case
    keys it names and its id, when none of them may join a partnership; else None."""
    from iopcli.linker import not_excluded

    found = []
    for doc_id, text in catalogue.db.execute(
            "select id, record from documents where record is not null and status = 'ok' and "
            "(municipality is null or municipality in (select value from json_each(?))) order by path",
            [json.dumps([n for n in names if n is not None])]):
        record = jsontext.loads(text)
        if not_excluded(record):
            return None
        found.append((record, frozenset(case_keys(record)), doc_id))
    return found


def case_keys(record: dict) -> set[str]:
    """Give the case keys a record (or a partnership's document entry) names."""
    from iopcli.extractors.casenumbers import case_key

    return {key for c in record.get("case_numbers") or [] if c for key in (case_key(c),) if key}
