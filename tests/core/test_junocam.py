"""JunoCam's frustum and footprint under the nominal attitude, on synthetic geometry."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.junocam import CROSS_TRACK_DEG, frustum_directions, junocam_view

RADII = (71492.0, 71492.0, 66854.0)


def test_frustum_is_58_degrees_along_the_spin_axis() -> None:
    d = frustum_directions(np.array([1.0, 0, 0]), np.array([0, 0, 1.0]), samples_per_side=4)
    # x-extremes along the spin axis (z): the widest pair of directions in the x-z plane
    elev = np.degrees(np.arctan2(d[2], d[0]))
    assert elev.max() - elev.min() == pytest.approx(CROSS_TRACK_DEG, abs=1e-9)
    azim = np.degrees(np.arctan2(d[1], d[0]))
    assert azim.max() - azim.min() == pytest.approx(20.0, abs=1e-9)
    assert np.allclose(d[:, 0], d[:, -1])  # closed outline


def test_footprint_below_juno_at_perijove() -> None:
    juno = np.array([RADII[0] + 4000.0, 0.0, 0.0])  # 4000 km over 0 deg, equator
    view = junocam_view(juno, np.array([0.0, 0.0, 1.0]), np.eye(3), RADII)
    assert np.allclose(view.boresight, [-1, 0, 0])
    lon, lat = view.centre_lonlat
    assert lon == pytest.approx(0.0, abs=1e-9) and lat == pytest.approx(0.0, abs=1e-9)
    flon, flat = view.footprint_lonlat
    # 58 deg across the spin axis (north-south here), 20 deg along the spin: taller than wide
    assert np.ptp(flat) > 2 * np.ptp(flon)
    assert flat.max() == pytest.approx(-flat.min(), abs=0.3)  # symmetric (oblateness aside)
    # every footprint point is on the ellipsoid
    x, y, z = view.footprint
    assert np.allclose((x / RADII[0]) ** 2 + (y / RADII[1]) ** 2 + (z / RADII[2]) ** 2, 1.0)


def test_far_away_footprint_misses_the_limb_gracefully() -> None:
    juno = np.array([0.0, 60 * RADII[0], 0.0])
    view = junocam_view(juno, np.array([0.0, 0.0, 1.0]), np.eye(3), RADII)
    assert view.centre_lonlat is not None
    assert view.footprint.shape[1] == 0  # at 60 R_J Jupiter lies inside the frame
