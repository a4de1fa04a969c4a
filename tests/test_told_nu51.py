"""One rule for what is news (nu51): :func:`archiver.diff.told.told`, used by the watch (on its event log, keyed by
version) and by ``archiver history --new-only`` (on digests).

The two were written twice and read an extraction warning differently: A, B, C, A (a rollback, told), W (the
extractor lost most of the article: a warning, told as one), A again. The watch judged the last A the same as the
article it last told of (nothing sent); ``history --new-only`` counted the step after W as news and exited 1.
Served on loopback (127.0.51.31), ``run --watch`` on a set clock with a webhook receiver, history after each run.
"""
from __future__ import annotations

import pytest
from sitekit import Response, Site
from watchkit import watch_and_history

from archiver.diff.told import Step, last_told, told

HOST = "www.quay-courier.test"
P = ["The port authority said on Monday that the northern quay would be rebuilt over the next two winters.",
     "The work will cost about 30 million euros and ferries will use the southern quay meanwhile.",
     "Fishing boats keep their moorings, the harbour master said, and the fish market stays open.",
     "A public meeting on the plans is set for the town hall next month."]


def variant(cost: str, winters: str) -> list[str]:
    return [P[0].replace("two", winters), P[1].replace("30", cost), *P[2:]]


A, B, C = P, variant("42", "three"), variant("55", "four")
W = ("collapsed", A)  # the text of A moved into a container the extractor drops: a warning, not an edit
SEQUENCES = {"/port/back": [A, B, C, A, W, A], "/port/on": [A, B, C, A, W, C]}
# what each run sent for the URL (webhook titles' first word: Content or Extraction), and history --new-only's exit
# status after it (1 for a content change; the warning is listed, exit 0, as history's exit status says)
TOLD = {"/port/back": [None, "Content", "Content", "Content", "Extraction", None],
        "/port/on": [None, "Content", "Content", "Content", "Extraction", None]}
# /port/on's last C: news until mend41b took warnings out of the rollback marks (A, B, C, A, W, C is A, B, C, A, C
# to the reader: a plain return, the stale copy flapping; tests/test_told_mend41b.py)


def page(texts) -> str:
    if isinstance(texts, tuple):
        body = "".join(f"<p>{p}</p>" for p in texts[1])
        return ("<!DOCTYPE html><html><head><title>Northern quay to be rebuilt | Quay Courier</title></head><body>"
                "<main><article><h1>Northern quay to be rebuilt</h1><section id='comments' class='comments-area'>"
                f"{body}</section></article></main><footer><p>Quay Courier 2026</p></footer></body></html>")
    body = "".join(f"<p>{p}</p>" for p in texts)
    return ("<!DOCTYPE html><html><head><title>Northern quay to be rebuilt | Quay Courier</title></head><body>"
            "<nav><a href='/'>Home</a></nav><main><article><h1>Northern quay to be rebuilt</h1>"
            f"{body}</article></main><footer><p>Quay Courier 2026</p></footer></body></html>")


def test_the_rule_on_keys():
    """The pure rule on both kinds of key: digests (history) and version numbers (the watch)."""
    a, b, c = "da", "db", "dc"
    assert told(a, [Step(b), Step(c), Step(a, rollback=True), Step(None, warning=True), Step(a, rollback=True)]) \
        == [True, True, True, True, False]
    assert told(1, [Step(2), Step(3), Step(1, rollback=True), Step(None, warning=True), Step(3, rollback=True)]) \
        == [True, True, True, True, True]
    assert told(a, [Step(b), Step(a)]) == [True, False]  # a plain return
    assert told(a, [Step(b), Step(c), Step(a, rollback=True), Step(c), Step(a, rollback=True)]) \
        == [True, True, True, False, False]  # a stale copy flapping after its rollback was told
    assert last_told(a, [Step(b), Step(None, warning=True)]) == b


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    """Six watch runs; after each, ``history --new-only`` per URL. Returns urls, webhook bodies, history codes."""
    root = tmp_path_factory.mktemp("nu51")
    run = [0]
    site = Site(root / "site")
    news = site.host(HOST, address="127.0.51.31")
    for path, texts in SEQUENCES.items():
        news.route(path, lambda req, texts=texts: Response(body=page(texts[run[0]])))
    with site:
        site.start()
        return watch_and_history(root, site, {path: news.url(path) for path in SEQUENCES}, len(SEQUENCES["/port/back"]),
                                 run, "127.0.51.32")


def test_a_warning_between_a_told_rollback_and_a_return_is_news_once(walk):
    """A, B, C, A, W, A: W is told as a warning and the last A is no news to either; A, B, C, A, W, C: the C is
    a plain return as in A, B, C, A, C (the warning leaves the reader's picture as it was), no news to either."""
    for path in SEQUENCES:
        url = walk["urls"][path]
        sent = [h["title"].split()[0] for h in walk["hooks"] if h["archiver_url"] == url]
        assert sent == [t for t in TOLD[path] if t], (path, sent)
        assert walk["codes"][path] == [int(t == "Content") for t in TOLD[path]], (path, walk["codes"][path])
    assert not [line for line in walk["watch"][5].splitlines() if "/port/back" in line and "changed" in line], \
        walk["watch"][5]
