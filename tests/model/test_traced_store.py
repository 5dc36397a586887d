"""The shipped field-line traces (assets/magnetosphere/traced.npz): current, equal to a fresh
trace, and ignored when stale or unreadable (the program then traces at run time)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from jovianview.model import aurorae, field_lines, traced_store

REMAKE = "run `python tools/make_traces.py` and commit assets/magnetosphere/traced.npz"


def test_every_shipped_entry_matches_the_current_model() -> None:
    assert traced_store.stored("main_oval", (aurorae.MAIN_OVAL_SHELL_RJ,
                                             aurorae.OVAL_POINTS)) is not None, REMAKE
    for moon in aurorae.MOON_DISTANCE_RJ:
        assert traced_store.stored(f"track_{moon}", aurorae.track_params(moon)) is not None, \
            REMAKE
    assert traced_store.stored("field_lines", (field_lines.SHELLS_RJ, field_lines.LONGITUDES,
                                               field_lines.STEP_FRACTION)) is not None, REMAKE


def test_shipped_traces_equal_a_fresh_trace() -> None:
    fresh = aurorae.trace_main_oval(aurorae.MAIN_OVAL_SHELL_RJ, aurorae.OVAL_POINTS)
    for a, b in zip(aurorae.main_oval(), fresh, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)
    for moon in aurorae.MOON_DISTANCE_RJ:
        for a, b in zip(aurorae.footprint_track(moon), aurorae.trace_footprint_track(moon),
                        strict=True):
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)
    shipped = field_lines.field_lines()
    traced = field_lines.trace_field_lines(field_lines.SHELLS_RJ, field_lines.LONGITUDES)
    assert len(shipped) == len(traced) > 30
    for a, b in zip(shipped, traced, strict=True):
        assert a.shell_rj == b.shell_rj
        np.testing.assert_allclose(a.points, b.points, rtol=0, atol=1e-12)
        np.testing.assert_allclose(a.strength_nt, b.strength_nt, rtol=1e-12)


def test_other_parameters_are_traced_not_taken_from_the_store() -> None:
    assert traced_store.stored("main_oval", (25.0, aurorae.OVAL_POINTS)) is None
    north, _ = aurorae.main_oval(25.0)  # traced now: further from the pole than at 30 R_J
    assert north.shape[1] > 30


def test_stale_or_unreadable_store_is_ignored(tmp_path: Path, monkeypatch) -> None:
    params = (aurorae.MAIN_OVAL_SHELL_RJ, aurorae.OVAL_POINTS)
    bad = tmp_path / "traced.npz"
    bad.write_bytes(b"not a zip file")
    monkeypatch.setattr(traced_store, "store_path", lambda: bad)
    traced_store._load.cache_clear()
    try:
        assert traced_store.stored("main_oval", params) is None
        # an entry written for other coefficients (its key differs) is not used
        traced_store.write(bad, {"main_oval": (params, {"north": np.zeros((3, 2)),
                                                        "south": np.zeros((3, 2))})})
        assert traced_store.stored("main_oval", params) is not None
        monkeypatch.setattr(traced_store, "FORMAT", traced_store.FORMAT + 1)
        assert traced_store.stored("main_oval", params) is None
        assert not list(tmp_path.glob("*.tmp"))  # written atomically
    finally:
        traced_store._load.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_caches():
    aurorae.main_oval.cache_clear()
    aurorae.footprint_track.cache_clear()
    field_lines.field_lines.cache_clear()
    yield
    aurorae.main_oval.cache_clear()
    aurorae.footprint_track.cache_clear()
    field_lines.field_lines.cache_clear()
