"""What changes between two visits of a live news page: furniture noise and real edits, on a real page's tree.

Used by ``bench/watch_noise.py``. A page is parsed once (:func:`prepare`); each
kind is a function of a fresh copy of its tree and a seeded ``random.Random``
that changes the copy in place, the way a news site's page differs from one
visit to the next. Noise kinds never touch the article's own paragraphs or
headline; edit kinds change only those. The article's paragraphs are found
from the set's ground truth (its text, or trafilatura-eval's "with" snippets),
never from any extractor's output, so no tool is favoured.
"""
from __future__ import annotations

import copy
import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import lxml.html
from lxml.html import HtmlElement

Change = Callable[["Page", random.Random], bool]
_WORD = re.compile(r"\w+", re.UNICODE)


def norm(text: str) -> str:
    """Lower-cased words joined by single spaces."""
    return " ".join(w.lower() for w in _WORD.findall(text or ""))


@dataclass
class Page:
    """A parsed page: ``paras`` are the article's paragraphs (document order), ``box`` their main container."""

    root: HtmlElement
    paras: list[HtmlElement]
    box: HtmlElement
    headline: HtmlElement | None


def _is_article(text: str, truth: str, snippets: list[str]) -> bool:
    words = norm(text).split()
    if len(words) < 8:
        return False
    if truth:
        return " ".join(words[:8]) in truth
    line = " ".join(words)
    return any(s in line for s in snippets)


def prepare(html: str, truth: str | None, snippets: list[str] | None) -> Page | None:
    """Parse ``html`` and find its article paragraphs (at least 3 ``<p>``) by the ground truth; None if not found."""
    root = lxml.html.document_fromstring(html)
    for meta in root.xpath("//meta[@charset] | //meta[translate(@http-equiv, 'CONTENT-TYP', 'content-typ')"
                           "='content-type']"):
        meta.drop_tree()  # the captures are served as UTF-8
    full = norm(truth or "")
    snips = [norm(s) for s in snippets or [] if len(norm(s).split()) >= 4]
    paras = [p for p in root.iter("p") if _is_article(p.text_content(), full, snips)]
    if len(paras) < 3:
        return None
    box = Counter(p.getparent() for p in paras).most_common(1)[0][0]
    heads = [h for h in root.iter("h1") if norm(h.text_content())]
    return Page(root, paras, box, heads[0] if heads else None)


def serialize(root: HtmlElement) -> bytes:
    """The page as served: UTF-8 with a doctype."""
    return b"<!DOCTYPE html>\n" + lxml.html.tostring(root, encoding="utf-8")


def variant(page: Page, change: Change, seed: int) -> bytes | None:
    """A copy of ``page`` changed by ``change`` (seeded with ``seed``); None when the kind does not apply."""
    root = copy.deepcopy(page.root)
    index = {id(e): e2 for e, e2 in zip(page.root.iter(), root.iter(), strict=True)}
    copy_page = Page(root, [index[id(p)] for p in page.paras], index[id(page.box)],
                     index[id(page.headline)] if page.headline is not None else None)
    if not change(copy_page, random.Random(seed)):
        return None
    return serialize(root)


def frag(html: str) -> HtmlElement:
    return lxml.html.fragment_fromstring(html)


def _body(page: Page) -> HtmlElement:
    found = page.root.find("body")
    return found if found is not None else page.root


def _after_para(page: Page, index: int, element: HtmlElement) -> None:
    """Insert ``element`` right after the article paragraph ``index`` (inside the article container)."""
    para = page.paras[min(index, len(page.paras) - 1)]
    para.addnext(element)


def _set_text(p: HtmlElement, text: str) -> None:
    for child in list(p):
        p.remove(child)
    p.text = text


# -- noise: the article untouched ------------------------------------------------------------

ADS = ["Save 40% on your first year: subscribe today", "Advertisement", "Sponsored: The best mortgage rates this week",
       "Try our new crossword app free for 30 days", "Shop the winter sale: up to 70% off selected brands",
       "Listen to our daily podcast wherever you get your podcasts", "Support independent journalism: donate now"]
STORIES = ["Storm warning issued for the coast", "Ten best bakeries in town", "Local team wins the cup final",
           "New museum opens its doors", "Rents rise again in the city centre", "Train strike called off",
           "Heatwave expected this weekend", "Minister resigns after expenses row", "School meals to be free",
           "Airport expansion approved", "Why the ferry is late again", "The quiet return of the tram"]
