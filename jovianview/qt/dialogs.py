"""Dialogs: OpenGL missing, keyboard help, about (with the imagery credits)."""

from __future__ import annotations

import sys

from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import QMessageBox, QWidget

SHORTCUTS = """<table>
<tr><td><b>Space</b></td><td>play / pause</td></tr>
<tr><td><b>Left / Right</b></td><td>one hour back / forward (Shift: one day)</td></tr>
<tr><td><b>Up / Down</b></td><td>faster / slower</td></tr>
<tr><td><b>R</b></td><td>reverse the direction of time</td></tr>
<tr><td><b>[ / ]</b></td><td>previous / next perijove</td></tr>
<tr><td><b>, / .</b></td><td>previous / next event (perijove, flyby, milestone)</td></tr>
<tr><td><b>Home / End</b></td><td>start / end of the data</td></tr>
<tr><td><b>N</b></td><td>now</td></tr>
<tr><td><b>1 ... 9</b></td><td>camera views (see the View menu)</td></tr>
<tr><td><b>A D W S</b></td><td>orbit the camera (with Shift: pan); +/- zoom</td></tr>
<tr><td><b>Mouse</b></td><td>left drag orbit, right/middle drag pan, wheel zoom, click a
body to centre it</td></tr>
<tr><td><b>Timeline</b></td><td>drag the upper strip to scrub the mission; drag the lower
strip to move finely, the wheel over it sets its span (6 h to 30 d)</td></tr></table>"""


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


CREDITS = """<h3>jovianview</h3>
<p>Jupiter, the Galilean moons and NASA's Juno in 3D, offline. GPL-2.0-or-later.</p>
<h4>Surface maps</h4>
<ul>
<li><b>Io, Europa, Ganymede</b>: maps processed by Oleg Pluton from NASA/JPL Voyager and
Galileo imagery, as shipped in Stellarium 0.22.2 (Debian <i>stellarium-data</i>),
licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Changes: re-encoded
as PNG, not resized.</li>
<li><b>Jupiter, Callisto</b>: maps from NASA imagery as packaged in OpenUniverse 1.0beta3
(Debian <i>openuniverse-common</i>), GPL-2.0-or-later. Changes: converted from JPEG to PNG;
Callisto's map shifted by half its width so 0&deg; longitude is at the centre.
Jupiter's map is turned at run time so the Great Red Spot lies at its System II longitude
for the date (JUPOS measurements compiled by B. Gray, projectpluto.com).</li>
<li><b>HD texture packs</b> (optional downloads): NASA/JPL/Space Science Institute Cassini
map PIA07782 and the USGS Astrogeology Galileo/Voyager global mosaics, public domain;
processed on your computer (recentred, tinted if grey, downsampled).</li>
</ul>
<p>Full details: assets/LICENSES.md.</p>"""


def show_about(parent: QWidget) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("About jovianview")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(CREDITS)
    box.exec()
