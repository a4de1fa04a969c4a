"""bench/below_bare.py: the pages where archiver scores below bare trafilatura, and the words' causes.

The listing reads a real dump folder written here (the layout ``extract_quality --dump`` writes);
the causes run archiver's real ``extract`` on a small page of its own.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.below_bare import causes, kinds, loss_by_kind, pages_below, why  # noqa: E402
from bench.sets import Page  # noqa: E402

BODY = ("The river rose through the night and the town watched the levee hold. "
        "Engineers had reinforced the wall in spring, and their work held firm.")


def write_dump(root: Path, set_name: str, outputs: dict[str, tuple[str, str]]) -> None:
    for key, (bare, mine) in outputs.items():
        for side, text in (("trafilatura", bare), ("archiver", mine)):
            folder = root / set_name / side
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{key}.txt").write_text(text, encoding="utf-8")


def test_pages_below_lists_only_pages_under_bare_worst_first(tmp_path):
    truth = "alpha beta gamma delta epsilon zeta eta theta"
    pages = [Page(k, None, b"", truth=truth) for k in ("even", "small", "large", "better")]
    write_dump(tmp_path, "wcxb-dev", {
        "even": (truth, truth),
        "small": (truth, "alpha beta gamma delta epsilon zeta eta"),
        "large": (truth, "alpha beta"),
        "better": ("alpha beta", truth),
    })
    rows = pages_below("wcxb-dev", pages, tmp_path)
    assert [r.key for r in rows] == ["large", "small"]
    assert rows[0].bare == 1.0 and rows[0].mine < rows[1].mine < 1.0


def test_a_missing_output_counts_as_empty_text(tmp_path):
    truth = "alpha beta gamma delta"
    write_dump(tmp_path, "wcxb-dev", {"gone": (truth, truth)})
    (tmp_path / "wcxb-dev" / "archiver" / "gone.txt").unlink()
    rows = pages_below("wcxb-dev", [Page("gone", None, b"", truth=truth)], tmp_path)
    assert [(r.key, r.mine) for r in rows] == [("gone", 0.0)]


def test_lost_words_go_to_the_record_that_holds_them_and_added_words_are_counted():
    truth = "the story first line the story second line"
    bare = "the story first line the story second line"
    mine = "the story first line promo words here"
    removed = [("dom:nav", "home news sport"),           # holds no lost word
               ("paragraph:read-more", "the story second line"),
               ("extractor:not-main-content", "second line")]  # already taken by the rule before
    found = causes(truth, bare, mine, removed)
    assert found.lost == 4
    assert dict(found.by_rule) == {"paragraph:read-more": 4}
    assert found.added == 3 and found.added_words == ["promo", "words", "here"]


def test_a_record_mostly_kept_elsewhere_is_no_cause():
    truth = "one two three"
    found = causes(truth, truth, "one two", [("dom:figure", "three " + " ".join(f"w{i}" for i in range(20)))])
    assert dict(found.by_rule) == {"unattributed": 1}


def test_why_reruns_archiver_and_finds_the_rule_that_removed_the_words(tmp_path):
    # a "Read more:" line inside the body: the truth keeps it, bare trafilatura keeps it,
    # archiver's rules remove it as a related-story link
    html = (f"<html><head><title>Levee holds</title></head><body><article><h1>Levee holds</h1>"
            f"<p>{BODY}</p><p>Read more: Town prepares for the next flood season</p>"
            f"<p>{BODY} The mayor thanked the crews on Sunday.</p></article></body></html>").encode()
    truth = f"{BODY}\nRead more: Town prepares for the next flood season\n{BODY} The mayor thanked the crews on Sunday."
    page = Page("levee", "https://example.org/levee", html, truth=truth)
    write_dump(tmp_path, "wcxb-dev", {"levee": (truth, "")})
    found = why("wcxb-dev", page, tmp_path)
    assert found.lost == 9  # "read more town prepares for the next flood season"
    assert sum(found.by_rule.values()) == found.lost
    assert "unattributed" not in found.by_rule
    assert all(cause.split(":")[0] in ("dom", "paragraph") for cause in found.by_rule)
    assert found.added == 0


def test_kinds_split_the_headline_from_other_unattributed_words_and_the_lead_from_other_additions():
    truth = "Levee holds\nthe river rose through the night\nengineers held the wall"
    bare = "Levee holds\nthe river rose through the night\nengineers held the wall"
    mine = "A dek nobody asked for\nthe river rose through the night\nengineers the wall\nshare this story"
    found = causes(truth, bare, mine, [])
    assert dict(found.by_rule) == {"unattributed": 3}  # levee, holds, held
    got = kinds(found, truth, bare, mine)
    assert got == {"lost: headline (bare's first line)": 2, "lost: unattributed": 1,
                   "added: lead (first two lines)": 5, "added: other lines": 3}
    assert sum(got.values()) == found.lost + found.added


def test_kinds_keep_the_record_causes_by_name():
    truth = "one two three four"
    found = causes(truth, truth, "one two", [("dom:read-also-unit", "three four")])
    assert kinds(found, truth, truth, "one two") == {"lost: dom:read-also-unit": 2}


def test_loss_by_kind_shares_each_page_loss_by_words_and_ranks_costliest_first():
    from collections import Counter
    ranked = loss_by_kind([
        ("aeb", 0.10, Counter({"lost: a": 3, "added: lead (first two lines)": 1})),
        ("wcxb-dev", 0.04, Counter({"added: lead (first two lines)": 2})),
        ("wcxb-dev", 0.01, Counter()),
    ])
    table = {k: (round(loss, 6), n, sorted(sets)) for k, loss, n, sets in ranked}
    assert table == {"lost: a": (0.075, 1, ["aeb"]),
                     "added: lead (first two lines)": (0.065, 2, ["aeb", "wcxb-dev"]),
                     "no word moved": (0.01, 1, ["wcxb-dev"])}
    assert [k for k, *_ in ranked] == ["lost: a", "added: lead (first two lines)", "no word moved"]


def test_kinds_of_a_real_rerun_put_the_whole_page_loss_on_the_rule(tmp_path):
    # the levee page above: archiver's real extract() loses the "Read more" line to a rule, and the
    # page's whole loss goes to that rule's kind
    html = (f"<html><head><title>Levee holds</title></head><body><article><h1>Levee holds</h1>"
            f"<p>{BODY}</p><p>Read more: Town prepares for the next flood season</p>"
            f"<p>{BODY} The mayor thanked the crews on Sunday.</p></article></body></html>").encode()
    truth = f"{BODY}\nRead more: Town prepares for the next flood season\n{BODY} The mayor thanked the crews on Sunday."
    page = Page("levee", "https://example.org/levee", html, truth=truth)
    from archiver.extraction import extract
    mine = extract(html, page.url).text
    write_dump(tmp_path, "wcxb-dev", {"levee": (truth, mine)})
    [row] = pages_below("wcxb-dev", [page], tmp_path)
    found = why("wcxb-dev", page, tmp_path)
    got = kinds(found, truth, truth, mine)
    assert got and all(k.startswith(("lost: dom:", "lost: paragraph:")) for k in got)
    [(kind, lost, n, sets)] = loss_by_kind([("wcxb-dev", row.bare - row.mine, got)])
    assert abs(lost - (row.bare - row.mine)) < 1e-9 and lost > 0 and n == 1 and sets == {"wcxb-dev"}
