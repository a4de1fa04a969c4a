"""The thirteenth renditions of the seed pages (``tests/fixtures/renditions13``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off.
"""

from __future__ import annotations

import pytest
from renditionkit import ALT, BODY, HOST, TITLE, URL, assert_story_body, word_for_word
from rulekit import without_paragraph_rule

from archiver.extraction import extract, pdflayers, pdflines
from archiver.extraction.paragraphs import clean_paragraphs
from archiver.extraction.rules import rules_for

# pages whose kinds are still open (see the set's README): a strict xfail, so a fixed page is taken off
OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions13", OPEN)


# The templates of ``extra.py`` (a list archive's message, an Outline copy, a Lemmy post, Word's
# filtered HTML).
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions13", listing="extra.tsv")


def _pasted_post(caption: str = ALT) -> str:
    """A story pasted into a blog's rich-text editor: the photo alone in a ``<div>`` of its own, the
    caption repeating its alt in the next centred ``<div>``, the paragraphs as ``<div>``s around them."""
    paras = [f"<div>{p}</div>" for p in BODY]
    photo = (f'<div class="separator" style="clear: both; text-align: center;"><a href="/img/ferry.jpg"><img alt="{ALT}" '
             f'src="/img/ferry-640.jpg" width="640"></a></div><div style="text-align: center;"><span style="color: '
             f'#666666; font-size: 13px;">{caption}</span></div>')
    return (f"<html><head><title>{TITLE}</title></head><body><div class='post'><h3 class='post-title'>{TITLE}</h3>"
            f"<div class='post-body'>{paras[0]}{photo}{''.join(paras[1:])}</div></div></body></html>")


def test_a_pasted_caption_repeating_the_alt_under_the_photo_s_block_goes(monkeypatch):
    from archiver.extraction import altcaptions
    assert_story_body(_pasted_post(), "alt-caption")
    monkeypatch.setattr(altcaptions, "BLOCK_PAIRS", False)
    assert ALT in extract(_pasted_post(), URL).paragraphs


def test_a_line_under_the_photo_saying_more_than_the_alt_stays():
    caption = f"{ALT}, as the harbour board's new timetable takes effect"
    assert caption in extract(_pasted_post(caption), URL).paragraphs


CARDS = (("Ferry crews win the lake regatta for a third year", "ferry-crews-win-the-lake-regatta-for-a-third-year",
          "The harbour's two crews beat eleven others on a windy Saturday, the club said."),
         ("Harbour board names a new pier master after forty years", "harbour-board-names-a-new-pier-master",
          "The board chose a deckhand who started on the night ferry as a teenager."))


def _post_with_cards() -> str:
    """The pasted post, then a "Related posts" row with a teaser card: an overlay link to the
    story (its address the title's slug), the story's image alone in a ``<div>``, the title repeating
    the image's alt, an excerpt."""
    cards = "".join(f'<div class="flex flex-col gap-3"><a class="absolute inset-0" href="/2026/10/{slug}"></a><div class="relative h-48"><img alt="{t}" '
                    f'src="/img/{slug}.jpg"></div><p class="text-lg font-bold">{t}</p><p class="text-md">{x}</p></div>'
                    for t, slug, x in CARDS[:1])  # two pairs at most are captions (MAX_PAIRS)
    return _pasted_post().replace("</div></div></body>", f"</div><h2>Related posts</h2>{cards}</div></body>")


def test_a_teaser_card_s_title_under_its_image_is_no_caption(monkeypatch):
    from archiver.extraction import altcaptions
    result = extract(_post_with_cards(), URL)
    assert ALT not in result.paragraphs  # the pasted photo's caption still goes
    captions = [r.text for r in result.removed if r.rule == "alt-caption"]
    assert not any(CARDS[0][0] in text for text in captions) and CARDS[0][2] not in result.paragraphs
    monkeypatch.setattr(altcaptions, "_links_page_named", lambda block, alt, image_block: False)
    captions = [r.text for r in extract(_post_with_cards(), URL).removed if r.rule == "alt-caption"]
    assert any(CARDS[0][0] in text for text in captions)


