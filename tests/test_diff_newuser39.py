"""A new user's walk, session 39 (nu39): a researcher comparing how a set of articles changed, with the page
account (``why``), ``diff``, ``history`` and ``search``, over news sites served on loopback (127.0.39.x), two
captures each (``run``, then ``run --refresh`` after the sites changed), real WARCs and a real catalog.

- A Chinese article whose one figure was corrected (``2029年`` to ``2030年``) was read by ``history`` as "not the
  article (a paywall, login or consent page ...)": ``\\w+`` took each clause of Chinese for one word, so one changed
  character changed most word 3-shingles; the edit was no version, exit 0, and the watch (same judge) said nothing.
  Chinese and Japanese characters are now words of their own (``archiver/cjk.py``) in the diff, the judge, ``why``
  and ``search``.
- ``search 大桥`` found nothing in a page reading ``港口大桥明年三月开工`` (FTS5's unicode61 keeps the run as one
  token); the index's ``alt`` column now holds such text spaced, an older index is mended at the next search.
- ``why URL 2029`` / ``why URL 大桥`` said "not on the page" of that same article.
- ``archiver diff clean/ clean-monday/`` (a copy of the clean folder, the natural "before" of a researcher)
  paired every file by content though both sides' sidecars name the URL: an article rewritten past the pairing
  threshold came out ``unpaired`` plus ``missing`` instead of ``content-changed``.
- A rewritten headline ("Mayor quits after funding row" -> "Mayor resigns amid row over sports funding") was two
  changes, the second ``funding [-row-]`` (a word seemingly cut): the word in common between them was not folded
  into one change because the check looked one token past a deletion, into the next paragraph.
"""
from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from sitekit import Response, Site, run_archiver, write_list

NEWS, PAPER = "news.nu39.test", "paper.nu39.test"


def _page(title: str, paras: list[str], lang: str = "en", views: int = 1234, ad: str = "Buy Phone X now") -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            '<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>'
            f'</header><div class="ad-slot advertisement">{ad}</div><main><article><h1>{title}</h1>'
            f'<span class="view-count">{views:,} views</span>{body}</article>'
            '<aside class="related-stories"><h2>Related stories</h2><ul><li><a href="/r1">Storm closes schools</a>'
            '</li><li><a href="/r2">Markets rally</a></li></ul></aside></main>'
            '<footer><p>Copyright 2026 The Courier. All rights reserved.</p></footer></body></html>')


def _zh(version: int) -> str:
    year = "2029" if version == 0 else "2030"
    return _page("港口大桥明年三月开工", [f"港务局星期四宣布，新的港口大桥将于明年三月开工。大桥预计于{year}年通车。",
                                    "当地商户对该计划表示欢迎，称旧的渡轮航线已经不可靠。"], lang="zh")


_LEAD = "The city council approved plans for a new central library on Tuesday, with a vote of 31 to 12."
_REWRITE = [["The library will replace the current building, which has suffered from leaks for a decade.",
             "Construction is due to start next spring and should take about two years to finish.",
             "Councillors from the opposition said the cost of the project had not been explained."],
            ["Residents packed the public gallery and cheered as the result of the vote was announced.",
             "A spokesman for the mayor said the design would be put out to a public competition in January.",
             "Campaigners who had fought to save the branch libraries said they would keep up the pressure."]]


