"""The readability shortcut (archiver/extraction/shortcut.py): skipped only where it cannot win,
output unchanged, other callers of trafilatura untouched."""
from __future__ import annotations

import copy

import pytest
import trafilatura
from lxml import html as lxml_html
from trafilatura import core, external
from trafilatura.settings import Extractor

from archiver.extraction import article, extract, shortcut

pytestmark = pytest.mark.skipif(not shortcut.install(), reason="trafilatura version without the shortcut")

SENTENCE = "The council voted on the new budget for the harbour district after a long debate. "


def _article_page(paragraphs: int, furniture: int) -> str:
    body = "".join(f"<p>{SENTENCE * 2} Item {i}.</p>" for i in range(paragraphs))
    nav = "".join(f"<div class='teaser'>Unrelated teaser line number {i} for another story here</div>"
                  for i in range(furniture))
    return f"<html><head><title>Budget</title></head><body><div>{nav}</div><article>{body}</article></body></html>"


def _readability_page() -> str:
    """Own extraction short, readability long: the text sits in <div>s of one long block of
    <br>-separated lines (readability's misused-div rule reads it; trafilatura keeps little)."""
    lines = "<br>".join(f"{SENTENCE} Line {i} of the story." for i in range(30))
    return (f"<html><body><div class='menu'><a href='/a'>Home</a> <a href='/b'>World</a></div>"
            f"<div id='story'>{lines}</div><p>Short note.</p></body></html>")


def _tables_page() -> str:
    rows = "".join(f"<tr><td>{SENTENCE}</td><td>{i}</td></tr>" for i in range(20))
    return f"<html><body><table>{rows}</table><table>{rows}</table><p>{SENTENCE}</p></body></html>"


def _body(text_html: str):
    return lxml_html.fromstring(text_html)


