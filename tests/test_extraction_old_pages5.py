"""Kinds of 2000-2011 markup, round 5 (old5, seventeenth session), each on a small invented page,
each shown to fail with its fix switched off:

- a MySpace blog entry of 2007 laid out in tables, its body ``<td><div>One.<br><br>Two.</div></td>``
  beside the entry's date, subject and "Posted by" lines in ``<p>``s: once the layout tables are
  unwrapped trafilatura reads no ``<div>`` text on a page with ``<p>`` text, and the whole body was
  lost (bare trafilatura kept it only as a table row glued to the profile box): such a ``<div>``,
  holding two or more ``<br><br>`` paragraphs and no block, gets its text in a ``<p>``
  (``brlines.BR_DIVS``); on a page with no ``<p>`` text at all (a Phorum message) it is left alone;
- footer lines of old sites, left loose once their layout cell is unwrapped: FrontPage's "Send mail
  to ... with questions or comments about this web site." (``webmaster-mail-line``), its Timestamp
  webbot's "Page last modified: October 20, 2003" (``page-modified-line``, also SharePoint's "Last
  modified at ... by DOMAIN\\user"), a copyright line led by the word (``copyright-line``), the hit
  counter webbot's "[Hit Counter]" placeholder (``hit-counter``);
- a print view's "Story from BBC NEWS: URL Published: ... © BBC MMX" row (``print-story-footer``);
- "Sent from my iPhone" closing a post mailed to a blog (``device-signature``);
- a Tumblr post's notes list, "X liked this", "Y reblogged this from Z" (``reblog-notes``);
- a sliced template's table (Dreamweaver 2004: the story cell between two empty spacer columns, the
  banner, image menu and footer rows across them), 4 rows by 3 columns and so data by Readability's
  count: its story came out glued to its headline and footer in ``| | ... | |`` rows; rows with text
  in one cell each are stacked rows (``tables.SPACER_COLUMNS``);
- an Invision Power Board 3 thread lost its short last reply: the post's control links ("Report",
  "MultiQuote", "Quote", "Back to top") made it a short block of links, which trafilatura's precision
  mode deletes when it is the last of its siblings (DOM rule ``forum-post-controls``, the control rows
  of IPB 3, SMF 2, phpBB 3, vBulletin 4, XenForo 1 and MyBB by class); its posts' "Posted 12 March 2010
  - 08:14 PM" lines (``dateline-dmy`` reads a time after a dash) and "1 user(s) are reading this topic",
  "0 members, 1 guests, 0 anonymous users" (``forum-browsing-line``) went too;
- a Japanese Movable Type entry kept its date heading "2005年06月12日" (``dateline-numeric`` reads
  the CJK date, and Greek, Russian and Chinese date labels), its footer "投稿者 hanako : 2005年06月12日
  22:10 | コメント (2) | トラックバック (0)" (``post-footer-line-ja``) and "このエントリーのトラックバック
  URL:" (``trackback-lines``); a Chinese county page its "版权所有：..." footer row (``copyright-line``);
- a Plone 3 news item's image caption (``div.newsImageContainer``'s ``p.discreet``) stayed between
  its description and its body (DOM rule ``news-image-box``);
- a newspaper's print-edition note, "This article appeared in the Guardian on ... on p12 of the Main
  section" (``print-edition-note``);
- vBulletin's printable thread (printthread.php, a table per post) kept each post's date row
  "| 04-22-2008, 06:41 PM |" and the header's "| Click here to go to the first staff post in this
  thread. |": ``forum-post-rows`` takes those rows too;
- a Greek municipal page kept "Ημερομηνία: 14/05/2007" (``dateline-numeric``'s labels) and its tool
  row "Εκτύπωση | Αποστολή" (``tool-row-i18n``: print, send and close rows in other languages than
  English, Chinese "【打印本页】【关闭窗口】" among them).
"""

from __future__ import annotations

import lxml.html
from rulekit import without_dom_rule, without_paragraph_rule

from archiver.extraction import brlines, extract, tables

_TRIP = ("Drove up to the coast on Saturday with my cousin and his mate. Left at six in the morning so we "
         "would beat the traffic, which we did not.",
         "We stopped at a tiny bakery in the hills that does the best mince pies in the country, no joke. "
         "Then three hours of surf, two of them mostly falling off.",
         "Back at midnight, sunburnt and happy. Going again next month if the car survives.")
_MYSPACE_URL = "http://blog.myspace.example.com/index.cfm?fuseaction=blog.view&blogID=291234567"


