"""A reader that goes away (``archiver run urls.txt | head -5``) does not stop the work: every URL
is still fetched and extracted, exit code as usual, no BrokenPipeError traceback.

The pipe's read end is closed at once, so the command's very first line meets a
closed pipe (Python ignores SIGPIPE: the write raises BrokenPipeError).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from archivekit import article, paras, rows
from sitekit import Response, Site, archiver_env, write_list

PAGES = 12


def _run_with_closed_stdout(*args: str, cwd: Path) -> tuple[int, str]:
    proc = subprocess.Popen([sys.executable, "-m", "archiver", *map(str, args)], cwd=cwd, env=archiver_env(),
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line
    err = proc.stderr.read().decode("utf-8", "replace")
    return proc.wait(timeout=300), err


def test_run_into_closed_pipe_fetches_and_extracts_everything(site: Site, tmp_path: Path):
    host = site.host("www.example-news.test")
    for i in range(PAGES):
        host.route(f"/story/{i}", Response(body=article(f"Harbour story {i}", paras(f"Quayside{i}"))))
    site.start()
    lst = write_list(tmp_path / "urls.txt", [host.url(f"/story/{i}") for i in range(PAGES)])
    code, err = _run_with_closed_stdout("run", lst, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                                        "--delay", "0", "--progress", "never", *site.client_flags(), cwd=tmp_path)
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert code == 0, err
    db = tmp_path / "warcs" / "catalog.sqlite3"
    assert rows(db, "SELECT COUNT(*) FROM captures WHERE state = 'captured'") == [(PAGES,)]
    assert rows(db, "SELECT COUNT(*) FROM extractions WHERE error IS NULL") == [(PAGES,)]

    code, err = _run_with_closed_stdout("search", "harbour", "--format", "json", "--warcs", tmp_path / "warcs",
                                        cwd=tmp_path)
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err
    assert code == 0, err
