"""Tours > Export tour as video...: a tour, the size, frame rate, scale and file, then the
export with the same progress dialog as File > Export video... (Cancel leaves no file).

The tour is checked as ``jovianview tour --check`` checks it; a tour with problems is not
exported and the window shows the same dialog as when playing it. The video is what
``jovianview movie --tour FILE`` writes: each step for its ``seconds``, its caption drawn
into the frame, on a hidden canvas of its own, so the window keeps drawing and answering.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PyQt6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from jovianview.core.errors import JovianviewError
from jovianview.model.settings import SCALE_MODES
from jovianview.model.tour import Tour
from jovianview.qt.export_video import SCALE_TITLES, ExportForm, window_exporter
from jovianview.render.tour_movie import (
    TourRequest,
    check_tour_request,
    describe_tour_export,
    start_tour_export,
)

if TYPE_CHECKING:
    from jovianview.qt.main_window import MainWindow

__all__ = ["ExportTourDialog", "export_tour_from_window"]

DEFAULT_SIZE = "1280x720"  # what a projector and a video site both take


class ExportTourDialog(ExportForm):
    """The form for one checked ``tour``; after :meth:`accept`, :attr:`request` is set."""

    def __init__(self, parent: QWidget | None, tour: Tour, source: Path, *, out: str = "",
                 scale: str = "enlarged", labels: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export tour as video")
        self.tour = tour
        self.request: TourRequest | None = None
        self.size_edit = QLineEdit(DEFAULT_SIZE)
        self.fps_edit = QLineEdit("30")
        self.scale_box = QComboBox()
        for mode in SCALE_MODES:
            self.scale_box.addItem(SCALE_TITLES.get(mode, mode), mode)
        self.scale_box.setCurrentIndex(SCALE_MODES.index(scale) if scale in SCALE_MODES else 0)
        self.labels_box = QCheckBox("Body labels")
        self.labels_box.setChecked(labels)
        out_row = self.out_row(out or str(Path.home() / f"{source.stem}.mp4"))
        steps = len(tour.steps)
        about = QLabel(f"<b>{tour.title}</b>: {steps} step{'s' if steps != 1 else ''}, "
                       f"each for its own seconds, captions drawn into the picture")
        about.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Tour", about)
        form.addRow("Size (pixels)", self.size_edit)
        form.addRow("Frames per second", self.fps_edit)
        form.addRow("Scale", self.scale_box)
        form.addRow("", self.labels_box)
        form.addRow("File", out_row)
        self.finish(form)

    def check(self) -> TourRequest:
        """The form's choices, checked (JovianviewError names the first problem)."""
        return check_tour_request(self.tour, self.out_edit.text(), size=self.size_edit.text(),
                                  fps=self.fps_edit.text(),
                                  scale=str(self.scale_box.currentData()),
                                  labels=self.labels_box.isChecked())


def export_tour_from_window(window: MainWindow, tour: Tour, source: Path) -> None:
    """The form for the checked ``tour`` (read from ``source``), then the export with its
    progress dialog."""
    exporter = window_exporter(window)
    if exporter is None:
        return
    dialog = ExportTourDialog(window, tour, source, out=exporter.last_path,
                              scale=window.settings.scale_mode,
                              labels=window.settings.show_labels)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.request is None:
        return
    request = dialog.request
    exporter.last_path = str(request.path) + ("/" if request.kind == "png" else "")
    try:
        export = start_tour_export(request, window.ephemeris)
    except JovianviewError as exc:
        window.status_bar().showMessage(f"video not saved: {exc}", 10000)
        return
    exporter.run(request.path, export, describe_tour_export(request))
