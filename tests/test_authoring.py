"""Issue #11: every broken county plugin fails at load, naming itself; territory;
facts across jurisdictions; declarative (TOML) layers; visible layering."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import tomllib
import types
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import innovpolicy
from innovpolicy import Document, FactSpec, Layer, Rule, Supersession, hookimpl
from innovpolicy import authoring as a
from innovpolicy.__main__ import main
from innovpolicy.authoring import layer_from_mapping, layer_from_toml
from innovpolicy.exceptions import (
    LayerError,
    LayerFileError,
    PluginError,
    UnknownFactError,
    UnknownJurisdictionError,
)
from innovpolicy.finder import PAYERS
from innovpolicy.testing import round_payable

DOC = Document(
    "dt-1", "大通〔2022〕1号", "大通县办法", "Datong measures", "大通县", date(2022, 1, 1)
)
CITE = a.Citation(DOC, "第三条", "最高不超过15万元")
CONTRACT = {
    "contract_type": "development",
    "contract_registered": True,
    "contract_amount": "5000000",
    "deal_party": "transferee",
}


def county(**changes: Any) -> Layer:
    base = Layer(
        code="datong",
        name_zh="大通县",
        name_en="Datong",
        parent="xining",
        documents=(DOC,),
        territory={"district": ("大通县",)},
    )
    return attrs.evolve(base, **changes)


def rule(rule_id: str = "DT-AWARD", **changes: Any) -> Rule:
    fields: dict[str, Any] = {
        "id": rule_id,
        "kind": "incentive",
        "title_en": "award",
        "title_zh": "奖励",
        "citation": CITE,
        "criteria": a.is_true("patent_granted", label="granted", wording="授权"),
        "amount": a.Fixed(a.param("dt.award"), "award"),
    }
    fields.update(changes)
    return Rule(**fields)


AWARD = a.constant("dt.award", 5000, CITE, "award", "CNY")


def load_broken(layer: Layer) -> PluginError:
    with pytest.raises(PluginError) as info:
        innovpolicy.load("xining", layers=[layer])
    return info.value


# ---------------------------------------------------------------- fail at evaluation before


def test_a_marginal_scale_overriding_a_number_fails_at_load() -> None:
    scale = a.MarginalScale.of((0, "0.03"), (1_000_000, "0.01"))
    bad = county(overrides=(a.constant("xn.contract.buyer_cap", scale, CITE, "cap", "CNY"),))
    error = load_broken(bad)
    assert isinstance(error, LayerError)
    assert (error.plugin, error.parameter) == ("datong", "xn.contract.buyer_cap")
    assert "marginal scale where the parent's value is a number" in str(error)


def test_a_number_overriding_a_marginal_scale_fails_at_load() -> None:
    bad = county(overrides=(a.constant("qh.platform.scale", "0.02", CITE, "scale", "ratio"),))
    error = load_broken(bad)
    assert isinstance(error, LayerError) and error.parameter == "qh.platform.scale"


def test_negative_and_all_zero_payer_weights_fail_at_load() -> None:
    negative = county(
        overrides=(a.constant("xn.matching.district_weight", -1, CITE, "w", "weight"),)
    )
    assert "negative" in str(load_broken(negative))
    zero = county(
        overrides=(
            a.constant("xn.matching.city_weight", 0, CITE, "w", "weight"),
            a.constant("xn.matching.district_weight", 0, CITE, "w", "weight"),
        )
    )
    error = load_broken(zero)
    assert "every payer weight is zero" in str(error)
    assert isinstance(error, LayerError) and error.rule.startswith("XN20-")


def test_a_parameter_not_covering_its_rule_window_fails_at_load() -> None:
    short = a.constant("dt.award", 5000, CITE, "award", "CNY", valid_to=date(2022, 6, 30))
    error = load_broken(county(parameters=(short,), rules=(rule(),)))
    assert isinstance(error, LayerError)
    assert (error.rule, error.parameter) == ("DT-AWARD", "dt.award")
    assert "no value on 2022-07-01" in str(error)


def test_a_date_compared_with_a_number_fails_at_load() -> None:
    criteria = a.at_least("business_start_date", 3, label="years", wording="3年以上")
    error = load_broken(county(parameters=(AWARD,), rules=(rule(criteria=criteria),)))
    assert "compares a date" in str(error) and isinstance(error, LayerError)
    assert error.fact == "business_start_date"


def test_a_breakdown_with_a_date_as_a_use_weight_fails_at_load() -> None:
    """A breakdown's inner amount and its use weights are checked like any amount's."""
    uses = (("running costs", a.fact("business_start_date")), ("equipment", a.param("dt.award")))
    amount = a.Breakdown(a.Fixed(a.param("dt.award"), "award"), uses, "award and its uses")
    error = load_broken(county(parameters=(AWARD,), rules=(rule(amount=amount),)))
    assert isinstance(error, LayerError) and error.fact == "business_start_date"
    inner = a.Breakdown(a.Fixed(a.fact("business_start_date"), "award"), uses[1:], "award")
    error = load_broken(county(parameters=(AWARD,), rules=(rule(amount=inner),)))
    assert isinstance(error, LayerError) and error.fact == "business_start_date"


def test_a_rule_reading_an_undeclared_fact_fails_at_load() -> None:
    criteria = a.is_true("first_patent", label="first", wording="首次")
    error = load_broken(county(parameters=(AWARD,), rules=(rule(criteria=criteria),)))
    assert isinstance(error, LayerError)
    assert (error.rule, error.fact) == ("DT-AWARD", "first_patent")
    assert "no layer declares" in str(error)


# ---------------------------------------------------------------- accepted silently before


def test_a_negative_rate_override_fails_at_load() -> None:
    bad = county(overrides=(a.constant("xn.contract.buyer_rate", "-0.03", CITE, "r", "ratio"),))
    error = load_broken(bad)
    assert isinstance(error, LayerError) and error.parameter == "xn.contract.buyer_rate"


def test_a_rate_written_as_a_percentage_fails_at_load() -> None:
    bad = county(overrides=(a.constant("xn.contract.buyer_rate", "3", CITE, "r", "ratio"),))
    assert "ratio above 1" in str(load_broken(bad))


def test_a_discretionary_range_with_low_above_high_fails_at_load() -> None:
    amount = a.Discretionary(a.wan(30), a.wan(10), "range")
    error = load_broken(county(rules=(rule(amount=amount),)))
    assert "low 300000 is above high 100000" in str(error)


def test_at_least_on_a_boolean_fact_fails_at_load() -> None:
    criteria = a.at_least("patent_granted", 3, label="granted", wording="3项以上")
    error = load_broken(county(parameters=(AWARD,), rules=(rule(criteria=criteria),)))
    assert "use is_true()" in str(error) and isinstance(error, LayerError)


def test_is_one_of_with_an_impossible_choice_fails_at_load() -> None:
    criteria = a.is_one_of("patent_kind", ("inventoin",), label="k", wording="发明")
    error = load_broken(county(parameters=(AWARD,), rules=(rule(criteria=criteria),)))
    assert "'inventoin'" in str(error)


def _module(name: str, **attributes: Any) -> types.ModuleType:
    module = types.ModuleType(name)
    for key, value in attributes.items():
        setattr(module, key, value)
    return module


def test_a_misspelt_hook_names_the_plugin() -> None:
    @hookimpl
    def innovpolicy_layr() -> Layer:
        return county()

    with pytest.raises(PluginError, match="unknown hook") as info:
        innovpolicy.load(
            "datong", extra_plugins=[_module("dt_typo", innovpolicy_layr=innovpolicy_layr)]
        )
    assert info.value.plugin == "dt_typo"


def test_a_missing_or_unmarked_hook_names_the_plugin() -> None:
    def innovpolicy_layer() -> Layer:  # not marked with @hookimpl
        return county()

    plugin = _module("dt_unmarked", innovpolicy_layer=innovpolicy_layer)
    with pytest.raises(PluginError, match=r"has no innovpolicy_layer hook.*hookimpl") as info:
        innovpolicy.load("datong", extra_plugins=[plugin])
    assert info.value.plugin == "dt_unmarked"
    with pytest.raises(PluginError, match="has no innovpolicy_layer hook"):
        innovpolicy.load("datong", extra_plugins=[_module("dt_empty")])


def test_a_hook_with_a_wrong_signature_blames_the_plugin() -> None:
    @hookimpl
    def innovpolicy_layer(config: Any) -> Layer:
        return county()

    plugin = _module("dt_signature", innovpolicy_layer=innovpolicy_layer)
    with pytest.raises(PluginError, match="config") as info:
        innovpolicy.load("datong", extra_plugins=[plugin])
    assert info.value.plugin == "dt_signature"


def test_a_layer_built_from_lists_is_frozen() -> None:
    rules = [rule()]
    layer = Layer("datong", "大通县", "Datong", "xining", [DOC], [AWARD], rules=rules)  # type: ignore[arg-type]
    assert isinstance(layer.rules, tuple) and isinstance(layer.documents, tuple)
    rules.append(rule("DT-OTHER"))
    assert innovpolicy.load("xining", layers=[layer]).rule_ids()[-1] == "DT-AWARD"
    with pytest.raises(TypeError, match="not Rule"):
        Layer("datong", "大通县", "Datong", rules=("DT-AWARD",))  # type: ignore[arg-type]


def test_document_repeals_naming_a_rule_is_refused() -> None:
    doc = attrs.evolve(DOC, repeals=("XN20-CONTRACT-BROKER",))
    cite = a.Citation(doc, "第三条", "w")
    bad = county(
        documents=(doc,),
        parameters=(a.constant("dt.award", 5000, cite, "award", "CNY"),),
    )
    error = load_broken(bad)
    assert "Supersession('XN20-CONTRACT-BROKER'" in str(error)


def test_a_supersession_without_a_rule_repeals() -> None:
    layer = county(supersessions=(Supersession("XN20-CONTRACT-BROKER", date(2022, 1, 1), CITE),))
    datong = innovpolicy.load("xining", layers=[layer])
    facts = {**CONTRACT, "brokered": True, "district": "大通县"}
    assert datong.evaluate("XN20-CONTRACT-BROKER", facts, "2022-01-01").status.value == (
        "not_in_force"
    )


def test_extra_plugins_accepts_a_module_name_and_refuses_a_bad_one() -> None:
    loaded = innovpolicy.load(
        "example-county",
        plugins=["innovpolicy_qinghai", "innovpolicy_xining"],
        extra_plugins=["innovpolicy_example_county"],
    )
    assert loaded.layers == ("qinghai", "xining", "example-county")
    with pytest.raises(PluginError, match="could not be imported") as info:
        innovpolicy.load("xining", extra_plugins=["innovpolicy_no_such_module"])
    assert info.value.plugin == "innovpolicy_no_such_module"


# ---------------------------------------------------------------- blame


def test_a_fact_clashing_with_a_core_fact_names_the_plugin() -> None:
    clash = FactSpec("employees", "decimal", "staff costs")
    error = load_broken(county(facts=(clash,)))
    assert isinstance(error, LayerError)
    assert (error.plugin, error.fact) == ("datong", "employees") and "core" in str(error)


def test_a_broken_installed_plugin_fails_only_its_own_load(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.metadata.entry_points(group="innovpolicy")
    broken = importlib.metadata.EntryPoint(
        "broken-county", "innovpolicy_no_such_pkg", "innovpolicy"
    )
    monkeypatch.setattr("innovpolicy._loading.entry_points", lambda group: (*real, broken))
    assert innovpolicy.load("xining").code == "xining"
    assert "broken-county" not in innovpolicy.available()
    with pytest.raises(PluginError, match="could not be loaded") as info:
        innovpolicy.load("broken-county")
    assert info.value.plugin == "broken-county"
    problems = innovpolicy._loading.plugin_problems()
    assert set(problems) == {"broken-county"}


def test_an_unknown_jurisdiction_lists_broken_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = importlib.metadata.EntryPoint("other", "innovpolicy_no_such_pkg", "innovpolicy")
    monkeypatch.setattr("innovpolicy._loading.entry_points", lambda group: (broken,))
    with pytest.raises(UnknownJurisdictionError, match=r"other \(broken\)"):
        innovpolicy.load("xining")


# ---------------------------------------------------------------- territory


COUNTY = innovpolicy.load("example-county")


def test_a_firm_of_another_district_gets_the_city_answer_and_bills_its_district() -> None:
    facts = {**CONTRACT, "district": "城东区"}
    result = COUNTY.evaluate("XN20-CONTRACT-BUYER", facts, "2022-03-01")
    assert result.amount == Decimal("100000.00")
    assert [(s.role, s.payer) for s in result.shares] == [("city", None), ("district", "城东区")]
    assert "outside the territory of example-county" in result.note
    own = COUNTY.evaluate("EX-FIRST-INVENTION", {"district": "城东区"}, "2022-03-01")
    assert own.status.value == "not_in_force" and "territory" in own.note


def test_inside_the_territory_the_variant_applies_and_names_the_payer() -> None:
    inside = COUNTY.evaluate(
        "XN20-CONTRACT-BUYER", {**CONTRACT, "district": "示例县"}, "2022-03-01"
    )
    assert inside.amount == Decimal("150000.00")
    assert [s.payer for s in inside.shares] == [None, "示例县"]
    unknown = COUNTY.evaluate("XN20-CONTRACT-BUYER", CONTRACT, "2022-03-01")
    assert unknown.status.value == "undetermined" and unknown.missing == ("district",)
    assert "inside example-county's territory" in unknown.reasons[0]
    # an answer the territory cannot change stands without the district
    same = COUNTY.evaluate("XN20-CONTRACT-BUYER", CONTRACT, "2021-06-30")
    assert same.amount == Decimal("100000.00")
    assert "district" in {spec.name for spec in COUNTY.facts_for("EX-FIRST-INVENTION")}


def test_an_unknown_payer_level_fails_at_load() -> None:
    error = load_broken(county(level="town"))
    assert isinstance(error, LayerError) and error.layer == "datong"
    assert "level 'town'" in str(error) and "county" in str(error)
    assert innovpolicy.load("xining", layers=[county(level="county")]).chain[-1].level == "county"


def test_territory_must_be_a_declared_text_fact() -> None:
    error = load_broken(county(territory={"employees": ("1",)}))
    assert "text facts only" in str(error)


# ---------------------------------------------------------------- facts across stacks


def test_facts_for_the_richest_stack_evaluate_on_a_parent() -> None:
    qinghai = innovpolicy.load("qinghai")
    facts = {**CONTRACT, "first_invention_patent": True, "district": "示例县"}
    with pytest.raises(UnknownFactError):
        qinghai.evaluate("QH20-PLATFORM", facts, "2022-03-01")
    result = qinghai.evaluate("QH20-PLATFORM", facts, "2022-03-01", unknown_facts="report")
    assert result.ignored_facts == ("first_invention_patent",)
    assert "Ignored facts" in result.render()
    comparison = qinghai.compare(COUNTY, facts, "2022-03-01")
    assert comparison.ignored_base == ("first_invention_patent",)
    assert "XN20-CONTRACT-BUYER" in {row.rule_id for row in comparison.of("added")}
    with pytest.raises(UnknownFactError):
        qinghai.compare(COUNTY, {**facts, "no_such_fact": 1}, "2022-03-01")


# ---------------------------------------------------------------- visible layering


def test_rules_lists_superseded_versions_with_their_end_and_layer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["-j", "example-county", "rules"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "CONTRACT-BROKER" in line]
    assert "2020-08-19..2021-12-31" in lines[0] and "xining" in lines[0]
    assert "superseded in example-county from 2022-01-01" in lines[0]
    assert "example-county" in lines[1] and "2022-01-01..open" in lines[1]


def test_facts_shows_the_declaring_layer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-j", "example-county", "facts", "EX-FIRST-INVENTION"]) == 0
    out = capsys.readouterr().out
    assert any(
        "first_invention_patent" in line and "example-county" in line for line in out.splitlines()
    )


def test_catalog_separates_overrides_and_lists_supersessions() -> None:
    from innovpolicy._docs import catalog_markdown

    text = catalog_markdown(COUNTY)
    county_part = text[text.index("(`example-county`)") :]
    assert "Overrides:" in county_part and "`xn.contract.buyer_cap`" in county_part
    assert "| XN20-CONTRACT-BROKER | 2022-01-01 |" in county_part
    assert "Territory: district = 示例县." in county_part


# ---------------------------------------------------------------- TOML layers


DATONG = """
code = "datong"
name_zh = "大通县"
name_en = "Datong"
parent = "xining"

