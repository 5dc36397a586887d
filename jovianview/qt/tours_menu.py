"""The window's tours: File > Open tour... (Ctrl+O), the Tours menu, recording, bookmarks.

The Tours menu lists the lessons shipped in ``assets/tours/`` and holds "Add this view as a
step" (Ctrl+T) and the recorder panel. A tour with problems is not started: a dialog lists
the same lines ``jovianview tour --check`` prints.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PyQt6.QtCore import QObject, Qt
from PyQt6.QtGui import QAction, QKeySequence
from PyQt6.QtWidgets import QDockWidget, QFileDialog, QMenu, QMessageBox

from jovianview.core.assets import assets_dir
from jovianview.model.tour import Tour, TourError, load_tour
from jovianview.model.view_state import ViewState, capture
from jovianview.qt.bookmarks_menu import BookmarksMenu
from jovianview.qt.guard import guarded
from jovianview.qt.setting_checks import follow_settings
from jovianview.qt.tour_player import TourPlayer
from jovianview.qt.tour_recorder import TourRecorder

if TYPE_CHECKING:
    from jovianview.qt.main_window import MainWindow


def shipped_tours() -> list[tuple[str, Path]]:
    """``(title, path)`` of each lesson in ``assets/tours/``, by file name."""
    out = []
    for path in sorted((assets_dir() / "tours").glob("*.toml")):
        try:
            title = str(tomllib.loads(path.read_text(encoding="utf-8")).get("title", path.stem))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            title = path.stem
        out.append((title, path))
    return out


def problems_text(exc: TourError) -> str:
    """The lines ``jovianview tour --check`` prints for ``exc``."""
    return "\n".join(p.format(exc.filename) for p in exc.problems)


class Tours(QObject):
    """Tour menus, the player, the recorder panel and the bookmarks of ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.player = TourPlayer(window)
        self.error_box: QMessageBox | None = None
        self.recorder = TourRecorder()
        self.recorder.ask_path = self._ask_save_path
        self.recorder.on_message = lambda m: window.status_bar().showMessage(m, 8000)
        self.recorder.play.connect(guarded(self.player.start))
        self.dock = QDockWidget("Tour recorder", window)
        self.dock.setObjectName("dock_tour_recorder")
        self.dock.setWidget(self.recorder)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        bar = window.menuBar()
        assert bar is not None
        self._file_actions(bar.actions())
        help_action = next((a for a in bar.actions() if a.text() == "&Help"), None)
        self.menu = QMenu("T&ours", window)
        self.menu.aboutToShow.connect(guarded(self._fill_menu))
        self.add_step_action = self._shortcut_action("Add this view as a step", "Ctrl+T",
                                                     self.add_step)
        recorder_action = self.dock.toggleViewAction()
        assert recorder_action is not None  # a dock always has one
        recorder_action.setText("Tour &recorder panel")
        self.recorder_action = recorder_action
        self.stop_action = self._shortcut_action("Stop the tour", None, self.player.stop)
        self.export_action = self._shortcut_action("Export tour as &video...", None,
                                                   self.ask_export)
        self.bookmarks = BookmarksMenu(window, self.capture, self.go_to_state)
        bar.insertMenu(help_action, self.menu) if help_action else bar.addMenu(self.menu)
        bar.insertMenu(help_action, self.bookmarks.menu) if help_action else bar.addMenu(
            self.bookmarks.menu)
        self._fill_menu()
        follow_settings(window, window.settings)

    # ---------------------------------------------------------------- menus
    def _shortcut_action(self, text: str, key: str | None,
                         slot: Callable[[], object]) -> QAction:
        act = QAction(text, self.window)
        if key:
            act.setShortcut(QKeySequence(key))
        act.triggered.connect(guarded(lambda _=False: slot()))
        self.window.addAction(act)  # works while the menu bar is hidden (presentation)
        return act

    def _file_actions(self, actions: list[QAction]) -> None:
        file_menu = next((a.menu() for a in actions if a.text() == "&File"), None)
        if not isinstance(file_menu, QMenu):
            return
        open_act = self._shortcut_action("Open &tour...", "Ctrl+O", self.ask_open)
        items = file_menu.actions()
        quit_at = next((i for i, a in enumerate(items) if a.text() == "&Quit"), len(items))
        before = items[quit_at - 1] if quit_at > 0 and items[quit_at - 1].isSeparator() else (
            items[quit_at] if quit_at < len(items) else None)
        file_menu.insertAction(before, open_act)

    def _fill_menu(self) -> None:
        self.menu.clear()
        for title, path in shipped_tours():
            act = self.menu.addAction(title)
            assert act is not None
            act.triggered.connect(guarded(lambda _=False, p=path: self.play_file(p)))
        self.menu.addSeparator()
        self.menu.addAction(self.stop_action)
        self.stop_action.setEnabled(self.player.playing)
        self.menu.addAction(self.export_action)
        self.menu.addSeparator()
        self.menu.addAction(self.add_step_action)
        self.menu.addAction(self.recorder_action)

    # ---------------------------------------------------------------- playing
    def ask_open(self) -> None:
        """File > Open tour...: choose a .toml file and play it."""
        path = self._ask_tour_path("Open a tour")
        if path:
            self.play_file(path)

    def play_file(self, path: str | Path) -> Tour | None:
        """Check the tour at ``path`` and play it; a dialog lists its problems instead."""
        try:
            tour = load_tour(path)
        except TourError as exc:
            self.show_problems(exc)
            return None
        self.player.start(tour)
        return tour

    def ask_export(self) -> None:
        """Tours > Export tour as video...: choose a tour, then the video's form."""
        path = self._ask_tour_path("Export which tour as a video?")
        if path:
            self.export_file(path)

    def _ask_tour_path(self, title: str) -> str:
        """A tour file chosen in a dialog that opens on the shipped lessons ("" if none)."""
        path, _ = QFileDialog.getOpenFileName(self.window, title, str(assets_dir() / "tours"),
                                              "Tours (*.toml);;All files (*)")
        return path

    def export_file(self, path: str | Path) -> None:
        """Check the tour at ``path`` and offer to export it; a dialog lists its problems."""
        from jovianview.qt.export_tour import export_tour_from_window

        try:
            tour = load_tour(path)
        except TourError as exc:
            self.show_problems(exc)
            return
        export_tour_from_window(self.window, tour, Path(path))

    def show_problems(self, exc: TourError) -> QMessageBox:
        """A dialog (not blocking) with the tour's problems, one per line."""
        n = len(exc.problems)
        box = QMessageBox(QMessageBox.Icon.Warning, "This tour cannot start",
                          f"{exc.filename} has {n} problem{'s' if n != 1 else ''}; "
                          f"fix {'them' if n != 1 else 'it'} and open the tour again.",
                          QMessageBox.StandardButton.Ok, self.window)
        box.setInformativeText(problems_text(exc))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()
        self.error_box = box
        return box

    # ---------------------------------------------------------------- recording
    def capture(self) -> ViewState:
        """The window's view now, as a step or bookmark records it."""
        w = self.window
        return capture(w.clock.tdb(), w.camera.preset, w.camera.target_view, w.clock.playing,
                       w.clock.rate, w.settings)

    def add_step(self) -> None:
        """Ctrl+T: record the current view as the recording's next step."""
        self.recorder.add(self.capture())
        if not self.window.presentation.active:
            self.dock.show()
        n = len(self.recorder.steps)
        self.window.status_bar().showMessage(f"added step {n} to the recorded tour", 5000)

    def go_to_state(self, state: ViewState) -> None:
        """Show a saved view (a bookmark): its moment, rate, scale, layers and camera."""
        from jovianview.qt.tour_player import apply_view

        if self.player.playing:
            self.player.stop(restore=False, quiet=True)
        note = apply_view(self.window, state.tdb, state.view_name, state.view, state.rate,
                          state.settings(), fly=True)
        if note:
            self.window.status_bar().showMessage(note, 8000)

    def _ask_save_path(self) -> str:
        path, _ = QFileDialog.getSaveFileName(self.window, "Save the tour", "my-tour.toml",
                                              "Tours (*.toml)")
        if path and not path.endswith(".toml"):
            path += ".toml"
        return path
