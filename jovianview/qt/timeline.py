"""The mission timeline: a tick per perijove (numbered), a marker per flyby, a cursor.

Drag anywhere to scrub; the scene follows while dragging (``scrubbed`` is emitted on every
move). Painting only; the time <-> pixel mapping lives in :mod:`jovianview.model.timeline`.
"""

from __future__ import annotations

from PyQt6.QtCore import QPointF, QRectF, Qt, pyqtSignal
from PyQt6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PyQt6.QtWidgets import QSizePolicy, QWidget

from jovianview.model.sources import TimelineEvent
from jovianview.model.timeline import TimelineScale, labelled_perijoves

MOON_COLOURS = {"io": "#f2d14b", "europa": "#c9e6ff", "ganymede": "#b9a27a",
                "callisto": "#8f8a80"}
MARGIN = 12


class TimelineWidget(QWidget):
    scrubbed = pyqtSignal(float)  # TDB under the pointer while dragging
    scrub_finished = pyqtSignal()

    def __init__(self, events: tuple[TimelineEvent, ...], span: tuple[float, float],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self.span = span
        self.current = span[0]
        self.dragging = False
        self.setMinimumHeight(54)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("Drag to scrub through the mission. Ticks: perijoves; "
                        "triangles: moon flybys; orange: planned")
        self.setMouseTracking(False)

    def scale(self) -> TimelineScale:
        return TimelineScale(self.span[0], self.span[1], MARGIN, self.width() - MARGIN)

    def set_current(self, tdb: float) -> None:
        if tdb != self.current:
            self.current = tdb
            self.update()

    # ---------------------------------------------------------------- painting
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#101418"))
        sc = self.scale()
        base = self.height() - 18
        p.setPen(QPen(QColor("#56606a"), 1))
        p.drawLine(QPointF(sc.left, base), QPointF(sc.right, base))
        labelled = labelled_perijoves(self.events, sc)
        font = QFont(self.font())
        font.setPointSizeF(7.5)
        p.setFont(font)
        for e in self.events:
            x = sc.x_of(e.tdb)
            if e.kind == "perijove":
                colour = QColor("#ff9f33") if e.planned else QColor("#7fd8ff")
                p.setPen(QPen(colour, 1))
                p.drawLine(QPointF(x, base - 9), QPointF(x, base))
                if e.number in labelled:
                    p.drawText(QRectF(x - 14, base + 1, 28, 14),
                               Qt.AlignmentFlag.AlignHCenter, str(e.number))
            elif e.kind == "flyby":
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(MOON_COLOURS.get(e.body or "", "#ffffff")))
                top = base - 24
                p.drawPolygon(QPolygonF([QPointF(x - 5, top), QPointF(x + 5, top),
                                         QPointF(x, top + 8)]))
        x = sc.x_of(self.current)
        p.setPen(QPen(QColor("#ff4d4d"), 2))
        p.drawLine(QPointF(x, 2), QPointF(x, base + 2))
        p.end()

    # ---------------------------------------------------------------- scrubbing
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.dragging = True
            self._scrub(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.dragging:
            self._scrub(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.dragging:
            self.dragging = False
            self.scrub_finished.emit()

    def _scrub(self, event: QMouseEvent) -> None:
        tdb = self.scale().tdb_of(event.position().x())
        self.set_current(tdb)
        self.scrubbed.emit(tdb)
