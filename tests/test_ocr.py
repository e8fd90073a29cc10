"""OCR of scanned pages: the Swedish tokens an IOP record is built from must survive Tesseract.

The scans are made here: Swedish text drawn with Pillow at 300 dpi (11 pt DejaVu Sans), saved as
PNG, JPEG, multi-page TIFF and an image-only PDF. Tests that run the real Tesseract are skipped when
it (or its Swedish model) is missing; CI installs both, so there they run. A fake `tesseract` script
on PATH covers the paths that do not need real recognition (fallbacks, failures).
"""
from __future__ import annotations

import os
import stat
import subprocess
import threading
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from iopcli import ocr, pageimage
from iopcli.ocrtext import LOW_CONFIDENCE

DPI = 300
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

needs_tesseract = pytest.mark.skipif(
    not ocr.swedish_available(), reason="needs tesseract-ocr and tesseract-ocr-swe")

# Page 1 carries the facts of seed SON 2024-1523 (see shared/gold); page 2 another decision.
PAGE_ONE = [
    "Socialförvaltningen                Datum            Diarienummer",
    "                                   2025-04-14       SON 2024-1523",
    "Överenskommelse om idéburet offentligt partnerskap",
    "Mellan Stockholms stad och Brottsofferjouren Stockholm-Gotland",
    "802490-7720 har följande överenskommelse träffats.",
    "Bidraget uppgår till 813 514 kr för år 2025.",
    "Överenskommelsen gäller från och med 2025-01-01 till och med",
    "2025-12-31. Uppsägning ska ske skriftligen senast tre månader före.",
]
PAGE_TWO = [
    "Beslut                             Dnr KS 2023/0456",
    "Kommunstyrelsen beslutar att förlänga partnerskapet till 2026-12-31.",
    "Ärendet återrapporteras kvartalsvis till nämnden.",
]


def scanned_page(lines: list[str]) -> Image.Image:
    """Give an A4 page at 300 dpi with `lines` in 11 pt type, as a scanner would deliver it."""
    font = ImageFont.truetype(str(FONT), size=round(11 / 72 * DPI))
    page = Image.new("L", (round(8.27 * DPI), round(11.69 * DPI)), 255)
    draw = ImageDraw.Draw(page)
    for row, line in enumerate(lines):
        draw.text((200, 250 + row * 90), line, font=font, fill=0)
    return page


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> dict[str, Path]:
    if not FONT.exists():
        pytest.skip("DejaVu font missing (fonts-dejavu-core)")
    folder = tmp_path_factory.mktemp("scans")
    one, two = scanned_page(PAGE_ONE), scanned_page(PAGE_TWO)
    paths = {kind: folder / f"scan.{kind}" for kind in ("png", "jpg", "pdf", "tif")}
    one.save(paths["png"], dpi=(DPI, DPI))
    one.save(paths["jpg"], dpi=(DPI, DPI), quality=85)
    one.save(paths["pdf"], resolution=DPI, save_all=True, append_images=[two])  # images only
    # Office scanners often deliver bilevel CCITT group 4 TIFFs, one frame per page.
    one.convert("1").save(paths["tif"], dpi=(DPI, DPI), compression="group4",
                          save_all=True, append_images=[two.convert("1")])
    return paths


def assert_page_one(text: str) -> None:
    for token in ("SON 2024-1523", "2025-04-14", "802490-7720", "813 514 kr", "2025-12-31",
                  "överenskommelse", "Brottsofferjouren", "Socialförvaltningen"):
        assert token in text, f"{token!r} not in OCR text:\n{text}"


def tesseract_calls(monkeypatch) -> dict[str, int]:
    """Count page recognitions (tesseract runs on a page image file) and the most that ran at once."""
    real_run = subprocess.run
    counts = {"calls": 0, "active": 0, "most_at_once": 0}
    lock = threading.Lock()

    def counting_run(command, *args, **kwargs):
        if not any(str(part).endswith(".png") for part in command):
            return real_run(command, *args, **kwargs)
        with lock:
            counts["calls"] += 1
            counts["active"] += 1
            counts["most_at_once"] = max(counts["most_at_once"], counts["active"])
        try:
            return real_run(command, *args, **kwargs)
        finally:
            with lock:
                counts["active"] -= 1

    monkeypatch.setattr(ocr.subprocess, "run", counting_run)
    return counts


