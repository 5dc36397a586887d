"""The "HD texture packs..." dialog: sizes up front, progress, cancel, resume, install."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PyQt6.QtCore import QObject, QThread, pyqtSignal
from PyQt6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jovianview.core.errors import JovianviewError
from jovianview.data.pack_cache import install_pack
from jovianview.data.texture_packs import CATALOGUE, Pack
from jovianview.model.maps import BodyMap
from jovianview.qt.maps_controller import MapsController, pack_body_map


class _Worker(QObject):
    """Downloads and processes one pack; runs in its own QThread."""

    progress = pyqtSignal(int, int)
    finished = pyqtSignal(object, str)  # BodyMap or None, message

    def __init__(self, pack: Pack, cache: Path, max_width: int,
                 builtin: NDArray[np.uint8] | None, url: str | None) -> None:
        super().__init__()
        self.pack, self.cache, self.max_width, self.builtin, self.url = (
            pack, cache, max_width, builtin, url)
        self.cancelled = False

    def run(self) -> None:
        def bytes_done(done: int, total: int) -> bool:
            self.progress.emit(done, total)
            return not self.cancelled

        try:
            m = pack_body_map(install_pack(self.pack, self.cache, self.max_width, self.builtin,
                                           bytes_done, lambda f: not self.cancelled, self.url))
        except (JovianviewError, OSError) as exc:
            self.finished.emit(None, str(exc))
            return
        self.finished.emit(m, f"installed {self.pack.title}")


class PacksDialog(QDialog):
    """Lists the catalogue with sizes; installs the selected pack in a worker thread."""

    def __init__(self, controller: MapsController, cache: Path, max_width: int,
                 parent: QWidget | None = None,
                 url_override: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("HD texture packs")
        self.controller, self.cache, self.max_width = controller, cache, max_width
        self.url_override = url_override or {}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Public-domain NASA/USGS global maps. Downloads resume if "
                                "interrupted; maps are processed into " + str(cache)))
        self.list = QListWidget()
        for pack in CATALOGUE:
            item = QListWidgetItem(f"{pack.body.capitalize()}: {pack.title} "
                                   f"(about {pack.approx_bytes / 1e6:,.0f} MB)")
            item.setData(256, pack)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        self.bar = QProgressBar()
        layout.addWidget(self.bar)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.install_button = QPushButton("Download and install")
        self.cancel_button = QPushButton("Cancel download")
        self.cancel_button.setEnabled(False)
        layout.addWidget(self.install_button)
        layout.addWidget(self.cancel_button)
        self.install_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self._thread: QThread | None = None
        self.worker: _Worker | None = None
        self.last_message = ""

    def start(self) -> None:
        """Install the selected pack in a worker thread (progress and messages below)."""
        item = self.list.currentItem()
        if item is None:  # the list always has a current row (setCurrentRow(0))
            return
        pack: Pack = item.data(256)
        builtin = self.controller.maps.maps.get(pack.body)
        self.worker = _Worker(pack, self.cache, self.max_width,
                              builtin.image if builtin else None,
                              self.url_override.get(pack.body))
        self._thread = QThread(self)
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.install_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.status.setText(f"downloading {pack.url}")
        self._thread.start()

    def cancel(self) -> None:
        """Ask the running download to stop (it keeps what it has, to resume later)."""
        if self.worker is not None:
            self.worker.cancelled = True

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setMaximum(1000)
            self.bar.setValue(int(1000 * done / total))
        self.status.setText(f"{done / 1e6:,.1f} of {total / 1e6:,.1f} MB" if total > 0
                            else f"{done / 1e6:,.1f} MB")

    def _finished(self, body_map: BodyMap | None, message: str) -> None:
        if body_map is not None and self.worker is not None:
            pack: Pack = self.worker.pack
            self.controller.use_pack_map(pack.body, body_map)
        self.last_message = message
        self.status.setText(message)
        self.install_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(5000)
            self._thread = None
