"""Benchmark: the size of `iop report` for a catalogue of 500 partnerships, and the time to write it.

    python bench/report.py                               # 500 partnerships, in a temporary folder
    python bench/report.py --partnerships 2000 --keep /tmp/report-bench

It writes the text documents of that many partnerships (bench/scalecorpus.py: 1-4 documents each,
over 117 kommuner and regioner), ingests them with `iop ingest`, then writes the report twice:
with `iop report` (a child process, wall time and peak memory as bench/measured.py measures them:
start-up, reading the catalogue and writing the file) and with iopcli.report.report_html alone (in
this process, over partnerships read beforehand). The goal is under 5 MB and under 2 s; it prints
figures and asserts nothing.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import measured  # noqa: E402
from scalecorpus import write_corpus  # noqa: E402

TODAY = "2025-06-01"
DOCUMENTS_PER_PARTNERSHIP = 3  # enough to draw from: scalecorpus writes 2.35 on average


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--partnerships", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="write the corpus, catalogue and report here (else a temporary folder)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        bench(args.keep, args.partnerships, args.seed)
    else:
        with tempfile.TemporaryDirectory(prefix="iop-report-") as work:
            bench(Path(work), args.partnerships, args.seed)


def bench(work: Path, count: int, seed: int) -> None:
    """Write the corpus of `count` partnerships, ingest it, write its report; print what it took."""
    corpus, db, report = work / "corpus", work / "iop.db", work / "report.html"
    write_corpus(corpus, count * DOCUMENTS_PER_PARTNERSHIP, seed)
    for extra in (f for f in corpus.rglob("p*.txt") if int(f.name[1:7]) >= count):
        extra.unlink()  # scalecorpus numbers partnerships p000000, p000001, …: keep the first `count`
    files = sorted(corpus.rglob("*.txt"))
    code, error, seconds, _ = measured.run_iop(["ingest", str(corpus), "--quiet", "--db", str(db)], timeout=1800)
    if code != 0:
        sys.exit(f"iop ingest failed ({code}): {error.strip().splitlines()[-1:] or ''}")
    print(f"corpus:      {len(files)} documents of {count} partnerships, ingested in {seconds:.1f} s")

    code, error, seconds, peak = measured.run_iop(["report", "--db", str(db), "-o", str(report), "--today", TODAY])
    if code != 0:
        sys.exit(f"iop report failed ({code}): {error.strip()}")
    print(f"iop report:  {report.stat().st_size / 1e6:.2f} MB, {seconds:.2f} s wall, {peak:.0f} MB peak "
          f"({error.strip()})")

    from iopcli.catalogue import Catalogue
    from iopcli.report import report_html

    with Catalogue(db, create=False) as catalogue:
        partnerships = catalogue.partnerships()
    started = time.perf_counter()
    page = report_html(partnerships, date.fromisoformat(TODAY))
    seconds = time.perf_counter() - started
    print(f"report_html: {len(page.encode('utf-8')) / 1e6:.2f} MB in {seconds:.2f} s for {len(partnerships)} "
          f"partnerships ({len(page.encode('utf-8')) / max(len(partnerships), 1) / 1000:.1f} kB each)")


if __name__ == "__main__":
    main()
