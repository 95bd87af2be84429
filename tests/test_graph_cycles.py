"""The cycle peel of the dependency-cycle check, against a plain definition."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_archdoc.core.graph import cyclic_part

NAMES = [f"c{i}" for i in range(8)]
# Edges may name unknown components ("x"), which are no part of any cycle.
graphs = st.dictionaries(
    st.sampled_from(NAMES), st.sets(st.sampled_from([*NAMES, "x"]), max_size=4), max_size=8
)


def reverse(graph: dict[str, set[str]]) -> dict[str, list[str]]:
    dependents: dict[str, list[str]] = {}
    for source, targets in graph.items():
        for target in sorted(targets):
            dependents.setdefault(target, []).append(source)
    return dependents


def reaches(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [*graph.get(start, ())]
    while todo:
        node = todo.pop()
        if node in graph and node not in seen:
            seen.add(node)
            todo.extend(graph[node])
    return seen


@settings(max_examples=300, deadline=None)
@given(graphs)
def test_cyclic_part_is_what_lies_on_or_leads_to_a_cycle(graph: dict[str, set[str]]) -> None:
    on_cycle = {node for node in graph if node in reaches(graph, node)}
    expected = {node for node in graph if node in on_cycle or reaches(graph, node) & on_cycle}
    assert cyclic_part(set(graph), reverse(graph)) == expected


def test_a_chain_peels_off_whole_and_a_loop_stays_with_what_leads_to_it() -> None:
    chain = {"a": {"b"}, "b": {"c"}, "c": set()}
    assert cyclic_part(set(chain), reverse(chain)) == set()
    looped = {"a": {"b"}, "b": {"c"}, "c": {"b"}, "d": {"a", "x"}, "e": set()}
    assert cyclic_part(set(looped), reverse(looped)) == {"a", "b", "c", "d"}
