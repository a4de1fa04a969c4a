"""The verdict on one capture against the article as last seen (pure: texts in, verdict out)."""
from __future__ import annotations

import hashlib

from watchkit import EDITED, PARAS, TITLE

from archiver.watch.judge import (
    EDIT,
    EXTRACTION_CHANGED,
    FIRST,
    NO_TEXT,
    NOT_ARTICLE,
    QUIET,
    RETURN,
    SAME,
    State,
    judge,
    words,
)

A = TITLE + "\n\n" + "\n\n".join(PARAS) + "\n"
B = A.replace(PARAS[4], EDITED)
CONSENT = ("Before you continue\n\nWe and our partners store and access information on your device, such as "
           "cookies, and process personal data for personalised advertising and content measurement.\n")
PAYWALL = TITLE + "\n\n" + PARAS[0] + "\n\nSubscribe to read the full story. Already a subscriber? Log in.\n"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def feed(state: State, text: str | None, page: str = "", changed: bool | str = True) -> str:
    calls = []

    def compare() -> str:
        calls.append(1)
        return changed if isinstance(changed, str) else ("content-changed" if changed else "layout-only")

    verdict = judge(state, text, digest(text) if text is not None else None, lambda: set(words(page)), compare)
    return verdict.kind


def test_first_same_edit_quiet():
    state = State()
    assert feed(state, A) == FIRST and state.version == 1
    assert feed(state, A) == SAME
    assert feed(state, B) == EDIT and state.version == 2 and state.latest == 2
    assert feed(state, B.replace("said.", "said ."), changed=False) == QUIET and state.version == 2


def test_flapping_between_two_texts_is_one_edit_then_returns():
    state = State()
    kinds = [feed(state, t) for t in (A, B, A, B, A)]
    assert kinds == [FIRST, EDIT, RETURN, RETURN, RETURN]
    assert state.latest == 2  # two versions, however often they alternate


def test_consent_wall_and_paywall_are_not_the_article():
    state = State()
    feed(state, A)
    assert feed(state, CONSENT, page=CONSENT) == NOT_ARTICLE
    assert feed(state, PAYWALL, page=PAYWALL) == NOT_ARTICLE
    assert state.version == 1 and state.text == A  # the article as last seen is untouched
    assert feed(state, A) == SAME


def test_extraction_collapse_with_the_words_still_on_the_page_is_a_warning():
    state = State()
    feed(state, A)
    collapsed = TITLE + "\n\nBy Anna Meier\n"
    assert feed(state, collapsed, page=A + " comments By Anna Meier") == EXTRACTION_CHANGED
    assert feed(state, TITLE + "\n", page=A) == EXTRACTION_CHANGED  # nothing extracted at all
    assert state.version == 1 and feed(state, A) == SAME


def test_a_real_deletion_of_one_paragraph_is_an_edit():
    state = State()
    feed(state, A)
    shorter = A.replace(PARAS[3] + "\n\n", "")
    assert feed(state, shorter, page=shorter) == EDIT


def test_no_text_before_the_article_is_not_a_version():
    state = State()
    assert feed(state, None) == NO_TEXT and state.version == 0
    assert feed(state, A) == FIRST


def test_a_consent_wall_on_the_very_first_capture_gives_way_to_the_article():
    state = State()
    assert feed(state, CONSENT) == FIRST
    assert feed(state, CONSENT) == SAME
    assert feed(state, A, page=A) == FIRST and state.version == 1 and state.latest == 1
    assert feed(state, CONSENT, page=CONSENT) == NOT_ARTICLE  # and not an edit, nor a return
    assert feed(state, B) == EDIT and state.version == 2


def test_a_short_article_rewritten_after_an_edit_is_not_taken_for_a_first_version():
    state = State()
    feed(state, CONSENT)
    feed(state, CONSENT + "More words.\n")  # an edit: the short text was the article
    assert feed(state, A, page=A) == NOT_ARTICLE


def test_the_diffs_own_guard_makes_a_warning_not_an_edit():
    state = State()
    feed(state, A)
    assert feed(state, B, changed="extraction-changed") == EXTRACTION_CHANGED
    assert state.version == 1 and state.text == A
    assert feed(state, B, changed="moved") == QUIET and state.version == 1
