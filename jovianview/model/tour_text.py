"""Text helpers for tour files: where each table and key is, and captions' Markdown subset.

``tomllib`` gives values, not positions, so :class:`KeyLines` scans the text for table
headers and ``key =`` lines to put a line number on every problem. Captions allow a small,
safe subset of Markdown: ``**bold**``, ``*italics*`` (or ``_italics_``) and line breaks;
everything else is escaped, so a tour can never inject markup.
"""

from __future__ import annotations

import html
import re

_HEADER_RE = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\s\"'-]+?)\s*\]\]?\s*(#.*)?$")
_KEY_RE = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*(?:\.\s*[A-Za-z0-9_"'-]+\s*)*=""")
_BOLD_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)
_ITALIC_RE = re.compile(r"(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])", re.S)
_SYNTAX_LINE_RE = re.compile(r"\(at line (\d+), column (\d+)\)")


class KeyLines:
    """Line numbers (1-based) of the ``[[step]]`` tables and of each key in the tour text.

    Parameters
    ----------
    text : str
        The tour file's text.
    """

    def __init__(self, text: str) -> None:
        self.step_lines: list[int] = []
        self._keys: dict[tuple[int | None, str], int] = {}
        section: int | None = None  # None: the top level; else the step's index
        prefix = ""
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline is not None:  # inside a """ or ''' string: no keys here
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = _HEADER_RE.match(line)
            if header:
                name = re.sub(r"[\s\"']", "", header.group(2))
                if header.group(1) == "[[" and name == "step":
                    self.step_lines.append(number)
                    section, prefix = len(self.step_lines) - 1, ""
                elif name.startswith("step.") and self.step_lines:
                    section, prefix = len(self.step_lines) - 1, name[len("step."):] + "."
                else:
                    section, prefix = None, name + "."
                self._keys.setdefault((section, prefix.rstrip(".") or name), number)
                continue
            key = _KEY_RE.match(line)
            if key:
                self._keys.setdefault((section, prefix + key.group(1).strip("\"'")), number)
                rest = line[key.end():]
                for quote in ('"""', "'''"):
                    if rest.count(quote) % 2 == 1:
                        in_multiline = quote
                self._inline_keys(section, prefix + key.group(1).strip("\"'"), rest, number)

    def _inline_keys(self, section: int | None, parent: str, rest: str, number: int) -> None:
        """Keys of an inline table (``view = {target = "io"}``) are on the parent's line."""
        if "{" in rest:
            for inner in re.findall(r"[{,]\s*([A-Za-z0-9_-]+)\s*=", rest):
                self._keys.setdefault((section, f"{parent}.{inner}"), number)

    def line(self, step: int | None, key: str = "") -> int:
        """The line of ``key`` in step ``step`` (None: the top level).

        Falls back to the key's parent table, then to the step's header, then to line 1.
        """
        parts = key.split(".") if key else []
        while parts:
            found = self._keys.get((step, ".".join(parts)))
            if found is not None:
                return found
            parts.pop()
        if step is not None and 0 <= step < len(self.step_lines):
            return self.step_lines[step]
        return 1


def syntax_error_line(message: str) -> int:
    """The line number in a ``tomllib.TOMLDecodeError`` message (1 when it names none)."""
    m = _SYNTAX_LINE_RE.search(message)
    return int(m.group(1)) if m else 1


def syntax_error_text(message: str) -> str:
    """A TOML error message without its ``(at line, column)`` tail, plus the column."""
    m = _SYNTAX_LINE_RE.search(message)
    base = _SYNTAX_LINE_RE.sub("", message).strip()
    return f"{base} (column {m.group(2)})" if m else base


def markdown_to_html(text: str) -> str:
    """Caption Markdown subset to safe HTML: **bold**, *italics* or _italics_, line breaks.

    Every other character is escaped (``<``, ``>``, ``&``, quotes), so the result holds no
    markup but ``<b>``, ``<i>`` and ``<br>``.

    Examples
    --------
    >>> markdown_to_html("**Juno** passes <352 km> from *Europa*\\nat 23.6 km/s")
    '<b>Juno</b> passes &lt;352 km&gt; from <i>Europa</i><br>at 23.6 km/s'
    """
    escaped = html.escape(text.strip().replace("\r\n", "\n"), quote=True)
    escaped = _BOLD_RE.sub(r"<b>\1</b>", escaped)
    escaped = _ITALIC_RE.sub(r"<i>\1</i>", escaped)
    return escaped.replace("\n", "<br>")
