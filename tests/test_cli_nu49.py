"""A stranger's pass over the README (nu49): small wording faults met on the way.

- A list holding one comment line and nothing else said ``(2 lines: 1 comments, 1 blank; ...)``.
"""
from __future__ import annotations

from sitekit import run_archiver


def test_a_list_with_one_comment_says_one_comment(tmp_path):
    """``# only comments`` and a blank line: nothing to capture, exit 0, the comment counted in the singular."""
    listing = tmp_path / "urls.txt"
    listing.write_text("# only comments\n\n", encoding="utf-8")
    proc = run_archiver("fetch", listing, "--warcs", tmp_path / "warcs", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "the list holds no URL (2 lines: 1 comment, 1 blank; a line starting with # is a comment)" in proc.stdout, \
        proc.stdout
    two = tmp_path / "two.txt"
    two.write_text("# one\n# two\n", encoding="utf-8")
    proc = run_archiver("fetch", two, "--warcs", tmp_path / "warcs", cwd=tmp_path)
    assert "(2 lines: 2 comments; a line starting with # is a comment)" in proc.stdout, proc.stdout