def _myspace() -> str:
    body = "<br><br>".join(_TRIP)
    return f"""<html><head><title>Road trip to the coast - DJ Kiwi's Blog</title></head><body bgcolor="#E5E5E5">
<div id="header"><a href="/">Home</a> | <a href="/browse">Browse</a> | <a href="/search">Search</a> |
<a href="/mail">Mail</a> | <a href="/blog">Blog</a> | <a href="/music">Music</a></div>
<table width="800" border="0" cellspacing="0" cellpadding="0" align="center"><tr><td valign="top" width="200">
<table class="profileInfo"><tr><td><b>DJ Kiwi</b><br>"turn it up"<br>Male<br>24 years old<br>Auckland<br><br>Last Login: 6/14/2007</td></tr></table>
<table><tr><td class="text"><b>My Blog Archive</b><br><a href="/rss">[Rss Feed]</a><br><a href="/2007/06">June 2007</a><br>
<a href="/2007/05">May 2007</a></td></tr></table></td>
<td valign="top" width="600"><table width="100%" cellpadding="4"><tr><td><p class="blogTimeStamp">Thursday, June 14, 2007</p>
<p class="blogSubject">Road trip to the coast<br><span class="blogCurrentMood">Current mood:</span>&nbsp;happy<br>
<span class="blogCategory">Category:</span> <a href="/cat/travel">Travel and Places</a></p>
<table width="100%"><tr><td class="blogContent"><div>{body}</div></td></tr></table>
<p class="blogContentInfo">Posted by <a href="/djkiwi">DJ Kiwi</a> at 10:12 PM&nbsp;|&nbsp;<a href="#c">Add Comment</a>&nbsp;|&nbsp;
<a href="#e">Edit</a>&nbsp;|&nbsp;<a href="#r">Remove</a>&nbsp;|&nbsp;<a href="#k">Kudos</a>&nbsp;0 Kudos</p>
<p class="blogCommentsTitle">Blog Comments</p><p>Be the first to comment on this blog!</p></td></tr></table></td></tr></table>
<div id="footer"><a href="/about">About</a> | <a href="/faq">FAQ</a> | <a href="/terms">Terms</a> | <a href="/privacy">Privacy</a></div>
</body></html>"""


def test_a_br_paragraph_div_among_p_furniture_is_read():
    lines = extract(_myspace(), _MYSPACE_URL).text.split("\n")
    for sentence in _TRIP:
        assert sentence in lines


def test_without_the_stage_the_body_is_lost(monkeypatch):
    monkeypatch.setattr(brlines, "BR_DIVS", False)
    text = extract(_myspace(), _MYSPACE_URL).text
    assert not any(sentence in text for sentence in _TRIP)


def test_a_page_without_p_text_keeps_its_divs_as_they_are():
    body = "<br><br>".join(_TRIP)
    page = f"""<html><head><title>Aquarium Talk :: Cloudy water</title></head><body>
<div class="nav"><a href="/">Forum List</a> &bull; <a href="/new">New Topic</a></div>
<div class="message"><div class="subject">Cloudy water</div><div class="body">{body}</div></div>
<table><tr><th>Subject</th><th>Written By</th></tr><tr><td>Re: Cloudy water</td><td>tetraman</td></tr></table>
</body></html>"""
    root = lxml.html.fromstring(page)
    assert brlines.wrap_br_divs(root, list(root.iter("div"))) == 0  # the body <div> qualifies but for <p> text
    lines = extract(page, "http://forum.example.net/read.php?3,44182").text.split("\n")
    assert _TRIP[0] in lines and not any("tetraman" in line for line in lines)


_SHOW = ("More than six hundred visitors came to our seventh annual show at the Lakeside Grange on October 4 "
         "and 5, and ninety-one quilts were hung, the most we have ever shown.",
         "Best of Show went to Margaret Ellis for a hand-pieced star in autumn colors that took her two years "
         "to finish.",
         "The raffle raised $1,340 for the county hospice. Thank you to everyone who sold tickets, baked, or "
         "stood a shift at the door.")
_FOOTER = ("Page last modified: October 20, 2003",
           "You are visitor number [Hit Counter]",
           "Send mail to webmaster@quilters.example.org with questions or comments about this web site.",
           "Copyright © 2003 Lakeside Quilters Guild")


def _frontpage() -> str:
    body = "".join(f'<p><font face="Arial" size="2">{s}</font></p>' for s in _SHOW)
    return f"""<html><head><meta name="GENERATOR" content="Microsoft FrontPage 5.0"><title>Quilt Show 2003 Results</title></head>
<body><!--msnavigation--><table border="0" width="100%"><tr><td><p align="center"><img src="_derived/banner.gif" alt="Quilt Show 2003 Results">
<a href="index.htm"><img src="_derived/home.gif" alt="Home"></a></p></td></tr><!--msnavigation--></table>
<!--msnavigation--><table border="0" width="100%"><tr><td valign="top" width="1%"><p><font size="2"><a href="index.htm">Home</a><br>
<a href="meetings.htm">Meetings</a><br><a href="gallery.htm">Gallery</a><br><a href="join.htm">Join Us</a></font></p></td>
<td valign="top" width="24"></td><!--msnavigation--><td valign="top">
<p><font face="Arial" size="5"><b>Quilt Show 2003 Results</b></font></p>{body}<p>&nbsp;</p>
<p><font size="1" face="Arial">{_FOOTER[0]}<br>You are visitor number <strong>[Hit Counter]</strong></font></p>
<p align="center"><font size="1" face="Arial">Send mail to <a href="mailto:webmaster@quilters.example.org">webmaster@quilters.example.org</a>
with questions or comments about this web site.<br>{_FOOTER[3]}</font></td></tr><!--msnavigation--></table></body></html>"""


