"""The column executor of a :class:`~innovpolicy._plan.Plan`: numpy on exact scaled integers.

Every numeric column is an exact fraction per row, ``num / den`` with ``den > 0``:
money from a ``decimal128(p, s)`` column is its unscaled integer over ``10**s``, a
ratio keeps the denominator column, dates are days since 1970-01-01. Comparisons
cross-multiply (``n/d >= p/q`` ⇔ ``n·q >= p·d``), so no quotient is ever rounded.
Every product and sum first checks a bound on the magnitudes of its operands
(``|a|·|b| < 2**62``); a column that could exceed it switches to Python integers
(numpy object arrays), which are exact and slower: overflow is never wrapped.

Truth is Kleene's: a pair of masks ``(t, f)`` (true / false; neither = unknown),
with ``f is None`` meaning "every row is known" (``f = ~t``). A null fact is
unknown, never zero.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from fractions import Fraction
from math import lcm
from typing import Any, Protocol

import numpy as np

from . import (
    ALesser,
    ALookup,
    AMarginal,
    Amount,
    ARange,
    AValue,
    CAll,
    CAlways,
    CAny,
    CCompare,
    CIf,
    CIn,
    CNot,
    Cond,
    SplitPart,
    Value,
    VCases,
    VConst,
    VDifference,
    VFact,
    VProduct,
    VRatio,
    VSum,
    VUnknown,
    VYearOf,
    VYearsAfter,
    VYearsSince,
    _cond_values,
    _walk_values,
)

LIMIT = 1 << 62
NDArray = Any  # numpy arrays (kept loose: int64 or object dtype)
Num_t = Any  # int (a constant) or NDArray


class Source(Protocol):
    """What the executor reads: typed columns of one batch."""

    n: int

    def number(self, key: str) -> tuple[NDArray, int, NDArray | None, int] | None:
        """(unscaled int64/object values, scale denominator 10**s, known mask or None, bound)."""

    def boolean(self, key: str) -> tuple[NDArray, NDArray | None] | None: ...

    def text_in(
        self, key: str, expected: Sequence[str]
    ) -> tuple[NDArray, NDArray | None] | None: ...

    def text_codes(self, key: str) -> tuple[NDArray, Sequence[str]] | None:
        """(int64 code per row, the text of each code); a null row's code is arbitrary."""


class Piece:
    """One reason text that the row path's ``Missing`` of a value carries on the rows of
    ``mask``: ``text``, or per row ``render(code)`` of the integer column ``codes``
    (a start date, a text fact's value)."""

    __slots__ = ("codes", "mask", "render", "text")

    def __init__(
        self,
        mask: NDArray,
        text: str = "",
        codes: NDArray | None = None,
        render: Callable[[int], str] | None = None,
    ) -> None:
        self.mask, self.text, self.codes, self.render = mask, text, codes, render

    def restricted(self, mask: NDArray, rows: NDArray | None = None) -> Piece:
        """This piece on the rows of *mask* (after taking *rows*, if given)."""
        own = self.mask if rows is None else self.mask[rows]
        codes = self.codes if rows is None or self.codes is None else self.codes[rows]
        return Piece(own & mask, self.text, codes, self.render)


class Reason:
    """A slot standing for the reason of one ``Missing`` (a comparison's, or the
    amount's): the texts of its active pieces joined with ``"; "``, as
    ``_collect_missing`` joins them. ``amount`` marks the amount's reason, which the
    row path appends after the criteria's without removing repeats."""

    __slots__ = ("amount", "pieces")

    def __init__(self, pieces: list[Piece], amount: bool = False) -> None:
        self.pieces, self.amount = pieces, amount


Slot = tuple[Any, NDArray]  # (fact name, rows) or (Reason, rows)


def _any(pieces: list[Piece]) -> NDArray:
    mask = pieces[0].mask.copy()
    for piece in pieces[1:]:
        mask |= piece.mask
    return mask


def _is_obj(x: Num_t) -> bool:
    return isinstance(x, np.ndarray) and x.dtype == object


def _obj(x: Num_t) -> Num_t:
    if isinstance(x, np.ndarray):
        return x if x.dtype == object else x.astype(object)
    return int(x)


def _mul(x: Num_t, bx: int, y: Num_t, by: int) -> Num_t:
    """x·y exactly: int64 when the bound allows, Python integers otherwise."""
    if isinstance(y, int) and y == 1:
        return x
    if isinstance(x, int) and x == 1:
        return y
    if bx * by < LIMIT and not _is_obj(x) and not _is_obj(y):
        return x * y
    return _obj(x) * _obj(y)


