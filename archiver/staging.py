"""Clean files written ahead by extraction workers and moved into place by the driver.

On a 2-core machine the driver of ``archiver extract --jobs 2`` competes with
its two workers for CPU, and writing a page's four files (version text and
sidecar, main text and sidecar: each a create, a write and a rename) plus
encoding the sidecar was most of its work per page. So a worker, told the
capture's catalog fields, renders the text and the sidecar itself and writes
them into a staging folder inside the clean folder (same file system, so a
rename moves them). The driver alone still decides what goes where: the
catalog says whether the capture is its URL's newest, and site learning may
change the text. When the site-learned boilerplate the worker applied is the
one the driver applies, the driver renames the staged files into place; when
not (a page that itself tipped a paragraph into boilerplate), it drops them
and writes as before. Either way the files are byte for byte what the driver
would have written.

The staging folder is ``.staging-<pid>-<random>`` (hidden: ``archiver diff``
skips hidden names) and is removed when the run ends; one left by a killed run
is removed by the next run once its process is gone.
"""
from __future__ import annotations

import functools
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archiver import __version__, output

STAGING_PREFIX = ".staging-"


@dataclass(frozen=True)
class Stage:
    """What a worker needs to write a page's files ahead (plain values, so it pickles)."""

    folder: str  # the run's staging folder
    root: str  # the clean folder, resolved
    url: str  # the capture's URL: names its files
    capture: dict[str, Any]  # the sidecar's fields from the catalog row (see ``capture_fields``)
    learned: frozenset[str] = frozenset()  # the host's site-learned digests as the driver knew them


@dataclass(frozen=True)
class Staged:
    """A page's files written ahead, and what the driver needs to place them."""

    learned_key: str  # which site-learned digests were applied (``learned_key``)
    title: str  # for the catalog row
    digest: str  # of the clean text
    text_rel: str  # version text, relative to the clean folder
    json_rel: str  # version sidecar
    empty: bool  # no article text
    # staged version text ("" when it is already in place), version sidecar, main text, main sidecar
    files: tuple[str, str, str, str]
    targets: tuple[str, str, str, str]  # where each goes (checked inside the clean folder; folders made)


def learned_key(learned: Iterable[str]) -> str:
    """A short name for a set of learned digests, the same in every process."""
    return hashlib.blake2b("\n".join(sorted(learned)).encode("ascii"), digest_size=12).hexdigest()


def capture_fields(cap: Any) -> dict[str, Any]:
    """The sidecar's fields that come from a capture's catalog row."""
    return {"url": cap.url, "final_url": cap.final_url or cap.url, "captured_at": cap.fetched_at,
            "warc_file": cap.warc_file, "warc_offset": cap.warc_offset, "payload_digest": cap.payload_digest,
            "capture_id": cap.id}


def sidecar_data(capture: dict[str, Any], extraction: Any, digest: str, text_rel: str,
                 extra: dict[str, Any] | None, trafilatura_version: str) -> dict[str, Any]:
    """The sidecar of one capture's clean text (key order is the file's order)."""
    data = {
        "url": capture["url"],
        "final_url": capture["final_url"],
        **extraction.metadata(),
        "title": extraction.title or "",
        **({"headline": extraction.headline} if getattr(extraction, "headline", None) else {}),
        # the page's <h1> as read ("" for none): the watch's shown headline without the WARC (diff/shownline.py)
        **({"page_h1": extraction.page_h1} if getattr(extraction, "page_h1", None) is not None else {}),
        # the photo captions the clean text leaves out: the watch tells an edited one (diff/captions.py)
        **({"captions": list(extraction.captions)} if getattr(extraction, "captions", None) is not None else {}),
        "captured_at": capture["captured_at"],
        "warc_file": capture["warc_file"],
        "warc_offset": capture["warc_offset"],
        "payload_digest": capture["payload_digest"],
        "text_digest": digest,
        "archiver_version": __version__,
        "trafilatura_version": trafilatura_version,
        "extractor_id": extractor_id(),
        "page_account": extraction.account,  # its version: ``removed`` lists every block not in the article
        "capture_id": capture["capture_id"],
        "text_path": text_rel,
        "removed": [r.as_dict() for r in extraction.removed],
    }
    if extraction.source != "html":  # a text/plain article: paragraphs at blank lines, not the HTML pipeline
        data["extracted_as"] = extraction.source
    data.update({k: v for k, v in (extra or {}).items() if v is not None})
    return data


