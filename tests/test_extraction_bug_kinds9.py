"""Failure kinds from public bug reports against article extractors, ninth round (bug9).

Invented site and text (the Kestle Vale Courier), in the markup the reports show (the report is named
above each test). Each fix has a twin test that switches it off and shows the fault is back.
"""

from __future__ import annotations

from storykit import Newsroom

from archiver.extraction import turnlabels

URL = "https://www.kestle-vale-courier.example/2026/12/cider-press"
TITLE = "Kestle Vale orchard cooperative opens its new cider press to visitors"

SITE = Newsroom(URL, TITLE, "Kestle Vale Courier", "Morwen Tregarth", "9 Quay Row",
                "Members of the orchard cooperative said on Friday that row {i} of the old perry pear trees would be pruned and mulched before the hard frosts settle over the valley floor.")
page, paragraphs, bare = SITE.page, SITE.paragraphs, SITE.bare
S = SITE.sentences


# -- a transcript: each turn a <div> holding the speaker (and a time) as loose inline text, then the
#    turn's <p> (the speaker-per-segment kind of https://github.com/kepano/defuddle/issues/112, here
#    with the label outside the <p>): precision mode read no loose text beside <p> text, so every
#    speaker was lost and the turns read as one voice; bare trafilatura kept them. --

TURNS = [("00:01:12", "MORWEN", "We pressed nine tonnes of apples in the first week alone."),
         ("00:01:20", "HOST", "Nine tonnes? That sounds like a record for the valley."),
         ("00:01:25", "MORWEN", "It is, by some way, and the juice is sweeter this year.")]


def _transcript(label: str) -> str:
    turns = "".join(f"<div class='turn'>{label.format(ts=ts, sp=sp)}<p>{text}</p></div>" for ts, sp, text in TURNS)
    return page(SITE.ps(0) + f"<div class='transcript'>{turns}</div>" + SITE.ps(1))


def test_each_speaker_stays_before_the_turn():
    html = _transcript("<span class='ts'>{ts}</span> <span class='speaker'>{sp}:</span> ")
    got = paragraphs(html)
    assert got == [S[0], "00:01:12 MORWEN:", TURNS[0][2], "00:01:20 HOST:", TURNS[1][2],
                   "00:01:25 MORWEN:", TURNS[2][2], S[1]]


def test_a_bold_or_bare_speaker_stays_too():
    for label in ("<strong>{sp}:</strong>", "{sp}: "):
        got = paragraphs(_transcript(label))
        assert got == [S[0], "MORWEN:", TURNS[0][2], "HOST:", TURNS[1][2], "MORWEN:", TURNS[2][2], S[1]]


def test_without_the_stage_the_speakers_are_lost(monkeypatch):
    monkeypatch.setattr(turnlabels, "TURN_LABELS", False)
    html = _transcript("<span class='ts'>{ts}</span> <span class='speaker'>{sp}:</span> ")
    assert paragraphs(html) == [S[0], *(text for _, _, text in TURNS), S[1]]
    assert any("HOST" in line for line in bare(html))  # bare trafilatura kept them


def test_one_label_before_one_paragraph_is_no_transcript():
    # a single short run before a paragraph (an ad label, a kicker) is left to the other stages
    html = page(SITE.ps(0) + f"<div class='slot'><span>Advertisement</span><p>{S[2]}</p></div>" + SITE.ps(1))
    assert "Advertisement" not in paragraphs(html)


def test_clock_times_alone_are_no_speakers():
    # a live blog's entry times: a convention the truth sets disagree on, left as it was
    html = _transcript("<time>{ts}</time> ")
    assert not any(line.startswith("00:01") for line in paragraphs(html))


def test_a_speaker_in_a_div_of_its_own_stays():
    got = paragraphs(_transcript("<div class='speaker'>{sp}</div>"))
    assert got == [S[0], "MORWEN", TURNS[0][2], "HOST", TURNS[1][2], "MORWEN", TURNS[2][2], S[1]]


def test_without_the_div_form_its_speakers_are_lost(monkeypatch):
    monkeypatch.setattr(turnlabels, "TURN_LABEL_DIVS", False)
    assert paragraphs(_transcript("<div class='speaker'>{sp}</div>")) == [S[0], *(text for _, _, text in TURNS), S[1]]


def test_a_turn_with_a_second_div_is_no_turn():
    # a <div> after the paragraph (a share bar, a player) makes the wrapper a container, not a turn
    html = _transcript("<div class='speaker'>{sp}</div>").replace("</p></div>", "</p><div class='share'>Share</div></div>")
    assert "HOST" not in paragraphs(html)


def test_headed_columns_where_no_one_speaks_twice_are_no_transcript():
    # a footer's columns (a heading span over a sentence each): every label differs, none is a speaker
    cols = "".join(f"<div class='col'><span>{head}</span><p>{S[i]}</p></div>"
                   for i, head in ((2, "About the Courier"), (3, "Advertise with us"), (4, "Work for us")))
    got = paragraphs(page(SITE.ps(0, 1) + f"<div class='columns'>{cols}</div>"))
    assert not any(head in got for head in ("About the Courier", "Advertise with us", "Work for us"))


def test_an_interview_whose_labels_are_its_questions_keeps_them():
    qa = [("How many tonnes did you press?", "Nine tonnes in the first week, more than ever before."),
          ("Will the barn open to visitors?", "Every Saturday morning until the end of December, with a guide.")]
    turns = "".join(f"<div class='qa'><strong>{q}</strong><p>{a}</p></div>" for q, a in qa)
    assert paragraphs(page(SITE.ps(0) + turns + SITE.ps(1))) == [S[0], qa[0][0], qa[0][1], qa[1][0], qa[1][1], S[1]]


def _loose_transcript() -> str:
    turns = "".join(f"<span class='speaker'>{sp}</span><p>{text}</p>" for _, sp, text in TURNS)
    return page(SITE.ps(0) + f"<div class='transcript'>{turns}</div>" + SITE.ps(1))


def test_speakers_loose_in_the_transcript_stay_the_first_too():
    assert paragraphs(_loose_transcript()) == [S[0], "MORWEN", TURNS[0][2], "HOST", TURNS[1][2], "MORWEN", TURNS[2][2], S[1]]


def test_without_the_run_form_the_first_speaker_is_lost(monkeypatch):
    monkeypatch.setattr(turnlabels, "TURN_LABEL_RUNS", False)
    assert paragraphs(_loose_transcript())[1] == TURNS[0][2]
