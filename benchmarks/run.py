"""``make bench``: sphinx-archdoc against hand-written reST and sphinx-needs.

Whole-process measurements: every build is a fresh ``python -m sphinx``
process, timed by wall clock, its peak resident memory read from the kernel
(``wait4``).  The variants of one scenario run paired and alternating (A B C,
then C B A, ...), so a noisy neighbour slows both sides of a pair alike; each
ratio is computed per pair and reported as the median with its min-max spread.

Scenarios (``--scenarios``): ``full`` (clean serial build), ``parallel``
(clean ``-j 2``), ``items`` (clean build without the summary page), ``edit``
(one document edited, incremental build; sphinx-archdoc keeps its summaries
current by itself, the others are given the summary page to rebuild too),
``scaling`` (sphinx-archdoc alone, clean serial builds at ``--scaling`` sizes),
``edit-scale`` (sphinx-archdoc alone at ``--edit-scale`` sizes with local
sidebars: a clean build, a one-field edit and a title edit, each edit an
incremental build, as ratios to the clean build of the same repetition)
``index`` (the in-process index + checks benchmark, ``index_bench.py``) and
``new-work`` (what the C4 and quality model's derived work costs of a clean
build at ``--new-work-items``, sampled in-process by ``new_work.py``; not in
the default set).

sphinx-needs is installed with pip into ``benchmarks/_work/venv-needs`` (never
into the project's environment), pinned to the Sphinx version used here; when
that fails its column is skipped, and the report says so.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

WORK = HERE / "_work"
SCENARIOS = ("full", "parallel", "items", "edit", "scaling", "edit-scale", "index", "new-work")
#: Scenarios run only when named: they take long and state goals at 20,000 items.
ON_REQUEST = ("edit-scale", "new-work")
LABELS = {"archdoc": "sphinx-archdoc", "plain": "hand-written reST", "needs": "sphinx-needs"}


@dataclass
class Variant:
    name: str
    python: str


@dataclass
class Sample:
    seconds: float
    peak_mb: float


@dataclass
class Result:
    scenario: str
    description: str
    samples: dict[str, list[Sample]] = field(default_factory=dict)

    def median(self, variant: str) -> float:
        return statistics.median(s.seconds for s in self.samples[variant])

    def peak(self, variant: str) -> float:
        return max(s.peak_mb for s in self.samples[variant])

    def ratios(self, variant: str, other: str) -> list[float]:
        pairs = zip(self.samples[variant], self.samples[other], strict=True)
        return [a.seconds / b.seconds for a, b in pairs]


# -- processes ------------------------------------------------------------------


def run_build(variant: Variant, src: Path, *, parallel: int = 0, label: str = "") -> Sample:
    """One ``sphinx-build -b html`` process: wall time and peak memory."""
    build = src / "_build"
    cmd = [variant.python, "-m", "sphinx", "-b", "html", "-q", "-d", str(build / "doctrees")]
    if parallel:
        cmd += ["-j", str(parallel)]
    cmd += [str(src), str(build / "html")]
    started = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.stderr:
        process.stderr.close()
    if process.returncode != 0:
        sys.exit(f"build failed ({label or src}):\n{stderr.decode(errors='replace')[-4000:]}")
    warnings = [line for line in stderr.decode(errors="replace").splitlines() if "WARNING" in line]
    if warnings:
        print(f"  note: {len(warnings)} warnings in {label or src}, e.g. {warnings[0]}")
    return Sample(elapsed, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def ensure_needs(python: str) -> tuple[Variant | None, str]:
    """sphinx-needs in its own virtual environment, or why it is unavailable."""
    venv = WORK / "venv-needs"
    needs_python = venv / "bin" / "python"
    probe = "import sphinx_needs, sphinx; print(sphinx_needs.__version__, sphinx.__version__)"
    try:
        if not needs_python.exists():
            print("Installing sphinx-needs into benchmarks/_work/venv-needs ...")
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            sphinx_version = subprocess.run(
                [python, "-c", "import sphinx; print(sphinx.__version__)"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            subprocess.run(
                [
                    str(needs_python),
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "sphinx-needs",
                    f"sphinx=={sphinx_version}",
                ],
                check=True,
            )
        versions = subprocess.run(
            [str(needs_python), "-c", probe], check=True, capture_output=True, text=True
        ).stdout.split()
    except (subprocess.CalledProcessError, OSError) as exc:
        return None, f"sphinx-needs could not be installed ({exc}); its column is skipped"
    return Variant("needs", str(needs_python)), (
        f"sphinx-needs {versions[0]} on Sphinx {versions[1]}"
    )


def compile_package(python: str) -> str:
    """Bytecode for sphinx-archdoc's modules, as an installed package has it.

    pip compiles a package's modules when it installs it (Sphinx and
    sphinx-needs in these environments were), but the project's own checkout
    is installed editable, and where ``PYTHONDONTWRITEBYTECODE`` is set no
    ``.pyc`` file is ever written for it: every build then compiled all of
    sphinx-archdoc's modules from source again (0.1-0.2 s a process), a cost
    no user of the released package pays.  ``compileall`` writes the files
    whatever that variable says; Python reads them either way.
    """
    script = (
        "import compileall, pathlib, sphinx_archdoc; "
        "ok = compileall.compile_dir(pathlib.Path(sphinx_archdoc.__file__).parent, quiet=1); "
        "print('compiled' if ok else 'not compiled')"
    )
    done = subprocess.run([python, "-c", script], capture_output=True, text=True, check=False)
    return f"sphinx-archdoc's bytecode {done.stdout.strip() or 'not compiled'} before timing"


# -- scenarios ------------------------------------------------------------------


def project(
    args: argparse.Namespace, size: int, variant: str, kind: str, *, summary: bool = True
) -> Path:
    src = WORK / f"{kind}-{size}" / variant
    shutil.rmtree(src, ignore_errors=True)
    files = corpus.render(
        corpus.generate(size, args.per_doc), variant, summary=summary, sidebars=args.sidebars
    )
    corpus.write_tree(src, files)
    return src


def alternating(variants: Sequence[Variant], repeat: int) -> list[list[Variant]]:
    """A B C, C B A, A B C, ...: each variant runs first as often as last."""
    return [list(variants) if r % 2 == 0 else list(reversed(variants)) for r in range(repeat)]


def clean_builds(
    name: str,
    description: str,
    variants: Sequence[Variant],
    args: argparse.Namespace,
    *,
    size: int,
    parallel: int = 0,
    summary: bool = True,
    results: list[Result],
) -> None:
    result = Result(name, description, {v.name: [] for v in variants})
    results.append(result)
    sources = {v.name: project(args, size, v.name, name, summary=summary) for v in variants}
    for rep, order in enumerate(alternating(variants, args.repeat), 1):
        for variant in order:
            shutil.rmtree(sources[variant.name] / "_build", ignore_errors=True)
            sample = run_build(
                variant, sources[variant.name], parallel=parallel, label=f"{name} {variant.name}"
            )
            result.samples[variant.name].append(sample)
            print(
                f"  {name:<9} rep {rep}  {variant.name:<8} {sample.seconds:7.2f} s"
                f" {sample.peak_mb:6.0f} MB"
            )


def edit_builds(
    variants: Sequence[Variant], args: argparse.Namespace, results: list[Result]
) -> None:
    """One document edited between builds; every summary must be current after."""
    description = "one-document edit, incremental build, summaries current"
    result = Result("edit", description, {v.name: [] for v in variants})
    results.append(result)
    base = corpus.generate(args.items, args.per_doc)
    target = len(base.documents) // 2
    sources = {v.name: project(args, args.items, v.name, "edit") for v in variants}

    def apply(variant: Variant, number: int) -> None:
        src = sources[variant.name]
        edited = corpus.edited(base, target, number)
        files = corpus.render(edited, variant.name, sidebars=args.sidebars)
        changed = corpus.write_tree(src, files)
        if variant.name == "needs" and "summary.rst" not in changed:
            # needtables are filled in when their page is read: re-read it.
            corpus.touch(src / "summary.rst")

    for variant in variants:  # the initial full build and one warm-up edit
        run_build(variant, sources[variant.name], label=f"edit {variant.name} (setup)")
        apply(variant, 0)
        run_build(variant, sources[variant.name], label=f"edit {variant.name} (warm-up)")
    for rep, order in enumerate(alternating(variants, args.repeat), 1):
        for variant in order:
            apply(variant, rep)
            sample = run_build(variant, sources[variant.name], label=f"edit {variant.name}")
            result.samples[variant.name].append(sample)
            print(
                f"  edit      rep {rep}  {variant.name:<8} {sample.seconds:7.2f} s"
                f" {sample.peak_mb:6.0f} MB"
            )
            if variant.name == "archdoc":
                verify_summary_current(sources[variant.name], rep)


def verify_summary_current(src: Path, number: int, text: str | None = None) -> None:
    html = (src / "_build" / "html" / "summary.html").read_text(encoding="utf-8")
    if (text or f"Revised in edit {number}.") not in html:
        sys.exit("sphinx-archdoc left its summary page stale after an edit: this is a bug")


#: What the ``edit-scale`` scenario changes: the field of one component.
EDIT_SCALE_EDITS = (("field", "purpose"), ("title", "title"))


def edit_scale_builds(
    variants: Sequence[Variant], args: argparse.Namespace, results: list[Result]
) -> None:
    """sphinx-archdoc at each ``--edit-scale`` size, local sidebars: per
    repetition a clean build, then a one-field edit (a component's purpose,
    shown in the summary table) and a title edit (shown wherever the component
    is linked), each an incremental build of the edited project.  The order
    alternates (clean, field, title; then field, title, clean) and every edit
    is checked to show in the summary page.  Samples are keyed ``what@size``."""
    archdoc = next(v for v in variants if v.name == "archdoc")
    result = Result("edit-scale", "clean build and incremental edits by size", {})
    results.append(result)
    for size in args.edit_scale:
        project = EditedProject(archdoc, size, corpus.generate(size, args.per_doc))
        project.build("setup", None)
        project.build("warm-up", "purpose")
        steps: list[tuple[str, str | None]] = [("clean", None), *EDIT_SCALE_EDITS]
        for rep in range(1, args.repeat + 1):
            for what, field_name in steps if rep % 2 else [*steps[1:], steps[0]]:
                sample = project.build(what, field_name)
                result.samples.setdefault(f"{what}@{size}", []).append(sample)
                print(
                    f"  edit-scale rep {rep}  {what:<6} {size:>7} items"
                    f" {sample.seconds:8.2f} s {sample.peak_mb:6.0f} MB"
                )
        shutil.rmtree(project.src, ignore_errors=True)


class EditedProject:
    """The sphinx-archdoc project of one ``edit-scale`` size, edited in place."""

    def __init__(self, variant: Variant, size: int, data: corpus.Corpus) -> None:
        self.variant, self.size, self.current = variant, size, data
        self.target = len(data.documents) // 2  # the document whose component is edited
        self.edits = 0
        self.src = WORK / f"edit-scale-{size}" / variant.name
        shutil.rmtree(self.src, ignore_errors=True)
        corpus.write_tree(self.src, corpus.render(data, variant.name, sidebars="local"))

    def build(self, what: str, field_name: str | None) -> Sample:
        """A clean build (``field_name`` None), or an edit of that field and an
        incremental build, checked to show in the summary page."""
        note = ""
        if field_name is None:
            shutil.rmtree(self.src / "_build", ignore_errors=True)
        else:
            self.edits += 1
            note = f"revised in edit {self.edits}"
            self.current = corpus.with_component_field(self.current, self.target, field_name, note)
            files = corpus.render(self.current, self.variant.name, sidebars="local")
            corpus.write_tree(self.src, files)
        sample = run_build(self.variant, self.src, label=f"edit-scale {what} {self.size}")
        if note:
            verify_summary_current(self.src, self.edits, note)
        return sample


def scaling_builds(
    variants: Sequence[Variant], args: argparse.Namespace, results: list[Result]
) -> None:
    """Clean serial builds by size, sphinx-archdoc and the hand-written baseline
    (what Sphinx itself costs at that size); samples keyed ``variant@size``."""
    result = Result("scaling", "clean serial build by size", {})
    results.append(result)
    chosen = [v for v in variants if v.name in args.scaling_variants]
    for size in args.scaling:
        sources = {v.name: project(args, size, v.name, "scaling") for v in chosen}
        for rep, order in enumerate(alternating(chosen, args.scaling_repeat), 1):
            for variant in order:
                src = sources[variant.name]
                shutil.rmtree(src / "_build", ignore_errors=True)
                sample = run_build(variant, src, label=f"scaling {variant.name} {size}")
                result.samples.setdefault(f"{variant.name}@{size}", []).append(sample)
                print(
                    f"  scaling   rep {rep}  {variant.name:<8} {size:>7} items"
                    f" {sample.seconds:8.2f} s {sample.peak_mb:6.0f} MB"
                )
        for src in sources.values():
            shutil.rmtree(src, ignore_errors=True)


def in_process(python: str, script: str, items: int) -> dict[str, float]:
    """The JSON result of one of the in-process benchmark scripts."""
    output = subprocess.run(
        [python, str(HERE / script), "--items", str(items), "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    data: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return data


# -- report -------------------------------------------------------------------------


def spread(values: Sequence[float], unit: str = "", digits: int = 2) -> str:
    median = statistics.median(values)
    if len(values) == 1:
        return f"{median:.{digits}f}{unit}"
    return f"{median:.{digits}f}{unit} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def report(
    results: list[Result],
    index: dict[str, float] | None,
    notes: list[str],
    args: argparse.Namespace,
    new_work: dict[str, float] | None = None,
) -> list[tuple[str, str, str, bool | None]]:
    print()
    if any(r.scenario not in ("scaling", "edit-scale") for r in results):
        print(f"Results: {args.items} items in {-(-args.items // args.per_doc)} documents,")
    print(f"{args.repeat} paired repetitions; medians, (min-max) across repetitions.")
    for note in notes:
        print(f"  {note}")
    print()
    header = f"{'scenario':<10} {'variant':<18} {'time s':<22} {'peak MB':>8}  ratio to archdoc"
    print(header)
    print("-" * len(header))
    by_name = {r.scenario: r for r in results}
    for result in results:
        if result.scenario in ("scaling", "edit-scale"):
            continue
        for variant, samples in result.samples.items():
            ratio = ""
            if variant != "archdoc" and "archdoc" in result.samples:
                ratio = "archdoc/" + variant + " = " + spread(result.ratios("archdoc", variant))
            times = spread([s.seconds for s in samples])
            print(
                f"{result.scenario:<10} {LABELS[variant]:<18} {times:<22} "
                f"{result.peak(variant):8.0f}  {ratio}"
            )
    if "scaling" in by_name:
        report_scaling(by_name["scaling"], args)
    if "edit-scale" in by_name:
        report_edit_scale(by_name["edit-scale"])
    report_in_process(index, new_work)
    goals = evaluate_goals(by_name, index, new_work)
    if goals:
        print()
        print("Goals")
        for goal, wanted, measured, ok in goals:
            mark = "n/a " if ok is None else ("PASS" if ok else "MISS")
            print(f"  [{mark}] {goal:<46} {wanted:<10} measured {measured}")
    return goals


def report_scaling(scaling: Result, args: argparse.Namespace) -> None:
    print()
    print(f"scaling (sidebars: {args.sidebars}), ratio to the smallest size")
    smallest: dict[str, str] = {}
    for key in scaling.samples:
        variant, _, size = key.partition("@")
        first = smallest.setdefault(variant, key)
        ratio = "" if first == key else f"{scaling.median(key) / scaling.median(first):.2f}x"
        times = spread([s.seconds for s in scaling.samples[key]])
        print(
            f"scaling    {LABELS[variant]:<18} {int(size):>7} items {times:<22} "
            f"{scaling.peak(key):8.0f}  {ratio}"
        )


def report_in_process(index: dict[str, float] | None, new_work: dict[str, float] | None) -> None:
    if index:
        print()
        print(
            f"index      {int(index['items']):,} items in-process: build_index + checks "
            f"{index['median']:.3f} s (min {index['min']:.3f}, max {index['max']:.3f})"
        )
    if new_work:
        print()
        print(
            f"new-work   {int(new_work['items']):,} items, clean build "
            f"{new_work['seconds']:.1f} s: C4 and quality derived work "
            f"{100 * new_work['share']:.1f} % of its samples"
        )


def report_edit_scale(scale: Result) -> None:
    print()
    print("edit-scale (sidebars: local), ratio to the clean build of the same repetition")
    for key in scale.samples:
        what, _, size = key.partition("@")
        ratio = "" if what == "clean" else spread(scale.ratios(key, f"clean@{size}"), "x")
        times = spread([s.seconds for s in scale.samples[key]])
        print(
            f"edit-scale {what:<18} {int(size):>7} items {times:<22} "
            f"{scale.peak(key):8.0f}  {ratio}"
        )


def evaluate_goals(
    by_name: dict[str, Result],
    index: dict[str, float] | None,
    new_work: dict[str, float] | None = None,
) -> list[tuple[str, str, str, bool | None]]:
    goals: list[tuple[str, str, str, bool | None]] = []

    def ratio_goal(scenario: str, other: str, limit: float, text: str) -> None:
        result = by_name.get(scenario)
        if result is None or other not in result.samples or "archdoc" not in result.samples:
            return
        ratios = result.ratios("archdoc", other)
        median = statistics.median(ratios)
        goals.append((text, f"<= {limit:.2f}x", spread(ratios, "x"), median <= limit))

    ratio_goal("full", "plain", 0.85, "full build vs hand-written reST")
    ratio_goal("full", "needs", 0.75, "full build vs sphinx-needs")
    ratio_goal("parallel", "plain", 0.85, "full build -j 2 vs hand-written reST")
    ratio_goal("parallel", "needs", 0.75, "full build -j 2 vs sphinx-needs")
    ratio_goal("items", "plain", 1.10, "item pages only vs hand-written reST")
    ratio_goal("edit", "needs", 0.50, "one-document edit vs sphinx-needs doc+summary")
    ratio_goal("edit", "needs", 0.35, "the same, issue #22's tighter goal")
    full = by_name.get("full")
    if full is not None and "plain" in full.samples:
        ours, theirs = full.peak("archdoc"), full.peak("plain")
        goals.append(
            (
                "peak memory vs hand-written reST",
                "<= 1.00x",
                f"{ours / theirs:.2f}x ({ours:.0f} / {theirs:.0f} MB)",
                ours <= theirs,
            )
        )
    scaling = by_name.get("scaling")
    if scaling is not None and {"archdoc@5000", "archdoc@50000"} <= set(scaling.samples):
        factor = scaling.median("archdoc@50000") / scaling.median("archdoc@5000")
        measured = f"{factor:.2f}x"
        if {"plain@5000", "plain@50000"} <= set(scaling.samples):
            baseline = scaling.median("plain@50000") / scaling.median("plain@5000")
            measured += f" (hand-written reST {baseline:.2f}x)"
        goals.append(("50,000 items vs 5,000 items", "<= 11x", measured, factor <= 11))
    scale = by_name.get("edit-scale")
    for what, limit in (("field", 0.15), ("title", 0.25)):
        keys = [k for k in (scale.samples if scale else {}) if k.startswith(f"{what}@")]
        for key in keys:
            size = int(key.partition("@")[2])
            ratios = scale.ratios(key, f"clean@{size}") if scale else []
            goals.append(
                (
                    f"{what} edit vs clean build, {size:,} items",
                    f"<= {limit:.2f}x",
                    spread(ratios, "x"),
                    # The goal is stated at 20,000 items; other sizes are shown, not judged.
                    statistics.median(ratios) <= limit if size == 20_000 else None,
                )
            )
    if new_work is not None:
        goals.append(
            (
                f"C4 and quality derived work, {int(new_work['items']):,} items clean build",
                "<= 5 %",
                f"{100 * new_work['share']:.1f} %",
                new_work["share"] <= 0.05,
            )
        )
    if index is not None:
        goals.append(
            (
                f"index + checks, {int(index['items']):,} items in-process",
                "< 1 s",
                f"{index['median']:.3f} s",
                index["median"] < 1.0,
            )
        )
    return goals


# -- command line -------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark sphinx-archdoc against hand-written reST and sphinx-needs.",
        epilog='Example: make bench BENCH_ARGS="--items 5000 --repeat 3"',
    )
    parser.add_argument("--items", type=int, default=5000, help="items (default 5000)")
    parser.add_argument("--per-doc", type=int, default=10, help="items per document (10)")
    parser.add_argument("--repeat", type=int, default=3, help="paired repetitions (3)")
    parser.add_argument(
        "--scenarios",
        default=",".join(s for s in SCENARIOS if s not in ON_REQUEST),
        help=f"comma list of: {', '.join(SCENARIOS)} (default: all but {' and '.join(ON_REQUEST)})",
    )
    parser.add_argument(
        "--scaling",
        default="500,5000",
        help="sizes for the scaling scenario (default 500,5000; add 50000 for the linearity "
        "goal, which takes several minutes)",
    )
    parser.add_argument("--scaling-repeat", type=int, default=1, help="repetitions per size (1)")
    parser.add_argument(
        "--edit-scale",
        default="20000",
        help="sizes for the edit-scale scenario, which is not in the default set of "
        "scenarios: name it in --scenarios (default 20000, where its goals are stated)",
    )
    parser.add_argument(
        "--scaling-variants",
        default="archdoc,plain",
        help="variants of the scaling scenario (default archdoc,plain: the hand-written "
        "variant shows what Sphinx itself costs at each size)",
    )
    parser.add_argument(
        "--sidebars",
        choices=sorted(corpus.SIDEBARS),
        default="theme",
        help="theme: the default theme's sidebars, whose global table of contents makes "
        "every page cost time in proportion to the number of pages; local: the page's own "
        "contents only (default theme)",
    )
    parser.add_argument("--index-items", type=int, default=100_000, help="index benchmark size")
    parser.add_argument(
        "--new-work-items", type=int, default=20_000, help="new-work scenario size (20000)"
    )
    parser.add_argument("--no-needs", action="store_true", help="skip sphinx-needs")
    parser.add_argument(
        "--no-plain",
        action="store_true",
        help="skip the hand-written variant (its edit takes ten times sphinx-archdoc's); "
        "goals against it are then not judged",
    )
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: 500 items, 1 repetition, small scaling"
    )
    parser.add_argument("--json", type=Path, help="also write the samples to this JSON file")
    args = parser.parse_args(argv)
    if args.quick:
        args.items, args.repeat, args.scaling, args.index_items = 500, 1, "100,500", 10_000
        args.new_work_items = 500
        args.edit_scale = "500"
    args.scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    args.scaling = [int(s) for s in args.scaling.split(",") if s.strip()]
    args.edit_scale = [int(s) for s in args.edit_scale.split(",") if s.strip()]
    args.scaling_variants = [v.strip() for v in args.scaling_variants.split(",") if v.strip()]
    return args


def run_scenario(
    scenario: str, variants: list[Variant], args: argparse.Namespace, results: list[Result]
) -> None:
    """Run one scenario; its result joins ``results`` before the first build."""
    n = args.items
    if scenario == "full":
        clean_builds("full", "clean serial build", variants, args, size=n, results=results)
    elif scenario == "parallel":
        clean_builds("parallel", "clean -j 2", variants, args, size=n, parallel=2, results=results)
    elif scenario == "items":
        clean_builds(
            "items", "item pages only", variants, args, size=n, summary=False, results=results
        )
    elif scenario == "edit":
        edit_builds(variants, args, results)
    elif scenario == "edit-scale":
        edit_scale_builds(variants, args, results)
    else:
        scaling_builds(variants, args, results)


def save(
    args: argparse.Namespace,
    notes: list[str],
    results: list[Result],
    index: dict[str, float] | None,
    goals: list[tuple[str, str, str, bool | None]],
    new_work: dict[str, float] | None = None,
) -> None:
    """Write every sample so far (after each scenario, so a long run cut short
    keeps what it measured)."""
    if not args.json:
        return
    payload = {
        "args": {k: str(v) for k, v in vars(args).items()},
        "notes": notes,
        "results": {
            r.scenario: {k: [[s.seconds, s.peak_mb] for s in v] for k, v in r.samples.items()}
            for r in results
        },
        "index": index,
        "new_work": new_work,
        "goals": goals,
    }
    args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")


def chosen_variants(args: argparse.Namespace, python: str, notes: list[str]) -> list[Variant]:
    """sphinx-archdoc, and the hand-written and sphinx-needs variants unless skipped."""
    variants = [Variant("archdoc", python)]
    if args.no_plain:
        notes.append("hand-written variant skipped (--no-plain)")
    else:
        variants.append(Variant("plain", python))
    if args.no_needs:
        notes.append("sphinx-needs skipped (--no-needs)")
    else:
        needs, note = ensure_needs(python)
        notes.append(note)
        if needs is not None:
            variants.append(needs)
    return variants


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    notes = [f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"]
    notes.append(compile_package(python))
    variants = chosen_variants(args, python, notes)
    started = time.perf_counter()
    results: list[Result] = []
    index: dict[str, float] | None = None
    new_work: dict[str, float] | None = None
    try:
        for scenario in args.scenarios:
            print(f"[{scenario}]")
            if scenario == "index":
                index = in_process(python, "index_bench.py", args.index_items)
            elif scenario == "new-work":
                new_work = in_process(python, "new_work.py", args.new_work_items)
            else:
                run_scenario(scenario, variants, args, results)
            save(args, notes, results, index, [], new_work)
    except KeyboardInterrupt:
        notes.append("interrupted: the report covers what was measured so far")
        for result in results:
            for name in [k for k, v in result.samples.items() if not v]:
                del result.samples[name]
            if result.scenario != "scaling" and result.samples:
                pairs = min(len(v) for v in result.samples.values())  # complete pairs only
                for name, samples in result.samples.items():
                    result.samples[name] = samples[:pairs]
        results[:] = [r for r in results if r.samples and min(map(len, r.samples.values()))]
    notes.append(f"benchmark wall time {time.perf_counter() - started:.0f} s")
    goals = report(results, index, notes, args, new_work)
    save(args, notes, results, index, goals, new_work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