COMMENTS = ["About time somebody said it.", "This is exactly what I feared would happen.",
            "Who is paying for all this?", "Great reporting, thank you.", "I disagree with most of this article.",
            "Same thing happened in my town.",
            "Can we get a follow-up on this?", "The numbers do not add up."]


def ads(page: Page, r: random.Random) -> bool:
    """Rotating ads and promos, one inside the article container, one in the page."""
    _after_para(page, 0, frag(f"<div class='ad-slot ad-inline'><p>{r.choice(ADS)}</p></div>"))
    _body(page).insert(0, frag(f"<div class='promo-banner'><a href='/offer?id={r.randint(1, 999)}'>"
                                f"{r.choice(ADS)}</a></div>"))
    return True


def updated(page: Page, r: random.Random) -> bool:
    """An "Updated N minutes ago" line above the article."""
    page.paras[0].addprevious(frag(f"<p class='updated'>Updated {r.randint(2, 59)} minutes ago</p>"))
    return True


def counters(page: Page, r: random.Random) -> bool:
    """View, share and comment counters near the article."""
    page.paras[0].addprevious(frag(f"<div class='stats'><span class='views'>{r.randint(100, 99999):,} views"
                                   f"</span> <span class='shares'>{r.randint(0, 999)} shares</span> "
                                   f"<a href='#comments' class='comment-count'>{r.randint(0, 400)} comments</a></div>"))
    return True


def lists(page: Page, r: random.Random) -> bool:
    """Most-read and related lists, reordered and replaced: the related one at the article's end."""
    def items(n: int) -> str:
        return "".join(f"<li><a href='/story/{r.randint(1, 9999)}'>{t}</a></li>" for t in r.sample(STORIES, n))
    page.paras[-1].addnext(frag(f"<div class='related'><h3>Related</h3><ul>{items(3)}</ul></div>"))
    _body(page).append(frag(f"<aside class='most-read'><h2>Most read</h2><ol>{items(5)}</ol></aside>"))
    return True


def read_more(page: Page, r: random.Random) -> bool:
    """An inline "Read more:" link to another story inside the article's body, another story on every visit."""
    label = r.choice(["Read more", "READ MORE", "Related", "See also", "Also read"])
    _after_para(page, 1, frag(f"<p><strong>{label}:</strong> <a href='/story/{r.randint(1, 9999)}'>"
                              f"{r.choice(STORIES)}</a></p>"))
    return True


def comments(page: Page, r: random.Random) -> bool:
    """Reader comments below the article, more on every visit."""
    rows = "".join(f"<li class='comment'><p class='author'>reader{r.randint(1, 999)}</p><p>{t}</p></li>"
                   for t in r.sample(COMMENTS, r.randint(1, 6)))
    page.box.addnext(frag(f"<section id='comments'><h2>Comments</h2><ul>{rows}</ul></section>"))
    return True


def cachebust(page: Page, r: random.Random) -> bool:
    """Cache-busting query strings, srcset, nonce and CSRF values: all new on every visit."""
    tag = f"{r.getrandbits(40):x}"
    for el in page.root.iter("img", "script", "link", "source"):
        for attr in ("src", "href"):
            if el.get(attr):
                el.set(attr, el.get(attr).split("?")[0] + f"?v={tag}")
        if el.tag in ("img", "source"):
            el.set("srcset", f"/img/{tag}-480.jpg 480w, /img/{tag}-960.jpg 960w")
        if el.tag == "script":
            el.set("nonce", tag)
    _body(page).append(frag(f"<form class='login' action='/login'><input type='hidden' name='csrf' "
                            f"value='{tag}'></form>"))
    return True


def classes(page: Page, r: random.Random) -> bool:
    """A/B test class names: a variant token and hashed CSS-module suffixes on every classed element."""
    tag = f"{r.getrandbits(24):06x}"
    for el in page.root.iter():
        if isinstance(el.tag, str) and el.get("class"):
            el.set("class", " ".join(f"{c}__{tag}" for c in el.get("class", "").split()) + f" ab-{tag[:2]}")
    _body(page).set("class", f"variant-{'ab'[r.randint(0, 1)]}")
    return True


def cookie(page: Page, r: random.Random) -> bool:
    """A cookie banner, present on one visit and not the next."""
    if r.random() < 0.5:
        return True
    _body(page).insert(0, frag("<div id='cookie-banner' class='cookie-consent'><p>We use cookies to improve your "
                               "experience and to show you personalised ads. By continuing you agree to our cookie "
                               "policy.</p><button>Accept all</button><button>Settings</button></div>"))
    return True


