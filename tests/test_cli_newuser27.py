"""A new user's walk, session 27 (nu27): a web archivist at a library archiving, searching and watching news
articles, against real servers on loopback (127.0.23.x).

- ``archiver search`` listed a front page's text under an article's URL: an article redirected to its site's
  front page (taken down) had its capture's text, the front page's, indexed under the article URL, so a search
  for the front page's words named the article with the title "Front page". The text is now indexed under the
  front page's URL, and an index made before is moved there at the next search.
- ``archiver list`` (and ``search``, and the report's pages) printed a title whole: a page whose template put
  3 MB of data in its ``<title>`` made a 3 MB line. Titles are shown cut, saying their length.
- A webhook that refused a notification was quoted as apprise's warning alone (``error=500.``): its own answer
  (``{"error": "quota exceeded ..."}``), which says why, was logged by apprise at DEBUG and dropped.
"""
from __future__ import annotations

import http.server
import json
import sqlite3
import threading

import pytest
from sitekit import Response, Site, redirect, run_archiver, sequence, write_list
from watchkit import Watcher, furniture_page

ADDRESS = "127.0.23.101"


def article(title: str, words: str) -> str:
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>"
            f"<p>The harbour authority said on Monday that {words} would be rebuilt before the spring tides.</p>"
            "<p>Engineers found cracks in three of the old stone piers during the autumn inspection.</p>"
            "<p>The work is expected to cost four million euros and take eleven weeks to finish.</p>"
            "</article><footer>Copyright 2026 Harbour Post</footer></body></html>")


FRONT = ("<!doctype html><html><head><title>Harbour Post</title></head><body><h1>Front page</h1>"
         "<p>Welcome to the Harbour Post front page with the latest lighthouse gossip from the whole coast.</p>"
         "<p>Top stories today: the ferry timetable, the council budget and the new fish market on the quay.</p>"
         "</body></html>")


@pytest.fixture
def harbour(tmp_path):
    site = Site(tmp_path / "site")
    host = site.host("harbourpost.test", address=ADDRESS)
    host.route("/piers", sequence(Response(body=article("Old piers to be rebuilt", "the northern piers")),
                                  redirect(host.url("/"), 301)))
    host.route("/", Response(body=FRONT))
    big = "Huge title " + "y" * 1_000_000
    host.route("/big", Response(body=f"<html><head><title>{big}</title></head><body><div><p>This story page "
                                     "declares its title only in its title element, filled with data by mistake."
                                     "</p><p>The second paragraph tells how engineers plan to mend the bridge."
                                     "</p></div></body></html>"))
    with site:
        yield site, host


def _fetch_twice(tmp_path, site, host) -> None:
    write_list(tmp_path / "urls.txt", [host.url("/piers")])
    for extra in ((), ("--refresh",)):
        out = run_archiver("run", "urls.txt", "--jobs", "1", "--progress", "never", "--delay", "0", *extra,
                           *site.resolve_flags(), cwd=tmp_path)
        assert out.returncode == 0, (out.stdout + out.stderr)[-2000:]


def _search(tmp_path, *words: str) -> list[dict]:
    out = run_archiver("search", "--format", "json", *words, cwd=tmp_path)
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)["hits"]


def test_search_lists_a_front_page_text_under_the_front_page_not_the_article(tmp_path, harbour):
    site, host = harbour
    _fetch_twice(tmp_path, site, host)
    hits = _search(tmp_path, "lighthouse", "gossip")  # words of the front page only
    assert [h["url"] for h in hits] == [host.url("/")], hits
    [hit] = _search(tmp_path, "northern", "piers")  # the article's words: still the article's URL
    assert hit["url"] == host.url("/piers") and hit["title"] == "Old piers to be rebuilt"


