"""The ablation's switch tables agree: a traced stage switch says how it is turned off
(``switches``), where it is read from and how a run tells it acted (``switch_trace``), and those
functions exist. An untraced stage switch is rerun on every page (slower, never wrong); a trace
row without a switch, or one naming a function that is gone, would fail only inside a worker.

Every module flag of ``archiver.extraction`` (an upper-case module attribute that is ``True``) is turned
off by a stage switch or listed in ``NOT_SWITCHES`` with why it is none: ``decode.GBK_AS_GB18030`` and
``deepnest.FLATTEN`` were neither, so the ablation never measured them. The flag scan and the trace run
in a subprocess: the patches change modules and are never undone.
"""
from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

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


ROOT = Path(__file__).resolve().parents[1]

# module flags that are no ablation switch, and why (each module's comment on the flag says so)
NOT_SWITCHES = {
    "archiver.extraction.RAW_SCANS": "marks.RAW_SCANS imported: speed only",
    "archiver.extraction.marks.RAW_SCANS": "speed only: the same answers",
    "archiver.extraction.marks.CASELESS_SCANS": "speed only: the same answers (speed48, tests/test_marks_caseless.py)",
    "archiver.extraction.collector.KEEP_PROXIES": "speed only: the same output",
    "archiver.extraction.dom.REUSE_BYTES": "speed only: the same bytes",
    "archiver.extraction.grouptests.SAME_ATTRIBUTE": "speed only",
    "archiver.extraction.grouptests.BY_ATTRIBUTE": "speed only: the same verdicts (speed43)",
    "archiver.extraction.linkdensity.LAZY_TEXT": "speed only",
    "archiver.extraction.selectors.TRIE_SEARCH": "speed only: the same answers (speed40)",
    "archiver.extraction.misnamed.TAILS_COUNT": "speed only: tail text is no child's, the same answers (host43)",
    "archiver.extraction.patternshape.SHAPE_CACHE": "speed only: a frozen Shape per pattern text and flags, the same rules kept (host44)",
    "archiver.extraction.textnodes.ENABLED": "speed only: the same text as lxml's strip_tags (host41)",
    "archiver.extraction.loosedivs.MIDDLE": "a part of stage:loose-divs (its variants measured in notes29)",
    "archiver.extraction.loosedivs.EDGES": "a part of stage:loose-divs (its variants measured in notes29)",
    "archiver.extraction.loosedivs.MARKED": "a part of stage:loose-divs (its variants measured in notes29)",
    "archiver.extraction.linkpasses.QUIET_PASS": "trafilatura's second pass skipped after a quiet first",
    "archiver.extraction.linkpasses.TOUCHED_ONLY": "trafilatura's second pass on touched elements only",
    "archiver.extraction.namedtests.MEMO": "speed only: the same answers",
    "archiver.extraction.rerun.BOUND_ESCALATION": "speed only",
    "archiver.extraction.rerun.READ_ONCE": "speed only: the same summary",
    "archiver.extraction.ruleselectors.GATES": "speed only",
    "archiver.extraction.ruleselectors.JOINED_LEADS": "one search for every label rule",
    "archiver.extraction.ruleselectors.MEMO_LEADS": "speed only: the same answers",
    "archiver.extraction.selectors.NESTED": "speed only",
    "archiver.extraction.selectors.TOKEN_SEARCH": "speed only: the same answers",
    "archiver.extraction.shortcut.PRUNED_BOUND": "a bound on the readability shortcut",
    "archiver.extraction.shortcut.RAW_BOUND": "a bound on the readability shortcut",
    "archiver.extraction.shortcut.RAW_TO_READABILITY": "speed only: the same result",
    "archiver.extraction.stoplist.TEXT_ONCE": "speed only",
    "archiver.extraction.wildbackup.LAZY_BACKUP": "speed only: the same result",
    "archiver.extraction.hiddenjunk.SHEET_GATE": "speed only: the same result (speed48)",
    "archiver.extraction.xpathmatchers.DICT_LOOKUP": "speed only: the same answers",
    "archiver.extraction.xpathmatchers.FAST_ABSENT": "speed only: the same answers",
    "archiver.extraction.xpathmatchers.SHARED_MEMOS": "speed only: the same answers",
    "archiver.extraction.hardwraps.HARD_WRAPS": "its stage is off with stage:repair-hard-wraps (a no-op function)",
    "archiver.extraction.linkaddress.LINK_REFERENCES": "its stage is off with stage:link-references",
    "archiver.extraction.ldbody.RECORD_FURNITURE": "the page account only, not the text",
    "archiver.extraction.slim.SLIM_INLINE_DATA": "the size refusal's twin for the tests",
    "archiver.extraction.ariaheadings.SHARE_ROWS": "a guard within stage:aria-lists (left unmeasured)",
    "archiver.extraction.proseboxes.PYTHON_MATCHER": "speed only: the same elements",
}

_SCAN = """
import importlib, json, pkgutil, re
import archiver.extraction as ex
from bench.switches import stages
mods = [ex] + [importlib.import_module("archiver.extraction." + m.name) for m in pkgutil.iter_modules(ex.__path__)]
before = {m.__name__: dict(vars(m)) for m in mods}
flags = sorted(m.__name__ + "." + k for m in mods for k, v in vars(m).items()
               if re.fullmatch("[A-Z][A-Z0-9_]*", k) and v is True)
for apply in stages().values():
    apply()
turned = sorted(m.__name__ + "." + k for m in mods for k, v in vars(m).items() if before[m.__name__].get(k) is not v)
print(json.dumps({"flags": flags, "turned": turned}))
"""


