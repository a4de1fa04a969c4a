"""Write the timeline site: ``index.html`` and one page per URL into the output folder."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archiver.catalog import Catalog, not_extracted
from archiver.output import write_atomic
from archiver.timeline.model import build, timeline_urls, warc_link
from archiver.timeline.pages import index_page, url_page
from archiver.watch.run import replay_link


@dataclass
class SiteSummary:
    pages: int
    versions: int
    changes: int
    pending: int = 0  # captures of the site's URLs not extracted yet (after 'archiver reindex'): no version there


def write_site(db: Path, clean: Path, warcs: Path, out: Path, replay_url: str | None = None,
               urls: list[str] | None = None) -> SiteSummary:
    """Write the site for ``urls`` (default: the watched ones, else all captured); return counts.

    ``pending`` counts the site's captures with no extraction row (``records.not_extracted``):
    they are on the timeline but in no version, so the command says to run ``archiver extract``.

    Raises OSError when the output folder cannot be written.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    replay = replay_link(replay_url)
    timelines = []
    pending = 0
    with Catalog(db, readonly=True) as catalog:
        waiting = not_extracted(catalog.conn)
        for url in urls if urls is not None else timeline_urls(catalog):
            timeline = build(catalog, clean, warcs, url)
            if not timeline.judged:
                continue
            write_atomic(out / timeline.page,
                         url_page(timeline, lambda cap: warc_link(warcs, out, cap), replay))
            timelines.append(timeline)
            pending += waiting.get(timeline.url, 0)
    write_atomic(out / "index.html", index_page(timelines))
    return SiteSummary(len(timelines), sum(t.versions for t in timelines),
                       sum(1 for t in timelines for s in t.steps if t.changed(s)), pending)
