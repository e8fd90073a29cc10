"""Read and extract files in worker processes, each file within a time budget; the caller writes.

`prepare` is the map step: a pure function from a file's bytes to its Document and record, or to
the one-line reason it could not be read. It touches no catalogue, so it runs in any process.
`Workers` runs it for the ingest, `--workers N` at a time, and hands the results back in the order
the files were given, so that the single writer (the ingest, in the main process) writes the same
catalogue whatever the number of workers.

OCR is not done in the workers. A reader that finds pages without text asks for them (`WantsOcr`);
the ingest recognises them with its OcrReader (cached, both cores, each page bounded by Tesseract's
own timeout) and gives the readings back for a second, quick pass. So the time budget measures
iop's own work on a file, reading and extraction, and a 300-page scan is not cut off for being
long: `--ocr-max-pages` bounds that.

Why Pebble: concurrent.futures' ProcessPoolExecutor cannot stop one task that runs too long (its
only remedy is to shut the whole pool down), and a worker that dies breaks the pool for every
task after it. Pebble's ProcessPool kills the worker holding a task past its timeout and starts
another, and reports a worker that died (a crash in PDFium, the kernel's out-of-memory killer) as
that task's failure alone. It is pure Python and small.

`map_file` is the whole map step of one file in one process, its scanned pages recognised there
too, giving a `Mapped`: everything the catalogue needs, with no catalogue access. It is the task a
Dask worker runs (cluster.py) and the step `iop extract --jsonl` writes one line of (mapload.py).
The ingest's writer takes a Mapped from either (ingest.store).
"""
from __future__ import annotations

import os
import re
import signal
import socket
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from typing import TYPE_CHECKING

from iopcli.errors import IopError

if TYPE_CHECKING:
    from iopcli.readers import Document

# Seconds of reading and extraction a file may take before its worker is stopped.
DEFAULT_TIME_BUDGET_S = float(os.environ.get("IOP_TIME_BUDGET", "120"))


@dataclass(frozen=True, slots=True)
class OcrPlan:
    """What the readers ask of the OCR callable besides calling it (see readers._read_pdf)."""

    all_pages: bool = False
    max_pages: int | None = None
    language_warning: str = ""


@dataclass(frozen=True)
class Task:
    """One file to read: the name it was found by (its suffix gives the type), the path the
    catalogue knows it by, its bytes, and the OCR readings once they are done.

    `data` None (only for map_file): the bytes are read from `path` where the task runs, a folder
    the cluster's workers share; `path` is then absolute."""

    path: Path
    key: str
    data: bytes | None
    all_iop: bool = False
    ocr: OcrPlan | None = None
    readings: dict | None = None


@dataclass(frozen=True)
class Prepared:
    document: "Document"
    record: dict


@dataclass(frozen=True)
class Failed:
    reason: str
    os_error: bool = False


@dataclass(frozen=True)
class WantsOcr:
    pages: tuple[int, ...]


Result = Prepared | Failed | WantsOcr


class _OcrWanted(Exception):
    def __init__(self, pages):
        super().__init__(pages)
        self.pages = tuple(pages)


class _OcrStandIn:
    """The OCR callable a reader gets in a worker: asks for the pages, or gives the readings."""

    def __init__(self, plan: OcrPlan, readings: dict | None):
        self.all_pages, self.max_pages = plan.all_pages, plan.max_pages
        self.language_warning = plan.language_warning
        self.readings = readings

    def __call__(self, path, data, pages) -> dict:
        if self.readings is None:
            raise _OcrWanted(pages)
        return self.readings


