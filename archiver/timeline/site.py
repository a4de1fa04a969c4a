"""Write the timeline site: ``index.html`` and one page per URL into the output folder."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archiver.catalog import Catalog
from archiver.output import write_atomic
from archiver.timeline.model import build, timeline_urls, warc_link
from archiver.timeline.pages import index_page, url_page
from archiver.watch.run import replay_link


@dataclass
class SiteSummary:
    pages: int
    versions: int
    changes: int


def write_site(db: Path, clean: Path, warcs: Path, out: Path, replay_url: str | None = None,
               urls: list[str] | None = None) -> SiteSummary:
    """Write the site for ``urls`` (default: the watched ones, else all captured); return counts.

    Raises OSError when the output folder cannot be written.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    replay = replay_link(replay_url)
    timelines = []
    with Catalog(db, readonly=True) as catalog:
        for url in urls if urls is not None else timeline_urls(catalog):
            timeline = build(catalog, clean, warcs, url)
            if not timeline.judged:
                continue
            write_atomic(out / timeline.page,
                         url_page(timeline, lambda cap: warc_link(warcs, out, cap), replay))
            timelines.append(timeline)
    write_atomic(out / "index.html", index_page(timelines))
    return SiteSummary(len(timelines), sum(t.versions for t in timelines),
                       sum(1 for t in timelines for s in t.steps if t.changed(s)))
