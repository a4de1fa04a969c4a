#!/usr/bin/env bash
# Build the Docker image with podman and run it the way a scheduler would.
#
# No Docker engine and no registry here: the base image is made with debootstrap
# from the machine's Debian mirror and imported (cached in $CACHE and in podman's
# store, so later runs skip it). The test then serves the seed fixture pages on
# loopback under their original https names, runs the image as uid 1000 on a
# bind-mounted data folder holding urls.txt, and checks the folder: exit 0, valid
# WARCs, the expected clean texts, files owned by 1000:1000, and a second run
# that fetches nothing. A last run on a list with a bad line and an unreachable
# URL must exit 1 and report both.
#
# Usage (as root): tests/docker/run.sh
#   ARCHIVER_DOCKER_CACHE   cache folder (default /var/tmp/archiver-docker)
#   ARCHIVER_PODMAN_DRIVER  overlay | vfs | auto (default: overlay if it works, else vfs)
#   ARCHIVER_DOCKER_NO_CACHE=1  build the image with --no-cache (a cold build)
#   ARCHIVER_DOCKER_KEEP=1  keep the work folder
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="${ARCHIVER_DOCKER_CACHE:-/var/tmp/archiver-docker}"
image="localhost/archiver:test"
base="localhost/python-base:bookworm"
test_uid=1000
test_gid=1000

say() { printf 'docker-test: %s\n' "$*"; }
die() { printf 'docker-test: FAIL: %s\n' "$*"; exit 1; }
now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }

[ "$(id -u)" = 0 ] || die "run as root (podman is used rootful here)"
mkdir -p "$cache"

# ---- tools
if ! command -v podman >/dev/null || ! command -v debootstrap >/dev/null || [ ! -x /usr/sbin/runc ]; then
  say "installing podman buildah runc debootstrap"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends podman buildah runc debootstrap >/dev/null
fi
python3 -c 'import trustme, warcio' 2>/dev/null || python3 -m pip install -q trustme warcio

# ---- podman: its own store under $cache, so other podman users are not disturbed
podman_for() {  # driver -> the podman command line (as words in $pod)
  pod=(podman --root "$cache/storage-$1" --runroot "$cache/run-$1" --storage-driver="$1"
       --cgroup-manager=cgroupfs --runtime /usr/sbin/runc)
}
limits=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024 --network=host)

# ---- base image: debootstrap from the apt mirror, imported once
mirror="$(grep -hsE '^\s*URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n1 || true)"
[ -n "$mirror" ] || mirror="$(grep -hsE '^\s*deb\s' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
  | awk '{print $2}' | grep -v security | head -n1 || true)"
[ -n "$mirror" ] || die "no Debian mirror found in /etc/apt/sources.list*"
rootfs="$cache/rootfs-bookworm"
make_rootfs() {
  if [ -x "$rootfs/usr/bin/python3" ]; then
    say "base rootfs: cached in $rootfs"
    return
  fi
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=60)' \
    "$mirror/dists/bookworm/Release" || die "Debian mirror $mirror unreachable"
  say "debootstrap bookworm from $mirror"
  local t0; t0="$(now)"
  rm -rf "$rootfs.tmp"
  debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
    bookworm "$rootfs.tmp" "$mirror" > "$cache/debootstrap.log" 2>&1 \
    || { tail -20 "$cache/debootstrap.log"; die "debootstrap failed"; }
  mv "$rootfs.tmp" "$rootfs"
  say "figure: debootstrap ${t0:+$(since "$t0")} s"
}
import_base() {
  if "${pod[@]}" image exists "$base"; then
    return 0
  fi
  make_rootfs
  local t0; t0="$(now)"
  tar -C "$rootfs" --exclude='./var/cache/apt/archives/*.deb' --exclude='./var/lib/apt/lists/*' -c . \
    | "${pod[@]}" import - "$base" >/dev/null 2>"$cache/import.log" || { cat "$cache/import.log"; return 1; }
  say "figure: base image import $(since "$t0") s"
}

driver="${ARCHIVER_PODMAN_DRIVER:-auto}"
if [ "$driver" = auto ]; then
  podman_for overlay
  if import_base 2>"$cache/overlay-probe.log" \
     && "${pod[@]}" run --rm "${limits[@]}" "$base" python3 -c 'import venv' 2>>"$cache/overlay-probe.log"; then
    driver=overlay
  else
    say "overlay storage does not work here ($(tail -n1 "$cache/overlay-probe.log")); using vfs"
    driver=vfs
  fi
fi
podman_for "$driver"
import_base || die "cannot import the base image"
say "podman $("${pod[@]}" --version | awk '{print $3}'), storage driver $driver, base $base"

# ---- the image
pip_conf=/etc/pip.conf
[ -f "$pip_conf" ] || pip_conf=""
build=("${pod[@]}" build "${limits[@]}" -v /etc/ssl/certs:/etc/ssl/certs:ro
       ${pip_conf:+-v "$pip_conf:/etc/pip.conf:ro"} --build-arg "BASE_IMAGE=$base" -t "$image")
