"""The "Drape image on body..." dialog: a global map or a map-projected patch."""

from __future__ import annotations

from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QWidget,
)

from jovianview.core.imagemaps import CONVENTIONS, ImageMapError, PatchBounds
from jovianview.model.maps import BODIES
from jovianview.qt.maps_controller import MapsController

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.tif *.tiff);;All files (*)"


def _spin(lo: float, hi: float, value: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(lo, hi)
    box.setDecimals(2)
    box.setValue(value)
    return box


def _add_button(box: QDialogButtonBox, text: str,
                role: QDialogButtonBox.ButtonRole) -> QPushButton:
    """A new button in ``box`` (Qt's addButton(text, role) returns it; None only for an
    invalid role)."""
    button = box.addButton(text, role)
    assert button is not None
    return button


class DrapeDialog(QDialog):
    """Choose a body, an image and how its longitudes run; Apply loads it (with progress)."""

    def __init__(self, controller: MapsController, parent: QWidget | None = None,
                 body: str = "jupiter") -> None:
        super().__init__(parent)
        self.setWindowTitle("Drape image on body")
        self.controller = controller
        self.message = ""
        form = QFormLayout(self)
        self.body_box = QComboBox()
        for b in BODIES:
            self.body_box.addItem(b.capitalize(), b)
        form.addRow("Body", self.body_box)
        self.path_edit = QLineEdit()
        browse = QPushButton("Browse...")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit)
        row.addWidget(browse)
        form.addRow("Image file", row)
        self.global_radio = QRadioButton("Global map (equirectangular, 2:1)")
        self.patch_radio = QRadioButton("Patch over part of the body (lat/lon bounds)")
        self.global_radio.setChecked(True)
        form.addRow(self.global_radio)
        form.addRow(self.patch_radio)
        self.convention_box = QComboBox()
        for key, text in CONVENTIONS.items():
            self.convention_box.addItem(text, key)
        form.addRow("Longitudes", self.convention_box)
        self.lon_left, self.lon_right = _spin(-360, 360, 0.0), _spin(-360, 360, 60.0)
        self.lat_top, self.lat_bottom = _spin(-90, 90, 30.0), _spin(-90, 90, -30.0)
        self.west_box = QCheckBox("West longitudes (System III, as JunoCam maps)")
        self.west_box.setChecked(True)
        self.opacity = _spin(0.05, 1.0, 1.0)
        for label, w in (("Left edge longitude", self.lon_left),
                         ("Right edge longitude", self.lon_right),
                         ("Top edge latitude", self.lat_top),
                         ("Bottom edge latitude", self.lat_bottom), ("", self.west_box),
                         ("Opacity", self.opacity)):
            form.addRow(label, w)
        self.status = QLabel()
        self.status.setWordWrap(True)
        form.addRow(self.status)
        buttons = QDialogButtonBox()
        self.apply_button = _add_button(buttons, "Apply", QDialogButtonBox.ButtonRole.ApplyRole)
        self.restore_button = _add_button(buttons, "Restore built-in map",
                                          QDialogButtonBox.ButtonRole.ResetRole)
        self.clear_patch_button = _add_button(buttons, "Remove patch",
                                              QDialogButtonBox.ButtonRole.ResetRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.apply_button.clicked.connect(self.apply)
        self.restore_button.clicked.connect(self._restore)
        self.clear_patch_button.clicked.connect(self._clear_patch)
        form.addRow(buttons)
        self.body_box.currentIndexChanged.connect(self._body_changed)
        self.global_radio.toggled.connect(self._mode_changed)
        self.body_box.setCurrentIndex(BODIES.index(body) if body in BODIES else 0)
        self._body_changed()
        self._mode_changed()

    @property
    def body(self) -> str:
        """The body chosen in the dialog."""
        return self.body_box.currentData()

    def _body_changed(self) -> None:
        """Show the convention last used for this body (it persists per body)."""
        idx = self.convention_box.findData(self.controller.convention_for(self.body))
        self.convention_box.setCurrentIndex(max(idx, 0))

    def _mode_changed(self) -> None:
        patch = self.patch_radio.isChecked()
        self.convention_box.setEnabled(not patch)
        for w in (self.lon_left, self.lon_right, self.lat_top, self.lat_bottom, self.west_box,
                  self.opacity):
            w.setEnabled(patch)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose an image", "", IMAGE_FILTER)
        if path:
            self.path_edit.setText(path)

    def apply(self) -> bool:
        """Load the chosen image; on failure say why and keep what the body had."""
        path = self.path_edit.text().strip()
        if not path:
            self._say("Choose an image file first.", error=True)
            return False
        progress = QProgressDialog("Reading and resampling the image...", "Cancel", 0, 100, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def step(fraction: float) -> bool:
            progress.setValue(int(fraction * 100))
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            if self.patch_radio.isChecked():
                bounds = PatchBounds(self.lon_left.value(), self.lon_right.value(),
                                     self.lat_top.value(), self.lat_bottom.value(),
                                     self.west_box.isChecked())
                self.controller.set_patch(self.body, path, bounds, self.opacity.value(), step)
                self._say(f"Patch laid over {self.body.capitalize()}.")
            else:
                self.controller.drape(self.body, path, self.convention_box.currentData(), step)
                self._say(f"{self.body.capitalize()} now wears {path}.")
        except (ImageMapError, ValueError) as exc:
            self._say(f"Not applied: {exc}. {self.body.capitalize()} keeps its map.", error=True)
            return False
        finally:
            progress.close()
        return True

    def _restore(self) -> None:
        self.controller.restore_builtin(self.body)
        self._say(f"{self.body.capitalize()} wears its built-in map again.")

    def _clear_patch(self) -> None:
        self.controller.clear_patch(self.body)
        self._say(f"Patch removed from {self.body.capitalize()}.")

    def _say(self, text: str, error: bool = False) -> None:
        self.message = text
        self.status.setStyleSheet("color: #c0392b;" if error else "")
        self.status.setText(text)
