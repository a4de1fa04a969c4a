"""``archiver history URL``: versions of a URL's clean text across captures, and the changes.

The end-to-end test runs the real pipeline: a loopback server whose page
changes one paragraph between the first and second fetch, ``archiver fetch``
and ``archiver extract`` three times, then ``archiver history``. A second test
writes catalog rows and clean files through the catalog directly, to pin the
version rules (identical texts collapse, a change back is a new version).
"""
from __future__ import annotations

import json
from pathlib import Path

from sitekit import Response, run_archiver, write_list

from archiver.catalog import Catalog

HOST = "www.history-news.test"
P1 = "Troops from the security bloc will begin leaving the country in two days, the president said on Tuesday."
P2_OLD = "The withdrawal will take no more than ten days, according to a statement read on state television."
P2_NEW = "The withdrawal will take no more than seven days, according to a statement read on state television."
P3 = "Thousands of people were detained during the unrest, which began with protests over fuel prices."


def page(second: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in (P1, second, P3))
    return (f"<!DOCTYPE html><html><head><title>Troops to leave in two days</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>Troops to leave in two days</h1>{paras}</article>"
            f"<footer>Copyright 2022 History News</footer></body></html>")


def pipeline(site, tmp: Path, list_path: Path, *extra: str) -> None:
    fetch = run_archiver("fetch", list_path, "--warcs", tmp / "warcs", "--db", tmp / "cat.db", "--delay", "0",
                         "--timeout", "20", "--retries", "1", "--progress", "never", *site.client_flags(), *extra,
                         cwd=tmp, timeout=300)
    assert fetch.returncode == 0, fetch.stdout + fetch.stderr
    extract = run_archiver("extract", "--warcs", tmp / "warcs", "--db", tmp / "cat.db", "--clean", tmp / "clean",
                           "--jobs", "1", "--progress", "never", cwd=tmp, timeout=300)
    assert extract.returncode == 0, extract.stdout + extract.stderr


