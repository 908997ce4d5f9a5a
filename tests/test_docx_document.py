"""The FFU Word document, read back with python-docx: structure, marking, metadata and accessibility.

The database is tests/fixtures/docx, a small project that has one of everything the
document must handle: a mid-year change, a requirement new mid-year, a proposal, shared
sections, a section three deep, lists, tables, links and text full of odd characters.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import docx
import pytest
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from generator.database import Database
from generator.docx import render_ffu
from generator.pipeline import load_database

from .conftest import FIXTURES
from .docx_helpers import id_line

Render = Callable[..., Document]


@pytest.fixture(scope="module")
def db() -> Database:
    return load_database(FIXTURES / "docx")


@pytest.fixture(scope="module")
def render(db: Database) -> Render:
    cache: dict[tuple[str, int, bool], Document] = {}

    def open_document(vardval: str = "vc", year: int = 2025, *, with_comparisons: bool = False) -> Document:
        key = (vardval, year, with_comparisons)
        if key not in cache:
            data = render_ffu(db, vardval, year, with_comparisons=with_comparisons)
            cache[key] = docx.Document(io.BytesIO(data))
        return cache[key]

    return open_document


def styled(document: Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def headings(document: Document) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]


def texts(document: Document) -> list[str]:
    """Paragraph texts, with an id line reduced to its id (its 'Nytt ÅR' marker is tested apart)."""
    return [id_line(p) for p in document.paragraphs]


def test_parts_chapters_and_sections_are_headings_1_2_3_numbered_by_placement(render: Render) -> None:
    assert headings(render())[0] == ("Heading 1", "Förändringar sedan 2024")
    assert headings(render())[1:10] == [
        ("Heading 1", "Del A – Allmänna avsnitt"),
        ("Heading 2", "1 Allmänna villkor"),
        ("Heading 3", "1.1 Likalydande avtal"),
        ("Heading 1", "Vårdcentral"),
        ("Heading 2", "2 Tillgänglighet"),
        ("Heading 3", "2.1 Öppettider"),
        ("Heading 3", "2.2 Telefontillgänglighet"),
        ("Heading 3", "2.3 Digitala besök"),
        ("Heading 2", "3 Ersättning"),
    ]


def test_a_section_three_deep_is_heading_4_under_its_section(render: Render) -> None:
    found = headings(render())
    index = found.index(("Heading 4", "3.1.1 Avdrag vid utebliven rapportering"))
    assert found[index - 1] == ("Heading 3", "3.1 Ersättning & avdrag <särskilda>")


def test_requirements_sharing_a_section_share_its_heading(render: Render) -> None:
    assert headings(render()).count(("Heading 3", "2.1 Öppettider")) == 1
    paragraphs = texts(render())
    start = paragraphs.index("2.1 Öppettider")
    following = paragraphs[start + 1 :]
    assert (
        following.index("VC-001") < following.index("VC-002") < following.index("2.2 Telefontillgänglighet")
    )


def test_annexes_are_headings_after_the_parts(render: Render) -> None:
    found = headings(render(with_comparisons=True))
    assert ("Heading 1", "Bilaga 1 Frågor och svar 2025") in found
    assert found[-2:] == [("Heading 1", "Bilaga 2 Omvärldsbevakning"), ("Heading 2", "Öppettider")]


def test_every_requirement_id_is_a_run_in_the_krav_id_style(render: Render) -> None:
    ids = [
        run.text
        for p in render().paragraphs
        for run in p.runs
        if run.style is not None and run.style.name == "Krav-id"
    ]
    assert ids == ["A-001", "VC-001", "VC-002", "VC-003", "VC-006", "VC-004", "VC-005", "VC-007"]


def test_only_del_a_and_the_vardvals_own_part_are_included(render: Render) -> None:
    bvc = texts(render("bvc"))
    assert "A-001" in bvc and "BVC-001" in bvc
    assert not any(text.startswith("VC-") for text in bvc)
    assert "Barnavårdscentral" in styled(render("bvc"), "Heading 1")


def test_the_contents_is_a_toc_field_over_heading_levels_1_to_3(render: Render) -> None:
    instructions = [node.text for node in render().element.body.iter(qn("w:instrText"))]
    assert ' TOC \\o "1-3" \\h \\z \\u ' in instructions


def test_settings_ask_word_to_update_fields_on_opening(render: Render) -> None:
    settings = render().settings.element
    update = settings.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"


def test_language_is_swedish_in_doc_defaults_and_normal_style(render: Render) -> None:
    styles = render().styles.element
    default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert default is not None and default.get(qn("w:val")) == "sv-SE"
    normal = render().styles["Normal"].element.find(f"{qn('w:rPr')}/{qn('w:lang')}")
    assert normal is not None and normal.get(qn("w:val")) == "sv-SE"


def test_core_properties_describe_the_document_with_dates_from_the_data(render: Render) -> None:
    core = render().core_properties
    assert core.title == "Förfrågningsunderlag Hälsoval Skåne – Vårdcentral 2025"
    assert core.author == "Region Skåne"
    assert core.language == "sv-SE"
    assert "vårdcentral" in core.keywords and "2025" in core.keywords
    assert core.subject
    # No decision date in 2025: created is 1 January; modified is the last date in the content.
    assert core.created is not None and core.created.date().isoformat() == "2025-01-01"
    assert core.modified is not None and core.modified.date().isoformat() == "2025-09-01"


def test_core_created_is_the_decision_date_when_known(render: Render) -> None:
    created = render(year=2024).core_properties.created
    assert created is not None and created.date().isoformat() == "2023-11-22"


def test_title_page_gives_status_and_version_date(render: Render) -> None:
    assert styled(render(), "Title") == ["Förfrågningsunderlag Hälsoval Skåne – Vårdcentral 2025"]
    assert styled(render(), "Dokumentinfo") == [
        "Status: beslutat av Primärvårdsnämnden. Källorna anger inte beslutets datum eller paragraf.",
        "Versionsdatum: ej angivet i källorna",
    ]
    assert styled(render(year=2024), "Dokumentinfo") == [
        "Status: beslutat av Primärvårdsnämnden 22 november 2023, § 87.",
        "Versionsdatum: 22 november 2023",
    ]


def test_an_open_year_is_titled_and_stated_as_a_proposal(render: Render) -> None:
    document = render(year=2026)
    assert styled(document, "Title") == [
        "Förslag till förfrågningsunderlag Hälsoval Skåne – Vårdcentral 2026"
    ]
    assert styled(document, "Dokumentinfo")[0] == "Status: förslag. Förfrågningsunderlaget är inte beslutat."


def test_a_changed_requirement_carries_its_marker_on_its_id_line(render: Render) -> None:
    lines = styled(render(), "Kravrad")
    assert "VC-001  Ändrat 2025" in lines
    assert not any(line.startswith("A-001 ") for line in lines), "an unchanged requirement has no marker"
    assert styled(render(), "Organisation") == ["Region Skåne"]
    assert styled(render(), "Nämnd") == ["Primärvårdsnämnden"]


def test_the_title_page_example_id_comes_from_the_vardvals_own_part(render: Render) -> None:
    def about(vardval: str) -> str:
        return styled(render(vardval), "Ingress")[0]

    assert "Varje krav har ett id, till exempel VC-001, som står i grått" in about("vc")
    assert "Varje krav har ett id, till exempel BVC-001, som står i grått" in about("bvc")
    # The fixture's psykoterapi part is empty: no example rather than another part's id.
    assert "Varje krav har ett id som står i grått" in about("psykoterapi")


def test_every_table_has_a_caption_and_marks_its_first_row_as_a_repeating_header(render: Render) -> None:
    tables = render(with_comparisons=True).tables
    assert len(tables) == 3
    for table in tables:
        rows = table._tbl.tr_lst
        assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert all(row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for row in rows[1:])
        assert table.style is not None and table.style.name == "Tabell"

    captions = [t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) for t in tables]
    assert captions == ["Tabell i krav VC-002", "Tabell i krav VC-004", "Omvärldsbevakning: Öppettider"]


def test_each_numbered_list_gets_its_own_numbering_that_restarts(render: Render) -> None:
    document = render()
    numbered = [p for p in document.paragraphs if p.style is not None and p.style.name == "List Number"]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]  # type: ignore[union-attr]
    assert [p.text for p in numbered][:2] == ["på 1177.se", "på mottagningens dörr"]
    lists = list(dict.fromkeys(num_ids))
    assert len(lists) == 3 and num_ids == [lists[0]] * 2 + [lists[1]] * 2 + [lists[2]] * 2
    numbering = document.part.numbering_part.element
    starts = {}
    for num in numbering.findall(qn("w:num")):
        override = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        if override is not None:
            starts[int(num.get(qn("w:numId")))] = int(override.get(qn("w:val")))
    assert [starts[n] for n in lists] == [1, 1, 3]


def test_links_are_hyperlinks_with_external_relationships(render: Render) -> None:
    document = render()
    targets = {}
    for link in document.element.body.iter(qn("w:hyperlink")):
        rel_id = link.get(qn("r:id"))
        if rel_id:
            rel = document.part.rels[rel_id]
            assert rel.reltype == RT.HYPERLINK and rel.is_external
            targets["".join(t.text for t in link.iter(qn("w:t")))] = rel.target_ref
    assert targets == {
        "Region Skånes vårdgivarwebb": "https://vardgivare.skane.se/uppdrag-avtal/",
        "halsoval@skane.se": "mailto:halsoval@skane.se",
    }


def test_a_mid_year_change_shows_both_texts_with_written_out_dates(render: Render) -> None:
    paragraphs = texts(render())
    start = paragraphs.index("VC-001")
    assert paragraphs[start + 1 : start + 5] == [
        "Till och med den 31 augusti 2025 gäller:",
        "Vårdcentralen ska ha öppet minst 30 timmar per vecka.",
        "Från och med den 1 september 2025 gäller:",
        "Vårdcentralen ska ha öppet minst 45 timmar per vecka.",
    ]
    assert "Till och med den 31 augusti 2025 gäller:" in styled(render(), "Ikraftträdande")


def test_a_requirement_new_mid_year_says_from_when(render: Render) -> None:
    assert "Från och med den 1 april 2025 gäller följande nya krav." in styled(render(), "Ikraftträdande")


def test_a_requirement_ending_mid_year_shows_its_text_until_then(render: Render) -> None:
    paragraphs = texts(render())
    start = paragraphs.index("VC-007")
    assert paragraphs[start - 1 : start + 4] == [
        "3.2 Ersättning för intyg",
        "VC-007",
        "Till och med den 30 april 2025 gäller:",
        "Vårdcentralen får ersättning för dödsbevis.",
        "Från och med den 1 maj 2025 utgår kravet.",
    ]
    assert "VC-007" not in texts(render(year=2026))


def test_the_mid_year_phrase_belongs_only_to_its_own_year(render: Render) -> None:
    assert not any(text.startswith("Från och med") for text in texts(render(year=2026)))


def test_proposals_are_labelled_and_set_in_bordered_styles(render: Render) -> None:
    document = render(year=2026)
    paragraphs = document.paragraphs
    start = [id_line(p) for p in paragraphs].index("VC-003")
    label, text, *items = paragraphs[start + 1 : start + 5]
    assert (label.style.name, label.text) == ("Förslagsetikett", "Förslag – ej beslutat")  # type: ignore[union-attr]
    assert (text.style.name, text.text) == ("Förslag", "Vårdcentralen ska besvara samtal inom en timme.")  # type: ignore[union-attr]
    assert [i.style.name for i in items] == ["Förslag punktlista"] * 2  # type: ignore[union-attr]
    for name in ("Förslag", "Förslagsetikett", "Förslag punktlista"):
        ppr = document.styles[name].element.pPr
        assert ppr is not None
        assert ppr.find(f"{qn('w:pBdr')}/{qn('w:left')}") is not None and ppr.find(qn("w:shd")) is not None
    assert "Förslag – ej beslutat" not in texts(render(year=2025))


def test_decided_text_is_not_in_proposal_styles(render: Render) -> None:
    assert styled(render(), "Förslag") == [] and styled(render(), "Förslagsetikett") == []


def test_odd_characters_survive_escaping(render: Render) -> None:
    paragraphs = texts(render())
    assert "3.1 Ersättning & avdrag <särskilda>" in paragraphs
    text = next(p for p in paragraphs if p.startswith("Avdrag görs"))
    assert text == (
        "Avdrag görs när andelen är < 5 % & \"målet\" inte nås – 'enkla' och ”svenska” citat 😀. "
        "Koden <b> visas som text, liksom <script>alert(1)</script> och &amp;."
    )
    cells = [cell.text for row in render().tables[1].rows for cell in row.cells]
    assert cells == ["Villkor <x>", "Belopp & enhet", '"A" < "B"', "1 000 kr 💶"]


def test_header_has_the_title_and_footer_the_page_number(render: Render) -> None:
    section = render().sections[0]
    assert section.header.paragraphs[0].text == "Förfrågningsunderlag Hälsoval Skåne – Vårdcentral 2025"
    footer = section.footer.paragraphs[0]._p
    assert [t.text.strip() for t in footer.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""


def test_questions_and_answers_of_the_year_for_this_vardval(render: Render) -> None:
    questions = styled(render(), "Fråga")
    assert questions == [
        "Fråga 1: Gäller de nya öppettiderna även under sommaren?",
        "Fråga 2: När kommer de nya avtalen?",
        "Fråga 4: Hur ska telefontiden redovisas?",
    ]
    assert styled(render(), "Svar") == [
        "Svar: Ja, kravet på 45 timmar gäller hela året.",
        "Svar: Svar saknas i källan.",
        "Svar: Det återkommer regionen om.",
        "Kompletterat svar 12 juni 2025: Telefontiden redovisas i den månatliga uppföljningen.",
    ]
    assert styled(render(), "Svarsinfo") == [
        "Berörda krav: VC-001",
        "Berörda krav: A-001",
        "Berörda krav: VC-003",
    ]


def test_a_year_without_questions_says_so(render: Render) -> None:
    assert "Det finns inga registrerade frågor och svar från 2026 som gäller vårdcentral." in texts(
        render(year=2026)
    )


def test_comparisons_only_with_the_flag_and_only_for_covered_topics(render: Render) -> None:
    assert "Bilaga 2 Omvärldsbevakning" not in texts(render())
    table = render(with_comparisons=True).tables[-1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Region", "Aspekt", "Regel", "Siffror", "Källa"]
    assert len(rows) == 2  # Region Västmanland's filialer is no topic of a VC requirement
    region, aspect, rule, figures, source = rows[1]
    assert (region, aspect) == ("Region Halland (2025)", "Öppettider")
    assert rule == "Vårdcentralen ska ha öppet minst 40 timmar i veckan."
    assert figures == "Öppettid: 40 timmar/vecka\nErsättning: 12\u00a0500,5 kr/månad"
    assert source == (
        "Omvärldsbevakning av regionernas förfrågningsunderlag, med preliminära förslag (bildspel). "
        "Region Skåne. Öppettider"
    )


def test_structure_comes_from_styles_not_direct_formatting(db: Database) -> None:
    body = zipfile.ZipFile(io.BytesIO(render_ffu(db, "vc", 2025))).read("word/document.xml").decode()
    for direct in ("<w:sz ", "<w:color ", "<w:rFonts ", "<w:jc ", "<w:spacing "):
        assert direct not in body


def test_same_input_gives_byte_identical_files_with_fixed_zip_stamps(db: Database) -> None:
    first = render_ffu(db, "vc", 2025, with_comparisons=True)
    assert render_ffu(db, "vc", 2025, with_comparisons=True) == first
    entries = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert entries[0].filename == "[Content_Types].xml"
    assert {entry.date_time for entry in entries} == {(1980, 1, 1, 0, 0, 0)}
