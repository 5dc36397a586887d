"""One arc of Juno's trajectory, apojove to apojove, fitted with impulsive manoeuvres.

An arc starts at the apojove before perijove n (``A_n``) from the state the previous arc
arrived with (positions stay continuous) and carries these unknowns, all impulsive delta-v:

* ``dv_apo`` (3): a manoeuvre at ``A_n``;
* ``trim`` (3, flyby arcs only): a targeting manoeuvre ``TRIM_BEFORE_DAYS`` before the moon's
  closest approach;
* ``cleanup`` (1, when a next perijove exists): a burn along the velocity
  ``CLEANUP_AFTER_PJ_DAYS`` after perijove (Juno's orbit trim manoeuvres), which sets the
  energy of the next orbit.

The integration runs on past ``A_{n+1}`` to the next perijove, so an arc also "sees" the
period of the orbit it leaves behind. Residuals, each divided by the accuracy wanted:

* perijove n time (``SIG_PJ_S``), next perijove time (``SIG_NEXT_PJ_S``): together with the
  orbit file's apojove radius these imply the perijove radius (``r_p = 2a - r_a`` in the full
  force model rather than Kepler's);
* orbit-file apojove ``A_{n+1}``: radius (``SIG_APO_RADIAL_KM``) and, softly, direction
  (``SIG_APO_DIR_DEG``);
* moon flybys with a published altitude: closest-approach time and altitude;
* perijove altitude outside ``ALT_BAND_KM`` (a hinge: free inside the band);
* the orbit-file apojoves after ``A_{n+1}`` (``apo_far``: one, or ``FAR_ORBITS`` from
  ``LOOKAHEAD_FROM_PJ`` on), their directions on a ballistic continuation: the orbit plane's
  slow turn shows over several orbits far more than over one, so this lets an arc correct the
  plane early and cheaply (an out-of-plane burn at apojove);
* from ``LOOSE_RADIAL_FROM_PJ`` on, the apojove radius only loosely (the requirement is 2%)
  and the next perijove's altitude outside ``ALT_BAND_KM`` as well;
* the delta-v themselves, weakly, so under-determined arcs take the smallest manoeuvres.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import least_squares

from jovianview.core import ellipsoid
from jovianview.core.frames import body_rotation

from . import physics
from .fit import apojove_residual_vec, closest_time
from .targets import MEAN_RADIUS, orb_coordinates

DAY = physics.DAY
SIG_PJ_S = 0.05
SIG_NEXT_PJ_S = 10.0
SIG_APO_RADIAL_KM = 200.0
# From PJ17 on, the tight radius (with the next perijove time it fixes r_p = 2a - r_a) drives
# the perijove above 5000 km; the published requirement on the apojove altitude is only 2%
# (~160,000 km), so there the radius is held loosely and the altitude band sets r_p instead.
LOOSE_RADIAL_FROM_PJ = 16
SIG_APO_RADIAL_LOOSE_KM = 20000.0
# Ballistic look-ahead: the orbit plane's slow turn about the apse line (set by a small
# inclination error, corrected cheaply by an out-of-plane burn at apojove) shows only over
# several orbits, so from this perijove on an arc also aims at the next FAR_ORBITS apojoves.
LOOKAHEAD_FROM_PJ = 16
FAR_ORBITS = 4
SIG_APO_DIR_DEG = 0.03
SIG_FLYBY_S = 0.5
SIG_FLYBY_KM = 2.0
ALT_BAND_KM = (3400.0, 4600.0)
SIG_ALT_KM = 50.0
SIG_DV = 3e-3  # km/s
SIG_TRIM = 5e-3
BOUND_DV = 0.06
BOUND_TRIM = 0.2
EPS = 2e-6  # km/s finite-difference step
UNIT = 1e-3  # km/s: the optimiser works in m/s
TRIM_BEFORE_DAYS = 3.0
CLEANUP_AFTER_PJ_DAYS = 3.0
# Flyby aiming (aim_flyby): points tried on the B-plane ring, Newton iterations, and the
# perijove-time misfit (s) that weighs like one sigma of altitude band or apojove burn.
AIM_ANGLES = 24
AIM_ITERATIONS = 10
AIM_PJ_S = 60.0
AIM_NEXT_PJ_S = 0.5 * DAY  # the clean-up burn moves the next perijove ~1 day per 20 m/s
NEXT_PJ_WINDOW_FLYBY_DAYS = 6.0


@dataclass
class ArcResult:
    """One fitted arc: the state just after the apojove manoeuvre, and its burns."""

    pj: int
    t_start: float
    t_end: float
    x_start: np.ndarray
    burns: list = field(default_factory=list)  # (tdb, dv (3,) km/s) after t_start
    dv_apo: np.ndarray = field(default_factory=lambda: np.zeros(3))
    residuals: dict = field(default_factory=dict)


class Stack:
    """m trajectories from ``t0`` to ``t1`` with impulsive burns between.

    ``burns`` is a list of (time, function of the states (6, m) -> delta-v (3, m)).
    """

    def __init__(self, t0, x0, t1, perturbers, burns=()):
        self.m = x0.shape[1]
        self.legs = []
        self.burn_dv = []
        t, x = t0, x0
        for tb, fn in sorted(burns, key=lambda b: b[0]):
            sol = physics.propagate(t, x, tb, perturbers)
            self.legs.append((t, tb, sol))
            x = sol.y[:, -1].reshape(6, self.m).copy()
            dv = fn(x)
            self.burn_dv.append((tb, dv))
            x[3:] += dv
            t = tb
        self.legs.append((t, t1, physics.propagate(t, x, t1, perturbers)))

    def states(self, tjd):
        """(6, m, k) states at TDB JD array ``tjd`` (after a burn at a burn time)."""
        tjd = np.atleast_1d(np.asarray(tjd, dtype=float))
        out = np.empty((6 * self.m, tjd.size))
        for i, (a, b, sol) in enumerate(self.legs):
            lo = -np.inf if i == 0 else a
            hi = np.inf if i == len(self.legs) - 1 else b
            sel = (tjd >= lo) & (tjd < hi)
            if sel.any():
                out[:, sel] = sol.sol((tjd[sel] - a) * DAY)
        return out.reshape(6, self.m, tjd.size)


def perijove_altitude(pos: np.ndarray, tdb: float) -> float:
    """Height (km) above Jupiter's 1-bar ellipsoid of an ICRF position."""
    return float(ellipsoid.altitude(body_rotation("jupiter", tdb) @ pos))


