"""Around the commands: `ffu validate FILES…` for the pre-commit hook, the hook, and the CI workflow."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from .conftest import REPO, Result

VC027 = "requirements_db/requirements/VC-027.yaml"
VC026 = "requirements_db/requirements/VC-026.yaml"


def _break(root: Path, path: str) -> None:
    file = root / path
    text = re.sub(r"^level: .*$", "level: måste", file.read_text(encoding="utf-8"), count=1, flags=re.M)
    file.write_text(text, encoding="utf-8")


def test_validate_with_files_reports_only_their_problems(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    _break(real_project, VC027)
    _break(real_project, VC026)

    result = run_ffu("-C", str(real_project), "validate", VC027)

    assert result.code == 1
    assert [line.split(":")[0] for line in result.err.splitlines()] == [VC027, "1 fel hittades."]


def test_validate_with_clean_files_passes_and_counts_the_problems_elsewhere(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    _break(real_project, VC026)

    result = run_ffu("-C", str(real_project), "validate", VC027, "requirements_db/years.yaml")

    assert result.code == 0
    assert result.out == "Inga fel i 2 filer.\n(1 fel i andra filer; kör 'ffu validate' för att se dem.)\n"


def test_validate_with_files_still_reads_the_whole_database_for_references(
    real_project: Path, run_ffu: Callable[..., Result]
) -> None:
    meeting = real_project / "requirements_db/meetings/2026-05-07.yaml"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("[BVC-006]", "[VC-027]", 1), encoding="utf-8"
    )
    assert run_ffu("-C", str(real_project), "validate", "requirements_db/meetings/2026-05-07.yaml").code == 0

    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("[VC-027]", "[VC-099]", 1), encoding="utf-8"
    )
    assert run_ffu("-C", str(real_project), "validate", "requirements_db/meetings/2026-05-07.yaml").code == 1


def _yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_the_pre_commit_hook_validates_the_changed_database_files_with_the_projects_ffu() -> None:
    [repo] = _yaml(REPO / ".pre-commit-config.yaml")["repos"]
    [hook] = repo["hooks"]
    assert (repo["repo"], hook["language"], hook["entry"]) == ("local", "system", ".venv/bin/ffu validate")
    assert hook.get("pass_filenames", True)
    files = re.compile(hook["files"])
    assert files.search(VC027) and files.search("requirements_db/years.yaml")
    assert not files.search("requirements_db/sources/000_9457d6a6039ce02e.txt")
    assert not files.search("generator/cli.py")


def test_the_workflow_validates_builds_and_publishes_site_only_from_main() -> None:
    workflow = _yaml(REPO / ".github/workflows/publicera.yml")
    build, publish = workflow["jobs"]["bygg"], workflow["jobs"]["publicera"]
    commands = [step.get("run") for step in build["steps"]]
    assert commands.index(".venv/bin/ffu validate") < commands.index("make build")
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert publish["needs"] == "bygg"
    assert "refs/heads/main" in publish["if"]
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("deploy-pages" in s.get("uses", "") for s in publish["steps"])
