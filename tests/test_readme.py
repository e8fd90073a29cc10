"""The README's commands run, and the first one prints what the README says it prints."""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def console_blocks(markdown: str) -> list[list[str]]:
    """Give the lines of every ```console block."""
    return [block.splitlines() for block in re.findall(r"```console\n(.*?)```", markdown, re.S)]


def run_iop(command: str, env: dict) -> subprocess.CompletedProcess:
    """Run an `iop …` line of the README in a scratch folder that has the samples."""
    argv = shlex.split(command)
    assert argv[0] == "iop", command
    return subprocess.run([sys.executable, "-m", "iopcli", *argv[1:]], cwd=env["IOP_TEST_CWD"], env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture()
def env(tmp_path):
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    return {**os.environ, "IOP_DB": str(tmp_path / "readme.db"), "COLUMNS": "100", "NO_COLOR": "1",
            "TERM": "dumb", "IOP_TEST_CWD": str(tmp_path), "PYTHONPATH": str(ROOT)}


def test_first_command_prints_what_the_readme_shows(env):
    first = console_blocks(README)[0]
    assert first[0].startswith("$ pip install")
    commands = [c.strip() for c in first[0][2:].split("&&") if not c.strip().startswith("pip ")]
    printed = []
    for command in commands:
        result = run_iop(command, env)
        assert result.returncode == 0, (command, result.stderr)
        printed += (result.stdout + result.stderr).splitlines()
    assert [line.rstrip() for line in printed] == [line.rstrip() for line in first[1:]]


def test_test_command_is_what_ci_runs():
    second = console_blocks(README)[1]
    command = second[0][2:]
    assert command.startswith("pip install") and command.endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci


def test_every_tour_command_runs(env):
    commands = [line[2:] for block in console_blocks(README)[2:] for line in block if line.startswith("$ iop ")]
    assert len(commands) >= 10
    run_iop("iop ingest samples/", env)
    for command in commands:
        if "|" in command or ">" in command:
            command = re.split(r"\s[|>]", command)[0]
        result = run_iop(command, env)
        assert result.returncode in (0, 1), (command, result.stderr)
        assert "Traceback" not in result.stderr, (command, result.stderr)
