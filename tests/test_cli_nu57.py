"""A new user's pass over the README (nu57): what the export summary says of captures it does not list as pages.
Real loopback servers (127.0.57.x), real WARC files read with warcio, the real catalog, the CLI and a real WACZ."""
from __future__ import annotations

import json
import zipfile

from archivekit import article, paras
from sitekit import Response, Site, run_archiver, write_list
from warcio.archiveiterator import ArchiveIterator


def _export(tmp_path, name):
    out = run_archiver("export", "--wacz", tmp_path / name, cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    with zipfile.ZipFile(tmp_path / name) as wacz:
        pages = [json.loads(line) for line in wacz.read("pages/pages.jsonl").decode().splitlines()[1:]]
        warc = next(n for n in wacz.namelist() if n.startswith("archive/"))
        with wacz.open(warc) as fh:
            kinds = [r.rec_type for r in ArchiveIterator(fh) if r.rec_type in ("response", "revisit")]
    return out.stdout.splitlines(), pages, kinds


def test_export_says_which_captures_pages_jsonl_lists_once(tmp_path):
    """Before: three articles captured, then captured again after one was edited, exported as ``6 captures, 6 WARC
    records, 4 pages with text`` and nothing more: two captures unaccounted for. pages.jsonl lists a page once per
    version of its text (README); the summary now says so for the captures it leaves out of the list."""
    site = Site(tmp_path / "site")
    host = site.host("127.0.57.1", address="127.0.57.1")
    for path, title in (("/one", "Council votes on the river bridge"), ("/two", "Ferry timetable changes"),
                        ("/three", "Market hall reopens in spring")):
        host.route(path, Response(body=article(title, paras(title.split()[0]))))
    site.start()
    listed = write_list(tmp_path / "urls.txt", [host.url(p) for p in ("/one", "/two", "/three")])
    try:
        first = run_archiver("run", listed, "--delay", "0", "--progress", "never", cwd=tmp_path)
        assert first.returncode == 0, first.stdout + first.stderr
        said, pages, kinds = _export(tmp_path, "first.wacz")  # the twin: every capture listed, no such line
        assert len(pages) == 3 and kinds == ["response"] * 3, (pages, kinds)
        assert not any("same text as" in line for line in said), said
        host.route("/one", Response(body=article("Council votes on the river bridge", paras("Edited"))))
        again = run_archiver("run", listed, "--refresh", "--delay", "0", "--progress", "never", cwd=tmp_path)
        assert again.returncode == 0, again.stdout + again.stderr
    finally:
        site.stop()
    said, pages, kinds = _export(tmp_path, "both.wacz")
    assert sorted(kinds) == ["response"] * 4 + ["revisit"] * 2, kinds  # every capture replays from the package
    assert len(pages) == 4 and sum(p["url"] == host.url("/one") for p in pages) == 2, pages
    at = next(i for i, line in enumerate(said) if line.startswith("export: wrote "))
    assert said[at].endswith(": 6 captures, 6 WARC records, 4 pages with text"), said
    assert ("  2 captures have the same text as their URL's capture just before: listed once in pages.jsonl, their "
            "records in the WARC all the same (replayed at their time)") in said[at:], said


def test_a_run_whose_every_host_fails_dns_says_the_machine_may_be_offline(tmp_path):
    """Before: the README's Quick start run offline ended on five ``DNS: cannot resolve host`` lines and a WARC
    "kept for 'archiver reindex'", nothing saying the machine, not the five sites, was the trouble. Hosts under
    ``.invalid`` (RFC 6761) never resolve; the twin, one of them beside a refused loopback port, keeps quiet."""
    from sitekit import free_port

    hint = ("  no host name resolved (2 hosts, every URL failed on DNS): check the machine's network or name server, "
            "or the list's host names.")
    flags = ["--retries", "0", "--progress", "never", "--delay", "0"]
    dead = ["https://news-one.invalid/a", "https://news-two.invalid/b"]
    run = run_archiver("run", write_list(tmp_path / "urls.txt", dead), *flags, cwd=tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines.count(hint + " The next run fetches them again") == 1, lines
    port = free_port("127.0.57.4")  # nothing listens there: refused, not a DNS failure
    mixed = run_archiver("run", write_list(tmp_path / "mixed.txt", [dead[0], f"http://127.0.57.4:{port}/c"]),
                         *flags, cwd=tmp_path)
    assert mixed.returncode == 1, mixed.stdout + mixed.stderr
    assert "failed: " + dead[0] in mixed.stdout and "no host name resolved" not in mixed.stdout, mixed.stdout


def test_repeated_counts_only_captures_pages_jsonl_would_list(tmp_path):
    """review58 finding 6: a text article (``text/plain``, extracted as text) captured three times is no page of
    pages.jsonl, so none of its repeats is "listed once in pages.jsonl"; an HTML article captured twice with the
    same text is, and ``--log-format json`` says so in the export's ``repeated`` field."""
    site = Site(tmp_path / "site")
    host = site.host("127.0.57.5", address="127.0.57.5")
    note = "Council votes on the river bridge\n\n" + "\n\n".join(
        ["The council met on Tuesday evening to debate the future of the old river bridge, which needs repairs."] * 4)
    host.route("/note.txt", Response(body=note.encode(), content_type="text/plain; charset=utf-8"))
    host.route("/story", Response(body=article("Ferry timetable changes", paras("Ferry"))))
    site.start()
    listed = write_list(tmp_path / "urls.txt", [host.url("/note.txt"), host.url("/story")])
    try:
        for extra in ([], ["--refresh"], ["--refresh"]):
            done = run_archiver("run", listed, *extra, "--delay", "0", "--progress", "never", cwd=tmp_path)
            assert done.returncode == 0, done.stdout + done.stderr
    finally:
        site.stop()
    out = run_archiver("export", "--wacz", tmp_path / "x.wacz", "--log-format", "json", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    events = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    wrote = [e for e in events if "repeated" in e]
    assert len(wrote) == 1 and wrote[0]["pages"] == 1 and wrote[0]["repeated"] == 2, events
    said = next(e for e in events if e.get("event") == "export-repeated")
    assert said["captures"] == 2, events


def _dns_summary(**changes) -> list[str]:
    from archiver.fetch.summary import DNS_FAILURE, FetchSummary

    summary = FetchSummary("urls.txt", failed=2, to_fetch=2)
    summary.by_host.update({("news-one.invalid", DNS_FAILURE + ": x"): 1, ("news-two.invalid", DNS_FAILURE + ": y"): 1})
    for name, value in changes.items():
        setattr(summary, name, value)
    return summary.offline_lines()


def test_the_dns_line_is_said_only_when_every_failure_counted_is_dns():
    """review58 finding 7: an interrupted run, one stopped by a full disk, and one whose failures include a
    capture lost without a host's entry (a vanished WARC) are no "every URL failed on DNS"; one host alone is."""
    assert _dns_summary() and "check the machine's network or name server" in _dns_summary()[0]
    assert _dns_summary(interrupted=True) == []
    assert _dns_summary(disk_full="disk full: /warcs") == []
    assert _dns_summary(failed=3) == []
    assert _dns_summary(captured=1) == []
