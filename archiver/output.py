"""Clean-text files: safe names, the ``.txt`` layout, the sidecar ``.json``.

Layout inside the clean folder (``--clean``)::

    <host>/<slug>.txt                         newest capture's text of the URL
    <host>/<slug>.json                        its sidecar
    <host>/.versions/<slug>/<digest16>.txt    every distinct text the URL ever had
    <host>/.versions/<slug>/capture-<id>.json every capture's sidecar

One URL gets one ``<slug>.txt`` (what a user reads); older versions stay under
``.versions``. The catalog's ``extractions`` row of a capture points at its
version files (``text_path`` = the content-addressed ``<digest16>.txt``,
``json_path`` = ``capture-<id>.json``; both relative to the clean folder), so
``archiver history`` can read every version, and captures with the same text
(revisits, unchanged pages) share one file.

Names are safe whatever the URL holds: the host is reduced to ``[a-z0-9.-]``
(plus ``_PORT`` for a non-default port), the slug is a short, lowercased,
word-only form of the path and query (never ``..`` or ``/``), cut to a bounded
length, followed by a hash of the full URL, so two URLs never share a file and
a 2,000-character URL still gives a short name.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from archiver.file_mode import make_ordinary

SLUG_CHARS = 80  # of the readable part; the hash comes on top
SLUG_BYTES = 120  # UTF-8 bytes of the readable part (file names are limited to 255 bytes)
HASH_CHARS = 10  # hex digits of sha256(url): 40 bits, no collision in any real archive
VERSIONS = ".versions"

_DEFAULT_PORTS = {"http": 80, "https": 443}
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Paths:
    """Where one URL's files go, relative to the clean folder."""

    host: str
    slug: str

    @property
    def text(self) -> str:
        return f"{self.host}/{self.slug}.txt"

    @property
    def sidecar(self) -> str:
        return f"{self.host}/{self.slug}.json"

    def version_text(self, text_digest: str) -> str:
        return f"{self.host}/{VERSIONS}/{self.slug}/{digest_short(text_digest)}.txt"

    def version_sidecar(self, capture_id: int) -> str:
        return f"{self.host}/{VERSIONS}/{self.slug}/capture-{int(capture_id)}.json"


def host_dir(url: str) -> str:
    """``www.dw.com``, or ``www.dw.com_8443`` when the URL names a non-default port."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    safe = re.sub(r"[^a-z0-9.-]", "_", host)
    safe = re.sub(r"\.{2,}", ".", safe).strip(".") or "_"
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        safe += f"_{port}"
    return safe[:100]


def slug(url: str) -> str:
    """A readable, bounded, collision-free file stem for ``url`` (no extension)."""
    parts = urlsplit(url)
    readable = unquote(parts.path + ("?" + parts.query if parts.query else ""), errors="replace")
    readable = unicodedata.normalize("NFKC", readable).lower()
    readable = _NOT_WORD.sub("-", readable).strip("-")
    # keep the end of a long path, from a word boundary: it names the article
    cut = False
    while len(readable) > SLUG_CHARS or len(readable.encode("utf-8")) > SLUG_BYTES:
        readable = readable[1:]
        cut = True
    if cut and "-" in readable:
        readable = readable.split("-", 1)[1]
    readable = readable.strip("-") or "index"
    return f"{readable}-{url_hash(url)}"


def url_hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_CHARS]


def paths_for(url: str) -> Paths:
    return Paths(host_dir(url), slug(url))


def render_text(title: str, body: str) -> str:
    """Title line, blank line, paragraphs separated by blank lines, one trailing newline."""
    title = " ".join((title or "").split())
    body = (body or "").strip("\n")
    return f"{title}\n\n{body}\n" if body else f"{title}\n"


def parse_text(content: str) -> tuple[str, str]:
    """Inverse of ``render_text``: (title, body)."""
    title, _, body = content.partition("\n")
    return title, body.strip("\n")


def text_digest(content: str) -> str:
    return "sha256:" + hashlib.sha256(content.encode("utf-8")).hexdigest()


def digest_short(text_digest: str) -> str:
    return text_digest.split(":", 1)[-1][:16]


def write_atomic(path: Path, data: str | bytes, make_parent: bool = True) -> None:
    """Write to a temp file in the same folder and rename: readers never see half a file.

    ``make_parent=False`` skips creating the folder, for a caller that knows it exists
    (a ``mkdir`` per file was a good part of the driver's work per page).
    """
    if make_parent:
        path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        make_ordinary(fd)  # mkstemp makes 0600: readable like the WARCs beside it
    except OSError:
        pass
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dumps_json(data: dict[str, Any]) -> str:
    """A sidecar's file content: indented JSON, non-ASCII kept, one trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_json(path: Path, data: dict[str, Any]) -> None:
    write_atomic(path, dumps_json(data))


def inside(root: Path, relative: str) -> Path:
    """``root / relative``, refusing anything that would land outside ``root``."""
    return inside_resolved(Path(root).resolve(), relative)


def inside_resolved(root: Path, relative: str) -> Path:
    """``inside`` for a root already resolved (a writer resolves its clean folder once)."""
    path = (root / relative).resolve()
    if root != path and root not in path.parents:
        raise ValueError(f"refusing to write outside {root}: {relative!r}")
    return path


def file_in_the_way(folder: str | Path) -> Path | None:
    """The file (not a folder) at ``folder`` or at one of its parents, which keeps the folder from being made
    or written; None when there is none (the folder's problem is another: permissions, a read-only mount)."""
    path = Path(folder)
    for candidate in (path, *path.parents):
        if candidate.exists() or candidate.is_symlink():
            return None if candidate.is_dir() else candidate
    return None


def clean_folder_problem(clean: Path) -> str | None:
    """None when files can be written in the clean folder ``clean`` (or, while it does not exist, in
    the nearest folder above it that does, where it will be made), else why not. Makes nothing.

    The message names the path, the OS's reason and the remedy (``--clean`` /
    ``ARCHIVER_CLEAN``). ``run`` and ``extract`` ask before any work, so an unwritable
    folder is one usage error, not a capture run followed by one failure per page.
    """
    folder = Path(clean)
    try:
        while not folder.exists() and folder.parent != folder:  # made later: by whoever may write its parent
            folder = folder.parent
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".archiver-probe-"):
            pass
    except OSError as exc:
        in_the_way = file_in_the_way(clean)
        if in_the_way is not None:
            return (f"cannot write the clean folder {clean}: {in_the_way} is a file, not a folder; give --clean "
                    "(ARCHIVER_CLEAN) a folder, or move the file away")
        return (f"cannot write the clean folder {clean} ({exc.strerror or exc}): make it writable "
                "(a read-only mount, chattr +i, or the wrong owner?) or give --clean (ARCHIVER_CLEAN) "
                "a writable place")
    return None
