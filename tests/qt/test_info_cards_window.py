"""Info cards and named features in the window: a click centres a body and opens its card."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def action(window, text: str):
    for menu in window.menuBar().actions():
        for act in menu.menu().actions():
            if act.text().replace("&", "").startswith(text):
                return act
    raise AssertionError(f"no menu action {text!r}")


def test_click_on_a_body_centres_it_and_opens_a_non_modal_card(window, qtbot) -> None:
    window.canvas.picked.emit("io")
    dialog = window.info_cards.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert dialog.windowTitle() == "About Io"
    html = dialog.browser.toHtml()
    assert "Loki Patera" in html and "Sources" in html and "doi.org" in html
    assert window.camera.preset == "io"  # the click still centres the body
    # the window keeps working while the card is open
    playing = window.clock.playing
    window.clock.toggle()
    assert window.clock.playing != playing
    window.canvas.picked.emit("europa")  # the same card window follows the next click
    assert window.info_cards.dialog is dialog and dialog.windowTitle() == "About Europa"


def test_help_about_this_body_follows_the_view(window, qtbot) -> None:
    window.go_to_view("ganymede", smooth=False)
    action(window, "About this body").trigger()
    assert window.info_cards.dialog.windowTitle() == "About Ganymede"
    window.go_to_view("overview", smooth=False)
    action(window, "About this body").trigger()
    assert window.info_cards.dialog.windowTitle() == "About Jupiter"
    window.camera.preset = "chase"
    assert window.info_cards.current_body() == "juno"


def test_features_toggle_and_a_click_on_a_feature_shows_its_line(window, qtbot) -> None:
    from PyQt6.QtCore import QPoint, Qt

    toggle = action(window, "Named features")
    assert toggle.shortcut().toString() == "F" and not toggle.isChecked()
    toggle.trigger()
    assert window.settings.show_features
    window.go_to_view("io", smooth=False)
    drawn = window.canvas.frames_drawn
    window.canvas.update()
    qtbot.waitUntil(lambda: window.canvas.frames_drawn > drawn, timeout=5000)
    placed = window.renderer.features.placed
    assert placed, "no feature drawn on Io's near side"
    target = placed[0]
    ratio = window.canvas.physical_size[0] / window.canvas.size[0]
    pos = QPoint(round(target.x / ratio), round(target.y / ratio))
    preset = window.camera.preset
    qtbot.mouseClick(window.canvas.native, Qt.MouseButton.LeftButton, pos=pos)
    line = window.scene_model.features.by_key(target.key).line
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == line, timeout=3000)
    assert window.info_cards.last_feature_text.startswith(line)
    assert window.camera.preset == preset  # a feature click does not move the camera
    toggle.trigger()
    assert not window.settings.show_features
