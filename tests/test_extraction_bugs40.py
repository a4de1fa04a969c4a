"""Failure kinds from bug reports against article extractors, fortieth round (bug40): words of a sentence
lost with an element trafilatura deletes or cannot read, and kinds archiver already handles.

Fixed (each lost by archiver and bare trafilatura alike before; invented pages, the Fenwick Harbour Review):

- A term marked up as a ``<button>`` inside a sentence (a glossary or tooltip trigger): trafilatura deletes
  every ``<button>`` with its text, so "the <button>sill depth</button> at the gates" came out "the at the
  gates" (a reader skipping a button's words mid-sentence, https://github.com/ken107/read-aloud/issues/219).
  Stage ``inline-buttons`` (``inline.INLINE_BUTTONS``).
- Figures or a term in a ``<label>`` inside a sentence, no form field beside it ("between day
  <label>1</label> and day <label>30</label>", text inside ``<label>`` not read:
  https://github.com/meliorence/react-native-render-html/issues/90). Stage ``inline-labels``
  (``inline.INLINE_LABELS``).
- Text in an obsolete ``<center>`` between the body's paragraphs (nothing of it came out; jsoup, with no
  block reading of the tag, glued two ``<center>`` lines into one word:
  https://github.com/jhy/jsoup/pull/1113), and a ``<center>`` between a ``<table>`` and its rows (every row
  lost: https://github.com/html-to-text/node-html-to-text/issues/54). Stage ``center-blocks``
  (``obsolete.CENTER_BLOCKS``).
- A word in an obsolete ``<blink>`` inside a sentence (trafilatura deletes ``<blink>`` with its text; what a
  reader should do with ``<marquee>`` and ``<blink>``:
  https://github.com/alan-turing-institute/ReadabiliPy/issues/30). Stage ``blink-text``
  (``obsolete.BLINK_TEXT``).

Guarded (archiver right on main; bare trafilatura wrong on the first):

- Word's ``mso-spacerun`` span, a no-break space and a line feed, the only space between two sentences
  (deleted, the sentences glued: https://github.com/ZachSaucier/Just-Read/issues/206).
- A sentence cut into ``<p>`` pieces with its topic links standing between them
  (https://github.com/Tjatse/node-readability/issues/43): every linked name kept, in order.
- Blank table cells (``&nbsp;`` or empty) kept as cells, the columns in place
  (https://github.com/ZachSaucier/Just-Read/issues/214).
- An ``<abbr>``: its word kept, its ``title`` not written into the text
  (https://github.com/Alir3z4/html2text/issues/176).
- A ``<select>`` inside a sentence: its options are no text (https://github.com/quailjs/quail/issues/21).
- A ``<video>``'s or ``<audio>``'s fallback text ("Your browser does not support ..."): no text
  (https://github.com/Alir3z4/html2text/issues/112).

Each fix has a twin with its switch off showing the words lost again (by bare trafilatura too), and
look-alikes the stages must leave as they were (each shown to come out exactly as with the stage off): a
"Copy link" button after a sentence, a toggle button, a submit button in a form, a long button, a form
field's label beside its input, a "NEW!" ``<blink>`` badge standing alone.
"""
from __future__ import annotations

import pytest
from harbourkit import BODY, archiver_paragraphs, bare_text, norm
from harbourkit import page as _page

from archiver.extraction import inline, obsolete

# --- fixed kinds: (middle markup, words that must come out in one paragraph, in order) -----------------

