"""The guides' pages: public, in both languages, searchable, safe, and linkable."""

from __future__ import annotations

import re

import pytest

from sandbox.guides.links import guide_title, guide_url


def use(client, lang):
    client.get(f"/lang/{lang}")


@pytest.mark.parametrize(
    ("lang", "titles"),
    [
        ("sw", ["Kuanza", "Dawati la mrejesho", "Usiri", "Kwa wawezeshaji", "Kwa wadau"]),
        ("en", ["Getting started", "The feedback desk", "Confidentiality", "For facilitators"]),
    ],
)
def test_the_index_lists_the_guides_in_the_readers_language(client, lang, titles):
    use(client, lang)
    page = client.get("/guides").get_data(as_text=True)
    for title in titles:
        assert f">{title}</a>" in page
    assert 'role="search"' in page and 'name="q"' in page


def test_guides_are_public_and_in_the_menu_of_a_visitor(client):
    response = client.get("/guides/getting-started")
    assert response.status_code == 200
    assert 'href="/guides"' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "slug", "heading", "text"),
    [
        ("sw", "transfer", "Kuhamisha mrejesho", '<h2 id="three-transfers">'),
        ("en", "transfer", "Transferring feedback", '<h2 id="three-transfers">'),
        ("sw", "desk", "Dawati la mrejesho", "<table>"),
        ("en", "facilitators", "For facilitators", "mrejesho cohort create"),
    ],
)
def test_a_guide_page_in_each_language(client, lang, slug, heading, text):
    use(client, lang)
    page = client.get(f"/guides/{slug}").get_data(as_text=True)
    assert f"<h1>{heading}</h1>" in page
    assert text in page
    assert f'<article class="guide" lang="{lang}">' in page
    assert 'data-testid="guide-fallback"' not in page


@pytest.mark.parametrize("slug", ["hakuna", "Desk", "desk.md", "..%2Fsetup", "desk%00"])
def test_an_unknown_slug_is_404(client, slug):
    assert client.get(f"/guides/{slug}").status_code == 404


def test_a_guide_missing_in_the_readers_language_says_so_and_shows_the_other(
    app, client, tmp_path, monkeypatch
):
    (tmp_path / "sw").mkdir()
    (tmp_path / "sw" / "peke-yake.md").write_text(
        "---\naudience: trainee\n---\n# Peke yake\n\nKwa Kiswahili tu.\n", encoding="utf-8"
    )
    monkeypatch.setitem(app.config, "GUIDES_DIR", tmp_path)
    use(client, "en")
    page = client.get("/guides/peke-yake").get_data(as_text=True)
    assert "not written in your language yet. Here it is in Kiswahili." in page
    assert '<article class="guide" lang="sw">' in page


@pytest.mark.parametrize(
    ("lang", "query", "slug"),
    [
        ("sw", "SIKU ZA KAZI", "deadlines"),
        ("sw", "mara  tatu", "transfer"),
        ("sw", "152 00", "citizen-channels"),
        ("en", "three-TRANSFER limit", "transfer"),
        ("en", "join code", "facilitators"),
        ("en", "Café", None),
    ],
)
def test_search_in_both_languages(client, lang, query, slug):
    use(client, lang)
    page = client.get("/guides", query_string={"q": query}).get_data(as_text=True)
    results = re.search(r'<section aria-labelledby="results-heading">(.*?)</section>', page, re.S)
    links = re.findall(r'href="/guides/([a-z-]+)"', results.group(1))
    if slug is None:
        assert links == [] and ("No guide matches" in page)
    else:
        assert slug in links
        assert 'class="guide-snippet"' in results.group(1)
    assert f'value="{query}"' in page


def test_search_finds_words_with_diacritics_typed_without_them(client, app, tmp_path, monkeypatch):
    for lang in ("sw", "en"):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "mfano.md").write_text(
            "---\naudience: trainee\n---\n# Mfano\n\nUkumbi wa Pélé.\n", encoding="utf-8"
        )
    monkeypatch.setitem(app.config, "GUIDES_DIR", tmp_path)
    page = client.get("/guides?q=pele").get_data(as_text=True)
    assert 'href="/guides/mfano"' in page and "Ukumbi wa Pélé." in page


def test_a_search_is_shown_escaped(client):
    page = client.get("/guides", query_string={"q": '<script>alert("x")</script>'})
    assert "<script>alert" not in page.get_data(as_text=True)


def test_guide_pages_need_no_inline_script_or_style(client):
    response = client.get("/guides/desk")
    page = response.get_data(as_text=True)
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert "<style" not in page and " style=" not in page
    assert "/static/css/guides.css" in page


def test_guide_url_and_title_for_scenario_links(app, client):
    with app.test_request_context("/"):
        assert guide_url("transfer#three-transfers") == "/guides/transfer#three-transfers"
        assert guide_url("desk") == "/guides/desk"
        assert guide_title("transfer#three-transfers") == "Kuhamisha mrejesho"
        assert guide_title("hakuna") == "hakuna"
    template = app.jinja_env.from_string("{{ guide_url('desk#clock') }} {{ guide_title('desk') }}")
    with app.test_request_context("/"):
        assert template.render() == "/guides/desk#clock Dawati la mrejesho"
