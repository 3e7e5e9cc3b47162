"""Screening a whole registry: every firm × every rule, columnar, exact.

Needs the ``batch`` extra (``pip install innovpolicy[batch]``: pyarrow and numpy)::

    import pyarrow.parquet as pq, innovpolicy
    xining = innovpolicy.load("xining")
    result = xining.screen(pq.read_table("firms.parquet"), on="2019-06-30")

Input columns are fact names (``employees``); a yearly fact is one column per
fiscal year, named like the missing-fact notation (``rd_expense[2018]``); an
``id`` column is passed through. The output has one row per input row and, per
rule, ``<RULE>.status`` (eligible / ineligible / undetermined / not_in_force),
``<RULE>.amount`` (rules with an amount; exact ``decimal128(38, 2)``, null when
there is none), ``<RULE>.amount_low``/``<RULE>.amount_high`` (rules whose amount can be a
discretionary range: the range of an eligible row, high null when open),
``<RULE>.share.<role>`` per payer, ``<RULE>.missing`` (the facts whose absence left the
row undetermined, in the per-row path's order) and ``<RULE>.reasons`` (the per-row
``Result.reasons``: a zero denominator, an unset parameter, a future start date …).

Rules are compiled once per call (:func:`innovpolicy._plan.compile_plan`) and run
as numpy kernels on exact scaled integers; a rule holding a node kind the plan
lacks runs per row with the reference interpreter (``plan.fallback_rules``).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ._facts import FactSpec, yearly_key
from ._plan import Plan, RulePlan, compile_plan, formula_may_range
from ._plan._columns import (
    LIMIT,
    Executor,
    Num,
    Piece,
    Reason,
    _mul,
    round_fen,
    split_plan,
)
from ._values import (
    MAX_COUNT,
    MAX_DATE,
    MAX_DECIMAL_PLACES,
    MAX_INTEGER_DIGITS,
    MAX_TEXT,
    MAX_YEAR,
    MIN_DATE,
    MIN_YEAR,
    in_library_context,
    to_date,
)
from .exceptions import InvalidFactError, UnknownFactError

if TYPE_CHECKING:
    from ._jurisdiction import Jurisdiction
    from ._rules import Result, Rule

__all__ = [
    "STATUSES",
    "Screener",
    "Summary",
    "batch_function",
    "compile",
    "ddl",
    "explain_row",
    "load_cached",
    "read_batches",
    "row_facts",
    "screen",
    "screen_batches",
    "screen_file",
]

STATUSES = ("eligible", "ineligible", "undetermined", "not_in_force")
MIN_SLICE = 32_768  # rows per thread, at least
_STATUS_DICT = pa.array(STATUSES, pa.string())
_STATUS_CODE = {s: i for i, s in enumerate(STATUSES)}
AMOUNT_TYPE = pa.decimal128(38, 2)
_COLUMN = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\[(?P<year>[0-9]{4})\]")
_FLOAT_REASON = (
    "binary floats are not exact; pass a Decimal, an int or a numeric string "
    "(for JSON use json.loads(..., parse_float=decimal.Decimal))"
)


def compile(jurisdiction: Jurisdiction, on: date | str, rules: Iterable[str] | None = None) -> Plan:
    """The plan of *rules* (default: all) of *jurisdiction* on *on*."""
    return compile_plan(jurisdiction, to_date("on", on), rules)


# --------------------------------------------------------------------------- input


def _as_batches(table: Any) -> Iterator[pa.RecordBatch]:
    if isinstance(table, pa.RecordBatch):
        yield table
        return
    if isinstance(table, pa.Table):
        # chunk by chunk (no copy); many small chunks are merged into larger batches
        batches = table.to_batches()
        if len(batches) > 1 and table.num_rows / len(batches) < 16_384:
            batches = table.combine_chunks().to_batches()
        yield from batches or [pa.RecordBatch.from_pylist([], schema=table.schema)]
        return
    if isinstance(table, pa.RecordBatchReader):
        yield from table
        return
    module = type(table).__module__.split(".")[0]
    if module == "pandas":
        yield from _as_batches(pa.Table.from_pandas(table, preserve_index=False))
        return
    if module == "polars":
        yield from _as_batches(table.to_arrow())
        return
    if isinstance(table, Iterable) and not isinstance(table, (str, bytes, dict)):
        for item in table:
            if not isinstance(item, pa.RecordBatch):
                raise TypeError(
                    f"expected record batches, got {type(item).__name__} in the iterable"
                )
            yield item
        return
    raise TypeError(
        "screen() takes a pyarrow Table or RecordBatch, a pandas or polars DataFrame, "
        f"or an iterable of record batches; got {type(table).__name__}"
    )


class _Columns:
    """One validated batch: canonical Arrow columns by flat fact key (the executor's Source)."""

    def __init__(
        self,
        arrays: dict[str, pa.Array],
        n: int,
        ids: pa.Array | None,
        stats: dict[str, tuple[Any, Any]] | None = None,
    ) -> None:
        self.arrays = arrays
        self.n = n
        self.ids = ids
        self.stats = stats if stats is not None else {}

    def _min_max(self, key: str, array: pa.Array) -> tuple[Any, Any]:
        found = self.stats.get(key)
        if found is None:
            found = self.stats[key] = _min_max(array)
        return found

    def slice(self, start: int, length: int) -> _Columns:
        """Rows start..start+length (zero-copy); the column bounds still hold for them."""
        arrays = {k: a.slice(start, length) for k, a in self.arrays.items()}
        ids = None if self.ids is None else self.ids.slice(start, length)
        return _Columns(arrays, min(length, self.n - start), ids, dict(self.stats))

    def take(self, indices: np.ndarray, keys: set[str] | None = None) -> _Columns:
        """The rows at *indices* of the columns *keys* (default: all)."""
        idx = pa.array(indices)
        arrays = {k: a.take(idx) for k, a in self.arrays.items() if keys is None or k in keys}
        sub = _Columns(arrays, len(indices), None if self.ids is None else self.ids.take(idx))
        return sub

    def _known(self, array: pa.Array) -> np.ndarray | None:
        if array.null_count == 0:
            return None
        return _bits(array.buffers()[0], array.offset, len(array))

    def number(self, key: str) -> tuple[Any, int, Any, Any] | None:
        array = self.arrays.get(key)
        if array is None:
            return None
        if pa.types.is_null(array.type):
            return np.zeros(self.n, np.int64), 1, np.zeros(self.n, bool), 0
        known = self._known(array)
        t = array.type
        bound: Any
        if pa.types.is_decimal(t):
            den = 10**t.scale
            values = _decimal_words(array)
            if values is None:  # beyond int64: exact Python integers
                values = np.array(
                    [0 if v is None else int(v.scaleb(t.scale)) for v in array.to_pylist()],
                    dtype=object,
                )
                bound = _bound(values)
            else:
                bound = _lazy_bound(self, key, array, t.scale)
        elif pa.types.is_date(t):
            den = 1
            values = np.frombuffer(array.buffers()[1], dtype=np.int32)[
                array.offset : array.offset + len(array)
            ].astype(np.int64)
            bound = 1 << 31
        else:  # integers
            den = 1
            if pa.types.is_uint64(t):
                low, high = self._min_max(key, array)
                if low is not None and high >= LIMIT:
                    values = np.array(
                        [0 if v is None else v for v in array.to_pylist()], dtype=object
                    )
                    return values, den, known, int(high)
            values = np.frombuffer(array.buffers()[1], dtype=array.type.to_pandas_dtype())[
                array.offset : array.offset + len(array)
            ]
            if values.dtype != np.int64:
                values = values.astype(np.int64)
            bound = _lazy_int_bound(self, key, array)
        if known is not None and values.dtype != object:
            values = np.where(known, values, 0)
        return values, den, known, bound

    def boolean(self, key: str) -> tuple[Any, Any] | None:
        array = self.arrays.get(key)
        if array is None:
            return None
        if pa.types.is_null(array.type):
            return np.zeros(self.n, bool), np.zeros(self.n, bool)
        values = _bits(array.buffers()[1], array.offset, len(array))
        known = self._known(array)
        if known is not None:
            values &= known
        return values, known

    def text_codes(self, key: str) -> tuple[Any, list[str]] | None:
        array = self.arrays.get(key)
        if array is None or pa.types.is_null(array.type):
            return None
        if not pa.types.is_dictionary(array.type):
            array = pc.dictionary_encode(array)
        codes = np.asarray(array.indices.fill_null(0).to_numpy(), dtype=np.int64)
        return codes, array.dictionary.to_pylist()

    def text_in(self, key: str, expected: Sequence[str]) -> tuple[Any, Any] | None:
        array = self.arrays.get(key)
        if array is None:
            return None
        if pa.types.is_null(array.type):
            return np.zeros(self.n, bool), np.zeros(self.n, bool)
        if pa.types.is_dictionary(array.type):
            hits = np.isin(
                np.arange(len(array.dictionary)),
                np.flatnonzero(np.isin(array.dictionary.to_numpy(zero_copy_only=False), expected)),
            )
            indices = array.indices.fill_null(0).to_numpy()
            values = hits[indices]
        else:
            match = pc.is_in(array, value_set=pa.array(list(expected), pa.string()))
            values = np.asarray(match.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)
        known = self._known(array)
        if known is not None:
            values = values & known
        return values, known


def _bits(buffer: pa.Buffer, offset: int, n: int) -> np.ndarray:
    """An Arrow bitmap as a numpy bool array (LSB first)."""
    first = offset // 8
    raw = np.frombuffer(buffer, dtype=np.uint8)[first : (offset + n + 7) // 8 + 1]
    bits = np.unpackbits(raw, bitorder="little")
    start = offset - first * 8
    return bits[start : start + n].view(bool)


def _minimum(array: pa.Array) -> Any:
    """The exact minimum of a numeric column with a non-null value (one pass, usually)."""
    t = array.type
    if array.null_count == 0:
        if pa.types.is_decimal(t) and t.bit_width == 128 and t.precision <= 18:
            words = np.frombuffer(array.buffers()[1], dtype=np.int64)
            lo = words[array.offset * 2 : (array.offset + len(array)) * 2 : 2]
            return Decimal(int(lo.min())).scaleb(-t.scale)
        if pa.types.is_integer(t):
            return int(array.to_numpy().min())
    return pc.min(array).as_py()


def _min_max(array: pa.Array) -> tuple[Any, Any]:
    """Exact minimum and maximum of a numeric column (None, None when all null).

    A null-free decimal128 column whose values all lie in [0, 2**63) is read as int64
    words (the common case, in two contiguous passes); anything else asks Arrow.
    """
    t = array.type
    if pa.types.is_decimal(t) and t.bit_width == 128 and array.null_count == 0 and len(array):
        words = np.frombuffer(array.buffers()[1], dtype=np.int64)[
            array.offset * 2 : (array.offset + len(array)) * 2
        ]
        lo, hi = words[0::2], words[1::2]
        if t.precision <= 18:  # fits int64 by its type
            scale = Decimal(1).scaleb(-t.scale)
            return Decimal(int(lo.min())) * scale, Decimal(int(lo.max())) * scale
        if int(hi.min()) == 0 and int(hi.max()) == 0:
            low = int(lo.min())
            if low >= 0:
                scale = Decimal(1).scaleb(-t.scale)
                return Decimal(low) * scale, Decimal(int(lo.max())) * scale
    if pa.types.is_integer(t) and array.null_count == 0 and len(array):
        values = array.to_numpy()
        return int(values.min()), int(values.max())
    mm = pc.min_max(array).as_py()
    return mm["min"], mm["max"]


def _decimal_words(array: pa.Array) -> np.ndarray | None:
    """The values of a decimal128 column as int64 (a strided view), or None if some do not fit.

    Precision ≤ 18 fits by its type; wider columns are checked (their high words must
    be the sign extension of the low words).
    """
    t = array.type
    if t.bit_width != 128:
        return None
    words = np.frombuffer(array.buffers()[1], dtype=np.int64)[
        array.offset * 2 : (array.offset + len(array)) * 2
    ]
    lo = words[0::2]
    if t.precision <= 18 or not len(array):
        return lo
    hi = words[1::2]
    if array.null_count:
        known = _bits(array.buffers()[0], array.offset, len(array))
        fits = (hi == (lo >> 63)) | ~known
        return lo if bool(fits.all()) else None
    low, high = int(hi.min()), int(hi.max())
    if low == high == 0 and int(lo.min()) >= 0:
        return lo
    if low == high == -1 and int(lo.max()) < 0:
        return lo
    return lo if bool((hi == (lo >> 63)).all()) else None


def _lazy_bound(cols: _Columns, key: str, array: pa.Array, scale: int) -> Any:
    def compute() -> int:
        low, high = cols._min_max(key, array)
        if low is None:
            return 0
        return max(abs(int(low.scaleb(scale))), abs(int(high.scaleb(scale))))

    return compute


def _lazy_int_bound(cols: _Columns, key: str, array: pa.Array) -> Any:
    def compute() -> int:
        low, high = cols._min_max(key, array)
        return 0 if low is None else max(abs(low), abs(high))

    return compute


def _bound(values: np.ndarray) -> int:
    if values.size == 0:
        return 0
    return max(int(values.max()), -int(values.min()))


_LOCAL = threading.local()  # the row offset of the slice a thread screens


def _row_ref(ids: pa.Array | None, index: int) -> str:
    if ids is None:
        return f"first offending row: index {index + getattr(_LOCAL, 'offset', 0)}"
    return f"first offending row: id={ids[index].as_py()!r}"


def _row_error(
    spec: FactSpec, label: str, value: Any, ids: pa.Array | None, index: int
) -> InvalidFactError:
    """The per-row path's error for *value*, naming the row."""
    try:
        spec.coerce(value, label)
    except InvalidFactError as exc:
        return InvalidFactError(label, value, f"{exc.reason} ({_row_ref(ids, index)})")
    return InvalidFactError(label, value, f"invalid value ({_row_ref(ids, index)})")


def _first(mask: Any) -> int:
    return int(np.flatnonzero(np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool))[0])


def _validate_column(
    spec: FactSpec,
    label: str,
    array: pa.Array,
    ids: pa.Array | None,
    stats: dict[str, tuple[Any, Any]] | None = None,
) -> pa.Array:
    """Check and canonicalise one column with the per-row path's rules and messages,
    the documented bounds (docs/limits.md) included."""
    checked = _validate_column_kind(spec, label, array, ids, stats)
    _check_bounds(spec, label, checked, ids)
    return checked


_CONTROL = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]"