@dataclass
class ArcSpec:
    """What one arc must meet."""

    pj: int
    t0: float
    t1: float  # the arc's end (the next apojove, or the end of the data)
    t_pj: float
    t_next_pj: float | None
    apo_end: object | None  # OrbApojove at t1 or None
    flybys: list
    trim_time: float | None
    cleanup_time: float | None
    apo_far: tuple = ()  # orbit-file apojoves after that: the plane over several orbits

    @property
    def next_window_days(self) -> float:
        """Half-width of the search for the next perijove: wide after a flyby, which can
        leave the next orbit's period days off before the clean-up burn corrects it."""
        return NEXT_PJ_WINDOW_FLYBY_DAYS if self.flybys else 2.0

    @property
    def t_int_end(self) -> float:
        if self.t_next_pj is None:
            end = self.t1
        elif self.flybys:
            end = max(self.t1, self.t_next_pj + self.next_window_days + 0.01)
        else:
            end = max(self.t1, self.t_next_pj + 0.3)
        return max([end] + [a.tdb + 0.01 for a in self.apo_far])

    @property
    def npar(self) -> int:
        return 3 + 3 * (self.trim_time is not None) + (self.cleanup_time is not None)


def residuals(spec: ArcSpec, stack: Stack, j: int, body_states) -> tuple[np.ndarray, dict]:
    """Scaled residuals of trajectory ``j`` of ``stack`` and a readable summary."""
    out, info = [], {}
    tp, rp = closest_time(stack, j, spec.t_pj, 2 * DAY, step_s=120.0)
    out.append((tp - spec.t_pj) * DAY / SIG_PJ_S)
    alt = perijove_altitude(stack.states(tp)[:3, j, 0], tp)
    info.update(perijove_dt_s=(tp - spec.t_pj) * DAY, perijove_radius_km=rp,
                perijove_alt_km=alt)
    lo, hi = ALT_BAND_KM
    out.append(max(0.0, lo - alt, alt - hi) / SIG_ALT_KM)
    if spec.t_next_pj is not None:
        tn, _ = closest_time(stack, j, spec.t_next_pj, spec.next_window_days * DAY,
                             step_s=120.0)
        out.append((tn - spec.t_next_pj) * DAY / SIG_NEXT_PJ_S)
        info["next_perijove_dt_s"] = (tn - spec.t_next_pj) * DAY
        if spec.pj >= LOOSE_RADIAL_FROM_PJ:  # the loose apojove radius no longer sets r_p
            alt_n = perijove_altitude(stack.states(tn)[:3, j, 0], tn)
            out.append(max(0.0, lo - alt_n, alt_n - hi) / SIG_ALT_KM)
            info["next_perijove_alt_km"] = alt_n
    for f in spec.flybys:
        tc, dist = closest_time(stack, j, f.tdb, 2 * 3600.0, body_states, f.body, step_s=10.0)
        falt = dist - MEAN_RADIUS[f.body]
        info[f"{f.body}_dt_s"] = (tc - f.tdb) * DAY
        info[f"{f.body}_alt_km"] = falt
        out.append((tc - f.tdb) * DAY / SIG_FLYBY_S)
        out.append((falt - f.altitude_km) / max(SIG_FLYBY_KM, 0.002 * f.altitude_km))
    if spec.apo_end is not None:
        d = apojove_residual_vec(stack.states(spec.apo_end.tdb)[:3, j, 0], spec.apo_end)
        r = np.linalg.norm(spec.apo_end.position)
        sig_t = np.radians(SIG_APO_DIR_DEG) * r
        info["apojove_err_km"] = d
        a = spec.apo_end
        lon, lat, alt_a = orb_coordinates(a.tdb, stack.states(a.tdb)[:3, j, 0])
        info["apojove_dlon_dlat_deg_dalt_pct"] = np.array([
            (lon - a.lon_east_deg + 180) % 360 - 180, lat - a.lat_deg,
            100 * (alt_a - a.altitude_km) / a.altitude_km])
        sig_r = SIG_APO_RADIAL_LOOSE_KM if spec.pj >= LOOSE_RADIAL_FROM_PJ else SIG_APO_RADIAL_KM
        out += [d[0] / sig_r, d[1] / sig_t, d[2] / sig_t]
    for k, far in enumerate(spec.apo_far):
        d = apojove_residual_vec(stack.states(far.tdb)[:3, j, 0], far)
        sig_t = np.radians(SIG_APO_DIR_DEG) * np.linalg.norm(far.position)
        info["far_apojove_err_km" if k == 0 else f"far{k + 1}_apojove_err_km"] = d
        out += [d[1] / sig_t, d[2] / sig_t]
    return np.array(out), info


