from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovpolicy import Citation, DatedValue, Document, MarginalScale, Parameter
from innovpolicy.authoring import apply_marginal, constant
from innovpolicy.exceptions import NoValueInForceError

DOC = Document("doc", "测试〔2020〕1号", "测试文件", "Test document", "测试机关", date(2020, 1, 1))
CITE = Citation(DOC, "第一条", "原文")


def test_parameter_resolves_by_date_and_refuses_gaps() -> None:
    param = Parameter(
        "rate",
        "a rate",
        "ratio",
        (
            DatedValue("0.10", date(2021, 1, 1), CITE),
            DatedValue("0.15", date(2017, 1, 1), CITE, date(2019, 12, 31)),
        ),
    )
    assert param.at(date(2018, 5, 5)).value == Decimal("0.15")
    assert param.at(date(2019, 12, 31)).value == Decimal("0.15")
    assert param.at(date(2030, 1, 1)).value == Decimal("0.10")
    with pytest.raises(NoValueInForceError, match="rate") as info:
        param.at(date(2020, 6, 1))
    assert "2017-01-01..2019-12-31" in str(info.value)
    with pytest.raises(NoValueInForceError):
        param.at(date(2016, 12, 31))


def test_overlapping_windows_are_refused() -> None:
    with pytest.raises(ValueError, match="overlap"):
        Parameter(
            "x",
            "x",
            "CNY",
            (DatedValue(1, date(2017, 1, 1), CITE), DatedValue(2, date(2018, 1, 1), CITE)),
        )


def test_dated_value_window_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="before"):
        DatedValue(1, date(2020, 1, 1), CITE, date(2019, 1, 1))


def test_constant_takes_the_document_window() -> None:
    bounded = Document("d2", "n", "t", "t", "i", date(2015, 1, 30), date(2019, 12, 31))
    param = constant("k", 1, citation=Citation(bounded, "第三条", "w"), description="d", unit="u")
    assert param.values[0].valid_from == date(2015, 1, 30)
    assert param.values[0].valid_to == date(2019, 12, 31)


@pytest.mark.parametrize(
    "pairs",
    [
        ((1, "0.1"),),
        ((0, "0.1"), (0, "0.2")),
        ((0, "0.1"), (10, "-0.1")),
        ((0, "0.1"), (20, "0.1"), (10, "0.1")),
    ],
)
def test_invalid_scales_are_refused(pairs: tuple[tuple[int, str], ...]) -> None:
    with pytest.raises(ValueError):
        MarginalScale.of(*pairs)


PLATFORM = MarginalScale.of((0, "0.015"), (10_000_000, "0.01"))
money = st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False)
rates = st.decimals(min_value=0, max_value=1, places=4)


@st.composite
def scales(draw: st.DrawFn) -> MarginalScale:
    thresholds = sorted(set(draw(st.lists(st.integers(1, 10**8), max_size=4))))
    pairs = [(0, draw(rates))] + [(t, draw(rates)) for t in thresholds]
    return MarginalScale.of(*pairs)


def test_platform_scale_examples() -> None:
    assert apply_marginal(PLATFORM, Decimal(10_000_000)) == Decimal(150_000)
    assert apply_marginal(PLATFORM, Decimal(10_000_001)) == Decimal("150000.01")
    assert apply_marginal(PLATFORM, Decimal(0)) == 0
    assert apply_marginal(PLATFORM, Decimal(-5)) == 0


@given(scales(), money, money)
def test_marginal_scales_are_non_decreasing(scale: MarginalScale, a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    assert apply_marginal(scale, low) <= apply_marginal(scale, high)


@given(scales(), money)
def test_marginal_scales_are_continuous_at_every_threshold(
    scale: MarginalScale, _: Decimal
) -> None:
    eps = Decimal("0.000001")
    max_rate = max(b.rate for b in scale.brackets)
    for bracket in scale.brackets[1:]:
        t = bracket.threshold
        left, at, right = (
            apply_marginal(scale, t - eps),
            apply_marginal(scale, t),
            apply_marginal(scale, t + eps),
        )
        assert at - left <= max_rate * eps
        assert right - at <= max_rate * eps


@given(scales(), money)
def test_marginal_equals_sum_of_slices(scale: MarginalScale, base: Decimal) -> None:
    bounds = [b.threshold for b in scale.brackets] + [None]
    expected = Decimal(0)
    for bracket, upper in zip(scale.brackets, bounds[1:], strict=True):
        top = base if upper is None else min(base, upper)
        expected += max(top - bracket.threshold, Decimal(0)) * bracket.rate
    assert apply_marginal(scale, base) == expected


def test_a_parameter_without_values_needs_a_reason() -> None:
    with pytest.raises(ValueError, match="unset_reason"):
        Parameter("w", "weight", "points", ())
    unset = Parameter("w", "weight", "points", (), unset_reason="the text gives none", source=CITE)
    assert unset.first_date is None and unset.last_date is None
