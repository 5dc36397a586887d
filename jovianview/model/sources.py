"""The model's one door to the core: positions, rotations, events, radii.

Some core modules land on main in stages (frames, events, Juno's ephemeris). This module asks
for each and, where one is absent, answers "not available" with a note instead of guessing, so
the scene shows what it knows and says what it lacks. Nothing here computes astronomy.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from jovianview.core.errors import DataFileError, JovianviewError
from jovianview.core.timescale import tdb_to_iso, utc_to_tdb

BODIES = ("jupiter", "io", "europa", "ganymede", "callisto")
MOONS = BODIES[1:]


def _optional(module: str) -> Any | None:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


@cache
def frames() -> Any | None:
    """``jovianview.core.frames`` or None while it is not installed."""
    return _optional("jovianview.core.frames")


@cache
def events_module() -> Any | None:
    """``jovianview.core.events`` or None while it is not installed."""
    return _optional("jovianview.core.events")


@cache
def ellipsoid() -> Any | None:
    """``jovianview.core.ellipsoid`` or None while it is not installed."""
    return _optional("jovianview.core.ellipsoid")


@cache
def radii_km() -> dict[str, tuple[float, float, float]]:
    """Tri-axial radii (km) of Jupiter and the moons from ``core.iau``.

    Until ``core.iau`` is present the IAU 2015 values (Archinal et al. 2018, Table 4) that the
    PCK kernel pck00011 carries are used; they are the same numbers.
    """
    iau = _optional("jovianview.core.iau")
    if iau is not None:
        return {b: tuple(iau.ROTATION_MODELS[b].radii) for b in BODIES}
    return {"jupiter": (71492.0, 71492.0, 66854.0), "io": (1829.4, 1819.4, 1815.7),
            "europa": (1562.6, 1560.3, 1559.5), "ganymede": (2631.2, 2631.2, 2631.2),
            "callisto": (2410.3, 2410.3, 2410.3)}


def jupiter_radius_km() -> float:
    """Jupiter's equatorial radius, the render unit."""
    return radii_km()["jupiter"][0]


def rotations(tdb: float) -> NDArray[np.float64] | None:
    """(5, 3, 3) ICRF -> body-fixed matrices in :data:`BODIES` order, or None if unavailable."""
    fr = frames()
    if fr is None:
        return None
    return fr.all_rotations(tdb)


def jupiter_equator(tdb: float) -> NDArray[np.float64]:
    """ICRF -> Jupiter-equator rotation at ``tdb`` (identity while frames are absent)."""
    fr = frames()
    if fr is None:
        return np.eye(3)
    return np.asarray(fr.equator_rotation("jupiter", tdb), dtype=np.float64)


def all_positions(tdb: float) -> dict[str, NDArray[np.float64]]:
    """Moons', Sun's and Earth's positions (km) from the core's one-call snapshot.

    Empty when the snapshot path is missing or ``tdb`` is outside it; callers then ask
    ``state()`` body by body, which explains any gap.
    """
    snap = _optional("jovianview.core.ephemeris.snapshot")
    if snap is None:
        return {}
    try:
        names = snap.snapshot_bodies()
        if not names:
            return {}
        pos, _ = snap.snapshot_states(tdb)
    except (JovianviewError, ValueError):  # ValueError: no tables installed yet
        return {}
    return dict(zip(names, pos, strict=True))


@cache
def juno_span() -> tuple[float, float] | None:
    """First and last TDB at which Juno can be placed (the embedded trajectory, widened by
    Juno's kernels when some are in use), or None when there is no Juno at all."""
    from jovianview.core.ephemeris import juno_extent

    try:
        return juno_extent()
    except JovianviewError:  # unknown body (no Juno source) or a missing/corrupt asset
        return None


def use_juno_kernels(directory: str) -> str | None:
    """Use the NAIF Juno kernels in ``directory`` (from the settings) for Juno where they cover.

    Returns a one-line message for the status bar: what is in use and any file skipped, or
    why none could be used (SpiceyPy missing, no folder, no usable kernel); None for "".
    The embedded trajectory stays in use wherever the kernels do not answer.
    """
    from jovianview.core.ephemeris import spice_juno

    spice_juno.stop_using_juno_kernels()
    juno_span.cache_clear()
    if not directory:
        return None
    try:
        source = spice_juno.use_juno_kernels(directory)
    except JovianviewError as exc:
        return f"Juno kernels not used ({exc}); showing the embedded trajectory"
    juno_span.cache_clear()
    covered = ", ".join(f"{tdb_to_iso(a, 0)[:10]} to {tdb_to_iso(b, 0)[:10]}"
                        for a, b in source.intervals)
    note = f"Juno from {len(source.files)} NAIF kernels ({covered})"
    if source.problems:
        note += "; " + "; ".join(source.problems)
    return note


def juno_plan_starts(today_tdb: float) -> float:
    """TDB after which Juno's path is a plan, not flown: the trajectory's own boundary
    between reconstructed and planned orbits (``core.ephemeris.juno``), and never later
    than today."""
    juno = _optional("jovianview.core.ephemeris.juno")
    try:
        traj = juno.load_juno() if juno is not None else None
    except JovianviewError:
        traj = None
    if traj is None:
        return today_tdb
    return min(float(traj.planned_after), today_tdb)


def juno_absence(tdb: float) -> tuple[str, str] | None:
    """Why Juno is not shown at ``tdb``: (short phrase, full explanation), or None if it is.

    The short phrase fits a readout row or an on-screen caption; the explanation is for a
    tooltip. Asking the span once (cached) spares a raised exception on every frame.
    """
    sp = juno_span()
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
    """Every perijove and flyby (and milestone) from ``core.events``; empty while it is absent."""
    ev = events_module()
    if ev is None:
        return ()
    try:
        loaded = ev.load_events()
    except (DataFileError, JovianviewError):
        return ()
    return tuple(
        TimelineEvent(e.tdb, e.label, e.kind, e.number, e.status == "planned", e.body, e.note)
        for e in loaded if e.kind in ("perijove", "flyby", "milestone")
    )


def perijove_times() -> NDArray[np.float64]:
    return np.array([e.tdb for e in timeline_events() if e.kind == "perijove"])


def last_flown_perijove_tdb() -> float | None:
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
    from jovianview.core.ephemeris import span

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
