"""The built-in example: one Xining firm with its platform and a technology contract.

Used by ``innovpolicy example`` and in the docs. Every fact is stated; nothing
here is real data.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

EXAMPLE_DATE = date(2021, 6, 30)

EXAMPLE_FACTS: dict[str, Any] = {
    "name": "高原锂电新材料有限公司 (example)",
    "registered_in_qinghai": True,
    "independent_legal_person": True,
    "prefecture": "西宁市",
    "district": "城北区",
    "business_start_date": "2012-03-15",
    "main_business_is_tech": True,
    "finances_sound": True,
    "employees": 420,
    "sci_tech_staff": 131,
    "owns_ip": True,
    "sales_revenue": {
        2016: Decimal("88000000"),
        2017: Decimal("98000000"),
        2018: Decimal("109000000"),
        2019: Decimal("121000000"),
        2020: Decimal("134500000"),
    },
    "main_business_revenue": {2020: Decimal("120000000")},
    "rd_expense": {2018: Decimal("4700000"), 2019: Decimal("5100000"), 2020: Decimal("5600000")},
    "tax_paid": {2018: Decimal("2100000"), 2019: Decimal("2300000"), 2020: Decimal("2600000")},
    "is_high_tech_enterprise": True,
    "is_tech_based_enterprise": True,
    "rd_super_deduction_exemption": Decimal("1050000"),
    "host_kind": "enterprise",
    "rd_body_in_qinghai": True,
    "is_industry_leader": True,
    "is_agricultural_leading_enterprise": False,
    "agricultural_field": False,
    "max_technical_leader_age": 58,
    "director_age": 52,
    "rd_staff": 64,
    "senior_title_staff": 9,
    "technical_staff": 48,
    "provincial_discipline_leaders": 1,
    "facility_area": Decimal("2400"),
    "research_floor_area": Decimal("900"),
    "equipment_value": Decimal("6800000"),
    "national_projects_5y": 1,
    "provincial_projects_5y": 3,
    "st_awards_5y": 0,
    "invention_patents_5y": 4,
    "research_funding": Decimal("5600000"),
    "rd_projects_per_year": 2,
    "imported_technology_effective": True,
    "transfer_project_rd_total": Decimal("3200000"),
    "achievements_transformed": 3,
    "transaction_volume": Decimal("14500000"),
    "contract_type": "development",
    "contract_registered": True,
    "contract_amount": Decimal("2600000"),
    "brokered": True,
    "joint_entity": True,
    "growth_milestone": "high_tech",
    # Facts declared by the Qinghai and Xining plugins (ignored under other jurisdictions).
    "registration_date": "2012-03-01",
    "host_leads_its_field": True,
    "sustained_innovation_capacity": True,
    "newly_certified_high_tech": True,
    "growth_milestone_date": "2020-12-01",  # certified high-tech (XN20-GROWTH)
    "certified_little_giant": False,
    "is_little_giant": False,
    "is_cultivation_target": False,
    "requested_fiscal_funds": Decimal("3000000"),
    "standard_led": "national",
    "first_purchase_product": False,
    "independent_rd_institution_in_qinghai": False,
    "tt_agency_serves_qinghai": False,
    "cobuilt_agency_partner": False,
    "achievement_source": "qinghai_institution",
    "transformed_in_qinghai": True,
    "deal_amount_paid": Decimal("2600000"),
    "deal_party": "transferee",
    "applicant_is_broker": False,  # the firm is the buyer of its brokered contract
    "state_owned_enterprise": False,
    "ipo_listed": False,
    "qualifying_rd_expense": Decimal("5600000"),
    "new_pilot_platform": True,
    "pilot_first_support_year": 2021,
    "pilot_rd_investment": {2020: Decimal("2400000")},  # the platform's own R&D, not the firm's
    "co_built_national_platform": False,
    "new_expert_workstation": False,
    "newly_recognised_national_incubator": False,
    "major_deal_marked_effect": False,
    "applicant_in_qinghai": True,
    "infringement_finding": False,
    "patent_award_kind": "application_volume",
    "abnormal_applications": False,
    "patent_applications": {2020: 57},
    "invention_applications": {2020: 18},
    "net_profit": {2018: Decimal("4100000"), 2019: Decimal("5300000"), 2020: Decimal("6900000")},
}
