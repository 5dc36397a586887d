"""Equations of motion for the Juno generator: Jupiter with J2 and J4, the Sun, the four moons.

Everything is Jupiter-centred, ICRF axes, km and seconds. Constants:

* Jupiter GM 126686531.900 km^3/s^2 and the moons' and Sun's GM: NAIF ``gm_de440.tpc``;
* J2 = 14696.5e-6, J4 = -586.6e-6 at reference radius 71492 km: Juno gravity science,
  Iess et al. 2018, Nature 555, 220 (unnormalised zonal harmonics);
* pole: IAU 2015 model (pck00011), see :mod:`iau`.

Perturbing bodies come from a caller's ``body_states(name, tdb)`` (the project's own
ephemeris), tabulated per arc and interpolated with cubic Hermite polynomials from positions
and velocities, which keeps each right-hand-side call to a few array operations.
"""

from __future__ import annotations

import numpy as np
from scipy.integrate import solve_ivp

from . import iau

DAY = 86400.0
GM_JUPITER = 1.266865319003704e08
GM = {
    "sun": 1.3271244004127942e11,
    "io": 5.959915466180539e03,
    "europa": 3.202712099607295e03,
    "ganymede": 9.887832752719638e03,
    "callisto": 7.179283402579837e03,
}
J2, J4, R_REF = 14696.5e-6, -586.6e-6, 71492.0
RTOL = 1e-12
ATOL = 1e-7  # km and km/s components; the relative tolerance governs


class Perturbers:
    """Sun and moon positions over one time span, interpolated (cubic Hermite) in seconds."""

    def __init__(self, body_states, names, t0: float, t1: float, step_s: float = 600.0):
        lo, hi = min(t0, t1), max(t0, t1)
        self.t0 = lo
        self.h = step_s
        n = int(np.ceil((hi - lo) * DAY / step_s)) + 2
        grid = lo + np.arange(n) * step_s / DAY
        self.names = tuple(names)
        self.gm = np.array([GM[b] for b in self.names])
        pos, vel = [], []
        for b in self.names:
            p, v = body_states(b, grid)
            pos.append(p.T)
            vel.append(v.T)
        self.pos = np.ascontiguousarray(np.stack(pos, axis=1))  # (n, nb, 3)
        self.vel = np.ascontiguousarray(np.stack(vel, axis=1)) * step_s
        self.n = n

    def at(self, t_jd_offset_s: float) -> np.ndarray:
        """Positions (nb, 3) at ``t0 + t/86400`` with ``t`` in seconds from ``self.t0``."""
        x = t_jd_offset_s / self.h
        i = min(max(int(x), 0), self.n - 2)
        s = x - i
        s2, s3 = s * s, s * s * s
        h00, h10, h01, h11 = 2 * s3 - 3 * s2 + 1, s3 - 2 * s2 + s, -2 * s3 + 3 * s2, s3 - s2
        return (h00 * self.pos[i] + h10 * self.vel[i] + h01 * self.pos[i + 1]
                + h11 * self.vel[i + 1])


def zonal_acc(r: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Central + J2 + J4 acceleration (3, m) for positions ``r`` (3, m); pole unit vector ``p``."""
    rn2 = np.einsum("ij,ij->j", r, r)
    rn = np.sqrt(rn2)
    s = (p @ r) / rn
    s2 = s * s
    rhat = r / rn
    mu_r2 = GM_JUPITER / rn2
    q = R_REF * R_REF / rn2
    # grad of -mu Jn R^n Pn(s) / r^(n+1): mu Jn R^n / r^(n+2) [((n+1)Pn + s Pn') rhat - Pn' p]
    p2, d2 = 0.5 * (3 * s2 - 1), 3 * s
    p4, d4 = (35 * s2 * s2 - 30 * s2 + 3) / 8, (140 * s2 * s - 60 * s) / 8
    k2 = mu_r2 * J2 * q
    k4 = mu_r2 * J4 * q * q
    radial = -mu_r2 + k2 * (3 * p2 + s * d2) + k4 * (5 * p4 + s * d4)
    polar = -(k2 * d2 + k4 * d4)
    return rhat * radial + np.outer(p, polar)


def third_body_acc(r: np.ndarray, bodies: np.ndarray, gm: np.ndarray) -> np.ndarray:
    """Direct minus indirect (Jupiter-centred frame) attraction of bodies (nb, 3) on r (3, m)."""
    rel = bodies[:, :, None] - r[None]  # (nb, 3, m)
    dist3 = np.einsum("bim,bim->bm", rel, rel) ** 1.5
    direct = np.einsum("b,bim->im", gm, rel / dist3[:, None, :])
    indirect = (gm / np.einsum("bi,bi->b", bodies, bodies) ** 1.5) @ bodies
    return direct - indirect[:, None]


def propagate(t0: float, x0: np.ndarray, t1: float, perturbers: Perturbers | None):
    """Integrate states ``x0`` (6, m) from TDB JD ``t0`` to ``t1``; return a dense solution.

    The solution's ``.sol(t_s)`` takes seconds from ``t0`` and gives the flattened (6*m) state.
    """
    x0 = np.asarray(x0, dtype=float).reshape(6, -1)
    m = x0.shape[1]
    p = iau.pole(0.5 * (t0 + t1))  # the pole moves 0.0065 deg a century: fixed per arc
    offset = (t0 - perturbers.t0) * DAY if perturbers is not None else 0.0

    def rhs(t, y):
        y = y.reshape(6, m)
        r = y[:3]
        acc = zonal_acc(r, p)
        if perturbers is not None:
            acc += third_body_acc(r, perturbers.at(offset + t), perturbers.gm)
        return np.concatenate([y[3:], acc]).ravel()

    sol = solve_ivp(rhs, (0.0, (t1 - t0) * DAY), x0.ravel(), method="DOP853",
                    rtol=RTOL, atol=ATOL, dense_output=True)
    if not sol.success:
        raise RuntimeError(f"integration failed: {sol.message}")
    return sol
