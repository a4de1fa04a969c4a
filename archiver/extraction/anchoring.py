"""Whether a regular expression can only match at the start of a text (every alternative opens with ``^``).

For such a pattern ``match`` finds a match exactly when ``search`` does, and is much cheaper on a miss:
``search`` tries the pattern again at every later position of the text, where each alternative
fails on its ``^`` only after the engine has entered it (``re`` does not see the anchor through an
alternation). The answer is read from ``re``'s own parse tree, as ``screen.py`` reads it.
"""

from __future__ import annotations

import importlib
import re

__all__ = ["starts_anchored"]


def starts_anchored(pattern: re.Pattern[str]) -> bool:
    """True when every match of ``pattern`` starts at the start of the text: each top-level
    alternative begins with ``^`` (``AT_BEGINNING``) and MULTILINE is off (``^`` is then no line
    start). False when unsure: another Python's ``re`` internals, a ``^`` inside a group
    (``(?:^a|^b)``), a MULTILINE pattern. Never raises."""
    if pattern.flags & re.M:
        return False
    try:
        sre = importlib.import_module("re._constants")
        data = importlib.import_module("re._parser").parse(pattern.pattern, pattern.flags).data
        start = (sre.AT, sre.AT_BEGINNING)
        branches = [b.data for b in data[0][1][1]] if len(data) == 1 and data[0][0] is sre.BRANCH else [data]
        return all(b and b[0] == start for b in branches)
    except Exception:  # another Python's re: not known, so not anchored
        return False