[ "${ARCHIVER_DOCKER_NO_CACHE:-0}" = 1 ] && build+=(--no-cache)
say "building $image"
t0="$(now)"
"${build[@]}" "$root" > "$cache/build.log" 2>&1 || { tail -40 "$cache/build.log"; die "image build failed"; }
build_s="$(since "$t0")"
cached_steps="$(grep -c 'Using cache' "$cache/build.log" || true)"
size="$("${pod[@]}" image inspect "$image" --format '{{.Size}}')"
say "figure: image build $build_s s ($cached_steps steps from cache), image size $size bytes ($((size / 1000000)) MB)"
"${pod[@]}" run --rm "${limits[@]}" --entrypoint sh "$image" -c \
  'test ! -e /etc/pip.conf && test ! -e /src && ! command -v pip && id -u && ls -ldn /data' > "$cache/inspect.out" 2>&1 \
  || { cat "$cache/inspect.out"; die "the image holds build-only files (pip.conf, /src or pip)"; }
grep -qx 10001 "$cache/inspect.out" && grep -q ' 10001 10001 .*/data$' "$cache/inspect.out" || die "default user is not 10001: $(cat "$cache/inspect.out")"
ca_sum() { "${pod[@]}" run --rm "${limits[@]}" --entrypoint sha256sum "$1" /etc/ssl/certs/ca-certificates.crt; }
[ "$(ca_sum "$image")" = "$(ca_sum "$base")" ] || die "the image's CA bundle is not the base image's"

# ---- the job, against the fixture pages
work="$(mktemp -d /var/tmp/archiver-docker-test.XXXXXX)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  if [ "${ARCHIVER_DOCKER_KEEP:-0}" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
data="$work/data"
mkdir -p "$data"
python3 "$root/tests/docker/serve.py" --data "$data" --work "$work" > "$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 120); do [ -f "$work/ready" ] && break; kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
[ -f "$work/ready" ] || { cat "$work/serve.log"; die "fixture server did not start"; }
cat "$work/serve.log"
chown -R "$test_uid:$test_gid" "$data"

job() {  # data-folder log-file [podman run options...] -> the job's exit code
  local folder="$1" log="$2"; shift 2
  local rc=0
  timeout 1200 "${pod[@]}" run --rm "${limits[@]}" --user "$test_uid:$test_gid" -v "$folder:/data" \
    -e ARCHIVER_RESOLVE="$(cat "$work/resolve")" -e ARCHIVER_CA_BUNDLE=test-ca.pem \
    -e ARCHIVER_DELAY=0 "$@" "$image" > "$log" 2>&1 || rc=$?
  sed 's/^/  | /' "$log"
  return "$rc"
}
count() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' \
  "$data/warcs/catalog.sqlite3" "$1"; }

say "run 1: docker run --user $test_uid:$test_gid -v DATA:/data (default command: run urls.txt)"
t0="$(now)"
rc=0; job "$data" "$work/run1.log" || rc=$?
say "run 1 exit $rc after $(since "$t0") s"
[ "$rc" = 0 ] || die "run 1 exited $rc, not 0"
python3 "$root/tests/docker/check.py" "$data" "$work" "$test_uid" "$test_gid" || die "run 1 output"

hits1="$(wc -l < "$work/hits.log")"
captured1="$(count "SELECT COUNT(*) FROM captures WHERE state = 'captured'")"
records1="$(count "SELECT COUNT(*) FROM records")"
say "run 2: the same list again"
rc=0; job "$data" "$work/run2.log" || rc=$?
[ "$rc" = 0 ] || die "run 2 exited $rc, not 0"
hits2="$(wc -l < "$work/hits.log")"
captured2="$(count "SELECT COUNT(*) FROM captures WHERE state = 'captured'")"
records2="$(count "SELECT COUNT(*) FROM records")"
[ "$hits2" = "$hits1" ] || die "run 2 sent $((hits2 - hits1)) requests; expected none"
[ "$captured2" = "$captured1" ] && [ "$records2" = "$records1" ] \
  || die "run 2 added captures ($captured1 -> $captured2) or records ($records1 -> $records2)"
python3 "$root/tests/docker/check.py" "$data" "$work" "$test_uid" "$test_gid" || die "run 2 output"
say "run 2: no request sent, $captured2 captures and $records2 records as before"

say "run 3: a list with a bad line and an unreachable URL (JSON log lines)"
bad="$work/bad"
mkdir -p "$bad"
cp "$data/test-ca.pem" "$bad/"
closed_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
good_url="$(grep -v '^#' "$data/urls.txt" | head -n1)"
unreachable="http://127.0.0.1:$closed_port/gone"
printf '# one good URL, one bad line, one unreachable URL\n%s\nthis is not a url\n%s\n' \
  "$good_url" "$unreachable" > "$bad/urls.txt"
chown -R "$test_uid:$test_gid" "$bad"
rc=0; job "$bad" "$work/run3.log" -e ARCHIVER_RETRIES=0 -e ARCHIVER_LOG_FORMAT=json || rc=$?
[ "$rc" = 1 ] || die "run 3 exited $rc, not 1"
python3 - "$work/run3.log" "$unreachable" <<'PY' || die "run 3 did not report both problems"
"""Every stdout line is JSON; the bad line (3) and the unreachable URL are reported."""
import json, sys
events = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.startswith("{")]
bad = [e for e in events if e.get("event") == "bad-line" and e.get("line") == 3]
failed = [e for e in events if e.get("event") == "failed" and sys.argv[2] in e.get("message", "")]
print(f"docker-test: run 3 reported: bad line {bool(bad)}, unreachable URL {bool(failed)}")
sys.exit(0 if bad and failed else 1)
PY

say "figures: image build $build_s s, image size $size bytes, storage driver $driver"
say "OK"
