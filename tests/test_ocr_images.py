"""Page images before Tesseract: scans taken at their own resolution, cleaned, straightened, bounded.

The pages are made here with Pillow and reportlab; tests that run the real Tesseract are skipped when
it (or its Swedish model) is missing. The fixtures in fixtures/ocr/ are Tesseract's text of poor
scans made by bench/make_scans.py (rewrite them with `python bench/ocr.py --fixtures h06 h13 h16`),
so extraction from OCR text is tested without Tesseract.
"""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from iopcli import ocr, pageimage, readers, scanprep
from iopcli.record import build_record

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FIXTURES = Path(__file__).parent / "fixtures" / "ocr"
LINES = [
    "Överenskommelse om idéburet offentligt partnerskap",
    "Diarienummer SON 2024-1523      Datum 2025-04-14",
    "Brottsofferjouren Stockholm-Gotland, org.nr 802490-7720,",
    "får 813 514 kr för år 2025. Överenskommelsen gäller från och med",
    "2025-01-01 till och med 2025-12-31. Uppsägning ska ske skriftligen.",
] * 3

needs_tesseract = pytest.mark.skipif(
    not ocr.swedish_available(), reason="needs tesseract-ocr and tesseract-ocr-swe")
needs_font = pytest.mark.skipif(not FONT.exists(), reason="DejaVu font missing (fonts-dejavu-core)")


def text_page(dpi: int, lines: list[str] = LINES) -> Image.Image:
    """Give an A4 page at `dpi` with `lines` in 11 pt type, black on white."""
    font = ImageFont.truetype(str(FONT), size=round(11 / 72 * dpi))
    page = Image.new("L", (round(8.27 * dpi), round(11.69 * dpi)), 255)
    draw = ImageDraw.Draw(page)
    for row, line in enumerate(lines):
        draw.text((round(0.8 * dpi), round((1 + row * 0.3) * dpi)), line, font=font, fill=0)
    return page


