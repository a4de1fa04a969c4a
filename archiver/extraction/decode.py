"""Bytes to text: find the charset the way a browser would, then decode.

Order (issue 3): the HTTP ``Content-Type`` charset, then a byte-order mark,
then ``<meta charset>`` / ``http-equiv``, then statistical detection with
chardetng, Firefox's detector (``BROWSER_DETECTOR``). A declared charset that cannot decode the body strictly
is treated as mis-declared and the next source is tried, so a wrong header
never turns a page into mojibake when the body says otherwise.

A ``<meta>`` declaration is weaker than the bytes: a body that holds non-ASCII
bytes and decodes as strict UTF-8 is UTF-8, whatever ``<meta>`` says (issue 11:
pages whose template declares ``iso-8859-1`` and serves UTF-8). Text in a
single-byte charset is practically never valid UTF-8 once it holds accented
letters (each would have to be followed by the right continuation bytes).

Detection guesses as a browser does for a page that declares nothing it can use:
chardetng (https://github.com/hsivonen/chardetng, through the ``chardetng-py`` binding),
told the page's top-level domain as Firefox tells it. Such a page reads as its reader saw
it. charset-normalizer, the earlier detector (kept behind ``BROWSER_DETECTOR = False``
and kept to ``WEB_ENCODINGS``, the WHATWG list, since left to all of Python's code pages
it read a windows-1251 page as cp1125), cannot tell windows-1250 from windows-1252 on
Spanish or Dutch text and took the first ("ñ" came out "ń"), and read Italian as
windows-1258, Swedish as ISO-8859-3, Czech ISO-8859-2 as windows-1250.
"""

from __future__ import annotations

import codecs
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import chardetng_py
import charset_normalizer

from .wideorder import reorder, utf16_order

__all__ = ["Decoded", "decode", "decode_html", "detect_charset", "looks_binary", "charset_from_content_type",
           "tld_of", "WEB_ENCODINGS", "declared_codec"]

_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
# a declaration inside a comment is no declaration: the HTML standard's prescan skips comments, so a browser
# ignores ``<!--[if IE]><meta ... charset=koi8-r><![endif]-->`` (read here, a windows-1251 page was mojibake)
_COMMENTS = re.compile(rb"<!--.*?(?:--!?>|\Z)", re.S)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it shares the first two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Labels browsers treat as aliases (WHATWG encoding spec): latin-1 is really cp1252.
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252",
            "us-ascii": "cp1252", "x-sjis": "shift_jis", "unicode": "utf-16"}


# The encodings of the WHATWG Encoding Standard (https://encoding.spec.whatwg.org/#names-and-labels) that
# Python has, by Python codec name: what a browser may decode a page in. None: every code page Python has.
WEB_ENCODINGS: tuple[str, ...] | None = (
    "utf_8", "cp866", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "koi8_r", "koi8_u", "mac_roman",
    "mac_cyrillic", "cp874", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp1258", "gbk", "gb18030", "big5", "euc_jp", "iso2022_jp", "shift_jis", "euc_kr", "utf_16_be", "utf_16_le",
)


# An ISO-8859 charset and the Windows code page that adds printable characters at 0x80-0x9F, where
# the ISO charset has only C1 control codes (never text). Above 0xA0 the two differ for some letters
# (ISO-8859-2 ą is 0xB1, windows-1250's is 0xB9), so only 0x80-0x9F are read in the twin.
# rend28: TIS-620 / ISO-8859-11 and windows-874 (Thai; WHATWG reads every label of the three as windows-874): the
# curly quotes, dashes and ellipsis at 0x85 / 0x91-0x97 were read as control codes and lost
WINDOWS_TWINS: dict[str, str] = {"iso8859_2": "cp1250", "iso8859_7": "cp1253", "iso8859_8": "cp1255",
                                 "iso8859_9": "cp1254", "iso8859_13": "cp1257", "iso8859_15": "cp1252",
                                 "tis_620": "cp874", "iso8859_11": "cp874"}
_C1 = re.compile(rb"[\x80-\x9f]")


