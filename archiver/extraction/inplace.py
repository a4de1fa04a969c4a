"""Putting one of archiver's functions in the place of the trafilatura function it mirrors, once.

``put(module, name, ours, original, tested_with)`` sets ``module.<name>`` to ``ours`` when
trafilatura's version is one of ``tested_with`` (a tuple of version strings) and the place still
holds ``original`` (trafilatura's own function, taken at import). It returns whether ``ours`` is in
place: True at once when it already is (idempotent); False on another version, or when the place
holds someone else's wrapper (left alone), or when ``ready`` is False (the module lacks something
``ours`` reads). Used by the ``install()`` of ``linkdensity``, ``linkpasses`` and ``stoplist``.
"""
from __future__ import annotations

from typing import Any

import trafilatura

__all__ = ["put"]


def put(module: Any, name: str, ours: Any, original: Any, tested_with: tuple[str, ...], ready: bool = True) -> bool:
    """``ours`` in ``module.<name>`` if that holds ``original`` on a tested version; whether it is there."""
    if trafilatura.__version__ not in tested_with:
        return False
    current = getattr(module, name, None)
    if current is ours:
        return True
    if current is not original or not ready:
        return False
    setattr(module, name, ours)
    return True
