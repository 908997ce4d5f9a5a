"""No input makes ffu crash: bad records give located messages, and every valid record renders."""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.cli import main
from generator.diff import compare
from generator.docx import render_ffu
from generator.model import PROSE_MAX_LENGTH
from generator.pipeline import load_database
from generator.report import render_report
from generator.site.build import write_markdown
from generator.validate import xml_forbidden

from .conftest import FIXTURES, REPO, copy_project

LOCATED = re.compile(r"^requirements_db/[^:]+:\d+:\d+: \S")
RECORD = "requirements_db/requirements/VC-002.yaml"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

# Every character XML allows, astral ones included; surrogates cannot be in a str that is written out.
XML_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",)).filter(lambda ch: not xml_forbidden(ch)), min_size=1
).filter(lambda s: s.strip() != "")

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(["2025-09-01", "2025-02-30", "ny", "ändrad", "utgår", "förslag", "beslutad", "VC-001"]),
)
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "part",
                    "vardval",
                    "kind",
                    "level",
                    "topics",
                    "versions",
                    "year",
                    "text",
                    "change",
                    "status",
                    "placement",
                    "chapter",
                    "section",
                    "heading",
                    "sources",
                    "seed",
                    "locator",
                    "decision",
                    "body",
                    "effective",
                    "okänt",
                ]
            ),
            children,
            max_size=6,
        ),
    ),
    max_leaves=25,
)


def _validate(project: Path) -> tuple[int, str]:
    import contextlib

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["-C", str(project), "validate"])
    return code, err.getvalue()


def _with_file(content: bytes, check: Callable[[int, str], None]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "p"
        copy_project(FIXTURES / "minimal", project)
        (project / RECORD).write_bytes(content)
        check(*_validate(project))


def _only_located_messages(code: int, err: str) -> None:
    assert code in (0, 1), err
    assert "Traceback" not in err
    if code == 1:
        *problems, total = err.splitlines()
        assert total.endswith("fel hittades.")
        assert problems and all(LOCATED.match(line) for line in problems), err


@given(st.binary(max_size=400))
@SETTINGS
def test_any_bytes_as_a_record_give_located_messages_or_pass(content: bytes) -> None:
    _with_file(content, _only_located_messages)


@given(st.text(max_size=400))
@SETTINGS
def test_any_text_as_a_record_gives_located_messages_or_passes(content: str) -> None:
    _with_file(content.encode("utf-8", errors="surrogatepass"), _only_located_messages)


@given(TREES)
@SETTINGS
def test_any_yaml_structure_as_a_record_gives_located_messages(tree: Any) -> None:
    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(tree, out)
    _with_file(out.getvalue().encode("utf-8", errors="surrogatepass"), _only_located_messages)


def _record(text: str, heading: str) -> dict[str, Any]:
    return {
        "id": "VC-002",
        "part": "vc",
        "vardval": ["vc"],
        "kind": "basuppdrag",
        "level": "ska",
        "versions": [
            {
                "year": 2025,
                "change": "ny",
                "status": "beslutad",
                "decision": {"body": "Primärvårdsnämnden"},
                "placement": {"chapter": "vc-tillganglighet", "section": "2.2", "heading": heading},
                "text": text,
                "paraphrased": True,
                "sources": [{"seed": "001_cd0c95988a732e9a.txt", "locator": "Beslutade förändringar"}],
            }
        ],
    }


def _renders(project: Path) -> None:
    db = load_database(project)
    for year in db.year_numbers():
        assert render_ffu(db, "vc", year)[:2] == b"PK"
    assert render_report(db, compare(db, 2024, 2025))[:2] == b"PK"
    with tempfile.TemporaryDirectory() as docs:
        _, pages = write_markdown(db, REPO, Path(docs) / "docs")
        assert pages > 0


@given(XML_TEXT, XML_TEXT.filter(lambda s: "\n" not in s and len(s) < 200 and s == s.strip()))
@SETTINGS
def test_every_record_that_validates_renders_to_word_and_to_the_site(text: str, heading: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "p"
        copy_project(FIXTURES / "minimal", project)
        out = io.StringIO()
        YAML(typ="safe", pure=True).dump(_record(text, heading), out)
        (project / RECORD).write_text(out.getvalue(), encoding="utf-8")
        # A text may fail validation for a reason of its own (a line starting with '#'); the
        # statistics (--hypothesis-show-statistics) show how many examples rendered.
        valid = _validate(project)[0] == 0
        event("validerad och renderad" if valid else "avvisad av valideringen")
        if valid:
            _renders(project)


def test_a_very_long_text_with_characters_from_every_plane_renders(minimal_project: Path) -> None:
    sample = "".join(chr(c) for c in (0x9, 0x41, 0x85, 0xA0, 0x2028, 0xE000, 0xFFFD, 0x1F600, 0x10FFFD, 0x80))
    unit = f'Kravtext {sample} med **fetstil** och <script>alert(1)</script> & citat "så". '
    text = (unit * (PROSE_MAX_LENGTH // len(unit))).strip()  # as long as a text may be
    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(_record(text, "Rubrik med \u00e5\u00e4\u00f6 och \U0001f600"), out)
    (minimal_project / RECORD).write_text(out.getvalue(), encoding="utf-8")
    assert _validate(minimal_project)[0] == 0
    _renders(minimal_project)
