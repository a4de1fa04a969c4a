"""``archiver diff --manifest``: the two ways a manifest lost URLs without a word.

- written without the header line, its first copy's URL was read as the header and dropped;
- a line naming a file that is not among the stored copies (a typo, a copy moved) paired
  nothing and was not said.
Plain text files on both sides (no capture: judged by rules), the real CLI.
"""
from __future__ import annotations

import json

from sitekit import run_archiver

URL_A = "https://www.example-news.test/2026/otters-return"
URL_B = "https://www.example-news.test/2026/bridge-reopens"
TEXT_A = ("Otters return to the river\n\nVolunteers counted eleven otters along the river on Sunday, the "
          "highest number since the survey began twenty years ago.\n")
TEXT_B = ("The old bridge reopens\n\nThe old bridge reopened to traffic on Monday after eight weeks of repairs "
          "to its corroded steel beams.\n")


def _folders(tmp_path):
    new, old = tmp_path / "new", tmp_path / "old"
    new.mkdir()
    old.mkdir()
    for name, text, url in (("otters", TEXT_A, URL_A), ("bridge", TEXT_B, URL_B)):
        (new / f"{name}.txt").write_text(text, encoding="utf-8")
        (new / f"{name}.json").write_text(json.dumps({"url": url}), encoding="utf-8")
    # stored copies under names that say nothing, texts that share too little to pair by content
    (old / "0001.txt").write_text("Otters return to the river\n\nAn otter was seen.\n", encoding="utf-8")
    (old / "0002.txt").write_text("The old bridge reopens\n\nTraffic is back.\n", encoding="utf-8")
    return new, old


def _pairs(proc):
    assert "Traceback" not in proc.stderr, proc.stderr
    return {(p["new"].rsplit("/", 1)[-1] if p["new"] else None, p["old"].rsplit("/", 1)[-1] if p["old"] else None)
            for p in json.loads(proc.stdout)}


def test_a_manifest_without_its_header_keeps_its_first_line(tmp_path):
    new, old = _folders(tmp_path)
    for name, header in (("with.tsv", "file\turl\n"), ("without.tsv", "")):
        manifest = tmp_path / name
        manifest.write_text(f"{header}0001.txt\t{URL_A}\n0002.txt\t{URL_B}\n", encoding="utf-8")
        proc = run_archiver("diff", new, old, "--manifest", manifest, "--format", "json", cwd=tmp_path)
        assert {("otters.txt", "0001.txt"), ("bridge.txt", "0002.txt")} <= _pairs(proc), (name, proc.stdout)
        assert "warning" not in proc.stderr, proc.stderr


def test_a_manifest_line_naming_no_stored_copy_is_said(tmp_path):
    new, old = _folders(tmp_path)
    manifest = tmp_path / "urls.tsv"
    manifest.write_text(f"file\turl\n0001.txt\t{URL_A}\n0O02.txt\t{URL_B}\n", encoding="utf-8")  # a typo: O for 0
    proc = run_archiver("diff", new, old, "--manifest", manifest, "--format", "json", cwd=tmp_path)
    assert ("otters.txt", "0001.txt") in _pairs(proc)
    assert f"warning: {manifest}: 1 of its files is not among the stored copies in {old}: 0O02.txt" in proc.stderr, \
        proc.stderr
