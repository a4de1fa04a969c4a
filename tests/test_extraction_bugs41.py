"""Failure kinds from bug reports against article extractors and HTML-to-text tools, forty-first round (bug41):
markup a browser parses but does not draw as text, and obsolete elements it still draws; kinds archiver already
handles.

Fixed (invented pages, the Fenwick Harbour Review):

- A ``<template>``'s content read as the page's text (a browser draws none of it; libxml2 keeps it as
  children and trafilatura strips the tag, keeping the text): a card's template between paragraphs came out
  as a paragraph, a tooltip's template inside a sentence glued into it, by archiver and bare trafilatura
  alike (a parser's ``textContent`` giving a template's text where browsers give none:
  https://github.com/taoqf/node-html-parser/issues/235). Stage ``inert-templates``
  (``undrawn.INERT_TEMPLATES``); a declarative shadow root's template (``shadowrootmode``) is drawn and stays,
  and so does one holding two paragraphs of prose (a story's rest a "Continue reading" button clones in).
- A ``<canvas>``'s fallback ("Your browser does not support the canvas element."), drawn by no browser
  today: bare trafilatura drops it, archiver's gap stages put it back between the body's paragraphs (no
  extractor report found for ``<canvas>``; MDN on the fallback: https://github.com/mdn/content/pull/21669;
  the same kind for ``<video>``, guarded in round 40: https://github.com/Alir3z4/html2text/issues/112).
  Stage ``canvas-fallback`` (``undrawn.CANVAS_FALLBACK``).
- Words in a ``<marquee>`` inside a sentence (browsers still draw it, scrolling, in its line; trafilatura
  deletes it with its text, so "must <marquee>move their moorings</marquee> before" came out "must before":
  a text tool taught to read the tag, https://github.com/kevgo/text-runner/pull/421). Stage
  ``marquee-text`` (``obsolete.MARQUEE_TEXT``); a ticker standing alone stays trafilatura's to drop.
- An old page's code in an obsolete ``<xmp>`` or ``<listing>``, which HTML draws as a ``<pre>`` (the
  obsolete elements' mapping quoted in https://github.com/w3c/html-aam/issues/486): trafilatura has no
  reading for either, nothing of it came out (archiver and bare). Stage ``obsolete-pre``
  (``obsolete.OBSOLETE_PRE``).

- A side or margin note written inside its sentence (Tufte CSS's ``span.sidenote`` / ``span.marginnote``,
  drawn in the margin): glued into the sentence by archiver and bare alike ("The sillA sill is the raised
  floor of the gate. had fallen"; reader views show them inline: https://github.com/davish/davi.sh/pull/8; a
  full-text config keeps them out of the main text: https://github.com/fivefilters/ftr-site-config/pull/739).
  Stage ``sidenotes`` (``sidenotes.SIDENOTES``, class words in ``rules/sidenotes.json``): the note becomes a
  paragraph after its paragraph, the sentence whole.

Guarded (archiver right on main, bare trafilatura wrong):

- An obsolete ``<dir>`` list, drawn as a ``<ul>`` (https://github.com/w3c/html-aam/issues/486): its items kept.
- Body paragraphs boxed in a ``<fieldset>`` with a ``<legend>`` (an old page's notice box: a reader that
  removes every fieldset, "should these elements instead be unwrapped because they may contain text nodes?",
  https://github.com/jfroelich/rss-reader/issues/517): the paragraphs kept.

Each fix has a twin with its switch off showing the fault back (and what bare trafilatura does), and
look-alikes the stages must leave as they were (each shown to come out exactly as with the stage off).
"""
from __future__ import annotations

import pytest
from harbourkit import BODY, URL, archiver_paragraphs, bare_text, norm
from harbourkit import page as _page
from lxml import html as lxml_html

from archiver.extraction import extract, obsolete, sidenotes, undrawn

# --- fixed kinds ------------------------------------------------------------------------------------------

