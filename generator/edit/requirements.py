"""Step 2 of the yearly cycle: new requirements and proposals to change or remove existing ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ruamel.yaml.comments import CommentedMap

from ..database import Database
from ..model import ID_PREFIX, PART_NAMES
from . import nodes, placeholders
from .errors import EditError
from .numbering import REQUIREMENTS, next_id, place
from .roundtrip import dump_text
from .session import Session

SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/requirement.schema.json"


@dataclass(frozen=True)
class Draft:
    """What the writer gave for a new version; what they left out becomes a placeholder.

    `paraphrased: false` claims that the text stands word for word in the cited source (a
    test checks that for the real database), so the writer's text counts as their own
    wording unless they say it is a quote (`verbatim`, --ordagrant).
    """

    text: str | None = None
    motivation: str | None = None
    source: str | None = None
    locator: str | None = None
    verbatim: bool = False


def proposal_year(db: Database, year: int | None) -> int:
    """`year` if it is open as a förslag, or else the latest year that is."""
    open_years = [y for y, entry in db.years.items() if entry.status == "förslag"]
    if year is None:
        if not open_years:
            raise EditError(
                f"inget år är öppet som förslag; öppna nästa år med 'ffu new-year {max(db.years) + 1}'"
            )
        return max(open_years)
    if year not in db.years:
        raise EditError(f"året {year} finns inte i requirements_db/years.yaml; öppna det med 'ffu new-year'")
    if year not in open_years:
        raise EditError(
            f"året {year} är beslutat; förslag görs för ett år som är öppet som förslag "
            f"({', '.join(map(str, open_years)) or 'inget just nu'})"
        )
    return year


def _sources(session: Session, version: CommentedMap, draft: Draft) -> None:
    """Add the version's source; without --source, the latest registered document with a placeholder place."""
    registered = list(session.db.sources)
    if (draft.source is None) != (draft.locator is None):
        # A document without a place in it, or the reverse, would leave a guess that looks filled in.
        raise EditError("ange både --source och --locator, eller ingen av dem (då skrivs en platshållare)")
    if draft.source is not None and draft.source not in session.db.sources:
        raise EditError(f"okänd källa '{draft.source}'; välj ett filnamn ur requirements_db/sources.yaml")
    seed = draft.source or registered[-1]
    version["sources"] = nodes.sources([(seed, draft.locator or placeholders.LOCATOR)])
    if draft.source is None:
        # On the line itself, so that it stays beside the value wherever later edits put keys.
        version["sources"][0].yaml_add_eol_comment(placeholders.SOURCE_COMMENT, "seed")


def new_requirement(
    root: Path,
    *,
    vardval: Sequence[str],
    title: str,
    section: str | None,
    chapter: str | None,
    kind: str,
    level: str,
    topics: Sequence[str],
    year: int | None,
    draft: Draft,
) -> list[str]:
    """Create a requirement file with the next ID and a first version, status förslag, change ny."""
    if not vardval:
        raise EditError("ange minst ett vårdval med --vardval")
    # One vårdval: its own part. Several: Del A, which holds what is common to several vårdval.
    part = vardval[0] if len(vardval) == 1 else "a"
    session = Session(root)
    year = proposal_year(session.db, year)
    rid = next_id(root, session.db, ID_PREFIX[part])
    where = place(session.db, part, year, section=section, chapter=chapter, title=title)
    version = nodes.block_map(
        {
            "year": year,
            "change": "ny",
            "status": "förslag",
            "placement": nodes.block_map(
                {"chapter": where.chapter, "section": nodes.quoted(where.section), "heading": where.heading}
            ),
            "text": nodes.literal(draft.text or placeholders.TEXT),
            "paraphrased": not draft.verbatim,
            "motivation": draft.motivation or placeholders.MOTIVATION,
        }
    )
    _sources(session, version, draft)
    record = nodes.block_map(
        {
            "id": rid,
            "part": part,
            "vardval": nodes.flow_list(vardval),
            "kind": kind,
            "level": level,
            "topics": nodes.flow_list(topics),
            "versions": nodes.block_list([version]),
        }
    )
    display = f"{REQUIREMENTS}/{rid}.yaml"
    comment = " ".join(title.split())
    session.create(display, f"{SCHEMA_LINE}\n# {comment}\n{dump_text(record)}".encode())
    session.commit()
    lines = [
        f"{rid} {display}",
        f"Nytt krav i {PART_NAMES[part]}, förslag för {year}, avsnitt {where.section}.",
    ]
    if where.shared:
        lines.append(f"Avsnitt {where.section} finns redan; kravet står under dess rubrik '{where.heading}'.")
    lines += _next_steps(session, display, 0, draft, text="skeleton")
    return lines


