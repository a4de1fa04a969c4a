"""An operator's polish pass (nu46) over the watch: a journalist following edits, on one news site served on
loopback (127.0.46.x), ``run --watch`` every 16 minutes on the set clock with a webhook target (a real HTTP
receiver), real WARCs and catalog.

- A, B, C, B, A: the last step takes back both later texts, yet it was a plain return (the URL's second: never
  told), exit 0 and not a word; it is now told as the rollback it is, its passages ``(as in version 1)``.
- A, B, C, A, D, A: the second undo to version 1 (D taken back) was silent: a rollback to a text was told once
  for good. It is told again after a new text; a flapping copy (no new text between) stays told once.
- A clean file of version 1 with a byte that is not UTF-8 (an editor saving it in Latin-1): ``archiver history``
  (reading it through ``archiver.diff.sources``) still said a later passage was ``(as in v1)``, the watch's
  message (``diff.earlier.version_texts``, strict UTF-8, any failure giving no earlier text at all) did not.
- The first ``--watch`` run on an archive made without it said ``not due for a check`` with no time.
"""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sitekit import Response, Site, run_archiver, write_list
from watchkit import STEP, Webhook

from archiver.catalog import Catalog
from archiver.watch.clock import iso, parse_time

HOST = "www.harbour-gazette.test"
TITLE = "Harbour bridge to close to cars"
P = ["The city council voted on Tuesday to close the old harbour bridge to cars from next spring, ending a decade "
     "of argument.",
     "Engineers said the new crossing would take three years to build and cost about 48 million euros, more than "
     "first thought.",
     "The mayor, Helena Brandt, said the decision was painful but necessary for the safety of drivers.",
     "Cyclists may take their bikes over the old bridge until the new crossing opens, the council said."]


def variant(years: str, cost: str) -> list[str]:
    return [P[0], P[1].replace("three", years).replace("48", cost), *P[2:]]


A, B, C, D = P, variant("four", "61"), variant("six", "75"), variant("ten", "99")
BACK_PAST_TWO = [A, B, C, B, A, A]
UNDONE_TWICE = [A, B, C, A, D, A]
Q = ["The ferry operator said two boats would run every twenty minutes from six in the morning.",
     "Tickets will cost the same as a bus fare, about 2.40 euros, and season passes will be sold at the town hall.",
     "The service starts on the first of March and runs until the new bridge opens.",
     "Cyclists may take their bikes on board free of charge outside rush hours."]
FA = Q
FB = [Q[0], Q[1].replace("2.40", "3.10"), *Q[2:]]
FC = [Q[0], Q[1].replace("2.40", "3.10"), Q[2].replace("March", "April"), Q[3]]
FD = [Q[0], Q[1], Q[2].replace("March", "April"), Q[3]]  # the price back to version 1's, April kept
FERRY = [FA, FB, FC, FD, FD, FD]
DAMAGE_AFTER = 2  # the run after which version 1's clean file of the ferry gets a Latin-1 byte


def page(title: str, paras: list[str], n: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<!DOCTYPE html><html><head><title>{title} | Harbour Gazette</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><main><article><h1>{title}</h1>"
            f"<p class='meta'><time>Updated {n + 3} minutes ago</time></p>{body}</article></main>"
            "<footer><p>Harbour Gazette 2026</p></footer></body></html>")


def history_json(root, url: str) -> dict:
    proc = run_archiver("history", url, "--format", "json", "--warcs", root / "warcs", "--clean", root / "clean",
                        cwd=root)
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    """Six watch runs over three articles; returns root, urls, outs, codes and the webhook bodies."""
    root = tmp_path_factory.mktemp("nu46")
    run = [0]
    site = Site(root / "site")
    news = site.host(HOST, address="127.0.46.11")
    news.route("/city/bridge", lambda req: Response(body=page(TITLE, BACK_PAST_TWO[run[0]], req.hit)))
    news.route("/city/bridge-cost", lambda req: Response(body=page(TITLE + " next spring", UNDONE_TWICE[run[0]],
                                                                   req.hit)))
    news.route("/city/ferry", lambda req: Response(body=page("Temporary ferry to replace the bridge", FERRY[run[0]],
                                                             req.hit)))
    out: dict = {"root": root, "outs": [], "codes": []}
    with site:
        site.start()
        urls = out["urls"] = [news.url("/city/bridge"), news.url("/city/bridge-cost"), news.url("/city/ferry")]
        listing = write_list(root / "urls.txt", urls)
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
        with Webhook("ok", host="127.0.46.12") as hook:
            for k in range(len(FERRY)):
                run[0] = k
                proc = run_archiver("run", listing, "--watch", "--now", iso(start + STEP * k), "--warcs",
                                    root / "warcs", "--clean", root / "clean", "--delay", "0", "--retries", "0",
                                    "--jobs", "1", "--progress", "never", "--notify", hook.url(),
                                    *site.client_flags(), cwd=root, timeout=300)
                assert "Traceback" not in proc.stderr, proc.stderr
                out["outs"].append(proc.stdout)
                out["codes"].append(proc.returncode)
                if k == DAMAGE_AFTER:
                    first = root / "clean" / history_json(root, urls[2])["captures"][0]["text_path"]
                    data = first.read_bytes()
                    assert b"bikes" in data, data
                    first.write_bytes(data.replace(b"bikes", b"b\xefkes"))  # Latin-1 'ï'
            out["hooks"] = list(hook.received)
    return out


