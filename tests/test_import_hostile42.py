"""Hostile input, round 42 (session 47, host50): imported files that made archiver dump a library's bytes at the
user, or read nothing of a WACZ whose WARC files were all there.

1. A ``.warc.gz`` whose gzip members are padded with NULs to 512-byte blocks (some tools write so): imported into
   the WARC folder (so index.cdxj reads it) or reindexed, now and then (seeds 13, 79, 136, 139, 140 ... of
   ``fixed_block_padded``: 8 of 300) warcio's ``WARNING: Record not followed by newline, perhaps Content-Length is
   invalid ... Remainder: b'\\xbd\\xd8...'`` went onto stderr: compressed bytes dumped at a user, on a file that
   imports whole. cdxj-indexer now reads through archiver's quiet iterator (``cdxj.QUIET_READER``; the twin test
   fails with it off).
2. A WACZ unzipped (to look inside) and zipped again: its files under the folder it was unzipped into
   (``mycoll/archive/data.warc.gz``), under Windows' separator (``archive\\data.warc.gz``) or ``./archive/``:
   ``error: a zip file with no WARC under archive/ (not a WACZ?)``, exit 1, nothing read, the WARC files stored
   there whole. Now read where they lie, with a warning naming the layout and what replay tools read
   (``wacz_in.REROOTED``; the twin fails with it off); extracted, found by search, exported again as a WACZ
   whose WARC is under ``archive/``.

Real WARCs written with warcio's writer; ``archiver import``, ``reindex``, ``extract``, ``search``,
``export --wacz``; the exported WARC read back with warcio.
"""
from __future__ import annotations

import io
import json
import sqlite3
import zipfile

import pytest
from sitekit import run_archiver
from test_import_lost40 import fixed_block_padded, warc
from warcio.archiveiterator import ArchiveIterator

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

DUMP = ("Record not followed by newline", "Remainder:", "Replacing spaces", "WARNING:")


def _run(root, *args):
    out = run_archiver(*args, "--warcs", root / "warcs", "--db", root / "c.db", cwd=root, timeout=300)
    assert "Traceback" not in out.stdout + out.stderr, out.stdout + out.stderr
    return out


@pytest.mark.parametrize("seed", [13, 136, 139])
def test_a_block_padded_warc_imports_and_reindexes_without_warcios_dump(tmp_path, seed):
    (tmp_path / "warcs").mkdir()
    path = tmp_path / "warcs" / "p.warc.gz"
    path.write_bytes(fixed_block_padded(seed))
    for args in (("import", path), ("reindex",)):
        out = _run(tmp_path, *args)
        assert out.returncode == 0, out.stdout + out.stderr
        said = out.stdout + out.stderr
        assert not any(word in said for word in DUMP), said
        assert "\\x" not in said, said
    with sqlite3.connect(tmp_path / "c.db") as conn:
        urls = sorted(url for (url,) in conn.execute("SELECT url FROM captures"))
    assert urls == [f"http://s.test/p{i}" for i in range(4)]
    lines = (tmp_path / "warcs" / "index.cdxj").read_text().splitlines()
    assert sorted(line.split(" ")[0] for line in lines) == [f"test,s)/p{i}" for i in range(4)]


def test_warcios_dump_comes_back_with_the_quiet_reader_off(tmp_path, monkeypatch, capfd):
    """The twin: cdxj-indexer through warcio's own iterator writes the dump onto stderr for seed 136."""
    from archiver.archive import cdxj

    path = tmp_path / "p.warc.gz"
    path.write_bytes(fixed_block_padded(136))
    cdxj._read(path, None)
    assert "Record not followed" not in capfd.readouterr().err
    monkeypatch.setattr(cdxj, "QUIET_READER", False)
    cdxj._read(path, None)
    assert "Record not followed by newline" in capfd.readouterr().err


def _wacz(tmp_path_factory) -> bytes:
    """A WACZ ``archiver export --wacz`` wrote of four warcio responses, extracted first (pages with text)."""
    root = tmp_path_factory.mktemp("src42")
    (root / "warcs").mkdir()
    data, _ = warc(True)
    (root / "warcs" / "d.warc.gz").write_bytes(bytes(data))
    for args in (("import", root / "warcs" / "d.warc.gz"), ("extract", "--clean", root / "clean", "--jobs", "1"),
                 ("export", "--wacz", root / "x.wacz")):
        out = _run(root, *args)
        assert out.returncode == 0, out.stdout + out.stderr
    return (root / "x.wacz").read_bytes()


