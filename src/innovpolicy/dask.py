"""Screening a Dask DataFrame partition by partition (needs ``innovpolicy[dask]``).

::

    import dask.dataframe as dd
    from dask.distributed import Client
    import innovpolicy.dask

    client = Client("scheduler:8786")
    firms = dd.read_parquet("s3://registry/firms/")
    result = innovpolicy.dask.screen(firms, jurisdiction="xining", on="2019-06-30")
    result.to_parquet("s3://registry/screened/")

Each partition is converted to Arrow, screened with the compiled plan of the
jurisdiction (loaded once per worker process from the installed plugins), and
returned as a pandas DataFrame with Arrow-backed columns, so amounts stay exact
decimals and missing facts stay lists. The same partition function runs anywhere
Arrow batches flow; see :func:`innovpolicy.screening.batch_function` for Spark's
``mapInArrow``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import dask.dataframe as dd
import pandas as pd
import pyarrow as pa

from . import screening
from ._values import to_date

__all__ = ["screen", "screen_partition"]


def _pandas(table: pa.Table) -> pd.DataFrame:
    columns = []
    for field, column in zip(table.schema, table.columns, strict=True):
        if pa.types.is_dictionary(field.type):
            column = column.cast(pa.string())
        elif pa.types.is_list(field.type):
            column = column.cast(pa.list_(pa.string()))
        columns.append(column)
    plain = pa.Table.from_arrays(columns, names=table.schema.names)
    return plain.to_pandas(types_mapper=pd.ArrowDtype)


def screen_partition(
    frame: pd.DataFrame,
    jurisdiction: str,
    on: str,
    rules: Sequence[str] | None = None,
    plugins: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Screen one pandas partition (the function Dask maps over the partitions)."""
    loaded = screening.load_cached(jurisdiction, tuple(plugins or ()))
    table = pa.Table.from_pandas(frame, preserve_index=False)
    # one thread: Dask already runs partitions side by side
    return _pandas(screening.screen(loaded, table, on=on, rules=rules, threads=1))


def screen(
    frame: dd.DataFrame,
    *,
    jurisdiction: Any,
    on: date | str,
    rules: Iterable[str] | None = None,
    plugins: Sequence[str] | None = None,
) -> dd.DataFrame:
    """Screen a Dask DataFrame: one output row per input row, partition by partition.

    *jurisdiction* is a code (``"xining"``) or a loaded :class:`~innovpolicy.Jurisdiction`
    (its code is sent; workers load it from their installed plugins). *plugins* names
    importable plugin modules to load instead of the installed entry points (a plugin
    under development). Input columns as for :func:`innovpolicy.screening.screen`; use
    pandas' nullable dtypes (``Int64``, ``boolean``) or Arrow-backed ones for columns
    with missing values, since NaN makes a float column, which is refused.
    """
    code = jurisdiction if isinstance(jurisdiction, str) else jurisdiction.code
    day = to_date("on", on).isoformat()
    rule_ids = None if rules is None else tuple(rules)
    loaded = screening.load_cached(code, tuple(plugins or ()))
    screener = screening.Screener(loaded, day, rule_ids)
    id_type = None
    if "id" in frame.columns:
        id_type = pa.Schema.from_pandas(frame._meta, preserve_index=False).field("id").type
    meta = _pandas(screener.schema(id_type).empty_table())
    result: dd.DataFrame = frame.map_partitions(  # type: ignore[no-untyped-call]
        screen_partition,
        code,
        day,
        rule_ids,
        tuple(plugins or ()),
        meta=meta,
        enforce_metadata=False,
    )
    return result
