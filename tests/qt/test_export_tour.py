"""Tours > Export tour as video...: a checked tour through the window's exporter (progress,
Cancel), the form's checks, and a broken tour that is not exported."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from jovianview.model.tour import parse_tour
from tests.cli.test_tour_movie import TWO_STEPS  # the same two-step tour


def _decode(path: Path) -> list[np.ndarray]:
    import av

    with av.open(str(path)) as box:
        return [f.to_ndarray(format="rgb24") for f in box.decode(video=0)]


@pytest.fixture
def answer_form(answer_dialog):
    """``answer(dialog)`` fills the form, then Export is pressed (conftest.answer_dialog)."""
    from jovianview.qt.export_tour import ExportTourDialog

    return lambda answer: answer_dialog(ExportTourDialog, answer)


def _fill(dialog, out: Path, size: str = "320x180", fps: str = "10") -> None:
    dialog.size_edit.setText(size)
    dialog.fps_edit.setText(fps)
    dialog.out_edit.setText(str(out))


@pytest.mark.gui
def test_export_a_tour_from_the_tours_menu(window, answer_form, qtbot, tmp_path: Path) -> None:
    from jovianview.qt.export_video import VideoExporter
    from jovianview.qt.tours_menu import Tours

    tours = window.findChild(Tours)
    tours._fill_menu()
    assert "Export tour as &video..." in [a.text() for a in tours.menu.actions()]
    source = tmp_path / "two.toml"
    source.write_text(TWO_STEPS, encoding="utf-8")
    out = tmp_path / "two.mp4"
    seen = answer_form(lambda d: _fill(d, out))
    window.clock.play()  # the 3D view draws while time runs
    drawn = window.canvas.frames_drawn
    tours.export_file(source)
    (dialog,) = seen
    assert dialog.out_edit.text() == str(out)
    exporter = window.findChild(VideoExporter)
    with qtbot.waitSignal(exporter.finished, timeout=60000) as done:
        pass
    assert done.args[0] == (f"saved {out} (tour 'Two steps', 25 frames, 320x180, 10 fps, "
                            f"2.5 s)")
    assert window.canvas.frames_drawn > drawn  # the window kept drawing
    frames = _decode(out)
    assert len(frames) == 25 and frames[0].shape == (180, 320, 3)
    corner = frames[0][8:40, 8:100].astype(int)  # the caption box with its white text
    assert (corner.sum(axis=2) > 450).sum() > 10
    assert np.abs(frames[15].astype(int) - frames[14]).mean() > 3.0  # step 2 cuts away
    assert sorted(p.name for p in tmp_path.iterdir()) == ["two.mp4", "two.toml"]


@pytest.mark.gui
def test_cancelled_tour_export_leaves_no_file(window, answer_form, qtbot,
                                              tmp_path: Path) -> None:
    from PyQt6.QtWidgets import QPushButton

    from jovianview.qt.export_video import VideoExporter
    from jovianview.qt.tours_menu import Tours

    source = tmp_path / "two.toml"
    source.write_text(TWO_STEPS, encoding="utf-8")
    out = tmp_path / "long.mp4"
    answer_form(lambda d: _fill(d, out, fps="100"))  # 250 frames
    window.findChild(Tours).export_file(source)
    exporter = window.findChild(VideoExporter)
    qtbot.waitUntil(lambda: exporter.export.done >= 3 or not exporter.running, timeout=30000)
    assert exporter.running, window.status_bar().currentMessage()
    with qtbot.waitSignal(exporter.finished, timeout=10000) as done:
        (button,) = exporter.progress.findChildren(QPushButton)
        button.click()
    assert done.args[0] == f"export cancelled: nothing was written to {out}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["two.toml"]


@pytest.mark.gui
def test_broken_tour_shows_its_problems_and_is_not_exported(window, answer_form,
                                                            tmp_path: Path) -> None:
    from jovianview.qt.tours_menu import Tours

    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\ntitle = "x"\n[[step]]\nevent = "PJ45"\nseconds = -3\n',
                   encoding="utf-8")
    seen = answer_form(lambda d: None)
    tours = window.findChild(Tours)
    tours.export_file(bad)
    assert seen == []  # no form for a broken tour
    assert tours.error_box is not None
    assert "bad.toml:5: step 1: seconds" in tours.error_box.informativeText()


@pytest.mark.parametrize("change, message", [
    ({"fps": "0"}, "Frames per second 0 is out of range"),
    ({"fps": "quick"}, "Frames per second must be a number, not 'quick'"),
    ({"size": "321x180"}, "Size 321x180: H.264 (.mp4) needs an even width and height"),
    ({"size": "5000x3000"}, "Size 5000x3000 is too large"),
    ({"out": "tour.avi"}, "File 'tour.avi': give a .mp4 or .gif file"),
    ({"out": " "}, "File: choose where to save the video"),
    ({"scale": "huge"}, "Scale must be one of"),
])
def test_check_tour_request_names_the_field(change: dict, message: str, tmp_path: Path) -> None:
    from jovianview.core.errors import JovianviewError
    from jovianview.render.tour_movie import check_tour_request

    tour, problems = parse_tour(TWO_STEPS)
    assert tour is not None, problems
    choices = {"out": str(tmp_path / "t.mp4"), "fps": "10", "size": "320x180",
               "scale": "true", **change}
    with pytest.raises(JovianviewError) as caught:
        check_tour_request(tour, choices["out"], size=choices["size"], fps=choices["fps"],
                           scale=choices["scale"], labels=True)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert "--" not in str(caught.value)