def make_burns(spec: ArcSpec, q: np.ndarray):
    """Burn list for ``Stack`` from stacked parameter columns ``q`` (npar, m)."""
    burns = []
    k = 3
    if spec.trim_time is not None:
        trim = q[3:6]
        burns.append((spec.trim_time, lambda x, trim=trim: trim))
        k = 6
    if spec.cleanup_time is not None:
        mag = q[k]

        def along(x, mag=mag):
            return mag * x[3:] / np.linalg.norm(x[3:], axis=0)

        burns.append((spec.cleanup_time, along))
    return burns


def fit_arc(spec: ArcSpec, x_arrive: np.ndarray, pert, body_states, q0=None, log=print,
            max_nfev=25):
    """Fit one arc; return (ArcResult, stack of the nominal trajectory, x at ``t1``)."""
    n = spec.npar
    q0 = np.zeros(n) if q0 is None else np.asarray(q0, dtype=float)
    sig = np.full(n, SIG_DV)
    bound = np.full(n, BOUND_DV)
    if spec.trim_time is not None:
        sig[3:6] = SIG_TRIM
        bound[3:6] = BOUND_TRIM
    cache = {}

    def evaluate(x):  # x: the parameters in m/s, so the trust region starts at ~1 m/s
        key = x.tobytes()
        if key not in cache:
            q = x * UNIT
            cols = np.column_stack([q] + [q + EPS * np.eye(n)[k] for k in range(n)])
            x0 = np.repeat(x_arrive[:, None], n + 1, axis=1)
            x0[3:] += cols[:3]
            stack = Stack(spec.t0, x0, spec.t_int_end, pert, make_burns(spec, cols))
            r0, info = residuals(spec, stack, 0, body_states)
            jac = np.column_stack([residuals(spec, stack, k + 1, body_states)[0] - r0
                                   for k in range(n)]) * (UNIT / EPS)
            r0 = np.concatenate([r0, q / sig])
            jac = np.vstack([jac, np.diag(UNIT / sig)])
            cache.clear()
            cache[key] = (r0, jac, stack, info)
        return cache[key]

    lim = bound / UNIT
    x_start = np.clip(q0 / UNIT, -lim * 0.999, lim * 0.999)
    res = least_squares(lambda x: evaluate(x)[0], x_start, jac=lambda x: evaluate(x)[1],
                        method="trf", bounds=(-lim, lim), xtol=1e-9, ftol=1e-8,
                        max_nfev=max_nfev)
    r0, _, stack, info = evaluate(res.x)
    q = res.x * UNIT
    info["cost"] = float(r0 @ r0)
    info["nfev"] = int(res.nfev)
    x_start_state = x_arrive.copy()
    x_start_state[3:] += q[:3]
    burns = [(t, dv[:, 0].copy()) for t, dv in stack.burn_dv]
    result = ArcResult(spec.pj, spec.t0, spec.t1, x_start_state, burns, q[:3].copy(), info)
    x_end = stack.states(spec.t1)[:, 0, 0]
    return result, stack, x_end, q


