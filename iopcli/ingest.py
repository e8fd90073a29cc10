"""Run the pipeline over paths: find files, read, extract, write each file's record in one transaction.

An ingest is a map step and a load in one process: worker processes read and extract each file
(workers.prepare, into a workers.Mapped), and this process writes every Mapped with `store`, the
catalogue's one writer. `iop load` (mapload.py) and a cluster's client (cluster.py) write with it too.
The terminal stays outside: progress is reported through a callback, outcomes are returned.
"""
from __future__ import annotations

import dataclasses
import errno
import os
import stat as stat_mode
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from iopcli import readers, workers
from iopcli.catalogue import Catalogue
from iopcli.errors import IopError, UsageError
from iopcli.record import build_record
from iopcli.text import path_text
from iopcli.workers import Mapped, short_reason, unexpected_reason
from iopcli.workers import OcrReader, ocr_reader  # noqa: F401  (re-exported: callers import them from here)

# moved: a catalogued file found under another name (same bytes); missing: a catalogued file gone.
OUTCOMES = ("new", "updated", "unchanged", "needs_ocr", "skipped", "failed", "moved", "missing")
NOT_A_TYPE = "not a document type iop reads"
BACK = "back in its place: its record counts again"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one file: one of OUTCOMES, and why (for failures and skips)."""

    path: str
    outcome: str
    reason: str = ""
    changes: tuple[str, ...] = ()  # for updated files: one line per changed field


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome == outcome)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.outcome == "failed"]

    def as_dict(self) -> dict:
        return {name: self.count(name) for name in OUTCOMES}


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during an ingest: every file finished before it is in the catalogue, the one being
    written is not (its transaction is rolled back). Carries the summary so far."""

    def __init__(self, summary: "Summary", total: int):
        super().__init__(f"interrupted after {len(summary.outcomes)} of {total} files")
        self.summary, self.total = summary, total


@dataclass(frozen=True, slots=True)
class Found:
    """A path the walk came upon: a file to read (reason ""), or one to pass by and why.

    `outcome` says how a passed-by path counts: "skipped" (a loop, a FIFO, a device) or "failed"
    (a folder iop may not enter: the user asked for it, and some files in it may be left out).
    """

    path: Path
    reason: str = ""
    outcome: str = ""


def find_files(paths: Iterable[Path], leave_out: Iterable[Path] = ()) -> Iterator[Path]:
    """Give every file under the paths (folders recursively, hidden ones skipped), sorted, once.

    A broken link in a folder is given too, so that the run reports it rather than pass it by.
    Files in `leave_out` (the catalogue itself), or in a folder there (its OCR cache), are not given.
    """
    return (found.path for found in walk(paths, leave_out) if not found.reason)


def walk(paths: Iterable[Path], leave_out: Iterable[Path] = ()) -> Iterator[Found]:
    """Give every file under the paths, and every path passed by with its reason, sorted, once.

    Nothing is opened but folders: a FIFO or a link to /dev/zero is known by its stat and passed
    by (reading one would block or never end); a link loop or a link back to a folder being read is
    passed by; a folder that cannot be listed is reported and the walk goes on.
    """
    left_out = [p.resolve() for p in leave_out]
    seen: set[Path] = set(left_out)
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"{path}: no such file or folder")
        for found in _walk_one(path, set()):
            if found.reason:
                yield found
                continue
            resolved = found.path.resolve()
            if resolved not in seen and not any(folder in resolved.parents for folder in left_out):
                seen.add(resolved)
                yield found


