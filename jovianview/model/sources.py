"""The model's one door to the core: positions, rotations, events, radii.

Positions come from an :class:`~jovianview.core.ephemeris.Ephemeris` the caller passes (the
scene holds one); this module adds what the model needs around it: the rotation models, the
radii, the mission's events and the sentences saying why Juno is not shown. Nothing here
computes astronomy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from jovianview.core import events as core_events
from jovianview.core import frames
from jovianview.core.ephemeris import Ephemeris, span
from jovianview.core.ephemeris import juno as core_juno
from jovianview.core.errors import DataFileError, JovianviewError
from jovianview.core.iau import ROTATION_MODELS
from jovianview.core.timescale import tdb_to_iso, utc_to_tdb

BODIES = ("jupiter", "io", "europa", "ganymede", "callisto")
MOONS = BODIES[1:]


@cache
def radii_km() -> dict[str, tuple[float, float, float]]:
    """Tri-axial radii (km) of Jupiter and the moons (IAU 2015, from ``core.iau``)."""
    out: dict[str, tuple[float, float, float]] = {}
    for b in BODIES:
        a, b_axis, c = ROTATION_MODELS[b].radii
        out[b] = (float(a), float(b_axis), float(c))
    return out


def jupiter_radius_km() -> float:
    """Jupiter's equatorial radius, the render unit."""
    return radii_km()["jupiter"][0]


def rotations(tdb: float) -> NDArray[np.float64]:
    """(5, 3, 3) ICRF -> body-fixed matrices in :data:`BODIES` order."""
    return frames.all_rotations(tdb)


def jupiter_equator(tdb: float) -> NDArray[np.float64]:
    """ICRF -> Jupiter-equator rotation at ``tdb``."""
    return np.asarray(frames.equator_rotation("jupiter", tdb), dtype=np.float64)


def juno_span(eph: Ephemeris) -> tuple[float, float] | None:
    """First and last TDB at which ``eph`` can place Juno (the embedded trajectory, widened by
    Juno's kernels when it has some), or None when there is no Juno at all."""
    try:
        return eph.juno_extent()
    except JovianviewError:  # unknown body (no Juno source) or a missing/corrupt asset
        return None


def ephemeris_with_juno_kernels(directory: str) -> tuple[Ephemeris, str | None]:
    """An Ephemeris with the NAIF Juno kernels in ``directory`` (from the settings), and a note.

    The note is one line for the status bar: what is in use and any file skipped, or why
    none could be used (SpiceyPy missing, no folder, no usable kernel); None for "". Where
    the kernels cannot be used the Ephemeris has the embedded tables alone.
    """
    if not directory:
        return Ephemeris(), None
    try:
        eph = Ephemeris(juno_kernels=directory)
    except JovianviewError as exc:
        return Ephemeris(), f"Juno kernels not used ({exc}); showing the embedded trajectory"
    source = eph.juno_kernels
    assert source is not None
    covered = ", ".join(f"{tdb_to_iso(a, 0)[:10]} to {tdb_to_iso(b, 0)[:10]}"
                        for a, b in source.intervals)
    note = f"Juno from {len(source.files)} NAIF kernels ({covered})"
    if source.problems:
        note += "; " + "; ".join(source.problems)
    return eph, note


def juno_kernel_gap(eph: Ephemeris, tdb: float) -> str | None:
    """A short note when ``eph`` has Juno kernels that do not cover ``tdb`` (else None)."""
    if eph.juno_kernels_cover(tdb) is not False:
        return None
    return "Juno kernels do not cover this time: embedded trajectory"


def juno_plan_starts(today_tdb: float) -> float:
    """TDB after which Juno's path is a plan, not flown: the trajectory's own boundary
    between reconstructed and planned orbits (``core.ephemeris.juno``), and never later
    than today."""
    try:
        traj = core_juno.load_juno()
    except JovianviewError:
        traj = None
    if traj is None:
        return today_tdb
    return min(float(traj.planned_after), today_tdb)


def juno_absence(tdb: float, eph: Ephemeris) -> tuple[str, str] | None:
    """Why ``eph`` does not show Juno at ``tdb``: (short phrase, full explanation), or None.

    The short phrase fits a readout row or an on-screen caption; the explanation is for a
    tooltip. Asking the span (kept by the Ephemeris) spares a raised exception every frame.
    """
    sp = juno_span(eph)
    if sp is None:
        return ("no trajectory loaded",
                "This installation has no Juno trajectory (assets/juno/trajectory.npz), so "
                "Juno, its trail and its readouts are not shown. Moons, Sun and events are.")
    first, last = sp
    if first <= tdb <= last:  # the per-frame case: no dates to format
        return None
    covered = _covered_text(first, last)
    if tdb < first:
        return "before orbit insertion", f"This moment is before Juno's orbit insertion. {covered}"
    if tdb > last:
        return "after the end of its data", f"This moment is after Juno's data end. {covered}"
    return None


@cache
def _covered_text(first: float, last: float) -> str:
    """The sentence naming Juno's span (formatted once, not on every frame)."""
    return f"Juno's trajectory covers {tdb_to_iso(first, 0)} to {tdb_to_iso(last, 0)} UTC."


@dataclass(frozen=True)
class TimelineEvent:
    """What the timeline and readouts need of one mission event."""

    tdb: float
    label: str
    kind: str
    number: int | None
    planned: bool
    body: str | None
    note: str


@cache
def timeline_events() -> tuple[TimelineEvent, ...]:
    """Every perijove and flyby (and milestone) from ``core.events``; empty when unreadable."""
    try:
        loaded = core_events.load_events()
    except (DataFileError, JovianviewError):
        return ()
    return tuple(
        TimelineEvent(e.tdb, e.label, e.kind, e.number, e.status == "planned", e.body, e.note)
        for e in loaded if e.kind in ("perijove", "flyby", "milestone")
    )


def perijove_times() -> NDArray[np.float64]:
    """TDB Julian dates of every perijove on the timeline, flown and planned."""
    return np.array([e.tdb for e in timeline_events() if e.kind == "perijove"])


def last_flown_perijove_tdb() -> float | None:
    """TDB Julian date of the last flown perijove, or None when there is none."""
    flown = [e.tdb for e in timeline_events() if e.kind == "perijove" and not e.planned]
    return flown[-1] if flown else None


def default_start_tdb() -> float:
    """Where the window opens: the most recent flown perijove, else Juno's Europa flyby."""
    last = last_flown_perijove_tdb()
    return last if last is not None else float(utc_to_tdb("2022-09-29T09:36:28.58"))


def data_span() -> tuple[float, float]:
    """First and last TDB the embedded moon tables cover (all bodies at once).

    While no table is installed, Juno's orbital mission (2016-06-01 to 2030-01-01) is used so
    the clock still has bounds; the scene then says the moons are missing.
    """
    try:
        return span("jupiter")
    except (JovianviewError, ValueError):
        return float(utc_to_tdb("2016-06-01")), float(utc_to_tdb("2030-01-01"))


def mission_span() -> tuple[float, float]:
    """The timeline's range: the data span, narrowed to the events with a month's margin."""
    lo, hi = data_span()
    events = timeline_events()
    if events:
        lo = max(lo, events[0].tdb - 30.0) if events[0].tdb - 30.0 < hi else lo
        hi = min(hi, events[-1].tdb + 30.0) if events[-1].tdb + 30.0 > lo else hi
    return lo, hi
