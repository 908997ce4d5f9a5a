"""The annexes of an FFU: the year's questions and answers, and the region comparisons."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..database import Database
from ..model import Comparison, Meeting, Question
from ..swedish import sort_key
from ..timeline import Standing
from .context import Context
from .ooxml import Element, paragraph, run, table
from .richtext import STRONG, TABLE, TABLE_HEADER, TABLE_TEXT, BlockStyles, parse_text

ANSWER = BlockStyles(body="Svar")
QUESTION = BlockStyles(body="Fraga")
CELL = BlockStyles(body=TABLE_TEXT)
INFO = "Svarsinfo"


def is_chatter(question: Question) -> bool:
    """A remark without content for the FFU: it asks nothing and concerns no vårdval, topic or requirement.

    Such remarks ('Tack, gillade detta upplägg!') are left out of the annex; anything that
    asks a question, or that an editor has tied to the FFU, stays.
    """
    return (
        "?" not in question.question
        and not question.vardval
        and not question.topics
        and not question.requirements
    )


def questions_for(db: Database, vardval: str, year: int) -> list[tuple[Meeting, list[Question]]]:
    """Meetings about the FFU of `year` with the questions that concern `vardval` or every vårdval.

    Remarks without content (`is_chatter`) are left out.
    """
    found: list[tuple[Meeting, list[Question]]] = []
    for meeting in db.meetings.values():
        if meeting.year != year:
            continue
        questions = [
            q for q in meeting.questions if (not q.vardval or vardval in q.vardval) and not is_chatter(q)
        ]
        if questions:
            found.append((meeting, sorted(questions, key=lambda q: q.number)))
    return found


def questions_annex(
    ctx: Context, db: Database, vardval_name: str, vardval: str, year: int, number: int
) -> list[Element]:
    texts = ctx.texts
    out = [ctx.heading(1, texts("annexes", "qa_heading", number, year))]
    meetings = questions_for(db, vardval, year)
    if not meetings:
        out.append(paragraph("Normal", [run(texts("annexes", "qa_none", vardval_name, year))]))
        return out
    left_out = sum(is_chatter(q) for m in db.meetings.values() if m.year == year for q in m.questions)
    out.extend(
        paragraph("Normal", [run(text)])
        for text in texts.paragraphs("annexes", "qa_intro", vardval_name, year, left_out)
    )
    for meeting, questions in meetings:
        out.append(ctx.heading(2, texts("annexes", "meeting_heading", meeting.name, meeting.date)))
        out.append(paragraph("Normal", [run(texts("annexes", "meeting_info", meeting.organiser))]))
        for question in questions:
            out.extend(_question(ctx, question))
    return out


def _label(text: str) -> list[Element]:
    return [run(text, style=STRONG), run(" ")]


def _question(ctx: Context, question: Question) -> list[Element]:
    texts, rich = ctx.texts, ctx.rich
    out = rich.blocks(
        parse_text(question.question),
        styles=QUESTION,
        lead=_label(texts("annexes", "question_label", question.number)),
    )
    answer_lead = _label(texts("annexes", "answer_label"))
    if question.answer:
        out.extend(rich.blocks(parse_text(question.answer), styles=ANSWER, lead=answer_lead))
    else:
        out.append(paragraph(ANSWER.body, [*answer_lead, run(texts("annexes", "answer_missing"))]))
    if question.completed:
        lead = _label(texts("annexes", "completed_label", question.completed.date))
        out.extend(rich.blocks(parse_text(question.completed.text), styles=ANSWER, lead=lead))
    if question.requirements:
        out.append(paragraph(INFO, [run(texts("annexes", "concerns", list(question.requirements)))]))
    return out


def covered_topics(entries: Iterable[Standing]) -> list[str]:
    """Every topic of the requirements in the document, once each."""
    seen: dict[str, None] = {}
    for entry in entries:
        for topic in entry.requirement.topics:
            seen.setdefault(topic, None)
    return list(seen)


def comparisons_annex(
    ctx: Context, db: Database, entries: Sequence[Standing], vardval_name: str, number: int
) -> list[Element]:
    texts = ctx.texts
    out = [ctx.heading(1, texts("annexes", "comparisons_heading", number))]
    comparisons = db.comparisons_for(covered_topics(entries))
    if not comparisons:
        out.append(paragraph("Normal", [run(texts("annexes", "comparisons_none"))]))
        return out
    out.extend(
        paragraph("Normal", [run(text)])
        for text in texts.paragraphs("annexes", "comparisons_intro", vardval_name)
    )
    by_topic: dict[str, list[Comparison]] = {}
    for comparison in comparisons:
        by_topic.setdefault(comparison.topic, []).append(comparison)
    names = {topic: db.topics[topic].name if topic in db.topics else topic for topic in by_topic}
    for topic in sorted(by_topic, key=lambda t: sort_key(names[t])):
        out.append(ctx.heading(2, names[topic]))
        caption = texts("annexes", "comparison_caption", names[topic])
        out.append(_comparison_table(ctx, db, by_topic[topic], caption))
    return out


def _comparison_table(ctx: Context, db: Database, comparisons: list[Comparison], caption: str) -> Element:
    texts = ctx.texts
    columns = texts("annexes", "comparison_columns").split("|")
    rows: list[list[list[Element]]] = [[[paragraph(TABLE_HEADER, [run(c.strip())])] for c in columns]]
    for comparison in sorted(comparisons, key=lambda c: (sort_key(c.region), c.id)):
        figures = [
            paragraph(TABLE_TEXT, [run(texts("annexes", "figure", f.label, f.value, f.unit))])
            for f in comparison.figures
        ]
        sources = []
        for ref in comparison.sources:
            source = db.sources.get(ref.seed)
            title, publisher, date = (
                (source.title, source.publisher, source.date) if source else (ref.seed, None, None)
            )
            text = texts("annexes", "source", title, publisher, date, ref.locator)
            sources.append(paragraph(TABLE_TEXT, [run(text)]))
        rows.append(
            [
                [
                    paragraph(
                        TABLE_TEXT,
                        [run(texts("annexes", "region", comparison.region, comparison.year_observed))],
                    )
                ],
                [paragraph(TABLE_TEXT, [run(comparison.aspect)])],
                ctx.rich.blocks(parse_text(comparison.rule), styles=CELL),
                figures,
                sources,
            ]
        )
    return table(rows, style=TABLE, header_rows=1, widths=[3, 3, 6, 3, 4], caption=caption)
