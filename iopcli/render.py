"""Turn records, partnerships and rows into rich views, JSON or CSV. Never opens files or the db.

Document text is escaped before rich sees it: `[bilaga 2]` would otherwise be read as markup.
This module is the printing edge: every text that reaches the terminal passes escape() or
printable(), which write control characters (an ESC that would clear the screen) as visible
escapes; JSON escapes them itself, and CSV cells that a spreadsheet would run as a formula
get a leading apostrophe (csv_cell).
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence

from rich.console import Group
from rich.markup import escape as _markup_escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from iopcli.text import printable

ROLE_NAMES = {
    "total": "total", "public_contribution": "public contribution", "civil_contribution": "civil contribution",
    "cost_to_date": "cost to date", "other": "other",
}
PER_NAMES = {"year": "per year", "total": "in total", None: ""}


def escape(text: str) -> str:
    r"""Give text for rich: control characters written as escapes, markup brackets escaped.

    >>> print(escape("[bilaga 2] \x1b[2J"))
    \[bilaga 2] \x1b[2J
    """
    return _markup_escape(printable(str(text)))


def to_json(data) -> str:
    r"""Give JSON as iop prints it: UTF-8 letters kept (å ä ö), indented.

    json escapes C0 controls itself; DEL and the C1 controls (0x9b starts a terminal command
    like ESC [) are escaped here too.

    >>> to_json("a\x1b\x9bb")
    '"a\\u001b\\u009bb"'
    """
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return _C1.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def json_array_chunks(items: Iterable) -> Iterator[str]:
    """Give, piece by piece, the text to_json(list(items)) gives, never holding the whole list.

    >>> items = [{"a": 1, "b": ["å"]}, {"c": None}]
    >>> "".join(json_array_chunks(items)) == to_json(items), "".join(json_array_chunks([])) == to_json([])
    (True, True)
    """
    first = True
    for item in items:
        yield ("[\n" if first else ",\n") + "\n".join("  " + line for line in to_json(item).split("\n"))
        first = False
    yield "[]" if first else "\n]"


_C1 = re.compile("[\x7f-\x9f]")
# A spreadsheet runs a cell that starts with one of these as a formula (`=HYPERLINK(...)`).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_chunks(rows: Iterable[dict], columns: Sequence[str]) -> Iterator[str]:
    """Give CSV that Swedish Excel opens right, a row at a time: BOM and header first, semicolons,
    CRLF.

    Excel in Swedish uses the comma as decimal sign and so `;` between fields, and reads a file
    as UTF-8 only when it starts with a BOM.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), delimiter=";", extrasaction="ignore",
                            lineterminator="\r\n")
    writer.writeheader()
    yield "\ufeff" + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow({k: csv_cell(row.get(k)) for k in columns})
        yield buffer.getvalue()


def csv_cell(value) -> str:
    r"""Give a CSV cell that no spreadsheet runs as a formula: text starting with = + - @ tab or CR
    gets a leading apostrophe (numbers stay numbers); control characters but tab and line breaks
    are written as escapes.

    >>> [csv_cell(v) for v in ("=1+1", "-x", -5, "ok", None)], print(csv_cell("a\x1bb"))
    a\x1bb
    (["'=1+1", "'-x", '-5', 'ok', ''], None)
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = cell_text(value)
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return _CSV_CONTROLS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


_CSV_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def cell_text(value, separator: str = ", ") -> str:
    """Give a value as the text of one cell: None empty, lists joined, dicts as JSON.

    >>> cell_text(["Brovi", ["a", None]]), cell_text({"a": 1}, "; "), cell_text(None)
    ('Brovi, a, ', '{"a": 1}', '')
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return separator.join(cell_text(v, separator) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def kronor(sek: int | None) -> str:
    """Give an amount as Swedes write it.

    >>> kronor(813514)
    '813 514 kr'
    """
    return "" if sek is None else f"{sek:,} kr".replace(",", " ")


def where(evidence: dict | None, show_text: bool = False, numbers: dict[str, int] | None = None) -> str:
    """Give where a value came from: `[2] p. 3` (document 2 of the list, page 3), or `p. 3`."""
    if not evidence:
        return ""
    number = (numbers or {}).get(evidence.get("source", ""))
    where = (f"[{number}] " if number else "") + f"p. {evidence.get('page', '?')}"
    if evidence.get("note"):
        where += f" ({evidence['note']})"
    if show_text:
        where += f"\n  “{' '.join(str(evidence.get('text', '')).split())}”"
    return where


def _period_text(period: dict) -> str:
    start, end = period.get("start"), period.get("end")
    if not start and not end:
        return "–"
    text = f"{start or '?'} – {end or 'open-ended (tills vidare)'}"
    if period.get("notice_months"):
        text += f", notice {period['notice_months']} months"
    elif period.get("notice_weeks"):
        text += f", notice {period['notice_weeks']} weeks"
    return text


def extension_text(extension: dict | None) -> str:
    """Give renewal terms in a few words.

    >>> extension_text({"kind": "automatic", "step_months": 12, "max_end": "2027-12-31", "notice_by": "09-30"})
    'renews automatically 12 months at a time, at most until 2027-12-31, notice by 09-30 each year'
    """
    if not extension:
        return ""
    kind = "renews automatically" if extension.get("kind") == "automatic" else "option to extend"
    parts = [f"{kind} {extension.get('step_months') or '?'} months" + (" at a time" if extension.get("kind") == "automatic" else "")]
    if extension.get("max_end"):
        parts.append(f"at most until {extension['max_end']}")
    if extension.get("notice_by"):
        parts.append(f"notice by {extension['notice_by']} each year")
    return ", ".join(parts)


def _facts_table(title: str, columns: Sequence[str], rows: list[list[str]]) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(escape(str(c)) for c in row))
    return table


