"""The eighteenth renditions of the seed pages (``tests/fixtures/renditions18``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off.

- a news database's document view (Nexis Uni): the header's fields between the headline and the body
  (the source, "January 11, 2022 Tuesday", the copyright line, "Section:", "Length: 612 words",
  "Byline:", the "Body" heading) were the text's first lines, and the teaser stood as "Highlight: ..."
  (``dbheader.read_database_header``, switch ``stage:database-header``);
- a blog importer's line closing the copy with the original's domain and date ("Originally published
  at www.example.com on January 11, 2022.", Medium's import tool) stayed (paragraph rule
  ``import-origin-line``);
- a site builder's element its conditional visibility switched off (Webflow's ``w-condition-invisible``,
  hidden only by the class's stylesheet) was read as text when it held paragraphs (DOM rule
  ``conditionally-invisible``);
- a page editor's hover control label ("Click to delete", PrintFriendly), a newsletter's issue line
  ("Daily Digest · January 11, 2022") and its "Latest comment:" excerpt stayed (paragraph rules
  ``hover-control-label``, ``newsletter-issue-line``, ``comment-excerpt``);
- (diff) a stored line a paragraph rule removes whole, pieces of which the page holds elsewhere ("Skip to
  main menu" beside the page's "Skip to main content"), was content (``diff.explained.WHOLE_LINE_RULES``).
"""

from __future__ import annotations

import pytest
from renditionkit import BODY, TITLE, URL, word_for_word

from archiver.extraction import extract

# pages whose kinds are still open (see the set's README): a strict xfail, so a fixed page is taken off
OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions18", OPEN)

# extras whose kinds are open (the set's README, "Extras"): strict xfails, taken off when fixed
OPEN_EXTRA = {
    "extra/googlesites-www.rferl.org.html",  # the class page's own heading, note and questions around the paste
}
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions18", OPEN_EXTRA, "extra.tsv")


def _database(fields: str, body: list[str] = BODY) -> str:
    """The ferry story as a news database shows it: the product's chrome, the headline, the header's
    ``fields`` (HTML), the body, the tail fields."""
    paras = "".join(f"<p class='para'>{p}</p>" for p in body)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{TITLE} - NewsBank Archive</title></head><body>"
            "<header><a href='/'>News Archive</a><nav><a href='#'>Search</a><a href='#'>Folders</a></nav></header>"
            "<div class='tools'><button>Download</button><button>Cite</button></div><main><section class='doc'>"
            f"<h1>{TITLE}</h1>{fields}<div class='body'>{paras}</div><p>Load-Date: November 21, 2026</p>"
            "<p>End of Document</p></section></main><footer>© 2026 Archive Services</footer></body></html>")


NEXIS_FIELDS = ("<p>Harbourtown Gazette</p><p>November 20, 2026 Friday</p><p>Copyright 2026 Harbourtown Gazette "
                "All Rights Reserved</p><p>Section: LOCAL; Pg. 4</p><p>Length: 486 words</p><p>Byline: Ann Lee</p>"
                "<p>Dateline: HARBOURTOWN</p><h2>Body</h2>")


def test_a_news_database_s_header_fields_go_and_stay_with_the_stage_off(monkeypatch):
    from archiver.extraction import dbheader
    result = extract(_database(NEXIS_FIELDS), URL)
    assert list(result.paragraphs) == BODY and result.title == TITLE
    taken = "\n".join(r.text for r in result.removed if r.rule == "database-header")
    assert all(field in taken for field in ("Length: 486 words", "Byline: Ann Lee", "Load-Date:"))
    monkeypatch.setattr(dbheader, "DB_HEADER", False)
    kept = extract(_database(NEXIS_FIELDS), URL).paragraphs
    assert "Length: 486 words" in kept and "Byline: Ann Lee" in kept


def test_a_highlight_field_is_the_teaser_without_its_label(monkeypatch):
    from archiver.extraction import dbheader
    teaser = "The harbour board cut the last winter crossing by an hour and added early sailings on weekdays."
    fields = NEXIS_FIELDS.replace("<h2>Body</h2>", f"<p>Highlight: {teaser}</p><h2>Body</h2>")
    assert list(extract(_database(fields), URL).paragraphs) == [teaser, *BODY]
    monkeypatch.setattr(dbheader, "DB_HEADER", False)
    assert f"Highlight: {teaser}" in extract(_database(fields), URL).paragraphs


def test_a_length_in_words_inside_a_story_or_below_a_long_line_changes_nothing():
    from archiver.extraction.dbheader import read_database_header
    story = [BODY[0], "Length: 486 words", "Byline: Ann Lee", *BODY[1:]]  # a long line above the length field
    assert read_database_header(story) == (story, [])
    late = [*(f"Line {i}" for i in range(12)), "Length: 486 words", *BODY]  # not among the first lines
    assert read_database_header(late) == (late, [])
    word = ["Length: the ferry is 80 metres long", *BODY]  # a "Length:" line that is no word count
    assert read_database_header(word) == (word, [])


def _imported(last: str) -> str:
    paras = "".join(f"<p class='graf graf--p'>{p}</p>" for p in [*BODY, last])
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{TITLE}</title></head><body><article class="
            f"'h-entry'><header><h1 class='p-name'>{TITLE}</h1></header><section data-field='body' class='e-content'>"
            f"{paras}</section><footer><p>Exported from Medium on November 30, 2026.</p></footer></article></body></html>")