def _check_bounds(spec: FactSpec, label: str, array: pa.Array, ids: pa.Array | None) -> None:
    """Refuse values the row path refuses as out of bounds, with its message.

    Cheap column statistics (extremes, scale, lengths) decide whether a value may be
    out of bounds; only then are the cells coerced one by one, as the row path does,
    to find the first offending row.
    """
    t = array.type
    if len(array) == array.null_count or pa.types.is_null(t) or pa.types.is_dictionary(t):
        return
    suspect = False
    if pa.types.is_integer(t) or pa.types.is_decimal(t):
        low, high = (v.as_py() for v in pc.min_max(array).values())
        if spec.kind == "integer" and spec.unit == "year":
            suspect = low < MIN_YEAR or high > MAX_YEAR
        elif spec.kind == "integer":
            suspect = max(abs(low), abs(high)) >= MAX_COUNT
        else:
            suspect = max(abs(low), abs(high)) >= 10**MAX_INTEGER_DIGITS
            if pa.types.is_decimal(t) and t.scale > MAX_DECIMAL_PLACES:
                rounded = pc.round(array, ndigits=MAX_DECIMAL_PLACES)
                suspect = suspect or not pc.all(pc.equal(array, rounded)).as_py()
    elif pa.types.is_date32(t):
        low, high = (v.as_py() for v in pc.min_max(array).values())
        suspect = low < MIN_DATE or high > MAX_DATE
    elif pa.types.is_string(t) and not spec.choices:
        suspect = (pc.max(pc.utf8_length(array)).as_py() or 0) > MAX_TEXT or bool(
            pc.any(pc.match_substring_regex(array, _CONTROL)).as_py()
        )
    if not suspect:
        return
    for index, value in enumerate(array.to_pylist()):  # the error path: speed is secondary
        if value is not None:
            try:
                spec.coerce(value, label)
            except InvalidFactError:
                _raise(_row_error(spec, label, value, ids, index))


def _validate_column_kind(
    spec: FactSpec,
    label: str,
    array: pa.Array,
    ids: pa.Array | None,
    stats: dict[str, tuple[Any, Any]] | None = None,
) -> pa.Array:
    """The type and minimum checks of :func:`_validate_column`."""
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    t = array.type
    if pa.types.is_string_view(t) or pa.types.is_large_string(t):
        array = array.cast(pa.string())  # one kind of text column for the kernels
        t = array.type
    if pa.types.is_dictionary(t):
        if spec.kind == "text" and pa.types.is_string(t.value_type):
            try:
                _validate_column(spec, label, array.dictionary, None)
            except InvalidFactError:  # find the first offending row, not dictionary entry
                _validate_column(spec, label, array.dictionary_decode(), ids)
                raise
            return array
        array = array.dictionary_decode()
        t = array.type
    if pa.types.is_null(t):
        return array
    if pa.types.is_floating(t):
        valid = array.is_valid()
        if pc.any(valid).as_py():
            index = _first(valid)
            return _raise(_row_error(spec, label, float(array[index].as_py()), ids, index))
        raise InvalidFactError(label, str(t), f"a {t} column: {_FLOAT_REASON}")
    kind = spec.kind
    if kind in ("decimal", "integer"):
        if pa.types.is_boolean(t):
            index = _first(array.is_valid())
            _raise(_row_error(spec, label, array[index].as_py(), ids, index))
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            array = _parse_column(spec, label, array, ids)
            t = array.type
        if kind == "integer" and pa.types.is_decimal(t):
            bad = pc.not_equal(array, pc.floor(array))
            if pc.any(bad).as_py():
                index = _first(bad.fill_null(False))
                _raise(_row_error(spec, label, array[index].as_py(), ids, index))
            array = pc.cast(array, pa.decimal128(38, 0))
        if not (pa.types.is_integer(t) or pa.types.is_decimal(t)):
            _raise(
                _row_error(
                    spec,
                    label,
                    array.drop_null()[0].as_py() if array.null_count < len(array) else None,
                    ids,
                    0,
                )
            )
        if spec.minimum is not None and len(array) > array.null_count:
            low = _minimum(array)
            if low < spec.minimum:
                index = next(  # the error path: speed does not matter here
                    i for i, v in enumerate(array.to_pylist()) if v is not None and v < spec.minimum
                )
                _raise(_row_error(spec, label, array[index].as_py(), ids, index))
        return array
    if kind == "boolean":
        if pa.types.is_boolean(t):
            return array
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            return _parse_column(spec, label, array, ids)
        index = _first(array.is_valid())
        return _raise(_row_error(spec, label, array[index].as_py(), ids, index))
    if kind == "date":
        if pa.types.is_date32(t):
            return array
        if pa.types.is_date64(t):
            return pc.cast(array, pa.date32())
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            return _parse_column(spec, label, array, ids)
        if pa.types.is_timestamp(t):
            index = _first(array.is_valid())
            return _raise(_row_error(spec, label, array[index].as_py(), ids, index))
        index = _first(array.is_valid())
        return _raise(_row_error(spec, label, array[index].as_py(), ids, index))
    # text
    if not (pa.types.is_string(t) or pa.types.is_large_string(t)):
        index = _first(array.is_valid())
        return _raise(_row_error(spec, label, array[index].as_py(), ids, index))
    if spec.choices:
        ok = pc.is_in(array, value_set=pa.array(list(spec.choices), pa.string()))
        bad = pc.and_(pc.invert(ok), array.is_valid())
        if pc.any(bad).as_py():
            index = _first(bad.fill_null(False))
            _raise(_row_error(spec, label, array[index].as_py(), ids, index))
    return array


