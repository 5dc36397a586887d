"""Turn fitted arcs into variable-length Chebyshev segments and write them with provenance.

Each arc is integrated once more (nominal trajectory only) and cut into segments by recursive
halving until a Chebyshev-Lobatto interpolant of ``N_COEF`` coefficients reproduces the
integrated position within ``TOL_KM`` and velocity within ``TOL_KMS`` at check points between
the nodes. Lobatto nodes include both ends, so adjacent segments agree exactly in position
(to rounding) at their shared break; velocity jumps only at the manoeuvres, which are breaks.
"""

from __future__ import annotations

import json
from datetime import date

import numpy as np
from numpy.polynomial import chebyshev as npcheb

from jovianview.core.timescale import tdb_to_iso

from . import physics, sources
from .arcs import Stack

N_COEF = 12
TOL_KM = 0.05
TOL_KMS = 1e-4
DAY = physics.DAY
NODES = np.cos(np.pi * np.arange(N_COEF) / (N_COEF - 1))[::-1]  # Lobatto, ascending
_VANDER_INV = np.linalg.inv(npcheb.chebvander(NODES, N_COEF - 1))
_CHECK = np.linspace(-1, 1, 4 * N_COEF + 1)


def _segments(sol, t0, a, b, out):
    """Append (start, end, coef) for [a, b] (TDB JD), halving until within tolerance."""
    h = b - a
    # Node times as seconds from the stored break ``a``, not as Julian dates: a JD near 2.46e6
    # is quantised to 47 us, which near a flyby or perijove (20-58 km/s) is metres of noise in
    # the samples, and on segments of seconds a velocity noise no halving can remove.
    start_s = (a - t0) * DAY
    y = sol.sol(start_s + (NODES + 1) * 0.5 * h * DAY)
    coef = _VANDER_INV @ y[:3].T  # (N_COEF, 3)
    yc = sol.sol(start_s + (_CHECK + 1) * 0.5 * h * DAY)
    pos = npcheb.chebvander(_CHECK, N_COEF - 1) @ coef
    dcoef = npcheb.chebder(coef) * (2.0 / (h * DAY))
    vel = npcheb.chebvander(_CHECK, N_COEF - 2) @ dcoef
    perr = np.abs(pos - yc[:3].T).max()
    verr = np.abs(vel - yc[3:].T).max()
    if (perr > TOL_KM or verr > TOL_KMS) and h > 1e-4:
        mid = 0.5 * (a + b)
        _segments(sol, t0, a, mid, out)
        _segments(sol, t0, mid, b, out)
    else:
        out.append((a, b, coef))


def build_table(results, bodies):
    """Integrate each arc and segment it; return arrays for the asset."""
    segs = []
    manoeuvres = []
    for arc in sorted(results, key=lambda r: min(r.t_start, r.t_end)):
        lo, hi = min(arc.t_start, arc.t_end), max(arc.t_start, arc.t_end)
        pert = physics.Perturbers(sources.body_states, bodies, lo - 0.5, hi + 0.5)
        burns = [(t, lambda x, dv=dv: dv[:, None]) for t, dv in arc.burns]
        stack = Stack(arc.t_start, arc.x_start[:, None], arc.t_end, pert, burns)
        for leg_t0, leg_t1, sol in stack.legs:
            _segments(sol, leg_t0, min(leg_t0, leg_t1), max(leg_t0, leg_t1), segs)
        if np.any(arc.dv_apo):
            manoeuvres.append((arc.t_start, *arc.dv_apo))
        manoeuvres += [(t, *dv) for t, dv in arc.burns]
    breaks = np.array([s[0] for s in segs] + [segs[-1][1]])
    starts = np.array([s[0] for s in segs])
    ends = np.array([s[1] for s in segs])
    if np.any(np.abs(starts[1:] - ends[:-1]) > 1e-9):
        raise RuntimeError("segments are not contiguous")
    coef = np.stack([s[2] for s in segs])
    manoeuvres.sort()
    return {"breaks": breaks, "coef": coef, "manoeuvres": np.array(manoeuvres)}


