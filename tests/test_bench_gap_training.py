"""bench/gap_training.py and bench/gap_candidates.py on small invented cases: the labels, the
fit, the threshold choice, and the candidates found between two kept lines."""
from __future__ import annotations

import sys
from pathlib import Path

from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from archiver.extraction.gaps import block_texts  # noqa: E402
from bench.gap_candidates import FEATURES, GapModel, candidates  # noqa: E402
from bench.gap_training import block_scores, choose_threshold, fit, labeller  # noqa: E402
from bench.sets import Page  # noqa: E402

TRUTH = ("The ferry to Holm Island leaves the quay at seven every morning. "
         "Islanders carry their bicycles aboard and the crossing takes forty minutes.")


def test_a_block_is_labelled_by_the_share_of_its_word_triples_in_the_truth():
    label = labeller(Page("p", None, b"", truth=TRUTH))
    assert label("Islanders carry their bicycles aboard") == 1
    assert label("Subscribe to our weekly newsletter today") == 0
    assert label("The ferry to Holm Island sails past the lighthouse at noon") is None  # between .2 and .8
    assert label("Islanders") is None  # one word: no triple, no label


def test_a_block_is_labelled_by_trafilatura_eval_snippets():
    label = labeller(Page("p", None, b"", with_=["crossing takes forty minutes"], without=["Share this story"]))
    assert label("The crossing takes forty minutes in calm weather.") == 1
    assert label("Share this story") == 0
    assert label("Timetables change in winter.") is None


def _set(n: int, flip: bool = False) -> list:
    # one informative feature (index 1): article text when it is 1 (or 0 when flipped)
    return [([1.0, float(i % 2)] + [0.0] * (len(FEATURES) - 2), (i % 2) ^ flip, 5) for i in range(n)]


def test_the_fit_separates_what_the_feature_tells_and_the_threshold_follows_the_worst_set():
    w = fit([_set(40), _set(20)], l2=0.1)  # separable: a light penalty lets the weight grow
    assert w[1] > 2  # the informative feature's weight
    precision, recall, taken = block_scores(w, 0.9, _set(10))
    assert (precision, recall, taken) == (1.0, 1.0, 5)
    assert choose_threshold(w, [_set(40), _set(20)]) < 1.0
    assert choose_threshold(w, [_set(40), _set(20, flip=True)]) == 1.0  # every threshold costs the second set


def _page() -> tuple:
    body = ("<div class='post'><p>The ferry to Holm Island leaves the quay at seven every morning, "
            "whatever the weather on the sound.</p>"
            "<ul class='share-tools'><li>Share this story with a friend</li></ul>"
            "<p>Islanders carry their bicycles aboard and the crossing takes forty minutes in calm seas.</p></div>")
    root = lxml_html.fromstring(f"<html><body>{body}</body></html>")
    lines = ["The ferry to Holm Island leaves the quay at seven every morning, whatever the weather on the sound.",
             "Islanders carry their bicycles aboard and the crossing takes forty minutes in calm seas."]
    return root, lines


def test_the_candidates_are_the_blocks_between_two_kept_lines_with_their_features():
    root, lines = _page()
    out, found = candidates(root, lines, block_texts(root))
    assert out == lines  # no model: nothing put back
    assert [(tag, text) for tag, text, _ in found] == [("li", "Share this story with a friend")]
    vector = dict(zip(FEATURES, found[0][2], strict=True))
    assert vector["list_item"] == 1.0 and vector["furniture_path"] == 1.0  # "share" names the list
    assert vector["rule_ok"] == 0.0


def test_a_model_puts_back_what_it_takes_in_place():
    root, lines = _page()
    sure = GapModel((10.0,) + (0.0,) * (len(FEATURES) - 1), 0.9)
    never = GapModel((-10.0,) + (0.0,) * (len(FEATURES) - 1), 0.9)
    assert candidates(root, lines, block_texts(root), model=sure)[0] == [
        lines[0], "- Share this story with a friend", lines[1]]
    assert candidates(root, lines, block_texts(root), model=never)[0] == lines
    kept = [lines[0], "Share this story with a friend", lines[1]]  # in the output already: no candidate
    assert candidates(root, kept, block_texts(root), model=sure)[1] == []