def _add(x: Num_t, bx: int, y: Num_t, by: int, sign: int = 1) -> Num_t:
    if bx + by < LIMIT and not _is_obj(x) and not _is_obj(y):
        return x + y if sign > 0 else x - y
    return _obj(x) + _obj(y) if sign > 0 else _obj(x) - _obj(y)


def _and(a: NDArray | None, b: NDArray | None) -> NDArray | None:
    if a is None:
        return b
    if b is None:
        return a
    return a & b


class Num:
    """An exact rational column: ``num / den`` (den > 0), known mask, magnitude bounds."""

    __slots__ = ("_bound", "dbound", "den", "known", "num", "ranged", "ranges")

    def __init__(
        self,
        num: Num_t,
        den: Num_t,
        known: NDArray | None,
        bound: int | Callable[[], int],
        dbound: int,
    ) -> None:
        self.num, self.den, self.known, self._bound, self.dbound = num, den, known, bound, dbound
        # amounts only: rows whose (known) amount is a discretionary range, not a figure
        self.ranged: NDArray | None = None
        # and the ranges: (rows or None for all, low, high or None for an open range)
        self.ranges: list[tuple[NDArray | None, Num, Num | None]] = []

    @property
    def bound(self) -> int:
        """An upper bound of ``|num|`` (computed on first use: comparisons need none)."""
        if not isinstance(self._bound, int):
            self._bound = int(self._bound())
        return self._bound

    @classmethod
    def const(cls, value: Fraction) -> Num:
        return cls(
            value.numerator, value.denominator, None, abs(value.numerator), value.denominator
        )

    @property
    def scalar_den(self) -> bool:
        return isinstance(self.den, int)


def _bound(values: NDArray) -> int:
    if values.size == 0:
        return 0
    return max(int(values.max()), -int(values.min()))


def _zero_unknown(num: NDArray, known: NDArray | None) -> NDArray:
    return num if known is None else np.where(known, num, 0)


_OPS: dict[str, Callable[[Any, Any], Any]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}


