"""Tooltips on the timelines: the event under the pointer and its time, kept on screen.

Both strips sit at the bottom of the window, often at the bottom of the screen, where a
tooltip under the pointer would be cut off: it goes above the strip, its left edge moved
so that the whole tip stays inside the screen's available area.
"""

from __future__ import annotations

from PyQt6.QtCore import QPoint, QRect
from PyQt6.QtWidgets import QToolTip, QWidget

from jovianview.core.timescale import tdb_to_iso
from jovianview.model.sources import TimelineEvent
from jovianview.model.timeline import TimelineScale

HIT_PX = 6.0  # how near the pointer an event's mark must be


def event_at(events: tuple[TimelineEvent, ...], scale: TimelineScale, x: float,
             hit_px: float = HIT_PX) -> TimelineEvent | None:
    """The event whose mark is nearest pixel column ``x``, within ``hit_px`` (else None)."""
    best, best_d = None, hit_px
    for e in events:
        if not scale.start <= e.tdb <= scale.end:
            continue
        d = abs(scale.x_of(e.tdb) - x)
        if d <= best_d:
            best, best_d = e, d
    return best


def event_text(event: TimelineEvent) -> str:
    """Two lines: the event's name (planned or not) and its UTC time."""
    planned = " (planned)" if event.planned and "planned" not in event.label else ""
    when = str(tdb_to_iso(event.tdb, 0)).replace("T", " ")
    note = f"\n{event.note}" if event.note else ""
    return f"{event.label}{planned}\n{when} UTC{note}"


def tip_position(widget: QWidget, x: float, text: str) -> QPoint:
    """Where the tooltip's top-left goes: above ``widget`` at column ``x``, on screen."""
    metrics = widget.fontMetrics()
    lines = text.split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines) + 16
    height = metrics.lineSpacing() * len(lines) + 12
    top_left = widget.mapToGlobal(QPoint(int(x), 0))
    screen = widget.screen()
    area = screen.availableGeometry() if screen is not None else QRect(0, 0, 10**5, 10**5)
    px = min(max(top_left.x() - width // 2, area.left()), area.right() - width)
    py = top_left.y() - height - 4
    if py < area.top():  # no room above: below the strip
        py = min(widget.mapToGlobal(QPoint(0, widget.height())).y() + 4,
                 area.bottom() - height)
    return QPoint(px, py)


def show_event_tip(widget: QWidget, events: tuple[TimelineEvent, ...], scale: TimelineScale,
                   x: float, fallback: str) -> str:
    """Show the tooltip for column ``x`` (the event there, else ``fallback``); returns it."""
    event = event_at(events, scale, x)
    text = event_text(event) if event is not None else fallback
    QToolTip.showText(tip_position(widget, x, text), text, widget)
    return text
