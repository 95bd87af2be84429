"""``archdoc.json``: every item with its fields, computed values and location.

The document is deterministic: items in index order, keys sorted, no
timestamps, so two builds of the same sources give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sphinx_archdoc.index import Index
from sphinx_archdoc.model import Item

SCHEMA_VERSION = 1
FILENAME = "archdoc.json"


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def item_record(index: Index, item: Item, url: str) -> dict[str, Any]:
    computed = index.computed.get((item.kind, item.id), {})
    return {
        "kind": item.kind,
        "id": item.id,
        "title": item.title,
        "docname": item.docname,
        "lineno": item.lineno,
        "url": url,
        "anchor": item.anchor,
        "description": item.description,
        "fields": _jsonable(dict(sorted(item.fields.items()))),
        "computed": _jsonable(dict(sorted(computed.items()))),
    }


def build_document(
    index: Index,
    url_for: Callable[[Item], str],
    *,
    project: str,
    version: str,
    generator: str,
) -> dict[str, Any]:
    items = [
        item_record(index, item, url_for(item))
        for item in index.items
        if not item.id or index.by_id.get(item.id) in (item, None) or item.kind == "status"
    ]
    findings = [
        {
            "check": f.check,
            "severity": f.severity,
            "message": f.message,
            "docname": f.docname,
            "lineno": f.lineno,
        }
        for f in index.findings
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": generator,
        "project": project,
        "version": version,
        "items": items,
        "findings": findings,
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
