#!/usr/bin/env bash
# The whole path, offline: serve the seed fixture pages under their real https names on
# loopback, archive them, extract clean text, and diff it against the supplied stored copies.
# Needs the test extra (pip install '.[test]') and root (to bind port 443 on 127.0.0.x;
# without it the pages are served on a free port that the URLs then carry).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$(mktemp -d)}"
work="$(mktemp -d)"

if ! python3 -c "import archiver, trustme" 2>/dev/null; then
  echo "the offline demo needs archiver and its test extra (trustme makes the local TLS certificates):" >&2
  echo "  python3 -m pip install '$root[test]'   (inside a virtual environment, see the README's Quick start)" >&2
  exit 2
fi
mkdir -p "$out"

python3 "$root/tests/docker/serve.py" --data "$out" --work "$work" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  [ -f "$work/ready" ] && break
  kill -0 $server 2>/dev/null || break  # it stopped: its error is above
  sleep 0.2
done
[ -f "$work/ready" ] || { echo "the fixture server did not start (its error is above)" >&2; exit 1; }

cd "$out"
export ARCHIVER_RESOLVE="$(cat "$work/resolve")" ARCHIVER_CA_BUNDLE="$out/test-ca.pem" ARCHIVER_DELAY=0
status=0
python3 -m archiver run urls.txt || status=$?
echo
echo "WARC files, catalog and clean text are in $out"
shared="$root/../shared/seeds"
if [ -d "$shared" ]; then
  echo "Diff against the supplied stored copies:"
  python3 -m archiver diff clean "$shared/stored" --manifest "$shared/urls.tsv" || status=$?
else
  echo "No stored copies at $shared (they are not part of the repository): the diff step is skipped." >&2
  echo "Compare with copies of your own: archiver diff $out/clean STORED_DIR [--manifest FILE.tsv]" >&2
fi
exit $status
