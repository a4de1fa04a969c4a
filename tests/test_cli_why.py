"""``archiver why URL WORDS``: where words of a captured page went (article, or which rule removed
them from which region), on a page fetched from a loopback server into a real catalog."""
from __future__ import annotations

import json
from pathlib import Path

from archivekit import article, paras
from sitekit import Response, Site, run_archiver, write_list

PAGE = article("Harbour bridge reopens", paras("Harbour")).replace(
    "<body>", "<body><a class=\"skip-link\" href=\"#main\">Skip to main content</a>", 1)


def fetched(site: Site, tmp_path: Path) -> tuple[str, list[str]]:
    host = site.host("www.example-news.test", address="127.0.0.213")
    host.route("/story/", Response(body=PAGE))
    site.start()
    lst = write_list(tmp_path / "urls.txt", [host.url("/story/")])
    done = run_archiver("run", lst, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--delay", "0",
                        "--retries", "0", "--jobs", "1", "--progress", "never", *site.client_flags(), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    return host.url("/story/"), ["--warcs", str(tmp_path / "warcs"), "--clean", str(tmp_path / "clean")]


def test_why_says_where_words_went(site: Site, tmp_path: Path):
    url, flags = fetched(site, tmp_path)
    footer = run_archiver("why", url, "example", "NEWS company", *flags, cwd=tmp_path)
    assert footer.returncode == 0, footer.stdout + footer.stderr
    assert "removed: dom/footer-outside-article: " in footer.stdout, footer.stdout
    assert "Copyright the example news company" in footer.stdout
    assert "in the article" not in footer.stdout

    body = run_archiver("why", url, "harbour paragraph 2", *flags, cwd=tmp_path)
    assert body.returncode == 0 and "in the article: Harbour paragraph 2" in body.stdout, body.stdout

    missing = run_archiver("why", url, "zebra", "crossing", *flags, cwd=tmp_path)
    assert missing.returncode == 1 and "not on the page" in missing.stdout, missing.stdout + missing.stderr

    # the URL as a browser's address bar shows it: no scheme, no trailing slash; JSON for scripts
    bare = url.removeprefix("http://").rstrip("/")
    answer = run_archiver("why", bare, "skip to main", "--format", "json", *flags, cwd=tmp_path)
    assert answer.returncode == 0, answer.stdout + answer.stderr
    data = json.loads(answer.stdout)
    assert data["on_page"] and not data["in_article"] and data["capture_id"] == 1
    [place] = data["places"]
    assert place["where"] == "removed" and place["line"] == "Skip to main content" and place["rule"], place


def test_why_without_a_capture_or_words_is_a_usage_error(site: Site, tmp_path: Path):
    url, flags = fetched(site, tmp_path)
    never = run_archiver("why", url + "other", "word", *flags, cwd=tmp_path)
    assert never.returncode == 2 and "no captures of" in never.stderr, never.stderr
    nothing = run_archiver("why", *flags, url, "--", "...", cwd=tmp_path)
    assert nothing.returncode == 2 and "no words" in nothing.stderr and "Traceback" not in nothing.stderr


def test_not_on_the_page_only_with_the_account_marker(site: Site, tmp_path: Path):
    """A sidecar says it holds the full page account (``page_account``); without it (a sidecar an
    archiver before 2026-12-01 wrote, which may list only what rules removed) why does not say
    "not on the page" but names the command that extracts the capture again, and that command
    works. On main such a sidecar holding no extractor entries got a note, one holding some was
    taken for a full account, and neither named a command that works on one capture."""
    url, flags = fetched(site, tmp_path)
    [sidecar] = (tmp_path / "clean").rglob(".versions/*/capture-1.json")
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    assert data["page_account"] == 1
    answer = json.loads(run_archiver("why", url, "zebra", "--format", "json", *flags, cwd=tmp_path).stdout)
    assert answer["has_account"] and answer["page_account"] == 1 and answer["on_page"] is False

    del data["page_account"]  # as written before the marker
    sidecar.write_text(json.dumps(data), encoding="utf-8")
    hedged = run_archiver("why", url, "zebra", *flags, cwd=tmp_path)
    assert hedged.returncode == 1 and "not on the page:" not in hedged.stdout, hedged.stdout
    [command] = [c for c in hedged.stdout.split("'") if c.startswith("archiver extract --all ")]
    warc = command.removeprefix("archiver extract --all ")
    assert Path(warc).name.startswith("archiver-") and Path(warc).is_file(), command
    answer = json.loads(run_archiver("why", url, "zebra", "--format", "json", *flags, cwd=tmp_path).stdout)
    assert not answer["has_account"] and answer["on_page"] is None, answer

    again = run_archiver("extract", "--all", warc, *flags, "--jobs", "1", "--progress", "never", cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    plain = run_archiver("why", url, "zebra", *flags, cwd=tmp_path)
    assert plain.returncode == 1 and "not on the page: in neither" in plain.stdout, plain.stdout
