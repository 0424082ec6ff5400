"""The map's colour classes: fixed 20-point breaks for percentages, tie-keeping quintiles for head counts, a legend
with ranges and units, and "no data" kept apart from zero."""

from django.utils import translation

from reports.thailand_map import NO_DATA, PALETTE, class_breaks, class_labels, class_of, measure_layer


def classes(values, *, percent):
    breaks = class_breaks(values, percent=percent)
    return [class_of(v, breaks) for v in values]


def test_percentages_fall_in_fixed_twenty_point_classes():
    assert class_breaks([5.0, 7.5], percent=True) == [20.0, 40.0, 60.0, 80.0]
    rates = [0.0, 19.9, 20.0, 39.9, 40.0, 68.0, 79.9, 80.0, 100.0, 135.0]
    assert classes(rates, percent=True) == [0, 0, 1, 1, 2, 3, 3, 4, 4, 4]


def test_lampang_at_68_and_a_province_at_3_get_different_attendance_classes():
    rates = {"52": 68.0, "50": 3.0} | {f"{n}": None for n in range(10, 20)}
    layer = measure_layer(rates, percent=True)
    assert layer["classes"]["52"] == 3 and layer["classes"]["50"] == 0
    assert layer["colours"][3] != layer["colours"][0]


def test_an_all_empty_percentage_still_shows_its_scale_and_no_data():
    layer = measure_layer({"52": None, "50": None}, percent=True)
    assert set(layer["classes"].values()) == {None}
    assert [item["label"] for item in layer["legend"]] == [
        "0–19.9 %",
        "20–39.9 %",
        "40–59.9 %",
        "60–79.9 %",
        "80 % ขึ้นไป",
        "ไม่มีข้อมูล",
    ]
    assert layer["legend"][-1]["colour"] == NO_DATA


def test_head_counts_are_cut_at_quintiles_of_their_distinct_values():
    values = list(range(1, 101))
    assert class_breaks(values, percent=False) == [21, 41, 61, 81]
    counts = [classes(values, percent=False).count(k) for k in range(5)]
    assert counts == [20, 20, 20, 20, 20]


def test_many_zeros_are_one_class_and_the_others_still_spread():
    active = [0] * 70 + [9, 12, 13, 13, 14, 51, 123]
    breaks = class_breaks(active, percent=False)
    assert breaks == [9, 12, 14, 51]
    assert class_of(0, breaks) == 0 and class_of(9, breaks) == 1 and class_of(123, breaks) == 4
    assert class_labels(breaks, percent=False) == ["0–8 คน", "9–11 คน", "12–13 คน", "14–50 คน", "51 คน ขึ้นไป"]


def test_fewer_distinct_values_give_fewer_classes_from_light_to_dark():
    layer = measure_layer({"52": 6, "50": 0, "51": 0}, percent=False)
    assert layer["classes"] == {"52": 1, "50": 0, "51": 0}
    assert layer["colours"] == [PALETTE[0], PALETTE[-1]]
    assert [item["label"] for item in layer["legend"]] == ["0–5 คน", "6 คน ขึ้นไป"]


def test_all_equal_values_are_one_class():
    layer = measure_layer({"52": 4, "50": 4}, percent=False)
    assert layer["classes"] == {"52": 0, "50": 0}
    assert layer["legend"] == [{"colour": PALETTE[2], "label": "4 คน ขึ้นไป"}]


def test_head_count_classes_start_at_the_lowest_count():
    layer = measure_layer({"52": 14, "50": 6, "51": 3, "53": 2, "54": 1, "55": 1}, percent=False)
    assert [item["label"] for item in layer["legend"]] == ["1 คน", "2 คน", "3–5 คน", "6–13 คน", "14 คน ขึ้นไป"]


def test_none_is_no_data_not_zero():
    layer = measure_layer({"52": 0, "50": None}, percent=False)
    assert layer["classes"] == {"52": 0, "50": None}
    assert layer["legend"][-1] == {"colour": NO_DATA, "label": "ไม่มีข้อมูล", "no_data": True}
    assert class_breaks([None, None], percent=False) == []
    assert measure_layer({"52": None}, percent=False)["legend"] == [
        {"colour": NO_DATA, "label": "ไม่มีข้อมูล", "no_data": True}
    ]


def test_the_legend_in_english():
    with translation.override("en"):
        assert class_labels([3], percent=False) == ["0–2 people", "3 people or more"]
        assert measure_layer({"52": None}, percent=True)["legend"][-1]["label"] == "No data"


def test_the_map_outlines_are_simplified_without_moving_a_province():
    from reports.thailand_map import map_shapes, simplified_path

    square_with_noise = "m 10,10 5,0.01 5,-0.01 0,10 -10,0 z"
    assert simplified_path(square_with_noise) == "m10,10 10,0 0,10 -10,0z"
    shapes = map_shapes()["shapes"]
    assert len(shapes) == 78 and sum(len(s["path"]) for s in shapes) < 90_000  # was 155,656 characters
    lampang = next(s for s in shapes if s["name"] == "Lampang")
    assert lampang["path"].startswith("m") and lampang["path"].endswith("z")
