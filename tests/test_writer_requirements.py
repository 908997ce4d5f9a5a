"""New requirements (`ffu new`) and proposals to change or remove one (`ffu propose`)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.edit import placeholders
from generator.pipeline import load_database

from .conftest import Result, unseal

REQUIREMENTS = "requirements_db/requirements"
SOURCE = ("--source", "000_9457d6a6039ce02e.txt", "--locator", "Fråga 8")


@pytest.fixture
def draft_year(real_project: Path, run_ffu: Callable[..., Result]) -> Path:
    """The real content with 2027 open as a förslag."""
    assert run_ffu("-C", str(real_project), "new-year", "2027").code == 0
    return real_project


SKELETON = f"""\
# yaml-language-server: $schema=../../schemas/requirement.schema.json
# Startbidrag
id: VC-028
part: vc
vardval: [vc]
kind: basuppdrag
level: ska
topics: []
versions:
  - year: 2027
    change: ny
    status: förslag
    placement:
      chapter: vc-ersattning
      section: "5.7"
      heading: Startbidrag
    text: |
      {placeholders.TEXT}
    paraphrased: true
    motivation: {placeholders.MOTIVATION}
    sources:
      - seed: 004_8829011da565c4a1.txt  {placeholders.SOURCE_COMMENT}
        locator: {placeholders.LOCATOR}
"""


def test_a_new_requirement_is_a_valid_skeleton_with_the_next_id(
    draft_year: Path, run_ffu: Callable[..., Result]
) -> None:
    result = run_ffu(
        "-C", str(draft_year), "new", "--vardval", "vc", "--title", "Startbidrag", "--section", "5.7"
    )

    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "VC-028 requirements_db/requirements/VC-028.yaml"
    assert (draft_year / REQUIREMENTS / "VC-028.yaml").read_text(encoding="utf-8") == SKELETON
    assert run_ffu("-C", str(draft_year), "validate").code == 0


def _paraphrased(root: Path, rid: str) -> object:
    """The last version's `paraphrased` as written (an unedited copy does not validate yet)."""
    data = YAML(typ="safe").load((root / REQUIREMENTS / f"{rid}.yaml").read_text(encoding="utf-8"))
    return data["versions"][-1].get("paraphrased")


def test_a_new_requirements_text_is_the_writers_own_unless_marked_as_a_quote(
    draft_year: Path, run_ffu: Callable[..., Result]
) -> None:
    new = ("new", "--vardval", "vc", "--section", "5.7", "--text", "Egen text.", *SOURCE)
    assert run_ffu("-C", str(draft_year), *new, "--title", "Egen").code == 0
    assert run_ffu("-C", str(draft_year), *new, "--title", "Citat", "--ordagrant").code == 0

    assert _paraphrased(draft_year, "VC-028") is True
    assert _paraphrased(draft_year, "VC-029") is False


@pytest.mark.parametrize("text", [("--text", "Ny egen text."), ()], ids=["--text", "copy"])
def test_a_proposals_text_is_the_writers_own_even_when_the_old_one_was_a_quote(
    text: tuple[str, ...], draft_year: Path, run_ffu: Callable[..., Result]
) -> None:
    # A-001's current text is marked as standing word for word in its source.
    assert _paraphrased(draft_year, "A-001") is False

    result = run_ffu("-C", str(draft_year), "propose", "A-001", *text, *SOURCE)

    assert result.code == 0, result.err
    assert _paraphrased(draft_year, "A-001") is True


def test_a_proposal_marked_as_a_quote_says_so(draft_year: Path, run_ffu: Callable[..., Result]) -> None:
    result = run_ffu(
        "-C", str(draft_year), "propose", "VC-014", "--text", "Citat ur källan.", "--ordagrant", *SOURCE
    )

    assert result.code == 0, result.err
    assert _paraphrased(draft_year, "VC-014") is False


def test_a_removal_cannot_be_marked_as_a_quote(draft_year: Path, run_ffu: Callable[..., Result]) -> None:
    result = run_ffu("-C", str(draft_year), "propose", "VC-022", "--remove", "--ordagrant", *SOURCE)

    assert result.code == 2
    assert "--ordagrant" in result.err


