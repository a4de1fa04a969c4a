"""Pair NEW files with OLD files: by URL when both sides know it, else by content.

Content pairing must stay sub-quadratic for tens of thousands of files, so each
text becomes a set of hashed word 5-gram shingles, summarised by a MinHash
signature; a MinHash LSH index over the OLD side returns candidates for each
NEW text, and only candidates get an exact score. The score is the overlap
coefficient |A∩B| / min(|A|,|B|): a stored copy padded with navigation and
comments still scores high against its clean text, where Jaccard would not.
Pairs are then chosen greedily, best score first, each file used once.
"""
from __future__ import annotations

import zlib
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from url_normalize import url_normalize

from archiver.diff.normalize import text_word_keys

K = TypeVar("K", bound=Hashable)

SHINGLE_WORDS = 5
NUM_PERM = 256
# Candidate recall: LSH is tuned on Jaccard, and a clean text inside a stored copy padded to
# 5x its size (comments, navigation) has Jaccard 0.2; at 0.1 with 256 permutations
# (117 bands of 2) such a pair collides with probability 0.99, at 0.15 still 0.93.
LSH_JACCARD = 0.1
DEFAULT_THRESHOLD = 0.5


def url_key(url: str | None) -> str | None:
    """Comparable form of a URL: normalised, no fragment, no trailing slash."""
    if not url:
        return None
    try:
        url = url_normalize(url.strip()) or url.strip()
    except Exception:
        url = url.strip()
    return url.split("#", 1)[0].rstrip("/")


def url_spellings(url: str) -> list[str]:
    """The spellings a URL typed by a user may have in the catalog, as given first.

    As given; normalised (:func:`url_key`) with and without a trailing slash; and, for
    a URL typed without its scheme (``www.dw.com/en/...``, which normalising makes
    https), the same with ``http://``. No duplicates.
    """
    key = url_key(url)
    found = [url, *([key, key + "/"] if key else [])]
    if key and "://" not in url and key.startswith("https://"):
        plain = "http://" + key.removeprefix("https://")
        found += [plain, plain + "/"]
    return list(dict.fromkeys(found))


def shingles(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """Sorted unique 32-bit hashes of the text's word n-grams (the whole text if shorter)."""
    words = text_word_keys(text)
    if not words:
        return np.empty(0, dtype=np.uint32)
    grams = (" ".join(words[i:i + size]) for i in range(max(1, len(words) - size + 1)))
    return np.unique(np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint32))


def overlap(a: np.ndarray, b: np.ndarray) -> float:
    """|A∩B| / min(|A|,|B|) of two sorted unique shingle arrays."""
    if not len(a) or not len(b):
        return 1.0 if len(a) == len(b) else 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / min(len(a), len(b))


def similarity(text_a: str, text_b: str) -> float:
    return overlap(shingles(text_a), shingles(text_b))


def _identity(x: int) -> int:
    return int(x)


def signature(sh: np.ndarray, num_perm: int = NUM_PERM) -> LeanMinHash:
    m = MinHash(num_perm=num_perm, hashfunc=_identity)
    if len(sh):
        m.update_batch(sh.tolist())
    return LeanMinHash(m)


@dataclass
class ContentPairing(Generic[K]):
    pairs: list[tuple[K, K, float]] = field(default_factory=list)
    unpaired_new: list[K] = field(default_factory=list)
    unpaired_old: list[K] = field(default_factory=list)
    candidates: int = 0  # exact scores computed (the work LSH saves is all the others)


def pair_by_content(new_items: Iterable[tuple[K, str]], old_items: Iterable[tuple[K, str]],
                    threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM) -> ContentPairing[K]:
    """Pair texts by shingle overlap above ``threshold``; items are (key, text), read once each.

    Texts are not kept: only each one's shingle array and MinHash signature, so
    the items may be generators reading files one at a time.
    """
    lsh = MinHashLSH(threshold=LSH_JACCARD, num_perm=num_perm)
    old_sh: dict[K, np.ndarray] = {}
    empty_old: list[K] = []
    for key, text in old_items:
        sh = shingles(text)
        old_sh[key] = sh
        if len(sh):
            lsh.insert(key, signature(sh, num_perm), check_duplication=False)
        else:
            empty_old.append(key)
    old_order = {key: i for i, key in enumerate(old_sh)}
    result: ContentPairing[K] = ContentPairing()
    scored: list[tuple[float, int, int, int, int, K, K]] = []
    new_keys: list[K] = []
    for n, (key, text) in enumerate(new_items):
        new_keys.append(key)
        sh = shingles(text)
        if not len(sh):
            continue
        for cand in lsh.query(signature(sh, num_perm)):
            result.candidates += 1
            other = old_sh[cand]
            common = len(np.intersect1d(sh, other, assume_unique=True))
            score = common / min(len(sh), len(other))
            if score >= threshold:
                # ties (a text inside two copies) go to more shared shingles, then the closer size
                scored.append((score, common, -abs(len(sh) - len(other)), n, old_order[cand], key, cand))
    scored.sort(key=lambda s: (-s[0], -s[1], -s[2], s[3], s[4]))
    used_new: set[K] = set()
    used_old: set[K] = set()
    for score, _, _, _, _, new_key, old_key in scored:
        if new_key in used_new or old_key in used_old:
            continue
        used_new.add(new_key)
        used_old.add(old_key)
        result.pairs.append((new_key, old_key, round(score, 4)))
    result.unpaired_new = [k for k in new_keys if k not in used_new]
    result.unpaired_old = [k for k in old_sh if k not in used_old]
    return result


def pair_by_url(new_urls: dict[K, list[str]], old_urls: dict[K, str]) -> tuple[list[tuple[K, K]], list[K]]:
    """Match NEW keys (each with its URLs: seed and final) to OLD keys by URL.

    When several NEW files carry one URL (several captures), the first one given
    wins; the caller orders them newest first. Returns the pairs and the NEW keys
    that were passed over because their URL was already paired.
    """
    by_url: dict[str, K] = {}
    for key, url in old_urls.items():
        u = url_key(url)
        if u and u not in by_url:
            by_url[u] = key
    pairs: list[tuple[K, K]] = []
    superseded: list[K] = []
    taken: set[K] = set()
    for key, urls in new_urls.items():
        matches = [by_url[u] for u in map(url_key, urls) if u in by_url]
        if not matches:
            continue
        if matches[0] in taken:
            superseded.append(key)
            continue
        taken.add(matches[0])
        pairs.append((key, matches[0]))
    return pairs, superseded
