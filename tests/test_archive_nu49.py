"""A web archivist following the README (nu49): a crawl gzipped whole, recompressed as ``index.cdxj`` says.

Importing the per-record copy, as told, was answered with the same advice again: ``left out crawl.warc.gz: ...
warcio recompress warcs/crawl.warc.gz warcs/crawl-records.warc.gz && archiver import
warcs/crawl-records.warc.gz; then move ...``, the step just taken. Now, the copy in the folder, it says what is left:
move the stream file out. A real loopback server, a WARC written by warcio's ``capture_http``, the archiver CLI.
"""
from __future__ import annotations

import gzip
import shutil
import subprocess
import urllib.request

import pytest
from archivekit import article, paras
from sitekit import Response, Site, run_archiver
from warcio.capture_http import capture_http


def test_importing_the_recompressed_copy_is_not_told_to_recompress_again(tmp_path):
    site = Site(tmp_path / "site")
    host = site.host("127.0.49.31", address="127.0.49.31")
    host.route("/story", Response(body=article("Harbour bridge closes in March", paras("Bridge"))))
    site.start()
    plain = tmp_path / "crawl.warc"
    try:
        with capture_http(str(plain), gzip=False):
            with urllib.request.urlopen(host.url("/story"), timeout=60) as answer:
                answer.read()
    finally:
        site.stop()
    (tmp_path / "warcs").mkdir()
    stream = tmp_path / "warcs" / "crawl.warc.gz"
    stream.write_bytes(gzip.compress(plain.read_bytes()))
    first = run_archiver("import", stream, "--warcs", tmp_path / "warcs", cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "warcio recompress" in first.stdout, first.stdout  # the copy not written yet: how to write it
    warcio = shutil.which("warcio") or pytest.skip("warcio's command line is not installed")
    copy = tmp_path / "warcs" / "crawl-records.warc.gz"
    subprocess.run([warcio, "recompress", str(stream), str(copy)], check=True, capture_output=True, timeout=300)
    again = run_archiver("import", copy, "--warcs", tmp_path / "warcs", cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    told = [line for line in again.stdout.splitlines() if line.startswith("index.cdxj: left out crawl.warc.gz")]
    assert len(told) == 1, again.stdout
    assert "warcio recompress" not in told[0], told[0]
    assert told[0].endswith("crawl-records.warc.gz, is in the folder (its captures are read from it once imported: "
                            f"archiver import {copy}, if not done yet): move crawl.warc.gz out of the folder"), told[0]
    assert "index.cdxj: indexed 1 WARC file" in again.stdout, again.stdout
