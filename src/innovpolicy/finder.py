"""The policy finder: what an applicant can get, what to ask next, what would make it eligible.

:meth:`Jurisdiction.find` evaluates every rule open to one kind of applicant
(``subject``) and sums up:

- designations held, and incentives eligible with exact totals — fixed amounts,
  discretionary ranges (min–max), per payer (province, prefecture, city, district,
  county) — with tax computations kept apart from payments;
- the *next questions*: the missing facts ranked by how many undetermined rules
  need them (then how many each alone would decide, then the money at stake), each
  with type, unit, meaning and the rules it unlocks. Answering them and calling
  again converges, as an interview;
- the *gaps* of ineligible rules: each failing criterion with the smallest change
  of one fact that passes it, and whether that change alone makes the rule eligible.

Everything is exact (Decimal, to the fen); the summary renders as text in English or
Chinese and as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from . import _i18n
from ._amounts import (
    AmountRange,
    ConsecutiveYears,
    Discretionary,
    Fixed,
    Formula,
    LesserOf,
    Lookup,
    RateOf,
)
from ._criteria import (
    AllOf,
    AnyOf,
    Criterion,
    FactIs,
    IfThen,
    Missing,
    Not,
    Truth,
    _jsonable,
    _show,
)
from ._facts import FactSpec
from ._gaps import Change, Gap, apply_change, candidate_changes, spec_of
from ._rules import PAYERS as PAYERS  # re-exported: defined with the rules (light import)
from ._rules import SUBJECTS, Result, Rule, Status
from ._values import FEN, ZERO, to_date
from .exceptions import InvalidFactError, RuleNotInForceError

if TYPE_CHECKING:
    from ._jurisdiction import Jurisdiction, PreparedFacts


def _fen(value: Decimal | None) -> str | None:
    """An amount as a decimal string to the fen (amounts are already exact to the fen)."""
    return None if value is None else format(value.quantize(FEN), "f")


# --------------------------------------------------------------------------- data


@attrs.frozen
class Question:
    """A missing fact worth asking, with what knowing it would decide."""

    fact: str
    name: str
    year: int | None
    type: str
    unit: str
    meaning: str
    meaning_zh: str
    choices: tuple[str, ...]
    rules: tuple[str, ...]
    decides: tuple[str, ...]
    max_amount: Decimal | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "fact": self.fact,
            "name": self.name,
            "year": self.year,
            "type": self.type,
            "unit": self.unit,
            "meaning": self.meaning,
            "meaning_zh": self.meaning_zh,
            "choices": list(self.choices),
            "rules": list(self.rules),
            "decides": list(self.decides),
            "max_amount": _fen(self.max_amount),
        }


@attrs.frozen
class PayerTotal:
    """What one payer level owes: fixed amounts plus the range of discretionary ones."""

    payer: str
    fixed: Decimal = ZERO
    range_min: Decimal = ZERO
    range_max: Decimal | None = ZERO

    @property
    def total_min(self) -> Decimal:
        return self.fixed + self.range_min

    @property
    def total_max(self) -> Decimal | None:
        return None if self.range_max is None else self.fixed + self.range_max

    def to_dict(self) -> dict[str, Any]:
        return {
            "payer": self.payer,
            "fixed": _fen(self.fixed),
            "range_min": _fen(self.range_min),
            "range_max": _fen(self.range_max),
            "total_min": _fen(self.total_min),
            "total_max": _fen(self.total_max),
        }


@attrs.frozen
class Totals:
    """Exact totals of the eligible incentives (in CNY)."""

    fixed: Decimal
    range_min: Decimal
    range_max: Decimal | None
    by_payer: tuple[PayerTotal, ...]

    @property
    def total_min(self) -> Decimal:
        return self.fixed + self.range_min

    @property
    def total_max(self) -> Decimal | None:
        return None if self.range_max is None else self.fixed + self.range_max

    def to_dict(self) -> dict[str, Any]:
        return {
            "fixed": _fen(self.fixed),
            "range_min": _fen(self.range_min),
            "range_max": _fen(self.range_max),
            "total_min": _fen(self.total_min),
            "total_max": _fen(self.total_max),
            "by_payer": [p.to_dict() for p in self.by_payer],
        }


@attrs.frozen
class Ineligible:
    """An ineligible rule with its gaps (each with its smallest passing changes)."""

    result: Result
    gaps: tuple[Gap, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.result.rule_id,
            "kind": self.result.kind,
            "title_en": self.result.title_en,
            "title_zh": self.result.title_zh,
            "gaps": [gap.to_dict() for gap in self.gaps],
        }


def _brief(result: Result) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule_id": result.rule_id,
        "kind": result.kind,
        "title_en": result.title_en,
        "title_zh": result.title_zh,
        "layer": result.layer,
        "status": result.status.value,
    }
    data.update(result._answer_dict(unit_always=True))
    return data


@attrs.frozen
class FinderSummary:
    """What :meth:`Jurisdiction.find` found for one applicant on one date."""

    jurisdiction: str
    on: date
    subject: str
    name: str | None
    total_rules: int
    designations: tuple[Result, ...]
    incentives: tuple[Result, ...]
    computations: tuple[Result, ...]
    conditions: tuple[Result, ...]
    totals: Totals
    questions: tuple[Question, ...]
    undetermined: tuple[Result, ...]
    ineligible: tuple[Ineligible, ...]
    not_in_force: tuple[str, ...]
    other_subjects: tuple[str, ...]
    results: tuple[Result, ...] = attrs.field(eq=False, repr=False)

    @property
    def applicable(self) -> int:
        return len(self.results)

    def to_dict(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "on": self.on.isoformat(),
            "subject": self.subject,
            "name": self.name,
            "total_rules": self.total_rules,
            "applicable": self.applicable,
            "designations": [_brief(r) for r in self.designations],
            "incentives": [_brief(r) for r in self.incentives],
            "computations": [_brief(r) for r in self.computations],
            "conditions": [_brief(r) for r in self.conditions],
            "totals": self.totals.to_dict(),
            "questions": [q.to_dict() for q in self.questions],
            "undetermined": [_brief(r) for r in self.undetermined],
            "ineligible": [i.to_dict() for i in self.ineligible],
            "not_in_force": list(self.not_in_force),
            "other_subjects": list(self.other_subjects),
        }

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("indent", 2)
        return json.dumps(self.to_dict(), **kwargs)

    def render(self, lang: str = "en", *, questions: int = 5, gaps: int = 6) -> str:
        """The summary as text, on one screen: totals, designations, questions, gaps."""
        return _render(self, _i18n.check_lang(lang), questions, gaps)

    def __str__(self) -> str:
        return self.render()


# --------------------------------------------------------------------------- branches


def _selectors(rule: Rule, registry: Any) -> dict[str, tuple[str, ...]]:
    """Text facts with declared choices that pick a branch of *rule* (FactIs or Lookup)."""
    names: dict[str, None] = {}
    for criterion in rule.criteria.walk():
        if isinstance(criterion, FactIs) and criterion.name in registry:
            spec = registry[criterion.name]
            if spec.kind == "text" and spec.choices:
                names[criterion.name] = None
    if rule.amount is not None:
        for formula in rule.amount.walk():
            if isinstance(formula, Lookup) and formula.fact in registry:
                names[formula.fact] = None
    return {name: registry[name].choices for name in names if registry[name].choices}


class _Given:
    """A context holding only assumed facts (for deciding which branch applies)."""

    def __init__(self, facts: Mapping[str, Any], on: date) -> None:
        self.facts = facts
        self.on = on

    def resolve(self, key: str) -> Any:
        from .exceptions import ParameterNotSetError

        raise ParameterNotSetError(key, "not resolved while choosing branches")


def _reachable(criterion: Criterion, ctx: _Given) -> list[str] | None:
    """Facts still to ask for *criterion* given the assumed facts; None if it is false."""
    truth = criterion.test(ctx)
    if truth is Truth.FALSE:
        return None
    if truth is Truth.TRUE:
        return []
    if isinstance(criterion, AllOf | AnyOf):
        found: list[str] = []
        for part in criterion.parts:
            names = _reachable(part, ctx)
            if names is not None:
                found.extend(names)
        return found
    if isinstance(criterion, IfThen):
        decided = criterion.condition.test(ctx)
        if decided is Truth.TRUE:
            return _reachable(criterion.then, ctx) or []
        if decided is Truth.FALSE:
            return _reachable(criterion.otherwise, ctx) or []
        return [
            *(_reachable(criterion.condition, ctx) or []),
            *(_reachable(criterion.then, ctx) or []),
            *(_reachable(criterion.otherwise, ctx) or []),
        ]
    if isinstance(criterion, Not):
        return _reachable(criterion.part, ctx) or []
    return [n for n in criterion.fact_names() if n not in ctx.facts]


def _amount_facts(formula: Formula, given: Mapping[str, Any]) -> list[str]:
    if isinstance(formula, Lookup):
        key = given.get(formula.fact)
        if key is not None:
            entry = formula.table.get(key)
            return [] if entry is None else list(entry.fact_names())
    return [n for n in formula.fact_names() if n not in given]


def relevant_facts(rule: Rule, given: Mapping[str, Any], on: date | None = None) -> tuple[str, ...]:
    """The facts *rule* still reads once the facts in *given* are assumed (a branch)."""
    ctx = _Given(given, on or rule.valid_from)
    names = _reachable(rule.criteria, ctx)
    if names is None:
        return ()
    if rule.amount is not None:
        names.extend(_amount_facts(rule.amount, given))
    if rule.split is not None:
        names.extend(rule.split.fact_names())
    return tuple(n for n in dict.fromkeys(names) if n not in given)


def branches(rule: Rule, registry: Any) -> dict[str, dict[str, tuple[str, ...]]]:
    """For each fact choosing a branch of *rule*, the facts each of its values needs."""
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    for name, choices in _selectors(rule, registry).items():
        table[name] = {}
        for choice in choices:
            table[name][choice] = relevant_facts(rule, {name: choice})
    return table


def subject_given(rule: Rule, subject: str | None) -> dict[str, Any]:
    """The facts being *subject* implies for *rule*."""
    if subject is None:
        return {}
    return dict(rule.subject_facts.get(subject, {}))


def applies_to(rule: Rule, subject: str) -> bool:
    return not rule.subjects or subject in rule.subjects


# --------------------------------------------------------------------------- money

# What computing a bound from partial facts may raise: then there is no bound.
_NO_BOUND = (ArithmeticError, LookupError, TypeError, ValueError)


def max_amount(formula: Formula, ctx: Any) -> Decimal | None:
    """An upper bound of an amount from what is known (None: no bound without facts)."""
    if isinstance(formula, Discretionary):
        if formula.high is None:
            return None
        high = formula.high.value(ctx)
        return None if type(high) is Missing else Decimal(high)
    if isinstance(formula, ConsecutiveYears):
        cap = formula.cumulative_cap.value(ctx)
        return None if type(cap) is Missing else Decimal(cap)
    if isinstance(formula, LesserOf):
        bounds = [b for b in (max_amount(p, ctx) for p in formula.parts) if b is not None]
        return min(bounds) if bounds else None
    if isinstance(formula, Lookup):
        key = ctx.facts.get(formula.fact)
        entries = [formula.table[key]] if key in formula.table else list(formula.table.values())
        values: list[Decimal] = []
        for entry in entries:
            if isinstance(entry, Formula):
                bound = max_amount(entry, ctx)
            else:
                value = entry.value(ctx)
                bound = None if type(value) is Missing else Decimal(value)
            if bound is None:
                return None
            values.append(bound)
        return max(values) if values else None
    if isinstance(formula, Fixed | RateOf):
        try:
            value = formula.compute(ctx)
        except _NO_BOUND:
            return None
        if isinstance(value, AmountRange):
            return value.high
        return None if type(value) is Missing else Decimal(value)  # type: ignore[arg-type]
    try:
        value = formula.compute(ctx)
    except _NO_BOUND:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, AmountRange):
        return value.high
    return None


def _payer_of(jurisdiction: Jurisdiction, layer_code: str) -> str:
    for index, layer in enumerate(jurisdiction.chain):
        if layer.code == layer_code:
            if layer.level:
                return layer.level
            return "province" if index == 0 else "city"
    return "province"


def _totals(jurisdiction: Jurisdiction, incentives: Iterable[Result]) -> Totals:
    fixed: dict[str, Decimal] = {}
    low: dict[str, Decimal] = {}
    high: dict[str, Decimal | None] = {}
    for result in incentives:
        if result.amount_unit != "CNY":
            continue
        own = _payer_of(jurisdiction, result.layer)
        if result.amount is not None:
            paid = [s for s in result.shares if s.role in PAYERS]
            if paid and sum((s.amount for s in paid), ZERO) == result.amount:
                for share in paid:
                    fixed[share.role] = fixed.get(share.role, ZERO) + share.amount
            else:
                fixed[own] = fixed.get(own, ZERO) + result.amount
        if result.amount_range is not None:
            low[own] = low.get(own, ZERO) + result.amount_range.low
            top = result.amount_range.high
            current = high.get(own, ZERO)
            high[own] = None if top is None or current is None else current + top
    payers = [p for p in PAYERS if p in fixed or p in low]
    rows = tuple(
        PayerTotal(p, fixed.get(p, ZERO), low.get(p, ZERO), high.get(p, ZERO)) for p in payers
    )
    range_max: Decimal | None = ZERO
    for row in rows:
        range_max = (
            None if range_max is None or row.range_max is None else range_max + row.range_max
        )
    return Totals(
        sum((r.fixed for r in rows), ZERO), sum((r.range_min for r in rows), ZERO), range_max, rows
    )


# --------------------------------------------------------------------------- finding


def find(
    jurisdiction: Jurisdiction,
    facts: Any,
    on: date | str,
    *,
    subject: str = "enterprise",
    rule_ids: Iterable[str] | None = None,
) -> FinderSummary:
    """Evaluate every rule open to *subject* and sum up (see the module docstring)."""
    from ._jurisdiction import PreparedFacts

    if subject not in SUBJECTS:
        raise InvalidFactError("subject", subject, f"expected one of {', '.join(SUBJECTS)}")
    day = on if type(on) is date else to_date("on", on)
    prepared = jurisdiction.prepare(facts)
    ids = jurisdiction.rule_ids() if rule_ids is None else tuple(rule_ids)
    results: list[Result] = []
    contexts: dict[str, PreparedFacts] = {}
    not_in_force: list[str] = []
    other: list[str] = []
    for rule_id in ids:
        try:
            rule = jurisdiction.rule(rule_id, day)
        except RuleNotInForceError:
            not_in_force.append(rule_id)
            continue
        if not applies_to(rule, subject):
            other.append(rule_id)
            continue
        given = subject_given(rule, subject)
        merged = prepared
        if any(name not in prepared for name in given):
            extra = jurisdiction.prepare({k: v for k, v in given.items() if k not in prepared})
            merged = PreparedFacts._trusted(
                {**extra, **prepared}, jurisdiction.fact_registry, prepared.ignored
            )
        contexts[rule_id] = merged
        result = jurisdiction.evaluate(rule_id, merged, day)
        if result.status is Status.NOT_IN_FORCE:
            not_in_force.append(rule_id)
            continue
        results.append(result)

    def of(kind: str, status: Status = Status.ELIGIBLE) -> tuple[Result, ...]:
        return tuple(r for r in results if r.kind == kind and r.status is status)

    incentives = of("incentive")
    undetermined = tuple(r for r in results if r.status is Status.UNDETERMINED)
    questions = _questions(jurisdiction, undetermined, contexts, day)
    ineligible = tuple(
        Ineligible(r, _gaps_with_changes(jurisdiction, r, contexts[r.rule_id], day))
        for r in results
        if r.status is Status.INELIGIBLE
    )
    name = prepared.get("name")
    return FinderSummary(
        jurisdiction=jurisdiction.code,
        on=day,
        subject=subject,
        name=None if name is None else str(name),
        total_rules=len(ids),
        designations=of("designation"),
        incentives=incentives,
        computations=of("computation"),
        conditions=of("condition"),
        totals=_totals(jurisdiction, incentives),
        questions=questions,
        undetermined=undetermined,
        ineligible=ineligible,
        not_in_force=tuple(not_in_force),
        other_subjects=tuple(other),
        results=tuple(results),
    )


def _spec_of(jurisdiction: Jurisdiction, key: str) -> FactSpec | None:
    return spec_of(jurisdiction.fact_registry, key)


def _questions(
    jurisdiction: Jurisdiction,
    undetermined: Iterable[Result],
    contexts: Mapping[str, PreparedFacts],
    on: date,
) -> tuple[Question, ...]:
    from ._jurisdiction import _Ctx

    rules_of: dict[str, list[str]] = {}
    decides: dict[str, list[str]] = {}
    money: dict[str, Decimal | None] = {}
    for result in undetermined:
        bound: Decimal | None = None
        rule = jurisdiction.rule(result.rule_id, on)
        if rule.kind == "incentive" and rule.amount is not None and rule.amount_unit == "CNY":
            ctx = _Ctx(jurisdiction, contexts[result.rule_id]._data, on, False)
            bound = max_amount(rule.amount, ctx)
        for key in result.missing:
            rules_of.setdefault(key, []).append(result.rule_id)
            if len(result.missing) == 1:
                decides.setdefault(key, []).append(result.rule_id)
            if bound is not None:
                money[key] = (money.get(key) or ZERO) + bound
    ranked = sorted(
        rules_of,
        key=lambda k: (-len(rules_of[k]), -len(decides.get(k, ())), -(money.get(k) or ZERO), k),
    )
    questions = []
    for key in ranked:
        spec = _spec_of(jurisdiction, key)
        base, _, rest = key.partition("[")
        year = int(rest.rstrip("]")) if rest else None
        questions.append(
            Question(
                fact=key,
                name=base,
                year=year,
                type=spec.kind if spec else "text",
                unit=spec.unit if spec else "",
                meaning=spec.meaning if spec else "",
                meaning_zh=_i18n.meaning(base, spec.meaning if spec else "", "zh"),
                choices=spec.choices if spec else (),
                rules=tuple(rules_of[key]),
                decides=tuple(decides.get(key, ())),
                max_amount=money.get(key),
            )
        )
    return tuple(questions)


def _gaps_with_changes(
    jurisdiction: Jurisdiction, result: Result, facts: PreparedFacts, on: date
) -> tuple[Gap, ...]:
    from ._jurisdiction import PreparedFacts as Prepared
    from ._jurisdiction import _Ctx

    ctx = _Ctx(jurisdiction, facts._data, on, False)
    registry = jurisdiction.fact_registry
    done = []
    for gap in result.gaps():
        assert gap.outcome is not None
        changes: list[Change] = []
        for change in candidate_changes(gap.outcome, ctx, registry):
            after = _status_after(jurisdiction, result.rule_id, facts, on, change, Prepared)
            if after is not None:
                changes.append(attrs.evolve(change, status_after=after))
        done.append(attrs.evolve(gap, changes=tuple(changes)))
    return tuple(done)


def _status_after(
    jurisdiction: Jurisdiction,
    rule_id: str,
    facts: PreparedFacts,
    on: date,
    change: Change,
    prepared_type: Any,
) -> Status | None:
    """The rule's status with only *change* applied; None if the change is inconsistent."""
    updated = apply_change(facts._data, change)  # the plain dict: copied in one step
    try:
        jurisdiction.fact_registry.check_constraints(updated)
    except InvalidFactError:
        return None
    day = change.target if change.kind == "wait" else on
    prepared = prepared_type._trusted(updated, jurisdiction.fact_registry)
    return jurisdiction.evaluate(rule_id, prepared, day, explain=False).status


