"""Performance targets: parse ``< 200 ms`` / ``180ms`` and compare them.

First version: a comparator, a number and an optional unit; identical units
compare, anything else is ``unknown``.  (The full grammar and unit table
arrive with the performance-target work.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TARGET_RE = re.compile(r"^\s*(<=|>=|<|>|=|≤|≥)?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(.*?)\s*$")
_COMPARATORS = {"≤": "<=", "≥": ">=", None: "<="}


class QuantityError(ValueError):
    """Text that is not a quantity."""


@dataclass(frozen=True)
class Evaluation:
    status: str  # met | missed | unknown
    reason: str = ""


def _parse(text: str) -> tuple[str, float, str]:
    match = _TARGET_RE.match(text)
    if not match:
        raise QuantityError(f"{text!r} is not a quantity")
    comparator = _COMPARATORS.get(match.group(1), match.group(1))
    return comparator, float(match.group(2).replace(",", "")), match.group(3).lower()


def evaluate(target: str | None, current: str | None) -> Evaluation:
    if not target or not current:
        return Evaluation("unknown", "no current value")
    try:
        comparator, goal, unit = _parse(target)
        _, value, current_unit = _parse(current)
    except QuantityError as exc:
        return Evaluation("unknown", str(exc))
    if unit != current_unit:
        return Evaluation("unknown", f"units differ: {unit!r} and {current_unit!r}")
    met = {
        "<": value < goal,
        "<=": value <= goal,
        ">": value > goal,
        ">=": value >= goal,
        "=": value == goal,
    }[comparator]
    return Evaluation("met" if met else "missed")
