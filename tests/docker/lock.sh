#!/usr/bin/env bash
# Regenerate requirements.lock: the exact versions `pip install .` resolves today
# from PyPI for this machine's Python 3.11 (the image's 3.11.2 resolves the same:
# no dependency draws a line inside 3.11), wheels preferred; a dependency that
# publishes only a source archive (feedgen) is pinned too and built in the image. pip runs with only the machine's
# CA settings (no local wheel folders or extra indexes): the lock then names
# only what the image build can fetch.
# Usage: tests/docker/lock.sh   (writes requirements.lock at the project root)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/src" "$work/home"
cp -r "$root/pyproject.toml" "$root/archiver" "$work/src/"
if [ -f "$root/README.md" ]; then cp "$root/README.md" "$work/src/"; else touch "$work/src/README.md"; fi
env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_CONSTRAINT HOME="$work/home" \
  python3 -m pip install -q --dry-run --ignore-installed --prefer-binary \
    --target "$work/target" --report "$work/report.json" \
    "$work/src" setuptools
python3 - "$work/report.json" "$(python3 -c 'import platform; print(platform.python_version())')" > "$root/requirements.lock" <<'PY'
"""Turn pip's install report into pinned lines: runtime pins, then the build backend."""
import datetime
import json
import sys

report = json.load(open(sys.argv[1]))
pins = {i["metadata"]["name"]: i["metadata"]["version"] for i in report["install"]}
pins.pop("archiver", None)
backend = {"setuptools": pins.pop("setuptools")}
print("# Exact versions for the Docker image (see Dockerfile), made by tests/docker/lock.sh from what")
print(f"# `pip install .` resolved on {datetime.date.today()} for Python {sys.argv[2]} (wheels preferred).")
print("# Runtime dependencies of archiver:")
for name in sorted(pins, key=str.lower):
    print(f"{name}=={pins[name]}")
print("# Build backend only (pip install --no-build-isolation; removed from the image):")
for name, version in backend.items():
    print(f"{name}=={version}")
PY
echo "wrote $root/requirements.lock"
