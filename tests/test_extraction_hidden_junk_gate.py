"""The hidden-junk stage reads the page's stylesheet only when its top level names a class of a candidate
(``hiddenjunk.SHEET_GATE``, speed48): the same text and the same page account with the gate on and off, on
invented pages whose candidates' classes the stylesheet hides, shows again, names only inside ``@media``, names
only across a comment, or does not name at all."""
from __future__ import annotations

import pytest

from archiver.extraction import extract, hiddenjunk

BODY = "".join(f"<p>Paragraph {i} of the report on the harbour, with words enough to be read as body text by "
               "any extractor.</p>" for i in range(4))
URL = "https://news.example/pier"


def _page(junk: str, style: str) -> str:
    line = f"The har{junk}bour board met on Tues{junk}day to talk about the pier and its new steel piles."
    return (f"<html><head><title>Pier</title><style>{style}</style></head><body><article><h1>Pier</h1>{BODY}"
            f"<p>{line}</p><p>Filed by <span class='by'>Jo</span>an, with <b class='cnt'>12</b> comments.</p>"
            "</article></body></html>")


# (junk, stylesheet, whether the junk goes)
CASES = [
    ("<span class='k7x'>q</span>", ".k7x{display:none} .lead{font-weight:bold}", True),
    ("<span class='k7x'>q</span>", ".lead{font-weight:bold} .nav a{display:none}", False),  # class not named
    ("<span class='k7x'>q</span>", "@media (max-width:600px){.k7x{display:none}} p{margin:0}", False),  # @media only
    ("<span class='k7x'>q</span>", ".k7/* a comment */x{display:none}", True),  # named once the comment is out
    ("<span class='k7x hdn'>q</span>", ".hdn{display:none} @media (min-width:1px){.k7x{display:inline}}",
     False),  # one class hides it, the other shows it again: it stays
    ("<span class='d-none d-md-inline'>q</span>",
     ".d-none{display:none} @media (min-width:768px){.d-md-inline{display:inline}}", False),  # shown again
    ("<font class='m2q'>xw</font>", "span.m2q, .zz{font-size:0}", True),
    ("<font class='m2q'>xw</font>", "", False),  # no stylesheet rule at all
]


def _outcome(html: str) -> tuple[str, list]:
    result = extract(html, URL)
    return result.text, [(r.rule, r.text) for r in result.removed]


@pytest.mark.parametrize("junk,style,goes", CASES)
def test_the_gate_gives_the_same_text_and_account(monkeypatch, junk, style, goes):
    html = _page(junk, style)
    gated = _outcome(html)
    monkeypatch.setattr(hiddenjunk, "SHEET_GATE", False)
    assert _outcome(html) == gated
    assert ("harbour board" in gated[0]) == goes
    assert any(rule == "hidden-junk" for rule, _ in gated[1]) == goes


@pytest.mark.parametrize("gate,reads", [(True, 0), (False, 1)])
def test_a_sheet_naming_no_candidate_class_is_not_read(monkeypatch, gate, reads):
    made = []

    class Counted(hiddenjunk.Sheet):
        def __init__(self, *args, **kwargs) -> None:
            made.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(hiddenjunk, "Sheet", Counted)
    monkeypatch.setattr(hiddenjunk, "SHEET_GATE", gate)
    style = ".lead{font-weight:bold} .nav a{display:none} @media print{.k7x{display:none}}"
    text = extract(_page("<span class='k7x'>q</span>", style), URL).text
    assert "harqbour" in text
    assert len(made) == reads


def test_a_sheet_naming_a_candidate_class_is_read_once_a_page(monkeypatch):
    made = []

    class Counted(hiddenjunk.Sheet):
        def __init__(self, *args, **kwargs) -> None:
            made.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(hiddenjunk, "Sheet", Counted)
    text = extract(_page("<span class='k7x'>q</span>", ".k7x{display:none}"), URL).text
    assert "harbour board" in text and "Tuesday" in text
    assert len(made) == 1


def test_sheet_from_its_parts_is_the_sheet_of_the_text():
    css = "/* .c0{display:none} */ .a{display:none} @media print{.f{display:none} .a{display:block}} .b{font-size:0}"
    whole, parted = hiddenjunk.Sheet(css), hiddenjunk.Sheet("", hiddenjunk._parts(css))
    assert (whole.hides, whole.shows) == (parted.hides, parted.shows)
    assert whole.hides == {"a": {"display"}, "b": {"font-size"}}