def _numbered(sources: list[str] | None, numbers: dict[str, int] | None) -> str:
    """Give `[1] [3]` for the documents a value was found in."""
    found = sorted({(numbers or {}).get(s) for s in sources or []} - {None})
    return " ".join(f"[{n}]" for n in found)


def fact_tables(item: dict, show_text: bool = False, numbers: dict[str, int] | None = None) -> list:
    """Give the parties, amounts, deadlines and recurring duties of a record or partnership."""
    parts: list = []

    def at(evidence: dict | None) -> str:
        return where(evidence, show_text, numbers)

    parties = item.get("parties") or []
    if parties:
        parts.append(_facts_table("Parties", ["name", "sector", "org number", "also called", "source"], [
            [p["name"], "public" if p.get("sector") == "public" else "civil",
             (p.get("org_number") or "") + (" (fails Luhn check)" if p.get("org_number_valid") is False else ""),
             ", ".join(p.get("aliases") or []), at(p.get("evidence")) or _numbered(p.get("sources"), numbers)]
            for p in parties]))
    amounts = item.get("amounts") or []
    if amounts:
        parts.append(_facts_table("Amounts", ["amount", "per", "role", "source"], [
            [kronor(a["sek"]), PER_NAMES.get(a.get("per"), a.get("per") or ""),
             ROLE_NAMES.get(a.get("role"), a.get("role") or ""), at(a.get("evidence"))]
            for a in amounts]))
    deadlines = item.get("deadlines") or []
    if deadlines:
        parts.append(_facts_table("Deadlines", ["date", "what", "who", "source"], [
            [d["date"], d["what"], d.get("party") or "", at(d.get("evidence"))] for d in deadlines]))
    recurring = item.get("recurring") or []
    if recurring:
        parts.append(_facts_table("Recurring duties", ["what", "times/year", "who", "source"], [
            [r["what"], str(r["times_per_year"]), r.get("party") or "", at(r.get("evidence"))]
            for r in recurring]))
    return parts


def record_view(record: dict, show_text: bool = False) -> Panel:
    """Give a document record at a glance."""
    evidence = record.get("evidence") or {}
    lines = Table.grid(padding=(0, 2))
    lines.add_column(style="bold")
    lines.add_column()
    rows = [
        ("Type", record.get("doc_type") or ""),
        ("Municipality", record.get("municipality") or ""),
        ("Authority", record.get("authority") or ""),
        ("Case numbers", ", ".join(record.get("case_numbers") or []) or "–"),
        ("Date", record.get("document_date") or "–"),
        ("Officer", record.get("officer") or "–"),
        ("Period", _period_text(record.get("period") or {})),
    ]
    extension = extension_text((record.get("period") or {}).get("extension"))
    if extension:
        rows.append(("Renewal", extension))
    if record.get("status") not in (None, "ok"):
        rows.append(("Status", "; ".join(record.get("warnings") or []) or record["status"]))
    for label, value in rows:
        lines.add_row(label, escape(str(value)))
    if show_text and evidence.get("period"):
        lines.add_row("", escape(where(evidence["period"], True)))
    title = f"{escape(record['source'])} ({record.get('pages', 1)} p.{', OCR' if record.get('ocr') else ''})"
    return Panel(Group(lines, *fact_tables(record, show_text)), title=title, title_align="left")


def partnership_view(partnership: dict, show_text: bool = False) -> Panel:
    """Give a partnership: parties, period, notice deadline, renewal, money, duties, documents."""
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    period = partnership.get("period") or {}
    listed = partnership.get("documents") or []
    numbers = {d.get("source", ""): n for n, d in enumerate(listed, 1)}
    period_evidence = (partnership.get("evidence") or {}).get("period.end") or (partnership.get("evidence") or {}).get("period.start")
    period_where = where(period_evidence, show_text, numbers)
    rows = [
        ("Municipality", partnership.get("municipality") or ""),
        ("Authority", partnership.get("authority") or ""),
        ("Case numbers", ", ".join(partnership.get("case_numbers") or []) or "–"),
        ("Period", _period_text(period) + (f"   ({period_where})" if period_where else "")),
    ]
    if partnership.get("notice_deadline"):
        rows.append(("Notice deadline", partnership["notice_deadline"]))
    extension = extension_text(period.get("extension"))
    if extension:
        rows.append(("Renewal", extension))
    if partnership.get("predecessor"):
        rows.append(("Predecessor", partnership["predecessor"]))
    for label, value in rows:
        head.add_row(label, escape(str(value)))
    documents = _facts_table("Documents", ["", "date", "type", "case numbers", "file"], [
        [f"[{n}]", d.get("document_date") or "–", d.get("doc_type") or "", ", ".join(d.get("case_numbers") or []),
         d.get("source", "")] for n, d in enumerate(listed, 1)])
    parts = [head, *fact_tables(partnership, show_text, numbers), documents]
    warnings = partnership.get("warnings") or []
    if warnings:
        parts.append(Text(printable("Warnings:\n" + "\n".join(f"  ! {w}" for w in warnings)), style="yellow"))
    status = partnership.get("status") or ""
    title = f"{escape(partnership['id'])}" + (f" [{_status_style(status)}]{status}[/]" if status else "")
    return Panel(Group(*parts), title=title, title_align="left")


