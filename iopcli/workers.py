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
"""
from __future__ import annotations

import os
import signal
from collections.abc import Callable
from dataclasses import dataclass, replace
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
    catalogue knows it by, its bytes, and the OCR readings once they are done."""

    path: Path
    key: str
    data: bytes
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
