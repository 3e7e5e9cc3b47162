"""The documentation site: stage the sources, build English and Chinese, serve locally.

``python -m innovpolicy._site serve`` builds the site into ``build/site`` and serves it
on http://127.0.0.1:8000/; ``build`` only builds. Needs the ``[docs]`` extra (Sphinx,
MyST, furo) and a source checkout (the guide is ``docs/*.md``, its Chinese translation
``docs/zh/*.md``, the Sphinx configuration ``docs/site/``).

Everything reference-like is generated at build time from the code, so it cannot drift:

- the rule explorer: a page per source document and per rule of the Xining stack
  (Qinghai + Xining), with criteria, dated parameters, validity, supersessions,
  readings, facts and a worked example evaluated while building;
- the API reference: autodoc of every public module (new public names and modules are
  picked up), the command line from the argparse parser, the JSON result format.

Not imported by ``import innovpolicy``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import importlib
import inspect
import json
import pkgutil
import re
import shutil
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

# Public names come from the package itself, so moving them between private modules
# does not break the site.
from . import Jurisdiction, Result, Rule, Status, load
from ._example import EXAMPLE_DATE, EXAMPLE_FACTS
from ._rules import _show_param

LANGUAGES = ("en", "zh")
SPHINX_LANGUAGE = {"en": "en", "zh": "zh_CN"}
SITE_JURISDICTION = "xining"

# Guide pages in the order the site lists them; any other docs/*.md is appended sorted,
# so pages added later appear without touching this module.
GUIDE_ORDER = ("index", "testing", "readings", "limits", "performance")
# Pages of docs/ the site replaces by generated ones (explorer, API reference).
GUIDE_REPLACED = {"catalog": "explorer/index", "api": "reference/index"}


def repo_root() -> Path:
    """The source checkout the site is built from (``docs/site/conf.py`` must exist)."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "docs" / "site" / "conf.py").is_file():
        raise FileNotFoundError(
            f"the documentation site builds from a source checkout; {root / 'docs/site'} is missing"
        )
    return root


# --------------------------------------------------------------------------- labels

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "explorer": "Rule explorer",
        "explorer_intro": (
            "Every source document and every rule the plugins encode for the {name} stack "
            "(layers {layers}), generated from the loaded plugins when the site was built. "
            "Each rule page shows its criteria with their wording and articles, every dated "
            "value of its parameters with the layer and citation that set it, its validity, "
            "supersessions, readings, the facts it reads and a worked example evaluated at "
            "build time."
        ),
        "layer": "Layer",
        "documents": "Source documents",
        "rules": "Rules",
        "document": "Document",
        "number": "Number",
        "title": "Title",
        "issuer": "Issuer",
        "issued": "Issued",
        "in_force": "In force",
        "repeals": "Repeals",
        "dates": "Dates",
        "open": "open",
        "kind": "Kind",
        "id": "Id",
        "source": "Source",
        "article": "Article",
        "wording": "Wording",
        "versions": "Versions and validity",
        "version_row": "Version",
        "defined_by": "Defined by layer",
        "applies_in": "Applies in {code}",
        "repealed_by": "repealed by {what}",
        "criteria": "Criteria",
        "amount": "Amount",
        "split": "Who pays",
        "parameters": "Parameters",
        "no_parameters": "This rule reads no parameter.",
        "param_value": "Value",
        "param_unit": "Unit",
        "param_window": "In force",
        "param_layer": "Set by layer",
        "param_citation": "Citation",
        "param_unset": "not in the source: {reason}",
        "override": "override",
        "supersessions": "Supersessions",
        "no_supersessions": "No layer supersedes this rule.",
        "superseded_in": "Superseded in {layer} from {day} by {citation}",
        "replacement": "replaced by {rule}",
        "replaces": "This rule replaces {rule} in {layer} from {day}.",
        "readings": "Readings",
        "no_readings": "No reading was needed: the text is unambiguous for this rule.",
        "facts": "Facts it reads",
        "fact": "Fact",
        "type": "Type",
        "unit": "Unit",
        "meaning": "Meaning",
        "yearly": "per fiscal year",
        "choices": "one of {choices}",
        "minimum": "at least {minimum}",
        "events": "Events it rewards",
        "example": "Worked example",
        "example_firm": (
            "The built-in example firm ({firm}, `innovpolicy example`) evaluated in "
            "`{code}` on {day}, when the site was built:"
        ),
        "example_scenario": (
            "The example firm does not decide this rule, so this is the scenario "
            "“{name}” of `{path}` (expected: {expected}), evaluated in `{code}` on {day} "
            "when the site was built. Facts:"
        ),
        "example_undetermined": (
            "Neither the example firm nor a scenario file decides this rule; the answer for "
            "the example firm in `{code}` on {day} names the missing facts:"
        ),
        "status": "Status",
        "result_json": "The same result as JSON (`Result.to_json()`)",
        "kind_designation": "designation",
        "kind_incentive": "incentive",
        "kind_condition": "condition",
        "kind_computation": "computation",
        "status_eligible": "eligible",
        "status_ineligible": "ineligible",
        "status_undetermined": "undetermined",
        "status_not_in_force": "not in force",
        "all_rules": "All rules",
        "all_parameters": "All parameters",
        "parameters_intro": (
            "Every parameter of every layer, with each dated value, the layer that set it "
            "(an override replaces a parent's value inside the child's territory) and the "
            "document, article and wording it comes from."
        ),
        "rules_of_document": "Rules encoded from this document",
        "params_of_document": "Parameter values this document sets",
        "used_by": "Used by",
        "no_rules": "No rule of its own: the document sets parameters or supersedes rules.",
        "reference": "API reference",
        "cli": "Command line",
        "json": "JSON formats",
        "python_api": "Python API",
        "changelog": "Changelog",
        "guide": "Guide",
        "untranslated": "",
    },
    "zh": {
        "explorer": "规则浏览",
        "explorer_intro": (
            "{name}（层级 {layers}）各插件所编码的全部来源文件和规则，在构建本站时由已加载的插件"
            "生成。每条规则的页面列出：判定条件及其原文措辞与条款，参数的每一个有效期取值以及设定"
            "该值的层级和出处，有效期，废止与替代，解释口径，所读取的事实，以及构建时实际计算的示例。"
        ),
        "layer": "层级",
        "documents": "来源文件",
        "rules": "规则",
        "document": "文件",
        "number": "文号",
        "title": "标题",
        "issuer": "发文机关",
        "issued": "印发日期",
        "in_force": "有效期",
        "repeals": "废止",
        "dates": "日期说明",
        "open": "至今",
        "kind": "类型",
        "id": "编号",
        "source": "出处",
        "article": "条款",
        "wording": "原文",
        "versions": "版本与有效期",
        "version_row": "版本",
        "defined_by": "定义层级",
        "applies_in": "在 {code} 适用",
        "repealed_by": "由 {what} 废止",
        "criteria": "判定条件",
        "amount": "金额",
        "split": "资金分担",
        "parameters": "参数",
        "no_parameters": "本规则不读取参数。",
        "param_value": "取值",
        "param_unit": "单位",
        "param_window": "有效期",
        "param_layer": "设定层级",
        "param_citation": "出处",
        "param_unset": "原文未规定：{reason}",
        "override": "覆盖",
        "supersessions": "替代",
        "no_supersessions": "没有层级替代本规则。",
        "superseded_in": "自 {day} 起在 {layer} 由 {citation} 替代",
        "replacement": "由 {rule} 接替",
        "replaces": "本规则自 {day} 起在 {layer} 接替 {rule}。",
        "readings": "解释口径",
        "no_readings": "本规则原文无歧义，无需解释口径。",
        "facts": "读取的事实",
        "fact": "事实",
        "type": "类型",
        "unit": "单位",
        "meaning": "含义",
        "yearly": "按财政年度",
        "choices": "取值之一：{choices}",
        "minimum": "不小于 {minimum}",
        "events": "奖励的事项",
        "example": "计算示例",
        "example_firm": (
            "内置示例企业（{firm}，`innovpolicy example`）在 `{code}`、{day} 的结果，"
            "于构建本站时计算："
        ),
        "example_scenario": (
            "示例企业无法判定本规则，因此采用 `{path}` 中的情景“{name}”（预期：{expected}），"
            "在 `{code}`、{day} 于构建本站时计算。事实："
        ),
        "example_undetermined": (
            "示例企业和情景文件都无法判定本规则；示例企业在 `{code}`、{day} 的结果列出缺少的事实："
        ),
        "status": "结论",
        "result_json": "同一结果的 JSON（`Result.to_json()`）",
        "kind_designation": "认定",
        "kind_incentive": "奖补",
        "kind_condition": "条件",
        "kind_computation": "计算",
        "status_eligible": "符合",
        "status_ineligible": "不符合",
        "status_undetermined": "无法确定",
        "status_not_in_force": "未生效",
        "all_rules": "全部规则",
        "all_parameters": "全部参数",
        "parameters_intro": (
            "各层级的全部参数，列出每个带日期的取值、设定该值的层级（覆盖是在下级辖区内替换上级的"
            "取值）以及所依据的文件、条款和原文。"
        ),
        "rules_of_document": "据本文件编码的规则",
        "params_of_document": "本文件设定的参数值",
        "used_by": "使用规则",
        "no_rules": "本文件没有自己的规则：它设定参数或替代规则。",
        "reference": "API 参考",
        "cli": "命令行",
        "json": "JSON 格式",
        "python_api": "Python API",
        "changelog": "更新日志",
        "guide": "指南",
        "untranslated": (":::{note}\n本页尚无中文译文，以下为英文原文。\n:::\n\n"),
    },
}


