"""Recording a tour from the app: steps captured from the window, edited, saved as TOML.

A :class:`RecordedStep` is a :class:`~jovianview.model.view_state.ViewState` plus what the
teacher types (caption title and text in the tour's Markdown subset, seconds, fly, wait).
:func:`tour_toml` writes format 1 text that ``jovianview tour --check`` accepts;
:func:`save_tour` checks it with the tour's own parser before writing it atomically, so a
saved tour always reloads to the same steps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jovianview.data.files import write_atomic
from jovianview.model.tour import DEFAULT_SECONDS, FORMAT, Tour, TourError, parse_tour
from jovianview.model.view_state import ViewState, state_values


@dataclass
class RecordedStep:
    """One step of a tour being recorded (mutable: the editor changes it)."""

    state: ViewState
    title: str = ""
    text: str = ""
    seconds: float = DEFAULT_SECONDS
    fly: bool = True
    wait: bool = False


def _value(value: Any) -> str:
    """A TOML value: strings through JSON's escapes (valid TOML basic strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float):
        return repr(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, dict):
        inner = ", ".join(f"{k} = {_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(value).__name__} to a tour")


def tour_toml(title: str, description: str, steps: list[RecordedStep]) -> str:
    """The tour as format 1 TOML text."""
    lines = ["# A tour recorded in jovianview (File > Tours > Add this view as a step).",
             "# Add the sources of the captions' facts here.",
             f"format = {FORMAT}", f"title = {_value(title.strip() or 'My tour')}"]
    if description.strip():
        lines.append(f"description = {_value(description.strip())}")
    for step in steps:
        lines += ["", "[[step]]"]
        for key, value in state_values(step.state).items():
            lines.append(f"{key} = {_value(value)}")
        lines.append(f"seconds = {_value(float(step.seconds))}")
        lines.append(f"fly = {_value(step.fly)}")
        if step.wait:
            lines.append("wait = true")
        if step.title.strip() or step.text.strip():
            caption = {"title": step.title.strip(), "text": step.text.strip()}
            lines.append(f"caption = {_value(caption)}")
    return "\n".join(lines) + "\n"


def save_tour(path: str | Path, title: str, description: str,
              steps: list[RecordedStep]) -> Tour:
    """Check the recorded tour and write it to ``path`` atomically; returns the checked tour.

    Raises
    ------
    TourError
        When the text does not check (nothing is written).
    DataFileError
        When the file cannot be written.
    """
    text = tour_toml(title, description, steps)
    tour, problems = parse_tour(text)
    if problems or tour is None:
        raise TourError(str(path), problems)
    write_atomic(Path(path), text)
    return tour
