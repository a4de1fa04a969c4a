"""Issue 12: time limits (item 14), a full disk (15), list files in other encodings (16), and
extraction workers that must end with a driver killed with SIGKILL (18).

Real servers on loopback, a real tmpfs for the full disk (skipped with a reason
where mounting is not allowed), real ``archiver`` processes.
"""
from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitekit import Response, Site, run_archiver, start_archiver, write_list
from warcio.archiveiterator import ArchiveIterator
from warckit import catalog_rows, open_files, warc_files, warcio_check


def fetch(site: Site, tmp: Path, lines: list[str] | Path, *extra: str, timeout: float = 300):
    list_path = lines if isinstance(lines, Path) else write_list(tmp / "urls.txt", lines)
    return run_archiver("fetch", list_path, "--warcs", tmp / "warcs", "--delay", "0", "--progress", "never",
                        *site.client_flags(), *extra, cwd=tmp, timeout=timeout)


def rows(tmp: Path) -> dict[str, sqlite3.Row]:
    return {r["url"]: r for r in catalog_rows(tmp / "warcs" / "catalog.sqlite3", "SELECT * FROM captures")}


# -- item 14 ------------------------------------------------------------------------

def test_item14_slow_drip_not_retried_and_url_budget_bounds_hops_and_robots(site, tmp_path):
    drip = site.host("www.drip.test")
    drip.route("/drip", Response(body=b"x" * 4000, content_type="text/plain", chunk_size=50, chunk_delay=0.5))
    hops = site.host("www.hops.test")
    for i in range(1, 8):
        hops.route(f"/r{i}", Response(302, body="", headers=[("Location", f"/r{i + 1}")], delay=1.0))
    slow_robots = site.host("www.slow-robots.test")
    # robots.txt answers 503 slowly: with --retries 3 it alone outlasts the URL budget
    slow_robots.route("/robots.txt", Response(503, body="busy", content_type="text/plain", delay=2.0))
    slow_robots.route("/page", Response(body="<p>page</p>"))
    site.start()
    urls = [drip.url("/drip"), hops.url("/r1"), slow_robots.url("/page")]
    got = fetch(site, tmp_path, urls, "--timeout", "10", "--total-timeout", "3", "--retries", "3",
                "--url-timeout", "5")
    assert got.returncode == 1 and "Traceback" not in got.stdout + got.stderr, got.stdout + got.stderr
    found = rows(tmp_path)
    # the body so far is archived (WARC-Truncated: time; tests/test_fetch_hostile3.py), the capture failed
    assert found[urls[0]]["state"] == "failed" and found[urls[0]]["truncated"] == "time", dict(found[urls[0]])
    assert found[urls[0]]["reason"].startswith("timeout mid-body (over 3 s, --total-timeout)"), found[urls[0]]["reason"]
    assert site.hits[("www.drip.test", "/drip")] == 1, "a body dripping at --total-timeout was retried"
    for url in urls[1:]:
        assert found[url]["state"] == "failed" and "URL budget" in found[url]["reason"], dict(found[url])
        assert "--url-timeout" in found[url]["reason"]
    assert site.hits[("www.hops.test", "/r7")] == 0  # stopped on the way
    check = warcio_check(warc_files(tmp_path / "warcs"))
    assert check.returncode == 0, check.stdout + check.stderr


# -- item 15 ------------------------------------------------------------------------

def _mount_tmpfs(where: Path, size: str) -> None:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")


def _umount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _payload_reads_back(path: Path, offset: int, digest: str) -> bool:
    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh, check_digests=True):
            record.content_stream().read()
            return record.rec_headers.get_header("WARC-Payload-Digest") == digest
    return False


@pytest.mark.parametrize("full", ["warcs", "catalog"])
def test_item15_full_disk_stops_cleanly_and_a_rerun_completes(site, tmp_path, full):
    disk = tmp_path / "disk"
    _mount_tmpfs(disk, "1m" if full == "warcs" else "16m")
    try:
        host = site.host("www.full-disk.test")
        for i in range(20):  # incompressible bodies: 20 x 96 KiB cannot fit in 1 MiB
            host.route(f"/p{i}", Response(body=os.urandom(96 * 1024), content_type="application/octet-stream"))
        site.start()
        urls = [host.url(f"/p{i}") for i in range(20)]
        warcs = disk / "warcs"
        db = disk / "catalog.sqlite3"
        extra = ["--warcs", warcs, "--db", db]
        if full == "catalog":  # the WARCs fit; the catalog's disk is the one that fills
            warcs = tmp_path / "warcs-big"
            extra = ["--warcs", warcs, "--db", db]
            filler = disk / "filler"
            with open(filler, "wb") as fh:
                fh.write(b"\0" * (16 * 1024 * 1024 - 96 * 1024))
        list_path = write_list(tmp_path / "urls.txt", urls)
        first = run_archiver("fetch", list_path, *extra, "--delay", "0", "--progress", "never",
                             *site.client_flags(), cwd=tmp_path, timeout=300)
        out = first.stdout + first.stderr
        assert first.returncode == 1, out  # README: exit 1 (some URL not captured), not 2 (usage error)
        assert "Traceback" not in out and "disk full: cannot write" in out, out[-3000:]
        assert str(disk) in out and "Free space" in out, out[-3000:]
        assert not open_files(warcs)
        files = warc_files(warcs)
        if files:
            check = warcio_check(files)
            assert check.returncode == 0, check.stdout + check.stderr
        captured = []
        if db.exists():
            try:
                captured = catalog_rows(db, "SELECT * FROM captures WHERE state = 'captured'")
            except sqlite3.OperationalError:
                captured = []
        assert len(captured) < len(urls)
        for row in captured:  # everything recorded as captured reads back whole
            assert _payload_reads_back(warcs / row["warc_file"], row["warc_offset"], row["payload_digest"])
        # free space, run again: the rest is fetched, nothing twice
        if full == "catalog":
            (disk / "filler").unlink()
        else:
            subprocess.run(["mount", "-o", "remount,size=16m", str(disk)], check=True)
        site.reset_counts()
        second = run_archiver("fetch", list_path, *extra, "--delay", "0", "--progress", "never",
                              *site.client_flags(), cwd=tmp_path, timeout=300)
        if second.returncode != 0:
            # CI once saw one URL fail here with "HTTP 400 Bad Request", a reply this test's server cannot
            # send (http.server's 400s name the fault): some other listener answered. Say what our server
            # saw; when it never got the failed URLs, a third run must finish the job
            failed = re.findall(r"^failed (\S+): ", second.stdout, re.M)
            seen = {r.path for r in site.requests}
            unseen = [u for u in failed if urlsplit(u).path not in seen]
            assert failed and unseen == failed, (f"server saw {sorted(seen)}\n" + second.stdout + second.stderr)
            second = run_archiver("fetch", list_path, *extra, "--delay", "0", "--progress", "never",
                                  *site.client_flags(), cwd=tmp_path, timeout=300)
        assert second.returncode == 0, second.stdout + second.stderr
        done = catalog_rows(db, "SELECT url, COUNT(*) AS n FROM captures WHERE state = 'captured' GROUP BY url")
        assert sorted(r["url"] for r in done) == sorted(urls) and all(r["n"] == 1 for r in done)
        check = warcio_check(warc_files(warcs))
        assert check.returncode == 0, check.stdout + check.stderr
    finally:
        _umount(disk)


