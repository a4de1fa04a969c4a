"""Test kit for watching: news pages whose furniture changes on every hit, and real notification receivers.

- ``furniture_page(n, edited)``: an article page with a ticker, comment counts,
  "updated N minutes ago", a most-read list, a rotating promo inside the body and
  reader comments, all different for every ``n``; ``edited`` changes one
  sentence of the article (a corrected figure).
- ``consent_page()``, ``error_page()``, ``collapsed_page()``: what change monitors'
  bug reports show instead of the article (the last one holds the article in a
  container the extractor drops).
- ``Mailbox``: a real SMTP server (aiosmtpd) on 127.0.0.1 that keeps every message.
- ``Webhook``: an HTTP server on 127.0.0.1 that keeps every JSON body POSTed to it.
- ``Watcher``: runs ``archiver run LIST --watch`` as cron would, each run 16 minutes later on the
  set clock, and reads the verdicts and events from the catalog.
- ``watch_and_history``: watch runs with a webhook, ``history --new-only`` per URL after each
  (the rollback tests of nu49, nu51, mend41b).
"""
from __future__ import annotations

import email
import http.server
import json
import random
import socket
import threading
from datetime import UTC, datetime, timedelta
from email.message import Message
from pathlib import Path

from sitekit import Response, run_archiver, write_list

from archiver.catalog import Catalog
from archiver.watch.clock import iso

PARAS = [
    "The city council voted on Tuesday to close the old harbour bridge to cars from next spring, ending a decade "
    "of argument over the crumbling structure.",
    "Engineers told the council that the bridge, built in 1931, could no longer carry heavy traffic safely and "
    "that repairs would cost more than a new crossing.",
    "The mayor, Helena Brandt, said the decision was painful but necessary. \"We cannot ask people to drive over "
    "a bridge our own engineers do not trust,\" she said.",
    "Shop owners on the north bank fear the closure will cut them off from customers. A group of traders said "
    "they would ask the regional court to review the vote.",
    "The council plans to open a temporary ferry service while a new bridge is designed. Construction is "
    "expected to begin in three years and to cost about 48 million euros.",
    "Cyclists and pedestrians will still be allowed to use the bridge until the new crossing opens, the council "
    "said in a statement after the meeting.",
]
EDITED = ("The council plans to open a temporary ferry service while a new bridge is designed. Construction is "
          "expected to begin in four years and to cost about 61 million euros.")
TITLE = "Council votes to close harbour bridge to cars"


def article_paragraphs(edited: bool = False) -> list[str]:
    paras = list(PARAS)
    if edited:
        paras[4] = EDITED
    return paras


def furniture_page(n: int, edited: bool = False, title: str = TITLE, extra: str = "") -> str:
    r = random.Random(n * 7919)
    paras = article_paragraphs(edited)
    ticker = " | ".join(r.sample(["Markets rally", "Storm warning for the coast", "Polls close at 8pm",
                                  "Train strike ends", "Heatwave expected"], 3))
    most_read = "".join(f"<li><a href='/story/{r.randint(1, 999)}'>{t}</a></li>" for t in r.sample(
        ["Why the ferry is late again", "Ten best bakeries in town", "Local team wins cup", "New museum opens",
         "Rents rise again"], 4))
    promo = r.choice(["Subscribe to our morning newsletter for the day's top stories",
                      "Download our news app for breaking alerts",
                      "Sign up for our weekly newsletter on city politics"])
    comments = "".join(
        f"<li class='comment'><p class='author'>reader{r.randint(1, 500)}</p><p>{t}</p></li>"
        for t in r.sample(["About time they did something.", "This will kill the shops on the north bank.",
                           "Ferries are a joke in this town.", "Who pays for the new bridge?",
                           "I walk over it every day, no problem."], r.randint(1, 4)))
    body = ("".join(f"<p>{p}</p>" for p in paras[:3]) + f"<aside class='promo'><p>{promo}</p></aside>"
            + "".join(f"<p>{p}</p>" for p in paras[3:]) + extra)
    return f"""<!DOCTYPE html><html><head><title>{title} | Harbour Gazette</title></head>
<body><header><div class="ticker"><span>Breaking</span> {ticker}</div>
<nav><a href="/">Home</a> <a href="/city">City</a></nav></header>
<main><article><h1>{title}</h1>
<p class="byline">By Anna Meier</p><div class="meta"><time>Updated {r.randint(2, 59)} minutes ago</time>
<span class="comment-count">{r.randint(0, 300)} comments</span></div>
<div class="article-body">{body}</div></article>
<section id="comments"><h2>Comments</h2><ul>{comments}</ul></section></main>
<aside class="sidebar"><h2>Most read</h2><ol>{most_read}</ol></aside>
<footer><p>Harbour Gazette 2026</p></footer></body></html>"""



