"""`make bench`: every stage on a generated corpus, with naive baselines and the budgets.

    python -m bench.run [--requirements 2000] [--years 3] [--change-rate 0.1]
                        [--comparisons 200] [--questions 300] [--runs 3] [--json build/bench/bench.json]

The corpus is synthetic and deterministic (`generator.synthetic`), written to disk as the
YAML records writers keep. Each stage runs `--runs` times, each time in a fresh process:
the table gives the median wall time and the largest peak memory (max RSS). The same
figures go to a JSON file. Budgets are checked here and printed, never in timed tests:
these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.corpus import write_corpus
from generator.synthetic import make_database

ROOT = Path(__file__).resolve().parents[1]

# (stage, Swedish label, baseline stage or None)
STAGES = [
    ("load", "Läsa in och validera", "load-baseline"),
    ("docx", "Word, alla fyra vårdval ett år", None),
    ("docx-one", "Word, ett vårdval (lxml)", "docx-baseline"),
    ("report", "Ändringsrapport mellan två år", None),
    ("markdown", "Webbplatsens Markdown", None),
    ("mkdocs", "mkdocs build", None),
    ("search", "Sökindex (Pagefind)", None),
    ("build", "Helt bygge (ffu build --utan-pdf)", None),
    ("edit", "Bygge efter ändring av ett krav", None),
    ("noop", "Bygge utan ändring", None),
    ("layout", "Utläggning och PDF, ett vårdval", None),
]
LABELS = {
    "load-baseline": "  jämförelse: ruamel round-trip",
    "docx-baseline": "  jämförelse: python-docx cell-API",
}
# Budgets in seconds (and megabytes for memory), from the issues.
BUDGETS = {"build": 30.0, "noop": 3.0, "docx-one": 2.0, "report": 3.0}
MEMORY_BUDGET_MB = 1024.0
# What a reader's first search may download (issue 12), in kilobytes.
FIRST_QUERY_BUDGET_KB = 500.0


@dataclass
class Figure:
    stage: str
    label: str
    median_s: float
    runs_s: list[float]
    peak_mb: float


def run_stage(stage: str, project: Path) -> tuple[float, float, dict[str, float]]:
    """Seconds, peak memory (MB) and the stage's own figures for one run of `stage` in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.stages", stage, str(project)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    out = process.stdout.read() if process.stdout else ""
    err = process.stderr.read() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"steget {stage} misslyckades:\n{err[-3000:]}")
    figures = json.loads(out.strip().splitlines()[-1])
    # ru_maxrss is in kilobytes on Linux; it is the largest process of the stage's tree, and
    # forked workers share most of their pages with it.
    return float(figures["seconds"]), usage.ru_maxrss / 1024, figures


def fresh_project(corpus: Path, into: Path) -> Path:
    """A copy of the corpus project, so that stages that build do not see each other's outputs."""
    if into.exists():
        shutil.rmtree(into)
    shutil.copytree(corpus, into, symlinks=True)
    return into


