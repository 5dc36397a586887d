"""No exception escapes a Qt slot: a message box says what failed, the window keeps running."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


def _action(window, text: str):  # noqa: ANN001, ANN202
    for menu_action in window.menuBar().actions():
        for act in menu_action.menu().actions():
            if act.text() == text:
                return act
    raise AssertionError(f"no menu entry {text!r}")


def _error_box():  # noqa: ANN202
    from PyQt6.QtWidgets import QApplication, QMessageBox

    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.objectName() == "jovianview_error_box"
             and w.isVisible()]
    return boxes[0] if boxes else None


def _still_running(window, qtbot) -> None:  # noqa: ANN001
    drawn = window.canvas.frames_drawn
    window.canvas.update()
    qtbot.waitUntil(lambda: window.canvas.frames_drawn > drawn, timeout=5000)
    assert window.isVisible()


def _save_image_to(window, qtbot, monkeypatch, path: Path) -> str:  # noqa: ANN001
    from PyQt6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(path), "PNG (*.png)")))
    _action(window, "Save &image...").trigger()
    qtbot.waitUntil(lambda: _error_box() is not None, timeout=5000)
    box = _error_box()
    text = box.text()
    box.close()
    return text


def test_save_image_without_permission_shows_a_message(window, qtbot, monkeypatch,
                                                       tmp_path: Path) -> None:
    """PermissionError from the PNG writer (the tests run as root, so it is simulated)."""
    import jovianview.data.images as png

    target = tmp_path / "locked" / "frame.png"

    def refused(path, image):  # noqa: ANN001, ANN202 - write_png's signature
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(png, "write_png", refused)
    text = _save_image_to(window, qtbot, monkeypatch, target)
    assert "Permission denied" in text and str(target) in text
    _still_running(window, qtbot)


def test_save_image_under_a_regular_file_shows_a_message(window, qtbot, monkeypatch,
                                                         tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    text = _save_image_to(window, qtbot, monkeypatch, blocker / "frame.png")
    assert "Not a directory" in text or "No such file" in text
    _still_running(window, qtbot)


def test_guarded_returns_none_and_reports(qtbot) -> None:
    from jovianview.qt.guard import guarded

    calls: list[int] = []

    @guarded
    def slot(x: int) -> int:
        calls.append(x)
        raise KeyError("boom")

    assert slot(3) is None and calls == [3]
    qtbot.waitUntil(lambda: _error_box() is not None, timeout=3000)
    box = _error_box()
    assert "KeyError" in box.text() and "boom" in box.text()
    assert slot(4) is None  # a second error while the box is open: logged, no second box
    box.close()


def test_excepthook_reports_instead_of_aborting(qtbot, monkeypatch, caplog) -> None:
    from jovianview.qt import guard

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    previous = guard.install_excepthook()
    assert sys.excepthook is guard._hook and previous is not guard._hook
    try:
        raise OSError(28, "No space left on device", "/full/disk.png")
    except OSError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: _error_box() is not None, timeout=3000)
    box = _error_box()
    assert box.text() == "That did not work: No space left on device: /full/disk.png"
    box.close()
    assert "No space left" in caplog.text and "Traceback" in caplog.text


def test_a_refused_setting_in_a_dialog_is_a_message(window, qtbot, monkeypatch) -> None:
    """A NaN longitude typed into the Great Red Spot dialog: the setting refuses it."""
    from PyQt6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("nan", True)))
    _action(window, "Great Red Spot &longitude...").trigger()
    qtbot.waitUntil(lambda: _error_box() is not None, timeout=3000)
    box = _error_box()
    assert "grs_system2_longitude" in box.text()
    box.close()
    assert window.settings.grs_system2_longitude is None
    _still_running(window, qtbot)
