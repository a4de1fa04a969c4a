"""HTTP/2 faults httpcore leaves to chance: a request the server says it never processed, and a response
head whose ``:status`` is missing, doubled or no status code.

- ``retry.send_again(exc)``: whether an error raised before the response head is the server's word that it
  did not process the request, so it may go again at once on a new stream (RFC 9113 section 8.7): a
  ``RST_STREAM`` of ``REFUSED_STREAM`` (a server at its stream limit), or a ``GOAWAY`` whose last stream id
  is 0 (no stream processed: a server going away as the connection opened). httpcore's pool resends a
  request above a nonzero last stream id itself, but reads 0 as "none given" and fails every request of
  the connection; Chromium resends them (``ERR_HTTP2_SERVER_REFUSED_STREAM``).
- ``CheckedHTTP2Connection``: httpcore's HTTP/2 connection, but a response head must carry one ``:status``
  of three digits (RFC 9113 section 8.3.2, RFC 9110 section 15), as Chromium asks. httpcore took a head
  without one for a 200 (archived as ``HTTP/1.1 200 OK``, a status the server never sent), the last of two,
  and failed ``:status: abc`` with ``ValueError: invalid literal for int()``. Such a head is a stream error:
  the stream is reset (``PROTOCOL_ERROR``) and the capture fails, naming it; nothing is archived.
  ``install()`` puts it where httpcore looks it up for each new connection.
- One stream's protocol error ends the whole connection in h2 (a body longer or shorter than its
  ``content-length``, RFC 9113 section 8.1.1 a *stream* error, makes h2 send ``GOAWAY``), and httpcore lost
  the events read with the faulty frame and left the connection's other requests waiting on a connection
  that would never speak again: they failed ``timeout (read)`` after ``--timeout`` (each counting towards
  ``--host-timeouts``). The stream whose frame h2 refused gets the error; every other stream of the
  connection learns at once that it ended (``OtherStreamFault``): a request still waiting for its head is
  sent again on a new connection (``retry.send_again``), a body under way is cut there (``WARC-Truncated:
  disconnect``, asked again next run).
"""
from __future__ import annotations

import re
import typing

import h2.connection
import h2.errors
import h2.events
import h2.exceptions
import h2.settings
import httpcore
from httpcore._async import http2 as httpcore_h2
from httpcore._exceptions import ConnectionNotAvailable

from archiver.fetch.h2fallback import NotSpoken
from archiver.fetch.h2hangup import hangup
from archiver.fetch.h2reasons import OtherStreamFault
from archiver.fetch.headtap import MAX_INFORMATIONAL
from archiver.fetch.rawhttp import MAX_HEAD
from archiver.fetch.retry import describe_error
from archiver.fetch.trailers import keep_h2

STATUS = re.compile(rb"[0-9]{3}")


class ConnectionFault(httpcore.RemoteProtocolError):
    """h2 refused a frame (``error``) of stream ``culprit`` (0: a frame of the connection itself), the answer
    to ``url``, and ended the connection; kept as the connection's read error, so every stream learns it."""

    def __init__(self, error: BaseException, culprit: int, url: str):
        super().__init__(error)
        self.error, self.culprit, self.url = error, culprit, url


def status_fault(headers: list[tuple[bytes, bytes]]) -> str | None:
    """What is wrong with the ``:status`` of an HTTP/2 response head (h2's header list), or None."""
    values = [value for name, value in headers if name == b":status"]
    if not values:
        return "a response head without a :status field"
    if len(values) > 1:
        shown = ", ".join(repr(v.decode("latin-1")) for v in values)
        return f"a response head with {len(values)} :status fields ({shown})"
    if not STATUS.fullmatch(values[0]):
        return f"a response head whose :status is no three-digit code ({values[0].decode('latin-1')!r})"
    return None


