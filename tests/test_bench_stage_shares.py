"""bench/stage_shares.py: each extraction stage's share of extract()'s time, wrappers undone after."""

from __future__ import annotations

import archiver.extraction as ex
import archiver.extraction.article as article
from bench.sets import Page
from bench.stage_shares import STAGES, account_cost, stage_shares

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


def test_account_cost_is_measured_with_and_without_the_account():
    take, build = ex.take_inventory, ex.build_account
    with_account, without = account_cost([Page("k", "https://example.org/bridge", PAGE)] * 4)
    assert with_account > 0 and without > 0
    assert ex.take_inventory is take and ex.build_account is build  # switched by extract()'s option, nothing patched
    assert [r.rule for r in ex.extract(PAGE, "https://example.org/bridge").removed]


def test_parts_name_the_rest_and_are_unwrapped():
    from bench.stage_shares import GATES, OWN, part_shares

    before = {name: getattr(ex, name) for name in dir(ex)}
    total, spent = part_shares([Page("k", "https://example.org/bridge", PAGE)] * 3)
    assert total > 0
    staged = {name for names in STAGES.values() for name in names}
    for part in ("tag_marks", "restore_tail_items", "keep_joiners", "same_line", GATES):  # outside STAGES
        assert part in spent and part not in staged, part
    assert spent[GATES] > 0  # the gates' scans: the functions marks.holder made, clocked
    assert spent[OWN] >= 0 and abs(sum(spent.values()) - total) < 1e-6
    assert {name: getattr(ex, name) for name in dir(ex)} == before  # every wrapper undone
    assert ex.extract(PAGE, "https://example.org/bridge").text.startswith("Paragraph 0")
