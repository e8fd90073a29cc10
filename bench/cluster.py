"""Ingest through a Dask cluster on this machine: OCR pages/s with 1 and 2 workers, and the cost per
document of the map/load path against a local ingest on text documents.

    python bench/cluster.py [--scans 6] [--quality poor] [--copies 40] [--rounds 3]

OCR: --scans dev PDFs made into image-only scans by bench/make_scans.py (the same bytes every run),
ingested through a LocalCluster of 1, then 2 worker processes (one thread each, as
`dask worker --nthreads 1`), each run with empty OCR caches; pages/s counts the scans' pages over
the run's wall time. A local `iop ingest` (both cores for one file's pages) is printed beside.

Overhead: --copies copies of the dev text documents (each copy made a distinct file by one added
line), and half as many, ingested into an empty catalogue by `iop ingest` (local, a worker per
core), by `iop extract --jsonl` then `iop load`, and by `iop ingest --scheduler` on a LocalCluster
of two workers (started and warmed beforehand, as a standing cluster would be). Each is a child
process; best of --rounds. The cost per document is the difference between the two sizes over the
difference in documents, so what a run pays once (Python's start-up, connecting) is left out; the
whole run's seconds are printed too. Wall time and CPU time: the goal for the map/load path (under
10% per document) is judged on CPU, the work each document costs. Wall time on two cores shared
with other jobs swings by more than that, and extract then load run one after the other where an
ingest writes while its workers read.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import make_scans

DEV = ROOT.parent / "shared" / "dev"


class Took(NamedTuple):
    wall: float  # seconds
    cpu: float   # CPU seconds of the iop process, its workers and Tesseract, and the cluster's processes


def iop(args: list[str], env: dict, stdout=subprocess.DEVNULL) -> Took:
    """Give the time `iop ARGS` takes as a child process, which must succeed.

    CPU: the child's rusage (with the worker processes and Tesseracts it waited for) plus what this
    process and its other children used meanwhile: a LocalCluster's scheduler and workers.
    """
    cluster_before = cluster_cpu()
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen([sys.executable, "-m", "iopcli", *args], env=env, stdout=stdout, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        wall = time.perf_counter() - started
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"iop {' '.join(args)} failed ({process.returncode}): {errors.read()[-2000:]!r}")
    return Took(wall, usage.ru_utime + usage.ru_stime + cluster_cpu() - cluster_before)


def cluster_cpu() -> float:
    """Give the CPU seconds this process and its running children (a LocalCluster's) have used."""
    import psutil  # installed with distributed

    total = 0.0
    for process in [psutil.Process(), *psutil.Process().children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.Error:  # gone meanwhile
            continue
        total += times.user + times.system
    return total


def local_cluster(workers: int, env: dict):
    """Give a started LocalCluster of `workers` processes, one thread each, their imports done."""
    from distributed import Client, LocalCluster

    os.environ.update(env)  # the workers inherit it: their OCR cache
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=":0", silence_logs=50)
    with Client(cluster.scheduler_address) as client:
        client.run(_warm)
    return cluster


def _warm() -> None:
    import iopcli.ocr
    import iopcli.readers
    import iopcli.record
    import iopcli.scanprep  # noqa: F401  (Pillow)

    if iopcli.ocr.tesseract_available():
        iopcli.ocr.ocr_language()  # asks Tesseract once per process


def pages_of(pdfs: list[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in pdfs:
        with pdfium.PdfDocument(str(path)) as pdf:
            total += len(pdf)
    return total


def ocr_rates(scans: Path, pages: int, tmp: Path, env: dict) -> None:
    print(f"OCR: {pages} scanned pages in {len(list(scans.glob('*.pdf')))} PDFs "
          f"({os.cpu_count()} cores; every run with empty OCR caches)")
    for workers in (1, 2):
        run = tmp / f"ocr-{workers}"
        run.mkdir()
        run_env = {**env, "IOP_OCR_CACHE": str(run / "worker-cache")}
        cluster = local_cluster(workers, run_env)
        try:
            seconds = iop(["ingest", "--quiet", "--db", str(run / "iop.db"), "--scheduler", cluster.scheduler_address,
                           str(scans)], run_env).wall
        finally:
            cluster.close()
        print(f"  cluster, {workers} worker{'s' if workers > 1 else ' '}  {seconds:6.1f} s  {pages / seconds:5.2f} pages/s")
    (tmp / "ocr-local").mkdir()
    seconds = iop(["ingest", "--quiet", "--db", str(tmp / "ocr-local" / "iop.db"), str(scans)], env).wall
    print(f"  local iop ingest     {seconds:6.1f} s  {pages / seconds:5.2f} pages/s  (both cores on a file's pages)")


def text_copies(target: Path, copies: int) -> int:
    sources = sorted((DEV / "txt").glob("*.txt"))
    for copy in range(copies):
        folder = target / f"copy-{copy:03}"
        folder.mkdir(parents=True)
        for source in sources:
            text = source.read_text(encoding="utf-8")
            (folder / source.name).write_text(f"{text}\nKopia {copy}\n", encoding="utf-8")
    return copies * len(sources)


def timed_paths(docs: Path, run: Path, scheduler: str, env: dict) -> dict[str, Took]:
    """Give the time of each path over `docs`, each into a new catalogue under `run`."""
    run.mkdir(parents=True)
    times = {"local": iop(["ingest", "--quiet", "--db", str(run / "local.db"), str(docs)], env)}
    with open(run / "mapped.jsonl", "w", encoding="utf-8") as lines:
        times["extract"] = iop(["extract", "--jsonl", str(docs)], env, stdout=lines)
    times["load"] = iop(["load", "--quiet", "--db", str(run / "loaded.db"), str(run / "mapped.jsonl")], env)
    times["map/load"] = Took(*(a + b for a, b in zip(times["extract"], times["load"])))
    times["cluster"] = iop(["ingest", "--quiet", "--db", str(run / "cluster.db"), "--scheduler", scheduler,
                            str(docs)], env)
    return times


def overhead(tmp: Path, copies: int, env: dict, rounds: int) -> None:
    """Per document: the slope between a run over `copies` copies and one over half as many, so
    that what a run pays once (start-up, connecting, linking an empty catalogue) is left out."""
    sizes = {"small": text_copies(tmp / "small", copies // 2), "large": text_copies(tmp / "large", copies)}
    cluster = local_cluster(2, env)
    best: dict[tuple[str, str, str], float] = {}
    try:
        for number in range(rounds):
            for size in sizes:
                for name, took in timed_paths(tmp / size, tmp / f"round-{number}-{size}",
                                              cluster.scheduler_address, env).items():
                    for kind, seconds in took._asdict().items():
                        best[size, name, kind] = min(best.get((size, name, kind), seconds), seconds)
    finally:
        cluster.close()
    extra = sizes["large"] - sizes["small"]

    def per_doc(name: str, kind: str) -> float:
        return (best["large", name, kind] - best["small", name, kind]) / extra

    print(f"\nText documents (copies of the dev txt), best of {rounds}; CPU per document: the difference "
          f"between the runs over the {extra} documents more")
    print(f"  {'':30} {sizes['large']:>5} docs {sizes['small']:>5} docs  {'CPU/doc':>8}  against local")
    rows = [("local iop ingest", "local"), ("  iop extract --jsonl", "extract"), ("  iop load", "load"),
            ("extract + load (map/load)", "map/load"), ("ingest --scheduler, 2 workers", "cluster")]
    local = per_doc("local", "cpu")
    for label, name in rows:
        cpu = per_doc(name, "cpu")
        versus = "" if name in ("local", "extract", "load") else f"  {100 * (cpu - local) / local:+6.1f}%"
        print(f"  {label:30} {best['large', name, 'wall']:8.2f} s {best['small', name, 'wall']:8.2f} s "
              f"{1000 * cpu:6.2f} ms{versus}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=6, help="dev PDFs made into scans")
    parser.add_argument("--quality", choices=sorted(make_scans.QUALITIES), default="poor")
    parser.add_argument("--copies", type=int, default=40, help="copies of the dev text documents")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-ocr", action="store_true")
    args = parser.parse_args()
    if not (DEV / "txt").is_dir():
        raise SystemExit(f"{DEV} is not beside the checkout")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    tmp = Path(tempfile.mkdtemp(prefix="iop-bench-cluster-"))
    try:
        if not args.skip_ocr:
            sources = sorted((DEV / "pdf").glob("*.pdf"))[: args.scans]
            scans = make_scans.make_scans(sources, tmp / "scans", args.quality)
            ocr_rates(tmp / "scans", pages_of(scans), tmp, env)
        overhead(tmp, args.copies, env, args.rounds)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
