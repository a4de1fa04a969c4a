"""Search finds a German word whichever way ß is spelt (ss in Swiss German and on transliterating sites): FTS5's
unicode61 tokenizer folds case and accents but keeps ß, so before, "Strasse" did not find "Straße"."""
from __future__ import annotations

import json

from archivekit import Archive, http_response, write_warc

from archiver.search_query import SHARP_S_SPELLINGS, fts_query

PAGES = {
    "http://zeitung.example/gross": ("Die große Straße wird gesperrt",
                                     "Die große Straße am Hafen wird ab Montag für drei Wochen gesperrt. "),
    "http://zeitung.example/swiss": ("Die Strasse am See bleibt offen",
                                     "Die Strasse am See bleibt trotz der Bauarbeiten offen, sagte die Gemeinde. "),
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


def _found(archive: Archive, *query: str) -> set[str]:
    proc = archive.run("search", *query, "--clean", str(archive.clean), "--format", "json")
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
    return {hit["url"].rsplit("/", 1)[-1] for hit in json.loads(proc.stdout)["hits"]}


def test_either_spelling_finds_both(tmp_path):
    archive = _archive(tmp_path)
    assert _found(archive, "Strasse") == {"gross", "swiss"}
    assert _found(archive, "straße") == {"gross", "swiss"}
    assert _found(archive, "STRASSE", "Hafen") == {"gross"}  # every word still has to occur
    assert _found(archive, '"grosse strasse"') == {"gross"}  # a phrase in the other spelling
    assert _found(archive, "Kran") == {"other"}


def test_query_spellings_unit():
    assert fts_query("Strasse") == '("Strasse" OR "straße")'
    assert fts_query("Straße am") == '("Straße" OR "strasse") AND "am"'
    assert fts_query("otter") == '"otter"'  # no ss: one spelling
    assert fts_query("Strass*") == '("Strass"* OR "straß"*)'
    many = fts_query("s" * 400)
    assert many is not None and many.count(" OR ") == SHARP_S_SPELLINGS - 1
