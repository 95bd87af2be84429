"""The pytest-benchmark run whose JSON feeds the example project's quality chapter.

    pytest benchmarks/test_evaluate_benchmark.py -p pytest_benchmark.plugin \
        --benchmark-max-time=0.05 --benchmark-json=example_project/results/benchmark.json

(The test suite's ``-p no:benchmark`` is lifted by naming the plugin.)
"""

from sphinx_archdoc.core.quantities import evaluate


def test_evaluate_a_measured_range_against_a_target(benchmark):
    result = benchmark(evaluate, "< 3 s", "~1-2 s")
    assert result.status == "met"  # noqa: S101 - a pytest test
