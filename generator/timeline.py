"""What binds whom, from when: the one answer every output takes.

For a vårdval (or every vårdval) and an FFU year, `year_view` says which requirements the
year's förfrågningsunderlag holds and in what state; `compare_years` says how two years
differ, in categories that always add up; `moment` answers the same question for one day.
No renderer decides status, counts or dates by itself: they all read these objects.

The states:
- gällande: decided, and in force (in a year view: at the year's end, or until it ends);
- kommande: decided, but takes effect after the day asked about;
- förslag: proposed and not decided;
- utgått: decided to end, and ended.

What the sources do not establish is modelled rather than guessed: a requirement first
documented in a later year than it came into force (`first_documented`), a text whose
latest source is for an earlier year (`last_confirmed`), a version whose start date the
source does not give (`Version.effective_unknown`), and a proposal that names no year
(`Version.year_stated`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from .database import Database
from .markup import comparable_text
from .model import PARTS, DecisionRef, Requirement, Version

State = Literal["gällande", "kommande", "förslag", "utgått"]
# How a requirement in one year's FFU relates to the year before. The first five partition
# this year's set; 'utgår' is what left last year's. So last year + ny + först dokumenterad
# − utgår = this year, and this year = ny + först dokumenterad + ändrad + oförändrad + obekräftad.
Category = Literal["ny", "först dokumenterad", "ändrad", "oförändrad", "obekräftad", "utgår"]
CATEGORIES: tuple[Category, ...] = ("ny", "först dokumenterad", "ändrad", "utgår", "oförändrad", "obekräftad")
IN_TARGET: tuple[Category, ...] = ("ny", "först dokumenterad", "ändrad", "oförändrad", "obekräftad")
UNCHANGED: tuple[Category, ...] = ("oförändrad", "obekräftad")


def scope(requirement: Requirement, version: Version) -> tuple[str, ...]:
    """The vårdval a version applies to: its own list, or else the requirement's."""
    return tuple(version.vardval) if version.vardval is not None else tuple(requirement.vardval)


def is_open(db: Database, year: int) -> bool:
    """Whether the year's FFU is still a proposal (not decided)."""
    record = db.years.get(year)
    return record is None or record.status != "beslutad"


def body_version(db: Database, requirement: Requirement, year: int) -> Version | None:
    """The version that the FFU of `year` holds at the year's end, or None.

    A decided year holds decided versions only; its undecided proposals stand apart. An open
    year holds the decided versions carried forward and its own proposals: it is the proposed FFU.
    Proposals of earlier years that were never decided are not carried forward.
    """
    open_year = is_open(db, year)
    current: Version | None = None
    for version in requirement.versions:
        if version.year > year:
            break
        if version.status == "beslutad" or (open_year and version.year == year):
            current = version
    if current is None or current.change == "utgår":
        return None
    return current


def _applies(requirement: Requirement, version: Version | None, vardval: str | None) -> bool:
    return version is not None and (vardval is None or vardval in scope(requirement, version))


def first_documented(requirement: Requirement) -> int | None:
    """The year of the first version when it says the requirement was in force before it.

    A first version recorded as 'oförändrad' or 'ändrad' means the source shows a rule already
    in force, without saying since when: the requirement is not new that year.
    """
    first = requirement.versions[0]
    return first.year if first.change in ("oförändrad", "ändrad") else None


@dataclass(frozen=True)
class Standing:
    """A requirement as one FFU year holds it for one vårdval (or for all)."""

    requirement: Requirement
    version: Version  # the text that applies: at the year's end, or until `until`
    state: State  # gällande (decided) or förslag (in an open year's proposed FFU)
    category: Category  # against the year before, for the same vårdval
    # The text that applied to the vårdval earlier in the year, when this version starts mid-year.
    earlier: Version | None = None
    # When the requirement stops applying to the vårdval during the year: its last day and why.
    until: dt.date | None = None
    ended_by: Version | None = None
    first_documented: int | None = None
    last_confirmed: int = 0  # the latest FFU year whose source documents this text
    year: int = 0

    @property
    def id(self) -> str:
        return self.requirement.id

    @property
    def scope(self) -> tuple[str, ...]:
        return scope(self.requirement, self.version)

    @property
    def start(self) -> dt.date | None:
        """The day this version starts applying, or None when the source does not give it."""
        return None if self.version.effective_unknown else self.version.effective_date()

    @property
    def starts_this_year(self) -> bool:
        return self.version.year == self.year

    @property
    def mid_year(self) -> bool:
        """Whether this version starts during the year (its text before then is `earlier`)."""
        return self.starts_this_year and self.version.is_mid_year()

    @property
    def ending(self) -> bool:
        return self.until is not None

    @property
    def unconfirmed(self) -> bool:
        """Whether no source documents this text for the year: it is carried forward."""
        return self.last_confirmed < self.year

    @property
    def marker(self) -> str | None:
        """'Nytt ÅR' or 'Ändrat ÅR' when the requirement differs from the year before."""
        if self.category == "ny":
            return f"Nytt {self.year}"
        if self.category == "ändrad":
            return f"Ändrat {self.year}"
        return None


