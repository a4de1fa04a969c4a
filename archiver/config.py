"""Every setting in one table: each CLI flag has an ``ARCHIVER_*`` environment twin.

The table is data so the CLI, the Docker docs and the tests all read the same
names and defaults; a flag given on the command line beats its variable, which
beats the default.
"""
from __future__ import annotations

import argparse
import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archiver.selection import parse_host, parse_url

MiB = 1024 * 1024
PATHS = ("warcs", "db", "clean", "ca_bundle")  # options naming a file or folder: never the empty string
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_UNNAMEABLE = re.compile(r"[\x00-\x1f\x7f/\\]")
DB_IN_WARCS = Path("<warcs>/catalog.sqlite3")  # Settings.db's default: the catalog inside the WARC folder


def parse_size(text: str) -> int:
    """Accept ``1000000``, ``50M``, ``1G``, ``512K`` (binary units) as byte counts; ValueError names the text."""
    given = text
    text = str(text).strip().upper().removesuffix("B").removesuffix("I")
    units = {"K": 1024, "M": MiB, "G": 1024 * MiB, "T": 1024 * 1024 * MiB}
    try:
        if text and text[-1] in units:
            return int(float(text[:-1]) * units[text[-1]])  # inf: OverflowError, nan: ValueError
        return int(text)
    except (ValueError, OverflowError):
        raise ValueError(f"not a size (bytes, or a number with K, M, G or T): {given!r}") from None


def text_or_json(command: str, given: str | None, value: str) -> str | None:
    """The usage error for a ``--format`` that ``command`` (list, search, why) cannot write, else None.

    ``given`` is the flag's own value (None when not on the command line); a value that came
    from ``ARCHIVER_FORMAT`` is said to, since that variable serves every command.
    """
    if value in ("text", "json"):
        return None
    source = ("--format" if given is not None else
              "ARCHIVER_FORMAT (it applies to every command: unset it, or give --format text or json here)")
    return f"--format / ARCHIVER_FORMAT for {command} is text or json, not {value!r}, from {source}"


def parse_bool(text: str | bool) -> bool:
    if isinstance(text, bool):
        return text
    value = str(text).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"not a boolean: {text!r}")


@dataclass(frozen=True)
class Option:
    name: str  # attribute name; flag is --name-with-dashes, env is ARCHIVER_NAME
    default: Any
    help: str
    type: Callable[[str], Any] = str
    flag: bool = False  # a switch that takes no value
    repeat: bool = False  # may be given several times (env: comma separated)
    choices: tuple[str, ...] | None = None
    infinite: bool = False  # a float option that may be 'inf' (every other refuses it, and all refuse 'nan')
    cli_name: str | None = None  # the flag, when it is not --NAME (``url`` is history's and why's argument)

    @property
    def cli(self) -> str:
        return self.cli_name or "--" + self.name.replace("_", "-")

    @property
    def env(self) -> str:
        return "ARCHIVER_" + self.name.upper()


