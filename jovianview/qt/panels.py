"""Dock panels: the readouts, and the list of bodies and views to centre on."""

from __future__ import annotations

from PyQt6.QtCore import pyqtSignal
from PyQt6.QtGui import QFont
from PyQt6.QtWidgets import QFormLayout, QLabel, QListWidget, QListWidgetItem, QWidget

from jovianview.model.camera import PRESET_TITLES


class ReadoutPanel(QWidget):
    """Label/value rows, rebuilt only when the set of labels changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.rows: dict[str, QLabel] = {}
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        self._font = mono
        self.setMinimumWidth(300)

    def show_rows(self, rows: list[tuple[str, str]]) -> None:
        names = [name for name, _ in rows]
        if names != list(self.rows):
            while self.form.rowCount():
                self.form.removeRow(0)
            self.rows = {}
            for name in names:
                value = QLabel()
                value.setFont(self._font)
                value.setWordWrap(True)
                self.form.addRow(name, value)
                self.rows[name] = value
        for name, text in rows:
            if self.rows[name].text() != text:
                self.rows[name].setText(text)


class ViewList(QListWidget):
    """Click a body or view to centre the camera on it."""

    chosen = pyqtSignal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for key, title in PRESET_TITLES.items():
            item = QListWidgetItem(title)
            item.setData(256, key)  # Qt.ItemDataRole.UserRole
            self.addItem(item)
        self.itemActivated.connect(lambda item: self.chosen.emit(item.data(256)))
        self.itemClicked.connect(lambda item: self.chosen.emit(item.data(256)))
