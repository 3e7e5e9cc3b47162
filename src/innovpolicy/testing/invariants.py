"""Generic invariants any plugin's rules can be checked against.

Each ``check_*`` function raises :class:`InvariantError` (an ``AssertionError``)
naming the rule, the criterion or amount, and what was wrong; it returns ``None``
when the invariant holds. :func:`check_jurisdiction` runs all of them over every
rule of a jurisdiction, drawing facts with Hypothesis; the pytest fixture
``innovpolicy_invariants`` is that function.

The invariants:

- every rule has a citation (document, article, wording) and a validity window;
- every comparison's operator agrees with its legal wording (以上 ≥, 超过 >, 不满 <,
  不超过 ≤) unless the rule documents a deliberate ``reading``;
- every threshold decides right at its value and one unit either side, in the
  direction its operator says;
- marginal scales are continuous and non-decreasing;
- an amount never exceeds any of its bounds, and is never negative;
- shares add up exactly to the amount;
- an answer with missing facts is undetermined (and names them) unless a known fact
  already decides, in which case supplying the missing facts cannot change it;
- an eligibility rule built only of lower thresholds is monotone in each of them;
- evaluation is deterministic and does not mutate its input.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from .._amounts import AmountRange
from .._criteria import AllOf, AnyOf, Compare, Fact, FactIs, Truth
from .._jurisdiction import Jurisdiction
from .._params import MarginalScale, apply_marginal
from .._rules import Result, Rule, Status
from .._values import FEN, ZERO, round_payable
from ._probes import comparisons, decides, probes, wording_ops

__all__ = [
    "InvariantError",
    "check_amount_bounds",
    "check_citations",
    "check_deterministic",
    "check_jurisdiction",
    "check_marginal_scales",
    "check_missing_facts",
    "check_monotone",
    "check_result",
    "check_shares",
    "check_thresholds",
    "check_wording",
]


class InvariantError(AssertionError):
    """A generic invariant does not hold."""


def _versions(jurisdiction: Jurisdiction) -> list[tuple[str, Rule]]:
    return [(rid, rule) for rid in jurisdiction.rule_ids() for rule in jurisdiction.versions(rid)]


def check_citations(jurisdiction: Jurisdiction) -> None:
    """Every rule version cites a document, an article and the wording, and has a window."""
    for rule_id, rule in _versions(jurisdiction):
        citation = rule.citation
        if not (citation.document.number and citation.article and citation.wording):
            raise InvariantError(f"{rule_id}: incomplete citation {citation!r}")
        if rule.valid_from is None:
            raise InvariantError(f"{rule_id}: no validity window")


def check_wording(jurisdiction: Jurisdiction) -> None:
    """Every comparison's operator is one its wording states (or a reading explains why not)."""
    for rule_id, rule in _versions(jurisdiction):
        for node in comparisons(rule):
            ops = wording_ops(node.wording)
            if ops and node.op not in ops and not node.reading:
                raise InvariantError(
                    f"{rule_id}: criterion {node.label!r} uses {node.op!r} but its wording "
                    f"「{node.wording}」 says {' or '.join(sorted(ops))}; fix the operator, or "
                    "document the reading with reading=..."
                )


def _probe_date(rule: Rule) -> date:
    return rule.valid_from


def check_thresholds(jurisdiction: Jurisdiction) -> None:
    """Every threshold decides right at its value and one unit either side."""
    for rule_id, rule in _versions(jurisdiction):
        on = _probe_date(rule)
        try:
            jurisdiction.rule(rule_id, on)
        except LookupError:
            continue  # wholly superseded in this territory
        for probe in probes(jurisdiction, rule, on):
            got = decides(jurisdiction, probe, on)
            if got is not Truth.of(probe.expected):
                raise InvariantError(
                    f"threshold decides wrongly: {probe.describe()}: expected "
                    f"{probe.expected}, got {got.value}"
                )


def check_marginal_scales(jurisdiction: Jurisdiction) -> None:
    """Every marginal scale parameter is continuous and non-decreasing."""
    seen: set[int] = set()
    for layer in jurisdiction.chain:
        for parameter in (*layer.parameters, *layer.overrides):
            for dated in parameter.values:
                scale = dated.value
                if not isinstance(scale, MarginalScale) or id(scale) in seen:
                    continue
                seen.add(id(scale))
                _check_scale(parameter.key, scale)


