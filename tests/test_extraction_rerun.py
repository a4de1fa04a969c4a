"""A default-mode run's readability summary kept for its recall retry, and its escalation check
decided by a bound on the page's text (archiver/extraction/rerun.py, speed38): the text is
trafilatura's own ``bare_extraction``'s, on invented pages and on real ones from ../shared."""
from __future__ import annotations

import copy
import inspect
import re
from pathlib import Path

import pytest
import trafilatura
from lxml import html as lxml_html
from trafilatura import core

from archiver.extraction import article, rerun, shortcut, xpaths

pytestmark = pytest.mark.skipif(not shortcut.install(), reason="trafilatura version without the shortcut")

SHARED = Path(__file__).resolve().parents[2] / "shared"
SENTENCE = "The council voted on the new budget for the harbour district after a long debate. "
LINKS = " ".join(f"<a href='/s/{i}'>Another story about the harbour number {i}</a>" for i in range(60))
# own text short beside a long <nav> (html2txt keeps it): the escalation runs, readability twice on one tree
ESCALATING = (f"<html><body><nav>{LINKS}</nav><article><p>{SENTENCE * 4}</p></article>"
              f"<div class='more'>{LINKS}</div></body></html>")
# own text of a few hundred characters and little else: the bound decides the check (no escalation)
BOUNDED = (f"<html><body><header><a href='/'>Home</a></header><article><h1>Budget</h1><p>{SENTENCE * 6}</p>"
           f"<p>{SENTENCE * 5}</p></article><footer>Contact</footer></body></html>")


def _plain(page: str | bytes, url: str) -> str | None:
    """Bare trafilatura, no archiver wrapper taking part (a plain Extractor)."""
    doc = trafilatura.bare_extraction(lxml_html.document_fromstring(page), url=url, include_comments=False,
                                      favor_precision=False, include_tables=True, deduplicate=False)
    return None if doc is None else doc.text


def _archivers(page: str | bytes, url: str) -> str | None:
    """The default run as archiver makes it (a Shortcut extractor inside xpaths.active())."""
    extractor = article._extractor({**article.DEFAULT_OPTIONS}, url)
    tree = lxml_html.document_fromstring(page)
    assert isinstance(extractor, shortcut.Shortcut)
    extractor.page = tree
    with xpaths.active():
        try:
            doc = trafilatura.bare_extraction(tree, options=extractor)
        finally:
            rerun.forget()
    return None if doc is None else doc.text


class _Spy:
    def __init__(self, monkeypatch) -> None:
        self.kept = 0
        self.decided = 0
        self.measured = 0
        kept, bound, measure = rerun._Kept, rerun.page_bound, rerun._original_html2txt
        spy = self

        class Kept(kept):  # type: ignore[misc, valid-type]
            def __init__(self, summary: str) -> None:
                spy.kept += 1
                super().__init__(summary)

        def page_bound(tree):
            spy.decided += 1  # counted back below when html2txt is called after all
            return bound(tree)

        def original(content, clean=True):
            spy.measured += 1
            return measure(content, clean)

        monkeypatch.setattr(rerun, "_Kept", Kept)
        monkeypatch.setattr(rerun, "page_bound", page_bound)
        monkeypatch.setattr(rerun, "_original_html2txt", original)


def test_summary_kept_for_the_recall_retry(monkeypatch):
    spy = _Spy(monkeypatch)
    given = _archivers(ESCALATING, "https://news.example/a")
    assert spy.kept == 1  # the retry's readability: the first reading's summary
    assert given == _plain(ESCALATING, "https://news.example/a")
    monkeypatch.setattr(rerun, "READ_ONCE", False)
    assert _archivers(ESCALATING, "https://news.example/a") == given
    assert spy.kept == 1


