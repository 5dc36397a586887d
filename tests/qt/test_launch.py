"""Starting the program when OpenGL cannot be had: a dialog and a console line, exit 1."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_no_opengl_gives_a_dialog_and_a_console_message(qtbot, monkeypatch, capsys) -> None:
    from PyQt6.QtWidgets import QMessageBox

    from jovianview.qt import launch

    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)

    def no_gl(start_tdb=None, store=None):  # noqa: ANN001, ANN202 - open_window's signature
        raise RuntimeError("Could not create an OpenGL context: GLX is not available")

    monkeypatch.setattr(launch, "open_window", no_gl)
    assert launch.run_gui() == 1
    err = capsys.readouterr().err
    assert "GLX is not available" in err and "OpenGL" in err
    assert len(shown) == 1
    assert "could not start OpenGL" in shown[0].text()
    assert "LIBGL_ALWAYS_SOFTWARE" in shown[0].informativeText()  # what to try


def test_no_display_is_a_console_message(monkeypatch, capsys) -> None:
    import sys

    from jovianview.qt import launch

    if not sys.platform.startswith("linux"):
        pytest.skip("the display check is for X11/Wayland")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert launch.run_gui() == 1
    assert "no display found" in capsys.readouterr().err