def _check_scale(key: str, scale: MarginalScale) -> None:
    eps = Decimal("0.0001")
    top = max(b.rate for b in scale.brackets)
    points = sorted(
        {Decimal(0)}
        | {b.threshold + d for b in scale.brackets for d in (-eps, ZERO, eps)}
        | {scale.brackets[-1].threshold * 2 + 1}
    )
    pairs = [(p, apply_marginal(scale, p)) for p in points]
    for (p, v), (q, w) in itertools.pairwise(pairs):
        if w < v:
            raise InvariantError(f"scale {key}: decreases between {p} and {q}")
        if w - v > top * (q - p):
            raise InvariantError(f"scale {key}: jumps between {p} and {q} (not continuous)")


def check_amount_bounds(result: Result) -> None:
    """The payable amount is never negative and never exceeds a bound of its formula."""
    if result.amount is None:
        return
    if result.amount < ZERO:
        raise InvariantError(f"{result.rule_id}: negative amount {result.amount}")
    step = result.amount_steps
    if step is None or step.kind != "least":
        return
    for bound in step.children:
        if isinstance(bound.value, Decimal) and result.amount > round_payable(bound.value):
            raise InvariantError(
                f"{result.rule_id}: amount {result.amount} exceeds the bound {bound.label!r} "
                f"= {bound.value}"
            )


def check_shares(result: Result) -> None:
    """Shares add up exactly to the amount, each a non-negative whole number of fen."""
    if not result.shares:
        return
    if result.amount is None:
        raise InvariantError(f"{result.rule_id}: shares without an amount")
    total = sum((s.amount for s in result.shares), ZERO)
    if total != result.amount:
        raise InvariantError(
            f"{result.rule_id}: shares add up to {total}, amount is {result.amount}"
        )
    for share in result.shares:
        if share.amount < ZERO or share.amount != share.amount.quantize(FEN):
            raise InvariantError(f"{result.rule_id}: share {share.role} = {share.amount}")


def check_deterministic(
    jurisdiction: Jurisdiction, rule_id: str, facts: Mapping[str, Any], on: date
) -> Result:
    """Two evaluations give the same answer, and neither touches the caller's facts."""
    before = copy.deepcopy(dict(facts))
    first = jurisdiction.evaluate(rule_id, facts, on)
    second = jurisdiction.evaluate(rule_id, facts, on)
    if first != second:
        raise InvariantError(f"{rule_id}: two evaluations of the same facts differ")
    if dict(facts) != before:
        raise InvariantError(f"{rule_id}: evaluation mutated the facts passed in")
    fast = jurisdiction.evaluate(rule_id, facts, on, explain=False)
    if (fast.status, fast.amount, fast.shares, fast.missing) != (
        first.status,
        first.amount,
        first.shares,
        first.missing,
    ):
        raise InvariantError(f"{rule_id}: explain=False changes the answer")
    return first


def check_missing_facts(
    jurisdiction: Jurisdiction,
    rule_id: str,
    complete: Mapping[str, Any],
    partial: Mapping[str, Any],
    on: date,
) -> None:
    """*partial* (a subset of *complete*) is undetermined and names what is missing,
    unless the facts it has already decide; then *complete* gives the same answer."""
    part = jurisdiction.evaluate(rule_id, partial, on, explain=False)
    whole = jurisdiction.evaluate(rule_id, complete, on, explain=False)
    if part.status is Status.UNDETERMINED:
        if not part.missing and not part.reasons:
            raise InvariantError(f"{rule_id}: undetermined without naming a missing fact")
        return
    if part.status is Status.NOT_IN_FORCE:
        return
    if (part.status, part.amount, part.amount_range) != (
        whole.status,
        whole.amount,
        whole.amount_range,
    ):
        raise InvariantError(
            f"{rule_id}: decided {part.status.value} {part.amount} with facts "
            f"{sorted(set(complete) - set(partial))} missing, but they change the answer to "
            f"{whole.status.value} {whole.amount}"
        )