def test_a_caption_under_a_photo_linking_to_its_own_attachment_page_still_goes():
    """WordPress links a photo to its attachment page, whose address is the photo's title as a slug:
    that is the image's own link, no teaser card's."""
    slug = "-".join(ALT.lower().split())
    page = _pasted_post().replace('<a href="/img/ferry.jpg">', f'<a href="/2026/11/20/ferry-timetable-changes/{slug}/">')
    result = extract(page, URL)
    assert ALT not in result.paragraphs and "alt-caption" in {r.rule for r in result.removed}


def _printed_lines(site: str = "Harbourtown Gazette") -> list[list[tuple[str, str, float]]]:
    """The story printed to two pages: ``(text, font, top)`` lines, the site's name and menu above the
    headline, the body wrapped at 60 characters, a paragraph running over the page break."""
    import textwrap
    pages: list[list[tuple[str, str, float]]] = [[(site, "big", 60.0),
                                                  ("News  Ferries  Weather  About", "small", 84.0),
                                                  (TITLE, "head", 120.0)]]
    top = 170.0
    for para in BODY:
        for piece in textwrap.wrap(para, 60):
            if top > 560:
                pages.append([])
                top = 80.0
            pages[-1].append((piece, "body", top))
            top += 18.0
        top += 12.0
    return pages


SIZES = {"big": 20.0, "small": 10.0, "head": 28.0, "body": 14.0, "print": 8.0}
PAGE = 680.0


def _pdf2htmlex_page(site: str = "Harbourtown Gazette") -> str:
    """The printed story as pdf2htmlEX writes it: each line a ``div.t`` placed by its classes only
    (``x``/``y`` for left and bottom, ``fs`` times the ``m0`` matrix's scale), the print's header and
    footer on both pages."""
    pages = _printed_lines(site)
    css, divs, ys = [], [], {}
    for n, lines in enumerate(pages, 1):
        chrome = [(f"11/20/26, 9:1{n} AM", "print", 20.0), (f"{URL}", "print", 650.0), (f"{n}/{len(pages)}", "print", 662.0)]
        out = []
        for text, font, top in chrome[:1] + lines + chrome[1:]:
            y = ys.setdefault(PAGE - top, f"y{len(ys):x}")
            out.append(f'<div class="t m0 x1 h1 {y} ff1 fs{list(SIZES).index(font)} fc0 sc0 ls0 ws0">'
                       + text.replace(" ", '<span class="_ _0"> </span>', 1) + "</div>")
        divs.append(f'<div id="pf{n}" class="pf w0 h0" data-page-no="{n}"><div class="pc pc{n} w0 h0"><img class="bi x0 '
                    f'y0 w1 h1" alt="" src="data:image/png;base64,iVBORw0KGgo="/>{"".join(out)}</div></div>')
    css = [f".{name}{{bottom:{bottom:.6f}px;}}" for bottom, name in ys.items()]
    css += [f".fs{i}{{font-size:{4 * size:.6f}px;}}" for i, size in enumerate(SIZES.values())]
    return (f"<!DOCTYPE html><!-- Created by pdf2htmlEX (https://github.com/pdf2htmlEX/pdf2htmlEX) --><html><head>"
            f"<meta name='generator' content='pdf2htmlEX'/><style>.t{{position:absolute;white-space:pre}}</style><style>"
            f".m0{{transform:matrix(0.250000,0.000000,0.000000,0.250000,0,0);}}.x1{{left:56.690000px;}}.h0{{height:{PAGE}px;}}"
            f".h1{{height:12.0px;}}{''.join(css)}</style><title>{TITLE} | Harbourtown Gazette</title></head><body>"
            f"<div id='sidebar'><div id='outline'></div></div><div id='page-container'>{''.join(divs)}</div></body></html>")


