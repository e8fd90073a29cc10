"""Extractors: pure functions Document -> list[Fact], one module per kind of fact.

Every module exposes `extract(doc: Document) -> list[Fact]`: locate with a regex (in the text or in
`fold(text)`, which has the same length), normalise the match with a small pure function, and build
the Fact with `doc.fact(kind, value, start, end)` so that `doc.text[start:end] == fact.raw`.
A miss returns []; an extractor never raises on odd text.

Kinds of fact and the shape of their value (JSON-ready):

    case_number    "SON 2024-1523"                       canonical, record.md
    document_date  "2025-04-14"                          at most one
    officer        "Hanna Flod"                          at most one
    doc_type       "tjansteskrivelse"                    at most one
    municipality   "Linköpings kommun"                   at most one
    authority      "Social- och omsorgsnämnden"          at most one
    org_number     {"number": "822004-0417", "valid": True, "form": "ideell förening/stiftelse",
                    "repaired_from": None}
    party          {"name": ..., "sector": "civil"|"public", "org_number": ...|None, "aliases": [...]}
    period         {"start": "2023-01-01"|None, "end": "2025-12-31"|None,
                    "stated_months": 36|None}        at most one: the agreement's own period
    notice         {"months": 6, "weeks": None}      at most one
    extension      {"kind": "automatic"|"option", "step_months": 12, "max_end": "2027-12-31"|None,
                    "notice_by": "09-30"|None}       at most one
    amount         {"sek": 813514, "per": "year"|"total"|None,
                    "role": "total"|"public_contribution"|"civil_contribution"|"cost_to_date"|"other"}
    deadline       {"date": "2025-03-31", "what": "Återrapport till social- och omsorgsnämnden",
                    "party": "Social- och omsorgsförvaltningen"|None}
    recurring      {"what": "Operativa möten", "times_per_year": 2, "party": None,
                    "day": "03-31"|None}             day: MM-DD when the text names the day
    iop            {"is": True|False|None, "kind": "iop"|"procurement"|"grant"|..., "reason": "…"}   one

EXTRACTORS below is the explicit list the pipeline runs, in order.
"""
from __future__ import annotations

from importlib import import_module

from iopcli.model import Document, Fact

EXTRACTOR_MODULES = (
    "layout",       # header values paired by position (PDF header blocks in columns)
    "header",       # document_date, officer (and header case numbers)
    "casenumbers",  # case_number
    "doctype",      # doc_type, municipality, authority
    "orgnumbers",   # org_number
    "parties",      # party
    "periods",      # period, notice, extension
    "amounts",      # amount
    "duties",       # deadline, recurring
    "iopness",      # iop: whether the document concerns an IOP at all
)


def extract_all(doc: Document) -> list[Fact]:
    """Give every fact of every extractor for the document."""
    facts: list[Fact] = []
    for name in EXTRACTOR_MODULES:
        facts.extend(import_module(f"iopcli.extractors.{name}").extract(doc))
    return facts
