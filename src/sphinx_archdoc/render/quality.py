"""``arch-quality-tree``: the quality tree of arc42 §10.1.

characteristic → goal → scenario → measure, each with its status, as nested
bullet lists: ordinary docutils nodes, so HTML, LaTeX and text all write it.
The query selects scenarios; the tree shows the path to each.
"""

from __future__ import annotations

from collections import defaultdict

from docutils import nodes

from sphinx_archdoc.core import quality
from sphinx_archdoc.core.filters import Query
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.core.model import Item
from sphinx_archdoc.render.cells import ItemRef, to_nodes
from sphinx_archdoc.render.nodes import badge
from sphinx_archdoc.render.tables import empty_notice


def _entry(
    label: list[nodes.Node], status: str, children: nodes.bullet_list | None
) -> nodes.list_item:
    paragraph = nodes.paragraph("", "", *label, nodes.Text(" "), badge(status, f"status-{status}"))
    entry = nodes.list_item("", paragraph)
    if children is not None and len(children):
        entry += children
    return entry


def _link(item: Item, docname: str) -> list[nodes.Node]:
    return to_nodes([ItemRef(item.id, item.title, item.kind)], docname)


def quality_tree(index: Index, query: Query, css_name: str, docname: str) -> list[nodes.Node]:
    scenarios = query.select(index)
    if not scenarios:
        return [empty_notice(css_name, "quality-scenario")]
    config = index.config
    goals = {goal.id: goal for goal in index.kind_items("quality-goal")}
    # characteristic -> goal ID ("" when none) -> scenarios
    tree: dict[str, dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
    for scenario in scenarios:
        goal = goals.get(scenario.text("goal") or "")
        characteristic = (
            scenario.text("characteristic") or (goal.text("characteristic") if goal else None) or ""
        )
        tree[characteristic][goal.id if goal else ""].append(scenario)
    order = {name: i for i, name in enumerate(config.quality_characteristics)}
    root = nodes.bullet_list(classes=["archdoc-tree", f"archdoc-{css_name}"])
    for characteristic in sorted(tree, key=lambda c: (c not in order, order.get(c, 0), c)):
        goal_list = nodes.bullet_list()
        statuses: list[str] = []
        by_goal = tree[characteristic]
        for goal_id in sorted(by_goal, key=lambda g: _goal_key(goals.get(g), g)):
            scenario_list = nodes.bullet_list()
            scenario_statuses: list[str] = []
            for scenario in by_goal[goal_id]:
                computed = index.computed.get(("quality-scenario", scenario.id), {})
                status = computed.get("status", "unknown")
                scenario_statuses.append(status)
                scenario_list += _entry(
                    _link(scenario, docname), status, _measures(index, computed, docname)
                )
            goal = goals.get(goal_id)
            # A goal shows its own status, from all its scenarios, even where
            # the query shows only some of them (``:status: met``).
            status = (
                index.computed.get(("quality-goal", goal_id), {}).get("status", "unknown")
                if goal is not None
                else quality.combined_status(scenario_statuses)
            )
            statuses.append(status)
            label: list[nodes.Node] = (
                _link(goal, docname)
                if goal is not None
                else [nodes.emphasis(_("(no goal)"), _("(no goal)"))]
            )
            goal_list += _entry(label, status, scenario_list)
        text = characteristic.replace("-", " ").capitalize() if characteristic else ""
        heading: list[nodes.Node] = (
            [nodes.strong(text, text)]
            if text
            else [nodes.emphasis(_("(no characteristic)"), _("(no characteristic)"))]
        )
        root += _entry(heading, quality.combined_status(statuses), goal_list)
    result: list[nodes.Node] = []
    if query.caption:
        result.append(nodes.paragraph(query.caption, query.caption, classes=["caption"]))
    result.append(root)
    return result


def _goal_key(goal: Item | None, goal_id: str) -> tuple[int, int, str]:
    """Goals by priority (1 first), then ID; scenarios without a goal last."""
    if goal is None:
        return (1, 0, goal_id)
    priority = goal.text("priority")
    return (0, int(priority) if priority else 1_000_000_000, goal_id)


def _measures(index: Index, computed: dict[str, object], docname: str) -> nodes.bullet_list:
    measures = nodes.bullet_list()
    ids = computed.get("measures") or []
    assert isinstance(ids, list)  # noqa: S101 - derived by core.quality
    for target_id in ids:
        target = index.by_id.get(target_id)
        if target is None:
            continue
        status = index.computed.get(("perf-target", target_id), {}).get("status", "unknown")
        label = _link(target, docname)
        goal = target.text("target")
        if goal:
            label.append(nodes.Text(f" ({goal})"))
        measures += _entry(label, status, None)
    return measures
