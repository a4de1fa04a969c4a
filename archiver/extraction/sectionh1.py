"""Section titles written as ``<h1>`` inside ``<section>``s: read as the subheadings they are.

HTML5's outline algorithm let every ``<section>`` restart its headings at ``<h1>``, and formats
written for it still do: HTMLBook (O'Reilly's book format: ``<section data-type="chapter"><h1>``
the chapter's title, then ``<section data-type="sect1"><h1>`` each section's) and pages generated
from it. trafilatura reads an ``<h1>`` as a heading only inside a body container it knows; on a
page with none its fallback reads paragraphs alone, and ``gaps`` puts back ``<h2>``-``<h6>`` between
two kept paragraphs but no ``<h1>`` (the headline's tag). The sections' titles were lost, in
archiver and bare trafilatura (https://github.com/ZachSaucier/Just-Read/issues/65: a book chapter's
"Types of Machine Learning Systems" section missing in reader view; bug20).

:func:`demote_section_h1s` renames ``<h2>`` an ``<h1>`` that is not the page's first, is the first
element of a ``<section>`` (or of the ``<header>`` opening one) and whose ``<section>`` lies inside
an element that holds the page's first ``<h1>`` before it: a section of the story under the
headline. The headline itself, an ``<h1>`` of another ``<article>`` (an endless page's next story,
a live page's entries) and an ``<h1>`` standing loose in the body are left as they are. The
elements come from ``tagged.by_tag``'s walk: no walk of its own.
"""

from __future__ import annotations

__all__ = ["SECTION_H1S", "demote_section_h1s"]

SECTION_H1S = True  # False: a section's <h1> stays an <h1> (stage:section-h1s)


def _opens_section(h1):
    """The ``<section>`` whose first element ``h1`` is (directly, or first in its opening ``<header>``)."""
    parent = h1.getparent()
    if parent is not None and parent.tag == "header" and _first_element(parent) is h1:
        h1, parent = parent, parent.getparent()
    if parent is not None and parent.tag == "section" and _first_element(parent) is h1:
        return parent
    return None


def _first_element(parent):
    return next((child for child in parent if isinstance(child.tag, str)), None)


def demote_section_h1s(found: dict[str, list]) -> int:
    """Rename ``<h2>`` the section ``<h1>``s of ``found`` (``tagged.by_tag``'s); the number renamed."""
    h1s = found.get("h1", [])
    if not SECTION_H1S or len(h1s) < 2 or "section" not in found:
        return 0
    headline = h1s[0]
    holders = set(headline.iterancestors())
    renamed = 0
    for h1 in h1s[1:]:
        section = _opens_section(h1)
        if section is None or section in holders:
            continue
        common = next((anc for anc in section.iterancestors() if anc in holders), None)
        if common is None or common.tag in ("html", "body") or any(a.tag == "article" and a not in holders
                                                                   for a in section.iterancestors()):
            continue
        h1.tag = "h2"
        renamed += 1
    return renamed
