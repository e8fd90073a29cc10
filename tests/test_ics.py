"""The calendar (`iop deadlines --ics`), parsed back by a real iCalendar parser (`icalendar`)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pytest

from iopcli import partnership as pt
from iopcli.ics import event_uid, to_ics
from iopcli.linker import link

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "gold" / "seeds.json"
STAMP = datetime(2025, 1, 2, 8, 30, tzinfo=timezone.utc)


def gold_records() -> list[dict]:
    """The hand-filled records of ../shared/gold; the test is skipped where it is not beside the checkout."""
    if not SEEDS.exists():
        pytest.skip("../shared/gold is not beside the checkout")
    return json.loads(SEEDS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_partnerships() -> list[dict]:
    return link(gold_records())


def vevents(text: str) -> list:
    return [c for c in icalendar.Calendar.from_ical(text).walk() if c.name == "VEVENT"]


def agreement(**period) -> dict:
    return {"id": "x-jouren-2025", "municipality": "Ystads kommun",
            "parties": [{"name": "Ystads kommun", "sector": "public"}, {"name": "Jouren i Ystad", "sector": "civil"}],
            "period": {"start": "2025-01-01", "end": "2025-12-31", **period},
            "recurring": [{"what": "Verksamhetsberättelse", "times_per_year": 1, "day": "03-31", "source": "a.pdf"}]}


def test_every_dated_event_of_the_seeds_is_in_the_calendar_once(seed_partnerships):
    first, before = date(2025, 1, 1), date(2028, 1, 1)
    events = [e for e in pt.deadlines(seed_partnerships, after=first, before=before, today=first)
              if e["kind"] != "recurring"]
    parsed = vevents(to_ics(seed_partnerships, after=first, before=before, dtstamp=STAMP))
    single = sorted(e.decoded("dtstart").isoformat() for e in parsed if "RRULE" not in e)
    assert single == sorted(e["date"] for e in events)
    assert len({str(e["UID"]) for e in parsed}) == len(parsed)


def test_every_notice_day_of_an_automatic_renewal_is_listed_without_before():
    """The Stockholm case: renewing yearly, its notice day of 2026 is as much a date as 2025's."""
    partnership = agreement(notice_months=3, extension={"kind": "automatic", "term_months": 12,
                                                          "max_end": "2027-12-31"})
    days = sorted(e.decoded("dtstart") for e in vevents(to_ics([partnership], after=date(2025, 1, 1), dtstamp=STAMP))
                  if "RRULE" not in e)
    assert days == [date(2025, 9, 30), date(2026, 9, 30)]


def test_a_recurring_duty_is_one_event_with_a_yearly_rule_until_the_last_day_it_can_run():
    partnership = agreement(extension={"kind": "automatic", "term_months": 12, "max_end": "2027-12-31"})
    [rule] = [e for e in vevents(to_ics([partnership], after=date(2025, 1, 1), dtstamp=STAMP)) if "RRULE" in e]
    assert rule.decoded("dtstart") == date(2025, 3, 31)
    recur = rule["RRULE"]
    assert recur["FREQ"] == ["YEARLY"] and recur["UNTIL"][0] in (date(2027, 12, 31), datetime(2027, 12, 31))


def test_titles_are_swedish_and_name_the_civil_party():
    partnership = agreement(notice_months=3)
    summaries = sorted(str(e["SUMMARY"]) for e in vevents(to_ics([partnership], after=date(2025, 1, 1), dtstamp=STAMP)))
    assert summaries == ["Sista dag för uppsägning av IOP – Jouren i Ystad", "Verksamhetsberättelse – Jouren i Ystad"]


def test_reminders_are_alarms_before_each_event():
    text = to_ics([agreement(notice_months=3)], after=date(2025, 1, 1), reminders=[30, 7], dtstamp=STAMP)
    for event in vevents(text):
        alarms = [c for c in event.subcomponents if c.name == "VALARM"]
        assert sorted(a.decoded("trigger") for a in alarms) == [timedelta(days=-30), timedelta(days=-7)]
        assert all(str(a["ACTION"]) == "DISPLAY" for a in alarms)


def test_uids_are_stable_across_exports_and_change_with_the_date(seed_partnerships):
    first = [str(e["UID"]) for e in vevents(to_ics(seed_partnerships, after=date(2025, 1, 1), dtstamp=STAMP))]
    again = [str(e["UID"]) for e in vevents(to_ics(seed_partnerships, after=date(2025, 1, 1),
                                                   dtstamp=STAMP + timedelta(days=30)))]
    assert first == again and first
    event = {"partnership_id": "p", "kind": "notice", "what": "x", "date": "2025-06-30"}
    assert event_uid(event) != event_uid({**event, "date": "2025-07-01"})


def test_special_characters_and_long_text_survive():
    what = "Möten; operativa, strategiska \\ och en mycket lång rad som måste vikas " * 3
    partnership = agreement()
    partnership["recurring"] = [{"what": what, "times_per_year": 1, "day": "06-01"}]
    text = to_ics([partnership], after=date(2025, 1, 1), dtstamp=STAMP)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    [event] = vevents(text)
    assert str(event["SUMMARY"]) == f"{what} – Jouren i Ystad"


def test_no_events_is_still_a_valid_calendar():
    text = to_ics([], after=date(2025, 1, 1), dtstamp=STAMP)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert vevents(text) == []


def test_the_calendar_file_is_utf8_on_a_cp1252_console(tmp_path):
    """Windows: the console's code page must not reach the file (Å as byte 0xC5 broke it)."""
    env = {**os.environ, "IOP_DB": str(tmp_path / "c.db"), "PYTHONIOENCODING": "cp1252", "PYTHONPATH": str(ROOT)}
    run = lambda *args, **kw: subprocess.run([sys.executable, "-m", "iopcli", *args], env=env, cwd=tmp_path,
                                             capture_output=True, timeout=300, **kw)
    assert run("ingest", str(ROOT / "samples"), "--ocr", "never", "-q").returncode == 0
    assert run("deadlines", "--ics", "--after", "2025-01-01", "--remind", "30d", "-o", "x.ics").returncode == 0
    piped = run("deadlines", "--ics", "--after", "2025-01-01", "--remind", "30d")
    assert piped.returncode == 0, piped.stderr
    for data in ((tmp_path / "x.ics").read_bytes(), piped.stdout):
        text = data.decode("utf-8")
        events = vevents(text)
        assert any("Stockholm" in str(e["SUMMARY"]) and e.decoded("dtstart") == date(2026, 9, 30) for e in events)
        assert all(any(c.name == "VALARM" for c in e.subcomponents) for e in events)
