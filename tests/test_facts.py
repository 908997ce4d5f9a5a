"""Facts that are not rules: how the core selects them, how they are drawn, and where they are shown."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from generator import facts
from generator.database import Database
from generator.diff import compare
from generator.model import Fact, Figure
from generator.pipeline import load_database
from generator.report import default_name, write_report
from generator.site import urls
from generator.site.build import write_markdown
from generator.site.charts import CHAR_WIDTH, WIDTH, bar_chart, count_chart, nice_scale

from .conftest import REPO

SOURCE = {"seed": "002_7fc2f6196ae83701.txt", "locator": "Produktion"}


def _fact(fact_id: str, **fields: Any) -> Fact:
    data: dict[str, Any] = {"id": fact_id, "kind": "uppföljning", "title": fact_id, "text": "Text."}
    data["sources"] = [SOURCE]
    data.update(fields)
    return Fact.model_validate(data)


def _figure(label: str, value: float, unit: str) -> dict[str, Any]:
    return {"label": label, "value": value, "unit": unit}


def _db(*items: Fact) -> Database:
    real = load_database(REPO)
    return Database.build(
        requirements=list(real.requirements.values()),
        comparisons=[],
        meetings=[],
        topics=list(real.topics.values()),
        chapters=list(real.chapters.values()),
        years=list(real.years.values()),
        sources=list(real.sources.values()),
        paths={},
        facts=list(items),
    )


@pytest.fixture(scope="module")
def db() -> Database:
    return load_database(REPO)


# -- the core ------------------------------------------------------------------------------------


def test_follow_up_shows_each_figure_as_its_fact_gives_it_and_sums_nothing(db: Database) -> None:
    groups = {g.vardval: g for g in facts.follow_up(db)}
    assert set(groups) == {"vc", "bvc", "bmm", "psykoterapi"}
    for group in groups.values():
        for fact, figure in group.rows:
            assert figure in fact.figures
            assert fact.vardval == (group.vardval,)
    vc = {(f.id, fig.label): fig.value for f, fig in groups["vc"].rows}
    assert vc[("FAKTA-001", "Avvikelser")] == 48
    assert groups["vc"].period == "januari–augusti 2024"


def test_follow_up_leaves_out_shares_other_topics_and_facts_on_several_vardval() -> None:
    topic = ["uppfoljning-och-sanktioner"]
    counted = _fact("FAKTA-001", vardval=["vc"], topics=topic, figures=[_figure("Vite", 2, "enheter")])
    share = _fact("FAKTA-002", vardval=["vc"], topics=topic, figures=[_figure("Andel", 50, "%")])
    shared = _fact("FAKTA-003", vardval=["vc", "bvc"], topics=topic, figures=[_figure("Vite", 9, "enheter")])
    other = _fact("FAKTA-004", vardval=["vc"], topics=["antibiotika"], figures=[_figure("Recept", 302, "st")])
    status = _fact("FAKTA-005", kind="status", vardval=["vc"], topics=topic, figures=[_figure("VC", 1, "st")])
    groups = facts.follow_up(_db(counted, share, shared, other, status))
    assert [(g.vardval, [(f.id, fig.value) for f, fig in g.rows]) for g in groups] == [
        ("vc", [("FAKTA-001", 2)])
    ]


def test_a_follow_up_group_names_its_period_only_when_its_facts_share_one() -> None:
    topic = ["uppfoljning-och-sanktioner"]
    one = _fact(
        "FAKTA-001",
        vardval=["bmm"],
        topics=topic,
        period={"label": "maj 2024"},
        figures=[_figure("A", 1, "st")],
    )
    two = _fact(
        "FAKTA-002",
        vardval=["bmm"],
        topics=topic,
        period={"label": "juni 2024"},
        figures=[_figure("B", 2, "st")],
    )
    assert facts.follow_up(_db(one))[0].period == "maj 2024"
    assert facts.follow_up(_db(one, two))[0].period is None


@pytest.mark.parametrize(
    ("figures", "scale"),
    [
        ([("Skåne", 92, "%"), ("Riket", 87, "%")], "percent"),
        ([("2017", 151, "vårdcentraler"), ("2024", 176, "vårdcentraler")], "count"),
        ([("Vite", 2, "vårdcentraler"), ("Avvikelser", 48, "avvikelser")], None),
        ([("Utfall", 26.9, "miljoner kr"), ("Prognos", -5, "miljoner kr")], None),
        ([("Skåne", 92, "%")], None),
        ([("Ökning", 140, "%"), ("Minskning", 3, "%")], None),
    ],
)
def test_bars_compare_only_like_with_like(figures: list[tuple[str, float, str]], scale: str | None) -> None:
    assert (
        facts.chart_scale([Figure(label=label, value=value, unit=unit) for label, value, unit in figures])
        == scale
    )


def test_facts_are_grouped_by_kind_newest_first_and_undated_last() -> None:
    old = _fact("FAKTA-001", period={"label": "2023", "end": "2023-12-31"})
    new = _fact("FAKTA-002", period={"label": "2024", "end": "2024-12-31"})
    undated = _fact("FAKTA-003")
    review = _fact("FAKTA-004", kind="planerad översyn")
    groups = facts.by_kind(_db(old, new, undated, review))
    assert [(kind, [f.id for f in items]) for kind, items in groups] == [
        ("uppföljning", ["FAKTA-002", "FAKTA-001", "FAKTA-003"]),
        ("planerad översyn", ["FAKTA-004"]),
    ]


def test_background_takes_facts_on_changed_rules_and_reviews_for_the_years_compared() -> None:
    on_rule = _fact("FAKTA-001", vardval=["vc"], requirements=["VC-016"])
    on_other_rule = _fact("FAKTA-002", vardval=["vc"], requirements=["VC-024"])
    review = _fact(
        "FAKTA-003", kind="planerad översyn", vardval=["bmm"], period={"label": "2025", "end": "2025-12-31"}
    )
    later = _fact("FAKTA-004", kind="planerad översyn", period={"label": "2028", "end": "2028-08-30"})
    # The first source of an undated review is dated 6 May 2025, which places it in 2025.
    undated = _fact(
        "FAKTA-005", kind="planerad översyn", sources=[{"seed": "001_cd0c95988a732e9a.txt", "locator": "x"}]
    )
    elsewhere = _fact("FAKTA-006", region="Region Kronoberg", requirements=["VC-016"])
    database = _db(on_rule, on_other_rule, review, later, undated, elsewhere)
    chosen = facts.background(database, 2024, 2025, None, ["VC-016"])
    assert [f.id for f in chosen] == ["FAKTA-001", "FAKTA-003", "FAKTA-005"]
    assert [f.id for f in facts.background(database, 2024, 2025, "bvc", ["VC-016"])] == ["FAKTA-005"]
    assert [f.id for f in facts.background(database, 2022, 2023, None, [])] == []


def test_the_facts_of_a_requirement_are_the_ones_that_name_it(db: Database) -> None:
    named = facts.by_requirement(db)
    assert {f.id for f in named["VC-024"]} >= {"FAKTA-011", "FAKTA-029"}
    assert all("VC-024" in f.requirements for f in named["VC-024"])
    assert named["VC-024"] == db.facts_for("VC-024")


# -- charts --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("largest", "top", "step"), [(1, 1, 1), (3, 3, 1), (7, 8, 2), (48, 60, 20), (180, 200, 50)]
)
def test_a_count_axis_ends_on_a_round_number_in_whole_steps(largest: float, top: float, step: float) -> None:
    assert nice_scale(largest) == (top, step)


def test_a_count_chart_describes_every_figure_and_keeps_its_values_inside(db: Database) -> None:
    figures = [
        Figure(label="Familjecentraler som följts upp", value=39, unit="familjecentraler"),
        Figure(label="Avvikelser", value=13, unit="avvikelser"),
    ]
    svg = str(count_chart("x", "Uppföljning", figures))
    described = "Familjecentraler som följts upp: 39 familjecentraler; Avvikelser: 13 avvikelser"
    assert f'<desc id="x-desc">{described}</desc>' in svg
    assert [int(t) for t in re.findall(r'font-size="12"[^>]*>(\d+)</text>', svg)] == [0, 10, 20, 30, 40]
    for x, text in re.findall(r'<text x="([\d.]+)"[^>]*font-weight="bold"[^>]*>([^<]+)</text>', svg):
        assert float(x) + len(text) * CHAR_WIDTH <= WIDTH, text


def test_a_percentage_chart_still_runs_from_0_to_100_percent() -> None:
    svg = str(bar_chart("y", "Andel", [Figure(label="Skåne", value=92, unit="%")]))
    assert re.findall(r'font-size="12"[^>]*>([^<]+)</text>', svg) == ["0 %", "25 %", "50 %", "75 %", "100 %"]


# -- where they are shown ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docs(db: Database, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fakta") / "docs"
    write_markdown(db, REPO, folder)
    return folder


def test_the_facts_page_holds_every_fact_with_its_source(db: Database, docs: Path) -> None:
    page = (docs / urls.FACTS_INDEX).read_text(encoding="utf-8")
    for fact in db.facts.values():
        section = page[page.index(f'<h3 id="{fact.id}">') :]
        section = section[: section.index("</section>")]
        assert fact.sources[0].locator in section, fact.id
        assert ("Återgiven med egna ord" if fact.paraphrased else "Citat ur källan") in section, fact.id


def test_the_follow_up_charts_list_their_numbers_in_text(docs: Path) -> None:
    page = (docs / urls.FACTS_INDEX).read_text(encoding="utf-8")
    chart = page[page.index('id="uppfoljning-vc-diagram-desc"') :]
    assert "Avvikelser: 48 avvikelser" in chart[: chart.index("</desc>")]
    table = page[page.index("<caption>Uppföljning och åtgärder, vårdcentral</caption>") :]
    cell = r'<a href="#FAKTA-001">Avvikelser</a></th><td class="ffu-num"[^>]*>48 avvikelser</td>'
    assert re.search(cell, table)


def test_a_chapter_page_shows_the_facts_beside_the_rule_they_concern(docs: Path) -> None:
    page = (docs / "ffu/2026/vc/vc-kvalitet.md").read_text(encoding="utf-8")
    rule = page[page.index("{ #VC-024 }") : page.index("{ #VC-025 }")]
    assert "Fakta och uppföljning" in rule
    assert (
        '<a href="../../../fakta/index.html#FAKTA-011">Fast läkarkontakt, resultat mot mål 2024</a>' in rule
    )


def test_a_history_page_lists_the_facts_of_each_requirement(docs: Path) -> None:
    page = (docs / urls.history("A-010")).read_text(encoding="utf-8")
    section = page[page.index("{ #A-010 }") : page.index("{ #A-011 }")]
    assert "<dt>Fakta och uppföljning</dt>" in section
    assert "#FAKTA-001" in section and "#FAKTA-002" in section


def test_a_topic_page_lists_the_facts_on_its_topic_and_a_fact_links_the_comparison_it_does_not_repeat(
    docs: Path,
) -> None:
    topic = (docs / urls.comparison_topic("digitala-vardtjanster")).read_text(encoding="utf-8")
    assert "Fakta och uppföljning om digitala vårdtjänster" in topic and "#FAKTA-037" in topic
    page = (docs / urls.FACTS_INDEX).read_text(encoding="utf-8")
    assert '<a href="../omvarld/digitala-vardtjanster.html#OMV-098">OMV-098' in page


# -- the change report ---------------------------------------------------------------------------


def _report_text(db: Database, from_year: int, to_year: int, vardval: str | None, folder: Path) -> str:
    diff = compare(db, from_year, to_year, vardval=vardval)
    path = write_report(db, diff, folder / default_name(diff))
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode()
    return re.sub(r"<[^>]+>", "", re.sub(r"</w:p>", "\n", xml))


def test_the_change_report_gives_the_facts_on_changed_rules_as_background(
    db: Database, tmp_path: Path
) -> None:
    text = _report_text(db, 2024, 2025, None, tmp_path)
    # The last occurrence: the first ones are the table of contents.
    background = text[text.rindex("\nBakgrund: fakta och uppföljning") :]
    background = background[: background.index("\nÄndrade och nya krav")]
    assert "Administrativ uppföljning av tilläggsuppdrag och tillgänglighet, vårdcentral 2024" in background
    assert "gäller VC-015, VC-016" in background
    assert "Källa: Primärvårdsnämnden, delårsredovisning januari–augusti 2024" in background
    # Reviews announced at the 2025 dialogue meeting, for the vårdval in scope only.
    assert "Översyn av skrivningen i Del A – Allmänna avsnitt" in background
    bvc = _report_text(db, 2024, 2025, "bvc", tmp_path)
    assert "Översyn av kravet på antal BHV-sjuksköterskor per enhet" in bvc
    assert "Översyn av kravet på antal barnmorskor per BMM" not in bvc


def test_facts_are_dated_as_the_source_dates_them(db: Database) -> None:
    review = db.facts["FAKTA-030"]
    assert review.period is None
    final = db.facts["FAKTA-041"].period
    assert final is not None and final.start == final.end == dt.date(2028, 8, 30)


def test_a_background_fact_with_like_figures_is_a_native_chart_with_its_numbers_as_alt_text(
    db: Database, tmp_path: Path
) -> None:
    diff = compare(db, 2025, 2026, vardval="psykoterapi")
    path = write_report(db, diff, tmp_path / default_name(diff))
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        xml = archive.read("word/document.xml").decode()
        chart = archive.read("word/charts/chart2.xml").decode()
    assert "word/charts/chart1.xml" in names and "word/charts/chart2.xml" in names
    alt = re.findall(r'descr="([^"]*)"', xml)
    assert any(
        a.startswith("Stapeldiagram. Psykoterapi – aktuell status 2025: behandlare som är psykologer 58 %")
        for a in alt
    )
    assert "<c:v>58</c:v>" in chart or "<c:v>58.0</c:v>" in chart


def test_a_fact_naming_a_requirement_whose_file_is_broken_adds_no_error_of_its_own(
    minimal_project: Path, run_ffu: Any
) -> None:
    # tests/fixtures/minimal has a fact that names VC-001 and OMV-001; both files are now unreadable.
    (minimal_project / "requirements_db/requirements/VC-001.yaml").write_text("id: VC-001\n\tpart: vc\n")
    (minimal_project / "requirements_db/comparisons/OMV-001.yaml").write_text("id: [OMV-001\n")
    result = run_ffu("-C", str(minimal_project), "validate")
    assert result.code == 1
    files = {line.split(":")[0] for line in result.err.splitlines()[:-1]}
    assert files == {"requirements_db/requirements/VC-001.yaml", "requirements_db/comparisons/OMV-001.yaml"}
