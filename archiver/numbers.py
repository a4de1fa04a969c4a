"""Numbers read from page markup and header values: ASCII digits only."""

from __future__ import annotations

__all__ = ["ascii_int"]


def ascii_int(text: str | None) -> int | None:
    """The non-negative integer ``text`` writes in ASCII digits 0-9 (spaces around allowed), else None.

    ``str.isdigit`` is true for superscripts and other digits ``int()`` refuses ('²', '①'), so a
    test with it before ``int()`` or ``float()`` lets a page's ``aria-level="²"`` or a server's
    ``Retry-After: ²`` raise ValueError; ``str.isdecimal`` takes Arabic-Indic and other script digits.
    """
    if text is None:
        return None
    text = text.strip()
    if not text or not text.isascii() or not text.isdigit():
        return None
    return int(text)
