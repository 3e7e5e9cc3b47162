"""A result as readable text, in English or Chinese: one layout, two languages.

The lines are the same in both languages (status, source, criteria with actual and
required values and the quoted wording, amount, steps, payers, missing facts,
parameters, readings); what differs is taken from the message catalog
(:data:`innovpolicy._i18n.MESSAGES`): words, punctuation (": " or "：", "「…」" with
or without a space), how money is written (``170000.00 CNY`` or ``170,000.00元（17万元）``)
and the Chinese of labels, statuses, payers and readings. The quoted legal wording
is printed as it is in both.

A result not yet explained (its explainer the compiled rule's, see
``_jurisdiction._lazy_explanation``) is rendered without its explanation built: the
rule's writers (:class:`_Generated`, :class:`_Writer`, :class:`_StepWriter`), made once
per compiled rule and language, write the lines its outcomes and steps would render to
(``tests/test_render_written.py`` proves the text the same). Every other result is
rendered from its outcomes (:func:`_outcomes`, :func:`_step`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

import attrs

from . import _i18n
from ._amounts import (
    AmountRange,
    Fixed,
    Formula,
    LesserOf,
    Marginal,
    Step,
    _scale_text,
    _with_note,
)
from ._compiled import Explain, Facts, StepsOf, Write, WriteSteps, _Explainer
from ._criteria import (
    _OPS,
    FALSE,
    TRUE,
    UNKNOWN,
    AllOf,
    Always,
    AnyOf,
    Compare,
    Criterion,
    Expr,
    Fact,
    FactIs,
    IfThen,
    Missing,
    Not,
    Outcome,
    Resolved,
    Truth,
    YearFact,
    _show,
)
from ._facts import yearly_key
from ._jurisdiction import _lazy_explanation
from ._params import MarginalScale, apply_marginal
from ._rules import _show_param
from ._values import format_decimal

if TYPE_CHECKING:
    from ._compiled import CompiledRule
    from ._rules import Result


class _Layout:
    """One language's words and punctuation for :func:`render`, read from the catalog."""

    __slots__ = (
        "actual",
        "catalog",
        "criteria_head",
        "fields",
        "groups",
        "heads",
        "labels",
        "lang",
        "leaves",
        "marks",
        "mid",
        "parameter_blocks",
        "parameter_lines",
        "parameters_head",
        "punct",
        "readings",
        "required_word",
        "requirements",
        "shared",
    )

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.catalog = _i18n.MESSAGES[lang]
        self.punct = {
            key[len("render.") :]: text
            for key, text in self.catalog.items()
            if key.startswith("render.")
        }
        self.marks = (self.catalog["yes"], self.catalog["no"], self.catalog["unknown"])
        self.actual = self.catalog["actual"]
        self.required_word = self.catalog["required"]
        #: the translations of labels (None: English, the labels as they are)
        self.labels = None if lang == "en" else _i18n._LABELS_ZH
        #: a parameter's line, made once per resolved parameter: id -> (it, its line)
        self.parameter_lines: dict[int, tuple[Resolved, str]] = {}
        #: between the actual and the required value: ", required "
        self.mid = f"{self.punct['comma']}{self.required_word} "
        #: text made once and kept (see _Layout.forget): the constant parts of criteria
        #: lines, by (label, kind) of a group and (label, wording, article) of a leaf
        self.groups: dict[tuple[str, str], str] = {}
        self.leaves: dict[tuple[str, str, str], tuple[str, str, str]] = {}
        #: the line of an outcome the explanation shares, at an indentation:
        #: id(outcome) -> (it, the indentation, its line)
        self.shared: dict[int, tuple[Outcome, str, str]] = {}
        #: a fact's required values in Chinese, by the values
        self.requirements: dict[tuple[Any, ...], str] = {}
        #: the title, status and source lines by (rule id, Chinese title, English
        #: title, status, jurisdiction, date, layer, id of the citation) -> (the
        #: citation, the lines), the reading lines by the readings (id -> (them, lines))
        self.heads: dict[tuple[Any, ...], tuple[Any, str]] = {}
        self.readings: dict[int, tuple[tuple[str, ...], str]] = {}
        #: the parameters' block (heading and lines) by their ids: (them, the block)
        self.parameter_blocks: dict[tuple[int, ...], tuple[tuple[Resolved, ...], str]] = {}
        colon = self.punct["colon"].rstrip()
        self.criteria_head = f"  {self.word('criteria')}{colon}"
        #: the start of a result's line ("  Amount: "), by the word's key
        self.fields = {
            key: f"  {self.word(key)}{self.punct['colon']}"
            for key in ("note", "amount", "missing_facts", "undecidable", "reading", "source")
        }
        self.parameters_head = f"  {self.word('parameters')}{colon}"

    def forget(self) -> None:
        """Drop the kept text (labels were registered: translations may have changed)."""
        for kept in (
            self.groups,
            self.leaves,
            self.requirements,
            self.shared,
            self.heads,
            self.readings,
            self.parameter_blocks,
        ):
            kept.clear()

    def group_head(self, key: tuple[str, str]) -> str:
        """After the mark of a group's line: "] label (kind)"."""
        label, kind = key
        if self.labels is not None:
            label = self.labels.get(label, label)
        head = f"] {label}{self.punct['open']}{self.kind(kind)}{self.punct['close']}"
        if len(self.groups) >= 8192:
            self.groups.clear()
        self.groups[key] = head
        return head

    def leaf_parts(self, key: tuple[str, str, str]) -> tuple[str, str, str]:
        """A leaf line's constant parts: "] label", "] label: actual " and the quoted
        wording with the article."""
        label, wording, article = key
        if self.labels is not None:
            label = self.labels.get(label, label)
            article = self.labels.get(article, article)  # (one named in English)
        p = self.punct
        tail = f"{p['quote']}{wording}」" if wording else ""
        if article:
            tail = f"{tail}{p['open']}{article}{p['close']}"
        parts = (f"] {label}", f"] {label}{p['colon']}{self.actual} ", tail)
        if len(self.leaves) >= 8192:
            self.leaves.clear()
        self.leaves[key] = parts
        return parts

    def field(self, key: str, text: str) -> str:
        """A line of the result: "  Word: text"."""
        return f"{self.fields[key]}{text}"

    def word(self, key: str) -> str:
        return self.catalog.get(key) or _i18n.MESSAGES["en"][key]

    def label(self, text: str) -> str:
        return _i18n.label(text, self.lang)

    def value(self, value: Any) -> str:
        """A fact's or a bound's value: exact digits, yes/no in the language."""
        if value is None or type(value) is Missing:
            return self.marks[2]
        if isinstance(value, bool):
            return self.marks[0] if value else self.marks[1]
        return _show(value)

    def money(self, amount: Decimal, unit: str = "CNY") -> str:
        if self.lang == "en":
            return f"{format(amount, 'f')} {unit}"
        return _i18n.money(amount, self.lang, unit)

    def bound(self, amount: Decimal) -> str:
        """An end of a discretionary range."""
        if self.lang == "en":
            return format_decimal(amount)
        return _i18n.money(amount, self.lang)

    def status(self, value: str) -> str:
        if self.lang == "en":
            return value.upper().replace("_", " ")
        return _i18n.status(value, self.lang)

    def payer(self, role: str) -> str:
        return self.catalog.get(f"payer.{role}", role) if self.lang != "en" else role

    def parameter_line(self, param: Resolved) -> str:
        """The line of a parameter (the same for every result that used it)."""
        cached = self.parameter_lines.get(id(param))
        if cached is not None and cached[0] is param:
            return cached[1]
        cited = param.dated.citation
        value = param.value
        line = self.punct["parameter"].format(
            key=param.key,
            value=(
                _i18n.scale_text(_show_param(value), self.lang)
                if isinstance(value, MarginalScale)
                else _show_param(value)
            ),
            set_by=self.word("set_by"),
            layer=param.layer,
            number=cited.document.number,
            article=cited.article if self.labels is None else self.label(cited.article),
            wording=cited.wording,
        )
        if len(self.parameter_lines) > 4096:
            self.parameter_lines.clear()
        self.parameter_lines[id(param)] = (param, line)
        return line

    def kind(self, kind: str) -> str:
        return self.catalog.get(kind, kind) if self.lang != "en" else kind

    def required(self, outcome: Outcome) -> str:
        if self.labels is None:
            return outcome.required
        expected = outcome.required_value
        if outcome.kind == "fact" and isinstance(expected, tuple):
            try:
                found = self.requirements.get(expected)
            except TypeError:  # unhashable values: made every time
                return self._required(expected)
            if found is None:
                if len(self.requirements) >= 4096:
                    self.requirements.clear()
                found = self.requirements[expected] = self._required(expected)
            return found
        if type(expected) is Missing and outcome.kind == "comparison":
            # a threshold without a value: "<= unknown", the word in the language
            return f"{outcome.required.rpartition(' ')[0]} {self.marks[2]}"
        return outcome.required

    def _required(self, expected: tuple[Any, ...]) -> str:
        text = self.punct["or"].join(self.value(v) for v in expected)
        return text if len(expected) == 1 else f"{self.punct['one_of']}{text}"


