"""Seconds per OCRed page on this machine: one page at a time, and one page per core.

    python bench/ocr.py [--pages 8] [--dpi 300]

Builds an image-only PDF of A4 pages of Swedish agreement text (11 pt, full pages, like a scanned
IOP överenskommelse), then OCRs every page with iopcli.ocr twice: with one worker and with one
worker per core. Prints seconds per page and pages per minute for both. No cache is used.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from iopcli import ocr  # noqa: E402

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
PARAGRAPHS = [
    "Överenskommelse om idéburet offentligt partnerskap (IOP) mellan Stockholms stad,",
    "socialnämnden, och Brottsofferjouren Stockholm-Gotland, organisationsnummer 802490-7720.",
    "Diarienummer SON 2024-1523. Beslutsdatum 2025-04-14.",
    "Överenskommelsen gäller från och med den 1 januari 2025 till och med den 31 december 2025.",
    "Staden bidrar med 813 514 kronor för verksamhetsåret. Bidraget betalas ut kvartalsvis i",
    "förskott efter att rekvisition inkommit. Föreningen ska senast den 31 mars 2026 lämna en",
    "verksamhetsberättelse och en ekonomisk redovisning som har granskats av revisor.",
    "Parterna ska träffas minst två gånger per år för dialog om verksamhetens inriktning.",
    "Uppsägning av överenskommelsen ska ske skriftligen senast tre månader före avtalstidens slut.",
    "Vid väsentligt avtalsbrott får staden säga upp överenskommelsen med omedelbar verkan.",
]


def page_image(number: int, dpi: int) -> Image.Image:
    """Give a full A4 page of agreement text at `dpi`, with a header and a page footer."""
    font = ImageFont.truetype(FONT, size=round(11 / 72 * dpi))
    page = Image.new("L", (round(8.27 * dpi), round(11.69 * dpi)), 255)
    draw = ImageDraw.Draw(page)
    line_height = round(0.3 * dpi)
    top, bottom = round(0.8 * dpi), round(10.8 * dpi)
    left = round(0.8 * dpi)
    for row, y in enumerate(range(top, bottom, line_height)):
        draw.text((left, y), PARAGRAPHS[(row + number) % len(PARAGRAPHS)], font=font, fill=0)
    draw.text((round(7.2 * dpi), round(11.1 * dpi)), f"{number} (N)", font=font, fill=0)
    return page


def timed(path: str, pages: list[int], dpi: int, jobs: int) -> tuple[float, dict[int, str]]:
    start = time.perf_counter()
    texts = ocr.ocr_pdf_pages(path, pages, dpi=dpi, jobs=jobs)
    return time.perf_counter() - start, texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--dpi", type=int, default=300)
    args = parser.parse_args()
    if not ocr.tesseract_available():
        print(f"Tesseract is not installed; {ocr.INSTALL_HINT}")
        return 1
    cores = ocr.available_cores()
    print(f"tesseract {ocr.tesseract_version()}, language {ocr.ocr_language()[0]}, "
          f"{cores} cores, {args.pages} full A4 pages at {args.dpi} dpi")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "skannad.pdf")
        images = [page_image(n, args.dpi) for n in range(1, args.pages + 1)]
        images[0].save(path, resolution=args.dpi, save_all=True, append_images=images[1:])
        pages = list(range(1, args.pages + 1))
        results = {}
        for label, jobs in (("sequential", 1), (f"parallel x{cores}", cores)):
            seconds, texts = timed(path, pages, args.dpi, jobs)
            results[label] = texts
            per_page = seconds / args.pages
            print(f"{label:>14}: {seconds:6.1f} s total, {per_page:5.2f} s/page, "
                  f"{60 / per_page:5.1f} pages/min")
    words = sum(len(text.split()) for text in results["sequential"].values()) / args.pages
    found = sum("SON 2024-1523" in text for text in results["sequential"].values())
    print(f"{words:.0f} words a page; case number SON 2024-1523 read right on {found} of "
          f"{args.pages} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