# (middle markup, a phrase of the template's that must not come out, words around it that must, in order)
TEMPLATES = {
    "card-between-paragraphs": ("<template id='card-tpl'><div class='card'><h3 class='card-title'>{title}</h3>"
                                "<p>The card template's paragraph that no reader of the page ever sees, filled "
                                "in by a script.</p></div></template>",
                                "no reader of the page ever sees", None),
    "tooltip-in-sentence": ("<p>The board met on Friday <template class='tip'>Tooltip text for the date"
                            "</template>and voted to dredge the outer basin before the spring tides.</p>",
                            "Tooltip text", "The board met on Friday and voted to dredge the outer basin"),
    "upper-case-tooltip": ("<p>The board met on Friday <TEMPLATE class='tip'>Tooltip text for the date"
                           "</TEMPLATE>and voted to dredge the outer basin before the spring tides.</p>",
                           "Tooltip text", "The board met on Friday and voted to dredge the outer basin"),
    "mustache-source": ("<template id='reply-tpl'><div class='entry'><p>{{author}} wrote on {{date}}:</p><p>{{{body}}}"
                        " The reply template's text is filled in by a script for every reply.</p></div></template>",
                        "filled in by a script for every reply", None),
    "ui-card-of-a-few-words": ("<template id='card'><div class='card'><h3>Berth notices</h3><p>See all notices</p>"
                               "<button>Close</button></div></template>", "See all notices", None),
    "german-in-sentence": ("<p>Der Hafenmeister sagte am Freitag, <template data-role='hint'>Hinweistext der "
                           "Vorlage</template>die Schleuse bleibe bis zum Frühjahr geschlossen.</p>",
                           "Hinweistext der Vorlage", "sagte am Freitag, die Schleuse bleibe bis zum Frühjahr"),
}
# what a reader sees once the page's script stamps the template out (archiver runs no script): kept, in order
DRAWN_TEMPLATES = {
    "web-component": ("<harbour-note></harbour-note><template id='note-tpl'><p>The harbour board met on Friday and "
                      "heard that the outer basin had silted up as well.</p><p>Dredging starts in March.</p>"
                      "</template><script>customElements.define('harbour-note',class extends HTMLElement{"
                      "connectedCallback(){this.append(document.getElementById('note-tpl').content.cloneNode(true))"
                      "}})</script>",
                      ["The harbour board met on Friday and heard that the outer basin had silted up as well."]),
    "vue-v-if": ("<div id='app'><template v-if='loaded'><ul><li>Dredging starts in March and lasts six months at "
                 "the outer basin.</li><li>The ferries use the north quay meanwhile.</li></ul></template></div>",
                 ["Dredging starts in March and lasts six months at the outer basin."]),
    "alpine-x-for-row": ("<p>The berths still free this winter are listed below.</p><ul><template x-for='b in "
                         "berths'><li x-text='b'>North pontoon berth 4, 12 metres, free from January</li></template>"
                         "</ul>", ["North pontoon berth 4, 12 metres, free from January"]),
    "alpine-x-if-list": ("<p>The harbour office lists the berths still free this winter.</p>"
                         "<template x-if='open'><ul><li>Berth seven on the north pontoon, free from January</li>"
                         "<li>Berth twelve on the east quay, free from March</li></ul></template>",
                         ["Berth seven on the north pontoon, free from January"]),
    "continue-divs": ("<button>Continue reading</button><template id='more'><div class='para'>The second half of "
                      "the survey found the outer channel silted up by a metre as well.</div><div class='para'>The "
                      "board will ask the ministry for the money.</div></template>",
                      ["The second half of the survey found the outer channel silted up by a metre as well."]),
    "continue-one-long-paragraph": ("<button>Continue reading</button><template id='more'><p>The second half of the "
                                    "survey found the outer channel silted up by a metre as well, and the board "
                                    "will now ask the ministry for the money before the autumn storms.</p><p>Work "
                                    "starts in March.</p></template>",
                                    ["the board will now ask the ministry for the money", "Work starts in March."]),
    "cjk-continue-reading": ("<button>继续阅读</button><template id='more'><p>港务局周五表示，内港的淤积比去年测量时"
                             "又增加了将近一米，渡轮现在只能等待涨潮才能进出港口。</p><p>工程师说，疏浚工作将在明年三月"
                             "开始，预计持续六个月。</p></template>",
                             ["内港的淤积比去年测量时又增加了将近一米", "疏浚工作将在明年三月开始"]),
    "thai-continue-reading": ("<button>อ่านต่อ</button><template id='more'><p>การท่าเรือแจ้งว่าแอ่งจอดเรือด้านในตื้นเขินขึ้นเกือบหนึ่งเมตร"
                              "นับจากการสำรวจครั้งก่อน และเรือข้ามฟากต้องรอน้ำขึ้น</p></template>",
                              ["การท่าเรือแจ้งว่าแอ่งจอดเรือด้านในตื้นเขินขึ้นเกือบหนึ่งเมตร"]),
}


