"""Read a seed list: URLs with their line numbers, and the bad lines with reasons.

Pure parsing: the caller decides what to print. A bad line never stops the list.
"""
from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from archiver.feedlist import NOT_PAGES, feed_entries, is_feed
from archiver.listbytes import BOMS, binary_reason
from archiver.listgz import GZIP_MAGIC, inflate_list
from archiver.listnotes import ListNotes
from archiver.sitemapindex import INDEX_LOC, index_urls, is_sitemap_index
from archiver.urls import normalize_url

_SPACE = re.compile(r"\s")  # str.isspace's characters
_OTHER_SPACE = re.compile(r"[^\S ]")


@dataclass(frozen=True, slots=True)  # a list may hold a million: no __dict__ each
class Seed:
    url: str
    line: int


@dataclass(frozen=True, slots=True)
class BadLine:
    line: int
    reason: str

    def describe(self, list_name: str) -> str:
        return f"{list_name}:{self.line}: {self.reason}"


@dataclass
class SeedList:
    path: str
    seeds: list[Seed]
    bad: list[BadLine]
    duplicates: list[Seed]
    notes: ListNotes = field(default_factory=ListNotes)

    def repeats(self) -> list[tuple[int, int]]:
        """``(line, first line)`` of each duplicate line and the line whose URL it repeats, in list
        order (a repeat in another spelling, a ``#fragment`` or a trailing space, included)."""
        first = {seed.url: seed.line for seed in self.seeds}
        return [(dup.line, first.get(dup.url, 0)) for dup in self.duplicates]


NOTE_HINT = "a note goes on a line of its own starting with #"


def check_url(text: str) -> str | None:
    """Return why ``text`` is not a fetchable http(s) URL, or None if it is.

    A space in the path or query is taken as a browser's address bar takes it
    (sent as ``%20``); whitespace in the host, any other whitespace (a tab), or
    a space before another ``scheme://`` (two URLs on one line) makes a bad line.
    """
    if _SPACE.search(text):
        if _OTHER_SPACE.search(text):
            return "not a URL (contains whitespace other than spaces)"
        if "://" not in text and not _wrapped(text):  # words: a note written into the list
            return f"not a URL (words, no http:// or https://; {NOTE_HINT})"
        first, rest = text.split(" ", 1)
        if "://" not in first and (found := re.search(r"https?://\S+", rest)):  # "Bridge story: https://..."
            return f"not a URL (words before it: write the URL alone on the line, {_trimmed(found.group(0))}; " \
                   f"{NOTE_HINT})"
        if " " in re.split(r"[/?#]", text.split("://", 1)[-1], maxsplit=1)[0]:
            return "not a URL (whitespace in the host)"
        if "://" in text.split(" ", 1)[1]:
            return "not a URL (contains whitespace; two URLs on one line?)"
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        return f"not a URL ({_bracket_problem(text) or exc})"
    if not parts.scheme:
        return _wrapped(text) or "not a URL (no scheme; expected http:// or https://)"
    if parts.scheme.lower() not in ("http", "https"):
        rest = text[len(parts.scheme) + 1:]
        if "." in parts.scheme or parts.scheme.lower() == "localhost" or re.match(r"\d+[/?#]", rest):
            # 'example.com:8080/a' or 'localhost:8080/a': a host and port, read by urlsplit as a scheme
            return f"not a URL (no scheme; expected http:// or https://, e.g. http://{text})"
        return f"unsupported scheme {parts.scheme!r} (only http and https)"
    problem = _port_problem(parts.netloc)
    if problem:
        return problem
    try:
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        return f"bad host or port ({exc})"
    if not host:
        return "not a URL (no host)"
    del port
    for label in host.split("."):
        if label[:4].lower() == "xn--" and label.isascii():  # an IDNA A-label: httpx refuses a bad one at fetch time
            import idna

            try:
                idna.decode(label)
            except (idna.IDNAError, UnicodeError):
                return f"bad host {host!r} ({label!r} is not a valid internationalised name: not Punycode)"
    return None


def _trimmed(url: str) -> str:
    """``url`` found after words, less the quote, stop or unpaired bracket closing the line (``"Story: https://x/a"``
    was told as ``https://x/a"`` before 2026-12-06); a bracket the URL opened stays (``.../Bridge_(structure)``)."""
    while url and (url[-1] in "\"'\u201d\u2019\u00bb.,;:!?" or url[-1] in ")]>" and url.count("([<"[")]>".index(
            url[-1])]) < url.count(url[-1])):
        url = url[:-1]
    return url


