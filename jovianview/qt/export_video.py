"""File > Export video...: the choices of ``jovianview movie`` in a form, then a progress dialog.

The form starts from what the window shows: the span of the detail strip, the current camera
view, the 3D view's size, the scale and labels as set. Its choices are checked by
:func:`jovianview.render.movie_export.check_request`; a bad one is a line under the form,
which stays open. The export runs in the window's event loop, one frame per turn
(:class:`~jovianview.render.movie_export.MovieExport`; a worker thread encodes), so the
window keeps drawing and answering; the progress dialog shows the frames done, the time
left and Cancel, which leaves no file. Closing the window cancels an export in progress.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PyQt6.QtCore import QEvent, QObject, Qt, QTimer, pyqtSignal
from PyQt6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jovianview.core.errors import JovianviewError
from jovianview.core.timescale import tdb_to_iso
from jovianview.model.camera import PRESET_TITLES, PRESETS, View
from jovianview.model.settings import SCALE_MODES, Settings
from jovianview.model.types import ViewName
from jovianview.qt.guard import describe, guarded
from jovianview.render.movie_export import (
    CURRENT_VIEW,
    MovieExport,
    MovieRequest,
    check_request,
)
from jovianview.render.movie_export import describe as describe_export

if TYPE_CHECKING:
    from jovianview.qt.main_window import MainWindow

__all__ = ["ExportForm", "ExportVideoDialog", "VideoExporter", "default_span", "export_from_window",
           "window_exporter"]

IDLE_POLL_MS = 5  # the encoder's queue is full: look again in a moment
SCALE_TITLES = {"true": "True scale", "enlarged": "Enlarged moons and Juno"}


def default_span(centre: float, window_days: float,
                 data_span: tuple[float, float]) -> tuple[float, float]:
    """The detail strip's span (``window_days`` centred on ``centre``), inside the data."""
    half = window_days / 2.0
    start, end = max(centre - half, data_span[0]), min(centre + half, data_span[1])
    if end <= start:  # at the very edge of the data: a span inside it
        start, end = data_span[0], min(data_span[0] + window_days, data_span[1])
    return start, end


def _utc(tdb: float) -> str:
    return tdb_to_iso(tdb, 0).removesuffix("Z")


class ExportForm(QDialog):
    """What both export forms share: the file row, the line for a problem, Export/Cancel.

    A subclass builds its rows into a :class:`QFormLayout`, then calls :meth:`finish` with it;
    :meth:`check` returns its checked request or raises JovianviewError.
    """

    request: object | None = None

    def out_row(self, out: str) -> QHBoxLayout:
        """The file field (:attr:`out_edit`) with its Browse button."""
        self.out_edit = QLineEdit(out)
        self.out_edit.setToolTip(".mp4 (H.264), .gif (short clips), or a folder ending with / "
                                 "for numbered PNGs")
        browse = QPushButton("Browse...")
        browse.clicked.connect(guarded(lambda _=False: self._browse()))
        row = QHBoxLayout()
        row.addWidget(self.out_edit, 1)
        row.addWidget(browse)
        return row

    def finish(self, form: QFormLayout) -> None:
        """Lay out ``form``, the problem line and the buttons."""
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #d04040")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(guarded(lambda: self.accept()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), self.out_edit.text(),
                                              "MP4 video (*.mp4);;GIF animation (*.gif)")
        if path:
            self.out_edit.setText(path)

    def check(self) -> object:
        """The form's checked request (JovianviewError names the first problem)."""
        raise NotImplementedError

    def accept(self) -> None:
        """Close with a checked request, or keep the form open with the problem under it."""
        try:
            self.request = self.check()
        except JovianviewError as exc:
            self.message.setText(str(exc))
            return
        self.message.clear()
        super().accept()