_LAYOUTS = {lang: _Layout(lang) for lang in _i18n.LANGS}


#: bumped when the layouts forget their kept text: writers (see :func:`_writer`) and
#: text written before are of an older generation, and made again
_GENERATION = [0]


def _forget() -> None:
    _GENERATION[0] += 1
    for layout in _LAYOUTS.values():
        layout.forget()


_i18n._ON_REGISTER.append(_forget)


def render(result: Result, lang: str) -> str:
    """*result* as text in *lang* (``en`` or ``zh``)."""
    try:
        lay = _LAYOUTS[lang]
    except (KeyError, TypeError):
        lay = _LAYOUTS[_i18n.check_lang(lang)]  # (raises: not a language)
    field = lay.fields
    citation = result.citation
    headed = (
        result.rule_id,
        result.title_zh,
        result.title_en,
        result.status,
        result.jurisdiction,
        result.on,
        result.layer,
        id(citation),
    )
    head = lay.heads.get(headed)
    if head is None or head[0] is not citation:
        head = (citation, _head(result, lay))
        if len(lay.heads) >= 4096:
            lay.heads.clear()
        lay.heads[headed] = head
    lines = [head[1]]
    if result.note:
        lines.append(field["note"] + _i18n.note(result.note, lay.lang))
    explainer = result._explainer
    written = None
    if (
        explainer is not None and type(explainer) is partial and explainer.func is _lazy_explanation
    ):  # not explained yet: the explanation's text is written without its outcomes
        written = _written(explainer.args, lay, lines)
    amount_lines = None
    if written is not None:
        steps, amount_lines, parameters = written
    else:
        criteria = result.criteria
        if criteria is not None:
            lines.append(lay.criteria_head)
            _outcomes((criteria,), lines, "    ", lay)
        steps, parameters = result.amount_steps, result.parameters
    if result.amount is not None:
        lines.append(field["amount"] + lay.money(result.amount, result.amount_unit))
    if result.amount_range is not None:
        p = lay.punct
        low, high = result.amount_range.low, result.amount_range.high
        span = (
            p["range_open"].format(low=lay.bound(low))
            if high is None
            else p["range"].format(low=lay.bound(low), high=lay.bound(high))
        )
        lines.append(field["amount"] + p["range_line"].format(span=span))
    if steps is not None:
        _step(steps, lines, "    ", lay)
    elif amount_lines:
        lines.extend(amount_lines)
    for share in result.shares:
        p = lay.punct
        who = p["payer_name"].format(name=share.payer) if share.payer else ""
        amount = format(share.amount, "f") if lay.lang == "en" else lay.money(share.amount)
        lines.append(f"    {lay.word('paid_by')} {lay.payer(share.role)}{who}{p['colon']}{amount}")
    if result.missing:
        lines.append(field["missing_facts"] + lay.punct["sep"].join(result.missing))
    for reason in result.reasons:
        lines.append(field["undecidable"] + _i18n.why(reason, lay.lang))
    if parameters:
        # the block of lines, kept by the parameters' identities (the entry holds
        # them: no other object can have their ids while it is kept)
        ids = tuple(map(id, parameters))
        block = lay.parameter_blocks.get(ids)
        if block is None:
            block = (parameters, _parameter_block(parameters, lay))
            if len(lay.parameter_blocks) >= 4096:
                lay.parameter_blocks.clear()
            lay.parameter_blocks[ids] = block
        lines.append(block[1])
    readings = result.readings
    if readings:
        read = lay.readings.get(id(readings))
        if read is None or read[0] is not readings:
            read = (readings, "\n".join([field["reading"] + lay.label(text) for text in readings]))
            if len(lay.readings) >= 4096:
                lay.readings.clear()
            lay.readings[id(readings)] = read
        lines.append(read[1])
    if result.ignored_facts:
        p = lay.punct
        lines.append(
            p["ignored"].format(jurisdiction=result.jurisdiction)
            + p["sep"].join(result.ignored_facts)
        )
    return "\n".join(lines)


