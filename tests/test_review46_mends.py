"""review46's findings on nu53, nu54 and host44, mended (converted from its scratch tests in
/work/cache/review46): real loopback servers on 127.0.46.100-199, real WARCs, real catalog and CLI.

- a second ``reindex`` after a deleted catalog kept quiet (exit 0) about an import the rebuilt catalog lacks;
- the reindex advice named a file that is gone (following it failed, exit 2);
"""
from __future__ import annotations

from io import BytesIO

from sitekit import run_archiver
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def _warc(path):
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        body = b"<html><head><title>Bridge</title></head><body><p>Harbour bridge closes.</p></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("http://127.0.46.150/story", "response", payload=BytesIO(body),
                                            http_headers=headers))


def _imported(tmp_path):
    outside = tmp_path / "elsewhere" / "old.warc.gz"
    outside.parent.mkdir()
    _warc(outside)
    flags = ["--warcs", tmp_path / "warcs", "--db", tmp_path / "cat.db"]
    imp = run_archiver("import", outside, *flags, cwd=tmp_path)
    assert imp.returncode == 0, imp.stdout + imp.stderr
    return outside, flags


def test_a_second_reindex_still_names_the_unread_import(tmp_path):
    """The file still there: the first reindex (no catalog) exits 1 naming it; the second, run as is (a script's
    retry), exited 0 without a word though the capture was still missing (the rebuilt catalog taken as the
    record). Now it names it again; following the advice brings the capture back and the next one is quiet."""
    outside, flags = _imported(tmp_path)
    (tmp_path / "cat.db").unlink()
    re1 = run_archiver("reindex", *flags, cwd=tmp_path)
    assert re1.returncode == 1, re1.stdout + re1.stderr
    re2 = run_archiver("reindex", *flags, cwd=tmp_path)
    assert "127.0.46.150/story" not in run_archiver("list", *flags, cwd=tmp_path).stdout
    assert re2.returncode == 1, re2.stdout + re2.stderr  # exit 0 before 2026-12-06
    advice = [line for line in re2.stdout.splitlines() if "incomplete (exit 1)" in line]
    assert len(advice) == 1, re2.stdout  # named once, not by both the old catalog and the ledger
    assert advice[0].endswith(f"archiver reindex {outside.resolve()}"), advice[0]
    followed = run_archiver("reindex", outside, *flags, cwd=tmp_path)
    assert followed.returncode == 0, followed.stdout + followed.stderr
    assert "127.0.46.150/story" in run_archiver("list", *flags, cwd=tmp_path).stdout
    # the catalog now holds it (and names it): a later reindex not naming it says so once
    later = run_archiver("reindex", *flags, cwd=tmp_path)
    assert later.returncode == 1
    assert len([line for line in later.stdout.splitlines() if "incomplete (exit 1)" in line]) == 1, later.stdout


def test_reindex_says_an_imported_file_is_gone(tmp_path):
    """The imported file deleted since: the advice named it ('name them: archiver reindex /…/old.warc.gz'), and
    following it failed 'no such WARC file' (exit 2). Now it says the file is gone, gives no command naming it,
    and says how to stop hearing about it; the ledger keeps the warning (exit 1) on every later reindex."""
    outside, flags = _imported(tmp_path)
    outside.unlink()
    for dropped_catalog in (True, False):  # the ledger told it; then the rebuilt catalog lacks it
        if dropped_catalog:
            (tmp_path / "cat.db").unlink()
        result = run_archiver("reindex", *flags, cwd=tmp_path)
        out = result.stdout + result.stderr
        assert result.returncode == 1, out
        assert "Traceback" not in out
        assert "archiver reindex /" not in out, out  # no command naming the gone file
        gone = [line for line in result.stdout.splitlines() if "gone" in line]
        assert len(gone) == 1, out
        assert str(outside.resolve()) in gone[0] and "imports.jsonl" in gone[0], gone[0]
    # doing what it says (the ledger line removed) ends the warning
    ledger = tmp_path / "warcs" / "imports.jsonl"
    ledger.write_text("".join(line for line in ledger.read_text().splitlines(keepends=True)
                              if str(outside.resolve()) not in line))
    quiet = run_archiver("reindex", *flags, cwd=tmp_path)
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
