"""Quality requirements (arc42 §1.2 and §10): goals, scenarios and their measures.

Pure: no Sphinx import.  A scenario's *measures* are the performance targets
whose ``:scenario:`` names it; its status is derived from theirs, and a
goal's from its scenarios': ``missed`` when any is missed, ``met`` when there
is at least one and all are met, else ``unknown``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from sphinx_archdoc.core import quantities
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.core.model import Item

#: The statuses of targets, scenarios and goals, in their sort order.
STATUSES = ("met", "missed", "unknown")


def evaluate_target(item: Item) -> quantities.Evaluation:
    """The status of a performance target from its own fields."""
    return quantities.evaluate(item.text("target"), item.text("current"), item.text("result"))


def combined_status(statuses: Iterable[str | None]) -> str:
    """``missed`` if any is missed, ``met`` if there is one and all are met, else ``unknown``."""
    seen = list(statuses)
    if "missed" in seen:
        return "missed"
    if seen and all(status == "met" for status in seen):
        return "met"
    return "unknown"


def back_links(items: Iterable[Item], *fields: str) -> dict[str, list[str]]:
    """Target ID -> the sorted IDs of the items whose ``fields`` name it."""
    result: dict[str, set[str]] = {}
    for item in items:
        for field in fields:
            for target in item.get_list(field):
                result.setdefault(target, set()).add(item.id)
    return {target: sorted(ids) for target, ids in result.items()}


def derive_quality(index: Index) -> None:
    """Scenario ``status``, ``measures``, ``risks``, ``adrs``; goal ``scenarios``, ``status``.

    Runs after the performance targets' statuses are derived."""
    computed = index.computed
    measures = back_links(index.kind_items("perf-target"), "scenario")
    risks = back_links(index.kind_items("risk"), "scenarios")
    adrs = back_links(index.kind_items("adr"), "supports", "compromises")
    for scenario in index.kind_items("quality-scenario"):
        ids = measures.get(scenario.id, [])
        computed[("quality-scenario", scenario.id)] = {
            "status": combined_status(
                computed.get(("perf-target", m), {}).get("status") for m in ids
            ),
            "measures": ids,
            "risks": risks.get(scenario.id, []),
            "adrs": adrs.get(scenario.id, []),
        }
    scenarios = back_links(index.kind_items("quality-scenario"), "goal")
    for goal in index.kind_items("quality-goal"):
        ids = scenarios.get(goal.id, [])
        computed[("quality-goal", goal.id)] = {
            "scenarios": ids,
            "status": combined_status(
                computed.get(("quality-scenario", s), {}).get("status") for s in ids
            ),
        }


# -- measurements from files ----------------------------------------------------------

#: The largest result file read (a benchmark or load-test summary is far smaller).
MAX_SOURCE_BYTES = 16 * 1024 * 1024


class MeasurementSourceError(ValueError):
    """A ``:current-from:`` that cannot be read; the message is shown to the user."""


def split_source(text: str) -> tuple[str, str]:
    """``("results.json", "/benchmarks/0/stats/mean")`` from ``results.json#/benchmarks/...``."""
    path, _hash, pointer = text.strip().partition("#")
    if not path.strip():
        raise MeasurementSourceError(
            _("{text!r} names no file (expected e.g. {example})").format(
                text=text, example="'results/bench.json#/benchmarks/0/stats/mean'"
            )
        )
    if pointer and not pointer.startswith("/"):
        raise MeasurementSourceError(
            _("{pointer!r} is not a JSON pointer: it starts with '/' (e.g. {example})").format(
                pointer=pointer, example="'#/benchmarks/0/stats/mean'"
            )
        )
    return path.strip(), pointer


def resolve_pointer(document: Any, pointer: str) -> Any:
    """The value ``pointer`` (RFC 6901) names in ``document``."""
    value = document
    walked = ""
    for token in pointer.split("/")[1:] if pointer else ():
        key = token.replace("~1", "/").replace("~0", "~")
        walked += "/" + token
        if isinstance(value, dict) and key in value:
            value = value[key]
        elif isinstance(value, list) and re.fullmatch(r"0|[1-9][0-9]*", key):
            if int(key) >= len(value):
                raise MeasurementSourceError(
                    _(
                        "{pointer!r} matches nothing: {walked!r} is past the end of a list of {n}"
                    ).format(pointer=pointer, walked=walked, n=len(value))
                )
            value = value[int(key)]
        else:
            found = (
                ", ".join(repr(k) for k in sorted(value)[:10]) if isinstance(value, dict) else ""
            )
            raise MeasurementSourceError(
                _("{pointer!r} matches nothing: there is no {walked!r}").format(
                    pointer=pointer, walked=walked
                )
                + (_(" (keys there: {keys})").format(keys=found) if found else "")
            )
    return value


def measurement_text(value: Any, unit: str | None, pointer: str) -> str:
    """A value read from a result file as a ``:current:`` text: ``0.0123 s``."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        kinds = {dict: _("an object"), list: _("a list"), bool: _("true or false")}
        kind = kinds.get(type(value), "null")
        raise MeasurementSourceError(
            _("{pointer!r} names {kind}, not a number").format(pointer=pointer or "/", kind=kind)
        )
    if isinstance(value, float):
        if not math.isfinite(value):
            raise MeasurementSourceError(
                _("{pointer!r} names {value}, not a finite number").format(
                    pointer=pointer, value=value
                )
            )
        text = format(Decimal(repr(value)), "f")
    else:
        text = str(value).strip()
    return f"{text} {unit}" if unit else text


def read_measurement(srcdir: Path, source: str, unit: str | None) -> tuple[Path, str]:
    """The file ``source`` names (a build dependency, even when it is missing)
    and the current value read from it; raises :class:`MeasurementSourceError`."""
    path_text, pointer = split_source(source)
    path = srcdir / path_text
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        raise MeasurementSourceError(
            _("cannot read {path!r}: {problem}").format(
                path=path_text, problem=exc.strerror or type(exc).__name__
            )
        ) from None
    if len(data) > MAX_SOURCE_BYTES:
        raise MeasurementSourceError(
            _("{path!r} is larger than {limit} MB").format(
                path=path_text, limit=MAX_SOURCE_BYTES // (1024 * 1024)
            )
        )
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise MeasurementSourceError(
            _("{path!r} is not valid JSON: {problem}").format(path=path_text, problem=exc)
        ) from None
    value = resolve_pointer(document, pointer)
    return path, measurement_text(value, unit, pointer)
