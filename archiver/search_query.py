"""What a search query asks FTS5 for, and the marks of a snippet FTS5 could not mark.

A query's words are quoted, spelt each way a name is written (``ss``/``ß``; ``ä ö ü æ ø œ å`` spelt out,
see ``SPELT_OUT``), and joined with AND (:func:`fts_query`). A hit found only through the spelt-out
column (``Mueller`` typed, ``Müller`` on the page) gets a snippet of the body with the page's own word
marked (:func:`spelt_snippet`): FTS5's ``snippet()`` marks matches of its own column only.
"""
from __future__ import annotations

import re
import unicodedata

from archiver.cjk import CJK_RANGES, has_cjk
from archiver.cjk import WORD as CJK_WORD

# Letters that German and Nordic writing spells out when they cannot be typed (Mueller for Müller, Groenland for
# Grønland, Aalborg for Ålborg). FTS5's unicode61 tokenizer folds them to one letter (ü -> u), so "Mueller" never
# matched "Müller": the alt column holds the text spelt out, the query asks for a typed letter both ways.
# Source: DIN 5007-2 (German name lists: ä=ae, ö=oe, ü=ue); Danish/Norwegian orthography (æ, ø, å = ae, oe, aa).
SPELT_OUT = {"ä": "ae", "ö": "oe", "ü": "ue", "æ": "ae", "ø": "oe", "œ": "oe", "å": "aa"}
_SPELT = re.compile("[" + "".join(SPELT_OUT) + "]")

# Marks that Greek, Arabic and Hebrew writing may leave out (Greek tonos and dialytika, Arabic harakat and tanwin,
# Hebrew niqqud and cantillation), and ё for е: FTS5's unicode61 folds Latin accents only, so "ειδησεις" missed
# "ειδήσεις", and it splits a word at an Arabic vowel mark, so "الجسر" missed "الجِسْر". Searched folded both ways:
# the query is folded (:func:`fold_marks`), and a page with such marks has its text folded in the alt column.
_FOLDED_MARKS = re.compile("[\u0300\u0301\u0308\u0342\u0343\u0344\u0345\u0591-\u05c7\u0610-\u061a"
                           "\u064b-\u065f\u0670\u06d6-\u06ed]")
_FOLDS_MARKS = re.compile("[\u0370-\u03ff\u1f00-\u1fff\u0590-\u05ff\u0600-\u06ff\u0451\u0401]")


# Fullwidth ASCII (U+FF01-U+FF5E: ＴＯＫＹＯ, ＮＨＫ in Japanese and Chinese text) is its ASCII letter to a reader, and
# to a browser's find-in-page; FTS5 keeps it apart, so "tokyo" missed "ＴＯＫＹＯ" (round 35). Arabic tatweel
# (U+0640, the kashida stretching a word: العـــربية) is no letter; FTS5 keeps it in the word, so "العربية" missed it.
_WIDE = re.compile("[\uff01-\uff5e]")

# Format characters inside a word: a soft hyphen (U+00AD), the zero-width space, non-joiner and joiner
# (U+200B-U+200D), the bidi marks and embeddings (U+200E-U+200F, U+202A-U+202E, U+061C, U+2066-U+2069), the word
# joiner and invisible operators (U+2060-U+2064), the deprecated format characters (U+206A-U+206F) and a stray
# byte-order mark. Unicode's word boundaries read none of them as a break inside a word (UAX #29, WB4: Format and
# ZWJ are skipped; ZWSP is archiver's own choice: the text it writes drops it, as trafilatura does, so the word
# reads joined), but FTS5's unicode61 splits a word at each (round 36): "میشود" missed the Persian page's
# "می‌شود" (ZWNJ, the half-space most keyboards leave out), and "infor\u00admation" copied from a hyphenated page
# was searched as two words. Dropped in the query and in the alt column; the body column keeps its split words.
_FORMAT = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")

