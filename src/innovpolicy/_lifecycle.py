"""Date arithmetic of titles: validity terms, renewal windows, bars.

"自颁发证书之日起有效期为二年" can be read two ways when counting the end day:

* ``civil_code`` (default): under 民法典 第二百零一条 a period counted in years
  starts on the day after the issue date and ends on the corresponding date, so
  a certificate issued on 2017-08-31 is valid through 2019-08-31.
* ``inclusive_start``: the issue day counts as the first day, so the same
  certificate is valid through 2019-08-30.

Both are available; :class:`CertificateTerm` takes the reading as a parameter.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

from ._frozen import frozen
from ._values import add_months, add_years

Reading = Literal["civil_code", "inclusive_start"]


@frozen
class CertificateTerm:
    """A title valid for ``years`` from issue, renewable in the ``renewal_months`` before expiry."""

    years: int
    renewal_months: int
    wording: str
    article: str
    reading: Reading = "civil_code"

    def expires(self, issued: date, reading: Reading | None = None) -> date:
        """The last day the title is valid."""
        anniversary = add_years(issued, self.years)
        if (reading or self.reading) == "inclusive_start":
            return anniversary - timedelta(days=1)
        return anniversary

    def renewal_window(self, issued: date, reading: Reading | None = None) -> tuple[date, date]:
        """First and last day on which renewal (复审) may be requested ("期满前三个月内")."""
        last = self.expires(issued, reading)
        return add_months(last, -self.renewal_months), last

    def valid_on(self, issued: date, on: date, reading: Reading | None = None) -> bool:
        return issued <= on <= self.expires(issued, reading)


@frozen
class Bar:
    """A period during which an entity may not apply again ("两年内不再受理")."""

    years: int
    wording: str
    article: str

    def barred_until(self, decided: date) -> date:
        """Last day of the bar, counted like a civil-code period from the decision date."""
        return add_years(decided, self.years)

    def barred_on(self, decided: date, on: date) -> bool:
        return decided <= on <= self.barred_until(decided)


@frozen
class Deadline:
    """A time limit counted in calendar years, months and days from an event.

    "申请人应在审批后2个月内办理领款手续" is ``Deadline(months=2, ...)``: the last
    day is the corresponding day two months later (month ends clamp).
    """

    wording: str
    article: str
    years: int = 0
    months: int = 0
    days: int = 0

    def last_day(self, start: date) -> date:
        return start + relativedelta(years=self.years, months=self.months, days=self.days)

    def met(self, start: date, on: date) -> bool:
        """Whether acting on *on* is within the limit (inclusive)."""
        return start <= on <= self.last_day(start)


@frozen
class WorkingDayDeadline:
    """A limit of N working days (工作日) after an event.

    Working days are Monday to Friday, less the *holidays* given; the sources do not
    list public holidays or make-up working days (调休), so a caller passes the year's
    official calendar as ``holidays`` (days off) and ``workdays`` (weekend days worked).
    """

    days: int
    wording: str
    article: str

    def last_day(
        self,
        start: date,
        holidays: frozenset[date] = frozenset(),
        workdays: frozenset[date] = frozenset(),
    ) -> date:
        current, counted = start, 0
        while counted < self.days:
            current += timedelta(days=1)
            weekday = current.weekday() < 5
            if (weekday and current not in holidays) or current in workdays:
                counted += 1
        return current

    def met(
        self,
        start: date,
        on: date,
        holidays: frozenset[date] = frozenset(),
        workdays: frozenset[date] = frozenset(),
    ) -> bool:
        return start <= on <= self.last_day(start, holidays, workdays)
