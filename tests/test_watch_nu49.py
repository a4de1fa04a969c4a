"""A journalist's pass (nu49): ``archiver history URL --new-only`` and the watch agree on repeated rollbacks.

A, B, C, A, D, A, C, A: the watch told the last A as nothing (a rollback to v1 was "told with no new text since",
the rollback to C in between not counted) while ``history --new-only`` reported it and exited 1. The reader's last
message said the article read C again; the article read A. Now both tell it: a rollback is news unless its text
is the one last told. A, B, C, A, C, A (a stale copy flapping after its rollback was told): the watch told the
last A as nothing while ``history --new-only`` reported it and exited 1; now neither does. Served on loopback
(127.0.49.x), ``run --watch`` on a set clock with a webhook receiver, history run after each watch run.
"""
from __future__ import annotations

import pytest
from sitekit import Response, Site
from watchkit import watch_and_history

HOST = "www.quay-courier.test"
P = ["The port authority said on Monday that the northern quay would be rebuilt over the next two winters.",
     "The work will cost about 30 million euros and ferries will use the southern quay meanwhile.",
     "Fishing boats keep their moorings, the harbour master said, and the fish market stays open.",
     "A public meeting on the plans is set for the town hall next month."]


def variant(cost: str, winters: str) -> list[str]:
    return [P[0].replace("two", winters), P[1].replace("30", cost), *P[2:]]


A, B, C, D = P, variant("42", "three"), variant("55", "four"), variant("70", "five")
SEQUENCES = {"/port/quay": [A, B, C, A, D, A, C, A], "/port/flap": [A, B, C, A, C, A, A, A]}
# each run's step of history's list that is news (the run told it): history --new-only exits 1 exactly there
TOLD = {"/port/quay": [False, True, True, True, True, True, True, True],
        "/port/flap": [False, True, True, True, False, False, False, False]}


def page(paras: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return ("<!DOCTYPE html><html><head><title>Northern quay to be rebuilt | Quay Courier</title></head><body>"
            "<nav><a href='/'>Home</a></nav><main><article><h1>Northern quay to be rebuilt</h1>"
            f"{body}</article></main><footer><p>Quay Courier 2026</p></footer></body></html>")


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    """Eight watch runs; after each, ``history --new-only`` per URL. Returns urls, webhook bodies, history codes."""
    root = tmp_path_factory.mktemp("nu49")
    run = [0]
    site = Site(root / "site")
    news = site.host(HOST, address="127.0.49.11")
    for path, texts in SEQUENCES.items():
        news.route(path, lambda req, texts=texts: Response(body=page(texts[run[0]])))
    with site:
        site.start()
        return watch_and_history(root, site, {path: news.url(path) for path in SEQUENCES}, len(SEQUENCES["/port/quay"]),
                                 run, "127.0.49.12")


def told_runs(walk, path: str) -> list[int]:
    """The versions the webhook was told of for the URL of ``path``."""
    return [int(m["archiver_version"]) for m in walk["hooks"] if m["archiver_url"] == walk["urls"][path]]


def test_a_rollback_undoing_a_rollback_just_told_is_told(walk):
    """A, B, C, A, D, A, C, A: v7 (C again, taking back A, D, A) is told, and v8 (A again, taking back the C just
    told) is told too: before, the watch kept it silent and the reader's last message said the article read C."""
    assert told_runs(walk, "/port/quay") == [2, 3, 4, 5, 6, 7, 8], walk["hooks"]
    url = walk["urls"]["/port/quay"]
    assert f"content changed (v7 -> v8, the text of v1 again: an edit undone): {url}" in walk["watch"][7], \
        walk["watch"][7]


def test_history_new_only_reports_exactly_what_the_watch_tells(walk):
    """After each watch run, ``history --new-only`` exits 1 exactly when that run told the URL's new step."""
    for path in SEQUENCES:
        told = [k + 1 in told_runs(walk, path) for k in range(len(SEQUENCES[path]))]
        assert told == TOLD[path], (path, told)
        assert walk["codes"][path] == [int(t) for t in TOLD[path]], (path, walk["codes"][path])


def test_a_stale_copy_flapping_after_its_rollback_was_told_is_news_to_neither(walk):
    """A, B, C, A, C, A: the C is a silent return and the last A, the text last told, no news for either (before,
    history --new-only reported it and exited 1 while the watch told no one)."""
    assert told_runs(walk, "/port/flap") == [2, 3, 4], walk["hooks"]
    assert walk["codes"]["/port/flap"][5] == 0
