"""Render diff results: ``text`` for a terminal, ``json`` for programs, ``html`` for people.

Every renderer takes the same list of :class:`archiver.diff.PairResult` and a
title, and returns a string; writing it is the caller's business.
"""
from __future__ import annotations

from typing import Any

from archiver.diff.reports.html import render_html
from archiver.diff.reports.jsonout import render_json
from archiver.diff.reports.text import render_text

FORMATS = ("text", "json", "html")


def render(results: list[Any], fmt: str = "text", title: str = "archiver diff", color: bool = False,
           extra: dict[str, Any] | None = None) -> str:
    if fmt == "text":
        return render_text(results, title=title, color=color, extra=extra)
    if fmt == "json":
        return render_json(results, extra=extra)
    if fmt == "html":
        return render_html(results, title=title, extra=extra)
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


__all__ = ["FORMATS", "render", "render_text", "render_json", "render_html"]
