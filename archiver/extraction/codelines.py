"""A text shown as a code highlighter's numbered lines: each line a paragraph, not a list item.

GeSHi (paste sites, old wikis and forums) writes a listing as an ordered list whose items are the
lines, ``<ol><li class="li1"><div class="de1">line</div></li><li class="li2">...``, so that the
browser numbers them. trafilatura reads the list as a list, and every line of a pasted article came
out as a list item ("- Kazakh President ..."). :func:`unlist_numbered_lines` makes such a list a
``<div>`` and each item a ``<p>`` holding the line; only a list every item of which is GeSHi's
line (``li1``/``li2`` holding one ``de1``/``de2``), found from the page's text first: ``de1`` in it.

A code block whose last line ends in a space or a tab and no newline (a highlighter's empty last
``<span> </span>``, a space after the ``</code>`` inside the ``<pre>``) had the paragraph after it
glued onto that last line ("} The harbour board said ..."): trafilatura starts a paragraph on a
new line only after a non-space character. :func:`end_code_blocks` strips that run, so the block
ends on its last character.
"""
from __future__ import annotations

__all__ = ["end_code_blocks", "unlist_numbered_lines"]

NUMBERED_LINES = True  # False: a highlighter's numbered lines stay list items (ablation)
CODE_END = True  # False: a code block's closing spaces stay, and the next paragraph joins its last line (ablation)
_ITEMS = frozenset({"li1", "li2"})
_LINES = frozenset({"de1", "de2"})


def _quoted_de1(html: str) -> bool:
    """``'"de1"' in html or "'de1'" in html`` (GeSHi's line class, quoted), in one scan: "de1" is rare,
    and each one found is looked at in place (two substring scans of a whole page cost 1.4 times as much)."""
    at = html.find("de1")
    while at >= 0:
        quote = html[at - 1:at]
        if (quote == '"' or quote == "'") and html[at + 3:at + 4] == quote:
            return True
        at = html.find("de1", at + 3)  # "de1" cannot overlap itself
    return False


def unlist_numbered_lines(root, html: str) -> int:
    """Rewrite each GeSHi listing of ``root`` as ``<p>`` lines; ``html`` is the page's source, for the
    gate. Returns how many listings changed."""
    if not NUMBERED_LINES or not _quoted_de1(html):
        return 0
    done = 0
    for lst in list(root.iter("ol")):
        items = [li for li in lst if isinstance(li.tag, str)]
        if not items or not all(_line_item(li) for li in items):
            continue
        lst.tag = "div"
        for li in items:
            li.tag = "p"
            li.attrib.pop("class", None)
            li[0].drop_tag()
        done += 1
    return done


def _line_item(li) -> bool:
    return (li.tag == "li" and li.get("class") in _ITEMS and len(li) == 1 and li[0].tag == "div"
            and li[0].get("class") in _LINES and not (li.text or "").strip())


def end_code_blocks(pres) -> int:
    """Strip the closing run of spaces and tabs of each ``<pre>`` of ``pres`` (elements, in any order)
    whose text ends in one with no newline in it; the last text piece that is not only white space
    keeps its text, trailing blanks aside. Returns how many blocks changed."""
    if not CODE_END:
        return 0
    done = 0
    for pre in pres:
        if pre.tag != "pre":  # a mail's <pre> that prosepre made a <div> of paragraphs
            continue
        slots = _text_slots(pre)
        run = "".join(getattr(el, attr) or "" for el, attr in slots)
        end = run[len(run.rstrip()):]
        if not end or "\n" in end or "\r" in end or not run.strip():
            continue
        for el, attr in reversed(slots):
            value = getattr(el, attr) or ""
            setattr(el, attr, value.rstrip() or None)
            if value.strip():
                break
        done += 1
    return done


def _text_slots(pre) -> list[tuple]:
    """The text pieces inside ``pre`` in reading order, as ``(element, "text" | "tail")``; the
    ``pre``'s own tail is outside it."""
    slots: list[tuple] = []

    def walk(el, with_tail: bool) -> None:
        slots.append((el, "text"))
        for child in el:
            walk(child, True)
        if with_tail:
            slots.append((el, "tail"))

    walk(pre, False)
    return slots
