"""Incentive amounts as data: rate × base, several bounds, marginal tiers, fixed
amounts, discretionary ranges, and exact splits between payers.

Formulas compute unrounded Decimals; the rule rounds the payable amount once, at
the end, and :func:`split_exact` divides it so the shares add up to the fen.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from math import lcm
from types import MappingProxyType
from typing import Any

import attrs

from ._criteria import Context, Expr, Missing, Param, _as_expr, _collect_missing, _show
from ._facts import yearly_key
from ._frozen import fast_constructor, frozen
from ._params import MarginalScale, apply_marginal
from ._values import FEN, ZERO, format_decimal, in_library_context, round_payable, unsigned_zero
from .exceptions import ParameterNotSetError


def _tuple_of(value: Any) -> tuple[Any, ...]:
    """attrs converter: a list becomes a tuple (an immutable copy); a string is refused."""
    if isinstance(value, (str, bytes, Mapping)):
        raise TypeError(f"expected a tuple of items, got {type(value).__name__} {value!r}")
    return tuple(value)


@frozen
class AmountRange:
    """A discretionary award: the engine reports the range, not a figure.

    ``high`` is ``None`` for an open range ("500万元以上").
    """

    low: Decimal
    high: Decimal | None


@frozen(weakref_slot=False)  # no weak references: see _frozen.fast_constructor
class Step:
    """One line of an amount's explanation."""

    label: str
    value: Decimal | AmountRange | None
    detail: str = ""
    wording: str = ""
    children: tuple[Step, ...] = ()
    binding: bool = False
    kind: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"label": self.label}
        if isinstance(self.value, AmountRange):
            high = self.value.high
            data["value"] = [
                format_decimal(self.value.low),
                None if high is None else format_decimal(high),
            ]
        elif self.value is not None:
            data["value"] = format_decimal(self.value)
        if self.detail:
            data["detail"] = self.detail
        if self.wording:
            data["wording"] = self.wording
        if self.binding:
            data["binding"] = True
        if self.children:
            data["children"] = [child.to_dict() for child in self.children]
        return data


#: Step's constructor for the explanations (positional, in field order): the twin's
#: ``__init__`` itself once the first explanation made it (see ``_criteria._new_outcome``).
_new_step: Callable[..., Step] = fast_constructor(Step, into=(globals(), "_new_step"))
_first_step = _new_step  # the lazy function itself (tests call a stale copy)


class Formula(abc.ABC):
    """Base of amount formulas."""

    label: str
    wording: str

    @abc.abstractmethod
    def compute(self, ctx: Context) -> Decimal | AmountRange | Missing: ...

    @abc.abstractmethod
    def explain(self, ctx: Context) -> Step: ...

    def fact_names(self) -> tuple[str, ...]:
        return ()

    def param_keys(self) -> tuple[str, ...]:
        return ()

    def walk(self) -> Iterator[Formula]:
        yield self


def _value_of(result: Decimal | AmountRange | Missing) -> Decimal | AmountRange | None:
    return None if type(result) is Missing else result  # type: ignore[return-value]


def _squash(text: str) -> str:
    return "".join(text.split())


def _sourced(ctx: Context, exprs: tuple[Expr | None, ...], wording: str) -> tuple[str, str]:
    """The wording to print beside a step whose value comes from parameters.

    A step quotes the text the rule was written against ("单个项目最高不超过5万元"). When a
    parameter's value in force comes from a citation that does not contain that quote
    (a county's override, or a later version of the text), the step quotes that
    citation instead and says who set it, so a value is never printed beside a
    quote that does not state it. Returns (wording, note).
    """
    for expr in exprs:
        if not isinstance(expr, Param):
            continue
        try:
            resolved = ctx.resolve(expr.key)
        except ParameterNotSetError:  # unset: the step shows "unknown" anyway
            continue
        citation = resolved.dated.citation
        if not wording:
            return citation.wording, ""
        if _quotes(wording, citation.wording):
            continue
        note = f"set by {resolved.layer}: {citation.document.number} {citation.article}"
        return citation.wording, note
    return wording, ""


#: whether a citation's wording contains a step's, ignoring white space: (step's
#: wording, citation's wording) -> answer (a handful of pairs per rule, asked each time)
_QUOTED: dict[tuple[str, str], bool] = {}


