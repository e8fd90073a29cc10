"""Header values paired by their position on the page (Document.header_cells, from the PDF reader).

Where a header block's labels and values stand in columns and the values' own form cannot tell
which is whose (`Handläggare  Förvaltning` over `Berg Anna  Socialförvaltningen`), the reader pairs
them by x position. This extractor turns those pairs into facts, with spans into the text; it runs
before `header`, so its facts are taken first.
"""
from __future__ import annotations

from iopcli.extractors import casenumbers
from iopcli.extractors.dates import parse_date
from iopcli.extractors.header import is_person_name, person_name
from iopcli.extractors.sv import HEADER_LABELS
from iopcli.model import Document, Fact


def extract(doc: Document) -> list[Fact]:
    """Give document_date, case_number and officer facts from the header cells, if any."""
    facts: list[Fact] = []
    if not doc.header_cells:
        return facts
    first_page_end = doc.page_starts[1] if len(doc.page_starts) > 1 else len(doc.text)
    label_at = doc.text.lower().find(doc.header_cells[0][0], 0, first_page_end)
    for label, value in doc.header_cells:
        start = doc.text.find(value, max(label_at, 0), first_page_end)
        if start < 0:
            continue
        end = start + len(value)
        kind = HEADER_LABELS.get(label)
        if kind == "date":
            day = parse_date(value)
            if day:
                facts.append(doc.fact("document_date", day.isoformat(), start, end))
        elif kind == "case":
            canonical = casenumbers.canonical_case_number(value)
            if canonical:
                facts.append(doc.fact("case_number", canonical, start, end))
        elif kind == "officer" and is_person_name(value):
            facts.append(doc.fact("officer", person_name(value), start, end))
    return facts
