"""A warning leaves the reader's picture of the article as it was (mend41b): one rule in
:mod:`archiver.diff.told` for the watch and ``archiver history --new-only``, warnings taken out before a return is
judged a rollback, and a warning right after a warning told no news.

Two sequences a reviewer ran (W1, W2: the article's text moved into a comments container the extractor drops,
beside an "Updated at 10.02" / "10.47" line; each an extraction warning, not an edit):

- A, B, W1, W2, B: the watch told B and W1, then nothing; ``history --new-only`` exited 0, 1, 0, 1, 1 (after W2
  ``content-changed v3 -> v4`` between the two broken extractions, after B ``text of v2 again: every change made
  since v2 (v3 to v4) is undone``).
- A, B, W, A: the watch sent ``Content changed (back to the text of version 1)`` and history exited 1 on the last
  A, while A, B, A, A (the same without W) is silent: history's rollback mark counted W as a text shown between.

Served on loopback (a host each, 127.0.41.31-34), ``run --watch`` on a set clock with a webhook receiver
(127.0.41.41),
``history --new-only`` after each run.
"""
from __future__ import annotations

import pytest
from sitekit import Response, Site
from watchkit import watch_and_history

from archiver.diff.told import Step, rollbacks, told

# letters texts, W (or W1, W2) a warning -> the steps after the first told (True) or not
TABLE = {
    "A B A": [True, False],
    "A B W A": [True, True, False],
    "A B W1 W2 B": [True, True, False, False],
    "A B C A": [True, True, True],
    "A B C W A": [True, True, True, True],
    "A B C A W A": [True, True, True, True, False],
    "A B W C": [True, True, True],
    "A B C A C": [True, True, True, False],
    "A B C A W C": [True, True, True, True, False],
    "A B W1 B W2": [True, True, False, False],
    "A B C B A": [True, True, False, True],
    "A B A B": [True, False, False],
}


def steps_of(sequence: str) -> tuple[str, list[Step]]:
    """``"A B W A"`` -> the first key and the steps, each return marked as :func:`rollbacks` marks it."""
    first, *rest = sequence.split()
    bare = [Step(k, warning=k.startswith("W")) for k in rest]
    marks = rollbacks(first, bare)
    return first, [Step(s.key, rollback=m, warning=s.warning) for s, m in zip(bare, marks, strict=True)]


@pytest.mark.parametrize("sequence", TABLE)
def test_what_is_told(sequence):
    first, steps = steps_of(sequence)
    assert told(first, steps) == TABLE[sequence]


def test_a_warning_leaves_the_picture_as_it_was():
    """Each sequence with its warnings taken out tells the same texts (the warnings told aside)."""
    for sequence, expected in TABLE.items():
        bare = " ".join(k for k in sequence.split() if not k.startswith("W"))
        if bare in TABLE:
            texts = [t for k, t in zip(sequence.split()[1:], expected, strict=True) if not k.startswith("W")]
            assert texts == TABLE[bare], sequence


def test_rollback_marks_skip_warnings():
    assert rollbacks("A", [Step("B"), Step("W", warning=True), Step("A")]) == [False, False, False]
    assert rollbacks("A", [Step("B"), Step("W1", warning=True), Step("W2", warning=True), Step("B")]) \
        == [False, False, False, False]
    assert rollbacks("A", [Step("B"), Step("C"), Step("W", warning=True), Step("A")]) == [False, False, False, True]


HOST = "quay-courier.test"
P = ["The port authority said on Monday that the northern quay would be rebuilt over the next two winters.",
     "The work will cost about 30 million euros and ferries will use the southern quay meanwhile.",
     "Fishing boats keep their moorings, the harbour master said, and the fish market stays open.",
     "A public meeting on the plans is set for the town hall next month."]


def variant(cost: str, winters: str) -> list[str]:
    return [P[0].replace("two", winters), P[1].replace("30", cost), *P[2:]]


