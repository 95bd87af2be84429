"""Derived values of entities, spikes and the questions spikes answer (pure).

Run once per build by :func:`sphinx_archdoc.core.derive.derive_all`, after
the components' own entries exist.
"""

from __future__ import annotations

from sphinx_archdoc.core.attributes import stored_attributes
from sphinx_archdoc.core.index import Index

#: The status of a spike whose outcome answers its questions.
DONE = "done"


def derive_data_model(index: Index) -> None:
    _derive_entities(index)
    _derive_spikes(index)


def _derive_entities(index: Index) -> None:
    entities = index.kind_items("entity")
    attributes = {
        entity.id: stored_attributes(entity.get_list("attributes")) for entity in entities
    }
    index.entity_attributes = attributes
    referenced_by: dict[str, list[str]] = {}
    for entity in entities:  # in ID order: every list below is built sorted
        targets = sorted(
            {a.references[0] for a in attributes[entity.id] if a.references is not None}
        )
        computed = index.computed_for(entity)
        computed["attribute-count"] = len(attributes[entity.id])
        computed["references"] = targets
        for target in targets:
            referenced_by.setdefault(target, []).append(entity.id)
    for entity in entities:
        index.computed_for(entity)["referenced-by"] = referenced_by.get(entity.id, [])


def entities_by_component(index: Index) -> dict[str, list[str]]:
    """Component ID -> the entities stored in or mastered by it, in ID order
    (each component's computed ``entities``, written with its entry)."""
    stored: dict[str, list[str]] = {}
    for entity in index.kind_items("entity"):
        for component_id in {*entity.get_list("stored-in"), *entity.get_list("master")}:
            stored.setdefault(component_id, []).append(entity.id)
    return stored


def _derive_spikes(index: Index) -> None:
    naming: dict[str, list[str]] = {}
    answering: dict[str, list[str]] = {}
    for spike in index.kind_items("spike"):
        # (Its ``overdue`` follows the kind's OverdueRule, see derive.py.)
        status = spike.text("status")
        for question_id in dict.fromkeys(spike.get_list("questions")):
            naming.setdefault(question_id, []).append(spike.id)
            if status == DONE:
                answering.setdefault(question_id, []).append(spike.id)
    for question in index.kind_items("question"):
        computed = index.computed_for(question)
        computed["spikes"] = naming.get(question.id, [])
        computed["answered-by"] = answering.get(question.id, [])
