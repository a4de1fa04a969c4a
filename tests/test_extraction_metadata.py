"""Metadata from the page's own declarations, read before the DOM stage."""

from __future__ import annotations

from archiver.extraction.dom import parse
from archiver.extraction.metadata import choose_title, read_metadata


def test_meta_tags():
    root = parse("""<html lang="de-DE"><head><meta property="og:title" content="Titel – Zeitung">
      <meta name="author" content="Erika Muster"><meta property="article:published_time" content="2022-01-11T10:00:00+01:00">
      <meta property="og:site_name" content="Zeitung"><meta name="description" content="Worum es geht">
      </head><body><h1>Titel</h1></body></html>""")
    m = read_metadata(root)
    assert (m.title, m.author, m.date, m.site_name, m.language, m.description) == (
        "Titel – Zeitung", "Erika Muster", "2022-01-11", "Zeitung", "de-DE", "Worum es geht")
    assert choose_title(m.title, root) == "Titel"


def test_json_ld_and_time_fallbacks():
    root = parse("""<html><head><script type="application/ld+json">
      {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "x"},
       {"@type": "NewsArticle", "headline": "Headline", "author": [{"@type": "Person", "name": "A. Writer"}],
        "datePublished": "2021-05-06T07:08:09Z", "publisher": {"name": "The Paper"}}]}
      </script></head><body><p>x</p></body></html>""")
    m = read_metadata(root)
    assert (m.title, m.author, m.date, m.site_name) == ("Headline", "A. Writer", "2021-05-06", "The Paper")
    root = parse("<html><body><time datetime='2020-02-03T04:05'>Feb 3</time><p>x</p></body></html>")
    assert read_metadata(root).date == "2020-02-03"


def test_broken_json_ld_and_url_authors_are_ignored():
    root = parse("""<html><head><script type="application/ld+json">{not json</script>
      <meta property="article:author" content="https://facebook.com/someone"></head><body><p>x</p></body></html>""")
    m = read_metadata(root)
    assert m.author is None and m.title is None


def test_title_fallbacks():
    root = parse("<html><head><title>Only a title</title></head><body><p>x</p></body></html>")
    assert choose_title(None, root) == "Only a title"
    root = parse("<html><body><h1>The headline</h1></body></html>")
    assert choose_title("Something else entirely", root) == "Something else entirely"
