"""mend59: page controls that look like bug40's terms (review57's findings 1-5, 8) stay out.

Each look-alike below carries a term's sign where it can (a glossary class, a tooltip or popover
trigger), so the one guard it is named for is what keeps it out: with that guard gone the stage would
unwrap it. Each is checked twice: the stage changes nothing of it (the unit), and the page comes out
exactly as with the stage switched off (the pipeline). Then the kinds the mend makes right: a term in
CJK kept without spaces, a ``<blink>`` in CJK, ``<Center>`` in mixed case.
"""
from __future__ import annotations

import pytest
from harbourkit import BODY, archiver_paragraphs
from harbourkit import page as _page
from lxml import html as lxml_html

from archiver.extraction import inline, obsolete

# --- buttons: (middle markup) -- each a control, each with exactly one sign that keeps it out -----------
BUTTONS = {
    # no term sign at all (the reviewer's mid-line controls)
    "share-tweet": "<p>The board meets on Thursday <button class='share'>Share</button> <button>Tweet</button> at "
                   "the harbour office on Quay Street.</p>",
    "follow-byline": "<p>By Ann Beck <button class='follow'>Follow</button> the harbour correspondent, on Monday.</p>",
    "subscribe-in-li": "<ul><li>Get the weekly tide letter <button>Subscribe</button> free of charge every week."
                       "</li></ul>",
    "play-audio": "<p>Listen to this article <button class='audio-play'>Play</button> 4 min</p>",
    "click-to-tweet": "<blockquote class='quote'><p>We will reopen the basin in May <button class='click-to-tweet'>"
                      "Tweet this</button> said the harbour master.</p></blockquote>",
    "no-term-sign": "<p>Boats use the sill <button class='info'>What is this?</button> as a marker on the ebb "
                    "tide every day.</p>",
    # a term sign, and a control's label (rules/inline_terms.json, toggle_controls.json)
    "share-popover": "<p>The board meets on Thursday <button class='share' data-toggle='popover'>Share</button> at "
                     "the harbour office on Quay Street.</p>",
    "copy-link-tooltip": "<p>Read the full report <button data-bs-toggle='tooltip' title='Copied'>Copy link</button>"
                         " on the board website before Friday.</p>",
    "read-more-tooltip": "<p>The basin will close at once <button class='tooltip-btn'>Read more</button> and it "
                         "will stay closed.</p>",
    "print-glossary": "<p>Prep time 20 minutes <button class='glossary'>Print</button> Serves four people in all.</p>",
    "log-in-popover": "<p>Sign in to comment <button data-toggle='popover'>Log in</button> or register today.</p>",
    "cjk-share-term": "<p>港务局表示工程将在春季开始<button class='term'>分享到微博</button>渡轮将改用外港码头。</p>",
    # a term sign, and a sentence end before it (not the same sentence)
    "after-sentence-end": "<p>Read the report on the board site. <button class='glossary-term'>Tide gauge</button>"
                          " The board meets again on Thursday at noon.</p>",
    # a term sign, and a control's role or state
    "role-tab": "<p>Browse by <button role='tab' class='term'>Latest</button> or more today, the board said.</p>",
    "aria-pressed": "<p>The board found the <button class='term' aria-pressed='false'>inner basin</button> silted "
                    "up again this winter.</p>",
    "aria-haspopup": "<p>The full survey <button class='tooltip' aria-haspopup='dialog'>Open the figures</button> "
                     "runs to forty pages on the website.</p>",
    # a term sign, and a control's place
    "in-heading": "<h3>Latest from the harbour <button class='tooltip'>Basin news</button> stories</h3>",
    "in-tablist": "<div role='tablist'><p>Browse the <button class='term'>latest news</button> of the basin "
                  "today.</p></div>",
    # a term sign, and too long for a term in a script without spaces (counted by characters)
    "cjk-long": "<p>注意：<button class='term'>这是一个非常长的按钮文字内容超过十二个字</button>谢谢大家的支持。</p>",
}

LABELS = {
    # its for= names a field of the page
    "for-real-field": "<p>Tell us your view <label for='e'>Email address</label> and we will reply within a week."
                      "</p><p><input id='e' type='email'></p>",
    "for-field-elsewhere": "<div><p>Tell us your view <label for='e2'>your postcode</label> and we will reply "
                           "within a week.</p></div><div class='box'><input id='e2' type='email'></div>",
    "poll-radio": "<ul class='poll'><li>Vote: <label for='a'>close the basin</label> now please</li>"
                  "<li><input type='radio' id='a'></li></ul>",
    # a field in the same container, no for=
    "quiz-container": "<div class='quiz'><p>Which is deeper: <label>the inner basin</label> or the outer one in "
                      "winter?</p><p><input type='radio' name='q'></p></div>",
    # a control inside the label
    "switch-inside": "<p>Turn on <label>dark mode <button role='switch'>Off</button></label> to read at night on "
                     "the quay.</p>",
}