def test_an_index_made_before_is_moved_to_the_front_page_at_the_next_search(tmp_path, harbour):
    site, host = harbour
    _fetch_twice(tmp_path, site, host)
    with sqlite3.connect(tmp_path / "warcs" / "catalog.sqlite3") as conn:  # as an archiver before the fix left it
        conn.execute("UPDATE search_versions SET url = ? WHERE url = ?", (host.url("/piers"), host.url("/")))
    assert [h["url"] for h in _search(tmp_path, "lighthouse", "gossip")] == [host.url("/")]
    assert [h["url"] for h in _search(tmp_path, "northern", "piers")] == [host.url("/piers")]


def test_list_and_search_show_a_megabyte_title_cut(tmp_path, harbour):
    site, host = harbour
    write_list(tmp_path / "urls.txt", [host.url("/big")])
    out = run_archiver("run", "urls.txt", "--jobs", "1", "--progress", "never", *site.resolve_flags(), cwd=tmp_path)
    assert out.returncode == 0, (out.stdout + out.stderr)[-2000:]
    listed = run_archiver("list", cwd=tmp_path)
    [line] = listed.stdout.splitlines()
    assert len(line) < 600 and line.endswith("… (1,000,011 characters)"), line[:700]
    assert "Huge title yyy" in line
    found = run_archiver("search", "engineers", "mend", cwd=tmp_path)
    assert found.returncode == 0 and len(found.stdout) < 1000, found.stdout[:1000]
    assert "(1,000,011 characters)" in found.stdout
    as_json = json.loads(run_archiver("list", "--format", "json", cwd=tmp_path).stdout)
    assert len(as_json["urls"][0]["title"]) == 1_000_011  # for programs: the title as the page has it


class AnsweringHook:
    """A webhook that refuses every POST with 500 and a JSON body saying why."""

    def __init__(self, host: str) -> None:
        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = b'{"error": "quota exceeded for this token: 120 messages a day"}'
                self.send_response(500)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer((host, 0), Handler)
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()

    def url(self) -> str:
        return f"json://{self.server.server_address[0]}:{self.server.server_address[1]}/hook"


def test_a_refused_notification_quotes_the_receivers_answer(site, tmp_path):
    news = site.host("www.quota-gazette.test", address="127.0.23.102")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    site.start()
    hook = AnsweringHook("127.0.23.103")
    try:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        watcher.run()
        code, out = watcher.run()  # the edit: its message is refused
    finally:
        hook.server.shutdown()
        hook.server.server_close()
    [failed] = [line for line in out.splitlines() if line.startswith("notification failed")]
    assert code == 1 and "error=500" in failed, out
    assert '(the receiver answered: {"error": "quota exceeded for this token: 120 messages a day"})' in failed


def test_a_receivers_html_error_page_is_quoted_as_its_text():
    from archiver.watch.notify import answer_text, reason_of

    lines = ["WARNING Failed to send JSON POST notification: error=502.", "DEBUG Response Details:",
             "b'<html><head><title>502 Bad Gateway</title><style>p{x:1}</style></head>"
             "<body><h1>Bad Gateway</h1></body></html>'", "DEBUG JSON send() completed in 0.01s."]
    assert answer_text(lines[2:]) == "502 Bad Gateway Bad Gateway"
    assert reason_of(lines, []) == ("Failed to send JSON POST notification: error=502. "
                                    "(the receiver answered: 502 Bad Gateway Bad Gateway)")
    assert answer_text(["b''", "DEBUG done"]) == ""
    assert reason_of(["WARNING Failed: error=500.", "DEBUG Response Details:", "b''"], []) == "Failed: error=500."


@pytest.mark.parametrize("flag", ["--warcs", "--clean"])
def test_a_file_where_the_archive_folder_should_be_is_named_as_a_file(tmp_path, harbour, flag):
    """A file named like the folder (``warcs`` or ``clean`` left as a file) said ``(File exists)`` or ``(Not a
    directory)`` and "make it writable (a read-only mount, chattr +i, or the wrong owner?)": none of which it is."""
    site, host = harbour
    write_list(tmp_path / "urls.txt", [host.url("/piers")])
    (tmp_path / "stuff").write_text("not a folder\n")
    out = run_archiver("run", "urls.txt", flag, "stuff/sub" if flag == "--clean" else "stuff", "--progress", "never",
                       *site.resolve_flags(), cwd=tmp_path)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "stuff is a file, not a folder; give " + flag in out.stderr, out.stderr
    assert "read-only mount" not in out.stderr and site.hits_to("harbourpost.test") == 0


