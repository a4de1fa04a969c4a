"""Classification of differences on small texts: layout, boilerplate with its rule, content."""
from __future__ import annotations

from archiver.diff.compare import BOILERPLATE, CHANGE, CONTENT, IDENTICAL, LAYOUT, compare_texts

BODY = ("Troops will begin withdrawing in two days, the president said on Tuesday.\n\n"
        "The mission of more than 2,000 troops was deployed at the peak of the crisis.\n\n"
        "Security forces detained 9,900 people, the ministry said.")


def no_rules(text, host):
    return None


def by_prefix(text, host):
    return "see-also" if text.upper().startswith("SEE ALSO") else None


def test_identical_and_layout_only():
    assert compare_texts(BODY, BODY, classify=no_rules).cls == IDENTICAL
    wrapped = BODY.replace("in two days, ", "in two\ndays, ").replace("the", "the ")
    assert compare_texts(wrapped, BODY, classify=no_rules).cls == LAYOUT


def test_split_paragraph_is_layout_only_with_the_break_named():
    old = BODY.replace("peak of the crisis", "peak of\n\nthe crisis")
    result = compare_texts(old, BODY, classify=no_rules)
    assert result.cls == LAYOUT
    [change] = result.changes
    assert change.kind == "paragraph-break" and change.detail == "paragraph break only in OLD"
    assert "peak of \u00b6 the crisis" in change.old


def test_joined_paragraphs_are_layout_only():
    old = BODY.replace("Tuesday.\n\nThe", "Tuesday. The")
    result = compare_texts(old, BODY, classify=no_rules)
    assert result.cls == LAYOUT and result.changes[0].detail == "paragraph break only in NEW"


def test_glued_promo_is_boilerplate_by_the_sidecar_rule_not_content():
    old = BODY.replace("ministry said.", "ministry said.SEE ALSO:Why Troops Came")
    removed = [{"rule": "promo-see-also", "stage": "paragraph", "text": "SEE ALSO: Why Troops Came"}]
    result = compare_texts(old, BODY, removed=removed, classify=no_rules)
    assert result.cls == BOILERPLATE
    [change] = result.changes
    assert (change.rule, change.stage, change.old) == ("promo-see-also", "paragraph", "SEE ALSO:Why Troops Came")


def test_stored_line_inside_a_larger_removed_block_is_boilerplate():
    old = "Skip to content\n" + BODY + "\n\nLeave a Reply\n\nConnecting to %s"
    removed = [{"rule": "wp-comment-form", "stage": "dom",
                "text": "Leave a Reply Cancel reply\nYou are commenting using your account.\nConnecting to %s"},
               {"rule": "skip-links", "stage": "dom", "text": "Skip to content"}]
    result = compare_texts(old, BODY, removed=removed, classify=no_rules)
    assert result.cls == BOILERPLATE
    assert [(c.rule, c.old) for c in result.changes] == [
        ("skip-links", "Skip to content"), ("wp-comment-form", "Leave a Reply"), ("wp-comment-form", "Connecting to %s")]


def test_classifier_is_the_fallback_and_is_given_only_the_stored_only_words():
    seen = []

    def classify(text, host):
        seen.append((text, host))
        return by_prefix(text, host)

    old = BODY.replace("ministry said.", "ministry said.SEE ALSO:Why Troops Came")
    result = compare_texts(old, BODY, removed=[], host="news.test", classify=classify)
    assert result.cls == BOILERPLATE and result.changes[0].stage == "classify"
    assert seen == [("SEE ALSO:Why Troops Came", "news.test")]


def test_unclassified_stored_only_words_are_a_content_change():
    old = BODY.replace("ministry said.", "ministry said. Officials promised an inquiry.")
    result = compare_texts(old, BODY, classify=no_rules)
    assert result.cls == CONTENT
    [change] = result.changes
    assert (change.kind, change.old, change.new) == ("removed", "Officials promised an inquiry.", "")


def test_word_level_replacement_with_context():
    new = BODY.replace("detained 9,900 people", "arrested 9,900 people")
    result = compare_texts(BODY, new, classify=no_rules)
    [change] = result.changes
    assert (change.cls, change.kind, change.old, change.new) == (CHANGE, "replaced", "detained", "arrested")
    assert change.before.endswith("Security forces") and change.after.startswith("9,900 people")


def test_added_words_in_new_are_content_even_if_they_look_like_boilerplate():
    new = BODY + "\n\nSEE ALSO: Something"
    result = compare_texts(BODY, new, classify=by_prefix)
    assert result.cls == CONTENT and result.changes[0].kind == "added"


def test_boilerplate_next_to_an_edit_keeps_both_classes():
    old = BODY.replace("detained 9,900", "held 9,900").replace("Tuesday.", "Tuesday.SEE ALSO:Other Story")
    result = compare_texts(old, BODY, classify=by_prefix)
    classes = sorted((c.cls, c.old, c.new) for c in result.changes)
    assert classes == [(BOILERPLATE, "SEE ALSO:Other Story", ""), (CHANGE, "held", "detained")]


def test_inserted_paragraph_is_shown_on_its_own_boundaries():
    """'said. Security ... the ministry' and 'Security ... the ministry said.' are one edit; report the second."""
    old = "Troops left on Tuesday, the ministry said.\n\nSecurity forces remain, the ministry said."
    new = "Troops left on Tuesday, the ministry said.\n\nSix bases closed, the ministry said.\n\n" \
          "Security forces remain, the ministry said."
    [change] = compare_texts(old, new, classify=no_rules).changes
    assert (change.kind, change.new) == ("added", "Six bases closed, the ministry said.")
    [change] = compare_texts(new, old, classify=no_rules).changes
    assert (change.kind, change.old) == ("removed", "Six bases closed, the ministry said.")
