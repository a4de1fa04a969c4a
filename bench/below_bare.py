"""Pages where archiver scores below bare trafilatura, and what archiver removed or added there.

Issue 11's goal for every set is archiver at or above bare trafilatura; this lists the pages of a
dump (``python -m bench.extract_quality --dump DIR``, which writes ``DIR/<set>/archiver/<key>.txt``
and ``DIR/<set>/trafilatura/<key>.txt``) where it is not, each scored with its set's page metric
(AEB: the 4-shingle F1; trafilatura-eval: the snippet F; WCXB: word-F1), worst first.

With ``--why`` archiver runs again on those pages and the words are sorted out (``\\w+`` runs,
case-folded, as multisets):

* lost: words of the truth that bare trafilatura's text holds and archiver's does not; each is
  put to the first record of the page account (``Removed``: ``stage:rule``) whose text holds it,
  when at least ``ATTRIBUTE_SHARE`` of that record's words are lost ones (a record mostly kept
  elsewhere is no cause); the rest are ``unattributed`` (a headline archiver gives as the title,
  a line whose words were repaired: mojibake, footnote marks);
* added: words of archiver's text beyond the truth that bare trafilatura's text does not hold
  (a standfirst put back, a restored block of furniture).

The last table sums the words and pages per cause over every set: the kinds to look at first.
On trafilatura-eval the "truth" is its "with" snippets, so only lost words mean much there.

With ``--kinds`` (implies ``--why``) the causes are split once more and ranked by the page figure
they cost: ``unattributed`` words of bare's first line become ``lost: headline (bare's first line)``,
added words of archiver's first two lines ``added: lead (first two lines)``, and each page's loss
is shared among its kinds in proportion to their words (gen46's ranking, bench/RESULTS.md). The kinds
table leaves out trafilatura-eval: its truth is a few snippets, so most of a record's words are no
truth, the share test fails and the lost words stay unattributed.

    python -m bench.below_bare /tmp/dump                   # list, every set in the dump
    python -m bench.below_bare /tmp/dump --set aeb --why   # and the causes
    python -m bench.below_bare /tmp/dump --kinds           # the kinds ranked by figure lost, all sets
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.metrics import aeb_score, snippet_counts, word_f1
from bench.sets import Page

SETS = ("aeb", "eval", "wcxb-dev", "wcxb-test")
ATTRIBUTE_SHARE = 0.3
EPS = 1e-9
_WORD = re.compile(r"\w+")


def words(text: str | None) -> Counter:
    """The multiset of ``\\w+`` runs of ``text``, case-folded (empty for None)."""
    return Counter(_WORD.findall((text or "").casefold()))


def page_figure(set_name: str, page: Page, output: str | None) -> float:
    """The page's score under its set's metric, in [0, 1]: snippet F (``eval``), word-F1
    (``wcxb-*``), else the AEB 4-shingle F1. None output scores as empty text."""
    if set_name == "eval":
        return snippet_counts(output or "", page.with_ or [], page.without or []).f
    if set_name.startswith("wcxb"):
        return word_f1(page.truth, output)
    return aeb_score([(page.truth, output)]).f1


def read_output(dump: Path, set_name: str, side: str, key: str) -> str | None:
    """``dump/<set>/<side>/<key>.txt`` as text (side: ``archiver`` or ``trafilatura``), None if absent."""
    path = dump / set_name / side / f"{key}.txt"
    return path.read_text(encoding="utf-8") if path.exists() else None


@dataclass
class Below:
    key: str
    bare: float   # the page's figure for bare trafilatura
    mine: float   # and for archiver (lower)


def pages_below(set_name: str, pages: Iterable[Page], dump: Path) -> list[Below]:
    """The pages whose archiver figure is under bare trafilatura's in ``dump``, worst first."""
    rows = []
    for page in pages:
        bare = page_figure(set_name, page, read_output(dump, set_name, "trafilatura", page.key))
        mine = page_figure(set_name, page, read_output(dump, set_name, "archiver", page.key))
        if mine < bare - EPS:
            rows.append(Below(page.key, bare, mine))
    return sorted(rows, key=lambda r: (r.mine - r.bare, r.key))