def _head(result: Result, lay: _Layout) -> str:
    """The title, status and source lines."""
    p = lay.punct
    title = p["title"].format(rule_id=result.rule_id, zh=result.title_zh, en=result.title_en)
    status = "  " + lay.word("status_line").format(
        status=lay.status(result.status.value),
        jurisdiction=result.jurisdiction,
        on=result.on,
        layer=result.layer,
    )
    citation = result.citation
    if lay.labels is not None and citation.article in lay.labels:  # named in English
        citation = attrs.evolve(citation, article=lay.labels[citation.article])
    source = f"  {lay.word('source')}{p['colon']}{citation.render()}"
    return f"{title}\n{status}\n{source}"


def _parameter_block(parameters: tuple[Resolved, ...], lay: _Layout) -> str:
    """The parameters' heading and lines."""
    made = lay.parameter_lines
    lines = [lay.parameters_head]
    for param in parameters:
        line = made.get(id(param))
        lines.append(
            line[1] if line is not None and line[0] is param else lay.parameter_line(param)
        )
    return "\n".join(lines)


def _outcomes(outcomes: tuple[Outcome, ...], lines: list[str], pad: str, lay: _Layout) -> None:
    """The lines of *outcomes* (siblings) and of what is under them, at *pad*.

    A line's constant parts (label, wording, article) are made once per layout (see
    :meth:`_Layout.group_head` and :meth:`_Layout.leaf_parts`); leaves are written here,
    without a call each.
    """
    groups, leaves, shared = lay.groups, lay.leaves, lay.shared
    for outcome in outcomes:
        truth = outcome.truth
        mark = "✓" if truth is TRUE else "✗" if truth is FALSE else "?"
        children = outcome.children
        if children:
            key = (outcome.label, outcome.kind)
            head = groups.get(key)
            if head is None:
                head = lay.group_head(key)
            lines.append(f"{pad}[{mark}{head}")
            _outcomes(children, lines, pad + "  ", lay)
            continue
        kind = outcome.kind
        if kind == "fact" or kind == "always":
            # outcomes the explanation shares (see FactIs.explain): their line is kept
            kept = shared.get(id(outcome))
            if kept is not None and kept[0] is outcome and kept[1] == pad:
                lines.append(kept[2])
                continue
        leaf = (outcome.label, outcome.wording, outcome.article)
        parts = leaves.get(leaf)
        if parts is None:
            parts = lay.leaf_parts(leaf)
        if kind == "comparison" or kind == "fact":
            actual = outcome.actual
            if outcome.missing or actual is None:
                shown = lay.marks[2]
            elif type(actual) is Decimal:
                shown = format_decimal(actual)
            elif type(actual) is bool:
                shown = lay.marks[0] if actual else lay.marks[1]
            elif type(actual) is int or type(actual) is str:
                shown = str(actual)  # as _show writes them
            else:
                shown = lay.value(actual)
            required = outcome.required if lay.labels is None else lay.required(outcome)
            text = f"{pad}[{mark}{parts[1]}{shown}{lay.mid}{required}{parts[2]}"
        else:
            text = f"{pad}[{mark}{parts[0]}{parts[2]}"
        if outcome.reason:
            p = lay.punct
            reason = _i18n.why(outcome.reason, lay.lang)
            text = f"{text}{p['bracket']}{reason}{p['bracket_close']}"
        lines.append(text)
        if kind == "fact" or kind == "always":
            if len(shared) >= 4096:
                shared.clear()
            shared[id(outcome)] = (outcome, pad, text)


def _step(step: Step, lines: list[str], pad: str, lay: _Layout) -> None:
    p = lay.punct
    value = step.value
    if isinstance(value, AmountRange):
        high = value.high
        shown = f"{format_decimal(value.low)}–{'' if high is None else format_decimal(high)}"
    elif value is None:
        shown = lay.marks[2]
    else:
        shown = format_decimal(value)
    label = step.label if lay.labels is None else _i18n.step_label(step.label, lay.lang)
    text = f"{pad}{'→ ' if step.binding else ''}{label} = {shown}"
    if step.detail:
        detail = step.detail if lay.labels is None else _i18n.detail(step.detail, lay.lang)
        text += f"{p['detail']}{detail}{p['close']}"
    if step.wording:
        text += f"{p['quote']}{step.wording}」"
    lines.append(text)
    inner = pad + "  "
    for child in step.children:
        _step(child, lines, inner, lay)


# ---------------------------------------------------------------------- written text


def _written(
    args: tuple[Any, ...], lay: _Layout, lines: list[str]
) -> tuple[Step | None, list[str], tuple[Resolved, ...]] | None:
    """The criteria's heading and lines, appended to *lines*, then the amount's steps
    (as lines, or as a Step where they are explained by the formulas' own methods) and
    the parameters of a result not yet explained, from its explainer's arguments (see
    ``_jurisdiction._lazy_explanation``): the lines its explanation renders to, written
    by the rule's compiled writers; None, with nothing appended, when the rule has none
    (compiled without its criteria)."""
    j, version, _, facts, on, computed = args
    compiled: CompiledRule = args[2]
    found = compiled.writers.get(lay.lang)
    if found is None or found[1] is None or found[0] != _GENERATION[0]:
        found = _writers(compiled, lay)
        if found is None or found[1] is None:
            return None
    lines.append(lay.criteria_head)
    amount: list[str] = []
    steps, parameters = j._written(
        version, compiled, facts, on, computed, found[1], found[2], lines, amount
    )
    return steps, amount, parameters


#: a rule's writers are made on its render after this many in a language: a rule
#: rendered once or twice (a report) is rendered from its outcomes, as making its
#: writers costs about as much as ten renders
_WRITE_AFTER = 2


def _writers(
    compiled: CompiledRule, lay: _Layout
) -> tuple[int, Write | None, WriteSteps | None, int] | None:
    """*compiled*'s writers in *lay*'s language, made now if it was rendered
    :data:`_WRITE_AFTER` times before in this generation of the kept text, and kept in
    it: (the generation, the criteria's writer, the amount steps' or None where its
    steps are built as Steps, the renders counted); the writers are None while
    counting. None without the rule's criteria."""
    generation = _GENERATION[0]
    kept = compiled.writers.get(lay.lang)
    renders = kept[3] if kept is not None and kept[0] == generation else 0
    if renders < _WRITE_AFTER:
        counted = compiled.writers[lay.lang] = (generation, None, None, renders + 1)
        return counted
    explainer = compiled.explainer()
    criteria = compiled._criteria
    if explainer is None or criteria is None:
        return None
    write = _Generated(_Writer(explainer, lay)).function(criteria, "    ")
    write_steps = None
    amount = compiled._amount
    if amount is not None and compiled.steps_of() is not None:
        write_steps = _StepWriter(explainer, lay).top(amount)
    made = compiled.writers[lay.lang] = (generation, write, write_steps, renders)
    return made