BUTTONS = {
    "glossary-term": ("<p>The survey found that the <button class='glossary-term' type='button'>sill depth"
                      "</button> at the gates had fallen by half a metre since the spring.</p>",
                      "The survey found that the sill depth at the gates had fallen by half a metre"),
    "tooltip-title": ("<p>Dredging will use a <button data-toggle='tooltip' title='A barge with a crane grab'>"
                      "grab hopper</button> rather than a suction dredger, the engineer told the meeting.</p>",
                      "Dredging will use a grab hopper rather than a suction dredger"),
    "german-term-in-spans": ("<p>Der Hafenmeister sagte, die <button class='begriff'><span>Schleuse</span> "
                             "<em>Nord</em></button> bleibe bis zum Frühjahr für alle Fähren geschlossen.</p>",
                             "die Schleuse Nord bleibe bis zum Frühjahr"),
    "in-list-item": ("<ul><li>The board chose the <button class='js-define'>cutter suction</button> method for "
                     "the outer channel this winter.</li><li>Work starts in March.</li></ul>",
                     "The board chose the cutter suction method for the outer channel"),
}
LABELS = {
    "day-figures": ("<p>Requests made between day <label for='d1'>1</label> and day <label for='d2'>30</label> "
                    "of each month are processed on day <label for='d3'>30</label> of that month.</p>",
                    "between day 1 and day 30 of each month are processed on day 30 of that month"),
    "term-in-list-item": ("<ul><li>The <label class='term'>outer basin</label> will be dredged first, then the "
                          "inner one.</li><li>The gates stay open.</li></ul>",
                          "The outer basin will be dredged first, then the inner one."),
    "portuguese": ("<p>As solicitações feitas até o dia <label>15</label> serão processadas no mesmo mês, "
                   "disse o gabinete do porto.</p>",
                   "até o dia 15 serão processadas no mesmo mês"),
}
CENTERS = {
    "two-lines": ("<center>The basin will close for six weeks from March.</center><center>Ferries will use the "
                  "outer quay while the work goes on.</center>",
                  ["The basin will close for six weeks from March.",
                   "Ferries will use the outer quay while the work goes on."]),
    "font-paragraphs": ("<center><font size='3'>The basin will close for six weeks from March, the board said."
                        "</font></center><br><center><font size='3'>Ferries will use the outer quay while the "
                        "dredger works.</font></center>",
                        ["The basin will close for six weeks from March, the board said.",
                         "Ferries will use the outer quay while the dredger works."]),
    "upper-case-tag": ("<CENTER>Notice: the slipway is closed to all boats until the survey is done.</CENTER>",
                       ["Notice: the slipway is closed to all boats until the survey is done."]),
}
CENTER_TABLES = {
    "center-then-tbody": ("<table><center><tbody><tr><td>Survey date</td><td>Wed, 1 Oct 2026</td></tr>"
                          "<tr><td>Depth at sill</td><td>2.4 metres</td></tr></tbody></center></table>"),
    "center-then-rows": ("<table class='survey'><center><tr><th>Survey date</th><th>Wed, 1 Oct 2026</th></tr>"
                         "<tr><td>Depth at sill</td><td>2.4 metres</td></tr></center></table>"),
}
BLINKS = {
    "word": ("<p>The chairman <blink>warned</blink> that the survey was late and that work on the basin would "
             "slip into the summer.</p>", "The chairman warned that the survey was late"),
    "bold-phrase": ("<p>Boat owners must <blink><b>move their moorings</b></blink> before the dredger arrives on "
                    "the first of March.</p>", "Boat owners must move their moorings before the dredger arrives"),
    "list-item": ("<ul><li>The office is <blink>closed</blink> on Friday for the harbour board's annual "
                  "meeting.</li><li>It opens on Monday.</li></ul>", "The office is closed on Friday"),
}


def _joined(html: str) -> str:
    return " ".join(archiver_paragraphs(html))


def _in_place(out: list[str], *lines: str) -> None:
    """``lines`` come out between the fourth and fifth body paragraphs, each inside one paragraph."""
    at = out.index(BODY[3])
    end = out.index(BODY[4])
    between = out[at + 1:end]
    for line in lines:
        assert any(line in p for p in between), (line, between)


@pytest.mark.parametrize("name", sorted(BUTTONS))
def test_button_term_kept_in_its_sentence(name):
    middle, words = BUTTONS[name]
    out = archiver_paragraphs(_page(middle))
    _in_place(out, words)
    assert "A barge with a crane grab" not in " ".join(out)  # a tooltip's title is not the text