def gone_on(answers: dict[int, int]):
    """A route's reply: the n-th request gets a 'Not found' page with status ``answers[n]`` when n is
    in ``answers`` (404, 410), else ``furniture_page(n)`` (a page taken down, then back)."""
    asked = [0]

    def reply(req):
        asked[0] += 1
        if asked[0] in answers:
            return Response(body="<html><body><h1>Not found</h1></body></html>", status=answers[asked[0]])
        return Response(body=furniture_page(asked[0]))
    return reply

def consent_page() -> str:
    return """<!DOCTYPE html><html><head><title>Before you continue</title></head><body><main>
<h1>We value your privacy</h1>
<p>We and our 214 partners store and access information on your device, such as cookies, and process personal
data, such as unique identifiers and standard information sent by a device, for personalised advertising and
content, advertising and content measurement, audience research and services development.</p>
<p>With your permission we and our partners may use precise geolocation data and identification through device
scanning. You may click to consent to our and our partners' processing as described above.</p>
<form><button>Accept all</button><button>Manage options</button></form></main></body></html>"""


def error_page() -> str:
    return ("<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>Service "
            "Unavailable</h1><p>The server is temporarily unable to service your request due to maintenance "
            "downtime or capacity problems. Please try again later.</p></body></html>")


def collapsed_page(n: int) -> str:
    """The article moved into a container the extractor drops (a redesign gone wrong): its words stay on the page."""
    paras = "".join(f"<p>{p}</p>" for p in article_paragraphs())
    return f"""<!DOCTYPE html><html><head><title>{TITLE} | Harbour Gazette</title></head>
<body><main><article><h1>{TITLE}</h1><p class="byline">By Anna Meier</p>
<section id="comments" class="comments-area">{paras}</section></article></main>
<footer><p>Harbour Gazette 2026</p></footer></body></html>"""