@dataclass
class Causes:
    lost: int = 0                      # truth words bare had and archiver lacks
    added: int = 0                     # non-truth words archiver has beyond bare
    by_rule: Counter = field(default_factory=Counter)  # lost words per "stage:rule" or "unattributed"
    added_words: list[str] = field(default_factory=list)  # the first added words, in order of the text
    left: Counter = field(default_factory=Counter)  # the lost words no record took (the "unattributed" ones)
    gained: Counter = field(default_factory=Counter)  # the added words themselves: (mine - truth) - (bare - truth)
    mine: str | None = None            # the archiver text these words were counted on
    truth: Counter = field(default_factory=Counter)  # the truth's words


def causes(truth: str | None, bare: str | None, mine: str | None,
           removed: Sequence[tuple[str, str]]) -> Causes:
    """Sort out the lost and added words of one page (see the module's docstring).

    ``removed``: the page account's records as (``"stage:rule"``, text), in the account's order.
    """
    t, b, a = words(truth), words(bare), words(mine)
    lost = (t & b) - (t & a)
    added = (a - t) - (b - t)
    out = Causes(lost=sum(lost.values()), added=sum(added.values()), gained=added, mine=mine, truth=t)
    left = lost.copy()
    for cause, text in removed:
        record = words(text)
        hit = record & left
        n = sum(hit.values())
        if n and n >= ATTRIBUTE_SHARE * sum(record.values()):
            out.by_rule[cause] += n
            left -= hit
    if left:
        out.by_rule["unattributed"] += sum(left.values())
    out.left = left
    budget = added.copy()
    for word in _WORD.findall((mine or "").casefold()):
        if budget[word] > 0 and len(out.added_words) < 30:
            out.added_words.append(word)
            budget[word] -= 1
    return out


def kinds(found: Causes, bare: str | None) -> Counter:
    """``found``'s words as kinds: ``lost: <stage:rule>``, ``lost: headline (bare's first line)`` for
    unattributed lost words (``found.left``, after the records took theirs) that bare's first line
    holds, ``lost: unattributed`` for the rest, and ``added: lead (first two lines)`` / ``added: other
    lines`` for added words (``found.gained``: truth words archiver gained are not among them) by
    whether the first two lines of the text they were counted on (``found.mine``) hold them beyond the
    truth's words (so a "the" added on line 5 is not put on a lead line that has the truth's "the"). Counts are
    words; their sum is ``found.lost + found.added``."""
    out: Counter = Counter()
    for cause, n in found.by_rule.items():
        if cause != "unattributed":
            out[f"lost: {cause}"] += n
            continue
        first = (bare or "").strip().splitlines()[:1]
        head = min(n, sum((words(first[0] if first else "") & found.left).values()))
        if head:
            out["lost: headline (bare's first line)"] += head
        if n - head:
            out["lost: unattributed"] += n - head
    if found.added:
        lines = [line for line in (found.mine or "").splitlines() if line.strip()]
        lead = min(found.added, sum(((words(" ".join(lines[:2])) - found.truth) & found.gained).values()))
        if lead:
            out["added: lead (first two lines)"] += lead
        if found.added - lead:
            out["added: other lines"] += found.added - lead
    return out


def loss_by_kind(rows: Iterable[tuple[str, float, Counter]]) -> list[tuple[str, float, int, set[str]]]:
    """Rank kinds by the page figure they cost. ``rows``: (set name, the page's loss >= 0, its
    ``kinds`` counter); a page's loss is shared among its kinds in proportion to their words (a page
    with no word moved goes to ``no word moved``). Returns (kind, summed loss, pages, sets), costliest
    first."""
    loss: dict[str, float] = {}
    pages: Counter = Counter()
    sets: dict[str, set[str]] = {}
    for set_name, page_loss, counts in rows:
        counts = counts if sum(counts.values()) else Counter({"no word moved": 1})
        total = sum(counts.values())
        for kind, n in counts.items():
            loss[kind] = loss.get(kind, 0.0) + page_loss * n / total
            pages[kind] += 1
            sets.setdefault(kind, set()).add(set_name)
    return sorted(((k, loss[k], pages[k], sets[k]) for k in loss), key=lambda r: (-r[1], r[0]))


