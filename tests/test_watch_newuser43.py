"""A new user's walk, session 43 (nu43): a journalist who watches articles for edits and reads how they changed
(``run --watch`` with a mail and a webhook target, ``history``, ``report``, ``why``, ``search``), over one news site
served on loopback (127.0.43.x), six watch runs while the articles change, real WARCs, catalog, SMTP server
(aiosmtpd) and webhook receiver.

- A corrected article rolled back to its first text (A, B, C, D, then A again: the correction taken back) was a
  *return* to version 1, recorded and never sent: no mail, no webhook, exit 0, and the timeline read "back to an
  earlier version (not a new edit)". A return past later texts (a rollback) is now told as the edit it is, saying
  it is version 1's text again; a return to the text just before (A, B, A, B: a stale copy flapping with the fresh
  one) stays a silent return.
- A partial revert (a price corrected, then corrected back while another sentence kept its edit) read as any edit;
  the changed passage that puts back an earlier version's words now says ``(as in version 1)``.
- The page account read a run of Chinese up to a punctuation mark as one word: a paragraph holding an ad label
  inside a clause (``…四十二亿欧元<span>广告</span>，…``) was listed whole as text the extractor left out, though it
  is the article's; each Chinese or Japanese character is now a word there too.
- FTS5's snippet cut figures between its tokens: ``…would cost €4…`` for a page reading ``€4.2 billion``.
"""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.header import decode_header, make_header

import pytest
from sitekit import Response, Site, run_archiver, write_list
from watchkit import STEP, Mailbox, Webhook

from archiver.extraction import extract
from archiver.extraction.account import words
from archiver.watch.clock import iso
from bench.page_account import words as bench_words

HOST = "www.harbour-gazette.test"
H1 = "Harbour bridge to cost €4.2 billion"
P = ["The city council voted on Tuesday to close the old harbour bridge to cars from next spring, ending a decade "
     "of argument.",
     "Engineers said the new crossing would cost €4.2 billion and take five years to build, far more than first "
     "thought.",
     "The mayor, Helena Brandt, said the decision was painful but necessary for the safety of drivers.",
     "Shop owners on the north bank fear the closure will cut them off from their customers for years."]
CORRECTION = "Correction: an earlier version of this article gave the cost as €4.2 billion."
A = (H1, P)
B = (H1.replace("4.2", "4.7"), [P[0], P[1].replace("4.2", "4.7"), *P[2:]])
C = (B[0], [*B[1], CORRECTION])
D = ("Harbour bridge bill rises to €4.7 billion", C[1])
BRIDGE = [A, B, C, D, A, A]  # the correction taken back: version 5 is version 1's text again
Q = ["The ferry operator said two boats would run every twenty minutes from six in the morning.",
     "Tickets will cost the same as a bus fare, about €2.40, and season passes will be sold at the town hall.",
     "The service starts on the first of March and runs until the new bridge opens.",
     "Cyclists may take their bikes on board free of charge outside rush hours."]
FA = ("Temporary ferry to replace the bridge", Q)
FB = (FA[0], [Q[0], Q[1].replace("€2.40", "€3.10"), *Q[2:]])
FC = (FA[0], [Q[0], Q[1].replace("€2.40", "€3.10"), Q[2].replace("March", "April"), Q[3]])
FD = (FA[0], [Q[0], Q[1], Q[2].replace("March", "April"), Q[3]])  # the price back to version 1's, April kept
FERRY = [FA, FB, FC, FD, FD, FD]


