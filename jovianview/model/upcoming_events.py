"""The next moon phenomena after the clock's time, for the events panel (no Qt here).

Events come from :func:`jovianview.core.phenomena.moon_events` over a window of a few days
ahead, recomputed only when the clock leaves it (a window costs about a tenth of a second).
Only what a telescope can show is listed: events behind Jupiter or in its shadow are left
out, as published tables leave them out.
"""

from __future__ import annotations

from datetime import UTC, datetime

from jovianview.core.errors import JovianviewError
from jovianview.core.phenomena import MoonEvent, moon_events
from jovianview.core.timescale import tdb_to_utc

WINDOW_DAYS = 4.0
TIME_ZONES = ("utc", "local")
LABELS = {
    "transit_start": "transit begins", "transit_end": "transit ends",
    "shadow_start": "shadow enters the disc", "shadow_end": "shadow leaves the disc",
    "eclipse_start": "enters Jupiter's shadow", "eclipse_end": "leaves Jupiter's shadow",
    "occultation_start": "hides behind Jupiter", "occultation_end": "reappears from behind",
    "mutual_start": "mutual event begins", "mutual_end": "mutual event ends",
}


class UpcomingEvents:
    """A cache of visible moon events over a window that follows the clock."""

    def __init__(self, window_days: float = WINDOW_DAYS) -> None:
        self.window_days = window_days
        self._span: tuple[float, float] | None = None
        self._events: list[MoonEvent] = []
        self.problem: str | None = None  # why nothing can be listed (e.g. outside the data)

    def next(self, tdb: float, count: int = 12) -> list[MoonEvent]:
        """The first ``count`` visible events at or after ``tdb``."""
        if self._span is None or not (self._span[0] <= tdb <= self._span[1] - 1.0):
            self._fill(tdb)
        return [e for e in self._events if e.tdb >= tdb][:count]

    def _fill(self, tdb: float) -> None:
        start, end = tdb - 0.01, tdb + self.window_days
        try:
            events = moon_events(start, end)
            self.problem = None
        except JovianviewError as exc:  # e.g. past the end of the embedded ephemeris
            events, self.problem = [], str(exc)
        self._events = [e for e in events if e.visible]
        self._span = (start, end)


def format_time(tdb: float, zone: str) -> str:
    """An event time for people: UTC, or the computer's local time zone, to the second."""
    moment = tdb_to_utc(tdb)
    assert isinstance(moment, datetime)
    moment = moment.replace(tzinfo=UTC)
    if moment.microsecond >= 500000:
        from datetime import timedelta

        moment += timedelta(seconds=1)
    moment = moment.replace(microsecond=0)
    if zone == "local":
        local = moment.astimezone()
        return local.strftime("%Y-%m-%d %H:%M:%S ") + (local.tzname() or "local")
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def describe(event: MoonEvent) -> str:
    """One line: the moon and what happens ("Io: shadow enters the disc")."""
    text = f"{event.moon.capitalize()}: {LABELS.get(event.event, event.event)}"
    if event.kind == "mutual" and event.detail:
        text += f" ({event.detail.split(';')[0]})"
    return text
