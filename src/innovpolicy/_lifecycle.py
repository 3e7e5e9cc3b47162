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

import attrs

from ._values import add_months, add_years

Reading = Literal["civil_code", "inclusive_start"]


@attrs.frozen
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


@attrs.frozen
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
