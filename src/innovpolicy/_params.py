"""Dated parameters: amounts, rates, thresholds and marginal scales with their sources."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from ._frozen import frozen
from ._sources import Citation
from ._values import ZERO, format_decimal, in_library_context
from .exceptions import NoValueInForceError


def _as_decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        return Decimal(value)
    raise TypeError(f"expected Decimal, int or str, got {value!r}")


@frozen
class Bracket:
    """One bracket of a marginal scale: ``rate`` applies to the slice above ``threshold``."""

    threshold: Decimal = attrs.field(converter=_as_decimal)
    rate: Decimal = attrs.field(converter=_as_decimal)


def _bracket_tuple(value: Any) -> tuple[Bracket, ...]:
    if isinstance(value, (str, bytes)):
        raise TypeError(f"expected brackets, got {value!r}")
    return tuple(value)


def _check_brackets(instance: Any, attribute: Any, value: tuple[Bracket, ...]) -> None:
    if not value:
        raise ValueError("a marginal scale needs at least one bracket")
    if value[0].threshold != ZERO:
        raise ValueError("the first bracket of a marginal scale must start at 0")
    for lower, upper in itertools.pairwise(value):
        if upper.threshold <= lower.threshold:
            raise ValueError("bracket thresholds must strictly increase")
    for bracket in value:
        if bracket.rate < ZERO:
            raise ValueError("bracket rates must not be negative")


@frozen
class MarginalScale:
    """A marginal (progressive) scale: each rate applies only to its own slice.

    "1000万元(含)以内的给予1.5%的补助；1000万元以上的部分给予1%" is
    ``MarginalScale.of((0, "0.015"), (10_000_000, "0.01"))``. Because each
    rate applies to a slice, the result is continuous in the base, so whether the
    bracket boundary itself is inclusive does not change any amount.
    """

    brackets: tuple[Bracket, ...] = attrs.field(converter=_bracket_tuple, validator=_check_brackets)

    @classmethod
    def of(cls, *pairs: tuple[Decimal | int | str, Decimal | int | str]) -> MarginalScale:
        return cls(tuple(Bracket(threshold, rate) for threshold, rate in pairs))

    @in_library_context
    def apply(self, base: Decimal) -> Decimal:
        """The scale's amount for *base* (unrounded). Non-positive bases give 0."""
        return apply_marginal(self, base)

    def describe(self) -> str:
        parts = []
        for index, bracket in enumerate(self.brackets):
            upper = self.brackets[index + 1].threshold if index + 1 < len(self.brackets) else None
            span = (
                f"{format_decimal(bracket.threshold)}–{format_decimal(upper)}"
                if upper is not None
                else f"above {format_decimal(bracket.threshold)}"
            )
            parts.append(f"{format_decimal(bracket.rate * 100)}% of {span}")
        return "; ".join(parts)


def apply_marginal(scale: MarginalScale, base: Decimal) -> Decimal:
    """Sum of rate × slice over the brackets of *scale* (the one core tier function)."""
    total = ZERO
    brackets = scale.brackets
    for index, bracket in enumerate(brackets):
        if base <= bracket.threshold:
            break
        upper = brackets[index + 1].threshold if index + 1 < len(brackets) else None
        top = base if upper is None or base < upper else upper
        total += (top - bracket.threshold) * bracket.rate
    return total


ParamValue = Decimal | MarginalScale


def _convert_value(value: Any) -> ParamValue:
    if type(value) is Decimal:  # the usual value, as _as_decimal returns it
        return value
    if isinstance(value, MarginalScale):
        return value
    return _as_decimal(value)


@frozen
class DatedValue:
    """A value in force from ``valid_from`` to ``valid_to`` (both inclusive; None = open)."""

    value: ParamValue = attrs.field(converter=_convert_value)
    valid_from: date
    citation: Citation
    valid_to: date | None = None
    note: str = ""

    def __attrs_post_init__(self) -> None:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")

    def covers(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def window(self, lang: str = "en") -> str:
        """The window as text: ``2022-01-01..open`` (``..不限`` in Chinese)."""
        return f"{self.valid_from}..{self.valid_to or ('不限' if lang == 'zh' else 'open')}"


def _valid_from(value: DatedValue) -> date:
    return value.valid_from


def _sorted_values(values: Iterable[DatedValue]) -> tuple[DatedValue, ...]:
    values = tuple(values)
    return values if len(values) < 2 else tuple(sorted(values, key=_valid_from))


@frozen
class Parameter:
    """A named quantity with its dated values; windows must not overlap.

    A quantity the source names but does not give (the weights of the innovative-
    enterprise score) is declared with no values, an ``unset_reason`` and the
    ``source`` that names it; rules using it answer "undetermined" with that reason
    until a deployment's layer supplies the value through ``overrides``.
    """

    key: str
    description: str
    unit: str
    values: tuple[DatedValue, ...] = attrs.field(converter=_sorted_values)
    unset_reason: str = ""
    source: Citation | None = None

    def __attrs_post_init__(self) -> None:
        values = self.values
        if len(values) == 1:  # most parameters: nothing can overlap
            return
        if not values and not self.unset_reason:
            raise ValueError(
                f"parameter {self.key!r} has no values (give unset_reason if the source has none)"
            )
        for earlier, later in itertools.pairwise(values):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                raise ValueError(
                    f"parameter {self.key!r}: value windows {earlier.window()} and "
                    f"{later.window()} overlap"
                )

    def find(self, on: date) -> DatedValue | None:
        for value in self.values:
            if value.covers(on):
                return value
        return None

    def at(self, on: date) -> DatedValue:
        """The value in force on *on*; raises :class:`NoValueInForceError` if none is."""
        found = self.find(on)
        if found is None:
            raise NoValueInForceError(self.key, on, self.windows())
        return found

    def windows(self) -> str:
        return ", ".join(v.window() for v in self.values)

    @property
    def first_date(self) -> date | None:
        return self.values[0].valid_from if self.values else None

    @property
    def last_date(self) -> date | None:
        return self.values[-1].valid_to if self.values else None
