"""Import the fetch path's libraries without the parts of them a fetch never runs.

A fetch of 1,000 pages spent a fifth of its CPU importing (py-spy on
bench/fetch_vs_wget.py); most of it was code no command of archiver calls:

- ``httpx``'s ``__init__`` imports its command-line client, ``httpx._main``,
  whenever click and rich are installed (rich, click and pygments: 0.1 s);
- ``httpcore`` imports ``h2`` for HTTP/2 at start-up, though it imports it
  again itself when a connection negotiates HTTP/2 (``--http2``);
- ``surt`` imports ``tldextract`` (with ``requests``, ``urllib3``, ``idna`` and
  ``filelock``: 0.18 s) for ``handyurl.getPublicSuffix``, which ``surt.surt``,
  the one function archiver uses, never calls.

``import_httpx()`` imports httpx and httpcore with ``httpx._main`` and ``h2`` held out (for
that one import only: both import normally afterwards, so ``--http2`` and
``httpx._main`` as a module still work; ``httpx.main`` becomes httpx's own
stand-in that says the CLI's dependencies are missing). ``import_surt()``
imports surt with a stand-in for ``tldextract`` that imports the real one at
its first use (the standard library's ``importlib.util.LazyLoader`` cannot do
this on Python 3.11: the ``import`` statement itself looks at the module's
``__spec__``, which loads it).
"""
from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from types import ModuleType

HELD_OUT = ("httpx._main", "h2")  # what httpx's import pulls in and a fetch never runs at start-up


def _without(names: Iterable[str], *modules: str) -> ModuleType:
    """Import ``modules`` while ``names`` (not yet imported) raise ImportError, then let those import again;
    return the first module."""
    held = [n for n in names if n not in sys.modules]
    for n in held:
        sys.modules[n] = None  # type: ignore[assignment]  # the import system's "not importable" marker
    try:
        return [importlib.import_module(m) for m in modules][0]
    finally:
        for n in held:
            if sys.modules.get(n, ...) is None:
                del sys.modules[n]


def import_httpx() -> ModuleType:
    """httpx and httpcore (which httpx imports only when a transport is made), imported (if they are
    not yet) without httpx's command-line client and without h2; returns httpx."""
    if "httpx" in sys.modules and "httpcore" in sys.modules:
        return sys.modules["httpx"]
    try:
        return _without(HELD_OUT, "httpx", "httpcore")
    except ImportError:  # a version that needs one of them at import time: import it whole
        return [importlib.import_module(m) for m in ("httpx", "httpcore")][0]


def _stand_in(name: str) -> ModuleType:
    """A module object that imports the real ``name`` at the first attribute looked up on it (PEP 562)."""
    stand_in = ModuleType(name, f"stands in for {name}, imported on first use (archiver.lean_imports)")

    def load(attr: str) -> object:
        return getattr(importlib.import_module(name), attr)

    stand_in.__getattr__ = load  # type: ignore[method-assign]
    return stand_in


def import_surt() -> ModuleType:
    """surt, its ``tldextract`` (used only by ``handyurl.getPublicSuffix``/``getPublicPrefix``) a stand-in
    that imports the real one on first use.

    The stand-in is in ``sys.modules`` only while surt imports, so any other
    ``import tldextract`` gets the real module.
    """
    if "surt" in sys.modules or "tldextract" in sys.modules:
        return importlib.import_module("surt")
    stand_in = sys.modules["tldextract"] = _stand_in("tldextract")
    try:
        return importlib.import_module("surt")
    finally:
        if sys.modules.get("tldextract") is stand_in:
            del sys.modules["tldextract"]
