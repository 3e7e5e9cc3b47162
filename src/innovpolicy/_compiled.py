"""Rules compiled into closures: the one-firm executor (issue 12).

The reference interpreter (``Expr.value``, ``Criterion.test`` / ``explain``,
``Formula.compute``) walks a rule's tree with one method call and, on the way to
naming missing facts, one :class:`~innovpolicy._criteria.Outcome` per node. This
module turns a rule version, for the span of dates over which the parameters it
reads keep their values, into plain closures over the prepared facts and the
evaluation date:

* parameters are resolved once, at compile time, and bound as constants (a
  parameter declared without a value becomes the same "undetermined, because…"
  marker the interpreter returns; anything else that cannot be resolved is left to
  resolve at run time, so it fails exactly as the interpreter fails);
* fiscal-year fact keys (``rd_expense[2019]``) are made once per year and node;
* ``why`` answers in one pass, with Kleene's short-circuits: the truth and, for an
  undetermined answer, the missing facts and reasons in the order the interpreter's
  explanation names them, without building an explanation tree;
* ``compute`` gives the unrounded amount (or range, or missing marker).

A node kind this module does not know (a plugin's own ``Criterion``, ``Expr`` or
``Formula`` subclass) is evaluated by its own methods through a context adapter, so
every tree compiles. The results are those of the reference interpreter: a
differential Hypothesis test (``tests/test_compiled.py``) checks status, amount,
range, shares, missing facts and reasons for every rule of the Xining stack and the
example county.

Explanations are compiled too, on the first one asked of a rule version
(:class:`_Explainer`): closures building the :class:`~innovpolicy._criteria.Outcome`
tree the interpreter's ``explain`` builds, with the same compiled values and the
parameters resolved at compile time, recorded in the order the explanation's lines
read them. ``tests/test_lazy_explanation.py`` proves them equal to the interpreter's
(outcomes, the criterion and the required value behind each, parameters in order,
text in both languages) for every rule.

(Generating one Python function per rule instead of closures was measured: about 10%
faster on all rules for one firm, thirteen times slower to compile; not kept.)
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from itertools import chain
from typing import Any, Protocol

import attrs

from ._amounts import (
    AmountRange,
    Breakdown,
    Discretionary,
    Fixed,
    Formula,
    LesserOf,
    Lookup,
    Marginal,
    RateOf,
    Step,
    _scale_text,
    _sourced,
    _with_note,
    mark_binding,
)
from ._criteria import (
    _OPS,
    FALSE,
    TRUE,
    UNKNOWN,
    AgeOn,
    AllOf,
    Always,
    AnyOf,
    Cases,
    Compare,
    Const,
    Context,
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
    Missing,
    Not,
    Outcome,
    Param,
    Product,
    Ratio,
    Resolved,
    Sum,
    SupportYear,
    Truth,
    YearFact,
    YearOf,
    YearsAfter,
    YearsSince,
    _collect_missing,
    _future_date,
    _kleene,
    _show,
)
from ._facts import yearly_key
from ._frozen import fast_constructor
from ._params import MarginalScale, apply_marginal
from ._values import ZERO, add_years, full_years_between
from .exceptions import ParameterNotSetError

Facts = dict[str, Any]
#: value of an expression: the value, or a :class:`Missing` marker
Getter = Callable[[Facts, date], Any]
#: truth with the missing facts and reasons of an undetermined answer
#: a criterion's answer: its truth, and the missing facts and reasons when unknown
Answer = tuple[Truth, tuple[str, ...], tuple[str, ...]]
Why = Callable[[Facts, date], Answer]
Computer = Callable[[Facts, date], Any]
#: a criterion's explanation: its Outcome, recording the parameters read (in the
#: order the explanation's lines read them) into the dict passed
Explain = Callable[[Facts, date, dict[str, Resolved]], Outcome]
#: an amount's explanation: its Step, recording the parameters read likewise
StepsOf = Callable[[Facts, date, dict[str, Resolved]], Step]
#: a criterion's explanation as rendered text (see ``_render._Writer``): its lines
#: appended to the list passed, the parameters recorded as :data:`Explain` records
#: them; returns the criterion's truth
Write = Callable[[Facts, date, dict[str, Resolved], list[str]], Truth]
#: an amount's explanation as rendered text likewise (``_render._StepWriter``)
WriteSteps = Callable[[Facts, date, dict[str, Resolved], list[str]], None]

_NOTHING: tuple[str, ...] = ()
_DECIDED_TRUE: Answer = (TRUE, _NOTHING, _NOTHING)
_DECIDED_FALSE: Answer = (FALSE, _NOTHING, _NOTHING)
#: the expressions whose value is fixed once a rule is compiled for a date span
_FIXED = (Const, Param)
_UNKNOWN_NOTHING: Answer = (UNKNOWN, _NOTHING, _NOTHING)


class Resolver(Protocol):
    """What compiling needs from a jurisdiction: parameters, and a context for fallbacks
    (recording the parameters it resolves into *used*, if given)."""

    def parameter(self, key: str, on: date | str) -> Any: ...

    def _fallback_context(
        self, facts: Facts, on: date, used: dict[str, Resolved] | None = None
    ) -> Context: ...


class CompiledRule:
    """One rule version's closures for one span of dates (see :func:`compile_rule`).

    When none of the facts the closures read is given (a firm asked about a rule for
    another kind of applicant), the answer depends on the date alone: it is computed
    once per date and kept in :attr:`absent` (for rules whose every read is known,
    that is, without nodes evaluated by their own methods).
    """

    __slots__ = (
        "_amount",
        "_criteria",
        "_explain",
        "_keys_by_year",
        "_resolver",
        "_steps",
        "absent",
        "compute",
        "explained",
        "on",
        "opaque",
        "param_keys",
        "reads",
        "why",
        "writers",
    )

    def __init__(
        self,
        why: Why,
        compute: Computer | None,
        param_keys: tuple[str, ...],
        reads: tuple[str | tuple[str, int], ...] = (),
        opaque: bool = True,
        source: tuple[Criterion, Formula | None, Resolver, date] | None = None,
    ) -> None:
        self.why = why
        self.compute = compute
        #: the parameters resolved at compile time: the compiled closures stay valid
        #: for every date on which each of them has the same value
        self.param_keys = param_keys
        #: the facts the closures read: names, and fiscal-year facts as (name, years back)
        self.reads = reads
        #: true when some node reads facts the compiler cannot list
        self.opaque = opaque
        #: the answer and unrounded amount when no fact read is given, by date
        self.absent: dict[date, tuple[Answer, Any]] = {}
        #: likewise the explanation (criteria, amount steps, parameters), by date
        self.explained: dict[date, tuple[Any, Any, tuple[Any, ...]]] = {}
        self._keys_by_year: dict[int, frozenset[str]] = {}
        #: the criteria's explanation closures, compiled on the first explanation
        self._explain: Explain | None = None
        self._criteria: Criterion | None = None
        self._amount: Formula | None = None
        self._resolver: Resolver | None = None
        #: the date the closures were compiled for (None without a source)
        self.on: date | None = None
        if source is not None:
            self._criteria, self._amount, self._resolver, self.on = source
        #: the amount's explanation closure: compiled on first use (None: the amount's
        #: formulas are explained by their own methods)
        self._steps: tuple[StepsOf | None] | None = None
        #: the writers of the rendered explanation, by language, with the generation of
        #: the renderer's kept text they were made in (see ``_render._writers``)
        self.writers: dict[str, tuple[int, Write | None, WriteSteps | None, int]] = {}

    def explain(self, facts: Facts, on: date, used: dict[str, Resolved]) -> Outcome:
        """The criteria's explanation (the reference interpreter's ``explain``), the
        parameters read recorded into *used*; compiled on first use."""
        explain = self._explain
        if explain is None:
            if self._criteria is None or self._resolver is None or self.on is None:
                raise TypeError("compiled without its criteria: cannot explain")
            explain = self._explain = _Explainer(self._resolver, self.on).explain(self._criteria)
        return explain(facts, on, used)

    def explainer(self) -> _Explainer | None:
        """A compiler of this rule's explanation closures (None without its criteria)."""
        if self._criteria is None or self._resolver is None or self.on is None:
            return None
        return _Explainer(self._resolver, self.on)

    def steps_of(self) -> StepsOf | None:
        """The amount's explanation closure (recording the parameters read, which are
        those its computation reads, in the same order), or None when the amount has
        a formula or a value whose explanation is left to its own methods."""
        steps = self._steps
        if steps is None:
            found = None
            if self._amount is not None and self._resolver is not None and self.on is not None:
                found = _Explainer(self._resolver, self.on).steps(self._amount)
            steps = self._steps = (found,)
        return steps[0]

    def keys_read(self, on: date) -> frozenset[str]:
        """The flat keys the closures read on *on* (``rd_expense[2019]`` for Y-1 in 2020)."""
        found = self._keys_by_year.get(on.year)
        if found is None:
            found = frozenset(
                read if isinstance(read, str) else yearly_key(read[0], on.year - read[1])
                for read in self.reads
            )
            self._keys_by_year[on.year] = found
        return found

    def given_none(self, facts: Facts, on: date) -> bool:
        """Whether *facts* hold none of the facts this rule reads (its answer and its
        explanation are then the same for every such firm on *on*)."""
        # (a dict view iterates over the smaller side: the few keys this rule reads)
        return not self.opaque and facts.keys().isdisjoint(self.keys_read(on))

    def answer(self, facts: Facts, on: date) -> tuple[Answer, Any]:
        """The answer and the unrounded amount (None without an amount or when false)."""
        # given_none, without its two calls
        if not self.opaque:
            read = self._keys_by_year.get(on.year)
            if read is None:
                read = self.keys_read(on)
            if facts.keys().isdisjoint(read):
                known = self.absent.get(on)
                if known is not None:
                    return known
                known = self._answer(facts, on)
                if len(self.absent) >= 256:
                    self.absent.clear()
                self.absent[on] = known
                return known
        answer = self.why(facts, on)
        compute = self.compute
        if compute is None or answer[0] is FALSE:
            return answer, None
        return answer, compute(facts, on)

    def _answer(self, facts: Facts, on: date) -> tuple[Answer, Any]:
        answer = self.why(facts, on)
        compute = self.compute
        if compute is None or answer[0] is FALSE:
            return answer, None
        return answer, compute(facts, on)


