"""Page furniture added to the seed pages never reaches their clean text, and a sentence added to the body does.

Each kind of furniture below is written here (invented wording, markup unlike the seed sites):
a Wayback Machine toolbar, a consent dialog, an audio-player label, a registration wall, an
e-mail sign-up box, a table of contents, an author card, a topics line, a relative time with a
share count, a bare "Advertisement" label, a "Most Read" list, a gallery counter, a
"originally published" line, a poll with radio buttons, an inline "Sign up for ... alerts" promo. It is put into every seed page (after ``<body>``, after the first
or third paragraph, or after the last one) and the clean text must stay the seed's expected
text, word for word. The control, a sentence of article text put in the same place, must show.
Expected texts that live in ``../shared`` are skipped when it is absent.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from archiver.extraction import extract

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"

FURNITURE = {
    "wayback-toolbar": ("body", '<div id="wm-ipp-base"><div id="wm-ipp"><table><tr><td><a href="/web/">The Wayback '
                        'Machine</a> - https://web.archive.org/web/20220111063000/URL</td></tr></table><table><tr>'
                        '<td><a href="#">JAN</a> <b>2022</b></td><td><a href="#"><strong>14 captures</strong></a>'
                        '<div>11 Jan 2022 - 14 Jan 2022</div></td><td><a href="#" title="Close the toolbar">Close'
                        '</a></td></tr></table></div></div>'),
    "consent-dialog": ("body", '<div id="sp_message_container_11"><div class="message-component"><p>We value your '
                       'privacy. We and our partners store and access information on your device, such as cookies, '
                       'to process personal data for personalised ads and content.</p><button title="Accept all">'
                       'Accept all</button><button>Manage options</button></div></div>'),
    "audio-label": ("p3", '<div class="audio-player"><button aria-label="Play">Listen to this article</button>'
                    '<span>4 min</span></div>'),
    "registration-wall": ("p3", '<div class="regwall"><h3>Register to keep reading</h3><p>You have reached your '
                          'limit of free articles this month. Create a free account or subscribe to continue '
                          'reading.</p><p>Already a subscriber? <a href="#">Log in</a></p></div>'),
    "signup-box": ("p3", '<div class="nl-box"><h4>The Morning Briefing</h4><p>Get the day\'s top stories in your '
                   'inbox every morning.</p><form><input type="email" placeholder="Your email address">'
                   '<button>Sign up</button></form></div>'),
    "contents": ("p1", '<div class="box-contents"><p><b>Contents</b></p><ol><li><a href="#s1">What happened</a>'
                 '</li><li><a href="#s2">What comes next</a></li></ol></div>'),
    "author-card": ("end", '<div class="writer-card"><img src="/a.jpg" alt="Anna Petrova"><p>Anna Petrova is a '
                    'correspondent covering Central Asia. Follow her on Twitter @apetrova.</p></div>'),
    "topics": ("end", '<div class="kw"><span>Topics:</span> <a href="/t/kz">Kazakhstan</a> <a href="/t/ru">Russia'
               '</a></div>'),
    "relative-time": ("p1", '<div class="upd"><span>Updated 2 hours ago</span> <span>1.2K Shares</span></div>'),
    "advertisement": ("p3", "<div><span>Advertisement</span></div>"),
    "most-read": ("p3", '<div class="w9"><h3>Most Read</h3><ol><li><a href="/a">Kazakhstan protests: what we '
                  'know</a></li><li><a href="/b">Russia troops in Almaty</a></li><li><a href="/c">Oil prices '
                  'rise again</a></li></ol></div>'),
    "gallery-counter": ("p1", '<div class="pic"><img src="/x.jpg" alt=""><span>Click to enlarge</span>'
                        '<span>Photo 1 of 12</span></div>'),
    "poll": ("p3", '<div class="q7"><p>What do you think: should the troops stay?</p><label><input type="radio" '
             'name="v">Yes</label><label><input type="radio" name="v">No</label><button>Vote</button></div>'),
    "alerts-promo": ("p3", '<p class="inline-cta"><strong>Sign up for breaking news alerts</strong> and get the '
                     'biggest stories first.</p>'),
    "originally-published": ("end", '<p><em>This article was originally published on <a href="https://example.'
                             'org/x">Example News</a>.</em></p>'),
}
CONTROL = "This control sentence was added to the middle of the article body on purpose."


def seed_pages() -> list[tuple[str, str, Path]]:
    with open(SEEDS / "pages.tsv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [(r["path"], r["url"], ROOT / r["expected"]) for r in rows]


def inject(html: str, where: str, snippet: str) -> str:
    if where == "body":
        return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + snippet, html, count=1)
    if where == "end":
        i = html.rfind("</p>")
        return html[:i + 4] + snippet + html[i + 4:]
    n, nth = 0, {"p1": 1, "p3": 3}[where]

    def after(m: re.Match) -> str:
        nonlocal n
        n += 1
        return m.group(0) + (snippet if n == nth else "")

    return re.sub(r"</p>", after, html)


def expected_text(path: Path) -> str:
    if not path.exists():
        pytest.skip(f"expected text not found at {path}")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(FURNITURE))
def test_furniture_stays_out_of_every_seed_page(kind):
    where, snippet = FURNITURE[kind]
    checked = 0
    for page, url, expected_path in seed_pages():
        if not expected_path.exists():
            continue
        html = (SEEDS / page).read_text(encoding="utf-8")
        got = extract(inject(html, where, snippet), url).full_text
        assert got.split() == expected_text(expected_path).split(), (kind, page)
        checked += 1
    if not checked:
        pytest.skip("no expected texts found")


def test_the_control_sentence_shows_on_every_seed_page():
    for page, url, expected_path in seed_pages():
        if not expected_path.exists():
            continue
        html = (SEEDS / page).read_text(encoding="utf-8")
        got = extract(inject(html, "p3", f"<p>{CONTROL}</p>"), url).full_text
        assert CONTROL in got, page
