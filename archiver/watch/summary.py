"""A ``--watch`` run's counts and the summary line it prints (``watch: 3 URLs checked: ...``).

:class:`WatchSummary` collects what :func:`archiver.watch.run.after_extract` judged; :func:`gone_cause` names
why an article was told gone, for the summary's ``3 gone (1 HTTP 404, ...)``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from archiver.wording import count


@dataclass
class WatchSummary:
    checked: int = 0
    edits: int = 0
    warnings: int = 0
    returns: int = 0
    bylines: int = 0  # the same text, another author or date line
    captions: int = 0  # the same text, a photo caption edited (diff/captions.py)
    gone_causes: list[str] = field(default_factory=list)  # one per article told gone: 'HTTP 404', ... (gone_cause)
    back: int = 0  # articles that answer again, with their text, after they were gone
    not_article: int = 0
    stopped: int = 0  # URLs past the age limit, no longer checked
    failing: int = 0  # URLs whose attempt of this run failed: backing off (watch/backoff.py)
    still_gone: int = 0  # of those, 404/410 answers of articles told gone before: no news, no failure to exit on
    still_redirected: int = 0  # captures redirected away (front page, other story) of articles told gone before
    sent: int = 0
    failures: list[str] = field(default_factory=list)
    held: int = 0  # messages left in the outbox: the failed ones and those waiting behind them

    @property
    def gone(self) -> int:
        """Articles told gone by this run (404/410, or redirected to the front page or another story)."""
        return len(self.gone_causes)

    def gone_words(self) -> str:
        """``2 gone (HTTP 404)``, ``3 gone (1 HTTP 404, 1 HTTP 410, 1 redirected to another page)``."""
        causes = Counter(self.gone_causes)
        if len(causes) == 1:
            return f"{self.gone} gone ({self.gone_causes[0]})"
        return f"{self.gone} gone (" + ", ".join(f"{n} {cause}" for cause, n in sorted(causes.items())) + ")"

    @property
    def new_changes(self) -> int:
        return self.edits + self.warnings + self.bylines + self.captions + self.gone + self.back

    def line(self) -> str:
        return (f"watch: {count(self.checked, 'URL')} checked: {count(self.edits, 'content change')}, "
                f"{count(self.warnings, 'extraction warning')}, "
                f"{count(self.returns, 'return to an earlier version', 'returns to an earlier version')}, "
                + (f"{count(self.bylines, 'byline change')}, " if self.bylines else "")
                + (f"{count(self.captions, 'caption change')}, " if self.captions else "")
                + (f"{self.gone_words()}, " if self.gone else "")
                + (f"{self.back} back after being gone, " if self.back else "")
                + f"{count(self.not_article, 'capture')} not the article; {self.stopped} past the age limit; "
                + (f"{self.failing} failing, backing off; " if self.failing else "")
                + (f"{self.still_gone + self.still_redirected} still gone (told before; not counted as a failure); "
                   if self.still_gone + self.still_redirected else "")
                + f"{count(self.sent, 'notification')} sent, "
                f"{len(self.failures)} failed (kept for the next run)"
                + (f"; {count(self.held, 'message')} left for the next run" if self.held > len(self.failures) else ""))


def gone_cause(detail: dict[str, Any]) -> str:
    """What made an article gone, for the run's summary: ``HTTP 404``, ``HTTP 410``, ``redirected to the front
    page`` or ``redirected to another page`` (``detail``: a gone event's, :func:`archiver.watch.events.event_of`)."""
    if detail.get("front_page"):
        return "redirected to the front page"
    if detail.get("redirect"):
        return "redirected to another page"
    return f"HTTP {detail.get('status')}"
