"""How the ablation turns a switch off: the patches ``bench/switch_stages.py`` and ``bench/switches.py``
build their tables from. Each is a ``Callable[[], None]`` run once in a worker process before its
pages (it changes module attributes there and is never undone), or a helper that makes one.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["latin_only", "noop_count", "patch", "without_rules"]


def noop_count(*_args, **_kwargs) -> int:
    """A stage function that did nothing: 0 elements changed."""
    return 0


def patch(module: Any, attr: str, value: Any) -> Callable[[], None]:
    """A patch setting ``module.attr`` to ``value`` (a flag to False, a function to a no-op)."""
    return lambda: setattr(module, attr, value)


def latin_only() -> None:
    """Sentence tests as before ``lines.WIDE_SCRIPTS``: split words, Latin sentence ends only."""
    from archiver.extraction import brjoin, continuation, hardwraps, headings, inline, leadrun, lines, misnamed, repair
    lines.WIDE_SCRIPTS = False
    lines.SENTENCE_END = repair._SENTENCE_END = brjoin._SENTENCE_END = hardwraps.SENTENCE_END = \
        lines.LATIN_SENTENCE_END
    lines.FULL_STOP_END = continuation._SENTENCE_END = misnamed._SENTENCE = lines.LATIN_FULL_STOP_END
    headings.SENTENCE_END = inline.SENTENCE_END = leadrun.SENTENCE_END = headings.LATIN_SENTENCE_END


def without_rules(change: Callable) -> Callable[[], None]:
    """A patch of ``rules_for`` so every page gets ``change(ruleset)``."""
    def apply() -> None:
        import archiver.extraction as ex
        original = ex.rules_for

        def rules_for(host):
            return change(original(host))
        ex.rules_for = rules_for  # type: ignore[assignment]  # a patch in the worker process
    return apply
