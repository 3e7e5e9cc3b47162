"""English and Chinese: the engine's message catalog and the plugins' translations.

Generic strings of the engine (statuses, "actual", "required", finder headings)
live in :data:`MESSAGES`, one catalog per language. Rule content (criterion
labels, amount steps, readings, fact meanings) is translated by each layer
(``Layer.labels_zh`` keyed by the English text, ``Layer.meanings_zh`` keyed by
fact name); a loaded jurisdiction registers its layers here. Quoted legal wording
is Chinese already and is never translated.
"""

from __future__ import annotations

import re as _re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from ._values import format_decimal

Lang = Literal["en", "zh"]
LANGS: tuple[str, ...] = ("en", "zh")

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "colon": ": ",
        "alternative": " (one of several alternatives)",
        "paren": "({text})",
        "eligible": "eligible",
        "ineligible": "ineligible",
        "undetermined": "undetermined",
        "not_in_force": "not in force",
        "actual": "actual",
        "required": "required",
        "unknown": "unknown",
        "yes": "yes",
        "no": "no",
        "source": "Source",
        "note": "Note",
        "criteria": "Criteria",
        "amount": "Amount",
        "discretionary": "discretionary",
        "at_least": "at least",
        "paid_by": "paid by",
        "missing_facts": "Missing facts",
        "undecidable": "Undecidable",
        "parameters": "Parameters",
        "set_by": "set by",
        "reading": "Reading",
        "status_line": "{status} in {jurisdiction} on {on} (rule from layer {layer})",
        "finder_title": "Policy finder: {jurisdiction}, {on}, applicant: {subject}{name}",
        "finder_counts": (
            "{applicable} of {total} rules are open to this applicant: {eligible} eligible, "
            "{ineligible} ineligible, {undetermined} undetermined{not_in_force}"
        ),
        "finder_not_in_force": ", {n} not in force",
        "designations": "Designations held",
        "incentives": "Incentives eligible",
        "total": "Total",
        "fixed": "fixed",
        "range": "discretionary",
        "open": "open",
        "by_payer": "by payer",
        "computations": "Tax computations (not payments)",
        "conditions": "Conditions met",
        "questions": "Next questions (answer them and call again)",
        "question_line": "{rank}. {fact} ({type}{unit}): {meaning}",
        "unlocks": "needed by {n} rule(s){money}: {rules}",
        "up_to": ", up to {amount}",
        "gaps": "What would make it eligible",
        "gap_line": "{rule} {label}: actual {actual}, required {required}",
        "change_raise": "{fact} must rise from {current} to {target} (+{by}{unit})",
        "change_lower": "{fact} must fall from {current} to {target} (−{by}{unit})",
        "change_set": "{fact} must be {target}",
        "change_wait": "wait until {target}",
        "alone_eligible": "alone: eligible",
        "alone_not": "alone: {status}",
        "more": "… {n} more (see --json or the full explanations)",
        "none": "none",
        "payer.province": "province",
        "payer.prefecture": "prefecture",
        "payer.city": "city",
        "payer.district": "district",
        "payer.county": "county",
        "subject.enterprise": "enterprise",
        "subject.research_institute": "research institute",
        "subject.university": "university",
        "subject.platform": "platform",
        "subject.park": "park or zone",
        "subject.individual": "individual",
        "subject.project": "project",
        "subject.government": "government",
        "kind.decimal": "number",
        "kind.integer": "whole number",
        "kind.boolean": "yes/no",
        "kind.date": "date",
        "kind.text": "text",
        "yearly": "for fiscal year {year}",
        "one_of": "one of",
        "all": "all of",
        "any": "any of",
        "not": "not",
        "if": "if",
        # the layout of Result.render (innovpolicy._render): words and punctuation
        "render.title": "{rule_id}  {zh} / {en}",
        "render.colon": ": ",
        "render.sep": ", ",
        "render.comma": ", ",
        "render.open": " (",
        "render.close": ")",
        "render.detail": "  (",
        "render.quote": " — 「",
        "render.bracket": " [",
        "render.bracket_close": "]",
        "render.or": " or ",
        "render.one_of": "one of ",
        "render.range_open": "at least {low}",
        "render.range": "{low}–{high}",
        "render.range_line": "discretionary, {span} CNY",
        "render.payer_name": " ({name})",
        "render.parameter": (
            "    {key} = {value} [{set_by} {layer}; {number} {article}: 「{wording}」]"
        ),
        "render.ignored": "  Ignored facts (not declared in {jurisdiction}): ",
    },
    "zh": {
        "colon": "：",
        "alternative": "（多项择一）",
        "paren": "（{text}）",
        "eligible": "符合",
        "ineligible": "不符合",
        "undetermined": "待定",
        "not_in_force": "未生效或已失效",
        "actual": "实际",
        "required": "要求",
        "unknown": "未知",
        "yes": "是",
        "no": "否",
        "source": "依据",
        "note": "说明",
        "criteria": "条件",
        "amount": "金额",
        "discretionary": "酌定",
        "at_least": "不低于",
        "paid_by": "承担方",
        "missing_facts": "缺少的事实",
        "undecidable": "无法判定",
        "parameters": "参数",
        "set_by": "设定层级",
        "reading": "解读",
        "status_line": "{jurisdiction} {on}：{status}（规则所属层级：{layer}）",
        "finder_title": "政策匹配：{jurisdiction}，{on}，申请主体：{subject}{name}",
        "finder_counts": (
            "共{total}条规则，适用于{subject}的{applicable}条：符合{eligible}条，"
            "不符合{ineligible}条，待定{undetermined}条{not_in_force}"
        ),
        "finder_not_in_force": "，未生效或已失效{n}条",
        "designations": "已具备的认定资格",
        "incentives": "可享受的奖补",
        "total": "合计",
        "fixed": "确定金额",
        "range": "酌定区间",
        "open": "不设上限",
        "by_payer": "按承担方",
        "computations": "税收计算（非支付款项）",
        "conditions": "已满足的条件",
        "questions": "下一步需要回答的问题（回答后再次查询）",
        "question_line": "{rank}. {fact}（{type}{unit}）：{meaning}",
        "unlocks": "涉及{n}条规则{money}：{rules}",
        "up_to": "，最高{amount}",
        "gaps": "怎样才能符合条件",
        "gap_line": "{rule} {label}：实际{actual}，要求{required}",
        "change_raise": "{fact}须由{current}提高到{target}（增加{by}{unit}）",
        "change_lower": "{fact}须由{current}降低到{target}（减少{by}{unit}）",
        "change_set": "{fact}须为{target}",
        "change_wait": "须等到{target}",
        "alone_eligible": "仅此一项即可符合",
        "alone_not": "仅改此项：{status}",
        "more": "……另有{n}项（见 --json 或完整说明）",
        "none": "无",
        "payer.province": "省级",
        "payer.prefecture": "市州级",
        "payer.city": "市级",
        "payer.district": "县区（园区）级",
        "payer.county": "县级",
        "subject.enterprise": "企业",
        "subject.research_institute": "科研院所",
        "subject.university": "高等院校",
        "subject.platform": "平台（机构）",
        "subject.park": "园区",
        "subject.individual": "个人",
        "subject.project": "项目",
        "subject.government": "政府部门",
        "kind.decimal": "数值",
        "kind.integer": "整数",
        "kind.boolean": "是/否",
        "kind.date": "日期",
        "kind.text": "文本",
        "yearly": "{year}年度",
        "one_of": "其一",
        "all": "全部满足",
        "any": "满足其一",
        "not": "不得",
        "if": "视情形",
        "render.title": "{rule_id}  {zh}",
        "render.colon": "：",
        "render.sep": "、",
        "render.comma": "，",
        "render.open": "（",
        "render.close": "）",
        "render.detail": "（",
        "render.quote": " —「",
        "render.bracket": "［",
        "render.bracket_close": "］",
        "render.or": "或",
        "render.one_of": "其一：",
        "render.range_open": "不低于{low}",
        "render.range": "{low}至{high}",
        "render.range_line": "酌定，{span}",
        "render.payer_name": "（{name}）",
        "render.parameter": (
            "    {key} = {value}［{set_by}：{layer}；{number} {article}：「{wording}」］"
        ),
        "render.ignored": "  未采用的事实（{jurisdiction}未声明）：",
    },
}

