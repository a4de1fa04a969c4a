"""Named anchors: an ``<a>`` with no ``href`` that only marks a place (``<a name="plan">The plan</a>``).

Older HTML (DocBook and Texinfo output, hand-written pages, mail archives) wraps a section's heading
text in a named anchor, the target of the page's table of contents. Such an ``<a>`` is no link, yet
trafilatura reads every ``<a>`` inside a ``<div>``, ``<li>`` or ``<p>`` as one, and precision mode's
link-density pass with backtracking (``delete_by_link_density(tree, "div", backtracking=True)``)
deletes a short last section whose only "link" is its heading: the heading and its paragraph went
(https://github.com/webcompat/web-bugs/issues/52501: reader view skipping parts of a tldp.org HOWTO).
:func:`unwrap_named_anchors` puts each such anchor's text (and children) in its place; ``extract``
calls it only on a page whose source holds ``<a name=`` or ``<A NAME=`` (``marks.TAG_MARKS``).

Only an ``<a name>`` with no ``class``, ``onclick`` or ``role`` is taken. A classed one is a widget's
title written for a script (``<a class="title" name="#">Weitere Stories</a>`` over a teaser box: as
text, the box's labels came in on a dev page), and an ``<a id>`` with text is mostly a script's hook
(``<a id="click_to_login_review">Would you like to leave us a review?</a>``: as text, it moved a
recipe page's main pick off its ingredients); both are left as links.
"""
from __future__ import annotations

__all__ = ["NAMED_ANCHORS", "unwrap_named_anchors"]

NAMED_ANCHORS = True  # False: a named anchor stays an <a>, read as a link by trafilatura (ablation)

_ANCHORS = "//a[@name][not(@href)][not(@class)][not(@onclick)][not(@role)]"


def unwrap_named_anchors(root) -> int:
    """Replace each named anchor under ``root`` (an ``<a>`` with a ``name``; no ``href``, ``class``,
    ``onclick`` or ``role``) by its content (an empty one just goes); returns how many went."""
    if not NAMED_ANCHORS:
        return 0
    anchors = root.xpath(_ANCHORS)
    for a in anchors:
        a.drop_tag()
    return len(anchors)
