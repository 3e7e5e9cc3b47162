"""Chinese explanations contain no English the core or a plugin wrote.

Every rule of the Xining and Qinghai stacks (and of the example county) is rendered in Chinese for a handful of
firms (the benchmark's random firms, which know most facts, and a firm that gives
none) on dates before, inside and after the rules' windows, by each of the three
renderers (the Outcome tree, the explanation closures, the generated writers). What
may stay in Latin letters is what a reader must be able to look up or type: fact ids
and their text values, parameter keys, layer codes, rule ids, document numbers, and
the code of a reading (``period_end(..., reading='inclusive_start')``); quoted legal
wording is Chinese already. Any other Latin word is an English fragment, and fails.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import innovpolicy
from innovpolicy import _i18n, _render

#: the two stacks, and the example county (a territory: notes of a firm outside it,
#: reasons of a firm not located; a rule it supersedes)
STACKS = ("xining", "qinghai", "example-county")
DATES = (date(2010, 1, 1), date(2019, 6, 30), date(2021, 6, 30), date(2026, 6, 30))

#: Latin words that are Chinese text's own: the TOML table a deployment writes
#: parameters into (a name to type), and units and marks written in Latin letters
ALLOWED_WORDS = frozenset({"overrides", "NaN", "Infinity"})


def _firms() -> list[dict[str, Any]]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    try:
        import run  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    firms: list[dict[str, Any]] = [run.enterprise(random.Random(seed)) for seed in range(6)]
    county = {**firms[0], "district": "示例县"}
    unlocated = {name: value for name, value in firms[1].items() if name != "district"}
    return [*firms, county, unlocated, {}]


def _allowed(j: innovpolicy.Jurisdiction) -> frozenset[str]:
    """The identifiers a Chinese explanation may print: fact ids and text values,
    layer codes, rule ids."""
    words: set[str] = {layer.code for layer in j.chain}
    words.update(j.rule_ids())
    for name, spec in j.fact_registry._specs.items():
        words.add(name)
        words.update(str(choice) for choice in spec.choices)
    return frozenset(words)


_QUOTED = re.compile(r"「[^」]*」")
#: the code of a reading, a parameter key, a flat yearly key, a quoted name
_CODE = re.compile(
    r"[\w.]+\([^()]*reading='\w+'\)"  # period_end(..., reading='inclusive_start')
    r"|'[\w.\-]+'"  # a quoted key
    r"|[A-Za-z_]\w*(?:\.\w+)+"  # a parameter key (qh.sharing.scale)
    r"|[A-Za-z_]\w*\[[^\]]*\]"  # a yearly fact (rd_expense[Y-1], rd_expense[2019])
    r"|[A-Za-z_]\w*\(\)"  # a function a reading names (selection_method())
    r"|(?<![A-Za-z0-9])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![A-Za-z0-9])"  # an identifier
)
_WORD = re.compile(r"[A-Za-z][A-Za-z_0-9]*(?:-[A-Za-z0-9]+)*")


def english_fragments(text: str, allowed: frozenset[str]) -> list[str]:
    """The lines of *text* (a Chinese rendering) holding a Latin word not allowed."""
    found = []
    for line in text.splitlines()[1:]:  # (the title line is the rule id and title)
        stripped = _CODE.sub("", _QUOTED.sub("", line))
        for word in _WORD.findall(stripped):
            if word not in allowed and word not in ALLOWED_WORDS and not word.isupper():
                found.append(f"{word!r} in {line.strip()}")
                break
    return found


@pytest.fixture(params=("tree", "closures", "generated"))
def renderer(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each renderer in turn: the Outcome tree (no writers), the writers' closures (no
    inlining), the generated writers (from the first render)."""
    after, inline = _render._WRITE_AFTER, _render._INLINE_DEPTH
    if request.param == "tree":
        _render._WRITE_AFTER = 1 << 30
    else:
        _render._WRITE_AFTER = 0
        if request.param == "closures":
            _render._INLINE_DEPTH = 0
    _render._GENERATION[0] += 1
    try:
        yield request.param
    finally:
        _render._WRITE_AFTER, _render._INLINE_DEPTH = after, inline
        _render._GENERATION[0] += 1


@pytest.mark.parametrize("code", STACKS)
def test_chinese_explanations_hold_no_english(code: str, renderer: str) -> None:
    j = innovpolicy.load(code)
    allowed = _allowed(j)
    problems: dict[str, str] = {}
    statuses = set()
    for firm in _firms():
        prepared = j.prepare(firm, unknown_facts="report")
        for on in DATES:
            for result in j.evaluate_all(prepared, on):
                statuses.add(result.status.value)
                for problem in english_fragments(result.render("zh"), allowed):
                    problems.setdefault(
                        problem.partition(" in ")[0], f"{result.rule_id}: {problem}"
                    )
    # the renderings covered every kind of answer
    assert statuses >= {"eligible", "ineligible", "undetermined", "not_in_force"}
    assert not problems, "\n".join(problems.values())


