"""Shared fixtures. ``site``: a sitekit.Site of loopback servers, stopped after the test."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # so tests and bench can `import sitekit`

from sitekit import Site


@pytest.fixture
def site(tmp_path):
    """Add hosts with ``site.host(name, https=...)``, routes, then ``site.start()``."""
    s = Site(tmp_path / "site")
    try:
        yield s
    finally:
        s.stop()
