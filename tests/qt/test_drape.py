"""User images on bodies: Qt decoding (8/16-bit, grey/colour, PNG/JPEG/TIFF), the controller
keeping the old map when a new one fails, per-body conventions, patches, the dialog."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.imagemaps import ImageMapError, PatchBounds
from jovianview.model.maps import BodyMap, MapsModel
from jovianview.model.settings import Settings

pytestmark = pytest.mark.gui


def save(path, array: np.ndarray) -> None:
    """Write a small test image with Qt (format from the suffix)."""
    from PyQt6.QtGui import QImage

    a = np.ascontiguousarray(array)
    h, w = a.shape[:2]
    if a.dtype == np.uint16 and a.ndim == 2:
        img = QImage(a.data, w, h, w * 2, QImage.Format.Format_Grayscale16)
    elif a.ndim == 2:
        img = QImage(a.data, w, h, w, QImage.Format.Format_Grayscale8)
    else:
        img = QImage(a.data, w, h, w * 3, QImage.Format.Format_RGB888)
    assert img.copy().save(str(path)), path


@pytest.fixture
def controller(qapp):
    from jovianview.qt.maps_controller import MapsController

    base = np.zeros((4, 8, 3), np.uint8)
    maps = MapsModel({b: BodyMap(base.copy(), "built-in") for b in ("jupiter", "io")})
    return MapsController(maps, Settings(), max_width=64)


def halves(w: int = 128, h: int = 64) -> np.ndarray:
    """Left half dark, right half bright: 0 deg at the centre, east bright."""
    a = np.zeros((h, w, 3), np.uint8)
    a[:, w // 2:] = (250, 120, 30)
    return a


@pytest.mark.parametrize("suffix", ["png", "jpg", "tif"])
def test_colour_map_in_each_format(controller, tmp_path, suffix) -> None:
    save(tmp_path / f"m.{suffix}", halves())
    m = controller.drape("io", tmp_path / f"m.{suffix}", "centre-east")
    assert m.image.shape == (32, 64, 3)  # downsampled to max_width
    assert m.image[:, 40:, 0].mean() > 200 and m.image[:, :24, 0].mean() < 30
    assert controller.maps.maps["io"] is m


def test_sixteen_bit_grey_and_west_convention(controller, tmp_path) -> None:
    grey = np.zeros((64, 128), np.uint16)
    grey[:, 64:] = 60000  # bright where WEST longitudes are positive (right half)
    save(tmp_path / "g16.png", grey)
    m = controller.drape("io", tmp_path / "g16.png", "centre-west")
    # west-positive to the right means east-positive to the left: bright moves left
    assert m.image[:, :24].mean() > 200 and m.image[:, 40:].mean() < 30
    assert controller.settings.map_conventions["io"] == "centre-west"
    assert controller.convention_for("jupiter") == "centre-east"  # per body


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: save(p, np.zeros((64, 100, 3), np.uint8)), "2:1"),
    (lambda p: p.write_bytes(b"not an image at all"), "not a PNG"),
    (lambda p: (save(p, np.random.default_rng(2).integers(0, 255, (64, 128, 3), np.uint8)),
                p.write_bytes(p.read_bytes()[:300])), "truncated"),
])
def test_bad_files_fail_cleanly_and_keep_the_old_map(controller, tmp_path, make,
                                                     message) -> None:
    save(tmp_path / "good.png", halves())
    good = controller.drape("jupiter", tmp_path / "good.png", "centre-east")
    bad = tmp_path / "bad.png"
    make(bad)
    with pytest.raises(ImageMapError, match=message):
        controller.drape("jupiter", bad, "edge-west")
    assert controller.maps.maps["jupiter"] is good
    assert controller.settings.map_files["jupiter"] == str(tmp_path / "good.png")
    assert controller.settings.map_conventions["jupiter"] == "centre-east"


def test_patch_and_restore_from_settings(controller, tmp_path) -> None:
    save(tmp_path / "patch.png", np.full((20, 40, 3), 200, np.uint8))
    bounds = PatchBounds(300.0, 340.0, -10.0, -40.0, west=True)
    controller.set_patch("jupiter", tmp_path / "patch.png", bounds, 0.8)
    assert controller.maps.patches["jupiter"].bounds == bounds
    spec = controller.settings.patches["jupiter"]
    assert spec["lon_left"] == 300.0 and spec["opacity"] == 0.8
    # a fresh session replays the remembered patch; a missing file is reported, not fatal
    from jovianview.qt.maps_controller import MapsController

    fresh = MapsController(MapsModel({"jupiter": BodyMap(np.zeros((4, 8, 3), np.uint8), "b")}),
                           controller.settings, 64)
    controller.settings.map_files = {"jupiter": str(tmp_path / "gone.png")}
    problems = fresh.restore_from_settings()
    assert "jupiter" in fresh.maps.patches
    assert len(problems) == 1 and "gone.png" in problems[0]


def test_dialog_reports_failure_and_remembers_convention(controller, tmp_path, qtbot) -> None:
    from jovianview.qt.drape_dialog import DrapeDialog

    controller.settings.map_conventions = {"io": "edge-west"}
    dlg = DrapeDialog(controller, body="io")
    qtbot.addWidget(dlg)
    assert dlg.convention_box.currentData() == "edge-west"
    dlg.body_box.setCurrentIndex(0)  # jupiter
    assert dlg.convention_box.currentData() == "centre-east"
    (tmp_path / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    dlg.path_edit.setText(str(tmp_path / "x.png"))
    assert dlg.apply() is False
    assert "keeps its map" in dlg.message
    save(tmp_path / "ok.png", halves())
    dlg.path_edit.setText(str(tmp_path / "ok.png"))
    assert dlg.apply() is True
    assert controller.maps.maps["jupiter"].source.endswith("ok.png")


def test_dialog_drape_of_an_eight_byte_jpeg_says_why_and_keeps_the_map(controller, tmp_path,
                                                                       qtbot) -> None:
    """Crash item 1: the header probe's struct.error escaped the dialog and aborted Qt."""
    from jovianview.qt.drape_dialog import DrapeDialog

    save(tmp_path / "ok.png", halves())
    good = controller.drape("jupiter", tmp_path / "ok.png", "centre-east")
    (tmp_path / "x.jpg").write_bytes(b"\xff\xd8\xff\xc0\x00\x11\x08\x00")
    dlg = DrapeDialog(controller, body="jupiter")
    qtbot.addWidget(dlg)
    for patch in (False, True):
        dlg.patch_radio.setChecked(patch)
        dlg.path_edit.setText(str(tmp_path / "x.jpg"))
        assert dlg.apply() is False
        assert "x.jpg is truncated or damaged" in dlg.message
        assert "keeps its map" in dlg.message
    assert controller.maps.maps["jupiter"] is good
    assert "jupiter" not in controller.maps.patches
