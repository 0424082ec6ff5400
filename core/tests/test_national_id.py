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


@pytest.mark.parametrize(
    "typed",
    [
        "\ufeff1101700203450",  # BOM
        "1101700\u200c203450",  # zero-width non-joiner
        "1101700\u200d203450",  # zero-width joiner
        "1101700203450\u2060",  # word joiner
        "\u200b1101700203450",  # zero-width space
        "1\u20131017\u201300203\u201345\u20130",  # en dashes
        "1\u20141017\u201400203\u201445\u20140",  # em dashes
        "1\u22121017\u221200203\u221245\u22120",  # minus signs
        "１１０１７００２０３４５０",  # full-width digits
        "１－１０１７－００２０３－４５－０",  # full-width digits and hyphens
        " \u00a01 1017 00203 45 0\u3000",  # no-break and ideographic spaces
    ],
    ids=[
        "bom",
        "zwnj",
        "zwj",
        "word-joiner",
        "zwsp",
        "en-dash",
        "em-dash",
        "minus",
        "full-width",
        "full-width-dashes",
        "spaces",
    ],
)
def test_ids_with_invisible_characters_dashes_or_full_width_digits_are_normalised(typed):
    assert thai.normalize_national_id(typed) == VALID
    assert thai.national_id_error(typed) is None
    assert NationalIdField().clean(typed) == VALID


@pytest.mark.parametrize("digit", range(10))
def test_every_thai_digit_is_read_as_its_arabic_digit(digit):
    thai_digit = "๐๑๒๓๔๕๖๗๘๙"[digit]
    national_id = thai.national_id_with_check_digit(f"35201{str(digit) * 7}")
    typed = national_id[:5] + thai_digit * 7 + national_id[12]

    assert thai.normalize_national_id(typed) == national_id
    assert thai.national_id_error(typed) is None


@pytest.mark.parametrize(("first_twelve", "check_digit"), [("352000000006", "0"), ("352000000005", "1")])
def test_ids_whose_check_digit_is_0_or_1_are_valid(first_twelve, check_digit):
    national_id = thai.national_id_with_check_digit(first_twelve)

    assert national_id == first_twelve + check_digit
    assert thai.national_id_error(national_id) is None
    assert thai.national_id_error(float(national_id)) is None  # an Excel number keeps its last 0


def test_the_check_digit_is_python_stdnums_for_every_kind_of_id():
    import random

    from stdnum.th import pin

    rng = random.Random(2563)
    for _ in range(20_000):
        first_twelve = "".join(rng.choice("0123456789") for _ in range(12))
        national_id = thai.national_id_with_check_digit(first_twelve)
        assert national_id[12] == pin.calc_check_digit(first_twelve)
        assert (thai.national_id_error(national_id) is None) == pin.is_valid(national_id)
        wrong = national_id[:12] + str((int(national_id[12]) + 1) % 10)
        assert thai.national_id_error(wrong) is not None and not pin.is_valid(wrong)


def test_an_id_starting_with_0_or_9_is_refused_saying_why():
    assert thai.national_id_error(thai.national_id_with_check_digit("012345678901")) == (
        "เลขประจำตัวประชาชนขึ้นต้นด้วย 0 ไม่ได้ (หลักแรกต้องเป็น 1–8)"
    )
    assert "ขึ้นต้นด้วย 9" in thai.national_id_error(thai.national_id_with_check_digit("912345678901"))


def test_other_scripts_digits_are_refused_in_thai_not_with_an_exception():
    assert thai.national_id_error("110170020345²") == "เลขประจำตัวประชาชนต้องเป็นตัวเลขเท่านั้น"
    assert thai.national_id_error("١١٠١٧٠٠٢٠٣٤٥٠") == "เลขประจำตัวประชาชนต้องเป็นตัวเลขเท่านั้น"
