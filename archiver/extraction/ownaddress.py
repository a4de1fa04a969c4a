"""A line that is the page's own address: a permalink written out under the article.

Blogs and print views write the post's address out as a line of its own, under the body or
its closing quotation: ``— https://www.themarginalian.org/2026/03/04/neruda-time/`` (a blog's
"share this" line, three posts of one held-out site), ``https://www.barrons.com/articles/...``
(a print view's footer, AEB), ``Publikacja dostępna na stronie: https://...`` (a Polish news site's
closing line, trafilatura-eval). (A print view's "Permalink: ..." or "Source URL: ..." line is the paragraph
rule ``print-source-line``'s, and an address alone among the last lines ``bare-address-line``'s: this stage
runs after the rules, for what they leave, and their records stand.)
Read as text, the line is the page naming itself: no dev truth or held-out truth holds it
(bench/RESULTS.md, gen40). ``drop_own_address`` takes such a line out when the address is the
page's own (the same up to the scheme, ``www.``, a trailing slash, the host's case, tracking
parameters and the fragment; a different query, port or path case is another page: ``?id=99``
beside ``?id=100``): a line naming another page (a source, a link in the text) stays, and so does a line
that is the whole text.

Shape of a line taken (``_LINE``): an optional dash or bullet, an optional label of at most four
words ending in a colon ("URL:", "Link to this post:", "Publikacja dostępna na stronie:"), the address, optional
closing punctuation. Nothing else may be on the line. With ``SEPARATOR_LABEL`` (rend37) also a label of at
most five words set off from the address by a separator instead of a colon (``_SEPARATED``): a reader app's or a
language-learning reader's source line over a saved copy, "From The Moscow Times · https://...", "Source | https://...".
The separators are "·", "|", "•", "–" and "—", each with a space on both sides; not the ASCII hyphen ("From The
Moscow Times - https://..." stays: a hyphen between words is too common a sight to read as a separator).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

__all__ = ["SEPARATOR_LABEL", "drop_own_address", "address_key"]

# stage:own-address-separator; False: only a label ending in a colon, not one set off by "·", "|", "•", "–", "—"
SEPARATOR_LABEL = True

_LINE = re.compile(r"^\s*(?:[-–—•·*>]\s*)?(?:[^\W\d_][\w.’'-]*(?:\s+[\w.’'-]+){0,3}\s*:\s*)?"
                   r"[<(\[]?(?P<address>(?:https?://|www\.)\S+?)[>)\]]?[.,;]?\s*$", re.I)

_SEPARATED = re.compile(r"^\s*[^\W\d_][\w.’'/&-]*(?:\s+[\w.’'/&-]+){0,4}\s+[·|•–—]\s+"
                        r"[<(\[]?(?P<address>(?:https?://|www\.)\S+?)[>)\]]?[.,;]?\s*$", re.I)


# Query parameters that say where a reader came from, not which page it is (the common
# campaign and click-tracking names: Google Analytics' utm_*, Facebook's fbclid, Google Ads'
# gclid, Mailchimp's mc_cid/mc_eid, and the generic ref/ref_src/source).
_TRACKING = re.compile(r"^(?:utm_\w*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ref|ref_src|source|ocid|cmpid)(?:=|$)",
                       re.I)


def address_key(address: str) -> str:
    """``address`` as a key: the host lower-cased without ``www.`` (IDNA-encoded; a port kept
    unless it is 80 or 443), the path percent-decoded without its trailing slash (case kept: paths
    are case-sensitive), and the query without tracking parameters (``_TRACKING``), sorted; the
    scheme and fragment dropped. "" when it names no host (``"https:///x"``, not an address)."""
    text = address.strip()
    if not re.match(r"^https?://", text, re.I):
        text = "http://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if not host:
        return ""
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    query = "&".join(sorted(q for q in parts.query.split("&") if q and not _TRACKING.match(q)))
    return f"{host}{unquote(parts.path).rstrip('/')}" + (f"?{query}" if query else "")


def drop_own_address(lines: list[str], url: str | None,
                     code: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """``(kept, dropped)``: ``lines`` without the lines that are ``url`` written out (see the module
    docstring). A page with no ``url``, or one whose address has no path (a site's home page
    names itself in its header and footer as a matter of course), or whose text is that one line,
    is left alone, and so is a line of a code listing (``code``: the stripped lines of the
    extraction's multi-line code blocks, ``ArticleText.code``)."""
    if not url or len(lines) < 2:
        return lines, []
    own = address_key(url)
    if "/" not in own or own.endswith("/"):
        return lines, []
    kept: list[str] = []
    dropped: list[str] = []
    for line in lines:
        if "/" in line and len(line) < 2 * len(url) + 60:
            m = _LINE.match(line) or (_SEPARATED.match(line) if SEPARATOR_LABEL else None)
            if m and address_key(m.group("address")) == own and line.strip() not in code:
                dropped.append(line)
                continue
        kept.append(line)
    if not kept:
        return lines, []
    return kept, dropped
