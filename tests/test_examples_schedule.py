"""The scheduling examples under examples/ (session 37, nu42): the cron line and the systemd service and timer.

Real parts: the crontab's own job line, run by ``/bin/sh`` as cron runs it (its folder made a temporary one, its
``.venv/bin/archiver`` a script running this checkout's archiver, ``logger`` a script appending to a file); rawkit on
127.0.42.4 whose page answers only when the test opens a gate, so that the first run holds both locks (flock's and
archiver's own) while the others start; the units checked by ``systemd-analyze verify`` and their ExecStart run.

Fails on the code before: a second run finding the archive held exited 2 (the usage-error code), and the README's
cron line (``flock -n`` without ``-E``) exited 1, as a failed URL: an overlap was told as a failure.
"""
from __future__ import annotations

import configparser
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from rawkit import RawServer, http_reply
from sitekit import ROOT, archiver_env, run_archiver, write_list
from warckit import catalog_rows

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

EXAMPLES = ROOT / "examples"


def page(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Sched37 " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + "</p></article></body></html>").encode()


def cron_job() -> str:
    """The command of the crontab's job line (its first five fields, the schedule, taken off)."""
    jobs = [line for line in (EXAMPLES / "archiver.crontab").read_text().splitlines()
            if line.strip() and not line.startswith("#") and "=" not in line.split(" ", 1)[0]]
    assert len(jobs) == 1, jobs
    assert "%" not in jobs[0] and not jobs[0].endswith("\\")  # cron: '%' is a line end, no continuation
    return jobs[0].split(None, 5)[5]


def fake_venv(folder: Path) -> None:
    """``folder/.venv/bin/archiver`` running this checkout's archiver; ``folder/bin/logger`` noting its words."""
    (folder / ".venv" / "bin").mkdir(parents=True)
    (folder / "bin").mkdir()
    scripts = {folder / ".venv" / "bin" / "archiver": f'#!/bin/sh\nexec {sys.executable} -m archiver "$@"\n',
               folder / "bin" / "logger": f'#!/bin/sh\necho "$@" >>{folder}/alerts\n'}
    for path, text in scripts.items():
        path.write_text(text)
        path.chmod(path.stat().st_mode | stat.S_IXUSR)


def job(folder: Path, srv: RawServer) -> subprocess.Popen:
    """The crontab's job, started as cron starts it (``/bin/sh -c``), on ``folder`` instead of /srv/news."""
    command = cron_job().replace("/srv/news", str(folder))
    env = archiver_env({"PATH": f"{folder}/bin:/usr/bin:/bin", "ARCHIVER_RESOLVE": srv.resolve,
                        "ARCHIVER_DELAY": "0", "ARCHIVER_TIMEOUT": "120", "ARCHIVER_RETRIES": "0"})
    return subprocess.Popen(["/bin/sh", "-c", command], cwd="/", env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_the_cron_line_tells_an_overlap_apart_from_a_failure(tmp_path):
    """Run 1 (the cron job) holds the archive at its page; run 2, the same job, meets flock's lock: exit 75 and no
    alert. Run 3, archiver started directly with the job's lock free, meets archiver's own lock: exit 75 (it was
    2). Run 1 then ends 0. A list with a failing URL: exit 1 and the alert names it."""
    folder = tmp_path / "news"
    folder.mkdir()
    fake_venv(folder)
    gate = threading.Event()
    srv = RawServer("www.sched37.test", "127.0.42.4")
    srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    srv.route("/slow", lambda r: (gate.wait(120), http_reply(page("slow")))[1])
    srv.route("/quick", lambda r: http_reply(page("quick")))
    with srv:
        write_list(folder / "urls.txt", [srv.url("/slow")])
        first = job(folder, srv)
        try:
            for _ in range(1200):  # the first run is at its page: both locks held
                if any(r.path == "/slow" for r in srv.requests) or first.poll() is not None:
                    break
                threading.Event().wait(0.1)
            assert first.poll() is None, first.communicate()[0]
            second = job(folder, srv)
            assert second.wait(300) == 75, (folder / "archiver.log").read_text()
            write_list(tmp_path / "other.txt", [srv.url("/quick")])
            direct = run_archiver("fetch", tmp_path / "other.txt", "--warcs", folder / "warcs", "--resolve",
                                  srv.resolve, "--delay", "0", "--progress", "never", cwd=folder, timeout=300)
            said = direct.stdout + direct.stderr
            assert direct.returncode == 75, said
            assert "archiver: error: the archive is in use: archiver run pid" in said and "Traceback" not in said
        finally:
            gate.set()
        assert first.wait(300) == 0, (folder / "archiver.log").read_text()
        write_list(folder / "urls.txt", [srv.url("/quick"), srv.url("/missing")])
        failing = job(folder, srv)
        assert failing.wait(300) == 1, (folder / "archiver.log").read_text()
    alerts = (folder / "alerts").read_text().splitlines() if (folder / "alerts").exists() else []
    assert alerts == [f"-t archiver archiver failed: exit 1 (see {folder}/archiver.log)"], alerts
    log = (folder / "archiver.log").read_text()
    assert "Traceback" not in log and "404" in log, log
    assert log.count("skipped (exit 75): another run holds the archive") == 1, log  # the second run, in the log
    rows = catalog_rows(folder / "warcs" / "catalog.sqlite3", "SELECT url, state FROM captures ORDER BY id")
    assert [(r["url"].rsplit("/", 1)[1], r["state"]) for r in rows] == [
        ("slow", "captured"), ("quick", "captured"), ("missing", "failed")], [tuple(r) for r in rows]
    assert [r.path for r in srv.requests].count("/slow") == 1  # the overlapping runs asked nothing


def units(folder: Path) -> list[Path]:
    """The example units with /srv/news made ``folder`` (holding an executable .venv/bin/archiver)."""
    out = []
    for source in sorted((EXAMPLES / "systemd").glob("archiver.*")):
        target = folder / source.name
        target.write_text(source.read_text().replace("/srv/news", str(folder)))
        out.append(target)
    return out


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_the_systemd_units_verify_and_their_success_codes_are_the_overlap_and_the_stop(tmp_path):
    """``systemd-analyze verify`` finds nothing to say of the service and the timer; a misspelt key in a copy is
    found (the check can fail). The service's SuccessExitStatus holds 75 and 130 and not 1 or 2; its ExecStart,
    run in its WorkingDirectory while a run holds the archive, exits 75."""
    folder = tmp_path / "news"
    folder.mkdir()
    fake_venv(folder)
    paths = units(folder)
    assert [p.name for p in paths] == ["archiver.service", "archiver.timer"]
    checked = subprocess.run(["systemd-analyze", "verify", *map(str, paths)], capture_output=True, text=True,
                             timeout=120, env={**os.environ, "SYSTEMD_LOG_COLOR": "0"})
    assert checked.returncode == 0 and not checked.stderr.strip() and not checked.stdout.strip(), checked
    broken = folder / "broken.service"
    broken.write_text(paths[0].read_text().replace("SuccessExitStatus=", "SucessExitStatus="))
    bad = subprocess.run(["systemd-analyze", "verify", str(broken)], capture_output=True, text=True, timeout=120)
    assert "SucessExitStatus" in bad.stderr, bad
    calendar = subprocess.run(["systemd-analyze", "calendar", "*-*-* *:17:00"], capture_output=True, text=True,
                              timeout=60)
    assert calendar.returncode == 0 and ":17:00" in calendar.stdout, calendar

    service = configparser.ConfigParser(interpolation=None, strict=False)
    service.optionxform = str  # type: ignore[assignment,method-assign]
    service.read_string(paths[0].read_text())
    codes = service["Service"]["SuccessExitStatus"].split()
    assert "75" in codes and "130" in codes and "1" not in codes and "2" not in codes, codes
    timer = configparser.ConfigParser(interpolation=None)
    timer.read_string(paths[1].read_text())
    assert timer["Timer"]["OnCalendar"] == "*-*-* *:17:00" and timer["Install"]["WantedBy"] == "timers.target"

    workdir = Path(service["Service"]["WorkingDirectory"])
    command = service["Service"]["ExecStart"].split()
    write_list(workdir / "urls.txt", ["http://www.sched37.test/never"])
    from archiver.archive_lock import archive_lock
    from archiver.config import Settings

    with archive_lock(Settings(warcs=workdir / "warcs")):  # another run, holding the archive
        ran = subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=300, env=archiver_env(),
                             stdin=subprocess.DEVNULL)
    assert str(ran.returncode) in codes and ran.returncode == 75, ran.stdout + ran.stderr
