"""A response body spooled to memory or a temp file while it streams in, with its WARC digests."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from typing import IO

from warcio.utils import Digester

__all__ = ["SPOOL_IN_MEMORY", "Body", "BodySpool"]

SPOOL_IN_MEMORY = 1024 * 1024  # bodies larger than this spill to a temp file


@dataclass
class Body:
    """A response body spooled while it streams in, with its digests."""

    stream: IO[bytes]
    length: int
    payload_digest: str
    block_digest: str
    truncated: str | None = None


class BodySpool:
    """Collect a streamed body into memory or a temp file, hashing as it goes."""

    def __init__(self, headers_buff: bytes, max_bytes: int):
        self.file: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 (the Body owns it)
        self.payload = Digester("sha1")
        self.block = Digester("sha1")
        self.block.update(headers_buff)
        self.length = 0
        self.max_bytes = max_bytes
        self.truncated: str | None = None

    def feed(self, chunk: bytes) -> bool:
        """Add a chunk; return False once the size cap is reached."""
        room = self.max_bytes - self.length
        if len(chunk) > room:
            chunk = chunk[:room]
            self.truncated = "length"
        self.file.write(chunk)
        self.payload.update(chunk)
        self.block.update(chunk)
        self.length += len(chunk)
        return self.truncated is None

    def finish(self) -> Body:
        self.file.seek(0)
        return Body(self.file, self.length, str(self.payload), str(self.block), self.truncated)
