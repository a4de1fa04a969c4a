"""A short post read from the sidebar: precision mode lost a three-line post to a sidebar widget.

A blog post of six lines of dialogue (the shortest paragraph eight characters) beside a sidebar
whose Twitter widget shows one tweet of 150 characters: trafilatura's precision mode returns the
tweet, its default mode the post. The precision fallback's length test cannot see it (the tweet is
longer than the post) and no main container holds a fifth of the page's paragraph text. Now the
default run also wins when at least half of the precise text lies in the page's sidebar parts
(``<aside>``, a ``sidebar`` or ``widget`` element: ``precision_fallback.aside_xpath`` in
``generic.json``) and less than half of the default run's does (``article._read_aside``, switch
``option:fallback-aside``). A long post beside the same widget is read as before. Invented site
and text (from trafilatura-eval's kind: a 2013 WordPress.com post, sidebar widgets in ``li.widget``).
"""
from __future__ import annotations

import dataclasses

import trafilatura

import archiver.extraction as ex
from archiver.extraction import extract

URL = "https://quietlane.example/2013/06/14/nothing-to-do/"
POST = ["“I know I had one too many and should not say it, really…”", "– “Then do not say it.”", "– “Fine.”",
        "“You always say that.”", "– “I know.”", "– “And?”"]
TWEET = ("At the start of every action film they should all simply shoot each other, and show nice landscapes "
         "for the rest of it. Really, truly, honestly, I mean it.")


def _page(paragraphs: list[str]) -> str:
    ps = "".join(f"<p>{s}</p>" for s in paragraphs)
    return f"""<html lang="en"><body class="single single-post postid-406">
<div id="wrapper"><div id="header"><div id="title"><h1><a href="/">Quiet Lane</a></h1></div></div>
<div id="content"><div class="post-406 post type-post status-publish format-standard hentry" id="post-406">
<h2 class="posttitle"><a href="{URL}">Nothing to do is also something to do</a></h2>
<p class="commentmeta">14 June 2013 at 20:51 (<a href="/category/specific/" rel="category tag">Specific</a>)</p>
{ps}</div><div style="clear: both"></div></div>
<div id="sidebar"><ul><li id="twitter-3" class="widget widget_twitter"><h2 class="widgettitle">
<a href="http://twitter.com/quietlane">Twitter</a></h2><ul class="tweets"><li>{TWEET}
<a href="http://twitter.com/quietlane/statuses/1" class="timesince">6 years ago</a></li></ul></li></ul></div>
</div></body></html>"""


def _lines(html: str) -> list[str]:
    return [line for line in extract(html, URL).text.split("\n") if line.strip()]


def test_precision_mode_reads_the_tweet():
    got = trafilatura.extract(_page(POST), url=URL, include_comments=False, favor_precision=True) or ""
    assert got.startswith("At the start of every action film"), got


def test_the_short_post_is_read():
    got = _lines(_page(POST))
    assert [line for line in got if line in POST] == POST, got
    assert not any("action film" in line for line in got), got


def test_without_the_signal_the_tweet_is_read(monkeypatch):
    original = ex.rules_for  # the switch as bench/switches.py makes it: the aside keys taken out

    def rules_for(host):
        rules = original(host)
        fallback = {k: v for k, v in rules.trafilatura.get("precision_fallback", {}).items()
                    if not k.startswith("aside_")}
        return dataclasses.replace(rules, trafilatura={**rules.trafilatura, "precision_fallback": fallback})

    monkeypatch.setattr(ex, "rules_for", rules_for)
    assert "At the start of every action film" in " ".join(_lines(_page(POST)))


def test_a_long_post_beside_the_widget_is_read_as_before():
    long_post = [f"Paragraph {i} of a longer post about the lane, the hedges and the new bus stop that nobody asked "
                 "for, written over a quiet weekend." for i in range(8)]
    got = _lines(_page(long_post))
    assert got == long_post and not any("action film" in line for line in got)