def _pdfjs_page() -> str:
    """The printed story in the browser's PDF viewer (pdf.js), saved: each page's text layer of spans
    placed in per cent of the page, a ``<br>`` after each line, the first line in two runs."""
    pages = _printed_lines()
    out = []
    for n, lines in enumerate(pages, 1):
        chrome = [(f"11/20/26, 9:1{n} AM", "print", 20.0), (f"{n}/{len(pages)}", "print", 662.0)]
        spans = []
        for text, font, top in chrome[:1] + lines + chrome[1:]:
            style = (f"left: {100 * 56.69 / 612:.2f}%; top: {100 * top / PAGE:.2f}%; font-size: calc(var(--scale-factor)"
                     f"*{SIZES[font]:.2f}px); font-family: sans-serif; transform: scaleX(0.97);")
            head, _, tail = text.partition(" ")
            spans.append(f'<span role="presentation" dir="ltr" style="{style}">{head}</span><span role="presentation" '
                         f'dir="ltr" style="{style.replace("left: 9", "left: 1")}"> {tail}</span><br role="presentation">')
        out.append(f'<div class="page" data-page-number="{n}" aria-label="Page {n}" style="width: calc(var(--scale-factor) '
                   f'* 612px); height: calc(var(--scale-factor) * {PAGE:.0f}px);"><div class="canvasWrapper"><canvas>'
                   f'</canvas></div><div class="textLayer">{"".join(spans)}<div class="endOfContent"></div></div></div>')
    return (f"<!DOCTYPE html><html><head><title>{TITLE}</title></head><body><div id='toolbarContainer'><button "
            f"id='sidebarToggle'><span>Toggle Sidebar</span></button><span id='numPages'>of {len(pages)}</span></div>"
            f"<div id='viewerContainer'><div id='viewer' class='pdfViewer'>{''.join(out)}</div></div></body></html>")


@pytest.mark.parametrize("build", [_pdf2htmlex_page, _pdfjs_page], ids=["pdf2htmlEX", "pdf.js"])
def test_a_pdf_s_text_layer_reads_as_paragraphs_again(monkeypatch, build):
    page = build()
    assert page.count('data-page-number="2"') + page.count('data-page-no="2"') == 1  # over the page break
    result = extract(page, URL)
    assert result.title == TITLE and list(result.paragraphs) == BODY
    monkeypatch.setattr(pdflayers, "TEXT_LAYERS", False)
    result = extract(page, URL)
    assert list(result.paragraphs) != BODY


def test_without_the_masthead_stage_the_site_s_name_above_the_headline_stays(monkeypatch):
    monkeypatch.setattr(pdflines, "MASTHEAD", False)
    assert "Harbourtown Gazette" in extract(_pdf2htmlex_page(), URL).paragraphs


def test_a_sentence_printed_above_the_headline_stays():
    page = _pdf2htmlex_page("The board meets again in March.")
    assert "The board meets again in March." in extract(page, URL).paragraphs


@pytest.mark.parametrize(("rule", "lines"), [
    ("comments-tail", [f"One thought on “{TITLE}”", "quayside_sam says:", "The ten o'clock boat was always late anyway."]),
    ("share-prompt", ["Share this:"]),
    ("comment-form-placeholder", ["Connecting to %s"]),
])
def test_a_printed_post_s_comment_furniture_goes_and_stays_without_its_rule(monkeypatch, rule, lines):
    text = [*BODY, *lines]
    assert clean_paragraphs(text, rules_for(HOST))[0] == BODY
    without_paragraph_rule(monkeypatch, rule)
    from archiver import extraction
    assert clean_paragraphs(text, extraction.rules_for(HOST))[0] != BODY


def test_one_thought_in_a_sentence_is_no_comment_heading():
    line = "One thought on the timetable kept coming back at the meeting: would the night crossings return?"
    assert clean_paragraphs([*BODY, line], rules_for(HOST))[0] == [*BODY, line]


