from __future__ import annotations

import json
from pathlib import Path

import pytest

from innovpolicy.__main__ import main


def test_example_runs_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example"]) == 0
    out = capsys.readouterr()
    assert "XN20-CONTRACT-BUYER" in out.out
    assert "QH20-TECH-INTRO" in out.out
    assert "eligible:" in out.err


def test_example_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example", "--json", "--full", "--on", "2019-06-30"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_id = {r["rule_id"]: r for r in data}
    assert by_id["QH20-RD-SUBSIDY"]["amount"] == "157500.00"
    assert by_id["XN20-GROWTH"]["status"] == "not_in_force"


def test_evaluate_reads_json_with_exact_decimals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text(
        '{"achievements_transformed": 3, "transaction_volume": 10000000.01}', encoding="utf-8"
    )
    assert (
        main(
            [
                "-j",
                "qinghai",
                "evaluate",
                str(facts),
                "--on",
                "2021-06-30",
                "--rule",
                "QH20-PLATFORM",
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data[0]["amount"] == "150000.00"


def test_errors_are_reported_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text('{"employees": -1}', encoding="utf-8")
    assert main(["evaluate", str(facts), "--on", "2021-06-30"]) == 1
    assert "employees=-1" in capsys.readouterr().err
    assert main(["facts", "QH-NOPE"]) == 2
    assert "rule_id='QH-NOPE'" in capsys.readouterr().err


def test_listing_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["jurisdictions"]) == 0
    assert "xining" in capsys.readouterr().out
    assert main(["rules"]) == 0
    assert "QH-TBE" in capsys.readouterr().out
    assert main(["facts", "QH-TBE"]) == 0
    assert "sci_tech_staff" in capsys.readouterr().out


def test_example_under_the_province_leaves_out_city_facts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["-j", "qinghai", "example", "--json", "--full"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {r["jurisdiction"] for r in data} == {"qinghai"}
    assert not any(r["rule_id"].startswith("XN20-") for r in data)
