"""Guided tours: lessons as TOML data files (``format = 1``), read and checked, no Qt.

A tour has a ``title``, an optional ``description`` and ``[[step]]`` tables. A step may set
the moment (``utc``, or ``event`` with an ``offset``), the ``view`` (a preset name or a table
of target and angles), the playback ``rate``, the ``scale``, ``layers`` on or off, a
``caption`` (``title`` and ``text`` in a small Markdown subset), how long it lasts
(``seconds``), whether the camera flies there (``fly``) and whether it holds until the
presenter presses Next (``wait``). A tour never executes anything.

During a step the clock plays at the step's rate (inherited from the step before when not
given; ``"paused"`` holds it), so a step without a moment starts where the previous one
ended: :func:`parse_tour` resolves every step to an absolute TDB for a player to apply.
:func:`parse_tour` reports every problem at once, each with its line in the file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jovianview.core.errors import JovianviewError
from jovianview.core.timescale import SECONDS_PER_DAY
from jovianview.model.camera import View
from jovianview.model.sources import data_span
from jovianview.model.tour_text import (
    KeyLines,
    markdown_to_html,
    syntax_error_line,
    syntax_error_text,
)
from jovianview.model.tour_values import (
    LAYERS,
    BadValue,
    check_in_span,
    need,
    read_event,
    read_offset,
    read_rate,
    read_scale,
    read_seconds,
    read_utc,
    read_view,
)

FORMAT = 1
TOP_KEYS = ("format", "title", "description", "step")
STEP_KEYS = ("utc", "event", "offset", "view", "rate", "scale", "layers", "caption",
             "seconds", "fly", "wait")
CAPTION_KEYS = ("title", "text")
DEFAULT_SECONDS = 20.0
DEFAULT_RATE = 3600.0  # the settings' default: 1 h/s


@dataclass(frozen=True)
class TourProblem:
    """One thing wrong in a tour file: ``line`` (1-based), ``key`` and the message."""

    line: int
    key: str
    message: str

    def format(self, filename: str) -> str:
        """``FILE:LINE: key: message``, one line."""
        return f"{filename}:{self.line}: {self.key}: {self.message}"


@dataclass(frozen=True)
class TourStep:
    """One resolved step, ready for a player to apply exactly.

    Attributes
    ----------
    line : int
        The line of its ``[[step]]`` header.
    tdb : float
        TDB Julian date the step starts at.
    rate : float
        Simulated seconds per second during the step (0: the clock is paused).
    seconds : float
        How long the step lasts, wall seconds.
    view_name : str or None
        A camera preset (``model.types.ViewName``), or None.
    view : View or None
        A camera pose given by target and angles, or None (see ``view_name``).
    settings : dict
        Settings fields the step changes (``show_labels``, ``scale_mode``, ...), and nothing else.
    caption_title, caption_html : str
        The caption's title (plain text) and its text as safe HTML (``<b>``, ``<i>``, ``<br>``).
    fly : bool
        True: a smooth camera flight to the view; False: a cut.
    wait : bool
        True: hold at the end until the presenter presses Next.
    """

    line: int
    tdb: float
    rate: float
    seconds: float
    view_name: str | None = None
    view: View | None = None
    settings: dict[str, bool | str] = field(default_factory=dict)
    caption_title: str = ""
    caption_html: str = ""
    fly: bool = True
    wait: bool = False

    @property
    def end_tdb(self) -> float:
        """Where the clock is when the step ends (if nobody paused it)."""
        return self.tdb + self.seconds * self.rate / SECONDS_PER_DAY


@dataclass(frozen=True)
class Tour:
    """A checked tour: title, description and resolved steps."""

    title: str
    description: str
    steps: tuple[TourStep, ...]

    @property
    def seconds(self) -> float:
        """Total length, wall seconds (steps that wait for Next counted at their ``seconds``)."""
        return sum(s.seconds for s in self.steps)

    def settings_at(self, index: int) -> dict[str, bool | str]:
        """The settings every step up to ``index`` (inclusive) has set, later ones winning."""
        merged: dict[str, bool | str] = {}
        for step in self.steps[: index + 1]:
            merged.update(step.settings)
        return merged

    def summary(self) -> str:
        """One line: title, number of steps and total length."""
        minutes, seconds = divmod(round(self.seconds), 60)
        return f"{self.title}: {len(self.steps)} steps, {minutes} min {seconds:02d} s"


class TourError(JovianviewError):
    """A tour file with problems; ``problems`` lists every one with its line."""

    def __init__(self, filename: str, problems: list[TourProblem]) -> None:
        self.filename = filename
        self.problems = problems
        super().__init__("; ".join(p.format(filename) for p in problems))


def load_tour(path: str | Path) -> Tour:
    """Read and check the tour at ``path``.

    Raises
    ------
    TourError
        Listing every problem, each with its line; also when the file is unreadable.
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TourError(name, [TourProblem(1, "file", f"cannot read the tour: {exc}")]) from None
    tour, problems = parse_tour(text)
    if problems or tour is None:
        raise TourError(name, problems)
    return tour


