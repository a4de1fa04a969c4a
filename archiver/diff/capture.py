"""Find the capture a clean file came from and build the diff's evidence from it (the I/O edge).

The clean file's sidecar names its WARC file and the response record's offset
(``warc_file``, ``warc_offset``). The WARC is looked for in the folders given
(``--warcs``, default ``warcs``), then in a ``warcs`` folder beside the clean
folder and its parents; a file still being written (``.open``) is read too. The
record's payload is decoded (content coding, then charset as extraction does)
and turned into a :class:`archiver.diff.page.PageText`. Anything missing or
unreadable gives None: the diff then uses the sidecar alone.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from archiver.diff.evidence import Classifier, Evidence, default_classifier, evidence
from archiver.diff.metadata import PageMetadata, url_identity
from archiver.diff.page import PageText, html_page_text
from archiver.diff.sources import Source

MAX_PAGE_BYTES = 16 * 1024 * 1024
METADATA_FIELDS = ("title", "author", "date", "site_name", "section", "description")


def find_warc(name: str, folders: Sequence[Path], near: Path | None = None) -> Path | None:
    """The WARC file ``name`` (a file name, as the catalog and sidecars keep it) in ``folders``,
    or in a ``warcs`` folder beside ``near`` or one of its parents (up to six levels)."""
    if not name or Path(name).name != name:
        return None  # a sidecar naming a path is not trusted to point anywhere
    candidates = list(folders)
    if near is not None:
        for parent in list(Path(near).resolve().parents)[:6]:
            candidates.append(parent / "warcs")
    for folder in candidates:
        for candidate in (Path(folder) / name, Path(folder) / (name + ".open")):
            if candidate.is_file():
                return candidate
    return None


def read_page_html(warc: Path, offset: int) -> str | None:
    """The decoded HTML of the response record at ``offset``; None when it is not readable HTML."""
    from archiver.decoding import DecodingError, content_codings, decode_content, page_body
    from archiver.extraction.decode import decode_html, looks_binary
    from archiver.mhtml import held_page
    from archiver.mime_header import content_type_of
    from archiver.page_sniff import SNIFF_TYPES
    from archiver.warc_read import read_record

    try:
        record, raw = read_record(warc, offset, limit=MAX_PAGE_BYTES)
    except (OSError, ValueError, EOFError):
        return None
    except Exception:  # warcio's own errors on a torn or foreign file
        return None
    headers = record.http_headers
    coding = content_codings(headers)
    try:
        body = decode_content(raw, coding, limit=MAX_PAGE_BYTES + 1)
    except DecodingError:
        body = raw
    content_type = content_type_of(headers)
    try:
        body = page_body(body, content_type, MAX_PAGE_BYTES + 1)  # a .html.gz served as the page: the page inside
    except DecodingError:  # too large once inflated, or damaged past a first 64 KiB that hold a page
        return None
    held = held_page(body, content_type, SNIFF_TYPES)  # a page saved as MHTML: the page it holds
    if held is not None:
        body, content_type = held
    if not body.strip() or looks_binary(body, content_type=content_type):
        return None
    return decode_html(body, content_type).text


def capture_page(sidecar: dict[str, Any], warcs: Sequence[Path], near: Path | None = None) -> PageText | None:
    """The captured page a sidecar points at, as page text; None when it cannot be found or read.

    A revisit's sidecar points at the revisit record, which has no body; its
    ``payload_warc_file``/``payload_warc_offset`` say where the page it stands for is.
    """
    for name, offset in ((sidecar.get("payload_warc_file"), sidecar.get("payload_warc_offset")),
                         (sidecar.get("warc_file"), sidecar.get("warc_offset"))):
        if not isinstance(name, str) or not isinstance(offset, int) or offset < 0:
            continue
        warc = find_warc(name, warcs, near)
        html = read_page_html(warc, offset) if warc is not None else None
        if html:
            return html_page_text(html)
    return None


def page_metadata(sidecar: dict[str, Any], page: PageText | None, urls: Iterable[str | None]) -> PageMetadata:
    """Metadata values from the sidecar, plus the URLs the page names for itself (canonical, og:url)."""
    fields = {name: [sidecar.get(name)] for name in METADATA_FIELDS}
    all_urls = [sidecar.get("url"), sidecar.get("final_url"), *urls]
    if page is not None:
        for piece in page.pieces:
            if piece.kind == "metadata" and piece.text.startswith(("http://", "https://")) \
                    and url_identity(piece.text):
                all_urls.append(piece.text)
    return PageMetadata.from_fields(fields, all_urls)


def evidence_for(new: Source, old: Source | None, new_text: str, warcs: Sequence[Path] = (),
                 classify: Classifier | None = default_classifier, read_capture: bool = True) -> Evidence:
    """Evidence for explaining OLD-only words of a pair whose NEW side is ``new`` (a clean file)."""
    page = capture_page(new.sidecar, warcs, near=new.path) if read_capture and new.sidecar else None
    urls = [old.url] if old is not None and old.url else []
    return evidence(new.removed, page, page_metadata(new.sidecar, page, urls), new.host or (old.host if old else None),
                    classify, article_text=new_text)
