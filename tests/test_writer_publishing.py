"""Around the commands: `ffu validate FILES…` for editors, the pre-commit hook, and the CI workflow."""

from __future__ import annotations

import re
import shlex
import subprocess
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


def _hook(name: str = "ffu-validate") -> dict[str, Any]:
    [repo] = _yaml(REPO / ".pre-commit-config.yaml")["repos"]
    [hook] = [h for h in repo["hooks"] if h["id"] == name]
    assert (repo["repo"], hook["language"]) == ("local", "system")
    return dict(hook)


def _commit(root: Path, staged: list[str]) -> int:
    """The hook's exit code for a commit of `staged` (existing files), run as pre-commit runs it.

    pre-commit skips a hook when no staged file matches `files`, unless `always_run`; it
    passes the matching files' names, unless `pass_filenames: false`; and it runs the entry
    at the project root. A deleted file is never among the names it passes.
    """
    hook = _hook()
    matching = [path for path in staged if re.search(hook.get("files", ""), path)]
    if not matching and not hook.get("always_run", False):
        return 0
    (root / ".venv").symlink_to(REPO / ".venv", target_is_directory=True)
    names = matching if hook.get("pass_filenames", True) else []
    return subprocess.run([*shlex.split(hook["entry"]), *names], cwd=root, check=False).returncode


def test_the_pre_commit_hook_validates_the_whole_database_with_the_projects_ffu() -> None:
    hook = _hook()
    assert shlex.split(hook["entry"]) == [".venv/bin/ffu", "validate"]
    assert hook["pass_filenames"] is False and hook["always_run"] is True


def test_the_pre_commit_hook_passes_a_database_without_problems(real_project: Path) -> None:
    assert _commit(real_project, [VC027]) == 0


def test_the_pre_commit_hook_stops_a_removed_topic_that_requirements_still_use(real_project: Path) -> None:
    topics = real_project / "requirements_db/topics.yaml"
    text = topics.read_text(encoding="utf-8")
    assert "  - id: oppettider\n    name: Öppettider\n" in text
    topics.write_text(text.replace("  - id: oppettider\n    name: Öppettider\n", ""), encoding="utf-8")

    assert _commit(real_project, ["requirements_db/topics.yaml"]) == 1


def test_the_pre_commit_hook_stops_a_commit_that_only_deletes_a_requirement_still_referred_to(
    real_project: Path,
) -> None:
    (real_project / "requirements_db/requirements/VC-009.yaml").unlink()  # a 2025 question is about it

    assert _commit(real_project, []) == 1


def _workflow() -> Any:
    return _yaml(REPO / ".github/workflows/publicera.yml")


def test_the_workflow_sets_up_what_the_pdfs_need_then_validates_before_it_builds() -> None:
    build = _workflow()["jobs"]["bygg"]
    commands = [step.get("run") for step in build["steps"]]
    # The build lays out the Word files with LibreOffice for page numbers and PDFs: make setup installs it.
    assert "make setup" in commands
    assert commands.index("make setup") < commands.index(".venv/bin/ffu validate")
    assert commands.index(".venv/bin/ffu validate") < commands.index(".venv/bin/ffu build")


def test_the_workflow_publishes_the_site_only_from_main() -> None:
    jobs = _workflow()["jobs"]
    build, publish = jobs["bygg"], jobs["publicera"]
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert publish["needs"] == ["bygg", "test"]
    assert "refs/heads/main" in publish["if"]
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("deploy-pages" in s.get("uses", "") for s in publish["steps"])


def test_a_newer_push_never_cancels_a_run_on_main_that_may_be_publishing() -> None:
    concurrency = _workflow()["concurrency"]
    assert concurrency["cancel-in-progress"] == "${{ github.ref != 'refs/heads/main' }}"


def test_every_run_tests_and_main_publishes_only_after_the_tests_pass() -> None:
    workflow = _workflow()
    assert "pull_request" in workflow["on"] and "push" in workflow["on"]
    test = workflow["jobs"]["test"]
    assert "if" not in test, "the tests run for pushes to main too, not only for pull requests"
    assert "make test" in [step.get("run") for step in test["steps"]]
    assert "test" in workflow["jobs"]["publicera"]["needs"]