# what decides a page's clean text: the pipeline, its rules, the decoder and the text's rendering
EXTRACTOR_SOURCES = ("extraction", "rules", "decoding.py", "output.py", "extract_worker.py")


@functools.cache
def extractor_id() -> str:
    """Which extraction made a text: ``sha256:`` and 16 hex digits over archiver's version,
    trafilatura's, and the bytes of the pipeline's code and rule files (``EXTRACTOR_SOURCES``
    under the package, ``*.py`` and ``*.json``, in path order). Two sidecars with the same id
    were extracted by the same code; a release or a local edit of a rule changes it. Read once
    per process (about 70 files: 2.5-19 ms on the shared machine)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{__version__}\0{trafilatura_version()}\0".encode())
    for name in EXTRACTOR_SOURCES:
        base = package / name
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.suffix in (".py", ".json"))
        for path in files:
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return "sha256:" + digest.hexdigest()[:16]


def trafilatura_version() -> str:
    try:
        import trafilatura

        return trafilatura.__version__
    except Exception:  # pragma: no cover
        return "unknown"


def stage_page(stage: Stage, extraction: Any, charset: str | None) -> Staged:
    """Render and write a page's files into the staging folder (runs in a worker)."""
    if stage.learned and extraction.source == "html":  # a text/plain story is read as its file has it
        from archiver.extraction import apply_site_learning

        extraction = apply_site_learning(extraction, stage.learned)
    paths = output.paths_for(stage.url)
    content = output.render_text(extraction.title_line, extraction.text or "")
    digest = output.text_digest(content)
    text_rel = paths.version_text(digest)
    json_rel = paths.version_sidecar(stage.capture["capture_id"])
    root = Path(stage.root)
    targets = tuple(str(output.inside_resolved(root, rel)) for rel in (text_rel, json_rel, paths.text, paths.sidecar))
    for folder in {os.path.dirname(t) for t in targets}:
        os.makedirs(folder, exist_ok=True)
    sidecar = output.dumps_json(sidecar_data(stage.capture, extraction, digest, text_rel,
                                             {"charset": charset}, trafilatura_version()))
    base = os.path.join(stage.folder, str(int(stage.capture["capture_id"])))
    # a version text is named by its digest: one already there (the same text captured before) is not staged
    files = ("" if os.path.exists(targets[0]) else base + ".version.txt", base + ".version.json",
             base + ".main.txt", base + ".main.json")
    raw_text, raw_json = content.encode("utf-8"), sidecar.encode("utf-8")
    for path, raw in zip(files, (raw_text, raw_json, raw_text, raw_json), strict=True):
        if path:
            with open(path, "wb") as fh:
                fh.write(raw)
    return Staged(learned_key(stage.learned), extraction.title or "", digest, text_rel, json_rel,
                  not (extraction.text or "").strip(), files, targets)  # type: ignore[arg-type]


def move(source: str, target: str) -> None:
    """Rename a staged file into place (making its folder again if it went away meanwhile)."""
    try:
        os.replace(source, target)
    except FileNotFoundError:
        if not os.path.exists(source):
            raise
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.replace(source, target)


def discard(staged: Staged) -> None:
    for path in filter(None, staged.files):
        try:
            os.unlink(path)
        except OSError:
            pass


@contextmanager
def staging_folder(clean: Path) -> Iterator[str | None]:
    """A fresh staging folder inside ``clean`` for one run, removed afterwards (None if it cannot be made)."""
    try:
        clean.mkdir(parents=True, exist_ok=True)
        _remove_stale(clean)
        folder = tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=clean)
    except OSError:
        yield None
        return
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _remove_stale(clean: Path) -> None:
    """Remove staging folders of runs whose process is gone (killed before it could clean up)."""
    for path in clean.glob(STAGING_PREFIX + "*"):
        pid = path.name[len(STAGING_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True