UNITS_ZH: dict[str, str] = {
    "CNY": "元",
    "persons": "人",
    "years": "年",
    "months": "个月",
    "m2": "平方米",
    "mu": "亩",
    "days": "天",
    "count": "项",
    "points": "分",
    "posts": "个岗位",
    "rank": "位",
    "ratio": "",
    "units": "个单位",
    "year": "年",
}

# Rule content translations registered by loaded layers.
_LABELS_ZH: dict[str, str] = {}
_MEANINGS_ZH: dict[str, str] = {}


#: Called after every :func:`register`: the renderer keeps text made from labels.
_ON_REGISTER: list[Callable[[], None]] = []


def register(labels_zh: Mapping[str, str], meanings_zh: Mapping[str, str]) -> None:
    """Make a layer's translations available to ``render(lang="zh")``."""
    _LABELS_ZH.update(labels_zh)
    _MEANINGS_ZH.update(meanings_zh)
    for forget in _ON_REGISTER:
        forget()


def check_lang(lang: str) -> Lang:
    if lang not in LANGS:
        raise ValueError(f"lang={lang!r}: expected one of {', '.join(LANGS)}")
    return lang  # type: ignore[return-value]


def pick_lang(header: str | None) -> Lang:
    """The language an ``Accept-Language`` header prefers (``zh`` or ``en``)."""
    if not header:
        return "en"
    best: tuple[float, str] = (-1.0, "en")
    for index, part in enumerate(header.split(",")):
        piece = part.strip().split(";")
        tag = piece[0].strip().lower()
        quality = 1.0
        for param in piece[1:]:
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        base = tag.split("-")[0]
        if base in LANGS and (quality, -index) > (best[0], 0):
            best = (quality, base)
    return best[1]  # type: ignore[return-value]


