"""Import speed: ``archiver import`` beside ``cdxj-indexer`` over the same 10,000-record WARCs, in one run.

The script writes WARC files with warcio's writer (``--records`` response
records, default 10,000, each followed by its request record as crawlers write
them, gzip per record, ``--files`` files), HTML bodies of 5-40 KB. Then, for
``--rounds`` rounds (interleaved, median reported):

- archiver: ``python -m archiver import FILES --warcs FRESH`` into a new catalog
  (one capture row and one record row per response; what ``archiver extract``
  and ``archiver export`` need);
- peer: ``cdxj-indexer FILES -o OUT`` (Webrecorder's reference CDXJ indexer,
  what pywb and py-wacz run): one index line per response.

Both are whole processes, start-up included, timed wall clock and CPU
(user + system, from ``wait4``). After each archiver run the script checks the
catalog holds exactly ``--records`` captures, and that cdxj-indexer's output has
``--records`` lines, so neither can win by dropping records. Rates are capture
records (responses) per second; the request records are read by both and
counted in neither.

    python bench/import_speed.py                  # 10,000 records, 3 rounds
    python bench/import_speed.py --records 2000 --rounds 1   # a quick run
"""
from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("harbour council budget bridge river otter ferry market square report committee findings "
         "officials repairs district members week volunteers survey spring water").split()


def page(rng: random.Random, n: int) -> bytes:
    paras = "".join("<p>" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120))) + ".</p>"
                    for _ in range(rng.randint(5, 30)))
    return (f"<!doctype html><html><head><title>Page {n}</title></head><body><nav>Home | News</nav>"
            f"<article><h1>Page {n}</h1>{paras}</article><footer>(c) example</footer></body></html>").encode()


def write_warcs(folder: Path, records: int, files: int, seed: int = 13) -> list[Path]:
    """``records`` response+request pairs spread over ``files`` gzip-per-record WARC files."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    paths = []
    per_file = -(-records // files)
    n = 0
    for f in range(files):
        path = folder / f"bench-{f:03d}.warc.gz"
        with open(path, "wb") as fh:
            writer = WARCWriter(fh, gzip=True, warc_version="1.1")
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "bench/import_speed.py"}))
            for _ in range(min(per_file, records - n)):
                url = f"http://www.site{n % 50:02d}.test/articles/{n}"
                body = page(rng, n)
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                   ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
                date = f"2026-11-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:{(n // 60) % 60:02d}Z"
                resp = writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                                 http_headers=http, warc_headers_dict={"WARC-Date": date})
                writer.write_record(resp)
                req = writer.create_warc_record(url, "request", http_headers=StatusAndHeaders(
                    f"GET /articles/{n} HTTP/1.1", [("Host", f"www.site{n % 50:02d}.test")], is_http_request=True),
                    warc_headers_dict={"WARC-Date": date,
                                       "WARC-Concurrent-To": resp.rec_headers.get_header("WARC-Record-ID")})
                writer.write_record(req)
                n += 1
        paths.append(path)
    return paths


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one process; raises if it fails."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env = {k: v for k, v in env.items() if not k.startswith("ARCHIVER_")}
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{cmd[:4]} failed: {err[-1000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def cdxj_indexer() -> list[str]:
    tool = shutil.which("cdxj-indexer")
    return [tool] if tool else [sys.executable, "-m", "cdxj_indexer.main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="import-speed-") as tmp:
        work = Path(tmp)
        paths = write_warcs(work, args.records, args.files)
        size = sum(p.stat().st_size for p in paths)
        print(f"{args.records} response records (+ as many request records) in {len(paths)} files, "
              f"{size / 1e6:.1f} MB gzipped")
        results: dict[str, list[tuple[float, float]]] = {"archiver import": [], "cdxj-indexer": []}
        for r in range(args.rounds):
            folder = work / f"warcs-{r}"
            results["archiver import"].append(timed(
                [sys.executable, "-m", "archiver", "import", *map(str, paths), "--warcs", str(folder)], work))
            conn = sqlite3.connect(folder / "catalog.sqlite3")
            got = conn.execute("SELECT COUNT(*) FROM captures").fetchone()[0]
            conn.close()
            if got != args.records:
                print(f"archiver import stored {got} captures, not {args.records}")
                return 1
            out = work / f"index-{r}.cdxj"
            results["cdxj-indexer"].append(timed([*cdxj_indexer(), *map(str, paths), "-o", str(out)], work))
            with open(out, encoding="utf-8") as fh:
                lines = sum(1 for _ in fh)
            if lines != args.records:
                print(f"cdxj-indexer wrote {lines} lines, not {args.records}")
                return 1
        print(f"{'':18} {'records/s':>10} {'wall s':>8} {'CPU s':>7} {'CPU ms/record':>14}   (median of {args.rounds})")
        rates = {}
        for name, runs in results.items():
            wall = statistics.median(w for w, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            rates[name] = args.records / wall
            print(f"{name:18} {rates[name]:10,.0f} {wall:8.2f} {cpu:7.2f} {1000 * cpu / args.records:14.3f}")
        print(f"archiver import / cdxj-indexer: {rates['archiver import'] / rates['cdxj-indexer']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
