"""How far Juno's embedded trajectory is from real NAIF kernels (for ``jovianview juno compare``).

:func:`compare_juno` samples the span where a :class:`SpiceJunoSource` and the embedded table
both place Juno and returns the difference *embedded minus kernels*, summarised per region:

* **near perijove**: within ``window`` days (default 6 h) of a perijove time in the event data
  (``assets/events/perijoves.csv``), sampled every ``perijove_step`` (default 30 s): Juno moves
  at up to 58 km/s there, so a coarse grid would step over the worst moment;
* **elsewhere**: the rest of the span, sampled every ``step`` (default 10 min);
* **all**: both together (each sample weighs the same, so the finer perijove grid counts more).

For each: the largest and the root-mean-square position difference (km), the same relative to
Juno's distance from Jupiter's centre (``|d| / r``, r from the kernels), the largest and RMS
velocity difference (km/s), and the epoch of the largest position difference. Per perijove, the
same figures for its window (:attr:`JunoComparison.perijoves`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from jovianview.core.ephemeris import juno as _juno
from jovianview.core.ephemeris.spice_juno import SpiceJunoSource
from jovianview.core.errors import InvalidTimeError, TimeRangeError
from jovianview.core.timescale import tdb_to_iso

__all__ = ["RegionStats", "JunoComparison", "compare_juno", "overlap", "PERIJOVE_WINDOW_DAYS",
           "MAX_SAMPLES"]

PERIJOVE_WINDOW_DAYS = 0.25  # +-6 h: the pass from about 20 Jupiter radii in to perijove and out
MAX_SAMPLES = 20_000_000  # one spkgeo call each (~6 us): about two minutes at most

Spans = list[tuple[float, float]]


@dataclass(frozen=True)
class RegionStats:
    """Embedded minus kernels over one set of samples.

    Attributes
    ----------
    name : str
        ``near perijove``, ``elsewhere``, ``all`` or a perijove label such as ``PJ8``.
    samples : int
        Epochs compared (0: the region is empty and every figure is NaN).
    max_km, rms_km : float
        Largest and root-mean-square position difference, km.
    max_rel, rms_rel : float
        Largest and RMS of ``|d| / r``, r Juno's distance from Jupiter's centre (kernels).
    max_kms, rms_kms : float
        Largest and RMS velocity difference, km/s.
    worst_tdb : float
        TDB Julian date of the largest position difference.
    """

    name: str
    samples: int
    max_km: float
    rms_km: float
    max_rel: float
    rms_rel: float
    max_kms: float
    rms_kms: float
    worst_tdb: float


@dataclass(frozen=True)
class JunoComparison:
    """The result of :func:`compare_juno`.

    Attributes
    ----------
    spans : list of (float, float)
        TDB Julian date intervals compared (kernels, embedded table and the request overlap).
    near, elsewhere, overall : RegionStats
        Within the perijove windows, outside them, and everything.
    perijoves : list of RegionStats
        One per perijove whose window meets the spans, named ``PJn``.
    step, perijove_step, window : float
        The sampling steps and the half-width of a perijove window, days.
    """

    spans: Spans
    near: RegionStats
    elsewhere: RegionStats
    overall: RegionStats
    perijoves: list[RegionStats]
    step: float
    perijove_step: float
    window: float


def overlap(a: Spans, b: Spans) -> Spans:
    """Intersection of two sorted lists of disjoint closed intervals (empty ones dropped)."""
    out: Spans = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo < hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _grid(lo: float, hi: float, step: float) -> NDArray[np.float64]:
    """``lo``, ``lo + step``, ... up to ``hi``, and ``hi`` itself."""
    count = int(np.floor((hi - lo) / step + 1e-9)) + 1
    t: NDArray[np.float64] = lo + step * np.arange(count, dtype=np.float64)
    if hi - t[-1] >= 1e-9 * step:
        t = np.append(t, hi)
    return t


def _span_text(spans: Spans) -> str:
    return "; ".join(f"{tdb_to_iso(a, 0)} to {tdb_to_iso(b, 0)}" for a, b in spans) + " UTC"


def _stats(name: str, t: NDArray[np.float64], dist: NDArray[np.float64],
           rel: NDArray[np.float64], dv: NDArray[np.float64]) -> RegionStats:
    if t.size == 0:
        nan = float("nan")
        return RegionStats(name, 0, nan, nan, nan, nan, nan, nan, nan)
    k = int(np.argmax(dist))

    def rms(x: NDArray[np.float64]) -> float:
        return float(np.sqrt(np.mean(x * x)))

    return RegionStats(name, int(t.size), float(dist[k]), rms(dist), float(rel.max()), rms(rel),
                       float(dv.max()), rms(dv), float(t[k]))


def compare_juno(
    source: SpiceJunoSource,
    start: float | None = None,
    end: float | None = None,
    step: float = 10.0 / 1440.0,
    perijove_step: float = 30.0 / 86400.0,
    window: float = PERIJOVE_WINDOW_DAYS,
    perijoves: Sequence[tuple[str, float]] | None = None,
) -> JunoComparison:
    """Juno's embedded trajectory minus ``source``'s kernels, where both place Juno.

    Parameters
    ----------
    source : SpiceJunoSource
        The kernels.
    start, end : float, optional
        TDB Julian dates limiting the comparison (default: all the kernels cover).
    step, perijove_step : float
        Sampling steps, days, outside and inside the perijove windows.
    window : float
        Half-width of a perijove window, days (0: no perijove region).
    perijoves : sequence of (label, TDB JD), optional
        Perijove times (default: every perijove in the event data, labelled ``PJn``).

    Raises
    ------
    TimeRangeError
        When the kernels, the embedded trajectory and ``start``..``end`` have no time in common
        (the message gives each span).
    InvalidTimeError
        For steps that are not positive, a negative window, or more than :data:`MAX_SAMPLES`.
    """
    if not (step > 0 and perijove_step > 0) or not window >= 0:
        raise InvalidTimeError("the steps must be positive and the perijove window not negative")
    embedded: Spans = [_juno.span()]
    spans = overlap(source.intervals, embedded)
    if not spans:
        raise TimeRangeError(
            f"Juno's kernels cover {_span_text(source.intervals)} and the embedded trajectory "
            f"{_span_text(embedded)}: they have no time in common to compare")
    if start is not None or end is not None:
        lo = -np.inf if start is None else float(start)
        hi = np.inf if end is None else float(end)
        asked = overlap(spans, [(lo, hi)])
        if not asked:
            raise TimeRangeError(
                f"the kernels and the embedded trajectory have in common {_span_text(spans)}, "
                "none of it inside --from/--to: choose dates in that span")
        spans = asked
    if perijoves is None:
        from jovianview.core.events import perijoves as _perijoves

        perijoves = [(f"PJ{e.number}", e.tdb) for e in _perijoves()]
    windows = [(label, pj - window, pj + window) for label, pj in perijoves
               if window > 0 and overlap(spans, [(pj - window, pj + window)])]
    estimate = sum((b - a) / step for a, b in spans) + len(windows) * 2 * window / perijove_step
    if estimate > MAX_SAMPLES:
        raise InvalidTimeError(f"about {estimate:,.0f} epochs to compare; at most "
                               f"{MAX_SAMPLES:,}: use a larger --step")
    t_all, near = _samples(spans, windows, step, perijove_step)
    pos, vel = source.state("juno", t_all)
    epos, evel = _juno.juno_state(t_all)
    dist = np.linalg.norm(epos - pos, axis=0)
    rel = dist / np.linalg.norm(pos, axis=0)
    dv = np.linalg.norm(evel - vel, axis=0)

    def region(name: str, mask: NDArray[np.bool_]) -> RegionStats:
        return _stats(name, t_all[mask], dist[mask], rel[mask], dv[mask])

    per_pj = [region(label, (t_all >= a) & (t_all <= b)) for label, a, b in windows]
    return JunoComparison(spans, region("near perijove", near), region("elsewhere", ~near),
                          region("all", np.ones(t_all.size, dtype=bool)), per_pj, step,
                          perijove_step, window)


def _samples(spans: Spans, windows: list[tuple[str, float, float]], step: float,
             perijove_step: float) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Sorted sample epochs inside ``spans`` and which of them lie in a perijove window."""
    coarse = np.concatenate([_grid(a, b, step) for a, b in spans])
    cut = overlap(spans, _union([(a, b) for _, a, b in windows]))
    fine = (np.concatenate([_grid(a, b, perijove_step) for a, b in cut]) if cut
            else np.empty(0))
    inside = np.zeros(coarse.size, dtype=bool)
    for a, b in cut:
        inside |= (coarse >= a) & (coarse <= b)
    t = np.concatenate([coarse[~inside], fine])
    near = np.concatenate([np.zeros(int((~inside).sum()), dtype=bool),
                           np.ones(fine.size, dtype=bool)])
    order = np.argsort(t, kind="stable")
    return t[order], near[order]


def _union(spans: Spans) -> Spans:
    """Merge overlapping intervals (perijove windows closer than their width)."""
    out: Spans = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
