"""The entity-relationship diagram: which entities and relationships, and its Mermaid text.

Pure.  Mermaid entity names are generated (``e1``, ``e2``...) and each
entity's title is an alias written through
:func:`~sphinx_archdoc.core.graph.mermaid_label`, so no user text can end a
label or start a statement.  Attribute names and types follow the grammar of
:mod:`.attributes` (words, sizes, array marks); the few characters of a type
that Mermaid does not take in a type (``,``) are replaced.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sphinx_archdoc.core.attributes import Attribute
from sphinx_archdoc.core.graph import mermaid_label
from sphinx_archdoc.core.model import Item

_TYPE_UNSAFE_RE = re.compile(r"[^A-Za-z0-9_()\[\]-]")
_NAME_UNSAFE_RE = re.compile(r"[^A-Za-z0-9_]")


@dataclass(frozen=True)
class Relationship:
    """One foreign key: ``source.attribute`` refers to ``target.target_attribute``."""

    source: str
    attribute: str
    target: str
    target_attribute: str
    #: The key is also unique (or the primary key): at most one source per target.
    one_to_one: bool


@dataclass(frozen=True)
class EntityDiagram:
    #: The entities drawn, in the query's order, with their attributes.
    entities: tuple[tuple[Item, tuple[Attribute, ...]], ...]
    relationships: tuple[Relationship, ...]


def build_entity_diagram(
    entities: Sequence[Item], attributes: Mapping[str, tuple[Attribute, ...]]
) -> EntityDiagram:
    """The selected entities and one relationship per foreign key between two of them."""
    shown = {entity.id for entity in entities}
    relationships = [
        Relationship(
            entity.id,
            attribute.name,
            attribute.references[0],
            attribute.references[1],
            attribute.unique or attribute.primary_key,
        )
        for entity in entities
        for attribute in attributes.get(entity.id, ())
        if attribute.references is not None and attribute.references[0] in shown
    ]
    return EntityDiagram(
        tuple((entity, attributes.get(entity.id, ())) for entity in entities),
        tuple(relationships),
    )


def _attribute_line(attribute: Attribute) -> str:
    words = [_TYPE_UNSAFE_RE.sub("_", attribute.type), _NAME_UNSAFE_RE.sub("_", attribute.name)]
    if attribute.keys:
        words.append(", ".join(attribute.keys))
    if attribute.references is not None:
        entity, name = attribute.references
        words.append(f'"{mermaid_label(f"-> {entity}.{name}")}"')
    return " ".join(words)


def mermaid_er_code(diagram: EntityDiagram) -> str:
    """The ``erDiagram`` text."""
    keys = {entity.id: f"e{i}" for i, (entity, _attrs) in enumerate(diagram.entities, start=1)}
    lines = ["erDiagram"]
    for entity, attributes in diagram.entities:
        head = f'  {keys[entity.id]}["{mermaid_label(entity.title)}"]'
        if not attributes:
            lines.append(head)
            continue
        lines.append(head + " {")
        lines.extend(f"    {_attribute_line(attribute)}" for attribute in attributes)
        lines.append("  }")
    for relation in diagram.relationships:
        # The referenced entity has one row per referring row: ||--o{ (or ||--o| when unique).
        many = "o|" if relation.one_to_one else "o{"
        label = mermaid_label(relation.attribute)
        lines.append(f'  {keys[relation.target]} ||--{many} {keys[relation.source]} : "{label}"')
    return "\n".join(lines) + "\n"
