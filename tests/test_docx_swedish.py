"""Swedish dates, numbers and alphabetical order, as the Word documents write them."""

from __future__ import annotations

import datetime as dt

from generator.swedish import format_date, format_number, sort_key


def test_dates_are_written_out_with_lower_case_months() -> None:
    assert format_date(dt.date(2025, 9, 1)) == "1 september 2025"
    assert format_date(dt.date(2026, 12, 31)) == "31 december 2026"


def test_numbers_use_decimal_comma_and_group_from_ten_thousand() -> None:
    assert format_number(40) == "40"
    assert format_number(1234) == "1234"
    assert format_number(12500.5) == "12\u00a0500,5"
    assert format_number(-3.25) == "−3,25"


def test_a_a_o_sort_after_z() -> None:
    words = ["Östra", "ärende", "Åre", "zon", "avtal", "Öl"]
    assert sorted(words, key=sort_key) == ["avtal", "zon", "Åre", "ärende", "Öl", "Östra"]