def _raise(error: Exception) -> Any:
    raise error


_PLAIN_NUMBER = r"^-?[0-9]+(\.[0-9]+)?$"
_ISO_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _fast_parse(kind: str, array: pa.Array) -> pa.Array | None:
    """Text cells every one of which is in the plain form, converted by Arrow; else None.

    Only forms the per-row coercion reads the same way qualify (``-123.45``, ``true``,
    ``2019-06-30``); anything else (thousands separators, exponents, spaces, invalid
    text) goes through :func:`_parse_column`'s per-cell path and its error messages.
    """
    valid = array.drop_null()
    if not len(valid):
        return None
    try:
        if kind in ("decimal", "integer"):
            if not pc.all(pc.match_substring_regex(valid, _PLAIN_NUMBER)).as_py():
                return None
            point = pc.find_substring(valid, ".")
            length = pc.utf8_length(valid)
            decimals = pc.if_else(
                pc.equal(point, -1), 0, pc.subtract(pc.subtract(length, point), 1)
            )
            scale = int(pc.max(decimals).as_py())
            digits = int(pc.max(length).as_py())
            if kind == "integer":
                return pc.cast(array, pa.int64()) if scale == 0 and digits <= 18 else None
            if digits > 36:
                return None
            return pc.cast(array, pa.decimal128(min(38, digits + scale + 1), scale))
        if kind == "boolean":
            lowered = pc.utf8_lower(array)
            if not pc.all(pc.is_in(lowered.drop_null(), pa.array(["true", "false"]))).as_py():
                return None
            return pc.equal(lowered, "true")
        if kind == "date":
            if not pc.all(pc.match_substring_regex(valid, _ISO_DAY)).as_py():
                return None
            return pc.cast(array, pa.date32())
    except pa.ArrowException:  # a cast Arrow refuses or does not implement
        return None  # the per-cell path reports the offending cell
    return None


def _parse_column(spec: FactSpec, label: str, array: pa.Array, ids: pa.Array | None) -> pa.Array:
    """Text cells parsed as the per-row coercion parses them (exact)."""
    fast = _fast_parse(spec.kind, array)
    if fast is not None:
        return fast
    values: list[Any] = []
    for index, item in enumerate(array.to_pylist()):
        if item is None:
            values.append(None)
            continue
        try:
            values.append(spec.coerce(item, label))
        except InvalidFactError as exc:
            raise InvalidFactError(label, item, f"{exc.reason} ({_row_ref(ids, index)})") from None
    if spec.kind == "decimal":
        return _decimal_array(values)
    if spec.kind == "integer":
        return pa.array(values, pa.int64()) if _fits(values) else _decimal_array(values)
    if spec.kind == "boolean":
        return pa.array(values, pa.bool_())
    return pa.array(values, pa.date32())


def _fits(values: list[Any]) -> bool:
    return all(v is None or -(1 << 63) <= v < (1 << 63) for v in values)


def _decimal_array(values: list[Any]) -> pa.Array:
    scale = max((-v.as_tuple().exponent for v in values if v is not None), default=0)
    scale = max(scale, 0)
    scaled = [None if v is None else v.quantize(Decimal(1).scaleb(-scale)) for v in values]
    digits = max((len(v.as_tuple().digits) for v in scaled if v is not None), default=1)
    precision = max(digits, scale + 1)
    if precision > 76:
        raise InvalidFactError("column", "…", "a number with more than 76 digits")
    return pa.array(
        scaled,
        pa.decimal128(precision, scale) if precision <= 38 else pa.decimal256(precision, scale),
    )


def validate(jurisdiction: Jurisdiction, batch: pa.RecordBatch, pool: Any = None) -> _Columns:
    """Validate one batch column by column; raise the per-row path's errors, naming the row.

    With a thread *pool* the columns are checked side by side; the error reported is
    still the one of the first offending column.
    """
    names = batch.schema.names
    ids = batch.column("id") if "id" in names else None
    registry = jurisdiction.fact_registry
    stats: dict[str, tuple[Any, Any]] = {}
    todo: list[tuple[FactSpec, str, int]] = []
    seen: set[str] = set()
    for position, name in enumerate(names):
        if name == "id":
            continue
        match = _COLUMN.fullmatch(name)
        base = match.group("name") if match else name
        if base not in registry:
            raise UnknownFactError(
                name, "<column>", "no rule or entity declares this fact (an input column name)"
            )
        spec = registry[base]
        if spec.yearly and match is None:
            raise InvalidFactError(
                name,
                "<column>",
                f"a yearly fact is one column per fiscal year, named like {yearly_key(name, 2019)}",
            )
        if match is not None:
            if not spec.yearly:
                raise UnknownFactError(name, "<column>", f"{base} is not a yearly fact")
            year = int(match.group("year"))
            if not 1900 <= year <= 2200:
                raise InvalidFactError(f"{base} (year)", year, "not a plausible fiscal year")
        if name in seen:
            raise InvalidFactError(name, "<column>", "the column appears twice")
        seen.add(name)
        todo.append((spec, name, position))

    def check(item: tuple[FactSpec, str, int]) -> pa.Array:
        spec, name, position = item
        return _validate_column(spec, name, batch.column(position), ids, stats)

    checked = pool.map(check, todo) if pool is not None else map(check, todo)
    arrays = {name: array for (_, name, _), array in zip(todo, checked, strict=True)}
    for constraint in registry.constraints:
        small, large = arrays.get(constraint.smaller), arrays.get(constraint.larger)
        if (
            small is None
            or large is None
            or pa.types.is_null(small.type)
            or pa.types.is_null(large.type)
        ):
            continue
        a, b = _exact(small), _exact(large)
        if pa.types.is_decimal(a.type) != pa.types.is_decimal(b.type):
            a, b = (
                pc.cast(a, pa.decimal128(38, 0)) if pa.types.is_integer(a.type) else a,
                (pc.cast(b, pa.decimal128(38, 0)) if pa.types.is_integer(b.type) else b),
            )
        bad = pc.greater(a, b).fill_null(False)
        if pc.any(bad).as_py():
            index = _first(bad)
            value, other = small[index].as_py(), large[index].as_py()
            raise InvalidFactError(
                constraint.smaller,
                value,
                f"exceeds {constraint.larger}={other} ({constraint.meaning}) "
                f"({_row_ref(ids, index)})",
            )
    return _Columns(arrays, batch.num_rows, ids, stats)


def _exact(array: pa.Array) -> pa.Array:
    if pa.types.is_decimal(array.type) or pa.types.is_integer(array.type):
        return array
    return pc.cast(array, pa.decimal128(38, 0))


# --------------------------------------------------------------------------- rows (fallback, explanation)


def _python_value(spec: FactSpec, value: Any) -> Any:
    if spec.kind == "decimal" and not isinstance(value, Decimal):
        return Decimal(value)
    if spec.kind == "integer" and isinstance(value, Decimal):
        return int(value)
    return value


def _row_dicts(
    jurisdiction: Jurisdiction, cols: _Columns, keys: Sequence[str]
) -> list[dict[str, Any]]:
    registry = jurisdiction.fact_registry
    rows: list[dict[str, Any]] = [{} for _ in range(cols.n)]
    for key in keys:
        array = cols.arrays.get(key)
        if array is None:
            continue
        match = _COLUMN.fullmatch(key)
        spec = registry[match.group("name") if match else key]
        for row, value in zip(rows, array.to_pylist(), strict=True):
            if value is not None:
                row[key] = _python_value(spec, value)
    return rows


def row_facts(jurisdiction: Jurisdiction, table: Any, index: int) -> dict[str, Any]:
    """The facts of row *index* of *table*, as the per-row path's facts mapping.

    Yearly columns (``rd_expense[2018]``) are gathered back into ``{year: value}``.
    """
    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    elif not isinstance(table, pa.Table):
        table = pa.Table.from_batches(list(_as_batches(table)))
    row = table.slice(index, 1).to_pylist()[0]
    facts: dict[str, Any] = {}
    registry = jurisdiction.fact_registry
    for key, value in row.items():
        if key == "id" or value is None:
            continue
        match = _COLUMN.fullmatch(key)
        if match is not None:
            name = match.group("name")
            facts.setdefault(name, {})[int(match.group("year"))] = _python_value(
                registry[name], value
            )
        else:
            facts[key] = _python_value(registry[key], value) if key in registry else value
    return facts


