"""Run N damaged or hostile inputs through `iop ingest`, each in its own process, and count them.

    python bench/fuzz.py 200            # cases from seed 1
    python bench/fuzz.py 1000 --seed 7 --timeout 120 --workers 4
    python bench/fuzz.py 300 --ocr auto  # damaged scans and noise images too, read by Tesseract

Every case is written into a folder of its own and ingested into a catalogue that already holds
good documents. A case is
    handled   iop ended by itself with exit code 0, 1 or 2 and no traceback
    crashed   a traceback, or any other exit code (a signal, the kernel's OOM killer)
    hung      still running after --timeout seconds (then killed)
    lost      a document catalogued before is gone or changed afterwards
and the report gives the slowest case and the highest peak memory (max RSS of the iop process).
The first N cases are one of every kind (fuzzcases.every_kind), then random ones from the seed.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fuzzcases  # noqa: E402
import measured  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Result:
    case: fuzzcases.Case
    verdict: str
    seconds: float
    peak_mb: float
    note: str = ""


def good_documents(db: Path) -> set[tuple]:
    with sqlite3.connect(db) as conn:
        return set(conn.execute("select path, sha256 from documents where status = 'ok'"))


def run_iop(args: list[str], db: Path, timeout: float) -> tuple[int | None, str, float, float]:
    """Give (exit code or None when it hung, stderr, seconds, peak MB) of one `iop` process."""
    return measured.run_iop(args, {"IOP_DB": str(db)}, timeout)


def run_case(number: int, case: fuzzcases.Case, work: Path, template: Path, timeout: float,
             ocr: str = "never") -> Result:
    """Ingest one case into a copy of the good catalogue and judge what happened."""
    place = work / f"case-{number}"
    place.mkdir()
    db = place / "iop.db"
    shutil.copy(template, db)
    before = good_documents(db)
    fuzzcases.materialise(case, place / "in")
    # The time budget is under the hang timeout: a file stopped by it is handled, not hung.
    budget = str(max(1.0, timeout / 2))
    code, stderr, seconds, peak = run_iop(["ingest", "--quiet", "--ocr", ocr, "--time-budget", budget,
                                           str(place / "in")], db, timeout)
    if code is None:
        verdict, note = "hung", f"killed after {timeout:.0f} s"
    elif "Traceback" in stderr or code not in (0, 1, 2):
        verdict, note = "crashed", (stderr.strip().splitlines() or [f"exit code {code}"])[-1][:160]
    elif not before <= good_documents(db):
        verdict, note = "lost", "a catalogued document is gone or changed"
    else:
        verdict, note = "handled", ""
    shutil.rmtree(place, ignore_errors=True)
    return Result(case, verdict, seconds, peak, note)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many cases")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, help="seconds before a case counts as hung "
                        "(default 120; 300 with --ocr auto, where a 300-page scan is read)")
    parser.add_argument("--workers", type=int, default=max(1, min(4, (os.cpu_count() or 2) // 2)))
    parser.add_argument("--ocr", choices=("never", "auto"), default="never",
                        help="auto: OCR on, and damaged scans and noise images among the cases")
    options = parser.parse_args()

    scans = options.ocr == "auto"
    options.timeout = options.timeout or (300.0 if scans else 120.0)
    core = fuzzcases.every_kind(scans=scans)
    chosen = (core + fuzzcases.cases(options.seed, max(0, options.n - len(core)), scans=scans))[: options.n]
    with tempfile.TemporaryDirectory(prefix="iop-fuzz-") as scratch:
        work = Path(scratch)
        good = work / "good"
        good.mkdir()
        for n in range(3):
            (good / f"avtal-{n}.txt").write_text(fuzzcases.AGREEMENT.format(n=100 + n), encoding="utf-8")
        template = work / "template.db"
        code, stderr, _, _ = run_iop(["ingest", "--quiet", "--ocr", "never", str(good)], template, 300)
        if code != 0:
            print(f"cannot make the good catalogue: {stderr}", file=sys.stderr)
            return 2
        started = time.monotonic()
        with ThreadPoolExecutor(options.workers) as pool:
            results = list(pool.map(lambda item: run_case(item[0], item[1], work, template, options.timeout, options.ocr),
                                    enumerate(chosen)))
        elapsed = time.monotonic() - started

    counts = {verdict: sum(r.verdict == verdict for r in results) for verdict in ("handled", "crashed", "hung", "lost")}
    slowest = max(results, key=lambda r: r.seconds)
    hungriest = max(results, key=lambda r: r.peak_mb)
    print(f"{len(results)} cases in {elapsed:.1f} s ({options.workers} at a time, seed {options.seed}, OCR {options.ocr}): "
          + ", ".join(f"{n} {verdict}" for verdict, n in counts.items()))
    print(f"slowest case:  {slowest.seconds:6.1f} s   {slowest.case.what}")
    print(f"peak memory:   {hungriest.peak_mb:6.0f} MB  {hungriest.case.what}")
    for result in results:
        if result.verdict != "handled":
            print(f"  {result.verdict.upper():8} {result.case.what}: {result.note}")
    return 0 if counts["handled"] == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
