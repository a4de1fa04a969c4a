"""Hostile servers, tenth round (session 17, host10): filesystems that refuse what a WARC file needs, IDN hosts
through the commands that select by host, redirects that never end, a page that sends on by script, and what
earlier rounds did not probe (trailers, HTTP/1.0 answers, cookie-gated pages, Vary: User-Agent, SIGTERM in a
roll-over, a list growing during a run, the watch against a lying 304 and a changing Content-Type).

Each test runs the real ``archiver`` CLI on real loopback servers (rawkit, 127.0.2.1-127.0.2.60), real WARCs
(warcio, ``warcio check``) and a real SQLite catalog. A filesystem that refuses ``fsync`` or ``rename`` (as
some FUSE, SMB and object-store mounts do) is made with a small LD_PRELOAD library compiled here: the
process's own ``fsync``/``fdatasync``/``rename`` calls on files under one folder fail with the errno such a
mount returns; nothing of archiver is replaced.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from rawkit import RawServer, Reply, http_reply
from sitekit import run_archiver, start_archiver, write_list
from test_fetch_hostile2 import head
from warckit import all_records, assert_archive_sound, catalog_rows, open_files, warc_files


def article(key: str) -> str:
    return (f"<html><head><title>Story {key}</title></head><body><article><h1>Story {key}</h1>"
            f"<p>{f'Words of the story {key} go on for a while here. ' * 12}</p>"
            f"<p>{f'A second paragraph of {key} with more words in it. ' * 10}</p></article></body></html>")


def fetch(root: Path, list_path: str | Path, *extra: str, env: dict[str, str] | None = None):
    return run_archiver("fetch", list_path, "--warcs", root / "warcs", "--db", root / "c.db", "--delay", "0",
                        "--retries", "0", "--timeout", "3", "--progress", "never", *extra, cwd=root, timeout=180,
                        env=env)


# -- a WARC folder on a filesystem that refuses fsync or rename ------------------------------------------------------

REFUSE_C = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
/* under $REFUSE_DIR: fsync/fdatasync fail EINVAL (as FUSE and SMB mounts that cannot sync), rename EPERM,
   flock ENOLCK (NFS without its lock daemon) */
static int under(const char *path) {
    const char *dir = getenv("REFUSE_DIR");
    return dir && path && strncmp(path, dir, strlen(dir)) == 0;
}
static int fd_under(int fd) {
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n < 0) return 0;
    target[n] = 0;
    return under(target);
}
#define SYNC(name) int name(int fd) { static int (*real)(int); if (!real) real = dlsym(RTLD_NEXT, #name); \
    if (getenv("REFUSE_FSYNC") && fd_under(fd)) { errno = EINVAL; return -1; } return real(fd); }
SYNC(fsync)
SYNC(fdatasync)
int rename(const char *a, const char *b) {
    static int (*real)(const char *, const char *);
    if (!real) real = dlsym(RTLD_NEXT, "rename");
    if (getenv("REFUSE_RENAME") && under(a)) { errno = EPERM; return -1; }
    return real(a, b);
}
int flock(int fd, int op) {
    static int (*real)(int, int);
    if (!real) real = dlsym(RTLD_NEXT, "flock");
    if (getenv("REFUSE_FLOCK") && fd_under(fd)) { errno = ENOLCK; return -1; }
    return real(fd, op);
}
int renameat(int d1, const char *a, int d2, const char *b) {
    static int (*real)(int, const char *, int, const char *);
    if (!real) real = dlsym(RTLD_NEXT, "renameat");
    if (getenv("REFUSE_RENAME") && under(a)) { errno = EPERM; return -1; }
    return real(d1, a, d2, b);
}
"""


