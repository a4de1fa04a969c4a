"""Python's cyclic garbage collector held off while one page is extracted.

Extracting a page makes tens of thousands of container objects that live a few
milliseconds: lxml's element proxies (one per element walked, held by the page
inventory), tuples and lists of text pieces, trafilatura's tree copies. Each 700
of them start a collection of the youngest generation, which scans every young
object and promotes the survivors, and every tenth of those scans the next
generation: work that finds nothing, since none of these objects form reference
cycles (lxml proxies point at their document, not at each other; ``gc.collect()`` after each
of 293 benchmark pages found nothing to free). Held off, the
page's objects are scanned once, by the first collection after the page.
Measured with ``bench/extract_speed.py`` (interleaved A/B on the AEB and
trafilatura-eval pages): about 2.5% of extraction time, and about a tenth of
the page account's (its inventory holds every element's proxy).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["KEEP_PROXIES", "collector_paused", "proxies_held"]

KEEP_PROXIES = True  # False: a page's element proxies made again on each walk (speed only: the same output)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Within this block the cyclic collector does not run (reference counting still frees
    objects at once); it is enabled again on the way out, errors included. A no-op when the
    collector is already off, so nesting and callers who manage it themselves are left alone."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def proxies_held(root) -> list:
    """The lxml proxy of every element of ``root``, for the caller to hold while the page is extracted.

    lxml makes an element's Python proxy when a walk reaches it and frees it when nothing holds it;
    the stages walk the page's tree some twenty times, each walk making and freeing the proxies again
    (about 65 ns an element on this machine). Held, every later walk finds them made: 0.26% of the
    extraction's instructions (callgrind, 60 speed pages), for a list of the page's elements (about
    60 bytes each) kept for the time of the page. Empty when ``KEEP_PROXIES`` is off.
    """
    return list(root.iter()) if KEEP_PROXIES else []