def msg(key: str, lang: str, **values: Any) -> str:
    text = MESSAGES[check_lang(lang)].get(key) or MESSAGES["en"][key]
    return text.format(**values) if values else text


def label(text: str, lang: str) -> str:
    """A criterion label, amount step or reading in *lang* (English when not translated)."""
    if lang == "zh":
        return _LABELS_ZH.get(text, text)
    return text


def has_label(text: str) -> bool:
    return text in _LABELS_ZH


def meaning(name: str, english: str, lang: str) -> str:
    """The meaning of fact *name* in *lang*."""
    if lang == "zh":
        return _MEANINGS_ZH.get(name, english)
    return english


def unit(text: str, lang: str) -> str:
    if lang == "zh":
        return UNITS_ZH.get(text, text)
    return text


def money(amount: Decimal, lang: str, unit_name: str = "CNY") -> str:
    """An amount with thousands separators: ``170,000.00 CNY`` or ``170,000.00元（17万元）``."""
    text = f"{amount:,.2f}" if amount == amount.quantize(Decimal("0.01")) else f"{amount:,}"
    if lang != "zh":
        return f"{text} {unit_name}"
    if unit_name != "CNY":
        return f"{text}{unit(unit_name, lang)}"
    wan = amount / 10000
    if amount >= 10000 and wan == wan.quantize(Decimal("0.01")):
        return f"{text}元（{format_decimal(wan)}万元）"
    return f"{text}元"


def status(value: str, lang: str) -> str:
    return msg(value, lang)


def missing_translations(texts: Iterable[str]) -> tuple[str, ...]:
    """The texts among *texts* that have no Chinese (for the completeness test)."""
    return tuple(t for t in dict.fromkeys(texts) if t and t not in _LABELS_ZH)


# --------------------------------------------------------------------------- error reasons

