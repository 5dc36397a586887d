"""Bookmarks: named single views kept in ``bookmarks.json`` in the settings folder.

Each bookmark is a name and a :class:`~jovianview.model.view_state.ViewState` in the words
of a tour step (``utc``, ``view``, ``rate``, ``scale``, ``layers``). The file is written
atomically (a temporary file beside it, then a rename). A file that cannot be read (not
UTF-8, not JSON, wrong shape, a bad entry) is set aside as ``bookmarks.json.corrupt-<time>``
with a message in :attr:`BookmarkStore.notice`; the entries that could be read are kept and
nothing else (the settings, other files) is touched.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from jovianview.core.errors import DataFileError
from jovianview.data.files import write_atomic
from jovianview.model.tour_values import BadValue
from jovianview.model.user_dirs import config_dir
from jovianview.model.view_state import ViewState, state_from_values, state_values

FILE_NAME = "bookmarks.json"
FORMAT = 1
MAX_FILE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Bookmark:
    """A named view."""

    name: str
    state: ViewState


class BookmarkStore:
    """Reads and writes the bookmarks file (default: in :func:`model.user_dirs.config_dir`)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else config_dir() / FILE_NAME
        self.notice: str | None = None  # what happened to a file that could not be read

    def load(self) -> list[Bookmark]:
        """The bookmarks; none when the file is absent. A bad file is set aside (see above)."""
        self.notice = None
        if not self.path.exists():
            return []
        problem: str | None = None
        marks: list[Bookmark] = []
        try:
            if self.path.stat().st_size > MAX_FILE_BYTES:
                raise ValueError(f"larger than {MAX_FILE_BYTES // 2**20} MB")
            data = json.loads(self.path.read_text(encoding="utf-8"),
                              parse_constant=_no_constant)
            if not isinstance(data, dict) or not isinstance(data.get("bookmarks"), list):
                raise ValueError('not a bookmarks file (no "bookmarks" list)')
            if data.get("format") != FORMAT:
                raise ValueError(f"unknown format {data.get('format')!r}")
            for i, entry in enumerate(data["bookmarks"]):
                try:
                    marks.append(_read_entry(entry))
                except BadValue as exc:
                    problem = problem or f"bookmark {i + 1}: {exc}"
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            problem = str(exc) or type(exc).__name__
        if problem is not None:
            aside = self._set_aside()
            kept = f"{len(marks)} bookmark(s) could be read and are kept; " if marks else ""
            self.notice = (f"the bookmarks file {self.path} could not be read ({problem}); "
                           f"{kept}it was set aside as {aside}")
            if marks:  # write back what was readable, so the next start is clean
                self.save(marks)
        return marks

    def save(self, bookmarks: list[Bookmark]) -> None:
        """Write ``bookmarks`` atomically (DataFileError when the folder is not writable)."""
        data = {"format": FORMAT,
                "bookmarks": [{"name": b.name, **state_values(b.state)} for b in bookmarks]}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataFileError(f"cannot create {self.path.parent}: {exc}") from None
        write_atomic(self.path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")

    def _set_aside(self) -> str:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        try:
            os.replace(self.path, aside)
        except OSError as exc:
            return f"(not possible: {exc})"
        return str(aside)


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number a bookmark can hold")


def _read_entry(entry: object) -> Bookmark:
    if not isinstance(entry, dict):
        raise BadValue("not a table")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise BadValue("name: missing or not a string")
    return Bookmark(name=name.strip(), state=state_from_values(entry))
