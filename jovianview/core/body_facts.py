"""Numbers about the bodies that jovianview derives from its own data, for the info cards.

Every value here comes from a table the rest of the program uses, so a card that writes
``{io.radius_km}`` shows the radius the renderer draws and never drifts from it:

- radii and rotation rates: :data:`jovianview.core.iau.ROTATION_MODELS` (IAU 2015);
- GM: :mod:`jovianview.core.constants` (NAIF ``gm_de440.tpc``); masses are GM / G with the
  CODATA 2018 gravitational constant below;
- moons' orbital periods and mean distances: measured on the embedded moon ephemeris through
  :func:`jovianview.core.ephemeris.state` over :data:`ORBIT_SPAN_UTC`; Jupiter's distance from
  the Sun and its orbital period from the embedded Sun (DE421) by Kepler's third law;
- flybys, perijoves and milestones: :mod:`jovianview.core.events` (``assets/events``).

Keys are flat, dotted strings (``io.period_days``, ``flyby.pj57.altitude_km``,
``milestone.jupiter_orbit_insertion.date``); values are floats, ints or strings.
"""

from __future__ import annotations

import math
import re
from functools import cache

import numpy as np

from jovianview.core.constants import AU_KM, GM_JUPITER, GM_JUPITER_SYSTEM, GM_MOONS, GM_SUN
from jovianview.core.ephemeris import state
from jovianview.core.events import events_of_kind, flyby_altitudes, last_flown_perijove
from jovianview.core.iau import BODIES, ROTATION_MODELS
from jovianview.core.timescale import tdb_to_iso, utc_to_tdb

G_KM3_PER_KG_S2 = 6.67430e-20  # CODATA 2018 (Tiesinga et al. 2021, RMP 93, 025010), km^3/kg/s^2
ORBIT_SPAN_UTC = ("2020-01-01T00:00:00", "2021-01-01T00:00:00")  # a year: 21 Callisto orbits
SUN_SPAN_UTC = ("2016-01-01T00:00:00", "2030-12-01T00:00:00")  # most of the embedded Sun
SAMPLES_PER_DAY = 24
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")

FactValue = float | int | str


