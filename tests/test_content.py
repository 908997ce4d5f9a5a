"""The real Hälsoval content: it validates, cites every source, and covers the facts the sources give."""

from __future__ import annotations

import re

import pytest

from generator.database import Database
from generator.markup import document_plain_text, parse
from generator.pipeline import load_database
from generator.timeline import year_view

from .conftest import REPO

SOURCES = REPO / "requirements_db" / "sources"


@pytest.fixture(scope="module")
def db() -> Database:
    return load_database(REPO)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _cited(db: Database) -> dict[str, set[str]]:
    """Seed file → ids of the records that cite it."""
    cited: dict[str, set[str]] = {}
    for req in db.requirements.values():
        for version in req.versions:
            for source in version.sources:
                cited.setdefault(source.seed, set()).add(req.id)
    for comparison in db.comparisons.values():
        for source in comparison.sources:
            cited.setdefault(source.seed, set()).add(comparison.id)
    for meeting in db.meetings.values():
        for question in meeting.questions:
            for source in question.sources:
                cited.setdefault(source.seed, set()).add(f"{meeting.id}#{question.number}")
    return cited


def _record_text(db: Database, record_id: str) -> str:
    if record_id in db.requirements:
        return _flat(" ".join(v.text or "" for v in db.requirements[record_id].versions))
    if record_id in db.comparisons:
        c = db.comparisons[record_id]
        return " ".join([c.rule, *(f"{f.label} {f.value:g} {f.unit}" for f in c.figures)])
    meeting_id, number = record_id.split("#")
    q = next(q for q in db.meetings[meeting_id].questions if q.number == int(number))
    return " ".join([q.question, q.answer or "", q.completed.text if q.completed else ""])


def test_the_real_content_validates(db: Database) -> None:
    assert db.requirements


def test_the_database_has_the_expected_size(db: Database) -> None:
    assert 60 <= len(db.requirements) <= 120
    assert len(db.comparisons) >= 40
    assert len(db.questions()) >= 30


def test_every_source_file_is_registered_stored_and_cited(db: Database) -> None:
    stored = {p.name for p in SOURCES.glob("*.txt")}
    assert set(db.sources) == stored
    assert set(_cited(db)) == stored


def test_every_year_and_all_four_vardval_have_requirements(db: Database) -> None:
    for year in (2024, 2025, 2026):
        for vardval in ("vc", "bvc", "bmm", "psykoterapi"):
            assert year_view(db, year, vardval).entries, (year, vardval)


# The facts the sources' index names, each traced to the record that holds it.
FACTS = [
    ("000", "45 timmars öppettid med undantag sommaren 2026", "VC-001", ["45 timmar", "sommaren 2026"]),
    ("000", "200 barn per BVC-sjuksköterska varav 25 i åldern 0–1 år", "BVC-006", ["200 barn", "25 barn"]),
    ("000", "lättgynekologi ingår i BMM:s basuppdrag", "BMM-006", ["Lättgynekologi ingår i basuppdraget"]),
    (
        "000",
        "godkända metoder för PTSD i psykoterapi",
        "PSY-007",
        ["prolonged exposure", "cognitive processing therapy"],
    ),
    ("000", "åtgärdstrappan och sanktioner utan handlingsplan", "A-010", ["sanktioner"]),
    ("000", "avdrag 200 kronor patientavgift per besök", "VC-023", ["200 kronor"]),
    ("000", "riktmärket 550 listade för ST-läkare", "VC-014", ["550"]),
    ("001", "ersättning för dödsbevis upphör 30 april 2025", "VC-021", ["dödsbevis"]),
    ("001", "tilläggsuppdrag öron-, näsa- och hals från 1 maj 2025", "VC-016", ["öron-, näsa- och hals"]),
    (
        "001",
        "underleverantörer rehabilitering begränsas från 1 juli 2025",
        "VC-008",
        ["fysioterapeut", "arbetsterapeut"],
    ),
    ("001", "distriktssköterska eller specialistsjuksköterska äldre 60 hp", "VC-011", ["60 högskolepoäng"]),
    ("001", "förslag 2026: två läkare, minst 150 %, specialister i allmänmedicin", "VC-012", ["150 %"]),
    (
        "001",
        "förslag 2026: två sjuksköterskor minst 150 % och distriktssköterska minst 50 %",
        "VC-013",
        ["150 %", "50 %"],
    ),
    ("001", "förslag 2026: psykoterapi bara medelsvåra besvär", "PSY-005", ["medelsvår"]),
    ("001", "förslag 2026: minsta antal behandlare", "PSY-008", ["minsta antal behandlare"]),
    ("001", "förslag 2026: gränsdragning mot specialistpsykiatrin", "PSY-006", ["samsjuklighet"]),
    ("001", "60 dagars uppsägning av tilläggsuppdrag", "A-005", ["60 dagar"]),
    ("001", "Barnsäkert kan breddinföras 2026", "BVC-005", ["Barnsäkert"]),
    ("001", "samverkan med tandvården från 2025", "BVC-003", ["tandvården"]),
    ("002", "30 timmars öppettid 2024", "VC-001", ["30 timmar"]),
    ("002", "tillgänglighet kvällar och helger", "VC-009", ["fyra timmar"]),
    ("002", "fast läkarkontakt höjt från 75 till 85 procent", "VC-024", ["85 procent"]),
    ("002", "lättgynekologi tillfört BMM 2024", "BMM-001", ["ättgynekologi"]),
    ("002", "geografisk ersättning 150 000 kr i månaden", "VC-019", ["150 000"]),
    ("002", "etableringsstöd familjecentral 100 000 kr", "BVC-009", ["100 000"]),
    ("002", "etableringsstöd familjecentral 100 000 kr (BMM)", "BMM-005", ["100 000"]),
    ("002", "mål för antibiotikaförskrivning", "VC-026", ["250"]),
    ("003", "ersättning för provtagning 0, 332 och 145 kr", "OMV-074", ["332"]),
    ("003", "statsbidrag psykisk ohälsa till Kronoberg", "OMV-077", ["7,6"]),
    (
        "004",
        "riskjustering i regionernas ersättningsmodeller 2021",
        "OMV-001",
        ["Riskjustering för socioekonomi"],
    ),
]


