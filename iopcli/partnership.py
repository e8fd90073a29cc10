"""The dates users act on, and the checks, for partnerships (record.md). Pure: `today` is passed in.

Words: uppsägningstid is the notice period (months or weeks before the end by which a party must
say it wants out); an automatic renewal (`förlängs automatiskt med ett år i taget`) runs in terms,
each of which can be stopped by notice by a yearly day (`senast den 30 september respektive år`);
an option (`möjlighet till förlängning`) needs a decision before the end.

All functions take the partnership (or period) dicts of record.md, whose dates are ISO strings,
and give `datetime.date`s, except where they build dicts for output (ISO strings again).
"""
from __future__ import annotations

import functools

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from iopcli.extractors.dates import period_end, safe_date
from iopcli.extractors.orgnumbers import luhn_ok
from iopcli.ocrtext import is_low

# Agreements renew at most this many terms when no latest end is stated (a guard, not a rule).
MAX_TERMS = 200
# Document types that show the partnership was decided: the agreement itself or a protocol.
DECIDED_TYPES = ("overenskommelse", "protokoll")
# Roles whose amounts must add up: public + civil contributions = total.
CONTRIBUTION_ROLES = ("public_contribution", "civil_contribution")


# --- small helpers ------------------------------------------------------------------------------

def as_date(value) -> date | None:
    """Give a date from an ISO string or a date; None for anything else. Never raises.

    >>> as_date("2025-12-31"), as_date(date(2025, 1, 1)), as_date("31 dec"), as_date(None)
    (datetime.date(2025, 12, 31), datetime.date(2025, 1, 1), None, None)
    """
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def iso(value: date | None) -> str | None:
    """Give the ISO form of a date, or None."""
    return value.isoformat() if value else None


@functools.lru_cache(maxsize=4096)  # partnerships share their ends and notice periods
def before_end(end: date, months: int | None = None, weeks: int | None = None) -> date | None:
    """Give the last day to give notice so that `months` (or `weeks`) of notice run out on `end`.

    Counted from the day after the end, so month ends stay month ends.

    >>> before_end(date(2025, 12, 31), months=6)
    datetime.date(2025, 6, 30)
    >>> before_end(date(2024, 8, 31), months=6), before_end(date(2025, 8, 31), months=6)
    (datetime.date(2024, 2, 29), datetime.date(2025, 2, 28))
    >>> before_end(date(2025, 6, 15), months=3)
    datetime.date(2025, 3, 15)
    >>> before_end(date(2025, 12, 31), weeks=4)
    datetime.date(2025, 12, 3)
    >>> before_end(date(2025, 12, 31)) is None
    True
    """
    if months:
        return end + timedelta(days=1) - relativedelta(months=int(months)) - timedelta(days=1)
    if weeks:
        return end - timedelta(weeks=int(weeks))
    return None


def yearly_day_on_or_before(month_day: str, limit: date) -> date | None:
    """Give the last `MM-DD` on or before `limit` (29 February falls back to the 28th).

    >>> yearly_day_on_or_before("09-30", date(2025, 12, 31)), yearly_day_on_or_before("09-30", date(2026, 3, 31))
    (datetime.date(2025, 9, 30), datetime.date(2025, 9, 30))
    >>> yearly_day_on_or_before("02-29", date(2025, 12, 31)), yearly_day_on_or_before("13-01", date(2025, 1, 1))
    (datetime.date(2025, 2, 28), None)
    """
    parsed = _month_day(month_day)
    if not parsed:
        return None
    for year in (limit.year, limit.year - 1):
        day = safe_date(year, *parsed) or safe_date(year, parsed[0], parsed[1] - 1)
        if day and day <= limit:
            return day
    return None