def make_corpus(args: argparse.Namespace, folder: Path) -> Path:
    years = tuple(range(2024, 2024 + args.years))
    db = make_database(args.requirements, years, args.change_rate, args.comparisons, args.questions)
    write_corpus(db, folder)
    # The site and the build read templates, prose and the mkdocs configuration from the project.
    for name in ("templates", "content"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def _seconds(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--requirements", type=int, default=2000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--change-rate", type=float, default=0.1)
    parser.add_argument("--comparisons", type=int, default=200)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "bench" / "bench.json")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="ffu-bench-"))
    try:
        corpus = make_corpus(args, work / "korpus")
        files = sum(1 for _ in (corpus / "requirements_db").rglob("*.yaml"))
        print(
            f"Korpus: {args.requirements} krav över {args.years} år, {args.change_rate:.0%} ändrade per år, "
            f"{args.comparisons} omvärldsuppgifter, {args.questions} frågor ({files} YAML-filer). "
            f"{args.runs} körningar per steg, var och en i en egen process.\n"
        )
        figures_by_stage: list[Figure] = []
        site_bytes = 0
        first_query: dict[str, list[int]] = {}
        stages = [(s, lbl) for s, lbl, _ in STAGES] + [(b, LABELS[b]) for _, _, b in STAGES if b]
        for stage, label in stages:
            runs, peaks = [], []
            for index in range(args.runs):
                project = fresh_project(corpus, work / f"projekt-{stage}-{index}")
                seconds, peak, figures = run_stage(stage, project)
                if "site_bytes" in figures:
                    site_bytes = int(figures["site_bytes"])
                for key, value in figures.items():
                    if key.startswith("first_query_bytes:"):
                        first_query.setdefault(key.split(":", 1)[1], []).append(int(value))
                runs.append(seconds)
                peaks.append(peak)
                shutil.rmtree(project, ignore_errors=True)
            figures_by_stage.append(Figure(stage, label, statistics.median(runs), runs, max(peaks)))
            print(
                f"  {label:<40} {_seconds(statistics.median(runs)):>8} s  {max(peaks):>7.0f} MB", flush=True
            )
        by_stage = {f.stage: f for f in figures_by_stage}
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    print(f"{'steg':<42}{'median':>9}{'minne':>10}{'jämförelse':>13}{'budget':>16}")
    checks: list[tuple[str, bool]] = []
    for stage, label, baseline in STAGES:
        figure = by_stage[stage]
        ratio = ""
        if baseline:
            base = by_stage[baseline]
            ratio = f"{base.median_s / figure.median_s:.1f}× snabbare".replace(".", ",")
        budget = BUDGETS.get(stage)
        verdict = ""
        if budget is not None:
            ok = figure.median_s < budget
            checks.append((f"{label} under {_seconds(budget)} s", ok))
            verdict = f"< {_seconds(budget)} s {'ja' if ok else 'NEJ'}"
        print(f"{label:<42}{_seconds(figure.median_s):>8}s{figure.peak_mb:>8.0f}MB{ratio:>15}{verdict:>16}")
    peak = max(f.peak_mb for f in figures_by_stage)
    checks.append(
        (f"största minnestopp {peak:.0f} MB under {MEMORY_BUDGET_MB:.0f} MB", peak < MEMORY_BUDGET_MB)
    )
    site_mb = site_bytes / 1e6
    checks.append((f"webbplatsen {site_mb:.1f} MB under 100 MB".replace(".", ","), site_mb < 100))
    site_time = by_stage["markdown"].median_s + by_stage["mkdocs"].median_s + by_stage["search"].median_s
    checks.append((f"webbplatsen byggs på {_seconds(site_time)} s, under 20 s", site_time < 20))
    # A fresh browser per query and run; the largest of the runs counts (they are the same
    # unless the index changed).
    downloads_kb = {query: max(sizes) / 1000 for query, sizes in first_query.items()}
    print("\nFörsta sökningen i en ny webbläsare hämtar (sökindexets filer):")
    for query, kb in downloads_kb.items():
        print(f"  {query!r:<32} {kb:>7.0f} kB")
    worst = max(downloads_kb.values(), default=0.0)
    checks.append(
        (
            f"första sökningen hämtar högst {worst:.0f} kB, under {FIRST_QUERY_BUDGET_KB:.0f} kB",
            0 < worst <= FIRST_QUERY_BUDGET_KB,
        )
    )
    print()
    for text, ok in checks:
        print(f"  {'✓' if ok else '✗'} {text}")

    report = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "system": platform.platform(),
        },
        "corpus": {
            k: getattr(args, k) for k in ("requirements", "years", "change_rate", "comparisons", "questions")
        },
        "runs": args.runs,
        "stages": [asdict(f) for f in figures_by_stage],
        "site_megabytes": site_mb,
        "first_query_kilobytes": downloads_kb,
        "checks": [{"check": text, "ok": ok} for text, ok in checks],
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    shown = args.json.relative_to(ROOT) if args.json.is_relative_to(ROOT) else args.json
    print(f"\nSiffrorna finns också i {shown}.")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
