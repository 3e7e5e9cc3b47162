"""Scenario tests of the example county, run against the installed core and plugins."""

from __future__ import annotations

from pathlib import Path

from innovpolicy.testing import scenario_tests

test_scenario = scenario_tests(Path(__file__).parent / "scenarios")
