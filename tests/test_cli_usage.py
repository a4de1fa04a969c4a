"""The command line's usage messages: one default per option in --help, counts of 0 refused with a
clear error, a misspelt flag after a command answered with that command's usage."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitekit import run_archiver, write_list

from archiver.cli import COMMANDS


@pytest.mark.parametrize("command", [c.rstrip("_") for c in COMMANDS])
def test_help_states_each_default_once(command: str, tmp_path: Path):
    done = run_archiver(command, "--help", cwd=tmp_path, env={"COLUMNS": "1000"})
    assert done.returncode == 0, done.stderr
    assert "(default: None)" not in done.stdout
    for line in done.stdout.splitlines():
        if line.lstrip().startswith("--"):
            assert len(re.findall(r"\bdefault\b", line)) <= 1, line


@pytest.mark.parametrize("args, flag", [
    (["run", "urls.txt", "--jobs", "0"], "--jobs"),
    (["extract", "--jobs", "0"], "--jobs"),
    (["search", "otters", "--limit", "0"], "--limit"),
    (["fetch", "urls.txt", "--max-body", "0"], "--max-body"),
    (["fetch", "urls.txt", "--warc-max-size", "0"], "--warc-max-size"),
    (["fetch", "urls.txt", "--concurrency", "0"], "--concurrency"),
])
def test_counts_of_zero_are_refused(args: list[str], flag: str, tmp_path: Path):
    write_list(tmp_path / "urls.txt", ["https://www.example-news.test/"])
    done = run_archiver(*args, "--warcs", tmp_path / "warcs", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert flag in done.stderr and "at least 1" in done.stderr, done.stderr
    assert not (tmp_path / "warcs").exists()  # refused before anything was made


def test_misspelt_flag_after_a_command_shows_that_command_s_usage(tmp_path: Path):
    write_list(tmp_path / "urls.txt", ["https://www.example-news.test/"])
    done = run_archiver("run", "urls.txt", "--concurrancy", "4", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("usage: archiver run "), done.stderr
    assert "unrecognized arguments: --concurrancy 4" in done.stderr
    assert "did you mean --concurrency?" in done.stderr
    top = run_archiver("--bogus", cwd=tmp_path)
    assert top.returncode == 2 and top.stderr.startswith("usage: archiver [-h]"), top.stderr