def test_the_detector_finds_english() -> None:
    allowed = frozenset({"qinghai", "sharing_service_fees"})
    assert english_fragments("title\n  说明：not yet in force", allowed) == [
        "'not' in 说明：not yet in force"
    ]
    clean = (
        "title\n    补贴 = 未知（0–50000元部分按20%，计算基数 sharing_service_fees（未知）；"
        "设定层级：qinghai）\n    qh.sharing.scale = 1 —「in force」"
    )
    assert english_fragments(clean, allowed) == []


def test_the_core_texts_in_chinese() -> None:
    """The forms the core writes, each in Chinese (the English API values unchanged)."""
    innovpolicy.load("xining")  # (the plugins' labels registered)
    notes = {
        "not yet in force: in force from 2020-08-19": "尚未生效：自2020-08-19起施行",
        "no longer in force: in force 2014-07-01..2019-06-30": (
            "已失效：施行期间2014-07-01至2019-06-30"
        ),
        "no longer in force: in force 2014-07-01..2019-06-30, repealed by 青科发[2019]1号": (
            "已失效：施行期间2014-07-01至2019-06-30，已由青科发[2019]1号废止"
        ),
        "superseded in example-county from 2022-01-01 by 示例县[2021]1号 第三条; see XN-C": (
            "自2022-01-01起在example-county由示例县[2021]1号 第三条取代；见XN-C"
        ),
        "not yet in force: in force from 2020-08-19; outside the territory of example-county "
        "(district = 城东区, not 示例县): the answer of xining": (
            "尚未生效：自2020-08-19起施行；不在example-county的辖区内（district = 城东区，"
            "不是 示例县）：以下为xining的结论"
        ),
    }
    details = {
        "decided case by case": "酌情确定",
        "st_award_kind unknown": "st_award_kind未知",
        "0.4 × appraised_patent_value (unknown)": "0.4 × appraised_patent_value（未知）",
        "20% of 0–50000; 10% of above 50000 applied to sharing_service_fees (120000)": (
            "0–50000元部分按20%，50000元以上部分按10%，计算基数 sharing_service_fees（120000）"
        ),
        "0.75 × qualifying_rd_expense (unknown); set by qinghai: 某报告 一、(五)": (
            "0.75 × qualifying_rd_expense（未知）；取值由qinghai设定：某报告 一、(五)"
        ),
        "40 of 100": "100份中的40份",
        "needs rd_expense[2019], first_support_year": "缺少rd_expense[2019]、first_support_year",
        "0.1 × rd_expense[2019] (5), within the cumulative cap 4000000": (
            "0.1 × rd_expense[2019]（5），累计上限4000000"
        ),
        "reading: the list applied under decides (qh.top500.list_choice = 2) → "
        "applies under the China 500 list → qh.top500.china; "
        "applies under the Fortune Global 500 list → qh.top500.global": (
            "解读：以申报所依据的榜单为准（qh.top500.list_choice = 2） → "
            "按中国500强申报 → qh.top500.china；按世界500强申报 → qh.top500.global"
        ),
    }
    reasons = {
        "parameter 'qh.ie.weight.patents' has no value: 第三条 names the indicators but the "
        "text gives no weights; a deployment supplies it in a layer's overrides; "
        "sales_revenue[Y-1] is zero, so the ratio is undefined": (
            "参数 'qh.ie.weight.patents' 没有取值：第三条列出了评价指标，但未规定各指标的权重；"
            "由部署方在某一层的 overrides 中给出；sales_revenue[Y-1]为零，比值无定义"
        ),
        "no amount is set for zone_kind = other": "没有为zone_kind = other设定金额",
    }
    for table, translate in ((notes, _i18n.note), (details, _i18n.detail), (reasons, _i18n.why)):
        for english, chinese in table.items():
            assert translate(english, "zh") == chinese
            assert translate(english, "en") is english
    assert _i18n.scale_text("1.5% of 0–10000000; 1% of above 10000000", "zh") == (
        "0–10000000元部分按1.5%，10000000元以上部分按1%"
    )
    # what no pattern knows stays as it is
    assert _i18n.detail("something new", "zh") == "something new"
    assert _i18n.note("a note", "zh") == _i18n.why("a reason", "zh").replace("reason", "note")
