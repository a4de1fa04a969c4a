"""Stage 4: site-level learning (pure functions)."""

from __future__ import annotations

from archiver.extraction import Extraction, apply_site_learning, digest, learn, paragraph_digests
from archiver.extraction.model import Removed

PROMO = "Subscribe to our Telegram channel for the latest news from the region."
SIGNOFF = "adi/rt (Reuters, AFP)"


def page(url: str, *body: str) -> Extraction:
    return Extraction(title="T", paragraphs=tuple(body), url=url, host="news.example")


def pages():
    return {
        f"https://news.example/{i}": page(f"https://news.example/{i}", f"Story {i} first paragraph, unique words {i}.",
                                          PROMO, f"Story {i} closing paragraph.", SIGNOFF)
        for i in range(3)
    }


def test_digest_ignores_case_and_spacing():
    assert digest("Hello  World\u00a0!") == digest("hello world !")
    assert digest("Hello World") != digest("Hello World.")


def test_paragraph_digests_in_order_without_duplicates():
    e = page("u", "a", "b", "a")
    assert paragraph_digests(e) == [digest("a"), digest("b")]


def test_learned_only_from_three_different_pages():
    ps = pages()
    digests = {u: paragraph_digests(e) for u, e in ps.items()}
    assert digest(PROMO) in learn(digests)
    two = dict(list(digests.items())[:2])
    assert digest(PROMO) not in learn(two)
    # the same URL twice is one page
    assert learn({"a": [digest(PROMO)] * 5}) == set()


def test_apply_drops_learned_but_keeps_agency_lines():
    ps = pages()
    learned = learn({u: paragraph_digests(e) for u, e in ps.items()})
    assert digest(SIGNOFF) in learned  # it does recur ...
    out = apply_site_learning(ps["https://news.example/0"], learned)
    assert PROMO not in out.paragraphs
    assert SIGNOFF in out.paragraphs  # ... but a keep pattern protects it
    assert out.removed[-1] == Removed("site-learned:news.example", "site", PROMO)
    assert out.text.endswith(SIGNOFF)


def test_nothing_learned_changes_nothing():
    e = pages()["https://news.example/1"]
    assert apply_site_learning(e, set()) is e
    assert apply_site_learning(e, {digest("not there")}) is e


def test_same_article_under_three_urls_is_not_emptied():
    body = ("A long paragraph of the one article that was captured under three URLs.", "Its second paragraph.")
    ps = {f"https://news.example/a?utm={i}": page(f"https://news.example/a?utm={i}", *body) for i in range(3)}
    learned = learn({u: paragraph_digests(e) for u, e in ps.items()})
    for e in ps.values():
        assert apply_site_learning(e, learned).paragraphs == body


def test_notice_in_new_wording_is_not_learned_until_it_recurs():
    new = "Our outlet has been designated a foreign agent."
    ps = pages()
    ps["https://news.example/9"] = page("https://news.example/9", "Body nine.", new)
    learned = learn({u: paragraph_digests(e) for u, e in ps.items()})
    assert digest(new) not in learned


def test_collapsed_is_split_and_join():
    """``lines.collapsed`` (behind ``normalise`` and ``gaps.norm``) skips the split for a text that is
    collapsed already; it gives what ``" ".join(text.split())`` gives for every white space character."""
    import random
    import sys

    from archiver.extraction.lines import collapsed

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert [c for c in spaces if c.isprintable()] == [" "]  # what the shortcut rests on
    rnd = random.Random(5)
    alphabet = [*spaces, "a", "b", " ", "é", "\u00ad", "\u200b", "’"]
    for _ in range(20000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 7)))
        assert collapsed(text) == " ".join(text.split()), repr(text)
    assert collapsed("a b") == "a b" and collapsed(" a\u00a0 b\n") == "a b"
