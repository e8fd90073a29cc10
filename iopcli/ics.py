"""Deadlines as an iCalendar file (RFC 5545) that Outlook, Google Calendar and Apple Calendar
subscribe to. Pure; written with the `icalendar` package (escaping, folding, RRULE, VALARM).

- Every occurrence in the range is an all-day event: dated duties, every notice deadline of an
  automatic renewal, an option's decision day.
- A recurring duty on a yearly day is one event with an RRULE (FREQ=YEARLY, UNTIL the last day
  the agreement can run), not one event per year.
- Titles are Swedish and name the civil party; the description says which partnership, document
  and municipality.
- UIDs are derived from the partnership, the kind, the text and the date (the first date for a
  rule), so that importing a newer file updates the events instead of adding copies.
- `reminders` (days before) add one VALARM each.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, timezone

from dateutil.relativedelta import relativedelta
from icalendar import Alarm, Calendar, Event, vRecur

from iopcli import partnership as rules

HORIZON_YEARS = 5  # without --before, repeating dates are listed this far ahead
TITLES = {"notice": "Sista dag för uppsägning av IOP", "option": "Beslut om förlängning av IOP"}
KIND_NAMES = {"duty": "åtagande", "notice": "uppsägning", "option": "option", "recurring": "återkommande"}


def event_uid(event: dict, domain: str = "iop") -> str:
    """Give a stable UID: the same partnership, kind, text and date give the same UID.

    >>> e = {"partnership_id": "linkoping-brottsofferjouren-2023", "kind": "notice", "what": "x", "date": "2025-06-30"}
    >>> event_uid(e) == event_uid(dict(e)), event_uid(e) == event_uid({**e, "date": "2025-07-01"})
    (True, False)
    """
    key = "|".join(str(event.get(k) or "") for k in ("partnership_id", "kind", "what", "date"))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{domain}"


def title(event: dict, party: str | None) -> str:
    """Give an event's Swedish title, with the civil party's name.

    >>> title({"kind": "notice", "what": "Last day to give notice"}, "Brottsofferjouren i Linköping")
    'Sista dag för uppsägning av IOP – Brottsofferjouren i Linköping'
    >>> title({"kind": "recurring", "what": "Verksamhetsberättelse"}, None)
    'Verksamhetsberättelse'
    """
    text = TITLES.get(event.get("kind")) or event.get("what") or "IOP"
    return f"{text} – {party}" if party else text


def civil_party(partnership: dict) -> str | None:
    """Give the name of a partnership's first civil party (the organisation), if any."""
    return next((p["name"] for p in partnership.get("parties") or [] if p.get("sector") == "civil" and p.get("name")),
                None)


def occurrences(partnerships: Iterable[dict], first: date, before: date | None) -> tuple[list[dict], list[dict]]:
    """Give (events, rules) of partnerships from `first` up to `before` (default: HORIZON_YEARS on).

    events: every dated occurrence but the recurring duties; rules: one per recurring duty on a
    yearly day, {partnership_id, what, kind, start (first occurrence), until (last or None), …}.
    """
    last = before or first + relativedelta(years=HORIZON_YEARS)
    events, repeating = [], []
    for partnership in partnerships:
        party = civil_party(partnership)
        for event in rules.deadlines([partnership], after=first, before=last, today=first):
            if event["kind"] != "recurring":
                events.append({**event, "party": party})
        repeating += _rules(partnership, first, before, party)
    return events, repeating


def _rules(partnership: dict, first: date, before: date | None, party: str | None) -> list[dict]:
    period = partnership.get("period") or {}
    start = rules.as_date(period.get("start"))
    extension = period.get("extension") or {}
    open_ended = extension.get("kind") == "automatic" and not extension.get("max_end")
    all_terms = rules.terms(period, until=(before or first) + relativedelta(years=1))
    end = None if open_ended or not all_terms else all_terms[-1][1]
    until = min((d for d in (end, before - timedelta(days=1) if before else None) if d), default=None)
    found = []
    for duty in partnership.get("recurring") or []:
        if not duty.get("day"):
            continue
        low = max(first, start) if start else first
        days = rules.yearly_days(duty["day"], low, until or low + relativedelta(years=1))
        if not days:
            continue
        found.append({"partnership_id": partnership.get("id") or "", "what": duty.get("what") or "",
                      "kind": "recurring", "date": days[0].isoformat(), "until": until.isoformat() if until else None,
                      "municipality": partnership.get("municipality"), "source": duty.get("source"), "party": party})
    return found


def to_ics(partnerships: Iterable[dict], after: date | None = None, before: date | None = None,
           today: date | None = None, reminders: Sequence[int] = (), dtstamp: datetime | None = None,
           name: str = "IOP – datum att hålla") -> str:
    """Give the iCalendar text of the partnerships' deadlines from `after` (default today).

    dtstamp defaults to now (UTC); pass it for reproducible output.
    """
    first = after or today or date.today()
    events, repeating = occurrences(partnerships, first, before)
    stamp = (dtstamp or datetime.now(timezone.utc)).astimezone(timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", "-//iop//iop//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for item in sorted(events + repeating, key=lambda e: (e["date"], e["partnership_id"], e["kind"], e["what"])):
        calendar.add_component(_event(item, stamp, reminders))
    return calendar.to_ical().decode("utf-8")


def _event(item: dict, stamp: datetime, reminders: Sequence[int]) -> Event:
    day = date.fromisoformat(item["date"])
    event = Event()
    event.add("uid", event_uid(item))
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", title(item, item.get("party")))
    lines = [f"{KIND_NAMES.get(item['kind'], item['kind']).capitalize()}: {item['what']}",
             f"Partnerskap: {item['partnership_id']}"]
    lines += [f"{label}: {item[key]}" for key, label in (("municipality", "Kommun/region"), ("source", "Dokument"))
              if item.get(key)]
    event.add("description", "\n".join(lines))
    event.add("categories", [KIND_NAMES.get(item["kind"], item["kind"])])
    event.add("transp", "TRANSPARENT")
    if item["kind"] == "recurring":
        rule = {"freq": "yearly"}
        if item.get("until"):
            rule["until"] = date.fromisoformat(item["until"])
        event.add("rrule", vRecur(rule))
    for days in reminders:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", title(item, item.get("party")))
        alarm.add("trigger", timedelta(days=-days))
        event.add_component(alarm)
    return event
