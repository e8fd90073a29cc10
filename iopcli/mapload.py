"""The map step's output as JSON Lines, and `iop load`: merging such lines into the catalogue.

`iop extract PATH… --jsonl` runs the map step (workers.py: read, OCR, extract; no catalogue) and
writes one line per file; `iop load FILE.jsonl…` writes the lines with the ingest's own writer
(ingest.store): one transaction per document, a new version when a file changed, the partnerships
linked again where something changed. `iop ingest` is the two in one process, and on a cluster
(cluster.py) the workers map and the client loads.

A line, format 1 (`iop_map` says which; a reader refuses a format it does not know):

    {"iop_map": 1,
     "outcome": "read",                  # read | failed | skipped
     "path": "/data/diarium/avtal.pdf",  # the catalogue's key: the absolute path, as extract saw it
     "given": "diarium/avtal.pdf",       # the path as it was given
     "reason": "",                       # why a file failed or was skipped
     "size": 48213, "mtime": 1718000000.5, "sha256": "…",
     "record": {…},                      # record.md, with its evidence and page_confidence (OCR)
     "text": "…", "page_starts": [0, 2210, 4051],
     "ocr_cache": {"ab/ab…/p0001-…json": "{\"text\": …, \"confidence\": 91.2}"}}

`ocr_cache` holds the OCR readings of the file's scanned pages as OCR cache files, keyed by the
file's hash, so the catalogue's cache learns what was recognised elsewhere.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from iopcli import ingest, readers, workers
from iopcli.catalogue import Catalogue
from iopcli.errors import IopError
from iopcli.ingest import BACK, NOT_A_TYPE, Outcome, Summary
from iopcli.text import path_text
from iopcli.workers import Mapped, short_reason

LINE_FORMAT = 1
OUTCOMES = ("read", "failed", "skipped")
# What a record must hold for the catalogue to write it (record.build_record gives all of them).
RECORD_KEYS = ("source", "path", "sha256", "file_type", "pages", "ocr", "status", "warnings", "doc_type",
               "municipality", "authority", "document_date", "officer", "period", "case_numbers", "parties",
               "amounts", "deadlines", "recurring")


class BadLine(ValueError):
    """A line that is not one iop's map step wrote (or one of a format this iop does not know)."""


def to_line(mapped: Mapped) -> str:
    """Give one JSON line (no newline) for a Mapped."""
    return json.dumps({
        "iop_map": LINE_FORMAT, "outcome": mapped.outcome, "path": mapped.path, "given": mapped.shown,
        "reason": mapped.reason, "size": mapped.size, "mtime": mapped.mtime, "sha256": mapped.sha256,
        "record": mapped.record, "text": mapped.text, "page_starts": list(mapped.page_starts),
        "ocr_cache": mapped.ocr_cache,
    }, ensure_ascii=False)


def from_line(line: str) -> Mapped:
    """Give the Mapped a line holds; BadLine says why it holds none.

    >>> from_line('{"iop_map": 1, "outcome": "failed", "path": "/d/a.pdf", "reason": "damaged"}').reason
    'damaged'
    >>> from_line('{"iop_map": 2, "outcome": "read", "path": "/d/a.pdf"}')
    Traceback (most recent call last):
    ...
    iopcli.mapload.BadLine: line format 2 is newer than this iop reads (1): upgrade iop
    """
    try:
        data = json.loads(line)
    except ValueError as exc:
        raise BadLine(f"not JSON ({exc})") from None
    if not isinstance(data, dict) or "iop_map" not in data:
        raise BadLine("not a line of `iop extract --jsonl` (no iop_map field)")
    if data["iop_map"] != LINE_FORMAT:
        newer = isinstance(data["iop_map"], int) and data["iop_map"] > LINE_FORMAT
        raise BadLine(f"line format {data['iop_map']} is {'newer than this iop reads' if newer else 'unknown'}"
                      f" ({LINE_FORMAT}){': upgrade iop' if newer else ''}")
    path, outcome = data.get("path"), data.get("outcome")
    if not isinstance(path, str) or not path or outcome not in OUTCOMES:
        raise BadLine("a line needs a path and an outcome (read, failed or skipped)")
    shown = data.get("given") if isinstance(data.get("given"), str) else path
    if outcome != "read":
        return Mapped(path, shown, outcome, str(data.get("reason") or outcome))
    record, text, starts = data.get("record"), data.get("text"), data.get("page_starts")
    if not isinstance(record, dict) or any(key not in record for key in RECORD_KEYS):
        raise BadLine("its record lacks fields the catalogue needs")
    if record["path"] != path or not isinstance(record["sha256"], str) or data.get("sha256") != record["sha256"]:
        raise BadLine("its record is of another file (path or sha256 differ)")
    if not isinstance(text, str) or not isinstance(starts, list) or not all(isinstance(s, int) for s in starts):
        raise BadLine("a read line needs its text and page_starts")
    size, mtime = data.get("size"), data.get("mtime")
    cache = data.get("ocr_cache") if isinstance(data.get("ocr_cache"), dict) else {}
    return Mapped(path, shown, "read", "", size if isinstance(size, int) else None,
                  float(mtime) if isinstance(mtime, (int, float)) else None, record["sha256"], record,
                  text, tuple(starts) or (0,), {k: v for k, v in cache.items() if isinstance(v, str)})


# --- map: `iop extract --jsonl` ---------------------------------------------------------------