class _FrameNoting(h2.connection.H2Connection):
    """h2's connection, noting the stream of the frame it handles (the one a ProtocolError is about): the
    frame being handled, or a header block still being gathered (``Too many continuation frames``)."""

    frame_stream = 0
    draining: h2.events.ConnectionTerminated | None = None  # a graceful GOAWAY received: see _receive_goaway_frame
    frames = 0  # frames received: none when the server does not speak HTTP/2 (h2fallback.NotSpoken)
    first = b""  # the first bytes received (up to 16)

    def __init__(self, *args: typing.Any, **kwargs: typing.Any):
        super().__init__(*args, **kwargs)
        self.informational: dict[int, int] = {}  # stream id -> 1xx heads so far, until its final head

    def _receive_goaway_frame(self, frame: typing.Any) -> tuple[list[typing.Any], list[h2.events.Event]]:
        """A GOAWAY of NO_ERROR naming a stream (a graceful shutdown: nginx after ``keepalive_requests``, a
        reload) lets the streams up to it complete (RFC 9113 section 6.8), as Chromium lets them; h2 closes
        the connection on any GOAWAY and refused their next frame, so httpcore cut them. Here the connection
        stays open for them and the GOAWAY is kept in ``draining`` instead of being an event."""
        before = self.state_machine.state
        frames, events = super()._receive_goaway_frame(frame)
        if frame.error_code == 0 and frame.last_stream_id > 0 and before != h2.connection.ConnectionState.CLOSED:
            self.state_machine.state = before
            self.draining = next(e for e in events if isinstance(e, h2.events.ConnectionTerminated))
            return frames, [e for e in events if e is not self.draining]
        return frames, events

    def initiate_connection(self) -> None:
        """Advertise (``SETTINGS_MAX_HEADER_LIST_SIZE``) and accept a response head of up to ``rawhttp.MAX_HEAD``
        (256 KiB, Chromium's limit, and archiver's over HTTP/1.x), not httpcore's 64 KiB: a head of 100 KB (a
        long Content-Security-Policy, Link or Set-Cookie list) failed over HTTP/2, "DenialOfServiceError:
        Oversized header block", where it was captured over HTTP/1.1 and a browser showed the page."""
        if self.config.client_side:
            codes = h2.settings.SettingCodes
            values = {codes(int(code)): value for code, value in self.local_settings.items()}
            values[codes.MAX_HEADER_LIST_SIZE] = MAX_HEAD
            fresh = h2.settings.Settings(client=True, initial_values=values)
            for code in [c for c in fresh if c not in values]:  # httpcore removed ENABLE_CONNECT_PROTOCOL: kept out
                del fresh[code]
            self.local_settings = fresh
            self.decoder.max_header_list_size = MAX_HEAD
        super().initiate_connection()

    def receive_data(self, data: typing.Any) -> list[h2.events.Event]:
        self.frame_stream = 0
        if len(self.first) < 16:
            self.first += bytes(data[:16 - len(self.first)])
        try:
            events = super().receive_data(data)
        except h2.exceptions.ProtocolError:
            gathering = getattr(self.incoming_buffer, "_headers_buffer", None)
            if gathering:
                self.frame_stream = gathering[0].stream_id
            raise
        self._count_informational(events)
        return events

    def _count_informational(self, events: list[h2.events.Event]) -> None:
        """Informational (1xx) heads of a stream, as the HTTP/1.x reader counts them: the 33rd fails it (a
        server sending 103s without end held the URL until --total-timeout; over HTTP/1.x it failed at once)."""
        counts = self.informational
        for event in events:
            if isinstance(event, (h2.events.ResponseReceived, h2.events.StreamEnded, h2.events.StreamReset)):
                counts.pop(event.stream_id, None)  # a final head, the stream's end or reset
                continue
            if not isinstance(event, h2.events.InformationalResponseReceived):
                continue  # a WINDOW_UPDATE between 103s does not start the count again
            sid = event.stream_id
            counts[sid] = counts.get(sid, 0) + 1
            if counts[sid] > MAX_INFORMATIONAL:
                self.frame_stream = sid
                self._terminate_connection(h2.errors.ErrorCodes.PROTOCOL_ERROR)
                raise h2.exceptions.ProtocolError(
                    f"over {MAX_INFORMATIONAL} informational (1xx) responses and no final one")

    def _receive_frame(self, frame: typing.Any) -> list[h2.events.Event]:
        self.frame_stream = frame.stream_id
        self.frames += 1
        return super()._receive_frame(frame)


