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


def _help(command: str, tmp_path: Path) -> str:
    done = run_archiver(command, "--help", cwd=tmp_path, env={"COLUMNS": "1000"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def _option_help(text: str, flag: str) -> str:
    """The option's line and the next (argparse puts the help below a long flag)."""
    lines = text.splitlines()
    [at] = [n for n, line in enumerate(lines) if line.startswith(f"  {flag} ")]
    return " ".join(lines[at:at + 2])


def test_help_speaks_to_the_command_it_is_for(tmp_path: Path):
    """Each command's --help described --format and --output for all commands at once ('diff, history:
    ... report: the folder it writes'), offered --format html to search (which refuses it), and showed
    the docstrings' reST ``literals``."""
    texts = {c.rstrip("_"): _help(c.rstrip("_"), tmp_path) for c in COMMANDS}
    for command, text in texts.items():
        assert "``" not in text, command
    assert "{text,json}" in _option_help(texts["search"], "--format")
    assert "html" not in _option_help(texts["search"], "--format")
    for command in ("diff", "history", "report", "run"):
        line = _option_help(texts[command], "--output")
        assert "diff, history:" not in line and "report:" not in line, (command, line)
    assert "folder" in _option_help(texts["report"], "--output")
    assert "--compare" in _option_help(texts["run"], "--output") and "--compare" in _option_help(texts["run"], "--format")
    assert "history:" not in _option_help(texts["history"], "--new-only")
    refused = run_archiver("search", "otters", "--format", "html", cwd=tmp_path)
    assert refused.returncode == 2 and "invalid choice: 'html'" in refused.stderr, refused.stderr


def test_diff_of_a_folder_without_texts_says_so(tmp_path: Path):
    """'archiver diff warcs/ stored/' (the wrong folder on one side) answered 'archiver diff: 0 pairs'
    and exit 0, which a scheduled job takes for 'nothing changed'. Each side without a text file is
    now named; the exit code is unchanged."""
    (tmp_path / "warcs").mkdir()
    (tmp_path / "warcs" / "a.warc.gz").write_bytes(b"")
    (tmp_path / "stored").mkdir()
    (tmp_path / "stored" / "a.txt").write_text("Title\n\nSome stored words of an article.\n", encoding="utf-8")
    done = run_archiver("diff", tmp_path / "warcs", tmp_path / "stored", cwd=tmp_path)
    assert f"warning: no clean text files (.txt) in {tmp_path / 'warcs'}" in done.stderr, done.stderr
    assert "no stored copies" not in done.stderr and done.returncode == 1, done.stderr  # a.txt is missing
    (tmp_path / "empty").mkdir()
    other = run_archiver("diff", tmp_path / "stored", tmp_path / "empty", cwd=tmp_path)
    assert f"warning: no stored copies in {tmp_path / 'empty'}" in other.stderr, other.stderr
