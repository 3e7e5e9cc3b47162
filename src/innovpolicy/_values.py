"""Coercion of caller input into exact values, and calendar arithmetic.

Money and ratios are :class:`decimal.Decimal`; binary floats are refused because
they cannot hold 0.3 or 1.5% exactly. Dates are :class:`datetime.date` or strict
ISO ``YYYY-MM-DD`` strings. Periods use :mod:`dateutil.relativedelta`, which
clamps to the month end the way the Civil Code does (31 August + 2 years is
31 August; 29 February + 1 year is 28 February).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from dateutil.relativedelta import relativedelta

from .exceptions import InvalidFactError

FEN = Decimal("0.01")
ZERO = Decimal(0)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def to_decimal(field: str, value: Any) -> Decimal:
    """Return *value* as a finite Decimal, or raise naming *field*."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise InvalidFactError(field, value, "expected a number, got a boolean")
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        raise InvalidFactError(
            field,
            value,
            "binary floats are not exact; pass a Decimal, an int or a numeric string "
            "(for JSON use json.loads(..., parse_float=decimal.Decimal))",
        )
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip().replace(",", "").replace("_", ""))
        except InvalidOperation:
            raise InvalidFactError(field, value, "not a decimal number") from None
    else:
        raise InvalidFactError(field, value, f"expected a number, got {type(value).__name__}")
    if not result.is_finite():
        raise InvalidFactError(field, value, "must be a finite number")
    return result


def to_int(field: str, value: Any) -> int:
    """Return *value* as an int (integral Decimals and digit strings accepted)."""
    if isinstance(value, bool):
        raise InvalidFactError(field, value, "expected a whole number, got a boolean")
    if isinstance(value, int):
        return value
    number = to_decimal(field, value)
    if number != number.to_integral_value():
        raise InvalidFactError(field, value, "expected a whole number")
    return int(number)


def to_bool(field: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    raise InvalidFactError(field, value, "expected true or false")


def to_date(field: str, value: Any) -> date:
    """Return *value* as a date; strings must be exactly ``YYYY-MM-DD``."""
    if isinstance(value, datetime):
        raise InvalidFactError(field, value, "expected a date, got a datetime")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not _ISO_DATE.fullmatch(text):
            raise InvalidFactError(field, value, "expected a date written YYYY-MM-DD")
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            raise InvalidFactError(field, value, f"not a calendar date ({exc})") from None
    raise InvalidFactError(field, value, f"expected a date, got {type(value).__name__}")


def round_payable(amount: Decimal) -> Decimal:
    """Round a payable amount to the fen, half up. Called once, at the end."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def full_years_between(start: date, end: date) -> int:
    """Whole years elapsed from *start* to *end* (negative if *end* is earlier)."""
    return relativedelta(end, start).years


def add_years(start: date, years: int) -> date:
    return start + relativedelta(years=years)


def add_months(start: date, months: int) -> date:
    return start + relativedelta(months=months)


def format_decimal(value: Decimal) -> str:
    """Plain, non-scientific text of a Decimal (``1E+7`` becomes ``10000000``)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
