"""Finding a rule's thresholds and building facts that sit on, below and above them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from .._amounts import Fixed as FixedAmount
from .._amounts import LesserOf, Marginal, RateOf
from .._criteria import (
    Compare,
    Const,
    Expr,
    Fact,
    Growth,
    Param,
    Ratio,
    Truth,
    YearFact,
    YearsSince,
)
from .._facts import yearly_key
from .._jurisdiction import Jurisdiction, _Ctx
from .._params import MarginalScale
from .._rules import Rule

_EXPECTED = {
    ">=": (False, True, True),
    ">": (False, False, True),
    "<=": (True, True, False),
    "<": (True, False, False),
    "==": (False, True, False),
}


@attrs.frozen
class Probe:
    """Facts putting one comparison below, at, or above its threshold."""

    rule_id: str
    node: Compare
    position: str  # "below", "at" or "above"
    flat: Mapping[str, Any]
    expected: bool

    def describe(self) -> str:
        return (
            f"{self.rule_id}: {self.node.label!r} ({self.node.op}, 「{self.node.wording}」) "
            f"{self.position} its threshold with {dict(self.flat)}"
        )


def comparisons(rule: Rule) -> Iterator[Compare]:
    for node in rule.criteria.walk():
        if isinstance(node, Compare):
            yield node


def threshold_value(jurisdiction: Jurisdiction, node: Compare, on: date) -> Any:
    if isinstance(node.right, Param):
        return jurisdiction.parameter(node.right.key, on).value
    if isinstance(node.right, Const):
        return node.right.constant
    return None


def probes(jurisdiction: Jurisdiction, rule: Rule, on: date) -> Iterator[Probe]:
    """Probes for every comparison of *rule* whose left side can be set directly."""
    for node in comparisons(rule):
        threshold = threshold_value(jurisdiction, node, on)
        if threshold is None:
            continue
        triples = _placements(jurisdiction, node, threshold, on)
        if triples is None:
            continue
        for position, flat, expected in zip(
            ("below", "at", "above"), triples, _EXPECTED[node.op], strict=True
        ):
            if flat is not None:
                yield Probe(rule.id, node, position, flat, expected)


def decides(jurisdiction: Jurisdiction, probe: Probe, on: date) -> Truth:
    return probe.node.test(_Ctx(jurisdiction, probe.flat, on, record=False))


def _unit(jurisdiction: Jurisdiction, name: str) -> Decimal:
    spec = jurisdiction.fact_registry[name]
    return Decimal(1) if spec.kind == "integer" else Decimal("0.01")


def _key(left: Fact | YearFact, on: date) -> str:
    if isinstance(left, YearFact):
        return yearly_key(left.name, on.year - left.years_back)
    return left.name


def _placements(
    jurisdiction: Jurisdiction, node: Compare, threshold: Any, on: date
) -> tuple[dict[str, Any] | None, ...] | None:
    left = node.left
    if isinstance(threshold, date) and isinstance(left, Fact):
        one = timedelta(days=1)
        return tuple({left.name: day} for day in (threshold - one, threshold, threshold + one))
    if not isinstance(threshold, Decimal):
        return None
    if isinstance(left, (Fact, YearFact)):
        unit = _unit(jurisdiction, left.name)
        key = _key(left, on)
        floor = jurisdiction.fact_registry[left.name].minimum
        return tuple(
            None
            if value < 0 or (floor is not None and value < floor)
            else {key: _typed(jurisdiction, left.name, value)}
            for value in (threshold - unit, threshold, threshold + unit)
        )
    if isinstance(left, YearsSince):
        exact = on - relativedelta(years=int(threshold))
        one = timedelta(days=1)
        return tuple({left.name: day} for day in (exact + one, exact, exact - one))
    if isinstance(left, Ratio) and isinstance(left.numerator, (Fact, YearFact)):
        if not isinstance(left.denominator, (Fact, YearFact)):
            return None
        denominator = Decimal(1_000_000)
        numerator = threshold * denominator
        if numerator != numerator.to_integral_value():
            return None
        num_key, den_key = _key(left.numerator, on), _key(left.denominator, on)
        if num_key == den_key:
            return None
        return tuple(
            None if value < 0 else {num_key: value, den_key: denominator}
            for value in (numerator - 1, numerator, numerator + 1)
        )
    if isinstance(left, Growth):
        base = Decimal(1_000_000)
        target = (1 + threshold) * base
        if target != target.to_integral_value():
            return None
        now = yearly_key(left.name, on.year - left.years_back)
        before = yearly_key(left.name, on.year - left.years_back - 1)
        return tuple({now: value, before: base} for value in (target - 1, target, target + 1))
    return None


def _typed(jurisdiction: Jurisdiction, name: str, value: Decimal) -> Any:
    if jurisdiction.fact_registry[name].kind == "integer":
        return int(value)
    return value


def unflatten(flat: Mapping[str, Any]) -> dict[str, Any]:
    """Turn the engine's flat facts (``name[2020]``) back into a facts mapping."""
    result: dict[str, Any] = {}
    for key, value in flat.items():
        if key.endswith("]") and "[" in key:
            name, year = key[:-1].split("[", 1)
            result.setdefault(name, {})[int(year)] = value
        else:
            result[key] = value
    return result


