"""Hostile input, round 34 (session 39, host42): command-line words that begin with '-'.

``archiver search -bridge`` (a reader of web search engines' syntax), ``archiver import -x.warc`` or
``archiver fetch -urls.txt`` (a file so named) said ``the following arguments are required: QUERY`` (or
WARC, LIST) of an argument the user had given: argparse reads a word beginning with '-' as a flag. The
error now names the word and the way to give it (after the flags and ``--``). Real CLI subprocesses.
"""
from __future__ import annotations

import pytest
from sitekit import run_archiver


@pytest.mark.parametrize(("args", "word", "what"), [
    (["search", "-bridge"], "-bridge", "QUERY"),
    (["import", "-x.warc"], "-x.warc", "WARC"),
    (["fetch", "-urls.txt"], "-urls.txt", "LIST"),
    (["search", "bridge", "-council"], "-council", "unrecognized arguments"),
])
def test_a_word_read_as_a_flag_is_named_with_the_way_to_give_it(tmp_path, args, word, what):
    out = run_archiver(*args, "--db", tmp_path / "c.db", "--warcs", tmp_path / "w", cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    line = out.stderr.strip().splitlines()[-1]
    assert what in line and f"'{word}' begins with '-', so it was read as a flag" in line, line
    assert f"-- {word}" in line, line


def test_the_way_named_works_and_real_short_flags_are_not_named(tmp_path):
    (tmp_path / "-urls.txt").write_text("not a url\n")
    out = run_archiver("fetch", "--db", tmp_path / "c.db", "--warcs", tmp_path / "w", "--", "-urls.txt", cwd=tmp_path)
    assert "-urls.txt: 0 to fetch" in out.stdout + out.stderr, out.stdout + out.stderr
    out = run_archiver("search", "-h", cwd=tmp_path)
    assert out.returncode == 0 and "usage: archiver search" in out.stdout
