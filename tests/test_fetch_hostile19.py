"""Hostile servers, round 19 (session 26, host19): HTTP/2 servers that refuse a request unprocessed, whose
response head carries no usable ``:status``, or whose one bad answer ends a connection others share.

Each probe is a real HTTP/2 server on loopback (h2kit: TLS with a trustme certificate, ALPN ``h2``) on
127.0.17.1-127.0.17.9 and a real ``archiver fetch --retries 0``; each test reads the catalog, the WARC
files (warcio record by record and ``warcio check``) and the server's counts. Earlier rounds' HTTP/2 items
are not repeated (RST_STREAM or GOAWAY mid-body, a body shorter than its content-length).

Fixed here:
- a ``GOAWAY`` with last stream id 0 (the server going away as the connection opened: nothing processed)
  failed every request of the connection, "the server closed the HTTP/2 connection (GOAWAY NO_ERROR)", and a
  ``RST_STREAM REFUSED_STREAM`` its request; RFC 9113 section 8.7 makes both safe to send again, and Chromium
  does so at once. They are now sent again once, at once (not a retry: ``--retries 0`` too).
- a response head without ``:status`` was archived as ``HTTP/1.1 200 OK`` (httpcore's default), a status
  the server never sent; two ``:status`` fields gave the last; ``:status: abc`` failed with
  ``ValueError: invalid literal for int()``. Each is now a malformed response (RFC 9113 section 8.3.2), failed
  with a reason naming it, nothing archived, the connection's other requests untouched.
- a graceful ``GOAWAY`` (``NO_ERROR``, naming the stream: nginx after ``keepalive_requests``, a reload) cut the
  answers it lets finish: h2 closes the connection at any GOAWAY. They are now read to their end.
- 103 Early Hints without end held the URL until ``--total-timeout``; the 33rd informational head fails it
  now, as over HTTP/1.x.
- one answer's protocol error (a body longer or shorter than its content-length, a header block of endless
  CONTINUATION frames) made h2 end the whole connection, and httpcore left its other requests waiting on it:
  they failed ``timeout (read)`` after ``--timeout``. Now only the answer at fault fails; a request still
  waiting for its head is sent again at once on a new connection, a body under way is cut naming the
  answer at fault.
"""
from __future__ import annotations

import re

