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

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import _i18n
from ._amounts import AmountRange, Step
from ._criteria import FALSE, TRUE, Missing, Outcome, Resolved, _show
from ._rules import _show_param
from ._values import format_decimal

if TYPE_CHECKING:
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


def _forget() -> None:
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
    criteria = result.criteria
    if criteria is not None:
        lines.append(f"  {lay.word('criteria')}{colon.rstrip()}")
        _outcomes((criteria,), lines, "    ", lay)
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
    steps = result.amount_steps
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
    parameters = result.parameters
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
