"""Issue 10: stored-only words are classified against the capture the clean file came from.

One page of an invented site (markup unlike the seed fixtures: a status strip
with a weather icon, an alert bar, a card with an image placeholder, a figure
with a photo credit, byline and dateline) is served on loopback and archived by
``archiver run``. Stored copies written here, as a scraper would have saved the
page, are then compared with ``archiver diff``: every piece of page furniture
is boilerplate named with its rule or region, the scraper's source line with
the page's URL is metadata, and real edits (a sentence, a deleted and an added
paragraph, a currency sign, a minus sign) are content changes; entities and a
moved paragraph are not.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from sitekit import Response, Site, run_archiver, write_list

HOST = "www.harbour-gazette.test"
PATH = "/2024/03/03/ferry-strike-ends"
TITLE = "Ferry strike ends after nine days"
P = [
    "Ferry crews on the northern routes returned to work on Sunday after a nine-day strike over pay and rest hours.",
    "The union said its members had accepted an offer that raises wages by 6% this year and guarantees "
    "two rest days a week.",
    "Tickets on the island routes rose from €2.50 to €3.10 during the dispute, when the operator ran a "
    "reduced timetable.",
    "Temperatures fell to −4 °C overnight, and passengers queued for hours on the open quay at Westhaven.",
    'The harbour master said the backlog of freight would be cleared by Wednesday "if the weather held".',
    "Negotiators for both sides are due to meet again in April to discuss the operator's plans for vessels & berths.",
]
STORED_ONLY = {  # piece of the stored copy -> what the test expects it to be explained by
    "Clear icon": "weather icon alt",
    "Breaking News": "alert bar label",
    "16x9 Image": "image placeholder alt",
    "By Jane Doe": "byline",
    "March 3, 2024 10:15 GMT": "dateline",
    "Photo: Lena Fischer/Harbour Agency": "image credit",
}


def page_html(url: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in P[:3]) + (
        "<figure class='pic'><img src='/img/quay.jpg' alt=''><figcaption>"
        "<span class='pic-credit'>Photo: Lena Fischer/Harbour Agency</span></figcaption></figure>"
    ) + "".join(f"<p>{p}</p>" for p in P[3:])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{TITLE} | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette"></head>
<body>
<header class="strip">
  <ul class="status"><li><a href="/">Harbour Gazette</a></li>
  <li class="wx"><img src="/wx/clear.png" alt="Clear icon"> 12°</li></ul>
</header>
<div class="ticker" role="alert"><strong>Breaking News</strong> <a href="/live">Storm warning for the coast</a></div>
<table class="layout"><tr><td class="main-cell">
<article>
  <h1>{TITLE}</h1>
  <div class="credits"><span class="who">By Jane Doe</span> <span class="when">March 3, 2024 10:15 GMT</span></div>
  {paras}
</article>
</td><td class="side-cell">
<aside class="cards"><div class="card"><img src="/img/blank.png" alt="16x9 Image">
<a href="/people/harbour-desk">Harbour desk</a></div></aside>
</td></tr></table>
<div class="base">Harbour Gazette, Quay Street 4, Westhaven</div>
</body></html>"""


def stored_copy(url: str, body: list[str]) -> str:
    """A scraper's copy: furniture lines around the article, and its source line."""
    return "\n\n".join([
        "Clear icon", "Breaking News", TITLE, "By Jane Doe", "March 3, 2024 10:15 GMT",
        *body[:3], "Photo: Lena Fischer/Harbour Agency", *body[3:], "16x9 Image",
        f"Original url: {url}",
    ]) + "\n"


class Run:
    def __init__(self, root: Path, url: str, original: str):
        self.root, self.url, self.original = root, url, original

    def diff(self, name: str, text: str, *extra: str) -> tuple[int, dict, str]:
        stored = self.root / f"stored-{name}"
        stored.mkdir(exist_ok=True)
        (stored / "copy.txt").write_text(text, encoding="utf-8")
        (stored / "urls.tsv").write_text(f"file\turl\ncopy.txt\t{self.original}\n", encoding="utf-8")
        proc = run_archiver("diff", self.root / "clean", stored, "--manifest", stored / "urls.tsv",
                            "--format", "json", *extra, cwd=self.root, timeout=300)
        assert proc.returncode in (0, 1), proc.stderr
        [pair] = json.loads(proc.stdout)
        return proc.returncode, pair, proc.stderr


def archive_page(root: Path, first_address: int, *runs: tuple[str, ...]) -> Run:
    """Serve the page on loopback and run ``archiver run`` once per entry of ``runs`` (its extra flags)."""
    site = Site(root / "site", first_address=first_address)
    host = site.host(HOST)
    site.start()
    try:
        url = host.url(PATH)
        host.route(PATH, Response(body=page_html(url)))
        lst = write_list(root / "urls.txt", [url])
        for extra in runs:
            proc = run_archiver("run", lst, "--delay", "0", "--retries", "1", "--progress", "never", *extra,
                                *site.client_flags(), cwd=root, timeout=600)
            assert proc.returncode == 0, proc.stdout + proc.stderr
    finally:
        site.stop()
    return Run(root, url, f"https://{HOST}{PATH}")  # the scraper saw the page under its public URL


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    return archive_page(tmp_path_factory.mktemp("capture"), 160, ())


def content(pair: dict) -> list[tuple[str, str, str]]:
    return sorted((c["kind"], c["old"], c["new"]) for c in pair["changes"] if c["class"] == "content")


