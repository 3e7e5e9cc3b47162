"""pytest plugin of innovpolicy (entry point ``pytest11``), kept cheap to import.

Like Hypothesis's ``_hypothesis_pytestplugin`` it lives outside the package, so
loading it imports nothing of innovpolicy until a scenario file is collected.

- Every ``*.toml`` file in a directory named ``scenarios`` (ini option
  ``innovpolicy_scenario_dirs``) is collected: one test item per scenario. A failing
  scenario reports what differed, as a diff, followed by the full explanation.
- The fixture ``innovpolicy_invariants`` is
  :func:`innovpolicy.testing.invariants.check_jurisdiction`: call it with a
  jurisdiction code to check every generic invariant on every rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

_LOADED: dict[tuple[str, tuple[str, ...]], Any] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "innovpolicy_scenario_dirs",
        "names of directories whose *.toml files are innovpolicy scenario files",
        type="linelist",
        default=["scenarios"],
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix != ".toml":
        return None
    if file_path.parent.name not in parent.config.getini("innovpolicy_scenario_dirs"):
        return None
    return ScenarioFile.from_parent(parent, path=file_path)


class ScenarioFile(pytest.File):
    """A TOML file of innovpolicy scenarios."""

    def collect(self) -> Iterator[pytest.Item]:
        from innovpolicy.testing import load_scenarios

        for scenario in load_scenarios(self.path):
            yield ScenarioItem.from_parent(self, name=scenario.name, scenario=scenario)


class ScenarioItem(pytest.Item):
    """One scenario: facts, a date, and the answer the text dictates."""

    def __init__(self, *, scenario: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario

    def runtest(self) -> None:
        import innovpolicy
        from innovpolicy.testing import check_scenario

        code = self.scenario.jurisdiction
        key = (code, self.scenario.layers)
        if key not in _LOADED:
            _LOADED[key] = innovpolicy.load(code, layers=self.scenario.layers)
        check_scenario(_LOADED[key], self.scenario)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        from innovpolicy.testing import ScenarioMismatch

        if isinstance(excinfo.value, ScenarioMismatch):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"scenario {self.scenario.rule}: {self.name}"


@pytest.fixture
def innovpolicy_invariants() -> Callable[..., None]:
    """Run every generic invariant over a jurisdiction: ``innovpolicy_invariants("xining")``."""
    from innovpolicy.testing.invariants import check_jurisdiction

    return check_jurisdiction
