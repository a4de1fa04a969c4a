"""Command-line words and ``ARCHIVER_*`` values that are not UTF-8, and a ``--db`` that names a folder.

Python hands a program its arguments decoded with ``surrogateescape``: a byte that is not UTF-8 (a
Latin-1 ``é``, ``\\xe9``, typed in a Latin-1 terminal or taken from a file name made so) becomes a lone
surrogate (``'\\udce9'``), which no UTF-8 writer takes. archiver keeps URLs, hosts, words and file names as
UTF-8 text (the catalog, WARC headers, CDXJ and WACZ JSON are UTF-8), so such a word failed deep in a
command: ``history`` and ``list --host`` with a traceback (``UnicodeEncodeError: ... surrogates not
allowed``), ``fetch`` of a list file so named and ``export --wacz`` to such a name with the codec's words
alone (``'utf-8' codec can't encode character '\\udcff' in position 14``), naming neither the word nor a
remedy (hostile round 41). The word is now refused before anything is read or written.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

NOT_UTF8_REFUSED = True  # off: words are handed on as they come (as before round 41)


def _bad_bytes(word: str) -> bytes:
    """The bytes of ``word`` that came in as lone surrogates (b"" when it is all text)."""
    return bytes(ord(ch) - 0xDC00 for ch in word if 0xDC80 <= ord(ch) <= 0xDCFF)


def shown(word: str) -> str:
    """``word`` with each byte that is not UTF-8 written ``\\xNN`` (what a shell's ``$'...'`` would take)."""
    return "".join(f"\\x{ord(ch) - 0xDC00:02x}" if 0xDC80 <= ord(ch) <= 0xDCFF else ch for ch in word)


def not_utf8(words: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """The error for the first command-line word (or ``ARCHIVER_*`` value) holding bytes that are not UTF-8, with
    which option it was given to and the remedy; None when all are text. ``words`` are ``sys.argv[1:]`` as Python
    decoded them (``surrogateescape``), ``environ`` the process environment."""
    if not NOT_UTF8_REFUSED:
        return None
    found = [(f"the argument '{shown(w)}'" + (f" (of {words[n - 1]})" if n and words[n - 1].startswith("--")
                                               and "=" not in words[n - 1] else ""), w)
             for n, w in enumerate(words)]
    found += [(f"{name}='{shown(value)}'", value) for name, value in sorted(environ.items())
              if name.startswith("ARCHIVER_")]
    for what, word in found:
        bad = _bad_bytes(word)
        if bad:
            where = ", ".join(f"0x{b:02x}" for b in dict.fromkeys(bad[:4]))
            return (f"{what} holds bytes that are not UTF-8 ({where}): archiver keeps URLs, hosts, search words and "
                    "file names as UTF-8 text (the catalog, WARC headers, CDXJ and WACZ are UTF-8). Give it in "
                    "UTF-8 (a terminal set to UTF-8; a URL may write the byte as %XX), or rename the file or "
                    "folder to a UTF-8 name (convmv -f latin1 -t utf-8 --notest NAME); nothing was read or "
                    "written")
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