def explain_row(
    jurisdiction: Jurisdiction, table: Any, index: int, rule_id: str, on: date | str
) -> Result:
    """The explained per-row answer of *rule_id* for row *index* of *table*."""
    return jurisdiction.evaluate(rule_id, row_facts(jurisdiction, table, index), on)


# --------------------------------------------------------------------------- output


def _decimal_column(fen: Any, valid: np.ndarray | None, n: int) -> pa.Array:
    """Whole fen (int64 or Python ints) as decimal128(38, 2), null where not *valid*."""
    if valid is not None and not valid.any():
        return pa.nulls(n, AMOUNT_TYPE)
    if isinstance(fen, np.ndarray) and fen.dtype != object:
        low = fen if valid is None else fen * valid
        words = np.zeros((n, 2), dtype=np.int64)  # zero pages: the high words stay free
        words[:, 0] = low
        if n and int(low.min()) < 0:
            words[:, 1] = low >> 63
        if valid is None:
            return pa.Array.from_buffers(AMOUNT_TYPE, n, [None, pa.py_buffer(words)])
        bitmap = pa.py_buffer(np.packbits(valid, bitorder="little"))
        return pa.Array.from_buffers(
            AMOUNT_TYPE, n, [bitmap, pa.py_buffer(words)], null_count=n - int(valid.sum())
        )
    values = [
        None if (valid is not None and not valid[i]) else Decimal(int(fen[i])).scaleb(-2)
        for i in range(n)
    ]
    return pa.array(values, AMOUNT_TYPE)


def _status_column(codes: np.ndarray) -> pa.Array:
    return pa.DictionaryArray.from_arrays(pa.array(codes, pa.int8()), _STATUS_DICT)


