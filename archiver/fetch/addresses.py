"""Whether a redirect may lead into a more private network (``--private-redirects``).

A page on the public web that redirects to ``http://192.168.1.1/`` or
``http://127.0.0.1:8080/admin`` would make archiver fetch (and archive, and
later replay) a service behind the archiving machine's firewall. Chromium's
Private Network Access refuses such requests by address space: *public*, then
*private* (RFC 1918, link-local, unique-local, CGNAT, ...), then *local*
(loopback): a request may not go from a more public space to a less public one.
archiver applies that to redirects:

- ``guard`` (the default): a redirect is not followed when its target is in a
  less public space than the address of the server that sent it (public to
  private or local, private to local). A seed listed on a private or loopback
  address, and its redirects within that space or out to the public web, are
  fetched as before: archiver is pointed at such hosts on purpose.
- ``deny``: no redirect to any private or local address, whoever sent it.
- ``allow``: every redirect is followed (archiver's behaviour before).

The target's host is resolved before the hop (``--resolve`` applies); a name that
does not resolve is left to the hop itself, which fails with the DNS reason. The
hop's own connections resolve the name again (a DNS answer that changes in
between, DNS rebinding, or a same-host redirect, which is not judged before the
hop) and are checked the same way (``HOP_GUARD``, ``connect_guard``): the
connection goes to an address that passed, never to one resolved after the check.
"""
from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Callable
from contextvars import ContextVar
from urllib.parse import urlsplit

from archiver.urls import redact_url

MODES = ("guard", "deny", "allow")
# set by a capture for the connections of a redirect hop (each capture runs in its own task): the check
# each address is put to when the connection is made (archiver.fetch.client.ResolvingBackend)
HOP_GUARD: ContextVar[Callable[[str], str | None] | None] = ContextVar("hop_guard", default=None)
SPACES = ("public", "private", "local")  # in order: a redirect may go left (or stay), not right, under guard


def address_space(address: str) -> str:
    """``'public'``, ``'private'`` or ``'local'`` for an IPv4 or IPv6 address (text); raises ValueError."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback or ip.is_unspecified:
        return "local"
    return "public" if ip.is_global else "private"


async def target_addresses(host: str, port: int, resolve: dict[tuple[str, int], str]) -> list[str]:
    """The addresses a connection to ``host:port`` would try: a literal, a ``--resolve`` entry, or DNS
    (empty when the name does not resolve)."""
    host = host.strip("[]")
    try:
        ipaddress.ip_address(host)
        return [host]
    except ValueError:
        pass
    mapped = resolve.get((host.lower(), port))
    if mapped is not None:
        return [mapped]
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return [str(info[4][0]) for info in infos]


async def redirect_refusal(mode: str, source_ip: str | None, source_url: str, target_url: str,
                           resolve: dict[tuple[str, int], str]) -> str | None:
    """Why a redirect from ``source_url`` (answered from ``source_ip``) to ``target_url`` is not followed
    under ``mode`` (see the module's text), or None when it may be."""
    if mode == "allow":
        return None
    parts = urlsplit(target_url)
    host = parts.hostname or ""
    if mode == "guard" and host == (urlsplit(source_url).hostname or ""):
        return None  # the same host: the same network
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None  # the hop itself says what is wrong with the URL
    try:
        source = address_space(source_ip) if source_ip else None
    except ValueError:
        source = None
    if mode == "guard" and (source is None or source == "local"):
        return None  # nothing is more private than loopback; an unknown source is not judged
    for address in await target_addresses(host, port, resolve):
        try:
            space = address_space(address)
        except ValueError:
            continue
        if space == "public":
            continue
        if mode == "deny":
            return (f"redirect to {redact_url(target_url)} not followed: {host} is a {space} address ({address}); "
                    "--private-redirects deny follows no redirect into a private or local network")
        if source is not None and SPACES.index(space) > SPACES.index(source):
            return (f"redirect to {redact_url(target_url)} not followed: {host} is a {space} address ({address}) "
                    f"and the redirect came from a {source} one ({source_ip}); a redirect may not lead into a more "
                    "private network (--private-redirects guard, as Chromium's Private Network Access)")
    return None


def connect_guard(mode: str, source_ip: str | None, host: str) -> Callable[[str], str | None] | None:
    """The check for a redirect hop's connections to ``host`` under ``mode``, the redirect having come from
    ``source_ip``: a function from an address (text) to the reason it may not be connected to (None: it may),
    or None when nothing is to be checked (``allow``; under ``guard``, a redirect from loopback or from
    an unknown address)."""
    if mode == "allow":
        return None
    try:
        source = address_space(source_ip) if source_ip else None
    except ValueError:
        source = None
    if mode == "guard" and (source is None or source == "local"):
        return None

    def refusal(address: str) -> str | None:
        try:
            space = address_space(address)
        except ValueError:
            return None
        if space == "public" or (mode == "guard" and source is not None
                                 and SPACES.index(space) <= SPACES.index(source)):
            return None
        why = ("--private-redirects deny follows no redirect into a private or local network" if mode == "deny"
               else f"the redirect came from a {source} address ({source_ip}); --private-redirects guard")
        return (f"redirect to {host} not followed: {host} resolved to a {space} address ({address}) when "
                f"connecting (after the check before the hop: DNS rebinding?); {why}")

    return refusal


class AddressRefused(Exception):
    """A connection not made: the name resolved to an address ``--private-redirects`` refuses (raised in the
    network backend, so httpx passes it on as the cause of its ConnectError; the message is the reason)."""


class AddressSpaces:
    """Under ``guard``, where each host name was connected to in this run, so that a later connection of the
    same name does not go to a more private space: a public seed whose name answers 127.0.0.1 the second
    time (DNS rebinding between its robots.txt and its page, or between two pages) is not followed there.
    A name first met on a private or loopback address (a seed listed there on purpose) may go anywhere."""

    def __init__(self, mode: str):
        self.mode = mode
        self.first: dict[str, tuple[str, str]] = {}  # host -> (space, address) of its first connection

    def allowed(self, host: str, candidates: list[str]) -> list[str]:
        """The ``candidates`` (addresses, in the resolver's order) ``host`` may connect to: under ``guard``,
        none more private than its first connection's; raises AddressRefused when that leaves none."""
        known = self.first.get(host)
        if self.mode != "guard" or known is None or not candidates:
            return candidates
        passed = [a for a in candidates if _not_more_private(a, known[0])]
        if passed:
            return passed
        space = address_space(candidates[0])
        raise AddressRefused(f"{host} resolved to a {space} address ({candidates[0]}) when connecting, after a "
                             f"{known[0]} one ({known[1]}) earlier in this run (DNS rebinding?); not followed "
                             "into a more private network (--private-redirects guard)")

    def connected(self, host: str, address: str) -> None:
        """Note that ``host`` was connected to at ``address`` (its first connection sets its space)."""
        if self.mode == "guard" and host not in self.first:
            try:
                self.first[host] = (address_space(address), address)
            except ValueError:
                pass


def _not_more_private(address: str, space: str) -> bool:
    try:
        return SPACES.index(address_space(address)) <= SPACES.index(space)
    except ValueError:
        return True
