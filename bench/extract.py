"""Benchmark: extraction alone, in milliseconds per page (the record from a document already read).

    python bench/extract.py [--docs 100] [--pages 5] [--profile]

Reads a synthetic corpus of text PDFs (scripts/make_samples.py, as bench/ingest.py) and the dev
text documents once, then times build_record over them: the extractors, folding and the record,
without reading files, OCR or SQLite. Goal of issue 11: 1.5 ms per page. --profile prints the 25
functions with the most time of their own.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3, help="best of this many")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    from make_samples import write_corpus

    from iopcli.readers import read
    from iopcli.record import build_record

    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), n_docs=args.docs, pages_per_doc=args.pages, seed=0)
        sets = {"synthetic PDFs": [read(f) for f in sorted(Path(tmp).glob("*.pdf"))]}
    dev = ROOT.parent / "shared" / "dev" / "txt"
    if dev.exists():
        sets["dev txt"] = [read(f) for f in sorted(dev.iterdir()) if f.is_file()]
    for name, documents in sets.items():
        pages = sum(d.page_count for d in documents)
        chars = sum(len(d.text) for d in documents)
        best = min(_timed(build_record, documents) for _ in range(args.rounds))
        print(f"{name:15} {len(documents):4} documents {pages:5} pages {chars / pages:6.0f} chars/page   "
              f"{best * 1000 / pages:.2f} ms/page (best of {args.rounds})")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(lambda: [build_record(d) for d in sets["synthetic PDFs"]])
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)


def _timed(build, documents) -> float:
    started = time.perf_counter()
    for document in documents:
        build(document)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
