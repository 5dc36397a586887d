"""The main window: the scene, menus, the time bar, dockable panels and a status bar.

Wiring only. Time lives in :class:`SimClock`, the view in :class:`CameraModel`, preferences in
:class:`Settings`; the window connects widgets to them and asks the canvas for frames with a
timer (the timer never advances time: the clock is anchored to wall time).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PyQt6.QtCore import QByteArray, Qt, QTimer
from PyQt6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PyQt6.QtWidgets import QDockWidget, QLabel, QMainWindow, QWidget

from jovianview.core.errors import JovianviewError
from jovianview.core.timescale import tdb_to_iso, utc_to_tdb
from jovianview.model import readouts, sources
from jovianview.model.camera import PRESET_TITLES, CameraModel
from jovianview.model.clock import SimClock
from jovianview.model.scene import SceneModel
from jovianview.model.settings import Settings, SettingsStore
from jovianview.qt.dialogs import show_shortcuts
from jovianview.qt.panels import ReadoutPanel, ViewList
from jovianview.qt.time_bar import TimeBar
from jovianview.qt.timeline import TimelineWidget
from jovianview.render.canvas import JovianCanvas
from jovianview.render.renderer import SceneRenderer

FRAME_MS = 16
READOUT_INTERVAL_S = 0.2
PRESET_KEYS = {"overview": "1", "jupiter": "2", "chase": "3", "from_juno": "4", "io": "5",
               "europa": "6", "ganymede": "7", "callisto": "8", "juno": "9"}


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, store: SettingsStore | None = None,
                 start_tdb: float | None = None,
                 wall: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.setWindowTitle("jovianview: Jupiter, its moons and Juno")
        self.settings = settings
        self.store = store
        self.fps = 0.0
        start = start_tdb if start_tdb is not None else (
            settings.last_tdb if settings.last_tdb is not None else sources.default_start_tdb())
        self.clock = SimClock(start, sources.data_span(), wall=wall)
        self.clock.set_rate(settings.rate if settings.rate else 3600.0)
        self.camera = CameraModel(wall=wall)
        self.scene_model = SceneModel(start)

        self.canvas = JovianCanvas(self._make_renderer, self.clock.tdb, size=(1280, 720),
                                   parent=self)
        self.renderer = self.canvas.renderer
        self.setCentralWidget(self.canvas.native)
        self.canvas.picked.connect(self.go_to_view)

        self.timeline = TimelineWidget(sources.timeline_events(), sources.mission_span())
        self.time_bar = TimeBar(self.timeline)
        self.readout_panel = ReadoutPanel()
        self.view_list = ViewList()
        self.docks: dict[str, QDockWidget] = {}
        self._add_dock("time", "Time", self.time_bar, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._add_dock("readouts", "Readouts", self.readout_panel,
                       Qt.DockWidgetArea.RightDockWidgetArea)
        self._add_dock("views", "Bodies and views", self.view_list,
                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._build_menus()
        self._connect()

        self.go_to_view(settings.view if settings.view in PRESET_TITLES else "overview",
                        smooth=False)
        self._restore_window()
        self._last_readout = 0.0
        self._frames_at = (time.perf_counter(), 0)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.timer.start(FRAME_MS)
        if store is not None and store.notice:
            self.statusBar().showMessage(store.notice, 15000)

    def _make_renderer(self) -> SceneRenderer:
        return SceneRenderer(self.scene_model, self.camera, self.settings)

    # ---------------------------------------------------------------- layout
    def _add_dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[key] = dock

    def _action(self, menu, text: str, slot, shortcut: str | None = None,  # noqa: ANN001
                checkable: bool = False, checked: bool = False) -> QAction:
        act = QAction(text, self)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.setCheckable(checkable)
        if checkable:
            act.setChecked(checked)
            act.toggled.connect(slot)
        else:
            act.triggered.connect(lambda _=False: slot())
        menu.addAction(act)
        return act

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "Save &image...", self.save_image, "Ctrl+S")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, "Ctrl+Q")

        view = bar.addMenu("&View")
        for key, title in PRESET_TITLES.items():
            self._action(view, title, lambda k=key: self.go_to_view(k), PRESET_KEYS.get(key))
        view.addSeparator()
        s = self.settings
        self._action(view, "&Enlarged moons and Juno", self._set_enlarged, "E", True,
                     s.scale_mode == "enlarged")
        self._action(view, "&Labels", lambda v: setattr(s, "show_labels", v), "L", True,
                     s.show_labels)
        self._action(view, "Juno's &trail", lambda v: setattr(s, "show_trail", v), "T", True,
                     s.show_trail)
        self._action(view, "&Moon orbits", lambda v: setattr(s, "show_moon_orbits", v), "O",
                     True, s.show_moon_orbits)
        units = view.addMenu("Distance &units")
        group = QActionGroup(self)
        for unit, title in (("km", "Kilometres"), ("RJ", "Jupiter radii")):
            act = self._action(units, title, lambda v, u=unit: v and self._set_unit(u), None,
                               True, s.distance_unit == unit)
            group.addAction(act)
        panels = view.addMenu("&Panels")
        for dock in self.docks.values():
            panels.addAction(dock.toggleViewAction())

        tm = bar.addMenu("&Time")
        self._action(tm, "Play / pause", self.clock.toggle, "Space")
        self._action(tm, "Reverse", self.clock.reverse, "R")
        self._action(tm, "Faster", self.clock.faster, "Up")
        self._action(tm, "Slower", self.clock.slower, "Down")
        self._action(tm, "Back one hour", lambda: self.step_hours(-1), "Left")
        self._action(tm, "Forward one hour", lambda: self.step_hours(1), "Right")
        self._action(tm, "Back one day", lambda: self.step_hours(-24), "Shift+Left")
        self._action(tm, "Forward one day", lambda: self.step_hours(24), "Shift+Right")
        self._action(tm, "Previous perijove", lambda: self.jump_perijove(-1), "[")
        self._action(tm, "Next perijove", lambda: self.jump_perijove(1), "]")
        self._action(tm, "Start of the data", lambda: self.set_time(self.clock.bounds[0]), "Home")
        self._action(tm, "End of the data", lambda: self.set_time(self.clock.bounds[1]), "End")
        self._action(tm, "Now", self.go_now, "N")

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "Keyboard and mouse", lambda: show_shortcuts(self), "F1")

    def _connect(self) -> None:
        tb = self.time_bar
        tb.play_button.clicked.connect(self.clock.toggle)
        tb.reverse_button.clicked.connect(self.clock.reverse)
        tb.prev_button.clicked.connect(lambda: self.jump_perijove(-1))
        tb.next_button.clicked.connect(lambda: self.jump_perijove(1))
        tb.start_button.clicked.connect(lambda: self.set_time(self.clock.bounds[0]))
        tb.end_button.clicked.connect(lambda: self.set_time(self.clock.bounds[1]))
        tb.now_button.clicked.connect(self.go_now)
        tb.rate_box.activated.connect(
            lambda i: self.clock.set_rate(tb.rate_box.itemData(i) * (1 if self.clock.rate > 0
                                                                     else -1)))
        tb.utc_field.returnPressed.connect(self._utc_entered)
        self.timeline.scrubbed.connect(self.set_time)
        self.view_list.chosen.connect(self.go_to_view)
        self.clock.clamped.connect(lambda msg: self.statusBar().showMessage(msg, 10000))
        self.clock.rate_changed.connect(lambda _: self._show_clock())
        self.clock.playing_changed.connect(lambda _: self._show_clock())
        self.clock.changed.connect(lambda _: self.canvas.update())
        self.camera.changed.connect(self.canvas.update)
        self.settings.events.connect(lambda *_: self.canvas.update())
        self._show_clock()

    # ---------------------------------------------------------------- actions
    def set_time(self, tdb: float) -> None:
        self.clock.set_tdb(tdb)
        self._refresh_readouts(force=True)

    def step_hours(self, hours: float) -> None:
        self.set_time(self.clock.tdb() + hours / 24.0)

    def jump_perijove(self, direction: int) -> None:
        times = sources.perijove_times()
        now = self.clock.tdb()
        pick = times[times > now + 1e-6] if direction > 0 else times[times < now - 1e-6]
        if pick.size == 0:
            self.statusBar().showMessage("no further perijove in that direction", 4000)
            return
        self.set_time(float(pick[0] if direction > 0 else pick[-1]))

    def go_now(self) -> None:
        self.set_time(float(utc_to_tdb(time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()))))

    def go_to_view(self, name: str, smooth: bool = True) -> None:
        try:
            view = self.renderer.preset_view(name, self.clock.tdb())
        except ValueError as exc:
            self.statusBar().showMessage(str(exc), 5000)
            return
        self.camera.go_to(view, name, smooth=smooth)
        self.settings.view = name

    def _utc_entered(self) -> None:
        try:
            tdb = float(utc_to_tdb(self.time_bar.utc_field.text()))
        except JovianviewError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        self.set_time(tdb)
        self.canvas.native.setFocus()

    def _set_enlarged(self, on: bool) -> None:
        self.settings.scale_mode = "enlarged" if on else "true"
        self.go_to_view(self.camera.preset)

    def _set_unit(self, unit: str) -> None:
        self.settings.distance_unit = unit
        self._refresh_readouts(force=True)

    def save_image(self) -> None:
        from PyQt6.QtWidgets import QFileDialog

        from jovianview.render.png import write_png

        path, _ = QFileDialog.getSaveFileName(self, "Save image", "jovianview.png", "PNG (*.png)")
        if path:
            w, h = self.canvas.physical_size
            image = self.canvas.render_offscreen((w, h))
            write_png(path, image[:, :, :3].copy())
            self.statusBar().showMessage(f"saved {path}", 5000)

    # ---------------------------------------------------------------- frames
    def _tick(self) -> None:
        if self.clock.playing or self.camera.in_transition() or self.timeline.dragging:
            self.canvas.update()
        tdb = self.clock.tdb()
        self.timeline.set_current(tdb)
        self._refresh_readouts()
        frames = self.canvas.frames_drawn
        t0, f0 = self._frames_at
        now = time.perf_counter()
        if now - t0 >= 1.0:
            self.fps = (frames - f0) / (now - t0)
            self._frames_at = (now, frames)
            self._show_clock()

    def _refresh_readouts(self, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self._last_readout < READOUT_INTERVAL_S:
            return
        self._last_readout = now
        snap = self.scene_model.snapshot(self.clock.tdb())
        values = readouts.compute(snap)
        self.readout_panel.show_rows(readouts.lines(values, self.settings.distance_unit))
        if not self.time_bar.utc_field.hasFocus():
            self.time_bar.utc_field.setText(str(tdb_to_iso(snap.tdb, 0)))

    def _show_clock(self) -> None:
        rate = self.clock.rate
        self.time_bar.show_rate(rate, self.clock.playing)
        state = "playing" if self.clock.playing else "paused"
        self.status_label.setText(f"{state} at {rate:+,.0f}x   {self.fps:4.0f} fps   "
                                  f"CPU {self.renderer.cpu_ms:.2f} ms/frame")

    # ---------------------------------------------------------------- persistence
    def _restore_window(self) -> None:
        s = self.settings
        try:
            if s.window_geometry:
                self.restoreGeometry(QByteArray(bytes.fromhex(s.window_geometry)))
            else:
                self.resize(1500, 900)
            if s.window_state:
                self.restoreState(QByteArray(bytes.fromhex(s.window_state)))
        except ValueError:
            self.resize(1500, 900)

    def remember(self) -> None:
        """Copy window and clock state into the settings (and save them, if there is a store)."""
        s = self.settings
        s.window_geometry = bytes(self.saveGeometry()).hex()
        s.window_state = bytes(self.saveState()).hex()
        s.last_tdb = self.clock.tdb()
        s.rate = abs(self.clock.rate)
        s.docks_visible = {k: not d.isHidden() for k, d in self.docks.items()}
        if self.store is not None:
            try:
                self.store.save(s)
            except OSError as exc:
                print(f"jovianview: could not save settings: {exc}")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.timer.stop()
        self.remember()
        super().closeEvent(event)