def yearly_days(month_day: str, first: date, last: date) -> list[date]:
    """Give every `MM-DD` from `first` to `last`, both included.

    >>> [d.isoformat() for d in yearly_days("03-31", date(2025, 4, 1), date(2027, 3, 31))]
    ['2026-03-31', '2027-03-31']
    """
    parsed = _month_day(month_day)
    if not parsed:
        return []
    days = []
    for year in range(first.year, last.year + 1):
        day = safe_date(year, *parsed) or safe_date(year, parsed[0], parsed[1] - 1)
        if day and first <= day <= last:
            days.append(day)
    return days


def _month_day(month_day: str | None) -> tuple[int, int] | None:
    try:
        month, day = (int(part) for part in str(month_day).split("-"))
    except (TypeError, ValueError):
        return None
    return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def period_months(start: date, end: date) -> int:
    """Give the length of a period from start to end (both included) in whole months, rounded.

    >>> period_months(date(2025, 1, 1), date(2030, 12, 31)), period_months(date(2023, 1, 1), date(2025, 12, 31))
    (72, 36)
    >>> period_months(date(2025, 4, 1), date(2025, 12, 31)), period_months(date(2024, 3, 1), date(2024, 3, 20))
    (9, 1)
    """
    delta = relativedelta(end + timedelta(days=1), start)
    months = delta.years * 12 + delta.months
    return months + (1 if delta.days >= 15 else 0)


# --- terms and notice ---------------------------------------------------------------------------

def _extension(period: dict) -> dict:
    return (period or {}).get("extension") or {}


def terms(period: dict, until: date | None = None) -> list[tuple[date | None, date]]:
    """Give the agreement's terms (start, end): the first period, then each automatic renewal.

    Renewal stops at max_end; without max_end it goes on until a term reaches `until`.

    >>> p = {"start": "2025-04-01", "end": "2025-12-31",
    ...      "extension": {"kind": "automatic", "step_months": 12, "max_end": "2027-12-31"}}
    >>> [(s.isoformat(), e.isoformat()) for s, e in terms(p)]
    [('2025-04-01', '2025-12-31'), ('2026-01-01', '2026-12-31'), ('2027-01-01', '2027-12-31')]
    >>> terms({"start": "2025-01-01", "end": None})
    []
    """
    period = period or {}
    end = as_date(period.get("end"))
    if not end:
        return []
    found: list[tuple[date | None, date]] = [(as_date(period.get("start")), end)]
    extension = _extension(period)
    if extension.get("kind") != "automatic":
        return found
    step = int(extension.get("step_months") or 12)
    max_end = as_date(extension.get("max_end"))
    if not max_end and not until:
        return found
    while len(found) < MAX_TERMS:
        last_end = found[-1][1]
        if max_end and last_end >= max_end or not max_end and until and last_end >= until:
            break
        start = last_end + timedelta(days=1)
        term_end = period_end(start, step)
        found.append((start, min(term_end, max_end) if max_end else term_end))
    return found


def current_term(period: dict, today: date) -> dict | None:
    """Give the term running on `today` (the next one before the start, the last one after the end).

    Keys: start, end (dates), index (0 = the first period), next ({start, end} or None),
    max_end (the latest possible end), renews_automatically, final (no renewal after it).

    >>> p = {"start": "2025-04-01", "end": "2025-12-31",
    ...      "extension": {"kind": "automatic", "step_months": 12, "max_end": "2027-12-31", "notice_by": "09-30"}}
    >>> t = current_term(p, date(2026, 5, 1))
    >>> t["start"], t["end"], t["index"], t["next"]["end"], t["max_end"]
    (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), 1, datetime.date(2027, 12, 31), datetime.date(2027, 12, 31))
    >>> current_term(p, date(2029, 1, 1))["final"], current_term({"end": None}, date(2025, 1, 1))
    (True, None)
    """
    period = period or {}
    extension = _extension(period)
    automatic = extension.get("kind") == "automatic"
    found = terms(period, until=today + relativedelta(years=1) if automatic else None)
    if not found:
        return None
    index = next((i for i, (_, end) in enumerate(found) if end >= today), len(found) - 1)
    start, end = found[index]
    following = found[index + 1] if index + 1 < len(found) else None
    if automatic and following is None and not extension.get("max_end") and end >= today:
        following_start = end + timedelta(days=1)
        following = (following_start, period_end(following_start, int(extension.get("step_months") or 12)))
    if automatic:
        max_end = as_date(extension.get("max_end"))
    elif extension.get("kind") == "option":
        max_end = as_date(extension.get("max_end")) or as_date(period.get("end"))
    else:
        max_end = as_date(period.get("end"))
    return {
        "start": start, "end": end, "index": index,
        "next": {"start": following[0], "end": following[1]} if following else None,
        "max_end": max_end, "renews_automatically": automatic and following is not None,
        "final": following is None,
    }


