"""The elements whose text libxml2's HTML parser does not read as markup: a ``<`` inside one is text.

libxml2 2.14 tokenizes as HTML5 does: ``script``, ``style``, ``xmp``, ``iframe``, ``noembed`` and
``noframes`` hold raw text, ``title`` and ``textarea`` escapable raw text (RCDATA), and ``plaintext``
runs to the end of the page. ``noscript`` and ``template`` are parsed as markup (libxml2 runs no
scripts). A byte scan that looks for tags ahead of that parser (``crowded.trim_tags``,
``deepnest.flatten``) passes over what these hold, as the parser does.

``RAW_TEXT`` is a frozenset of lower-case ASCII names as bytes. ``tests/test_extraction_rawtext.py``
checks it against the parser lxml is built with.
"""
from __future__ import annotations

__all__ = ["RAW_TEXT"]

RAW_TEXT = frozenset((b"script", b"style", b"textarea", b"title", b"xmp", b"plaintext", b"iframe", b"noembed",
                      b"noframes"))