OPTIONS: dict[str, Option] = {
    o.name: o
    for o in [
        Option("warcs", "warcs", "folder for WARC files", str),
        Option("db", None, "SQLite catalog (default: <warcs>/catalog.sqlite3)", str),
        Option("clean", "clean", "folder for clean text files", str),
        Option("concurrency", 16, "requests in flight across all hosts", int),
        Option("per_host", 2, "requests in flight to one host", int),
        Option("delay", 1.0, "minimum seconds between request starts to one host", float),
        Option("timeout", 30.0, "connect and read timeout, seconds", float),
        Option("total_timeout", 120.0, "wall-clock limit for one exchange, seconds", float),
        Option("url_timeout", 180.0, "wall-clock limit for one URL in all (robots.txt, redirects, retries), "
                                     "seconds", float),
        Option("retries", 3, "retries on connection errors, timeouts, 429 and 5xx", int),
        Option("retry_after_max", 60.0, "cap on a server's Retry-After, seconds", float),
        Option("host_timeouts", 5, "connect/read timeouts or refused connections in a row after which a host's "
                                   "remaining URLs fail at once for this run (0: never give up on a host)", int),
        Option("max_body", "50M", "body size cap; longer bodies are truncated", parse_size),
        Option("user_agent", None, "User-Agent header (default names archiver and its version)", str),
        Option("private_redirects", "guard", "redirects into a private or loopback network: guard (not from a "
               "more public address, as Chromium's Private Network Access), deny (never) or allow", str,
               choices=("guard", "deny", "allow")),
        Option("ignore_robots", False, "do not obey robots.txt", parse_bool, flag=True),
        Option("crawl_delay_max", 30.0, "cap on a robots.txt Crawl-delay, seconds (never above --total-timeout)",
               float),
        Option("wait_lock", 0.0, "seconds to wait for another run holding the archive's lock "
                                 "(0: exit at once, code 75; 'inf': wait as long as it takes)", float, infinite=True),
        Option("refresh", False, "fetch every URL again, even those already captured", parse_bool, flag=True),
        Option("warc_max_size", "1G", "roll over to a new WARC file past this size", parse_size),
        Option("warc_prefix", "archiver", "prefix of WARC file names", str),
        Option("resolve", [], "HOST:PORT:ADDRESS, connect there for HOST:PORT (as curl)", str, repeat=True),
        Option("ca_bundle", None, "extra trusted CA certificates (PEM)", str),
        Option("http2", True, "offer HTTP/2 on https ('--http2 false' offers HTTP/1.1 alone)", parse_bool),
        Option("jobs", os.cpu_count() or 1, "extraction processes", int),
        Option("extract_timeout", 30.0, "seconds one page may take to extract (0: no limit)", float),
        Option("log_format", "text", "log lines as 'text' or 'json'", str, choices=("text", "json")),
        Option("progress", "auto", "progress bar: auto (on a terminal), always or never", str,
               choices=("auto", "always", "never")),
        Option("ray", None, "Ray cluster address ('auto' for a running local one)", str),
        Option("compare", None, "after the run, diff its clean text against the stored copies in this folder", str),
        Option("manifest", None, "file<TAB>url lines naming the URL of each stored copy "
                                  "(a header line first is optional)", str),
        Option("threshold", 0.5, "least shingle overlap for pairing by content", float),
        Option("format", "text", "report format: text (coloured on a terminal), json or html", str,
               choices=("text", "json", "html")),
        Option("output", None, "write the report to this file (required for html)", str),
        Option("watch", False, "also re-capture URLs already archived when their next check is due", parse_bool,
               flag=True),
        Option("watch_intervals", "6h=15m,2d=1h,14d=1d,7d",
               "re-capture policy: QUIET=INTERVAL steps, then the interval for quieter URLs", str),
        Option("watch_max_age", "30d", "stop watching an article this long after it was published or first seen",
               str),
        Option("watch_backoff", "5m,1d", "FIRST,MAX: a URL whose --watch fetch fails is not fetched again for "
               "FIRST, doubling per failure in a row up to MAX; a success resets it ('off': every run)", str),
        Option("notify", [], "with --watch: apprise URL to send each change to (mailto://, json://, ntfys://, "
               "...)", str, repeat=True),
        Option("notify_digest", False, "one message per run and --notify target listing every change, instead of "
               "one message per change", parse_bool, flag=True),
        Option("replay_url", None, "wayback-style replay prefix (pywb collection URL) for links to captures", str),
        Option("now", None, "pretend the time is this ISO 8601 instant (for tests of the watch schedule)", str),
        Option("new_only", False, "report and count only changes no earlier --new-only run reported",
               parse_bool, flag=True),
        Option("limit", 20, "most search hits to show", int),
        Option("wacz", None, "write the selected captures as a WACZ file here", str),
        Option("list_file", None, "only captures of seeds from this list file (its path, from any folder, or "
               "its bare name)", str),
        Option("host", [], "only captures of this host (a name, Unicode or IDNA: every port; HOST:PORT: that "
               "port)", parse_host,
               repeat=True),
        Option("select_url", [], "only captures of this URL, matched as replay tools key it (SURT: host case, "
               "www., IDN, a default port, %%7E and the order of query fields do not matter; the seed URL or the "
               "page it landed on); a trailing * takes every URL starting so, e.g. 'https://news.example/2026/*'",
               parse_url, repeat=True, cli_name="--url"),
        Option("since", None, "only captures at or after this time (ISO 8601 UTC, e.g. 2026-11-30 or 2026-11-30T08:00, "
               "or a wayback timestamp YYYY[MM[DD[hh[mm[ss]]]]] UTC, e.g. 20261130 or 20261130080000; a short one "
               "means the start of that period)", str),
        Option("until", None, "only captures up to this time (ISO 8601 UTC or a wayback timestamp, e.g. 20261130; "
               "a date, or any short form, includes the whole period it names)", str),
    ]
}


