"""The shipped guides: every one in both languages, every competency covered, every link and
every scenario's guide reference resolving."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from sandbox.guidebook import load_library
from sandbox.guidebook.library import LANGUAGES
from sandbox.scenarios.loader import SCENARIOS_DIR, load_competencies, load_folder
from sandbox.services.guides.library import GUIDES_DIR
from sandbox.services.guides.references import guide_references, unknown_guide_references

REQUIRED = {
    "getting-started",
    "desk",
    "facilitators",
    "stakeholders",
    "stakeholder-preview",
    "preview-organisers",
}


@pytest.fixture(scope="module")
def guides():
    return load_library(GUIDES_DIR)


def test_every_guide_exists_in_both_languages(guides):
    assert len(guides.slugs()) >= 14
    assert guides.missing() == []
    assert {f.stem for f in (GUIDES_DIR / "sw").glob("*")} == {
        f.stem for f in (GUIDES_DIR / "en").glob("*")
    }


def test_the_required_guides_and_one_per_competency_exist(guides):
    assert set(guides.slugs()) >= REQUIRED
    for lang in LANGUAGES:
        covered = {g.competency for g in guides.in_language(lang)}
        assert set(load_competencies(SCENARIOS_DIR)) <= covered, lang


def test_a_guide_has_the_same_audience_order_competency_and_named_headings_in_both(guides):
    for slug in guides.slugs():
        sw, en = guides.get(slug, "sw"), guides.get(slug, "en")
        fields = ("audience", "order", "competency", "explicit_anchors")
        assert [getattr(sw, f) for f in fields] == [getattr(en, f) for f in fields], slug


def test_every_guide_is_short_enough_for_a_phone(guides):
    for lang in LANGUAGES:
        for guide in guides.in_language(lang):
            assert len(guide.text.split()) <= 450, f"{lang}/{guide.slug}"
            assert guide.summary and guide.title


def test_every_link_between_guides_resolves(guides):
    checked = 0
    for lang in LANGUAGES:
        for guide in guides.in_language(lang):
            for href in re.findall(r'href="([^"]+)"', guide.html):
                if re.match(r"^[a-z]+:", href):
                    assert href.startswith("https://"), (guide.slug, href)
                    continue
                slug, _, anchor = href.partition("#")
                target = guides.get(slug, lang)
                assert target is not None, f"{lang}/{guide.slug}: {href}"
                assert not anchor or anchor in target.anchors, f"{lang}/{guide.slug}: {href}"
                checked += 1
    assert checked > 20


def test_every_guide_reference_of_the_shipped_scenarios_resolves(guides):
    assert unknown_guide_references(load_folder(SCENARIOS_DIR).in_order(), guides) == []


@pytest.fixture
def scenario_folder(tmp_path):
    """A copy of one shipped scenario whose first step and hint link guides."""
    shutil.copy(SCENARIOS_DIR / "competencies.yaml", tmp_path)
    source = sorted(p for p in SCENARIOS_DIR.glob("*.yaml") if p.name != "competencies.yaml")[0]
    data = yaml.safe_load(source.read_text(encoding="utf-8"))

    data["prerequisites"] = []  # alone in its folder

    def write(step_guide, hint_guide):
        data["steps"][0]["guide"] = step_guide
        data["steps"][0]["hints"] = [{"text": {"sw": "Soma.", "en": "Read."}, "guide": hint_guide}]
        (tmp_path / source.name).write_text(yaml.safe_dump(data, allow_unicode=True))
        return load_folder(tmp_path).in_order()

    return write


def test_a_scenario_may_link_a_guide_and_a_named_heading(guides, scenario_folder):
    scenarios = scenario_folder("transfer#three-transfers", "confidentiality")
    assert len(guide_references(scenarios)) == 2
    assert unknown_guide_references(scenarios, guides) == []


def test_a_scenario_linking_no_guide_or_heading_is_caught(guides, scenario_folder):
    problems = unknown_guide_references(scenario_folder("hakuna", "transfer#hakuna"), guides)
    assert len(problems) == 2
    assert "steps[0].guide: hakuna mwongozo 'hakuna' (sw) / no guide 'hakuna' in sw" in problems[0]
    assert "steps[0].hints[0].guide: mwongozo 'transfer' (sw) hauna kichwa" in problems[1]
    assert "guide 'transfer' (sw) has no heading named '{#hakuna}'" in problems[1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_guide_calls_a_shipped_feature_coming(guides, lang):
    """The preview and the facilitator console exist: no guide may still promise them."""
    stale = re.compile(r"being built|is coming|bado inajengwa|inakuja\.", re.IGNORECASE)
    said = [g.slug for g in guides.in_language(lang) if stale.search(g.text)]
    assert said == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_preview_guides_point_at_each_other(guides, lang):
    """Stakeholders' overview -> the how-to; facilitators -> the organisers' guide."""
    links = {
        slug: set(re.findall(r'href="([^"#]+)', guides.get(slug, lang).html))
        for slug in ("stakeholders", "stakeholder-preview", "facilitators", "preview-organisers")
    }
    assert "stakeholder-preview" in links["stakeholders"]
    assert "stakeholders" in links["stakeholder-preview"]
    assert "preview-organisers" in links["facilitators"]
    assert "stakeholders" in links["preview-organisers"]
