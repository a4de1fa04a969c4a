"""The stages' gates scan the page's UTF-8 bytes when the page came as exact UTF-8 (marks.holder,
statebody's script scan): the same answers as scanning the decoded text, on text whose characters
outside ASCII (curly quotes, accents, CJK) sit before and between the needles.

Each page is extracted twice, from its bytes (served as UTF-8: the gates scan the bytes) and
from its text (the gates scan the text); the gated stage must act, and both readings must agree.
"""
from __future__ import annotations

import json

import pytest

from archiver.extraction import extract
from archiver.extraction.marks import holder
from archiver.extraction.statebody import _holds_state, _holds_state_raw

URL = "https://kelbrook-courier.invalid/2026/12/harbour"
UTF8 = "text/html; charset=utf-8"
PROSE = ("“The harbour board’s café reopens in spring,” said Ms Ødegård — the council’s "
         "third attempt at the quay since 2019, after two plans fell through over costs.")

GESHI = f"""<!doctype html><html><head><title>Harbour notes – paste</title></head><body>
<h1>Harbour notes</h1><p>{PROSE}</p>
<ol><li class="li1"><div class="de1">Kelbrook’s quay reopens in spring after two failed plans.</div></li>
<li class="li2"><div class="de2">The café on the pier keeps its winter hours until March.</div></li>
<li class="li1"><div class="de1">Ferries to Ødegård island run twice a day from the new slip.</div></li></ol>
<p>{PROSE}</p></body></html>"""

PARAGRAPHS = [
    "“The harbour board’s café reopens in spring,” said Ms Ødegård, after months of talks with the ferry company.",
    "The council’s third attempt at the quay since 2019 comes after two plans fell through over costs and a long "
    "winter of storms that closed the old slip for weeks.",
    "Ferries to the island will run twice a day from the new slip from April, the board said in its statement on "
    "Thursday, and the winter timetable returns in October.",
    "The fish market on the quay keeps its Saturday hours; traders said the works had cost them a season.",
]
LD = json.dumps({"@type": "NewsArticle", "headline": "Quay reopens", "articleBody": "\n\n".join(PARAGRAPHS)},
                ensure_ascii=False)
LD_BODY = f"""<!doctype html><html><head><title>Quay reopens – Kelbrook Courier</title>
<script type="application/ld+json">{LD}</script></head>
<body><h1>Quay reopens</h1><div id="app">Loading…</div></body></html>"""

MARKUP = "".join(f"<p>{p}</p>" for p in PARAGRAPHS).replace("<", "\\u003c").replace(">", "\\u003e")
STATE = f"""<!doctype html><html><head><title>Quay reopens – Kelbrook Courier</title></head>
<body><h1>Quay reopens</h1><div id="root">Lädt…</div>
<script type="application/json" id="state">{{"story": {{"title": "Quay reopens", "body": "{MARKUP}"}}}}</script>
</body></html>"""


def _both(page: str):
    from_bytes = extract(page.encode("utf-8"), URL, content_type=UTF8)
    from_text = extract(page, URL)
    assert from_bytes.error is None and from_text.error is None
    assert from_bytes.title == from_text.title
    assert from_bytes.paragraphs == from_text.paragraphs
    assert from_bytes.removed == from_text.removed
    return from_bytes


def test_numbered_lines_gate_on_bytes():
    result = _both(GESHI)
    assert "Kelbrook’s quay reopens in spring after two failed plans." in result.paragraphs  # a line, not "- ..."
    assert not any(p.startswith("- ") for p in result.paragraphs)


def test_declared_body_gate_on_bytes():
    result = _both(LD_BODY)
    assert result.paragraphs[-1] == PARAGRAPHS[-1]


def test_state_script_gate_on_bytes():
    result = _both(STATE)
    assert result.paragraphs[-1] == PARAGRAPHS[-1]


NEEDLES = ["articleBody", '"type":', "de1", "aria-hidden", "easer", "pdf2htmlEX", "textLayer",
           "position:absolute;top:", "application/json", "café", "x"]


@pytest.mark.parametrize("text", [GESHI, LD_BODY, STATE, "", "ascii only aria-hidden", "日本語のページ de1 “”"],
                         ids=["geshi", "ld-body", "state", "empty", "ascii", "cjk"])
def test_holder_answers_as_the_text(text):
    on_bytes, on_text = holder(text, text.encode("utf-8")), holder(text, None)
    for needle in NEEDLES:
        if needle.isascii():
            assert on_bytes(needle) == (needle in text) == on_text(needle), needle


@pytest.mark.parametrize("page", [
    STATE,
    STATE.replace("\\u003c/p\\u003e", ""),  # no paragraph markup: no state
    '<link type="application/json" href="x">“” </p>',  # not a script's type
    '<script type="application/json">{"a": "é"}</script><p>“later”</p></p>',  # the marker after the script
    '<script type="application/json">{"a": "</p>"',  # never closed
    "日本語" * 50 + '<SCRIPT type="application/json">{"b": "\\u003Cp"}</SCRIPT>',
], ids=["state", "no-markup", "link", "after", "unclosed", "cjk-upper"])
def test_state_scan_on_bytes_as_on_text(page):
    assert _holds_state_raw(page.encode("utf-8")) == _holds_state(page)
