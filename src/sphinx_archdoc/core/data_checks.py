"""Checks of entities and spikes: foreign keys, storage, due dates (pure)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from sphinx_archdoc.core.checknames import CheckName
from sphinx_archdoc.core.checks import CheckFunction, check, suggest
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.model import Finding

if TYPE_CHECKING:
    from sphinx_archdoc.core.index import Index

#: The functions of the data-model and spike checks, by name.
DATA_CHECK_FUNCTIONS: dict[CheckName, CheckFunction] = {}


@check("unknown_entity", DATA_CHECK_FUNCTIONS)
def check_unknown_entity(index: Index) -> Iterator[Finding]:
    attributes = index.entity_attributes
    for entity in index.kind_items("entity"):
        for attribute in attributes.get(entity.id, ()):
            if attribute.references is None:
                continue
            target, name = attribute.references
            found = index.by_id.get(target)
            if found is None or found.kind != "entity":
                what = (
                    _("unknown entity {target!r}").format(target=target)
                    if found is None
                    else _("{target!r}, which is a {kind}, not an entity").format(
                        target=target, kind=found.kind
                    )
                )
                yield Finding.at(
                    "unknown_entity",
                    _("entity {id!r}: attribute {name!r} is a foreign key to {what}").format(
                        id=entity.id, name=attribute.name, what=what
                    )
                    + (suggest(target, attributes) if found is None else ""),
                    entity,
                )
                continue
            names = [a.name for a in attributes.get(target, ())]
            if name not in names:
                yield Finding.at(
                    "unknown_entity",
                    _(
                        "entity {id!r}: attribute {name!r} is a foreign key to "
                        "{target}.{attribute}, but entity {target!r} has no attribute "
                        "{attribute!r}"
                    ).format(id=entity.id, name=attribute.name, target=target, attribute=name)
                    + suggest(name, names),
                    entity,
                )


@check("not_stored", DATA_CHECK_FUNCTIONS)
def check_not_stored(index: Index) -> Iterator[Finding]:
    for entity in index.kind_items("entity"):
        if not entity.get_list("stored-in"):
            yield Finding.at(
                "not_stored",
                _("entity {id!r} is stored in no component (give it :stored-in:)").format(
                    id=entity.id
                ),
                entity,
            )


@check("spike_overdue", DATA_CHECK_FUNCTIONS)
def check_spike_overdue(index: Index) -> Iterator[Finding]:
    for spike in index.kind_items("spike"):
        if index.computed.get(("spike", spike.id), {}).get("overdue"):
            yield Finding.at(
                "spike_overdue",
                _("spike {id!r} is {status} and was due {date} (today is {today})").format(
                    id=spike.id,
                    status=spike.get("status"),
                    date=spike.get("due"),
                    today=index.today.isoformat(),
                ),
                spike,
            )
