"""Tour files: resolution of steps, and every class of problem with its line number."""

from __future__ import annotations

import textwrap

import pytest

from jovianview.core.events import perijove
from jovianview.core.timescale import utc_to_tdb
from jovianview.model.rates import RATE_NAMES, parse_rate
from jovianview.model.tour import TourError, load_tour, parse_tour
from jovianview.model.tour_text import markdown_to_html

HEAD = 'format = 1\ntitle = "Test"\n'
SPAN = (float(utc_to_tdb("2016-01-01")), float(utc_to_tdb("2030-01-01")))


def problems_of(body: str, span=SPAN):
    tour, problems = parse_tour(HEAD + textwrap.dedent(body), span=span)
    assert tour is None
    return problems


def only(body: str, span=SPAN):
    problems = problems_of(body, span)
    assert len(problems) == 1, problems
    return problems[0]


def test_event_with_offset_resolves_exactly():
    tour, problems = parse_tour(HEAD + '[[step]]\nevent = "PJ45"\noffset = "-1h"\n', span=SPAN)
    assert problems == []
    assert tour.steps[0].tdb == perijove(45).tdb - 1.0 / 24.0


def test_event_names_are_case_insensitive_and_offsets_signed():
    tour, _ = parse_tour(HEAD + '[[step]]\nevent = "europa FLYBY"\noffset = "+30m"\n'
                         '[[step]]\nevent = "pj45"\noffset = "-2d"\n', span=SPAN)
    europa = 2459851.9011315089
    assert tour.steps[0].tdb == pytest.approx(europa + 30 / 1440, abs=1e-9)
    assert tour.steps[1].tdb == pytest.approx(perijove(45).tdb - 2.0, abs=1e-9)


def test_a_step_without_a_moment_continues_at_the_rate():
    tour, problems = parse_tour(HEAD + '[[step]]\nutc = "2022-09-29T09:00:00"\nrate = "1 h/s"\n'
                                'seconds = 10\n[[step]]\nview = "io"\n', span=SPAN)
    assert problems == []
    assert tour.steps[1].tdb == pytest.approx(tour.steps[0].tdb + 10 / 24, abs=1e-9)
    assert tour.steps[1].rate == 3600.0 and tour.steps[1].view_name == "io"


def test_views_layers_scale_caption_resolve_to_settings_values():
    tour, problems = parse_tour(HEAD + textwrap.dedent('''
        [[step]]
        utc = 2022-09-29T09:00:00
        view = { target = "europa", distance_rj = 0.5, azimuth_deg = 370, elevation_deg = 10 }
        scale = "true"
        layers = { labels = false, field_lines = true, io_torus = true }
        caption = { title = "T", text = "**b** *i*" }
        fly = false
        wait = true
        [[step]]
        layers = { labels = true }
    '''), span=SPAN)
    assert problems == []
    step = tour.steps[0]
    assert step.view.target == "europa" and step.view.distance == 0.5
    assert step.view.azimuth == 10.0 and step.view.elevation == 10.0
    assert step.settings == {"scale_mode": "true", "show_labels": False,
                             "show_field_lines": True, "show_io_torus": True}
    assert step.caption_html == "<b>b</b> <i>i</i>" and not step.fly and step.wait
    assert tour.settings_at(1)["show_labels"] is True
    assert tour.settings_at(1)["scale_mode"] == "true"


def test_unknown_key_is_an_error_with_its_line():
    p = only('[[step]]\nutc = "2022-09-29T09:00:00"\nzoom = 3\n')
    assert p.line == 5 and p.key == "step 1: zoom" and "unknown key" in p.message
    assert "seconds" in p.message  # lists the valid keys
    top = only('colour = "red"\n[[step]]\nutc = "2022-09-29T09:00:00"\n')
    assert top.line == 3 and top.key == "colour"


def test_unknown_view_lists_choices_and_close_matches():
    p = only('[[step]]\nutc = "2022-09-29T09:00:00"\n\nview = "europe"\n')
    assert p.line == 6 and "unknown view 'europe'" in p.message
    assert "did you mean europa" in p.message and "overview" in p.message


