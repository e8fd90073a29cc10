"""Run the pipeline over paths: find files, read, extract, write each file's record in one transaction.

The terminal stays outside: progress is reported through a callback, outcomes are returned.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from iopcli import readers
from iopcli.catalogue import Catalogue
from iopcli.errors import IopError, UsageError
from iopcli.record import build_record

OUTCOMES = ("new", "updated", "unchanged", "needs_ocr", "skipped", "failed")


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


def find_files(paths: Iterable[Path], leave_out: Iterable[Path] = ()) -> Iterator[Path]:
    """Give every file under the paths (folders recursively, hidden ones skipped), sorted, once.

    A broken link in a folder is given too, so that the run reports it rather than pass it by.
    Files in `leave_out` (the catalogue itself), or in a folder there (its OCR cache), are not given.
    """
    left_out = [p.resolve() for p in leave_out]
    seen: set[Path] = set(left_out)
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"{path}: no such file or folder")
        candidates = [path] if not path.is_dir() else sorted(
            p for p in path.rglob("*")
            if (p.is_file() or _broken_link(p))
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen and not any(folder in resolved.parents for folder in left_out):
                seen.add(resolved)
                yield candidate


def ingest(
    catalogue: Catalogue,
    paths: Iterable[Path],
    progress: Callable[[Path, int, int], None] | None = None,
    ocr=None,
    all_iop: bool = False,
) -> Summary:
    """Ingest files and folders into the catalogue; give what happened to each file.

    progress(path, done, total) is called before each file. `ocr` is passed to readers.read.
    `all_iop`: the user says every document here is about an IOP (the record's `iop` is set so).
    """
    files = list(find_files(paths, leave_out=catalogue.own_files()))
    known = catalogue.known_files()
    summary = Summary()
    try:
        for done, path in enumerate(files):
            if progress:
                progress(path, done, len(files))
            summary.outcomes.append(_ingest_one(catalogue, path, known, ocr, all_iop))
    except KeyboardInterrupt:
        # The file being written rolled back with its transaction; link the ones that went in.
        relink(catalogue)
        raise Interrupted(summary, len(files)) from None
    if progress:
        progress(Path(""), len(files), len(files))
    relink(catalogue)
    return summary


def _ingest_one(catalogue: Catalogue, path: Path, known: dict, ocr, all_iop: bool = False) -> Outcome:
    """Ingest one file; the catalogue knows it by its absolute path, the summary by the path given."""
    shown, key = str(path), str(path.resolve())
    if readers.file_type(path) is None:
        return Outcome(shown, "skipped", f"{path.suffix or 'no extension'}: not a document type iop reads")
    if _broken_link(path):
        reason = f"broken link (its target {os.readlink(path)} does not exist)"
        catalogue.record_failure(key, None, reason)
        return Outcome(shown, "failed", reason)
    try:
        stat = path.stat()
        before = known.get(key)
        # A scan catalogued as needing OCR is read again once OCR is on: the OCR fills it in.
        waiting_for_ocr = bool(before and before[3] == "needs_ocr" and ocr is not None)
        if before and before[1] == stat.st_size and before[2] == stat.st_mtime and not waiting_for_ocr:
            return Outcome(shown, "unchanged")
        data = path.read_bytes()
        sha256 = readers.sha256_of(data)
        if before and before[0] == sha256 and not waiting_for_ocr:
            catalogue.touch(key, stat.st_mtime)
            return Outcome(shown, "unchanged")
        document = readers.read(path.resolve(), data, ocr=ocr)
        record = build_record(document)
        if all_iop:
            record["iop"] = {**record["iop"], "is": True, "kind": "iop", "reason": "--all-iop: an IOP on the user's word"}
    except IopError as exc:
        catalogue.record_failure(key, None, _reason(exc, path))
        return Outcome(shown, "failed", _reason(exc, path))
    except OSError as exc:
        reason = f"cannot read the file ({(exc.strerror or str(exc)).lower()})"
        catalogue.record_failure(key, None, reason)
        return Outcome(shown, "failed", reason)
    except Exception as exc:  # a damaged file must not stop the run: report it and go on
        reason = f"unexpected {type(exc).__name__}: {exc}".splitlines()[0][:200]
        catalogue.record_failure(key, None, reason)
        return Outcome(shown, "failed", reason)
    previous = catalogue.records("path = :p", {"p": key}) if before else []
    catalogue.upsert_document(record, document.text, document.page_starts, len(data), stat.st_mtime)
    if document.status == "needs_ocr":
        return Outcome(shown, "needs_ocr", "; ".join(document.warnings))
    if previous and previous[0]["sha256"] == record["sha256"]:
        return Outcome(shown, "updated", "recognised by OCR")
    if previous:
        return Outcome(shown, "updated", changes=tuple(change_lines(previous[0], record)))
    return Outcome(shown, "new")


def _reason(exc: Exception, path: Path) -> str:
    """Give the reason without the path the message starts with (the summary names the file)."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    for prefix in (f"{path.resolve()}: ", f"{path}: ", f"{path.name}: "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


def _broken_link(path: Path) -> bool:
    return path.is_symlink() and not path.exists()


def change_lines(before: dict, after: dict) -> list[str]:
    """Give one line per changed field between two records: `period.end 2025-12-31 → 2026-12-31`."""
    from iopcli.diff import change_line, field_changes

    return [change_line(change) for change in field_changes(before, after)]


def relink(catalogue: Catalogue) -> None:
    """Group every catalogued document into partnerships and store them.

    Scans still waiting for OCR have no text to link by; they join once they are read.
    """
    from iopcli.linker import link

    catalogue.replace_partnerships(link(catalogue.records("status = 'ok'")))



class OcrReader:
    """The OCR the readers call: (path, data, pages) -> {page: ocr.PageReading}, cached by file hash.

    mode "auto" recognises only pages without a text layer; "always" every page of a PDF.
    `max_pages` caps the pages read in one PDF (the reader says which were left); `progress`, when
    set, is called as (path, pages done, pages to do) while a PDF's pages are recognised.
    """

    def __init__(self, mode: str, cache_dir: Path | None, max_pages: int | None = None):
        from iopcli import ocr

        self.mode = mode
        self.cache = ocr.OcrCache(cache_dir) if cache_dir else None
        self.all_pages = mode == "always"
        self.max_pages = max_pages
        self.progress = None
        self.language_warning = ocr.ocr_language()[1]

    def __call__(self, path: Path, data: bytes, pages: list[int]) -> dict:
        from iopcli import ocr

        sha256 = readers.sha256_of(data)
        if readers.file_type(path) == "image":
            readings = ocr.ocr_image_pages(path, cache=self.cache, sha256=sha256)
            return dict(enumerate(readings, 1))
        report = self.progress
        progress = (lambda done, total: report(path, done, total)) if report else None
        return ocr.ocr_pdf_pages(path, pages, cache=self.cache, sha256=sha256, progress=progress)


def ocr_reader(mode: str, cache_dir: Path | None, max_pages: int | None = None) -> OcrReader | None:
    """Give the OCR reader for a mode, or None when OCR is off or Tesseract is not installed."""
    from iopcli import ocr

    if mode == "never" or not ocr.tesseract_available():
        return None
    return OcrReader(mode, cache_dir, max_pages)
