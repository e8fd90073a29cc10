"""The ICS output, parsed back by a real iCalendar parser (the `icalendar` package)."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pytest

from iopcli import partnership as pt
from iopcli.ics import event_uid, to_ics
from iopcli.linker import link

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "gold" / "seeds.json"
STAMP = datetime(2025, 1, 2, 8, 30, tzinfo=timezone.utc)


def gold_records() -> list[dict]:
    """The hand-filled records of ../shared/gold; the test is skipped where it is not beside the checkout."""
    if not SEEDS.exists():
        pytest.skip("../shared/gold is not beside the checkout")
    return json.loads(SEEDS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_events() -> list[dict]:
    partnerships = link(gold_records())
    return pt.deadlines(partnerships, after=date(2025, 1, 1), before=date(2028, 1, 1), today=date(2025, 1, 1))


def vevents(text: str) -> list:
    return [c for c in icalendar.Calendar.from_ical(text).walk() if c.name == "VEVENT"]


def test_seed_deadlines_parse_back_one_event_each(seed_events):
    text = to_ics(seed_events, dtstamp=STAMP)
    events = vevents(text)
    assert len(events) == len(seed_events) == 4
    for parsed, event in zip(events, seed_events):
        start = parsed.decoded("DTSTART")
        assert start == date.fromisoformat(event["date"]) and not isinstance(start, datetime)
        assert parsed.decoded("DTEND") == start + timedelta(days=1)
        assert str(parsed["SUMMARY"]) == f"{event['what']} ({event['partnership_id']})"
        assert parsed.decoded("DTSTAMP") == STAMP
    assert len({str(e["UID"]) for e in events}) == 4


def test_calendar_header_and_crlf(seed_events):
    text = to_ics(seed_events, dtstamp=STAMP)
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"]) == "-//iop//EN"
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))


def test_uids_are_stable_across_exports_and_change_with_the_date(seed_events):
    first = [str(e["UID"]) for e in vevents(to_ics(seed_events, dtstamp=STAMP))]
    again = [str(e["UID"]) for e in vevents(to_ics(list(seed_events), dtstamp=STAMP + timedelta(days=30)))]
    assert first == again
    moved = {**seed_events[0], "date": "2025-04-01"}
    assert event_uid(moved) != event_uid(seed_events[0])


def test_special_characters_and_long_text_survive():
    what = "Återrapport; ekonomi, verksamhet\\bilaga\nrad två " + "långt ord " * 20
    event = {"partnership_id": "linkoping-brottsofferjouren-2023", "date": "2025-03-31", "what": what,
             "kind": "duty", "municipality": "Linköpings kommun", "source": "001_692772294e1dab0e.txt"}
    text = to_ics([event], dtstamp=STAMP)
    assert "\\;" in text and "\\," in text and "\\\\" in text and "\\n" in text
    [parsed] = vevents(text)
    assert str(parsed["SUMMARY"]) == f"{what} (linkoping-brottsofferjouren-2023)"
    assert "Linköpings kommun" in str(parsed["DESCRIPTION"])
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))


def test_no_events_is_still_a_valid_calendar():
    text = to_ics([], dtstamp=STAMP)
    assert vevents(text) == []
    assert icalendar.Calendar.from_ical(text).name == "VCALENDAR"


def test_an_event_without_a_usable_date_is_left_out():
    text = to_ics([{"partnership_id": "p", "date": "snart", "what": "x", "kind": "duty"},
                   {"partnership_id": "p", "date": date(2025, 5, 1), "what": "y", "kind": "duty"}], dtstamp=STAMP)
    assert [str(e["SUMMARY"]) for e in vevents(text)] == ["y (p)"]