def _status_style(status: str) -> str:
    return {"active": "green", "expiring": "bold yellow", "ended": "dim", "draft": "cyan"}.get(status, "white")


def summary_text(counts: dict[str, int], failures: list[tuple[str, str]], notes: list[tuple[str, str]]) -> str:
    """Give the ingest summary: counts on one line, then one line per failed or noted file.

    Moved and missing files are counted only when there are any, so the usual line stays as it was.

    >>> summary_text({"new": 2, "missing": 1}, [], [])
    'Ingested: 2 new, 0 updated, 0 unchanged, 0 needs OCR, 0 skipped, 0 failed, 1 missing'
    """
    order = ("new", "updated", "unchanged", "needs_ocr", "skipped", "failed")
    names = {"needs_ocr": "needs OCR"}
    line = ", ".join(f"{counts.get(k, 0)} {names.get(k, k)}" for k in order)
    line += "".join(f", {counts[k]} {k}" for k in ("moved", "missing") if counts.get(k))
    out = [f"Ingested: {line}"]
    out += [f"  {path}: {reason}" for path, reason in notes]
    out += [f"  FAILED {path}: {reason}" for path, reason in failures]
    return "\n".join(out)


def _value_text(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, dict):
        if "sek" in value:
            return f"{kronor(value['sek'])} {PER_NAMES.get(value.get('per'), '')} ({ROLE_NAMES.get(value.get('role'), value.get('role'))})".strip()
        if "what" in value:
            when = value.get("date") or (f"{value['times_per_year']} times/year" if value.get("times_per_year") else "")
            return f"{value['what']}: {when}"
        if "name" in value:
            return f"{value['name']} {value.get('org_number') or ''}".strip()
        return ", ".join(f"{k}={v}" for k, v in value.items() if v is not None and k != "evidence")
    return str(value)


def _diff_where(evidence: dict | None, side: str) -> str:
    """Give `A p. 2: “350 000 kr”`: which side (the header names A and B), page and text."""
    if not evidence:
        return ""
    text = " ".join(str(evidence.get("text") or "").split())
    return f"{side} p. {evidence.get('page', '?')}: “{text[:80]}”"


def diff_view(diff: dict, marks: bool = False) -> Group:
    """Give a diff for the terminal: field changes as a table, then the changed text in colour.

    With `marks` (output without colour: piped, or NO_COLOR), deleted words are written [-so-] and
    inserted ones {+so+}, as wdiff does, so that the change is still seen.
    """
    def deleted(text: str) -> str:
        return f"[-{text}-]" if marks else text

    def inserted(text: str) -> str:
        return f"{{+{text}+}}" if marks else text

    parts: list = [Text(printable(f"A: {diff['a'].get('source')}\nB: {diff['b'].get('source')}"), style="bold")]
    changes = diff.get("changes") or []
    if changes:
        table = Table(title="Changed fields", title_justify="left")
        for column in ("field", "change", "before", "after", "source"):
            table.add_column(column, overflow="fold")
        for change in changes:
            where = "\n".join(w for w in (_diff_where(change.get("before_evidence"), "A"),
                                          _diff_where(change.get("after_evidence"), "B")) if w)
            table.add_row(escape(change["field"]), escape(change["change"]), escape(_value_text(change.get("before"))),
                          escape(_value_text(change.get("after"))), escape(where))
        parts.append(table)
    for section in diff.get("text") or []:
        heading = Text(printable(f"\n§ {section.get('section') or '(opening)'} — {section['change']}"), style="bold cyan")
        parts.append(heading)
        if section["change"] == "changed":
            body = Text()
            for tag, before, after in section.get("words") or []:
                if tag == "equal":
                    body.append(printable(" ".join(before) + " "))
                if tag in ("replace", "delete") and before:
                    body.append(printable(deleted(" ".join(before))) + " ", style="red strike")
                if tag in ("replace", "insert") and after:
                    body.append(printable(inserted(" ".join(after))) + " ", style="green bold")
            parts.append(body)
        elif section["change"] == "added":
            parts.append(Text(printable(inserted(section.get("after") or "")), style="green"))
        elif section["change"] == "removed":
            parts.append(Text(printable(deleted(section.get("before") or "")), style="red"))
    if not changes and not diff.get("text"):
        parts.append(Text("No differences."))
    return Group(*parts)
