"""The command line of the finder: example (summary first), find, schema, --lang."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from innovpolicy import schema
from innovpolicy.__main__ import main


def test_example_prints_the_finder_summary_on_one_screen(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["example"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("Policy finder: xining, 2021-06-30, applicant: enterprise")
    assert len(lines) <= 60
    assert "Incentives eligible:" in out and "Next questions" in out
    assert "QH-BROKER" not in out  # not the catalog order any more
    assert "--full" in lines[-1]


def test_example_in_chinese_and_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("政策匹配：xining，2021-06-30，申请主体：企业")
    assert "元（" in out
    assert main(["example", "--full"]) == 0
    full = capsys.readouterr().out
    assert full.startswith("Policy finder")
    assert "QH-BROKER  技术经纪人及技术经纪机构条件" in full  # every rule's explanation follows


def test_example_json_is_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, schema.summary_schema())
    assert data["subject"] == "enterprise"


def test_find_reads_facts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text('{"achievements_transformed": 2, "transaction_volume": 15000000.5}')
    assert main(["find", str(facts), "--on", "2021-06-30", "--subject", "platform"]) == 0
    out = capsys.readouterr().out
    assert "achievements_transformed must rise from 2 to 3 (+1) [alone: eligible]" in out
    assert main(["find", str(facts), "--on", "2021-06-30", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["subject"] == "enterprise"
    bad = tmp_path / "bad.json"
    bad.write_text('{"employees": -1}')
    assert main(["find", str(bad), "--on", "2021-06-30"]) == 1  # an input error
    assert "employees=-1" in capsys.readouterr().err


def test_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "facts", "--rule", "QH-BROKER", "--subject", "individual"]) == 0
    document = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(document)
    assert "college_or_above" in document["properties"]
    assert "registered_capital" not in document["properties"]
    assert main(["schema", "summary"]) == 0
    assert json.loads(capsys.readouterr().out) == schema.summary_schema()
    assert main(["schema", "result"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Result"


def test_evaluate_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text('{"achievements_transformed": 3, "transaction_volume": 12000000}')
    args = ["evaluate", str(facts), "--on", "2021-06-30", "--rule", "QH20-PLATFORM"]
    assert main([*args, "--lang", "zh"]) == 0
    assert "金额：170,000.00元（17万元）" in capsys.readouterr().out


def test_facts_for_a_subject_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "QH-BROKER", "--subject", "individual", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "具有大专以上学历" in out
    assert "registered_capital" not in out