#: Chinese of the reasons the library gives for refusing an input, keyed by the English
#: text (like labels); reasons with a value in them are matched by the patterns below.
REASONS_ZH: dict[str, str] = {
    "must be a finite number (not NaN or Infinity)": "必须是有限数值（不能是 NaN 或无穷大）",
    "expected a number, got a boolean": "应为数值，而不是布尔值",
    "binary floats are not exact; pass a Decimal, an int or a numeric string "
    "(for JSON use json.loads(..., parse_float=decimal.Decimal))": (
        "二进制浮点数不精确；请传入 Decimal、整数或数字字符串"
        "（JSON 请使用 json.loads(..., parse_float=decimal.Decimal)）"
    ),
    "not a decimal number: separators are accepted only as thousands grouping (1,000,000)": (
        "不是十进制数：分隔符只能用作千位分组（1,000,000）"
    ),
    "not a decimal number": "不是十进制数",
    "a number with more than 76 digits": "数字超过 76 位",
    "expected a whole number, got a boolean": "应为整数，而不是布尔值",
    "expected a whole number": "应为整数",
    "out of range": "超出范围",
    "expected a year, got a boolean": "应为年份，而不是布尔值",
    "a fiscal year is an int or four digits (2019)": "财政年度应为整数或四位数字（如 2019）",
    "not a plausible fiscal year": "不是合理的财政年度",
    "expected true or false": "应为 true 或 false",
    "expected a date, got a datetime": "应为日期，而不是日期时间",
    "expected a date written YYYY-MM-DD": "日期应写作 YYYY-MM-DD",
    "expected text": "应为文本",
    "contains control characters or unpaired surrogates": "含有控制字符或未配对的代理字符",
    "a yearly fact is a mapping of fiscal year to value": "年度事实应为“财政年度 → 取值”的映射",
    "no rule or entity declares this fact": "没有任何规则或实体声明这个事实",
    "a fact name must be a string": "事实名称必须是字符串",
    "expected a mapping of fact name to value": "应为“事实名称 → 取值”的映射",
    "expected an entity, a mapping of facts, or a list of them": (
        "应为实体、事实映射或由它们组成的列表"
    ),
    "each item of a list of facts is an entity or a mapping of facts": (
        "事实列表的每一项应为实体或事实映射"
    ),
    "a rule id is a string such as 'QH-TBE'": "规则编号是字符串，如 'QH-TBE'",
    "a jurisdiction code is a string such as 'xining'": "辖区代码是字符串，如 'xining'",
    "a parameter key is a string": "参数键是字符串",
    "an event is a string": "事件是字符串",
    "expected a loaded Jurisdiction": "应为已加载的 Jurisdiction",
    "expected a JSON object": "应为 JSON 对象",
    "the column appears twice": "该列出现了两次",
    "give 'on' in the row or as a query parameter": "请在该行中或作为查询参数给出 'on'",
    "expected 'error' or 'report'": "应为 'error' 或 'report'",
    "expected a rule id or an iterable of rule ids": "应为规则编号或规则编号的可迭代对象",
    "prepared facts are built by Jurisdiction.prepare(facts), which validates them": (
        "预处理的事实由 Jurisdiction.prepare(facts) 生成并校验"
    ),
}

_REASON_PATTERNS_ZH: tuple[tuple[str, str], ...] = (
    (r"more than (\d+) decimal places", "小数位数超过 {0} 位"),
    (r"out of range: the magnitude must be below 10\^(\d+)", "超出范围：绝对值必须小于 10^{0}"),
    (r"out of range: must be below ([\d,]+)", "超出范围：必须小于 {0}"),
    (r"out of range: dates run from (\S+) to (\S+)", "超出范围：日期须在 {0} 至 {1} 之间"),
    (r"expected a number, got (\w+)", "应为数值，而不是 {0}"),
    (r"expected a date, got (\w+)", "应为日期，而不是 {0}"),
    (r"longer than (\d+) characters", "超过 {0} 个字符"),
    (r"not a plausible fiscal year \((\d+)\.\.(\d+)\)", "不是合理的财政年度（{0}..{1}）"),
    (r"not a plausible year \((\d+)\.\.(\d+)\)", "不是合理的年份（{0}..{1}）"),
    (r"not a calendar date \((.*)\)", "不是有效的日历日期（{0}）"),
    (r"expected one of (.*)", "应为以下之一：{0}"),
    (r"must be at least (.*)", "不得小于 {0}"),
    (r"the year (\d+) is given twice, also as (.*)", "{0} 年度给出了两次，另一个取值为 {1}"),
    (r"conflicts with (.*) given elsewhere", "与其他地方给出的 {0} 相冲突"),
    (r"conflicts with (.*) given by another entity", "与另一实体给出的 {0} 相冲突"),
    (r"exceeds (\S+)=(\S+) \((.*)\)", "超过 {0}={1}（{2}）"),
    (r"not JSON \((.*)\)", "不是 JSON（{0}）"),
    (r"invalid value \((.*)\)", "取值无效（{0}）"),
    (
        r"rule (\S+): unknown subject\(s\) (.*); known: (.*)",
        "规则 {0}：未知的适用主体 {1}；已知的主体：{2}",
    ),
)


