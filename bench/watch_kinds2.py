"""The second round of watching kinds (noise2): furniture that live sites add between visits, and edits.

Noise: a "Listen to this article" player with its duration, a reading-time line, "N people are reading
this", a live stock ticker inside the body, a picture whose srcset and credit rotate, a "This article
was updated" banner with no change to the body, a new decoration of the declared title. Edits: a
correction at the top, the byline's name, a date in the text, words inside a quotation, a list item.
Each is a :data:`bench.watch_kinds.Change`; ``bench/watch_kinds.py`` lists them in ``NOISE``/``EDITS``.
"""
from __future__ import annotations

import random
import re

from bench.watch_kinds import ADS, Page, _after_para, _set_text, frag


def hashed_ads(page: Page, r: random.Random) -> bool:
    """Ads in the body whose classes are build hashes, rotating on every visit: a CSS-in-JS wrapper
    (``css-1x2y3z``) with its "Advertisement" or "Sponsored" label in a block of its own, or an ad slot
    whose class carries a CSS-module hash (``ad-slot__3f9a1c``)."""
    def tag() -> str:
        return f"{r.getrandbits(24):06x}"
    label = r.choice(["Advertisement", "ADVERTISEMENT", "Sponsored", "Sponsored content"])
    _after_para(page, 0, frag(f"<div class='css-{tag()}'><div class='css-{tag()}'>{label}</div>"
                              f"<p class='css-{tag()}'>{r.choice(ADS[2:])}</p></div>"))
    _after_para(page, 2, frag(f"<div class='ad-slot__{tag()}'><p>{r.choice(ADS)}</p></div>"))
    return True


def listen(page: Page, r: random.Random) -> bool:
    """A "Listen to this article" audio player line with its duration above the body, on most visits."""
    if r.random() < 0.3:
        return True
    label = r.choice(["Listen to this article", "Listen to this story", "Listen"])
    page.paras[0].addprevious(frag(f"<div class='audio-player'><button>{label}</button> "
                                   f"<span>{r.randint(2, 9)}:{r.randint(0, 59):02d}</span></div>"))
    return True


def reading_time(page: Page, r: random.Random) -> bool:
    """A reading-time line as a plain paragraph of the body ("4 min read"), its estimate varying."""
    page.paras[0].addprevious(frag(f"<p>{r.randint(3, 9)} {r.choice(['min read', 'minute read', 'minutes read'])}</p>"))
    return True


def readers_now(page: Page, r: random.Random) -> bool:
    """"N people are reading this" in the body."""
    _after_para(page, 0, frag(f"<p class='live-readers'>{r.randint(12, 4000):,} people are reading this "
                              f"{r.choice(['now', 'right now', 'article'])}</p>"))
    return True


def stocks(page: Page, r: random.Random) -> bool:
    """A live-updating stock ticker inside the body: index levels and changes, new on every visit."""
    cells = "".join(f"<li><span class='sym'>{s}</span> <span class='px'>{r.uniform(900, 20000):,.2f}</span> "
                    f"<span class='chg'>{r.choice('+-')}{r.uniform(0, 3):.2f}%</span></li>"
                    for s in ("DAX", "FTSE 100", "S&amp;P 500", "EUR/USD"))
    _after_para(page, 1, frag(f"<div class='market-data'><ul>{cells}</ul></div>"))
    return True


def figure(page: Page, r: random.Random) -> bool:
    """A picture in the body whose srcset and credit line rotate (the CDN's sizes, the agency's name)."""
    tag = f"{r.getrandbits(32):x}"
    credit = r.choice(["Photo: Reuters", "Photo: AP", "Photograph: Getty Images", "Image: dpa", "Photo: AFP"])
    _after_para(page, 0, frag(f"<figure class='inline-image'><img src='/img/{tag}.jpg' srcset='/img/{tag}-480.jpg "
                              f"480w, /img/{tag}-960.jpg 960w' alt=''><figcaption><span class='credit'>{credit}"
                              f"</span></figcaption></figure>"))
    return True


def banner(page: Page, r: random.Random) -> bool:
    """A "This article was updated" banner that comes and goes while the body stays the same."""
    if r.random() < 0.5:
        return True
    page.paras[0].addprevious(frag(f"<div class='update-notice'><p>This article was updated on "
                                   f"{r.randint(1, 28)} November 2026.</p></div>"))
    return True


def title_suffix(page: Page, r: random.Random) -> bool:
    """The declared title's decoration changes: " | Site", " - Updated", "(updated)", no suffix."""
    suffix = r.choice([" | Daily News", " - Updated", " (updated) - Daily News", "", " - LIVE"])
    for el in page.root.iter("title"):
        base = re.split(r"\s+[|]\s+| - Updated| \(updated\)| - LIVE", el.text or "")[0]
        el.text = base + suffix
    return True


def correction_top(page: Page, r: random.Random) -> bool:
    """A correction line put at the top of the article."""
    page.paras[0].addprevious(frag("<p><strong>Correction:</strong> this article previously misstated the name of "
                                   "the committee's chair. It has been corrected.</p>"))
    return True


_BYLINE = re.compile(r"byline|author", re.I)


def byline(page: Page, r: random.Random) -> bool:
    """The byline's name changed (an element classed byline or author, 2-12 words); not applicable without one."""
    for el in page.root.iter():
        if not isinstance(el.tag, str) or not _BYLINE.search(f"{el.get('class', '')} {el.get('id', '')}"):
            continue
        text = " ".join(el.text_content().split())
        if 2 <= len(text.split()) <= 12 and len(el) <= 3:
            _set_text(el, "By Maria Jensen and Tomas Berg")
            return True
    return False


_DATE_WORD = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
                        r"June|July|August|September|October|November|December)\b")


def date_changed(page: Page, r: random.Random) -> bool:
    """A date in the article's text changed (the first weekday or month name); not applicable without one."""
    for p in page.paras:
        text = p.text_content()
        found = _DATE_WORD.search(text)
        if found:
            other = "Friday" if found.group() != "Friday" else "Monday"
            if found.group() in ("January", "February", "March", "April", "June", "July", "August", "September",
                                 "October", "November", "December"):
                other = "December" if found.group() != "December" else "January"
            _set_text(p, text[:found.start()] + other + text[found.end():])
            return True
    return False


_QUOTED = re.compile(r"[\"“„«]([^\"”“«»]{12,})[\"”“»]")


def quote_changed(page: Page, r: random.Random) -> bool:
    """Words inside a quotation changed (a blockquote in the article, else a quoted span of a paragraph)."""
    for q in page.box.iter("blockquote"):
        words = q.text_content().split()
        if len(words) >= 4:
            _set_text(q, " ".join(words[:-2] + ["they", "insisted"]))
            return True
    for p in page.paras:
        text = p.text_content()
        found = _QUOTED.search(text)
        if found:
            inner = found.group(1).split()
            new = " ".join(inner[:-1] + ["entirely", "unacceptable"])
            _set_text(p, text[:found.start(1)] + new + text[found.end(1):])
            return True
    return False


def list_item(page: Page, r: random.Random) -> bool:
    """An item added to a list of the article (a list among or beside its paragraphs); not applicable without one."""
    for lst in page.box.iter("ul", "ol"):
        items = [li for li in lst if li.tag == "li"]
        if len(items) >= 2 and not lst.xpath(".//a") and len(items[0].text_content().split()) >= 2:
            items[-1].addnext(frag("<li>Residents can send written comments to the council until the end of "
                                   "January.</li>"))
            return True
    return False