def test_an_old_sites_footer_lines_go():
    lines = extract(_frontpage(), "http://www.quilters.example.org/news/show2003.htm").text.split("\n")
    for sentence in _SHOW:
        assert sentence in lines
    for line in _FOOTER:
        assert line not in lines


def test_without_the_rules_the_footer_lines_stay(monkeypatch):
    for name in ("page-modified-line", "hit-counter", "webmaster-mail-line", "copyright-line"):
        without_paragraph_rule(monkeypatch, name)
    lines = extract(_frontpage(), "http://www.quilters.example.org/news/show2003.htm").text.split("\n")
    for line in _FOOTER:
        assert line in lines


def test_sentences_about_copyright_and_updates_stay():
    story = "".join(f"<p>{s}</p>" for s in _SHOW)
    page = f"""<html><head><title>Guild news</title></head><body><h1>Guild news</h1>{story}
<p>Last updated our bylaws in 2001, the board said, and they need another look.</p>
<p>Copyright law protects every pattern designer, so please ask before copying one.</p></body></html>"""
    lines = extract(page, "http://www.quilters.example.org/news/guild.htm").text.split("\n")
    assert "Copyright law protects every pattern designer, so please ask before copying one." in lines
    assert "Last updated our bylaws in 2001, the board said, and they need another look." in lines


_SHOP = ("Residents of a Dorset village have bought their shop and post office to stop it from closing, after "
         "raising £160,000 in three months.",
         "The shop was put up for sale last year when its owners retired, and no buyer came forward.",
         "More than two hundred villagers bought shares at £50 each, and a rural charity lent the rest.")


def _print_page() -> str:
    body = "".join(f"<p>{s}</p>" for s in _SHOP)
    return f"""<html><head><title>NEWS | England | Village shop saved by its customers</title></head>
<body onload="window.print()"><table width="600"><tr><td><img src="/img/print_logo.gif" alt="NEWS"></td></tr></table>
<table width="600"><tr><td>Page last updated at 10:12 GMT, Friday, 12 March 2010</td></tr>
<tr><td><div class="headline">Village shop saved by its customers</div></td></tr><tr><td>{body}</td></tr></table>
<table width="600"><tr><td><hr size="1"><p class="foot">Story from BBC NEWS:<br>http://news.example.co.uk/go/pr/fr/-/2/hi/8562123.stm</p>
<p class="foot">Published: 2010/03/12 10:12:33 GMT</p><p class="foot">&copy; BBC MMX</p></td></tr></table></body></html>"""


def test_a_print_views_story_footer_row_goes():
    text = extract(_print_page(), "http://news.example.co.uk/2/hi/8562123.stm?print=1").text
    assert _SHOP[2] in text.split("\n")
    assert "Story from" not in text and "MMX" not in text


def test_without_the_rule_the_footer_row_stays(monkeypatch):
    without_paragraph_rule(monkeypatch, "print-story-footer")
    text = extract(_print_page(), "http://news.example.co.uk/2/hi/8562123.stm?print=1").text
    assert "Story from" in text


_HERON = ("Walked out to the old mill pond at dawn and there was a grey heron standing in the shallows, dead "
          "still, for a good twenty minutes.",
          "Then it struck twice in a row and came up with a small roach each time. I have been coming here for "
          "a year and never seen one fish so well.")
_NOTES = ("breadandbutter liked this", "soupdumpling reblogged this from quietkitchen and added: been there",
          "quietkitchen posted this")


def _mailed_post() -> str:
    body = "<br /><br />".join(_HERON) + "<br /><br />Sent from my iPhone"
    return f"""<html><head><title>Heron at the mill pond - marsh walker</title></head><body>
<div id="header"><h1><a href="/">marsh walker</a></h1><p>walks, birds and mud</p></div>
<div id="posts"><div class="post"><h3 class="posttitle"><a href="/heron">Heron at the mill pond</a></h3>
<div class="bodytext">{body}</div>
<div class="postmeta">Posted <a href="#">April 18, 2010</a> via email &middot; Filed under <a href="#">birds</a></div>
<div class="postactions"><a href="#">Like</a> <a href="#">Share</a> <a href="#">Comments [0]</a></div></div></div>
<div id="sidebar"><h4>About me</h4><p>I walk the Essex marshes most weekends with a pair of old binoculars.</p></div>
</body></html>"""


