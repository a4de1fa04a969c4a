"""``examples/offline_demo.sh`` without the test extra: one message with the install command.

Without ``trustme`` (a plain ``pip install .``) the fixture server died with a traceback and
the script waited 20 seconds before 'the fixture server did not start'. The module is hidden
here by a stand-in that refuses to import, ahead of the real one on PYTHONPATH.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sitekit import ROOT, archiver_env


def test_without_the_test_extra_the_demo_says_what_to_install(tmp_path):
    block = tmp_path / "block"
    block.mkdir()
    (block / "trustme.py").write_text("raise ImportError('No module named trustme')\n", encoding="utf-8")
    env = archiver_env()
    env["PYTHONPATH"] = os.pathsep.join([str(block), env["PYTHONPATH"]])
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])  # this python3
    proc = subprocess.run(["bash", str(ROOT / "examples" / "offline_demo.sh"), str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=60, env=env, stdin=subprocess.DEVNULL)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "needs archiver and its test extra" in proc.stderr and "[test]'" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()
