"""``archiver extract FILE`` where FILE cannot be read as a WARC exits 1 (mend70, nuser48 finding 3).

``archiver extract robots.txt`` printed "not a WARC file" and "1 file with errors" from the import it runs
first, then "extract: 0 extracted", and exited 0: a cron job saw success. ``archiver import`` of the same file
exits 1; ``extract`` now exits as the import did when a file named on its command line could not be read,
and still extracts the files that could.
"""
from __future__ import annotations

from archivekit import article, http_response, write_warc
from sitekit import run_archiver

PARAS = [f"The ferry to the islands will run twice a day from May, paragraph {i}, the operator said on Monday "
         "after a winter of repairs to the harbour wall." for i in range(4)]


def extract(root, *files):
    proc = run_archiver("extract", *map(str, files), "--warcs", root / "warcs", "--clean", root / "clean",
                        "--progress", "never", "--jobs", "1", cwd=root, timeout=600)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_a_named_file_that_is_not_a_warc_exits_1(tmp_path):
    robots = tmp_path / "robots.txt"
    robots.write_text("User-agent: *\nAllow: /\n")
    proc = extract(tmp_path, robots)
    assert "not a WARC file" in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    assert proc.returncode == 1, proc.stdout + proc.stderr
    imported = run_archiver("import", str(robots), "--warcs", tmp_path / "warcs", cwd=tmp_path, timeout=300)
    assert imported.returncode == 1  # the same exit as import's


def test_the_readable_files_beside_it_are_extracted_all_the_same(tmp_path):
    warc = write_warc(tmp_path / "ferry.warc.gz", [http_response(
        "http://www.island-news70.test/ferry", article("Ferry runs twice a day", PARAS))])
    junk = tmp_path / "notes.warc.gz"
    junk.write_text("these are my notes, not a WARC\n")
    proc = extract(tmp_path, warc, junk)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "1 extracted" in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    [clean] = [p for p in (tmp_path / "clean").rglob("*.txt") if ".versions" not in p.parts]
    assert PARAS[0] in clean.read_text(encoding="utf-8")
    again = extract(tmp_path, warc)  # a good file alone (known by now): exit 0
    assert again.returncode == 0, again.stdout + again.stderr