def _windows_twin(body: bytes, codec: str | None) -> str | None:
    """The Windows code page whose characters to read at ``body``'s 0x80-0x9F bytes, or None.

    ``codec`` is the declared charset (a Python codec name). A page declaring ``iso-8859-2`` whose
    bytes hold 0x80-0x9F was written, at least in part, in windows-1250: those bytes are control
    codes in ISO-8859-2 and letters in windows-1250 (š 0x9A, ž 0x9E, ť 0x9D, Š 0x8A), so the
    declared charset drops them ("Vloženo" read "Vloeno"). None when ``codec`` has no twin in
    ``WINDOWS_TWINS`` or the body holds no such byte. ``_read_declared`` reads only those bytes
    in the twin.
    """
    twin = WINDOWS_TWINS.get((codec or "").replace("-", "_"))
    if twin is None or not _C1.search(body):
        return None
    return twin


@functools.cache
def _c1_map(twin: str) -> dict[int, str]:
    """U+0080-U+009F (what an ISO-8859 charset decodes 0x80-0x9F to) -> the ``twin`` code page's
    character at the same byte; bytes the twin leaves undefined keep their control code."""
    out = {}
    for b in range(0x80, 0xA0):
        try:
            out[b] = bytes([b]).decode(twin)
        except UnicodeDecodeError:
            continue
    return out


# rend27; False: a page declaring gbk or gb2312 that holds GB18030's four-byte sequences (characters GBK
# lacks: Kazakh Cyrillic, rarer Han) is read as undeclared, by the detector's guess (ablation)
GBK_AS_GB18030 = True
# rend28: the WHATWG decoder of a legacy encoding reads a superset of Python's codec of that name (its
# Encoding Standard: EUC-KR is windows-949, "UHC", with the 8,822 Hangul syllables KS X 1001 lacks;
# Shift_JIS is windows-31j with NEC's and IBM's rows, "①", "㈱", "髙"; Big5 is Big5-HKSCS, Hong Kong's
# Cantonese characters "嘅", "啲"; TIS-620 and ISO-8859-11 are labels of windows-874, its no-break space
# at 0xA0): a page the named codec rejects is read in the superset, as browsers show it. False: such a
# page is read as undeclared, by the detector's guess (ablation)
WHATWG_SUPERSETS = True
SUPERSETS: dict[str, str] = {"euc_kr": "cp949", "shift_jis": "cp932", "big5": "big5hkscs", "tis-620": "cp874",
                             "iso8859-11": "cp874"}


def _read_declared(body: bytes, codec: str | None) -> tuple[str | None, str | None]:
    """``body`` decoded strictly in the declared ``codec``, and the charset to report; (None, codec)
    when it does not decode.

    A page declaring ``gbk`` or ``gb2312`` (WHATWG's labels of its GBK encoding) that Python's codec of that
    name rejects is read in gb18030 (``GBK_AS_GB18030``): the WHATWG Encoding Standard's GBK decoder is
    the gb18030 decoder, four-byte sequences and all, so browsers show such a page as declared (DedeCMS's
    templates declare gb2312 over whatever the editor saved). So is a page declaring ``euc-kr``, ``shift_jis``,
    ``big5`` or ``tis-620`` in the superset ``SUPERSETS`` names (``WHATWG_SUPERSETS``; a Daum blog's euc-kr
    ``<meta>`` over UHC bytes). (Python's iso8859-11 reads every byte cp874 reads, so its entry never acts
    here; its 0x80-0x9F bytes are ``WINDOWS_TWINS``' job.)

    With a Windows twin (``_windows_twin``), the text is decoded in the declared ISO charset and
    only its C1 control characters (U+0080-U+009F, from bytes 0x80-0x9F) are replaced by the
    twin's characters at those bytes; the reported charset is the twin's. Reading the whole body
    in the twin instead would change, everywhere on the page, the letters the two place apart in
    0xA0-0xFF (a Polish ISO-8859-2 "gęślą jaźń" with one stray 0x96 dash read "gę¶l± jaĽń").
    Browsers (WHATWG Encoding Standard) read the labels ISO-8859-1 and ISO-8859-9 as windows-1252
    and windows-1254 outright, where the pairs share every printable character of 0xA0-0xFF; for
    the other ISO charsets they keep the control codes, which hold no text, so mapping just those
    loses nothing a browser shows.
    """
    text = _try(body, codec)
    if text is None and GBK_AS_GB18030 and codec in ("gbk", "gb2312"):  # WHATWG's GBK decoder is gb18030's
        text = _try(body, "gb18030")
        return text, "gb18030" if text is not None else codec
    if text is None and WHATWG_SUPERSETS and codec in SUPERSETS:
        text = _try(body, SUPERSETS[codec])
        return text, SUPERSETS[codec] if text is not None else codec
    twin = _windows_twin(body, codec) if text is not None else None
    if text is None or twin is None:
        return text, codec
    return text.translate(_c1_map(twin)), twin