def test_history_of_a_page_that_changed_once_then_stayed(site, tmp_path):
    news = site.host(HOST)
    news.route("/article", lambda req: Response(body=page(P2_OLD if req.hit == 1 else P2_NEW)))
    site.start()
    url = news.url("/article")
    list_path = write_list(tmp_path / "urls.txt", [url])
    pipeline(site, tmp_path, list_path)
    pipeline(site, tmp_path, list_path, "--refresh")
    pipeline(site, tmp_path, list_path, "--refresh")  # same page again: no new version

    args = ("history", url, "--db", tmp_path / "cat.db", "--clean", tmp_path / "clean")
    proc = run_archiver(*args, "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr  # a content change between versions
    doc = json.loads(proc.stdout)
    assert len(doc["captures"]) == 3
    assert [c["version"] for c in doc["captures"]] == [1, 2, 2]
    assert len(doc["versions"]) == 2
    [step] = doc["pairs"]
    assert step["class"] == "content-changed"
    content = [(c["kind"], c["old"], c["new"]) for c in step["changes"] if c["class"] == "content"]
    assert content == [("replaced", "ten", "seven")]

    text = run_archiver(*args, cwd=tmp_path)
    assert text.returncode == 1
    assert "3 captures, 2 versions" in text.stdout and "[-ten-]{+seven+}" in text.stdout


def _capture(catalog: Catalog, url: str, when: str) -> int:
    return catalog.add_capture({"url": url, "final_url": url, "fetched_at": when, "state": "captured",
                                "http_status": 200, "content_type": "text/html", "record_type": "response",
                                "warc_file": "x.warc.gz", "warc_offset": 0, "warc_length": 1})


def _extraction(catalog: Catalog, clean: Path, capture_id: int, url: str, text: str) -> None:
    import hashlib

    digest = hashlib.sha256(text.encode()).hexdigest()
    rel = f"news.test/.versions/a/{digest[:16]}.txt"
    side = f"news.test/.versions/a/capture-{capture_id}.json"
    (clean / rel).parent.mkdir(parents=True, exist_ok=True)
    (clean / rel).write_text(text, encoding="utf-8")
    (clean / side).write_text(json.dumps({"url": url, "removed": [], "capture_id": capture_id}), encoding="utf-8")
    with catalog.conn:
        catalog.conn.execute(
            "INSERT INTO extractions (capture_id, url, host, extracted_at, text_path, json_path, title, "
            "text_digest, error) VALUES (?, ?, 'news.test', ?, ?, ?, 'T', ?, NULL)",
            (capture_id, url, "2022-01-12T00:00:00Z", rel, side, digest))


def test_versions_collapse_identical_successive_texts(tmp_path):
    from archiver.diff.history import load_history

    url = "https://news.test/a"
    clean = tmp_path / "clean"
    texts = [f"Title\n\n{P1}\n\n{P2_OLD}\n", f"Title\n\n{P1}\n\n{P2_OLD}\n",
             f"Title\n\n{P1}\n\n{P2_NEW}\n", f"Title\n\n{P1}\n\n{P2_OLD}\n", f"Title\n\n{P1}\n{P2_OLD}\n"]
    with Catalog(tmp_path / "cat.db") as catalog:
        for n, text in enumerate(texts):
            cid = _capture(catalog, url, f"2022-01-1{n}T00:00:00Z")
            _extraction(catalog, clean, cid, url, text)
        failed = _capture(catalog, url, "2022-01-19T00:00:00Z")  # captured, never extracted
        history = load_history(catalog, clean, url, classify=None)
    assert [c.version for c in history.captures] == [1, 1, 2, 3, 4, None]
    assert history.captures[-1].capture.id == failed and history.captures[-1].note == "not extracted"
    assert [s.cls for s in history.steps] == ["content-changed", "content-changed", "layout-only"]
    assert [(c.old, c.new) for c in history.steps[0].comparison.changes] == [("ten", "seven")]
    assert [(c.old, c.new) for c in history.steps[1].comparison.changes] == [("seven", "ten")]


def test_history_of_an_unknown_url_is_an_error(tmp_path):
    with Catalog(tmp_path / "cat.db"):
        pass
    proc = run_archiver("history", "https://nowhere.test/", "--db", tmp_path / "cat.db", "--clean", tmp_path)
    assert proc.returncode == 2 and "no captures" in proc.stderr


BROKEN_NOTE = "Subscribe to the morning briefing and read every story of the day before breakfast, free for a month."


def broken_page() -> str:
    """The same article, now inside the page footer: the extractor finds only a short promo as article."""
    paras = "".join(f"<p>{p}</p>" for p in (P1, P2_OLD, P3))
    return (f"<!DOCTYPE html><html><head><title>Troops to leave in two days</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>Troops to leave in two days</h1><p>{BROKEN_NOTE}</p></article>"
            f"<footer>{paras}<p>Copyright 2022 History News</p></footer></body></html>")


def test_an_extraction_that_loses_the_article_to_the_page_is_not_an_edit(site, tmp_path):
    """v1 -> v2: the article moved into the footer, which extraction removes; its words are still on
    the captured page, so the step is extraction-changed (exit 0), never content-changed. v2 -> v3:
    the article is back with one paragraph gone from the page: content-changed."""
    news = site.host(HOST)
    served = [page(P2_OLD), broken_page(), page(P2_OLD).replace(f"<p>{P3}</p>", "")]
    news.route("/article", lambda req: Response(body=served[min(req.hit, 3) - 1]))
    site.start()
    url = news.url("/article")
    list_path = write_list(tmp_path / "urls.txt", [url])
    pipeline(site, tmp_path, list_path)
    pipeline(site, tmp_path, list_path, "--refresh")
    clean_v2 = [p for p in (tmp_path / "clean").rglob("*.txt") if ".versions" not in p.parts][0]
    assert P1 not in clean_v2.read_text(encoding="utf-8")  # the extraction really lost the article

    args = ("history", url, "--db", tmp_path / "cat.db", "--clean", tmp_path / "clean", "--warcs", tmp_path / "warcs")
    proc = run_archiver(*args, "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [step] = json.loads(proc.stdout)["pairs"]
    assert step["class"] == "extraction-changed" and step["judged"] == "capture", step
    assert "still on the captured page" in step["detail"]
    text = run_archiver(*args, cwd=tmp_path)
    assert text.returncode == 0 and "extraction-changed" in text.stdout and "content-changed" not in text.stdout

    pipeline(site, tmp_path, list_path, "--refresh")
    proc = run_archiver(*args, "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    first, second = json.loads(proc.stdout)["pairs"]
    assert first["class"] == "extraction-changed" and second["class"] == "content-changed"


def test_compare_versions_is_pure_and_names_the_classes():
    from archiver.diff.evidence import evidence
    from archiver.diff.history import compare_versions
    from archiver.diff.page import html_page_text

    old = f"Title\n\n{P1}\n\n{P2_OLD}\n\n{P3}\n"
    new = f"Title\n\n{BROKEN_NOTE}\n"
    page_text = html_page_text(broken_page())
    guarded = compare_versions(old, new, evidence(page=page_text, article_text=new, classify=None))
    assert guarded.cls == "extraction-changed" and guarded.judged == "capture"
    # the same loss with the words nowhere on the page is an edit
    elsewhere = html_page_text(broken_page().replace(P1, "").replace(P2_OLD, "").replace(P3, ""))
    edited = compare_versions(old, new, evidence(page=elsewhere, article_text=new, classify=None))
    assert edited.cls == "content-changed"
    moved = compare_versions(old, f"Title\n\n{P2_OLD}\n\n{P3}\n\n{P1}\n")
    assert moved.cls == "moved" and [c.cls for c in moved.changes] == ["moved"] and moved.judged == "rules"


def test_a_version_that_brings_back_an_earlier_text_says_so(tmp_path):
    """A page served A, B, A (a stale cache) showed v1, v2, v3 in 'archiver history' while the watch
    said 'back to earlier version v1': nothing in history told that v3 was v1's text again."""
    from archiver.commands.history import render_history
    from archiver.diff.history import load_history

    url = "https://news.test/a"
    clean = tmp_path / "clean"
    texts = [f"Title\n\n{P1}\n\n{P2_OLD}\n", f"Title\n\n{P1}\n\n{P2_NEW}\n", f"Title\n\n{P1}\n\n{P2_OLD}\n",
             f"Title\n\n{P1}\n\n{P2_OLD}\n"]
    with Catalog(tmp_path / "cat.db") as catalog:
        for n, text in enumerate(texts):
            _extraction(catalog, clean, _capture(catalog, url, f"2022-01-1{n}T00:00:00Z"), url, text)
        history = load_history(catalog, clean, url, classify=None)
    assert [(c.version, c.same_as) for c in history.captures] == [(1, None), (2, None), (3, 1), (3, 1)]
    assert history.steps[1].new_label.endswith(", the text of v1 again)")
    assert history.captures[2].to_dict()["same_text_as_version"] == 1
    listing = render_history(history, "text").splitlines()
    assert [line.endswith("(the text of v1 again)") for line in listing[1:5]] == [False, False, True, True]


def test_a_report_file_that_cannot_be_written_is_a_usage_error_not_a_traceback(tmp_path):
    """'archiver history URL --output /no/such/folder/h.txt' ended in a FileNotFoundError traceback
    after the work; diff and run --compare now refuse such an --output before any work, history
    too, and a report written to a file is announced."""
    url = "https://news.test/a"
    clean = tmp_path / "clean"
    with Catalog(tmp_path / "cat.db") as catalog:
        for n, second in enumerate((P2_OLD, P2_NEW)):
            _extraction(catalog, clean, _capture(catalog, url, f"2022-01-1{n}T00:00:00Z"), url,
                        f"Title\n\n{P1}\n\n{second}\n")
    common = ("--db", tmp_path / "cat.db", "--clean", clean)
    missing = tmp_path / "no" / "such" / "h.txt"
    for args in (("history", url, *common), ("diff", clean, clean),
                 ("run", tmp_path / "urls.txt", "--compare", clean, "--warcs", tmp_path / "w", "--clean", clean)):
        done = run_archiver(*args, "--output", missing, cwd=tmp_path)
        assert done.returncode == 2, (args[0], done.stdout, done.stderr)
        assert "Traceback" not in done.stderr and f"no such folder {missing.parent}" in done.stderr, done.stderr
        folder = run_archiver(*args, "--output", tmp_path, cwd=tmp_path)
        assert folder.returncode == 2 and "is a folder" in folder.stderr, (args[0], folder.stderr)
    assert not (tmp_path / "w").exists()  # run refused before fetching
    written = run_archiver("history", url, *common, "--output", tmp_path / "h.txt", cwd=tmp_path)
    assert written.returncode == 1, written.stderr  # one content change
    assert f"report in {tmp_path / 'h.txt'}" in written.stderr and "content-changed" in (tmp_path / "h.txt").read_text()