def compile_rule(
    criteria: Criterion, amount: Formula | None, resolver: Resolver, on: date
) -> CompiledRule:
    """Compile a rule's criteria and amount with the parameter values in force on *on*."""
    compiler = _Compiler(resolver, on)
    why = compiler.why(criteria)
    compute = None if amount is None else compiler.compute(amount)
    reads: tuple[str | tuple[str, int], ...] = (*compiler.reads, *compiler.year_reads)
    return CompiledRule(
        why, compute, tuple(compiler.keys), reads, compiler.opaque, (criteria, amount, resolver, on)
    )


def _merged(answers: Iterable[Answer]) -> Answer:
    """The unknown answer naming what *answers* name, in order, without repeats (as
    ``Outcome.missing_facts`` and ``reasons`` collect them over children). Each
    answer's own names and reasons are already without repeats."""
    named = [answer for answer in answers if answer[1] or answer[2]]
    if not named:
        return _UNKNOWN_NOTHING
    if len(named) == 1:
        only = named[0]
        return only if only[0] is UNKNOWN else (UNKNOWN, only[1], only[2])
    names = tuple(dict.fromkeys(chain.from_iterable([answer[1] for answer in named])))
    reasons = tuple(dict.fromkeys(chain.from_iterable([answer[2] for answer in named])))
    return UNKNOWN, names, reasons


def _missing_of(
    values: tuple[Any, ...],
) -> Answer | None:
    """The unknown answer of a comparison of *values*, or None when nothing is missing."""
    missing = _collect_missing(values)
    if missing is None:
        return None
    return UNKNOWN, missing.names, (missing.reason,) if missing.reason else _NOTHING


def _negate(truth: Truth) -> Truth:
    """Kleene negation by identity (``Truth.__invert__`` without the Enum method call)."""
    return FALSE if truth is TRUE else TRUE if truth is FALSE else UNKNOWN


