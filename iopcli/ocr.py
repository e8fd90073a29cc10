"""Optical character recognition of scanned pages and page images, with Tesseract.

The reader calls this for pages that have no usable text layer (see `page_needs_ocr`) and for
image files. Each page comes back as a `PageReading`: its text, raw as Tesseract gives it (normalising
it is the reader's job), and Tesseract's mean word confidence, which the catalogue keeps so that
facts read from a poorly read page can be shown as such.

Why Tesseract directly and not OCRmyPDF: iop needs the text of a page, not a searchable PDF.
OCRmyPDF would rasterise the page itself, run the same Tesseract, then rebuild and optimise a PDF
(pulling in Ghostscript, pikepdf, img2pdf and others) only for us to throw that PDF away. Rendering
with pypdfium2, which iop already has, and handing the bitmap to `tesseract` as a PGM file is one
dependency fewer, one step fewer per page, and lets us run pages in parallel and cache per page.

Parallelism: each page is its own `tesseract` process, driven from a thread pool with one worker per
core. Tesseract's own OpenMP threading is switched off (OMP_THREAD_LIMIT=1): measured on the 2-core
build machine, a full A4 page took 4.5 s with it off and 25 s with it on (OpenMP threads spinning
against each other), and two pages at once with it off reach 2.7 s a page. pdfium is not
thread-safe, so pages are rendered one at a time in the calling thread while earlier pages are
recognised.

Scans are taken as they are. A PDF page that is one full-page image (what a scanner writes) is read
from that image at its own resolution, and Tesseract is told that resolution (`--dpi`); only other
pages are rendered. Rendering a 110-150 dpi office scan at 300 dpi, as iop did, enlarged its specks
with the type: on 8 dev documents made into poor scans (bench/make_scans.py) crisp F1 was 0.36.
Each page is then prepared in `scanprep` (Pillow only) before Tesseract: a 3×3 median when the
page is speckled, contrast stretched, the tilt measured by projection profiles and undone, and a
page under 100 dpi enlarged to 200. Measured with bench/ocr.py on the same poor scans, psm 3:

    native resolution, no preparation      crisp F1 0.63  overall 0.67
    + median 3×3                           crisp F1 0.94  overall 0.88
    + contrast stretch                     crisp F1 0.95  overall 0.89
    + deskew                               crisp F1 0.96  overall 0.89
    + lines joined from Tesseract's TSV    crisp F1 0.97  overall 0.91   (good scans 0.99 / 0.92)

Pillow does all of that in ~0.3 s of a page's ~1.5 s of Tesseract, in the worker threads; OpenCV
headless (a 50 MB wheel) or unpaper (another program to pipe through) would save a fraction of
those 0.3 s and add a dependency, so neither is used. Binarising ourselves (Otsu) is left to
Tesseract, which does it anyway, on the grey page. Orientation: `--psm 0` (OSD alone) costs 0.4 s
a page and on these 127 dpi pages said 270° for upright ones, so it is not run on every page. A
page that scanprep.upside_down finds upside down by its text lines' ink (ascenders above,
descenders below: one resize of the page) is turned before it is read; and a page whose first
reading has low word confidence is read again with `--psm 1` (see `_tesseract`),
unless it has only a few words (MIN_WORDS_TO_JUDGE): a nearly blank signature page reads with low
confidence whichever way up it lies, and a second reading cost it 1-1.5 s for nothing.

Bounded cost: no page image exceeds MAX_PAGE_PIXELS (a page too large is rendered at a lower
resolution, or refused with its size as the reason when that would be under MIN_OCR_DPI), pages
are produced lazily and at most two per worker wait, so a 3,000-page scan OCRs in steady memory;
`progress` reports each page and the reader may stop after `--ocr-max-pages`.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NamedTuple

from iopcli.errors import OcrFailed, OcrUnavailable
# mean_confidence is re-exported: it is how well a page was read, asked of ocr.
from iopcli.ocrtext import mean, mean_confidence, text_from_tsv, word_confidences  # noqa: F401
from iopcli.pageimage import (DEFAULT_DPI, _image_dpi, _page_image, fit_to_budget,
                              pdf_page_image)

if TYPE_CHECKING:  # heavy imports stay inside the functions that render
    from PIL.Image import Image

INSTALL_HINT = "install Tesseract with Swedish: apt-get install tesseract-ocr tesseract-ocr-swe"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")

# Below this many usable characters a page's text layer is a stray page number or scanner stamp,
# not the page's text.
MIN_TEXT_CHARS = 20
PAGE_TIMEOUT_S = 300
# Part of every cache key: a change to how pages are prepared or read is a new reading.
PREPARATION = "prep7"
# Part of every cache file's name: what a cached page holds (2: its text and its confidence).
CACHE_FORMAT = 2
# Mean word confidence of a page read right is about 95; read sideways it is 10 to 30.
MIN_CONFIDENCE = 50
# A page read as fewer words than this is not judged by its words' confidence: it is neither read
# again to turn it nor marked as read poorly. Measured on bench/make_scans.py's scans: signature
# pages and blank last pages give 2-16 words with mean confidence anywhere from 17 to 88 however
# they lie (a mean of a few specks and scribbles); a page of running text read sideways still gives
# 50 words or more.
MIN_WORDS_TO_JUDGE = 20


class PageReading(NamedTuple):
    """One page as Tesseract read it: its text and the mean confidence (0-100) of its words."""

    text: str
    confidence: float | None  # None when it found too few words to judge by (a blank page)


# --- Is Tesseract here? -----------------------------------------------------------------------


def tesseract_path() -> str | None:
    """Give the tesseract executable: $IOP_TESSERACT when set (Windows: its full path, e.g.
    C:\\Program Files\\Tesseract-OCR\\tesseract.exe), else the one on PATH, or None."""
    given = os.environ.get("IOP_TESSERACT")
    if given:
        return shutil.which(given) or (given if Path(given).is_file() else None)
    return shutil.which("tesseract")


def tesseract_available() -> bool:
    """Give True when a tesseract executable is on PATH."""
    return tesseract_path() is not None


def tesseract_version() -> str | None:
    """Give Tesseract's version ("5.3.0"), or None when it is not installed or will not run."""
    exe = tesseract_path()
    return _version_of(exe) if exe else None


