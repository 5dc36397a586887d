"""The timeline's mapping between time and pixels, and which ticks get a number.

Kept out of the Qt widget so it can be tested without a window: the widget only paints what
:class:`TimelineScale` says and reports clicks back through it.
"""

from __future__ import annotations

from dataclasses import dataclass

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
        return self.left + (tdb - self.start) / (self.end - self.start) * (self.right - self.left)

    def tdb_of(self, x: float) -> float:
        """The time under pixel ``x``, clamped to the timeline."""
        frac = (x - self.left) / max(self.right - self.left, 1e-9)
        frac = min(max(frac, 0.0), 1.0)
        return self.start + frac * (self.end - self.start)


def labelled_perijoves(events: tuple[TimelineEvent, ...], scale: TimelineScale) -> set[int]:
    """Perijove numbers to print, so printed numbers never crowd: every 1, 2, 5, 10... th."""
    pjs = [e for e in events if e.kind == "perijove" and e.number is not None]
    if len(pjs) < 2:
        return {e.number for e in pjs}
    spacing = (scale.x_of(pjs[-1].tdb) - scale.x_of(pjs[0].tdb)) / (len(pjs) - 1)
    for every in (1, 2, 5, 10, 20, 50, 100):
        if spacing * every >= MIN_LABEL_SPACING_PX:
            break
    return {e.number for e in pjs if e.number % every == 0}
