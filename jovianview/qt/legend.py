"""The legend: every kind of line and marker on screen, with its colour, over the scene.

Drawn from :mod:`jovianview.render.legend`'s registry, which the layers and the timeline
fill with the very colour constants they draw with; a new layer adds its own entry. Only
what is switched on is listed (a layer's entry names the setting that shows it).
"""

from __future__ import annotations

from PyQt6.QtCore import QPointF, QRectF, Qt
from PyQt6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QPolygonF
from PyQt6.QtWidgets import QWidget

from jovianview.model.settings import Settings
from jovianview.render.legend import LegendEntry, entries

SWATCH_PX = 30  # swatch width at text size 100 %
PAD_PX = 8
FONT_POINTS = 9.0
MAX_SCALE = 1.5  # the legend is looked up, not read from afar: it grows less than the text


def shown_entries(settings: Settings) -> list[LegendEntry]:
    """The entries to list: the scene's that are switched on, then the timeline's."""
    scene = [e for e in entries("scene") if e.setting is None or getattr(settings, e.setting,
                                                                         True)]
    return scene + entries("timeline")


class LegendOverlay(QWidget):
    """A translucent box in the scene's top-right corner; hidden until switched on."""

    def __init__(self, settings: Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self.settings = settings
        self.scale = 1.0
        self.wanted_scale = 1.0  # the text size; the box grows less (see _relayout)
        self.high_contrast = False
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setObjectName("legend")
        self.follow_settings()

    def follow_settings(self) -> None:
        """Shown or hidden as the settings say, listing what they switch on."""
        self.setVisible(self.settings.show_legend)
        self._relayout()

    def set_style(self, scale: float, high_contrast: bool) -> None:
        """Text size (1.0 = the normal size) and contrast; the box is laid out again."""
        self.wanted_scale, self.high_contrast = scale, high_contrast
        self._relayout()
        self._relayout()

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(FONT_POINTS * self.scale)
        return font

    def _rows(self) -> list[LegendEntry | str]:
        rows: list[LegendEntry | str] = ["In the scene"]
        for e in shown_entries(self.settings):
            if e.place == "timeline" and "On the timeline" not in rows:
                rows.append("On the timeline")
            rows.append(e)
        return rows

    def relayout(self) -> None:
        """Fit the box into the scene's top-right corner (after a resize)."""
        self._relayout()

    def _relayout(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        # on a small screen the box must leave the scene visible: no wider than it allows
        self.scale = max(1.0, min(self.wanted_scale, MAX_SCALE, parent.width() / 800.0))
        metrics = QFontMetrics(self._font())
        line = metrics.lineSpacing() + 2
        swatch = SWATCH_PX * self.scale
        width = max(metrics.horizontalAdvance(r if isinstance(r, str) else r.name)
                    for r in self._rows()) + swatch + 3 * PAD_PX
        width = int(min(width, parent.width() - 2 * PAD_PX))
        height = int(min(line * len(self._rows()) + 2 * PAD_PX, parent.height() - 2 * PAD_PX))
        self.setGeometry(parent.width() - width - PAD_PX, PAD_PX, width, height)
        self.update()

    def paintEvent(self, event: QPaintEvent | None) -> None:  # noqa: N802 - Qt's name
        """Draw the box: section headings, and a swatch and a name for each entry."""
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor(0, 0, 0, 255 if self.high_contrast else 200))
        font = self._font()
        p.setFont(font)
        metrics = p.fontMetrics()
        line = metrics.lineSpacing() + 2
        swatch = SWATCH_PX * self.scale
        y = PAD_PX
        text_colour = QColor("#ffffff")
        for row in self._rows():
            if isinstance(row, str):
                bold = QFont(font)
                bold.setBold(True)
                p.setFont(bold)
                p.setPen(text_colour)
                p.drawText(QRectF(PAD_PX, y, self.width(), line), Qt.AlignmentFlag.AlignVCenter,
                           row)
                p.setFont(font)
            else:
                draw_swatch(p, row, QRectF(PAD_PX, y + 2, swatch, line - 4), self.scale)
                p.setPen(text_colour)
                p.drawText(QRectF(2 * PAD_PX + swatch, y, self.width(), line),
                           Qt.AlignmentFlag.AlignVCenter, row.name)
            y += line
        p.end()


def entry_colour(entry: LegendEntry) -> QColor:
    """The swatch colour: the entry's RGB, opaque; a faint line keeps its faintness."""
    r, g, b, a = entry.colour
    return QColor.fromRgbF(r, g, b, max(a, 0.35) if entry.shape == "faint_line" else 1.0)


def draw_swatch(p: QPainter, entry: LegendEntry, box: QRectF, scale: float) -> None:
    """The entry's shape in its colour, inside ``box``."""
    colour = entry_colour(entry)
    cy, cx = box.center().y(), box.center().x()
    if entry.shape in ("line", "faint_line"):
        p.setPen(QPen(colour, max(2.0, 3.0 * scale) if entry.shape == "line" else 2.0 * scale))
        p.drawLine(QPointF(box.left(), cy), QPointF(box.right(), cy))
    elif entry.shape == "tick":
        p.setPen(QPen(colour, max(2.0, 2.0 * scale)))
        p.drawLine(QPointF(cx, box.top()), QPointF(cx, box.bottom()))
    elif entry.shape == "triangle":
        s = box.height() / 2
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawPolygon(QPolygonF([QPointF(cx - s, cy - s * 0.8), QPointF(cx + s, cy - s * 0.8),
                                 QPointF(cx, cy + s * 0.8)]))
    elif entry.shape == "arrow":
        s = box.height() / 2
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawPolygon(QPolygonF([QPointF(cx + s, cy), QPointF(cx - s * 0.6, cy - s),
                                 QPointF(cx - s * 0.6, cy + s)]))
    else:  # disc
        s = box.height() / 2
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawEllipse(QPointF(cx, cy), s, s)