# ---------------------------------------------------------------- wording

# Longest phrases first, so 不低于 is not read as 低于, nor 不超过 as 超过.
_WORDING: tuple[tuple[str, str], ...] = (
    ("以上的部分", ">"),
    ("不得少于", ">="),
    ("不低于", ">="),
    ("不少于", ">="),
    ("不超过", "<="),
    ("不高于", "<="),
    ("不满", "<"),
    ("不到", "<"),
    ("未满", "<"),
    ("少于", "<"),
    ("以上", ">="),
    ("达到", ">="),
    ("至少", ">="),
    ("以下", "<="),
    ("以内", "<="),
    ("最高", "<="),
    ("超过", ">"),
    ("高于", ">"),
    ("低于", "<"),
    ("满", ">="),  # 满X年: at least X full years (after 不满/未满 are taken out)
)


def wording_ops(wording: str) -> set[str]:
    """The comparison operators the legal wording states (CONVENTIONS.md), if any."""
    found: set[str] = set()
    text = wording
    for phrase, op in _WORDING:
        if phrase in text:
            found.add(op)
            text = text.replace(phrase, "　")
    return found


# ---------------------------------------------------------------- caps and tiers

_FEN = Decimal("0.01")


def _constant(jurisdiction: Jurisdiction, expr: Expr, on: date) -> Any:
    if isinstance(expr, Const):
        return expr.constant
    if isinstance(expr, Param):
        try:
            return jurisdiction.parameter(expr.key, on).value
        except LookupError:
            return None
    return None


def amount_targets(jurisdiction: Jurisdiction, rule: Rule, on: date) -> dict[str, list[Decimal]]:
    """Flat fact keys and the values at which an amount's cap or tier starts to bind.

    For ``lesser_of(rate_of(rate, base), cap)`` the base where ``rate × base = cap``
    and one fen either side; for a marginal scale on a base fact, each bracket
    threshold and one fen either side.
    """
    targets: dict[str, list[Decimal]] = {}
    if rule.amount is None:
        return targets

    def add(base: Expr, value: Decimal) -> None:
        if not isinstance(base, (Fact, YearFact)):
            return
        if jurisdiction.fact_registry[base.name].kind != "decimal":
            return
        key = _key(base, on)
        for candidate in (value - _FEN, value, value + _FEN):
            if candidate >= 0:
                targets.setdefault(key, []).append(candidate.quantize(_FEN))

    for node in rule.amount.walk():
        if isinstance(node, LesserOf):
            caps = [
                _constant(jurisdiction, part.amount, on)
                for part in node.parts
                if isinstance(part, FixedAmount)
            ]
            for part in node.parts:
                if not isinstance(part, RateOf):
                    continue
                rate = _constant(jurisdiction, part.rate, on)
                if not isinstance(rate, Decimal) or rate <= 0:
                    continue
                for cap in caps:
                    if isinstance(cap, Decimal):
                        add(part.base, cap / rate)
        elif isinstance(node, Marginal):
            scale = _constant(jurisdiction, node.scale, on)
            if isinstance(scale, MarginalScale):
                for bracket in scale.brackets[1:]:
                    add(node.base, bracket.threshold)
    return targets


def unflatten_targets(targets: Mapping[str, list[Decimal]]) -> Iterator[tuple[str, Any]]:
    """(fact name, value) pairs for :func:`amount_targets`, yearly facts as ``{year: v}``."""
    for key, values in targets.items():
        for value in values:
            yield from unflatten({key: value}).items()