def test_an_id_that_was_used_once_is_never_given_again(
    draft_year: Path, run_ffu: Callable[..., Result]
) -> None:
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
            cwd=draft_year,
            check=True,
            capture_output=True,
        )

    shutil.copy(draft_year / REQUIREMENTS / "VC-027.yaml", draft_year / REQUIREMENTS / "VC-031.yaml")
    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "ett krav som sedan togs bort")
    git("rm", "-q", f"{REQUIREMENTS}/VC-031.yaml")
    git("commit", "-q", "-m", "borttaget")

    result = run_ffu("-C", str(draft_year), "new", "--vardval", "vc", "--title", "Nytt", "--section", "5.7")

    assert result.out.splitlines()[0] == "VC-032 requirements_db/requirements/VC-032.yaml"


def test_several_vardval_make_a_del_a_requirement_placed_in_the_chapter_given(
    draft_year: Path, run_ffu: Callable[..., Result]
) -> None:
    result = run_ffu(
        "-C", str(draft_year), "new", "--vardval", "vc,bvc", "--title", "Gemensam ersättning",
        "--chapter", "a-ersattning",
    )  # fmt: skip

    assert result.code == 0, result.err
    requirement = load_database(draft_year).requirements["A-013"]
    placement = requirement.versions[0].placement
    assert (requirement.part, requirement.vardval) == ("a", ("vc", "bvc"))
    assert placement is not None and (placement.chapter, placement.section) == ("a-ersattning", "2.3")


def test_a_requirement_in_an_existing_section_takes_its_heading(
    draft_year: Path, run_ffu: Callable[..., Result]
) -> None:
    result = run_ffu(
        "-C", str(draft_year), "new", "--vardval", "vc", "--title", "Sommaröppet", "--section", "2.1"
    )

    assert result.code == 0, result.err
    assert "Avsnitt 2.1 finns redan; kravet står under dess rubrik 'Öppettider'." in result.out
    placement = load_database(draft_year).requirements["VC-028"].versions[0].placement
    assert placement is not None and placement.heading == "Öppettider"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--section", "9.1"),
            "kapitel 9 finns inte i Vårdcentral 2027, så kapitlet kan inte väljas ur avsnittsnumret",
        ),
        ((), "ange var kravet hör hemma: --section (till exempel 6.6) eller --chapter"),
        (("--section", "5.7", "--source", "000_9457d6a6039ce02e.txt"), "ange både --source och --locator"),
        (("--section", "5.7", "--year", "2026"), "året 2026 är beslutat"),
        (("--section", "5.7", "--chapter", "bvc-uppdrag"), "kapitlet 'bvc-uppdrag' finns inte i Vårdcentral"),
    ],
)
def test_new_refuses_what_it_cannot_place_or_source_and_writes_nothing(
    args: tuple[str, ...], message: str, draft_year: Path, run_ffu: Callable[..., Result]
) -> None:
    result = run_ffu("-C", str(draft_year), "new", "--vardval", "vc", "--title", "X", *args)
    assert result.code == 2
    assert message in result.err and result.err.endswith("; inget har ändrats\n")
    assert not (draft_year / REQUIREMENTS / "VC-028.yaml").exists()


def test_a_proposal_starts_as_a_copy_of_the_current_version_at_the_end_of_the_file(
    draft_year: Path, run_ffu: Callable[..., Result]
) -> None:
    path = draft_year / REQUIREMENTS / "VC-014.yaml"
    before = path.read_text(encoding="utf-8")

    result = run_ffu("-C", str(draft_year), "propose", "VC-014", *SOURCE)

    assert result.code == 0, result.err
    current = before.split("  - year: 2026\n", 1)[1].split("    sources:", 1)[0]
    assert path.read_text(encoding="utf-8") == before + (
        "  - year: 2027\n    change: ändrad\n    status: förslag\n"
        + current.split("    status: beslutad\n", 1)[1]
        + f"    motivation: {placeholders.MOTIVATION}\n"
        "    sources:\n      - seed: 000_9457d6a6039ce02e.txt\n        locator: Fråga 8\n"
    )
    assert "skriv den nya texten" in result.out


