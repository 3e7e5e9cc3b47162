from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from innovpolicy._values import (
    format_decimal,
    full_years_between,
    round_payable,
    to_bool,
    to_date,
    to_decimal,
    to_int,
)
from innovpolicy.exceptions import InvalidFactError


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (5, Decimal(5)),
        ("1,000,000.50", Decimal("1000000.50")),
        (Decimal("0.3"), Decimal("0.3")),
        (" 2 ", Decimal(2)),
    ],
)
def test_to_decimal_accepts_exact_inputs(raw: object, expected: Decimal) -> None:
    assert to_decimal("x", raw) == expected


@pytest.mark.parametrize("raw", [0.3, True, "abc", None, [1], "NaN", "Infinity"])
def test_to_decimal_refuses_inexact_or_invalid_inputs_naming_the_field(raw: object) -> None:
    with pytest.raises(InvalidFactError) as info:
        to_decimal("sales_revenue", raw)
    assert info.value.field == "sales_revenue"
    assert info.value.value == raw or raw != raw
    assert "sales_revenue" in str(info.value)


def test_float_error_tells_how_to_parse_json() -> None:
    with pytest.raises(InvalidFactError, match="parse_float"):
        to_decimal("amount", 0.1)


def test_to_int() -> None:
    assert to_int("n", "12") == 12
    assert to_int("n", Decimal("3.0")) == 3
    with pytest.raises(InvalidFactError, match="whole number"):
        to_int("employees", "3.5")
    with pytest.raises(InvalidFactError):
        to_int("employees", False)


def test_to_bool() -> None:
    assert to_bool("b", "true") is True
    assert to_bool("b", False) is False
    with pytest.raises(InvalidFactError, match="true or false"):
        to_bool("owns_ip", "yes")


@pytest.mark.parametrize(
    "raw", ["2021/06/30", "30-06-2021", "20210630", "2021-6-30", "2021-02-30", 20210630]
)
def test_to_date_refuses_other_formats(raw: object) -> None:
    with pytest.raises(InvalidFactError) as info:
        to_date("on", raw)
    assert info.value.field == "on"
    assert repr(raw) in str(info.value)


def test_to_date_accepts_dates_and_iso_strings() -> None:
    assert to_date("on", "2021-06-30") == date(2021, 6, 30)
    assert to_date("on", date(2020, 1, 1)) == date(2020, 1, 1)
    with pytest.raises(InvalidFactError, match="datetime"):
        to_date("on", datetime(2020, 1, 1, 12))


def test_round_payable_half_up_to_the_fen() -> None:
    assert round_payable(Decimal("0.005")) == Decimal("0.01")
    assert round_payable(Decimal("123.455")) == Decimal("123.46")
    assert round_payable(Decimal("123.454999")) == Decimal("123.45")


def test_full_years_between_counts_whole_years() -> None:
    assert full_years_between(date(2018, 6, 30), date(2019, 6, 30)) == 1
    assert full_years_between(date(2018, 7, 1), date(2019, 6, 30)) == 0
    # No 29 February in 2017: the year ends on the last day of the month (民法典 第二百零三条).
    assert full_years_between(date(2016, 2, 29), date(2017, 2, 28)) == 1
    assert full_years_between(date(2016, 2, 29), date(2017, 2, 27)) == 0


def test_format_decimal() -> None:
    assert format_decimal(Decimal("1E+7")) == "10000000"
    assert format_decimal(Decimal("0.150")) == "0.15"
    assert format_decimal(Decimal("0")) == "0"
