"""``inplace.put``: how ``linkdensity``, ``linkpasses`` and ``stoplist`` put their functions in trafilatura's
place (one helper for the three ``install()`` that each held the same nine lines). A place is a plain
module object here, so trafilatura's own modules are not touched."""
from __future__ import annotations

import types

import pytest
import trafilatura

from archiver.extraction import linkdensity, linkpasses, stoplist
from archiver.extraction.inplace import put

TESTED = (trafilatura.__version__,)


def _theirs():
    return "theirs"


def _ours():
    return "ours"


def test_ours_goes_in_where_the_original_is_and_stays_there():
    place = types.ModuleType("place")
    place.step = _theirs
    assert put(place, "step", _ours, _theirs, TESTED) and place.step is _ours
    assert put(place, "step", _ours, _theirs, TESTED) and place.step is _ours  # idempotent


def test_someone_elses_wrapper_an_untested_version_or_a_module_not_ready_is_left_alone():
    def wrapper():
        return "wrapped"
    place = types.ModuleType("place")
    place.step = wrapper
    assert not put(place, "step", _ours, _theirs, TESTED) and place.step is wrapper
    place.step = _theirs
    assert not put(place, "step", _ours, _theirs, ("0.0.1",)) and place.step is _theirs
    assert not put(place, "step", _ours, _theirs, TESTED, ready=False) and place.step is _theirs
    place.step = _ours
    assert put(place, "step", _ours, _theirs, TESTED, ready=False)  # already in place: ready is not asked


def test_the_three_installs_are_in_place_on_the_tested_version():
    if trafilatura.__version__ not in linkdensity.TESTED_WITH:
        pytest.skip(f"trafilatura {trafilatura.__version__} is not one the installs were tested with")
    assert linkdensity.install() and linkpasses.install() and stoplist.install()
    assert trafilatura.htmlprocessing.link_density_test is linkdensity.link_density_test
