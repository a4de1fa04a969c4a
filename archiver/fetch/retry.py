"""When to retry, how long to wait, and what to call a failure: pure functions."""
from __future__ import annotations

import errno
import random
import re
import socket
import ssl
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from archiver.diskfull import NO_SPACE, file_size_limit
from archiver.fetch.tlsclose import HANDSHAKE_SLOW, HANDSHAKE_STALL

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def backoff(attempt: int, base: float = 0.5, cap: float = 30.0, rng: random.Random | None = None) -> float:
    """Exponential backoff with full jitter: uniform in [0, min(cap, base * 2**attempt)]."""
    uniform = rng.uniform if rng is not None else random.uniform
    return uniform(0, min(cap, base * (2 ** attempt)))


def retry_after(value: str | None, cap: float, now: datetime | None = None) -> float | None:
    """Seconds asked by a ``Retry-After`` header (delta or HTTP date), capped; None if absent or bad.

    A delta is ASCII digits only (RFC 9110 section 10.2.3): httpx decodes header bytes as Latin-1, so a
    byte 0xB2 arrives as '²', which ``str.isdigit`` calls a digit and ``float`` refuses. Anything that is
    neither a delta nor an HTTP date is ignored, as RFC 9110 lets a recipient do."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return min(float(value), cap)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    delta = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(delta, 0.0), cap)


def _h2_code(code: object) -> str:
    name = getattr(code, "name", None)
    if name:
        return str(name)
    try:
        from h2.errors import ErrorCodes

        return ErrorCodes(int(str(code))).name
    except Exception:
        return str(code)


def http2_problem(exc: BaseException) -> tuple[str, str] | None:
    """What an HTTP/2 error is, read from the h2 event or exception httpcore wraps (httpx passes on only
    its repr, ``<StreamReset stream_id:1, error_code:2, remote_reset:True>``): ("reset", text) for the
    server resetting the stream (RST_STREAM), ("closed", text) for it ending the connection (GOAWAY),
    ("protocol", text) for a framing error h2 found; None when ``exc`` is not an HTTP/2 error (at once when no
    HTTP/2 connection was ever made: h2, held out of a fetch's start-up, is not imported then)."""
    if "h2" not in sys.modules:
        return None
    try:
        import h2.events
        import h2.exceptions

        from archiver.fetch.h2reasons import Hangup, OtherStreamFault, invalid_setting
    except ImportError:  # no HTTP/2 support installed: no HTTP/2 errors either
        return None
    for arg in _chain_args(exc):
        if isinstance(arg, (OtherStreamFault, Hangup)):  # a hang-up, as far as this request knows
            return "closed", str(arg)
        if isinstance(arg, h2.events.StreamReset):
            return "reset", f"the server reset the HTTP/2 stream (RST_STREAM {_h2_code(arg.error_code)})"
        if isinstance(arg, h2.events.ConnectionTerminated):
            return "closed", f"the server closed the HTTP/2 connection (GOAWAY {_h2_code(arg.error_code)})"
        if isinstance(arg, h2.exceptions.InvalidSettingsValueError) and (said := invalid_setting(str(arg))):
            return "protocol", f"HTTP/2: {said}"
        if isinstance(arg, h2.exceptions.H2Error):
            text = str(arg) if str(arg).startswith(type(arg).__name__) else f"{type(arg).__name__}: {arg}"
            return "protocol", f"HTTP/2: {text}"
    return None


def _chain_args(exc: BaseException, links: int = 6) -> Iterator[object]:
    """The first argument of ``exc`` and of the exceptions it was raised from (its cause, else its context),
    up to ``links`` of them: where httpcore wraps the h2 event or error that ended a stream."""
    cur: BaseException | None = exc
    for _ in range(links):
        if cur is None:
            return
        yield cur.args[0] if cur.args else None
        cur = cur.__cause__ or cur.__context__


def send_again(exc: BaseException) -> bool:
    """Whether ``exc`` (raised sending a request, before its response head) says the request may go again at
    once on a new stream: an HTTP/2 server's word that it did not process it (``RST_STREAM REFUSED_STREAM``,
    or ``GOAWAY`` with last stream id 0), or its connection ended on another stream's fault
    (``h2reasons.OtherStreamFault``). False at once when no HTTP/2 connection was ever made (h2 not imported)."""
    if "h2" not in sys.modules:
        return False
    import h2.errors
    import h2.events

    from archiver.fetch.h2reasons import Hangup, OtherStreamFault

    for arg in _chain_args(exc):
        if isinstance(arg, OtherStreamFault):
            return True
        if isinstance(arg, Hangup):
            return arg.resend
        if isinstance(arg, h2.events.StreamReset):
            return arg.error_code == h2.errors.ErrorCodes.REFUSED_STREAM
        if isinstance(arg, h2.events.ConnectionTerminated):
            return arg.last_stream_id == 0
    return False


def describe_error(exc: BaseException) -> str:
    """A short reason a user can act on: DNS, refused, timeout, TLS, protocol."""
    if isinstance(exc, httpx.ConnectTimeout):
        if str(exc) == HANDSHAKE_STALL:  # connected, then no answer to the ClientHello (tlsclose.start_tls)
            return "timeout (TLS handshake: connected, but the server never answered the handshake; --timeout)"
        if str(exc).startswith(HANDSHAKE_SLOW):  # an answer under way, too slow (tlsclose.start_tls)
            got = str(exc)[len(HANDSHAKE_SLOW):].strip()
            return (f"timeout (TLS handshake: the server's answer came too slowly, {got} bytes of it, and the "
                    "handshake was not done within --timeout)")
        return "timeout (connect)"
    if isinstance(exc, (httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout)):
        return "timeout (read)"
    if isinstance(exc, TimeoutError):
        return "timeout (total)"
    if (h2 := http2_problem(exc)) is not None:
        return f"protocol error: {h2[1]}"
    if isinstance(exc, httpx.RemoteProtocolError) and str(exc) == "Receive buffer too long":
        # h11's words for a line past its 100 KiB: in a body (a head goes to the tolerant reader), a chunk
        # header (size line, extensions) or the trailers after the last chunk that never end
        return ("protocol error: a chunk header or trailer over 100 KiB without end (h11: Receive buffer "
                "too long)")
    if (refused := refused_address(exc)) is not None:
        return refused
    if isinstance(exc, OSError) and exc.errno in NO_SPACE:  # not the network's: the body's temporary file
        return spool_full(exc)
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 8:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    for err in chain:
        if isinstance(err, socket.gaierror):
            return f"DNS: cannot resolve host ({err.strerror or err})"
        if isinstance(err, ssl.SSLCertVerificationError):
            detail = getattr(err, "verify_message", None) or getattr(err, "reason", None) or err
            return f"TLS: certificate verification failed ({detail})"
        if isinstance(err, ssl.SSLError):
            reason = getattr(err, "reason", None) or str(err)
            if reason in ("TLSV1_ALERT_PROTOCOL_VERSION", "UNSUPPORTED_PROTOCOL"):
                return (f"TLS: {reason} (no TLS version both sides take: the server speaks only TLS 1.0 or 1.1, "
                        "which archiver, as browsers since 2020, refuses)")
            if reason in ("SSLV3_ALERT_HANDSHAKE_FAILURE", "NO_CIPHERS_AVAILABLE", "NO_SHARED_CIPHER"):
                return (f"TLS: {reason} (the server refused the handshake: it takes no cipher suite, group or "
                        "signature archiver offers, as a server of RSA key exchange or 3DES alone, or it wants a "
                        "client certificate)")
            if reason == "WRONG_VERSION_NUMBER":
                # OpenSSL's words when the bytes back are not TLS: a plain HTTP server on that port
                return f"TLS: {reason} (the server answered in plain HTTP, not TLS: an http port asked with https://?)"
            if reason in TLS_ALERTS:
                return f"TLS: {reason} ({TLS_ALERTS[reason]})"
            if reason == "UNEXPECTED_EOF_WHILE_READING" and any(isinstance(e, httpx.ConnectError) for e in chain):
                return (f"TLS: {reason} (the server closed the connection during the TLS handshake, without an "
                        "alert: it may speak another protocol on this port, or turn away this host name or "
                        "this client)")
            return f"TLS: {reason}"
        if isinstance(err, ConnectionRefusedError):
            return "refused: connection refused"
        if isinstance(err, ConnectionResetError):
            return "connection reset by peer"
    # h11 quotes what it refused as bytearray(b'...'): the bytes alone say it
    text = re.sub(r"bytearray\((b(['\"]).*?\2)\)", r"\1", str(exc)) or type(exc).__name__
    low = text.lower()
    if "name or service not known" in low or "nodename nor servname" in low or "name resolution" in low:
        return f"DNS: cannot resolve host ({text})"
    if "certificate" in low or "ssl" in low or "tls" in low:
        return f"TLS: {text}"
    if "refused" in low:
        return "refused: connection refused"
    if isinstance(exc, httpx.RemoteProtocolError) or type(exc).__name__ == "HeadRefused":
        return f"protocol error: {text}"
    return f"{type(exc).__name__}: {text}"


def refused_address(exc: BaseException) -> str | None:
    """The reason, if ``exc`` is (or was caused by) a connection ``--private-redirects`` did not make."""
    from archiver.fetch.addresses import AddressRefused

    cur: BaseException | None = exc
    for _ in range(4):
        if cur is None:
            return None
        if isinstance(cur, AddressRefused):
            return str(cur)
        cur = cur.__cause__ or cur.__context__
    return None


def spool_full(exc: OSError) -> str:
    """Why a body could not be spooled: its temporary file (a body over 1 MiB, in TMPDIR) found no room, or
    passed the process's file-size limit."""
    import tempfile

    why = exc.strerror or str(exc)
    if exc.errno == errno.EFBIG and (limit := file_size_limit()) is not None:
        why += f"; this process may write no file past {limit} bytes, ulimit -f"
    return (f"no room for the body's temporary file in {tempfile.gettempdir()} ({why}): a body over 1 MiB is "
            "spooled there (TMPDIR); will retry next run")


# OpenSSL's reasons for a TLS alert from the server that a user cannot read as they are (RFC 8446 section 6.2):
# reason -> what it means. certificate_required (116) is TLS 1.3's, read after the handshake, at the first read
TLS_ALERTS = {
    "TLSV13_ALERT_CERTIFICATE_REQUIRED": (
        "the server wants a client certificate, which archiver does not send: the site is for holders of one "
        "(a browser would ask its user to pick one)"),
    "TLSV1_UNRECOGNIZED_NAME": (
        "the server does not serve this host name: it turned away the name archiver sent (SNI); the site is not, "
        "or no longer, served at that address (or --resolve names the wrong one)"),
}

# OpenSSL's words (a verify_message) for a certificate whose issuer archiver cannot find: a private CA, or a
# self-signed certificate, that --ca-bundle can name; every other failure is the certificate's own
UNKNOWN_ISSUER = ("unable to get local issuer certificate", "unable to get issuer certificate",
                  "unable to verify the first certificate", "self-signed certificate", "self signed certificate")
# (words of a verify_message, what it means) for the faults --ca-bundle cannot mend
CERTIFICATE_FAULTS = (
    (("Hostname mismatch", "IP address mismatch"),
     "the certificate names another host: the server (or the address --resolve gives) answers for another site"),
    (("certificate has expired", "certificate is not yet valid"),
     "the certificate's dates do not cover this moment (or this machine's clock is wrong)"),
    (("certificate purpose",),
     "the certificate is not one for a TLS server (its extended key usage names other purposes; browsers refuse "
     "it too)"),
    (("too weak",),
     "the certificate's key or signature is too weak (an RSA key under 2048 bits, a SHA-1 or MD5 signature; "
     "browsers refuse it too)"),
    (("revoked",), "the certificate was revoked"),
)


# said after a name mismatch: a certificate with its host in its Common Name alone fails so (client.ssl_context)
HOST_NAMES_NOTE = (" (only the DNS names of its subjectAltName count, as in browsers since 2017: a host named in the "
                   "Common Name alone is not taken)")


def tls_remedy(reason: str) -> str:
    """What to do about a certificate archiver does not trust ('' for any other reason).

    Only an issuer archiver cannot find is mended by ``--ca-bundle``: a certificate for another name (or
    address), out of its dates, for another purpose or with a weak key is not (the remedy told for those sent
    a user to trust a CA that was already trusted)."""
    if not reason.startswith("TLS: certificate verification failed"):
        return ""
    for words, meaning in CERTIFICATE_FAULTS:
        if any(w in reason for w in words):
            note = HOST_NAMES_NOTE if "Hostname mismatch" in reason else ""
            return f"; {meaning}, which no --ca-bundle mends{note}"
    if "unable to get local issuer certificate" in reason:
        return ("; a private CA's certificate can be trusted with --ca-bundle, as can an intermediate "
                "certificate the server leaves out (browsers fetch it themselves, archiver does not)")
    if any(w in reason for w in UNKNOWN_ISSUER):
        return "; a private CA's certificate can be trusted with --ca-bundle"
    return "; a fault of the certificate itself (see OpenSSL's words), which no --ca-bundle mends"


def is_timeout(exc: BaseException) -> bool:
    """A connect or read timeout (not ``--total-timeout``): the server did not answer in ``--timeout``."""
    return isinstance(exc, (httpx.ConnectTimeout, httpx.ReadTimeout))


def is_refused(exc: BaseException) -> bool:
    """The connection was refused (ECONNREFUSED: nothing listens there), not by ``--private-redirects``."""
    return refused_address(exc) is None and describe_error(exc) == "refused: connection refused"


def is_retryable(exc: BaseException) -> bool:
    """Connection errors and connect/read timeouts are worth another try.

    TLS and DNS failures are not, nor a total time-out (``TimeoutError`` from
    ``--total-timeout``): the body was still arriving, and a server that slow
    will not be faster the next time.
    """
    if refused_address(exc) is not None:
        return False
    reason = describe_error(exc)
    if reason.startswith(("TLS", "DNS")):
        return False
    return isinstance(exc, httpx.TransportError)
