"""The caption of a tour step over the scene: a large title and text, a small step counter.

Drawn in the top-left corner of the 3D view (presentation mode's own caption line is at the
bottom), sized by the text-size setting (View > Text size) like every other text on screen,
white on black in high contrast.
"""

from __future__ import annotations

import html

from PyQt6.QtCore import Qt
from PyQt6.QtGui import QTextDocument
from PyQt6.QtWidgets import QLabel, QWidget

TITLE_POINTS = 18.0  # at text size 100 %
TEXT_POINTS = 13.0
COUNTER_POINTS = 10.0
MARGIN = 12  # logical pixels from the scene's edges
MAX_WIDTH_FRACTION = 0.62


class TourCaption(QLabel):
    """The tour's caption box (hidden while no tour plays)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("tour_caption")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.scale = 1.0
        self.high_contrast = False
        self._parts = ("", "", "", "")
        self.hide()

    def set_style(self, scale: float, high_contrast: bool) -> None:
        """The text scale (1.0: 100 %) and contrast; the caption is laid out again."""
        self.scale, self.high_contrast = scale, high_contrast
        self.show_caption(*self._parts)

    def show_caption(self, title: str, text_html: str, counter: str, notice: str = "") -> None:
        """Show a step's ``title`` (plain), ``text_html`` (the tour's safe HTML), the
        ``counter`` line and the scene's ``notice`` (plain, small)."""
        self._parts = (title, text_html, counter, notice)
        k = self.scale
        back = "#000000" if self.high_contrast else "rgba(8, 12, 20, 200)"
        small = "#ffffff" if self.high_contrast else "#9fb3c8"
        note = "#ffffff" if self.high_contrast else "#ffd966"  # the scene notice's colour
        border = "#ffffff" if self.high_contrast else "#3d5470"
        self.setStyleSheet(f"QLabel#tour_caption {{ background-color: {back}; color: #ffffff; "
                           f"border: 1px solid {border}; padding: {round(8 * k)}px; }}")
        parts = []
        if title:
            parts.append(f"<div style='font-size:{TITLE_POINTS * k:.0f}pt; font-weight:bold'>"
                         f"{html.escape(title)}</div>")
        if text_html:  # already escaped by model/tour_text.py: only <b>, <i>, <br>
            parts.append(f"<div style='font-size:{TEXT_POINTS * k:.0f}pt'>{text_html}</div>")
        if counter:
            parts.append(f"<div style='font-size:{COUNTER_POINTS * k:.0f}pt; color:{small}'>"
                         f"{html.escape(counter)}</div>")
        if notice:
            lines = "<br>".join(html.escape(n) for n in notice.split("\n") if n)
            parts.append(f"<div style='font-size:{COUNTER_POINTS * k:.0f}pt; color:{note}'>"
                         f"{lines}</div>")
        self.setText("".join(parts))
        self.place()

    def place(self) -> None:
        """In the scene's top-left corner, as tall as its text."""
        parent = self.parentWidget()
        if parent is None:
            return
        widest = max(min(round(parent.width() * MAX_WIDTH_FRACTION), parent.width() - 2 * MARGIN),
                     120)
        doc = QTextDocument()  # as wide as the text needs, up to ``widest``
        doc.setDefaultFont(self.font())
        doc.setHtml(self.text())
        pad = 2 * round(8 * self.scale) + 4
        doc.setTextWidth(widest - pad)
        width = min(widest, int(doc.idealWidth()) + pad)
        height = min(self.heightForWidth(width), parent.height() - 2 * MARGIN)
        self.setGeometry(MARGIN, MARGIN, width, max(height, 1))
