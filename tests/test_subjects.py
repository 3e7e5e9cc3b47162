"""Who can apply: subjects on every rule, facts per subject and per branch."""

from __future__ import annotations

import attrs
import innovpolicy_qinghai
import innovpolicy_xining
import pytest

import innovpolicy
from innovpolicy import Rule, schema
from innovpolicy.authoring import SUBJECTS, with_subjects
from innovpolicy.finder import fact_subjects


@pytest.fixture(scope="module")
def xining() -> innovpolicy.Jurisdiction:
    return innovpolicy.load("xining")


def test_every_plugin_rule_says_who_can_apply(xining: innovpolicy.Jurisdiction) -> None:
    for rule_id in xining.rule_ids():
        for rule in xining.versions(rule_id):
            assert rule.subjects, rule_id
            assert set(rule.subjects) <= set(SUBJECTS), rule_id
            assert set(rule.subject_facts) <= set(rule.subjects), rule_id


def test_every_fact_belongs_to_a_subject(xining: innovpolicy.Jurisdiction) -> None:
    owners = fact_subjects(xining)
    read = {name for rule_id in xining.rule_ids() for name in xining.rule(rule_id).fact_names()}
    assert set(owners) >= read
    assert all(owners[name] for name in read)
    assert owners["birth_date"] == ("individual",)
    assert owners["zone_kind"] == ("park", "government")
    prop = schema.facts_schema(xining, "QH-NSF-YOUTH")["properties"]["birth_date"]
    assert prop["x-innovpolicy"]["subjects"] == ["individual"]


def test_subjects_of_well_known_rules(xining: innovpolicy.Jurisdiction) -> None:
    assert xining.subjects("QH-TBE") == ("enterprise",)
    assert xining.subjects("QH-NSF-YOUTH") == ("individual",)
    assert xining.subjects("QH20-ZONE-RANK") == ("park",)
    assert xining.subjects("QH20-PLATFORM") == ("platform",)
    assert "individual" in xining.subjects("QH-BROKER")


def test_broker_branches(xining: innovpolicy.Jurisdiction) -> None:
    branches = xining.branches("QH-BROKER")["broker_applicant_kind"]
    assert "birth_date" not in branches["individual"]
    assert "college_or_above" in branches["individual"]
    assert "registered_capital" not in branches["individual"]
    assert "registered_capital" in branches["firm"]
    assert "college_or_above" not in branches["company"]
    individual = [s.name for s in xining.facts_for("QH-BROKER", subject="individual")]
    assert individual == list(branches["individual"])
    assert "broker_applicant_kind" not in individual  # being an individual says it


def test_the_four_patent_awards(xining: innovpolicy.Jurisdiction) -> None:
    branches = xining.branches("QH-PATENT-AWARD")["patent_award_kind"]
    assert "grant_date" in branches["invention_grant"]
    assert "patent_applications" not in branches["invention_grant"]
    assert "patent_applications" in branches["application_volume"]
    assert "grant_date" not in branches["application_volume"]
    # a national award is for the prior year: the branch asks when it was won (issue 14)
    assert set(branches["china_patent_gold"]) == {
        "applicant_in_qinghai",
        "infringement_finding",
        "national_award_date",
    }


def test_facts_for_a_subject(xining: innovpolicy.Jurisdiction) -> None:
    every = {s.name for s in xining.facts_for("QH-ERC")}
    firm = {s.name for s in xining.facts_for("QH-ERC", subject="enterprise")}
    university = {s.name for s in xining.facts_for("QH-ERC", subject="university")}
    assert "host_kind" in every and "host_kind" not in firm | university
    assert "is_industry_leader" in firm and "is_industry_leader" not in university
    assert "leading_achievements" in university and "leading_achievements" not in firm
    assert xining.facts_for("QH-TBE", subject="individual") == ()


def test_a_rule_without_subjects_is_refused_by_the_helper(xining: innovpolicy.Jurisdiction) -> None:
    rule = xining.rule("QH-TBE")
    with pytest.raises(ValueError, match="QH-TBE: no subjects declared"):
        with_subjects((rule,), {})
    with pytest.raises(ValueError, match="unknown subject"):
        with_subjects((rule,), {"QH-TBE": ("company",)})


def test_the_example_county_says_who_applies_and_pays() -> None:
    county = innovpolicy.load("example-county")
    assert county.subjects("EX-FIRST-INVENTION") == ("enterprise",)
    # a firm of the county's territory (district 示例县): elsewhere the rule does not apply
    facts = {"patent_kind": "invention", "patent_granted": True, "first_invention_patent": True,
             "district": "示例县"}  # fmt: skip
    summary = county.find(
        facts,
        "2022-06-30",
        rule_ids=["EX-FIRST-INVENTION"],
    )
    assert [(p.payer, p.fixed) for p in summary.totals.by_payer] == [("county", 5000)]


def _evolved(rule: Rule, subjects: tuple[str, ...], facts: object) -> Rule:
    """What with_subjects made before it read the fields with one attrgetter."""
    return attrs.evolve(rule, subjects=subjects, subject_facts=facts)


@pytest.mark.parametrize("plugin", [innovpolicy_qinghai, innovpolicy_xining])
def test_with_subjects_builds_what_evolve_builds(plugin: object) -> None:
    module = plugin.subjects  # type: ignore[attr-defined]
    sources = tuple(rule for source in plugin.SOURCES for rule in source.RULES)  # type: ignore[attr-defined]
    built = with_subjects(sources, module.SUBJECTS, module.SUBJECT_FACTS)
    assert len(built) == len(sources)
    for rule, made in zip(sources, built, strict=True):
        expected = _evolved(
            rule, tuple(module.SUBJECTS[rule.id]), module.SUBJECT_FACTS.get(rule.id, {})
        )
        assert type(made) is Rule
        assert made == expected
        assert made.lifecycle is rule.lifecycle  # left out of equality: compared by identity
        for field in attrs.fields(Rule):
            assert getattr(made, field.name) == getattr(expected, field.name), field.name
        assert type(made.subject_facts) is type(expected.subject_facts)


def test_with_subjects_keeps_evolve_for_a_rule_subclass(xining: innovpolicy.Jurisdiction) -> None:
    @attrs.frozen
    class Tagged(Rule):
        tag: str = "x"

    rule = xining.rule("QH-TBE")
    values = {field.alias: getattr(rule, field.name) for field in attrs.fields(Rule) if field.init}
    tagged = Tagged(**values, tag="kept")
    (made,) = with_subjects((tagged,), {"QH-TBE": ("enterprise",)})
    assert type(made) is Tagged and made.tag == "kept" and made.subjects == ("enterprise",)


def test_rule_subject_checks_name_every_unknown_subject(xining: innovpolicy.Jurisdiction) -> None:
    rule = xining.rule("QH-TBE")
    with pytest.raises(ValueError, match=r"unknown subject\(s\) \['company', 'firm'\]"):
        attrs.evolve(rule, subjects=("enterprise", "company"), subject_facts={"firm": {}})
    with pytest.raises(ValueError, match=r"unknown subject\(s\) \[\['enterprise'\]\]"):
        attrs.evolve(rule, subjects=(["enterprise"],))  # unhashable: still named, as before
    plain = attrs.evolve(rule, subjects=("enterprise",), subject_facts={})
    assert dict(plain.subject_facts) == {}
    with pytest.raises(TypeError):
        plain.subject_facts["enterprise"] = {}  # type: ignore[index]