def test_a_removal_has_no_text_and_no_placement(draft_year: Path, run_ffu: Callable[..., Result]) -> None:
    result = run_ffu(
        "-C", str(draft_year), "propose", "VC-022", "--remove", "--motivation", "Upphör.", *SOURCE
    )

    assert result.code == 0, result.err
    version = load_database(draft_year).requirements["VC-022"].versions[-1]
    assert (version.year, version.change, version.status) == (2027, "utgår", "förslag")
    assert version.text is None and version.placement is None
    assert load_database(draft_year).requirements["VC-022"].version_for(2027) is None


def test_a_proposal_keeps_the_vardval_a_del_a_version_was_narrowed_to(
    draft_year: Path, run_ffu: Callable[..., Result]
) -> None:
    path = draft_year / REQUIREMENTS / "A-001.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    paraphrased: false\n", "    paraphrased: false\n    vardval: [vc, bvc]\n"
        ),
        encoding="utf-8",
    )
    unseal(draft_year)  # the fixture narrows a decided version, which a sealed database would refuse
    result = run_ffu(
        "-C", str(draft_year), "propose", "A-001", "--text", "Ny text.", "--motivation", "M", *SOURCE
    )

    assert result.code == 0, result.err
    requirement = load_database(draft_year).requirements["A-001"]
    assert requirement.scope(requirement.versions[-1]) == ("vc", "bvc")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("VC-099",), "kravet VC-099 finns inte"),
        (
            ("VC-014", "--year", "2026"),
            "året 2026 är beslutat; förslag görs för ett år som är öppet som förslag (2027)",
        ),
        (("VC-014", "--year", "2028"), "året 2028 finns inte i requirements_db/years.yaml"),
        (("VC-021",), "VC-021 gäller inte 2027 (det har utgått)"),
    ],
)
def test_propose_refuses_and_writes_nothing(
    args: tuple[str, ...], message: str, draft_year: Path, run_ffu: Callable[..., Result]
) -> None:
    before = {p: p.read_bytes() for p in draft_year.rglob("*") if p.is_file()}
    result = run_ffu("-C", str(draft_year), "propose", *args)
    assert result.code == 2
    assert message in result.err
    assert before == {p: p.read_bytes() for p in draft_year.rglob("*") if p.is_file()}


def test_a_second_proposal_for_the_same_year_is_refused(
    draft_year: Path, run_ffu: Callable[..., Result]
) -> None:
    run_ffu("-C", str(draft_year), "propose", "VC-014")
    result = run_ffu("-C", str(draft_year), "propose", "VC-014", "--remove")
    assert result.err == (
        "ffu: VC-014 har redan en version för 2027; ändra den i requirements_db/requirements/VC-014.yaml; "
        "inget har ändrats\n"
    )


def test_without_an_open_year_there_is_nothing_to_propose_for(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    result = run_ffu("-C", str(real_project), "propose", "VC-014")
    assert result.err == (
        "ffu: inget år är öppet som förslag; öppna nästa år med 'ffu new-year 2027'; inget har ändrats\n"
    )


def test_a_proposal_whose_text_breaks_the_rules_is_refused_at_the_line_it_would_have(
    draft_year: Path, run_ffu: Callable[..., Result]
) -> None:
    # The proposal would be added at the end of the file, just after its last line.
    end = len((draft_year / REQUIREMENTS / "VC-014.yaml").read_text(encoding="utf-8").splitlines()) + 1
    result = run_ffu(
        "-C", str(draft_year), "propose", "VC-014", "--text", "# Rubrik", "--motivation", "M", *SOURCE
    )
    assert result.code == 1
    assert result.err.splitlines()[1] == (
        f"requirements_db/requirements/VC-014.yaml:{end}:1: rubriker (#) används inte i texten; rubriken "
        "står i placement.heading (i raderna som kommandot skulle ha lagt till här)"
    )
