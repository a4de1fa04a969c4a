"""Where a page that only sends the reader on leads: ``<meta http-equiv="refresh">`` or a ``Refresh`` header.

An interstitial without script ("Redirecting...", a consent or region page that
sets a cookie and refreshes to the article) answers 200 with a refresh; a browser
follows it, and archiver captured the interstitial as the page. The refresh is
followed as a redirect hop when it comes within ``MAX_DELAY`` seconds (a page
that reloads itself or goes to the home page after minutes is a page, read first),
names a URL, and is not inside ``<noscript>`` (a browser running script ignores
it there: such a refresh sends script-less clients to an "enable JavaScript" page).
The value is read as the WHATWG "shared declarative refresh steps" read it.

A page whose only act is a script that sends the reader on (``<script>location.href = "/story"</script>``,
``window.location.replace('...')``: a "Redirecting..." stub) is followed the same way, since a browser
leaves it at once: only a ``<script>`` (no ``src``, a JavaScript type) holding nothing but one such
assignment or call to a string literal, outside ``<noscript>``. A script that decides (``if``, a timer,
a computed URL) is not run, and its page is the capture.
"""
from __future__ import annotations

import re
from html.entities import html5
from typing import Any
from urllib.parse import urljoin

from archiver.decoding import DecodingError, content_codings, decode_prefix
from archiver.fetch.addresses import redirect_refusal
from archiver.fetch.badports import BAD_PORTS_NOTE
from archiver.fetch.pagecharset import page_codec, query_in
from archiver.fetch.redirects import redirect_target
from archiver.mime_header import content_type_of
from archiver.urls import redact_url

# A refresh back to a page of the chain other than itself (a/mr -> b/mr -> c/mr -> a/mr: a loop across hosts, a
# consent page and its article refreshing to each other): the last page is the capture, as before, but said so in
# its reason; before round 36 a "please wait" interstitial was kept without a word, its state "captured".
LOOP_NOTED = True  # False: such a page kept without a note (before round 36)
MAX_DELAY = 5.0  # seconds: interstitials use 0-5; a longer wait is a page the reader reads first
SCAN = 16 * 1024  # decoded bytes of the body looked at (a refresh belongs in the head; interstitials are small)
CODED = 32 * 1024  # coded bytes read from the spool for that

# the attribute's whole value is ``refresh`` (ASCII case-insensitive, as WHATWG's pragma directives are matched):
# ``http-equiv="refresh-off"`` (a refresh a template switched off) is nothing to a browser, and was followed
_REFRESH = re.compile(rb"""http-equiv\s*=\s*(?:"\s*refresh\s*"|'\s*refresh\s*'|refresh(?=[\s/>]))""", re.IGNORECASE)
_CONTENT = re.compile(rb"""\scontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_NOSCRIPT = re.compile(rb"<(/?)noscript\b", re.IGNORECASE)
_UNSEEN = re.compile(rb"<!--|<(script|style|textarea|title|xmp|iframe|noembed|noframes|template)\b",
                     re.IGNORECASE)  # see unseen_blanked
_COMMENT_END = re.compile(rb"--!?>")
_CHARREF = re.compile(r"&(?:#((?:[xX][0-9a-fA-F]{1,6})|[0-9]{1,7});?|([A-Za-z][A-Za-z0-9]{0,31});)")
_JS_STRING = rb"""(?:"((?:[^"\\\r\n]|\\/)*)"|'((?:[^'\\\r\n]|\\/)*)')"""  # a literal; \/ the only escape
_SCRIPT_JUMP = re.compile(
    rb"<(?i:script)\b([^>]*)>\s*(?:<!--\s*)?(?:(?:window|document|top|self)\s*\.\s*)?location\s*"
    rb"(?:(?:\.\s*href\s*)?=\s*" + _JS_STRING + rb"|\.\s*(?:replace|assign)\s*\(\s*" + _JS_STRING + rb"\s*\))"
    rb"\s*;?\s*(?:(?://)?\s*-->\s*)?</(?i:script)\s*>")
_JS_TYPE = re.compile(rb"""\btype\s*=\s*["']?\s*(?:text/javascript|application/javascript|module)\b""", re.IGNORECASE)
# the time, then (WHATWG: "if the code point ... is not ';', ',' or ASCII whitespace, return") a separator or the end:
# ``0url=/a``, ``1e3; url=/a``, ``0/a`` are no refresh to a browser (archiver followed them to ``/a``, ``e3; url=/a``)
_VALUE = re.compile(r"^\s*(\d*)(?:\.[\d.]*)?(?=[;,\s]|$)\s*(?:[;,]\s*)?(?:url\s*=\s*)?(.*)$", re.IGNORECASE | re.DOTALL)


def refresh_url(value: str) -> str | None:
    """The URL a ``Refresh`` value (``"0; url=/next"``) sends to within ``MAX_DELAY`` seconds, or None
    (no URL: a reload; a longer delay; not a refresh value)."""
    match = _VALUE.match(value)
    if match is None or (not match.group(1) and not value.lstrip().startswith(".")):
        return None
    if int(match.group(1) or 0) > MAX_DELAY:
        return None
    url = match.group(2).strip()
    if url[:1] in ("'", '"'):
        url = url[1:].split(url[0], 1)[0]
    return url.strip() or None