def slug(text: str) -> str:
    """``"End of extended mission (PJ76)"`` -> ``"end_of_extended_mission_pj76"``."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _angle_rate(pos: np.ndarray, vel: np.ndarray, days: np.ndarray) -> float:
    """Mean angular rate (rad/day) of (3, N) positions about their mean orbit pole."""
    pole = np.cross(pos, vel, axis=0).mean(axis=1)  # the mean angular momentum's direction
    pole /= np.linalg.norm(pole)
    x = pos[:, 0] - pole * (pole @ pos[:, 0])
    x /= np.linalg.norm(x)
    y = np.cross(pole, x)
    angle = np.unwrap(np.arctan2(y @ pos, x @ pos))
    return float(np.polyfit(days, angle, 1)[0])


def _samples(span: tuple[str, str], per_day: float) -> np.ndarray:
    t0, t1 = (float(utc_to_tdb(s)) for s in span)
    return np.linspace(t0, t1, int((t1 - t0) * per_day) + 1)


@cache
def _moon_orbit(body: str) -> tuple[float, float]:
    """(sidereal period in days, mean distance in km) measured on the embedded ephemeris."""
    tdb = _samples(ORBIT_SPAN_UTC, SAMPLES_PER_DAY)
    pos, vel = state(body, tdb)
    rate = _angle_rate(pos, vel, tdb - tdb[0])
    return 2.0 * math.pi / abs(rate), float(np.mean(np.linalg.norm(pos, axis=0)))


@cache
def _jupiter_orbit() -> tuple[float, float]:
    """(orbital period in years, semi-major axis in AU) of Jupiter about the Sun.

    The embedded Sun covers about 1.3 of Jupiter's orbits, too little to average the angle
    over; the two-body semi-major axis ``1 / (2/r - v^2/GM)`` of each sample (GM of the Sun
    plus Jupiter's system) is averaged instead and Kepler's third law gives the period.
    """
    tdb = _samples(SUN_SPAN_UTC, 1.0)
    pos, vel = state("sun", tdb)
    gm = GM_SUN + GM_JUPITER_SYSTEM
    r = np.linalg.norm(pos, axis=0)
    v2 = (vel * vel).sum(axis=0)
    a = float(np.mean(1.0 / (2.0 / r - v2 / gm)))
    period_s = 2.0 * math.pi * math.sqrt(a**3 / gm)
    return period_s / 86400.0 / 365.25, a / AU_KM


def _body_facts(body: str) -> dict[str, FactValue]:
    model = ROTATION_MODELS[body]
    a, b, c = model.radii
    gm = GM_JUPITER if body == "jupiter" else GM_MOONS[body]
    rotation_days = 360.0 / model.pm[1]
    out: dict[str, FactValue] = {
        "radius_km": (a + b + c) / 3.0 if body != "jupiter" else a,
        "mean_radius_km": (a + b + c) / 3.0,
        "equatorial_radius_km": a,
        "polar_radius_km": c,
        "diameter_km": 2.0 * ((a + b + c) / 3.0 if body != "jupiter" else a),
        "gm_km3_s2": gm,
        "mass_kg": gm / G_KM3_PER_KG_S2,
        "rotation_days": rotation_days,
        "rotation_hours": rotation_days * 24.0,
    }
    volume = 4.0 / 3.0 * math.pi * a * b * c * 1e9  # m^3
    out["density_g_cm3"] = gm / G_KM3_PER_KG_S2 / volume / 1000.0
    if body == "jupiter":
        years, au = _jupiter_orbit()
        out["orbit_years"], out["distance_au"] = years, au
    else:
        period, distance = _moon_orbit(body)
        out["period_days"], out["period_hours"] = period, period * 24.0
        out["distance_km"] = distance
        out["distance_rj"] = distance / ROTATION_MODELS["jupiter"].radii[0]
    return {f"{body}.{k}": v for k, v in out.items()}


def _date(utc: str) -> str:
    return utc[:10]


def _month(utc: str) -> str:
    return f"{_MONTHS[int(utc[5:7]) - 1]} {utc[:4]}"


def _event_facts() -> dict[str, FactValue]:
    out: dict[str, FactValue] = {}
    for e in events_of_kind("flyby"):
        key = f"flyby.pj{e.number}"
        out[f"{key}.date"], out[f"{key}.month"] = _date(e.utc), _month(e.utc)
        out[f"{key}.utc"] = str(tdb_to_iso(e.tdb, 0)).replace("T", " ")[:16] + " UTC"
        altitude = flyby_altitudes().get(e.tdb)
        if altitude is not None:
            out[f"{key}.altitude_km"] = altitude
    for e in events_of_kind("milestone"):
        key = f"milestone.{slug(e.label)}"
        out[f"{key}.date"], out[f"{key}.month"] = _date(e.utc), _month(e.utc)
    last = last_flown_perijove()
    out["juno.last_flown_perijove"] = int(last.number or 0)
    out["juno.last_flown_perijove_date"] = _date(last.utc)
    return out


@cache
def all_facts() -> dict[str, FactValue]:
    """Every derived fact, by key (computed once per process; about 0.1 s)."""
    out: dict[str, FactValue] = {}
    for body in BODIES:
        out.update(_body_facts(body))
    # the Laplace resonance: 1 : 2 : 4 in orbital periods
    out["resonance.europa_to_io"] = float(out["europa.period_days"]) / float(out["io.period_days"])
    out["resonance.ganymede_to_io"] = (float(out["ganymede.period_days"])
                                       / float(out["io.period_days"]))
    out.update(_event_facts())
    return out


def fact(key: str) -> FactValue:
    """One fact by key; KeyError names the key."""
    return all_facts()[key]
