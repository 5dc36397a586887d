"""Write the embedded ephemeris tables from the fitted moon model and DE421.

Usage (from the repository root)::

    python -m tools.moons.make_tables

Reads ``tools/moons/fitted_parameters.json`` (made by ``fit_moons``), integrates the fitted
system once over the supported span with the same integrator and force model, and writes

* ``assets/ephemeris/moons.npz``: Io, Europa, Ganymede, Callisto relative to Jupiter's centre;
* ``assets/ephemeris/solar.npz``: the Sun and Earth relative to Jupiter's *barycentre* from
  DE421 (skyfield-data's copy); ``jovianview.core.ephemeris`` adds the barycentre's offset from
  Jupiter's centre, computed from the moons, at run time.

Chebyshev coefficients are least-squares fits to the integrator's 0.02-day grid; the fit
error is printed and stored in the provenance.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from numpy.polynomial import chebyshev as npcheb

from jovianview.core.chebyshev import ChebyshevTable, fit_table
from jovianview.core.ephemeris.embedded import save_tables
from tools.moons.fit_moons import EPOCH, PARAMETERS, STEP, build_model, propagate
from tools.moons.force import MOONS
from tools.moons.reference import earth_from_jupiter_barycentre, sun_from_jupiter_barycentre

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "assets" / "ephemeris"
SPAN = (2457387.5, 2462868.5)  # TDB JD 2015-12-31T00:00 .. 2031-01-02T00:00
# Segment length (days) and coefficients per moon. Positions relative to Jupiter's centre carry
# its reflex wobble around the barycentre (Io: +-20 km every 1.77 d), so even Callisto needs
# segments short against Io's period.
SEGMENTS = {"io": (1.0, 14), "europa": (1.0, 13), "ganymede": (1.0, 11), "callisto": (1.0, 10)}
SOLAR_SEGMENTS = {"sun": (16.0, 12), "earth": (8.0, 12)}


def moon_tables(params: dict) -> tuple[dict[str, ChebyshevTable], dict[str, float]]:
    """Integrate the fitted system over SPAN and fit one table per moon."""
    model = build_model(params["extras"])
    y0 = np.array(params["state"])[None]
    times, states = propagate(y0, model, SPAN[0] - 1.0, SPAN[1] + 1.0, every=1)
    states = states[:, 0]  # (M, 4, 6)
    tables, errors = {}, {}
    for m, moon in enumerate(MOONS):
        length, n_coef = SEGMENTS[moon]
        n_seg = int(round((SPAN[1] - SPAN[0]) / length))
        per = int(round(length / STEP))
        first = int(np.searchsorted(times, SPAN[0] - 1e-6))
        coef = np.empty((n_seg, n_coef, 3))
        worst = 0.0
        tau = np.linspace(-1.0, 1.0, per + 1)
        vander = npcheb.chebvander(tau, n_coef - 1)
        pinv = np.linalg.pinv(vander)
        for s in range(n_seg):
            block = states[first + s * per : first + (s + 1) * per + 1, m, :3]
            c = pinv @ block
            coef[s] = c
            worst = max(worst, float(np.abs(vander @ c - block).max()))
        tables[moon] = ChebyshevTable(start=SPAN[0], step=length, coef=coef)
        errors[moon] = worst
        print(f"{moon}: {n_seg} segments of {length} d, {n_coef} coefficients, "
              f"max fit error {worst * 1000:.2f} m")
    return tables, errors


def solar_tables() -> dict[str, ChebyshevTable]:
    """Sun and Earth relative to Jupiter's barycentre, fitted to DE421 at Chebyshev nodes."""
    out = {}
    for name, func in (("sun", sun_from_jupiter_barycentre),
                       ("earth", earth_from_jupiter_barycentre)):
        length, n_coef = SOLAR_SEGMENTS[name]
        table = fit_table(func, SPAN[0], SPAN[1], length, n_coef)
        probe = np.linspace(SPAN[0], SPAN[1], 20001)
        err = np.abs(table.state(probe)[0] - func(probe)).max()
        print(f"{name}: max fit error against DE421 {err * 1000:.2f} m")
        out[name] = table
    return out


def main() -> None:
    params = json.loads((Path(sys.argv[1]) if len(sys.argv) > 1 else PARAMETERS).read_text())
    tables, errors = moon_tables(params)
    OUT.mkdir(parents=True, exist_ok=True)
    save_tables(OUT / "moons.npz", tables, {
        "bodies": list(MOONS),
        "center": "Jupiter body centre (NAIF 599)",
        "frame": "ICRF", "time": "TDB Julian date", "units": "km",
        "method": "numerical integration (Adams-Bashforth-Moulton order 10, 0.02 d steps) of the "
                  "four Galilean moons with Jupiter's J2/J4/J6 about the IAU pole, mutual "
                  "attraction and the solar tide; initial states and the listed parameters "
                  "fitted to JPL Horizons jup365 samples",
        "generator": "tools/moons/fit_moons.py, tools/moons/make_tables.py",
        "epoch_tdb": EPOCH,
        "fitted": params["extras"],
        "chebyshev_fit_error_km": errors,
        "supported_span_tdb": list(SPAN),
    })
    save_tables(OUT / "solar.npz", solar_tables(), {
        "bodies": ["sun", "earth"],
        "center": "Jupiter system barycentre (NAIF 5); add the barycentre offset from the moons",
        "frame": "ICRF", "time": "TDB Julian date", "units": "km",
        "method": "Chebyshev interpolation of JPL DE421 (skyfield-data) at Chebyshev nodes",
        "generator": "tools/moons/make_tables.py",
        "supported_span_tdb": list(SPAN),
    })
    print(f"wrote {OUT / 'moons.npz'} and {OUT / 'solar.npz'}")


if __name__ == "__main__":
    main()
