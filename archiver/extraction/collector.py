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

__all__ = ["collector_paused"]


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