class _Compiler:
    def __init__(self, resolver: Resolver, on: date) -> None:
        self.resolver = resolver
        self.on = on
        self.keys: dict[str, None] = {}
        #: every fact the closures read, by name; fiscal-year facts as (name, years back)
        self.reads: dict[str, None] = {}
        self.year_reads: dict[tuple[str, int], None] = {}
        #: a node is evaluated by its own methods, whose reads are not known here
        self.opaque = False
        #: static() of each criterion asked about, by identity (the rule holds them)
        self.statics: dict[int, Answer | None] = {}

    def read(self, name: str) -> str:
        """Record that the closures read fact *name* (see :meth:`CompiledRule.reads`)."""
        self.reads[name] = None
        return name

    # ------------------------------------------------------------------ fallbacks

    def _ctx(self, facts: Facts, on: date) -> Context:
        return self.resolver._fallback_context(facts, on)

    def _opaque(self) -> None:
        self.opaque = True

    # ------------------------------------------------------------------ expressions

    def constant(self, expr: Expr) -> tuple[bool, Any]:
        """(True, value) when *expr* has the same value for every firm and date here."""
        if type(expr) is Const:
            return True, expr.constant
        if type(expr) is Param:
            try:
                resolved = self.resolver.parameter(expr.key, self.on)
            except ParameterNotSetError as exc:
                self.keys[expr.key] = None
                return True, Missing((), str(exc))
            except Exception:  # resolved at run time, to fail there as the interpreter does
                return False, None
            self.keys[expr.key] = None
            return True, resolved.value
        return False, None

    def value(self, expr: Expr) -> Getter:
        fixed, constant = self.constant(expr)
        if fixed:
            return lambda facts, on: constant
        if type(expr) is Fact:
            return _fact(self.read(expr.name))
        if type(expr) is YearFact:
            self.year_reads[(expr.name, expr.years_back)] = None
            return _year_fact(expr.name, expr.years_back)
        if type(expr) is Ratio:
            return self._ratio(expr)
        if type(expr) is Growth:
            ratio = self._ratio(  # reads the two fiscal years through YearFact
                Ratio(
                    YearFact(expr.name, expr.years_back), YearFact(expr.name, expr.years_back + 1)
                )
            )

            def growth(facts: Facts, on: date) -> Any:
                result = ratio(facts, on)
                return result if type(result) is Missing else result - 1

            return growth
        if type(expr) is Sum:
            return self._sum(expr)
        if type(expr) is Product or type(expr) is Difference:
            return self._binary(expr)
        if type(expr) is YearsSince:
            return _years_since(self.read(expr.name))
        if type(expr) is YearsAfter:
            return self._years_after(expr)
        if type(expr) is Cases:
            return self._cases(expr)
        if type(expr) is EvaluationDate:
            return lambda facts, on: on
        if type(expr) is DayOfEvaluationYear:
            month, day = expr.month, expr.day
            return lambda facts, on: date(on.year, month, day)
        if type(expr) is YearOf:
            name = self.read(expr.name)

            def year_of(facts: Facts, on: date) -> Any:
                found = facts.get(name)
                return Missing((name,)) if found is None else Decimal(found.year)

            return year_of
        if type(expr) is EvaluationYear:
            back = expr.back
            return lambda facts, on: Decimal(on.year - back)
        if type(expr) is AgeOn:
            return self._age_on(expr)
        if type(expr) is SupportYear:
            name = self.read(expr.name)

            def support_year(facts: Facts, on: date) -> Any:
                first = facts.get(name)
                if first is None:
                    return Missing((name,))
                return Decimal(on.year - int(first) + 1)

            return support_year
        self._opaque()
        return lambda facts, on: expr.value(self._ctx(facts, on))

    def _plain_read(self, expr: Expr) -> tuple[str, int | None] | None:
        """(name, years back or None) when *expr* is a fact read as it is, recorded as
        read (what :meth:`value` records for it); None for anything else."""
        if type(expr) is Fact:
            assert isinstance(expr, Fact)
            return self.read(expr.name), None
        if type(expr) is YearFact:
            assert isinstance(expr, YearFact)
            self.year_reads[(expr.name, expr.years_back)] = None
            return expr.name, expr.years_back
        return None

    def _ratio(self, expr: Ratio) -> Getter:
        zero_reason = f"{expr.denominator.describe()} is zero, so the ratio is undefined"
        if type(expr.numerator) in (Fact, YearFact) and type(expr.denominator) in (Fact, YearFact):
            num_read, den_read = (
                self._plain_read(expr.numerator),
                self._plain_read(expr.denominator),
            )
            assert num_read is not None and den_read is not None
            return _ratio_of_facts(num_read, den_read, zero_reason)
        numerator = self.value(expr.numerator)
        denominator = self.value(expr.denominator)

        def ratio(facts: Facts, on: date) -> Any:
            num = numerator(facts, on)
            den = denominator(facts, on)
            if type(num) is Missing or type(den) is Missing:
                return _collect_missing((num, den))
            if den == ZERO:
                return Missing((), zero_reason)
            if type(num) is not Decimal:
                num = Decimal(num)
            if type(den) is not Decimal:
                den = Decimal(den)
            return num / den

        return ratio

    def _sum(self, expr: Sum) -> Getter:
        terms = tuple(self.value(term) for term in expr.terms)

        def total(facts: Facts, on: date) -> Any:
            values = tuple([term(facts, on) for term in terms])
            if Missing in map(type, values):
                missing = _collect_missing(values)
                if missing is not None:
                    return missing
            return sum(values, ZERO)

        return total

    def _binary(self, expr: Product | Difference) -> Getter:
        left = self.value(expr.left)
        right = self.value(expr.right)
        apply = operator.mul if type(expr) is Product else operator.sub

        def binary(facts: Facts, on: date) -> Any:
            a, b = left(facts, on), right(facts, on)
            if type(a) is Missing or type(b) is Missing:
                missing = _collect_missing((a, b))
                if missing is not None:
                    return missing
            return apply(Decimal(a), Decimal(b))

        return binary

    def _years_after(self, expr: YearsAfter) -> Getter:
        name = self.read(expr.name)
        years_of = self.value(expr.years)

        def years_after(facts: Facts, on: date) -> Any:
            start = facts.get(name)
            if start is None:
                return Missing((name,))
            years = years_of(facts, on)
            if type(years) is Missing:
                return years
            try:
                return add_years(start, int(years))
            except (OverflowError, ValueError):
                return Missing((), f"{name} + {years} years is not a calendar date")

        return years_after

    def _age_on(self, expr: AgeOn) -> Getter:
        name = self.read(expr.name)
        at = self.value(expr.at)

        def age_on(facts: Facts, on: date) -> Any:
            born = facts.get(name)
            if born is None:
                return Missing((name,))
            day = at(facts, on)
            if type(day) is Missing:
                return day
            if born > day:
                return _future_date(name, born, day)
            return Decimal(full_years_between(born, day))

        return age_on

    def _cases(self, expr: Cases) -> Getter:
        # Each case's answer gives its truth and, when unknown, the facts its
        # explanation would name (what Cases.value asks of test and explain).
        pairs = tuple((self.why(c), self.value(e)) for c, e in expr.cases)
        default = None if expr.default is None else self.value(expr.default)

        def cases(facts: Facts, on: date) -> Any:
            missing: list[str] = []
            for why, value in pairs:
                truth, names, _reasons = why(facts, on)
                if truth is TRUE:
                    if missing:
                        return Missing(tuple(missing))
                    return value(facts, on)
                if truth is UNKNOWN:
                    missing.extend(n for n in names if n not in missing)
            if missing:
                return Missing(tuple(missing))
            if default is None:
                return Missing((), "no case applies")
            return default(facts, on)

        return cases

    # ------------------------------------------------------------------ criteria

    def static(self, criterion: Criterion) -> Answer | None:
        """:meth:`_static`, worked out once per criterion (why() asks of each node and of
        its parts again)."""
        key = id(criterion)
        try:
            return self.statics[key]
        except KeyError:
            found = self.statics[key] = self._static(criterion)
            return found

    def _static(self, criterion: Criterion) -> Answer | None:
        """The answer of *criterion* when it is the same for every firm here (it reads
        parameters and constants only, as a reading switch does: "qh.platform.must_land
        >= 1"), else None. A parameter without a value is never static (its reason is
        named at run time)."""
        kind = type(criterion)
        if kind is Compare:
            assert isinstance(criterion, Compare)
            if type(criterion.left) not in _FIXED or type(criterion.right) not in _FIXED:
                return None
            _, left = self.constant(criterion.left)
            _, right = self.constant(criterion.right)
            if type(left) is Missing or type(right) is Missing:
                return None
            try:
                holds = _OPS[criterion.op](left, right)
            except Exception:  # left to run time, to fail there as the interpreter does
                return None
            return _DECIDED_TRUE if holds else _DECIDED_FALSE
        if kind is Always:
            return _DECIDED_TRUE
        if kind is Not:
            assert isinstance(criterion, Not)
            inner = self.static(criterion.part)
            if inner is None:
                return None
            return _DECIDED_FALSE if inner[0] is TRUE else _DECIDED_TRUE
        if kind is IfThen:
            assert isinstance(criterion, IfThen)
            condition = self.static(criterion.condition)
            if condition is None:
                return None
            return self.static(criterion.then if condition[0] is TRUE else criterion.otherwise)
        if kind is AllOf or kind is AnyOf:
            assert isinstance(criterion, (AllOf, AnyOf))
            dominant = FALSE if kind is AllOf else TRUE
            answers = [self.static(part) for part in criterion.parts]
            if any(answer is not None and answer[0] is dominant for answer in answers):
                return _DECIDED_FALSE if kind is AllOf else _DECIDED_TRUE
            if all(answer is not None for answer in answers):
                return _DECIDED_TRUE if kind is AllOf else _DECIDED_FALSE
        return None

    def why(self, criterion: Criterion) -> Why:
        # A part decided here (a reading switch and what it guards) is answered as a
        # constant and leaves its combination: its truth and what it names (nothing)
        # are the same for every firm, so the answers are the interpreter's.
        static = self.static(criterion)
        if static is not None:
            return lambda facts, on: static
        if type(criterion) is Compare:
            return self._compare_why(criterion)
        if type(criterion) is FactIs:
            name, expected = self.read(criterion.name), criterion.expected
            absent: Answer = (UNKNOWN, (name,), _NOTHING)

            def fact_is(facts: Facts, on: date) -> Answer:
                value = facts.get(name)
                if value is None:
                    return absent
                return _DECIDED_TRUE if value in expected else _DECIDED_FALSE

            return fact_is
        if type(criterion) is AllOf or type(criterion) is AnyOf:
            # (a part decided here is the neutral truth, or the whole would be decided)
            parts = tuple(self.why(part) for part in criterion.parts if self.static(part) is None)
            if len(parts) == 1:  # what the fold below gives for one part: its answer
                return parts[0]
            # Kleene's fold: all_of is false as soon as a part is false, else unknown if
            # one is unknown; any_of is true as soon as a part is true. Decided parts
            # name nothing, so the answer names what its unknown parts name, in order
            # (as Outcome.missing_facts and reasons do over the explanation's children).
            dominant, other = (FALSE, TRUE) if type(criterion) is AllOf else (TRUE, FALSE)
            decided = (other, _NOTHING, _NOTHING)

            def combined(facts: Facts, on: date) -> Answer:
                unknown = None
                for part in parts:
                    answer = part(facts, on)
                    truth = answer[0]
                    if truth is dominant:
                        return answer
                    if truth is UNKNOWN:
                        if unknown is None:
                            unknown = [answer]
                        else:
                            unknown.append(answer)
                if unknown is None:
                    return decided
                if len(unknown) == 1:
                    return unknown[0]
                return _merged(unknown)

            return combined
        if type(criterion) is Not:
            inner = self.why(criterion.part)

            def negated(facts: Facts, on: date) -> Answer:
                truth, names, reasons = inner(facts, on)
                return _negate(truth), names, reasons

            return negated
        if type(criterion) is IfThen:
            fixed = self.static(criterion.condition)
            if fixed is not None:  # the branch taken, for every firm here
                return self.why(criterion.then if fixed[0] is TRUE else criterion.otherwise)
            condition = self.why(criterion.condition)
            then = self.why(criterion.then)
            otherwise = self.why(criterion.otherwise)

            def if_then(facts: Facts, on: date) -> Answer:
                # the truth of IfThen.test, from the parts' answers
                cond = condition(facts, on)
                if cond[0] is TRUE:
                    branch = then(facts, on)
                    truth = branch[0]
                    answers: tuple[Answer, ...] = (
                        cond,
                        branch,
                    )
                elif cond[0] is FALSE:
                    branch = otherwise(facts, on)
                    truth = branch[0]
                    answers = (cond, branch)
                else:
                    first, second = then(facts, on), otherwise(facts, on)
                    truth = first[0] if first[0] is second[0] else UNKNOWN
                    answers = (cond, first, second)
                if truth is not UNKNOWN:
                    return truth, _NOTHING, _NOTHING
                return _merged(answers)

            return if_then
        if type(criterion) is Always:
            return lambda facts, on: _DECIDED_TRUE
        self._opaque()

        def fallback(facts: Facts, on: date) -> Answer:
            outcome = criterion.explain(self._ctx(facts, on))
            return outcome.truth, outcome.missing_facts(), outcome.reasons()

        return fallback

    def _compare_why(self, criterion: Compare) -> Why:
        fn = _OPS[criterion.op]
        fixed, bound = self.constant(criterion.right)
        left_expr = criterion.left
        if fixed and type(bound) is not Missing and type(left_expr) is Fact:
            name = self.read(left_expr.name)  # the usual shape: a fact against a threshold
            absent: Answer = (UNKNOWN, (name,), _NOTHING)

            def fact_against_bound(facts: Facts, on: date) -> Answer:
                value = facts.get(name)
                if value is None:
                    return absent
                return _DECIDED_TRUE if fn(value, bound) else _DECIDED_FALSE

            return fact_against_bound
        if fixed and type(left_expr) is YearsSince and _plain_number(bound):
            # full years since a date fact against a threshold: compared as an int
            return _years_since_against_bound(self.read(left_expr.name), fn, bound)
        if (
            fixed
            and type(left_expr) is Ratio
            and type(left_expr.numerator) in (Fact, YearFact)
            and type(left_expr.denominator) in (Fact, YearFact)
            and _cross_multipliable(bound)
        ):
            # a ratio of two facts against a threshold: decided without the division
            num_read = self._plain_read(left_expr.numerator)
            den_read = self._plain_read(left_expr.denominator)
            assert num_read is not None and den_read is not None
            zero_reason = f"{left_expr.denominator.describe()} is zero, so the ratio is undefined"
            return _ratio_against_bound(num_read, den_read, zero_reason, fn, bound)
        left = self.value(left_expr)
        if fixed and type(bound) is not Missing:

            def against_bound(facts: Facts, on: date) -> Answer:
                value = left(facts, on)
                if type(value) is Missing and (value.names or value.reason):
                    # what _collect_missing((value, bound)) gives, without the call
                    return UNKNOWN, value.names, (value.reason,) if value.reason else _NOTHING
                return _DECIDED_TRUE if fn(value, bound) else _DECIDED_FALSE

            return against_bound
        right = self.value(criterion.right)

        def compare(facts: Facts, on: date) -> Answer:
            a, b = left(facts, on), right(facts, on)
            if type(a) is Missing or type(b) is Missing:
                unknown = _missing_of((a, b))
                if unknown is not None:
                    return unknown
            return _DECIDED_TRUE if fn(a, b) else _DECIDED_FALSE

        return compare

    # ------------------------------------------------------------------ amounts

    def compute(self, formula: Formula) -> Computer:
        if type(formula) is Fixed:
            return self.value(formula.amount)
        if type(formula) is RateOf:
            rate = self.value(formula.rate)
            base = self.value(formula.base)

            def rate_of(facts: Facts, on: date) -> Any:
                r, b = rate(facts, on), base(facts, on)
                if type(r) is Missing or type(b) is Missing:
                    missing = _collect_missing((r, b))
                    if missing is not None:
                        return missing
                return r * b

            return rate_of
        if type(formula) is LesserOf:
            parts = tuple(self.compute(part) for part in formula.parts)
            last = formula.parts[-1] if len(parts) == 2 else None
            if type(last) is Fixed:
                assert isinstance(last, Fixed)
                fixed, cap = self.constant(last.amount)
                if fixed and type(cap) is not Missing:
                    return _lesser_of_and_constant(parts[0], cap)
            if len(parts) == 2:
                first, second = parts

                def lesser_of_two(facts: Facts, on: date) -> Any:
                    a, b = first(facts, on), second(facts, on)
                    if type(a) is Missing or type(b) is Missing:
                        missing = _collect_missing((a, b))
                        if missing is not None:
                            return missing
                    return min(a, b)  # (the first of equal values, as min((a, b)))

                return lesser_of_two

            def lesser_of(facts: Facts, on: date) -> Any:
                values = tuple([part(facts, on) for part in parts])
                if Missing in map(type, values):
                    missing = _collect_missing(values)
                    if missing is not None:
                        return missing
                return min(values)

            return lesser_of
        if type(formula) is Marginal:
            fixed, fixed_scale = self.constant(formula.scale)
            if fixed and isinstance(fixed_scale, MarginalScale):
                return self._fixed_marginal(formula, fixed_scale)
            scale_of = self.value(formula.scale)
            base_of = self.value(formula.base)
            scale_name = formula.scale.describe()

            def marginal(facts: Facts, on: date) -> Any:
                scale, base = scale_of(facts, on), base_of(facts, on)
                if type(scale) is Missing or type(base) is Missing:
                    missing = _collect_missing((scale, base))
                    if missing is not None:
                        return missing
                if not isinstance(scale, MarginalScale):
                    raise TypeError(f"parameter {scale_name} is not a marginal scale")
                return apply_marginal(scale, base)

            return marginal
        if type(formula) is Lookup:
            return self._lookup(formula)
        if type(formula) is Discretionary:
            low_of = self.value(formula.low)
            high_of = None if formula.high is None else self.value(formula.high)

            def discretionary(facts: Facts, on: date) -> Any:
                low = low_of(facts, on)
                high = None if high_of is None else high_of(facts, on)
                missing = _collect_missing((low, high))
                if missing is not None:
                    return missing
                return AmountRange(low, high)

            return discretionary
        if type(formula) is Breakdown:
            return self.compute(formula.amount)
        self._opaque()
        return lambda facts, on: formula.compute(self._ctx(facts, on))

    def _fixed_marginal(self, formula: Marginal, scale: MarginalScale) -> Computer:
        """A marginal scale fixed for the span: ``apply_marginal`` with the brackets'
        thresholds, rates and upper bounds read at compile time (the same operations,
        in the same order, so the same Decimal)."""
        brackets = scale.brackets
        tiers = tuple(
            (
                bracket.threshold,
                bracket.rate,
                brackets[index + 1].threshold if index + 1 < len(brackets) else None,
            )
            for index, bracket in enumerate(brackets)
        )
        base_of = self.value(formula.base)

        def fixed_marginal(facts: Facts, on: date) -> Any:
            base = base_of(facts, on)
            if type(base) is Missing:
                missing = _collect_missing((scale, base))
                if missing is not None:
                    return missing
            total = ZERO
            for threshold, rate, upper in tiers:
                if base <= threshold:
                    break
                top = base if upper is None or base < upper else upper
                total += (top - threshold) * rate
            return total

        return fixed_marginal

    def _lookup(self, formula: Lookup) -> Computer:
        name = self.read(formula.fact)
        table: dict[str, Computer] = {
            key: self.compute(entry) if isinstance(entry, Formula) else self.value(entry)
            for key, entry in formula.table.items()
        }

        def lookup(facts: Facts, on: date) -> Any:
            key = facts.get(name)
            if key is None:
                return Missing((name,))
            entry = table.get(key)
            if entry is None:
                return Missing((), f"no amount is set for {name} = {key}")
            return entry(facts, on)

        return lookup


