"""Light-time geometry of the Galilean moons' phenomena, as an observer on Earth sees them.

For N reception times this module gives, per moon, signed *indicator* values that are
negative exactly while a phenomenon is in progress; :mod:`jovianview.core.phenomena` finds
their roots. Everything is vectorised over times (arrays ``(3, N)``, km, ICRF, TDB).

Conventions (skyfield's, for an astrometric-then-apparent position):

- light time: a body is placed where it was when the light now arriving left it
  (``X(t - tau)``, iterated); the Sun is taken as the inertial origin over light-time spans
  (its barycentric speed, 13 m/s, moves everything alike and cancels in the geometry);
- aberration: each direction is shifted by the observer's heliocentric velocity
  (first-order formula, skyfield's ``add_aberration`` to 1e-8 rad here); only the tiny
  difference between Jupiter's and a moon's shift matters;
- sunlight also takes time: a shadow falling on Jupiter at ``t_s`` was cast by the moon at
  ``t_s - L/c`` along the Sun-to-moon direction of that time, on a Jupiter that has moved on.

Jupiter is the IAU 2015 ellipsoid (71492 x 66854 km, pole at the light-time epoch). Every
test against it is done in the *scaled* equator frame where the ellipsoid becomes a sphere of
radius ``a``: an affine map keeps lines, tangency and which side of a tangent plane a point
lies, so "line of sight grazes the limb" and "shadow point is on the visible side" keep their
meaning there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from jovianview.core.ephemeris import MOONS, Ephemeris, state
from jovianview.core.frames import equator_rotation
from jovianview.core.iau import JUPITER_EQUATORIAL_RADIUS, JUPITER_POLAR_RADIUS, ROTATION_MODELS
from jovianview.core.timescale import SECONDS_PER_DAY

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
StateFn = Callable[[str, FloatArray], tuple[FloatArray, FloatArray]]

C_KM_S = 299792.458  # speed of light (exact)
SUN_RADIUS_KM = 695700.0  # IAU 2015 Resolution B3 nominal solar radius
MOON_RADII_KM: dict[str, float] = {  # mean of the IAU 2015 triaxial radii (pck00011)
    m: float(np.mean(ROTATION_MODELS[m].radii)) for m in MOONS
}
_A = JUPITER_EQUATORIAL_RADIUS
_SCALE = np.array([1.0, 1.0, JUPITER_EQUATORIAL_RADIUS / JUPITER_POLAR_RADIUS])
PAIRS: tuple[tuple[int, int], ...] = tuple(
    (i, j) for i in range(len(MOONS)) for j in range(i + 1, len(MOONS))
)
OUTSIDE = 10.0  # indicator value where a phenomenon cannot happen (wrong side of Jupiter)


@dataclass(frozen=True)
class Sky:
    """The geometry at N reception times (arrays are (3, N) unless noted).

    ``obs``: observer relative to Jupiter's centre at reception time ``t``;
    ``jup``: observer-to-Jupiter vector, light-time corrected (astrometric);
    ``moon``: (4, 3, N) observer-to-moon vectors, astrometric; ``moon_app``: (4, 3, N)
    apparent unit directions; ``jup_app``: apparent unit direction of Jupiter;
    ``moon_at``: (4, 3, N) moon positions relative to Jupiter's centre when the observed
    light left them; ``moon_vel``: (4, 3, N) their velocities; ``tau``: (4, N) light
    times (s); ``sun``, ``sun_vel``: the Sun relative to Jupiter's centre at ``t``;
    ``rot``: (3, 3) ICRF to Jupiter's scaled equator frame (z stretched by a/c so that the
    ellipsoid is a sphere of radius a), at the mean light-time epoch: the IAU pole moves
    less than 5e-5 rad in 15 years (under 4 km at the limb, 0.3 s of Io's motion).
    """

    t: FloatArray
    obs: FloatArray
    jup: FloatArray
    jup_app: FloatArray
    tau_jup: FloatArray
    moon: FloatArray
    moon_app: FloatArray
    moon_at: FloatArray
    moon_vel: FloatArray
    tau: FloatArray
    sun: FloatArray
    sun_vel: FloatArray
    rot: FloatArray

    def take(self, index: NDArray[np.intp]) -> Sky:
        """The geometry at a subset of the times."""
        fields = {name: getattr(self, name)[..., index] for name in self.__dataclass_fields__
                  if name != "rot"}
        return Sky(rot=self.rot, **fields)


def _norm(v: FloatArray) -> FloatArray:
    return np.sqrt(np.einsum("i...,i...->...", v, v))


def _dot(a: FloatArray, b: FloatArray) -> FloatArray:
    return np.einsum("i...,i...->...", a, b)


def _aberrate(direction: FloatArray, velocity: FloatArray) -> FloatArray:
    """Apparent unit direction for an observer moving at ``velocity`` (km/s), first order."""
    beta = velocity / C_KM_S
    shifted = direction + beta - _dot(direction, beta) * direction
    return shifted / _norm(shifted)


class SlowBodies:
    """Earth and the Sun relative to Jupiter's centre, Hermite-interpolated over a span.

    Both move smoothly; what is fast in them is Jupiter's own wobble about the barycentre
    (20-110 km over 1.8-16.7 days). Cubic Hermite on pos+vel nodes 0.05 day apart follows
    that to 1e-4 km, and saves re-evaluating the moons' tables for every sample.
    """

    STEP = 0.05  # days

    def __init__(self, start: float, end: float, ephemeris: Ephemeris | None = None) -> None:
        n = int(np.ceil((end - start) / self.STEP)) + 3
        self.t0 = start - self.STEP
        nodes = self.t0 + self.STEP * np.arange(n, dtype=np.float64)
        # the moons come from the same source (a JPL kernel where the user gave one)
        self.state: StateFn = ephemeris.state if ephemeris is not None else state
        self.nodes = {body: self.state(body, nodes) for body in ("earth", "sun")}

    def __call__(self, body: str, t: FloatArray) -> tuple[FloatArray, FloatArray]:
        """(pos, vel) of ``body`` (earth or sun) from Jupiter's centre at TDB times ``t``."""
        pos, vel = self.nodes[body]
        return _hermite(pos, vel, self.t0, self.STEP, t)


class SmoothOffset:
    """An observer's offset from Earth's centre, Hermite-interpolated on nodes 0.01 day apart.

    The site turns with the Earth (465 m/s at the equator): cubic Hermite on 14.4-minute nodes
    follows it to under a metre, and asks the (slow, per-call) topocentric model only once.
    """

    STEP = 0.01  # days

    def __init__(self, offset: Callable[[FloatArray], tuple[FloatArray, FloatArray]],
                 start: float, end: float) -> None:
        n = int(np.ceil((end - start) / self.STEP)) + 3
        self.t0 = start - self.STEP
        self.pos, self.vel = offset(self.t0 + self.STEP * np.arange(n, dtype=np.float64))

    def __call__(self, t: FloatArray) -> tuple[FloatArray, FloatArray]:
        """The observer's offset (km) and its velocity (km/s) at TDB times ``t``, interpolated."""
        return _hermite(self.pos, self.vel, self.t0, self.STEP, t)


def _hermite(pos: FloatArray, vel: FloatArray, t0: float, step: float,
             t: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Cubic Hermite interpolation of (3, n) positions (km) and velocities (km/s) on nodes
    ``t0 + step * k`` (days) at times ``t``: position and its derivative."""
    x = (np.asarray(t, dtype=np.float64) - t0) / step
    i = np.clip(np.floor(x).astype(np.intp), 0, pos.shape[1] - 2)
    s = x - i
    h = step * SECONDS_PER_DAY  # vel is km/s: h in seconds keeps units
    p0, p1, v0, v1 = pos[:, i], pos[:, i + 1], vel[:, i] * h, vel[:, i + 1] * h
    s2, s3 = s * s, s * s * s
    p = ((2 * s3 - 3 * s2 + 1) * p0 + (s3 - 2 * s2 + s) * v0 + (3 * s2 - 2 * s3) * p1
         + (s3 - s2) * v1)
    dp = ((6 * s2 - 6 * s) * p0 + (3 * s2 - 4 * s + 1) * v0 + (6 * s - 6 * s2) * p1
          + (3 * s2 - 2 * s) * v1) / h
    return p, dp


def sky(t: FloatArray, observer_offset: tuple[FloatArray, FloatArray] | None = None,
        slow: SlowBodies | None = None) -> Sky:
    """Light-time corrected positions of Jupiter and the moons seen at TDB times ``t``.

    ``observer_offset``: (position, velocity) of the observer relative to Earth's centre,
    each (3, N) in km and km/s (see :mod:`jovianview.core.observer`); None is the geocentre.
    ``slow``: an interpolator of Earth and the Sun covering ``t`` (None: the ephemeris); the
    moons then come from its ephemeris too.
    """
    t = np.atleast_1d(np.asarray(t, dtype=np.float64))
    where = slow if slow is not None else state
    moon_state: StateFn = slow.state if slow is not None else state
    obs, obs_vel = where("earth", t)
    sun, sun_vel = where("sun", t)
    if observer_offset is not None:
        obs = obs + observer_offset[0]
        obs_vel = obs_vel + observer_offset[1]
    # Jupiter's centre moves at -sun_vel (heliocentric); its light left at t - tau.
    jup = -obs
    for _ in range(3):
        tau_j = _norm(jup) / C_KM_S
        jup = -obs + sun_vel * tau_j
    tau_j = _norm(jup) / C_KM_S
    t_j = t - tau_j / SECONDS_PER_DAY
    helio_vel = obs_vel - sun_vel  # observer's velocity about the Sun, for aberration
    jup_app = _aberrate(jup / _norm(jup), helio_vel)
    n = t.size
    moon = np.empty((4, 3, n))
    moon_app = np.empty((4, 3, n))
    moon_at = np.empty((4, 3, n))
    moon_vel = np.empty((4, 3, n))
    tau = np.empty((4, n))
    for k, name in enumerate(MOONS):
        pos_j, vel = moon_state(name, t_j)
        tk = tau_j
        for _ in range(2):  # the moon's own light time differs from Jupiter's by < 7 s
            at = pos_j - vel * (tk - tau_j)
            vec = at - obs + sun_vel * tk
            tk = _norm(vec) / C_KM_S
        at = pos_j - vel * (tk - tau_j)
        vec = at - obs + sun_vel * tk
        moon[k], moon_at[k], moon_vel[k], tau[k] = vec, at, vel, tk
        moon_app[k] = _aberrate(vec / _norm(vec), helio_vel)
    return Sky(t=t, obs=obs, jup=jup, jup_app=jup_app, tau_jup=tau_j, moon=moon,
               moon_app=moon_app, moon_at=moon_at, moon_vel=moon_vel, tau=tau, sun=sun,
               sun_vel=sun_vel,
               rot=_SCALE[:, None] * equator_rotation("jupiter", float(np.mean(t_j))))


def _scaled(rot: FloatArray, v: FloatArray) -> FloatArray:
    """ICRF vectors (3, N) into the scaled equator frame where Jupiter is a sphere of radius a."""
    return rot @ v


def _unscaled_length(rot: FloatArray, v_scaled: FloatArray) -> FloatArray:
    return _norm(v_scaled / _SCALE[:, None])


def _closest(origin: FloatArray, direction: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Parameter and point of a line's closest approach to the origin (scaled frame)."""
    s = -_dot(origin, direction) / _dot(direction, direction)
    return s, origin + s * direction


def disc_indicator(g: Sky, k: int) -> tuple[FloatArray, BoolArray]:
    """Moon ``k``'s centre against Jupiter's limb as the observer sees it.

    Returns ``(f, in_front)``: ``f = b/a - 1`` with ``b`` the scaled miss distance of the line
    of sight through the moon's apparent centre (negative: the moon's centre is inside the
    limb), and whether the moon is nearer than the limb point (transit) or not (occultation).
    """
    distance = _norm(g.jup)
    origin = _scaled(g.rot, -g.jup_app * distance)  # observer, relative to apparent Jupiter
    direction = _scaled(g.rot, g.moon_app[k])
    s, q = _closest(origin, direction)
    return _norm(q) / _A - 1.0, _norm(g.moon[k]) < s


def shadow_indicator(g: Sky, k: int) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Moon ``k``'s shadow centre on Jupiter as the observer sees it.

    Returns ``(seen, from_sun, facing)``. ``from_sun = b/a - 1`` is negative while the
    Sun-to-moon ray through the moon's centre strikes Jupiter (the shadow is on the planet: a
    transit of the moon as seen from the Sun). ``seen`` is negative while, in addition, the
    struck point is on the hemisphere facing the observer: the shadow's centre is inside the
    visible disc.
    ``facing`` is that second condition alone (about minus the cosine of the angle between
    the struck point's normal and the line of sight).
    """
    sun_dir = g.sun / _norm(g.sun)
    at = g.moon_at[k]
    lag = np.maximum(_dot(at, sun_dir), 0.0) / C_KM_S  # moon-to-cloud-top light time, s
    # Where the moon was when it cast the shadow now seen: at t - tau_jup - lag (the shadow is
    # on Jupiter, whose light left at t - tau_jup).
    cast = at + g.moon_vel[k] * (g.tau[k] - g.tau_jup - lag)
    ray = cast - (g.sun - g.sun_vel * (g.tau_jup + lag))  # Sun-to-moon, Sun at that time
    origin = _scaled(g.rot, cast + g.sun_vel * lag)  # Jupiter has moved on by -sun_vel lag
    direction = _scaled(g.rot, ray / _norm(ray))
    s, q = _closest(origin, direction)
    b = _norm(q)
    from_sun = b / _A - 1.0
    inside = np.clip(_A * _A - b * b, 0.0, None)
    hit = origin + (s - np.sqrt(inside / _dot(direction, direction))) * direction
    point = np.where(b < _A, hit, q * (_A / np.maximum(b, 1e-9)))  # continuous at b = a
    viewer = _scaled(g.rot, -g.jup)
    visible = (_A * _A - _dot(viewer, point)) / (_A * _norm(viewer))  # < 0: faces observer
    sunward = s > 0
    seen = np.where(sunward, np.maximum(from_sun, visible), OUTSIDE)
    return seen, np.where(sunward, from_sun, OUTSIDE), visible


def eclipse_indicator(g: Sky, k: int) -> FloatArray:
    """Moon ``k``'s centre against the edge of Jupiter's shadow, in solar radii.

    The value is the angle between the Sun's centre and Jupiter's limb seen from the moon's
    centre, divided by the Sun's angular radius there: +1 is the outer edge of the penumbra,
    -1 the umbra, and 0 the moment the moon's centre receives half the Sun's light (half the
    solar disc hidden; Jupiter's limb is straight across the Sun's 0.05 deg disc to 1e-3).
    """
    at = g.moon_at[k]
    lag = _norm(at) / C_KM_S  # the light passed Jupiter's limb this long before the moon
    helio = at - g.sun + g.sun_vel * g.tau[k]
    origin = _scaled(g.rot, at - g.sun_vel * lag)
    direction = _scaled(g.rot, helio / _norm(helio))
    s, q = _closest(origin, direction)
    b = _norm(q)
    miss_km = _unscaled_length(g.rot, q) * (1.0 - _A / np.maximum(b, 1e-9))
    sun_radius = SUN_RADIUS_KM / _norm(helio)  # rad, seen from the moon
    x = miss_km / np.maximum(-s, 1.0) / sun_radius
    return np.where(s < 0, x, OUTSIDE)


def sunlight_fraction(x: FloatArray) -> FloatArray:
    """Fraction of the Sun's disc seen at eclipse indicator ``x`` (straight limb, no darkening)."""
    x = np.clip(x, -1.0, 1.0)
    hidden = (np.arccos(x) - x * np.sqrt(1.0 - x * x)) / np.pi
    return 1.0 - hidden


def mutual_occultation(g: Sky, i: int, j: int) -> tuple[FloatArray, BoolArray, FloatArray]:
    """Apparent discs of moons ``i`` and ``j``: ``(f, front, overlap)``.

    ``f = sep / (r_i + r_j) - 1`` in angle (negative while the discs overlap), ``front``
    whether ``i`` is the nearer moon, ``overlap`` the fraction of the farther moon's disc hidden.
    """
    di, dj = _norm(g.moon[i]), _norm(g.moon[j])
    sep = 2.0 * np.arcsin(np.clip(_norm(g.moon_app[i] - g.moon_app[j]) / 2.0, 0.0, 1.0))
    ri = MOON_RADII_KM[MOONS[i]] / di
    rj = MOON_RADII_KM[MOONS[j]] / dj
    front = di < dj
    near, far = np.where(front, ri, rj), np.where(front, rj, ri)
    return sep / (ri + rj) - 1.0, front, _overlap(sep, near, far)


def mutual_eclipse(g: Sky, i: int, j: int) -> tuple[FloatArray, BoolArray, FloatArray]:
    """One moon in the other's penumbra: ``(f, i_casts, depth)``.

    ``f = m / (rho_p + r_far) - 1`` with ``m`` the distance of the farther moon's centre from
    the Sun-to-nearer-moon axis and ``rho_p`` the penumbra's radius there (negative from first
    to last contact of the penumbra). ``depth`` is ``1 - m / (rho_p + r_far)``.
    """
    helio = []
    for k in (i, j):
        at = g.moon_at[k]
        helio.append(at - g.sun + g.sun_vel * g.tau[k])
    hi, hj = helio
    i_casts = _norm(hi) < _norm(hj)
    near = np.where(i_casts, hi, hj)
    far = np.where(i_casts, hj, hi)
    gap = _norm(far - near) / C_KM_S  # the light passed the nearer moon this long before
    vel = np.where(i_casts, g.moon_vel[i], g.moon_vel[j])
    tau_near = np.where(i_casts, g.tau[i], g.tau[j])
    tau_far = np.where(i_casts, g.tau[j], g.tau[i])
    near = near - (vel - g.sun_vel) * (tau_far + gap - tau_near)  # when that light passed
    r_near = np.where(i_casts, MOON_RADII_KM[MOONS[i]], MOON_RADII_KM[MOONS[j]])
    r_far = np.where(i_casts, MOON_RADII_KM[MOONS[j]], MOON_RADII_KM[MOONS[i]])
    d_near = _norm(near)
    axis = near / d_near
    along = _dot(far, axis) - d_near
    m = _norm(np.cross(axis, far, axis=0))
    rho_p = r_near + along * (SUN_RADIUS_KM + r_near) / d_near
    ratio = m / (rho_p + r_far)
    return np.where(along > 0, ratio - 1.0, OUTSIDE), i_casts, np.asarray(1.0 - ratio)


def _overlap(sep: FloatArray, r1: FloatArray, r2: FloatArray) -> FloatArray:
    """Fraction of the disc of radius ``r2`` covered by the disc of radius ``r1`` at ``sep``."""
    sep = np.maximum(sep, 1e-15)
    c1 = np.clip((sep**2 + r1**2 - r2**2) / (2 * sep * r1), -1.0, 1.0)
    c2 = np.clip((sep**2 + r2**2 - r1**2) / (2 * sep * r2), -1.0, 1.0)
    lens = (r1**2 * np.arccos(c1) + r2**2 * np.arccos(c2)
            - 0.5 * np.sqrt(np.clip((-sep + r1 + r2) * (sep + r1 - r2) * (sep - r1 + r2)
                                    * (sep + r1 + r2), 0.0, None)))
    full = np.where(sep <= np.abs(r1 - r2), np.pi * np.minimum(r1, r2) ** 2, lens)
    return np.where(sep >= r1 + r2, 0.0, full) / (np.pi * r2**2)
