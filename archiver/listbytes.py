"""A list file's bytes before its lines: its byte-order marks, and whether its head is binary data, not text.

Moved out of :mod:`archiver.lists` (mend51) to keep that module near 400 lines; ``lists`` re-exports both.
"""
from __future__ import annotations

__all__ = ["BOMS", "binary_reason"]

# byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one)
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def binary_reason(head: bytes) -> str | None:
    """Why the first bytes of a list file are binary data, or None for text.

    Binary: no byte-order mark, and over 10% of the bytes are control bytes other than
    tab, line ends, form feed and escape (as ``file(1)`` tells text) -- unless the NUL
    bytes sit almost all at odd or all at even offsets, the mark of UTF-16 without a
    mark, which the per-line check names. One stray NUL or control byte in a text list
    stays a bad line of its own.
    """
    if not head or any(head.startswith(bom) for bom, _ in BOMS):
        return None
    control = sum(head.count(bytes([b])) for b in _CONTROL)
    if control * 10 <= len(head):
        return None
    nul_even, nul_odd = head[0::2].count(b"\x00"), head[1::2].count(b"\x00")
    nuls = nul_even + nul_odd
    if nuls * 3 >= len(head) and max(nul_even, nul_odd) >= nuls * 0.9 and nuls * 2 <= len(head) + 1:
        return None  # UTF-16 text without a mark
    return f"{control:,} of its first {len(head):,} bytes are control bytes"


_CONTROL = bytes([*range(9), 11, *range(14, 27), *range(28, 32), 127])
