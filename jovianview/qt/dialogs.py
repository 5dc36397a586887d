"""Dialogs: OpenGL missing, keyboard help, about."""

from __future__ import annotations

import sys

from PyQt6.QtWidgets import QMessageBox, QWidget

SHORTCUTS = """<table>
<tr><td><b>Space</b></td><td>play / pause</td></tr>
<tr><td><b>Left / Right</b></td><td>one hour back / forward (Shift: one day)</td></tr>
<tr><td><b>Up / Down</b></td><td>faster / slower</td></tr>
<tr><td><b>R</b></td><td>reverse the direction of time</td></tr>
<tr><td><b>[ / ]</b></td><td>previous / next perijove</td></tr>
<tr><td><b>Home / End</b></td><td>start / end of the data</td></tr>
<tr><td><b>N</b></td><td>now</td></tr>
<tr><td><b>1 ... 9</b></td><td>camera views (see the View menu)</td></tr>
<tr><td><b>A D W S</b></td><td>orbit the camera (with Shift: pan); +/- zoom</td></tr>
<tr><td><b>Mouse</b></td><td>left drag orbit, right/middle drag pan, wheel zoom, click a
body to centre it</td></tr></table>"""


def show_no_opengl(message: str, parent: QWidget | None = None) -> None:
    """Console message and a modal dialog saying OpenGL is unusable and what to try."""
    print(f"jovianview: {message}", file=sys.stderr)
    box = QMessageBox(QMessageBox.Icon.Critical, "jovianview cannot draw",
                      "jovianview could not start OpenGL, which it needs to draw the scene.",
                      QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(message)
    box.exec()


def show_shortcuts(parent: QWidget) -> None:
    QMessageBox.information(parent, "Keyboard and mouse", SHORTCUTS)
