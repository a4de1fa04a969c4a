#!/usr/bin/env bash
# The whole path, offline: serve the seed fixture pages under their real https names on
# loopback, archive them, extract clean text, and diff it against the supplied stored copies.
# Needs the test extra (pip install -e '.[test]') and root (to bind port 443 on 127.0.0.x;
# without it the pages are served on a free port that the URLs then carry).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$(mktemp -d)}"
work="$(mktemp -d)"
mkdir -p "$out"

python3 "$root/tests/docker/serve.py" --data "$out" --work "$work" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -f "$work/ready" ] && break; sleep 0.2; done
[ -f "$work/ready" ] || { echo "the fixture server did not start" >&2; exit 1; }

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
