"""Files written by atomic replace (warcs/index.cdxj, clean text and sidecars) get the mode an ordinary
new file gets, ``0o666 & ~umask``, like the WARC files beside them (mkstemp alone gives 0600)."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from archivekit import article, paras
from sitekit import Response, Site, archiver_env, write_list


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_index_and_clean_files_get_the_umask_mode(site: Site, tmp_path: Path, mask: int):
    host = site.host("www.example-news.test")
    for i in range(3):
        host.route(f"/story/{i}", Response(body=article(f"Story {i}", paras(f"Story{i}"))))
    site.start()
    lst = write_list(tmp_path / "urls.txt", [host.url(f"/story/{i}") for i in range(3)])
    done = subprocess.run([sys.executable, "-m", "archiver", "run", str(lst), "--warcs", str(tmp_path / "warcs"),
                           "--clean", str(tmp_path / "clean"), "--delay", "0", "--progress", "never",
                           *site.client_flags()], cwd=tmp_path, env=archiver_env(), capture_output=True, text=True,
                          timeout=300, preexec_fn=lambda: os.umask(mask))
    assert done.returncode == 0, done.stderr
    expected = 0o666 & ~mask
    warcs = list((tmp_path / "warcs").glob("*.warc.gz"))
    assert warcs and all(_mode(w) == expected for w in warcs), [oct(_mode(w)) for w in warcs]
    assert oct(_mode(tmp_path / "warcs" / "index.cdxj")) == oct(expected)
    clean = [p for p in (tmp_path / "clean").rglob("*") if p.is_file() and p.suffix in (".txt", ".json")]
    assert clean
    assert {oct(_mode(p)) for p in clean} == {oct(expected)}
