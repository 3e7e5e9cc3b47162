"""The toolkit for writing jurisdiction plugins: expressions, criteria, amounts.

Everything a plugin needs to encode a rule, in one import::

    from innovpolicy import authoring as a

    a.at_least(a.ratio(a.fact("sci_tech_staff"), a.fact("employees")),
               a.param("qh.tbe.sci_tech_staff_share_min"),
               label="S&T staff share", wording="科技人员占从业人员的30%以上",
               article="第三条(三)")

Comparison helpers are named after the legal wording they encode (see
CONVENTIONS): ``at_least`` (以上, 不低于), ``more_than`` (超过),
``at_most`` (以下, 不超过, 最高), ``less_than`` (不满, 低于).
"""

from __future__ import annotations

import operator
import os
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from ._amounts import (
    AmountRange,
    Breakdown,
    ConsecutiveYears,
    CostSplit,
    Discretionary,
    Fixed,
    Formula,
    LesserOf,
    Lookup,
    Marginal,
    Payer,
    RateOf,
    Share,
    Step,
    split_exact,
)
from ._criteria import (
    Compare,
    Const,
    Criterion,
    Expr,
    Outcome,
    Sum,
    Truth,
    age_on,
    all_of,
    any_of,
    at_least,
    at_most,
    before,
    cases,
    compare,
    day_of_evaluation_year,
    evaluation_date,
    evaluation_year,
    fact,
    growth,
    if_,
    is_one_of,
    is_true,
    less_than,
    minus,
    more_than,
    not_,
    on_or_after,
    param,
    prior_year,
    ratio,
    sum_of_years,
    support_year,
    times,
    year_of,
    years_after,
    years_since,
)
from ._lifecycle import Bar, CertificateTerm, Deadline, WorkingDayDeadline
from ._params import Bracket, DatedValue, MarginalScale, Parameter, ParamValue, apply_marginal
from ._rules import SUBJECTS, Layer, Rule
from ._sources import Citation
from ._values import in_library_context


def layer_from_mapping(
    data: Mapping[str, Any], *, source: str = "<mapping>", parent: str | None = None
) -> Layer:
    """A :class:`Layer` from the parsed contents of a layer file (see :func:`layer_from_toml`)."""
    from ._toml_layers import layer_from_mapping as read  # only when a layer file is read

    return read(data, source=source, parent=parent)


def layer_from_toml(source: str | os.PathLike[str] | Any, *, parent: str | None = None) -> Layer:
    """Read a declarative layer file (TOML) into a :class:`~innovpolicy.Layer`.

    *source* is a path, or a resource with ``read_bytes()`` (``importlib.resources.files``),
    so a package can ship the file and return it from its ``innovpolicy_layer`` hook.
    *parent* is the jurisdiction the layer is stacked on when the file names none.
    Errors raise :class:`~innovpolicy.exceptions.LayerFileError` naming the file and key.
    """
    from ._toml_layers import layer_from_toml as read  # only when a layer file is read

    return read(source, parent=parent)


def constant(
    key: str,
    value: ParamValue | int | str,
    citation: Citation,
    description: str,
    unit: str,
    *,
    valid_from: date | None = None,
    valid_to: date | None = None,
    note: str = "",
) -> Parameter:
    """A parameter with one value, in force for its document's window unless told otherwise."""
    document = citation.document
    start = valid_from or document.effective_from
    end = valid_to if valid_to is not None else document.effective_to
    return Parameter(
        key,
        description,
        unit,
        (DatedValue(value, start, citation, end, note),),
    )


def lesser_of(*parts: Formula, label: str = "the least of", wording: str = "") -> LesserOf:
    """The minimum of several amounts and bounds."""
    return LesserOf(parts, label, wording)


def cap(amount: Expr, *, label: str, wording: str = "") -> Fixed:
    """An upper bound: a cap parameter or a fact such as three years of tax paid."""
    return Fixed(amount, label, wording)


