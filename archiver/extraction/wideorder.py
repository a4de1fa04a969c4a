"""The byte order (and width) a BOM-less UTF-16 or UTF-32 body shows by where its NUL bytes fall (round 40).

A page served as ``charset=utf-16`` (or ``unicode``, ``utf-16le``) whose bytes are UTF-16BE without a byte-order
mark (a Java or .NET writer's ``UTF-16BE``, a Mac tool's "Unicode (UTF-16 Big-Endian)") was read as UTF-16LE, the
order the label names (WHATWG: ``utf-16`` is UTF-16LE), and "extracted" as CJK-looking pairs (``㰀℀搀...``), no
word of the article found by search. The same under ``charset=utf-16be`` over little-endian bytes. A page in UTF-32
under ``charset=utf-32`` (no browser's label, so set aside) was detected as windows-1252 text, a NUL between each
letter, then skipped as binary content. Markup is ASCII: in UTF-16 every ASCII character has its NUL byte after it
(LE) or before it (BE), and in UTF-32 every character of the Basic Multilingual Plane has two NUL bytes at the same
places of its four. ``shown`` reads those places; ``decode.decode_html`` takes its answer over the header's order
when the header declares UTF-16 or UTF-32 (``WIDE_ORDER``). A body without such evidence keeps the header's
reading, and a body declaring nothing wide stays undeclared (as browsers, round 39).
"""
from __future__ import annotations

import codecs

WIDE_ORDER = True  # False: a header's UTF-16 read in the label's order; a header's UTF-32 set aside (round 39)
ORDER_SAMPLE = 4096  # bytes of the body's head read (a multiple of 4)
UTF32_SHARE = 0.95  # of UTF-32's characters in the sample: their two high bytes are NUL (BMP text)
UTF16_MIN_NULS = 16  # NUL bytes at least, for a UTF-16 order
UTF16_RATIO = 3  # NULs at one byte parity, at least this many times those at the other (or, mixed, markup's)

_UTF32_LABELS = ("utf-32", "utf-32-le", "utf-32-be")
_UTF16_LABELS = ("utf-16", "utf-16-le", "utf-16-be")


def shown(body: bytes) -> str | None:
    """The Python codec (``"utf-16-le"``, ``"utf-16-be"``, ``"utf-32-le"``, ``"utf-32-be"``) the NUL bytes of
    ``body``'s first ``ORDER_SAMPLE`` bytes show, or None when they show none: UTF-32 when at least
    ``UTF32_SHARE`` of its four-byte places 2 and 3 (LE) or 0 and 1 (BE) are NUL; else the UTF-16 order
    :func:`utf16_order` finds with ``UTF16_MIN_NULS`` NULs at least."""
    head = body[:ORDER_SAMPLE]
    head = head[: len(head) - len(head) % 4]
    if len(head) < 16:
        return None
    at = [head[i::4].count(0) for i in range(4)]
    quarter = len(head) // 4
    if min(at[2], at[3]) >= UTF32_SHARE * quarter and at[0] < quarter / 2:
        return "utf-32-le"
    if min(at[0], at[1]) >= UTF32_SHARE * quarter and at[3] < quarter / 2:
        return "utf-32-be"
    return utf16_order(head, UTF16_MIN_NULS)


def utf16_order(sample: bytes, min_nuls: int) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"``: the order the NUL bytes of ``sample`` (a body's head) show, or None.
    With ``min_nuls`` NULs or more: LE when those at odd offsets are ``UTF16_RATIO`` times those at even ones or
    more, BE the other way round; when both parities hold many (CJK text has a NUL byte in each character
    U+xx00: ``一`` U+4E00, the ideographic space U+3000, at the parity opposite to markup's; review56), the
    markup's ``<`` and ``>`` decide, with their NUL after them (LE) or before (BE), by the same ratio. One
    test for ``shown`` and ``decode._wide_evidence`` (mend58; round 40 had two share thresholds, 0.9 and 0.75).
    None when an eighth of the NULs or more (8 at least) pair into U+0000 code units, which no text holds."""
    even, odd = sample[::2].count(0), sample[1::2].count(0)
    if even + odd < min_nuls:
        return None
    zero_units = sum(1 for i in range(0, len(sample) - 1, 2) if sample[i] == 0 and sample[i + 1] == 0)
    if zero_units >= UTF16_MIN_NULS // 2 and 8 * zero_units >= even + odd:
        return None  # U+0000, which UTF-16 text does not hold: UTF-32 (an emoji-heavy page) or a NUL run
    if odd >= UTF16_RATIO * even:
        return "utf-16-le"
    if even >= UTF16_RATIO * odd:
        return "utf-16-be"
    le = be = 0
    for i in range(0, len(sample) - 1, 2):
        if sample[i + 1] == 0 and sample[i] in (60, 62):  # ``<``, ``>`` then NUL
            le += 1
        elif sample[i] == 0 and sample[i + 1] in (60, 62):
            be += 1
    if le >= 2 and le >= UTF16_RATIO * be:
        return "utf-16-le"
    if be >= 2 and be >= UTF16_RATIO * le:
        return "utf-16-be"
    return None


def wide_label(label: str | None) -> str | None:
    """The Python name of a UTF-16 or UTF-32 charset label (``"UTF-32BE"`` -> ``"utf-32-be"``), else None."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip(" \t\"'")).name
    except (LookupError, ValueError):
        return None
    return name if name in _UTF16_LABELS + _UTF32_LABELS else None


def reorder(body: bytes, declared: str | None, label: str | None) -> str | None:
    """The codec to read ``body`` in under a header whose label is ``label`` and whose WHATWG reading is
    ``declared`` (a Python codec or None): the order ``shown`` when the label is UTF-16 or UTF-32 and the NULs
    show a wide order (either width under either label: the NULs' places tell them apart); else ``declared``."""
    if not WIDE_ORDER:
        return declared
    wide = wide_label(label) or (declared if declared in _UTF16_LABELS else None)  # ``unicode``: WHATWG's
    if wide is None:
        return declared
    return shown(body) or declared