def page(title: str, paras: list[str], n: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<!DOCTYPE html><html><head><title>{title} | Harbour Gazette</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><main><article><h1>{title}</h1>"
            f"<p class='meta'><time>Updated {n + 3} minutes ago</time></p>{body}</article></main>"
            "<footer><p>Harbour Gazette 2026</p></footer></body></html>")


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    """Six ``run --watch`` runs 16 minutes apart on the set clock; ``history --new-only`` after the fourth and
    the fifth. Returns a dict: root, urls, outs and codes (per run), webhook bodies, mails (subject, body),
    new_only (the two --new-only outputs and exit codes)."""
    root = tmp_path_factory.mktemp("nu43")
    run = [0]
    site = Site(root / "site")
    news = site.host(HOST, address="127.0.43.11")
    news.route("/city/bridge-cost", lambda req: Response(body=page(*BRIDGE[run[0]], req.hit)))
    news.route("/city/ferry", lambda req: Response(body=page(*FERRY[run[0]], req.hit)))
    out: dict = {"root": root, "outs": [], "codes": [], "new_only": []}
    with site:
        site.start()
        urls = out["urls"] = [news.url("/city/bridge-cost"), news.url("/city/ferry")]
        listing = write_list(root / "urls.txt", urls)
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
        with Webhook("ok", host="127.0.43.12") as hook, Mailbox() as box:
            for k in range(len(BRIDGE)):
                run[0] = k
                proc = run_archiver("run", listing, "--watch", "--now", iso(start + STEP * k), "--warcs",
                                    root / "warcs", "--clean", root / "clean", "--delay", "0", "--retries", "0",
                                    "--jobs", "1", "--progress", "never", "--notify", hook.url(), "--notify",
                                    box.url(), *site.client_flags(), cwd=root, timeout=300)
                assert "Traceback" not in proc.stderr, proc.stderr
                out["outs"].append(proc.stdout)
                out["codes"].append(proc.returncode)
                if k in (3, 4):
                    seen = run_archiver("history", urls[0], "--new-only", "--warcs", root / "warcs", "--clean",
                                        root / "clean", cwd=root)
                    out["new_only"].append((seen.returncode, seen.stdout))
            out["hooks"] = list(hook.received)
            subjects = [str(make_header(decode_header(m["Subject"]))) for m in box.messages]  # =?utf-8?q?...?=
            out["mails"] = list(zip(subjects, box.bodies(), strict=True))
    return out


def history(walk, url: str, *extra: str):
    return run_archiver("history", url, "--warcs", walk["root"] / "warcs", "--clean", walk["root"] / "clean", *extra,
                        cwd=walk["root"])


def test_a_rollback_to_the_first_text_is_told_as_an_edit_that_says_so(walk):
    """Version 5 is version 1's text again (the correction taken back, the first figure restored): before, a return
    recorded and never sent (run 5 exit 0, no mail, no webhook). Now one edit told by mail and webhook, saying it
    is version 1's text again and that the changes of versions 2 to 4 are undone; run 6 (the same text) is quiet."""
    url = walk["urls"][0]
    assert walk["codes"][4] == 1, walk["outs"][4]
    assert f"content changed (v4 -> v5, the text of v1 again: an edit undone): {url}" in walk["outs"][4]
    assert "1 content change," in walk["outs"][4], walk["outs"][4]
    assert walk["codes"][5] == 0 and "0 notifications sent" in walk["outs"][5], walk["outs"][5]
    told = [m for m in walk["hooks"] if m["archiver_url"] == url]
    assert [m["archiver_version"] for m in told] == ["2", "3", "4", "5"], told
    last = told[-1]
    assert last["archiver_kind"] == "edit" and last["archiver_same_text_as_version"] == "1", last
    # D -> A puts back version 1's headline too: named after it, the prefix kept (mend66)
    assert last["title"] == ("Content changed (back to the text of version 1): Harbour bridge to cost €4.2 billion "
                             "(new headline)")
    undone = ("The article's text is version 1's again, word for word: every change made since version 1 "
              "(version 2 to version 4) is undone")
    assert undone in last["message"], last["message"]
    assert "-> version 5 (capture" in last["message"] and "the text of version 1 again)" in last["message"]
    subject, body = [(s, b) for s, b in walk["mails"] if "back to the text of version 1" in s][0]
    assert undone in body and "{+4.2+}" in body, body
    assert all("same_text_as_version" not in m for m in told[:-1]), told


def test_history_new_only_and_the_timeline_say_the_rollback(walk, tmp_path):
    """``history`` marks the version and its step; ``--new-only`` reports the step (before, a step back to an
    earlier text was never new, while the watch now tells it); the timeline page says 'content changed back'
    and counts it among the content changes (before: 'back to an earlier version (not a new edit)')."""
    url = walk["urls"][0]
    proc = history(walk, url)
    assert proc.returncode == 1
    assert "(the text of v1 again: an edit undone)" in proc.stdout, proc.stdout
    assert "v5 is the text of v1 again: every change made since v1 (v2 to v4) is undone" in proc.stdout
    (code3, seen3), (code4, seen4) = walk["new_only"]
    assert code3 == 1 and "-> v4 (capture" in seen3, seen3
    assert code4 == 1 and "-> v5 (capture" in seen4 and "-> v4 (capture" not in seen4, seen4
    data = json.loads(history(walk, url, "--format", "json").stdout)
    assert [c["rollback"] for c in data["captures"]][-2:] == [True, False], data["captures"]
    report = run_archiver("report", "--output", tmp_path / "site", "--warcs", walk["root"] / "warcs", "--clean",
                          walk["root"] / "clean", url, cwd=walk["root"])
    assert report.returncode == 0, report.stdout + report.stderr
    [page_file] = [p for p in (tmp_path / "site").glob("*.html") if p.name != "index.html"]
    html = page_file.read_text(encoding="utf-8")
    assert "content changed back: v5 is the text of v1 again" in html, html
    assert "4 content changes." in html and "back to an earlier version" not in html


