"""A journalist's pass over watching (nu58), by the README: a news site of one's own on loopback (127.0.58.x) whose
articles change between runs under noise (a rotating ad, an "Updated N minutes ago" stamp, a dateline whose time
moves, a comment count, a related-stories list, a cache-busting image URL, a cookie banner), ``run --watch`` every
16 minutes on the set clock, a real SMTP server (aiosmtpd) and a real webhook receiver, real WARCs and catalog.

- A headline edit was told as one word passage among the others, under the new title, so the mail's subject read
  like any edit and no field said the headline changed; when the page still declared the old headline in its
  ``<title>`` (the ``<h1>`` edited alone, as editors do), the old headline's words were explained by the page and
  left out as boilerplate, and the mail read ``content added: …Mayor {+Brandt defends 112 million euro+} town
  hall``: a headline that gained words, not one rewritten. Now the subject says ``(new headline)``, the message
  gives ``headline: OLD -> NEW`` whole, and a webhook gets ``archiver_before_headline`` and ``archiver_headline``
  (``archiver/diff/headline.py``).
- A change a few words into a paragraph showed the full stop alone of the paragraph before as its context:
  ``content replaced: …. ¶ The company said it would look at [-other lines-]{+lines 2 and 7+} next year.…``. A
  context's piece of another paragraph that holds no word is left out now (``archiver/diff/context.py``), in the
  watch's messages as in ``archiver history`` and ``archiver diff``.
- ``archiver report``'s timeline page gives the headline line too, under the step's times.
"""
from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from sitekit import Response, Site, run_archiver, write_list
from watchkit import STEP, Mailbox, Webhook

from archiver.diff.compare import compare_texts
from archiver.diff.headline import headline_change
from archiver.watch.clock import iso

HOST = "www.harbour-gazette58.test"
BUDGET = ["The city's draft budget for next year plans to cut the money for public libraries by a fifth, according "
          "to papers seen by this newspaper.",
          "Three branch libraries in the outer districts would close their doors on Saturdays, and the mobile "
          "library would stop serving the villages.",
          "The finance department said the cuts were needed to cover higher energy costs in schools and pools.",
          "The council will debate the draft in January. Library users have started a petition against the plans."]
MAYOR = ["Mayor Helena Brandt on Thursday defended the cost of the new town hall, which has risen to 112 million "
         "euros from an estimate of 70 million.",
         "Speaking to reporters, Brandt said the rise was due to building costs across the country and not to "
         "mistakes by the city.",
         "A report by the regional audit office last month found that the city had changed the plans eleven times "
         "after construction had started.",
         "The opposition has called for an inquiry. The council will vote on the request at its next meeting."]
TRAM = ["Tram line 4 will run every five minutes during the morning rush from Monday, the transport company said.",
        "The company has bought six new trams and hired twenty drivers to make the change possible.",
        "Passengers on the line have complained for years about crowded trams between the station and the campus.",
        "The company said it would look at other lines next year."]
TRAM_EDITED = [TRAM[0], TRAM[1].replace("twenty", "twenty-four"), TRAM[2], TRAM[3].replace("other lines", "lines 2 and 7")]
OLD_BUDGET, NEW_BUDGET = "City budget plans cuts to libraries", "City budget plans to close libraries on Saturdays"
OLD_MAYOR, NEW_MAYOR = "Mayor defends spending on new town hall", "Mayor Brandt defends 112 million euro town hall"
TRAM_TITLE = "Tram line 4 to run every five minutes"
# (declared <title>, shown <h1>, paragraphs) per run: runs 0 and 1 the same article under fresh noise, run 2 edited
ARTICLES = {
    "/news/budget": [(OLD_BUDGET, OLD_BUDGET, BUDGET)] * 2 + [(NEW_BUDGET, NEW_BUDGET, BUDGET)],
    "/news/mayor": [(OLD_MAYOR, OLD_MAYOR, MAYOR)] * 2 + [(OLD_MAYOR, NEW_MAYOR, MAYOR)],  # the <h1> edited alone
    "/news/tram": [(TRAM_TITLE, TRAM_TITLE, TRAM)] * 2 + [(TRAM_TITLE, TRAM_TITLE, TRAM_EDITED)],
}


