"""What a seed list holds besides its URLs (:class:`ListNotes`), filled by :func:`archiver.lists.parse_lines` and
said by the fetch's first lines (:func:`archiver.fetch.runner.report_list_notes`)."""
from __future__ import annotations

from dataclasses import dataclass, field

from archiver.wording import count


@dataclass
class ListNotes:
    """What a list holds besides its URLs, for the run's lines: ``not_pages``, ``(name, link)`` of each feed item
    whose link leads to no web page (``javascript:``, ``mailto:``, ``data:``: :data:`archiver.feedlist.NOT_PAGES`;
    not fetched, no bad line); ``feed``: the list is a feed; ``items``: its items with a link; ``lines``,
    ``comments``, ``blank``: a text list's lines, comment lines and blank lines."""

    not_pages: list[tuple[str, str]] = field(default_factory=list)
    feed: bool = False
    items: int = 0
    lines: int = 0
    comments: int = 0
    blank: int = 0

    def nothing_to_capture(self, list_name: str) -> str:
        """The line a run prints when the list gave no URL and no bad line (exit 0: nothing failed)."""
        if self.feed:
            held = "its items' links lead to no web page" if self.items else "it has no item with a link"
            return f"{list_name}: nothing to capture: the feed gives no URL ({held})"
        if not self.lines:
            return f"{list_name}: nothing to capture: the list is empty"
        other = self.lines - self.comments - self.blank  # markup passed over (a sitemap without <loc>)
        parts = [f"{n:,} {word}" for n, word in ((self.comments, "comment" if self.comments == 1 else "comments"),
                                                 (self.blank, "blank"),
                                                 (other, "markup without a URL")) if n]
        return (f"{list_name}: nothing to capture: the list holds no URL ({count(self.lines, 'line')}: "
                f"{', '.join(parts)}; a line starting with # is a comment)")
