"""The proof of the columnar path: it equals the per-row reference interpreter, row for row.

For every rule of the Xining stack and of the example county, Hypothesis draws tables
(values exactly at the thresholds the rules compare with, one unit either side, missing
facts, zero denominators, future dates, huge values) and every cell of ``screen`` —
status, amount to the fen, discretionary range, each payer share, the missing facts and
the reasons in order — must equal ``evaluate``.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import innovpolicy  # noqa: E402
from innovpolicy._facts import yearly_key  # noqa: E402
from innovpolicy._params import MarginalScale  # noqa: E402

DATES = (
    date(2016, 3, 1),
    date(2019, 6, 30),
    date(2020, 12, 31),
    date(2021, 6, 30),
    date(2024, 6, 30),
)
JURISDICTIONS = {code: innovpolicy.load(code) for code in ("xining", "example-county")}


def _thresholds(j: innovpolicy.Jurisdiction) -> list[Decimal]:
    found: set[Decimal] = set()
    for params in j._params.values():
        for _, parameter in params:
            for dated in parameter.values:
                value = dated.value
                if isinstance(value, MarginalScale):
                    found.update(b.threshold for b in value.brackets)
                else:
                    found.add(value)
    return sorted(found)


THRESHOLDS = {code: _thresholds(j) for code, j in JURISDICTIONS.items()}


def _decimal(code: str) -> st.SearchStrategy[Decimal | None]:
    near = st.sampled_from(THRESHOLDS[code]).flatmap(
        lambda t: st.sampled_from(
            [t, t + Decimal("0.01"), t - Decimal("0.01"), t * 10, t * 100, t * 20, t * 50]
        )
    )
    return st.one_of(
        st.none(),
        st.just(Decimal(0)),
        near.filter(lambda v: 0 <= v < 10**18),
        st.integers(0, 10**9).map(lambda v: Decimal(v).scaleb(-2)),
        # huge, up to the documented bound (docs/limits.md: below 10^18)
        st.integers(10**15, 10**18 - 1).map(Decimal),
    )


def _integer(code: str) -> st.SearchStrategy[int | None]:
    near = st.sampled_from([t for t in THRESHOLDS[code] if t == t.to_integral_value()]).flatmap(
        lambda t: st.sampled_from([int(t) - 1, int(t), int(t) + 1, int(t) * 10])
    )
    return st.one_of(
        st.none(),
        st.just(0),
        near.filter(lambda v: 0 <= v < 10**12),
        st.integers(0, 500),
        # huge, up to the documented bound (docs/limits.md: below 10^12)
        st.integers(2**31, 10**12 - 1),
    )


def _date(on: date) -> st.SearchStrategy[date | None]:
    def around(years: int) -> st.SearchStrategy[date]:
        try:
            anchor = on.replace(year=on.year - years)
        except ValueError:
            anchor = on.replace(year=on.year - years, day=28)
        return st.sampled_from([anchor - timedelta(days=1), anchor, anchor + timedelta(days=1)])

    return st.one_of(
        st.none(),
        st.integers(0, 12).flatmap(around),
        st.dates(date(1990, 1, 1), date(2030, 12, 31)),
        st.sampled_from([date(2016, 2, 29), date(2012, 2, 29), date(2020, 2, 29)]),
    )


def _columns(j: innovpolicy.Jurisdiction, rule_ids: tuple[str, ...], on: date) -> dict[str, Any]:
    specs = {}
    for rid in rule_ids:
        for spec in j.facts_for(rid):
            specs[spec.name] = spec
    columns = {}
    for spec in specs.values():
        if spec.yearly:
            for back in range(0, 6):
                columns[yearly_key(spec.name, on.year - back)] = spec
        else:
            columns[spec.name] = spec
    return columns


def _cell(code: str, spec: Any, on: date) -> st.SearchStrategy[Any]:
    if spec.kind == "decimal":
        return _decimal(code)
    if spec.kind == "integer":
        if spec.name in ("first_support_year",) or "year" in spec.name:
            return st.one_of(st.none(), st.integers(on.year - 3, on.year + 1))
        return _integer(code)
    if spec.kind == "boolean":
        return st.one_of(st.none(), st.booleans())
    if spec.kind == "date":
        return _date(on)
    if spec.choices:
        return st.one_of(st.none(), st.sampled_from(spec.choices))
    return st.one_of(st.none(), st.sampled_from(["甲", "乙"]))


_ARROW = {
    "decimal": pa.decimal128(38, 2),
    "integer": pa.int64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "text": pa.string(),
}


def _fix_constraints(j: innovpolicy.Jurisdiction, row: dict[str, Any], columns: Any) -> None:
    for name, spec in columns.items():
        value = row[name]
        if value is not None and spec.minimum is not None and value < spec.minimum:
            row[name] = spec.minimum if spec.kind == "decimal" else int(spec.minimum)
    for constraint in j.fact_registry.constraints:
        small, large = row.get(constraint.smaller), row.get(constraint.larger)
        if small is not None and large is not None and small > large:
            row[constraint.smaller] = large


def _table(j, columns, rows, narrow=False):
    """The rows as Arrow; *narrow* money columns are decimal128(18, 2) where they fit."""
    arrays = {"id": pa.array([f"r{i}" for i in range(len(rows))])}
    for name, spec in columns.items():
        values = [row[name] for row in rows]
        kind = _ARROW[spec.kind]
        if spec.kind == "decimal":
            values = [None if v is None else v.quantize(Decimal("0.01")) for v in values]
            if narrow and all(v is None or abs(v) < 10**16 for v in values):
                kind = pa.decimal128(18, 2)
        arrays[name] = pa.array(values, kind)
    return pa.table(arrays)


def _facts(row: dict[str, Any], columns: dict[str, Any]) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    for name, spec in columns.items():
        value = row[name]
        if value is None:
            continue
        if spec.kind == "decimal":
            value = value.quantize(Decimal("0.01"))
        if spec.yearly:
            year = int(name[name.index("[") + 1 : -1])
            facts.setdefault(spec.name, {})[year] = value
        else:
            facts[name] = value
    return facts


def _check(
    code: str, rule_ids: tuple[str, ...], on: date, rows: list[dict[str, Any]], narrow: bool
) -> None:
    j = JURISDICTIONS[code]
    columns = _columns(j, rule_ids, on)
    for row in rows:
        _fix_constraints(j, row, columns)
    table = _table(j, columns, rows, narrow)
    out = j.screen(table, on=on, rules=rule_ids).to_pylist()
    for index, row in enumerate(rows):
        facts = _facts(row, columns)
        for rid in rule_ids:
            expected = j.evaluate(rid, facts, on, explain=False)
            got = out[index]
            where = f"{rid} row {index} on {on}: facts {facts}"
            assert got[f"{rid}.status"] == expected.status.value, where
            if f"{rid}.amount" in got:
                assert got[f"{rid}.amount"] == expected.amount, where
            for share in expected.shares:
                assert got[f"{rid}.share.{share.role}"] == share.amount, where
            if not expected.shares:
                assert all(v is None for k, v in got.items() if k.startswith(f"{rid}.share.")), (
                    where
                )
            assert tuple(got[f"{rid}.missing"]) == expected.missing, where
            assert tuple(got[f"{rid}.reasons"]) == expected.reasons, where
            bounds = (got.get(f"{rid}.amount_low"), got.get(f"{rid}.amount_high"))
            if expected.amount_range is None:
                assert bounds == (None, None), where
            else:
                assert f"{rid}.amount_low" in got, where
                assert bounds == (expected.amount_range.low, expected.amount_range.high), where


def _rows(
    code: str, rule_ids: tuple[str, ...], on: date
) -> st.SearchStrategy[list[dict[str, Any]]]:
    columns = _columns(JURISDICTIONS[code], rule_ids, on)
    row = st.fixed_dictionaries({name: _cell(code, spec, on) for name, spec in columns.items()})
    return st.lists(row, min_size=1, max_size=40)


def _params() -> list[Any]:
    cases = []
    for code, j in JURISDICTIONS.items():
        for rid in j.rule_ids():
            cases.append(pytest.param(code, rid, id=f"{code}:{rid}"))
    return cases


@pytest.mark.parametrize(("code", "rule_id"), _params())
@settings(
    max_examples=int(__import__("os").environ.get("SCREEN_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_columnar_equals_per_row(code: str, rule_id: str, data: st.DataObject) -> None:
    on = data.draw(st.sampled_from(DATES))
    rows = data.draw(_rows(code, (rule_id,), on))
    _check(code, (rule_id,), on, rows, data.draw(st.booleans()))


#: dates the example county's layer (from 2022-01-01) is in force, and one before it
COUNTY_DATES = (date(2021, 6, 30), date(2022, 1, 1), date(2024, 6, 30))


def _located_rows(
    code: str, rule_ids: tuple[str, ...], on: date
) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Rows with the locating fact of the example county's territory: inside (示例县),
    outside (another district) or not given."""
    j = JURISDICTIONS[code]
    columns = _columns(j, rule_ids, on)
    cells = {name: _cell(code, spec, on) for name, spec in columns.items()}
    cells["district"] = st.sampled_from(["示例县", "城东区", None])
    return st.lists(st.fixed_dictionaries(cells), min_size=1, max_size=30)