def facts_for_subject(
    jurisdiction: Jurisdiction, rule_id: str, subject: str | None
) -> tuple[FactSpec, ...]:
    """The facts of *rule_id* to ask *subject* (its implied facts and other branches left out)."""
    rule = jurisdiction.rule(rule_id)
    if subject is not None and not applies_to(rule, subject):
        return ()
    names: dict[str, None] = {}
    for version in jurisdiction.versions(rule_id):
        names.update(dict.fromkeys(relevant_facts(version, subject_given(version, subject))))
    return tuple(jurisdiction.fact_registry[name] for name in names)


def fact_subjects(jurisdiction: Jurisdiction) -> dict[str, tuple[str, ...]]:
    """For every fact some rule reads, the subjects whose rules read it (in SUBJECTS order)."""
    owners: dict[str, set[str]] = {}
    for rule_id in jurisdiction.rule_ids():
        for rule in jurisdiction.versions(rule_id):
            subjects = rule.subjects or SUBJECTS
            for name in rule.fact_names():
                owners.setdefault(name, set()).update(subjects)
    return {name: tuple(s for s in SUBJECTS if s in found) for name, found in owners.items()}


# --------------------------------------------------------------------------- text


def _value_text(value: Any, lang: str) -> str:
    if value is None:
        return _i18n.msg("unknown", lang)
    if isinstance(value, bool):
        return _i18n.msg("yes" if value else "no", lang)
    if isinstance(value, Decimal | int):
        return _show(Decimal(value))
    return str(_jsonable(value))


