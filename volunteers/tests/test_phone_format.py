"""Phone numbers are shown the way Thai officers write them: mobiles 08x-xxx-xxxx, landlines by area code."""

import pytest

from core.phone import format_thai_phone


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("0812345678", "081-234-5678"),  # mobile
        ("0612345678", "061-234-5678"),  # mobile
        ("054123456", "054-123456"),  # Lampang landline: area code, then six digits
        ("053123456", "053-123456"),  # Chiang Mai landline
        ("021234567", "02-123-4567"),  # Bangkok landline
        ("", ""),
        ("1669", "1669"),  # short numbers stay as they are
    ],
)
def test_it_formats_thai_phone_numbers(stored, shown):
    assert format_thai_phone(stored) == shown