def notice_deadline(period: dict, today: date | None = None) -> date | None:
    """Give the last day to give notice: before the end, or before the current term renews.

    Without `today` an automatic renewal is taken in its first term.

    >>> notice_deadline({"start": "2023-01-01", "end": "2025-12-31", "notice_months": 6})
    datetime.date(2025, 6, 30)
    >>> notice_deadline({"end": "2025-12-31", "notice_weeks": 4})
    datetime.date(2025, 12, 3)
    >>> p = {"start": "2025-04-01", "end": "2025-12-31",
    ...      "extension": {"kind": "automatic", "step_months": 12, "max_end": "2027-12-31", "notice_by": "09-30"}}
    >>> notice_deadline(p), notice_deadline(p, date(2026, 2, 1)), notice_deadline(p, date(2027, 2, 1))
    (datetime.date(2025, 9, 30), datetime.date(2026, 9, 30), None)
    >>> notice_deadline({"start": "2025-01-01", "end": None, "notice_months": 3}) is None
    True
    """
    period = period or {}
    extension = _extension(period)
    months, weeks = period.get("notice_months"), period.get("notice_weeks")
    if extension.get("kind") == "automatic":
        reference = today or as_date(period.get("start")) or as_date(period.get("end"))
        term = current_term(period, reference) if reference else None
        if not term:
            return None
        if term["final"]:
            return before_end(term["end"], months, weeks)
        if extension.get("notice_by"):
            return yearly_day_on_or_before(extension["notice_by"], term["end"])
        return before_end(term["end"], months, weeks)
    end = as_date(period.get("end"))
    if not end:
        return None
    deadline = before_end(end, months, weeks)
    if not deadline and extension.get("notice_by"):
        deadline = yearly_day_on_or_before(extension["notice_by"], end)
    return deadline


def decision_due(period: dict) -> date | None:
    """Give the day a decision to use an option to extend is due: the notice deadline, else the end.

    >>> decision_due({"start": "2025-01-01", "end": "2030-12-31",
    ...               "extension": {"kind": "option", "step_months": 60, "max_end": "2035-12-31"}})
    datetime.date(2030, 12, 31)
    >>> decision_due({"end": "2030-12-31", "notice_months": 6, "extension": {"kind": "option"}})
    datetime.date(2030, 6, 30)
    >>> decision_due({"end": "2030-12-31"}) is None
    True
    """
    period = period or {}
    if _extension(period).get("kind") != "option":
        return None
    return notice_deadline(period) or as_date(period.get("end"))


def renewal(period: dict, today: date) -> dict | None:
    """Give the renewal terms as of today, JSON-ready: current and next term, max_end, decision due.

    >>> renewal({"start": "2023-01-01", "end": "2025-12-31"}, date(2025, 1, 1)) is None
    True
    """
    extension = _extension(period)
    if extension.get("kind") not in ("automatic", "option"):
        return None
    term = current_term(period, today)
    if not term:
        return None
    return {
        "kind": extension["kind"],
        "current_term": {"start": iso(term["start"]), "end": iso(term["end"])},
        "next_term": {k: iso(v) for k, v in term["next"].items()} if term["next"] else None,
        "max_end": iso(term["max_end"]),
        "renews_automatically": term["renews_automatically"],
        "decision_due": iso(decision_due(period)),
        "notice_by": extension.get("notice_by"),
    }


