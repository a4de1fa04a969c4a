"""Safe clean-file names and the text layout (archiver.output), on hostile URLs."""
from __future__ import annotations

from pathlib import Path

import pytest

from archiver import output


def test_slug_is_readable_and_ends_with_url_hash():
    url = "https://www.dw.com/en/kazakhstan-russia-led-troops-to-start-leaving-in-2-days/a-60384521"
    s = output.slug(url)
    assert s.startswith("en-kazakhstan-russia-led-troops-to-start-leaving-in-2-days-a-60384521-")
    assert s.endswith(output.url_hash(url))
    assert output.host_dir(url) == "www.dw.com"


@pytest.mark.parametrize("url", [
    "https://evil.test/../../../etc/passwd",
    "https://evil.test/%2e%2e/%2e%2e/%2fetc%2fpasswd",
    "https://evil.test/..%5c..%5cwindows",
    "https://evil.test/a/./../b?x=../../y",
    "https://evil.test/\x00nul",
    "https://evil.test/.hidden",
    "https://evil.test/",
])
def test_no_path_traversal(tmp_path, url):
    p = output.paths_for(url)
    for rel in (p.text, p.sidecar, p.version_text("sha256:" + "ab" * 32), p.version_sidecar(7)):
        target = output.inside(tmp_path, rel)  # raises if outside
        assert tmp_path.resolve() in target.parents
        name = Path(rel).name
        assert ".." not in name.split(".")[0] and "/" not in name and "\x00" not in rel
        assert not name.startswith(".")
    assert "/" not in p.slug and "\\" not in p.slug and p.slug not in ("", ".", "..")


def test_host_dir_keeps_port_and_strips_junk():
    assert output.host_dir("https://www.dw.com:8443/a") == "www.dw.com_8443"
    assert output.host_dir("https://www.dw.com:443/a") == "www.dw.com"
    assert output.host_dir("http://WWW.Example.TEST:80/a") == "www.example.test"
    assert output.host_dir("http://127.0.0.2:8080/") == "127.0.0.2_8080"
    assert output.host_dir("http://пример.рф/") == "xn--e1afmkfd.xn--p1ai"
    assert output.host_dir("http://..:8080/") in ("_8080", "__8080")


def test_long_url_gives_short_name():
    url = "https://news.test/" + "/".join(["section"] * 100) + "/" + "x" * 2000 + "?q=" + "y" * 500
    assert len(url) > 2000
    p = output.paths_for(url)
    for rel in (p.text, p.version_text("sha256:" + "0" * 64), p.version_sidecar(123456789)):
        for part in rel.split("/"):
            assert len(part.encode("utf-8")) <= 200


def test_non_ascii_path_bounded_in_bytes():
    url = "https://ru.test/" + "новости-" * 200
    s = output.slug(url)
    assert len(s.encode("utf-8")) <= output.SLUG_BYTES + 1 + output.HASH_CHARS
    assert "новости" in s


def test_colliding_slugs_get_different_names():
    a = "https://news.test/a/b-c"
    b = "https://news.test/a-b/c"
    c = "https://news.test/A/B-C"
    d = "https://news.test/a/b-c?"
    readable = {output.slug(u).rsplit("-", 1)[0] for u in (a, b, c)}
    assert readable == {"a-b-c"}  # the readable parts collide ...
    assert len({output.slug(u) for u in (a, b, c, d)}) == 4  # ... the names do not
    # two long URLs differing only at the start share the readable tail
    tail = "z" * 300
    assert output.slug("https://n.test/one/" + tail) != output.slug("https://n.test/two/" + tail)


def test_render_and_parse_text_round_trip():
    content = output.render_text("  A   title\n", "First.\n\nSecond.")
    assert content == "A title\n\nFirst.\n\nSecond.\n"
    assert output.parse_text(content) == ("A title", "First.\n\nSecond.")
    assert output.render_text("Only title", "") == "Only title\n"
    assert output.text_digest(content).startswith("sha256:")


def test_write_atomic_leaves_no_temp_files(tmp_path):
    target = tmp_path / "h" / "f.txt"
    output.write_atomic(target, "one")
    output.write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["f.txt"]


def test_inside_refuses_escape(tmp_path):
    with pytest.raises(ValueError):
        output.inside(tmp_path, "../x.txt")
    with pytest.raises(ValueError):
        output.inside(tmp_path, "/etc/passwd")