[territory]
district = ["大通县"]

[documents.dt-1]
number = "大通〔2022〕1号"
title_zh = "大通县办法"
title_en = "Datong measures"
issuer_zh = "大通县"
effective_from = 2022-01-01

[overrides."xn.contract.buyer_cap"]
value = "200000"
document = "dt-1"
article = "第三条"
wording = "最高不超过20万元"

[parameters."dt.scale"]
description = "tiers"
unit = "marginal scale"
scale = [["0", "0.02"], ["1000000", "0.01"]]
document = "dt-1"
article = "第四条"
wording = "100万元以内2%，以上部分1%"

[[rules]]
id = "DT-TIERED"
title_zh = "分档补助"
title_en = "Tiered subsidy"
document = "dt-1"
article = "第四条"
wording = "100万元以内2%，以上部分1%"
criteria = [{ fact = "contract_registered", is_true = true, label = "registered", wording = "登记" }]
amount = { kind = "marginal", scale = { param = "dt.scale" }, base = { fact = "contract_amount" }, label = "tiers" }
split = { payers = [{ role = "county", name_fact = "district" }], wording = "县财政承担" }

[[supersessions]]
rule = "XN20-CONTRACT-BROKER"
from = 2022-07-01
document = "dt-1"
article = "第五条"
wording = "停止执行"
"""


def write(tmp_path: Path, text: str, name: str = "datong.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_toml_layer_stacks_on_a_city(tmp_path: Path) -> None:
    path = write(tmp_path, DATONG)
    datong = innovpolicy.load("xining", layers=[path])
    assert datong.layers == ("qinghai", "xining", "datong")
    inside = {**CONTRACT, "district": "大通县"}
    assert datong.evaluate("XN20-CONTRACT-BUYER", inside, "2022-03-01").amount == Decimal(
        "150000.00"
    )
    tiered = datong.evaluate("DT-TIERED", inside, "2022-03-01")
    assert tiered.amount == Decimal("60000.00")  # 2% of 1,000,000 + 1% of 4,000,000
    assert [(s.role, s.payer) for s in tiered.shares] == [("county", "大通县")]
    broker = datong.evaluate("XN20-CONTRACT-BROKER", {**inside, "brokered": True}, "2022-07-01")
    assert broker.status.value == "not_in_force"


def test_the_cli_takes_a_layer_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, DATONG)
    assert main(["-j", "xining", "-L", str(path), "rules"]) == 0
    assert "DT-TIERED" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("change", "key", "message"),
    [
        (
            ('value = "200000"', 'valeu = "200000"'),
            'overrides."xn.contract.buyer_cap".valeu',
            "unknown key",
        ),
        (
            ('value = "200000"', "value = 200000.0"),
            'overrides."xn.contract.buyer_cap".value',
            "floats",
        ),
        (
            ('document = "dt-1"\narticle = "第三条"', 'document = "dt-9"\narticle = "第三条"'),
            'overrides."xn.contract.buyer_cap".document',
            "'dt-9'",
        ),
        (("is_true = true", "is_true = 1"), "rules[0].criteria[0].is_true", "true or false"),
        (('kind = "marginal"', 'kind = "tiers"'), "rules[0].amount.kind", "'tiers'"),
        (
            ("effective_from = 2022-01-01", 'effective_from = "2022"'),
            "documents.dt-1.effective_from",
            "a date",
        ),
        (('parent = "xining"', 'parent = "xining"\nlevel = "town"'), "level", "'town'"),
        (
            ('title_en = "Tiered subsidy"', 'title_en = "Tiered subsidy"\nsubjects = ["firm"]'),
            "rules[0]",
            "unknown subject",
        ),
        (("[territory]", '[labels_zh]\ntiers = ""\n\n[territory]'), 'labels_zh."tiers"', "Chinese"),
        (
            ("[territory]", "[meanings_zh]\nbrokered = 1\n\n[territory]"),
            'meanings_zh."brokered"',
            "1",
        ),
    ],
)
def test_toml_mistakes_name_the_file_and_key(
    tmp_path: Path, change: tuple[str, str], key: str, message: str
) -> None:
    path = write(tmp_path, DATONG.replace(*change, 1))
    with pytest.raises(LayerFileError, match=message) as info:
        innovpolicy.load("xining", layers=[path])
    assert (info.value.path, info.value.key) == (str(path), key)
    # in Chinese (--lang zh, Accept-Language: zh): the same file and key, the reason translated
    chinese = info.value.message("zh")
    assert chinese.startswith(f"插件 {str(path)!r}：{key}：")
    assert chinese != str(info.value) and info.value.reason_zh in chinese
    assert re.search(r"[\u4e00-\u9fff]", chinese.rsplit(f"{key}：", 1)[1]), chinese


def test_the_cli_reports_a_toml_mistake_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, DATONG.replace('value = "200000"', "value = 200000.0", 1))
    for argv in (
        ["-j", "xining", "-L", str(path), "rules", "--lang", "zh"],
        ["--lang", "zh", "-j", "xining", "-L", str(path), "rules"],
    ):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"innovpolicy: error: 插件 {str(path)!r}：")
        assert "TOML 浮点数是二进制的" in err and "floats" not in err
    assert main(["-j", "xining", "-L", str(path), "rules"]) == 1
    assert "TOML floats are binary" in capsys.readouterr().err


def test_a_toml_layer_declares_subjects_level_and_chinese(tmp_path: Path) -> None:
    text = (
        DATONG.replace('parent = "xining"', 'parent = "xining"\nlevel = "county"')
        .replace(
            'title_en = "Tiered subsidy"',
            'title_en = "Tiered subsidy"\nsubjects = ["enterprise", "university"]\n'
            'subject_facts = { university = { host_kind = "university" } }',
        )
        .replace("[territory]", '[labels_zh]\ntiers = "分档"\n\n[territory]')
        .replace("[territory]", '[meanings_zh]\ncontract_registered = "合同已登记"\n\n[territory]')
    )
    layer = layer_from_toml(write(tmp_path, text))
    assert layer.level == "county"
    assert dict(layer.labels_zh) == {"tiers": "分档"}
    assert dict(layer.meanings_zh) == {"contract_registered": "合同已登记"}
    rule = layer.rules[0]
    assert rule.subjects == ("enterprise", "university")
    assert dict(rule.subject_facts["university"]) == {"host_kind": "university"}
    assert layer_from_toml(write(tmp_path, DATONG, "plain.toml")).level == ""


def test_toml_layers_get_the_same_load_checks(tmp_path: Path) -> None:
    path = write(tmp_path, DATONG.replace('value = "200000"', 'value = "-1"'))
    with pytest.raises(LayerError, match="negative") as info:
        innovpolicy.load("xining", layers=[path])
    assert info.value.plugin == str(path)
    wrong_parent = write(tmp_path, DATONG, "wrong.toml")
    with pytest.raises(PluginError, match="stacked on 'qinghai'"):
        innovpolicy.load("qinghai", layers=[wrong_parent])


# ---------------------------------------------------------------- testing kit


def test_strategies_imported_before_hypothesis(tmp_path: Path) -> None:
    test = tmp_path / "test_first_import.py"
    test.write_text(
        "import innovpolicy.testing.strategies as s\n"
        "from hypothesis import given, strategies as st\n"
        "import innovpolicy\n\n"
        "@given(st.from_type(innovpolicy.Enterprise))\n"
        "def test_any(firm):\n"
        "    assert isinstance(firm, innovpolicy.Enterprise)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_round_payable_is_exported_and_rounds_half_up() -> None:
    from innovpolicy.testing import round_payable

    assert round_payable(Decimal("0.005")) == Decimal("0.01")
    assert round_payable(Decimal("2.345")) == Decimal("2.35")  # half-even would give 2.34


def test_facts_strategy_aims_where_the_cap_starts_to_bind() -> None:
    from innovpolicy.testing._probes import amount_targets

    xining = innovpolicy.load("xining")
    rule_ = xining.rule("XN20-CONTRACT-BUYER", date(2021, 6, 30))
    targets = amount_targets(xining, rule_, date(2021, 6, 30))
    # 3% × base = 100,000 → base 3,333,333.33 (the bound starts to bind there)
    assert Decimal("3333333.33") in targets["contract_amount"]
    scale = amount_targets(
        xining, xining.rule("QH20-PLATFORM", date(2021, 6, 30)), date(2021, 6, 30)
    )
    assert any(v == Decimal("10000000.00") for v in scale.get("transaction_volume", []))


USER_CODE = """
from datetime import date
from decimal import Decimal

