"""The Ephemeris object: the embedded tables alone agree with ``state()``; objects are separate."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from jovianview.core import state
from jovianview.core.ephemeris import Ephemeris, available_bodies, default_ephemeris, span
from jovianview.core.ephemeris.snapshot import snapshot_bodies
from jovianview.core.errors import DataFileError, TimeRangeError, UnknownBodyError
from jovianview.core.timescale import utc_to_tdb

T = float(utc_to_tdb("2022-09-29T09:36:28"))


def test_the_embedded_ephemeris_is_what_state_answers() -> None:
    eph = Ephemeris()
    assert eph.available_bodies() == available_bodies()
    t = T + np.linspace(-3.0, 3.0, 7)
    for body in eph.available_bodies():
        assert eph.span(body) == span(body)
        for when in (T, t):
            for mine, theirs in zip(eph.state(body, when), state(body, when), strict=True):
                np.testing.assert_array_equal(mine, theirs)
        assert set(eph.sources(body, t)) == {"embedded"}
    assert eph.juno_kernels_cover(T) is None and eph.problems == []
    assert default_ephemeris() is default_ephemeris()


def test_positions_at_is_the_per_frame_form_of_state() -> None:
    eph = Ephemeris()
    snap = eph.positions_at(T)
    assert set(snap) == set(snapshot_bodies())
    for body, pos in snap.items():
        np.testing.assert_allclose(pos, eph.state(body, T)[0], rtol=0, atol=1e-6)
    assert eph.positions_at(float(utc_to_tdb("1990-01-01"))) == {}  # outside: ask state()


def test_errors_name_the_problem() -> None:
    eph = Ephemeris()
    with pytest.raises(UnknownBodyError, match="pluto"):
        eph.state("pluto", T)
    with pytest.raises(TimeRangeError, match="TDB JD 1e\\+308 is outside the embedded"):
        eph.state("io", 1e308)


def test_a_failed_juno_source_closes_the_moon_kernel_it_opened(tmp_path: Path,
                                                               monkeypatch) -> None:
    from tests.core.ephemeris.spk_factory import standard_segments, write_spk

    kernel = write_spk(tmp_path / "moons.bsp", standard_segments(2))
    opened = []
    import jovianview.core.ephemeris.composed as composed

    real = composed.SpkSource

    class Spy(real):  # type: ignore[misc, valid-type]
        def __init__(self, path) -> None:  # noqa: ANN001
            super().__init__(path)
            opened.append(self)

        def close(self) -> None:
            self.closed = True
            super().close()

    monkeypatch.setattr(composed, "SpkSource", Spy)
    with pytest.raises(DataFileError, match="does not exist"):
        Ephemeris(spk=kernel, juno_kernels=tmp_path / "no-such-folder")
    assert len(opened) == 1 and getattr(opened[0], "closed", False)
