"""The ablation's switch tables agree: a traced stage switch says how it is turned off
(``switches``), where it is read from and how a run tells it acted (``switch_trace``), and those
functions exist. An untraced stage switch is rerun on every page (slower, never wrong); a trace
row without a switch, or one naming a function that is gone, would fail only inside a worker.
"""
from __future__ import annotations

import importlib

from bench.switch_trace import ACTED, FALLBACK, WHERE
from bench.switches import options, rule_switches, stages


def test_every_stage_switch_is_traced_and_every_trace_is_a_switch():
    names = set(stages())
    assert len(names) > len(names - set(ACTED)) * 4  # most stage switches are traced
    assert set(ACTED) == set(WHERE)
    assert set(ACTED) <= names
    assert set(FALLBACK) <= set(options())


def test_every_traced_function_exists():
    for switch, (module, name) in WHERE.items():
        assert callable(getattr(importlib.import_module(module), name, None)), (switch, module, name)


def test_rule_switches_name_their_rules():
    switches = rule_switches()
    assert switches and all(s.kind in ("dom", "para", "keep") and s.rule for s in switches)
    assert len({s.name for s in switches}) == len(switches)