def installed_languages() -> tuple[str, ...]:
    """Give the language models Tesseract has ("eng", "swe", ...); empty when it is absent."""
    exe = tesseract_path()
    return _languages_of(exe) if exe else ()


def swedish_available() -> bool:
    """Give True when Tesseract and its Swedish model (tesseract-ocr-swe) are installed."""
    return "swe" in installed_languages()


def ocr_language() -> tuple[str, str]:
    """Give the `-l` argument to use and a warning when it is not the Swedish model, or raise.

    Swedish is the documents' language; without it å ä ö come out as a o and the like, so falling
    back is said out loud rather than done quietly.
    """
    if not tesseract_available():
        raise OcrUnavailable(f"Tesseract is not installed; {INSTALL_HINT}")
    return choose_language(installed_languages())


def choose_language(languages: tuple[str, ...] | list[str]) -> tuple[str, str]:
    """Give the best `-l` argument among installed models, with a warning unless it is Swedish.

    >>> choose_language(("eng", "osd", "swe"))
    ('swe', '')
    >>> choose_language(("eng", "osd"))[0]
    'eng'
    >>> choose_language(("deu",))[0]
    'deu'
    """
    if "swe" in languages:
        return "swe", ""
    fallback = "eng" if "eng" in languages else next((lang for lang in languages if lang != "osd"), "")
    if not fallback:
        raise OcrUnavailable(f"Tesseract has no language model; {INSTALL_HINT}")
    warning = (f"Swedish OCR model missing, used '{fallback}': å ä ö may be misread; "
               "apt-get install tesseract-ocr-swe")
    return fallback, warning


@functools.lru_cache(maxsize=8)
def _version_of(exe: str) -> str | None:
    # Keyed by executable path, so a changed PATH (tests, a second install) asks again.
    try:
        done = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_version(done.stdout + done.stderr)  # Tesseract 3 printed it on stderr


