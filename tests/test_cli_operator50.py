"""An operator's pass, session 50 (nu50): archiver as a scheduled container job for a newsroom, and a
journalist's "why did this word disappear?", against real servers on loopback (127.0.50.x).

- ``archiver why URL WORDS`` for words an edit took out of the article printed "not on the page: in
  neither the article nor the account" first and only then the ``earlier:`` line naming the capture
  that still had them: a journalist read "not on the page" as "it never was". The answer now says
  first where the words went (taken out of the article by an edit, the earlier capture that had
  them), then what the latest capture's page holds.
- A bad ARCHIVER_RESOLVE or ARCHIVER_RAY was refused without naming the variable (``--ray auto`` with no
  cluster quoted Ray's advice to set *its* ``--address`` flag); a missing ARCHIVER_COMPARE folder was said
  after the whole run; an empty ARCHIVER_USER_AGENT was taken as an empty header.
- A damaged catalog's error ran over three or more lines (SQLite's integrity report); now one line.
- The summary of a run a full disk stopped did not say how many URLs of the list it left.
"""
from __future__ import annotations

from pathlib import Path

from sitekit import Response, Site, run_archiver
from watchkit import Watcher, furniture_page

ADDRESS = "127.0.50.101"


def test_why_says_first_that_an_edit_took_the_words_out(tmp_path):
    site = Site(tmp_path / "site")
    news = site.host("www.harbour-gazette.test", address=ADDRESS)
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit >= 2)))
    site.start()
    try:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"))
        watcher.run()
        watcher.run()
        where = ["--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean"]
        proc = run_archiver("why", news.url("/city/bridge"), "48 million euros", *where, cwd=tmp_path)
        assert proc.returncode == 1, proc.stdout + proc.stderr  # the exit status answers for the latest capture
        lines = proc.stdout.splitlines()
        assert lines[1] == "'48 million euros': taken out of the article by an edit", proc.stdout
        assert lines[2].startswith("  earlier: in the article of capture 1 at"), proc.stdout
        assert lines[3].startswith("  not on the page now:"), proc.stdout
        # words the edit did not touch: the plain answer, no edit named
        proc = run_archiver("why", news.url("/city/bridge"), "61 million euros", *where, cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "edit" not in proc.stdout and "earlier" not in proc.stdout, proc.stdout
    finally:
        site.stop()


def test_bad_resolve_ray_and_compare_variables_are_named_before_any_fetch(tmp_path):
    """A bad ARCHIVER_RESOLVE or ARCHIVER_RAY was refused without naming the variable (a container job's
    operator, setting them in an env file, looked for a --resolve flag nobody gave), and a missing
    ARCHIVER_COMPARE / ARCHIVER_MANIFEST folder was said, unnamed, only after the whole run had fetched. An
    empty ARCHIVER_USER_AGENT (an env file's placeholder) sent every request an empty User-Agent."""
    site = Site(tmp_path / "site")
    news = site.host("www.harbour-gazette.test", address="127.0.50.102")
    news.route("/a", lambda req: Response(body="<html><body><p>A page.</p></body></html>"))
    site.start()
    try:
        (tmp_path / "urls.txt").write_text(news.url("/a") + "\n")
        (tmp_path / "copies").mkdir()
        cases = [({"ARCHIVER_RESOLVE": "www.harbour-gazette.test:80"}, "--resolve / ARCHIVER_RESOLVE: "),
                 ({"ARCHIVER_RAY": "127.0.50.103:9"}, "--ray / ARCHIVER_RAY: no Ray cluster answers"),
                 ({"ARCHIVER_USER_AGENT": ""}, "--user-agent / ARCHIVER_USER_AGENT: empty (unset it"),
                 ({"ARCHIVER_COMPARE": str(tmp_path / "nowhere")}, "--compare / ARCHIVER_COMPARE: no such"),
                 ({"ARCHIVER_COMPARE": "copies", "ARCHIVER_MANIFEST": "missing.tsv"},
                  "--manifest / ARCHIVER_MANIFEST: no such file or folder: missing.tsv")]
        if not Path("/tmp/ray/ray_current_cluster").exists():  # else 'auto' joins the cluster running here
            cases.append(({"ARCHIVER_RAY": "auto"}, "--ray / ARCHIVER_RAY: auto: no Ray cluster runs on this machine"))
        for env, said in cases:
            flags = [] if "ARCHIVER_RESOLVE" in env else site.resolve_flags()  # a flag would beat the variable
            proc = run_archiver("run", "urls.txt", *flags, cwd=tmp_path, env=env)
            assert proc.returncode == 2, (env, proc.stdout, proc.stderr)
            assert said in proc.stderr and "Traceback" not in proc.stderr, (env, proc.stderr)
            assert site.hits_to("www.harbour-gazette.test") == 0, env  # refused before anything was fetched
    finally:
        site.stop()


def test_a_damaged_catalog_is_said_in_one_line_with_its_remedy(tmp_path):
    """A catalog damaged inside its pages was refused with SQLite's integrity report as it comes ("*** in
    database main ***", then a line per page): one error over three or more lines, which ``logger`` in the
    README's cron line and a log shipper took as separate events, the remedy on the last alone."""
    site = Site(tmp_path / "site")
    news = site.host("www.harbour-gazette.test", address="127.0.50.104")
    for i in range(30):
        news.route(f"/s/{i}", lambda req: Response(body="<html><body><article>" + "".join(
            f"<p>Paragraph {n} of the story at {req.path}, with enough words to be an article.</p>" for n in range(6))
            + "</article></body></html>"))
    site.start()
    try:
        (tmp_path / "urls.txt").write_text("".join(news.url(f"/s/{i}") + "\n" for i in range(30)))
        proc = run_archiver("run", "urls.txt", *site.resolve_flags(), "--delay", "0", "--jobs", "1", cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    finally:
        site.stop()
    db = tmp_path / "warcs" / "catalog.sqlite3"
    with open(db, "r+b") as f:  # past the header page: the file opens, its tables' pages are garbage
        f.seek(4096 * 2)
        f.write(b"\xde\xad" * 3000)
    for command in (["list"], ["why", news.url("/s/0"), "Paragraph"], ["run", "urls.txt"]):
        proc = run_archiver(*command, cwd=tmp_path)
        assert proc.returncode == 2, (command, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stderr, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "is damaged" in lines[0] and "'archiver reindex'" in lines[0], proc.stderr


def test_a_run_a_full_disk_stopped_says_how_many_urls_it_left(tmp_path):
    """The summary of a run a full disk (here a file-size limit, told the same way) stopped said "6 captured
    ... stopped: disk full" and nothing of the 34 URLs of the list it never reached; an interrupted run's says
    "28 URLs not fetched". The count is now on the line, and the rerun fetches exactly those."""
    import base64
    import os
    import resource
    import subprocess
    import sys

    from sitekit import archiver_env

    pages = {f"/p{i}": base64.b64encode(os.urandom(150_000)).decode() for i in range(10)}  # incompressible
    site = Site(tmp_path / "site")
    news = site.host("www.harbour-gazette.test", address="127.0.50.105")
    for path, data in pages.items():
        news.route(path, lambda req, data=data: Response(body=f"<html><body><p>{data}</p></body></html>"))
    site.start()
    try:
        (tmp_path / "urls.txt").write_text("".join(news.url(p) + "\n" for p in pages))
        args = ["fetch", "urls.txt", *site.resolve_flags(), "--delay", "0", "--per-host", "1", "--progress", "never"]
        done = subprocess.run([sys.executable, "-m", "archiver", *args], cwd=tmp_path, env=archiver_env(),
                              capture_output=True, text=True, timeout=300,
                              preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000)))
        assert done.returncode == 1, done.stdout + done.stderr
        head = next(line for line in done.stdout.splitlines() if line.startswith("summary:"))
        captured = int(head.split()[1])
        assert 0 < captured < 10, head
        left = 10 - captured
        assert f"stopped: file size limit; {left} URL{'s' if left > 1 else ''} not fetched" in head, head
        site.reset_counts()
        again = run_archiver(*args, cwd=tmp_path)
        assert again.returncode == 0, again.stdout + again.stderr
        assert f"summary: {10 - captured} captured" in again.stdout, again.stdout
    finally:
        site.stop()


def test_an_interrupted_extraction_says_how_far_it_got(tmp_path):
    """SIGTERM during the extraction (a container stopped, a Job past its deadline) ended with the bare
    ``archiver: interrupted``: the operator could not tell whether the captured pages were lost or would be
    extracted. The extraction now says how far it got and that the next run extracts the rest."""
    import signal
    import time

    from sitekit import start_archiver

    body = "<html><body><article>" + "".join(
        f"<p>Paragraph {n} of a very long story about the harbour, with enough words to be an article.</p>"
        for n in range(40_000)) + "</article></body></html>"  # ~4 MB: seconds to extract
    site = Site(tmp_path / "site")
    news = site.host("www.harbour-gazette.test", address="127.0.50.106")
    for i in range(3):
        news.route(f"/long/{i}", lambda req: Response(body=body))
    site.start()
    try:
        (tmp_path / "urls.txt").write_text("".join(news.url(f"/long/{i}") + "\n" for i in range(3)))
        proc = run_archiver("fetch", "urls.txt", *site.resolve_flags(), "--delay", "0", cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    finally:
        site.stop()
    job = start_archiver("extract", "--jobs", "1", "--extract-timeout", "0", output=tmp_path / "extract.log", cwd=tmp_path)
    time.sleep(3)
    job.send_signal(signal.SIGTERM)
    assert job.wait(120) == 130, (tmp_path / "extract.log").read_text()
    text = (tmp_path / "extract.log").read_text()
    assert "extract: interrupted " in text and "of 3 captures" in text, text
    assert "the next run, or 'archiver extract', extracts the rest" in text, text
    assert text.strip().splitlines()[-1] == "archiver: interrupted", text
    again = run_archiver("extract", "--jobs", "1", "--extract-timeout", "0", cwd=tmp_path, timeout=600)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "0 failed" in again.stdout, again.stdout