def parse_tour(text: str, span: tuple[float, float] | None = None
               ) -> tuple[Tour | None, list[TourProblem]]:
    """Check a tour's text; return the tour (None when there are problems) and the problems.

    ``span``: the TDB range the data covers (default :func:`model.sources.data_span`).
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [TourProblem(syntax_error_line(str(exc)), "syntax",
                                  f"not valid TOML: {syntax_error_text(str(exc))}")]
    lines = KeyLines(text)
    problems: list[TourProblem] = []

    def report(step: int | None, key: str, message: str) -> None:
        label = key if step is None else f"step {step + 1}: {key}"
        problems.append(TourProblem(lines.line(step, key), label, message))

    title, description = _read_top(data, report)
    raw_steps = data.get("step", [])
    if not isinstance(raw_steps, list) or not all(isinstance(s, dict) for s in raw_steps):
        report(None, "step", "steps must be [[step]] tables")
        raw_steps = []
    elif not raw_steps:
        report(None, "step", "the tour has no [[step]] tables: add at least one")
    steps = _read_steps(raw_steps, span or data_span(), lines, report)
    if problems:
        return None, sorted(problems, key=lambda p: p.line)
    return Tour(title=title, description=description, steps=tuple(steps)), []


Report = Callable[[int | None, str, str], None]


def _read_top(data: dict[str, Any], report: Report) -> tuple[str, str]:
    for key in data:
        if key not in TOP_KEYS:
            report(None, key, f"unknown key: the top level takes {', '.join(TOP_KEYS[:3])} "
                              f"and [[step]] tables")
    if "format" not in data:
        report(None, "format", f"missing: add `format = {FORMAT}` at the top")
    elif data["format"] != FORMAT or isinstance(data["format"], bool):
        report(None, "format", f"unknown format {data['format']!r}: this jovianview reads "
                               f"format = {FORMAT}")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        report(None, "title", 'missing or not a string: add a title such as "The Europa flyby"')
        title = ""
    description = data.get("description", "")
    if not isinstance(description, str):
        report(None, "description", "must be a string")
        description = ""
    return title.strip(), description.strip()


def _read_steps(raw_steps: list[dict[str, Any]], span: tuple[float, float], lines: KeyLines,
                report: Report) -> list[TourStep]:
    steps: list[TourStep] = []
    previous_end: float | None = None
    rate = DEFAULT_RATE
    for index, raw in enumerate(raw_steps):
        def bad(key: str, message: str, i: int = index) -> None:
            report(i, key, message)

        def attempt(key: str, reader: Callable[[Any], Any], raw: dict = raw) -> Any:
            if key not in raw:
                return None
            try:
                return reader(raw[key])
            except BadValue as exc:
                bad(key, str(exc))
                return None

        for key in raw:
            if key not in STEP_KEYS:
                bad(key, f"unknown key: a step takes {', '.join(STEP_KEYS)}")
        tdb = _step_time(raw, attempt, bad, span)
        if tdb is None and previous_end is None and "utc" not in raw and "event" not in raw:
            bad("utc", 'the first step needs a moment: add utc = "..." or event = "..."')
        step_rate = attempt("rate", read_rate)
        rate = rate if step_rate is None else step_rate
        seconds = attempt("seconds", read_seconds) or DEFAULT_SECONDS
        view_name, view = attempt("view", read_view) or (None, None)
        settings: dict[str, bool | str] = {}
        scale = attempt("scale", read_scale)
        if scale is not None:
            settings["scale_mode"] = scale
        settings.update(attempt("layers", _read_layers) or {})
        caption = attempt("caption", _read_caption) or ("", "")
        fly = attempt("fly", lambda v: need(v, bool, "true or false"))
        wait = attempt("wait", lambda v: need(v, bool, "true or false"))
        start = tdb if tdb is not None else previous_end
        if start is None:
            continue
        if tdb is None:  # carried on from the step before: is it still inside the data?
            try:
                check_in_span(start, span)
            except BadValue as exc:
                bad("seconds", f"this step starts where the one before ends, but {exc}")
        step = TourStep(line=lines.line(index), tdb=start, rate=rate, seconds=seconds,
                        view_name=view_name, view=view, settings=settings,
                        caption_title=caption[0], caption_html=caption[1],
                        fly=True if fly is None else fly, wait=bool(wait))
        steps.append(step)
        previous_end = step.end_tdb
    return steps


def _step_time(raw: dict[str, Any], attempt: Callable[[str, Callable[[Any], Any]], Any],
               bad: Callable[[str, str], None], span: tuple[float, float]) -> float | None:
    if "utc" in raw and "event" in raw:
        bad("event", "a step takes utc or event, not both: remove one")
        return None
    if "offset" in raw and "event" not in raw:
        bad("offset", 'an offset needs an event, such as event = "PJ45", offset = "-1h"')
    tdb = attempt("utc", read_utc)
    if "event" in raw:
        event = attempt("event", read_event)
        offset = attempt("offset", read_offset) or 0.0
        tdb = None if event is None else event.tdb + offset
    if tdb is not None:
        try:
            check_in_span(tdb, span)
        except BadValue as exc:
            bad("event" if "event" in raw else "utc", str(exc))
            return None
    return tdb


def _read_layers(value: Any) -> dict[str, bool]:
    need(value, dict, f"a table of true/false: {', '.join(LAYERS)}")
    out: dict[str, bool] = {}
    for name, on in value.items():
        if name not in LAYERS:
            raise BadValue(f"unknown layer {name!r}: choose from {', '.join(LAYERS)}")
        if not isinstance(on, bool):
            raise BadValue(f"layer {name!r} must be true or false, not {on!r}")
        out[LAYERS[name]] = on
    return out


def _read_caption(value: Any) -> tuple[str, str]:
    need(value, dict, "a table {title, text}")
    for key in value:
        if key not in CAPTION_KEYS:
            raise BadValue(f"unknown key {key!r} in the caption: use title and text")
    title = need(value.get("title", ""), str, "a string")
    text = need(value.get("text", ""), str, "a string")
    return title.strip(), markdown_to_html(text)
