"""Stage 1b: a body split into sibling chunks is put back together; comments never are.
And the precision fallback of stage 2 (a precise run that lost the article)."""

from __future__ import annotations

import archiver.extraction.chunks as chunks
from archiver.extraction import extract
from archiver.extraction.article import run_trafilatura
from archiver.extraction.chunks import merge_split_body
from archiver.extraction.dom import parse


def para(tag: str, n: int) -> str:
    return (f"<p>Paragraph {tag}{n} of the story says something long enough to count as prose, "
            f"well over a hundred characters in all, so that it reads like a body paragraph.</p>")


def chunked_page(chunk_class: str = "article__body") -> str:
    first = "".join(para("a", i) for i in range(3))
    second = "".join(para("b", i) for i in range(3))
    return f"""<html><body><article><h1>Headline</h1>
      <div class="chunks">
        <div class="grid"><div class="{chunk_class}">{first}</div><aside class="ad">Buy now</aside></div>
        <div class="promo"><a href="/x">Another story</a></div>
        <div class="grid"><div class="{chunk_class}">{second}</div></div>
      </div></article></body></html>"""


def test_later_chunks_move_into_the_first_in_order():
    root = parse(chunked_page())
    assert merge_split_body(root) == 1
    bodies = root.xpath("//div[@class='article__body']")
    texts = [p.text_content()[:13] for p in bodies[0].iter("p")]
    assert texts == ["Paragraph a0 ", "Paragraph a1 ", "Paragraph a2 ",
                     "Paragraph b0 ", "Paragraph b1 ", "Paragraph b2 "]
    assert len(bodies[1]) == 0
    assert root.xpath("//aside[@class='ad']")  # what stood between the chunks stays put


def test_pipeline_keeps_every_chunk():
    text = extract(chunked_page(), "https://example.org/story").text
    assert "Paragraph a0" in text and "Paragraph b2" in text
    assert text.index("Paragraph a2") < text.index("Paragraph b0")


def test_comment_entries_are_not_merged():
    root = parse(chunked_page(chunk_class="comment-content"))
    assert merge_split_body(root) == 0


def test_unrelated_blocks_far_apart_are_not_merged():
    body = "".join(para("a", i) for i in range(2))
    other = "".join(para("z", i) for i in range(2))
    root = parse(f"""<html><body>
      <main><div><div><div><div class="text">{body}</div></div></div></div></main>
      <footer><div><div><div><div class="text">{other}</div></div></div></div></footer></body></html>""")
    assert merge_split_body(root) == 0


def test_single_body_is_left_alone():
    root = parse("<html><body><div class='body'>" + para("a", 1) + para("a", 2) + "</div></body></html>")
    assert merge_split_body(root) == 0


LONG = " ".join(f"Sentence {i} of a long article body that goes on for a while." for i in range(40))


def test_precision_fallback_takes_default_run_only_for_a_lost_article(monkeypatch):
    import archiver.extraction.article as article
    from archiver.extraction.article import ArticleText

    calls = []

    def fake(tree, url, options):
        calls.append(bool(options.get("favor_precision")))
        return ArticleText(["short"] if options.get("favor_precision") else [LONG])

    monkeypatch.setattr(article, "_run", fake)
    page = parse(f"<html><body><nav>short</nav><p>{LONG}</p></body></html>")
    opts = {"favor_precision": True, "precision_fallback": {"below_chars": 1000, "ratio": 0.25}}
    assert run_trafilatura(page, None, opts).lines == [LONG]
    assert calls == [True, False]
    calls.clear()
    # without the fallback setting the precise result stands
    assert run_trafilatura(page, None, {"favor_precision": True}).lines == ["short"]
    assert calls == [True]


def test_precision_fallback_skips_the_default_run_when_it_cannot_win(monkeypatch):
    """A default run holds at most the page's text: a short precise result that is
    already over a quarter of it stands without a second run."""
    import archiver.extraction.article as article
    from archiver.extraction.article import ArticleText

    calls = []

    def fake(tree, url, options):
        calls.append(bool(options.get("favor_precision")))
        return ArticleText(["A short page of one paragraph, which is all there is."])

    monkeypatch.setattr(article, "_run", fake)
    page = parse("<html><body><nav>Home News</nav><p>A short page of one paragraph, which is all there is.</p>"
                 "</body></html>")
    opts = {"favor_precision": True, "precision_fallback": {"below_chars": 1000, "ratio": 0.25}}
    assert run_trafilatura(page, None, opts).lines == ["A short page of one paragraph, which is all there is."]
    assert calls == [True]


