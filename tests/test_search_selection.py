"""``archiver search --host/--since/--until``: only the text of the selected captures is searched.

The filter works inside the ranking (a host's hits are not crowded out by other hosts' better-ranked
ones under ``--limit``), and a hit's capture times and count are those of its selected captures.
"""
from __future__ import annotations

import json

import pytest
from archivekit import article, http_response, write_warc
from sitekit import run_archiver
from test_archive_search import hits, search

FILL = "The council will publish its findings in a report later this year, officials said on Thursday."


def body(*sentences: str) -> list[str]:
    return [f"{s} {FILL}" for s in sentences] + [f"Background paragraph {i}. {FILL}" for i in range(3)]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("searchsel")
    records = []
    # five pages on the harbour site that mention the tram often: they outrank the river site's page
    for n in range(5):
        records.append(http_response(f"http://harbour-news.test/tram-{n}",
                                     article(f"Tram plan part {n}", body("The tram, the tram depot and tram fares.",
                                                                         "Tram stops move.")),
                                     date=f"2026-11-0{n + 1}T09:00:00Z"))
    river = article("River town", body("One tram line may reach the river town.", "Boats are moored."))
    # the same text captured twice: in November and in December
    records.append(http_response("http://river-post.test/town", river, date="2026-11-10T09:00:00Z"))
    records.append(http_response("http://river-post.test/town", river, date="2026-12-02T09:00:00Z"))
    warc = write_warc(root / "news.warc.gz", records)
    done = run_archiver("extract", str(warc), "--warcs", root / "warcs", "--clean", root / "clean",
                        "--progress", "never", "--jobs", "1", cwd=root, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return root


def test_host_filter_is_applied_before_the_limit(archive):
    unfiltered = hits(archive, "tram", "--limit", "3")
    assert all("harbour-news.test" in h["url"] for h in unfiltered)  # the river page ranks below them
    found = hits(archive, "tram", "--host", "river-post.test", "--limit", "1")
    assert [h["url"] for h in found] == ["http://river-post.test/town"]
    assert found[0]["captures"] == 2
    assert {h["url"].split("/")[2] for h in hits(archive, "tram", "--host", "harbour-news.test")} == {"harbour-news.test"}


def test_time_range_counts_only_selected_captures(archive):
    found = hits(archive, "river", "--since", "2026-12-01")
    assert len(found) == 1
    assert found[0]["captures"] == 1 and found[0]["captured_at"].startswith("2026-12-02")
    november = hits(archive, "tram", "--until", "2026-11-02")
    assert sorted(h["url"] for h in november) == ["http://harbour-news.test/tram-0", "http://harbour-news.test/tram-1"]
    assert hits(archive, "river", "--since", "2027-01-01") == []


def test_bad_times_are_usage_errors(archive):
    proc = search(archive, "tram", "--since", "2026-13-01")
    assert proc.returncode == 2 and "--since" in proc.stderr and "ISO 8601" in proc.stderr
    proc = search(archive, "tram", "--since", "2026-12-02", "--until", "2026-12-01")
    assert proc.returncode == 2 and "after --until" in proc.stderr


def test_environment_variable_selects_too(archive):
    proc = run_archiver("search", "tram", "--warcs", archive / "warcs", "--clean", archive / "clean",
                        "--format", "json", cwd=archive, timeout=300, env={"ARCHIVER_HOST": "river-post.test"})
    assert proc.returncode == 0, proc.stderr
    assert [h["url"] for h in json.loads(proc.stdout)["hits"]] == ["http://river-post.test/town"]