def test_back_past_two_later_texts_is_told_as_a_rollback(walk):
    """A, B, C, B, A: run 4 (B again: the text just before C) is a silent return; run 5 (A again, past C and B) is
    told as an edit undone, with its passages as in version 1; run 6 (the same text) is quiet."""
    url = walk["urls"][0]
    assert f"v4 is the text of v2 again (not a new edit): {url}" in walk["outs"][3], walk["outs"][3]
    assert f"content changed (v4 -> v5, the text of v1 again: an edit undone): {url}" in walk["outs"][4], \
        walk["outs"][4]
    assert walk["codes"][4] == 1
    told = [m for m in walk["hooks"] if m["archiver_url"] == url]
    assert [m["archiver_version"] for m in told] == ["2", "3", "5"], told
    assert told[-1]["archiver_same_text_as_version"] == "1", told[-1]
    assert "[-four-]{+three+} years to build and cost about… (as in version 1)" in told[-1]["message"], told[-1]["message"]
    assert f"): {url}\n" not in walk["outs"][5], walk["outs"][5]
    data = history_json(walk["root"], url)
    assert [c["rollback"] for c in data["captures"]] == [False, False, False, False, True, False], data["captures"]


def test_a_second_undo_to_the_same_version_after_a_new_edit_is_told(walk):
    """A, B, C, A, D, A: version 4 (A again) is told as a rollback, D as an edit, and version 6 (A again, D taken
    back) as a rollback too: before, the first rollback to version 1 kept every later one silent."""
    url = walk["urls"][1]
    assert f"content changed (v3 -> v4, the text of v1 again: an edit undone): {url}" in walk["outs"][3]
    assert f"content changed (v4 -> v5): {url}" in walk["outs"][4]
    assert f"content changed (v5 -> v6, the text of v1 again: an edit undone): {url}" in walk["outs"][5], \
        walk["outs"][5]
    told = [m for m in walk["hooks"] if m["archiver_url"] == url]
    assert [(m["archiver_version"], m.get("archiver_same_text_as_version")) for m in told] == \
        [("2", None), ("3", None), ("4", "1"), ("5", None), ("6", "1")], told


def test_the_watch_reads_earlier_versions_as_history_does(walk):
    """The ferry's price put back to version 1's (v3 -> v4) after version 1's clean file got a Latin-1 byte in
    another paragraph: history and the webhook message both say the passage is as in version 1 (the watch said
    nothing of it: its reading of version 1 failed, and with it every earlier version)."""
    url = walk["urls"][2]
    pairs = history_json(walk["root"], url)["pairs"]
    assert [c.get("as_in_version") for c in pairs[2]["changes"] if c["class"] == "content"] == [1], pairs[2]
    [told] = [m for m in walk["hooks"] if m["archiver_url"] == url and m["archiver_version"] == "4"]
    assert "[-3.10-]{+2.40+} euros, and season passes will be sold… (as in version 1)" in told["message"], \
        told["message"]


def test_the_first_watch_run_on_an_older_archive_says_when_the_next_check_is(tmp_path):
    """An archive made by a plain ``archiver run``; the first ``--watch`` run five minutes later skips the URL, not
    due (its first interval, 15 minutes, has not passed since its capture), and now says when it will be due."""
    with Site(tmp_path / "site") as site:
        news = site.host(HOST, address="127.0.46.13")
        news.route("/city/bridge", lambda req: Response(body=page(TITLE, A, req.hit)))
        site.start()
        listing = write_list(tmp_path / "urls.txt", [news.url("/city/bridge")])
        common = ["--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--delay", "0", "--retries", "0",
                  "--jobs", "1", "--progress", "never", *site.client_flags()]
        plain = run_archiver("run", listing, *common, cwd=tmp_path)
        assert plain.returncode == 0, plain.stdout + plain.stderr
        with Catalog(tmp_path / "warcs" / "catalog.sqlite3", readonly=True) as catalog:
            [captured] = [r[0] for r in catalog.conn.execute("SELECT fetched_at FROM captures WHERE state = "
                                                             "'captured'")]
        at = parse_time(captured)
        watch = run_archiver("run", listing, "--watch", "--now", iso(at + timedelta(minutes=5)), *common, cwd=tmp_path)
    assert watch.returncode == 0, watch.stdout + watch.stderr
    due = iso(at + timedelta(minutes=15))
    assert f"1 skipped (1 already captured, not due for a check (the next at {due})), 0 bad lines" in watch.stdout, \
        watch.stdout