# --- Real Tesseract ---------------------------------------------------------------------------


@needs_tesseract
@pytest.mark.parametrize("kind", ["png", "jpg"])
def test_image_scan_gives_the_record_tokens(scans, kind):
    assert_page_one(ocr.ocr_image(scans[kind]))


@needs_tesseract
def test_image_only_pdf_gives_each_page_its_text(scans):
    pages = ocr.ocr_pdf_pages(str(scans["pdf"]), [1, 2])
    assert sorted(pages) == [1, 2]
    assert_page_one(pages[1].text)
    assert "KS 2023/0456" in pages[2].text and "2026-12-31" in pages[2].text
    assert "SON 2024-1523" not in pages[2].text
    # A clean page reads with high confidence; page 2 has too few words (17) to be judged by it.
    assert pages[1].confidence > LOW_CONFIDENCE and pages[2].confidence is None


@needs_tesseract
def test_only_the_asked_pages_are_recognised(scans, monkeypatch):
    counts = tesseract_calls(monkeypatch)
    pages = ocr.ocr_pdf_pages(str(scans["pdf"]), [2])
    assert list(pages) == [2] and counts["calls"] == 1
    assert "Kommunstyrelsen" in pages[2].text


@needs_tesseract
def test_pages_are_recognised_in_parallel(scans, monkeypatch):
    counts = tesseract_calls(monkeypatch)
    ocr.ocr_pdf_pages(str(scans["pdf"]), [1, 2], jobs=2)
    assert counts == {"calls": 2, "active": 0, "most_at_once": 2}


@needs_tesseract
def test_one_job_recognises_one_page_at_a_time(scans, monkeypatch):
    counts = tesseract_calls(monkeypatch)
    ocr.ocr_pdf_pages(str(scans["pdf"]), [1, 2], jobs=1)
    assert counts["calls"] == 2 and counts["most_at_once"] == 1


@needs_tesseract
def test_multi_page_tiff_gives_a_text_per_page(scans):
    pages = ocr.ocr_image_pages(scans["tif"])
    assert len(pages) == 2
    assert_page_one(pages[0].text)
    assert "KS 2023/0456" in pages[1].text


@needs_tesseract
def test_cache_answers_without_running_tesseract(scans, tmp_path, monkeypatch):
    cache = ocr.OcrCache(tmp_path / "iop.db.ocr-cache")
    first = ocr.ocr_pdf_pages(str(scans["pdf"]), [1, 2], cache=cache)
    assert len(list(cache.root.rglob("*.json"))) == 2

    counts = tesseract_calls(monkeypatch)
    again = ocr.ocr_pdf_pages(str(scans["pdf"]), [1, 2], cache=cache)
    assert again == first and counts["calls"] == 0  # the confidence comes back from the cache too
    assert again[1].confidence is not None

    # Another resolution is another reading: it is recognised, not taken from the cache.
    ocr.ocr_pdf_pages(str(scans["pdf"]), [2], dpi=200, cache=cache)
    assert counts["calls"] == 1


@needs_tesseract
def test_image_cache_is_keyed_by_the_given_hash(scans, tmp_path, monkeypatch):
    cache = ocr.OcrCache(tmp_path / "cache")
    sha256 = ocr.file_sha256(scans["png"])
    first = ocr.ocr_image_pages(scans["png"], cache=cache, sha256=sha256)
    counts = tesseract_calls(monkeypatch)
    assert ocr.ocr_image_pages(scans["png"], cache=cache, sha256=sha256) == first
    assert counts["calls"] == 0