def test_a_warc_imported_from_outside_can_still_be_copied_in_for_replay(tmp_path):
    """import said of a file outside the WARC folder "next time, copy such a file into the folder before its
    first import (a copy imported after this one ... adds nothing)": a colleague's crawl already imported looked
    lost to pywb for good. Copying it in and importing the copy does put it in index.cdxj."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    crawl = tmp_path / "crawl" / "colleague.warc.gz"
    crawl.parent.mkdir()
    page = article("Old piers to be rebuilt", "the northern piers").encode()
    with open(crawl, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("http://harbourpost.test/piers", "response",
                                                      payload=BytesIO(page), http_headers=headers))
    first = run_archiver("import", crawl, cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "or copy the file into the folder and import the copy: index.cdxj then holds its lines" in first.stdout
    assert "next time" not in first.stdout
    (tmp_path / "warcs" / crawl.name).write_bytes(crawl.read_bytes())
    again = run_archiver("import", f"warcs/{crawl.name}", cwd=tmp_path)
    assert again.returncode == 0 and "0 captures added, 1 already in the catalog" in again.stdout, again.stdout
    index = (tmp_path / "warcs" / "index.cdxj").read_text()
    assert '"filename": "colleague.warc.gz"' in index and "test,harbourpost)/piers" in index, index


def test_a_refusal_of_a_url_without_credentials_is_not_blamed_on_its_password():
    """A 403 from a json:// URL holding no user, password or token said "check the user and password in
    --notify": there are none to check."""
    from archiver.watch.notify import _secrets, reason_of

    lines = ["WARNING Failed to send JSON POST notification: error=403.", "DEBUG Response Details:",
             "b'{\"error\": \"this hook is disabled\"}'"]
    bare = reason_of(lines, _secrets("json://127.0.0.1:8090/hook"))
    assert "check the user and password" not in bare and "does it want a login or a token" in bare, bare
    assert '(the receiver answered: {"error": "this hook is disabled"})' in bare
    with_login = reason_of(lines, _secrets("json://desk:s3cretpw@127.0.0.1:8090/hook"))
    assert with_login.endswith("check the user and password in --notify"), with_login