class ExportVideoDialog(ExportForm):
    """The form: span, view, size, rate, length, scale, labels and file.

    After :meth:`accept`, :attr:`request` holds the checked :class:`MovieRequest`.
    """

    def __init__(self, parent: QWidget | None, *, span: tuple[float, float],
                 data_span: tuple[float, float], size: tuple[int, int], settings: Settings,
                 current_pose: View | None, current_preset: ViewName,
                 out: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Export video")
        self.settings, self.data_span = settings, data_span
        self.current_pose, self.current_preset = current_pose, current_preset
        self.request: MovieRequest | None = None
        self.start_edit = QLineEdit(_utc(span[0]))
        self.end_edit = QLineEdit(_utc(span[1]))
        self.view_box = QComboBox()
        if current_pose is not None:
            self.view_box.addItem("Current view (as shown now)", CURRENT_VIEW)
        for name in PRESETS:
            self.view_box.addItem(PRESET_TITLES[name], name)
        w, h = size
        self.size_edit = QLineEdit(f"{w - w % 2}x{h - h % 2}")  # H.264 needs even sides
        self.fps_edit = QLineEdit("30")
        self.duration_edit = QLineEdit()
        self.duration_edit.setPlaceholderText("one second per simulated hour")
        self.scale_box = QComboBox()
        for mode in SCALE_MODES:
            self.scale_box.addItem(SCALE_TITLES.get(mode, mode), mode)
        self.scale_box.setCurrentIndex(SCALE_MODES.index(settings.scale_mode))
        self.labels_box = QCheckBox("Body labels")
        self.labels_box.setChecked(settings.show_labels)
        out_row = self.out_row(out or str(Path.home() / "jovianview.mp4"))
        form = QFormLayout()
        form.addRow("From (UTC)", self.start_edit)
        form.addRow("To (UTC)", self.end_edit)
        form.addRow("View", self.view_box)
        form.addRow("Size (pixels)", self.size_edit)
        form.addRow("Frames per second", self.fps_edit)
        form.addRow("Length (seconds)", self.duration_edit)
        form.addRow("Scale", self.scale_box)
        form.addRow("", self.labels_box)
        form.addRow("File", out_row)
        self.finish(form)

    def check(self) -> MovieRequest:
        """The form's choices, checked (JovianviewError names the first problem)."""
        return check_request(
            self.start_edit.text(), self.end_edit.text(), self.out_edit.text(),
            view=str(self.view_box.currentData()), size=self.size_edit.text(),
            fps=self.fps_edit.text(), duration=self.duration_edit.text(),
            scale=str(self.scale_box.currentData()), labels=self.labels_box.isChecked(),
            settings=self.settings, data_span=self.data_span, current_pose=self.current_pose,
            current_preset=self.current_preset)


class VideoExporter(QObject):
    """Runs one export at a time in the event loop, with a progress dialog.

    Signals
    -------
    finished(str)
        The export ended: the line for the status bar (saved, cancelled, or what failed).
    """

    finished = pyqtSignal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.last_path = ""  # the file of the last export, offered again
        self.export: MovieExport | None = None
        self.path: Path | None = None  # where the running export writes
        self._done_text = ""
        self.progress: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(guarded(self._step))
        window.installEventFilter(self)  # closing the window cancels the export

    @property
    def running(self) -> bool:
        """True while an export renders or writes."""
        return self.export is not None and self.export.active

    def run(self, path: Path, export: MovieExport, done_text: str) -> None:
        """Show the progress dialog and drive ``export`` (writing ``path``) until it ends;
        ``done_text`` is the status line when it succeeds."""
        self.path, self.export, self._done_text = path, export, done_text
        progress = QProgressDialog(f"Exporting {path.name}...", "Cancel", 0,
                                   export.total, self.window)
        progress.setWindowTitle("Export video")
        progress.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumDuration(0)
        progress.canceled.connect(guarded(lambda: self.cancel()))
        progress.setMinimumWidth(380)
        progress.show()
        self.progress = progress
        self._timer.start(0)

    def _label(self) -> str:
        assert self.export is not None
        export = self.export
        if export.phase == "writing":
            return "Writing the file..."
        left = export.seconds_left()
        eta = "estimating the time left" if left is None else f"about {_duration(left)} left"
        return f"Frame {export.done} of {export.total}, {eta}"

    def _step(self) -> None:
        export = self.export
        if export is None or not export.active:
            return
        before = export.done
        try:
            more = export.step()
        except Exception as exc:  # noqa: BLE001 - the export removed its file: say why
            self._end(f"video not saved: {describe(exc)}")
            return
        if self.progress is not None:
            self.progress.setValue(export.done)
            self.progress.setLabelText(self._label())
            if export.phase == "writing":
                self.progress.setCancelButton(None)  # the file is being put in place
        if not more:
            self._end(self._done_text)
            return
        self._timer.start(0 if export.done > before else IDLE_POLL_MS)

    def cancel(self) -> None:
        """Stop the export; nothing is left on disk."""
        if self.export is not None and self.export.cancel():
            self._end(f"export cancelled: nothing was written to {self.path}")

    def _end(self, message: str) -> None:
        self._timer.stop()
        if self.progress is not None:
            self.progress.canceled.disconnect()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.finished.emit(message)

    def eventFilter(self, watched: QObject | None, event: QEvent | None) -> bool:  # noqa: N802
        """Cancel a running export when the window closes."""
        if watched is self.window and event is not None and event.type() == QEvent.Type.Close:
            self.cancel()
        return False


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


def window_exporter(window: MainWindow) -> VideoExporter | None:
    """The window's exporter, or None (with a status line) while it is busy."""
    exporter = window.findChild(VideoExporter)
    if exporter is None:
        exporter = VideoExporter(window)
        exporter.finished.connect(lambda text: window.status_bar().showMessage(text, 10000))
    if exporter.running:
        window.status_bar().showMessage("a video is being exported: wait for it or cancel it",
                                        6000)
        return None
    return exporter


def export_from_window(window: MainWindow) -> None:
    """File > Export video...: the form (from what ``window`` shows), then the export."""
    from jovianview.model.sources import data_span

    exporter = window_exporter(window)
    if exporter is None:
        return
    span = data_span()
    camera = window.camera
    w, h = window.canvas.physical_size
    dialog = ExportVideoDialog(
        window, span=default_span(window.clock.tdb(), window.detail.window_days, span),
        data_span=span, size=(w, h), settings=window.settings,
        current_pose=camera.target_view, current_preset=cast(ViewName, camera.preset),
        out=exporter.last_path)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.request is None:
        return
    request = dialog.request
    exporter.last_path = str(request.path) + ("/" if request.kind == "png" else "")
    try:
        export = MovieExport.start(request, window.ephemeris)
    except JovianviewError as exc:
        window.status_bar().showMessage(f"video not saved: {exc}", 10000)
        return
    exporter.run(request.path, export, describe_export(request))
