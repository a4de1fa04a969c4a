"""Named anchors: an ``<a>`` with no ``href`` that only marks a place (``<a name="plan">The plan</a>``).

Older HTML (DocBook and Texinfo output, hand-written pages, mail archives) wraps a section's heading
text in a named anchor, the target of the page's table of contents. Such an ``<a>`` is no link, yet
trafilatura reads every ``<a>`` inside a ``<div>``, ``<li>`` or ``<p>`` as one, and precision mode's
link-density pass with backtracking (``delete_by_link_density(tree, "div", backtracking=True)``)
deletes a short last section whose only "link" is its heading: the heading and its paragraph went
(https://github.com/webcompat/web-bugs/issues/52501: reader view skipping parts of a tldp.org HOWTO).
:func:`unwrap_named_anchors` puts each such anchor's text (and children) in its place.

An ``<a>`` with no ``href`` but an ``onclick`` or a ``role`` is a script's button, and one with a
``class`` but no ``name`` may be a menu item written for a script: both are left as they are.
"""
from __future__ import annotations

__all__ = ["NAMED_ANCHORS", "unwrap_named_anchors"]

NAMED_ANCHORS = True  # False: a named anchor stays an <a>, read as a link by trafilatura (ablation)

_ANCHORS = ("//a[not(@href)][not(@onclick)][not(@role)]"
            "[@name or (@id and not(@class))]")


def unwrap_named_anchors(root) -> int:
    """Replace each named anchor under ``root`` (an ``<a>`` with ``name``, or ``id`` and no ``class``;
    no ``href``, ``onclick`` or ``role``) by its content; returns how many went."""
    if not NAMED_ANCHORS:
        return 0
    anchors = root.xpath(_ANCHORS)
    for a in anchors:
        a.drop_tag()
    return len(anchors)
