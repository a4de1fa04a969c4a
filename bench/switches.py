"""The ablation's switches: what turning each rule, stage and option of the extraction pipeline off
means (a patch applied in a worker process). The stage switches' table is in
``bench/switch_stages.py``, the patches it is built from in ``bench/switch_patches.py``; how a run
notices where a stage acted is in ``bench/switch_trace.py``.

``bench/ablation.py`` runs the pipeline once per switch on the pages where the switch can matter:
a rule where the full pipeline recorded it removing text, a stage where ``ACTED`` says it changed
something (``trace`` wraps the functions ``WHERE`` names and records which acted on a page).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable

from bench.switch_patches import without_rules
from bench.switch_stages import stages

__all__ = ["Switch", "options", "patch_for", "rule_switches", "stages"]


@dataclasses.dataclass(frozen=True)
class Switch:
    name: str  # "dom:<rule>", "para:<rule>", "keep:<rule>", "stage:<stage>", "option:<option>"
    rule: str | None = None  # the rule's name as recorded in Removed (rules only)

    @property
    def kind(self) -> str:
        return self.name.split(":", 1)[0]


def options() -> dict[str, Callable[[], None]]:
    def tra(**changes):
        def edit(rs):
            opts = {k: v for k, v in {**rs.trafilatura, **changes}.items() if v is not None}
            return dataclasses.replace(rs, trafilatura=opts)
        return without_rules(edit)
    return {
        "option:favor_precision": tra(favor_precision=False),
        "option:precision_fallback": tra(precision_fallback=None),
        "option:fallback-main-signal": without_rules(lambda rs: dataclasses.replace(rs, trafilatura={
            **rs.trafilatura, "precision_fallback": {k: v for k, v in rs.trafilatura.get(
                "precision_fallback", {}).items() if not k.startswith("main_")}})),
        "option:fallback-aside": without_rules(lambda rs: dataclasses.replace(rs, trafilatura={
            **rs.trafilatura, "precision_fallback": {k: v for k, v in rs.trafilatura.get(
                "precision_fallback", {}).items() if not k.startswith("aside_")}})),
    }


def rule_switches() -> list[Switch]:
    from archiver.extraction.rules import rules_for
    generic = rules_for(None)
    out = [Switch(f"dom:{r.name}", r.name) for r in generic.dom]
    out += [Switch(f"para:{r.name}", r.name) for r in generic.paragraphs]
    out += [Switch(f"keep:{r.name}", r.name) for r in generic.keep]
    return out


def _rule_patch(switch: Switch) -> Callable[[], None]:
    field = {"dom": "dom", "para": "paragraphs", "keep": "keep"}[switch.kind]
    return without_rules(lambda rs: dataclasses.replace(
        rs, **{field: tuple(r for r in getattr(rs, field) if r.name != switch.rule)}))


def patch_for(switch: Switch) -> Callable[[], None]:
    if switch.kind in ("dom", "para", "keep"):
        return _rule_patch(switch)
    return {**stages(), **options()}[switch.name]
