"""The tour schedule (each step's start, view, rate, settings), saved views, recorded tours
saved and reloaded, and the bookmarks file (atomic writes, a corrupt file set aside)."""

from __future__ import annotations

import json

import pytest

from jovianview.core.assets import assets_dir
from jovianview.core.timescale import SECONDS_PER_DAY, utc_to_tdb
from jovianview.model.bookmarks import Bookmark, BookmarkStore
from jovianview.model.camera import View
from jovianview.model.settings import Settings
from jovianview.model.tour import TourError, load_tour, parse_tour
from jovianview.model.tour_record import RecordedStep, save_tour, tour_toml
from jovianview.model.tour_schedule import FLIGHT_SECONDS, schedule
from jovianview.model.tour_values import LAYERS
from jovianview.model.view_state import ViewState, capture, state_from_values, state_values

TEXT = """format = 1
title = "Schedule"
[[step]]
utc = "2022-09-29T09:00:00"
rate = "1 min/s"
seconds = 10
layers = { labels = false }
[[step]]
view = "europa"
seconds = 4
fly = true
layers = { orbits = false }
[[step]]
seconds = 6
rate = "paused"
wait = true
"""


def test_schedule_starts_views_settings_and_times():
    tour, problems = parse_tour(TEXT)
    assert not problems and tour is not None
    sched = schedule(tour)
    a, b, c = sched.shots
    assert [s.start_s for s in sched.shots] == [0.0, 10.0, 14.0] and sched.seconds == 20.0
    assert a.view_name == "overview" and b.view_name == "europa" and c.view_name == "europa"
    assert a.settings == {"show_labels": False}
    assert c.settings == {"show_labels": False, "show_moon_orbits": False}
    assert b.tdb == pytest.approx(a.tdb + 10 * 60 / SECONDS_PER_DAY)
    assert a.tdb_at(5) == pytest.approx(a.tdb + 300 / SECONDS_PER_DAY)
    assert a.tdb_at(99) == pytest.approx(b.tdb)  # held at the step's end
    assert c.rate == 0 and c.tdb_at(3) == c.tdb and c.wait
    assert b.flight_seconds == 2.0 and a.flight_seconds == FLIGHT_SECONDS
    assert sched.at(12.5)[0] is b and sched.at(12.5)[1] == pytest.approx(2.5)
    assert sched.at(-1)[0] is a and sched.at(99) == (c, 6.0)


def test_every_shipped_tour_schedules_within_the_data():
    for path in sorted((assets_dir() / "tours").glob("*.toml")):
        sched = schedule(load_tour(path))
        assert 120 <= sched.seconds <= 360, path.name
        assert all(s.view_name is not None or s.view is not None for s in sched.shots)


def _state() -> ViewState:
    return ViewState(tdb=float(utc_to_tdb("2023-12-30T08:20:00.125")), view_name=None,
                     view=View("io", 0.123456789, 301.25, -12.5), rate=60.0, scale="true",
                     layers={name: i % 2 == 0 for i, name in enumerate(LAYERS)})


def test_view_state_round_trip_and_capture():
    state = _state()
    back = state_from_values(json.loads(json.dumps(state_values(state))))
    assert back.view == state.view and back.rate == state.rate and back.layers == state.layers
    assert back.tdb == pytest.approx(state.tdb, abs=1e-3 / SECONDS_PER_DAY)
    settings = Settings(show_labels=False, scale_mode="true")
    chase = capture(2459851.9, "chase", View("juno", 1e-6, 0, 12, 50, "chase"), True, -600.0,
                    settings)
    assert chase.view_name == "chase" and chase.view is None and chase.rate == 600.0
    assert chase.layers["labels"] is False and chase.scale == "true"
    paused = capture(2459851.9, "io", View("io", 2.0, 370.0, 10.0), False, 3600.0, settings)
    assert paused.view == View("io", 2.0, 10.0, 10.0) and paused.rate == 0.0
    assert state_values(paused)["rate"] == "paused"