def test_a_phone_signature_closing_a_mailed_post_goes():
    lines = extract(_mailed_post(), "http://marshwalker.example.com/heron").text.split("\n")
    assert _HERON[1] in lines and "Sent from my iPhone" not in lines


def test_without_the_rule_the_phone_signature_stays(monkeypatch):
    without_paragraph_rule(monkeypatch, "device-signature")
    assert "Sent from my iPhone" in extract(_mailed_post(), "http://marshwalker.example.com/heron").text


_BREAD = ("I left the dough to rise on the radiator and forgot it for five hours. It rose, fell and rose again, "
          "and the loaf came out flat and sour as a lemon.",
          "Turns out this is called overproofing, and the fix is simple: watch the dough, not the clock.",
          "Tomorrow I try again, without the radiator.")


def _tumblr() -> str:
    body = "".join(f"<p>{s}</p>" for s in _BREAD)
    notes = "".join(f'<li class="note">{n}</li>' for n in _NOTES)
    return f"""<html><head><title>quiet kitchen - The bread that failed</title></head><body><div id="container">
<div id="header"><h1><a href="/">quiet kitchen</a></h1><div id="description">Cooking badly, then a little better.</div></div>
<div id="content"><div class="post text"><h3><a href="/post/61234567">The bread that failed</a></h3>{body}
<div class="meta"><a href="/post/61234567" class="date">Posted at 3:12pm</a> <a href="#notes">12 notes</a></div>
<ol class="notes">{notes}</ol></div></div><div id="footer"><a href="/archive">Archive</a> <a href="/rss">RSS</a>
<p>Powered by <a href="http://www.tumblr.com/">Tumblr</a></p></div></div></body></html>"""


def test_a_posts_reblog_notes_go():
    lines = extract(_tumblr(), "http://quietkitchen.example.com/post/61234567").text.split("\n")
    assert _BREAD[0] in lines and _BREAD[2] in lines
    assert not any(note in line for line in lines for note in _NOTES)


def test_without_the_rule_the_notes_stay(monkeypatch):
    without_paragraph_rule(monkeypatch, "reblog-notes")
    text = extract(_tumblr(), "http://quietkitchen.example.com/post/61234567").text
    assert all(note in text for note in _NOTES)


_HARVEST = ("We finished picking the last of the Cabernet Franc on October 16th, two weeks later than usual after a "
            "cool, wet summer that had us worried well into September.",
            "Yields are down by almost a third, but a dry, sunny October saved the season, and the grapes came in "
            "with good sugar and bright acidity.",
            "The first of the 2004 whites will be ready for tasting in the spring, and members will be invited to "
            "the barrel tasting in March.")


def _sliced() -> str:
    body = "".join(f'<p class="bodytext">{s}</p>' for s in _HARVEST)
    spacer = '<td width="20"><img src="images/spacer.gif" width="20" height="1"></td>'
    return f"""<html><head><title>Hollow Creek Winery :: Harvest 2004</title></head><body bgcolor="#3B1F1F">
<table width="770" border="0" align="center" cellpadding="0" cellspacing="0" bgcolor="#FFFFFF">
<tr><td colspan="3"><img src="images/header.jpg" width="770" height="140"></td></tr>
<tr><td colspan="3"><a href="index.html"><img src="images/nav_home.gif" alt="Home" border="0"></a><a href="wines.html"><img
 src="images/nav_wines.gif" alt="Our Wines" border="0"></a><a href="visit.html"><img src="images/nav_visit.gif" alt="Visit" border="0"></a></td></tr>
<tr>{spacer}<td width="730" valign="top"><img src="images/spacer.gif" width="1" height="20"><br>
<p class="headline">Harvest 2004: a small crop, a fine year</p>{body}</td>{spacer}</tr>
<tr><td colspan="3" align="center"><font size="1">Hollow Creek Winery, 4410 Creek Road. Open Friday to Sunday.</font></td></tr>
</table></body></html>"""


def test_a_sliced_templates_table_with_spacer_columns_is_unwrapped():
    lines = extract(_sliced(), "http://www.hollowcreek.example.com/news/harvest04.html").text.split("\n")
    for sentence in _HARVEST:
        assert sentence in lines
    assert not any("Creek Road" in line and "Harvest" in line for line in lines)


def test_without_the_stage_the_story_is_glued_into_a_row(monkeypatch):
    monkeypatch.setattr(tables, "SPACER_COLUMNS", False)
    lines = extract(_sliced(), "http://www.hollowcreek.example.com/news/harvest04.html").text.split("\n")
    assert not any(sentence in lines for sentence in _HARVEST)
    assert any(_HARVEST[0] in line and line.startswith("|") for line in lines)