def reason(text: str, lang: str) -> str:
    """An error's reason in *lang*; English when no Chinese is known for it.

    A reason that ends with the row it was found in (screening: ``…(first offending
    row: index 7)``) keeps that reference, in Chinese.
    """
    if lang != "zh":
        return text
    found = REASONS_ZH.get(text)
    if found is not None:
        return found
    import re

    row = re.fullmatch(r"(.*) \(first offending row: (index \d+|id=.*)\)", text, re.S)
    if row is not None:
        inner = reason(row.group(1), lang)
        where = row.group(2).replace("index ", "序号 ")
        return f"{inner}（首个出错的行：{where}）"
    for pattern, template in _REASON_PATTERNS_ZH:
        match = re.fullmatch(pattern, text, re.S)
        if match is not None:
            return template.format(
                *(reason(g, lang) if g in REASONS_ZH else label(g, lang) for g in match.groups())
            )
    return text


def has_reason(text: str) -> bool:
    """Whether *text* has a Chinese translation (for the completeness tests)."""
    return reason(text, "zh") != text


#: Chinese of the core facts' meanings (keyed by fact name).
CORE_MEANINGS_ZH: dict[str, str] = {
    "name": "主体名称",
    "registered_in_qinghai": "在青海省登记注册",
    "independent_legal_person": "具有独立法人资格",
    "prefecture": "行政隶属的市州；承担省级奖补中由市州配套的部分",
    "district": "所属县区或园区；承担市级奖补中由县区（园区）配套的部分",
    "business_start_date": "开始经营业务的日期",
    "registration_date": "注册成立日期",
    "main_business_is_tech": "以科学研究、技术开发、技术转让、技术咨询、技术服务或成果转化为主要业务",
    "finances_sound": "财务制度健全、会计核算规范",
    "employees": "从业人员总数",
    "sci_tech_staff": "具有中专以上学历的科技人员数",
    "owns_ip": "拥有知识产权或专有技术储备（专利、成果、软件著作权、植物新品种、计划或自主研发项目、登记的技术合同、许可产品）",
    "sales_revenue": "年度销售（服务）收入",
    "main_business_revenue": "年度主营业务收入",
    "rd_expense": "年度研发投入",
    "tax_paid": "年度纳税额",
    "is_high_tech_enterprise": "具有高新技术企业资格",
    "is_tech_based_enterprise": "具有科技型企业资格",
    "rd_super_deduction_exemption": "本年度研发费用加计扣除免税额",
    "host_kind": "依托单位类型",
    "rd_body_in_qinghai": "研发实体位于青海",
    "is_industry_leader": "本省行业龙头骨干企业",
    "is_agricultural_leading_enterprise": "农业龙头企业",
    "agricultural_field": "属于农业领域的平台",
    "max_technical_leader_age": "技术带头人中的最大年龄",
    "director_age": "中心或实验室主任年龄",
    "rd_staff": "研发人员（科研人员）数",
    "senior_title_staff": "具有高级职称的人员数",
    "technical_staff": "工程技术人员和技能人员数（从事技术研究、产品开发、检测）",
    "provincial_discipline_leaders": "省级学科带头人数",
    "leading_achievements": "国内领先、具有良好工程化前景的技术成果数",
    "facility_area": "试验场地、车间及设施面积",
    "lab_area": "实验室面积",
    "test_base_area": "试验基地面积",
    "research_floor_area": "科研用房面积",
    "equipment_value": "科研仪器设备原值总额",
    "national_projects_5y": "近五年承担国家计划项目数",
    "provincial_projects_5y": "近五年承担省级计划项目数",
    "st_awards_5y": "近五年获得国家或省级科技进步、发明、自然科学奖数",
    "invention_patents_5y": "近五年获得授权的发明专利数",
    "crop_varieties_5y": "近五年审定的农业品种数",
    "research_funding": "年科研经费",
    "rd_projects_per_year": "每年承担国家或省级研发项目数",
    "imported_technology_effective": "引进技术落地转化效果显著",
    "transfer_project_rd_total": "技术转移项目研发总投入",
    "achievements_transformed": "平台促成在青海转化的科技成果数",
    "transaction_volume": "年度技术交易额",
    "contract_type": "技术合同类型",
    "contract_registered": "合同经登记机构认定登记",
    "contract_amount": "合同金额",
    "brokered": "由科技服务中介机构或技术经纪人促成交易",
    "joint_entity": "企业与高校、科研院所联合成立的股份制科技型企业（产学研经济实体）",
    "growth_milestone": "产学研经济实体已成长为的类型",
    "patent_kind": "专利类型",
    "patent_granted": "专利已获授权",
    "grant_date": "专利授权日期",
    "patentee": "登记的专利权人",
}

