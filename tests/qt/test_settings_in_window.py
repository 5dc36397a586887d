"""The window with bad settings files (it starts, says so) and saving as settings change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.model.test_settings_files import BAD_FILES

pytestmark = pytest.mark.gui
STARTS_WITH = ["random bytes", "UTF-16", "deep nesting (RecursionError)", "NaN", "Infinity",
               "huge integer", "wrong type"]


@pytest.mark.parametrize("case", STARTS_WITH)
def test_window_starts_with_a_bad_settings_file(qtbot, tmp_path: Path, monkeypatch,
                                                case: str) -> None:
    import vispy.app

    from jovianview.model.settings import Settings, SettingsStore
    from jovianview.qt.launch import open_window
    from jovianview.render.headless import _pick_backend

    monkeypatch.setenv("JOVIANVIEW_CONFIG_DIR", str(tmp_path))
    _pick_backend()
    if vispy.app.use_app().backend_name.lower() != "pyqt6":
        pytest.skip("the window needs VisPy's PyQt6 backend")
    path = tmp_path / "settings.json"
    path.write_bytes(BAD_FILES[case])
    w = open_window(store=SettingsStore(path))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.canvas.frames_drawn > 0, timeout=10000)
    assert "unreadable" in w.statusBar().currentMessage()
    assert list(tmp_path.glob("settings.json.corrupt-*"))
    defaults = Settings()
    assert (w.settings.show_labels, w.settings.scale_mode) == (defaults.show_labels,
                                                               defaults.scale_mode)


def test_a_changed_setting_is_saved_without_closing(window, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert not path.exists()
    window.settings.show_trail = False  # as the View > Juno's trail toggle does
    qtbot.waitUntil(lambda: path.exists(), timeout=5000)
    assert json.loads(path.read_text(encoding="utf-8"))["show_trail"] is False
    window.settings.distance_unit = "RJ"
    qtbot.waitUntil(lambda: json.loads(path.read_text(encoding="utf-8"))["distance_unit"]
                    == "RJ", timeout=5000)
    assert not list(tmp_path.glob(".settings-*.tmp"))


def test_closing_stops_the_autosave(window, qtbot, tmp_path: Path) -> None:
    window.close()
    path = tmp_path / "settings.json"
    saved = path.read_text(encoding="utf-8")
    window.settings.show_labels = not window.settings.show_labels
    qtbot.wait(1500)
    assert path.read_text(encoding="utf-8") == saved
