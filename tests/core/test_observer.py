"""The observer's site and altitudes against skyfield's own topocentric alt/az on DE421."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.observer import Observer, ObserverError
from jovianview.core.timescale import _timescale, utc_to_tdb


def _skyfield_altitudes(obs: Observer, tdb: np.ndarray):
    skyfield_data = pytest.importorskip("skyfield_data")
    from skyfield.api import Loader, wgs84

    eph = Loader(skyfield_data.get_skyfield_data_path())("de421.bsp")
    site = eph["earth"] + wgs84.latlon(obs.lat_deg, obs.lon_deg, elevation_m=obs.height_m)
    t = _timescale().tdb_jd(tdb)
    out = []
    for body in ("jupiter barycenter", "sun"):
        alt, _, _ = site.at(t).observe(eph[body]).apparent().altaz()
        out.append(alt.degrees)
    return out


@pytest.mark.filterwarnings("ignore:The file finals2000A.all has expired:RuntimeWarning")
def test_altitudes_match_skyfield_within_a_few_hundredths_of_a_degree() -> None:
    obs = Observer(48.85, 2.35, 35.0)  # Paris
    tdb = np.asarray(utc_to_tdb([f"2024-12-07T{h:02d}:00" for h in range(0, 24, 3)]))
    jup, sun = obs.altitudes(tdb)
    ref_jup, ref_sun = _skyfield_altitudes(obs, tdb)
    # Ours: geometric direction at the instant (no light time, aberration or refraction):
    # Jupiter moves 0.008 deg in its 35 minutes of light time, aberration is 0.006 deg.
    np.testing.assert_allclose(jup, ref_jup, atol=0.03)
    np.testing.assert_allclose(sun, ref_sun, atol=0.03)


def test_dark_sky_and_horizon() -> None:
    obs = Observer(48.85, 2.35)
    tdb = np.asarray(utc_to_tdb(["2024-12-07T00:00", "2024-12-07T12:00"]))
    jup, sun, ok = obs.observable(tdb)
    assert ok.tolist() == [True, False]  # opposition: up at midnight, down at noon
    assert jup[0] > 60 and sun[0] < -60


def test_offset_is_an_earth_radius() -> None:
    pos, vel = Observer(0.0, 0.0).offset(utc_to_tdb(["2020-01-01", "2020-01-02"]))
    assert pos.shape == (3, 2)
    np.testing.assert_allclose(np.linalg.norm(pos, axis=0), 6378.137, atol=0.01)
    np.testing.assert_allclose(np.linalg.norm(vel, axis=0), 0.4651, atol=0.001)


@pytest.mark.parametrize("text", ["48.8", "north,2", "95,2", "48,2,99999", "1,2,3,4"])
def test_bad_observer_is_one_clear_error(text) -> None:
    with pytest.raises(ObserverError, match="LAT,LON"):
        Observer.parse(text)
