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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_iop(args: list[str], env: dict | None = None, timeout: float = 300.0) -> tuple[int | None, str, float, float]:
    """Give (exit code or None when it ran past timeout, stderr, seconds, peak MB) of `iop ARGS`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    started = time.monotonic()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen([sys.executable, "-m", "iopcli", *args], env=env, stdout=subprocess.DEVNULL,
                                   stderr=errors, start_new_session=True)
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
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    return code, stderr, seconds, usage.ru_maxrss / 1024 if usage else 0.0
