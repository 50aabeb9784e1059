"""Guide files: front matter, title, slug, no raw HTML; links to guides resolve or say why."""

from __future__ import annotations

import pytest

from sandbox.guidebook.library import GuideError, Library, load_library, parse_guide

GOOD = (
    "---\norder: 5\naudience: trainee\nsummary: Fupi.\n---\n"
    "# Kichwa\n\n## Sehemu {#part}\n\nMaandishi `<slug>`.\n"
)


def test_a_guide_has_its_title_summary_and_named_anchors():
    guide = parse_guide("mfano", "sw", GOOD)
    assert (guide.title, guide.summary, guide.order, guide.audience) == (
        "Kichwa",
        "Fupi.",
        5,
        "trainee",
    )
    assert guide.explicit_anchors == ("part",)
    assert "<h1" not in guide.html  # the title is the page's heading, not the body's


@pytest.mark.parametrize(
    ("slug", "source", "says"),
    [
        ("mfano", GOOD.replace("Maandishi", "<b>Maandishi</b>"), "raw HTML"),
        ("mfano", GOOD.replace("# Kichwa", "Kichwa"), "title"),
        ("mfano", GOOD.split("---\n", 2)[2], "front matter"),
        ("mfano", GOOD.replace("trainee", "everyone"), "audience"),
        ("Mfano_1", GOOD, "slug"),
    ],
)
def test_a_broken_guide_is_refused_naming_the_file_and_the_problem(slug, source, says):
    with pytest.raises(GuideError, match=says) as error:
        parse_guide(slug, "sw", source)
    assert f"sw/{slug}.md" in str(error.value)


def write(folder, lang, slug, source=GOOD):
    (folder / lang).mkdir(parents=True, exist_ok=True)
    (folder / lang / f"{slug}.md").write_text(source, encoding="utf-8")


def test_a_library_says_which_guide_lacks_a_language(tmp_path):
    write(tmp_path, "sw", "mfano")
    write(tmp_path, "en", "mfano")
    write(tmp_path, "sw", "peke-yake")
    library = load_library(tmp_path)
    assert library.missing() == [("peke-yake", "en")]
    assert library.slugs() == ["mfano", "peke-yake"]


@pytest.mark.parametrize(
    ("reference", "problem"),
    [
        ("mfano", None),
        ("mfano#part", None),
        ("hakuna", "no guide 'hakuna' in sw"),
        ("mfano#sehemu", "has no heading named '{#sehemu}'"),
        ("peke-yake", "no guide 'peke-yake' in en"),
    ],
)
def test_a_reference_names_a_guide_and_heading_in_both_languages(tmp_path, reference, problem):
    for lang in ("sw", "en"):
        write(tmp_path, lang, "mfano")
    write(tmp_path, "sw", "peke-yake")
    found = load_library(tmp_path).problem_with(reference)
    assert found == problem if problem is None else problem in found


def test_an_empty_library_has_nothing():
    assert Library({}).slugs() == [] and Library({}).get("mfano", "sw") is None
