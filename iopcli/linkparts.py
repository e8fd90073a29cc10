"""Link a large catalogue in parts, in worker processes, with the result of linking it all at once.

Linking 100,000 documents in one process took over 20 seconds, all of it after the last file was
read. But the documents fall apart into parts that no family crosses, and the parts can be linked
side by side:

- Two documents are only ever merged when pair_score ties them, and documents of two places are
  only compared when the places are an OCR slip apart (names.same_municipality). So a part is a
  place cluster with the unknown-place documents tied to it, directly or through each other; the
  unknown-place documents tied to no place are one more part, linked here at the end.
- Families merge strongest tie first, and a merge looks only at the two families it joins: each
  part's families come out as they do in one link of everything.

Three things can still reach from one part into another. Each part reports them, and when one is
seen, all that was written is rolled back and the caller links everything at once:

- an unknown-place document tied to two parts (it may join them);
- an id base (ids are numbered -2, -3 within one) that two parts make;
- a not-IOP document listed under another part's partnership: one without a municipality goes under
  the first partnership anywhere that names its case, one with a municipality under the first of
  its own place or of no place (linker._attach_related).

The workers are forked. Each reads its own places' records from the catalogue and sends back the
finished table rows (schema.partnership_table_rows), which this process writes as they come, in one
transaction. Records never travel between processes: that cost more than it saved.
"""
from __future__ import annotations

import json
import multiprocessing
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait

from iopcli import jsontext
from iopcli.catalogue import Catalogue

# Below this many documents, one process links everything sooner than workers start and report.
MIN_DOCUMENTS = 4000


class _Crossing(Exception):
    """A part reaches into another: roll back and link everything at once."""


@dataclass
class Unplaced:
    """The catalogue's documents without a municipality.

    `records`: those that may join a family, in path order, with `component` (per record: documents
    pair_score ties, directly or through others, share a component). `not_iop`: the not-IOP ones,
    each with the case keys it names. `ids`: catalogue ids by path."""

    records: list[dict] = field(default_factory=list)
    component: list[int] = field(default_factory=list)
    not_iop: list[tuple[dict, frozenset[str]]] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)


@dataclass
class Report:
    """What a part made that another part could also reach.

    `unplaced`: paths of the unknown-place documents it linked; `listed`: paths of the not-IOP
    unknown-place documents it listed under a partnership; `bases`: its id bases; `own_cases`: case
    keys its not-IOP documents with a municipality name; `placeless_cases`: case keys named by its
    partnerships without a municipality."""

    unplaced: set[str]
    listed: set[str]
    bases: set[str]
    own_cases: set[str]
    placeless_cases: set[str]


def link_in_parts(catalogue: Catalogue, processes: int) -> bool:
    """Replace all the partnerships by linking the catalogue's parts in `processes` workers.

    Give False, having changed nothing, when that is not worth it (fewer than MIN_DOCUMENTS
    documents, one place cluster, fewer than two processes) or when a part reaches into another:
    the caller then links everything at once."""
    from iopcli.names import municipality_key

    counts = dict(catalogue.db.execute(
        "select municipality, count(*) from documents where record is not null and status = 'ok' group by 1"))
    if processes < 2 or sum(counts.values()) < MIN_DOCUMENTS or "fork" not in multiprocessing.get_all_start_methods():
        return False
    clusters = place_clusters({name: n for name, n in counts.items() if municipality_key(name)})
    if len(clusters) < 2:
        return False
    unplaced = read_unplaced(catalogue, [name for name in counts if not municipality_key(name)])
    cluster_of = {name: n for n, (names, _) in enumerate(clusters) for name in names}
    documents: list[list[int]] = [[] for _ in clusters]
    for doc_id, municipality in catalogue.db.execute(
            "select id, municipality from documents where record is not null and status = 'ok'"):
        if municipality in cluster_of:
            documents[cluster_of[municipality]].append(doc_id)
    context = multiprocessing.get_context("fork")  # the workers share `documents` and `unplaced` as they are
    taken_next = context.Value("i", 0)  # the next cluster a worker takes: the largest left
    workers, pipes = [], []
    try:
        for _ in range(min(processes, len(clusters))):
            receiving, sending = context.Pipe(duplex=False)
            worker = context.Process(target=_work, args=(str(catalogue.path), documents, taken_next, unplaced, sending),
                                     daemon=True)
            worker.start()
            sending.close()
            workers.append(worker)
            pipes.append(receiving)
        with catalogue.partnerships_replaced() as write:
            seen = Crossings()
            for rows, report in _results(pipes):
                _write(write, rows, seen.add(report))
            leftover = [r for r in unplaced.records if r["path"] not in seen.owner]
            if leftover or unplaced.not_iop:
                rows, report = link_part(leftover, Unplaced(not_iop=unplaced.not_iop), unplaced.ids)
                _write(write, rows, seen.add(report))
    except _Crossing:
        return False
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.kill()
            worker.join()
    return True


