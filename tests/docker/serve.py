"""Serve the seed fixture pages under their original https URLs for the container test.

Each host of ``tests/fixtures/seeds/pages.tsv`` gets a sitekit server on its own
127.0.0.x (from ``--first-address``), on port 443 when it can bind it (as root),
else on a free port that the URLs then carry. A certificate from a throw-away
trustme CA covers each host name. The script writes, then serves until SIGTERM:

- ``DATA/urls.txt``: the URLs as the container will fetch them;
- ``DATA/test-ca.pem``: the CA, for ``ARCHIVER_CA_BUNDLE`` (the data folder is mounted);
- ``WORK/resolve``: the ``ARCHIVER_RESOLVE`` value (comma separated HOST:PORT:ADDRESS);
- ``WORK/expected.tsv``: served URL, expected clean text file (absolute; may be absent);
- ``WORK/hits.log``: one ``host<TAB>path`` line per request, appended as they come;
- ``WORK/ready``: written last, when every server listens.
"""
from __future__ import annotations

import argparse
import csv
import http.server
import shutil
import signal
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

import sitekit  # noqa: E402
from sitekit import Response, Site  # noqa: E402

MANIFEST = ROOT / "tests" / "fixtures" / "seeds" / "pages.tsv"


class _PortServer(sitekit._Server):
    """sitekit's server, on a chosen port instead of a free one."""

    def __init__(self, host: sitekit.HostServer, port: int):
        self.host = host
        self.tls = host.server.tls
        http.server.ThreadingHTTPServer.__init__(self, (host.address, port), sitekit._Handler)


def bind_port(host: sitekit.HostServer, port: int) -> None:
    try:
        server = _PortServer(host, port)
    except OSError:
        return  # not root, or taken: keep the free port, the URL will carry it
    host.server.server_close()
    host.server = server
    host.port = port


def logged(response: Response, log, lock: threading.Lock):
    def handler(req: sitekit.Request) -> Response:
        with lock:
            log.write(f"{req.host}\t{req.path}\n")
            log.flush()
        return response
    return handler


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the folder mounted at /data")
    ap.add_argument("--work", type=Path, required=True, help="the test's own files")
    ap.add_argument("--first-address", type=int, default=221, help="first 127.0.0.x to use")
    args = ap.parse_args()

    with open(MANIFEST, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    site = Site(args.work / "site", first_address=args.first_address)
    log = open(args.work / "hits.log", "a", encoding="utf-8")  # noqa: SIM115 -- held open for the process's lifetime, closed by its owner
    lock = threading.Lock()
    hosts: dict[str, sitekit.HostServer] = {}
    served: list[tuple[str, str]] = []
    for row in rows:
        parts = urlsplit(row["url"])
        host = hosts.get(parts.hostname)
        if host is None:
            host = hosts[parts.hostname] = site.host(parts.hostname, https=parts.scheme == "https")
            bind_port(host, 443 if host.https else 80)
            # robots.txt is logged too, so "nothing fetched" can count every request
            host.route("/robots.txt", logged(Response(404, body="", content_type="text/plain"), log, lock))
        body = (MANIFEST.parent / row["path"]).read_bytes()
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        host.route(target, logged(Response(body=body), log, lock))
        default = 443 if host.https else 80
        netloc = parts.hostname if host.port == default else f"{parts.hostname}:{host.port}"
        url = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
        expected = str((ROOT / row["expected"]).resolve()) if row["expected"] else ""
        served.append((url, expected))

    site.start()
    (args.data / "urls.txt").write_text(
        "# fixture pages, served on loopback under their original names\n"
        + "".join(url + "\n" for url, _ in served), encoding="utf-8")
    shutil.copy(site.ca_file, args.data / "test-ca.pem")
    (args.work / "resolve").write_text(",".join(h.resolve for h in hosts.values()) + "\n")
    (args.work / "expected.tsv").write_text("".join(f"{u}\t{e}\n" for u, e in served), encoding="utf-8")
    (args.work / "ready").write_text(f"{len(served)} pages on {len(hosts)} hosts\n")
    print(f"serve.py: {len(served)} pages on {len(hosts)} hosts: "
          + " ".join(f"{h.name}={h.address}:{h.port}" for h in hosts.values()), flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    site.stop()
    log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
