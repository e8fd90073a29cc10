"""Benchmark: how iop scales with catalogue size: building, grouping, and the user's commands.

    python bench/scale.py                                              # sizes 1000 and 10000
    python bench/scale.py --sizes 1000,10000,100000 --keep /tmp/scale  # keep corpora and catalogues

For each size N it writes N Swedish IOP text documents (bench/scalecorpus.py: partnerships of 1-4
documents over 117 kommuner and regioner, one holding ~15 % of them), builds a catalogue from them
and times commands against it. It prints figures and asserts nothing.

Building takes a fast path instead of `iop ingest`, so that 100 000 documents stay affordable:
the map step of ingest (iopcli.workers.prepare: read, extract, build the record) runs in a
multiprocessing.Pool of --workers processes, and this process writes each record with
Catalogue.upsert_document, one transaction per document as ingest does. What it leaves out is
ingest's walk, change detection, per-file time budget and progress. Then iopcli.ingest.relink
groups the documents into partnerships, timed on its own. For sizes up to --ingest-up-to a real
`iop ingest FOLDER --quiet` runs as well (a subprocess, into a catalogue of its own), then an
unchanged re-ingest of the same folder, to show what the fast path saves.

Each command runs as `python -m iopcli ... --db DB` with stdout to /dev/null (rich still renders
its tables, as it cannot tell), timed by wall clock, with peak memory from os.wait4's ru_maxrss
(the largest of iop and the workers it waited for). The commands are started by a small process
of a forkserver pool, not by this one: on Linux a child's ru_maxrss begins at the peak RSS of the
process that forked it, which here, after building, would be hundreds of MB and hide iop's own.
With --keep DIR the corpus and catalogue of size N stay in DIR/scale-N (replaced if there).
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import measured  # noqa: E402
from scalecorpus import Facts, write_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated document counts")
    parser.add_argument("--keep", type=Path, help="keep each size's corpus and catalogue in DIR/scale-N")
    parser.add_argument("--timeout", type=float, default=300, help="seconds a command may take")
    parser.add_argument("--workers", type=int, default=2, help="processes that extract while building")
    parser.add_argument("--ingest-up-to", type=int, default=1000,
                        help="also time a real `iop ingest` for sizes up to this (it is slower)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]

    from iopcli.catalogue import iop_version

    started = time.perf_counter()
    print(f"machine: {len(os.sched_getaffinity(0))} cores available, Python {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}, iop {iop_version()} ({code_version()})")
    with multiprocessing.get_context("forkserver").Pool(1) as launcher:
        for size in sizes:
            if args.keep:
                work = args.keep / f"scale-{size}"
                shutil.rmtree(work, ignore_errors=True)
                work.mkdir(parents=True)
                bench_size(size, work, args, launcher)
            else:
                with tempfile.TemporaryDirectory(prefix=f"iop-scale-{size}-") as tmp:
                    bench_size(size, Path(tmp), args, launcher)
    print(f"\ntotal wall time: {time.perf_counter() - started:.1f} s")


def code_version() -> str:
    """Name the commit measured, so that figures from two runs can be compared."""
    described = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty=, with uncommitted changes"],
                               capture_output=True, text=True, check=False)
    return f"git {described.stdout.strip()}" if described.returncode == 0 else "not a git checkout"


def bench_size(size: int, work: Path, args: argparse.Namespace, launcher) -> None:
    """Write, build and query one catalogue of `size` documents; print what it took."""
    print(f"\n=== {size} documents ===")
    corpus, db = work / "corpus", work / "iop.db"
    started = time.perf_counter()
    facts = write_corpus(corpus, size, args.seed)
    files = sorted(corpus.rglob("*.txt"))
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    biggest, most = max(facts.per_municipality.items(), key=lambda item: item[1])
    print(f"corpus:        {len(files)} .txt files, {megabytes:.1f} MB, {len(facts.per_municipality)} "
          f"kommuner/regioner, most in {biggest} ({most / size:.0%}); written in {time.perf_counter() - started:.1f} s")

    build = build_catalogue(files, db, args.workers)
    partnerships = count_partnerships(db)
    print(f"extract+write: {build['seconds'] * 1000 / size:.2f} ms/document ({build['seconds']:.1f} s with "
          f"{args.workers} workers; {build['writing'] * 1000 / size:.2f} ms/document of it writing; "
          f"{build['failed']} failed)")
    share = build['relink'] / (build['seconds'] + build['relink'])
    print(f"grouping:      {build['relink']:.2f} s (relink), {share:.1%} of building -> {partnerships} partnerships "
          f"(the corpus was written as {facts.partnerships})")
    print(f"catalogue:     {on_disk(db) / 1e6:.1f} MB on disk ({on_disk(db) / size / 1000:.1f} kB/document)")

    if size <= args.ingest_up_to:
        time_real_ingest(corpus, work / "ingest.db", size, args.timeout, launcher, build["relink"])
    time_one_change(corpus, files, db, args.timeout, launcher)
    print_table(run_commands(db, facts, args.timeout, launcher))


def time_one_change(corpus: Path, files: list[Path], db: Path, timeout: float, launcher) -> None:
    """Time `iop ingest` of the whole corpus when nothing changed, then when one file in the
    largest municipality changed (it reads that file and links that municipality again)."""
    for label in ("no change:", "one changed:"):
        if label == "one changed:":
            largest = max({f.parent for f in files}, key=lambda folder: sum(f.parent == folder for f in files))
            with min(f for f in files if f.parent == largest).open("a", encoding="utf-8") as changed:
                changed.write("\nKontaktperson för föreningen är ny från och med i år.\n")
        code, error, seconds, peak, _ = launcher.apply(run_iop, (["ingest", str(corpus), "--quiet"], db, timeout))
        outcome = "" if code == 0 else f"; {failure(code, error)}"
        print(f"{label:15}{seconds:.2f} s wall for `iop ingest` of all {len(files)} files, {peak:.0f} MB peak{outcome}")


def prepare_file(path: Path):
    """Run ingest's map step on one file (in a pool worker); give what the writer needs."""
    from iopcli.workers import Task, prepare

    data = path.read_bytes()
    return path, len(data), path.stat().st_mtime, prepare(Task(path, str(path.resolve()), data))