@pytest.mark.parametrize(("seed", "fact", "record_id", "needles"), FACTS, ids=[f[1] for f in FACTS])
def test_the_fact_is_covered_by_a_record_citing_its_source(
    db: Database, seed: str, fact: str, record_id: str, needles: list[str]
) -> None:
    seed_file = next(name for name in db.sources if name.startswith(seed + "_"))
    assert record_id in _cited(db)[seed_file], f"{record_id} does not cite {seed_file}"
    text = _record_text(db, record_id)
    for needle in needles:
        assert needle.lower() in text.lower(), f"{record_id}: '{needle}' not in text"


def test_the_comparison_topics_of_the_survey_all_have_records(db: Database) -> None:
    topics = {c.topic for c in db.comparisons.values()}
    for topic in (
        "filialer",
        "jour",
        "ersattningsmodeller",
        "digitala-vardtjanster",
        "samverkan-mellan-vardcentraler",
        "kompetensforsorjning",
        "privata-vardgivare",
        "nara-vard",
    ):
        assert topic in topics


def test_the_risk_adjustment_table_is_structured_figures(db: Database) -> None:
    table = db.comparisons["OMV-001"]
    assert table.year_observed == 2021
    assert {f.label: f.value for f in table.figures}["Riskjustering för ålder"] == 95
    assert all(f.unit == "%" for f in table.figures)


def test_both_dialogue_meetings_have_every_question(db: Database) -> None:
    assert [q.number for q in db.meetings["2026-05-07"].questions] == list(range(1, 23))
    assert len(db.meetings["2025-05-06"].questions) >= 8
    completed = db.meetings["2026-05-07"].questions[6].completed
    assert completed is not None and completed.date.isoformat() == "2026-05-12"


def test_a_text_not_marked_as_paraphrased_stands_word_for_word_in_its_source(db: Database) -> None:
    seeds = {p.name: _flat(p.read_text(encoding="utf-8")) for p in SOURCES.glob("*.txt")}
    checked = 0
    for req in db.requirements.values():
        for version in req.versions:
            if version.paraphrased or not version.text:
                continue
            text = _flat(document_plain_text(parse(version.text)[0]))
            assert any(text in seeds[s.seed] for s in version.sources), f"{req.id} {version.year}"
            checked += 1
    # The 2026 meeting's source is itself written in Markdown, so questions and answers compare as written.
    for q in db.meetings["2026-05-07"].questions:
        for text in (q.question, q.answer):
            if text:
                assert _flat(text) in seeds[q.sources[0].seed], f"fråga {q.number}"
                checked += 1
    assert checked > 40


def test_each_source_file_is_the_one_in_shared_seeds_when_present() -> None:
    shared = REPO.parent / "shared" / "seeds"
    for path in SOURCES.glob("*.txt"):
        twin = shared / path.name
        if twin.exists():
            assert twin.read_bytes() == path.read_bytes()
