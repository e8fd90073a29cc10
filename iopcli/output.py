"""Write a listing (rows of a query) in the format asked for, row by row: the printing edge of
every listing command.

- table: on a terminal, a rich table of what fits a screen, wrapped, never cut, then how many
  rows more; piped or to a file, tab-separated text with a header line (like `gh`), every row.
- json: the full items as one array; jsonl: one item per line. Both streamed.
- csv: for Swedish Excel (BOM, `;`, CRLF, decimal commas); xlsx: one sheet with typed cells
  (numbers, dates), written by openpyxl in write-only mode.

Whatever the console's encoding (cp1252 on Windows), files and piped machine formats are UTF-8:
they are written to the byte stream, never through the console's text layer.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table

from iopcli.errors import IopError, UsageError
from iopcli.render import cell_text, csv_cell, escape, json_array_chunks
from iopcli.text import printable


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


@dataclass(frozen=True)
class Listing:
    """What a listing command prints: the table's columns (key, header), the flat row of an item
    for table, CSV and xlsx (default: the item itself), and every column CSV and xlsx get."""
    columns: Sequence[tuple[str, str]]
    flat: Callable[[dict], dict] | None = None
    all_columns: Sequence[str] | None = None
    title: str | None = None
    empty: str = "Nothing to list."
    sheet: str = "iop"

    def row(self, item: dict) -> dict:
        return self.flat(item) if self.flat else item

    @property
    def wide(self) -> list[str]:
        return list(self.all_columns or [key for key, _ in self.columns])


def choose(format: Format | None, as_json: bool, output: Path | None) -> Format:
    """Give the format: --json is a shortcut for --format json; with -o and no --format, the
    file's suffix says it (.csv, .json, .jsonl, .xlsx).

    >>> choose(None, False, Path("a.xlsx")).value, choose(None, True, None).value, choose(None, False, None).value
    ('xlsx', 'json', 'table')
    """
    if as_json and format not in (None, Format.json):
        raise UsageError(f"--json and --format {format.value} ask for two formats: give one")
    if as_json:
        return Format.json
    if format:
        return format
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return Format(suffix) if suffix in {f.value for f in Format} - {"table"} else Format.table


def emit(items: Iterable[dict], listing: Listing, format: Format, output: Path | None,
         console: Console, notes: Console | None = None) -> int:
    """Write items in a format to output (a file) or the console's stream; give their count."""
    counter = _Counter(items)
    if format is Format.table and output is None and console.is_terminal:
        _screen_table(counter, listing, console)
        return counter.count
    if format is Format.xlsx:
        _write_xlsx(counter, listing, output, console)
        return counter.count
    chunks = {
        Format.table: lambda: plain_chunks((listing.row(i) for i in counter), listing.columns),
        Format.json: lambda: _with_newline(json_array_chunks(counter)),
        Format.jsonl: lambda: (jsonl_line(i) for i in counter),
        Format.csv: lambda: csv_chunks_typed((listing.row(i) for i in counter), listing.wide),
    }[format]()
    write_text(chunks, output, console)
    if format is Format.table and not counter.count and notes is not None:
        notes.print(escape(listing.empty))
    return counter.count


class _Counter:
    def __init__(self, items: Iterable[dict]):
        self.items, self.count = iter(items), 0

    def __iter__(self) -> Iterator[dict]:
        for item in self.items:
            self.count += 1
            yield item


def _with_newline(chunks: Iterable[str]) -> Iterator[str]:
    yield from chunks
    yield "\n"


def write_text(chunks: Iterable[str], output: Path | None, console: Console) -> None:
    """Write text chunks as UTF-8 to a file, or to the console's stream's bytes."""
    if output is not None:
        try:
            with output.open("w", encoding="utf-8", newline="") as target:
                target.writelines(chunks)
        except OSError as exc:
            raise IopError(f"{output}: cannot write there ({(exc.strerror or str(exc)).lower()})") from exc
        return
    stream = console.file
    raw = getattr(stream, "buffer", None)
    if raw is None:
        stream.writelines(chunks)
        return
    stream.flush()
    for chunk in chunks:
        raw.write(chunk.encode("utf-8"))
    raw.flush()


def jsonl_line(item) -> str:
    r"""Give one JSON Lines line: compact, letters kept, control characters escaped.

    >>> jsonl_line({"namn": "Brottsofferjouren i Linköping", "sek": 472200})
    '{"namn": "Brottsofferjouren i Linköping", "sek": 472200}\n'
    """
    text = json.dumps(item, ensure_ascii=False, default=str)
    return re.sub("[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def plain_cell(value) -> str:
    """Give a value as one tab-separated cell: lists joined by `; `, tabs and line breaks as spaces.

    >>> plain_cell(["Brovi", "Kvinnojouren, Linköping"]), plain_cell(None), plain_cell("a\\tb\\nc"), plain_cell(2.5)
    ('Brovi; Kvinnojouren, Linköping', '', 'a b c', '2.5')
    """
    return printable(re.sub(r"[\t\r\n]+", " ", cell_text(value, "; ")))


def plain_chunks(rows: Iterable[dict], columns: Sequence[tuple[str, str]]) -> Iterator[str]:
    """Give tab-separated lines: a header of the column titles, then one line per row.

    >>> "".join(plain_chunks([{"id": "a", "end": "2025-12-31"}], [("id", "partnership"), ("end", "ends")]))
    'partnership\\tends\\na\\t2025-12-31\\n'
    """
    yield "\t".join(header for _, header in columns) + "\n"
    for row in rows:
        yield "\t".join(plain_cell(row.get(key)) for key, _ in columns) + "\n"


def csv_value(value):
    """Give a value as Swedish Excel reads it: fractions with a decimal comma, whole floats as
    integers, lists joined by `; `.

    >>> [csv_value(v) for v in (1.5, 341314.0, 7, ["a", "b"], None)]
    ['1,5', 341314, 7, 'a; b', None]
    """
    if isinstance(value, float):
        return int(value) if value.is_integer() else str(value).replace(".", ",")
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value if v is not None)
    return value


