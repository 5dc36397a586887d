"""Generate Juno's embedded trajectory, ``assets/juno/trajectory.npz``, from facts and physics.

Rerun with (a few minutes; scipy needed)::

    PYTHONPATH=. nice -n 10 python tools/make_juno.py [--reference ../shared/reference]

See ``tools/juno/fit.py`` for the fitting scheme and ``tools/juno/physics.py`` for the forces.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from juno import fit, iau, physics, sources, store, targets  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
PERTURBERS = ("sun", "io", "europa", "ganymede", "callisto")
START_BEFORE_PJ0_DAYS = 1.0 / 24.0
END_AFTER_LAST_DAYS = 16.0
PJ0_WEIGHT = 0.1
CLEANUP_AFTER_PJ_DAYS = 3.0
VERBOSE = False


def first_guess(t, r, period_days):
    """Velocity at apojove of a polar Keplerian orbit with the given period (north-going)."""
    a = (physics.GM_JUPITER * (period_days * physics.DAY / (2 * np.pi)) ** 2) ** (1 / 3)
    rn = np.linalg.norm(r)
    va = np.sqrt(physics.GM_JUPITER * (2 / rn - 1 / a))
    p = iau.pole(t)
    tang = p - (p @ r) / rn**2 * r
    return va * tang / np.linalg.norm(tang)


def fit_all(tg: targets.Targets, bodies, log=print):
    """Fit every arc in order; return a list of ``ArcResult``."""
    last = max(tg.perijove_tdb)
    flybys_by_pj = {}
    for f in tg.flybys:
        flybys_by_pj.setdefault(f.perijove, []).append(f)

    def perturbers(t0, t1):
        return physics.Perturbers(sources.body_states, bodies, t0 - 0.5, t1 + 0.5)

    # First arc: the full state at A_1, back to orbit insertion and on to A_2.
    a1, a2 = tg.orb[1], tg.orb[2]
    t_begin = tg.perijove_tdb[0] - START_BEFORE_PJ0_DAYS
    pert = perturbers(t_begin, a2.tdb)
    x_guess = np.concatenate([a1.position, first_guess(a1.tdb, a1.position,
                                                       tg.perijove_tdb[1] - tg.perijove_tdb[0])])

    class TwoWay:
        def __init__(self, x0s):
            self.back = fit.Stack(a1.tdb, x0s, t_begin, pert)
            self.fwd = fit.Stack(a1.tdb, x0s, a2.tdb, pert)

    def res_first(two, j):
        r0, i0 = fit.arc_residuals(two.back, j, 0, tg.perijove_tdb[0], [], None, None)
        r1, i1 = fit.arc_residuals(two.fwd, j, 1, tg.perijove_tdb[1], [], a2,
                                   sources.body_states)
        x0 = two.fwd.states(a1.tdb)[:3, j, 0]
        d = fit.apojove_residual_vec(x0, a1)
        extra = np.array([d[0] / fit.SIGMA_APO_RADIAL_KM, d[1] / fit.SIGMA_APO_TRANSVERSE_KM,
                          d[2] / fit.SIGMA_APO_TRANSVERSE_KM])
        info = {"pj0": i0, "pj1": i1}
        return np.concatenate([r0 * PJ0_WEIGHT, r1, extra]), info

    eps = np.array([10.0, 10.0, 10.0, 1e-5, 1e-5, 1e-5])
    log("arc 1 (orbit insertion to A2)")
    p, two, info = fit.gauss_newton(lambda q: q, x_guess, eps, TwoWay, res_first, log=log)
    log(f"    {info}")
    results = [fit.ArcResult(0, a1.tdb, t_begin, p.copy(), np.zeros(3), info["pj0"]),
               fit.ArcResult(1, a1.tdb, a2.tdb, p.copy(), np.zeros(3), info["pj1"])]
    x_arrive = two.fwd.states(a2.tdb)[:, 0, 0]

    for n in range(2, last + 1):
        t0 = tg.apojove_tdb[n]
        t1 = tg.apojove_tdb[n + 1] if n + 1 in tg.apojove_tdb else (
            tg.perijove_tdb[n] + END_AFTER_LAST_DAYS)
        if abs(results[-1].t_end - t0) > 1e-9:
            raise RuntimeError(f"arc {n} does not start where arc {n - 1} ends")
        pert = perturbers(t0, t1)
        apo_end = tg.orb.get(n + 1) if n + 1 in tg.apojove_tdb else None
        flybys = [f for f in flybys_by_pj.get(n, []) if f.body in bodies]

        # A clean-up burn along the velocity after perijove, where the orbit file also pins
        # the next apojove: the perijove pass (moons, real trims) changes the orbit's energy.
        burn_time = tg.perijove_tdb[n] + CLEANUP_AFTER_PJ_DAYS if apo_end is not None else None
        npar = 4 if burn_time is not None else 3

        def make_x0(q, x_arrive=x_arrive):
            return np.concatenate([x_arrive + np.concatenate([np.zeros(3), q[:3]]), q[3:]])

        def run(x0s, t0=t0, t1=t1, pert=pert, burn_time=burn_time):
            burns = x0s[6] if burn_time is not None else None
            return fit.Stack(t0, x0s[:6], t1, pert, burn_time, burns)

        def res(stack, j, n=n, flybys=flybys, apo_end=apo_end):
            return fit.arc_residuals(stack, j, n, tg.perijove_tdb[n], flybys, apo_end,
                                     sources.body_states)

        log(f"arc {n} ({len(flybys)} flybys, orbit-file apojove: {apo_end is not None})")
        sig = np.full(npar, fit.SIGMA_DV_KMS)
        q, stack, info = fit.gauss_newton(make_x0, np.zeros(npar), np.full(npar, 2e-6), run,
                                          res, reg_sigma=sig, log=log, verbose=VERBOSE)
        dv = q[:3]
        burn = float(q[3]) if npar == 4 else 0.0
        log(f"    dv {np.linalg.norm(dv) * 1e3:.3f} m/s, clean-up {burn * 1e3:.3f} m/s  {info}")
        results.append(fit.ArcResult(n, t0, t1, make_x0(q)[:6], dv, info, burn_time, burn))
        x_arrive = stack.states(t1)[:, 0, 0]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=REPO.parent / "shared" / "reference")
    parser.add_argument("--out", type=Path, default=REPO / "assets" / "juno" / "trajectory.npz")
    parser.add_argument("--last", type=int, default=None, help="stop after this perijove")
    args = parser.parse_args()
    started = time.time()
    tg = targets.load(args.reference)
    if args.last is not None:
        tg = targets.Targets(
            {k: v for k, v in tg.perijove_tdb.items() if k <= args.last},
            {k: v for k, v in tg.apojove_tdb.items() if k <= args.last},
            tg.status, tg.orb, tg.flybys)
    bodies = sources.available(PERTURBERS)
    results = fit_all(tg, bodies)
    table = store.build_table(results, bodies)
    provenance = store.provenance(results, sources.source_names(PERTURBERS), tg)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    store.save(args.out, table, provenance)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) in "
          f"{time.time() - started:.0f} s")
    print(json.dumps(provenance["fit_summary"], indent=1)[:3000])


if __name__ == "__main__":
    main()