import h2.errors
import pytest
from h2kit import H2Server
from sitekit import run_archiver, write_list
from warckit import assert_archive_sound, responses, rows_by_key

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def page(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Nineteen " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


def answer(key: str, status: list[tuple[str, str]] | None = None):
    """A route answering ``page(key)``; ``status`` replaces the ``:status`` pseudo-header field(s)."""
    body = page(key)

    def send(conn, sid) -> bool:
        head = [(":status", "200")] if status is None else status
        conn.send_headers(sid, [*head, ("content-type", "text/html"), ("content-length", str(len(body)))])
        conn.send_data(sid, body, end_stream=True)
        return True
    return send


def fetch(root, srv: H2Server, keys: list[str], *extra: str):
    urls = write_list(root / "urls.txt", [srv.url(f"/{k}") for k in keys])
    return run_archiver("fetch", urls, "--warcs", root / "warcs", "--delay", "0", "--retries", "0", "--timeout",
                        "10", "--progress", "never", "--resolve", srv.resolve, "--ca-bundle", srv.ca_file,
                        *extra, cwd=root, timeout=300)


def test_requests_an_http2_server_did_not_process_are_sent_again_at_once(tmp_path):
    """The first request of /goaway meets a GOAWAY with last stream id 0 (the request beside it on the same
    connection too); the first of /refused a RST_STREAM REFUSED_STREAM. With --retries 0 each was failed."""

    def goaway(conn, sid) -> bool:
        if srv.hits["/goaway"] == 1:
            conn.close_connection(error_code=h2.errors.ErrorCodes.NO_ERROR, last_stream_id=0)
            return False
        return answer("goaway")(conn, sid)

    def refused(conn, sid) -> bool:
        if srv.hits["/refused"] == 1:
            conn.reset_stream(sid, h2.errors.ErrorCodes.REFUSED_STREAM)
            return True
        return answer("refused")(conn, sid)

    with H2Server("h2.nineteen.test", "127.0.17.1", page("other"), tmp_path) as srv:
        srv.route("/goaway", goaway).route("/refused", refused).route("/beside", answer("beside"))
        run = fetch(tmp_path, srv, ["goaway", "beside", "refused"])
        hits = dict(srv.hits)
    out = run.stdout + run.stderr
    assert run.returncode == 0 and "Traceback" not in out, out
    rows = rows_by_key(tmp_path)
    for key in ("goaway", "beside", "refused"):
        assert rows[key]["state"] == "captured" and rows[key]["reason"] is None, rows[key]
    assert hits["/goaway"] == 2 and hits["/refused"] == 2, hits
    got = responses(tmp_path)
    for key in ("goaway", "beside", "refused"):
        assert len(got[key]) == 1 and got[key][0].raw_payload == page(key), key  # the one answer, archived once
    assert_archive_sound(tmp_path / "warcs")


def test_a_response_head_without_one_three_digit_status_fails_naming_it(tmp_path):
    """No :status (httpcore said 200), :status abc (a ValueError), two of them (the last one won), 2000."""
    heads = {"none": [], "word": [(":status", "abc")], "two": [(":status", "200"), (":status", "404")],
             "long": [(":status", "2000")]}
    with H2Server("h2b.nineteen.test", "127.0.17.2", page("other"), tmp_path) as srv:
        srv.validate = False
        for key, status in heads.items():
            srv.route(f"/{key}", answer(key, status))
        srv.route("/fine", answer("fine"))
        run = fetch(tmp_path, srv, [*heads, "fine"])
        hits = dict(srv.hits)
    out = run.stdout + run.stderr
    assert run.returncode == 1 and "Traceback" not in out and "ValueError" not in out, out
    rows = rows_by_key(tmp_path)
    said = {"none": "a response head without a :status field",
            "word": "a response head whose :status is no three-digit code ('abc')",
            "two": "a response head with 2 :status fields ('200', '404')",
            "long": "a response head whose :status is no three-digit code ('2000')"}
    for key, words in said.items():
        assert rows[key]["state"] == "failed", rows[key]
        assert rows[key]["reason"] == f"protocol error: HTTP/2: ProtocolError: {words} (RFC 9113 section 8.3.2)"
        assert hits[f"/{key}"] == 1  # not asked again over HTTP/1.1 by the tolerant reader
    assert rows["fine"]["state"] == "captured"
    got = responses(tmp_path)
    assert set(got) == {"fine", "robots.txt"}, set(got)  # no 200 made up for a head that had none
    assert_archive_sound(tmp_path / "warcs")


def test_a_protocol_error_in_one_answer_costs_the_other_requests_of_its_connection_no_timeout(tmp_path):
    """h2 ends the whole connection when one answer's body is longer than its content-length (RFC 9113 makes
    it a stream error; the answer at fault is reached by a redirect, so that the other request is on the
    connection first). /waiting, asked on the same connection, had no answer yet: it waited for
    --timeout on a connection that would never speak again and failed 'timeout (read)'. /half had its head
    and 500 bytes when /late-bad's answer came: it waited too, and was cut on time."""
    import time

    body = page("bad")

    def bad(conn, sid) -> bool:
        conn.send_headers(sid, [(":status", "200"), ("content-type", "text/html"), ("content-length", "100")])
        conn.send_data(sid, body, end_stream=True)
        return True

    def waiting(key: str):
        def send(conn, sid) -> bool:
            return True if srv.hits[f"/{key}"] == 1 else answer(key)(conn, sid)  # no answer the first time
        return send

    def flood(conn, sid) -> bool:
        """A header block of endless CONTINUATION frames (h2 ends the connection after 64)."""
        import hyperframe.frame

        frames = [hyperframe.frame.HeadersFrame(sid, data=conn.encoder.encode([(":status", "200")]))]
        frames += [hyperframe.frame.ContinuationFrame(sid, data=b"\x00" * 1000) for _ in range(80)]
        conn._data_to_send += b"".join(f.serialize() for f in frames)  # h2 would not send a block unended
        return True

    def redirect(to: str):
        def send(conn, sid) -> bool:
            conn.send_headers(sid, [(":status", "302"), ("location", to), ("content-length", "0")], end_stream=True)
            return True
        return send

    def half(conn, sid) -> bool:
        whole = page("half")
        conn.send_headers(sid, [(":status", "200"), ("content-type", "text/html"),
                                ("content-length", str(len(whole)))])
        conn.send_data(sid, whole[:500])
        return True

    def late_bad(conn, sid) -> bool:
        srv.flush()  # /half's head and first bytes go out before this answer
        time.sleep(0.3)
        return bad(conn, sid)

    runs = {}
    with H2Server("h2c.nineteen.test", "127.0.17.3", page("other"), tmp_path) as srv:
        srv.route("/bad", bad).route("/waiting", waiting("waiting")).route("/half", half)
        srv.route("/late-bad", late_bad).route("/flood", flood).route("/waiting-too", waiting("waiting-too"))
        for key in ("bad", "late-bad", "flood"):  # reached by a redirect: asked after the other one, whatever the load
            srv.route(f"/to-{key}", redirect(f"/{key}"))
        for name, keys in (("before-head", ["waiting", "to-bad"]), ("mid-body", ["half", "to-late-bad"]),
                           ("gathering", ["waiting-too", "to-flood"])):
            (tmp_path / name).mkdir()
            started = time.monotonic()
            runs[name] = (fetch(tmp_path / name, srv, keys), time.monotonic() - started)
        hits = dict(srv.hits)
    for run, _ in runs.values():
        assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr, run.stdout + run.stderr
    culprit = "protocol error: HTTP/2: InvalidBodyLengthError: Expected 100 bytes, received "
    rows = rows_by_key(tmp_path / "before-head")
    assert rows["to-bad"]["state"] == "failed" and rows["to-bad"]["reason"].startswith(culprit), rows["to-bad"]
    assert rows["waiting"]["state"] == "captured" and rows["waiting"]["reason"] is None, rows["waiting"]
    assert hits["/waiting"] == 2 and hits["/bad"] == 1, hits  # sent again on a new connection, at once
    assert responses(tmp_path / "before-head")["waiting"][0].raw_payload == page("waiting")
    rows = rows_by_key(tmp_path / "mid-body")
    assert rows["to-late-bad"]["state"] == "failed" and rows["to-late-bad"]["reason"].startswith(culprit)
    url = rows["to-late-bad"]["url"].replace("/to-late-bad", "/late-bad")
    assert rows["half"]["state"] == "failed" and rows["half"]["truncated"] == "disconnect", rows["half"]
    assert rows["half"]["reason"] == (
        f"connection closed mid-body (the HTTP/2 connection was ended by a protocol error in the answer to {url} "
        f"(InvalidBodyLengthError: Expected 100 bytes, received {len(body)})): the 500 bytes that came are "
        "archived with WARC-Truncated: disconnect; will retry next run")
    assert responses(tmp_path / "mid-body")["half"][0].raw_payload == page("half")[:500]
    assert runs["mid-body"][1] < 9  # the cut half waited no --timeout (10 s)
    rows = rows_by_key(tmp_path / "gathering")  # the fault is in a header block h2 was still gathering
    flood = rows["to-flood"]["reason"]  # host49: a failure at a redirect hop names the hop
    assert re.fullmatch(r"protocol error: HTTP/2: ProtocolError: Too many continuation frames received\. "
                        r"\(at the redirect to https?://h2c\.nineteen\.test:\d+/flood\)", flood), flood
    assert rows["waiting-too"]["state"] == "captured" and hits["/waiting-too"] == 2, (rows, hits)
    for name in runs:
        assert_archive_sound(tmp_path / name / "warcs")


def test_streams_a_graceful_goaway_lets_finish_are_read_to_their_end(tmp_path):
    """A GOAWAY of NO_ERROR naming the stream (nginx after keepalive_requests, a reload) in the middle of a body
    or before the head, the answer then sent whole: h2 closed the connection at the GOAWAY and httpcore cut
    the body ('connection closed mid-body (... GOAWAY NO_ERROR)', asked again next run) or failed the URL. A
    server that closes before the stream is done still cuts it, said as before."""
    import time

    import hyperframe.frame

    def goaway(conn, sid) -> None:
        srv.flush()
        conn._data_to_send += hyperframe.frame.GoAwayFrame(0, last_stream_id=sid, error_code=0).serialize()
        srv.flush()  # h2 itself sends nothing after its own GOAWAY: the frame goes out raw

    def graceful(key: str, part: int | None, close: bool = False):
        whole = page(key)

        def send(conn, sid) -> bool:
            if part is None:  # before the head
                goaway(conn, sid)
            conn.send_headers(sid, [(":status", "200"), ("content-type", "text/html"),
                                    ("content-length", str(len(whole)))])
            if part is not None:
                conn.send_data(sid, whole[:part])
                goaway(conn, sid)
                if close:  # after a pause: a close with the client's acknowledgements unread is a reset, and a
                    time.sleep(0.5)  # reset may drop what the client had not read yet (the head, the GOAWAY)
                    return False
            time.sleep(0.3)
            conn.send_data(sid, whole[part or 0:], end_stream=True)
            return False
        return send

    first: list[int] = []

    def drained(conn, sid) -> bool:
        """Half a body, a pause (the next request comes on the same connection), the GOAWAY, the rest."""
        whole = page("drained")
        first.append(sid)
        conn.send_headers(sid, [(":status", "200"), ("content-type", "text/html"),
                                ("content-length", str(len(whole)))])
        conn.send_data(sid, whole[:300])
        srv.flush()
        time.sleep(0.5)
        goaway(conn, sid)
        conn.send_data(sid, whole[300:], end_stream=True)
        return True

    def after(conn, sid) -> bool:  # a stream past the GOAWAY's is not processed
        return True if first and sid > first[0] and srv.hits["/after"] == 1 else answer("after")(conn, sid)

    with H2Server("h2d.nineteen.test", "127.0.17.4", page("other"), tmp_path) as srv:
        srv.route("/mid", graceful("mid", 300)).route("/head", graceful("head", None))
        srv.route("/closed", graceful("closed", 300, close=True))
        srv.route("/drained", drained).route("/after", after)
        run = fetch(tmp_path, srv, ["mid", "head", "closed"])
        (tmp_path / "past").mkdir()
        past = fetch(tmp_path / "past", srv, ["drained", "after"])
        hits = dict(srv.hits)
    # asked on the connection past the GOAWAY's stream, then on another (or, on a slow machine, on another at once)
    assert past.returncode == 0 and hits["/after"] in (1, 2), (past.stdout + past.stderr, hits)
    rows = rows_by_key(tmp_path / "past")
    assert rows["drained"]["state"] == rows["after"]["state"] == "captured", rows
    assert responses(tmp_path / "past")["after"][0].raw_payload == page("after")  # asked on another connection
    assert_archive_sound(tmp_path / "past" / "warcs")
    out = run.stdout + run.stderr
    assert run.returncode == 1 and "Traceback" not in out, out
    rows = rows_by_key(tmp_path)
    got = responses(tmp_path)
    for key in ("mid", "head"):
        assert rows[key]["state"] == "captured" and rows[key]["truncated"] is None, rows[key]
        assert got[key][0].raw_payload == page(key) and hits[f"/{key}"] == 1
    assert rows["closed"]["state"] == "failed" and rows["closed"]["truncated"] == "disconnect", rows["closed"]
    assert rows["closed"]["reason"] == (
        "connection closed mid-body (the server closed the HTTP/2 connection (GOAWAY NO_ERROR)): the 300 bytes "
        "that came are archived with WARC-Truncated: disconnect; will retry next run")
    assert got["closed"][0].raw_payload == page("closed")[:300]
    assert_archive_sound(tmp_path / "warcs")


def test_informational_heads_without_end_fail_at_the_33rd_as_over_http1(tmp_path):
    """40 heads of 103 Early Hints and no final one: the URL was held until a timeout ('timeout (read)' here,
    --timeout after the last; --total-timeout while they keep coming); over HTTP/1.x the 33rd fails it at
    once. The request beside it is sent again and captured."""
    import time

    def hints(conn, sid) -> bool:
        for _ in range(40):
            conn.send_headers(sid, [(":status", "103"), ("link", "</style.css>; rel=preload")])
        return True

    with H2Server("h2e.nineteen.test", "127.0.17.5", page("other"), tmp_path) as srv:
        srv.route("/hints", hints).route("/near", answer("near"))
        started = time.monotonic()
        run = fetch(tmp_path, srv, ["hints", "near"], "--total-timeout", "40")
        took = time.monotonic() - started
    rows = rows_by_key(tmp_path)
    assert rows["hints"]["reason"] == ("protocol error: HTTP/2: ProtocolError: over 32 informational (1xx) "
                                       "responses and no final one"), rows["hints"]
    assert rows["near"]["state"] == "captured", rows["near"]
    assert took < 35 and "Traceback" not in run.stdout + run.stderr, (took, run.stdout + run.stderr)
    assert_archive_sound(tmp_path / "warcs")


def test_the_status_reader():
    from archiver.fetch.h2faults import status_fault

    assert status_fault([(b":status", b"204"), (b"x", b"y")]) is None
    assert status_fault([(b":status", b"999")]) is None  # outside the registry: archived and failed, as over 1.1
    assert status_fault([(b"x", b"y")]) == "a response head without a :status field"
    assert status_fault([(b":status", b" 204")]) is not None
    assert status_fault([(b":status", "२००".encode())]) is not None  # digits, but not ASCII ones