def test_precision_fallback_keeps_a_long_precise_result(monkeypatch):
    import archiver.extraction.article as article
    from archiver.extraction.article import ArticleText

    calls = []

    def fake(tree, url, options):
        calls.append(bool(options.get("favor_precision")))
        return ArticleText([LONG])

    monkeypatch.setattr(article, "_run", fake)
    opts = {"favor_precision": True, "precision_fallback": {"below_chars": 1000, "ratio": 0.25}}
    assert run_trafilatura(parse(f"<html><body><p>{LONG}</p></body></html>"), None, opts).lines == [LONG]
    assert calls == [True]  # long enough: one run only


def test_short_chunks_between_long_ones_keep_their_place():
    # issue 11 kind 3: the merge must never move a later section ahead of an earlier one
    def chunk(name, n, heading):
        return f"<div class='txt'><div class='rich-text'><h2>{heading}</h2>" + "".join(
            para(name, i) for i in range(n)) + "</div></div>"
    root = parse(f"""<html><body><main><div class='col'>
      {chunk('a', 2, 'First part')}{chunk('b', 1, 'Second part')}<div class='img'>Photo</div>
      {chunk('c', 2, 'Third part')}{chunk('d', 1, 'Fourth part')}</div></main></body></html>""")
    assert merge_split_body(root) == 3
    first = root.xpath("//div[@class='rich-text']")[0]
    order = [el.text_content()[:12] for el in first if el.tag in ("p", "h2")]
    assert order == ["First part", "Paragraph a0", "Paragraph a1", "Second part", "Paragraph b0",
                     "Third part", "Paragraph c0", "Paragraph c1", "Fourth part", "Paragraph d0"]


def _modes(monkeypatch, precise: list[str], default: list[str]) -> list[bool]:
    import archiver.extraction.article as article
    from archiver.extraction.article import ArticleText

    calls: list[bool] = []

    def fake(tree, url, options):
        calls.append(bool(options.get("favor_precision")))
        return ArticleText(precise if options.get("favor_precision") else default)

    monkeypatch.setattr(article, "_run", fake)
    return calls


SMART = {"favor_precision": True, "precision_fallback": {"below_chars": 1500, "ratio": 0.34, "main_ratio": 0.34,
                                                         "main_share": 0.5}}


def test_fallback_when_precision_keeps_one_part_of_a_long_post(monkeypatch):
    # issue 11 kind 10: over the length line, yet a small part of the main container
    parts = [" ".join(f"Part {p} sentence {i} of a long multi-part post about the river." for i in range(30))
             for p in range(4)]
    calls = _modes(monkeypatch, parts[:1], parts)
    page = parse("<html><body><article>" + "".join(f"<h2>Part {p}</h2><p>{t}</p>" for p, t in enumerate(parts))
                 + "</article></body></html>")
    main = page.find(".//article")
    assert len(parts[0]) > 1500
    assert run_trafilatura(page, None, SMART, main).lines == parts
    assert calls == [True, False]
    calls.clear()
    assert run_trafilatura(page, None, {**SMART, "precision_fallback": {"below_chars": 1500, "ratio": 0.34}},
                           main).lines == parts[:1]  # by length alone it stood
    assert calls == [True]


def test_fallback_when_precision_reads_a_box_outside_the_post(monkeypatch):
    about = "About us: the Fenland Courier has covered the district since 1862 and is read by many."
    post = "The video shows the last section of the bank being finished at Welney on Friday morning."
    calls = _modes(monkeypatch, [about], [post, about])
    page = parse(f"<html><body><article><h1>Watch: the bank is finished</h1><p>{post}</p></article>"
                 f"<div class='about'><p>{about}</p><p>{about[:40]}</p></div></body></html>")
    result = run_trafilatura(page, None, SMART, page.find(".//article"))
    assert result.lines == [post, about] and calls == [True, False]
    # a precise text inside the post, long enough, is kept with one run
    calls = _modes(monkeypatch, [post], [post, about])
    assert run_trafilatura(page, None, SMART, page.find(".//article")).lines == [post] and calls == [True]


