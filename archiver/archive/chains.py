"""Redirect chains in the WARC of a WACZ archiver exported: a capture's hops and its final record, one capture again.

``archiver export --wacz`` copies each capture's records in order (its redirect hops, then the final response or
revisit) without the metadata record that tied them together in the archive (:mod:`archiver.archive.scan`). Read
record by record, an article redirected to its site's front page (taken down) came in as a redirect of the article
and a capture of the front page: the colleague given the WACZ saw no "gone" in ``archiver history``, and the archive
it came from, importing it back, gained both as new captures. A hop followed by the answer to its ``Location`` is
one capture, as the fetch recorded it: the first hop's URL, the last record's answer and every record of the chain.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from archiver.archive.records import Mapped

# what to store: (capture row, its record rows, the record the capture is of: its refers and WARC-Record-ID)
Stored = tuple[dict[str, Any], list[dict[str, Any]], Mapped]


@dataclass
class Chains:
    """The hops of the chain being read (records in file order go to :meth:`feed`, then :meth:`flush`)."""

    hops: list[Mapped] = field(default_factory=list)

    def feed(self, item: Mapped) -> list[Stored]:
        """What to store now that ``item`` came, in order: held hops that its URL does not continue (each a capture
        of its own, as before), then ``item`` with the hops it ends; nothing while ``item`` is a hop itself."""
        out = self.flush() if self.hops and item.capture["url"] != self.hops[-1].location else []
        if item.location is not None and urlsplit(item.capture["url"]).path != "/robots.txt":
            self.hops.append(item)  # (robots.txt is a plain record, hop by hop: never a capture)
            return out
        if self.hops:
            capture = dict(item.capture, url=self.hops[0].capture["url"])  # final_url: the record's own URL
            out.append((capture, [hop.record for hop in self.hops] + [item.record], item))
            self.hops = []
        else:
            out.append((item.capture, [item.record], item))
        return out

    def flush(self) -> list[Stored]:
        """The held hops, each a capture of its own (a chain whose end is not in the file)."""
        out: list[Stored] = [(hop.capture, [hop.record], hop) for hop in self.hops]
        self.hops = []
        return out
