"""Databases for the site tests: one with hostile text in every field a page shows."""

from __future__ import annotations

import dataclasses
import html
from types import MappingProxyType

from generator.database import Database
from generator.model import AnswerCompletion, Fact, Figure
from generator.synthetic import make_database

SCRIPT = '<script>window.__xss = "script"</script>'
IMAGE = '<img src="x" onerror="window.__xss = \'img\'; alert(1)">'
HTML_LINK = "<a href=\"javascript:window.__xss='a'\">klicka här</a>"
MARKDOWN_LINK = '[klicka](javascript:window.__xss="md")'
TITLE = '</title><script>window.__xss = "title"</script>'
# The same, entity-encoded: valid text for `ffu validate`, and a tag once anything un-escapes it.
ENTITY_TITLE = '&lt;/title&gt;&lt;script&gt;window.__xss = "entity"; alert(1)&lt;/script&gt;'
# Literal forms that must never reach a built file unescaped.
RAW = (
    "<script>window.__xss",
    '<img src="x"',
    '<a href="javascript:',
    "</title><script>",
    html.unescape(ENTITY_TITLE),
)

HOSTILE_REQUIREMENT = "VC-000"


def hostile_database() -> Database:
    """A small valid-looking database whose texts try to run script in every way they can.

    Validation would reject the Markdown `javascript:` link; the database is built in code, so
    the renderer is tested on its own.
    """
    db = make_database(n_requirements=30, n_comparisons=8, n_questions=12)
    requirement = db.requirements[HOSTILE_REQUIREMENT]
    latest = requirement.versions[-1]
    assert latest.placement is not None
    placement = latest.placement.model_copy(update={"heading": f"Öppettider {IMAGE}"})
    hostile_version = latest.model_copy(
        update={
            "placement": placement,
            "text": f"Kravet {SCRIPT} gäller.\n\n{MARKDOWN_LINK} och {HTML_LINK}",
            "motivation": f"Motivering {IMAGE}",
        }
    )
    requirement = requirement.model_copy(update={"versions": (*requirement.versions[:-1], hostile_version)})
    requirements = {**db.requirements, HOSTILE_REQUIREMENT: requirement}

    meetings = dict(db.meetings)
    meeting = next(iter(meetings.values()))
    first = meeting.questions[0].model_copy(
        update={
            "question": f"Får vi {SCRIPT} skriva så?",
            "answer": f"Svar: {IMAGE} {HTML_LINK} {MARKDOWN_LINK}",
            "completed": AnswerCompletion(date=meeting.date, text=f"Tillägg {SCRIPT}"),
            "requirements": (HOSTILE_REQUIREMENT,),
            "topics": (requirement.topics[0],),
        }
    )
    meetings[meeting.id] = meeting.model_copy(
        update={
            "name": f"Dialogmöte {TITLE} {ENTITY_TITLE}",
            "questions": (first, *meeting.questions[1:]),
        }
    )

    topic_id = requirement.topics[0]
    topic = db.topics[topic_id].model_copy(update={"name": f"Ämne {IMAGE} {ENTITY_TITLE}"})
    topics = {**db.topics, topic_id: topic}
    comparisons = dict(db.comparisons)
    comparison_id = next(iter(comparisons))
    comparisons[comparison_id] = comparisons[comparison_id].model_copy(
        update={
            "topic": topic_id,
            "region": f"Region {IMAGE}",
            "aspect": f"Aspekt {HTML_LINK}",
            "rule": f"Regel {SCRIPT} {MARKDOWN_LINK}",
            "figures": tuple(Figure(label=f"Del {n} {IMAGE}", value=10.0 * n, unit="%") for n in range(1, 4)),
        }
    )
    chapter_id = placement.chapter
    chapters = {
        **db.chapters,
        chapter_id: db.chapters[chapter_id].model_copy(update={"title": f"Kapitel {TITLE}"}),
    }
    fact = Fact.model_validate(
        {
            "id": "FAKTA-001",
            "kind": "uppföljning",
            "title": f"Uppföljning {TITLE}",
            "period": {"label": f"Period {IMAGE}"},
            "region": f"Region {IMAGE}",
            "text": f"Fakta {SCRIPT} {MARKDOWN_LINK} {HTML_LINK}",
            "figures": [
                {"label": f"Del {n} {IMAGE}", "value": 10 * n, "unit": f"enheter {IMAGE}"} for n in (1, 2)
            ],
            "vardval": ["vc"],
            "topics": [topic_id, "uppfoljning-och-sanktioner"],
            "requirements": [HOSTILE_REQUIREMENT],
            "sources": [{"seed": "002_7fc2f6196ae83701.txt", "locator": f"Avsnitt {IMAGE}"}],
        }
    )
    return dataclasses.replace(
        db,
        facts=MappingProxyType({fact.id: fact}),
        requirements=MappingProxyType(requirements),
        meetings=MappingProxyType(meetings),
        topics=MappingProxyType(topics),
        comparisons=MappingProxyType(comparisons),
        chapters=MappingProxyType(chapters),
    )


DECIMAL_TEXT = "Mottagningen ska ha öppet minst 47,5 timmar per vecka."


def decimal_database() -> Database:
    """A small database whose first requirement in force gives a number with a decimal comma."""
    db = make_database(n_requirements=30, n_comparisons=4, n_questions=4)
    requirement = db.requirements["VC-001"]
    latest = requirement.versions[-1]
    version = latest.model_copy(update={"text": f"{DECIMAL_TEXT} {latest.text}"})
    requirement = requirement.model_copy(update={"versions": (*requirement.versions[:-1], version)})
    return dataclasses.replace(
        db, requirements=MappingProxyType({**db.requirements, requirement.id: requirement})
    )
