"""File > Export video...: the form's defaults and checks, the export, its progress and Cancel."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from jovianview.core.timescale import utc_to_tdb

START, END = "2022-09-29T09:26", "2022-09-29T09:46"  # Juno's Europa flyby


def _decode(path: Path) -> list[np.ndarray]:
    import av

    with av.open(str(path)) as box:
        return [f.to_ndarray(format="rgb24") for f in box.decode(video=0)]


def _fill(dialog, out: Path, duration: str = "1", **fields: str) -> None:
    """Type the choices into the form as a user would."""
    dialog.start_edit.setText(fields.get("start", START))
    dialog.end_edit.setText(fields.get("end", END))
    dialog.size_edit.setText(fields.get("size", "320x180"))
    dialog.fps_edit.setText(fields.get("fps", "10"))
    dialog.duration_edit.setText(duration)
    dialog.view_box.setCurrentIndex(dialog.view_box.findData(fields.get("view", "chase")))
    dialog.out_edit.setText(str(out))


@pytest.fixture
def answer_form(answer_dialog):
    """``answer(dialog)`` fills the form, then Export is pressed (conftest.answer_dialog)."""
    from jovianview.qt.export_video import ExportVideoDialog

    return lambda answer: answer_dialog(ExportVideoDialog, answer)


@pytest.fixture
def progress_values(monkeypatch):
    from PyQt6.QtWidgets import QProgressDialog

    values, labels = [], []
    real_value, real_label = QProgressDialog.setValue, QProgressDialog.setLabelText
    monkeypatch.setattr(QProgressDialog, "setValue",
                        lambda self, v: (values.append(v), real_value(self, v))[1])
    monkeypatch.setattr(QProgressDialog, "setLabelText",
                        lambda self, t: (labels.append(t), real_label(self, t))[1])
    return values, labels


@pytest.mark.gui
def test_form_starts_from_what_the_window_shows(window, answer_form) -> None:
    from jovianview.qt.export_video import CURRENT_VIEW

    window.set_time(float(utc_to_tdb("2022-09-29T09:36")))
    window.detail.set_window(0.5)  # the strip shows 12 hours
    window.settings.scale_mode = "true"
    seen = answer_form(lambda d: None)
    window.export_video()  # the menu action's slot (File > Export video..., Ctrl+E)
    (dialog,) = seen
    assert dialog.start_edit.text() == "2022-09-29T03:36:00"
    assert dialog.end_edit.text() == "2022-09-29T15:36:00"
    assert dialog.view_box.currentData() == CURRENT_VIEW
    w, h = window.canvas.physical_size
    assert dialog.size_edit.text() == f"{w - w % 2}x{h - h % 2}"
    assert dialog.scale_box.currentData() == "true" and dialog.labels_box.isChecked()
    request = dialog.request  # the defaults make a valid export (12 h: 12 s at 30 fps)
    assert request.plan.frames == 360 and request.pose == window.camera.target_view
    assert request.settings is not window.settings and request.settings.scale_mode == "true"
    action = next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
                  if a.text() == "Export &video...")
    assert action.shortcut().toString() == "Ctrl+E"


@pytest.mark.gui
def test_export_a_clip_with_progress_while_the_window_keeps_drawing(
        window, answer_form, progress_values, qtbot, tmp_path: Path) -> None:
    out = tmp_path / "clip.mp4"
    answer_form(lambda d: _fill(d, out))
    window.clock.play()
    drawn = window.canvas.frames_drawn
    window.export_video()
    exporter = window.findChild(__import__("jovianview.qt.export_video",
                                           fromlist=["VideoExporter"]).VideoExporter)
    with qtbot.waitSignal(exporter.finished, timeout=60000) as done:
        pass
    assert done.args[0].startswith(f"saved {out} (10 frames, 320x180, 10 fps")
    values, labels = progress_values
    assert values[-1] == 10 and values == sorted(values) and len(set(values)) == 10
    assert "Frame 1 of 10, about" in "".join(labels) and "s left" in "".join(labels)
    assert window.canvas.frames_drawn > drawn + 3  # the 3D view kept drawing meanwhile
    frames = _decode(out)
    assert len(frames) == 10 and frames[0].shape == (180, 320, 3)
    assert np.abs(frames[0].astype(np.int16) - frames[-1]).mean() > 1.0  # Europa moves
    assert list(tmp_path.iterdir()) == [out]
    assert window.status_bar().currentMessage() == done.args[0]


@pytest.mark.gui
def test_cancel_leaves_no_file(window, answer_form, progress_values, qtbot,
                               tmp_path: Path) -> None:
    from PyQt6.QtWidgets import QPushButton

    from jovianview.qt.export_video import VideoExporter

    out = tmp_path / "long.mp4"
    answer_form(lambda d: _fill(d, out, duration="120"))  # 1200 frames
    window.export_video()
    exporter = window.findChild(VideoExporter)
    qtbot.waitUntil(lambda: exporter.export.done >= 3 or not exporter.running, timeout=30000)
    assert exporter.running, window.status_bar().currentMessage()
    assert any(p.name.endswith(".partial.mp4") for p in tmp_path.iterdir())  # being written
    with qtbot.waitSignal(exporter.finished, timeout=10000) as done:
        (button,) = exporter.progress.findChildren(QPushButton)
        assert button.text() == "Cancel"
        button.click()
    assert done.args[0] == f"export cancelled: nothing was written to {out}"
    assert exporter.export.phase == "cancelled" and exporter.progress is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.gui
def test_bad_choices_keep_the_form_open_with_one_line(window, answer_form,
                                                      tmp_path: Path) -> None:
    from jovianview.qt.export_video import VideoExporter

    seen = answer_form(lambda d: (_fill(d, tmp_path / "m.mp4"), d.fps_edit.setText("0")))
    window.export_video()
    (dialog,) = seen
    assert dialog.request is None and dialog.result() == 0
    assert dialog.message.text() == "Frames per second 0 is out of range: give more than 0, " \
                                    "at most 120"
    exporter = window.findChild(VideoExporter)
    assert exporter is not None and not exporter.running
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("change, message", [
    ({"fps": "-2"}, "Frames per second -2 is out of range"),
    ({"fps": "fast"}, "Frames per second must be a number, not 'fast'"),
    ({"size": "321x180"}, "Size 321x180: H.264 (.mp4) needs an even width and height"),
    ({"size": "big"}, "Size must be WIDTHxHEIGHT"),
    ({"size": "5000x3000"}, "Size 5000x3000 is too large: at most 3840x2160"),
    ({"duration": "0"}, "Length 0 must be a positive number of seconds"),
    ({"start": "2010-01-01"}, "From 2010-01-01 is outside the data"),
    ({"start": "yesterday"}, "From: "),
    ({"end": START}, "To must be later than From"),
    ({"out": "movie.avi"}, "File 'movie.avi': give a .mp4 or .gif file"),
    ({"out": "/no/such/folder/m.mp4"}, "the folder /no/such/folder does not exist"),
    ({"out": " "}, "File: choose where to save the video"),
])
def test_check_request_names_the_field(change: dict, message: str, tmp_path: Path) -> None:
    from jovianview.model.settings import Settings
    from jovianview.model.sources import data_span
    from jovianview.render.movie_export import JovianviewError, check_request

    choices = {"start": START, "end": END, "out": str(tmp_path / "m.mp4"), "fps": "10",
               "size": "320x180", "duration": "2", **change}
    with pytest.raises(JovianviewError) as caught:
        check_request(choices["start"], choices["end"], choices["out"], view="chase",
                      size=choices["size"], fps=choices["fps"], duration=choices["duration"],
                      scale="true", labels=True, settings=Settings(), data_span=data_span())
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert "--" not in str(caught.value)  # the form's names, not the command line's


def test_default_span_is_the_detail_strip_inside_the_data() -> None:
    from jovianview.qt.export_video import default_span

    assert default_span(100.0, 2.0, (0.0, 1000.0)) == (99.0, 101.0)
    assert default_span(0.2, 2.0, (0.0, 1000.0)) == (0.0, 1.2)
    assert default_span(999.9, 2.0, (0.0, 1000.0)) == (998.9, 1000.0)
