"""Deployment nodes: where the building blocks run (DESIGN 2.11).

Pure: no Sphinx import.  Nodes nest through ``:parent:`` like components do
(the same :func:`~sphinx_archdoc.core.hierarchy.build_hierarchy`), a node
without ``:environment:`` takes its parent's (the first configured one at
the top), and each node's ``:hosts:`` says which components run on it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sphinx_archdoc.core.hierarchy import Hierarchy, build_hierarchy
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.model import Item

_INSTANCES_RE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


def parse_instances(text: str) -> tuple[int, int]:
    """``"3"`` -> (3, 3), ``"2-10"`` -> (2, 10); ValueError with a message otherwise."""
    match = _INSTANCES_RE.match(text)
    if not match:
        raise ValueError(
            _(
                "{value!r} is not a number of instances (a whole number or a range such as 2-10)"
            ).format(value=text)
        )
    low = int(match.group(1))
    high = int(match.group(2)) if match.group(2) is not None else low
    if low < 1 or high < low:
        raise ValueError(
            _("{value!r} is not a number of instances (at least 1; a range goes up)").format(
                value=text
            )
        )
    return low, high


@dataclass(frozen=True)
class Deployment:
    """Every deployment node's place, environment and hosted components."""

    hierarchy: Hierarchy = field(default_factory=lambda: build_hierarchy({}))
    #: Node ID -> its environment (declared, inherited, or the first configured).
    environment: Mapping[str, str] = field(default_factory=dict)
    #: Component ID -> the IDs of the nodes that host it, in node order.
    deployed_on: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: The node IDs in display order (document, then line).
    order: tuple[str, ...] = ()

    def nodes_in(self, environment: str) -> tuple[str, ...]:
        return tuple(n for n in self.order if self.environment.get(n) == environment)

    def environments(self) -> set[str]:
        return set(self.environment.values())


def build_deployment(nodes: Sequence[Item], environments: Sequence[str]) -> Deployment:
    """The deployment of ``nodes`` (in any order; displayed by document, line)."""
    ordered = sorted(nodes, key=lambda item: item.sort_key)
    parents: dict[str, str | None] = {}
    for node in ordered:
        parents[node.id] = node.text("parent")
    hierarchy = build_hierarchy(parents)
    default = environments[0] if environments else ""
    environment: dict[str, str] = {}
    by_id = {node.id: node for node in ordered}
    for node in ordered:
        declared = node.text("environment")
        if not declared:
            # The nearest ancestor that names one; ancestors are nearest first.
            declared = next(
                (
                    by_id[a].text("environment")
                    for a in hierarchy.ancestors.get(node.id, ())
                    if by_id[a].text("environment")
                ),
                None,
            )
        environment[node.id] = declared or default
    deployed_on: dict[str, list[str]] = {}
    for node in ordered:
        for component in node.get_list("hosts"):
            hosts = deployed_on.setdefault(component, [])
            if node.id not in hosts:
                hosts.append(node.id)
    return Deployment(
        hierarchy=hierarchy,
        environment=environment,
        deployed_on={k: tuple(v) for k, v in deployed_on.items()},
        order=tuple(node.id for node in ordered),
    )


def undeployed(
    deployment: Deployment,
    containers: Sequence[str],
    component_hierarchy: Hierarchy,
) -> list[tuple[str, str]]:
    """(container, environment) for every container that no node of an
    environment with nodes hosts, itself or through something inside it."""
    hosted_in: dict[str, set[str]] = {}
    for component, on in deployment.deployed_on.items():
        envs = {deployment.environment[n] for n in on if n in deployment.environment}
        for element in (component, *component_hierarchy.ancestors.get(component, ())):
            hosted_in.setdefault(element, set()).update(envs)
    used = list(dict.fromkeys(deployment.environment[n] for n in deployment.order))
    return [
        (container, env)
        for container in containers
        for env in used
        if env not in hosted_in.get(container, set())
    ]
