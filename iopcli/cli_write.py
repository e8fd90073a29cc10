"""The commands that write the catalogue: ingest, extract (the map step), load, prune, relink."""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated, Optional

import typer

from iopcli.errors import IopError, UsageError
from iopcli.workers import DEFAULT_TIME_BUDGET_S
from iopcli.cli import DbOption, JsonOption, OcrMode, _echo_json, _escape, _ingest_lock, _open, app, err, out, user_errors


# --- ingest -----------------------------------------------------------------------------------

@app.command(epilog="Examples:  iop ingest samples/   ·   iop ingest ~/diarium/2025 --ocr never --quiet   ·   "
                    "iop ingest /srv/diarium --scheduler tcp://head:8786")
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (read recursively).", show_default=False)],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar; only failures and the summary.")] = False,
    ocr: Annotated[OcrMode, typer.Option(help="OCR scanned pages: auto (only pages without text), always, never.")] = OcrMode.auto,
    ocr_max_pages: Annotated[Optional[int], typer.Option(min=1, help="OCR at most this many pages of a PDF; the rest are noted, not read.")] = None,
    all_iop: Annotated[bool, typer.Option("--all-iop", help="Every document here is about an IOP: do not leave any out of the partnerships.")] = False,
    rehash: Annotated[bool, typer.Option("--rehash", help="Hash every file, even one whose size and time are unchanged (finds edits that kept both).")] = False,
    workers: Annotated[Optional[int], typer.Option(min=0, help="Processes that read files at once (default: one per core; 0: none, read here without a time budget).")] = None,
    time_budget: Annotated[float, typer.Option(min=0, help="Seconds a file may take to read, OCR aside, before it is stopped and reported (0: no limit; IOP_TIME_BUDGET sets the default).")] = DEFAULT_TIME_BUDGET_S,
    scheduler: Annotated[Optional[str], typer.Option(metavar="ADDRESS", help="Read the files on a Dask cluster, e.g. tcp://head:8786 (pip install 'iop[cluster]'); the catalogue is written here. The workers open the paths given: a folder they all see at the same path, or --send-files.", show_default=False)] = None,
    send_files: Annotated[bool, typer.Option("--send-files", help="With --scheduler: send each file's bytes to the workers instead of its path.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Read PDF, Word, text, Markdown and HTML files into the catalogue.

    A file already in the catalogue and unchanged is not read again; a changed file replaces its
    record and keeps the earlier version (see `iop history`). Exit code 1 when a file failed.
    """
    from iopcli import ingest as pipeline

    if send_files and not scheduler:
        raise typer.BadParameter("goes with --scheduler: without a cluster the files are read here", param_hint="--send-files")
    try:
        with user_errors():
            for path in paths:
                if not path.exists():
                    raise UsageError(f"{path}: no such file or folder")
            client = _cluster_client(scheduler) if scheduler else contextlib.nullcontext()
            with client, _ingest_lock(db), _open(db, create=True) as catalogue:
                if scheduler:
                    from iopcli import cluster

                    ocr_reader = None

                    def run(progress):
                        return cluster.ingest(catalogue, paths, client, progress, ocr=ocr.value, ocr_max_pages=ocr_max_pages,
                                              all_iop=all_iop, rehash=rehash, send_files=send_files)
                else:
                    ocr_reader = _ocr_reader(ocr, catalogue.path, ocr_max_pages)

                    def run(progress):
                        return pipeline.ingest(catalogue, paths, progress=progress, ocr=ocr_reader, all_iop=all_iop,
                                               rehash=rehash, jobs=workers, time_budget=time_budget)
                show_progress = not quiet and not as_json and out.is_terminal
                summary = _with_progress("Ingesting", run, ocr_reader) if show_progress else run(None)
                left_out = len(catalogue.not_iop())
    except KeyboardInterrupt as interrupted:
        _interrupted(interrupted, "files")
    _tell(summary, left_out, as_json, "OCR is off (--ocr never); run `iop ingest --ocr auto` on them to read them"
          if ocr is OcrMode.never else None)


def _cluster_client(address: str):
    from iopcli import cluster

    return cluster.connect(address)


def _interrupted(interrupted: KeyboardInterrupt, what: str) -> None:
    from iopcli.ingest import Interrupted

    # Each file's record is one transaction: the files done are in, the one being read is not.
    done = (f" after {len(interrupted.summary.outcomes)} of {interrupted.total} {what}"
            if isinstance(interrupted, Interrupted) else "")
    err.print(f"Interrupted{done}: the files done are in the catalogue; run the same command again to go on.")
    raise typer.Exit(130)


def _tell(summary, left_out: int, as_json: bool, ocr_hint: str | None = None) -> None:
    """Print what an ingest or a load did; exit 1 when a file failed. `ocr_hint`: what to do about
    scans catalogued without text (default: install Tesseract)."""
    from iopcli.ingest import worth_a_line
    from iopcli.render import summary_text

    counts = summary.as_dict()
    failures = [(o.path, o.reason) for o in summary.failed]
    if as_json:
        _echo_json({"counts": counts, "not_iop": left_out, "files": [
            {"path": o.path, "outcome": o.outcome, "reason": o.reason or None, "changes": list(o.changes)}
            for o in summary.outcomes]})
    else:
        notes = [(o.path, o.reason) for o in summary.outcomes if o.outcome == "needs_ocr"]
        # An updated file's changes, one line each: `period.end 2025-12-31 → 2026-12-31`.
        notes += [(o.path, "changed\n" + "\n".join(f"    {change}" for change in o.changes))
                  for o in summary.outcomes if o.outcome == "updated" and o.changes]
        notes += [(o.path, o.reason) for o in summary.outcomes if worth_a_line(o)]
        text = summary_text(counts, [], notes)
        out.print(_escape(text))
        if left_out:
            out.print(f"{left_out} document(s) in the catalogue are not about an IOP and are left out of the "
                      "partnerships: see `iop partnerships --all`.")
        if counts["needs_ocr"]:
            from iopcli.ocr import INSTALL_HINT

            hint = ocr_hint or f"Tesseract is not installed ({INSTALL_HINT}); then run `iop ingest` on them again"
            out.print(f"{counts['needs_ocr']} scanned file(s) catalogued without text: {_escape(hint)}.")
        for path, reason in failures:
            err.print(f"[red]Error:[/] {_escape(path)}: {_escape(reason)}")
    if failures:
        raise typer.Exit(1)


def _with_progress(label: str, run, ocr_reader=None):
    """Give run(progress) run under a progress bar."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), TextColumn("{task.description}"), console=out, transient=True) as bar:
        task = bar.add_task("", total=None)

        def progress(path: Path, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=_escape(path.name))

        def ocr_progress(path: Path, done: int, total: int) -> None:
            # A long scan holds one file for minutes: its pages move the description.
            bar.update(task, description=_escape(f"{path.name}: OCR page {done} of {total}"))

        if ocr_reader is not None:
            ocr_reader.progress = ocr_progress
        return run(progress)


def _ocr_reader(mode: OcrMode, db_file: Path, max_pages: int | None = None):
    """Give the OCR callable the readers use, or None when OCR is off."""
    from iopcli.ingest import ocr_reader

    return ocr_reader(mode.value, cache_dir=Path(str(db_file) + ".ocr-cache"), max_pages=max_pages)


# --- extract ----------------------------------------------------------------------------------

@app.command(epilog="Examples:  iop extract samples/linkoping-son-2024-1523-utvardering-brovi.pdf --json   ·   "
                    "iop extract samples/ --jsonl > mapped.jsonl")
def extract(
    files: Annotated[list[Path], typer.Argument(help="Files to read (with --jsonl, folders too); the catalogue is not touched.",
                                                exists=True, show_default=False)],
    as_json: JsonOption = False,
    evidence: Annotated[bool, typer.Option("--evidence", help="Show the source text of every value.")] = False,
    ocr: Annotated[OcrMode, typer.Option(help="OCR scanned pages: auto (only pages without text), always, never.")] = OcrMode.auto,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Print one JSON line per file with all `iop load` needs: record, text with page offsets, OCR readings, hash (the map step of an ingest).")] = False,
    ocr_max_pages: Annotated[Optional[int], typer.Option(min=1, help="With --jsonl: OCR at most this many pages of a PDF.")] = None,
    all_iop: Annotated[bool, typer.Option("--all-iop", help="With --jsonl: every document here is about an IOP.")] = False,
    workers: Annotated[Optional[int], typer.Option(min=0, help="With --jsonl: processes that read files at once (default: one per core).")] = None,
    time_budget: Annotated[float, typer.Option(min=0, help="With --jsonl: seconds a file may take to read, OCR aside (0: no limit).")] = DEFAULT_TIME_BUDGET_S,
) -> None:
    """Print the record of files without touching the catalogue (for checking and for scripts).

    With --jsonl, the map step of an ingest: one line per file, to be written into a catalogue by
    `iop load` (on another machine, or later). Exit code 1 when a file failed.
    """
    from iopcli.ingest import ocr_reader, read_record
    from iopcli.render import record_view

    if jsonl:
        if as_json or evidence:
            raise typer.BadParameter("--jsonl prints its own lines: leave out --json and --evidence", param_hint="--jsonl")
        _extract_jsonl(files, ocr, ocr_max_pages, all_iop, workers, time_budget)
        return
    records, failed = [], False
    reader = ocr_reader(ocr.value, cache_dir=None)
    for path in files:
        if path.is_dir():
            raise typer.BadParameter(f"{path} is a folder: give files, or --jsonl to map every file in it",
                                     param_hint="FILES")
        try:
            records.append(read_record(path, ocr=reader))
        except IopError as exc:
            err.print(f"[red]Error:[/] {_escape(str(exc))}")
            failed = True
    if as_json:
        _echo_json(records)
    else:
        for record in records:
            out.print(record_view(record, show_text=evidence))
    if failed:
        raise typer.Exit(1)


def _extract_jsonl(paths: list[Path], ocr: OcrMode, max_pages: int | None, all_iop: bool, jobs: int | None,
                   time_budget: float) -> None:
    from iopcli import mapload
    from iopcli.workers import cache_root, ocr_reader

    failed = False
    with user_errors():
        reader = ocr_reader(ocr.value, cache_dir=cache_root(), max_pages=max_pages)
        for mapped in mapload.extract(paths, reader, all_iop, jobs, time_budget):
            typer.echo(mapload.to_line(mapped))
            if mapped.outcome == "failed":
                err.print(f"[red]Error:[/] {_escape(mapped.shown)}: {_escape(mapped.reason)}")
                failed = True
    if failed:
        raise typer.Exit(1)


# --- load -------------------------------------------------------------------------------------

@app.command(epilog="Example:  iop extract samples/ --jsonl > mapped.jsonl  &&  iop load mapped.jsonl")
def load(
    files: Annotated[list[Path], typer.Argument(help="JSON Lines files written by `iop extract --jsonl`.",
                                                exists=True, dir_okay=False, show_default=False)],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar; only failures and the summary.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Write the lines of `iop extract --jsonl` into the catalogue, as `iop ingest` writes files.

    Each document is one transaction; a file the catalogue holds with the same bytes is unchanged,
    a changed one gets a new version (see `iop history`), and the partnerships are linked again
    where something changed. Exit code 1 when a file failed or a line could not be read.
    """
    from iopcli import mapload

    try:
        with user_errors():
            with _ingest_lock(db), _open(db, create=True) as catalogue:
                cache = Path(str(catalogue.path) + ".ocr-cache")

                def run(progress):
                    return mapload.load(catalogue, files, progress=progress, ocr_cache=cache)
                show_progress = not quiet and not as_json and out.is_terminal
                summary = _with_progress("Loading", run) if show_progress else run(None)
                left_out = len(catalogue.not_iop())
    except KeyboardInterrupt as interrupted:
        _interrupted(interrupted, "lines")
    _tell(summary, left_out, as_json, "they were mapped without OCR; map them again where Tesseract is installed "
          "(`iop extract --jsonl --ocr auto`), or run `iop ingest` on them")


# --- prune and relink -------------------------------------------------------------------------

@app.command(epilog="Examples:  iop prune   ·   iop prune --keep-versions avtal-2019.pdf")
def prune(
    names: Annotated[Optional[list[str]], typer.Argument(help="Only these files (name or path); default: every missing one.", metavar="FILES", show_default=False)] = None,
    keep_versions: Annotated[bool, typer.Option("--keep-versions", help="Keep their earlier versions (history, diff).")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Remove documents whose file is gone (status missing) from the catalogue, and relink."""
    from iopcli.ingest import relink

    with user_errors():
        with _open(db) as catalogue:
            removed = catalogue.prune(names or None, keep_versions)
            if removed:
                relink(catalogue)
    if as_json:
        _echo_json({"removed": removed})
    elif not removed:
        out.print("No missing document: nothing to prune.")
    else:
        out.print(f"{len(removed)} missing document{'s' if len(removed) != 1 else ''} removed"
                  f"{' (their versions kept)' if keep_versions else ''}:")
        for path in removed:
            out.print(f"  {_escape(path)}")


@app.command(epilog="Example:  iop relink")
def relink(db: DbOption = None) -> None:
    """Group every catalogued document into partnerships again (ingest does it when something changed)."""
    from iopcli.ingest import relink as link_all

    with user_errors():
        with _open(db) as catalogue:
            link_all(catalogue, full=True)
            count = catalogue.db.execute("select count(*) from partnerships").fetchone()[0]
    out.print(f"Linked: {count} partnership{'s' if count != 1 else ''}.")
