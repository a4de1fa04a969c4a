"""Watching: page noise that ``bench/watch_noise.py`` found called an edit, served by a loopback news site
that changes it on every hit, watched by ``archiver run --watch``; the verdicts read from the real catalog.
"""
from __future__ import annotations

from sitekit import Response
from watchkit import Watcher

HOST = "www.riverside-courier.test"
ADDRESS = "127.0.0.220"
PARAS = [
    "The town library will stay open until ten in the evening on weekdays from next month, the council "
    "announced on Monday after a year of complaints from students and shift workers.",
    "The longer hours will cost about 140,000 euros a year, paid from the culture budget, and the library "
    "will hire four more staff for the evening shifts.",
    "Students had collected more than 2,300 signatures asking for later opening times, saying the reading "
    "rooms were the only quiet place to work in the town centre.",
    "The head librarian, Marta Kovac, said the change was overdue. \"People work at all hours now, and the "
    "library has to follow them,\" she said.",
    "The council will review the new hours after six months and decide whether to extend them to weekends.",
]
EDITED = ("The longer hours will cost about 185,000 euros a year, paid from the culture budget, and the library "
          "will hire four more staff for the evening shifts.")


def article(hit: int, lead: str, edited: bool = False) -> str:
    """The article with ``lead`` (the noise of this hit) inside its body, above the first paragraph."""
    paras = list(PARAS)
    if edited:
        paras[1] = EDITED
    body = "".join(f"<p>{p}</p>" for p in paras)
    return f"""<!DOCTYPE html><html><head><title>Library to stay open until ten | Riverside Courier</title></head>
<body><header><nav><a href="/">Home</a> <a href="/town">Town</a></nav></header>
<main><article><h1>Library to stay open until ten</h1><p class="byline">By Jonas Weber</p>
<div class="story-body">{lead}{body}</div></article></main>
<footer><p>Riverside Courier 2026</p></footer></body></html>"""


def watch(site, tmp_path, page) -> Watcher:
    news = site.host(HOST, address=ADDRESS)
    news.route("/town/library", lambda req: Response(body=page(req.hit)))
    site.start()
    return Watcher(site, tmp_path, news.url("/town/library"))


def test_updated_minutes_ago_inside_the_article_is_no_edit(site, tmp_path):
    """'Updated N minutes ago' as a plain paragraph in the article's body, a new N on every visit:
    without the paragraph rule relative-time-line each capture was an edit (bench: 168 of 174)."""
    ago = ["Updated 3 minutes ago", "Updated 18 minutes ago", "Updated 41 minutes ago", "Updated 1 hour ago",
           "Updated 2 hours ago"]
    watcher = watch(site, tmp_path, lambda hit: article(hit, f"<p>{ago[(hit - 1) % len(ago)]}</p>", edited=hit == 5))
    codes = [watcher.run()[0] for _ in range(5)]
    verdicts = watcher.verdicts()
    assert verdicts[:4] == ["first", "same", "same", "same"], verdicts  # the clean text holds no clock
    assert verdicts[4] == "edit" and watcher.events() == [("edit", 2)]  # the real edit is still seen
    assert codes == [0, 0, 0, 0, 1]


def test_a_live_pages_refresh_banner_inside_the_article_is_no_edit(site, tmp_path):
    """'This page will be updated. Last refresh N seconds ago.' in the body, a new N on every visit: every
    capture was an edit (nu30) until the paragraph rule live-refresh-line."""
    ago = [12, 47, 3, 31, 58]
    watcher = watch(site, tmp_path, lambda hit: article(
        hit, f"<p>This page will be updated. Last refresh {ago[(hit - 1) % len(ago)]} seconds ago.</p>", edited=hit == 5))
    codes = [watcher.run()[0] for _ in range(5)]
    verdicts = watcher.verdicts()
    assert verdicts[:4] == ["first", "same", "same", "same"], verdicts
    assert verdicts[4] == "edit" and watcher.events() == [("edit", 2)]
    assert codes == [0, 0, 0, 0, 1]


def test_newsletter_box_injected_beside_a_paragraph_takes_only_itself(site, tmp_path):
    """Each paragraph in its own <div> (with an ad slot), a newsletter box injected into the second one on
    every other visit: the DOM rule email-signup-box took the wrapper, the article paragraph with the box,
    so the paragraph went and came back and each visit was an edit (bench: 1 of 174 in the first run)."""
    box = ("<div class='nl-box'><h3>Get our morning briefing</h3><p>The day's top stories in your inbox every "
           "morning. Sign up for our free newsletter.</p><form><input type='email' placeholder='Your email'>"
           "<button>Sign up</button></form></div>")

    def page(hit: int) -> str:
        wrapped = "".join(f"<div><p>{p}</p>{box if n == 1 and hit % 2 == 0 else ''}<div id='slot-{n}'></div></div>"
                          for n, p in enumerate(PARAS))
        return article(hit, "").replace("".join(f"<p>{p}</p>" for p in PARAS), wrapped)

    watcher = watch(site, tmp_path, page)
    codes = [watcher.run()[0] for _ in range(4)]
    assert watcher.verdicts() == ["first", "same", "same", "same"]
    assert watcher.events() == [] and codes == [0, 0, 0, 0]
    text = next((tmp_path / "clean").rglob("*.txt")).read_text(encoding="utf-8")
    assert PARAS[1][:40] in text and "morning briefing" not in text