def truth_text(set_name: str, page: Page) -> str | None:
    """The page's truth as text: its "with" snippets joined on trafilatura-eval, else ``page.truth``."""
    return page.truth if set_name != "eval" else " ".join(s for s in page.with_ or [] if s)


def why(set_name: str, page: Page, dump: Path) -> Causes:
    """Run archiver's ``extract`` on the page again for its account and sort out its words; the words
    are counted on that run's text (``Causes.mine``), not on the dump's archiver text, so the account's
    records and the lines agree even when the dump came from another commit."""
    from archiver.extraction import extract
    result = extract(page.html, page.url)
    truth = truth_text(set_name, page)
    records = [(f"{r.stage}:{r.rule}", r.text) for r in result.removed]
    return causes(truth, read_output(dump, set_name, "trafilatura", page.key), result.text, records)


def page_kinds(set_name: str, page: Page, dump: Path) -> tuple[Causes, Counter]:
    """``why`` on the page and its ``kinds``: the words, the records and the lines all from one rerun;
    only bare's text is read from ``dump``."""
    found = why(set_name, page, dump)
    return found, kinds(found, read_output(dump, set_name, "trafilatura", page.key))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump", type=Path, help="a folder written by extract_quality --dump")
    parser.add_argument("--set", action="append", choices=SETS, help="a set (repeatable); default: those in the dump")
    parser.add_argument("--why", action="store_true", help="rerun archiver on those pages and sort out the words")
    parser.add_argument("--kinds", action="store_true", help="and rank the kinds by the page figure they cost")
    args = parser.parse_args(argv)
    args.why = args.why or args.kinds
    ranked: list[tuple[str, float, Counter]] = []
    from bench.sets import load
    total: Counter = Counter()
    pages_of: dict[str, set[str]] = {}
    for name in args.set or [s for s in SETS if (args.dump / s).is_dir()]:
        pages = {p.key: p for p in load(name)}
        rows = pages_below(name, pages.values(), args.dump)
        print(f"{name}: {len(rows)} of {len(pages)} pages below bare trafilatura, "
              f"summed loss {sum(r.mine - r.bare for r in rows):+.4f}")
        for row in rows:
            line = f"  {row.mine - row.bare:+.4f}  bare {row.bare:.4f}  archiver {row.mine:.4f}  {row.key}"
            if args.why:
                found, counted = page_kinds(name, pages[row.key], args.dump)
                rules = ", ".join(f"{k} {v}" for k, v in found.by_rule.most_common())
                line += f"\n      lost {found.lost}: {rules or '-'}; added {found.added}"
                if found.added_words:
                    line += f": {' '.join(found.added_words)}"
                if name != "eval":  # snippets: a record's words are mostly no "truth", so kinds mislead
                    ranked.append((name, row.bare - row.mine, counted))
                for cause, n in found.by_rule.items():
                    total[cause] += n
                    pages_of.setdefault(cause, set()).add(f"{name}/{row.key}")
                if found.added:
                    total["added"] += found.added
                    pages_of.setdefault("added", set()).add(f"{name}/{row.key}")
            print(line)
    if args.why and total:
        print("\n| cause | words | pages |\n|---|---:|---:|")
        for cause, n in total.most_common():
            print(f"| {cause} | {n} | {len(pages_of[cause])} |")
    if args.kinds and ranked:
        print("\n| kind | sets | pages | figure lost (summed over pages) |\n|---|---|---:|---:|")
        for kind, lost, n, in_sets in loss_by_kind(ranked):
            print(f"| {kind} | {', '.join(sorted(in_sets))} | {n} | {lost:.4f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
