"""Info cards in the window: a non-modal card for the clicked body, a line for a feature.

A click on a body (or Juno) centres it, as before, and shows its card in one floating,
non-modal window that follows later clicks; Help > About this body shows the card of what the
view is centred on. A click on a named feature's label shows its line, with its source, in a
tooltip at the pointer and in the status bar. The cards' text is the same as ``jovianview info``
prints (:mod:`jovianview.core.info_cards`); this module only lays it out.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from PyQt6.QtGui import QCursor
from PyQt6.QtWidgets import QDialog, QMainWindow, QTextBrowser, QToolTip, QVBoxLayout

from jovianview.core.errors import JovianviewError
from jovianview.core.info_cards import CARD_BODIES, CITATION, Card, load_card

if TYPE_CHECKING:  # main_window imports this module
    from jovianview.qt.main_window import MainWindow

JUNO_VIEWS = ("chase", "juno", "from_juno")


def card_html(card: Card) -> str:
    """The card as simple HTML: headings, bullet lines with numbered citations, sources."""
    def cite(line: str) -> str:
        text = re.sub(r"10\^(-?\d+)", r"10<sup>\1</sup>", html.escape(line))
        return CITATION.sub(lambda m: f"<sup>[{card.number_of(m.group(1))}]</sup>", text)

    parts = [f"<h2>{html.escape(card.title)}</h2>"]
    if card.subtitle:
        parts.append(f"<p><i>{html.escape(card.subtitle)}</i></p>")
    for section in card.sections:
        parts.append(f"<h3>{html.escape(section.heading)}</h3><ul>")
        parts += [f"<li>{cite(line)}</li>" for line in section.lines]
        parts.append("</ul>")
    parts.append("<h3>Sources</h3><ol>")
    for s in card.sources:
        link = html.escape(s.link, quote=True)
        parts.append(f'<li>{html.escape(s.cite)}. <a href="{link}">{html.escape(s.link)}</a>'
                     f"</li>")
    parts.append("</ol>")
    return "".join(parts)


class InfoCardDialog(QDialog):
    """One floating, non-modal card window; :meth:`show_card` replaces its content."""

    def __init__(self, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.setModal(False)
        self.setObjectName("info_card")
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.browser)
        self.resize(440, 540)
        self.body: str | None = None

    def show_card(self, body: str) -> None:
        """Show ``body``'s card, with its sources, and bring the window to the front."""
        card = load_card(body)
        self.body = body
        self.setWindowTitle(f"About {card.title}")
        self.browser.setHtml(card_html(card))
        self.show()
        self.raise_()


class InfoCards:
    """Wires the canvas's clicks and the Help menu to the card window and feature lines.

    Parameters
    ----------
    window : MainWindow
        Needs ``canvas`` (with ``picked`` and ``feature_picked``), ``camera``,
        ``scene_model`` and ``status_bar()``.
    """

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialog: InfoCardDialog | None = None
        window.canvas.picked.connect(self.open)
        window.canvas.feature_picked.connect(self.show_feature)

    def current_body(self) -> str:
        """What the view is about: Juno in Juno's views, else the body it is centred on."""
        camera = self.window.camera
        if camera.preset in JUNO_VIEWS:
            return "juno"
        target = camera.target_view.target
        return target if target in CARD_BODIES else "jupiter"

    def open(self, body: str | None = None) -> None:
        """Show ``body``'s card (default: :meth:`current_body`); a problem goes to the status
        bar (this is a Qt slot: nothing escapes it)."""
        try:
            body = body if isinstance(body, str) and body else self.current_body()
            if self.dialog is None:
                self.dialog = InfoCardDialog(self.window)
                self._place_beside_view(self.dialog)
            self.dialog.show_card(body)
        except JovianviewError as exc:
            self.window.status_bar().showMessage(str(exc), 8000)

    def _place_beside_view(self, dialog: InfoCardDialog) -> None:
        """First opening: at the window's right edge, so the scene stays visible on the left."""
        frame = self.window.frameGeometry()
        height = min(dialog.height(), max(300, frame.height() - 120))
        dialog.resize(min(dialog.width(), max(320, frame.width() // 2 - 40)), height)
        dialog.move(frame.right() - dialog.width() - 24, frame.top() + 70)

    def feature_text(self, key: str) -> str | None:
        """The named feature's line and its source (None for an unknown key)."""
        model = self.window.scene_model.features
        feature = model.by_key(key) if model is not None else None
        if feature is None:
            return None
        return f"{feature.line}\nSource: {feature.source}"

    def show_feature(self, key: str) -> None:
        """A feature's line at the pointer (tooltip) and in the status bar."""
        text = self.feature_text(key)
        if text is None:
            return
        line, source = text.split("\n", 1)
        self.window.status_bar().showMessage(line, 20000)
        tip = (f"<p style='max-width:28em'>{html.escape(line)}<br>"
               f"<small>{html.escape(source)}</small></p>")  # rich text: Qt wraps it
        QToolTip.showText(QCursor.pos(), tip, self.window.canvas.native)
        self.last_feature_text = text

    last_feature_text: str = ""

