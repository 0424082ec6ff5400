"""The one way tests make a valid national ID: the check digit always comes from core.thai, the rule's one home."""

from core.thai import national_id_with_check_digit


def valid_national_id(serial: int, *, prefix: str = "35201") -> str:
    """`prefix`, then `serial` padded with zeros to twelve digits, then the check digit.

    Each kind of test data keeps its own prefix so that IDs never collide: 35201… (Lampang, VolunteerFactory),
    352… (rows of a roster built in memory), 1980… (the report's small province)."""
    first_twelve = f"{prefix}{serial:0{12 - len(prefix)}d}"
    if len(first_twelve) != 12:
        raise ValueError(f"serial {serial} does not fit after prefix {prefix!r}")
    return national_id_with_check_digit(first_twelve)