@pytest.mark.parametrize("name", sorted(DRAWN_TEMPLATES))
def test_template_a_script_stamps_out_is_read(name, monkeypatch):
    middle, kept = DRAWN_TEMPLATES[name]
    html = _page(middle)
    out = archiver_paragraphs(html)
    between = _between(out)
    at = [between.find(k) for k in kept]
    assert -1 not in at and at == sorted(at), (kept, between)
    monkeypatch.setattr(undrawn, "INERT_TEMPLATES", False)
    assert archiver_paragraphs(html) == out  # as with the stage off (main before bug41): nothing of it dropped


CANVASES = {
    "bare-message": ("<canvas id='depth-chart' width='600' height='300'>Your browser does not support the canvas "
                     "element.</canvas>", "does not support the canvas"),
    "paragraph-message": ("<div class='chart'><canvas id='c2'><p>Sorry, your browser doesn't support canvas. "
                          "Please upgrade to a modern browser to see the tide chart.</p></canvas></div>",
                          "doesn't support canvas"),
    "upper-case-canvas": ("<CANVAS id='d'>Your browser does not support the canvas element.</CANVAS>",
                          "does not support the canvas"),
    "french-message": ("<canvas class='graphique'>Votre navigateur ne prend pas en charge l'élément canvas."
                       "</canvas>", "ne prend pas en charge"),
}
MARQUEES = {
    "alternate-phrase": ("<p>Boat owners must <marquee behavior='alternate'>move their moorings</marquee> before "
                         "the dredger arrives on the first of March.</p>",
                         "Boat owners must move their moorings before the dredger arrives"),
    "bold-word": ("<p>The office said <marquee><b>the basin is closed</b></marquee> until the survey is "
                  "finished next week, the clerk wrote.</p>",
                  "The office said the basin is closed until the survey is finished"),
    "list-item": ("<ul><li>The slipway is <marquee scrollamount='2'>closed</marquee> on Friday for the harbour "
                  "board's annual meeting.</li><li>It opens on Monday.</li></ul>",
                  "The slipway is closed on Friday for the harbour board's annual meeting."),
    "spanish": ("<p>El capitán del puerto dijo que <marquee>la dársena interior</marquee> seguirá cerrada hasta "
                "el final del invierno.</p>", "dijo que la dársena interior seguirá cerrada"),
}
# (middle markup, lines that must come out, in order)
PRES = {
    "xmp-with-markup": ("<p>The gauge script the office runs reads:</p><xmp>if depth < 2.5:\n    close_gate('<b>north"
                        "</b>')\nlog(depth)</xmp>",
                        ["if depth < 2.5:", "close_gate('<b>north</b>')", "log(depth)"]),
    "listing": ("<listing class='code'>tide = read_gauge()\nif tide &lt; 1.2:\n    ring_bell()</listing>",
                ["tide = read_gauge()", "if tide < 1.2:", "ring_bell()"]),
    "upper-case-xmp": ("<XMP>SET GATE=CLOSED\nWAIT 30</XMP>", ["SET GATE=CLOSED", "WAIT 30"]),
}

