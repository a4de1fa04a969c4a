"""cdxj.whole_records' test of a .gz file's last record reads it a piece at a time (review3: a record
of gigabytes was read and inflated whole during a reindex). Real gzip members on disk."""

from __future__ import annotations

import gzip

from archiver.archive import cdxj_damage as cdxj  # (whole_records and _member_ends moved there: mend52)


def test_a_whole_member_ends_and_a_cut_one_does_not(tmp_path):
    body = b"WARC/1.1\r\n" + b"x" * 3_000_000 + b"\r\n\r\n"  # inflates to many pieces of cdxj.PIECE
    member = gzip.compress(b"first record\r\n\r\n") + gzip.compress(body)
    start = len(gzip.compress(b"first record\r\n\r\n"))
    path = tmp_path / "a.warc.gz"
    path.write_bytes(member)
    assert cdxj._member_ends(path, start, len(member) - start)
    for cut in (len(member) - 1, len(member) - 9, start + 40):
        path.write_bytes(member[:cut])
        assert not cdxj._member_ends(path, start, len(member) - start), cut
    path.write_bytes(member[:start] + b"not gzip at all" * 10)
    assert not cdxj._member_ends(path, start, 150)