@dataclass(frozen=True)
class Proposal:
    """An undecided version of a decided year: it stands apart from what is in force."""

    requirement: Requirement
    version: Version
    current: Version | None  # the decided text it would change, for the same vårdval
    kind: Literal["ny", "ändrad", "utgår", "oförändrad"]
    # A proposal to change a rule already in force whose current wording the sources do not give.
    earlier_unknown: bool = False

    @property
    def id(self) -> str:
        return self.requirement.id

    @property
    def scope(self) -> tuple[str, ...]:
        return scope(self.requirement, self.version)


@dataclass(frozen=True)
class YearView:
    """One year's FFU for one vårdval (or for every vårdval when `vardval` is None)."""

    year: int
    vardval: str | None
    open: bool  # the year's FFU is a proposal
    decision: DecisionRef | None
    entries: tuple[Standing, ...]  # in force at the year's end (or proposed, in an open year)
    ending: tuple[Standing, ...]  # applied during the year and stop applying in it
    proposals: tuple[Proposal, ...]  # undecided proposals apart from the text (decided years)
    previous_year: int | None

    @property
    def document(self) -> tuple[Standing, ...]:
        """What the year's text shows, in document order: the entries and those that end."""
        return tuple(sorted((*self.entries, *self.ending), key=standing_order))

    def counts(self) -> Counter[str]:
        """How many of this year's requirements fall in each category against the year before."""
        return Counter(s.category for s in self.entries)

    @property
    def unconfirmed(self) -> tuple[Standing, ...]:
        return tuple(s for s in self.entries if s.unconfirmed)

    @property
    def first_documented(self) -> tuple[Standing, ...]:
        return tuple(s for s in self.entries if s.category == "först dokumenterad")

    def ids(self) -> list[str]:
        """Every requirement the view shows, text and proposals: a cache key is made of these."""
        return sorted({s.id for s in self.document} | {p.id for p in self.proposals})


def standing_order(item: Standing | Proposal) -> tuple[int, tuple[int, ...], str]:
    """Document order: Del A first, then by section number, then by id."""
    placement = item.version.placement
    if placement is None and isinstance(item, Proposal) and item.current is not None:
        placement = item.current.placement
    key = placement.sort_key() if placement else (999,)
    return PARTS.index(item.requirement.part), key, item.requirement.id


def _last_confirmed(requirement: Requirement, version: Version, year: int) -> int:
    """The latest FFU year up to `year` for which a decided version documents the same text."""
    confirmed = version.year
    for later in requirement.versions:
        if version.year < later.year <= year and later.status == "beslutad" and later.text == version.text:
            confirmed = later.year
    return confirmed


def _category(
    db: Database, requirement: Requirement, year: int, vardval: str | None, version: Version
) -> Category:
    previous = _previous_year(db, year)
    before = body_version(db, requirement, previous) if previous is not None else None
    if not _applies(requirement, before, vardval):
        documented = first_documented(requirement)
        if documented is not None and requirement.versions[0] is version:
            return "först dokumenterad"
        return "ny"
    assert before is not None
    if comparable_text(before.text) != comparable_text(version.text):
        return "ändrad"
    return "oförändrad" if _last_confirmed(requirement, version, year) >= year else "obekräftad"


def _previous_year(db: Database, year: int) -> int | None:
    earlier = [y for y in db.years if y < year]
    return earlier[-1] if earlier else None


def _earlier_text(requirement: Requirement, version: Version, vardval: str | None) -> Version | None:
    """The decided text that applied to the vårdval before a version starting mid-year."""
    if not version.is_mid_year():
        return None
    earlier: Version | None = None
    for candidate in requirement.versions:
        if candidate.year >= version.year:
            break
        if candidate.status == "beslutad":
            earlier = candidate
    if earlier is None or earlier.change == "utgår" or not _applies(requirement, earlier, vardval):
        return None
    return earlier


def _standing(db: Database, requirement: Requirement, year: int, vardval: str | None) -> Standing | None:
    version = body_version(db, requirement, year)
    if not _applies(requirement, version, vardval):
        return None
    assert version is not None
    earlier = _earlier_text(requirement, version, vardval) if version.year == year else None
    return Standing(
        requirement=requirement,
        version=version,
        state="förslag" if version.status == "förslag" else "gällande",
        category=_category(db, requirement, year, vardval, version),
        earlier=earlier,
        first_documented=first_documented(requirement),
        last_confirmed=_last_confirmed(requirement, version, year),
        year=year,
    )


