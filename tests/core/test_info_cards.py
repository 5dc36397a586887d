"""Info cards: every card loads, cites what it uses, and takes its numbers from the project.

The numbers a card shows that the project also holds (radii, GM and masses, orbital periods
and distances, day lengths, flyby dates and altitudes, mission dates) are written in the card
files as references (``{io.radius_km}``) and resolved from the project's own tables. These
tests check (1) that the resolved values equal the project's data, computed here a second,
independent way; (2) that no card types such a number or date by hand, so none can drift;
(3) that each card covers what a class needs and cites sources a reader can follow.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from jovianview.core.body_facts import G_KM3_PER_KG_S2, all_facts
from jovianview.core.constants import GM_JUPITER, GM_MOONS
from jovianview.core.ephemeris import state
from jovianview.core.errors import DataFileError
from jovianview.core.events import events_of_kind, flyby_altitudes, load_events
from jovianview.core.iau import ROTATION_MODELS
from jovianview.core.info_cards import (
    CARD_BODIES,
    CITATION,
    REFERENCE,
    UnknownCardError,
    format_fact,
    load_card,
    read_card_file,
    resolve,
)
from jovianview.core.timescale import utc_to_tdb

MOONS = ("io", "europa", "ganymede", "callisto")


def card_text(body: str) -> str:
    card = load_card(body)
    return "\n".join([card.subtitle] + [t for s in card.sections for t in (s.heading, *s.lines)])


def raw_lines(body: str) -> list[str]:
    data = read_card_file(body)
    return [data.get("subtitle", "")] + [ln for s in data["section"] for ln in s["lines"]]


@pytest.mark.parametrize("body", CARD_BODIES)
def test_card_loads_and_cites_followable_sources(body: str) -> None:
    card = load_card(body)
    assert card.title and len(card.sections) >= 4
    cited = {c for s in card.sections for ln in s.lines for c in CITATION.findall(ln)}
    ids = [s.id for s in card.sources]
    assert len(ids) == len(set(ids)), "duplicate source ids"
    assert cited == set(ids), f"uncited sources {set(ids) - cited}, unknown {cited - set(ids)}"
    for source in card.sources:
        assert source.link.startswith("https://"), source
        assert len(source.cite) > 15
    assert not REFERENCE.search(card_text(body)), "an unresolved {reference} is left"
    for section in card.sections:  # every line says where it comes from
        for line in section.lines:
            assert CITATION.search(line), f"{body}: uncited line {line!r}"


@pytest.mark.parametrize("body", ("jupiter",) + MOONS)
def test_size_mass_and_day_are_the_iau_and_naif_values(body: str) -> None:
    facts = all_facts()
    radii = ROTATION_MODELS[body].radii
    expected_radius = radii[0] if body == "jupiter" else sum(radii) / 3
    assert facts[f"{body}.radius_km"] == pytest.approx(expected_radius, rel=1e-12)
    gm = GM_JUPITER if body == "jupiter" else GM_MOONS[body]
    assert facts[f"{body}.mass_kg"] == pytest.approx(gm / 6.6743e-20, rel=1e-12)
    assert G_KM3_PER_KG_S2 == 6.67430e-20
    # day length: one turn of the IAU prime meridian
    assert facts[f"{body}.rotation_hours"] == pytest.approx(
        24 * 360 / ROTATION_MODELS[body].pm[1], rel=1e-12)
    # and the card shows it: the radius as printed
    text = card_text(body)
    assert f"{expected_radius:,.0f} km" in text


def _crossings(body: str, start: str, days: float) -> np.ndarray:
    """Times (TDB) when the moon crosses the x-z half-plane of its mean orbit, upward."""
    t0 = float(utc_to_tdb(start))
    t = t0 + np.arange(0.0, days, 1.0 / 96)
    pos = state(body, t)[0]
    pole = np.cross(pos[:, 0], pos[:, 5])
    pole /= np.linalg.norm(pole)
    y = np.cross(pole, pos[:, 0] / np.linalg.norm(pos[:, 0]))
    s = y @ pos
    i = np.flatnonzero((s[:-1] < 0) & (s[1:] >= 0))
    return t[i] - s[i] * (t[i + 1] - t[i]) / (s[i + 1] - s[i])


@pytest.mark.parametrize("body", MOONS)
def test_orbits_match_the_embedded_ephemeris(body: str) -> None:
    """Period and mean distance, measured another way (node crossings, another year)."""
    facts = all_facts()
    crossings = _crossings(body, "2024-03-01T00:00:00", 200.0)
    period = (crossings[-1] - crossings[0]) / (len(crossings) - 1)
    assert facts[f"{body}.period_days"] == pytest.approx(period, rel=2e-4)
    t = float(utc_to_tdb("2024-03-01T00:00:00")) + np.linspace(0, 200, 4001)
    mean = float(np.mean(np.linalg.norm(state(body, t)[0], axis=0)))
    assert facts[f"{body}.distance_km"] == pytest.approx(mean, rel=1e-3)
    # synchronous rotation: the orbital period equals the IAU spin period
    assert facts[f"{body}.period_days"] == pytest.approx(facts[f"{body}.rotation_days"],
                                                         rel=1e-3)


def test_laplace_resonance_and_jupiter_orbit() -> None:
    facts = all_facts()
    assert facts["resonance.europa_to_io"] == pytest.approx(2.0, abs=0.02)
    assert facts["resonance.ganymede_to_io"] == pytest.approx(4.0, abs=0.06)
    assert facts["jupiter.orbit_years"] == pytest.approx(11.86, abs=0.02)
    assert facts["jupiter.distance_au"] == pytest.approx(5.20, abs=0.01)


def test_flyby_and_mission_dates_come_from_the_event_tables() -> None:
    facts = all_facts()
    altitudes = flyby_altitudes()
    for e in events_of_kind("flyby"):
        assert facts[f"flyby.pj{e.number}.date"] == e.utc[:10]
        if altitudes[e.tdb] is not None:
            assert facts[f"flyby.pj{e.number}.altitude_km"] == altitudes[e.tdb]
    text = card_text("juno")
    insertion = next(e for e in load_events() if e.label == "Jupiter orbit insertion")
    assert insertion.utc[:10] in text
    assert "September 2025" in text  # the extended mission's end, from the milestone
    assert f"{altitudes[next(e.tdb for e in events_of_kind('flyby') if e.number == 45)]:,.0f}" \
        in card_text("europa")


UNIT_KEYS = {"km": "_km", "days": "_days", "hours": "_hours", "hour": "_hours",
             "years": "_years", "kg": "_kg", "g/cm": "_g_cm3", "times": "_au",
             "jupiter radii": "_rj"}


def _numbers(text: str) -> list[tuple[float, str]]:
    """(number, the unit word after it or "") for every number in ``text``."""
    out = []
    for m in re.finditer(r"(\d[\d,]*(?:\.\d+)?)(?:[- ]([A-Za-z/]+(?: radii)?))?", text):
        try:
            value = float(m.group(1).replace(",", ""))
        except ValueError:
            continue
        out.append((value, (m.group(2) or "").lower()))
    return out


@pytest.mark.parametrize("body", CARD_BODIES)
def test_no_project_number_or_date_is_typed_by_hand(body: str) -> None:
    """A number the project holds must be a {reference}; typed, it would drift."""
    facts = {k: float(v) for k, v in all_facts().items() if isinstance(v, (int, float))}
    event_dates = {e.utc[:10] for e in load_events()}
    for line in raw_lines(body):
        typed = REFERENCE.sub("", line)
        typed = CITATION.sub("", typed)
        for date in re.findall(r"\d{4}-\d{2}-\d{2}", typed):
            assert date not in event_dates, f"{body}: type {{...date}} for {date}: {line!r}"
        typed = re.sub(r"\d{4}-\d{2}-\d{2}", "", typed)
        for number, unit in _numbers(typed):
            # with a unit: against the facts in that unit; bare: only numbers precise
            # enough (4+ digits) to be a copied value
            suffix = next((v for k, v in UNIT_KEYS.items() if unit.startswith(k)), None)
            if suffix is None and number < 1000:
                continue
            for key, value in facts.items():
                if suffix is not None and not key.endswith(suffix):
                    continue
                assert not math.isclose(number, value, rel_tol=5e-3), (
                    f"{body}: {number:g} {unit} looks like {key} ({value:g}); "
                    f"write it as a reference: {line!r}")


def test_cards_cover_what_the_issue_asks() -> None:
    io = card_text("io")
    for word in ("volcanic", "tidal", "resonance", "Europa", "Ganymede", "Plumes",
                 "hundreds of kilometres", "Loki Patera", "JunoCam", "JIRAM", "2023-12-30"):
        assert word in io, word
    jupiter = card_text("jupiter")
    for word in ("dilute", "bands", "cyclones", "magnetic field"):
        assert word in jupiter, word
    assert {"wahl2017", "militzer2022"} <= {s.id for s in load_card("jupiter").sources}
    assert "2021-06-07" in card_text("ganymede") and "2022-09-29" in card_text("europa")
    assert "few close looks" in card_text("callisto")
    europa = card_text("europa")
    assert "2024-10-14" in europa and "2030" in europa and "2023-04-14" in europa
    ganymede = card_text("ganymede")
    assert "2023-04-14" in ganymede and "2031" in ganymede and "2034" in ganymede
    juno = card_text("juno")
    for word in ("Gravity science", "MAG", "MWR", "JIRAM", "JunoCam", "UVS", "JADE", "JEDI",
                 "Waves", "Solar-powered", "Spin-stabilised", "polar orbit", "radiation",
                 "2011-08-05", "2016-07-05", "September 2025", "atmosphere",
                 "missionjuno.swri.edu/junocam"):
        assert word in juno, word


def test_bad_references_and_bodies_are_reported() -> None:
    with pytest.raises(DataFileError, match="io.nonsense"):
        resolve("{io.nonsense}")
    with pytest.raises(UnknownCardError, match="jupiter, io, europa"):
        load_card("pluto")
    assert resolve("{io.radius_km:,.0f} km") == f"{sum(ROTATION_MODELS['io'].radii) / 3:,.0f} km"
    assert format_fact(8.9296e22, "sci") == "8.93 × 10^22"
    assert format_fact(421767.3, "~4") == "421,800"
