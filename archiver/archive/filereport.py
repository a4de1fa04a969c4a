"""What importing one WARC file did (:class:`FileReport`), and its words for the import's output: the report the
scan (:mod:`archiver.archive.scan`) fills and the importer prints. Split from scan.py (session 48, mend69), which
had grown past the ~400-line guide.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from archiver.wording import count

MAX_NAMED = 5  # metadata: records named one a line in a file's report


@dataclass
class FileReport:
    """What importing one file did."""

    path: str
    name: str = ""  # the catalog's warc_file for it
    layout: str = ""
    captures: int = 0  # capture rows added that hold a page (a record to replay)
    failed: int = 0  # capture rows added for failed attempts (an archiver metadata record naming no record)
    records: int = 0  # record rows added that are no capture of their own (redirect hops, robots.txt)
    already: int = 0  # capture records the catalog had before
    other: int = 0  # request, metadata, warcinfo, ... records: not captures
    metadata: list[tuple[str, int]] = field(default_factory=list)  # (URI, offset) of metadata: records skipped
    unusable: Counter[str] = field(default_factory=Counter)  # reason -> records
    examples: dict[str, str] = field(default_factory=dict)  # reason -> the first record's detail
    error: str | None = None  # why reading stopped early (what came before it is kept)
    misframed: list[tuple[int, str]] = field(default_factory=list)  # (offset, URI) of records with a wrong length
    skipped: list[tuple[int, int]] = field(default_factory=list)  # (from, to): bytes holding no record, passed over
    overlapped: list[tuple[int, int]] = field(default_factory=list)  # (offset, of the record whose length ran into it)
    damaged: list[tuple[int, int]] = field(default_factory=list)  # (from, to): gzip members that do not inflate
    lost: list[tuple[int, int, str]] = field(default_factory=list)  # (from, to, what): records' bytes passed over
    versions: list[tuple[int, str]] = field(default_factory=list)  # (offset, version line) of records no tool reads
    segmented: list[tuple[int, str]] = field(default_factory=list)  # (offset, URI) of first segments imported
    truncated: Counter[str] = field(default_factory=Counter)  # WARC-Truncated reason -> captures the tool marked so
    truncated_example: str = ""  # the first such capture's URI
    own: bool = False  # archiver wrote the file (its WARC-Truncated marks are its own fetch's, said when fetched)
    exported: bool = False  # the WARC of a WACZ archiver exported: no metadata records, each record a capture
    bad_digest: list[tuple[int, str]] = field(default_factory=list)  # (offset, URI): WARC-Block-Digest not its block
    trailing: int | None = None  # file offset of bytes after a gzip member that start no member (not read)
    copy_of: str | None = None  # another file the catalog has this file's records from (a copy of it)
    rebound: bool = False  # copy_of is in another layout (gone, or one gzip stream): its captures now read from here
    moved: bool = False  # that file is gone: the catalog now names this one
    altered: list[tuple[str, str]] = field(default_factory=list)  # a WACZ's WARCs unlike its datapackage.json
    taken: int = 0  # records of this file the catalog had from copy_of (the rows now read from here when moved)
    left_behind: int = 0  # that file gone: its captures still naming it after this file (not in this one: shared)
    converted: str | None = None  # an ARC file: the WARC copy written in the WARC folder and imported
    converted_records: int = 0  # records in that copy (its warcinfo naming the ARC included)
    arc_repaired: str | None = None  # what was wrong with the ARC's header record (a new one was written)
    arc_notes: list[str] = field(default_factory=list)  # the ARC's records of a wrong length, damage passed over
    notes: list[str] = field(default_factory=list)  # other lines to show under the file's line (a WACZ's odd layout)

    def unusable_record(self, why: str) -> None:
        """Count an unusable record under its reason; ``why`` is ``REASON`` or ``REASON: DETAIL``
        (the record's URI, its status line), and the first DETAIL is kept as the reason's example."""
        reason, _, detail = why.partition(": ")
        self.unusable[reason] += 1
        if detail:
            self.examples.setdefault(reason, detail)

    def lines(self) -> list[str]:
        head = (f"import {self.path}" + (f" ({self.layout})" if self.layout else "") + ": "
                f"{count(self.captures, 'capture')} added, "
                + (f"{count(self.failed, 'failed attempt')} recorded (no page to replay), " if self.failed else "")
                + f"{self.already} already in the catalog, "
                f"{sum(self.unusable.values())} unusable, "
                + (f"{len(self.metadata)} skipped as the writing tool's metadata, " if self.metadata else "")
                + f"{count(self.other, 'other record')} (not captures)")
        out = [head]
        if self.converted:
            records = count(self.converted_records, "record")
            out.append(f"  an ARC file: converted to the WARC file {self.converted} ({records}, its warcinfo naming "
                       "the ARC included; the ARC file is left as it is), which is what is imported")
        if self.arc_repaired:
            out.append(f"  warning: the ARC file's header record is damaged: {self.arc_repaired}; a new one was "
                       "written in its place and the records were read from the first record line on")
        out += [f"  {note}" for note in self.arc_notes + self.notes]
        shown = self.metadata[:MAX_NAMED]
        out += [f"  metadata, not a capture (its text stays in the file): {uri} at offset {offset}"
                for uri, offset in shown]
        if len(self.metadata) > len(shown):
            out.append(f"  metadata: {len(self.metadata) - len(shown)} more")
        out += [f"  unusable: {n} x {reason}" + (f", e.g. {self.examples[reason]}" if reason in self.examples else "")
                for reason, n in sorted(self.unusable.items())]
        for offset, uri in self.misframed[:MAX_NAMED]:
            out.append(f"  warning: the record at offset {offset} ({uri}) does not end where its Content-Length "
                       "says (the writing tool's fault): its payload may be cut short or run into the next record")
        if len(self.misframed) > MAX_NAMED:
            more = count(len(self.misframed) - MAX_NAMED, 'more record')
            out.append(f"  warning: {more} with a wrong Content-Length")
        for start, end in self.skipped[:MAX_NAMED]:
            out.append(f"  warning: bytes {start}-{end} hold no record (a wrong Content-Length before them?): "
                       "passed over, reading went on at the next record")
        for start, before in self.overlapped[:MAX_NAMED]:
            out.append(f"  warning: the record at offset {start} begins inside the one at offset {before}, whose "
                       "Content-Length runs past its end into it: read from where it begins (the record before "
                       "keeps the bytes its length takes)")
        for start, line in self.versions[:MAX_NAMED]:
            out.append(f"  error: the record at offset {start} is {line}, a WARC version no tool reads (WARC versions "
                       "0.17, 0.18, 1.0 and 1.1 exist; warcio, pywb and archiver read those): passed over, reading "
                       "went on at the next record")
        for start, end in self.damaged[:MAX_NAMED]:
            out.append(f"  error: bytes {start}-{end} are a damaged gzip member (cut short or overwritten): the "
                       "record it held is lost; reading went on at the next member")
        for start, end, what in self.lost[:MAX_NAMED]:
            out.append(f"  error: bytes {start}-{end} {what}: the record they held is lost; reading went on at the "
                       "next record (put back a good copy of the file to have it)")
        for offset, uri in self.segmented[:MAX_NAMED]:
            out.append(f"  warning: the record at offset {offset} ({uri}) is the first of a record in segments "
                       "(WARC-Segment-Number): its continuation records are not joined, so the capture holds the "
                       "first part only (marked WARC-Truncated 'segment')")
        if len(self.segmented) > MAX_NAMED:
            out.append(f"  warning: {count(len(self.segmented) - MAX_NAMED, 'more record')} in segments")
        if self.truncated:
            kinds = ", ".join(f"{n} {why!r}" for why, n in sorted(self.truncated.items()))
            out.append(f"  warning: {count(sum(self.truncated.values()), 'capture')} the writing tool marked "
                       f"WARC-Truncated ({kinds}), e.g. {self.truncated_example}: imported as the part the record "
                       "holds, the mark kept in the catalog")
        for offset, uri in self.bad_digest[:MAX_NAMED]:
            out.append(f"  warning: the record at offset {offset} ({uri}) does not match its WARC-Block-Digest (its "
                       "bytes changed after it was written): imported as it is, its capture's reason says so")
        if len(self.bad_digest) > MAX_NAMED:
            out.append(f"  warning: {count(len(self.bad_digest) - MAX_NAMED, 'more record')} not matching "
                       "their WARC-Block-Digest")
        for name, why in self.altered[:MAX_NAMED]:
            out.append(f"  warning: {name} does not match its datapackage.json entry ({why}): its bytes changed "
                       "after the WACZ was packed; imported as it is")
        if self.trailing is not None:
            out.append(f"  warning: the bytes from offset {self.trailing} of the file are not a gzip member (junk "
                       "after the gzip stream?): reading stopped there; the records before them are imported")
        if self.copy_of and self.rebound and not self.moved:
            out.append(f"  its records are in the catalog from {self.copy_of}, one gzip stream: not added again; the "
                       "catalog reads them from here now (that file is no longer read: it may be moved away)")
        elif self.copy_of and self.moved and self.left_behind:
            out.append(f"  {count(self.taken, 'record')} of this file {'was' if self.taken == 1 else 'were'} in the "
                       f"catalog from {self.copy_of}, which is gone: not added again; the catalog reads "
                       f"{'it' if self.taken == 1 else 'them'} from here now. This is no move of that file: "
                       f"{count(self.left_behind, 'other capture')} of it {'is' if self.left_behind == 1 else 'are'} "
                       f"not in this one and still {'names' if self.left_behind == 1 else 'name'} {self.copy_of} "
                       "(put it back to read them)")
        elif self.copy_of and self.moved:
            out.append(f"  its records are in the catalog from {self.copy_of}, which is gone (moved here?): not "
                       "added again; the catalog reads them from here now")
        elif self.copy_of:
            out.append(f"  its records are in the catalog from {self.copy_of} (a copy of this file?): not added "
                       "again; the catalog reads them from there")
        if self.error:
            out.append(f"  error: {self.error}")
        return out
