"""Dask: the same plan on a real LocalCluster with two worker processes."""

from __future__ import annotations

from decimal import Decimal

import pytest

pd = pytest.importorskip("pandas")
pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")
pa = pytest.importorskip("pyarrow")

import dask.dataframe as dd  # noqa: E402

import innovpolicy  # noqa: E402
import innovpolicy.dask  # noqa: E402

RULES = ["QH-TBE", "QH-ERC", "QH20-PLATFORM", "QH20-TECH-INTRO", "QH20-VOUCHER"]


def _firms(n: int) -> tuple[pd.DataFrame, pa.Table]:
    rows = []
    for i in range(n):
        rows.append(
            {
                "id": i,
                "main_business_is_tech": i % 7 != 0,
                "business_start_date": pd.Timestamp(2010 + i % 10, 1 + i % 12, 1).date()
                if i % 11
                else None,
                "finances_sound": True,
                "main_business_revenue[2018]": Decimal(500_000 + 1000 * i),
                "sales_revenue[2018]": Decimal(1_000_000) if i % 13 else Decimal(0),
                "employees": 100,
                "sci_tech_staff": 20 + i % 20 if i % 17 else None,
                "rd_expense[2018]": Decimal(20_000 + 100 * (i % 5)) / 1,
                "sustained_innovation_capacity": i % 19 != 0,
                "owns_ip": i % 3 != 0,
                "achievements_transformed": i % 6,
                "transaction_volume": Decimal(9_999_999 + 12_345 * i) / 100,
                "imported_technology_effective": i % 2 == 0,
                "transfer_project_rd_total": Decimal(1_000_000 + i),
                "tax_paid[2018]": Decimal(100_000),
                "tax_paid[2019]": Decimal(100_000),
                "tax_paid[2020]": Decimal(1000 * i),
                "is_high_tech_enterprise": i % 3 == 0,
                "is_tech_based_enterprise": False if i % 5 else None,
                # some registered after the screening date: undetermined, with a reason
                "registration_date": pd.Timestamp(2019 + i % 5, 3, 1).date(),
                "prefecture": "西宁市",
                "district": "城东区",
            }
        )
    frame = pd.DataFrame(rows)
    table = pa.Table.from_pylist(rows)
    return frame, table


def test_dask_local_cluster_equals_single_process() -> None:
    _, table = _firms(240)
    arrow_frame = table.to_pandas(types_mapper=pd.ArrowDtype)
    xining = innovpolicy.load("xining")
    on = "2021-06-30"
    expected = xining.screen(table, on=on, rules=RULES).to_pylist()
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        ddf = dd.from_pandas(arrow_frame, npartitions=4)
        result = innovpolicy.dask.screen(ddf, jurisdiction=xining, on=on, rules=RULES)
        got = result.compute()
        assert len(client.scheduler_info()["workers"]) == 2
    rows = pa.Table.from_pandas(got, preserve_index=False).to_pylist()
    assert len(rows) == len(expected)
    statuses = {row[f"{rule}.status"] for row in expected for rule in RULES}
    assert statuses >= {"eligible", "ineligible", "undetermined"}  # a varied workload
    assert any(row["QH20-TECH-INTRO.share.district"] for row in expected)
    assert any(row["QH20-VOUCHER.amount_high"] for row in expected)  # ranges
    assert any(row["QH20-VOUCHER.reasons"] for row in expected)  # reasons
    assert "QH20-VOUCHER.amount_low" in got.columns
    for mine, theirs in zip(rows, expected, strict=True):
        assert mine == theirs