A, B, C = P, variant("42", "three"), variant("55", "four")
X1 = "Updated at 10.02, the harbour office said the quay would stay shut to traffic this week."
X2 = "Updated at 10.47, the harbour office said the quay would stay shut to traffic this week."
W1, W2 = ("collapsed", A, X1), ("collapsed", A, X2)
SEQUENCES = {"/port/ww": [A, B, W1, W2, B], "/port/wa": [A, B, W1, A, A], "/port/aba": [A, B, A, A, A],
             "/port/cwa": [A, B, C, W1, A]}
# the webhook titles sent for the URL over the runs, and history --new-only's exit status after each run
HOOKS = {"/port/ww": ["Content changed", "Extraction changed (not an edit)"],
         "/port/wa": ["Content changed", "Extraction changed (not an edit)"],
         "/port/aba": ["Content changed"],
         "/port/cwa": ["Content changed", "Content changed", "Extraction changed (not an edit)",
                       "Content changed (back to the text of version 1)"]}
CODES = {"/port/ww": [0, 1, 0, 0, 0], "/port/wa": [0, 1, 0, 0, 0], "/port/aba": [0, 1, 0, 0, 0],
         "/port/cwa": [0, 1, 1, 0, 1]}


def page(texts) -> str:
    if isinstance(texts, tuple):
        body = "".join(f"<p>{p}</p>" for p in texts[1])
        return ("<!DOCTYPE html><html><head><title>Northern quay to be rebuilt | Quay Courier</title></head><body>"
                f"<main><article><h1>Northern quay to be rebuilt</h1><p>{texts[2]}</p>"
                f"<section id='comments' class='comments-area'>{body}</section></article></main>"
                "<footer><p>Quay Courier 2026</p></footer></body></html>")
    body = "".join(f"<p>{p}</p>" for p in texts)
    return ("<!DOCTYPE html><html><head><title>Northern quay to be rebuilt | Quay Courier</title></head><body>"
            "<nav><a href='/'>Home</a></nav><main><article><h1>Northern quay to be rebuilt</h1>"
            f"{body}</article></main><footer><p>Quay Courier 2026</p></footer></body></html>")


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    """Five watch runs; after each, ``history --new-only`` per URL. Returns urls, webhook bodies, history codes
    and outputs, and a full ``history`` of each URL at the end."""
    root = tmp_path_factory.mktemp("mend41b")
    run = [0]
    site = Site(root / "site")
    hosts = {}
    for n, (path, texts) in enumerate(SEQUENCES.items()):
        # a host each: the same paragraphs on pages of one host are learnt as its boilerplate (site learning),
        # and the first capture's text, extracted again, would differ from what the watch judged then
        hosts[path] = site.host(f"www{n}.{HOST}", address=f"127.0.41.{31 + n}")
        hosts[path].route(path, lambda req, texts=texts: Response(body=page(texts[run[0]])))
    with site:
        site.start()
        return watch_and_history(root, site, {path: hosts[path].url(path) for path in SEQUENCES}, 5, run,
                                 "127.0.41.41", full=True)


@pytest.mark.parametrize("path", SEQUENCES)
def test_the_watch_and_history_tell_the_same(walk, path):
    url = walk["urls"][path]
    sent = [h["title"].rsplit(":", 1)[0] for h in walk["hooks"] if h["archiver_url"] == url]
    assert sent == HOOKS[path], (path, sent)
    assert walk["codes"][path] == CODES[path], (path, walk["codes"][path], walk["hout"][path])


def test_two_broken_extractions_are_no_edit_between(walk):
    """A, B, W1, W2, B: the full history calls the step between W1 and W2 an extraction change and the step back
    to B the extraction's miss undone; no rollback line."""
    full = walk["full"]["/port/ww"]
    assert "content-changed v3" not in full and "content-changed v4" not in full, full
    assert "the text of v2 again after the extraction lost most of it in v3 to v4" in full, full
    assert "is undone" not in full, full
