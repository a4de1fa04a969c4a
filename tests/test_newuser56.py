"""A demanding researcher's pass over ``archiver why`` and ``archiver search`` (nu56): pages in German, Spanish
names, Arabic and Greek on a loopback server, fetched into a real catalog and WARC files by the CLI."""
from __future__ import annotations

import json
from pathlib import Path

from sitekit import Response, Site, run_archiver, write_list

from archiver import search_query
from archiver.diff import why as why_module

PARAS = [
    "Opposition councillor Tomás Ferreira demanded a second survey of the old harbour bridge before any work.",
    "Bürgermeisterin Jürgensen sagte, die Brücke werde elf Monate lang gesperrt, während Ingenieure bauen.",
    "وافق مجلس المدينة يوم الثلاثاء على خطة لإعادة بناء الجِسْر القديم فوق الميناء بتكلفة أربعة مليارات.",
    "Η δημοτική αρχή ανακοίνωσε τις ειδήσεις για τη γέφυρα του λιμανιού την Τρίτη το πρωί στους κατοίκους.",
    "Councillor Tomasz Nowak, who sits for the harbour ward, abstained in the vote on the bridge plan.",
]
PAGE = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Harbour bridge: four voices"
        "</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article>"
        "<h1>Harbour bridge: four voices</h1>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</article>"
        "<footer><p>Café Müller, the newsroom's own café, is closed on Sundays.</p></footer></body></html>")


ZH = ["市政府周二宣布，港口大桥的重建工程将于明年三月正式开工，预计耗资四十二亿元，工期约为两年。",
      "市长在新闻发布会上表示，旧桥将关闭十一个月，期间市民可以乘坐免费渡轮往返两岸。"]
ZH_PAGE = ("<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>港口大桥明年三月开工</title></head>"
           "<body><article><h1>港口大桥明年三月开工</h1>" + "".join(f"<p>{p}</p>" for p in ZH) + "</article></body></html>")