def _meta_value(html: bytes) -> bytes | None:
    """The content of the first ``<meta http-equiv=refresh>`` outside ``<noscript>``, as bytes, or None.
    ``html`` is the page with what a browser never reads as markup blanked out (``unseen_blanked``)."""
    for found in _REFRESH.finditer(html):
        start = html.rfind(b"<", 0, found.start())
        end = html.find(b">", found.end())
        if start < 0 or end < 0 or html[start + 1:start + 5].lower() != b"meta" or _inside_tag(html, start):
            continue
        if _inside_noscript(html, start):
            continue
        content = _CONTENT.search(html, start, end)
        if content is None:
            continue
        return next(g for g in content.groups() if g is not None)
    return None


def attribute_text(value: str) -> str:
    """An attribute's value with its character references decoded, as an HTML parser decodes them: numeric ones
    (``&#38;``, ``&#x2F;``: OWASP's encoder writes ``https:&#x2F;&#x2F;host&#x2F;``), and named ones ending in
    ``;`` (``&amp;``, ``&quot;``). A name without ``;`` stays as written, as it does in an attribute before ``=``
    or a letter (``?a=1&notify=2``: ``html.unescape`` would make it ``¬ify``). Only ``&amp;`` was decoded, so
    a refresh to ``https:&#x2F;&#x2F;host&#x2F;page`` was followed to a relative junk URL (a 404, the page lost)."""
    if "&" not in value:
        return value
    return _CHARREF.sub(_charref, value)


def _charref(found: re.Match[str]) -> str:
    number, name = found.group(1), found.group(2)
    if number is not None:
        code = int(number[1:], 16) if number[:1] in "xX" else int(number)
        return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd"
    return html5.get(name + ";", found.group(0)) if found.group(0).endswith(";") else found.group(0)


_TAG_OPEN = re.compile(rb"<[A-Za-z!/?]")  # what opens a tag (or a comment, a doctype) to an HTML tokenizer


def _inside_tag(html: bytes, at: int) -> bool:
    """Whether the ``<`` at ``at`` is text inside another tag (an attribute's value: ``<iframe srcdoc='<meta
    http-equiv="refresh" ...>'`` refreshes the frame, not the page). Only a ``<`` before a letter, ``!``, ``/``
    or ``?`` opens a tag: any other ``<`` (``a < b``, a stray ``<`` in a head) is text to the HTML tokenizer
    (WHATWG HTML, "tag open state"), and a refresh after one was taken for a tag's attribute and not followed."""
    closed = html.rfind(b">", 0, at)
    return _TAG_OPEN.search(html, closed + 1, at) is not None  # a tag opened since the last ">" is still open


def _inside_noscript(html: bytes, at: int) -> bool:
    return sum(1 if m.group(1) == b"" else -1 for m in _NOSCRIPT.finditer(html, 0, at)) > 0


def script_jump(html: bytes) -> bytes | None:
    """The URL bytes a page's script sends the reader to at once (see the module's note), or None.
    ``html`` as for ``_meta_value``, scripts kept (``unseen_blanked(html, keep_scripts=True)``)."""
    for found in _SCRIPT_JUMP.finditer(html):
        attributes = found.group(1)
        if re.search(rb"\bsrc\s*=", attributes, re.IGNORECASE):
            continue  # the script's own text is not run
        if re.search(rb"\btype\s*=", attributes, re.IGNORECASE) and not _JS_TYPE.search(attributes):
            continue  # a data block (JSON, a template), not a script
        if _inside_noscript(html, found.start()) or _inside_tag(html, found.start()):
            continue
        raw = next((g for g in found.groups()[1:] if g is not None), b"")
        text = raw.replace(b"\\/", b"/").strip()
        if text:
            return text
    return None


def refresh_target(status: int, response: Any, body: Any) -> str | None:
    """The URL text (unresolved; a tag's or a stub's joined to the page's ``<base href>``, if any) a 200
    response sends on to by its ``Refresh`` header, its ``<meta http-equiv="refresh">`` or a script stub, or None.
    ``response`` is warcio's ``StatusAndHeaders``; ``body`` the
    spooled ``Body``: its first ``CODED`` bytes are read (the stream is left at 0) and decoded up to
    ``SCAN`` bytes, only for an HTML response whose body came whole."""
    if status != 200:
        return None
    header = response.get_header("refresh")
    if header:
        return refresh_url(header)
    kind = (response.get_header("content-type") or "text/html").lower()
    if body.truncated or ("html" not in kind):
        return None
    body.stream.seek(0)
    coded = body.stream.read(CODED)
    body.stream.seek(0)
    try:
        html, _ = decode_prefix(coded, content_codings(response), SCAN)
    except DecodingError:
        return None
    if html.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: the markup is not ASCII bytes
        return None
    found = _page_refresh(html, response)
    if found is None or (b"<base" not in html and b"<BASE" not in html):
        return found
    base = _BASE.search(unseen_blanked(html))
    if base is None:
        return found
    href = attribute_text(next(g for g in base.groups() if g is not None).decode("utf-8", "replace")).strip()
    return urljoin(href, found) if href else found


