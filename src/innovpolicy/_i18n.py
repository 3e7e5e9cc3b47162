"""English and Chinese: the engine's message catalog and the plugins' translations.

Generic strings of the engine (statuses, "actual", "required", finder headings)
live in :data:`MESSAGES`, one catalog per language. Rule content (criterion
labels, amount steps, readings, fact meanings) is translated by each layer
(``Layer.labels_zh`` keyed by the English text, ``Layer.meanings_zh`` keyed by
fact name); a loaded jurisdiction registers its layers here. Quoted legal wording
is Chinese already and is never translated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
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


def register(labels_zh: Mapping[str, str], meanings_zh: Mapping[str, str]) -> None:
    """Make a layer's translations available to ``render(lang="zh")``."""
    _LABELS_ZH.update(labels_zh)
    _MEANINGS_ZH.update(meanings_zh)


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
}

register(CORE_LABELS_ZH, CORE_MEANINGS_ZH)
