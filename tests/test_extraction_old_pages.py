"""Kinds of 2005-2014 markup (old1, twelfth session), each on a small invented page, each shown
to fail with its fix switched off:

- a blog post's trackback section (Movable Type, TypePad, WordPress): its heading, the TrackBack
  URL and the excerpts of the weblogs that linked to it stayed after the post (DOM rule
  ``trackbacks`` where a class or id names it; paragraph rule ``trackback-lines`` where none does);
- the post's footer line "Posted by X at 08:12 PM | Comments (3) | TrackBack (1)" stayed as the
  last paragraph (rule ``post-footer-line``);
- a paragraph hard-wrapped with single ``<br>`` came out cut in two where a wrap fell after a
  full stop (``hardwraps.join_hard_wraps``);
- unnamed share and page-tool rows ("Digg this | del.icio.us | reddit", "Print | Email | Save",
  "Bookmark and Share") and "Technorati Tags:" stayed (rules ``share-row``, ``tags-line``);
- a "RELATED STORIES" float table (``<table align=right>``) inside the story stayed as a
  ``| RELATED STORIES ... |`` row (DOM rule ``related-box``, by its leading label);
- a weekday-led dateline ("Friday, August 8, 2008 | Filed under Local") stayed (rule ``dateline``);
- a frameset page's ``<noframes>`` fallback came out as markup text (``frames.read_noframes``).
"""

from __future__ import annotations

import dataclasses

import pytest
from rulekit import without_paragraph_rule

import archiver.extraction as ex
from archiver.extraction import extract, frames, hardwraps

URL = "http://birds.example.org/archives/000412.html"

_BODY = """<div class="entry-body"><p>Every winter the bird club holds its winter count, and every winter we
argue about the crows, which gather at dusk by the thousands in the trees along the river.</p>
<p>This year two people at each end of the roost counted in blocks of fifty as the birds flew in,
and the totals from the two ends differed by less than ten percent.</p>
<p>Our final estimate was about eleven thousand birds, the highest since the club began keeping
records in 1962.</p></div>"""

_TRACKBACKS = """<h2 {h}>TrackBack</h2>
<div {info}><p>TrackBack URL for this entry:<br />http://birds.example.org/mt/mt-tb.cgi/412</p></div>
<p {tb}>Listed below are links to weblogs that reference <a href="#">On counting crows</a>:</p>
<p {tb}>&raquo; <a href="http://corvids.example.net/">Crow math</a> from Corvid Central<br />
Walter and the club have a clever way of counting a roost, and it could work for starlings...
<span>Tracked on November 19, 2005 10:01 AM</span></p>"""


