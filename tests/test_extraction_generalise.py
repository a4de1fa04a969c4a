"""Kinds of fault that made archiver lose to bare trafilatura on pages it was not built on
(issue 11, "How rules earn their place"), each on a small page of its own (invented sites
and text, no benchmark page copied).
"""

from __future__ import annotations

from archiver.extraction import extract
from archiver.extraction.dom import find_main, parse
from archiver.extraction.rules import rules_for

URL = "https://www.marsh-lane-gardens.example/guides/winter-pruning"
TITLE = "Winter pruning for small orchards"


def sentences(prefix: str, n: int) -> list[str]:
    return [f"{prefix} sentence {i} explains why the apple trees along the wall are cut back in January, "
            f"while the sap is low and the buds of section {i} are still closed against the frost."
            for i in range(n)]


def page(body: str) -> str:
    return (f"<!DOCTYPE html><html><head><title>{TITLE} | Marsh Lane Gardens</title>"
            f"<meta property='og:title' content='{TITLE}'></head><body>"
            "<div class='topbar'><a href='/'>Marsh Lane Gardens</a><ul class='menu'><li><a href='/g'>Guides</a>"
            "</li><li><a href='/s'>Shop</a></li></ul></div>"
            f"{body}<div class='bottom'><p>Marsh Lane Gardens, Lower Road.</p></div></body></html>")


def test_hidden_related_posts_with_whole_bodies_are_not_merged_into_the_article():
    body = sentences("Body", 5)
    hidden_posts = "".join(
        "<div class='related-item'><div class='hide'><div class='rich'>"
        + "".join(f"<p>{s}</p>" for s in sentences(f"Hidden post {n}", 6))
        + "</div></div></div>" for n in range(3))
    html = page(f"""<main><div class="post"><h1>{TITLE}</h1><div class="post-body">
      {''.join(f'<p>{s}</p>' for s in body)}</div></div>
      <section class="related"><div class="related-list">{hidden_posts}</div></section></main>""")
    text = extract(html, URL).text
    for s in body:
        assert s in text
    assert "Hidden post" not in text


def test_an_ad_slot_wrapping_the_rest_of_the_article_does_not_take_it():
    body = sentences("Body", 8)
    # an ad slot whose markup was never closed: the parser puts the second half of the body inside it
    html = page(f"""<article><h1>{TITLE}</h1><div class="body">
      {''.join(f'<p>{s}</p>' for s in body[:3])}
      <div class="advert"><span class="advert-note">Advertisement</span>
      {''.join(f'<p>{s}</p>' for s in body[3:])}</div></div></article>""")
    text = extract(html, URL).text
    for s in body:
        assert s in text


def test_a_plain_ad_slot_still_goes():
    body = sentences("Body", 4)
    html = page(f"""<article><h1>{TITLE}</h1>{''.join(f'<p>{s}</p>' for s in body[:2])}
      <div class="ad"><p>Buy the Marsh Lane pruning saw today, with free delivery on every order over twenty
      pounds this winter.</p></div>{''.join(f'<p>{s}</p>' for s in body[2:])}</article>""")
    text = extract(html, URL).text
    assert "pruning saw" not in text
    assert body[3] in text


def test_a_teaser_card_is_not_taken_for_the_main_container():
    body = sentences("Body", 6)
    teaser = ("Our guide to summer pruning explains which shoots to take off in July so that the fruit "
              "gets the light it needs.")
    html = page(f"""<div class="content"><h1>{TITLE}</h1>{''.join(f'<p>{s}</p>' for s in body)}</div>
      <div class="more"><article class="card"><h3>Summer pruning</h3><p>{teaser}</p></article></div>""")
    assert find_main(parse(html), rules_for(None)) is None
    with_article = html.replace('<div class="content">', "<article>").replace("</p></div>\n", "</p></article>\n")
    main = find_main(parse(with_article), rules_for(None))
    assert main is not None and main.find("h1") is not None


def test_chunks_with_a_heading_in_every_gap_are_not_merged_away_from_their_headings():
    sections = [(f"Step {n}: {name}", sentences(f"Step {n}", 2)) for n, name in
                enumerate(["choose the branches", "make the cut", "seal the wound", "clear up"], 1)]
    parts = "".join(
        f"<section class='block block-title'><h2>{head}</h2></section>"
        f"<section class='block block-text'><div class='richtext'>{''.join(f'<p>{s}</p>' for s in body)}</div>"
        "</section>" for head, body in sections)
    html = page(f"<main><h1>{TITLE}</h1><div class='blocks'>{parts}</div></main>")
    got = [" ".join(p.split()) for p in extract(html, URL).paragraphs]
    expected = [line for head, body in sections for line in (head, *body)]
    assert [p for p in got if p in expected] == expected


def test_more_from_is_a_promo_only_as_a_short_name():
    from archiver.extraction import classify_text
    assert classify_text("More from The Courier") in {"dont-miss", "promo-heading-tail"}  # the tail rule is listed first
    assert classify_text("More from our partners:") in {"dont-miss", "promo-heading-tail"}
    # a subheading of the article that happens to start so (the ablation showed the rule costing WCXB)
    assert classify_text("More from Marsh Lane on pruning and pests in wet winters:") is None
