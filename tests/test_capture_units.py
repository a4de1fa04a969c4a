"""Issue 12: the pure functions behind the capture fixes (the end-to-end tests are in
test_fetch_hostile.py, test_fetch_trouble.py and test_archive_lock.py)."""
from __future__ import annotations

import gzip
import zlib

import brotli
import pytest
import zstandard

from archiver.decoding import DecodingError, decode_content, decode_prefix
from archiver.fetch.robots import ROBOTS_MAX_BYTES, robots_from_body
from archiver.lists import parse_lines
from archiver.urls import normalize_url, redact_url, scrub, target_uri

RULES = "User-agent: *\nDisallow: /private/\n"


@pytest.mark.parametrize(("url", "expected"), [
    ("HTTPS://WWW.Example.TEST:443/a//b#!state", "https://www.example.test/a//b"),
    ("http://example.test", "http://example.test/"),
    ("http://example.test:8080/x?b=2&a=1", "http://example.test:8080/x?b=2&a=1"),
    ("https://example.test/caf\u00e9 au lait", "https://example.test/caf%C3%A9%20au%20lait"),
    ("https://example.test/%7euser/%2F", "https://example.test/%7euser/%2F"),
])
def test_normalize_url_changes_only_what_names_the_same_resource(url, expected):
    assert normalize_url(url) == expected


def test_password_redacted_or_dropped():
    url = "https://user:pw-123@news.example.test/a?x=1"
    assert redact_url(url) == "https://user:***@news.example.test/a?x=1"
    assert target_uri(url) == "https://news.example.test/a?x=1"
    assert redact_url("https://news.example.test/") == "https://news.example.test/"
    assert "pw-123" not in scrub(f"failed {url}: connection reset")


@pytest.mark.parametrize("bom", [b"\xef\xbb\xbf", b""])
@pytest.mark.parametrize("coding", [None, "gzip", "deflate", "br"])
def test_robots_rules_read_whatever_the_bom_and_coding(bom, coding):
    raw = bom + RULES.encode()
    body = {None: raw, "gzip": gzip.compress(raw), "deflate": zlib.compress(raw), "br": brotli.compress(raw)}[coding]
    got = robots_from_body(body, coding)
    assert got.disallow_all is None and got.text.splitlines()[0] == "User-agent: *"


def test_robots_utf16_with_bom_and_lying_coding():
    assert robots_from_body(b"\xff\xfe" + RULES.encode("utf-16-le"), None).text.startswith("User-agent: *")
    assert robots_from_body(RULES.encode(), "gzip").text.startswith("User-agent: *")  # plain text sent as gzip
    closed = robots_from_body(b"\x1f\x8b\x08\xff\x00\x01\x02binary", "gzip")
    assert closed.text is None and "complete disallow" in closed.disallow_all


def test_robots_bomb_read_to_500_kib_only():
    bomb = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS + 16)
    body = bomb.compress(RULES.encode()) + b"".join(bomb.compress(b"#" * (1 << 20)) for _ in range(64)) + bomb.flush()
    got = robots_from_body(body, "gzip")
    assert got.text.startswith(RULES.strip()) and len(got.text) <= ROBOTS_MAX_BYTES


def test_decode_prefix_bounds_every_coding():
    data = b"x" * (4 << 20)
    for coding, coded in (("gzip", gzip.compress(data)), ("br", brotli.compress(data)),
                          ("deflate", zlib.compress(data)), ("zstd", zstandard.ZstdCompressor().compress(data))):
        out, more = decode_prefix(coded, coding, 1000)
        assert out == b"x" * 1000 and more
        assert decode_content(coded, coding) == data
        with pytest.raises(DecodingError):
            decode_content(coded, coding, limit=1 << 20)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig", "utf-16-be"])
def test_list_with_bom(encoding):
    text = "https://a.example.test/x\r\nhttps://b.example.test/caf\u00e9\r\n"
    data = text.encode(encoding) if encoding != "utf-16-be" else b"\xfe\xff" + text.encode(encoding)
    seeds, bad, _ = parse_lines(data)
    assert [s.url for s in seeds] == ["https://a.example.test/x", "https://b.example.test/caf%C3%A9"] and not bad
