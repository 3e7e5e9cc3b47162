"""The command line under bad input (issue #8, item 9): one line on stderr, no traceback.

Exit codes: 2 for a usage error, 1 for an input or environment error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from innovpolicy.__main__ import EXIT_INPUT, EXIT_USAGE, main

ON = ["--on", "2021-06-30"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str, *fragments: str) -> None:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("innovpolicy")
    assert "error:" in lines[0]
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "empty input"),
        (b"   \n", "empty input"),
        (b'{"employees": ', "not valid JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not UTF-8"),
        (b'{"employees": ' + b"1" * 5000 + b"}", "employees="),
        (b'{"employees": 1e999999999}', "out of range"),
        (b'{"employees": "1e999999999"}', "out of range"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"employees": NaN}', "NaN"),
        (b'{"employees": 1, "employees": 2}', "appears twice"),
        (b'"just a string"', "expected a JSON object"),
        (b"[]", "empty array"),
        (b"[1, 2]", "firm 1: expected a JSON object"),
        (b'{"employees": [[[[[[[[[[1]]]]]]]]]]}', "employees="),
        (b'{"employes": 1}', "employes"),
    ],
)
def test_bad_facts_files_are_input_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, fragment: str
) -> None:
    path = tmp_path / "facts.json"
    path.write_bytes(content)
    code, out, err = run(capsys, "evaluate", str(path), *ON)
    assert code == EXIT_INPUT
    assert out == ""
    assert_one_line_error(err, fragment)


def test_missing_file_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "evaluate", str(tmp_path / "nope.json"), *ON)
    assert code == EXIT_INPUT
    assert_one_line_error(err, "no such file")
    code, _, err = run(capsys, "evaluate", str(tmp_path), *ON)
    assert code == EXIT_INPUT
    assert_one_line_error(err, "is a directory")


def test_byte_order_mark_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "facts.json"
    path.write_bytes(b'\xef\xbb\xbf{"achievements_transformed": 3, "transaction_volume": "1,000"}')
    code, out, _ = run(capsys, "evaluate", str(path), *ON, "--rule", "QH20-PLATFORM", "--json")
    assert code == 0
    assert json.loads(out)[0]["amount"] == "15.00"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["evaluate", "x.json", "--on", "2021-02-30"], "--on="),
        (["evaluate", "x.json", "--on", "9999-01-01"], "out of range"),
        (["evaluate", "x.json", *ON, "--rule", "QH-TEB"], "did you mean QH-TBE"),
        (["facts", "qh20-platfrom"], "did you mean QH20-PLATFORM"),
        (["-j", "atlantis", "rules"], "atlantis"),
        (["rules", "-j", "atlantis"], "atlantis"),
        (["frobnicate"], "invalid choice"),
        (["rules", "--bogus"], "unrecognized arguments"),
        ([], "required"),
    ],
)
def test_usage_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str, tmp_path: Path
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == EXIT_USAGE
    assert out == ""
    assert_one_line_error(err, fragment)


def test_options_go_before_or_after_the_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    _, before, _ = run(capsys, "-j", "qinghai", "rules")
    _, after, _ = run(capsys, "rules", "-j", "qinghai")
    _, default, _ = run(capsys, "rules")
    assert before == after
    assert "XN20-" not in after and "XN20-" in default


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    import innovpolicy

    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"innovpolicy {innovpolicy.__version__}"


def test_an_array_is_one_result_set_per_firm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "firms.json"
    firms = [
        {"achievements_transformed": 3, "transaction_volume": "1000"},
        {"achievements_transformed": 3, "transaction_volume": "2000"},
    ]
    path.write_text(json.dumps(firms), encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", str(path), *ON, "--rule", "QH20-PLATFORM", "--json")
    assert code == 0
    assert [[r["amount"] for r in results] for results in json.loads(out)] == [
        ["15.00"],
        ["30.00"],
    ]
    code, text, _ = run(capsys, "evaluate", str(path), *ON, "--rule", "QH20-PLATFORM")
    assert "firm 1" in text and "firm 2" in text


def test_an_invalid_firm_in_an_array_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "firms.json"
    path.write_text('[{"employees": 5}, {"employees": -5}]', encoding="utf-8")
    code, out, err = run(capsys, "evaluate", str(path), *ON)
    assert code == EXIT_INPUT and out == ""
    assert_one_line_error(err, "firm 2", "employees=-5")


def test_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = '{"transaction_volume": "1000", "achievements_transformed": 3}\n\n'
    lines += '{"transaction_volume": "2000", "achievements_transformed": 3}\n'
    path = tmp_path / "firms.jsonl"
    path.write_text(lines, encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", str(path), *ON, "--rule", "QH20-PLATFORM", "--json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row[0]["amount"] for row in rows] == ["15.00", "30.00"]
    other = tmp_path / "firms.txt"
    other.write_text(lines + "{oops\n", encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(other), *ON, "--jsonl")
    assert code == EXIT_INPUT
    assert_one_line_error(err, "line 4", "not valid JSON")


def test_docs_into_a_file_or_an_unwritable_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "file.md"
    existing.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "docs", str(existing))
    assert code == EXIT_INPUT
    assert_one_line_error(err, "cannot write the docs")
    code, _, err = run(capsys, "docs", str(existing / "sub"))
    assert code == EXIT_INPUT
    assert_one_line_error(err, "cannot write the docs")


def _cli(*argv: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "innovpolicy", *argv],
        input=stdin,
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )


def test_stdin_with_bom_and_garbage_in_a_real_process() -> None:
    done = _cli("evaluate", "-", *ON, "--rule", "QH-TBE", stdin=b'\xef\xbb\xbf{"employees": 5}')
    assert done.returncode == 0, done.stderr
    garbage = _cli("evaluate", "-", *ON, stdin=bytes(range(256)) * 4)
    assert garbage.returncode == EXIT_INPUT
    assert_one_line_error(garbage.stderr.decode(), "not UTF-8")


def test_broken_pipe_is_quiet() -> None:
    for command in ("example", "rules"):
        process = subprocess.Popen(
            [sys.executable, "-m", "innovpolicy", command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # like `| head -1`
        err = process.stderr.read().decode()
        process.stderr.close()
        assert process.wait(timeout=60) in (0, EXIT_INPUT)
        assert "Traceback" not in err and "BrokenPipeError" not in err


def test_no_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    code, _, err = run(capsys, "evaluate", "-", *ON)
    assert code == EXIT_INPUT
    assert_one_line_error(err, "no standard input")


def test_errors_in_chinese_with_lang_zh(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = tmp_path / "firm.json"
    facts.write_text('{"employees": -3}', encoding="utf-8")
    code, _out, err = run(capsys, "evaluate", str(facts), "--on", "2019-06-30", "--lang", "zh")
    assert code == EXIT_INPUT
    assert_one_line_error(err, "employees=-3：不得小于 0")
    code, _out, err = run(
        capsys, "evaluate", str(facts), "--rule", "QH-TBX", "--on", "2019-06-30", "--lang", "zh"
    )
    assert code == EXIT_USAGE
    assert_one_line_error(err, "没有这条规则", "QH-TBE")
    code, _out, err = run(capsys, "evaluate", str(facts), "--on", "2019-06-30")
    assert_one_line_error(err, "employees=-3: must be at least 0")  # English by default
