"""The tour recorder: steps added from the window (Ctrl+T), edited, reordered, saved as TOML.

A small panel: the list of steps (each the moment and view it was recorded at), a caption
title and text (bold with ``**``, italics with ``*``), the step's seconds, fly or cut, wait
for Next; buttons to move a step up or down, delete it, play the recording and save it.
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtCore import pyqtSignal
from PyQt6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jovianview.core.timescale import tdb_to_iso
from jovianview.model.camera import PRESET_TITLES
from jovianview.model.tour import Tour
from jovianview.model.tour_record import RecordedStep, save_tour
from jovianview.model.view_state import ViewState, rate_text
from jovianview.qt.guard import guarded


def step_label(i: int, step: RecordedStep) -> str:
    """One line for the list: number, moment, view and caption title."""
    s = step.state
    view = (PRESET_TITLES.get(s.view_name or "", s.view_name or "") if s.view is None
            else f"{s.view.target.capitalize()} at {s.view.distance:.3g} RJ")
    title = f": {step.title}" if step.title else ""
    return f"{i + 1}. {tdb_to_iso(s.tdb, 0)[:16]} UTC, {view}, {rate_text(s.rate)}{title}"


class TourRecorder(QWidget):
    """The recorder panel. ``play`` is emitted with the checked tour to play it."""

    play = pyqtSignal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps: list[RecordedStep] = []
        self.title_edit = QLineEdit("My tour")
        self.list = QListWidget()
        self.caption_title = QLineEdit()
        self.caption_title.setPlaceholderText("caption title")
        self.caption_text = QPlainTextEdit()
        self.caption_text.setPlaceholderText("caption text: **bold**, *italics*")
        self.caption_text.setMaximumHeight(90)
        self.seconds = QDoubleSpinBox()
        self.seconds.setRange(1.0, 600.0)
        self.seconds.setDecimals(0)
        self.seconds.setSuffix(" s")
        self.fly = QCheckBox("Fly there (else cut)")
        self.wait = QCheckBox("Wait for Next at the end")
        self.up, self.down = QPushButton("Up"), QPushButton("Down")
        self.delete, self.play_button = QPushButton("Delete"), QPushButton("Play")
        self.save_button = QPushButton("Save...")
        self.ask_path: Callable[[], str] = lambda: ""  # the window sets a file dialog
        self.on_message: Callable[[str], None] = lambda _m: None

        form = QFormLayout()
        form.addRow("Tour title", self.title_edit)
        form.addRow("Caption", self.caption_title)
        form.addRow("", self.caption_text)
        form.addRow("Lasts", self.seconds)
        form.addRow("", self.fly)
        form.addRow("", self.wait)
        buttons = QHBoxLayout()
        for b in (self.up, self.down, self.delete, self.play_button, self.save_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(form)
        layout.addLayout(buttons)

        self.list.currentRowChanged.connect(guarded(self._show_step))
        self.caption_title.textEdited.connect(guarded(lambda _t: self._edit()))
        self.caption_text.textChanged.connect(guarded(self._edit))
        self.seconds.valueChanged.connect(guarded(lambda _v: self._edit()))
        self.fly.toggled.connect(guarded(lambda _v: self._edit()))
        self.wait.toggled.connect(guarded(lambda _v: self._edit()))
        self.up.clicked.connect(guarded(lambda: self.move_step(-1)))
        self.down.clicked.connect(guarded(lambda: self.move_step(1)))
        self.delete.clicked.connect(guarded(self.delete_current))
        self.play_button.clicked.connect(guarded(self._play))
        self.save_button.clicked.connect(guarded(self._save_clicked))
        self._loading = False
        self._show_step(-1)

    # ---------------------------------------------------------------- steps
    def add(self, state: ViewState) -> None:
        """Append a step recorded from ``state`` and select it for editing."""
        self.steps.append(RecordedStep(state=state))
        self._refill(len(self.steps) - 1)

    def move_step(self, direction: int) -> None:
        """Move the selected step up (-1) or down (+1)."""
        i = self.list.currentRow()
        j = i + direction
        if 0 <= i < len(self.steps) and 0 <= j < len(self.steps):
            self.steps[i], self.steps[j] = self.steps[j], self.steps[i]
            self._refill(j)

    def delete_current(self) -> None:
        """Delete the selected step."""
        i = self.list.currentRow()
        if 0 <= i < len(self.steps):
            del self.steps[i]
            self._refill(min(i, len(self.steps) - 1))

    def save_to(self, path: str) -> Tour:
        """Check and write the recording to ``path`` (TourError / DataFileError if not)."""
        return save_tour(path, self.title_edit.text(), "", self.steps)

    def tour(self) -> Tour:
        """The recording as a checked tour (TourError when it does not check)."""
        from jovianview.model.tour import TourError, parse_tour
        from jovianview.model.tour_record import tour_toml

        tour, problems = parse_tour(tour_toml(self.title_edit.text(), "", self.steps))
        if problems or tour is None:
            raise TourError("the recording", problems)
        return tour

    # ---------------------------------------------------------------- internals
    def _refill(self, select: int) -> None:
        self._loading = True
        self.list.clear()
        for i, step in enumerate(self.steps):
            self.list.addItem(step_label(i, step))
        self._loading = False
        self.list.setCurrentRow(select)
        self._show_step(select)

    def _show_step(self, i: int) -> None:
        has = 0 <= i < len(self.steps)
        for w in (self.caption_title, self.caption_text, self.seconds, self.fly, self.wait,
                  self.up, self.down, self.delete):
            w.setEnabled(has)
        self.play_button.setEnabled(bool(self.steps))
        self.save_button.setEnabled(bool(self.steps))
        if not has:
            return
        step = self.steps[i]
        self._loading = True
        self.caption_title.setText(step.title)
        self.caption_text.setPlainText(step.text)
        self.seconds.setValue(step.seconds)
        self.fly.setChecked(step.fly)
        self.wait.setChecked(step.wait)
        self._loading = False

    def _edit(self) -> None:
        i = self.list.currentRow()
        if self._loading or not 0 <= i < len(self.steps):
            return
        step = self.steps[i]
        step.title = self.caption_title.text()
        step.text = self.caption_text.toPlainText()
        step.seconds = float(self.seconds.value())
        step.fly = self.fly.isChecked()
        step.wait = self.wait.isChecked()
        item = self.list.item(i)
        if item is not None:
            item.setText(step_label(i, step))

    def _play(self) -> None:
        self.play.emit(self.tour())

    def _save_clicked(self) -> None:
        path = self.ask_path()
        if path:
            tour = self.save_to(path)
            self.on_message(f"saved {path}: {tour.summary()}")