def _quotes(wording: str, cited: str) -> bool:
    key = (wording, cited)
    found = _QUOTED.get(key)
    if found is None:
        if len(_QUOTED) >= 4096:
            _QUOTED.clear()
        found = _QUOTED[key] = _squash(wording) in _squash(cited)
    return found


def _with_note(detail: str, note: str) -> str:
    return f"{detail}; {note}" if detail and note else detail or note


@frozen
class Fixed(Formula):
    """A value used as an amount: a fixed award ("奖励10万元"), or, inside
    ``lesser_of``, a bound such as a cap or three years of tax paid."""

    amount: Expr
    label: str
    wording: str = ""

    def compute(self, ctx: Context) -> Decimal | AmountRange | Missing:
        value: Decimal | Missing = self.amount.value(ctx)
        return value

    def explain(self, ctx: Context) -> Step:
        wording, note = _sourced(ctx, (self.amount,), self.wording)
        detail = _with_note(self.amount.describe(), note)
        return _new_step(self.label, _value_of(self.compute(ctx)), detail, wording)

    def fact_names(self) -> tuple[str, ...]:
        return self.amount.fact_names()

    def param_keys(self) -> tuple[str, ...]:
        return self.amount.param_keys()


@frozen
class RateOf(Formula):
    """rate × base ("按A的r%给予补助")."""

    rate: Expr
    base: Expr
    label: str
    wording: str = ""

    def compute(self, ctx: Context) -> Decimal | AmountRange | Missing:
        rate = self.rate.value(ctx)
        base = self.base.value(ctx)
        missing = _collect_missing((rate, base))
        if missing is not None:
            return missing
        result: Decimal = rate * base
        return result

    def explain(self, ctx: Context) -> Step:
        rate = self.rate.value(ctx)
        base = self.base.value(ctx)
        detail = f"{_show(rate)} × {self.base.describe()} ({_show(base)})"
        wording, note = _sourced(ctx, (self.rate,), self.wording)
        # compute(), from the values just read
        value = None if _collect_missing((rate, base)) is not None else rate * base
        return _new_step(self.label, value, _with_note(detail, note), wording)

    def fact_names(self) -> tuple[str, ...]:
        return self.rate.fact_names() + self.base.fact_names()

    def param_keys(self) -> tuple[str, ...]:
        return self.rate.param_keys() + self.base.param_keys()


@frozen
class LesserOf(Formula):
    """The minimum of several bounds ("按…20%，给予不高于…，最高200万元")."""

    parts: tuple[Formula, ...] = attrs.field(converter=_tuple_of)
    label: str = "the least of"
    wording: str = ""

    def compute(self, ctx: Context) -> Decimal | AmountRange | Missing:
        values = tuple(part.compute(ctx) for part in self.parts)
        missing = _collect_missing(values)
        if missing is not None:
            return missing
        return min(values)

    def explain(self, ctx: Context) -> Step:
        children = [part.explain(ctx) for part in self.parts]
        result: Decimal | AmountRange | Missing
        if all(type(part) in _VALUED_STEPS for part in self.parts):
            # compute(), from the children: their value is their compute() (None when
            # it is Missing)
            values = [child.value for child in children]
            result = _NOT_COMPUTED if None in values else min(values)  # type: ignore[type-var, assignment]
        else:
            result = self.compute(ctx)
        if type(result) is not Missing:
            mark_binding(children, result)
        return _new_step(
            self.label, _value_of(result), "", self.wording, tuple(children), False, "least"
        )

    def fact_names(self) -> tuple[str, ...]:
        return tuple([n for part in self.parts for n in part.fact_names()])

    def param_keys(self) -> tuple[str, ...]:
        return tuple([k for part in self.parts for k in part.param_keys()])

    def walk(self) -> Iterator[Formula]:
        yield self
        for part in self.parts:
            yield from part.walk()


def mark_binding(children: list[Step], least: Any) -> None:
    """Mark the first of *children* whose value is *least* as the binding bound."""
    for index, child in enumerate(children):
        if child.value == least:
            children[index] = _new_step(
                child.label,
                child.value,
                child.detail,
                child.wording,
                child.children,
                True,
                child.kind,
            )
            return


