"""Hostile input, round 32 (session 37, host40): an imported WARC whose target URIs carry terminal controls.

``archiver import`` stores a record's ``WARC-Target-URI`` as the file gives it (a space becomes ``%20``). A
hostile file can put an escape sequence in it: ``ESC ] 0 ; PWNED BEL`` retitles the terminal, ``ESC [ 31 m``
colours what follows, U+202E turns the line around. ``list``, ``history``, ``why`` and the import's own lines
already wrote such characters as U+FFFD or escapes (round 25); two paths still printed them as they were:

- ``archiver search`` printed each hit's URL raw (and would have its title and snippet);
- warcio's logger wrote ``Replacing spaces in invalid WARC-Target-URI: URI`` onto stderr through Python's
  last-resort handler, the URI raw, at every read of the record (import, extract, and three times in export).

Now search writes them through ``archiver.printable`` (``\\x1b``, ``\\u202e``) and warcio's log records are
filtered (that note dropped: archiver records the URI with ``%20`` itself; any other written as printable).

The WARC is written with warcio's writer; ``archiver import``, ``extract``, ``search``, ``export --wacz`` are
the real CLI on a real catalog.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from archivekit import article, http_response, paras, write_warc
from sitekit import run_archiver

from archiver.printable import guard_library_logs

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SEQ = "\x1b]0;PWNED\x07\x1b[31m"
URIS = {
    "esc": "http://esc.round32.test/a" + SEQ + "b",
    "rlo": "http://esc.round32.test/\u202eevil",
    "space": "http://esc.round32.test/a b" + SEQ,
}
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(root: Path, *args: str):
    done = run_archiver(*args, "--warcs", root / "warcs", cwd=root, timeout=600)
    return done, done.stdout + done.stderr


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("imp32")
    records = [http_response(uri, article(f"Story {key}", paras(key, special=f"Unique {key} sentence.")))
               for key, uri in URIS.items()]
    path = write_warc(root / "in.warc.gz", records)
    outputs = {}
    for name, args in (("import", ("import", str(path))),
                       ("extract", ("extract", "--clean", str(root / "clean"), "--progress", "never", "--jobs", "1")),
                       ("search", ("search", "Unique", "--clean", str(root / "clean"))),
                       ("export", ("export", "--wacz", str(root / "o.wacz"), "--clean", str(root / "clean")))):
        done, out = run(root, *args)
        assert done.returncode == 0 and "Traceback" not in out, (name, out[-3000:])
        outputs[name] = out
    return outputs


@pytest.mark.parametrize("command", ["import", "extract", "search", "export"])
def test_no_command_prints_a_terminal_control_from_the_file(archive, command):
    raw = [line for line in archive[command].splitlines() if RAW.search(line)]
    assert not raw, (command, raw[:5])


def test_search_names_each_hit_with_its_controls_written_as_escapes(archive):
    out = archive["search"]
    assert "http://esc.round32.test/a\\x1b]0;PWNED\\x07\\x1b[31mb" in out, out
    assert "http://esc.round32.test/\\u202eevil" in out, out
    assert "search: 3 hits for 'Unique'" in out


def test_warcios_note_of_a_space_in_a_uri_is_not_printed(archive):
    for command in ("import", "extract", "export"):
        assert "Replacing spaces in invalid WARC-Target-URI" not in archive[command], archive[command]


def test_other_warcio_log_records_are_written_printable(caplog):
    guard_library_logs()
    guard_library_logs()  # twice: one filter
    logger = logging.getLogger("warcio.recordloader")
    assert len(logger.filters) == 1
    logger.warning("odd header %s", "a\x1b[2Jb")
    logger.warning("Replacing spaces in invalid WARC-Target-URI: %s", "x y")
    assert [r.getMessage() for r in caplog.records] == ["odd header a\\x1b[2Jb"]
