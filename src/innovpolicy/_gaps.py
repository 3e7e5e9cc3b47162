"""Gaps: why an ineligible rule fails, and the smallest change that would pass.

:meth:`Result.gaps` lists the failing criteria of an explained result (the
criterion, the facts it reads, the operator, the wording, the actual and required
values). :func:`smallest_changes` adds, where it is computable, the smallest change
of one fact that makes the criterion pass, on the fact's own grid: one fen for
money and other decimals, one for whole numbers, one day for dates.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ._criteria import (
    Compare,
    Context,
    Expr,
    Fact,
    FactIs,
    Growth,
    Outcome,
    Product,
    Ratio,
    Truth,
    YearFact,
    YearsSince,
    _jsonable,
)
from ._facts import FactRegistry, FactSpec, yearly_key
from ._values import FEN, ZERO, add_years

if TYPE_CHECKING:
    from ._rules import Status


@attrs.frozen
class Change:
    """The smallest change of one fact (or of the date) that makes a criterion pass.

    ``kind`` is ``raise``, ``lower``, ``set`` (a yes/no or text fact) or ``wait``
    (the criterion counts time: ``target`` is the first date it holds). ``by`` is
    the size of a raise or a lowering, in the fact's unit. ``status_after`` is the
    rule's answer with only this change applied, so ``sufficient`` tells whether
    fixing this alone makes the rule eligible.
    """

    fact: str
    kind: str
    current: Any
    target: Any
    by: Decimal | int | None = None
    unit: str = ""
    status_after: Status | None = None

    @property
    def sufficient(self) -> bool:
        return self.status_after is not None and self.status_after.value == "eligible"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "fact": self.fact,
            "kind": self.kind,
            "current": _jsonable(self.current),
            "target": _jsonable(self.target),
        }
        if self.by is not None:
            data["by"] = _jsonable(self.by)
        if self.unit:
            data["unit"] = self.unit
        if self.status_after is not None:
            data["status_after"] = self.status_after.value
            data["sufficient"] = self.sufficient
        return data


@attrs.frozen
class Gap:
    """One failing criterion of an ineligible rule.

    ``alternative`` is true when the criterion is one of several of which any one
    would do (``any_of``): passing any of them is enough for that part.
    """

    label: str
    facts: tuple[str, ...]
    op: str
    wording: str
    article: str
    actual: Any
    required: str
    alternative: bool = False
    changes: tuple[Change, ...] = ()
    outcome: Outcome | None = attrs.field(default=None, eq=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "label": self.label,
            "facts": list(self.facts),
            "op": self.op,
            "wording": self.wording,
            "article": self.article,
            "actual": _jsonable(self.actual),
            "required": self.required,
            "alternative": self.alternative,
            "changes": [change.to_dict() for change in self.changes],
        }
        return data


def failing(outcome: Outcome, alternative: bool = False) -> list[tuple[Outcome, bool]]:
    """The failing leaves of a false outcome, each marked when it is one alternative."""
    if outcome.truth is not Truth.FALSE:
        return []
    if outcome.kind == "all":
        return [leaf for child in outcome.children for leaf in failing(child, alternative)]
    if outcome.kind == "any":
        return [leaf for child in outcome.children for leaf in failing(child, True)]
    if outcome.kind == "if":
        return [leaf for child in outcome.children[1:] for leaf in failing(child, alternative)]
    return [(outcome, alternative)]


def gaps_of(outcome: Outcome | None) -> tuple[Gap, ...]:
    """The gaps of an explained outcome (empty when it does not fail)."""
    if outcome is None:
        return ()
    found = []
    for leaf, alternative in failing(outcome):
        source = leaf.source
        op: str = (
            source.op if isinstance(source, Compare) else ("in" if leaf.kind == "fact" else "")
        )
        if leaf.kind == "not":
            op = "not"
        facts = source.fact_names() if source is not None else _leaf_facts(leaf)
        found.append(
            Gap(
                label=leaf.label,
                facts=tuple(dict.fromkeys(facts)),
                op=op,
                wording=leaf.wording or _first_wording(leaf),
                article=leaf.article or _first_article(leaf),
                actual=leaf.actual,
                required=leaf.required,
                alternative=alternative,
                outcome=leaf,
            )
        )
    return tuple(found)


def _leaf_facts(leaf: Outcome) -> tuple[str, ...]:
    names: list[str] = []
    for child in leaf.children:
        if child.source is not None:
            names.extend(child.source.fact_names())
        names.extend(_leaf_facts(child))
    return tuple(names)


def _first_wording(leaf: Outcome) -> str:
    for child in leaf.children:
        if child.wording:
            return child.wording
    return ""


def _first_article(leaf: Outcome) -> str:
    for child in leaf.children:
        if child.article:
            return child.article
    return ""


# --------------------------------------------------------------------------- changes


def _key(expr: Expr, on: date) -> str | None:
    if isinstance(expr, Fact):
        return expr.name
    if isinstance(expr, YearFact):
        return yearly_key(expr.name, on.year - expr.years_back)
    return None


def _base(key: str) -> str:
    return key.split("[", 1)[0]


def spec_of(registry: FactRegistry, key: str) -> FactSpec | None:
    """The declaration of fact *key* (a yearly key names its fact), or None."""
    try:
        return registry[_base(key)]
    except KeyError:
        return None


def _step(registry: FactRegistry, key: str) -> Decimal:
    spec = spec_of(registry, key)
    return Decimal(1) if spec is not None and spec.kind == "integer" else FEN


def _grid(value: Decimal, step: Decimal, rounding: str) -> Decimal:
    return (value / step).to_integral_value(rounding=rounding) * step


def _passing(op: str, threshold: Decimal, step: Decimal) -> Decimal | None:
    """The value on the grid nearest the threshold that satisfies ``value op threshold``."""
    if op == ">=":
        return _grid(threshold, step, ROUND_CEILING)
    if op == ">":
        return _grid(threshold, step, ROUND_FLOOR) + step
    if op == "<=":
        return _grid(threshold, step, ROUND_FLOOR)
    if op == "<":
        return _grid(threshold, step, ROUND_CEILING) - step
    if op == "==":
        return threshold if _grid(threshold, step, ROUND_FLOOR) == threshold else None
    return None


def _number(value: Any, step: Decimal) -> Decimal | int:
    return int(value) if step == 1 else value


def candidate_changes(outcome: Outcome, ctx: Context, registry: FactRegistry) -> tuple[Change, ...]:
    """The smallest single-fact changes that make this failing leaf pass (may be empty)."""
    source = outcome.source
    if isinstance(source, FactIs):
        if source.name in ctx.facts or source.name in registry:
            spec = spec_of(registry, source.name)
            return (
                Change(
                    source.name,
                    "set",
                    ctx.facts.get(source.name),
                    source.expected[0],
                    unit=spec.unit if spec else "",
                ),
            )
        return ()
    if not isinstance(source, Compare):
        return ()
    required = outcome.required_value
    left = source.left
    op = source.op
    if isinstance(left, YearsSince) and op in (">=", ">") and isinstance(required, Decimal):
        start = ctx.facts.get(left.name)
        if not isinstance(start, date):
            return ()
        years = int(required) + (1 if op == ">" else 0)
        return (Change(left.name, "wait", ctx.on, add_years(start, years)),)
    if not isinstance(required, Decimal):
        return ()
    key = _key(left, ctx.on)
    if key is not None:
        return _single(key, op, required, ctx, registry) + _scaled(
            source.right, op, ctx.facts.get(key), ctx, registry
        )
    if isinstance(left, Growth):
        left = Ratio(YearFact(left.name, left.years_back), YearFact(left.name, left.years_back + 1))
        required = required + 1
    if isinstance(left, Ratio):
        return _ratio(left, op, required, ctx, registry)
    return ()


def _single(
    key: str, op: str, threshold: Decimal, ctx: Context, registry: FactRegistry
) -> tuple[Change, ...]:
    current = ctx.facts.get(key)
    if not isinstance(current, (Decimal, int)) or isinstance(current, bool):
        return ()
    step = _step(registry, key)
    target = _passing(op, threshold, step)
    if target is None or not _allowed(registry, key, target):
        return ()
    return (_change(key, current, target, step, registry),)


_FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}


def _scaled(
    right: Expr, op: str, left: Any, ctx: Context, registry: FactRegistry
) -> tuple[Change, ...]:
    """For ``left op k × F`` (a share of another fact), the smallest change of F."""
    if not isinstance(right, Product) or not isinstance(left, (Decimal, int)):
        return ()
    for factor, other in ((right.left, right.right), (right.right, right.left)):
        key = _key(other, ctx.on)
        if key is None:
            continue
        k = factor.value(ctx)
        current = ctx.facts.get(key)
        if not isinstance(k, Decimal) or k <= ZERO or not isinstance(current, (Decimal, int)):
            continue
        flipped = _FLIP.get(op)
        if flipped is None:
            continue
        step = _step(registry, key)
        target = _passing(flipped, Decimal(left) / k, step)
        if target is not None and target != current and _allowed(registry, key, target):
            return (_change(key, current, target, step, registry),)
    return ()


def _change(
    key: str, current: Decimal | int, target: Decimal, step: Decimal, registry: FactRegistry
) -> Change:
    spec = spec_of(registry, key)
    kind = "raise" if target > current else "lower"
    return Change(
        key,
        kind,
        current,
        _number(target, step),
        _number(abs(target - Decimal(current)), step),
        spec.unit if spec else "",
    )


def _allowed(registry: FactRegistry, key: str, value: Decimal) -> bool:
    base = _base(key)
    if base not in registry:
        return True
    minimum = registry[base].minimum
    return minimum is None or value >= minimum


def _ratio(
    expr: Ratio, op: str, required: Decimal, ctx: Context, registry: FactRegistry
) -> tuple[Change, ...]:
    num_key, den_key = _key(expr.numerator, ctx.on), _key(expr.denominator, ctx.on)
    if num_key is None or den_key is None or num_key == den_key:
        return ()
    num, den = ctx.facts.get(num_key), ctx.facts.get(den_key)
    if not isinstance(num, (Decimal, int)) or not isinstance(den, (Decimal, int)):
        return ()
    num, den = Decimal(num), Decimal(den)
    changes: list[Change] = []
    n_step, d_step = _step(registry, num_key), _step(registry, den_key)
    # Move the numerator: num op required × den.
    target = _passing(op, required * den, n_step)
    if target is not None and target != num and _allowed(registry, num_key, target):
        changes.append(_change(num_key, num, target, n_step, registry))
    # Move the denominator (kept positive): num / d op required ⇔ d (reversed op) num / required.
    if required > ZERO:
        flipped = _FLIP.get(op)
        if flipped is not None:
            d_target = _passing(flipped, num / required, d_step)
            if (
                d_target is not None
                and d_target > ZERO
                and d_target != den
                and _allowed(registry, den_key, d_target)
            ):
                changes.append(_change(den_key, den, d_target, d_step, registry))
    return tuple(changes)


def apply_change(facts: Mapping[str, Any], change: Change) -> dict[str, Any]:
    """A copy of flat *facts* with *change* applied (a ``wait`` changes nothing here)."""
    updated = dict(facts)
    if change.kind != "wait":
        updated[change.fact] = change.target
    return updated


def one_step_short(change: Change, registry: FactRegistry) -> Change:
    """The same change one unit (fen, person, day) short of its target."""
    if change.kind == "wait":
        return attrs.evolve(change, target=change.target - timedelta(days=1))
    step = _step(registry, change.fact)
    unit = int(step) if step == 1 else step
    if change.kind == "raise":
        return attrs.evolve(change, target=change.target - unit)
    return attrs.evolve(change, target=change.target + unit)
