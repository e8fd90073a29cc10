"""Header blocks in columns whose values only their position on the page can pair."""
from __future__ import annotations

from pathlib import Path

from iopcli import readers
from iopcli.record import build_record


def header_pdf(path: Path, labels: list[tuple[str, float]], values: list[tuple[str, float]]) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.drawString(72, 790, "SKÖVDE KOMMUN")
    for text, x in labels:
        pdf.drawString(x, 740, text)
    for text, x in values:
        pdf.drawString(x, 727, text)
    pdf.drawString(72, 680, "Tjänsteskrivelse om idéburet offentligt partnerskap med Föreningen Gemenskap.")
    pdf.save()
    return path


def test_wordy_values_are_paired_by_column(tmp_path):
    path = header_pdf(tmp_path / "ts.pdf",
                      [("Handläggare", 72), ("Förvaltning", 250), ("Datum", 420)],
                      [("Berg Anna", 72), ("Socialförvaltningen", 250), ("2016-03-08", 420)])
    document = readers.read(path)
    assert document.header_cells == (("handläggare", "Berg Anna"), ("förvaltning", "Socialförvaltningen"),
                                      ("datum", "2016-03-08"))
    record = build_record(document)
    assert record["officer"] == "Anna Berg"
    assert record["document_date"] == "2016-03-08"
    evidence = record["evidence"]["officer"]
    assert document.text[evidence["start"]:evidence["end"]] == "Berg Anna"


def test_an_empty_column_leaves_its_label_without_a_value(tmp_path):
    path = header_pdf(tmp_path / "ts.pdf",
                      [("Datum", 72), ("Vår beteckning", 200), ("Er beteckning", 380)],
                      [("2016-03-08", 72), ("KS 2016/12", 200)])
    document = readers.read(path)
    assert document.header_cells == (("datum", "2016-03-08"), ("vår beteckning", "KS 2016/12"))
    assert build_record(document)["case_numbers"][0] == "KS 2016/12"


def test_a_header_the_text_can_pair_does_not_need_geometry(tmp_path):
    path = header_pdf(tmp_path / "ts.pdf", [("Datum", 72), ("Diarienummer", 250)],
                      [("2025-04-14", 72), ("SON 2024-1523", 250)])
    assert readers.read(path).header_cells == ()
