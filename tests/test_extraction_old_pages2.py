"""Kinds of 2005-2017 markup, round 2 (old2, fourteenth session), each on a small invented page,
each shown to fail with its fix switched off:

- a CMS story table of stacked one-cell rows (Joomla 1.5 ``contentpaneopen``: a "Written by" row,
  a date row, the story, a "Last Updated" row) came out as ``| cell |  |`` rows, byline and dates
  glued to the story (``tables.ROW_SHELLS``);
- a page's shell table counted as data because a menu box nested in it has a ``<th>`` (Joomla 1.0
  and Mambo ``moduletable``, phpBB's post table): the whole page came out as rows, a phpBB thread
  with every author cell before every post (``tables.OWN_DATA_CELLS``);
- the Joomla byline and revision lines, "Written by X" and "Last Updated ( date )", stayed (rules
  ``cms-byline-line``, among the first lines only, and ``cms-updated-line``);
- a MediaWiki page's "[edit]" links, "From X" tagline, contents box, maintenance box ("This article
  needs additional citations") and disambiguation line stayed (DOM rule ``wiki-furniture``);
- "Story continues below ↓" with an arrow stayed (rule ``ad-continuation``);
- WordPress Kubrick's dateline with an ordinal day ("March 15th, 2011 by admin") stayed (rule ``dateline-ordinal``).
"""

from __future__ import annotations

import pytest
from rulekit import without_dom_rule, without_paragraph_rule

from archiver.extraction import extract, tables

_STORY = ("Our crews came home from the spring regatta at Harlow Lake with two gold medals and one silver, "
          "the best result for the club in a decade.",
          "The women's coxed four led from the start and won their final by almost two lengths, while the "
          "junior double sculls held off a late push from the home club.",
          "Coach Peter Lang said the winter training on the rowing machines had paid off, and thanked the "
          "parents who drove the boat trailer through the night.")


def _joomla15(body: str = "".join(f"<p>{s}</p>" for s in _STORY)) -> str:
    return f"""<html><head><title>Spring regatta - Lakeside Rowing Club</title></head><body>
<div id="left"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/join">Join</a></li></ul></div>
<div id="main"><table class="contentpaneopen"><tr><td class="contentheading" width="100%">Spring regatta brings home
medals</td><td class="buttonheading"><a href="/print"><img src="p.png" alt="Print"></a></td></tr></table>
<table class="contentpaneopen"><tr><td colspan="2"><span class="small">Written by Karen Dollis</span></td></tr>
<tr><td colspan="2" class="createdate">Sunday, 18 May 2008</td></tr>
<tr><td valign="top" colspan="2">{body}</td></tr>
<tr><td colspan="2" class="modifydate">Last Updated ( Monday, 19 May 2008 )</td></tr></table></div>
<div id="footer">Powered by Joomla!. Valid XHTML and CSS.</div></body></html>"""


URL = "http://www.lakesiderowing.example.com/index.php?option=com_content&task=view&id=88"


def test_a_story_table_of_one_cell_rows_comes_out_as_paragraphs():
    text = extract(_joomla15(), URL).text
    for sentence in _STORY:
        assert sentence in text.split("\n")
    assert "Written by" not in text and "Last Updated" not in text


def test_without_the_stage_the_story_table_is_rows(monkeypatch):
    monkeypatch.setattr(tables, "ROW_SHELLS", False)
    text = extract(_joomla15(), URL).text
    assert "| Written by Karen Dollis |" in text
    assert _STORY[0] not in text.split("\n")


def test_a_table_of_one_cell_rows_inside_an_article_stays_a_table():
    cells = "".join(f"<tr><td>Step {i}: turn the valve a quarter turn and wait.</td></tr>" for i in range(1, 4))
    html = f"""<html><body><article><h1>Bleeding a radiator</h1>
<p>{" ".join(_STORY)}</p><p>{" ".join(_STORY)}</p><p>{" ".join(_STORY)}</p>
<table>{cells}</table><p>That is all there is to it.</p></article></body></html>"""
    root_text = extract(html, "http://example.org/radiator").text
    assert "| Step 1: turn the valve a quarter turn and wait. |" in root_text


