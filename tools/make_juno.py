"""Generate Juno's embedded trajectory, ``assets/juno/trajectory.npz``, from facts and physics.

The committed asset (orbit insertion to 16 days after PJ110, the last perijove of the plan) is
written by::

    PYTHONPATH=. nice -n 10 python tools/make_juno.py

(about 20 minutes on two cores). ``--last`` limits the perijove facts the fit sees (arc n is
aimed at perijove n+1 and the orbit-file apojoves n+2 to n+5, so an arc is the same for any
``--last`` above n+4); ``--span-end-perijove`` stops after that perijove's arc, which ends at
the next apojove. ``--checkpoint DIR`` and ``--resume-after N`` split the work without changing
the result (the state is saved in float64 after each arc).

See ``tools/juno/arcs.py`` (``fit.py`` for the first arc) for the fitting scheme and
``tools/juno/physics.py`` for the forces.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from juno import arcs, fit, iau, physics, sources, store, targets  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
PERTURBERS = ("sun", "io", "europa", "ganymede", "callisto")
START_BEFORE_PJ0_DAYS = 1.0 / 24.0
END_AFTER_LAST_DAYS = 16.0
PJ0_WEIGHT = 0.1
REFIT_PJ_DT_S = 0.5  # an arc whose perijove time is further off is fitted on, longer
REFIT_FLYBY_S = 1.0  # ... or whose flyby is further off in time,
REFIT_FLYBY_ALT = (0.02, 10.0)  # ... or in altitude (fraction of the altitude, or km)
REFITS = 3


def unconverged(info: dict, flybys) -> str:
    """Why a fitted arc should be fitted on (empty when it meets its targets closely)."""
    if abs(info["perijove_dt_s"]) > REFIT_PJ_DT_S:
        return f"perijove off by {info['perijove_dt_s']:.3f} s"
    for f in flybys:
        dt, alt = info[f"{f.body}_dt_s"], info[f"{f.body}_alt_km"]
        if abs(dt) > REFIT_FLYBY_S or abs(alt - f.altitude_km) > max(
                REFIT_FLYBY_ALT[0] * f.altitude_km, REFIT_FLYBY_ALT[1]):
            return f"{f.body} flyby off by {dt:.2f} s, {alt - f.altitude_km:.1f} km"
    return ""


def first_guess(t, r, period_days):
    """Velocity at apojove of a polar Keplerian orbit with the given period (north-going)."""
    a = (physics.GM_JUPITER * (period_days * physics.DAY / (2 * np.pi)) ** 2) ** (1 / 3)
    rn = np.linalg.norm(r)
    va = np.sqrt(physics.GM_JUPITER * (2 / rn - 1 / a))
    p = iau.pole(t)
    tang = p - (p @ r) / rn**2 * r
    return va * tang / np.linalg.norm(tang)


def far_apojoves(tg: targets.Targets, n: int, flybys_by_pj) -> tuple:
    """Orbit-file apojoves after ``A_{n+1}`` that arc n aims at on a ballistic continuation.

    One (``A_{n+2}``) before ``arcs.LOOKAHEAD_FROM_PJ``, then up to ``arcs.FAR_ORBITS``; the
    continuation stops before a perijove with a moon flyby (its trim would bend the path).
    """
    count = 1 if n < arcs.LOOKAHEAD_FROM_PJ else arcs.FAR_ORBITS
    out = []
    for m in range(n + 2, n + 2 + count):
        if m not in tg.apojove_tdb or m not in tg.orb or flybys_by_pj.get(m - 1):
            break
        out.append(tg.orb[m])
    return tuple(out)


def fit_all(tg: targets.Targets, bodies, log=print, span_end: int | None = None,
            checkpoint: Path | None = None, resume_after: int | None = None):
    """Fit every arc in order (up to perijove ``span_end`` if given); return ``ArcResult``s.

    With ``checkpoint`` (a folder) the arcs fitted so far and the state they end in are saved
    after each arc; ``resume_after`` n starts from that folder's save after arc n (the same
    float64 state, so a resumed run gives the same arcs as a whole one).
    """
    last = max(tg.perijove_tdb) if span_end is None else min(span_end, max(tg.perijove_tdb))
    flybys_by_pj = {}
    for f in tg.flybys:
        flybys_by_pj.setdefault(f.perijove, []).append(f)

    def perturbers(t0, t1):
        return physics.Perturbers(sources.body_states, bodies, t0 - 0.5, t1 + 0.5)

    if resume_after is not None:
        with open(checkpoint / f"after{resume_after}.pkl", "rb") as fh:
            results, x_arrive = pickle.load(fh)
        return fit_arcs(tg, results, x_arrive, resume_after + 1, last, flybys_by_pj,
                        perturbers, bodies, log, checkpoint)

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
    results = [arcs.ArcResult(0, a1.tdb, t_begin, p.copy(), residuals=info["pj0"]),
               arcs.ArcResult(1, a1.tdb, a2.tdb, p.copy(), residuals=info["pj1"])]
    x_arrive = two.fwd.states(a2.tdb)[:, 0, 0]
    return fit_arcs(tg, results, x_arrive, 2, last, flybys_by_pj, perturbers, bodies, log,
                    checkpoint)


def fit_arcs(tg, results, x_arrive, first, last, flybys_by_pj, perturbers, bodies, log,
             checkpoint):
    """Fit arcs ``first`` to ``last`` on from state ``x_arrive``; append them to ``results``."""
    for n in range(first, last + 1):
        t0 = tg.apojove_tdb[n]
        t_next = tg.perijove_tdb.get(n + 1)
        t1 = tg.apojove_tdb[n + 1] if n + 1 in tg.apojove_tdb else (
            tg.perijove_tdb[n] + END_AFTER_LAST_DAYS)
        flybys = [f for f in flybys_by_pj.get(n, []) if f.body in bodies
                  and f.altitude_km is not None]
        flybys.sort(key=lambda f: f.altitude_km)
        spec = arcs.ArcSpec(
            n, t0, t1, tg.perijove_tdb[n], t_next,
            tg.orb.get(n + 1) if t_next is not None else None, flybys,
            flybys[0].tdb - arcs.TRIM_BEFORE_DAYS if flybys else None,
            tg.perijove_tdb[n] + arcs.CLEANUP_AFTER_PJ_DAYS if t_next is not None else None,
            far_apojoves(tg, n, flybys_by_pj))
        pert = perturbers(t0, spec.t_int_end)
        log(f"arc {n} ({len(flybys)} flybys, orbit-file apojove: {spec.apo_end is not None})")
        q0 = np.zeros(spec.npar)
        try:
            if flybys:
                q0 = arcs.aim_flyby(spec, x_arrive, pert, sources.body_states, log=log)
            res, _, x_end, q = arcs.fit_arc(spec, x_arrive, pert, sources.body_states, q0,
                                            log=log, max_nfev=30 if flybys else 12)
            for _ in range(REFITS):
                why = unconverged(res.residuals, flybys)
                if not why:
                    break
                log(f"    {why}; refitting")
                res, _, x_end, q = arcs.fit_arc(spec, x_arrive, pert, sources.body_states, q,
                                                log=log, max_nfev=30)
        except (RuntimeError, np.linalg.LinAlgError, ValueError) as exc:
            log(f"    arc {n} failed ({exc}); fitting the perijove time alone")
            spec = arcs.ArcSpec(n, t0, t1, tg.perijove_tdb[n], None, None, [], None, None)
            res, _, x_end, q = arcs.fit_arc(spec, x_arrive, pert, sources.body_states, log=log)
        info = res.residuals
        log(f"    q {np.round(q * 1e3, 3)} m/s; " + ", ".join(
            f"{k} {np.round(v, 3)}" for k, v in info.items()))
        results.append(res)
        x_arrive = x_end
        if checkpoint is not None:
            checkpoint.mkdir(parents=True, exist_ok=True)
            with open(checkpoint / f"after{n}.pkl", "wb") as fh:
                pickle.dump((results, x_arrive), fh)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=REPO.parent / "shared" / "reference")
    parser.add_argument("--out", type=Path, default=REPO / "assets" / "juno" / "trajectory.npz")
    parser.add_argument("--last", type=int, default=None,
                        help="use perijove facts up to this perijove only")
    parser.add_argument("--span-end-perijove", type=int, default=None, metavar="N",
                        help="fit and write arcs up to perijove N only (the table then ends "
                             "at the apojove after PJ N, when that apojove is known)")
    parser.add_argument("--checkpoint", type=Path, default=None, metavar="DIR",
                        help="save the arcs fitted so far after each arc in DIR (development)")
    parser.add_argument("--resume-after", type=int, default=None, metavar="N",
                        help="start from the --checkpoint save after arc N (development)")
    args = parser.parse_args()
    if args.resume_after is not None and args.checkpoint is None:
        parser.error("--resume-after needs --checkpoint DIR")
    if args.span_end_perijove is not None and args.span_end_perijove < 2:
        parser.error(f"--span-end-perijove must be 2 or more, not {args.span_end_perijove}")
    # --checkpoint/--resume-after change how the work is split, not the result: not recorded
    kept, skip = [], False
    for arg in sys.argv[1:]:
        if skip or arg.split("=")[0] in ("--checkpoint", "--resume-after"):
            skip = not skip and "=" not in arg
            continue
        kept.append(arg)
    command = "python tools/make_juno.py " + " ".join(kept)
    started = time.time()
    tg = targets.load(args.reference)
    if args.last is not None:
        tg = targets.Targets(
            {k: v for k, v in tg.perijove_tdb.items() if k <= args.last},
            {k: v for k, v in tg.apojove_tdb.items() if k <= args.last},
            tg.status, tg.orb, tg.flybys)
    bodies = sources.available(PERTURBERS)
    results = fit_all(tg, bodies, span_end=args.span_end_perijove, checkpoint=args.checkpoint,
                      resume_after=args.resume_after)
    table = store.build_table(results, bodies)
    provenance = store.provenance(results, sources.source_names(PERTURBERS), tg,
                                  command=command.strip(),
                                  span_limited=args.span_end_perijove is not None)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    store.save(args.out, table, provenance)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) in "
          f"{time.time() - started:.0f} s")
    print(json.dumps(provenance["fit_summary"], indent=1)[:3000])


if __name__ == "__main__":
    main()
