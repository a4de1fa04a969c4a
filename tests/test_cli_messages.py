"""Usage errors a new user met, each in one line with its remedy (no catalog, no network needed).

- ``list --host HOST:PORT`` listed nothing and said nothing of the port, while ``export`` did;
  a host with a port was then a usage error for every command that takes ``--host``; since
  2026-12-06 (nu51) it takes that port only, and a port that is no port (empty, 0, over 65535)
  is the usage error, naming the host to give (``ARCHIVER_HOST`` too).
- ``ARCHIVER_FORMAT=html`` (meant for ``diff``) made ``archiver list`` say ``--format for list is
  text or json``, though no ``--format`` was given: the message now names the variable.
- ``history``, ``why`` and ``report`` without a catalog said only ``no catalog at PATH``; they
  now say what makes one, as ``list`` and ``search`` did.
"""
from __future__ import annotations

import pytest
from sitekit import run_archiver


@pytest.mark.parametrize("command", [["list"], ["export", "--wacz", "out.wacz"]])
def test_a_host_with_a_bad_port_is_refused_naming_the_host_to_give(tmp_path, command):
    for args, env in ((["--host", "news.example.test:99999"], None), ([], {"ARCHIVER_HOST": "a.test,news.example.test:"})):
        proc = run_archiver(*command, *args, cwd=tmp_path, env=env)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert "--host / ARCHIVER_HOST: " in proc.stderr and "a port is a number from 1 to 65535" in proc.stderr, \
            proc.stderr
        assert "give 'news.example.test'" in proc.stderr
        assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out.wacz").exists()


def test_a_host_without_a_port_and_a_bare_ipv6_address_are_hosts():
    from archiver.config import parse_host

    for host in ("news.example.test", "127.0.3.121", "::1", "BÜCHER.test", "127.0.3.121:8000", "[::1]:8080"):
        assert parse_host(host) == host
    for ported, give in (("127.0.3.121:0", "127.0.3.121"), ("[::1]:", "::1")):
        with pytest.raises(ValueError, match=f"give '{give}'"):
            parse_host(ported)


@pytest.mark.parametrize("command", [["list"], ["search", "harbour"], ["why", "http://a.test/", "harbour"]])
def test_a_format_from_the_environment_is_named_as_such(tmp_path, command):
    proc = run_archiver(*command, cwd=tmp_path, env={"ARCHIVER_FORMAT": "html"})
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert f"for {command[0]} is text or json, not 'html', from ARCHIVER_FORMAT" in proc.stderr, proc.stderr


@pytest.mark.parametrize("command", [["history", "http://a.test/"], ["why", "http://a.test/", "harbour"],
                                     ["report", "--output", "site"]])