def ticker(page: Page, r: random.Random) -> bool:
    """A live ticker at the top of the page."""
    _body(page).insert(0, frag(f"<div class='ticker'><span>Live</span> {' | '.join(r.sample(STORIES, 3))}</div>"))
    return True


def newsletter(page: Page, r: random.Random) -> bool:
    """A newsletter sign-up box that appears inside the article body on some visits."""
    if r.random() < 0.5:
        return True
    box = frag("<div class='newsletter-signup'><h3>Get our morning briefing</h3><p>The day's top stories in your "
               "inbox every morning. Sign up for our free newsletter.</p><form><input type='email' "
               "placeholder='Your email'><button>Sign up</button></form></div>")
    _after_para(page, len(page.paras) // 2, box)
    return True


# the kinds added in the second round (noise2), on the helpers above
from bench.watch_kinds2 import (  # noqa: E402
    banner,
    byline,
    correction_top,
    date_changed,
    figure,
    hashed_ads,
    list_item,
    listen,
    quote_changed,
    readers_now,
    reading_time,
    stocks,
    title_suffix,
)


def mixed(page: Page, r: random.Random) -> bool:
    """Every noise kind at once."""
    for kind in NOISE.values():
        if kind is not mixed:
            kind(page, r)
    return True


NOISE: dict[str, Change] = {
    "ads and promos": ads, "updated N minutes ago": updated, "view/comment counters": counters,
    "most-read/related lists": lists, "read-more link in body": read_more,
    "reader comments": comments, "cache-busting attributes": cachebust,
    "A/B class names": classes, "cookie banner": cookie, "live ticker": ticker, "newsletter box in body": newsletter,
    "hashed-class ads": hashed_ads, "listen-to-article player": listen, "reading time": reading_time,
    "N people reading": readers_now,
    "stock ticker in body": stocks, "image srcset/credit": figure, "updated banner, body unchanged": banner,
    "title suffix": title_suffix,
    "all at once": mixed}


# -- edits: the article's own text -------------------------------------------------------------

def _middle(page: Page) -> HtmlElement:
    return page.paras[len(page.paras) // 2]


def reword(page: Page, r: random.Random) -> bool:
    """A sentence reworded: three words in the middle paragraph replaced."""
    p = _middle(page)
    words = p.text_content().split()
    at = len(words) // 2
    _set_text(p, " ".join(words[:at] + ["according", "to", "officials"] + words[at + 3:]))
    return True


def number(page: Page, r: random.Random) -> bool:
    """A number changed (the first number in an article paragraph); not applicable without one."""
    for p in page.paras:
        text = p.text_content()
        found = re.search(r"\d+", text)
        if found:
            new = str(int(found.group()) + r.randint(1, 9))
            _set_text(p, text[:found.start()] + new + text[found.end():])
            return True
    return False


def para_added(page: Page, r: random.Random) -> bool:
    """A new paragraph added after the second paragraph."""
    _after_para(page, 1, frag("<p>A spokesperson said on Wednesday that further details would be published once "
                              "the review had been completed, and declined to comment on the timing.</p>"))
    return True


def correction(page: Page, r: random.Random) -> bool:
    """A correction line appended to the article."""
    _after_para(page, len(page.paras) - 1, frag("<p><em>Correction: an earlier version of this article gave the "
                                                 "wrong date for the meeting. It took place on Tuesday.</em></p>"))
    return True


def para_removed(page: Page, r: random.Random) -> bool:
    """A middle paragraph removed."""
    gone = _middle(page)
    page.paras.remove(gone)
    gone.drop_tree()
    return True


def headline(page: Page, r: random.Random) -> bool:
    """The headline changed (h1, and the title and og:title where they hold it)."""
    if page.headline is None:
        return False
    old = " ".join(page.headline.text_content().split())
    new = " ".join(old.split()[:-1] + ["amid", "new", "questions"])
    _set_text(page.headline, new)
    for el in page.root.xpath("//title | //meta[@property='og:title' or @name='twitter:title']"):
        if el.tag == "title" and el.text and old in el.text:
            el.text = el.text.replace(old, new)
        elif el.get("content") and old in el.get("content", ""):
            el.set("content", el.get("content", "").replace(old, new))
    return True


EDITS: dict[str, Change] = {
    "sentence reworded": reword, "number changed": number, "paragraph added": para_added,
    "correction appended": correction, "paragraph removed": para_removed, "headline changed": headline,
    "correction at top": correction_top, "byline changed": byline, "date in text changed": date_changed,
    "quote changed": quote_changed, "list item added": list_item}