# quotes around a URL pasted from a spreadsheet's CSV or a document: "URL", 'URL', “URL” (<URL> is read as the URL)
_WRAPPED = re.compile(r"""^(["'\u201c\u2018\u00ab])\s*(https?://\S+?)\s*["'\u201d\u2019\u00bb]?[,;]?$""",
                      re.IGNORECASE)


def _wrapped(text: str) -> str | None:
    """Why a URL inside quotes is a bad line, naming the URL to write instead
    (urlsplit reads ``"http://host/a"`` as a URL without a scheme, a message that sent users looking
    for a missing ``http://`` the line has)."""
    found = _WRAPPED.match(text)
    if found is None:
        return None
    return f"not a URL (in quotes: write it without them, as {found.group(2)})"


def _bracket_problem(text: str) -> str | None:
    """Why the ``[...]`` of a URL's host is no IPv6 address, in the user's words (Python's: "Invalid IPv6 URL")."""
    netloc = text.partition("//")[2]
    netloc = re.split(r"[/?#]", netloc, maxsplit=1)[0].rpartition("@")[2]
    if netloc.count("[") != netloc.count("]"):
        return "a '[' or ']' around the host without its pair"
    inside = netloc.partition("[")[2].partition("]")[0]
    if "[" in netloc and inside:
        return f"[{inside}] is not an IPv6 address"
    return None


def _port_problem(netloc: str) -> str | None:
    """Why the port of ``host:port`` is none, in the user's words (Python's: "Port could not be cast to
    integer value as '8o80'", "Port out of range 0-65535"); an empty port is the default, as browsers take it."""
    after = netloc.rpartition("@")[2]
    if after.startswith("["):
        after = after.partition("]")[2]
    if ":" not in after:
        return None
    port = after.rpartition(":")[2]
    if port and not (port.isascii() and port.isdigit()):
        return f"bad port {port!r} (not a number)"
    if port and int(port) > 65535:
        return f"bad port {int(port)} (a port is at most 65535)"
    return None


