"""Command line: ``innovpolicy example | find | evaluate | screen | facts | rules | schema |
serve | jurisdictions | docs``.

Every failure is one line on stderr, ``innovpolicy: error: ...``, and a non-zero exit
code: 2 for a usage error (an unknown option, subcommand, jurisdiction or rule id, a
bad ``--on`` date), 1 for an input or environment error (a facts file that is missing,
unreadable, not UTF-8, not JSON, or holds invalid facts; an unwritable ``docs``
directory; a broken plugin). Options such as ``-j`` go before or after the subcommand.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

from . import _i18n
from ._docs import write_docs
from ._example import EXAMPLE_DATE, EXAMPLE_FACTS
from ._i18n import LANGS
from ._jurisdiction import Jurisdiction, PreparedFacts
from ._loading import available, load, plugin_problems
from ._rules import SUBJECTS, Result, Status
from ._values import to_date
from .exceptions import InnovPolicyError, PluginError, UnknownJurisdictionError

EXIT_INPUT = 1
"""Exit code of an input or environment error (facts file, docs directory, plugins)."""
EXIT_USAGE = 2
"""Exit code of a usage error (options, subcommand, jurisdiction, rule id, date)."""
MAX_INPUT_BYTES = 64 * 1024 * 1024
"""Largest facts file read (a guard against ``/dev/zero`` and the like)."""
_MAX_JSON_INT_DIGITS = 40


class _Failure(Exception):
    """A failure reported as one line on stderr with exit code ``code``."""

    def __init__(self, message: str, code: int, error: InnovPolicyError | None = None) -> None:
        super().__init__(message)
        self.code = code
        #: the library error it reports as it is (its message is given in --lang)
        self.error = error

    def message(self, lang: str) -> str:
        return self.error.message(lang) if self.error is not None else str(self)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _version() -> str:
    from . import __version__

    return __version__


def _common(default: str) -> _Parser:
    """The options every subcommand shares; add new shared options here."""
    common = _Parser(add_help=False)
    common.add_argument(
        "-j", "--jurisdiction", default=default, help="jurisdiction code (default: xining)"
    )
    common.add_argument(
        "-L",
        "--layer",
        action="append",
        default=[] if default != argparse.SUPPRESS else argparse.SUPPRESS,
        metavar="FILE.toml",
        help="stack a declarative layer file on the jurisdiction (repeatable)",
    )
    common.add_argument(
        "--lang",
        default="en" if default != argparse.SUPPRESS else argparse.SUPPRESS,
        choices=LANGS,
        help="language of the text and of error messages (default: en)",
    )
    return common


def _parser() -> argparse.ArgumentParser:
    # Options shared by every subcommand are accepted before or after it. The
    # subcommands' copy has the default SUPPRESS, so it never overwrites a value given
    # before the subcommand (and parents share action objects: hence two parsers).
    parser = _Parser(
        prog="innovpolicy",
        description="Chinese science-and-technology policy as code: evaluate, list and "
        "document the rules of a jurisdiction.",
        epilog="Exit codes: 0 success, 1 input or environment error (facts file, docs "
        "directory, plugins), 2 usage error (options, jurisdiction, rule id, date).",
        parents=[_common("xining")],
    )
    common = _common(argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], help: str
    ) -> argparse.ArgumentParser:
        found: argparse.ArgumentParser = sub.add_parser(
            name, help=help, description=help, parents=[common]
        )
        found.set_defaults(handler=handler)
        return found

    example = command(
        "example", _example, "the policy finder's summary for the built-in example firm"
    )
    example.add_argument("--on", default=EXAMPLE_DATE.isoformat(), help="date YYYY-MM-DD")
    example.add_argument("--json", action="store_true", help="print JSON instead of text")
    example.add_argument(
        "--full", action="store_true", help="also print every rule's full explanation"
    )
    _finder_options(example)

    find = command(
        "find", _find, "policy finder: totals, next questions and gaps for facts in a JSON file"
    )
    find.add_argument("facts", help="JSON file of facts ('-' for stdin)")
    find.add_argument("--on", required=True, help="date YYYY-MM-DD")
    find.add_argument("--json", action="store_true", help="print JSON instead of text")
    _finder_options(find)

    evaluate = command(
        "evaluate",
        _evaluate,
        "evaluate rules for facts read from a JSON file: an object (one firm), an array "
        "of objects (one result set per firm) or JSON Lines (.jsonl or --jsonl)",
    )
    evaluate.add_argument("facts", help="JSON file of facts ('-' for stdin)")
    evaluate.add_argument("--on", required=True, help="date YYYY-MM-DD")
    evaluate.add_argument("--rule", action="append", help="catalog id (repeatable; default: all)")
    evaluate.add_argument("--json", action="store_true", help="print JSON instead of text")
    evaluate.add_argument(
        "--jsonl", action="store_true", help="read JSON Lines: one firm's facts per line"
    )

    screen = command(
        "screen",
        _screen,
        "screen a whole file of firms (Parquet, CSV, JSON Lines) [extra: batch]",
    )
    screen.add_argument("input", help="firms, one per row: .parquet, .csv or .jsonl")
    screen.add_argument("--on", required=True, help="date YYYY-MM-DD")
    screen.add_argument("--rule", action="append", help="catalog id (repeatable; default: all)")
    screen.add_argument("--out", required=True, help="result file: .parquet, .csv or .jsonl")
    screen.add_argument("--batch-size", type=int, default=65_536, help="rows per batch")

    facts = command("facts", _facts, "list the facts a rule reads")
    facts.add_argument("rule")
    facts.add_argument("--subject", choices=SUBJECTS, help="only the facts for this applicant")

    schema = command("schema", _schema, "print a JSON Schema (draft 2020-12)")
    schema.add_argument(
        "what",
        choices=("facts", "result", "summary"),
        help="facts (of the jurisdiction or one rule), result, or finder summary",
    )
    schema.add_argument("--rule", help="only the facts of this rule")
    schema.add_argument("--subject", choices=SUBJECTS, help="only the facts for this applicant")

    serve = command("serve", _serve, "run the HTTP service (needs innovpolicy[server])")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)

    command("rules", _rules, "list the rules of the jurisdiction")
    docs = command("docs", _docs, "write catalog.md and api.md into a directory")
    docs.add_argument("directory")
    command("jurisdictions", _jurisdictions, "list installed jurisdictions")
    return parser


# --------------------------------------------------------------------------- commands


def _finder_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--subject",
        default="enterprise",
        choices=SUBJECTS,
        help="who applies (default: enterprise)",
    )


def _jurisdictions(args: argparse.Namespace) -> int:
    for code in available():
        print(code)
    for name, problem in plugin_problems().items():
        print(f"{name}: BROKEN: {problem}", file=sys.stderr)
    return 0


def _rules(args: argparse.Namespace) -> int:
    """Every version of every rule: window, defining layer, and what ended it."""
    jurisdiction = _load(args)
    for rule_id in jurisdiction.rule_ids():
        for version in jurisdiction.version_info(rule_id):
            rule = version.rule
            end = version.end
            window = f"{version.start}..{end or 'open'}"
            if end is not None and end < version.start:
                window = f"never ({rule.window()})"
            line = f"{rule_id:24} {rule.kind:12} {window:24} {version.layer:16} {rule.title_zh}"
            if version.ended_by:
                line += f"  [{version.ended_by}]"
            elif rule.repealed_by:
                line += f"  [repealed by {rule.repealed_by}]"
            print(line)
    return 0


def _screen(args: argparse.Namespace) -> int:
    """``innovpolicy screen``: stream a file through the compiled plan (the batch extra)."""
    try:
        from . import screening
    except ImportError as exc:
        raise _Failure(
            f"screening needs the batch extra (pip install 'innovpolicy[batch]'): {exc}",
            EXIT_USAGE,
        ) from None
    jurisdiction = _load(args)
    day = _usage(lambda: to_date("--on", args.on))
    if args.rule:
        for rule_id in args.rule:
            _usage(partial(jurisdiction.versions, rule_id))
    if args.batch_size < 1:
        raise _Failure(f"--batch-size={args.batch_size}: must be at least 1", EXIT_USAGE)
    try:
        summary = screening.screen_file(
            jurisdiction,
            args.input,
            args.out,
            on=day,
            rules=args.rule,
            batch_size=args.batch_size,
            progress=sys.stderr.isatty(),
        )
    except InnovPolicyError as exc:
        message = exc.message(getattr(args, "lang", "en"))
        raise _Failure(f"{args.input}: {message}", EXIT_INPUT) from None
    except (OSError, ValueError) as exc:
        raise _Failure(f"{args.input}: {exc}", EXIT_INPUT) from None
    print(summary.render(), file=sys.stderr)
    return 0


def _schema(args: argparse.Namespace) -> int:
    from . import schema

    jurisdiction = _load(args)
    if args.what == "facts":
        document = _usage(lambda: schema.facts_schema(jurisdiction, args.rule, args.subject))
    elif args.what == "result":
        document = schema.result_schema()
    else:
        document = schema.summary_schema()
    print(json.dumps(document, ensure_ascii=False, indent=2))
    return 0


def _serve(args: argparse.Namespace) -> int:
    try:
        from .server import run
    except ImportError as exc:
        raise _Failure(
            f"the server needs the [server] extra ({exc.name} is missing): "
            "pip install 'innovpolicy[server]'",
            EXIT_USAGE,
        ) from None
    run(host=args.host, port=args.port)
    return 0


def _find(args: argparse.Namespace) -> int:
    jurisdiction = _load(args)
    day = _usage(lambda: to_date("--on", args.on))
    name = "stdin" if args.facts == "-" else args.facts
    firms = _documents(_read_text(args.facts), name, name.endswith(".jsonl"))
    if len(firms) != 1:
        raise _Failure(f"{name}: the finder takes the facts of one firm", EXIT_INPUT)
    try:
        summary = jurisdiction.find(firms[0][1], day, subject=args.subject)
    except InnovPolicyError as exc:
        raise _Failure(f"{name}: {exc.message(args.lang)}", EXIT_INPUT) from None
    print(summary.to_json() if args.json else summary.render(args.lang))
    return 0


def _docs(args: argparse.Namespace) -> int:
    jurisdiction = _load(args)
    try:
        written = write_docs(Path(args.directory), jurisdiction)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename and exc.filename != args.directory else ""
        raise _Failure(
            f"cannot write the docs into {args.directory}{where}: {exc.strerror or exc}",
            EXIT_INPUT,
        ) from None
    for path in written:
        print(path)
    return 0


def _facts(args: argparse.Namespace) -> int:
    jurisdiction = _load(args)
    specs = _usage(lambda: jurisdiction.facts_for(args.rule, subject=args.subject))
    for spec in specs:
        unit = f" [{spec.unit}]" if spec.unit else ""
        yearly = " (per fiscal year)" if spec.yearly else ""
        layer = jurisdiction.fact_layers.get(spec.name, "")
        meaning = _i18n.meaning(spec.name, spec.meaning, args.lang)
        print(f"{spec.name:36} {spec.kind:8} {layer:16}{unit}{yearly}  {meaning}")
    return 0


def _example(args: argparse.Namespace) -> int:
    jurisdiction = _load(args)
    day = _usage(lambda: to_date("--on", args.on))
    known = jurisdiction.prepare(EXAMPLE_FACTS, unknown_facts="report")
    summary = jurisdiction.find(known, day, subject=args.subject)
    results = jurisdiction.evaluate_all(known, day) if args.full else summary.results
    print(
        f"Example firm: {EXAMPLE_FACTS['name']}, evaluated in {jurisdiction.code} on {day}\n",
        file=sys.stderr,
    )
    if args.json and not args.full:
        print(summary.to_json())
    elif args.json:
        _emit(results, True)
    else:
        print(summary.render(args.lang))
        if args.full:
            print()
            _emit(results, False, args.lang)
        else:
            print("\n(every rule's full explanation: innovpolicy example --full)")
    counts = {s: sum(r.status is s for r in results) for s in Status}
    print(", ".join(f"{s.value}: {n}" for s, n in counts.items() if n), file=sys.stderr)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    jurisdiction = _load(args)
    # Arguments first (usage errors), then the input (input errors).
    day = _usage(lambda: to_date("--on", args.on))
    rule_ids: tuple[str, ...] | None = None
    if args.rule:
        rule_ids = tuple(args.rule)
        for rule_id in rule_ids:
            _usage(partial(jurisdiction.versions, rule_id))
    name = "stdin" if args.facts == "-" else args.facts
    jsonl = args.jsonl or name.endswith(".jsonl")
    firms = _documents(_read_text(args.facts), name, jsonl)
    prepared: list[tuple[str, PreparedFacts]] = []
    for label, facts in firms:
        try:
            prepared.append((label, jurisdiction.prepare(facts)))
        except InnovPolicyError as exc:
            where = f"{label}: " if label else ""
            message = exc.message(getattr(args, "lang", "en"))
            raise _Failure(f"{name}: {where}{message}", EXIT_INPUT) from None
    batches = [
        (label, jurisdiction.evaluate_all(facts, day, rule_ids=rule_ids))
        for label, facts in prepared
    ]
    if len(batches) == 1 and not jsonl and not firms[0][0]:
        _emit(batches[0][1], args.json, args.lang)
    elif jsonl and args.json:
        for _label, results in batches:
            print(json.dumps([r.to_dict() for r in results], ensure_ascii=False))
    elif args.json:
        print(
            json.dumps(
                [[r.to_dict() for r in results] for _label, results in batches],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for label, results in batches:
            print(f"===== {name}: {label} =====\n")
            _emit(results, False, args.lang)
    return 0


# --------------------------------------------------------------------------- helpers


def _load(args: argparse.Namespace) -> Jurisdiction:
    try:
        return load(args.jurisdiction, layers=args.layer)
    except UnknownJurisdictionError as exc:
        raise _Failure(str(exc), EXIT_USAGE, exc) from None
    except PluginError as exc:
        raise _Failure(str(exc), EXIT_INPUT, exc) from None


def _usage(call: Callable[[], Any]) -> Any:
    """Run *call*; a library error there is a usage error (a bad argument)."""
    try:
        return call()
    except InnovPolicyError as exc:
        raise _Failure(str(exc), EXIT_USAGE, exc) from None


def _read_text(path: str) -> str:
    """The UTF-8 text of *path* ('-': stdin), a leading byte-order mark dropped."""
    name = "stdin" if path == "-" else path
    data: bytes
    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:
                raise _Failure("stdin: no standard input to read", EXIT_INPUT)
            data = stream.read(MAX_INPUT_BYTES + 1)
        else:
            if os.path.isdir(path):
                raise _Failure(f"{name}: is a directory, not a facts file", EXIT_INPUT)
            with open(path, "rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise _Failure(f"{name}: no such file", EXIT_INPUT) from None
    except OSError as exc:
        raise _Failure(f"{name}: cannot read: {exc.strerror or exc}", EXIT_INPUT) from None
    if len(data) > MAX_INPUT_BYTES:
        raise _Failure(f"{name}: larger than {MAX_INPUT_BYTES // 2**20} MiB", EXIT_INPUT)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Failure(
            f"{name}: not UTF-8 text (invalid byte at offset {exc.start})", EXIT_INPUT
        ) from None


def _documents(text: str, name: str, jsonl: bool) -> list[tuple[str, Any]]:
    """The firms in *text*: ``(label, facts)``; the label is empty for a single object."""
    if not text.strip():
        raise _Failure(f"{name}: empty input: expected a JSON object of facts", EXIT_INPUT)
    if jsonl:
        firms = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                where = f"line {number}"
                firms.append((where, _object(_loads(line, f"{name}: {where}"), f"{name}: {where}")))
        return firms
    document = _loads(text, name)
    if isinstance(document, list):
        if not document:
            raise _Failure(f"{name}: an empty array: no firm to evaluate", EXIT_INPUT)
        return [
            (f"firm {index}", _object(item, f"{name}: firm {index}"))
            for index, item in enumerate(document, 1)
        ]
    return [("", _object(document, name))]


def _object(document: Any, where: str) -> dict[str, Any]:
    if not isinstance(document, dict):
        raise _Failure(
            f"{where}: expected a JSON object of facts, got {_json_kind(document)}", EXIT_INPUT
        )
    return document


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    return "a number"


def _loads(text: str, where: str) -> Any:
    try:
        return json.loads(
            text,
            parse_float=_json_float,
            parse_int=_json_int,
            parse_constant=Decimal,  # NaN, Infinity: refused by validation, naming the fact
            object_pairs_hook=_no_duplicate_keys,
        )
    except json.JSONDecodeError as exc:
        raise _Failure(
            f"{where}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
            EXIT_INPUT,
        ) from None
    except RecursionError:
        raise _Failure(f"{where}: JSON nested too deeply", EXIT_INPUT) from None
    except _BadJsonError as exc:
        raise _Failure(f"{where}: {exc}", EXIT_INPUT) from None


class _BadJsonError(ValueError):
    """JSON the decoder accepts but innovpolicy does not (a key twice, a number of 10^10^18)."""


def _json_float(text: str) -> Decimal:
    try:
        return Decimal(text)  # exact; beyond Decimal's own exponent limit it raises
    except (ArithmeticError, ValueError):
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise _BadJsonError(f"the number {shown} is out of range") from None


def _json_int(text: str) -> int | Decimal:
    # int() of thousands of digits is slow or refused; a Decimal is built at once and
    # validation then refuses it as out of range, naming the fact.
    return int(text) if len(text) <= _MAX_JSON_INT_DIGITS else _json_float(text)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _BadJsonError(f"the key {key!r} appears twice in one JSON object")
        result[key] = value
    return result


def _emit(results: Sequence[Result], as_json: bool, lang: str = "en") -> None:
    if as_json:
        print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
        return
    for result in results:
        print(result.render(lang))
        print()


def _quiet_stdout() -> None:
    """After a broken pipe: send further output to devnull so exiting does not fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # pragma: no cover - no real stdout
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (never raises for bad input)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        code: int = args.handler(args)
        sys.stdout.flush()
        return code
    except _Failure as exc:
        print(f"innovpolicy: error: {exc.message(getattr(args, 'lang', 'en'))}", file=sys.stderr)
        return exc.code
    except InnovPolicyError as exc:
        print(f"innovpolicy: error: {exc.message(getattr(args, 'lang', 'en'))}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # the reader went away (`innovpolicy rules | head -1`)
        _quiet_stdout()
        return EXIT_INPUT
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"innovpolicy: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("innovpolicy: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
