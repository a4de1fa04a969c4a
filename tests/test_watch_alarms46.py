"""Watching, watch46: page churn that is not an edit, written as bare lines in the article's body (markup that
names nothing), served by a loopback news site that changes it on every hit and watched by ``archiver run
--watch``; verdicts read from the real catalog. Each page gets a real edit at its third visit, which must
still be told.
"""
from __future__ import annotations

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