# (middle markup, the sentence read whole, the notes after it in order); GLUED: how it read with the note in it
SIDENOTES = {
    "wrapper-holding-its-words": ("<p>The <span class='sidenote'>sill<span class='sidenote-content'>A sill is the raised "
                                  "floor of the gate.</span></span> had fallen by half a metre since the spring "
                                  "survey.</p>", "The sill had fallen by half a metre since the spring survey.",
                                  ["A sill is the raised floor of the gate."]),
    "upper-case-class": ("<p>The sill<span class='SideNote'>A sill is the raised floor of the gate.</span> had fallen "
                         "by half a metre since the spring survey.</p>",
                         "The sill had fallen by half a metre since the spring survey.",
                         ["A sill is the raised floor of the gate."]),
    "tufte-sidenote": ("<p>The sill<label for='sn-1' class='margin-toggle sidenote-number'></label><input "
                       "type='checkbox' id='sn-1' class='margin-toggle'/><span class='sidenote'>A sill is the raised "
                       "floor of the gate at the basin's mouth.</span> had fallen by half a metre since the spring "
                       "survey.</p>",
                       "The sill had fallen by half a metre since the spring survey.",
                       ["A sill is the raised floor of the gate at the basin's mouth."]),
    "tufte-marginnote": ("<p>The board chose the cutter method<label for='mn-1' class='margin-toggle'>&#8853;"
                         "</label><input type='checkbox' id='mn-1' class='margin-toggle'/><span class='marginnote'>"
                         "The grab hopper was ruled out in 2019 as too slow.</span> for the outer channel this "
                         "winter, the engineer said.</p>",
                         "The board chose the cutter method for the outer channel this winter, the engineer said.",
                         ["The grab hopper was ruled out in 2019 as too slow."]),
    "german-two-notes": ("<p>Der Hafenmeister<span class='sidenote'>Seit 2011 im Amt.</span> sagte, die Schleuse"
                         "<span class='side-note'>Die nördliche der beiden Schleusen.</span> bleibe bis zum Frühjahr "
                         "geschlossen.</p>",
                         "Der Hafenmeister sagte, die Schleuse bleibe bis zum Frühjahr geschlossen.",
                         ["Seit 2011 im Amt.", "Die nördliche der beiden Schleusen."]),
}
GLUED = {"wrapper-holding-its-words": "The sillA sill", "upper-case-class": "The sillA sill", "tufte-sidenote": "The sillA sill", "tufte-marginnote": "cutter methodThe grab",
         "german-two-notes": "Der HafenmeisterSeit 2011"}


def _joined(html: str) -> str:
    return " ".join(archiver_paragraphs(html))


def _between(out: list[str]) -> str:
    """What archiver put between the fourth and the fifth body paragraphs, joined."""
    return " ".join(out[out.index(BODY[3]) + 1:out.index(BODY[4])])


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_template_content_is_no_text(name):
    middle, hidden, words = TEMPLATES[name]
    out = archiver_paragraphs(_page(middle))
    assert hidden not in " ".join(out)
    assert BODY[3] in out and BODY[4] in out
    if words:
        assert words in _between(out)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_template_switched_off_its_content_is_read_again(name, monkeypatch):
    middle, hidden, _ = TEMPLATES[name]
    html = _page(middle)
    monkeypatch.setattr(undrawn, "INERT_TEMPLATES", False)
    assert hidden in _joined(html)
    assert hidden in bare_text(html)


@pytest.mark.parametrize("name", sorted(CANVASES))
def test_canvas_fallback_is_no_text(name):
    middle, message = CANVASES[name]
    out = archiver_paragraphs(_page(middle))
    assert message not in " ".join(out)
    assert out.index(BODY[3]) + 1 == out.index(BODY[4])


@pytest.mark.parametrize("name", sorted(CANVASES))
def test_canvas_switched_off_the_fallback_is_put_back(name, monkeypatch):
    middle, message = CANVASES[name]
    html = _page(middle)
    monkeypatch.setattr(undrawn, "CANVAS_FALLBACK", False)
    assert message in _joined(html)
    assert message not in bare_text(html)  # bare trafilatura was right: the loss was archiver's own