def paid_by(role: str, *, wording: str, article: str = "") -> CostSplit:
    """A single payer for the whole amount ("省财政一次性给予…")."""
    return CostSplit((Payer(role, Const(Decimal(1))),), wording, article)


def yuan(value: int | str) -> Decimal:
    """An exact amount in yuan (``yuan("1.5")``); 万元 × 10,000 is ``wan(...)``."""
    return Decimal(value)


@in_library_context
def wan(value: int | str) -> Decimal:
    """An amount given in 万元 (10,000 yuan), as the texts state most amounts."""
    return Decimal(value) * 10_000


__all__ = [
    "SUBJECTS",
    "AmountRange",
    "Bar",
    "Bracket",
    "Breakdown",
    "CertificateTerm",
    "Citation",
    "Compare",
    "ConsecutiveYears",
    "Const",
    "CostSplit",
    "Criterion",
    "DatedValue",
    "Deadline",
    "Discretionary",
    "Expr",
    "Fixed",
    "Formula",
    "LesserOf",
    "Lookup",
    "Marginal",
    "MarginalScale",
    "Outcome",
    "Parameter",
    "Payer",
    "RateOf",
    "Share",
    "Step",
    "Sum",
    "Truth",
    "WorkingDayDeadline",
    "age_on",
    "all_of",
    "any_of",
    "apply_marginal",
    "at_least",
    "at_most",
    "before",
    "cap",
    "cases",
    "compare",
    "constant",
    "day_of_evaluation_year",
    "evaluation_date",
    "evaluation_year",
    "fact",
    "growth",
    "if_",
    "is_one_of",
    "is_true",
    "layer_from_mapping",
    "layer_from_toml",
    "less_than",
    "lesser_of",
    "minus",
    "more_than",
    "not_",
    "on_or_after",
    "paid_by",
    "param",
    "prior_year",
    "ratio",
    "split_exact",
    "sum_of_years",
    "support_year",
    "times",
    "wan",
    "with_subjects",
    "year_of",
    "years_after",
    "years_since",
    "yuan",
]


def with_subjects(
    rules: tuple[Rule, ...],
    subjects: Mapping[str, tuple[str, ...]],
    subject_facts: Mapping[str, Mapping[str, Mapping[str, object]]] | None = None,
) -> tuple[Rule, ...]:
    """Give every rule who can apply for it (``Rule.subjects``), from a plugin's table.

    A rule missing from *subjects* raises ``ValueError``: every rule must say who can
    apply. *subject_facts* gives, per rule and subject, the facts that subject implies.
    """
    table = subject_facts or {}
    done = []
    for rule in rules:
        found = subjects.get(rule.id)
        if not found:
            raise ValueError(f"rule {rule.id}: no subjects declared (who can apply?)")
        facts = table.get(rule.id, {})
        if type(rule) is Rule:  # what attrs.evolve does, without its per-field loop
            arguments = (*_RULE_ARGUMENTS(rule), tuple(found), facts)
            done.append(Rule(*arguments))
        else:
            done.append(attrs.evolve(rule, subjects=tuple(found), subject_facts=facts))
    return tuple(done)


def _rule_arguments() -> Callable[[Rule], tuple[Any, ...]]:
    """A function giving a rule's ``__init__`` arguments before ``subjects`` and
    ``subject_facts`` (the last two), in order: ``attrs.evolve`` reads the 17 fields one
    by one through their definitions (about 20,000 instructions a rule more)."""
    fields = [field for field in attrs.fields(Rule) if field.init]
    names = [field.name for field in fields]
    if names[-2:] != ["subjects", "subject_facts"] or any(
        field.kw_only or field.alias != field.name for field in fields
    ):
        raise TypeError("Rule's fields changed: update authoring.with_subjects")
    return operator.attrgetter(*names[:-2])


_RULE_ARGUMENTS = _rule_arguments()