#: a line's mark by the outcome's truth (as _outcomes writes it)
_MARKS = {TRUE: "✓", FALSE: "✗", UNKNOWN: "?"}


class _Writer:
    """Compiles a criterion tree into writers of its explanation's lines (:data:`Write`)
    in one layout: each writes the lines :func:`_outcomes` writes for the outcome the
    node's explanation closure (:class:`_compiled._Explainer`) builds, at the node's
    indentation, and records the parameters that closure records, in the same order,
    without building the outcome. A node kind without a writer here is explained by
    its explanation closure and its outcome rendered by :func:`_outcomes`."""

    def __init__(self, explainer: _Explainer, lay: _Layout) -> None:
        self.explainer = explainer
        self.lay = lay

    def write(self, criterion: Criterion, pad: str) -> Write:
        kind = type(criterion)
        if kind is Compare:
            assert isinstance(criterion, Compare)
            found = self._compare(criterion, pad)
            if found is not None:
                return found
        elif kind is FactIs:
            assert isinstance(criterion, FactIs)
            return self._fact_is(criterion, pad)
        elif kind is AllOf or kind is AnyOf:
            assert isinstance(criterion, (AllOf, AnyOf))
            return self._combined(criterion, pad)
        elif kind is Not:
            assert isinstance(criterion, Not)
            return self._not(criterion, pad)
        elif kind is IfThen:
            assert isinstance(criterion, IfThen)
            return self._if_then(criterion, pad)
        elif kind is Always:
            return self._constant(self.explainer.explain(criterion), pad)
        return self._rendered(self.explainer.explain(criterion), pad)

    def _rendered(self, explain: Explain, pad: str) -> Write:
        """The outcome *explain* builds, rendered."""
        lay = self.lay

        def rendered(facts: Facts, on: date, used: dict[str, Resolved], lines: list[str]) -> Truth:
            outcome = explain(facts, on, used)
            _outcomes((outcome,), lines, pad, lay)
            return outcome.truth

        return rendered

    def _constant(self, explain: Explain, pad: str) -> Write:
        """A node whose explanation is one outcome, whatever the facts (Always)."""
        text, truth = self._constant_lines(explain, pad)

        def constant(facts: Facts, on: date, used: dict[str, Resolved], lines: list[str]) -> Truth:
            lines.extend(text)
            return truth

        return constant

    def _constant_lines(self, explain: Explain, pad: str) -> tuple[list[str], Truth]:
        """The lines and truth of a node explained alike whatever the facts (Always)."""
        outcome = explain({}, self.explainer.on, {})
        text: list[str] = []
        _outcomes((outcome,), text, pad, self.lay)
        return text, outcome.truth

    def _heads(self, label: str, kind: str, pad: str) -> dict[Truth, str]:
        """A group's line, by its truth."""
        head = self.lay.group_head((label, kind))
        return {truth: f"{pad}[{mark}{head}" for truth, mark in _MARKS.items()}

    def _combined(self, criterion: AllOf | AnyOf, pad: str) -> Write:
        inner = pad + "  "
        parts = tuple(self.write(part, inner) for part in criterion.parts)
        kind, dominant, otherwise = (
            ("all", FALSE, TRUE) if type(criterion) is AllOf else ("any", TRUE, FALSE)
        )
        heads = self._heads(criterion.label, kind, pad)

        def combined(facts: Facts, on: date, used: dict[str, Resolved], lines: list[str]) -> Truth:
            at = len(lines)
            lines.append("")
            truth = otherwise  # Kleene's fold, as _kleene over the children
            for part in parts:
                found = part(facts, on, used, lines)
                if found is dominant:
                    truth = dominant
                elif found is UNKNOWN and truth is not dominant:
                    truth = UNKNOWN
            lines[at] = heads[truth]
            return truth

        return combined

    def _not(self, criterion: Not, pad: str) -> Write:
        inner = self.write(criterion.part, pad + "  ")
        heads = self._heads(criterion.label, "not", pad)

        def negated(facts: Facts, on: date, used: dict[str, Resolved], lines: list[str]) -> Truth:
            at = len(lines)
            lines.append("")
            found = inner(facts, on, used, lines)
            truth = FALSE if found is TRUE else TRUE if found is FALSE else UNKNOWN
            lines[at] = heads[truth]
            return truth

        return negated

    def _if_then(self, criterion: IfThen, pad: str) -> Write:
        inner = pad + "  "
        condition = self.write(criterion.condition, inner)
        then = self.write(criterion.then, inner)
        otherwise = self.write(criterion.otherwise, inner)
        heads = self._heads(criterion.label, "if", pad)

        def if_then(facts: Facts, on: date, used: dict[str, Resolved], lines: list[str]) -> Truth:
            # (the explanation drops the condition's missing facts when the answer is
            # decided: its line is the same, the actual value printed as unknown)
            at = len(lines)
            lines.append("")
            cond = condition(facts, on, used, lines)
            if cond is TRUE:
                truth = then(facts, on, used, lines)
            elif cond is FALSE:
                truth = otherwise(facts, on, used, lines)
            else:
                first = then(facts, on, used, lines)
                second = otherwise(facts, on, used, lines)
                truth = first if first is second else UNKNOWN
            lines[at] = heads[truth]
            return truth

        return if_then

    def _fact_parts(
        self, criterion: FactIs, pad: str
    ) -> tuple[str, dict[tuple[type, Any], tuple[Truth, str]], Callable[[Any], tuple[Truth, str]]]:
        """A yes/no or text fact's name, its lines kept by value (and type, as
        ``FactIs.outcome_of`` keeps its outcomes), and the function giving the truth
        and line of a value: the line rendered from the outcome ``outcome_of`` gives."""
        lay = self.lay
        kept: dict[tuple[type, Any], tuple[Truth, str]] = {}

        def line_of(value: Any) -> tuple[Truth, str]:
            outcome = criterion.outcome_of(value)
            text: list[str] = []
            _outcomes((outcome,), text, pad, lay)
            return outcome.truth, text[0]

        return criterion.name, kept, line_of

    def _fact_is(self, criterion: FactIs, pad: str) -> Write:
        name, kept, line_of = self._fact_parts(criterion, pad)
        absent = line_of(None)

        def fact_is(facts: Facts, on: date, used: dict[str, Resolved], lines: list[str]) -> Truth:
            value = facts.get(name)
            if value is None:
                lines.append(absent[1])
                return absent[0]
            key = (value.__class__, value)
            try:
                found = kept.get(key)
            except TypeError:  # an unhashable value: written every time
                found = line_of(value)
            else:
                if found is None:
                    found = line_of(value)
                    if len(kept) < 64:
                        kept[key] = found
            lines.append(found[1])
            return found[0]

        return fact_is

    def _bound_parts(self, criterion: Compare, pad: str) -> _Bound | None:
        """What writing a comparison against a threshold fixed for the span (what
        ``_Explainer._against_bound`` explains) needs; None for any other comparison."""
        explainer = self.explainer
        left_reads, right_reads = (
            explainer.reads(criterion.left),
            explainer.reads(criterion.right),
        )
        if left_reads is None or right_reads is None:
            return None
        fixed, bound = explainer.values.constant(criterion.right)
        if not fixed or type(bound) is Missing:
            return None
        lay = self.lay
        plain = criterion.left
        leaf = lay.leaf_parts((criterion.label, criterion.wording, criterion.article))
        # what _outcomes writes for a comparison: "[mark] label: actual A, required R — 「…」"
        after = f"{lay.mid}{criterion._required(bound)}{leaf[2]}"
        yes, no, unknown = (f"{pad}[{_MARKS[truth]}{leaf[1]}" for truth in (TRUE, FALSE, UNKNOWN))
        return _Bound(
            reads=tuple((read.key, read) for read in left_reads + right_reads),
            op=criterion.op,
            fn=_OPS[criterion.op],
            bound=bound,
            left_expr=criterion.left,
            left=explainer.values.value(criterion.left),
            name=plain.name if isinstance(plain, Fact) and type(plain) is Fact else None,
            yes=yes,
            no=no,
            after=after,
            absent=f"{unknown}{lay.marks[2]}{after}",
        )

    def _compare(self, criterion: Compare, pad: str) -> Write | None:
        """A comparison against a threshold fixed for the span; None for any other."""
        parts = self._bound_parts(criterion, pad)
        if parts is None:
            return None
        lay = self.lay
        reads, fn, bound, left, name = parts.reads, parts.fn, parts.bound, parts.left, parts.name
        yes, no, after, absent = parts.yes, parts.no, parts.after, parts.absent
        marks, lang = lay.marks, lay.lang
        p = lay.punct
        bracket, bracket_close = p["bracket"], p["bracket_close"]

        def against_bound(
            facts: Facts, on: date, used: dict[str, Resolved], lines: list[str]
        ) -> Truth:
            for key, read in reads:
                if key not in used:
                    used[key] = read
            if name is None:
                value = left(facts, on)
            else:
                value = facts.get(name)
                if value is None:
                    lines.append(absent)
                    return UNKNOWN
            kind = type(value)
            if kind is Missing and (value.names or value.reason):
                # unknown: the actual value printed as unknown, the reason in brackets
                reason = value.reason
                if reason and lang != "en":
                    reason = _i18n.why(reason, lang)
                lines.append(f"{absent}{bracket}{reason}{bracket_close}" if reason else absent)
                return UNKNOWN
            if kind is Decimal:
                shown = format_decimal(value)
            elif kind is int or kind is str:
                shown = str(value)
            elif kind is bool:
                shown = marks[0] if value else marks[1]
            else:  # (None and a Missing marker print as unknown)
                shown = lay.value(value)
            if fn(value, bound):
                lines.append(f"{yes}{shown}{after}")
                return TRUE
            lines.append(f"{no}{shown}{after}")
            return FALSE

        return against_bound