@pytest.mark.parametrize("name", sorted(BUTTONS))
def test_button_switched_off_the_term_is_lost_again(name, monkeypatch):
    middle, words = BUTTONS[name]
    html = _page(middle)
    monkeypatch.setattr(inline, "INLINE_BUTTONS", False)
    assert words not in _joined(html)
    assert words not in bare_text(html)


@pytest.mark.parametrize("name", sorted(LABELS))
def test_label_kept_in_its_sentence(name):
    middle, words = LABELS[name]
    _in_place(archiver_paragraphs(_page(middle)), words)


@pytest.mark.parametrize("name", sorted(LABELS))
def test_label_switched_off_the_figures_are_lost_again(name, monkeypatch):
    middle, words = LABELS[name]
    html = _page(middle)
    monkeypatch.setattr(inline, "INLINE_LABELS", False)
    assert words not in _joined(html)
    assert words not in bare_text(html)


@pytest.mark.parametrize("name", sorted(CENTERS))
def test_center_lines_kept_each_a_paragraph(name):
    middle, lines = CENTERS[name]
    out = archiver_paragraphs(_page(middle))
    _in_place(out, *lines)
    assert all(line in out for line in lines)  # a paragraph each, never glued


@pytest.mark.parametrize("name", sorted(CENTERS))
def test_center_switched_off_the_lines_are_lost_again(name, monkeypatch):
    middle, lines = CENTERS[name]
    html = _page(middle)
    monkeypatch.setattr(obsolete, "CENTER_BLOCKS", False)
    assert lines[0] not in _joined(html)
    assert lines[0] not in bare_text(html)


@pytest.mark.parametrize("name", sorted(CENTER_TABLES))
def test_center_inside_a_table_keeps_the_rows(name):
    joined = _joined(_page(CENTER_TABLES[name]))
    assert "Survey date" in joined and "Wed, 1 Oct 2026" in joined
    assert joined.index("Depth at sill") < joined.index("2.4 metres")
    assert joined.index(BODY[3]) < joined.index("Survey date") < joined.index(BODY[4])


@pytest.mark.parametrize("name", sorted(CENTER_TABLES))
def test_center_inside_a_table_switched_off_the_rows_are_lost_again(name, monkeypatch):
    html = _page(CENTER_TABLES[name])
    monkeypatch.setattr(obsolete, "CENTER_BLOCKS", False)
    assert "Depth at sill" not in _joined(html)
    assert "Depth at sill" not in bare_text(html)


@pytest.mark.parametrize("name", sorted(BLINKS))
def test_blink_word_kept_in_its_sentence(name):
    middle, words = BLINKS[name]
    _in_place(archiver_paragraphs(_page(middle)), words)


@pytest.mark.parametrize("name", sorted(BLINKS))
def test_blink_switched_off_the_word_is_lost_again(name, monkeypatch):
    middle, words = BLINKS[name]
    html = _page(middle)
    monkeypatch.setattr(obsolete, "BLINK_TEXT", False)
    assert words not in _joined(html)
    assert words not in bare_text(html)


def test_center_tag_is_a_div_and_a_table_center_unwrapped():
    from lxml import html as lxml_html

    root = lxml_html.fromstring("<div><p>x</p><center>a</center><table><center><tbody><tr><td>b</td></tr></tbody>"
                                "</center></table></div>")
    assert obsolete.read_centers(root) == 2
    assert root.find(".//center") is None
    assert root[1].tag == "div" and root.find("table")[0].tag == "tbody"


# --- look-alikes the stages must leave as they were ------------------------------------------------------

