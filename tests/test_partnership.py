"""Dates users act on (notice, renewal, status, expiring, deadlines) and the checks of partnerships."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from iopcli import partnership as pt
from iopcli.linker import link

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "gold" / "seeds.json"
STOCKHOLM = {"start": "2025-04-01", "end": "2025-12-31", "notice_months": None,
             "extension": {"kind": "automatic", "step_months": 12, "max_end": "2027-12-31", "notice_by": "09-30"}}


def gold_records() -> list[dict]:
    """The hand-filled records of ../shared/gold; the test is skipped where it is not beside the checkout."""
    if not SEEDS.exists():
        pytest.skip("../shared/gold is not beside the checkout")
    return json.loads(SEEDS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_partnerships() -> list[dict]:
    return link(gold_records())


# --- notice and renewal arithmetic ---------------------------------------------------------------

@pytest.mark.parametrize("period, today, expected", [
    pytest.param({"end": "2025-12-31", "notice_months": 6}, None, "2025-06-30", id="seed001-six-months"),
    pytest.param({"end": "2024-08-31", "notice_months": 6}, None, "2024-02-29", id="own-leap-year-month-end"),
    pytest.param({"end": "2025-08-31", "notice_months": 6}, None, "2025-02-28", id="own-month-end"),
    pytest.param({"end": "2025-04-30", "notice_months": 2}, None, "2025-02-28", id="own-april-end"),
    pytest.param({"end": "2025-06-15", "notice_months": 3}, None, "2025-03-15", id="own-mid-month"),
    pytest.param({"end": "2025-12-31", "notice_months": 12}, None, "2024-12-31", id="own-a-year"),
    pytest.param({"end": "2025-12-31", "notice_weeks": 4}, None, "2025-12-03", id="own-weeks"),
    pytest.param({"end": "2024-03-14", "notice_weeks": 2}, None, "2024-02-29", id="own-weeks-leap"),
    pytest.param({"end": None, "notice_months": 3}, None, None, id="own-open-ended"),
    pytest.param({"end": "2025-12-31"}, None, None, id="own-no-notice"),
    pytest.param(STOCKHOLM, None, "2025-09-30", id="seed003-first-term"),
    pytest.param(STOCKHOLM, date(2025, 10, 1), "2025-09-30", id="seed003-passed-in-term"),
    pytest.param(STOCKHOLM, date(2026, 1, 2), "2026-09-30", id="seed003-second-term"),
    pytest.param(STOCKHOLM, date(2027, 6, 1), None, id="seed003-final-term"),
    pytest.param({**STOCKHOLM, "extension": {**STOCKHOLM["extension"], "notice_by": None}, "notice_months": 3},
                 date(2026, 5, 1), "2026-09-30", id="own-automatic-months"),
    pytest.param({"start": "2024-03-01", "end": "2025-02-28", "notice_months": None,
                  "extension": {"kind": "automatic", "step_months": 12, "max_end": None, "notice_by": "02-29"}},
                 date(2027, 6, 1), "2028-02-29", id="own-leap-notice-day-unbounded"),
])
def test_notice_deadline(period, today, expected):
    result = pt.notice_deadline(period, today)
    assert (result.isoformat() if result else None) == expected


@pytest.mark.parametrize("today, term, following, final", [
    pytest.param(date(2025, 1, 1), ("2025-04-01", "2025-12-31"), ("2026-01-01", "2026-12-31"), False, id="before-start"),
    pytest.param(date(2025, 12, 31), ("2025-04-01", "2025-12-31"), ("2026-01-01", "2026-12-31"), False, id="last-day"),
    pytest.param(date(2026, 1, 1), ("2026-01-01", "2026-12-31"), ("2027-01-01", "2027-12-31"), False, id="renewed"),
    pytest.param(date(2027, 3, 1), ("2027-01-01", "2027-12-31"), None, True, id="final"),
    pytest.param(date(2030, 3, 1), ("2027-01-01", "2027-12-31"), None, True, id="after-max-end"),
])
def test_current_term_of_automatic_renewal(today, term, following, final):
    current = pt.current_term(STOCKHOLM, today)
    assert (current["start"].isoformat(), current["end"].isoformat()) == term
    assert (tuple(v.isoformat() for v in current["next"].values()) if current["next"] else None) == following
    assert current["final"] is final
    assert current["max_end"] == date(2027, 12, 31)


def test_renewal_steps_keep_month_ends_and_cap_at_max_end():
    period = {"start": "2023-03-01", "end": "2024-02-29",
              "extension": {"kind": "automatic", "step_months": 6, "max_end": "2025-05-31"}}
    assert [(s.isoformat(), e.isoformat()) for s, e in pt.terms(period)] == [
        ("2023-03-01", "2024-02-29"), ("2024-03-01", "2024-08-31"), ("2024-09-01", "2025-02-28"),
        ("2025-03-01", "2025-05-31")]


def test_unbounded_automatic_renewal_runs_on():
    period = {"start": "2020-01-01", "end": "2020-12-31", "extension": {"kind": "automatic", "step_months": 12}}
    term = pt.current_term(period, date(2026, 7, 1))
    assert term["end"] == date(2026, 12, 31) and term["renews_automatically"] and not term["final"]
    assert pt.status({"period": period, "documents": [{"doc_type": "overenskommelse"}]}, date(2026, 3, 1)) == "active"


def test_option_decision_due():
    seed004 = {"start": "2025-01-01", "end": "2030-12-31", "notice_months": None,
               "extension": {"kind": "option", "step_months": 60, "max_end": "2035-12-31", "notice_by": None}}
    assert pt.decision_due(seed004) == date(2030, 12, 31)
    assert pt.decision_due({**seed004, "notice_months": 6}) == date(2030, 6, 30)
    assert pt.decision_due({**seed004, "extension": {**seed004["extension"], "notice_by": "03-31"}}) == date(2030, 3, 31)
    assert pt.renewal(seed004, date(2026, 1, 1))["max_end"] == "2035-12-31"


# --- status --------------------------------------------------------------------------------------

AGREEMENT = [{"doc_type": "overenskommelse"}]
PROPOSAL = [{"doc_type": "tjansteskrivelse"}]


@pytest.mark.parametrize("period, documents, today, expected", [
    pytest.param({"start": "2023-01-01", "end": "2025-12-31", "notice_months": 6}, AGREEMENT, date(2024, 1, 1), "active", id="seed001-running"),
    pytest.param({"start": "2023-01-01", "end": "2025-12-31", "notice_months": 6}, AGREEMENT, date(2025, 1, 15), "expiring", id="seed001-notice-due"),
    pytest.param({"start": "2023-01-01", "end": "2025-12-31"}, AGREEMENT, date(2025, 7, 1), "expiring", id="own-ends-in-window"),
    pytest.param({"start": "2023-01-01", "end": "2025-12-31"}, AGREEMENT, date(2025, 6, 30), "active", id="own-just-outside"),
    pytest.param({"start": "2023-01-01", "end": "2025-12-31"}, AGREEMENT, date(2026, 1, 1), "ended", id="own-ended"),
    pytest.param({"start": "2027-01-01", "end": "2029-12-31"}, PROPOSAL, date(2026, 1, 1), "draft", id="own-proposal-future"),
    pytest.param({"start": None, "end": None}, PROPOSAL, date(2026, 1, 1), "draft", id="own-proposal-undated"),
    pytest.param({"start": "2025-01-01", "end": "2030-12-31"}, PROPOSAL, date(2026, 1, 1), "active", id="seed004-proposal-started"),
    pytest.param({"start": "2027-01-01", "end": "2029-12-31"}, AGREEMENT, date(2026, 1, 1), "active", id="own-signed-future"),
    pytest.param({"start": "2020-01-01", "end": None, "notice_months": 3}, AGREEMENT, date(2026, 1, 1), "active", id="own-open-ended"),
    pytest.param(STOCKHOLM, PROPOSAL, date(2025, 5, 1), "expiring", id="seed003-notice-in-window"),
    pytest.param(STOCKHOLM, PROPOSAL, date(2026, 2, 1), "active", id="seed003-renewed"),
    pytest.param(STOCKHOLM, PROPOSAL, date(2028, 1, 1), "ended", id="seed003-after-max-end"),
])
def test_status(period, documents, today, expected):
    assert pt.status({"period": period, "documents": documents}, today) == expected


def test_status_window_is_a_parameter():
    p = {"period": {"start": "2023-01-01", "end": "2025-12-31"}, "documents": AGREEMENT}
    assert pt.status(p, date(2025, 3, 1), window_months=12) == "expiring"
    assert pt.status(p, date(2025, 3, 1), window_months=3) == "active"


# --- listings on the seeds -----------------------------------------------------------------------

def test_expiring_before_2026_lists_partnerships_1_and_2(seed_partnerships):
    found = pt.expiring(seed_partnerships, before=date(2026, 1, 1), today=date(2025, 6, 1))
    assert [p["id"] for p in found] == ["linkoping-brottsofferjouren-2023", "stockholm-brottsofferjouren-2025"]
    linkoping, stockholm = found
    assert (linkoping["end"], linkoping["days_left"], linkoping["notice_deadline"], linkoping["notice_passed"]) == \
        ("2025-12-31", 213, "2025-06-30", False)
    assert linkoping["renews_automatically"] is False
    assert stockholm["renews_automatically"] is True
    assert stockholm["notice_deadline"] == "2025-09-30"
    assert stockholm["next_term"] == {"start": "2026-01-01", "end": "2026-12-31"}
    assert stockholm["max_end"] == "2027-12-31"
    assert "renews automatically" in stockholm["notice_note"]


def test_expiring_marks_passed_notice_and_leaves_out_earlier_ends_with_after(seed_partnerships):
    found = pt.expiring(seed_partnerships, before=date(2026, 1, 1), today=date(2025, 11, 1))
    assert all(p["notice_passed"] for p in found)
    assert [p["days_left"] for p in found] == [60, 60]
    later = pt.expiring(seed_partnerships, before=date(2027, 1, 1), after=date(2026, 1, 1), today=date(2026, 2, 1))
    assert [p["id"] for p in later] == ["stockholm-brottsofferjouren-2025"]  # 1 ended 2025-12-31


def test_deadlines_soonest_first(seed_partnerships):
    events = pt.deadlines(seed_partnerships, after=date(2025, 1, 1), before=date(2028, 1, 1), today=date(2025, 1, 1))
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    summary = [(e["partnership_id"], e["date"], e["kind"]) for e in events]
    assert summary == [
        ("linkoping-brottsofferjouren-2023", "2025-03-31", "duty"),
        ("linkoping-brottsofferjouren-2023", "2025-06-30", "notice"),
        ("stockholm-brottsofferjouren-2025", "2025-09-30", "notice"),
        ("stockholm-brottsofferjouren-2025", "2026-09-30", "notice"),
    ]


def test_deadlines_include_option_decisions_and_recurring_days():
    p = {"id": "p", "period": {"start": "2025-01-01", "end": "2030-12-31", "notice_months": None,
                               "extension": {"kind": "option", "step_months": 60, "max_end": "2035-12-31"}},
         "deadlines": [], "recurring": [{"what": "Verksamhetsberättelse", "times_per_year": 1, "day": "03-31"},
                                        {"what": "Möten", "times_per_year": 2}]}
    upcoming = pt.deadlines([p], after=date(2025, 6, 1), today=date(2025, 6, 1))
    assert [(e["date"], e["kind"]) for e in upcoming] == [("2026-03-31", "recurring"), ("2030-12-31", "option")]
    ranged = pt.deadlines([p], after=date(2025, 6, 1), before=date(2028, 1, 1), today=date(2025, 6, 1))
    assert [e["date"] for e in ranged if e["kind"] == "recurring"] == ["2026-03-31", "2027-03-31"]


# --- checks --------------------------------------------------------------------------------------

def test_check_flags_seed_004_fem_ar():
    records = gold_records()
    records[4]["period"]["stated_months"] = 60
    warnings = pt.check(link(records))
    assert any(pid == "linkoping-kvinnojouren-2025" and "60 months (5 years)" in w and "72 months (6 years)" in w
               for pid, w in warnings)


def test_check_on_seeds_flags_only_proposals_without_agreement(seed_partnerships):
    assert sorted(pt.check(seed_partnerships)) == [
        ("linkoping-kvinnojouren-2025", "a proposal (tjänsteskrivelse) but no agreement (överenskommelse) among the documents"),
        ("stockholm-brottsofferjouren-2025", "a proposal (tjänsteskrivelse) but no agreement (överenskommelse) among the documents"),
    ]


def _partnership(**changes) -> dict:
    base = {"id": "x", "governing": "a.pdf", "documents": AGREEMENT,
            "period": {"start": "2023-01-01", "end": "2025-12-31", "notice_months": 6, "extension": None},
            "parties": [{"name": "Jouren", "sector": "civil", "org_number": "822004-0417"},
                        {"name": "Linköpings kommun", "sector": "public", "org_number": "212000-0449"}],
            "amounts": [{"sek": 813514, "per": "year", "role": "total"},
                        {"sek": 472200, "per": "year", "role": "public_contribution"},
                        {"sek": 341314, "per": "year", "role": "civil_contribution"}]}
    return {**base, **changes}


@pytest.mark.parametrize("changes, expected", [
    pytest.param({}, None, id="seed001-clean"),
    pytest.param({"amounts": [{"sek": 800000, "per": "year", "role": "total"},
                              {"sek": 472200, "per": "year", "role": "public_contribution"},
                              {"sek": 341314, "per": "year", "role": "civil_contribution"}]},
                 "do not add up to the stated total 800 000 kr", id="own-sum"),
    pytest.param({"amounts": [{"sek": 900000, "per": "total", "role": "total"},
                              {"sek": 472200, "per": "year", "role": "public_contribution"},
                              {"sek": 341314, "per": "year", "role": "civil_contribution"}]},
                 None, id="own-different-per-not-compared"),
    pytest.param({"parties": [{"name": "Jouren", "sector": "civil", "org_number": "822004-0418"}]},
                 "fails the Luhn check", id="own-luhn"),
    pytest.param({"parties": [{"name": "Jouren", "sector": "civil", "org_number": "802490-7720", "org_number_valid": False}]},
                 "fails the Luhn check", id="own-flagged-by-extractor"),
    pytest.param({"parties": [{"name": "Jouren", "sector": "civil", "org_number": "212000-0449"}]},
                 "starts with 2 (a public body)", id="own-civil-with-public-number"),
    pytest.param({"parties": [{"name": "Linköpings kommun", "sector": "public", "org_number": "822004-0417"}]},
                 "not 2 (a public body)", id="own-public-with-civil-number"),
    pytest.param({"period": {"start": "2023-01-01", "end": None, "notice_months": None, "extension": None}},
                 "no end date and no notice period", id="own-open-without-notice"),
    pytest.param({"period": {"start": "2023-01-01", "end": None, "notice_months": 3, "extension": None}},
                 None, id="own-open-with-notice"),
    pytest.param({"documents": PROPOSAL}, "a proposal (tjänsteskrivelse) but no agreement", id="seed003-proposal-only"),
    pytest.param({"period": {"start": "2023-01-01", "end": "2025-12-31", "stated_months": 24}},
                 "a.pdf: the text states a duration of 24 months", id="own-stated"),
])
def test_check_partnership(changes, expected):
    warnings = pt.check_partnership(_partnership(**changes))
    if expected is None:
        assert warnings == []
    else:
        assert any(expected in w for w in warnings), warnings


def test_check_keeps_linker_warnings_without_repeats():
    p = _partnership(warnings=["a.pdf and b.pdf disagree on period end: 2025-12-31 vs 2024-12-31"],
                     documents=PROPOSAL)
    found = pt.check([p, {**p, "warnings": [*p["warnings"], pt.check_partnership(p)[0]]}])
    assert len(found) == 4 and len(set(found)) == 2


def test_expiring_lists_ended_agreements_too_unless_after_says_otherwise(seed_partnerships):
    found = pt.expiring(seed_partnerships, before=date(2026, 1, 1), today=date(2026, 2, 1))
    # The Stockholm agreement's term ended too, and renewed: it is listed with where it runs now.
    assert [(p["id"], p["status"], p["days_left"], p["renewed_to"]) for p in found] == [
        ("linkoping-brottsofferjouren-2023", "ended", -32, None),
        ("stockholm-brottsofferjouren-2025", "active", -32, "2026-12-31")]
    assert pt.expiring(seed_partnerships, before=date(2026, 1, 1), after=date(2026, 2, 1), today=date(2026, 2, 1)) == []


def test_expiring_asked_after_the_window_still_finds_the_automatic_renewal(seed_partnerships):
    found = pt.expiring(seed_partnerships, before=date(2026, 1, 1), today=date(2026, 11, 23))
    by_id = {p["id"]: p for p in found}
    assert len(found) == 2
    renewed = next(p for p in found if p["renews_automatically"] or p.get("renewed_to"))
    assert renewed["end"] == "2025-12-31" and renewed["renewed_to"] == "2026-12-31"
    assert "renewed automatically" in renewed["notice_note"]
    ended = next(p for pid, p in by_id.items() if p is not renewed)
    assert ended["status"] == "ended" and ended["days_left"] < 0