def test_escalation_check_decided_by_the_bound(monkeypatch):
    spy = _Spy(monkeypatch)
    given = _archivers(BOUNDED, "https://news.example/b")
    assert spy.decided == 1 and spy.measured == 0  # html2txt's text not made
    assert given == _plain(BOUNDED, "https://news.example/b")
    spy.measured = 0
    _archivers(ESCALATING, "https://news.example/a")
    assert spy.measured == 1  # the bound left it open: the text measured
    monkeypatch.setattr(rerun, "BOUND_ESCALATION", False)
    assert _archivers(BOUNDED, "https://news.example/b") == given
    assert spy.decided == 2


def test_the_bound_is_never_under_html2txt():
    pages = [ESCALATING, BOUNDED,
             "<html><body>a<div>b</div>c<p>d</p>e<br>f<li>g</li></body></html>",  # blocks between letters
             "<html><body><div>x\x01y\x02</div><p>\x7f</p>z<script>var a = 1;</script><aside>q r</aside></body></html>",
             "<html><body><div class='cookie-consent'>Accept</div><footer>f</footer>w<div> </div>v</body></html>",
             "<html><head><title>T</title></head><p>no body tag</p><div>at all</div></html>"]
    for page in pages:
        tree = lxml_html.document_fromstring(page)
        assert rerun.page_bound(tree) >= len(trafilatura.html2txt(tree)), page


def test_html2txt_read_by_one_len_in_trafilatura_sequence():
    """The stand-in is read by the escalation check's len() only: trafilatura 2.3.1's one use of
    html2txt in core (if this fails, trafilatura changed: check rerun.py's reasoning again)."""
    code = "\n".join(line.split("#")[0] for line in inspect.getsource(core).splitlines())
    assert len(re.findall(r"\bhtml2txt\(", code)) == 1
    assert "len(temp_text) < ESCALATION_PAGE_SHARE * len(html2txt(tree))" in inspect.getsource(
        core.trafilatura_sequence)
    assert "baseline(tree)" in inspect.getsource(core.trafilatura_sequence)  # under min_extracted_size only
    assert "compare_extraction(cleaned_tree_backup, copy(tree)" in inspect.getsource(shortcut._original)
    assert "ReadabilityDocument(htmlinput, min_text_length=25)" in inspect.getsource(
        __import__("trafilatura.external", fromlist=["x"]).try_readability)


def test_other_callers_get_trafilaturas_own():
    tree = lxml_html.document_fromstring(BOUNDED)
    assert core.html2txt(tree) == trafilatura.html2txt(tree)  # nothing registered: the text
    assert SENTENCE.strip() in core.html2txt(tree)
    assert trafilatura.extract(ESCALATING, include_comments=False) is not None


def test_real_pages_same_text_as_bare_extraction(monkeypatch):
    """The first pages of the speed sets (../shared): the default run's text with both pieces on,
    with both off, and bare trafilatura's, all the same; and both pieces taken at least once."""
    if not (SHARED / "benchmarks").is_dir():
        pytest.skip("../shared absent")
    from bench.sets import speed_pages

    pages = speed_pages(SHARED / "benchmarks", "both", 40)
    if not pages:
        pytest.skip("no speed pages in ../shared")
    spy = _Spy(monkeypatch)
    decided = 0
    for n, page in enumerate(pages):
        url = page.url or f"http://bench.invalid/{n}"
        html = page.html
        before = (spy.decided, spy.measured)
        given = _archivers(html, url)
        decided += spy.decided > before[0] and spy.measured == before[1]
        monkeypatch.setattr(rerun, "READ_ONCE", False)
        monkeypatch.setattr(rerun, "BOUND_ESCALATION", False)
        off = _archivers(html, url)
        monkeypatch.setattr(rerun, "READ_ONCE", True)
        monkeypatch.setattr(rerun, "BOUND_ESCALATION", True)
        assert given == off == _plain(html, url), url
    assert spy.kept and decided  # each piece taken on some page


def test_forgotten_after_archivers_run():
    tree = lxml_html.document_fromstring(ESCALATING)
    article._run(copy.deepcopy(tree), "https://news.example/a", {"favor_precision": False})
    assert rerun._read.tree is None and rerun._read.summary is None and rerun._measure.tree is None
