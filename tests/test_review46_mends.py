"""review46's findings on nu53, nu54 and host44, mended (converted from its scratch tests in
/work/cache/review46): real loopback servers on 127.0.46.100-199, real WARCs, real catalog and CLI.

- a second ``reindex`` after a deleted catalog kept quiet (exit 0) about an import the rebuilt catalog lacks;
- the reindex advice named a file that is gone (following it failed, exit 2);
- a 206 robots.txt that is only a part of the file was read as the whole file (host44's any-2xx rule);
- the run summary's named failures were the first 50 to arrive, so one failing host hid the others;
- the group advice for an IPv6 host (``archiver list --host ::1:PORT``) listed nothing;
- recovery renamed a killed run's ``.open`` file holding only its warcinfo into a header-only WARC, kept for ever;
- an exported WACZ's own index kept the 11-digit timestamp of a record dated before the year 1000.
"""
from __future__ import annotations

import gzip
import re
import shutil
import socket
import zipfile
from io import BytesIO

from archivekit import article, paras
from sitekit import Response, Site, free_port, run_archiver, write_list
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.warc import WarcFile


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


WHOLE = "User-agent: *\nDisallow: /private/\nDisallow: /drafts/\n"


def _robots_runs(tmp_path, robots, paths, runs=1):
    """Fetch ``paths`` of a host serving ``robots`` ``runs`` times into one archive: [(result, paths fetched)]."""
    out = []
    with Site(tmp_path) as site:
        host = site.host("part.r46.test", address="127.0.46.120")
        site.start()
        host.route("/robots.txt", robots)
        for p in paths:
            host.route(p, Response(body=article("Harbour bridge " + p, paras("Bridge"))))
        urls = write_list(tmp_path / "urls.txt", [host.url(p) for p in paths])
        for _ in range(runs):
            before = len(site.requests)
            result = run_archiver("fetch", urls, "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db",
                                  "--delay", "0", "--retries", "0", "--timeout", "10", "--progress", "never",
                                  *site.client_flags(), cwd=tmp_path, timeout=300)
            out.append((result, {r.path for r in site.requests[before:] if r.path != "/robots.txt"}))
    return out


def _part(text, total):
    return Response(206, body=text, content_type="text/plain",
                    headers=[("Content-Range", f"bytes 0-{len(text.encode()) - 1}/{total}")])


def test_a_partial_206_cut_mid_line_is_a_cut_body_not_a_rule_for_the_whole_host(tmp_path):
    """``Disallow: /`` cut from ``Disallow: /private/``: read as the whole file it forbade every URL of the host
    ('robots.txt disallows this URL'). Now a cut body, as cut_robots treats one: the first run says so (complete
    disallow, RFC 9309's unreachable, asked again next run); the same part again is read as the file with its
    unended last line left out, so the host is fetched."""
    part = WHOLE[: WHOLE.index("/private/") + 1]  # "User-agent: *\nDisallow: /"
    (first, fetched1), (second, fetched2) = _robots_runs(tmp_path, _part(part, len(WHOLE)), ["/news/story"], runs=2)
    assert fetched1 == set(), first.stdout
    assert "disallows this URL" not in first.stdout + first.stderr
    assert "206 Partial Content" in first.stdout + first.stderr, first.stdout
    assert fetched2 == {"/news/story"}, second.stdout + second.stderr
    assert "taken as sent" in second.stdout + second.stderr


def test_a_partial_206_is_no_verdict_for_the_rules_past_its_end(tmp_path):
    """Whole lines, the /drafts/ rule past the part: read as the file, /drafts/story was fetched though the whole
    file forbids it. A part with total '*' or without Content-Range is no whole file either."""
    part = WHOLE[: WHOLE.index("Disallow: /drafts/")]
    for robots in (_part(part, len(WHOLE)),
                   Response(206, body=part, content_type="text/plain",
                            headers=[("Content-Range", f"bytes 0-{len(part) - 1}/*")]),
                   Response(206, body=part, content_type="text/plain")):
        [(result, fetched)] = _robots_runs(tmp_path, robots, ["/drafts/story"])
        assert fetched == set(), result.stdout + result.stderr
        for name in ("warcs", "c.db"):  # a fresh archive each time: no last run to compare the part with
            target = tmp_path / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()


def test_a_206_of_the_whole_file_is_the_file(tmp_path):
    """host44's any-2xx rule holds: a 206 of ``bytes 0-(n-1)/n`` is the whole file, obeyed at once."""
    [(result, fetched)] = _robots_runs(tmp_path, _part(WHOLE, len(WHOLE)), ["/drafts/story", "/news/story"])
    assert fetched == {"/news/story"}, result.stdout + result.stderr


def test_one_failing_host_does_not_hide_the_other_failures(tmp_path):
    """60 URLs of a host failing one way first, then 5 failing each its own way: the summary said one group line
    and '5 more failed URLs not named here', the five never named (the first 50 failures to arrive took the
    slots before the groups were known). Now the named ones are chosen at the end, from the pairs of no group.
    One host, so its URLs are fetched in list order, one at a time: the five come last."""
    odd = {"/x404": 404, "/x403": 403, "/x400": 400, "/x451": 451, "/x409": 409}
    with Site(tmp_path) as site:
        host = site.host("gone.r46.test", address="127.0.46.130")
        site.start()
        for i in range(60):
            host.route(f"/{i}", Response(410, body="gone"))
        for path, status in odd.items():
            host.route(path, Response(status, body="no"))
        urls = write_list(tmp_path / "urls.txt", [host.url(f"/{i}") for i in range(60)] + [host.url(p) for p in odd])
        out = run_archiver("fetch", urls, "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db", "--delay", "0",
                           "--retries", "0", "--timeout", "10", "--progress", "never", *site.client_flags(),
                           cwd=tmp_path, timeout=600)
        summary = out.stdout[out.stdout.index("summary: "):]
        assert "0 captured" in summary and "65 failed" in summary, summary
        assert summary.count("  failed: ") == 6, summary  # the group, then each of the five
        assert "60 URLs of gone.r46.test" in summary, summary
        for path, status in odd.items():
            assert f"  failed: {host.url(path)}: HTTP {status}" in summary, summary
        assert "not named here" not in summary, summary


