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
    for fact in db.facts.values():
        for source in fact.sources:
            cited.setdefault(source.seed, set()).add(fact.id)
    return cited


def _record_text(db: Database, record_id: str) -> str:
    if record_id in db.requirements:
        return _flat(" ".join(v.text or "" for v in db.requirements[record_id].versions))
    if record_id in db.comparisons:
        c = db.comparisons[record_id]
        return " ".join([c.rule, *(f"{f.label} {f.value:g} {f.unit}" for f in c.figures)])
    if record_id in db.facts:
        fact = db.facts[record_id]
        period = fact.period.label if fact.period else ""
        return _flat(
            " ".join(
                [fact.title, period, fact.text, *(f"{f.label} {f.value:g} {f.unit}" for f in fact.figures)]
            )
        )
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
    # What the sources say around the rules: follow-up and sanctions, results, status, reviews, audits.
    (
        "002",
        "VC 2024: 23 följda upp, 48 avvikelser, 10 handlingsplaner",
        "FAKTA-001",
        ["23 vårdcentraler", "48"],
    ),
    ("002", "VC 2024: vite och erinran för två enheter vardera", "FAKTA-001", ["vite", "erinran"]),
    ("002", "VC 2024: två oannonserade platsbesök", "FAKTA-001", ["oannonserade platsbesök"]),
    ("002", "VC 2024: ett hävt avtal och ekonomiska sanktioner mot sex", "FAKTA-002", ["hävdes", "sex"]),
    ("002", "VC 2024: fem verifikationsmöten före driftsstart", "FAKTA-003", ["Fem verifikationsmöten"]),
    ("002", "VC 2024: logotyp och marknadsföring, fem avvikelser", "FAKTA-004", ["Fem avvikelser"]),
    ("002", "VC 2024: uppföljning av tilläggsuppdragen 17, 5, 29 enheter", "FAKTA-042", ["17", "29"]),
    ("002", "BVC 2024: ingen löpande uppföljning, en handlingsplan", "FAKTA-005", ["Ingen allmän löpande"]),
    ("002", "BVC 2024: sommarkontroll, 13 avvikelser med återkrav", "FAKTA-006", ["13", "återkrav"]),
    ("002", "BMM 2024: verifikationsbesök på fem nya enheter", "FAKTA-007", ["verifikationsbesök", "Fyra"]),
    ("002", "BMM 2024: ekonomisk sanktion mot en enhet", "FAKTA-008", ["ekonomisk sanktion"]),
    ("002", "BMM 2024: sommarkontroll, elva avvikelser", "FAKTA-009", ["elva avvikelser"]),
    ("002", "psykoterapi 2024: fyra handlingsplaner, en fördjupad granskning", "FAKTA-010", ["fördjupad"]),
    ("002", "fast läkarkontakt 75 procent mot målet 85", "FAKTA-011", ["januari till juni var 75 procent"]),
    ("002", "telefontillgänglighet 92 procent, riket 87, mål 100", "FAKTA-012", ["92", "87", "100"]),
    ("002", "medicinsk bedömning inom tre dagar, Skåne 87 mot riket 91", "FAKTA-013", ["87", "91"]),
    ("002", "302 antibiotikarecept per 1 000 invånare", "FAKTA-014", ["302"]),
    ("002", "12 vårdcentraler (7 %) når antibiotikamålet, 154 (88 %) UVI-målet", "FAKTA-015", ["12", "154"]),
    ("002", "riktade hälsosamtal: 17 utan, 27 med färre än tio", "FAKTA-016", ["Sjutton", "27"]),
    ("002", "178 vårdcentraler augusti 2024, 82 egen regi, 96 privat", "FAKTA-017", ["178", "82", "96"]),
    ("001", "antalet vårdcentraler 2017–maj 2025", "FAKTA-018", ["151", "176", "180"]),
    ("002", "läkarbesök och hembesök januari–juli 2024", "FAKTA-019", ["511 115", "39 857"]),
    ("002", "147 BVC augusti 2024, 79 egen regi", "FAKTA-020", ["147", "79"]),
    ("001", "BVC maj 2025: sju uppsagda, fem blir filialer 2026", "FAKTA-021", ["Sju", "filialer"]),
    ("002", "77 BMM augusti 2024, 20 egen regi", "FAKTA-022", ["77", "20"]),
    ("001", "75 BMM maj 2024, 20 egen regi, 55 privata", "FAKTA-023", ["75", "55"]),
    ("002", "235 psykoterapimottagningar augusti 2024", "FAKTA-024", ["235"]),
    ("001", "psykoterapins behandlingsprofil", "FAKTA-025", ["500 behandlare", "ångesttillstånd", "KBT"]),
    ("002", "39 familjecentraler i 23 kommuner", "FAKTA-026", ["39", "23 kommuner"]),
    ("002", "utbetald geografisk ersättning 36,2 Mkr", "FAKTA-027", ["31", "36,2"]),
    ("002", "ekonomiskt utfall per vårdval", "FAKTA-028", ["4 646", "26,9"]),
    ("001", "avsnitt som kan komma att förändras 2026", "FAKTA-029", ["Kronisk sjukdom", "Vaccinationer"]),
    ("001", "översyn av antal barnmorskor per BMM", "FAKTA-030", ["antal barnmorskor"]),
    ("001", "översyn av antal BHV-sjuksköterskor per enhet", "FAKTA-031", ["BHV-sjuksköterskor"]),
    ("001", "riktlinjen för anemiscreening revideras hösten 2025", "FAKTA-032", ["anemiscreening", "hösten"]),
    ("001", "översyn av regelverket för utåtriktad verksamhet", "FAKTA-033", ["utåtriktad"]),
    ("001", "uppföljning av ersättningsmodellen för BMM", "FAKTA-034", ["Ersättningsmodellen"]),
    ("001", "översyn av skrivningen i Del A", "FAKTA-035", ["Del A"]),
    ("001", "strategisk plan för psykisk hälsa och genomlysning", "FAKTA-036", ["genomlysning"]),
    ("002", "covid-19-vaccinationer ersatta med 12,6 Mkr", "FAKTA-027", ["12,6"]),
    ("002", "vårdgivarna i psykoterapi på 1177.se med väntetider", "FAKTA-043", ["väntetid"]),
    ("002", "pilot med två äldrecentraler", "FAKTA-044", ["äldrecentral"]),
    ("002", "97 procent av gravida tillfrågas om våld", "FAKTA-045", ["97 procent"]),
    ("002", "HPV-vaccinstudien på barnmorskemottagningarna", "FAKTA-046", ["14 000", "70"]),
    ("002", "2759 läkemedelsgenomgångar januari–juli 2024", "FAKTA-047", ["2759"]),
    ("002", "mål för olämpliga läkemedel till äldre", "FAKTA-048", ["20 000 DDD"]),
    ("001", "välfärdsbrottslighet: tipsfunktion och samverkan", "FAKTA-049", ["tipsa@skane.se"]),
    (
        "002",
        "digital tidbokning på vårdcentral och BVC",
        "FAKTA-050",
        ["ordinerad provtagning", "18 månaders"],
    ),
    ("003", "extern granskning av en digital vårdgivare (Sirona)", "FAKTA-037", ["607", "Sirona"]),
    ("003", "resultattabellen: 4 % kvalificerad sjukvård, 1 % ersättningsbart", "FAKTA-037", ["23 (4 %)"]),
    ("003", "Kronobergs grupper av granskade digitala vårdgivare", "FAKTA-038", ["Fördjupad granskning"]),
    ("003", "Sörmlands granskning av Kry och doktor.se", "OMV-098", ["Kry", "243"]),
    ("003", "samlad bedömning vid avtalsgränser (Dione)", "FAKTA-039", ["samlad bedömning"]),
    ("003", "SKR:s förslag till kriterier för ersättningsberättigade kontakter", "FAKTA-040", ["SKR"]),
    ("003", "slutredovisning senast 30 augusti 2028 (prop. 2025/26:19)", "FAKTA-041", ["30 augusti 2028"]),
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