class _Bound:
    """A comparison against a fixed threshold, ready to write (see
    :meth:`_Writer._bound_parts`): the parameters it records (key, resolved), the
    operator, the threshold, the left side's getter or plain fact's name, and the
    constant parts of its line (by truth; the line of an unknown value)."""

    __slots__ = (
        "absent",
        "after",
        "bound",
        "fn",
        "left",
        "left_expr",
        "name",
        "no",
        "op",
        "reads",
        "yes",
    )

    def __init__(
        self,
        *,
        reads: tuple[tuple[str, Resolved], ...],
        op: str,
        fn: Callable[[Any, Any], bool],
        bound: Any,
        left_expr: Expr,
        left: Callable[[Facts, date], Any],
        name: str | None,
        yes: str,
        no: str,
        after: str,
        absent: str,
    ) -> None:
        self.reads, self.op, self.fn, self.bound = reads, op, fn, bound
        self.left_expr, self.left, self.name = left_expr, left, name
        self.yes, self.no, self.after, self.absent = yes, no, after, absent


#: how deep the generated writer nests the nodes it writes inline; deeper subtrees are
#: written by the closures of :class:`_Writer` (0: the whole tree is)
_INLINE_DEPTH = 24


def _decimal_text(value: str, shown: str) -> tuple[tuple[int, str], ...]:
    """Generated code (lines, each with its indentation) putting ``format_decimal(value)``
    into *shown* for a Decimal *value*: format_decimal's usual case (its first branch)
    written out, without the call, and the call otherwise (the same text:
    ``tests/test_render_written.py`` compares them)."""
    return (
        (0, f"{shown} = str({value})"),
        (0, f"if len({shown}) < 100 and 'E' not in {shown} and 'e' not in {shown}:"),
        (1, f"if '.' in {shown}:"),
        (2, f"{shown} = {shown}.rstrip('0').rstrip('.')"),
        (1, f"if {shown} == '-0':"),
        (2, f"{shown} = '0'"),
        (0, "else:"),
        (1, f"{shown} = format_decimal({value})"),
    )


