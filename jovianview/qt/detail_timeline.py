"""The detail strip under the mission timeline: a few hours to a month around "now".

The mission timeline spans years (days per pixel); this strip spans :attr:`window_days`
centred on the current time, with UTC hour ticks and named event markers, so a flyby can be
scrubbed minute by minute. Dragging pulls the strip like a tape (relative, see
:func:`jovianview.model.timeline.jog`); the wheel changes the span. Painting only.
"""

from __future__ import annotations

from PyQt6.QtCore import QEvent, QPointF, QRectF, Qt, pyqtSignal
from PyQt6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QWheelEvent
from PyQt6.QtWidgets import QSizePolicy, QWidget

from jovianview.model.sources import TimelineEvent
from jovianview.model.timeline import DETAIL_WINDOWS_DAYS, TimelineScale, detail_ticks, jog
from jovianview.qt.timeline import (
    BASE_COLOUR,
    CURSOR_COLOUR,
    MARGIN,
    MOON_COLOURS,
    PERIJOVE_COLOUR,
    PLANNED_COLOUR,
    StripStyle,
)
from jovianview.qt.timeline_tips import show_event_tip

HELP = "Detail: drag left or right to move through time finely; the wheel changes the span shown"


def _span_text(days: float) -> str:
    return f"{days * 24:g} h" if days < 1 else f"{days:g} d"


class DetailTimeline(QWidget):
    """The zoomed strip: a few days around the current time, dragged to jog, wheel to zoom."""

    scrubbed = pyqtSignal(float)  # the TDB the drag has reached

    def __init__(self, events: tuple[TimelineEvent, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self.current = 0.0
        self.window_days = 2.0
        self.dragging = False
        self._press: tuple[float, float] | None = None  # (x, tdb) at the press
        self.style_ = StripStyle()
        self.setMinimumHeight(40)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(HELP)

    def set_style(self, scale: float, high_contrast: bool) -> None:
        """Text size (1.0 = 7.5 pt) and contrast; the strip grows with its text."""
        self.style_.scale, self.style_.high_contrast = scale, high_contrast
        self.setFixedHeight(round(40 + 28 * (scale - 1.0)))
        self.update()

    def event(self, event: QEvent | None) -> bool:
        """Show the tooltip of the event under the pointer; other events go to Qt."""
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            show_event_tip(self, self.events, self.scale(), event.pos().x(), HELP)
            return True
        return super().event(event)

    def scale(self) -> TimelineScale:
        """The mapping between TDB and x for the window centred on the current time."""
        half = self.window_days / 2.0
        return TimelineScale(self.current - half, self.current + half, MARGIN,
                             self.width() - MARGIN)

    def set_current(self, tdb: float) -> None:
        """Centre the strip on ``tdb`` (redraws only when it changed)."""
        if tdb != self.current:
            self.current = tdb
            self.update()

    def set_window(self, days: float) -> None:
        """Show ``days`` days across the strip."""
        self.window_days = float(days)
        self.update()

    # ---------------------------------------------------------------- painting
    def paintEvent(self, event: QPaintEvent | None) -> None:  # noqa: N802 - Qt's name
        """Draw the ticks, the events in the window with their labels, the span and cursor."""
        p = QPainter(self)
        st = self.style_
        k = st.scale
        text_h = 14 * k
        p.fillRect(self.rect(), st.background("#0b0f13"))
        sc = self.scale()
        base = self.height() - 2 - text_h
        p.setFont(st.font(self.font()))
        p.setPen(QPen(st.grey(BASE_COLOUR), 1))
        p.drawLine(QPointF(sc.left, base), QPointF(sc.right, base))
        ticks = detail_ticks(sc)
        every = max(1, round(k))  # larger text: every k-th tick label, so they never touch
        for i, (tdb, label) in enumerate(ticks):
            x = sc.x_of(tdb)
            p.drawLine(QPointF(x, base - 4), QPointF(x, base))
            if i % every == 0:
                p.drawText(QRectF(x - 30 * k, base + 1, 60 * k, text_h),
                           Qt.AlignmentFlag.AlignHCenter, label)
        label_end = -1e9  # right edge of the last event label drawn: later ones never overlap
        metrics = p.fontMetrics()
        for e in self.events:
            if not sc.start <= e.tdb <= sc.end:
                continue
            x = sc.x_of(e.tdb)
            if e.kind == "flyby":
                colour = QColor(MOON_COLOURS.get(e.body or "", "#ffffff"))
            else:
                colour = QColor(PLANNED_COLOUR) if e.planned else QColor(PERIJOVE_COLOUR)
            p.setPen(QPen(colour, 2))
            p.drawLine(QPointF(x, 4), QPointF(x, base))
            if x + 3 >= label_end + 4:  # an event at the same spot keeps its line only
                p.drawText(QRectF(x + 3, 2, 140 * k, text_h), Qt.AlignmentFlag.AlignLeft,
                           e.label)
                label_end = x + 3 + min(140 * k, metrics.horizontalAdvance(e.label))
        p.setPen(QPen(st.grey("#8a949e"), 1))
        p.drawText(QRectF(sc.right - 60 * k, 2, 60 * k, text_h), Qt.AlignmentFlag.AlignRight,
                   _span_text(self.window_days))
        x = sc.x_of(self.current)
        p.setPen(QPen(QColor(CURSOR_COLOUR), 2))
        p.drawLine(QPointF(x, 2), QPointF(x, base + 2))
        p.end()

    # ---------------------------------------------------------------- dragging
    def mousePressEvent(self, event: QMouseEvent | None) -> None:  # noqa: N802
        """Start a jog with the left button."""
        if event is not None and event.button() == Qt.MouseButton.LeftButton:
            self.dragging = True
            self._press = (event.position().x(), self.current)

    def mouseMoveEvent(self, event: QMouseEvent | None) -> None:  # noqa: N802
        """Jog time by the distance dragged since the press."""
        if self.dragging and self._press is not None and event is not None:
            x0, t0 = self._press
            width = self.scale().right - self.scale().left
            tdb = jog(t0, event.position().x() - x0, self.window_days, width)
            self.set_current(tdb)
            self.scrubbed.emit(tdb)

    def mouseReleaseEvent(self, event: QMouseEvent | None) -> None:  # noqa: N802
        """End a jog."""
        self.dragging = False
        self._press = None

    def wheelEvent(self, event: QWheelEvent | None) -> None:  # noqa: N802
        """Zoom to the next shorter (wheel up) or longer (wheel down) window."""
        if event is None:
            return
        steps = DETAIL_WINDOWS_DAYS
        i = min(range(len(steps)), key=lambda k: abs(steps[k] - self.window_days))
        i += -1 if event.angleDelta().y() > 0 else 1
        self.set_window(steps[max(0, min(len(steps) - 1, i))])
