"""A wire service's NITF document read as the page its XSLT renders: its subheadings as headings.

NITF (the IPTC's News Industry Text Format, https://iptc.org/std/NITF/, 3.6: https://iptc.org/std/NITF/3.6/
specification/nitf-3-6.xsd) is the XML a news agency's feed or archive serves a story in; a browser shows it
through the stylesheet its ``<?xml-stylesheet?>`` names. Its paragraphs are ``<p>``, which extractors read;
its subheadings in the story are ``<hl2>`` ("a subheadline", the schema's words), which they do not know and
drop: the story loses its subheadings (rend36's NITF renditions of the seed articles, the DW story's two).

:func:`read_nitf_headings` renames each ``hl2`` inside ``body.content`` to ``h2``, as the IPTC's sample
stylesheet renders it. A document with no ``body.content`` is left alone.
"""
from __future__ import annotations

__all__ = ["NITF_HEADINGS", "read_nitf_headings"]

NITF_HEADINGS = True  # stage:nitf-headings; False: an NITF story's subheadings (hl2) are dropped (ablation)


def read_nitf_headings(root) -> int:
    """Rename ``root``'s ``hl2`` elements inside a ``body.content`` to ``h2`` (in place; lxml's HTML parser gives
    the tags without their namespace); return how many. Never raises."""
    if not NITF_HEADINGS:
        return 0
    renamed = 0
    for content in root.iter("body.content"):
        for heading in content.iter("hl2"):
            heading.tag = "h2"
            renamed += 1
    return renamed
