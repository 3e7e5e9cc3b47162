"""Command line: ``innovpolicy example | find | evaluate | facts | rules | schema | serve | jurisdictions | docs``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import _i18n
from ._docs import write_docs
from ._example import EXAMPLE_DATE, EXAMPLE_FACTS
from ._i18n import LANGS
from ._jurisdiction import Jurisdiction
from ._loading import available, load, plugin_problems
from ._rules import SUBJECTS, Status
from .exceptions import InnovPolicyError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="innovpolicy", description=__doc__)
    parser.add_argument(
        "-j", "--jurisdiction", default="xining", help="jurisdiction code (default: xining)"
    )
    # -L/--layer: declarative layer files stacked on -j (issue #11)
    parser.add_argument(
        "-L",
        "--layer",
        action="append",
        default=[],
        metavar="FILE.toml",
        help="stack a declarative layer file on the jurisdiction (repeatable)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    example = sub.add_parser(
        "example", help="the policy finder's summary for the built-in example firm"
    )
    example.add_argument("--on", default=EXAMPLE_DATE.isoformat(), help="date YYYY-MM-DD")
    example.add_argument("--json", action="store_true", help="print JSON instead of text")
    example.add_argument(
        "--full", action="store_true", help="also print every rule's full explanation"
    )
    _finder_options(example)

    evaluate = sub.add_parser("evaluate", help="evaluate rules for facts read from a JSON file")
    evaluate.add_argument("facts", help="JSON file of facts ('-' for stdin)")
    evaluate.add_argument("--on", required=True, help="date YYYY-MM-DD")
    evaluate.add_argument("--rule", action="append", help="catalog id (repeatable; default: all)")
    evaluate.add_argument("--json", action="store_true", help="print JSON instead of text")
    evaluate.add_argument("--lang", default="en", choices=LANGS, help="language of the text")

    facts = sub.add_parser("facts", help="list the facts a rule reads")
    facts.add_argument("rule")
    facts.add_argument("--subject", choices=SUBJECTS, help="only the facts for this applicant")
    facts.add_argument("--lang", default="en", choices=LANGS, help="language of the meanings")

    sub.add_parser("rules", help="list the rules of the jurisdiction")
    docs = sub.add_parser("docs", help="write catalog.md and api.md into a directory")
    docs.add_argument("directory")
    sub.add_parser("jurisdictions", help="list installed jurisdictions")
    _add_finder_commands(sub)
    return parser


# --------------------------------------------------------------------------- finder, schema, serve


def _finder_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--subject",
        default="enterprise",
        choices=SUBJECTS,
        help="who applies (default: enterprise)",
    )
    command.add_argument("--lang", default="en", choices=LANGS, help="language of the text")


def _add_finder_commands(sub: Any) -> None:
    find = sub.add_parser(
        "find", help="policy finder: totals, next questions and gaps for facts in a JSON file"
    )
    find.add_argument("facts", help="JSON file of facts ('-' for stdin)")
    find.add_argument("--on", required=True, help="date YYYY-MM-DD")
    find.add_argument("--json", action="store_true", help="print JSON instead of text")
    _finder_options(find)

    schema = sub.add_parser("schema", help="print a JSON Schema (draft 2020-12)")
    schema.add_argument(
        "what",
        choices=("facts", "result", "summary"),
        help="facts (of the jurisdiction or one rule), result, or finder summary",
    )
    schema.add_argument("--rule", help="only the facts of this rule")
    schema.add_argument("--subject", choices=SUBJECTS, help="only the facts for this applicant")

    serve = sub.add_parser("serve", help="run the HTTP service (needs innovpolicy[server])")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)


def _read_facts(path: str) -> Any:
    text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    return json.loads(text, parse_float=Decimal)


def _run_finder_command(args: argparse.Namespace) -> int | None:
    """Run ``find``, ``schema`` or ``serve``; None for any other command."""
    if args.command == "serve":
        try:
            from .server import run
        except ImportError as exc:
            print(
                f"innovpolicy: error: the server needs the [server] extra ({exc.name} is missing): "
                "pip install 'innovpolicy[server]'",
                file=sys.stderr,
            )
            return 2
        run(host=args.host, port=args.port)
        return 0
    if args.command not in ("find", "schema"):
        return None
    jurisdiction = load(args.jurisdiction, layers=args.layer)
    if args.command == "schema":
        from . import schema

        if args.what == "facts":
            document = schema.facts_schema(jurisdiction, args.rule, args.subject)
        elif args.what == "result":
            document = schema.result_schema()
        else:
            document = schema.summary_schema()
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    summary = jurisdiction.find(_read_facts(args.facts), args.on, subject=args.subject)
    print(summary.to_json() if args.json else summary.render(args.lang))
    return 0


def _emit(results: Sequence[object], as_json: bool, lang: str = "en") -> None:
    if as_json:
        print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))  # type: ignore[attr-defined]
        return
    for result in results:
        print(result.render(lang))  # type: ignore[attr-defined]
        print()


def _print_rules(jurisdiction: Jurisdiction) -> None:
    """Every version of every rule: window, defining layer, and what ended it."""
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


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "jurisdictions":
            for code in available():
                print(code)
            for name, problem in plugin_problems().items():
                print(f"{name}: BROKEN: {problem}", file=sys.stderr)
            return 0
        done = _run_finder_command(args)
        if done is not None:
            return done
        jurisdiction = load(args.jurisdiction, layers=args.layer)
        if args.command == "rules":
            _print_rules(jurisdiction)
            return 0
        if args.command == "docs":
            for path in write_docs(Path(args.directory), jurisdiction):
                print(path)
            return 0
        if args.command == "facts":
            for spec in jurisdiction.facts_for(args.rule, subject=args.subject):
                unit = f" [{spec.unit}]" if spec.unit else ""
                yearly = " (per fiscal year)" if spec.yearly else ""
                layer = jurisdiction.fact_layers.get(spec.name, "")
                meaning = _i18n.meaning(spec.name, spec.meaning, args.lang)
                print(f"{spec.name:36} {spec.kind:8} {layer:16}{unit}{yearly}  {meaning}")
            return 0
        if args.command == "example":
            known = jurisdiction.prepare(EXAMPLE_FACTS, unknown_facts="report")
            summary = jurisdiction.find(known, args.on, subject=args.subject)
            results = jurisdiction.evaluate_all(known, args.on) if args.full else summary.results
            print(
                f"Example firm: {EXAMPLE_FACTS['name']}, evaluated in {jurisdiction.code} "
                f"on {args.on}\n",
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
                    for result in results:
                        print(result.render(args.lang))
                        print()
                else:
                    print("\n(every rule's full explanation: innovpolicy example --full)")
            counts = {s: sum(r.status is s for r in results) for s in Status}
            print(", ".join(f"{s.value}: {n}" for s, n in counts.items() if n), file=sys.stderr)
            return 0
        text = (
            sys.stdin.read() if args.facts == "-" else Path(args.facts).read_text(encoding="utf-8")
        )
        data = json.loads(text, parse_float=Decimal)
        results = jurisdiction.evaluate_all(data, args.on, rule_ids=args.rule)
        _emit(results, args.json, args.lang)
        return 0
    except InnovPolicyError as exc:
        print(f"innovpolicy: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