#: Chinese of the generic criterion and step labels the authoring kit supplies.
CORE_LABELS_ZH: dict[str, str] = {
    "all of": "全部满足",
    "any of": "满足其一",
    "not": "不得",
    "no further requirement": "无其他要求",
    "the least of": "取以下各项中最低者",
    "used for (not payers)": "资金用途（非承担方分担）",
    # the meanings of the core's consistency constraints (in refusals of inconsistent facts)
    "S&T staff are counted among the employees": "科技人员计入从业人员",
    "senior-title staff are counted among R&D staff": "高级职称人员计入研发人员",
    "discipline leaders are counted among R&D staff": "学科带头人计入研发人员",
}

register(CORE_LABELS_ZH, CORE_MEANINGS_ZH)


# ------------------------------------------------------------------- explanation texts
#
# The texts the core writes into an explanation in English (a result's note, an amount
# step's detail, the reason a value is unknown) stay English in the API (``Result.note``,
# ``Step.detail``, ``to_json()``); ``render(lang="zh")`` writes their Chinese, made from
# the English by the patterns below (the forms the core writes), the plugins' phrases
# (a Cases label, a parameter's unset reason) through their registered labels. What a
# pattern does not know stays as it is. Each text is translated once and kept.

#: the words of a value as the explanations print it (``_criteria._show``)
_VALUES_ZH = {"unknown": "未知", "yes": "是", "no": "否"}

#: translated texts: (kind, English) -> Chinese (dropped when labels are registered)
_KEPT_ZH: dict[tuple[str, str], str] = {}


def _forget_texts() -> None:
    _KEPT_ZH.clear()


_ON_REGISTER.append(_forget_texts)


def _kept(kind: str, text: str, make: Callable[[str], str]) -> str:
    key = (kind, text)
    found = _KEPT_ZH.get(key)
    if found is None:
        if len(_KEPT_ZH) >= 8192:
            _KEPT_ZH.clear()
        found = _KEPT_ZH[key] = make(text)
    return found


def _value_zh(text: str) -> str:
    return _VALUES_ZH.get(text, text)


_TIER = r"(\S+)% of (?:(\S+)–(\S+)|above (\S+))"


def scale_text(text: str, lang: str) -> str:
    """A marginal scale's text (``MarginalScale.describe``) in *lang*:
    "20% of 0–50000; 10% of above 50000" is 0–50000元部分按20%，50000元以上部分按10%."""
    if lang != "zh":
        return text
    return _kept("scale", text, _scale_zh)


def _scale_zh(text: str) -> str:
    parts = []
    for tier in text.split("; "):
        match = _re.fullmatch(_TIER, tier)
        if match is None:
            return text
        rate, low, high, above = match.groups()
        span = f"{low}–{high}元部分" if above is None else f"{above}元以上部分"
        parts.append(f"{span}按{rate}%")
    return "，".join(parts)


#: the phrases of an expression's description (``Expr.describe``), as regular expressions
_DESCRIBED_ZH: tuple[tuple[str, str], ...] = (
    (r"(\d\d)-(\d\d) of the evaluation year", r"评估年度的\1-\2"),
    (r"the evaluation year", "评估年度"),
    (r"the evaluation date", "评估日"),
    (r"growth of (\S+) in Y-(\d+)", r"\1在Y-\2年度的增长率"),
    (r"full years since (\S+)", r"自\1起的整年数"),
    (r"support year counted from (\S+)", r"自\1起计算的支持年度"),
    (r"year of (\S+)", r"\1的年份"),
    (r"age from (\S+) on ([^;)]+)", r"截至\2按\1计算的周岁"),
    (r"(\w+) \+ (\S+) years\b", r"\1加\2年"),
)
#: where a Cases label may start in a description ("label → value; label → value")
_LABEL_STARTS = r"; |\(|− |\+ |× "


def described(text: str, lang: str) -> str:
    """An expression's description (``Expr.describe``) in *lang*: its phrases in
    Chinese, a Cases label ("label → value") by the labels registered."""
    if lang != "zh":
        return text
    return _kept("described", text, _described_zh)


def _described_zh(text: str) -> str:
    if " → " in text:
        text = _case_labels(text)
    for pattern, template in _DESCRIBED_ZH:
        text = _re.sub(pattern, template, text)
    return text


