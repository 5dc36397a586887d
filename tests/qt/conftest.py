"""The main window on a real X server (pytest-xvfb), with settings in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch):
    import vispy.app

    from jovianview.render.headless import _pick_backend

    monkeypatch.setenv("JOVIANVIEW_CONFIG_DIR", str(tmp_path))
    _pick_backend()
    if vispy.app.use_app().backend_name.lower() != "pyqt6":
        pytest.skip("the window needs VisPy's PyQt6 backend")
    from jovianview.model.settings import SettingsStore
    from jovianview.qt.launch import open_window

    w = open_window(store=SettingsStore(tmp_path / "settings.json"))
    qtbot.addWidget(w)
    w.resize(900, 600)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.canvas.frames_drawn > 0, timeout=10000)
    return w


@pytest.fixture
def answer_dialog(monkeypatch):
    """Replace a form's exec(): ``install(cls, answer)`` makes ``answer(dialog)`` fill each
    ``cls`` form, then presses Export; returns the list of forms shown."""
    from PyQt6.QtWidgets import QDialog

    seen = []

    def install(cls, answer):
        def exec_(self) -> int:
            seen.append(self)
            answer(self)
            self.accept()
            return int(QDialog.DialogCode.Accepted if self.request is not None
                       else QDialog.DialogCode.Rejected)

        monkeypatch.setattr(cls, "exec", exec_)
        return seen

    return install
