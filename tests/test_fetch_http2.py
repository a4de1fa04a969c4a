"""Issue 2: HTTP/2. Most news sites answer https over HTTP/2; the archived exchange
must still be a valid, replayable WARC. Served by Debian's nginx (real h2 + gzip on
the fly) on loopback with a trustme certificate; skipped when nginx is absent.
"""
from __future__ import annotations

import gzip
import shutil
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from sitekit import run_archiver, write_list
from warckit import all_records, open_files, pairing_problems, pywb_replay, warc_files, warcio_check

NAME = "www.h2-news.test"
ADDRESS = "127.0.0.61"
HTML = ("<!doctype html><html><head><title>h2 article</title></head><body><article>"
        + "".join(f"<p>Paragraph {i} of an article served over HTTP/2 and gzip.</p>" for i in range(60))
        + "</article></body></html>").encode()
JSON = b'{"served": "over h2", "items": [1, 2, 3]}'

CONF = """
daemon off;
master_process off;
worker_processes 1;
error_log {d}/error.log;
pid {d}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    client_body_temp_path {d}/tmp; proxy_temp_path {d}/tmp; fastcgi_temp_path {d}/tmp;
    uwsgi_temp_path {d}/tmp; scgi_temp_path {d}/tmp;
    log_format proto '$server_protocol $request_uri $status';
    access_log {d}/access.log proto;
    types {{ text/html html; application/json json; text/plain txt; }}
    gzip on; gzip_types text/html application/json; gzip_min_length 20;
    server {{
        listen {address}:{port} ssl http2;
        server_name {name};
        ssl_certificate {d}/cert.pem;
        ssl_certificate_key {d}/key.pem;
        root {d}/www;
        location = /old {{ return 301 /index.html; }}
    }}
}}
"""


@pytest.fixture
def nginx_h2(tmp_path):
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not nginx:
        pytest.skip("nginx is not installed (apt-get install nginx)")
    import trustme

    d = tmp_path / "nginx"
    (d / "www").mkdir(parents=True)
    (d / "tmp").mkdir()
    (d / "www" / "index.html").write_bytes(HTML)
    (d / "www" / "data.json").write_bytes(JSON)
    (d / "www" / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    ca = trustme.CA()
    cert = ca.issue_cert(NAME)
    cert.cert_chain_pems[0].write_to_path(str(d / "cert.pem"))
    for extra in cert.cert_chain_pems[1:]:
        extra.write_to_path(str(d / "cert.pem"), append=True)
    cert.private_key_pem.write_to_path(str(d / "key.pem"))
    ca.cert_pem.write_to_path(str(d / "ca.pem"))
    with socket.socket() as s:
        s.bind((ADDRESS, 0))
        port = s.getsockname()[1]
    (d / "nginx.conf").write_text(CONF.format(d=d, address=ADDRESS, port=port, name=NAME))
    proc = subprocess.Popen([nginx, "-p", str(d), "-c", str(d / "nginx.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection((ADDRESS, port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.skip(f"nginx did not start: {(d / 'error.log').read_text() if (d / 'error.log').exists() else ''}")
                time.sleep(0.1)
        yield d, port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_http2_gzip_exchange_archived_and_replayed(nginx_h2, tmp_path):
    d, port = nginx_h2
    origin = f"https://{NAME}:{port}"
    urls = [origin + "/index.html", origin + "/data.json", origin + "/old"]
    list_path = write_list(tmp_path / "urls.txt", urls)
    r = run_archiver("fetch", list_path, "--warcs", tmp_path / "warcs", "--db", tmp_path / "cat.db",
                     "--delay", "0", "--timeout", "20", "--retries", "1", "--progress", "never",
                     "--resolve", f"{NAME}:{port}:{ADDRESS}", "--ca-bundle", d / "ca.pem", cwd=tmp_path, timeout=180)
    assert r.returncode == 0, r.stdout + r.stderr

    protocols = {line.split()[0] for line in (d / "access.log").read_text().splitlines()}
    assert protocols == {"HTTP/2.0"}, f"nginx saw {protocols}: HTTP/2 was not negotiated"

    warcs = tmp_path / "warcs"
    assert not open_files(warcs)
    check = warcio_check(warc_files(warcs))
    assert check.returncode == 0, check.stdout + check.stderr
    records = all_records(warcs)
    assert not pairing_problems(records), pairing_problems(records)

    conn = sqlite3.connect(tmp_path / "cat.db")
    conn.row_factory = sqlite3.Row
    rows = {row["url"]: row for row in conn.execute("SELECT * FROM captures")}
    conn.close()
    assert all(row["state"] == "captured" for row in rows.values()), [dict(x) for x in rows.values()]
    assert rows[urls[2]]["final_url"] == urls[0]

    by_pos = {(x.file, x.offset): x for x in records}
    html = by_pos[(rows[urls[0]]["warc_file"], rows[urls[0]]["warc_offset"])]
    assert html.http_status == 200
    assert (html.http_header("Content-Encoding") or "").lower() == "gzip", html.http_headers
    assert gzip.decompress(html.raw_payload) == HTML

    with pywb_replay(warc_files(warcs), tmp_path / "pywb") as prefix:
        with httpx.Client(timeout=60, trust_env=False) as client:
            for url, body in ((urls[0], HTML), (urls[1], JSON)):
                resp = client.get(prefix + url)
                assert resp.status_code == 200 and resp.content == body, (url, resp.status_code, resp.content[:200])
    for rec in records:
        if rec.type in ("response", "request"):
            assert rec.headers.get("WARC-Protocol") == "h2", (rec.uri, rec.headers)
