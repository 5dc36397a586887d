"""The time controls: play/pause, rate, reverse, perijove jumps, a UTC field, "now", and
the mission timeline. Widgets only; every action goes to the window's clock methods."""

from __future__ import annotations

from PyQt6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from jovianview.model.clock import RATE_STEPS
from jovianview.model.rates import RATE_NAMES
from jovianview.qt.detail_timeline import DetailTimeline
from jovianview.qt.timeline import TimelineWidget


class TimeBar(QWidget):
    """The time controls: play, direction, jumps, rate, the UTC field and both strips."""

    def __init__(self, timeline: TimelineWidget, detail: DetailTimeline,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline = timeline
        self.detail = detail
        row = QHBoxLayout()
        row.setContentsMargins(4, 2, 4, 2)

        def button(text: str, tip: str) -> QPushButton:
            b = QPushButton(text)
            b.setToolTip(tip)
            b.setMaximumWidth(72)
            row.addWidget(b)
            return b

        self.start_button = button("|<", "Start of the data (Home)")
        self.prev_button = button("<< PJ", "Previous perijove ([)")
        self.prev_event_button = button("< event", "Previous event: perijove, flyby or "
                                        "milestone (,)")
        self.reverse_button = button("Reverse", "Reverse the direction of time (R)")
        self.play_button = button("Play", "Play or pause (Space)")
        self.next_event_button = button("event >", "Next event: perijove, flyby or "
                                        "milestone (.)")
        self.next_button = button("PJ >>", "Next perijove (])")
        self.end_button = button(">|", "End of the data (End)")
        self.rate_box = QComboBox()
        for rate in RATE_STEPS:
            self.rate_box.addItem(RATE_NAMES[rate], rate)
        self.rate_box.setToolTip("Playback rate (Up/Down); negative when reversed")
        row.addWidget(self.rate_box)
        self.utc_field = QLineEdit()
        self.utc_field.setPlaceholderText("UTC, e.g. 2022-09-29T09:36:28")
        self.utc_field.setToolTip("Type a UTC date-time and press Enter to jump there")
        self.utc_field.setMinimumWidth(190)
        row.addWidget(self.utc_field, 1)
        self.now_button = button("Now", "Jump to the present moment (N)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(row)
        layout.addWidget(timeline)
        layout.addWidget(detail)

    def show_rate(self, rate: float, playing: bool) -> None:
        """Show the clock's rate and direction, and Play or Pause, on the controls."""
        index = self.rate_box.findData(abs(rate))
        if index >= 0 and index != self.rate_box.currentIndex():
            self.rate_box.blockSignals(True)
            self.rate_box.setCurrentIndex(index)
            self.rate_box.blockSignals(False)
        # the button names what it does: run time the other way
        self.reverse_button.setText("Forward" if rate < 0 else "Reverse")
        self.reverse_button.setToolTip(
            "Time runs backwards; press to run it forwards (R)" if rate < 0 else
            "Time runs forwards; press to run it backwards (R)")
        self.play_button.setText("Pause" if playing else "Play")

    def set_slim(self, slim: bool) -> None:
        """Presentation mode's slim bar: play, direction, events, rate, the time, the
        mission timeline; the detail strip and the rarer buttons hidden."""
        for widget in (self.start_button, self.prev_button, self.next_button,
                       self.end_button, self.now_button, self.detail):
            widget.setVisible(not slim)
        for b in (self.prev_event_button, self.reverse_button, self.play_button,
                  self.next_event_button):
            b.setMaximumWidth(16777215 if slim else 72)  # larger text in presentation