def test_an_exported_wacz_keeps_a_redirected_capture_whole(tmp_path, harbour):
    """The WACZ handed to a colleague held an article taken down (redirected to the front page) as its
    records in order, a 301 then the front page: imported record by record, the colleague's history showed no
    "gone" (a "skipped" redirect of the article, a capture of the front page), and the archive it came from,
    importing it back, gained both ("2 captures added"). A hop and the answer to its Location are one capture."""
    site, host = harbour
    host.route("/old-url", redirect(host.url("/new-url"), 301))
    host.route("/new-url", Response(body=article("Ferry timetable changes", "the ferry quay")))
    write_list(tmp_path / "urls.txt", [host.url("/piers"), host.url("/old-url")])
    for extra in ((), ("--refresh",)):
        out = run_archiver("run", "urls.txt", "--jobs", "1", "--progress", "never", "--delay", "0", *extra,
                           *site.resolve_flags(), cwd=tmp_path)
        assert out.returncode == 0, (out.stdout + out.stderr)[-2000:]
    out = run_archiver("export", "--wacz", "news.wacz", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    back = run_archiver("import", "news.wacz", cwd=tmp_path)  # into the archive it came from: nothing new
    assert back.returncode == 0 and "0 captures added" in back.stdout, back.stdout + back.stderr
    colleague = tmp_path / "colleague"
    colleague.mkdir()
    got = run_archiver("import", tmp_path / "news.wacz", cwd=colleague)
    assert got.returncode == 0, got.stdout + got.stderr
    assert run_archiver("extract", "--jobs", "1", cwd=colleague).returncode == 0
    history = run_archiver("history", host.url("/piers"), cwd=colleague)
    assert f"a redirect to the site's front page {host.url('/')}: the article was taken down" in history.stdout, \
        history.stdout
    listed = json.loads(run_archiver("list", "--format", "json", cwd=colleague).stdout)["urls"]
    assert {item["url"]: item["final_url"] for item in listed} == {
        host.url("/piers"): host.url("/"), host.url("/old-url"): host.url("/new-url")}, listed
    assert all(item["status"] == "captured" for item in listed), listed


def _warc(path, url: str):
    """A WARC file of one response record, as another tool writes it (warcio's writer)."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(
            article("Old piers to be rebuilt", url).encode()), http_headers=headers))
    return path


def test_reindex_does_not_list_as_left_out_a_file_whose_copy_is_in_the_folder(tmp_path):
    """A WARC imported from outside, then copied into the folder and imported again (as import advises, for
    index.cdxj): reindex reads the copy, yet warned that the outside file's captures were not in the new catalog
    and asked to name it."""
    (tmp_path / "crawl").mkdir()
    crawl = _warc(tmp_path / "crawl" / "colleague.warc.gz", "http://harbourpost.test/piers")
    other = _warc(tmp_path / "crawl" / "other.warc.gz", "http://harbourpost.test/quays")
    assert run_archiver("import", crawl, other, cwd=tmp_path).returncode == 0
    (tmp_path / "warcs" / crawl.name).write_bytes(crawl.read_bytes())
    assert run_archiver("import", f"warcs/{crawl.name}", cwd=tmp_path).returncode == 0
    out = run_archiver("reindex", cwd=tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    said = out.stdout + out.stderr
    assert "1 capture of 1 WARC file outside warcs, not named here" in said and str(other) in said, said
    assert str(crawl) not in said, said


def _read_only(folder, *commands: list[str]):
    """Run each archiver command in ``folder`` mounted read-only (a mount namespace of its own); skip where
    that cannot be made (not root, no unshare)."""
    import os
    import shlex
    import subprocess
    import sys

    from sitekit import archiver_env

    if os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root")
    runs = " ; ".join(f"{shlex.join([sys.executable, '-m', 'archiver', *cmd])}; echo \"exit=$?\"" for cmd in commands)
    script = (f"mount --bind {shlex.quote(str(folder))} {shlex.quote(str(folder))} && "
              f"mount -o remount,bind,ro {shlex.quote(str(folder))} && cd {shlex.quote(str(folder))} && "
              f"touch probe 2>/dev/null && echo WRITABLE; {runs}")
    out = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=300,
                         env=archiver_env(None))
    if "WRITABLE" in out.stdout or "exit=" not in out.stdout:
        pytest.skip(f"no read-only mount here: {out.stderr[-300:]}")
    return out.stdout + out.stderr


def test_an_archive_on_a_read_only_filesystem_can_be_listed_searched_and_exported(tmp_path, harbour):
    """A library keeps its archive on a read-only mount (a snapshot, a read-only export): list, history, export
    and search were each refused, "cannot write warcs/catalog.sqlite3 (unable to open database file): the archive
    needs a writable folder", since SQLite could not make the WAL index beside the catalog."""
    site, host = harbour
    archive = tmp_path / "archive"
    archive.mkdir()
    write_list(archive / "urls.txt", [host.url("/piers")])
    out = run_archiver("run", "urls.txt", "--jobs", "1", "--progress", "never", *site.resolve_flags(), cwd=archive)
    assert out.returncode == 0, out.stdout + out.stderr
    assert not (archive / "warcs" / "catalog.sqlite3-wal").exists()  # closed cleanly
    said = _read_only(archive, ["list"], ["history", host.url("/piers")], ["search", "northern", "piers"],
                      ["export", "--wacz", str(tmp_path / "out.wacz")])
    assert "needs a writable folder" not in said, said
    assert said.count("exit=0") == 4, said
    assert "Old piers to be rebuilt" in said and (tmp_path / "out.wacz").stat().st_size > 0
