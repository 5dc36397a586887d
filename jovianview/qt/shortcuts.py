"""Keys that work wherever the focus is in the main window, except while typing.

Qt gives a key to the focused widget first: after a click on a button Space presses that
button again, the rate box takes Up/Down, the list of views takes the arrows and letters,
and the canvas's own keys (A/D/W/S, +/-) worked only while the canvas had the focus. A
:class:`KeyRouter` on the application sees each key before any widget does. Unless the
focus is a text field (the UTC field: there every key types), a key bound to one of the
window's actions, or to a camera step, runs that and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PyQt6.QtGui import QAction, QKeyEvent, QKeySequence
from PyQt6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QKeySequenceEdit,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from jovianview.model.camera import CameraModel

ORBIT_STEP_DEG = 5.0
PAN_STEP = 0.05  # of the view's height
ZOOM_IN, ZOOM_OUT = 0.8, 1.25
_MODIFIERS = (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
              | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier)


def camera_keys(camera: CameraModel) -> dict[str, Callable[[], None]]:
    """A/D/W/S orbit, Shift+A/D/W/S pan, +/- zoom: key sequence text -> camera step."""
    keys: dict[str, Callable[[], None]] = {}

    def orbit(sx: int, sy: int) -> Callable[[], None]:
        return lambda: camera.orbit(sx * ORBIT_STEP_DEG, sy * ORBIT_STEP_DEG)

    def pan(sx: int, sy: int) -> Callable[[], None]:
        return lambda: camera.pan_by(-sx * PAN_STEP, sy * PAN_STEP)

    for key, (sx, sy) in {"A": (-1, 0), "D": (1, 0), "W": (0, 1), "S": (0, -1)}.items():
        keys[key] = orbit(sx, sy)
        keys[f"Shift+{key}"] = pan(sx, sy)
    for key in ("+", "=", "Shift++", "Shift+="):
        keys[key] = lambda: camera.zoom(ZOOM_IN)
    for key in ("-", "_", "Shift+_"):
        keys[key] = lambda: camera.zoom(ZOOM_OUT)
    return keys


def is_typing(widget: QWidget | None) -> bool:
    """True for a widget where keys type text (an editable line, text box, spin box...)."""
    if widget is None:
        return False
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, QAbstractSpinBox | QKeySequenceEdit)


def _combined(key: int, modifiers: Qt.KeyboardModifier) -> int:
    return QKeyCombination(modifiers & _MODIFIERS, Qt.Key(key)).toCombined()


class KeyRouter(QObject):
    """Runs the window's key bindings whatever widget of the window has the focus.

    Parameters
    ----------
    window
        The main window; only keys for widgets in it (not its dialogs or open menus) are
        routed.
    extra
        Bindings without a menu action (the camera steps): key sequence text -> callable.
    on_error
        Receives the message of an exception a binding raised (no exception leaves a slot).
    """

    def __init__(self, window: QMainWindow, extra: dict[str, Callable[[], None]],
                 on_error: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window = window
        self.extra = extra
        self.on_error = on_error
        self._bindings: dict[int, Callable[[], None]] = {}
        self._override: dict[int, Callable[[], None]] = {}  # see set_override

    def set_override(self, keys: dict[str, Callable[[], None]] | None) -> None:
        """Bindings that win over all others while set (a tour playing: Space, arrows,
        PageUp/PageDown, Esc act on the tour); None gives the keys back to the window."""
        table: dict[int, Callable[[], None]] = {}
        for text, call in (keys or {}).items():
            seq = QKeySequence(text)
            if seq.count() == 1:
                table[seq[0].toCombined()] = call
        self._override = table

    def rebuild(self) -> None:
        """Collect the bindings: every shortcut of the window's actions, then ``extra``."""
        table: dict[int, Callable[[], None]] = {}
        for action in self.window.findChildren(QAction):
            for seq in action.shortcuts():
                if seq.count() == 1:
                    table[seq[0].toCombined()] = action.trigger
        for text, call in self.extra.items():
            seq = QKeySequence(text)
            if seq.count() == 1:
                table.setdefault(seq[0].toCombined(), call)
        self._bindings = table

    def binding(self, event: QKeyEvent) -> Callable[[], None] | None:
        """What the key of ``event`` is bound to (None: not a window key)."""
        if not self._bindings:
            self.rebuild()
        mods = event.modifiers()
        call = self._override.get(_combined(event.key(), mods))
        if call is not None:
            return call
        call = self._bindings.get(_combined(event.key(), mods))
        if call is None and mods & Qt.KeyboardModifier.ShiftModifier:
            # "+" and "[" need Shift on many layouts: the key as typed also counts
            call = self._bindings.get(
                _combined(event.key(), mods & ~Qt.KeyboardModifier.ShiftModifier))
        return call

    def _routes(self, obj: QObject) -> bool:
        if not isinstance(obj, QWidget) or isinstance(obj, QMenu):
            return False
        if obj.window() is not self.window:
            return False
        return not is_typing(QApplication.focusWidget())

    def eventFilter(self, obj: QObject | None, event: QEvent | None) -> bool:  # noqa: N802
        """Run the binding of a key pressed in the window; True when it was consumed."""
        if obj is None or event is None:
            return False
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not self._routes(obj):
            return False
        if not isinstance(event, QKeyEvent):
            return False
        call = self.binding(event)
        if call is None:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            # claim the key: Qt then sends it as a KeyPress (below) instead of matching a
            # shortcut, so each key runs once, here, whichever widget has the focus
            event.accept()
            return True
        try:
            call()
        except Exception as exc:  # noqa: BLE001 - no exception escapes a key handler
            self.on_error(f"that key failed: {exc}")
        return True


def install_key_router(window: QMainWindow, camera: CameraModel,
                       on_error: Callable[[str], None]) -> KeyRouter:
    """A :class:`KeyRouter` for ``window`` on the running application; returns it."""
    router = KeyRouter(window, camera_keys(camera), on_error)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(router)
    return router
