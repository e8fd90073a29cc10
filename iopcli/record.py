"""Build the document record (shared/spec/record.md) from a Document and its facts. Pure.

The record is a plain JSON-ready dict: every key of record.md is present, and every value carries
its evidence: list items have an "evidence" key, scalar fields have one under record["evidence"].
"""
from __future__ import annotations

from dataclasses import replace

from iopcli.extractors import extract_all
from iopcli.extractors.iopness import first_paragraph, iop_sections
from iopcli.extractors.orgnumbers import luhn_ok
from iopcli.model import Document, Fact
from iopcli.ocrtext import is_low

SCALAR_KINDS = ("doc_type", "municipality", "authority", "document_date", "officer")


def evidence(fact: Fact, source: str = "", confidence: float | None = None) -> dict:
    """Give where a value came from: file, page, character span, the exact text, a caution note.

    A value from a page OCR read also has the page's OCR confidence (0-100); when that is low the
    note says so too ("OCR 58%"), so that every view that shows the note marks the value.

    >>> from iopcli.model import Span
    >>> fact = Fact("amount", 813514, "813 514 kr", Span(10, 20, 2), "OCR")
    >>> evidence(fact, "scan.pdf", 57.6)["note"], evidence(fact, "scan.pdf", 93.2)["note"]
    ('OCR 58%', 'OCR')
    >>> "ocr_confidence" in evidence(fact, "scan.pdf")
    False
    """
    found = {"source": source, "page": fact.span.page, "start": fact.span.start, "end": fact.span.end,
             "text": fact.raw, "note": fact.note}
    if confidence is not None:
        found["ocr_confidence"] = round(confidence)
        if is_low(confidence):
            marker = f"OCR {round(confidence)}%"
            found["note"] = marker if fact.note in ("", "OCR") else f"{fact.note}; {marker}"
    return found


def _iop_part(doc: Document) -> Document:
    """Give the document with only its head and its IOP §§ left, when it is a protocol of many items:
    the rest is blanked (same length, lines kept), so evidence offsets stay those of the file."""
    sections = iop_sections(doc.text)
    if not sections:
        return doc
    keep = [(0, first_paragraph(doc.text))] + sections
    chars = [c if c == "\n" else " " for c in doc.text]
    for start, end in keep:
        chars[start:end] = doc.text[start:end]
    return replace(doc, text="".join(chars))


def build_record(doc: Document, facts: list[Fact] | None = None) -> dict:
    """Give the record of a document; facts default to running every extractor."""
    if facts is None:
        facts = extract_all(_iop_part(doc)) if doc.text.strip() else []
    source = doc.name

    def ev(fact: Fact) -> dict:
        return evidence(fact, source, doc.confidence_of(fact.span.page))

    by_kind: dict[str, list[Fact]] = {}
    for fact in facts:
        by_kind.setdefault(fact.kind, []).append(fact)
    first = {kind: found[0] for kind, found in by_kind.items()}

    record: dict = {
        "source": doc.name,
        "path": doc.path,
        "sha256": doc.sha256,
        "file_type": doc.file_type,
        "pages": doc.page_count,
        "ocr": doc.ocr,
        "status": doc.status,
        "warnings": list(doc.warnings),
        # Per page, as a whole percentage: None where a page has a text layer; [] without OCR.
        "page_confidence": [None if c is None else round(c) for c in doc.page_confidence],
    }
    for kind in SCALAR_KINDS:
        record[kind] = first[kind].value if kind in first else None
    if record["doc_type"] is None:
        record["doc_type"] = "other"

    # Whether the document concerns an IOP at all (a diarium holds everything); only IOPs become partnerships.
    iop = first.get("iop")
    record["iop"] = {**iop.value, "evidence": ev(iop)} if iop else {"is": None, "kind": None, "reason": "", "evidence": None}
    case_facts = _unique(by_kind.get("case_number", []), key=lambda f: f.value)
    record["case_numbers"] = [f.value for f in case_facts]
    record["parties"] = _parties(by_kind.get("party", []), ev)
    record["org_numbers"] = [
        {**f.value, "evidence": ev(f)}
        for f in _unique(by_kind.get("org_number", []), key=lambda f: f.value["number"])
    ]
    record["period"] = _period(first.get("period"), first.get("notice"), first.get("extension"))
    record["amounts"] = _items(by_kind.get("amount", []), ev, key=lambda v: (v["sek"], v["per"], v["role"]))
    record["deadlines"] = _items(by_kind.get("deadline", []), ev, key=lambda v: (v["date"], v["what"]))
    record["recurring"] = _items(by_kind.get("recurring", []), ev,
                                 key=lambda v: (v["what"].casefold(), v["times_per_year"]))

    scalar_evidence = {kind: ev(first[kind]) for kind in SCALAR_KINDS if kind in first}
    for kind in ("period", "notice", "extension"):
        if kind in first:
            scalar_evidence[kind] = ev(first[kind])
    scalar_evidence["case_numbers"] = [ev(f) for f in case_facts]
    record["evidence"] = scalar_evidence
    return record


def _unique(facts: list[Fact], key) -> list[Fact]:
    seen, kept = set(), []
    for fact in facts:
        k = key(fact)
        if k not in seen:
            seen.add(k)
            kept.append(fact)
    return kept


def _items(facts: list[Fact], ev, *, key) -> list[dict]:
    return [{**f.value, "evidence": ev(f)} for f in _unique(facts, key=lambda f: key(f.value))]


def _parties(facts: list[Fact], ev) -> list[dict]:
    """Give one entry per party, civil parties first; a later mention adds a missing org number."""
    merged: dict[str, dict] = {}
    for fact in facts:
        value = fact.value
        entry = merged.get(value["name"])
        if entry is None:
            merged[value["name"]] = {
                "name": value["name"], "sector": value["sector"], "org_number": value.get("org_number"),
                "aliases": list(value.get("aliases") or []), "evidence": ev(fact),
            }
        else:
            entry["org_number"] = entry["org_number"] or value.get("org_number")
            entry["aliases"] += [a for a in value.get("aliases") or [] if a not in entry["aliases"]]
    parties = list(merged.values())
    for party in parties:
        party["org_number_valid"] = luhn_ok(party["org_number"]) if party["org_number"] else None
    return sorted(parties, key=lambda p: p["sector"] != "civil")


def _period(period: Fact | None, notice: Fact | None, extension: Fact | None) -> dict:
    value = period.value if period else {}
    notice_value = notice.value if notice else {}
    return {
        "start": value.get("start"),
        "end": value.get("end"),
        "notice_months": notice_value.get("months"),
        "extension": dict(extension.value) if extension else None,
        "notice_weeks": notice_value.get("weeks"),
        "stated_months": value.get("stated_months"),
    }

