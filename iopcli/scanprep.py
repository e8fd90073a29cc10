"""Prepare a scanned page image for Tesseract: despeckle, stretch contrast, straighten, enlarge.

Pure functions of a Pillow image (no files, no Tesseract), so each is tested on synthetic pages.
ocr.py calls `prepare` in its worker threads; Pillow releases the GIL in its filters, so two pages
are prepared at once on two cores.

Why Pillow alone (measured on bench/make_scans.py's poor scans, see ocr.py's docstring for the
figures): a 3×3 median (built from min/max, see median3x3), autocontrast and a rotation are all Pillow built-ins; OpenCV headless would
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
# Under this, type is two or three pixels high: enlarging it gives Tesseract nothing to read.
UPSAMPLE_FROM_DPI = 40
# upside_down: rows with more than this mean ink (of 255) belong to a text line; a line is 6 to 80
# rows high (6 pt at 75 dpi to 24 pt at 240); a page needs MIN_LINES of them and a score under
# -UPSIDE_DOWN_SCORE to be turned before it is read.
LINE_INK = 3
MIN_LINE_ROWS, MAX_LINE_ROWS = 6, 80
MIN_LINES = 5
UPSIDE_DOWN_SCORE = 0.15
# A page whose darkest half per cent is within this many grey levels of its paper holds too little
# type to stretch by (see stretch_contrast); the poor scans' paper grain spans 15, faint type 60+.
MIN_INK_CONTRAST = 40
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
    """Give the image through a 3×3 median when it is speckled, else as it is.

    The median removes isolated dark and light pixels (scanner dust, toner specks) that Tesseract
    reads as dots, commas and diacritics; on a clean page it would only round off the strokes.
    """
    return median3x3(image) if speckle_share(image) > SPECKLE_SHARE else image


def median3x3(image: "Image") -> "Image":
    """Give the 3×3 median of a grey image (the outermost rows and columns wrap around).

    Pillow's MedianFilter is a general rank filter: 142 ms on a 1.9 MP page. The median of nine is
    also med3(largest column minimum, median column median, smallest column maximum) over the three
    columns of the window, each column sorted once for the whole image: 18 element-wise min/max
    operations in C, 32 ms, the same pixels.
    """
    from PIL import ImageChops

    low, high = ImageChops.darker, ImageChops.lighter

    def med3(a, b, c):
        return high(low(a, b), low(high(a, b), c))

    def beside(column):  # the column left and right of each pixel
        return ImageChops.offset(column, 1, 0), ImageChops.offset(column, -1, 0)

    up, down = ImageChops.offset(image, 0, 1), ImageChops.offset(image, 0, -1)
    lower, upper = low(up, image), high(up, image)
    column_min, column_mid, column_max = low(lower, down), high(lower, low(upper, down)), high(upper, down)
    left, right = beside(column_min)
    largest_min = high(high(left, column_min), right)
    left, right = beside(column_max)
    smallest_max = low(low(left, column_max), right)
    left, right = beside(column_mid)
    return med3(largest_min, med3(left, column_mid, right), smallest_max)


def speckle_share(image: "Image") -> float:
    """Give the share of the page's pixels that are lone dark pixels: dark, with no dark neighbour.

    Type is made of strokes, so its dark pixels have dark neighbours; a speck stands alone.
    A scanner speckles the whole page alike, so the middle half of the page (a quarter of its
    pixels) is looked at: 20 ms instead of 80 on a 300 dpi page.
    """
    from PIL import ImageChops, ImageFilter

    width, height = image.size
    if width >= 64 and height >= 64:
        image = image.crop((width // 4, height // 4, width - width // 4, height - height // 4))
    cut = otsu_threshold(image.histogram())
    dark = image.point(lambda v: 255 if v <= cut else 0)
    # The 3×3 mean of the dark mask is 255/9 = 28 for a dark pixel with no dark neighbour.
    alone = dark.filter(ImageFilter.BoxBlur(1)).point(lambda v: 255 if v <= 30 else 0)
    lone = ImageChops.multiply(dark, alone).histogram()[255]
    return lone / (image.width * image.height or 1)


def stretch_contrast(image: "Image") -> "Image":
    """Give the image with its grey range stretched: paper white, type black.

    A scanner's paper is light grey and its toner dark grey; the darkest and lightest half per cent
    are let go, so a stray black or white pixel does not hold the stretch back. On a page with a few
    words (a signature page, the end of a letter) that darkest half per cent is paper grain, within
    MIN_INK_CONTRAST of the paper: there only the paper is whitened, since stretching the grain to
    black made Tesseract read noise ("Fe ESS SI RE") for 0.86 s where the page as scanned gave
    its two words in 0.13 s.

    >>> from PIL import Image
    >>> blank = Image.new("L", (100, 100), 215); blank.putpixel((5, 5), 207)
    >>> stretch_contrast(blank).getextrema()
    (246, 255)
    >>> page = Image.new("L", (100, 100), 215); page.paste(60, (10, 10, 60, 20))
    >>> stretch_contrast(page).getextrema()
    (0, 255)
    """
    from PIL import ImageOps

    histogram = image.histogram()
    paper = _percentile(histogram, 0.995)
    if image.mode == "L" and paper - _percentile(histogram, 0.005) < MIN_INK_CONTRAST:
        return image.point([min(255, round(level * 255 / max(paper, 1))) for level in range(256)])
    return ImageOps.autocontrast(image, cutoff=0.5)


def _percentile(histogram: list[int], share: float) -> int:
    """Give the grey level below which `share` of a 256-bin histogram's pixels lie."""
    wanted, seen = sum(histogram) * share, 0
    for level, count in enumerate(histogram):
        seen += count
        if seen >= wanted:
            return level
    return 255


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