@pytest.mark.parametrize("rule_id", [rid for rid in JURISDICTIONS["example-county"].rule_ids()])
@settings(
    max_examples=int(__import__("os").environ.get("SCREEN_EXAMPLES", "6")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_rows_outside_a_territory_get_the_parent_stacks_answers(
    rule_id: str, data: st.DataObject
) -> None:
    """The example county applies only to district 示例县: a row of another district gets
    Xining's answer, a row without a district an answer that holds either way (else
    undetermined, naming district), exactly as evaluate gives them."""
    code = "example-county"
    j = JURISDICTIONS[code]
    on = data.draw(st.sampled_from(COUNTY_DATES))
    rows = data.draw(_located_rows(code, (rule_id,), on))
    columns = {**_columns(j, (rule_id,), on), "district": j.fact_registry["district"]}
    for row in rows:
        _fix_constraints(j, row, columns)
    table = _table(j, columns, rows)
    out = j.screen(table, on=on, rules=(rule_id,)).to_pylist()
    assert [row["id"] for row in out] == [f"r{i}" for i in range(len(rows))]  # input order
    for index, row in enumerate(rows):
        facts = _facts(row, columns)
        expected = j.evaluate(rule_id, facts, on, explain=False)
        got = out[index]
        where = f"{rule_id} row {index} on {on}: facts {facts}"
        assert got[f"{rule_id}.status"] == expected.status.value, where
        if f"{rule_id}.amount" in got:
            assert got[f"{rule_id}.amount"] == expected.amount, where
        assert tuple(got[f"{rule_id}.missing"]) == expected.missing, where
        assert tuple(got[f"{rule_id}.reasons"]) == expected.reasons, where
        for share in expected.shares:
            assert got[f"{rule_id}.share.{share.role}"] == share.amount, where


def test_a_parents_payers_get_columns_when_rows_are_outside_the_territory() -> None:
    """Regression: a row of another district is paid under Xining's XN20-CONTRACT-BROKER,
    shared between city and district; the county's own version has other payers. The
    screen has a column for every payer either version uses (it raised KeyError)."""
    j = JURISDICTIONS["example-county"]
    on = date(2024, 6, 30)
    rows = [
        {
            "district": district,
            "contract_type": "development",
            "contract_registered": True,
            "brokered": True,
            "applicant_is_broker": True,
            "contract_amount": Decimal("2000000"),
        }
        for district in ("城东区", "示例县", None)
    ]
    columns = {name: j.fact_registry[name] for name in rows[0]}
    out = j.screen(_table(j, columns, rows), on=on, rules=("XN20-CONTRACT-BROKER",)).to_pylist()
    outside = j.evaluate("XN20-CONTRACT-BROKER", _facts(rows[0], columns), on, explain=False)
    assert outside.shares, "Xining's version pays shares to its payers"
    for share in outside.shares:
        assert out[0][f"XN20-CONTRACT-BROKER.share.{share.role}"] == share.amount
    for index, row in enumerate(rows):
        expected = j.evaluate("XN20-CONTRACT-BROKER", _facts(row, columns), on, explain=False)
        got = out[index]
        assert got["XN20-CONTRACT-BROKER.status"] == expected.status.value
        assert got["XN20-CONTRACT-BROKER.amount"] == expected.amount
        assert tuple(got["XN20-CONTRACT-BROKER.missing"]) == expected.missing
        assert tuple(got["XN20-CONTRACT-BROKER.reasons"]) == expected.reasons
        paid = {share.role: share.amount for share in expected.shares}
        for key, value in got.items():
            if key.startswith("XN20-CONTRACT-BROKER.share."):
                assert value == paid.get(key.rsplit(".", 1)[1]), (index, key)
    # without a district the two versions' answers differ: undetermined, naming it
    assert out[2]["XN20-CONTRACT-BROKER.status"] == "undetermined"
    assert "district" in out[2]["XN20-CONTRACT-BROKER.missing"]