@functools.lru_cache(maxsize=8)
def _languages_of(exe: str) -> tuple[str, ...]:
    try:
        done = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ()
    return parse_languages(done.stdout + done.stderr)


def parse_version(output: str) -> str | None:
    """Give the version number from `tesseract --version` output, or None.

    >>> parse_version("tesseract 5.3.0\\n leptonica-1.82.0\\n")
    '5.3.0'
    >>> parse_version("tesseract v5.0.0-alpha.20201127")
    '5.0.0-alpha.20201127'
    >>> parse_version("bash: tesseract: command not found") is None
    True
    """
    match = re.search(r"tesseract\s+v?(\d[\w.\-]*)", output, re.IGNORECASE)
    return match.group(1) if match else None


def parse_languages(output: str) -> tuple[str, ...]:
    """Give the language codes listed by `tesseract --list-langs`.

    >>> parse_languages('List of available languages in "/usr/share/tessdata/" (3):\\neng\\nosd\\nswe\\n')
    ('eng', 'osd', 'swe')
    >>> parse_languages("")
    ()
    """
    return tuple(line.strip() for line in output.splitlines()
                 if line.strip() and not line.startswith("List of") and " " not in line.strip())


# --- When does a page need OCR? ---------------------------------------------------------------


def usable_chars(page_text: str, enough: int | None = None) -> int:
    """Give how many characters of a text layer carry text: not spaces, controls or U+FFFD/U+FFFE.

    Counting stops at `enough`: a page of text need not be counted to the end.

    >>> usable_chars(" 1 (3)\\r\\n")
    4
    >>> usable_chars("\\ufffd\\ufffd\\ufffd\\x00")
    0
    >>> usable_chars("Överenskommelse", enough=5)
    5
    """
    count = 0
    for ch in page_text:
        if not ch.isspace() and ch.isprintable() and ch not in "\ufffd\ufffe":
            count += 1
            if count == enough:
                break
    return count


def page_needs_ocr(page_text: str, has_images: bool) -> bool:
    """Give True when a page's text layer is (nearly) empty and the page holds an image: a scan.

    A page with a real text layer never needs OCR; an empty page without images is just blank.

    >>> page_needs_ocr("", True)
    True
    >>> page_needs_ocr("  2 (3) ", True)
    True
    >>> page_needs_ocr("", False)
    False
    >>> page_needs_ocr("Överenskommelse om idéburet offentligt partnerskap", True)
    False
    """
    return has_images and usable_chars(page_text, MIN_TEXT_CHARS) < MIN_TEXT_CHARS


def pdf_page_needs_ocr(pdf_page, page_text: str) -> bool:
    """Give page_needs_ocr for a pypdfium2 page, walking its objects only when its text is short."""
    return usable_chars(page_text, MIN_TEXT_CHARS) < MIN_TEXT_CHARS and pdf_page_has_images(pdf_page)


def pdf_page_has_images(pdf_page) -> bool:
    """Give True when a pypdfium2 page draws at least one image (also inside form XObjects)."""
    import pypdfium2.raw as pdfium_c

    for _ in pdf_page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
        return True
    return False


# --- The cache --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OcrCache:
    """Recognised pages on disk, so a re-ingest does not OCR the same scan again.

    One JSON file per page under `root` ({"text": ..., "confidence": ...}), keyed by the file's
    sha256, the page, the resolution, the Tesseract version, the language model and CACHE_FORMAT: a
    different engine or model means a new reading, and a cache of an older format is not misread.
    """

    root: Path

    def __init__(self, root: str | os.PathLike) -> None:
        object.__setattr__(self, "root", Path(root))

    def path_for(self, sha256: str, page: int, dpi: int, version: str, lang: str) -> Path:
        """Give the file that holds (or would hold) one page's reading."""
        settings = _safe_name(f"p{page:04d}-{dpi}dpi-{lang}-tesseract{version}-c{CACHE_FORMAT}")
        return self.root / sha256[:2] / sha256 / f"{settings}.json"

    def get(self, sha256: str, page: int, dpi: int, version: str, lang: str) -> PageReading | None:
        """Give the cached reading of a page, or None when it is not cached (or unreadable)."""
        try:
            stored = json.loads(self.path_for(sha256, page, dpi, version, lang).read_text(encoding="utf-8"))
        except (OSError, ValueError):  # a UnicodeDecodeError is a ValueError too
            return None
        return _cached_reading(stored)

    def put(self, sha256: str, page: int, dpi: int, version: str, lang: str,
            reading: PageReading) -> bool:
        """Store a page's reading; give False when the cache cannot be written (OCR still counts)."""
        target = self.path_for(sha256, page, dpi, version, lang)
        partial = target.with_suffix(f".{os.getpid()}.part")
        stored = {"text": reading.text, "confidence": reading.confidence}
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, target)  # a crash never leaves half a page that reads as cached
        except OSError:
            try:
                partial.unlink(missing_ok=True)
            except OSError:
                pass  # the folder itself could not be made; nothing was left behind
            return False
        return True


