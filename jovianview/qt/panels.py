"""Dock panels: the readouts, and the list of bodies and views to centre on."""

from __future__ import annotations

from PyQt6.QtCore import QSize, Qt, pyqtSignal
from PyQt6.QtGui import QFont, QFontDatabase
from PyQt6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from jovianview.model.camera import PRESET_TITLES
from jovianview.model.readouts import Row


class ReadoutPanel(QWidget):
    """Readout rows under section headings; the grid is rebuilt only when the rows change.

    Values are in a fixed-width font so digits do not jiggle while time runs; each row's
    tooltip explains the quantity (or, for an absent Juno, why it is absent).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(8, 6, 8, 6)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(3)
        self.grid.setColumnStretch(1, 1)
        self.rows: dict[str, QLabel] = {}  # row label -> value widget
        self._labels: dict[str, QLabel] = {}
        self._layout_key: tuple[tuple[str, str], ...] = ()
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self._plain = QFont(self.font())
        self._base_points = self.font().pointSizeF()
        self._mono_points = self._mono.pointSizeF()
        self._rows: list[Row] = []

    def set_text_scale(self, scale: float) -> None:
        """Scale the panel's text (1.0: the desktop's font size)."""
        font = QFont(self.font())
        font.setPointSizeF(self._base_points * scale)
        self.setFont(font)
        self._plain = QFont(font)
        self._bold = QFont(font)
        self._bold.setBold(True)
        self._mono.setPointSizeF(self._mono_points * scale)
        self._layout_key = ()  # rebuild with the new fonts
        if self._rows:
            self.show_rows(self._rows)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """340 px wide, as tall as the rows need."""
        return QSize(340, super().sizeHint().height())

    def show_rows(self, rows: list[Row]) -> None:
        """Show ``rows``; the grid is rebuilt only when the sections or labels change."""
        self._rows = rows
        key = tuple((r.section, r.label) for r in rows)
        if key != self._layout_key:
            self._rebuild(rows)
            self._layout_key = key
        for r in rows:
            value = self.rows[r.label]
            if value.text() != r.value:
                value.setText(r.value)
            if value.toolTip() != r.tip:
                value.setToolTip(r.tip)
                self._labels[r.label].setToolTip(r.tip)

    def _rebuild(self, rows: list[Row]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows, self._labels = {}, {}
        line, section = 0, None
        for r in rows:
            if r.section != section:
                heading = QLabel(r.section)
                heading.setFont(self._bold)
                if line:
                    heading.setContentsMargins(0, 6, 0, 0)
                self.grid.addWidget(heading, line, 0, 1, 2)
                line, section = line + 1, r.section
            label = QLabel(r.label)
            label.setFont(self._plain)  # explicit: a window style sheet would reset it
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            value = QLabel()
            value.setFont(self._mono)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.grid.addWidget(label, line, 0)
            self.grid.addWidget(value, line, 1)
            self.rows[r.label], self._labels[r.label] = value, label
            line += 1
        self.grid.setRowStretch(line, 1)


class ViewList(QListWidget):
    """Click a body or view to centre the camera on it."""

    chosen = pyqtSignal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for key, title in PRESET_TITLES.items():
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.addItem(item)
        self.itemActivated.connect(lambda item: self.chosen.emit(item.data(256)))
        self.itemClicked.connect(lambda item: self.chosen.emit(item.data(256)))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Tall enough for every entry, no more: the readouts get the rest of the side."""
        rows = sum(self.sizeHintForRow(i) for i in range(self.count()))
        return QSize(240, rows + 2 * self.frameWidth() + 4)


def scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: at large text sizes on a small screen the
    readouts scroll instead of forcing the window taller than the screen."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area