def _run(code: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_every_module_flag_of_the_extraction_is_a_switch_or_said_to_be_none():
    scan = _run(_SCAN)
    flags, turned = set(scan["flags"]), set(scan["turned"])
    assert len(flags) > 200  # the scan found the flags
    unswitched = sorted(flags - turned - set(NOT_SWITCHES))
    assert not unswitched, f"module flags no stage switch turns off: {unswitched}"
    assert not set(NOT_SWITCHES) & turned  # a listed flag that became a switch leaves the list
    assert set(NOT_SWITCHES) <= flags  # a listed flag that is gone leaves the list
    assert {"archiver.extraction.decode.GBK_AS_GB18030", "archiver.extraction.deepnest.FLATTEN"} <= turned


_TRACE = """
import json
from bench.switch_trace import trace
acted = set()
trace(acted)
from archiver.extraction import extract
seen = {}
kz = ("<html><head><meta charset=gb2312><title>x</title></head><body><p>Tokayev named the new cabinet on "
      "Tuesday. 繁體 Қазақстан</p></body></html>")
gb = "<html><head><meta charset=gb2312></head><body><p>港口新闻 天气 港口新闻 天气</p></body></html>"
deep = "<html><body>" + "<div>" * 3000 + "<p>The last words of the story, past the depth libxml2 builds.</p></body></html>"
flat = "<html><body><p>A short page of one paragraph, nested nowhere deep at all.</p></body></html>"
pages = {"gb18030": kz.encode("gb18030"), "gb2312": gb.encode("gb2312"), "deep": deep.encode(), "flat": flat.encode()}
for name, page in pages.items():
    acted.clear()
    extract(page, "http://h.test/a", content_type="text/html")
    seen[name] = sorted(s for s in acted if s in ("stage:gbk-as-gb18030", "stage:flatten-deep"))
print(json.dumps(seen))
"""


def test_the_decode_and_depth_switches_are_traced_where_they_act():
    seen = _run(_TRACE)
    assert seen == {"gb18030": ["stage:gbk-as-gb18030"], "gb2312": [], "deep": ["stage:flatten-deep"], "flat": []}


_DECLARED = """
import json, sys
from bench import switch_acted
from bench.switch_trace import TRACE_ERROR, trace
if sys.argv[1] == "stale":  # the predicate as it stood from rend25 to mend65: two arguments, paragraphs_of takes three
    switch_acted.ACTED["stage:declared-body-furniture"] = lambda out, body: True
acted = set()
trace(acted)
from archiver.extraction import extract
words = ("The harbour board voted on Monday to cut the last winter crossing by an hour, after a year in which the "
         "late boat carried fewer than twenty passengers on most evenings. ")
body = ("<p>" + words * 3 + "</p><figure><img src='/q.jpg'><figcaption>The quay at dusk. Photo: J. Doe"
        "</figcaption></figure><p>" + words * 3 + "</p>")
ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ferry cuts",
                 "articleBody": body})
html = ("<html><head><title>Ferry cuts</title><script type='application/ld+json'>" + ld + "</script></head>"
        "<body><h1>Ferry cuts</h1><p>Subscribe to read the full story.</p></body></html>")
own = "https://www.harbour-gazette.example/2026/11/20/ferry/"
lines = "".join("<p>" + words + str(i) + "</p>" for i in range(4))
sep = ("<html><head><title>Ferry cuts</title></head><body><article><h1>Ferry cuts</h1>" + lines
       + "<p>From Harbour Gazette · " + own + "</p></article></body></html>")
seen = {}
for name, page in {"declared": html, "separator": sep}.items():
    acted.clear()
    result = extract(page, own)
    seen[name] = {"error": result.error, "chars": len(result.text), "photo": "Photo: J. Doe" in result.text,
                  "acted": sorted(s for s in acted if "declared-body" in s or "own-address" in s)}
print(json.dumps(seen))
"""


def test_the_declared_body_trace_leaves_the_text_as_it_is_and_records_the_stage():
    """review61 item 3: since rend25 ``ldbody.paragraphs_of`` takes ``(body, furniture)``; the traced base run of
    ``bench.ablation`` raised on every page with a declared body and scored it empty. The predicate takes ``*a``
    now, and a predicate that raises is recorded (``TRACE_ERROR``), never raised into ``extract``."""
    seen = _run(_DECLARED.replace("sys.argv[1]", "'current'"))
    assert seen["declared"]["error"] is None and seen["declared"]["chars"] > 800
    assert not seen["declared"]["photo"]  # the figure's caption is the stage's to leave out
    assert seen["declared"]["acted"] == ["stage:declared-body-furniture"]
    assert seen["separator"]["acted"] == ["stage:own-address", "stage:own-address-separator"]
    stale = _run(_DECLARED.replace("sys.argv[1]", "'stale'"))
    assert stale["declared"]["error"] is None and stale["declared"]["chars"] == seen["declared"]["chars"]
    assert stale["declared"]["acted"] == ["trace-error:stage:declared-body-furniture"]