# ---------------------------------------------------------------------- explanations

#: Outcome's constructor (see ``_criteria._new_outcome``): the twin once first used
_new_outcome: Callable[..., Outcome] = fast_constructor(Outcome, into=(globals(), "_new_outcome"))
#: Step's constructor likewise (see ``_amounts._new_step``)
_new_step: Callable[..., Step] = fast_constructor(Step, into=(globals(), "_new_step"))

#: expression kinds whose value reads every sub-expression, always, in field order
_READS_ALL = (Ratio, Sum, Product, Difference)
#: expression kinds that read no parameter
_READS_NONE = (
    Const,
    Fact,
    YearFact,
    Growth,
    YearsSince,
    EvaluationDate,
    DayOfEvaluationYear,
    YearOf,
    EvaluationYear,
    SupportYear,
)


class _Explainer:
    """Compiles a criterion tree into explanation closures (:data:`Explain`).

    Each closure builds the :class:`Outcome` its node's ``explain`` builds, from the
    compiled values, with the parameters resolved at compile time; the parameters a
    node reads are recorded in the order its ``explain`` resolves them. A node whose
    reads depend on the facts (a :class:`Cases`, a date after a missing fact) or
    whose kind is not known here is explained by its own method, recording into the
    same dict.
    """

    def __init__(self, resolver: Resolver, on: date) -> None:
        self.resolver = resolver
        self.on = on
        self.values = _Compiler(resolver, on)  # the getters

    def reads(self, expr: Expr) -> tuple[Resolved, ...] | None:
        """The parameters ``expr.value`` resolves, in order, whatever the facts (None
        when that depends on the facts or cannot be known here)."""
        kind = type(expr)
        if kind is Param:
            assert isinstance(expr, Param)
            try:
                return (self.resolver.parameter(expr.key, self.on),)
            except ParameterNotSetError:
                return ()  # the interpreter records nothing: its resolve raised
            except Exception:  # resolved at run time: left to the interpreter
                return None
        if kind in _READS_NONE:
            return ()
        if kind in _READS_ALL:
            found: tuple[Resolved, ...] = ()
            parts: tuple[Expr, ...]
            if isinstance(expr, Sum):
                parts = expr.terms
            elif isinstance(expr, Ratio):
                parts = (expr.numerator, expr.denominator)
            else:
                assert isinstance(expr, (Product, Difference))
                parts = (expr.left, expr.right)
            for part in parts:
                more = self.reads(part)
                if more is None:
                    return None
                found += more
            return found
        if kind is YearsAfter or kind is AgeOn:
            # the inner expression is read only when the date fact is given
            inner = expr.years if isinstance(expr, YearsAfter) else expr.at  # type: ignore[attr-defined]
            return () if self.reads(inner) == () else None
        return None

    def explain(self, criterion: Criterion) -> Explain:
        kind = type(criterion)
        if kind is Compare:
            assert isinstance(criterion, Compare)
            found = self._compare(criterion)
            if found is not None:
                return found
        elif kind is FactIs:
            assert isinstance(criterion, FactIs)
            name, outcome_of = criterion.name, criterion.outcome_of
            return lambda facts, on, used: outcome_of(facts.get(name))
        elif kind is AllOf or kind is AnyOf:
            assert isinstance(criterion, (AllOf, AnyOf))
            return self._combined(criterion)
        elif kind is Not:
            assert isinstance(criterion, Not)
            return self._not(criterion)
        elif kind is IfThen:
            assert isinstance(criterion, IfThen)
            return self._if_then(criterion)
        elif kind is Always:
            always = criterion.explain(self.resolver._fallback_context({}, self.on))
            return lambda facts, on, used: always
        return self._fallback(criterion)

    def _fallback(self, criterion: Criterion) -> Explain:
        context = self.resolver._fallback_context

        def fallback(facts: Facts, on: date, used: dict[str, Resolved]) -> Outcome:
            return criterion.explain(context(facts, on, used))

        return fallback

    def _compare(self, criterion: Compare) -> Explain | None:
        """What ``Compare.explain`` builds (see :meth:`_against_bound` for the usual
        shape, a threshold fixed for the span)."""
        left_reads, right_reads = self.reads(criterion.left), self.reads(criterion.right)
        if left_reads is None or right_reads is None:
            return None
        # recorded in the closures without a call: (key, resolved) in reading order
        reads = tuple((read.key, read) for read in left_reads + right_reads)
        fixed, bound = self.values.constant(criterion.right)
        if fixed and type(bound) is not Missing:
            return self._against_bound(criterion, bound, reads)
        fn = _OPS[criterion.op]
        label, wording, article = criterion.label, criterion.wording, criterion.article
        left = self.values.value(criterion.left)
        right = self.values.value(criterion.right)
        required_of = criterion._required

        def compare(facts: Facts, on: date, used: dict[str, Resolved]) -> Outcome:
            for key, read in reads:
                if key not in used:
                    used[key] = read
            a, b = left(facts, on), right(facts, on)
            required = required_of(b)
            if type(a) is Missing or type(b) is Missing:
                missing = _collect_missing((a, b))
                if missing is not None:
                    return _new_outcome(
                        label,
                        UNKNOWN,
                        "comparison",
                        wording,
                        article,
                        a,
                        required,
                        missing.names,
                        missing.reason,
                        (),
                        criterion,
                        b,
                    )
            return _new_outcome(
                label,
                TRUE if fn(a, b) else FALSE,
                "comparison",
                wording,
                article,
                a,
                required,
                _NOTHING,
                "",
                (),
                criterion,
                b,
            )

        return compare

    def _against_bound(
        self, criterion: Compare, bound: Any, reads: tuple[tuple[str, Resolved], ...]
    ) -> Explain:
        """A value against a threshold fixed for the span (its text made once); a plain
        fact, the usual left side, is read without a getter call."""
        fn = _OPS[criterion.op]
        label, wording, article = criterion.label, criterion.wording, criterion.article
        required = criterion._required(bound)
        left = self.values.value(criterion.left)
        plain = criterion.left if type(criterion.left) is Fact else None  # (not a subclass)
        name = plain.name if isinstance(plain, Fact) else None
        absent = Missing((name,)) if name is not None else None

        def against_bound(facts: Facts, on: date, used: dict[str, Resolved]) -> Outcome:
            for key, read in reads:
                if key not in used:
                    used[key] = read
            if name is None:
                value = left(facts, on)
            else:
                value = facts.get(name)
                if value is None:
                    value = absent
            if type(value) is Missing and (value.names or value.reason):
                # what _collect_missing((value, bound)) gives, without the call
                return _new_outcome(
                    label,
                    UNKNOWN,
                    "comparison",
                    wording,
                    article,
                    value,
                    required,
                    value.names,
                    value.reason,
                    (),
                    criterion,
                    bound,
                )
            return _new_outcome(
                label,
                TRUE if fn(value, bound) else FALSE,
                "comparison",
                wording,
                article,
                value,
                required,
                _NOTHING,
                "",
                (),
                criterion,
                bound,
            )

        return against_bound

    # ------------------------------------------------------------------ amounts

    def steps(self, formula: Formula) -> StepsOf | None:
        """The closure building *formula*'s ``explain`` step, or None when a part of it
        is explained by its own method (then the whole amount is, in order)."""
        try:
            kind = type(formula)
            if kind is Fixed:
                assert isinstance(formula, Fixed)
                return self._fixed(formula)
            if kind is RateOf:
                assert isinstance(formula, RateOf)
                return self._rate_of(formula)
            if kind is Marginal:
                assert isinstance(formula, Marginal)
                return self._marginal(formula)
            if kind is LesserOf:
                assert isinstance(formula, LesserOf)
                return self._lesser_of(formula)
            if kind is Discretionary:
                assert isinstance(formula, Discretionary)
                return self._discretionary(formula)
            if kind is Lookup:
                assert isinstance(formula, Lookup)
                return self._lookup_steps(formula)
        except Exception:  # a parameter that fails to resolve: it fails in explain, as before
            return None
        return None

    def _sourced(self, exprs: tuple[Expr, ...], wording: str) -> tuple[str, str]:
        """``_sourced`` at compile time: the parameters are those of the whole span."""
        return _sourced(self.resolver._fallback_context({}, self.on), exprs, wording)

    def _fixed(self, formula: Fixed) -> StepsOf | None:
        reads = self.reads(formula.amount)
        if reads is None:
            return None
        pairs = tuple((read.key, read) for read in reads)
        amount = self.values.value(formula.amount)
        wording, note = self._sourced((formula.amount,), formula.wording)
        label, detail = formula.label, _with_note(formula.amount.describe(), note)

        def fixed(facts: Facts, on: date, used: dict[str, Resolved]) -> Step:
            for key, read in pairs:
                if key not in used:
                    used[key] = read
            value = amount(facts, on)
            return _new_step(label, None if type(value) is Missing else value, detail, wording)

        return fixed

    def _rate_of(self, formula: RateOf) -> StepsOf | None:
        rate_reads, base_reads = self.reads(formula.rate), self.reads(formula.base)
        if rate_reads is None or base_reads is None:
            return None
        pairs = tuple((read.key, read) for read in rate_reads + base_reads)
        rate_of, base_of = self.values.value(formula.rate), self.values.value(formula.base)
        wording, note = self._sourced((formula.rate,), formula.wording)
        label, base_name = formula.label, formula.base.describe()

        def rate_of_base(facts: Facts, on: date, used: dict[str, Resolved]) -> Step:
            for key, read in pairs:
                if key not in used:
                    used[key] = read
            rate, base = rate_of(facts, on), base_of(facts, on)
            detail = f"{_show(rate)} × {base_name} ({_show(base)})"
            value = None if _collect_missing((rate, base)) is not None else rate * base
            return _new_step(label, value, _with_note(detail, note), wording)

        return rate_of_base

    def _marginal(self, formula: Marginal) -> StepsOf | None:
        fixed, scale = self.values.constant(formula.scale)
        base_reads = self.reads(formula.base)
        scale_reads = self.reads(formula.scale)
        if not fixed or not isinstance(scale, MarginalScale) or base_reads is None:
            return None  # (an unset or a wrong parameter: explained, or refused, by its method)
        pairs = tuple((read.key, read) for read in (scale_reads or ()) + base_reads)
        base_of = self.values.value(formula.base)
        wording, note = self._sourced((formula.scale,), formula.wording)
        label = formula.label
        head = f"{_scale_text(scale)} applied to {formula.base.describe()} ("

        def marginal(facts: Facts, on: date, used: dict[str, Resolved]) -> Step:
            for key, read in pairs:
                if key not in used:
                    used[key] = read
            base = base_of(facts, on)
            detail = _with_note(f"{head}{_show(base)})", note)
            if type(base) is Missing and (base.names or base.reason):
                return _new_step(label, None, detail, wording)
            return _new_step(label, apply_marginal(scale, base), detail, wording)

        return marginal

    def _lesser_of(self, formula: LesserOf) -> StepsOf | None:
        found = [self.steps(part) for part in formula.parts]
        parts = tuple(part for part in found if part is not None)
        if len(parts) != len(found):
            return None
        label, wording = formula.label, formula.wording

        def lesser_of(facts: Facts, on: date, used: dict[str, Resolved]) -> Step:
            children = [part(facts, on, used) for part in parts]
            values = [child.value for child in children]
            if None in values:  # a part unknown: no least, no binding bound
                return _new_step(label, None, "", wording, tuple(children), False, "least")
            least = min(values)  # type: ignore[type-var]
            mark_binding(children, least)
            return _new_step(label, least, "", wording, tuple(children), False, "least")

        return lesser_of

    def _discretionary(self, formula: Discretionary) -> StepsOf | None:
        high_expr = formula.high
        low_reads = self.reads(formula.low)
        high_reads = () if high_expr is None else self.reads(high_expr)
        if low_reads is None or high_reads is None:
            return None
        pairs = tuple((read.key, read) for read in low_reads + high_reads)
        low_of = self.values.value(formula.low)
        high_of = None if high_expr is None else self.values.value(high_expr)
        exprs = (formula.low,) if high_expr is None else (formula.low, high_expr)
        wording, note = self._sourced(exprs, formula.wording)
        label, detail = formula.label, _with_note("decided case by case", note)

        def discretionary(facts: Facts, on: date, used: dict[str, Resolved]) -> Step:
            for key, read in pairs:
                if key not in used:
                    used[key] = read
            low = low_of(facts, on)
            high = None if high_of is None else high_of(facts, on)
            if _collect_missing((low, high)) is not None:
                return _new_step(label, None, detail, wording)
            return _new_step(label, AmountRange(low, high), detail, wording)

        return discretionary

    def _lookup_steps(self, formula: Lookup) -> StepsOf | None:
        """A lookup's step: for each entry of its table, compiled like the entry's own
        step (a formula) or a parameter's (an expression), chosen by the fact's value."""
        name, label = formula.fact, formula.label
        if any(type(key) is not str for key in formula.table):
            return None  # (a detail is written from the table's key: it must print as given)
        entries: dict[Any, tuple[str, str, tuple[tuple[str, Resolved], ...], Any, bool]] = {}
        for key, entry in formula.table.items():
            detail = f"{name} = {key}"
            if isinstance(entry, Formula):
                steps = self.steps(entry)
                if steps is None:
                    return None
                entries[key] = (detail, formula.wording, (), steps, True)
                continue
            reads = self.reads(entry)
            if reads is None:
                return None
            wording, note = self._sourced((entry,), formula.wording)
            detail = _with_note(f"{detail} → {entry.describe()}", note)
            pairs = tuple((read.key, read) for read in reads)
            entries[key] = (detail, wording, pairs, self.values.value(entry), False)
        unknown = _new_step(label, None, f"{name} unknown", formula.wording)

        def lookup(facts: Facts, on: date, used: dict[str, Resolved]) -> Step:
            key = facts.get(name)
            if key is None:
                return unknown
            found = entries.get(key)
            if found is None:  # a value the table lacks
                return _new_step(label, None, f"{name} = {key}", formula.wording)
            detail, wording, pairs, compiled, is_formula = found
            if is_formula:
                child = compiled(facts, on, used)
                return _new_step(label, child.value, detail, wording, (child,))
            for read_key, read in pairs:
                if read_key not in used:
                    used[read_key] = read
            value = compiled(facts, on)
            return _new_step(label, None if type(value) is Missing else value, detail, wording)

        return lookup

    def _combined(self, criterion: AllOf | AnyOf) -> Explain:
        parts = tuple(self.explain(part) for part in criterion.parts)
        label = criterion.label
        kind, dominant, otherwise = (
            ("all", FALSE, TRUE) if type(criterion) is AllOf else ("any", TRUE, FALSE)
        )

        def combined(facts: Facts, on: date, used: dict[str, Resolved]) -> Outcome:
            children = tuple([part(facts, on, used) for part in parts])
            truth = _kleene(children, dominant, otherwise)
            return _new_outcome(label, truth, kind, "", "", None, "", _NOTHING, "", children)

        return combined

    def _not(self, criterion: Not) -> Explain:
        inner, label = self.explain(criterion.part), criterion.label

        def negated(facts: Facts, on: date, used: dict[str, Resolved]) -> Outcome:
            child = inner(facts, on, used)
            return _new_outcome(
                label, _negate(child.truth), "not", "", "", None, "", _NOTHING, "", (child,)
            )

        return negated

    def _if_then(self, criterion: IfThen) -> Explain:
        condition = self.explain(criterion.condition)
        then = self.explain(criterion.then)
        otherwise = self.explain(criterion.otherwise)
        label = criterion.label

        def if_then(facts: Facts, on: date, used: dict[str, Resolved]) -> Outcome:
            cond = condition(facts, on, used)
            if cond.truth is TRUE:
                branch: tuple[Outcome, ...] = (then(facts, on, used),)
                truth = branch[0].truth
            elif cond.truth is FALSE:
                branch = (otherwise(facts, on, used),)
                truth = branch[0].truth
            else:
                branch = (then(facts, on, used), otherwise(facts, on, used))
                truth = branch[0].truth if branch[0].truth is branch[1].truth else UNKNOWN
            if truth is not UNKNOWN and cond.missing:
                cond = attrs.evolve(cond, missing=())
            return _new_outcome(label, truth, "if", "", "", None, "", _NOTHING, "", (cond, *branch))

        return if_then