@frozen
class Marginal(Formula):
    """A marginal tier scale (parameter *scale*) applied to *base*."""

    scale: Expr
    base: Expr
    label: str
    wording: str = ""

    def compute(self, ctx: Context) -> Decimal | AmountRange | Missing:
        scale = self.scale.value(ctx)
        base = self.base.value(ctx)
        missing = _collect_missing((scale, base))
        if missing is not None:
            return missing
        if not isinstance(scale, MarginalScale):
            raise TypeError(f"parameter {self.scale.describe()} is not a marginal scale")
        return apply_marginal(scale, base)

    def explain(self, ctx: Context) -> Step:
        scale = self.scale.value(ctx)
        base = self.base.value(ctx)
        detail = (
            f"{_scale_text(scale)} applied to {self.base.describe()} ({_show(base)})"
            if isinstance(scale, MarginalScale)
            else ""
        )
        wording, note = _sourced(ctx, (self.scale,), self.wording)
        if _collect_missing((scale, base)) is not None:  # compute(), from the values read
            value = None
        elif not isinstance(scale, MarginalScale):
            raise TypeError(f"parameter {self.scale.describe()} is not a marginal scale")
        else:
            value = apply_marginal(scale, base)
        return _new_step(self.label, value, _with_note(detail, note), wording)

    def fact_names(self) -> tuple[str, ...]:
        return self.base.fact_names()

    def param_keys(self) -> tuple[str, ...]:
        return self.scale.param_keys() + self.base.param_keys()


#: a scale's description, made once per scale (a parameter value: the same object on
#: every evaluation): id(scale) -> (scale, text)
_SCALE_TEXTS: dict[int, tuple[MarginalScale, str]] = {}


def _scale_text(scale: MarginalScale) -> str:
    found = _SCALE_TEXTS.get(id(scale))
    if found is not None and found[0] is scale:
        return found[1]
    text = scale.describe()
    if len(_SCALE_TEXTS) >= 1024:
        _SCALE_TEXTS.clear()
    _SCALE_TEXTS[id(scale)] = (scale, text)
    return text


def _freeze_table(table: Mapping[str, Expr | Formula]) -> Mapping[str, Expr | Formula]:
    return MappingProxyType(dict(table))


@frozen
class Lookup(Formula):
    """An amount chosen by the value of a text fact (one award per milestone).

    Table entries are expressions (usually parameters) or whole formulas, such as
    a discretionary range for one category and a fixed amount for another.
    """

    fact: str
    table: Mapping[str, Expr | Formula] = attrs.field(converter=_freeze_table, hash=False)
    label: str = ""
    wording: str = ""

    def compute(self, ctx: Context) -> Decimal | AmountRange | Missing:
        key = ctx.facts.get(self.fact)
        if key is None:
            return Missing((self.fact,))
        entry = self.table.get(key)
        if entry is None:
            return Missing((), f"no amount is set for {self.fact} = {key}")
        if isinstance(entry, Formula):
            return entry.compute(ctx)
        value: Decimal | Missing = entry.value(ctx)
        return value

    def explain(self, ctx: Context) -> Step:
        key = ctx.facts.get(self.fact)
        detail = f"{self.fact} = {key}" if key is not None else f"{self.fact} unknown"
        entry = self.table.get(key) if key is not None else None
        if isinstance(entry, Expr):
            detail += f" → {entry.describe()}"
        children = (entry.explain(ctx),) if isinstance(entry, Formula) else ()
        wording, note = self.wording, ""
        if isinstance(entry, Expr):
            wording, note = _sourced(ctx, (entry,), self.wording)
        value = _value_of(self.compute(ctx))
        return _new_step(self.label, value, _with_note(detail, note), wording, children)

    def fact_names(self) -> tuple[str, ...]:
        return (self.fact, *(n for entry in self.table.values() for n in entry.fact_names()))

    def param_keys(self) -> tuple[str, ...]:
        return tuple([k for entry in self.table.values() for k in entry.param_keys()])

    def walk(self) -> Iterator[Formula]:
        yield self
        for entry in self.table.values():
            if isinstance(entry, Formula):
                yield from entry.walk()


def _optional_expr(value: Any) -> Expr | None:
    return None if value is None else _as_expr(value)