def _library(version: int) -> str:
    title = "Council approves new library" if version == 0 else "Library vote: a long fight ends in the chamber"
    return _page(title, [_LEAD, *_REWRITE[version]], views=1234 + 877 * version)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Two captures of each article: the sites changed between ``run`` and ``run --refresh``; ``clean-v0`` is the
    clean folder as it stood after the first run (copied, as a researcher keeps a snapshot)."""
    root = tmp_path_factory.mktemp("nu39")
    state = {"v": 0}
    site = Site(root / "site")
    news, paper = site.host(NEWS, address="127.0.39.2"), site.host(PAPER, address="127.0.39.3")
    paper.route("/zh", lambda req: Response(body=_zh(state["v"])))
    paper.route("/el", lambda req: Response(body=_page("Νέα γέφυρα στο λιμάνι", [
        "Οι ειδήσεις της ημέρας: η κατασκευή της νέας γέφυρας στο λιμάνι θα ξεκινήσει τον Μάρτιο.",
        "Η γέφυρα αναμένεται να ανοίξει το 2029, ανακοίνωσε η λιμενική αρχή."], lang="el")))
    paper.route("/ar", lambda req: Response(body=_page("بدء العمل على جسر الميناء", [
        "أعلنت هيئة الميناء يوم الخميس أن العمل على الجِسْر الجديد سيبدأ في مارس.",
        "ومن المتوقع أن يفتح الجسر أمام حركة المرور في عام 2029."], lang="ar")))
    news.route("/mayor", lambda req: Response(body=_page(
        ["Mayor quits after funding row", "Mayor resigns amid row over sports funding"][state["v"]],
        ["The mayor of Eastport resigned on Friday after weeks of dispute over money promised to local sports clubs.",
         "In a short statement she said the city council needed a fresh start and would not stand again."])))
    news.route("/library", lambda req: Response(body=_library(state["v"])))
    bridge = ["Work on the new harbour bridge will begin in March, the port authority announced on Thursday.",
              "The bridge, which will carry two lanes of traffic and a cycle path, is expected to open in 2029.",
              "Local businesses welcomed the plan, saying the old ferry link had become unreliable."]
    news.route("/harbour", lambda req: Response(body=_page(
        "Work on harbour bridge to begin in March", bridge, views=1234 + 877 * state["v"],
        ad=["Buy Phone X now", "Holiday flights from 49 EUR"][state["v"]])))
    site.start()
    try:
        urls = {"zh": paper.url("/zh"), "el": paper.url("/el"), "ar": paper.url("/ar"), "library": news.url("/library"), "mayor": news.url("/mayor"), "harbour": news.url("/harbour")}
        lst = write_list(root / "urls.txt", list(urls.values()))
        flags = ["--delay", "0", "--progress", "never", "--retries", "0", *site.client_flags()]
        first = run_archiver("run", lst, *flags, cwd=root, timeout=600)
        assert first.returncode == 0, first.stdout + first.stderr
        shutil.copytree(root / "clean", root / "clean-v0")
        state["v"] = 1
        second = run_archiver("run", lst, "--refresh", *flags, cwd=root, timeout=600)
        assert second.returncode == 0, second.stdout + second.stderr
    finally:
        site.stop()
    return root, urls


def test_history_reads_a_corrected_figure_in_a_chinese_article_as_an_edit(archive):
    root, urls = archive
    out = run_archiver("history", urls["zh"], cwd=root)
    assert "not the article" not in out.stdout, out.stdout
    assert out.returncode == 1, out.stdout + out.stderr
    assert "2 captures, 2 versions" in out.stdout
    assert "content replaced: " in out.stdout and "[-2029-]{+2030+}" in out.stdout, out.stdout
    data = json.loads(run_archiver("history", urls["zh"], "--format", "json", cwd=root).stdout)
    assert [c["version"] for c in data["captures"]] == [1, 2] and data["pairs"][0]["class"] == "content-changed"


def test_a_rewritten_headline_is_one_change_not_two(archive):
    root, urls = archive
    out = run_archiver("history", urls["mayor"], cwd=root)
    assert out.returncode == 1, out.stdout + out.stderr
    changes = [line.strip() for line in out.stdout.splitlines() if line.strip().startswith("content ")]
    assert changes == ["content replaced: …Mayor [-quits after funding row-]{+resigns amid row over sports funding+}"
                       " ¶ The mayor of Eastport resigned on Friday after…"], out.stdout


def test_an_unchanged_article_with_new_ads_and_counters_has_one_version(archive):
    root, urls = archive
    out = run_archiver("history", urls["harbour"], cwd=root)
    assert out.returncode == 0 and "2 captures, 1 version" in out.stdout, out.stdout + out.stderr


def test_search_finds_a_chinese_word_inside_a_run_of_characters(archive):
    root, _ = archive
    for query, expect in (("大桥", "[大桥]"), ("通车", "[通车]"), ('"大桥预计"', "[大桥预计]")):
        out = run_archiver("search", query, cwd=root)
        assert out.returncode == 0, (query, out.stdout + out.stderr)
        assert "港口大桥明年三月开工" in out.stdout and expect in out.stdout, (query, out.stdout)
    only_old = json.loads(run_archiver("search", "2029年", "--format", "json", cwd=root).stdout)
    hit = only_old["hits"][0] if isinstance(only_old, dict) else only_old[0]
    assert hit["versions"] == 1 and hit["all_versions"] == 2 and hit["in_latest"] is False, hit
    assert run_archiver("search", "桥梁", cwd=root).returncode == 1  # characters not in a row are not a word


def test_search_mends_an_index_made_before_chinese_characters_were_words(archive, tmp_path):
    root, _ = archive
    copy = tmp_path / "copy"
    shutil.copytree(root / "warcs", copy / "warcs")
    shutil.copytree(root / "clean", copy / "clean")
    db = copy / "warcs" / "catalog.sqlite3"
    with sqlite3.connect(db) as conn:  # as an archiver before this session left it: no spaced copy, no marker
        conn.execute("UPDATE search_text SET alt = NULL")
        conn.execute("DROP TABLE search_alt_mended")
    out = run_archiver("search", "大桥", cwd=copy)
    assert out.returncode == 0 and "[大桥]" in out.stdout, out.stdout + out.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT mended FROM search_alt_mended").fetchall() == [(4,)]  # the two Chinese versions, the Greek and the Arabic


def test_search_finds_greek_and_arabic_words_typed_with_or_without_their_marks(archive):
    root, urls = archive
    # (query, URL it must find): Greek typed without its tonos, and with it; Arabic typed without the page's
    # harakat (as a reader types), and with harakat the page does not write
    for query, url in (("ειδησεις", urls["el"]), ("ΕΙΔΗΣΕΙΣ", urls["el"]), ("ειδήσεις", urls["el"]),
                       ('"νεας γεφυρας"', urls["el"]), ("الجسر الجديد", urls["ar"]), ("الجِسْر", urls["ar"]),
                       ('"يفتح الجِسر"', urls["ar"])):
        out = run_archiver("search", query, "--format", "json", cwd=root)
        assert out.returncode == 0, (query, out.stdout + out.stderr)
        assert [h["url"] for h in json.loads(out.stdout)["hits"]] == [url], (query, out.stdout)
    greek = run_archiver("search", "ειδησεις", cwd=root).stdout
    assert "[ειδήσεις]" in greek, greek  # the page's own word marked
    assert run_archiver("search", "γεφυρες", cwd=root).returncode == 1  # another word stays another word


def test_why_finds_words_in_a_chinese_article_and_in_its_earlier_version(archive):
    root, urls = archive
    here = run_archiver("why", urls["zh"], "大桥", cwd=root)
    assert here.returncode == 0 and "in the article: " in here.stdout, here.stdout + here.stderr
    gone = json.loads(run_archiver("why", urls["zh"], "2029", "--format", "json", cwd=root).stdout)
    assert gone["places"] == [] and gone["earlier"] is not None, gone


def test_diff_against_a_copied_clean_folder_pairs_by_the_sidecars_urls(archive):
    root, urls = archive
    out = run_archiver("diff", "clean", "clean-v0", "--format", "json", cwd=root)
    assert out.returncode == 1, out.stdout + out.stderr
    pairs = json.loads(out.stdout)
    by_url = {p.get("url"): p for p in pairs}
    assert {p["class"] for p in pairs} == {"identical", "content-changed"}, pairs
    # the library article, rewritten past the content-pairing threshold, is one changed pair, not unpaired + missing
    assert len(pairs) == 6 and by_url[urls["library"]].get("paired_by") == "url", pairs
    text = run_archiver("diff", "clean", "clean-v0", cwd=root).stdout
    assert "missing" not in text.splitlines()[0] and "unpaired" not in text.splitlines()[0], text
