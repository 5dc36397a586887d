"""The field model at Juno and the Galilean moons: readout values and footprints.

Positions come from an :class:`~jovianview.core.ephemeris.Ephemeris` (ICRF km, Jupiter-centred;
the embedded tables when none is given) and are turned into System III (``core.frames``) and
R_J here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from jovianview.core.ephemeris import Ephemeris, default_ephemeris
from jovianview.core.field.model import R_J_KM, check_points, field, magnetic_latitude
from jovianview.core.field.trace import footprints, m_shell, planetocentric
from jovianview.core.frames import transform_state

FloatArray = NDArray[np.float64]

FOOTPRINT_MOONS: tuple[str, ...] = ("io", "europa", "ganymede")


def system3_position(body: str, tdb: ArrayLike, eph: Ephemeris | None = None) -> FloatArray:
    """Position of ``body`` in System III Cartesian R_J, ``(3, N)`` for N times."""
    t = np.atleast_1d(np.asarray(tdb, dtype=np.float64))
    pos, _ = (eph or default_ephemeris()).state(body, t)
    s3, _ = transform_state(np.asarray(pos).reshape(3, -1), None, t, "system3")
    return s3 / R_J_KM


@dataclass(frozen=True)
class FieldAtBody:
    """The model at a body for N times: position (R_J), field (nT), magnetic latitude (deg),
    M-shell (R_J, NaN on open lines)."""

    position: FloatArray  # (3, N)
    b: FloatArray  # (3, N)
    magnitude: FloatArray  # (N,)
    magnetic_latitude: FloatArray  # (N,)
    m_shell: FloatArray  # (N,)


def field_at_points(xyz: ArrayLike, internal_only: bool = False) -> FieldAtBody:
    """Field, magnetic latitude and M-shell at checked System III points (R_J), ``(3, N)``."""
    pts = check_points(np.asarray(xyz, dtype=np.float64).reshape(3, -1))
    b = field(pts, internal_only)
    return FieldAtBody(
        position=pts,
        b=b,
        magnitude=np.linalg.norm(b, axis=0),
        magnetic_latitude=magnetic_latitude(pts),
        m_shell=m_shell(pts, internal_only),
    )


def field_at_body(body: str, tdb: ArrayLike, internal_only: bool = False,
                  eph: Ephemeris | None = None) -> FieldAtBody:
    """:func:`field_at_points` at ``body``'s positions for TDB Julian dates ``tdb``."""
    return field_at_points(system3_position(body, tdb, eph), internal_only)


@dataclass(frozen=True)
class Footprint:
    """Where the field line through a moon meets the 1-bar ellipsoid, for N times (deg)."""

    moon: str
    north_lat: FloatArray
    north_west_lon: FloatArray
    south_lat: FloatArray
    south_west_lon: FloatArray


def moon_footprints(
    tdb: ArrayLike, moons: tuple[str, ...] = FOOTPRINT_MOONS, internal_only: bool = False,
    eph: Ephemeris | None = None,
) -> list[Footprint]:
    """North and south footprints of each moon at each time (all lines traced together)."""
    t = np.atleast_1d(np.asarray(tdb, dtype=np.float64))
    pts = np.concatenate([system3_position(m, t, eph) for m in moons], axis=1)
    north, south = footprints(pts, internal_only)
    n_lat, n_lon = planetocentric(north)
    s_lat, s_lon = planetocentric(south)
    out = []
    for i, moon in enumerate(moons):
        sl = slice(i * t.size, (i + 1) * t.size)
        out.append(Footprint(moon, n_lat[sl], n_lon[sl], s_lat[sl], s_lon[sl]))
    return out