def _patterns(masks: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Group rows by their pattern of active slots: (pattern index per row, a row of each).

    Slots are packed 62 to an int64 word and the words factorised one after another,
    so the cost is a few integer sorts whatever the number of slots.
    """
    m = len(masks[0])
    combined = np.zeros(m, dtype=np.int64)
    for start in range(0, len(masks), 62):
        word = np.zeros(m, dtype=np.int64)
        for bit, mask in enumerate(masks[start : start + 62]):
            word |= mask.astype(np.int64) << bit
        _, word_codes = np.unique(word, return_inverse=True)
        _, combined = np.unique(
            combined * (int(word_codes.max(initial=0)) + 1) + word_codes.reshape(-1),
            return_inverse=True,
        )
        combined = combined.reshape(-1).astype(np.int64)
    _, firsts, inverse = np.unique(combined, return_index=True, return_inverse=True)
    return inverse.reshape(-1), firsts


def _missing_column(
    n: int, rows: np.ndarray, inverse: np.ndarray, names: Sequence[Sequence[str]]
) -> pa.Array:
    """A list<string> column: rows[i] gets names[inverse[i]], every other row an empty list."""
    pattern_lengths = np.array([len(item) for item in names], dtype=np.int64)
    lengths = np.zeros(n, dtype=np.int64)
    if len(rows):
        lengths[rows] = pattern_lengths[inverse]
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    vocabulary = list(dict.fromkeys(name for item in names for name in item))
    ids = {name: i for i, name in enumerate(vocabulary)}
    values = np.empty(int(offsets[-1]), dtype=np.int32)
    if len(rows):
        starts = offsets[rows]
        order = np.argsort(inverse, kind="stable")
        bounds = np.searchsorted(inverse[order], np.arange(len(names) + 1))
        for pattern, item in enumerate(names):
            if not item:
                continue
            members = starts[order[bounds[pattern] : bounds[pattern + 1]]]
            for position, name in enumerate(item):
                values[members + position] = ids[name]
    strings = pa.array(vocabulary, pa.string()).take(pa.array(values))
    return pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32)), strings)


def _empty_missing(n: int) -> pa.Array:
    return pa.ListArray.from_arrays(
        pa.array(np.zeros(n + 1, dtype=np.int32)), pa.array([], pa.string())
    )


# --------------------------------------------------------------------------- the screener


class Screener:
    """A compiled plan bound to its jurisdiction: screens batch after batch."""

    def __init__(
        self,
        jurisdiction: Jurisdiction,
        on: date | str,
        rules: Iterable[str] | None = None,
        *,
        threads: int | None = None,
    ) -> None:
        self.jurisdiction = jurisdiction
        self.on = to_date("on", on)
        self.plan = compile_plan(jurisdiction, self.on, rules)
        self.threads = threads if threads is not None else min(4, os.cpu_count() or 1)
        #: each rule's columns (amount, range, share roles) over every stack that answers
        #: some row: the jurisdiction and, below a layer with a territory, its parents
        self._shapes = {r.rule_id: _shape(jurisdiction, r, self.on) for r in self.plan.rules}
        #: screeners of the stacks below a layer with a territory, by depth (made on use)
        self._below_screeners: dict[int, Screener] = {}
        #: the payers of the plan's own version (the compiled executor's shares)
        self._roles = {r.rule_id: _roles(jurisdiction, r, self.on) for r in self.plan.rules}

    @property
    def fallback_rules(self) -> dict[str, str]:
        return self.plan.fallback_rules

    def schema(self, id_type: pa.DataType | None = None) -> pa.Schema:
        fields = [] if id_type is None else [pa.field("id", id_type)]
        for rule in self.plan.rules:
            rid = rule.rule_id
            for suffix in self._shapes[rid].suffixes:
                if suffix in ("missing", "reasons"):
                    fields.append(pa.field(f"{rid}.{suffix}", pa.list_(pa.string())))
                elif suffix == "status":
                    fields.append(pa.field(f"{rid}.status", pa.dictionary(pa.int8(), pa.string())))
                else:
                    fields.append(pa.field(f"{rid}.{suffix}", AMOUNT_TYPE))
        return pa.schema(fields)

    def _conform(
        self, rule: RulePlan, out: list[tuple[str, pa.Array]], n: int
    ) -> list[tuple[str, pa.Array]]:
        """*out* with the rule's columns in schema order: a column the answering version
        has no use for (a parent's payer, an amount only the parent pays) is null."""
        given = dict(out)
        return [
            (suffix, given[suffix] if suffix in given else pa.nulls(n, AMOUNT_TYPE))
            for suffix in self._shapes[rule.rule_id].suffixes
        ]

    def screen_batch(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        """Screen one batch in this thread."""
        return self._rules(validate(self.jurisdiction, batch))

    def screen_parallel(self, batch: pa.RecordBatch) -> list[pa.RecordBatch]:
        """Screen one batch with ``threads`` threads: the columns are validated side by
        side, then slices of rows are screened side by side (numpy releases the GIL in
        its kernels). The result is one batch per slice, in order."""
        n = batch.num_rows
        parts = min(self.threads, n // MIN_SLICE)
        if parts < 2:
            return [self.screen_batch(batch)]
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=self.threads) as pool:
            cols = validate(self.jurisdiction, batch, pool)
            size = -(-n // parts)
            starts = range(0, n, size)
            return list(pool.map(lambda start: self._rules(cols.slice(start, size), start), starts))

    def _rules(self, cols: _Columns, offset: int = 0) -> pa.RecordBatch:
        if self.jurisdiction._territory_facts:
            inside, outside = self._placement(cols)
            if not inside.all():
                return self._located(cols, inside, outside, offset)
        return self._all_rules(cols, offset)

    # -- territory

    def _placement(self, cols: _Columns) -> tuple[np.ndarray, np.ndarray]:
        """Per row, whether every territorial layer of the stack covers it (each locating
        fact given and one of the layer's values: ``district`` = 示例县), and the first
        layer (its depth in the chain) whose territory its facts place it outside (a
        locating fact given, not one of the values), or -1: ``Jurisdiction._outside``."""
        inside = np.ones(cols.n, dtype=bool)
        depths = np.full(cols.n, -1, dtype=np.int16)
        for depth, layer in enumerate(self.jurisdiction.chain):
            for name, values in layer.territory.items():
                found = cols.text_in(name, values)
                if found is None:  # the column is absent: nobody is located, nor outside
                    inside[:] = False
                    continue
                hit, known = found
                inside &= hit
                excluded = ~hit if known is None else known & ~hit
                depths[(depths < 0) & excluded] = depth
        return inside, depths

    def _located(
        self, cols: _Columns, inside: np.ndarray, outside: np.ndarray, offset: int
    ) -> pa.RecordBatch:
        """Rows inside every territory go through the plan; rows outside a layer's
        territory get the answers of the stack below that layer, screened by its own
        plan (as ``evaluate`` gives them); rows not located (a locating fact unknown)
        are answered row by row, since their answer stands only where being outside
        would not change it. The result keeps the input order."""
        groups: list[tuple[np.ndarray, pa.RecordBatch]] = []
        rows_in = np.flatnonzero(inside)
        if len(rows_in):
            groups.append((rows_in, self._all_rules(cols.take(rows_in), offset)))
        for depth in np.unique(outside[outside >= 0]):
            rows = np.flatnonzero(outside == depth)
            groups.append((rows, self._below(int(depth), cols.take(rows))))
        unlocated = np.flatnonzero(~inside & (outside < 0))
        if len(unlocated):
            groups.append((unlocated, self._unlocated(cols.take(unlocated), offset)))
        if len(groups) == 1:
            return groups[0][1]
        names = groups[0][1].schema.names
        table = pa.Table.from_batches([batch.select(names) for _, batch in groups])
        order = np.argsort(np.concatenate([rows for rows, _ in groups]), kind="stable")
        return table.take(pa.array(order)).combine_chunks().to_batches()[0]

    def _unlocated(self, cols: _Columns, offset: int) -> pa.RecordBatch:
        """Rows no territory excludes but some does not locate (a locating fact unknown):
        the stack's own answer, unless being outside that layer's territory (the stack
        below's answer, by its plan) would change it; then undetermined, naming the
        locating facts, as ``Jurisdiction._if_located`` does. Both answers are screened
        by columns; only their comparison goes row by row (these rows are few). A stack
        below that has a territory of its own is left to the per-row path."""
        chain = self.jurisdiction.chain
        if sum(1 for layer in chain if layer.territory) > 1:
            return self._located_per_row(cols)
        own = self._all_rules(cols, offset)
        n = cols.n
        # per territorial layer: each row's absent locating facts, and the stack below's
        # answers for the rows with any (screened once for every rule)
        layers: list[tuple[int, list[list[str]], np.ndarray, pa.RecordBatch]] = []
        for depth, layer in enumerate(chain):
            if not layer.territory:
                continue
            absent: list[list[str]] = [[] for _ in range(n)]
            for name in layer.territory:
                array = cols.arrays.get(name)
                nulls = (
                    np.ones(n, bool)
                    if array is None
                    else np.asarray(array.is_null().to_numpy(zero_copy_only=False), bool)
                )
                for row in np.flatnonzero(nulls):
                    absent[row].append(name)
            rows = np.flatnonzero([bool(names) for names in absent])
            if len(rows):
                layers.append((depth, absent, rows, self._below(depth, cols.take(rows))))
        columns = {name: own.column(name) for name in own.schema.names}
        for rule in self.plan.rules:
            self._unlocated_rule(rule, columns, layers, n)
        return pa.RecordBatch.from_arrays(list(columns.values()), names=list(columns))

    def _unlocated_rule(
        self,
        rule: RulePlan,
        columns: dict[str, pa.Array],
        layers: list[tuple[int, list[list[str]], np.ndarray, pa.RecordBatch]],
        n: int,
    ) -> None:
        """Turn *rule*'s answers in *columns* undetermined where being outside a layer's
        territory would change them (status, amount, range or shares differ)."""
        rid = rule.rule_id
        shape = self._shapes[rid]
        prefix = f"{rid}."
        mine = {s: columns[prefix + s].to_pylist() for s in shape.suffixes}
        own_roles = self._roles[rid]
        changed: dict[int, tuple[list[str], str]] = {}
        for depth, absent, rows, answered in layers:
            layer = self.jurisdiction.chain[depth]
            below = self._below_screeners.get(depth)
            other_roles = below._roles.get(rid, ()) if below is not None else ()
            theirs = {s: answered.column(prefix + s).to_pylist() for s in shape.suffixes}
            where = "; ".join(f"{k} = {' / '.join(v)}" for k, v in layer.territory.items())
            reason = (
                f"the answer depends on whether the applicant is inside {layer.code}'s "
                f"territory ({where})"
            )
            for j, row in enumerate(rows.tolist()):
                if row in changed:
                    continue
                if _answer_of(mine, row, own_roles) != _answer_of(theirs, j, other_roles):
                    changed[row] = (absent[row], reason)
        if not changed:
            return
        for suffix in shape.suffixes:
            values = mine[suffix]
            for row, (names, reason) in changed.items():
                if suffix == "status":
                    values[row] = "undetermined"
                elif suffix == "missing":
                    values[row] = list(dict.fromkeys((*values[row], *names)))
                elif suffix == "reasons":
                    values[row] = [*values[row], reason]
                else:
                    values[row] = None
            if suffix == "status":
                codes = np.array([_STATUS_CODE[v] for v in values], dtype=np.int8)
                columns[prefix + suffix] = _status_column(codes)
            elif suffix in ("missing", "reasons"):
                filled = [i for i, v in enumerate(values) if v]
                columns[prefix + suffix] = _list_column(
                    n, filled, [tuple(values[i]) for i in filled]
                )
            else:
                columns[prefix + suffix] = pa.array(values, AMOUNT_TYPE)

    def _below(self, depth: int, cols: _Columns) -> pa.RecordBatch:
        """The rows of *cols*, outside the territory of the layer at *depth*: the answers
        of the stack below it (its plan, its facts only), or not in force where it has
        no such rule (or the root layer itself is left)."""
        n = cols.n
        sub: Screener | None = None
        if depth > 0:
            below = self.jurisdiction._within(depth)
            sub = self._below_screeners.get(depth)
            if sub is None:
                ids = [r.rule_id for r in self.plan.rules if r.rule_id in below._versions]
                sub = self._below_screeners[depth] = Screener(below, self.on, ids, threads=1)
            keys = {key for key in cols.arrays if below._declares(key)}
            answered = sub._rules(cols.take(np.arange(n), keys))

        def columns(rule: RulePlan) -> list[tuple[str, pa.Array]]:
            shape = None if sub is None else sub._shapes.get(rule.rule_id)
            if shape is None:
                return self._not_in_force(rule, n)
            return [
                (suffix, answered.column(f"{rule.rule_id}.{suffix}")) for suffix in shape.suffixes
            ]

        return self._batch(cols, columns)

    def _located_per_row(self, cols: _Columns) -> pa.RecordBatch:
        from ._jurisdiction import PreparedFacts

        rows = _row_dicts(self.jurisdiction, cols, list(cols.arrays))
        prepared = [PreparedFacts._trusted(row, self.jurisdiction.fact_registry) for row in rows]

        def columns(rule: RulePlan) -> list[tuple[str, pa.Array]]:
            results = [
                self.jurisdiction.evaluate(rule.rule_id, facts, self.on, explain=False)
                for facts in prepared
            ]
            return self._result_columns(rule, results)

        return self._batch(cols, columns)

    # -- all rules

    def _all_rules(self, cols: _Columns, offset: int = 0) -> pa.RecordBatch:
        _LOCAL.offset = offset

        def columns(rule: RulePlan) -> list[tuple[str, pa.Array]]:
            if rule.mode == "compiled":
                return self._compiled(rule, cols)
            if rule.mode == "fallback":
                return self._per_row(rule, cols)
            return self._not_in_force(rule, cols.n)

        return self._batch(cols, columns)

    def _batch(
        self, cols: _Columns, columns: Callable[[RulePlan], list[tuple[str, pa.Array]]]
    ) -> pa.RecordBatch:
        """The output batch of *cols*: ``id``, then each rule's *columns*, in its shape."""
        arrays: list[pa.Array] = []
        names: list[str] = []
        if cols.ids is not None:
            arrays.append(cols.ids)
            names.append("id")
        for rule in self.plan.rules:
            for suffix, array in self._conform(rule, columns(rule), cols.n):
                names.append(f"{rule.rule_id}.{suffix}")
                arrays.append(array)
        return pa.RecordBatch.from_arrays(arrays, names=names)

    # -- not in force

    def _not_in_force(self, rule: RulePlan, n: int) -> list[tuple[str, pa.Array]]:
        codes = np.full(n, _STATUS_CODE["not_in_force"], dtype=np.int8)
        # (the amount, range and share columns are null: filled in by _conform)
        return [
            ("status", _status_column(codes)),
            ("missing", _empty_missing(n)),
            ("reasons", _empty_missing(n)),
        ]

    # -- compiled

    def _compiled(self, rule: RulePlan, cols: _Columns) -> list[tuple[str, pa.Array]]:
        n = cols.n
        ex = Executor(cols)
        assert rule.criteria is not None
        t, f = ex.cond(rule.criteria)
        # eligible 0, ineligible 1, undetermined 2 (t and f never both hold)
        if f is None:
            codes = np.subtract(1, t.view(np.int8), dtype=np.int8)
        else:
            codes = np.subtract(2, f.view(np.int8), dtype=np.int8)
            codes -= t.view(np.int8)
            codes -= t.view(np.int8)
        out: list[tuple[str, pa.Array]] = []
        undecided = f is not None
        amount_col = None
        range_cols: tuple[pa.Array, pa.Array] | None = None
        shares: list[pa.Array] = []
        if rule.amount is not None:
            total = ex.amount(rule.amount)
            known = total.known
            not_false = t if f is None else ~f
            if known is not None:
                codes[not_false & ~known] = 2
            undecided = f is not None or known is not None
            ranged = total.ranged  # a discretionary range: the status, never a figure
            if ranged is not None and ranged.all():
                amount_col = pa.nulls(n, AMOUNT_TYPE)
                shares = [pa.nulls(n, AMOUNT_TYPE) for _ in self._roles[rule.rule_id]]
            else:
                paid = codes == 0
                if ranged is not None:
                    paid &= ~ranged
                fen = round_fen(total, n)
                amount_col = _decimal_column(fen, None if paid.all() else paid, n)
                if rule.split:
                    bound = _fen_bound(total)
                    for part in split_plan(fen, bound, rule.split):
                        shares.append(_decimal_column(part, None if paid.all() else paid, n))
            if rule.may_range:
                range_cols = _range_columns(rule.rule_id, total, codes, n)
        del t, f
        out.append(("status", _status_column(codes)))
        if amount_col is not None:
            out.append(("amount", amount_col))
        if rule.may_range:
            if range_cols is None:
                range_cols = (pa.nulls(n, AMOUNT_TYPE), pa.nulls(n, AMOUNT_TYPE))
            out.append(("amount_low", range_cols[0]))
            out.append(("amount_high", range_cols[1]))
        for role, array in zip(self._roles[rule.rule_id], shares, strict=True):
            out.append((f"share.{role}", array))
        undetermined = np.flatnonzero(codes == 2) if undecided else np.empty(0, np.int64)
        if len(undetermined):
            missing, reasons = self._undetermined(rule, cols, undetermined)
        else:
            missing = reasons = _empty_missing(n)
        out.append(("missing", missing))
        out.append(("reasons", reasons))
        return out

    def _undetermined(
        self, rule: RulePlan, cols: _Columns, rows: np.ndarray
    ) -> tuple[pa.Array, pa.Array]:
        """Missing facts and reasons of the undetermined rows, vectorised over static
        slots (reasons only for a rule whose plan can give one: ``may_reason``)."""
        want_reasons = rule.may_reason
        taken: np.ndarray | None = None
        if 2 * len(rows) >= cols.n:
            # most rows: evaluate on the whole batch and keep the rows' slots
            masks_all = self._slot_masks(rule, cols, want_reasons)
            masks = [(key, mask[rows]) for key, mask in masks_all]
            taken = rows
        else:
            from ._plan import _amount_keys, _cond_keys

            assert rule.criteria is not None
            keys = _cond_keys(rule.criteria) + (
                _amount_keys(rule.amount) if rule.amount is not None else []
            )
            masks = self._slot_masks(rule, cols.take(rows, set(keys)), want_reasons)
        names = [(key, mask) for key, mask in masks if isinstance(key, str)]
        why = [(key, mask) for key, mask in masks if isinstance(key, Reason)]
        reasons = _reasons_column(cols.n, rows, why, taken) if why else _empty_missing(cols.n)
        if not names:
            missing = _missing_column(cols.n, rows, np.zeros(len(rows), np.int64), [()])
            return missing, reasons
        inverse, firsts = _patterns([m for _, m in names])
        found = [
            tuple(dict.fromkeys(key for key, mask in names if mask[first])) for first in firsts
        ]
        return _missing_column(cols.n, rows, inverse, found), reasons

    def _slot_masks(self, rule: RulePlan, sub: _Columns, reasons: bool) -> list[tuple[Any, Any]]:
        """Per slot, the rows where the row path would name that fact as missing (and,
        with *reasons*, give that :class:`Reason`)."""
        ex = Executor(sub, reasons)
        slots: list[tuple[Any, Any]] = []
        assert rule.criteria is not None
        t, f = ex.cond(rule.criteria, slots)
        unknown = np.zeros(sub.n, bool) if f is None else ~(t | f)
        masks = [(key, mask & unknown) for key, mask in slots]
        if rule.amount is not None:
            total = ex.amount(rule.amount)
            amount_unknown = np.zeros(sub.n, bool) if total.known is None else ~total.known
            not_false = t if f is None else ~f
            for key, mask in ex.amount_slots(rule.amount):
                masks.append((key, mask & not_false & amount_unknown))
            pieces = ex.amount_pieces(rule.amount) if reasons else []
            if pieces:
                joined = np.zeros(sub.n, bool)
                for piece in pieces:
                    joined |= piece.mask
                masks.append((Reason(pieces, True), joined & not_false & amount_unknown))
        return masks

    # -- per row

    @in_library_context  # worker threads start with Python's default decimal context
    def _per_row(self, rule: RulePlan, cols: _Columns) -> list[tuple[str, pa.Array]]:
        from ._jurisdiction import PreparedFacts

        assert rule.version is not None
        keys = [k for k in cols.arrays if _base(k) in set(rule.version.rule.fact_names())]
        rows = _row_dicts(self.jurisdiction, cols, keys)
        results = [
            self.jurisdiction._evaluate_version(
                rule.version,
                PreparedFacts._trusted(facts, self.jurisdiction.fact_registry),
                self.on,
                False,
            )
            for facts in rows
        ]
        return self._result_columns(rule, results)

    def _result_columns(
        self, rule: RulePlan, results: Sequence[Result]
    ) -> list[tuple[str, pa.Array]]:
        """A rule's columns from per-row results."""
        n = len(results)
        codes = np.empty(n, dtype=np.int8)
        shape = self._shapes[rule.rule_id]
        roles = shape.roles
        amounts: list[Any] = [None] * n
        lows: list[Any] = [None] * n
        highs: list[Any] = [None] * n
        shares: dict[str, list[Any]] = {role: [None] * n for role in roles}
        missing: list[tuple[str, ...]] = []
        missing_rows: list[int] = []
        reasons: list[tuple[str, ...]] = []
        reason_rows: list[int] = []
        for i, result in enumerate(results):
            codes[i] = _STATUS_CODE[result.status.value]
            amounts[i] = result.amount
            for share in result.shares:
                shares[share.role][i] = share.amount
            if result.amount_range is not None:
                lows[i], highs[i] = result.amount_range.low, result.amount_range.high
            if result.missing:
                missing_rows.append(i)
                missing.append(result.missing)
            if result.reasons:
                reason_rows.append(i)
                reasons.append(result.reasons)
        out = [("status", _status_column(codes))]
        if shape.amount:
            out.append(("amount", pa.array(amounts, AMOUNT_TYPE)))
        if shape.ranged:
            out.append(("amount_low", _bound_array(rule.rule_id, lows)))
            out.append(("amount_high", _bound_array(rule.rule_id, highs)))
        out.extend((f"share.{role}", pa.array(shares[role], AMOUNT_TYPE)) for role in roles)
        out.append(("missing", _list_column(n, missing_rows, missing)))
        out.append(("reasons", _list_column(n, reason_rows, reasons)))
        return out


def _list_column(n: int, rows: list[int], items: list[tuple[str, ...]]) -> pa.Array:
    """A list<string> column: rows[i] gets items[i], every other row an empty list."""
    patterns = list(dict.fromkeys(items))
    index = {item: i for i, item in enumerate(patterns)}
    return _missing_column(
        n,
        np.array(rows, dtype=np.int64),
        np.array([index[item] for item in items], dtype=np.int64),
        patterns,
    )


def _fine_bound(rule_id: str, value: Any) -> ValueError:
    return ValueError(
        f"{rule_id}: the range bound {value} has digits below the fen; the screening "
        "output gives amounts and ranges to the fen (decimal128(38, 2))"
    )


def _bound_array(rule_id: str, values: list[Any]) -> pa.Array:
    """Range bounds (Decimal or None) as the amount type; a finer bound is refused."""
    for value in values:
        if value is not None and value != value.quantize(Decimal("0.01"), rounding="ROUND_DOWN"):
            raise _fine_bound(rule_id, value)
    return pa.array(values, AMOUNT_TYPE)


def _put_fen(target: np.ndarray, rows: np.ndarray, value: Num, rule_id: str) -> np.ndarray:
    """*target* with the exact fen of *value* written on *rows* (a bool mask)."""
    scaled = _mul(value.num, value.bound, 100, 100)
    den = value.den
    if isinstance(scaled, np.ndarray):
        scaled = scaled[rows]
    if isinstance(den, np.ndarray):
        den = den[rows]
    fen, rest = scaled // den, scaled % den
    uneven = np.flatnonzero(np.broadcast_to(np.asarray(rest != 0), (int(rows.sum()),)))
    if len(uneven):
        first = int(uneven[0])
        num = int(scaled[first] if np.ndim(scaled) else scaled)
        div = int(den[first] if np.ndim(den) else den)
        raise _fine_bound(rule_id, Fraction(num, 100 * div))
    if not isinstance(fen, np.ndarray):
        fen = int(fen)
        if abs(fen) >= LIMIT:
            target = target.astype(object)
    elif fen.dtype == object:
        target = target.astype(object)
    target[rows] = fen
    return target


def _range_columns(
    rule_id: str, total: Num, codes: np.ndarray, n: int
) -> tuple[pa.Array, pa.Array]:
    """``amount_low`` and ``amount_high``: the range of each eligible row whose amount is
    a discretionary range (high null for an open range), null elsewhere."""
    nulls = pa.nulls(n, AMOUNT_TYPE)
    if total.ranged is None:
        return nulls, nulls
    shown = (codes == 0) & total.ranged
    if not shown.any():
        return nulls, nulls
    low = np.zeros(n, np.int64)
    high = np.zeros(n, np.int64)
    closed = np.zeros(n, bool)
    for rows, low_value, high_value in total.ranges:
        on = shown if rows is None else shown & rows
        if not on.any():
            continue
        low = _put_fen(low, on, low_value, rule_id)
        if high_value is not None:
            high = _put_fen(high, on, high_value, rule_id)
            closed |= on
    return (
        _decimal_column(low, None if shown.all() else shown, n),
        _decimal_column(high, None if closed.all() else closed, n),
    )


def _reasons_column(
    n: int, rows: np.ndarray, slots: list[tuple[Any, Any]], taken: np.ndarray | None
) -> pa.Array:
    """The reasons of the undetermined *rows*: per row, the criteria's reason slots
    (each its active pieces joined with "; ") without repeats, in order, then the
    amount's. Rows are grouped by their active pieces (and the codes of per-row texts),
    so the texts are made once per group. Slot masks are over *rows*; piece masks over
    the batch when *taken* (then = *rows*), else over *rows* too."""
    atoms: list[tuple[int, Piece]] = []
    for index, (reason, mask) in enumerate(slots):
        for piece in reason.pieces:
            atom = piece.restricted(mask, taken)
            if atom.mask.any():
                atoms.append((index, atom))
    if not atoms:
        return _empty_missing(n)
    active = np.zeros(len(rows), bool)
    for _, atom in atoms:
        active |= atom.mask
    chosen = np.flatnonzero(active)
    columns = []
    for _, atom in atoms:
        bit = atom.mask[chosen]
        columns.append(bit.astype(np.int64))
        if atom.codes is not None:
            columns.append(np.where(bit, np.asarray(atom.codes)[chosen], 0).astype(np.int64))
    matrix = np.stack(columns, axis=1)
    _, firsts, inverse = np.unique(matrix, axis=0, return_index=True, return_inverse=True)
    found: list[tuple[str, ...]] = []
    for first in firsts:
        row = int(chosen[first])
        texts: dict[int, list[str]] = {}
        for index, atom in atoms:
            if atom.mask[row]:
                text = (
                    atom.text
                    if atom.render is None or atom.codes is None
                    else atom.render(int(atom.codes[row]))
                )
                texts.setdefault(index, []).append(text)
        criteria: list[str] = []
        amount: list[str] = []
        for index in sorted(texts):
            joined = "; ".join(texts[index])
            if slots[index][0].amount:
                amount.append(joined)
            elif joined not in criteria:
                criteria.append(joined)
        found.append((*criteria, *amount))
    return _missing_column(n, rows[chosen], inverse.reshape(-1), found)


def _base(key: str) -> str:
    match = _COLUMN.fullmatch(key)
    return match.group("name") if match else key


def _fen_bound(total: Num) -> int:
    den = int(total.den)
    return (total.bound * 200 + den) // (2 * den) + 1


def _answer_of(values: dict[str, list[Any]], row: int, roles: tuple[str, ...]) -> tuple[Any, ...]:
    """What ``_same_answer`` compares of a screened row: status, amount, range and the
    shares in the answering version's payer order (*roles*)."""
    return (
        values["status"][row],
        values["amount"][row] if "amount" in values else None,
        values["amount_low"][row] if "amount_low" in values else None,
        values["amount_high"][row] if "amount_high" in values else None,
        [
            (role, values[f"share.{role}"][row])
            for role in roles
            if f"share.{role}" in values and values[f"share.{role}"][row] is not None
        ],
    )


class _Shape(NamedTuple):
    """A rule's result columns: whether it has an amount, a discretionary range, and
    which payers' shares."""

    amount: bool
    ranged: bool
    roles: tuple[str, ...]

    @property
    def suffixes(self) -> tuple[str, ...]:
        """The column names after ``<RULE>.``, in schema order."""
        return (
            "status",
            *(("amount",) if self.amount else ()),
            *(("amount_low", "amount_high") if self.ranged else ()),
            *(f"share.{role}" for role in self.roles),
            "missing",
            "reasons",
        )


def _shape(jurisdiction: Jurisdiction, rule: RulePlan, on: date) -> _Shape:
    """The columns of *rule*: those of the version the plan uses, joined by those of
    the versions that answer rows outside a layer's territory (``evaluate`` answers
    them with the stack below that layer: a parent's payers, say Xining's ``city``)."""
    version = rule.version
    own = version.rule if version is not None else jurisdiction.rule(rule.rule_id)
    amount = own.amount is not None
    ranged = rule.may_range if version is not None else formula_may_range(own.amount)
    roles = dict.fromkeys(_split_roles(jurisdiction, own, on))
    for depth, layer in enumerate(jurisdiction.chain):
        if not depth or not layer.territory:
            continue
        below = jurisdiction._within(depth)
        for other in below._versions.get(rule.rule_id, ()):
            if other.covers(on):
                amount = amount or other.rule.amount is not None
                ranged = ranged or formula_may_range(other.rule.amount)
                roles.update(dict.fromkeys(_split_roles(below, other.rule, on)))
    return _Shape(amount, ranged, tuple(roles))


def _roles(jurisdiction: Jurisdiction, rule: RulePlan, on: date) -> tuple[str, ...]:
    version = rule.version
    the_rule = version.rule if version is not None else jurisdiction.rule(rule.rule_id)
    return _split_roles(jurisdiction, the_rule, on)


def _split_roles(jurisdiction: Jurisdiction, the_rule: Rule, on: date) -> tuple[str, ...]:
    """The payers of *the_rule*'s shares on *on* (a refined payer replaced by its parts)."""
    if the_rule.split is None:
        return ()
    roles: list[str] = []
    for payer in the_rule.split.payers:
        refinement = jurisdiction._refinement(payer.role, on)
        if refinement is None:
            roles.append(payer.role)
        else:
            roles.extend(p.role for p in refinement.into)
    return tuple(roles)


@in_library_context
def screen_batches(
    jurisdiction: Jurisdiction,
    batches: Any,
    *,
    on: date | str,
    rules: Iterable[str] | None = None,
    threads: int | None = None,
) -> Iterator[pa.RecordBatch]:
    """Screen batch after batch (bounded memory); a large batch comes back in slices."""
    screener = Screener(jurisdiction, on, rules, threads=threads)
    for batch in _as_batches(batches):
        yield from screener.screen_parallel(batch)


@in_library_context
def screen(
    jurisdiction: Jurisdiction,
    table: Any,
    *,
    on: date | str,
    rules: Iterable[str] | None = None,
    threads: int | None = None,
) -> pa.Table:
    """Screen every row of *table* against *rules* (default: all) on date *on*.

    *table* is a pyarrow Table or RecordBatch, a pandas or polars DataFrame, or an
    iterable of record batches. Returns a pyarrow Table (see the module docstring).
    *threads* (default: the cores, at most 4) screen slices of large batches side by
    side; ``threads=1`` keeps to the calling thread.
    """
    screener = Screener(jurisdiction, on, rules, threads=threads)
    out = [part for batch in _as_batches(table) for part in screener.screen_parallel(batch)]
    if not out:
        return screener.schema().empty_table()
    return pa.Table.from_batches(out)


# --------------------------------------------------------------------------- files (the CLI)

FORMATS = {
    ".parquet": "parquet",
    ".pq": "parquet",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


def file_format(path: str) -> str:
    """``parquet``, ``csv`` or ``jsonl``, from the file name."""
    for suffix, kind in FORMATS.items():
        if path.lower().endswith(suffix):
            return kind
    raise ValueError(f"{path}: unknown file type (use .parquet, .csv or .jsonl)")


class _Counting:
    """A binary file wrapper counting the bytes read (progress for CSV and JSON Lines)."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.read_bytes = 0
        self.closed = False

    def read(self, size: int = -1) -> bytes:
        data: bytes = self.raw.read(size)
        self.read_bytes += len(data)
        return data

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def close(self) -> None:
        self.closed = True
        self.raw.close()


def _arrow_type(spec: FactSpec) -> pa.DataType:
    # Every fact is read as text and parsed by validate(): decimals exactly (never as a
    # float), and a bad cell gets the per-row message naming its row.
    return pa.string()


def _column_types(jurisdiction: Jurisdiction, names: Sequence[str]) -> dict[str, pa.DataType]:
    registry = jurisdiction.fact_registry
    types: dict[str, pa.DataType] = {}
    for name in names:
        base = _base(name)
        if base in registry:
            types[name] = _arrow_type(registry[base])
    return types


def read_batches(
    jurisdiction: Jurisdiction, path: str, batch_size: int = 65_536
) -> tuple[Iterator[pa.RecordBatch], Any, int | None, str]:
    """Stream *path* as record batches: (batches, progress source, total, unit).

    The progress source has ``read_bytes`` (CSV, JSON Lines) or is ``None`` (Parquet,
    whose row count is known up front).
    """
    kind = file_format(path)
    if kind == "parquet":
        import pyarrow.parquet as pq

        # pre_buffer=False: pre-buffering keeps every column chunk read so far alive,
        # and the memory would grow with the file instead of staying per batch
        parquet = pq.ParquetFile(path, pre_buffer=False)
        return parquet.iter_batches(batch_size=batch_size), None, parquet.metadata.num_rows, "rows"
    import csv as _csv

    size = os.path.getsize(path)
    counting = _Counting(open(path, "rb"))  # noqa: SIM115 - closed when the stream ends
    if kind == "csv":
        import pyarrow.csv as pcsv

        with open(path, encoding="utf-8", newline="") as handle:
            header = next(_csv.reader(handle), [])
        reader = pcsv.open_csv(
            counting,
            read_options=pcsv.ReadOptions(block_size=1 << 22),
            convert_options=pcsv.ConvertOptions(
                column_types=_column_types(jurisdiction, header),
                strings_can_be_null=True,
            ),
        )
        return _closing(iter(reader), counting), counting, size, "bytes"
    return (
        _closing(_jsonl_batches(jurisdiction, counting, batch_size), counting),
        counting,
        size,
        "bytes",
    )


def _closing(batches: Iterator[pa.RecordBatch], handle: Any) -> Iterator[pa.RecordBatch]:
    try:
        yield from batches
    finally:
        handle.close()


def _jsonl_batches(
    jurisdiction: Jurisdiction, handle: Any, batch_size: int
) -> Iterator[pa.RecordBatch]:
    """JSON Lines, one firm per line (numbers parsed as Decimal, never float).

    A yearly fact may be flat (``"rd_expense[2018]": "30000"``) or nested
    (``"rd_expense": {"2018": "30000"}``), as the per-row path takes it.
    """
    import json

    registry = jurisdiction.fact_registry
    rows: list[dict[str, Any]] = []
    line_number = 0
    for raw in iter(handle.raw.readline, b""):
        handle.read_bytes += len(raw)
        line_number += 1
        if not raw.strip():
            continue
        try:
            record = json.loads(raw, parse_float=Decimal)
        except ValueError as exc:
            raise InvalidFactError(f"line {line_number}", raw[:60], f"not JSON ({exc})") from None
        if not isinstance(record, dict):
            raise InvalidFactError(f"line {line_number}", record, "expected a JSON object")
        flat: dict[str, Any] = {}
        for key, value in record.items():
            if key in registry and registry[key].yearly and isinstance(value, dict):
                for year, item in value.items():
                    flat[yearly_key(key, int(year))] = item
            else:
                flat[key] = value
        rows.append(flat)
        if len(rows) >= batch_size:
            yield _jsonl_batch(jurisdiction, rows)
            rows = []
    if rows:
        yield _jsonl_batch(jurisdiction, rows)


def _jsonl_batch(jurisdiction: Jurisdiction, rows: list[dict[str, Any]]) -> pa.RecordBatch:
    """One batch of JSON records; values the validator parses are passed on as exact text."""
    names = list(dict.fromkeys(k for row in rows for k in row))
    registry = jurisdiction.fact_registry
    arrays = []
    for name in names:
        values = [row.get(name) for row in rows]
        base = _base(name)
        kind = registry[base].kind if base in registry else None
        if name == "id" or kind is None:
            arrays.append(pa.array(values))
        elif any(isinstance(v, bool) for v in values) and kind == "boolean":
            arrays.append(pa.array(values, pa.bool_()))
        elif any(isinstance(v, bool) for v in values):
            arrays.append(pa.array(values))  # a boolean where a number is due: refused
        else:
            text = [None if v is None else v if isinstance(v, str) else str(v) for v in values]
            arrays.append(pa.array(text, pa.string()))
    return pa.RecordBatch.from_arrays(arrays, names=names)


#: CSV joins a list cell with this: fact names never hold ';', reason texts may ("; ")
CSV_SEPARATORS = {"missing": ";", "reasons": " | "}


def _for_text_output(batch: pa.RecordBatch) -> pa.RecordBatch:
    """CSV cells: statuses as text, missing facts joined with ';', reasons with ' | '."""
    arrays, names = [], []
    for name, array in zip(batch.schema.names, batch.columns, strict=True):
        if pa.types.is_dictionary(array.type):
            array = array.cast(pa.string())
        elif pa.types.is_list(array.type):
            array = pc.binary_join(array, CSV_SEPARATORS.get(name.rpartition(".")[2], ";"))
        arrays.append(array)
        names.append(name)
    return pa.RecordBatch.from_arrays(arrays, names=names)


class _Writer:
    def __init__(self, path: str) -> None:
        self.path = path
        self.kind = file_format(path)
        self._writer: Any = None
        self._handle: Any = None

    def write(self, batch: pa.RecordBatch) -> None:
        if self.kind == "parquet":
            import pyarrow.parquet as pq

            if self._writer is None:
                self._writer = pq.ParquetWriter(self.path, batch.schema)
            self._writer.write_batch(batch)
        elif self.kind == "csv":
            import pyarrow.csv as pcsv

            text = _for_text_output(batch)
            if self._writer is None:
                self._writer = pcsv.CSVWriter(self.path, text.schema)
            self._writer.write_batch(text)
        else:
            import json

            if self._handle is None:
                self._handle = open(self.path, "w", encoding="utf-8")  # noqa: SIM115
            for row in batch.to_pylist():
                self._handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        if self._handle is not None:
            self._handle.close()


class Summary:
    """Counts per rule and status, totals per rule and payer, accumulated batch by batch."""

    def __init__(self) -> None:
        self.rows = 0
        self.counts: dict[str, np.ndarray] = {}
        self.totals: dict[str, Decimal] = {}

    def add(self, batch: pa.RecordBatch) -> None:
        self.rows += batch.num_rows
        for name, array in zip(batch.schema.names, batch.columns, strict=True):
            if name.endswith(".status"):
                counts = np.bincount(array.indices.to_numpy(), minlength=len(STATUSES))
                rule = name[: -len(".status")]
                self.counts[rule] = (
                    self.counts.get(rule, np.zeros(len(STATUSES), np.int64)) + counts
                )
            elif name.endswith(".amount") or ".share." in name:
                total = pc.sum(array).as_py()
                if total is not None:
                    self.totals[name] = self.totals.get(name, Decimal(0)) + total
                else:
                    self.totals.setdefault(name, Decimal(0))

    def render(self) -> str:
        lines = [f"{self.rows} rows screened"]
        for rule, counts in self.counts.items():
            parts = ", ".join(f"{s} {int(c)}" for s, c in zip(STATUSES, counts, strict=True) if c)
            lines.append(f"  {rule:24} {parts}")
            for name, total in self.totals.items():
                if name.startswith(rule + "."):
                    label = name[len(rule) + 1 :]
                    lines.append(f"  {'':24}   total {label}: {format(total, 'f')} CNY")
        return "\n".join(lines)


@in_library_context
def screen_file(
    jurisdiction: Jurisdiction,
    source: str,
    out: str,
    *,
    on: date | str,
    rules: Iterable[str] | None = None,
    batch_size: int = 65_536,
    progress: bool = False,
) -> Summary:
    """Screen a Parquet, CSV or JSON Lines file into another, batch by batch (bounded memory)."""
    file_format(out)
    screener = Screener(jurisdiction, on, rules)
    batches, counter, total, unit = read_batches(jurisdiction, source, batch_size)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(
            total=total,
            unit=" rows" if unit == "rows" else "B",
            unit_scale=True,
            dynamic_ncols=True,
        )
    summary = Summary()
    writer = _Writer(out)
    try:
        for batch in batches:
            result = screener.screen_batch(batch)
            writer.write(result)
            summary.add(result)
            if bar is not None:
                if counter is None:
                    bar.update(batch.num_rows)
                else:
                    bar.update(counter.read_bytes - bar.n)
                bar.set_postfix(rows=summary.rows, refresh=False)
    finally:
        writer.close()
        if bar is not None:
            bar.close()
    return summary


# --------------------------------------------------------------------------- workers (Dask, Spark)

_LOADED: dict[tuple[str, tuple[str, ...]], Jurisdiction] = {}


def load_cached(code: str, plugins: tuple[str, ...] = ()) -> Jurisdiction:
    """Load *code* once per process (workers): installed plugins, or the named modules."""
    key = (code, plugins)
    found = _LOADED.get(key)
    if found is None:
        import importlib

        from ._loading import load

        modules = [importlib.import_module(name) for name in plugins] if plugins else None
        found = _LOADED[key] = load(code, plugins=modules)
    return found


def plain_statuses(batch: pa.RecordBatch) -> pa.RecordBatch:
    """The batch with its dictionary-encoded status columns cast to plain strings."""
    arrays = [a.cast(pa.string()) if pa.types.is_dictionary(a.type) else a for a in batch.columns]
    return pa.RecordBatch.from_arrays(arrays, names=batch.schema.names)


def batch_function(
    jurisdiction: str,
    on: date | str,
    rules: Sequence[str] | None = None,
    plugins: Sequence[str] = (),
    *,
    plain: bool = True,
) -> Any:
    """A function from an iterable of record batches to screened batches.

    It is what Spark's ``DataFrame.mapInArrow`` expects (see the guide); the
    jurisdiction is loaded on first use in each worker process. With *plain* (the
    default) statuses are plain strings, which every engine reads.
    """
    day = to_date("on", on).isoformat()
    rule_ids = None if rules is None else tuple(rules)

    def screen_arrow(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        screener = Screener(load_cached(jurisdiction, tuple(plugins)), day, rule_ids, threads=1)
        for batch in batches:
            result = screener.screen_batch(batch)
            yield plain_statuses(result) if plain else result

    return screen_arrow


def ddl(schema: pa.Schema) -> str:
    """A Spark SQL DDL string for a result schema (statuses as strings), for ``mapInArrow``."""
    parts = []
    for field in schema:
        t = field.type
        if pa.types.is_dictionary(t) or pa.types.is_string(t) or pa.types.is_large_string(t):
            kind = "string"
        elif pa.types.is_decimal(t):
            kind = f"decimal({t.precision},{t.scale})"
        elif pa.types.is_list(t):
            kind = "array<string>"
        elif pa.types.is_integer(t):
            kind = "bigint"
        elif pa.types.is_date(t):
            kind = "date"
        else:
            raise TypeError(f"no Spark type for column {field.name} ({t})")
        parts.append(f"`{field.name}` {kind}")
    return ", ".join(parts)