def test_chunks_with_content_between_them_stay_where_they_are():
    # a guide in two parts with a list of product cards between them: the cards are content
    cards = "".join(f"<div class='card'><h3>Brand {i}</h3><p>Brand {i} makes shirts from organic cotton and "
                    f"publishes the names of every factory it works with.</p></div>" for i in range(12))
    first = "".join(para("a", i) for i in range(3))
    second = "".join(para("b", i) for i in range(2))
    root = parse(f"""<html><body><article><h1>Ethical brands</h1>
      <div class="block"><div class="article__content">{first}</div></div>
      <div class="block">{cards}</div>
      <div class="block"><div class="article__content">{second}</div></div></article></body></html>""")
    assert merge_split_body(root) == 0


def _sections_with_lists() -> str:
    """A guide whose every section is a text container and a list of examples after it."""
    parts = []
    for s in range(3):
        examples = "".join(f"<li><a href='/recipe/{s}{i}'>Example {s}.{i}: a short linked title</a></li>"
                           for i in range(4))
        parts.append(f"<div class='guide-text'><h3>Section {s}</h3>{para(f's{s}', 0)}{para(f's{s}', 1)}</div>"
                     f"<ul class='example-cards'>{examples}</ul>")
    return f"<html><body><article><h1>Guide</h1><div class='guide'>{''.join(parts)}</div></article></body></html>"


def test_chunks_each_followed_by_its_list_stay_where_they_are(monkeypatch):
    # every gap between two chunks holds the list of the section before: a structured body, no merge
    assert merge_split_body(parse(_sections_with_lists())) == 0
    monkeypatch.setattr(chunks, "_STRUCTURE", frozenset(("h2", "h3", "h4", "h5", "h6", "table")))
    assert merge_split_body(parse(_sections_with_lists())) == 2  # lists not counted: the lists lose their sections


def _staff_grid() -> str:
    cards = "".join(
        f"<div class='cell'><div class='person-card'><p>Counsellor {i} has guided students through applications "
        f"for nine years and answers questions in four languages.</p><p>Counsellor {i} also runs the branch's evening "
        f"sessions on student visas, tuition fees and scholarships.</p></div></div>" for i in range(12))
    return (f"<html><body><article><h1>Study abroad guide</h1><div class='guide-body'>{para('g', 0)}{para('g', 1)}"
            f"</div><div class='team'>{cards}</div></article></body></html>")


def test_a_grid_of_cards_is_no_split_body(monkeypatch):
    # every "chunk" a name and a blurb of two short paragraphs: cards, left where they are
    assert merge_split_body(parse(_staff_grid())) == 0
    monkeypatch.setattr(chunks, "CARD_CHARS", 0)  # the guard off: the cards are merged as body chunks
    assert merge_split_body(parse(_staff_grid())) == 11


def test_text_between_two_chunks_keeps_its_place(monkeypatch):
    """A section title in a container of its own between two of three chunks comes out between
    them (page order), not after the last chunk, which the merge used to move ahead of it."""
    parts = ["".join(para(tag, i) for i in range(3)) for tag in "abc"]
    html = f"""<html><body><article><h1>Headline</h1>
      <section class="block"><div class="block__content">{parts[0]}</div></section>
      <section class="block-ad"><div class="ad-slot">Advertisement</div></section>
      <section class="block"><div class="block__content">{parts[1]}</div></section>
      <section class="block-toc"><div class="toc"><h4>The second half of the season, in short:</h4></div></section>
      <section class="block"><div class="block__content">{parts[2]}</div></section>
      </article></body></html>"""
    title = "The second half of the season, in short:"
    paragraphs = extract(html, "https://example.org/story").paragraphs
    at = {p[:13]: i for i, p in enumerate(paragraphs)}
    assert at["Paragraph a0 "] == 0 and at["Paragraph c2 "] == len(paragraphs) - 1
    assert "Advertisement" not in paragraphs
    assert at["Paragraph b2 "] < paragraphs.index(title) < at["Paragraph c0 "]
    monkeypatch.setattr(chunks, "CARRY_BETWEEN", False)
    paragraphs = extract(html, "https://example.org/story").paragraphs
    assert title not in paragraphs or paragraphs.index(title) > paragraphs.index(next(
        p for p in paragraphs if p.startswith("Paragraph c0 ")))  # the fault: after the chunk it titles
