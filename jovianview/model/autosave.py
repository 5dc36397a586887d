"""Save the settings shortly after they change (debounced), not only on a clean close.

:class:`SettingsAutosave` listens to every field of a :class:`Settings` and remembers that a
save is pending. It owns no timer: on each change it emits :attr:`~SettingsAutosave.save_due`
with the delay, and the GUI (``qt/autosave.py``) restarts a single-shot ``QTimer`` that calls
:meth:`~SettingsAutosave.flush`, so a burst of changes is one write. Without a GUI,
:meth:`~SettingsAutosave.poll` saves once the delay has passed since the last change.
Failures never raise: the message goes to :attr:`~SettingsAutosave.failed`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from psygnal import Signal

from jovianview.model.settings import Settings, SettingsStore

DEFAULT_DELAY_S = 1.0


class SettingsAutosave:
    """Debounced, atomic saving of ``settings`` through ``store``.

    Signals: ``save_due(float)`` (seconds until a pending save should run), ``failed(str)``.
    """

    save_due = Signal(float)
    failed = Signal(str)

    def __init__(self, settings: Settings, store: SettingsStore,
                 delay_s: float = DEFAULT_DELAY_S,
                 wall: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self.store = store
        self.delay_s = float(delay_s)
        self._wall = wall
        self._changed_at: float | None = None
        self.saves = 0
        settings.events.connect(self._on_change)

    @property
    def pending(self) -> bool:
        """True when the settings changed since the last save."""
        return self._changed_at is not None

    def _on_change(self, *_: Any) -> None:
        self._changed_at = self._wall()
        self.save_due.emit(self.delay_s)

    def poll(self) -> bool:
        """Save if a change is pending and :attr:`delay_s` has passed since the last one."""
        if self._changed_at is None or self._wall() - self._changed_at < self.delay_s:
            return False
        return self.flush()

    def flush(self, force: bool = False) -> bool:
        """Save now if anything is pending (or with ``force``); True when a save was written."""
        if self._changed_at is None and not force:
            return False
        try:
            self.store.save(self.settings)
        except (OSError, ValueError) as exc:
            self.failed.emit(f"could not save settings to {self.store.path}: {exc}")
            return False
        self._changed_at = None
        self.saves += 1
        return True

    def close(self) -> None:
        """Stop listening to the settings (a pending change is not saved: flush first)."""
        self.settings.events.disconnect(self._on_change)
