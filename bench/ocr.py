"""OCR accuracy and speed on made-up office scans of the dev documents, against plain Tesseract.

    python bench/ocr.py [--docs 8] [--scans DIR] [--no-timing] [--jobs N]
    python bench/ocr.py --fixtures h06 h13 h16     # rewrite tests/fixtures/ocr from poor scans

Makes poor (110-150 dpi, speckled, blurred, askew, one page upside down) and good (200-300 dpi)
image-only scans of --docs dev PDFs with bench/make_scans.py, the same every run. Then:

- accuracy: ingests the text PDFs, the poor scans and the good scans the way `iop ingest` does and
  scores each against the dev gold with bench/accuracy.py (crisp F1 and overall F1);
- speed: OCRs every page of the scans with iopcli.ocr (no cache) and, on the same embedded images
  at their own resolution, with plain `tesseract IMAGE out -l swe`, both a document at a time and
  one page per core, and prints seconds per page and the ratio.

The scoring run shares bench/accuracy.py's OCR cache (keyed by file hash and OCR settings), so a
second run scores from the cache; the timing run never uses a cache.

--fixtures writes Tesseract's text of the poor scans of the named documents (pages separated by form
feeds) to tests/fixtures/ocr/, so extraction from OCR text is tested without Tesseract.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import accuracy  # noqa: E402
import make_scans  # noqa: E402

from iopcli import ocr  # noqa: E402

DEV = ROOT.parent / "shared" / "dev"


def chosen_documents(count: int) -> list[Path]:
    """Give `count` dev PDFs spread evenly over the set (the set is ordered by its h-numbers)."""
    every = sorted((DEV / "pdf").glob("*.pdf"))
    if count >= len(every):
        return every
    step = len(every) / count
    return [every[int(i * step)] for i in range(count)]


def subset_gold(documents: list[Path], target: Path) -> Path:
    """Write the gold records of `documents` only (a record without a file counts as a miss)."""
    stems = {path.stem for path in documents}
    gold = json.loads((DEV / "gold.json").read_text(encoding="utf-8"))
    target.write_text(json.dumps([g for g in gold if Path(g["source"]).stem in stems],
                                 ensure_ascii=False), encoding="utf-8")
    return target


def score_line(name: str, gold: Path, folder: Path) -> str:
    result = accuracy.evaluate(gold, folder)
    return (f"{name:12} crisp F1 {result['crisp']['f1']:.2f}  overall F1 {result['overall']['f1']:.2f}"
            f"  dates {result['document_date_found']}/{result['document_date_wanted']}")


def embedded_images(pdf_path: Path, folder: Path) -> list[Path]:
    """Write each page's one image as a PNG at its own resolution; give their paths."""
    import pypdfium2 as pdfium

    paths = []
    with pdfium.PdfDocument(str(pdf_path)) as pdf:
        for number, page in enumerate(pdf, 1):
            [image] = list(page.get_objects())
            bitmap = image.get_bitmap(render=False).to_pil()
            dpi = round(bitmap.width / (page.get_width() / 72))
            path = folder / f"{pdf_path.stem}-p{number}.png"
            bitmap.save(path, dpi=(dpi, dpi))
            paths.append(path)
    return paths


def time_plain_tesseract(documents: list[list[Path]], jobs: int, out: Path) -> float:
    """Give the seconds plain `tesseract -l swe` takes over each document's page images.

    A document's pages are read `jobs` at a time, one document after another, as iop reads them:
    iop ingests file by file, so a three-page scan on two cores keeps one core idle for its last page.
    """
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # as iop runs it: one page per core

    def one(image: Path) -> None:
        subprocess.run(["tesseract", str(image), str(out / image.stem), "-l", "swe"],
                       capture_output=True, env=env, check=True)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for images in documents:
            list(pool.map(one, images))
    return time.perf_counter() - start


def time_iop(pdfs: list[Path], jobs: int) -> tuple[float, int]:
    """Give the seconds iopcli.ocr takes over every page of `pdfs` (no cache), and the page count."""
    pages = 0
    start = time.perf_counter()
    for path in pdfs:
        count = _pages(path)
        ocr.ocr_pdf_pages(str(path), list(range(1, count + 1)), jobs=jobs)
        pages += count
    return time.perf_counter() - start, pages


def write_fixtures(prefixes: list[str], seed: int) -> None:
    """Write the OCR text of the poor scans of the dev documents named by `prefixes` ("h06")."""
    target = ROOT / "tests" / "fixtures" / "ocr"
    target.mkdir(parents=True, exist_ok=True)
    sources = [p for p in sorted((DEV / "pdf").glob("*.pdf")) if p.stem.split("_")[0] in prefixes]
    with tempfile.TemporaryDirectory() as tmp:
        for scan in make_scans.make_scans(sources, Path(tmp), "poor", seed):
            texts = ocr.ocr_pdf_pages(str(scan), list(range(1, _pages(scan) + 1)))
            path = target / f"{scan.stem}-poor-scan.txt"
            path.write_text("\f".join(texts[n] for n in sorted(texts)) + "\n", encoding="utf-8")
            print(path)


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    with pdfium.PdfDocument(str(path)) as pdf:
        return len(pdf)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=8, help="dev documents to scan (of 20)")
    parser.add_argument("--scans", type=Path, help="keep the scans in this folder (default: temporary)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=ocr.available_cores())
    parser.add_argument("--no-timing", action="store_true", help="score only")
    parser.add_argument("--fixtures", nargs="+", metavar="PREFIX", help="write OCR text fixtures")
    args = parser.parse_args()
    if not ocr.swedish_available():
        print(f"Tesseract with Swedish is not installed; {ocr.INSTALL_HINT}")
        return 1
    if args.fixtures:
        write_fixtures(args.fixtures, args.seed)
        return 0
    documents = chosen_documents(args.docs)
    print(f"tesseract {ocr.tesseract_version()}, {args.jobs} jobs, {len(documents)} dev documents: "
          + " ".join(p.stem.split("_")[0] for p in documents))
    with tempfile.TemporaryDirectory(prefix="iop-bench-ocr-") as tmp:
        work = args.scans or Path(tmp)
        gold = subset_gold(documents, Path(tmp) / "gold.json")
        text_folder = work / "text"
        text_folder.mkdir(parents=True, exist_ok=True)
        for path in documents:
            shutil.copy(path, text_folder)
        folders = {"text PDF": text_folder}
        for quality in ("poor", "good"):
            folders[f"{quality} scan"] = work / quality
            make_scans.make_scans(documents, work / quality, quality, args.seed)
        for name, folder in folders.items():
            print(score_line(name, gold, folder), flush=True)
        if args.no_timing:
            return 0
        for quality in ("poor", "good"):
            scans = sorted((work / quality).glob("*.pdf"))
            seconds, pages = time_iop(scans, args.jobs)
            images_folder = Path(tmp) / f"{quality}-images"
            images_folder.mkdir()
            images = [embedded_images(scan, images_folder) for scan in scans]
            plain = time_plain_tesseract(images, args.jobs, images_folder)
            print(f"{quality} scan   iop {seconds / pages:5.2f} s/page, plain tesseract "
                  f"{plain / pages:5.2f} s/page ({pages} pages): "
                  f"{seconds / plain:.2f}x", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
