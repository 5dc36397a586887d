"""The facts the Juno trajectory is fitted to, read from ``../shared/reference``.

* perijove times (and the apojove before each, where manoeuvres are placed): ``perijoves.csv``;
* apojove position at each orbit in NAIF's ``juno_rec_orbit_v08.orb`` (orbits 1-34): east
  System III longitude, latitude and altitude above the 1-bar ellipsoid of the "near point".
  The file's latitude is the planetocentric latitude of the ellipsoid point whose normal points
  at Juno (checked against its sub-solar columns, which it gives the same way);
* moon flybys: ``flybys.csv`` (closest-approach time, altitude above mean radius).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from jovianview.core.timescale import utc_to_tdb

from . import iau

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from make_events import read_csv, read_orbit_file  # noqa: E402

A_EQ, B_POLE = 71492.0, 66854.0  # pck00011 Jupiter radii (km)
MEAN_RADIUS = {"io": 1821.49, "europa": 1560.8, "ganymede": 2631.2, "callisto": 2410.3}


@dataclass(frozen=True)
class Flyby:
    body: str
    tdb: float
    altitude_km: float | None
    perijove: int


@dataclass(frozen=True)
class OrbApojove:
    orbit: int
    tdb: float
    lon_east_deg: float
    lat_deg: float
    altitude_km: float
    position: np.ndarray  # ICRF km, Jupiter-centred


@dataclass(frozen=True)
class Targets:
    perijove_tdb: dict[int, float]
    apojove_tdb: dict[int, float]  # apojove before perijove n
    status: dict[int, str]
    orb: dict[int, OrbApojove]  # keyed by the perijove number that follows the apojove
    flybys: tuple[Flyby, ...]


def near_point_position(tdb: float, lon_east_deg: float, lat_deg: float, alt_km: float):
    """ICRF position ``alt_km`` along the ellipsoid normal at (east lon, planetocentric lat)."""
    lon, latc = np.radians(lon_east_deg), np.radians(lat_deg)
    rho = A_EQ * B_POLE / np.hypot(B_POLE * np.cos(latc), A_EQ * np.sin(latc))
    surface = rho * np.array([np.cos(latc) * np.cos(lon), np.cos(latc) * np.sin(lon), np.sin(latc)])
    latg = np.arctan(np.tan(latc) * (A_EQ / B_POLE) ** 2)
    normal = np.array([np.cos(latg) * np.cos(lon), np.cos(latg) * np.sin(lon), np.sin(latg)])
    return iau.from_body(tdb, surface + alt_km * normal)


def orb_coordinates(tdb: float, position) -> tuple[float, float, float]:
    """(east lon deg, near-point planetocentric lat deg, altitude km) of an ICRF position.

    Solved by iterating on the near point (converges in a few steps far from the planet).
    """
    b = iau.to_body(tdb, position)
    lon = np.degrees(np.arctan2(b[1], b[0])) % 360.0
    latg = np.arctan2(b[2], np.hypot(b[0], b[1]))
    for _ in range(20):
        latc = np.arctan(np.tan(latg) * (B_POLE / A_EQ) ** 2)
        rho = A_EQ * B_POLE / np.hypot(B_POLE * np.cos(latc), A_EQ * np.sin(latc))
        s = rho * np.array([np.cos(latc), np.sin(latc)])
        rel = np.array([np.hypot(b[0], b[1]) - s[0], b[2] - s[1]])
        latg = np.arctan2(rel[1], rel[0])
    alt = float(np.hypot(*rel))
    return float(lon), float(np.degrees(latc)), alt


def load(reference: Path) -> Targets:
    rows = read_csv(reference / "perijoves.csv")
    peri = {int(r["pj"]): r["perijove_utc"] for r in rows}
    apo = {int(r["pj"]): r["apojove_before_utc"] for r in rows if r["apojove_before_utc"]}
    status = {int(r["pj"]): r["status"] for r in rows}
    peri_tdb = dict(zip(peri, utc_to_tdb(list(peri.values())), strict=True))
    apo_tdb = dict(zip(apo, utc_to_tdb(list(apo.values())), strict=True))
    orb = {}
    for o in read_orbit_file(reference / "juno_rec_orbit_v08.orb"):
        t = utc_to_tdb(o["apojove_utc"])
        pos = near_point_position(t, o["sc_lon_west_deg"], o["sc_lat_deg"], o["altitude_km"])
        orb[o["orbit"]] = OrbApojove(o["orbit"], t, o["sc_lon_west_deg"], o["sc_lat_deg"],
                                     o["altitude_km"], pos)
    flybys = tuple(
        Flyby(f["body"], utc_to_tdb(f["closest_approach_utc"]),
              float(f["altitude_km"]) if f["altitude_km"] else None, int(f["perijove"]))
        for f in read_csv(reference / "flybys.csv")
    )
    return Targets(peri_tdb, apo_tdb, status, orb, flybys)
