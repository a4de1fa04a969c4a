"""A post's headline written as its bold first line, on a page that names only the account.

A channel's or a group's post carries its headline as the text's first line in bold, cut from the
body by ``<br><br>`` (Telegram's web preview: ``<div class="tgme_widget_message_text"><b>Headline
</b><br/><br/>First paragraph...``; VK and Facebook page posts alike), while the page's ``<title>``
and ``og:title`` name the channel ("RFE/RL Kazakhstan – Telegram") and no ``<h1>`` holds the
headline. The channel's name was the title, the headline a body line. :func:`bold_first_line`
takes that line for the title.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lines import text_of
from .metadata import TITLE_SEPARATOR

__all__ = ["ACCOUNT_WORDS", "BOLD_TITLE", "bold_first_line", "names_an_account"]

BOLD_TITLE = True  # False: a post's bold first line is not taken for the headline (ablation)
MAX_BEFORE = 1  # lines before it: a day or a label ("January 13")
_NOT_AN_END = ".!:;,"  # a headline may end in "?", not as a sentence or a label does
ACCOUNT_WORDS = 2  # a title each of whose pieces is this many words or fewer names an account, not a story
SENTENCE_CASE = True  # False: a two-word piece in sentence case ("Bridge reopens") may still name an account (ablation)


def _sentence_case(piece: str) -> bool:
    """``piece`` is a capitalised word then a lower-case one of three letters or more ("Bridge reopens",
    "Budget agreed"): a short headline's sentence case, where a name capitalises each word ("Harbour
    Gazette", "RFE/RL Kazakhstan")."""
    words = piece.split()
    return (SENTENCE_CASE and len(words) == 2 and words[0][:1].isupper()
            and len(words[1]) >= 3 and words[1][:1].islower())


def names_an_account(title: str | None) -> bool:
    """``title`` names an account or a site, not a story: empty, or each of its pieces (split at
    `` | ``, `` – ``, `` - ``, `` : ``, `` · ``) :data:`ACCOUNT_WORDS` words or fewer ("RFE/RL
    Kazakhstan – Telegram", "Harbour Gazette"; pieces as ``metadata.TITLE_SEPARATOR`` cuts them);
    "Grandma's apple pie | Anna's Kitchen" names a story, and so does a two-word piece in sentence case
    ("Bridge reopens | Courier": :func:`_sentence_case`)."""
    return not title or all(len(piece.split()) <= ACCOUNT_WORDS and not _sentence_case(piece)
                            for piece in TITLE_SEPARATOR.split(title))


def bold_first_line(tree, lines: Sequence[str], title: str | None, headline) -> str | None:
    """The headline of a post whose first line (or second, after a short line) is bold: the title.

    Only on a page with no ``<h1>`` (``headline`` None) whose chosen ``title`` names an account
    (:func:`names_an_account`) and is none of the text's first lines. The line, 3 to 25 words and
    under 200 characters, not ending as a sentence or a label does, must be the whole text of a
    ``<b>`` or ``<strong>`` that opens its block (nothing before it in its parent) and is followed
    by a ``<br>``. Returns the line, or None."""
    if not BOLD_TITLE or headline is not None or not lines or not names_an_account(title):
        return None
    first = [" ".join(line.split()) for line in lines[:MAX_BEFORE + 1]]
    if title and " ".join(title.split()) in first:
        return None
    wanted = {line for k, line in enumerate(first)
              if 3 <= len(line.split()) <= 25 and len(line) < 200 and line[-1] not in _NOT_AN_END
              and all(len(before.split()) <= 3 for before in first[:k])}
    if not wanted:
        return None
    for bold in tree.iter("b", "strong"):  # one walk (an XPath union of the two merges quadratically)
        text = text_of(bold)
        if text not in wanted:
            continue
        parent, after = bold.getparent(), bold.getnext()
        if parent is None or (parent.text or "").strip() or parent[0] is not bold:
            continue
        if after is None or after.tag != "br" or (bold.tail or "").strip():
            continue
        return text
    return None
