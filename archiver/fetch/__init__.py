"""Fetching: list file -> HTTP exchanges -> WARC records + catalog rows."""
from archiver.fetch.runner import FetchSummary, fetch_list

__all__ = ["FetchSummary", "fetch_list"]