@dataclass
class Settings:
    warcs: Path = Path("warcs")
    db: Path = DB_IN_WARCS  # None works too; __post_init__ makes either <warcs>/catalog.sqlite3
    clean: Path = Path("clean")
    concurrency: int = 16
    per_host: int = 2
    delay: float = 1.0
    timeout: float = 30.0
    total_timeout: float = 120.0
    url_timeout: float = 180.0
    retries: int = 3
    retry_after_max: float = 60.0
    host_timeouts: int = 5
    max_body: int = 50 * MiB
    user_agent: str | None = None
    private_redirects: str = "guard"
    ignore_robots: bool = False
    crawl_delay_max: float = 30.0
    wait_lock: float = 0.0
    refresh: bool = False
    warc_max_size: int = 1024 * MiB
    warc_prefix: str = "archiver"
    resolve: list[str] = field(default_factory=list)
    ca_bundle: Path | None = None
    http2: bool = True
    jobs: int = os.cpu_count() or 1
    extract_timeout: float = 30.0
    log_format: str = "text"
    progress: str = "auto"
    ray: str | None = None
    compare: str | None = None
    manifest: str | None = None
    threshold: float = 0.5
    format: str = "text"
    output: str | None = None
    watch: bool = False
    watch_intervals: str = "6h=15m,2d=1h,14d=1d,7d"
    watch_max_age: str = "30d"
    watch_backoff: str = "5m,1d"
    notify: list[str] = field(default_factory=list)
    notify_digest: bool = False
    replay_url: str | None = None
    now: str | None = None
    new_only: bool = False
    limit: int = 20
    wacz: str | None = None
    list_file: str | None = None
    host: list[str] = field(default_factory=list)
    select_url: list[str] = field(default_factory=list)  # --url of export and search
    since: str | None = None
    until: str | None = None

    def __post_init__(self) -> None:
        self.warcs = Path(self.warcs)
        self.clean = Path(self.clean)
        if self.db is None or self.db == DB_IN_WARCS:
            self.db = self.warcs / "catalog.sqlite3"
        self.db = Path(self.db)
        if self.ca_bundle is not None:
            self.ca_bundle = Path(self.ca_bundle)
        if self.user_agent is None:
            from archiver import __version__

            self.user_agent = f"archiver/{__version__} (+https://pypi.org/project/archiver/)"
        for count in ("concurrency", "per_host", "jobs", "limit", "max_body", "warc_max_size"):
            _check(count, getattr(self, count), at_least=1)  # counts (and sizes) that 0 makes no sense of
        for name in ("timeout", "total_timeout", "url_timeout"):
            _check(name, getattr(self, name), positive=True)
        for name in ("delay", "retries", "host_timeouts", "crawl_delay_max", "wait_lock", "retry_after_max",
                     "extract_timeout"):
            _check(name, getattr(self, name), at_least=0)
        if not self.warc_prefix or _UNNAMEABLE.search(self.warc_prefix):
            raise ValueError(f"--warc-prefix / ARCHIVER_WARC_PREFIX: {self.warc_prefix!r} cannot start a file name "
                             "(empty, or a slash, backslash or control character in it)")
        if _CONTROL.search(self.user_agent or ""):
            raise ValueError(f"--user-agent / ARCHIVER_USER_AGENT: {self.user_agent!r} holds a control character "
                             "(a line break?); a header value cannot")
        replay = urlsplit(self.replay_url or "")
        if self.replay_url and (replay.scheme.lower() not in ("http", "https") or not replay.netloc):  # links broke
            raise ValueError(f"--replay-url / ARCHIVER_REPLAY_URL: not an http(s) URL: {self.replay_url!r} (a replay "
                             "prefix such as http://localhost:8080/news, a pywb collection)")
        if not 0 < self.threshold <= 1:
            raise ValueError(f"--threshold / ARCHIVER_THRESHOLD must be above 0 and at most 1 (got {self.threshold:g})")
        if self.watch or self.now:
            from archiver.watch.clock import parse_time
            from archiver.watch.schedule import policy_from

            for name in ("watch_intervals", "watch_max_age"):  # each alone, so the message names its own flag
                try:
                    policy_from(**{name.removeprefix("watch_"): getattr(self, name)})
                except ValueError as exc:
                    raise ValueError(f"{OPTIONS[name].cli} / {OPTIONS[name].env}: {exc}") from None
            from archiver.watch.backoff import parse_backoff

            try:
                parse_backoff(self.watch_backoff)
            except ValueError as exc:
                raise ValueError(f"--watch-backoff / ARCHIVER_WATCH_BACKOFF: {exc}") from None
            if self.now:
                try:
                    parse_time(self.now)
                except ValueError as exc:
                    raise ValueError(f"--now / ARCHIVER_NOW: {exc} (e.g. 2026-11-30T07:00:00Z)") from None


