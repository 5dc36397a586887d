"""Juno's mission events: orbit insertion, perijoves, apojoves, moon flybys and milestones.

The events live in ``assets/events/*.csv`` (written by ``tools/make_events.py`` from public
facts, each row naming its source). Every event has a status: ``reconstructed`` (from NAIF's
reconstructed orbit file or navigation trajectory), ``flown`` (mission-operations tables, press
releases) or ``planned`` (perijoves after PJ76, 2025-09-14, not confirmed flown).

Examples
--------
>>> from jovianview.core.events import next_event, perijove
>>> perijove(45).utc
'2022-09-29T17:11:55.543'
>>> next_event(perijove(45).tdb, kind="flyby").label
'Io flyby'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

from jovianview.core.assets import assets_dir
from jovianview.core.errors import DataFileError, JovianviewError
from jovianview.core.timescale import check_tdb

KINDS: tuple[str, ...] = ("perijove", "flyby", "milestone", "apojove")
STATUSES: tuple[str, ...] = ("reconstructed", "flown", "planned")
TABLES: tuple[str, ...] = ("perijoves", "apojoves", "flybys", "milestones")

__all__ = [
    "Event", "KINDS", "STATUSES", "load_events", "events_between", "next_event",
    "previous_event", "next_event_index", "events_of_kind", "perijove", "perijoves",
    "flyby_altitudes", "last_flown_perijove", "FlybyAltitude", "flyby_altitude",
]


@dataclass(frozen=True)
class Event:
    """One mission event.

    Attributes
    ----------
    tdb : float
        TDB Julian date.
    utc : str
        ISO 8601 UTC as published (spacecraft event time).
    kind : str
        One of ``perijove``, ``flyby``, ``milestone``, ``apojove``.
    label : str
        Short text for a timeline, e.g. ``PJ45`` or ``PJ90 (planned)``.
    number : int or None
        Perijove number (for an apojove: of the perijove after it; for a flyby: of the orbit's
        perijove); None for milestones.
    status : str
        ``reconstructed``, ``flown`` or ``planned``.
    body : str or None
        The moon of a flyby, else None.
    note : str
        Free text (altitudes, context).
    source : str
        Where the fact comes from.
    """

    tdb: float
    utc: str
    kind: str
    label: str
    number: int | None
    status: str
    body: str | None
    note: str
    source: str

    @property
    def planned(self) -> bool:
        """True when the event is a plan, not confirmed flown."""
        return self.status == "planned"


def _read_table(name: str) -> list[dict[str, str]]:
    path = assets_dir() / "events" / f"{name}.csv"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(
            f"event table {path} is unreadable ({exc}); reinstall jovianview"
        ) from None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def _to_event(row: dict[str, str]) -> Event:
    kind, status = row["kind"], row["status"]
    if kind not in KINDS or status not in STATUSES:
        raise DataFileError(f"event table row has unknown kind/status {kind!r}/{status!r}")
    return Event(
        tdb=float(row["tdb_jd"]),
        utc=row["utc"],
        kind=kind,
        label=row["label"],
        number=int(row["number"]) if row["number"] else None,
        status=status,
        body=row["body"] or None,
        note=row["note"],
        source=row["source"],
    )


@cache
def load_events() -> tuple[Event, ...]:
    """Every event, sorted by time (read once per process).

    Raises
    ------
    DataFileError
        When an event table is missing or malformed.
    """
    try:
        events = [_to_event(r) for name in TABLES for r in _read_table(name)]
    except (KeyError, ValueError, TypeError) as exc:
        if isinstance(exc, DataFileError):
            raise
        raise DataFileError(f"event tables are malformed ({exc}); reinstall jovianview") from None
    return tuple(sorted(events, key=lambda e: (e.tdb, KINDS.index(e.kind))))


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        raise JovianviewError(f"unknown event kind {kind!r}: choose one of {', '.join(KINDS)}")


@cache
def _of_kind(kind: str | None) -> tuple[tuple[Event, ...], NDArray[np.float64]]:
    events = tuple(e for e in load_events() if kind is None or e.kind == kind)
    return events, np.array([e.tdb for e in events], dtype=np.float64)


def events_between(start_tdb: float, end_tdb: float, kind: str | None = None) -> tuple[Event, ...]:
    """Events with ``start_tdb <= tdb <= end_tdb`` (optionally of one kind), in time order."""
    _check_kind(kind)
    lo, hi = float(check_tdb(start_tdb)), float(check_tdb(end_tdb))
    events, times = _of_kind(kind)
    i, j = np.searchsorted(times, lo, "left"), np.searchsorted(times, hi, "right")
    return events[i:j]


def next_event_index(tdb: ArrayLike, kind: str | None = None, after: bool = True) -> NDArray:
    """Vectorised lookup: index into ``events_of_kind(kind)`` of the next (or previous) event.

    Returns, for each time, the index of the first event strictly after it (``after=True``) or
    the last event at or before it (``after=False``); -1 where there is none.
    """
    _check_kind(kind)
    t = np.atleast_1d(np.asarray(check_tdb(tdb), dtype=np.float64))
    events, times = _of_kind(kind)
    if after:
        idx = np.searchsorted(times, t, "right")
        return np.where(idx < len(events), idx, -1)
    return np.searchsorted(times, t, "right") - 1


def next_event(tdb: float, kind: str | None = None) -> Event | None:
    """The first event strictly after ``tdb`` (of ``kind`` if given), or None."""
    i = int(next_event_index(tdb, kind, after=True)[0])
    return _of_kind(kind)[0][i] if i >= 0 else None


def previous_event(tdb: float, kind: str | None = None) -> Event | None:
    """The last event at or before ``tdb`` (of ``kind`` if given), or None."""
    i = int(next_event_index(tdb, kind, after=False)[0])
    return _of_kind(kind)[0][i] if i >= 0 else None


def events_of_kind(kind: str | None = None) -> tuple[Event, ...]:
    """Every event of ``kind`` (all events for None), in time order."""
    _check_kind(kind)
    return _of_kind(kind)[0]


def perijoves() -> tuple[Event, ...]:
    """Every perijove, PJ0 (orbit insertion) to the last planned one, in order."""
    return _of_kind("perijove")[0]


def perijove(number: int) -> Event:
    """The perijove numbered ``number`` (0 is the orbit-insertion periapsis).

    Raises
    ------
    JovianviewError
        For a number outside the table, naming the valid range.
    """
    table = {e.number: e for e in perijoves() if e.number is not None}
    try:
        return table[int(number)]
    except (KeyError, TypeError, ValueError):
        first, last = min(table), max(table)
        raise JovianviewError(
            f"no perijove numbered {number!r}: choose {first} to {last} "
            f"(PJ{last_flown_perijove().number} is the last flown; later ones are planned)"
        ) from None


def last_flown_perijove() -> Event:
    """The last perijove that is not a plan (PJ76, 2025-09-14, in the current tables)."""
    return [e for e in perijoves() if not e.planned][-1]


@cache
def flyby_altitudes() -> dict[float, float | None]:
    """Published closest-approach altitude (km above mean radius) by flyby TDB.

    None where no figure is published (:func:`flyby_altitude` then gives the trajectory's).
    """
    return {t: (a.km if a.published else None) for t, a in _flyby_table().items()}


@dataclass(frozen=True)
class FlybyAltitude:
    """A flyby's closest-approach altitude above the moon's mean radius, and where it is from.

    Attributes
    ----------
    km : float
        The published figure, or the embedded trajectory's where none is published.
    published : bool
        True when ``km`` is a published figure (the event's ``source`` names it).
    trajectory_km : float
        What the embedded trajectory gives near that time (for comparison).
    """

    km: float
    published: bool
    trajectory_km: float


@cache
def _flyby_table() -> dict[float, FlybyAltitude]:
    out = {}
    for r in _read_table("flybys"):
        traj = float(r["trajectory_altitude_km"])
        out[float(r["tdb_jd"])] = FlybyAltitude(
            float(r["altitude_km"]) if r["altitude_km"] else traj,
            r.get("altitude_source", "published") == "published", traj)
    return out


def flyby_altitude(event: Event) -> FlybyAltitude:
    """The closest-approach altitude of a flyby event (published or the trajectory's).

    Raises
    ------
    JovianviewError
        For an event that is not in the flyby table.
    """
    try:
        return _flyby_table()[event.tdb]
    except KeyError:
        raise JovianviewError(f"{event.label} at {event.utc} is not a flyby in the table") from None
