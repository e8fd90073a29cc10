"""The `iop` command line: options in, library calls, render out. Nothing imports this module.

Heavy modules (pdf readers, the catalogue) are imported inside the commands that need them, so
that `iop --help` answers at once.
"""
from __future__ import annotations

import contextlib
import itertools
import re
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
import typer.core
from rich.console import Console

from iopcli.errors import IopError, NotFound, UsageError
from iopcli.output import Format
from iopcli.workers import DEFAULT_TIME_BUDGET_S

app = typer.Typer(
    name="iop",
    help="Catalogue Swedish IOP documents (idéburet offentligt partnerskap) in SQLite and answer "
    "questions about them: parties, periods, money, case numbers, duties and deadlines.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
)
_TyperOption = getattr(typer.core, "TyperOption", None)
if _TyperOption is not None and hasattr(_TyperOption, "display_type_rich"):
    # Typer 0.2x writes `<bool>` beside every flag in --help; a flag takes no value, so show none.
    _type_for_help = _TyperOption.display_type_rich
    _TyperOption.display_type_rich = lambda self, ctx: None if self.is_flag else _type_for_help(self, ctx)
    # And `<list[Path]>` beside an argument: its name (a metavar such as PATH…) says enough.
    typer.core.TyperArgument.display_type_rich = lambda self, ctx: None
out = Console(highlight=False, soft_wrap=True)
VERBOSE = False  # --verbose: tracebacks with errors
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    Optional[Path],
    typer.Option("--db", metavar="FILE", help="The catalogue file. Default: $IOP_DB, else ./iop.db.", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
FormatOption = Annotated[
    Optional[Format],
    typer.Option("--format", "-f", help="table (default; tab-separated when piped), json, jsonl, csv (Swedish Excel) "
                 "or xlsx. Default with -o: the file's suffix.", show_default=False),
]
OutputOption = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", metavar="FILE", help="Write to this file (always UTF-8) instead of standard output.",
                 show_default=False),
]
CsvOption = Annotated[bool, typer.Option("--csv", help="Shortcut for --format csv.")]
TodayOption = Annotated[
    Optional[str],
    typer.Option("--today", metavar="DATE", help="Count days and status as of this date (YYYY-MM-DD). Default: today.",
                 show_default=False),
]


class OcrMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class ExportFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


@contextlib.contextmanager
def user_errors():
    """Turn IopError into `Error: …` on stderr and an exit code (2 for usage, 1 otherwise)."""
    try:
        yield
    except UsageError as exc:
        _error(exc)
        raise typer.Exit(2)
    except IopError as exc:
        _error(exc)
        raise typer.Exit(1)


def _error(exc: Exception) -> None:
    if VERBOSE:
        import traceback

        err.print(_escape("".join(traceback.format_exception(exc))), end="")
    err.print(f"[red]Error:[/] {_escape(str(exc))}")


def _escape(text: str) -> str:
    from iopcli.render import escape  # control characters too: a file name may hold an ESC

    return escape(text)


def parse_day(value: str | None, option: str) -> date | None:
    """Give the date an option names (YYYY-MM-DD), or raise a usage error naming the option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD", param_hint=option)


def parse_window(value: str, option: str = "--within") -> int:
    """Give a duration such as `6m`, `90d`, `1y` in days; a number without its unit is an error.

    >>> parse_window("6m"), parse_window("90d"), parse_window("1y"), parse_window("2w")
    (183, 90, 365, 14)
    """
    match = re.fullmatch(r"\s*(\d+)\s*([dwmy])\s*", value.lower())
    if not match:
        raise typer.BadParameter(f"{value!r}: give a number with its unit d, w, m or y (90d, 8w, 6m, 1y)",
                                 param_hint=option)
    number, unit = int(match[1]), match[2]
    return {"d": number, "w": number * 7, "m": round(number * 30.44), "y": number * 365}[unit]


def _csv(format, as_csv: bool):
    """Give the format, --csv being a shortcut for --format csv."""
    from iopcli.output import Format

    if as_csv and format not in (None, Format.csv):
        raise typer.BadParameter(f"--csv and --format {format.value} ask for two formats: give one", param_hint="--csv")
    return Format.csv if as_csv else format


def _emit(items, listing, format, as_json: bool, output: Path | None) -> int:
    """Write a listing in the chosen format (iopcli.output); give how many rows it had."""
    from iopcli.output import choose, emit

    return emit(items, listing, choose(format, as_json, output), output, out, notes=err)


def _open(db: Path | None, create: bool = False):
    from iopcli.catalogue import Catalogue, db_path

    return Catalogue(db_path(str(db) if db else None), create=create)


def _ingest_lock(db: Path | None):
    """Give the catalogue's writer lock; while another ingest holds it, say so once and wait."""
    from iopcli.catalogue import db_path, ingest_lock

    def waiting(holder: str) -> None:
        err.print(f"Waiting for another ingest{f' ({holder})' if holder else ''} to finish with this catalogue…")

    return ingest_lock(db_path(str(db) if db else None), on_wait=waiting)


