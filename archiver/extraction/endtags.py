"""End tags libxml2 reads otherwise than the HTML standard, mended in the page's bytes before parsing.

libxml2 2.14 (the one lxml 6 wheels carry) builds its tree its own way where markup is broken; two
end tags lose text a browser shows:

* ``</html>`` before the end of the page: libxml2 drops everything after it; the standard's "after
  after body" insertion mode reprocesses such content "in body"
  (https://html.spec.whatwg.org/multipage/parsing.html#the-after-after-body-insertion-mode).
* ``</br>``: libxml2 drops it, gluing the words on either side ("one</br>two" -> "onetwo"); the
  standard reads it as ``<br>`` ("in body" insertion mode, 'An end tag whose tag name is "br"').

Bytes in, bytes out (pure); the same object when nothing is mended.
"""
from __future__ import annotations

import re

__all__ = ["mend", "late_content", "br_end_tags"]

LATE_CONTENT = True  # False: markup after an early </html> left to libxml2, which drops it (ablation)
BR_END_TAGS = True  # False: </br> left to libxml2, which drops it (ablation)

_HTML_END = re.compile(rb"</html\s*>", re.I)
_ENDS_OR_COMMENTS = re.compile(rb"</(?:body|html)\s*>|<!--.*?-->", re.I | re.S)
_BR_END = re.compile(rb"</br\s*>", re.I)
_END_TAGS = re.compile(rb"</(?:html|br)\s*>", re.I)


def mend(data: bytes) -> bytes:
    """``data`` with both mends below applied (each as its switch says), found in one pass.

    One search finds the first ``</html>`` or ``</br>`` (a quarter of a millisecond on a page of
    190 KB); a page with neither, or whose only ``</html>`` ends it, comes back as the same object.
    """
    if not (LATE_CONTENT or BR_END_TAGS):
        return data
    found = _END_TAGS.search(data)
    if found is None:
        return data
    start = found.start()
    if LATE_CONTENT:
        data = late_content(data, start)
    if BR_END_TAGS:
        data = br_end_tags(data, start)
    return data


def late_content(data: bytes, start: int = 0) -> bytes:
    """The page's bytes without its ``</html>`` end tags when markup follows the first one.

    A template that closes the document early (``</body></html>`` after the site header, the
    article after it) is common enough: a sign-up dialog or the whole article can come after it.
    Without the end tag, libxml2 keeps the late markup as it keeps markup after an early
    ``</body>``: beside the body, where trafilatura finds it (``</body>`` is left alone: moving such
    markup into the body would bring pop-up forms placed after it into the article). The same
    object when nothing but whitespace, comments or end tags follows the first ``</html>``. ``start``:
    where to begin looking (no ``</html>`` before it).
    """
    found = _HTML_END.search(data, start)
    if found is None:
        return data
    rest = data[found.end():]
    if not rest.strip() or not _ENDS_OR_COMMENTS.sub(b"", rest).strip():
        return data
    return _HTML_END.sub(b"", data)


def br_end_tags(data: bytes, start: int = 0) -> bytes:
    """``data`` with each ``</br>`` end tag (any case, spaces before ``>``) written as ``<br>``.
    ``start``: where to begin looking (no ``</br>`` before it)."""
    found = _BR_END.search(data, start)
    if found is None:
        return data
    return data[:found.start()] + _BR_END.sub(b"<br>", data[found.start():])
