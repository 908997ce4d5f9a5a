"""The time model: one answer to what binds whom, from when, and whether it is decided.

Properties over the real content and over random databases: the categories between two years
always add up to the two years' sets, proposals never stand in a decided year's text, and the
uncertain cases of the real content are modelled rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.database import Database
from generator.diff import compare
from generator.model import VARDVAL, Chapter, Placement, Requirement, SourceRef, Version, Year
from generator.pipeline import load_database
from generator.synthetic import make_database
from generator.timeline import (
    IN_TARGET,
    current_year,
    moment,
    movements,
    year_status,
    year_view,
)

from .conftest import REPO

SCOPES: tuple[str | None, ...] = (None, *VARDVAL)


@pytest.fixture(scope="module")
def real() -> Database:
    return load_database(REPO)


def _pairs(db: Database) -> list[tuple[int, int]]:
    return list(pairwise(db.year_numbers()))


def assert_reconciles(db: Database) -> None:
    """Last year's set + new + first documented − removed = this year's set, for every scope."""
    for from_year, to_year in _pairs(db):
        for vardval in SCOPES:
            old = {s.id for s in year_view(db, from_year, vardval).entries}
            new = {s.id for s in year_view(db, to_year, vardval).entries}
            diff = compare(db, from_year, to_year, vardval=vardval)
            counts = diff.counts()
            where = (from_year, to_year, vardval)
            assert len(old) + counts["ny"] + counts["först dokumenterad"] - counts["utgår"] == len(new), where
            assert sum(counts[c] for c in IN_TARGET) == len(new), where
            assert {c.id for c in diff.changes if c.old is not None} == old, where
            assert {c.id for c in diff.changes if c.new is not None} == new, where
            assert diff.reconciles(), where
            # The target year's own view counts the same categories.
            view_counts = year_view(db, to_year, vardval).counts()
            assert {k: view_counts[k] for k in IN_TARGET} == {k: counts[k] for k in IN_TARGET}, where


def test_counts_reconcile_for_every_vardval_and_year_pair_of_the_real_content(real: Database) -> None:
    assert_reconciles(real)


def test_the_seven_requirements_first_seen_in_2026_are_first_documented_not_unchanged(real: Database) -> None:
    # The review found, VC-014, VC-023 and VC-025 on the 2026 VC pages but not in
    # 2025, while the change report called them unchanged.
    diff = compare(real, 2025, 2026, vardval="vc")
    first = {c.id for c in diff.changes if c.kind == "först dokumenterad"}
    assert {"A-006", "A-011", "VC-014", "VC-023", "VC-025"} <= first
    assert all(c.old is None for c in diff.changes if c.id in first)


def test_del_a_has_its_own_counts_that_reconcile(real: Database) -> None:
    diff = compare(real, 2025, 2026)
    del_a = [c for c in diff.changes if c.requirement.part == "a" and c.kind == "först dokumenterad"]
    assert {c.id for c in del_a} == {"A-006", "A-011"}


def test_a_rule_the_sources_confirm_only_for_2024_is_flagged_in_2026(real: Database) -> None:
    view = year_view(real, 2026, "vc")
    covid = next(s for s in view.entries if s.id == "VC-022")
    assert covid.unconfirmed and covid.last_confirmed == 2024 and covid.category == "obekräftad"
    hours = next(s for s in view.entries if s.id == "VC-001")
    assert not hours.unconfirmed and hours.last_confirmed == 2026


def test_a_decided_year_holds_no_undecided_text(real: Database) -> None:
    for year in real.year_numbers():
        for vardval in SCOPES:
            view = year_view(real, year, vardval)
            if view.open:
                continue
            assert all(s.version.status == "beslutad" for s in view.document), (year, vardval)
            assert all(p.version.status == "förslag" for p in view.proposals)
            assert not {s.id for s in view.entries} & {p.id for p in view.proposals if p.kind == "ny"}


def test_the_2026_proposals_stand_apart_from_the_2026_text(real: Database) -> None:
    view = year_view(real, 2026, "vc")
    assert {p.id for p in view.proposals} == {"VC-012", "VC-013"}
    assert not {"VC-012", "VC-013"} & {s.id for s in view.entries}


def test_a_start_date_the_source_does_not_give_is_unknown_not_1_january(real: Database) -> None:
    view = year_view(real, 2025, "bvc")
    for rid in ("BVC-008", "BVC-010"):
        standing = next(s for s in view.entries if s.id == rid)
        assert standing.start is None, rid


def test_a_proposal_that_names_no_year_says_so(real: Database) -> None:
    proposal = next(p for p in year_view(real, 2026, "bvc").proposals if p.id == "BVC-007")
    assert not proposal.version.year_stated


def test_an_older_year_was_replaced_by_the_next_year_not_by_todays(real: Database) -> None:
    status = year_status(real, 2024, dt.date(2026, 11, 30))
    assert (status.state, status.replaced_by, status.current) == ("ersatt", 2025, 2026)


def test_a_decided_year_that_has_not_begun_is_coming_not_in_force(real: Database) -> None:
    decided_2027 = _with_year(real, Year(year=2027, status="beslutad"))
    assert year_status(decided_2027, 2027, dt.date(2026, 12, 20)).state == "kommande"
    assert year_status(decided_2027, 2026, dt.date(2026, 12, 20)).state == "gällande"
    assert current_year(decided_2027, dt.date(2027, 1, 1)) == 2027


def test_on_a_day_the_version_in_force_and_the_one_decided_for_later_are_told_apart(
    real: Database,
) -> None:
    hours = real.requirements["VC-001"]
    before = moment(real, hours, dt.date(2025, 6, 1))
    assert before.state == "gällande" and before.version is not None and before.version.year == 2024
    assert before.upcoming is not None and before.upcoming.year == 2025
    after = moment(real, hours, dt.date(2025, 9, 1))
    assert after.version is not None and after.version.year == 2025


def test_a_day_before_a_rule_was_first_documented_is_not_claimed(real: Database) -> None:
    deduction = real.requirements["VC-023"]
    earlier = moment(real, deduction, dt.date(2025, 3, 1))
    assert earlier.state is None and earlier.before_documented == 2026


def test_an_ended_requirement_is_utgatt_after_its_last_day(real: Database) -> None:
    certificates = real.requirements["VC-021"]
    assert moment(real, certificates, dt.date(2025, 4, 30)).state == "gällande"
    assert moment(real, certificates, dt.date(2025, 5, 1)).state == "utgått"


def _with_year(db: Database, extra: Year) -> Database:
    return Database.build(
        requirements=list(db.requirements.values()),
        comparisons=list(db.comparisons.values()),
        meetings=list(db.meetings.values()),
        topics=list(db.topics.values()),
        chapters=list(db.chapters.values()),
        years=[*db.years.values(), extra],
        sources=list(db.sources.values()),
        paths=db.paths,
    )


# -- random databases ------------------------------------------------------------------------

SOURCE = (SourceRef(seed="000_0000000000000000.txt", locator="Slump"),)
YEARS = (2024, 2025, 2026, 2027)
TEXTS = ("Text ett.", "Text två.", "Text tre.")


@st.composite
def requirement_strategy(draw: st.DrawFn, number: int) -> Requirement:
    part = draw(st.sampled_from(("a", *VARDVAL)))
    prefix = {"a": "A", "vc": "VC", "bvc": "BVC", "bmm": "BMM", "psykoterapi": "PSY"}[part]
    years = sorted(draw(st.sets(st.sampled_from(YEARS), min_size=1, max_size=4)))
    versions = []
    for index, year in enumerate(years):
        first = index == 0
        change = draw(
            st.sampled_from(("ny", "oförändrad", "ändrad") if first else ("ändrad", "oförändrad", "utgår"))
        )
        removed = change == "utgår"
        scope = None
        if part == "a" and draw(st.booleans()):
            scope = tuple(sorted(draw(st.sets(st.sampled_from(VARDVAL), min_size=2, max_size=4))))
        month = draw(st.sampled_from((1, 1, 5, 9)))
        versions.append(
            Version(
                year=year,
                effective=dt.date(year, month, 1) if month != 1 else None,
                change=change,
                status=draw(st.sampled_from(("beslutad", "förslag"))),
                placement=None
                if removed
                else Placement(chapter=f"{part}-kap", section=f"1.{number % 90 + 1}", heading="Rubrik"),
                text=None if removed else draw(st.sampled_from(TEXTS)),
                vardval=scope,
                sources=SOURCE,
            )
        )
    return Requirement(
        id=f"{prefix}-{number:03d}",
        part=part,
        vardval=VARDVAL if part == "a" else (part,),
        kind="basuppdrag",
        level="ska",
        versions=tuple(versions),
    )


@st.composite
def database_strategy(draw: st.DrawFn) -> Database:
    count = draw(st.integers(min_value=1, max_value=25))
    requirements = [draw(requirement_strategy(n)) for n in range(1, count + 1)]
    decided_until = draw(st.sampled_from(YEARS))
    years = [Year(year=y, status="beslutad" if y <= decided_until else "förslag") for y in YEARS]
    # A decided version in an open year is refused by validation; keep the databases valid.
    open_years = {y.year for y in years if y.status == "förslag"}
    requirements = [
        r.model_copy(
            update={
                "versions": tuple(
                    v.model_copy(update={"status": "förslag"}) if v.year in open_years else v
                    for v in r.versions
                )
            }
        )
        for r in requirements
    ]
    return Database.build(
        requirements=requirements,
        comparisons=[],
        meetings=[],
        topics=[],
        chapters=[Chapter(id=f"{p}-kap", part=p, title="Kapitel") for p in ("a", *VARDVAL)],
        years=years,
        sources=[],
        paths={},
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(database_strategy())
def test_counts_reconcile_for_random_databases(db: Database) -> None:
    assert_reconciles(db)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(database_strategy())
def test_a_decided_years_text_never_holds_a_proposal_in_random_databases(db: Database) -> None:
    for year in db.year_numbers():
        view = year_view(db, year)
        if not view.open:
            assert all(s.version.status == "beslutad" for s in view.document)
            proposed = {p.id for p in view.proposals}
            assert all(r.version_in(year) is not None for r in db.requirements.values() if r.id in proposed)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(database_strategy())
def test_every_movement_is_in_one_of_the_two_years(db: Database) -> None:
    for from_year, to_year in _pairs(db):
        for m in movements(db, from_year, to_year):
            assert m.old is not None or m.new is not None
            assert (m.category == "utgår") == (m.new is None)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counts_reconcile_for_synthetic_corpora(seed: int) -> None:
    assert_reconciles(make_database(n_requirements=150, n_comparisons=0, n_questions=0, seed=seed))


def test_the_real_content_builds_from_its_own_register(tmp_path: Path) -> None:
    # The real years are all decided: a year view never calls itself a proposal.
    db = load_database(REPO)
    assert not any(year_view(db, y).open for y in db.year_numbers())
