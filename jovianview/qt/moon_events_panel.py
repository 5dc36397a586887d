"""Dock panel: the next transits, shadows, eclipses and occultations, each with a "Go to".

Lists what :class:`jovianview.model.upcoming_events.UpcomingEvents` finds after the clock's
time, in UTC or the computer's time zone, and holds the view from Earth's choices: the
telescope's image orientation and its field (a magnification).
"""

from __future__ import annotations

from collections.abc import Sequence

from PyQt6.QtCore import pyqtSignal
from PyQt6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jovianview.model.settings import Settings
from jovianview.model.upcoming_events import UpcomingEvents, describe, format_time

IMAGES = (("north_up", "North up (binoculars, eye)"), ("inverted", "Inverted (Newtonian)"),
          ("mirrored", "Mirror image (star diagonal)"))
FIELDS = ((0.0, "The four moons"), (30.0, "30' (about 60x)"), (10.0, "10' (about 150x)"),
          (4.0, "4' (about 300x)"), (2.0, "2'"), (1.0, "1'"))
ZONES = (("utc", "UTC"), ("local", "Local time"))
ROWS = 10


class MoonEventsPanel(QWidget):
    """The next events and the telescope's settings.

    Signals
    -------
    go_to(float)
        TDB of the event whose button was pressed.
    telescope_changed()
        The field or orientation changed (the window re-frames the view from Earth).
    """

    go_to = pyqtSignal(float)
    telescope_changed = pyqtSignal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.upcoming = UpcomingEvents()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.image_box = self._combo(IMAGES, settings.telescope_image)
        self.field_box = self._combo(FIELDS, settings.earth_fov_arcmin)
        self.zone_box = self._combo(ZONES, settings.event_time_zone)
        form.addRow("Telescope image", self.image_box)
        form.addRow("Field of view", self.field_box)
        form.addRow("Times in", self.zone_box)
        layout.addLayout(form)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.rows: list[tuple[QLabel, QPushButton]] = []
        for _ in range(ROWS):
            line = QHBoxLayout()
            label = QLabel()
            button = QPushButton("Go to")
            button.setToolTip("Set the clock to this moment and look from Earth")
            button.clicked.connect(lambda _=False, b=button: self._go(b))
            line.addWidget(label, 1)
            line.addWidget(button)
            layout.addLayout(line)
            self.rows.append((label, button))
        layout.addStretch(1)
        self._shown: tuple = ()
        # a change made elsewhere (a test, a script) shows here too; psygnal's @evented adds it
        ev = settings.events
        ev.telescope_image.connect(lambda v: self._select(self.image_box, v))
        ev.earth_fov_arcmin.connect(lambda v: self._select(self.field_box, v))
        ev.event_time_zone.connect(lambda v: self._select(self.zone_box, v))
        self.image_box.activated.connect(lambda _: self._set("telescope_image", self.image_box))
        self.field_box.activated.connect(lambda _: self._set("earth_fov_arcmin", self.field_box))
        self.zone_box.activated.connect(lambda _: self._set("event_time_zone", self.zone_box))

    @staticmethod
    def _combo(choices: Sequence[tuple[object, str]], current: object) -> QComboBox:
        box = QComboBox()
        for value, title in choices:
            box.addItem(title, value)
        index = max(0, [v for v, _ in choices].index(current) if current in
                    [v for v, _ in choices] else 0)
        box.setCurrentIndex(index)
        return box

    @staticmethod
    def _select(box: QComboBox, value: object) -> None:  # any setting's value
        index = box.findData(value)
        if index >= 0 and index != box.currentIndex():
            box.setCurrentIndex(index)

    def _set(self, name: str, box: QComboBox) -> None:
        setattr(self.settings, name, box.currentData())
        self._shown = ()
        if name != "event_time_zone":
            self.telescope_changed.emit()

    def _go(self, button: QPushButton) -> None:
        tdb = button.property("tdb")
        if tdb is not None:
            self.go_to.emit(float(tdb))

    def update_for(self, tdb: float) -> None:
        """Show the events after ``tdb`` (cheap unless the list changes)."""
        events = self.upcoming.next(tdb, ROWS)
        key = (tuple((e.tdb, e.event, e.moon) for e in events), self.settings.event_time_zone)
        if key == self._shown:
            return
        self._shown = key
        self.note.setText(self.upcoming.problem or ("" if events else "No events in the "
                                                    "next days"))
        zone = self.settings.event_time_zone
        for i, (label, button) in enumerate(self.rows):
            if i < len(events):
                e = events[i]
                label.setText(f"{format_time(e.tdb, zone)}\n{describe(e)}")
                label.setToolTip(e.detail)
                button.setProperty("tdb", e.tdb)
                button.setVisible(True)
            else:
                label.setText("")
                button.setProperty("tdb", None)
                button.setVisible(False)