def _lower_thresholds_only(rule: Rule) -> list[Compare] | None:
    lowers: list[Compare] = []
    for node in rule.criteria.walk():
        if isinstance(node, (AllOf, AnyOf, FactIs)):
            continue
        if isinstance(node, Compare) and node.op in (">=", ">"):
            if isinstance(node.left, Fact):
                lowers.append(node)
            continue
        return None
    return lowers


def check_monotone(
    jurisdiction: Jurisdiction, rule_id: str, facts: Mapping[str, Any], on: date
) -> None:
    """For a rule made only of lower thresholds, raising a threshold fact never turns
    an eligible answer ineligible (nor undetermined)."""
    rule = jurisdiction.rule(rule_id, on)
    lowers = _lower_thresholds_only(rule)
    if not lowers or rule.kind == "incentive":
        return
    before = jurisdiction.evaluate(rule_id, facts, on, explain=False)
    if before.status is not Status.ELIGIBLE:
        return
    for node in lowers:
        assert isinstance(node.left, Fact)
        name = node.left.name
        value = facts.get(name)
        if not isinstance(value, (int, Decimal)) or isinstance(value, bool):
            continue
        raised = dict(facts)
        raised[name] = value + (1 if isinstance(value, int) else Decimal("1000"))
        for constraint in jurisdiction.fact_registry.constraints:
            if constraint.smaller == name and constraint.larger in raised:
                raised[constraint.larger] = max(raised[constraint.larger], raised[name])
        after = jurisdiction.evaluate(rule_id, raised, on, explain=False)
        if after.status is not Status.ELIGIBLE:
            raise InvariantError(
                f"{rule_id}: raising {name} from {value} to {raised[name]} turns "
                f"eligible into {after.status.value}"
            )


def check_result(
    jurisdiction: Jurisdiction, rule_id: str, facts: Mapping[str, Any], on: date
) -> Result:
    """The per-answer invariants: deterministic, no mutation, bounds, shares, monotone."""
    result = check_deterministic(jurisdiction, rule_id, facts, on)
    check_amount_bounds(result)
    check_shares(result)
    if result.amount_range is not None and not isinstance(result.amount_range, AmountRange):
        raise InvariantError(f"{rule_id}: malformed range")
    if result.status is Status.UNDETERMINED and not (result.missing or result.reasons):
        raise InvariantError(f"{rule_id}: undetermined without naming a missing fact")
    check_monotone(jurisdiction, rule_id, facts, on)
    return result


def check_jurisdiction(
    jurisdiction: Jurisdiction | str, *, max_examples: int = 30, rule_ids: tuple[str, ...] = ()
) -> None:
    """Run every invariant over every rule (or *rule_ids*) of a jurisdiction.

    The static checks (citations, wording, thresholds, scales) run once; the
    per-answer checks run on *max_examples* facts mappings per rule, drawn with
    :func:`innovpolicy.testing.strategies.facts` on dates the rule is in force.
    """
    from .._loading import load

    loaded = load(jurisdiction) if isinstance(jurisdiction, str) else jurisdiction
    check_citations(loaded)
    check_wording(loaded)
    check_thresholds(loaded)
    check_marginal_scales(loaded)
    for rule_id in rule_ids or loaded.rule_ids():
        if loaded.windows(rule_id):
            _per_answer_checks(loaded, rule_id, max_examples)()


def _per_answer_checks(loaded: Jurisdiction, rule_id: str, max_examples: int) -> Any:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from .strategies import facts, rule_dates

    dates = rule_dates(loaded, rule_id)

    @settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        database=None,
    )
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        on = data.draw(dates, label="on")
        complete = data.draw(facts(loaded, rule_id, on=on), label="facts")
        check_result(loaded, rule_id, complete, on)
        names = sorted(complete)
        dropped = data.draw(
            st.sets(st.sampled_from(names)) if names else st.just(set()), label="dropped"
        )
        partial = {k: v for k, v in complete.items() if k not in dropped}
        check_missing_facts(loaded, rule_id, complete, partial, on)

    return run
