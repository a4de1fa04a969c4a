"""A cookie banner's notice in a container no rule names goes; an article about cookies keeps its sentences.

NReadability's https://github.com/marek-stoj/NReadability/issues/21: the "this website uses cookies" text
was picked instead of (here: beside) the article. A banner written by the cookieconsent script
(``div.cc-window``) after the story's container came back as the body's tail (stage ``tail-run``: a
sibling container of sentence paragraphs); bare trafilatura left it out. Legal notices are boilerplate by
the seeds' rules. Invented pages (an investor-relations news page).
"""
from __future__ import annotations

import pytest

from archiver.extraction import extract

URL = "https://ir.harbour-bank.example/news/q3-results"
STORY = [f"The bank reported a quarterly profit of {i + 2}.4 million euros, up from last year, as lending to "
         f"small firms grew in the region." for i in range(4)]


def _page(banner: str, story: list[str] = STORY) -> str:
    paras = "".join(f"<p>{p}</p>" for p in story)
    return (f"<html><head><title>Bank reports profit</title></head><body><div class='wrap'>"
            f"<div class='content'><h1>Bank reports profit</h1>{paras}</div>{banner}</div></body></html>")


@pytest.mark.parametrize("notice", [
    "This website uses cookies to improve your experience. We also use analytics cookies so we can understand "
    "how you use the service and make improvements. You can change your cookie settings at any time.",
    "By continuing to use this site, you agree to our use of cookies. Read our privacy policy to find out more "
    "about how we handle the data we collect from visitors.",
    "Diese Website verwendet Cookies, um Ihnen ein besseres Nutzererlebnis zu bieten. Wenn Sie weiter auf "
    "dieser Seite bleiben, stimmen Sie der Verwendung von Cookies zu.",
])
def test_a_cookie_notice_after_the_story_is_left_out(notice):
    text = extract(_page(f"<div class='cc-window'><p>{notice}</p><p>{notice}</p></div>"), URL).text
    assert text.splitlines()[-1] == STORY[-1], text
    assert "ookie" not in text, text


def test_a_story_about_cookies_keeps_its_sentences():
    story = STORY[:2] + ["The regulator found that the website uses cookies to follow readers without asking "
                         "them first, and fined the bank 40,000 euros.",
                         "We use cookies only where the law allows it, a spokesman for the bank said on Tuesday."
                         " The bank will appeal."]
    text = extract(_page("", story), URL).text
    assert [line for line in text.splitlines() if line] == story, text


TERMS = "".join(f"<p>Section {i}. These terms and conditions govern your use of this website and the information "
                f"it holds. By using the site you agree to be bound by them; if you do not agree, you must not use "
                f"the site or its services in any way at all.</p>" for i in range(12))


def test_a_hidden_terms_dialog_longer_than_the_story_goes():
    """The same report's other half: the hidden terms-and-conditions dialog holds more text than the story,
    so the guard that keeps an element holding most of the page from any rule kept it, and its twelve
    sections followed the story."""
    text = extract(_page(f"<div id='terms' class='modal' style='display:none'><h2>Terms and conditions</h2>"
                         f"{TERMS}</div>"), URL).text
    assert [line for line in text.splitlines() if line] == STORY, text


def test_a_story_shown_in_a_dialog_with_its_headline_stays():
    paras = "".join(f"<p>{p}</p>" for p in STORY)
    html = (f"<html><head><title>Bank reports profit</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<div class='modal' id='reader'><h1>Bank reports profit</h1>{paras}</div></body></html>")
    text = extract(html, URL).text
    assert [line for line in text.splitlines() if line] == STORY, text