def fetched(site: Site, tmp_path: Path) -> tuple[str, list[str]]:
    host = site.host("voices.nu56.test", address="127.0.56.21")
    host.route("/bridge/", Response(body=PAGE))
    host.route("/zh/", Response(body=ZH_PAGE))
    site.start()
    lst = write_list(tmp_path / "urls.txt", [host.url("/bridge/"), host.url("/zh/")])
    done = run_archiver("run", lst, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--delay", "0",
                        "--retries", "0", "--jobs", "1", "--progress", "never", *site.client_flags(), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    return host.url("/bridge/"), ["--warcs", str(tmp_path / "warcs"), "--clean", str(tmp_path / "clean")]


def test_why_finds_the_words_search_finds_typed_without_accents_or_marks(site: Site, tmp_path: Path):
    """``archiver search Tomas`` finds ``Tomás`` (FTS5 folds accents; umlauts spelt out and Arabic and Greek
    marks are folded too), and the README sends the reader from a hit to ``archiver why``; on main ``why URL
    Tomas`` then answered "not on the page: in neither the article nor the account" (exit 1) of a word in the
    article, and likewise ``Buergermeisterin``, ``الجسر القديم`` and ``ειδησεις``."""
    url, flags = fetched(site, tmp_path)
    for query, line in [("Tomas Ferreira", PARAS[0]), ("Buergermeisterin", PARAS[1]),
                        ("burgermeisterin jurgensen", PARAS[1]), ("الجسر القديم", PARAS[2]),
                        ("ειδησεις", PARAS[3])]:
        found = run_archiver("search", query, *flags, cwd=tmp_path)
        assert found.returncode == 0 and url in found.stdout, (query, found.stdout + found.stderr)
        answer = run_archiver("why", url, query, "--format", "json", *flags, cwd=tmp_path)
        assert answer.returncode == 0, (query, answer.stdout + answer.stderr)
        data = json.loads(answer.stdout)
        assert data["in_article"] and [p["line"] for p in data["places"]] == [line], (query, data)
    # outside the article too: the footer's café, typed without its accent and umlaut
    cafe = run_archiver("why", url, "Cafe Mueller", *flags, cwd=tmp_path)
    assert cafe.returncode == 0 and "removed: " in cafe.stdout and "Café Müller" in cafe.stdout, cafe.stdout


def test_folding_takes_no_look_alike_words(site: Site, tmp_path: Path):
    """Folding is a word's spelling, not a prefix nor another word: ``Tomas`` is not ``Tomasz``'s line, a word
    nowhere on the page stays "not on the page" (``Jurgen`` is not ``Jürgensen``)."""
    url, flags = fetched(site, tmp_path)
    tomas = json.loads(run_archiver("why", url, "Tomas", "--format", "json", *flags, cwd=tmp_path).stdout)
    assert [p["line"] for p in tomas["places"]] == [PARAS[0]], tomas
    for query in ("Tomasz Ferreira", "Jurgen", "الجسور", "Cafe Mullers"):
        answer = run_archiver("why", url, query, *flags, cwd=tmp_path)
        assert answer.returncode == 1 and "not on the page" in answer.stdout, (query, answer.stdout)


def test_the_switch_off_twin_gives_the_old_answer(monkeypatch):
    """With ``why.FOLDED`` off, words are compared as the account reads them (case and ß only): the fault."""
    text = "\n".join(PARAS)
    assert [p.line for p in why_module.find_places("Tomas Ferreira", text, [])] == [PARAS[0]]
    assert why_module.find_places("Strasse", "Die Straße", []) != []
    monkeypatch.setattr(why_module, "FOLDED", False)
    assert why_module.find_places("Tomas Ferreira", text, []) == []
    assert why_module.find_places("الجسر القديم", text, []) == []
    assert why_module.find_places("Strasse", "Die Straße", []) != []  # ß was folded before as well


def test_a_snippet_marks_a_phrase_only_where_it_stands(site: Site, tmp_path: Path):
    """``archiver search 旧桥`` (a run of Chinese characters is a phrase): the snippet marked ``港口大[桥]`` as well
    as ``[旧桥]``, a character of the phrase where the phrase is not, and began at that wrong mark (the README:
    "a snippet with the matched words in [brackets]"). Words typed apart are still each marked where they stand."""
    url, flags = fetched(site, tmp_path)
    zh = url.replace("/bridge/", "/zh/")
    found = run_archiver("search", "旧桥", "--format", "json", *flags, cwd=tmp_path)
    assert found.returncode == 0, found.stdout + found.stderr
    [hit] = json.loads(found.stdout)["hits"]
    assert hit["url"] == zh and "[旧桥]" in hit["snippet"] and "大[桥]" not in hit["snippet"], hit
    both = json.loads(run_archiver("search", "大桥", "--format", "json", *flags, cwd=tmp_path).stdout)["hits"]
    assert "[大桥]" in both[0]["snippet"] and "旧[桥]" not in both[0]["snippet"], both
    # look-alike: two words typed apart (no phrase) are each marked wherever they stand
    apart = json.loads(run_archiver("search", "Juergensen Buergermeisterin", "--format", "json", *flags,
                                    cwd=tmp_path).stdout)["hits"]
    assert "[Bürgermeisterin] [Jürgensen]" in apart[0]["snippet"], apart


def test_the_phrase_marks_switch_off_twin(monkeypatch):
    body = ZH[0] + ZH[1]
    keys, runs = search_query.match_keys("旧桥"), search_query.match_runs("旧桥")
    assert "大[桥]" not in (search_query.spelt_snippet(body, keys, 40, ("[", "]"), runs) or "")
    monkeypatch.setattr(search_query, "PHRASE_MARKS", False)
    assert "大[桥]" in (search_query.spelt_snippet(body, keys, 40, ("[", "]"), runs) or "")


def test_search_url_takes_the_url_as_why_takes_it(site: Site, tmp_path: Path):
    """``archiver why host/path WORDS`` takes a URL as an address bar shows it (README); ``archiver search WORDS
    --url host/path``, the next step, refused it on main ("not an http(s) URL"). A bare host is still refused
    with the ``--host`` to give, and another page's URL selects nothing."""
    url, flags = fetched(site, tmp_path)
    bare = url.removeprefix("http://")
    assert run_archiver("why", bare, "harbour bridge", *flags, cwd=tmp_path).returncode == 0
    found = run_archiver("search", "bridge", "--url", bare, "--format", "json", *flags, cwd=tmp_path)
    assert found.returncode == 0, found.stdout + found.stderr
    assert [h["url"] for h in json.loads(found.stdout)["hits"]] == [url]
    other = run_archiver("search", "bridge", "--url", bare.replace("/bridge/", "/zh/"), *flags, cwd=tmp_path)
    assert other.returncode == 1 and "0 hits" in other.stderr, other.stdout + other.stderr
    host = bare.split("/")[0]
    refused = run_archiver("search", "bridge", "--url", host, *flags, cwd=tmp_path)
    assert refused.returncode == 2 and f"give --host '{host}'" in refused.stderr, refused.stderr