class Mailbox:
    """A real SMTP server (aiosmtpd) on 127.0.0.1; ``messages`` holds every message it accepted."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[Message] = []
        box = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                box.messages.append(email.message_from_bytes(envelope.content))
                return "250 OK"

        with socket.socket() as probe:  # aiosmtpd checks its server by connecting: it needs a real port
            probe.bind(("127.0.0.1", 0))
            free = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=free)

    def __enter__(self) -> Mailbox:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    @property
    def port(self) -> int:
        return int(self.controller.port)

    def url(self) -> str:
        return f"mailto://127.0.0.1:{self.port}?from=watch@example.test&to=desk@example.test"

    def bodies(self) -> list[str]:
        out = []
        for msg in self.messages:
            parts = msg.walk() if msg.is_multipart() else [msg]
            out.append("\n".join(p.get_payload(decode=True).decode("utf-8", "replace") for p in parts
                                 if p.get_content_maintype() == "text"))
        return out


class Webhook:
    """An HTTP server that keeps the JSON body of every POST. ``mode``: "ok" keeps it and answers
    200, "500" answers 500 (``down`` is that mode), "302" sends the POST to /moved, where a GET
    answers 200 (counted in ``gets``), as a login page or a new front would. ``user`` and
    ``password`` go into the notification URL."""

    def __init__(self, mode: str = "ok", host: str = "127.0.0.1", user: str = "", password: str = "") -> None:
        self.received: list[dict] = []
        self.keys: list[str | None] = []  # the Idempotency-Key header of every POST
        self.held = threading.Event()  # "hold" mode: set once a POST is read (then it is never answered)
        self.mode, self.gets, self.host = mode, 0, host
        self.userinfo = f"{user}:{password}@" if user else ""
        hook = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                hook.gets += 1
                self._answer(200)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                hook.keys.append(self.headers.get("Idempotency-Key"))
                if hook.mode == "hold":  # read, kept, never answered: the sender is killed meanwhile
                    hook.received.append(json.loads(body))
                    hook.held.set()
                    threading.Event().wait(60)
                    return
                if hook.mode == "302":
                    self.send_response(302)
                    self.send_header("Location", "/moved")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if hook.mode == "ok":
                    hook.received.append(json.loads(body))
                self._answer(200 if hook.mode == "ok" else 500)

            def _answer(self, status: int) -> None:
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    @property
    def down(self) -> bool:
        return self.mode == "500"

    @down.setter
    def down(self, value: bool) -> None:
        self.mode = "500" if value else "ok"

    def __enter__(self) -> Webhook:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self) -> str:
        return f"json://{self.userinfo}{self.host}:{self.server.server_address[1]}/hook"


STEP = timedelta(minutes=16)  # every run is due (quiet under 6 hours: every 15 minutes)


class Watcher:
    """Runs ``archiver run LIST --watch`` as cron would, each run STEP later on the set clock."""

    def __init__(self, site, tmp: Path, url: str, *notify: str):
        self.site, self.tmp, self.url, self.notify = site, tmp, url, notify
        self.list = write_list(tmp / "urls.txt", [url])
        self.start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
        self.runs = 0

    def args(self, same_time: bool = False) -> list:
        """The next run's command line (``archiver`` ARGS), counting it as a run unless ``same_time``."""
        if not same_time:
            self.runs += 1
        at = iso(self.start + STEP * (self.runs - 1))
        flags = [f for target in self.notify for f in ("--notify", target)]
        return ["run", self.list, "--watch", "--now", at, "--warcs", self.tmp / "warcs", "--clean", self.tmp / "clean",
                "--delay", "0", "--retries", "0", "--jobs", "1", "--progress", "never", *flags,
                *self.site.client_flags()]

    def run(self, same_time: bool = False) -> tuple[int, str]:
        proc = run_archiver(*self.args(same_time), cwd=self.tmp, timeout=300)
        assert proc.returncode in (0, 1), proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc.returncode, proc.stdout

    def catalog(self) -> Catalog:
        return Catalog(self.tmp / "warcs" / "catalog.sqlite3", readonly=True)

    def verdicts(self) -> list[str]:
        with self.catalog() as catalog:
            return [r[0] for r in catalog.conn.execute("SELECT verdict FROM watch_captures ORDER BY capture_id")]

    def events(self) -> list[tuple[str, int | None]]:
        with self.catalog() as catalog:
            return [(r[0], r[1]) for r in catalog.conn.execute("SELECT kind, version FROM watch_events ORDER BY id")]


def watch_and_history(root: Path, site, urls: dict[str, str], runs: int, run: list[int], hook_host: str,
                      full: bool = False) -> dict:
    """``runs`` watch runs of every URL of ``urls`` (path -> URL, served by ``site``, already started; ``run[0]``
    is set to the run's number before it, for the routes to answer that run's text), STEP apart on the set clock,
    each notifying a ``Webhook`` on ``hook_host``; after each, ``history URL --new-only`` per URL.

    Returns ``{"urls", "watch": [stdout per run], "codes": {path: [exit code per run]}, "hout": {path: [stdout]},
    "hooks": [webhook bodies]}``, and ``"full": {path: history stdout}`` at the end when ``full``.
    Raises AssertionError on a traceback or a history exit code other than 0 or 1."""
    dirs = ("--warcs", root / "warcs", "--clean", root / "clean")
    out: dict = {"urls": urls, "watch": [], "codes": {path: [] for path in urls}, "hout": {path: [] for path in urls}}
    listing = write_list(root / "urls.txt", list(urls.values()))
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
    with Webhook("ok", host=hook_host) as hook:
        for k in range(runs):
            run[0] = k
            proc = run_archiver("run", listing, "--watch", "--now", iso(start + STEP * k), *dirs, "--delay", "0",
                                "--retries", "0", "--jobs", "1", "--progress", "never", "--notify", hook.url(),
                                *site.client_flags(), cwd=root, timeout=300)
            assert "Traceback" not in proc.stderr, proc.stderr
            out["watch"].append(proc.stdout)
            for path, url in urls.items():
                hist = run_archiver("history", url, "--new-only", *dirs, cwd=root)
                assert hist.returncode in (0, 1), hist.stderr
                out["codes"][path].append(hist.returncode)
                out["hout"][path].append(hist.stdout)
        out["hooks"] = list(hook.received)
    if full:
        out["full"] = {path: run_archiver("history", url, *dirs, cwd=root).stdout for path, url in urls.items()}
    return out