# --- status -------------------------------------------------------------------------------------

def is_decided(partnership: dict) -> bool:
    """True when an agreement or a protocol is among the documents (a proposal alone is not)."""
    return any(d.get("doc_type") in DECIDED_TYPES for d in partnership.get("documents") or [])


def status(partnership: dict, today: date, window_months: int = 6) -> str:
    """Give draft | active | expiring | ended as of today.

    draft: no agreement or protocol among the documents, and the proposed start is in the future
    (or unknown). A proposal alone whose period has started counts as decided: the decision is
    typically taken and its protocol simply not ingested. expiring: the current term ends, or a
    notice or option decision is due, within `window_months`. An agreement without an end runs.

    >>> p = {"period": {"start": "2023-01-01", "end": "2025-12-31", "notice_months": 6},
    ...      "documents": [{"doc_type": "overenskommelse"}]}
    >>> [status(p, date(*d)) for d in ((2023, 3, 1), (2025, 3, 1), (2025, 8, 1), (2026, 1, 1))]
    ['active', 'expiring', 'expiring', 'ended']
    >>> status({"period": {"start": "2027-01-01", "end": "2028-12-31"}, "documents": [{"doc_type": "tjansteskrivelse"}]}, date(2026, 1, 1))
    'draft'
    """
    period = partnership.get("period") or {}
    start = as_date(period.get("start"))
    if not is_decided(partnership) and (start is None or start > today):
        return "draft"
    term = current_term(period, today)
    if term is None:
        return "active"
    if term["end"] < today:
        return "ended"
    horizon = today + relativedelta(months=window_months)
    due = [d for d in (notice_deadline(period, today), decision_due(period)) if d and today <= d <= horizon]
    if term["end"] <= horizon or due:
        return "expiring"
    return "active"


def annotate(partnership: dict, today: date | None, window_months: int = 6) -> dict:
    """Give a copy of the partnership with notice_deadline, status and renewal as of today.

    Without today: the notice deadline of the first term, status None.
    """
    annotated = dict(partnership)
    period = partnership.get("period") or {}
    annotated["notice_deadline"] = iso(notice_deadline(period, today))
    annotated["status"] = status(partnership, today, window_months) if today else None
    reference = today or as_date(period.get("start")) or as_date(period.get("end"))
    annotated["renewal"] = renewal(period, reference) if reference else None
    return annotated


# --- listings -----------------------------------------------------------------------------------

def expiring(partnerships: list[dict], before: date, after: date | None = None,
             today: date | None = None) -> list[dict]:
    """Give the partnerships whose term ends before `before` (and on or after `after`).

    The term is the one running today; for a window that lies in the past, the one running on its
    last day, so that asking late in 2026 what ended before 2026-01-01 also finds an agreement that
    renewed automatically at that new year (`renewed_to` then says until when it now runs).
    Soonest first; each a copy of the partnership with: end (of that term), days_left,
    notice_deadline, notice_passed, renews_automatically, renewal, status, notice_note.
    Ended agreements are included unless `after` leaves them out.
    """
    today = today or date.today()
    found = []
    for partnership in partnerships:
        period = partnership.get("period") or {}
        term = current_term(period, min(today, before - timedelta(days=1)))
        if not term or term["end"] >= before or (after and term["end"] < after):
            continue
        item = annotate(partnership, today)
        deadline = as_date(item["notice_deadline"])
        item.update({
            "end": iso(term["end"]),
            "term_start": iso(term["start"]),
            "days_left": (term["end"] - today).days,
            "notice_passed": bool(deadline and deadline < today),
            "renews_automatically": term["renews_automatically"],
            "next_term": {k: iso(v) for k, v in term["next"].items()} if term["next"] else None,
            "max_end": iso(term["max_end"]),
        })
        running = current_term(period, today)
        item["renewed_to"] = iso(running["end"]) if running and running["end"] > term["end"] and running["start"] <= today else None
        item["notice_note"] = _notice_note(item, deadline, today)
        found.append(item)
    return sorted(found, key=lambda p: (p["end"], p.get("id") or ""))


