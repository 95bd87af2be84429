"""``arch-flow``: a numbered Mermaid sequence diagram, or a numbered table
where Mermaid cannot render; ``arch-flow-index``.

The flow directive leaves a summary placeholder in its block; the summary
transform (every builder) turns it into an :class:`archdoc_sequence` node
holding the steps and participants as plain data, with the numbered table as
its children.  :func:`resolve_sequences` (``doctree-resolved``) draws the
diagram where the builder can, exactly as the graphs are drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_archdoc.core.filters import Query
from sphinx_archdoc.core.flows import Participant, Step, elements, parse_steps, sequence_mermaid
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.core.kinds import KINDS
from sphinx_archdoc.render.cells import Cell, ItemRef, to_nodes
from sphinx_archdoc.render.graph import can_render_mermaid, link_function, mermaid_block
from sphinx_archdoc.render.tables import build_table

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class archdoc_sequence(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """A flow's sequence diagram; its children are the numbered table."""


def participants_for(index: Index, ids: list[str]) -> dict[str, Participant]:
    """What the diagram shows of each element: its title, person or not, its page."""
    found: dict[str, Participant] = {}
    for element in ids:
        item = index.by_id.get(element)
        if item is not None:
            found[element] = Participant(
                element,
                item.title,
                KINDS[item.kind].c4_shape == "person",
                (item.docname, item.anchor),
            )
        else:
            imported = index.external.get(element)
            found[element] = Participant(
                element, imported.title if imported is not None else element
            )
    return found


def flow_diagram(index: Index, query: Query, css_name: str, docname: str) -> list[nodes.Node]:
    """The flow named by ``:flow:``, as a sequence node with its table."""
    flow = index.by_id.get(query.extra.get("flow", ""))
    if flow is None or flow.kind != "flow":
        return []  # a duplicate ID: reported where it is written
    steps, _errors = parse_steps(flow.get_list("steps"))
    if not steps:
        return []
    node = archdoc_sequence(
        "",
        steps=steps,
        participants=participants_for(index, elements(steps)),
        docname=docname,
        classes=["archdoc-flow-diagram"],
    )
    node += step_table(steps, docname)
    return [node]


def step_table(steps: list[Step], docname: str) -> nodes.table:
    """#, from, to, what happens (a reply marked as one)."""
    headers = ["#", _("From"), _("To"), _("What happens")]
    cells: list[list[Cell]] = [
        [
            [str(number)],
            [ItemRef(step.source, step.source, None)],
            [ItemRef(step.target, step.target, None)],
            [_("(reply) {what}").format(what=step.what) if step.reply else step.what],
        ]
        for number, step in enumerate(steps, start=1)
    ]
    rows = [[to_nodes(cell, docname) for cell in row] for row in cells]
    return build_table("flow-steps", headers, rows)


def resolve_sequences(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the sequence diagram where the builder draws Mermaid."""
    sequences = list(doctree.findall(archdoc_sequence))
    if not sequences:
        return
    if not can_render_mermaid(app.builder):
        for node in sequences:
            node.replace_self(node.children)
        return
    for node in sequences:
        code = sequence_mermaid(
            node["steps"], node["participants"], link_function(app.builder, node["docname"])
        )
        replacement = mermaid_block(code, _("Sequence diagram"), "", node["classes"])
        replacement.source, replacement.line = node.source, node.line
        node.replace_self(replacement)