def _as_declared(body: bytes, codec: str | None) -> tuple[str | None, str | None, bool]:
    """``_read_declared`` (text or None, the charset to report), a body declared UTF-8 that does not
    decode read as damaged UTF-8 (``_damaged_utf8``), and whether the text is the body in UTF-8 exactly."""
    text, charset = _read_declared(body, codec)
    exact = text is not None and codec == charset == "utf-8"
    if text is None and codec == "utf-8":
        text = _damaged_utf8(body)
    return text, charset, exact

@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    source: str  # "header" | "bom" | "meta" | "detected" | "fallback"
    exact: bool = False  # the body is ``text`` in UTF-8, byte for byte (a strict UTF-8 decoding of it)


def _codec(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None if Python has none."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


LABELS_FILE = Path(__file__).resolve().parents[1] / "rules" / "encoding_labels.json"
# WHATWG encodings Python's codecs do not know by that name (the others it does: windows-1252, gbk, ...)
_WHATWG_CODECS = {"windows-874": "cp874", "x-mac-cyrillic": "mac_cyrillic", "iso-8859-8-i": "iso8859_8",
                  "macintosh": "mac_roman"}
_NO_TEXT = ("replacement", "x-user-defined")  # WHATWG names Python has no codec for: no usable declaration


@functools.cache
def _labels() -> dict[str, str]:
    with open(LABELS_FILE, encoding="utf-8") as fh:
        return dict(json.load(fh)["labels"])


def declared_codec(label: str | None) -> str | None:
    """The Python codec for a charset a page declares (HTTP header or ``<meta>``), or None.

    Only the labels of the WHATWG Encoding Standard count, as in browsers (``rules/encoding_labels.json``):
    ``utf-7``, ``cp037``, ``unicode_escape``, ``hz`` are Python codecs but no browser's, so a page declaring
    them is read as one declaring nothing (UTF-7 would turn ``+ADw-script+AD4-`` into markup no reader saw).
    A label both know keeps Python's reading; one only WHATWG knows (``windows-874``, ``x-cp1251``,
    ``iso88591``, ``unicode-1-1-utf-8``) is read as the encoding WHATWG names. ``iso-2022-kr`` and the
    other labels of WHATWG's "replacement" encoding, and ``x-user-defined``, give None."""
    if not label:
        return None
    key = label.strip(" \t\n\f\r\"'").lower()
    name = _labels().get(key)
    if name is None or name in _NO_TEXT:
        return None
    return _codec(key) or _codec(_WHATWG_CODECS.get(name, name))


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value, if any."""
    if not content_type:
        return None
    m = _CT_CHARSET.search(content_type)
    return m.group(1) if m else None


_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF-", b"PK\x03\x04", b"\x1f\x8b", b"RIFF", b"\x00\x00\x01\x00",
          b"OggS", b"ID3", b"fLaC", b"wOFF", b"wOF2", b"\x7fELF")
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\x0c\x1b")


_WIDE = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")  # codecs.lookup names


def looks_binary(body: bytes, sample: int = 4096, content_type: str | None = None) -> bool:
    """True for bodies that are clearly not text: a known file signature, or many
    control bytes in a BOM-less head (text, in any charset, has next to none) whose
    ``content_type`` header does not declare UTF-16 or UTF-32 (NUL bytes are half of such text)."""
    head = body[:sample]
    if not head or any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    label = charset_from_content_type(content_type)
    if declared_codec(label) in _WIDE or reorder(head, None, label) in _WIDE:
        return False
    if head.lstrip().startswith(_MAGIC) or head.startswith(_MAGIC):
        return True
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls > len(head) * 0.05


def _try(body: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


DAMAGED_SHARE = 0.01  # invalid UTF-8 sequences per valid non-ASCII character still read as UTF-8


def _damaged_utf8(body: bytes) -> str | None:
    """``body`` as UTF-8 with replacement characters, if it is UTF-8 with a few broken sequences.

    A page cut mid-character by its CMS (``papieros\xc3...``) is still UTF-8: browsers
    decode a declared UTF-8 page with U+FFFD for the broken bytes (WHATWG Encoding,
    "decode" with error mode replacement). Accepted when the invalid sequences are at
    most 2, or at most ``DAMAGED_SHARE`` of the valid non-ASCII characters. Text in a
    single-byte charset with accented letters gives about one invalid sequence per
    letter and is refused. None when refused.
    """
    text = body.decode("utf-8", errors="replace")
    own = body.count(b"\xef\xbf\xbd")  # replacement characters the page itself holds
    bad = text.count("\ufffd") - own
    good = len(text) - len(text.encode("ascii", "ignore")) - bad - own  # valid non-ASCII characters
    return text if bad <= max(2, DAMAGED_SHARE * good) and good > bad else None


# A ``Content-Type`` header declaring UTF-16 or UTF-32 (``charset=utf-16``, ``utf-16le``, ``unicode``) over a body
# without a byte-order mark and without one NUL byte in its head (round 39): every ASCII character of UTF-16 text
# has a NUL byte beside it, and an HTML page's markup is ASCII, so such bytes are no UTF-16 text (a server's
# default charset misconfigured, as for a meta tag's UTF-16 read as ASCII, which the HTML standard turns to UTF-8).
# Read in that charset, an English page became a run of CJK-looking characters (``ℼ潤瑣灹...``): "extracted", its
# words found by no search. The header is set aside: the meta tag, then detection, as for an undeclared page.
# Browsers show the garbage; archiver reads the words the bytes hold, as it does for a lying UTF-8 header.
# mend55 (review53's finding 5): one stray NUL byte in an ASCII page is no evidence. The head must hold NULs in at
# least WIDE_NUL_SHARE of its bytes (UTF-16 markup has about half, UTF-32 at least half), or WIDE_MIN_NULS of them
# or more nearly all at one byte parity (the high byte of UTF-16's ASCII characters: a UTF-16 CJK page whose head is
# mostly text has few NULs, all at one parity; stray NULs and NUL padding fall at both).
WIDE_NEEDS_NULS = True
WIDE_SAMPLE = 4096  # bytes of the body's head searched for NUL bytes
WIDE_NUL_SHARE = 0.125  # a share of the sample's bytes that are NULs: enough evidence whatever their places
WIDE_MIN_NULS = 16  # NULs enough when one byte parity holds them (wideorder.utf16_order)


def _wide_evidence(body: bytes) -> bool:
    """Whether the body's head (``WIDE_SAMPLE`` bytes) shows UTF-16 or UTF-32 text: NULs in ``WIDE_NUL_SHARE`` of
    its bytes, or ``WIDE_MIN_NULS`` NULs or more in an order :func:`wideorder.utf16_order` reads (and two at
    least either way). A stray NUL in an 8-bit page is neither."""
    sample = body[:WIDE_SAMPLE]
    nuls = sample.count(b"\x00")
    if nuls < 2:
        return False
    if nuls >= WIDE_NUL_SHARE * len(sample):
        return True
    return utf16_order(sample, WIDE_MIN_NULS) is not None  # the test ``wideorder.shown`` uses (mend58)


def decode_html(body: bytes, content_type: str | None = None, tld: str | None = None) -> Decoded:
    """Decode an HTML payload and say which source gave the charset.

    ``tld`` is the rightmost label of the page's host ("de", "jp"; see ``tld_of``), the detector's
    hint for a page that declares no usable charset; None: a generic domain."""
    for bom, name in _BOMS:  # a byte-order mark wins over the header, as in browsers (WHATWG "decode")
        if body.startswith(bom):
            text = _try(body, name)
            if text is not None:
                return Decoded(text.lstrip("\ufeff"), name, "bom")
    label = charset_from_content_type(content_type)
    codec = reorder(body, declared_codec(label), label)  # a wide header's order as the NULs show it (round 40)
    if WIDE_NEEDS_NULS and codec in _WIDE and not _wide_evidence(body):
        codec = None  # a header's UTF-16 or UTF-32 over bytes that cannot be it: as if undeclared
    text, charset, exact = _as_declared(body, codec)
    if text is not None:
        return Decoded(text, charset, "header", exact)  # type: ignore[arg-type]
    m = _META_CHARSET.search(_COMMENTS.sub(b"", body[:8192]))
    if m:
        codec = declared_codec(m.group(1).decode("ascii", "replace"))
        if codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
            codec = "utf-8"  # a meta tag readable as ASCII cannot be UTF-16 (HTML spec)
        if codec not in (None, "utf-8") and not body.isascii():
            text = _try(body, "utf-8")  # valid UTF-8 with non-ASCII bytes: the declaration lies
            if text is not None:
                return Decoded(text, "utf-8", "detected", True)
        text, charset, exact = _as_declared(body, codec)
        if text is not None:
            return Decoded(text, charset, "meta", exact)  # type: ignore[arg-type]
    text = _try(body, "utf-8")  # cheap and by far the most common
    if text is not None:
        return Decoded(text, "utf-8", "detected", True)
    text = _damaged_utf8(body)
    if text is not None:
        return Decoded(text, "utf-8", "detected")
    codec = detect_charset(body, tld)
    if codec is not None:
        wider = SUPERSETS.get(codec) if WHATWG_SUPERSETS else None
        text = _try(body, codec) if wider else None  # the guess's own codec where it reads the page, as before
        if wider and text is None and (text := _try(body, wider)) is not None:
            return Decoded(text, wider, "detected")
        return Decoded(text if text is not None else body.decode(codec, errors="replace"), codec, "detected")
    return Decoded(body.decode("utf-8", errors="replace"), "utf-8", "fallback")


BROWSER_DETECTOR = True  # False: charset-normalizer among WEB_ENCODINGS, the detection before chardetng
_DETECTED_AS = {"gbk": "gb18030"}  # WHATWG's GBK decoder is the gb18030 decoder (four-byte sequences too)


def detect_charset(body: bytes, tld: str | None = None) -> str | None:
    """The Python codec a browser would guess for ``body`` (its first 200,000 bytes), which is not
    valid UTF-8 and declares no charset that decodes it; ``tld`` as in ``decode_html``.

    chardetng never answers UTF-8 here (browsers do not guess it; valid UTF-8 was taken before).
    With ``BROWSER_DETECTOR`` off: charset-normalizer's pick among ``WEB_ENCODINGS``, None when
    none fits."""
    sample = body[:200_000]
    if BROWSER_DETECTOR:
        hint = tld.encode("ascii") if tld and _LABEL.fullmatch(tld) else None
        guess = _codec(chardetng_py.detect(sample, allow_utf8=False, tld=hint))
        return _DETECTED_AS.get(guess or "", guess) or "cp1252"
    isolation = list(WEB_ENCODINGS) if WEB_ENCODINGS else None
    best = charset_normalizer.from_bytes(sample, cp_isolation=isolation).best()
    if best is None:
        return None
    return _codec(best.encoding) or "utf-8"


def tld_of(url: str | None) -> str | None:
    """The rightmost label of ``url``'s host, lower-case, in Punycode ("de", "xn--p1ai"); None for
    no host, an IP address or a label that is not a plain ASCII word."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return None
    label = host.rsplit(".", 1)[-1] if "." in host else ""
    if not label or label.isdigit() or ":" in host:
        return None
    try:
        label = label.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    return label if _LABEL.fullmatch(label) else None


_LABEL = re.compile(r"[a-z0-9-]+")  # what chardetng accepts as a TLD (it panics on other bytes)


def decode(body: bytes, content_type: str | None = None) -> str:
    """Decode an HTML payload to text (see :func:`decode_html`)."""
    return decode_html(body, content_type).text
