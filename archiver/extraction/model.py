"""The result types shared by every extraction stage."""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["Removed", "Extraction", "format_text"]


@dataclass(frozen=True, slots=True)
class Removed:
    """A block taken out of the page, and the rule that took it.

    ``stage`` is ``"dom"`` (page furniture removed before trafilatura),
    ``"paragraph"`` (a notice or promo pattern matched a body paragraph) or
    ``"site"`` (a paragraph learned as recurring boilerplate on its host).
    """

    rule: str
    stage: str
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "stage": self.stage, "text": self.text}


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

    @property
    def text(self) -> str:
        """The body only: paragraphs separated by blank lines, no title."""
        return "\n\n".join(self.paragraphs)

    @property
    def full_text(self) -> str:
        """The clean-file format: title, blank line, paragraphs."""
        return format_text(self.title, self.paragraphs)

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
