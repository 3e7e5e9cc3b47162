"""Coercion of caller input into exact values, and calendar arithmetic.

Money and ratios are :class:`decimal.Decimal`; binary floats are refused because
they cannot hold 0.3 or 1.5% exactly. Dates are :class:`datetime.date` or strict
ISO ``YYYY-MM-DD`` strings. Periods use :mod:`dateutil.relativedelta`, which
clamps to the month end the way the Civil Code does (31 August + 2 years is
31 August; 29 February + 1 year is 28 February).
"""

from __future__ import annotations

import functools
import re
import threading
from calendar import isleap
from collections.abc import Callable
from datetime import date, datetime
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    getcontext,
    setcontext,
)
from typing import Any, ParamSpec, TypeVar

from dateutil.relativedelta import relativedelta

from .exceptions import InvalidFactError

FEN = Decimal("0.01")
ZERO = Decimal(0)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# --------------------------------------------------------------------------- bounds
# The documented limits of every fact (docs/limits.md). Anything outside them is an
# InvalidFactError naming the fact, checked *before* any costly conversion, so one
# small input ("1e999999999", a 5,000-digit integer) can never stall a caller.

MAX_INTEGER_DIGITS = 18
"""A decimal fact is below 10**18 in absolute value (a quintillion yuan)."""
MAX_DECIMAL_PLACES = 10
"""A decimal fact has at most 10 significant digits after the point."""
MAX_COUNT = 10**12
"""An integer fact (a head count, a number of patents) is below 10**12 in absolute value."""
MIN_YEAR, MAX_YEAR = 1900, 2200
"""Fiscal years and the years of integer facts measured in years."""
MIN_DATE, MAX_DATE = date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)
"""Date facts and evaluation dates lie between these, inclusive."""
MAX_NUMBER_TEXT = 64
"""Longest numeric string accepted (after surrounding whitespace is stripped)."""
MAX_TEXT = 1000
"""Longest text fact accepted."""

# A plain number, or one grouped in thousands with commas ("1,000,000.50"); an
# optional exponent of at most four digits. ASCII digits only: "２０１９" is refused.
_NUMBER = re.compile(
    r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?(?:[eE][+-]?[0-9]{1,4})?"
    r"|[+-]?\.[0-9]+(?:[eE][+-]?[0-9]{1,4})?"
)
_LOOSE_EXPONENT = re.compile(r"[+-]?[0-9]*\.?[0-9]*[eE][+-]?[0-9]+")
_YEAR = re.compile(r"[0-9]{4}")
# str() of a Decimal in plain notation within the bounds.
_PLAIN = re.compile(rf"-?[0-9]{{1,{MAX_INTEGER_DIGITS}}}(?:\.[0-9]{{1,{MAX_DECIMAL_PLACES}}})?")

# --------------------------------------------------------------------------- context

