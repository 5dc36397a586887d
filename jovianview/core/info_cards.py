"""Info cards: what a class needs to know about each body, from ``assets/info/<body>.toml``.

A card file holds plain sentences with the facts the project already has written as
references, never typed twice: ``{io.radius_km:,.0f}`` becomes Io's mean radius from the IAU
table the renderer uses (:mod:`jovianview.core.body_facts` lists every key). A reference is
``{key}`` or ``{key:spec}`` where ``spec`` is a Python format spec, ``sci`` for
"8.93 × 10^22" or ``~N`` for N significant figures ("421,800"). Sentences cite their
sources as ``[id]``; each card ends with a ``sources`` list whose entries a reader can follow
(a DOI, a NASA/JPL/ESA page, an IAU report)::

    title = "Io"
    subtitle = "..."
    [[section]]
    heading = "Size and mass"
    lines = ["Radius {io.radius_km:,.0f} km ... [iau2015]"]
    [[sources]]
    id = "iau2015"
    cite = "Archinal et al. (2018), ..."
    link = "https://doi.org/10.1007/s10569-017-9805-5"
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jovianview.core.assets import assets_dir
from jovianview.core.body_facts import FactValue, all_facts
from jovianview.core.errors import DataFileError, JovianviewError

CARD_BODIES: tuple[str, ...] = ("jupiter", "io", "europa", "ganymede", "callisto", "juno")
REFERENCE = re.compile(r"\{([a-z0-9_.]+)(?::([^{}]*))?\}")
CITATION = re.compile(r"\[([a-z][a-z0-9_-]*)\]")


class UnknownCardError(JovianviewError):
    """A body without an info card."""


@dataclass(frozen=True)
class Source:
    """One source of a card: a short id (cited as ``[id]``), a citation and a link."""

    id: str
    cite: str
    link: str


@dataclass(frozen=True)
class Section:
    """One headed section of a card: its heading and its lines of text."""
    heading: str
    lines: tuple[str, ...]  # references resolved, citations still written as [id]


@dataclass(frozen=True)
class Card:
    """A resolved info card."""

    body: str
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]

    def number_of(self, source_id: str) -> int:
        """1-based position of ``source_id`` in :attr:`sources` (for "[3]"-style citations)."""
        return [s.id for s in self.sources].index(source_id) + 1


def _superscript_free_sci(value: float) -> str:
    exponent = math.floor(math.log10(abs(value)))
    return f"{value / 10**exponent:.2f} × 10^{exponent}"


def format_fact(value: FactValue, spec: str | None) -> str:
    """A fact as text: ``spec`` is a format spec, ``sci`` or None (a sensible default)."""
    if isinstance(value, str):
        return value
    if spec == "sci":
        return _superscript_free_sci(float(value))
    if spec and spec.startswith("~"):  # ~N: N significant figures, e.g. 421,800
        digits = int(spec[1:]) - 1 - math.floor(math.log10(abs(float(value))))
        return f"{round(float(value), digits):,.{max(digits, 0)}f}"
    if spec:
        return format(value, spec)
    if isinstance(value, int):
        return str(value)
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def resolve(text: str, facts: dict[str, FactValue] | None = None) -> str:
    """Replace every ``{key}`` / ``{key:spec}`` in ``text`` by the project's value.

    Raises
    ------
    DataFileError
        For a key the project does not have, or a spec that does not fit its value.
    """
    facts = all_facts() if facts is None else facts

    def sub(match: re.Match[str]) -> str:
        key, spec = match.group(1), match.group(2)
        if key not in facts:
            raise DataFileError(f"info card refers to {{{key}}}, which jovianview does not "
                                f"have (see jovianview/core/body_facts.py)")
        try:
            return format_fact(facts[key], spec)
        except (ValueError, TypeError) as exc:
            raise DataFileError(f"info card reference {{{key}:{spec}}} is malformed ({exc})"
                                ) from None

    return REFERENCE.sub(sub, text)


def card_path(body: str) -> Path:
    """The card file (``assets/info/<body>.toml``) for ``body``."""
    return assets_dir() / "info" / f"{body}.toml"


def read_card_file(body: str) -> dict:
    """The parsed TOML of ``body``'s card, unresolved (tests read the raw text too)."""
    key = str(body).strip().lower()
    if key not in CARD_BODIES:
        raise UnknownCardError(f"no info card for {body!r}: choose one of "
                               f"{', '.join(CARD_BODIES)}")
    path = card_path(key)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataFileError(f"info card {path} is unreadable ({exc}); reinstall jovianview"
                            ) from None
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"info card {path} is not valid TOML ({exc})") from None


@cache
def load_card(body: str) -> Card:
    """The card of ``body`` (one of :data:`CARD_BODIES`), its references resolved.

    Raises
    ------
    UnknownCardError
        For a body without a card (the message names the valid ones).
    DataFileError
        For a missing or malformed card file.
    """
    data = read_card_file(body)
    key = str(body).strip().lower()
    try:
        sources = tuple(Source(str(s["id"]), str(s["cite"]), str(s["link"]))
                        for s in data["sources"])
        sections = tuple(Section(str(s["heading"]), tuple(resolve(str(line))
                                                          for line in s["lines"]))
                         for s in data["section"])
        card = Card(key, str(data["title"]), resolve(str(data.get("subtitle", ""))),
                    sections, sources)
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"info card {card_path(key)} lacks a field ({exc})") from None
    known = {s.id for s in sources}
    for section in sections:
        for line in section.lines:
            for cited in CITATION.findall(line):
                if cited not in known:
                    raise DataFileError(f"info card {key}: [{cited}] is cited but not among "
                                        f"its sources")
    return card
