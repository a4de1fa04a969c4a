"""Class tokens carrying a build hash, read as their stem (``selectors.HASHED_CLASSES``).

A CSS module's or an A/B test's class token ``ad-slot__3f9a1c`` (a stem, two or three underscores,
5-10 letters, digits and hyphens of which one is a digit) is new with every build; a rule naming
``ad-slot`` should match it. BEM's ``block__element`` has no digit in its element name and stays.
"""

from __future__ import annotations

import re

__all__ = ["with_stems"]

_HASHED = re.compile(r"([A-Za-z][\w-]*?[A-Za-z0-9])_{2,3}(?=[A-Za-z-]*\d)[A-Za-z0-9-]{5,10}")


def with_stems(tokens: list[str]) -> list[str]:
    """``tokens`` and the stem of each one carrying a build hash (``ad-slot__3f9a1c`` -> ``ad-slot``)."""
    stems = [m.group(1) for t in tokens if (m := _HASHED.fullmatch(t))]
    return tokens + stems if stems else tokens