def decode_bom(data: bytes) -> tuple[bytes, str]:
    """Bytes to split into lines and the codec for each line.

    A UTF-16 or UTF-32 file with a byte-order mark (Windows PowerShell writes
    UTF-16 LE with a BOM) is re-encoded as UTF-8 whole; a UTF-8 BOM is dropped.
    Raises nothing: a file that does not decode under its BOM is left to the
    per-line check, which names the problem.
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            if codec == "utf-8":
                return data[len(bom):], "utf-8"
            try:
                return data[len(bom):].decode(codec).encode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                return data, "utf-8"
    return data, "utf-8"


def guess_encoding(data: bytes) -> str:
    """A phrase naming what the file seems to be, for the error on an undecodable line."""
    sample = data[:65536]
    if sample.count(b"\x00") > len(sample) // 4:
        even, odd = sample[0::2].count(b"\x00"), sample[1::2].count(b"\x00")
        return f"looks like {'UTF-16-BE' if even > odd else 'UTF-16-LE'} without a byte-order mark"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
    except Exception:  # a guess only; never stop the list for it
        best = None
    if best is None or best.encoding in ("utf_8", "ascii"):
        return "encoding not recognised"
    return f"looks like {best.encoding.replace('_', '-').upper()}"


def parse_lines(data: bytes, notes: ListNotes | None = None) -> tuple[list[Seed], list[BadLine], list[Seed]]:
    """The seeds, bad lines and duplicate lines of a list file's bytes; ``notes``, when given, gets what else
    the list holds (:class:`ListNotes`)."""
    notes = notes if notes is not None else ListNotes()
    seeds: list[Seed] = []
    bad: list[BadLine] = []
    dups: list[Seed] = []
    seen: set[str] = set()
    raw_data = data
    data, encoding = decode_bom(data)
    if is_feed(data[:4096].decode(encoding, "replace")):  # an RSS or Atom feed: its items' links (feedparser
        notes.feed = True
        for url, number, name in feed_entries(raw_data):  # decodes the file's bytes by its own encoding declaration)
            notes.items += 1
            if url.lower().startswith(NOT_PAGES):  # a share button, a mail address: no page, no mistake of the list
                notes.not_pages.append((name, url))
                continue
            _add(url, number, seeds, bad, dups, seen)
        return seeds, bad, dups
    if SITEMAP_INDEX and is_sitemap_index(data[:4096].decode(encoding, "replace")):  # sitemapindex.py
        lines = [raw.decode(encoding, "replace") for raw in _lines(data)]
        notes.lines = len(lines)
        bad.extend(BadLine(number, INDEX_LOC.format(url=url)) for number, url in index_urls(lines))
        return seeds, bad, dups
    guess: list[str] = []  # the whole file's likely encoding, worked out once, on the first bad line
    html_page = False  # the file is a saved HTML page (its first lines say so): its links are not read
    for number, raw in enumerate(_lines(data), start=1):  # line by line: no list of a million lines
        if b"\x00" in raw and not guess:
            guess.append(guess_encoding(data))
        if b"\x00" in raw and "UTF-16" not in guess[0]:
            # a NUL in a line of a UTF-8 list: no encoding problem ("not UTF-8 ... save as UTF-8" misled)
            at = raw.index(b"\x00")
            bad.append(BadLine(number, f"not a URL (a NUL byte at byte {at} of the line: no URL "
                                       "holds one; the line is damaged or binary data)"))
            continue
        try:
            if b"\x00" in raw:
                raise UnicodeDecodeError(encoding, raw, raw.index(b"\x00"), raw.index(b"\x00") + 1, "NUL byte")
            line = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            if not guess:
                guess.append(guess_encoding(data))
            bad.append(BadLine(number, f"undecodable bytes (not UTF-8: {exc.reason} at byte {exc.start}; "
                                       f"{guess[0]}; save the list as UTF-8)"))
            continue
        line = line.strip().strip(_INVISIBLE).strip()
        notes.lines = number
        if not line or line.startswith("#"):
            notes.blank += not line
            notes.comments += bool(line)
            continue
        if " #" in line or "\t#" in line:  # a comment after the URL (its fragment would never be sent)
            line = _TRAILING_COMMENT.split(line, 1)[0]
        if line.startswith("<"):  # a sitemap's XML, or URLs in angle brackets
            found = urls_in_markup(line)
            if number <= 5 and _HTML_START.match(line):
                html_page = True
            if not found and "://" in _NAMESPACES.sub("", line):
                bad.append(BadLine(number, _HTML_LINK if html_page else (
                    "not a URL (markup with a URL outside <loc>; a sitemap's URLs are read from <loc>, or give "
                    "the URL alone)")))
            for text in found:
                _add(text, number, seeds, bad, dups, seen)
            continue
        _add(line, number, seeds, bad, dups, seen)  # a repeat of a line already seen: no second parse
    return seeds, bad, dups


def _lines(data: bytes) -> Iterator[bytes]:
    """The lines of ``data``, ended by LF, CRLF or a CR alone: a list saved with classic Mac line ends (Excel's
    "CSV (Macintosh)", old editors) was one line, every URL of it failing as "contains whitespace other than
    spaces"; Python's universal newlines, ``str.splitlines`` and editors break at a CR too."""
    for raw in io.BytesIO(data):
        body = raw.rstrip(b"\r\n")
        if b"\r" not in body:
            yield raw
        else:
            yield from body.split(b"\r")


# invisible format characters copied with a URL from a web page or a document (a byte-order mark, zero-width
# space, joiners, word joiner): at a line's ends they are taken off; "no scheme" named a line that shows one
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
MAX_URL = 65536  # characters: httpx refuses a longer URL ("URL too long"); Chromium's own limit is 2 MiB
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_HTML_LINK = ("not a URL (the list file is an HTML page, not a list: its links are not read, since a page links "
              "far more than its articles; write the URLs to fetch one a line)")
_TRAILING_COMMENT = re.compile(r"\s+#")
# a sitemap index (its head opens <sitemapindex>): every URL in it a bad line naming the remedy, none fetched (host46;
# review50: detected from the head, a URL alone on a line of a <loc> too; archiver/sitemapindex.py)
SITEMAP_INDEX = True
# a sitemap's namespace and schema attributes (<urlset xmlns="http://www.sitemaps.org/...">) name no page
_NAMESPACES = re.compile(r"""\s(?:xmlns(?::[\w.-]+)?|[\w.-]+:schemaLocation)\s*=\s*(?:"[^"]*"|'[^']*')""")
_BETWEEN_BRACKETED = re.compile(r"[\s,;.]*")  # what may stand between and after URLs in angle brackets
_LOC = re.compile(r"<loc>\s*(.*?)\s*</loc>", re.IGNORECASE | re.DOTALL)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)  # <loc><![CDATA[https://...]]></loc>, as generators write
_BRACKETED = re.compile(r"<(?:URL:)?\s*([^<>\s]+://[^<>]*?)\s*>", re.IGNORECASE)


