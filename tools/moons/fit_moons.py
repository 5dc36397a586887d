"""Fit the moons' initial states (and a few physical parameters) to JPL's jup365 samples.

Usage (from the repository root, with ../shared beside it)::

    python -m tools.moons.fit_moons [--extras j2 pole_ra_offset pole_dec_offset] [--iterations 4]

Gauss-Newton on the positions of the four moons at every Horizons sample (20 days apart) in the
fit window; partials by forward differences, all copies integrated together in one batch on the
same fixed steps. Writes ``tools/moons/fitted_parameters.json``, which ``make_tables`` reads.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from tools.moons.force import MOONS, ForceModel
from tools.moons.integrate import integrate
from tools.moons.reference import horizons_samples, sun_from_jupiter_barycentre

HERE = Path(__file__).resolve().parent
PARAMETERS = HERE / "fitted_parameters.json"

EPOCH = 2460105.0  # TDB JD 2023-06-13, a Horizons sample near the middle of the span
STEP = 0.02  # days; 1000 steps per 20-day sample spacing
FIT_START = 2457023.5  # 2015-01-01, a year of margin before the supported span
FIT_END = 2463232.5  # 2032-01-01
# Finite-difference steps: small enough to stay linear, large enough to beat round-off.
DELTA = {"pos": 1e-2, "vel": 1e-7, "j2": 1e-9, "j4": 1e-8, "gm_jupiter": 0.5,
         "pole_ra_offset": 1e-5, "pole_dec_offset": 1e-5}


def propagate(y0: np.ndarray, model: ForceModel, start: float, end: float, every: int = 1000):
    """States (M, K, 4, 6) at every ``every`` steps over [start, end], times ascending."""
    tb, yb = integrate(y0, EPOCH, start, STEP, sun_from_jupiter_barycentre, model, every)
    tf, yf = integrate(y0, EPOCH, end, STEP, sun_from_jupiter_barycentre, model, every)
    times = np.concatenate([tb[:0:-1], tf])
    states = np.concatenate([yb[:0:-1], yf])
    return times, states


def build_model(extras: dict[str, np.ndarray]) -> ForceModel:
    """A force model with the named parameters replaced (scalars or per-copy arrays)."""
    model = ForceModel()
    for name, value in extras.items():
        setattr(model, name, value)
    return model


def fit(
    extra_names: list[str], iterations: int, start_from: dict | None = None, holdout: bool = False
) -> dict:
    """Run the Gauss-Newton fit and return the parameters and residual statistics.

    With ``holdout`` only every other sample (40 days apart) is fitted, and the error on the
    samples left out is reported too: a check that accuracy does not depend on the sample times.
    """
    times, ref = horizons_samples()
    window = (times >= FIT_START) & (times <= FIT_END)
    held_out = np.zeros_like(window)
    if holdout:
        odd = (np.round((times - EPOCH) / 20.0).astype(int) % 2) == 1
        held_out = window & odd
        window = window & ~odd
    i0 = int(np.flatnonzero(times == EPOCH)[0])
    y0 = ref[i0].copy()
    extras = {name: float(getattr(ForceModel(), name)) for name in extra_names}
    if start_from:
        y0 = np.array(start_from["state"])
        extras.update({k: v for k, v in start_from["extras"].items() if k in extras})
    n_par = 24 + len(extra_names)
    for it in range(iterations):
        tic = time.perf_counter()
        # Copy 0 is nominal; copies 1..24 perturb one initial-state component; then extras.
        batch = np.repeat(y0[None], n_par + 1, axis=0)
        deltas = np.empty(n_par)
        for j in range(24):
            moon, comp = divmod(j, 6)
            deltas[j] = DELTA["pos"] if comp < 3 else DELTA["vel"]
            batch[j + 1, moon, comp] += deltas[j]
        arrays = {}
        for e, name in enumerate(extra_names):
            values = np.full(n_par + 1, extras[name])
            deltas[24 + e] = DELTA[name]
            values[25 + e] += DELTA[name]
            arrays[name] = values
        model = build_model(arrays)
        t_int, states = propagate(batch, model, times[window | held_out][0],
                                  times[window | held_out][-1])
        sel = np.isin(np.round(t_int, 6), np.round(times[window], 6))
        if holdout:
            other = np.isin(np.round(t_int, 6), np.round(times[held_out], 6))
            held_err = np.linalg.norm(states[other][:, 0, :, :3] - ref[held_out][..., :3], axis=-1)
            print("  held-out samples: max error per moon "
                  + ", ".join(f"{m} {e:.2f} km" for m, e in zip(MOONS, held_err.max(0),
                                                                  strict=True)), flush=True)
        pos = states[sel][..., :3]  # (M, K, 4, 3)
        target = ref[window][..., :3]
        resid = (pos[:, 0] - target).reshape(-1)
        jac = ((pos[:, 1:] - pos[:, :1]) / deltas[None, :, None, None]).transpose(0, 2, 3, 1)
        jac = jac.reshape(-1, n_par)
        scale = np.linalg.norm(jac, axis=0)
        step, *_ = np.linalg.lstsq(jac / scale, -resid, rcond=None)
        step /= scale
        err = np.linalg.norm(pos[:, 0] - target, axis=-1)  # (M, 4)
        print(f"iteration {it}: max error per moon "
              + ", ".join(f"{m} {e:.2f} km" for m, e in zip(MOONS, err.max(0), strict=True))
              + f" ({time.perf_counter() - tic:.0f} s)", flush=True)
        y0 = y0 + step[:24].reshape(4, 6)
        for e, name in enumerate(extra_names):
            extras[name] += step[24 + e]
    return {"epoch_tdb": EPOCH, "step_days": STEP, "state": y0.tolist(), "extras": extras,
            "fit_window_tdb": [FIT_START, FIT_END],
            "last_iteration_max_error_km": dict(zip(MOONS, err.max(0).tolist(), strict=True))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extras", nargs="*", default=["j2"], help="physical parameters to fit")
    parser.add_argument("--iterations", type=int, default=4)
    parser.add_argument("--resume", action="store_true", help="start from the saved parameters")
    parser.add_argument("--holdout", action="store_true",
                        help="fit every other sample, report the rest; saves nothing")
    args = parser.parse_args()
    start = json.loads(PARAMETERS.read_text()) if args.resume and PARAMETERS.exists() else None
    result = fit(args.extras, args.iterations, start, args.holdout)
    if args.holdout:
        return
    result["source"] = ("fitted by tools/moons/fit_moons.py to JPL Horizons jup365 samples "
                        "(../shared/reference/horizons), positions every 20 days")
    PARAMETERS.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {PARAMETERS}")


if __name__ == "__main__":
    main()
