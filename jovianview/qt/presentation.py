"""For a projector: full screen, presentation mode, text size, high contrast, the legend.

- **F11** full screen. **F5** (or ``jovianview --present``) presentation mode: full screen,
  no menus or side panels, a slim time bar (**H** hides it too) and a large caption line
  over the scene: the time, the nearest event, and what the picture's sizes mean. **Esc**
  leaves it (or full screen).
- **Text size** (View menu, 100-300 %) scales the labels in the 3D view, the timelines, the
  readouts, the caption and the legend together; remembered in the settings. Unset, it
  follows the screen's DPI (96 dpi: 100 %).
- **High contrast**: white on black, no grey text. **F9** folds the side panels away.
- **L** the legend (:mod:`jovianview.qt.legend`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PyQt6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PyQt6.QtGui import QAction, QActionGroup, QKeySequence
from PyQt6.QtWidgets import QLabel, QMainWindow, QMenu, QWidget

from jovianview.model import readouts
from jovianview.qt.legend import LegendOverlay

if TYPE_CHECKING:
    from jovianview.qt.main_window import MainWindow

TEXT_SIZES = (100, 125, 150, 200, 250, 300)
MIN_SCALE, MAX_SCALE = 1.0, 3.0
CAPTION_POINTS = 13.0  # the caption's main line at text size 100 %
WHITE = (1.0, 1.0, 1.0, 1.0)
PRESENT_SHEET = """
QWidget { background-color: #101418; color: #e8ecf0; font-size: %(points).1fpt; }
QPushButton { border: 1px solid #56606a; padding: 2px 6px; }
QComboBox, QLineEdit { border: 1px solid #56606a; }
"""
HIGH_CONTRAST_SHEET = """
QMainWindow, QWidget { background-color: #000000; color: #ffffff; }
QPushButton { border: 1px solid #ffffff; padding: 2px 6px; }
QPushButton:pressed { background-color: #ffffff; color: #000000; }
QComboBox, QLineEdit, QListWidget { border: 1px solid #ffffff; }
QMenuBar::item:selected, QMenu::item:selected, QListWidget::item:selected {
    background-color: #ffffff; color: #000000; }
QToolTip { background-color: #000000; color: #ffffff; border: 1px solid #ffffff; }
"""


def text_scale(percent: int, dpi: float) -> float:
    """The text scale for a "Text size" of ``percent`` (0: from the screen's ``dpi``)."""
    value = percent / 100.0 if percent else dpi / 96.0
    return min(max(value, MIN_SCALE), MAX_SCALE)


def friendly_duration(days: float) -> str:
    """A rounded, spoken duration: "12 min", "3 h 5 min", "4 days"."""
    minutes = abs(days) * 1440.0
    if minutes < 1.0:
        return "less than a minute"
    if minutes < 60.0:
        return f"{minutes:.0f} min"
    if minutes < 48 * 60.0:
        h, m = divmod(round(minutes), 60)
        return f"{h} h {m} min" if m else f"{h} h"
    return f"{abs(days):.0f} days"


def caption_lines(values: readouts.Readouts, banner: str) -> tuple[str, str]:
    """The caption: the time and the nearest event (before or after), then the banner."""
    when = values.utc[:16] + " UTC" if values.utc.endswith(" UTC") else values.utc
    before, after = values.previous_event, values.next_event
    near = None
    dt_before = values.tdb - before.tdb if before is not None else float("inf")
    dt_after = after.tdb - values.tdb if after is not None else float("inf")
    nearest = before if dt_before <= dt_after else after
    if nearest is not None and min(dt_before, dt_after) * 1440.0 < 1.0:
        near = f"{nearest.label} now"
    elif nearest is before and before is not None:
        near = f"{before.label} {friendly_duration(dt_before)} ago"
    elif after is not None:
        near = f"{after.label} in {friendly_duration(dt_after)}"
    main = f"{when}   \u2022   {near}" if near else when
    return main, "  \u2022  ".join(line for line in banner.split("\n") if line)


class Caption(QLabel):
    """The large caption line along the bottom of the scene (presentation mode)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("caption")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.scale = 1.0
        self.high_contrast = False
        self.lines = ("", "")
        self.on_height: Callable[[int], None] | None = None  # told the band's height
        self.hide()

    def set_style(self, scale: float, high_contrast: bool) -> None:
        """Text size (1.0 = the normal size) and contrast; the lines are set again."""
        self.scale, self.high_contrast = scale, high_contrast
        self.set_lines(*self.lines, force=True)

    def set_lines(self, main: str, sub: str, force: bool = False) -> None:
        """Show ``main`` large and ``sub`` below it (unchanged lines: nothing to do)."""
        if (main, sub) == self.lines and not force:
            return
        self.lines = (main, sub)
        big = CAPTION_POINTS * self.scale
        sub_colour = "#ffffff" if self.high_contrast else "#ffd966"
        back = "#000000" if self.high_contrast else "rgba(0, 0, 0, 170)"
        self.setStyleSheet(f"QLabel#caption {{ background-color: {back}; color: #ffffff; "
                           f"padding: {round(6 * self.scale)}px; }}")
        html = f"<div style='font-size:{big:.0f}pt'>{_escape(main)}</div>"
        if sub:
            html += (f"<div style='font-size:{big * 0.55:.0f}pt; color:{sub_colour}'>"
                     f"{_escape(sub)}</div>")
        self.setText(html)
        self._place()

    def place(self) -> None:
        """Along the bottom of the scene, as tall as its text (after a resize)."""
        self._place()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = parent.width()
        height = self.heightForWidth(width)
        self.setGeometry(0, parent.height() - height, width, height)
        if self.on_height is not None:
            self.on_height(height if self.isVisible() else 0)

def _present_sheet(points: float, high_contrast: bool) -> str:
    """The slim time bar's style: dark (unless high contrast sets white on black) and
    its text at ``points``."""
    if high_contrast:
        return f"QWidget {{ font-size: {points:.1f}pt; }}"
    return PRESENT_SHEET % {"points": points}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class _Saved:
    state: QByteArray
    full_screen: bool
    maximized: bool


class Presentation(QObject):
    """Full screen, presentation mode, text size, contrast and legend for ``window``.

    ``window`` is the main window (its ``settings``, ``docks``, ``time_bar``, ``timeline``,
    ``detail``, ``readout_panel``, ``canvas``, ``renderer``, ``scene_model`` and ``clock``).
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        self.active = False
        self._saved: _Saved | None = None
        scene = window.canvas.native
        self.caption = Caption(scene)
        self.caption.on_height = self._caption_height
        self.legend = LegendOverlay(self.settings, scene)
        # the overlays follow the scene's size (VisPy's resize event: no Qt event filter on
        # a widget that is torn down before them)
        window.canvas.events.resize.connect(self._on_scene_resize)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh_caption)
        self.actions: dict[str, QAction] = {}
        self._build_actions(_menu(window, "&View"))
        ev = self.settings.events  # psygnal's @evented: one signal per field
        ev.text_size.connect(lambda *_: self.apply_style())
        ev.high_contrast.connect(lambda *_: self.apply_style())
        for name in ("show_legend", "show_trail", "show_moon_orbits", "show_junocam",
                     "show_labels"):
            getattr(ev, name).connect(lambda *_: self.legend.follow_settings())
        window.installEventFilter(self)
        self.apply_style()

    # ---------------------------------------------------------------- menu and keys
    def _add(self, menu: QMenu | None, key: str, text: str, slot: Callable, shortcut: str | None,
             checkable: bool = False, checked: bool = False) -> QAction:
        act = QAction(text, self.window)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.setCheckable(checkable)
        if checkable:
            act.setChecked(checked)
            act.toggled.connect(slot)
        else:
            act.triggered.connect(lambda _=False: slot())
        if menu is not None:
            menu.addAction(act)
        self.window.addAction(act)  # keeps working while the menu bar is hidden
        self.actions[key] = act
        return act

    def _build_actions(self, view: QMenu | None) -> None:
        s = self.settings
        if view is not None:
            view.addSeparator()
        self._add(view, "legend", "Le&gend: what the lines and marks mean", self._set_legend,
                  "L", True, s.show_legend)
        self._add(view, "present", "&Presentation mode", self.set_presentation, "F5", True)
        self._add(view, "full", "&Full screen", self.set_full_screen, "F11", True)
        self._add(view, "leave", "Leave presentation / full screen", self.leave, "Esc")
        self._add(view, "time_bar", "Hide or show the time bar", self.toggle_time_bar, "H")
        self._add(view, "side", "Side &panels", self.set_side_panels, "F9", True, True)
        self._add(view, "contrast", "&High contrast (white on black)",
                  lambda v: setattr(s, "high_contrast", bool(v)), None, True, s.high_contrast)
        sizes = view.addMenu("Te&xt size") if view is not None else None
        group = QActionGroup(self)
        auto = self._add(sizes, "size_0", f"Automatic (this screen: {self._dpi_percent()} %)",
                         lambda v: _set_if(v, s, "text_size", 0), None, True,
                         s.text_size == 0)
        group.addAction(auto)
        for pct in TEXT_SIZES:
            act = self._add(sizes, f"size_{pct}", f"{pct} %",
                            lambda v, p=pct: _set_if(v, s, "text_size", p), None, True,
                            s.text_size == pct)
            group.addAction(act)

    def _set_legend(self, on: bool) -> None:
        self.settings.show_legend = bool(on)

    # ---------------------------------------------------------------- style
    def _dpi(self) -> float:
        screen = self.window.screen()
        return float(screen.logicalDotsPerInch()) if screen is not None else 96.0

    def _dpi_percent(self) -> int:
        return round(text_scale(0, self._dpi()) * 100)

    def scale(self) -> float:
        """The text scale in use (the setting, or the screen's DPI)."""
        return text_scale(int(self.settings.text_size), self._dpi())

    def apply_style(self) -> None:
        """Give every text on screen the current size and contrast."""
        w = self.window
        k, hc = self.scale(), bool(self.settings.high_contrast)
        labels = w.renderer.labels
        labels.set_text_scale(k)
        if hc:
            labels.set_colours(WHITE, WHITE)
        else:
            labels.set_colours(type(labels).LABEL_COLOUR, type(labels).NOTICE_COLOUR)
        w.timeline.set_style(k, hc)
        w.detail.set_style(k, hc)
        w.readout_panel.set_text_scale(k)
        self.caption.set_style(k, hc)
        self.legend.set_style(k, hc)
        w.setStyleSheet(HIGH_CONTRAST_SHEET if hc else "")
        w.canvas.update()

    # ---------------------------------------------------------------- modes
    def set_full_screen(self, on: bool) -> None:
        """Full screen on or off (presentation mode keeps it on)."""
        if on and not self.window.isFullScreen():
            self.window.showFullScreen()
        elif not on and self.window.isFullScreen() and not self.active:
            self.window.showNormal()
        _set_checked(self.actions["full"], self.window.isFullScreen() or on)

    def set_presentation(self, on: bool) -> None:
        """Enter (hide menus and panels, slim time bar, caption, full screen) or leave."""
        w = self.window
        if on == self.active:
            return
        if on:
            self._saved = _Saved(w.saveState(), w.isFullScreen(), w.isMaximized())
            self.active = True
            for key, dock in w.docks.items():
                dock.setVisible(key == "time")
            time_dock = w.docks.get("time")
            if time_dock is not None:  # no title bar: slimmer (an empty one, owned by Qt)
                time_dock.setTitleBarWidget(QWidget(time_dock))
            w.time_bar.set_slim(True)
            # the slim bar's buttons grow with the text (as far as 150 %: it must fit 1024 px)
            points = 9.0 * min(self.scale(), 1.5)
            w.time_bar.setStyleSheet(_present_sheet(points, bool(self.settings.high_contrast)))
            if time_dock is not None:  # as tall as the slim bar needs, no more
                self._fit_time_dock()
                QTimer.singleShot(0, self._fit_time_dock)  # again once the style applies
            _bars_visible(w, False)
            w.renderer.labels.show_notice = False  # the caption says it, larger
            self.caption.show()
            self.caption.raise_()
            self.refresh_caption()
            self.caption.place()
            self.timer.start(250)
            w.showFullScreen()
        else:
            self.active = False
            self.timer.stop()
            self.caption.hide()
            w.renderer.labels.bottom_inset = 0.0
            w.renderer.labels.show_notice = True
            w.time_bar.set_slim(False)
            w.time_bar.setStyleSheet("")
            time_dock = w.docks.get("time")
            if time_dock is not None and time_dock.titleBarWidget() is not None:
                empty = time_dock.titleBarWidget()
                time_dock.setTitleBarWidget(None)
                if empty is not None:
                    empty.deleteLater()
            _bars_visible(w, True)
            saved, self._saved = self._saved, None
            if saved is not None:
                w.restoreState(saved.state)
                if saved.maximized and not saved.full_screen:
                    w.showMaximized()
                elif not saved.full_screen:
                    w.showNormal()
        _set_checked(self.actions["present"], self.active)
        _set_checked(self.actions["full"], w.isFullScreen() or self.active)
        w.canvas.update()

    def _fit_time_dock(self) -> None:
        w = self.window
        dock = w.docks.get("time")
        if dock is None or not self.active:
            return
        for widget in [w.time_bar, *w.time_bar.findChildren(QWidget)]:
            widget.ensurePolished()
        layout = w.time_bar.layout()
        if layout is not None:
            layout.activate()
        w.resizeDocks([dock], [w.time_bar.minimumSizeHint().height()], Qt.Orientation.Vertical)

    def leave(self) -> None:
        """Esc: out of presentation mode, else out of full screen."""
        if self.active:
            self.set_presentation(False)
        elif self.window.isFullScreen():
            self.window.showNormal()
            _set_checked(self.actions["full"], False)

    def toggle_time_bar(self) -> None:
        """Hide the time bar, or show it again."""
        dock = self.window.docks.get("time")
        if dock is not None:
            dock.setVisible(dock.isHidden())

    def set_side_panels(self, on: bool) -> None:
        """Fold the side panels away (F9) or bring them back (all docks but the time bar)."""
        for key, dock in self.window.docks.items():
            if key != "time":
                dock.setVisible(bool(on))

    def _on_scene_resize(self, _event: object = None) -> None:
        self.caption.place()
        self.legend.relayout()

    def _caption_height(self, height: int) -> None:
        """Keep the scene's scale bar above the caption band (physical pixels)."""
        ratio = self.window.canvas.native.devicePixelRatioF()
        self.window.renderer.labels.bottom_inset = height * ratio

    def refresh_caption(self) -> None:
        """Set the caption from the current time, nearest event and banner."""
        w = self.window
        snap = w.scene_model.snapshot(w.clock.tdb())
        banner = w.renderer.notice(w.renderer.last) if w.renderer.last is not None else ""
        self.caption.set_lines(*caption_lines(readouts.compute(snap, readouts.GUI_M_SHELLS),
                                                 banner))

    def eventFilter(self, obj: QObject | None, event: QEvent | None) -> bool:  # noqa: N802
        """Watch the window's close; every event passes on (returns False)."""
        # closing in presentation mode: leave it first, so the saved layout is the normal one
        if obj is self.window and event is not None and event.type() == QEvent.Type.Close:
            if self.active:
                self.set_presentation(False)
            self.timer.stop()
        return False


def _set_checked(action: QAction, on: bool) -> None:
    action.blockSignals(True)
    action.setChecked(on)
    action.blockSignals(False)


def _set_if(on: bool, settings: object, name: str, value: object) -> None:
    """A radio item's toggled(): set the setting when the item is chosen."""
    if on:
        setattr(settings, name, value)


def _bars_visible(window: QMainWindow, on: bool) -> None:
    for bar in (window.menuBar(), window.statusBar()):
        if bar is not None:
            bar.setVisible(on)


def _menu(window: QMainWindow, title: str) -> QMenu | None:
    bar = window.menuBar()
    if bar is None:
        return None
    for action in bar.actions():
        menu = action.menu()
        if action.text() == title and isinstance(menu, QMenu):
            return menu
    return bar.addMenu(title)
