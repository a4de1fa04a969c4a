"""The words a reader could get from a captured page (its WARC record), for the judge's page-words check.

Used by :class:`archiver.watch.events.UrlJudge` and by ``archiver history``
(:func:`archiver.diff.history.number_versions`), so both ask the page alike whether
an article's lost words are still on it (:meth:`archiver.watch.judge.Measure.lost`).
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from archiver.catalog import Capture, Catalog
from archiver.watch.judge import words


def capture_page_words(catalog: Catalog, warcs: Sequence[Path], cap: Capture) -> set[str] | None:
    """The words of ``cap``'s page (a revisit: the record it refers to), read from the first folder of ``warcs``
    that holds its WARC file; None when it has no record or none can be read."""
    record = cap
    if cap.record_type == "revisit" and cap.refers_to:
        record = catalog.capture(cap.refers_to) or cap
    if not record.warc_file or record.warc_offset is None:
        return None
    folders = [Path(w) for w in warcs]
    held = [w for w in folders if (w / record.warc_file).exists() or (w / (record.warc_file + ".open")).exists()]
    for folder in held or folders[:1]:
        return page_words(folder, record.warc_file, int(record.warc_offset), record.content_type)
    return None


def page_words(warcs: Path, warc_file: str, offset: int, content_type: str | None) -> set[str] | None:
    """The words of a response record's HTML page: element text plus ``alt``/``title``/``aria-label``.

    Returns None when the record cannot be read or decoded (the guard then does not apply).
    """
    from archiver.decoding import DecodingError, content_codings, decode_content, page_body
    from archiver.extract_worker import MAX_HTML_BYTES
    from archiver.extraction.decode import decode
    from archiver.extraction.dom import parse
    from archiver.warc_read import read_record

    path = warcs / warc_file
    if not path.exists():
        path = warcs / (warc_file + ".open")
    try:
        record, raw = read_record(path, offset, limit=MAX_HTML_BYTES)
        coding = content_codings(record.http_headers)
        # extraction's limit: the default 512 MiB let a gzip bomb take 1.7 GiB here (review50)
        body = decode_content(raw, coding, limit=MAX_HTML_BYTES + 1)
        body = page_body(body, content_type, MAX_HTML_BYTES + 1)  # a .html.gz served as the page: the page inside
        # parsed as extraction parses it: an XHTML page's XML declaration, characters XML forbids
        root = parse(decode(body, content_type) or "<html></html>")
    except (OSError, ValueError, DecodingError):  # dom.ParseError is a ValueError
        return None
    for bad in root.xpath("//script | //style | //template"):
        bad.drop_tree()
    parts = [root.text_content()]
    parts += [v for attr in ("alt", "title", "aria-label") for v in root.xpath(f"//@{attr}")]
    return set(words(" ".join(str(p) for p in parts)))