def _t(lang: str, key: str, **values: Any) -> str:
    text = LABELS[lang][key]
    return text.format(**values) if values else text


# --------------------------------------------------------------------------- markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#$~])")


def md(text: object) -> str:
    """*text* escaped for inline Markdown (MyST), on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def code(text: object) -> str:
    """*text* as inline code (backticks inside are handled by a longer fence)."""
    value = " ".join(str(text).split())
    fence = "``" if "`" in value else "`"
    return f"{fence} {value} {fence}" if fence == "``" else f"`{value}`"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return [*lines, ""]


def fenced(text: str, info: str = "text") -> list[str]:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{info}", text, fence, ""]


def rule_page(rule_id: str) -> str:
    """Docname of a rule's page (relative to the explorer)."""
    return f"rules/{rule_id}"


def _window(start: date, end: date | None, lang: str) -> str:
    return f"{start} … {end if end is not None else _t(lang, 'open')}"


def _cite(citation: Any) -> str:
    doc = citation.document
    return f"{md(doc.number)} 《{md(doc.title_zh)}》 {md(citation.article)}：「{md(citation.wording)}」"


# --------------------------------------------------------------------------- explorer


@attrs.frozen
class Example:
    """The worked example of a rule: how it was chosen, the facts and the result."""

    how: str  # "firm", "scenario" or "undetermined"
    result: Result
    facts: Mapping[str, Any]
    scenario_name: str = ""
    scenario_path: str = ""
    expected: str = ""


