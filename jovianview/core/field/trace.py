"""Field-line tracing in the JRM33 + Con2020 model: footprints, M-shell, whole lines.

Lines are integrated with classical Runge-Kutta (4th order) along the unit field direction,
all lines of a call at once (one field evaluation serves every line). The step in arc length
is ``STEP_FRACTION * r`` (field lines curve on the scale of ``r``), between ``MIN_STEP`` and
``MAX_STEP`` R_J. A line ends where it crosses its target surface (linear interpolation
inside the last step), or fails (NaN) when it leaves ``MAX_RADIUS`` or runs ``max_steps``.

Directions: Jupiter's field leaves the planet in the north, so ``-B`` leads to the northern
footprint and ``+B`` to the southern one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from jovianview.core.field.internal import MAX_DEGREE, dipole_axis
from jovianview.core.field.model import ellipsoid_level, field

FloatArray = NDArray[np.float64]

STEP_FRACTION = 0.12  # 0.03 moves footprints by < 0.015 deg, M-shells by < 0.002 R_J
MIN_STEP = 0.005  # R_J
MAX_STEP = 10.0  # R_J
MAX_RADIUS = 150.0  # R_J: a line further out counts as open (no footprint, no M-shell)
NORTH, SOUTH = -1.0, 1.0  # trace along -B to the north footprint, +B to the south

# A stop test takes the positions before and after a step, (3, K) each, and the indices of
# those K lines among all N, and returns for each line the fraction of the step at which it
# crossed its target, or NaN if it did not.
StopTest = Callable[[FloatArray, FloatArray, NDArray[np.intp]], FloatArray]


@dataclass(frozen=True)
class Trace:
    """Where lines ended, ``(3, N)`` (NaN for failed lines), and, when recorded, their paths.

    ``paths`` is ``(steps + 1, 3, N)``; a finished line repeats its end point from then on.
    """

    end: FloatArray
    paths: FloatArray | None = None

    @property
    def ok(self) -> NDArray[np.bool_]:
        """Per line: True where the trace reached its target (a finite end point)."""
        return np.asarray(np.isfinite(self.end).all(axis=0), dtype=bool)


def _crossing(before: FloatArray, after: FloatArray) -> FloatArray:
    """Fraction of the step where a quantity went from > 0 to <= 0 (NaN if it did not)."""
    crossed = (before > 0.0) & (after <= 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(crossed, before / (before - after), np.nan)


def surface_stop(before: FloatArray, after: FloatArray, _index: NDArray[np.intp]) -> FloatArray:
    """Stop test: the line enters Jupiter's 1-bar ellipsoid."""
    return _crossing(ellipsoid_level(before), ellipsoid_level(after))


def equator_stop(north_side: NDArray[np.bool_]) -> StopTest:
    """Stop test: the line crosses the JRM33 dipole equator from the side it started on."""
    axis = dipole_axis()
    sign = np.where(north_side, 1.0, -1.0)

    def stop(before: FloatArray, after: FloatArray, index: NDArray[np.intp]) -> FloatArray:
        s = sign[index]
        return _crossing(s * (axis @ before), s * (axis @ after))

    return stop


def _direction(p: FloatArray, sign: FloatArray, internal_only: bool, degree: int) -> FloatArray:
    b = field(p, internal_only, degree)
    return sign * b / np.linalg.norm(b, axis=0)


def trace(
    start: ArrayLike,
    sign: ArrayLike,
    stop: StopTest,
    *,
    internal_only: bool = False,
    degree: int = MAX_DEGREE,
    max_steps: int = 4000,
    record: bool = False,
    step_fraction: float = STEP_FRACTION,
) -> Trace:
    """Trace lines from ``start`` (3, N) along ``sign * B`` (``sign`` +-1 per line) until ``stop``.

    A line that enters the planet without meeting ``stop`` fails too.
    """
    pos = np.array(start, dtype=np.float64).reshape(3, -1)
    n = pos.shape[1]
    signs = np.broadcast_to(np.asarray(sign, dtype=np.float64), (n,)).copy()
    end = np.full((3, n), np.nan)
    active = np.arange(n)
    paths = [pos.copy()] if record else None

    def step(p: FloatArray, s: FloatArray, h: FloatArray) -> FloatArray:
        k1 = _direction(p, s, internal_only, degree)
        k2 = _direction(p + 0.5 * h * k1, s, internal_only, degree)
        k3 = _direction(p + 0.5 * h * k2, s, internal_only, degree)
        k4 = _direction(p + h * k3, s, internal_only, degree)
        return p + h / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4)

    for _ in range(max_steps):
        if active.size == 0:
            break
        p, s = pos[:, active], signs[active]
        h = np.clip(step_fraction * np.linalg.norm(p, axis=0), MIN_STEP, MAX_STEP)
        new = step(p, s, h)
        frac = stop(p, new, active)
        done = np.isfinite(frac)
        if done.any():
            # Land on the target with one more step of the interpolated length (a chord
            # would cut the arc: ~h^2/(8 r) short), then interpolate what remains.
            idx = np.flatnonzero(done)
            p_d, h_d = p[:, idx], h[idx] * frac[idx]
            near = step(p_d, s[idx], h_d)
            again = stop(p_d, near, active[idx])
            t = np.where(np.isfinite(again), again, 1.0)
            end[:, active[idx]] = p_d + t * (near - p_d)
        pos[:, active] = np.where(done, end[:, active], new)
        lost = ~done & ((ellipsoid_level(new) < 0.0) | (np.linalg.norm(new, axis=0) > MAX_RADIUS))
        active = active[~done & ~lost]
        if paths is not None:
            paths.append(pos.copy())
    return Trace(end, np.stack(paths) if paths is not None else None)


def footprints(points: ArrayLike, internal_only: bool = False) -> tuple[FloatArray, FloatArray]:
    """North and south footprints on the 1-bar ellipsoid of the lines through ``points`` (3, N)."""
    pts = np.asarray(points, dtype=np.float64).reshape(3, -1)
    n = pts.shape[1]
    both = np.concatenate([pts, pts], axis=1)
    signs = np.concatenate([np.full(n, NORTH), np.full(n, SOUTH)])
    end = trace(both, signs, surface_stop, internal_only=internal_only).end
    return end[:, :n], end[:, n:]


def m_shell(points: ArrayLike, internal_only: bool = False) -> FloatArray:
    """M-shell (R_J): distance from Jupiter's centre where the line through each point crosses
    the JRM33 dipole equator; NaN for open lines or lines that meet the planet first."""
    pts = np.asarray(points, dtype=np.float64).reshape(3, -1)
    north = dipole_axis() @ pts >= 0.0
    # North of the equator the field points away from the north pole: +B leads to the equator.
    signs = np.where(north, 1.0, -1.0)
    end = trace(pts, signs, equator_stop(north), internal_only=internal_only).end
    return np.linalg.norm(end, axis=0)


def planetocentric(xyz: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Planetocentric latitude and System III west longitude (deg, 0..360) of points (3, N)."""
    x, y, z = xyz
    lat = np.degrees(np.arctan2(z, np.hypot(x, y)))
    west = np.mod(-np.degrees(np.arctan2(y, x)), 360.0)
    return lat, west
