"""review54's findings 6, 7 and 10 on nu56 (mend56): ``archiver why`` folds a word's marks exactly as ``archiver
search`` folds them, no more (a mark on a Cyrillic, Japanese or Devanagari letter makes another word), and
``--url`` reads a URL without its scheme only when it starts with a host. Pages on a loopback server, fetched into a
real catalog and WARC files by the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sitekit import Response, Site, run_archiver, write_list

from archiver.diff import why as why_module
from archiver.selection import parse_url

# Each line holds a word whose mark makes it another word (the query below types it without the mark):
# Мой ("my", й: и with a breve), バス ("bus", バ: ハ with the voicing mark; ハス is "lotus"), Marathi वाऱ्याचा ("of
# the wind", ऱ: र with a nukta, one letter in NFC), and the Latin accent search does fold.
LINES = [
    "Мой город готовится к открытию нового моста через гавань в марте.",
    "バスは橋の工事の間、迂回路を走ります。",
    "वाऱ्याचा वेग वाढल्याने पुलाचे काम थांबवण्यात आले.",
    "Councillor Tomás Ferreira asked for a second survey of the harbour bridge.",
]
PAGE = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Bridge: four lines</title></head><body>"
        "<article><h1>Bridge: four lines</h1>" + "".join(f"<p>{line}</p>" for line in LINES) + "</article>"
        "</body></html>")

# (typed without the mark, as on the page): search finds none of the first three, so why must not either
NEGATIVE = [("мои город", "Мой город"), ("ハス", "バス"), ("वार्याचा", "वाऱ्याचा")]


def fetched(site: Site, tmp_path: Path) -> tuple[str, list[str]]:
    host = site.host("marks.mend56.test", address="127.0.57.61")
    host.route("/bridge/", Response(body=PAGE))
    site.start()
    lst = write_list(tmp_path / "urls.txt", [host.url("/bridge/")])
    done = run_archiver("run", lst, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--delay", "0",
                        "--retries", "0", "--jobs", "1", "--progress", "never", *site.client_flags(), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    return host.url("/bridge/"), ["--warcs", str(tmp_path / "warcs"), "--clean", str(tmp_path / "clean")]


def test_why_says_not_on_the_page_where_search_finds_nothing(site: Site, tmp_path: Path):
    """``archiver why URL мои`` answered "in the article" of a page saying ``Мой`` (nu56 dropped every combining
    mark, й -> и, バ -> ハ, ऱ -> र) while ``archiver search мои`` found 0 hits. Look-alike: the words as written, and
    ``Tomas`` for ``Tomás`` (a Latin accent, which search folds), are still in the article."""
    url, flags = fetched(site, tmp_path)
    for typed, written in NEGATIVE:
        found = run_archiver("search", typed, "--format", "json", *flags, cwd=tmp_path)
        assert json.loads(found.stdout or "{}").get("hits", []) == [], (typed, found.stdout + found.stderr)
        answer = run_archiver("why", url, typed, *flags, cwd=tmp_path)
        assert answer.returncode == 1 and "not on the page" in answer.stdout, (typed, answer.stdout)
        for query in (written, written.lower()):
            hit = run_archiver("search", query, "--format", "json", *flags, cwd=tmp_path)
            assert [h["url"] for h in json.loads(hit.stdout)["hits"]] == [url], (query, hit.stdout + hit.stderr)
            same = run_archiver("why", url, query, "--format", "json", *flags, cwd=tmp_path)
            assert same.returncode == 0 and json.loads(same.stdout)["in_article"], (query, same.stdout)
    tomas = run_archiver("why", url, "Tomas Ferreira", "--format", "json", *flags, cwd=tmp_path)
    assert tomas.returncode == 0 and [p["line"] for p in json.loads(tomas.stdout)["places"]] == [LINES[3]]


@pytest.mark.parametrize("typed, line", [
    ("мои", "Мой город"), ("ハス", "バスが来た"), ("かき", "がき"), ("वार्याचा", "वाऱ्याचा"), ("न", "ऩ"),
])
def test_a_mark_on_a_letter_search_keeps_is_another_word(typed: str, line: str):
    assert why_module.find_places(typed, line, []) == [], (typed, line)


@pytest.mark.parametrize("typed, line", [
    ("Tomas", "Tomás"), ("Nguyen", "Nguyễn"), ("Buergermeisterin", "Bürgermeisterin"),
    ("Burgermeisterin", "Bürgermeisterin"), ("الجسر", "الجِسْر"), ("ειδησεις", "ειδήσεις"), ("еж", "ёж"),
    ("мой", "МОЙ"), ("バス", "バス"),
])
def test_the_folds_search_makes_still_hold(typed: str, line: str):
    assert why_module.find_places(typed, line, []) != [], (typed, line)


def test_only_ascii_letters_lose_their_marks():
    assert why_module._bare("tomás") == "tomas" and why_module._bare("nguyễn") == "nguyen"
    assert why_module._bare("мой") == "мой" and why_module._bare("バス") == "バス"
    assert why_module._bare("ऱ") == "ऱ" and why_module._bare("ǿ") == "ǿ"  # ø with an acute: FTS5 keeps it too


@pytest.mark.parametrize("text", [
    "news/today", "mailto:x@www.dw.com/a/", "file:/etc/passwd", "javascript:alert(1)/x", "ftp:/x/y",
    "http:/www.dw.com/x", "https:www.dw.com/x", "a b/c", "user:pw@www.dw.com/x", "user@www.dw.com/x", "::1/x",
    "ftp://www.dw.com/x", "/en/x", "?q=a/b", "www.dw.com\\x/y",
])
def test_url_refuses_what_is_no_http_url_quoting_what_was_typed(text: str):
    """nu56 put ``http://`` before any text holding a ``/``: ``mailto:x@host/a/`` selected the page ``host/a/``
    (the user info dropped), ``file:/etc/passwd`` and ``news/today`` were taken, and the error quoted
    ``'http://https:www...'``, text never typed."""
    with pytest.raises(ValueError) as refused:
        parse_url(text)
    assert f"not an http(s) URL: {text!r}" in str(refused.value) and "http://" + text not in str(refused.value)


@pytest.mark.parametrize("text, url", [
    ("www.dw.com/en/x", "http://www.dw.com/en/x"), ("www.dw.com/en/*", "http://www.dw.com/en/*"),
    ("localhost:8080/x", "http://localhost:8080/x"), ("[::1]:8080/x", "http://[::1]:8080/x"),
    ("127.0.0.1:8080/x", "http://127.0.0.1:8080/x"), ("host.example/path", "http://host.example/path"),
    ("www.dw.com:443/en/x", "https://www.dw.com:443/en/x"), ("https://www.dw.com/x", "https://www.dw.com/x"),
    ("http://user@www.dw.com/x", "http://user@www.dw.com/x"),  # with its scheme, as before nu56
])
def test_url_without_its_scheme_starts_with_a_host(text: str, url: str):
    assert parse_url(text) == url


def test_a_refused_url_on_the_command_line_and_in_the_environment(site: Site, tmp_path: Path):
    """The CLI refuses ``--url mailto:x@HOST/bridge/`` (exit 2, quoting it) where nu56 selected the page, and
    ``ARCHIVER_SELECT_URL`` likewise; ``HOST:PORT/bridge/`` still selects it, for search and export."""
    url, flags = fetched(site, tmp_path)
    bare = url.removeprefix("http://")
    sneaky = f"mailto:x@{bare}"
    refused = run_archiver("search", "harbour", "--url", sneaky, *flags, cwd=tmp_path)
    assert refused.returncode == 2 and f"not an http(s) URL: {sneaky!r}" in refused.stderr, refused.stderr
    env = run_archiver("search", "harbour", *flags, cwd=tmp_path, env={"ARCHIVER_SELECT_URL": sneaky})
    assert env.returncode == 2 and repr(sneaky) in env.stderr, env.stderr
    wacz = tmp_path / "out.wacz"
    exported = run_archiver("export", "--url", sneaky, "--wacz", wacz, *flags, cwd=tmp_path)
    assert exported.returncode == 2 and not wacz.exists(), exported.stderr
    found = run_archiver("search", "harbour", "--url", bare, "--format", "json", *flags, cwd=tmp_path)
    assert [h["url"] for h in json.loads(found.stdout)["hits"]] == [url], found.stdout + found.stderr
    exported = run_archiver("export", "--url", bare, "--wacz", wacz, *flags, cwd=tmp_path)
    assert exported.returncode == 0 and wacz.exists(), exported.stdout + exported.stderr