class Explorer:
    """Generates the rule explorer pages of one jurisdiction stack."""

    def __init__(self, jurisdiction: Jurisdiction, root: Path) -> None:
        self.jurisdiction = jurisdiction
        self.root = root
        self._loaded: dict[str, Jurisdiction] = {jurisdiction.code: jurisdiction}
        self.layer_of_doc = {doc.key: code for code, doc in jurisdiction.documents()}
        self.home_doc = {
            rule_id: jurisdiction.rule(rule_id).citation.document.key
            for rule_id in jurisdiction.rule_ids()
        }
        self.scenarios = self._scenarios()
        self._examples: dict[str, Example] = {}

    # ---------------------------------------------------------------- data

    def _jurisdiction(self, code: str) -> Jurisdiction:
        if code not in self._loaded:
            self._loaded[code] = load(code)
        return self._loaded[code]

    def _scenarios(self) -> dict[str, list[tuple[str, Any]]]:
        """Scenario files of the stack's plugins, by rule id (relative path, scenario)."""
        from .testing import iter_scenario_files, load_scenarios

        found: dict[str, list[tuple[str, Any]]] = {}
        for directory in sorted(self.root.glob("plugins/*/tests/scenarios")):
            for path in iter_scenario_files(directory):
                for scenario in load_scenarios(path):
                    relative = path.relative_to(self.root).as_posix()
                    found.setdefault(scenario.rule, []).append((relative, scenario))
        return found

    def example(self, rule_id: str) -> Example:
        """The worked example: the example firm if it decides the rule, else a scenario."""
        if rule_id in self._examples:
            return self._examples[rule_id]
        site = self.jurisdiction
        code_ = site.code
        windows = site.windows(rule_id)
        if not windows:  # superseded in the site's territory from the start
            code_ = self._defining_layer(rule_id)
            windows = self._jurisdiction(code_).windows(rule_id)
        day = _example_day(windows)
        jurisdiction = self._jurisdiction(code_)
        firm = {k: v for k, v in EXAMPLE_FACTS.items() if k in jurisdiction.fact_registry}
        result = jurisdiction.evaluate(rule_id, firm, day)
        example = Example("firm", result, firm)
        if result.status not in (Status.ELIGIBLE, Status.INELIGIBLE):
            example = self._scenario_example(rule_id) or Example("undetermined", result, firm)
        self._examples[rule_id] = example
        return example

    def _scenario_example(self, rule_id: str) -> Example | None:
        candidates = [
            (path, s) for path, s in self.scenarios.get(rule_id, ()) if s.status != "not_in_force"
        ]
        # Prefer an eligible answer (it shows the amount), then any decided one.
        candidates.sort(key=lambda item: (item[1].status != "eligible", item[1].status))
        for path, scenario in candidates:
            jurisdiction = self._jurisdiction(scenario.jurisdiction or self.jurisdiction.code)
            result = jurisdiction.evaluate(rule_id, scenario.facts, scenario.on)
            return Example(
                "scenario",
                result,
                dict(scenario.facts),
                scenario_name=scenario.name,
                scenario_path=path,
                expected=scenario.status,
            )
        return None

    def _defining_layer(self, rule_id: str) -> str:
        for layer in reversed(self.jurisdiction.chain):
            if any(rule.id == rule_id for rule in layer.rules):
                return layer.code
        raise KeyError(rule_id)  # pragma: no cover - every id comes from a layer

    def versions(self, rule_id: str) -> list[tuple[str, Rule]]:
        """Every version of *rule_id* in any layer of the stack, with its layer."""
        return [
            (layer.code, rule)
            for layer in self.jurisdiction.chain
            for rule in layer.rules
            if rule.id == rule_id
        ]

    def parameters(self, key: str) -> list[tuple[str, Any, bool]]:
        """Every definition of parameter *key* along the stack: (layer, Parameter, override)."""
        found: list[tuple[str, Any, bool]] = []
        for layer in self.jurisdiction.chain:
            found.extend((layer.code, p, False) for p in layer.parameters if p.key == key)
            found.extend((layer.code, p, True) for p in layer.overrides if p.key == key)
        return found

    # ---------------------------------------------------------------- pages

    def pages(self, lang: str) -> dict[str, str]:
        """Every explorer page, keyed by path relative to the explorer directory."""
        pages = {"index.md": self.index_page(lang)}
        for code_, doc in self.jurisdiction.documents():
            pages[f"documents/{doc.key}.md"] = self.document_page(code_, doc, lang)
        for rule_id in self.jurisdiction.rule_ids():
            pages[f"{rule_page(rule_id)}.md"] = self.rule_page(rule_id, lang)
        pages["parameters.md"] = self.parameters_page(lang)
        return pages

    def parameters_page(self, lang: str) -> str:
        """Every parameter of the stack with its whole history, like a legislation explorer."""
        lines = [f"# {_t(lang, 'all_parameters')}", "", _t(lang, "parameters_intro"), ""]
        keys = list(
            dict.fromkeys(
                p.key
                for layer in self.jurisdiction.chain
                for p in (*layer.parameters, *layer.overrides)
            )
        )
        for key in keys:
            lines += self._parameter_block(key, lang, "")
            users = self._users(key, prefix="")
            if users:
                lines += [f"{_t(lang, 'used_by')}: {users}", ""]
        return "\n".join(lines).rstrip() + "\n"

    def index_page(self, lang: str) -> str:
        j = self.jurisdiction
        lines = [
            f"# {_t(lang, 'explorer')}",
            "",
            _t(
                lang,
                "explorer_intro",
                name=f"{j.name_zh} / {j.name_en}",
                layers=" → ".join(f"`{c}`" for c in j.layers),
            ),
            "",
            f"- [{_t(lang, 'all_parameters')}](parameters.md)",
            "",
        ]
        toc = []
        for layer in j.chain:
            lines += [f"## {layer.name_zh} / {layer.name_en} (`{layer.code}`)", ""]
            lines += [f"### {_t(lang, 'documents')}", ""]
            rows: list[Sequence[str]] = []
            for doc in layer.documents:
                toc.append(f"documents/{doc.key}")
                rows.append(
                    (
                        f"[{md(doc.number)}](documents/{doc.key}.md)",
                        f"《{md(doc.title_zh)}》 {md(doc.title_en)}",
                        _window(doc.effective_from, doc.effective_to, lang),
                    )
                )
            lines += table((_t(lang, "number"), _t(lang, "title"), _t(lang, "in_force")), rows)
            lines += [f"### {_t(lang, 'rules')}", ""]
            own = list(dict.fromkeys(rule.id for rule in layer.rules))
            rows = [self._rule_row(rule_id, lang, prefix="") for rule_id in own]
            lines += table(
                (_t(lang, "id"), _t(lang, "kind"), _t(lang, "title"), _t(lang, "in_force")), rows
            )
        lines += ["```{toctree}", ":hidden:", ":maxdepth: 2", "", "parameters", *toc, "```", ""]
        return "\n".join(lines)

    def _rule_row(self, rule_id: str, lang: str, prefix: str) -> tuple[str, str, str, str]:
        rule = self.jurisdiction.rule(rule_id)
        windows = self.jurisdiction.windows(rule_id)
        shown = ", ".join(_window(a, b, lang) for a, b in windows) or "—"
        return (
            f"[{md(rule_id)}]({prefix}{rule_page(rule_id)}.md)",
            _t(lang, f"kind_{rule.kind}"),
            f"{md(rule.title_zh)} / {md(rule.title_en)}",
            shown,
        )

    def document_page(self, layer_code: str, doc: Any, lang: str) -> str:
        lines = [
            f"# {md(doc.number)} 《{md(doc.title_zh)}》",
            "",
            f"*{md(doc.title_en)}*",
            "",
            f"- {_t(lang, 'layer')}: `{layer_code}`",
            f"- {_t(lang, 'issuer')}: {md(doc.issuer_zh)}",
        ]
        if doc.issued is not None:
            lines.append(f"- {_t(lang, 'issued')}: {doc.issued}")
        lines.append(
            f"- {_t(lang, 'in_force')}: {_window(doc.effective_from, doc.effective_to, lang)}"
        )
        if doc.repeals:
            lines.append(f"- {_t(lang, 'repeals')}: {md(', '.join(doc.repeals))}")
        if doc.dates_note:
            lines.append(f"- {_t(lang, 'dates')}: {md(doc.dates_note)}")
        lines.append("")
        own = [rid for rid, key in self.home_doc.items() if key == doc.key]
        cited = [
            rid
            for rid in self.jurisdiction.rule_ids()
            if rid not in own and any(r.citation.document == doc for _, r in self.versions(rid))
        ]
        lines += [f"## {_t(lang, 'rules_of_document')}", ""]
        if own or cited:
            rule_rows = [self._rule_row(rid, lang, prefix="../") for rid in (*own, *cited)]
            lines += table(
                (_t(lang, "id"), _t(lang, "kind"), _t(lang, "title"), _t(lang, "in_force")),
                rule_rows,
            )
        else:
            lines += [_t(lang, "no_rules"), ""]
        rows: list[Sequence[str]] = []
        for layer in self.jurisdiction.chain:
            for parameter in (*layer.parameters, *layer.overrides):
                users = self._users(parameter.key)
                for dated in parameter.values:
                    if dated.citation.document == doc:
                        rows.append(
                            (
                                code(parameter.key),
                                f"{md(_show_param(dated.value))} {md(parameter.unit)}",
                                dated.window(),
                                md(dated.citation.article),
                                users,
                            )
                        )
                if (
                    not parameter.values
                    and parameter.source is not None
                    and parameter.source.document == doc
                ):
                    rows.append(
                        (
                            code(parameter.key),
                            md(_t(lang, "param_unset", reason=parameter.unset_reason)),
                            "—",
                            md(parameter.source.article),
                            users,
                        )
                    )
        if rows:
            lines += [f"## {_t(lang, 'params_of_document')}", ""]
            lines += table(
                (
                    _t(lang, "parameters"),
                    _t(lang, "param_value"),
                    _t(lang, "param_window"),
                    _t(lang, "article"),
                    _t(lang, "used_by"),
                ),
                rows,
            )
        return "\n".join(lines) + "\n"

    def _users(self, key: str, prefix: str = "../") -> str:
        users = [
            rid
            for rid in self.jurisdiction.rule_ids()
            if any(key in rule.param_keys() for _, rule in self.versions(rid))
        ]
        return ", ".join(f"[{md(rid)}]({prefix}{rule_page(rid)}.md)" for rid in users)

    def rule_page(self, rule_id: str, lang: str) -> str:
        j = self.jurisdiction
        latest = j.rule(rule_id)
        versions = self.versions(rule_id)
        # Rule pages are reached from their document's page and the explorer index, not
        # from the navigation tree: ~70 more entries in the sidebar of every page would
        # make it unusable (and the build several times slower).
        lines = [
            "---",
            "orphan: true",
            "---",
            "",
            f"# {md(rule_id)} — {md(latest.title_zh)} / {md(latest.title_en)}",
            "",
            f"- {_t(lang, 'kind')}: {_t(lang, f'kind_{latest.kind}')} (`{latest.kind}`)",
            f"- {_t(lang, 'source')}: {_cite(latest.citation)}",
            f"- {_t(lang, 'document')}: [{md(latest.citation.document.number)}]"
            f"(../documents/{latest.citation.document.key}.md)",
        ]
        windows = j.windows(rule_id)
        lines.append(
            f"- {_t(lang, 'applies_in', code=j.code)}: "
            + (", ".join(_window(a, b, lang) for a, b in windows) or "—")
        )
        events = sorted({e for _, r in versions for e in r.events})
        if events:
            lines.append(f"- {_t(lang, 'events')}: {', '.join(code(e) for e in events)}")
        lines.append("")

        lines += [f"## {_t(lang, 'versions')}", ""]
        rows = []
        for layer_code, rule in versions:
            window = _window(rule.valid_from, rule.valid_to, lang)
            if rule.repealed_by:
                window += "; " + _t(lang, "repealed_by", what=md(rule.repealed_by))
            rows.append(
                (
                    window,
                    f"`{layer_code}`",
                    f"[{md(rule.citation.document.number)}]"
                    f"(../documents/{rule.citation.document.key}.md) {md(rule.citation.article)}",
                    f"「{md(rule.citation.wording)}」",
                )
            )
        lines += table(
            (
                _t(lang, "in_force"),
                _t(lang, "defined_by"),
                _t(lang, "source"),
                _t(lang, "wording"),
            ),
            rows,
        )

        for index, (layer_code, rule) in enumerate(versions):
            heading = f"## {_t(lang, 'criteria')}"
            if len(versions) > 1:
                heading += (
                    f" ({_t(lang, 'version_row')} {index + 1}: {rule.window()}, `{layer_code}`)"
                )
            lines += [heading, ""]
            lines += criterion_lines(rule.criteria, 0, lang)
            lines.append("")
            if rule.amount is not None:
                lines += [f"### {_t(lang, 'amount')}", ""]
                lines += formula_lines(rule.amount, 0, lang)
                lines.append("")
            if rule.split is not None:
                lines += [f"### {_t(lang, 'split')}", ""]
                lines.append(
                    f"「{md(rule.split.wording)}」"
                    + (f" ({md(rule.split.article)})" if rule.split.article else "")
                )
                lines.append("")
                lines += [
                    f"- {md(payer.role)}: {code(payer.weight.describe())}"
                    + (f" ({code(payer.name_fact)})" if payer.name_fact else "")
                    for payer in rule.split.payers
                ]
                lines.append("")

        lines += self._parameter_section(rule_id, versions, lang)
        lines += self._supersession_section(rule_id, lang)

        lines += [f"## {_t(lang, 'readings')}", ""]
        readings = list(dict.fromkeys(r for _, rule in versions for r in rule.readings))
        if readings:
            lines += [f"- {md(translated(reading, lang))}" for reading in readings]
        else:
            lines.append(_t(lang, "no_readings"))
        lines.append("")

        lines += [f"## {_t(lang, 'facts')}", ""]
        rows = []
        for spec in j.facts_for(rule_id):
            notes = []
            if spec.yearly:
                notes.append(_t(lang, "yearly"))
            if spec.choices:
                notes.append(_t(lang, "choices", choices=", ".join(spec.choices)))
            if spec.minimum is not None:
                notes.append(_t(lang, "minimum", minimum=spec.minimum))
            meaning = md(localized(spec, "meaning", lang)) + (
                f" ({md('; '.join(notes))})" if notes else ""
            )
            rows.append((code(spec.name), code(spec.kind), md(spec.unit) or "—", meaning))
        lines += table(
            (_t(lang, "fact"), _t(lang, "type"), _t(lang, "unit"), _t(lang, "meaning")), rows
        )

        lines += self._example_section(rule_id, lang)
        return "\n".join(lines).rstrip() + "\n"

    def _parameter_section(
        self, rule_id: str, versions: list[tuple[str, Rule]], lang: str
    ) -> list[str]:
        lines = [f"## {_t(lang, 'parameters')}", ""]
        keys = list(dict.fromkeys(k for _, rule in versions for k in rule.param_keys()))
        if not keys:
            return [*lines, _t(lang, "no_parameters"), ""]
        for key in keys:
            lines += self._parameter_block(key, lang, "#")
        return lines

    def _parameter_block(self, key: str, lang: str, level: str) -> list[str]:
        """A parameter's heading, description and every dated value with its source."""
        definitions = self.parameters(key)
        description = next(
            (localized(p, "description", lang) for _, p, _o in definitions if p.description), ""
        )
        lines = [f"#{level}# `{key}`", ""]
        if description:
            lines += [md(description), ""]
        rows = []
        for layer_code, parameter, override in definitions:
            layer_text = f"`{layer_code}`" + (f" ({_t(lang, 'override')})" if override else "")
            for dated in parameter.values:
                rows.append(
                    (
                        md(_show_param(dated.value)),
                        md(parameter.unit) or "—",
                        _window(dated.valid_from, dated.valid_to, lang),
                        layer_text,
                        _cite(dated.citation) + (f" — {md(dated.note)}" if dated.note else ""),
                    )
                )
            if not parameter.values:
                source = _cite(parameter.source) if parameter.source is not None else "—"
                rows.append(
                    (
                        md(_t(lang, "param_unset", reason=parameter.unset_reason)),
                        md(parameter.unit) or "—",
                        "—",
                        layer_text,
                        source,
                    )
                )
        lines += table(
            (
                _t(lang, "param_value"),
                _t(lang, "param_unit"),
                _t(lang, "param_window"),
                _t(lang, "param_layer"),
                _t(lang, "param_citation"),
            ),
            rows,
        )
        return lines

    def _supersession_section(self, rule_id: str, lang: str) -> list[str]:
        lines = [f"## {_t(lang, 'supersessions')}", ""]
        found = False
        for layer in self.jurisdiction.chain:
            for sup in layer.supersessions:
                if sup.rule_id == rule_id:
                    found = True
                    text = _t(
                        lang,
                        "superseded_in",
                        layer=f"`{layer.code}`",
                        day=sup.effective_from,
                        citation=_cite(sup.citation),
                    )
                    if sup.replacement:
                        text += "; " + _t(
                            lang,
                            "replacement",
                            rule=f"[{md(sup.replacement)}](../{rule_page(sup.replacement)}.md)",
                        )
                    if sup.note:
                        text += f" ({md(sup.note)})"
                    lines.append(f"- {text}")
                if sup.replacement == rule_id:
                    found = True
                    lines.append(
                        "- "
                        + _t(
                            lang,
                            "replaces",
                            rule=f"[{md(sup.rule_id)}](../{rule_page(sup.rule_id)}.md)",
                            layer=f"`{layer.code}`",
                            day=sup.effective_from,
                        )
                    )
        if not found:
            lines.append(_t(lang, "no_supersessions"))
        return [*lines, ""]

    def _example_section(self, rule_id: str, lang: str) -> list[str]:
        example = self.example(rule_id)
        result = example.result
        lines = [f"## {_t(lang, 'example')}", ""]
        if example.how == "firm":
            lines += [
                _t(
                    lang,
                    "example_firm",
                    firm=md(EXAMPLE_FACTS["name"]),
                    code=result.jurisdiction,
                    day=result.on,
                ),
                "",
            ]
        elif example.how == "scenario":
            lines += [
                _t(
                    lang,
                    "example_scenario",
                    name=md(example.scenario_name),
                    path=example.scenario_path,
                    expected=_t(lang, f"status_{example.expected}"),
                    code=result.jurisdiction,
                    day=result.on,
                ),
                "",
            ]
            lines += fenced(
                json.dumps(_jsonable(example.facts), ensure_ascii=False, indent=2), "json"
            )
        else:
            lines += [
                _t(lang, "example_undetermined", code=result.jurisdiction, day=result.on),
                "",
            ]
        status = f"**{_t(lang, 'status')}: {_t(lang, f'status_{result.status.value}')}**"
        if result.amount is not None:
            status += f" — {format(result.amount, 'f')} {result.amount_unit}"
        lines += [status, ""]
        lines += fenced(render_result(result, lang))
        lines += [f"<details><summary>{_t(lang, 'result_json')}</summary>", ""]
        lines += fenced(result.to_json(), "json")
        lines += ["</details>", ""]
        return lines