LOOKALIKES = {
    "copy-link-after-sentence": ("<p>The board meets again on Thursday at the harbour office on Quay Street. "
                                 "<button class='copy'>Copy link</button></p>", (inline, "INLINE_BUTTONS")),
    "toggle-mid-sentence": ("<p>The full survey <button aria-expanded='false' aria-controls='s1'>Show the "
                            "figures</button> runs to forty pages and is on the board's website.</p>",
                            (inline, "INLINE_BUTTONS")),
    "submit-in-form": ("<form><p>Send us your view on the dredging plan <button type='submit'>Send</button> "
                       "before the end of the month, the board asks.</p></form>", (inline, "INLINE_BUTTONS")),
    "long-button": ("<p>Read on <button>Sign up for the harbour newsletter every single week</button> for "
                    "the rest of the story on the basin.</p>", (inline, "INLINE_BUTTONS")),
    "form-field-label": ("<p>Tell us what you think of the plan for the inner basin <label for='e'>Email"
                         "</label> <input id='e' type='email'> and we will reply soon.</p>",
                         (inline, "INLINE_LABELS")),
    "label-alone": ("<p><label for='q'>Search the harbour news</label></p>", (inline, "INLINE_LABELS")),
    "blink-badge-alone": ("<ul><li><blink>NEW!</blink> <a href='/tides'>Tide tables</a></li></ul>",
                          (obsolete, "BLINK_TEXT")),
}


@pytest.mark.parametrize("name", sorted(LOOKALIKES))
def test_lookalikes_come_out_as_with_the_stage_off(name, monkeypatch):
    middle, (module, switch) = LOOKALIKES[name]
    html = _page(middle)
    on = archiver_paragraphs(html)
    monkeypatch.setattr(module, switch, False)
    assert on == archiver_paragraphs(html)
    assert BODY[3] in on and BODY[4] in on


@pytest.mark.parametrize("name", ["copy-link-after-sentence", "toggle-mid-sentence", "submit-in-form",
                                  "long-button"])
def test_control_buttons_not_unwrapped(name):
    from lxml import html as lxml_html

    root = lxml_html.fromstring(_page(LOOKALIKES[name][0]))
    assert inline.unwrap_inline_buttons(root) == 0
    assert root.find(".//button") is not None


# --- guarded kinds: archiver right on main ---------------------------------------------------------------

SPACERUNS = {
    "nbsp-and-line-feed": ("<div class='MsoNormal'><span style='font-size:14pt'>There are two reasons the plan "
                           "is almost never discussed.<span style='mso-spacerun: yes;'>&nbsp;\n</span>They are "
                           "the cost and the tides.</span></div>",
                           "never discussed. They are the cost and the tides."),
    "two-nbsp-in-p": ("<p class='MsoNormal'>The board met at noon.<span style='mso-spacerun:yes'>&nbsp; </span>"
                      "It adjourned at four without a vote.</p>",
                      "The board met at noon. It adjourned at four without a vote."),
}


@pytest.mark.parametrize("name", sorted(SPACERUNS))
def test_spacerun_span_keeps_the_space_between_sentences(name):
    middle, words = SPACERUNS[name]
    out = archiver_paragraphs(_page(middle))
    _in_place(out, words)


def test_spacerun_glued_by_bare_trafilatura():
    middle, words = SPACERUNS["nbsp-and-line-feed"]
    assert words not in bare_text(_page(middle))


FRAGMENTS = {
    "bare-links": ("<p class='x'>FENWICK: Councillor</p>\n<a href='/topic/marsh'>Jo Marsh</a>\n<p class='x'>"
                   "today went to the office of the</p>\n<a href='/topic/board'>Harbour Board</a>\n<p class='x'>"
                   "for the first time since the</p>\n<a href='/topic/court'>High Court</a>\n<p class='x'>"
                   "ruled against the board in February.</p>"),
    "bold-links": ("<p>KELSO: Skipper</p><a href='/t/a'><strong>Ann Beck</strong></a><p>told the</p>"
                   "<a href='/t/b'><strong>Harbour Board</strong></a><p>that the dredger blocked the</p>"
                   "<a href='/t/c'><strong>North Channel</strong></a><p>for most of the morning tide.</p>"),
}


@pytest.mark.parametrize("name", sorted(FRAGMENTS))
def test_sentence_in_pieces_keeps_its_links_in_order(name):
    joined = _joined(_page(FRAGMENTS[name]))
    names = ["Jo Marsh", "Harbour Board", "High Court"] if name == "bare-links" else \
        ["Ann Beck", "Harbour Board", "North Channel"]
    at = [joined.index(n) for n in names]
    assert at == sorted(at)
    assert joined.index(BODY[3]) < at[0] and at[-1] < joined.index(BODY[4])


