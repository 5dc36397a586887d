"""``jovianview juno compare`` against SPKs written here: the embedded trajectory plus offsets.

Kernel ``a_*.bsp`` (type 13) holds the embedded trajectory shifted 10 km in x over a day around
PJ8; ``b_*.bsp`` (type 9, loaded later so it wins where both cover) holds it shifted 30 km in y
and 2 m/s in vy over PJ8's +-6 h window. Type 9 interpolates velocity on its own, so the
velocity offset stays 2 m/s without bending the positions.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

pytest.importorskip("spiceypy", reason="SpiceyPy (jovianview[spice]) is not installed")

from jovianview.cli.main import main  # noqa: E402
from jovianview.core.ephemeris.juno import juno_state  # noqa: E402
from jovianview.core.ephemeris.juno_compare import compare_juno, overlap  # noqa: E402
from jovianview.core.ephemeris.spice_juno import SpiceJunoSource  # noqa: E402
from jovianview.core.events import perijove  # noqa: E402
from jovianview.core.timescale import tdb_to_iso  # noqa: E402
from tests.core.ephemeris.juno_spk_factory import T_PJ, juno_states, write_juno_spk  # noqa: E402
from tests.core.ephemeris.spk_factory import standard_segments, write_spk  # noqa: E402

PJ8 = perijove(8).tdb
WINDOW = 0.25  # days: the command's default +-6 h
FAR = np.array([10.0, 0.0, 0.0, 0.0, 0.0, 0.0])  # km, km/s
NEAR = np.array([0.0, 30.0, 0.0, 0.0, 0.002, 0.0])
STEP = 10.0 / 1440.0  # the default --step
PJ_STEP = 30.0 / 86400.0  # the default --perijove-step


@pytest.fixture(scope="module")
def kernels(tmp_path_factory: pytest.TempPathFactory):
    """A folder with the two offset kernels."""
    folder = tmp_path_factory.mktemp("jc")
    write_juno_spk(folder / "a_far.bsp", T_PJ, T_PJ + 1.0,
                   states=lambda t: juno_states(t) + FAR)
    # one second wider than the window each side, so that no sample in it falls to a_far
    pad = 1.0 / 86400.0
    write_juno_spk(folder / "b_near.bsp", PJ8 - WINDOW - pad, PJ8 + WINDOW + pad,
                   data_type=9, states=lambda t: juno_states(t) + NEAR)
    return folder


def _csv(text: str) -> dict[str, dict[str, str]]:
    lines = text.strip().splitlines()
    header = lines[0].split(",")
    return {row.split(",")[0]: dict(zip(header, row.split(","), strict=True))
            for row in lines[1:]}


def _rel_rms(t: np.ndarray, offset: np.ndarray) -> tuple[float, float]:
    """Max and RMS of |offset| / r over epochs ``t``, r from the shifted positions."""
    r = np.linalg.norm(juno_state(t)[0] + offset[:3, None], axis=0)
    rel = np.linalg.norm(offset[:3]) / r
    return float(rel.max()), float(np.sqrt(np.mean(rel ** 2)))


def test_compare_reports_the_known_offsets(kernels, capsys) -> None:
    assert main(["juno", "compare", "--kernels", str(kernels), "--csv", "--by-perijove"]) == 0
    out = capsys.readouterr()
    rows = _csv(out.out)
    assert list(rows) == ["near_perijove", "elsewhere", "all", "PJ8"]
    near, far, both = rows["near_perijove"], rows["elsewhere"], rows["all"]
    # position: 30 km inside the window, 10 km outside, interpolation adds under 10 m
    for row, km in ((near, 30.0), (far, 10.0)):
        assert float(row["max_km"]) == pytest.approx(km, abs=0.01)
        assert float(row["rms_km"]) == pytest.approx(km, abs=0.01)
    n_near, n_far = int(near["samples"]), int(far["samples"])
    assert n_near == round(2 * WINDOW / PJ_STEP) + 1  # every 30 s over 12 h, both ends
    t_grid = T_PJ + STEP * np.arange(round(1.0 / STEP) + 1)
    t_far = t_grid[np.abs(t_grid - PJ8) > WINDOW]
    assert n_far == t_far.size  # the 10-min grid outside the window
    assert int(both["samples"]) == n_near + n_far
    mix = np.sqrt((n_near * 30.0 ** 2 + n_far * 10.0 ** 2) / (n_near + n_far))
    assert float(both["rms_km"]) == pytest.approx(mix, abs=0.01)
    assert float(both["max_km"]) == pytest.approx(30.0, abs=0.01)
    # relative to the distance from Jupiter: 30 km / r at perijove is largest
    t_near = PJ8 - WINDOW + PJ_STEP * np.arange(n_near)
    for row, t, offset in ((near, t_near, NEAR), (far, t_far, FAR)):
        top, rms = _rel_rms(t, offset)
        assert float(row["max_rel"]) == pytest.approx(top, rel=1e-3)
        assert float(row["rms_rel"]) == pytest.approx(rms, rel=1e-3)
    r_pj = np.linalg.norm(juno_state(PJ8)[0])
    assert float(near["max_rel"]) == pytest.approx(30.0 / r_pj, rel=1e-3)
    # velocity: 2 m/s inside, nothing outside
    assert float(near["max_dv_m_s"]) == pytest.approx(2.0, abs=0.1)
    assert float(near["rms_dv_m_s"]) == pytest.approx(2.0, abs=0.1)
    assert float(far["max_dv_m_s"]) < 0.01
    assert rows["PJ8"]["max_km"] == near["max_km"]
    assert not out.err


def test_table_names_the_span_and_the_regions(kernels, capsys) -> None:
    assert main(["juno", "compare", "--kernels", str(kernels)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Juno: embedded trajectory minus the kernels in {kernels} (2 files)"
    assert lines[1].startswith(f"compared: {tdb_to_iso(T_PJ, 0)} to "
                               f"{tdb_to_iso(T_PJ + 1.0, 0)} UTC (24.0 h, 1 perijove)")
    near = next(ln for ln in lines if ln.startswith("near PJ (+-6h)")).split()
    far = next(ln for ln in lines if ln.startswith("elsewhere")).split()
    assert float(near[4]) == pytest.approx(30.0, abs=0.01)  # max km
    assert float(far[2]) == pytest.approx(10.0, abs=0.01)


def test_from_to_limit_the_span_and_a_smaller_window(kernels, capsys) -> None:
    assert main(["juno", "compare", "--kernels", str(kernels), "--csv", "--window", "1h",
                 "--from", tdb_to_iso(PJ8 - 0.2), "--to", tdb_to_iso(PJ8 + 0.2)]) == 0
    rows = _csv(capsys.readouterr().out)
    # all of it inside b_near (30 km); the +-1 h windows are sampled every 30 s
    assert float(rows["elsewhere"]["max_km"]) == pytest.approx(30.0, abs=0.01)
    assert int(rows["near_perijove"]["samples"]) == 241


def test_a_folder_without_juno_is_refused(tmp_path, capsys) -> None:
    write_spk(tmp_path / "moons.bsp", standard_segments(2, days=5.0))
    assert main(["juno", "compare", "--kernels", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith(f"jovianview juno: error: {tmp_path} holds no usable Juno (NAIF -61) "
                          "kernel (")
    assert "moons.bsp: holds no Juno (NAIF -61) data" in err


def test_kernels_outside_the_embedded_span_are_refused(tmp_path, capsys) -> None:
    def circle(t: np.ndarray) -> np.ndarray:  # any orbit: the embedded table starts later
        phase = 2 * np.pi * (t - t[0])
        r, v = 1.0e6, 2 * np.pi * 1.0e6 / 86400.0
        return np.stack([r * np.cos(phase), r * np.sin(phase), 0 * t, -v * np.sin(phase),
                         v * np.cos(phase), 0 * t], axis=1)

    write_juno_spk(tmp_path / "cruise.bsp", 2457540.5, 2457541.5, step_s=600.0, states=circle)
    assert main(["juno", "compare", "--kernels", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert f"Juno's kernels cover {tdb_to_iso(2457540.5, 0)} to" in err
    assert "they have no time in common to compare" in err


def test_from_to_outside_the_kernels_are_refused(kernels, capsys) -> None:
    assert main(["juno", "compare", "--kernels", str(kernels), "--from", "2018-01-01",
                 "--to", "2018-01-02"]) == 2
    err = capsys.readouterr().err.strip()
    assert "none of it inside --from/--to" in err and len(err.splitlines()) == 1


def test_kernels_with_a_gap_are_compared_where_they_cover(tmp_path) -> None:
    write_juno_spk(tmp_path / "a.bsp", T_PJ, T_PJ + 0.3, states=lambda t: juno_states(t) + FAR)
    write_juno_spk(tmp_path / "b.bsp", T_PJ + 0.6, T_PJ + 1.0,
                   states=lambda t: juno_states(t) + FAR)
    source = SpiceJunoSource.from_directory(tmp_path)
    try:
        result = compare_juno(source)
    finally:
        source.close()
    np.testing.assert_allclose(result.spans, [(T_PJ, T_PJ + 0.3), (T_PJ + 0.6, T_PJ + 1.0)],
                               rtol=0, atol=1e-8)
    assert result.overall.max_km == pytest.approx(10.0, abs=0.01)
    # PJ8 (T_PJ + 0.41) falls in the gap: only the parts of its window the kernels cover count,
    # each sampled every 30 s from its start and at its end
    pieces = (T_PJ + 0.3 - (PJ8 - WINDOW), PJ8 + WINDOW - (T_PJ + 0.6))
    assert result.near.samples == sum(math.ceil(p / PJ_STEP) + 1 for p in pieces)


def test_overlap_of_interval_lists() -> None:
    assert overlap([(0.0, 2.0), (3.0, 5.0)], [(1.0, 4.0)]) == [(1.0, 2.0), (3.0, 4.0)]
    assert overlap([(0.0, 1.0)], [(1.0, 2.0)]) == []
    assert overlap([], [(0.0, 1.0)]) == []
