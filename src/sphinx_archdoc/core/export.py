"""``archdoc.json``: every item with its fields, computed values and location.

The document is deterministic: items in index order, keys sorted, no
timestamps, so two builds of the same sources give the same bytes.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sized
from json.encoder import encode_basestring as _quote  # C, where built
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.core.kinds import KINDS
from sphinx_archdoc.core.model import ID_RE, Item

#: Kinds with fields read from the directive's body (an entity's attributes),
#: which the record also gives structured.
_BODY_KINDS = frozenset(
    name for name, spec in KINDS.items() if any(field.from_body for field in spec.fields)
)

SCHEMA_VERSION = 1
FILENAME = "archdoc.json"


def _jsonable(value: Any) -> Any:
    # Strings, nearly every value, are passed through without a call.
    if isinstance(value, tuple | list):
        return [v if type(v) is str else _jsonable(v) for v in value]
    if isinstance(value, dict):
        return _jsonable_pairs(value.items())
    return value


def _jsonable_pairs(pairs: Iterable[tuple[Any, Any]]) -> dict[str, Any]:
    return {
        k if type(k) is str else str(k): v if type(v) is str else _jsonable(v) for k, v in pairs
    }


def item_record(index: Index, item: Item, url: str) -> dict[str, Any]:
    computed = index.computed_of(item)
    record = {
        "kind": item.kind,
        "id": item.id,
        "title": item.title,
        "docname": item.docname,
        "lineno": item.lineno,
        "url": url,
        "anchor": item.anchor,
        "description": item.description,
        "fields": _jsonable_pairs(sorted(item.fields.items())),
        "computed": _jsonable_pairs(sorted(computed.items())),
    }
    attributes = index.entity_attributes.get(item.id) if item.kind in _BODY_KINDS else None
    if attributes is not None:
        # An entity's attributes, structured (``fields`` keeps their lines).
        record["attributes"] = [
            {
                "name": attribute.name,
                "type": attribute.type,
                "primary-key": attribute.primary_key,
                "unique": attribute.unique,
                "references": (
                    {"entity": attribute.references[0], "attribute": attribute.references[1]}
                    if attribute.references
                    else None
                ),
            }
            for attribute in attributes
        ]
    return record


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
        # Items without an ID of their own (a document's status) are never duplicates.
        if not KINDS[item.kind].has_id or index.by_id.get(item.id) in (item, None)
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
    """The document as ``json.dumps(indent=2, sort_keys=True, ensure_ascii=False)``
    writes it, byte for byte, in about half the time.

    With an indent, the standard library encodes in pure Python, one generator
    per container; on an incremental build this was a fifth of the time
    sphinx-archdoc spends. A value of a type this writer does not know
    (anything but exact ``dict``, ``list``, ``tuple``, ``str``, ``int``,
    ``float``, ``bool`` and ``None``, or a dictionary key that is not a string)
    goes to the standard library, which is the reference:
    ``tests/test_export_dumps.py`` compares the two on generated documents.
    """
    out: list[str] = []
    try:
        _write(document, "\n", out)
    except _UnsupportedError:
        return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    out.append("\n")
    return "".join(out)


class _UnsupportedError(Exception):
    """A value :func:`_write` leaves to the standard library."""


def _literal(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    kind = type(value)
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    raise _UnsupportedError


def _write(value: Any, newline: str, out: list[str]) -> None:
    """Append ``value`` encoded to ``out``; ``newline`` is a line break and
    the indentation of the line ``value`` starts on."""
    kind = type(value)
    if kind is str:
        out.append(_quote(value))
    elif kind is dict:
        _write_dict(value, newline, out)
    elif kind is list or kind is tuple:
        _write_list(value, newline, out)
    else:
        out.append(_literal(value))


def _write_dict(value: dict[Any, Any], newline: str, out: list[str]) -> None:
    if not value:
        out.append("{}")
        return
    inner = newline + "  "
    separator = "{" + inner
    between = "," + inner
    for key in sorted(value):
        if type(key) is not str:
            raise _UnsupportedError
        item = value[key]
        if type(item) is str:  # most values: one piece, no call
            out.append(f"{separator}{_quote(key)}: {_quote(item)}")
        else:
            out.append(f"{separator}{_quote(key)}: ")
            _write(item, inner, out)
        separator = between
    out.append(newline + "}")


def _write_list(value: list[Any] | tuple[Any, ...], newline: str, out: list[str]) -> None:
    if not value:
        out.append("[]")
        return
    inner = newline + "  "
    separator = "[" + inner
    between = "," + inner
    for item in value:
        if type(item) is str:
            out.append(separator + _quote(item))
        else:
            out.append(separator)
            _write(item, inner, out)
        separator = between
    out.append(newline + "]")


# -- reading another project's archdoc.json ------------------------------------
#
# Imported data comes from another site: it is parsed with ``json`` only (never
# unpickled or evaluated) and checked here against the shape sphinx-archdoc
# relies on, with limits, before any of it is used.  This validator is
# deliberately small and strict; the published JSON Schema describes the same
# shape for other tools (``schema/archdoc.schema.json``).

#: Largest ``archdoc.json`` read, in bytes.
MAX_BYTES = 16 * 1024 * 1024
#: Most items imported from one project.
MAX_ITEMS = 50_000
#: Deepest nesting of arrays and objects.
MAX_DEPTH = 8
#: Longest string value.
MAX_STRING = 65_536
#: Most entries in one list field or computed value.
MAX_LIST = 5_000

#: Fields that name items of the same project: imported values get the prefix.
REFERENCE_FIELDS = frozenset(
    {
        "depends-on",
        "components",
        "component",
        "adrs",
        "supersedes",
        "stored-in",
        "master",
        "questions",
        *("artifact", "goal", "scenario", "scenarios", "supports", "compromises"),
    }
)
REFERENCE_COMPUTED = frozenset(
    {
        "dependents",
        "risks",
        "perf-targets",
        "adrs",
        "supersedes",
        "superseded-by",
        "entities",
        "references",
        "referenced-by",
        "spikes",
        "answered-by",
        *("measures", "scenarios"),
    }
)

_FIELD_NAME_RE = re.compile(r"^[a-z][a-z0-9-]{0,99}$")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


class ExternalDataError(ValueError):
    """An imported ``archdoc.json`` is not usable; the message says why."""


def schema_path() -> Path:
    """The published JSON Schema of ``archdoc.json``, shipped in the package."""
    return Path(__file__).parent.parent / "schema" / "archdoc.schema.json"


def is_safe_url(url: str) -> bool:
    """True for http(s) URLs and relative paths; nothing that a browser would
    run or that points outside the other site by surprise (``javascript:``,
    ``data:``, ``//host``, ``/root``)."""
    if _CONTROL_RE.search(url) or "\\" in url:
        return False
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return bool(parts.netloc)
    # Browsers drop leading spaces: " /x" is "/x".
    return not parts.scheme and not parts.netloc and not url.lstrip(" ").startswith("/")


def _depth(value: Any) -> int:
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, dict | list):
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
            children = current.values() if isinstance(current, dict) else current
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _bounded(
    value: Any, what: str, expected: type, wrong_type: str, maximum: int, too_long: str
) -> None:
    """Raise unless ``value`` is an ``expected`` of at most ``maximum`` characters
    or entries; the messages name ``what`` (and ``type`` or ``maximum``)."""
    if not isinstance(value, expected):
        raise ExternalDataError(wrong_type.format(what=what, type=type(value).__name__))
    if len(cast("Sized", value)) > maximum:
        raise ExternalDataError(too_long.format(what=what, maximum=maximum))


