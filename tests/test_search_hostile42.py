"""Hostile input, round 42 (session 47, host50): a search query that holds no word: ``*``, ``"``, ``(``, ``-``, an
emoji (pasted from a headline), ``***``. FTS5's unicode61 reads letters and digits only, so no page can hold such a
query, and ``search`` answered ``search: 0 hits for '*'``, exit 1: as though the archive lacked it. It is now
refused as an empty query is, exit 2, with what search reads (``commands.search.NO_WORD_REFUSED``; the twin fails
with it off). Queries holding a word among the marks (``read*``, ``"reader``, ``(reader)``) are searched as
before. A warcio WARC; ``archiver import``, ``extract``, ``search``.
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


@pytest.mark.parametrize("query", ["*", '"', "(", "-", "\U0001f642", "*** ---", "\u2014"])
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