def urls_in_markup(line: str) -> list[str]:
    """The URLs of a list line that starts with ``<``: each ``<loc>`` of a sitemap (a whole sitemap
    on one line too; XML entities such as ``&amp;`` undone, a CDATA section's text taken as it is), or one URL
    in angle brackets (``<https://...>`` or ``<URL:https://...>``, RFC 3986 appendix C; several on a line, with
    commas, semicolons or a full stop between or after them). A line of other markup (a sitemap's
    ``<urlset>``, ``<lastmod>``, the XML declaration, a link ``<a href="...">``) holds none: it is
    passed over like a comment (the caller reports one with a URL in it outside a sitemap's
    namespace attributes)."""
    import html

    locs = _LOC.findall(line)
    if locs:  # a CDATA section's text is the URL as written (XML reads no entity inside one)
        return [cdata.group(1).strip() if (cdata := _CDATA.fullmatch(loc)) else html.unescape(loc) for loc in locs]
    found, at = [], 0
    for bracketed in _BRACKETED.finditer(line):
        if not _BETWEEN_BRACKETED.fullmatch(line, at, bracketed.start()):
            return []
        found.append(bracketed.group(1))
        at = bracketed.end()
    return found if _BETWEEN_BRACKETED.fullmatch(line, at) else []


def _add(line: str, number: int, seeds: list[Seed], bad: list[BadLine], dups: list[Seed], seen: set[str]) -> None:
    """Check and normalise one URL of line ``number``; add it to ``seeds``, ``bad`` or ``dups``."""
    if line in seen:  # a repeat of a line already in its fetched spelling: no second parse
        dups.append(Seed(line, number))
        return
    reason = check_url(line)
    if reason is None:
        try:
            url = normalize_url(line)
        except Exception as exc:  # url_normalize raises assorted errors on junk
            reason = f"not a URL ({exc})"
    if reason is None and len(url) > MAX_URL:
        reason = (f"not a URL ({len(url):,} characters long: no request can carry a URL over {MAX_URL:,} "
                  "characters here; a line run into others, or data, not a link)")
    if reason is not None:
        bad.append(BadLine(number, reason))
        return
    if url in seen:
        dups.append(Seed(url, number))
        return
    seen.add(url)
    seeds.append(Seed(url, number))


def stored_name(path: str | Path) -> str:
    """The list's name as the catalog and the WARC metadata keep it: absolute (``os.path.abspath``:
    made from the current folder, ``..`` folded, symbolic links kept), so that ``archiver export
    --list-file`` finds it from any folder. (Before 2026-12-01 the path was kept as fetch was
    given it, relative to the folder fetch ran in.)"""
    import os

    return os.path.abspath(path)


class NotAList(ValueError):
    """The list file is no text at all (binary data, a device): the CLI's usage error, exit 2."""


SNIFF = 65536  # bytes read to tell a text list from binary data before the rest is read


def read_list(path: str | Path) -> SeedList:
    """Raise OSError when the file cannot be read, NotAList when it holds binary data or is a
    device (both usage errors for the CLI).

    UTF-8 (with or without BOM), UTF-16 and UTF-32 with a BOM are read, gzipped or not (a ``sitemap.xml.gz``); other
    encodings give bad lines that name the encoding the file seems to be in. A regular
    file or a pipe (``<(command)``) is read; a character or block device (``/dev/urandom``,
    a disk), which could be endless, is refused before a byte is read, and so is a file
    whose first 64 KiB are binary data (:func:`binary_reason`), before the rest is read.
    """
    import stat

    with open(path, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            raise NotAList("a device, not a list file (a list is a text file of URLs, one a line)")
        head = handle.read(SNIFF)
        if head.startswith(GZIP_MAGIC):  # a sitemap.xml.gz (the sitemap protocol's own form) or a gzipped list
            data = inflate_list(head + handle.read(), NotAList)
            head = data[:SNIFF]
        why = binary_reason(head)
        if why:
            raise NotAList(f"binary data, not a list of URLs ({why}); a list is a text file of URLs, one a line")
        if not head.startswith(GZIP_MAGIC):
            data = head + handle.read()
    notes = ListNotes()
    seeds, bad, dups = parse_lines(data, notes)
    return SeedList(str(path), seeds, bad, dups, notes)
