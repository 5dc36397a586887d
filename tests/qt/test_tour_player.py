"""The tour player in the window (pytest-qt under Xvfb): each step's time, view, rate and
layers when it starts whatever the user did, the keys while a tour plays, the caption and
its size, a broken tour's dialog, the recorder and bookmarks."""

from __future__ import annotations

import numpy as np
import pytest
from PyQt6.QtCore import Qt

from jovianview.core.assets import assets_dir
from jovianview.core.timescale import SECONDS_PER_DAY
from jovianview.model.camera import View
from jovianview.model.tour import load_tour
from jovianview.model.tour_schedule import schedule

pytestmark = pytest.mark.gui
TOURS = assets_dir() / "tours"


class FakeWall:
    """A wall clock the test moves by hand."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _mess_up(window) -> None:  # noqa: ANN001 - what a user might have done before
    window.set_time(window.clock.bounds[0] + 100.0)
    window.clock.set_rate(-86400.0)
    window.clock.pause()
    window.camera.go_to(View("callisto", 3.0, 10.0, 40.0), "callisto", smooth=False)
    s = window.settings
    s.show_labels, s.show_moon_orbits, s.show_trail = False, False, False
    s.scale_mode = "true"


def _check_step(window, shot) -> None:  # noqa: ANN001
    clock = window.clock
    assert abs(clock.tdb() - shot.tdb) * SECONDS_PER_DAY <= max(shot.rate, 1.0) * 2.0
    if shot.rate > 0:
        assert clock.playing and clock.rate == shot.rate
    else:
        assert not clock.playing
    for name, value in shot.settings.items():
        assert getattr(window.settings, name) == value, name
    target = window.camera.target_view
    if shot.view is not None:
        assert target == shot.view
    else:
        w, h = window.canvas.size
        want = window.renderer.preset_view(shot.view_name, shot.tdb, w / h)
        assert window.camera.preset == shot.view_name
        assert target.target == want.target and target.mode == want.mode
        assert target.distance == pytest.approx(want.distance, rel=1e-6)


@pytest.mark.parametrize("name", ["europa-flyby.toml", "moons-dance.toml"])
def test_each_step_starts_at_its_time_and_view_whatever_the_user_did(window, name) -> None:
    player = window.tours.player
    player.wall = wall = FakeWall()
    window.settings.show_io_torus = True  # the user's own choice before the tour
    before = {n: getattr(window.settings, n) for n in ("scale_mode", "show_labels",
                                                        "show_io_torus")}
    tour = window.tours.play_file(TOURS / name)
    assert tour is not None and player.playing
    shots = schedule(tour).shots
    for shot in shots:
        if shot.index > 0:  # the step before runs out: the player moves on by itself
            _mess_up(window)
            wall.t += shots[shot.index - 1].seconds + 0.01
            player._tick()
            if shots[shot.index - 1].wait:
                assert player.holding and player.index == shot.index - 1
                player.next()
        assert player.index == shot.index
        _check_step(window, shot)
        window.canvas.update()
    assert shots[-1].wait
    wall.t += shots[-1].seconds + 0.01
    player._tick()
    assert player.holding and not window.clock.playing and player.playing
    player.next()  # after the last step the tour ends
    assert not player.playing and not player.caption.isVisible()
    # the user's own layers and scale (as before the tour) are back
    assert {n: getattr(window.settings, n) for n in before} == before


def test_keys_act_on_the_tour_only_while_it_plays(window, qtbot) -> None:
    player = window.tours.player
    player.wall = FakeWall()
    window.activateWindow()
    canvas = window.canvas.native
    canvas.setFocus()
    window.tours.play_file(TOURS / "io-up-close.toml")
    shots = player.schedule.shots
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert player.index == 1
    qtbot.keyClick(canvas, Qt.Key.Key_PageDown)
    assert player.index == 2
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    assert player.index == 1
    qtbot.keyClick(canvas, Qt.Key.Key_PageUp)
    assert player.index == 0
    _check_step(window, shots[0])
    qtbot.keyClick(canvas, Qt.Key.Key_Space)
    assert player.paused and not window.clock.playing
    paused_at = window.clock.tdb()
    player.wall.t += 500.0  # a long pause: the step does not run out
    player._tick()
    assert player.index == 0 and window.clock.tdb() == paused_at
    assert "paused" in player.caption.text()
    qtbot.keyClick(canvas, Qt.Key.Key_Space)
    assert not player.paused and window.clock.playing
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert not player.playing
    # the keys are the window's again: Right is one hour on, Space plays
    before = window.clock.tdb()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert window.clock.tdb() - before == pytest.approx(1 / 24, abs=1e-6)
    qtbot.keyClick(canvas, Qt.Key.Key_Space)
    assert window.clock.playing


def test_esc_stops_the_tour_before_leaving_presentation_mode(window, qtbot) -> None:
    window.presentation.set_presentation(True)
    window.tours.play_file(TOURS / "europa-flyby.toml")
    canvas = window.canvas.native
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert not window.tours.player.playing and window.presentation.active
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert not window.presentation.active


def _caption_pixels(window) -> np.ndarray:  # noqa: ANN001
    from PyQt6.QtGui import QImage

    caption = window.tours.player.caption
    img = window.canvas.native.grab(caption.geometry()).toImage()
    img = img.convertToFormat(QImage.Format.Format_RGB888)
    ptr = img.constBits()
    ptr.setsize(img.sizeInBytes())
    rows = np.frombuffer(ptr, np.uint8).reshape(img.height(), img.bytesPerLine())
    return rows[:, :img.width() * 3].reshape(img.height(), img.width(), 3)


def test_caption_is_large_follows_the_text_size_and_counts_steps(window, qtbot) -> None:
    window.settings.text_size = 100
    window.tours.play_file(TOURS / "europa-flyby.toml")
    caption = window.tours.player.caption
    qtbot.waitUntil(lambda: window.canvas.frames_drawn > 2)
    assert caption.isVisible() and "Step 1 of 6" in caption.text()
    assert "29 September 2022" in caption.text()
    pixels = _caption_pixels(window).astype(int)
    white = (pixels.min(axis=2) > 200).sum()
    assert white > 300  # large white text
    assert (np.abs(pixels - (8, 12, 20)).sum(axis=2) < 40).mean() > 0.4  # on a dark box
    small = caption.height()
    window.settings.text_size = 200
    assert caption.height() > 1.5 * small
    window.tours.player.next()
    assert "Step 2 of 6" in caption.text() and "Approaching Europa" in caption.text()
    # the scene's own notice moves into the caption box (no overlap in the corner)
    assert not window.renderer.labels.show_notice
    window.tours.player.stop()
    assert window.renderer.labels.show_notice


def test_a_broken_tour_shows_the_check_messages_and_does_not_start(window, tmp_path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\ntitle = "x"\n[[step]]\nevent = "PJ45"\noffset = "-1 hour"\n'
                   'seconds = -3\nvieww = "io"\n', encoding="utf-8")
    before = window.clock.tdb()
    assert window.tours.play_file(bad) is None
    assert not window.tours.player.playing and window.clock.tdb() == before
    box = window.tours.error_box
    assert box is not None and box.isVisible()
    lines = box.informativeText().splitlines()
    assert lines[0].startswith(f"{bad}:5: step 1: offset: cannot read")
    assert lines[1].startswith(f"{bad}:6: step 1: seconds:")
    assert lines[2].startswith(f"{bad}:7: step 1: vieww: unknown key")
    assert "3 problems" in box.text()
    box.close()


def test_tours_menu_lists_the_shipped_lessons_and_open_is_ctrl_o(window) -> None:
    window.tours._fill_menu()
    titles = [a.text() for a in window.tours.menu.actions() if a.text()]
    for path in TOURS.glob("*.toml"):
        assert load_tour(path).title in titles
    assert "Add this view as a step" in titles
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    opener = next(a for a in file_menu.actions() if a.text() == "Open &tour...")
    assert opener.shortcut().toString() == "Ctrl+O"


def test_menu_checks_follow_the_tour(window) -> None:
    from PyQt6.QtGui import QAction, QKeySequence

    labels = next(a for a in window.findChildren(QAction)
                  if a.isCheckable() and a.shortcut() == QKeySequence("Shift+L"))
    window.settings.show_labels = True
    assert labels.isChecked()
    window.settings.show_labels = False
    assert not labels.isChecked()


def test_record_edit_reorder_delete_save_and_reload(window, qtbot, tmp_path) -> None:
    tours, rec = window.tours, window.tours.recorder
    canvas = window.canvas.native
    window.activateWindow()
    canvas.setFocus()
    window.clock.pause()
    window.go_to_view("io", smooth=False)
    t1 = window.clock.tdb()
    qtbot.keyClick(canvas, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert len(rec.steps) == 1 and tours.dock.isVisible()
    window.set_time(t1 + 0.5)
    window.clock.set_rate(600.0)
    window.clock.play()
    window.camera.go_to(View("europa", 0.5, 33.0, -20.0), "europa", smooth=False)
    window.settings.show_trail = False
    tours.add_step()
    window.go_to_view("chase", smooth=False)
    tours.add_step()
    assert len(rec.steps) == 3
    rec.list.setCurrentRow(1)
    rec.caption_title.setText("Europa")
    rec.caption_title.textEdited.emit("Europa")
    rec.caption_text.setPlainText("**icy** moon")
    rec.seconds.setValue(12)
    rec.move_step(-1)  # Europa first
    assert rec.steps[0].title == "Europa" and rec.list.currentRow() == 0
    rec.list.setCurrentRow(2)
    rec.delete_current()  # the chase step
    assert len(rec.steps) == 2
    path = tmp_path / "recorded.toml"
    saved = rec.save_to(str(path))
    from jovianview.cli.main import main

    assert main(["tour", "--check", str(path)]) == 0
    again = load_tour(path)
    assert again == saved
    a, b = again.steps
    assert a.caption_title == "Europa" and a.caption_html == "<b>icy</b> moon"
    assert a.seconds == 12 and a.rate == 600.0 and a.view == View("europa", 0.5, 33.0, -20.0)
    assert a.settings["show_trail"] is False
    assert b.rate == 0.0 and b.view is not None and b.view.target == "io"
    assert abs(b.tdb - t1) * SECONDS_PER_DAY < 0.01
    # and it plays: the first step's moment and view
    window.tours.player.start(again)
    assert window.camera.target_view == View("europa", 0.5, 33.0, -20.0)
    window.tours.player.stop()


def test_bookmarks_add_go_to_and_file(window, tmp_path) -> None:
    marks = window.tours.bookmarks
    window.clock.pause()
    window.go_to_view("ganymede", smooth=False)
    here = window.clock.tdb()
    marks.add("Ganymede now")
    assert (tmp_path / "bookmarks.json").exists()  # the settings folder of the fixture
    window.set_time(here + 3.0)
    window.go_to_view("overview", smooth=False)
    window.settings.show_labels = not window.settings.show_labels
    labels = window.settings.show_labels
    marks.go_to(0)
    assert abs(window.clock.tdb() - here) * SECONDS_PER_DAY < 0.01
    assert window.camera.target_view.target == "ganymede"
    assert window.settings.show_labels is (not labels)
    marks._fill_go_menu()
    assert [a.text() for a in marks.go_menu.actions()] == ["Ganymede now"]
    marks.rename(0, "G")
    from jovianview.model.bookmarks import BookmarkStore

    assert [m.name for m in BookmarkStore(tmp_path / "bookmarks.json").load()] == ["G"]
    marks.delete(0)
    assert BookmarkStore(tmp_path / "bookmarks.json").load() == []


def test_a_corrupt_bookmarks_file_gives_a_message_and_loses_nothing(window, tmp_path) -> None:
    from jovianview.model.bookmarks import BookmarkStore
    from jovianview.qt.bookmarks_menu import BookmarksMenu

    path = tmp_path / "bookmarks.json"
    path.write_text("{oops", encoding="utf-8")
    settings_before = (tmp_path / "settings.json").read_bytes() if (
        tmp_path / "settings.json").exists() else None
    menu = BookmarksMenu(window, window.tours.capture, window.tours.go_to_state,
                         BookmarkStore(path))
    assert menu.marks == []
    assert "set aside" in window.statusBar().currentMessage()
    aside = list(tmp_path.glob("bookmarks.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{oops"
    if settings_before is not None:
        assert (tmp_path / "settings.json").read_bytes() == settings_before
    menu.add("fresh")
    assert [m.name for m in BookmarkStore(path).load()] == ["fresh"]
