"""The View menu's check marks follow the settings, whoever changes them (a tour, a bookmark).

The menu's layer toggles set a setting when clicked; a tour step or a bookmark sets the
settings directly, and without this the check marks would go stale. Each toggle is found by
its key (the keys are part of the program's documented interface, see the keys help).
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtGui import QAction, QKeySequence
from PyQt6.QtWidgets import QMainWindow

# Settings field -> the key of its View menu toggle.
TOGGLE_KEYS = {
    "show_labels": "Shift+L", "show_trail": "T", "show_moon_orbits": "O", "show_junocam": "J",
    "show_features": "F", "show_field_lines": "M", "show_aurorae": "U", "show_io_torus": "P",
    "show_radiation_belts": "V", "show_legend": "L", "show_moon_shadows": "Shift+H",
    "show_interior": "X", "show_rings": "G", "rings_enhanced": "Shift+G",
    "lit_for_teaching": "K",
}
STARS_KEY = "B"  # checked: the starry background
SCALE_KEY = "E"  # checked: enlarged


def _action_for(window: QMainWindow, key: str) -> QAction | None:
    wanted = QKeySequence(key)
    for action in window.findChildren(QAction):
        if action.isCheckable() and action.shortcut() == wanted:
            return action
    return None


def _check(action: QAction, on: bool) -> None:
    if action.isChecked() != on:
        action.blockSignals(True)
        action.setChecked(on)
        action.blockSignals(False)


def _checker(action: QAction, test: Callable[[object], bool]) -> Callable[[object], None]:
    # one positional parameter: psygnal passes (value) only, never the old value
    def slot(value: object) -> None:
        _check(action, test(value))
    return slot


def follow_settings(window: QMainWindow, settings: object) -> None:
    """Keep the View menu's toggles checked as ``settings`` say."""
    events = getattr(settings, "events")  # noqa: B009 - psygnal's evented group
    for name, key in TOGGLE_KEYS.items():
        action = _action_for(window, key)
        signal = getattr(events, name, None)
        if action is not None and signal is not None:
            signal.connect(_checker(action, bool))
    stars = _action_for(window, STARS_KEY)
    if stars is not None:
        events.background.connect(_checker(stars, lambda v: v == "stars"))
    scale = _action_for(window, SCALE_KEY)
    if scale is not None:
        events.scale_mode.connect(_checker(scale, lambda v: v == "enlarged"))