def _string(value: Any, what: str, *, allow_empty: bool = True) -> str:
    _bounded(
        value,
        what,
        str,
        _("{what}: expected a string, got {type}"),
        MAX_STRING,
        _("{what}: longer than {maximum} characters"),
    )
    if not allow_empty and not value:
        raise ExternalDataError(_("{what}: must not be empty").format(what=what))
    return str(value)


def _string_list(value: Any, what: str) -> list[str]:
    _bounded(
        value,
        what,
        list,
        _("{what}: expected a list, got {type}"),
        MAX_LIST,
        _("{what}: more than {maximum} entries"),
    )
    return [_string(v, what) for v in value]


def _scalar(value: Any, what: str) -> str | int | float | bool | None:
    if value is None or isinstance(value, bool | int | float):
        return value
    return _string(value, what)


def _fields(value: Any, what: str) -> dict[str, str | list[str]]:
    if not isinstance(value, dict):
        raise ExternalDataError(_("{what}: expected an object").format(what=what))
    result: dict[str, str | list[str]] = {}
    for name, field_value in value.items():
        if not _FIELD_NAME_RE.match(name):
            raise ExternalDataError(
                _("{what}: invalid field name {name!r}").format(what=what, name=name[:40])
            )
        if isinstance(field_value, list):
            result[name] = _string_list(field_value, f"{what}.{name}")
        else:
            result[name] = _string(field_value, f"{what}.{name}")
    return result


