"""A result explained in Chinese: the same lines as ``Result.render()``, with the
criterion labels, statuses, amount steps, readings and amounts (元, 万元) in Chinese
and the quoted wording as it is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _i18n
from ._amounts import AmountRange, Step
from ._criteria import Outcome, Truth, _show
from ._values import format_decimal

if TYPE_CHECKING:
    from ._rules import Result

_MARK = {Truth.TRUE: "✓", Truth.FALSE: "✗", Truth.UNKNOWN: "?"}
_LANG = "zh"


def _value(value: Any) -> str:
    if value is None:
        return _i18n.msg("unknown", _LANG)
    if isinstance(value, bool):
        return _i18n.msg("yes" if value else "no", _LANG)
    return _show(value)


def _required(outcome: Outcome) -> str:
    expected = outcome.required_value
    if outcome.kind == "fact" and isinstance(expected, tuple):
        text = "或".join(_value(v) for v in expected)
        return text if len(expected) == 1 else f"其一：{text}"
    return outcome.required


def render_result(result: Result) -> str:
    m = _i18n.msg
    lines = [
        f"{result.rule_id}  {result.title_zh}",
        "  "
        + m(
            "status_line",
            _LANG,
            status=_i18n.status(result.status.value, _LANG),
            jurisdiction=result.jurisdiction,
            on=result.on,
            layer=result.layer,
        ),
        f"  {m('source', _LANG)}：{result.citation.render()}",
    ]
    if result.note:
        lines.append(f"  {m('note', _LANG)}：{result.note}")
    if result.criteria is not None:
        lines.append(f"  {m('criteria', _LANG)}：")
        _outcome(result.criteria, lines, 2)
    if result.amount is not None:
        lines.append(
            f"  {m('amount', _LANG)}：{_i18n.money(result.amount, _LANG, result.amount_unit)}"
        )
    if result.amount_range is not None:
        low, high = result.amount_range.low, result.amount_range.high
        span = (
            f"{m('at_least', _LANG)}{_i18n.money(low, _LANG)}"
            if high is None
            else f"{_i18n.money(low, _LANG)}至{_i18n.money(high, _LANG)}"
        )
        lines.append(f"  {m('amount', _LANG)}：{m('discretionary', _LANG)}，{span}")
    if result.amount_steps is not None:
        _step(result.amount_steps, lines, 2)
    for share in result.shares:
        role = (
            _i18n.msg(f"payer.{share.role}", _LANG)
            if f"payer.{share.role}" in _i18n.MESSAGES["zh"]
            else share.role
        )
        who = f"（{share.payer}）" if share.payer else ""
        lines.append(f"    {m('paid_by', _LANG)} {role}{who}：{_i18n.money(share.amount, _LANG)}")
    if result.missing:
        lines.append(f"  {m('missing_facts', _LANG)}：{'、'.join(result.missing)}")
    for reason in result.reasons:
        lines.append(f"  {m('undecidable', _LANG)}：{reason}")
    if result.parameters:
        lines.append(f"  {m('parameters', _LANG)}：")
        for p in result.parameters:
            lines.append(
                f"    {p.key} = {_value(p.value) if not hasattr(p.value, 'describe') else p.value.describe()}"
                f"［{m('set_by', _LANG)}：{p.layer}；"
                f"{p.dated.citation.document.number} {p.dated.citation.article}］"
            )
    for reading in result.readings:
        lines.append(f"  {m('reading', _LANG)}：{_i18n.label(reading, _LANG)}")
    return "\n".join(lines)


def _outcome(outcome: Outcome, lines: list[str], depth: int) -> None:
    pad = "  " * depth
    mark = _MARK[outcome.truth]
    label = _i18n.label(outcome.label, _LANG)
    if outcome.children:
        lines.append(f"{pad}[{mark}] {label}（{_i18n.msg(outcome.kind, _LANG)}）")
        for child in outcome.children:
            _outcome(child, lines, depth + 1)
        return
    text = f"{pad}[{mark}] {label}"
    if outcome.kind in ("comparison", "fact"):
        actual = "未知" if outcome.actual is None or outcome.missing else _value(outcome.actual)
        text += (
            f"：{_i18n.msg('actual', _LANG)} {actual}，{_i18n.msg('required', _LANG)} "
            f"{_required(outcome)}"
        )
    if outcome.wording:
        text += f" —「{outcome.wording}」"
    if outcome.article:
        text += f"（{outcome.article}）"
    if outcome.reason:
        text += f"［{outcome.reason}］"
    lines.append(text)


def _step(step: Step, lines: list[str], depth: int) -> None:
    pad = "  " * depth
    if isinstance(step.value, AmountRange):
        high = step.value.high
        value = f"{format_decimal(step.value.low)}–{'' if high is None else format_decimal(high)}"
    elif step.value is None:
        value = "未知"
    else:
        value = format_decimal(step.value)
    text = f"{pad}{'→ ' if step.binding else ''}{_i18n.label(step.label, _LANG)} = {value}"
    if step.detail:
        text += f"（{step.detail}）"
    if step.wording:
        text += f" —「{step.wording}」"
    lines.append(text)
    for child in step.children:
        _step(child, lines, depth + 1)