def _ratio_of_facts(
    num: tuple[str, int | None], den: tuple[str, int | None], zero_reason: str
) -> Getter:
    """The ratio of two facts (each a plain fact, or a fiscal year's back from the
    evaluation year) read without a getter call each: what ``_Compiler._ratio`` gives
    for two fact getters."""
    num_name, num_back = num
    den_name, den_back = den
    # (flat key, its marker when absent): fixed for a plain fact, per year for a yearly one
    num_fixed = None if num_back is not None else (num_name, Missing((num_name,)))
    den_fixed = None if den_back is not None else (den_name, Missing((den_name,)))
    num_years: dict[int, tuple[str, Missing]] = {}
    den_years: dict[int, tuple[str, Missing]] = {}

    def ratio_of_facts(facts: Facts, on: date) -> Any:
        num_entry = num_fixed
        if num_entry is None:
            num_entry = num_years.get(on.year)
            if num_entry is None:
                key = yearly_key(num_name, on.year - num_back)  # type: ignore[operator]
                num_entry = num_years[on.year] = (key, Missing((key,)))
        den_entry = den_fixed
        if den_entry is None:
            den_entry = den_years.get(on.year)
            if den_entry is None:
                key = yearly_key(den_name, on.year - den_back)  # type: ignore[operator]
                den_entry = den_years[on.year] = (key, Missing((key,)))
        num = facts.get(num_entry[0])
        den = facts.get(den_entry[0])
        if num is None or den is None:
            return _collect_missing(
                (num_entry[1] if num is None else num, den_entry[1] if den is None else den)
            )
        if den == ZERO:
            return Missing((), zero_reason)
        if type(num) is not Decimal:
            num = Decimal(num)
        if type(den) is not Decimal:
            den = Decimal(den)
        return num / den

    return ratio_of_facts


