"""The mission timeline: a tick per perijove (numbered), a marker per flyby, a cursor.

Drag anywhere to scrub; the scene follows while dragging (``scrubbed`` is emitted on every
move). Painting only; the time <-> pixel mapping lives in :mod:`jovianview.model.timeline`.
"""

from __future__ import annotations

from PyQt6.QtCore import QEvent, QPointF, QRectF, Qt, pyqtSignal
from PyQt6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PyQt6.QtWidgets import QSizePolicy, QWidget

from jovianview.model.sources import TimelineEvent
from jovianview.model.timeline import TimelineScale, labelled_perijoves
from jovianview.qt.timeline_tips import show_event_tip
from jovianview.render.legend import LegendEntry, register, rgba_of_hex

MOON_COLOURS = {"io": "#f2d14b", "europa": "#c9e6ff", "ganymede": "#b9a27a",
                "callisto": "#8f8a80"}
PERIJOVE_COLOUR = "#7fd8ff"
PLANNED_COLOUR = "#ff9f33"
CURSOR_COLOUR = "#ff4d4d"
BASE_COLOUR = "#56606a"
MARGIN = 12
FONT_POINTS = 7.5  # the strips' text at text size 100 %
HELP = ("Drag to scrub through the mission. Ticks: perijoves (numbered); triangles: moon "
        "flybys; orange: planned")
register(LegendEntry("Perijove: Juno's closest pass", rgba_of_hex(PERIJOVE_COLOUR), "tick",
                     place="timeline"))
register(LegendEntry("Planned perijove", rgba_of_hex(PLANNED_COLOUR), "tick", place="timeline"))
for _moon, _hex in MOON_COLOURS.items():
    register(LegendEntry(f"{_moon.title()} flyby", rgba_of_hex(_hex), "triangle",
                         place="timeline"))
register(LegendEntry("The time shown", rgba_of_hex(CURSOR_COLOUR), "tick", place="timeline"))


class StripStyle:
    """Text size and contrast shared by both strips (set from the settings)."""

    def __init__(self) -> None:
        self.scale = 1.0
        self.high_contrast = False

    def font(self, base: QFont) -> QFont:
        """A copy of ``base`` at the strip's text size."""
        font = QFont(base)
        font.setPointSizeF(FONT_POINTS * self.scale)
        return font

    def grey(self, colour: str) -> QColor:
        """A grey line or text colour; white in high contrast."""
        return QColor("#ffffff") if self.high_contrast else QColor(colour)

    def background(self, colour: str) -> QColor:
        """A background colour; black in high contrast."""
        return QColor("#000000") if self.high_contrast else QColor(colour)


class TimelineWidget(QWidget):
    """The mission strip: perijoves and moon flybys over the whole span, dragged to scrub."""

    scrubbed = pyqtSignal(float)  # TDB under the pointer while dragging
    scrub_finished = pyqtSignal()

    def __init__(self, events: tuple[TimelineEvent, ...], span: tuple[float, float],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self.span = span
        self.current = span[0]
        self.dragging = False
        self.style_ = StripStyle()
        self.setMinimumHeight(54)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(HELP)
        self.setMouseTracking(False)

    def set_style(self, scale: float, high_contrast: bool) -> None:
        """Text size (1.0 = 7.5 pt) and contrast; the strip grows with its text."""
        self.style_.scale, self.style_.high_contrast = scale, high_contrast
        self.setFixedHeight(max(54, round(10 + 40 * scale)))  # flyby marks, ticks, numbers
        self.update()

    def event(self, event: QEvent | None) -> bool:
        """Show the tooltip of the event under the pointer; other events go to Qt."""
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            show_event_tip(self, self.events, self.scale(), event.pos().x(), HELP)
            return True
        return super().event(event)

    def scale(self) -> TimelineScale:
        """The mapping between TDB and x across the whole span at the current width."""
        return TimelineScale(self.span[0], self.span[1], MARGIN, self.width() - MARGIN)

    def set_current(self, tdb: float) -> None:
        """Move the cursor to ``tdb`` (redraws only when it changed)."""
        if tdb != self.current:
            self.current = tdb
            self.update()

    # ---------------------------------------------------------------- painting
    def paintEvent(self, event: QPaintEvent | None) -> None:  # noqa: N802 - Qt's name
        """Draw the base line, perijove marks and numbers, flyby triangles and the cursor."""
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        st = self.style_
        p.fillRect(self.rect(), st.background("#101418"))
        sc = self.scale()
        k = st.scale
        text_h = 14 * k
        base = self.height() - 4 - text_h
        p.setPen(QPen(st.grey(BASE_COLOUR), 1))
        p.drawLine(QPointF(sc.left, base), QPointF(sc.right, base))
        labelled = labelled_perijoves(self.events, _wider(sc, max(k, 1.0)))
        p.setFont(st.font(self.font()))
        for e in self.events:
            x = sc.x_of(e.tdb)
            if e.kind == "perijove":
                colour = QColor(PLANNED_COLOUR) if e.planned else QColor(PERIJOVE_COLOUR)
                p.setPen(QPen(colour, max(1.0, k)))
                p.drawLine(QPointF(x, base - 9 * k), QPointF(x, base))
                if e.number in labelled:
                    p.drawText(QRectF(x - 14 * k, base + 1, 28 * k, text_h),
                               Qt.AlignmentFlag.AlignHCenter, str(e.number))
            elif e.kind == "flyby":
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(MOON_COLOURS.get(e.body or "", "#ffffff")))
                top = base - 24 * k
                p.drawPolygon(QPolygonF([QPointF(x - 5 * k, top), QPointF(x + 5 * k, top),
                                         QPointF(x, top + 8 * k)]))
        x = sc.x_of(self.current)
        p.setPen(QPen(QColor(CURSOR_COLOUR), 2))
        p.drawLine(QPointF(x, 2), QPointF(x, base + 2))
        p.end()

    # ---------------------------------------------------------------- scrubbing
    def mousePressEvent(self, event: QMouseEvent | None) -> None:  # noqa: N802
        """Start a scrub with the left button."""
        if event is not None and event.button() == Qt.MouseButton.LeftButton:
            self.dragging = True
            self._scrub(event)

    def mouseMoveEvent(self, event: QMouseEvent | None) -> None:  # noqa: N802
        """Scrub to the pointer while dragging."""
        if self.dragging and event is not None:
            self._scrub(event)

    def mouseReleaseEvent(self, event: QMouseEvent | None) -> None:  # noqa: N802
        """End a scrub and announce it."""
        if self.dragging:
            self.dragging = False
            self.scrub_finished.emit()

    def _scrub(self, event: QMouseEvent) -> None:
        tdb = self.scale().tdb_of(event.position().x())
        self.set_current(tdb)
        self.scrubbed.emit(tdb)


def _wider(scale: TimelineScale, k: float) -> TimelineScale:
    """A scale as if the strip were ``k`` times narrower: fewer perijove numbers, so that
    numbers ``k`` times larger do not run into each other."""
    width = (scale.right - scale.left) / k
    return TimelineScale(scale.start, scale.end, scale.left, scale.left + width)
