"""Run every scenario file of the Qinghai plugin against the core in this repo."""

from __future__ import annotations

from pathlib import Path

import pytest

import innovpolicy
from innovpolicy.testing import Scenario, check_scenario, iter_scenario_files, load_scenarios

HERE = Path(__file__).parent / "scenarios"
SCENARIOS = [s for path in iter_scenario_files(HERE) for s in load_scenarios(path)]


@pytest.fixture(scope="module")
def jurisdictions() -> dict[str, innovpolicy.Jurisdiction]:
    return {}


@pytest.mark.parametrize(
    "scenario", SCENARIOS, ids=[f"{Path(s.path).stem}: {s.name}" for s in SCENARIOS]
)
def test_scenario(scenario: Scenario, jurisdictions: dict[str, innovpolicy.Jurisdiction]) -> None:
    if scenario.jurisdiction not in jurisdictions:
        jurisdictions[scenario.jurisdiction] = innovpolicy.load(scenario.jurisdiction)
    check_scenario(jurisdictions[scenario.jurisdiction], scenario)


def test_every_slice_rule_has_scenarios() -> None:
    covered = {s.rule for s in SCENARIOS}
    assert covered >= {
        "QH-TBE",
        "QH-ERC",
        "QH-KL",
        "QH20-PLATFORM",
        "QH20-TECH-INTRO",
        "QH20-RD-SUBSIDY",
    }


def test_every_rule_has_a_not_in_force_scenario() -> None:
    out_of_force = {s.rule for s in SCENARIOS if s.status == "not_in_force"}
    assert out_of_force == {s.rule for s in SCENARIOS}
