"""Step 3 of the yearly cycle: dialogue meetings, their questions, and answers that come later.

Every meeting and question must name its source, so the commands ask for it: a meeting
for the document it is recorded in (minutes, slides, a published Q&A), a question for
where in that document it stands. A question's document defaults to its meeting's when
the meeting has only one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..load import DB_DIR
from ..model import Meeting
from ..swedish import format_date
from . import nodes
from .errors import EditError
from .roundtrip import dump_text
from .session import Session

MEETINGS = f"{DB_DIR}/meetings"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/meeting.schema.json"


def _known_source(session: Session, seed: str) -> str:
    if seed not in session.db.sources:
        raise EditError(f"okänd källa '{seed}'; registrera dokumentet i requirements_db/sources.yaml först")
    return seed


def meeting_year(years: Mapping[int, str], date: dt.date) -> int:
    """The FFU year a meeting concerns by default: the open proposal year, else the meeting's year."""
    open_years = [year for year, status in years.items() if status == "förslag"]
    return min(open_years) if open_years else date.year


def add_meeting(
    root: Path,
    *,
    date: dt.date,
    name: str,
    organiser: str,
    source: str,
    locator: str,
    year: int | None = None,
) -> list[str]:
    """Create the meeting's file, named by its date, with no questions yet."""
    session = Session(root)
    display = f"{MEETINGS}/{date.isoformat()}.yaml"
    if date.isoformat() in session.db.meetings:
        raise EditError(f"mötet {date.isoformat()} finns redan: {display}")
    statuses = {y: r.status for y, r in session.db.years.items()}
    ffu_year = year if year is not None else meeting_year(statuses, date)
    if ffu_year not in statuses:
        raise EditError(
            f"FFU-året {ffu_year} finns inte i requirements_db/years.yaml; "
            f"öppna det med 'ffu new-year {ffu_year}'"
        )
    record = nodes.block_map(
        {
            "id": nodes.quoted(date.isoformat()),
            "name": name,
            "date": date,
            "year": ffu_year,
            "organiser": organiser,
            "agenda": nodes.flow_list([]),
            "questions": nodes.flow_list([]),
            "sources": nodes.sources([(_known_source(session, source), locator)]),
        }
    )
    comment = " ".join(f"{name} {format_date(date)}.".split())
    session.create(display, f"{SCHEMA_LINE}\n# {comment}\n{dump_text(record)}".encode())
    session.commit()
    return [
        f"Mötet {date.isoformat()} är skapat: {display}. Det gäller förfrågningsunderlaget {ffu_year}.",
        f"Nästa steg: för in frågorna med 'ffu qa add --meeting {date.isoformat()} --question \"…\"'.",
    ]


def _meeting(session: Session, date: dt.date) -> tuple[Meeting, str]:
    meeting = session.db.meetings.get(date.isoformat())
    if meeting is None:
        raise EditError(
            f"mötet {date.isoformat()} finns inte i {MEETINGS}/; skapa det med 'ffu qa add-meeting'"
        )
    return meeting, session.db.paths[meeting.id]


def add_question(
    root: Path,
    *,
    meeting_date: dt.date,
    question: str,
    answer: str | None,
    number: int | None,
    vardval: Sequence[str],
    requirements: Sequence[str],
    topics: Sequence[str],
    source: str | None,
    locator: str,
) -> list[str]:
    """Add a question, numbered after the meeting's last unless `number` is given."""
    session = Session(root)
    meeting, display = _meeting(session, meeting_date)
    numbers = [q.number for q in meeting.questions]
    number = number if number is not None else max(numbers, default=0) + 1
    if number in numbers:
        raise EditError(f"mötet {meeting.id} har redan en fråga {number}; välj ett annat nummer")
    if source is None:
        seeds = sorted({s.seed for s in meeting.sources})
        if len(seeds) != 1:
            raise EditError(f"mötet har flera källor ({', '.join(seeds)}); ange frågans med --source")
        source = seeds[0]
    node = nodes.block_map(
        {
            "number": number,
            "question": nodes.literal(question),
            "answer": nodes.literal(answer) if answer else None,
            "vardval": nodes.flow_list(vardval),
            "topics": nodes.flow_list(topics),
            "requirements": nodes.flow_list(requirements),
            "sources": nodes.sources([(_known_source(session, source), locator)]),
        }
    )
    questions = session.open(display).data["questions"]
    nodes.make_block(questions)
    # Questions stay in number order, so one given out of turn goes where it belongs.
    questions.insert(sum(1 for q in questions if q["number"] < number), node)
    session.commit()
    index = [q["number"] for q in questions].index(number)
    line, _ = session.position(display, ("questions", index))
    lines = [f"Fråga {number} tillagd i mötet {meeting.id}: {display}:{line}"]
    if not answer:
        lines.append(f'När svaret kommer: ffu qa answer --meeting {meeting.id} --number {number} --text "…"')
    return lines


def answer(root: Path, *, meeting_date: dt.date, number: int, text: str, date: dt.date | None) -> list[str]:
    """Give a question its answer, or, when it has one, the answer's later completion."""
    session = Session(root)
    meeting, display = _meeting(session, meeting_date)
    questions = session.open(display).data["questions"]
    index = next((i for i, q in enumerate(questions) if q["number"] == number), None)
    if index is None:
        have = ", ".join(str(q.number) for q in meeting.questions) or "inga"
        raise EditError(f"mötet {meeting.id} har ingen fråga {number} (frågor: {have})")
    node = questions[index]
    if "answer" not in node or node["answer"] is None:
        nodes.put(node, "answer", nodes.literal(text), nodes.QUESTION_KEYS)
        what, key = "svar", "answer"
    elif "completed" not in node or node["completed"] is None:
        when = date or dt.date.today()
        nodes.put(
            node,
            "completed",
            nodes.block_map({"date": when, "text": nodes.literal(text)}),
            nodes.QUESTION_KEYS,
        )
        what, key = f"kompletterat svar ({when.isoformat()})", "completed"
    else:
        raise EditError(
            f"fråga {number} har redan både svar och komplettering; ändra texten direkt i {display}"
        )
    session.commit()
    line, _ = session.position(display, ("questions", index, key))
    lines = [f"Fråga {number} i mötet {meeting.id} har fått {what}: {display}:{line}"]
    if key == "answer" and date is not None:
        lines.append("Obs: ett svar har inget eget datum; --date används bara för en senare komplettering.")
    return lines
