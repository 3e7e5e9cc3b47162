"""Every reason the library gives for refusing an input has Chinese.

Users of the HTTP service and the CLI who ask for Chinese (``Accept-Language: zh``,
``--lang zh``) get their errors in Chinese: the reasons are translated from the message
catalog (``innovpolicy._i18n.REASONS_ZH`` and its patterns, keyed by the English text).
This test feeds each kind of fact the wrong values the validation refuses and checks that
no reason is left without a translation.
"""

from __future__ import annotations

import ast
import datetime
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import innovpolicy
from innovpolicy import _i18n
from innovpolicy.exceptions import (
    InnovPolicyError,
    InvalidArgumentError,
    InvalidFactError,
    ParameterNotSetError,
    RuleNotInForceError,
    UnknownJurisdictionError,
    UnknownParameterError,
    UnknownRuleError,
)

XINING = innovpolicy.load("xining")

BAD: dict[str, list[Any]] = {
    "employees": [
        -1,
        True,
        1.5,
        "abc",
        "1,5",
        10**13,
        Decimal("1.5"),
        "9" * 2000,
        [1],
        float("nan"),
    ],
    "facility_area": [
        Decimal("NaN"),
        Decimal("1E+30"),
        Decimal("0.00000000001"),
        True,
        1.5,
        "1,5",
        "1e999",
        "inf",
        10**30,
        "x" * 500,
        [],
        Decimal("-1"),
    ],
    "owns_ip": ["maybe", 3, None.__class__],
    "business_start_date": [
        datetime.datetime(2019, 1, 1, 12),
        "2019-13-01",
        "2019/01/01",
        "1800-01-01",
        20190101,
        "x" * 500,
    ],
    "host_kind": ["garage", 3, "x" * 2000, "a\x00b"],
    "name": [3, "x" * 2000, "a\x00b"],
    "rd_expense": [
        3,
        {"abc": "1"},
        {2019: "abc"},
        {1800: "1"},
        {True: "1"},
        {2019: "1", "2019": "2"},
    ],
}


def _reasons() -> list[tuple[str, str]]:
    found = []
    for name, values in BAD.items():
        for value in values:
            with pytest.raises(InvalidFactError) as caught:
                XINING.prepare({name: value})
            found.append((f"{name}={value!r}"[:80], caught.value.reason))
    for facts in (
        {"employes": 3},
        {"rd_expense[2019]": "1", "rd_expense": {2019: "2"}},
        {"sci_tech_staff": 5, "employees": 3},
        {"rd_expense[abcd]": "1"},
        {3: 1},
    ):
        with pytest.raises(InvalidFactError) as caught:
            XINING.prepare(facts)  # type: ignore[arg-type]
        found.append((repr(facts)[:80], caught.value.reason))
    for bad_facts in ("facts", 3):
        with pytest.raises(InvalidFactError) as caught:
            XINING.prepare(bad_facts)
        found.append((repr(bad_facts), caught.value.reason))
    return found


@pytest.mark.parametrize(("given", "reason"), _reasons())
def test_every_reason_for_a_refused_fact_has_chinese(given: str, reason: str) -> None:
    assert _i18n.has_reason(reason), f"{given}: no Chinese for {reason!r}"


def _structured() -> list[InnovPolicyError]:
    errors: list[InnovPolicyError] = []
    for call in (
        lambda: XINING.evaluate("QH-TBX", {}, "2021-06-30"),
        lambda: XINING.evaluate("QH-TBE", {}, "2021-06-30", strict=True),
        lambda: XINING.parameter("qh.tbe.min_rd_intensit", "2019-06-30"),
        lambda: XINING.parameter("qh.ie.weight_rd_intensity", "2019-06-30"),
        lambda: innovpolicy.load("atlantis"),
        lambda: XINING.evaluate(["QH-TBE"], {}, "2021-06-30"),  # type: ignore[arg-type]
        lambda: XINING.evaluate("QH-TBE", {}, "2021-02-30"),
    ):
        try:
            call()
        except InnovPolicyError as exc:
            errors.append(exc)
    return errors


def test_structured_errors_have_chinese_messages() -> None:
    errors = _structured()
    kinds = {type(e) for e in errors}
    assert {
        UnknownRuleError,
        RuleNotInForceError,
        UnknownParameterError,
        UnknownJurisdictionError,
        InvalidArgumentError,
        InvalidFactError,
    } <= kinds
    for error in errors:
        chinese = error.message("zh")
        assert chinese != str(error), type(error)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), chinese
        assert error.message() == error.message("en") == str(error)
    unknown = next(e for e in errors if isinstance(e, UnknownRuleError))
    assert unknown.message("zh").endswith("是否指 QH-TBE？")


