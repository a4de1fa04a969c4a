"""Caption and title changes as a journalist reads them (mend68, on nu59's caption and title events).

- A caption that flips back and forth (an A/B test, a cache serving the old figure) is told once, as a byline
  that flips is (nu59 told it at every capture).
- Figures whose order alone changes (a gallery rotated) hold no edited caption (nu59 told the moved captions
  as one removed and one added).
- ``archiver history`` lists the title rewrites and caption changes the timeline and the watch name (nu59: none).
- A declared title carrying a counter that changes on every visit (`` | Live updates (3)``) is checked as the
  watch judges it: told as a title change at most, never as a headline edit.

A real site on loopback (127.0.68.x), ``run --watch`` four times on the set clock, a real SMTP server,
``archiver history`` on the catalog the runs wrote. On nu59 (its snapshot with this file copied in) 6 of the 7
failed; the live-counter one passed there too (it pins that no headline is named, not the mail's count).
"""
from __future__ import annotations

import json

import pytest
from sitekit import Response, Site, run_archiver, write_list
from watchkit import STEP, Mailbox

from archiver.diff.captions import caption_change
from archiver.watch.clock import iso

HOST = "www.quay-herald68.test"
P = ["The harbour bridge will close to cars from the first of March, the city council decided on Tuesday "
     "after a debate that lasted most of the evening.",
     "Cyclists and people on foot may still cross, and two ferries will run every fifteen minutes during the "
     "day while the old deck is replaced.",
     "Shop owners on the north quay said they feared for their trade, and asked the council for help with "
     "the cost of the months of works.",
     "The works are planned to last until the end of October, the city's engineer told the council."]
H1 = "Harbour bridge to close to cars from March"
SEO = "Harbour bridge closes to cars: what changes"
CAP_A = "The harbour bridge seen from the north quay at dusk."
CAP_B = "Traffic on the harbour bridge on Monday morning, before the vote."
CAP_C = "The ferry landing on the south quay, where a second boat will dock."
# per run (0..3): (og:title, captions in page order)
ARTICLES = {
    "/news/caption-flip": [(SEO, [CAP_A]), (SEO, [CAP_B]), (SEO, [CAP_A]), (SEO, [CAP_B])],
    "/news/figures-reordered": [(SEO, [CAP_A, CAP_C])] * 2 + [(SEO, [CAP_C, CAP_A])] * 2,
    "/news/title-only": [(SEO, [CAP_A])] * 2 + [(SEO + " now", [CAP_A])] * 2,
    "/news/live-count": [(f"{SEO} | Live updates ({n})", [CAP_A]) for n in (3, 4, 5, 6)],
}


def page(og: str, captions: list[str], hit: int) -> str:
    figures = "".join(f"<figure><img src='/p{k}.jpg' alt=''><figcaption>{c}</figcaption></figure>"
                      for k, c in enumerate(captions))
    body = "".join(f"<p>{p}</p>" for p in P[:2]) + figures + "".join(f"<p>{p}</p>" for p in P[2:])
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{og} | Quay Herald</title>"
            f"<meta property='og:title' content='{og}'></head><body><header><a href='/'>Quay Herald</a></header>"
            f"<main><article><h1>{H1}</h1>{body}</article></main><footer><p>Quay Herald 2026, visit {hit}.</p>"
            "</footer></body></html>")


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    root = tmp_path_factory.mktemp("mend68")
    run = [0]
    site = Site(root / "site")
    news = site.host(HOST, address="127.0.68.11")
    for path, versions in ARTICLES.items():
        news.route(path, lambda req, versions=versions: Response(body=page(*versions[run[0]], req.hit)))
    urls = {path: news.url(path) for path in ARTICLES}
    listing = write_list(root / "urls.txt", list(urls.values()))
    from datetime import UTC, datetime, timedelta

    start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
    with site, Mailbox() as box:
        site.start()
        for k in range(4):
            run[0] = k
            proc = run_archiver("run", listing, "--watch", "--now", iso(start + STEP * k), "--warcs", root / "warcs",
                                "--clean", root / "clean", "--delay", "0", "--retries", "0", "--jobs", "1",
                                "--progress", "never", "--notify", box.url(), *site.client_flags(), cwd=root,
                                timeout=600)
            assert "Traceback" not in proc.stderr, proc.stderr
        mails = [(str(m["Subject"]), body) for m, body in zip(box.messages, box.bodies(), strict=True)]
    histories = {}
    for path, url in urls.items():
        text = run_archiver("history", url, "--warcs", root / "warcs", "--clean", root / "clean", cwd=root,
                            timeout=600)
        data = run_archiver("history", url, "--warcs", root / "warcs", "--clean", root / "clean", "--format",
                            "json", cwd=root, timeout=600)
        assert "Traceback" not in text.stderr + data.stderr, text.stderr + data.stderr
        histories[path] = (text.stdout, json.loads(data.stdout))
    return {"urls": urls, "mails": mails, "histories": histories}