def _i18n_function(name: str) -> Any:
    """A function of the engine's translation catalog (``innovpolicy._i18n``), if any.

    Layers may give Chinese for their English texts (criterion labels, amount steps,
    readings, fact meanings); the catalog registers them when a jurisdiction loads.
    Without it every text stays as the code states it.
    """
    try:
        module = importlib.import_module("innovpolicy._i18n")
    except ImportError:
        return None
    found = getattr(module, name, None)
    return found if callable(found) else None


def translated(text: str, lang: str) -> str:
    """A label, step or reading of the plugins in *lang*, when a layer translates it."""
    function = _i18n_function("label") if lang != "en" else None
    if function is None or not text:
        return text
    result = function(text, lang)
    return result if isinstance(result, str) else text


def localized(obj: Any, name: str, lang: str) -> str:
    """*obj*'s text attribute *name* (a label, description or meaning) in *lang*."""
    value = getattr(obj, name, "")
    text = value if isinstance(value, str) else str(value)
    if lang == "en" or not text:
        return text
    if name == "meaning":
        function = _i18n_function("meaning")
        if function is not None:
            result = function(getattr(obj, "name", ""), text, lang)
            return result if isinstance(result, str) else text
        return text
    return translated(text, lang)


def render_result(result: Result, lang: str) -> str:
    """``result.render()`` in *lang* when the engine renders in several languages."""
    if lang != "en" and "lang" in inspect.signature(result.render).parameters:
        text = result.render(lang=lang)  # type: ignore[call-arg, unused-ignore]
        return text if isinstance(text, str) else result.render()
    return result.render()


