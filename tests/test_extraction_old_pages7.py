"""Kinds of 1999-2012 markup, round 7 (old7, eighteenth session), each on a small invented page,
each shown to fail with its fix switched off:

- a forum thread whose posts are each a named ``<div>`` of bare text (phpBB 3's ``div.content`` in
  ``div.post``), the last post short: trafilatura keeps the first posts and drops the last one (its
  fallbacks read the thread without it), and so did archiver through rounds 2-6; a blog's front page
  (Blogger's ``div.post-body``) loses its last short entry the same way. The items of that repeated
  structure after the last kept one come back (``tailitems.ENABLED``); a sidebar box of the same
  markup that names itself furniture, or a line of links, does not.
"""

from __future__ import annotations

from archiver.extraction import extract, tailitems

_POSTS = (
    ("wrenfield", "Sat Feb 07, 2009 6:12 pm",
     "The seat tube on my old steel tourer has a hairline crack just above the bottom bracket shell. "
     "Is that something a frame builder can braze, or is the frame finished?"),
    ("old_spoke", "Sat Feb 07, 2009 7:40 pm",
     "A good builder can usually replace the seat tube outright, which is cleaner than a patch. Expect "
     "to pay for a respray as well, since the paint around the joint will be cooked."),
    ("wrenfield", "Sun Feb 08, 2009 9:03 am",
     "Thanks, I will ring the builder in Ledbury on Monday."),
)


def _thread(posts=_POSTS) -> str:
    body = "".join(f"""
<div id="p40{i}" class="post bg{2 - i % 2}"><div class="inner"><span class="corners-top"><span></span></span>
<div class="postbody"><ul class="profile-icons"><li class="quote-icon"><a href="#">Reply with quote</a></li></ul>
<h3><a href="#p40{i}">{'Re: ' if i else ''}Crack in a steel seat tube</a></h3>
<p class="author">by <strong><a href="#">{user}</a></strong> &raquo; {when}</p>
<div class="content">{text}</div></div>
<dl class="postprofile"><dt><a href="#">{user}</a></dt><dd><strong>Posts:</strong> {12 + 90 * i}</dd></dl>
<div class="back2top"><a href="#wrap" class="top">Top</a></div></div></div><hr class="divider" />"""
                   for i, (user, when, text) in enumerate(posts))
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html><head><meta http-equiv="content-type" content="text/html; charset=UTF-8" />
<title>Touring Cyclists' Forum &bull; View topic - Crack in a steel seat tube</title></head>
<body id="phpbb"><div id="wrap"><div id="page-header"><h1>Touring Cyclists' Forum</h1>
<ul class="linklist navlinks"><li><a href="#">Board index</a> &#8249; <a href="#">Workshop</a></li><li><a href="#">FAQ</a></li><li><a href="#">Register</a></li><li><a href="#">Login</a></li></ul></div>
<div id="page-body"><h2><a href="#">Crack in a steel seat tube</a></h2>
<div class="topic-actions"><a href="#">Post a reply</a> <div class="pagination">3 posts &bull; Page <strong>1</strong> of <strong>1</strong></div></div>{body}
<p><a href="#">Return to Workshop</a></p><h3>Who is online</h3><p>Users browsing this forum: No registered users and 2 guests</p></div>
<div id="page-footer"><div class="copyright">Powered by <a href="#">phpBB</a> &copy; 2000, 2002, 2005, 2007 phpBB Group</div></div></div></body></html>"""


_URL = "http://www.touringcyclists.example.org/forum/viewtopic.php?f=7&t=2210"


def test_a_threads_short_last_post_stays():
    text = extract(_thread(), _URL).text
    for _user, _when, post in _POSTS:
        assert post in text
    assert text.index(_POSTS[1][2]) < text.index(_POSTS[2][2])
    assert "Who is online" not in text and "Powered by" not in text


def test_without_tail_items_the_last_post_is_lost(monkeypatch):
    monkeypatch.setattr(tailitems, "ENABLED", False)
    text = extract(_thread(), _URL).text
    assert _POSTS[1][2] in text
    assert _POSTS[2][2] not in text


def test_a_last_item_of_links_is_not_taken_back():
    posts = (*_POSTS[:2], ("wrenfield", "Sun Feb 08, 2009 9:03 am",
                           '<a href="#">ledbury frames</a> <a href="#">brazing guide</a> <a href="#">tube sets</a> ok.'))
    text = extract(_thread(posts), _URL).text
    assert "brazing guide" not in text


_ENTRIES = (
    ("Monday, March 05, 2007", "The hens are laying again",
     "After a whole winter of nothing, Bramble laid an egg on Saturday and Pepper followed on Sunday.",
     "We had them boiled with soldiers, as is only right."),
    ("Thursday, March 01, 2007", "A fox at the fence",
     "Something had been digging under the run at night, and this morning there were fox prints in the mud.",
     "The run now has a skirt of wire buried a foot down all the way round."),
    ("Sunday, February 25, 2007", "New gate",
     "The new gate is up at last and it even shuts.", ""),
)


def _front_page() -> str:
    posts = "".join(f"""
<h2 class="date-header">{day}</h2>
<div class="post"><a name="p{i}"></a><h3 class="post-title"><a href="#">{title}</a></h3>
<div class="post-body"><p><div style="clear:both;"></div>{one}{"<br /><br />" + two if two else ""}<div style="clear:both; padding-bottom:0.25em"></div></p></div>
<p class="post-footer"><em>posted by Ann at <a href="#">8:1{i} PM</a></em> <a class="comment-link" href="#">{i} comments</a></p></div>"""
                    for i, (day, title, one, two) in enumerate(_ENTRIES))
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html><head><title>Hen House Diary</title><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" /></head>
<body><div id="header"><h1 id="blog-title">Hen House Diary</h1><p id="blog-description">Four hens, one fox, a lot of mud.</p></div>
<div id="content"><div id="main"><div id="main2">{posts}
<p id="blogfeeds">Subscribe to<br />Posts [<a href="#">Atom</a>]</p></div></div>
<div id="sidebar"><h2 class="sidebar-title">Previous Posts</h2><ul id="recently"><li><a href="#">The hens are laying again</a></li><li><a href="#">A fox at the fence</a></li><li><a href="#">New gate</a></li></ul>
<p id="powered-by"><a href="http://www.blogger.com"><img src="b.gif" alt="Powered by Blogger" /></a></p></div></div></body></html>"""


_BLOG_URL = "http://henhousediary.blogspot.example.com/"


def test_a_blog_front_pages_short_last_entry_stays():
    text = extract(_front_page(), _BLOG_URL).text
    assert _ENTRIES[0][2] in text and _ENTRIES[1][3] in text
    assert _ENTRIES[2][2] in text
    assert text.index(_ENTRIES[1][3]) < text.index(_ENTRIES[2][2])


def test_without_tail_items_the_last_entry_is_lost(monkeypatch):
    monkeypatch.setattr(tailitems, "ENABLED", False)
    text = extract(_front_page(), _BLOG_URL).text
    assert _ENTRIES[1][3] in text
    assert _ENTRIES[2][2] not in text
