"""Bookmarks > Add (Ctrl+B), Go to, Manage (Ctrl+Shift+B): saved single views.

Stored by :class:`jovianview.model.bookmarks.BookmarkStore` in the settings folder, saved
after every change. A file that could not be read was set aside by the store; its message
goes to the status bar and the console.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PyQt6.QtGui import QAction, QKeySequence
from PyQt6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jovianview.core.timescale import tdb_to_iso
from jovianview.model.bookmarks import Bookmark, BookmarkStore
from jovianview.model.camera import PRESET_TITLES
from jovianview.model.view_state import ViewState
from jovianview.qt.guard import guarded


def default_name(state: ViewState) -> str:
    """A bookmark's suggested name: the moment and the view."""
    view = (PRESET_TITLES.get(state.view_name or "", state.view_name or "")
            if state.view is None else state.view.target.capitalize())
    return f"{tdb_to_iso(state.tdb, 0)[:16].replace('T', ' ')} UTC, {view}"


class BookmarksMenu:
    """The Bookmarks menu of ``window``: ``capture()`` gives the view now, ``show(state)``
    goes to one."""

    def __init__(self, window: QMainWindow, capture: Callable[[], ViewState],
                 show: Callable[[ViewState], None], store: BookmarkStore | None = None) -> None:
        self.window = window
        self.capture = capture
        self.show = show
        self.store = store or BookmarkStore()
        self.marks: list[Bookmark] = self.store.load()
        if self.store.notice:
            self.message(self.store.notice, 20000)
            print(f"jovianview: {self.store.notice}", file=sys.stderr)
        self.menu = QMenu("&Bookmarks", window)
        self.add_action = self._action("&Add this view...", "Ctrl+B", self.ask_add)
        self.manage_action = self._action("&Manage...", "Ctrl+Shift+B", self.manage)
        self.go_menu = QMenu("&Go to", window)
        self.menu.addAction(self.add_action)
        self.menu.addMenu(self.go_menu)
        self.menu.addAction(self.manage_action)
        self.go_menu.aboutToShow.connect(guarded(self._fill_go_menu))
        self._fill_go_menu()

    def message(self, text: str, ms: int = 6000) -> None:
        """A line in the window's status bar."""
        bar = self.window.statusBar()
        if bar is not None:
            bar.showMessage(text, ms)

    def _action(self, text: str, key: str, slot: Callable[[], None]) -> QAction:
        act = QAction(text, self.window)
        act.setShortcut(QKeySequence(key))
        act.triggered.connect(guarded(lambda _=False: slot()))
        self.window.addAction(act)
        return act

    def _fill_go_menu(self) -> None:
        self.go_menu.clear()
        if not self.marks:
            empty = self.go_menu.addAction("(no bookmarks yet: Ctrl+B adds one)")
            if empty is not None:
                empty.setEnabled(False)
        for i, mark in enumerate(self.marks):
            act = self.go_menu.addAction(mark.name)
            if act is not None:
                act.triggered.connect(guarded(lambda _=False, k=i: self.go_to(k)))

    # ---------------------------------------------------------------- changes
    def add(self, name: str, state: ViewState | None = None) -> Bookmark:
        """Add a bookmark of ``state`` (default: the view now) and save the file."""
        mark = Bookmark(name=name.strip() or "bookmark", state=state or self.capture())
        self.marks.append(mark)
        self.save()
        self._fill_go_menu()
        self.message(f"bookmark added: {mark.name}")
        return mark

    def ask_add(self) -> None:
        """Ctrl+B: ask for a name (the moment and view suggested) and add the bookmark."""
        state = self.capture()
        name, ok = QInputDialog.getText(self.window, "Add a bookmark", "Name:",
                                        text=default_name(state))
        if ok:
            self.add(name, state)

    def go_to(self, index: int) -> None:
        """Show bookmark ``index``."""
        mark = self.marks[index]
        self.show(mark.state)
        self.message(f"bookmark: {mark.name}")

    def rename(self, index: int, name: str) -> None:
        """Rename bookmark ``index`` and save."""
        if name.strip():
            self.marks[index] = Bookmark(name.strip(), self.marks[index].state)
            self.save()

    def delete(self, index: int) -> None:
        """Delete bookmark ``index`` and save."""
        del self.marks[index]
        self.save()

    def move(self, index: int, direction: int) -> None:
        """Move bookmark ``index`` up (-1) or down (+1) and save."""
        j = index + direction
        if 0 <= index < len(self.marks) and 0 <= j < len(self.marks):
            self.marks[index], self.marks[j] = self.marks[j], self.marks[index]
            self.save()

    def save(self) -> None:
        """Write the bookmarks file (atomically)."""
        self.store.save(self.marks)

    def manage(self) -> None:
        """Ctrl+Shift+B: the dialog that goes to, renames, reorders and deletes bookmarks."""
        ManageDialog(self, self.window).open()


class ManageDialog(QDialog):
    """The list of bookmarks with Go to, Rename, Up, Down, Delete."""

    def __init__(self, owner: BookmarksMenu, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Bookmarks")
        self.owner = owner
        self.list = QListWidget()
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("go", "Go to", self._go), ("rename", "Rename...", self._rename),
                                ("up", "Up", lambda: self._move(-1)),
                                ("down", "Down", lambda: self._move(1)),
                                ("delete", "Delete", self._delete), ("close", "Close",
                                                                     self.accept)):
            b = QPushButton(text)
            b.clicked.connect(guarded(lambda _=False, s=slot: s()))
            buttons.addWidget(b)
            self.buttons[key] = b
        self.list.itemDoubleClicked.connect(guarded(lambda _i: self._go()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.resize(520, 320)
        self.refill(0)

    def refill(self, select: int) -> None:
        """List the bookmarks again, selecting row ``select``."""
        self.list.clear()
        for mark in self.owner.marks:
            self.list.addItem(mark.name)
        self.list.setCurrentRow(min(select, len(self.owner.marks) - 1))

    def _row(self) -> int:
        i = self.list.currentRow()
        return i if 0 <= i < len(self.owner.marks) else -1

    def _go(self) -> None:
        if (i := self._row()) >= 0:
            self.owner.go_to(i)

    def _rename(self) -> None:
        if (i := self._row()) < 0:
            return
        name, ok = QInputDialog.getText(self, "Rename the bookmark", "Name:",
                                        text=self.owner.marks[i].name)
        if ok:
            self.owner.rename(i, name)
            self.refill(i)

    def _move(self, direction: int) -> None:
        if (i := self._row()) >= 0:
            self.owner.move(i, direction)
            self.refill(i + direction)

    def _delete(self) -> None:
        if (i := self._row()) >= 0:
            self.owner.delete(i)
            self.refill(i)
