"""innovpolicy.screening: inputs, validation, output shape, the CLI, and import isolation."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
np = pytest.importorskip("numpy")

import innovpolicy  # noqa: E402
from innovpolicy import screening  # noqa: E402
from innovpolicy.__main__ import main  # noqa: E402
from innovpolicy.exceptions import InvalidFactError, UnknownFactError  # noqa: E402

XINING = innovpolicy.load("xining")
ON = date(2019, 6, 30)
TBE = {
    "id": ["a", "b", "c"],
    "main_business_is_tech": [True, True, None],
    "business_start_date": [date(2012, 3, 15), date(2018, 6, 30), date(2018, 7, 1)],
    "finances_sound": [True, True, True],
    "main_business_revenue[2018]": [Decimal("900000.00"), Decimal("500000.00"), None],
    "sales_revenue[2018]": [Decimal("1000000.00"), Decimal("1000000.00"), Decimal(0)],
    "employees": [100, 10, 5],
    "sci_tech_staff": [35, 3, 1],
    "rd_expense[2018]": [Decimal("30000.00"), Decimal("20000.00"), Decimal(1)],
    "sustained_innovation_capacity": [True, True, True],
    "owns_ip": [True, True, True],
}


def _table(**changes: list[object]) -> pa.Table:
    data = dict(TBE, **changes)
    types = {
        k: pa.decimal128(38, 2)
        for k in data
        if k.endswith("]") and all(v is None or isinstance(v, Decimal) for v in data[k])
    }
    return pa.table({k: pa.array(v, types.get(k)) for k, v in data.items()})


def test_screen_shape_and_values() -> None:
    out = XINING.screen(_table(), on=ON, rules=["QH-TBE", "QH20-PLATFORM"])
    assert out.column_names == [
        "id",
        "QH-TBE.status",
        "QH-TBE.missing",
        "QH-TBE.reasons",
        "QH20-PLATFORM.status",
        "QH20-PLATFORM.amount",
        "QH20-PLATFORM.missing",
        "QH20-PLATFORM.reasons",
    ]
    rows = out.to_pylist()
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    # b: exactly 1 full year, exactly 50%, exactly 30%, exactly 2% → eligible (以上 is inclusive)
    # c: some facts unknown and sales zero (ratio undefined), but business started on
    # 2018-07-01 (0 full years): one known failure decides (Kleene), so ineligible.
    assert [r["QH-TBE.status"] for r in rows] == ["eligible", "eligible", "ineligible"]
    assert (
        rows[2]["QH-TBE.status"]
        == XINING.evaluate("QH-TBE", screening.row_facts(XINING, _table(), 2), ON).status.value
    )
    assert [r["QH20-PLATFORM.status"] for r in rows] == ["not_in_force"] * 3
    assert rows[0]["QH20-PLATFORM.amount"] is None


def test_missing_in_the_per_row_order() -> None:
    table = _table(main_business_is_tech=[None, True, None], owns_ip=[None, True, None])
    table = table.set_column(
        table.schema.get_field_index("business_start_date"),
        "business_start_date",
        pa.array([None, date(2010, 1, 1), None], pa.date32()),
    )
    out = XINING.screen(table, on=ON, rules=["QH-TBE"]).to_pylist()
    for index, row in enumerate(out):
        expected = XINING.evaluate("QH-TBE", screening.row_facts(XINING, table, index), ON)
        assert row["QH-TBE.status"] == expected.status.value
        assert tuple(row["QH-TBE.missing"]) == expected.missing
    assert out[0]["QH-TBE.missing"][:2] == ["main_business_is_tech", "business_start_date"]


def test_sustained_innovation_capacity_by_columns_as_per_row() -> None:
    # QH-TBE 第三条(四) 并具有持续开展科技创新活动的能力: false fails, unknown is named.
    table = _table(sustained_innovation_capacity=[False, None, True])
    out = XINING.screen(table, on=ON, rules=["QH-TBE"]).to_pylist()
    assert [r["QH-TBE.status"] for r in out] == ["ineligible", "undetermined", "ineligible"]
    assert out[1]["QH-TBE.missing"] == ["sustained_innovation_capacity"]
    for index, row in enumerate(out):
        expected = XINING.evaluate("QH-TBE", screening.row_facts(XINING, table, index), ON)
        assert row["QH-TBE.status"] == expected.status.value
        assert tuple(row["QH-TBE.missing"]) == expected.missing


def test_amounts_shares_and_refinement_are_exact() -> None:
    rules = ["QH20-TECH-INTRO", "QH20-PLATFORM"]
    table = pa.table(
        {
            "imported_technology_effective": [True, True],
            "transfer_project_rd_total": pa.array(
                [Decimal("1234567.89"), Decimal("3")], pa.decimal128(38, 2)
            ),
            "tax_paid[2020]": pa.array([Decimal("100000.01"), Decimal("1")], pa.decimal128(38, 2)),
            "tax_paid[2019]": pa.array([Decimal("100000"), Decimal("0")], pa.decimal128(38, 2)),
            "tax_paid[2018]": pa.array([Decimal("100000"), Decimal("0")], pa.decimal128(38, 2)),
            "achievements_transformed": [3, 3],
            "transaction_volume": pa.array(
                [Decimal("87654321.09"), Decimal("0.33")], pa.decimal128(38, 2)
            ),
            "prefecture": ["西宁市", "西宁市"],
            "district": ["城东区", "城西区"],
        }
    )
    on = date(2021, 6, 30)
    out = XINING.screen(table, on=on, rules=rules).to_pylist()
    for index, row in enumerate(out):
        facts = screening.row_facts(XINING, table, index)
        for rule in rules:
            expected = XINING.evaluate(rule, facts, on)
            assert row[f"{rule}.amount"] == expected.amount
            shares = {
                k.split(".share.")[1]: v for k, v in row.items() if k.startswith(f"{rule}.share.")
            }
            assert shares == {s.role: s.amount for s in expected.shares}
            if expected.shares:
                assert sum(shares.values()) == expected.amount
    assert set(out[0]) >= {"QH20-TECH-INTRO.share.city", "QH20-TECH-INTRO.share.district"}


def test_huge_values_take_the_exact_python_integer_path() -> None:
    big = Decimal("987654321098765432.99")  # beyond int64 fen, inside the 10^18 bound
    table = pa.table(
        {
            "achievements_transformed": [3, 3],
            "transaction_volume": pa.array([big, Decimal("1.00")], pa.decimal128(38, 2)),
        }
    )
    on = date(2021, 6, 30)
    out = XINING.screen(table, on=on, rules=["QH20-PLATFORM"]).to_pylist()
    assert (
        out[0]["QH20-PLATFORM.amount"]
        == XINING.evaluate(
            "QH20-PLATFORM", {"achievements_transformed": 3, "transaction_volume": big}, on
        ).amount
    )
    assert out[1]["QH20-PLATFORM.amount"] == Decimal("0.02")  # 1.5% of 1.00 = 0.015 → half up


def test_inputs_pandas_polars_batches() -> None:
    table = _table()
    expected = XINING.screen(table, on=ON, rules=["QH-TBE"])
    pd = pytest.importorskip("pandas")
    frame = table.to_pandas(types_mapper=pd.ArrowDtype)
    assert XINING.screen(frame, on=ON, rules=["QH-TBE"]).equals(expected)
    batches = table.to_batches(max_chunksize=1)
    got = XINING.screen(iter(batches), on=ON, rules=["QH-TBE"])
    assert got.to_pylist() == expected.to_pylist()
    pl = pytest.importorskip("polars")
    got = XINING.screen(pl.from_arrow(table), on=ON, rules=["QH-TBE"])
    assert got.to_pylist() == expected.to_pylist()


def test_strings_parse_like_the_per_row_path() -> None:
    table = _table(**{"rd_expense[2018]": ["30,000", "20000.00", None]})
    out = XINING.screen(table, on=ON, rules=["QH-TBE"]).to_pylist()
    assert out[0]["QH-TBE.status"] == "eligible"


@pytest.mark.parametrize(
    ("changes", "error", "text"),
    [
        (
            {"employees": [100, -1, 5]},
            InvalidFactError,
            "employees=-1: must be at least 0 (first offending row: id='b')",
        ),
        (
            {"employees": [100.0, 10.0, 5.0]},
            InvalidFactError,
            "employees=100.0: binary floats are not exact",
        ),
        (
            {"rd_expense[2018]": [1.5, None, None]},
            InvalidFactError,
            "rd_expense[2018]=1.5: binary floats",
        ),
        ({"employes": [1, 2, 3]}, UnknownFactError, "employes="),
        ({"rd_expense": [1, 2, 3]}, InvalidFactError, "one column per fiscal year"),
        ({"employees[2018]": [1, 2, 3]}, UnknownFactError, "not a yearly fact"),
        ({"sci_tech_staff": [101, 3, 1]}, InvalidFactError, "exceeds employees=100"),
        ({"business_start_date": ["2012-3-15", None, None]}, InvalidFactError, "YYYY-MM-DD"),
        ({"owns_ip": [1, 0, 1]}, InvalidFactError, "owns_ip=1: expected true or false"),
    ],
)
def test_validation_names_the_column_and_row(changes: dict, error: type, text: str) -> None:
    with pytest.raises(error) as info:
        XINING.screen(_table(**changes), on=ON, rules=["QH-TBE"])
    assert text in str(info.value)


def test_text_choices_are_checked() -> None:
    table = pa.table({"id": [1, 2], "host_kind": ["enterprise", "factory"]})
    with pytest.raises(InvalidFactError, match=r"host_kind='factory'.*id=2"):
        XINING.screen(table, on=ON, rules=["QH-ERC"])


def test_dictionary_text_columns() -> None:
    kinds = pa.array(["enterprise", "university", None, "enterprise"]).dictionary_encode()
    table = pa.table({"id": [1, 2, 3, 4], "host_kind": kinds})
    out = XINING.screen(table, on=ON, rules=["QH-ERC"])
    assert out.column("QH-ERC.status").to_pylist() == ["undetermined"] * 4
    assert out.to_pylist()[2]["QH-ERC.missing"][3] == "host_kind"
    bad = pa.table(
        {"id": [7, 8], "host_kind": pa.array(["enterprise", "farm"]).dictionary_encode()}
    )
    with pytest.raises(InvalidFactError, match=r"host_kind='farm'.*id=8"):
        XINING.screen(bad, on=ON, rules=["QH-ERC"])


def test_explain_row_is_the_per_row_result() -> None:
    result = screening.explain_row(XINING, _table(), 1, "QH-TBE", ON)
    assert result.status.value == "eligible"
    assert "S&T staff / employees" in result.render()


def test_fallback_rules_are_visible() -> None:
    plan = screening.compile(XINING, "2019-06-30")
    assert "QH-TBE" not in plan.fallback_rules
    assert plan.fallback_rules  # the rules using node kinds the plan lacks, with reasons
    assert all(reason for reason in plan.fallback_rules.values())


def test_empty_table() -> None:
    out = XINING.screen(_table().slice(0, 0), on=ON, rules=["QH-TBE"])
    assert out.num_rows == 0
    assert "QH-TBE.status" in out.column_names


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_cli_screen(tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]) -> None:
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    table = _table()
    source = tmp_path / f"firms{suffix}"
    if suffix == ".parquet":
        pq.write_table(table, source)
    elif suffix == ".csv":
        pcsv.write_csv(table, source)
    else:
        with source.open("w") as handle:
            for row in table.to_pylist():
                handle.write(json.dumps(row, default=str) + "\n")
    out = tmp_path / "out.parquet"
    code = main(
        [
            "screen",
            str(source),
            "--on",
            "2019-06-30",
            "--rule",
            "QH-TBE",
            "--out",
            str(out),
            "--batch-size",
            "2",
        ]
    )
    assert code == 0
    screened = pq.read_table(out)
    assert screened.column("QH-TBE.status").to_pylist() == ["eligible", "eligible", "ineligible"]
    err = capsys.readouterr().err
    assert "3 rows screened" in err
    assert "eligible 2, ineligible 1" in err


def test_cli_screen_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "firms.csv"
    source.write_text("id,employees\n1,10\n2,-3\n", encoding="utf-8")
    code = main(["screen", str(source), "--on", "2019-06-30", "--out", str(tmp_path / "o.csv")])
    assert code == 1  # an input error (usage errors are 2)
    assert "employees=-3: must be at least 0 (first offending row: id=2)" in capsys.readouterr().err


def test_import_and_load_do_not_import_the_extras() -> None:
    code = (
        "import sys, innovpolicy; innovpolicy.load('xining'); "
        "print(sorted(m for m in ('pyarrow', 'numpy', 'pandas', 'polars', 'dask', 'tqdm') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_slices_screened_in_threads_give_the_same_table() -> None:
    table = pa.concat_tables([_table()] * 22_000).combine_chunks()  # 66,000 rows, with nulls
    batch = table.to_batches()[0].slice(1)  # an Arrow offset, too
    rules = ["QH-TBE", "QH-ERC", "QH20-PLATFORM"]
    one = screening.Screener(XINING, ON, rules, threads=1).screen_batch(batch)
    parts = screening.Screener(XINING, ON, rules, threads=2).screen_parallel(batch)
    assert len(parts) == 2
    assert pa.Table.from_batches(parts).equals(pa.Table.from_batches([one]))


def test_row_index_in_errors_counts_across_slices() -> None:
    employees = np.full(80_000, 10, dtype=np.int64)
    employees[70_001] = -2
    table = pa.table({"employees": employees})
    with pytest.raises(InvalidFactError, match="first offending row: index 70001"):
        screening.screen(XINING, table, on=ON, rules=["QH-TBE"], threads=2)


def test_screen_file_progress_bar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pyarrow.parquet as pq

    source = tmp_path / "firms.parquet"
    pq.write_table(_table(), source)
    summary = screening.screen_file(
        XINING, str(source), str(tmp_path / "out.jsonl"), on=ON, rules=["QH-TBE"], progress=True
    )
    assert summary.rows == 3
    assert "rows/s" in capsys.readouterr().err
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[1])["QH-TBE.status"] == "eligible"


def test_batch_function_and_spark_schema() -> None:
    fn = screening.batch_function("xining", "2021-06-30", ["QH20-PLATFORM", "QH-TBE"])
    batch = pa.record_batch(
        {
            "id": pa.array(["x", "y"]),
            "achievements_transformed": pa.array([3, 1]),
            "transaction_volume": pa.array([Decimal("12000000"), None], pa.decimal128(18, 2)),
        }
    )
    (out,) = list(fn([batch]))
    assert out.column(1).to_pylist() == ["eligible", "ineligible"]
    assert out.schema.field("QH20-PLATFORM.status").type == pa.string()
    screener = screening.Screener(XINING, "2021-06-30", ["QH20-PLATFORM", "QH-TBE"])
    assert screening.ddl(screener.schema(pa.string())) == (
        "`id` string, `QH20-PLATFORM.status` string, `QH20-PLATFORM.amount` decimal(38,2), "
        "`QH20-PLATFORM.missing` array<string>, `QH20-PLATFORM.reasons` array<string>, "
        "`QH-TBE.status` string, `QH-TBE.missing` array<string>, "
        "`QH-TBE.reasons` array<string>"
    )


def test_plan_is_one_logical_form() -> None:
    """The plan holds resolved parameters, integer dates and flat yearly keys."""
    from fractions import Fraction

    from innovpolicy import _plan

    plan = screening.compile(XINING, "2021-06-30", ["QH20-TECH-INTRO", "QH-TBE", "QH20-PLATFORM"])
    tech, tbe, platform = plan.rules
    assert tbe.mode == "not_in_force"
    assert tech.mode == platform.mode == "compiled"
    assert tech.share_roles == ("province", "city", "district")
    assert tech.split[1].into == (("city", Fraction(1)), ("district", Fraction(1)))
    assert isinstance(platform.amount, _plan.ALesser)
    assert "tax_paid[2020]" in plan.fact_keys()
    assert plan.fallback_rules == {}


def test_cli_csv_cells_are_parsed_like_the_per_row_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pyarrow.parquet as pq

    source = tmp_path / "firms.csv"
    source.write_text(
        'id,achievements_transformed,transaction_volume\na,3,"12,000,000.00"\nb,3,0.33\nc,TRUE,\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.parquet"
    args = ["screen", str(source), "--on", "2021-06-30", "--rule", "QH20-PLATFORM"]
    assert main([*args, "--out", str(out)]) == 1  # an input error
    assert "achievements_transformed='TRUE': not a decimal number" in capsys.readouterr().err
    source.write_text(source.read_text(encoding="utf-8").replace("TRUE", "2"), encoding="utf-8")
    assert main([*args, "--out", str(out)]) == 0
    rows = pq.read_table(out).to_pylist()
    assert [r["QH20-PLATFORM.amount"] for r in rows] == [
        Decimal("170000.00"),
        Decimal("0.00"),
        None,
    ]
    assert [r["QH20-PLATFORM.status"] for r in rows] == ["eligible", "eligible", "ineligible"]


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_cli_screen_writes_ranges_and_reasons(
    tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every output format carries ``amount_low``/``amount_high`` and ``reasons``; CSV
    joins a list's items with ';'."""
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    source = tmp_path / "firms.csv"
    source.write_text(
        "id,registered_in_qinghai,is_tech_based_enterprise,ipo_listed,"
        "employees,sci_tech_staff,business_start_date\n"
        "a,true,true,true,0,0,2023-01-01\n"
        "b,true,true,false,10,3,2010-01-01\n",
        encoding="utf-8",
    )
    out = tmp_path / f"out{suffix}"
    rules = ["--rule", "QH-IPO-REWARD", "--rule", "QH-TBE"]
    assert main(["screen", str(source), "--on", "2019-06-30", *rules, "--out", str(out)]) == 0
    capsys.readouterr()
    if suffix == ".parquet":
        rows = pq.read_table(out).to_pylist()
    elif suffix == ".csv":
        rows = pcsv.read_csv(
            out, convert_options=pcsv.ConvertOptions(strings_can_be_null=True)
        ).to_pylist()
    else:
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    reasons = (
        "business_start_date 2023-01-01 is after 2019-06-30: a duration cannot be counted "
        "from a later date; check the date",
        "employees is zero, so the ratio is undefined",
    )
    expected = XINING.evaluate(
        "QH-TBE",
        {"employees": 0, "sci_tech_staff": 0, "business_start_date": "2023-01-01"},
        "2019-06-30",
    )
    assert expected.reasons == reasons
    low, high = rows[0]["QH-IPO-REWARD.amount_low"], rows[0]["QH-IPO-REWARD.amount_high"]
    if suffix == ".parquet":
        assert rows[0]["QH-TBE.reasons"] == list(reasons)
        assert rows[1]["QH-TBE.reasons"] == []
        assert (low, high) == (Decimal(0), Decimal(2_000_000))
    elif suffix == ".csv":
        assert rows[0]["QH-TBE.reasons"] == " | ".join(reasons)
        assert rows[0]["QH-TBE.reasons"].split(" | ") == list(reasons)
        assert rows[1]["QH-TBE.reasons"] in ("", None)
        assert (Decimal(str(low)), Decimal(str(high))) == (Decimal(0), Decimal(2_000_000))
    else:
        assert rows[0]["QH-TBE.reasons"] == list(reasons)
        assert (Decimal(low), Decimal(high)) == (Decimal(0), Decimal(2_000_000))
    assert rows[1]["QH-IPO-REWARD.amount_low"] in (None, "")
