"""bench/below_bare.py: the pages where archiver scores below bare trafilatura, and the words' causes.

The listing reads a real dump folder written here (the layout ``extract_quality --dump`` writes);
the causes run archiver's real ``extract`` on a small page of its own.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.below_bare import causes, kinds, loss_by_kind, page_kinds, pages_below, why  # noqa: E402
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
    got = kinds(found, bare)
    assert got == {"lost: headline (bare's first line)": 2, "lost: unattributed": 1,
                   "added: lead (first two lines)": 5, "added: other lines": 3}
    assert sum(got.values()) == found.lost + found.added


def test_kinds_count_as_headline_only_first_line_words_no_record_took():
    # review57 7a: the headline's words went to a rule; the function words lost further down ("through the
    # night") are unattributed, not "headline", though "the" is also a lost word
    t = "Levee holds the line\nthe river rose through the night"
    found = causes(t, t, "the river rose", [("dom:title-domain", "Levee holds")])
    assert dict(found.by_rule) == {"dom:title-domain": 2, "unattributed": 5}  # the line + through the night
    got = kinds(found, t)
    assert got == {"lost: dom:title-domain": 2, "lost: headline (bare's first line)": 2, "lost: unattributed": 3}
    assert sum(got.values()) == found.lost


def test_kinds_lead_additions_exclude_truth_words_archiver_gained():
    # review57 7b: archiver gains the truth's intro line (not an addition) and adds junk on line 3
    truth = "Intro line here\nthe river rose through the night"
    bare = "the river rose through the night"
    mine = truth + "\njunk junk junk"
    found = causes(truth, bare, mine, [])
    assert found.added == 3 and found.lost == 0
    assert kinds(found, bare) == {"added: other lines": 3}
    lead = causes(truth, bare, "junk junk junk\n" + truth, [])
    assert kinds(lead, bare) == {"added: lead (first two lines)": 3}


def test_kinds_read_the_lines_of_the_rerun_not_of_a_stale_dump(tmp_path):
    # review57 7c: the dump's archiver text comes from another commit (the added line first); the words
    # and the lines must both come from the rerun, where the added line is the third
    crews = "Crews from three counties worked through the night on the wall."
    html = (f"<html><head><title>Levee holds</title></head><body><article><h1>Levee holds</h1>"
            f"<p>{BODY}</p><p>{BODY} The mayor spoke.</p><p>{crews}</p></article></body></html>").encode()
    truth = f"{BODY}\n{BODY} The mayor spoke."
    page = Page("levee", "https://example.org/levee", html, truth=truth)
    from archiver.extraction import extract
    rerun = extract(html, page.url).text or ""
    assert [line for line in rerun.splitlines() if line.strip()][2] == crews
    write_dump(tmp_path, "wcxb-dev", {"levee": (truth, f"{crews}\n{BODY}\n{BODY} The mayor spoke.")})
    found, got = page_kinds("wcxb-dev", page, tmp_path)
    assert found.mine == rerun and found.added >= 5  # crews from three counties worked, at least
    assert got == {"added: other lines": found.added}


def test_kinds_keep_the_record_causes_by_name():
    truth = "one two three four"
    found = causes(truth, truth, "one two", [("dom:read-also-unit", "three four")])
    assert kinds(found, truth) == {"lost: dom:read-also-unit": 2}


def test_loss_by_kind_shares_each_page_loss_by_words_and_ranks_costliest_first():
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
    got = kinds(found, truth)
    assert got and all(k.startswith(("lost: dom:", "lost: paragraph:")) for k in got)
    [(kind, lost, n, sets)] = loss_by_kind([("wcxb-dev", row.bare - row.mine, got)])
    assert abs(lost - (row.bare - row.mine)) < 1e-9 and lost > 0 and n == 1 and sets == {"wcxb-dev"}
