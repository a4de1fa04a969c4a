"""A page saved whole (images and fonts inlined as base64 ``data:`` URIs) over the size limit:
its text is read once the inline data is emptied (``slim.py``); a page over the limit in text
stays refused."""
from __future__ import annotations

import base64
import os

from archiver.extraction import MAX_HTML_CHARS, extract, slim

URL = "https://www.harbour-times.example/2026/12/quay-wall"
STORY = [f"Paragraph {i}: the harbour board said the old quay wall would be rebuilt in stone next year, "
         f"after divers found the timber piles rotten below the waterline on the north side." for i in range(6)]
IMAGE = base64.b64encode(os.urandom(1_200_000)).decode("ascii")  # 1.6 MB of base64, like a photo
FONT = base64.b64encode(os.urandom(300_000)).decode("ascii")


def saved_whole(images: int) -> str:
    figures = "".join(f"<figure><img src='data:image/jpeg;base64,{IMAGE}' alt=''><figcaption>Photo {i}"
                      "</figcaption></figure>" for i in range(images))
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Quay wall to be rebuilt | Harbour Times</title>"
            f"<style>@font-face{{font-family:x;src:url(data:font/woff2;charset=utf-8;base64,{FONT}) format('woff2')}}"
            "</style></head><body><header><a href='/'>Harbour Times</a></header><main><article>"
            "<h1>Quay wall to be rebuilt</h1>" + "".join(f"<p>{p}</p>" for p in STORY[:3]) + figures
            + "".join(f"<p>{p}</p>" for p in STORY[3:]) + "</article></main><footer>Harbour Times</footer></body></html>")


def test_a_page_saved_whole_over_the_limit_gives_its_text():
    html = saved_whole(6)
    assert len(html) > MAX_HTML_CHARS
    result = extract(html, URL)
    assert result.error is None
    assert [" ".join(p.split()) for p in result.paragraphs if p.startswith("Paragraph")] == STORY


def test_without_the_slimming_the_same_page_is_refused():
    saved, slim.SLIM_INLINE_DATA = slim.SLIM_INLINE_DATA, False
    try:
        result = extract(saved_whole(6), URL)
    finally:
        slim.SLIM_INLINE_DATA = saved
    assert result.error and result.error.startswith("page too large") and not result.paragraphs


def test_a_page_over_the_limit_in_text_stays_refused():
    html = saved_whole(0).replace("</article>", "<p>" + "word " * (MAX_HTML_CHARS // 5) + "</p></article>")
    result = extract(html, URL)
    assert result.error and result.error.startswith("page too large")


def test_only_long_payloads_are_emptied_and_the_rest_is_as_served():
    spacer = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    html = f"<img src='{spacer}'><img src='data:image/png;base64,{IMAGE[:1000]}'><p>data:text/plain;base64,</p>"
    assert slim.without_inline_data(html) == (f"<img src='{spacer}'><img src='data:image/png;base64,'>"
                                               "<p>data:text/plain;base64,</p>")
