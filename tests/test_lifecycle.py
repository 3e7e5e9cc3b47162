from __future__ import annotations

from datetime import date

from innovpolicy.authoring import Bar, CertificateTerm

TERM = CertificateTerm(years=2, renewal_months=3, wording="有效期为二年", article="第九条")


def test_month_end_certificate_under_both_readings() -> None:
    assert TERM.expires(date(2017, 8, 31)) == date(2019, 8, 31)
    assert TERM.expires(date(2017, 8, 31), reading="inclusive_start") == date(2019, 8, 30)


def test_leap_day_certificate_expires_at_month_end() -> None:
    assert TERM.expires(date(2016, 2, 29)) == date(2018, 2, 28)


def test_renewal_window_is_the_three_months_before_expiry() -> None:
    opens, closes = TERM.renewal_window(date(2017, 11, 30))
    assert (opens, closes) == (date(2019, 8, 30), date(2019, 11, 30))
    assert TERM.valid_on(date(2017, 11, 30), date(2019, 11, 30))
    assert not TERM.valid_on(date(2017, 11, 30), date(2019, 12, 1))
    assert not TERM.valid_on(date(2017, 11, 30), date(2017, 11, 29))


def test_bar_of_two_years() -> None:
    bar = Bar(years=2, wording="两年内不再受理", article="第十一条")
    assert bar.barred_until(date(2018, 3, 1)) == date(2020, 3, 1)
    assert bar.barred_on(date(2018, 3, 1), date(2020, 3, 1))
    assert not bar.barred_on(date(2018, 3, 1), date(2020, 3, 2))
