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
        "labels",
        "lang",
        "marks",
        "parameter_lines",
        "punct",
        "required_word",
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
            text = self.punct["or"].join(self.value(v) for v in expected)
            return text if len(expected) == 1 else f"{self.punct['one_of']}{text}"
        return outcome.required


_LAYOUTS = {lang: _Layout(lang) for lang in _i18n.LANGS}


def render(result: Result, lang: str) -> str:
    """*result* as text in *lang* (``en`` or ``zh``)."""
    lay = _LAYOUTS[_i18n.check_lang(lang)]
    p = lay.punct
    colon, sep = p["colon"], p["sep"]

    def field(key: str, text: str) -> str:
        return f"  {lay.word(key)}{colon}{text}"

    lines = [
        p["title"].format(rule_id=result.rule_id, zh=result.title_zh, en=result.title_en),
        "  "
        + lay.word("status_line").format(
            status=lay.status(result.status.value),
            jurisdiction=result.jurisdiction,
            on=result.on,
            layer=result.layer,
        ),
        field("source", result.citation.render()),
    ]
    if result.note:
        lines.append(field("note", result.note))
    criteria = result.criteria
    if criteria is not None:
        lines.append(f"  {lay.word('criteria')}{colon.rstrip()}")
        _outcome(criteria, lines, "    ", lay)
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
        for param in parameters:
            lines.append(lay.parameter_line(param))
    for reading in result.readings:
        lines.append(field("reading", lay.label(reading)))
    if result.ignored_facts:
        lines.append(
            p["ignored"].format(jurisdiction=result.jurisdiction) + sep.join(result.ignored_facts)
        )
    return "\n".join(lines)


def _outcome(outcome: Outcome, lines: list[str], pad: str, lay: _Layout) -> None:
    truth = outcome.truth
    mark = "✓" if truth is TRUE else "✗" if truth is FALSE else "?"
    p = lay.punct
    labels = lay.labels
    label = outcome.label if labels is None else labels.get(outcome.label, outcome.label)
    children = outcome.children
    if children:
        lines.append(f"{pad}[{mark}] {label}{p['open']}{lay.kind(outcome.kind)}{p['close']}")
        inner = pad + "  "
        for child in children:
            _outcome(child, lines, inner, lay)
        return
    text = f"{pad}[{mark}] {label}"
    kind = outcome.kind
    if kind == "comparison" or kind == "fact":
        actual = outcome.actual
        if outcome.missing or actual is None:
            shown = lay.marks[2]
        elif type(actual) is Decimal:
            shown = format_decimal(actual)
        else:
            shown = lay.value(actual)
        text = (
            f"{text}{p['colon']}{lay.actual} {shown}{p['comma']}"
            f"{lay.required_word} {lay.required(outcome)}"
        )
    if outcome.wording:
        text = f"{text}{p['quote']}{outcome.wording}」"
    if outcome.article:
        text = f"{text}{p['open']}{outcome.article}{p['close']}"
    if outcome.reason:
        text = f"{text}{p['bracket']}{outcome.reason}{p['bracket_close']}"
    lines.append(text)


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