def _fact_name(key: str, jurisdiction_facts: Any, lang: str) -> str:
    if lang != "zh":
        return key
    base, _, rest = key.partition("[")
    meaning = _i18n.meaning(base, base, "zh")
    short = meaning.split("（")[0].split("(")[0]
    return f"{short}[{rest}" if rest else short


def change_text(change: Change, lang: str = "en") -> str:
    """One change as a sentence: "rd_expense[2019] must rise from 19999 to 20000 (+1 CNY)"."""
    fact = _fact_name(change.fact, None, lang)
    unit = f" {change.unit}" if change.unit and lang != "zh" else _i18n.unit(change.unit, lang)
    values = {
        "fact": fact,
        "current": _value_text(change.current, lang),
        "target": _value_text(change.target, lang),
        "by": _value_text(change.by, lang),
        "unit": unit,
    }
    text = _i18n.msg(f"change_{change.kind}", lang, **values)
    if change.status_after is not None:
        if change.sufficient:
            text += f" [{_i18n.msg('alone_eligible', lang)}]"
        else:
            status = _i18n.status(change.status_after.value, lang)
            text += f" [{_i18n.msg('alone_not', lang, status=status)}]"
    return text


def _title(result: Result, lang: str) -> str:
    return result.title_zh if lang == "zh" else result.title_en


