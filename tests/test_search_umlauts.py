"""Search finds a name however its umlaut is written: "Mueller" finds "Müller" and the other way round, as
"Groenland" finds "Grønland". FTS5's unicode61 tokenizer folds ü to u, so before, "Mueller" found only the pages
that spelt it out, and "Müller" only those that did not. An index made before the spelt-out column is rebuilt."""
from __future__ import annotations

import json
import sqlite3

from archivekit import Archive, http_response, write_warc

from archiver.search_query import fts_query, match_keys, spelt_out, spelt_snippet

PAGES = {
    "http://zeitung.example/umlaut": ("Trainer Müller tritt zurück",
                                      "Thomas Müller verlässt den Verein nach elf Jahren, teilte der Vorstand mit. "),
    "http://zeitung.example/spelt": ("Mueller bleibt im Amt",
                                     "Der Bürgermeister Mueller bleibt trotz der Kritik im Amt, sagte die Gemeinde. "),
    "http://zeitung.example/nordic": ("Isen på Grønland smelter",
                                      "Forskere måler hvor hurtigt isen på Grønland smelter i år. "),
    "http://zeitung.example/other": ("Der Hafen erhält einen neuen Kran",
                                     "Der Hafen erhält einen neuen Kran, der im Frühjahr geliefert wird. "),
}


def _archive(tmp_path) -> Archive:
    records = [http_response(url, f"<html lang=de><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                             + "".join(f"<p>{body}{i}. Absatz mit weiteren Angaben zur Lage vor Ort.</p>"
                                       for i in range(6)) + "</article></body></html>")
               for url, (title, body) in PAGES.items()]
    (tmp_path / "warcs").mkdir()
    write_warc(tmp_path / "warcs" / "zeitung.warc.gz", records)
    archive = Archive(tmp_path, None, {})  # type: ignore[arg-type]
    done = archive.run("import", str(tmp_path / "warcs" / "zeitung.warc.gz"))
    assert done.returncode == 0, done.stdout + done.stderr
    done = archive.extract()
    assert done.returncode == 0, done.stdout + done.stderr
    return archive


def _search(archive: Archive, *query: str) -> dict:
    proc = archive.run("search", *query, "--clean", str(archive.clean), "--format", "json")
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


def _found(archive: Archive, *query: str) -> set[str]:
    return {hit["url"].rsplit("/", 1)[-1] for hit in _search(archive, *query)["hits"]}


def test_either_writing_finds_both(tmp_path):
    archive = _archive(tmp_path)
    assert _found(archive, "Mueller") == {"umlaut", "spelt"}
    assert _found(archive, "Müller") == {"umlaut", "spelt"}
    assert _found(archive, '"thomas mueller"') == {"umlaut"}  # a phrase, spelt out
    assert _found(archive, "Groenland") == {"nordic"}
    assert _found(archive, "Grønland") == {"nordic"}
    assert _found(archive, "Mueller", "Hafen") == set()  # every word still has to occur
    assert _found(archive, "Kran") == {"other"}
    # the snippet marks the word as the page writes it
    snippets = {h["url"].rsplit("/", 1)[-1]: h["snippet"] for h in _search(archive, "Müller")["hits"]}
    assert "[Müller]" in snippets["umlaut"] and "[Mueller]" in snippets["spelt"]
    # typed spelt out, found through the spelt-out column: the page's own word is marked all the same
    snippets = {h["url"].rsplit("/", 1)[-1]: h["snippet"] for h in _search(archive, "Mueller")["hits"]}
    assert "[Müller]" in snippets["umlaut"] and "[Mueller]" in snippets["spelt"]
    snippets = {h["url"].rsplit("/", 1)[-1]: h["snippet"] for h in _search(archive, "Groenl*")["hits"]}
    assert "[Grønland]" in snippets["nordic"]


def test_index_from_before_the_column_is_rebuilt(tmp_path):
    archive = _archive(tmp_path)
    catalog = next(archive.warcs.glob("*.sqlite*"))
    with sqlite3.connect(catalog) as conn:  # the index as an archiver of 2026-12-03 left it: two columns
        conn.execute("DROP TABLE search_text")
        conn.execute("CREATE VIRTUAL TABLE search_text USING fts5(title, body, "
                     "tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5')")
        for version_id, url in conn.execute("SELECT id, url FROM search_versions").fetchall():
            title, body = PAGES[url]
            conn.execute("INSERT INTO search_text (rowid, title, body) VALUES (?, ?, ?)", (version_id, title, body))
    assert _found(archive, "Mueller") == {"umlaut", "spelt"}
    assert _found(archive, "Kran") == {"other"}  # nothing lost in the rebuild
    with sqlite3.connect(catalog) as conn:
        assert conn.execute("SELECT COUNT(*) FROM search_versions").fetchone()[0] == len(PAGES)


def test_spellings_unit():
    assert fts_query("Müller") == '("Müller" OR "mueller")'
    assert fts_query("Mueller") == '"Mueller"'  # found in the alt column of pages writing Müller
    assert fts_query("Grüße") == '("Grüße" OR "grüsse" OR "grueße" OR "gruesse")'
    assert spelt_out("Ålborg og Grønland") == "aalborg og groenland"
    assert spelt_out("Hafen und Kran") == ""  # no such letter: the column stays empty


def test_spelt_snippet_unit():
    body = " ".join(f"w{i}" for i in range(40)) + " Thomas Müller verlässt den Verein. " + " ".join(f"v{i}" for i in range(40))
    snip = spelt_snippet(body, match_keys("mueller"), 16, ("[", "]"))
    assert snip is not None and "[Müller]" in snip and snip.startswith("…") and snip.endswith("…")
    assert len(snip.strip("…").split()) == 16
    assert spelt_snippet(body, match_keys("meier"), 16, ("[", "]")) is None
    assert spelt_snippet("Ålborg havn", match_keys("aalb*"), 16, ("<", ">")) == "<Ålborg> havn"