def mails_of(walk, path: str) -> list[tuple[str, str]]:
    return [(s, b) for s, b in walk["mails"] if walk["urls"][path] in b]


def test_a_caption_flipping_back_and_forth_is_told_once(walk):
    """Failed on nu59: three caption mails (A->B, B->A, A->B)."""
    told = mails_of(walk, "/news/caption-flip")
    assert [s for s, _ in told] == [f"Caption changed (the text is the same): {SEO}"], walk["mails"]
    assert f"caption: {CAP_A} -> {CAP_B}" in told[0][1]


def test_history_lists_every_caption_change_and_marks_the_flips(walk):
    """Failed on nu59: ``archiver history`` said nothing of captions."""
    text, data = walk["histories"]["/news/caption-flip"]
    lines = [line for line in text.splitlines() if line.lstrip().startswith("caption capture")]
    assert len(lines) == 3, text
    assert f"caption: {CAP_A} -> {CAP_B}" in lines[0] and "a caption it had before" not in lines[0]
    assert all("the text is the same" in line and "a caption it had before" in line for line in lines[1:]), text
    assert [step["had_before"] for step in data["captions"]] == [False, True, True]
    assert data["captions"][0]["changes"] == [[CAP_A, CAP_B]]


def test_figures_reordered_are_no_caption_edit(walk):
    """Failed on nu59: a caption event (one caption removed, the same added)."""
    assert mails_of(walk, "/news/figures-reordered") == []
    text, data = walk["histories"]["/news/figures-reordered"]
    assert "caption" not in text and data["captions"] == []


def test_history_lists_a_title_rewritten_alone(walk):
    """Failed on nu59: the watch mailed ``Title changed``; ``archiver history`` named no title."""
    [(subject, _)] = mails_of(walk, "/news/title-only")
    assert subject == f"Title changed (the headline and text are the same): {SEO} now"
    text, data = walk["histories"]["/news/title-only"]
    assert f"{SEO} -> {SEO} now" in text and "the headline and text are the same" in text, text
    assert [(t["old"], t["new"], t["only"]) for t in data["titles"]] == [(SEO, f"{SEO} now", True)]


def test_a_live_counter_in_the_declared_title_is_never_a_headline_edit(walk):
    """The og:title's `` | Live updates (N)`` counts up on every visit under an unchanged ``<h1>``: whatever the
    watch makes of it, it names no new headline and no caption."""
    for subject, body in mails_of(walk, "/news/live-count"):
        assert "new headline" not in subject and "headline:" not in body and "caption" not in body


def test_caption_steps_mark_a_caption_back_and_a_removal_undone():
    from archiver.diff.captions import caption_steps

    class Cap:
        def __init__(self, n: int) -> None:
            self.id, self.fetched_at, self.payload_digest = n, f"2026-12-08T00:0{n}:00Z", f"d{n}"

    class Entry:
        def __init__(self, n: int, path) -> None:
            self.capture, self.json_path, self.version = Cap(n), path, 1

    def entries(tmp, caps: list[list[str]]) -> list[Entry]:
        out = []
        for n, captions in enumerate(caps):
            path = tmp / f"c{n}.json"
            path.write_text(json.dumps({"captions": captions}), encoding="utf-8")
            out.append(Entry(n, path))
        return out

    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        steps = caption_steps(entries(Path(tmp), [[CAP_A], [CAP_A, CAP_C], [CAP_A], [CAP_A, CAP_C], [CAP_B]]))
    assert [(s.changes, s.had_before) for s in steps] == [
        ([["", CAP_C]], False), ([[CAP_C, ""]], True), ([["", CAP_C]], True),
        ([[CAP_A, CAP_B], [CAP_C, ""]], False)]


def test_caption_change_ignores_order_only():
    def side(captions: list[str]) -> dict:
        return {"captions": captions}

    assert caption_change(side([CAP_A, CAP_B, CAP_C]), side([CAP_C, CAP_A, CAP_B])) is None
    assert caption_change(side([CAP_A, CAP_C]), side([CAP_C, CAP_B])) == [[CAP_A, ""], ["", CAP_B]]
    assert caption_change(side([CAP_A]), side([CAP_B])) == [[CAP_A, CAP_B]]
