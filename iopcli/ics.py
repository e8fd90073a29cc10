"""Deadlines as an iCalendar file (RFC 5545) that Outlook and Google Calendar import. Pure.

One all-day VEVENT per deadline. Its UID is derived from the partnership id, the kind, the text
and the date, so importing a newer file updates the events instead of adding copies.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone

CRLF = "\r\n"
LINE_OCTETS = 75  # RFC 5545 3.1: lines longer than 75 octets are folded
KIND_LABELS = {"duty": "Duty", "notice": "Notice deadline", "option": "Option decision",
               "recurring": "Recurring duty"}


def escape_text(value: str) -> str:
    """Give a TEXT value escaped for iCalendar: backslash, semicolon, comma and newlines.

    >>> escape_text("Möten; operativa, strategiska\\\\nya\\nrad")
    'Möten\\\\; operativa\\\\, strategiska\\\\\\\\nya\\\\nrad'
    """
    return (str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold_line(line: str) -> str:
    """Give a content line folded at 75 octets, never inside a UTF-8 character.

    >>> folded = fold_line("SUMMARY:" + "å" * 60)
    >>> [len(part.encode()) for part in folded.split("\\r\\n")]
    [74, 55]
    >>> fold_line("SHORT:x")
    'SHORT:x'
    """
    parts: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = " ", 1, LINE_OCTETS
        current += char
        size += width
    parts.append(current)
    return CRLF.join(parts)


def event_uid(event: dict, domain: str = "iop") -> str:
    """Give a stable UID: the same partnership, kind, text and date give the same UID.

    >>> e = {"partnership_id": "linkoping-brottsofferjouren-2023", "kind": "notice", "what": "x", "date": "2025-06-30"}
    >>> event_uid(e) == event_uid(dict(e)), event_uid(e) == event_uid({**e, "date": "2025-07-01"})
    (True, False)
    """
    key = "|".join(str(event.get(k) or "") for k in ("partnership_id", "kind", "what", "date"))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{domain}"


def _day(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _event_lines(event: dict, stamp: str) -> list[str]:
    day = _day(event.get("date"))
    if day is None:
        return []
    pid = event.get("partnership_id") or ""
    what = event.get("what") or KIND_LABELS.get(event.get("kind"), "Deadline")
    summary = f"{what} ({pid})" if pid else what
    description = [f"{KIND_LABELS.get(event.get('kind'), event.get('kind') or 'deadline')}: {what}"]
    if pid:
        description.append(f"Partnership: {pid}")
    if event.get("municipality"):
        description.append(f"Municipality: {event['municipality']}")
    if event.get("source"):
        description.append(f"Document: {event['source']}")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event_uid(event)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(chr(10).join(description))}",
    ]
    if event.get("kind"):
        lines.append(f"CATEGORIES:{escape_text(event['kind'])}")
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def to_ics(events: list[dict], prodid: str = "-//iop//EN", dtstamp: datetime | None = None,
           name: str = "IOP deadlines") -> str:
    """Give an iCalendar text with one all-day event per deadline (see partnership.deadlines).

    Each event needs date (ISO string or date); what, kind, partnership_id, municipality and source
    are used when present. dtstamp defaults to now (UTC); pass it for reproducible output.

    >>> text = to_ics([{"partnership_id": "p", "date": "2025-06-30", "what": "Notice", "kind": "notice"}],
    ...               dtstamp=datetime(2025, 1, 1, tzinfo=timezone.utc))
    >>> text.startswith("BEGIN:VCALENDAR\\r\\n"), "DTEND;VALUE=DATE:20250701" in text, text.endswith("END:VCALENDAR\\r\\n")
    (True, True, True)
    """
    stamp_time = (dtstamp or datetime.now(timezone.utc))
    if stamp_time.tzinfo:
        stamp_time = stamp_time.astimezone(timezone.utc)
    stamp = stamp_time.strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{escape_text(prodid)}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}"]
    for event in events:
        lines += _event_lines(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + CRLF for line in lines)
