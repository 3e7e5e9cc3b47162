"""The README's Python example must run and say what its comments say."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from innovpolicy import Status

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_python_example_runs() -> None:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", text, re.S)
    assert block is not None
    namespace: dict[str, object] = {}
    exec(compile(block.group(1), "README.md", "exec"), namespace)
    result = namespace["result"]
    assert result.status is Status.ELIGIBLE  # type: ignore[attr-defined]
    assert result.amount == Decimal("170000.00")  # type: ignore[attr-defined]


def test_quick_start_has_exactly_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block is not None
    commands = [
        line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")
    ]
    assert len(commands) == 2
    assert commands[1] == ".venv/bin/python -m pytest"
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()


def test_quick_start_first_command_runs_the_finder(capsys: object) -> None:
    from innovpolicy.__main__ import main

    text = README.read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block is not None
    first = block.group(1).splitlines()[0]
    assert first.endswith(".venv/bin/innovpolicy example")
    assert main(["example"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert out.startswith("Policy finder:")