@frozen
class Discretionary(Formula):
    """A discretionary range ("给予100-300万元"): reported as a range."""

    low: Expr = attrs.field(converter=_as_expr)
    high: Expr | None = attrs.field(converter=_optional_expr)
    label: str = ""
    wording: str = ""

    def compute(self, ctx: Context) -> Decimal | AmountRange | Missing:
        low = self.low.value(ctx)
        high = None if self.high is None else self.high.value(ctx)
        missing = _collect_missing((low, high))
        if missing is not None:
            return missing
        return AmountRange(low, high)

    def explain(self, ctx: Context) -> Step:
        wording, note = _sourced(ctx, (self.low, self.high), self.wording)
        detail = _with_note("decided case by case", note)
        return _new_step(self.label, _value_of(self.compute(ctx)), detail, wording)

    def param_keys(self) -> tuple[str, ...]:
        return self.low.param_keys() + (self.high.param_keys() if self.high else ())

    def fact_names(self) -> tuple[str, ...]:
        return self.low.fact_names() + (self.high.fact_names() if self.high else ())


@frozen
class Breakdown(Formula):
    """How an amount is to be used ("日常运行费…占补贴资金的40%"), explained beside it.

    The amount is *amount*'s; the breakdown divides the payable (rounded) amount by
    *uses* weights exactly, as a step of the explanation. It is not a cost split:
    nobody pays these parts, they are what the money is spent on.
    """

    amount: Formula
    uses: tuple[tuple[str, Expr], ...]
    label: str
    wording: str = ""

    def compute(self, ctx: Context) -> Decimal | AmountRange | Missing:
        return self.amount.compute(ctx)

    def explain(self, ctx: Context) -> Step:
        inner = self.amount.explain(ctx)
        value = self.compute(ctx)
        weights = tuple(expr.value(ctx) for _, expr in self.uses)
        parts: tuple[Step, ...] = ()
        payable: Decimal | None = None
        if isinstance(value, Decimal) and _collect_missing(weights) is None:
            payable = round_payable(value)
            total = sum(weights, ZERO)
            amounts = split_exact(payable, weights)
            parts = tuple(
                _new_step(name, amount, f"{format_decimal(weight)} of {format_decimal(total)}")
                for (name, _), weight, amount in zip(self.uses, weights, amounts, strict=True)
            )
        uses = _new_step("used for (not payers)", payable, "", self.wording, parts, False, "uses")
        return _new_step(self.label, _value_of(value), "", "", (inner, uses))

    def fact_names(self) -> tuple[str, ...]:
        return self.amount.fact_names()

    def param_keys(self) -> tuple[str, ...]:
        return self.amount.param_keys() + tuple(
            k for _, expr in self.uses for k in expr.param_keys()
        )

    def walk(self) -> Iterator[Formula]:
        yield self
        yield from self.amount.walk()


@frozen
class ConsecutiveYears(Formula):
    """rate × a yearly base, paid for ``years`` consecutive years under a cumulative cap.

    "依据上年度研发费用投资额的10%，连续两年给予资金支持，累计总额不超过400万元":
    the support year is the evaluation date's fiscal year; ``first_year`` is the
    fact naming the first support year. Year *k* pays ``min(rate × base[year − 1],
    cap − what years 1..k−1 paid)``; the earlier payments are recomputed (and
    rounded to the fen, as paid) from the same yearly facts, so the second year's
    amount depends on the first. Outside the support years the amount is 0; the
    rule's criteria should say so (see ``support_year``).
    """

    rate: Expr
    base: str
    first_year: str
    #: how many consecutive years are paid: a number, or a parameter (the one the
    #: rule's criteria read, so that a layer overriding it changes both alike)
    years: Expr = attrs.field(converter=_as_expr)
    cumulative_cap: Expr
    label: str
    wording: str = ""

    def _payments(self, ctx: Context) -> list[tuple[int, Decimal, Decimal]] | Missing:
        first = ctx.facts.get(self.first_year)
        if first is None:
            return Missing((self.first_year,))
        years = self.years.value(ctx)
        if type(years) is Missing:
            return years
        rate = self.rate.value(ctx)
        cap = self.cumulative_cap.value(ctx)
        current = ctx.on.year - int(first)
        if current < 0 or current >= years:
            return []
        paid = ZERO
        rows: list[tuple[int, Decimal, Decimal]] = []
        for index in range(current + 1):
            year = int(first) + index
            key = yearly_key(self.base, year - 1)
            base = ctx.facts.get(key)
            if base is None:
                return Missing((key,))
            amount = max(min(rate * base, cap - paid), ZERO)
            rows.append((year, base, amount))
            paid += round_payable(amount)
        return rows

    def compute(self, ctx: Context) -> Decimal | AmountRange | Missing:
        rows = self._payments(ctx)
        if isinstance(rows, Missing):
            return rows
        return rows[-1][2] if rows else ZERO

    def explain(self, ctx: Context) -> Step:
        rows = self._payments(ctx)
        if isinstance(rows, Missing):
            return _new_step(self.label, None, f"needs {', '.join(rows.names)}", self.wording)
        children = tuple(
            _new_step(
                f"support year {year}",
                amount,
                f"{_show(self.rate.value(ctx))} × {self.base}[{year - 1}] ({_show(base)}), "
                f"within the cumulative cap {_show(self.cumulative_cap.value(ctx))}",
            )
            for year, base, amount in rows
        )
        value = rows[-1][2] if rows else ZERO
        wording, note = _sourced(ctx, (self.rate, self.cumulative_cap), self.wording)
        return _new_step(self.label, value, note, wording, children)

    def fact_names(self) -> tuple[str, ...]:
        return (self.first_year, self.base)

    def param_keys(self) -> tuple[str, ...]:
        return self.years.param_keys() + self.rate.param_keys() + self.cumulative_cap.param_keys()