def _walk_one(path: Path, folders: set[str]) -> Iterator[Found]:
    """Give the files under one path (a file or a folder); `folders` holds the real paths of the
    folders being read, to know a link that leads back into one of them."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        yield Found(path)  # a broken link: ingest names it
        return
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            yield Found(path, "skipped: a symbolic link loop (it leads back to itself)", "skipped")
        else:
            yield Found(path, f"cannot look at it ({(exc.strerror or str(exc)).lower()})", "failed")
        return
    if stat_mode.S_ISREG(mode):
        yield Found(path)
        return
    if not stat_mode.S_ISDIR(mode):
        yield Found(path, f"skipped: not a regular file ({special_kind(mode)}); never read", "skipped")
        return
    real = os.path.realpath(path)
    if real in folders:
        yield Found(path, "skipped: a link back to a folder already being read (a loop)", "skipped")
        return
    try:
        with os.scandir(path) as listing:
            entries = sorted(listing, key=lambda entry: os.fsencode(entry.name))
    except OSError as exc:
        yield Found(path, f"cannot open the folder ({(exc.strerror or str(exc)).lower()}); its files are left out",
                    "failed")
        return
    inner = folders | {real}
    for entry in entries:
        if not entry.name.startswith("."):
            yield from _walk_one(Path(entry.path), inner)


def special_kind(mode: int) -> str:
    """Give what a file that is neither a regular file nor a folder is, in words.

    >>> special_kind(stat_mode.S_IFIFO), special_kind(stat_mode.S_IFCHR)
    ('a FIFO', 'a character device')
    """
    kinds = ((stat_mode.S_ISFIFO, "a FIFO"), (stat_mode.S_ISCHR, "a character device"),
             (stat_mode.S_ISBLK, "a block device"), (stat_mode.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def worth_a_line(outcome: Outcome) -> bool:
    """True for an outcome the summary tells in a line of its own, beside the failures and
    needs-OCR notes: a path passed by (so that "1 skipped" says which), a move, a missing file."""
    return outcome.outcome in ("skipped", "moved", "missing")


def ingest(
    catalogue: Catalogue,
    paths: Iterable[Path],
    progress: Callable[[Path, int, int], None] | None = None,
    ocr=None,
    all_iop: bool = False,
    rehash: bool = False,
    jobs: int | None = None,
    time_budget: float | None = workers.DEFAULT_TIME_BUDGET_S,
) -> Summary:
    """Ingest files and folders into the catalogue; give what happened to each file.

    progress(path, done, total) is called before each file. `ocr` is passed to readers.read.
    `all_iop`: the user says every document here is about an IOP (the record's `iop` is set so).
    `rehash`: hash every file, even one whose size and mtime are as catalogued (an edit that kept
    both is otherwise not seen). `jobs`: worker processes that read and extract (default: one per
    core; 0 reads in this process, without a time budget); `time_budget`: seconds a file may take.

    A catalogued file under the paths that is gone is marked missing (its record leaves the
    partnerships); a new file with the bytes of a gone one is that file moved, not a new document.
    """
    plan = walk_plan(catalogue, paths)
    summary, files, known, gone = plan.summary, plan.files, plan.known, plan.gone
    if jobs is None:
        from iopcli.ocr import available_cores

        jobs = available_cores()
    ocr_plan = workers.OcrPlan(ocr.all_pages, ocr.max_pages, ocr.language_warning) if ocr is not None else None
    try:
        with workers.Workers(jobs, time_budget) as pool:
            # Files are read ahead by the workers and written here in the order they were found.
            decided = ((index, decide(catalogue, path, known, rehash, gone, all_iop, ocr_plan))
                       for index, path in enumerate(files))
            for index, item in _read_ahead(decided, pool, 2 * max(jobs, 1)):
                if progress:
                    progress(files[index], index, len(files))
                summary.outcomes.append(store(catalogue, _map(item, pool, ocr), item.before)
                                        if isinstance(item, Job) else item)
    except KeyboardInterrupt:
        # The file being written rolled back with its transaction; link the ones that went in.
        relink(catalogue)
        raise Interrupted(summary, len(files)) from None
    return wrap_up(catalogue, plan, progress, processes=jobs)


@dataclass
class Plan:
    """What the walk found: the files to look at, the outcomes of paths passed by, the catalogued
    files (path -> sha256, size, mtime, status) and those of them that are gone."""

    summary: Summary
    files: list[Path]
    known: dict
    gone: set[str]


def walk_plan(catalogue: Catalogue, paths: Iterable[Path]) -> Plan:
    """Walk the paths; give the Plan of an ingest (the cluster's too: cluster.py)."""
    paths = list(paths)
    summary = Summary()
    files: list[Path] = []
    for found in walk(paths, leave_out=catalogue.own_files()):
        if found.reason:
            summary.outcomes.append(Outcome(path_text(found.path), found.outcome, found.reason))
        else:
            files.append(found.path)
    known = catalogue.known_files()
    gone = vanished(known, {path_text(path.resolve()) for path in files}, [path_text(p.resolve()) for p in paths])
    return Plan(summary, files, known, gone)


def wrap_up(catalogue: Catalogue, plan: Plan, progress=None, processes: int | None = None) -> Summary:
    """Finish an ingest whose files are written: mark the gone ones missing, link where needed
    (in `processes` at once: relink)."""
    if progress:
        progress(Path(""), len(plan.files), len(plan.files))
    catalogue.mark_missing(sorted(plan.gone))
    plan.summary.outcomes += [Outcome(key, "missing", "the file is gone: its record is kept, out of the partnerships")
                              for key in sorted(plan.gone)]
    if catalogue.links_stale():
        relink(catalogue, processes=processes)  # an ingest that changed nothing leaves the partnerships as they are
    return plan.summary


def _read_ahead(decided: Iterable[tuple[int, "Outcome | Job"]], pool: "workers.Workers",
                window: int) -> Iterator[tuple[int, "Outcome | Job"]]:
    """Give the decided files in their order, each job handed to the pool up to `window` files
    before it is given, so that the workers read ahead while this process writes."""
    ahead: deque[tuple[int, Outcome | Job]] = deque()
    for index, item in decided:
        if isinstance(item, Job):
            item.handle = pool.submit(item.task)
        ahead.append((index, item))
        while ahead and (len(ahead) > window or not isinstance(ahead[0][1], Job)):
            yield ahead.popleft()
    yield from ahead


def vanished(known: dict, found: set[str], roots: list[str]) -> set[str]:
    """Give the catalogued paths under the roots that this walk did not find and that are gone.

    Only paths under what the user named are judged: a file catalogued from another folder is not
    missing because this run did not look there. A path not found by the walk (a hidden folder,
    a folder that could not be listed) still counts as there while the file system has it.
    """
    def under(path: str) -> bool:
        return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)

    return {path for path, row in known.items()
            if row[3] != "missing" and path not in found and under(path) and not os.path.lexists(path)}


@dataclass
class Job:
    """A file that must be read: its task for the workers, and what its write needs to know."""

    path: Path
    shown: str
    task: "workers.Task"
    before: tuple | None
    mtime: float
    handle: object = None


def decide(catalogue: Catalogue, path: Path, known: dict, rehash: bool, gone: set[str],
           all_iop: bool, ocr: "workers.OcrPlan | None", read_new: bool = True) -> "Outcome | Job":
    """Settle a file that needs no reading (unchanged, moved, skipped, unreadable), or give the job
    of reading it. The catalogue knows a file by its absolute path, the summary by the path given.

    Both are path_text: a name in bytes that are not UTF-8 is kept with escapes (`m-\\xff.md`).
    `gone` holds catalogued paths whose file has vanished; a match by hash takes one out (a move).
    `read_new` False: a file the catalogue does not know is not read here but by whoever runs the
    job (a cluster's worker, from a shared folder): its task has no bytes. Pass it only when no
    catalogued file is gone or missing, since a move is known by its bytes.
    """
    shown, key = path_text(path), path_text(path.resolve())
    if readers.file_type(path) is None:
        return Outcome(shown, "skipped", f"{path.suffix or 'no extension'}: {NOT_A_TYPE}")
    if _broken_link(path):
        reason = f"broken link (its target {os.readlink(path)} does not exist)"
        catalogue.record_failure(key, None, reason)
        return Outcome(shown, "failed", reason)
    try:
        stat = path.stat()
        before = known.get(key)
        # A scan catalogued as needing OCR is read again once OCR is on: the OCR fills it in.
        waiting_for_ocr = bool(before and before[3] == "needs_ocr" and ocr is not None)
        if not stat_mode.S_ISREG(stat.st_mode):  # replaced by a FIFO or device since the walk
            return Outcome(shown, "skipped", f"skipped: not a regular file ({special_kind(stat.st_mode)}); never read")
        quick_same = before and before[1] == stat.st_size and before[2] == stat.st_mtime
        if quick_same and not waiting_for_ocr and not rehash:
            if before[3] == "missing":
                catalogue.touch(key, stat.st_mtime)  # back where it was: its record counts again
                return Outcome(shown, "unchanged", BACK)
            return Outcome(shown, "unchanged")
        if before is None and not read_new:
            return Job(path, shown, workers.Task(path, key, None, all_iop, ocr), None, stat.st_mtime)
        data = readers.read_file(path)
    except IopError as exc:
        catalogue.record_failure(key, None, short_reason(exc, path))
        return Outcome(shown, "failed", short_reason(exc, path))
    except OSError as exc:
        reason = f"cannot read the file ({(exc.strerror or str(exc)).lower()})"
        catalogue.record_failure(key, None, reason)
        return Outcome(shown, "failed", reason)
    sha256 = readers.sha256_of(data)
    if before and before[0] == sha256 and not waiting_for_ocr:
        catalogue.touch(key, stat.st_mtime)
        return Outcome(shown, "unchanged", BACK if before[3] == "missing" else "")
    moved_from = None if before else catalogue.missing_with_hash(sha256, gone)
    if moved_from:
        catalogue.move(moved_from, key, stat.st_mtime)
        gone.discard(moved_from)
        return Outcome(shown, "moved", f"moved from {moved_from}")
    return Job(path, shown, workers.Task(path, key, data, all_iop, ocr), before, stat.st_mtime)


def _map(job: Job, pool: "workers.Workers", ocr) -> Mapped:
    """Wait for a job's reading (recognising its scanned pages here when it asks); give its Mapped."""
    result = pool.result(job.handle)
    if isinstance(result, workers.WantsOcr):
        try:
            readings = ocr(job.path.resolve(), job.task.data, list(result.pages))
        except IopError as exc:
            result = workers.Failed(short_reason(exc, job.path))
        else:
            result = pool.result(pool.submit(dataclasses.replace(job.task, readings=readings)))
    return Mapped.of(job.task, job.shown, job.mtime, result)


def store(catalogue: Catalogue, mapped: Mapped, before: tuple | None) -> Outcome:
    """Write one mapped file: its record, facts and a new version in one transaction, or its failure.

    The single writer of every path into the catalogue: the local ingest, the cluster's client and
    `iop load` all end here. `before` is the file's catalogued (sha256, size, mtime, status) or None.
    """
    if mapped.outcome == "skipped":
        return Outcome(mapped.shown, "skipped", mapped.reason)
    if mapped.outcome != "read":
        catalogue.record_failure(mapped.path, None, mapped.reason)
        return Outcome(mapped.shown, "failed", mapped.reason)
    record = mapped.record
    previous = catalogue.records("path = :p", {"p": mapped.path}) if before else []
    catalogue.upsert_document(record, mapped.text, mapped.page_starts, mapped.size, mapped.mtime)
    if record["status"] == "needs_ocr":
        return Outcome(mapped.shown, "needs_ocr", "; ".join(record["warnings"]))
    if previous and previous[0]["sha256"] == record["sha256"]:
        return Outcome(mapped.shown, "updated", "recognised by OCR")
    if previous:
        return Outcome(mapped.shown, "updated", changes=tuple(change_lines(previous[0], record)))
    return Outcome(mapped.shown, "new")


def read_record(path: Path, ocr=None) -> dict:
    """Give the record of one file without a catalogue (`iop extract`); any failure is an IopError
    with a one-line reason, so that one damaged file never hides the others."""
    from iopcli.errors import ReadError

    try:
        document = readers.read(path, readers.read_file(path), ocr=ocr)
        return build_record(document)
    except IopError:
        raise
    except OSError as exc:
        raise ReadError(f"{path}: cannot read the file ({(exc.strerror or str(exc)).lower()})") from exc
    except Exception as exc:  # a damaged file: report it and go on
        raise ReadError(f"{path}: {unexpected_reason(exc)}") from exc


def _broken_link(path: Path) -> bool:
    return path.is_symlink() and not path.exists()


def change_lines(before: dict, after: dict) -> list[str]:
    """Give one line per changed field between two records: `period.end 2025-12-31 → 2026-12-31`."""
    from iopcli.diff import change_line, field_changes

    return [change_line(change) for change in field_changes(before, after)]


def relink(catalogue: Catalogue, full: bool = False, processes: int | None = None) -> str:
    """Group the catalogued documents into partnerships where something changed (see relink.py);
    `full`: all of them; `processes`: how many may link at once (default: one per core). Give
    "full", "partial" or "none".

    Scans still waiting for OCR have no text to link by; they join once they are read.
    """
    from iopcli import relink as linking

    return linking.relink(catalogue, full=full, processes=processes)
