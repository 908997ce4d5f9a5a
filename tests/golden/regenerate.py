"""Rewrite the golden files from the current renderers: `make golden` (python -m tests.golden.regenerate).

Run it after a deliberate change to a renderer or template, and review the diff in git.
"""

from __future__ import annotations

from .render import HERE, outputs


def main() -> None:
    texts = outputs()
    for name, text in texts.items():
        target = HERE / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    stale = {p for p in HERE.rglob("*") if p.is_file() and p.suffix in {".xml", ".md"}}
    stale -= {HERE / name for name in texts}
    for path in sorted(stale):
        path.unlink()
    print(f"{len(texts)} golden-filer skrivna i {HERE.relative_to(HERE.parent.parent)}/.")


if __name__ == "__main__":
    main()
