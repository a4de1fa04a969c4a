"""What a run tells its user: log lines on stdout (text or JSON lines), a progress bar on a terminal."""
from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from archiver.printable import printable

if TYPE_CHECKING:
    from tqdm import tqdm


class Reporter:
    def __init__(self, log_format: str = "text", progress: str = "auto", out: TextIO | None = None):
        self.out = out or sys.stdout
        self.json = log_format == "json"
        tty = sys.stderr.isatty()
        self.show_bar = progress == "always" or (progress == "auto" and tty)
        self.bar: tqdm | None = None

    def log(self, event: str, message: str, **fields: Any) -> None:
        if self.json:
            line = json.dumps({"time": datetime.now(UTC).isoformat(timespec="seconds"),
                               "event": event, "message": message, **fields}, ensure_ascii=False)
        else:  # a terminal: what a server sent (in a reason, an error) may not act on it
            line = printable(message)
        if self.bar is not None:
            self.bar.write(line, file=self.out)
        else:
            print(line, file=self.out, flush=True)

    def start(self, total: int, what: str) -> None:
        if self.show_bar and total:
            from tqdm import tqdm  # only with a bar to show: 10 ms of every run's start-up otherwise

            self.bar = tqdm(total=total, desc=what, unit="url", file=sys.stderr, dynamic_ncols=True)

    def advance(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
