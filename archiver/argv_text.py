"""Command-line words and ``ARCHIVER_*`` values that are not UTF-8, and a ``--db`` that names a folder.

Python hands a program its arguments decoded with ``surrogateescape``: a byte that is not UTF-8 (a
Latin-1 ``é``, ``\\xe9``, typed in a Latin-1 terminal or taken from a file name made so) becomes a lone
surrogate (``'\\udce9'``), which no UTF-8 writer takes. URLs, hosts, search words, the list file's name (stored
as a capture's ``list_file``) and the ``--wacz`` target reach UTF-8 storage (the catalog's bindings, WACZ JSON),
so such a word failed deep in a command: ``history`` and ``list --host`` with a traceback
(``UnicodeEncodeError: ... surrogates not allowed``), ``fetch`` of a list file so named and ``export --wacz`` to
such a name with the codec's words alone, naming neither the word nor a remedy (hostile round 41). Those words
(and the variables of those options) are refused after parsing, before anything is read or written. Folder paths
(``--warcs``, ``--clean``, ``--db``) are not checked: they are only ever opened, never stored, and an archive in a
folder so named works (mend61); nor are ``ARCHIVER_*`` variables archiver does not read.
"""
from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path

NOT_UTF8_REFUSED = True  # off: words are handed on as they come (as before round 41)

# The words that reach UTF-8 storage, by their attribute on the parsed arguments: (how the message names the word,
# what it is: "path" (remedy: rename it, convmv), "url" (remedy: %XX) or "text" (remedy: a UTF-8 terminal)).
CHECKED: dict[str, tuple[str, str]] = {
    "list": ("the list file", "path"),
    "list_file": ("--list-file", "path"),
    "wacz": ("--wacz", "path"),
    "url": ("the URL", "url"),
    "urls": ("the URL", "url"),
    "select_url": ("--url", "url"),
    "notify": ("--notify", "url"),
    "replay_url": ("--replay-url", "url"),
    "host": ("--host", "text"),
    "query": ("the search words", "text"),
    "words": ("the words", "text"),
}
_REMEDY = {
    "path": "or rename the file or folder to a UTF-8 name (convmv -f latin1 -t utf-8 --notest NAME)",
    "url": "or write the byte in the URL as %XX (\\xe9 is %E9)",
    "text": "from a terminal set to UTF-8",
}
_KEEPS = {
    "path": "this name is kept as UTF-8 text (the catalog and WACZ are UTF-8)",
    "url": "URLs are kept as UTF-8 text (the catalog, WARC headers and CDXJ are UTF-8)",
    "text": "hosts and search words are matched as UTF-8 text in the catalog",
}


def _bad_bytes(word: str) -> bytes:
    """The bytes of ``word`` that came in as lone surrogates (b"" when it is all text)."""
    return bytes(ord(ch) - 0xDC00 for ch in word if 0xDC80 <= ord(ch) <= 0xDCFF)


def shown(word: str) -> str:
    """``word`` with each byte that is not UTF-8 written ``\\xNN`` (what a shell's ``$'...'`` would take)."""
    return "".join(f"\\x{ord(ch) - 0xDC00:02x}" if 0xDC80 <= ord(ch) <= 0xDCFF else ch for ch in word)


def _given(args: argparse.Namespace, environ: Mapping[str, str], name: str) -> list[tuple[str, str]]:
    """(how the word is named, the word) for each value of option ``name`` this command was given: its flag's
    values, or else its ``ARCHIVER_*`` variable's (only when the command has the option)."""
    if not hasattr(args, name):
        return []
    label, _ = CHECKED[name]
    value = getattr(args, name)
    if value is None:
        env = "ARCHIVER_" + name.upper()
        return [(env, environ[env])] if env in environ else []
    values = value if isinstance(value, list) else [value]
    return [(f"the argument '{{}}' (of {label})" if label.startswith("--") else f"{label} '{{}}'", str(v))
            for v in values]


def not_utf8(args: argparse.Namespace, environ: Mapping[str, str]) -> str | None:
    """The error for the first word that reaches UTF-8 storage (a URL, host, search word, the list file's name or
    ``--wacz``; given as an argument or in its option's ``ARCHIVER_*`` variable) and holds bytes that are not
    UTF-8, naming the option and its remedy; None when all are text. ``args`` are the parsed arguments (Python
    decoded them with ``surrogateescape``), ``environ`` the process environment."""
    if not NOT_UTF8_REFUSED:
        return None
    for name, (_, kind) in CHECKED.items():
        for label, word in _given(args, environ, name):
            bad = _bad_bytes(word)
            if not bad:
                continue
            what = f"{label}='{shown(word)}'" if label.startswith("ARCHIVER_") else label.format(shown(word))
            where = ", ".join(f"0x{b:02x}" for b in dict.fromkeys(bad[:4]))
            return (f"{what} holds bytes that are not UTF-8 ({where}): {_KEEPS[kind]}. Give it in UTF-8 "
                    f"{_REMEDY[kind]}; nothing was read or written")
    return None


def db_folder(db: Path) -> str | None:
    """The error for a ``--db`` that names an existing folder (None otherwise): every command called such a path
    a damaged catalog and named ``archiver reindex`` as the remedy, and ``reindex`` moved the folder aside as
    ``NAME.damaged-TIME`` (the WARC folder itself, when it was given as ``--db``: hostile round 41)."""
    if not db.is_dir():
        return None
    inside = db / "catalog.sqlite3"
    hint = f" (this folder holds one: --db {inside})" if inside.is_file() else \
        f", e.g. --db {inside}, or leave --db out to keep the catalog in the WARC folder"
    return (f"--db {db} is a folder, not a catalog file: give --db (ARCHIVER_DB) the catalog's file name{hint}; "
            "nothing was changed")
