"""A result as readable text, in English or Chinese: one layout, two languages.

The lines are the same in both languages (status, source, criteria with actual and
required values and the quoted wording, amount, steps, payers, missing facts,
parameters, readings); what differs is taken from the message catalog
(:data:`innovpolicy._i18n.MESSAGES`): words, punctuation (": " or "：", "「…」" with
or without a space), how money is written (``170000.00 CNY`` or ``170,000.00元（17万元）``)
and the Chinese of labels, statuses, payers and readings. The quoted legal wording
is printed as it is in both.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

from . import _i18n
from ._amounts import AmountRange, Step
from ._compiled import Explain, Facts, Write, _Explainer
from ._criteria import (
    _OPS,
    FALSE,
    TRUE,
    UNKNOWN,
    Always,
    AllOf,
    AnyOf,
    Compare,
    Criterion,
    Fact,
    FactIs,
    IfThen,
    Missing,
    Not,
    Outcome,
    Resolved,
    Truth,
    _show,
)
from ._jurisdiction import _lazy_explanation
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
        "citations",
        "groups",
        "labels",
        "lang",
        "leaves",
        "marks",
        "mid",
        "parameter_lines",
        "punct",
        "readings",
        "required_word",
        "requirements",
        "shared",
        "statuses",
        "titles",
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
        #: the title line by (rule id, Chinese title, English title), the status line by
        #: (status, jurisdiction, date, layer), the source line by citation (id -> (it,
        #: line)) and the reading lines by the readings (id -> (them, lines))
        self.titles: dict[tuple[str, str, str], str] = {}
        self.statuses: dict[tuple[str, str, Any, str], str] = {}
        self.citations: dict[int, tuple[Any, str]] = {}
        self.readings: dict[int, tuple[tuple[str, ...], list[str]]] = {}

    def forget(self) -> None:
        """Drop the kept text (labels were registered: translations may have changed)."""
        for kept in (
            self.groups,
            self.leaves,
            self.requirements,
            self.shared,
            self.titles,
            self.statuses,
            self.citations,
            self.readings,
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
        p = self.punct
        tail = f"{p['quote']}{wording}」" if wording else ""
        if article:
            tail = f"{tail}{p['open']}{article}{p['close']}"
        parts = (f"] {label}", f"] {label}{p['colon']}{self.actual} ", tail)
        if len(self.leaves) >= 8192:
            self.leaves.clear()
        self.leaves[key] = parts
        return parts

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
        line = self.punct["parameter"].format(
            key=param.key,
            value=_show_param(param.value),
            set_by=self.word("set_by"),
            layer=param.layer,
            number=cited.document.number,
            article=cited.article,
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
    lay = _LAYOUTS[_i18n.check_lang(lang)]
    p = lay.punct
    colon, sep = p["colon"], p["sep"]

    def field(key: str, text: str) -> str:
        return f"  {lay.word(key)}{colon}{text}"

    titled = (result.rule_id, result.title_zh, result.title_en)
    title = lay.titles.get(titled)
    if title is None:
        title = p["title"].format(rule_id=titled[0], zh=titled[1], en=titled[2])
        if len(lay.titles) >= 4096:
            lay.titles.clear()
        lay.titles[titled] = title
    stated = (result.status.value, result.jurisdiction, result.on, result.layer)
    status = lay.statuses.get(stated)
    if status is None:
        status = "  " + lay.word("status_line").format(
            status=lay.status(stated[0]), jurisdiction=stated[1], on=stated[2], layer=stated[3]
        )
        if len(lay.statuses) >= 4096:
            lay.statuses.clear()
        lay.statuses[stated] = status
    citation = result.citation
    cited = lay.citations.get(id(citation))
    if cited is None or cited[0] is not citation:
        cited = (citation, field("source", citation.render()))
        if len(lay.citations) >= 4096:
            lay.citations.clear()
        lay.citations[id(citation)] = cited
    lines = [title, status, cited[1]]
    if result.note:
        lines.append(field("note", result.note))
    explainer = result._explainer
    written = None
    if (
        explainer is not None
        and type(explainer) is partial
        and explainer.func is _lazy_explanation
    ):  # not explained yet: the explanation's text is written without its outcomes
        written = _written(explainer.args, lay)
    if written is not None:
        lines.append(f"  {lay.word('criteria')}{colon.rstrip()}")
        lines.extend(written[0])
        steps, parameters = written[1], written[2]
    else:
        criteria = result.criteria
        if criteria is not None:
            lines.append(f"  {lay.word('criteria')}{colon.rstrip()}")
            _outcomes((criteria,), lines, "    ", lay)
        steps, parameters = result.amount_steps, result.parameters
    if result.amount is not None:
        lines.append(field("amount", lay.money(result.amount, result.amount_unit)))
    if result.amount_range is not None:
        low, high = result.amount_range.low, result.amount_range.high
        span = (
            p["range_open"].format(low=lay.bound(low))
            if high is None
            else p["range"].format(low=lay.bound(low), high=lay.bound(high))
        )
        lines.append(field("amount", p["range_line"].format(span=span)))
    if steps is not None:
        _step(steps, lines, "    ", lay)
    for share in result.shares:
        who = p["payer_name"].format(name=share.payer) if share.payer else ""
        amount = format(share.amount, "f") if lay.lang == "en" else lay.money(share.amount)
        lines.append(f"    {lay.word('paid_by')} {lay.payer(share.role)}{who}{colon}{amount}")
    if result.missing:
        lines.append(field("missing_facts", sep.join(result.missing)))
    for reason in result.reasons:
        lines.append(field("undecidable", reason))
    if parameters:
        lines.append(f"  {lay.word('parameters')}{colon.rstrip()}")
        made = lay.parameter_lines
        for param in parameters:
            line = made.get(id(param))
            lines.append(
                line[1] if line is not None and line[0] is param else lay.parameter_line(param)
            )
    readings = result.readings
    if readings:
        read = lay.readings.get(id(readings))
        if read is None or read[0] is not readings:
            read = (readings, [field("reading", lay.label(reading)) for reading in readings])
            if len(lay.readings) >= 4096:
                lay.readings.clear()
            lay.readings[id(readings)] = read
        lines.extend(read[1])
    if result.ignored_facts:
        lines.append(
            p["ignored"].format(jurisdiction=result.jurisdiction) + sep.join(result.ignored_facts)
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
            text = f"{text}{p['bracket']}{outcome.reason}{p['bracket_close']}"
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
    text = f"{pad}{'→ ' if step.binding else ''}{lay.label(step.label)} = {shown}"
    if step.detail:
        text += f"{p['detail']}{step.detail}{p['close']}"
    if step.wording:
        text += f"{p['quote']}{step.wording}」"
    lines.append(text)
    inner = pad + "  "
    for child in step.children:
        _step(child, lines, inner, lay)


# ---------------------------------------------------------------------- written text


def _written(
    args: tuple[Any, ...], lay: _Layout
) -> tuple[list[str], Step | None, tuple[Resolved, ...]] | None:
    """The criteria's lines, the amount's steps and the parameters of a result not yet
    explained, from its explainer's arguments (see ``_jurisdiction._lazy_explanation``):
    the lines its explanation's outcomes render to, written by the criteria's compiled
    writer; None when the rule has none (compiled without its criteria)."""
    j, version, compiled, facts, on, computed = args
    write = _writer(compiled, lay)
    if write is None:
        return None
    generation = _GENERATION[0]
    kept = compiled.given_none(facts._data, on)
    if kept:  # the same text for every such firm on this date
        found = compiled.written.get((on, lay.lang))
        if found is not None and found[0] == generation:
            return found[1], found[2], found[3]
    criteria: list[str] = []
    steps, parameters = j._written(version, compiled, facts, on, computed, write, criteria)
    if kept:
        if len(compiled.written) >= 64:
            compiled.written.clear()
        compiled.written[(on, lay.lang)] = (generation, criteria, steps, parameters)
    return criteria, steps, parameters


def _writer(compiled: CompiledRule, lay: _Layout) -> Write | None:
    """*compiled*'s criteria writer in *lay*'s language, made on first use (and again
    after the layouts forgot their text)."""
    found = compiled.writers.get(lay.lang)
    generation = _GENERATION[0]
    if found is not None and found[0] == generation:
        return found[1]
    explainer = compiled.explainer()
    criteria = compiled._criteria
    if explainer is None or criteria is None:
        return None
    write = _Writer(explainer, lay).write(criteria, "    ")
    compiled.writers[lay.lang] = (generation, write)
    return write


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

        def rendered(
            facts: Facts, on: date, used: dict[str, Resolved], lines: list[str]
        ) -> Truth:
            outcome = explain(facts, on, used)
            _outcomes((outcome,), lines, pad, lay)
            return outcome.truth

        return rendered

    def _constant(self, explain: Explain, pad: str) -> Write:
        """A node whose explanation is one outcome, whatever the facts (Always)."""
        outcome = explain({}, self.explainer.on, {})
        text: list[str] = []
        _outcomes((outcome,), text, pad, self.lay)
        truth = outcome.truth

        def constant(
            facts: Facts, on: date, used: dict[str, Resolved], lines: list[str]
        ) -> Truth:
            lines.extend(text)
            return truth

        return constant

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

        def combined(
            facts: Facts, on: date, used: dict[str, Resolved], lines: list[str]
        ) -> Truth:
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

        def negated(
            facts: Facts, on: date, used: dict[str, Resolved], lines: list[str]
        ) -> Truth:
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

        def if_then(
            facts: Facts, on: date, used: dict[str, Resolved], lines: list[str]
        ) -> Truth:
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

    def _fact_is(self, criterion: FactIs, pad: str) -> Write:
        """A yes/no or text fact: the line of each value is rendered from the outcome
        ``FactIs.outcome_of`` gives for it, once (kept per value and type, as
        ``outcome_of`` keeps its outcomes)."""
        name, lay = criterion.name, self.lay
        kept: dict[tuple[type, Any], tuple[Truth, str]] = {}

        def line_of(value: Any) -> tuple[Truth, str]:
            outcome = criterion.outcome_of(value)
            text: list[str] = []
            _outcomes((outcome,), text, pad, lay)
            return outcome.truth, text[0]

        absent = line_of(None)

        def fact_is(
            facts: Facts, on: date, used: dict[str, Resolved], lines: list[str]
        ) -> Truth:
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

    def _compare(self, criterion: Compare, pad: str) -> Write | None:
        """A comparison against a threshold fixed for the span (what
        ``_Explainer._against_bound`` explains); None for any other comparison."""
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
        reads = tuple((read.key, read) for read in left_reads + right_reads)
        lay = self.lay
        fn = _OPS[criterion.op]
        left = explainer.values.value(criterion.left)
        name = criterion.left.name if type(criterion.left) is Fact else None  # type: ignore[attr-defined]
        leaf = lay.leaf_parts((criterion.label, criterion.wording, criterion.article))
        # what _outcomes writes for a comparison: "[mark] label: actual A, required R — 「…」"
        after = f"{lay.mid}{criterion._required(bound)}{leaf[2]}"
        yes, no, unknown = (f"{pad}[{_MARKS[truth]}{leaf[1]}" for truth in (TRUE, FALSE, UNKNOWN))
        marks = lay.marks
        absent = f"{unknown}{marks[2]}{after}"
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
                lines.append(
                    f"{absent}{bracket}{reason}{bracket_close}" if reason else absent
                )
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
