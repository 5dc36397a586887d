"""Phenomena of the Galilean moons seen from Earth: transits, shadows, eclipses, occultations.

:func:`moon_events` lists, for a time span, every moment one of these begins or ends, as the
observer (Earth's centre by default, or a place on Earth) sees it: light time and aberration
included (see :mod:`jovianview.core.phenomena_geometry`), Jupiter's oblate limb, the shadow of
an oblate Jupiter lit by the Sun's finite disc, and the mutual events between moons in the
seasons when the moons' orbits are edge-on to the Sun and Earth.

What each time means (the definitions of published tables: IMCCE's phenomena, the
Astronomical Almanac, Sky & Telescope's "Phenomena of Jupiter's Moons", which give the
*midpoint* of each gradual event):

``transit_start`` / ``transit_end``
    the moon's apparent centre crosses Jupiter's limb, the moon in front of the planet;
``occultation_start`` / ``occultation_end``
    the same, the moon behind the planet;
``shadow_start`` / ``shadow_end``
    the centre of the moon's shadow (the ray from the Sun's centre through the moon's
    centre) appears on / leaves the disc the observer sees: at the limb, or at the
    terminator where the night side is in view;
``eclipse_start`` / ``eclipse_end``
    the moon's centre crosses the middle of the penumbra of Jupiter's shadow: it receives
    half the sunlight it gets outside (the moment its light is halved);
``mutual_start`` / ``mutual_end``
    first and last contact of two moons' apparent discs (occultation) or of one moon's disc
    with the other's penumbra (eclipse); ``moon`` is the moon hidden or eclipsed, the
    ``detail`` names the other one and gives the time of maximum.

An eclipse that begins or ends while the moon is behind Jupiter, or an occultation while
the moon is in the shadow, cannot be seen: its ``visible`` is False (published tables leave
these out). Times are found on a coarse grid (10 minutes) and refined to 0.05 s.

IMCCE states these definitions for its tables (https://promenade.imcce.fr/en/pages4/487.html:
"a drop of half the light flux of the satellites for the eclipses and the bisection of the
disc of the satellite by the limb of the planet for the occultations or for the transits").
Measured against 121 published times of 2016-2026 (tests/core/data/moon_events_published.csv):
mean -3 s, RMS 28 s, worst +84 s (a transit end); eclipses agree on average (0 s), transits
come out ~27 s longer than IMCCE's (start -6 s, end +21 s) and shadow transits ~15 s earlier
at both ends (a shift, not a size: cause not found; the Sun's light time accounts for 2 s).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from jovianview.core import phenomena_geometry as geo
from jovianview.core.ephemeris import MOONS, Ephemeris, span
from jovianview.core.errors import JovianviewError, TimeRangeError
from jovianview.core.timescale import SECONDS_PER_DAY, tdb_to_iso

FloatArray = NDArray[np.float64]
Kind = Literal["transit", "shadow", "eclipse", "occultation", "mutual"]
KINDS: tuple[str, ...] = ("transit", "shadow", "eclipse", "occultation", "mutual")
EVENTS: tuple[str, ...] = tuple(f"{k}_{e}" for k in KINDS for e in ("start", "end"))
STEP_MINUTES = 10.0
TOLERANCE_S = 0.05
TERMINATOR_GAP = 0.005  # rad: a shadow closer than this to the limb enters "at the limb"


@dataclass(frozen=True)
class MoonEvent:
    """One moment a phenomenon begins or ends, as the observer sees it."""

    tdb: float
    moon: str
    event: str  # one of EVENTS
    detail: str = ""
    visible: bool = True

    @property
    def utc(self) -> str:
        """ISO 8601 UTC, rounded to the second."""
        return str(tdb_to_iso(self.tdb, 0))

    @property
    def kind(self) -> str:
        """The phenomenon without its ``_start``/``_end``, e.g. ``transit``."""
        return self.event.rsplit("_", 1)[0]


@dataclass(frozen=True)
class _Row:
    kind: str
    moon: int  # for mutual rows: the first moon of the pair
    other: int = -1


OffsetFn = Callable[[FloatArray], tuple[FloatArray, FloatArray]]
IndexArray = NDArray[np.intp]
# f(which brackets, times) -> indicator values: each bracket knows its own row
IndexedFn = Callable[[IndexArray, FloatArray], FloatArray]


def _rows(moons: Sequence[str], kinds: Iterable[str]) -> list[_Row]:
    index = [MOONS.index(m) for m in moons]
    rows = [_Row(k, i) for i in index for k in ("transit", "occultation", "shadow", "eclipse")
            if k in kinds]
    if "mutual" in kinds:
        for i, j in geo.PAIRS:
            if i in index or j in index:
                rows += [_Row("mutual_occultation", i, j), _Row("mutual_eclipse", i, j)]
    return rows


def _evaluate(rows: list[_Row], t: FloatArray, offset: OffsetFn | None,
              shadow_convention: str, slow: geo.SlowBodies | None = None,
              ) -> tuple[FloatArray, geo.Sky]:
    """Indicator values (n_rows, N) at TDB times ``t`` (negative: in progress)."""
    g = geo.sky(t, None if offset is None else offset(t), slow)
    return _indicators(rows, g, shadow_convention), g


def _indicators(rows: list[_Row], g: geo.Sky, shadow_convention: str) -> FloatArray:
    out = np.empty((len(rows), g.t.size))
    discs: dict[int, tuple[FloatArray, geo.BoolArray]] = {}
    for r, row in enumerate(rows):
        if row.kind in ("transit", "occultation"):
            if row.moon not in discs:
                discs[row.moon] = geo.disc_indicator(g, row.moon)
            f, front = discs[row.moon]
            keep = front if row.kind == "transit" else ~front
            out[r] = np.where(keep, f, geo.OUTSIDE)
        elif row.kind == "shadow":
            seen, from_sun, _ = geo.shadow_indicator(g, row.moon)
            out[r] = seen if shadow_convention == "observer" else from_sun
        elif row.kind == "eclipse":
            out[r] = geo.eclipse_indicator(g, row.moon)
        elif row.kind == "mutual_occultation":
            out[r] = geo.mutual_occultation(g, row.moon, row.other)[0]
        else:
            out[r] = geo.mutual_eclipse(g, row.moon, row.other)[0]
    return out


def _roots(fn: IndexedFn, lo: FloatArray, hi: FloatArray,
           flo: FloatArray, fhi: FloatArray) -> FloatArray:
    """Vectorised Illinois (false position) refinement of sign changes in [lo, hi]."""
    tol = TOLERANCE_S / SECONDS_PER_DAY
    lo, hi, flo, fhi = (np.array(a, dtype=np.float64) for a in (lo, hi, flo, fhi))
    side = np.zeros(lo.size, dtype=np.int8)
    for it in range(60):
        active = (hi - lo) > tol
        if not active.any():
            break
        denom = np.where(fhi != flo, fhi - flo, 1.0)
        mid = (lo * fhi - hi * flo) / denom
        bisect = (it % 4 == 3) | ~np.isfinite(mid) | (mid <= lo) | (mid >= hi)
        mid = np.where(bisect, 0.5 * (lo + hi), mid)
        idx = np.flatnonzero(active)
        fm = fn(idx, mid[idx])
        same_lo = np.sign(fm) == np.sign(flo[idx])
        a = idx[same_lo]
        b = idx[~same_lo]
        lo[a], flo[a] = mid[a], fm[same_lo]
        fhi[a] = np.where(side[a] == 1, fhi[a] * 0.5, fhi[a])
        side[a] = 1
        hi[b], fhi[b] = mid[b], fm[~same_lo]
        flo[b] = np.where(side[b] == -1, flo[b] * 0.5, flo[b])
        side[b] = -1
    return 0.5 * (lo + hi)


def _minimum(fn: IndexedFn, lo: FloatArray, hi: FloatArray,
             tol_s: float = 0.5) -> tuple[FloatArray, FloatArray]:
    """Vectorised golden-section search for the minimum of each bracket; (t, value)."""
    ratio = (np.sqrt(5.0) - 1.0) / 2.0
    a, b = lo.copy(), hi.copy()
    idx = np.arange(a.size)
    c, d = b - ratio * (b - a), a + ratio * (b - a)
    fc, fd = fn(idx, c), fn(idx, d)
    tol = tol_s / SECONDS_PER_DAY
    while np.any(b - a > tol):
        left = fc < fd
        b = np.where(left, d, b)
        a = np.where(left, a, c)
        new_c = b - ratio * (b - a)
        new_d = a + ratio * (b - a)
        c_next = np.where(left, new_c, d)
        d_next = np.where(left, c, new_d)
        probe = np.where(left, c_next, d_next)
        fp = fn(idx, probe)
        fc, fd = np.where(left, fp, fd), np.where(left, fc, fp)
        c, d = c_next, d_next
    t = 0.5 * (a + b)
    return t, fn(idx, t)


def _check_span(start: float, end: float, ephemeris: Ephemeris | None) -> None:
    span_of = ephemeris.span if ephemeris is not None else span
    first = max(span_of(m)[0] for m in (*MOONS, "earth", "sun"))
    last = min(span_of(m)[1] for m in (*MOONS, "earth", "sun"))
    margin = 0.05  # days: light from Jupiter left up to ~55 minutes before it is seen
    if start - margin < first or end > last:
        raise TimeRangeError(
            f"moon events need {tdb_to_iso(start, 0)} to {tdb_to_iso(end, 0)} UTC inside the "
            f"embedded ephemeris, which covers {tdb_to_iso(first + margin, 0)} to "
            f"{tdb_to_iso(last, 0)} UTC: choose dates in that span"
        )


def moon_events(start: float, end: float, moons: Sequence[str] = MOONS,
                kinds: Iterable[str] = KINDS, observer_offset: OffsetFn | None = None,
                shadow_convention: Literal["observer", "sun"] = "observer",
                step_minutes: float = STEP_MINUTES,
                ephemeris: Ephemeris | None = None) -> list[MoonEvent]:
    """Every phenomenon of the Galilean moons between TDB Julian dates ``start`` and ``end``.

    Parameters
    ----------
    start, end : float
        TDB Julian dates (``end >= start``), inside the embedded ephemeris.
    moons : sequence of str
        Which moons (any of io, europa, ganymede, callisto). A mutual event is listed when
        either moon of the pair is chosen.
    kinds : iterable of str
        Any of :data:`KINDS`.
    observer_offset : callable, optional
        ``f(tdb) -> (position, velocity)`` of the observer relative to Earth's centre, (3, N)
        km and km/s (:meth:`jovianview.core.observer.Observer.offset`); None: the geocentre.
    shadow_convention : {"observer", "sun"}
        "observer" (default): the shadow's centre appears on the disc the observer sees;
        "sun": the shadow's centre reaches Jupiter at all (a transit seen from the Sun,
        Meeus' convention), which near quadrature is up to minutes earlier at ingress.
    ephemeris : Ephemeris, optional
        Where the moons, Earth and the Sun come from (a JPL kernel where one is given);
        None: the default (the embedded tables).

    Returns
    -------
    list of MoonEvent
        Sorted by time.

    Raises
    ------
    JovianviewError
        For an unknown moon or kind, or an empty span; TimeRangeError outside the ephemeris.
    """
    moons = [str(m).strip().lower() for m in moons]
    kinds = {str(k).strip().lower() for k in kinds}
    for m in moons:
        if m not in MOONS:
            raise JovianviewError(f"unknown moon {m!r}: choose from {', '.join(MOONS)}")
    for k in kinds:
        if k not in KINDS:
            raise JovianviewError(f"unknown event kind {k!r}: choose from {', '.join(KINDS)}")
    if not end >= start:
        raise JovianviewError("the span ends before it starts: give --to after --from")
    _check_span(start, end, ephemeris)
    rows = _rows(moons, kinds)
    if not rows:
        return []
    step = step_minutes / 1440.0
    grid = np.linspace(start, end, max(2, int(np.ceil((end - start) / step)) + 1))
    slow = geo.SlowBodies(start - 0.05, end, ephemeris)
    if observer_offset is not None:  # one call to the site model, then interpolation
        observer_offset = geo.SmoothOffset(observer_offset, start - 0.05, end + 0.01)
    values, _ = _evaluate(rows, grid, observer_offset, shadow_convention, slow)

    def fn(row_of: IndexArray) -> IndexedFn:
        def f(idx: IndexArray, t: FloatArray) -> FloatArray:
            sel = row_of[idx]
            # One light-time solution for all times, then each row at its own times only.
            g = geo.sky(t, None if observer_offset is None else observer_offset(t), slow)
            out = np.empty(t.size)
            for r in np.unique(sel):
                at = np.flatnonzero(sel == r)
                out[at] = _indicators([rows[r]], g.take(at), shadow_convention)[0]
            return out
        return f

    # Sign changes on the grid, and dips between grid points found from local minima.
    neg = values < 0
    r_idx, i_idx = np.nonzero(neg[:, :-1] != neg[:, 1:])
    lo_t, hi_t = grid[i_idx], grid[i_idx + 1]
    lo_f, hi_f = values[r_idx, i_idx], values[r_idx, i_idx + 1]
    thresholds = np.array([2.5 if rw.kind.startswith("mutual") else 0.02 for rw in rows])
    inner = values[:, 1:-1]
    dip = ((inner < values[:, :-2]) & (inner <= values[:, 2:]) & (inner > 0)
           & (inner < thresholds[:, None]))
    d_r, d_i = np.nonzero(dip)
    if d_r.size:
        t_min, f_min = _minimum(fn(d_r), grid[d_i], grid[d_i + 2])
        hit = f_min < 0
        d_r, d_i, t_min, f_min = d_r[hit], d_i[hit], t_min[hit], f_min[hit]
        r_idx = np.concatenate([r_idx, d_r, d_r])
        lo_t = np.concatenate([lo_t, grid[d_i], t_min])
        hi_t = np.concatenate([hi_t, t_min, grid[d_i + 2]])
        lo_f = np.concatenate([lo_f, values[d_r, d_i], f_min])
        hi_f = np.concatenate([hi_f, f_min, values[d_r, d_i + 2]])
    if not r_idx.size:
        return []
    times = _roots(fn(r_idx), lo_t, hi_t, lo_f, hi_f)
    starting = lo_f >= 0  # + to -: the phenomenon begins
    return _assemble(rows, r_idx, times, starting, (start, end), observer_offset,
                     shadow_convention, fn, slow)


def _assemble(rows: list[_Row], r_idx: NDArray[np.intp], times: FloatArray,
              starting: NDArray[np.bool_], bounds: tuple[float, float],
              offset: OffsetFn | None, convention: str, fn: Callable[[IndexArray], IndexedFn],
              slow: geo.SlowBodies) -> list[MoonEvent]:
    start, end = bounds
    order = np.argsort(times)
    r_idx, times, starting = r_idx[order], times[order], starting[order]
    keep = (times >= start) & (times <= end)
    r_idx, times, starting = r_idx[keep], times[keep], starting[keep]
    if not times.size:
        return []
    g = geo.sky(times, None if offset is None else offset(times), slow)
    discs = [geo.disc_indicator(g, k) for k in range(4)]
    eclipses = [geo.eclipse_indicator(g, k) for k in range(4)]
    shadows = [geo.shadow_indicator(g, k) for k in range(4)]
    def sky_at(t: FloatArray) -> geo.Sky:
        return geo.sky(t, None if offset is None else offset(t), slow)

    mutual_detail = _mutual_details(rows, r_idx, times, starting, fn, sky_at)
    events: list[MoonEvent] = []
    for n, (r, t, begins) in enumerate(zip(r_idx, times, starting, strict=True)):
        row = rows[r]
        edge = "start" if begins else "end"
        k = row.moon
        detail, visible = "", True
        if row.kind == "eclipse":
            f, front = discs[k][0][n], discs[k][1][n]
            if f < 0 and not front:
                detail, visible = "behind Jupiter", False
        elif row.kind == "occultation":
            if eclipses[k][n] < 0:
                detail, visible = "in Jupiter's shadow", False
        elif row.kind == "shadow" and convention == "observer":
            # At the root the binding condition is ~0; the other is negative there. Where the
            # terminator is within 0.3 deg of the limb (near opposition) call it the limb.
            from_sun, facing = shadows[k][1][n], shadows[k][2][n]
            detail = ("at the terminator" if from_sun >= facing and facing < -TERMINATOR_GAP
                      else "at the limb")
        if row.kind.startswith("mutual"):
            moon, detail, seen = mutual_detail[n]
            events.append(MoonEvent(float(t), moon, f"mutual_{edge}", detail, seen))
            continue
        events.append(MoonEvent(float(t), MOONS[k], f"{row.kind}_{edge}", detail, visible))
    return events


def _mutual_details(rows: list[_Row], r_idx: NDArray[np.intp], times: FloatArray,
                    starting: NDArray[np.bool_], fn: Callable[[IndexArray], IndexedFn],
                    sky_at: Callable[[FloatArray], geo.Sky]
                    ) -> dict[int, tuple[str, str, bool]]:
    """For each mutual start/end: (the moon hidden or eclipsed, a line about the event, and
    whether it can be seen: not when that moon is behind Jupiter or in its shadow then)."""
    out: dict[int, tuple[str, str, bool]] = {}
    positions = [n for n in range(times.size) if rows[r_idx[n]].kind.startswith("mutual")]
    if not positions:
        return out
    pairs: list[tuple[int, int | None, int | None]] = []  # row, start position, end position
    open_start: dict[int, int] = {}
    for n in positions:
        r = int(r_idx[n])
        if starting[n]:
            open_start[r] = n
        else:
            pairs.append((r, open_start.pop(r, None), n))
    pairs += [(r, n, None) for r, n in open_start.items()]
    lo = np.array([times[s] if s is not None else times[e] - 0.05 for _, s, e in pairs])
    hi = np.array([times[e] if e is not None else times[s] + 0.05 for _, s, e in pairs])
    rr = np.array([r for r, _, _ in pairs])
    t_max, _ = _minimum(fn(rr), lo, np.maximum(hi, lo + 1e-9), tol_s=2.0)
    g = sky_at(t_max)
    for p, (r, s, e) in enumerate(pairs):
        row = rows[r]
        i, j = row.moon, row.other
        if row.kind == "mutual_occultation":
            _, front, overlap = geo.mutual_occultation(g, i, j)
            near, far = (i, j) if front[p] else (j, i)
            text = (f"occulted by {MOONS[near]}; maximum {tdb_to_iso(t_max[p], 0)}, "
                    f"{100 * overlap[p]:.0f}% of the disc hidden")
        else:
            _, i_casts, depth = geo.mutual_eclipse(g, i, j)
            near, far = (i, j) if i_casts[p] else (j, i)
            text = (f"eclipsed by {MOONS[near]}; maximum {tdb_to_iso(t_max[p], 0)}, "
                    f"depth {max(0.0, float(depth[p])):.2f}")
        f, front = (a[p] for a in geo.disc_indicator(g, far))
        if f < 0 and not front:
            text, seen = text + "; behind Jupiter", False
        elif geo.eclipse_indicator(g, far)[p] < 0:
            text, seen = text + "; in Jupiter's shadow", False
        else:
            seen = True
        for at in (s, e):
            if at is not None:
                out[at] = (MOONS[far], text, seen)
    return out
