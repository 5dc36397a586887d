"""The scale bar's words: km, m, and cm close beside Juno (never "0 m")."""

from jovianview.render.layers.labels import format_km, nice_length


def test_scale_bar_lengths_read_in_the_right_unit() -> None:
    assert format_km(nice_length(23_456.0)) == "20,000 km"
    assert format_km(nice_length(0.0071)) == "5 m"
    assert format_km(nice_length(0.00043)) == "20 cm"
    assert all(not format_km(nice_length(x)).startswith("0 ") for x in (0.9, 9e-4, 2e-5))