def _case_labels(text: str) -> str:
    """The labels before each " → " in *text* in Chinese: the longest registered one
    that starts where a label can (the start, after "; ", "(", an operator)."""
    out: list[str] = []
    done = after = 0  # (written up to; the end of the last arrow)
    for arrow in _re.finditer(" → ", text):
        end = arrow.start()
        starts = [after] + [m.end() for m in _re.compile(_LABEL_STARTS).finditer(text, after, end)]
        for start in starts:
            english = text[start:end]
            if english in _LABELS_ZH:
                out.append(text[done:start])
                out.append(_LABELS_ZH[english])
                done = end
                break
        after = arrow.end()
    out.append(text[done:])
    return "".join(out).replace("; ", "；")


def _split_by(text: str, whole: Callable[[str], str | None], sep: str = "; ") -> str | None:
    """*text*, texts joined by *sep*, each translated by *whole* (None: not known),
    joined by "；"; None when some part is not known."""
    found = whole(text)
    if found is not None:
        return found
    at = text.find(sep)
    while at != -1:
        head = whole(text[:at])
        if head is not None:
            rest = _split_by(text[at + len(sep) :], whole, sep)
            if rest is not None:
                return f"{head}；{rest}"
        at = text.find(sep, at + 1)
    return None


# (the tables of notes and reasons are made on the first Chinese text: a process that
# renders English only does not hold them)
@cache
def _notes_zh() -> tuple[tuple[_re.Pattern[str], Callable[[_re.Match[str]], str]], ...]:
    return (
        (
            _re.compile(r"not yet in force: in force from (\S+)"),
            lambda m: f"尚未生效：自{m[1]}起施行",
        ),
        (
            _re.compile(r"no longer in force: in force (\S+?)\.\.(\S+?)(?:, repealed by (.+))?"),
            lambda m: f"已失效：施行期间{m[1]}至{m[2]}" + (f"，已由{m[3]}废止" if m[3] else ""),
        ),
        (
            _re.compile(
                r"superseded in (\S+) from (\S+) by (.+?)(?:; see (.+?))?(?: \(([^()]*)\))?"
            ),
            lambda m: (
                f"自{m[2]}起在{m[1]}由{m[3]}取代"
                + (f"；见{m[4]}" if m[4] else "")
                + (f"（{label(m[5], 'zh')}）" if m[5] else "")
            ),
        ),
        (
            _re.compile(
                r"outside the territory of (\S+) \((\S+) = (.*), not (.*)\): the answer of (.+)"
            ),
            lambda m: (
                f"不在{m[1]}的辖区内（{m[2]} = {m[3]}，不是 {m[4]}）："
                + ("不适用任何辖区的规定" if m[5] == "no jurisdiction" else f"以下为{m[5]}的结论")
            ),
        ),
        (
            _re.compile(r"applies only inside the territory of (\S+)"),
            lambda m: f"仅适用于{m[1]}的辖区内",
        ),
    )


def _note_part(text: str) -> str | None:
    for pattern, make in _notes_zh():
        match = pattern.fullmatch(text)
        if match is not None:
            return make(match)
    return None


def note(text: str, lang: str) -> str:
    """A result's note (why a rule is not in force, the territory) in *lang*; notes
    joined by "; " (a parent's answer outside a territory) each translated."""
    if lang != "zh":
        return text
    return _kept("note", text, lambda english: _split_by(english, _note_part) or english)


def _detail_core(text: str) -> str:
    """The Chinese of a step's detail without its note (see ``_amounts``)."""
    if text == "decided case by case":
        return "酌情确定"
    match = _re.fullmatch(r"(\S+) unknown", text)
    if match is not None:
        return f"{match[1]}未知"
    match = _re.fullmatch(r"(.+) applied to (.+) \(([^()]*)\)", text, _re.S)
    if match is not None and _scale_zh(match[1]) != match[1]:
        return f"{_scale_zh(match[1])}，计算基数 {_described_zh(match[2])}（{_value_zh(match[3])}）"
    match = _re.fullmatch(
        r"(\S+) × (\S+)\[(\d+)\] \(([^()]*)\), within the cumulative cap (\S+)", text
    )
    if match is not None:
        rate, base, year, value, cap = match.groups()
        return f"{_value_zh(rate)} × {base}[{year}]（{_value_zh(value)}），累计上限{_value_zh(cap)}"
    match = _re.fullmatch(r"(\S+) × (.+) \(([^()]*)\)", text, _re.S)
    if match is not None:
        rate, base, value = match.groups()
        return f"{_value_zh(rate)} × {_described_zh(base)}（{_value_zh(value)}）"
    match = _re.fullmatch(r"needs (.+)", text)
    if match is not None:
        return "缺少" + "、".join(match[1].split(", "))
    match = _re.fullmatch(r"(\d[\d.]*) of (\d[\d.]*)", text)
    if match is not None:
        return f"{match[2]}份中的{match[1]}份"
    match = _re.fullmatch(r"(\S+) = (.*?) → (.+)", text, _re.S)
    if match is not None:
        return f"{match[1]} = {match[2]} → {_described_zh(match[3])}"
    return _described_zh(text)


