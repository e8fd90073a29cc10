"""The bundled samples: present, readable in their formats, carrying their facts, reproducible.

Facts come from ../shared/gold/seeds.json (the seeds these samples rewrite) and, for samples/diff/,
from the invented Vadstena agreement. Each check reads the file the way a user's tools would.
"""
from __future__ import annotations

import importlib.util
import re
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def _load_make_samples():
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_samples", module)  # dataclasses look their module up by name
    spec.loader.exec_module(sys.modules["make_samples"])
    return sys.modules["make_samples"]


make_samples = _load_make_samples()

EVALUATION = "linkoping-son-2024-1523-utvardering-brovi.pdf"
AGREEMENT = "linkoping-son-2019-536-iop-brottsofferjouren.docx"
PROPOSAL_OCR = "linkoping-iop-brottsofferjouren-forslag-ocr.txt"
SIGNATURES_PNG = "linkoping-son-2019-536-underskrifter-skannad.png"
STOCKHOLM = "stockholm-sn-iop-brottsofferjourer-2025-03-17.pdf"
STOCKHOLM_SCAN = "stockholm-sn-iop-brottsofferjourer-2025-03-17-skannad.pdf"
KVINNOJOUR = "linkoping-son-2024-1431-iop-kvinnojouren-tjejjouren.md"
DIFF_V1, DIFF_V2 = "diff/vadstena-ks-2024-187-iop-vantjansten-v1", "diff/vadstena-ks-2024-187-iop-vantjansten-v2"


def pdf_text(path: Path) -> list[str]:
    """Give each page's text as pypdfium2 reads it, NBSP and line ends made plain."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [
            pdf[i].get_textpage().get_text_range().replace("\r\n", "\n").replace("\u00a0", " ").replace("\ufffe\n", "").replace("\ufffe", "")
            for i in range(len(pdf))
        ]
    finally:
        pdf.close()


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts).replace("\u00a0", " ")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_listed_sample_exists_and_nothing_else_is_a_document():
    listed = set(make_samples.SAMPLE_FILES)
    on_disk = {p.relative_to(SAMPLES).as_posix() for p in SAMPLES.rglob("*") if p.is_file() and p.name != "README"}
    assert on_disk == listed


@pytest.fixture(scope="module")
def fresh_samples(tmp_path_factory) -> dict[str, Path]:
    """The samples written anew by the script, once for this module, by relative path."""
    root = tmp_path_factory.mktemp("fresh")
    return {p.relative_to(root).as_posix(): p for p in make_samples.write_samples(root)}


def test_samples_on_disk_are_what_the_script_writes(fresh_samples):
    """The committed samples are current: what the script writes now reads the same.

    Text files must match byte for byte; binaries are compared by their content (text layer,
    paragraphs, pixels), since zlib, libtiff and reportlab versions may change the bytes.
    """
    from PIL import ImageChops

    for relative, path in fresh_samples.items():
        committed = SAMPLES / relative
        hint = f"{relative}: run python scripts/make_samples.py"
        if path.suffix in (".txt", ".md"):
            assert committed.read_bytes() == path.read_bytes(), hint
        elif path.suffix == ".pdf" and "skannad" not in path.name:
            assert pdf_text(committed) == pdf_text(path), hint
        elif path.suffix == ".docx":
            assert docx_text(committed) == docx_text(path), hint
        else:
            for committed_image, fresh_image in zip(_images(committed), _images(path)):
                assert ImageChops.difference(committed_image, fresh_image).getbbox() is None, hint


def _images(path: Path):
    """Give a scan's pages as 1-bit images: the PNG itself, or each PDF page rendered at 300 dpi."""
    from PIL import Image

    if path.suffix == ".png":
        with Image.open(path) as image:
            yield image.convert("1")
        return
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        for page in pdf:
            yield page.render(scale=300 / 72).to_pil().convert("1")
    finally:
        pdf.close()


