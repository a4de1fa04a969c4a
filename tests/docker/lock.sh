#!/usr/bin/env bash
# Regenerate requirements.lock: the exact versions `pip install .` resolves today
# from PyPI, for the oldest Python the image supports (Debian bookworm's 3.11.2,
# override with LOCK_PYTHON=3.11.x), so one lock fits both the official
# python:3.11-slim base and a plain Debian one. pip runs with only the machine's
# CA settings (no local wheel folders or extra indexes): the lock then names
# only what the image build can fetch.
# Usage: tests/docker/lock.sh   (writes requirements.lock at the project root)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
python_version="${LOCK_PYTHON:-3.11.2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/src" "$work/home"
cp -r "$root/pyproject.toml" "$root/archiver" "$work/src/"
if [ -f "$root/README.md" ]; then cp "$root/README.md" "$work/src/"; else touch "$work/src/README.md"; fi
env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_CONSTRAINT HOME="$work/home" \
  python3 -m pip install -q --dry-run --ignore-installed --only-binary :all: \
    --python-version "$python_version" --target "$work/target" --report "$work/report.json" \
    "$work/src" setuptools
python3 - "$work/report.json" "$python_version" > "$root/requirements.lock" <<'PY'
"""Turn pip's install report into pinned lines: runtime pins, then the build backend."""
import datetime
import json
import sys

report = json.load(open(sys.argv[1]))
pins = {i["metadata"]["name"]: i["metadata"]["version"] for i in report["install"]}
pins.pop("archiver", None)
backend = {"setuptools": pins.pop("setuptools")}
print("# Exact versions for the Docker image (see Dockerfile), made by tests/docker/lock.sh from what")
print(f"# `pip install .` resolved on {datetime.date.today()} for Python {sys.argv[2]} (wheels only).")
print("# Runtime dependencies of archiver:")
for name in sorted(pins, key=str.lower):
    print(f"{name}=={pins[name]}")
print("# Build backend only (pip install --no-build-isolation; removed from the image):")
for name, version in backend.items():
    print(f"{name}=={version}")
PY
echo "wrote $root/requirements.lock"