import innovpolicy
from innovpolicy.finder import PAYERS
from innovpolicy.testing import round_payable

firm = innovpolicy.Enterprise(
    business_start_date="2015-05-20",
    sales_revenue={2020: "1800000", 2021: 2_000_000},
    rd_expense={2020: Decimal("90000")},
    employees=10,
    registered_in_qinghai=True,
)
xining = innovpolicy.load("xining")
on: date = date(2021, 6, 30)
results = xining.evaluate_all([firm, {"district": "城东区"}], "2021-06-30")
one = xining.evaluate("QH-TBE", {"employees": "10"}, on, unknown_facts="report")
half: Decimal = round_payable(Decimal("0.005"))
"""


def test_mypy_strict_accepts_the_documented_input_forms(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    user = tmp_path / "user_code.py"
    user.write_text(USER_CODE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(user)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def test_the_json_schema_describes_the_layer_files() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import json
    import tomllib

    from innovpolicy._toml_layers import _TOP_KEYS

    root = Path(__file__).resolve().parents[1]
    schema = json.loads((root / "docs" / "county-layer.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["properties"]) == _TOP_KEYS
    assert tuple(schema["$defs"]["subject"]["enum"]) == a.SUBJECTS
    assert tuple(schema["properties"]["level"]["enum"]) == PAYERS
    validator = jsonschema.Draft202012Validator(schema)
    example = root / "docs/examples/example_county/src/innovpolicy_example_county"
    for text in ((example / "example_county.toml").read_text("utf-8"), DATONG):
        assert list(validator.iter_errors(_plain(tomllib.loads(text)))) == []
    for change in (('value = "200000"', 'valeu = "200000"'), ('value = "200000"', "value = 2.5")):
        bad = _plain(tomllib.loads(DATONG.replace(*change, 1)))
        assert list(validator.iter_errors(bad)), change


def test_a_child_of_a_broken_installed_plugin_fails_naming_its_parent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = importlib.metadata.entry_points(group="innovpolicy")
    broken = importlib.metadata.EntryPoint(
        "broken-county", "innovpolicy_no_such_pkg", "innovpolicy"
    )
    monkeypatch.setattr("innovpolicy._loading.entry_points", lambda group: (*real, broken))
    child = Layer("broken-town", "镇", "Town", parent="broken-county")
    with pytest.raises(PluginError, match="its parent 'broken-county' is broken") as info:
        innovpolicy.load("broken-town", extra_plugins=[child])
    assert info.value.plugin == "broken-town"
    assert innovpolicy.load("example-county", extra_plugins=[child]).code == "example-county"


def test_compare_checks_facts_in_a_list_of_mappings() -> None:
    qinghai = innovpolicy.load("qinghai")
    with pytest.raises(UnknownFactError):
        qinghai.compare(COUNTY, [CONTRACT, {"no_such_fact": 1}], "2022-03-01")
    assert qinghai.compare(COUNTY, [CONTRACT, {"first_invention_patent": True}], "2022-03-01")


def test_the_cli_names_a_broken_installed_plugin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = importlib.metadata.entry_points(group="innovpolicy")
    broken = importlib.metadata.EntryPoint(
        "broken-county", "innovpolicy_no_such_pkg", "innovpolicy"
    )
    monkeypatch.setattr("innovpolicy._loading.entry_points", lambda group: (*real, broken))
    assert main(["jurisdictions"]) == 0
    out, err = capsys.readouterr()
    assert "xining" in out.split() and "broken-county" not in out
    assert "broken-county: BROKEN: plugin 'broken-county': could not be loaded" in err


_CAP_TEMPLATE = DATONG.split("[parameters.")[0].replace('value = "200000"', 'value = "{cap}"')


@settings(max_examples=25, deadline=None)
@given(
    cap=st.integers(min_value=1, max_value=10**7),
    amount=st.decimals(min_value=0, max_value=10**9, places=2),
    inside=st.booleans(),
)
def test_a_toml_cap_binds_only_inside_the_territory(
    cap: int, amount: Decimal, inside: bool
) -> None:
    layer = layer_from_mapping(tomllib.loads(_CAP_TEMPLATE.format(cap=cap)), source="cap.toml")
    datong = innovpolicy.load("xining", layers=[layer])
    facts = {**CONTRACT, "contract_amount": amount, "district": "大通县" if inside else "城东区"}
    result = datong.evaluate("XN20-CONTRACT-BUYER", facts, "2022-03-01", explain=False)
    raw = round_payable(amount * Decimal("0.03"))
    assert result.amount == min(raw, Decimal(cap if inside else 100_000))
    assert sum(s.amount for s in result.shares) == result.amount