def _mt_page(named: bool = True, footer: str = "") -> str:
    names = {"h": 'id="trackbacks"', "info": 'class="trackbacks-info"', "tb": 'class="trackback"'} if named \
        else {"h": 'class="h"', "info": 'class="box"', "tb": 'class="small"'}
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x">
<html><head><title>Birding notes: On counting crows</title></head><body><div id="container">
<div id="banner"><h1><a href="/">Birding notes</a></h1></div><div id="center"><div class="content">
<h2>November 18, 2005</h2><h3>On counting crows</h3>{_BODY}
{footer}
{_TRACKBACKS.format(**names)}
</div></div></div></body></html>"""


def _without_dom_rule(monkeypatch, name: str) -> None:
    original = ex.rules_for
    monkeypatch.setattr(ex, "rules_for", lambda host: dataclasses.replace(
        original(host), dom=tuple(r for r in original(host).dom if r.name != name)))


_TRACK_WORDS = ("TrackBack", "Tracked on", "Crow math", "mt-tb.cgi", "Listed below")


@pytest.mark.parametrize("named", [True, False])
def test_a_trackback_section_goes_and_the_post_stays(named):
    text = extract(_mt_page(named), URL).text
    assert "eleven thousand birds" in text and "blocks of fifty" in text
    for words in _TRACK_WORDS:
        assert words not in text


def test_without_the_dom_rule_a_named_trackback_section_stays(monkeypatch):
    _without_dom_rule(monkeypatch, "trackbacks")
    without_paragraph_rule(monkeypatch, "trackback-lines")
    text = extract(_mt_page(True), URL).text
    assert "Tracked on" in text and "TrackBack URL" in text


def test_without_the_paragraph_rule_an_unnamed_trackback_section_stays(monkeypatch):
    without_paragraph_rule(monkeypatch, "trackback-lines")
    text = extract(_mt_page(False), URL).text
    assert "Tracked on" in text and "Listed below" in text


def test_a_body_sentence_about_trackbacks_stays():
    body = ("<p>Trackbacks were a way for one weblog to tell another that it had linked to a post, "
            "and spammers ruined them within a few years.</p>")
    page = _mt_page(True).replace("<p>Our final estimate", body + "<p>Our final estimate")
    assert "spammers ruined them" in extract(page, URL).text


_FOOTERS = [
    '<p class="small">Posted by Walter Ng at 08:12 PM | <a href="#">Comments (3)</a> | '
    '<a href="#">TrackBack (1)</a></p>',
    '<p class="small">Posted in <a href="#">Birds</a> | <a href="#">Edit</a> | <a href="#">No Comments &#187;</a></p>',
    '<p class="small">Posted by Walter on November 18, 2005 at 08:12 PM in <a href="#">Birds</a> | '
    '<a href="#">Permalink</a></p>',
]


@pytest.mark.parametrize("footer", _FOOTERS)
def test_a_post_footer_line_goes(footer):
    text = extract(_mt_page(True, footer), URL).text
    assert "Posted" not in text and "eleven thousand birds" in text


def test_without_the_rule_the_post_footer_line_stays(monkeypatch):
    without_paragraph_rule(monkeypatch, "post-footer-line")
    assert "Posted by Walter Ng" in extract(_mt_page(True, _FOOTERS[0]), URL).text


def test_a_sentence_beginning_posted_stays():
    body = ("<p>Posted to the club's list at midnight, the count was argued over for a week | and then "
            "accepted by everyone, comments and all, as the new record.</p>")
    page = _mt_page(True).replace("<p>Our final estimate", body + "<p>Our final estimate")
    assert "Posted to the club" in extract(page, URL).text


_WRAPPED = """<html><head><title>Memories of the old mill - Heritage Society</title></head><body>
<div id="nav"><a href="/">Home</a> <a href="/history">History</a> <a href="/join">Join</a></div>
<div id="content"><h1>Memories of the old mill</h1>
<p>My father worked at the mill from 1946 until it closed in 1971. He started<br>
as a bobbin boy at fourteen and ended as the foreman of the weaving shed,<br>
and in all those years he only missed two days, both for funerals.</p>
<p>I remember the noise most of all. When you walked past the weaving shed<br>
in summer with the windows open, you could not hear yourself speak, and<br>
the whole street smelled of oil and wet cotton.</p>
<p>When the mill closed, half the street lost their jobs in the same week.<br>
Some found work in the new factories by the motorway; many never worked<br>
again. My father took it hard, though he never said much about it.</p>
</div><div id="footer">Heritage Society 2007 | <a href="/contact">Contact us</a></div></body></html>"""

_JOINED = ("When the mill closed, half the street lost their jobs in the same week. Some found work in the "
           "new factories by the motorway; many never worked again.")


def test_a_wrap_after_a_full_stop_in_a_hard_wrapped_text_is_a_space():
    paragraphs = extract(_WRAPPED, "http://heritage.example.org/mill.html").text.split("\n\n")
    assert any(_JOINED in p for p in paragraphs)
    assert len([p for p in paragraphs if "mill" in p or "noise" in p]) == 3


def test_without_the_stage_the_paragraph_is_cut(monkeypatch):
    monkeypatch.setattr(hardwraps, "HARD_WRAPS", False)
    assert _JOINED not in extract(_WRAPPED, "http://heritage.example.org/mill.html").text


def test_single_breaks_between_sentences_stay_where_no_line_is_wrapped():
    page = _WRAPPED
    for wrap in ("started<br>\nas", "shed,<br>\nand", "shed<br>\nin", "and<br>\nthe", "worked<br>\nagain"):
        page = page.replace(wrap, wrap.replace("<br>\n", " "))
    page = page.replace("in 1971. He", "in 1971.<br>\nHe")
    text = extract(page, "http://heritage.example.org/mill.html").text
    assert _JOINED not in text  # one wrap cut nothing: single breaks here are the writer's


def test_a_paragraph_with_a_double_break_keeps_its_breaks():
    page = _WRAPPED.replace("same week.<br>\nSome", "same week.<br><br>\nSome")
    assert _JOINED not in extract(page, "http://heritage.example.org/mill.html").text


_ROWS_PAGE = """<html><head><title>Harbour festival draws record crowds | Coastline Weekly</title></head>
<body><div id="top"><a href="/">Coastline Weekly</a></div><div id="main">
<h1>Harbour festival draws record crowds</h1>
<p>More than forty thousand people came to the harbour festival last weekend, the largest crowd in its
twenty-year history, the organisers said on Monday.</p>
<p>The tall ships were the main attraction, and queues to go aboard the barque from Norway stretched
the length of the quay for most of Saturday afternoon.</p>
<p>Next year's festival will run over three days instead of two.</p>
{rows}
</div><div id="bottom"><a href="/about">About us</a> | <a href="/privacy">Privacy Policy</a></div></body></html>"""

_ROWS = ['<p><a href="#">Digg this</a> | <a href="#">del.icio.us</a> | <a href="#">reddit</a> | '
         '<a href="#">StumbleUpon</a></p>',
         '<p><a href="#">Print</a> | <a href="#">Email</a> | <a href="#">Save</a> | '
         '<a href="#">Most Popular</a></p>',
         '<p><a href="#">E-mail this story</a> &middot; <a href="#">Printer-friendly version</a></p>',
         "<p>Bookmark and Share</p>",
         '<p>Technorati Tags: <a href="#">festival</a>, <a href="#">harbour</a>, <a href="#">tall ships</a></p>']
_LAST = "Next year's festival will run over three days instead of two."
_FESTIVAL = "http://coastline.example.com/2008/08/festival.html"


def test_unnamed_share_and_tags_rows_go():
    assert extract(_ROWS_PAGE.format(rows="\n".join(_ROWS)), _FESTIVAL).text.split("\n\n")[-1] == _LAST


@pytest.mark.parametrize("rule,left", [("share-row", "Most Popular"), ("share-row", "Bookmark and Share"),
                                       ("tags-line", "Technorati Tags")])
def test_without_its_rule_a_row_stays(monkeypatch, rule, left):
    without_paragraph_rule(monkeypatch, rule)
    without_paragraph_rule(monkeypatch, "pipe-menu")  # "Print | Email | Save | Most Popular" is a pipe menu too (old3)
    assert left in extract(_ROWS_PAGE.format(rows="\n".join(_ROWS)), _FESTIVAL).text


def test_a_sentence_naming_the_services_stays():
    row = ("<p>Print, email and Facebook were all tried by the organisers to reach the crowds, "
           "and Twitter worked best.</p>")
    assert "Twitter worked best" in extract(_ROWS_PAGE.format(rows=row), _FESTIVAL).text


_STORY = """<HTML><HEAD><TITLE>SCHOOL BOARD CUTS BUS ROUTES - The Prairie Sentinel</TITLE></HEAD><BODY>
<DIV ID=masthead><A HREF="/"><IMG SRC="/logo.gif" ALT="The Prairie Sentinel"></A></DIV>
<DIV ID=story><H2>School board cuts bus routes</H2>
{box}
<P>The county school board voted 4-3 on Monday night to cut six bus routes next fall, a move that will save
about $210,000 a year but leave hundreds of students with longer walks to school.
<P>Students who live within two miles of their school will no longer be picked up. Until now the limit was
one mile for elementary pupils.
<P>Superintendent Ray Castillo said the district had no choice after the state cut its transportation aid.
</DIV><DIV ID=footer><A HREF="/">Home</A> | <A HREF="/news/">News</A></DIV></BODY></HTML>"""

_BOXES = [
    '<TABLE ALIGN=RIGHT WIDTH=180 BORDER=1><TR><TD BGCOLOR=#EEEEEE><B>RELATED STORIES</B><BR>'
    '<A HREF="/a1.html">Board weighs budget options</A><BR><A HREF="/a2.html">Fuel costs hit districts hard</A>'
    '</TD></TR></TABLE>',
    '<DIV CLASS=box><STRONG>More on this story:</STRONG><BR><A HREF="/a1.html">Board weighs budget options</A>'
    '<BR><A HREF="/a2.html">Fuel costs hit districts hard</A></DIV>',
]
_SENTINEL = "http://www.sentinel.example/news/2007/bus.html"


@pytest.mark.parametrize("box", _BOXES)
def test_a_related_stories_box_in_the_story_goes(box):
    text = extract(_STORY.format(box=box), _SENTINEL).text
    assert "Fuel costs" not in text and "six bus routes" in text


def test_without_the_rule_the_float_table_stays_as_a_row(monkeypatch):
    _without_dom_rule(monkeypatch, "related-box")  # (the <div> box goes by trafilatura's link density)
    assert "| RELATED STORIES" in extract(_STORY.format(box=_BOXES[0]), _SENTINEL).text


def test_a_cell_led_by_the_label_but_holding_a_story_stays():
    long = " ".join(["The board heard from parents, drivers and teachers for more than three hours."] * 9)
    box = f"<TABLE><TR><TD><B>Related stories</B><BR>{long}</TD></TR></TABLE>"
    assert "drivers and teachers" in extract(_STORY.format(box=box), _SENTINEL).text


@pytest.mark.parametrize("line", ["Friday, August 8, 2008 | Filed under <a href='#'>Local</a>",
                                  "Posted on Wednesday, June 4, 2008"])
def test_a_weekday_dateline_goes_and_needs_the_rule(monkeypatch, line):
    page = _ROWS_PAGE.format(rows="").replace("</h1>", f"</h1>\n<p><small>{line}</small></p>")
    assert "2008" not in extract(page, _FESTIVAL).text
    without_paragraph_rule(monkeypatch, "dateline")
    assert "2008" in extract(page, _FESTIVAL).text


_FRAMESET = """<html><head><title>Smith Family Genealogy - The Smiths of Kent</title></head>
<frameset cols="180,*"><frame src="menu.html" name="menu"><frame src="main.html" name="main">
<noframes><body><h2>The Smiths of Kent</h2>
<p>The Smith family lived in the parish of Cranbrook in Kent from at least 1620, when John Smith, a
clothier, is recorded in the parish register at the baptism of his son Thomas.</p>
<p>By 1700 the family had moved into farming, and the will of Thomas Smith, proved in 1702, leaves two
farms and a flock of three hundred sheep to his sons.</p>
<p>In 1852 William Smith emigrated to New Zealand with his wife and five children.</p>
</body></noframes></frameset></html>"""


def test_a_frameset_pages_noframes_markup_is_read_as_its_body():
    text = extract(_FRAMESET, "http://smiths.example.net/").text
    assert "three hundred sheep to his sons." in text
    assert "<p>" not in text and "<body>" not in text


def test_without_the_stage_the_markup_comes_out_as_text(monkeypatch):
    monkeypatch.setattr(frames, "NOFRAMES", False)
    assert "<p>" in extract(_FRAMESET, "http://smiths.example.net/").text


def test_noframes_markup_on_a_page_with_a_body_goes(monkeypatch):
    page = _FRAMESET.replace("<frameset", "<body><p>The family tree has moved to a new site, with the "
                             "parish records of Cranbrook and the wills of the Smiths.</p><frameset")
    page = page.replace("</frameset></html>", "</frameset></body></html>")
    text = extract(page, "http://smiths.example.net/").text
    assert "three hundred sheep" not in text and "<p>" not in text and "parish records" in text
    monkeypatch.setattr(frames, "NOFRAMES", False)
    assert "<p>" in extract(page, "http://smiths.example.net/").text  # the fallback's markup as text