RENAMES = {
    "folder": lambda name: "mycoll/" + name,  # "compress the folder" after unzipping into mycoll/
    "backslash": lambda name: name.replace("/", "\\"),  # a Windows zip tool's separator
    "dotslash": lambda name: "./" + name,  # zip -r x.wacz ./
}


def _rezipped(original: bytes, rename) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            out.writestr(zipfile.ZipInfo(rename(info.filename), info.date_time), src.read(info.filename),
                         compress_type=zipfile.ZIP_STORED)
    return buf.getvalue()


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    return _wacz(tmp_path_factory)


@pytest.mark.parametrize("kind", sorted(RENAMES))
def test_a_wacz_zipped_again_is_read_where_its_warcs_lie(tmp_path, original, kind):
    (tmp_path / "warcs").mkdir()
    given = tmp_path / f"{kind}.wacz"
    given.write_bytes(_rezipped(original, RENAMES[kind]))
    out = _run(tmp_path, "import", given)
    said = out.stdout + out.stderr
    assert out.returncode == 0, said
    assert "4 captures added" in said and "no WARC under archive/" not in said, said
    assert "not under archive/" in said and "replay tools read archive/ only" in said, said
    out = _run(tmp_path, "extract", "--clean", tmp_path / "clean", "--jobs", "1")
    assert out.returncode == 0 and "0 failed" in out.stdout, out.stdout + out.stderr
    out = _run(tmp_path, "search", "reader", "--clean", tmp_path / "clean")
    assert out.returncode == 0 and "s.test/p3" in out.stdout, out.stdout + out.stderr
    out = _run(tmp_path, "export", "--wacz", tmp_path / "again.wacz")
    assert out.returncode == 0, out.stdout + out.stderr
    with zipfile.ZipFile(tmp_path / "again.wacz") as zf:
        inner = [n for n in zf.namelist() if n.startswith("archive/") and ".warc" in n]
        assert inner, zf.namelist()
        uris = {rec.rec_headers.get_header("WARC-Target-URI") for rec in ArchiveIterator(io.BytesIO(zf.read(inner[0])))
                if rec.rec_type == "response"}
    assert uris == {f"http://s.test/p{i}" for i in range(4)}


def test_the_wacz_zipped_again_reads_nothing_with_rerooting_off(tmp_path, original, monkeypatch):
    """The twin: with ``wacz_in.REROOTED`` off, no member is found (import's 'no WARC under archive/')."""
    from archiver.archive import wacz_in

    path = tmp_path / "folder.wacz"
    path.write_bytes(_rezipped(original, RENAMES["folder"]))
    assert [m.name for m in wacz_in.warc_members(path)] and all(m.name.startswith("archive/")
                                                               for m in wacz_in.warc_members(path))
    monkeypatch.setattr(wacz_in, "REROOTED", False)
    assert wacz_in.warc_members(path) == []


def test_an_entry_elsewhere_is_still_no_warc():
    from archiver.archive.wacz_in import is_apple_double, roots

    assert roots(["a/b/archive/x.warc.gz"]) is None  # two folders above: not a WACZ zipped again
    assert roots(["warcs/x.warc.gz"]) is None
    assert roots(["mycoll/archive/x.warc.gz"]) == "mycoll/"
    assert roots(["archive\\x.warc.gz"]) == roots(["./archive/x.warc.gz"]) == ""
    assert roots(["a/archive/x.warc.gz", "b/archive/x.warc.gz", "b/datapackage.json"]) == "b/"
    assert is_apple_double("__MACOSX/archive/._x.warc.gz") and is_apple_double("archive/._x.warc.gz")
    assert is_apple_double("__MACOSX\\mycoll\\archive\\._x.warc.gz") and not is_apple_double("archive/x.warc.gz")


# review60 (mend63): what the rerooting of round 42 broke, and what it claimed.