def _notice_note(item: dict, deadline: date | None, today: date) -> str:
    notes = []
    if item.get("renewed_to"):
        return f"renewed automatically; now runs until {item['renewed_to']}"
    if deadline:
        notes.append("passed" if deadline < today else f"{(deadline - today).days} days left")
    if item["renews_automatically"]:
        notes.append("renews automatically" + (f" until {item['max_end']}" if item.get("max_end") else ""))
    elif (item.get("renewal") or {}).get("kind") == "option":
        notes.append(f"option to extend, decide by {item['renewal']['decision_due']}")
    return "; ".join(notes)


def deadlines(partnerships, after: date | None = None, before: date | None = None,
              today: date | None = None) -> list[dict]:
    """Give every dated duty, notice deadline, option decision and next recurring duty, soonest
    first (iopcli.deadlines.deadlines, kept here for the callers of this module)."""
    from iopcli.deadlines import deadlines as listed

    return listed(partnerships, after=after, before=before, today=today)


# --- checks -------------------------------------------------------------------------------------

def stated_duration_warning(period: dict, source: str | None = None) -> str | None:
    """Give a warning when the duration the text states does not match the period's dates.

    >>> stated_duration_warning({"start": "2025-01-01", "end": "2030-12-31", "stated_months": 60}, "004.txt")
    '004.txt: the text states a duration of 60 months (5 years) but 2025-01-01 – 2030-12-31 is 72 months (6 years)'
    >>> stated_duration_warning({"start": "2023-01-01", "end": "2025-12-31", "stated_months": 36}) is None
    True
    """
    period = period or {}
    start, end, stated = as_date(period.get("start")), as_date(period.get("end")), period.get("stated_months")
    if not (start and end and stated) or end < start:
        return None
    actual = period_months(start, end)
    if actual == stated:
        return None
    prefix = f"{source}: " if source else ""
    return (f"{prefix}the text states a duration of {stated} months{_years(stated)} but "
            f"{start} – {end} is {actual} months{_years(actual)}")


def _years(months: int) -> str:
    return f" ({months // 12} years)" if months % 12 == 0 and months >= 12 else ""


def contribution_warnings(amounts: list[dict], source: str | None = None) -> list[str]:
    """Give a warning for each `per` where public + civil contributions differ from the stated total.

    >>> a = [{"sek": 813514, "per": "year", "role": "total"}, {"sek": 472200, "per": "year", "role": "public_contribution"},
    ...      {"sek": 341314, "per": "year", "role": "civil_contribution"}]
    >>> contribution_warnings(a)
    []
    >>> contribution_warnings(a[:2] + [{"sek": 341000, "per": "year", "role": "civil_contribution"}])
    ['contributions 472 200 + 341 000 = 813 200 kr per year do not add up to the stated total 813 514 kr']
    """
    warnings = []
    pers = sorted({a.get("per") or "" for a in amounts or []})
    for per in pers:
        same = [a for a in amounts if (a.get("per") or "") == per and isinstance(a.get("sek"), (int, float))]
        totals = sorted({a["sek"] for a in same if a.get("role") == "total"})
        parts = {role: [a["sek"] for a in same if a.get("role") == role] for role in CONTRIBUTION_ROLES}
        if len(totals) != 1 or not all(parts.values()):
            continue
        values = [v for role in CONTRIBUTION_ROLES for v in parts[role]]
        total = totals[0]
        if abs(sum(values) - total) > _rounding(total):
            prefix = f"{source}: " if source else ""
            per_text = f" per {per}" if per and per != "total" else ""
            warnings.append(f"{prefix}contributions {' + '.join(_kr(v) for v in values)} = {_kr(sum(values))} kr"
                            f"{per_text} do not add up to the stated total {_kr(total)} kr")
    return warnings