def test_without_the_short_page_stage_the_print_s_last_page_is_lost(monkeypatch):
    """The last printed page holds fewer than ``MIN_LINES`` lines: read as one only beside pages like it."""
    monkeypatch.setattr(pdflines, "SHORT_PAGES", False)
    assert BODY[-1] not in extract(_pdf2htmlex_page(), URL).paragraphs


LISTINFO = ("https://lists.harbour-net.example/mailman/listinfo/harbour-watch-announcements-and-timetable-"
            "changes-2026")  # over 100 characters: past the widest a mail is wrapped at


def _list_message(lead: str = "Reposted from the Gazette for those of you off the web this week.") -> str:
    """A list archive's message (Pipermail): "[harbour-watch] Title" as ``<title>`` and ``<h1>``, the mail
    in a ``<pre>`` wrapped at 72 columns: a lead line, the headline, the story, "Read more:" with the
    address, the "-- " signature and the list's footer, whose listinfo address runs past the width."""
    import textwrap
    story = "\n\n".join("\n".join(textwrap.wrap(p, 72)) for p in BODY)
    pre = (f"{lead}\n\n{TITLE}\n\n{story}\n\nRead more: <a href='{URL}'>{URL}</a>\n\n-- \nMarta\n\n"
           f"_______________________________________________\nharbour-watch mailing list\n"
           f"harbour-watch at lists.harbour-net.example\n<a href='{LISTINFO}'>{LISTINFO}</a>\n")
    return (f"<html><head><title> [harbour-watch] {TITLE}\n</title></head><body><h1>[harbour-watch] {TITLE}</h1>"
            f"<b>Marta Quay</b> <a href='mailto:x'>marta at harbour-net.example</a><br><i>Fri Nov 20 09:14:02 UTC "
            f"2026</i><hr><!--beginarticle--><pre>{pre}</pre><!--endarticle--><hr><a href='{LISTINFO}'>More "
            "information about the harbour-watch\nmailing list</a></body></html>")


def test_a_list_archive_s_message_reads_as_the_story():
    result = extract(_list_message(), URL)
    assert result.title == TITLE and list(result.paragraphs) == BODY


def test_without_the_address_lines_stage_the_mail_stays_one_line_per_wrap(monkeypatch):
    from archiver.extraction import prosepre
    monkeypatch.setattr(prosepre, "ADDRESS_LINES", False)
    assert BODY[0] not in extract(_list_message(), URL).paragraphs


def test_without_the_signature_stage_the_signature_and_list_footer_stay(monkeypatch):
    from archiver.extraction import prosepre
    monkeypatch.setattr(prosepre, "SIGNATURE", False)
    # renditions19's paragraph rule takes the same lines where a mail is <br> lines rather than a <pre>
    without_paragraph_rule(monkeypatch, "mail-signature-tail")
    assert "Marta" in extract(_list_message(), URL).paragraphs


def test_a_dash_line_early_in_a_mail_cuts_nothing():
    from archiver.extraction.prosepre import without_signature
    lines = ["First line of the note.", "-- ", *(f"line {n} of the story goes on here" for n in range(20))]
    assert without_signature(lines) == lines


def test_without_the_list_tag_stage_the_title_keeps_the_list_s_name(monkeypatch):
    from archiver.extraction import toplabels
    monkeypatch.setattr(toplabels, "LIST_TAG", False)
    assert extract(_list_message(), URL).title == f"[harbour-watch] {TITLE}"


@pytest.mark.parametrize("title", ["[VIDEO] Ferry runs aground", "[Update] Ferry runs aground", "[1] A footnote"])
def test_a_label_in_brackets_is_no_list_tag(title):
    from archiver.extraction.toplabels import without_list_tag
    assert without_list_tag(title, "<!--beginarticle-->") == title
    assert without_list_tag("[Python-Dev] PEP 8 again", "<!--beginarticle-->") == "PEP 8 again"


@pytest.mark.parametrize("title", ["[Op-Ed] Ferry runs aground", "[video] Ferry runs aground",
                                   "[COVID-19] Ferry runs aground"])