# Compatibility characters (round 39): a ligature (``ﬁnance``, ``o\ufb03ce``: U+FB00-U+FB06, left in text copied from
# a typeset PDF or a font that shapes them into the HTML), the "bold" and "italic" letters of the mathematical
# alphanumeric block (``𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠``: U+1D400-U+1D7FF, which "fancy text" generators write for social posts that pages
# embed), sub- and superscript digits (``CO₂``, ``km²``), halfwidth katakana (``ﾆｭｰｽ``), circled and
# parenthesized digits, the long s. Each is its plain letter or digit to a reader and to a browser's find-in-page
# (Chromium's search compares at ICU collation's primary strength), but FTS5's unicode61 keeps them as written:
# "finance" missed "ﬁnance", "breaking" missed "𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠", "co2" missed "CO₂". Written as their compatibility
# decomposition (Unicode's NFKC, UAX #15) in the query and the alt column; text already in NFKC (nearly every page:
# one quick check), or whose words NFKC leaves as they were (a no-break space, an ellipsis), is left as it is.
# mend55 (review53's finding 6): a sub- or superscript digit right after a digit is a token of its own (``2⁵`` ->
# ``2 5``, ``2019³`` -> ``2019 3``: "25" and "20193" no longer find them), after a letter it joins the word as before
# (``CO₂`` -> ``CO2``, ``km²`` -> ``km2``); the ordinal indicators and the numero sign (``º ª №``, in ``1º``, ``Nº 7``)
# are left out of the fold ("1o", "no" found them), as FTS5 keeps them: words of their own spelling.
_SCRIPT_DIGITS = "\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089"
_SCRIPT_AFTER_DIGIT = re.compile(f"(?<=\\d)(?=[{_SCRIPT_DIGITS}])")
_UNFOLDED = re.compile("([\u00aa\u00ba\u2116])")


def _nfkc(text: str) -> str:
    """``text`` in NFKC, but a sub/superscript digit after a digit spaced off and ``º ª №`` kept as written."""
    text = _SCRIPT_AFTER_DIGIT.sub(" ", text)
    return "".join(part if _UNFOLDED.fullmatch(part) else unicodedata.normalize("NFKC", part)
                   for part in _UNFOLDED.split(text))


def fold_marks(text: str) -> str:
    """``text`` without the optional marks of Greek, Arabic and Hebrew (a mark on a Latin letter is kept: FTS5
    folds those, and ``Müller`` must stay ``Müller`` for its spelt-out form), ``ё``/``Ё`` as ``е``/``Е``, without
    Arabic tatweel, fullwidth ASCII as ASCII, without format characters inside or around words (``_FORMAT``: a soft
    hyphen, the zero-width characters, bidi marks), compatibility characters as their NFKC form (a ligature, a
    mathematical bold letter, a subscript digit); the text itself when it has none of these (most text: three
    regex searches and an NFKC quick check)."""
    if FORMAT_CHARS and _FORMAT.search(text):
        text = _FORMAT.sub("", text)
    if WIDE_AND_TATWEEL and _WIDE.search(text):
        text = _WIDE.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    if COMPAT_CHARS and not unicodedata.is_normalized("NFKC", text):
        compat = _nfkc(text)
        if _WORD.findall(compat) != _WORD.findall(text):  # not for a no-break space or an ellipsis alone
            text = compat
    if not _FOLDS_MARKS.search(text):
        return text
    out, base_latin = [], True
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            if not base_latin and _FOLDED_MARKS.match(ch):
                continue
        else:
            base_latin = ch < "\u0370"
        out.append(ch)
    folded = unicodedata.normalize("NFC", "".join(out)).replace("ё", "е").replace("Ё", "Е")
    return folded.replace("\u0640", "") if WIDE_AND_TATWEEL else folded


WIDE_AND_TATWEEL = True  # False: fullwidth ASCII and tatweel indexed and searched as written (before round 35)
FORMAT_CHARS = True  # False: format characters indexed and searched as written, FTS5 splitting at them (round 35)
COMPAT_CHARS = True  # False: ligatures, mathematical letters, sub/superscript digits searched as written (round 39)


_PHRASE_OR_TOKEN = re.compile(r'"([^"]*)(?:"|$)|([^\s"]+)')
# A word of a query as FTS5's unicode61 tokenizer reads one: its token characters are those of categories L*, N* and
# Co (private use: icon-font glyphs), so ``_`` separates words and U+E000 is one (https://sqlite.org/fts5.html,
# "Unicode61 Tokenizer", option "categories", default 'L* N* Co'). Python's \w took ``_`` for a letter, so ``_``
# alone was searched (0 hits) and U+E000 refused (review60). Off: \w runs, as before.
TOKEN_RULE = True
_PRIVATE_USE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_TOKEN_WORD = re.compile(f"[{CJK_RANGES}]|(?:[^\\W_{CJK_RANGES}]|[{_PRIVATE_USE}])+")
_WORD = CJK_WORD  # \w+ runs; each Chinese or Japanese character a word (archiver/cjk.py)


