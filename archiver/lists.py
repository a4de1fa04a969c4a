"""Read a seed list: URLs with their line numbers, and the bad lines with reasons.

Pure parsing: the caller decides what to print. A bad line never stops the list.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from url_normalize import url_normalize


@dataclass(frozen=True)
class Seed:
    url: str
    line: int


@dataclass(frozen=True)
class BadLine:
    line: int
    reason: str

    def describe(self, list_name: str) -> str:
        return f"{list_name}:{self.line}: {self.reason}"


@dataclass
class SeedList:
    path: str
    seeds: list[Seed]
    bad: list[BadLine]
    duplicates: list[Seed]


def normalize_url(url: str) -> str:
    """One spelling per URL (scheme/host case, default port, percent-encoding)."""
    return (url_normalize(url, default_scheme="https") or url).split("#", 1)[0]


def check_url(text: str) -> str | None:
    """Return why ``text`` is not a fetchable http(s) URL, or None if it is."""
    if any(ch.isspace() for ch in text):
        return "not a URL (contains whitespace)"
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        return f"not a URL ({exc})"
    if not parts.scheme:
        return "not a URL (no scheme; expected http:// or https://)"
    if parts.scheme.lower() not in ("http", "https"):
        return f"unsupported scheme {parts.scheme!r} (only http and https)"
    try:
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        return f"bad host or port ({exc})"
    if not host:
        return "not a URL (no host)"
    del port
    return None


def parse_lines(data: bytes) -> tuple[list[Seed], list[BadLine], list[Seed]]:
    seeds: list[Seed] = []
    bad: list[BadLine] = []
    dups: list[Seed] = []
    seen: set[str] = set()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad.append(BadLine(number, f"undecodable bytes (not UTF-8: {exc.reason} at byte {exc.start})"))
            continue
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        reason = check_url(line)
        if reason is None:
            try:
                url = normalize_url(line)
            except Exception as exc:  # url_normalize raises assorted errors on junk
                reason = f"not a URL ({exc})"
        if reason is not None:
            bad.append(BadLine(number, reason))
            continue
        if url in seen:
            dups.append(Seed(url, number))
            continue
        seen.add(url)
        seeds.append(Seed(url, number))
    return seeds, bad, dups


def read_list(path: str | Path) -> SeedList:
    """Raise OSError when the file cannot be read (a usage error for the CLI)."""
    data = Path(path).read_bytes()
    seeds, bad, dups = parse_lines(data)
    return SeedList(str(path), seeds, bad, dups)
