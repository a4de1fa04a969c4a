"""The Docker image, built and run with podman by ``tests/docker/run.sh``.

The script needs root, podman and a few minutes (it builds the image and a
Debian base for it), so it runs only when ``ARCHIVER_DOCKER_TESTS=1`` (``.ci/run``
sets it). Its own output says what it checked; the tail is shown on failure.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent / "docker" / "run.sh"


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_image_builds_and_runs_the_job(tmp_path):
    if os.environ.get("ARCHIVER_DOCKER_TESTS") != "1":
        pytest.skip("set ARCHIVER_DOCKER_TESTS=1 to build and run the image with podman (slow, needs root)")
    if os.geteuid() != 0:
        pytest.skip("tests/docker/run.sh needs root (rootful podman, debootstrap)")
    log = tmp_path / "docker-test.log"
    with open(log, "w") as out:
        proc = subprocess.run(["bash", str(SCRIPT)], stdout=out, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, timeout=3300)
    text = log.read_text(errors="replace")
    print("\n".join(line for line in text.splitlines() if line.startswith("docker-test: figure")))
    assert proc.returncode == 0, text[-6000:]
    assert "docker-test: OK" in text.splitlines()[-1], text[-6000:]
