"""The site's building blocks: data text becomes safe HTML, change marks are labelled, links resolve."""

from __future__ import annotations

import re
from pathlib import Path

from generator.diff import Segment
from generator.markup import Link, Text
from generator.model import Figure
from generator.site import charts, render_html, urls
from generator.site.downloads import describe, find_downloads
from generator.site.nav import _label


def test_script_in_a_text_is_shown_as_text() -> None:
    html = render_html.rich('Svar <script>alert("x")</script> klart')
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_javascript_link_in_a_text_stays_text() -> None:
    html = render_html.rich("Se [här](javascript:alert(1)) och [regionen](https://www.skane.se/).")
    assert 'href="javascript' not in html
    assert '<a href="https://www.skane.se/">regionen</a>' in html


def test_unsafe_link_node_built_in_code_is_rendered_as_its_text() -> None:
    node = Link((Text("klicka"),), "javascript:alert(1)")
    assert render_html._inlines((node,)) == "klicka"


def test_markdown_syntax_in_a_heading_is_neutralised() -> None:
    heading = render_html.md_inline("Öppet [klicka](javascript:alert(1)) *nu* <b>")
    assert "[" not in heading.replace("\\[", "")
    assert "&lt;b&gt;" in heading
    assert "\\*nu\\*" in heading


def test_page_titles_keep_no_angle_brackets() -> None:
    assert render_html.md_title("</title><script>") == "‹/title›‹script›"


def test_page_titles_keep_an_encoded_tag_as_text() -> None:
    # The theme un-escapes page titles once (striptags): the entity must survive that as text.
    encoded = "&lt;/title&gt;&lt;script&gt;"
    assert render_html.title_text(encoded) == "&amp;lt;/title&amp;gt;&amp;lt;script&amp;gt;"
    assert render_html.md_title(encoded) == "&amp;lt;/title&amp;gt;&amp;lt;script&amp;gt;"
    assert _label(f"Möte {encoded}") == "Möte &amp;lt;/title&amp;gt;&amp;lt;script&amp;gt;"
    assert _label("Möte <b>") == "Möte ‹b›"


def test_a_page_title_is_read_back_from_its_heading_as_written() -> None:
    name = "Kapitel *1* [a](b) & <b> 4.2-3_x {y}"
    markdown = f"intro\n# {render_html.md_title(name)} {{ #ankare }}\n## Annat"
    assert render_html.heading_text(markdown) == name.replace("<", "‹").replace(">", "›")
    assert render_html.heading_text("ingen rubrik\n## Andra nivån") is None


def test_front_matter_gives_the_title_and_keeps_repeats_out_of_search() -> None:
    matter = render_html.front_matter(render_html.title_text('Ett "citat" & <b>'), rank=None)
    assert matter == '---\ntitle: "Ett \\"citat\\" &amp; ‹b›"\nsearch:\n  exclude: true\n---\n\n'
    ranked = render_html.front_matter(render_html.title_text("Sida"), rank=1)
    assert "search" not in ranked
    assert "\nrang: 1\n" in ranked


def test_insertions_and_deletions_carry_labels_for_screen_readers() -> None:
    html = render_html.word_diff(
        (Segment("equal", "Minst "), Segment("delete", "40"), Segment("insert", "45"))
    )
    assert '<del><span class="ffu-sr">Borttaget: </span>40</del>' in html
    assert '<ins><span class="ffu-sr">Tillagt: </span>45</ins>' in html


def test_each_line_of_a_diff_is_its_own_paragraph() -> None:
    html = render_html.word_diff((Segment("equal", "Första\nAndra "), Segment("insert", "raden")))
    assert html.count("<p>") == 2


def test_diff_text_is_escaped() -> None:
    html = render_html.word_diff((Segment("insert", "<img src=x onerror=alert(1)>"),))
    assert "<img" not in html


def test_chart_has_a_title_a_description_and_one_bar_per_figure() -> None:
    figures = [Figure(label=f"Del {n}", value=10.0 * n, unit="%") for n in range(1, 4)]
    svg = charts.bar_chart("c", "Andelar", figures)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert svg.count("<rect") == 3
    assert "Del 2: 20 %" in svg


def test_chart_labels_are_escaped() -> None:
    figures = [Figure(label="<script>", value=50, unit="%")] * 3
    assert "<script>" not in charts.bar_chart("c", "<b>", figures)


def test_only_shares_in_percent_are_charted() -> None:
    shares = [Figure(label=str(n), value=n, unit="%") for n in range(3)]
    money = [Figure(label=str(n), value=n, unit="kr") for n in range(3)]
    assert charts.chartable(shares)
    assert not charts.chartable(money)
    assert not charts.chartable(shares[:2])


def test_links_between_pages_are_relative_html_urls() -> None:
    assert urls.relative("ffu/2026/vc/vc-uppdrag.md", "historik/vc-000-049.md", "VC-014") == (
        "../../../historik/vc-000-049.html#VC-014"
    )
    assert urls.relative("index.md", "om.md") == "om.html"
    assert urls.relative("om.md", "om.md", "kallor") == "#kallor"


def test_a_requirement_keeps_its_history_page_whatever_else_changes() -> None:
    assert urls.history("VC-014") == "historik/vc-000-049.md"
    assert urls.history("VC-050") == "historik/vc-050-099.md"
    assert urls.history("PSY-120") == "historik/psy-100-149.md"


def test_del_a_chapters_are_shared_by_all_vardval() -> None:
    assert urls.chapter(2026, "a", "a-ersattning") == "ffu/2026/del-a/a-ersattning.md"
    assert urls.chapter(2026, "vc", "vc-uppdrag") == "ffu/2026/vc/vc-uppdrag.md"


def test_downloads_are_titled_from_their_file_names(tmp_path: Path) -> None:
    ffu = describe(tmp_path / "FFU-bvc-2026.docx")
    report = describe(tmp_path / "Förändringar-2025-2026-vc.docx")
    assert ffu is not None and ffu.title == "Förfrågningsunderlag 2026, Barnavårdscentral"
    assert (ffu.vardval, ffu.report) == ("bvc", False)
    assert report is not None and report.title == "Ändringsrapport 2025–2026, Vårdcentral"
    assert (report.vardval, report.report) == ("vc", True)
    assert describe(tmp_path / "anteckningar.docx") is None


def test_downloads_are_listed_newest_year_first_in_vardval_order(tmp_path: Path) -> None:
    for name in ("FFU-vc-2025.docx", "Förändringar-2025-2026.docx", "FFU-vc-2026.docx", "FFU-bvc-2026.docx"):
        (tmp_path / name).write_bytes(b"x")
    names = [d.filename for d in find_downloads(tmp_path)]
    assert names == [
        "FFU-vc-2026.docx",
        "FFU-bvc-2026.docx",
        "Förändringar-2025-2026.docx",
        "FFU-vc-2025.docx",
    ]


def test_excerpts_end_at_a_word() -> None:
    text = "ord " * 100
    short = render_html.excerpt(text, 30)
    assert short.endswith(" …") and len(short) <= 32
    assert re.fullmatch(r"(ord )+…", short)