@pytest.mark.parametrize(
    "name, facts",
    [
        pytest.param(EVALUATION, ["SON 2024-1523", "2025-04-14", "Hanna Flod", "1 477 198 kronor", "31 december 2025",
                                  "första kvartalet 2025", "två gånger per år", "Brottsofferjour och vittnesstöd (Brovi) Linköping"],
                     id="seed000-evaluation"),
        pytest.param(STOCKHOLM, ["2025-03-17", "Nela Bengtsson", "802490-7720", "802476-1044", "802015-4822",
                                 "1 april 2025 till och med 31 dec 2025", "längst till 31 december 2027",
                                 "senast den 30 september respektive år", "Brottsofferjouren Stockholm-Gotland"],
                     id="seed003-stockholm"),
        pytest.param(DIFF_V1 + ".pdf", ["KS 2024/187", "2024-11-20", "350 000 kr per kalenderår", "2026-12-31",
                                        "två gånger per år", "802467-9139"], id="own-diff-v1"),
        pytest.param(DIFF_V2 + ".pdf", ["KS 2024/187", "2024-11-20", "385 000 kr per kalenderår", "2027-12-31",
                                        "fyra gånger per år", "802467-9139"], id="own-diff-v2"),
    ],
)
def test_text_pdf_carries_its_facts(name, facts):
    text = flat(" ".join(pdf_text(SAMPLES / name)))
    for fact in facts:
        assert fact in text, fact


def test_pdf_amounts_are_typed_with_non_breaking_spaces():
    """`813 514 kr` style: the text layer holds NBSP between digit groups, as Swedish offices type them."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(SAMPLES / EVALUATION))
    raw = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    assert "1\u00a0477\u00a0198\u00a0kronor" in raw


@pytest.mark.parametrize("name, pages", [(EVALUATION, 3), (STOCKHOLM, 3)])
def test_pdf_is_a_tjansteskrivelse_with_header_columns_and_page_footer(name, pages):
    texts = pdf_text(SAMPLES / name)
    assert len(texts) == pages
    for n, page in enumerate(texts, start=1):
        assert f"{n} ({pages})" in page
    head = texts[0].split("\n")[:6]
    assert any(line.startswith("Datum ") for line in head), head  # labels on one line ...
    assert any(line.startswith("2025-") for line in head), head  # ... their values on the next


def test_header_block_labels_stand_over_their_values():
    """pdfplumber geometry: `Diarienummer` and `SON 2024-1523` share a column, value below label."""
    import pdfplumber

    with pdfplumber.open(SAMPLES / EVALUATION) as pdf:
        words = {w["text"]: w for w in pdf.pages[0].extract_words()}
    for label, value in (("Datum", "2025-04-14"), ("Diarienummer", "SON"), ("Handläggare", "Hanna")):
        assert abs(words[label]["x0"] - words[value]["x0"]) < 1
        assert words[value]["top"] > words[label]["top"]


def test_some_pdf_line_ends_in_a_hyphenated_word():
    """pypdfium2 marks a line-final hyphen with U+FFFE; readers must join the word again."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(SAMPLES / EVALUATION))
    raw = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    assert "överens\ufffe" in raw


def test_scanned_pdf_has_no_text_layer_only_images():
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(str(SAMPLES / STOCKHOLM_SCAN))
    try:
        assert len(pdf) == len(pdf_text(SAMPLES / STOCKHOLM))  # the same document, page for page
        for page in pdf:
            assert page.get_textpage().get_text_range().strip() == ""
            kinds = {obj.type for obj in page.get_objects()}
            assert kinds == {pdfium_c.FPDF_PAGEOBJ_IMAGE}
    finally:
        pdf.close()


def test_png_scan_is_one_300_dpi_page():
    from PIL import Image

    with Image.open(SAMPLES / SIGNATURES_PNG) as image:
        assert image.size == (2480, 3508)  # A4 at 300 dpi
        assert round(image.info["dpi"][0]) == 300


@pytest.mark.skipif(not __import__("shutil").which("tesseract"), reason="tesseract not installed")
def test_png_scan_is_readable_by_tesseract():
    """The scan is clean enough that OCR finds the facts (the OCR issue relies on it)."""
    import subprocess

    out = subprocess.run(["tesseract", str(SAMPLES / SIGNATURES_PNG), "-", "-l", "swe"],
                         capture_output=True, text=True, timeout=120).stdout
    for fact in ("SON 2019-536", "212000-0449", "822004-0417", "Brottsofferjouren i Linköping"):
        assert fact in out, fact


def test_docx_opens_and_carries_the_agreement():
    text = flat(docx_text(SAMPLES / AGREEMENT))
    for fact in ("SON 2019-536", "2022-12-10", "John Fristedt", "813 514 kr per kalenderår", "472 200 kr",
                 "341 314 kronor", "2023-01-01 till och med 2025-12-31", "sex (6) månader", "första kvartalet 2025",
                 "Operativa möten, två ggr/år", "Strategiska möten, två ggr/år", "212000-0449", "822004-0417",
                 "en gång per år i januari"):
        assert fact in text, fact


def test_docx_has_tables_and_fixed_properties():
    import docx

    document = docx.Document(str(SAMPLES / AGREEMENT))
    assert len(document.tables) == 2
    assert document.core_properties.created.year == 2022
    with zipfile.ZipFile(SAMPLES / AGREEMENT) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2022, 12, 10, 9, 0, 0)}


