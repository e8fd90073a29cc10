"""Benchmark: pages per second for `iop ingest`, raw pypdfium2 and pdfplumber, and a re-ingest.

    python bench/ingest.py [--docs 200] [--pages 5] [--plumber-pages 50]

Writes a synthetic corpus of text-layer PDFs in the style of samples/ (scripts/make_samples.py),
then measures on the same files. Targets on a 2-core machine: ingest >= 100 pages/s in one
process; an unchanged re-ingest of the corpus < 1 s. iop is timed in one process (--workers 0)
and with 1 and 2 worker processes. Also prints peak memory (RSS).
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--plumber-pages", type=int, default=50, help="pdfplumber is slow: time it on this many pages")
    parser.add_argument("--mixed", type=Path, default=ROOT / "samples",
                        help="a mixed folder (text PDFs, Word, scans) to time with OCR; default samples/")
    args = parser.parse_args()

    from make_samples import write_corpus

    import pypdfium2 as pdfium

    from iopcli.catalogue import Catalogue
    from iopcli.ingest import ingest

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        started = time.perf_counter()
        write_corpus(corpus, n_docs=args.docs, pages_per_doc=args.pages, seed=0)
        files = sorted(corpus.glob("*.pdf"))
        pages = sum(len(pdfium.PdfDocument(f)) for f in files)
        print(f"corpus: {len(files)} PDFs, {pages} pages (written in {time.perf_counter() - started:.1f} s)")

        started = time.perf_counter()
        for f in files:
            pdf = pdfium.PdfDocument(f)
            for page in pdf:
                page.get_textpage().get_text_range()
            pdf.close()
        raw = time.perf_counter() - started
        print(f"pypdfium2 text:       {pages / raw:8.1f} pages/s ({raw:.2f} s)")

        import pdfplumber

        sample, started = 0, time.perf_counter()
        for f in files:
            with pdfplumber.open(f) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    sample += 1
                    if sample >= args.plumber_pages:
                        break
            if sample >= args.plumber_pages:
                break
        plumber = time.perf_counter() - started
        print(f"pdfplumber text:      {sample / plumber:8.1f} pages/s (on {sample} pages, {plumber:.2f} s)")

        rates = {}
        for jobs in (0, 1, 2):
            with Catalogue(Path(tmp) / f"bench-{jobs}.db") as catalogue:
                started = time.perf_counter()
                summary = ingest(catalogue, [corpus], jobs=jobs)
                first = time.perf_counter() - started
                rates[jobs] = pages / first
                label = {0: "in one process", 1: "1 worker", 2: "2 workers"}[jobs]
                print(f"iop ingest, {label + ':':16}{pages / first:8.1f} pages/s ({first:.2f} s, "
                      f"{raw / first:.0%} of pypdfium2's speed; {summary.count('new')} new)")
        with Catalogue(Path(tmp) / "bench-2.db") as catalogue:
            started = time.perf_counter()
            again = ingest(catalogue, [corpus])
            second = time.perf_counter() - started
            print(f"unchanged re-ingest:  {second:8.2f} s ({again.count('unchanged')} unchanged)")
            files[0].write_bytes(files[1].read_bytes())
            started = time.perf_counter()
            again = ingest(catalogue, [corpus])
            one = time.perf_counter() - started
            print(f"one file changed:     {one:8.2f} s ({again.count('updated')} updated)")
        first = pages / rates[2]
        mixed_folder(args.mixed, Path(tmp))
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory (RSS):    {peak_mb:8.1f} MB in the main process, {worker_mb:.1f} MB in the largest child (a worker or Tesseract)")
        ok = pages / first >= 100 and second < 1.0
        print("targets: ingest >= 100 pages/s, re-ingest < 1 s:", "met" if ok else "NOT met")


def mixed_folder(folder: Path, tmp: Path) -> None:
    """Time ingest with OCR (auto, empty cache) on a mixed folder: pages per minute."""
    from iopcli.catalogue import Catalogue
    from iopcli.ingest import ingest, ocr_reader

    reader = ocr_reader("auto", tmp / "mixed.ocr-cache")
    if reader is None:
        print("mixed folder with OCR: skipped (Tesseract is not installed)")
        return
    with Catalogue(tmp / "mixed.db") as catalogue:
        started = time.perf_counter()
        ingest(catalogue, [folder], ocr=reader)
        seconds = time.perf_counter() - started
        records = catalogue.records()
    pages = sum(r["pages"] for r in records)
    scanned = sum(r["pages"] for r in records if r["ocr"])
    print(f"mixed folder with OCR: {pages / seconds * 60:8.1f} pages/min "
          f"({pages} pages, {scanned} of them OCRed, {len(records)} files, {seconds:.1f} s)")


if __name__ == "__main__":
    main()