def _detail_zh(text: str) -> str:
    if text.startswith("set by "):
        core, note_text = "", text[len("set by ") :]
    else:
        core, _, note_text = text.partition("; set by ")
    chinese = _detail_core(core) if core else ""
    if note_text:
        layer, _, cited = note_text.partition(": ")
        source = f"取值由{layer}设定：{cited}"
        chinese = f"{chinese}；{source}" if chinese else source
    return chinese


def detail(text: str, lang: str) -> str:
    """An amount step's detail (``Step.detail``) in *lang*: "decided case by case" is
    酌情确定, "0.4 × base (unknown)" 0.4 × base（未知）, a scale applied to a base
    0–50000元部分按20%，…，计算基数 base（…）, a parameter set by a layer whose
    citation the step quotes 取值由…设定：…; fact ids, keys and numbers as they are."""
    if lang != "zh":
        return text
    return _kept("detail", text, _detail_zh)


def step_label(text: str, lang: str) -> str:
    """An amount step's label in *lang*: a label, or the core's "support year 2021"."""
    if lang != "zh":
        return text
    found = _LABELS_ZH.get(text)
    if found is not None:
        return found
    if text.startswith("support year "):
        return f"支持年度{text[len('support year ') :]}"
    return text


@cache
def _why_zh() -> tuple[tuple[_re.Pattern[str], Callable[[_re.Match[str]], str]], ...]:
    return (
        (
            _re.compile(
                r"parameter '([^']+)' has no value: ((?:(?!; a deployment supplies ).)*); "
                r"a deployment supplies it in a layer's overrides",
                _re.S,
            ),
            lambda m: (
                f"参数 '{m[1]}' 没有取值：{label(m[2], 'zh')}；由部署方在某一层的 overrides 中给出"
            ),
        ),
        (
            _re.compile(r"((?:(?!; ).)+) is zero, so the ratio is undefined", _re.S),
            lambda m: f"{_described_zh(m[1])}为零，比值无定义",
        ),
        (
            _re.compile(
                r"(\S+) (\S+) is after (\S+): a duration cannot be counted from a later date; "
                r"check the date"
            ),
            lambda m: f"{m[1]}（{m[2]}）晚于{m[3]}：期间不能从更晚的日期起算；请核对日期",
        ),
        (
            _re.compile(r"(\S+) \+ (\S+) years is not a calendar date"),
            lambda m: f"{m[1]}加{m[2]}年不是有效的日历日期",
        ),
        (_re.compile(r"no case applies"), lambda m: "没有适用的情形"),
        (
            _re.compile(r"no amount is set for (\S+) = (.*)", _re.S),
            lambda m: f"没有为{m[1]} = {m[2]}设定金额",
        ),
        (
            _re.compile(
                r"the answer depends on whether the applicant is inside (\S+)'s territory \((.*)\)"
            ),
            lambda m: f"结论取决于申请主体是否位于{m[1]}的辖区内（{m[2]}）",
        ),
    )


def _why_part(text: str) -> str | None:
    for pattern, make in _why_zh():
        match = pattern.fullmatch(text)
        if match is not None:
            return make(match)
    return _LABELS_ZH.get(text)


def why(text: str, lang: str) -> str:
    """Why a value is unknown (an outcome's reason, a result's undecidable reason) in
    *lang*: the core's reasons by pattern, a plugin's by its labels; reasons joined by
    "; " (``_criteria._collect_missing``) each translated."""
    if lang != "zh":
        return text
    return _kept("why", text, lambda english: _split_by(english, _why_part) or english)
