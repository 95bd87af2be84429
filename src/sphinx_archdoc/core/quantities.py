"""Performance targets: parse ``< 200 ms`` / ``10k req/s`` / ``180ms`` and compare them.

Pure: no Sphinx import (messages use :mod:`sphinx_archdoc.core.i18n`).  The grammar (documented in
``docs/reference/performance-targets.md``)::

    target    := [comparator] quantity
    current   := ["~" | "≈"] quantity          (or a placeholder: TBD, [X]ms, ...)
    quantity  := number [multiplier] [unit]
    number    := digits with optional "," thousands groups and "." decimals
    multiplier:= k | K | M | G                 (x 1,000 / 1,000,000 / 1,000,000,000)

Numbers are exact (:class:`fractions.Fraction`), so ``< 1 s`` and ``< 1000 ms``
give the same answer for every current value, with no rounding surprises.

Units belong to a *dimension* (time, rate, percent, data size, data rate,
count); quantities of one dimension are normalised to its base unit before
they are compared.  A unit this module does not know is kept as written and
only compares with the very same unit (``3 parsecs`` vs ``< 5 parsecs``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from sphinx_archdoc.core.i18n import _

MAX_LENGTH = 200

#: Comparators as written -> canonical form.
COMPARATORS: dict[str, str] = {
    "<=": "<=",
    ">=": ">=",
    "==": "=",
    "≤": "<=",
    "≥": ">=",
    "<": "<",
    ">": ">",
    "=": "=",
}

#: Multiplier suffixes on a number (``10k``, ``1.5M``).
MULTIPLIERS: dict[str, int] = {"k": 1_000, "K": 1_000, "M": 1_000_000, "G": 1_000_000_000}

#: Dimension names, as they appear in messages.
TIME = "time"
RATE = "rate"
PERCENT = "percent"
SIZE = "data size"
DATA_RATE = "data rate"
COUNT = "count"
OTHER = "other"

#: For a target written without comparator: which direction is "good".
#: Times and sizes are budgets (lower is better); rates and percentages are
#: floors (throughput, availability).  Counts and unknown units have no
#: obvious direction, so they need a comparator.
BARE_COMPARATOR: dict[str, str] = {
    TIME: "<=",
    SIZE: "<=",
    RATE: ">=",
    DATA_RATE: ">=",
    PERCENT: ">=",
}

_TIME_UNITS: dict[str, Fraction] = {
    "ns": Fraction(1, 10**9),
    "µs": Fraction(1, 10**6),  # micro sign
    "μs": Fraction(1, 10**6),  # Greek mu
    "us": Fraction(1, 10**6),
    "ms": Fraction(1, 1000),
    "msec": Fraction(1, 1000),
    "s": Fraction(1),
    "sec": Fraction(1),
    "secs": Fraction(1),
    "second": Fraction(1),
    "seconds": Fraction(1),
    "min": Fraction(60),
    "mins": Fraction(60),
    "minute": Fraction(60),
    "minutes": Fraction(60),
    "h": Fraction(3600),
    "hr": Fraction(3600),
    "hrs": Fraction(3600),
    "hour": Fraction(3600),
    "hours": Fraction(3600),
    "d": Fraction(86400),
    "day": Fraction(86400),
    "days": Fraction(86400),
}

#: Rates whose name carries the time (``rps``); per second.
_RATE_WORDS: dict[str, Fraction] = {
    "rps": Fraction(1),
    "qps": Fraction(1),
    "tps": Fraction(1),
    "ops": Fraction(1),
    "rpm": Fraction(1, 60),
}

#: Data sizes, in bytes.  Decimal prefixes are powers of 1000, binary ones
#: (KiB...) powers of 1024.  Matched case-sensitively: ``Mb`` (megabit) is not
#: a size this module knows, so it only compares with itself.
_SIZE_UNITS: dict[str, Fraction] = {
    "B": Fraction(1),
    "byte": Fraction(1),
    "bytes": Fraction(1),
    "kB": Fraction(1000),
    "KB": Fraction(1000),
    "MB": Fraction(1000**2),
    "GB": Fraction(1000**3),
    "TB": Fraction(1000**4),
    "KiB": Fraction(1024),
    "MiB": Fraction(1024**2),
    "GiB": Fraction(1024**3),
    "TiB": Fraction(1024**4),
}

_PERCENT_UNITS = {"%": Fraction(1), "percent": Fraction(1), "pct": Fraction(1)}

#: The denominators of ``X/s``-style rates: any time unit.
_PER_UNITS = _TIME_UNITS

_PLACEHOLDER_WORDS = {
    "",
    "tbd",
    "tba",
    "todo",
    "?",
    "n/a",
    "na",
    "none",
    "unknown",
    "pending",
    "-",
    "--",
    "—",
    "\u2013",  # en dash
    "…",
    "...",
}
#: ``X ms``, ``XX req/s``, ``x.x s``, ``?? ms``: a placeholder number, then a unit.
_PLACEHOLDER_NUMBER_RE = re.compile(r"^(?:[xX]+(?:[.,][xX]+)?|\?+)(?P<unit>.*)$")

_COMPARATOR_RE = re.compile(r"^(<=|>=|==|≤|≥|<|>|=)\s*")
_NUMBER_RE = re.compile(
    r"^(?P<sign>[-+])?\s*(?P<number>(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+)"
)


#: ``1e5``, ``2.5E-3``: the exponent after the number.
_EXPONENT_RE = re.compile(r"^[eE][-+]?[0-9]")


class QuantityError(ValueError):
    """Text that is not a target or a quantity; the message is shown to the user."""


@dataclass(frozen=True)
class Quantity:
    """A parsed amount: ``value`` in ``unit`` and, normalised, ``base`` in the
    dimension's base unit (seconds, per second, percent, bytes, bytes per second)."""

    value: Fraction
    unit: str  # as written, normalised spacing ("" for a plain count)
    dimension: str
    base: Fraction

    def __str__(self) -> str:
        number = format_number(self.value)
        if not self.unit:
            return number
        if self.unit == "%":
            return number + "%"
        return f"{number} {self.unit}"

    def comparable(self, other: Quantity) -> bool:
        if self.dimension != other.dimension:
            return False
        return self.dimension != OTHER or self.unit == other.unit


