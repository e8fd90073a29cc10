"""Answers to the questions the commands ask, over an open catalogue. Matching logic is pure."""
from __future__ import annotations

import re
from datetime import date

from iopcli.catalogue import Catalogue
from iopcli.extractors.casenumbers import case_key
from iopcli.text import fold

ORG_NUMBER_RE = re.compile(r"^\s*(?:org(?:anisations)?\.?\s*nr\.?:?\s*)?(\d{6})-?(\d{4})\s*$", re.I)


def org_number_of(query: str) -> str | None:
    """Give the org number a query is, as NNNNNN-NNNN, or None.

    >>> org_number_of("8024907720"), org_number_of("802490-7720"), org_number_of("SON 2024-1523")
    ('802490-7720', '802490-7720', None)
    """
    match = ORG_NUMBER_RE.match(query)
    return f"{match[1]}-{match[2]}" if match else None


def find_documents(catalogue: Catalogue, query: str) -> list[dict]:
    """Give the document records a case number, org number or file name leads to."""
    return catalogue.find_documents(case_key=case_key(query), org_number=org_number_of(query), name=query.strip())


def matches_partnership(partnership: dict, query: str) -> bool:
    """True when a query names the partnership: id, case number, org number, file or party name.

    >>> p = {"id": "linkoping-brovi-2023", "case_numbers": ["SON 2019-536"], "documents": [{"source": "a.pdf"}],
    ...      "parties": [{"name": "Brottsofferjouren i Linköping", "org_number": "822004-0417", "aliases": ["Brovi"]}]}
    >>> [matches_partnership(p, q) for q in ("son 2019/536", "8220040417", "a.pdf", "brottsofferjouren", "Brovi", "SON 2019-537")]
    [True, True, True, True, True, False]
    """
    text = query.strip()
    if not text:
        return False
    if text == partnership.get("id"):
        return True
    key = case_key(text)
    if key and key in {case_key(c) for c in partnership.get("case_numbers") or []}:
        return True
    org_number = org_number_of(text)
    if org_number:
        return any(p.get("org_number") == org_number for p in partnership.get("parties") or [])
    if any(text in (d.get("source"), d.get("path")) for d in partnership.get("documents") or []):
        return True
    if key and re.search(r"\d", text):
        return False  # a case number that is not this partnership's is not a name either
    wanted = fold(text)
    names = [n for p in partnership.get("parties") or [] for n in (p.get("name"), *(p.get("aliases") or [])) if n]
    return any(wanted in fold(name) for name in names)


def find_partnerships(catalogue: Catalogue, query: str, today: date) -> list[dict]:
    """Give the partnerships a query leads to, with status and notice deadline as of today."""
    from iopcli.partnership import annotate

    return [annotate(p, today) for p in catalogue.partnerships() if matches_partnership(p, query)]


def expiring(catalogue: Catalogue, before: date, after: date | None, today: date) -> list[dict]:
    """Give the partnerships whose current term ends before `before`, soonest first."""
    from iopcli import partnership

    return partnership.expiring(catalogue.partnerships(), before=before, after=after, today=today)


def csv_row(record: dict) -> dict:
    """Give one flat CSV row of a document record (export --format csv)."""
    period = record.get("period") or {}
    amounts = record.get("amounts") or []

    def amount(role: str) -> int | None:
        return next((a["sek"] for a in amounts if a.get("role") == role), None)

    from iopcli.render import extension_text

    return {
        **{k: record.get(k) for k in ("source", "doc_type", "municipality", "authority", "case_numbers",
                                        "document_date", "officer", "status", "path", "sha256")},
        "civil_parties": [p["name"] for p in record.get("parties") or [] if p.get("sector") == "civil"],
        "org_numbers": [p["org_number"] for p in record.get("parties") or [] if p.get("org_number")],
        "period_start": period.get("start"), "period_end": period.get("end"),
        "notice_months": period.get("notice_months"), "extension": extension_text(period.get("extension")),
        "amount_total": amount("total"), "amount_public": amount("public_contribution"),
        "amount_civil": amount("civil_contribution"),
        "deadlines": [f"{d['date']} {d['what']}" for d in record.get("deadlines") or []],
        "recurring": [f"{r['what']} ({r['times_per_year']}/år)" for r in record.get("recurring") or []],
    }
