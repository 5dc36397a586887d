"""Bad settings files: each is set aside with a message and the defaults are used (issue 17)."""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import pytest

from jovianview.model.settings import SCHEMA_VERSION, Settings, SettingsStore

BAD_FILES = {
    "random bytes": random.Random(17).randbytes(4096) + b"\xff\xfe\x80",
    "UTF-16": '{"rate": 10.0}'.encode("utf-16"),
    "deep nesting (RecursionError)": b"[" * 200000,
    "NaN": b'{"rate": NaN}',
    "Infinity": b'{"rate": Infinity}',
    "-Infinity": b'{"last_tdb": -Infinity}',
    "overflowing float": b'{"rate": 1e999}',
    "huge integer": b'{"rate": ' + b"9" * 5000 + b"}",
    "out of range": b'{"rate": 1e300}',
    "tdb out of range": b'{"last_tdb": 1e308}',
    "wrong type": b'{"show_labels": "yes"}',
    "wrong dict value": b'{"map_files": {"jupiter": 5}}',
    "unknown body key": b'{"map_files": {"mars": "mars.png"}}',
    "bad map convention": b'{"map_conventions": {"io": "sideways"}}',
    "NaN in a patch": b'{"patches": {"io": {"opacity": NaN}}}',
    "patch nested too deeply": b'{"patches": {"io": ' + b'{"a": ' * 20 + b"1" + b"}" * 21 + b"}",
    "a JSON list": b"[1, 2, 3]",
    "a JSON string": b'"settings"',
    "null": b"null",
    "bad schema_version": b'{"schema_version": "one"}',
    "negative schema_version": b'{"schema_version": -1}',
    "bool for a number": b'{"rate": true}',
    "empty": b"",
}


@pytest.mark.parametrize("content", list(BAD_FILES.values()), ids=list(BAD_FILES))
def test_bad_file_is_set_aside_and_defaults_used(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    store = SettingsStore(path)
    assert store.load() == Settings()
    assert store.notice and "unreadable" in store.notice and str(path) in store.notice
    assert len(store.notice) < 500 and "\n" not in store.notice  # one line
    assert not path.exists()
    aside = list(tmp_path.glob("settings.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content  # kept for the user


def test_two_bad_files_in_one_second_are_both_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    for content in (b"{", b"}"):
        path.write_bytes(content)
        SettingsStore(path).load()
    assert len(list(tmp_path.glob("settings.json.corrupt-*"))) == 2


def test_a_folder_named_like_the_file_gives_defaults_and_a_notice(tmp_path: Path) -> None:
    (tmp_path / "settings.json").mkdir()
    store = SettingsStore(tmp_path / "settings.json")
    assert store.load() == Settings()
    assert store.notice and "could not read settings" in store.notice


def test_utf8_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"show_trail": False}).encode())
    assert SettingsStore(path).load() == Settings(show_trail=False)


def test_saved_file_carries_the_schema_version(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    store.save(Settings(rate=60.0))
    data = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION == 1
    assert data["rate"] == 60.0


def test_version_0_file_is_migrated(tmp_path: Path) -> None:
    """A file of the unversioned format: values the old window replaced silently are dropped
    to their defaults instead of setting the whole file aside; the rest is kept."""
    path = tmp_path / "settings.json"
    old = {"distance_unit": "RJ", "view": "from_io", "rate": 0, "show_trail": False,
           "last_tdb": 2459851.5, "docks_visible": {"time": False}}
    path.write_text(json.dumps(old), encoding="utf-8")
    store = SettingsStore(path)
    s = store.load()
    assert store.notice is None
    assert s == Settings(distance_unit="RJ", show_trail=False, last_tdb=2459851.5,
                         docks_visible={"time": False})
    assert s.view == "overview" and s.rate == 3600.0 and s.schema_version == 1
    store.save(s)
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == 1


def test_version_0_negative_rate_becomes_its_size(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"rate": -600}), encoding="utf-8")
    assert SettingsStore(path).load().rate == 600.0


def test_file_from_a_newer_version_loads_what_it_knows(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 99, "show_labels": False, "new_thing": 1}),
                    encoding="utf-8")
    store = SettingsStore(path)
    assert store.load() == Settings(show_labels=False)
    assert store.notice and "newer jovianview" in store.notice
    assert path.exists()  # not set aside


def test_stale_temporary_files_are_swept_on_load(tmp_path: Path) -> None:
    old = tmp_path / ".settings-abc123.tmp"
    fresh = tmp_path / ".settings-def456.tmp"
    other = tmp_path / ".other-file.tmp"
    for p in (old, fresh, other):
        p.write_text("{", encoding="utf-8")
    long_ago = time.time() - 3600
    os.utime(old, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    SettingsStore(tmp_path / "settings.json").load()
    assert not old.exists()
    assert fresh.exists()  # perhaps another instance's save in progress
    assert other.exists()  # not ours


def test_save_refuses_to_write_non_finite_numbers(tmp_path: Path) -> None:
    s = Settings()
    object.__setattr__(s, "rate", float("nan"))  # past the checks, as a bug might
    with pytest.raises(ValueError):
        SettingsStore(tmp_path / "settings.json").save(s)
    assert not (tmp_path / "settings.json").exists()
    assert not list(tmp_path.glob(".settings-*"))
