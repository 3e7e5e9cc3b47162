"""Rules (designations and incentives), the layers plugins contribute, and results."""

from __future__ import annotations

import enum
import json
from datetime import date
from decimal import Decimal
from typing import Any, Literal

import attrs

from ._amounts import AmountRange, CostSplit, Formula, Payer, Share, Step
from ._criteria import Criterion, Outcome, Resolved, Truth, _show
from ._facts import FactSpec
from ._params import MarginalScale, Parameter
from ._sources import Citation, Document
from ._values import format_decimal

RuleKind = Literal["designation", "incentive", "condition", "computation"]


def _default_from(rule: Rule) -> date:
    return rule.citation.document.effective_from


def _default_to(rule: Rule) -> date | None:
    return rule.citation.document.effective_to


@attrs.frozen
class Rule:
    """One catalogued rule, as in force during one window.

    ``kind`` is ``designation`` (eligibility for a title), ``incentive`` (an
    amount, with criteria) or ``condition`` (a requirement a case must meet,
    such as a minimum reward share; ELIGIBLE then means "satisfied") or
    ``computation`` (a quantity that is not a payment, such as the taxable part of
    a reward or a tax deduction; it has an amount). ``events``
    tag the occurrences the rule rewards ("high_tech_certified"), so every
    layer's incentive for one event can be listed together.

    A rule whose text changed over time is several ``Rule`` objects with the same
    ``id`` and non-overlapping windows (each citing its own source). The window
    defaults to the cited document's; it is stored here once, never in the body.
    ``readings`` documents each interpretation chosen where the text is ambiguous.
    """

    id: str
    kind: RuleKind
    title_en: str
    title_zh: str
    citation: Citation
    criteria: Criterion
    amount: Formula | None = None
    split: CostSplit | None = None
    valid_from: date = attrs.field(default=attrs.Factory(_default_from, takes_self=True))
    valid_to: date | None = attrs.field(default=attrs.Factory(_default_to, takes_self=True))
    repealed_by: str | None = None
    readings: tuple[str, ...] = ()
    lifecycle: Any = attrs.field(default=None, eq=False)
    events: tuple[str, ...] = ()
    amount_unit: str = "CNY"

    def __attrs_post_init__(self) -> None:
        if self.kind not in ("designation", "incentive", "condition", "computation"):
            raise ValueError(
                f"rule {self.id}: kind must be 'designation', 'incentive', 'condition' "
                "or 'computation'"
            )
        has_amount = self.kind in ("incentive", "computation")
        if has_amount and self.amount is None:
            raise ValueError(f"rule {self.id}: an {self.kind} needs an amount formula")
        if not has_amount and (self.amount is not None or self.split is not None):
            raise ValueError(f"rule {self.id}: only an incentive or a computation has an amount")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(
                f"rule {self.id}: valid_to {self.valid_to} before valid_from {self.valid_from}"
            )

    def in_force(self, on: date) -> bool:
        """Whether *on* falls in this version's window (both ends inclusive)."""
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def window(self) -> str:
        """The window as text: ``2015-01-30..2019-12-31`` or ``2020-08-19..open``."""
        return f"{self.valid_from}..{self.valid_to or 'open'}"

    def fact_names(self) -> tuple[str, ...]:
        """Names of the facts this rule reads, in order of first use, without repeats."""
        names = list(self.criteria.fact_names())
        if self.amount is not None:
            names.extend(self.amount.fact_names())
        if self.split is not None:
            names.extend(self.split.fact_names())
        return tuple(dict.fromkeys(names))

    def param_keys(self) -> tuple[str, ...]:
        """Keys of the parameters this rule reads, in order of first use, without repeats."""
        keys = list(self.criteria.param_keys())
        if self.amount is not None:
            keys.extend(self.amount.param_keys())
        if self.split is not None:
            keys.extend(self.split.param_keys())
        return tuple(dict.fromkeys(keys))


