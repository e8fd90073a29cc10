"""The dates to act on: dated duties, notice deadlines, option decisions and recurring duties. Pure.

A partnership's dates are first turned into rules (date_rules), which do not depend on the day
asked: one date (a duty, a notice deadline, an option decision), every notice day of an automatic
renewal (`terms`), or a yearly day (`yearly`, a recurring duty). The catalogue stores the rules of
each partnership with the first and last day they can fall on (partnership_dates), so that
`iop deadlines` reads only the rules that can fall in its window, and expands them (occurrences).
`deadlines()` does both steps from the partnerships themselves.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from iopcli.partnership import _extension, as_date, before_end, decision_due, terms, yearly_day_on_or_before, yearly_days

RECURRING_YEARS = 10  # a recurring duty with no end in sight is listed this many years ahead


def date_rules(partnership: dict) -> list[dict]:
    """Give the rules of a partnership's dates, each {kind, what, source, series, first, last, …}.

    first/last bound the days the rule can fall on (ISO, None: unbounded).

    >>> p = {"period": {"start": "2025-01-01", "end": "2025-12-31", "notice_months": 3,
    ...                 "extension": {"kind": "automatic", "step_months": 12}},
    ...      "deadlines": [{"date": "2025-03-31", "what": "Återrapport"}],
    ...      "recurring": [{"what": "Verksamhetsberättelse", "day": "03-31"}]}
    >>> [(r["series"], r["kind"], r["first"], r["last"]) for r in date_rules(p)]
    [('one', 'duty', '2025-03-31', '2025-03-31'), ('terms', 'notice', '2025-09-30', None), ('yearly', 'recurring', '2025-01-01', None)]
    """
    period = partnership.get("period") or {}
    extension = _extension(period)
    rules = []

    def one(day: date, what: str, kind: str, source: str | None = None) -> None:
        rules.append({"series": "one", "kind": kind, "what": what, "source": source, "date": day.isoformat(),
                      "first": day.isoformat(), "last": day.isoformat()})

    for duty in partnership.get("deadlines") or []:
        day = as_date(duty.get("date"))
        if day:
            one(day, duty.get("what") or "", "duty", duty.get("source"))
    end = as_date(period.get("end"))
    fixed = terms(period) if extension.get("kind") != "automatic" or extension.get("max_end") else None
    if extension.get("kind") == "automatic":
        first_notice = _notice_day(period, end) if end else None
        if first_notice:
            rules.append({"series": "terms", "kind": "notice", "what": None, "source": None, "period": period,
                          "first": first_notice.isoformat(),
                          "last": fixed[-1][1].isoformat() if fixed else None})
    else:
        day = before_end(end, period.get("notice_months"), period.get("notice_weeks")) if end else None
        if day:
            one(day, f"Last day to give notice (uppsägning) before the end {end}", "notice")
        due = decision_due(period)
        if extension.get("kind") == "option" and due:
            one(due, f"Decide whether to use the option to extend beyond {end}", "option")
    start = as_date(period.get("start"))
    for duty in partnership.get("recurring") or []:
        if duty.get("day"):
            rules.append({"series": "yearly", "kind": "recurring", "what": duty.get("what") or "",
                          "source": duty.get("source"), "day": duty["day"], "period": period,
                          "first": start.isoformat() if start else None,
                          "last": fixed[-1][1].isoformat() if fixed else None})
    return rules


def _notice_day(period: dict, term_end: date) -> date | None:
    extension = _extension(period)
    if extension.get("notice_by"):
        return yearly_day_on_or_before(extension["notice_by"], term_end)
    return before_end(term_end, period.get("notice_months"), period.get("notice_weeks"))


def occurrences(rule: dict, first: date, before: date | None) -> list[tuple[date, str]]:
    """Give the (day, what) of a rule from `first` up to, not including, `before`. Without
    `before`, a repeating rule gives only its next day.

    >>> rule = date_rules({"period": {"end": "2025-12-31", "notice_months": 3,
    ...                               "extension": {"kind": "automatic", "step_months": 12}}})[0]
    >>> [d.isoformat() for d, _ in occurrences(rule, date(2025, 1, 1), date(2028, 1, 1))]
    ['2025-09-30', '2026-09-30', '2027-09-30']
    >>> [d.isoformat() for d, _ in occurrences(rule, date(2026, 1, 1), None)]
    ['2026-09-30']
    """
    def in_range(day: date | None) -> bool:
        return bool(day) and first <= day and (before is None or day < before)

    if rule["series"] == "one":
        day = date.fromisoformat(rule["date"])
        return [(day, rule["what"])] if in_range(day) else []
    period = rule["period"]
    all_terms = terms(period, until=(before or first) + relativedelta(years=1))
    found = []
    if rule["series"] == "terms":
        max_end = _extension(period).get("max_end")
        for index, (_, term_end) in enumerate(all_terms):
            if index == len(all_terms) - 1 and max_end:
                break  # the last term ends by itself: nothing to stop
            day = _notice_day(period, term_end)
            if in_range(day):
                found.append((day, f"Last day to give notice (uppsägning) before the renewal after {term_end}"))
    else:
        start = as_date(period.get("start"))
        last = all_terms[-1][1] if all_terms else None
        low = max(first, start) if start else first
        high = min(d for d in (last, before - timedelta(days=1) if before else None,
                               low + relativedelta(years=RECURRING_YEARS)) if d)
        found = [(day, rule["what"]) for day in yearly_days(rule["day"], low, high)]
    return found if before else found[:1]


def events(rules: Iterable[tuple[dict, dict]], first: date, before: date | None) -> list[dict]:
    """Give the events of (rule, partnership fields) pairs in a window, unique, soonest first.

    Each: {partnership_id, date, what, kind, municipality, source}.
    """
    unique = {}
    for rule, owner in rules:
        for day, what in occurrences(rule, first, before):
            event = {"partnership_id": owner.get("id") or "", "date": day.isoformat(), "what": what,
                     "kind": rule["kind"], "municipality": owner.get("municipality"), "source": rule.get("source")}
            unique[(event["partnership_id"], event["date"], event["kind"], event["what"])] = event
    return sorted(unique.values(), key=lambda e: (e["date"], e["partnership_id"], e["kind"], e["what"]))


def deadlines(partnerships: Iterable[dict], after: date | None = None, before: date | None = None,
              today: date | None = None) -> list[dict]:
    """Give every dated duty, notice deadline, option decision and next recurring duty, soonest first.

    From `after` (default today) up to, not including, `before`. Without `before`, a repeating date
    (a recurring duty's day, an automatic renewal's yearly notice day) gives only its next occurrence.
    Each: {partnership_id, date, what, kind, municipality, source}; kind is duty | notice | option | recurring.
    """
    first = after or today or date.today()
    return events(((rule, p) for p in partnerships for rule in date_rules(p)), first, before)