def prepare(task: Task) -> Result:
    """Give the Document and record of a file, the pages it needs recognised, or why it failed."""
    from iopcli import readers
    from iopcli.record import build_record

    ocr = _OcrStandIn(task.ocr, task.readings) if task.ocr else None
    try:
        document = readers.read(task.path.resolve(), task.data, ocr=ocr, kind=readers.file_type(task.path))
        if document.path != task.key:  # a name in bytes that are not UTF-8: the record keeps the escapes
            document = replace(document, path=task.key)
        record = build_record(document)
    except _OcrWanted as wanted:
        return WantsOcr(wanted.pages)
    except IopError as exc:
        return Failed(short_reason(exc, task.path))
    except OSError as exc:
        return Failed(f"cannot read the file ({(exc.strerror or str(exc)).lower()})", os_error=True)
    except Exception as exc:  # a damaged file must not stop the run: report it and go on
        return Failed(unexpected_reason(exc))
    if task.all_iop:
        record["iop"] = {**record["iop"], "is": True, "kind": "iop", "reason": "--all-iop: an IOP on the user's word"}
    return Prepared(document, record)


# --- The map step of one file, OCR included: what a cluster worker and `iop extract --jsonl` run ---

@dataclass(frozen=True)
class Mapped:
    """One file after the map step: everything the catalogue needs to write it, or why it was not read.

    outcome "read" (record, text and page_starts are set), "failed" or "skipped" (reason says why).
    `path` is the catalogue's key (the absolute path), `shown` the path as the user gave it. OCR
    confidence and evidence are in the record. `ocr_cache` holds the OCR readings of the file's
    pages as OCR cache files ({name under the cache folder: content}), so that the catalogue's own
    cache gets what a worker recognised (see cached_pages, keep_pages).
    """

    path: str
    shown: str
    outcome: str = "read"
    reason: str = ""
    size: int | None = None
    mtime: float | None = None
    sha256: str | None = None
    record: dict | None = None
    text: str = ""
    page_starts: tuple[int, ...] = (0,)
    ocr_cache: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, task: Task, shown: str, mtime: float | None, result: Result,
           ocr_cache: dict[str, str] | None = None) -> "Mapped":
        """Give the Mapped of a task's final result (Prepared or Failed)."""
        size = len(task.data) if task.data is not None else None
        if isinstance(result, WantsOcr):  # a reader that asks twice: a bug, said in one line
            result = Failed("unexpected: the reader asked for OCR twice")
        if isinstance(result, Failed):
            return cls(task.key, shown, "failed", result.reason, size, mtime)
        document = result.document
        return cls(task.key, shown, "read", "", size, mtime, result.record["sha256"], result.record,
                   document.text, tuple(document.page_starts), dict(ocr_cache or {}))


@dataclass(frozen=True)
class MapJob:
    """A Task for map_file, with what its Mapped carries besides: the path as given, the mtime the
    ingest saw, the file's cached OCR readings (sent along), and how many pages to OCR at once."""

    task: Task
    shown: str
    mtime: float | None = None
    ocr_cache: dict[str, str] = field(default_factory=dict)
    ocr_jobs: int | None = None


def map_file(job: MapJob) -> Mapped:
    """Give the Mapped of one file: read (here, when its bytes were not sent), OCR'd here, extracted.

    No catalogue and no terminal: it runs in a Dask worker as well as in `iop extract --jsonl`.
    Scanned pages are recognised with an OCR cache in this machine's folder (cache_root), seeded
    with the readings the job brought; the readings of the file come back in Mapped.ocr_cache.
    Without Tesseract here a scan is read as the ingest reads it then: catalogued as needs_ocr.
    """
    from iopcli import ocr, readers

    task = job.task
    if task.data is None:
        if not os.path.lexists(task.path):
            return Mapped(task.key, job.shown, "failed", f"not found at this path on {socket.gethostname()}: read "
                          "from a folder every worker sees at the same path, or send the files", mtime=job.mtime)
        try:
            task = replace(task, data=readers.read_file(task.path))
        except IopError as exc:
            return Mapped(task.key, job.shown, "failed", short_reason(exc, task.path), mtime=job.mtime)
    result = prepare(task)
    if not isinstance(result, WantsOcr):
        return Mapped.of(task, job.shown, job.mtime, result)
    if not ocr.tesseract_available():
        return Mapped.of(task, job.shown, job.mtime, prepare(replace(task, ocr=None)))
    root, sha256 = cache_root(), readers.sha256_of(task.data)
    keep_pages(root, job.ocr_cache, sha256)
    try:
        reader = OcrReader("always" if task.ocr.all_pages else "auto", root, task.ocr.max_pages, job.ocr_jobs)
        with tempfile.TemporaryDirectory(prefix="iop-map-") as folder:
            copy = Path(folder) / (task.path.name or "file")  # the bytes as read, wherever they came from
            copy.write_bytes(task.data)
            readings = reader(copy, task.data, list(result.pages))
    except IopError as exc:
        return Mapped.of(task, job.shown, job.mtime, Failed(short_reason(exc, task.path)))
    plan = replace(task.ocr, language_warning=reader.language_warning)
    result = prepare(replace(task, ocr=plan, readings=readings))
    return Mapped.of(task, job.shown, job.mtime, result, cached_pages(root, sha256))