def _cached_reading(stored) -> PageReading | None:
    """Give the reading a cache file holds, or None when it holds anything else.

    >>> _cached_reading({"text": "Dnr KS 2018/14", "confidence": 91}), _cached_reading({"text": 5})
    (PageReading(text='Dnr KS 2018/14', confidence=91.0), None)
    """
    if not isinstance(stored, dict) or not isinstance(stored.get("text"), str):
        return None
    confidence = stored.get("confidence")
    if confidence is None:
        return PageReading(stored["text"], None)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)):
        return None
    return PageReading(stored["text"], float(confidence))


def _safe_name(name: str) -> str:
    """Give `name` with anything but letters, digits, '.', '-', '+' and '_' replaced by '_'.

    >>> _safe_name("p0001-300dpi-swe+eng-tesseract5.0.0 (beta)")
    'p0001-300dpi-swe+eng-tesseract5.0.0__beta_'
    """
    return re.sub(r"[^\w.+\-]", "_", name)


def file_sha256(path: str | os.PathLike) -> str:
    """Give the hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- Recognising pages ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Engine:
    exe: str
    tesseract: str  # Tesseract's own version
    lang: str
    osd: bool  # the orientation model, for pages scanned sideways

    @property
    def version(self) -> str:
        """Give the version a cached reading is keyed by: Tesseract's and the page preparation's."""
        return f"{self.tesseract}+{PREPARATION}"


def _engine(lang: str | None) -> _Engine:
    exe = tesseract_path()
    version = _version_of(exe) if exe else None
    if exe is None or version is None:
        raise OcrUnavailable(f"Tesseract is not installed; {INSTALL_HINT}")
    return _Engine(exe, version, lang or ocr_language()[0], "osd" in _languages_of(exe))


def ocr_pdf_pages(path: str | os.PathLike, pages: list[int], dpi: int = DEFAULT_DPI,
                  jobs: int | None = None, *, lang: str | None = None,
                  cache: OcrCache | None = None, sha256: str | None = None,
                  progress: Callable[[int, int], None] | None = None) -> dict[int, PageReading]:
    """Give the reading (text and confidence) of the given 1-based pages of a PDF, {page: reading}.

    A page that is one full-page image (a scanner's page) is read from that image at its own
    resolution; any other page is rendered at `dpi`. Pages are recognised `jobs` at a time
    (default: one per core) and `progress(done, total)` is called as each is done. With a cache,
    pages read before are taken from it; `sha256` spares hashing the file again. Raises
    OcrUnavailable when Tesseract is absent, OcrFailed when a page cannot be recognised.
    """
    engine = _engine(lang)
    sha256 = sha256 or (file_sha256(path) if cache is not None else None)
    wanted = sorted(set(pages))
    readings, todo = _from_cache(cache, sha256, wanted, dpi, engine)
    if not todo:
        return readings
    import pypdfium2 as pdfium

    name = Path(path).name
    try:
        with pdfium.PdfDocument(str(path)) as pdf:
            bad = [page for page in todo if not 1 <= page <= len(pdf)]
            if bad:
                raise OcrFailed(f"{name}: no page {bad[0]} (it has {len(pdf)})")
            # Lazily, in this thread: pdfium is not thread-safe.
            images = ((page, *pdf_page_image(pdf[page - 1], dpi, f"{name} page {page}"))
                      for page in todo)
            recognised = _recognise_all(engine, images, jobs, name, _counter(progress, len(todo)))
    except pdfium.PdfiumError as error:
        raise OcrFailed(f"{name}: the PDF could not be rendered ({error})") from error
    return _in_page_order(readings | _to_cache(cache, sha256, recognised, dpi, engine))


def _counter(progress: Callable[[int, int], None] | None, total: int) -> Callable[[], None]:
    """Give a callable that reports one more page done to `progress`, if there is one."""
    done = 0

    def one_more() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)
    return one_more


def ocr_image_pages(path: str | os.PathLike, jobs: int | None = None, *, lang: str | None = None,
                    cache: OcrCache | None = None, sha256: str | None = None) -> list[PageReading]:
    """Give the reading of each page of an image file (a multi-page TIFF has several)."""
    from PIL import Image as PILImage, ImageSequence

    engine = _engine(lang)
    sha256 = sha256 or (file_sha256(path) if cache is not None else None)
    name = Path(path).name
    try:
        with PILImage.open(path) as image:
            # Frame count and resolution come from the header: a cached scan is not decoded.
            numbers = list(range(1, getattr(image, "n_frames", 1) + 1))
            dpi = _image_dpi(image.info.get("dpi"))
            readings, todo = _from_cache(cache, sha256, numbers, dpi, engine)
            if todo:
                frames = ((n, *fit_to_budget(_page_image(frame), dpi)) for n, frame
                          in enumerate(ImageSequence.Iterator(image), start=1) if n in todo)
                recognised = _recognise_all(engine, frames, jobs, name, _counter(None, len(todo)))
                readings |= _to_cache(cache, sha256, recognised, dpi, engine)
    except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError) as error:
        # Pillow raises SyntaxError for some malformed headers (PNG chunks, TIFF tags).
        raise OcrFailed(f"{name}: not a readable image ({error})") from error
    return [readings[n] for n in numbers]


def _in_page_order(readings: dict[int, PageReading]) -> dict[int, PageReading]:
    return dict(sorted(readings.items()))


def ocr_image(path: str | os.PathLike, **options) -> str:
    """Give the recognised text of an image file, its pages separated by form feeds."""
    return "\f".join(reading.text for reading in ocr_image_pages(path, **options))


def _from_cache(cache, sha256, pages, dpi, engine) -> tuple[dict[int, PageReading], list[int]]:
    if cache is None or not sha256:
        return {}, list(pages)
    readings = {}
    for page in pages:
        reading = cache.get(sha256, page, dpi, engine.version, engine.lang)
        if reading is not None:
            readings[page] = reading
    return readings, [page for page in pages if page not in readings]


def _to_cache(cache, sha256, recognised: dict[int, PageReading], dpi, engine) -> dict[int, PageReading]:
    if cache is not None and sha256:
        for page, reading in recognised.items():
            cache.put(sha256, page, dpi, engine.version, engine.lang, reading)
    return recognised


def available_cores() -> int:
    """Give the cores this process may run on (its CPU affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def _recognise_all(engine: _Engine, numbered_images, jobs: int | None, name: str,
                   page_done: Callable[[], None]) -> dict[int, PageReading]:
    """Give {page: reading} for (page, image, dpi) triples, prepared and recognised in parallel.

    Images are produced lazily and at most two per worker wait at a time: a 300 dpi page is ~9 MB,
    and a 3,000-page scan must not sit in memory all at once.
    """
    workers = max(1, jobs or available_cores())
    readings: dict[int, PageReading] = {}
    pending: dict[Future, int] = {}

    def collect(done) -> None:
        for future in done:
            readings[pending.pop(future)] = future.result()
            page_done()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        try:
            for page, image, dpi in numbered_images:
                pending[pool.submit(_read_page, engine, image, dpi, f"{name} page {page}")] = page
                if len(pending) >= 2 * workers:
                    collect(wait(pending, return_when=FIRST_COMPLETED).done)
            collect(wait(pending).done)
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    return readings


def _read_page(engine: _Engine, image: "Image", dpi: int, where: str) -> PageReading:
    """Give the reading of one page image: prepared (in the worker, so pages clean in parallel), read."""
    from iopcli import scanprep

    prepared, prepared_dpi = scanprep.prepare(image, dpi)
    if scanprep.upside_down(prepared):  # turned here, it is read once instead of twice
        prepared = prepared.rotate(180)
    return _tesseract(engine, prepared, prepared_dpi, where)


def _tesseract(engine: _Engine, image: "Image", dpi: int, where: str) -> PageReading:
    """Give what Tesseract reads in one page image, turning the page if it lies sideways."""
    with tempfile.TemporaryDirectory(prefix="iop-ocr-") as folder:
        # An uncompressed PNG file (compress_level 0). Tesseract reads a PNM from stdin slowly (on a
        # 5.6 MP page, best of three: 1.95 s from stdin, 1.75 s from a PGM file), and leptonica
        # reads a PGM file slower than a PNG one: over 10 good and poor scan pages, 13.52 s from
        # PGM, 12.98 s from PNG level 0 (24 ms a page to write), 13.05 s from PNG level 1 (39 ms).
        page = os.path.join(folder, "page.png")
        image.save(page, format="PNG", compress_level=0)
        # Plain layout analysis (--psm 3) reads a page scanned sideways or upside down as
        # low-confidence garbage. Detecting orientation on every page (--psm 1) costs about a
        # third more time, so it is only tried when the first reading's word confidences say it failed.
        first = PageReading(*_tesseract_once(engine, page, dpi, where, "3"))
        if not (engine.osd and first.confidence is not None and first.confidence < MIN_CONFIDENCE):
            return first
        turned = PageReading(*_tesseract_once(engine, page, dpi, where, "1"))
    if turned.confidence is not None and turned.confidence > first.confidence:
        return turned
    return first


def page_confidence(confidences: list[float]) -> float | None:
    """Give a page's mean word confidence, or None when it has too few words to be judged by it.

    >>> page_confidence([25.0] * 60), page_confidence([17.0] * 11), page_confidence([])
    (25.0, None, None)
    """
    return mean(confidences) if len(confidences) >= MIN_WORDS_TO_JUDGE else None


def _tesseract_once(engine: _Engine, image_file: str, dpi: int, where: str,
                    psm: str) -> tuple[str, float | None]:
    """Give one Tesseract reading of a page image file: its text and its page_confidence (0-100 or None)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    # One run writes both the text and the per-word table the confidence comes from. Measured
    # (two full pages, three rounds): txt+tsv 3.63-3.70 s, tsv alone 3.65-3.68, txt alone
    # 3.56-3.67, tsv to stdout 3.61-3.76: the second output costs nothing worth saving.
    output = f"{os.path.splitext(image_file)[0]}-psm{psm}"  # beside the image, in its folder
    command = [engine.exe, image_file, output, "-l", engine.lang, "--dpi", str(dpi),
               "--psm", psm, "txt", "tsv"]
    try:
        done = subprocess.run(command, capture_output=True, env=env, timeout=PAGE_TIMEOUT_S)
    except subprocess.TimeoutExpired as error:
        raise OcrFailed(f"{where}: Tesseract took over {PAGE_TIMEOUT_S} s") from error
    except OSError as error:
        raise OcrUnavailable(f"Tesseract could not be run ({error}); {INSTALL_HINT}") from error
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed(f"{where}: Tesseract failed ({reason[-1] if reason else done.returncode})")
    try:
        text = Path(output + ".txt").read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise OcrFailed(f"{where}: Tesseract wrote no text ({error})") from error
    try:
        table = Path(output + ".tsv").read_text(encoding="utf-8", errors="replace")
    except OSError:
        table = ""
    # Tesseract ends every page with a form feed; page boundaries are the reader's to keep.
    lines = text_from_tsv(table)
    return (text.rstrip() if lines is None else lines), page_confidence(word_confidences(table))
