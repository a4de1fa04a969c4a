"""A key-points box (the writer's summary: "Key takeaways", "TL;DR") that trafilatura leaves out
(issue 11, eighth session). Invented site and text; no benchmark page copied.
"""

from __future__ import annotations

from lxml import html as lxml_html

from archiver.extraction import extract
from archiver.extraction.keypoints import find_keypoints, restore_keypoints
from archiver.extraction.rules import rules_for

URL = "https://www.tarn-valley-anglers.example/guides/river-levels"
TITLE = "Reading river levels before a day on the Tarn"
PATTERN = rules_for(None).keypoints
POINTS = ["Gauges upstream show a rise about six hours before it reaches the lower beats.",
          "Coloured water after rain fishes better with larger, brighter flies than usual.",
          "A falling river after a spate is the best time of the season for sea trout."]


def body() -> str:
    return "".join(f"<p>Paragraph {i} of the guide explains how the gauge at Holme Bridge and the colour of "
                   f"the water tell an angler where the fish will hold, point {i} of it.</p>" for i in range(8))


def box(title: str = "Key takeaways", items: str | None = None) -> str:
    items = items if items is not None else "".join(f"<li>{p}</li>" for p in POINTS)
    return f"<div class='takeaways-box'><h3>{title}</h3><ul>{items}</ul></div>"


def page(before_body: str) -> str:
    return (f"<!DOCTYPE html><html><head><title>{TITLE} | Tarn Valley Anglers</title>"
            f"<meta property='og:title' content='{TITLE}'></head><body>"
            f"<main><article><header class='entry-header'><h1>{TITLE}</h1>"
            "<div class='byline'><span class='author'>By Ann Lowe</span> <time>3 May 2026</time></div>"
            f"{before_body}</header><div class='entry-content'>{body()}</div></article></main>"
            "<footer><p>Tarn Valley Anglers, a club for the rivers of the valley.</p></footer></body></html>")


def test_a_key_points_box_beside_the_byline_is_put_back_in_front_of_the_body():
    text = extract(page(box()), URL).text
    at = [text.find(s) for s in ["Key takeaways", *POINTS, "Paragraph 0 of the guide"]]
    assert all(i >= 0 for i in at) and at == sorted(at), text[:400]
    assert "By Ann Lowe" not in text


def test_the_keypoints_stage_switched_off_loses_the_box(monkeypatch):
    import archiver.extraction as ex
    monkeypatch.setattr(ex, "find_keypoints", lambda root, title: [])
    assert POINTS[0] not in extract(page(box()), URL).text


def test_teasers_and_titles_that_only_mention_a_summary_are_no_box():
    linked = "".join(f"<li><a href='/guides/{i}'>{p}</a></li>" for i, p in enumerate(POINTS))
    for html in (box(items=linked),  # a list of teaser links
                 box(title="A summary of the new bylaws for anglers"),  # not the label alone
                 box(items="<li>Short.</li><li>Also short.</li>")):  # too little to sum anything up
        root = lxml_html.fromstring(f"<html><body>{html}{body()}</body></html>")
        assert find_keypoints(root, PATTERN) == [], html[:80]


def test_restore_keypoints_places_the_box_and_leaves_a_read_one_alone():
    root = lxml_html.fromstring(f"<html><body><p>A standfirst about the river this spring and its levels.</p>"
                                f"{box('TL;DR:')}<div>{body()}</div></body></html>")
    (found,) = find_keypoints(root, PATTERN)
    assert found.title == "TL;DR:" and found.lines == tuple(f"- {p}" for p in POINTS)
    lines = [" ".join(p.text_content().split()) for p in root.iter("p")]
    out, added = restore_keypoints(lines[1:], [found])  # nothing kept before it: in front of what follows
    assert out == ["TL;DR:", *found.lines, *lines[1:]] and added == ["TL;DR:", *found.lines]
    out, _ = restore_keypoints(lines, [found])  # after the kept line before it
    assert out == [lines[0], "TL;DR:", *found.lines, *lines[1:]]
    kept = [*lines, f"- {POINTS[1]}"]
    assert restore_keypoints(kept, [found]) == (kept, [])
