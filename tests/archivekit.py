"""Shared by the open-archive tests (import, reindex, CDXJ, WACZ, search): pages, a fetched archive, readers."""
from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sitekit import Response, Site, redirect, run_archiver, write_list

NEWS, BLOG = "www.example-news.test", "blog.example-news.test"

FILLER = ("The council met on Tuesday to discuss the new budget for the harbour district, and members "
          "spoke at length about repairs to the old bridge near the market square.")


def article(title: str, paragraphs: list[str]) -> str:
    paras = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang=\"en\"><head><title>{title}</title></head><body>"
            f"<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
            f"<article><h1>{title}</h1>{paras}</article>"
            f"<footer>Copyright the example news company</footer></body></html>")


def paras(tag: str, n: int = 4, special: str = "") -> list[str]:
    out = [f"{tag} paragraph {i}: {FILLER}" for i in range(n)]
    if special:
        out[1] = f"{special} {out[1]}"
    return out


@dataclass
class Archive:
    root: Path
    site: Site
    urls: dict[str, str]

    @property
    def warcs(self) -> Path:
        return self.root / "warcs"

    @property
    def db(self) -> Path:
        return self.warcs / "catalog.sqlite3"

    @property
    def clean(self) -> Path:
        return self.root / "clean"

    def run(self, *args: str, timeout: float = 600):
        return run_archiver(*args, "--warcs", self.warcs, cwd=self.root, timeout=timeout)

    def extract(self, *args: str):
        return self.run("extract", "--clean", str(self.clean), "--progress", "never", "--jobs", "2", *args)


def news_site(root: Path) -> tuple[Site, dict[str, str]]:
    """Two hosts: articles, a redirect, a 404, a page that changes, robots.txt."""
    site = Site(root / "site")
    news = site.host(NEWS)
    blog = site.host(BLOG)
    news.routes_from({
        "/robots.txt": Response(body="User-agent: *\nDisallow: /private\n", content_type="text/plain"),
        "/otters": Response(body=article("Otters return to the river",
                                         paras("Otter", special="Zanzibarian otters were counted by volunteers."))),
        "/bridge": Response(body=article("The old bridge reopens", paras("Bridge"))),
        "/old-bridge": redirect("/bridge", 301),
        "/gone": Response(404, body=article("Not found", paras("Gone"))),
        "/private/x": Response(body=article("Private", paras("Private"))),
    })
    blog.routes_from({
        "/post": Response(body=article("A blog post about ferries", paras("Ferry", special="Quokkaesque ferries."))),
    })
    site.start()
    urls = {"otters": news.url("/otters"), "bridge": news.url("/bridge"), "old-bridge": news.url("/old-bridge"),
            "gone": news.url("/gone"), "private": news.url("/private/x"), "post": blog.url("/post")}
    return site, urls


def fetch(archive: Archive, list_name: str, urls: list[str], *extra: str):
    lst = write_list(archive.root / list_name, ["# seeds", *urls])
    return archive.run("fetch", str(lst), "--delay", "0", "--progress", "never", "--retries", "0",
                       *archive.site.client_flags(), *extra)


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return [tuple(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``folder`` (hidden staging folders left out)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".staging-" not in str(p)}


# -- WARCs written directly with warcio's writer, as other tools lay them out -----------------

def http_response(url: str, body: bytes | str, status: str = "200 OK", content_type: str = "text/html; charset=utf-8",
                  date: str = "2026-11-01T10:00:00Z", version: str = "1.1", extra_headers=(), chunked: bool = False):
    """A warcio response record (``chunked`` keeps the chunked framing in the payload, as some crawlers do)."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    raw = body.encode("utf-8") if isinstance(body, str) else body
    headers = [("Content-Type", content_type)] if content_type else []
    headers += list(extra_headers)
    if chunked:
        raw = b"".join(b"%x\r\n%s\r\n" % (len(raw[i:i + 100]), raw[i:i + 100]) for i in range(0, len(raw), 100)) + b"0\r\n\r\n"
        headers.append(("Transfer-Encoding", "chunked"))
    else:
        headers.append(("Content-Length", str(len(raw))))
    writer = WARCWriter(None, warc_version=version)
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(raw), length=len(raw), http_headers=http,
                                     warc_headers_dict={"WARC-Date": date})


def write_warc(path: Path, records: list, layout: str = "gzip-records", version: str = "1.1") -> Path:
    """Write ``records`` (warcio records) with a warcinfo first: ``gzip-records``, ``gzip-stream`` or ``plain``."""
    import gzip

    from warcio.warcwriter import WARCWriter

    def write_all(fh, per_record_gzip: bool) -> None:
        writer = WARCWriter(fh, gzip=per_record_gzip, warc_version=version)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "warcio test writer"}))
        for record in records:
            writer.write_record(record)

    if layout == "gzip-stream":
        with gzip.open(path, "wb") as fh:
            write_all(fh, False)
    else:
        with open(path, "wb") as fh:
            write_all(fh, layout == "gzip-records")
    return path
