"""Choosing a new requirement's ID and place: the next ID never used, and a chapter from the section."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..database import Database
from ..load import DB_DIR
from ..model import PART_NAMES, SECTION_NUMBER, Placement
from .errors import EditError

REQUIREMENTS = f"{DB_DIR}/requirements"


def next_id(root: Path, db: Database, prefix: str, folder: str = REQUIREMENTS) -> str:
    """One more than the highest number the prefix has ever had in `folder`.

    IDs are never reused, so a record deleted by mistake must not hand its ID to a new one:
    besides the files present, every file name in the folder's git history counts.
    """
    pattern = re.compile(rf"(?:^|/){re.escape(prefix)}-([0-9]{{3}})\.ya?ml$")
    names = [path.name for path in (root / folder).iterdir()] if (root / folder).is_dir() else []
    names += _names_in_history(root, folder)
    numbers = {int(match.group(1)) for name in names if (match := pattern.search(name))}
    known = [*db.requirements, *db.comparisons]
    numbers |= {int(rid.split("-")[1]) for rid in known if rid.startswith(f"{prefix}-")}
    number = max(numbers, default=0) + 1
    if number > 999:
        raise EditError(f"alla id för {prefix} är använda ({prefix}-999 är det sista)")
    return f"{prefix}-{number:03d}"


def _names_in_history(root: Path, folder: str) -> list[str]:
    """File names in `folder` in any commit on any branch; nothing when git or a repository is missing."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "--all", "--format=", "--name-only", "--", folder],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return result.stdout.splitlines() if result.returncode == 0 else []


@dataclass(frozen=True)
class Place:
    chapter: str
    section: str
    heading: str
    shared: bool  # the section exists already and the requirement joins it under its heading


def place(
    db: Database, part: str, year: int, *, section: str | None, chapter: str | None, title: str
) -> Place:
    """Where a new requirement goes in `year`, from a section number or a chapter or both."""
    # Every placement that validation weighs for the year, undecided proposals included, so a
    # new section number never clashes with one that `ffu validate` would then refuse.
    versions = [(r, r.version_for(year)) for r in db.requirements.values()]
    placements = [v.placement for r, v in versions if v is not None and r.part == part and v.placement]
    if chapter is not None and (chapter not in db.chapters or db.chapters[chapter].part != part):
        raise EditError(
            f"kapitlet '{chapter}' finns inte i {PART_NAMES[part]}; välj ett av: {_chapters(db, part)}"
        )
    if section is None:
        if chapter is None:
            raise EditError(
                "ange var kravet hör hemma: --section (till exempel 6.6) eller --chapter; "
                f"kapitlen i {PART_NAMES[part]} {year}: {_numbered(placements)}"
            )
        section = _next_section(placements, chapter, year)
    if not re.fullmatch(SECTION_NUMBER, section):
        raise EditError(f"'{section}' är inget avsnittsnummer; skriv till exempel 6.6 eller 6.6.1")
    number = section.split(".")[0]
    if chapter is None:
        found = {p.chapter for p in placements if p.chapter_number() == number}
        if len(found) != 1:
            raise EditError(
                f"kapitel {number} finns inte i {PART_NAMES[part]} {year}, så kapitlet kan inte väljas "
                f"ur avsnittsnumret; ange --chapter med ett av: {_chapters(db, part)}"
            )
        chapter = found.pop()
    existing = next((p.heading for p in placements if p.section == section), None)
    return Place(chapter, section, existing or title, existing is not None)


def _next_section(placements: list[Placement], chapter: str, year: int) -> str:
    inside = [p for p in placements if p.chapter == chapter]
    if not inside:
        raise EditError(
            f"kapitlet '{chapter}' har inga avsnitt {year}, så numret kan inte väljas; ange --section"
        )
    last = max(p.sort_key()[1] if len(p.sort_key()) > 1 else 0 for p in inside)
    return f"{inside[0].chapter_number()}.{last + 1}"


def _numbered(placements: list[Placement]) -> str:
    numbers = sorted({(int(p.chapter_number()), p.chapter) for p in placements})
    return ", ".join(f"{n} {chapter}" for n, chapter in numbers) or "inga ännu"


def _chapters(db: Database, part: str) -> str:
    return ", ".join(c.id for c in db.chapters.values() if c.part == part)
