"""The timeline's mapping between time and pixels, and which ticks get a number.

Kept out of the Qt widget so it can be tested without a window: the widget only paints what
:class:`TimelineScale` says and reports clicks back through it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from jovianview.core.timescale import tdb_to_iso, utc_to_tdb
from jovianview.model.sources import TimelineEvent

MIN_LABEL_SPACING_PX = 26.0


@dataclass
class TimelineScale:
    """Linear map of [start, end] TDB onto [left, right] pixels."""

    start: float
    end: float
    left: float
    right: float

    def x_of(self, tdb: float) -> float:
        """The pixel x of time ``tdb`` (not clamped)."""
        return self.left + (tdb - self.start) / (self.end - self.start) * (self.right - self.left)

    def tdb_of(self, x: float) -> float:
        """The time under pixel ``x``, clamped to the timeline."""
        frac = (x - self.left) / max(self.right - self.left, 1e-9)
        frac = min(max(frac, 0.0), 1.0)
        return self.start + frac * (self.end - self.start)


def labelled_perijoves(events: tuple[TimelineEvent, ...], scale: TimelineScale) -> set[int]:
    """Perijove numbers to print, so printed numbers never crowd: every 1, 2, 5, 10... th."""
    pjs = [(e.number, e.tdb) for e in events if e.kind == "perijove" and e.number is not None]
    if len(pjs) < 2:
        return {number for number, _ in pjs}
    spacing = (scale.x_of(pjs[-1][1]) - scale.x_of(pjs[0][1])) / (len(pjs) - 1)
    for every in (1, 2, 5, 10, 20, 50, 100):
        if spacing * every >= MIN_LABEL_SPACING_PX:
            break
    return {number for number, _ in pjs if number % every == 0}


# Tick steps for the detail strip, in hours: the first giving ticks at least this far apart.
DETAIL_STEPS_HOURS = (0.25, 0.5, 1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 48.0, 120.0, 240.0)
MIN_TICK_SPACING_PX = 56.0
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DETAIL_WINDOWS_DAYS = (0.25, 1.0, 2.0, 8.0, 30.0)  # the detail strip's width, wheel-selectable


def detail_ticks(scale: TimelineScale) -> list[tuple[float, str]]:
    """(TDB, label) ticks at round UTC hours or days across ``scale``, spaced for reading.

    Ticks are anchored on a UTC midnight (from the core's conversion) and stepped in whole
    hours; no leap second has occurred since 2016-12-31, so the step needs no correction
    over the mission.
    """
    hours_per_px = (scale.end - scale.start) * 24.0 / max(scale.right - scale.left, 1.0)
    step = next((s for s in DETAIL_STEPS_HOURS if s / hours_per_px >= MIN_TICK_SPACING_PX),
                DETAIL_STEPS_HOURS[-1])
    day_iso = str(tdb_to_iso(scale.start, 0))[:10]
    midnight = float(utc_to_tdb(day_iso))
    first = math.ceil((scale.start - midnight) * 24.0 / step)
    last = math.floor((scale.end - midnight) * 24.0 / step)
    ticks = []
    for k in range(first, last + 1):
        hours = k * step
        tdb = midnight + hours / 24.0
        if step >= 24.0 or hours % 24.0 == 0.0:
            iso = str(tdb_to_iso(tdb, 0))
            label = f"{MONTHS[int(iso[5:7]) - 1]} {int(iso[8:10])}"
        else:
            h = hours % 24.0
            label = f"{int(h):02d}:{int(round((h % 1) * 60)):02d}"
        ticks.append((tdb, label))
    return ticks


def jog(start_tdb: float, dx_px: float, window_days: float, width_px: float) -> float:
    """The time after dragging the detail strip by ``dx_px``: like pulling a tape.

    Dragging right moves the tape right, so earlier moments come under the cursor.
    """
    return start_tdb - dx_px / max(width_px, 1.0) * window_days