_MODULE = """<table class="moduletable"><tr><th>Main Menu</th></tr><tr><td><a href="/">Home</a>
<a href="/news">News</a><a href="/trips">Field trips</a><a href="/links">Links</a></td></tr></table>"""

_OWL = ("Twenty-three members braved the cold on Saturday night for our annual owl prowl along the river trail.",
        "We heard at least four great horned owls calling, and a barred owl answered our leader's call so close "
        "that it made everyone jump.",
        "The highlight came at the end, when a screech owl flew into the beam of a flashlight and sat on a branch "
        "for nearly a minute.")


def _mambo() -> str:
    return f"""<html><head><title>Valley Birders - Owl prowl</title></head><body>
<table width="100%"><tr><td width="180" valign="top">{_MODULE}</td><td valign="top">
<table class="contentpaneopen"><tr><td class="contentheading">Owl prowl a success</td></tr></table>
<table class="contentpaneopen"><tr><td>{"<br /><br />".join(_OWL)}</td></tr></table>
</td></tr></table><div align="center">Mambo is Free Software.</div></body></html>"""


def test_a_shell_table_with_a_headed_menu_box_inside_is_layout():
    text = extract(_mambo(), "http://www.valleybirders.example.org/content/view/42/1/").text
    assert "|" not in text
    for sentence in _OWL:
        assert sentence in text.split("\n")


def test_without_the_stage_the_nested_th_makes_the_page_rows(monkeypatch):
    monkeypatch.setattr(tables, "OWN_DATA_CELLS", False)
    text = extract(_mambo(), "http://www.valleybirders.example.org/content/view/42/1/").text
    assert "| Main Menu |" in text


def test_a_table_with_its_own_header_cells_is_still_data():
    html = """<table><tr><th>Team</th><th>Final</th></tr><tr><td>Lakeview</td><td>57</td></tr>
<tr><td>Northfield</td><td>61</td></tr></table>"""
    from lxml import html as lhtml
    assert not tables.is_layout_table(lhtml.fromstring(html))


@pytest.mark.parametrize("rule, line", [("cms-byline-line", "Written by Karen Dollis"),
                                        ("cms-updated-line", "Last Updated ( Monday, 19 May 2008 )")])
def test_without_the_rule_the_cms_byline_lines_stay(monkeypatch, rule, line):
    page = _joomla15("<br /><br />".join(_STORY))  # Joomla 1.0's story: <br /> breaks, no <p>
    assert line not in extract(page, URL).text
    without_paragraph_rule(monkeypatch, rule)
    assert line in extract(page, URL).text.split("\n")


def test_a_closing_written_by_credit_stays():
    text = extract(_joomla15("".join(f"<p>{s}</p>" for s in (*_STORY, *_STORY, "Written by Linda McCall"))), URL).text
    assert "Written by Linda McCall" in text


def test_a_sentence_beginning_written_by_stays():
    sentence = "Written by hand in 1867, the harbour board's minutes are kept in the town library."
    text = extract(_joomla15("".join(f"<p>{s}</p>" for s in (*_STORY, sentence))), URL).text
    assert sentence in text