def build_catalogue(files: list[Path], db: Path, workers: int) -> dict:
    """Extract in a pool, write here in file order, then relink: the fast path of the docstring."""
    from iopcli.catalogue import Catalogue
    from iopcli.ingest import relink
    from iopcli.workers import Prepared

    failed, writing = 0, 0.0
    started = time.perf_counter()
    with Catalogue(db) as catalogue:
        with multiprocessing.Pool(workers) as pool:
            for path, size, mtime, result in pool.imap(prepare_file, files, chunksize=16):
                if not isinstance(result, Prepared):
                    failed += 1
                    print(f"  failed: {path.name}: {getattr(result, 'reason', result)}")
                    continue
                write_started = time.perf_counter()
                catalogue.upsert_document(result.record, result.document.text, result.document.page_starts, size, mtime)
                writing += time.perf_counter() - write_started
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        relink(catalogue)  # as `iop ingest` does: in parts, on every core (linkparts.py)
        grouping = time.perf_counter() - started
    return {"seconds": seconds, "writing": writing, "relink": grouping, "failed": failed}


def count_partnerships(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from partnerships").fetchone()[0]


def on_disk(db: Path) -> int:
    """Bytes of the catalogue with its write-ahead log and shared-memory file, if left."""
    return sum(p.stat().st_size for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"))
               if p.exists())


def time_real_ingest(corpus: Path, db: Path, size: int, timeout: float, launcher, grouping: float) -> None:
    """Time `iop ingest` itself, first into an empty catalogue, then again with nothing changed.
    Its grouping is the same work as the fast path's relink: that time's share of it is printed."""
    for label in ("iop ingest:", "re-ingest:"):
        code, error, seconds, peak, _ = launcher.apply(run_iop, (["ingest", str(corpus), "--quiet"], db, timeout))
        outcome = "" if code == 0 else f"; {failure(code, error)}"
        share = f", grouping (as timed above) {grouping / seconds:.1%} of it" if label == "iop ingest:" and not outcome else ""
        print(f"{label:15}{seconds:.1f} s wall, {seconds * 1000 / size:.2f} ms/document, {peak:.0f} MB peak{outcome}{share}")
    print(f"               iop ingest grouped them into {count_partnerships(db)} partnerships")


def run_iop(args: list[str], db: Path, timeout: float) -> tuple[int | None, str, float, float, float | None]:
    """Give (exit code, or None when it timed out; last stderr line; seconds; peak MB; seconds to
    the first row) of one iop run, its output piped as a script would read it."""
    code, stderr, seconds, peak, first = measured.run_iop_streamed([*args, "--db", str(db)], timeout=timeout)
    lines = stderr.strip().splitlines()
    return code, lines[-1].strip() if lines else "", seconds, peak, first


def failure(code: int | None, error: str) -> str:
    return "timeout" if code is None else f"exit {code}: {error}"


def run_commands(db: Path, facts: Facts, timeout: float, launcher) -> list[tuple[str, ...]]:
    """Run each user command once; give rows of (command, seconds, first row, MB, note)."""
    commands = [
        ["show", *facts.case_number.split()],
        ["show", facts.org_number],
        ["expiring", "--before", "2027-01-01"],
        ["expiring", "--within", "6m", "--today", "2026-01-01"],
        ["partnerships"],
        ["partnerships", "--format", "jsonl"],
        ["partnerships", "--municipality", "Ystad"],
        ["deadlines"],
        ["deadlines", "--format", "csv"],
        ["check"],
        ["search", "brottsofferjouren"],
        ["export", "--format", "json"],
        ["export", "--format", "jsonl"],
    ]
    rows = []
    for command in commands:
        code, error, seconds, peak, first = launcher.apply(run_iop, (command, db, timeout))
        fine = code == 0 or (command[0] == "check" and code == 1)
        rows.append((" ".join(command), f"{seconds:.2f}" if code is not None else "-",
                     f"{first:.2f}" if first is not None else "-", f"{peak:.0f}", "" if fine else failure(code, error)))
    return rows


def print_table(rows: list[tuple[str, ...]]) -> None:
    header = ("command", "seconds", "1st row", "MB", "")
    width = max(len(row[0]) for row in [header, *rows])
    print()
    for name, seconds, first, megabytes, note in [header, *rows]:
        print(f"  {name:<{width}}  {seconds:>8}  {first:>7}  {megabytes:>6}  {note}".rstrip())


if __name__ == "__main__":
    main()
