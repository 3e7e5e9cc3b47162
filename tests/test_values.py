from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# --- full years without relativedelta (issue #12): the same count, every calendar case

_EDGE_DAYS = st.sampled_from(
    [date(2012, 2, 29), date(2016, 2, 29), date(2000, 2, 29), date(1900, 2, 28), date(2019, 12, 31)]
)
_ANY_DAY = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


def _month_end(day: date) -> date:
    following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return following - timedelta(days=1)


_MONTH_ENDS = _ANY_DAY.map(_month_end)
_DAYS = st.one_of(_ANY_DAY, _MONTH_ENDS, _EDGE_DAYS, _ANY_DAY.map(lambda d: d.replace(day=28)))


@given(_DAYS, _DAYS)
@settings(max_examples=3000, deadline=None)
def test_full_years_between_is_relativedelta_years(start: date, end: date) -> None:
    from dateutil.relativedelta import relativedelta

    from innovpolicy._values import full_years_between

    assert full_years_between(start, end) == relativedelta(end, start).years


def test_full_years_between_on_29_february() -> None:
    from innovpolicy._values import full_years_between

    assert full_years_between(date(2012, 2, 29), date(2013, 2, 27)) == 0
    assert full_years_between(date(2012, 2, 29), date(2013, 2, 28)) == 1  # clamped anniversary
    assert full_years_between(date(2012, 2, 29), date(2016, 2, 28)) == 3  # leap: the 29th
    assert full_years_between(date(2012, 2, 29), date(2016, 2, 29)) == 4
    assert full_years_between(date(2011, 3, 1), date(2012, 2, 29)) == 0
    assert full_years_between(date(2011, 2, 28), date(2012, 2, 28)) == 1
