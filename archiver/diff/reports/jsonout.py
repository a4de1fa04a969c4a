"""JSON report: a list with one object per pair (paths, url, similarity, class, changes)."""
from __future__ import annotations

import json
from typing import Any


def render_json(results: list[Any], extra: dict[str, Any] | None = None) -> str:
    """Without ``extra`` a plain list of pair objects; with it, ``extra`` plus ``pairs``."""
    pairs = [r.to_dict() for r in results]
    doc: Any = pairs if extra is None else {**extra, "pairs": pairs}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
