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

import shutil
import subprocess
from pathlib import Path

import pytest
from rawkit import RawServer, http_reply
from sitekit import run_archiver, write_list
from warckit import assert_archive_sound, catalog_rows, warc_files


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
/* fsync/fdatasync fail EINVAL (as FUSE and SMB mounts that cannot sync), rename EPERM, under $REFUSE_DIR */
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


def test_a_folder_that_refuses_rename_stops_the_run_with_what_to_do(tmp_path, refuse_so):
    """rename failing EPERM: before, the URLs after the first roll-over failed ``internal error:
    PermissionError`` while the run went on writing new files it could not close either; now the run stops at
    the first file it cannot close, naming it and the remedy; a run there again says the same (no traceback);
    a run with the folder on a filesystem that renames closes the file and fetches the rest, one row each."""
    with four_pages("127.0.2.11") as srv:
        write_list(tmp_path / "list.txt", [srv.url(f"/p{i}") for i in range(4)])
        env = {"LD_PRELOAD": str(refuse_so), "REFUSE_DIR": str(tmp_path / "warcs"), "REFUSE_RENAME": "1"}
        first = fetch(tmp_path, "list.txt", "--resolve", srv.resolve, "--warc-max-size", "3K", env=env)
        again = fetch(tmp_path, "list.txt", "--resolve", srv.resolve, env=env)
        fine = fetch(tmp_path, "list.txt", "--resolve", srv.resolve)
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
    """A list naming ``bücher.h10.test`` and ``xn--bcher-kva.h10.test``: one host (punycode in the catalog,
    WARC-Target-URI and CDXJ keys, as cdxj-indexer writes them). ``--host`` in Unicode, upper case or with a
    trailing dot selected nothing in ``archiver list`` and ``export`` before (only the IDNA spelling matched)."""
    srv = RawServer("bücher.h10.test", "127.0.2.12")
    srv.route("/idn", lambda r: http_reply(article("idn"))).route("/idn2", lambda r: http_reply(article("idn2")))
    with srv:
        write_list(tmp_path / "list.txt", [srv.url("/idn"), f"http://xn--bcher-kva.h10.test:{srv.port}/idn2"])
        out = fetch(tmp_path, "list.txt", "--resolve", srv.resolve)
    assert out.returncode == 0, out.stdout + out.stderr
    assert [r.path for r in srv.requests].count("/robots.txt") == 1
    urls = [r["url"] for r in catalog_rows(tmp_path / "c.db", "SELECT url FROM captures ORDER BY url")]
    assert urls == [f"http://xn--bcher-kva.h10.test:{srv.port}/idn", f"http://xn--bcher-kva.h10.test:{srv.port}/idn2"]
    index = (tmp_path / "warcs" / "index.cdxj").read_text()
    assert f"test,h10,xn--bcher-kva:{srv.port})/idn " in index and "bücher" not in index
    for host in ("bücher.h10.test", "BÜCHER.h10.test.", "xn--bcher-kva.h10.test"):
        listed = run_archiver("list", "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db", "--host", host,
                              cwd=tmp_path)
        assert listed.returncode == 0, (host, listed.stdout, listed.stderr)
        assert listed.stdout.count("captured  1 capture") == 2, listed.stdout
    exported = run_archiver("export", "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db", "--host",
                            "bücher.h10.test", "--wacz", tmp_path / "b.wacz", cwd=tmp_path)
    assert exported.returncode == 0, (exported.stdout, exported.stderr)
    assert "2 captures" in exported.stdout + exported.stderr