class Executor:
    """Evaluates compiled rules over one batch (a :class:`Source`)."""

    def __init__(self, source: Source, reasons: bool = False) -> None:
        self.src = source
        self.n = source.n
        self._numbers: dict[str, Num] = {}
        #: with slots, also give the reason slots (:class:`Reason`)
        self.reasons = reasons

    # ------------------------------------------------------------------ values

    def fact(self, key: str) -> Num:
        cached = self._numbers.get(key)
        if cached is not None:
            return cached
        found = self.src.number(key)
        if found is None:
            num = Num(0, 1, np.zeros(self.n, dtype=bool), 0, 1)
        else:
            values, den, known, bound = found
            num = Num(values, den, known, bound, den)
        self._numbers[key] = num
        return num

    def value(self, v: Value) -> Num:
        if isinstance(v, VFact):
            return self.fact(v.key)
        if isinstance(v, VConst):
            return Num.const(v.value)
        if isinstance(v, VUnknown):
            return Num(0, 1, np.zeros(self.n, dtype=bool), 0, 1)
        if isinstance(v, VRatio):
            return self._ratio(self.value(v.num), self.value(v.den))
        if isinstance(v, VSum):
            total = self.value(v.terms[0])
            for term in v.terms[1:]:
                total = self._add(total, self.value(term), 1)
            return total
        if isinstance(v, VDifference):
            return self._add(self.value(v.left), self.value(v.right), -1)
        if isinstance(v, VProduct):
            a, b = self.value(v.left), self.value(v.right)
            num = _mul(a.num, a.bound, b.num, b.bound)
            den = _mul(a.den, a.dbound, b.den, b.dbound)
            return Num(num, den, _and(a.known, b.known), a.bound * b.bound, a.dbound * b.dbound)
        if isinstance(v, VYearsSince):
            return self._years_since(v.key, v.on)
        if isinstance(v, VCases):
            return self._cases(v)
        if isinstance(v, VYearsAfter):
            day = self.fact(v.key)
            if not isinstance(day.num, np.ndarray):
                return Num(0, 1, day.known, 0, 1)
            shifted = _zero_unknown(_add_years(day.num, v.years), day.known)
            return Num(shifted, 1, day.known, 1 << 31, 1)
        if isinstance(v, VYearOf):
            day = self.fact(v.key)
            known = day.known
            years = (
                _ymd(day.num)[0] if isinstance(day.num, np.ndarray) else np.zeros(self.n, np.int64)
            )
            years = _zero_unknown(years, known)
            return Num(years, 1, known, _bound(years), 1)
        raise TypeError(f"unknown plan value {v!r}")

    def _cases(
        self, v: VCases, slots: list[Slot] | None = None, pieces: list[Piece] | None = None
    ) -> Num:
        """First case whose criterion holds, as ``Cases.value``: an unknown criterion
        before it leaves the value unknown, naming that criterion's missing facts; an
        unknown criterion that names no fact (a reason only) does not stop the search."""
        searching = np.ones(self.n, bool)  # every earlier case false (or unknown, unnamed)
        blocked = np.zeros(self.n, bool)  # an earlier case unknown, none true yet
        chosen: list[tuple[NDArray, Num, Value]] = []
        for cond, expr in v.cases:
            unnamed = _may_reason(cond)
            cond_slots: list[Slot] | None = [] if slots is not None or unnamed else None
            t, f = self.cond(cond, cond_slots)
            f_ = ~t if f is None else f
            unknown = ~(t | f_)
            names: list[Slot] = []
            if cond_slots is not None:
                names = [(k, m & unknown) for k, m in cond_slots if isinstance(k, str)]
            if unnamed:
                named = np.zeros(self.n, bool)
                for _, mask in names:
                    named |= mask
                f_ = f_ | (unknown & ~named)
                unknown = unknown & named
            if slots is not None:
                reached = searching | blocked
                slots.extend((key, mask & reached) for key, mask in names)
            chosen.append((searching & t, self.value(expr), expr))
            blocked = (blocked & ~t) | (searching & unknown)
            searching = searching & f_
        if v.default is not None:
            chosen.append((searching, self.value(v.default), v.default))
        if pieces is not None:
            for pick, _, expr in chosen:
                pieces.extend(p.restricted(pick) for p in self.value_pieces(expr))
            if v.default is None and searching.any():
                pieces.append(Piece(searching, "no case applies"))
        common = lcm(*(int(num.den) for _, num, _ in chosen)) if chosen else 1
        known = np.zeros(self.n, bool)
        values: Num_t = np.zeros(self.n, np.int64)
        bound = 0
        for pick, num, expr in chosen:
            factor = common // int(num.den)
            bound = max(bound, num.bound * factor)
            scaled = _mul(num.num, num.bound, factor, factor)
            if not isinstance(scaled, np.ndarray):
                scaled = np.full(self.n, scaled, dtype=object if abs(scaled) >= LIMIT else np.int64)
            if _is_obj(scaled) or _is_obj(values):
                picked: NDArray = np.where(pick, _obj(scaled), _obj(values))
                values = picked.astype(object)
            else:
                values = np.where(pick, scaled, values)
            known |= pick if num.known is None else pick & num.known
            if slots is not None:
                slots.extend((key, mask & pick) for key, mask in self.value_slots(expr))
        return Num(np.where(known, values, 0), common, known, bound, common)

    def value_slots(self, v: Value | None) -> list[Slot]:
        """(fact, rows where the row path's ``Missing`` of *v* names it), in its order."""
        if v is None:
            return []
        if isinstance(v, (VFact, VYearsSince, VYearOf, VYearsAfter)):
            k = self.fact(v.key).known
            return [(v.key, np.zeros(self.n, bool) if k is None else ~k)]
        if isinstance(v, VRatio):
            return self.value_slots(v.num) + self.value_slots(v.den)
        if isinstance(v, VSum):
            return [slot for term in v.terms for slot in self.value_slots(term)]
        if isinstance(v, (VProduct, VDifference)):
            return self.value_slots(v.left) + self.value_slots(v.right)
        if isinstance(v, VCases):
            slots: list[Slot] = []
            self._cases(v, slots)
            return slots
        return []

    def value_pieces(self, v: Value | None) -> list[Piece]:
        """The reason pieces of *v*'s ``Missing`` on the row path, in its order (rows where
        the value is unknown for a cause other than a missing fact)."""
        if v is None or isinstance(v, (VFact, VConst, VYearOf, VYearsAfter)):
            return []
        if isinstance(v, VUnknown):
            return [Piece(np.ones(self.n, bool), v.reason)] if v.reason else []
        if isinstance(v, VRatio):
            pieces = self.value_pieces(v.num) + self.value_pieces(v.den)
            a, b = self.value(v.num), self.value(v.den)
            zero = b.num == 0
            if not isinstance(zero, np.ndarray):
                zero = np.full(self.n, bool(zero))
            zero = zero & _known(a, self.n) & _known(b, self.n)
            if zero.any():
                pieces.append(Piece(zero, v.zero_reason))
            return pieces
        if isinstance(v, VSum):
            return [p for term in v.terms for p in self.value_pieces(term)]
        if isinstance(v, (VProduct, VDifference)):
            return self.value_pieces(v.left) + self.value_pieces(v.right)
        if isinstance(v, VYearsSince):
            return self._future_pieces(v)
        if isinstance(v, VCases):
            found: list[Piece] = []
            self._cases(v, None, found)
            return found
        raise TypeError(f"unknown plan value {v!r}")

    def _future_pieces(self, v: VYearsSince) -> list[Piece]:
        """A start after the end date: the row path's reason, naming the start date."""
        day = self.fact(v.key)
        if not isinstance(day.num, np.ndarray):
            return []
        later = (day.num > _day_number(v.on)) & _known(day, self.n)
        if not later.any():
            return []
        name, end = v.key, v.on

        def render(code: int) -> str:
            from .._criteria import _future_date

            start = date(1970, 1, 1) + timedelta(days=int(code))
            return _future_date(name, start, end).reason

        return [Piece(later, codes=day.num, render=render)]

    def _add(self, a: Num, b: Num, sign: int) -> Num:
        known = _and(a.known, b.known)
        if a.scalar_den and b.scalar_den and a.den == b.den:
            num = _add(a.num, a.bound, b.num, b.bound, sign)
            return Num(num, a.den, known, a.bound + b.bound, a.dbound)
        if a.scalar_den and b.scalar_den:
            common = lcm(a.den, b.den)
            fa, fb = common // a.den, common // b.den
            x, y = _mul(a.num, a.bound, fa, fa), _mul(b.num, b.bound, fb, fb)
            num = _add(x, a.bound * fa, y, b.bound * fb, sign)
            return Num(num, common, known, a.bound * fa + b.bound * fb, common)
        x = _mul(a.num, a.bound, b.den, b.dbound)
        y = _mul(b.num, b.bound, a.den, a.dbound)
        num = _add(x, a.bound * b.dbound, y, b.bound * a.dbound, sign)
        den = _mul(a.den, a.dbound, b.den, b.dbound)
        return Num(num, den, known, a.bound * b.dbound + b.bound * a.dbound, a.dbound * b.dbound)

    def _ratio(self, a: Num, b: Num) -> Num:
        known = _and(a.known, b.known)
        if a.scalar_den and b.scalar_den and a.den == b.den:
            num, den = a.num, b.num
            bound, dbound = a.bound, b.bound
        else:
            num = _mul(a.num, a.bound, b.den, b.dbound)
            den = _mul(b.num, b.bound, a.den, a.dbound)
            bound, dbound = a.bound * b.dbound, b.bound * a.dbound
        if not isinstance(den, np.ndarray):
            den = np.full(self.n, den, dtype=object if abs(den) >= LIMIT else np.int64)
        if not isinstance(num, np.ndarray):
            num = np.full(self.n, num, dtype=object if abs(num) >= LIMIT else np.int64)
        if den.dtype != object and den.size and int(den.min()) > 0:
            return Num(num, den, known, bound, max(dbound, 1))  # no zero, no negative
        zero = den == 0
        if zero.any():
            known = ~zero if known is None else known & ~zero
            den = np.where(zero, 1, den)
            num = np.where(zero, 0, num)
        negative = den < 0
        if negative.any():
            den = np.where(negative, -den, den)
            num = np.where(negative, -num, num)
        return Num(num, den, known, bound, max(dbound, 1))

    def _years_since(self, key: str, on: date) -> Num:
        day = self.fact(key)
        if not isinstance(day.num, np.ndarray):
            return Num(0, 1, day.known, 0, 1)
        # A start after the end date is inconsistent input: unknown (a reason, no
        # missing fact), exactly as the row path's YearsSince / AgeOn.
        known = _and(day.known, day.num <= _day_number(on))
        years = _zero_unknown(_full_years(day.num, on), known)
        return Num(years, 1, known, _bound(years), 1)

    # ------------------------------------------------------------------ criteria

    def compare(self, a: Num, op: str, b: Num) -> NDArray:
        fn = _OPS[op]
        # The common case: a column against a constant threshold, both with scalar
        # denominators: compare the integer column with an integer bound.
        if isinstance(b.num, int) and b.scalar_den and a.scalar_den and isinstance(b.den, int):
            p, q = b.num * a.den, b.den  # a.num / 1 op p / q  (a.den folded into p)
            if q == 1:
                threshold: Any = p
            elif op in (">=", "<"):
                threshold = -((-p) // q)  # ceil
            elif op in (">", "<="):
                threshold = p // q  # floor
            else:  # ==
                if p % q:
                    return np.zeros(self.n, dtype=bool)
                threshold = p // q
            if isinstance(a.num, np.ndarray) and a.num.dtype != object and abs(threshold) >= LIMIT:
                threshold_fits = False
            else:
                threshold_fits = True
            left = a.num if threshold_fits else _obj(a.num)
            result = fn(left, threshold)
        else:
            lhs = _mul(a.num, a.bound, b.den, b.dbound)
            rhs = _mul(b.num, b.bound, a.den, a.dbound)
            if _is_obj(lhs) != _is_obj(rhs):
                lhs, rhs = _obj(lhs), _obj(rhs)
            result = fn(lhs, rhs)
        if not isinstance(result, np.ndarray):
            result = np.full(self.n, bool(result))
        return result.astype(bool, copy=False)

    def cond(self, c: Cond, slots: list[Slot] | None = None) -> tuple[NDArray, NDArray | None]:
        """Kleene truth ``(t, f)`` of *c*; with *slots*, also the missing-fact slots."""
        if isinstance(c, CCompare):
            if isinstance(c.left, VYearsSince) and isinstance(c.right, VConst):
                return self._years_since_compare(c.left, c.op, c.right.value, slots)
            a, b = self.value(c.left), self.value(c.right)
            known = _and(a.known, b.known)
            result = self.compare(a, c.op, b)
            if slots is not None:
                slots.extend(self.value_slots(c.left))
                slots.extend(self.value_slots(c.right))
                if self.reasons:
                    pieces = self.value_pieces(c.left) + self.value_pieces(c.right)
                    if pieces:
                        slots.append((Reason(pieces), _any(pieces)))
            if known is None:
                return result, None
            return result & known, ~result & known
        if isinstance(c, CIn):
            if c.kind == "boolean":
                found = self.src.boolean(c.key)
                if found is None:
                    values, known = np.zeros(self.n, bool), np.zeros(self.n, bool)
                else:
                    values, known = found
                has_t, has_f = True in c.expected, False in c.expected
                if has_t and has_f:
                    match = np.ones(self.n, bool)
                elif has_t:
                    match = values
                elif has_f:
                    match = ~values
                else:
                    match = np.zeros(self.n, bool)
            else:
                expected = [e for e in c.expected if isinstance(e, str)]
                found = self.src.text_in(c.key, expected)
                if found is None:
                    match, known = np.zeros(self.n, bool), np.zeros(self.n, bool)
                else:
                    match, known = found
            if slots is not None:
                slots.append((c.key, np.zeros(self.n, bool) if known is None else ~known))
            if known is None:
                return match, None
            return match & known, ~match & known
        if isinstance(c, (CAll, CAny)):
            child_slots: list[list[Slot]] = []
            t: NDArray | None = None
            f: NDArray | None = None
            all_known = True
            results = []
            for part in c.parts:
                part_slots: list[Slot] | None = [] if slots is not None else None
                pt, pf = self.cond(part, part_slots)
                if part_slots is not None:
                    child_slots.append(part_slots)
                results.append((pt, pf))
                all_known = all_known and pf is None
            if isinstance(c, CAll):
                for pt, _ in results:
                    t = pt if t is None else t & pt
                if not all_known:
                    for pt, pf in results:
                        g = ~pt if pf is None else pf
                        f = g if f is None else f | g
            else:
                for pt, _ in results:
                    t = pt if t is None else t | pt
                if not all_known:
                    for pt, pf in results:
                        g = ~pt if pf is None else pf
                        f = g if f is None else f & g
            assert t is not None
            if slots is not None:
                unknown = _unknown(t, f)
                for part_slots in child_slots:
                    slots.extend((key, mask & unknown) for key, mask in part_slots)
            return t, f
        if isinstance(c, CNot):
            sub: list[Slot] | None = [] if slots is not None else None
            pt, pf = self.cond(c.part, sub)
            if slots is not None and sub is not None:
                slots.extend(sub)  # the child's slots are already limited to its unknown rows
            if pf is None:
                return ~pt, None
            return pf, pt
        if isinstance(c, CIf):
            cs: list[Slot] | None = [] if slots is not None else None
            ts: list[Slot] | None = [] if slots is not None else None
            os_: list[Slot] | None = [] if slots is not None else None
            ct, cf = self.cond(c.cond, cs)
            tt, tf = self.cond(c.then, ts)
            ot, of = self.cond(c.otherwise, os_)
            cf_ = ~ct if cf is None else cf
            tf_ = ~tt if tf is None else tf
            of_ = ~ot if of is None else of
            cu = ~(ct | cf_)
            t = (ct & tt) | (cf_ & ot) | (cu & tt & ot)
            f = (ct & tf_) | (cf_ & of_) | (cu & tf_ & of_)
            if slots is not None and cs is not None and ts is not None and os_ is not None:
                unknown = ~(t | f)
                slots.extend((key, mask & unknown) for key, mask in cs)
                slots.extend((key, mask & unknown & ~cf_) for key, mask in ts)
                slots.extend((key, mask & unknown & ~ct) for key, mask in os_)
            return t, f
        if isinstance(c, CAlways):
            return np.ones(self.n, bool), None
        raise TypeError(f"unknown plan criterion {c!r}")

    def _years_since_compare(
        self, v: VYearsSince, op: str, threshold: Fraction, slots: list[Slot] | None
    ) -> tuple[NDArray, NDArray | None]:
        """``full years since start op k`` as a comparison of the start day with fixed days.

        Full years are non-increasing in the start date, so ``years >= k`` holds exactly
        for starts on or before the latest start that still gives k years; that day is
        found once by bisection with the row path's own calendar function.
        """
        day = self.fact(v.key)
        if slots is not None:
            slots.append((v.key, np.zeros(self.n, bool) if day.known is None else ~day.known))
            if self.reasons:
                pieces = self._future_pieces(v)
                if pieces:
                    slots.append((Reason(pieces), pieces[0].mask))
        start = day.num if isinstance(day.num, np.ndarray) else np.zeros(self.n, np.int64)
        ceil = -((-threshold.numerator) // threshold.denominator)
        floor = threshold.numerator // threshold.denominator
        if op == ">=":
            result = start <= _latest_start(v.on, ceil)
        elif op == ">":
            result = start <= _latest_start(v.on, floor + 1)
        elif op == "<=":
            result = start > _latest_start(v.on, floor + 1)
        elif op == "<":
            result = start > _latest_start(v.on, ceil)
        elif threshold.denominator != 1:
            result = np.zeros(self.n, bool)
        else:
            result = (start > _latest_start(v.on, floor + 1)) & (
                start <= _latest_start(v.on, floor)
            )
        known = _and(day.known, start <= _day_number(v.on))  # a later start: unknown
        if known is None:
            return result, None
        return result & known, ~result & known

    # ------------------------------------------------------------------ amounts

    def amount(self, a: Amount) -> Num:
        """The unrounded amount (scalar denominator), with its known mask."""
        if isinstance(a, AValue):
            return self.value(a.value)
        if isinstance(a, ALesser):
            parts = [self.amount(p) for p in a.parts]
            common = lcm(*(int(p.den) for p in parts))
            known: NDArray | None = None
            best: Num_t = None
            bound = 0
            for p in parts:
                factor = common // int(p.den)
                scaled = _mul(p.num, p.bound, factor, factor)
                bound = max(bound, p.bound * factor)
                known = _and(known, p.known)
                if best is None:
                    best = scaled
                elif _is_obj(best) or _is_obj(scaled):
                    best = np.minimum(_obj(best), _obj(scaled))
                else:
                    best = np.minimum(best, scaled)
            return Num(best, common, known, bound, common)
        if isinstance(a, AMarginal):
            base = self.value(a.base)
            den = int(base.den)
            rate_den = lcm(*(r.denominator for _, r in a.brackets))
            total: Num_t = 0
            bound = 0
            for index, (threshold, rate) in enumerate(a.brackets):
                low = threshold * den
                upper = a.brackets[index + 1][0] * den if index + 1 < len(a.brackets) else None
                if low.denominator != 1 or (upper is not None and upper.denominator != 1):
                    raise TypeError("bracket threshold finer than the base's scale")
                lo = int(low)
                clipped = np.maximum(base.num, lo) if not _is_obj(base.num) else _omax(base.num, lo)
                if upper is not None:
                    up = int(upper)
                    clipped = (
                        np.minimum(clipped, up) if not _is_obj(clipped) else _omin(clipped, up)
                    )
                slice_bound = base.bound + abs(lo)
                part = _add(clipped, base.bound + abs(lo), lo, abs(lo), -1)
                factor = int(rate * rate_den)
                term = _mul(part, slice_bound, factor, factor)
                total = _add(total, bound, term, slice_bound * factor, 1)
                bound += slice_bound * factor
            return Num(total, den * rate_den, base.known, bound, den * rate_den)
        if isinstance(a, ALookup):
            return self._lookup(a)
        if isinstance(a, ARange):
            least = self.value(a.low)
            most = None if a.high is None else self.value(a.high)
            known = least.known if most is None else _and(least.known, most.known)
            result = Num(0, 1, known, 0, 1)
            result.ranged = np.ones(self.n, bool) if known is None else known.copy()
            result.ranges = [(None, least, most)]
            return result
        raise TypeError(f"unknown plan amount {a!r}")

    def _choice(self, key: str, choice: str) -> tuple[NDArray, NDArray | None]:
        found = self.src.text_in(key, [choice])
        if found is None:
            return np.zeros(self.n, bool), np.zeros(self.n, bool)
        return found

    def _lookup(self, a: ALookup) -> Num:
        parts = [
            (self._choice(a.key, choice)[0], self.amount(entry)) for choice, entry in a.entries
        ]
        common = lcm(*(int(p.den) for _, p in parts))
        entry_known = np.zeros(self.n, bool)
        ranged = np.zeros(self.n, bool)
        num: Num_t = np.zeros(self.n, np.int64)
        bound = 0
        ranges: list[tuple[NDArray | None, Num, Num | None]] = []
        for match, p in parts:
            if p.ranged is not None:
                ranged |= match & p.ranged
                ranges.extend((match if m is None else match & m, lo, hi) for m, lo, hi in p.ranges)
            factor = common // int(p.den)
            bound = max(bound, p.bound * factor)
            scaled = _mul(p.num, p.bound, factor, factor)
            if _is_obj(scaled) or _is_obj(num):
                chosen: NDArray = np.where(match, _obj(scaled), _obj(num))
                num = chosen.astype(object)
            else:
                num = np.where(match, scaled, num)
            entry_known |= match if p.known is None else match & p.known
        # a value the table lacks is unknown (with a reason, no missing fact), as per row
        result = Num(np.where(entry_known, num, 0), common, entry_known, bound, common)
        result.ranged = ranged if ranged.any() else None
        result.ranges = ranges
        return result

    def amount_slots(self, a: Amount) -> list[Slot]:
        """Missing-fact slots of an amount, in the order the row path names them."""
        if isinstance(a, ALesser):
            return [slot for p in a.parts for slot in self.amount_slots(p)]
        if isinstance(a, ALookup):
            _, known = self._choice(a.key, a.entries[0][0]) if a.entries else (None, None)
            slots = [(a.key, np.zeros(self.n, bool) if known is None else ~known)]
            for choice, entry in a.entries:
                match = self._choice(a.key, choice)[0]
                slots.extend((k, m & match) for k, m in self.amount_slots(entry))
            return slots
        if isinstance(a, AValue):
            return self.value_slots(a.value)
        if isinstance(a, AMarginal):
            return self.value_slots(a.base)
        if isinstance(a, ARange):
            return self.value_slots(a.low) + self.value_slots(a.high)
        return []

    def amount_pieces(self, a: Amount) -> list[Piece]:
        """Reason pieces of an amount's ``Missing`` (``Formula.compute``), in its order."""
        if isinstance(a, AValue):
            return self.value_pieces(a.value)
        if isinstance(a, ALesser):
            return [p for part in a.parts for p in self.amount_pieces(part)]
        if isinstance(a, AMarginal):
            return self.value_pieces(a.base)
        if isinstance(a, ARange):
            return self.value_pieces(a.low) + self.value_pieces(a.high)
        if isinstance(a, ALookup):
            pieces: list[Piece] = []
            matched = np.zeros(self.n, bool)
            for choice, entry in a.entries:
                match = self._choice(a.key, choice)[0]
                matched |= match
                pieces.extend(p.restricted(match) for p in self.amount_pieces(entry))
            found = self.src.text_in(a.key, [choice for choice, _ in a.entries])
            if found is None:
                return pieces
            lacking = ~matched if found[1] is None else found[1] & ~matched
            codes = self.src.text_codes(a.key) if lacking.any() else None
            if codes is not None:
                values, texts = codes
                key = a.key

                def render(code: int) -> str:
                    return f"no amount is set for {key} = {texts[code]}"

                pieces.append(Piece(lacking, codes=values, render=render))
            return pieces
        raise TypeError(f"unknown plan amount {a!r}")


def _known(num: Num, n: int) -> NDArray:
    return np.ones(n, bool) if num.known is None else num.known


def _may_reason(cond: Cond) -> bool:
    """Whether *cond* can be unknown without naming a missing fact (a reason only)."""
    return any(
        isinstance(w, (VRatio, VUnknown, VYearsSince, VCases))
        for v in _cond_values(cond)
        for w in _walk_values(v)
    )


def _omax(x: NDArray, v: int) -> NDArray:
    return np.where(x > v, x, v).astype(object)


def _omin(x: NDArray, v: int) -> NDArray:
    return np.where(x < v, x, v).astype(object)


def _unknown(t: NDArray, f: NDArray | None) -> NDArray:
    if f is None:
        return np.zeros(t.shape, bool)
    return ~(t | f)


# --------------------------------------------------------------------------- calendar


def _ymd(day_numbers: NDArray) -> tuple[NDArray, NDArray, NDArray]:
    d = day_numbers.astype("datetime64[D]")
    months = d.astype("datetime64[M]")
    years = d.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    dom = (d - months).astype(np.int64) + 1
    return years, month, dom


def _days_in_month(year: int, month: int) -> int:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - date(year, month, 1)).days


def _add_years(day_numbers: NDArray, years: int) -> NDArray:
    """``start + relativedelta(years=years)`` for every day number (29 February clamps)."""
    y, m, d = _ymd(day_numbers)
    month_index = (y + years - 1970) * 12 + (m - 1)
    first = month_index.astype("datetime64[M]").astype("datetime64[D]")
    following = (month_index + 1).astype("datetime64[M]").astype("datetime64[D]")
    length = (following - first).astype(np.int64)
    return first.astype(np.int64) + np.minimum(d, length) - 1


def _day_number(on: date) -> int:
    """Days since 1970-01-01, the plan's representation of a date."""
    return on.toordinal() - date(1970, 1, 1).toordinal()


def _latest_start(on: date, years: int) -> int:
    """The last start day (days since 1970) with ``full_years_between(start, on) >= years``."""
    from .._values import full_years_between

    epoch = date(1970, 1, 1)
    lo = max(date(1, 1, 1).toordinal(), on.toordinal() - 366 * (abs(years) + 2))
    hi = min(date(9999, 12, 31).toordinal(), on.toordinal() + 366 * (abs(years) + 2))
    if full_years_between(date.fromordinal(lo), on) < years:
        return lo - epoch.toordinal() - 1  # no start in range qualifies
    while lo < hi:  # invariant: lo qualifies
        mid = (lo + hi + 1) // 2
        if full_years_between(date.fromordinal(mid), on) >= years:
            lo = mid
        else:
            hi = mid - 1
    return lo - epoch.toordinal()


def _full_years(day_numbers: NDArray, on: date) -> NDArray:
    """``relativedelta(on, start).years`` for every start day, as dateutil counts it."""
    years, month, dom = _ymd(day_numbers)
    months = (on.year - years) * 12 + (on.month - month)
    candidate_day = np.minimum(dom, _days_in_month(on.year, on.month))
    on_number = (on - date(1970, 1, 1)).days
    later = on_number >= day_numbers
    # start + months always lands in on's month; step back (or forward) once if it passed on
    months = np.where(later & (on.day < candidate_day), months - 1, months)
    months = np.where(~later & (on.day > candidate_day), months + 1, months)
    sign = np.where(months < 0, -1, 1)
    return sign * (np.abs(months) // 12)


# --------------------------------------------------------------------------- rounding, splits


def round_fen(total: Num, n: int) -> Num_t:
    """round_payable(max(total, 0)) in fen: half up, once, at the end."""
    den = int(total.den)
    num = total.num
    if not isinstance(num, np.ndarray):
        num = np.full(n, int(num), dtype=object if abs(int(num)) * 200 >= LIMIT else np.int64)
    if _is_obj(num):
        num = np.where(num > 0, num, 0).astype(object)
        return (num * 200 + den) // (2 * den)
    num = np.maximum(num, 0)
    if total.bound * 200 + den < LIMIT:
        return (num * 200 + den) // (2 * den)
    num = num.astype(object)
    return (num * 200 + den) // (2 * den)


def split_fen(cents: Num_t, bound: int, weights: Sequence[Fraction]) -> list[Num_t]:
    """split_exact on whole-fen columns: floors, then the remaining fen by largest remainder.

    Ties go to the earlier payer, as in :func:`innovpolicy._amounts.split_exact`.
    """
    common = lcm(*(w.denominator for w in weights))
    ints = [int(w * common) for w in weights]
    total_weight = sum(ints)
    use_obj = _is_obj(cents) or bound * max(ints) >= LIMIT
    c = _obj(cents) if use_obj else cents
    floors = [c * a // total_weight for a in ints]
    rems = [c * a - fl * total_weight for a, fl in zip(ints, floors, strict=True)]
    left = c - sum(floors)
    parts = []
    for i in range(len(ints)):
        rank: Any = 0
        for j in range(len(ints)):
            if j == i:
                continue
            beats = (rems[j] > rems[i]) if j > i else (rems[j] >= rems[i])
            rank = (
                rank + beats.astype(np.int64)
                if isinstance(beats, np.ndarray)
                else rank + int(beats)
            )
        parts.append(floors[i] + (rank < left))
    return parts


def split_plan(cents: Num_t, bound: int, split: Sequence[SplitPart]) -> list[Num_t]:
    """Shares in the order of ``RulePlan.share_roles`` (refined shares split again)."""
    out: list[Num_t] = []
    for part, share in zip(split, split_fen(cents, bound, [p.weight for p in split]), strict=True):
        if part.into:
            out.extend(split_fen(share, bound, [w for _, w in part.into]))
        else:
            out.append(share)
    return out
