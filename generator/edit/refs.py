"""Decision references as writers type them: "PVN 2026-12-10 § 123" → body, date, paragraph."""

from __future__ import annotations

import datetime as dt
import re

from ..model import DecisionRef
from .errors import EditError

# Abbreviations used for Region Skåne's bodies in minutes and slides.
BODIES = {
    "PVN": "Primärvårdsnämnden",
    "RS": "Regionstyrelsen",
    "RF": "Regionfullmäktige",
}

_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_PARAGRAPH = re.compile(r"§+\s*(\d+\s*[a-z]?(?:\s*[–-]\s*\d+\s*[a-z]?)?)")

EXAMPLE = "PVN 2026-12-10 § 123"


def parse_ref(text: str, date: dt.date | None = None) -> DecisionRef:
    """The body, date and paragraph of a reference; `date` fills in a date the text lacks."""
    dates = _DATE.findall(text)
    paragraphs = _PARAGRAPH.findall(text)
    if len(dates) > 1 or len(paragraphs) > 1:
        raise EditError(
            f"beslutsreferensen '{text}' har mer än ett datum eller en paragraf; skriv som '{EXAMPLE}'"
        )
    rest = _PARAGRAPH.sub(" ", _DATE.sub(" ", text))
    body = " ".join(rest.replace(",", " ").split())
    if not body:
        raise EditError(f"beslutsreferensen '{text}' saknar beslutande organ; skriv som '{EXAMPLE}'")
    found: dt.date | None = None
    if dates:
        try:
            found = dt.date.fromisoformat(dates[0])
        except ValueError:
            raise EditError(
                f"'{dates[0]}' i beslutsreferensen är inget giltigt datum; skriv ÅÅÅÅ-MM-DD"
            ) from None
    if found is not None and date is not None and found != date:
        raise EditError(
            f"datumet i beslutsreferensen ({found.isoformat()}) och --date ({date.isoformat()}) skiljer sig; "
            "ange samma datum"
        )
    paragraph = f"§ {' '.join(paragraphs[0].split())}" if paragraphs else None
    return DecisionRef(body=BODIES.get(body, body), date=found or date, paragraph=paragraph)
