"""py-wacz as ``archiver export --wacz`` runs it: the package names archiver as its software, index years padded."""
from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any

from archiver import __version__


@contextlib.contextmanager
def software_named() -> Iterator[None]:
    """While py-wacz packs: its ``datapackage.json`` names archiver as the software that made the package,
    py-wacz as what packed it (WACZ 1.1.1: ``software``, "the software used to create the WACZ"; py-wacz
    writes its own name and has no option for it). The digest file is computed after, over these bytes.
    Its index lines (``indexes/index.cdx.gz``, and through them ``index.idx``) get a 14-digit timestamp for a
    record dated before the year 1000, as :mod:`archiver.archive.cdxj` writes ``index.cdxj`` (before
    2026-12-06 the WACZ kept the 11-digit one, read as the year 1010; review46)."""
    from wacz.waczindexer import WACZIndexer

    from archiver.archive.cdxj import PAD_YEARS

    original = WACZIndexer.generate_datapackage
    written = WACZIndexer._do_write

    def generate(self: Any, res: Any, wacz: Any) -> str:
        package = json.loads(original(self, res, wacz))
        package["software"] = f"archiver {__version__} (packed by {package.get('software') or 'py-wacz'})"
        return json.dumps(package, indent=2)

    def write(self: Any, urlkey: Any, ts: Any, index: Any, out: Any) -> None:
        if PAD_YEARS and isinstance(ts, str) and ts.isdigit() and len(ts) < 14:
            ts = ts.zfill(14)
        written(self, urlkey, ts, index, out)

    WACZIndexer.generate_datapackage = generate
    WACZIndexer._do_write = write
    try:
        yield
    finally:
        WACZIndexer.generate_datapackage = original
        WACZIndexer._do_write = written
