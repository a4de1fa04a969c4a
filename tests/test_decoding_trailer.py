"""A gzip or zlib body the server sent whole but for its trailer (a known server and proxy fault): its deflate data
ended, so the page is whole, as a browser shows it; a stream cut inside its deflate data is still cut short."""
from __future__ import annotations

import gzip
import zlib

import pytest

from archiver.decoding import CutShort, decode_content

PAGE = b"<html><body>" + b"".join(b"<p>Paragraph %d of the story, as the server sent it.</p>" % n
                                  for n in range(400)) + b"</body></html>"


def gzip_named(page: bytes) -> bytes:
    """gzip with FNAME and FEXTRA set in its header, as some servers write it."""
    body = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    deflated = body.compress(page) + body.flush()
    header = b"\x1f\x8b\x08" + bytes([4 | 8]) + b"\0\0\0\0\0\xff" + b"\x04\0ab\0\0" + b"page.html\0"
    return header + deflated + zlib.crc32(page).to_bytes(4, "little") + len(page).to_bytes(4, "little")


@pytest.mark.parametrize("coding, coded, trailer", [
    ("gzip", gzip.compress(PAGE, mtime=0), 8),
    ("gzip", gzip_named(PAGE), 8),
    ("deflate", zlib.compress(PAGE), 4),
])
def test_only_the_trailer_missing_is_a_whole_page(coding, coded, trailer):
    assert decode_content(coded, coding, whole=True) == PAGE
    for cut in range(1, trailer + 1):  # part of the trailer, or all of it
        assert decode_content(coded[:-cut], coding, whole=True) == PAGE, cut


@pytest.mark.parametrize("coding, coded, trailer", [
    ("gzip", gzip.compress(PAGE, mtime=0), 8),
    ("deflate", zlib.compress(PAGE), 4),
])
def test_a_stream_cut_in_its_deflate_data_is_cut_short(coding, coded, trailer):
    for cut in (trailer + 1, trailer + 20, len(coded) // 2):
        with pytest.raises(CutShort):
            decode_content(coded[:-cut], coding, whole=True)
