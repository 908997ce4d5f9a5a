"""The domain's words, once: what each state and category of the time model is called.

Every renderer (Word, report, site, terminal) takes its labels from here, so a category is
called the same everywhere. Explanations of what the sources do not establish are here too.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .swedish import format_date

if TYPE_CHECKING:
    from .timeline import Standing

# The categories of `timeline.Category`, as column and row labels (counts) ...
CATEGORY_LABELS: dict[str, str] = {
    "ny": "Nya krav",
    "först dokumenterad": "Först dokumenterade",
    "ändrad": "Ändrad text",
    "utgår": "Utgår",
    "oförändrad": "Oförändrad text",
    "obekräftad": "Oförändrade, ej bekräftade för året",
}
# ... and for one requirement.
CATEGORY_LABEL: dict[str, str] = {
    "ny": "Nytt krav",
    "först dokumenterad": "Först dokumenterat",
    "ändrad": "Ändrad text",
    "utgår": "Utgår",
    "oförändrad": "Oförändrad text",
    "obekräftad": "Oförändrad, ej bekräftad för året",
}
FLAG_LABELS: dict[str, str] = {
    "flyttad": "Flyttade",
    "ändrad omfattning": "Ändrad omfattning (vårdval)",
    "rättad": "Rättade",
}
# What each category means, for a legend beside the counts.
CATEGORY_MEANING: dict[str, str] = {
    "ny": "kravet finns inte i förfrågningsunderlaget året före",
    "först dokumenterad": (
        "kravet gällde redan tidigare enligt källan, men källorna visar det först i år och anger inte "
        "sedan när det gäller; det räknas därför inte som nytt"
    ),
    "ändrad": "texten skiljer sig från året före",
    "utgår": "kravet fanns året före men inte vid årets slut",
    "oförändrad": "samma text som året före, och källorna bekräftar den för året",
    "obekräftad": (
        "samma text som året före, men källorna bekräftar den bara för ett tidigare år; den redovisas "
        "som gällande eftersom inget beslut om ändring finns i källorna"
    ),
}
STATE_LABELS: dict[str, str] = {
    "gällande": "Gällande",
    "kommande": "Beslutat, gäller senare",
    "förslag": "Förslag, ej beslutat",
    "utgått": "Utgått",
}
PROPOSALS_HEADING = "Förslag som inte är beslutade"
# What an undecided proposal would do, by `timeline.Proposal.kind`.
PROPOSAL_KINDS: dict[str, str] = {
    "ny": "Nytt krav",
    "ändrad": "Ändrad text",
    "utgår": "Kravet utgår",
    "oförändrad": "Ny placering",
}


def proposals_intro(year: int) -> str:
    return (
        f"Följande förslag till förfrågningsunderlaget {year} är inte beslutade. De ingår inte i det "
        "som gäller, och texten kan ändras eller strykas innan Primärvårdsnämnden beslutar."
    )


def document_title(year: int, open_year: bool) -> str:
    return f"Förslag till förfrågningsunderlag {year}" if open_year else f"Förfrågningsunderlag {year}"


def first_documented_note(year: int) -> str:
    return f"Gällde redan före {year} enligt källan; sedan när anges inte."


def unconfirmed_note(last: int) -> str:
    return f"Källorna bekräftar kravet senast för {last}; de visar inget beslut om att ändra det."


def start_unknown_note(decided: dt.date | None) -> str:
    text = "Källan anger inte från vilket datum kravet gäller"
    return f"{text} (beslutat {format_date(decided)})." if decided else f"{text}."


YEAR_UNSTATED_NOTE = "Källan anger inte vilket års förfrågningsunderlag förslaget avser."


def decision_statement(body: str | None, date: dt.date | None, paragraph: str | None, open_year: bool) -> str:
    """What a title page says about the decision: what the database holds, and what it lacks."""
    if open_year:
        return "Status: förslag. Förfrågningsunderlaget är inte beslutat."
    if body is None:
        return "Status: beslutat. Källorna anger inte beslutande organ, datum eller paragraf."
    parts = [f"Status: beslutat av {body}"]
    parts.append(format_date(date) if date else "")
    text = " ".join(p for p in parts if p)
    if paragraph:
        text += f", {paragraph}"
    missing = [name for name, value in (("datum", date), ("paragraf", paragraph)) if not value]
    if missing:
        text += f". Källorna anger inte beslutets {' eller '.join(missing)}"
    return text + "."


RETOLD = "Återgiven med egna ord."


def standing_notes(entry: Standing) -> list[str]:
    """What the sources establish and leave open about a requirement in a year's FFU, as sentences.

    The Word FFU and the site's chapter pages both print these, so they say the same thing.
    """
    notes = []
    version = entry.version
    if entry.category == "först dokumenterad" and entry.first_documented is not None:
        notes.append(first_documented_note(entry.first_documented))
    if version.effective_unknown and entry.starts_this_year:
        notes.append(start_unknown_note(version.decision.date if version.decision else None))
    if entry.ending and entry.ended_by is not None:
        day = format_date(entry.ended_by.effective_date())
        if entry.ended_by.change == "utgår":
            notes.append(f"Kravet utgår från och med {day}.")
        else:
            notes.append(f"Kravet gäller inte längre vårdvalet från och med {day}.")
    elif entry.unconfirmed:
        notes.append(unconfirmed_note(entry.last_confirmed))
    return notes
