"""The window's settings autosave: a single-shot QTimer restarted on every change."""

from __future__ import annotations

from PyQt6.QtCore import QObject, QTimer

from jovianview.model.autosave import SettingsAutosave
from jovianview.model.settings import Settings, SettingsStore


class QtAutosave(QObject):
    """Drives :class:`SettingsAutosave` with a debouncing timer owned by ``parent``."""

    def __init__(self, settings: Settings, store: SettingsStore, parent: QObject,
                 delay_s: float = 1.0) -> None:
        super().__init__(parent)
        self.saver = SettingsAutosave(settings, store, delay_s)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.saver.flush)
        self.saver.save_due.connect(self._restart)

    def _restart(self, delay_s: float) -> None:
        self.timer.start(int(delay_s * 1000))

    def flush(self, force: bool = False) -> bool:
        """Save now if a change is pending, or in any case with ``force`` (on close)."""
        self.timer.stop()
        return self.saver.flush(force)

    def close(self) -> None:
        """Save what is pending and stop listening (before the window goes)."""
        self.flush()
        self.saver.save_due.disconnect(self._restart)
        self.saver.close()