def map_files(jobs: list[MapJob], function: Callable[[MapJob], Mapped] = map_file) -> list[Mapped]:
    """Give the Mapped of each job, in order: one Dask task for several small files (cluster.py)."""
    return [function(job) for job in jobs]

# An OCR cache file's name under the cache folder: sha256[:2]/sha256/settings.json (ocr.OcrCache).
CACHE_FILE = re.compile(r"(?P<prefix>[0-9a-f]{2})/(?P<sha256>[0-9a-f]{64})/[\w.+\-]+\.json")


def cache_root() -> Path:
    """Give this machine's OCR cache folder for the map step: $IOP_OCR_CACHE (a folder the workers
    may share), else iop-ocr-cache in the temporary folder."""
    return Path(os.environ.get("IOP_OCR_CACHE") or Path(tempfile.gettempdir()) / "iop-ocr-cache")


def cached_pages(root: Path | None, sha256: str | None) -> dict[str, str]:
    """Give the OCR cache files of one file's bytes, {name under root: content}; {} without any."""
    if root is None or not sha256:
        return {}
    folder = Path(root) / sha256[:2] / sha256
    try:
        return {f"{sha256[:2]}/{sha256}/{file.name}": file.read_text(encoding="utf-8")
                for file in sorted(folder.glob("*.json"))}
    except OSError:
        return {}


def keep_pages(root: Path | None, entries: dict[str, str], sha256: str | None) -> int:
    """Put OCR cache files of the bytes with this hash under root; give how many were new.

    A name that is not a cache file of these bytes (a line from elsewhere) is passed by, and a file
    already there is kept: the cache is keyed by content, so both hold the same reading.
    """
    kept = 0
    for name, content in entries.items() if root is not None else ():
        match = CACHE_FILE.fullmatch(name)
        if not match or match["sha256"] != sha256 or match["prefix"] != sha256[:2]:
            continue
        target = Path(root) / name
        partial = target.with_name(f"{target.name}.{os.getpid()}.part")
        try:
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(content, encoding="utf-8")
            os.replace(partial, target)  # never half a page that reads as cached
            kept += 1
        except OSError:
            continue  # a cache that cannot be written costs a second OCR, nothing else
    return kept


class OcrReader:
    """The OCR the readers call: (path, data, pages) -> {page: ocr.PageReading}, cached by file hash.

    mode "auto" recognises only pages without a text layer; "always" every page of a PDF.
    `max_pages` caps the pages read in one PDF (the reader says which were left); `progress`, when
    set, is called as (path, pages done, pages to do) while a PDF's pages are recognised. `jobs`:
    pages recognised at once (default: one per core; a Dask worker reads one page per task thread).
    """

    def __init__(self, mode: str, cache_dir: Path | None, max_pages: int | None = None,
                 jobs: int | None = None):
        from iopcli import ocr

        self.mode = mode
        self.cache = ocr.OcrCache(cache_dir) if cache_dir else None
        self.all_pages = mode == "always"
        self.max_pages = max_pages
        self.jobs = jobs
        self.progress = None
        self.language_warning = ocr.ocr_language()[1]

    def __call__(self, path: Path, data: bytes, pages: list[int]) -> dict:
        from iopcli import ocr, readers

        sha256 = readers.sha256_of(data)
        if readers.file_type(path) == "image":
            readings = ocr.ocr_image_pages(path, self.jobs, cache=self.cache, sha256=sha256)
            return dict(enumerate(readings, 1))
        report = self.progress
        progress = (lambda done, total: report(path, done, total)) if report else None
        return ocr.ocr_pdf_pages(path, pages, jobs=self.jobs, cache=self.cache, sha256=sha256, progress=progress)


