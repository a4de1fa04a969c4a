"""Reporting clauses: what keeps a sentence of the article that reports a boilerplate phrase.

A paragraph rule drops the site's own line ("Please enable JavaScript to view this graphic",
"Join our WhatsApp channel"), but the same words in a sentence that reports them are the
article's ("JavaScript must be enabled for the attack to work, the researchers wrote",
"Únete a la conversación en WhatsApp, escribió el ministro"). A rule with ``"not_reported":
true`` in its rules file leaves a paragraph alone when it holds a reporting clause: one of the
words of ``archiver/rules/reporting.json`` (per language, each a regular expression) as a whole
word, case ignored. One list for every such rule, so a language added there guards them all.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["REPORTING_FILE", "reporting_pattern"]

REPORTING_FILE = Path(__file__).resolve().parents[1] / "rules" / "reporting.json"


@lru_cache(maxsize=4)
def reporting_pattern(path: str = str(REPORTING_FILE)) -> re.Pattern[str]:
    """The reporting-clause words of the file at ``path`` joined into one IGNORECASE pattern,
    each a whole word: not preceded or followed by a word character (``(?<!\\w)``/``(?!\\w)``
    rather than ``\\b``, so a word ending in a vowel sign, Hindi's "कहा", still ends at the
    space after it).

    The file is ``{"languages": {"en": ["said", "according to", ...], ...}}``; every entry is a
    regular expression. Raises ValueError naming the file and the entry when it cannot be
    read, is not of that shape, or an entry is not a regular expression; OSError when it is
    missing."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not JSON: {exc}") from exc
    languages = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(languages, dict) or not languages:
        raise ValueError(f"{path}: needs 'languages', an object of language -> list of words")
    words: list[str] = []
    for language, entries in languages.items():
        if not isinstance(entries, list) or not entries or not all(isinstance(w, str) and w for w in entries):
            raise ValueError(f"{path}: languages.{language} must be a list of non-empty strings")
        for word in entries:
            try:
                re.compile(word)
            except re.error as exc:
                raise ValueError(f"{path}: languages.{language}: bad pattern {word!r}: {exc}") from exc
            words.append(f"(?:{word})")
    return re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)", re.I)


def rule_guard(value: object, where: str) -> re.Pattern[str] | None:
    """A paragraph rule's ``"not_reported"`` value (``where``: its file and index, for the error)
    as the pattern its matches must not hold: :func:`reporting_pattern` for true, None for false
    or absent. Raises ValueError for another value."""
    if not isinstance(value, bool):
        raise ValueError(f"{where}: 'not_reported' must be true or false, not {value!r}")
    return reporting_pattern() if value else None
