"""``archiver why URL WORDS --until TIME``: the page as it stood then, not only the latest capture.

A researcher asking why a sentence is missing from an article's capture of last Tuesday got the
answer for the latest capture only (where an edit may have put the sentence back, or taken more out).
"""
from __future__ import annotations

import json

from archivekit import article, http_response, write_warc
from sitekit import run_archiver

URL = "http://www.harbour-post.test/story"
KEPT = [f"Paragraph {n} of the harbour story, about the ferry timetable and the new pier." for n in range(4)]
CORRECTION = "Correction: an earlier version of this story gave the wrong date for the vote."


def archive(tmp_path):
    records = [http_response(URL, article("Harbour story", KEPT), date="2026-11-10T09:00:00Z"),
               http_response(URL, article("Harbour story", [*KEPT, CORRECTION]), date="2026-11-20T09:00:00Z")]
    warc = write_warc(tmp_path / "news.warc.gz", records)
    done = run_archiver("extract", str(warc), "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                        "--progress", "never", "--jobs", "1", cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return ["--warcs", str(tmp_path / "warcs"), "--clean", str(tmp_path / "clean")]


def why(tmp_path, flags, *args):
    proc = run_archiver("why", URL, *args, *flags, cwd=tmp_path, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_until_reads_the_capture_of_that_time(tmp_path):
    flags = archive(tmp_path)
    latest = json.loads(why(tmp_path, flags, "wrong date", "--format", "json").stdout)
    assert latest["in_article"] and latest["fetched_at"].startswith("2026-11-20")
    then = why(tmp_path, flags, "wrong date", "--until", "2026-11-15", "--format", "json")
    assert then.returncode == 1, then.stdout + then.stderr
    answer = json.loads(then.stdout)
    assert answer["fetched_at"].startswith("2026-11-10") and not answer["in_article"] and answer["on_page"] is False
    day = json.loads(why(tmp_path, flags, "wrong date", "--until", "2026-11-20", "--format", "json").stdout)
    assert day["fetched_at"].startswith("2026-11-20")  # a date alone is its whole day


def test_until_before_any_capture_or_bad_is_a_usage_error(tmp_path):
    flags = archive(tmp_path)
    early = why(tmp_path, flags, "harbour", "--until", "2026-11-01")
    assert early.returncode == 2 and "up to --until 2026-11-01" in early.stderr and "2 captures" in early.stderr
    bad = why(tmp_path, flags, "harbour", "--until", "last tuesday")
    assert bad.returncode == 2 and "ISO 8601" in bad.stderr
