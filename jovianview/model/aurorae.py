"""Jupiter's aurorae to draw: the main oval and the footprints of Io, Europa and Ganymede.

Everything is traced in the core's JRM33 + Con2020 model, once, and cached:

- the main oval: footprints of field lines crossing the magnetic equator at
  ``MAIN_OVAL_SHELL_RJ`` (the middle magnetosphere, where corotation breaks down and the
  currents feeding the main emission flow; Cowley & Bunce 2001), north and south;
- each moon's footprint track: footprints of the lines through the moon's mean orbital
  distance in the equator at every ``TRACK_STEP_DEG`` of System III longitude. A moon's spot
  at an instant is interpolated on its track at the moon's longitude (the lookup costs
  microseconds; a live trace of the three moons costs tens of milliseconds);
- Io's footprint tail: the track behind the spot, the flux tubes Io has crossed in the last
  ``IO_TAIL_DEG`` of longitude (observed tails reach tens of degrees downstream of the spot,
  e.g. Bonfond et al. 2009; the length drawn here is schematic).

Positions are System III Cartesian in R_J, on the 1-bar ellipsoid.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from numpy.typing import NDArray

from jovianview.core.field.internal import dipole_axis
from jovianview.core.field.trace import footprints
from jovianview.model import traced_store

FloatArray = NDArray[np.float64]

MAIN_OVAL_SHELL_RJ = 30.0
TRACK_STEP_DEG = 10.0
IO_TAIL_DEG = 90.0
# Mean orbital distances (semi-major axes, km) / 71,492 km: JPL Planetary Satellite Mean
# Elements (Io 421,700 km, Europa 671,034 km, Ganymede 1,070,412 km).
MOON_DISTANCE_RJ = {"io": 421_700 / 71_492, "europa": 671_034 / 71_492,
                    "ganymede": 1_070_412 / 71_492}


# Half the drawn width of the main oval (degrees of arc on the planet), a display choice: the
# main emission is a narrow band, of the order of a degree of latitude in HST images (whose
# statistical reference oval is Grodent, D. et al. 2003, J. Geophys. Res. 108, 1389; Dols,
# Gerard, Paresce, Prange 1994, Planet. Space Sci., found the oval's size and place best matched
# by the footprints of the ~30 R_J field line, as MAIN_OVAL_SHELL_RJ), drawn as a glow that
# fades to nothing at this distance either side of the traced line.
OVAL_HALF_WIDTH_DEG = 0.8


def oval_band(oval: FloatArray,
              half_width_deg: float = OVAL_HALF_WIDTH_DEG) -> tuple[FloatArray, FloatArray]:
    """The pole-ward and equator-ward edges of a band around a closed ``oval`` (3, K), each
    point moved ``half_width_deg`` along the great circle towards (away from) the oval's
    centre, at its own distance from Jupiter's centre."""
    radius = np.linalg.norm(oval, axis=0)
    unit = oval / radius
    centre = unit.mean(axis=1)
    centre /= np.linalg.norm(centre)
    towards = centre[:, None] - unit * (unit.T @ centre)[None, :]  # tangent, to the centre
    towards /= np.maximum(np.linalg.norm(towards, axis=0), 1e-12)
    a = np.radians(half_width_deg)
    inner = (unit * np.cos(a) + towards * np.sin(a)) * radius
    outer = (unit * np.cos(a) - towards * np.sin(a)) * radius
    return inner, outer


OVAL_POINTS = 36


@cache
def main_oval(shell: float = MAIN_OVAL_SHELL_RJ,
              count: int = OVAL_POINTS) -> tuple[FloatArray, FloatArray]:
    """North and south main ovals, (3, K) each (lines that fail to close are left out);
    the shipped traces where they match the model (model/traced_store.py)."""
    got = traced_store.stored("main_oval", (shell, count))
    if got is not None:
        return got["north"], got["south"]
    return trace_main_oval(shell, count)


def trace_main_oval(shell: float, count: int) -> tuple[FloatArray, FloatArray]:
    """:func:`main_oval` traced now."""
    axis = dipole_axis()
    e1 = np.cross(axis, [0.0, 0.0, 1.0])
    e1 /= np.linalg.norm(e1)
    e2 = np.cross(axis, e1)
    lon = np.arange(count) * (2 * np.pi / count)
    starts = shell * (np.outer(e1, np.cos(lon)) + np.outer(e2, np.sin(lon)))
    north, south = footprints(starts)
    return north[:, np.isfinite(north).all(axis=0)], south[:, np.isfinite(south).all(axis=0)]


def track_params(moon: str) -> tuple[float, float]:
    """What a moon's footprint track is traced from (the key of its shipped trace)."""
    return MOON_DISTANCE_RJ[moon], TRACK_STEP_DEG


@cache
def footprint_track(moon: str) -> tuple[FloatArray, FloatArray, FloatArray]:
    """System III west longitudes (deg) and the north and south footprints (3, K) there;
    the shipped traces where they match the model (model/traced_store.py)."""
    got = traced_store.stored(f"track_{moon}", track_params(moon))
    if got is not None:
        return got["west"], got["north"], got["south"]
    return trace_footprint_track(moon)


def trace_footprint_track(moon: str) -> tuple[FloatArray, FloatArray, FloatArray]:
    """:func:`footprint_track` traced now."""
    west = np.arange(0.0, 360.0, TRACK_STEP_DEG)
    east = -np.radians(west)
    d = MOON_DISTANCE_RJ[moon]
    starts = np.array([d * np.cos(east), d * np.sin(east), np.zeros_like(east)])
    north, south = footprints(starts)
    return west, north, south


def _on_track(track: FloatArray, west: FloatArray, at_deg: FloatArray) -> FloatArray:
    """Points of a closed track interpolated at west longitudes ``at_deg``, (3, M)."""
    step = west[1] - west[0]
    u = np.mod(at_deg, 360.0) / step
    i0 = np.floor(u).astype(int) % west.size
    i1 = (i0 + 1) % west.size
    f = u - np.floor(u)
    return track[:, i0] * (1 - f) + track[:, i1] * f


def track_points(moon: str, west_deg: FloatArray) -> tuple[FloatArray, FloatArray]:
    """North and south footprints (3, M) of the moon's track at west longitudes (M,) deg."""
    west, north, south = footprint_track(moon)
    at = np.asarray(west_deg, dtype=float)
    return _on_track(north, west, at), _on_track(south, west, at)


def moon_spots(moon: str, west_lon_deg: float) -> tuple[FloatArray, FloatArray]:
    """The moon's north and south footprint spots (3,) for its System III west longitude."""
    west, north, south = footprint_track(moon)
    at = np.array([west_lon_deg])
    return _on_track(north, west, at)[:, 0], _on_track(south, west, at)[:, 0]


def io_tail(west_lon_deg: float, count: int = 90) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Io's tail behind its spots: north and south points (3, count) and a fade (1 -> 0)."""
    west, north, south = footprint_track("io")
    at = west_lon_deg - np.linspace(0.0, IO_TAIL_DEG, count)
    return _on_track(north, west, at), _on_track(south, west, at), np.linspace(1, 0, count)
