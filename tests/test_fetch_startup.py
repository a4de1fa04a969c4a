"""Start-up of a fetch: what it imports (archiver.lean_imports), and that what it holds out still works.

Each check runs in a fresh interpreter, since what matters is the first import.
"""
from __future__ import annotations

import json
import subprocess
import sys

from sitekit import archiver_env

NEVER_ON_FETCH = ["httpx._main", "rich", "click", "pygments", "h2", "tldextract", "requests", "tqdm"]


def _run(code: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=archiver_env(),
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_fetch_path_imports_nothing_it_never_runs(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    code = f"""
import json, sys
from archiver.cli import main
code = main(["fetch", {str(tmp_path / "empty.txt")!r}, "--warcs", {str(tmp_path / "warcs")!r},
             "--db", {str(tmp_path / "cat.db")!r}, "--progress", "never"])
from archiver.cdxj_entries import index_line, _surt
key = _surt("http://www.Example.test/a?b=1")  # what a written record's CDXJ line needs
print(json.dumps({{"exit": code, "key": key, "loaded": [m for m in {NEVER_ON_FETCH!r} if m in sys.modules]}}))
"""
    got = _run(code)
    assert got["exit"] == 0
    assert got["key"] == "test,example)/a?b=1"
    assert got["loaded"] == [], f"the fetch path imported {got['loaded']}"


def test_held_out_modules_still_import_afterwards():
    code = """
import json, sys
import archiver.fetch  # httpx and httpcore, with httpx._main and h2 held out
from archiver.lean_imports import import_surt
surt = import_surt()
held = ["h2" in sys.modules, "httpx._main" in sys.modules, "tldextract" in sys.modules]
import h2.connection, httpx._main, tldextract
handyurl = sys.modules["surt.handyurl"]  # the package's attribute of that name is the class
print(json.dumps({"held": held, "h2": h2.connection.H2Connection.__name__, "cli": callable(httpx._main.main),
                  "surt_tld": handyurl.tldextract.TLDExtract is tldextract.TLDExtract,
                  "same": sys.modules["tldextract"] is tldextract}))
"""
    got = _run(code)
    assert got["held"] == [False, False, False]
    assert got["h2"] == "H2Connection" and got["cli"]
    assert got["surt_tld"], "surt's tldextract stand-in must hand out the real module's names"
    assert got["same"]


def test_a_held_out_module_an_import_needs_is_importable_again(tmp_path):
    """If a library version needs what is held out, the import fails cleanly and nothing stays held."""
    (tmp_path / "dep_x.py").write_text("VALUE = 1\n")
    (tmp_path / "needs_x.py").write_text("import dep_x\n")
    code = f"""
import json, sys
sys.path.insert(0, {str(tmp_path)!r})
from archiver.lean_imports import _without
try:
    _without(["dep_x"], "needs_x")
    refused = False
except ImportError:
    refused = True
marker_left = "dep_x" in sys.modules
import needs_x
print(json.dumps({{"refused": refused, "marker_left": marker_left, "value": needs_x.dep_x.VALUE}}))
"""
    got = _run(code)
    assert got == {"refused": True, "marker_left": False, "value": 1}
