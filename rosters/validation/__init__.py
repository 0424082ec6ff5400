"""Checking a roster before anything is written: Thai messages with row and column, no query per row.

    cells.py   how a cell becomes a value, and the parsers the columns declare (rosters.columns)
    places.py  subdistricts, districts and agencies matched inside the province, from dictionaries built once
    rows.py    the rows checked column by column as the spec declares them
    roster.py  the whole file: repeated IDs, then the rows matched against the registry
    terms.py   the terms of office a row means for a known volunteer
    statuses.py the day a row's status took effect, checked by the status page's rule

The names below are importable from `rosters.validation` as before the split. The cell rules load at once; the
rest loads on first use, because rosters.columns imports the parsers from cells.py and places.py while rows.py and
roster.py are built on rosters.columns.
"""

import importlib

from rosters.validation.cells import (  # noqa: F401
    ACTIVE_WORDS,
    CACHE_LIMIT,
    EXAMPLE_ID,
    FORMULA_STARTS,
    GENDER_FROM_TITLE,
    GENDER_KEYS,
    INACTIVE_WORDS,
    MAX_STORED_ERRORS,
    NAME_PREFIXES,
    STATUS_KEYS,
    TITLE_KEYS,
    TITLE_WORDS,
    CellError,
    Context,
    cell_text,
    date_from_cell,
    email_from_cell,
    house_no_from_cell,
    max_lengths,
    national_id_from_cell,
    phone_from_cell,
    small_number_from_cell,
    split_full_name,
    title_from_text,
)

_LATER = {
    "Agencies": "places",
    "Places": "places",
    "place_key": "places",
    "CheckedRoster": "rows",
    "MissingColumns": "rows",
    "RowChecker": "rows",
    "RowProblem": "rows",
    "MODELS": "roster",
    "ParsedRoster": "roster",
    "RegistryLookup": "roster",
    "check_roster": "roster",
    "classify": "roster",
    "existing_people": "roster",
    "parse_roster": "roster",
}


def __getattr__(name):
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module 'rosters.validation' has no attribute {name!r}")
    return getattr(importlib.import_module(f"rosters.validation.{module}"), name)


def __dir__():
    return sorted([*globals(), *_LATER])