def _write(write, rows: dict, crossing: str | None) -> None:
    """Write a part's rows, unless it reaches into another part."""
    if crossing:
        raise _Crossing(crossing)
    write(rows)


def _results(pipes: list) -> Iterator[tuple[dict, Report]]:
    """Give each part's (rows, report) as the workers send them; raise _Crossing when one failed."""
    pending = list(pipes)
    while pending:
        for pipe in wait(pending):
            try:
                message = pipe.recv()
            except EOFError:
                raise _Crossing("a worker stopped without its results") from None
            if message is None:
                pending.remove(pipe)
            elif isinstance(message, str):  # the worker's traceback: linking at once will raise it here
                raise _Crossing(message)
            else:
                yield message


def _work(path: str, documents: list[list[int]], taken_next, unplaced: Unplaced, pipe) -> None:
    """In a worker: take the next place cluster (the ids of its documents) until none is left,
    link it and send its (rows, report); then None. On an error, send its traceback."""
    import sqlite3

    try:
        db = sqlite3.connect(path)
        while True:
            with taken_next.get_lock():
                n = taken_next.value
                taken_next.value += 1
            if n >= len(documents):
                break
            records, ids = [], dict(unplaced.ids)
            for doc_id, doc_path, text in db.execute(
                    "select id, path, record from documents where id in (select value from json_each(?)) order by path",
                    [json.dumps(documents[n])]):
                records.append(jsontext.loads(text))
                ids[doc_path] = doc_id
            pipe.send(link_part(records, unplaced, ids))
        db.close()
        pipe.send(None)
    except BaseException:  # noqa: BLE001 (the worker reports anything, and this process decides)
        pipe.send(traceback.format_exc())
    finally:
        pipe.close()


def link_part(records: list[dict], unplaced: Unplaced, ids: dict[str, int]) -> tuple[dict, Report]:
    """Link one part: these records (one place cluster's, in path order), with the unknown-place
    documents tied to them and the not-IOP unknown-place ones naming their cases; give its table
    rows and its Report (pure)."""
    from iopcli.linker import link, not_excluded
    from iopcli.names import municipality_key
    from iopcli.relink import base_id
    from iopcli.schema import partnership_table_rows

    taken: list[dict] = []
    if unplaced.records:
        tied = tied_to([r for r in records if not_excluded(r)], unplaced.records)
        components = {unplaced.component[i] for i in tied}
        taken = [r for r, c in zip(unplaced.records, unplaced.component) if c in components]
    cases = {key for r in (*records, *taken) for key in case_keys(r)}
    listed = [r for r, named in unplaced.not_iop if named & cases]
    partnerships = link(sorted((*records, *taken, *listed), key=lambda r: r["path"]))
    listed_paths = {r["path"] for r in listed}
    report = Report(
        unplaced={r["path"] for r in taken},
        listed={d["path"] for p in partnerships for d in p["documents"] if d.get("path") in listed_paths},
        bases={base_id(p["id"]) for p in partnerships},
        own_cases={key for r in records if not not_excluded(r) for key in case_keys(r)},
        placeless_cases={key for p in partnerships if not municipality_key(p.get("municipality"))
                         for d in p["documents"] for key in case_keys(d)})
    return partnership_table_rows(partnerships, ids), report


