"""Run one `iop` command as a child process and measure it: exit code, stderr, wall time, peak memory.

Shared by bench/fuzz.py and bench/scale.py. Peak memory is os.wait4's ru_maxrss: the largest of
the process and the children it waited for (its workers, Tesseract). A run past `timeout` is
killed with its whole process group and gives the exit code None.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_iop(args: list[str], env: dict | None = None, timeout: float = 300.0) -> tuple[int | None, str, float, float]:
    """Give (exit code or None when it ran past timeout, stderr, seconds, peak MB) of `iop ARGS`."""
    code, stderr, seconds, peak, _ = run_iop_streamed(args, env, timeout, watch=False)
    return code, stderr, seconds, peak


def run_iop_streamed(args: list[str], env: dict | None = None, timeout: float = 300.0,
                     watch: bool = True) -> tuple[int | None, str, float, float, float | None]:
    """Give what run_iop gives and the seconds until the first row reached standard output (its
    second line: the first is a header or `[`), or None when there was no second line."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    started = time.monotonic()
    first_row: list[float] = []

    def drain(stream) -> None:
        lines = 0
        for chunk in iter(lambda: stream.read1(65536), b""):
            if not first_row:
                lines += chunk.count(b"\n")
                if lines >= 2:
                    first_row.append(time.monotonic() - started)

    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen([sys.executable, "-m", "iopcli", *args], env=env,
                                   stdout=subprocess.PIPE if watch else subprocess.DEVNULL,
                                   stderr=errors, start_new_session=True)
        reader = threading.Thread(target=drain, args=(process.stdout,), daemon=True) if watch else None
        if reader:
            reader.start()
        code, usage = None, None
        while time.monotonic() - started < timeout:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                break
            time.sleep(0.01)
        else:
            os.killpg(process.pid, signal.SIGKILL)
            _, _, usage = os.wait4(process.pid, 0)
        process.returncode = -9 if code is None else code  # reaped here, not by Popen
        seconds = time.monotonic() - started
        if reader:
            reader.join(timeout=10)
            process.stdout.close()
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    return code, stderr, seconds, usage.ru_maxrss / 1024 if usage else 0.0, first_row[0] if first_row else None
