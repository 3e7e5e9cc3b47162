"""Unit tests of the column kernels against the per-row path's own functions."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

np = pytest.importorskip("numpy")

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from innovpolicy._amounts import split_exact  # noqa: E402
from innovpolicy._plan import days  # noqa: E402
from innovpolicy._plan._columns import (  # noqa: E402
    _add_years,
    _full_years,
    _latest_start,
    split_fen,
)
from innovpolicy._values import add_years, full_years_between  # noqa: E402

DATES = st.dates(date(1901, 1, 1), date(2099, 12, 31)) | st.sampled_from(
    [date(2016, 2, 29), date(2020, 2, 29), date(2019, 2, 28), date(2019, 3, 1)]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(DATES, min_size=1, max_size=30), DATES)
def test_full_years_equal_relativedelta(starts: list[date], on: date) -> None:
    got = _full_years(np.array([days(d) for d in starts], dtype=np.int64), on)
    assert got.tolist() == [full_years_between(d, on) for d in starts]


@settings(max_examples=200, deadline=None)
@given(st.lists(DATES, min_size=1, max_size=30), st.integers(-50, 50))
def test_add_years_equal_relativedelta(starts: list[date], years: int) -> None:
    got = _add_years(np.array([days(d) for d in starts], dtype=np.int64), years)
    assert got.tolist() == [days(add_years(d, years)) for d in starts]


@settings(max_examples=100, deadline=None)
@given(DATES, st.integers(-5, 60), DATES)
def test_latest_start_is_the_boundary(on: date, years: int, start: date) -> None:
    qualifies = full_years_between(start, on) >= years
    assert qualifies == (days(start) <= _latest_start(on, years))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 10**12), min_size=1, max_size=20),
    st.lists(st.integers(0, 20), min_size=1, max_size=4).filter(lambda w: sum(w) > 0),
)
def test_split_fen_equals_split_exact(cents: list[int], weights: list[int]) -> None:
    from decimal import Decimal

    parts = split_fen(np.array(cents, dtype=np.int64), max(cents), [Fraction(w) for w in weights])
    for row, total in enumerate(cents):
        expected = split_exact(Decimal(total).scaleb(-2), [Decimal(w) for w in weights])
        assert [Decimal(int(p[row])).scaleb(-2) for p in parts] == list(expected)