@pytest.mark.parametrize("name", sorted(MARQUEES))
def test_marquee_words_kept_in_their_sentence(name):
    middle, words = MARQUEES[name]
    assert words in _between(archiver_paragraphs(_page(middle)))


@pytest.mark.parametrize("name", sorted(MARQUEES))
def test_marquee_switched_off_the_words_are_lost_again(name, monkeypatch):
    middle, words = MARQUEES[name]
    html = _page(middle)
    monkeypatch.setattr(obsolete, "MARQUEE_TEXT", False)
    assert words not in _joined(html)
    assert words not in bare_text(html)


@pytest.mark.parametrize("name", sorted(PRES))
def test_xmp_and_listing_read_as_pre(name):
    middle, lines = PRES[name]
    between = _between(archiver_paragraphs(_page(middle)))
    at = [between.find(line) for line in lines]
    assert -1 not in at and at == sorted(at), (lines, between)
    text_lines = [norm(line) for line in extract(_page(middle), URL).text.splitlines()]
    assert all(norm(line) in text_lines for line in lines)  # each line of the code its own line, as in a <pre>


@pytest.mark.parametrize("name", sorted(PRES))
def test_xmp_and_listing_switched_off_the_code_is_lost_again(name, monkeypatch):
    middle, lines = PRES[name]
    html = _page(middle)
    monkeypatch.setattr(obsolete, "OBSOLETE_PRE", False)
    assert lines[0] not in _joined(html)
    assert lines[0] not in bare_text(html)


@pytest.mark.parametrize("name", sorted(SIDENOTES))
def test_sidenote_after_its_sentence_read_whole(name):
    middle, sentence, notes = SIDENOTES[name]
    out = archiver_paragraphs(_page(middle))
    at = out.index(sentence)
    assert out[at + 1:at + 1 + len(notes)] == notes
    assert out.index(BODY[3]) < at < out.index(BODY[4])


@pytest.mark.parametrize("name", sorted(SIDENOTES))
def test_sidenote_switched_off_it_is_glued_into_the_sentence_again(name, monkeypatch):
    middle, sentence, notes = SIDENOTES[name]
    html = _page(middle)
    monkeypatch.setattr(sidenotes, "SIDENOTES", False)
    assert sentence not in _joined(html)
    assert sentence not in bare_text(html)
    assert GLUED[name] in _joined(html) and GLUED[name] in bare_text(html)


def test_drop_undrawn_keeps_tails_and_shadow_roots():
    root = lxml_html.fromstring("<div><p>a <template>t</template>b</p><canvas>No canvas in this browser<span>x</span>y</canvas>after"
                                "<div><template shadowrootmode='open'><p>shadow</p></template></div></div>")
    assert undrawn.drop_undrawn(root) == [("inert-template", "t"), ("canvas-fallback", "No canvas in this browserxy")]
    assert root.text_content() == "a bafter" + "shadow"
    assert root.find(".//canvas") is not None and root.find(".//template") is not None


def test_xmp_inside_a_sentence_keeps_the_words_in_order():
    out = archiver_paragraphs(_page("<p>Type <xmp><br></xmp> to break a line, the guide says, and save the page.</p>"))
    between = out[out.index(BODY[3]) + 1:out.index(BODY[4])]
    assert between == ["Type", "<br>", "to break a line, the guide says, and save the page."]


def test_read_obsolete_pre_renames_only_xmp_and_listing():
    root = lxml_html.fromstring("<div><xmp>a</xmp><listing>b</listing><pre>c</pre><plaintext>d</plaintext></div>")
    assert obsolete.read_obsolete_pre(root) == 2
    assert [el.tag for el in root] == ["pre", "pre", "pre", "plaintext"]


# --- look-alikes the stages must leave as they were ------------------------------------------------------

