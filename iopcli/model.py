"""The values that travel through the pipeline. Standard library only.

readers -> Document -> extractors -> Fact -> record.build_record -> Record (a plain dict, record.md)
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """Where a value stands: character offsets into Document.text and the 1-based page."""

    start: int
    end: int
    page: int


@dataclass(frozen=True, slots=True)
class Fact:
    """One extracted value with the exact text it came from.

    kind   "case_number", "document_date", "period", "amount", "party", ... (see extractors/__init__)
    value  the normalised value, JSON-ready: str, int, or a dict of those
    raw    Document.text[span.start:span.end], exactly
    note   why a reader should double-check it ("org number repaired from B02430-9257", "OCR"), or ""
    """

    kind: str
    value: object
    raw: str
    span: Span
    note: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """A file read into normalised text, with the offset where each page starts.

    page_starts[i] is the offset in `text` where page i+1 begins; a file without pages has (0,).
    status is "ok", or "needs_ocr" when the file holds pages with no text layer.
    header_cells holds (label, value) pairs of a PDF header block laid out in columns, paired by
    their position on the page; only set where the text alone cannot tell which value is whose.
    page_confidence holds, when OCR read the file, Tesseract's mean word confidence (0-100) of each
    page, aligned with page_starts: None for a page with a text layer or where OCR found no word.
    """

    path: str
    sha256: str
    size: int
    file_type: str  # pdf | docx | txt | md | html | image
    text: str
    page_starts: tuple[int, ...] = (0,)
    ocr: bool = False
    status: str = "ok"
    warnings: tuple[str, ...] = field(default=())
    header_cells: tuple[tuple[str, str], ...] = field(default=())
    page_confidence: tuple[float | None, ...] = field(default=())

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    @property
    def page_count(self) -> int:
        return len(self.page_starts)

    def page_at(self, offset: int) -> int:
        """Give the 1-based page that holds character `offset`."""
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def confidence_of(self, page: int) -> float | None:
        """Give the OCR confidence of the 1-based page, or None when OCR did not read it."""
        return self.page_confidence[page - 1] if 0 < page <= len(self.page_confidence) else None

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.page_at(start))

    def fact(self, kind: str, value: object, start: int, end: int, note: str = "") -> Fact:
        """Give a Fact whose raw text is the document's own text at start:end."""
        if self.ocr and not note:
            note = "OCR"
        return Fact(kind, value, self.text[start:end], self.span(start, end), note)


def text_document(text: str, name: str = "inline.txt") -> Document:
    """Give a Document for a bare string: for tests and `iop extract -`."""
    return Document(path=name, sha256="", size=len(text.encode()), file_type="txt", text=text)