def _rounding(total) -> float:
    """Give how far a sum may miss a total that was rounded (`813 tkr`, `1,2 miljoner`): at most 1 %.

    >>> _rounding(813514), _rounding(813000), _rounding(1200000), _rounding(800000)
    (1, 500.0, 12000.0, 8000.0)
    """
    unit = 1
    while unit < 100_000 and total and int(total) % (unit * 10) == 0:
        unit *= 10
    return min(unit / 2, total / 100) if unit >= 1000 else 1


def _kr(sek) -> str:
    return f"{int(sek):,}".replace(",", " ")


def org_number_warnings(party: dict) -> list[str]:
    """Give warnings for an org number that fails Luhn or whose first digit contradicts the sector.

    >>> org_number_warnings({"name": "Brovi", "sector": "civil", "org_number": "822004-0418"})
    ['org number 822004-0418 of Brovi fails the Luhn check']
    >>> org_number_warnings({"name": "Jouren", "sector": "civil", "org_number": "212000-0449"})
    ['org number 212000-0449 of Jouren starts with 2 (a public body) but Jouren is a civil-society party']
    >>> org_number_warnings({"name": "X kommun", "sector": "public", "org_number": "212000-0449"})
    []
    """
    number = party.get("org_number")
    if not number:
        return []
    name = party.get("name") or "?"
    warnings = []
    if party.get("org_number_valid") is False or not luhn_ok(number):
        warnings.append(f"org number {number} of {name} fails the Luhn check")
    first = str(number).strip()[:1]
    if party.get("sector") == "civil" and first == "2":
        warnings.append(f"org number {number} of {name} starts with 2 (a public body) but {name} is a civil-society party")
    elif party.get("sector") == "public" and first.isdigit() and first != "2":
        warnings.append(f"org number {number} of {name} starts with {first}, not 2 (a public body), but {name} is the public party")
    return warnings


def scan_warnings(record: dict) -> list[str]:
    """Give a warning for each page of a document that OCR read with low confidence (ocrtext.is_low).

    >>> scan_warnings({"source": "avtal-skannat.pdf", "page_confidence": [91, 54, None]})
    ['avtal-skannat.pdf: page 2 read by OCR with low confidence (54%); check its facts against the paper']
    >>> scan_warnings({"source": "avtal.pdf", "page_confidence": []})
    []
    """
    return [f"{record.get('source') or '?'}: page {page} read by OCR with low confidence ({confidence}%); "
            "check its facts against the paper"
            for page, confidence in enumerate(record.get("page_confidence") or [], 1) if is_low(confidence)]


def check_partnership(partnership: dict) -> list[str]:
    """Give the warnings one can see in a partnership record alone (link adds those that need documents).

    Stated duration vs dates, contributions vs total, org numbers, an agreement with no end and no
    notice period, a proposal with no agreement.
    """
    warnings = []
    period = partnership.get("period") or {}
    governing = partnership.get("governing")
    warning = stated_duration_warning(period, governing)
    if warning:
        warnings.append(warning)
    warnings.extend(contribution_warnings(partnership.get("amounts") or [], governing))
    for party in partnership.get("parties") or []:
        warnings.extend(org_number_warnings(party))
    types = {d.get("doc_type") for d in partnership.get("documents") or []}
    if "overenskommelse" in types and not period.get("end") and not period.get("notice_months") \
            and not period.get("notice_weeks") and not period.get("extension"):
        warnings.append("the agreement has no end date and no notice period (uppsägningstid)")
    if "tjansteskrivelse" in types and "overenskommelse" not in types:
        warnings.append("a proposal (tjänsteskrivelse) but no agreement (överenskommelse) among the documents")
    return warnings


def check(partnerships: list[dict]) -> list[tuple[str, str]]:
    """Give (partnership id, warning) for every warning of every partnership, without repeats."""
    found = []
    for partnership in partnerships:
        pid = partnership.get("id") or ""
        seen = set()
        for warning in [*(partnership.get("warnings") or []), *check_partnership(partnership)]:
            if warning not in seen:
                seen.add(warning)
                found.append((pid, warning))
    return found