def _example_day(windows: Sequence[tuple[date, date | None]]) -> date:
    """The example date if a window covers it, else the nearest mid-year day in force.

    The example firm's yearly facts run up to 2020, so a rule that ended earlier is
    evaluated on 30 June of its last year in force, when the firm's prior year is known.
    """
    if any(_covers(w, EXAMPLE_DATE) for w in windows):
        return EXAMPLE_DATE
    start, end = windows[-1]
    if start > EXAMPLE_DATE or end is None:
        return start
    mid_year = date(end.year, 6, 30)
    return max(start, mid_year) if mid_year <= end else max(start, end - timedelta(days=1))


def _covers(window: tuple[date, date | None], day: date) -> bool:
    start, end = window
    return start <= day and (end is None or day <= end)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (Decimal, date)):
        return str(value)
    return value


def _describe(value: Any) -> str | None:
    describe = getattr(value, "describe", None)
    if callable(describe):
        text = describe()
        return text if isinstance(text, str) else None
    return None


def criterion_lines(criterion: Any, depth: int, lang: str = "en") -> list[str]:
    """A criterion tree as a nested Markdown list: label, test, wording and article."""
    pad = "  " * depth
    text = md(localized(criterion, "label", lang))
    left, op, right = (getattr(criterion, name, None) for name in ("left", "op", "right"))
    if left is not None and op is not None and right is not None:
        text += f": {code(f'{_describe(left)} {op} {_describe(right)}')}"
    elif hasattr(criterion, "expected") and hasattr(criterion, "name"):
        expected = " | ".join(str(v) for v in criterion.expected)
        text += f": {code(f'{criterion.name} ∈ {{{expected}}}')}"
    wording = getattr(criterion, "wording", "")
    if wording:
        text += f" — 「{md(wording)}」"
    article = getattr(criterion, "article", "")
    if article:
        text += f" ({md(article)})"
    reading = getattr(criterion, "reading", "")
    if reading:
        text += f" *{md(reading)}*"
    lines = [f"{pad}- {text}"]
    children: list[Any] = []
    for name in ("parts", "part", "condition", "then", "otherwise"):
        value = getattr(criterion, name, None)
        if isinstance(value, tuple):
            children.extend(value)
        elif value is not None and hasattr(value, "label"):
            children.append(value)
    for child in children:
        lines += criterion_lines(child, depth + 1, lang)
    return lines


def formula_lines(formula: Any, depth: int, lang: str = "en") -> list[str]:
    """A formula tree as a nested Markdown list: each node's label, inputs and wording."""
    pad = "  " * depth
    text = md(localized(formula, "label", lang) or type(formula).__name__)
    inputs = []
    sub: list[Any] = []
    if attrs.has(type(formula)):
        for field in attrs.fields(type(formula)):
            if field.name in ("label", "wording") or field.name.startswith("_"):
                continue
            value = getattr(formula, field.name)
            described = _describe(value)
            if hasattr(value, "compute"):
                sub.append(value)
            elif isinstance(value, tuple) and all(hasattr(v, "compute") for v in value):
                sub.extend(value)
            elif isinstance(value, Mapping):
                for key, item in value.items():
                    shown = _describe(item)
                    if shown is not None and not hasattr(item, "compute"):
                        inputs.append(f"{key} → {shown}")
                    else:
                        inputs.append(f"{key} → {item.label}")
                        sub.append(item)
            elif described is not None:
                inputs.append(f"{field.name} = {described}")
            elif value is not None and not isinstance(value, (tuple, Mapping)):
                inputs.append(f"{field.name} = {value}")
    if inputs:
        text += ": " + "; ".join(code(i) for i in inputs)
    if formula.wording:
        text += f" — 「{md(formula.wording)}」"
    lines = [f"{pad}- {text}"]
    for child in sub:
        lines += formula_lines(child, depth + 1, lang)
    return lines


# --------------------------------------------------------------------------- reference