LOOKALIKES = {
    "declarative-shadow-root": ("<div class='fact-box'><template shadowrootmode='open'><p>The basin was last "
                                "dredged in 1987, when the gates were rebuilt by the board.</p></template></div>",
                                (undrawn, "INERT_TEMPLATES"), "The basin was last dredged in 1987"),
    "legacy-shadowroot-attribute": ("<div><template shadowroot='open'><p>The basin was last dredged in 1987, "
                                    "when the gates were rebuilt by the board.</p></template></div>",
                                    (undrawn, "INERT_TEMPLATES"), "The basin was last dredged in 1987"),
    "continue-reading-template": ("<button id='more-button' type='button'>Continue reading</button><template "
                                  "id='more'><p>The second half of the survey, read after one click, found the outer "
                                  "channel silted up by a metre as well.</p><p>The board will now ask the ministry for "
                                  "the money to dredge both channels before the autumn storms.</p></template>",
                                  (undrawn, "INERT_TEMPLATES"), "found the outer channel silted up by a metre"),
    "canvas-description": ("<canvas id='depth'><p>The depth at the sill fell from 4.2 metres in 2010 to 3.1 metres "
                           "in 2020, a loss of a quarter in ten years.</p></canvas>", (undrawn, "CANVAS_FALLBACK"),
                           "The depth at the sill fell from 4.2 metres in 2010"),
    "canvas-data-table": ("<p>The chart shows the depth at the sill each year.</p><canvas id='d' role='img'><table>"
                          "<caption>Depth at the sill, metres</caption><tr><th>Year</th><th>Depth</th></tr><tr><td>"
                          "2010</td><td>4.2</td></tr><tr><td>2020</td><td>3.1</td></tr></table></canvas>",
                          (undrawn, "CANVAS_FALLBACK"), "The chart shows the depth at the sill each year."),
    "marquee-ticker-in-paragraph": ("<p><b>Breaking:</b> <marquee>Ferry times change on Monday +++ Tide tables for "
                                    "December are out +++ Harbour office closed on Friday</marquee> <a href='/news'>"
                                    "all news</a></p>", (obsolete, "MARQUEE_TEXT"), None),
    "marquee-ticker-after-words": ("<p>Latest news <marquee>Ferry times change on Monday +++ Tide tables for "
                                   "December are out</marquee> more on the news page</p>", (obsolete, "MARQUEE_TEXT"),
                                   None),
    "marquee-label-and-link": ("<p>Breaking: <marquee>Ferry times change</marquee> <a href='/news'>all news</a></p>",
                               (obsolete, "MARQUEE_TEXT"), None),
    "marquee-opening-a-line": ("<ul><li><marquee>NEW</marquee> <a href='/tides'>Tide tables for December"
                               "</a></li></ul>", (obsolete, "MARQUEE_TEXT"), None),
    "sidenote-in-list-item": ("<ul><li>The sill<span class='sidenote'>A raised gate floor.</span> had fallen by "
                              "half a metre.</li><li>Work starts in March.</li></ul>", (sidenotes, "SIDENOTES"), None),
    "sidenote-wrapper-is-no-note": ("<p>The sill<span class='sidenote-wrapper'>A raised gate floor.</span> had fallen "
                                    "by half a metre.</p>", (sidenotes, "SIDENOTES"), None),
    "sidenote-parenthetical-inline": ("<p>The board chose the cutter method <span class='side-note'>(the grab hopper "
                                      "was too slow)</span> for the outer channel this winter.</p>",
                                      (sidenotes, "SIDENOTES"),
                                      "cutter method (the grab hopper was too slow) for the outer channel"),
    "sidenote-number-only": ("<p>The sill had fallen<span class='sidenote'>1</span> by half a metre since the spring "
                             "survey, the engineer said.</p>", (sidenotes, "SIDENOTES"), None),
    "marginnote-pull-quote": ("<p>The engineer said the sill had fallen by half a metre.<span class='marginnote'>"
                              "\u201cThe sill had fallen by half a metre.\u201d</span> The board meets in March.</p>",
                              (sidenotes, "SIDENOTES"), None),
    "footnote-span-not-a-note": ("<p>The basin silts up every winter<span class='footnote-ref'>1</span> and the "
                                 "board knows it.</p>", (sidenotes, "SIDENOTES"), None),
}