def test_recorded_tour_saves_checks_and_reloads_to_the_same_steps(tmp_path):
    first = _state()
    second = ViewState(tdb=first.tdb + 0.01, view_name="chase", rate=0.0, scale="enlarged",
                       layers={"trail": True})
    steps = [RecordedStep(first, title="Io \"close\"", text="**Loki** <lava>\nline 2",
                          seconds=12.0, fly=False),
             RecordedStep(second, seconds=7.5, wait=True)]
    path = tmp_path / "mine.toml"
    saved = save_tour(path, "My Io tour", "", steps)
    again = load_tour(path)
    assert again == saved and again.title == "My Io tour" and len(again.steps) == 2
    a, b = again.steps
    assert a.tdb == pytest.approx(first.tdb, abs=1e-3 / SECONDS_PER_DAY)
    assert a.view == first.view and a.rate == 60.0 and a.seconds == 12.0 and a.fly is False
    assert a.caption_title == 'Io "close"'
    assert a.caption_html == "<b>Loki</b> &lt;lava&gt;<br>line 2"
    assert a.settings == {"scale_mode": "true",
                          **{LAYERS[k]: v for k, v in first.layers.items()}}
    assert b.view_name == "chase" and b.rate == 0.0 and b.wait and b.seconds == 7.5
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left


def test_a_recording_that_does_not_check_is_not_written(tmp_path):
    bad = ViewState(tdb=float(utc_to_tdb("1990-01-01")))  # before the data
    with pytest.raises(TourError) as info:
        save_tour(tmp_path / "x.toml", "t", "", [RecordedStep(bad)])
    assert "outside the data" in str(info.value) and not (tmp_path / "x.toml").exists()
    assert "format = 1" in tour_toml("t", "d", [])


def test_bookmarks_save_and_load(tmp_path):
    store = BookmarkStore(tmp_path / "bookmarks.json")
    assert store.load() == [] and store.notice is None
    marks = [Bookmark("Io", _state()), Bookmark("Chase", ViewState(2459851.9, "chase"))]
    store.save(marks)
    back = BookmarkStore(tmp_path / "bookmarks.json").load()
    assert [m.name for m in back] == ["Io", "Chase"]
    assert back[0].state.view == marks[0].state.view and back[1].state.view_name == "chase"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bookmarks.json"]


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe", b'{"format": 1}',
                                     b'{"format": 7, "bookmarks": []}', b"[1, 2]",
                                     b'{"format": 1, "bookmarks": [{"name": "x", "utc": NaN}]}'])
def test_a_corrupt_bookmarks_file_is_set_aside(tmp_path, content):
    path = tmp_path / "bookmarks.json"
    path.write_bytes(content)
    (tmp_path / "settings.json").write_text("{}", encoding="utf-8")
    store = BookmarkStore(path)
    assert store.load() == []
    assert store.notice is not None and "set aside" in store.notice
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("bookmarks.json.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == content  # kept, byte for byte
    assert not path.exists()
    assert (tmp_path / "settings.json").read_text(encoding="utf-8") == "{}"  # untouched


def test_a_bad_entry_keeps_the_good_ones(tmp_path):
    path = tmp_path / "bookmarks.json"
    good = {"name": "Io", **state_values(_state())}
    path.write_text(json.dumps({"format": 1, "bookmarks": [good, {"name": "bad",
                                                                 "utc": "yesterday"}]}),
                    encoding="utf-8")
    store = BookmarkStore(path)
    marks = store.load()
    assert [m.name for m in marks] == ["Io"]
    assert store.notice is not None
    assert "bookmark 2" in store.notice and "1 bookmark" in store.notice
    assert [m.name for m in BookmarkStore(path).load()] == ["Io"]  # written back clean
    assert len(list(tmp_path.glob("bookmarks.json.corrupt-*"))) == 1


def test_the_readme_example_checks_and_its_table_matches_the_lessons():
    import re
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(format = 1.*?)```", readme, re.S)
    assert block is not None
    tour, problems = parse_tour(block.group(1))
    assert not problems and tour is not None and len(tour.steps) == 2
    for path in (assets_dir() / "tours").glob("*.toml"):
        t = load_tour(path)
        minutes, seconds = divmod(round(t.seconds), 60)
        assert f"| `{path.name}` | {t.title} | {minutes} min {seconds:02d} s |" in readme