def propose(root: Path, rid: str, *, year: int | None, remove: bool, draft: Draft) -> list[str]:
    """Add a proposal for `year`: a copy of the current text to edit, or with `remove`, removal."""
    session = Session(root)
    requirement = session.db.requirements.get(rid)
    if requirement is None:
        raise EditError(f"kravet {rid} finns inte; id:n står i {REQUIREMENTS}/")
    if remove and draft.verbatim:
        raise EditError(
            "--ordagrant gäller kravtexten, och ett krav som utgår har ingen text; ta bort --ordagrant"
        )
    year = proposal_year(session.db, year)
    display = session.db.paths[rid]
    if requirement.version_in(year) is not None:
        raise EditError(f"{rid} har redan en version för {year}; ändra den i {display}")
    current = requirement.version_for(year)
    if current is None:
        raise EditError(
            f"{rid} gäller inte {year} (det har utgått); ett krav som kommer tillbaka skrivs in för hand "
            "med change: ny"
        )
    versions = session.open(display).data["versions"]
    base = next(node for node in versions if node["year"] == current.year)
    version = nodes.block_map({"year": year, "change": "utgår" if remove else "ändrad", "status": "förslag"})
    if not remove:
        version["placement"] = nodes.copy(base["placement"])
        version["text"] = nodes.literal(draft.text) if draft.text else nodes.copy(base["text"])
        # A copied text is there to be rewritten (validate refuses it unchanged), so it too
        # ends up in the writer's own words.
        version["paraphrased"] = not draft.verbatim
    version["motivation"] = draft.motivation or placeholders.MOTIVATION
    if not remove and "vardval" in base:
        # A Del A version may narrow its vårdval; the proposal keeps that scope unless edited.
        version["vardval"] = nodes.copy(base["vardval"])
    _sources(session, version, draft)
    index = sum(1 for node in versions if node["year"] < year)
    versions.insert(index, version)
    session.commit()
    line, _ = session.position(display, ("versions", index))
    what = "att kravet utgår" if remove else "en ändring"
    return [
        f"Förslag för {year} om {what} tillagt i {rid}: {display}:{line}",
        *_next_steps(session, display, index, draft, text=None if remove else "copy"),
    ]


def _next_steps(
    session: Session, display: str, index: int, draft: Draft, *, text: Literal["copy", "skeleton"] | None
) -> list[str]:
    """Where in the file the writer has something left to write, by line."""
    at = ("versions", index)
    steps = []
    if text is not None and not draft.text:
        line, _ = session.position(display, (*at, "text"))
        steps.append(
            f"  rad {line}: skriv den nya texten (den är en kopia av nuvarande text; tills du ändrar den "
            "påminner ffu validate om att den är oförändrad)"
            if text == "copy"
            else f"  rad {line}: skriv kravtexten"
        )
    if not draft.motivation:
        line, _ = session.position(display, (*at, "motivation"))
        steps.append(f"  rad {line}: skriv motiveringen")
    if draft.source is None:
        line, _ = session.position(display, (*at, "sources"))
        steps.append(
            f"  rad {line}: ange källan, och var i den förslaget står; ta bort kommentaren "
            f"'{placeholders.SOURCE_MARK}' när dokumentet stämmer"
        )
    return ["Kvar att skriva i filen innan året beslutas:", *steps] if steps else []
