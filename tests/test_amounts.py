from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovpolicy.authoring import split_exact

FEN = Decimal("0.01")
totals = st.decimals(min_value=0, max_value=10**9, places=2)
weights = st.lists(
    st.integers(min_value=0, max_value=100).map(Decimal), min_size=1, max_size=6
).filter(lambda ws: sum(ws) > 0)


@given(totals, weights)
def test_shares_add_up_exactly(total: Decimal, ws: list[Decimal]) -> None:
    parts = split_exact(total, ws)
    assert sum(parts) == total
    assert all(p.as_tuple().exponent == -2 for p in parts)  # type: ignore[union-attr]


@given(totals, weights)
def test_each_share_is_within_a_fen_of_its_exact_part(total: Decimal, ws: list[Decimal]) -> None:
    parts = split_exact(total, ws)
    for part, w in zip(parts, ws, strict=True):
        exact = total * w / sum(ws)
        assert abs(part - exact) < FEN
        assert part >= 0


@given(totals)
def test_eight_two_split(total: Decimal) -> None:
    province, prefecture = split_exact(total, [Decimal(8), Decimal(2)])
    assert province + prefecture == total
    assert province >= prefecture * 4 - FEN * 4


def test_tie_goes_to_the_earlier_payer() -> None:
    assert split_exact(Decimal("0.01"), [Decimal(1), Decimal(1)]) == (
        Decimal("0.01"),
        Decimal("0.00"),
    )
    assert split_exact(Decimal("99999.99"), [Decimal(1), Decimal(1)]) == (
        Decimal("50000.00"),
        Decimal("49999.99"),
    )


@pytest.mark.parametrize(
    ("total", "ws", "message"),
    [
        (Decimal("1.001"), [Decimal(1)], "fen"),
        (Decimal(1), [], "weight"),
        (Decimal(1), [Decimal(0)], "zero"),
        (Decimal(1), [Decimal(-1), Decimal(2)], "negative"),
    ],
)
def test_bad_splits_are_refused(total: Decimal, ws: list[Decimal], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        split_exact(total, ws)
