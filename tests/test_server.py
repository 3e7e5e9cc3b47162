"""The HTTP service, tested against a real server: ``innovpolicy serve`` started on a free
port of 127.0.0.1, called over HTTP with httpx, stopped at the end; then a bounded
schemathesis run over its OpenAPI document."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import jsonschema
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from innovpolicy import schema
from innovpolicy.server import MAX_BODY_BYTES

PLATFORM_FACTS = {"achievements_transformed": 3, "transaction_volume": 12000000}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "innovpolicy", "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/jurisdictions", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                _out, err = process.communicate(timeout=5)
                pytest.fail(f"the server did not start: {err.decode(errors='replace')}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as http:
        yield http


def test_catalog(client: httpx.Client) -> None:
    codes = {j["code"] for j in client.get("/jurisdictions").json()}
    assert {"qinghai", "xining"} <= codes
    rules = {r["rule_id"]: r for r in client.get("/jurisdictions/xining/rules").json()}
    tbe = rules["QH-TBE"]
    assert tbe["subjects"] == ["enterprise"]
    assert tbe["citation"]["document"] == "青科发高新[2014]188号"
    assert tbe["windows"] == [{"valid_from": "2015-01-30", "valid_to": "2019-12-31"}]
    broker = client.get("/jurisdictions/xining/rules/QH-BROKER").json()
    assert "registered_capital" in broker["branches"]["broker_applicant_kind"]["firm"]
    facts = client.get(
        "/jurisdictions/xining/rules/QH-BROKER/facts", params={"subject": "individual"}
    ).json()
    assert "registered_capital" not in {f["name"] for f in facts}
    zh = client.get(
        "/jurisdictions/xining/rules/QH-TBE/facts", headers={"Accept-Language": "zh-CN"}
    ).json()
    assert {f["name"]: f["meaning"] for f in zh}["employees"] == "从业人员总数"


def test_schemas(client: httpx.Client) -> None:
    rule = client.get("/jurisdictions/xining/rules/QH-TBE/schema").json()
    jsonschema.Draft202012Validator.check_schema(rule)
    assert "sci_tech_staff" in rule["properties"]
    assert client.get("/schemas/result").json() == schema.result_schema()
    assert client.get("/schemas/summary").json() == schema.summary_schema()


def test_evaluate(client: httpx.Client) -> None:
    response = client.post(
        "/jurisdictions/xining/rules/QH20-PLATFORM/evaluate",
        json={"on": "2021-06-30", "facts": PLATFORM_FACTS},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["result"]["amount"] == "170000.00"
    jsonschema.validate(body["result"], schema.result_schema())
    assert "ELIGIBLE" in body["text"]
    # Exact decimals: a JSON number with a fraction is read as a Decimal.
    raw = '{"on": "2021-06-30", "facts": {"achievements_transformed": 3, "transaction_volume": 10000000.01}}'
    exact = client.post(
        "/jurisdictions/xining/rules/QH20-PLATFORM/evaluate",
        content=raw,
        headers={"Content-Type": "application/json", "Accept-Language": "zh"},
    )
    assert exact.json()["result"]["amount"] == "150000.00"
    assert "金额：150,000.00元（15万元）" in exact.json()["text"]
    assert exact.headers["content-language"] == "zh"


def test_find(client: httpx.Client) -> None:
    response = client.post(
        "/jurisdictions/xining/find",
        json={"on": "2021-06-30", "subject": "platform", "facts": {"achievements_transformed": 2}},
        headers={"Accept-Language": "zh"},
    )
    assert response.status_code == 200
    body = response.json()
    jsonschema.validate(body["summary"], schema.summary_schema())
    gaps = {i["rule_id"]: i["gaps"] for i in body["summary"]["ineligible"]}
    (change,) = gaps["QH20-PLATFORM"][0]["changes"]
    assert (change["fact"], change["target"]) == ("achievements_transformed", 3)
    assert body["text"].startswith("政策匹配：xining")


def test_errors_are_json_with_field_level_messages(client: httpx.Client) -> None:
    bad = client.post(
        "/jurisdictions/xining/rules/QH-TBE/evaluate",
        json={"on": "2019-06-30", "facts": {"employees": -1}},
    )
    assert bad.status_code == 422
    assert bad.json()["error"] == {
        "type": "InvalidFactError",
        "message": "employees=-1: must be at least 0",
        "field": "employees",
        "value": -1,
        "reason": "must be at least 0",
    }
    unknown_rule = client.post(
        "/jurisdictions/xining/rules/QH-NOPE/evaluate", json={"on": "2021-06-30"}
    )
    assert unknown_rule.status_code == 404
    assert unknown_rule.json()["error"]["field"] == "rule_id"
    assert client.get("/jurisdictions/atlantis/rules").status_code == 404
    for body, field in (
        ({"facts": {}}, "on"),
        ({"on": "2021-06-30", "facts": []}, "facts"),
        ({"on": "2021-06-30", "extra": 1}, "extra"),
        ({"on": "2021-06-30", "subject": "firm"}, "subject"),
    ):
        response = client.post("/jurisdictions/xining/find", json=body)
        assert response.status_code == 422, body
        assert response.json()["error"]["field"] == field
    not_json = client.post(
        "/jurisdictions/xining/find",
        content=b"{not json",
        headers={"Content-Type": "application/json"},
    )
    assert not_json.status_code == 422
    assert "Traceback" not in not_json.text
    deep = client.post(
        "/jurisdictions/xining/find",
        content=b"[" * 100_000 + b"]" * 100_000,
        headers={"Content-Type": "application/json"},
    )
    assert deep.status_code == 422 and deep.json()["error"]["type"] == "InvalidJSON"
    bad_date = client.post("/jurisdictions/xining/find", json={"on": "2021-02-30"})
    assert bad_date.status_code == 422 and bad_date.json()["error"]["field"] == "on"


def test_errors_in_chinese_when_the_request_prefers_it(client: httpx.Client) -> None:
    zh = {"Accept-Language": "zh-CN,zh;q=0.9"}
    bad = client.post(
        "/jurisdictions/xining/rules/QH-TBE/evaluate",
        json={"on": "2019-06-30", "facts": {"employees": -1}},
        headers=zh,
    )
    assert bad.status_code == 422 and bad.headers["content-language"] == "zh"
    assert bad.json()["error"] == {
        "type": "InvalidFactError",
        "message": "employees=-1：不得小于 0",
        "field": "employees",
        "value": -1,
        "reason": "不得小于 0",
    }
    unknown_rule = client.post(
        "/jurisdictions/xining/rules/QH-TBX/evaluate", json={"on": "2021-06-30"}, headers=zh
    )
    assert "没有这条规则" in unknown_rule.json()["error"]["message"]
    assert "QH-TBE" in unknown_rule.json()["error"]["message"]
    rows = client.post(
        "/jurisdictions/xining/screen",
        params={"on": "2021-06-30", "rule": "QH20-PLATFORM"},
        content=json.dumps({"id": "b", "facts": {"employees": -3}}).encode(),
        headers={**zh, "Content-Type": "application/x-ndjson"},
    )
    assert json.loads(rows.text)["error"]["reason"] == "不得小于 0"


def test_body_size_limit(client: httpx.Client) -> None:
    big = b'{"on": "2021-06-30", "facts": {"name": "' + b"x" * MAX_BODY_BYTES + b'"}}'
    response = client.post(
        "/jurisdictions/xining/find", content=big, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "BodyTooLarge"


def test_screen_json_lines(client: httpx.Client) -> None:
    lines = "\n".join(
        [
            json.dumps(
                {"id": "a", "facts": {"achievements_transformed": 3, "transaction_volume": "100"}}
            ),
            json.dumps({"id": "b", "facts": {"employees": -3}}),
            json.dumps({"id": "c", "on": "2019-06-30", "facts": PLATFORM_FACTS}),
            "not json",
        ]
    )
    response = client.post(
        "/jurisdictions/xining/screen",
        params={"on": "2021-06-30", "rule": "QH20-PLATFORM"},
        content=lines.encode(),
        headers={"Content-Type": "application/x-ndjson"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(line) for line in response.text.splitlines()]
    assert [row["row"] for row in rows] == [0, 1, 2, 3]
    assert rows[0]["results"] == [
        {"rule_id": "QH20-PLATFORM", "status": "eligible", "amount": "1.50"}
    ]
    assert rows[1]["error"]["field"] == "employees"
    assert rows[2]["results"][0]["status"] == "not_in_force"
    assert rows[3]["error"]["type"] == "InvalidJSON"
    unknown = client.post("/jurisdictions/xining/screen", params={"rule": "QH-NOPE"}, content=b"")
    assert unknown.status_code == 404


@schemathesis.serializer("application/x-ndjson")
def _ndjson(ctx: object, value: object) -> bytes:
    # The /screen body is JSON Lines: the generated text is sent as it is.
    return value.encode() if isinstance(value, str) else json.dumps(value).encode()


def test_openapi_conformance(server: str) -> None:
    """A bounded schemathesis run over the OpenAPI document: generated requests never
    get a server error, and every answer matches the status codes, content types and
    schemas the document declares. (Driven by hand with Hypothesis: schemathesis'
    pytest fixture integration does not run under pytest 9.)"""
    api = schemathesis.openapi.from_url(f"{server}/openapi.json")
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 10
    calls: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=8,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate()
            calls.append(case.path)

        check()
    assert set(calls) == {operation.path for operation in operations}


def test_import_innovpolicy_does_not_import_the_server_extra() -> None:
    code = (
        "import sys, innovpolicy; j = innovpolicy.load('xining'); "
        "j.find({}, '2021-06-30'); from innovpolicy import schema; schema.summary_schema(); "
        "print(sorted(m for m in ('fastapi', 'uvicorn', 'starlette', 'jsonschema') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
