"""View > Quality: the levels that trade picture for speed on software OpenGL.

Each entry is a radio group bound to one :class:`~jovianview.model.settings.Settings` field,
so a choice is saved with the settings and the menu follows a change made elsewhere (a
settings reset, a tour). The defaults keep 30 fps at 1280x720 on llvmpipe with two threads.
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtGui import QAction, QActionGroup
from PyQt6.QtWidgets import QMenu, QWidget

from jovianview.model.settings import Settings
from jovianview.qt.guard import guarded

# Settings field -> menu title and the title of each level (what it draws, plainly).
QUALITY_ENTRIES: dict[str, tuple[str, dict[str, str]]] = {
    "shadow_quality": ("&Shadows and eclipses", {
        "off": "Off (no shadows, no eclipses)",
        "normal": "Normal (moon shadows on Jupiter, eclipses by Jupiter)",
        "high": "High (also moon-on-moon shadows)",
    }),
    "ring_quality": ("&Rings", {
        "off": "Off (never drawn)",
        "normal": "Normal",
        "high": "High (finer radial profile)",
    }),
    "map_quality": ("&Map filtering", {
        "off": "Trilinear only (fastest)",
        "normal": "Normal (anisotropic on graphics hardware, trilinear in software)",
        "high": "High (anisotropic everywhere; slow in software OpenGL)",
    }),
}


def add_quality_menu(parent: QMenu, settings: Settings, owner: QWidget) -> QMenu:
    """Add the Quality submenu to ``parent``; its actions belong to ``owner``."""
    menu = parent.addMenu("&Quality (for slow computers)")
    assert menu is not None  # Qt's addMenu(title) always returns one
    for field, (title, levels) in QUALITY_ENTRIES.items():
        sub = menu.addMenu(title)
        assert sub is not None
        group = QActionGroup(owner)
        actions: dict[str, QAction] = {}
        for level, text in levels.items():
            act = QAction(text, owner)
            act.setCheckable(True)
            act.setChecked(getattr(settings, field) == level)
            act.toggled.connect(guarded(
                lambda on, f=field, v=level: setattr(settings, f, v) if on else None))
            group.addAction(act)
            sub.addAction(act)
            actions[level] = act
        getattr(settings.events, field).connect(_follower(actions))
    return menu


def _follower(actions: dict[str, QAction]) -> Callable[[str], None]:
    """A slot that checks the action of a new value (a change made outside the menu)."""

    def check(value: str) -> None:
        act = actions.get(value)
        if act is not None and not act.isChecked():
            act.setChecked(True)

    return check