def public_modules() -> list[tuple[str, str]]:
    """Public modules of the package: (module name, "" or why it is left out).

    A module whose optional dependencies are not installed is listed with the reason
    instead of failing the build.
    """
    import innovpolicy

    # Hypothesis must be imported before innovpolicy.testing.strategies: its entry-point
    # hook imports that module, which fails while the module is half-initialised.
    with contextlib.suppress(ImportError):
        importlib.import_module("hypothesis")
    found: list[tuple[str, str]] = [("innovpolicy", "")]

    def walk(package: Any) -> Iterator[str]:
        for info in pkgutil.iter_modules(package.__path__):
            if info.name.startswith("_"):
                continue
            name = f"{package.__name__}.{info.name}"
            yield name
            if info.ispkg:
                with contextlib.suppress(ImportError):
                    yield from walk(importlib.import_module(name))

    for name in walk(innovpolicy):
        try:
            importlib.import_module(name)
        except ImportError as exc:
            missing = getattr(exc, "name", "") or ""
            if missing.split(".")[0] == "innovpolicy":
                raise
            found.append((name, f"needs {missing}, which is not installed"))
            continue
        found.append((name, ""))
    return found


def api_rst(modules: Sequence[tuple[str, str]], lang: str) -> str:
    """The Python API page: autodoc of every public module (reStructuredText).

    An object re-exported by several modules (``Citation`` by ``innovpolicy`` and
    ``innovpolicy.authoring``) is documented once, under the first module listing it.
    """
    title = _t(lang, "python_api")
    lines = [title, "=" * (len(title) * 2), ""]
    if lang == "zh":
        lines += ["以下内容由代码的 docstring 自动生成（英文）。", ""]
    seen: set[int] = set()
    for name, why in modules:
        lines += [f"``{name}``", "-" * (len(name) + 4), ""]
        if why:
            lines += [f"Not documented in this build: {why}.", ""]
            continue
        module = importlib.import_module(name)
        members = _module_members(module)
        duplicates = sorted(m for m, value in members.items() if id(value) in seen)
        lines += [f".. automodule:: {name}", "   :members:"]
        if hasattr(module, "__all__"):
            lines.append("   :imported-members:")
        if duplicates:
            lines.append(f"   :exclude-members: {', '.join(duplicates)}")
        lines.append("")
        # Public values autodoc's module walk leaves out: values without a ``#:`` doc
        # comment in the module's own source (an imported instance such as hookimpl).
        commented = _commented_attributes(name)
        for member, value in members.items():
            if member in duplicates or member in commented:
                continue
            if not (inspect.isclass(value) or inspect.isroutine(value)):
                lines += [f".. autodata:: {name}.{member}", "   :no-value:", ""]
        seen.update(id(value) for value in members.values())
    return "\n".join(lines)


def _commented_attributes(module_name: str) -> set[str]:
    """Module-level names with a doc comment, which autodoc documents by itself."""
    from sphinx.errors import PycodeError
    from sphinx.pycode import ModuleAnalyzer

    try:
        docs = ModuleAnalyzer.for_module(module_name).find_attr_docs()
    except PycodeError:
        return set()
    return {attribute for namespace, attribute in docs if namespace == ""}


def _module_members(module: Any) -> dict[str, Any]:
    """The members autodoc documents: ``__all__``, or what the module itself defines."""
    names = getattr(module, "__all__", None)
    if names is None:
        names = [
            n
            for n, v in vars(module).items()
            if not n.startswith("_") and getattr(v, "__module__", None) == module.__name__
        ]
    members = {n: getattr(module, n) for n in names}
    return {n: v for n, v in members.items() if not inspect.ismodule(v)}


def cli_markdown(lang: str) -> str:
    """The command line page, from the argparse parser of ``innovpolicy``."""
    from .__main__ import _parser

    parser = _parser()
    title = _t(lang, "cli")
    lines = [f"# {title}", ""]
    if lang == "zh":
        lines += ["以下帮助文本由命令行的 argparse 解析器生成（英文）。", ""]
    lines += ["## `innovpolicy`", ""]
    lines += fenced(parser.format_help().rstrip())
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                lines += [f"## `innovpolicy {name}`", ""]
                lines += fenced(sub.format_help().rstrip())
    return "\n".join(lines)


# Field descriptions of the Result JSON; the test suite checks every key to_dict emits
# is described here.
RESULT_FIELDS: dict[str, dict[str, str]] = {
    "rule_id": {"en": "catalog id of the rule", "zh": "规则编号"},
    "kind": {"en": "designation, incentive, condition or computation", "zh": "规则类型"},
    "title": {"en": "`{en, zh}` titles of the rule", "zh": "规则标题（`en`、`zh`）"},
    "title_en": {"en": "English title of the rule", "zh": "规则的英文标题"},
    "title_zh": {"en": "Chinese title of the rule", "zh": "规则的中文标题"},
    "jurisdiction": {"en": "code of the jurisdiction evaluated", "zh": "所计算的辖区代码"},
    "defined_by": {"en": "layer whose version of the rule applied", "zh": "适用版本所属的层级"},
    "layer": {"en": "layer whose version of the rule applied", "zh": "适用版本所属的层级"},
    "on": {"en": "evaluation date, ISO 8601", "zh": "计算日期（ISO 8601）"},
    "status": {
        "en": "`eligible`, `ineligible`, `undetermined` or `not_in_force`",
        "zh": "`eligible`、`ineligible`、`undetermined` 或 `not_in_force`",
    },
    "citation": {
        "en": "`{document, title, article, wording}` of the rule's source",
        "zh": "规则出处：`document`、`title`、`article`、`wording`",
    },
    "amount": {
        "en": "payable amount as a decimal string, rounded once to the fen",
        "zh": "应付金额（十进制字符串，只在最后四舍五入到分）",
    },
    "amount_unit": {"en": "unit of the amount when it is not CNY", "zh": "金额单位（非人民币时）"},
    "amount_range": {
        "en": "`[low, high]` of a discretionary amount (`high` null when open)",
        "zh": "酌定金额区间 `[下限, 上限]`（无上限时为 null）",
    },
    "shares": {
        "en": "payer shares `{role, payer, amount, weight, part_of}`; they add up exactly",
        "zh": "各出资方份额 `{role, payer, amount, weight, part_of}`，合计精确等于金额",
    },
    "missing": {
        "en": "facts whose absence left the answer undetermined",
        "zh": "导致无法确定的缺失事实",
    },
    "reasons": {"en": "other causes of an undetermined answer", "zh": "无法确定的其他原因"},
    "note": {"en": "why a rule is not in force on the date", "zh": "规则在该日期未生效的原因"},
    "criteria": {
        "en": "the criteria tree: `{label, truth, kind, wording, article, actual, required, "
        "missing, reason, children}`",
        "zh": "判定条件树：`{label, truth, kind, wording, article, actual, required, missing, "
        "reason, children}`",
    },
    "amount_steps": {
        "en": "the amount computation tree: `{label, value, detail, wording, children, binding}`",
        "zh": "金额计算树：`{label, value, detail, wording, children, binding}`",
    },
    "parameters": {
        "en": "parameters read: `{key, value, set_by, source, in_force}`",
        "zh": "读取的参数：`{key, value, set_by, source, in_force}`",
    },
    "readings": {"en": "interpretations chosen where the text is ambiguous", "zh": "解释口径"},
}


