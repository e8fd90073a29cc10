"""The commands that read the catalogue: show, the listings, export, search, query, diff, history,
report and the Datasette metadata. Each answer comes from iopcli.queries; the output from
iopcli.output (listings) or iopcli.render (views)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from iopcli.errors import IopError, NotFound, UsageError
from iopcli.cli import (CsvOption, DbOption, ExportFormat, FormatOption, JsonOption, OutputOption, TodayOption, _csv,
                        _echo_json, _emit, _escape, _open, _today, app, err, out, parse_day, parse_window, user_errors)


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
    """Write Datasette's metadata.json for the catalogue: table descriptions, labels, units, the views."""
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
