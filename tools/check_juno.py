"""Measure the committed Juno trajectory against the published facts and print a summary.

Run from the repository root (needs ``../shared/reference`` for the orbit file)::

    PYTHONPATH=. python tools/check_juno.py

Perijove: time of least distance to Jupiter's centre minus the published time, and altitude
above the 1-bar ellipsoid. Apojove: the orbit file's east longitude, near-point latitude and
altitude. Flybys: closest-approach time and altitude above the moon's mean radius, relative to
the project's own moon ephemeris.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize_scalar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from juno import targets  # noqa: E402

from jovianview.core import ellipsoid  # noqa: E402
from jovianview.core.ephemeris import juno as juno_table  # noqa: E402
from jovianview.core.ephemeris import state  # noqa: E402
from jovianview.core.frames import body_rotation  # noqa: E402

DAY = 86400.0
REPO = Path(__file__).resolve().parent.parent


def closest(guess: float, body: str | None = None, window_s: float = 7200.0):
    """Offset (s) from ``guess`` of the least distance, searched within the trajectory's span."""
    first, last = juno_table.span()
    lo = max(-window_s, (first - guess) * DAY + 1.0)
    hi = min(window_s, (last - guess) * DAY - 1.0)

    def dist(x):
        t = guess + x / DAY
        p = state("juno", t)[0] - (state(body, t)[0] if body else 0.0)
        return float(np.linalg.norm(p))

    xs = np.arange(lo, hi + 1e-9, 10.0)
    k = int(np.argmin([dist(x) for x in xs]))
    r = minimize_scalar(dist, bounds=(xs[max(k - 1, 0)], xs[min(k + 1, xs.size - 1)]),
                        method="bounded", options={"xatol": 1e-4})
    return float(r.x), float(r.fun)


def main() -> None:
    tg = targets.load(REPO.parent / "shared" / "reference")
    dts, alts, along = {}, {}, {}
    first, last = juno_table.span()
    for n, t in sorted(tg.perijove_tdb.items()):
        if not first < t < last:
            continue  # outside the embedded trajectory
        dt, _ = closest(t)
        dts[n] = dt
        tc = t + dt / DAY
        alts[n] = float(ellipsoid.altitude(body_rotation("jupiter", tc) @ state("juno", tc)[0]))
        along[n] = abs(dt) * float(np.linalg.norm(state("juno", tc)[1]))  # time error as km
    worst = max(dts, key=lambda n: abs(dts[n]))
    print(f"perijove time: worst PJ{worst} {dts[worst]:+.3f} s over {len(dts)} perijoves "
          f"({along[worst]:.0f} km along the track at perijove speed)")
    a = {n: v for n, v in alts.items() if n > 0}
    lo, hi = min(a, key=a.get), max(a, key=a.get)
    print(f"perijove altitude: PJ{lo} {a[lo]:.0f} km .. PJ{hi} {a[hi]:.0f} km")
    errs, km = [], []
    for _, apo in sorted(tg.orb.items()):
        if not first <= apo.tdb <= last:
            continue
        pos = state("juno", apo.tdb)[0]
        lon, lat, alt = targets.orb_coordinates(apo.tdb, pos)
        dlon, dlat = (lon - apo.lon_east_deg + 180) % 360 - 180, lat - apo.lat_deg
        errs.append((dlon, dlat, 100 * (alt - apo.altitude_km) / apo.altitude_km))
        # the angles as a distance across the line of sight from Jupiter, and along it
        r = float(np.linalg.norm(pos))
        across = r * np.radians(np.hypot(dlon * np.cos(np.radians(lat)), dlat))
        km.append((np.hypot(across, alt - apo.altitude_km), r))
    e = np.abs(np.array(errs))
    print(f"apojove (orbit file, {len(errs)}): max |dlon| {e[:, 0].max():.3f} deg, |dlat| "
          f"{e[:, 1].max():.3f} deg, |dalt| {e[:, 2].max():.4f} %")
    d = np.array(km)
    print(f"apojove position from those: max {d[:, 0].max():.0f} km, median "
          f"{np.median(d[:, 0]):.0f} km, max |d|/r {np.max(d[:, 0] / d[:, 1]):.2e}")
    for f in tg.flybys:
        if not first < f.tdb < last:
            print(f"flyby {f.body} PJ{f.perijove}: outside the trajectory's span")
            continue
        dt, dist = closest(f.tdb, f.body)
        alt = dist - targets.MEAN_RADIUS[f.body]
        pub = f"{f.altitude_km:.0f}" if f.altitude_km else "n/a"
        print(f"flyby {f.body} PJ{f.perijove}: dt {dt:+.2f} s, altitude {alt:.1f} km "
              f"(published {pub})")
    traj = juno_table.load_juno()
    dv = np.linalg.norm(traj.manoeuvres[:, 1:], axis=1) * 1e3
    print(f"manoeuvres: {dv.size}, median {np.median(dv):.2f} m/s, max {dv.max():.2f} m/s, "
          f"total {dv.sum():.0f} m/s")


if __name__ == "__main__":
    main()