BLANK_CELLS = {
    "nbsp": "<td>&nbsp;</td>",
    "empty": "<td></td>",
    "spaces": "<td>   </td>",
}


@pytest.mark.parametrize("name", sorted(BLANK_CELLS))
def test_blank_cells_keep_the_columns_in_place(name):
    blank = BLANK_CELLS[name]
    middle = ("<table><tr><th>Year</th><th>Basin A</th><th>Basin B</th><th>Basin C</th></tr>"
              f"<tr><td>2002</td>{blank}<td>14</td><td>9</td></tr>"
              f"<tr><td>2003</td><td>11</td>{blank}<td>7</td></tr></table>")
    out = archiver_paragraphs(_page(middle))
    rows = [p for p in out if p.startswith("| 200")]
    assert [r.replace(" ", "") for r in rows] == ["|2002||14|9|", "|2003|11||7|"]


ABBRS = {
    "abbr": "<p>The <abbr title='Marine Management Organisation'>MMO</abbr> must license the disposal of the "
            "spoil at sea before work begins.</p>",
    "acronym": "<p>The <acronym title='Marine Management Organisation'>MMO</acronym> must license the disposal "
               "of the spoil at sea before work begins.</p>",
}


@pytest.mark.parametrize("name", sorted(ABBRS))
def test_abbreviation_word_kept_title_left_out(name):
    joined = _joined(_page(ABBRS[name]))
    assert "The MMO must license the disposal" in joined
    assert "Marine Management Organisation" not in joined


SELECTS = {
    "units": "<p>The tide at the bar reached 4.2 <select name='unit'><option>metres</option><option>feet"
             "</option></select> on Tuesday, the highest reading since the gauge was installed.</p>",
    "in-label": "<p>Show the tide table for <label><select><option>Fenwick</option><option>Kelso</option>"
                "<option>Alnmouth</option></select></label> harbour, updated every morning at six.</p>",
}


@pytest.mark.parametrize("name", sorted(SELECTS))
def test_select_options_are_no_text(name):
    joined = _joined(_page(SELECTS[name]))
    assert "metres feet" not in joined and "Kelso" not in joined
    assert BODY[3] in joined and BODY[4] in joined


FALLBACKS = {
    "video": "<video controls src='/v/dredger.mp4'>Your browser does not support the video tag. "
             "<a href='/v/dredger.mp4'>Download the video</a>.</video>",
    "audio-in-figure": "<figure><audio controls src='/a/meeting.mp3'><p>Your browser does not support HTML5 "
                       "audio.</p></audio><figcaption>The meeting, recorded on Thursday</figcaption></figure>",
}


@pytest.mark.parametrize("name", sorted(FALLBACKS))
def test_media_fallback_text_left_out(name):
    out = archiver_paragraphs(_page(FALLBACKS[name]))
    joined = norm(" ".join(out))
    assert "does not support" not in joined and "Download the video" not in joined
    _in_place(out)  # the paragraphs either side still there
    assert out.index(BODY[3]) < out.index(BODY[4])


GLUED = {
    "name-after-word": ("<p>said the harbour professor<button class='sidenote-button' title='Ann Beck,'>Ann Beck,"
                        "</button> the founding director of the Fenwick Tide Institute, on Monday.</p>",
                        "said the harbour professor Ann Beck, the founding director"),
    "name-then-comma": ("<p>The plan is sound, according to<button class='js-person'>Jo Marsh</button>, a pilot "
                        "on the bar for twenty years.</p>", "according to Jo Marsh, a pilot on the bar"),
    "word-after-label": ("<p>The gates open at <label>6</label>am on weekdays and at nine on Sundays, the board "
                         "says.</p>", "The gates open at 6 am on weekdays"),
}


@pytest.mark.parametrize("name", sorted(GLUED))
def test_box_glued_to_a_word_is_a_word_of_its_own(name):
    """A button or label is drawn as a box of its own: its words are not glued to the word beside it
    (a faculty directory's name buttons written right after "professor", no space in the source)."""
    middle, words = GLUED[name]
    _in_place(archiver_paragraphs(_page(middle)), words)
