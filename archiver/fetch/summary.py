"""What a fetch run did, for its summary lines: counts, and the failed URLs named again at the end.

A run's failures are each told as they happen (``failed URL: reason``) and named again under the summary, so
that the end of a long log says what is left. ``GROUPED_AT`` or more failures of one host with one reason are
said once, with their count and the ``archiver list --host`` that names each (its reason kept in the catalog).
Past ``NAMED_FAILURES`` the rest are counted by reason instead: a list of 2,000 URLs whose server died halfway
printed its 1,000 failures twice, the second time as 1,000 summary lines (held in memory the whole run), all
but a few with one reason.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from archiver.fetch.hopnote import split_hop
from archiver.urls import redact_url, scrub
from archiver.wording import count

NAMED_FAILURES = 50  # failed URLs named under the summary; the rest are counted by reason
GROUPED_AT = 3  # failures of one host with one reason said in one line, not a line each
SHOWN_REASONS = 5  # reasons of the unnamed failures given with their counts; the rest counted together
DNS_FAILURE = "DNS: cannot resolve host"  # how archiver.fetch.retry words a host name that did not resolve


@dataclass
class FetchSummary:
    list_file: str
    captured: int = 0
    revisits: int = 0
    failed: int = 0
    skipped: int = 0
    bad_lines: int = 0
    interrupted: bool = False
    refresh: bool = False  # --refresh: the next run fetches every URL again, not only those left
    to_fetch: int = 0  # URLs the run set out to fetch (the list's new ones, and those due again)
    disk_full: str | None = None  # the message, when a full disk stopped the run
    same_page: int = 0  # captures whose page another line of this run already gave (same host and payload)
    held: int = 0  # URLs not fetched: their host's Retry-After, heard by an earlier run, has not passed
    # (host, reason) -> its first GROUPED_AT - 1 failures as (arrival number, URL, whole reason): all of a pair
    # that is no group; the URLs named are chosen from them at the end, when the groups are known (review46:
    # filled in arrival order, 50 failures of one dead host took every slot and the few others went unnamed).
    # A reason naming a redirect hop is keyed by the hop's host, not its URL (grouped(), review59)
    first: dict[tuple[str, str], list[tuple[int, str, str]]] = field(default_factory=dict)
    by_host: Counter[tuple[str, str]] = field(default_factory=Counter)  # (host, reason) -> every failure
    # the CDXJ lines of each WARC file this run closed, made while writing (None: index it with cdxj-indexer)
    cdxj: dict[str, list[str] | None] = field(default_factory=dict)

    def fail(self, url: str, reason: str) -> None:
        """Count a failed URL; the first ``GROUPED_AT - 1`` of its (host, reason) are kept, to be named under the
        summary if the pair is no group (at most ``NAMED_FAILURES``, in arrival order)."""
        self.failed += 1
        key = (failed_host(url), grouped(reason))
        self.by_host[key] += 1
        kept = self.first.setdefault(key, [])
        if len(kept) < GROUPED_AT - 1:
            kept.append((self.failed, url, reason))

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if (self.failed or self.bad_lines or self.disk_full) else 0

    def left_message(self) -> str:
        """What an interrupted run left undone, and the remedy (the captures made are kept)."""
        left = max(self.to_fetch - self.captured - self.failed, 0)
        kept = ("what was captured is kept; with --refresh the whole list is fetched again" if self.refresh
                else "what was captured is kept and not fetched again")
        return (f"{count(left, 'URL')} not fetched; run the same command again to fetch "
                f"{'it' if left == 1 else 'them'} ({kept})")

    def unfetched(self) -> str:
        """``'; 7 URLs not fetched'`` when a full disk stopped the run short of its list, else ``''``: the
        summary of such a run told only what it captured, not how much of the list was left for the rerun."""
        left = max(self.to_fetch - self.captured - self.failed, 0)
        return f"; {count(left, 'URL')} not fetched (fetched by the run after space is freed)" if left else ""

    def fields(self) -> dict[str, int | bool]:
        """The counts of the summary's first line, for its JSON log line: captured, revisits, failed, skipped,
        bad_lines, held, interrupted, exit_code (the run's fetch part; extract has its own line)."""
        return {"captured": self.captured, "revisits": self.revisits, "failed": self.failed, "skipped": self.skipped,
                "bad_lines": self.bad_lines, "held": self.held, "interrupted": self.interrupted,
                "exit_code": self.exit_code}

    def lines(self) -> list[str]:
        head = (f"summary: {self.captured} captured ({self.revisits} unchanged, written as revisits), "
                f"{self.failed} failed, {self.skipped} skipped, {count(self.bad_lines, 'bad line')}"
                + (f" — interrupted: {self.left_message()}" if self.interrupted else "")
                + (" — stopped: " + self.disk_full.split(":", 1)[0] + self.unfetched() if self.disk_full else ""))
        same = [f"  {count(self.held, 'URL')} held back: the host asked for a pause that has not passed "
                "(Retry-After, above)"] if self.held else []
        same += ([f"  {count(self.same_page, 'capture')} repeating a page already captured under another URL "
                 "(same host, same payload; 'the same page as' above)"] if self.same_page else [])
        return ([head] + same + self.failed_lines() + self.unnamed_lines()
                + ([f"  {self.disk_full}"] if self.disk_full else []) + self.kept_lines() + self.offline_lines())

    def offline_lines(self) -> list[str]:
        """When nothing was captured and every failure counted was a host name that did not resolve (no other
        failure kind, no interruption, no full disk): the one line that says what that likely means, or [].

        The README's Quick start run offline reported five DNS failures and stopped there (nu57). A resolver's
        answer cannot tell a machine offline from a mistyped or expired name (both errno -2 here: review58), so
        the line names both causes and claims neither.
        """
        hosts = {host for host, _ in self.by_host}
        if (self.captured or self.interrupted or self.disk_full or not hosts
                or self.failed != sum(self.by_host.values())
                or not all(reason.startswith(DNS_FAILURE) for _, reason in self.by_host)):
            return []
        return [f"  no host name resolved ({count(len(hosts), 'host')}, every URL failed on DNS): check the "
                "machine's network or name server, or the list's host names. The next run fetches them again"]

    def kept_lines(self) -> list[str]:
        """A run that captured nothing still writes each failed URL's metadata record; the line says why its
        WARC file is kept (``archiver reindex`` rebuilds the failed rows from it), or []."""
        if self.captured or not self.cdxj:
            return []
        names = ", ".join(sorted(self.cdxj))
        return [f"  {names}: no capture, only the failed URLs' records (kept for 'archiver reindex')"]

    def _groups(self) -> list[tuple[tuple[str, str], int]]:
        """((host, reason), failures) said in one line each, most first: at least ``GROUPED_AT`` failures, the
        first ``NAMED_FAILURES`` such pairs (the failures of the rest are named or counted as any other)."""
        many = [(key, n) for key, n in self.by_host.most_common() if n >= GROUPED_AT]
        return many[:NAMED_FAILURES]

    def _named(self) -> tuple[list[tuple[str, str]], Counter[str]]:
        """The failures named one by one, as (URL, reason) in arrival order: those of pairs said in no group
        line, the first ``NAMED_FAILURES``; and the rest of no group line, counted by reason."""
        grouped = {key for key, _ in self._groups()}
        loose = sorted((number, url, reason, key[1]) for key, kept in self.first.items() if key not in grouped
                       for number, url, reason in kept)
        named = [(url, reason) for _, url, reason, _ in loose[:NAMED_FAILURES]]
        rest: Counter[str] = Counter()
        for (host, reason), n in self.by_host.items():
            if (host, reason) not in grouped:
                rest[reason] += n
        for _, _, _, key_reason in loose[:NAMED_FAILURES]:
            rest[key_reason] -= 1
        return named, +rest

    def failed_lines(self) -> list[str]:
        """``  failed: 12 URLs of HOST: REASON ('archiver list --host HOST' names them)`` for each group, then
        ``  failed: URL: REASON`` for each named failure of no group."""
        lines = [f"  failed: {n} URLs of {host}: {scrub(reason)} ('archiver list --host {host}' names them)"
                 for (host, reason), n in self._groups()]
        return lines + [f"  failed: {redact_url(url)}: {scrub(reason)}" for url, reason in self._named()[0]]

    def unnamed_lines(self) -> list[str]:
        """The failures of no group line past the ``NAMED_FAILURES`` named, counted by reason (most frequent
        first), or []."""
        by_reason = self._named()[1]
        if not by_reason:
            return []
        total = sum(by_reason.values())
        lines = [f"  {count(total, 'more failed URL')} not named here (each has its 'failed' line above; "
                 "'archiver list' shows them all):"]
        common = by_reason.most_common(SHOWN_REASONS)
        lines += [f"    {n} x {scrub(reason)}" for reason, n in common]
        rest = total - sum(n for _, n in common)
        if rest:
            others = len(by_reason) - len(common)
            lines.append(f"    {rest} x {count(others, 'other reason')}")
        return lines


def grouped(reason: str) -> str:
    """``reason`` as failures are grouped by: a redirect hop's note names the hop's host, not its URL
    (``refused: connection refused (at the redirect to HOST)``), so the listed pages of one site that all redirect
    to one dead host share a line."""
    bare, hop = split_hop(reason)
    return bare if hop is None else f"{bare} (at the redirect to {failed_host(hop)})"


def failed_host(url: str) -> str:
    """``host`` or ``host:port`` (a port the URL names) of ``url``, as ``archiver list --host`` takes it: an IPv6
    literal with a port bracketed (``[::1]:8080``; without one, ``::1``)."""
    parts = urlsplit(redact_url(url))
    try:
        port = parts.port
    except ValueError:
        port = None
    host = parts.hostname or ""
    if port and ":" in host:  # an IPv6 literal: '[::1]:8080', the form 'list --host' splits (review46)
        return f"[{host}]:{port}"
    return host + (f":{port}" if port else "")
