"""Capture one seed: robots check, request, retries, redirect hops, each exchange written to WARC.

A capture touches no database: it hands an ``Outcome`` (the catalog row and the
WARC records behind it) to a sink, so the same code serves a local run (the sink
writes the catalog) and a Ray worker (the sink collects rows for the driver).
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import nullcontext
from typing import Any

import httpx

from archiver.config import Settings
from archiver.decoding import content_codings
from archiver.fetch.addresses import HOP_GUARD, connect_guard, redirect_refusal
from archiver.fetch.exchange import Exchange, Exchanger, HeadRefused
from archiver.fetch.hopnote import hop_note
from archiver.fetch.hosts import HostScheduler
from archiver.fetch.outcome import (
    URL_BODY_END,
    FetchFailed,
    Outcome,
    Previous,
    host_key,
    record_row,
    refers_to,
    url_budget_reason,
)
from archiver.fetch.redirects import (
    MAX_HOPS,
    REDIRECTS,
    loop_reason,
    next_hop,
    over_cap_note,
    redirect_pause,
    too_many_reason,
    waited_note,
)
from archiver.fetch.refresh import refresh_hop
from archiver.fetch.retry import (
    RETRY_STATUSES,
    backoff,
    describe_error,
    is_refused,
    is_retryable,
    is_timeout,
    refused_address,
    retry_after,
    tls_remedy,
)
from archiver.fetch.robots import (
    MAX_ROBOTS_REDIRECTS,
    NO_CONNECTION,
    ROBOTS_MAX_BYTES,
    WHOLE_2XX,
    RobotsCache,
    RobotsFile,
    cut_robots,
    origin_of,
    partial_206,
    partial_taken,
    robots_from_body,
    unavailable,
)
from archiver.fetch.shortbody import coded_whole_note, length_renamed, robots_taken
from archiver.fetch.silence import HostSilence
from archiver.fetch.tlsclose import UNCONFIRMED
from archiver.fetch.verdict import open_ended, verdict
from archiver.lists import Seed
from archiver.urls import redact_url
from archiver.warc import DiskFull, WarcWriter, Written


class Capturer:
    """Everything one run's captures share: client, WARC writer, robots cache, scheduler."""

    def __init__(self, settings: Settings, client: httpx.AsyncClient, writer: WarcWriter,
                 scheduler: HostScheduler, on_robots: Callable[[dict[str, Any]], None],
                 previous: dict[str, Previous] | None = None, worker: str | None = None,
                 log: Callable[..., None] | None = None, repeats: dict[str, str] | None = None):
        self.settings = settings
        self.client = client
        self.exchanger = Exchanger(settings, client)
        self.log = log or (lambda event, message, **fields: None)
        self.writer = writer
        self.scheduler = scheduler
        self.on_robots = on_robots
        self.previous = previous or {}
        self.worker = worker
        self.robots = RobotsCache(self._robots_file, settings.user_agent or "archiver")
        self.silence = HostSilence(settings.host_timeouts)
        # URL -> digest of its last attempt, a body cut short, when never captured (fetch/shortbody.py)
        self.repeats: dict[str, str] = repeats or {}

    # -- one HTTP exchange ---------------------------------------------------

    async def exchange(self, url: str, first_turn: list[bool], max_body: int | None = None) -> Exchange:
        """GET ``url`` with retries; ``first_turn`` says the dispatcher already granted one slot.

        A total-time-out (the body still coming after ``--total-timeout``) is not
        retried: a server that slow will not be faster the next time. A body cut
        by either timeout or by the server's hang-up is returned as far as it
        came (``ex.cut``), after the retries for a stall or a hang-up. Each
        connect or read timeout counts towards giving the host up
        (``HostSilence``); once it is, raises FetchFailed at once.
        """
        host = host_key(url)
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            if first_turn[0]:
                first_turn[0] = False
            else:
                await self.scheduler.turn(host)
            if (silent := self.silence.gave_up(host)) is not None:
                raise FetchFailed(silent)
            now = asyncio.get_running_loop().time()
            deadline = now + self.settings.total_timeout
            # a page's body stops short of --url-timeout so that what came is archived, as at --total-timeout
            # (robots.txt keeps its own limits: a part of one is no verdict for the host)
            url_end = URL_BODY_END.get() if max_body is None else None
            if url_end is not None and url_end < deadline:
                deadline = url_end
            else:
                url_end = None
            try:
                ex = await self.exchanger.once(url, self.settings.max_body if max_body is None else max_body,
                                               on_head=lambda: self.scheduler.hold(host), deadline=deadline)
            except Exception as exc:
                if url_end is not None and asyncio.get_running_loop().time() >= url_end:
                    raise FetchFailed(url_budget_reason(self.settings.url_timeout)) from exc
                if is_timeout(exc):
                    self.silence.timed_out(host)
                elif is_refused(exc):
                    self.silence.refused(host)
                if attempt + 1 < attempts and is_retryable(exc) and self.silence.gave_up(host) is None:
                    await asyncio.sleep(backoff(attempt))
                    continue
                reason = describe_error(exc)
                if reason == "timeout (total)":  # a head dripped (or stalled by turns) until the exchange's end
                    reason += f": no whole response head in {self.settings.total_timeout:g} s (--total-timeout)"
                raise FetchFailed(reason + tls_remedy(reason)) from exc
            if ex.cut == "total" and url_end is not None:
                ex.cut = "url"  # the URL's budget, not the exchange's, ran out: not retried either
            if ex.cut == "disconnect" and (note := coded_whole_note(ex.response, ex.body)):
                ex.cut, ex.cut_why, ex.body.truncated = None, "", None  # Content-Length counted the decoded page
                ex.framing_note = note if ex.framing_note is None else f"{ex.framing_note}; {note}"
            if (framed := length_renamed(ex.response, ex.body, ex.status)) is not None:
                ex.response, ex.body = framed  # a part (or a decoded-length body) is stored as what replays
            if ex.cut == "read" and ex.unframed:
                # a body that ends only at the close, on a connection the server keeps open (an HTTP/1.0
                # keep-alive without a length): every attempt ends the same way, so what came is the page
                self.silence.answered(host)
                return ex
            if ex.cut == "read":  # the server stalled mid-body: a timeout like any other
                self.silence.timed_out(host)
            else:
                self.silence.answered(host)
            if ex.cut in ("read", "disconnect") and attempt + 1 < attempts and self.silence.gave_up(host) is None:
                ex.body.stream.close()  # a body cut by a stall or a hang-up may come whole the next time
                await asyncio.sleep(backoff(attempt))
                continue
            if ex.status in RETRY_STATUSES and attempt + 1 < attempts:
                wait = retry_after(ex.retry_after, self.settings.retry_after_max)
                if wait is not None:  # the host asked for a pause: its other URLs wait too
                    self.scheduler.defer(host, wait)
                ex.body.stream.close()
                with self.scheduler.claim(host) if wait is not None else nullcontext():  # the retry goes first
                    await asyncio.sleep(backoff(attempt) if wait is None else wait)
                continue
            return ex
        raise AssertionError("unreachable")

    async def _robots_file(self, url: str, first_turn: list[bool]) -> RobotsFile:
        """Fetch (and archive) an origin's robots.txt, following up to five redirects.

        At most ``ROBOTS_MAX_BYTES`` (500 KiB, RFC 9309 section 2.5) are read, and
        a coded body is inflated only that far. A robots.txt that cannot be read
        after the retries (no answer, a reset, a body cut short, junk instead of
        HTTP) is "unreachable": complete disallow, RFC 9309 section 2.3.1.4; the
        reason names the failure (reset, timeout...). A host with no address, no trusted TLS
        session, nothing listening or nothing taking the connection is told as such ("DNS: cannot
        resolve host ...", "refused: connection refused", "timeout (connect)"): its page could not be
        asked either.
        """
        for _hop in range(MAX_ROBOTS_REDIRECTS + 1):
            try:
                ex = await self.exchange(url, first_turn, max_body=ROBOTS_MAX_BYTES)
            except FetchFailed as exc:
                if refused_address(exc) is not None:
                    # --private-redirects refused the connection (DNS rebinding): a refusal of ours, recorded as
                    # such, not "no rules" (the page's connection might be let through by the next DNS answer)
                    return RobotsFile(disallow_all=f"robots.txt not fetched: {exc}")
                if not isinstance(exc.__cause__, (httpx.TransportError, OSError, TimeoutError, HeadRefused)):
                    return RobotsFile.allow_all()  # no request went out (a URL httpx refuses): the page says why
                if str(exc).startswith(NO_CONNECTION):  # the server never reached: the page cannot be asked
                    return RobotsFile(disallow_all=str(exc))  # either, say so plainly (robots.NO_CONNECTION)
                return RobotsFile(disallow_all=f"robots.txt unreachable ({exc}): complete disallow assumed, "
                                              "as RFC 9309 asks")
            try:
                written = self.writer.write_exchange(url, ex.request, ex.response, ex.body, ex.ip, ex.date,
                                                     protocol=ex.http_version, tls=ex.tls)
                self.on_robots(record_row(ex, written, "response"))
                if ex.status in REDIRECTS and ex.location:
                    target, problem = next_hop(url, ex.response)
                    if not problem:
                        problem = await redirect_refusal(self.settings.private_redirects, ex.ip, url, target,
                                                         self.exchanger.resolve)
                    if problem:
                        return RobotsFile.allow_all()
                    url = target
                    continue
                if ex.status >= 500 or ex.status == 429:
                    return unavailable(ex.status, ex.retry_after)
                if not (200 <= ex.status < 300 if WHOLE_2XX else ex.status == 200):  # 4xx, 3xx of no Location:
                    return RobotsFile.allow_all()  # "unavailable", any URL allowed (RFC 9309 section 2.3.1.3)
                # a part could drop a Disallow; but an end without close_notify (UNCONFIRMED) is nearly always a
                # server that never sends one: read as it came, as an open-ended body is, not a verdict for the host
                # a 206 that is only a part of the file (review46) is a cut body too
                part = partial_206(ex.status, ex.response.get_header("Content-Range"))
                if ex.body.truncated in ("time", "disconnect") and not open_ended(ex) and ex.cut_why != UNCONFIRMED:
                    part = None
                elif part is None:
                    ex.body.stream.seek(0)
                    return robots_from_body(ex.body.stream.read(), content_codings(ex.response))
                got = cut_robots(redact_url(url), ex.body, content_codings(ex.response), "partial" if part else ex.cut,
                                 part or ex.cut_why, self.repeats)
                if got.disallow_all is None:  # the same part as the last run's: read, and said so
                    self.log("robots-cut", **(partial_taken(redact_url(url), part, ex.body.length) if part
                                              else robots_taken(redact_url(url), ex.body, ex.response)))
                return got
            finally:
                ex.body.stream.close()
        return RobotsFile.allow_all()

    # -- one seed --------------------------------------------------------------

    async def capture(self, seed: Seed, list_file: str | None) -> Outcome:
        out = Outcome(seed=seed, list_file=list_file, worker=self.worker)
        budget_end = asyncio.get_running_loop().time() + self.settings.url_timeout
        # the body's end leaves the record a moment to be written inside the budget
        URL_BODY_END.set(budget_end - min(1.0, self.settings.url_timeout / 10))
        try:
            async with asyncio.timeout_at(budget_end):
                await self._capture(seed.url, out)
        except (TimeoutError, FetchFailed) as exc:  # a failure at a redirect hop names the hop (hopnote)
            why = str(exc) if isinstance(exc, FetchFailed) else url_budget_reason(self.settings.url_timeout)
            out.state, out.reason = "failed", hop_note(seed.url, out.at_url, why)
        except (asyncio.CancelledError, DiskFull):
            raise  # the run stops: nothing more can be written
        except Exception as exc:  # a bug must not stop the run; record it
            out.state, out.reason = "failed", f"internal error: {type(exc).__name__}: {exc}"
        self.write_seed_record(out)
        return out

    def give_up(self, seed: Seed, list_file: str | None, reason: str) -> Outcome:
        """A seed not asked for (its host stopped answering): failed with ``reason``, its metadata record written."""
        out = Outcome(seed=seed, list_file=list_file, worker=self.worker, reason=reason)
        self.write_seed_record(out)
        return out

    def write_seed_record(self, out: Outcome) -> None:
        """The capture's ``metadata`` record (list file, line, outcome): the catalog row, rebuildable from WARCs."""
        from archiver.archive.seedinfo import CONTENT_TYPE, outcome_block

        try:
            self.writer.write_metadata(out.seed.url, outcome_block(out), CONTENT_TYPE,
                                       out.written.record_id if out.written else None)
        except OSError as exc:  # the row is still recorded; only a reindex would miss it
            out.reason = (out.reason + "; " if out.reason else "") + f"metadata record not written: {exc}"

    async def _capture(self, url: str, out: Outcome) -> None:
        seen: set[tuple[str, str]] = set()
        asked: list[str] = []  # the URLs asked in turn (redacted), named by a loop's reason
        first_turn = [True]
        hop_guard: Callable[[str], str | None] | None = None
        if (silent := self.silence.gave_up(host_key(url))) is not None:
            out.reason = silent  # a URL of a host given up while it waited: its slot goes back at once
            return
        pause: float | None = None  # a redirect's Retry-After (RFC 9110 10.2.3: wait before following it)
        asked_after: str | None = None  # the last redirect's Retry-After as sent
        waits = 0
        for _hop in range(MAX_HOPS + 1):
            # a hop's connections are checked as its target was (DNS may answer otherwise by then)
            HOP_GUARD.set(hop_guard)
            # a loop is the same URL with the same cookies: a cookie check redirects back once
            key = (url, self.exchanger.cookie_header(url))
            if key in seen and pause is None:
                out.reason = loop_reason(asked, redact_url(url)) + over_cap_note(asked_after, self.settings)
                return
            if pause is not None and any(u == url for u, _ in seen):
                # a waiting room sending back to itself with a Retry-After (whatever cookies it set): asked again
                await asyncio.sleep(pause)
                waits += 1
            seen.add(key)
            asked.append(redact_url(url))
            out.at_url = url
            if not self.settings.ignore_robots:
                if first_turn[0]:
                    # the robots.txt fetch (if any) uses the granted slot; the page waits its turn, ahead
                    # of the host's seeds queued behind it (the claim lasts until exchange() asks for it)
                    with self.scheduler.claim(host_key(url)):
                        refusal = await self._refusal(url, first_turn)
                else:  # a redirect hop: its origin's Crawl-delay counts from its robots.txt on, as a seed's does
                    new = origin_of(url) not in self.robots.rules
                    refusal = await self.robots.refusal(url)
                    if new:
                        self._crawl_delay(url)
                if refusal:  # a Retry-After robots.txt came with holds the host for the next run too
                    out.final_url, out.retry_after = url, self.robots.retry_after(url)
                    out.reason = hop_note(out.seed.url, url, refusal)
                    out.too_many = self.robots.too_many(url)
                    return
            ex = await self.exchange(url, first_turn)
            onward, refused = await refresh_hop(url, ex, seen, self.exchanger, self.settings.private_redirects)
            final = (ex.status not in REDIRECTS or not ex.location) and onward is None
            try:
                if final:
                    # the last response is in: the slot goes to the next seed, and one turn of the
                    # event loop lets its request go out before this capture's records are written
                    self.scheduler.release()
                    await asyncio.sleep(0)
                self._write(ex, out, final=final)
            finally:
                ex.body.stream.close()
            if ex.status in REDIRECTS and ex.location:
                target, problem = next_hop(url, ex.response)
                if not problem:
                    problem = await redirect_refusal(self.settings.private_redirects, ex.ip, url, target,
                                                     self.exchanger.resolve)
                if problem:
                    self._settle(ex, out, out.records[-1] if out.records else None)
                    out.state, out.reason = "failed", f"HTTP {ex.status} {problem}"
                    return
                url = target
                hop_guard = connect_guard(self.settings.private_redirects, ex.ip, host_key(url))
                pause = redirect_pause(ex.retry_after, self.settings.retry_after_max)
                asked_after = ex.retry_after
                continue
            pause = None
            if onward is not None:  # an interstitial's refresh: followed as a redirect is
                url = onward
                hop_guard = connect_guard(self.settings.private_redirects, ex.ip, host_key(url))
                continue
            if refused and out.state == "captured":
                out.reason = f"{out.reason}; {refused}" if out.reason else refused
            if waits and out.state == "captured":
                note = waited_note(waits)
                out.reason = f"{out.reason}; {note}" if out.reason else note
            return
        out.reason = (f"{waited_note(waits)}, and never let it through (more than {MAX_HOPS} redirects)" if waits
                      else too_many_reason(asked))

    async def _refusal(self, url: str, first_turn: list[bool]) -> str | None:
        if origin_of(url) in self.robots.rules:
            return await self.robots.refusal(url)
        refusal = await self.robots.refusal(url, first_turn)  # its fetch, if it makes one, takes the turn
        first_turn[0] = False  # a turn granted while another seed read robots.txt predates its Crawl-delay
        self._crawl_delay(url)
        return refusal

    def _crawl_delay(self, url: str) -> None:
        """Space the requests to ``url``'s host by its origin's robots.txt Crawl-delay (capped), if it asks one."""
        delay = self.robots.crawl_delay(url)
        if delay:
            cap = min(self.settings.crawl_delay_max, self.settings.total_timeout)
            if delay > cap:
                self.log("crawl-delay", f"{redact_url(origin_of(url))}: robots.txt asks Crawl-delay {delay:g} s; "
                                        f"capped at {cap:g} s (--crawl-delay-max)",
                         origin=redact_url(origin_of(url)), asked=delay, capped=cap)
            self.scheduler.set_delay(host_key(url), min(float(delay), cap))

    def _write(self, ex: Exchange, out: Outcome, final: bool) -> None:
        prev = self.previous.get(out.seed.url) if final else None
        revisit = (prev is not None and not ex.body.truncated and ex.status == 200
                   and prev.payload_digest == ex.body.payload_digest)
        refers = refers_to(self.settings.warcs, prev) if revisit and prev else None
        revisit = refers is not None  # an original no one can read: the payload is written whole
        written = self.writer.write_exchange(ex.url, ex.request, ex.response, ex.body, ex.ip, ex.date,
                                             revisit_of=refers, protocol=ex.http_version, tls=ex.tls)
        record_type = "revisit" if revisit else "response"
        out.records.append(record_row(ex, written, record_type))
        if not final:
            return
        self._settle(ex, out, out.records[-1], prev if revisit else None)

    def _settle(self, ex: Exchange, out: Outcome, row: dict[str, Any] | None, prev: Previous | None = None) -> None:
        """Make ``ex`` (written as ``row``) the capture's final record and set state and reason from it."""
        if row is None:
            return
        written = Written(row["warc_file"], row["warc_offset"], row["warc_length"], row.get("record_id") or "",
                          row["warc_date"])
        record_type = row["record_type"]
        revisit = record_type == "revisit"
        out.final_url = ex.url
        out.http_status = ex.status
        out.content_type = ex.content_type
        out.payload_digest = ex.body.payload_digest
        out.record_type = record_type
        out.refers_to = prev.capture_id if revisit and prev else None
        out.written = written
        out.fetched_at = written.date
        out.truncated = ex.body.truncated
        out.state, out.reason, retry = verdict(ex, self.settings, self.repeats.get(out.seed.url))
        if retry is not None:
            out.retry_after = retry

