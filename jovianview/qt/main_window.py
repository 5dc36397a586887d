"""The main window: the scene, menus, the time bar, dockable panels and a status bar.

Wiring only. Time lives in :class:`SimClock`, the view in :class:`CameraModel`, preferences in
:class:`Settings`; the window connects widgets to them and asks the canvas for frames with a
timer (the timer never advances time: the clock is anchored to wall time).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import cast

import numpy as np
from PyQt6.QtCore import QByteArray, Qt, QTimer
from PyQt6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PyQt6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QMenuBar, QStatusBar, QWidget

from jovianview.core.errors import JovianviewError
from jovianview.core.grs import grs_system2_longitude
from jovianview.core.timescale import tdb_to_iso, utc_to_tdb
from jovianview.model import readouts, sources
from jovianview.model.camera import PRESET_TITLES, CameraModel
from jovianview.model.clock import SimClock
from jovianview.model.scene import SceneModel
from jovianview.model.settings import Settings, SettingsStore, cache_dir
from jovianview.model.types import DistanceUnit, ViewName
from jovianview.qt.autosave import QtAutosave
from jovianview.qt.detail_timeline import DetailTimeline
from jovianview.qt.dialogs import show_about, show_shortcuts
from jovianview.qt.guard import guarded
from jovianview.qt.info_card import InfoCards
from jovianview.qt.maps_controller import MapsController
from jovianview.qt.moon_events_panel import MoonEventsPanel
from jovianview.qt.panels import ReadoutPanel, ViewList, scrolling
from jovianview.qt.plots_panel import PlotsPanel
from jovianview.qt.presentation import Presentation
from jovianview.qt.quality_menu import add_quality_menu
from jovianview.qt.shortcuts import install_key_router
from jovianview.qt.time_bar import TimeBar
from jovianview.qt.timeline import TimelineWidget
from jovianview.qt.tours_menu import Tours
from jovianview.render.canvas import JovianCanvas
from jovianview.render.renderer import SceneRenderer, embedded_maps

FRAME_MS = 16
READOUT_INTERVAL_S = 0.2
PRESET_KEYS = {"overview": "1", "jupiter": "2", "chase": "3", "from_juno": "4", "io": "5",
               "europa": "6", "ganymede": "7", "callisto": "8", "juno": "9", "earth": "0",
               "flyby": "Z"}


class MainWindow(QMainWindow):
    """The main window: the 3D view, the time bar, the docks, the menus and the status bar."""

    def __init__(self, settings: Settings, store: SettingsStore | None = None,
                 start_tdb: float | None = None,
                 wall: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.setWindowTitle("jovianview: Jupiter, its moons and Juno")
        self.settings = settings
        self.store = store
        # saved a moment after each change, and on close (remember())
        self.autosave = QtAutosave(settings, store, self) if store is not None else None
        if self.autosave is not None:
            self.autosave.saver.failed.connect(self._settings_not_saved)
        self.fps = 0.0
        # Before anything samples Juno: the settings' NAIF kernels, if any (None: none set).
        self.ephemeris, self.kernel_note = sources.ephemeris_with_juno_kernels(
            settings.juno_kernels_dir)
        self._kernel_gap: str | None = None
        start = start_tdb if start_tdb is not None else (
            settings.last_tdb if settings.last_tdb is not None else sources.default_start_tdb())
        self.clock = SimClock(start, sources.data_span(), wall=wall)
        self.clock.set_rate(settings.rate if settings.rate else 3600.0)
        self.camera = CameraModel(wall=wall)
        self.scene_model = SceneModel(start, self.ephemeris)
        self.maps = embedded_maps()
        self.map_controller = MapsController(self.maps, settings)
        map_problems = (self.map_controller.use_installed_packs(cache_dir())
                        + self.map_controller.restore_from_settings())

        self.canvas = JovianCanvas(self._make_renderer, self.clock.tdb, size=(1280, 720),
                                   parent=self)
        self.renderer = self.canvas.renderer
        self.renderer.labels.defer_first_frame = True  # a faster first frame, text next
        self.setCentralWidget(self.canvas.native)
        self.canvas.picked.connect(self.go_to_view)
        self.info_cards = InfoCards(self)  # a click also opens the body's card / a feature's line

        self.timeline = TimelineWidget(sources.timeline_events(), sources.mission_span())
        self.detail = DetailTimeline(sources.timeline_events())
        self.time_bar = TimeBar(self.timeline, self.detail)
        self.readout_panel = ReadoutPanel()
        self.view_list = ViewList()
        self.docks: dict[str, QDockWidget] = {}
        self._add_dock("time", "Time", self.time_bar, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._add_dock("readouts", "Readouts", scrolling(self.readout_panel),
                       Qt.DockWidgetArea.RightDockWidgetArea)
        self._add_dock("views", "Bodies and views", self.view_list,
                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.moon_events = MoonEventsPanel(settings)
        self._add_dock("moon_events", "Moon events from Earth", scrolling(self.moon_events),
                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.docks["views"], self.docks["moon_events"])
        # Plots under the time bar, hidden until asked for (View > Panels): no cost per frame.
        self.plots_panel = PlotsPanel(self.ephemeris)
        self._add_dock("plots", "Plots", self.plots_panel, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.splitDockWidget(self.docks["time"], self.docks["plots"], Qt.Orientation.Vertical)
        self.docks["plots"].hide()
        self._plots_sized = False
        self.docks["views"].raise_()  # the bodies and views tab shows first
        if not settings.window_state:  # first run: readouts get the height, the list fits
            self.resizeDocks([self.docks["readouts"], self.docks["views"]], [520, 200],
                             Qt.Orientation.Vertical)
            self.resizeDocks([self.docks["readouts"]], [380], Qt.Orientation.Horizontal)
        self.status_label = QLabel()
        self.status_bar().addPermanentWidget(self.status_label)
        self._build_menus()
        self._connect()
        self.keys = install_key_router(self, self.camera,
                                       lambda m: self.status_bar().showMessage(m, 8000))
        self.presentation = Presentation(self)  # F5, F11, text size, contrast, legend (L)
        self.tours = Tours(self)  # File > Open tour, Tours and Bookmarks menus (issue 12)

        self.go_to_view(settings.view if settings.view in PRESET_TITLES else "overview",
                        smooth=False)
        self._restore_window()
        self._last_readout = 0.0
        self._frames_at = (time.perf_counter(), 0)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.timer.start(FRAME_MS)
        if store is not None and store.notice:
            self.status_bar().showMessage(store.notice, 15000)
        elif self.kernel_note:
            self.status_bar().showMessage(self.kernel_note, 15000)
        elif map_problems:
            self.status_bar().showMessage("; ".join(map_problems), 15000)

    def status_bar(self) -> QStatusBar:
        """The window's status bar (a QMainWindow creates one on first use, never None)."""
        bar = self.statusBar()
        assert bar is not None
        return bar

    def _make_renderer(self) -> SceneRenderer:
        return SceneRenderer(self.scene_model, self.camera, self.settings, self.maps)

    # ---------------------------------------------------------------- layout
    def _add_dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[key] = dock

    def _action(self, menu: QMenu, text: str, slot: Callable[..., object],
                shortcut: str | None = None, checkable: bool = False,
                checked: bool = False) -> QAction:
        act = QAction(text, self)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.setCheckable(checkable)
        if checkable:
            act.setChecked(checked)
            act.toggled.connect(guarded(slot))  # an error becomes a message (qt/guard.py)
        else:
            act.triggered.connect(guarded(lambda _=False: slot()))
        menu.addAction(act)
        return act

    def _build_menus(self) -> None:
        bar = self.menuBar()
        assert bar is not None  # a QMainWindow creates its menu bar on first use
        file_menu = _add_menu(bar, "&File")
        self._action(file_menu, "Save &image...", self.save_image, "Ctrl+S")
        self._action(file_menu, "Export &video...", self.export_video, "Ctrl+E")
        self._action(file_menu, "&Drape image on body...", self.open_drape_dialog, "Ctrl+D")
        self._action(file_menu, "&HD texture packs...", self.open_packs_dialog)
        self._action(file_menu, "Great Red Spot &longitude...", self.ask_grs_longitude)
        self._action(file_menu, "Juno &kernels folder (NAIF SPICE)...", self.ask_juno_kernels)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, "Ctrl+Q")

        view = _add_menu(bar, "&View")
        for key, title in PRESET_TITLES.items():
            self._action(view, title, lambda k=key: self.go_to_view(k), PRESET_KEYS.get(key))
        view.addSeparator()
        s = self.settings
        self._action(view, "&Enlarged moons and Juno", self._set_enlarged, "E", True,
                     s.scale_mode == "enlarged")
        self._action(view, "&Labels", lambda v: setattr(s, "show_labels", v), "Shift+L", True,
                     s.show_labels)
        self._action(view, "Juno's &trail", lambda v: setattr(s, "show_trail", v), "T", True,
                     s.show_trail)
        self._action(view, "&Moon orbits", lambda v: setattr(s, "show_moon_orbits", v), "O",
                     True, s.show_moon_orbits)
        self._action(view, "&JunoCam field of view", lambda v: setattr(s, "show_junocam", v),
                     "J", True, s.show_junocam)
        self._action(view, "Named &features (volcanoes, craters, storms)",
                     lambda v: setattr(s, "show_features", v), "F", True, s.show_features)
        self._action(view, "Moon s&hadows and eclipses",
                     lambda v: setattr(s, "show_moon_shadows", v), "Shift+H", True,
                     s.show_moon_shadows)
        self._action(view, "Jupiter's rin&gs", lambda v: setattr(s, "show_rings", v), "G",
                     True, s.show_rings)
        self._action(view, "Rings enhanced (for teaching)",
                     lambda v: setattr(s, "rings_enhanced", v), "Shift+G", True,
                     s.rings_enhanced)
        self._action(view, "Lit for teaching (night side, eclipsed moons)",
                     lambda v: setattr(s, "lit_for_teaching", v), "K", True,
                     s.lit_for_teaching)
        self._action(view, "Magnetic &field lines", lambda v: setattr(s, "show_field_lines", v),
                     "M", True, s.show_field_lines)
        self._action(view, "&Aurorae (main ovals, moon footprints)",
                     lambda v: setattr(s, "show_aurorae", v), "U", True, s.show_aurorae)
        self._action(view, "Io plasma &torus (schematic)",
                     lambda v: setattr(s, "show_io_torus", v), "P", True, s.show_io_torus)
        self._action(view, "Radiation &belts (schematic)",
                     lambda v: setattr(s, "show_radiation_belts", v), "V", True,
                     s.show_radiation_belts)
        self._action(view, "Jupiter's &interior (cutaway, schematic)",
                     lambda v: setattr(s, "show_interior", v), "X", True, s.show_interior)
        self._action(view, "&Stars (Yale Bright Star Catalogue)",
                     lambda v: setattr(s, "background", "stars" if v else "plain"), "B", True,
                     s.background == "stars")
        add_quality_menu(view, s, self)
        units = _add_menu(view, "Distance &units")
        group = QActionGroup(self)
        for unit, title in (("km", "Kilometres"), ("RJ", "Jupiter radii")):
            act = self._action(units, title,
                               lambda v, u=unit: self._set_unit(u) if v else None, None,
                               True, s.distance_unit == unit)
            group.addAction(act)
        panels = _add_menu(view, "&Panels")
        for dock in self.docks.values():
            panels.addAction(dock.toggleViewAction())

        tm = _add_menu(bar, "&Time")
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
        self._action(tm, "Previous event (perijove, flyby...)", lambda: self.jump_event(-1), ",")
        self._action(tm, "Next event (perijove, flyby...)", lambda: self.jump_event(1), ".")
        self._action(tm, "Start of the data", lambda: self.set_time(self.clock.bounds[0]), "Home")
        self._action(tm, "End of the data", lambda: self.set_time(self.clock.bounds[1]), "End")
        self._action(tm, "Now", self.go_now, "N")

        help_menu = _add_menu(bar, "&Help")
        self._action(help_menu, "Keyboard and mouse", lambda: show_shortcuts(self), "F1")
        self._action(help_menu, "About this &body", lambda: self.info_cards.open(), "I")
        self._action(help_menu, "&About jovianview", lambda: show_about(self))

    def _connect(self) -> None:
        tb = self.time_bar
        tb.play_button.clicked.connect(self.clock.toggle)
        tb.reverse_button.clicked.connect(self.clock.reverse)
        tb.prev_button.clicked.connect(lambda: self.jump_perijove(-1))
        tb.next_button.clicked.connect(lambda: self.jump_perijove(1))
        tb.prev_event_button.clicked.connect(lambda: self.jump_event(-1))
        tb.next_event_button.clicked.connect(lambda: self.jump_event(1))
        tb.start_button.clicked.connect(lambda: self.set_time(self.clock.bounds[0]))
        tb.end_button.clicked.connect(lambda: self.set_time(self.clock.bounds[1]))
        tb.now_button.clicked.connect(self.go_now)
        tb.rate_box.activated.connect(
            lambda i: self.clock.set_rate(tb.rate_box.itemData(i) * (1 if self.clock.rate > 0
                                                                     else -1)))
        tb.utc_field.returnPressed.connect(self._utc_entered)
        self.timeline.scrubbed.connect(self.set_time)
        self.detail.scrubbed.connect(self.set_time)
        self.view_list.chosen.connect(self.go_to_view)
        self.moon_events.go_to.connect(guarded(self.go_to_moon_event))
        # A hidden panel computes no events (a refill costs ~0.1 s); it catches up when shown.
        self.docks["moon_events"].visibilityChanged.connect(guarded(self._on_moon_events_shown))
        self.plots_panel.scrubbed.connect(guarded(self.set_time))
        self.docks["plots"].visibilityChanged.connect(guarded(self._on_plots_shown))
        self.moon_events.telescope_changed.connect(
            guarded(lambda: self.go_to_view("earth") if self.camera.preset == "earth" else None))
        self.clock.clamped.connect(lambda msg: self.status_bar().showMessage(msg, 10000))
        self.clock.rate_changed.connect(lambda _: self._show_clock())
        self.clock.playing_changed.connect(lambda _: self._show_clock())
        self.clock.changed.connect(lambda _: self.canvas.update())
        self.camera.changed.connect(self.canvas.update)
        self.settings.events.connect(lambda *_: self.canvas.update())
        self._show_clock()

    # ---------------------------------------------------------------- actions
    def set_time(self, tdb: float) -> None:
        """Move the clock to ``tdb`` and the strips and readouts with it."""
        self.clock.set_tdb(tdb)
        now = self.clock.tdb()
        self.timeline.set_current(now)
        if not self.detail.dragging:
            self.detail.set_current(now)
        self._refresh_readouts(force=True)

    def step_hours(self, hours: float) -> None:
        """Move the clock ``hours`` hours on (back if negative)."""
        self.set_time(self.clock.tdb() + hours / 24.0)

    def jump_perijove(self, direction: int) -> None:
        """To the next (``direction`` > 0) or previous perijove."""
        self._jump(sources.perijove_times(), direction, "perijove")

    def jump_event(self, direction: int) -> None:
        """To the previous/next perijove, flyby or milestone; the status bar names it."""
        events = sources.timeline_events()
        times = np.array([e.tdb for e in events])
        tdb = self._jump(times, direction, "event")
        if tdb is not None:
            label = next(e.label for e in events if e.tdb == tdb)
            self.status_bar().showMessage(f"{label}: {tdb_to_iso(tdb, 0)} UTC", 6000)

    def _jump(self, times: np.ndarray, direction: int, what: str) -> float | None:
        now = self.clock.tdb()
        pick = times[times > now + 1e-6] if direction > 0 else times[times < now - 1e-6]
        if pick.size == 0:
            self.status_bar().showMessage(f"no further {what} in that direction", 4000)
            return None
        tdb = float(pick[0] if direction > 0 else pick[-1])
        self.set_time(tdb)
        return tdb

    def go_now(self) -> None:
        """Move the clock to the present moment (the computer's UTC)."""
        self.set_time(float(utc_to_tdb(time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()))))

    def go_to_moon_event(self, tdb: float) -> None:
        """The clock to a moon event's moment, seen from Earth."""
        if self.clock.playing:
            self.clock.pause()
        self.set_time(tdb)
        self.go_to_view("earth")

    def go_to_view(self, name: str, smooth: bool = True) -> None:
        """Move the camera to the preset ``name``; an unknown one is named in the status bar."""
        try:
            w, h = self.canvas.size
            view = self.renderer.preset_view(name, self.clock.tdb(), w / max(h, 1))
        except ValueError as exc:
            self.status_bar().showMessage(str(exc), 5000)
            return
        self.camera.go_to(view, name, smooth=smooth)
        # preset_view accepted it, and Settings.__setattr__ checks it against ViewName
        self.settings.view = cast(ViewName, name)

    def _utc_entered(self) -> None:
        try:
            tdb = float(utc_to_tdb(self.time_bar.utc_field.text()))
        except JovianviewError as exc:
            self.status_bar().showMessage(str(exc), 8000)
            return
        self.set_time(tdb)
        self.canvas.native.setFocus()

    def _set_enlarged(self, on: bool) -> None:
        self.settings.scale_mode = "enlarged" if on else "true"
        self.go_to_view(self.camera.preset)

    def _set_unit(self, unit: str) -> None:
        self.settings.distance_unit = cast(DistanceUnit, unit)  # Settings checks it
        self._refresh_readouts(force=True)

    def save_image(self) -> None:
        """Ask for a file name and save the 3D view there as a PNG at full resolution."""
        from PyQt6.QtWidgets import QFileDialog

        from jovianview.data.images import write_png

        path, _ = QFileDialog.getSaveFileName(self, "Save image", "jovianview.png", "PNG (*.png)")
        if path:
            w, h = self.canvas.physical_size
            image = self.canvas.render_offscreen((w, h))
            write_png(path, image[:, :, :3].copy())
            self.status_bar().showMessage(f"saved {path}", 5000)

    def export_video(self) -> None:
        """Ask for the movie's choices, then export it with a progress dialog."""
        from jovianview.qt.export_video import export_from_window

        export_from_window(self)

    def open_drape_dialog(self) -> None:
        """Open the dialog that drapes an image on the body in view."""
        from jovianview.qt.drape_dialog import DrapeDialog

        target = self.camera.target_view.target
        DrapeDialog(self.map_controller, self, target).exec()
        self.canvas.update()

    def open_packs_dialog(self) -> None:
        """Open the dialog that installs and removes HD texture packs."""
        from jovianview.qt.packs_dialog import PacksDialog

        PacksDialog(self.map_controller, cache_dir(), self.renderer.bodies.max_texture,
                    self).exec()
        self.canvas.update()

    def ask_grs_longitude(self) -> None:
        """Ask for the Great Red Spot's System II longitude (empty: the drift model)."""
        from PyQt6.QtWidgets import QInputDialog

        model = grs_system2_longitude(self.clock.tdb())
        current = self.settings.grs_system2_longitude
        text, ok = QInputDialog.getText(
            self, "Great Red Spot longitude",
            f"System II longitude of the Great Red Spot, degrees (empty: the drift model, "
            f"{model:.1f} deg on the shown date):",
            text="" if current is None else f"{current:g}")
        if not ok:
            return
        try:
            value = None if not text.strip() else float(text) % 360.0
        except ValueError:
            self.status_bar().showMessage(f"not a longitude: {text!r} (0 to 360 degrees)", 6000)
            return
        self.settings.grs_system2_longitude = value

    def ask_juno_kernels(self) -> None:
        """Choose a folder of NAIF Juno kernels (cancel keeps the current choice)."""
        from PyQt6.QtWidgets import QFileDialog, QMessageBox

        directory = QFileDialog.getExistingDirectory(
            self, "Folder of NAIF Juno kernels (.bsp); Cancel keeps the current one",
            self.settings.juno_kernels_dir or "")
        if directory:
            self.set_juno_kernels(directory)
        elif self.settings.juno_kernels_dir and QMessageBox.question(
                self, "Juno kernels", "Stop using the Juno kernels and show the embedded "
                "trajectory only?") == QMessageBox.StandardButton.Yes:
            self.set_juno_kernels("")

    def set_juno_kernels(self, directory: str) -> None:
        """Use the Juno kernels in ``directory`` ("" for none), remember it, redraw Juno."""
        old = self.ephemeris
        self.ephemeris, note = sources.ephemeris_with_juno_kernels(directory)
        self.scene_model.set_ephemeris(self.ephemeris)
        self.plots_panel.set_ephemeris(self.ephemeris)
        old.close()
        self.settings.juno_kernels_dir = directory
        self.kernel_note = note
        self.scene_model.update_paths(self.clock.tdb())
        self.status_bar().showMessage(note or "Juno: the embedded trajectory only", 15000)
        self._refresh_readouts(force=True)
        self.canvas.update()

    # ---------------------------------------------------------------- frames
    def _tick(self) -> None:
        if self.clock.playing or self.camera.in_transition() or self.timeline.dragging \
                or self.detail.dragging:
            self.canvas.update()
        tdb = self.clock.tdb()
        self.timeline.set_current(tdb)
        if not self.detail.dragging:
            self.detail.set_current(tdb)
        self._refresh_readouts()
        if self.plots_panel.isVisible():  # the cursor; a resample only for a new window
            self.plots_panel.follow(tdb)
        frames = self.canvas.frames_drawn
        t0, f0 = self._frames_at
        now = time.perf_counter()
        if now - t0 >= 1.0:
            self.fps = (frames - f0) / (now - t0)
            self._frames_at = (now, frames)
            self._show_clock()

    def _on_plots_shown(self, visible: bool) -> None:
        """Bring the plots up to the clock when their dock is shown (none drawn while hidden)."""
        if visible:
            if not self._plots_sized:  # first show: room for two rows of plots
                self._plots_sized = True
                self.resizeDocks([self.docks["plots"]], [min(340, int(self.height() * 0.4))],
                                 Qt.Orientation.Vertical)
            self.plots_panel.follow(self.clock.tdb())

    def _on_moon_events_shown(self, visible: bool) -> None:
        """Bring the moon-events panel up to the clock when its tab or dock is shown."""
        if visible:
            self.moon_events.update_for(self.clock.tdb())

    def _refresh_readouts(self, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self._last_readout < READOUT_INTERVAL_S:
            return
        self._last_readout = now
        snap = self.scene_model.snapshot(self.clock.tdb())
        if self.moon_events.isVisible():
            self.moon_events.update_for(snap.tdb)
        if snap.kernel_gap != self._kernel_gap:  # Juno's kernels stop or start covering
            self._kernel_gap = snap.kernel_gap
            self._show_clock()
        values = readouts.compute(snap, readouts.GUI_M_SHELLS)  # M-shell traced off-thread
        self.readout_panel.show_rows(readouts.lines(values, self.settings.distance_unit))
        if not self.time_bar.utc_field.hasFocus():
            self.time_bar.utc_field.setText(str(tdb_to_iso(snap.tdb, 0)))

    def _show_clock(self) -> None:
        rate = self.clock.rate
        self.time_bar.show_rate(rate, self.clock.playing)
        state = "playing" if self.clock.playing else "paused"
        # The first frame compiles shaders and uploads textures: not a per-frame cost.
        cpu = (f"{self.renderer.cpu_ms:.2f}" if self.renderer.frames_drawn > 1 else "-")
        gap = f"{self._kernel_gap}   " if self._kernel_gap else ""
        self.status_label.setText(f"{gap}{state} at {rate:+,.0f}x   {self.fps:4.0f} fps   "
                                  f"CPU {cpu} ms/frame")

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
        s.window_geometry = self.saveGeometry().data().hex()
        s.window_state = self.saveState().data().hex()
        s.last_tdb = self.clock.tdb()
        s.rate = abs(self.clock.rate)
        s.docks_visible = {k: not d.isHidden() for k, d in self.docks.items()}
        if self.autosave is not None:
            self.autosave.flush(force=True)

    def _settings_not_saved(self, message: str) -> None:
        print(f"jovianview: {message}", file=sys.stderr)
        self.status_bar().showMessage(message, 10000)

    def closeEvent(self, event: QCloseEvent | None) -> None:  # noqa: N802 - Qt's name
        """Stop the frame timer and remember the window and clock before closing."""
        self.timer.stop()
        self.remember()
        if self.autosave is not None:
            self.autosave.close()
        super().closeEvent(event)


def _add_menu(parent: QMenuBar | QMenu, title: str) -> QMenu:
    """A new submenu of ``parent`` (Qt's addMenu(title) always returns one)."""
    menu = parent.addMenu(title)
    assert menu is not None
    return menu