def _check(name: str, value: float, at_least: float = 0, positive: bool = False) -> None:
    """A bad number named by its flag, its variable and the value given (a flag or the variable may have set it)."""
    opt = OPTIONS[name]
    if positive and value <= 0:
        raise ValueError(f"{opt.cli} / {opt.env} must be above 0 (got {value:g})")
    if value < at_least:
        what = "not be negative" if at_least == 0 else f"be at least {at_least:g}"
        raise ValueError(f"{opt.cli} / {opt.env} must {what} (got {value:g})")


_BOOL_WORDS = {"1", "true", "yes", "on", "0", "false", "no", "off"}


def attach_bool_values(argv: list[str]) -> list[str]:
    """``--http2`` alone before a file (``fetch --http2 urls.txt``) is ``--http2=true``: its optional value
    took the list file, and argparse said "the following arguments are required: LIST" of a LIST given."""
    switches = {opt.cli for opt in OPTIONS.values() if opt.type is parse_bool and not opt.flag}
    out = list(argv)
    for i, token in enumerate(out):
        if token == "--":
            break
        nxt = out[i + 1] if i + 1 < len(out) else None
        if token in switches and nxt is not None and nxt.strip().lower() not in _BOOL_WORDS and os.path.exists(nxt):
            out[i] = token + "=true"  # a file, not a value: 'maybe' is still told as no boolean
    return out


def add_arguments(parser: argparse.ArgumentParser, names: list[str],
                  local: Mapping[str, Option] | None = None) -> None:
    """Add the named options as flags; defaults stay unset so env can fill them.

    ``local`` maps a name to this command's own version of the option (its help, its
    choices, made with :func:`dataclasses.replace` from the table's): ``--format`` and
    ``--output`` mean different things to different commands. The variable is the same.
    """
    for name in names:
        opt = (local or {}).get(name, OPTIONS[name])
        env_note = f" [env {opt.env}]"
        if opt.flag:
            parser.add_argument(opt.cli, dest=name, action="store_const", const=True,
                                default=None, help=opt.help + env_note)
            # the way back, for a switch its variable turned on: a flag beats its variable, in both directions
            parser.add_argument("--no-" + opt.cli[2:], dest=name, action="store_const", const=False,
                                default=None, help=f"{opt.cli} off, whatever {opt.env} says")
        elif opt.repeat:
            parser.add_argument(opt.cli, dest=name, action="append", default=None,
                                metavar=opt.cli[2:].upper().replace("-", "_"),
                                help=f"{opt.help}; repeatable [env {opt.env}, comma separated]")
        elif opt.type is parse_bool:  # a switch that is on by default: '--http2 false'; '--http2' alone is on
            parser.add_argument(opt.cli, dest=name, default=None, nargs="?", const="true", metavar="true|false",
                                help=f"{opt.help} (default: {str(opt.default).lower()}){env_note}")
        else:
            shown = "" if opt.default is None or "default" in opt.help else f" (default: {opt.default})"
            parser.add_argument(opt.cli, dest=name, default=None, choices=opt.choices,
                                help=f"{opt.help}{shown}{env_note}")