# -- item 16 ------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be-bom", "utf-32", "utf-8-sig"])
def test_item16_list_in_utf16_or_utf32_with_bom_is_read(site, tmp_path, encoding):
    host = site.host("www.lists.test")
    host.route("/caf%C3%A9", Response(body="<p>cafe</p>"))
    host.route("/plain", Response(body="<p>plain</p>"))
    site.start()
    text = f"# a list saved by Windows PowerShell\r\n{host.url('/café')}\r\n{host.url('/plain')}\r\n"
    data = (b"\xfe\xff" + text.encode("utf-16-be")) if encoding == "utf-16-be-bom" else text.encode(encoding)
    list_path = tmp_path / "urls.txt"
    list_path.write_bytes(data)
    got = fetch(site, tmp_path, list_path)
    assert got.returncode == 0, got.stdout + got.stderr
    found = rows(tmp_path)
    assert {r["state"] for r in found.values()} == {"captured"} and len(found) == 2, found
    assert host.url("/caf%C3%A9") in found


@pytest.mark.parametrize(("encoding", "named"), [("cp1252", r"looks like (CP125\d|WINDOWS-125\d|LATIN|ISO-8859)"),
                                                 ("utf-16-le", r"looks like UTF-16-LE without a byte-order mark")])
def test_item16_undecodable_list_names_the_encoding(site, tmp_path, encoding, named):
    import re

    host = site.host("www.lists.test")
    host.route("/plain", Response(body="<p>plain</p>"))
    site.start()
    text = f"{host.url('/café-à-paris')}\n{host.url('/plain')}\n# déjà vu, ça va\n"
    list_path = tmp_path / "urls.txt"
    list_path.write_bytes(text.encode(encoding))
    got = fetch(site, tmp_path, list_path)
    assert got.returncode == 1 and "Traceback" not in got.stderr
    assert "undecodable bytes" in got.stdout and re.search(named, got.stdout), got.stdout
    assert "save the list as UTF-8" in got.stdout


# -- item 18 ------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended; only its parent has not reaped it


def test_item18_extract_workers_end_with_a_driver_killed_with_sigkill(site, tmp_path):
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to find the worker processes")
    host = site.host("www.big-pages.test")
    # pages that take many seconds to extract, so a worker is surely busy when the driver dies
    paras = "".join(f"<div class='c{i % 7}'><p>Paragraph {i} of a long article, " + "more words here " * 10
                    + f"<a href='/x{i}'>link {i}</a></p></div>" for i in range(10000))
    for i in range(4):
        host.route(f"/big{i}", Response(body=f"<html><head><title>Big {i}</title></head><body><article>"
                                             f"{paras}</article></body></html>"))
    site.start()
    got = fetch(site, tmp_path, [host.url(f"/big{i}") for i in range(4)])
    assert got.returncode == 0, got.stdout + got.stderr
    driver = start_archiver("extract", "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--jobs", "2",
                            "--extract-timeout", "600", "--progress", "never", output=tmp_path / "extract.log",
                            cwd=tmp_path)
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while len(workers) < 2:
            assert driver.poll() is None, (tmp_path / "extract.log").read_text()
            assert time.monotonic() < deadline, "no worker processes within 120 s"
            time.sleep(0.2)
            workers = [p for p in _children(driver.pid) if _alive(p)]
        time.sleep(1.0)  # the workers have their pages
        assert all(_alive(p) for p in workers)
        driver.send_signal(signal.SIGKILL)
        driver.wait(timeout=30)
        deadline = time.monotonic() + 10  # a page takes far longer than this to extract
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [p for p in workers if _alive(p)]
    finally:
        if driver.poll() is None:
            driver.kill()
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"workers {left} outlived the driver"