class CheckedHTTP2Connection(httpcore_h2.AsyncHTTP2Connection):
    """httpcore's HTTP/2 connection; a response head without one three-digit ``:status`` fails its stream, and
    a protocol error h2 ends the connection on fails the stream it is about, the others learning at once."""

    def __init__(self, *args: typing.Any, **kwargs: typing.Any):
        super().__init__(*args, **kwargs)
        self._h2_state = _FrameNoting(config=self.CONFIG)
        self._urls: dict[int, str] = {}  # stream id -> the URL asked on it
        self._headed: set[int] = set()  # streams whose response head came
        self._heads = 0  # response heads received on this connection: a hang-up after one resends (h2hangup)

    async def _send_request_headers(self, request: httpcore.Request, stream_id: int) -> None:
        self._urls[stream_id] = bytes(request.url).decode("ascii", "replace")
        try:
            await super()._send_request_headers(request, stream_id)
        except h2.exceptions.TooManyStreamsError:
            # the server's SETTINGS_MAX_CONCURRENT_STREAMS 0 (RFC 9113 section 6.5.2: no new stream, "for short
            # durations"): every later URL of the origin failed "TooManyStreamsError: Max outbound streams is 0".
            # As for a connection out of stream ids, it takes no new request, and the pool opens another (which
            # answers one at least before it can say 0 again), as curl does
            self._used_all_stream_ids = True
            self._request_count -= 1
            raise ConnectionNotAvailable() from None
        except httpcore.WriteError as exc:
            if (gone := hangup(exc, False, self._heads > 0)) is not None:  # sent to a server gone (h2hangup)
                raise gone from exc
            raise

    def _draining(self) -> h2.events.ConnectionTerminated | None:
        return getattr(self._h2_state, "draining", None)

    def is_available(self) -> bool:
        return super().is_available() and self._draining() is None  # no new stream after a GOAWAY

    async def _receive_events(self, request: httpcore.Request, stream_id: int | None = None) -> None:
        goaway = self._draining()
        if goaway is not None and stream_id and stream_id > (goaway.last_stream_id or 0):
            if stream_id in self._headed:  # a server answering past its own GOAWAY: its word ends the body
                raise httpcore.RemoteProtocolError(goaway)
            self._request_count -= 1  # not processed: httpcore's pool sends it on another connection
            raise ConnectionNotAvailable()
        await super()._receive_events(request, stream_id)

    async def _response_closed(self, stream_id: int) -> None:
        self._urls.pop(stream_id, None)
        self._headed.discard(stream_id)
        await super()._response_closed(stream_id)
        if self._draining() is not None and not self._events:  # the last stream the GOAWAY let finish
            await self.aclose()

    async def _write_outgoing_data(self, request: httpcore.Request) -> None:
        try:
            await super()._write_outgoing_data(request)
        except httpcore.WriteError as exc:  # acknowledging a body's data to a server gone after its GOAWAY
            if (not_spoken := self._not_spoken(exc)) is not None:  # or gone at the preface (h2fallback)
                self._write_exception = not_spoken
                raise not_spoken from exc
            goaway = self._draining()
            if goaway is None or self._write_exception is not exc:
                raise
            self._write_exception = httpcore.RemoteProtocolError(goaway)
            raise self._write_exception from exc

    def _not_spoken(self, exc: BaseException) -> httpcore.RemoteProtocolError | None:
        """``exc`` (ending the connection) as ``h2fallback.NotSpoken`` when not one HTTP/2 frame came before it."""
        state = self._h2_state
        if not isinstance(state, _FrameNoting) or state.frames:
            return None
        ended = describe_error(exc) if isinstance(exc, (httpcore.ReadError, httpcore.WriteError)) else (
            "closed" if exc.args == ("Server disconnected",) else str(exc) or type(exc).__name__)
        return httpcore.RemoteProtocolError(NotSpoken(ended, state.first))

    async def _read_incoming_data(self, request: httpcore.Request) -> list[h2.events.Event]:
        try:
            events = await super()._read_incoming_data(request)
            for event in events:  # httpcore drops a stream's trailer section: kept (archiver.fetch.trailers)
                if isinstance(event, h2.events.TrailersReceived) and event.stream_id in self._events:
                    keep_h2(self._network_stream, event.stream_id, list(event.headers or []))
            return events
        except (httpcore.RemoteProtocolError, httpcore.ReadError, h2.exceptions.ProtocolError) as exc:
            if (not_spoken := self._not_spoken(exc)) is not None:  # h2fallback: sent again over HTTP/1.1
                self._read_exception = not_spoken
                self._connection_error = True
                raise not_spoken from exc
            if isinstance(exc, h2.exceptions.ProtocolError):
                raise self._fault(exc) from exc
            goaway = self._draining()
            if goaway is None or self._read_exception is not exc:
                raise
            # the server closed (or reset) before the streams its GOAWAY named were done: said as that GOAWAY
            self._read_exception = httpcore.RemoteProtocolError(goaway)
            raise self._read_exception from exc

    def _fault(self, exc: h2.exceptions.ProtocolError) -> ConnectionFault:
        """h2 has ended the connection on a frame it refused (its GOAWAY is queued): the fault every later
        read of this connection raises, naming the stream the frame was about."""
        state = self._h2_state
        culprit = state.frame_stream if isinstance(state, _FrameNoting) else 0
        fault = ConnectionFault(exc, culprit, self._urls.get(culprit, f"stream {culprit}"))
        self._read_exception = fault
        self._connection_error = True  # no new request is given to it
        return fault

    async def _receive_stream_event(self, request: httpcore.Request, stream_id: int) -> typing.Any:
        try:
            return await super()._receive_stream_event(request, stream_id)
        except ConnectionFault as fault:
            if fault.culprit in (0, stream_id):
                raise httpcore.RemoteProtocolError(fault.error) from fault
            raise httpcore.RemoteProtocolError(OtherStreamFault(fault.error, fault.url)) from None
        except (httpcore.RemoteProtocolError, httpcore.ReadError, httpcore.WriteError) as exc:
            if (isinstance(exc, httpcore.RemoteProtocolError) and exc.args
                    and isinstance(exc.args[0], h2.events.ConnectionTerminated) and self._events.get(stream_id)):
                # another stream's read queued this stream's head and body part with a GOAWAY while this one
                # waited for the read lock; httpcore raised the GOAWAY before looking at them, and the answer
                # that had come was lost ("protocol error", nothing archived). They are read first: the body is
                # then cut at the GOAWAY, archived as far as it came (hostile29)
                event = self._events[stream_id].pop(0)
                if isinstance(event, h2.events.StreamReset):
                    raise httpcore.RemoteProtocolError(event) from None
                return event
            # (a write too: acknowledging frames read, to a server gone)
            if (gone := hangup(exc, stream_id in self._headed, self._heads > 0)) is not None:
                raise gone from exc
            raise

    async def _receive_response(self, request: httpcore.Request,
                                stream_id: int) -> tuple[int, list[tuple[bytes, bytes]]]:
        while True:
            event = await self._receive_stream_event(request, stream_id)
            if isinstance(event, h2.events.ResponseReceived):
                break
        raw = list(event.headers or [])
        fault = status_fault(raw)
        if fault is not None:
            try:  # a stream the server already ended (END_STREAM came with the head or the body) is closed
                self._h2_state.reset_stream(stream_id, error_code=h2.errors.ErrorCodes.PROTOCOL_ERROR)
            except h2.exceptions.StreamClosedError:
                pass
            else:
                await self._write_outgoing_data(request)
            # an h2 error as the argument: retry.http2_problem reads it as HTTP/2's, and the tolerant
            # HTTP/1.1 reader is not tried (a browser shows ERR_HTTP2_PROTOCOL_ERROR)
            raise httpcore.RemoteProtocolError(h2.exceptions.ProtocolError(f"{fault} (RFC 9113 section 8.3.2)"))
        status = int(next(value for name, value in raw if name == b":status"))
        self._headed.add(stream_id)
        self._heads += 1
        return status, [(name, value) for name, value in raw if not name.startswith(b":")]


def install() -> None:
    """Make httpcore open HTTP/2 connections as ``CheckedHTTP2Connection`` (it imports the class from its
    module for each new connection; there is no public hook). Called when a connection has negotiated h2
    (``client.CachedSocketStream.start_tls``), so that a fetch that never speaks HTTP/2 never imports h2."""
    httpcore_h2.AsyncHTTP2Connection = CheckedHTTP2Connection  # type: ignore[misc]