# --------------------------------------------------------------------------- splits


@in_library_context
def split_exact(total: Decimal, weights: Sequence[Decimal]) -> tuple[Decimal, ...]:
    """Divide *total* (whole fen) in proportion to *weights*; the parts add up exactly.

    Each part is first floored to the fen; the fen left over go one at a time to
    the parts with the largest remainders (earlier payers win ties).
    """
    if not weights:
        raise ValueError("at least one weight is needed")
    if any(w < ZERO for w in weights):
        raise ValueError("weights must not be negative")
    weight_sum = sum(weights, ZERO)
    if weight_sum == ZERO:
        raise ValueError("weights must not all be zero")
    cents = total / FEN
    if cents != cents.to_integral_value():
        raise ValueError(f"total {total} is not a whole number of fen")
    # Exact integers: each weight as a fraction n/d, all over their least common
    # denominator, so part i is whole × W_i / ΣW and its remainder is compared as
    # an integer. (A quotient rounded to the decimal context's digits could make two
    # equal remainders look different — 158 fen at 3:5:18 — and break the tie rule.)
    whole = int(cents)
    ratios = [w.as_integer_ratio() for w in weights]
    common = lcm(*(d for _, d in ratios))
    scaled = [n * (common // d) for n, d in ratios]
    scaled_sum = sum(scaled)
    floors = []
    remainders = []
    for weight in scaled:
        floor, remainder = divmod(whole * weight, scaled_sum)
        floors.append(floor)
        remainders.append(remainder)
    left = whole - sum(floors)
    if left:
        order = sorted(range(len(scaled)), key=lambda i: (-remainders[i], i))
        for index in order[:left]:
            floors[index] += 1
    return tuple(unsigned_zero((Decimal(f) * FEN).quantize(FEN)) for f in floors)


@frozen
class Payer:
    """Who pays a share: a fixed role ("province") and, optionally, the fact naming it."""

    role: str
    weight: Expr
    name_fact: str | None = None


@frozen
class CostSplit:
    """How an incentive's amount is shared between payers, with its legal wording."""

    payers: tuple[Payer, ...] = attrs.field(converter=_tuple_of)
    wording: str
    article: str = ""

    def fact_names(self) -> tuple[str, ...]:
        return tuple(p.name_fact for p in self.payers if p.name_fact)

    def param_keys(self) -> tuple[str, ...]:
        return tuple([k for p in self.payers for k in p.weight.param_keys()])


@frozen
class Share:
    """One payer's part of an amount."""

    role: str
    payer: str | None
    amount: Decimal
    weight: Decimal
    part_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {
            "role": self.role,
            "payer": self.payer,
            "amount": format(self.amount, "f"),
            "weight": format_decimal(self.weight),
        }
        if self.part_of:
            data["part_of"] = self.part_of
        return data


#: The formulas whose explained step's value is their compute() (None for Missing), so a
#: least-of takes its value from its children's steps instead of computing them again.
_VALUED_STEPS: frozenset[type[Formula]] = frozenset(
    (Fixed, RateOf, LesserOf, Marginal, Lookup, Discretionary, Breakdown, ConsecutiveYears)
)
#: a least-of with a part unknown (its step's value is None either way)
_NOT_COMPUTED = Missing()