def office_scan(page: Image.Image) -> Image.Image:
    """Give `page` as a cheap office scanner leaves it: askew, soft, speckled, at 200 dpi."""
    import random

    askew = page.rotate(0.8, resample=Image.BICUBIC, fillcolor=255).filter(ImageFilter.GaussianBlur(1.2))
    speckle = Image.frombytes("L", askew.size, random.Random(6).randbytes(askew.width * askew.height))
    return Image.blend(askew, speckle, 0.25).resize((askew.width * 2 // 3, askew.height * 2 // 3))


@needs_tesseract
def test_askew_noisy_low_resolution_scan_still_gives_the_tokens(tmp_path):
    path = tmp_path / "kontorsskanner.jpg"
    office_scan(scanned_page(PAGE_ONE)).save(path, dpi=(200, 200), quality=50)
    assert_page_one(ocr.ocr_image(path))


@needs_tesseract
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_page_scanned_sideways_or_upside_down_is_turned(tmp_path, turn):
    path = tmp_path / f"turned{turn}.pdf"
    scanned_page(PAGE_ONE).rotate(turn, expand=True).save(path, resolution=DPI)
    assert_page_one(ocr.ocr_pdf_pages(str(path), [1])[1].text)


@needs_tesseract
def test_version_and_swedish_are_reported():
    assert ocr.tesseract_available()
    assert ocr.tesseract_version()[0].isdigit()
    assert ocr.ocr_language() == ("swe", "")


# --- When a page needs OCR (pypdfium2 only) ---------------------------------------------------


def text_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 750, "Överenskommelse om idéburet offentligt partnerskap, Dnr SON 2024-1523")
    pdf.showPage()
    pdf.drawString(72, 750, "2 (2)")  # a page number only, no image: a blank page, not a scan
    pdf.save()
    return path


def page_facts(path: Path) -> list[tuple[bool, bool]]:
    import pypdfium2 as pdfium

    with pdfium.PdfDocument(str(path)) as pdf:
        facts = []
        for page in pdf:
            text = page.get_textpage().get_text_bounded()
            needs_ocr = ocr.page_needs_ocr(text, ocr.pdf_page_has_images(page))
            assert ocr.pdf_page_needs_ocr(page, text) is needs_ocr
            facts.append((ocr.pdf_page_has_images(page), needs_ocr))
        return facts


def test_scanned_pdf_pages_need_ocr(scans):
    assert page_facts(scans["pdf"]) == [(True, True), (True, True)]


def test_text_pdf_pages_never_need_ocr(tmp_path):
    assert page_facts(text_pdf(tmp_path / "text.pdf")) == [(False, False), (False, False)]


@pytest.mark.parametrize("text, has_images, expected", [
    pytest.param("", True, True, id="own-scan-without-text-layer"),
    pytest.param("1 (3)\r\n", True, True, id="issue2-footer-only-over-scan"),
    pytest.param("\ufffd" * 40, True, True, id="own-undecodable-font-over-scan"),
    pytest.param("Dnr SON 2024-1523 Datum 2025-04-14", True, False, id="seed001-text-with-logo"),
    pytest.param("", False, False, id="own-blank-page"),
])
def test_page_needs_ocr(text, has_images, expected):
    assert ocr.page_needs_ocr(text, has_images) is expected


# --- Tesseract absent or odd (no real Tesseract needed) ---------------------------------------


def test_without_tesseract_on_path_ocr_says_how_to_install(scans, monkeypatch):
    monkeypatch.setenv("PATH", "")
    assert not ocr.tesseract_available()
    assert ocr.tesseract_version() is None
    assert not ocr.swedish_available()
    for attempt in (lambda: ocr.ocr_pdf_pages(str(scans["pdf"]), [1]),
                    lambda: ocr.ocr_image_pages(scans["png"]),
                    ocr.ocr_language):
        with pytest.raises(ocr.OcrUnavailable, match="apt-get install tesseract-ocr tesseract-ocr-swe"):
            attempt()


def fake_tesseract(folder: Path, langs: str, page_script: str) -> None:
    """Put a `tesseract` on PATH that knows `langs` and runs `page_script` for a page.

    The script sees the output base as $2 and the page segmentation mode as $PSM; it writes the
    text to $2.txt itself or leaves it to the default (the arguments and OMP_THREAD_LIMIT).
    """
    script = folder / "tesseract"
    script.write_text(f"""#!/bin/sh
case "$1" in
  --version) echo "tesseract 9.9.9"; exit 0;;
  --list-langs) printf 'List of available languages in "/x/" (1):\\n{langs}'; exit 0;;
esac
PSM=$(echo "$*" | sed 's/.*--psm \\([0-9]*\\).*/\\1/')
printf 'args: %s\\nomp=%s\\f' "$(echo "$*" | sed "s|$2|OUT|; s|^[^ ]*\\.png|PAGE.png|")" "$OMP_THREAD_LIMIT" > "$2.txt"
{page_script}
""")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


def fake_tsv(confidence: int, words: int = 1) -> str:
    """Give shell that writes a TSV of `words` words, each with the given confidence."""
    rows = r"5\t%s\tword\n" * words
    return (f'printf "level\\tconf\\ttext\\n{rows}" ' + f'{confidence} ' * words + '> "$2.tsv"')


def test_without_swedish_model_falls_back_and_says_so(scans, tmp_path, monkeypatch):
    fake_tesseract(tmp_path, "eng\\nosd\\n", "exit 0")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    assert ocr.tesseract_version() == "9.9.9" and not ocr.swedish_available()
    lang, warning = ocr.ocr_language()
    assert lang == "eng" and "tesseract-ocr-swe" in warning
    assert "-l eng --dpi 300" in ocr.ocr_pdf_pages(str(scans["pdf"]), [1])[1].text


def test_fake_pages_get_omp_limit_and_each_their_own_text(scans, tmp_path, monkeypatch):
    fake_tesseract(tmp_path, "swe\\n", "exit 0")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    pages = ocr.ocr_pdf_pages(str(scans["pdf"]), [2, 1, 2], dpi=150)
    assert sorted(pages) == [1, 2]
    # one run per page, the form feed that ends Tesseract's page stripped; a scanned page is read
    # at its own resolution (300 dpi), whatever resolution other pages would be rendered at
    assert pages[1] == ("args: PAGE.png OUT -l swe --dpi 300 --psm 3 txt tsv\nomp=1", None)


@pytest.mark.parametrize("langs, confidence, words, expected_psm, expected_confidence", [
    pytest.param("swe\\nosd\\n", 20, 60, "1", 95, id="own-sideways-scan-is-turned"),
    pytest.param("swe\\nosd\\n", 90, 60, "3", 90, id="own-upright-scan-read-once"),
    pytest.param("swe\\n", 20, 60, "3", 20, id="own-no-orientation-model"),
    # A signature page: a few scribbles read with low confidence however the page lies.
    pytest.param("swe\\nosd\\n", 20, 5, "3", None, id="own-nearly-blank-page-read-once"),
])
def test_low_confidence_page_is_read_again_with_orientation(scans, tmp_path, monkeypatch, langs,
                                                             confidence, words, expected_psm,
                                                             expected_confidence):
    # The first reading (psm 3) has `confidence`; a second (psm 1) would have 95.
    fake_tesseract(tmp_path, langs, f'[ "$PSM" = 3 ] && {fake_tsv(confidence, words)} '
                                    f'|| {fake_tsv(95, words)}')
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    reading = ocr.ocr_pdf_pages(str(scans["pdf"]), [1])[1]
    assert f"--psm {expected_psm}" in reading.text
    assert reading.confidence == expected_confidence


def test_failing_tesseract_names_the_page(scans, tmp_path, monkeypatch):
    fake_tesseract(tmp_path, "swe\\n", 'echo "Error in pixReadMem" >&2; exit 1')
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(ocr.OcrFailed, match=r"scan.pdf page 2: Tesseract failed \(Error in pixReadMem\)"):
        ocr.ocr_pdf_pages(str(scans["pdf"]), [2])


def test_page_out_of_range_is_an_error(scans, tmp_path, monkeypatch):
    fake_tesseract(tmp_path, "swe\\n", "exit 0")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(ocr.OcrFailed, match="no page 3"):
        ocr.ocr_pdf_pages(str(scans["pdf"]), [3])


def test_unreadable_image_is_an_error(tmp_path, monkeypatch):
    fake_tesseract(tmp_path, "swe\\n", "exit 0")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG not really")
    with pytest.raises(ocr.OcrFailed, match="broken.png: not a readable image"):
        ocr.ocr_image_pages(broken)


# --- Pure pieces --------------------------------------------------------------------------------


def test_cache_round_trip_and_keys(tmp_path):
    cache = ocr.OcrCache(tmp_path / "c")
    sha = "ab" * 32
    reading = ocr.PageReading("Överenskommelse SON 2024-1523", 91.5)
    assert cache.get(sha, 1, 300, "5.3.0", "swe") is None
    assert cache.put(sha, 1, 300, "5.3.0", "swe", reading)
    assert cache.get(sha, 1, 300, "5.3.0", "swe") == reading
    assert cache.put(sha, 2, 300, "5.3.0", "swe", ocr.PageReading("", None))
    assert cache.get(sha, 2, 300, "5.3.0", "swe") == ("", None)
    for other in [(sha, 3, 300, "5.3.0", "swe"), (sha, 1, 200, "5.3.0", "swe"),
                  (sha, 1, 300, "5.4.0", "swe"), (sha, 1, 300, "5.3.0", "eng"),
                  ("cd" * 32, 1, 300, "5.3.0", "swe")]:
        assert cache.get(*other) is None, other
    assert not list(cache.root.rglob("*.part"))


def test_cache_that_cannot_be_written_does_not_fail(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert ocr.OcrCache(blocker / "cache").put("ab" * 32, 1, 300, "5", "swe", ocr.PageReading("x", 90.0)) is False


def test_cache_of_an_older_format_is_not_read_as_a_reading(tmp_path):
    cache = ocr.OcrCache(tmp_path / "c")
    sha = "ab" * 32
    # Format 1 kept bare text in a .txt file; a damaged or foreign file under the new name is no reading.
    old = cache.path_for(sha, 1, 300, "5.3.0", "swe").with_name("p0001-300dpi-swe-tesseract5.3.0.txt")
    old.parent.mkdir(parents=True)
    old.write_text("Överenskommelse", encoding="utf-8")
    assert cache.get(sha, 1, 300, "5.3.0", "swe") is None
    for damaged in ("Överenskommelse", '{"text": 5}', '{"confidence": 90}', '{"text": "x", "confidence": "hög"}'):
        cache.path_for(sha, 1, 300, "5.3.0", "swe").write_text(damaged, encoding="utf-8")
        assert cache.get(sha, 1, 300, "5.3.0", "swe") is None, damaged


@pytest.mark.parametrize("frame, grey", [
    pytest.param(Image.new("RGBA", (4, 4), (0, 0, 0, 0)), 255, id="own-transparent-png-on-white"),
    pytest.param(Image.new("1", (4, 4), 0), 0, id="own-bilevel-fax-tiff"),
    pytest.param(Image.new("I;16", (4, 4), 40000), 156, id="own-16-bit-grey-scan"),
    pytest.param(Image.new("CMYK", (4, 4), (0, 0, 0, 0)), 255, id="own-cmyk-jpeg"),
])
def test_frames_become_8_bit_grey(frame, grey):
    page = pageimage._page_image(frame)
    assert (page.mode, page.getpixel((0, 0))) == ("L", grey)


def test_damaged_pdf_is_an_error(tmp_path, monkeypatch):
    fake_tesseract(tmp_path, "swe\\n", "exit 0")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    damaged = tmp_path / "trasig.pdf"
    damaged.write_bytes(b"%PDF-1.4 this is not a pdf")
    with pytest.raises(ocr.OcrFailed, match="trasig.pdf: the PDF could not be rendered"):
        ocr.ocr_pdf_pages(str(damaged), [1])


def test_iop_tesseract_names_the_executable(monkeypatch, tmp_path):
    """Windows installs Tesseract outside PATH: $IOP_TESSERACT gives its full path."""
    from iopcli import ocr as module

    fake = tmp_path / "tesseract.exe"
    fake.write_text("")
    monkeypatch.setenv("IOP_TESSERACT", str(fake))
    assert module.tesseract_path() == str(fake)
    monkeypatch.setenv("IOP_TESSERACT", str(tmp_path / "nowhere" / "tesseract.exe"))
    assert module.tesseract_path() is None and not module.tesseract_available()