def _ending(db: Database, requirement: Requirement, year: int, vardval: str | None) -> Standing | None:
    """A requirement that applied to the vårdval at the start of `year` and stops during it."""
    previous = _previous_year(db, year)
    before = body_version(db, requirement, previous) if previous is not None else None
    if not _applies(requirement, before, vardval):
        return None
    assert before is not None
    change = next((v for v in requirement.versions if v.year == year), None)
    if change is None or not change.is_mid_year():
        return None
    if change.status == "förslag" and not is_open(db, year):
        return None
    if change.change != "utgår" and _applies(requirement, change, vardval):
        return None
    return Standing(
        requirement=requirement,
        version=before,
        state="gällande",
        category="utgår",
        until=change.effective_date() - dt.timedelta(days=1),
        ended_by=change,
        first_documented=first_documented(requirement),
        last_confirmed=_last_confirmed(requirement, before, year),
        year=year,
    )


def _proposals(db: Database, requirement: Requirement, year: int, vardval: str | None) -> Proposal | None:
    if is_open(db, year):
        return None  # an open year's proposals are its text
    version = next((v for v in requirement.versions if v.year == year and v.status == "förslag"), None)
    if version is None:
        return None
    current = body_version(db, requirement, year)
    if not (_applies(requirement, version, vardval) or _applies(requirement, current, vardval)):
        return None
    if current is not None and not _applies(requirement, current, vardval):
        current = None
    if version.change == "utgår" and current is None:
        return None  # a proposal to remove what is not in force changes nothing
    if version.change == "utgår":
        kind: Literal["ny", "ändrad", "utgår", "oförändrad"] = "utgår"
    elif current is None:
        unknown = version.change != "ny" and requirement.versions[0] is version
        return Proposal(requirement, version, None, "ändrad" if unknown else "ny", earlier_unknown=unknown)
    elif comparable_text(current.text) != comparable_text(version.text):
        kind = "ändrad"
    else:
        kind = "oförändrad"
    return Proposal(requirement, version, current, kind)


def year_view(db: Database, year: int, vardval: str | None = None) -> YearView:
    """The FFU of `year` for `vardval` (None: every vårdval)."""
    entries, ending, proposals = [], [], []
    for requirement in db.requirements.values():
        if (standing := _standing(db, requirement, year, vardval)) is not None:
            entries.append(standing)
        elif (ends := _ending(db, requirement, year, vardval)) is not None:
            ending.append(ends)
        if (proposal := _proposals(db, requirement, year, vardval)) is not None:
            proposals.append(proposal)
    record = db.years.get(year)
    return YearView(
        year=year,
        vardval=vardval,
        open=is_open(db, year),
        decision=record.decision if record else None,
        entries=tuple(sorted(entries, key=standing_order)),
        ending=tuple(sorted(ending, key=standing_order)),
        proposals=tuple(sorted(proposals, key=standing_order)),
        previous_year=_previous_year(db, year),
    )


# -- the site's "now" --------------------------------------------------------------------------


def current_year(db: Database, today: dt.date) -> int | None:
    """The FFU in force on `today`: the latest decided year that has begun."""
    begun = [y for y, r in db.years.items() if r.status == "beslutad" and y <= today.year]
    return max(begun) if begun else None


@dataclass(frozen=True)
class YearStatus:
    """What a year's FFU is on a given day: in force, replaced, decided for later, or proposed."""

    year: int
    state: Literal["gällande", "ersatt", "kommande", "förslag"]
    replaced_by: int | None  # the year that replaced it, for a replaced year
    current: int | None  # the year in force that day
    decision: DecisionRef | None


def year_status(db: Database, year: int, today: dt.date) -> YearStatus:
    current = current_year(db, today)
    record = db.years.get(year)
    decision = record.decision if record else None
    if is_open(db, year):
        return YearStatus(year, "förslag", None, current, decision)
    if current is not None and year < current:
        replaced_by = min(y for y in db.years if y > year)
        return YearStatus(year, "ersatt", replaced_by, current, decision)
    if current is not None and year == current:
        return YearStatus(year, "gällande", None, current, decision)
    return YearStatus(year, "kommande", None, current, decision)


# -- one day -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Moment:
    """What applied to a requirement on one day, and what was decided or proposed beyond it."""

    date: dt.date
    state: State | None  # None: the sources do not show the requirement on that day
    version: Version | None  # the decided version in force (or the one that ended it)
    upcoming: Version | None  # a decided version taking effect later
    proposals: tuple[Version, ...] = field(default=())
    start_unknown: bool = False  # the version in force has no start date in its source
    before_documented: int | None = None  # the day is before the first documented year
    # The version in force is the first documented one, and applied already before its year.
    documented_late: bool = False


