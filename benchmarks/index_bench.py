"""In-process benchmark: the global index plus every check over N items.

Builds the items directly (no Sphinx, no parsing): about half components with
dependencies, in a building-block hierarchy (a system every 30 components, a
container every 5 under it, components under the containers), a sixth risks,
a sixth labelled relations, the rest performance targets, plus references
from roles, in documents of ten items, then times :func:`build_index`, which
derives every computed value (children, ancestors, the C4 model) and runs
every check.  The summary digest is
timed separately, since Sphinx computes it on every build too::

    python benchmarks/index_bench.py --items 100000
    python benchmarks/index_bench.py --items 100000 --profile   # cProfile top 25
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import json
import pstats
import random
import statistics
import sys
import time
from collections import defaultdict

from sphinx_archdoc.core.build import build_index
from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.model import Item, Reference

LEVELS = ("low", "medium", "high")


def make_items(
    count: int, per_doc: int = 10, seed: int = 7
) -> tuple[dict[str, list[Item]], dict[str, list[Reference]]]:
    rng = random.Random(seed)
    items: dict[str, list[Item]] = defaultdict(list)
    references: dict[str, list[Reference]] = defaultdict(list)
    components: list[str] = []
    system = container = ""
    for number in range(count):
        docname = f"docs/sub{number // per_doc:06d}"
        lineno = 10 * (number % per_doc) + 5
        slot = number % 6
        fields: dict[str, str | tuple[str, ...]]
        if slot < 3:
            kind, item_id = "component", f"COMP_{number:06d}"
            deps = tuple(sorted(set(rng.sample(components[-200:], min(len(components), 2)))))
            fields = {
                "title": f"Component {number}",
                "layer": rng.choice(("presentation", "application", "data")),
                "purpose": "Stores and forwards the orders of every tenant.",
                "depends-on": deps,
                "status": "active",
            }
            if len(components) % 30 == 0:
                fields["type"], system = "system", item_id
            elif len(components) % 5 == 0 or not container:
                fields["type"], fields["parent"], container = "container", system, item_id
            else:
                fields["type"], fields["parent"] = "component", container
            components.append(item_id)
        elif slot == 4:
            kind, item_id = "relation", ""
            fields = {
                "source": components[-1],
                "target": rng.choice(components[-200:]),
                "label": "Sends the orders",
                "technology": "gRPC",
            }
        elif slot < 5:
            kind, item_id = "risk", f"RISK_{number:06d}"
            fields = {
                "title": f"Risk {number}",
                "impact": rng.choice(LEVELS),
                "probability": rng.choice(LEVELS),
                "mitigation": "Replicas in two zones.",
                "status": "open",
                "components": tuple(sorted(set(rng.sample(components[-200:], 2)))),
            }
        else:
            kind, item_id = "perf-target", f"PERF_{number:06d}"
            fields = {
                "metric": "p99 latency",
                "target": "< 200 ms",
                "current": f"{rng.randint(100, 250)} ms",
                "component": components[-1],
            }
            references[docname].append(Reference("comp", components[-1], docname, lineno + 3))
        anchor = f"{kind}-{item_id.lower() or number}"
        items[docname].append(Item(kind, item_id, docname, lineno, anchor, fields, "prose"))
    return dict(items), dict(references)


def measure(count: int, repeat: int) -> dict[str, float]:
    items, references = make_items(count)
    config = ArchConfig()
    today = dt.date(2026, 1, 1)
    index_times, digest_times, cpu_times = [], [], []
    index = None
    for _ in range(repeat):
        # A build makes one index per process: every repetition starts from the
        # same heap, not with the previous index still alive (which made each
        # later repetition's garbage collection walk both).
        index = None
        gc.collect()
        started, cpu_started = time.perf_counter(), time.process_time()
        index = build_index(items, {}, references, config, today)
        index_times.append(time.perf_counter() - started)
        # CPU time too: on a shared machine the wall clock mostly measures the neighbours.
        cpu_times.append(time.process_time() - cpu_started)
        started = time.perf_counter()
        index.digest()
        digest_times.append(time.perf_counter() - started)
    assert index is not None  # noqa: S101 - repeat >= 1
    return {
        "items": float(len(index.items)),
        "findings": float(len(index.findings)),
        "median": statistics.median(index_times),
        "min": min(index_times),
        "max": max(index_times),
        "digest_median": statistics.median(digest_times),
        "cpu_median": statistics.median(cpu_times),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary")
    args = parser.parse_args(argv)
    if args.profile:
        items, references = make_items(args.items)
        profiler = cProfile.Profile()
        profiler.enable()
        build_index(items, {}, references, ArchConfig(), dt.date(2026, 1, 1)).digest()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        return 0
    result = measure(args.items, args.repeat)
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{int(result['items']):,} items, {int(result['findings'])} findings: "
            f"build_index + checks median {result['median']:.3f} s "
            f"(min {result['min']:.3f}, max {result['max']:.3f}; "
            f"CPU median {result['cpu_median']:.3f}); "
            f"digest {result['digest_median']:.3f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
