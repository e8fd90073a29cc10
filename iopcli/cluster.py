"""Ingest on a Dask cluster: the workers run the map step, this process is the catalogue's only writer.

`iop ingest PATH… --scheduler tcp://HOST:8786` walks the paths and decides here, as a local ingest
does, which files need reading: unchanged files are skipped before anything is sent. Each file to
read is workers.map_file on a worker (a PDF or image a task of its own, small other files
BATCH_FILES to a task): its bytes read there from the same path (a folder every worker sees, e.g.
over NFS) or sent along (--send-files), its scanned pages recognised by the worker's Tesseract a
page at a time (a worker with N threads reads N files at once), its record extracted. On the 2-core
build machine (bench/cluster.py, 17 poor scanned pages) 1 worker read 0.70 pages/s, 2 workers 1.18,
as many as a local ingest. Results stream back as they finish (as_completed) and are
written here by ingest.store, one transaction per document, so a catalogue file on a laptop or a
login node is never written by a worker. At most WINDOW_PER_THREAD tasks per worker thread are out
at a time, so a run over 100,000 files holds a bounded number of results in memory.

Failures. A file that cannot be read is a failed result like in a local ingest. A worker that dies
(out of memory, a crash in a PDF library, a node taken away) loses only the files it was reading:
the scheduler runs them again on another worker once, and a file whose second worker dies too comes
back as KilledWorker and is reported as failed. The scheduler's `allowed-failures` (default 3) says
how often it retries; iop sets it to ALLOWED_FAILURES when it connects, and the scheduler's
`worker-saturation` to 1.0 (a worker holds only the tasks it runs, so a file queued behind one that
crashes is not counted as having crashed it), for its run and any other client's: a scheduler for
iop is meant to be iop's own. Small files share a task (BATCH_FILES): a task of several files
whose workers died twice is split, each file run again alone. The catalogue never holds half a
document: only this process writes it, a document per transaction. Running the same command again
resumes: what is catalogued is unchanged and not sent.

OCR cache. A worker recognises pages with its own cache (workers.cache_root: $IOP_OCR_CACHE, which
may be a folder the workers share, else one per machine), keyed by the file's content hash. For a
file whose bytes this process read, the readings this catalogue's cache holds are sent along; what
a worker recognised comes back with the record into this catalogue's cache (beside the catalogue).

Not kept on a cluster: the per-file time budget. A Dask task runs in a worker thread, which cannot
be stopped from outside; a file that hangs holds its thread until the worker is restarted. Each
page of OCR is still bounded by Tesseract's own timeout (ocr.PAGE_TIMEOUT_S).

Why Dask and not Ray (not measured against each other here: only Dask is installed): the map step is
a plain function over one file and a result per file, which is what Dask's futures are; distributed
is pure Python (a few MB, no server binaries to match across nodes, where Ray ships a 60+ MB wheel
with its own raylet and GCS server per node), and dask-jobqueue (SLURM, PBS) and dask-kubernetes
start its workers on the machines our users have. `distributed` is imported only here and only
when --scheduler is given: iop runs without it.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from iopcli import ingest as pipeline
from iopcli import readers, workers
from iopcli.catalogue import Catalogue
from iopcli.errors import IopError, UsageError
from iopcli.ingest import Interrupted, Job, Outcome, Summary
from iopcli.workers import MapJob, Mapped

ALLOWED_FAILURES = 1  # a file whose worker dies is run once more, then reported as failed
WINDOW_PER_THREAD = 4  # tasks out per worker thread: enough to keep every thread busy between results
# Small files that need no OCR go BATCH_FILES to a task: a Dask task costs ~4 ms of CPU (client,
# scheduler, worker), as much as reading a text document (bench/cluster.py). PDFs and images, where
# crashes and long OCR happen, go one to a task.
BATCH_FILES = 8
BATCH_BYTES = 1 << 20
CONNECT_TIMEOUT_S = 20
KILLED = "the worker reading it died, and so did the one that tried again (out of memory, or a crash?)"
INSTALL = "pip install 'iop[cluster]'"


def connect(address: str, timeout: float = CONNECT_TIMEOUT_S):
    """Give a Dask client of the scheduler at `address`, its retries set to ALLOWED_FAILURES."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(f"--scheduler needs Dask's distributed: {INSTALL}") from None
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise IopError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
    allowed = ALLOWED_FAILURES

    def retry_once(dask_scheduler) -> None:
        # Nested, so that cloudpickle sends it whole to a scheduler that has no iop installed.
        dask_scheduler.allowed_failures = allowed
        # A worker gets no more tasks than it has threads: the tasks a dying worker takes down with
        # it (and counts against) are then the ones it was running, not ones queued behind them.
        if dask_scheduler.WORKER_SATURATION != float("inf"):
            dask_scheduler.WORKER_SATURATION = min(dask_scheduler.WORKER_SATURATION, 1.0)

    try:
        client.run_on_scheduler(retry_once)
    except Exception:  # a scheduler that refuses to run code keeps its own count of retries
        pass
    return client


