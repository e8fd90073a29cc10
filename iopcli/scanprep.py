"""Prepare a scanned page image for Tesseract: despeckle, stretch contrast, straighten, enlarge.

Pure functions of a Pillow image (no files, no Tesseract), so each is tested on synthetic pages.
ocr.py calls `prepare` in its worker threads; Pillow releases the GIL in its filters, so two pages
are prepared at once on two cores.

Why Pillow alone (measured on bench/make_scans.py's poor scans, see ocr.py's docstring for the
figures): a 3×3 median, autocontrast and a rotation are all Pillow built-ins; OpenCV headless would
be a 50 MB wheel for the same three operations, and unpaper a second executable to find and pipe
through. Pillow already comes with pdfplumber.
"""
from __future__ import annotations

from array import array
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

# A page with more than this share of lone dark pixels is speckled, and despeckled. Measured: clean
# type rendered at 90, 130, 300 dpi has none; bench/make_scans.py's poor scans (1-2 % speckle,
# half of it dark) have 0.63-0.70 %.
SPECKLE_SHARE = 0.001
# Measured on 8 dev documents (bench/ocr.py): at 110-150 dpi enlarging to 200 or 300 dpi gained
# nothing (crisp F1 0.96 either way) and cost Tesseract 1.2-1.6x the time; at 85-95 dpi enlarging
# to 200 dpi lifted crisp F1 from 0.70 to 0.82, to 300 dpi only to 0.79.
UPSAMPLE_BELOW_DPI = 100
UPSAMPLE_TO_DPI = 200
# Skew is searched within ±MAX_SKEW degrees; under MIN_SKEW it is left alone (Tesseract copes,
# and every rotation softens the strokes a little).
MAX_SKEW = 5.0
MIN_SKEW = 0.2
# Deskew looks at a copy this coarse (11 pt lines are still 6 px apart, so text lines stay lines)
# and searches coarse to fine: whole degrees, quarters around the best, then twentieths. Measured
# on 20 dev pages turned by known angles up to ±4° and made poor or good scans: the tilt found was
# off by 0.12° at most, as with the former 60 dpi copy and 32 angles, in 30 ms a page instead of 100.
SKEW_DPI = 40
SKEW_STEPS = (1.0, 0.25, 0.05)


def prepare(image: "Image", dpi: int) -> tuple["Image", int]:
    """Give a grey page image ready for Tesseract and its resolution (changed when enlarged)."""
    image = despeckle(image)
    image = stretch_contrast(image)
    image = deskew(image, dpi)
    return upsample(image, dpi)


def despeckle(image: "Image") -> "Image":
    """Give the image with its specks removed when it is speckled, else as it is.

    A speck is a lone pixel or pair: dark with at most one dark neighbour (scanner dust, toner on
    the paper), or light with at most one light neighbour (a hole in a stroke). Tesseract reads the dark ones as dots,
    commas and diacritics. Only those pixels change, to paper white or to ink black: a 3×3 median
    does the same to a lone pixel but costs 145 ms on a 1.9 MP page in Pillow (a generic rank
    filter) against ~35 ms here, and rounds off every stroke corner besides. A clean page has no
    lone pixels to speak of and is given back untouched.
    """
    from PIL import ImageChops

    cut = otsu_threshold(image.histogram())
    dark = image.point(lambda v: 255 if v <= cut else 0)
    if _lone(dark).histogram()[255] <= SPECKLE_SHARE * image.width * image.height:
        return image
    # Specks fall next to each other too (at 1.5 % speckle, one in sixteen has a neighbour): a
    # pixel with one neighbour of its kind goes as well, as it would in a 3×3 median.
    cleaned = ImageChops.lighter(image, _lone(dark, company=1))  # lone dark pixels become white
    light = ImageChops.invert(dark)
    return ImageChops.darker(cleaned, ImageChops.invert(_lone(light, company=1)))  # lone light ones black


def _lone(mask: "Image", company: int = 0) -> "Image":
    """Give the pixels of a 0/255 mask that are set while at most `company` of their 8 neighbours are."""
    from PIL import ImageChops, ImageFilter

    # The 3×3 mean of the mask is 255/9 = 28 at a set pixel with no set neighbour, 57 with one.
    most = 255 * (1 + company) / 9 + 2
    alone = mask.filter(ImageFilter.BoxBlur(1)).point(lambda v: 255 if v <= most else 0)
    return ImageChops.multiply(mask, alone)


