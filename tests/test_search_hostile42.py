"""Hostile input, round 42 (session 47, host50): a search query that holds no word: ``*``, ``"``, ``(``, ``-``, an
emoji (pasted from a headline), ``***``. FTS5's unicode61 reads letters and digits only, so no page can hold such a
query, and ``search`` answered ``search: 0 hits for '*'``, exit 1: as though the archive lacked it. It is now
refused as an empty query is, exit 2, with what search reads (``commands.search.NO_WORD_REFUSED``; the twin fails
with it off). Queries holding a word among the marks (``read*``, ``"reader``, ``(reader)``) are searched as
before. A warcio WARC; ``archiver import``, ``extract``, ``search``.

review60 (mend63): a word is what FTS5's unicode61 reads as a token (letters, digits, private-use characters), not
Python's ``\\w``: ``_`` alone is refused, an icon-font glyph (U+E000) is searched (``search_query.TOKEN_RULE``).
Words in other scripts, digits alone, ``C++``, ``e-mail`` and ``l'état`` are searched, not refused.
"""
from __future__ import annotations

import pytest
from sitekit import run_archiver
from test_import_lost40 import warc

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = tmp_path_factory.mktemp("search42")
    (root / "warcs").mkdir()
    data, _ = warc(True)
    (root / "warcs" / "d.warc.gz").write_bytes(bytes(data))
    for args in (("import", root / "warcs" / "d.warc.gz"), ("extract", "--jobs", "1", "--clean", root / "clean")):
        out = run_archiver(*args, "--warcs", root / "warcs", cwd=root, timeout=300)
        assert out.returncode == 0, out.stdout + out.stderr
    return root


def _search(root, *query):
    return run_archiver("search", "--warcs", root / "warcs", "--clean", root / "clean", "--", *query, cwd=root,
                        timeout=120)


@pytest.mark.parametrize("query", ["*", '"', "(", "-", "\U0001f642", "*** ---", "\u2014", "_", "___", "_*"])
def test_a_query_of_no_word_is_refused_saying_what_search_reads(root, query):
    out = _search(root, query)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "holds none" in out.stderr and "letters and digits" in out.stderr and "nothing was searched" in out.stderr
    assert "Traceback" not in out.stderr and "0 hits" not in out.stderr + out.stdout


@pytest.mark.parametrize("query", ["read*", '"reader', "(reader)", "reader \U0001f642"])
def test_a_query_with_a_word_among_the_marks_is_searched(root, query):
    out = _search(root, query)
    assert out.returncode == 0 and "http://s.test/p0" in out.stdout, out.stdout + out.stderr


def test_the_query_of_no_word_is_searched_with_the_switch_off(root, monkeypatch, capsys):
    from archiver.cli import main
    from archiver.commands import search

    args = ["search", "--warcs", str(root / "warcs"), "--clean", str(root / "clean"), "--", "*"]
    monkeypatch.setattr(search, "NO_WORD_REFUSED", False)
    assert main(args) == 1
    assert "0 hits for '*'" in capsys.readouterr().err
    monkeypatch.setattr(search, "NO_WORD_REFUSED", True)
    assert main(args) == 2
    assert "holds none" in capsys.readouterr().err


@pytest.mark.parametrize("query", ["\u043c\u043e\u0441\u0442", "\u6a4b", "\u062c\u0633\u0631", "C++", "e-mail",
                                   "l'\u00e9tat", "\ue000"])
def test_a_word_in_any_script_or_with_marks_is_searched_not_refused(root, query):
    """Not in the pages: searched, 0 hits, exit 1 (not the refusal, exit 2)."""
    out = _search(root, query)
    assert out.returncode == 1 and "0 hits" in out.stderr and "holds none" not in out.stderr, out.stdout + out.stderr


def test_digits_alone_are_a_word(root):
    out = _search(root, "3")  # "Story 3" is on /p3 only
    assert out.returncode == 0 and "http://s.test/p3" in out.stdout and "http://s.test/p2" not in out.stdout, out.stdout


@pytest.mark.parametrize("rule", [True, False])
def test_the_query_words_follow_fts5s_token_rule_only_with_the_switch_on(monkeypatch, rule):
    from archiver import search_query

    monkeypatch.setattr(search_query, "TOKEN_RULE", rule)
    assert (search_query.fts_query("_") is None) is rule
    assert (search_query.fts_query("\ue000") is None) is not rule
    assert search_query.fts_query("foo_bar") == ('"foo bar"' if rule else '"foo_bar"')
