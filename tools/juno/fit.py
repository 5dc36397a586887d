"""The first arc of Juno's trajectory (orbit insertion to apojove 2) and shared helpers.

The later arcs are fitted by :mod:`arcs`; this module keeps the first arc's whole-state fit
and the closest-approach and apojove-error helpers both use. An arc runs from the apojove
before perijove n (``A_n``) to the next apojove. Its free
parameters are the impulsive delta-v applied at ``A_n`` (for the first arc, the whole state at
``A_1``, propagated backwards to orbit insertion as well). The residuals, each divided by the
accuracy it should be met to, are:

* the perijove time (least distance to Jupiter's centre) minus the published time;
* at the next apojove, where NAIF's orbit file has it, the position minus the file's position
  (radial and transverse parts);
* for a moon flyby in the arc, the closest-approach time and altitude minus the published ones;
* the delta-v itself, weakly, so that an under-determined arc takes the smallest manoeuvre.

Gauss-Newton with finite-difference Jacobians; the nominal and perturbed trajectories are
integrated together as one stacked system.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq, least_squares

from . import physics
from .targets import MEAN_RADIUS, OrbApojove

DAY = physics.DAY
SIGMA_PERIJOVE_S = 0.05
SIGMA_APO_RADIAL_KM = 20.0
SIGMA_APO_TRANSVERSE_KM = 1500.0
SIGMA_FLYBY_S = 0.5
SIGMA_FLYBY_KM = 2.0
SIGMA_DV_KMS = 1e-3


class Stack:
    """A stacked propagation: m trajectories from t0, evaluated per trajectory.

    With ``burn_time`` and ``burns`` (m,), the integration stops at ``burn_time``, adds
    ``burns`` km/s along each trajectory's velocity and goes on: a second, impulsive
    manoeuvre inside the arc (a clean-up after perijove).
    """

    def __init__(self, t0, x0, t1, perturbers, burn_time=None, burns=None):
        self.t0 = t0
        self.m = x0.shape[1]
        self.burn_time = burn_time
        if burn_time is None:
            self.legs = [(t0, physics.propagate(t0, x0, t1, perturbers))]
        else:
            first = physics.propagate(t0, x0, burn_time, perturbers)
            x1 = first.y[:, -1].reshape(6, self.m).copy()
            self.burn_vectors = burns * x1[3:] / np.linalg.norm(x1[3:], axis=0)
            x1[3:] += self.burn_vectors
            self.legs = [(t0, first), (burn_time, physics.propagate(burn_time, x1, t1, perturbers))]

    def states(self, tjd):
        """(6, m, k) states at TDB JD array ``tjd``."""
        tjd = np.atleast_1d(np.asarray(tjd, dtype=float))
        if len(self.legs) == 1:
            t0, sol = self.legs[0]
            return sol.sol((tjd - t0) * DAY).reshape(6, self.m, tjd.size)
        out = np.empty((6 * self.m, tjd.size))
        late = tjd >= self.burn_time
        for sel, (t0, sol) in ((~late, self.legs[0]), (late, self.legs[1])):
            if sel.any():
                out[:, sel] = sol.sol((tjd[sel] - t0) * DAY)
        return out.reshape(6, self.m, tjd.size)


def closest_time(stack: Stack, j: int, guess: float, window_s: float, body_states=None,
                 body=None, step_s: float = 30.0) -> tuple[float, float]:
    """Time (TDB JD) and distance (km) of least distance to Jupiter (or ``body``) near ``guess``."""
    ts = guess + np.arange(-window_s, window_s + step_s, step_s) / DAY
    y = stack.states(ts)[:, j, :]

    def rel(t, y6):
        if body is None:
            return y6
        p, v = body_states(body, np.atleast_1d(t))
        return y6 - np.concatenate([p, v])

    yr = rel(ts, y)
    g = np.einsum("ik,ik->k", yr[:3], yr[3:])
    d = np.linalg.norm(yr[:3], axis=0)
    crossings = np.nonzero((g[:-1] < 0) & (g[1:] >= 0))[0]
    if crossings.size == 0:
        k = int(np.argmin(d))
        return float(ts[k]), float(d[k])
    k = crossings[np.argmin(np.abs(ts[crossings] - guess))]

    def gfun(t):
        yy = rel(t, stack.states(t)[:, j, :])
        return float(np.dot(yy[:3, 0], yy[3:, 0]))

    tc = brentq(gfun, ts[k], ts[k + 1], xtol=1e-11)
    yy = rel(tc, stack.states(tc)[:, j, :])
    return tc, float(np.linalg.norm(yy[:3, 0]))


def apojove_residual(stack: Stack, j: int, apo: OrbApojove) -> np.ndarray:
    """Radial and transverse position error (km) at an orbit-file apojove."""
    return apojove_residual_vec(stack.states(apo.tdb)[:3, j, 0], apo)


def apojove_residual_vec(pos: np.ndarray, apo: OrbApojove) -> np.ndarray:
    """Radial and transverse parts (km) of ``pos`` minus the orbit-file apojove position."""
    target = apo.position
    rhat = target / np.linalg.norm(target)
    d = pos - target
    radial = float(d @ rhat)
    trans = d - radial * rhat
    e1 = np.cross(rhat, [0.0, 0.0, 1.0])
    e1 /= np.linalg.norm(e1)
    e2 = np.cross(rhat, e1)
    return np.array([radial, trans @ e1, trans @ e2])


def arc_residuals(stack, j, pj, t_peri, flybys, apo_end, body_states) -> tuple[np.ndarray, dict]:
    """Scaled residuals of trajectory ``j`` and a readable summary."""
    out, info = [], {}
    tp, rp = closest_time(stack, j, t_peri, 2 * DAY, step_s=120.0)
    out.append((tp - t_peri) * DAY / SIGMA_PERIJOVE_S)
    info["perijove_dt_s"] = (tp - t_peri) * DAY
    info["perijove_radius_km"] = rp
    for f in flybys:
        tc, dist = closest_time(stack, j, f.tdb, 2 * 3600.0, body_states, f.body, step_s=10.0)
        alt = dist - MEAN_RADIUS[f.body]
        info[f"{f.body}_dt_s"] = (tc - f.tdb) * DAY
        info[f"{f.body}_alt_km"] = alt
        if f.altitude_km is None:
            out.append((tc - f.tdb) * DAY / 30.0)
            continue
        out.append((tc - f.tdb) * DAY / SIGMA_FLYBY_S)
        out.append((alt - f.altitude_km) / max(SIGMA_FLYBY_KM, 0.002 * f.altitude_km))
    if apo_end is not None:
        d = apojove_residual(stack, j, apo_end)
        info["apojove_err_km"] = d
        out += [d[0] / SIGMA_APO_RADIAL_KM, d[1] / SIGMA_APO_TRANSVERSE_KM,
                d[2] / SIGMA_APO_TRANSVERSE_KM]
    return np.array(out), info


def gauss_newton(make_x0, p0, eps, run, residual_fn, reg_sigma=None, max_iter=16, tol=None,
                 log=print, verbose=False):
    """Minimise the scaled residuals over parameters ``p``; return (p, stack, info).

    ``make_x0(p)`` gives the initial state (6,), ``run(x0s)`` integrates the stacked states
    (6, m) and ``residual_fn(stack, j)`` scores trajectory ``j``. Levenberg-Marquardt
    (scipy ``least_squares``) on parameters scaled by ``eps``; each evaluation integrates the
    nominal and the ``n`` perturbed trajectories together, so the Jacobian comes with it.
    """
    p0 = np.array(p0, dtype=float)
    n = p0.size
    cache = {}

    def evaluate(x):
        key = x.tobytes()
        if key not in cache:
            p = p0 + x * eps
            cols = [make_x0(p)] + [make_x0(p + eps[k] * np.eye(n)[k]) for k in range(n)]
            stack = run(np.stack(cols, axis=1))
            r0, info = residual_fn(stack, 0)
            jac = np.column_stack([residual_fn(stack, k + 1)[0] - r0 for k in range(n)])
            if reg_sigma is not None:
                r0 = np.concatenate([r0, p / reg_sigma])
                jac = np.vstack([jac, np.diag(eps / reg_sigma)])
            cache.clear()
            cache[key] = (r0, jac, stack, info)
            if verbose:
                log(f"      cost {r0 @ r0:.4g} r {np.round(r0, 2)}")
        return cache[key]

    result = least_squares(lambda x: evaluate(x)[0], np.zeros(n), jac=lambda x: evaluate(x)[1],
                           method="lm", xtol=1e-8, ftol=1e-9, max_nfev=max_iter)
    r0, _, stack, info = evaluate(result.x)
    log(f"    evaluations {result.nfev}, cost {r0 @ r0:.3g}")
    return p0 + result.x * eps, stack, info
