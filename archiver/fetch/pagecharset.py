"""The charset a page's own URLs are read in: a meta refresh's or a script stub's target on a legacy page.

A ``<meta http-equiv="refresh" content="0; url=/café">`` on a windows-1252 page holds the byte ``\\xe9``;
it was decoded as UTF-8 whatever the page's charset (``/caf%EF%BF%BD`` asked, a 404, the article lost).
A browser reads the attribute in the document's encoding and then parses the URL with it (WHATWG URL,
"URL parser" with an encoding): the path is percent-encoded as UTF-8 (``/caf%C3%A9``), the query in the
document's encoding (``?q=%E9``: Chromium and Firefox send a windows-1251 page's link query in windows-1251).

The charset is found as a browser finds it, roughly and cheaply (only for a refresh that is not ASCII): the
``Content-Type`` header's, a ``<meta charset>`` (or ``http-equiv`` content) in the first 1024 bytes
(WHATWG HTML "prescan a byte stream"; archiver's extraction looks further), else UTF-8 when the bytes are
UTF-8, else windows-1252 (the Encoding Standard's default for most locales). Labels are the WHATWG Encoding
Standard's (``rules/encoding_labels.json``: ``latin1`` and ``ascii`` are windows-1252).
"""
from __future__ import annotations

import codecs
import functools
import json
import re
from pathlib import Path
from urllib.parse import quote

LABELS_FILE = Path(__file__).resolve().parents[1] / "rules" / "encoding_labels.json"
_PYTHON_NAMES = {"windows-874": "cp874", "x-mac-cyrillic": "mac_cyrillic", "iso-8859-8-i": "iso8859_8",
                 "macintosh": "mac_roman"}
_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.I)
_META_CHARSET = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_COMMENTS = re.compile(rb"<!--.*?(?:--!?>|\Z)", re.S)  # the prescan skips them
PRESCAN = 1024  # bytes: WHATWG HTML's prescan looks this far
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@functools.lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    with open(LABELS_FILE, encoding="utf-8") as fh:
        return dict(json.load(fh)["labels"])


def codec_for(label: str | None) -> str | None:
    """The Python codec for a WHATWG charset label (``"latin1"`` -> ``cp1252``), or None (unknown, a UTF-16
    label, which an ASCII-readable page cannot be, or the "replacement" encoding)."""
    if not label:
        return None
    name = _labels().get(label.strip(" \t\n\f\r\"'").lower())
    if name is None or name in ("replacement", "x-user-defined") or name.startswith("utf-16"):
        return None
    try:
        return codecs.lookup(_PYTHON_NAMES.get(name, name)).name
    except LookupError:
        return None


def page_codec(html: bytes, content_type: str | None) -> str:
    """The Python codec ``html`` (a page's first bytes, decoded of any content coding) is read in: see the
    module's note. Never fails: ``utf-8`` or ``cp1252`` when nothing usable is declared."""
    declared = _CT_CHARSET.search(content_type or "")
    codec = codec_for(declared.group(1)) if declared else None
    if codec is None and (meta := _META_CHARSET.search(_COMMENTS.sub(b"", html[:PRESCAN]))) is not None:
        codec = codec_for(meta.group(1).decode("ascii", "replace"))
    if codec is not None:
        return codec
    try:
        html.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(html) - 3:  # not only a character cut at the end of the prefix
            return "cp1252"
    return "utf-8"


def query_in(url: str, codec: str) -> str:
    """``url`` (text) with the non-ASCII characters of its query percent-encoded in ``codec``, as a URL
    parsed with a document's encoding is (characters the codec lacks as ``&#NNNN;``, as browsers send them);
    the path and the rest are left to ``normalize_url`` (UTF-8)."""
    if codec in ("utf-8", "utf_8") or "?" not in url or url.isascii():
        return url
    head, _, rest = url.partition("?")
    query, hash_, fragment = rest.partition("#")
    query = _NON_ASCII.sub(lambda m: quote(m.group(0), safe="", encoding=codec, errors="xmlcharrefreplace"), query)
    return f"{head}?{query}{hash_}{fragment}"