def page(declared: str, shown: str, paras: list[str], hit: int) -> str:
    """An article page under noise that changes on every hit."""
    r = random.Random(hit * 7919)
    ad = r.choice(["Buy one get one free at Fresh Market this week", "Save 20% on winter tyres at AutoPlus",
                   "Holiday deals: fly to Lisbon from 39 euros"])
    related = "".join(f"<li><a href='/news/r{r.randint(1, 999)}'>{t}</a></li>" for t in r.sample(
        ["Ferry timetable changes", "Port strike talks resume", "New cycle lanes planned", "Harbour festival"], 2))
    body = "".join(f"<p>{p}</p>" for p in paras)
    mins = r.randint(1, 59)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{declared} | Harbour Gazette</title>"
            "</head><body><div class='cookie-consent'><p>We use cookies to improve your experience. "
            "<button>Accept all</button></p></div><header><a href='/'>Harbour Gazette</a><nav><a href='/city'>City"
            f"</a></nav></header><div class='ad-banner'><a href='/ads/{r.randint(1, 9999)}'>{ad}</a></div>"
            f"<main><article><h1>{shown}</h1><p class='updated'>Updated {mins} minutes ago</p>"
            f"<p class='dateline'>Published 07.12.2026 18:02 | Updated: 07.12.2026 19:{mins:02d}</p>"
            f"<figure><img src='/img/a.jpg?cb={r.randint(10 ** 8, 10 ** 9)}' alt='The town hall'></figure>{body}"
            f"<div class='related'><h3>Related stories</h3><ul>{related}</ul></div>"
            f"<p class='comments'><a href='#comments'>{r.randint(3, 400)} comments</a></p></article></main>"
            "<footer><p>Harbour Gazette 2026. All rights reserved.</p></footer></body></html>")


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    """Three watch runs of the three articles, mail and webhook targets; returns what each receiver got."""
    root = tmp_path_factory.mktemp("nu58")
    run = [0]
    site = Site(root / "site")
    news = site.host(HOST, address="127.0.58.11")
    for path, versions in ARTICLES.items():
        news.route(path, lambda req, versions=versions: Response(body=page(*versions[run[0]], req.hit)))
    urls = {path: news.url(path) for path in ARTICLES}
    listing = write_list(root / "urls.txt", list(urls.values()))
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
    codes = []
    with site, Mailbox() as box, Webhook("ok", host="127.0.58.12") as hook:
        site.start()
        for k in range(3):
            run[0] = k
            proc = run_archiver("run", listing, "--watch", "--now", iso(start + STEP * k), "--warcs", root / "warcs",
                                "--clean", root / "clean", "--delay", "0", "--retries", "0", "--jobs", "1",
                                "--progress", "never", "--notify", box.url(), "--notify", hook.url(),
                                *site.client_flags(), cwd=root, timeout=300)
            assert "Traceback" not in proc.stderr, proc.stderr
            codes.append(proc.returncode)
        report = run_archiver("report", "--output", root / "site", "--warcs", root / "warcs", "--clean", root / "clean",
                              cwd=root, timeout=300)
        assert report.returncode == 0, report.stdout + report.stderr
        pages = {path: next((root / "site").glob(f"*{path.rsplit('/', 1)[1]}*.html")).read_text(encoding="utf-8")
                 for path in ARTICLES}
        mails = [(str(m["Subject"]), body) for m, body in zip(box.messages, box.bodies(), strict=True)]
        return {"urls": urls, "codes": codes, "mails": mails, "hooks": list(hook.received),
                "feed": feedparser.parse(str(root / "clean" / "changes.atom")), "pages": pages}


def mail_of(walk, path: str) -> tuple[str, str]:
    found = [(s, b) for s, b in walk["mails"] if walk["urls"][path] in b]
    assert len(found) == 1, walk["mails"]
    return found[0]


def hook_of(walk, path: str) -> dict:
    found = [h for h in walk["hooks"] if h["archiver_url"] == walk["urls"][path]]
    assert len(found) == 1, walk["hooks"]
    return found[0]


def test_the_noise_is_no_edit_and_each_edit_is_one_message(walk):
    assert walk["codes"] == [0, 0, 1]
    assert len(walk["mails"]) == 3 and len(walk["hooks"]) == 3
    assert {h["archiver_kind"] for h in walk["hooks"]} == {"edit"}


def test_a_headline_edit_is_named_in_the_subject_and_whole(walk):
    subject, body = mail_of(walk, "/news/budget")
    assert subject == f"Content changed: {NEW_BUDGET} (new headline)"
    assert f"headline: {OLD_BUDGET} -> {NEW_BUDGET}" in body
    hook = hook_of(walk, "/news/budget")
    assert hook["archiver_before_headline"] == OLD_BUDGET and hook["archiver_headline"] == NEW_BUDGET
    assert hook["title"] == subject


def test_an_h1_edited_under_the_old_title_tag_reads_as_a_new_headline(walk):
    """The page's ``<title>`` keeps the old headline (no ``og:title``: the extractor takes the ``<h1>`` for the
    title line, so this is the plain title-line path; the ``og:title`` paths are in test_watch_mend66.py): the diff
    explains the old words by the ``<title>`` (boilerplate), so its passage shows only words added; the headline
    line gives both whole."""
    subject, body = mail_of(walk, "/news/mayor")
    assert subject == f"Content changed: {NEW_MAYOR} (new headline)"
    assert f"headline: {OLD_MAYOR} -> {NEW_MAYOR}" in body
    assert hook_of(walk, "/news/mayor")["archiver_before_headline"] == OLD_MAYOR


