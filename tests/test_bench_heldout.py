"""bench/heldout_sources.py: reading labelled pages out of sdists, and fetching them from an index.

The readers run on small sdists built here; the fetch runs against a real HTTP server on
loopback playing a PEP 691 index, and once against PyPI itself (skipped when unreachable).
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import sys
import tarfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import heldout_sources as hs  # noqa: E402
from bench.heldout import summary  # noqa: E402


def make_sdist(top: str, files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for path, data in files.items():
            info = tarfile.TarInfo(f"{top}/{path}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def test_html_text_gives_a_line_per_block_and_joins_inline_markup():
    html = (b"<article><h2>Heading</h2><p>Alpha <b>be</b>ta\n   gamma</p><script>var x=1;</script>"
            b"<ul><li>one</li><li>two</li></ul><p>caf\xc3\xa9<br>next</p></article>")
    assert hs.html_text(html) == "Heading\nAlpha beta gamma\none\ntwo\ncaf\u00e9\nnext"
    assert hs.html_text("  ") == ""


def test_newspaper4k_reader_pairs_text_html_and_url_and_skips_unlabelled_pages():
    sdist = make_sdist("newspaper4k-0.9.6", {
        "tests/data/html/story.html": b"<html><body><p>Body</p></body></html>",
        "tests/data/txt/story.txt": "Body text \u00e9".encode(),
        "tests/data/metadata/story.json": json.dumps({"url": "http://news.example/story"}).encode(),
        "tests/data/html/front_page.html": b"<html></html>",  # no .txt: not labelled
        "tests/data/txt/orphan.txt": b"no html beside it",
        "newspaper/other.py": b"",
    })
    pages = hs.SOURCES["newspaper4k"].pages(sdist)
    assert [(p.key, p.url, p.truth) for p in pages] == [
        ("newspaper4k/story", "http://news.example/story", "Body text \u00e9")]
    assert pages[0].html.startswith(b"<html>")


def test_article_extractor_reader_follows_the_fixture_index():
    root = "tests/fixtures/fullpage_to_article_html"
    index = {"cases": [
        {"host": "blog.example", "case": "post", "url": "https://blog.example/post",
         "raw_html": f"{root}/blog.example/post/raw.html", "expected_html": f"{root}/blog.example/post/expected.html"},
        {"host": "gone.example", "case": "x", "url": "https://gone.example/x",
         "raw_html": f"{root}/gone.example/x/raw.html", "expected_html": f"{root}/gone.example/x/expected.html"},
    ]}
    sdist = make_sdist("article_extractor-0.5.9", {
        f"{root}/fixtures_index.json": json.dumps(index).encode(),
        f"{root}/blog.example/post/raw.html": b"<html><nav>Menu</nav><article><p>One</p></article></html>",
        f"{root}/blog.example/post/expected.html": b"<article><p>One</p><p>Two <i>words</i></p></article>",
    })
    pages = hs.SOURCES["article-extractor"].pages(sdist)
    assert [(p.key, p.url, p.truth) for p in pages] == [
        ("article-extractor/blog.example/post", "https://blog.example/post", "One\nTwo words")]


def test_readability_reader_leaves_out_the_made_up_unit_cases():
    big = b"<html><body>" + b"<p>filler</p>" * 1000 + b"</body></html>"
    sdist = make_sdist("package", {
        "test/test-pages/news-1/source.html": big,
        "test/test-pages/news-1/expected.html": b"<div id='readability-page-1'><p>Kept <a>text</a></p></div>",
        "test/test-pages/replace-brs/source.html": b"<p>a<br><br>b</p>",  # a few bytes: a unit case
        "test/test-pages/replace-brs/expected.html": b"<p>a</p><p>b</p>",
        "test/test-pages/no-expected/source.html": big,
    })
    pages = hs.SOURCES["readability"].pages(sdist)
    assert [(p.key, p.url, p.truth) for p in pages] == [("readability/news-1", None, "Kept text")]


def test_summary_counts_pages_below_bare_on_each_metric():
    pages = [hs.Page("a", None, b"", truth="one two three four five"),
             hs.Page("b", None, b"", truth="six seven eight nine ten")]
    base = {"a": "one two three four five", "b": "six seven eight"}
    mine = {"a": "one two three four five extra", "b": "six seven eight nine ten"}
    s = summary(pages, base, mine)
    assert s["pages"] == 2 and s["below_wf1"] == 1 and s["below_aeb"] == 1
    assert s["arch_wf1"] > s["bare_wf1"]


class _Index(BaseHTTPRequestHandler):
    payload = b""
    digest = ""

    def do_GET(self):
        host = self.headers["Host"]
        if self.path == "/npm/demo/1.0":
            body = json.dumps({"dist": {"tarball": f"http://{host}/files/demo-1.0.tar.gz", "integrity": "sha512-"
                                        + base64.b64encode(hashlib.sha512(self.payload).digest()).decode()}}).encode()
        elif self.path == "/simple/demo/":
            body = json.dumps({"files": [{"filename": "demo-1.0.tar.gz", "url": f"http://{host}/files/demo-1.0.tar.gz",
                                          "hashes": {"sha256": self.digest}}]}).encode()
        elif self.path == "/files/demo-1.0.tar.gz":
            body = self.payload
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def index_server(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Index)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setattr(hs, "INDEX", f"http://127.0.0.1:{server.server_port}/simple/{{name}}/")
    monkeypatch.setattr(hs, "NPM", f"http://127.0.0.1:{server.server_port}/npm/{{name}}/{{version}}")
    yield server
    server.shutdown()
    server.server_close()


DEMO = hs.Source("demo", "demo", "demo-1.0.tar.gz", "tests/", hs.newspaper4k_pages)


def test_fetch_checks_the_digest_and_serves_later_runs_from_the_cache(index_server, tmp_path):
    _Index.payload = make_sdist("demo-1.0", {"tests/x": b"x"})
    _Index.digest = hashlib.sha256(_Index.payload).hexdigest()
    assert hs.fetch_sdist(DEMO, tmp_path) == _Index.payload
    assert (tmp_path / "demo-1.0.tar.gz").read_bytes() == _Index.payload
    index_server.shutdown()  # the registry goes away: the cached copy still serves
    assert hs.fetch_sdist(DEMO, tmp_path, timeout=5) == _Index.payload


def test_fetch_from_npm_checks_the_sha512_integrity(index_server, tmp_path):
    _Index.payload = make_sdist("package", {"test/x": b"x"})
    npm_demo = hs.Source("demo", "demo", "demo-1.0.tgz", "test/", hs.readability_pages, registry="npm", version="1.0")
    assert hs.fetch_sdist(npm_demo, tmp_path) == _Index.payload


def test_fetch_refuses_a_download_that_does_not_match_the_index(index_server, tmp_path):
    _Index.payload = b"not what the index promised"
    _Index.digest = "0" * 64
    with pytest.raises(ValueError, match="sha256"):
        hs.fetch_sdist(DEMO, tmp_path)
    assert not (tmp_path / "demo-1.0.tar.gz").exists()


def test_an_unreachable_registry_is_reported_as_such(monkeypatch, tmp_path):
    monkeypatch.setattr(hs, "INDEX", "http://127.0.0.1:9/simple/{name}/")  # discard port: nothing listens
    with pytest.raises(hs.RegistryUnreachable):
        hs.fetch_sdist(DEMO, tmp_path, timeout=5)


def test_the_real_newspaper4k_sdist_holds_its_23_labelled_pages(tmp_path):
    try:
        data = hs.fetch_sdist(hs.SOURCES["newspaper4k"], tmp_path)
    except hs.RegistryUnreachable as exc:
        pytest.skip(f"PyPI unreachable: {exc}")
    pages = hs.SOURCES["newspaper4k"].pages(data)
    assert len(pages) == 23
    assert all(p.truth and p.html for p in pages)


def test_markdown_text_drops_the_front_matter_and_reads_links_images_and_tables():
    md = ("---\ntitle: Title\nsource: \"https://x.example/\"\n---\n# Title\n\nA [linked](/u) word "
          "and _emphasis_ in snake_case.\n\n![alt text](/img.png)\n\n- one\n- two\n\n"
          "| Tactic | Control |\n| --- | --- |\n| Phishing | Keys |\n\n```\ncode line\n```\n")
    assert hs.markdown_text(md.encode()) == (
        "Title\nA linked word and emphasis in snake_case.\none\ntwo\nTactic\nControl\nPhishing\nKeys\ncode line")
    assert hs.markdown_text("---\n---\nBody") == "Body"  # empty front matter
    assert hs.markdown_text("Plain --- text\n") == "Plain --- text"


def test_domdown_reader_reads_the_core_cases_of_the_manifest_with_a_captured_page():
    big = b"<html><body>" + b"<p>filler</p>" * 1000 + b"</body></html>"
    manifest = {"version": 1, "cases": [
        {"id": "blog_post", "html": "html/blog.example_post.html", "markdown": "raw/blog.example_post.md",
         "base_url": "https://blog.example/post"},
        {"id": "no_url", "layer": "core", "html": "html/b.html", "markdown": "raw/b.md"},
        {"id": "repo_issue", "layer": "adapter", "html": "html/c.html", "markdown": "raw/c.md"},  # per-site code
        {"id": "cut_down", "html": "html/d.html", "markdown": "raw/d.md"},  # 2 KB: not a captured page
        {"id": "missing", "html": "html/e.html", "markdown": "raw/e.md"},
    ]}
    sdist = make_sdist("domdown-0.3.6", {
        "tests/real/manifest.json": json.dumps(manifest).encode(),
        "tests/real/html/blog.example_post.html": big,
        "tests/real/raw/blog.example_post.md": b"---\ntitle: Post\n---\n# Post\n\nBody [text](/x).\n",
        "tests/real/html/b.html": big, "tests/real/raw/b.md": b"Second",
        "tests/real/html/c.html": big, "tests/real/raw/c.md": b"Issue",
        "tests/real/html/d.html": b"<p>short</p>", "tests/real/raw/d.md": b"short",
        "tests/real/html/e.html": big,
    })
    pages = hs.SOURCES["domdown"].pages(sdist)
    assert [(p.key, p.url, p.truth) for p in pages] == [
        ("domdown/blog_post", "https://blog.example/post", "Post\nBody text."), ("domdown/no_url", None, "Second")]
    assert pages[0].html == big


def test_webarticle2text_reader_pairs_each_page_with_its_expected_text_only():
    base = "webarticle2text/fixtures/compare/"
    sdist = make_sdist("webarticle2text-3.0.2", {
        f"{base}page1.html": b"<html><body><p>Story</p></body></html>",
        f"{base}page1.expected.txt": "Story text \u00e9".encode(),
        f"{base}page1.goose.actual.txt": b"another extractor's output",
        f"{base}page2.expected.txt": b"no page beside it",
        f"{base}page3.html": b"<html></html>",  # no expected text
        "webarticle2text/fixtures/SAMPLE1.html": b"<html></html>",
    })
    pages = hs.SOURCES["webarticle2text"].pages(sdist)
    assert [(p.key, p.url, p.truth) for p in pages] == [("webarticle2text/page1", None, "Story text \u00e9")]


def test_switches_are_checked_by_name():
    from bench.heldout import unknown_switches
    assert unknown_switches(["dom:figure", "para:follow-us", "stage:standfirst", "option:favor_precision"]) == []
    assert unknown_switches(["dom:figure", "dom:no-such-rule", "stage:nothing"]) == ["dom:no-such-rule", "stage:nothing"]


def test_a_switch_taken_out_runs_in_a_worker_and_leaves_this_process_alone():
    from functools import partial

    from bench.extract_quality import _archiver
    from bench.heldout import _switched_archiver
    from bench.sets import Page, run_pages
    body = ("The river rose through the night and the town watched the levee hold. "
            "Engineers had reinforced the wall in spring, and their work held firm.")
    follow = "Follow Riverside News on Facebook and Twitter for more local news."
    html = (f"<html><body><article><h1>Levee holds</h1><p>{body}</p><p>{body} The mayor thanked the crews.</p>"
            f"<p>{follow}</p></article></body></html>").encode()
    pages = [Page("levee", "https://example.org/levee", html)]
    full, _ = run_pages(_archiver, pages)
    off, crashes = run_pages(partial(_switched_archiver, ("para:follow-us", "para:follow-us-more")), pages,
                             isolate=True)
    again, _ = run_pages(_archiver, pages)
    assert crashes == 0
    assert follow not in (full["levee"] or "")
    assert follow in (off["levee"] or "")
    assert again == full  # the patch stayed in the worker


def test_markdown_image_whose_alt_spans_a_blank_line_gives_nothing():
    from bench.heldout_sources import markdown_text

    md = ("The leak held 200,000 messages.\n\n![A screenshot of a chat\n\nAI-generated content may be incorrect.]"
          "(data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAloA)\n\nThe gang used ![logo](x.png) Zoominfo.")
    assert markdown_text(md) == "The leak held 200,000 messages.\nThe gang used Zoominfo."
    assert markdown_text("[a link\n\nacross](https://x.test/) stays text").count("across") == 1
