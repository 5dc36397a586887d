"""Named features: the data file, lat/lon -> body-fixed -> ICRF, and the per-frame model."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core import ellipsoid
from jovianview.core.features import (
    body_fixed_points,
    load_features,
    surface_normal,
    surface_point,
    system3_longitude,
    to_icrf,
)
from jovianview.core.frames import body_rotation
from jovianview.core.grs import SYSTEM2_RATE, SYSTEM3_RATE, grs_system3_longitude
from jovianview.core.iau import ROTATION_MODELS
from jovianview.core.timescale import utc_to_tdb
from jovianview.model.features import GRS_KEY, FeaturesModel
from jovianview.model.settings import Settings

TDB = float(utc_to_tdb("2023-12-30T08:36:00"))
REQUIRED = {
    "io": {"Loki Patera", "Pele", "Tvashtar", "Prometheus", "Amirani", "Masubi", "Marduk",
           "Culann"},
    "europa": {"Pwyll", "Conamara Chaos"},
    "ganymede": {"Tros", "Osiris", "Galileo Regio"},
    "callisto": {"Valhalla", "Asgard"},
    "jupiter": {"Great Red Spot", "Oval BA"},
}


def test_the_table_names_what_the_issue_asks_with_sources() -> None:
    features = load_features()
    for body, names in REQUIRED.items():
        assert names <= {f.name for f in features if f.body == body}, body
    for f in features:
        assert -90 <= f.lat <= 90 and 0 <= f.lon_west < 360
        assert f.line.startswith(f.name.split()[0]) and len(f.line) < 200
        if f.body != "jupiter":
            assert "Gazetteer" in f.source, f.name
        else:
            assert f.placement in ("grs", "drift")


@pytest.mark.parametrize(("lat", "lon"), [(-22.0, 100.0), (63.0, 300.0), (0.0, 0.0)])
def test_planetographic_points_on_jupiter_match_the_ellipsoid_module(lat, lon) -> None:
    p = surface_point("jupiter", lat, lon)
    np.testing.assert_allclose(p, ellipsoid.surface_point(lat, lon), atol=1e-6)
    assert ellipsoid.planetographic_latitude(p) == pytest.approx(lat, abs=1e-9)
    assert ellipsoid.west_longitude(p) == pytest.approx(lon % 360, abs=1e-9)


@pytest.mark.parametrize("body", ["io", "europa", "ganymede", "callisto"])
def test_moon_points_lie_on_the_iau_ellipsoid_facing_their_coordinates(body) -> None:
    radii = np.asarray(ROTATION_MODELS[body].radii)
    for lat, lon in ((-18.7, 255.3), (62.8, 123.5), (0.0, 90.0)):
        p = surface_point(body, lat, lon)
        assert np.sum((p / radii) ** 2) == pytest.approx(1.0, abs=1e-12)
        n = surface_normal(body, p)  # planetographic: the normal points at (lat, lon)
        assert np.degrees(np.arcsin(n[2])) == pytest.approx(lat, abs=1e-9)
        assert ellipsoid.west_longitude(n) == pytest.approx(lon, abs=1e-9)
        c = surface_point(body, lat, lon, "planetocentric")
        assert ellipsoid.planetocentric_latitude(c) == pytest.approx(lat, abs=1e-9)
        assert ellipsoid.west_longitude(c) == pytest.approx(lon, abs=1e-9)


def test_icrf_round_trip_and_rotation_with_the_body() -> None:
    pele = next(f for f in load_features() if f.name == "Pele")
    fixed = body_fixed_points((pele,), TDB)
    icrf = to_icrf(fixed, body_rotation("io", TDB))
    np.testing.assert_allclose(body_rotation("io", TDB) @ icrf, fixed, atol=1e-9)
    # half an Io day later Pele has turned half way round Io's pole
    later = to_icrf(fixed, body_rotation("io", TDB + 1.769137786 / 2))
    cos = float(icrf[:, 0] @ later[:, 0]) / np.linalg.norm(icrf) ** 2
    lat = np.radians(ellipsoid.planetocentric_latitude(fixed[:, 0]))
    assert cos == pytest.approx(2 * np.sin(lat) ** 2 - 1, abs=2e-3)


def test_jupiter_features_follow_the_date() -> None:
    grs, ba = (next(f for f in load_features() if f.name == n) for n in ("Great Red Spot",
                                                                          "Oval BA"))
    assert system3_longitude(grs, TDB) == pytest.approx(grs_system3_longitude(TDB))
    assert system3_longitude(grs, TDB, 100.0) == pytest.approx(grs_system3_longitude(TDB, 100.0))
    # Oval BA: its System II longitude at the epoch is the file's, then it drifts
    at_epoch = system3_longitude(ba, ba.epoch_tdb)
    offset = (SYSTEM3_RATE - SYSTEM2_RATE)  # System III gains on II by this, deg/day
    ten_days = system3_longitude(ba, ba.epoch_tdb + 10.0)
    drift = ((ten_days - at_epoch + 180) % 360) - 180
    assert drift == pytest.approx(10 * (ba.system2_rate + offset), abs=1e-6)


def test_model_puts_spots_in_the_snapshot_only_when_shown() -> None:
    from jovianview.model.scene import SceneModel

    settings = Settings()
    assert settings.show_features is False
    scene = SceneModel(TDB)
    scene.features = FeaturesModel(settings, grs_map_latitude=-25.2)
    assert scene.snapshot(TDB).features is None
    settings.show_features = True
    spots = scene.snapshot(TDB).features
    assert spots is not None and len(spots.features) == len(load_features())
    radii = {b: np.asarray(m.radii) for b, m in ROTATION_MODELS.items()}
    for i, f in enumerate(spots.features):
        assert radii[f.body].min() - 1e-6 <= np.linalg.norm(spots.offsets[:, i]) \
            <= radii[f.body].max() + 1e-6
        assert np.linalg.norm(spots.normals[:, i]) == pytest.approx(1.0)
    # the GRS sits at the drawn map's latitude (planetocentric)
    i = [f.key for f in spots.features].index(GRS_KEY)
    fixed = body_rotation("jupiter", TDB) @ spots.offsets[:, i]
    assert ellipsoid.planetocentric_latitude(fixed) == pytest.approx(-25.2, abs=1e-9)
    scene.features.close()
    settings.show_features = False
    assert scene.features.visible is True  # closed: no longer follows the settings


def test_coordinates_agree_with_the_registration_checks() -> None:
    """tests/render/test_registration.py finds these on the drawn maps (to about a degree)."""
    seen = {"Pele": (255.0, -19.0), "Pwyll": (271.0, -25.0), "Tros": (27.0, 11.0),
            "Valhalla": (56.0, 15.0)}
    for f in load_features():
        if f.name in seen:
            lon, lat = seen[f.name]
            assert abs((f.lon_west - lon + 180) % 360 - 180) < 1.0 and abs(f.lat - lat) < 1.0