def _computed(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ExternalDataError(_("{what}: expected an object").format(what=what))
    result: dict[str, Any] = {}
    for name, computed_value in value.items():
        if not _FIELD_NAME_RE.match(name):
            raise ExternalDataError(
                _("{what}: invalid name {name!r}").format(what=what, name=name[:40])
            )
        if isinstance(computed_value, list):
            if len(computed_value) > MAX_LIST:
                raise ExternalDataError(
                    _("{what}: more than {maximum} entries").format(
                        what=f"{what}.{name}", maximum=MAX_LIST
                    )
                )
            result[name] = [_scalar(v, f"{what}.{name}") for v in computed_value]
        else:
            result[name] = _scalar(computed_value, f"{what}.{name}")
    return result


def validate_document(data: Any) -> dict[str, Any]:
    """Check an imported document and return the plain data sphinx-archdoc uses.

    Raises :class:`ExternalDataError` naming the first problem.  Items of kinds this
    version does not know, and document-status items (they have no ID), are
    skipped; relations (no ID either) are kept when their two ends are IDs;
    unknown keys are ignored (the shape may grow).
    """
    if _depth(data) > MAX_DEPTH:
        raise ExternalDataError(_("nested deeper than {maximum} levels").format(maximum=MAX_DEPTH))
    if not isinstance(data, dict):
        raise ExternalDataError(_("expected a JSON object at the top level"))
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ExternalDataError(
            _("unsupported schema_version {version!r} (this version reads {supported})").format(
                version=data.get("schema_version"), supported=SCHEMA_VERSION
            )
        )
    raw_items = data.get("items")
    if not isinstance(raw_items, list):
        raise ExternalDataError(_("'items' must be a list"))
    if len(raw_items) > MAX_ITEMS:
        raise ExternalDataError(_("more than {maximum} items").format(maximum=MAX_ITEMS))
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    for position, raw in enumerate(raw_items):
        what = f"items[{position}]"
        if not isinstance(raw, dict):
            raise ExternalDataError(_("{what}: expected an object").format(what=what))
        kind = _string(raw.get("kind"), f"{what}.kind")
        if kind not in KINDS or not (KINDS[kind].has_id or kind in IMPORTED_WITHOUT_ID):
            continue
        item_id = _string(raw.get("id"), f"{what}.id")
        if kind in IMPORTED_WITHOUT_ID:
            _check_ends(raw.get("fields"), what)
        elif not ID_RE.match(item_id):
            raise ExternalDataError(
                _("{what}: {value!r} is not a valid ID").format(
                    what=f"{what}.id", value=item_id[:60]
                )
            )
        if item_id and item_id in seen:
            continue  # the first one wins, as in the exporting project
        seen.add(item_id)
        url = _string(raw.get("url"), f"{what}.url")
        if not is_safe_url(url):
            raise ExternalDataError(
                _("{what}: {value!r} is not an http(s) URL or relative path").format(
                    what=f"{what}.url", value=url[:60]
                )
            )
        items.append(
            {
                "kind": kind,
                "id": item_id,
                "title": _string(raw.get("title", item_id), f"{what}.title"),
                "docname": _string(raw.get("docname", ""), f"{what}.docname"),
                "url": url,
                "description": _string(raw.get("description", ""), f"{what}.description"),
                "fields": _fields(raw.get("fields", {}), f"{what}.fields"),
                "computed": _computed(raw.get("computed", {}), f"{what}.computed"),
            }
        )
    return {
        "project": _string(data.get("project", ""), "project"),
        "version": _string(data.get("version", ""), "version"),
        "items": items,
    }


#: Kinds without an ID of their own that are imported all the same: a
#: relation, so this project's views can draw the other project's relations.
IMPORTED_WITHOUT_ID = frozenset({"relation"})


def _check_ends(fields: Any, what: str) -> None:
    """A relation's ``source`` and ``target``: each an ID or ``project:ID``."""
    for end in ("source", "target"):
        value = fields.get(end) if isinstance(fields, dict) else None
        if not isinstance(value, str) or not all(ID_RE.match(part) for part in value.split(":", 1)):
            raise ExternalDataError(
                _("{what}: {value!r} is not a valid ID").format(
                    what=f"{what}.fields.{end}", value=str(value)[:60]
                )
            )


def too_large() -> ExternalDataError:
    return ExternalDataError(
        _("larger than {maximum} MiB").format(maximum=MAX_BYTES // (1024 * 1024))
    )


def loads(text: bytes | str) -> dict[str, Any]:
    """Parse and validate an imported ``archdoc.json``."""
    return validate_document(parse_json(text))


def parse_json(text: bytes | str) -> Any:
    """The JSON value of ``text``, within the size limit (not yet validated)."""
    if len(text) > MAX_BYTES:
        raise too_large()
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ExternalDataError(
            _("not valid JSON ({problem})").format(problem=str(exc)[:200])
        ) from None
    return data
