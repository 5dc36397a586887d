"""Juno's embedded trajectory: variable-length Chebyshev segments in ``assets/juno``.

Juno's orbit is very eccentric (perijove about 1.06 Jupiter radii at 58 km/s, apojove about
110 radii at 0.5 km/s), so equal-length segments would waste space at apojove or accuracy at
perijove. The table ``assets/juno/trajectory.npz`` (made by ``tools/make_juno.py``) holds

* ``juno__breaks`` (n+1,): segment boundaries, TDB Julian dates, increasing;
* ``juno__coef`` (n, k, 3): Chebyshev coefficients of x, y, z (km, ICRF, from Jupiter's centre),
  with ``tau = 2 (t - breaks[i]) / (breaks[i+1] - breaks[i]) - 1``;
* ``juno__manoeuvres`` (m, 4): time and delta-v (km/s) of each modelled manoeuvre;
* ``provenance``: JSON text saying how it was made and how well it meets its targets.

Velocity comes from the derivative of the same series, so position and velocity agree.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from numpy.polynomial import chebyshev as npcheb
from numpy.typing import ArrayLike, NDArray

from jovianview.core.assets import assets_dir
from jovianview.core.chebyshev import CHUNK, chebyshev_basis, in_chunks
from jovianview.core.errors import DataFileError, TimeRangeError
from jovianview.core.timescale import SECONDS_PER_DAY, describe_tdb, tdb_to_iso

ASSET = ("juno", "trajectory.npz")


@dataclass(frozen=True)
class SegmentTable:
    """Chebyshev segments of position (km) between arbitrary breaks (TDB JD)."""

    breaks: NDArray[np.float64]
    coef: NDArray[np.float64]
    _dcoef: NDArray[np.float64] = field(init=False, repr=False, compare=False)
    _scale: NDArray[np.float64] = field(init=False, repr=False, compare=False)
    _rows: NDArray[np.float64] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        breaks = np.ascontiguousarray(self.breaks, dtype=np.float64)
        coef = np.ascontiguousarray(self.coef, dtype=np.float64)
        if coef.ndim != 3 or coef.shape[2] != 3 or breaks.shape != (coef.shape[0] + 1,):
            raise ValueError(f"bad segment table shapes {breaks.shape}, {coef.shape}")
        if np.any(np.diff(breaks) <= 0):
            raise ValueError("segment breaks must increase")
        object.__setattr__(self, "breaks", breaks)
        object.__setattr__(self, "coef", coef)
        scale = 2.0 / (np.diff(breaks) * SECONDS_PER_DAY)  # d tau / d t, per second
        dcoef = npcheb.chebder(coef, axis=1) * scale[:, None, None]
        # Pad the derivative to k coefficients so one gathered block serves both series.
        dcoef = np.concatenate([dcoef, np.zeros_like(coef[:, :1])], axis=1)
        object.__setattr__(self, "_dcoef", np.ascontiguousarray(dcoef))
        object.__setattr__(self, "_scale", scale)
        object.__setattr__(self, "_rows", np.ascontiguousarray(coef.transpose(0, 2, 1)))

    @property
    def start(self) -> float:
        """First TDB Julian date the table covers."""
        return float(self.breaks[0])

    @property
    def end(self) -> float:
        """Last TDB Julian date the table covers."""
        return float(self.breaks[-1])

    def state_scalar(self, t: float) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Position and velocity (3,) at one time (already checked against the span)."""
        i = int(np.searchsorted(self.breaks, t, "right")) - 1
        i = min(max(i, 0), self.coef.shape[0] - 1)
        lo, hi = self.breaks[i], self.breaks[i + 1]
        tau = 2.0 * (t - lo) / (hi - lo) - 1.0
        k = self.coef.shape[1]
        basis = [1.0, tau]
        for _ in range(2, k):
            basis.append(2.0 * tau * basis[-1] - basis[-2])
        b = np.array(basis)
        return b @ self.coef[i], b @ self._dcoef[i]

    def state(self, t: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Position (km) and velocity (km/s), each (3, N), at 1-D times inside the span."""
        t = np.asarray(t, dtype=np.float64).ravel()
        pos = np.empty((3, t.size))
        vel = np.empty((3, t.size))

        def work(lo: int) -> None:
            sl = slice(lo, lo + CHUNK)
            pos[:, sl], vel[:, sl] = self._chunk(t[sl])

        in_chunks(t.size, work)
        return pos, vel

    def _chunk(self, t: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        index = np.searchsorted(self.breaks, t, "right") - 1
        np.clip(index, 0, self.coef.shape[0] - 1, out=index)
        lo = self.breaks[index]
        tau = 2.0 * (t - lo) / (self.breaks[index + 1] - lo) - 1.0
        # (m, 3, k) @ (m, k, 2): position and d/dtau in one pass over the coefficients.
        both = np.matmul(self._rows[index], chebyshev_basis(tau, self.coef.shape[1]))
        return both[:, :, 0].T, both[:, :, 1].T * self._scale[index]


@dataclass(frozen=True)
class JunoTrajectory:
    """The loaded table, its manoeuvres and its provenance."""

    table: SegmentTable
    manoeuvres: NDArray[np.float64]
    provenance: dict

    @property
    def planned_after(self) -> float:
        """TDB JD after which the trajectory follows the mission plan, not flown data."""
        value = self.provenance.get("planned_after_tdb")
        return self.table.end if value is None else float(value)


@cache
def load_juno() -> JunoTrajectory | None:
    """Juno's embedded trajectory, or None when the asset is absent (read once)."""
    path = assets_dir().joinpath(*ASSET)
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            table = SegmentTable(data["juno__breaks"], data["juno__coef"])
            manoeuvres = np.array(data["juno__manoeuvres"])
            provenance = json.loads(str(data["provenance"]))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DataFileError(
            f"Juno trajectory {path} is unreadable ({exc}); reinstall jovianview"
        ) from None
    return JunoTrajectory(table, manoeuvres, provenance)


def available() -> bool:
    """True when the embedded Juno trajectory ships with this installation."""
    return load_juno() is not None


def _trajectory() -> JunoTrajectory:
    traj = load_juno()
    if traj is None:
        raise DataFileError("Juno's trajectory (assets/juno/trajectory.npz) is missing; "
                            "reinstall jovianview")
    return traj


def span() -> tuple[float, float]:
    """First and last TDB Julian date of Juno's embedded trajectory."""
    table = _trajectory().table
    return table.start, table.end


def covers(tdb: ArrayLike) -> NDArray[np.bool_]:
    """Which times the trajectory covers (False before orbit insertion or after the data)."""
    first, last = span()
    t = np.asarray(tdb, dtype=np.float64)
    return (t >= first) & (t <= last)


def is_planned(tdb: ArrayLike) -> NDArray[np.bool_]:
    """Which times fall in the planned part (after PJ76's orbit: mission plan, not flown)."""
    return np.asarray(tdb, dtype=np.float64) > _trajectory().planned_after


def juno_state(tdb: float | NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Juno's position (km) and velocity (km/s) from Jupiter's centre, ICRF axes.

    A scalar time gives (3,) arrays, N times (3, N). Raises TimeRangeError (with a plain
    message) for a time before orbit insertion or after the end of the data (the shipped table
    ends 16 days after PJ110, 2028-10-15; see its provenance ``span_note``).
    """
    table = _trajectory().table
    if np.ndim(tdb) == 0:
        t = float(tdb)
        if not table.start <= t <= table.end:
            _out_of_range(t, table)
        return table.state_scalar(t)
    times = np.asarray(tdb, dtype=np.float64).ravel()
    check_span(times)
    return table.state(times)


def check_span(tdb: ArrayLike) -> None:
    """Raise TimeRangeError, plainly worded, when any time is outside the trajectory."""
    table = _trajectory().table
    t = np.asarray(tdb, dtype=np.float64)
    if t.size:
        lo, hi = float(t.min()), float(t.max())
        if lo < table.start:
            _out_of_range(lo, table)
        if hi > table.end:
            _out_of_range(hi, table)


def _out_of_range(t: float, table: SegmentTable) -> None:
    when = "before Juno's orbit insertion" if t < table.start else "after the end of Juno's data"
    last_pj = _trajectory().provenance.get("last_perijove")
    what = f"orbit insertion to the end of the arc after PJ{last_pj}, " if last_pj else ""
    moment = describe_tdb(t)  # a date where one can be written, else only the Julian date
    raise TimeRangeError(
        f"{moment} is {when}: Juno's embedded trajectory covers {what}"
        f"{tdb_to_iso(table.start, 0)} to {tdb_to_iso(table.end, 0)} UTC (the program shows "
        "Juno as absent at other times)"
    )
