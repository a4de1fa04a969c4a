"""A small searchable archive for the search tests: pages written with warcio, then ``archiver import`` and
``extract`` through the real CLI into a real catalog, and ``archiver search`` read back as page names."""
from __future__ import annotations

import io
from pathlib import Path

from sitekit import run_archiver
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def page_archive(root: Path, pages: dict[str, str]) -> Path:
    """``root`` holding ``warcs/s.warc.gz`` (one 200 response per ``pages`` item, at ``http://s.test/NAME``,
    its text in one ``<p>``), imported and extracted into ``c.db`` and ``clean/``; returns ``root``.
    Fails the test when import or extract exits non-zero."""
    (root / "warcs").mkdir()
    with open(root / "warcs" / "s.warc.gz", "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for name, text in pages.items():
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            body = (f"<html><head><title>{name}</title></head><body><article><h1>{name}</h1><p>{text}</p>"
                    "</article></body></html>").encode()
            w.write_record(w.create_warc_record(f"http://s.test/{name}", "response", payload=io.BytesIO(body),
                                                http_headers=http))
    for args in (("import", root / "warcs" / "s.warc.gz"), ("extract", "--clean", root / "clean", "--jobs", "1")):
        out = run_archiver(*args, "--warcs", root / "warcs", "--db", root / "c.db", cwd=root, timeout=300)
        assert out.returncode == 0, out.stdout + out.stderr
    return root


def hits(root: Path, query: str) -> list[str]:
    """The page names ``archiver search QUERY`` lists for the archive at ``root``, sorted; fails the test on
    a traceback or an exit other than 0 (found) and 1 (nothing found)."""
    out = run_archiver("search", query, "--db", root / "c.db", "--clean", root / "clean", cwd=root, timeout=120)
    assert out.returncode in (0, 1) and "Traceback" not in out.stderr, out.stderr
    return sorted({line.split("s.test/")[1].split()[0] for line in out.stdout.splitlines() if "s.test/" in line})