def test_a_data_table_with_text_beside_text_stays_a_table():
    rows = "".join(f"<tr><td>{n}</td><td>{s}</td><td></td></tr>" for n, s in enumerate(_HARVEST))
    page = lxml.html.fromstring(f"<html><body><table>{rows}<tr><td>Total</td><td></td><td>3</td></tr></table>"
                                "</body></html>")
    assert tables.unwrap_layout_tables(page) == 0


_SEEDLINGS = ("Our tomato seedlings shoot up tall and thin within a week of sprouting, then flop over. They are "
              "on a south windowsill in the kitchen. What are we doing wrong?",
              "They are stretching for light. A windowsill in March is not bright enough for long. Either hang a "
              "cheap fluorescent tube a few inches above them, or sow a month later when the days are longer.",
              "Makes sense, the sill only gets sun in the afternoon. We'll sow again in April.")


_IPB = (("fernhill", "Members", "214 posts", "Posted 12 March 2010 - 08:14 PM", _SEEDLINGS[0]),
        ("greenhouse_gran", "Moderators", "5,102 posts", "Posted 12 March 2010 - 09:02 PM", _SEEDLINGS[1]),
        ("fernhill", "Members", "214 posts", "Posted 13 March 2010 - 07:30 AM", _SEEDLINGS[2]))


def _ipb_thread() -> str:
    posts = "".join(f"""
<div class="post_block hentry clear " id="post_id_55{i}"><a id="entry55{i}"></a>
<div class="post_wrap"><h3 class="row2"><span class="author vcard"><a class="url fn" href="#">{u}</a></span></h3>
<div class="author_info"><ul class="basic_info"><li class="avatar"><img src="http://forum.example.org/public/style_images/master/profile/default_large.png" alt="{u}'s Photo" class="photo" /></li><li class="group_title">{g}</li><li class="post_count desc lighter">{pc}</li></ul></div>
<div class="post_body"><p class="posted_info desc lighter ipsType_small"><img src="public/style_images/master/to_post_off.png" alt="post" />{d}</p>
<div class="post entry-content ">{t}</div></div>
<ul class="post_controls"><li class="report"><a href="#">Report</a></li><li class="multiquote"><a href="#">MultiQuote</a></li><li><a href="#" class="ipsButton_secondary">Quote</a></li></ul>
<ul class="post_controls"><li class="top hide"><a href="#ipboard_body" class="top" title="Back to top">Back to top</a></li></ul></div></div>
<hr />""" for i, (u, g, pc, d, t) in enumerate(_IPB))
    return """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xml:lang="en" lang="en" xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="content-type" content="text/html; charset=utf-8" />
<title>Leggy tomato seedlings - Allotment Growers Forum</title></head>
<body id="ipboard_body"><p id="content_jump" class="hide"><a id="top"></a><a href="#j_content" title="Jump to content" accesskey="m">Jump to content</a></p>
<div id="ipbwrapper"><div id="header"><div id="header_bar" class="clearfix"><div class="main_width"><div id="user_navigation" class="not_logged_in"><ul class="ipsList_inline right"><li><span class="services">Sign in with:</span></li><li><a href="#" id="sign_in">Sign In</a></li><li><a href="#" id="register_link">Create Account</a></li></ul></div></div></div>
<div id="branding"><div class="main_width"><a href="#" title="Go to Board Index" rel="home" accesskey="1"><img src="public/style_images/master/logo.png" alt="Logo" /></a></div></div>
<div id="primary_nav" class="clearfix"><div class="main_width"><ul class="ipsList_inline" id="community_app_menu"><li id="nav_home" class="left"><a href="#" title="Go to site home" rel="home">Allotment Growers</a></li><li id="nav_app_forums" class="left active"><a href="#" title="Go to Forums">Forums</a></li><li id="nav_app_members" class="left"><a href="#" title="Go to Members">Members</a></li><li id="nav_app_calendar" class="left"><a href="#" title="Go to Calendar">Calendar</a></li></ul></div></div></div>
<div id="content" class="clearfix"><div id="secondary_navigation" class="clearfix"><ol class="breadcrumb top ipsList_inline left"><li class="first"><a href="#"><span>Allotment Growers Forum</span></a></li><li><span class="nav_sep">&rarr;</span> <a href="#" title="Return to Vegetables"><span>Vegetables</span></a></li></ol></div><br class="clear" />
<div class="topic hfeed clear clearfix"><div class="maintitle clear clearfix"><span class="main_topic_title">Leggy tomato seedlings</span></div>
<div class="topic_controls"><ul class="topic_buttons"><li><a href="#" title="Start new topic"><img src="public/style_images/master/page_white_add.png" alt="" /> Start New Topic</a></li><li><a href="#" title="Reply to this topic" accesskey="r"><img src="public/style_images/master/comment_add.png" alt="" /> Reply to this topic</a></li></ul></div>
<div id="ips_Posts">""" + posts + """
</div><div class="topic_controls"><ul class="topic_buttons"><li><a href="#">Reply to this topic</a></li></ul></div>
<div id="topic_stats" class="statistics clear clearfix"><div id="topic_active_users" class="active_users"><h4 class="statistics_head">1 user(s) are reading this topic</h4><p class="statistics_brief desc">0 members, 1 guests, 0 anonymous users</p></div></div>
<div class="ipsBox_container"><p class="left"><a href="#" title="Previous Topic">&larr; Previous Topic</a></p><p class="right"><a href="#">Vegetables</a> &middot; <a href="#">Next Topic &rarr;</a></p></div></div></div>
<div id="footer_utilities" class="main_width clearfix clear"><ul class="ipsList_inline left"><li><a href="#">Change Theme</a></li><li><a href="#">Mark Community Read</a></li><li><a href="#">Help</a></li></ul><p id="copyright"><a href="http://www.invisionpower.com/products/board/" title="Community Forum Software by Invision Power Services">Community Forum Software by IP.Board</a></p></div></div></body></html>"""


