"""青海省科学技术厅 2017-09-04 report: earlier values of later-changed parameters.

《关于贯彻落实〈青海省贯彻《国家创新驱动发展战略纲要》实施方案〉任务分工情况的总结报告》,
a report of the department to the provincial government dated 2017-09-04. It
records the 15% R&D super-deduction subsidy that the 2020 measures (青办字〔2020〕76号)
later set at 10%.

Dates: the report attests the 15% subsidy as in force on its date; the text does
not say when it started, so this version's window opens on 2017-09-04 (the
earliest attested date) and closes the day before the 2020 measures' window
opens (2020-08-18; see ``measures_2020``).
"""

from __future__ import annotations

from datetime import date

from innovpolicy import DatedValue, Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkjt-2017-report",
    number="青海省科学技术厅报告(2017年9月4日)",
    title_zh="关于贯彻落实《青海省贯彻〈国家创新驱动发展战略纲要〉实施方案》任务分工情况的总结报告",
    title_en="Report on the implementation of Qinghai's plan for the national innovation-driven "
    "development strategy",
    issuer_zh="青海省科学技术厅",
    issued=date(2017, 9, 4),
    effective_from=date(2017, 9, 4),
    effective_to=date(2020, 8, 18),
    dates_note="Window opens on the report date (earliest attested) and closes when the 2020 "
    "measures take effect.",
)

W_SUBSIDY = (
    "科技型企业、高新技术企业和科技小巨人企业及其培育对象研发费用加计扣除比例由50%提高至75%。"
    "同时，按照当年研发费用税前加计扣除免税额给予15%补贴，最高补贴200万元。"
)
SUBSIDY = a.Citation(DOCUMENT, "一、主要措施", W_SUBSIDY)

RD_SUBSIDY_RATE = DatedValue("0.15", DOCUMENT.effective_from, SUBSIDY, DOCUMENT.effective_to)
RD_SUBSIDY_CAP = DatedValue(a.wan(200), DOCUMENT.effective_from, SUBSIDY, DOCUMENT.effective_to)

FACTS = (
    FactSpec(
        "is_little_giant", "boolean", "holds the provincial S&T little giant (科技小巨人) title"
    ),
    FactSpec(
        "is_cultivation_target",
        "boolean",
        "is a cultivation target (培育对象) of the tech-based, high-tech or little-giant programmes",
    ),
)

RD_SUBSIDY_AMOUNT = a.lesser_of(
    a.RateOf(
        a.param("qh.rd_subsidy.rate"),
        a.fact("rd_super_deduction_exemption"),
        "rate × this year's super-deduction tax exemption",
    ),
    a.cap(a.param("qh.rd_subsidy.cap"), label="cap"),
)

RD_SUBSIDY_2017 = Rule(
    id="QH20-RD-SUBSIDY",
    kind="incentive",
    title_en="R&D super-deduction subsidy (2017 value: 15%)",
    title_zh="研发费用加计扣除免税额奖补",
    citation=SUBSIDY,
    criteria=a.any_of(
        a.is_true("is_tech_based_enterprise", label="tech-based enterprise", wording="科技型企业"),
        a.is_true("is_high_tech_enterprise", label="high-tech enterprise", wording="高新技术企业"),
        a.is_true("is_little_giant", label="S&T little giant", wording="科技小巨人企业"),
        a.is_true("is_cultivation_target", label="cultivation target", wording="及其培育对象"),
        label="eligible kinds of enterprise",
    ),
    amount=RD_SUBSIDY_AMOUNT,
    readings=(
        "Window 2017-09-04..2020-08-18: the report date to the day before the 2020 measures.",
    ),
)

RULES = (RD_SUBSIDY_2017,)
