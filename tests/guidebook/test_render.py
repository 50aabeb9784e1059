"""Markdown to safe HTML: nothing a guide source holds can run in the reader's browser."""

from __future__ import annotations

import re

import pytest

from sandbox.guidebook.render import anchor_of, render, sanitise

HOSTILE = [
    "<script>alert(1)</script>",
    '<a href="#" onclick="alert(1)">x</a>',
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](javascript&#58;alert(1))",
    "<javascript:alert(1)>",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox(1))",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<iframe src=https://example.org></iframe>",
    "![x](https://example.org/i.png)",
]


@pytest.mark.parametrize("source", HOSTILE)
def test_nothing_executable_survives(source):
    tags = re.findall(r"<[^>]*>", render(source).html)  # text is escaped: only real tags
    assert tags, "the test must look at something"
    for tag in tags:
        assert not re.match(r"</?(script|img|iframe|div)\b", tag, re.I)
        assert not re.search(r"\s(on\w+|style)\s*=", tag, re.I)
        assert not re.search(r'href="\s*(javascript|data|vbscript)', tag, re.I)


@pytest.mark.parametrize(
    "html",
    [
        '<a href="javascript:alert(1)" onclick="x()">x</a>',
        '<p onmouseover="x()" style="color:red">x</p>',
        "<script>alert(1)</script><p>ok</p>",
    ],
)
def test_the_allow_list_alone_cleans_html_that_markdown_would_never_make(html):
    clean = sanitise(html)
    assert "javascript" not in clean
    assert "onclick" not in clean and "onmouseover" not in clean and "style" not in clean
    assert "<script" not in clean


def test_the_tag_check_can_fail():
    assert re.search(r"\s(on\w+|style)\s*=", '<a href="#" onclick="x()">', re.I)


def test_markdown_is_rendered_with_tables_and_safe_links():
    html = render(
        "Soma [dawati](desk#clock) au [e-GA](https://www.ega.go.tz).\n\n"
        "| aina | muda |\n|---|---|\n| Lalamiko | siku 14 |\n"
    ).html
    assert '<a href="desk#clock" rel="noopener noreferrer">dawati</a>' in html
    assert 'href="https://www.ega.go.tz"' in html
    assert "<table>" in html and "<td>Lalamiko</td>" in html


def test_headings_get_stable_anchors_and_may_name_their_own():
    rendered = render(
        "## Siku za kazi {#working-days}\n\n## Muda wa mafunzo\n\n## Muda wa mafunzo\n"
    )
    assert '<h2 id="working-days">Siku za kazi</h2>' in rendered.html
    assert rendered.anchors == ("working-days", "muda-wa-mafunzo", "muda-wa-mafunzo-2")
    assert rendered.explicit_anchors == ("working-days",)


def test_anchor_ignores_case_punctuation_and_diacritics():
    assert anchor_of("Ukaguzi — Usiri wa Mlalamikaji!") == "ukaguzi-usiri-wa-mlalamikaji"
    assert anchor_of("Héllo  Wörld") == "hello-world"


def test_plain_text_keeps_words_not_markup():
    text = render("## Kichwa\n\nSoma **hapa** na [pale](desk).\n").text
    assert text.splitlines() == ["Kichwa", "Soma hapa na pale."]


def test_a_line_break_inside_a_paragraph_reads_as_a_space():
    assert render("siku 10\nkwa kiongozi").text == "siku 10 kwa kiongozi"