def test_a_threads_short_last_reply_is_kept_once_its_post_controls_go():
    lines = extract(_ipb_thread(), "http://forum.allotment.example.org/index.php?/topic/8812-leggy/").text.split("\n")
    for post in _SEEDLINGS:
        assert post in lines
    assert not any("MultiQuote" in line or line == "Back to top" for line in lines)


def test_without_the_rule_the_short_last_reply_is_lost(monkeypatch):
    without_dom_rule(monkeypatch, "forum-post-controls")
    text = extract(_ipb_thread(), "http://forum.allotment.example.org/index.php?/topic/8812-leggy/").text
    assert _SEEDLINGS[1] in text and _SEEDLINGS[2] not in text


_UME = ("今年も梅の季節になりました。近所の農家で南高梅を五キロ買ってきて、さっそく漬け込みました。",
        "梅はひと晩水につけてアクを抜き、なり口を竹串で取ってから、焼酎をまぶして塩をまぶします。",
        "重しをのせて一週間ほどで梅酢が上がってきます。赤じそを入れるのは来月の予定です。")
_MT_LINES = ("2005年06月12日", "投稿者 hanako : 2005年06月12日 22:10 | コメント (2) | トラックバック (0)",
             "このエントリーのトラックバックURL:")


def _mt_japanese() -> bytes:
    body = "<br /><br />".join(_UME)
    return f"""<html><head><title>台所日記: 梅干しを漬ける</title></head><body><div id="container">
<div id="banner"><h1><a href="/">台所日記</a></h1><h2>毎日の料理と季節の保存食</h2></div><div id="center"><div class="content">
<p align="right"><a href="/archives/000411.html">&laquo; 筍ご飯</a> | <a href="/">メイン</a></p>
<h2>{_MT_LINES[0]}</h2><h3>梅干しを漬ける</h3><div class="entry-body">{body}</div>
<p class="posted">投稿者 hanako : 2005年06月12日 22:10 | <a href="#c">コメント (2)</a> | <a href="#t">トラックバック (0)</a></p>
<h2 id="trackbacks">トラックバック</h2><p>{_MT_LINES[2]}<br />http://www.kitchen.example.jp/mt/mt-tb.cgi/412</p>
</div></div></div></body></html>""".encode("euc_jp")


def test_a_japanese_blog_posts_date_and_footer_lines_go():
    lines = extract(_mt_japanese(), "http://www.kitchen.example.jp/archives/000412.html").text.split("\n")
    assert _UME[2] in lines
    for line in _MT_LINES:
        assert line not in lines


def test_without_the_rules_the_japanese_lines_stay(monkeypatch):
    for name in ("dateline-numeric", "post-footer-line-ja", "trackback-lines"):
        without_paragraph_rule(monkeypatch, name)
    lines = extract(_mt_japanese(), "http://www.kitchen.example.jp/archives/000412.html").text.split("\n")
    for line in _MT_LINES:
        assert line in lines


_SPORTS = ("五月十日，县第一中学第二十届春季运动会在学校操场隆重举行，全校一千二百多名师生参加了开幕式。",
           "本届运动会共设田径项目二十四个，三天的比赛中有五名同学打破了学校纪录。",
           "校长在闭幕式上说，学校将继续坚持每天一小时的体育活动。")


def _county() -> bytes:
    body = "".join(f"<p>　　{s}</p>" for s in _SPORTS)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>县第一中学举行春季运动会</title></head>
