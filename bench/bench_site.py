"""Benchmark the website build on the synthetic corpus: `python -m bench.bench_site [--runs 3]`.

Builds the site for 2 000 requirements over three years (200 region comparisons, 300
questions) several times and reports the median time of the two stages, Markdown
generation and `mkdocs build`, and the size of the built site. Prints a table and writes
the figures as JSON to build/bench/site.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.site.build import build_site
from generator.synthetic import make_database

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "build" / "bench" / "site.json"


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def run_once(requirements: int) -> dict[str, float]:
    db = make_database(
        n_requirements=requirements,
        years=(2024, 2025, 2026),
        change_rate=0.1,
        n_comparisons=200,
        n_questions=300,
    )
    with tempfile.TemporaryDirectory(prefix="ffu-bench-") as tmp:
        started = time.perf_counter()
        result = build_site(db, ROOT, Path(tmp) / "site", work_dir=Path(tmp) / "arbete")
        total = time.perf_counter() - started
        size, files = _size(result.site_dir)
    return {
        "markdown_s": result.markdown_seconds,
        "mkdocs_s": result.mkdocs_seconds,
        "total_s": total,
        "site_mb": size / 1_000_000,
        "files": files,
        "pages": result.pages,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_site", description="Mät bygget av webbplatsen.")
    parser.add_argument("--runs", type=int, default=3, help="antal byggen (standard: 3)")
    parser.add_argument("--krav", type=int, default=2000, help="antal krav (standard: 2000)")
    args = parser.parse_args(argv)
    runs = [run_once(args.krav) for _ in range(args.runs)]
    median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    rows = [
        ("Markdown", f"{median['markdown_s']:.2f} s"),
        ("mkdocs build", f"{median['mkdocs_s']:.2f} s"),
        ("Totalt", f"{median['total_s']:.2f} s"),
        ("Webbplatsens storlek", f"{median['site_mb']:.1f} MB"),
        ("Sidor (Markdown)", f"{median['pages']:.0f}"),
        ("Filer", f"{median['files']:.0f}"),
    ]
    print(f"Webbplatsen för {args.krav} krav, 3 år – median av {args.runs} byggen")
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"  {label.ljust(width)}  {value.rjust(10)}")
    report: dict[str, Any] = {
        "requirements": args.krav,
        "years": [2024, 2025, 2026],
        "runs": runs,
        "median": median,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.platform(),
        },
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"skrev {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