def fts_query(text: str, fold: bool = True) -> str | None:
    """The FTS5 MATCH expression for a user's query, or None if it holds no word.

    ``otter river`` -> ``"otter" AND "river"`` (both), ``"sea otter"`` -> a phrase,
    ``riv*`` -> a prefix. Only word characters reach FTS5, always inside quotes.
    A word with ``ss`` or ``ß`` matches either spelling (``Strasse`` finds ``Straße`` and the other way
    round: FTS5's unicode61 tokenizer folds case and diacritics but keeps ``ß``, and Swiss German and
    many a transliterating site write ``ss``): ``("strasse" OR "straße")``. A word with ``ä ö ü æ ø œ å``
    also asks for it spelt out (``Müller`` -> ``("Müller" OR "mueller")``), which finds both the pages that
    write ``Mueller`` and, through the ``alt`` column, those that write ``Müller`` when ``Mueller`` is typed.
    The query is folded (:func:`fold_marks`) unless ``fold`` is False (the words as typed: for an index an older
    archiver made, :func:`archiver.search.alt_current`).
    """
    parts = []
    for match in _PHRASE_OR_TOKEN.finditer(fold_marks(text or "") if fold else text or ""):
        phrase, token = match.group(1), match.group(2)
        words = (_TOKEN_WORD if TOKEN_RULE else _WORD).findall(phrase if phrase is not None else token)
        if not words:
            continue
        star = "*" if token is not None and token.endswith("*") else ""
        spellings = _spellings(words)
        if len(spellings) == 1:
            parts.append(f'"{spellings[0]}"{star}')
        else:
            parts.append("(" + " OR ".join(f'"{one}"{star}' for one in spellings) + ")")
    return " AND ".join(parts) or None


_OPERATORS = ("OR", "AND", "NOT", "NEAR")


def operator_words(text: str) -> list[str]:
    """The tokens of a query that read as search operators and are not (``OR``, ``AND``, ``NOT``, ``NEAR`` in
    capitals, ``-word``), outside quotes: each is searched as a word, so ``bridge OR pier`` asks for all three
    and ``bridge -market`` for pages that have "market". Said to the user (``archiver search``), who meant
    otherwise: before 2026-12-05 the first found nothing and the second the opposite, without a word."""
    out = []
    for match in _PHRASE_OR_TOKEN.finditer(text or ""):
        token = match.group(2)
        if token is not None and (token in _OPERATORS or (token.startswith("-") and _WORD.match(token[1:]))):
            out.append(token)
    return out


SHARP_S_SPELLINGS = 8  # at most this many spellings of one word or phrase


def spelt_out(text: str) -> str:
    """``text`` lower-cased with each letter of ``SPELT_OUT`` written as its pair ("Grüße" -> "grueße": ß is
    :func:`fts_query`'s own affair); "" when it has none of them (the alt column stays empty for most pages)."""
    lowered = text.lower()
    return _SPELT.sub(lambda m: SPELT_OUT[m.group(0)], lowered) if _SPELT.search(lowered) else ""


def _spellings(words: list[str]) -> list[str]:
    """The words as typed, then with each ``ss``/``ß`` spelt the other ways (at most SHARP_S_SPELLINGS),
    then with ``ä ö ü æ ø œ å`` spelt out."""
    typed = " ".join(words)
    out = _sharp_s_spellings(typed)
    seen = {one.lower() for one in out}
    for spelt in [spelt_out(one) for one in out]:
        if spelt and spelt not in seen and len(out) < SHARP_S_SPELLINGS:
            seen.add(spelt)
            out.append(spelt)
    return out


def _sharp_s_spellings(typed: str) -> list[str]:
    folded = typed.casefold()  # ß -> ss
    if "ss" not in folded:
        return [typed]
    pieces = folded.split("ss")
    out, seen = [typed], {typed.lower()}  # FTS5 folds case but not ß: lower() tells spellings apart as it does
    for n in range(2 ** (len(pieces) - 1)):
        spelt = pieces[0] + "".join(("ß" if n >> i & 1 else "ss") + piece for i, piece in enumerate(pieces[1:]))
        if spelt not in seen:
            seen.add(spelt)
            out.append(spelt)
        if len(out) >= SHARP_S_SPELLINGS:
            break
    return out


