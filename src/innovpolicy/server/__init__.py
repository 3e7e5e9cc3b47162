"""The HTTP service: ``innovpolicy serve`` (extra ``innovpolicy[server]``: FastAPI + uvicorn).

Endpoints (OpenAPI at ``/openapi.json``, interactive docs at ``/docs``)::

    GET  /jurisdictions
    GET  /jurisdictions/{code}/rules                      sources, validity, subjects
    GET  /jurisdictions/{code}/rules/{rule_id}            one rule, its facts and branches
    GET  /jurisdictions/{code}/rules/{rule_id}/facts      ?subject=enterprise
    GET  /jurisdictions/{code}/rules/{rule_id}/schema     JSON Schema of its facts
    GET  /jurisdictions/{code}/schema                     JSON Schema of every fact
    GET  /schemas/result, /schemas/summary                JSON Schema of the answers
    POST /jurisdictions/{code}/rules/{rule_id}/evaluate   {"on": ..., "facts": {...}}
    POST /jurisdictions/{code}/find                       {"on": ..., "subject": ..., "facts": {...}}
    POST /jurisdictions/{code}/screen                     JSON Lines in, JSON Lines out

Request bodies are parsed with exact decimals (JSON numbers become ``Decimal``).
Errors are JSON ``{"error": {"type", "message", "field", "value", "reason"}}`` with the
library's field-level messages: 422 for bad facts, 404 for an unknown rule or
jurisdiction, 413 for a body over the limit; never a traceback. ``Accept-Language:
zh`` gives the ``text`` of answers (and fact meanings) in Chinese.

``import innovpolicy`` never imports this package.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__, _i18n, schema
from .._jurisdiction import Jurisdiction
from .._loading import available, load
from .._rules import SUBJECTS
from ..exceptions import (
    InnovPolicyError,
    InvalidFactError,
    UnknownJurisdictionError,
    UnknownRuleError,
)
from ..finder import fact_subjects

LOG = logging.getLogger("innovpolicy.server")

#: Largest request body accepted, in bytes (a finder request is a few kB).
MAX_BODY_BYTES = 1_000_000
#: Most rows a /screen request may carry; larger batches go through the screening path.
MAX_SCREEN_ROWS = 1_000


class RequestError(Exception):
    """A request the service refuses, with its HTTP status and a field-level message."""

    def __init__(self, status: int, kind: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind
        self.message = message
        self.field = field


def _error(status: int, kind: str, message: str, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"type": kind, "message": message}
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse({"error": body}, status_code=status)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


def error_body(exc: InnovPolicyError, lang: str = "en") -> tuple[int, dict[str, Any]]:
    """The HTTP status and JSON error of a library error; ``message`` and ``reason`` in
    *lang* (``zh`` when the request prefers Chinese)."""
    status = 404 if isinstance(exc, (UnknownRuleError, UnknownJurisdictionError)) else 422
    body: dict[str, Any] = {"type": type(exc).__name__, "message": exc.message(lang)}
    if isinstance(exc, InvalidFactError):
        reason = _i18n.reason(exc.reason, lang)
        body.update(field=exc.field, value=_jsonable(exc.value), reason=reason)
    if isinstance(exc, UnknownRuleError):
        body["field"] = "rule_id"
        body["value"] = exc.rule_id
    if isinstance(exc, UnknownJurisdictionError):
        body["field"] = "code"
    return status, body


# --------------------------------------------------------------------------- helpers


class _Jurisdictions:
    """Loaded jurisdictions, cached (a Jurisdiction is immutable and thread-safe)."""

    def __init__(self) -> None:
        self._loaded: dict[str, Jurisdiction] = {}

    def __call__(self, code: str) -> Jurisdiction:
        found = self._loaded.get(code)
        if found is None:
            found = load(code)
            self._loaded[code] = found
        return found


async def _json_body(request: Request) -> Any:
    raw = await _read_limited(request)
    try:
        return json.loads(raw or b"null", parse_float=Decimal)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise RequestError(422, "InvalidJSON", f"the body is not valid JSON: {exc}") from None


async def _read_limited(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise RequestError(413, "BodyTooLarge", f"the body exceeds {MAX_BODY_BYTES} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise RequestError(413, "BodyTooLarge", f"the body exceeds {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _object(body: Any, required: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise RequestError(422, "InvalidRequest", "the body must be a JSON object", "body")
    for name in required:
        if name not in body:
            raise RequestError(422, "InvalidRequest", f"{name!r} is required", name)
    unknown = set(body) - {"on", "facts", "subject", "explain"}
    if unknown:
        name = sorted(unknown)[0]
        raise RequestError(422, "InvalidRequest", f"unknown member {name!r}", name)
    if "facts" in body and not isinstance(body["facts"], dict):
        raise RequestError(422, "InvalidRequest", "'facts' must be a JSON object", "facts")
    if not isinstance(body.get("on"), str):
        raise RequestError(422, "InvalidRequest", "'on' must be a date YYYY-MM-DD", "on")
    return body


def _lang(request: Request) -> str:
    return _i18n.pick_lang(request.headers.get("accept-language"))


def _fact(spec: Any, lang: str, owners: Mapping[str, tuple[str, ...]]) -> dict[str, Any]:
    data: dict[str, Any] = spec.to_dict()
    data["subjects"] = list(owners.get(spec.name, ()))
    data["meaning_zh"] = _i18n.meaning(spec.name, spec.meaning, "zh")
    if lang == "zh":
        data["meaning"] = data["meaning_zh"]
    return data


def _rule_row(jurisdiction: Jurisdiction, rule_id: str) -> dict[str, Any]:
    rule = jurisdiction.rule(rule_id)
    return {
        "rule_id": rule_id,
        "kind": rule.kind,
        "title_en": rule.title_en,
        "title_zh": rule.title_zh,
        "subjects": list(rule.subjects),
        "citation": rule.citation.to_dict(),
        "windows": [
            {"valid_from": start.isoformat(), "valid_to": None if end is None else end.isoformat()}
            for start, end in jurisdiction.windows(rule_id)
        ],
        "repealed_by": rule.repealed_by,
    }


def _subject(value: str | None) -> str | None:
    if value is not None and value not in SUBJECTS:
        raise RequestError(
            422,
            "InvalidRequest",
            f"subject={value!r}: expected one of {', '.join(SUBJECTS)}",
            "subject",
        )
    return value


def screen_rows(
    jurisdiction: Jurisdiction,
    lines: Iterator[str],
    rule_ids: tuple[str, ...] | None,
    on: str | None,
    lang: str = "en",
) -> Iterator[str]:
    """Evaluate JSON Lines of ``{"id", "on", "facts"}`` row by row; yield JSON Lines.

    This is the per-row path, fine for the small batches the service accepts. Large
    batches belong to the columnar screening path (``innovpolicy.screening``), which
    can replace this function behind the same input and output format.
    """
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        row: dict[str, Any] = {"row": index}
        try:
            data = json.loads(line, parse_float=Decimal)
            if not isinstance(data, dict):
                raise InvalidFactError("row", data, "expected a JSON object")
            if "id" in data:
                row["id"] = _jsonable(data["id"])
            facts = data.get("facts", {})
            day = data.get("on", on)
            if day is None:
                raise InvalidFactError("on", None, "give 'on' in the row or as a query parameter")
            results = jurisdiction.evaluate_all(facts, day, explain=False, rule_ids=rule_ids)
            row["results"] = [
                {
                    key: value
                    for key, value in r.to_dict().items()
                    if key in ("rule_id", "status", "amount", "amount_range", "shares", "missing")
                }
                for r in results
            ]
        except InnovPolicyError as exc:
            _status, body = error_body(exc, lang)
            row["error"] = body
        except (ValueError, RecursionError) as exc:
            row["error"] = {"type": "InvalidJSON", "message": str(exc)}
        yield json.dumps(row, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- the app


def create_app() -> FastAPI:
    """The service as an ASGI application (run it with uvicorn or any ASGI server)."""
    app = FastAPI(
        title="innovpolicy",
        version=__version__,
        description=(
            "Chinese S&T policy as code: rules, facts, evaluation, the policy finder and "
            "batch screening. Answers are exact (decimal strings) and explained."
        ),
    )
    get = _Jurisdictions()

    @app.exception_handler(RequestError)
    async def _request_error(request: Request, exc: RequestError) -> JSONResponse:
        return _error(exc.status, exc.kind, exc.message, field=exc.field)

    @app.exception_handler(InnovPolicyError)
    async def _library_error(request: Request, exc: InnovPolicyError) -> JSONResponse:
        lang = _lang(request)
        status, body = error_body(exc, lang)
        return JSONResponse({"error": body}, status_code=status, headers={"Content-Language": lang})

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        field = ".".join(str(p) for p in first.get("loc", ())[1:]) or None
        return _error(422, "InvalidRequest", str(first.get("msg", "invalid request")), field=field)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, "HTTPError", str(exc.detail))

    @app.exception_handler(Exception)
    async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
        LOG.exception("internal error on %s %s", request.method, request.url.path)
        return _error(500, "InternalError", "internal error (logged on the server)")

    @app.get("/jurisdictions", tags=["catalog"])
    def jurisdictions() -> list[dict[str, Any]]:
        """Every installed jurisdiction with its layers."""
        rows = []
        for code in available():
            j = get(code)
            rows.append(
                {"code": code, "name_zh": j.name_zh, "name_en": j.name_en, "layers": list(j.layers)}
            )
        return rows

    @app.get("/jurisdictions/{code}/rules", tags=["catalog"], responses=_errors())
    def rules(code: str) -> list[dict[str, Any]]:
        """Every rule with its source, validity windows and who can apply."""
        j = get(code)
        return [_rule_row(j, rule_id) for rule_id in j.rule_ids()]

    @app.get("/jurisdictions/{code}/rules/{rule_id}", tags=["catalog"], responses=_errors())
    def rule(code: str, rule_id: str, request: Request) -> dict[str, Any]:
        """One rule: source, validity, subjects, facts, branches and readings."""
        j = get(code)
        lang = _lang(request)
        data = _rule_row(j, rule_id)
        current = j.rule(rule_id)
        owners = fact_subjects(j)
        data["facts"] = [_fact(spec, lang, owners) for spec in j.facts_for(rule_id)]
        data["branches"] = {
            name: {value: list(names) for value, names in table.items()}
            for name, table in j.branches(rule_id).items()
        }
        data["readings"] = [_i18n.label(r, lang) for r in current.readings]
        return data

    @app.get("/jurisdictions/{code}/rules/{rule_id}/facts", tags=["catalog"], responses=_errors())
    def rule_facts(
        code: str, rule_id: str, request: Request, subject: str | None = None
    ) -> list[dict[str, Any]]:
        """The facts to ask for one rule (only those of *subject*'s branches when given)."""
        j = get(code)
        lang = _lang(request)
        owners = fact_subjects(j)
        return [_fact(s, lang, owners) for s in j.facts_for(rule_id, subject=_subject(subject))]

    @app.get("/jurisdictions/{code}/rules/{rule_id}/schema", tags=["schemas"], responses=_errors())
    def rule_schema(code: str, rule_id: str, subject: str | None = None) -> dict[str, Any]:
        """JSON Schema (draft 2020-12) of one rule's facts, optionally for one subject."""
        return schema.facts_schema(get(code), rule_id, _subject(subject))

    @app.get("/jurisdictions/{code}/schema", tags=["schemas"], responses=_errors())
    def jurisdiction_schema(code: str) -> dict[str, Any]:
        """JSON Schema (draft 2020-12) of every fact the jurisdiction declares."""
        return schema.facts_schema(get(code))

    @app.get("/schemas/result", tags=["schemas"])
    def result_schema() -> dict[str, Any]:
        """JSON Schema of an evaluation result."""
        return schema.result_schema()

    @app.get("/schemas/summary", tags=["schemas"])
    def summary_schema() -> dict[str, Any]:
        """JSON Schema of a finder summary."""
        return schema.summary_schema()

    @app.post(
        "/jurisdictions/{code}/rules/{rule_id}/evaluate",
        tags=["evaluation"],
        openapi_extra=_body("EvaluateRequest"),
        responses=_answer("Evaluation"),
    )
    async def evaluate(code: str, rule_id: str, request: Request) -> JSONResponse:
        """Evaluate one rule for the facts on a date; ``text`` is the explanation."""
        body = _object(await _json_body(request), ("on",))
        j = get(code)
        explain = body.get("explain", True)
        if not isinstance(explain, bool):
            raise RequestError(422, "InvalidRequest", "'explain' must be true or false", "explain")
        result = j.evaluate(rule_id, body.get("facts", {}), body["on"], explain=explain)
        lang = _lang(request)
        return JSONResponse(
            {"result": result.to_dict(), "text": result.render(lang)},
            headers={"Content-Language": lang},
        )

    @app.post(
        "/jurisdictions/{code}/find",
        tags=["evaluation"],
        openapi_extra=_body("FindRequest"),
        responses=_answer("Finding"),
    )
    async def find(code: str, request: Request) -> JSONResponse:
        """The policy finder: totals, next questions and gaps for one applicant."""
        body = _object(await _json_body(request), ("on",))
        subject = body.get("subject", "enterprise")
        if not isinstance(subject, str):
            raise RequestError(422, "InvalidRequest", "'subject' must be text", "subject")
        summary = get(code).find(
            body.get("facts", {}), body["on"], subject=_subject(subject) or "enterprise"
        )
        lang = _lang(request)
        return JSONResponse(
            {"summary": summary.to_dict(), "text": summary.render(lang)},
            headers={"Content-Language": lang},
        )

    @app.post(
        "/jurisdictions/{code}/screen",
        tags=["evaluation"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/x-ndjson": {
                        "schema": {
                            "type": "string",
                            "description": 'one JSON object per line: {"id", "on", "facts"}',
                        }
                    }
                },
            }
        },
        responses={
            200: {"content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
            **_errors(),
        },
    )
    async def screen(
        code: str, request: Request, on: str | None = None, rule: str | None = None
    ) -> Response:
        """Screen a small batch: JSON Lines of ``{"id", "on", "facts"}`` in, one line of
        results (or of a field-level error) per row out. ``rule`` is a comma-separated
        list of catalog ids (default: every rule)."""
        j = get(code)
        rule_ids = None
        if rule:
            rule_ids = tuple(r.strip() for r in rule.split(",") if r.strip())
            for rule_id in rule_ids:
                j.versions(rule_id)  # 404 for an unknown id, before reading the body
        raw = await _read_limited(request)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise RequestError(422, "InvalidRequest", "the body must be UTF-8 text") from None
        lines = text.splitlines()
        if len(lines) > MAX_SCREEN_ROWS:
            raise RequestError(
                413, "TooManyRows", f"at most {MAX_SCREEN_ROWS} rows; use the screening path"
            )
        lang = _lang(request)
        out = "".join(screen_rows(j, iter(lines), rule_ids, on, lang))
        return Response(out, media_type="application/x-ndjson", headers={"Content-Language": lang})

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            components = document.setdefault("components", {}).setdefault("schemas", {})
            components.update(_components(get))
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _body(name: str) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
        }
    }


