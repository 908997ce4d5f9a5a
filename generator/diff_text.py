"""The change report for the terminal: a summary and word diffs.

Deletions are shown as [-…-] and insertions as {+…+}, like `git diff --word-diff`,
so the marks read without colour; colour is added only for a terminal.
"""

from __future__ import annotations

from .database import Database
from .diff import KINDS, Change, YearDiff
from .model import PART_NAMES, VARDVAL_NAMES
from .vocabulary import PROPOSALS_HEADING, first_documented_note, start_unknown_note

RED, GREEN, BOLD, DIM, RESET = "\033[31m", "\033[32m", "\033[1m", "\033[2m", "\033[0m"


def _paint(text: str, style: str, colour: bool) -> str:
    return f"{style}{text}{RESET}" if colour and text else text


def words(change: Change, *, colour: bool) -> str:
    out = []
    for segment in change.words:
        if segment.op == "equal":
            out.append(segment.text)
        elif segment.op == "delete":
            out.append(_paint(f"[-{segment.text}-]", RED, colour))
        else:
            out.append(_paint(f"{{+{segment.text}+}}", GREEN, colour))
    return "".join(out)


def describe(change: Change) -> str:
    """The kind of change in words, with moves and scope changes."""
    parts = [change.kind]
    if change.moved and change.old and change.new and change.old.placement and change.new.placement:
        parts.append(f"flyttad från {change.old.placement.section} till {change.new.placement.section}")
    if change.rescoped:
        parts.append(f"omfattning {', '.join(change.old_scope)} → {', '.join(change.new_scope)}")
    if change.corrected:
        parts.append("rättad efter beslutet")
    return ", ".join(parts)


def _entry(change: Change, colour: bool) -> list[str]:
    placement = change.placement_version.placement
    where = f"{placement.section} {placement.heading}" if placement else ""
    lines = [
        "",
        _paint(f"{change.id}", BOLD, colour)
        + f"  {PART_NAMES[change.requirement.part]} {where}  ({describe(change)})",
    ]
    recorded = change.recorded
    if recorded is not None and recorded.effective_unknown:
        lines.append(
            _paint(
                f"  {start_unknown_note(recorded.decision.date if recorded.decision else None)}", DIM, colour
            )
        )
    elif recorded is not None and recorded.is_mid_year() and recorded.effective:
        lines.append(_paint(f"  gäller från {recorded.effective.isoformat()}", DIM, colour))
    if change.kind == "först dokumenterad":
        lines.append(_paint(f"  {first_documented_note(change.new.year if change.new else 0)}", DIM, colour))
    if change.kind in ("ändrad", "ny") or (change.kind == "oförändrad" and change.status == "förslag"):
        lines.extend("  " + line for line in words(change, colour=colour).split("\n"))
    elif change.kind == "utgår":
        lines.extend("  " + _paint(f"[-{line}-]", RED, colour) for line in change.old_text.split("\n"))
    return lines


def render(db: Database, diff: YearDiff, *, colour: bool) -> str:
    scope = f" – {VARDVAL_NAMES[diff.vardval]}" if diff.vardval else ""
    lines = [_paint(f"Förändringar {diff.from_year} → {diff.to_year}{scope}", BOLD, colour), ""]
    columns = [*KINDS, "flyttad", "ändrad omfattning", "rättad"]
    widths = [len(c) + 2 for c in columns]
    lines.append("".ljust(22) + "".join(c.rjust(w) for c, w in zip(columns, widths, strict=True)))
    for label, counts in diff.counts_per_vardval(db):
        lines.append(
            label.ljust(22) + "".join(str(counts[c]).rjust(w) for c, w in zip(columns, widths, strict=True))
        )
    changed = diff.changed
    if not changed and not diff.proposals:
        lines += ["", "Inga förändringar."]
        return "\n".join(lines) + "\n"
    groups = [
        ("Beslutade förändringar", [c for c in changed if c.status == "beslutad"]),
        ("Förändringar i förslaget", [c for c in changed if c.status == "förslag"]),
        (PROPOSALS_HEADING + " (räknas inte ovan)", list(diff.proposals)),
    ]
    for title, group in groups:
        if not group:
            continue
        lines += ["", _paint(f"{title} ({len(group)})", BOLD, colour)]
        for change in group:
            lines.extend(_entry(change, colour))
    return "\n".join(lines) + "\n"