def test_a_partial_revert_says_which_version_it_puts_back(walk):
    """The ferry's price was corrected (€2.40 -> €3.10), the start date then moved, then the price put back to
    €2.40 with the date kept: the step v3 -> v4 says its passage is as in version 1, in ``history`` (text and JSON)
    and in the mail and webhook message; the first correction says nothing of the kind."""
    url = walk["urls"][1]
    proc = history(walk, url)
    lines = [line for line in proc.stdout.splitlines() if "content replaced" in line]
    assert len(lines) == 3, proc.stdout
    assert "[-2.40-]{+3.10+}" in lines[0] and "(as in" not in lines[0] and "(as in" not in lines[1], lines
    assert "[-3.10-]{+2.40+}" in lines[2] and lines[2].endswith("(as in v1)"), lines
    pairs = json.loads(history(walk, url, "--format", "json").stdout)["pairs"]
    assert [c.get("as_in_version") for c in pairs[2]["changes"] if c["class"] == "content"] == [1], pairs[2]
    told = [m for m in walk["hooks"] if m["archiver_url"] == url and m["archiver_version"] == "4"]
    assert len(told) == 1 and "{+2.40+}, and season passes will be sold at… (as in version 1)" in told[0]["message"]
    assert "same_text_as_version" not in json.dumps(told[0]), told[0]


def test_search_snippet_keeps_a_figure_whole(walk):
    """``search argument`` showed '…would cost €4…' for a page reading '€4.2 billion': FTS5's snippet window
    ended between the figure's two tokens. The cut part is put back; a figure the query marks keeps its mark
    whole."""
    proc = run_archiver("search", "argument", "--warcs", walk["root"] / "warcs", "--clean", walk["root"] / "clean",
                        cwd=walk["root"])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    snippet = proc.stdout.splitlines()[2]
    assert "[argument]" in snippet and "cost €4.2…" in snippet and "€4…" not in snippet, proc.stdout
    from archiver.search_hits import whole_words
    body = "He said it would cost €4.2 billion, and more.\n\nDon't stop."
    assert whole_words("…said it would cost €[4]…", body) == "…said it would cost €[4.2]…"
    assert whole_words("…[2] billion, and…", body) == "…€[4.2] billion, and…"
    assert whole_words("…and more. Don…", body) == "…and more. Don't…"
    assert whole_words("…billion, and more.", body) == "…billion, and more."


ZH = ["市议会周二投票决定，从明年春天起禁止汽车通过旧港口大桥，结束了长达十年的争论。",
      "工程师表示，新桥造价四十二亿欧元<span class='ad-label'>广告</span>，大桥预计于2029年通车。",
      "市长海伦娜·布兰特说，这个决定令人痛苦，但为了司机的安全是必要的。",
      "北岸的商户担心封桥会让他们在未来几年失去顾客，他们将请求法院复审。"]


def test_the_page_account_counts_each_chinese_character_as_a_word():
    """An ad label inside a Chinese clause: the article keeps the clause, the label goes. The account read
    ``新桥造价四十二亿欧元广告`` as one word that the article lacks, and listed the whole paragraph as text the
    extractor left out (``why`` then named an article sentence 'removed'). Now only the label is listed, and the
    coverage check counts words the same way."""
    html = ("<html><head><title>港口大桥明年三月开工</title></head><body><nav><a href='/'>首页</a></nav><main><article>"
            "<h1>港口大桥明年三月开工</h1>" + "".join(f"<p>{p}</p>" for p in ZH) + "</article></main></body></html>")
    result = extract(html, url="https://www.harbour-gazette.test/zh/bridge")
    assert "新桥造价四十二亿欧元，大桥预计于2029年通车" in result.text
    removed = [(r.stage, r.rule, r.text) for r in result.removed]
    assert ("extractor", "not-main-content", "广告") in removed, removed
    assert not [r for r in removed if "新桥造价" in r[2]], removed
    assert words("大桥预计于2029年通车") == ["大", "桥", "预", "计", "于", "2029", "年", "通", "车"]
    assert bench_words("港口大桥 Straße ｶﾀｶﾅ") == words("港口大桥 Straße ｶﾀｶﾅ")
    assert words("한국어 문장") == ["한국어", "문장"]  # Hangul is written with spaces: words as before