@pytest.fixture(scope="module")
def refuse_so(tmp_path_factory) -> Path:
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc is None:
        pytest.skip("no C compiler to build the refusing-filesystem library")
    folder = tmp_path_factory.mktemp("refuse")
    (folder / "refuse.c").write_text(REFUSE_C)
    made = subprocess.run([gcc, "-shared", "-fPIC", "-O1", "-o", str(folder / "refuse.so"), str(folder / "refuse.c"),
                           "-ldl"], capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    return folder / "refuse.so"


def four_pages(address: str) -> RawServer:
    srv = RawServer("fs.h10.test", address)
    for i in range(4):
        srv.route(f"/p{i}", lambda r, key=f"fs{i}": http_reply(article(key)))
    return srv


def test_a_folder_that_refuses_fsync_is_written_whole_and_said_once(tmp_path, refuse_so):
    """fsync failing EINVAL (the filesystem cannot sync) failed every URL after the first roll-over
    ``internal error: OSError: [Errno 22]``, then a traceback at the last close, the file left ``.open``."""
    with four_pages("127.0.2.10") as srv:
        write_list(tmp_path / "list.txt", [srv.url(f"/p{i}") for i in range(4)])
        env = {"LD_PRELOAD": str(refuse_so), "REFUSE_DIR": str(tmp_path / "warcs"), "REFUSE_FSYNC": "1"}
        out = fetch(tmp_path, "list.txt", "--resolve", srv.resolve, "--warc-max-size", "3K", env=env)
    text = out.stdout + out.stderr
    assert out.returncode == 0, text[-3000:]
    assert "Traceback" not in text and "internal error" not in text
    assert text.count("the filesystem does not support fsync; WARC files were closed without it") == 1
    assert len(warc_files(tmp_path / "warcs")) >= 2  # it rolled over
    assert_archive_sound(tmp_path / "warcs")
    rows = catalog_rows(tmp_path / "c.db", "SELECT state FROM captures")
    assert [r["state"] for r in rows] == ["captured"] * 4


def test_a_catalog_on_a_filesystem_that_refuses_fsync_is_told_so(tmp_path, refuse_so):
    """The catalog in that folder (the default, ``<warcs>/catalog.sqlite3``): SQLite can only say "disk I/O
    error", which was told as a refused write to look for in the kernel log; now the filesystem is named as one
    that cannot fsync, and ``--db`` elsewhere as the remedy."""
    with four_pages("127.0.2.13") as srv:
        write_list(tmp_path / "list.txt", [srv.url("/p0")])
        env = {"LD_PRELOAD": str(refuse_so), "REFUSE_DIR": str(tmp_path / "warcs"), "REFUSE_FSYNC": "1"}
        out = run_archiver("fetch", "list.txt", "--warcs", tmp_path / "warcs", "--delay", "0", "--progress",
                           "never", "--resolve", srv.resolve, cwd=tmp_path, env=env)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr[-3000:]
    assert "its filesystem does not support fsync, which SQLite needs to commit. Give --db (ARCHIVER_DB)" in out.stderr


def test_a_folder_whose_filesystem_refuses_locks_is_told_so(tmp_path, refuse_so):
    """flock failing ENOLCK (NFS without its lock daemon): a traceback (``OSError: [Errno 37] No locks
    available``, twice: taking the archive's lock, then releasing the lock it never held); now exit 2 and what
    to do, before anything is fetched."""
    with four_pages("127.0.2.15") as srv:
        write_list(tmp_path / "list.txt", [srv.url("/p0")])
        env = {"LD_PRELOAD": str(refuse_so), "REFUSE_DIR": str(tmp_path / "warcs"), "REFUSE_FLOCK": "1"}
        out = fetch(tmp_path, "list.txt", "--resolve", srv.resolve, env=env)
        asked = dict(srv.hits)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr[-3000:]
    assert out.stderr.startswith(f"archiver: error: cannot lock {tmp_path / 'warcs' / '.archiver.lock'} (No locks "
                                 "available): its filesystem refuses file locks"), out.stderr
    assert asked == {}


def test_a_folder_that_refuses_rename_stops_the_run_with_what_to_do(tmp_path, refuse_so):
    """rename failing EPERM: before, the URLs after the first roll-over failed ``internal error:
    PermissionError`` while the run went on writing new files it could not close either; now the run stops at
    the first file it cannot close, naming it and the remedy; a run there again says the same (no traceback);
    a run with the folder on a filesystem that renames closes the file and fetches the rest, one row each."""
    with four_pages("127.0.2.11") as srv:
        write_list(tmp_path / "list.txt", [srv.url(f"/p{i}") for i in range(4)])
        env = {"LD_PRELOAD": str(refuse_so), "REFUSE_DIR": str(tmp_path / "warcs"), "REFUSE_RENAME": "1"}
        # a long timeout: the hit counts below must not hang on how busy the machine is (a CI run at load 9
        # timed /p0 out at 3 s and asked it again)
        slow = ("--resolve", srv.resolve, "--timeout", "60")
        first = fetch(tmp_path, "list.txt", *slow, "--warc-max-size", "3K", env=env)
        again = fetch(tmp_path, "list.txt", *slow, env=env)
        fine = fetch(tmp_path, "list.txt", *slow)
        hits = {p: srv.hits.get(p, 0) for p in ("/p0", "/p1", "/p2", "/p3")}
    for out in (first, again):
        text = out.stdout + out.stderr
        assert out.returncode == 1, text[-3000:]
        assert "Traceback" not in text and "internal error" not in text
        assert "renaming it to archiver-" in text and "was refused (Operation not permitted)" in text
        assert "Give --warcs (ARCHIVER_WARCS) a folder on one that does" in text
    assert fine.returncode == 0, (fine.stdout + fine.stderr)[-3000:]
    assert "recovered archiver-" in fine.stdout
    assert_archive_sound(tmp_path / "warcs")
    rows = catalog_rows(tmp_path / "c.db", "SELECT url, state FROM captures")
    assert sorted(r["url"].rsplit("/", 1)[1] for r in rows if r["state"] == "captured") == ["p0", "p1", "p2", "p3"]
    assert len(rows) == 4  # each once: the run stopped with the rows it had, the URLs in flight were asked again
    assert hits["/p0"] == 1, hits


# -- IDN hosts through list, fetch, catalog, list/export --host and the CDXJ index ------------------------------------

def test_an_idn_host_is_one_host_in_every_spelling(tmp_path):
    """A list naming ``bücher.h10.test``, ``xn--bcher-kva.h10.test`` and ``b%C3%BCcher.h10.test`` (and a
    Location so): one host (the percent-encoded name was kept as such and failed on DNS before) (punycode in the catalog,
    WARC-Target-URI and CDXJ keys, as cdxj-indexer writes them). ``--host`` in Unicode, upper case or with a
    trailing dot selected nothing in ``archiver list`` and ``export`` before (only the IDNA spelling matched)."""
    srv = RawServer("bücher.h10.test", "127.0.2.12")
    for path in ("/idn", "/idn2", "/idn3", "/idn4"):
        srv.route(path, lambda r, key=path[1:]: http_reply(article(key)))
    pct = f"http://b%C3%BCcher.h10.test:{srv.port}"  # the name percent-encoded: WHATWG decodes it before IDNA
    srv.route("/hop", lambda r: Reply([head("302 Found", f"Location: {pct}/idn4", "Content-Length: 0")]))
    with srv:
        write_list(tmp_path / "list.txt", [srv.url("/idn"), f"http://xn--bcher-kva.h10.test:{srv.port}/idn2",
                                           f"{pct}/idn3", srv.url("/hop")])
        out = fetch(tmp_path, "list.txt", "--resolve", srv.resolve)
    assert out.returncode == 0, out.stdout + out.stderr
    assert [r.path for r in srv.requests].count("/robots.txt") == 1
    puny = f"http://xn--bcher-kva.h10.test:{srv.port}"
    rows = catalog_rows(tmp_path / "c.db", "SELECT url, final_url FROM captures ORDER BY url")
    assert [(r["url"], r["final_url"]) for r in rows] == [
        (f"{puny}/hop", f"{puny}/idn4"), (f"{puny}/idn", f"{puny}/idn"), (f"{puny}/idn2", f"{puny}/idn2"),
        (f"{puny}/idn3", f"{puny}/idn3")]
    index = (tmp_path / "warcs" / "index.cdxj").read_text()
    assert f"test,h10,xn--bcher-kva:{srv.port})/idn " in index and "bücher" not in index
    for host in ("bücher.h10.test", "BÜCHER.h10.test.", "xn--bcher-kva.h10.test"):
        listed = run_archiver("list", "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db", "--host", host,
                              cwd=tmp_path)
        assert listed.returncode == 0, (host, listed.stdout, listed.stderr)
        assert listed.stdout.count("captured  1 capture") == 4, listed.stdout
    exported = run_archiver("export", "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db", "--host",
                            "bücher.h10.test", "--wacz", tmp_path / "b.wacz", cwd=tmp_path)
    assert exported.returncode == 0, (exported.stdout, exported.stderr)
    assert "4 captures" in exported.stdout + exported.stderr


# -- one run over many hostile routes, then the same list again -------------------------------------------------------

def redirect(location: str, *extra: str) -> Reply:
    return Reply([head("302 Found", f"Location: {location}", "Content-Length: 0", *extra)])


TRAILER_BODY = article("trailer").encode() + b"\r\n0\r\nFake: in the body\r\n"  # looks like a last chunk


def chunked_with_trailer(r) -> Reply:
    body = TRAILER_BODY
    return Reply([head("200 OK", "Content-Type: text/html", "Transfer-Encoding: chunked",
                       "Trailer: X-Digest, X-Count") + b"%x\r\n" % 100 + body[:100] + b"\r\n"
                  + b"%x\r\n" % (len(body) - 100) + body[100:] + b"\r\n0\r\nX-Digest: sha-256=abc\r\n"
                  + b"X-Count:  2 \r\n\r\n"])


def routes(a: RawServer, b: RawServer, c: RawServer) -> None:
    a.route("/trailer", chunked_with_trailer)
    a.route("/http10", lambda r: Reply([b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n"
                                        + article("http10").encode()], close=True))
    # a cookie-gated article on its own host: no cookie, to /consent, which sets it and sends back
    a.route("/gated", lambda r: http_reply(article("gated")) if "ok=1" in r.headers.get("cookie", "")
            else redirect("/consent?back=/gated"))
    a.route("/consent", lambda r: redirect("/gated", "Set-Cookie: ok=1; Path=/"))
    # "Redirecting..." stubs whose only act is a script sending the reader on
    a.route("/jump", lambda r: http_reply('<html><head><title>Redirecting</title><script>window.location.href = '
                                          '"/story";</script></head><body>Redirecting...</body></html>'))
    a.route("/jump2", lambda r: http_reply("<html><head><script type='text/javascript'>\n<!--\n"
                                           "location.replace('http:\\/\\/" + f"{b.name}:{b.port}" + "\\/story');"
                                           "\n//-->\n</script></head><body></body></html>"))
    # scripts that decide, or sit in <noscript>: not run, the page is the capture
    a.route("/decides", lambda r: http_reply("<html><head><title>Decides</title><script>if (!document.cookie) "
                                             "location.href = '/story';</script></head><body><p>"
                                             + "A page of its own. " * 20 + "</p></body></html>"))
    a.route("/noscript", lambda r: http_reply("<html><body><p>" + "Text for readers. " * 20 + "</p><noscript>"
                                              "<script>location.href='/story'</script></noscript></body></html>"))
    a.route("/story", lambda r: http_reply(article("story")))
    b.route("/story", lambda r: http_reply(article("story-b")))
    a.route("/vary", lambda r: http_reply(article("vary-" + ("archiver" if "archiver" in r.headers.get(
        "user-agent", "") else "browser")), headers=["Vary: User-Agent"]))
    a.route("/cookieloop", lambda r: redirect("/cookieloop", f"Set-Cookie: n={r.hit}; Path=/"))
    b.route("/loop", lambda r: redirect(c.url("/loop")))  # on hosts that set no cookie (a's cookies change)
    c.route("/loop", lambda r: redirect(b.url("/loop")))
    servers = [a, b, c]
    for i in range(25):  # a chain through three hosts, each hop a new URL
        servers[i % 3].route(f"/hop{i}", lambda r, i=i: redirect(servers[(i + 1) % 3].url(f"/hop{i + 1}")))
    # far pauses on a host of their own (c, no other seed): since host13 the next run holds the host's URLs
    c.route("/r429date", lambda r: http_reply("slow down", "429 Too Many Requests",
                                              headers=["Retry-After: Fri, 31 Dec 2099 23:59:59 GMT"]))
    c.route("/r429huge", lambda r: http_reply("slow down", "429 Too Many Requests",
                                              headers=["Retry-After: 99999999999999999999999999"]))
    b.route("/r503inf", lambda r: http_reply("down", "503 Service Unavailable", headers=["Retry-After: 1e400"]))
    a.route("/midchunk", lambda r: Reply([head("200 OK", "Content-Type: text/html", "Transfer-Encoding: chunked")
                                          + b"400\r\n" + b"x" * 300], close=True))
    # 60 bytes of length, then a whole second response glued on (pipelining garbage), connection kept open
    a.route("/morecl", lambda r: Reply([head("200 OK", "Content-Type: text/html", "Content-Length: 60")
                                        + article("morecl").encode()[:60]
                                        + b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nEVIL!"]))
    a.route("/after", lambda r: http_reply(article("after")))
    # HTML to the first request, JSON to the next (a site negotiating on something else than Accept)
    a.route("/turns", lambda r: http_reply(article("turns")) if r.hit == 1
            else http_reply('{"title": "Story turns", "body": "as data"}', content_type="application/json"))


PATHS = ["/trailer", "/http10", "/gated", "/jump", "/jump2", "/decides", "/noscript", "/vary", "/cookieloop",
         "/hop0", "/midchunk", "/morecl", "/after"]


class Run:
    def __init__(self, root: Path, servers: dict[str, RawServer], first, second, hits_before_second, extracted):
        self.root, self.servers, self.first, self.second, self.extracted = root, servers, first, second, extracted
        self.hits_before_second = hits_before_second
        self.records = all_records(root / "warcs")

    def url(self, path: str, host: str = "a") -> str:
        return self.servers[host].url(path)

    def row(self, path: str, host: str = "a"):
        rows = catalog_rows(self.root / "c.db", "SELECT * FROM captures WHERE url = ? ORDER BY id",
                            (self.url(path, host),))
        return rows[0]

    def response(self, url: str):
        return next(r for r in self.records if r.type == "response" and r.uri == url)

    def request(self, url: str):
        return next(r for r in self.records if r.type == "request" and r.uri == url)


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    root = tmp_path_factory.mktemp("hostile10")
    a, b, c = (RawServer(f"{n}.h10.test", f"127.0.2.{20 + i}") for i, n in enumerate("abc"))
    routes(a, b, c)
    with a, b, c:
        write_list(root / "list.txt", [a.url(p) for p in PATHS] + [b.url("/r503inf"), b.url("/loop"),
                                                                   c.url("/r429date"), c.url("/r429huge")])
        flags = [flag for s in (a, b, c) for flag in ("--resolve", s.resolve)]
        first = fetch(root, "list.txt", *flags)
        hits = {n: dict(s.hits) for n, s in zip("abc", (a, b, c), strict=True)}
        second = fetch(root, "list.txt", *flags)
        write_list(root / "turns.txt", [a.url("/turns")])
        for _ in range(2):
            fetch(root, "turns.txt", "--refresh", *flags)
        extracted = run_archiver("extract", "--warcs", root / "warcs", "--db", root / "c.db", "--clean",
                                 root / "clean", "--jobs", "1", "--progress", "never", cwd=root, timeout=300)
    return Run(root, {"a": a, "b": b, "c": c}, first, second, hits, extracted)


def test_the_runs_end_without_traceback_and_every_warc_checks(run):
    for out in (run.first, run.second):
        assert "Traceback" not in out.stdout + out.stderr
        assert out.returncode == 1  # some URLs failed, as they should
    assert_archive_sound(run.root / "warcs")


def test_trailer_fields_are_kept_apart_from_the_headers(run):
    """The body is stored de-chunked (what replay tools serve); its trailer fields were dropped (httpcore does
    not hand them over). Now they end the stored header block as ``X-Archive-Trailer-NAME`` lines (RFC 9112
    section 7.1.2: kept apart from the header fields, not merged), in the order sent; the block digest
    covers them (``warcio check`` in the first test); a body holding what looks like a last chunk and a field
    is not read as the trailer section."""
    rec = run.response(run.url("/trailer"))
    assert rec.http_header("Trailer") == "X-Digest, X-Count"
    assert rec.http_header("X-Archive-Orig-Transfer-Encoding") == "chunked"
    assert [(k, v) for k, v in rec.http_headers if k.startswith("X-Archive-Trailer-")] == [
        ("X-Archive-Trailer-X-Digest", "sha-256=abc"), ("X-Archive-Trailer-X-Count", "2")]
    assert rec.http_header("Fake") is None and rec.http_header("X-Archive-Trailer-Fake") is None
    assert rec.raw_payload == TRAILER_BODY


def test_an_http10_answer_to_an_http11_request_is_read_to_its_close(run):
    assert run.row("/http10")["state"] == "captured"
    rec = run.response(run.url("/http10"))
    assert rec.headers["WARC-Protocol"] == "http/1.0" and rec.raw_payload == article("http10").encode()


def test_a_cookie_gated_article_is_reached_through_its_consent_hop(run):
    row = run.row("/gated")
    assert row["state"] == "captured" and row["final_url"] == run.url("/gated")
    assert run.response(run.url("/consent?back=/gated")).http_header("Set-Cookie") == "ok=1; Path=/"


@pytest.mark.parametrize("path, target", [("/jump", ("a", "/story")), ("/jump2", ("b", "/story"))])
def test_a_page_whose_only_act_is_a_script_sending_on_is_followed(run, path, target):
    """Before: the stub was the capture (its clean text empty, the article never asked)."""
    row = run.row(path)
    assert row["state"] == "captured" and row["final_url"] == run.url(target[1], target[0]), dict(row)
    assert run.response(run.url(path)).raw_payload.startswith(b"<html>")  # the stub archived as a hop


@pytest.mark.parametrize("path", ["/decides", "/noscript"])
def test_a_script_that_decides_or_sits_in_noscript_is_not_followed(run, path):
    row = run.row(path)
    assert row["state"] == "captured" and row["final_url"] == run.url(path)


def test_vary_user_agent_is_recorded_as_served_to_archiver(run):
    rec = run.response(run.url("/vary"))
    assert rec.http_header("Vary") == "User-Agent" and b"Story vary-archiver" in rec.raw_payload
    assert "archiver/" in (run.request(run.url("/vary")).http_header("User-Agent") or "")


def test_a_cookie_loop_says_what_it_is(run):
    """Before: ``too many redirects (more than 20)``, not saying the page redirected to itself each time."""
    reason = run.row("/cookieloop")["reason"]
    assert reason == (f"too many redirects (more than 20): {run.url('/cookieloop')} redirected to itself 21 "
                      "times, with a new cookie each time")


def test_a_loop_across_hosts_names_each_hop(run):
    """Before: ``redirect loop (back to URL with the same cookies)``, the hops between unnamed."""
    reason = run.row("/loop", "b")["reason"]
    chain = " -> ".join([run.url("/loop", "b"), run.url("/loop", "c"), run.url("/loop", "b")])
    assert reason == f"redirect loop (back to {run.url('/loop', 'b')} with the same cookies): {chain}"


def test_too_many_redirects_across_hosts_names_the_ends_of_the_chain(run):
    reason = run.row("/hop0")["reason"]
    assert reason.startswith(f"too many redirects (more than 20): {run.url('/hop0', 'a')} -> "
                             f"{run.url('/hop1', 'b')} -> {run.url('/hop2', 'c')} -> ... 16 more ... -> ")
    assert reason.endswith(f" -> {run.url('/hop19', 'b')} -> {run.url('/hop20', 'c')}")
    assert "/hop21" not in run.hits_before_second["a"]


@pytest.mark.parametrize("path, host, shown", [("/r429date", "c", "Fri, 31 Dec 2099 23:59:59 GMT"),
                                               ("/r429huge", "c", "99999999999999999999999999"),
                                               ("/r503inf", "b", "1e400")])
def test_a_retry_after_far_away_is_recorded_and_kept_for_the_next_run(run, path, host, shown):
    """Recorded with the reason; since host13 the pause outlives the run (kept up to a day): the next
    run does not ask the host before it ends and says so. A value that asks nothing (1e400) is asked again, and
    (round 28) its reason says it was ignored, not honoured."""
    row = run.row(path, host)
    held = host == "c"
    said = "honoured up to --retry-after-max" if held else "neither a number of seconds nor an HTTP date"
    assert row["state"] == "failed" and f"(Retry-After: {shown}; {said}" in row["reason"], row["reason"]
    assert run.hits_before_second[host][path] == 1 and run.servers[host].hits[path] == (1 if held else 2)
    assert (f"{host}.h10.test asked for a pause until" in run.second.stdout) == held, run.second.stdout


def test_a_connection_closed_mid_chunk_keeps_the_part_and_is_asked_again(run):
    row = run.row("/midchunk")
    assert row["state"] == "failed" and row["truncated"] == "disconnect"
    assert run.servers["a"].hits["/midchunk"] == 2


def test_bytes_past_the_content_length_are_not_the_next_response(run):
    assert run.response(run.url("/morecl")).raw_payload == article("morecl").encode()[:60]
    assert run.response(run.url("/after")).raw_payload == article("after").encode()


def test_a_page_that_turns_into_json_is_recorded_as_served_and_not_read_as_the_story(run):
    """The same URL fetched twice (``--refresh``): HTML, then JSON. The second is a response of its own (not a
    revisit), its type recorded; extraction says why it has no text rather than taking the data for the story."""
    rows = catalog_rows(run.root / "c.db", "SELECT c.content_type, c.record_type, e.error FROM captures c"
                        " LEFT JOIN extractions e ON e.capture_id = c.id WHERE c.url = ? ORDER BY c.id",
                        (run.url("/turns"),))
    assert [(r["content_type"].split(";")[0], r["record_type"]) for r in rows] == [
        ("text/html", "response"), ("application/json", "response")]
    assert rows[0]["error"] is None and rows[1]["error"] == "not HTML: application/json", [dict(r) for r in rows]
    assert run.extracted.returncode in (0, 1) and "Traceback" not in run.extracted.stderr


def test_the_rerun_asks_only_what_failed(run):
    again = {p for p in PATHS if run.servers["a"].hits.get(p, 0) > run.hits_before_second["a"].get(p, 0)}
    assert again == {"/cookieloop", "/hop0", "/midchunk"}
    assert run.servers["b"].hits["/loop"] == 2 * run.hits_before_second["b"]["/loop"]


# -- SIGTERM outside the fetch loop, and in WARC roll-overs -------------------------------------------------------------

def blocked_on_fifo(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/wchan").read_text().strip() in ("wait_for_partner", "fifo_open", "pipe_wait")
    except OSError:
        return False


def test_sigterm_while_the_list_is_read_ends_as_interrupted(tmp_path):
    """A list from a FIFO whose writer has not come yet: SIGTERM there (outside the fetch's event loop, which
    stops on it gracefully) killed the process by its default action, exit -15 and no line; now exit 130 and
    ``archiver: interrupted``, as for Ctrl-C."""
    fifo = tmp_path / "urls.fifo"
    os.mkfifo(fifo)
    proc = start_archiver("fetch", fifo, "--warcs", tmp_path / "warcs", "--progress", "never",
                          output=tmp_path / "out.log", cwd=tmp_path)
    try:
        deadline = time.monotonic() + 120
        while not blocked_on_fifo(proc.pid) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert blocked_on_fifo(proc.pid), "archiver never came to open the list"
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert code == 130, (code, (tmp_path / "out.log").read_text())
    assert (tmp_path / "out.log").read_text().strip() == "archiver: interrupted"


def test_sigterm_in_warc_roll_overs_leaves_whole_files_and_no_duplicate(tmp_path):
    """Every record rolls the file over (``--warc-max-size 1``); SIGTERM twice at different moments of
    two runs, then a run to the end: each stop exits 130 (or 0 when the run was done), never by the signal;
    no ``.open`` file, ``warcio check`` clean, one catalog row and one response per URL."""
    srv = RawServer("roll.h10.test", "127.0.2.30")
    for i in range(40):
        srv.route(f"/p{i}", lambda r, key=f"roll{i}": http_reply(article(key)))
    with srv:
        write_list(tmp_path / "list.txt", [srv.url(f"/p{i}") for i in range(40)])
        flags = ["--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db", "--delay", "0", "--retries", "0",
                 "--progress", "never", "--resolve", srv.resolve, "--warc-max-size", "1", "--per-host", "4"]
        for n in range(2):
            before = len(list((tmp_path / "warcs").glob("*.warc.gz*")))
            proc = start_archiver("fetch", "list.txt", *flags, output=tmp_path / f"run{n}.log", cwd=tmp_path)
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and proc.poll() is None:  # stop once this run has written some
                if len(list((tmp_path / "warcs").glob("*.warc.gz*"))) > before + 3 + 4 * n:
                    break
                time.sleep(0.02)
            proc.send_signal(signal.SIGTERM)
            code = proc.wait(timeout=60)
            log = (tmp_path / f"run{n}.log").read_text()
            assert code in (0, 130) and "Traceback" not in log, (code, log[-2000:])
            assert not open_files(tmp_path / "warcs")
        last = fetch(tmp_path, "list.txt", *flags[4:])
    assert last.returncode == 0, last.stdout + last.stderr
    assert_archive_sound(tmp_path / "warcs")
    rows = catalog_rows(tmp_path / "c.db", "SELECT url FROM captures WHERE state = 'captured'")
    assert sorted(r["url"] for r in rows) == sorted(srv.url(f"/p{i}") for i in range(40))
    responses = [r.uri for r in all_records(tmp_path / "warcs") if r.type == "response" and "/p" in (r.uri or "")]
    assert sorted(responses) == sorted(srv.url(f"/p{i}") for i in range(40))


# -- a list that grows while a run reads it ---------------------------------------------------------------------------

def test_lines_added_to_the_list_during_a_run_wait_for_the_next(tmp_path):
    """The list is read once, at the start: a line appended while the run fetches (a slow page) is not fetched
    half-read by it; the next run fetches that line only."""
    srv = RawServer("grow.h10.test", "127.0.2.31")
    body = article("slow").encode()
    srv.route("/slow", lambda r: Reply([head("200 OK", "Content-Type: text/html", f"Content-Length: {len(body)}"),
                                        body[:500], body[500:]], pause=1.5))
    srv.route("/added", lambda r: http_reply(article("added")))
    with srv:
        write_list(tmp_path / "list.txt", [srv.url("/slow")])
        proc = start_archiver("fetch", "list.txt", "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db",
                              "--delay", "0", "--retries", "0", "--progress", "never", "--resolve", srv.resolve,
                              output=tmp_path / "first.log", cwd=tmp_path)
        deadline = time.monotonic() + 120
        while "/slow" not in srv.hits and time.monotonic() < deadline:
            time.sleep(0.02)
        with open(tmp_path / "list.txt", "a") as fh:
            fh.write(srv.url("/added") + "\n")
        assert proc.wait(timeout=120) == 0, (tmp_path / "first.log").read_text()
        assert "/added" not in srv.hits
        second = fetch(tmp_path, "list.txt", "--resolve", srv.resolve)
    assert "1 to fetch, 1 skipped" in second.stdout and srv.hits["/added"] == 1 and srv.hits["/slow"] == 1


# -- the watch's fetches: a lying 304, a page that turns into JSON -----------------------------------------------------

def test_the_watch_is_not_fooled_by_a_lying_304_or_validators(tmp_path):
    """``archiver run --watch`` three times: the article; a ``304 Not Modified`` with the page's ETag and
    Last-Modified though nothing was asked conditionally (archiver sends no ``If-None-Match`` or
    ``If-Modified-Since``, so a lying validator cannot hide an edit); the article edited, the same ETag and
    Last-Modified claimed. Verdicts: first, failed, edit; one event, for the real edit. (A JSON rendition
    under the same URL, probed too, is judged no-text: ``test_a_page_that_turns_into_json...``.)"""
    from watchkit import Watcher, furniture_page

    plan = ["whole", "304", "edited"]
    state = {"run": 0}
    validators = ['ETag: "v1"', "Last-Modified: Mon, 01 Jan 2024 00:00:00 GMT"]

    def story(r) -> Reply:
        kind = plan[state["run"]]
        if kind == "304":
            return Reply([head("304 Not Modified", *validators)])
        body = furniture_page(1, edited=kind == "edited").encode()
        return Reply([head("200 OK", "Content-Type: text/html; charset=utf-8", *validators,
                           f"Content-Length: {len(body)}") + body])

    srv = RawServer("news.h10.test", "127.0.2.32").route("/story", story)

    class Site:
        def client_flags(self) -> list[str]:
            return ["--resolve", srv.resolve]

    with srv:
        watcher = Watcher(Site(), tmp_path, srv.url("/story"))
        for n in range(len(plan)):
            state["run"] = n
            watcher.run()
    assert watcher.verdicts() == ["first", "failed", "edit"]
    assert [kind for kind, _ in watcher.events()] == ["edit"]
    assert not any(k.startswith("if-") for r in srv.requests for k in r.headers)


def test_a_chain_of_long_urls_is_named_in_a_bounded_reason():
    """A Location may be kilobytes long: each URL of a chain is shown to 300 characters (the reason of 21 hops
    of 5,000 characters each was 25 KB in the catalog, before the cut)."""
    from archiver.fetch.redirects import loop_reason, too_many_reason

    urls = [f"http://a.h10.test/{i}/" + "x" * 5000 for i in range(21)]
    reason = too_many_reason(urls)
    assert len(reason) < 2000 and reason.count("...") == 7  # 5 URLs cut, and "... 16 more ..." between them
    assert len(loop_reason(urls[:2], urls[0])) < 1500
