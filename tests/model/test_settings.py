"""Settings: defaults, round trip, atomic save, a corrupt file set aside."""

from __future__ import annotations

import json
from pathlib import Path

from jovianview.model.settings import Settings, SettingsStore, config_dir


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    assert store.load() == Settings()
    assert store.notice is None


def test_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "sub" / "settings.json")
    s = Settings(distance_unit="RJ", scale_mode="true", last_tdb=2459851.5,
                 window_geometry="01ff", docks_visible={"time": False})
    store.save(s)
    assert store.load() == s
    assert not list((tmp_path / "sub").glob(".settings-*"))  # no temporary file left


def test_save_replaces_atomically(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "settings.json"
    store = SettingsStore(path)
    store.save(Settings(rate=10.0))
    import jovianview.model.settings as mod

    def failing_replace(src, dst):  # the rename never happens: a crash mid-save
        raise OSError("disk gone")

    monkeypatch.setattr(mod.os, "replace", failing_replace)
    try:
        store.save(Settings(rate=99.0))
    except OSError:
        pass
    monkeypatch.undo()
    assert json.loads(path.read_text())["rate"] == 10.0  # the old file is intact
    assert not list(tmp_path.glob(".settings-*"))


def test_corrupt_file_is_set_aside_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{ not json")
    store = SettingsStore(path)
    assert store.load() == Settings()
    assert store.notice and "unreadable" in store.notice
    assert not path.exists()
    assert len(list(tmp_path.glob("settings.json.corrupt-*"))) == 1


def test_wrong_types_count_as_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"show_labels": "yes"}))
    store = SettingsStore(path)
    assert store.load() == Settings()
    assert "show_labels" in (store.notice or "")


def test_bad_choice_counts_as_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"scale_mode": "huge"}))
    store = SettingsStore(path)
    assert store.load() == Settings()
    assert "scale_mode" in (store.notice or "")


def test_unknown_keys_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"show_trail": False, "from_the_future": 1}))
    assert SettingsStore(path).load() == Settings(show_trail=False)


def test_config_dir_override(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JOVIANVIEW_CONFIG_DIR", str(tmp_path))
    assert config_dir() == tmp_path


def test_fields_emit_changes() -> None:
    s = Settings()
    seen = []
    s.events.scale_mode.connect(seen.append)
    s.scale_mode = "true"
    assert seen == ["true"]