class _Generated:
    """The writer of a whole criterion tree as one generated Python function: the
    closures of :class:`_Writer` inlined (groups, conditions, negations, yes/no facts
    and comparisons against fixed thresholds), the same lines written and the same
    parameters recorded in the same order, without a call per node. Any other node is
    written by its :class:`_Writer` closure, called from the function."""

    def __init__(self, writer: _Writer) -> None:
        self.writer = writer
        self.lay = writer.lay
        p = writer.lay.punct
        self.names: dict[str, Any] = {
            "TRUE": TRUE,
            "FALSE": FALSE,
            "UNKNOWN": UNKNOWN,
            "Missing": Missing,
            "Decimal": Decimal,
            "format_decimal": format_decimal,
            "str": str,
            "len": len,
            "type": type,
            "TypeError": TypeError,
            "marks": writer.lay.marks,
            "value_text": writer.lay.value,
            "bracket": p["bracket"],
            "bracket_close": p["bracket_close"],
        }
        if writer.lay.lang != "en":  # (the English namespace as it was: no entry more)
            self.names["why"] = partial(_i18n.why, lang=writer.lay.lang)
        self.code: list[str] = []
        self.count = 0

    def function(self, criterion: Criterion, pad: str) -> Write:
        self.code = [
            "def write(facts, on, used, lines):",
            "    get = facts.get",
            "    append = lines.append",
        ]
        truth = self.node(criterion, pad, 1, 0)
        self.code.append(f"    return {truth}")
        namespace = dict(self.names)
        exec(compile("\n".join(self.code), "<innovpolicy written criteria>", "exec"), namespace)
        write: Write = namespace["write"]
        return write

    def const(self, value: Any) -> str:
        self.count += 1
        name = f"c{self.count}"
        self.names[name] = value
        return name

    def var(self, stem: str) -> str:
        self.count += 1
        return f"{stem}{self.count}"

    def emit(self, depth: int, line: str) -> None:
        self.code.append("    " * depth + line)

    def node(self, criterion: Criterion, pad: str, depth: int, nesting: int) -> str:
        """Emit the code writing *criterion*'s lines at *depth*; the name of the local
        holding its truth."""
        kind = type(criterion)
        if nesting < _INLINE_DEPTH:
            if kind is AllOf or kind is AnyOf:
                assert isinstance(criterion, (AllOf, AnyOf))
                return self.combined(criterion, pad, depth, nesting)
            if kind is Not:
                assert isinstance(criterion, Not)
                return self.negated(criterion, pad, depth, nesting)
            if kind is IfThen:
                assert isinstance(criterion, IfThen)
                return self.if_then(criterion, pad, depth, nesting)
            if kind is FactIs:
                assert isinstance(criterion, FactIs)
                return self.fact_is(criterion, pad, depth)
            if kind is Compare:
                assert isinstance(criterion, Compare)
                parts = self.writer._bound_parts(criterion, pad)
                if parts is not None:
                    return self.against_bound(parts, depth)
            if kind is Always:  # its constant lines, without the call
                text, constant = self.writer._constant_lines(
                    self.writer.explainer.explain(criterion), pad
                )
                for line in text:
                    self.emit(depth, f"append({self.const(line)})")
                truth = self.var("t")
                self.emit(depth, f"{truth} = {self.const(constant)}")
                return truth
        truth = self.var("t")
        write = self.const(self.writer.write(criterion, pad))
        self.emit(depth, f"{truth} = {write}(facts, on, used, lines)")
        return truth

    def heads(self, label: str, kind: str, pad: str) -> str:
        return self.const(self.writer._heads(label, kind, pad))

    def combined(self, criterion: AllOf | AnyOf, pad: str, depth: int, nesting: int) -> str:
        dominant, otherwise = ("FALSE", "TRUE") if type(criterion) is AllOf else ("TRUE", "FALSE")
        heads = self.heads(criterion.label, "all" if type(criterion) is AllOf else "any", pad)
        at, truth = self.var("at"), self.var("t")
        self.emit(depth, f"{at} = len(lines)")
        self.emit(depth, 'append("")')
        self.emit(depth, f"{truth} = {otherwise}")  # Kleene's fold, as _kleene
        for part in criterion.parts:
            found = self.node(part, pad + "  ", depth, nesting + 1)
            self.emit(depth, f"if {found} is {dominant}:")
            self.emit(depth + 1, f"{truth} = {dominant}")
            self.emit(depth, f"elif {found} is UNKNOWN and {truth} is not {dominant}:")
            self.emit(depth + 1, f"{truth} = UNKNOWN")
        self.emit(depth, f"lines[{at}] = {heads}[{truth}]")
        return truth

    def negated(self, criterion: Not, pad: str, depth: int, nesting: int) -> str:
        heads = self.heads(criterion.label, "not", pad)
        at, truth = self.var("at"), self.var("t")
        self.emit(depth, f"{at} = len(lines)")
        self.emit(depth, 'append("")')
        found = self.node(criterion.part, pad + "  ", depth, nesting + 1)
        self.emit(
            depth,
            f"{truth} = FALSE if {found} is TRUE else TRUE if {found} is FALSE else UNKNOWN",
        )
        self.emit(depth, f"lines[{at}] = {heads}[{truth}]")
        return truth

    def if_then(self, criterion: IfThen, pad: str, depth: int, nesting: int) -> str:
        heads = self.heads(criterion.label, "if", pad)
        inner = pad + "  "
        at, truth = self.var("at"), self.var("t")
        self.emit(depth, f"{at} = len(lines)")
        self.emit(depth, 'append("")')
        cond = self.node(criterion.condition, inner, depth, nesting + 1)
        # then when the condition is not false, otherwise when it is not true (both, in
        # this order, when it is unknown)
        self.emit(depth, f"if {cond} is not FALSE:")
        then = self.node(criterion.then, inner, depth + 1, nesting + 1)
        self.emit(depth, f"if {cond} is not TRUE:")
        otherwise = self.node(criterion.otherwise, inner, depth + 1, nesting + 1)
        self.emit(depth, f"if {cond} is TRUE:")
        self.emit(depth + 1, f"{truth} = {then}")
        self.emit(depth, f"elif {cond} is FALSE:")
        self.emit(depth + 1, f"{truth} = {otherwise}")
        self.emit(depth, "else:")
        self.emit(depth + 1, f"{truth} = {then} if {then} is {otherwise} else UNKNOWN")
        self.emit(depth, f"lines[{at}] = {heads}[{truth}]")
        return truth

    def fact_is(self, criterion: FactIs, pad: str, depth: int) -> str:
        name, kept, line_of = self.writer._fact_parts(criterion, pad)
        absent = line_of(None)
        name_c, kept_c, line_of_c = self.const(name), self.const(kept), self.const(line_of)
        truth, value, key, found = self.var("t"), self.var("v"), self.var("k"), self.var("f")
        emit = self.emit
        emit(depth, f"{value} = get({name_c})")
        if all(type(expected) is bool for expected in criterion.expected):
            # a yes/no fact: its two lines made now, as the first of each would be kept
            for given in (True, False):
                made = line_of(given)
                emit(depth, f"{'if' if given else 'elif'} {value} is {given}:")
                emit(depth + 1, f"append({self.const(made[1])})")
                emit(depth + 1, f"{truth} = {self.const(made[0])}")
            emit(depth, f"elif {value} is None:")
        else:
            emit(depth, f"if {value} is None:")
        emit(depth + 1, f"append({self.const(absent[1])})")
        emit(depth + 1, f"{truth} = {self.const(absent[0])}")
        emit(depth, "else:")
        emit(depth + 1, f"{key} = ({value}.__class__, {value})")
        emit(depth + 1, "try:")
        emit(depth + 2, f"{found} = {kept_c}.get({key})")
        emit(depth + 1, "except TypeError:  # an unhashable value: written every time")
        emit(depth + 2, f"{found} = {line_of_c}({value})")
        emit(depth + 1, "else:")
        emit(depth + 2, f"if {found} is None:")
        emit(depth + 3, f"{found} = {line_of_c}({value})")
        emit(depth + 3, f"if len({kept_c}) < 64:")
        emit(depth + 4, f"{kept_c}[{key}] = {found}")
        emit(depth + 1, f"append({found}[1])")
        emit(depth + 1, f"{truth} = {found}[0]")
        return truth

    def left_value(self, parts: _Bound, value: str, depth: int) -> None:
        """Emit the code setting *value* to the left side's value (its getter's): a
        value fixed for the span as a constant, a fiscal year's fact read as
        ``_compiled._year_fact`` reads it, anything else by its getter."""
        expr = parts.left_expr
        fixed, constant = self.writer.explainer.values.constant(expr)
        if fixed:
            self.emit(depth, f"{value} = {self.const(constant)}")
        elif type(expr) is YearFact:
            assert isinstance(expr, YearFact)
            name, back = expr.name, expr.years_back
            keys: dict[int, tuple[str, Missing]] = {}

            def entry(year: int) -> tuple[str, Missing]:
                key = yearly_key(name, year - back)
                made = keys[year] = (key, Missing((key,)))
                return made

            found = self.var("e")
            self.emit(depth, f"{found} = {self.const(keys)}.get(on.year)")
            self.emit(depth, f"if {found} is None:")
            self.emit(depth + 1, f"{found} = {self.const(entry)}(on.year)")
            self.emit(depth, f"{value} = get({found}[0])")
            self.emit(depth, f"if {value} is None:")
            self.emit(depth + 1, f"{value} = {found}[1]")
        else:
            self.emit(depth, f"{value} = {self.const(parts.left)}(facts, on)")

    def against_bound(self, parts: _Bound, depth: int) -> str:
        emit, const = self.emit, self.const
        truth, value, kind, shown = self.var("t"), self.var("v"), self.var("k"), self.var("s")
        for key, read in parts.reads:
            key_c = const(key)
            emit(depth, f"if {key_c} not in used:")
            emit(depth + 1, f"used[{key_c}] = {const(read)}")
        absent = const(parts.absent)
        if parts.name is not None:
            emit(depth, f"{value} = get({const(parts.name)})")
            emit(depth, f"if {value} is None:")
            emit(depth + 1, f"append({absent})")
            emit(depth + 1, f"{truth} = UNKNOWN")
            emit(depth, "else:")
            depth += 1
        else:
            self.left_value(parts, value, depth)
        emit(depth, f"{kind} = type({value})")
        emit(depth, f"if {kind} is Missing and ({value}.names or {value}.reason):")
        # (the reason as it is in English, through why() in another language)
        reason = f"{value}.reason" if self.lay.lang == "en" else f"why({value}.reason)"
        emit(
            depth + 1,
            f"append(f'{{{absent}}}{{bracket}}{{{reason}}}{{bracket_close}}' "
            f"if {value}.reason else {absent})",
        )
        emit(depth + 1, f"{truth} = UNKNOWN")
        emit(depth, "else:")
        emit(depth + 1, f"if {kind} is Decimal:")
        for indent, line in _decimal_text(value, shown):
            emit(depth + 2 + indent, line)
        emit(depth + 1, f"elif {kind} is int or {kind} is str:")
        emit(depth + 2, f"{shown} = str({value})")
        emit(depth + 1, f"elif {kind} is bool:")
        emit(depth + 2, f"{shown} = marks[0] if {value} else marks[1]")
        emit(depth + 1, "else:  # (None and a Missing marker print as unknown)")
        emit(depth + 2, f"{shown} = value_text({value})")
        if _OPS.get(parts.op) is parts.fn:  # the operator written out, without the call
            emit(depth + 1, f"if {value} {parts.op} {const(parts.bound)}:")
        else:
            emit(depth + 1, f"if {const(parts.fn)}({value}, {const(parts.bound)}):")
        emit(depth + 2, f"append(f'{{{const(parts.yes)}}}{{{shown}}}{{{const(parts.after)}}}')")
        emit(depth + 2, f"{truth} = TRUE")
        emit(depth + 1, "else:")
        emit(depth + 2, f"append(f'{{{const(parts.no)}}}{{{shown}}}{{{const(parts.after)}}}')")
        emit(depth + 2, f"{truth} = FALSE")
        return truth


