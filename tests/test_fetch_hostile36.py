"""Hostile input, round 36 (session 41, host44): chains across several hosts (sitekit on 127.0.36.2-4).

A ``<meta http-equiv=refresh>`` loop across three hosts (a -> b -> c -> a) kept the last page, a "wait"
interstitial, as the capture without a word; now its reason says the refresh went back to a page of the
chain (``refresh.LOOP_NOTED``; fails before). A 302 loop across the three hosts and a consent wall on
another host that sets a cookie and sends the reader back were already right, and are guarded here.
"""
from __future__ import annotations

import pytest
from sitekit import Response, Site, redirect, run_archiver, write_list
from warckit import assert_archive_sound, catalog_rows

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def article(title: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>"
            + "Words of the story go here. " * 30 + "</p></article></body></html>")


def refresh_to(url: str) -> Response:
    return Response(body=f'<html><head><meta http-equiv="refresh" content="0; url={url}"></head>'
                         "<body><p>Please wait</p></body></html>")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("fetch36")
    with Site(root) as site:
        hosts = [site.host(f"{n}.round36.test", address=f"127.0.36.{i}") for i, n in enumerate("abc", start=2)]
        a, b, c = hosts
        for h in hosts:
            h.route("/robots.txt", Response(body="User-agent: *\nAllow: /\n", content_type="text/plain"))
        site.start()
        for here, there in ((a, b), (b, c), (c, a)):
            here.route("/loop", redirect(there.url("/loop")))
            here.route("/mr", refresh_to(there.url("/mr")))
        a.route("/self", refresh_to(a.url("/self")))  # a page reloading itself: the page, no note

        def story(req):
            if "consent=yes" in req.headers.get("Cookie", req.headers.get("cookie", "")):
                return Response(body=article("Consented story"))
            return redirect(b.url("/wall"))

        a.route("/story", story)
        b.route("/wall", redirect(a.url("/set")))
        a.route("/set", Response(status=302, headers=[("Location", a.url("/story")),
                                                      ("Set-Cookie", "consent=yes; Path=/")]))
        urls = write_list(root / "urls.txt", [a.url(p) for p in ("/loop", "/mr", "/self", "/story")])
        out = run_archiver("fetch", urls, "--warcs", root / "warcs", "--db", root / "c.db", "--delay", "0",
                           "--retries", "0", "--timeout", "10", "--progress", "never", *site.client_flags(),
                           cwd=root, timeout=300)
        asked = [(r.host.split(".")[0], r.path) for r in site.requests if r.path != "/robots.txt"]
    rows = {r["url"].rsplit("/", 1)[1]: r for r in catalog_rows(root / "c.db", "SELECT * FROM captures")}
    return root, out.stdout + out.stderr, rows, asked


def test_a_refresh_loop_across_hosts_is_said(run):
    root, out, rows, asked = run
    assert "Traceback" not in out
    row = rows["mr"]
    assert row["state"] == "captured" and row["final_url"].startswith("http://c.round36.test"), row
    assert "its refresh goes back to http://a.round36.test" in (row["reason"] or ""), row
    assert "refresh loop" in row["reason"], row
    assert asked.count(("a", "/mr")) == 1 and asked.count(("c", "/mr")) == 1, asked
    assert not rows["self"]["reason"], rows["self"]  # reloading itself is no loop
    assert_archive_sound(root / "warcs")


def test_a_redirect_loop_across_hosts_and_a_consent_wall_elsewhere(run):
    root, out, rows, asked = run
    assert rows["loop"]["state"] == "failed" and "redirect loop" in rows["loop"]["reason"], rows["loop"]
    assert asked.count(("a", "/loop")) <= 2, asked
    assert rows["story"]["state"] == "captured" and not rows["story"]["reason"], rows["story"]
    assert asked.count(("a", "/story")) == 2 and asked.count(("b", "/wall")) == 1, asked


DISALLOW = "User-agent: *\nDisallow: /\n"
ROBOTS = {  # the host's robots.txt -> whether its page is fetched (RFC 9309 section 2.3.1)
    # a 2xx: the file, obeyed (a 206 when its Content-Range covers the whole file: a part, or one without
    # Content-Range, is a cut body since review46, test_review46_mends)
    "s206": (Response(206, body=DISALLOW, content_type="text/plain",
                      headers=[("Content-Range", f"bytes 0-{len(DISALLOW) - 1}/{len(DISALLOW)}")]), False),
    "s203": (Response(203, body=DISALLOW, content_type="text/plain"), False),
    "s200": (Response(body=DISALLOW, content_type="text/plain"), False),
    "s204": (Response(204, content_type=None), True),  # an empty file: no rules
    "s401": (Response(401, body=DISALLOW, headers=[("WWW-Authenticate", 'Basic realm="r"')]), True),  # 4xx:
    "s403": (Response(403, body=DISALLOW), True),  # "unavailable", any URL allowed (as Google reads 401 and 403)
    "s451": (Response(451, body=DISALLOW), True),
    "s300": (Response(300, body=DISALLOW), True),  # a 3xx of no Location: no redirect to follow
    "s500": (Response(500, body="down"), False),  # "unreachable": complete disallow
}


def test_robots_txt_status_codes_read_as_rfc_9309_reads_them(tmp_path):
    """A 206 or 203 robots.txt saying ``Disallow: /`` was read as no file (only a 200 was read) and every URL of
    its host was fetched; now any 2xx is the file (``robots.WHOLE_2XX``; fails before). 401, 403, 451, a 300 of no
    Location and 204 allow all, a 500 disallows, a 301 to another host's disallowing file disallows: right before."""
    with Site(tmp_path) as site:
        hosts = {name: site.host(f"{name}.round36.test", address=f"127.0.36.{i}")
                 for i, name in enumerate([*ROBOTS, "other", "moved"], start=10)}
        site.start()
        for name, (robots, _) in ROBOTS.items():
            hosts[name].route("/robots.txt", robots)
        hosts["other"].route("/robots.txt", Response(body=DISALLOW, content_type="text/plain"))
        hosts["moved"].route("/robots.txt", redirect(hosts["other"].url("/robots.txt"), 301))
        for name, host in hosts.items():
            host.route("/p", Response(body=article(name)))
        urls = write_list(tmp_path / "urls.txt", [h.url("/p") for h in hosts.values()])
        out = run_archiver("fetch", urls, "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db", "--delay", "0",
                           "--retries", "0", "--timeout", "10", "--progress", "never", *site.client_flags(),
                           cwd=tmp_path, timeout=300)
        fetched = {r.host.split(".")[0] for r in site.requests if r.path == "/p"}
    assert "Traceback" not in out.stdout + out.stderr
    expected = {name for name, (_, allowed) in ROBOTS.items() if allowed}
    assert fetched == expected, (fetched, out.stdout)
    rows = {r["url"].split(".")[0].split("//")[1]: r for r in catalog_rows(tmp_path / "c.db", "SELECT * FROM captures")}
    for name in ("s206", "s203", "moved"):
        assert rows[name]["state"] == "failed" and rows[name]["reason"] == "robots.txt disallows this URL", rows[name]
    assert_archive_sound(tmp_path / "warcs")