def _lesser_of_and_constant(first: Computer, cap: Any) -> Computer:
    """``LesserOf((part, Fixed(c)))`` for a value c fixed for the span (a cap): what
    ``lesser_of_two`` gives, without the call of the cap's getter."""

    def lesser_of_and_constant(facts: Facts, on: date) -> Any:
        a = first(facts, on)
        if type(a) is Missing:
            missing = _collect_missing((a, cap))
            if missing is not None:
                return missing
        return min(a, cap)  # (the first of equal values, as min((a, cap)))

    return lesser_of_and_constant


def _plain_number(bound: Any) -> bool:
    """Whether *bound* is a finite Decimal or an int (not a bool)."""
    return type(bound) is int or (type(bound) is Decimal and bound.is_finite())


def _years_since_against_bound(name: str, fn: Callable[[Any, Any], bool], bound: Any) -> Why:
    """``Compare(YearsSince(name), op, bound)`` for a fixed number *bound*: what
    :func:`_years_since` and ``against_bound`` give, in one call. The full years are
    compared as an int: ``Decimal(n)`` is exact, and comparisons of an int with a
    Decimal are exact, so ``op(n, bound)`` is ``op(Decimal(n), bound)``."""
    absent: Answer = (UNKNOWN, (name,), _NOTHING)

    def years_since_against_bound(facts: Facts, on: date) -> Answer:
        start = facts.get(name)
        if start is None:
            return absent
        if start > on:
            future = _future_date(name, start, on)
            return UNKNOWN, future.names, (future.reason,)
        return _DECIDED_TRUE if fn(full_years_between(start, on), bound) else _DECIDED_FALSE

    return years_since_against_bound


