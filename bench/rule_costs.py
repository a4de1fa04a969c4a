"""What each DOM rule's selector costs a page: the rules a new round adds are checked here before they land.

Each speed page (AEB + trafilatura-eval, as ``extract_speed``) is parsed once as the DOM stage parses it, its
page index built with every rule's needs (as ``dom.clean_page`` builds it), and each rule's
``selector.select`` timed on it with ``time.process_time`` (CPU: other processes' load does not count).
Nothing is removed, so every rule sees the whole page: an upper bound of what the stage pays for it.
The page index the rules share is built and timed before them (the first rule, ``skip-links``, was charged
its 0.9 ms a page). Rules over ``--flag`` ms a page are marked: rend24's ``guest-greeting-bar`` cost 2.3 ms
a page before it took a ``gate_text`` (archiver 0.88x -> 0.78x of bare trafilatura in ``extract_speed``).

    python -m bench.rule_costs                  # the 20 costliest rules
    python -m bench.rule_costs --limit 200 --top 40 --flag 0.2
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.sets import SHARED, speed_pages


def rule_costs(pages: list, limit: int = 0, index_cost: list[float] | None = None) -> list[tuple[float, str]]:
    """``[(ms a page, rule name), ...]``, costliest first, over ``pages`` (bench.sets.Page).

    The page index's one pass over the elements (``selectors.Index``, built when a rule first asks it; in
    the pipeline ``find_main`` asks first) is made before the rules are timed, so the first rule does not
    pay for it (it made ``skip-links`` look like 0.9 ms a page); its ms a page is appended to
    ``index_cost`` when given."""
    from archiver.extraction.decode import decode_html
    from archiver.extraction.dom import parse
    from archiver.extraction.rules import rules_for
    from archiver.extraction.selectors import Index

    rules = rules_for(None)
    spent = {rule.name: 0.0 for rule in rules.dom}
    done, built = 0, 0.0
    for page in pages[:limit] if limit else pages:
        try:
            root = parse(decode_html(page.html).text if isinstance(page.html, bytes) else page.html)
        except Exception:  # a page the parser refuses costs no rule anything
            continue
        index = Index(root, rules.needs)
        start = time.process_time()
        index.by_substring(frozenset())  # builds the index: every rule's lookups share it
        built += time.process_time() - start
        for rule in rules.dom:
            start = time.process_time()
            rule.selector.select(index)
            spent[rule.name] += time.process_time() - start
        done += 1
    if index_cost is not None:
        index_cost.append(1000 * built / max(done, 1))
    return sorted(((1000 * s / max(done, 1), name) for name, s in spent.items()), reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="folder holding benchmarks/")
    parser.add_argument("--limit", type=int, default=300, help="pages (0: every speed page)")
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--flag", type=float, default=0.3, help="mark rules over this many ms a page")
    args = parser.parse_args(argv)
    pages = speed_pages(args.shared / "benchmarks", limit=args.limit)
    if not pages:
        print(f"no speed pages under {args.shared}/benchmarks", file=sys.stderr)
        return 1
    index_cost: list[float] = []
    costs = rule_costs(pages, index_cost=index_cost)
    print(f"{len(costs)} DOM rules over {len(pages)} pages; all of them {sum(c for c, _ in costs):.2f} ms a page, "
          f"and the page index they share {index_cost[0]:.2f} ms a page")
    for cost, name in costs[:args.top]:
        print(f"  {cost:6.3f} ms  {name}{'  <-- over ' + str(args.flag) if cost > args.flag else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
