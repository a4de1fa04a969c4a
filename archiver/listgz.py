"""A gzipped list file: a ``sitemap.xml.gz`` (the sitemap protocol's own form, sitemaps.org) or a gzipped
list of URLs, inflated whole before :mod:`archiver.lists` reads its lines."""
from __future__ import annotations

GZIP_MAGIC = b"\x1f\x8b"
MAX_LIST = 1 << 30  # bytes a gzipped list may inflate to (a list of ten million URLs is under 1 GiB)


def inflate_list(data: bytes, refusal: type[Exception]) -> bytes:
    """The text of a gzipped list file: every member (RFC 1952 section 2.2); bytes after the last one that start
    no member are left, as gzip(1) leaves "trailing garbage". Raises ``refusal`` (the caller's NotAList) when it
    does not inflate (damaged, cut short) or inflates past :data:`MAX_LIST` bytes (a decompression bomb)."""
    import zlib

    out: list[bytes] = []
    size = 0
    while data.startswith(GZIP_MAGIC):
        inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
        try:
            while data:
                part = inflater.decompress(data, 1 << 20)
                data = inflater.unconsumed_tail
                size += len(part)
                if size > MAX_LIST:
                    raise refusal(f"a gzip file that inflates past {MAX_LIST:,} bytes (a decompression bomb, "
                                  "or no list of URLs)")
                out.append(part)
                if inflater.eof:
                    break
        except zlib.error as exc:
            raise refusal(f"a gzip file that does not inflate ({exc}): damaged; a list is a text file of URLs, "
                          "one a line, gzipped or not") from None
        if not inflater.eof:
            raise refusal("a gzip file cut short (it ends before its gzip stream does): the list is incomplete; "
                          "fetch or copy it again")
        data = inflater.unused_data
    return b"".join(out)
