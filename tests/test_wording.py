"""Counts printed to users agree in number: "1 WARC file", "2 WARC files", "0 hits"."""

from archiver.archive.importer import FileReport, ImportSummary
from archiver.fetch.runner import FetchSummary
from archiver.watch.run import WatchSummary
from archiver.wording import count


def test_count_is_singular_for_one_only():
    assert count(1, "WARC file") == "1 WARC file"
    assert count(0, "WARC file") == "0 WARC files"
    assert count(2, "URL") == "2 URLs"
    assert count(1, "return to an earlier version", "returns to an earlier version") == (
        "1 return to an earlier version")
    assert count(3, "return to an earlier version", "returns to an earlier version") == (
        "3 returns to an earlier version")


def test_summaries_of_one_read_in_the_singular():
    watch = WatchSummary(checked=1, edits=1, warnings=1, returns=1, not_article=1, sent=1).line()
    assert watch.startswith("watch: 1 URL checked: 1 content change, 1 extraction warning, "
                            "1 return to an earlier version, 1 capture not the article;"), watch
    assert "1 notification sent" in watch
    fetch = FetchSummary("urls.txt", captured=1, bad_lines=1).lines()[0]
    assert fetch.endswith("1 bad line"), fetch
    imported = ImportSummary([FileReport("a.warc.gz", captures=1)]).line()
    assert imported.startswith("import: 1 file, 1 capture added,") and "1 unusable record" not in imported
    assert "0 unusable records, 0 files with errors" in imported


def test_summaries_of_many_keep_the_plural():
    watch = WatchSummary(checked=2, edits=0, returns=2).line()
    assert watch.startswith("watch: 2 URLs checked: 0 content changes, 0 extraction warnings, "
                            "2 returns to an earlier version, 0 captures not the article;"), watch