def extract(paths: Iterable[Path], ocr: "workers.OcrReader | None" = None, all_iop: bool = False,
            jobs: int | None = None, time_budget: float | None = workers.DEFAULT_TIME_BUDGET_S) -> Iterator[Mapped]:
    """Give the Mapped of every file under the paths, in the order found, without a catalogue.

    The ingest's own map half: files read in `jobs` worker processes within the time budget, their
    scanned pages recognised here by `ocr` (whose cache folder the readings come back from).
    """
    from iopcli.ocr import available_cores

    jobs = available_cores() if jobs is None else jobs
    plan = workers.OcrPlan(ocr.all_pages, ocr.max_pages, ocr.language_warning) if ocr is not None else None
    cache = ocr.cache.root if ocr is not None and ocr.cache is not None else None
    found = (_job(entry, all_iop, plan) for entry in ingest.walk(list(paths)))
    with workers.Workers(jobs, time_budget) as pool:
        for _, item in ingest._read_ahead(enumerate(found), pool, 2 * max(jobs, 1)):
            if not isinstance(item, ingest.Job):
                yield item
                continue
            mapped = ingest._map(item, pool, ocr)
            if mapped.record and mapped.record.get("ocr"):
                mapped = replace(mapped, ocr_cache=workers.cached_pages(cache, mapped.sha256))
            yield mapped


def _job(found: ingest.Found, all_iop: bool, plan: "workers.OcrPlan | None") -> "ingest.Job | Mapped":
    path = found.path
    shown, key = path_text(path), path_text(path.resolve())
    if found.reason:
        return Mapped(key, shown, found.outcome, found.reason)
    if readers.file_type(path) is None:
        return Mapped(key, shown, "skipped", f"{path.suffix or 'no extension'}: {NOT_A_TYPE}")
    try:
        mtime = path.stat().st_mtime
        data = readers.read_file(path)
    except IopError as exc:
        return Mapped(key, shown, "failed", short_reason(exc, path))
    except OSError as exc:
        return Mapped(key, shown, "failed", f"cannot read the file ({(exc.strerror or str(exc)).lower()})")
    return ingest.Job(path, shown, workers.Task(path, key, data, all_iop, plan), None, mtime)


# --- load: `iop load` -------------------------------------------------------------------------

def load(catalogue: Catalogue, files: list[Path], progress: Callable[[Path, int, int], None] | None = None,
         ocr_cache: Path | None = None) -> Summary:
    """Merge the lines of JSONL files into the catalogue; give what happened to each line's file.

    A file whose bytes the catalogue has is unchanged (its mtime noted); a file new to the catalogue
    with the bytes of a missing one is that file moved; anything else is written by ingest.store.
    A line that cannot be read is a failed outcome named `FILE:LINE`; the others go on. OCR
    readings the lines bring go into `ocr_cache` (the catalogue's OCR cache folder).
    """
    summary, known = Summary(), catalogue.known_files()
    total = sum(_count_lines(file) for file in files)
    try:
        for where, mapped in _lines(files):
            if progress:
                progress(Path(where), len(summary.outcomes), total)
            if isinstance(mapped, BadLine):
                summary.outcomes.append(Outcome(where, "failed", f"cannot load this line: {mapped}"))
                continue
            try:
                summary.outcomes.append(merge(catalogue, mapped, known, ocr_cache))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a record made by hand
                summary.outcomes.append(Outcome(where, "failed", f"cannot load this line: its record does not "
                                                                  f"fit the catalogue ({type(exc).__name__}: {exc})"))
    except KeyboardInterrupt:
        ingest.relink(catalogue)  # the line being written rolled back; link the ones that went in
        raise ingest.Interrupted(summary, total) from None
    if progress:
        progress(Path(""), total, total)
    if catalogue.links_stale():
        ingest.relink(catalogue)
    return summary


def merge(catalogue: Catalogue, mapped: Mapped, known: dict, ocr_cache: Path | None = None) -> Outcome:
    """Write one mapped file as the ingest would have; `known` (path -> sha256, size, mtime, status)
    is kept up to date, so that a file given twice is written once."""
    before = known.get(mapped.path)
    if mapped.outcome == "read":
        workers.keep_pages(ocr_cache, mapped.ocr_cache, mapped.sha256)
        waiting_for_ocr = bool(before and before[3] == "needs_ocr" and mapped.record["status"] != "needs_ocr")
        if before and before[0] == mapped.sha256 and not waiting_for_ocr:
            catalogue.touch(mapped.path, mapped.mtime)
            known[mapped.path] = (before[0], before[1], mapped.mtime, "ok" if before[3] == "missing" else before[3])
            return Outcome(mapped.shown, "unchanged", BACK if before[3] == "missing" else "")
        moved_from = None if before else catalogue.missing_with_hash(mapped.sha256, set())
        if moved_from:
            catalogue.move(moved_from, mapped.path, mapped.mtime)
            known.pop(moved_from, None)
            known[mapped.path] = (mapped.sha256, mapped.size, mapped.mtime, mapped.record["status"])
            return Outcome(mapped.shown, "moved", f"moved from {moved_from}")
    outcome = ingest.store(catalogue, mapped, before)
    if mapped.outcome == "read":
        known[mapped.path] = (mapped.sha256, mapped.size, mapped.mtime, mapped.record["status"])
    return outcome


def _lines(files: list[Path]) -> Iterator[tuple[str, "Mapped | BadLine"]]:
    for file in files:
        with open(file, encoding="utf-8", errors="replace") as stream:
            for number, line in enumerate(stream, 1):
                if line.strip():
                    try:
                        yield f"{path_text(file)}:{number}", from_line(line)
                    except BadLine as bad:
                        yield f"{path_text(file)}:{number}", bad


def _count_lines(file: Path) -> int:
    with open(file, "rb") as stream:
        return sum(block.count(b"\n") for block in iter(lambda: stream.read(1 << 20), b""))