def test_no_catalog_says_what_makes_one(tmp_path, command):
    proc = run_archiver(*command, cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "no catalog at warcs/catalog.sqlite3 (run 'archiver fetch LIST' or 'archiver import WARC' first" \
        in proc.stderr, proc.stderr
    assert not (tmp_path / "warcs").exists()


def test_a_file_that_is_not_a_warc_is_not_said_to_have_captures_in_the_catalog(tmp_path):
    """``import`` of a text file said 'not a WARC file', then that the file's captures were in the catalog."""
    from archivekit import http_response, write_warc

    notes = tmp_path / "notes.txt"
    notes.write_text("my notes, not a WARC\n", encoding="utf-8")
    proc = run_archiver("import", str(notes), cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "not a WARC file" in proc.stdout
    assert "index.cdxj" not in proc.stdout and "captures are in the catalog" not in proc.stdout, proc.stdout
    # a real WARC outside the folder is still named, with the way to replay it
    crawl = write_warc(tmp_path / "crawl.warc.gz", [http_response("http://a.test/story", "<p>A story.</p>")])
    proc = run_archiver("import", str(crawl), str(notes), cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    outside = [line for line in proc.stdout.splitlines() if line.startswith("index.cdxj: 1 file outside")]
    assert len(outside) == 1 and str(crawl) in outside[0] and "notes.txt" not in outside[0], proc.stdout


def test_http2_takes_true_or_false_and_alone_means_on():
    """'--http2' alone was 'expected one argument', and nothing said it takes a value ('--http2 false')."""
    from archiver.cli import build_parser
    from archiver.config import settings_from

    parser = build_parser()
    for argv, env, expected in ((["--http2"], {}, True), (["--http2", "false"], {}, False),
                                (["--http2", "0"], {}, False), ([], {"ARCHIVER_HTTP2": "no"}, False),
                                (["--http2"], {"ARCHIVER_HTTP2": "no"}, True), ([], {}, True)):
        args = parser.parse_args(["fetch", *argv, "--", "urls.txt"])
        assert settings_from(args, env).http2 is expected, (argv, env)
    with pytest.raises(ValueError, match="--http2 / ARCHIVER_HTTP2: not a boolean: 'maybe'"):
        settings_from(parser.parse_args(["fetch", "--http2", "maybe", "urls.txt"]), {})
    shown = run_archiver("fetch", "--help", env={"COLUMNS": "200"})
    assert shown.returncode == 0 and "--http2 [true|false]" in shown.stdout, shown.stdout


def test_export_takes_a_time_with_its_utc_offset_and_refuses_an_empty_range(tmp_path):
    """'--since 2026-11-01T11:00+01:00' is ISO 8601, and was refused as not ISO 8601; a --since after
    --until said 'no captured page matches the selection', as if the archive held nothing then."""
    from archivekit import http_response, write_warc

    warcs = tmp_path / "warcs"
    warcs.mkdir()
    crawl = write_warc(warcs / "crawl.warc.gz", [
        http_response(f"http://a.test/{hour}", f"<p>Story at {hour}.</p>", date=f"2026-11-01T{hour}:00:00Z")
        for hour in ("09", "10", "11")])
    assert run_archiver("import", str(crawl), cwd=tmp_path).returncode == 0

    def export(*args: str):
        out = tmp_path / "out.wacz"
        out.unlink(missing_ok=True)
        return run_archiver("export", "--wacz", out, *args, cwd=tmp_path)

    offset = export("--since", "2026-11-01T11:00+01:00")  # 10:00 UTC: two captures
    assert offset.returncode == 0 and "2 captures" in offset.stdout, offset.stdout + offset.stderr
    west = export("--since", "2026-11-01T06:30-04:00", "--until", "2026-11-01T10:30:00Z")  # 10:30 to 10:30
    assert west.returncode == 2 and "no captured page matches" in west.stderr, west.stdout + west.stderr
    early = export("--until", "2026-11-01T10:59:59+01:00")  # 09:59:59 UTC: the 09:00 capture alone
    assert early.returncode == 0 and "1 capture," in early.stdout, early.stdout + early.stderr
    backwards = export("--since", "2026-11-02", "--until", "2026-11-01")
    assert backwards.returncode == 2, backwards.stdout + backwards.stderr
    assert "--since 2026-11-02 is after --until 2026-11-01" in backwards.stderr
    whole_day = export("--since", "2026-11-01T10", "--until", "2026-11-01")  # a date alone is its whole day
    assert whole_day.returncode == 0 and "2 captures" in whole_day.stdout, whole_day.stdout + whole_day.stderr


def test_export_takes_wayback_timestamps_as_periods(tmp_path):
    """'--since 20261101' and '--until 20261101100000' (pywb's and the Wayback Machine's timestamps, which
    archivists paste) were refused as not ISO 8601. A short one is its whole period, as pywb reads it: from
    its start for --since, to its end for --until."""
    from archivekit import http_response, write_warc

    warcs = tmp_path / "warcs"
    warcs.mkdir()
    crawl = write_warc(warcs / "crawl.warc.gz", [
        http_response(f"http://a.test/{hour}", f"<p>Story at {hour}.</p>", date=f"2026-11-01T{hour}:00:00Z")
        for hour in ("09", "10", "11")])
    assert run_archiver("import", str(crawl), cwd=tmp_path).returncode == 0

    def export(*args: str):
        out = tmp_path / "out.wacz"
        out.unlink(missing_ok=True)
        return run_archiver("export", "--wacz", out, *args, cwd=tmp_path)

    for args, said in ((("--since", "20261101100000"), "2 captures"),  # 14 digits: to the second
                       (("--until", "20261101095959"), "1 capture,"),
                       (("--since", "20261101", "--until", "20261101"), "3 captures"),  # 8 digits: the whole day
                       (("--since", "2026110110", "--until", "2026110110"), "1 capture,"),  # the hour 10:00-10:59
                       (("--since", "202611", "--until", "2026"), "3 captures"),
                       (("--since", "202611011000", "--until", "2026-11-01T11:00:00Z"), "2 captures")):  # mixed
        done = export(*args)
        assert done.returncode == 0 and said in done.stdout, (args, done.stdout + done.stderr)
    later = export("--since", "20261102")
    assert later.returncode == 2 and "no captured page matches" in later.stderr, later.stdout + later.stderr
    backwards = export("--since", "20261102", "--until", "202611011")
    assert backwards.returncode == 2 and "--until '202611011'" in backwards.stderr  # 9 digits: no wayback form
    assert "wayback timestamp" in backwards.stderr, backwards.stderr
    backwards = export("--since", "20261102", "--until", "20261101")
    assert backwards.returncode == 2 and "--since 20261102 is after --until 20261101" in backwards.stderr
    assert export("--until", "20261131").returncode == 2  # no 31 November
    shown = run_archiver("export", "--help", env={"COLUMNS": "200"})
    assert "wayback timestamp" in " ".join(shown.stdout.split()), shown.stdout


def test_now_that_is_no_time_names_its_flag_and_variable(tmp_path):
    (tmp_path / "urls.txt").write_text("http://127.0.3.199:9/x\n", encoding="utf-8")
    for args, env in ((["--now", "tomorrow"], None), ([], {"ARCHIVER_NOW": "tomorrow"})):
        proc = run_archiver("run", "urls.txt", "--watch", *args, cwd=tmp_path, env=env)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert "--now / ARCHIVER_NOW: not an ISO 8601 time: 'tomorrow'" in proc.stderr, proc.stderr


def test_a_url_typed_with_the_other_scheme_or_www_is_pointed_to_the_archived_one(tmp_path):
    """'archiver history https://host/story' of a page archived as http:// said only 'no captures'."""
    from archivekit import http_response, write_warc

    crawl = write_warc(tmp_path / "crawl.warc.gz", [
        http_response("http://news.example.test/story", "<html><body><p>A story.</p></body></html>")])
    assert run_archiver("import", str(crawl), cwd=tmp_path).returncode == 0
    hint = "did you mean http://news.example.test/story?"
    for typed in ("https://news.example.test/story", "http://www.news.example.test/story/"):
        for command in (["history", typed], ["why", typed, "story"], ["list", typed]):
            proc = run_archiver(*command, cwd=tmp_path)
            assert proc.returncode in (1, 2), proc.stdout + proc.stderr
            assert f"{typed} " in proc.stderr and hint in proc.stderr, (command, proc.stderr)
    nowhere = run_archiver("history", "https://other.example.test/story", cwd=tmp_path)
    assert nowhere.returncode == 2 and "did you mean" not in nowhere.stderr, nowhere.stderr


def test_a_dash_for_the_list_says_standard_input_is_not_read(tmp_path):
    for command in ("fetch", "run"):
        proc = run_archiver(command, "-", cwd=tmp_path)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert "standard input is not read as the list" in proc.stderr, proc.stderr
        assert "write the URLs to a file, one a line" in proc.stderr


def test_report_into_a_file_and_an_empty_search_are_usage_errors(tmp_path):
    from archivekit import http_response, write_warc

    crawl = write_warc(tmp_path / "crawl.warc.gz", [
        http_response("http://news.example.test/story", "<html><body><p>A story.</p></body></html>")])
    assert run_archiver("import", str(crawl), cwd=tmp_path).returncode == 0
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    into_file = run_archiver("report", "--output", "notes.txt", cwd=tmp_path)
    assert into_file.returncode == 2 and "--output notes.txt is a file: report writes a folder" in into_file.stderr, \
        into_file.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    for query in ("", "   "):
        empty = run_archiver("search", query, cwd=tmp_path)
        assert empty.returncode == 2 and "give words to search for" in empty.stderr, empty.stdout + empty.stderr