def test_ocr_text_is_utf8_with_seed000_style_errors():
    raw = (SAMPLES / PROPOSAL_OCR).read_bytes()
    text = raw.decode("utf-8")  # raises if not UTF-8
    for damaged in ("Linkdping", "6verenskommelse", "upphdr", "férsta kvartalet", "I0P", "namnden"):
        assert damaged in text, damaged
    # The numbers survive OCR: a reader (and the extractors) can still find them.
    for fact in ("813 514 kr per kalenderår", "472 200 kr", "341 314 kronor", "2023-01-01- 2025-12-31", "2025"):
        assert fact in flat(text), fact
    assert "SON " not in text  # the proposal carries no case number (seed 002)


def test_markdown_sample_keeps_the_five_year_inconsistency():
    text = (SAMPLES / KVINNOJOUR).read_text(encoding="utf-8")
    assert "SON 2024-1431" in text and "2024-12-11" in text and "Liselott Borg" in text
    assert "2025-01-01- 2030-12-31" in text  # six years of dates ...
    assert "löpa i fem år" in text  # ... called five: a checker should flag it
    assert "ytterligare fem år" in text


def test_diff_pair_docx_matches_its_pdf():
    for stem in (DIFF_V1, DIFF_V2):
        docx_flat = flat(docx_text(SAMPLES / f"{stem}.docx"))
        pdf_flat = flat(" ".join(pdf_text(SAMPLES / f"{stem}.pdf")))
        for value in re.findall(r"\d[\d ]*\d kr|\d{4}-\d{2}-\d{2}|KS \d{4}/\d+|\d{6}-\d{4}|\w+ gånger per år", docx_flat):
            assert value in pdf_flat, (stem, value)


def _sections(body: str) -> list[tuple[str, str]]:
    blocks = make_samples.parse_body(body)
    sections, heading = [], None
    for block in blocks:
        if block.kind == "h2":
            heading = block.lines[0]
            sections.append((heading, ""))
        elif heading:
            sections[-1] = (heading, sections[-1][1] + " " + " ".join(block.lines))
    return sections


def test_diff_pair_differs_in_exactly_the_planned_ways():
    before, after = (dict(_sections(make_samples.diff_agreement(v))) for v in (1, 2))
    order_before, order_after = (list(_sections(make_samples.diff_agreement(v))) for v in (1, 2))
    assert before.keys() == after.keys()
    changed = {h for h in before if before[h] != after[h]}
    assert changed == {"Bakgrund och syfte", "Samverkan och uppföljning", "Ekonomi", "Period"}
    moved = make_samples.DIFF_CHANGES["moved_section"]
    assert [h for h, _ in order_before if h != moved] == [h for h, _ in order_after if h != moved]
    assert [h for h, _ in order_before].index(moved) != [h for h, _ in order_after].index(moved)
    assert "350 000 kr" in flat(before["Ekonomi"]).replace("\u00a0", " ")
    assert "385 000 kr" in flat(after["Ekonomi"]).replace("\u00a0", " ")


@pytest.mark.parametrize("org_number", ["822004-0417", "212000-0449", "802490-7720", "802476-1044", "802015-4822",
                                        "802467-9139"])
def test_sample_org_numbers_pass_luhn(org_number):
    assert make_samples.luhn_ok(org_number)


def test_make_samples_regenerates_identical_bytes(fresh_samples, tmp_path):
    second = make_samples.write_samples(tmp_path)
    assert [p.read_bytes() for p in fresh_samples.values()] == [p.read_bytes() for p in second]


def test_write_corpus_is_valid_and_reproducible(tmp_path):
    paths = make_samples.write_corpus(tmp_path / "c", n_docs=20, pages_per_doc=5, seed=3)
    assert len(paths) == 20
    texts = [" ".join(pdf_text(p)) for p in paths]
    assert all("5 (5)" in t for t in texts)
    org_numbers = {n for t in texts for n in re.findall(r"\b\d{6}-\d{4}\b", t)}
    assert org_numbers and all(make_samples.luhn_ok(n) for n in org_numbers)
    assert len({t.split("\n", 1)[0] for t in texts}) > 1  # varied municipalities
    again = make_samples.write_corpus(tmp_path / "d", n_docs=2, pages_per_doc=5, seed=3)
    assert again[1].read_bytes() == paths[1].read_bytes()


def test_make_samples_doctests():
    import doctest

    result = doctest.testmod(make_samples)
    assert result.attempted > 0 and result.failed == 0