def _added(original: bytes, extra: dict[str, bytes], deflated: bool = False) -> bytes:
    """``original`` with the entries of ``extra`` (name -> bytes) appended."""
    buf = io.BytesIO(original)
    with zipfile.ZipFile(buf, "a") as out:
        for name, data in extra.items():
            out.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED if deflated else zipfile.ZIP_STORED)
    return buf.getvalue()


def _warc_name(original: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(original)) as zf:
        names = [n for n in zf.namelist() if n.startswith("archive/") and ".warc" in n]
    assert len(names) == 1, names
    return names[0]


def test_a_real_wacz_with_an_old_copy_in_a_folder_imports_its_own_warc_only(tmp_path, original):
    """Finding 2: a WACZ that also holds ``old/archive/<same name>`` (another WARC) read both, and reported its own,
    untouched WARC as changed after packing (exit 1). Only ``archive/`` at the root is read, as before round 42."""
    (tmp_path / "warcs").mkdir()
    other, _ = warc(False)
    given = tmp_path / "twodiff.wacz"
    given.write_bytes(_added(original, {"old/" + _warc_name(original): bytes(other)}))
    out = _run(tmp_path, "import", given)
    said = out.stdout + out.stderr
    assert out.returncode == 0 and "(WACZ, 1 WARC file)" in said and "4 captures added" in said, said
    assert "not under archive/" not in said and "datapackage.json" not in said, said


APPLE_DOUBLE = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + bytes(4000)  # a resource fork's header


def _finder(original: bytes, folder: str) -> bytes:
    """``original`` as macOS Finder's "Compress" writes it (under ``folder``): each entry followed by its
    ``__MACOSX/.../._name`` AppleDouble file, deflated."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            name = folder + info.filename
            out.writestr(zipfile.ZipInfo(name, info.date_time), src.read(info.filename),
                         compress_type=zipfile.ZIP_STORED)
            head, _, tail = name.rpartition("/")
            out.writestr(f"__MACOSX/{head + '/' if head else ''}._{tail}", APPLE_DOUBLE,
                         compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


@pytest.mark.parametrize("folder", ["", "mycoll/"])
def test_a_wacz_zipped_again_by_finder_imports(tmp_path, original, folder):
    """Finding 3: Finder's ``__MACOSX/archive/._x.warc.gz`` was taken for a WARC: 'compressed inside the zip',
    exit 1. AppleDouble entries are passed over; the WACZ imports (exit 0), its datapackage.json checked."""
    (tmp_path / "warcs").mkdir()
    given = tmp_path / "mac.wacz"
    given.write_bytes(_finder(original, folder))
    out = _run(tmp_path, "import", given)
    said = out.stdout + out.stderr
    assert out.returncode == 0 and "(WACZ, 1 WARC file)" in said and "4 captures added" in said, said
    assert "._" not in said and "compressed inside the zip" not in said, said
    assert ("not under archive/" in said) is bool(folder), said


def _tampered(original: bytes) -> bytes:
    """``original`` with its WARC's datapackage.json hash changed (as if the WARC had changed after packing)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "datapackage.json":
                package = json.loads(data)
                for resource in package["resources"]:
                    if resource["path"].startswith("archive/"):
                        resource["hash"] = "sha256:" + "0" * 64
                data = json.dumps(package).encode()
            out.writestr(info, data, compress_type=info.compress_type)
    return buf.getvalue()


@pytest.mark.parametrize("kind", ["root", *sorted(RENAMES)])
def test_a_changed_warc_is_reported_in_a_wacz_zipped_again(tmp_path, original, kind):
    """Finding 4: the fixity check read ``datapackage.json`` at the zip's root only, so a WACZ zipped again under a
    folder or ``./`` with a changed WARC imported without a word. It reads the one beside the WARCs read."""
    (tmp_path / "warcs").mkdir()
    given = tmp_path / f"{kind}.wacz"
    tampered = _tampered(original)
    given.write_bytes(tampered if kind == "root" else _rezipped(tampered, RENAMES[kind]))
    out = _run(tmp_path, "import", given)
    said = out.stdout + out.stderr
    assert "4 captures added" in said, said
    assert said.count("does not match its datapackage.json entry") == 1, said
