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
does not resolve is left to the hop itself, which fails with the DNS reason.
Known limit: the hop's own connection resolves the name again, so a DNS answer
that changes in between (DNS rebinding) is not caught.
"""
from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from archiver.urls import redact_url

MODES = ("guard", "deny", "allow")
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
