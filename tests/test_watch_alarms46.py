"""Watching, watch46: page churn that is not an edit, written as bare lines in the article's body (markup that
names nothing), served by a loopback news site that changes it on every hit and watched by ``archiver run
--watch``; verdicts read from the real catalog. Each page gets a real edit at its third visit, which must
still be told.
"""
from __future__ import annotations

import pytest
from sitekit import Response
from watchkit import Watcher

HOST = "www.shire-courier.test"
PARAS = [
    "The Corwick council voted on Tuesday to close the old market hall for two years of repairs, ending a long "
    "argument over the future of the building.",
    "Engineers told councillors that the roof of the hall, built in 1894, had been leaking for years and that 19 "
    "of its beams needed replacing.",
    "The mayor of Corwick said the decision was hard but unavoidable. \"We cannot keep traders under a roof our "
    "own engineers do not trust,\" she said.",
    "Traders in Corwick will move to a temporary site on the station square from May. Some said they feared "
    "losing customers who would not find the new stalls.",
    "The repairs are expected to cost about 5.4 million euros, of which the regional government has promised "
    "to pay half.",
]
TICKER = ["Markets rally", "Storm warning for the coast", "Polls close at 8pm", "Train strike ends",
          "Heatwave expected"]


def article(hit: int, lead: str = "", tail: str = "") -> str:
    """The article with ``lead`` before its first paragraph and ``tail`` after its fifth, all in one bare div;
    from the third hit on, the cost in the last paragraph is corrected (5.4 -> 5.9 million: a real edit)."""
    paras = list(PARAS)
    if hit >= 3:
        paras[4] = paras[4].replace("5.4 million", "5.9 million")
    body = "".join(f"<p>{p}</p>" for p in paras)
    return f"""<!DOCTYPE html><html><head><title>Corwick to close market hall | Shire Courier</title></head>
<body><main><article><h1>Corwick to close market hall</h1><p>By Tom Fisher</p>
<div>{lead}{body}{tail}</div></article></main><footer><p>Shire Courier</p></footer></body></html>"""


def watch(site, tmp_path, page, address: str) -> Watcher:
    news = site.host(HOST, address=address)
    news.route("/local/market-hall", lambda req: Response(body=page(req.hit)))
    site.start()
    return Watcher(site, tmp_path, news.url("/local/market-hall"))


def test_a_row_of_counters_is_no_edit(site, tmp_path):
    """'1,517 views · 23 comments' as a bare paragraph over the article, its numbers up on every visit: views-count
    and comment-count take one counter alone, so the row stayed and every visit was an edit (watch46: 3 false
    alarms in 4 visits)."""
    def page(hit: int) -> str:
        return article(hit, lead=f"<p>{1200 + 317 * hit:,} views &middot; {14 + 9 * hit} comments</p>")

    watcher = watch(site, tmp_path, page, "127.0.46.21")
    codes = [watcher.run()[0] for _ in range(3)]
    assert watcher.verdicts() == ["first", "same", "edit"]
    assert watcher.events() == [("edit", 2)] and codes == [0, 0, 1]


def test_a_rotating_ticker_line_is_no_edit(site, tmp_path):
    """'LIVE: a | b | c | d | e' as a bare paragraph in the body, its headlines rotated by one on every visit:
    a first headline of two words moved to the end is under the diff's three words of a move, so the rotation
    was a content change (watch46: the ticker's first rotation an edit)."""
    def page(hit: int) -> str:
        k = hit - 1
        return article(hit, tail=f"<p>LIVE: {' | '.join(TICKER[k % 5:] + TICKER[:k % 5])}</p>")

    watcher = watch(site, tmp_path, page, "127.0.46.22")
    codes = [watcher.run()[0] for _ in range(3)]
    assert watcher.verdicts() == ["first", "same", "edit"]
    assert watcher.events() == [("edit", 2)] and codes == [0, 0, 1]


LINES_THAT_GO = {
    "counter-row": ["1,517 views · 23 comments", "12 comments | 340 shares", "2.1K reads, 15 likes"],
    "ticker-line": ["LIVE: Markets rally | Storm warning for the coast | Polls close at 8pm",
                    "Breaking news: Train strike ends | Heatwave expected | Polls close at 8pm"],
}
LINES_THAT_STAY = [
    "The post drew 1,517 views and 23 comments within an hour, the council's press office said.",
    "Live: the council's vote on the hall, which passed by 21 votes to 9 | a recording is online.",
    "Breaking: the roof of the hall gave way under the snow on Sunday night, firefighters said.",
]


@pytest.mark.parametrize("line", [line for lines in LINES_THAT_GO.values() for line in lines])
def test_the_rules_take_the_bare_line(line):
    from archiver.extraction import extract
    result = extract(article(1, lead=f"<p>{line}</p>"), "https://www.shire-courier.test/local/market-hall")
    assert line not in result.paragraphs and PARAS[0] in result.paragraphs


@pytest.mark.parametrize("line", LINES_THAT_STAY)
def test_an_article_sentence_like_them_stays(line):
    from archiver.extraction import extract
    for at in (0, 2, 5):
        html = article(1).replace(f"<p>{PARAS[at]}</p>" if at < 5 else "</div></article>",
                                  (f"<p>{line}</p><p>{PARAS[at]}</p>" if at < 5 else f"<p>{line}</p></div></article>"), 1)
        assert line in extract(html, "https://www.shire-courier.test/local/market-hall").paragraphs, at
