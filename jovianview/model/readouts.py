"""The numbers the readout panel shows, computed by the core and formatted here.

Juno's altitude, planetographic latitude and System III (west) longitude come from
``core.ellipsoid`` applied to Juno's position turned into System III by ``core.frames``;
speed is relative to Jupiter's centre. Units follow the settings (km or Jupiter radii).
The magnetic field at Juno, its magnetic latitude and M-shell come from ``core.field``
(JRM33 + Con2020); the M-shell trace is reused until Juno has moved 1% of its distance.

A trace costs ~10-60 ms (``benchmarks/bench_field.py``), too much for the window's 5 Hz
readout refresh on the main thread: the window's cache (:data:`GUI_M_SHELLS`) traces on one
worker thread, at most one trace at a time, and the readout shows the last finished value
("tracing..." while the last value is for a position more than 5% away).
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from jovianview.core import ellipsoid
from jovianview.core.events import Event
from jovianview.core.field.model import R_J_KM, magnetic_latitude
from jovianview.core.field.model import field as magnetic_field
from jovianview.core.field.trace import m_shell
from jovianview.core.moon_relative import MoonRelative, closest_approach, moon_relative
from jovianview.core.timescale import SECONDS_PER_DAY, tdb_to_iso
from jovianview.model import sources
from jovianview.model.scene import Snapshot


@dataclass
class Readouts:
    """Values (not strings) at one instant; None where the data do not say."""

    tdb: float
    utc: str
    altitude_km: float | None = None
    speed_kms: float | None = None
    latitude_deg: float | None = None
    west_longitude_deg: float | None = None
    moon_distance_km: dict[str, float] = field(default_factory=dict)
    previous_event: sources.TimelineEvent | None = None
    next_event: sources.TimelineEvent | None = None
    field_nt: float | None = None  # |B| at Juno, JRM33 + Con2020
    magnetic_latitude_deg: float | None = None  # above the JRM33 dipole equator
    m_shell_rj: float | None = None  # None also for an open field line
    m_shell_pending: bool = False  # a trace for this position has not finished yet
    juno_note: str | None = None  # short: "no trajectory loaded", "before orbit insertion"
    juno_detail: str | None = None  # the full explanation, for a tooltip
    near_moon: MoonRelative | None = None  # within 100,000 km of a moon's surface
    closest_approach: Event | None = None  # that moon's flyby event


class MShellCache:
    """The last traced M-shell, reused while Juno stays within ``tolerance`` of its distance.

    ``background``: trace on a worker thread (one at a time); :meth:`get` then never waits
    and returns the last finished value, or None while that is more than ``stale`` (a
    fraction of Juno's distance) away: see :attr:`pending`.
    """

    def __init__(self, tolerance: float = 0.01, background: bool = False,
                 stale: float = 0.05) -> None:
        self.tolerance = tolerance
        self.background = background
        self.stale = stale
        self._at: np.ndarray | None = None
        self._value: float | None = None
        self._job: Future[float] | None = None
        self._job_at: np.ndarray | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self.traces = 0  # how many traces ran (for tests and benchmarks)
        self.pending = False  # background: the value returned is not for this position yet

    def _far(self, xyz_rj: np.ndarray, at: np.ndarray | None, fraction: float) -> bool:
        return at is None or bool(np.linalg.norm(xyz_rj - at)
                                  > fraction * np.linalg.norm(xyz_rj))

    @staticmethod
    def _trace(xyz_rj: np.ndarray) -> float:
        value = float(m_shell(xyz_rj)[0])
        return value if np.isfinite(value) else float("nan")

    def get(self, xyz_rj: np.ndarray) -> float | None:
        """The M-shell at ``xyz_rj`` (R_J, System III), retraced only when Juno has moved."""
        if not self.background:
            if self._far(xyz_rj, self._at, self.tolerance):
                value = self._trace(xyz_rj)
                self._at, self._value = xyz_rj.copy(), (None if np.isnan(value) else value)
                self.traces += 1
            self.pending = False
            return self._value
        with self._lock:
            job = self._job
            if job is not None and job.done():
                value = job.result()
                self._at, self._value = self._job_at, (None if np.isnan(value) else value)
                self._job = None
            if self._job is None and self._far(xyz_rj, self._at, self.tolerance):
                if self._executor is None:
                    self._executor = ThreadPoolExecutor(1, thread_name_prefix="m-shell")
                self._job_at = xyz_rj.copy()
                self._job = self._executor.submit(self._trace, self._job_at)
                self.traces += 1
            self.pending = self._far(xyz_rj, self._at, self.stale)
            return None if self.pending else self._value

    def wait(self) -> None:
        """Block until the trace in flight (if any) has finished (tests, benchmarks)."""
        job = self._job
        if job is not None:
            job.result()


M_SHELLS = MShellCache()  # the command line and tests: traced at once
GUI_M_SHELLS = MShellCache(background=True)  # the window: off the main thread


def compute(snap: Snapshot, m_shells: MShellCache | None = None) -> Readouts:
    """Readouts for a snapshot (everything from the core, nothing guessed).

    ``m_shells``: the M-shell cache to use (default :data:`M_SHELLS`, which traces at once).
    """
    r = Readouts(snap.tdb, str(tdb_to_iso(snap.tdb, 0)).replace("T", " ") + " UTC")
    events = sources.timeline_events()
    times = np.array([e.tdb for e in events])
    if times.size:
        i = int(np.searchsorted(times, snap.tdb, side="right"))
        r.previous_event = events[i - 1] if i > 0 else None
        r.next_event = events[i] if i < len(events) else None
    if not snap.has("juno") or snap.juno_velocity is None:  # set together by the scene
        r.juno_note = snap.juno_absent or "not available"
        r.juno_detail = snap.notes.get("juno", "Juno's position is not available")
        return r
    juno = snap.positions["juno"]
    r.speed_kms = float(np.linalg.norm(snap.juno_velocity))
    for moon in sources.MOONS:
        if snap.has(moon):
            r.moon_distance_km[moon] = float(np.linalg.norm(juno - snap.positions[moon]))
    _near_moon(snap, r)
    rot = snap.rotations.get("jupiter")
    if rot is not None:
        body_fixed = rot @ juno
        r.altitude_km = float(ellipsoid.altitude(body_fixed))
        r.latitude_deg = float(ellipsoid.planetographic_latitude(body_fixed))
        r.west_longitude_deg = float(ellipsoid.west_longitude(body_fixed))
        if r.altitude_km > 0.0:  # the field models hold outside the 1-bar level
            p = body_fixed / R_J_KM
            r.field_nt = float(np.linalg.norm(magnetic_field(p)))
            r.magnetic_latitude_deg = float(magnetic_latitude(p))
            cache = m_shells if m_shells is not None else M_SHELLS
            r.m_shell_rj = cache.get(p)
            r.m_shell_pending = cache.pending
    return r


def _near_moon(snap: Snapshot, r: Readouts) -> None:
    """Fill the moon-relative readouts when the scene gave a near moon's velocity."""
    for moon, velocity in snap.moon_velocities.items():
        rot = snap.rotations.get(moon)
        if rot is None or snap.sun_direction is None or snap.juno_velocity is None:
            return
        r.near_moon = moon_relative(moon, snap.positions["juno"], snap.juno_velocity,
                                    snap.positions[moon], velocity, rot, snap.sun_direction)
        r.closest_approach = closest_approach(moon, snap.tdb)
        return


def format_distance(km: float | None, unit: str) -> str:
    """``12,345 km`` or ``1.234 RJ`` (Jupiter equatorial radii); a dash when unknown."""
    if km is None:
        return "\u2014"
    if unit == "RJ":
        return f"{km / sources.jupiter_radius_km():,.3f} RJ"
    return f"{km:,.0f} km"


def format_countdown(days: float) -> str:
    """``T-3d 04:05:06`` before an event, ``T+...`` after it."""
    seconds = int(round(abs(days) * SECONDS_PER_DAY))
    sign = "-" if days > 0 and seconds else "+"  # at the event itself: T+00:00:00
    d, rest = divmod(seconds, 86400)
    h, rest = divmod(rest, 3600)
    m, s = divmod(rest, 60)
    return f"T{sign}{d}d {h:02d}:{m:02d}:{s:02d}" if d else f"T{sign}{h:02d}:{m:02d}:{s:02d}"


@dataclass(frozen=True)
class Row:
    """One readout row: its section heading, label, value text and an optional tooltip."""

    section: str
    label: str
    value: str
    tip: str = ""


def _event_row(label: str, event: sources.TimelineEvent | None, tdb: float) -> Row:
    if event is None:
        return Row("Time", label, "\u2014")
    # the events' own labels already say "(planned)" for planned perijoves: say it once
    planned = " (planned)" if event.planned and "planned" not in event.label else ""
    return Row("Time", label, f"{event.label}{planned}  {format_countdown(event.tdb - tdb)}",
               f"{event.label} at {tdb_to_iso(event.tdb, 0)} UTC{planned}. {event.note}".strip())


def lines(r: Readouts, unit: str) -> list[Row]:
    """The readout panel's rows: time and events, Juno, distances from Juno to the moons.

    The set of rows stays the same while Juno is shown (the panel does not jump); when
    Juno is absent its section shrinks to one short status, explained in the tooltip.
    """
    def num(v: float | None, fmt: str, suffix: str) -> str:
        return "\u2014" if v is None else format(v, fmt) + suffix

    rows = [Row("Time", "UTC", r.utc),
            _event_row("Previous", r.previous_event, r.tdb),
            _event_row("Next", r.next_event, r.tdb)]
    if r.juno_note:
        rows.append(Row("Juno", "Status", r.juno_note, r.juno_detail or ""))
        return rows
    rows += [
        Row("Juno", "Altitude", format_distance(r.altitude_km, unit),
            "Height above Jupiter's 1-bar ellipsoid"),
        Row("Juno", "Speed", num(r.speed_kms, ",.3f", " km/s"),
            "Speed relative to Jupiter's centre"),
        Row("Juno", "Latitude", num(r.latitude_deg, "+.2f", "\u00b0"),
            "Planetographic latitude (perpendicular to the ellipsoid)"),
        Row("Juno", "Longitude", num(r.west_longitude_deg, ".2f", "\u00b0 W"),
            "System III west longitude (the frame of Jupiter's magnetic field)"),
        Row("Juno", "Magnetic field", num(r.field_nt, ",.0f", " nT"),
            "Field strength at Juno: JRM33 internal field (Connerney et al. 2022, degree 13) "
            "plus the Con2020 current sheet (Connerney et al. 2020)"),
        Row("Juno", "Mag. latitude", num(r.magnetic_latitude_deg, "+.2f", "\u00b0"),
            "Latitude above the magnetic (JRM33 dipole) equator"),
        Row("Juno", "M-shell", "tracing\u2026" if r.m_shell_pending else
            "open field line" if r.field_nt is not None and r.m_shell_rj is None
            else num(r.m_shell_rj, ".2f", " RJ"),
            "Where the field line through Juno crosses the magnetic equator, in Jupiter "
            "radii from the centre (traced in the same model)"),
    ]
    rows += moon_lines(r, unit)
    for moon in sources.MOONS:
        rows.append(Row("Distance from Juno", moon.title(),
                        format_distance(r.moon_distance_km.get(moon), unit),
                        f"Distance from Juno to {moon.title()}'s centre"))
    return rows


def moon_lines(r: Readouts, unit: str) -> list[Row]:
    """The "Near <moon>" rows (none unless Juno is within 100,000 km of a moon)."""
    m = r.near_moon
    if m is None:
        return []
    name = m.moon.title()
    section = f"Near {name}"
    ca = r.closest_approach
    if ca is None:
        ca_row = Row(section, "Closest approach", "\u2014", "No flyby of this moon in the "
                     "event table within a day")
    else:
        ca_row = Row(section, "Closest approach", format_countdown(ca.tdb - r.tdb),
                     f"{ca.label} (PJ{ca.number}) at {tdb_to_iso(ca.tdb, 0)} UTC: {ca.note}")
    return [
        Row(section, f"Height above {name}", format_distance(m.altitude_km, unit),
            f"Height above {name}'s mean radius"),
        Row(section, f"Speed past {name}", f"{m.speed_km_s:,.3f} km/s",
            f"Juno's speed relative to {name}'s centre"),
        Row(section, "Below Juno", f"{m.latitude_deg:+.1f}\u00b0, {m.west_longitude_deg:.1f}"
            "\u00b0 W", f"The point on {name} straight below Juno: planetocentric latitude "
            f"and west longitude in {name}'s IAU frame"),
        Row(section, f"{name} as seen", f"{100 * m.lit_fraction:.0f}% lit "
            f"(phase {m.phase_deg:.0f}\u00b0)", f"How much of {name}'s disc Juno sees lit; "
            "the phase is the Sun-moon-Juno angle (0\u00b0: full, 180\u00b0: night side)"),
        ca_row,
    ]
