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