def _range_text(low: Decimal, high: Decimal | None, lang: str) -> str:
    top = _i18n.msg("open", lang) if high is None else _i18n.money(high, lang)
    return f"{_i18n.money(low, lang)} – {top}"


def _render(summary: FinderSummary, lang: str, max_questions: int, max_gaps: int) -> str:
    m = _i18n.msg
    subject = m(f"subject.{summary.subject}", lang)
    name = f" ({summary.name})" if summary.name else ""
    counts = {s: sum(r.status is s for r in summary.results) for s in Status}
    nif = (
        m("finder_not_in_force", lang, n=len(summary.not_in_force)) if summary.not_in_force else ""
    )
    lines = [
        m(
            "finder_title",
            lang,
            jurisdiction=summary.jurisdiction,
            on=summary.on,
            subject=subject,
            name=name,
        ),
        m(
            "finder_counts",
            lang,
            applicable=summary.applicable,
            total=summary.total_rules,
            subject=subject,
            eligible=counts[Status.ELIGIBLE],
            ineligible=counts[Status.INELIGIBLE],
            undetermined=counts[Status.UNDETERMINED],
            not_in_force=nif,
        ),
        "",
        f"{m('designations', lang)}{m('colon', lang).rstrip()}",
    ]
    for result in summary.designations:
        lines.append(f"  {result.rule_id}  {_title(result, lang)}")
    if not summary.designations:
        lines.append(f"  {m('none', lang)}")
    totals = summary.totals
    lines.append(f"{m('incentives', lang)}{m('colon', lang).rstrip()}")
    for result in summary.incentives:
        if result.amount is not None:
            amount = _i18n.money(result.amount, lang, result.amount_unit)
        elif result.amount_range is not None:
            amount = f"{m('range', lang)} " + _range_text(
                result.amount_range.low, result.amount_range.high, lang
            )
        else:
            amount = ""
        lines.append(f"  {result.rule_id}  {_title(result, lang)}{m('colon', lang)}{amount}")
    if not summary.incentives:
        lines.append(f"  {m('none', lang)}")
    else:
        total = _i18n.money(totals.total_min, lang)
        if totals.total_max != totals.total_min:
            total = _range_text(totals.total_min, totals.total_max, lang)
        detail = f"{m('fixed', lang)} {_i18n.money(totals.fixed, lang)}"
        if totals.range_max != ZERO:
            detail += (
                f" + {m('range', lang)} {_range_text(totals.range_min, totals.range_max, lang)}"
            )
        lines.append(
            f"  {m('total', lang)}{m('colon', lang)}{total} {m('paren', lang, text=detail)}"
        )
        payers = "; ".join(
            f"{m('payer.' + row.payer, lang)} "
            + (
                _i18n.money(row.total_min, lang)
                if row.total_max == row.total_min
                else _range_text(row.total_min, row.total_max, lang)
            )
            for row in totals.by_payer
        )
        lines.append(f"  {m('by_payer', lang)}{m('colon', lang)}{payers}")
    if summary.computations:
        lines.append(f"{m('computations', lang)}{m('colon', lang).rstrip()}")
        for result in summary.computations:
            amount = (
                _i18n.money(result.amount, lang, result.amount_unit)
                if result.amount is not None
                else ""
            )
            lines.append(f"  {result.rule_id}  {_title(result, lang)}{m('colon', lang)}{amount}")
    lines.append(f"{m('questions', lang)}{m('colon', lang).rstrip()}")
    for rank, question in enumerate(summary.questions[:max_questions], 1):
        unit = _i18n.unit(question.unit, lang)
        kind = m(f"kind.{question.type}", lang)
        if question.choices:
            kind += f" {m('one_of', lang)} " + "/".join(question.choices)
        meaning = question.meaning_zh if lang == "zh" else question.meaning
        if question.year is not None:
            meaning = f"{meaning}, {m('yearly', lang, year=question.year)}"
        lines.append(
            "  "
            + m(
                "question_line",
                lang,
                rank=rank,
                fact=question.fact,
                type=kind,
                unit=f", {unit}" if unit else "",
                meaning=meaning,
            )
        )
        money = (
            m("up_to", lang, amount=_i18n.money(question.max_amount, lang))
            if question.max_amount
            else ""
        )
        lines.append(
            "     "
            + m(
                "unlocks", lang, n=len(question.rules), money=money, rules=", ".join(question.rules)
            )
        )
    if len(summary.questions) > max_questions:
        lines.append("  " + m("more", lang, n=len(summary.questions) - max_questions))
    if not summary.questions:
        lines.append(f"  {m('none', lang)}")
    lines.append(f"{m('gaps', lang)}{m('colon', lang).rstrip()}")
    shown = 0
    hidden = 0

    def promise(item: Ineligible) -> tuple[int, int]:
        changes = [c for gap in item.gaps for c in gap.changes]
        return (-any(c.sufficient for c in changes), -bool(changes))

    for item in sorted(summary.ineligible, key=promise):
        for gap in item.gaps:
            if shown >= max_gaps:
                hidden += 1
                continue
            shown += 1
            lines.append(
                "  "
                + m(
                    "gap_line",
                    lang,
                    rule=item.result.rule_id,
                    label=_i18n.label(gap.label, lang),
                    actual=_value_text(gap.actual, lang),
                    required=gap.required,
                )
                + (f" 「{gap.wording}」" if gap.wording else "")
                + (m("alternative", lang) if gap.alternative else "")
            )
            for change in gap.changes:
                lines.append(f"     → {change_text(change, lang)}")
    if hidden:
        lines.append("  " + m("more", lang, n=hidden))
    if not summary.ineligible:
        lines.append(f"  {m('none', lang)}")
    return "\n".join(lines)


__all__ = [
    "Change",
    "FinderSummary",
    "Gap",
    "Ineligible",
    "PayerTotal",
    "Question",
    "Totals",
    "branches",
    "change_text",
    "fact_subjects",
    "facts_for_subject",
    "find",
    "relevant_facts",
]
