"""Hostile input, round 41 (session 46, host49): command-line words that are not UTF-8, a ``--db`` that names a
folder, a ``--wacz`` that names a folder.

A byte that is not UTF-8 in an argument (a Latin-1 ``é`` typed in a Latin-1 terminal, a list file named so)
reaches Python as a lone surrogate: ``history`` and ``list --host`` failed with a traceback, ``fetch`` of such a
list file and ``export --wacz`` to such a name with the codec's words alone. A ``--db`` naming a folder was "damaged"
with ``reindex`` as its remedy, and ``reindex`` moved the folder aside. ``export --wacz`` onto a folder did the
whole export, then a traceback. Real parts: a rawkit server on 127.0.41.2, ``archiver`` as a subprocess (its
arguments given as bytes), the real catalog and WARC files; the switch-off twins run ``archiver.cli.main``
in-process with the switch off.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rawkit import RawServer, fetch_and_extract, http_reply
from sitekit import archiver_env, run_archiver, write_list
from warckit import assert_archive_sound

PAGE = ("<!doctype html><html><head><title>Quay</title></head><body><article><h1>Quay</h1><p>"
        + "The quay story has words that a reader keeps, from the harbour wall. " * 20 + "</p></article></body></html>")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli41")
    srv = RawServer("www.round41.test", "127.0.41.2")
    done = fetch_and_extract(root, srv, {"/quay": lambda r: http_reply(PAGE)}, ["/quay"])
    assert done["code"] == 0 and done["extract_code"] == 0, done["out"]
    return root


def run_bytes(*args: bytes | str | Path, cwd: Path, env: dict[str, str] | None = None,
              env_bytes: dict[bytes, bytes] | None = None) -> subprocess.CompletedProcess:
    """``python -m archiver ARGS`` with arguments (and environment values) passed as the bytes given."""
    full = {os.fsencode(k): os.fsencode(v) for k, v in archiver_env(env).items()}
    full.update(env_bytes or {})
    words = [os.fsencode(a) if not isinstance(a, bytes) else a for a in args]
    return subprocess.run([os.fsencode(sys.executable), b"-m", b"archiver", *words], cwd=cwd, env=full,
                          capture_output=True, timeout=180, stdin=subprocess.DEVNULL)


def said(proc: subprocess.CompletedProcess) -> str:
    return (proc.stdout + proc.stderr).decode("utf-8", "replace")


@pytest.mark.parametrize("words, shown, remedy", [
    ((b"history", b"http://www.round41.test/caf\xe9"), "the URL 'http://www.round41.test/caf\\xe9' holds bytes",
     "%XX"),
    ((b"list", b"--host", b"www.round41.t\xe9st"), "(of --host) holds bytes that are not UTF-8 (0xe9)",
     "terminal set to UTF-8"),
    ((b"search", b"quay", b"--url", b"http://www.round41.test/caf\xe9"), "(of --url) holds bytes", "%XX"),
    ((b"search", b"caf\xe9"), "the search words 'caf\\xe9' holds bytes", "terminal set to UTF-8"),
    ((b"why", b"http://www.round41.test/\xff", b"quay"), "(0xff)", "%XX"),
    ((b"history", b"--new-only", b"http://www.round41.test/caf\xe9"), "the URL 'http", "%XX"),  # not "(of --new-only)"
])
def test_a_word_that_is_not_utf8_is_refused_with_its_bytes_and_the_remedy(archive, words, shown, remedy):
    before = (archive / "c.db").read_bytes()
    clean = () if words[0] == b"list" else ("--clean", archive / "clean")
    proc = run_bytes(*words, "--db", archive / "c.db", "--warcs", archive / "warcs", *clean, cwd=archive)
    out = said(proc)
    assert proc.returncode == 2 and "Traceback" not in out, out
    assert shown in out and remedy in out and "nothing was read or written" in out, out
    assert "convmv" not in out and "--new-only" not in out, out  # convmv is for file names alone
    assert (archive / "c.db").read_bytes() == before


def test_an_archive_in_a_latin1_folder_works_from_fetch_to_export(tmp_path):
    """The folder paths are opened, never stored: on 83e7ff1 an archive so placed worked, and round 41 refused it
    (review59 finding 1). Also its ``ARCHIVER_WARCS`` twin, and an unknown ``ARCHIVER_*`` variable so written."""
    srv = RawServer("www.round41.test", "127.0.41.2")
    srv.route("/quay", lambda r: http_reply(PAGE))
    srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    base = os.fsencode(tmp_path) + b"/caf\xe9"
    os.mkdir(base)
    warcs, clean = base + b"/w", base + b"/c"
    with srv:
        write_list(tmp_path / "seeds.txt", [srv.url("/quay")])
        fetched = run_bytes("fetch", "seeds.txt", "--warcs", warcs, "--resolve", srv.resolve, "--retries", "0",
                            "--delay", "0", "--progress", "never", cwd=tmp_path)
        assert fetched.returncode == 0 and "1 captured" in said(fetched), said(fetched)
    steps = [("extract", "--warcs", warcs, "--clean", clean, "--jobs", "1"),
             ("search", "harbour", "--warcs", warcs, "--clean", clean),
             ("list", "--warcs", warcs),
             ("export", "--warcs", warcs, "--wacz", tmp_path / "out.wacz")]
    for step in steps:
        proc = run_bytes(*step, cwd=tmp_path)
        assert proc.returncode == 0 and "not UTF-8" not in said(proc), (step, said(proc))
        if step[0] == "search":
            assert "1 hit" in said(proc), said(proc)
    assert (tmp_path / "out.wacz").stat().st_size > 0
    proc = run_bytes("list", cwd=tmp_path, env_bytes={b"ARCHIVER_WARCS": warcs, b"ARCHIVER_NOTHING": b"\xe9"})
    assert proc.returncode == 0 and "1 captured" in said(proc), said(proc)
    assert "not UTF-8" not in said(proc), said(proc)  # an unknown variable: none of archiver's business
    assert list(Path(os.fsdecode(warcs)).glob("*.warc.gz"))  # the WARC files are in the Latin-1 folder


def test_a_list_file_named_in_latin1_is_refused_before_anything_is_fetched(tmp_path):
    srv = RawServer("www.round41.test", "127.0.41.2")
    srv.route("/quay", lambda r: http_reply(PAGE))
    with srv:
        name = os.fsdecode(b"caf\xe9-list.txt")
        write_list(tmp_path / name, [srv.url("/quay")])
        proc = run_bytes("fetch", b"caf\xe9-list.txt", "--warcs", tmp_path / "warcs", "--resolve", srv.resolve,
                         "--retries", "0", "--progress", "never", cwd=tmp_path)
        out = said(proc)
        assert proc.returncode == 2 and "'caf\\xe9-list.txt' holds bytes that are not UTF-8" in out, out
        assert srv.requests == [] and not (tmp_path / "warcs" / "catalog.sqlite3").exists()
        # renamed as the message says, the same list is fetched
        os.rename(tmp_path / name, tmp_path / "cafe-list.txt")
        ok = run_archiver("fetch", "cafe-list.txt", "--warcs", tmp_path / "warcs", "--resolve", srv.resolve,
                          "--retries", "0", "--progress", "never", cwd=tmp_path)
        assert ok.returncode == 0 and "1 captured" in ok.stdout, ok.stdout + ok.stderr
    assert_archive_sound(tmp_path / "warcs")


def test_an_export_to_a_latin1_name_and_a_latin1_variable_are_refused(archive):
    proc = run_bytes("export", "--db", archive / "c.db", "--warcs", archive / "warcs",
                     "--wacz", os.fsencode(archive) + b"/caf\xe9.wacz", cwd=archive)
    assert proc.returncode == 2 and "holds bytes that are not UTF-8 (0xe9)" in said(proc), said(proc)
    assert not list(archive.glob("*.wacz")) and not list(archive.glob(".*.partial"))
    proc = run_bytes("list", "--db", archive / "c.db", cwd=archive,
                     env_bytes={b"ARCHIVER_HOST": b"www.round41.t\xe9st"})
    assert proc.returncode == 2 and "ARCHIVER_HOST='www.round41.t\\xe9st' holds bytes" in said(proc), said(proc)


def test_with_the_switch_off_a_latin1_host_is_a_traceback(archive, monkeypatch):
    from archiver import argv_text
    from archiver.cli import main

    host = os.fsdecode(b"www.round41.t\xe9st")
    monkeypatch.setattr(argv_text, "NOT_UTF8_REFUSED", False)
    with pytest.raises(UnicodeEncodeError):
        main(["list", "--db", str(archive / "c.db"), "--host", host])
    monkeypatch.setattr(argv_text, "NOT_UTF8_REFUSED", True)
    assert main(["list", "--db", str(archive / "c.db"), "--host", host]) == 2


@pytest.mark.parametrize("command", [("list",), ("search", "quay", "--clean", "c"), ("reindex",),
                                     ("extract", "--clean", "c")])
def test_a_db_that_is_a_folder_is_named_so_and_left_where_it_is(archive, tmp_path, command):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n")
    proc = run_archiver(*command, "--db", folder, "--warcs", archive / "warcs", cwd=tmp_path)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 2 and "is a folder, not a catalog file" in out, out
    assert "damaged" not in out and "reindex" not in out.split("error:")[-1].split("--db")[0], out
    assert (folder / "notes.txt").read_text() == "mine\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("archive")] == ["archive"]


def test_a_db_folder_holding_a_catalog_names_it(archive, tmp_path):
    proc = run_archiver("list", "--db", archive / "warcs", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    # the WARC folder holds no catalog.sqlite3 here (the catalog is c.db): the remedy names the file to give
    assert f"--db {archive / 'warcs' / 'catalog.sqlite3'}" in proc.stderr, proc.stderr


def test_with_the_check_off_reindex_moves_the_folder_aside(archive, tmp_path, monkeypatch, capsys):
    from archiver import argv_text
    from archiver.cli import main

    folder = tmp_path / "archive"
    folder.mkdir()
    monkeypatch.setattr(argv_text, "db_folder", lambda db: None)  # looked up on argv_text at each call
    main(["reindex", "--db", str(folder), "--warcs", str(archive / "warcs")])
    [aside] = tmp_path.glob("archive.damaged-*")  # the folder moved aside, a catalog file in its place
    assert folder.is_file() and aside.is_dir(), capsys.readouterr()


def test_an_export_onto_a_folder_is_refused_before_the_work(archive, tmp_path, monkeypatch):
    target = tmp_path / "out.wacz"
    target.mkdir()
    proc = run_archiver("export", "--db", archive / "c.db", "--warcs", archive / "warcs", "--clean",
                        archive / "clean", "--wacz", target, cwd=tmp_path)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 2 and "is a folder: give the WACZ file's name" in out and "Traceback" not in out, out
    assert not list(tmp_path.glob(".*partial")) and list(target.iterdir()) == []
    # the switch off: the whole export, then IsADirectoryError
    from archiver.cli import main
    from archiver.commands import export

    monkeypatch.setattr(export, "WACZ_FOLDER_REFUSED", False)
    with pytest.raises(IsADirectoryError):
        main(["export", "--db", str(archive / "c.db"), "--warcs", str(archive / "warcs"), "--clean",
              str(archive / "clean"), "--wacz", str(target)])
