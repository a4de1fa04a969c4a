"""Text and JSON reports: colour only on a terminal, page text cannot drive the terminal."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from sitekit import ROOT, archiver_env, run_archiver

OLD = "A headline\n\nThe minister said the troops would leave in ten days.\n"
NEW = "A headline\n\nThe minister said the troops would leave in seven days.\n\n\x1b]0;owned\x07\x1b[2J\n"


def write(tmp_path):
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    return tmp_path / "new.txt", tmp_path / "old.txt"


def test_plain_text_when_piped_and_page_escapes_neutralised(tmp_path):
    new, old = write(tmp_path)
    proc = run_archiver("diff", new, old)
    assert proc.returncode == 1
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    assert "content replaced:" in proc.stdout and "[-ten-]{+seven+}" in proc.stdout
    assert "{+\ufffd]0;owned\ufffd\ufffd[2J+}" in proc.stdout


def test_colour_on_a_terminal(tmp_path):
    new, old = write(tmp_path)
    leader, follower = os.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "archiver", "diff", str(new), str(old)], cwd=ROOT,
                              stdout=follower, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                              env=archiver_env(), timeout=120)
        os.close(follower)
        follower = -1
        out = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO once the child side is closed
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)
    assert proc.returncode == 1
    text = out.decode("utf-8", "replace")
    assert "\x1b[31m[-ten-]\x1b[0m" in text and "\x1b[32m{+seven+}\x1b[0m" in text
    assert "\x1b]0;owned" not in text and "\x1b[2J" not in text  # the page's own escapes never pass


def test_json_is_one_object_per_pair(tmp_path):
    new, old = write(tmp_path)
    proc = run_archiver("diff", new, old, "--format", "json")
    [pair] = json.loads(proc.stdout)
    assert set(pair) >= {"new", "old", "url", "similarity", "class", "changes"}
    assert pair["class"] == "content-changed" and pair["paired_by"] == "content"
    replaced, added = [c for c in pair["changes"] if c["class"] == "content"]
    assert (replaced["kind"], replaced["old"], replaced["new"]) == ("replaced", "ten", "seven")
    assert added["kind"] == "added" and added["new"] == "\x1b]0;owned\x07\x1b[2J"  # JSON escapes it
    assert replaced["before"].endswith("would leave in") and replaced["after"].startswith("days")
