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

from bench.below_bare import causes, pages_below, why  # noqa: E402
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
