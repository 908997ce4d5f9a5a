"""Golden outputs: the fixture's Word XML and site Markdown match tests/golden/ line for line.

A renderer or template change shows up here as a diff; when the change is meant, `make golden`
rewrites the files and the diff goes into review with the code.
"""

from __future__ import annotations

import difflib

import pytest

from .golden.render import HERE, outputs

HINT = "Om ändringen är avsiktlig: kör `make golden` och granska diffen i git."


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return outputs()


def golden_names() -> list[str]:
    return sorted(p.relative_to(HERE).as_posix() for p in HERE.rglob("*") if p.suffix in {".xml", ".md"})


def test_every_golden_output_has_a_golden_file(rendered: dict[str, str]) -> None:
    assert sorted(rendered) == golden_names(), HINT


@pytest.mark.parametrize("name", golden_names())
def test_output_matches_its_golden_file(rendered: dict[str, str], name: str) -> None:
    expected = (HERE / name).read_text(encoding="utf-8")
    actual = rendered.get(name, "")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"tests/golden/{name}",
            tofile=f"{name} som det renderas nu",
            n=2,
        )
        lines = list(diff)
        shown = "".join(lines[:200]) + (f"… ({len(lines) - 200} rader till)\n" if len(lines) > 200 else "")
        pytest.fail(f"{name} skiljer sig från golden-filen:\n{shown}{HINT}", pytrace=False)