def ocr_reader(mode: str, cache_dir: Path | None, max_pages: int | None = None) -> OcrReader | None:
    """Give the OCR reader for a mode, or None when OCR is off or Tesseract is not installed."""
    from iopcli import ocr

    if mode == "never" or not ocr.tesseract_available():
        return None
    return OcrReader(mode, cache_dir, max_pages)


def unexpected_reason(exc: BaseException) -> str:
    """Give the one-line reason for an error no reader foresaw.

    >>> unexpected_reason(MemoryError())
    'not enough memory to read it (a page, an image or a text too large)'
    >>> unexpected_reason(ValueError("bad\\nthings"))
    'unexpected ValueError: bad'
    """
    if isinstance(exc, MemoryError):
        return "not enough memory to read it (a page, an image or a text too large)"
    message = str(exc).strip()
    return (f"unexpected {type(exc).__name__}" + (f": {message}" if message else "")).splitlines()[0][:200]


def short_reason(exc: Exception, path: Path) -> str:
    """Give the reason without the path the message starts with (the summary names the file)."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    for prefix in (f"{path.resolve()}: ", f"{path}: ", f"{path.name}: "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


def over_budget(seconds: float) -> str:
    """Give the reason for a file stopped by the time budget.

    >>> over_budget(120.0)
    'took over 120 s to read and was stopped (IOP_TIME_BUDGET or --time-budget sets the limit)'
    """
    return f"took over {seconds:g} s to read and was stopped (IOP_TIME_BUDGET or --time-budget sets the limit)"


def died(exitcode: int | None) -> str:
    """Give the reason for a file whose worker process died under it.

    >>> died(-9)
    'the process reading it was killed (signal SIGKILL; out of memory?)'
    >>> died(-11)
    'the process reading it crashed (signal SIGSEGV)'
    """
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        if name == "SIGKILL":
            return "the process reading it was killed (signal SIGKILL; out of memory?)"
        return f"the process reading it crashed (signal {name})"
    return f"the process reading it stopped unexpectedly (exit code {exitcode})"


class Workers:
    """Run `prepare` over tasks in worker processes; `workers=0` runs it here, without a budget.

    submit() gives a handle at once; result(handle) waits for that task. A task that runs past
    `budget` seconds, or whose worker dies, gives a Failed result; the others go on.
    """

    def __init__(self, workers: int, budget: float | None = DEFAULT_TIME_BUDGET_S,
                 function: Callable[[Task], Result] = prepare):
        self.function = function
        self.budget = budget if budget and budget > 0 else None
        self.workers = workers
        self.pool = None  # started with the first task: an ingest that reads nothing starts no process

    def submit(self, task: Task):
        if self.workers <= 0:
            return self.function(task)
        if self.pool is None:
            from pebble import ProcessPool

            self.pool = ProcessPool(max_workers=self.workers)
        return self.pool.schedule(self.function, args=(task,), timeout=self.budget)

    def result(self, handle) -> Result:
        if self.workers <= 0:
            return handle
        from concurrent.futures import TimeoutError as FutureTimeout

        from pebble import ProcessExpired

        try:
            return handle.result()
        except FutureTimeout:
            return Failed(over_budget(self.budget or 0))
        except ProcessExpired as gone:
            return Failed(died(gone.exitcode))
        except Exception as exc:  # the result could not be sent back (pickling), or the like
            return Failed(unexpected_reason(exc))

    def close(self, cancel: bool = False) -> None:
        if self.pool is None:
            return
        if cancel:
            self.pool.stop()
        else:
            self.pool.close()
        self.pool.join()

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, kind, *rest) -> None:
        self.close(cancel=kind is not None)
