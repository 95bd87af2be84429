"""Our Structurizr DSL export, read by a real DSL parser (``c4studio``).

The reference parser is Java; ``c4studio`` (PyPI) is a Python parser of the
same language that needs Python 3.13, so these tests run in their own nox
session (``make test-structurizr``, ``nox -s structurizr``), not in
``make test``. They export the example project and the golden workspace's
model, parse the text with every unsupported keyword an error, and check that
the parser reads what the export means: the people, the nesting of software
systems, containers and components, every relationship with its
description and technology between the right elements, and the views.
"""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path
from typing import Any

import pytest
from c4studio.parser import parse_dsl

from conftest import build
from sphinx_archdoc.core.structurizr import (
    _Dynamic,
    _Element,
    _Workspace,
    dsl_string,
    workspace,
)

HERE = Path(__file__).parent
EXAMPLE = HERE.parent.parent / "example_project"
GOLDEN_MODEL = HERE.parent / "data" / "structurizr" / "archdoc.json"


@pytest.fixture(scope="module")
def example_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    copy = tmp_path_factory.mktemp("example") / "example_project"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns("_build"))
    result = build(copy, "archdoc")
    return json.loads((result.outdir / "archdoc.json").read_text(encoding="utf-8"))


def parsed(document: dict[str, Any]) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # c4studio warns about what it skips
        ws = parse_dsl(workspace(document))
    assert ws.diagnostics == []
    assert ws.parse_warnings == []
    assert ws.validate() == []
    return ws


def written(text: str) -> str:
    """``text`` as the export writes it in a DSL string (no double quotes, one line)."""
    return dsl_string(text)[1:-1]


def tree(element: _Element) -> tuple[str, str, tuple[Any, ...]]:
    return (element.identifier, written(element.name), tuple(tree(c) for c in element.children))


def parsed_tree(system: Any) -> tuple[str, str, tuple[Any, ...]]:
    return (
        system.id,
        system.name,
        tuple(
            (c.id, c.name, tuple((k.id, k.name, ()) for k in c.components))
            for c in system.containers
        ),
    )


def check_export(document: dict[str, Any]) -> Any:
    meant = _Workspace(document)
    ws = parsed(document)
    assert [(p.id, p.name) for p in ws.people] == [
        (p.identifier, written(p.name)) for p in meant.people
    ]
    assert [parsed_tree(s) for s in ws.software_systems] == [tree(r) for r in meant.roots]
    relationships = {
        (r.source_id, r.destination_id, r.description, r.technology) for r in ws.relationships
    }
    # The model's relationships, and one for each flow step the model has
    # none for (a dynamic view needs one behind every step).
    grouped = meant.relationships()
    dynamic = _Dynamic(meant, grouped)
    for number, (flow, steps) in enumerate(meant.flows):
        dynamic.view(flow, steps, number)
    assert relationships == {
        (
            a,
            b,
            written("; ".join(dict.fromkeys(label for label, _ in flows if label))),
            written(", ".join(dict.fromkeys(tech for _, tech in flows if tech))),
        )
        for (a, b), flows in grouped.items()
    }
    for relationship in ws.relationships:
        assert ws.find_element(relationship.source_id) is not None
        assert ws.find_element(relationship.destination_id) is not None
    # Every element keeps its archdoc ID.
    for system in ws.software_systems:
        for container in system.containers:
            assert container.properties.get("archdoc.id")
    return ws


def test_the_example_projects_export_parses_as_meant(example_export):
    ws = check_export(example_export)
    views = ws.views
    assert [v.key for v in views.system_context_views] == ["parcelly-SystemContext"]
    assert [v.key for v in views.container_views] == ["parcelly-Containers"]
    assert [v.key for v in views.component_views] == ["booking_service-Components"]
    booking = ws.find_element("booking_api")
    assert booking.parent_id == "booking_service"
    assert booking.technology == "Python, FastAPI"


def test_the_golden_model_parses_as_meant():
    check_export(json.loads(GOLDEN_MODEL.read_text(encoding="utf-8")))


def test_the_parser_is_strict_enough_to_notice_a_broken_export():
    """The check above is worth something: a mistake in the text is seen."""
    text = workspace(json.loads(GOLDEN_MODEL.read_text(encoding="utf-8")))
    with pytest.warns(Warning, match="persn"):
        parse_dsl(text.replace("= person ", "= persn ", 1))
    with pytest.raises(Exception, match="never closed"):
        parse_dsl(text.rstrip().removesuffix("}"))