def _today(value: str | None) -> date:
    return parse_day(value, "--today") or date.today()


def _echo_json(data) -> None:
    from iopcli.render import to_json

    typer.echo(to_json(data))


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


# --- show -------------------------------------------------------------------------------------

@app.command(epilog="Examples:  iop show SON 2024-1523   ·   iop show 802490-7720   ·   iop show Brottsofferjouren --json")
def show(
    query: Annotated[list[str], typer.Argument(metavar="QUERY", help="A case number in any written form, an org number, "
                                               "a party name, a partnership id or a file name.", show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
    evidence: Annotated[bool, typer.Option("--evidence", help="Show the source text of every value.")] = False,
    documents: Annotated[bool, typer.Option("--documents", help="Show the matching documents' own records instead of partnerships.")] = False,
    today: TodayOption = None,
) -> None:
    """Show the partnerships (or documents) a case number, org number, name or file leads to."""
    from iopcli import queries
    from iopcli.render import partnership_view, record_view

    text = " ".join(query).strip()
    with user_errors():
        with _open(db) as catalogue:
            if documents:
                found = queries.find_documents(catalogue, text)
            else:
                found = queries.find_partnerships(catalogue, text, _today(today))
                if not found:  # a document in no partnership (not about an IOP): show the document itself
                    found = queries.find_documents(catalogue, text)
                    documents = bool(found)
                    if found and not as_json:
                        why = "; ".join(sorted({(r.get("iop") or {}).get("reason") or "" for r in found} - {""}))
                        out.print(f"In no partnership{': ' + _escape(why) if why else ''}. The document's own record:")
        if not found:
            raise NotFound(f"nothing in the catalogue matches {text!r}")
    if as_json:
        _echo_json(found)
        return
    for item in found:
        out.print(record_view(item, evidence) if documents else partnership_view(item, evidence))


# --- expiring ---------------------------------------------------------------------------------

EXPIRING = dict(
    columns=[("id", "partnership"), ("end", "ends"), ("days_left", "days left"), ("status", "status"),
             ("notice_deadline", "notice by"), ("notice_note", "note")],
    all_columns=["id", "municipality", "authority", "civil_parties", "term_start", "end", "days_left", "status",
                 "notice_deadline", "notice_passed", "renews_automatically", "renewed_to", "max_end", "notice_note"],
    sheet="expiring",
)


@app.command(epilog="Examples:  iop expiring --before 2026-01-01   ·   iop expiring --within 6m --format csv -o slutar.csv")
def expiring(
    before: Annotated[Optional[str], typer.Option(help="List agreements whose current term ends before this date.", metavar="DATE", show_default=False)] = None,
    within: Annotated[Optional[str], typer.Option(help="Instead of --before: a window from today with its unit: 90d, 8w, 6m, 1y.", metavar="DURATION", show_default=False)] = None,
    after: Annotated[Optional[str], typer.Option(help="Leave out agreements that ended before this date.", metavar="DATE", show_default=False)] = None,
    db: DbOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
    as_json: JsonOption = False,
    today: TodayOption = None,
) -> None:
    """List agreements that end (or must be renewed) before a date, soonest first.

    Agreements that have already ended are listed too, marked as ended; narrow with --after.
    """
    from datetime import timedelta

    from iopcli import queries
    from iopcli.output import Listing

    day = _today(today)
    if before and within:
        raise typer.BadParameter("give --before or --within, not both", param_hint="--before")
    try:
        limit = parse_day(before, "--before") if before else day + timedelta(days=parse_window(within or "6m"))
    except OverflowError:
        raise typer.BadParameter(f"{within!r} reaches past the year 9999", param_hint="--within")
    listing = Listing(**EXPIRING, flat=queries.expiring_row, title=f"Agreements ending before {limit} (as of {day})",
                      empty=f"No agreement ends before {limit}.")
    with user_errors():
        with _open(db) as catalogue:
            rows = queries.expiring(catalogue, before=limit, after=parse_day(after, "--after"), today=day)
            _emit(rows, listing, format, as_json, output)


# --- export -----------------------------------------------------------------------------------

@app.command(epilog="Examples:  iop export --format json > records.json   ·   iop export -o iop.xlsx   ·   iop export --format csv -o iop.csv")
def export(
    format: Annotated[Optional[ExportFormat], typer.Option("--format", "-f", help="json: record.md records; jsonl: one per line; csv: one row per document; xlsx: a workbook with partnerships, documents, parties, amounts, deadlines and recurring duties. Default: json, or the -o file's suffix.", show_default=False)] = None,
    output: OutputOption = None,
    db: DbOption = None,
    today: TodayOption = None,
) -> None:
    """Export every document record, as JSON (record.md shape), JSON Lines, CSV or an Excel workbook.

    Records are written as they are read from the catalogue, so memory stays flat however many.
    """
    from iopcli import queries
    from iopcli.output import Format, Listing, choose, emit, write_xlsx_file

    with user_errors():
        chosen = choose(Format(format.value) if format else None, False, output)
        if chosen is Format.table:
            chosen = Format.json
        with _open(db) as catalogue:
            if chosen is Format.xlsx:
                write_xlsx_file(queries.workbook_sheets(catalogue, _today(today)), output, out)
                count = catalogue.db.execute("select count(*) from documents").fetchone()[0]
            else:
                listing = Listing(columns=[(c, c) for c in queries.DOCUMENT_COLUMNS], flat=queries.csv_row, sheet="documents")
                count = emit(catalogue.iter_records(), listing, chosen, output, out)
    if output:
        err.print(f"Wrote {count} records to {_escape(str(output))}")


# --- search and query -------------------------------------------------------------------------

@app.command(epilog="Examples:  iop search uppsägningstid   ·   iop search 'brottsoffer AND kvinnojour' --json")
def search(
    words: Annotated[list[str], typer.Argument(help="Words to find (SQLite FTS5 syntax: AND, OR, \"a phrase\", prefix*).", metavar="WORDS", show_default=False)],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="At most this many documents.")] = 20,
    format: FormatOption = None,
    output: OutputOption = None,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over every document's text, best match first, with where it matched.

    Each word finds its Swedish inflections (uppsägningstid finds uppsägningstiden, avtal finds
    avtalet); "a phrase" in quotes, AND, OR, NOT and prefix* work as in SQLite FTS5. å, ä and ö are
    distinct letters.
    """
    from iopcli.output import Listing

    text = " ".join(words)
    listing = Listing(columns=[("source", "file"), ("doc_type", "type"), ("document_date", "date"), ("snippet", "match")],
                      all_columns=["source", "doc_type", "document_date", "municipality", "snippet", "path"],
                      sheet="search")
    with user_errors():
        with _open(db) as catalogue:
            rows = catalogue.search(text, limit)
        if not rows:
            raise NotFound(f"no document contains {text!r}")
        _emit(rows, listing, format, as_json, output)


@app.command(epilog="Example:  iop query \"select role, sum(sek) from amounts group by role\" --format csv")
def query(
    sql: Annotated[str, typer.Argument(help="A read-only SQL statement over the catalogue's tables.", metavar="SQL", show_default=False)],
    db: DbOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Run read-only SQL over the catalogue (tables: documents, parties, amounts, periods, …)."""
    from iopcli.output import Listing

    with user_errors():
        with _open(db) as catalogue:
            rows = catalogue.read_only_query(sql)
        columns = list(rows[0]) if rows else []
        listing = Listing(columns=[(c, c) for c in columns], empty="No rows.", sheet="query")
        _emit(rows, listing, _csv(format, as_csv), as_json, output)


@app.command("datasette-metadata", epilog="Example:  iop datasette-metadata -o metadata.json && datasette iop.db -m metadata.json")
def datasette_metadata(
    output: OutputOption = None,
    db: DbOption = None,
) -> None:
    """Write Datasette's metadata.json for the catalogue: table descriptions, labels, units, saved queries."""
    from iopcli.catalogue import db_path
    from iopcli.datasette import metadata
    from iopcli.output import write_text
    from iopcli.render import to_json

    path = db_path(str(db) if db else None)
    with user_errors():
        write_text([to_json(metadata(path.stem)) + "\n"], output, out)
    if output:
        err.print(f"Wrote {_escape(str(output))}; serve with: datasette {_escape(str(path))} -m {_escape(str(output))}")


# --- partnerships, deadlines, check ------------------------------------------------------------

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


PARTNERSHIPS = dict(
    columns=[("id", "id"), ("status", "status"), ("start", "start"), ("end", "end"),
             ("notice_deadline", "notice by"), ("civil_parties", "civil parties")],
    empty="No partnership matches.", sheet="partnerships",
)


@app.command(epilog="Examples:  iop partnerships --municipality Linköping   ·   iop partnerships --active-on 2025-06-01 -o iop.xlsx")
def partnerships(
    municipality: Annotated[Optional[str], typer.Option(help="Only this kommun or region (part of the name).", metavar="NAME", show_default=False)] = None,
    party: Annotated[Optional[str], typer.Option(help="Only partnerships with this party (name or org number).", metavar="NAME", show_default=False)] = None,
    active_on: Annotated[Optional[str], typer.Option(help="Only those running on this date.", metavar="DATE", show_default=False)] = None,
    db: DbOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    today: TodayOption = None,
    show_all: Annotated[bool, typer.Option("--all", help="Also list the documents left out as not about an IOP, with why.")] = False,
) -> None:
    """List the partnerships: documents grouped into one agreement each, with status, period and money."""
    from iopcli import queries
    from iopcli.output import Format, Listing, choose

    listing = Listing(**PARTNERSHIPS, flat=queries.partnership_row, all_columns=queries.PARTNERSHIP_COLUMNS)
    with user_errors():
        chosen = choose(_csv(format, as_csv), as_json, output)
        with _open(db) as catalogue:
            found = queries.partnerships(catalogue, _today(today), municipality=municipality, party=party,
                                         active_on=parse_day(active_on, "--active-on"))
            if show_all and chosen is Format.json:
                _echo_json({"partnerships": list(found), "not_iop": catalogue.not_iop()})
                return
            _emit(found, listing, chosen, False, output)
            left_out = catalogue.not_iop() if show_all else []
    if left_out:
        out.print(f"\nNot about an IOP ({len(left_out)}), catalogued but left out of the partnerships:")
        _emit(left_out, Listing(columns=[("source", "document"), ("kind", "kind"), ("reason", "why")]),
              Format.table, False, None)


DEADLINES = dict(
    columns=[("date", "date"), ("kind", "kind"), ("what", "what"), ("partnership_id", "partnership")],
    all_columns=["date", "kind", "what", "party", "partnership_id", "municipality", "source"],
    empty="No deadlines in that window.", sheet="deadlines",
)


@app.command(epilog="Examples:  iop deadlines --before 2026-07-01   ·   iop deadlines --ics -o iop.ics --remind 30d --remind 7d")
def deadlines(
    before: Annotated[Optional[str], typer.Option(help="Up to this date.", metavar="DATE", show_default=False)] = None,
    after: Annotated[Optional[str], typer.Option(help="From this date. Default: today.", metavar="DATE", show_default=False)] = None,
    ics: Annotated[bool, typer.Option("--ics", help="Write an iCalendar file (Outlook, Google Calendar): every occurrence, recurring duties as RRULE.")] = False,
    remind: Annotated[Optional[list[str]], typer.Option("--remind", help="With --ics: a reminder this long before each event (30d, 2w, 1m); several allowed.", metavar="DURATION", show_default=False)] = None,
    db: DbOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
    as_json: JsonOption = False,
    today: TodayOption = None,
) -> None:
    """List every dated duty, notice deadline and recurring duty across partnerships, soonest first."""
    from iopcli import queries
    from iopcli.output import Listing, write_text

    reminders = [parse_window(r, "--remind") for r in remind or []]
    first, last = parse_day(after, "--after"), parse_day(before, "--before")
    with user_errors():
        with _open(db) as catalogue:
            if ics:
                from iopcli.ics import to_ics

                text = to_ics(catalogue.iter_partnerships(), after=first, before=last, today=_today(today), reminders=reminders)
                write_text([text], output, out)
                return
            events = queries.deadlines(catalogue, after=first, before=last, today=_today(today))
        _emit(events, Listing(**DEADLINES), format, as_json, output)


@app.command(epilog="Example:  iop check || echo 'look at the warnings'")
def check(
    db: DbOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print the warnings of every partnership; exit code 1 when there are any.

    Checks: stated duration against the dates, contributions against the stated total, org numbers
    (Luhn check digit, first digit against sector), documents that disagree, an agreement with no
    end and no notice period, a proposal without an agreement, a scanned page OCR read poorly.
    """
    from iopcli import partnership as rules
    from iopcli.output import Listing

    listing = Listing(columns=[("partnership_id", "partnership"), ("warning", "warning")], empty="No warnings.",
                      sheet="warnings")
    with user_errors():
        with _open(db) as catalogue:
            warnings = ({"partnership_id": pid, "warning": text}
                        for p in catalogue.iter_partnerships() for pid, text in rules.check([p]))
            count = _emit(warnings, listing, format, as_json, output)
    if count:
        raise typer.Exit(1)


# --- diff and history -------------------------------------------------------------------------

@app.command(epilog="Examples:  iop diff original.pdf revision.pdf   ·   iop diff avtal.pdf@1 avtal.pdf@2 --json   ·   iop diff PARTNERSHIP_ID")
def diff(
    a: Annotated[str, typer.Argument(metavar="A", help="A file (path or name), PATH@N for version N, a case number, or a partnership id.", show_default=False)],
    b: Annotated[Optional[str], typer.Argument(metavar="[B]", help="The other side; omit it when A is a partnership id.", show_default=False)] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    fields_only: Annotated[bool, typer.Option("--fields-only", help="Only the changes in period, money, parties and duties.")] = False,
    text_only: Annotated[bool, typer.Option("--text-only", help="Only the changes in the text, section by section.")] = False,
) -> None:
    """Show what changed between two versions of an agreement: fields first, then the text.

    Exit code 0 when equal, 1 when different (like diff), 2 on error.
    """
    from iopcli import diff as differ
    from iopcli import queries
    from iopcli.render import diff_view

    try:
        with _open(db) as catalogue:
            if b is None:
                pair = queries.partnership_pair(catalogue, a)
                if pair is None:
                    raise UsageError(f"{a} is not a partnership id: give two documents to compare")
                a, b = pair
            side_a, side_b = queries.diff_side(catalogue, a), queries.diff_side(catalogue, b)
    except IopError as exc:
        err.print(f"[red]Error:[/] {_escape(str(exc))}")
        raise typer.Exit(2)
    result = differ.diff_records(side_a["record"], side_a["text"], side_a["page_starts"],
                                 side_b["record"], side_b["text"], side_b["page_starts"])
    if fields_only:
        result["text"] = []
    if text_only:
        result["changes"] = []
    if as_json:
        _echo_json(result)
    else:
        out.print(diff_view(result, marks=not out.is_terminal or out.no_color))
    raise typer.Exit(0 if not result["changes"] and not result["text"] else 1)


@app.command(epilog="Examples:  iop history samples/avtal.pdf   ·   iop history 'SON 2019-536' --json")
def history(
    name: Annotated[list[str], typer.Argument(help="A file (path or name) or a case number.", metavar="FILE|CASE", show_default=False)],
    db: DbOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the versions of a file kept by ingest, with their dates and hashes (compare with `iop diff PATH@1 PATH@2`)."""
    from iopcli import queries
    from iopcli.output import Listing

    text = " ".join(name)
    listing = Listing(columns=[("path", "file"), ("version", "version"), ("ingested_at", "ingested"),
                               ("document_date", "document date"), ("sha256", "sha256"), ("changes", "changes")],
                      all_columns=["path", "version", "ingested_at", "document_date", "sha256", "size", "changes"],
                      sheet="history")
    with user_errors():
        with _open(db) as catalogue:
            versions = queries.history(catalogue, text)
        if not versions:
            raise NotFound(f"{text}: no such file or case number in the catalogue")
        _emit(versions, listing, format, as_json, output)


def _version(value: bool) -> None:
    if value:
        from iopcli.catalogue import iop_version

        typer.echo(f"iop {iop_version()}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Print iop's version and exit.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="On an error, print its traceback too (for a bug report).")] = False,
) -> None:
    """Catalogue Swedish IOP documents (idéburet offentligt partnerskap) in SQLite and answer
    questions about them: parties, periods, money, case numbers, duties and deadlines."""
    global VERBOSE
    VERBOSE = verbose


# --- report -----------------------------------------------------------------------------------

@app.command(epilog="Examples:  iop report -o rapport.html   ·   "
                    "iop report --municipality Linköping --from 2024-01-01 --to 2027-12-31 --today 2025-06-01")
def report(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="The HTML file to write.")] = Path("report.html"),
    municipality: Annotated[Optional[str], typer.Option(help="Only this kommun or region (part of the name).", show_default=False)] = None,
    first: Annotated[Optional[str], typer.Option("--from", metavar="DATE", help="Timeline and money from this date (YYYY-MM-DD). Default: the earliest start.", show_default=False)] = None,
    last: Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="Timeline and money up to this date (YYYY-MM-DD). Default: the latest end.", show_default=False)] = None,
    db: DbOption = None,
    today: TodayOption = None,
) -> None:
    """Write one self-contained HTML report: a timeline, money per year, the deadlines of the next
    12 months, and every partnership with the quoted text of each fact (Swedish labels).

    The file needs no network (no scripts, fonts or images to fetch) and prints on A4.
    """
    from iopcli import queries
    from iopcli.report import report_html

    day = _today(today)
    window = parse_day(first, "--from"), parse_day(last, "--to")
    if window[0] and window[1] and window[0] > window[1]:
        raise typer.BadParameter(f"--from {first} is after --to {last}", param_hint="--from")
    with user_errors():
        with _open(db) as catalogue:
            found = list(queries.partnerships(catalogue, day, municipality=municipality))
        if not found:
            raise NotFound(f"no partnership in the catalogue{f' matches --municipality {municipality!r}' if municipality else ''}")
        page = report_html(found, today=day, first=window[0], last=window[1], selection=municipality)
        try:
            output.write_text(page, encoding="utf-8")
        except OSError as exc:
            raise IopError(f"{output}: cannot write there ({(exc.strerror or str(exc)).lower()})") from exc
    err.print(f"Wrote a report of {len(found)} partnerships to {_escape(str(output))}")


def main() -> None:
    # Piped or redirected output is UTF-8 whatever the console's code page (cp1252 on Windows).
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and not stream.isatty():
            stream.reconfigure(encoding="utf-8")
    app()