@attrs.frozen
class Supersession:
    """A child layer stops a parent's rule applying in its territory from a date.

    If the child also defines a rule with the same id, that rule takes over from
    ``effective_from``; otherwise the rule no longer applies there, and
    ``replacement`` may name the child's rule (another catalog id) that does.
    """

    rule_id: str
    effective_from: date
    citation: Citation
    note: str = ""
    replacement: str | None = None


@attrs.frozen
class ShareRefinement:
    """Inside a child's territory, a parent's payer share is itself split.

    "对省上出台有关支持科技创新政策涉及地方配套资金…由市与园区(县区)按不低于1:1比例配套":
    the prefecture's share of a provincial incentive is divided between the city
    and the district, exactly, from ``effective_from``.
    """

    role: str
    into: tuple[Payer, ...]
    effective_from: date
    citation: Citation


@attrs.frozen
class Layer:
    """Everything one jurisdiction plugin contributes (returned by ``innovpolicy_layer``)."""

    code: str
    name_zh: str
    name_en: str
    parent: str | None = None
    documents: tuple[Document, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    overrides: tuple[Parameter, ...] = ()
    rules: tuple[Rule, ...] = ()
    supersessions: tuple[Supersession, ...] = ()
    facts: tuple[FactSpec, ...] = ()
    refinements: tuple[ShareRefinement, ...] = ()


class Status(enum.Enum):
    """The answer of a rule for an entity on a date."""

    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    UNDETERMINED = "undetermined"
    NOT_IN_FORCE = "not_in_force"

    @classmethod
    def from_truth(cls, truth: Truth) -> Status:
        return _FROM_TRUTH[truth]


_FROM_TRUTH = {
    Truth.TRUE: Status.ELIGIBLE,
    Truth.FALSE: Status.INELIGIBLE,
    Truth.UNKNOWN: Status.UNDETERMINED,
}
_MARK = {Truth.TRUE: "✓", Truth.FALSE: "✗", Truth.UNKNOWN: "?"}


def _show_param(value: Any) -> str:
    if isinstance(value, MarginalScale):
        return value.describe()
    if isinstance(value, Decimal):
        return format_decimal(value)
    return str(value)


@attrs.frozen
class Result:
    """The explained answer of one rule for one set of facts on one date.

    ``missing`` lists the facts whose absence left the answer undetermined, and
    ``reasons`` other causes (a ratio with a zero denominator). ``criteria`` and
    ``amount_steps`` are ``None`` when evaluated with ``explain=False``.
    """

    rule_id: str
    kind: RuleKind
    title_en: str
    title_zh: str
    jurisdiction: str
    layer: str
    on: date
    status: Status
    citation: Citation
    amount: Decimal | None = None
    amount_range: AmountRange | None = None
    shares: tuple[Share, ...] = ()
    missing: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    note: str = ""
    criteria: Outcome | None = None
    amount_steps: Step | None = None
    parameters: tuple[Resolved, ...] = ()
    readings: tuple[str, ...] = ()
    amount_unit: str = "CNY"

    @property
    def eligible(self) -> bool:
        """True when the status is ELIGIBLE."""
        return self.status is Status.ELIGIBLE

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; Decimals become strings so no precision is lost."""
        data: dict[str, Any] = {
            "rule_id": self.rule_id,
            "kind": self.kind,
            "title": {"en": self.title_en, "zh": self.title_zh},
            "jurisdiction": self.jurisdiction,
            "defined_by": self.layer,
            "on": self.on.isoformat(),
            "status": self.status.value,
            "citation": self.citation.to_dict(),
        }
        if self.amount is not None:
            data["amount"] = format(self.amount, "f")
            if self.amount_unit != "CNY":
                data["amount_unit"] = self.amount_unit
        if self.amount_range is not None:
            high = self.amount_range.high
            data["amount_range"] = [
                format(self.amount_range.low, "f"),
                None if high is None else format(high, "f"),
            ]
        if self.shares:
            data["shares"] = [share.to_dict() for share in self.shares]
        if self.missing:
            data["missing"] = list(self.missing)
        if self.reasons:
            data["reasons"] = list(self.reasons)
        if self.note:
            data["note"] = self.note
        if self.criteria is not None:
            data["criteria"] = self.criteria.to_dict()
        if self.amount_steps is not None:
            data["amount_steps"] = self.amount_steps.to_dict()
        if self.parameters:
            data["parameters"] = [
                {
                    "key": p.key,
                    "value": _show_param(p.value),
                    "set_by": p.layer,
                    "source": p.dated.citation.to_dict(),
                    "in_force": p.dated.window(),
                }
                for p in self.parameters
            ]
        if self.readings:
            data["readings"] = list(self.readings)
        return data

    def to_json(self, **kwargs: Any) -> str:
        """:meth:`to_dict` as JSON text (Chinese kept as is, indented; *kwargs* go to json.dumps)."""
        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("indent", 2)
        return json.dumps(self.to_dict(), **kwargs)

    def render(self) -> str:
        """Readable text: status, criteria with actual vs required, amount, sources."""
        lines = [
            f"{self.rule_id}  {self.title_zh} / {self.title_en}",
            f"  {self.status.value.upper().replace('_', ' ')} in {self.jurisdiction} on "
            f"{self.on} (rule from layer {self.layer})",
            f"  Source: {self.citation.render()}",
        ]
        if self.note:
            lines.append(f"  Note: {self.note}")
        if self.criteria is not None:
            lines.append("  Criteria:")
            _render_outcome(self.criteria, lines, 2)
        if self.amount is not None:
            lines.append(f"  Amount: {format(self.amount, 'f')} {self.amount_unit}")
        if self.amount_range is not None:
            low, high = self.amount_range.low, self.amount_range.high
            span = (
                f"at least {format_decimal(low)}"
                if high is None
                else f"{format_decimal(low)}–{format_decimal(high)}"
            )
            lines.append(f"  Amount: discretionary, {span} CNY")
        if self.amount_steps is not None:
            _render_step(self.amount_steps, lines, 2)
        for share in self.shares:
            who = f" ({share.payer})" if share.payer else ""
            lines.append(f"    paid by {share.role}{who}: {format(share.amount, 'f')}")
        if self.missing:
            lines.append(f"  Missing facts: {', '.join(self.missing)}")
        for reason in self.reasons:
            lines.append(f"  Undecidable: {reason}")
        if self.parameters:
            lines.append("  Parameters:")
            for p in self.parameters:
                lines.append(
                    f"    {p.key} = {_show_param(p.value)} [set by {p.layer}; "
                    f"{p.dated.citation.document.number} {p.dated.citation.article}]"
                )
        for reading in self.readings:
            lines.append(f"  Reading: {reading}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()


def _render_outcome(outcome: Outcome, lines: list[str], depth: int) -> None:
    pad = "  " * depth
    mark = _MARK[outcome.truth]
    if outcome.children:
        lines.append(f"{pad}[{mark}] {outcome.label} ({outcome.kind})")
        for child in outcome.children:
            _render_outcome(child, lines, depth + 1)
        return
    text = f"{pad}[{mark}] {outcome.label}"
    if outcome.kind in ("comparison", "fact"):
        actual = "unknown" if outcome.actual is None or outcome.missing else _show(outcome.actual)
        text += f": actual {actual}, required {outcome.required}"
    if outcome.wording:
        text += f" — 「{outcome.wording}」"
    if outcome.article:
        text += f" ({outcome.article})"
    if outcome.reason:
        text += f" [{outcome.reason}]"
    lines.append(text)


def _render_step(step: Step, lines: list[str], depth: int) -> None:
    pad = "  " * depth
    if isinstance(step.value, AmountRange):
        high = step.value.high
        value = f"{format_decimal(step.value.low)}–{'' if high is None else format_decimal(high)}"
    elif step.value is None:
        value = "unknown"
    else:
        value = format_decimal(step.value)
    text = f"{pad}{'→ ' if step.binding else ''}{step.label} = {value}"
    if step.detail:
        text += f"  ({step.detail})"
    if step.wording:
        text += f" — 「{step.wording}」"
    lines.append(text)
    for child in step.children:
        _render_step(child, lines, depth + 1)