<body><table width="778" align="center"><tr><td><a href="/">网站首页</a> | <a href="/news/">新闻中心</a> | <a href="/edu/">教育动态</a> | <a href="/about/">关于我们</a></td></tr></table>
<table width="778" align="center" cellpadding="10"><tr><td align="center"><b>县第一中学举行春季运动会</b><br>日期：2008-05-12</td></tr>
<tr><td>{body}</td></tr></table>
<table width="778" align="center"><tr><td align="center">版权所有：县人民政府 地址：人民路1号</td></tr></table></body></html>""".encode("gbk")


def test_a_chinese_copyright_row_goes():
    lines = extract(_county(), "http://www.xian.example.cn/news/2008/0512/1123.html").text.split("\n")
    assert _SPORTS[2] in lines
    assert not any("版权所有" in line or "2008-05-12" in line for line in lines)


def test_without_the_rule_the_chinese_copyright_row_stays(monkeypatch):
    without_paragraph_rule(monkeypatch, "copyright-line")
    assert "版权所有" in extract(_county(), "http://www.xian.example.cn/news/2008/0512/1123.html").text


_OTTERS = ("Otters have been found in every county in England for the first time in more than fifty years, a "
           "national survey published today shows.",
           "The animals all but vanished from much of the country in the 1960s, poisoned by pesticides that "
           "washed into rivers from farmland.",
           "Kent, the last county without a confirmed record, now has otters on two rivers.")
_PRINT_NOTE = ("This article appeared in the Guardian on Wednesday March 12 2008 on p12 of the Main section. "
               "It was last updated at 10:12 on March 12 2008.")


def _history_page() -> str:
    body = "".join(f"<p>{s}</p>" for s in _OTTERS)
    return f"""<html><head><title>Otters return to every county in England | Environment</title></head><body>
<div id="content"><h1>Otters return to every county in England</h1><div id="article-wrapper">{body}</div>
<div class="article-history"><p>{_PRINT_NOTE}</p></div></div></body></html>"""


def test_a_print_edition_note_goes():
    lines = extract(_history_page(), "http://www.guardian.example.co.uk/environment/2008/mar/12/otters").text.split("\n")
    assert _OTTERS[2] in lines and _PRINT_NOTE not in lines


def test_without_the_rule_the_print_edition_note_stays(monkeypatch):
    without_paragraph_rule(monkeypatch, "print-edition-note")
    text = extract(_history_page(), "http://www.guardian.example.co.uk/environment/2008/mar/12/otters").text
    assert _PRINT_NOTE in text.split("\n")


def test_a_threads_post_dates_and_readers_count_go():
    result = extract(_ipb_thread(), "http://forum.allotment.example.org/index.php?/topic/8812-leggy/")
    assert list(result.paragraphs) == ["Leggy tomato seedlings", *_SEEDLINGS]


def test_without_the_rules_the_post_dates_and_readers_count_stay(monkeypatch):
    without_paragraph_rule(monkeypatch, "dateline-dmy")
    without_paragraph_rule(monkeypatch, "forum-browsing-line")
    lines = extract(_ipb_thread(), "http://forum.allotment.example.org/index.php?/topic/8812-leggy/").text.split("\n")
    assert "Posted 13 March 2010 - 07:30 AM" in lines
    assert "1 user(s) are reading this topic" in lines and "0 members, 1 guests, 0 anonymous users" in lines


_BRIDGE_NEWS = ("The bridge replaces a concrete crossing that was closed in 2007 after floods undermined its footings.",
                "It is wide enough for prams and wheelchairs, and its approach ramps meet current access standards.",
                "The work cost £86,000, most of it paid by a grant from the county's flood recovery fund.")
_PLONE_CAPTION = "The new bridge from the Meadow Lane side"


def _plone_news() -> str:
    body = "".join(f"<p>{s}</p>" for s in _BRIDGE_NEWS)
    return f"""<html><head><title>New footbridge opens over the Mill Stream &mdash; Riverdale Town Council</title></head>
<body><div id="portal-globalnav"><a href="/">Home</a> <a href="/news">News</a> <a href="/services">Services</a></div>
<div id="content"><h1 class="documentFirstHeading">New footbridge opens over the Mill Stream</h1>
<p class="documentDescription">The council's new timber footbridge opened to the public on Wednesday.</p>
<div class="newsImageContainer"><a href="image/image_view_fullscreen" id="parent-fieldname-image"><img src="image_mini"
 alt="" class="newsImage"></a><p class="discreet">{_PLONE_CAPTION}</p></div>