def settings_from(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> Settings:
    """Merge flags, then ``ARCHIVER_*`` variables, then defaults into one Settings."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    known = {f.name for f in fields(Settings)}
    for name, opt in OPTIONS.items():
        raw = getattr(args, name, None)
        if raw is None and opt.env in environ:
            raw = environ[opt.env]
            if opt.repeat:
                raw = [part.strip() for part in raw.split(",") if part.strip()]
        if raw is None:
            raw = opt.default
        if raw is None or name not in known:
            continue
        # ARCHIVER_WARCS= would put the archive in the current folder; ARCHIVER_USER_AGENT= (an env file's
        # placeholder) sent every request an empty User-Agent, which sites refuse as a bot's
        if raw == "" and (name in PATHS or name == "user_agent"):
            raise ValueError(f"{opt.cli} / {opt.env}: empty (unset it for the default)")
        if opt.choices and raw not in opt.choices:
            raise ValueError(f"{opt.cli} / {opt.env}: {raw!r} is not one of {', '.join(opt.choices)}")
        try:
            if opt.repeat:
                values[name] = [_convert(opt, v) for v in raw]
            else:
                values[name] = _convert(opt, raw) if isinstance(raw, str) else raw
        except ValueError as exc:
            raise ValueError(f"{opt.cli} / {opt.env}: {exc}") from None
    return Settings(**values)


def _convert(opt: Option, text: str) -> Any:
    """``opt.type(text)``; a number that is not one is said in the user's terms, not Python's."""
    try:
        value = opt.type(text)
    except ValueError:
        if opt.type is float:
            raise ValueError(f"not a number: {text!r}") from None
        if opt.type is int:
            raise ValueError(f"not a whole number: {text!r}") from None
        raise
    if opt.type is float and (math.isnan(value) or (math.isinf(value) and not opt.infinite)):
        raise ValueError(f"not a finite number: {text!r}")  # 'nan' (every deadline fails), 'inf' (a delay never ends)
    return value


def misspelt_variables(environ: Mapping[str, str] | None = None) -> list[str]:
    """A warning for each ``ARCHIVER_*`` variable that is no setting but is near one's name.

    Near: the names after ``ARCHIVER_`` are alike (difflib ratio 0.8 or more), or one is
    the other plus ``_SOMETHING`` (``ARCHIVER_CLEAN_DIR``). Variables far from every
    setting (the tests' ``ARCHIVER_TEST_CACHE``, other tools') are not mentioned.
    """
    environ = os.environ if environ is None else environ
    known = {opt.env.removeprefix("ARCHIVER_"): opt.env for opt in OPTIONS.values()}
    warnings = []
    for name in sorted(environ):
        rest = name.removeprefix("ARCHIVER_")
        if rest == name or rest in known:
            continue
        import difflib  # only for a variable that is no setting (start-up reads every run's environment)

        near = difflib.get_close_matches(rest, known, n=1, cutoff=0.8)
        near = near or sorted(k for k in known if k.startswith(rest + "_") or rest.startswith(k + "_"))
        if near:
            warnings.append(f"{name} is not a setting (did you mean {known[near[0]]}?)")
    return warnings
