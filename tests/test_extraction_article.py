"""Stage 2: what goes before trafilatura runs, and its precision fallback."""

from __future__ import annotations

from lxml import etree

from archiver.extraction.article import _lighten
from archiver.extraction.dom import parse


def shape(root) -> str:
    return etree.tostring(root.find("body"), encoding="unicode", method="html")


def test_empty_elements_go_and_their_tails_stay():
    root = parse("<html><body><div><p>One <span class='icon'></span>two</p><div class='spacer'> </div>"
                 "<div><i></i><a href='/x'></a></div>tail<p>Three<br>four</p></div></body></html>")
    _lighten(root, keep_images=False)
    assert shape(root) == "<body><div><p>One two</p>tail<p>Three<br>four</p></div></body>"


def test_elements_that_mean_something_empty_are_kept():
    root = parse("<html><body><table><tr><td></td><td>x</td></tr></table><hr><p>a<img src='i.png'></p>"
                 "</body></html>")
    _lighten(root, keep_images=True)
    assert shape(root).count("<td") == 2 and "<hr>" in shape(root) and "<img" in shape(root)
    _lighten(root, keep_images=False)
    assert "<img" not in shape(root) and "<p>a</p>" in shape(root)


def test_form_controls_and_media_go_with_their_content():
    root = parse("<html><body><p>Text</p><button><span>Share</span></button><video><p>fallback</p></video>"
                 "</body></html>")
    _lighten(root, keep_images=False)
    assert shape(root) == "<body><p>Text</p></body>"
