"""A content-coded body cut short of a ``Content-Length`` the server chose: ``shortbody.decoded_whole`` decodes
it to that length to apply Chromium's rule, so a huge length over a small gzip bomb must not be decoded in
memory (a few hundred KB of gzip are hundreds of MB of zeros)."""
from __future__ import annotations

import gzip
import io
import tracemalloc

from archiver.fetch import shortbody


def _peak_while(call) -> int:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_gzip_bomb_under_a_huge_content_length_is_not_decoded_in_memory():
    bomb = gzip.compress(bytes(100 * 1024 * 1024), compresslevel=9)  # about 100 KB
    stream = io.BytesIO(bomb)
    peak = _peak_while(lambda: shortbody.decoded_whole(stream, len(bomb), "gzip", 10**12))
    assert peak < 16 * 1024 * 1024, peak


def test_a_whole_gzip_body_counting_its_decoded_length_is_still_whole():
    page = b"<p>" + b"The ferry sails at nine. " * 400 + b"</p>"
    coded = gzip.compress(page)
    assert shortbody.decoded_whole(io.BytesIO(coded), len(coded), "gzip", len(page))
    assert not shortbody.decoded_whole(io.BytesIO(coded), len(coded), "gzip", len(page) + 1)