BLINKS = {
    "badge-leading-p": "<p><blink>NEW!</blink> Tide tables for the whole of next year are now online.</p>",
    "badge-leading-li": "<ul><li><blink>NEW</blink> Tide tables for the whole of next year are now online</li></ul>",
    "badge-in-cell": "<table><tr><td><blink>HOT</blink> <a href='/x'>Winter mooring offer for members of the "
                     "club</a></td></tr></table>",
}

_P = "".join(f"<p>{line}</p>" for line in BODY[:6])
_OLD = "<html><head><title>Basin survey</title></head><body><center><h1>Basin survey</h1></center>" + _P
CENTERS = {  # whole pages: an old page's footer after the body's last paragraph, notices in small print
    "footer-after-body": _OLD + "<hr><center>Send mail to the webmaster with questions about this web site.</center>"
                                "</body></html>",
    "powered-by": _OLD + "<center>Powered by FrontPage. Made on a Mac. Hosted by Tripod.</center></body></html>",
    "small-print": _page("<center><small>The views expressed are those of the authors and not the board. "
                         "Reproduction without permission is prohibited.</small></center>"),
    "named-box": _page("<center class='footer'>Fenwick Harbour Board, Quay Street, Fenwick. Contact us by phone "
                       "on weekdays.</center>"),
}


def _off(html: str, module, switch: str, monkeypatch) -> list[str]:
    monkeypatch.setattr(module, switch, False)
    return archiver_paragraphs(html)


@pytest.mark.parametrize("name", sorted(BUTTONS))
def test_control_button_left_alone(name, monkeypatch):
    root = lxml_html.fromstring(_page(BUTTONS[name]))
    assert inline.unwrap_inline_buttons(root) == 0
    html = _page(BUTTONS[name])
    assert archiver_paragraphs(html) == _off(html, inline, "INLINE_BUTTONS", monkeypatch)


@pytest.mark.parametrize("name", sorted(LABELS))
def test_form_label_left_alone(name, monkeypatch):
    root = lxml_html.fromstring(_page(LABELS[name]))
    monkeypatch.setattr(inline, "INLINE_BUTTONS", False)  # the labels alone
    assert inline.unwrap_inline_buttons(root) == 0
    html = _page(LABELS[name])
    assert archiver_paragraphs(html) == _off(html, inline, "INLINE_LABELS", monkeypatch)


@pytest.mark.parametrize("name", sorted(BLINKS))
def test_leading_blink_badge_left_alone(name, monkeypatch):
    root = lxml_html.fromstring(_page(BLINKS[name]))
    assert obsolete.unwrap_blinks(root) == 0
    html = _page(BLINKS[name])
    on = archiver_paragraphs(html)
    assert on == _off(html, obsolete, "BLINK_TEXT", monkeypatch)
    assert not any(word in " ".join(on) for word in ("NEW", "HOT"))


@pytest.mark.parametrize("name", sorted(CENTERS))
def test_center_footer_and_notice_left_out(name, monkeypatch):
    html = CENTERS[name]
    on = archiver_paragraphs(html)
    assert on == _off(html, obsolete, "CENTER_BLOCKS", monkeypatch)
    assert BODY[3] in on
    assert not any(w in " ".join(on) for w in ("webmaster", "FrontPage", "views expressed", "Contact us"))


# --- what the mend makes right -------------------------------------------------------------------------
FIXED = {
    "cjk-term-no-spaces": ("<p>港务局表示<button class='term'>内港池</button>的淤泥已经增加了将近一米。</p>",
                           "港务局表示内港池的淤泥已经增加了将近一米。", (inline, "INLINE_BUTTONS")),
    "ja-label-no-spaces": ("<p>ゲートは毎日<label>6</label>時に開きます、と港湾局は述べた。</p>",
                           "ゲートは毎日6時に開きます", (inline, "INLINE_LABELS")),
    "cjk-blink": ("<p>港务局主席<blink>警告</blink>说，疏浚工程将推迟到夏天才能完成。</p>",
                  "港务局主席警告说", (obsolete, "BLINK_TEXT")),
    "mixed-case-center": ("<Center>The basin will close for six weeks from March, the board said.</Center>",
                          "The basin will close for six weeks from March, the board said.",
                          (obsolete, "CENTER_BLOCKS")),
}


@pytest.mark.parametrize("name", sorted(FIXED))
def test_mend_kinds_kept(name, monkeypatch):
    middle, words, (module, switch) = FIXED[name]
    html = _page(middle)
    assert any(words in p for p in archiver_paragraphs(html))
    assert not any(words in p for p in _off(html, module, switch, monkeypatch))
