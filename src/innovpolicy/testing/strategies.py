"""Hypothesis strategies for innovpolicy entities and facts.

Entities::

    from innovpolicy.testing.strategies import enterprises
    @given(enterprises())
    def test_something(firm): ...

``st.from_type(innovpolicy.Enterprise)`` works too: the strategies are registered
through Hypothesis's ``hypothesis`` entry point.

Facts for one rule, steered towards its thresholds (where boundary bugs live)::

    @given(facts(xining, "QH-TBE", on=date(2019, 6, 30)))
    def test_tbe(facts): ...

Every generated value respects the facts' declared types, minimums, choices and
the consistency constraints (S&T staff never exceed employees).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, cast

import attrs
from hypothesis import strategies as st

from .._entities import Enterprise, Patent, Platform, ResearchInstitute, TechnologyContract, _Entity
from .._facts import CORE_CONSTRAINTS, CORE_REGISTRY, Constraint, FactSpec
from .._jurisdiction import Jurisdiction
from .._values import MAX_YEAR, MIN_YEAR
from ._probes import amount_targets, probes, unflatten, unflatten_targets

__all__ = [
    "enterprises",
    "fact_values",
    "facts",
    "patents",
    "platforms",
    "research_institutes",
    "rule_dates",
    "technology_contracts",
]

MAX_AMOUNT = Decimal(10) ** 10


def fact_values(spec: FactSpec, on: date | None = None) -> st.SearchStrategy[Any]:
    """Values of one fact (a ``{year: value}`` mapping for yearly facts)."""
    single = _single(spec)
    if not spec.yearly:
        return single
    last = (on or date(2021, 6, 30)).year
    return st.dictionaries(st.integers(last - 5, last), single, max_size=6)


def _single(spec: FactSpec) -> st.SearchStrategy[Any]:
    low = spec.minimum if spec.minimum is not None else Decimal(0)
    if spec.kind == "decimal":
        return st.decimals(min_value=low, max_value=MAX_AMOUNT, places=2)
    if spec.kind == "integer":
        if spec.unit == "year":  # years are validated against MIN_YEAR..MAX_YEAR
            return st.integers(min_value=max(int(low), MIN_YEAR), max_value=MAX_YEAR)
        return st.integers(min_value=int(low), max_value=max(int(low) + 100_000, 100_000))
    if spec.kind == "boolean":
        return st.booleans()
    if spec.kind == "date":
        return st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))
    if spec.choices:
        return st.sampled_from(spec.choices)
    # Text facts refuse control characters and unpaired surrogates.
    return st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=12)


def _fix_constraints(
    values: dict[str, Any], constraints: tuple[Constraint, ...] = CORE_CONSTRAINTS
) -> dict[str, Any]:
    """*values* with each constraint's smaller fact lowered to its larger where needed
    (repeated until none moves: constraints may chain, a ≤ b ≤ c)."""
    for _ in range(len(constraints) + 1):
        moved = False
        for constraint in constraints:
            small, large = values.get(constraint.smaller), values.get(constraint.larger)
            if small is not None and large is not None and small > large:
                values[constraint.smaller] = large
                moved = True
        if not moved:
            break
    return values


def _entities(cls: type[_Entity]) -> st.SearchStrategy[Any]:
    names = [f.name for f in attrs.fields(cast(Any, cls)) if not f.name.startswith("_")]

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        values = {name: draw(st.none() | fact_values(CORE_REGISTRY[name])) for name in names}
        return cls(**_fix_constraints(values))

    return build()


def enterprises() -> st.SearchStrategy[Enterprise]:
    """Enterprises with any subset of their facts known."""
    return _entities(Enterprise)


def research_institutes() -> st.SearchStrategy[ResearchInstitute]:
    return _entities(ResearchInstitute)


def platforms() -> st.SearchStrategy[Platform]:
    return _entities(Platform)


def technology_contracts() -> st.SearchStrategy[TechnologyContract]:
    return _entities(TechnologyContract)


def patents() -> st.SearchStrategy[Patent]:
    return _entities(Patent)


def rule_dates(jurisdiction: Jurisdiction, rule_id: str) -> st.SearchStrategy[date]:
    """Dates on which *rule_id* applies in *jurisdiction* (after any supersession)."""
    windows = [
        st.dates(min_value=start, max_value=end or date(2035, 12, 31))
        for start, end in jurisdiction.windows(rule_id)
    ]
    if not windows:
        raise ValueError(f"{rule_id} never applies in {jurisdiction.code}")
    return st.one_of(windows)


def facts(
    jurisdiction: Jurisdiction,
    rule_id: str,
    *,
    on: date,
    near_thresholds: bool = True,
    near_caps: bool = True,
    allow_missing: bool = False,
) -> st.SearchStrategy[dict[str, Any]]:
    """Facts mappings holding every fact *rule_id* reads (on date *on*).

    - ``near_thresholds``: most values are drawn from each criterion's threshold and
      one unit either side (where eligibility flips);
    - ``near_caps``: the base of a bounded amount is also drawn where the bound starts
      to bind (``rate × base = cap``, and one fen either side) and at each bracket
      threshold of a marginal scale (where the tier changes), so caps and tiers are
      exercised in most draws, not by chance;
    - ``allow_missing``: about one fact in five is left out (to test "undetermined").
    """
    specs = jurisdiction.facts_for(rule_id)
    constraints = jurisdiction.fact_registry.constraints
    rule = jurisdiction.rule(rule_id, on)
    steered: dict[str, list[Any]] = {}
    if near_thresholds:
        for probe in probes(jurisdiction, rule, on):
            for name, value in unflatten(probe.flat).items():
                steered.setdefault(name, []).append(value)
    for layer in jurisdiction.chain:  # inside and outside each layer's territory
        for name, values in layer.territory.items():
            steered.setdefault(name, []).extend(values)
    if near_caps:
        for name, value in unflatten_targets(amount_targets(jurisdiction, rule, on)):
            steered.setdefault(name, []).append(value)

    def strategy_for(spec: FactSpec) -> st.SearchStrategy[Any]:
        general = fact_values(spec, on)
        near = steered.get(spec.name)
        if not near:
            return general
        if spec.yearly:
            merged = st.lists(st.sampled_from(near), min_size=1, max_size=3).map(_merge_years)
            return st.one_of(merged, merged, general)
        return st.one_of(st.sampled_from(near), st.sampled_from(near), general)

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for spec in specs:
            if allow_missing and draw(st.integers(0, 4)) == 0:
                continue
            values[spec.name] = draw(strategy_for(spec))
        return _fix_constraints(values, constraints)

    return build()


def _merge_years(parts: list[Mapping[int, Any]]) -> dict[int, Any]:
    merged: dict[int, Any] = {}
    for part in parts:
        merged.update(part)
    return merged
