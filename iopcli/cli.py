"""The `iop` command line: the Typer app, its shared options and helpers, and `main`.

The commands live in cli_write.py (ingest, extract, load, prune, relink) and cli_read.py (show,
the listings, export, diff, report, …), registered on this app when they are imported below.
Heavy modules (pdf readers, the catalogue) are imported inside the commands that need them, so
that `iop --help` answers at once.
"""
from __future__ import annotations

import contextlib
import re
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
import typer.core
from rich.console import Console

from iopcli.errors import IopError, UsageError
from iopcli.output import Format

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


def main() -> None:
    # Piped or redirected output is UTF-8 whatever the console's code page (cp1252 on Windows).
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and not stream.isatty():
            stream.reconfigure(encoding="utf-8")
    app()


# The commands register on `app` as they are imported: writing ones first, as `iop --help` lists them.
from iopcli import cli_write  # noqa: E402, F401, I001
from iopcli import cli_read  # noqa: E402, F401
