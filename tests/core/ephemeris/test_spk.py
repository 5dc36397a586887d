"""SpkSource: JPL satellite kernels of SPK types 2 and 3 as the precise moon source."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from jplephem.daf import DAF

from jovianview.core import ephemeris
from jovianview.core.ephemeris import Ephemeris
from jovianview.core.ephemeris.spk import (
    SpkSource,
    active_kernel,
    stop_using_kernel,
    use_kernel,
)
from jovianview.core.errors import DataFileError, UnknownBodyError
from tests.core.ephemeris.spk_factory import DAY, J2000, T0, Seg, orbit, records, write_spk

MOON_IDS = {"io": 501, "europa": 502, "ganymede": 503, "callisto": 504}


def _expected(body: str, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    p, v = orbit(MOON_IDS[body], t)
    pj, vj = orbit(599, t)
    return p - pj, v - vj


@pytest.mark.parametrize("kernel", ["kernel_t2", "kernel_t3"])
def test_states_match_analytic_orbits_across_segments(kernel: str, request) -> None:
    source = SpkSource(request.getfixturevalue(kernel))
    # Epochs spread over both segments of every target, including the boundary between them.
    edges = [T0 + 20.0, T0, T0 + 60]
    t = np.concatenate([T0 + np.random.default_rng(0).uniform(0, 60, 500), edges])
    for body in MOON_IDS:
        pos, vel = source.state(body, t)
        want_pos, want_vel = _expected(body, t)
        assert pos.shape == vel.shape == (3, t.size)
        np.testing.assert_allclose(pos, want_pos, rtol=0, atol=2e-3)  # fit error ~3e-4 km
        np.testing.assert_allclose(vel, want_vel, rtol=0, atol=5e-6)  # km/s, not km/day


def test_type3_velocity_comes_from_the_file(kernel_t3: Path) -> None:
    t = T0 + np.linspace(1, 59, 50)
    vel = SpkSource(kernel_t3).state("io", t)[1]
    np.testing.assert_allclose(vel, _expected("io", t)[1], rtol=0, atol=1e-7)


def test_covers_and_spans(kernel_t2: Path) -> None:
    source = SpkSource(kernel_t2)
    assert source.bodies == ("io", "europa", "ganymede", "callisto")
    assert source.spans("europa") == [(T0, T0 + 60)]
    assert source.covers("Io", np.array([T0, T0 + 30, T0 + 60]))
    assert not source.covers("io", np.array([T0 + 30, T0 + 60.01]))
    assert not source.covers("sun", np.array([T0 + 1]))
    with pytest.raises(UnknownBodyError, match="io, europa"):
        source.state("sun", np.array([T0 + 1]))
    with pytest.raises(DataFileError, match="outside the segments"):
        source.state("io", np.array([T0 - 1]))


def test_later_segment_wins_where_segments_overlap(tmp_path: Path) -> None:
    # A later Io segment over days 10-20 holding Europa's orbit must take over there, and only
    # there: SPICE's rule that the last segment loaded wins.
    segs = [Seg(t, T0, 40, 1.0) for t in (501, 502, 503, 504, 599)]
    path = write_spk(tmp_path / "overlap.bsp", segs)
    europa_as_io = Seg(502, T0 + 10, 10, 1.0)
    rec = records(europa_as_io)
    words = np.concatenate([rec.ravel(), [(T0 + 10 - J2000) * DAY, DAY, rec.shape[1], 10]])
    with open(path, "r+b") as f:
        DAF(f).add_array(b"override", ((T0 + 10 - J2000) * DAY, (T0 + 20 - J2000) * DAY,
                                       501, 5, 1, 2), words)
    source = SpkSource(path)
    inside, outside = np.array([T0 + 15.0]), np.array([T0 + 25.0])
    np.testing.assert_allclose(source.state("io", inside)[0], _expected("europa", inside)[0],
                               atol=2e-3)
    np.testing.assert_allclose(source.state("io", outside)[0], _expected("io", outside)[0],
                               atol=2e-3)


def test_missing_targets_are_refused(tmp_path: Path) -> None:
    path = write_spk(tmp_path / "nojup.bsp", [Seg(501, T0, 10), Seg(502, T0, 10)])
    with pytest.raises(DataFileError, match=r"nojup\.bsp.*599"):
        SpkSource(path)
    partial = SpkSource(write_spk(tmp_path / "io.bsp", [Seg(501, T0, 10), Seg(599, T0, 10)]))
    assert partial.bodies == ("io",)
    assert not partial.covers("europa", np.array([T0 + 1]))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda b: b[:700], "too short"),
        (lambda b: b[: len(b) // 2], "truncated|outside the file"),
        (lambda b: b"GARBAGE!" + b[8:], "not a readable DAF/SPK|GARBAGE"),
        (lambda b: b"DAF/PCK " + b[8:], "not an SPK"),
        (lambda b: b[: len(b) - 8] + np.float64(7.0).tobytes(), "corrupt"),
    ],
)
def test_damaged_files_raise_data_file_error(kernel_t2: Path, tmp_path: Path, damage,
                                             message: str) -> None:
    bad = tmp_path / "bad.bsp"
    bad.write_bytes(damage(kernel_t2.read_bytes()))
    with pytest.raises(DataFileError, match=message) as info:
        SpkSource(bad)
    assert "bad.bsp" in str(info.value)


def test_missing_file_and_text_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read kernel"):
        SpkSource(tmp_path / "absent.bsp")
    text = tmp_path / "notes.bsp"
    text.write_text("hello\n" * 400)
    with pytest.raises(DataFileError, match="notes.bsp"):
        SpkSource(text)


def test_an_ephemeris_with_the_kernel_prefers_it_epoch_by_epoch(kernel_t3: Path) -> None:
    with Ephemeris(spk=kernel_t3) as eph:
        inside = T0 + np.array([3.0, 33.0])
        np.testing.assert_allclose(eph.state("ganymede", inside)[0],
                                   _expected("ganymede", inside)[0], atol=2e-3)
        # Outside the kernel (60 days from T0) the embedded tables answer, row by row.
        t = np.array([T0 + 3.0, T0 + 90.0])
        pos = eph.state("ganymede", t)[0]
        np.testing.assert_allclose(pos[:, 0], _expected("ganymede", t[:1])[0][:, 0], atol=2e-3)
        np.testing.assert_array_equal(pos[:, 1], Ephemeris().state("ganymede", T0 + 90.0)[0])
        assert list(eph.sources("ganymede", t)) == ["t3.bsp", "embedded"]
        assert list(eph.sources("sun", t)) == ["embedded", "embedded"]
        snap = eph.positions_at(T0 + 3.0)  # the per-frame entry takes the kernel too
        np.testing.assert_allclose(snap["ganymede"], inside_first(eph), atol=1e-9)
    # The default object (jovianview.core.state) never saw the kernel.
    np.testing.assert_array_equal(ephemeris.state("ganymede", T0 + 3.0)[0],
                                  Ephemeris().state("ganymede", T0 + 3.0)[0])


def inside_first(eph: Ephemeris) -> np.ndarray:
    return eph.state("ganymede", T0 + 3.0)[0]


def test_compatibility_use_kernel_changes_only_the_default(kernel_t3: Path, tmp_path) -> None:
    bad = tmp_path / "bad.bsp"
    bad.write_bytes(b"\0" * 4096)
    try:
        source = use_kernel(kernel_t3)
        assert active_kernel() is source
        t = T0 + np.array([3.0, 33.0])
        np.testing.assert_allclose(ephemeris.state("ganymede", t)[0],
                                   _expected("ganymede", t)[0], atol=2e-3)
        with pytest.raises(DataFileError):
            use_kernel(bad)
        assert active_kernel() is source  # a bad file leaves the working kernel in place
    finally:
        stop_using_kernel()
    assert active_kernel() is None and ephemeris.default_ephemeris().spk is None


def test_a_record_of_nan_is_refused_naming_its_segment(kernel_t2: Path, tmp_path) -> None:
    """A kernel with NaN in one record used to print rows of nan with exit status 0."""
    data = bytearray(kernel_t2.read_bytes())
    source = SpkSource(kernel_t2)
    seg = source._chains["europa"][0].segments[0].impl  # Europa's first segment, 502 rel. 5
    source.close()
    word = seg.start_i + 2  # the first record's first x coefficient (after MID, RADIUS)
    data[(word - 1) * 8: word * 8] = np.float64("nan").tobytes()
    bad = tmp_path / "nan.bsp"
    bad.write_bytes(bytes(data))
    broken = SpkSource(bad)
    try:
        with pytest.raises(DataFileError, match=r"nan\.bsp: segment 502 \(europa\) rel\. 5 .*"
                           r"NaN or infinite states \(first at TDB JD 2458849\.600000\).*corrupt"):
            broken.state("europa", T0 + np.array([0.1, 30.0]))
        np.testing.assert_allclose(broken.state("io", np.array([T0 + 0.1]))[0],
                                   _expected("io", np.array([T0 + 0.1]))[0], atol=2e-3)
    finally:
        broken.close()
