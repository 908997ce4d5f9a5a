"""Where ffu may write: the checks every output path passes before anything is rendered.

An output never replaces something that is not a plain file (a device, a FIFO, a link, a
folder), never lands among the project's inputs or inside another output, and never creates
folders the user did not ask for. Each refusal is a Swedish sentence naming the path.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import FfuError

# The folders ffu reads from, or that hold what it built; no output may be written inside them.
INPUT_FOLDERS = ("requirements_db", "content", "templates", "schemas", "generator", ".git")
DEFAULT_OUTPUTS = ("site", "dist", ".cache")
MANIFEST = Path(".cache") / "ffu" / "manifest.json"


class OutputError(FfuError):
    """An output path that ffu must not write to; the message is Swedish."""


def _real(path: Path) -> Path:
    """`path` with every link in its folders resolved, whether or not it exists itself."""
    return path.parent.resolve() / path.name


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _previous_outputs(root: Path) -> Iterable[Path]:
    """The output folders of the last build, which may be elsewhere than site/ and dist/."""
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        outputs = data.get("outputs", {}) if isinstance(data, dict) else {}
        return [Path(value) for value in outputs.values() if isinstance(value, str)]
    except (OSError, ValueError, AttributeError):
        return []


def protected_folders(root: Path) -> list[Path]:
    """The project's inputs and the build's outputs, resolved."""
    folders = [root / name for name in (*INPUT_FOLDERS, *DEFAULT_OUTPUTS)]
    return [folder.resolve() for folder in (*folders, *_previous_outputs(root))]


def check_output_file(path: Path, root: Path) -> None:
    """Refuse a file output that would replace something other than a plain file, or land among
    the project's inputs or outputs, or need a folder that does not exist."""
    if path.parent.exists() and not path.parent.is_dir():
        raise OutputError(f"{path.parent} är ingen mapp; ange en fil i en mapp som finns")
    if not path.parent.is_dir():
        raise OutputError(
            f"mappen {path.parent} finns inte; skapa den först eller ange en fil i en mapp som finns"
        )
    check_replaceable(path)
    real = _real(path)
    for folder in protected_folders(root):
        if _inside(real, folder):
            raise OutputError(
                f"{path} ligger i {_shown(folder, root.resolve())}/, som ffu läser från eller bygger till; "
                "ange en fil utanför den mappen"
            )


def check_replaceable(path: Path) -> None:
    """Refuse a path that exists and is not a plain file: replacing it would destroy what it is."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise OutputError(f"{path} är en symbolisk länk; ffu skriver inte genom länkar, ange en annan fil")
    if stat.S_ISDIR(mode):
        raise OutputError(f"{path} är en mapp; ange en fil")
    if not stat.S_ISREG(mode):
        raise OutputError(
            f"{path} är ingen vanlig fil (utan till exempel en enhet eller en pipe); ffu ersätter bara "
            "vanliga filer, så ange en annan fil"
        )


def check_output_folders(folders: dict[str, Path], root: Path) -> None:
    """Refuse output folders that overlap each other, hold the project, or lie among its inputs.

    `folders` maps each option (such as --site) to its folder.
    """
    project = root.resolve()
    real = {option: _real(folder.absolute()) for option, folder in folders.items()}
    inputs = [(project / name).resolve() for name in INPUT_FOLDERS]
    for option, folder in real.items():
        if _inside(project, folder):
            raise OutputError(
                f"{option} {folders[option]} rymmer hela projektet; ange en egen mapp för utdata"
            )
        for source in inputs:
            if _inside(folder, source):
                raise OutputError(
                    f"{option} {folders[option]} ligger i {_shown(source, project)}/, som ffu läser från; "
                    "ange en mapp utanför den"
                )
    options = list(real)
    for index, first in enumerate(options):
        for second in options[index + 1 :]:
            a, b = real[first], real[second]
            if _inside(a, b) or _inside(b, a):
                raise OutputError(
                    f"{first} {folders[first]} och {second} {folders[second]} är samma mapp eller ligger i "
                    "varandra, så det ena bygget skulle skriva över det andra; ange två skilda mappar"
                )