def _errors() -> dict[int | str, dict[str, Any]]:
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    return {
        404: {"description": "unknown jurisdiction or rule", **error},
        413: {"description": "body too large", **error},
        422: {"description": "bad facts or request", **error},
    }


def _answer(name: str) -> dict[int | str, dict[str, Any]]:
    ok = {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}
    return {200: ok, **_errors()}


def _rehome(document: Mapping[str, Any], prefix: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Move a schema's ``$defs`` into OpenAPI components named ``prefix_name``."""

    def fix(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                    out[key] = f"#/components/schemas/{prefix}_{value[len('#/$defs/') :]}"
                elif key not in ("$defs", "$schema"):
                    out[key] = fix(value)
            return out
        if isinstance(node, list):
            return [fix(item) for item in node]
        return node

    defs = {f"{prefix}_{name}": fix(value) for name, value in document.get("$defs", {}).items()}
    return fix(document), defs


def _components(get: _Jurisdictions) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    for code in available():
        facts.update(schema.facts_schema(get(code))["properties"])
    result, result_defs = _rehome(schema.result_schema(), "Result")
    summary, summary_defs = _rehome(schema.summary_schema(), "FinderSummary")
    request: dict[str, Any] = {
        "type": "object",
        "required": ["on"],
        "properties": {
            "on": {"type": "string", "format": "date", "description": "date YYYY-MM-DD"},
            "facts": {"$ref": "#/components/schemas/Facts"},
        },
        "additionalProperties": False,
    }
    find_request = {
        **request,
        "properties": {
            **request["properties"],
            "subject": {"enum": list(SUBJECTS), "default": "enterprise"},
        },
    }
    evaluate_request = {
        **request,
        "properties": {**request["properties"], "explain": {"type": "boolean", "default": True}},
    }
    return {
        "Facts": {"type": "object", "properties": facts, "additionalProperties": False},
        "EvaluateRequest": evaluate_request,
        "FindRequest": find_request,
        "Result": result,
        **result_defs,
        "FinderSummary": summary,
        **summary_defs,
        "Evaluation": {
            "type": "object",
            "required": ["result", "text"],
            "properties": {
                "result": {"$ref": "#/components/schemas/Result"},
                "text": {"type": "string"},
            },
        },
        "Finding": {
            "type": "object",
            "required": ["summary", "text"],
            "properties": {
                "summary": {"$ref": "#/components/schemas/FinderSummary"},
                "text": {"type": "string"},
            },
        },
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["type", "message"],
                    "properties": {
                        "type": {"type": "string"},
                        "message": {"type": "string"},
                        "field": {"type": "string"},
                        "value": {},
                        "reason": {"type": "string"},
                    },
                }
            },
        },
    }


def run(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve :func:`create_app` with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(), host=host, port=port, log_level="info")


__all__ = ["MAX_BODY_BYTES", "MAX_SCREEN_ROWS", "create_app", "run", "screen_rows"]
