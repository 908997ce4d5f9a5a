"""Swedish conventions shared by the renderers: dates written out and alphabetical order.

Both are done by hand rather than through `locale`, so that output never depends on which
locales a machine happens to have installed.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)

# Swedish alphabetical order puts å, ä, ö after z; ü sorts as y and é as e (SAOL's practice).
_LAST_LETTERS = {"å": "{0", "ä": "{1", "ö": "{2", "æ": "{1", "ø": "{2"}
_FOLD = {"ü": "y", "é": "e", "è": "e", "à": "a", "á": "a"}


def format_date(date: dt.date) -> str:
    """The date as written in Swedish prose: '1 september 2025'."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def sort_key(text: str) -> tuple[str, str]:
    """A key that sorts Swedish words alphabetically, case-insensitively, å ä ö last.

    The second element breaks ties by the original text, so the order is total and stable.
    """
    folded: list[str] = []
    for ch in text.casefold():
        if ch in _LAST_LETTERS:
            folded.append(_LAST_LETTERS[ch])
        elif ch in _FOLD:
            folded.append(_FOLD[ch])
        else:
            # Other accented letters sort with their base letter.
            base = unicodedata.normalize("NFD", ch)[0]
            folded.append(base)
    return "".join(folded), text