def _free_v6_port():
    s = socket.socket(socket.AF_INET6)
    s.bind(("::1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_ipv6_group_advice_lists_the_failures(tmp_path):
    """'failed: 3 URLs of ::1:PORT ... ('archiver list --host ::1:PORT' names them)': that command listed 0 URLs
    (the literal unbracketed). Now '[::1]:PORT', which 'list --host' takes; a bare '::1' is taken too."""
    port = _free_v6_port()  # nothing listens: each URL fails 'refused'
    urls = [f"http://[::1]:{port}/{c}" for c in "abc"]
    flags = ["--warcs", tmp_path / "warcs", "--db", tmp_path / "cat.db"]
    run = run_archiver("fetch", write_list(tmp_path / "urls.txt", urls), *flags, "--retries", "0", "--progress",
                       "never", "--delay", "0", cwd=tmp_path)
    hosts = re.findall(r"'archiver list --host (\S+)' names them", run.stdout)
    assert hosts == [f"[::1]:{port}"], run.stdout
    for host in (*hosts, "::1", "[::1]"):
        listing = run_archiver("list", "--host", host, *flags, cwd=tmp_path)
        assert listing.returncode == 0, listing.stdout + listing.stderr
        assert all(u in listing.stdout for u in urls), (host, listing.stdout + listing.stderr)


def test_recovery_deletes_a_killed_runs_file_holding_only_its_warcinfo(tmp_path):
    """A run killed right after opening its WARC file leaves a .open file with its warcinfo alone: the next run's
    recovery renamed it into a header-only .warc.gz ('0 torn bytes dropped'), an empty file kept for ever, which
    reindex, export and replay tools read as nothing. Now it is deleted, and the recovered line says so."""
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    wf = WarcFile(warcs / "archiver-killed-00001-x.warc.gz", {"software": "archiver"})
    wf.fh.close()  # as kill -9 leaves it: the warcinfo written, the .open file not renamed
    assert [p.name for p in warcs.iterdir()] == ["archiver-killed-00001-x.warc.gz.open"]
    port = free_port("127.0.46.140")  # nothing listens: the URL fails, the run writes only its failure record
    listed = write_list(tmp_path / "urls.txt", [f"http://127.0.46.140:{port}/a"])
    run = run_archiver("fetch", listed, "--warcs", warcs, "--db", tmp_path / "cat.db", "--retries", "0",
                       "--progress", "never", cwd=tmp_path)
    assert "Traceback" not in run.stdout + run.stderr
    recovered = [line for line in run.stdout.splitlines() if line.startswith("recovered archiver-killed")]
    assert len(recovered) == 1 and "so deleted" in recovered[0], run.stdout
    names = sorted(p.name for p in warcs.glob("*.warc.gz*"))
    assert not any(name.startswith("archiver-killed") for name in names), names
    for name in names:  # the run's own file (its failure record) is kept, more than a warcinfo
        with open(warcs / name, "rb") as fh:
            assert [r.rec_type for r in ArchiveIterator(fh)][1:], name


def test_an_exported_waczs_index_pads_a_year_before_1000(tmp_path):
    """host44 padded warcs/index.cdxj's timestamp of a record dated 0001-01-01 (00010101000000), but 'export
    --wacz' indexes with py-wacz: its indexes/index.cdx.gz and index.idx said '10101000000', read by a replay
    tool as the year 1010. Now 14 digits there too."""
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    body = b"<html><head><title>Old</title></head><body><p>Harbour bridge closes in March.</p></body></html>"
    with open(warcs / "old.warc", "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        w.write_record(w.create_warc_record(
            "http://127.0.46.160/p", "response", payload=BytesIO(body),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": "0001-01-01T00:00:00Z"}))
    flags = ["--warcs", warcs, "--db", tmp_path / "cat.db"]
    imp = run_archiver("import", warcs / "old.warc", *flags, cwd=tmp_path)
    assert imp.returncode == 0, imp.stdout + imp.stderr
    out = run_archiver("export", "--wacz", tmp_path / "out.wacz", *flags, cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    stamps = {}
    with zipfile.ZipFile(tmp_path / "out.wacz") as zf:
        for name in zf.namelist():
            if name.startswith("indexes/"):
                data = zf.read(name)
                text = (gzip.decompress(data) if name.endswith(".gz") else data).decode()
                stamps[name] = [line.split()[1] for line in text.splitlines() if line.startswith("160,46,0,127)/p ")]
    assert set(stamps) == {"indexes/index.cdx.gz", "indexes/index.idx"}, stamps
    assert stamps["indexes/index.cdx.gz"] == ["00010101000000"], stamps
    assert stamps["indexes/index.idx"] == ["00010101000000"], stamps