def test_unknown_event_lists_close_matches():
    p = only('[[step]]\nevent = "Europa flyb"\n')
    assert p.line == 4 and "unknown event" in p.message and "Europa flyby" in p.message
    ambiguous = only('[[step]]\nevent = "Io flyby"\n')
    assert "Io flyby PJ57" in ambiguous.message


def test_a_date_outside_the_data():
    p = only('[[step]]\nutc = "2031-01-01T00:00:00"\n')
    assert p.line == 4 and "outside the data" in p.message and "2030-01-01" in p.message
    carried = only('[[step]]\nutc = "2029-12-31T00:00:00"\nrate = "1 day/s"\nseconds = 5\n'
                   '[[step]]\n')
    assert carried.key == "step 2: seconds" and carried.line == 7


@pytest.mark.parametrize("value", ["0", "-5", "nan", "inf"])
def test_zero_or_negative_duration(value):
    p = only(f'[[step]]\nutc = "2022-09-29T09:00:00"\nseconds = {value}\n')
    assert p.line == 5 and "above zero" in p.message


def test_wrong_types():
    problems = problems_of('[[step]]\nutc = "2022-09-29T09:00:00"\nseconds = "20"\n'
                           'fly = "yes"\nlayers = { trail = 1 }\nrate = 10\n')
    lines = {p.key: (p.line, p.message) for p in problems}
    assert lines["step 1: seconds"] == (5, "must be a number of seconds above zero, not a string")
    assert lines["step 1: fly"][0] == 6 and "true or false" in lines["step 1: fly"][1]
    assert lines["step 1: layers"][0] == 7
    assert lines["step 1: rate"][0] == 8


def test_all_problems_are_reported_at_once():
    problems = problems_of('[[step]]\nevent = "PJ999"\nview = "nowhere"\n'
                           '[[step]]\nutc = "not a date"\nbogus = true\n')
    assert [p.line for p in problems] == [4, 5, 7, 8]


def test_syntax_error_gives_the_line():
    p = only('[[step]]\nutc = "2022-09-29T09:00:00"\nseconds = = 3\n')
    assert p.key == "syntax" and p.line == 5 and "column" in p.message


def test_missing_format_title_and_steps():
    _, problems = parse_tour("description = 3\n", span=SPAN)
    assert {p.key for p in problems} == {"format", "title", "description", "step"}
    _, problems = parse_tour('format = 2\ntitle = "x"\n[[step]]\nutc = "2022-09-29"\n', span=SPAN)
    assert problems[0].key == "format" and "format = 1" in problems[0].message


def test_subtable_keys_have_their_lines():
    p = only('[[step]]\nutc = "2022-09-29T09:00:00"\n[step.caption]\ntitle = "x"\ncolour = 1\n')
    assert p.line == 5 and p.key == "step 1: caption" and "colour" in p.message


def test_markdown_subset_escapes_html():
    html = markdown_to_html('<script>alert("x")</script> & **bold** _it_\nnext')
    assert "<script>" not in html and "&lt;script&gt;" in html and "&quot;x&quot;" in html
    assert "&amp;" in html and "<b>bold</b>" in html and "<i>it</i>" in html
    assert html.endswith("<br>next")
    assert markdown_to_html("2 * 3 * 4") == "2 * 3 * 4"  # spaced asterisks are not italics
    assert markdown_to_html("**<b>**") == "<b>&lt;b&gt;</b>"


def test_rates_parse_like_the_time_bar_names():
    for rate, name in RATE_NAMES.items():
        assert parse_rate(name) == rate
    assert parse_rate("10x") == 10.0 and parse_rate("2 day/s") == 172800.0
    assert parse_rate("30 min/s") == 1800.0
    for bad in ("fast", "0x", "2e7x", "1 week/s"):
        with pytest.raises(ValueError, match="rate"):
            parse_rate(bad)


def test_load_tour_reports_unreadable_files(tmp_path):
    with pytest.raises(TourError, match="cannot read"):
        load_tour(tmp_path / "missing.toml")