def test_a_body_edit_names_no_headline(walk):
    subject, body = mail_of(walk, "/news/tram")
    assert subject == f"Content changed: {TRAM_TITLE}"
    assert "headline:" not in body and "-four+}" in body
    # the full stop alone of the paragraph before is left out; the break where the context begins stays marked
    assert ("content replaced: \u2026\u00b6 The company said it would look at [-other lines-]{+lines 2 and 7+} next "
            "year.") in body
    assert ". \u00b6 The company said" not in body
    assert not {"archiver_before_headline", "archiver_headline"} & set(hook_of(walk, "/news/tram"))


def test_the_feed_entry_says_so_too(walk):
    assert not walk["feed"].bozo
    titles = sorted(e.title for e in walk["feed"].entries)
    assert titles == sorted([f"Content changed: {NEW_BUDGET} (new headline)",
                             f"Content changed: {NEW_MAYOR} (new headline)", f"Content changed: {TRAM_TITLE}"])


def test_the_timeline_page_gives_the_headline_whole(walk):
    """``archiver report``'s step of the <h1> edit: its changed passages show the added words only (the old ones are
    on the page's <title>, boilerplate); the headline line names both."""
    assert (f'<p class="headline">headline: <span class="del">{OLD_MAYOR}</span> \u2192 '
            f'<span class="add">{NEW_MAYOR}</span></p>') in walk["pages"]["/news/mayor"]
    assert f'<span class="del">{OLD_BUDGET}</span>' in walk["pages"]["/news/budget"]
    assert 'class="headline"' not in walk["pages"]["/news/tram"]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("Mayor defends spending\n\nA.", "Mayor Brandt defends\n\nA.", ("Mayor defends spending", "Mayor Brandt defends")),
    ("Mayor\u2019s \u201cplan\u201d \u2013 a view\n\nA.", "Mayor's \"plan\" - a view\n\nB.", None),  # quote styles
    ("Mayor  defends\n\nA.", "Mayor defends\n\nB.", None),  # spacing
    ("Mayor defends town hall\n\nA.", "Mayor defends town hall!\n\nB.", None),  # a mark: layout in the diff
    ("Rents rise 5%\n\nA.", "Rents rise 5\u2030\n\nA.", ("Rents rise 5%", "Rents rise 5\u2030")),  # a sign: a word
    ("Mayor defends\n\nA.", "", None),
    ("\n\nA.", "Mayor defends\n\nA.", None),  # no title line before
])
def test_headline_change_compares_words_as_the_diff_does(old, new, expected):
    assert headline_change(old, new) == expected


@pytest.mark.parametrize(("old", "new", "before", "after"), [
    # eight tokens back reach the full stop alone of the paragraph before
    ("T\n\nThey complained about the campus.\n\nThe company said it would look at other lines next year.",
     "T\n\nThey complained about the campus.\n\nThe company said it would look at lines 2 and 7 next year.",
     "\u00b6 The company said it would look at", "next year."),
    # a closing quote and a full stop
    ("T\n\nHe said \"it was late.\"\n\nOfficials say the vote is in May at the town hall.",
     "T\n\nHe said \"it was late.\"\n\nOfficials say the vote is in June at the town hall.",
     "\u00b6 Officials say the vote is in", "at the town hall."),
    # forward: the opening quote alone of the next paragraph
    ("T\n\nThe vote will be held in May at the town hall on Friday.\n\n\u201cWe are ready,\u201d she said.",
     "T\n\nThe vote will be held in June at the town hall on Friday.\n\n\u201cWe are ready,\u201d she said.",
     "T \u00b6 The vote will be held in", "at the town hall on Friday. \u00b6"),
    # a piece with a word stays: it says where the change stands
    ("T\n\nThey met.\n\nThe firm would look at other lines.",
     "T\n\nThey met.\n\nThe firm would look at more lines.",
     "They met. \u00b6 The firm would look at", "lines."),
    # review63: a "). " piece and behind it a paragraph of a dash alone, both left out
    ("T\n\nThey complained (about the campus).\n\n\u2014\n\nThe firm would look at other lines.",
     "T\n\nThey complained (about the campus).\n\n\u2014\n\nThe firm would look at lines 2 and 7.",
     "\u00b6 The firm would look at", "."),
    # the change opens its paragraph: the break alone stays
    ("T\n\nThey left.\n\n( ) ( ) ( ) ( ) ( )\n\nOther lines here.",
     "T\n\nThey left.\n\n( ) ( ) ( ) ( ) ( )\n\nNew lines here.", "\u00b6", "lines here."),
])
def test_a_context_leaves_out_a_piece_of_another_paragraph_without_words(old, new, before, after):
    (change,) = [c.to_dict() for c in compare_texts(old, new).changes]
    assert (change["before"], change["after"]) == (before, after)