# the document's base URL: the first ``<base href>`` (WHATWG HTML "frozen base URL"), against which a browser
# resolves a meta refresh's URL and a script's location (a refresh to ``story`` under ``<base href="/news/">``
# is ``/news/story``; archiver asked ``/story``, a 404)
_BASE = re.compile(rb"""<base\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _page_refresh(html: bytes, response: Any) -> str | None:
    """The URL text of the page's meta refresh, else of its script stub, read in the page's charset, or None."""
    # the gates: substring searches (lower() cost 1.5x, an IGNORECASE regex 10x); refresh, Refresh and
    # REFRESH pass the first, a spelling such as ReFresh does not
    value = _meta_value(unseen_blanked(html)) if b"efresh" in html or b"EFRESH" in html else None
    if value is not None:
        text = attribute_text(value.decode("utf-8", "replace"))
        if value.isascii() and text.isascii():
            return refresh_url(text)
        codec = page_codec(html, content_type_of(response))  # a legacy page's refresh (archiver.fetch.pagecharset)
        found = refresh_url(attribute_text(value.decode(codec, "replace")))
        return None if found is None else query_in(found, codec)
    jump = script_jump(unseen_blanked(html, keep_scripts=True)) if b"location" in html else None
    if jump is None or jump.isascii():
        return None if jump is None else jump.decode("ascii")
    codec = page_codec(html, content_type_of(response))
    return query_in(jump.decode(codec, "replace"), codec)


def unseen_blanked(html: bytes, keep_scripts: bool = False) -> bytes:
    """``html`` with the comments, and the text of ``<script>``, ``<style>``, ``<textarea>``, ``<title>``,
    ``<xmp>``, ``<iframe>``, ``<noembed>`` and ``<noframes>`` (text to an HTML parser, never tags; a script's
    kept with ``keep_scripts``), and the content of ``<template>`` (parsed, but inert: a browser neither
    refreshes from its ``<meta>`` nor runs its scripts), replaced by spaces:
    the same length, so positions still hold. A refresh or a script jump a browser never sees (a template's
    commented-out ``<!-- <meta http-equiv="refresh" ...> -->``, a tag inside a script's string) was followed,
    and the page captured was the one it named."""
    if b"<" not in html:
        return html
    out = bytearray(html)
    at = 0
    while (found := _UNSEEN.search(html, at)) is not None:
        if found.group(1) is None:  # a comment, to "-->" (or "--!>"; "<!-->" and "<!--->" end at once) or the end
            start = found.end()
            if html[start:start + 1] == b">" or html[start:start + 2] == b"->":
                end = html.index(b">", start) + 1
            else:
                close = _COMMENT_END.search(html, start)
                end = len(html) if close is None else close.end()
            out[found.start():end] = b" " * (end - found.start())
        else:
            name = found.group(1).lower()
            opened = html.find(b">", found.end())
            if opened < 0:
                break
            close = re.compile(rb"</" + name + rb"\b", re.IGNORECASE).search(html, opened + 1)
            end = len(html) if close is None else close.start()
            if not (keep_scripts and name == b"script"):
                out[opened + 1:end] = b" " * (end - opened - 1)
        at = max(end, found.end())
    return bytes(out)


async def refresh_hop(url: str, ex: Any, seen: set[tuple[str, str]], exchanger: Any,
                      mode: str) -> tuple[str | None, str | None]:
    """Where the exchange ``ex`` of ``url`` goes on to by its refresh, if it is followed as a redirect hop: a
    usable URL not already asked with the same cookies (``seen``: a page refreshing to itself is the page),
    allowed by ``--private-redirects`` (``mode``); then (URL, None). Otherwise (None, note), and the page is the
    capture: the note says why a refresh ``--private-redirects`` refused, or one back to another page of the
    chain (a refresh loop, ``LOOP_NOTED``), was not followed (the page kept is then most often a "please wait"
    interstitial, and it was kept without a word), else it is None.
    ``exchanger`` is the run's ``Exchanger`` (its cookies and ``--resolve``)."""
    text = refresh_target(ex.status, ex.response, ex.body)
    if text is None:
        return None, None
    target, problem = redirect_target(url, text)
    if problem and BAD_PORTS_NOTE in problem:  # said, as a refusal of --private-redirects is
        return None, f"its refresh {problem.replace('redirect to', 'to', 1)}: the page that refreshes is the capture"
    if problem:
        return None, None
    if (target, exchanger.cookie_header(target)) in seen:
        if target == url or not LOOP_NOTED:  # a page reloading itself is the page
            return None, None
        return None, (f"its refresh goes back to {redact_url(target)}, asked before in this chain with the same "
                      "cookies (a refresh loop, which a browser follows for ever): the page that refreshes is the "
                      "capture")
    refusal = await redirect_refusal(mode, ex.ip, url, target, exchanger.resolve)
    if refusal:
        return None, f"its refresh {refusal.replace('redirect to', 'to', 1)}: the page that refreshes is the capture"
    return target, None