@pytest.mark.parametrize("name", sorted(LOOKALIKES))
def test_lookalikes_come_out_as_with_the_stage_off(name, monkeypatch):
    middle, (module, switch), kept = LOOKALIKES[name]
    html = _page(middle)
    on = archiver_paragraphs(html)
    monkeypatch.setattr(module, switch, False)
    assert on == archiver_paragraphs(html)
    assert BODY[3] in on and BODY[4] in on
    if kept:
        assert kept in " ".join(on)


TICKERS = ("marquee-ticker-in-paragraph", "marquee-ticker-after-words", "marquee-label-and-link")


@pytest.mark.parametrize("name", TICKERS)
def test_marquee_ticker_in_a_paragraph_stays_trafilaturas_to_drop(name):
    out = archiver_paragraphs(_page(LOOKALIKES[name][0]))
    assert not any("Ferry times change" in p for p in out)


def test_canvas_message_recorded_in_the_page_account_and_a_description_is_not():
    gone = extract(_page(CANVASES["bare-message"][0]), URL).removed
    assert any(r.rule == "canvas-fallback" and "does not support" in r.text for r in gone)
    kept = extract(_page(LOOKALIKES["canvas-description"][0]), URL).removed
    assert not any(r.rule == "canvas-fallback" for r in kept)


def test_the_gates_read_tags_and_class_words_in_any_case():
    assert undrawn.undrawn_marks("<TEMPLATE id=x>") and undrawn.undrawn_marks("<Canvas>")
    assert not undrawn.undrawn_marks("<templates>")
    assert sidenotes.sidenote_marks("<span class='MarginNote'>") and not sidenotes.sidenote_marks("<span>")


# --- guarded kinds: archiver right on main ---------------------------------------------------------------

DIRS = {
    "dir-items": ("<dir><li>The basin closes in March for the dredging work.</li><li>Ferries use the outer quay "
                  "until April.</li></dir>",
                  ["The basin closes in March for the dredging work.", "Ferries use the outer quay until April."]),
    "dir-compact-upper": ("<DIR COMPACT><LI>Moorings must be moved by the end of February.</LI><LI>Visitors "
                          "berth at the north pontoon.</LI></DIR>",
                          ["Moorings must be moved by the end of February.", "Visitors berth at the north pontoon."]),
}
FIELDSETS = {
    "legend-and-paragraph": ("<fieldset><legend>Notice to mariners</legend><p>The inner basin is closed to all "
                             "boats from the first of March until the survey is done.</p></fieldset>",
                             ["The inner basin is closed to all boats from the first of March"]),
    "legend-two-paragraphs": ("<fieldset class='box'><legend>How to apply</legend><p>Write to the harbour office "
                              "with the boat's name and length before the first of March.</p><p>The office replies "
                              "within ten days of the letter.</p></fieldset>",
                              ["Write to the harbour office with the boat's name",
                               "The office replies within ten days of the letter."]),
}


@pytest.mark.parametrize("name", sorted(DIRS))
def test_dir_list_items_kept(name):
    middle, items = DIRS[name]
    html = _page(middle)
    between = _between(archiver_paragraphs(html))
    at = [between.find(item) for item in items]
    assert -1 not in at and at == sorted(at)
    assert items[0] not in bare_text(html)  # bare trafilatura loses the list


@pytest.mark.parametrize("name", sorted(FIELDSETS))
def test_fieldset_paragraphs_kept(name):
    middle, lines = FIELDSETS[name]
    html = _page(middle)
    between = _between(archiver_paragraphs(html))
    assert all(line in between for line in lines)
    assert lines[0] not in bare_text(html)  # bare trafilatura deletes the fieldset with its text