def ingest(
    catalogue: Catalogue,
    paths: Iterable[Path],
    client,
    progress: Callable[[Path, int, int], None] | None = None,
    ocr: str = "auto",
    ocr_max_pages: int | None = None,
    all_iop: bool = False,
    rehash: bool = False,
    send_files: bool = False,
    function: Callable[[MapJob], Mapped] = workers.map_file,
) -> Summary:
    """Ingest files and folders through a Dask cluster; give what happened to each file.

    As ingest.ingest, with the map step on the cluster's workers (see the module's docstring).
    `ocr` is auto, always or never; `send_files` sends each file's bytes instead of its path;
    `function` is the task (tests put a stand-in there).
    """
    import dask
    from distributed import as_completed

    plan = pipeline.walk_plan(catalogue, paths)
    ocr_plan = None if ocr == "never" else workers.OcrPlan(all_pages=ocr == "always", max_pages=ocr_max_pages)
    cache = Path(str(catalogue.path) + ".ocr-cache") if ocr_plan else None
    # Without a file gone or missing no move can be found by its bytes: new files are read by the workers alone.
    read_new = send_files or bool(plan.gone) or any(row[3] == "missing" for row in plan.known.values())
    window = WINDOW_PER_THREAD * max(1, sum(client.nthreads().values()))
    in_flight: dict = {}
    settled: list[tuple[int, Outcome]] = []
    # Results are fetched from the workers in the client's own thread as they finish, while this one writes.
    finished = as_completed(loop=client.loop, with_results=True, raise_errors=False)
    total = len(plan.files)

    def settle(index: int, outcome: Outcome, path: Path) -> None:
        settled.append((index, outcome))
        if progress:
            progress(path, len(settled), total)

    def submit(group: list[tuple[int, Job]]) -> None:
        jobs = [_map_job(job, send_files, cache) for _, job in group]
        future = client.submit(workers.map_files, jobs, function, pure=False)
        in_flight[future] = group
        finished.add(future)

    def settle_next() -> None:
        future, result = next(finished)
        group = in_flight.pop(future)
        mapped = _results(future, result, group)
        if mapped is None:  # a batch whose workers died: each of its files alone now, the culprit's alone
            for member in group:
                submit([member])
            return
        for (index, job), one in zip(group, mapped):
            workers.keep_pages(cache, one.ocr_cache, one.sha256)
            settle(index, pipeline.store(catalogue, one, job.before), job.path)

    batch: list[tuple[int, Job]] = []
    try:
        # A file's bytes are its task's one argument and are sent once: not the repeated data the warning is for.
        with dask.config.set({"distributed.admin.large-graph-warning-threshold": "2GiB"}):
            for index, path in enumerate(plan.files):
                item = pipeline.decide(catalogue, path, plan.known, rehash, plan.gone, all_iop, ocr_plan, read_new)
                if not isinstance(item, Job):
                    settle(index, item, path)
                    continue
                if not _small(item):
                    submit([(index, item)])
                else:
                    batch.append((index, item))
                    if len(batch) == BATCH_FILES:
                        submit(batch)
                        batch = []
                while len(in_flight) >= window:
                    settle_next()
            if batch:
                submit(batch)
            while in_flight:
                settle_next()
    except KeyboardInterrupt:
        client.cancel(list(in_flight))
        pipeline.relink(catalogue)  # the file being written rolled back; link the ones that went in
        plan.summary.outcomes += [outcome for _, outcome in sorted(settled, key=lambda pair: pair[0])]
        raise Interrupted(plan.summary, total) from None
    # Written as they came back; told in the order they were found, as a local ingest tells them.
    plan.summary.outcomes += [outcome for _, outcome in sorted(settled, key=lambda pair: pair[0])]
    return pipeline.wrap_up(catalogue, plan, progress)


def _map_job(job: Job, send_files: bool, cache: Path | None) -> MapJob:
    """Give the task of a job: its bytes, or its absolute path for the worker to read it from."""
    task = job.task
    sha256 = readers.sha256_of(task.data) if task.data is not None else None
    if not send_files:
        # Absolute, links not followed: the name the user gave still says the type (`pw.txt`).
        task = replace(task, path=Path(os.path.abspath(job.path)), data=None)
    return MapJob(task, job.shown, job.mtime, workers.cached_pages(cache, sha256), ocr_jobs=1)


def _small(job: Job) -> bool:
    """Give True for a file that may share its task: a small one of a type that is never OCR'd."""
    if readers.file_type(job.path) in ("pdf", "image"):
        return False
    try:
        size = len(job.task.data) if job.task.data is not None else job.path.stat().st_size
    except OSError:
        return False
    return size <= BATCH_BYTES


def _results(future, result, group: list[tuple[int, Job]]) -> list[Mapped] | None:
    """Give the Mapped of each file of a task, the failed Mapped of each file of a task that did
    not come back, or None for a task of several files whose workers died (to be split).

    `result` is as as_completed gives it without raising: the list, the (type, exception,
    traceback) of a task that erred, or the CancelledError of a task lost with its scheduler.
    """
    from distributed import KilledWorker

    # Only a task that finished gives a list, even when its worker died after it was fetched (and the
    # future went back to pending, to be computed again): that result is kept, the future let go.
    future.release()
    if isinstance(result, list):
        return result
    error = result[1] if isinstance(result, tuple) and len(result) == 3 else result
    if isinstance(error, KilledWorker):
        if len(group) > 1:
            return None
        reason = KILLED
    else:
        reason = workers.unexpected_reason(error if isinstance(error, BaseException) else RuntimeError(str(error)))
    return [Mapped(job.task.key, job.shown, "failed", reason, mtime=job.mtime) for _, job in group]