@pytest.mark.parametrize("line", ["Originally published at www.harbourtown-gazette.example on November 20, 2026.",
                                  "Originally published at harbourtown-gazette.example/news/ferry on 20 November 2026."])
def test_an_importer_s_origin_line_goes_and_stays_without_its_rule(monkeypatch, line):
    from rulekit import without_paragraph_rule
    assert list(extract(_imported(line), URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, "import-origin-line")
    assert line in extract(_imported(line), URL).paragraphs


@pytest.mark.parametrize("line", ["This article was originally published on The Conversation.",
                                  "Originally published at the harbour board's meeting on November 20, 2026, the "
                                  "timetable was revised twice."])
def test_a_sentence_naming_where_the_story_first_ran_stays(line):
    assert line in extract(_imported(line), URL).paragraphs


def _builder(box: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (f"<!DOCTYPE html><html data-wf-site='61d5'><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            "<div class='navbar w-nav'><a href='/' class='w-nav-brand'>Harbour Watch</a></div><div class='w-container'>"
            f"<h1>{TITLE}</h1>{box}<div class='rich-text w-richtext'>{paras}</div></div><div class='footer'>© Harbour "
            "Watch</div></body></html>")


MEMBERS = ("<div class='members-box w-condition-invisible'><h3>Members only</h3><p>Become a member of Harbour Watch to "
           "read the board's full minutes and join our monthly briefing.</p><a href='/join' class='w-button'>Join</a></div>")


def test_a_conditionally_invisible_box_goes_and_stays_without_its_rule(monkeypatch):
    from rulekit import without_dom_rule
    assert list(extract(_builder(MEMBERS), URL).paragraphs) == BODY
    without_dom_rule(monkeypatch, "conditionally-invisible")
    assert any("Become a member" in p for p in extract(_builder(MEMBERS), URL).paragraphs)


def test_the_diff_explains_a_stored_line_a_rule_removes_whole_though_the_page_holds_pieces_of_it(monkeypatch):
    """The database page (renditions18's dw.com) has its own "Skip to main content"; the stored copy's
    "Skip to main menu" was three words found there and "menu" explained by nothing: content-changed.
    The skip-link rule removes the whole line from any page."""
    from archiver.diff import explained
    from archiver.diff.compare import compare_texts
    from archiver.diff.evidence import evidence
    from archiver.diff.page import html_page_text
    new = f"{TITLE}\n\n" + "\n\n".join(BODY) + "\n"
    page = html_page_text(f"<html><body><a href='#main'>Skip to main content</a><article><h1>{TITLE}</h1>"
                          + "".join(f"<p>{p}</p>" for p in BODY) + "</article></body></html>")
    old = "Skip to main menu\n\n" + new
    result = compare_texts(old, new, evidence=evidence(page=page, article_text=new))
    assert result.cls == "boilerplate" and any(c.rule == "skip-link" for c in result.changes), result.changes
    monkeypatch.setattr(explained, "WHOLE_LINE_RULES", False)
    assert compare_texts(old, new, evidence=evidence(page=page, article_text=new)).cls == "content-changed"
    # a line no rule removes whole stays content where the page lacks a piece of it
    edited = f"Skip to main content of the {BODY[0]}\n\n" + new
    assert compare_texts(edited, new, evidence=evidence(page=page, article_text=new)).cls == "content-changed"


def _letter(top: list[str], tail: list[str]) -> str:
    """The ferry story in a newsletter's web copy: ``top`` lines above the story, ``tail`` lines after it."""
    def rows(lines: list[str]) -> str:
        return "".join(f"<tr><td><div class='text-container'><p>{line}</p></div></td></tr>" for line in lines)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{TITLE}</title></head><body><table class='layout'>"
            f"<tr><td><h1>{TITLE}</h1></td></tr>{rows(top)}<tr><td><div class='text-container'>"
            + "".join(f"<p>{p}</p>" for p in BODY) + f"</div></td></tr>{rows(tail)}</table><p class='footer-text'>"
            "Harbour Watch | 1 Quay Road | Harbourtown</p></body></html>")


COMMENT = "The early sailings are welcome, but cutting the last crossing strands everyone working a late shift."


@pytest.mark.parametrize(("top", "tail", "rule", "gone"), [
    (["Click to delete"], [], "hover-control-label", "Click to delete"),
    (["Morning Briefing · November 20, 2026"], [], "newsletter-issue-line", "Morning Briefing · November 20, 2026"),
    (["Weekly Roundup | Friday, November 20, 2026"], [], "newsletter-issue-line",
     "Weekly Roundup | Friday, November 20, 2026"),
    ([], ["Latest comment:", COMMENT], "comment-excerpt", COMMENT),
])
def test_a_tool_s_control_label_a_letter_s_issue_line_and_a_comment_excerpt_go_and_stay_without_their_rules(
        monkeypatch, top, tail, rule, gone):
    from rulekit import without_paragraph_rule
    assert list(extract(_letter(top, tail), URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, rule)
    assert gone in extract(_letter(top, tail), URL).paragraphs


@pytest.mark.parametrize("line", ["Click to delete the photos you no longer need, the harbour board advised.",
                                  "Daily crossings · November 20, 2026 saw record numbers",
                                  "The board's latest comment: the timetable stays until spring."])
def test_a_sentence_like_the_labels_stays(line):
    from archiver.extraction.paragraphs import clean_paragraphs
    from archiver.extraction.rules import rules_for
    assert clean_paragraphs([line, *BODY], rules_for("www.harbourtown-gazette.example"))[0] == [line, *BODY]
