import pytest

from core import thai
from core.forms import NationalIdField

VALID = "1101700203450"


def test_the_check_digit_matches_the_published_formula():
    first_twelve = VALID[:12]
    assert thai.national_id_check_digit(first_twelve) == int(VALID[12])
    assert thai.is_valid_national_id(VALID)


@pytest.mark.parametrize(
    "typed", [VALID, "1-1017-00203-45-0", "1 1017 00203 45 0", "๑๑๐๑๗๐๐๒๐๓๔๕๐", 1101700203450.0, "1101700203450.0"]
)
def test_ids_are_normalised_before_checking(typed):
    assert thai.normalize_national_id(typed) == VALID
    assert thai.national_id_error(typed) is None


def test_a_wrong_check_digit_is_refused_in_thai():
    assert "เลขตรวจสอบ" in thai.national_id_error("1101700203451")


def test_twelve_digits_are_refused_saying_how_many_were_typed():
    assert thai.national_id_error("110170020345") == "เลขประจำตัวประชาชนต้องมี 13 หลัก (กรอกมา 12 หลัก)"


def test_letters_are_refused():
    assert "ตัวเลข" in thai.national_id_error("11017002034ab")


def test_ids_are_masked_for_lists():
    assert thai.mask_national_id(VALID) == "1-1017-xxxxx-xx-0"
    assert thai.format_national_id(VALID) == "1-1017-00203-45-0"


def test_the_form_field_cleans_to_thirteen_digits():
    from django.core.exceptions import ValidationError

    assert NationalIdField().clean("1-1017-00203-45-0") == VALID
    with pytest.raises(ValidationError):
        NationalIdField().clean("1-1017-00203-45-3")
