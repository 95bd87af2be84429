"""What this round's C4 and quality model costs in a clean build.

Issue #22's goal: the new derived work of the C4 and quality issues (the
building-block hierarchy, relations merged and implied in the views, scenario
and goal status) costs at most 5 % of a clean build at 20,000 items.

The corpus is ``benchmarks/corpus.py`` with its C4 and quality model
(``render(..., c4=True)``): components in a system / container / component
hierarchy, a labelled relation per dependency of a document's components,
actors, a quality goal every ten documents, a scenario per document measured
by the document's performance targets, a context and a container view of three
systems, and the relation, actor, scenario and quality-tree summaries.

It is built once, clean and serial, in this process, while a thread samples
the main thread's stack every few milliseconds.  A sample counts as the new
work when any frame on the stack runs code of :data:`NEW_WORK`: the modules
that exist only for the C4 and quality model, and the functions of shared
modules that do that work.  The share is those samples over all samples of
the build; sampling, unlike a tracing profiler, leaves the proportions of
Python and C code as they are::

    python benchmarks/new_work.py --items 20000
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

#: module -> the functions in it that are the new work (None: the whole module).
NEW_WORK: dict[str, tuple[str, ...] | None] = {
    "sphinx_archdoc.core.hierarchy": None,
    "sphinx_archdoc.core.c4views": None,
    "sphinx_archdoc.core.c4_mermaid": None,
    "sphinx_archdoc.core.quality": None,
    "sphinx_archdoc.core.derive": ("_c4_model",),
    "sphinx_archdoc.core.checks": ("check_hierarchy", "_relation_ends"),
}


def _targets() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Files counted whole, and (file, function) pairs; every name must exist,
    so a renamed function fails here instead of silently counting nothing."""
    files, functions, missing = set(), set(), []
    for module_name, names in NEW_WORK.items():
        module = importlib.import_module(module_name)
        filename = str(module.__file__)
        if names is None:
            files.add(filename)
            continue
        for name in names:
            if not callable(getattr(module, name, None)):
                missing.append(f"{module_name}.{name}")
            functions.add((filename, name))
    if missing:
        sys.exit(f"new_work.py: update NEW_WORK, these functions no longer exist: {missing}")
    return frozenset(files), frozenset(functions)


class Sampler(threading.Thread):
    """Counts samples of one thread's stack: all of them, and those in the new work."""

    def __init__(self, thread_id: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.thread_id, self.interval = thread_id, interval
        self.files, self.functions = _targets()
        self.total = self.new = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            frame = sys._current_frames().get(self.thread_id)
            self.total += 1
            while frame is not None:
                code = frame.f_code
                if code.co_filename in self.files or (
                    (code.co_filename, code.co_name) in self.functions
                ):
                    self.new += 1
                    break
                frame = frame.f_back


def measure(items: int, sidebars: str, interval: float) -> dict[str, float]:
    from sphinx.cmd.build import build_main

    src = HERE / "_work" / f"new-work-{items}"
    shutil.rmtree(src, ignore_errors=True)
    data = corpus.generate(items)
    corpus.write_tree(src, corpus.render(data, "archdoc", sidebars=sidebars, c4=True))
    sampler = Sampler(threading.get_ident(), interval)
    sampler.start()
    started = time.perf_counter()
    status = build_main(["-b", "html", "-q", str(src), str(src / "_build" / "html")])
    seconds = time.perf_counter() - started
    sampler.stopped.set()
    sampler.join()
    if status != 0:
        sys.exit(f"the build failed with status {status}")
    return {
        "items": float(items),
        "seconds": seconds,
        "samples": float(sampler.total),
        "new_work_samples": float(sampler.new),
        "share": sampler.new / sampler.total if sampler.total else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--sidebars", choices=sorted(corpus.SIDEBARS), default="local")
    parser.add_argument("--interval", type=float, default=0.005, help="seconds between samples")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    result = measure(args.items, args.sidebars, args.interval)
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{args.items:,} items, clean build {result['seconds']:.1f} s: the C4 and quality "
            f"model's derived work {100 * result['share']:.1f} % "
            f"({int(result['new_work_samples'])} of {int(result['samples'])} samples; goal <= 5 %)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
