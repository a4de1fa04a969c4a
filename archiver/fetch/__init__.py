"""Fetching: list file -> HTTP exchanges -> WARC records + catalog rows."""
from archiver.lean_imports import import_httpx

import_httpx()  # first, before a module below imports it: httpx without its CLI and h2 (archiver.lean_imports)

from archiver.fetch.runner import FetchSummary, fetch_list  # noqa: E402

__all__ = ["FetchSummary", "fetch_list"]