def provenance(results, source_names, tg, command: str = "", span_limited: bool = False) -> dict:
    """A JSON-able record of how the table was made and how well it met its targets."""
    summary = {}
    for r in results:
        item = {k: (np.round(v, 3).tolist() if isinstance(v, np.ndarray) else round(v, 4))
                for k, v in r.residuals.items()}
        item["dv_m_s"] = round(float(np.linalg.norm(r.dv_apo)) * 1e3, 4)
        item["burns_m_s"] = [round(float(np.linalg.norm(dv)) * 1e3, 4) for _, dv in r.burns]
        summary[f"PJ{r.pj}"] = item
    last_flown = max(n for n, s in tg.status.items() if s != "planned")
    planned_after = tg.apojove_tdb.get(last_flown + 1)
    last_pj = max(r.pj for r in results)
    if planned_after is not None:
        planned_note = (f"after the apojove following PJ{last_flown} the trajectory follows the "
                        "mission plan: planned perijoves, not confirmed flown")
    else:
        planned_note = f"no planned part: every perijove in the span (to PJ{last_pj}) was flown"
    if span_limited:
        span_note = (f"orbit insertion (PJ0) to the apojove after PJ{last_pj}; later times are "
                     f"refused and shown as Juno absent: beyond PJ{last_pj} the fit is not shown "
                     "to hold the published perijove altitudes and orbit-file apojove "
                     "directions")
    else:
        span_note = (f"orbit insertion (PJ0) to the end of the arc after PJ{last_pj}, the last "
                     "perijove in the reference table; later times are refused and shown as "
                     "Juno absent")
    return {
        "what": "Juno (NAIF -61) position, km, relative to Jupiter's centre, ICRF axes, TDB",
        "format": "variable-length Chebyshev segments: breaks (n+1,) TDB JD, coef (n, k, 3) km; "
                  "tau = 2 (t - breaks[i]) / (breaks[i+1] - breaks[i]) - 1",
        "generator": "tools/make_juno.py (tools/juno/)",
        "command": command,
        "generated": date.today().isoformat(),
        "method": "arc-by-arc fit (tools/juno/arcs.py): integration (DOP853, rtol 1e-12) in "
                  "Jupiter's field (GM, J2, J4) with the Sun and the Galilean moons as third "
                  "bodies; impulsive manoeuvres at the apojove before each perijove, a burn "
                  "along the velocity 3 days after perijove, and for moon flybys a trim 3 days "
                  "before closest approach, chosen by least squares so the perijove times, the "
                  "next perijove time with the orbit-file apojove radius (which together imply "
                  "the perijove radius), the orbit-file apojove direction (also up to 4 "
                  "orbits ahead from PJ16 on, where the apojove radius is held only loosely and "
                  "the perijove altitude kept in 3400-4600 km) and the flyby closest "
                  "approach (time, altitude) match the published facts; a flyby arc starts "
                  "from the apojove burn that reaches the best of 24 points on the ring at the "
                  "published altitude (the side sets the perijove and period after the flyby); "
                  "after PJ33 (no orbit file) the orbit's orientation follows from the "
                  "physics; after PJ76 the perijove times are the mission plan's; all "
                  "manoeuvres are "
                  "listed in juno__manoeuvres (TDB JD, delta-v km/s ICRF)",
        "constants": {
            "GM_jupiter_km3_s2": physics.GM_JUPITER, "J2": physics.J2, "J4": physics.J4,
            "reference_radius_km": physics.R_REF, "GM_third_bodies": physics.GM,
            "pole": "IAU 2015 (pck00011)",
        },
        "sources": {
            "perijove and apojove times": "Juno mission-operations perijove table "
            "(public transcription: jpmorgen/IoIO juno.py); PJ1-PJ33 as NAIF "
            "juno_rec_orbit_v08.orb",
            "apojove positions (orbits 1-34)": "NAIF juno_rec_orbit_v08.orb",
            "flybys": "SPICE geometry on reconstructed Juno kernels (volcanopele/juno); NASA",
            "GM": "NAIF gm_de440.tpc", "J2, J4": "Iess et al. 2018, Nature 555, 220",
            "third bodies": source_names,
        },
        "start_utc": tdb_to_iso(min(min(r.t_start, r.t_end) for r in results), 0),
        "end_utc": tdb_to_iso(max(max(r.t_start, r.t_end) for r in results), 0),
        "planned_after_tdb": planned_after,
        "last_perijove": last_pj,
        "span_note": span_note,
        "planned_note": planned_note,
        "fit_summary": summary,
    }


def save(path, table, prov) -> None:
    np.savez_compressed(
        path,
        juno__breaks=table["breaks"],
        juno__coef=table["coef"],
        juno__manoeuvres=table["manoeuvres"],
        provenance=np.array(json.dumps(prov, indent=1, sort_keys=True)),
    )
