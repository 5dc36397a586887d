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


@pytest.mark.parametrize("error", [
    "data", "oserror", "keyerror", "settingerror",
])
def test_other_start_failures_never_show_the_opengl_dialog(qtbot, monkeypatch, capsys,
                                                           error: str) -> None:
    import sys

    from PyQt6.QtWidgets import QMessageBox

    from jovianview.core.errors import DataFileError
    from jovianview.model.validation import SettingError
    from jovianview.qt import launch

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs the guard
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    exc = {"data": DataFileError("the moon table assets/ephemeris/moons.npz is corrupt"),
           "oserror": PermissionError(13, "Permission denied", "/home/t/.cache/jovianview"),
           "keyerror": KeyError("grs_u"),
           "settingerror": SettingError("setting 'rate' must be a finite number")}[error]

    def broken(start_tdb=None, store=None):  # noqa: ANN001, ANN202 - open_window's signature
        raise exc

    monkeypatch.setattr(launch, "open_window", broken)
    assert launch.run_gui() == 1
    assert len(shown) == 1
    assert "OpenGL" not in shown[0].text() + shown[0].informativeText()
    assert shown[0].text().startswith("jovianview could not start")
    err = capsys.readouterr().err
    assert "LIBGL_ALWAYS_SOFTWARE" not in err and "Traceback" in err


@pytest.mark.parametrize(("message", "is_gl"), [
    ("Could not create an OpenGL context: GLX is not available", True),
    ("eglInitialize failed", True),
    ("glCreateShader returned 0", True),
    ("shader compilation failed: 0:1(10): error: GLSL 1.20 is not supported", True),
    ("global name 'x' is not defined", False),
    ("the settings context is wrong", False),
])
def test_opengl_problems_are_told_apart(message: str, is_gl: bool) -> None:
    from jovianview.qt.launch import is_opengl_problem

    assert is_opengl_problem(RuntimeError(message)) is is_gl