def csv_chunks_typed(rows: Iterable[dict], columns: Sequence[str]) -> Iterator[str]:
    """Give the CSV of rows (render.csv_chunks) with values as csv_value writes them."""
    from iopcli.render import csv_chunks

    return csv_chunks(({k: csv_value(row.get(k)) for k in columns} for row in rows), columns)


PROSE_MIN_WIDTH = 16  # a column of prose is never squeezed narrower than this on a terminal
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def xlsx_value(value):
    """Give a cell value for openpyxl: numbers and ISO dates typed, lists joined, dicts as JSON,
    text that Excel would run as a formula kept as text.

    >>> xlsx_value("2025-12-31"), xlsx_value(["a", "b"]), xlsx_value(813514), xlsx_value("=1+1")
    (datetime.date(2025, 12, 31), 'a; b', 813514, "'=1+1")
    """
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str) and ISO_DAY.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value if v is not None)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return csv_cell(value)


def write_workbook(target, sheets: Iterable[tuple[str, Sequence[str], Iterable[dict]]]) -> None:
    """Write sheets (title, columns, rows) to an .xlsx file or binary stream, streaming rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    for title, columns, rows in sheets:
        sheet = book.create_sheet(title[:31])
        header = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=column)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        sheet.freeze_panes = "A2"
        for row in rows:
            cells = []
            for column in columns:
                cell = WriteOnlyCell(sheet, value=xlsx_value(row.get(column)))
                if isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            sheet.append(cells)
    book.save(target)


def _write_xlsx(items: Iterable[dict], listing: Listing, output: Path | None, console: Console) -> None:
    rows = (listing.row(i) for i in items)
    sheets = [(listing.sheet, listing.wide, rows)]
    write_xlsx_file(sheets, output, console)


def write_xlsx_file(sheets, output: Path | None, console: Console) -> None:
    """Write a workbook to output, or to standard output when it is not a terminal."""
    if output is None:
        if console.is_terminal or getattr(console.file, "buffer", None) is None:
            raise UsageError("an .xlsx workbook is not for the terminal: give -o FILE.xlsx")
        write_workbook(console.file.buffer, sheets)
        return
    try:
        write_workbook(output, sheets)
    except OSError as exc:
        raise IopError(f"{output}: cannot write there ({(exc.strerror or str(exc)).lower()})") from exc


def _screen_table(items: Iterable[dict], listing: Listing, console: Console) -> None:
    """Print the rows that fit a screen as a rich table, then say how many more there are."""
    room = max(10, console.height - 8)
    shown, more = [], 0
    for item in items:
        if len(shown) < room:
            shown.append(listing.row(item))
        else:
            more += 1
            if more == 1:
                console.print(screen_table(shown, listing, console.width), soft_wrap=False, crop=False)
    if not shown:
        console.print(escape(listing.empty))
        return
    if not more:
        console.print(screen_table(shown, listing, console.width), soft_wrap=False, crop=False)  # fit the width, cut nothing
        return
    console.print(f"… and {more} more row{'s' if more != 1 else ''}: pipe the output, or use "
                  f"--format csv|jsonl|xlsx or -o FILE, for all of them.")


def screen_table(rows: list[dict], listing: Listing, width: int = 80) -> Table:
    """Give a rich table that wraps long values and never cuts one: a column of single words (ids,
    dates, amounts) is as wide as its longest; the columns of prose share what is left of `width`
    and wrap between words (a word longer than its column folds onto the next line). What is still
    wider than the screen is printed whole (crop=False) for the terminal to wrap."""
    table = Table(title=listing.title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                  collapse_padding=True, show_edge=False)
    cells = [[plain_cell(row.get(key)) for key, _ in listing.columns] for row in rows]
    sizes = []
    for index, (_, header) in enumerate(listing.columns):
        values = [row[index] for row in cells]
        longest = max(map(len, [w for value in values for w in value.split()] + header.split()), default=1)
        widest = max(map(len, values + [header]), default=1)
        sizes.append((longest, widest, any(" " in value.strip() for value in values)))
    fixed = sum(longest for longest, _, prose in sizes if not prose) + 2 * (len(sizes) - 1)
    prose_columns = sum(1 for *_, prose in sizes if prose)
    share = (width - fixed) // prose_columns if prose_columns else 0
    for (_, header), (longest, widest, prose) in zip(listing.columns, sizes):
        if prose:
            narrow = max(min(longest, PROSE_MIN_WIDTH), min(widest, share))
            table.add_column(header, overflow="fold", min_width=narrow, max_width=max(narrow, share))
        else:
            table.add_column(header, no_wrap=True, min_width=longest)
    for row in cells:
        table.add_row(*(escape(c) for c in row))
    return table