def match_keys(text: str) -> list[tuple[str, bool]]:
    """(key, is_prefix) for each spelling of each word of the query ``text``: the key is the word
    lower-cased with ``ä ö ü æ ø œ å`` spelt out, as :func:`word_key` makes it of a page's word."""
    keys: list[tuple[str, bool]] = []
    for match in _PHRASE_OR_TOKEN.finditer(fold_marks(text or "")):
        phrase, token = match.group(1), match.group(2)
        words = (_TOKEN_WORD if TOKEN_RULE else _WORD).findall(phrase if phrase is not None else token)
        star = token is not None and token.endswith("*")
        for spelling in _spellings(words):
            for word in spelling.split():
                key = (word_key(word), star)
                if key not in keys:
                    keys.append(key)
    return keys


def match_runs(text: str) -> list[list[tuple[str, bool]]]:
    """The runs of (key, is_prefix) a page's words must match in a row: one per spelling of each quoted phrase or
    token of the query ``text`` (``"old bridge"``, ``大桥``: each Chinese or Japanese character a word, the run a
    phrase, as :func:`fts_query` asks FTS5), keys as :func:`match_keys` makes them. For :func:`spelt_snippet`,
    which marked each word of a phrase wherever it stood before nu56 (``旧桥`` searched, ``港口大[桥]`` marked)."""
    runs: list[list[tuple[str, bool]]] = []
    for match in _PHRASE_OR_TOKEN.finditer(fold_marks(text or "")):
        phrase, token = match.group(1), match.group(2)
        words = (_TOKEN_WORD if TOKEN_RULE else _WORD).findall(phrase if phrase is not None else token)
        star = token is not None and token.endswith("*")
        for spelling in _spellings(words):
            parts = spelling.split()
            run = [(word_key(word), star and i == len(parts) - 1) for i, word in enumerate(parts)]
            if run and run not in runs:
                runs.append(run)
    return runs


PHRASE_MARKS = True  # False: a snippet marks each word of a phrase wherever it stands (before nu56)


def word_key(word: str) -> str:
    """``word`` as :func:`match_keys` compares it: lower-cased, ``ä ö ü æ ø œ å`` spelt out, Greek, Arabic and
    Hebrew marks left out (:func:`fold_marks`)."""
    return spelt_out(word) or fold_marks(word.lower()).lower()  # NFKC may give capitals: 𝐁 (no lower case) is B


def spelt_snippet(body: str, keys: list[tuple[str, bool]], words: int, mark: tuple[str, str],
                  runs: list[list[tuple[str, bool]]] | None = None) -> str | None:
    """A snippet of ``body`` (about ``words`` words, ``…`` where it is cut) around the first word matching
    one of ``keys`` (:func:`match_keys`), every matching word in it between ``mark``; None if none matches.
    With ``runs`` (:func:`match_runs`), a word is marked only where it stands in a run of words matching one of
    them in a row (a phrase's words elsewhere are left unmarked, as FTS5's ``snippet()`` leaves them)."""
    found = list(_WORD.finditer(body))
    if has_cjk(body):
        words *= 3  # a Chinese or Japanese character is a token here: about a third of a word's meaning
    page_keys = [word_key(m.group(0)) for m in found]
    if runs is not None and PHRASE_MARKS:
        marked: set[int] = set()
        for run in runs:
            n = len(run)
            for at in range(len(page_keys) - n + 1):
                if all(_matches(page_keys[at + k], [run[k]]) for k in range(n)):
                    marked.update(range(at, at + n))
        hits = sorted(marked)
    else:
        hits = [i for i, key in enumerate(page_keys) if _matches(key, keys)]
    if not hits:
        return None
    first = max(0, hits[0] - words // 4)
    last = min(len(found), first + words)
    out, at = [], found[first].start()
    for i in range(first, last):
        m = found[i]
        out.append(body[at:m.start()])
        out.append(f"{mark[0]}{m.group(0)}{mark[1]}" if i in hits else m.group(0))
        at = m.end()
    if last == len(found):
        out.append(body[at:])
    text = " ".join("".join(out).split()).replace(mark[1] + mark[0], "")  # [大][桥] -> [大桥]
    return ("…" if first > 0 else "") + text + ("…" if last < len(found) else "")


def _matches(key: str, keys: list[tuple[str, bool]]) -> bool:
    return any(key.startswith(k) if prefix else key == k for k, prefix in keys)