<div id="parent-fieldname-text" class="plain">{body}</div></div></body></html>"""


def test_a_plone_news_items_image_caption_goes():
    lines = extract(_plone_news(), "http://www.riverdale.example.gov/news/new-footbridge-opens").text.split("\n")
    assert _BRIDGE_NEWS[0] in lines and _PLONE_CAPTION not in lines


def test_without_the_rule_the_plone_caption_stays(monkeypatch):
    without_dom_rule(monkeypatch, "news-image-box")
    assert _PLONE_CAPTION in extract(_plone_news(), "http://www.riverdale.example.gov/news/new-footbridge-opens").text


_GAUGE = (("crankshaft", "04-22-2008, 06:41 PM", "My 2001 Civic's fuel gauge sits on empty even with a full tank. The low fuel "
           "light comes on too. Sender unit or the gauge itself?"),
          ("wrenchmonkey", "04-22-2008, 07:15 PM", "Almost always the sender. Unplug it and short the two gauge wires "
           "with the key on. If the needle goes to full, the gauge is fine and the sender is dead."),
          ("crankshaft", "04-24-2008, 12:03 PM", "Shorted the wires and the needle swung to full. Sender it is. "
           "Thanks for the tip."))


def _print_thread() -> str:
    posts = "".join(f"""<div style="padding:0px 0px 6px 0px"><table class="tborder" cellpadding="6" cellspacing="1" border="0"
 width="100%"><tr><td class="page" style="font-size:14pt">{date}</td></tr><tr><td class="page"><div class="smallfont"><b>{user}</b>
</div><div style="font-size:11pt; padding-top:6px">{text}</div></td></tr></table></div>""" for user, date, text in _GAUGE)
    return f"""<html><head><meta name="generator" content="vBulletin 3.7.2"><title>Honda Owners Forum - Fuel gauge reads empty</title></head>
<body><table width="100%"><tr><td><a href="showthread.php?t=90412">Click here to go to the first staff post in this thread.</a></td></tr></table>
<table width="100%"><tr><td><div class="smallfont"><a href="index.php">Honda Owners Forum</a> &gt; <a href="forumdisplay.php?f=3">Civic</a></div>
<div class="page" style="font-size:14pt"><strong>Fuel gauge reads empty all the time</strong></div></td>
<td align="right"><div class="smallfont">PDA</div></td></tr></table><br>{posts}
<div class="smallfont" align="center">All times are GMT -5. The time now is 09:18 PM.</div></body></html>"""


def test_a_printable_threads_date_and_header_rows_go():
    lines = extract(_print_thread(), "http://www.hondaowners.example.com/forums/printthread.php?t=90412").text.split("\n")
    assert any(_GAUGE[2][2] in line for line in lines)
    assert not any(line.startswith("| 04-2") or "first staff post" in line for line in lines)


def test_without_the_rule_the_printable_threads_rows_stay(monkeypatch):
    without_paragraph_rule(monkeypatch, "forum-post-rows")
    text = extract(_print_thread(), "http://www.hondaowners.example.com/forums/printthread.php?t=90412").text
    assert "| 04-22-2008, 06:41 PM |" in text.split("\n") and "first staff post" in text


_PLAYGROUND = ("Ο Δήμος ολοκλήρωσε την κατασκευή της νέας παιδικής χαράς στην κεντρική πλατεία, η οποία θα είναι "
               "ανοιχτή για τα παιδιά από το Σάββατο.",
               "Η παιδική χαρά διαθέτει κούνιες, τσουλήθρα και ειδικό δάπεδο ασφαλείας, σύμφωνα με τις ευρωπαϊκές "
               "προδιαγραφές.",
               "Ο δήμαρχος ευχαρίστησε τους κατοίκους για την υπομονή τους κατά τη διάρκεια των εργασιών.")


def _greek() -> bytes:
    body = "<br><br>".join(_PLAYGROUND)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-7">
<title>Δήμος Καλαμακίου - Νέα παιδική χαρά στην πλατεία</title></head><body><table width="780" align="center">
<tr><td width="180" valign="top"><a href="index.php">Αρχική</a><br><a href="news.php">Ανακοινώσεις</a><br>
<a href="epikoinonia.php">Επικοινωνία</a></td><td width="600" valign="top"><span class="title">Νέα παιδική χαρά στην πλατεία</span><br>
<span class="date">Ημερομηνία: 14/05/2007</span><br><br>{body}<br><br>
<a href="print.php?id=212">Εκτύπωση</a> | <a href="send.php?id=212">Αποστολή</a></td></tr></table></body></html>""".encode("iso-8859-7")


def test_a_greek_date_label_line_and_tool_row_go():
    lines = extract(_greek(), "http://www.dimos.example.gr/news.php?id=212").text.split("\n")
    assert _PLAYGROUND[2] in lines
    assert "Ημερομηνία: 14/05/2007" not in lines and "Εκτύπωση | Αποστολή" not in lines


def test_without_the_rules_the_greek_lines_stay(monkeypatch):
    without_paragraph_rule(monkeypatch, "dateline-numeric")
    without_paragraph_rule(monkeypatch, "tool-row-i18n")
    lines = extract(_greek(), "http://www.dimos.example.gr/news.php?id=212").text.split("\n")
    assert "Ημερομηνία: 14/05/2007" in lines and "Εκτύπωση | Αποστολή" in lines