def speckle_share(image: "Image") -> float:
    """Give the share of the page's pixels that are lone dark pixels: dark, with no dark neighbour.

    Type is made of strokes, so its dark pixels have dark neighbours; a speck stands alone.
    """
    cut = otsu_threshold(image.histogram())
    dark = image.point(lambda v: 255 if v <= cut else 0)
    return _lone(dark).histogram()[255] / (image.width * image.height or 1)


def stretch_contrast(image: "Image") -> "Image":
    """Give the image with its grey range stretched: paper white, type black.

    A scanner's paper is light grey and its toner dark grey; the darkest and lightest half per cent
    are let go, so a stray black or white pixel does not hold the stretch back.
    """
    from PIL import ImageOps

    return ImageOps.autocontrast(image, cutoff=0.5)


def otsu_threshold(histogram: list[int]) -> int:
    """Give the grey level that best splits a 256-bin histogram into two classes (Otsu's method).

    >>> otsu_threshold([0] * 20 + [10] + [0] * 200 + [30] + [0] * 34)
    20
    >>> otsu_threshold([5] * 256)
    127
    """
    total = sum(histogram)
    weighted_total = sum(level * count for level, count in enumerate(histogram))
    best_level, best_between = 0, -1.0
    below = weighted_below = 0
    for level, count in enumerate(histogram[:255]):
        below += count
        weighted_below += level * count
        above = total - below
        if below == 0 or above == 0:
            continue
        mean_below = weighted_below / below
        mean_above = (weighted_total - weighted_below) / above
        between = below * above * (mean_below - mean_above) ** 2
        if between > best_between:
            best_level, best_between = level, between
    return best_level


def skew_angle(image: "Image", dpi: int) -> float:
    """Give the angle in degrees (anticlockwise) the page's text lines are tilted by.

    Projection profiles: the page, shrunk to SKEW_DPI and made black and white, is turned by
    candidate angles; the turn that lines the text up best makes the row sums most uneven (full
    rows of ink, then empty gaps). Each search in SKEW_STEPS covers the step before it either side
    of the best so far: ±MAX_SKEW in whole degrees, then ±0.5° in quarters, then ±0.1° in 0.05°.
    """
    small = _ink_map(image, dpi)
    best, reach = 0.0, MAX_SKEW
    for step in SKEW_STEPS:
        count = round(reach / step)
        candidates = [best + k * step for k in range(-count, count + 1)]
        best = max(candidates, key=lambda angle: _row_contrast(small, angle))
        reach = step / 2  # the best is within half a step of the angle it was found at
    return round(-best, 2)


def _ink_map(image: "Image", dpi: int) -> "Image":
    """Give a small black-and-white copy of the page as a float image: ink 255, paper 0."""
    factor = max(1, round(dpi / SKEW_DPI))
    small = image.reduce(factor) if factor > 1 else image
    cut = otsu_threshold(small.histogram())
    return small.point(lambda v: 255 if v <= cut else 0).convert("F")


def _row_contrast(ink: "Image", angle: float) -> float:
    """Give how uneven the row sums of `ink` turned by `angle` are: the sum of squared differences."""
    from PIL import Image as PILImage

    turned = ink.rotate(angle, resample=PILImage.BILINEAR)
    # Shrunk to one pixel wide, a float image holds each row's mean: the profile, without numpy.
    rows = array("f", turned.resize((1, turned.height), PILImage.BOX).tobytes())
    return sum((b - a) ** 2 for a, b in zip(rows, rows[1:]))


def deskew(image: "Image", dpi: int) -> "Image":
    """Give the page turned so its text lines run level (unchanged when the tilt is slight)."""
    from PIL import Image as PILImage

    angle = skew_angle(image, dpi)
    if abs(angle) < MIN_SKEW:
        return image
    return image.rotate(-angle, resample=PILImage.BICUBIC, fillcolor=255)


def upsample(image: "Image", dpi: int) -> tuple["Image", int]:
    """Give a coarse page enlarged to UPSAMPLE_TO_DPI, and its new resolution; others unchanged.

    Done last, on the cleaned page: enlarging first would enlarge the specks with the type.
    """
    from PIL import Image as PILImage

    if dpi >= UPSAMPLE_BELOW_DPI:
        return image, dpi
    scale = UPSAMPLE_TO_DPI / dpi
    size = (round(image.width * scale), round(image.height * scale))
    return image.resize(size, PILImage.BICUBIC), UPSAMPLE_TO_DPI