LIB_CONTEXT = Context(
    prec=60,
    rounding=ROUND_HALF_EVEN,
    Emin=-999,
    Emax=999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""The one decimal context all of innovpolicy's arithmetic runs in.

60 significant digits hold every product and quotient of values within the bounds
above exactly or, for quotients, far beyond any threshold's precision. Payable
amounts are still rounded explicitly, half up, to the fen.
"""

_PLACES = Decimal(f"1E-{MAX_DECIMAL_PLACES}")  # the constructor is exact in any context
_INT_LIMIT = 10**MAX_INTEGER_DIGITS
# Only for checking a value's digits (never for arithmetic): no traps, flags unused.
_DIGITS = Context(prec=60, rounding=ROUND_HALF_EVEN, Emin=-999, Emax=999, traps=[])

_state = threading.local()  # .context: this thread's copy of LIB_CONTEXT
_P = ParamSpec("_P")
_R = TypeVar("_R")


def library_context() -> Context:
    """This thread's copy of :data:`LIB_CONTEXT` (made on first use)."""
    try:
        return _state.context  # type: ignore[no-any-return]
    except AttributeError:
        mine = _state.context = LIB_CONTEXT.copy()
        return mine


def in_library_context(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run *fn* in :data:`LIB_CONTEXT`, whatever the caller's decimal context is.

    Each thread gets its own copy of the library context, made once; the caller's
    (thread-local) context is restored afterwards, even on error. Nested calls find
    the library context already active and run directly, so ``evaluate_all`` pays
    the switch once, not per rule.
    """

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        caller = getcontext()
        try:
            mine = _state.context
        except AttributeError:
            mine = _state.context = LIB_CONTEXT.copy()
        if caller is mine:
            return fn(*args, **kwargs)
        setcontext(mine)
        try:
            return fn(*args, **kwargs)
        finally:
            setcontext(caller)

    return wrapper


# --------------------------------------------------------------------------- coercion


def unsigned_zero(value: Decimal) -> Decimal:
    """*value*, with a negative zero (``-0``, ``-0.00``) made positive."""
    return value.copy_abs() if value.is_zero() else value


def _check_decimal(field: str, original: Any, result: Decimal) -> Decimal:
    text = str(result)  # C-fast; linear even for a caller's Decimal of a million digits
    if _PLAIN.fullmatch(text):  # the usual case, in one step: finite, in range, few places
        return ZERO if text[0] == "-" and result.is_zero() else result
    if not result.is_finite():
        raise InvalidFactError(field, original, "must be a finite number (not NaN or Infinity)")
    if result.is_zero():
        return ZERO  # -0, 0E+9999 and 0.000 are all plain zero
    if result.adjusted() >= MAX_INTEGER_DIGITS:
        raise InvalidFactError(
            field, original, f"out of range: the magnitude must be below 10^{MAX_INTEGER_DIGITS}"
        )
    if len(text) <= 40 and "E" not in text and "e" not in text:  # (context.capitals=0)
        point = text.find(".")
        if point < 0 or len(text) - point - 1 <= MAX_DECIMAL_PLACES:
            return result  # the usual case: plain notation, few places
    # Exponent notation or many places: quantizing to MAX_DECIMAL_PLACES (trap-free,
    # exact for any value below 10**18) must not change the value; trailing zeros
    # beyond them do not count ("1.000000000000" is 1).
    short = _DIGITS.quantize(result, _PLACES)
    if short != result:
        raise InvalidFactError(field, original, f"more than {MAX_DECIMAL_PLACES} decimal places")
    return short if len(text) > 40 else result


def to_decimal(field: str, value: Any) -> Decimal:
    """Return *value* as a finite Decimal within the documented bounds, or raise naming *field*.

    Strings are plain numbers with ASCII digits, optionally grouped in thousands with
    commas (``1,000,000``); ``1,5``, ``2_019`` or fullwidth digits are refused.
    """
    if isinstance(value, Decimal):
        return _check_decimal(field, value, value)
    if isinstance(value, bool):
        raise InvalidFactError(field, value, "expected a number, got a boolean")
    if isinstance(value, int):
        if not -_INT_LIMIT < value < _INT_LIMIT:  # before any conversion of a huge int
            raise InvalidFactError(
                field, value, f"out of range: the magnitude must be below 10^{MAX_INTEGER_DIGITS}"
            )
        return Decimal(value) if value else ZERO
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise InvalidFactError(field, value, "must be a finite number (not NaN or Infinity)")
        raise InvalidFactError(
            field,
            value,
            "binary floats are not exact; pass a Decimal, an int or a numeric string "
            "(for JSON use json.loads(..., parse_float=decimal.Decimal))",
        )
    if isinstance(value, str):
        return _check_decimal(field, value, Decimal(_number_text(field, value)))
    raise InvalidFactError(field, value, f"expected a number, got {type(value).__name__}")


def _number_text(field: str, value: str) -> str:
    """The plain text of a numeric string, or raise: checked before ``Decimal()`` runs."""
    if len(value) > MAX_NUMBER_TEXT * 4:
        raise InvalidFactError(field, value, f"longer than {MAX_NUMBER_TEXT} characters")
    text = value.strip()
    if len(text) > MAX_NUMBER_TEXT:
        raise InvalidFactError(field, value, f"longer than {MAX_NUMBER_TEXT} characters")
    if not _NUMBER.fullmatch(text):
        if "," in text or "_" in text:
            reason = (
                "not a decimal number: separators are accepted only as thousands "
                "grouping (1,000,000)"
            )
        elif _LOOSE_EXPONENT.fullmatch(text):
            reason = f"out of range: the magnitude must be below 10^{MAX_INTEGER_DIGITS}"
        elif text.lower().lstrip("+-") in ("nan", "snan", "inf", "infinity"):
            reason = "must be a finite number (not NaN or Infinity)"
        else:
            reason = "not a decimal number"
        raise InvalidFactError(field, value, reason)
    return text.replace(",", "")


def to_int(field: str, value: Any) -> int:
    """Return *value* as an int below :data:`MAX_COUNT` (integral Decimals and strings accepted)."""
    if isinstance(value, bool):
        raise InvalidFactError(field, value, "expected a whole number, got a boolean")
    if isinstance(value, int):
        result = value
    else:
        number = to_decimal(field, value)
        if number != number.to_integral_value():
            raise InvalidFactError(field, value, "expected a whole number")
        if number.adjusted() >= MAX_INTEGER_DIGITS:  # pragma: no cover - to_decimal bounds it
            raise InvalidFactError(field, value, "out of range")
        result = int(number)
    if not -MAX_COUNT < result < MAX_COUNT:
        raise InvalidFactError(field, value, f"out of range: must be below {MAX_COUNT:,}")
    return result


def to_year(field: str, value: Any) -> int:
    """A fiscal year: an int or a string of four ASCII digits, 1900..2200."""
    if isinstance(value, bool):
        raise InvalidFactError(field, value, "expected a year, got a boolean")
    if isinstance(value, int):
        year = value
    elif isinstance(value, str) and _YEAR.fullmatch(value):
        year = int(value)
    else:
        raise InvalidFactError(field, value, "a fiscal year is an int or four digits (2019)")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidFactError(
            field, value, f"not a plausible fiscal year ({MIN_YEAR}..{MAX_YEAR})"
        )
    return year


def to_bool(field: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    raise InvalidFactError(field, value, "expected true or false")


def to_date(field: str, value: Any) -> date:
    """Return *value* as a date from 1900-01-01 to 2200-12-31; strings must be ``YYYY-MM-DD``."""
    if isinstance(value, datetime):
        raise InvalidFactError(field, value, "expected a date, got a datetime")
    if isinstance(value, date):
        day = value
    elif isinstance(value, str):
        if len(value) > MAX_NUMBER_TEXT:
            raise InvalidFactError(field, value, "expected a date written YYYY-MM-DD")
        text = value.strip()
        if not _ISO_DATE.fullmatch(text):
            raise InvalidFactError(field, value, "expected a date written YYYY-MM-DD")
        try:
            day = date.fromisoformat(text)
        except ValueError as exc:
            raise InvalidFactError(field, value, f"not a calendar date ({exc})") from None
    else:
        raise InvalidFactError(field, value, f"expected a date, got {type(value).__name__}")
    check_date_range(field, day, value)
    return day


def check_date_range(field: str, day: date, original: Any = None) -> None:
    """Raise unless *day* lies within :data:`MIN_DATE` .. :data:`MAX_DATE`."""
    if not MIN_DATE <= day <= MAX_DATE:
        raise InvalidFactError(
            field,
            day if original is None else original,
            f"out of range: dates run from {MIN_DATE} to {MAX_DATE}",
        )


def to_text(field: str, value: Any) -> str:
    """A text fact: a string of at most :data:`MAX_TEXT` printable characters."""
    if not isinstance(value, str):
        raise InvalidFactError(field, value, "expected text")
    if len(value) > MAX_TEXT:
        raise InvalidFactError(field, value, f"longer than {MAX_TEXT} characters")
    if _UNPRINTABLE.search(value):
        raise InvalidFactError(field, value, "contains control characters or unpaired surrogates")
    return value


_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def round_payable(amount: Decimal) -> Decimal:
    """Round a payable amount to the fen, half up (never ``-0.00``). Called once, at the end."""
    return unsigned_zero(amount.quantize(FEN, rounding=ROUND_HALF_UP))


def full_years_between(start: date, end: date) -> int:
    """Whole years elapsed from *start* to *end* (negative if *end* is earlier).

    The count of ``relativedelta(end, start).years``: the largest *n* whose
    anniversary (29 February clamped to the 28th in a common year) is not after
    *end*. For *end* not before *start* it is a tuple comparison (no relativedelta
    on the evaluation path); tests check the two agree.
    """
    if end < start:
        return relativedelta(end, start).years
    years = end.year - start.year
    day = start.day
    if day == 29 and start.month == 2 and not isleap(end.year):
        day = 28
    if (end.month, end.day) < (start.month, day):
        years -= 1
    return years


def add_years(start: date, years: int) -> date:
    return start + relativedelta(years=years)


def add_months(start: date, months: int) -> date:
    return start + relativedelta(months=months)


def format_decimal(value: Decimal) -> str:
    """Plain, non-scientific text of a Decimal (``1E+7`` becomes ``10000000``; never ``-0``)."""
    text = str(value)
    # The usual case: str() wrote it in plain notation (an exponent of at most 0, at
    # most 6 zeros after the point), just as format "f" would; a short text has fewer
    # than 100 digits before the point. NaN and Infinity are written so too.
    if len(text) < 100 and "E" not in text and "e" not in text:
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    if value.is_zero():
        return "0"
    if not value.is_finite() or not -100 < value.adjusted() < 100:
        return text  # far outside every bound: keep it short, in scientific form
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
