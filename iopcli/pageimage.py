"""A page as the image Tesseract reads: a scan's own embedded image at its own resolution, or the
page rendered, always within a pixel budget (see ocr.py for why and the measurements).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from iopcli.errors import OcrFailed

if TYPE_CHECKING:  # heavy imports stay inside the functions that render
    from PIL.Image import Image

DEFAULT_DPI = 300
# The most pixels a page may have in memory: A3 at 300 dpi is 17 megapixels, A2 35. A 14400 pt
# page rendered at 300 dpi would be 3.6 gigapixels (7 GB with Pillow's copy).
MAX_PAGE_PIXELS = 36_000_000
# Below this a page shrunk to fit the budget has 11 pt type under 10 pixels high: not readable.
MIN_OCR_DPI = 70


# An image covering this share of the page, alone on it, is the page: a scanner's output.
FULL_PAGE_SHARE = 0.9


def pdf_page_image(pdf_page, dpi: int, where: str) -> tuple["Image", int]:
    """Give a pypdfium2 page as an 8-bit grey image and its resolution, within the pixel budget.

    A page that is one full-page image is taken as it is, at the image's own resolution: rendering
    a 110 dpi scan at 300 dpi only enlarges its noise, and costs Tesseract eight times the pixels.
    Any other page is rendered at `dpi`, or lower when that would exceed MAX_PAGE_PIXELS. Raises
    OcrFailed, naming the page (`where`), when even MIN_OCR_DPI would exceed it.
    """
    width_pt, height_pt = pdf_page.get_size()
    scan = full_page_image(pdf_page)
    if scan is not None:
        px_width, px_height = scan.get_px_size()
        if px_width * px_height <= MAX_PAGE_PIXELS:
            return _embedded_scan(pdf_page, scan, width_pt)
    render_dpi = fitting_dpi(width_pt, height_pt, dpi)
    if render_dpi < MIN_OCR_DPI:
        raise OcrFailed(f"{where}: the page is {width_pt / 72:.0f} × {height_pt / 72:.0f} inches; "
                        f"to stay within {MAX_PAGE_PIXELS // 1_000_000} megapixels it would be read "
                        f"at {render_dpi} dpi, too coarse to recognise, so it was not read")
    bitmap = pdf_page.render(scale=render_dpi / 72, grayscale=True)
    return _page_image(bitmap.to_pil()), render_dpi


def full_page_image(pdf_page):
    """Give the page's image object when the page is that one image and it covers the page, or None.

    Only the page's top-level objects count: a stamp, a signature or text drawn over a scan makes
    it a page to render, so nothing on it is lost.
    """
    import itertools

    import pypdfium2.raw as pdfium_c

    objects = list(itertools.islice(pdf_page.get_objects(max_depth=0), 2))
    if len(objects) != 1 or objects[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
        return None
    image = objects[0]
    share = covered_share(image.get_bounds(), pdf_page.get_cropbox())
    return image if share >= FULL_PAGE_SHARE else None


def covered_share(bounds: tuple[float, float, float, float],
                  box: tuple[float, float, float, float]) -> float:
    """Give the share of `box` (left, bottom, right, top) that `bounds` cover.

    >>> covered_share((0, 0, 595, 842), (0, 0, 595, 842))
    1.0
    >>> covered_share((0, 0, 100, 100), (0, 0, 200, 200))
    0.25
    >>> covered_share((300, 300, 400, 400), (0, 0, 200, 200))
    0.0
    """
    width = min(bounds[2], box[2]) - max(bounds[0], box[0])
    height = min(bounds[3], box[3]) - max(bounds[1], box[1])
    area = (box[2] - box[0]) * (box[3] - box[1])
    return max(0.0, width) * max(0.0, height) / area if area > 0 else 0.0


def _embedded_scan(pdf_page, scan, width_pt: float) -> tuple["Image", int]:
    """Give a page's one image at its own pixel size, upright, and the resolution it has on the page."""
    # An image placed upright (the usual [w 0 0 h x y] matrix) is taken pixel for pixel; one turned
    # or mirrored by its matrix is rendered at about its own size, so it comes out as it shows
    # (rendering resamples, by a pixel or so, so it is not done when not needed). The page's
    # /Rotate is applied after.
    a, b, c, d, _e, _f = scan.get_matrix().get()
    upright = a > 0 and d > 0 and b == 0 and c == 0
    image = _page_image(scan.get_bitmap(render=not upright).to_pil())
    left, _bottom, right, _top = scan.get_bounds()
    # The resolution as the page shows it: pixels across the width the image takes on the page.
    dpi = native_dpi(image.width, right - left) if right > left else native_dpi(image.width, width_pt)
    rotation = pdf_page.get_rotation()
    if rotation:
        image = image.rotate(-rotation, expand=True)  # /Rotate turns clockwise, Pillow anticlockwise
    return image, dpi


def native_dpi(pixels: int, points: float) -> int:
    """Give the resolution of `pixels` drawn across `points` (1/72 inch) of a page.

    >>> native_dpi(1150, 595.3)
    139
    >>> native_dpi(2480, 595.3)
    300
    """
    return max(1, round(pixels / (points / 72)))


def fitting_dpi(width_pt: float, height_pt: float, dpi: int, max_pixels: int = MAX_PAGE_PIXELS) -> int:
    """Give the highest resolution, at most `dpi`, at which a page stays within `max_pixels`.

    >>> fitting_dpi(595, 842, 300)         # A4 fits at 300 dpi
    300
    >>> fitting_dpi(14400, 14400, 300)     # a 200-inch page: 30 dpi would already be 36 Mpx
    30
    """
    square_inches = (width_pt / 72) * (height_pt / 72)
    if square_inches <= 0:
        return dpi
    return min(dpi, int((max_pixels / square_inches) ** 0.5))


def fit_to_budget(image: "Image", dpi: int, max_pixels: int = MAX_PAGE_PIXELS) -> tuple["Image", int]:
    """Give an image scaled down by a whole factor to within `max_pixels`, and its new resolution.

    An image file of a page is decoded before its size is known, so it can only be shrunk after.
    """
    factor = 1
    while (image.width // factor) * (image.height // factor) > max_pixels:
        factor += 1
    if factor == 1:
        return image, dpi
    return image.reduce(factor), max(1, dpi // factor)


def _page_image(frame) -> "Image":
    """Give a frame as 8-bit greyscale, transparency laid on white (Tesseract's best input)."""
    from PIL import Image as PILImage

    if frame.mode.startswith("I;16") or frame.mode == "I":
        # 16-bit scans: a plain convert("L") clips everything above 255 to white.
        return frame.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        white = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
        return PILImage.alpha_composite(white, rgba).convert("L")
    return frame.convert("L")


def _image_dpi(dpi_info) -> int:
    """Give the resolution an image declares, or 300 when it declares none or nonsense.

    >>> _image_dpi((200, 200))
    200
    >>> _image_dpi((72.0, 72.0))
    300
    >>> _image_dpi(None)
    300
    """
    try:
        dpi = round(float(dpi_info[0]))
    except (TypeError, ValueError, IndexError):
        return DEFAULT_DPI
    # 72 or 96 is a screen default written by tools that did not know the scan's resolution.
    return dpi if 100 <= dpi <= 1200 else DEFAULT_DPI