def upside_down(image: "Image") -> bool:
    """True when a prepared grey page reads upside down, judged by its text lines' ink.

    In an upright line of Latin type more ink lies above the x-height band (ascenders, capitals,
    the dots of i, j, å, ä, ö) than below it (descenders of g, j, p, q, y); turned over, less.
    The page's row profile (one Pillow resize) is cut into lines, and the ink above and below each
    line's core is summed. Measured on bench/make_scans.py's 40 poor and good dev pages: upright
    pages +0.03 to +0.75, the upside-down one -0.36; the same pages turned mirror those figures.
    A page with fewer than MIN_LINES lines, or a score near 0, is left to Tesseract's own
    orientation retry (ocr._tesseract), so a wrong guess costs a second reading, never the text.
    """
    score, lines = orientation_score(image)
    return lines >= MIN_LINES and score < -UPSIDE_DOWN_SCORE


def orientation_score(image: "Image") -> tuple[float, int]:
    """Give ((ink above − ink below) / (both), line count) over the page's text lines: positive
    for upright type, negative for type upside down."""
    from PIL import Image as PILImage

    cut = otsu_threshold(image.histogram()) if image.mode == "L" else 128
    ink = image.convert("L").point(lambda v: 255 if v <= cut else 0)
    rows = list(ink.resize((1, ink.height), PILImage.BOX).tobytes())  # mean ink of each row, 0-255
    lines, start = [], None
    for y, level in enumerate(rows + [0]):
        if level > LINE_INK and start is None:
            start = y
        elif level <= LINE_INK and start is not None:
            if MIN_LINE_ROWS <= y - start <= MAX_LINE_ROWS:
                lines.append(rows[start:y])
            start = None
    above = below = 0
    for line in lines:
        core = [i for i, level in enumerate(line) if level * 2 >= max(line)]
        above += sum(line[:core[0]])
        below += sum(line[core[-1] + 1:])
    return (above - below) / (above + below or 1), len(lines)


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

    from iopcli.pageimage import MAX_PAGE_PIXELS

    if dpi >= UPSAMPLE_BELOW_DPI or dpi < UPSAMPLE_FROM_DPI:
        return image, dpi
    # Never past the pixel budget: a 20 dpi image of a poster would become 90 megapixels.
    scale = min(UPSAMPLE_TO_DPI / dpi, (MAX_PAGE_PIXELS / max(1, image.width * image.height)) ** 0.5)
    if scale <= 1:
        return image, dpi
    size = (round(image.width * scale), round(image.height * scale))
    return image.resize(size, PILImage.BICUBIC), round(dpi * scale)
