import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from core import thai
from core.forms import ThaiDateField


def test_dates_show_in_the_buddhist_era():
    assert thai.format_date_be(dt.date(2020, 1, 7)) == "7 ม.ค. 2563"
    assert thai.format_date_be(dt.date(2020, 1, 7), long=True) == "7 มกราคม 2563"
    assert thai.format_date_numeric_be(dt.date(2020, 1, 7)) == "07/01/2563"


@pytest.mark.parametrize(
    "typed",
    [
        "07/01/2563",
        "7/1/2563",
        "7/1/2020",
        "2020-01-07",
        "2563-01-07",
        "7 ม.ค. 2563",
        "7 ม.ค. 63",
        "7 มกราคม 2563",
        "๐๗/๐๑/๒๕๖๓",
        "07.01.2563",
        "7 Jan 2020",
    ],
)
def test_a_date_typed_in_either_era_is_read_the_same(typed):
    assert thai.parse_date(typed) == dt.date(2020, 1, 7)


def test_a_date_that_does_not_exist_is_refused_in_thai():
    with pytest.raises(thai.ThaiDateError, match="ไม่มีวันที่"):
        thai.parse_date("31/02/2563")
    with pytest.raises(thai.ThaiDateError, match="อ่านวันที่"):
        thai.parse_date("เมื่อวาน")


def test_fiscal_year_turns_on_the_first_of_october():
    assert thai.fiscal_year(dt.date(2020, 9, 30)) == 2563
    assert thai.fiscal_year(dt.date(2020, 10, 1)) == 2564
    assert thai.fiscal_year_bounds(2564) == (dt.date(2020, 10, 1), dt.date(2021, 9, 30))


def test_the_two_seed_events_fall_in_fy_2563_and_2564():
    assert thai.fiscal_year(thai.parse_date("7 ม.ค. 63")) == 2563
    assert thai.fiscal_year(thai.parse_date("3 ธ.ค. 63")) == 2564


def test_a_date_field_takes_be_and_ce_and_shows_be():
    field = ThaiDateField()
    assert field.clean("14/03/2568") == dt.date(2025, 3, 14)
    assert field.clean("14/03/2025") == dt.date(2025, 3, 14)
    assert field.widget.format_value(dt.date(2025, 3, 14)) == "14/03/2568"


def test_a_date_field_refuses_the_future_when_asked():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="อนาคต"):
        ThaiDateField(allow_future=False).clean("01/01/2700")


def test_template_filters_show_be_in_thai_and_ce_in_english():
    template = Template("{{ d|be_date }}|{{ d|be_date_long }}|{{ d|fiscal_year }}")
    context = Context({"d": dt.date(2020, 12, 3)})
    with translation.override("th"):
        assert template.render(context) == "3 ธ.ค. 2563|3 ธันวาคม 2563|2564"
    with translation.override("en"):
        assert template.render(context) == "3 Dec 2020|3 Dec 2020|2021"
