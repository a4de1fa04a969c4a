"""The HTML report treats page text as hostile: it is shown, never run.

Checked twice: in the markup (everything escaped, a strict CSP) and in headless
Chromium from Debian, which loads the report and dumps the DOM after scripts
had their chance. A control page with the same text left raw proves that this
Chromium does run such scripts, so the check can fail.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sitekit import run_archiver

SCRIPT = "<script>document.title='PWNED';document.body.appendChild(document.createElement('pwned'))</script>"
IMG = "\"><img src=x onerror=\"document.title='PWNED2';document.body.appendChild(document.createElement('pwned'))\">"
NEW = f"Hostile headline {SCRIPT}\n\nThe body says {IMG} and goes on.\n\nA closing paragraph {SCRIPT} here.\n"
OLD = f"Hostile headline {SCRIPT}\n\nThe body says {IMG} and goes on.\n\nAn older closing paragraph {IMG} here.\n"

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def write_report(tmp_path: Path) -> Path:
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    (tmp_path / "new.json").write_text('{"url": "https://evil.test/\\"><script>x()</script>", "removed": '
                                       '[{"rule": "<b>rule</b>", "stage": "dom", "text": "nothing"}]}',
                                       encoding="utf-8")
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    out = tmp_path / "report.html"
    proc = run_archiver("diff", tmp_path / "new.txt", tmp_path / "old.txt", "--format", "html", "--output", out)
    assert proc.returncode == 1, proc.stderr  # the closing paragraphs differ
    return out


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.csp: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = a.get("content")


def test_report_markup_escapes_page_text_and_forbids_scripts(tmp_path):
    html = write_report(tmp_path).read_text(encoding="utf-8")
    parsed = Elements()
    parsed.feed(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "pwned" not in parsed.tags
    assert "b" not in parsed.tags  # the rule name from the sidecar is text too
    assert "default-src 'none'" in parsed.csp and "script-src 'none'" in parsed.csp
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;" in html
    assert "&quot;&gt;&lt;img src=x onerror=" in html


def chromium_dom(page: Path) -> str:
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
        proc = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--virtual-time-budget=3000", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install -y chromium)")
def test_chromium_runs_no_script_from_the_page_and_shows_the_text(tmp_path):
    control = tmp_path / "control.html"
    control.write_text(f"<!DOCTYPE html><html><head><title>control</title></head><body><p>{NEW}</p></body></html>",
                       encoding="utf-8")
    control_dom = chromium_dom(control)
    assert re.search(r"<title>PWNED2?</title>", control_dom) and "<pwned>" in control_dom  # scripts do run here

    dom = chromium_dom(write_report(tmp_path))
    assert re.search(r"<title>archiver diff</title>", dom)
    assert "<pwned" not in dom and "<img" not in dom and "<script" not in dom
    assert "Hostile headline &lt;script&gt;document.title='PWNED'" in dom  # shown as text
    assert "onerror=\"document.title='PWNED2'" in dom.replace("&quot;", '"')
    assert "A closing paragraph &lt;script&gt;" in dom
