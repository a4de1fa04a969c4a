"""Assertions on what the container left in the mounted data folder (run on the host).

Usage: check.py DATA WORK UID GID  -> prints what it checked, exits 1 on the first failure.

- every file and folder the job wrote (warcs/, clean/) belongs to UID:GID;
- no WARC is left half-written (``.open``) and each one passes ``warcio check``;
- every URL of WORK/expected.tsv was captured, and its clean text (found by the
  ``url`` of the sidecar JSON) equals the expected file after trailing whitespace
  is normalised; expected files under ../shared are skipped when it is absent.
"""
from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from pathlib import Path


def normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines()) + "\n"


def fail(message: str) -> None:
    print(f"check.py: FAIL: {message}", flush=True)
    sys.exit(1)


def check_owner(data: Path, uid: int, gid: int) -> int:
    count = 0
    for top in ("warcs", "clean"):
        if not (data / top).is_dir():
            fail(f"{top}/ missing in the data folder")
        for path in [data / top, *(data / top).rglob("*")]:
            st = path.lstat()
            if (st.st_uid, st.st_gid) != (uid, gid):
                fail(f"{path} belongs to {st.st_uid}:{st.st_gid}, not {uid}:{gid}")
            count += 1
    print(f"check.py: {count} files and folders under warcs/ and clean/ belong to {uid}:{gid}")
    return count


def check_warcs(data: Path) -> None:
    opened = list((data / "warcs").glob("*.open"))
    if opened:
        fail(f"WARCs left open: {opened}")
    warcs = sorted((data / "warcs").glob("*.warc.gz"))
    if not warcs:
        fail("no WARC files written")
    proc = subprocess.run(["warcio", "check", "-v", *map(str, warcs)], capture_output=True, text=True)
    if proc.returncode != 0:
        fail(f"warcio check failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    print(f"check.py: warcio check passed for {len(warcs)} WARC files")


def check_texts(data: Path, work: Path) -> None:
    with open(work / "expected.tsv", newline="", encoding="utf-8") as fh:
        expected = {row[0]: row[1] for row in csv.reader(fh, delimiter="\t")}
    db = data / "warcs" / "catalog.sqlite3"
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        captured = {url for (url,) in conn.execute("SELECT url FROM captures WHERE state = 'captured'")}
    finally:
        conn.close()
    missing = sorted(set(expected) - captured)
    if missing:
        fail(f"not captured: {missing}")
    texts: dict[str, Path] = {}
    for sidecar in (data / "clean").glob("*/*.json"):  # not .versions/: older copies
        url = json.loads(sidecar.read_text(encoding="utf-8")).get("url")
        texts[url] = sidecar.with_suffix(".txt")
    compared = skipped = 0
    for url, want in expected.items():
        if url not in texts or not texts[url].exists():
            fail(f"no clean text for {url}")
        if not want:
            continue
        if not Path(want).exists():
            if "shared" in Path(want).parts:
                skipped += 1
                continue
            fail(f"expected file {want} missing")
        got = normalise(texts[url].read_text(encoding="utf-8"))
        if got != normalise(Path(want).read_text(encoding="utf-8")):
            fail(f"clean text of {url} ({texts[url]}) differs from {want}")
        compared += 1
    print(f"check.py: {len(captured)} URLs captured; {compared} clean texts equal their expected files"
          + (f" ({skipped} skipped: ../shared is absent)" if skipped else ""))


def main() -> int:
    data, work = Path(sys.argv[1]), Path(sys.argv[2])
    uid, gid = int(sys.argv[3]), int(sys.argv[4])
    check_owner(data, uid, gid)
    check_warcs(data)
    check_texts(data, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