def json_markdown(lang: str, explorer: Explorer) -> str:
    """The JSON formats page: Result.to_dict fields, a live example, and any JSON Schemas."""
    title = _t(lang, "json")
    lines = [f"# {title}", ""]
    if lang == "zh":
        lines += [
            "`Result.to_dict()` / `Result.to_json()` 以及 `innovpolicy evaluate --json` 输出的格式。"
            "十进制数值一律为字符串，以免丢失精度；可选字段仅在有值时出现。",
            "",
        ]
    else:
        lines += [
            "The format of `Result.to_dict()` / `Result.to_json()` and of "
            "`innovpolicy evaluate --json` (a list of such objects). Decimals are strings so "
            "no precision is lost; optional fields appear only when they have a value.",
            "",
        ]
    fields = result_fields(explorer)
    lines += table(
        ("field", _t(lang, "meaning")),
        ((f"`{key}`", RESULT_FIELDS.get(key, {}).get(lang, "—")) for key in fields),
    )
    result = explorer.example("QH20-PLATFORM").result
    lines += [f"## {'示例' if lang == 'zh' else 'Example'}: `QH20-PLATFORM`", ""]
    lines += fenced(result.to_json(), "json")
    schemas = _schemas()
    if schemas:
        lines += ["## JSON Schema", ""]
        for name, schema in schemas:
            lines += [f"### `{name}`", ""]
            lines += fenced(json.dumps(schema, ensure_ascii=False, indent=2), "json")
    return "\n".join(lines)


def result_fields(explorer: Explorer) -> list[str]:
    """The fields of the Result JSON, described ones first.

    Every key the worked examples emit, the properties of the published JSON Schema
    when there is one, and the described keys ``Result.to_dict`` names (optional ones
    that no example happens to emit, such as ``amount_unit``).
    """
    source = inspect.getsource(Result.to_dict)
    keys = {k: None for k in RESULT_FIELDS if f'"{k}"' in source}
    for rule_id in explorer.jurisdiction.rule_ids():
        keys.update(dict.fromkeys(explorer.example(rule_id).result.to_dict()))
    for name, schema in _schemas():
        if name.endswith("result_schema"):
            keys.update(dict.fromkeys(schema.get("properties", {})))
    return [k for k in RESULT_FIELDS if k in keys] + [k for k in keys if k not in RESULT_FIELDS]


def _schemas() -> list[tuple[str, Mapping[str, Any]]]:
    """JSON Schemas published by ``innovpolicy.schema``, when that module exists."""
    try:
        schema_module = importlib.import_module("innovpolicy.schema")
    except ImportError:
        return []
    found: list[tuple[str, Mapping[str, Any]]] = []
    for name in getattr(schema_module, "__all__", dir(schema_module)):
        if name.startswith("_"):
            continue
        value = getattr(schema_module, name)
        if callable(value) and not inspect.isclass(value):
            with contextlib.suppress(TypeError):
                signature = inspect.signature(value)
                if all(
                    p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
                    for p in signature.parameters.values()
                ):
                    value = value()
        if isinstance(value, Mapping) and ("$schema" in value or "$id" in value):
            found.append((f"innovpolicy.schema.{name}", value))
    return found


def reference_index(lang: str) -> str:
    lines = [f"# {_t(lang, 'reference')}", ""]
    if lang == "zh":
        lines += [
            "完整的 API 参考，全部由代码生成：Python API（每个公开类、方法、属性和异常，取自 docstring），"
            "命令行（取自 argparse 解析器），以及 JSON 格式。",
            "",
        ]
    else:
        lines += [
            "The complete reference, generated from the code: the Python API (every public "
            "class, method, attribute and exception, from the docstrings), the command line "
            "(from its argparse parser) and the JSON formats.",
            "",
        ]
    lines += ["```{toctree}", ":maxdepth: 2", "", "api", "cli", "json", "```", ""]
    return "\n".join(lines)


def changelog_markdown(root: Path, lang: str) -> str:
    """Every changelog fragment (changelog.d/<issue>.<type>.md), newest issue first."""
    lines = [f"# {_t(lang, 'changelog')}", ""]
    fragments = []
    for path in (root / "changelog.d").glob("*.md"):
        parts = path.name.split(".")
        if len(parts) == 3 and parts[0].isdigit():
            fragments.append((int(parts[0]), parts[1], path))
    for issue, kind, path in sorted(fragments, key=lambda f: (-f[0], f[1])):
        text = _demote(path.read_text(encoding="utf-8"))
        # A fragment links guide pages relative to changelog.d/ (../docs/limits.md); on the
        # site they are guide pages beside this one's directory.
        text = re.sub(r"\]\(\.\./docs/([a-z0-9_-]+\.md)", r"](guide/\1", text)
        lines += [f"## #{issue} ({kind})", "", text, ""]
    return "\n".join(lines)


def _demote(text: str) -> str:
    """Headings inside a fragment are nested under the fragment's heading."""
    return re.sub(r"^(#+) ", r"\1## ", text.strip(), flags=re.MULTILINE)


# --------------------------------------------------------------------------- guide


_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _rewrite_links(text: str, prefix: str, translated: Iterable[str] = ()) -> str:
    """Links of a docs/*.md page, as seen from the site's guide/ directory.

    Pages the site replaces (the catalog, the old API page) have other headings, and so
    do *translated* pages when an untranslated page links into them: such links go to
    the page, without the section anchor.
    """
    other_headings = set(translated)

    def fix(match: re.Match[str]) -> str:
        target = match.group(1)
        if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            return match.group(0)
        path, _, anchor = target.partition("#")
        stem = path[:-3] if path.endswith(".md") else path.rstrip("/")
        if stem in GUIDE_REPLACED:
            return f"]({prefix}{GUIDE_REPLACED[stem]}.md)"
        if stem in other_headings and anchor:
            return f"]({path})"
        if stem == "sources":
            return f"]({prefix}explorer/index.md)"
        if stem.startswith("sources/"):
            return f"]({prefix}explorer/documents/{stem.removeprefix('sources/')}.md)"
        if path.endswith(".md") and "/" not in path:
            return match.group(0)
        # Files of the repository that are not pages (the example plugin): name the path.
        return f"]({prefix}repository.md)"

    return _LINK.sub(fix, text)


def _guide_names(root: Path) -> list[str]:
    names = [p.stem for p in (root / "docs").glob("*.md") if p.stem not in GUIDE_REPLACED]
    ordered = [n for n in GUIDE_ORDER if n in names]
    return ordered + sorted(n for n in names if n not in ordered)


