"""What a body declared HTML is instead: JSON and feeds are told, anything else is read as HTML."""
from __future__ import annotations

from archiver.extract_worker import not_html_inside


def test_json_and_feeds_are_told():
    assert not_html_inside(b'\xef\xbb\xbf  {"title": "x", "body": "y"}') == "JSON"
    assert not_html_inside(b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>') == "an RSS feed"
    assert not_html_inside(b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>') == "an Atom feed"


def test_a_body_nested_deeper_than_json_reads_is_read_as_html():
    """json.loads raises RecursionError, not ValueError, on 100,000 '[': the page was counted a
    failed extraction (exit 1) instead of being read as HTML (review)."""
    assert not_html_inside(b"[" * 100_000) is None
    assert not_html_inside(b"[<p>a bracket first, then a page</p>") is None