def test_a_fact_not_marked_as_paraphrased_stands_word_for_word_in_its_source(db: Database) -> None:
    seeds = {p.name: _flat(p.read_text(encoding="utf-8")) for p in SOURCES.glob("*.txt")}
    quoted = [f for f in db.facts.values() if not f.paraphrased]
    for fact in quoted:
        text = _flat(document_plain_text(parse(fact.text)[0]))
        assert any(text in seeds[s.seed] for s in fact.sources), fact.id
    assert len(quoted) >= 10


# Small numbers the sources write out in words.
NUMBER_WORDS = {
    1: ("en", "ett"),
    2: ("två",),
    3: ("tre",),
    4: ("fyra",),
    5: ("fem",),
    6: ("sex",),
    7: ("sju",),
    10: ("tio",),
    11: ("elva",),
    17: ("sjutton",),
}


def test_every_figure_of_a_quoted_fact_appears_in_its_text(db: Database) -> None:
    """A quotation carries its own numbers: a figure beside it that the quote lacks would say more."""
    for fact in db.facts.values():
        if fact.paraphrased:
            continue
        text = _flat(document_plain_text(parse(fact.text)[0])).lower()
        # "1 419 753" is one number; the trailing comma or full stop of a sentence is not part of it.
        text = re.sub(r"(?<=\d) (?=\d{3}\b)", "", text)
        words = {w.rstrip(",") for w in re.findall(r"[\w,]+", text)}
        for figure in fact.figures:
            number = f"{figure.value:g}".replace(".", ",")
            spelled = NUMBER_WORDS.get(int(figure.value), ()) if figure.value.is_integer() else ()
            assert number in words or words.intersection(spelled), f"{fact.id}: {figure.label} {number}"


def test_each_kind_of_fact_the_issue_names_is_present(db: Database) -> None:
    kinds = {f.kind for f in db.facts.values()}
    assert kinds == {"uppföljning", "status", "planerad översyn", "granskning"}
    followed_up = {v for f in db.facts.values() if f.kind == "uppföljning" for v in f.vardval}
    assert followed_up == {"vc", "bvc", "bmm", "psykoterapi"}


def test_each_source_file_is_the_one_in_shared_seeds_when_present() -> None:
    shared = REPO.parent / "shared" / "seeds"
    for path in SOURCES.glob("*.txt"):
        twin = shared / path.name
        if twin.exists():
            assert twin.read_bytes() == path.read_bytes()


def test_every_web_address_in_the_database_is_spelled_as_in_a_source() -> None:
    # The whistle-blowing page is linked in two spellings (kontaktaoss, kontakta-oss): both are
    # the source's own, in two different answers, so neither is corrected here.
    sources = " ".join(
        p.read_text(encoding="utf-8") for p in (REPO / "requirements_db" / "sources").glob("*.txt")
    )
    records = [
        p.read_text(encoding="utf-8")
        for folder in ("requirements", "comparisons", "meetings")
        for p in (REPO / "requirements_db" / folder).glob("*.yaml")
    ]
    addresses = {a for text in records for a in re.findall(r"https?://[^\s<>)\"']+", text)}
    assert addresses
    assert sorted(a for a in addresses if a not in sources) == []
    assert {
        "https://www.skane.se/kontaktaoss/visselblasfunktion/",
        "https://www.skane.se/kontakta-oss/visselblasfunktion/",
    } <= addresses