def _cross_multipliable(bound: Any) -> bool:
    """Whether a ratio of two facts can be compared with *bound* by cross-multiplying
    (see :func:`_ratio_against_bound`): a finite Decimal r with adjusted(r) + m <= 30,
    m the number of its decimal places (0 for a positive exponent)."""
    if type(bound) is not Decimal or not bound.is_finite():
        return False
    exponent = bound.as_tuple().exponent
    assert isinstance(exponent, int)
    return bound.adjusted() + max(0, -exponent) <= 30


def _ratio_against_bound(
    num: tuple[str, int | None],
    den: tuple[str, int | None],
    zero_reason: str,
    fn: Callable[[Any, Any], bool],
    bound: Decimal,
) -> Why:
    """``Compare(Ratio(a, b), op, r)`` for two facts a and b (each a plain fact, or a
    fiscal year's back from the evaluation year) and a fixed threshold r: the answer
    of :func:`_ratio_of_facts` compared by ``against_bound``, but for b > 0 decided by
    ``op(a, r * b)``, without the 60-digit division.

    Why the verdict is the same. The reference compares q = a / b, rounded to 60
    digits, with r. Every op here is decided by the sign of its left side minus its
    right, so it is enough that sign(q - r) = sign(a/b - r) = sign(a - r*b) (b > 0),
    and that r * b is exact. Validated facts (docs/limits.md) are below 10**18 in
    magnitude with at most 10 decimal places, or integers below 10**12: a = A/10**10,
    b = B/10**10 with integers |A| < 10**28 and 1 <= B < 10**28. Write r = R/10**m
    (m its decimal places, R an integer); :func:`_cross_multipliable` asks
    adjusted(r) + m <= 30, so |R| < 10**31.

    * If a/b = r, q = r: r has at most 31 digits and is exact at 60.
    * Else |a/b - r| = |A*10**m - R*B| / (B*10**m) >= 10**-(28+m). Rounding to 60
      digits moves a/b by at most half a unit of its 60th digit, |q - a/b| <=
      |a/b| * 10**-59 / 2. If |a/b - r| >= |a/b| / 2, that is less than |a/b - r|
      (a/b = 0 is exact). Otherwise |a/b| < 2|r| < 2 * 10**(adjusted(r) + 1), so
      |q - a/b| < 10**(adjusted(r) - 58) <= 10**-(28+m) <= |a/b - r|. Either way q
      lies on the same side of r as a/b, and q = r only if a/b = r.
    * r * b = R*B / 10**(m+10) with |R*B| < 10**59: at most 59 significant digits,
      so the library context's 60-digit product is exact.

    A denominator of zero, absent facts, a negative denominator and values of other
    types take the reference's own steps (the zero reason, the missing facts, the
    division, the conversions and their errors).
    """
    num_name, num_back = num
    den_name, den_back = den
    # (flat key, its marker when absent): fixed for a plain fact, per year for a yearly one
    num_fixed = None if num_back is not None else (num_name, Missing((num_name,)))
    den_fixed = None if den_back is not None else (den_name, Missing((den_name,)))
    num_years: dict[int, tuple[str, Missing]] = {}
    den_years: dict[int, tuple[str, Missing]] = {}
    zero = Missing((), zero_reason)
    undefined: Answer = (UNKNOWN, zero.names, (zero.reason,))

    def ratio_against_bound(facts: Facts, on: date) -> Answer:
        num_entry = num_fixed
        den_entry = den_fixed
        if num_entry is None or den_entry is None:
            year = on.year
            if num_entry is None:
                num_entry = num_years.get(year)
                if num_entry is None:
                    key = yearly_key(num_name, year - num_back)  # type: ignore[operator]
                    num_entry = num_years[year] = (key, Missing((key,)))
            if den_entry is None:
                den_entry = den_years.get(year)
                if den_entry is None:
                    key = yearly_key(den_name, year - den_back)  # type: ignore[operator]
                    den_entry = den_years[year] = (key, Missing((key,)))
        a = facts.get(num_entry[0])
        b = facts.get(den_entry[0])
        if a is None or b is None:
            missing = _collect_missing(
                (num_entry[1] if a is None else a, den_entry[1] if b is None else b)
            )
            assert missing is not None  # (an absent fact is named)
            return UNKNOWN, missing.names, (missing.reason,) if missing.reason else _NOTHING
        kind = type(b)
        if (kind is Decimal or kind is int) and b > ZERO:
            kind = type(a)
            if kind is Decimal or kind is int:
                return _DECIDED_TRUE if fn(a, bound * b) else _DECIDED_FALSE
        # the reference's steps: ratio_of_facts, then against_bound
        if b == ZERO:
            return undefined
        if type(a) is not Decimal:
            a = Decimal(a)
        if type(b) is not Decimal:
            b = Decimal(b)
        return _DECIDED_TRUE if fn(a / b, bound) else _DECIDED_FALSE

    return ratio_against_bound


def _fact(name: str) -> Getter:
    absent = Missing((name,))

    def fact(facts: Facts, on: date) -> Any:
        found = facts.get(name)
        return absent if found is None else found

    return fact


def _year_fact(name: str, back: int) -> Getter:
    keys: dict[int, tuple[str, Missing]] = {}

    def year_fact(facts: Facts, on: date) -> Any:
        entry = keys.get(on.year)
        if entry is None:
            key = yearly_key(name, on.year - back)
            entry = keys[on.year] = (key, Missing((key,)))
        found = facts.get(entry[0])
        return entry[1] if found is None else found

    return year_fact


def _years_since(name: str) -> Getter:
    absent = Missing((name,))

    def years_since(facts: Facts, on: date) -> Any:
        start = facts.get(name)
        if start is None:
            return absent
        if start > on:
            return _future_date(name, start, on)
        return Decimal(full_years_between(start, on))

    return years_since
