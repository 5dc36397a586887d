"""The settings model: checks on assignment, annotation-driven fields, folders, autosave."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from typing import Annotated, get_args

import pytest
from psygnal import evented

from jovianview.model.autosave import SettingsAutosave
from jovianview.model.settings import Settings, SettingsStore
from jovianview.model.types import VIEW_NAMES
from jovianview.model.user_dirs import cache_dir, config_dir
from jovianview.model.validation import Range, SettingError, check_value

BAD_ASSIGNMENTS = [
    ("rate", float("nan")), ("rate", math.inf), ("rate", 0.0), ("rate", -5.0), ("rate", 1e300),
    ("rate", 10**400), ("rate", "fast"), ("rate", True), ("rate", None),
    ("last_tdb", float("nan")), ("last_tdb", 1e308), ("last_tdb", "2022-09-29"),
    ("grs_system2_longitude", 400.0), ("grs_system2_longitude", float("nan")),
    ("show_labels", "yes"), ("show_labels", 1), ("scale_mode", "huge"), ("view", "mars"),
    ("view", 3), ("distance_unit", "miles"), ("background", None),
    ("map_files", {"pluto": "x.png"}), ("map_files", {"io": 3}), ("map_files", ["io"]),
    ("map_conventions", {"io": "upside-down"}), ("docks_visible", {"time": "no"}),
    ("patches", {"io": {"opacity": float("nan")}}), ("patches", {"io": 5}),
    ("window_geometry", 12), ("juno_kernels_dir", None), ("schema_version", 0),
]


@pytest.mark.parametrize(("name", "value"), BAD_ASSIGNMENTS,
                         ids=[f"{n}={v!r}"[:40] for n, v in BAD_ASSIGNMENTS])
def test_bad_assignment_raises_and_keeps_the_old_value(name: str, value: object) -> None:
    s = Settings()
    before = getattr(s, name)
    seen: list[object] = []
    getattr(s.events, name).connect(lambda *a: seen.append(a))
    with pytest.raises(SettingError, match=name):
        setattr(s, name, value)
    assert getattr(s, name) == before
    assert seen == []  # no change event for a refused value


def test_setting_error_is_a_jovianview_error() -> None:
    from jovianview.core.errors import JovianviewError

    assert issubclass(SettingError, JovianviewError)


def test_bad_value_in_the_constructor_is_refused() -> None:
    with pytest.raises(SettingError, match="scale_mode"):
        Settings(scale_mode="huge")


def test_good_assignments_are_normalised_and_emit() -> None:
    s = Settings()
    seen: list[tuple] = []
    s.events.rate.connect(lambda *a: seen.append(a))
    s.rate = 60  # an int for a float field
    assert s.rate == 60.0 and isinstance(s.rate, float)
    assert seen == [(60.0, 3600.0)]
    s.view = "europa"
    s.last_tdb = 2459851.5
    s.last_tdb = None
    s.map_files = {"jupiter": "/maps/jupiter.png"}
    s.grs_system2_longitude = 0.0
    s.patches = {"io": {"path": "io.png", "lon_left": 10, "west": True, "opacity": 0.5}}


def test_every_view_is_a_valid_setting() -> None:
    from jovianview.model.camera import PRESETS

    assert VIEW_NAMES == PRESETS
    s = Settings()
    for name in PRESETS:
        s.view = name


def test_a_new_field_is_one_annotated_line() -> None:
    """What other features will do: add ``text_size: Annotated[int, Range(50, 300)] = 100``
    or ``show_legend: bool = True`` and get the checks without writing any."""

    @evented
    @dataclasses.dataclass
    class Extended(Settings):
        text_size: Annotated[int, Range(50, 300)] = 100
        show_legend: bool = True

    from jovianview.model import settings as mod

    hints = mod.get_type_hints(Extended, include_extras=True)
    assert check_value("text_size", hints["text_size"], 120) == 120
    with pytest.raises(SettingError, match="between 50 and 300"):
        check_value("text_size", hints["text_size"], 20)
    with pytest.raises(SettingError, match="whole number"):
        check_value("text_size", hints["text_size"], 120.5)
    with pytest.raises(SettingError, match="true or false"):
        check_value("show_legend", hints["show_legend"], "no")


def test_round_trip_of_every_field(tmp_path: Path) -> None:
    s = Settings(distance_unit="RJ", scale_mode="true", background="plain", show_labels=False,
                 rate=86400.0, view="juno", last_tdb=2459851.5, window_geometry="01ff",
                 docks_visible={"time": False}, grs_system2_longitude=42.0,
                 map_files={"io": "/m/io.png"}, map_conventions={"io": "edge-west"},
                 patches={"europa": {"path": "p.png", "opacity": 0.5}}, show_junocam=False,
                 juno_kernels_dir="/k")
    store = SettingsStore(tmp_path / "settings.json")
    store.save(s)
    assert store.load() == s


# ---------------------------------------------------------------- folders
def test_linux_folders_are_unchanged(monkeypatch, tmp_path: Path) -> None:
    import sys

    if not sys.platform.startswith("linux"):
        pytest.skip("the Linux paths")
    for name in ("JOVIANVIEW_CONFIG_DIR", "JOVIANVIEW_CACHE_DIR", "XDG_CONFIG_HOME",
                 "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert config_dir() == tmp_path / ".config" / "jovianview"
    assert cache_dir() == tmp_path / ".cache" / "jovianview"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert config_dir() == tmp_path / "cfg" / "jovianview"
    assert cache_dir() == tmp_path / "cache" / "jovianview"
    assert SettingsStore().path == tmp_path / "cfg" / "jovianview" / "settings.json"


def test_overrides_win(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JOVIANVIEW_CONFIG_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("JOVIANVIEW_CACHE_DIR", str(tmp_path / "k"))
    assert config_dir() == tmp_path / "c" and cache_dir() == tmp_path / "k"


# ---------------------------------------------------------------- autosave
class FakeWall:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_autosave_waits_for_the_changes_to_settle(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    s, wall = Settings(), FakeWall()
    saver = SettingsAutosave(s, SettingsStore(path), delay_s=1.0, wall=wall)
    due: list[float] = []
    saver.save_due.connect(due.append)
    assert not saver.poll() and not saver.pending
    s.show_labels = False
    wall.t += 0.6
    s.view = "io"  # a second change restarts the wait
    assert due == [1.0, 1.0] and saver.pending
    wall.t += 0.6
    assert not saver.poll() and not path.exists()
    wall.t += 0.5
    assert saver.poll() and saver.saves == 1 and not saver.pending
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["show_labels"] is False and data["view"] == "io"
    assert not saver.poll()  # nothing pending
    saver.close()
    s.show_trail = False
    assert not saver.pending  # no longer listening


def test_autosave_failure_is_a_message_not_an_exception(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    s = Settings()
    saver = SettingsAutosave(s, SettingsStore(blocker / "settings.json"))
    messages: list[str] = []
    saver.failed.connect(messages.append)
    s.show_labels = False
    assert saver.flush() is False
    assert messages and "could not save settings" in messages[0]
    assert saver.pending  # tried again on the next change or flush


def test_autosave_writes_atomically_without_leftovers(tmp_path: Path) -> None:
    s = Settings()
    saver = SettingsAutosave(s, SettingsStore(tmp_path / "settings.json"))
    for rate in (1.0, 10.0, 60.0):
        s.rate = rate
        saver.flush()
    assert json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))["rate"] == 60.0
    assert not list(tmp_path.glob(".settings-*"))


def test_literal_tuples_match_their_types() -> None:
    from jovianview.model import types

    assert types.SCALE_MODES == get_args(types.ScaleMode) == ("true", "enlarged")
    from jovianview.core.imagemaps import CONVENTIONS

    assert types.MAP_CONVENTIONS == tuple(CONVENTIONS)
