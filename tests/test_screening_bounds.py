"""Screening applies the per-row path's input bounds and its reading of inconsistent dates.

Regression tests for the merge of the columnar path (#9) with the hostile-input work (#8):
the columns refuse what ``prepare`` refuses, with the same message and the first
offending row, and a start date after the evaluation date is undetermined, never a pass.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")

import innovpolicy  # noqa: E402
from innovpolicy.exceptions import InvalidFactError, UnknownFactError  # noqa: E402

ON = date(2021, 6, 30)


@pytest.fixture(scope="module")
def xining() -> innovpolicy.Jurisdiction:
    return innovpolicy.load("xining")


def test_a_start_date_after_the_evaluation_date_is_undetermined(
    xining: innovpolicy.Jurisdiction,
) -> None:
    starts = [date(2030, 1, 1), date(2020, 1, 1), date(2021, 6, 30), date(2021, 7, 1)]
    table = pa.table(
        {"id": ["future", "past", "same day", "next day"], "registration_date": starts}
    )
    screened = xining.screen(table, on=ON, rules=["QH20-VOUCHER"])
    for index, start in enumerate(starts):
        row = xining.evaluate("QH20-VOUCHER", {"registration_date": start}, ON)
        assert screened.column("QH20-VOUCHER.status")[index].as_py() == row.status.value
        assert tuple(screened.column("QH20-VOUCHER.missing")[index].as_py()) == row.missing
    future = xining.evaluate("QH20-VOUCHER", {"registration_date": starts[0]}, ON)
    assert any("after" in reason for reason in future.reasons)


@pytest.mark.parametrize(
    ("column", "values", "message"),
    [
        ("transaction_volume", pa.array([Decimal(10**18)], pa.decimal128(38, 0)), r"10\^18"),
        ("transaction_volume", pa.array(["1.12345678901"]), "decimal places"),
        ("employees", pa.array([10**13]), "below"),
        ("registration_date", pa.array([date(1899, 12, 31)]), "1900-01-01"),
        ("name", pa.array(["a\x01b"]), "control characters"),
        ("name", pa.array(["x" * 1001]), "1000 characters"),
    ],
)
def test_columns_outside_the_bounds_are_refused_like_rows(
    xining: innovpolicy.Jurisdiction, column: str, values: Any, message: str
) -> None:
    table = pa.table({"id": ["z"], column: values})
    with pytest.raises(InvalidFactError, match=message) as caught:
        xining.screen(table, on=ON)
    assert caught.value.field == column
    assert "id='z'" in str(caught.value)
    with pytest.raises(InvalidFactError, match=message):
        xining.prepare({column: values[0].as_py()})


def test_a_fullwidth_year_in_a_column_name_is_not_a_year(
    xining: innovpolicy.Jurisdiction,
) -> None:
    with pytest.raises(UnknownFactError):
        xining.screen(pa.table({"rd_expense[２０１９]": ["1"]}), on=ON)