@dataclass(frozen=True)
class Target:
    comparator: str  # canonical: < <= > >= =
    quantity: Quantity
    #: False when the author wrote no comparator and it was inferred.
    explicit: bool = True

    def __str__(self) -> str:
        return f"{self.comparator} {self.quantity}"

    def is_met_by(self, current: Quantity) -> bool:
        value, goal = current.base, self.quantity.base
        match self.comparator:
            case "<":
                return value < goal
            case "<=":
                return value <= goal
            case ">":
                return value > goal
            case ">=":
                return value >= goal
        return value == goal


@dataclass(frozen=True)
class Evaluation:
    status: str  # met | missed | unknown
    reason: str = ""
    #: Why the status is unknown when the document is at fault:
    #: ``invalid_target``, ``invalid_current`` or ``unit_mismatch``; else None.
    problem: str | None = None


def format_number(value: Fraction) -> str:
    """A readable rendering of an exact number: ``180``, ``2.4``, ``0.000333``."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.6g}"


def _describe_unit(quantity: Quantity) -> str:
    if quantity.dimension == COUNT:
        return _("a plain number")
    if quantity.dimension == OTHER:
        return _("in {unit!r}").format(unit=quantity.unit)
    if quantity.dimension[0] in "aeiou":
        return _("an {dimension} ({unit})").format(dimension=quantity.dimension, unit=quantity.unit)
    return _("a {dimension} ({unit})").format(dimension=quantity.dimension, unit=quantity.unit)


def _unit(text: str) -> tuple[str, Fraction] | None:
    """``(dimension, factor to the base unit)`` of a known unit, else None."""
    if text in _SIZE_UNITS:
        return SIZE, _SIZE_UNITS[text]
    lowered = text.lower()
    if lowered in _TIME_UNITS:
        return TIME, _TIME_UNITS[lowered]
    if lowered in _PERCENT_UNITS:
        return PERCENT, _PERCENT_UNITS[lowered]
    if lowered in _RATE_WORDS:
        return RATE, _RATE_WORDS[lowered]
    if "/" in text:
        counted, _slash, per = text.rpartition("/")
        counted, per = counted.strip(), per.strip().lower()
        if per not in _PER_UNITS or "/" in counted:
            return None
        if counted in _SIZE_UNITS:
            return DATA_RATE, _SIZE_UNITS[counted] / _PER_UNITS[per]
        # req/s, ops/s, orders/min, /s: what is counted is named by the metric.
        if not counted or re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", counted):
            return RATE, 1 / _PER_UNITS[per]
    return None


def _normalise_unit(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"\s+per\s+", "/", text, flags=re.IGNORECASE)
    return re.sub(r"\s*/\s*", "/", text)


def _not_negative(value: Fraction, text: str, dimension: str) -> None:
    """Times, sizes, rates, percentages and counts are never below zero; only a
    unit this module does not know (``-10 °C``) may be."""
    if value < 0:
        raise QuantityError(
            _("{text!r}: a {dimension} cannot be negative").format(text=text, dimension=dimension)
        )


def parse_quantity(text: str) -> Quantity:
    """Parse ``180ms``, ``12,000 req/s``, ``10k``, ``99.95%``, ``3 parsecs``."""
    if len(text) > MAX_LENGTH:
        raise QuantityError(
            _("is too long to be a quantity (at most {maximum} characters)").format(
                maximum=MAX_LENGTH
            )
        )
    stripped = text.strip()
    match = _NUMBER_RE.match(stripped)
    if not match:
        raise QuantityError(
            _("{text!r} does not start with a number (expected e.g. '200 ms', '10k req/s')").format(
                text=stripped
            )
        )
    value = Fraction(match.group("number").replace(",", ""))
    if match.group("sign") == "-":
        value = -value
    rest = _normalise_unit(stripped[match.end() :])
    if _EXPONENT_RE.match(rest):
        raise QuantityError(
            _(
                "{text!r}: write the number out (e.g. '100000 ms' or '100k ms'), "
                "not in scientific notation"
            ).format(text=stripped)
        )
    if rest[:1].isdigit() or rest[:1] in (",", "."):
        raise QuantityError(
            _(
                "{text!r} is not a number: thousands separators are ',' in groups of "
                "three (12,000) and the decimal point is '.' (1.5)"
            ).format(text=stripped)
        )
    known = _unit(rest)
    if rest[:1] in MULTIPLIERS and (
        rest[1:2] in ("", " ", "/") or (known is None and _unit(rest[1:]) is not None)
    ):
        # "10k", "10k req/s", "10k/s", "1.5Mrps", "10K users"; but "5 MB" is
        # megabytes and "5 Gbps" a unit of its own.
        value *= MULTIPLIERS[rest[0]]
        rest = rest[1:].strip()
        known = _unit(rest)
    if not rest:
        _not_negative(value, stripped, COUNT)
        return Quantity(value, "", COUNT, value)
    if known is None:
        if not re.search(r"[^\W\d_%]", rest) and rest != "%":
            raise QuantityError(
                _("{text!r}: {unit!r} is not a unit").format(text=stripped, unit=rest)
            )
        return Quantity(value, rest, OTHER, value)
    dimension, factor = known
    _not_negative(value, stripped, dimension)
    unit = "%" if dimension == PERCENT else rest
    return Quantity(value, unit, dimension, value * factor)


def parse_target(text: str) -> Target:
    """Parse a target: a comparator (optional for times, sizes, rates and
    percentages) and a quantity."""
    if len(text) > MAX_LENGTH:
        raise QuantityError(
            _("is too long to be a target (at most {maximum} characters)").format(
                maximum=MAX_LENGTH
            )
        )
    stripped = " ".join(text.split())
    if not stripped:
        raise QuantityError(_("the target is empty (expected e.g. '< 200 ms')"))
    if is_placeholder(stripped):
        raise QuantityError(
            _("{text!r} is a placeholder, not a target (e.g. '< 200 ms')").format(text=stripped)
        )
    match = _COMPARATOR_RE.match(stripped)
    written = match.group(1) if match else None
    quantity = parse_quantity(stripped[match.end() :] if match else stripped)
    if written is not None:
        return Target(COMPARATORS[written], quantity)
    bare = BARE_COMPARATOR.get(quantity.dimension)
    if bare is None:
        raise QuantityError(
            _(
                "{text!r} needs a comparator: is it a minimum ('>= {quantity}') "
                "or a maximum ('<= {quantity}')?"
            ).format(text=stripped, quantity=quantity)
        )
    return Target(bare, quantity, explicit=False)


def is_placeholder(text: str | None) -> bool:
    """True for a value that is not measured yet: empty, ``TBD``, ``[X]ms``, ``?``."""
    if text is None:
        return True
    stripped = " ".join(text.split())
    if stripped.lower() in _PLACEHOLDER_WORDS:
        return True
    if stripped.startswith("["):
        return True  # template brackets: "[X]ms", "[X] req/s", "[measure]"
    match = _PLACEHOLDER_NUMBER_RE.match(stripped)
    if match is None:
        return False
    unit = match.group("unit")
    # "X ms", "XX req/s", "Xms", "?? s"; but not a word such as "xyz".
    return not unit or unit[0].isspace() or _unit(_normalise_unit(unit)) is not None


def parse_current(text: str) -> Quantity:
    """Parse a measured value; ``~`` or ``≈`` in front ("about") is allowed."""
    stripped = text.strip()
    if stripped[:1] in ("~", "≈"):
        stripped = stripped[1:].lstrip()
    if _COMPARATOR_RE.match(stripped):
        raise QuantityError(
            _("{text!r}: a current value is a measurement; write it without a comparator").format(
                text=text.strip()
            )
        )
    return parse_quantity(stripped)


def evaluate(target: str | None, current: str | None) -> Evaluation:
    """Compare a measured ``current`` value with a ``target``: met, missed or unknown."""
    if target is None or not target.strip():
        return Evaluation("unknown", _("no target"))
    try:
        goal = parse_target(target)
    except QuantityError as exc:
        return Evaluation("unknown", _("target: {problem}").format(problem=exc), "invalid_target")
    if is_placeholder(current):
        return Evaluation("unknown", _("no current value"))
    assert current is not None  # noqa: S101 - is_placeholder(None) is True
    try:
        value = parse_current(current)
    except QuantityError as exc:
        return Evaluation("unknown", _("current: {problem}").format(problem=exc), "invalid_current")
    if not goal.quantity.comparable(value):
        return Evaluation(
            "unknown",
            _("the target is {target_unit}, the current value is {current_unit}").format(
                target_unit=_describe_unit(goal.quantity), current_unit=_describe_unit(value)
            ),
            "unit_mismatch",
        )
    if goal.is_met_by(value):
        return Evaluation("met", _("{current} meets {target}").format(current=value, target=goal))
    return Evaluation("missed", _("{current} misses {target}").format(current=value, target=goal))
