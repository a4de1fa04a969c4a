"""An invented news site for small extraction test pages: one story page around a body.

    SITE = Newsroom("https://www.harlow-ledger.example/2026/11/ferry", "Ferry timetable changes",
                    "Harlow Ledger", "Ros Calder", "12 Quay Street", "Crossing number {i} leaves later.")
    SITE.page(SITE.ps(0, 1))   # header, nav, <article> with headline, byline, the body; footer
    SITE.paragraphs(html)      # archiver's paragraphs, whitespace runs as one space
    SITE.bare(html)            # bare trafilatura's lines, comments excluded, with the URL
"""
from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from archiver.extraction import extract


@dataclass(frozen=True)
class Newsroom:
    url: str
    title: str
    name: str
    byline: str
    address: str
    sentence: str  # a body sentence with ``{i}`` where its number goes
    count: int = 8
    article_class: str = "story"

    @property
    def sentences(self) -> list[str]:
        """The numbered body sentences, ``count`` of them."""
        return [self.sentence.format(i=i) for i in range(self.count)]

    def page(self, body: str, title: str | None = None, lang: str = "en") -> str:
        """A whole page: header and nav, the ``<article>`` (headline, byline, ``body``), a footer."""
        title = self.title if title is None else title
        return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title} | {self.name}"
                f"</title></head><body><header><a href='/'>{self.name}</a><nav><ul><li><a href='/news'>News</a>"
                "</li><li><a href='/sport'>Sport</a></li></ul></nav></header><main>"
                f"<article class='{self.article_class}'><h1>{title}</h1><div class='byline'>By {self.byline}</div>"
                f"{body}</article></main><footer class='site-footer'><p>{self.name}, {self.address}. "
                "All rights reserved.</p></footer></body></html>")

    def ps(self, *idx: int) -> str:
        """Body sentences ``idx`` as ``<p>`` paragraphs."""
        sentences = self.sentences
        return "".join(f"<p>{sentences[i]}</p>" for i in idx)

    def paragraphs(self, html: str) -> list[str]:
        """archiver's paragraphs of ``html``, whitespace runs as one space."""
        return [" ".join(p.split()) for p in extract(html, self.url).paragraphs]

    def bare(self, html: str) -> list[str]:
        """Bare ``trafilatura.extract``'s lines of ``html`` (comments excluded, with the URL)."""
        return (trafilatura.extract(html, url=self.url, include_comments=False) or "").split("\n")