_WIKI = """<html><head><title>Harbour lighthouse - Town Wiki</title></head><body class="mediawiki">
<div id="content"><h1 id="firstHeading" class="firstHeading">Harbour lighthouse</h1>
<div id="bodyContent"><h3 id="siteSub">From Town Wiki</h3><div id="jump-to-nav">Jump to: <a href="#column-one">navigation</a>,
<a href="#searchInput">search</a></div>
<div class="hatnote">For the lighthouse on the south pier, see <a href="/wiki/Pier_light">Pier light</a>.</div>
<table class="metadata plainlinks ambox ambox-content"><tr><td class="mbox-text">This article <b>needs additional
<a href="/wiki/Help:Citations">citations</a> for verification</b>. Please help improve this article by adding citations
to reliable sources.</td></tr></table>
<p>The <b>Harbour lighthouse</b> is a stone lighthouse at the end of the north breakwater. It was first lit in 1871
and automated in 1968 after almost a century of keepers.</p>
<table id="toc" class="toc"><tr><td><div id="toctitle"><h2>Contents</h2></div><ul><li><a href="#History">1 History</a></li>
<li><a href="#Light">2 Light</a></li></ul></td></tr></table>
<h2><span class="editsection">[<a href="/index.php?title=Harbour_lighthouse&amp;action=edit&amp;section=1">edit</a>]</span>
<span class="mw-headline" id="History">History</span></h2>
<p>The tower was designed by the harbour engineer Thomas Reid after two ships were lost on the breakwater in the winter
of 1866. Its granite came from the quarry at Ben Ard.</p>
<h2><span class="mw-headline" id="Light">Light</span><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a
href="/index.php?title=Harbour_lighthouse&amp;action=edit&amp;section=2">edit</a><span class="mw-editsection-bracket">]</span></span></h2>
<p>The light shows two white flashes every ten seconds and can be seen for fourteen nautical miles in clear weather.</p>
</div></div></body></html>"""


def test_mediawiki_furniture_goes_and_the_headings_stay():
    lines = extract(_WIKI, "http://wiki.example.org/wiki/Harbour_lighthouse").text.split("\n")
    assert "History" in lines and "Light" in lines
    for words in ("edit", "From Town Wiki", "Contents", "Jump to", "south pier", "citations"):
        assert not any(words in line for line in lines)


def test_without_the_rule_the_edit_links_stay(monkeypatch):
    without_dom_rule(monkeypatch, "wiki-furniture")
    text = extract(_WIKI, "http://wiki.example.org/wiki/Harbour_lighthouse").text
    assert "[edit]" in text


_MSN = """<html><body><div id="article"><h1>Town votes to keep its last school open</h1><div class="txt">
<p>GRAFTON, Vt. &mdash; Voters in this town of 600 decided Monday night to raise their own taxes rather than close
the village school, which has 31 students.</p>
<p>The vote was 212 to 150 after a three hour town meeting in the school gym. Supporters said the school holds the
town together; opponents said it was too expensive to run.</p>
<p class="continues">Story continues below &darr;</p>
<p>The school will now need to find about $180,000 more each year, most of it from property taxes.</p></div></div>
</body></html>"""


def test_story_continues_below_with_an_arrow_goes(monkeypatch):
    url = "http://news.msn.example.com/us/article.aspx?cp-documentid=24481"
    text = extract(_MSN, url).text
    assert "Story continues" not in text and "property taxes" in text
    without_paragraph_rule(monkeypatch, "ad-continuation")
    assert "Story continues below ↓" in extract(_MSN, url).text


_GARDEN = ("The community garden on Elm Street will open for the season on April 2, with forty plots available to "
           "residents of the neighbourhood.",
           "Plots cost fifteen dollars for the year, and the fee covers water, compost and the use of the shared "
           "tools in the shed.")


def _kubrick(line: str) -> str:
    return f"""<html><head><title>Garden plots open April 2 &laquo; Elm Street Neighbours</title></head><body>
<div id="content" class="narrowcolumn"><div class="post" id="post-88"><h2>Garden plots open April 2</h2>
<small>{line}</small><div class="entry">{"".join(f"<p>{b}</p>" for b in _GARDEN)}</div></div></div></body></html>"""


@pytest.mark.parametrize("line", ["March 15th, 2011 by gardenlady", "Tuesday, March 15th, 2011",
                                  "Posted on June 2nd, 2009"])
def test_a_kubrick_dateline_with_an_ordinal_day_goes(monkeypatch, line):
    url = "http://elmstreet.example.org/2011/03/15/garden-plots/"
    text = extract(_kubrick(line), url).text
    assert _GARDEN[1] in text and line not in text
    without_paragraph_rule(monkeypatch, "dateline-ordinal")
    assert line in extract(_kubrick(line), url).text


def test_a_sentence_starting_with_an_ordinal_date_stays():
    line = "March 15th, 2011 by the council's count, forty plots were free."
    assert line in extract(_kubrick(line), "http://elmstreet.example.org/2011/03/15/garden-plots/").text
