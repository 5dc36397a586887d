"""The About dialog: version, credits, licences (the assets' LICENSES.md included)."""

from __future__ import annotations

from jovianview import __version__
from jovianview.core.assets import asset_path


def test_about_text_has_version_credits_and_every_licence() -> None:
    from jovianview.qt.dialogs import LIBRARIES, about_markdown

    text = about_markdown()
    assert f"jovianview {__version__}" in text
    assert "GPL-2.0-or-later" in text and "GPL-3.0" in text
    for name, licence in LIBRARIES:
        assert f"| {name} | {licence} |" in text
    # The asset credits are the file's own words, not a paraphrase.
    assets = asset_path("LICENSES.md").read_text(encoding="utf-8")
    assert "Oleg Pluton, CC BY 4.0" in assets
    assert assets.splitlines()[-1] in text


def test_about_dialog_shows_the_text(qtbot) -> None:
    from PyQt6.QtWidgets import QLabel, QTextBrowser

    from jovianview.qt.dialogs import show_about

    dialog = show_about()
    qtbot.addWidget(dialog)
    assert __version__ in dialog.findChild(QLabel, "about-title").text()
    shown = dialog.findChild(QTextBrowser, "about-text").toPlainText()
    assert "Oleg Pluton" in shown and "VisPy" in shown and "Credits" in shown
