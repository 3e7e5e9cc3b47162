"""Compiled plans: the rules in force on one date, as one logical form for every executor.

:func:`compile_plan` turns the rule trees of a loaded jurisdiction into a small
logical plan for one evaluation date: parameters are resolved to exact fractions,
dates become integers (days since 1970-01-01), fiscal-year facts become the flat
column names the missing-fact notation uses (``rd_expense[2018]``), and payer
shares (with the refinements of lower layers) are flattened. A rule whose tree
holds a node kind the plan cannot express is marked ``fallback`` with the reason:
executors then evaluate that rule per row with the reference interpreter.

The plan imports nothing beyond the standard library and the core; the column
executor (:mod:`innovpolicy._plan._columns`, numpy) is one backend over it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, TypeAlias

import attrs

from .._amounts import Discretionary, Fixed, Formula, LesserOf, Lookup, Marginal, RateOf
from .._criteria import (
    AgeOn,
    AllOf,
    Always,
    AnyOf,
    Cases,
    Compare,
    Const,
    Criterion,
    DayOfEvaluationYear,
    Difference,
    EvaluationDate,
    EvaluationYear,
    Expr,
    Fact,
    FactIs,
    Growth,
    IfThen,
    Not,
    Param,
    Product,
    Ratio,
    Sum,
    SupportYear,
    YearFact,
    YearOf,
    YearsAfter,
    YearsSince,
)
from .._facts import yearly_key
from .._params import MarginalScale
from .._values import in_library_context
from ..exceptions import ParameterNotSetError

if TYPE_CHECKING:
    from .._jurisdiction import Jurisdiction, _Version

EPOCH = date(1970, 1, 1)


def days(day: date) -> int:
    """A date as the integer the plan uses: days since 1970-01-01."""
    return (day - EPOCH).days


class Unsupported(Exception):
    """A node kind the logical plan cannot express; the rule falls back per row."""


# --------------------------------------------------------------------------- values


@attrs.frozen
class VFact:
    """A fact column (flat key: ``employees``, ``rd_expense[2018]``) of a numeric or date kind."""

    key: str
    kind: str


@attrs.frozen
class VConst:
    value: Fraction


@attrs.frozen
class VUnknown:
    """A value that is unknown for every row (a parameter no layer has set)."""

    reason: str


@attrs.frozen
class VRatio:
    """num / den; a zero denominator leaves the row unknown with ``zero_reason``."""

    num: Value
    den: Value
    zero_reason: str = ""


@attrs.frozen
class VSum:
    terms: tuple[Value, ...]


@attrs.frozen
class VProduct:
    left: Value
    right: Value


@attrs.frozen
class VDifference:
    left: Value
    right: Value


@attrs.frozen
class VYearsSince:
    """Full years from a date column to the evaluation date (Civil-Code count)."""

    key: str
    on: date


@attrs.frozen
class VYearOf:
    key: str


@attrs.frozen
class VYearsAfter:
    """The date *years* after a date column (Civil-Code count: 29 February clamps)."""

    key: str
    years: int


@attrs.frozen
class VCases:
    """The value of the first case whose criterion holds; an unknown case before it blocks."""

    cases: tuple[tuple[Cond, Value], ...]
    default: Value | None


Value: TypeAlias = (
    VFact
    | VConst
    | VUnknown
    | VRatio
    | VSum
    | VProduct
    | VDifference
    | VYearsSince
    | VYearOf
    | VYearsAfter
    | VCases
)


# --------------------------------------------------------------------------- criteria


@attrs.frozen
class CCompare:
    left: Value
    op: str
    right: Value


@attrs.frozen
class CIn:
    """A boolean or text fact is one of ``expected``."""

    key: str
    kind: str
    expected: tuple[object, ...]


@attrs.frozen
class CAll:
    parts: tuple[Cond, ...]


@attrs.frozen
class CAny:
    parts: tuple[Cond, ...]


@attrs.frozen
class CNot:
    part: Cond


@attrs.frozen
class CIf:
    cond: Cond
    then: Cond
    otherwise: Cond


@attrs.frozen
class CAlways:
    pass


Cond: TypeAlias = CCompare | CIn | CAll | CAny | CNot | CIf | CAlways


# --------------------------------------------------------------------------- amounts


@attrs.frozen
class AValue:
    """A value used as an amount (``Fixed``) or rate × base (``RateOf``)."""

    value: Value


@attrs.frozen
class ALesser:
    parts: tuple[Amount, ...]


@attrs.frozen
class AMarginal:
    brackets: tuple[tuple[Fraction, Fraction], ...]  # (threshold, rate)
    base: Value


@attrs.frozen
class ARange:
    """A discretionary range: decides the status, never gives an amount figure."""

    low: Value
    high: Value | None


@attrs.frozen
class ALookup:
    """An amount chosen by the value of a text fact (a value not in the table is unknown)."""

    key: str
    entries: tuple[tuple[str, Amount], ...]


Amount: TypeAlias = AValue | ALesser | AMarginal | ARange | ALookup


@attrs.frozen
class SplitPart:
    """One payer of a flattened split: weights of the top split and, if refined, the sub-split."""

    role: str
    weight: Fraction
    into: tuple[tuple[str, Fraction], ...] = ()


@attrs.frozen
class RulePlan:
    """One rule on the plan's date.

    ``mode`` is ``compiled`` (criteria/amount/split hold the logical form),
    ``fallback`` (evaluated per row by the reference interpreter; ``reason`` says why)
    or ``not_in_force``.
    """

    rule_id: str
    mode: str
    version: _Version | None = None
    criteria: Cond | None = None
    amount: Amount | None = None
    split: tuple[SplitPart, ...] = ()
    reason: str = ""
    has_amount: bool = False
    may_range: bool = False

    @property
    def may_reason(self) -> bool:
        """Whether an undetermined row can have a reason besides missing facts: the plan
        holds a ratio (zero denominator), an unset parameter, a duration (a future
        start), cases (none applies) or a lookup (a value the table lacks)."""
        values: list[Value] = []
        if self.criteria is not None:
            values.extend(_cond_values(self.criteria))
        if self.amount is not None:
            for amount in _walk_amounts(self.amount):
                if isinstance(amount, ALookup):
                    return True
                values.extend(_amount_values(amount))
        return any(
            isinstance(w, (VRatio, VUnknown, VYearsSince, VCases))
            for v in values
            for w in _walk_values(v)
        )

    @property
    def share_roles(self) -> tuple[str, ...]:
        """Payer roles in share order: a refined share is replaced by its sub-payers."""
        roles: list[str] = []
        for part in self.split:
            if part.into:
                roles.extend(sub for sub, _ in part.into)
            else:
                roles.append(part.role)
        return tuple(roles)


@attrs.frozen
class Plan:
    """The compiled rules of one jurisdiction on one date."""

    jurisdiction: str
    on: date
    rules: tuple[RulePlan, ...]

    @property
    def fallback_rules(self) -> dict[str, str]:
        """Rules evaluated per row, with the reason (the node kind the plan lacks)."""
        return {r.rule_id: r.reason for r in self.rules if r.mode == "fallback"}

    def fact_keys(self) -> tuple[str, ...]:
        """Flat fact keys (columns) read by the compiled rules, in first-use order."""
        keys: dict[str, None] = {}
        for rule in self.rules:
            if rule.criteria is not None:
                keys.update(dict.fromkeys(_cond_keys(rule.criteria)))
            if rule.amount is not None:
                keys.update(dict.fromkeys(_amount_keys(rule.amount)))
        return tuple(keys)


# --------------------------------------------------------------------------- compiler


class _Compiler:
    def __init__(self, jurisdiction: Jurisdiction, on: date) -> None:
        self.j = jurisdiction
        self.on = on

    def kind(self, name: str) -> str:
        return self.j.fact_registry[name].kind

    def param(self, key: str) -> Value:
        try:
            value = self.j.parameter(key, self.on).value
        except ParameterNotSetError as exc:
            return VUnknown(str(exc))
        except Exception as exc:  # the row path raises here: keep its behaviour
            raise Unsupported(f"parameter {key} cannot be resolved ({exc})") from None
        if isinstance(value, MarginalScale):
            raise Unsupported(f"parameter {key} is a scale used as a number")
        return VConst(Fraction(value))

    def value(self, expr: Expr) -> Value:
        t = type(expr)
        if t in _FOLDABLE and not expr.fact_names():
            return self.constant(expr)
        if t is Fact:
            assert isinstance(expr, Fact)
            kind = self.kind(expr.name)
            if kind not in ("decimal", "integer", "date"):
                raise Unsupported(f"{kind} fact {expr.name} used as a number")
            return VFact(expr.name, kind)
        if t is YearFact:
            assert isinstance(expr, YearFact)
            kind = self.kind(expr.name)
            if kind not in ("decimal", "integer"):
                raise Unsupported(f"{kind} yearly fact {expr.name}")
            return VFact(yearly_key(expr.name, self.on.year - expr.years_back), kind)
        if t is Const:
            assert isinstance(expr, Const)
            c = expr.constant
            return VConst(Fraction(days(c)) if isinstance(c, date) else Fraction(c))
        if t is Param:
            assert isinstance(expr, Param)
            return self.param(expr.key)
        if t is Ratio:
            assert isinstance(expr, Ratio)
            return VRatio(
                self.value(expr.numerator),
                self.value(expr.denominator),
                f"{expr.denominator.describe()} is zero, so the ratio is undefined",
            )
        if t is Sum:
            assert isinstance(expr, Sum)
            return VSum(tuple(self.value(term) for term in expr.terms))
        if t is Product:
            assert isinstance(expr, Product)
            return VProduct(self.value(expr.left), self.value(expr.right))
        if t is Difference:
            assert isinstance(expr, Difference)
            return VDifference(self.value(expr.left), self.value(expr.right))
        if t is Growth:
            assert isinstance(expr, Growth)
            ratio = Ratio(
                YearFact(expr.name, expr.years_back), YearFact(expr.name, expr.years_back + 1)
            )
            return VDifference(self.value(ratio), VConst(Fraction(1)))
        if t is YearsSince:
            assert isinstance(expr, YearsSince)
            if self.kind(expr.name) != "date":
                raise Unsupported(f"years since a non-date fact {expr.name}")
            return VYearsSince(expr.name, self.on)
        if t is YearOf:
            assert isinstance(expr, YearOf)
            if self.kind(expr.name) != "date":
                raise Unsupported(f"year of a non-date fact {expr.name}")
            return VYearOf(expr.name)
        if t is SupportYear:
            assert isinstance(expr, SupportYear)
            if self.kind(expr.name) != "integer":
                raise Unsupported(f"support year counted from a non-integer fact {expr.name}")
            return VDifference(VConst(Fraction(self.on.year + 1)), VFact(expr.name, "integer"))
        if t is EvaluationDate:
            return VConst(Fraction(days(self.on)))
        if t is DayOfEvaluationYear:
            assert isinstance(expr, DayOfEvaluationYear)
            return VConst(Fraction(days(date(self.on.year, expr.month, expr.day))))
        if t is EvaluationYear:
            assert isinstance(expr, EvaluationYear)
            return VConst(Fraction(self.on.year - expr.back))
        if t is AgeOn:
            assert isinstance(expr, AgeOn)
            at = self.value(expr.at)
            if self.kind(expr.name) != "date" or not isinstance(at, VConst):
                raise Unsupported("age on a date that is not fixed by the plan")
            return VYearsSince(expr.name, EPOCH + timedelta(days=int(at.value)))
        if t is YearsAfter:
            assert isinstance(expr, YearsAfter)
            years = self.value(expr.years)
            if (
                self.kind(expr.name) != "date"
                or not isinstance(years, VConst)
                or years.value.denominator != 1
                or not -1800 <= years.value <= 7700  # the row path's date overflow (a reason)
            ):
                raise Unsupported("years after a date by a non-constant number of years")
            return VYearsAfter(expr.name, int(years.value))
        if t is Cases:
            assert isinstance(expr, Cases)
            cases = tuple((self.cond(c), self.value(e)) for c, e in expr.cases)
            default = None if expr.default is None else self.value(expr.default)
            values = [v for _, v in cases] + ([default] if default is not None else [])
            if any(isinstance(w, VRatio) for v in values for w in _walk_values(v)):
                raise Unsupported("cases whose values are ratios")
            return VCases(cases, default)
        raise Unsupported(f"value node {t.__name__}")

    def constant(self, expr: Expr) -> Value:
        """A value that reads no fact, computed once by the reference interpreter itself.

        ``cap / parties`` is then the very Decimal the row path divides out, so the plan
        and the interpreter cannot differ in how a constant quotient is rounded.
        """
        from decimal import Decimal

        from .._criteria import Missing
        from .._jurisdiction import _Ctx

        try:
            result = expr.value(_Ctx(self.j, {}, self.on, False))
        except Exception as exc:  # the row path raises here too: keep its behaviour
            raise Unsupported(f"constant {expr.describe()} cannot be computed ({exc})") from None
        if type(result) is Missing:
            return VUnknown(result.reason)
        if isinstance(result, date):
            return VConst(Fraction(days(result)))
        if isinstance(result, Decimal) and result.is_finite():
            return VConst(Fraction(result))
        raise Unsupported(f"constant {expr.describe()} is not a number")

    def cond(self, criterion: Criterion) -> Cond:
        t = type(criterion)
        if t is Compare:
            assert isinstance(criterion, Compare)
            return CCompare(self.value(criterion.left), criterion.op, self.value(criterion.right))
        if t is FactIs:
            assert isinstance(criterion, FactIs)
            kind = self.kind(criterion.name)
            if kind not in ("boolean", "text"):
                raise Unsupported(f"fact test on a {kind} fact {criterion.name}")
            return CIn(criterion.name, kind, tuple(criterion.expected))
        if t is AllOf:
            assert isinstance(criterion, AllOf)
            return CAll(tuple(self.cond(p) for p in criterion.parts))
        if t is AnyOf:
            assert isinstance(criterion, AnyOf)
            return CAny(tuple(self.cond(p) for p in criterion.parts))
        if t is Not:
            assert isinstance(criterion, Not)
            return CNot(self.cond(criterion.part))
        if t is IfThen:
            assert isinstance(criterion, IfThen)
            return CIf(
                self.cond(criterion.condition),
                self.cond(criterion.then),
                self.cond(criterion.otherwise),
            )
        if t is Always:
            return CAlways()
        raise Unsupported(f"criterion node {t.__name__}")

    def amount(self, formula: Formula) -> Amount:
        t = type(formula)
        if t is Fixed:
            assert isinstance(formula, Fixed)
            return AValue(self._money(self.value(formula.amount)))
        if t is RateOf:
            assert isinstance(formula, RateOf)
            rate, base = self.value(formula.rate), self.value(formula.base)
            return AValue(self._money(VProduct(rate, base)))
        if t is LesserOf:
            assert isinstance(formula, LesserOf)
            parts = tuple(self.amount(p) for p in formula.parts)
            if any(isinstance(a, (ARange, ALookup)) for p in parts for a in _walk_amounts(p)):
                raise Unsupported("the lesser of a range or a lookup")
            return ALesser(parts)
        if t is Marginal:
            assert isinstance(formula, Marginal)
            if not isinstance(formula.scale, Param):
                raise Unsupported("marginal scale that is not a parameter")
            try:
                scale = self.j.parameter(formula.scale.key, self.on).value
            except Exception as exc:
                raise Unsupported(f"scale {formula.scale.key} cannot be resolved ({exc})") from None
            if not isinstance(scale, MarginalScale):
                raise Unsupported(f"parameter {formula.scale.key} is not a marginal scale")
            brackets = tuple((Fraction(b.threshold), Fraction(b.rate)) for b in scale.brackets)
            return AMarginal(brackets, self._money(self.value(formula.base)))
        if t is Discretionary:
            assert isinstance(formula, Discretionary)
            high = None if formula.high is None else self.value(formula.high)
            return ARange(self.value(formula.low), high)
        if t is Lookup:
            assert isinstance(formula, Lookup)
            if self.kind(formula.fact) != "text":
                raise Unsupported(f"lookup on a non-text fact {formula.fact}")
            entries = []
            for choice, entry in formula.table.items():
                compiled = (
                    self.amount(entry)
                    if isinstance(entry, Formula)
                    else AValue(self._money(self.value(entry)))
                )
                if not isinstance(compiled, ARange) and any(
                    isinstance(a, ARange) for a in _walk_amounts(compiled)
                ):
                    raise Unsupported("a discretionary range inside a lookup entry's formula")
                entries.append((choice, compiled))
            return ALookup(formula.fact, tuple(entries))
        raise Unsupported(f"amount node {t.__name__}")

    @staticmethod
    def _money(value: Value) -> Value:
        if any(isinstance(v, VRatio) for v in _walk_values(value)):
            raise Unsupported("an amount computed from a ratio (per-row denominator)")
        return value

    def split(self, version: _Version) -> tuple[SplitPart, ...]:
        rule = version.rule
        if rule.split is None:
            return ()
        parts = []
        for payer in rule.split.payers:
            weight = self._weight(payer.weight)
            refinement = self.j._refinement(payer.role, self.on)
            into: tuple[tuple[str, Fraction], ...] = ()
            if refinement is not None:
                into = tuple((p.role, self._weight(p.weight)) for p in refinement.into)
                _check_weights([w for _, w in into])
            parts.append(SplitPart(payer.role, weight, into))
        _check_weights([p.weight for p in parts])
        return tuple(parts)

    def _weight(self, expr: Expr) -> Fraction:
        value = self.value(expr)
        if not isinstance(value, VConst):
            raise Unsupported("a payer weight that is not a constant")
        return value.value


_FOLDABLE = (Ratio, Sum, Product, Difference)


def _check_weights(weights: list[Fraction]) -> None:
    if not weights or any(w < 0 for w in weights) or sum(weights) == 0:
        raise Unsupported("payer weights split_exact refuses (the row path raises)")


def formula_may_range(formula: Formula | None) -> bool:
    """Whether an amount formula can give a discretionary range (a ``Discretionary``
    node, possibly inside a lookup's table): such rules get range columns."""
    return formula is not None and any(isinstance(f, Discretionary) for f in formula.walk())


def compile_rule(jurisdiction: Jurisdiction, rule_id: str, on: date) -> RulePlan:
    """Compile one rule (by catalog id) for date *on*."""
    versions = jurisdiction._lookup(rule_id)
    version = next((v for v in versions if v.covers(on)), None)
    if version is None:
        return RulePlan(rule_id, "not_in_force")
    rule = version.rule
    compiler = _Compiler(jurisdiction, on)
    has_amount = rule.amount is not None
    may_range = formula_may_range(rule.amount)
    try:
        criteria = compiler.cond(rule.criteria)
        amount = compiler.amount(rule.amount) if rule.amount is not None else None
        split = compiler.split(version)
    except Unsupported as exc:
        return RulePlan(
            rule_id,
            "fallback",
            version,
            reason=str(exc),
            has_amount=has_amount,
            may_range=may_range,
        )
    return RulePlan(
        rule_id,
        "compiled",
        version,
        criteria,
        amount,
        split,
        has_amount=has_amount,
        may_range=may_range,
    )


@in_library_context
def compile_plan(
    jurisdiction: Jurisdiction, on: date, rule_ids: Iterable[str] | None = None
) -> Plan:
    """Compile the rules *rule_ids* (default: all) of *jurisdiction* for date *on*."""
    ids = jurisdiction.rule_ids() if rule_ids is None else tuple(dict.fromkeys(rule_ids))
    rules = tuple(compile_rule(jurisdiction, rid, on) for rid in ids)
    return Plan(jurisdiction.code, on, rules)


# --------------------------------------------------------------------------- walking


def _walk_values(value: Value | None) -> Iterable[Value]:
    if value is None:
        return
    yield value
    if isinstance(value, VRatio):
        yield from _walk_values(value.num)
        yield from _walk_values(value.den)
    elif isinstance(value, VSum):
        for term in value.terms:
            yield from _walk_values(term)
    elif isinstance(value, (VProduct, VDifference)):
        yield from _walk_values(value.left)
        yield from _walk_values(value.right)


def value_keys(value: Value | None) -> list[str]:
    """Fact keys a value reads."""
    keys = []
    for v in _walk_values(value):
        if isinstance(v, (VFact, VYearsSince, VYearOf, VYearsAfter)):
            keys.append(v.key)
        elif isinstance(v, VCases):
            for c, e in v.cases:
                keys.extend(_cond_keys(c))
                keys.extend(value_keys(e))
            keys.extend(value_keys(v.default))
    return keys


def _cond_keys(cond: Cond) -> list[str]:
    if isinstance(cond, CCompare):
        return value_keys(cond.left) + value_keys(cond.right)
    if isinstance(cond, CIn):
        return [cond.key]
    if isinstance(cond, (CAll, CAny)):
        return [k for p in cond.parts for k in _cond_keys(p)]
    if isinstance(cond, CNot):
        return _cond_keys(cond.part)
    if isinstance(cond, CIf):
        return _cond_keys(cond.cond) + _cond_keys(cond.then) + _cond_keys(cond.otherwise)
    return []


def _cond_values(cond: Cond) -> list[Value]:
    if isinstance(cond, CCompare):
        return [cond.left, cond.right]
    if isinstance(cond, (CAll, CAny)):
        return [v for p in cond.parts for v in _cond_values(p)]
    if isinstance(cond, CNot):
        return _cond_values(cond.part)
    if isinstance(cond, CIf):
        return _cond_values(cond.cond) + _cond_values(cond.then) + _cond_values(cond.otherwise)
    return []


def _amount_values(amount: Amount) -> list[Value]:
    if isinstance(amount, AValue):
        return [amount.value]
    if isinstance(amount, AMarginal):
        return [amount.base]
    if isinstance(amount, ARange):
        return [amount.low] if amount.high is None else [amount.low, amount.high]
    return []


def _walk_amounts(amount: Amount) -> Iterable[Amount]:
    yield amount
    if isinstance(amount, ALesser):
        for part in amount.parts:
            yield from _walk_amounts(part)
    elif isinstance(amount, ALookup):
        for _, entry in amount.entries:
            yield from _walk_amounts(entry)


def _amount_keys(amount: Amount) -> list[str]:
    if isinstance(amount, AValue):
        return value_keys(amount.value)
    if isinstance(amount, ALesser):
        return [k for p in amount.parts for k in _amount_keys(p)]
    if isinstance(amount, AMarginal):
        return value_keys(amount.base)
    if isinstance(amount, ALookup):
        return [amount.key, *(k for _, e in amount.entries for k in _amount_keys(e))]
    return value_keys(amount.low) + value_keys(amount.high)


__all__ = [
    "Plan",
    "RulePlan",
    "Unsupported",
    "compile_plan",
    "compile_rule",
    "days",
    "formula_may_range",
]