def test_a_news_page_s_bracketed_label_stays_in_its_title(title):
    # the list tag's form, but no list archive: the page's own label (review2)
    html = _list_message().replace("[harbour-watch] ", title[:title.index("]") + 2])
    news = html.replace("<!--beginarticle-->", "").replace("<!--endarticle-->", "")
    assert extract(news, URL).title == title[:title.index("]") + 2] + TITLE
    assert extract(html, URL).title == TITLE  # in a list archive's page it is taken for the list's tag
    from archiver.extraction.toplabels import without_list_tag
    assert without_list_tag("[kz-watch] Ferry runs aground", "<a href='/mailman/listinfo/kz-watch'>") \
        == "Ferry runs aground"


def test_without_the_title_after_rules_stage_the_headline_under_a_repost_s_lead_stays(monkeypatch):
    from archiver.extraction import toplabels
    monkeypatch.setattr(toplabels, "TITLE_AFTER_RULES", False)
    assert extract(_list_message(), URL).paragraphs[0] == TITLE


def test_a_poster_s_full_text_line_naming_the_source_goes_and_stays_without_its_rule(monkeypatch):
    lines = ["Full text: Harbourtown Gazette", *BODY]
    assert clean_paragraphs(lines, rules_for(HOST))[0] == BODY
    keep = ["Full text: the board says the night crossings end in December.", *BODY]
    assert clean_paragraphs(keep, rules_for(HOST))[0] == keep
    without_paragraph_rule(monkeypatch, "full-text-label")
    from archiver import extraction
    assert clean_paragraphs(lines, extraction.rules_for(HOST))[0] == lines


def _word_page(caption: str = "<span style='font-size:12.0pt'>The last ferry of the night leaves the quay at ten.</span>") -> str:
    """A story copied into Word and saved as filtered HTML: every run in a ``<span>``, the photo alone in
    its paragraph, a plain caption and a bold credit after it."""
    def mso(text: str) -> str:
        return f"<p class=MsoNormal><span lang=EN-GB style='font-size:12.0pt;font-family:\"Georgia\",serif'>{text}</span></p>"
    return (f"<html><head><meta name=Generator content='Microsoft Word 15 (filtered)'><title>{TITLE}</title></head><body>"
            f"<div class=WordSection1><p class=MsoTitle><span lang=EN-GB>{TITLE}</span></p>{mso(BODY[0])}<p class="
            f"MsoNormal><span lang=EN-GB><img width=602 height=401 src='x_files/image001.jpg' alt='Ferry'></span></p>"
            f"<p class=MsoNormal>{caption}</p>{mso('<b>Harbour Board / Press</b>')}"
            + "".join(mso(p) for p in BODY[1:]) + "</div></body></html>")


def test_a_word_processor_s_caption_and_credit_go(monkeypatch):
    from archiver.extraction import altcaptions
    result = extract(_word_page(), URL)
    assert list(result.paragraphs) == BODY
    monkeypatch.setattr(altcaptions, "OFFICE_PAIRS", False)
    assert "Harbour Board / Press" in extract(_word_page(), URL).paragraphs


def test_a_plain_line_after_a_photo_without_a_credit_stays():
    page = _word_page().replace("<b>Harbour Board / Press</b>", "<b>What the board decided</b>")
    assert "The last ferry of the night leaves the quay at ten." in extract(page, URL).paragraphs


def test_a_tutorial_s_step_above_its_bold_command_after_a_screenshot_stays():
    """Outside Word's markup a plain paragraph after an image is text: a step, then its command in bold
    (a WCXB test page lost the step when any plain paragraph counted)."""
    step = "Now, open the terminal and go to the application folder with the following command:"
    page = (f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1><p>{BODY[0]}</p>"
            f"<p><img src='/shot.png' alt='terminal'></p><p>{step}</p><p><b>cd applications/your_app/public_html</b>"
            "</p>" + "".join(f"<p>{p}</p>" for p in BODY[1:]) + "</article></body></html>")
    assert step in extract(page, URL).paragraphs