class Crossings:
    """The parts' reports so far, to say when one part reaches into another.

    >>> seen = Crossings()
    >>> seen.add(Report({"/a"}, set(), {"umea-boj-2024"}, set(), set())), seen.add(Report(set(), set(), {"lund-boj-2024"}, set(), set()))
    (None, None)
    >>> seen.add(Report(set(), set(), {"umea-boj-2024"}, set(), set()))
    'the id umea-boj-2024 is made in two parts'
    >>> seen.add(Report({"/a"}, set(), set(), set(), set()))
    '/a is tied to two parts'
    >>> seen.add(Report(set(), set(), set(), {"SON:2024-1"}, set())), seen.add(Report(set(), set(), set(), set(), {"SON:2024-1"}))
    (None, 'case SON:2024-1 is named in two parts')
    """

    def __init__(self) -> None:
        self.parts = 0
        self.owner: dict[str, int] = {}  # a path, "id:" + an id base, "own:" or "placeless:" + a case key
        self.cases: dict[str, set[int]] = {}  # "own:"/"placeless:" + case key -> parts

    def add(self, report: Report) -> str | None:
        """Take one part's report; say how it reaches into a part seen before, or give None."""
        n, self.parts = self.parts, self.parts + 1
        for path in (*report.unplaced, *report.listed):
            if self.owner.setdefault(path, n) != n:
                return f"{path} is tied to two parts"
        for base in report.bases:
            if self.owner.setdefault("id:" + base, n) != n:
                return f"the id {base} is made in two parts"
        for kind, keys, other in (("own:", report.own_cases, "placeless:"), ("placeless:", report.placeless_cases, "own:")):
            for key in keys:
                self.cases.setdefault(kind + key, set()).add(n)
                if self.cases.get(other + key, set()) - {n}:
                    return f"case {key} is named in two parts"
        return None


def place_clusters(counts: dict[str, int]) -> list[tuple[list[str], int]]:
    """Group municipality names (with their number of documents) into clusters of places an OCR
    slip apart, each with its names and documents, largest first (pure).

    >>> place_clusters({"Linköpings kommun": 5, "Linkdpings kommun": 1, "Umeå kommun": 3})
    [(['Linkdpings kommun', 'Linköpings kommun'], 6), (['Umeå kommun'], 3)]
    """
    from iopcli.names import municipality_key, same_municipality

    keys = sorted({municipality_key(name) for name in counts})
    parent = {key: key for key in keys}

    def find(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    for n, a in enumerate(keys):
        for b in keys[n + 1:]:
            if same_municipality(a, b):
                parent[find(b)] = find(a)
    clusters: dict[str, list[str]] = {}
    for name in sorted(counts):
        clusters.setdefault(find(municipality_key(name)), []).append(name)
    return sorted(((names, sum(counts[n] for n in names)) for names in clusters.values()), key=lambda c: (-c[1], c[0]))


def read_unplaced(catalogue: Catalogue, names: list) -> Unplaced:
    """Read the documents whose municipality is unknown (those `names`, or none at all) and find
    which of them pair_score ties to each other."""
    from iopcli.families import _doc, candidate_pairs, pair_score
    from iopcli.linker import not_excluded

    found = Unplaced()
    for doc_id, path, text in catalogue.db.execute(
            "select id, path, record from documents where record is not null and status = 'ok' and "
            "(municipality is null or municipality in (select value from json_each(?))) order by path",
            [json.dumps([n for n in names if n is not None])]):
        record = jsontext.loads(text)
        found.ids[path] = doc_id
        if not_excluded(record):
            found.records.append(record)
        else:
            found.not_iop.append((record, frozenset(case_keys(record))))
    parent = list(range(len(found.records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in candidate_pairs([_doc(r, i) for i, r in enumerate(found.records)]):
        if pair_score(a, b):
            parent[find(a.index)] = find(b.index)
    found.component = [find(i) for i in range(len(found.records))]
    return found


def tied_to(records: list[dict], strangers: list[dict]) -> set[int]:
    """Give the positions of the unknown-place records (`strangers`) that pair_score ties to one
    of `records` (a place cluster's, not-IOP ones left out), found as families() finds pairs."""
    from iopcli.families import _doc, _municipality_buckets, candidate_pairs, pair_score

    docs = [_doc(r, i) for i, r in enumerate(records)]
    docs += [_doc(r, len(records) + i) for i, r in enumerate(strangers)]
    tied = set()
    for bucket in _municipality_buckets(docs):
        if any(d.index < len(records) for d in bucket):  # (not the bucket of strangers alone)
            for a, b in candidate_pairs(bucket):
                if (a.index < len(records)) != (b.index < len(records)) and pair_score(a, b):
                    tied.add(max(a.index, b.index) - len(records))
    return tied


def case_keys(record: dict) -> set[str]:
    """Give the case keys a record (or a partnership's document entry) names."""
    from iopcli.extractors.casenumbers import case_key

    return {key for c in record.get("case_numbers") or [] if c for key in (case_key(c),) if key}