def test_cannot_win_only_with_paragraph_text_over_half_the_page():
    options = Extractor()
    raw = lxml_html.document_fromstring(_article_page(6, 2))
    page = " ".join(raw.text_content().split())
    own = page[: len(page) // 2 + 10]
    body = _body(f"<div><p>{own}</p></div>")
    assert shortcut.readability_cannot_win(raw, body, own, options)
    short = page[: len(page) // 2 - 10]
    assert not shortcut.readability_cannot_win(raw, _body(f"<div><p>{short}</p></div>"), short, options)
    assert not shortcut.readability_cannot_win(raw, _body("<div><p></p></div>"), "", options)
    tables = _body(f"<div><table><tr><td>{own}</td></tr></table><table><tr><td>x</td></tr></table><p>y</p></div>")
    assert not shortcut.readability_cannot_win(raw, tables, own, options)
    no_paragraphs = _body(f"<div><span>{own}</span></div>")
    assert not shortcut.readability_cannot_win(raw, no_paragraphs, own, options)
    recall = Extractor(recall=True)
    assert not shortcut.readability_cannot_win(raw, body, own, recall)


@pytest.mark.parametrize("raw_bound", [True, False])
def test_half_of_is_the_collapsed_comparison_with_or_without_the_raw_bound(monkeypatch, raw_bound):
    """The raw length only spares the split: every answer is the collapsed text's, on either side
    of the line, on a page whose raw text is twice its collapsed text (indentation, NBSPs)."""
    monkeypatch.setattr(shortcut, "RAW_BOUND", raw_bound)
    words = " ".join(f"word{i}" for i in range(200))
    page = f"<html><body><div>\n      {words.replace(' ', chr(10) + '        ')}\n</div><p>\u00a0\u00a0x\u3000y</p></body></html>"
    tree = lxml_html.document_fromstring(page)
    collapsed = shortcut._text_len(tree)
    raw = len(shortcut._STRING(tree))
    assert raw > 2 * collapsed  # the bound and the definition part ways here
    for size in range(raw // 2 + 3):
        assert shortcut._half_of("x" * size, tree) == (2 * size >= collapsed), size


def _short_page() -> str:
    """Own extraction under ``min_extracted_size``: justext runs on the cleaned copy."""
    return (f"<html><body><div class='nav'><a href='/'>Home</a></div><p>{SENTENCE}</p>"
            f"<div>{SENTENCE[:40]}</div><div>Contact us at the office.</div></body></html>")


@pytest.mark.parametrize("page", [_article_page(8, 3), _article_page(1, 12), _readability_page(), _tables_page(),
                                  _short_page()])
@pytest.mark.parametrize("precision", [True, False])
def test_same_result_with_and_without_the_shortcut(page, precision):
    tree = lxml_html.document_fromstring(page)
    plain = Extractor(output_format="python", comments=False, precision=precision)
    short = shortcut.Shortcut.__new__(shortcut.Shortcut)
    for name in (n for cls in Extractor.__mro__ for n in getattr(cls, "__slots__", ())):
        if hasattr(plain, name):
            setattr(short, name, copy.copy(getattr(plain, name)))
    a = trafilatura.bare_extraction(copy.deepcopy(tree), options=plain)
    b = trafilatura.bare_extraction(copy.deepcopy(tree), options=short)
    assert (a.text if a else None) == (b.text if b else None)


def test_readability_skipped_for_archiver_runs_only(monkeypatch):
    seen: list[int] = []
    real = external.try_readability

    def counting(raw_tree):  # a spy: the real readability still runs
        seen.append(len(" ".join(raw_tree.text_content().split())))
        return real(raw_tree)

    monkeypatch.setattr(external, "try_readability", counting)
    page = _article_page(10, 2)
    assert core._extract_and_compare is shortcut.extract_and_compare
    trafilatura.extract(page, include_comments=False)  # another caller: readability reads the page
    assert seen and seen[-1] > 1000
    seen.clear()
    result = extract(page, url="https://news.example/budget")
    assert SENTENCE.strip() in result.text
    assert seen and max(seen) == 0  # archiver's run: readability got the empty page
    seen.clear()
    links = "".join(f"<div><a href='/s/{i}'>Another story about the harbour district, number {i} of many</a></div>"
                    for i in range(40))
    extract(f"<html><body><p>{SENTENCE * 3}</p>{links}</body></html>", url="https://news.example/story")
    assert seen and max(seen) > 1000  # under half of the page's text: readability could win, it read the page


def test_extractor_built_by_article_is_a_shortcut():
    made = article._extractor({"favor_precision": True}, "https://news.example/a")
    assert isinstance(made, shortcut.Shortcut)
    assert made.focus == "precision" and made.url == "https://news.example/a"


def test_justext_copy_made_only_when_justext_runs(monkeypatch):
    backups: list = []
    eager: list = []  # what trafilatura's own _prepare_tree copies for justext, made beside
    made: list = []
    prepare, make = core._prepare_tree, shortcut._Backup.make

    def spy_prepare(tree, options, url):
        eager.append(lxml_html.tostring(shortcut._original_prepare(copy.deepcopy(tree), options, url)[1]))
        cleaned, backup = prepare(tree, options, url)
        backups.append(backup)
        return cleaned, backup

    monkeypatch.setattr(core, "_prepare_tree", spy_prepare)
    monkeypatch.setattr(shortcut._Backup, "make", lambda self: made.append(self) or make(self))
    extract(_article_page(8, 3), url="https://news.example/budget")
    assert backups and all(isinstance(b, shortcut._Backup) for b in backups)  # no copy made
    assert not made  # long enough: justext never ran
    backups.clear()
    eager.clear()
    seen: list = []
    rescue = shortcut._original_rescue

    def spy_rescue(tree, options):
        seen.append(lxml_html.tostring(tree))
        return rescue(tree, options)

    monkeypatch.setattr(shortcut, "_original_rescue", spy_rescue)
    result = extract(_short_page(), url="https://news.example/short")
    assert made and seen  # justext ran, on the tree made then
    assert seen[0] == eager[0]  # the tree trafilatura's own copy would have been
    assert SENTENCE.strip() in result.paragraphs
    trafilatura.extract(_short_page(), include_comments=False)  # another caller: its own copy, nothing deferred
    assert len(made) == 1 and len(seen) == 2 and not isinstance(backups[-1], shortcut._Backup)


def _pruned_page(side: int) -> str:
    """An article and a side box of ``side`` lines that precision mode's readability input loses
    (``OVERALL_DISCARD_XPATH``'s 'viral' class word), and a short box it keeps."""
    body = "".join(f"<p>{SENTENCE} Paragraph {i} of the story.</p>" for i in range(8))
    box = "".join(f"<div>Unrelated viral video number {i} that everyone is watching now</div>" for i in range(side))
    return (f"<html><body><article>{body}</article><div class='viral-box'>{box}</div>"
            f"<div class='note'>{'Kept box line. ' * side}</div></body></html>")


@pytest.mark.parametrize("side", [12, 60])
def test_readability_skipped_when_its_pruned_input_is_short(monkeypatch, side):
    """The raw tree's text is over twice the run's own; readability's input, pruned as precision
    mode prunes it, is not (side 12): readability gets the empty page, the result is the same."""
    read: list[int] = []
    real = external.try_readability

    def spy(raw_tree):
        read.append(len(" ".join(raw_tree.text_content().split())))
        return real(raw_tree)

    monkeypatch.setattr(external, "try_readability", spy)
    tree = lxml_html.document_fromstring(_pruned_page(side))

    def run(bound: bool):
        monkeypatch.setattr(shortcut, "PRUNED_BOUND", bound)
        options = article._extractor({"favor_precision": True}, "https://news.example/a")
        with article.xpaths.active():
            return trafilatura.bare_extraction(copy.deepcopy(tree), options=options)

    with_bound = run(True)
    pruned_read = read[:]
    read.clear()
    without = run(False)
    assert with_bound.text == without.text and SENTENCE.strip() in with_bound.text
    assert read and read[-1] > 0  # without the bound readability reads the pruned copy
    if side == 12:
        assert pruned_read == [0]  # the empty page
    else:  # the pruned copy is long too: readability reads it, pruned once, as without the bound
        assert pruned_read == read


def test_pruned_tree_is_not_pruned_again():
    tree = lxml_html.fromstring("<div><div class='viral'>a</div><p>b</p></div>")
    discard = external.OVERALL_DISCARD_XPATH
    with article.xpaths.pruned(tree, discard):
        assert external.prune_unwanted_nodes(tree, discard) is tree
        assert tree.find("div") is not None  # returned as it was
        external.prune_unwanted_nodes(tree, discard)  # a second call prunes
        assert tree.find("div") is None