def test_a_parameter_without_a_value_says_so_in_chinese() -> None:
    found = [
        key
        for key, candidates in XINING._params.items()
        if all(not parameter.values for _layer, parameter in candidates)
    ]
    assert found
    with pytest.raises(ParameterNotSetError) as caught:
        XINING.parameter(found[0], "2021-06-30")
    assert caught.value.message("zh").startswith(f"参数 '{found[0]}' 没有取值")


def test_an_unknown_language_is_refused() -> None:
    error = InvalidFactError("employees", -1, "must be at least 0")
    with pytest.raises(ValueError, match="lang='fr'"):
        error.message("fr")


# ---------------------------------------------------------------- plugin authors' errors

SRC = Path(innovpolicy.__file__).parent


def _calls(module: str, names: set[str]) -> list[ast.Call]:
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (getattr(node.func, "id", None) in names or getattr(node.func, "attr", None) in names)
    ]


@pytest.mark.parametrize("module", ["_loading.py", "_checks.py", "_toml_layers.py"])
def test_every_plugin_error_the_loader_raises_has_its_chinese(module: str) -> None:
    """Plugin and layer-file authors (county offices) read Chinese first: each place that
    raises a load error gives the Chinese beside the English (``reason_zh``, or the
    checkers' ``fail(reason, zh)``)."""
    raised = _calls(module, {"PluginError", "LayerError", "LayerFileError"})
    for call in raised:
        if module == "_checks.py" and getattr(call.func, "id", None) == "LayerError":
            continue  # the checker's fail() builds it from fail's two texts
        assert any(k.arg == "reason_zh" for k in call.keywords), f"{module}:{call.lineno}"
    failed = _calls(module, {"fail"})
    assert raised or failed
    for call in failed:
        if isinstance(call.func, ast.Attribute):  # self.fail(...), checker.fail(...)
            texts = call.args[1:] if module == "_toml_layers.py" else call.args
            assert len(texts) == 2, (
                f"{module}:{call.lineno}: fail() needs the English and the Chinese"
            )


@pytest.mark.parametrize(
    ("change", "english", "chinese"),
    [
        ('value = "-1"', "is negative or not finite", "为负数或不是有限数值"),
        ('value = "1.5"', "is a ratio above 1", "是大于 1 的比例"),
    ],
)
def test_a_layer_check_reads_in_chinese(
    tmp_path: Path, change: str, english: str, chinese: str
) -> None:
    from innovpolicy.exceptions import LayerError

    source = (
        Path(__file__).parents[1]
        / "docs/examples/example_county/src/innovpolicy_example_county/example_county.toml"
    ).read_text(encoding="utf-8")
    marker = 'value = "0.02"'
    assert marker in source
    path = tmp_path / "bad.toml"
    path.write_text(source.replace(marker, change, 1), encoding="utf-8")
    with pytest.raises(LayerError, match=english) as info:
        innovpolicy.load("xining", layers=[path])
    text = info.value.message("zh")
    assert text.startswith(f"插件 {str(path)!r}：") and chinese in text, text
    assert "参数 " in text and english not in text


#: the four mistakes of docs/county-toml.md section 7, in order: (find, replace) in the
#: example county's file
DOC_MISTAKES = (
    (
        'wording = "技术合同买方补贴在本县范围内最高不超过15万元"',
        'wordng = "技术合同买方补贴在本县范围内最高不超过15万元"',
    ),
    ('value = "0.02"', "value = 0.02"),
    ('value = "150000"', 'value = "-150000"'),
    ('{ fact = "patent_granted", is_true = true,', '{ fact = "patent_granted", at_least = "1",'),
)


@pytest.mark.parametrize("page", ["county-toml.md", "zh/county-toml.md"])
def test_the_documented_load_errors_are_what_the_cli_prints(
    page: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from innovpolicy.__main__ import main

    root = Path(__file__).parents[1]
    text = (root / "docs" / page).read_text(encoding="utf-8")
    documented = re.findall(r"(?m)^innovpolicy: error: .*$", text)
    source = (
        root / "docs/examples/example_county/src/innovpolicy_example_county/example_county.toml"
    ).read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    printed = []
    for lang in ("en", "zh"):
        for find, replace in DOC_MISTAKES:
            assert source.count(find) == 1, find
            Path("bad.toml").write_text(source.replace(find, replace), encoding="utf-8")
            assert main(["-j", "xining", "-L", "bad.toml", "rules", "--lang", lang]) == 1
            printed.append(capsys.readouterr().err.rstrip("\n"))
    assert documented == printed
