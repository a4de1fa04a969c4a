"""Kinds of fault found on WCXB dev pages in the sixth session (issue 11: extraction that
holds on pages it was not built on), each on a small page of its own (invented sites and
text, no benchmark page copied).
"""

from __future__ import annotations

from archiver.extraction import extract
from archiver.extraction.repeats import drop_repeated_body

URL = "https://www.kiln-street-studio.example/journal/pricing-pottery-classes"
TITLE = "How to price a pottery class"


def paragraphs(prefix: str, n: int) -> list[str]:
    return [f"{prefix} paragraph {i} weighs the cost of clay, glaze and kiln time against what a student "
            f"in the town of Harrow Vale pays for an evening class, step {i} of the studio's plan."
            for i in range(n)]


def page(body: str) -> str:
    return (f"<!DOCTYPE html><html><head><title>{TITLE} | Kiln Street Studio</title>"
            f"<meta property='og:title' content='{TITLE}'></head><body>"
            "<div class='topbar'><a href='/'>Kiln Street Studio</a></div>"
            f"{body}<div class='bottom'><p>Kiln Street Studio, Harrow Vale.</p></div></body></html>")


def rendition(body: list[str]) -> str:
    return (f"<h2>Start with your costs</h2>{''.join(f'<p>{s}</p>' for s in body[:3])}"
            f"<h2>Then look at the market</h2>{''.join(f'<p>{s}</p>' for s in body[3:])}")


def test_a_body_rendered_twice_comes_out_once():
    body = paragraphs("Pricing", 6)
    # one rendition per screen width, each hidden by a stylesheet on the others (the page's CSS is not read)
    html = page(f"""<div class="main"><div class="section"><h1>{TITLE}</h1>
      <div class="rich-text">{rendition(body)}</div></div>
      <div class="section variant hidden-narrow"><div class="rich-text">{rendition(body)}</div></div></div>""")
    text = extract(html, URL).text
    for s in body:
        assert text.count(s) == 1, s
    assert text.count("Then look at the market") == 1


def test_a_recurring_line_and_a_repeated_run_later_in_the_body_stay():
    question = "What did the first pots you ever sold teach you about what people will pay for a mug?"
    answers = paragraphs("Answer", 4)
    lines = [answers[0], question, answers[1], question, answers[2], question, answers[3]]
    assert drop_repeated_body(lines) == lines
    steps = paragraphs("Step", 5)
    lines = [*steps, "Day two", *steps[2:]]  # a plan that repeats its later steps, not its opening
    assert drop_repeated_body(lines) == lines


def test_a_post_inside_a_wrapper_named_like_comments_is_kept():
    # a reader layer that lets visitors comment on a selection wraps the whole post
    body = paragraphs("Glaze", 6)
    html = page(f"""<div class="layout"><div class="post-column"><h1>{TITLE}</h1>
      <div class="commentOnSelection"><div class="post-content">
      {''.join(f'<p>{s}</p>' for s in body)}</div></div></div>
      <div class="comments-section"><p>Marta: lovely post, thank you for the pricing sheet.</p></div></div>""")
    text = extract(html, URL).text
    for s in body:
        assert s in text
    assert "lovely post" not in text


def test_a_small_comment_box_is_still_left_out():
    body = paragraphs("Firing", 6)
    html = page(f"""<article><h1>{TITLE}</h1><div class="entry">{''.join(f'<p>{s}</p>' for s in body)}</div>
      <div class="comment-list"><p>Jonas wrote: we raised our prices last spring and nobody left the class.</p></div>
      </article>""")
    text = extract(html, URL).text
    assert body[0] in text and body[-1] in text
    assert "Jonas wrote" not in text


def test_the_titles_of_a_list_articles_items_come_back_with_their_descriptions():
    # each item's title links to the maker's plans; trafilatura keeps the descriptions, not the titles
    names = ["Oak shelf", "Cedar planter", "Pine bench", "Walnut tray", "Maple stool", "Birch frame"]
    items = "".join(
        f"<div class='card-item'><h2 class='card-title'><a href='https://maker{i}.example/plans'>{name}</a></h2>"
        f"<div class='card-desc'><p>The {name.lower()} takes a saw, glue and one weekend, and item {i} of this "
        f"list looks good on any porch.</p></div>"
        f"<p class='card-link'><a href='https://maker{i}.example/plans'>Get the plans</a></p></div>"
        for i, name in enumerate(names))
    intro = paragraphs("Intro", 3)
    html = page(f"""<article><h1>{TITLE}</h1><div class="entry-content">{''.join(f'<p>{s}</p>' for s in intro)}
      <div class="card-list">{items}</div><p>{paragraphs('Outro', 1)[0]}</p></div>
      <div class="related-posts"><h3><a href="/journal/glazes">Our favourite glazes</a></h3>
      <h3><a href="/journal/kilns">Choosing a kiln</a></h3></div></article>""")
    text = extract(html, URL).text
    for name in names:
        assert text.count(f"\n{name}\n") == 1, name
        assert f"{name}\n\nThe {name.lower()} takes a saw" in text  # the title stands before its description
    assert "Our favourite glazes" not in text


def test_a_data_table_in_an_embed_wrapper_is_kept():
    # site builders put hand-written tables in a custom-code block whose class says "embed"
    rows = "".join(f"<tr><td>{kind} class</td><td>{price} per evening</td><td>{seats} seats</td></tr>"
                   for kind, price, seats in [("Wheel", "$45", 8), ("Hand-building", "$35", 12),
                                              ("Glazing", "$30", 10), ("Family", "$60", 6)])
    table = (f"<div class='w-embed'><div class='responsive-table'><table><thead><tr><th>Class</th>"
             f"<th>Price</th><th>Seats</th></tr></thead><tbody>{rows}</tbody></table></div></div>")
    body = paragraphs("Studio", 4)
    html = page(f"""<div class="blog"><h1>{TITLE}</h1><div class="rich-text-block w-richtext">
      {''.join(f'<p>{s}</p>' for s in body[:2])}<h2>What the classes cost</h2>{table}
      {''.join(f'<p>{s}</p>' for s in body[2:])}</div>
      <div class="share-embed"><a href="https://social.example/share">Share</a></div></div>""")
    text = extract(html, URL).text
    assert "Hand-building class" in text and "$60 per evening" in text
    assert body[0] in text and body[-1] in text
