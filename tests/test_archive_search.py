"""``archiver search``: FTS5 over every clean text version, kept in step by extraction; hostile queries are text."""
from __future__ import annotations

import json

import pytest
from archivekit import article, http_response, rows, write_warc
from sitekit import run_archiver

from archiver.search_query import fts_query

FILL = "The committee will publish its findings in a report later this year, officials said on Thursday."


def body(*sentences: str) -> list[str]:
    return [f"{s} {FILL}" for s in sentences] + [f"Background paragraph {i}. {FILL}" for i in range(3)]


PAGES = {
    # many harbour mentions: most relevant for "harbour"
    "harbour-plan": ("Harbour plan approved", body("The harbour plan covers the harbour wall and harbour lights.",
                                                  "Harbour fees will rise.")),
    "bridge": ("The old bridge reopens", body("The old bridge reopened on Monday after repairs.",
                                             "One harbour boat passed under it.")),
    "bridge-words": ("Bridge news", body("A bridge that is old is not always the old bridge people mean.",
                                         "Engineers inspected the structure.")),
    "ferries": ("Ferries return", body("Quokkaesque ferries cross the strait again.",
                                      "Timetables are online.")),
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("search")
    records = [http_response(f"http://www.example-news.test/{slug}", article(title, paragraphs),
                             date=f"2026-11-0{n + 1}T09:00:00Z")
               for n, (slug, (title, paragraphs)) in enumerate(PAGES.items())]
    # a second capture of the ferry page with changed text: both versions are searchable
    changed = article("Ferries return", body("Platypus-shaped ferries cross the strait again.", "Timetables are online."))
    records.append(http_response("http://www.example-news.test/ferries", changed, date="2026-11-20T09:00:00Z"))
    warc = write_warc(root / "news.warc.gz", records)
    done = run_archiver("extract", str(warc), "--warcs", root / "warcs", "--clean", root / "clean",
                        "--progress", "never", "--jobs", "2", cwd=root, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return root


def search(root, *query: str, fmt: str = "json"):
    proc = run_archiver("search", *query, "--warcs", root / "warcs", "--clean", root / "clean", "--format", fmt,
                        cwd=root, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def hits(root, *query: str) -> list[dict]:
    proc = search(root, *query)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)["hits"]


def slug(hit: dict) -> str:
    return hit["url"].rsplit("/", 1)[-1]


def test_ranked_by_relevance_with_url_time_and_snippet(archive):
    found = hits(archive, "harbour")
    assert [slug(h) for h in found] == ["harbour-plan", "bridge"]
    top = found[0]
    assert top["captured_at"] == "2026-11-01T09:00:00Z" and top["title"] == "Harbour plan approved"
    assert "[harbour]" in top["snippet"].lower() and top["score"] < found[1]["score"]
    text = search(archive, "harbour", fmt="text")
    assert text.returncode == 0 and "http://www.example-news.test/harbour-plan" in text.stdout


def test_phrase_prefix_and_every_version(archive):
    assert {slug(h) for h in hits(archive, '"old bridge"')} == {"bridge", "bridge-words"}
    phrase = hits(archive, '"old bridge reopened"')
    assert [slug(h) for h in phrase] == ["bridge"]  # the other page has the words, not the phrase
    assert {slug(h) for h in hits(archive, "bridge", "old")} == {"bridge", "bridge-words"}
    assert [slug(h) for h in hits(archive, "quokka*")] == ["ferries"]
    assert hits(archive, "quokka") == []  # a whole word, not a prefix
    # both versions of the ferry page: each with the time of its own capture
    assert [h["captured_at"] for h in hits(archive, "platypus")] == ["2026-11-20T09:00:00Z"]
    assert [h["captured_at"] for h in hits(archive, "quokkaesque")] == ["2026-11-04T09:00:00Z"]
    # the ferry page's two versions are one hit: its newest version shown, the times of both captures
    both = hits(archive, "timetables")
    assert [slug(h) for h in both] == ["ferries"], both
    assert (both[0]["versions"], both[0]["all_versions"], both[0]["captures"], both[0]["in_latest"]) == (2, 2, 2, True)
    assert both[0]["captured_at"] == "2026-11-04T09:00:00Z" and both[0]["last_captured_at"] == "2026-11-20T09:00:00Z"
    assert "Platypus" in both[0]["snippet"] or "[Timetables]" in both[0]["snippet"]


def test_a_hit_in_an_older_version_says_the_latest_capture_no_longer_has_the_words(archive):
    """Each version was a hit of its own: the ferry page was listed twice for words both versions have, and
    a hit in the first version read as words the page still had ("Quokkaesque" was edited out)."""
    gone = hits(archive, "quokkaesque")
    assert len(gone) == 1 and gone[0]["in_latest"] is False, gone
    assert (gone[0]["versions"], gone[0]["all_versions"], gone[0]["captures"]) == (1, 2, 1)
    assert gone[0]["latest_captured_at"] == "2026-11-20T09:00:00Z"
    now = hits(archive, "platypus")
    assert len(now) == 1 and now[0]["in_latest"] is True and (now[0]["versions"], now[0]["all_versions"]) == (1, 2)
    shown = search(archive, "quokkaesque", fmt="text")
    assert ("1 of 2 versions hold these words; the latest capture (2026-11-20T09:00:00Z) does not"
            in shown.stdout), shown.stdout
    assert "versions hold" not in search(archive, "timetables", fmt="text").stdout  # every version holds them


# The queries above that hold no letter, digit or private-use character (no FTS5 unicode61 token), written out
# rather than taken from fts_query, the function under test (review60).
NO_WORD = {'"', '""', '"""', "'", "*", "-", "^", "(", ")", ":", "\\", "%", "\u200b", "\U0001f600 \u2603", "\x01\x7f"}


@pytest.mark.parametrize("query", [
    '"', '""', '"""', "'", "*", "-", "^", "(", ")", "NEAR(", "AND", "OR NOT", ":", "col:harbour'",
    "harbour\" OR \"1\"=\"1", "'); DROP TABLE captures; --", '"unbalanced phrase', "title:*", "{harbour}",
    "\\", "%", "harbour NOT harbour", "\u200b", "\U0001f600 \u2603", "\x01\x7f",
])
def test_hostile_queries_are_text_not_syntax(archive, query):
    proc = search(archive, query)
    if query in NO_WORD:  # no word in it: refused as an empty query is (hostile round 42, NO_WORD_REFUSED)
        assert proc.returncode == 2 and "holds none" in proc.stderr and proc.stdout == "", (query, proc.stderr)
    else:
        assert proc.returncode in (0, 1), (query, proc.stderr)
        found = json.loads(proc.stdout)["hits"]
        if not any(c.isalnum() for c in query):
            assert found == []
    assert rows(archive / "warcs" / "catalog.sqlite3", "SELECT COUNT(*) FROM captures")[0][0] == 5


def test_query_quoting_unit():
    assert fts_query("harbour plan") == '"harbour" AND "plan"'
    assert fts_query('"old bridge"') == '"old bridge"'
    assert fts_query("quok*") == '"quok"*'
    assert fts_query("don't") == '"don t"'
    assert fts_query('" * ( ) ^ : -') is None
    assert fts_query('x" OR') == '"x" AND "OR"'  # an operator word is a word like any other
    assert fts_query('NEAR(a b)') == '"NEAR a" AND "b"'  # a token split by punctuation is a phrase, as FTS5 splits text
    assert fts_query("\0\0") is None and fts_query("") is None


def test_index_follows_reextraction(archive):
    before = hits(archive, "harbour")
    again = run_archiver("extract", "--all", "--warcs", archive / "warcs", "--clean", archive / "clean",
                         "--progress", "never", "--jobs", "1", cwd=archive, timeout=600)
    assert again.returncode == 0, again.stderr
    assert hits(archive, "harbour") == before  # no duplicate versions
    versions = rows(archive / "warcs" / "catalog.sqlite3", "SELECT COUNT(*) FROM search_versions")[0][0]
    assert versions == 5


def test_a_limit_that_cuts_the_hits_says_more_match(archive):
    """'--limit 1' over two hits said 'search: 1 hit for ...': now the first hits are said to be the first."""
    def run(*args: str):
        return run_archiver("search", '"old bridge"', "--warcs", archive / "warcs", "--clean", archive / "clean",
                            *args, cwd=archive, timeout=300)

    cut = run("--limit", "1")
    assert cut.returncode == 0 and cut.stdout.count("\n1. ") + cut.stdout.startswith("1. ") == 1, cut.stdout
    assert "search: the first 1 hit for '\"old bridge\"'; more match (--limit 1: give a larger --limit" in cut.stderr
    whole = run("--limit", "2")
    assert whole.returncode == 0 and "search: 2 hits for '\"old bridge\"'\n" in whole.stderr, whole.stderr
    assert json.loads(run("--limit", "1", "--format", "json").stdout)["more"] is True
    assert json.loads(run("--limit", "2", "--format", "json").stdout)["more"] is False


def test_text_snippet_is_one_line_even_across_paragraphs(archive):
    """A snippet that spans a paragraph break held the clean text's blank line, so a hit's third line
    broke in two in the terminal listing; the text format shows it on one line (JSON keeps the text)."""
    raw = hits(archive, "Timetables")[0]["snippet"]
    assert "\n" in raw  # the match opens a paragraph: the snippet reaches back across the break
    shown = search(archive, "Timetables", fmt="text")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert len(lines) % 3 == 0 and all(line.startswith("   ") for line in lines[2::3]), lines
    assert " ".join(raw.split()) in shown.stdout


def test_captures_not_yet_extracted_are_said_not_silently_missed(tmp_path):
    """After 'archiver fetch' or 'archiver import' without 'extract' (or a reindex), search answered
    '0 hits' and exit 1 as if the words were not in the archive; it now says how many captures
    have no text yet and what to run. Once extracted, the note goes and the hit comes."""
    warc = write_warc(tmp_path / "news.warc.gz", [http_response(
        "http://www.example-news.test/ferries", article(*PAGES["ferries"]), date="2026-11-04T09:00:00Z")])
    flags = ("--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean")
    assert run_archiver("import", str(warc), *flags[:2], cwd=tmp_path).returncode == 0
    before = run_archiver("search", "ferries", *flags, cwd=tmp_path)
    assert before.returncode == 1, before.stderr
    assert "1 capture is not extracted yet" in before.stderr and "archiver extract" in before.stderr, before.stderr
    done = run_archiver("extract", *flags, "--progress", "never", "--jobs", "1", cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    after = run_archiver("search", "ferries", *flags, cwd=tmp_path)
    assert after.returncode == 0 and "not extracted" not in after.stderr, after.stderr
    assert "search: 1 hit for 'ferries'" in after.stderr, after.stderr
