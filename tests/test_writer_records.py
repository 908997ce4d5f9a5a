"""Sources, regions, topics and omvärldsbevakning by command, `ffu status`, and the messages around them.

Every case runs on a copy of the real database (`real_project`). The made-up document and
region in these tests ("Region Provlän") exist only in the copies, never in the content.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.edit.records import parse_figure
from generator.pipeline import load_database

from .conftest import REPO, Result

DB = "requirements_db"
DOCUMENT = "Provdokument för ffu:s tester (påhittat).\n\nRegion Provlän\nÖppet minst 40 timmar per vecka.\n"

Run = Callable[..., Result]


def _files(root: Path) -> dict[str, bytes]:
    """The project's files, without ffu's own working files (its cache and the editing lock)."""
    files = (p for p in sorted(root.rglob("*")) if p.is_file())
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in files
        if p.relative_to(root).parts[0] != ".cache"
    }


def _add_source(root: Path, run_ffu: Run, *extra: str) -> tuple[Result, str]:
    (root.parent / "prov.txt").write_text(DOCUMENT, encoding="utf-8")
    result = run_ffu(
        *("-C", str(root), "source", "add", str(root.parent / "prov.txt")),
        *("--title", "Provdokument", "--publisher", "Region Provlän", "--date", "2026-03-01", *extra),
    )
    return result, f"005_{hashlib.sha256(DOCUMENT.encode()).hexdigest()[:16]}.txt"


# -- ffu source add ---------------------------------------------------------------------------


def test_source_add_copies_the_file_under_the_next_name_and_registers_it(
    real_project: Path, run_ffu: Run
) -> None:
    result, name = _add_source(real_project, run_ffu, "--url", "https://example.org/prov")
    assert result.code == 0, result.err
    assert (real_project / DB / "sources" / name).read_text(encoding="utf-8") == DOCUMENT
    register = YAML(typ="safe").load((real_project / DB / "sources.yaml").read_text(encoding="utf-8"))
    assert register["sources"][-1] == {
        "file": name,
        "title": "Provdokument",
        "publisher": "Region Provlän",
        "date": dt.date(2026, 3, 1),
        "url": "https://example.org/prov",
    }
    assert load_database(real_project).sources[name].url == "https://example.org/prov"


def test_source_add_refuses_a_document_already_registered(real_project: Path, run_ffu: Run) -> None:
    before = _files(real_project)
    result = run_ffu(
        *(
            "-C",
            str(real_project),
            "source",
            "add",
            str(real_project / DB / "sources" / "000_9457d6a6039ce02e.txt"),
        ),
        *("--title", "Samma igen", "--publisher", "Region Skåne"),
    )
    assert result.code == 2
    assert "finns redan som 000_9457d6a6039ce02e.txt" in result.err
    assert _files(real_project) == before


def test_source_add_refuses_a_file_that_is_not_utf8_text(real_project: Path, run_ffu: Run) -> None:
    (real_project.parent / "bild.pdf").write_bytes(b"%PDF-1.7\n\xff\xfe\x00")
    before = _files(real_project)
    result = run_ffu(
        "-C",
        str(real_project),
        "source",
        "add",
        str(real_project.parent / "bild.pdf"),
        "--title",
        "x",
        "--publisher",
        "y",
    )
    assert result.code == 2 and "ingen text i UTF-8" in result.err
    assert _files(real_project) == before


def test_a_registered_source_whose_file_is_missing_is_a_located_error(
    real_project: Path, run_ffu: Run
) -> None:
    (real_project / DB / "sources" / "002_7fc2f6196ae83701.txt").unlink()
    result = run_ffu("-C", str(real_project), "validate")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"{DB}/sources.yaml:13:11: källfilen {DB}/sources/002_7fc2f6196ae83701.txt finns inte; lägg tillbaka "
        "den (git checkout -- filen) eller ta bort posten om dokumentet inte används"
    )


# -- ffu region add and ffu topic add ---------------------------------------------------------


def test_region_add_refuses_a_spelling_of_a_region_that_is_there(real_project: Path, run_ffu: Run) -> None:
    result = run_ffu("-C", str(real_project), "region", "add", "Örebro")
    assert result.code == 2
    assert "'Örebro' liknar 'Region Örebro län', som redan finns" in result.err
    assert run_ffu("-C", str(real_project), "region", "add", "Region Provlän").code == 0
    assert "  - name: Region Provlän\n" in (real_project / DB / "regions.yaml").read_text(encoding="utf-8")


def test_topic_add_appends_a_topic_and_refuses_one_that_cannot_be_an_id(
    real_project: Path, run_ffu: Run
) -> None:
    assert run_ffu("-C", str(real_project), "topic", "add", "sommaroppet", "--name", "Sommaröppet").code == 0
    assert load_database(real_project).topics["sommaroppet"].name == "Sommaröppet"
    refused = run_ffu("-C", str(real_project), "topic", "add", "sommaröppet", "--name", "Sommar")
    assert refused.code == 2 and "kan inte vara ett ämnes-id" in refused.err


# -- ffu omvarld add --------------------------------------------------------------------------


def _omvarld(root: Path, run_ffu: Run, source: str, *extra: str) -> Result:
    return run_ffu(
        *(
            "-C",
            str(root),
            "omvarld",
            "add",
            "--topic",
            "oppettider",
            "--rule",
            "Öppet minst 40 timmar per vecka.",
        ),
        *("--figure", "Öppettid per vecka=40 timmar", "--source", source, "--locator", "Region Provlän"),
        *("--year-observed", "2026", *extra),
    )


def test_omvarld_add_writes_the_next_omv_record(real_project: Path, run_ffu: Run) -> None:
    _, source = _add_source(real_project, run_ffu)
    assert run_ffu("-C", str(real_project), "region", "add", "Region Provlän").code == 0
    result = _omvarld(real_project, run_ffu, source, "--region", "Region Provlän", "--aspect", "Öppettider")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == f"OMV-104 {DB}/comparisons/OMV-104.yaml"
    comparison = load_database(real_project).comparisons["OMV-104"]
    assert (comparison.region, comparison.topic, comparison.aspect) == (
        "Region Provlän",
        "oppettider",
        "Öppettider",
    )
    assert comparison.year_observed == 2026 and comparison.paraphrased
    assert [(f.label, f.value, f.unit) for f in comparison.figures] == [("Öppettid per vecka", 40, "timmar")]
    assert comparison.sources[0].seed == source


def test_omvarld_add_suggests_the_registered_region_and_changes_nothing(
    real_project: Path, run_ffu: Run
) -> None:
    before = _files(real_project)
    result = _omvarld(
        real_project, run_ffu, "004_8829011da565c4a1.txt", "--region", "Kronoberg", "--aspect", "Öppettider"
    )
    assert result.code == 2
    assert "okänd region 'Kronoberg' (menar du 'Region Kronoberg'?)" in result.err
    assert _files(real_project) == before


def test_omvarld_add_with_a_new_region_registers_it_in_the_same_change(
    real_project: Path, run_ffu: Run
) -> None:
    _, source = _add_source(real_project, run_ffu)
    result = _omvarld(
        real_project, run_ffu, source, "--region", "Region Provlän", "--aspect", "Öppettider", "--ny-region"
    )
    assert result.code == 0, result.err
    assert "Region Provlän" in load_database(real_project).regions


def test_omvarld_add_suggests_an_aspect_already_used_for_the_topic(real_project: Path, run_ffu: Run) -> None:
    result = run_ffu(
        *("-C", str(real_project), "omvarld", "add", "--topic", "filialer", "--region", "Region Dalarna"),
        *(
            "--aspect",
            "Listning på filialer",
            "--rule",
            "x",
            "--source",
            "004_8829011da565c4a1.txt",
            "--locator",
            "y",
        ),
    )
    assert result.code == 2
    assert (
        "aspekten 'Listning på filialer' används inte för ämnet 'filialer' (menar du 'Listning på filial'?)"
        in (result.err)
    )


def test_an_unknown_region_in_a_file_is_a_validation_error(real_project: Path, run_ffu: Run) -> None:
    path = real_project / DB / "comparisons" / "OMV-002.yaml"
    text = path.read_text(encoding="utf-8")
    region = next(line for line in text.splitlines() if line.startswith("region:"))
    path.write_text(text.replace(region, "region: Region Kronobergs län"), encoding="utf-8")
    result = run_ffu("-C", str(real_project), "validate")
    assert result.code == 1
    assert "okänd region 'Region Kronobergs län' (menar du 'Region Kronoberg'?)" in result.err


@pytest.mark.parametrize(
    ("text", "label", "value", "unit"),
    [
        ("Öppettid per vecka=45 timmar", "Öppettid per vecka", 45, "timmar"),
        ("Startbidrag=150 000 kr/månad", "Startbidrag", 150000, "kr/månad"),
        ("Andel = 6,5 %", "Andel", 6.5, "%"),
        ("Andel=95%", "Andel", 95, "%"),
    ],
)
def test_a_figure_is_label_value_and_unit(text: str, label: str, value: float, unit: str) -> None:
    figure = parse_figure(text)
    assert (figure.label, figure.value, figure.unit) == (label, value, unit)


@pytest.mark.parametrize("text", ["45 timmar", "Öppettid=", "Öppettid=många timmar", "Öppettid=45"])
def test_a_figure_without_label_number_or_unit_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="etikett=värde enhet"):
        parse_figure(text)


# -- ffu status -------------------------------------------------------------------------------


def test_status_lists_what_stands_between_the_open_year_and_a_decision(
    real_project: Path, run_ffu: Run
) -> None:
    root = str(real_project)
    assert run_ffu("-C", root, "new-year", "2027").code == 0
    assert run_ffu("-C", root, "propose", "VC-001").code == 0
    vc014 = real_project / DB / "requirements" / "VC-014.yaml"
    assert (
        run_ffu(
            "-C",
            root,
            "propose",
            "VC-014",
            "--remove",
            "--motivation",
            "m",
            "--source",
            "000_9457d6a6039ce02e.txt",
            "--locator",
            "Fråga 1",
        ).code
        == 0
    )
    text = vc014.read_text(encoding="utf-8")
    vc014.write_text(
        text[: text.rindex("    motivation: m\n")] + text[text.rindex("    sources:") :], encoding="utf-8"
    )
    result = run_ffu("-C", root, "status")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "FFU-året 2027: 2 förslag."
    assert f"  {DB}/requirements/VC-001.yaml:" in result.out and "texten är en oförändrad kopia" in result.out
    assert "VC-001: motiveringen är fortfarande platshållaren" in result.out
    assert any(
        line.startswith(f"  {DB}/requirements/VC-014.yaml:") and "saknar motivering" in line for line in lines
    )
    assert "Frågor från dialogmöten utan svar: inga" in result.out  # 2026's questions are all answered
    assert lines[-1] == "Året kan inte beslutas förrän förslagen ovan är färdiga ('ffu decide 2027' vägrar)."


def test_status_without_an_open_year_says_so(real_project: Path, run_ffu: Run) -> None:
    result = run_ffu("-C", str(real_project), "status")
    assert result.code == 0
    assert result.out.startswith("Inget år är öppet som förslag")


# -- messages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        (
            f"{DB}/requirements/VC-001.yaml",
            "topics: [oppettider,",
            "topics: [oppetider,",
            "okänt ämne 'oppetider' (menar du 'oppettider'?)",
        ),
        (f"{DB}/requirements/VC-027.yaml", "chapter: vc-", "chapter: vcc-", "(menar du 'vc-"),
        (
            f"{DB}/meetings/2026-05-07.yaml",
            "requirements: [BVC-006]",
            "requirements: [BVC-016]",
            "kravet BVC-016 finns inte (menar du 'VC-016'?)",
        ),
        (f"{DB}/requirements/VC-001.yaml", "seed: 00", "seed: 01", "(menar du '00"),
    ],
    ids=["topic", "chapter", "requirement with another part's prefix", "source"],
)
def test_an_unknown_id_gets_the_nearest_known_one(
    real_project: Path, run_ffu: Run, path: str, old: str, new: str, expected: str
) -> None:
    file = real_project / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_ffu("-C", str(real_project), "validate")
    assert result.code == 1
    assert expected in result.err


def test_a_file_that_cannot_be_read_causes_no_errors_in_the_files_that_refer_to_it(
    real_project: Path, run_ffu: Run
) -> None:
    bvc006 = real_project / DB / "requirements" / "BVC-006.yaml"
    bvc006.write_text(
        bvc006.read_text(encoding="utf-8").replace("\n  - year", "\n\t- year", 1), encoding="utf-8"
    )
    result = run_ffu("-C", str(real_project), "validate")
    assert result.code == 1
    problems = result.err.splitlines()[:-1]
    assert [p.split(":")[0] for p in problems] == [f"{DB}/requirements/BVC-006.yaml"]
    assert "tabb" in problems[0]


def test_windows_line_endings_are_reported_where_they_start(real_project: Path, run_ffu: Run) -> None:
    topics = real_project / DB / "topics.yaml"
    topics.write_bytes(topics.read_bytes().replace(b"\n", b"\r\n"))
    result = run_ffu("-C", str(real_project), "validate")
    assert result.code == 1
    first = len(topics.read_bytes().split(b"\r\n")[0].decode("utf-8")) + 1
    assert result.err.splitlines()[0] == (
        f"{DB}/topics.yaml:1:{first}: filen har Windows-radslut (CRLF); spara den med LF, i VS Code "
        "genom att klicka på CRLF längst ned till höger och välja LF"
    )


def test_qa_answer_help_says_it_also_completes_an_answer(
    run_ffu: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        run_ffu("qa", "answer", "--help")
    assert "blir texten en komplettering av svaret" in " ".join(capsys.readouterr().out.split())


# -- done when: a new region's fact from a new document reaches the site ----------------------


def test_a_new_documents_fact_about_a_new_region_gets_a_comparison_page_and_a_search_hit(
    tmp_path: Path, run_ffu: Run
) -> None:
    root = tmp_path / "projekt"
    root.mkdir()
    for name in ("requirements_db", "content", "templates", "schemas"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    before = _files(root)
    _, source = _add_source(root, run_ffu)
    rule = "Vårdcentralen i Provlän har öppet minst 40 timmar per vecka."
    added = run_ffu(
        *("-C", str(root), "omvarld", "add", "--region", "Region Provlän", "--ny-region"),
        *("--topic", "oppettider", "--aspect", "Öppettider", "--rule", rule),
        *("--source", source, "--locator", "Region Provlän"),
    )
    assert added.code == 0, added.err
    built = run_ffu("-C", str(root), "build")
    assert built.code == 0, built.err

    outputs = ("site/", "dist/", ".cache/", "build/")
    after = {p: b for p, b in _files(root).items() if not p.startswith(outputs)}
    changed = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
    assert changed == {
        f"{DB}/sources/{source}",
        f"{DB}/sources.yaml",
        f"{DB}/regions.yaml",
        f"{DB}/comparisons/OMV-104.yaml",
    }
    page = (root / "site" / "omvarld" / "oppettider.html").read_text(encoding="utf-8")
    assert "Region Provlän" in page and rule in page
    # Pagefind's fragments are gzipped JSON after a signature: the text search shows for a page.
    fragments = [
        json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd"))
        for p in (root / "site" / "pagefind" / "fragment").glob("*.pf_fragment")
    ]
    hits = [f["url"] for f in fragments if "Provlän" in f["content"]]
    assert any(url.startswith("/omvarld/oppettider.html") for url in hits), hits
