"""Make image-only PDFs that look like office scans of text PDFs, the same bytes every run.

    python bench/make_scans.py OUT [PDF ...] [--quality poor|good] [--seed 1]

Without PDFs, every PDF in ../shared/dev/pdf is scanned. Each output keeps its source's file stem,
so it matches the same gold record (bench/accuracy.py matches by stem).

poor: grey, 110-150 dpi, salt-and-pepper speckle on 1-2 % of the pixels, Gaussian blur 0.6 px,
      rotation up to ±1.5°, and one page of the whole set upside down: the old signed agreement
      that exists only as a cheap office scan.
good: grey, 200-300 dpi, a light blur and at most ±0.3° of rotation: a decent scanner.

Every choice comes from one random generator seeded with --seed and the file stem, so a document's
scan does not change when other documents are added to the set. Pillow only (it ships with
pdfplumber), so the scans are the same wherever iop's dependencies are installed.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
DEV_PDF = ROOT.parent / "shared" / "dev" / "pdf"
FIXED_DATE = time.gmtime(1_577_836_800)  # 2020-01-01, as the struct Pillow's PDF writer takes


@dataclass(frozen=True)
class Degradation:
    """How one quality of scanner spoils a page: ranges each page draws its own values from."""

    dpi: tuple[int, int]
    speckle: tuple[float, float]  # share of pixels turned black or white
    blur: float                   # Gaussian radius in pixels of the scan
    max_turn: float               # degrees either way


QUALITIES = {
    "poor": Degradation(dpi=(110, 150), speckle=(0.01, 0.02), blur=0.6, max_turn=1.5),
    "good": Degradation(dpi=(200, 300), speckle=(0.0, 0.0), blur=0.3, max_turn=0.3),
}


def page_seed(seed: int, stem: str) -> int:
    """Give a generator seed for one document that does not depend on Python's hash salt.

    >>> page_seed(1, "h01") == page_seed(1, "h01") != page_seed(2, "h01")
    True
    """
    return seed * 1_000_003 + sum((i + 1) * ord(ch) for i, ch in enumerate(stem))


def render(page, dpi: int) -> Image.Image:
    """Give a pypdfium2 page as an 8-bit grey image at `dpi`."""
    return page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")


def speckle(image: Image.Image, share: float, rng: random.Random) -> Image.Image:
    """Give `image` with about `share` of its pixels set to black or white (salt and pepper)."""
    if share <= 0:
        return image
    # One random byte per pixel: bytes below share*256 are pepper, the same count at the top salt.
    noise = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height))
    cut = max(1, round(share * 256 / 2))
    pepper = noise.point(lambda v: 255 if v < cut else 0)
    salt = noise.point(lambda v: 255 if v >= 256 - cut else 0)
    image = Image.composite(Image.new("L", image.size, 0), image, pepper)
    return Image.composite(Image.new("L", image.size, 255), image, salt)


def degrade(page: Image.Image, quality: Degradation, rng: random.Random,
            upside_down: bool) -> Image.Image:
    """Give a clean page image as the scanner would deliver it."""
    turn = rng.uniform(-quality.max_turn, quality.max_turn)
    # The paper lies askew on the glass: white around it, not black corners.
    scanned = page.rotate(turn, resample=Image.BICUBIC, fillcolor=255)
    if quality.blur:
        scanned = scanned.filter(ImageFilter.GaussianBlur(quality.blur))
    # Scanner grey: paper is never quite white, toner never quite black.
    scanned = scanned.point(lambda v: 40 + v * 175 // 255)
    scanned = speckle(scanned, rng.uniform(*quality.speckle), rng)
    return scanned.rotate(180) if upside_down else scanned


def scan_pdf(source: Path, target: Path, quality: Degradation, seed: int,
             upside_down_page: int | None) -> int:
    """Write `target`, an image-only scan of `source`; give the resolution it was scanned at."""
    import pypdfium2 as pdfium

    rng = random.Random(page_seed(seed, source.stem))
    # One resolution per document: a scanner scans a run of pages at one setting (and Pillow
    # writes one resolution for the whole PDF).
    dpi = rng.randint(*quality.dpi)
    with pdfium.PdfDocument(str(source)) as pdf:
        images = [degrade(render(page, dpi), quality, rng, number == upside_down_page)
                  for number, page in enumerate(pdf, 1)]
    target.parent.mkdir(parents=True, exist_ok=True)
    # A fixed date: Pillow would stamp the current time, and the file would differ every run.
    images[0].save(target, resolution=dpi, save_all=True, append_images=images[1:],
                   creationDate=FIXED_DATE, modDate=FIXED_DATE)
    return dpi


def make_scans(sources: list[Path], out: Path, quality: str, seed: int = 1) -> list[Path]:
    """Write a scan of each source into `out`; give their paths.

    In a poor set, the second page of the first document with more than one page is upside down.
    """
    made, turned = [], False
    for source in sorted(sources):
        upside_down = None
        if quality == "poor" and not turned and _page_count(source) > 1:
            upside_down, turned = 2, True
        target = out / f"{source.stem}.pdf"
        scan_pdf(source, target, QUALITIES[quality], seed, upside_down)
        made.append(target)
    return made


def _page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    with pdfium.PdfDocument(str(path)) as pdf:
        return len(pdf)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("pdfs", type=Path, nargs="*")
    parser.add_argument("--quality", choices=sorted(QUALITIES), default="poor")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sources = args.pdfs or sorted(DEV_PDF.glob("*.pdf"))
    for path in make_scans(sources, args.out, args.quality, args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