#: a step's writer: its value, the value as written, its line without indentation or
#: binding arrow, and the lines under it (indented)
StepLines = tuple[Any, str, str, list[str]]
WriteStep = Callable[[Facts, date, dict[str, Resolved]], StepLines]


class _StepWriter:
    """Compiles an amount's formula into writers of its steps' lines: each writes what
    :func:`_step` writes for the Step the formula's compiled step closure
    (``_Explainer.steps``) builds, recording the parameters it records, in the same
    order, without building the Step. A formula kind without a writer here is built as
    a Step by its step closure and rendered by :func:`_step`."""

    def __init__(self, explainer: _Explainer, lay: _Layout) -> None:
        self.explainer = explainer
        self.lay = lay
        p = lay.punct
        self.detail_open, self.detail_close, self.quote = p["detail"], p["close"], p["quote"]

    def top(self, formula: Formula) -> WriteSteps | None:
        """The writer of the whole amount's lines (None: some part has no step closure)."""
        root = self.write(formula, "    ")
        if root is None:
            return None

        def steps(facts: Facts, on: date, used: dict[str, Resolved], lines: list[str]) -> None:
            _value, _shown, body, under = root(facts, on, used)
            lines.append(f"    {body}")
            lines.extend(under)

        return steps

    def _tail(self, detail: str, wording: str) -> str:
        """What follows a step's value: its detail and its wording (as _step writes them)."""
        if detail and self.lay.labels is not None:
            detail = _i18n.detail(detail, self.lay.lang)
        tail = f"{self.detail_open}{detail}{self.detail_close}" if detail else ""
        if wording:
            tail += f"{self.quote}{wording}」"
        return tail

    def shown(self, value: Any) -> str:
        """A step's value as _step writes it."""
        if isinstance(value, AmountRange):
            high = value.high
            return f"{format_decimal(value.low)}–{'' if high is None else format_decimal(high)}"
        if value is None:
            return self.lay.marks[2]
        return format_decimal(value)

    def write(self, formula: Formula, pad: str) -> WriteStep | None:
        kind = type(formula)
        found = None
        try:
            if kind is Fixed:
                assert isinstance(formula, Fixed)
                found = self._fixed(formula)
            elif kind is Marginal:
                assert isinstance(formula, Marginal)
                found = self._marginal(formula)
            elif kind is LesserOf:
                assert isinstance(formula, LesserOf)
                return self._lesser_of(formula, pad)
        except Exception:  # (as _Explainer.steps: no closure, the Step path explains it)
            return None
        if found is not None:
            return found
        steps = self.explainer.steps(formula)
        return None if steps is None else self._rendered(steps, pad)

    def _rendered(self, steps: StepsOf, pad: str) -> WriteStep:
        """The Step *steps* builds, rendered."""
        lay, shown = self.lay, self.shown

        def rendered(facts: Facts, on: date, used: dict[str, Resolved]) -> StepLines:
            step = steps(facts, on, used)
            lines: list[str] = []
            _step(step, lines, pad, lay)  # (not binding: its own line starts with pad)
            return step.value, shown(step.value), lines[0][len(pad) :], lines[1:]

        return rendered

    def _fixed(self, formula: Fixed) -> WriteStep | None:
        explainer = self.explainer
        reads = explainer.reads(formula.amount)
        if reads is None:
            return None
        pairs = tuple((read.key, read) for read in reads)
        amount = explainer.values.value(formula.amount)
        wording, note = explainer._sourced((formula.amount,), formula.wording)
        head = f"{self.lay.label(formula.label)} = "
        tail = self._tail(_with_note(formula.amount.describe(), note), wording)
        shown = self.shown
        nothing: list[str] = []
        fixed, constant = explainer.values.constant(formula.amount)
        if fixed:  # the same value and line for every firm (a cap, an award)
            value = None if type(constant) is Missing else constant
            written = (value, shown(value), f"{head}{shown(value)}{tail}", nothing)

            def fixed_value(facts: Facts, on: date, used: dict[str, Resolved]) -> StepLines:
                for key, read in pairs:
                    if key not in used:
                        used[key] = read
                return written

            return fixed_value

        def fixed_amount(facts: Facts, on: date, used: dict[str, Resolved]) -> StepLines:
            for key, read in pairs:
                if key not in used:
                    used[key] = read
            value = amount(facts, on)
            if type(value) is Missing:
                value = None
            text = shown(value)
            return value, text, f"{head}{text}{tail}", nothing

        return fixed_amount

    def _marginal(self, formula: Marginal) -> WriteStep | None:
        explainer = self.explainer
        fixed, scale = explainer.values.constant(formula.scale)
        base_reads = explainer.reads(formula.base)
        scale_reads = explainer.reads(formula.scale)
        if not fixed or not isinstance(scale, MarginalScale) or base_reads is None:
            return None
        pairs = tuple((read.key, read) for read in (scale_reads or ()) + base_reads)
        base_of = explainer.values.value(formula.base)
        wording, note = explainer._sourced((formula.scale,), formula.wording)
        # the detail is _with_note(f"{opened}{base})", note), never empty: around the
        # base's value, the same text whatever the firm
        opened = f"{_scale_text(scale)} applied to {formula.base.describe()} ("
        closed = f"); {note}" if note else ")"
        head = f"{self.lay.label(formula.label)} = "
        middle = f"{self.detail_open}{opened}"
        after = f"{closed}{self.detail_close}{self._tail('', wording)}"
        unknown = self.lay.marks[2]
        shown = self.shown
        nothing: list[str] = []
        # Chinese: the whole detail translated (kept per text by _i18n); English as written
        lang = self.lay.lang if self.lay.labels is not None else None
        tail = self._tail("", wording)
        detail_open, detail_close = self.detail_open, self.detail_close

        def marginal(facts: Facts, on: date, used: dict[str, Resolved]) -> StepLines:
            for key, read in pairs:
                if key not in used:
                    used[key] = read
            base = base_of(facts, on)
            if type(base) is Missing and (base.names or base.reason):
                value = None
                text = unknown
            else:
                value = apply_marginal(scale, base)
                text = format_decimal(value) if type(value) is Decimal else shown(value)
            if lang is None:
                return value, text, f"{head}{text}{middle}{_show(base)}{after}", nothing
            detail = _i18n.detail(f"{opened}{_show(base)}{closed}", lang)
            return value, text, f"{head}{text}{detail_open}{detail}{detail_close}{tail}", nothing

        return marginal

    def _lesser_of(self, formula: LesserOf, pad: str) -> WriteStep | None:
        inner = pad + "  "
        found = [self.write(part, inner) for part in formula.parts]
        parts = tuple(part for part in found if part is not None)
        if len(parts) != len(found):
            return None
        head = f"{self.lay.label(formula.label)} = "
        tail = self._tail("", formula.wording)
        shown = self.shown
        unknown = self.lay.marks[2]
        arrow = f"{inner}→ "

        several = len(parts) > 1

        def lesser_of(facts: Facts, on: date, used: dict[str, Resolved]) -> StepLines:
            children = [part(facts, on, used) for part in parts]
            if several:  # the usual case, every part a Decimal: one pass, as min compares
                least = None
                for index, child in enumerate(children):
                    value = child[0]
                    if type(value) is not Decimal:
                        break
                    if least is None or value < least:
                        # (min keeps the first of equal values, so the first at the
                        # least, the binding part, is where it was found; a NaN raises
                        # here as in min: the library context traps InvalidOperation)
                        least, binding = value, index
                else:
                    lines: list[str] = []
                    for index, child in enumerate(children):
                        lines.append(
                            f"{arrow}{child[2]}" if index == binding else f"{inner}{child[2]}"
                        )
                        lines.extend(child[3])
                    text = children[binding][1]
                    return least, text, f"{head}{text}{tail}", lines
            values = [child[0] for child in children]
            binding = -1
            for value in values:  # `None in values`, without comparing a Decimal to None
                if type(value) is not Decimal:  # (which asks whether None is a Rational)
                    absent = None in values
                    break
            else:
                absent = False
            if absent:  # a part unknown: no least, no binding bound
                least = None
                text = unknown
            else:
                least = min(values)
                for index, value in enumerate(values):  # the first at the least binds
                    if value == least:
                        binding = index
                        break
                # (min gives the first of the least values, the binding part's: its value
                # as that part wrote it)
                text = children[binding][1] if values[binding] is least else shown(least)
            lines = []
            for index, child in enumerate(children):
                lines.append(f"{arrow}{child[2]}" if index == binding else f"{inner}{child[2]}")
                lines.extend(child[3])
            return least, text, f"{head}{text}{tail}", lines

        return lesser_of
