"""Readers: each format into normalised text with page offsets; damaged files give a ReadError."""
from __future__ import annotations

from pathlib import Path

import pytest

from iopcli import readers
from iopcli.errors import ReadError, UnsupportedFile

SWEDISH = "Överenskommelse med Brottsofferjouren i Linköping: 813\u00a0514\u00a0kr per år, gäller 1 april 2025."


def write_pdf(path: Path, pages: list[list[str]]) -> Path:
    """Write a text-layer PDF, one list of lines per page (reportlab, a test dependency)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for lines in pages:
        y = 800
        for line in lines:
            pdf.drawString(60, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_plain_text_in_every_encoding_swedish_offices_use(tmp_path, encoding):
    path = tmp_path / "brev.txt"
    path.write_bytes(SWEDISH.replace("\u00a0", " ").encode(encoding))
    document = readers.read(path)
    assert document.text == SWEDISH.replace("\u00a0", " ")
    assert document.file_type == "txt" and document.page_count == 1


def test_plain_text_normalises_nbsp_soft_hyphen_and_line_break_hyphens(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Över\u00adens-\nkommelsen: 813\u00a0514\u202fkr, social-\noch omsorgsnämnden", encoding="utf-8")
    assert readers.read(path).text == "Överenskommelsen: 813 514 kr, social- och omsorgsnämnden"


def test_form_feed_starts_a_new_page(tmp_path):
    path = tmp_path / "ocr.txt"
    path.write_text("sida ett\fsida två", encoding="utf-8")
    document = readers.read(path)
    assert document.page_count == 2
    assert document.page_at(document.text.index("två")) == 2


def test_pdf_pages_keep_their_numbers_and_swedish_letters(tmp_path):
    path = write_pdf(tmp_path / "ts.pdf", [["Datum  Diarienummer", "2025-04-14  SON 2024-1523"],
                                           ["Ekonomi", "Bidraget är 813\u00a0514 kr per år för föreningen."]])
    document = readers.read(path)
    assert document.page_count == 2
    assert "SON 2024-1523" in document.text and "\r" not in document.text
    offset = document.text.index("813 514 kr")
    assert document.page_at(offset) == 2
    assert "för föreningen" in document.text


def test_pdf_without_text_layer_needs_ocr(tmp_path):
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(path)
    document = readers.read(path)
    assert document.status == "needs_ocr"
    assert "no text layer; needs OCR" in document.warnings


def test_damaged_pdf_is_a_read_error_naming_the_file(tmp_path):
    path = tmp_path / "trasig.pdf"
    path.write_bytes(b"%PDF-1.4\n this is not really a pdf")
    with pytest.raises(ReadError, match="trasig.pdf: not a readable PDF"):
        readers.read(path)


def test_docx_paragraphs_and_tables_in_reading_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Tjänsteskrivelse")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Datum", "Diarienummer"
    table.cell(1, 0).text, table.cell(1, 1).text = "2025-04-14", "SON 2024-1523"
    document.add_paragraph("Ekonomi: 472\u00a0200 kr från nämnden.")
    path = tmp_path / "ts.docx"
    document.save(path)
    text = readers.read(path).text
    assert text.index("Tjänsteskrivelse") < text.index("Datum\tDiarienummer") < text.index("2025-04-14\tSON 2024-1523")
    assert text.endswith("Ekonomi: 472 200 kr från nämnden.")


def test_docx_that_is_not_a_zip_is_a_read_error(tmp_path):
    path = tmp_path / "fel.docx"
    path.write_text("not a word file")
    with pytest.raises(ReadError, match="fel.docx: not a readable Word document"):
        readers.read(path)


def test_html_as_text(tmp_path):
    path = tmp_path / "beslut.htm"
    path.write_bytes("<html><head><style>p{}</style></head><body><h1>Protokollsutdrag</h1>"
                     "<p>Dnr&nbsp;KS 2018/14</p><table><tr><td>Datum</td><td>2018-03-01</td></tr></table>"
                     "</body></html>".encode("cp1252"))
    text = readers.read(path).text
    assert text.splitlines()[:2] == ["Protokollsutdrag", "Dnr KS 2018/14"]
    assert "Datum" in text and "p{}" not in text


def test_unsupported_type(tmp_path):
    path = tmp_path / "bild.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(UnsupportedFile):
        readers.read(path)


def test_docx_bullets_are_written_out_like_in_a_pdf(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Föreningen")
    document.add_paragraph("ordnar träffar varje vecka,", style="List Bullet")
    path = tmp_path / "lista.docx"
    document.save(path)
    assert readers.read(path).text == "Föreningen\n– ordnar träffar varje vecka,"


def test_saved_web_page_keeps_labels_with_values_and_leaves_out_the_chrome(tmp_path):
    page = tmp_path / "protokoll.html"
    page.write_text(
        "<html><head><title>Protokoll</title></head><body>"
        "<div class='cookie-banner'>Vi använder kakor. <button>OK</button></div>"
        "<header><nav><a href='/'>Start</a><a href='/politik'>Politik</a></nav></header>"
        "<main><h1>Protokollsutdrag kommunstyrelsen</h1>"
        "<dl><dt>Sammanträdesdatum</dt><dd>2022-10-13</dd><dt>Diarienummer:</dt><dd>KS 2022/311</dd></dl>"
        "<table><tr><th>År</th><th>Belopp</th></tr><tr><td>2023</td><td>450 000 kr</td></tr></table>"
        "<ul><li>Föreningen lämnar en rapport.</li></ul>"
        "<p>Sidan senast uppdaterad 2024-02-01</p></main>"
        "<footer>Kommunen, 651 84 Karlstad</footer></body></html>", encoding="utf-8")
    text = readers.read(page).text
    assert "Sammanträdesdatum: 2022-10-13" in text
    assert "Diarienummer: KS 2022/311" in text
    assert "2023\t450 000 kr" in text
    assert "– Föreningen lämnar en rapport." in text
    for chrome in ("kakor", "Politik", "651 84", "uppdaterad"):
        assert chrome not in text


def test_email_in_windows_1252_gives_sender_sending_day_and_text(tmp_path):
    mail = tmp_path / "beslut.eml"
    mail.write_bytes(
        "From: Anna Svensson <anna.svensson@karlstad.se>\r\nTo: info@forening.se\r\n"
        "Date: Tue, 14 Mar 2023 10:12:00 +0100\r\nSubject: Beslut om förlängning\r\n"
        "Content-Type: text/plain; charset=\"windows-1252\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        "Socialnämnden beslutade att förlänga överenskommelsen.\r\n".encode("cp1252"))
    document = readers.read(mail)
    assert document.file_type == "eml"
    assert document.text.startswith("Från: Anna Svensson <anna.svensson@karlstad.se>\nSkickat: 2023-03-14 10:12\n")
    assert "förlänga överenskommelsen" in document.text
    from iopcli.extractors import header
    facts = {f.kind: f.value for f in header.extract(document)}
    assert facts["document_date"] == "2023-03-14" and facts["officer"] == "Anna Svensson"


def test_a_text_file_named_eml_without_mail_headers_is_a_read_error(tmp_path):
    bad = tmp_path / "x.eml"
    bad.write_text("bara text\n", encoding="utf-8")
    with pytest.raises(ReadError, match="x.eml: not a readable e-mail"):
        readers.read(bad)


def test_html_footer_keeps_only_the_site_owners_org_number():
    from iopcli.readers import html_to_text

    page = ("<main><p>Kultur- och fritidsnämnden beslutar att godkänna överenskommelsen.</p></main>"
            "<footer><p>Karlskrona kommun · Kontaktcenter 0455-30 30 00 · Org.nr 212000-0811</p>"
            "<p>Tillgänglighetsredogörelse</p></footer>")
    text = html_to_text(page)
    assert text.splitlines() == ["Kultur- och fritidsnämnden beslutar att godkänna överenskommelsen.", "Org.nr 212000-0811"]
