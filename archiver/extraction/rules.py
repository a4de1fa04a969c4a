"""Load the boilerplate rules (data files) once and compile them.

``archiver/rules/generic.json`` applies to every page; each file in
``archiver/rules/sites/`` applies to the hosts in its ``hosts`` list (a host
matches itself and its subdomains). CSS selectors are compiled to XPath with
cssselect at load time and regular expressions are compiled once, so the hot
path only evaluates ready-made expressions.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from .reporting import rule_guard
from .ruleselectors import LabelSelector, TagXPathSelector, XPathSelector
from .selectors import Needs, Selector, SelectorError, compile_css

__all__ = ["DomRule", "ParagraphRule", "KeepRule", "StandfirstRule", "RuleSet", "rules_for", "load_rules", "RULES_DIR"]

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"


@dataclass(frozen=True, slots=True)
class DomRule:
    name: str
    selector: Selector | XPathSelector | TagXPathSelector | LabelSelector
    scope: str = "any"          # "any" | "outside-main" | "inside-main"
    allow_large: bool = False   # may remove an element holding most of the page's text
    unless: etree.XPath | None = None  # relative XPath: keep a matched element for which it is true
    source: str = ""
    words: frozenset[str] = frozenset()  # if set: one must be a whole word of the class or id
    max_chars: int = 0          # if set: a matched element with more text than this stays
    max_share: float = 0.0      # if set: a matched element holding more of the page's text than this stays
    lead: re.Pattern[str] | None = None  # if set: must match the element's leading text (see dom.lead_text)
    titled: bool = False        # with lead: the leading text may be a first-child heading's (see dom.title_text)


@dataclass(frozen=True, slots=True)
class ParagraphRule:
    name: str
    pattern: re.Pattern[str]
    action: str = "drop"        # "drop" | "cut" | "drop-following" | "drop-rest" | "drop-after" | "drop-before"
    following: tuple[re.Pattern[str], ...] = ()
    max_following: int = 0
    max_length: int = 0         # 0: any length; else only paragraphs up to this many chars
    last: int = 0               # 0: anywhere; else only among the body's last N paragraphs
    takes_credit: bool = False  # also drop the credit line right before it that its brackets name
    first: int = 0              # 0: anywhere; else only among the body's first N paragraphs
    takes_label: bool = False   # also drop the short label line right before it (the box's title)
    not_reported: re.Pattern[str] | None = None  # a paragraph holding a match of this (a reporting clause) stays
    not_heading: bool = False   # a line that is one of the body's subheadings (<h2>-<h6>) stays
    not_after_colon: bool = False  # a line (or a run the rule takes) right after a line ending ':' stays
    beside: re.Pattern[str] | None = None  # if set: taken only when the line before or after matches it


@dataclass(frozen=True, slots=True)
class KeepRule:
    name: str
    pattern: re.Pattern[str]


def _words_pattern(words: list[str]) -> re.Pattern[str]:
    """Any of ``words`` as a whole word of lower-case class and id text."""
    alternatives = "|".join(re.escape(w.lower()) for w in words)
    return re.compile(rf"(?:^|[^a-z])(?:{alternatives})(?:[^a-z]|$)")


@dataclass(frozen=True, slots=True)
class StandfirstRule:
    """Where a standfirst may be and what it looks like (``"standfirst"`` in a rules file)."""

    marker: re.Pattern[str]            # a whole word of a class or id naming a standfirst
    min_chars: int = 120               # shorter: a subtitle, not a paragraph
    max_chars: int = 800
    search_chars: int = 600            # text allowed between the headline and the standfirst
    max_link_share: float = 0.3
    skip_tags: frozenset[str] = frozenset()  # subtrees never searched (lists, asides, figures)
    held: float = 0.5                  # the text holds it when it holds this share of its sentences
    veto: re.Pattern[str] | None = None  # a whole word of a class or id naming something else (an author bio)
    skip: re.Pattern[str] | None = None  # a whole word of a class or id naming a subtree never searched (a tagline)
    group_tags: frozenset[str] = frozenset()  # the headline's heading group (<hgroup>): its subtitle whatever its names

    @classmethod
    def from_data(cls, data: dict) -> StandfirstRule:
        # with slots, cls.min_chars is the slot, not the default: read the defaults from the fields
        default = {f.name: f.default for f in fields(cls)}
        return cls(_words_pattern(data["class_words"]),
                   int(data.get("min_chars", default["min_chars"])),
                   int(data.get("max_chars", default["max_chars"])),
                   int(data.get("search_chars", default["search_chars"])),
                   float(data.get("max_link_share", default["max_link_share"])),
                   frozenset(data.get("skip_tags", ())),
                   float(data.get("held", default["held"])),
                   _words_pattern(data["veto_words"]) if data.get("veto_words") else None,
                   _words_pattern(data["skip_words"]) if data.get("skip_words") else None,
                   frozenset(data.get("group_tags", ())))


@dataclass(frozen=True)
class RuleSet:
    name: str
    hosts: tuple[str, ...] = ()
    main: tuple[Selector | XPathSelector | TagXPathSelector | LabelSelector, ...] = ()
    dom: tuple[DomRule, ...] = ()
    paragraphs: tuple[ParagraphRule, ...] = ()
    keep: tuple[KeepRule, ...] = ()
    trafilatura: dict[str, Any] = field(default_factory=dict)
    standfirst: StandfirstRule | None = None
    notes: re.Pattern[str] | None = None  # leading label of a correction or editor's note
    faq: re.Pattern[str] | None = None  # title of a questions-and-answers section (faq.py)
    keypoints: re.Pattern[str] | None = None  # whole title of a key-points box (keypoints.py)
    headed_gaps: tuple[int, int] | None = None  # (max blocks, max levels up) of a gap under a kept heading (gaps.py)

    @property
    def needs(self) -> Needs:
        """Every class token, id and attribute the selectors of this rule set look up (for the page index)."""
        cached = self.__dict__.get("_needs")
        if cached is None:
            cached = Needs()
            for sel in (*self.main, *(r.selector for r in self.dom)):
                cached = cached | sel.needs
            object.__setattr__(self, "_needs", cached)
        return cached

    def __add__(self, other: RuleSet) -> RuleSet:
        return RuleSet(
            name=f"{self.name}+{other.name}",
            hosts=self.hosts + other.hosts,
            main=other.main + self.main,  # site-specific containers first
            dom=other.dom + self.dom,     # site rules name the block more precisely
            paragraphs=other.paragraphs + self.paragraphs,
            keep=other.keep + self.keep,
            trafilatura={**self.trafilatura, **other.trafilatura},
            standfirst=other.standfirst or self.standfirst,
            notes=other.notes or self.notes,
            faq=other.faq or self.faq,
            keypoints=other.keypoints or self.keypoints,
            headed_gaps=other.headed_gaps or self.headed_gaps,
        )


def _flags(spec: dict[str, Any]) -> int:
    flags = 0
    for ch in spec.get("flags", ""):
        flags |= {"i": re.I, "m": re.M, "s": re.S, "x": re.X}[ch]
    return flags


def _selector(spec: dict[str, Any], where: str) -> Selector | XPathSelector | TagXPathSelector | LabelSelector:
    if "lead" in spec and "css" not in spec and "xpath" not in spec:
        try:
            return LabelSelector(re.compile(spec["lead"], _flags(spec)), frozenset(spec.get("tags", ["div"])),
                                 bool(spec.get("label_block")))
        except re.error as exc:
            raise ValueError(f"{where}: bad 'lead' pattern: {exc}") from exc
    try:
        if "css" in spec:
            return compile_css(spec["css"])
        if "xpath" in spec and "from_tag" in spec:  # asked of each element of that tag (the page index's list)
            return TagXPathSelector(spec["from_tag"], spec["xpath"])
        if "xpath" in spec:
            return XPathSelector(spec["xpath"], frozenset(spec.get("gate_class", ())), tuple(spec.get("gate_text", ())),
                                 tuple(spec.get("gate_attrs", ())))
    except SelectorError as exc:
        raise ValueError(f"{where}: bad CSS selector {spec['css']!r}: {exc}") from exc
    except etree.XPathSyntaxError as exc:
        raise ValueError(f"{where}: bad XPath {spec['xpath']!r}: {exc}") from exc
    raise ValueError(f"{where}: a rule needs 'css' or 'xpath'")


def _compile(data: dict[str, Any], source: str, prefix: str = "") -> RuleSet:
    """Compile one rules file; site rules are named ``<site>/<rule>`` so a sidecar says which file."""
    name = data.get("name") or Path(source).stem
    dom = []
    for i, spec in enumerate(data.get("dom", [])):
        where = f"{source} dom[{i}]"
        scope = spec.get("scope", "any")
        if scope not in ("any", "outside-main", "inside-main"):
            raise ValueError(f"{where}: unknown scope {scope!r}")
        unless = None
        if "unless" in spec:
            try:
                unless = etree.XPath(f"boolean({spec['unless']})")
            except etree.XPathSyntaxError as exc:
                raise ValueError(f"{where}: bad 'unless' XPath {spec['unless']!r}: {exc}") from exc
        dom.append(DomRule(prefix + spec["name"], _selector(spec, where), scope, bool(spec.get("allow_large")),
                           unless, source, frozenset(w.lower() for w in spec.get("words", ())),
                           int(spec.get("max_chars", 0)), float(spec.get("max_share", 0)),
                           re.compile(spec["lead"], _flags(spec)) if "lead" in spec and not spec.get("label_block")
                           else None,
                           bool(spec.get("titled"))))
    paragraphs = []
    for i, spec in enumerate(data.get("paragraphs", [])):
        action = spec.get("action", "drop")
        if action not in ("drop", "cut", "drop-following", "drop-rest", "drop-after", "drop-before"):
            raise ValueError(f"{source} paragraphs[{i}]: unknown action {action!r}")
        if action == "drop-before" and not int(spec.get("first", 0)):
            raise ValueError(f"{source} paragraphs[{i}]: 'drop-before' needs 'first' (it opens the body only)")
        if action in ("drop-rest", "drop-after") and not int(spec.get("last", 0)):
            raise ValueError(f"{source} paragraphs[{i}]: {action!r} needs 'last' (it closes the body only)")
        flags = _flags(spec)
        paragraphs.append(ParagraphRule(
            prefix + spec["name"], re.compile(spec["pattern"], flags), action,
            tuple(re.compile(p, flags) for p in spec.get("following", [])),
            int(spec.get("max_following", 3 if action in ("drop-following", "drop-before") else 0)),
            int(spec.get("max_length", 0)), int(spec.get("last", 0)), bool(spec.get("takes_credit")),
            int(spec.get("first", 0)), bool(spec.get("takes_label")),
            rule_guard(spec.get("not_reported", False), f"{source} paragraphs[{i}]"),
            bool(spec.get("not_heading")), bool(spec.get("not_after_colon")),
            re.compile(spec["beside"], flags) if "beside" in spec else None,
        ))
    keep = [KeepRule(prefix + s["name"], re.compile(s["pattern"], _flags(s))) for s in data.get("keep", [])]
    main = tuple(_selector({"css": css}, f"{source} main") for css in data.get("main", []))
    try:
        standfirst = StandfirstRule.from_data(data["standfirst"]) if "standfirst" in data else None
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ValueError(f"{source} standfirst: {exc!r}") from exc
    try:
        # %DATED%: the optional date between a note's word and its colon ("Correction, January 12, 2022:")
        notes = (re.compile(data["notes"]["label"].replace("%DATED%", data["notes"].get("dated", "")),
                            _flags(data["notes"])) if "notes" in data else None)
    except (KeyError, TypeError, re.error) as exc:
        raise ValueError(f"{source} notes: {exc!r}") from exc
    try:
        faq = re.compile(data["faq"]["title"], _flags(data["faq"])) if "faq" in data else None
    except (KeyError, TypeError, re.error) as exc:
        raise ValueError(f"{source} faq: {exc!r}") from exc
    try:
        keypoints = (re.compile(data["keypoints"]["title"], _flags(data["keypoints"]))
                     if "keypoints" in data else None)
    except (KeyError, TypeError, re.error) as exc:
        raise ValueError(f"{source} keypoints: {exc!r}") from exc
    try:
        headed = ((int(data["headed_gaps"]["max_gap"]), int(data["headed_gaps"]["max_up"]))
                  if "headed_gaps" in data else None)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{source} headed_gaps: {exc!r}") from exc
    return RuleSet(name, tuple(h.lower() for h in data.get("hosts", [])), main, tuple(dom),
                   tuple(paragraphs), tuple(keep), dict(data.get("trafilatura", {})), standfirst, notes, faq, keypoints,
                   headed)


def load_rules(path: Path, site: bool = False) -> RuleSet:
    """Read and compile one rules file; errors name the file and the rule."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    prefix = f"{data.get('name') or path.stem}/" if site else ""
    return _compile(data, path.name, prefix)


@lru_cache(maxsize=1)
def _all(rules_dir: str) -> tuple[RuleSet, tuple[RuleSet, ...]]:
    base = Path(rules_dir)
    generic = load_rules(base / "generic.json")
    sites = tuple(load_rules(p, site=True) for p in sorted((base / "sites").glob("*.json")))
    return generic, sites


def _host_matches(host: str, pattern: str) -> bool:
    return host == pattern or host.endswith("." + pattern)


@lru_cache(maxsize=4096)
def rules_for(host: str | None, rules_dir: str = str(RULES_DIR)) -> RuleSet:
    """The generic rules merged with the rules of every site file naming ``host``."""
    generic, sites = _all(rules_dir)
    ruleset = generic
    if host:
        host = host.lower().rstrip(".")
        for site in sites:
            if any(_host_matches(host, h) for h in site.hosts):
                ruleset = ruleset + site
    return ruleset
