"""An invented news site for small extraction test pages: one story page around a body.

    SITE = Newsroom("https://www.harlow-ledger.example/2026/11/ferry", "Ferry timetable changes",
                    "Harlow Ledger", "Ros Calder", "12 Quay Street", "Crossing number {i} leaves later.")
    SITE.page(SITE.ps(0, 1))   # header, nav, <article> with headline, byline, the body; footer
    SITE.paragraphs(html)      # archiver's paragraphs, whitespace runs as one space
    SITE.bare(html)            # bare trafilatura's lines, comments excluded, with the URL

    STORY = FurnitureLines(URL, BODY, page, {"rule-name": ("a furniture line", ...)}, closing=(...))
    STORY.assert_each_line_goes()                       # each rule's lines inside the body all go
    STORY.assert_lines_stay_without_their_rule(monkeypatch)
    STORY.assert_look_alikes_stay(("an article sentence like a furniture line", ...))
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import trafilatura
from rulekit import paragraph_pattern, without_paragraph_rule

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

    def bare_page(self, body: str, title: str | None = None, head: str = "") -> str:
        """A page with no ``<article>``: a header with the home link, ``body``, a footer; ``head`` goes in ``<head>``."""
        title = self.title if title is None else title
        return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>"
                f"<header><a href='/'>{self.name}</a><nav><a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
                f"</header>{body}<footer><p>{self.name}, {self.address}.</p></footer></body></html>")

    def ps(self, *idx: int) -> str:
        """Body sentences ``idx`` as ``<p>`` paragraphs."""
        sentences = self.sentences
        return "".join(f"<p>{sentences[i]}</p>" for i in idx)

    def between(self, html: str, lang: str = "en") -> str:
        """The story page with ``html`` between the body's second and third paragraphs."""
        return self.page(self.ps(0, 1) + html + self.ps(2, 3), lang=lang)

    def assert_look_alikes_stay(self, host: str, name: str, sentences: Sequence[str], lang: str = "en") -> None:
        """Article sentences that read like paragraph rule ``name``'s lines: its pattern (as ``host``'s rules
        hold it) matches none, and each stays in the text, put between the body's paragraphs."""
        pattern = paragraph_pattern(host, name)
        for sentence in sentences:
            assert not pattern.search(sentence), sentence
            assert sentence in self.paragraphs(self.between(f"<p>{sentence}</p>", lang)), sentence

    def paragraphs(self, html: str) -> list[str]:
        """archiver's paragraphs of ``html``, whitespace runs as one space."""
        return [" ".join(p.split()) for p in extract(html, self.url).paragraphs]

    def bare(self, html: str) -> list[str]:
        """Bare ``trafilatura.extract``'s lines of ``html`` (comments excluded, with the URL)."""
        return (trafilatura.extract(html, url=self.url, include_comments=False) or "").split("\n")


@dataclass(frozen=True)
class FurnitureLines:
    """A story page with furniture lines put into its body, one paragraph rule's lines at a time (the
    kinds of test_extraction_modern1/2: each rule's lines go, and stay with the rule switched off).

    ``body``: the story's paragraphs (at least four); ``page``: the whole page around a body's HTML;
    ``lines``: rule name -> its lines; ``closing``: the rules with a window at the body's end, whose lines
    close the body (the others' stand between its second and third paragraphs)."""

    url: str
    body: tuple[str, ...]
    page: Callable[[str], str]
    lines: Mapping[str, tuple[str, ...]]
    closing: tuple[str, ...] = ()
    together: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # rule -> rules switched off with it

    def ps(self, *idx: int) -> str:
        """Body paragraphs ``idx`` as ``<p>`` elements."""
        return "".join(f"<p>{self.body[i]}</p>" for i in idx)

    def with_lines(self, rule: str) -> str:
        """The page with ``rule``'s lines among the first four body paragraphs (after them for a closing rule)."""
        lines = "".join(f"<p>{line}</p>" for line in self.lines[rule])
        return self.page(self.ps(0, 1, 2, 3) + lines if rule in self.closing else self.ps(0, 1) + lines + self.ps(2, 3))

    def assert_each_line_goes(self) -> None:
        """Every rule's lines go and the four body paragraphs stay, in order."""
        for rule in self.lines:
            assert extract(self.with_lines(rule), self.url).paragraphs == self.body[:4], rule

    def assert_lines_stay_without_their_rule(self, monkeypatch, every: bool = False) -> None:
        """With a rule (and the rules ``together`` names for it) switched off, one of its lines stays (all of
        them with ``every``)."""
        for rule, lines in self.lines.items():
            with monkeypatch.context() as m:
                for name in (rule, *self.together.get(rule, ())):
                    without_paragraph_rule(m, name)
                kept = extract(self.with_lines(rule), self.url).paragraphs
                assert (all if every else any)(line in kept for line in lines), rule

    def assert_look_alikes_stay(self, sentences: Sequence[str]) -> None:
        """Article sentences that read like furniture, between the body paragraphs, all stay."""
        page = self.page(self.ps(0, 1) + "".join(f"<p>{s}</p>" for s in sentences) + self.ps(2, 3))
        paragraphs = extract(page, self.url).paragraphs
        for sentence in sentences:
            assert sentence in paragraphs, sentence
