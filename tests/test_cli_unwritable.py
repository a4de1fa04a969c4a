"""A WARC folder or --db the archive may not write to (read-only mount, ``chattr +i``): every command
says which path and what to do, exits 2, no traceback; a list file that is readable is never blamed.

``chattr +i`` stands in for a read-only file system (root ignores permission bits,
not the immutable flag); the test skips where chattr does not work.
"""
from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from archivekit import article, paras
from sitekit import Response, Site, run_archiver, write_list


@contextmanager
def immutable(folder: Path) -> Iterator[None]:
    if shutil.which("chattr") is None:
        pytest.skip("no chattr")
    made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"chattr +i does not work here: {made.stderr!r}")
    try:
        probe = folder / ".probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip("an immutable folder is still writable here")
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[tuple[Path, Site, Path]]:
    site = Site(tmp_path / "site")
    host = site.host("www.example-news.test")
    for i in range(3):
        host.route(f"/story/{i}", Response(body=article(f"Story {i}", paras(f"Story{i}"))))
    site.start()
    try:
        lst = write_list(tmp_path / "urls.txt", [host.url(f"/story/{i}") for i in range(3)])
        done = run_archiver("fetch", str(lst), "--warcs", tmp_path / "warcs", "--delay", "0", "--progress", "never",
                            *site.client_flags(), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        yield tmp_path, site, lst
    finally:
        site.stop()


def _check(done: subprocess.CompletedProcess, path: Path) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    assert "list file" not in done.stderr, done.stderr
    assert f"cannot write {path}" in done.stderr, done.stderr
    assert "writable" in done.stderr, done.stderr


@pytest.mark.parametrize("command", ["fetch", "run"])
def test_new_warc_folder_unwritable_is_named_not_the_list(archive, command: str):
    root, site, lst = archive
    (root / "X" / "warcs").mkdir(parents=True)
    with immutable(root / "X" / "warcs"):
        done = run_archiver(command, str(lst), "--warcs", root / "X" / "warcs", "--progress", "never",
                            *site.client_flags(), cwd=root)
    _check(done, (root / "X" / "warcs").resolve())


@pytest.mark.parametrize("command", ["fetch", "run", "extract", "import"])
def test_archive_folder_made_read_only(archive, command: str):
    root, site, lst = archive
    extra = {"fetch": [str(lst), "--refresh", *site.client_flags()], "run": [str(lst), "--refresh", *site.client_flags()],
             "extract": ["--all", "--clean", str(root / "clean"), "--progress", "never"],
             "import": [str(next((root / "warcs").glob("*.warc.gz")))]}[command]
    with immutable(root / "warcs"):
        done = run_archiver(command, *extra, "--warcs", root / "warcs", cwd=root)
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    assert "cannot write" in done.stderr and str(root / "warcs") in done.stderr, done.stderr


def test_db_in_read_only_folder(archive):
    root, site, lst = archive
    (root / "dbs").mkdir()
    with immutable(root / "dbs"):
        done = run_archiver("fetch", str(lst), "--warcs", root / "w2", "--db", root / "dbs" / "cat.sqlite3",
                            "--progress", "never", *site.client_flags(), cwd=root)
    _check(done, (root / "dbs").resolve())


@pytest.mark.parametrize("command", ["run", "extract"])
def test_clean_folder_unwritable_is_one_usage_error_before_any_work(archive, command: str):
    """An unwritable --clean was found only page by page: ``run`` fetched the whole list, then every
    page failed with 'cannot write clean files', exit 1. Now: one message naming --clean, exit 2,
    nothing fetched or extracted."""
    root, site, lst = archive
    (root / "ro").mkdir()
    warcs_before = sorted(p.name for p in (root / "warcs").glob("*.warc.gz"))
    args = {"run": [str(lst), "--refresh", *site.client_flags()], "extract": ["--all"]}[command]
    with immutable(root / "ro"):
        done = run_archiver(command, *args, "--warcs", root / "warcs", "--clean", root / "ro" / "clean",
                            "--progress", "never", cwd=root)
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    assert f"cannot write the clean folder {root / 'ro' / 'clean'}" in done.stderr, done.stderr
    assert "--clean (ARCHIVER_CLEAN)" in done.stderr, done.stderr
    assert "captured" not in done.stdout and "extract failed" not in done.stdout, done.stdout
    assert sorted(p.name for p in (root / "warcs").glob("*.warc.gz")) == warcs_before  # no WARC written