def _repository_page(root: Path, texts: Iterable[str], lang: str) -> str:
    """A page naming the repository files the guide links to (they are not site pages)."""
    paths: dict[str, None] = {}
    for text in texts:
        for target in _LINK.findall(text):
            path = target.partition("#")[0]
            if (
                not re.match(r"[a-z][a-z0-9+.-]*:", target)
                and path
                and not path.endswith(".md")
                and not path.startswith("sources")
            ) or (path.endswith(".md") and "/" in path and not path.startswith("sources/")):
                paths[path] = None
    title = "仓库中的文件" if lang == "zh" else "Files in the repository"
    intro = (
        "指南引用的以下文件不是网站页面，请在源码仓库 `docs/` 目录下查看："
        if lang == "zh"
        else "The guide refers to these files of the source repository (under `docs/`); they "
        "are not pages of the site:"
    )
    lines = [f"# {title}", "", intro, ""]
    for path in paths:
        lines += [f"## `docs/{path}`", ""]
        local = root / "docs" / path
        if local.is_dir():
            files = sorted(
                p.relative_to(root).as_posix()
                for p in local.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and ".egg-info" not in str(p)
            )
            lines += [f"- `{f}`" for f in files]
            lines.append("")
        elif local.is_file() and local.suffix in (".toml", ".py"):
            lines += fenced(local.read_text(encoding="utf-8").rstrip(), local.suffix[1:])
    return "\n".join(lines)


# --------------------------------------------------------------------------- staging


def stage(root: Path, staging: Path, lang: str, explorer: Explorer) -> None:
    """Write the Sphinx source tree of one language into *staging*."""
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    home = root / "docs" / "site" / lang / "index.md"
    home_text = home.read_text(encoding="utf-8")
    (staging / "index.md").write_text(
        join_cjk_lines(home_text) if lang == "zh" else home_text, "utf-8"
    )
    (staging / "guide").mkdir()
    texts = []
    names = _guide_names(root)
    for name in names:
        translated = root / "docs" / "zh" / f"{name}.md"
        linked_translations: list[str] = []
        if lang == "zh" and translated.is_file():
            text = join_cjk_lines(translated.read_text(encoding="utf-8"))
        else:
            if lang == "zh":
                linked_translations = [p.stem for p in (root / "docs" / "zh").glob("*.md")]
            text = (root / "docs" / f"{name}.md").read_text(encoding="utf-8")
            if lang == "zh":
                text = _after_title(text, _t(lang, "untranslated"))
        texts.append(text)
        if name == "index":
            others = [n for n in names if n != "index"]
            text = text.rstrip() + "\n\n```{toctree}\n:hidden:\n\n" + "\n".join(others) + "\n```\n"
        (staging / "guide" / f"{name}.md").write_text(
            _rewrite_links(text, "../", linked_translations), "utf-8"
        )
    (staging / "repository.md").write_text(_repository_page(root, texts, lang), "utf-8")
    for relative, text in explorer.pages(lang).items():
        path = staging / "explorer" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    reference = staging / "reference"
    reference.mkdir()
    (reference / "index.md").write_text(reference_index(lang), "utf-8")
    (reference / "api.rst").write_text(api_rst(public_modules(), lang), "utf-8")
    (reference / "cli.md").write_text(cli_markdown(lang), "utf-8")
    (reference / "json.md").write_text(json_markdown(lang, explorer), "utf-8")
    (staging / "changelog.md").write_text(changelog_markdown(root, lang), "utf-8")


_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
# A break between Chinese text and Chinese text, or inline markup (link, code, bold) on
# the other side of it.
_CJK_BREAK = re.compile(f"([{_CJK}])\n[ \t]*(?=[{_CJK}]|\\[|`|\\*\\*)|([)`*])\n[ \t]*(?=[{_CJK}])")


def join_cjk_lines(text: str) -> str:
    """Join wrapped lines between two Chinese characters (outside code fences).

    Markdown turns a line break inside a paragraph into a space, which Chinese text
    must not have; the sources are wrapped for reading in an editor.
    """
    parts = re.split(r"(^```.*?^```[ \t]*$)", text, flags=re.MULTILINE | re.DOTALL)
    return "".join(
        part if index % 2 else _CJK_BREAK.sub(r"\1\2", part) for index, part in enumerate(parts)
    )


def _after_title(text: str, note: str) -> str:
    if not note:
        return text
    first, _, rest = text.partition("\n")
    return f"{first}\n\n{note}{rest.lstrip()}"


def build(out: Path | None = None, *, languages: Sequence[str] = LANGUAGES) -> Path:
    """Build the site into *out* (default ``build/site``); return the output directory.

    Warnings are errors. The output holds ``en/`` and ``zh/`` and an ``index.html``
    that opens the English home page.
    """
    from sphinx.cmd.build import build_main

    root = repo_root()
    out = (out or root / "build" / "site").resolve()
    out.mkdir(parents=True, exist_ok=True)
    explorer = Explorer(load(SITE_JURISDICTION), root)
    for lang in languages:
        staging = out / "_sources" / lang
        stage(root, staging, lang, explorer)
        status = build_main(
            [
                "-b",
                "html",
                "-W",
                "--keep-going",
                "-q",
                "-c",
                str(root / "docs" / "site"),
                "-d",
                str(out / "_doctrees" / lang),
                "-D",
                f"language={SPHINX_LANGUAGE[lang]}",
                str(staging),
                str(out / lang),
            ]
        )
        if status != 0:
            raise SiteBuildError(f"sphinx-build failed for {lang!r} (status {status})")
    (out / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="refresh" content="0; url=en/index.html">'
        "<title>innovpolicy</title></head><body>"
        '<p><a href="en/index.html">English</a> · <a href="zh/index.html">中文</a></p>'
        "</body></html>\n",
        "utf-8",
    )
    return out


class SiteBuildError(RuntimeError):
    """The site did not build (Sphinx reported warnings or errors)."""


# --------------------------------------------------------------------------- checks

_HREF = re.compile(r"""(?:href|src)=["']([^"'#?]*)(?:#([^"']*))?["']""")
_ID = re.compile(r"""\bid=["']([^"']+)["']""")


def broken_links(out: Path) -> list[str]:
    """Internal links of the built site that point to a missing file or anchor."""
    problems = []
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(_ID.findall(path.read_text(encoding="utf-8", errors="replace")))
        return ids[path]

    for page in sorted(out.rglob("*.html")):
        if "_sources" in page.relative_to(out).parts:
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        for target, anchor in _HREF.findall(text):
            if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("//"):
                continue
            resolved = (page.parent / target).resolve() if target else page
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.exists():
                problems.append(f"{page.relative_to(out)}: {target} does not exist")
            elif anchor and resolved.suffix == ".html" and anchor not in anchors(resolved):
                problems.append(f"{page.relative_to(out)}: {target}#{anchor} has no such anchor")
    return problems


# --------------------------------------------------------------------------- serving


def serve(out: Path, port: int = 8000, host: str = "127.0.0.1") -> None:
    """Serve the built site until interrupted."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    with http.server.ThreadingHTTPServer((host, port), handler) as server:
        print(f"Serving {out} on http://{host}:{server.server_address[1]}/ (Ctrl-C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m innovpolicy._site", description="Build or serve the documentation site."
    )
    parser.add_argument("command", choices=("build", "serve"), help="build, or build and serve")
    parser.add_argument("--out", type=Path, default=None, help="output (default: build/site)")
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default 8000)")
    args = parser.parse_args(argv)
    try:
        out = build(args.out)
    except SiteBuildError as exc:
        print(f"innovpolicy site: {exc}", file=sys.stderr)
        return 1
    problems = broken_links(out)
    for problem in problems:
        print(f"broken link: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"Built {out}")
    if args.command == "serve":
        serve(out, args.port)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
