"""English and Chinese: every rule, criterion, amount step, reading and fact has both."""

from __future__ import annotations

from decimal import Decimal

import pytest

import innovpolicy
from innovpolicy import _i18n
from innovpolicy.authoring import SUBJECTS, Breakdown

PLUGINS = ("qinghai", "xining", "example-county")


def _texts(jurisdiction: innovpolicy.Jurisdiction) -> list[str]:
    texts: list[str] = []
    for rule_id in jurisdiction.rule_ids():
        for rule in jurisdiction.versions(rule_id):
            texts.extend(c.label for c in rule.criteria.walk())
            if rule.amount is not None:
                texts.extend(f.label for f in rule.amount.walk() if f.label)
                # a breakdown's parts (what the money is used for) are labels too
                for formula in rule.amount.walk():
                    if isinstance(formula, Breakdown):
                        texts.extend(name for name, _ in formula.uses)
            texts.extend(rule.readings)
    return texts


@pytest.mark.parametrize("code", PLUGINS)
def test_every_label_and_reading_has_chinese(code: str) -> None:
    jurisdiction = innovpolicy.load(code)
    missing = _i18n.missing_translations(_texts(jurisdiction))
    assert not missing, f"add Chinese for these texts to the plugin's zh.py: {missing}"


@pytest.mark.parametrize("code", PLUGINS)
def test_every_rule_and_fact_has_both_languages(code: str) -> None:
    jurisdiction = innovpolicy.load(code)
    for rule_id in jurisdiction.rule_ids():
        for rule in jurisdiction.versions(rule_id):
            assert rule.title_en and rule.title_zh, rule_id
    for spec in jurisdiction.fact_registry:
        assert spec.meaning, spec.name
        chinese = _i18n.meaning(spec.name, "", "zh")
        assert chinese, f"fact {spec.name} has no Chinese meaning"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), spec.name


def test_engine_catalogs_have_the_same_keys() -> None:
    assert set(_i18n.MESSAGES["en"]) == set(_i18n.MESSAGES["zh"])
    for subject in SUBJECTS:
        assert f"subject.{subject}" in _i18n.MESSAGES["zh"]


def test_result_in_chinese_keeps_the_wording() -> None:
    result = innovpolicy.load("xining").evaluate(
        "XN20-CONTRACT-BUYER",
        {
            "contract_type": "transfer",
            "contract_registered": True,
            "contract_amount": "3333333",
            "deal_party": "transferee",
            "district": "城东区",
        },
        "2021-06-30",
    )
    text = result.render(lang="zh")
    assert "符合" in text.splitlines()[1]
    assert "金额：99,999.99元" in text
    assert "承担方 县区（园区）级（城东区）：49,999.99元" in text
    assert "对买方给予3%的技术合同补贴" in text  # quoted wording as it is
    assert "合同金额的3%" in text  # the step label, translated
    assert "解读：市与区（园区）按1:1配套（第17条，取原文要求的最低比例）。" in text
    assert result.render() == str(result)  # English stays the default


def test_tbe_in_chinese() -> None:
    result = innovpolicy.load("qinghai").evaluate(
        "QH-TBE", {"sci_tech_staff": 29, "employees": 100}, "2019-06-30"
    )
    text = result.render(lang="zh")
    assert "[✗] 中专以上学历科技人员占从业人员比例：实际 0.29，要求 >= 0.3" in text
    assert "「企业内部具有中专以上学历科技人员占从业人员的30%以上」" in text
    assert "不符合" in text


def test_money_in_chinese() -> None:
    assert _i18n.money(Decimal("170000.00"), "zh") == "170,000.00元（17万元）"
    assert _i18n.money(Decimal("99999.99"), "zh") == "99,999.99元"
    assert _i18n.money(Decimal("170000.00"), "en") == "170,000.00 CNY"


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        (None, "en"),
        ("zh", "zh"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("en-US,en;q=0.9,zh;q=0.8", "en"),
        ("fr", "en"),
        ("fr;q=1, zh;q=0.5", "zh"),
    ],
)
def test_accept_language(header: str | None, lang: str) -> None:
    assert _i18n.pick_lang(header) == lang


def test_unknown_language_is_refused() -> None:
    result = innovpolicy.load("qinghai").evaluate("QH-TBE", {}, "2019-06-30")
    with pytest.raises(ValueError, match="lang='de'"):
        result.render(lang="de")


def test_both_languages_share_one_layout() -> None:
    """One renderer: the same lines in both languages, from the message catalog."""
    xining = innovpolicy.load("xining")
    result = xining.evaluate(
        "QH-TBE",
        {"sci_tech_staff": 29, "employees": 100, "district": "城东区"},
        "2019-06-30",
    )
    english, chinese = result.render().splitlines(), result.render(lang="zh").splitlines()
    assert len(english) == len(chinese)
    # a parameter line quotes the passage that sets the value, in both languages
    assert any(
        "「企业内部具有中专以上学历科技人员占从业人员的30%以上」" in line for line in english
    )
    zh_parameters = [line for line in chinese if line.startswith("    qh.tbe.")]
    assert zh_parameters
    assert all("：「" in line and line.endswith("」］") for line in zh_parameters)


def test_ignored_facts_are_named_in_chinese_too() -> None:
    qinghai = innovpolicy.load("qinghai")
    result = qinghai.evaluate(
        "QH-TBE", {"employees": 10, "xn_unknown_fact": 1}, "2019-06-30", unknown_facts="report"
    )
    assert result.ignored_facts == ("xn_unknown_fact",)
    assert "Ignored facts (not declared in qinghai): xn_unknown_fact" in result.render()
    assert "未采用的事实（qinghai未声明）：xn_unknown_fact" in result.render(lang="zh")


def test_an_outcome_kind_without_a_translation_is_printed_as_it_is() -> None:
    from innovpolicy._criteria import TRUE, Outcome
    from innovpolicy._render import _LAYOUTS, _outcomes

    lines: list[str] = []
    leaf = Outcome("leaf", TRUE, "always")
    _outcomes(
        (Outcome("a plugin's node", TRUE, "custom", children=(leaf,)),), lines, "", _LAYOUTS["zh"]
    )
    assert lines[0] == "[✓] a plugin's node（custom）"
