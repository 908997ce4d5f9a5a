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


def format_number(value: float) -> str:
    """A number as written in Swedish: decimal comma, and a space in groups of three from 10 000.

    The space is non-breaking so that a number never splits over two lines.
    """
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    sign = "−" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    if len(whole) > 4:
        groups = [whole[max(i - 3, 0) : i] for i in range(len(whole), 0, -3)]
        whole = "\u00a0".join(reversed(groups))
    return sign + whole + ("," + fraction if fraction else "")


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
