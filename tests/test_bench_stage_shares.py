"""bench/stage_shares.py: each extraction stage's share of extract()'s time, wrappers undone after."""

from __future__ import annotations

import archiver.extraction as ex
import archiver.extraction.article as article
from bench.sets import Page
from bench.stage_shares import STAGES, stage_shares

PAGE = ("<html><head><title>Bridge opens - Example News</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<article><h1>Bridge opens</h1>"
        + "".join(f"<p>Paragraph {i} of the article says something about the new bridge and its river.</p>"
                  for i in range(12))
        + "</article><footer>Copyright Example News</footer></body></html>").encode()


def test_shares_are_measured_and_the_stages_unwrapped():
    originals = {name: getattr(ex, name) for names in STAGES.values() for name in names if hasattr(ex, name)}
    run = article._run
    total, spent = stage_shares([Page("k", "https://example.org/bridge", PAGE)] * 3)
    assert total > 0
    for stage in ("parse", "account", "DOM rules", "trafilatura", "paragraphs"):
        assert 0 < spent[stage] <= total, stage
    assert sum(spent[s] for s in STAGES if s in spent) <= total * 1.01
    assert all(getattr(ex, name) is fn for name, fn in originals.items())
    assert article._run is run
    assert ex.extract(PAGE, "https://example.org/bridge").text.startswith("Paragraph 0")