def test_every_stored_only_kind_is_boilerplate_named_by_the_capture(run):
    code, pair, _ = run.diff("furniture", stored_copy(run.original, P))
    assert code == 0 and pair["class"] == "boilerplate" and pair["judged"] == "capture", pair
    boiler = [c for c in pair["changes"] if c["class"] == "boilerplate"]
    for piece in STORED_ONLY:
        [change] = [c for c in boiler if c["old"] == piece]
        assert change["rule"] and change["stage"], change
        if change["rule"] in ("on-page", "not-main-content"):
            assert change.get("region"), change  # named with the region it stood in
    alt = [c for c in boiler if c["old"] == "Clear icon"][0]
    assert alt["rule"] != "on-page" or "alt" in alt["region"]
    label = [c for c in boiler if c["old"].startswith("Original url")]
    assert len(label) == 1 and label[0]["rule"] == "metadata" and "url" in label[0]["region"], label
    assert not content(pair)


def test_real_edits_are_caught_exactly(run):
    edited = list(P)
    edited[1] = edited[1].replace("guarantees two rest days", "guarantees three rest days")
    deleted = edited.pop(4)
    added = "A spokesman for the operator declined to say how much the strike had cost."
    edited.insert(2, added)
    code, pair, _ = run.diff("edited", stored_copy(run.original, edited))
    assert code == 1 and pair["class"] == "content-changed"
    assert content(pair) == [("added", "", deleted), ("removed", added, ""), ("replaced", "three", "two")]


@pytest.mark.parametrize("old,new", [("€2.50 to €3.10", "$2.50 to $3.10"), ("−4 °C", "4 °C")],
                         ids=["currency", "minus"])
def test_a_changed_sign_is_content(run, old, new):
    changed = [p.replace(old, new) for p in P]
    assert changed != P
    code, pair, _ = run.diff("sign", stored_copy(run.original, changed))
    assert code == 1 and pair["class"] == "content-changed", pair
    [(kind, was, now)] = content(pair)
    assert kind in ("replaced", "added")
    # the page's own minus sign (U+2212) is shown as written; it compares as "-" (nu37: the page's words, quoted)
    assert ("€" in now and "$" in was) or (kind == "added" and now == "\u2212" and was == "")


def test_html_entities_in_a_stored_copy_are_no_change(run):
    """As other tools save text: every special character of the article written as an entity."""
    text = stored_copy(run.original, P)
    for char, entity in (("&", "&amp;"), ("'", "&#39;"), ('"', "&quot;"), ("€", "&euro;"), ("°", "&deg;"),
                         ("\u2212", "&minus;"), ("nine-day strike", "nine-day&nbsp;strike")):
        assert char in text
        text = text.replace(char, entity)
    assert text.count("&") >= 9 and "€" not in text
    code, pair, _ = run.diff("entities", text)
    assert code == 0 and not content(pair), content(pair)
    assert pair["class"] in ("boilerplate", "layout-only"), pair


def test_a_moved_paragraph_is_moved_not_content(run):
    moved = P[1:4] + [P[0]] + P[4:]
    code, pair, _ = run.diff("moved", stored_copy(run.original, moved))
    assert code == 0 and not content(pair), pair
    [move] = [c for c in pair["changes"] if c["class"] == "moved"]
    assert move["old"] == P[0] and move["new"] == P[0]
    text = run_archiver("diff", run.root / "clean", run.root / "stored-moved", "--manifest",
                        run.root / "stored-moved" / "urls.tsv", cwd=run.root)
    assert text.returncode == 0 and "moved: Ferry crews" in text.stdout and "judged by capture" in text.stdout


def test_without_the_capture_the_rules_judge_and_the_report_says_so(run, tmp_path):
    clean = tmp_path / "clean"
    [txt] = [p for p in (run.root / "clean").rglob("*.txt") if ".versions" not in p.parts]
    clean.mkdir()
    shutil.copyfile(txt, clean / txt.name)  # no sidecar, so no capture to look at
    stored = tmp_path / "stored"
    stored.mkdir()
    (stored / "copy.txt").write_text(stored_copy(run.original, P), encoding="utf-8")
    proc = run_archiver("diff", clean, stored, "--format", "json", cwd=tmp_path, timeout=300)
    [pair] = json.loads(proc.stdout)
    assert pair["judged"] == "rules"
    assert proc.returncode == (1 if pair["class"] == "content-changed" else 0)
    text = run_archiver("diff", clean, stored, cwd=tmp_path, timeout=300)
    assert "judged by rules" in text.stdout
    run_archiver("diff", clean, stored, "--format", "html", "--output", tmp_path / "r.html", cwd=tmp_path)
    assert re.search(r"judged by</th>.*<td>rules</td>", (tmp_path / "r.html").read_text(encoding="utf-8"), re.S)


def test_after_a_refresh_the_revisit_still_gives_the_capture_as_evidence(tmp_path):
    # an unchanged page fetched again is a revisit record with no body; the clean file's sidecar
    # then points at the revisit, and diff must still find the page it stands for
    archived = archive_page(tmp_path, 170, (), ("--refresh",))
    sidecars = [json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "clean").rglob("*.json")
                if p.parent.name != ".versions" and "refers_to" in p.read_text(encoding="utf-8")]
    assert sidecars and all(s.get("payload_warc_file") for s in sidecars), sidecars
    code, pair, _ = archived.diff("after-refresh", stored_copy(archived.url, P))
    assert code == 0 and pair["judged"] == "capture", pair