def office_scan(page: Image.Image, turn: float, seed: int = 3) -> Image.Image:
    """Give `page` askew, soft, grey and speckled on 1.5 % of its pixels, as bench/make_scans does."""
    rng = random.Random(seed)
    scanned = page.rotate(turn, resample=Image.BICUBIC, fillcolor=255)
    scanned = scanned.filter(ImageFilter.GaussianBlur(0.6)).point(lambda v: 40 + v * 175 // 255)
    noise = Image.frombytes("L", scanned.size, rng.randbytes(scanned.width * scanned.height))
    scanned = Image.composite(Image.new("L", scanned.size, 0), scanned, noise.point(lambda v: 255 if v < 2 else 0))
    return Image.composite(Image.new("L", scanned.size, 255), scanned, noise.point(lambda v: 255 if v > 253 else 0))


def image_pdf(path: Path, images: list[Image.Image], dpi: int) -> Path:
    images[0].save(path, resolution=dpi, save_all=True, append_images=images[1:])
    return path


def open_page(path: Path, number: int = 1):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    return pdf, pdf[number - 1]


# --- A scanned page is taken at its own resolution ----------------------------------------------


@needs_font
@pytest.mark.parametrize("dpi", [110, 137, 300])
def test_single_image_page_is_read_at_its_own_resolution(tmp_path, dpi):
    scan = office_scan(text_page(dpi), 0.7)
    pdf, page = open_page(image_pdf(tmp_path / "skannad.pdf", [scan], dpi))
    assert pageimage.full_page_image(page) is not None
    image, found_dpi = pageimage.pdf_page_image(page, 300, "skannad.pdf page 1")
    assert (image.size, image.mode, found_dpi) == (scan.size, "L", dpi)  # not rendered at 300
    pdf.close()


def test_page_with_text_and_a_logo_is_rendered(tmp_path):
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    logo = Image.new("L", (60, 60), 0)
    path = tmp_path / "brev.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawImage(ImageReader(logo), 0, 0, width=595, height=842)  # covers the page, but ...
    pdf.drawString(72, 750, "Dnr SON 2024-1523")                   # ... text is drawn over it
    pdf.save()
    document, page = open_page(path)
    assert pageimage.full_page_image(page) is None
    image, dpi = pageimage.pdf_page_image(page, 150, "brev.pdf page 1")
    assert dpi == 150
    assert image.size == pytest.approx((page.get_width() * 150 / 72, page.get_height() * 150 / 72), abs=1)
    document.close()


def test_small_image_on_a_page_is_not_the_page(tmp_path):
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = tmp_path / "logga.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawImage(ImageReader(Image.new("L", (60, 60), 0)), 72, 700, width=100, height=100)
    pdf.save()
    document, page = open_page(path)
    assert pageimage.full_page_image(page) is None
    document.close()


# --- The pixel budget ---------------------------------------------------------------------------


def huge_page_pdf(path: Path, points: int) -> Path:
    """Write a PDF of one `points` × `points` page with a tiny image on it: a few hundred bytes."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(points, points), pageCompression=1)
    pdf.drawImage(ImageReader(Image.new("L", (4, 4), 0)), 0, 0, width=50, height=50)
    pdf.save()
    return path


def test_a_14400_point_page_is_refused_without_rendering_it(tmp_path, monkeypatch):
    path = huge_page_pdf(tmp_path / "affisch.pdf", 14400)
    pdf, page = open_page(path)
    monkeypatch.setattr(type(page), "render", lambda *a, **k: pytest.fail("the page was rendered"))
    with pytest.raises(ocr.OcrFailed, match=r"affisch.pdf page 1: the page is 200 × 200 inches; .* "
                                            r"at 30 dpi, too coarse to recognise"):
        pageimage.pdf_page_image(page, 300, "affisch.pdf page 1")
    pdf.close()


def test_a_large_page_is_rendered_smaller_to_fit_the_budget(tmp_path):
    path = huge_page_pdf(tmp_path / "ritning.pdf", 3600)  # 50 × 50 inches
    pdf, page = open_page(path)
    image, dpi = pageimage.pdf_page_image(page, 300, "ritning.pdf page 1")
    assert dpi == 120 and image.width * image.height <= pageimage.MAX_PAGE_PIXELS
    pdf.close()


HUGE_PAGE_SCRIPT = """
import resource, sys
from iopcli import ocr
try:
    ocr.ocr_pdf_pages(sys.argv[1], [1])
except ocr.OcrFailed as error:
    print(error)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


@needs_tesseract
def test_huge_page_costs_little_memory_and_says_why(tmp_path):
    path = huge_page_pdf(tmp_path / "affisch.pdf", 14400)
    done = subprocess.run([sys.executable, "-c", HUGE_PAGE_SCRIPT, str(path)],
                          capture_output=True, text=True, timeout=120, check=True)
    reason, peak_mb = done.stdout.strip().splitlines()
    assert "too coarse to recognise" in reason
    assert int(peak_mb) < 1024, f"{peak_mb} MB"


def test_image_over_the_budget_is_shrunk_by_a_whole_factor():
    image, dpi = pageimage.fit_to_budget(Image.new("L", (3000, 2000), 255), 600, max_pixels=2_000_000)
    assert image.size == (1500, 1000) and dpi == 300
    same, same_dpi = pageimage.fit_to_budget(Image.new("L", (30, 20), 255), 300)
    assert same.size == (30, 20) and same_dpi == 300


# --- Cleaning and straightening -----------------------------------------------------------------


@needs_font
@pytest.mark.parametrize("turn", [1.2, -0.8, 3.0])
def test_deskew_finds_a_known_tilt_within_half_a_degree(turn):
    scan = office_scan(text_page(130), turn)
    clean = scanprep.stretch_contrast(scanprep.despeckle(scan))
    assert scanprep.skew_angle(clean, 130) == pytest.approx(turn, abs=0.5)


@needs_font
def test_despeckle_removes_specks_and_leaves_a_clean_page_alone():
    page = text_page(130)
    assert scanprep.despeckle(page) is page
    speckled = office_scan(page, 0)
    cleaned = scanprep.despeckle(speckled)
    black_specks = lambda image: image.crop((0, 0, image.width, 100)).histogram()[0]  # noqa: E731
    assert black_specks(speckled) > 100 and black_specks(cleaned) < 5


def test_coarse_pages_alone_are_enlarged_after_cleaning():
    assert scanprep.upsample(Image.new("L", (100, 100)), 150)[1] == 150
    enlarged, dpi = scanprep.upsample(Image.new("L", (90, 120)), 90)
    assert (enlarged.size, dpi) == ((200, 267), 200)


@needs_tesseract
@needs_font
def test_a_poor_scan_is_read_right_after_cleaning(tmp_path):
    path = image_pdf(tmp_path / "kontorsskanner.pdf", [office_scan(text_page(115), -1.3).rotate(180)], 115)
    text = ocr.ocr_pdf_pages(str(path), [1])[1].text
    for token in ("SON 2024-1523", "2025-04-14", "802490-7720", "813 514 kr", "2025-12-31",
                  "Överenskommelse", "Brottsofferjouren"):
        assert token in text, f"{token!r} not in OCR text:\n{text}"


@needs_tesseract
@needs_font
def test_a_page_scanned_too_coarse_reads_with_low_confidence(tmp_path):
    from iopcli.ocrtext import LOW_CONFIDENCE

    blurred = office_scan(text_page(75, LINES * 2), 1.0).filter(ImageFilter.GaussianBlur(1.0))
    path = image_pdf(tmp_path / "fax.pdf", [blurred], 75)
    poor = ocr.ocr_pdf_pages(str(path), [1])[1]
    assert poor.confidence < LOW_CONFIDENCE  # measured: 49
    good = ocr.ocr_pdf_pages(str(image_pdf(tmp_path / "ren.pdf", [text_page(200, LINES * 2)], 200)), [1])[1]
    assert good.confidence > LOW_CONFIDENCE


# --- Progress and the page limit ----------------------------------------------------------------


def test_progress_is_reported_per_page_and_the_reader_stops_at_the_limit(tmp_path, monkeypatch):
    path = image_pdf(tmp_path / "lang.pdf", [Image.new("L", (100, 140), 255)] * 5, 12)
    asked, reported = [], []

    def fake_ocr(path, data, pages):
        asked.extend(pages)
        return {page: "Dnr KS 2018/14" for page in pages}

    fake_ocr.max_pages = 2
    document = readers.read(path, ocr=fake_ocr)
    assert asked == [1, 2]
    assert "pages 3, 4, 5 not read: over the OCR limit of 2 pages (--ocr-max-pages)" in document.warnings
    assert document.status == "ok"

    monkeypatch.setattr(ocr, "_read_page", lambda engine, image, dpi, where: where)
    monkeypatch.setattr(ocr, "_engine", lambda lang: ocr._Engine("tesseract", "5", "swe", False))
    texts = ocr.ocr_pdf_pages(str(path), [1, 2, 3], jobs=2,
                              progress=lambda done, total: reported.append((done, total)))
    assert texts == {n: f"lang.pdf page {n}" for n in (1, 2, 3)}
    assert reported == [(1, 3), (2, 3), (3, 3)]


def test_cache_keys_carry_the_page_preparation():
    assert ocr.PREPARATION in ocr._Engine("tesseract", "5.3.0", "swe", True).version


# --- Extraction from Tesseract's text of poor scans (no Tesseract needed) -----------------------


def ocr_record(fixture: Path) -> dict:
    """Give the record of a fixture's OCR text, read as the OCR of a scanned image would be."""
    pages = fixture.read_text(encoding="utf-8").split("\f")
    fake_ocr = lambda path, data, numbers: dict(enumerate(pages, 1))  # noqa: E731
    return build_record(readers.read(Path(fixture.stem + ".png"), b"\x89PNG\r\n\x1a\n", ocr=fake_ocr))


@pytest.mark.parametrize("fixture, document_date, org_numbers", [
    pytest.param("h06_lund_radrum_avtal-poor-scan.txt", "2019-12-12",
                 ["802006-7313", "802411-9086", "802510-4772"], id="dev-h06-poor-scan"),
    pytest.param("h13_vadstena_boj-poor-scan.txt", "2019-11-05", ["802478-1901"], id="dev-h13-poor-scan"),
    pytest.param("h16_goteborg_skyddsvarnet_fryshuset-poor-scan.txt", "2021-11-02", ["857201-5728"],
                 id="dev-h16-poor-scan"),
])
def test_poor_scan_text_gives_the_date_and_org_numbers(fixture, document_date, org_numbers):
    record = ocr_record(FIXTURES / fixture)
    assert record["ocr"]
    assert record["document_date"] == document_date
    assert sorted(p["org_number"] for p in record["parties"] if p["org_number"]) == org_numbers


def test_fixture_pages_are_separated_by_form_feeds():
    for fixture in FIXTURES.glob("*.txt"):
        assert fixture.read_text(encoding="utf-8").count("\f") >= 1, fixture.name


def test_the_median_from_min_and_max_is_pillows_median_inside_the_border():
    import random as _random

    from PIL import ImageChops, ImageFilter

    noise = Image.frombytes("L", (97, 61), _random.Random(4).randbytes(97 * 61))
    ours, pillows = scanprep.median3x3(noise), noise.filter(ImageFilter.MedianFilter(3))
    inner = (1, 1, 96, 60)
    assert ImageChops.difference(ours.crop(inner), pillows.crop(inner)).getextrema() == (0, 0)


def test_enlarging_never_passes_the_pixel_budget_nor_enlarges_what_cannot_be_read():
    from iopcli.pageimage import MAX_PAGE_PIXELS

    poster, dpi = scanprep.upsample(Image.new("L", (4000, 5000)), 60)
    assert poster.width * poster.height <= MAX_PAGE_PIXELS * 1.01 and 60 < dpi < 200
    tiny = Image.new("L", (850, 1100))
    assert scanprep.upsample(tiny, 20) == (tiny, 20)


# --- A page upside down is turned before it is read --------------------------------------------


@needs_font
@pytest.mark.parametrize("dpi, turn", [(110, 0.8), (137, -1.2), (300, 0.3)])
def test_a_page_upside_down_is_recognised_and_an_upright_one_is_not(dpi, turn):
    prepared, _ = scanprep.prepare(office_scan(text_page(dpi), turn), dpi)
    assert not scanprep.upside_down(prepared)
    assert scanprep.upside_down(prepared.rotate(180))


def test_the_scanned_sample_reads_upright_and_turned_it_reads_upside_down():
    sample = Image.open(Path(__file__).resolve().parents[1] / "samples" / "linkoping-son-2019-536-underskrifter-skannad.png")
    prepared, _ = scanprep.prepare(sample.convert("L"), 300)
    score, lines = scanprep.orientation_score(prepared)
    assert lines >= scanprep.MIN_LINES and score > scanprep.UPSIDE_DOWN_SCORE
    assert scanprep.upside_down(prepared.rotate(180))


def test_a_page_with_a_few_lines_is_not_judged():
    few = text_page(150, LINES[:2])
    assert not scanprep.upside_down(few.rotate(180))


@needs_tesseract
@needs_font
def test_an_upside_down_page_is_read_once(tmp_path, monkeypatch):
    dpi = 137
    scan = office_scan(text_page(dpi), 0.6).rotate(180)
    calls = []
    original = ocr._tesseract_once

    def counted(engine, image_file, page_dpi, where, psm):
        calls.append(psm)
        return original(engine, image_file, page_dpi, where, psm)

    monkeypatch.setattr(ocr, "_tesseract_once", counted)
    pdf_path = image_pdf(tmp_path / "omvand.pdf", [scan], dpi)
    reading = ocr.ocr_pdf_pages(str(pdf_path), [1], jobs=1)[1]
    assert calls == ["3"] and "802490-7720" in reading.text
