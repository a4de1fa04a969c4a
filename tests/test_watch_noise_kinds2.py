"""Watching, round 2: what ``bench/watch_noise.py`` (noise2) found wrong, served by a loopback news site
that changes the page between hits, watched by ``archiver run --watch``; verdicts read from the real catalog.
"""
from __future__ import annotations

import pytest
from sitekit import Response
from watchkit import Watcher

HOST = "www.valley-tribune.test"
PARAS = [
    "The regional rail operator will add a night train between the valley towns from March, its director "
    "said on Thursday, after a trial run carried more than 9,000 passengers in six weeks.",
    "The train will leave the central station at half past midnight and stop in every town on the line, "
    "reaching the last station shortly before two in the morning.",
    "Hospital staff and bar workers had asked for a late connection for years. A petition signed by 4,100 "
    "people was handed to the regional assembly last spring.",
    "The service will cost about 1.2 million euros a year. The region will pay two thirds of it and the "
    "towns on the line the rest, in proportion to their population.",
    "The operator said it would review the timetable after a year and might add a second late train on "
    "Fridays and Saturdays if demand stays high.",
]
DECLARED = "Night train for valley towns from March"  # og:title and <title>: the SEO title, not the headline
SHOWN = "Valley towns get their night train after years of petitions"


def article(hit: int, h1: str = SHOWN, suffix: str = " | Valley Tribune", extra_head: str = "",
            lead: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return f"""<!DOCTYPE html><html><head><title>{DECLARED}{suffix}</title>
<meta property="og:title" content="{DECLARED}">{extra_head}</head>
<body><header><nav><a href="/">Home</a> <a href="/region">Region</a></nav></header>
<div class="hero"><div class="hero-image"><img src="/img/train.jpg" alt=""></div><h1>{h1}</h1></div>
<main><article><p class="byline">By Lena Hartmann</p>
<div class="story-body">{lead}{body}</div></article></main>
<footer><p>Valley Tribune 2026</p></footer></body></html>"""


def watch(site, tmp_path, page, address: str) -> Watcher:
    news = site.host(HOST, address=address)
    news.route("/region/night-train", lambda req: Response(body=page(req.hit)))
    site.start()
    return Watcher(site, tmp_path, news.url("/region/night-train"))


def test_an_edit_of_the_shown_headline_is_an_edit(site, tmp_path):
    """og:title and <title> declare another text than the <h1>: the clean text's title line was the
    declared title, so a rewritten <h1> changed no byte of it (bench: 22 of 86 headline edits missed)."""
    edited = "Valley towns win their night train after years of petitions"
    watcher = watch(site, tmp_path, lambda hit: article(hit, h1=edited if hit >= 3 else SHOWN), "127.0.1.61")
    codes = [watcher.run()[0] for _ in range(3)]
    assert watcher.verdicts() == ["first", "same", "edit"]
    assert watcher.events() == [("edit", 2)] and codes == [0, 0, 1]
    text = sorted((tmp_path / "clean").rglob("*.txt"))[0].read_text(encoding="utf-8")
    assert text.splitlines()[0] in (SHOWN, edited)  # the title line is the headline as shown


def test_a_new_suffix_of_the_declared_title_alone_is_no_edit(site, tmp_path):
    """The <title>'s decoration changes (" | Valley Tribune", " - Updated", a new og:title suffix) while
    the shown headline and the article stay: no edit."""
    suffixes = [" | Valley Tribune", " - Updated | Valley Tribune", " (updated) - Valley Tribune", " | Valley Tribune"]
    watcher = watch(site, tmp_path, lambda hit: article(hit, suffix=suffixes[(hit - 1) % 4]), "127.0.1.62")
    codes = [watcher.run()[0] for _ in range(4)]
    assert watcher.verdicts() == ["first", "same", "same", "same"]
    assert watcher.events() == [] and codes == [0, 0, 0, 0]


ADS = ["Shop the winter sale: up to 70% off selected brands", "Try our new crossword app free for 30 days",
       "Support independent journalism: donate now", "Save 40% on your first year: subscribe today"]


def test_an_ad_whose_class_carries_a_build_hash_is_no_edit(site, tmp_path):
    """An ad slot classed 'advert__<hash>' (a CSS module's class, new with every build) with a rotating
    text inside the body: the ads rule names '.advert', so the hashed slot stayed and every visit was an
    edit (bench: the 7 false alarms of 'all at once')."""
    def page(hit: int) -> str:
        ad = f"<div class='advert__{hit * 7919:06x}9'><p>{ADS[hit % len(ADS)]}</p></div>"
        return article(hit, lead=ad)

    watcher = watch(site, tmp_path, page, "127.0.1.64")
    codes = [watcher.run()[0] for _ in range(4)]
    assert watcher.verdicts() == ["first", "same", "same", "same"]
    assert watcher.events() == [] and codes == [0, 0, 0, 0]


def test_an_ad_known_only_by_its_label_block_is_no_edit(site, tmp_path):
    """A CSS-in-JS ad unit ('css-1x2y3z' classes saying nothing) whose 'Advertisement' label is a block of
    its own, its text rotating: sponsored-unit took the label and left the ad's text, an edit at every visit."""
    def page(hit: int) -> str:
        label = ["Advertisement", "Sponsored", "ADVERTISEMENT"][hit % 3]
        ad = (f"<div class='css-{hit:03d}x2y'><div class='css-{hit:03d}k8j'>{label}</div>"
              f"<p class='css-{hit:03d}q1w'>{ADS[hit % len(ADS)]}</p></div>")
        return article(hit, lead=ad)

    watcher = watch(site, tmp_path, page, "127.0.1.65")
    codes = [watcher.run()[0] for _ in range(4)]
    assert watcher.verdicts() == ["first", "same", "same", "same"]
    assert watcher.events() == [] and codes == [0, 0, 0, 0]


def readers(hit: int) -> str:
    return f"<p class='live'>{[3470, 562, 1208, 88][hit % 4]:,} people are reading this {['now', 'article'][hit % 2]}</p>"


def market(hit: int) -> str:
    rows = "".join(f"<li><span>{sym}</span> <span>{1000 + 37.5 * hit * (k + 1):,.2f}</span> "
                   f"<span>{'+-'[(hit + k) % 2]}{0.11 * (hit + k):.2f}%</span></li>"
                   for k, sym in enumerate(["DAX", "FTSE 100", "S&amp;P 500", "EUR/USD"]))
    return f"<div class='market-data'><ul>{rows}</ul></div>"


def market_glued(hit: int) -> str:
    """The widget's cells with no space between them: the text reads 'DAX17,028.46-0.12%'."""
    return market(hit).replace("</span> <span>", "</span><span>")


def updated_notice(hit: int) -> str:
    return f"<div class='notice'><p>This article was updated on {hit + 3} November 2026.</p></div>" if hit % 2 else ""


@pytest.mark.parametrize("noise, address", [(readers, "127.0.1.66"), (market, "127.0.1.67"),
                                            (market_glued, "127.0.1.69"), (updated_notice, "127.0.1.68")],
                         ids=["readers", "market", "market-glued", "notice"])
def test_live_lines_in_the_body_are_no_edit(site, tmp_path, noise, address):
    """Lines inside the body that change on every visit while the article does not: "N people are reading
    this" (paragraph rule readers-now-line), a market widget's quotes (market-quote-line; its cells read
    glued without spaces too: bench, one page of WCXB dev), a bare "This
    article was updated on ..." notice that comes and goes (updated-notice-line): each was an edit at every
    visit (bench: 100%, 92% and 100% of their captures). The real edit is still seen."""
    def page(hit: int) -> str:
        html = article(hit, lead=noise(hit))
        return html.replace("9,000 passengers", "9,400 passengers") if hit == 4 else html

    watcher = watch(site, tmp_path, page, address)
    codes = [watcher.run()[0] for _ in range(4)]
    assert watcher.verdicts() == ["first", "same", "same", "edit"]
    assert watcher.events() == [("edit", 2)] and codes == [0, 0, 0, 1]