def _bplane_axes(vrel: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two unit vectors spanning the plane normal to the relative velocity (the B-plane)."""
    vhat = vrel / np.linalg.norm(vrel)
    ref = np.array([0.0, 0.0, 1.0]) if abs(vhat[2]) < 0.9 else np.array([1.0, 0.0, 0.0])
    e1 = np.cross(vhat, ref)
    e1 /= np.linalg.norm(e1)
    return e1, np.cross(vhat, e1)


def aim_flyby(spec: ArcSpec, x_arrive: np.ndarray, pert, body_states, log=print,
              n_angles: int = AIM_ANGLES) -> np.ndarray:
    """Starting parameters for a flyby arc: the apojove burn that puts Juno on the flyby.

    A moon flyby both needs Juno at a point near the moon at the published time and, by the
    way the moon bends the path, sets when and how low the perijove after it comes. Which
    side of the moon Juno passes (the angle in the B-plane) decides the second, so this
    tries ``n_angles`` points on the ring at the published altitude, solves for each the
    apojove burn (Newton, all rings at once) that reaches it at the published time, flies
    on to the perijove and keeps the burn whose perijove time and altitude come closest.
    The fit then refines from there (the trim stays zero to start with).
    """
    f = spec.flybys[0]
    mp, mv = (a[:, 0] for a in body_states(f.body, np.array([f.tdb])))
    y = Stack(spec.t0, x_arrive[:, None], f.tdb, pert).states(f.tdb)[:, 0, 0]
    e1, e2 = _bplane_axes(y[3:] - mv)
    ang = 2 * np.pi * np.arange(n_angles) / n_angles
    radius = MEAN_RADIUS[f.body] + f.altitude_km
    target = mp[:, None] + radius * (np.outer(e1, np.cos(ang)) + np.outer(e2, np.sin(ang)))
    dv = np.zeros((3, n_angles))
    h = 1e-5
    for _ in range(AIM_ITERATIONS):
        cols = np.repeat(dv[:, :, None], 4, axis=2)  # (3, n, 4): nominal + 3 steps
        cols[:, :, 1:] += h * np.eye(3)[:, None, :]
        x0 = np.repeat(x_arrive[:, None], 4 * n_angles, axis=1)
        x0[3:] += cols.reshape(3, -1)
        end = Stack(spec.t0, x0, f.tdb, pert).states(f.tdb)[:3, :, 0].reshape(3, n_angles, 4)
        miss = end[:, :, 0] - target
        jac = (end[:, :, 1:] - end[:, :, :1]) / h  # (3, n, 3)
        dv -= np.linalg.solve(jac.transpose(1, 0, 2), miss.T[:, :, None])[:, :, 0].T
        if np.abs(miss).max() < 0.05:
            break
    x0 = np.repeat(x_arrive[:, None], n_angles, axis=1)
    x0[3:] += dv
    stack = Stack(spec.t0, x0, spec.t_int_end, pert)
    lo, hi = ALT_BAND_KM
    scores = []
    for j in range(n_angles):
        tp, _ = closest_time(stack, j, spec.t_pj, 2 * DAY, step_s=120.0)
        alt = perijove_altitude(stack.states(tp)[:3, j, 0], tp)
        dt = (tp - spec.t_pj) * DAY
        miss_dv = np.linalg.norm(dv[:, j]) / SIG_DV
        band = max(0.0, lo - alt, alt - hi) / SIG_ALT_KM
        score = (dt / AIM_PJ_S) ** 2 + band**2 + miss_dv**2
        if spec.t_next_pj is not None:  # the period the flyby leaves: the clean-up's load
            tn, _ = closest_time(stack, j, spec.t_next_pj, spec.next_window_days * DAY,
                                 step_s=600.0)
            score += ((tn - spec.t_next_pj) * DAY / AIM_NEXT_PJ_S) ** 2
        scores.append((score, dt, alt))
    best = int(np.argmin([s[0] for s in scores]))
    _, dt, alt = scores[best]
    log(f"    aimed at {f.body} from apojove: {np.degrees(ang[best]):.0f} deg on the ring, "
        f"burn {np.linalg.norm(dv[:, best]) * 1e3:.2f} m/s, perijove {dt:+.1f} s, "
        f"{alt:.0f} km")
    q0 = np.zeros(spec.npar)
    q0[:3] = dv[:, best]
    return q0
