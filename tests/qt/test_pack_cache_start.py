"""The window starts with damaged HD packs in the cache: set aside, said in the status bar."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.data.test_pack_cache import BAD

pytestmark = pytest.mark.gui


def test_window_starts_with_every_kind_of_damaged_pack(qtbot, tmp_path: Path,
                                                       monkeypatch) -> None:
    import vispy.app

    from jovianview.render.headless import _pick_backend

    _pick_backend()
    if vispy.app.use_app().backend_name.lower() != "pyqt6":
        pytest.skip("the window needs VisPy's PyQt6 backend")
    from jovianview.model.settings import SettingsStore
    from jovianview.qt.launch import open_window

    cache = tmp_path / "cache"
    for make, _ in BAD.values():  # each case writes its own body's files, except two "io"s
        make(cache / "maps")
    monkeypatch.setenv("JOVIANVIEW_CACHE_DIR", str(cache))
    monkeypatch.setenv("JOVIANVIEW_CONFIG_DIR", str(tmp_path))
    w = open_window(store=SettingsStore(tmp_path / "settings.json"))
    qtbot.addWidget(w)
    w.resize(640, 400)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.canvas.frames_drawn > 0, timeout=10000)  # it draws: started
    message = w.statusBar().currentMessage()
    assert "set aside" in message and "pluto" in message and "grs_u" in message
    assert w.maps.maps["jupiter"].source == "built-in"  # not the bad pack
    w.close()
