"""Named surface features (volcanoes, craters, storms): where they are, in body-fixed km and ICRF.

The features and their published coordinates live in ``assets/features/features.toml``, each
with its source. Coordinates are planetographic (the latitude of the surface normal) or
planetocentric latitude and west longitude, the IAU convention for Jupiter and the Galilean
moons. A point is put on the body's IAU ellipsoid (:data:`jovianview.core.iau.ROTATION_MODELS`
radii, the shape the renderer draws), then turned into ICRF with the body's IAU rotation
(:func:`jovianview.core.frames.body_rotation`).

Jupiter's clouds drift, so two placements depend on the date: ``grs`` (the Great Red Spot's
System III longitude from :mod:`jovianview.core.grs`) and ``drift`` (a dated System II
longitude with a constant drift rate, converted to System III the same way).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from jovianview.core.assets import asset_path
from jovianview.core.errors import DataFileError, JovianviewError
from jovianview.core.grs import grs_system3_longitude, system2_to_system3
from jovianview.core.iau import BODIES, ROTATION_MODELS
from jovianview.core.timescale import utc_to_tdb

LATITUDES = ("planetographic", "planetocentric")
PLACEMENTS = ("fixed", "grs", "drift")
FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Feature:
    """One named feature, as the data file gives it."""

    body: str
    name: str
    kind: str
    lat: float  # degrees, north positive
    lon_west: float  # degrees, 0-360, west positive (System III for Jupiter)
    latitude: str  # "planetographic" or "planetocentric"
    line: str  # the sentence a click shows
    source: str
    placement: str = "fixed"
    epoch_tdb: float | None = None  # drift: when System II longitude was lon_west
    system2_rate: float = 0.0  # drift: deg/day in System II

    @property
    def key(self) -> str:
        """A unique id, ``body:name``."""
        return f"{self.body}:{self.name}"


def _feature(row: dict) -> Feature:
    body = str(row["body"])
    latitude = str(row.get("latitude", "planetographic"))
    placement = str(row.get("placement", "fixed"))
    if body not in BODIES or latitude not in LATITUDES or placement not in PLACEMENTS:
        raise DataFileError(f"feature {row.get('name')!r}: unknown body, latitude or placement "
                            f"({body!r}, {latitude!r}, {placement!r})")
    lat = float(row["lat"])
    if not -90.0 <= lat <= 90.0:
        raise DataFileError(f"feature {row['name']!r}: latitude {lat} outside -90..90")
    epoch = row.get("epoch_utc")
    return Feature(body=body, name=str(row["name"]), kind=str(row["kind"]), lat=lat,
                   lon_west=float(row["lon_west"]) % 360.0, latitude=latitude,
                   line=str(row["line"]), source=str(row["source"]), placement=placement,
                   epoch_tdb=None if epoch is None else float(utc_to_tdb(str(epoch))),
                   system2_rate=float(row.get("system2_rate_deg_per_day", 0.0)))


@cache
def load_features() -> tuple[Feature, ...]:
    """Every feature of ``assets/features/features.toml``, in file order.

    Raises
    ------
    DataFileError
        When the file is missing or an entry is malformed.
    """
    path = asset_path("features", "features.toml")
    try:
        rows = tomllib.loads(path.read_text(encoding="utf-8"))["feature"]
        features = tuple(_feature(r) for r in rows)
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, DataFileError):
            raise
        raise DataFileError(f"feature table {path} is malformed ({exc}); reinstall "
                            f"jovianview") from None
    keys = [f.key for f in features]
    if len(set(keys)) != len(keys):
        raise DataFileError(f"feature table {path} names a feature twice")
    return features


def surface_point(body: str, lat_deg: float, lon_west_deg: float,
                  latitude: str = "planetographic") -> FloatArray:
    """Body-fixed position (km, (3,)) of a surface point on ``body``'s IAU ellipsoid.

    Planetographic: the point whose outward normal has that latitude and longitude, on the
    triaxial ellipsoid (for Jupiter's spheroid the same as
    :func:`jovianview.core.ellipsoid.surface_point`). Planetocentric: the point seen from the
    centre in that direction.
    """
    if latitude not in LATITUDES:
        raise JovianviewError(f"unknown latitude kind {latitude!r}: choose one of "
                              f"{', '.join(LATITUDES)}")
    radii = np.asarray(ROTATION_MODELS[body].radii, dtype=float)
    lat, east = math.radians(lat_deg), -math.radians(lon_west_deg)
    d = np.array([math.cos(lat) * math.cos(east), math.cos(lat) * math.sin(east), math.sin(lat)])
    if latitude == "planetocentric":
        return d / math.sqrt(float(np.sum((d / radii) ** 2)))
    scaled = radii * radii * d  # the point with normal d: r_i^2 d_i / sqrt(sum r_i^2 d_i^2)
    return scaled / math.sqrt(float(np.sum(radii * radii * d * d)))


def surface_normal(body: str, point_km: FloatArray) -> FloatArray:
    """Outward unit normal(s) of ``body``'s ellipsoid at body-fixed point(s) (3,) or (3, N)."""
    radii = np.asarray(ROTATION_MODELS[body].radii, dtype=float)
    p = np.asarray(point_km, dtype=float)
    g = p / (radii * radii if p.ndim == 1 else (radii * radii)[:, None])
    return g / np.linalg.norm(g, axis=0)


def system3_longitude(feature: Feature, tdb: float,
                      grs_system2_override: float | None = None) -> float:
    """The feature's west longitude at ``tdb``: fixed, the GRS's by date, or a drift."""
    if feature.placement == "grs":
        return grs_system3_longitude(float(tdb), grs_system2_override)
    if feature.placement == "drift":
        epoch = feature.epoch_tdb if feature.epoch_tdb is not None else float(tdb)
        lon2 = (feature.lon_west + feature.system2_rate * (float(tdb) - epoch)) % 360.0
        return float(system2_to_system3(lon2, float(tdb)))
    return feature.lon_west


def body_fixed_points(features: tuple[Feature, ...], tdb: float,
                      grs_system2_override: float | None = None,
                      lat_override: dict[str, float] | None = None) -> FloatArray:
    """(3, N) body-fixed km of ``features`` at ``tdb``.

    ``lat_override`` maps a feature key to a planetocentric latitude that replaces the file's
    (the model uses it to pin the GRS label on the drawn map's spot).
    """
    out = np.empty((3, len(features)))
    for i, f in enumerate(features):
        lon = system3_longitude(f, tdb, grs_system2_override)
        if lat_override and f.key in lat_override:
            out[:, i] = surface_point(f.body, lat_override[f.key], lon, "planetocentric")
        else:
            out[:, i] = surface_point(f.body, f.lat, lon, f.latitude)
    return out


def to_icrf(points_km: FloatArray, icrf_to_body: FloatArray) -> FloatArray:
    """Body-fixed (3, N) vectors as ICRF vectors (offsets from the body's centre)."""
    return np.asarray(icrf_to_body, dtype=float).T @ np.asarray(points_km, dtype=float)