def moment(db: Database, requirement: Requirement, day: dt.date, vardval: str | None = None) -> Moment:
    """What applied to `requirement` (for `vardval`, if given) on `day`."""
    decided = [v for v in requirement.versions if v.status == "beslutad" and not is_open(db, v.year)]
    started = [v for v in decided if v.effective_date() <= day]
    later = [v for v in decided if v.effective_date() > day]
    proposals = tuple(v for v in requirement.versions if v.status == "förslag" and v.year >= day.year)
    upcoming = later[0] if later else None
    current = started[-1] if started else None
    if current is None:
        documented = first_documented(requirement)
        if documented is not None and upcoming is not None and upcoming is requirement.versions[0]:
            return Moment(day, None, None, upcoming, proposals, before_documented=documented)
        state: State | None = "kommande" if upcoming else ("förslag" if proposals else None)
        return Moment(day, state, None, upcoming, proposals)
    if current.change == "utgår":
        return Moment(day, "utgått", current, upcoming, proposals)
    if vardval is not None and vardval not in scope(requirement, current):
        return Moment(day, None, current, upcoming, proposals)
    unknown = current.effective_unknown and current.year == day.year
    late = first_documented(requirement) is not None and current is requirement.versions[0]
    return Moment(day, "gällande", current, upcoming, proposals, start_unknown=unknown, documented_late=late)


# -- two years ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Movement:
    """How one requirement moves between two years' FFUs for one vårdval (or all)."""

    requirement: Requirement
    category: Category
    old: Version | None
    new: Version | None
    old_scope: tuple[str, ...]
    new_scope: tuple[str, ...]
    # The version recorded in the target year (carrying motivation, decision and date), if any.
    recorded: Version | None
    status: Literal["beslutad", "förslag"]

    @property
    def moved(self) -> bool:
        return bool(
            self.old is not None
            and self.new is not None
            and self.old.placement is not None
            and self.new.placement is not None
            and self.old.placement.section != self.new.placement.section
        )

    @property
    def rescoped(self) -> bool:
        return bool(self.old and self.new and set(self.old_scope) != set(self.new_scope))

    @property
    def corrected(self) -> bool:
        return bool(self.new is not None and self.new.corrections)


def movements(db: Database, from_year: int, to_year: int, vardval: str | None = None) -> Iterator[Movement]:
    """Every requirement in either year's FFU (for `vardval`), with its category."""
    for requirement in db.requirements.values():
        old = body_version(db, requirement, from_year)
        new = body_version(db, requirement, to_year)
        old_in, new_in = _applies(requirement, old, vardval), _applies(requirement, new, vardval)
        if not old_in and not new_in:
            continue
        in_range = [v for v in requirement.versions if from_year < v.year <= to_year]
        decided_range = [v for v in in_range if v.status == "beslutad" or is_open(db, v.year)]
        recorded = decided_range[-1] if decided_range else None
        category: Category
        if not new_in:
            category = "utgår"
        elif not old_in:
            documented = first_documented(requirement)
            category = (
                "först dokumenterad" if documented is not None and new is requirement.versions[0] else "ny"
            )
        else:
            assert old is not None and new is not None
            if comparable_text(old.text) != comparable_text(new.text):
                category = "ändrad"
            elif _last_confirmed(requirement, new, to_year) >= to_year:
                category = "oförändrad"
            else:
                category = "obekräftad"
        status_version = recorded if recorded is not None else new
        status: Literal["beslutad", "förslag"] = (
            "förslag" if status_version is not None and status_version.status == "förslag" else "beslutad"
        )
        yield Movement(
            requirement,
            category,
            old if old_in else None,
            new if new_in else None,
            scope(requirement, old) if old_in and old else (),
            scope(requirement, new) if new_in and new else (),
            recorded,
            status,
        )


def removals(db: Database, view: YearView) -> list[Movement]:
    """The requirements of the year before that the view's year no longer holds (category 'utgår')."""
    if view.previous_year is None:
        return []
    found = movements(db, view.previous_year, view.year, view.vardval)
    return sorted((m for m in found if m.category == "utgår"), key=lambda m: m.requirement.id)


def reconciles(old: Iterable[str], new: Iterable[str], counts: Counter[str]) -> bool:
    """Whether last year's set plus the categories gives this year's set, in count."""
    old_n, new_n = len(set(old)), len(set(new))
    return (
        old_n + counts["ny"] + counts["först dokumenterad"] - counts["utgår"] == new_n
        and sum(counts[c] for c in IN_TARGET) == new_n
    )
