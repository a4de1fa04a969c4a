"""The result types shared by every extraction stage."""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["Removed", "Extraction", "format_text"]


@dataclass(frozen=True, slots=True)
class Removed:
    """A block of the page that is not in the article, and why (one entry of the page account).

    ``stage`` is ``"dom"`` (page furniture removed by a rule before trafilatura),
    ``"extractor"`` (trafilatura left it out: rule ``"not-main-content"``),
    ``"paragraph"`` (a notice or promo pattern matched a body paragraph),
    ``"site"`` (a paragraph learned as recurring boilerplate on its host) or
    ``"duplicate"`` (the same words as article text: rule ``"article-text"``).
    ``region`` is where on the page it stood (``"navigation"``, ``"aside"``,
    ... see ``archiver/rules/regions.json``), given for the ``extractor`` and
    ``duplicate`` stages. ``text`` holds one line per block.
    """

    rule: str
    stage: str
    text: str
    region: str = ""

    def as_dict(self) -> dict[str, str]:
        """The sidecar form: ``{"rule", "stage", "text"}`` plus ``"region"`` when there is one."""
        if self.region:
            return {"rule": self.rule, "stage": self.stage, "text": self.text, "region": self.region}
        return {"rule": self.rule, "stage": self.stage, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict) -> Removed:
        """Read a sidecar entry back (``region`` optional); KeyError if a field is missing."""
        return cls(data["rule"], data["stage"], data["text"], data.get("region") or "")


@dataclass(frozen=True, slots=True)
class Extraction:
    """Clean article text of one page plus what was removed and why."""

    title: str = ""
    paragraphs: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()
    url: str | None = None
    host: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    language: str | None = None
    description: str | None = None
    encoding: str | None = None
    error: str | None = None
    account: int = 0  # the page account's version ``removed`` holds (account.ACCOUNT_VERSION); 0: rules' records only
    source: str = "html"  # what the text was read from: "html", or "text/plain" (plaintext.py)
    headline: str | None = None  # the <h1> as shown, when ``title`` (declared) is another text (shownhead.py)
    # the page's <h1> as the extractor read it for the shown headline (shownhead.h1_text, 3 to 40 words): "" for
    # none, None when not known (an older sidecar); the watch finds the shown headline's line by it (diff/shownline.py)
    page_h1: str | None = None
    # the page's photo captions (captions.py), which the clean text leaves out; None when not known (an older sidecar)
    captions: tuple[str, ...] | None = None

    @property
    def title_line(self) -> str:
        """The clean text's first line: the headline as the page shows it, else the title."""
        return self.headline or self.title or ""

    @property
    def text(self) -> str:
        """The body only: paragraphs separated by blank lines, no title."""
        return "\n\n".join(self.paragraphs)

    @property
    def full_text(self) -> str:
        """The clean-file format: title, blank line, paragraphs."""
        return format_text(self.title_line, self.paragraphs)

    @property
    def ok(self) -> bool:
        return self.error is None

    def metadata(self) -> dict[str, str | None]:
        return {"title": self.title, "author": self.author, "date": self.date,
                "site_name": self.site_name, "language": self.language}

    def with_changes(self, **changes) -> Extraction:
        return replace(self, **changes)


def format_text(title: str, paragraphs: list[str] | tuple[str, ...]) -> str:
    """Title on the first line, a blank line, then paragraphs separated by blank lines.

    Ends with a single newline so the file is a proper text file.
    """
    body = "\n\n".join(paragraphs)
    return f"{title}\n\n{body}\n" if body else f"{title}\n"
