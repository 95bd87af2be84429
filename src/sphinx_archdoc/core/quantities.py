"""Performance targets: parse ``< 200 ms`` / ``10k req/s`` / ``180ms`` and compare them.

Pure: no Sphinx import (messages use :mod:`sphinx_archdoc.core.i18n`).  The grammar (documented in
``docs/reference/performance-targets.md``)::

    target    := [comparator] quantity
    current   := ["~" | "≈"] (range | bound | quantity)   (or a placeholder: TBD, [X]ms, ...)
    range     := quantity ("-" | "–" | "—" | "to" | "..") quantity   (``1-2 s``: the unit once)
    bound     := comparator quantity
    comparator:= < | <= | > | >= | = | ≤ | ≥ | under | below | less than | at most | up to
                 | over | above | more than | at least
    quantity  := number [multiplier] [unit]
    number    := digits with optional "," thousands groups and "." decimals
    multiplier:= k | K | M | G                 (x 1,000 / 1,000,000 / 1,000,000,000)

Numbers are exact (:class:`fractions.Fraction`), so ``< 1 s`` and ``< 1000 ms``
give the same answer for every current value, with no rounding surprises.

Units belong to a *dimension* (time, rate, percent, data size, data rate,
count); quantities of one dimension are normalised to its base unit before
they are compared.  A unit this module does not know is kept as written and
only compares with the very same unit (``3 parsecs`` vs ``< 5 parsecs``).
Data is counted in bytes: ``b``/``bit`` units are bits
(``500 kb/s`` is an eighth of ``500 kB/s``), ``KiB``/``Mibit`` binary.

A measured value is an interval: one value, a range (both ends included) or a
bound (one end open).  It *meets* a target when every value it allows meets
it, *misses* it when none does, and is *unknown* otherwise.
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

#: Comparators written as words (``under 3 s``, ``at least 99.9%``).
WORD_COMPARATORS: dict[str, str] = {
    "under": "<",
    "below": "<",
    "less than": "<",
    "at most": "<=",
    "up to": "<=",
    "over": ">",
    "above": ">",
    "more than": ">",
    "at least": ">=",
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
    # Bits: an eighth of a byte.  ``kb``/``Mb`` are kilo-/megabits, as network
    # speeds are written; ``kB``/``MB`` are bytes.
    "b": Fraction(1, 8),
    "bit": Fraction(1, 8),
    "bits": Fraction(1, 8),
    "kb": Fraction(1000, 8),
    "Kb": Fraction(1000, 8),
    "kbit": Fraction(1000, 8),
    "Kbit": Fraction(1000, 8),
    "Mb": Fraction(1000**2, 8),
    "Mbit": Fraction(1000**2, 8),
    "Gb": Fraction(1000**3, 8),
    "Gbit": Fraction(1000**3, 8),
    "Tb": Fraction(1000**4, 8),
    "Tbit": Fraction(1000**4, 8),
    "Kibit": Fraction(1024, 8),
    "Mibit": Fraction(1024**2, 8),
    "Gibit": Fraction(1024**3, 8),
    "Tibit": Fraction(1024**4, 8),
}

#: Data rates whose name carries the time, in bytes per second (``Mbps`` = megabits).
_DATA_RATE_WORDS: dict[str, Fraction] = {
    "bps": Fraction(1, 8),
    "kbps": Fraction(1000, 8),
    "Kbps": Fraction(1000, 8),
    "Mbps": Fraction(1000**2, 8),
    "Gbps": Fraction(1000**3, 8),
    "Tbps": Fraction(1000**4, 8),
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
_WORD_COMPARATOR_RE = re.compile(
    r"^(" + "|".join(w.replace(" ", r"\s+") for w in WORD_COMPARATORS) + r")\s+(?=[-+.0-9])",
    re.IGNORECASE,
)
#: Between the ends of a range: a hyphen, an en or em dash, "to" or "..".
_RANGE_SEPARATOR_RE = re.compile(r"\s*(?:\.\.|[-–—]|\bto\b)\s*", re.IGNORECASE)
_STARTS_WITH_DIGITS_RE = re.compile(r"\.?[0-9]")
#: Forms a measured value may take, quoted in messages.
_CURRENT_FORMS = "'180 ms', '~1-2 s', '1 to 2 s', '< 3 s', 'under 3 s'"
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

    def interval(self) -> tuple[End, End]:
        """The values that meet the target."""
        goal = self.quantity.base
        match self.comparator:
            case "<":
                return None, (goal, False)
            case "<=":
                return None, (goal, True)
            case ">":
                return (goal, False), None
            case ">=":
                return (goal, True), None
        return (goal, True), (goal, True)

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


#: One end of an interval: the value in the base unit and whether it is included;
#: None for an open end (a bound says nothing about the other side).
End = tuple[Fraction, bool] | None


@dataclass(frozen=True)
class Measurement:
    """A measured value as written: one value, a range or a bound."""

    #: The lower and upper end as written (None: unbounded on that side).
    low: Quantity | None
    high: Quantity | None
    low_inclusive: bool = True
    high_inclusive: bool = True
    #: Written with ``~`` or ``≈``: shown as written, compared as the value.
    approximate: bool = False

    @property
    def quantity(self) -> Quantity:
        """One end, for its unit and dimension (both ends share them)."""
        found = self.low or self.high
        assert found is not None  # noqa: S101 - the parser sets at least one end
        return found

    @property
    def is_exact(self) -> bool:
        return self.low is not None and self.low == self.high

    def interval(self) -> tuple[End, End]:
        low = None if self.low is None else (self.low.base, self.low_inclusive)
        high = None if self.high is None else (self.high.base, self.high_inclusive)
        return low, high

    def __str__(self) -> str:
        about = "~" if self.approximate else ""
        if self.is_exact:
            return f"{about}{self.quantity}"
        if self.low is not None and self.high is not None:
            if self.low.unit == self.high.unit:
                return f"{about}{format_number(self.low.value)}–{self.high}"
            return f"{about}{self.low}–{self.high}"
        if self.high is not None:
            return f"{about}{'<=' if self.high_inclusive else '<'} {self.high}"
        return f"{about}{'>=' if self.low_inclusive else '>'} {self.quantity}"


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
    if text in _DATA_RATE_WORDS:
        return DATA_RATE, _DATA_RATE_WORDS[text]
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


_QUANTITY_FORMS = "'200 ms', '10k req/s'"


def parse_quantity(text: str, forms: str = _QUANTITY_FORMS) -> Quantity:
    """Parse ``180ms``, ``12,000 req/s``, ``10k``, ``99.95%``, ``3 parsecs``.

    ``forms`` are the accepted forms a message shows when ``text`` is not understood."""
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
            _("{text!r} does not start with a number (expected e.g. {forms})").format(
                text=stripped, forms=forms
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
        # megabytes and "5 Gbps" gigabits per second.
        value *= MULTIPLIERS[rest[0]]
        rest = rest[1:].strip()
        known = _unit(rest)
    if not rest:
        _not_negative(value, stripped, COUNT)
        return Quantity(value, "", COUNT, value)
    if known is None:
        if not re.search(r"[^\W\d_%]", rest) and rest != "%":
            raise QuantityError(
                _("{text!r}: {unit!r} is not a unit (expected e.g. {forms})").format(
                    text=stripped, unit=rest, forms=forms
                )
            )
        return Quantity(value, rest, OTHER, value)
    dimension, factor = known
    _not_negative(value, stripped, dimension)
    unit = "%" if dimension == PERCENT else rest
    return Quantity(value, unit, dimension, value * factor)


def split_comparator(text: str) -> tuple[str | None, str]:
    """``("<", "3 s")`` for ``< 3 s`` or ``under 3 s``; ``(None, text)`` without one."""
    match = _COMPARATOR_RE.match(text)
    if match:
        return COMPARATORS[match.group(1)], text[match.end() :]
    match = _WORD_COMPARATOR_RE.match(text)
    if match:
        return WORD_COMPARATORS[" ".join(match.group(1).lower().split())], text[match.end() :]
    return None, text


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
    comparator, rest = split_comparator(stripped)
    quantity = parse_quantity(rest)
    if comparator is not None:
        return Target(comparator, quantity)
    bare = BARE_COMPARATOR.get(quantity.dimension)
    if bare is None:
        raise QuantityError(
            _(
                "{text!r} needs a comparator: is it a minimum ('>= {quantity}') "
                "or a maximum ('<= {quantity}')?"
            ).format(text=stripped, quantity=quantity)
        )
    return Target(bare, quantity, explicit=False)


def is_quantitative(text: str | None) -> bool:
    """True when a target reads as a quantity (or tries to: a comparator or a
    number first); False for a qualitative target such as "output byte-identical"."""
    if text is None:
        return False
    stripped = " ".join(text.split())
    if not stripped or is_placeholder(stripped):
        return True  # reported as an empty or placeholder target, not as text
    comparator, rest = split_comparator(stripped)
    return comparator is not None or _NUMBER_RE.match(rest) is not None


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


def _split_range(text: str) -> tuple[str, str] | None:
    """The two ends of ``1-2 s``, ``1 s to 2 s``, ``10k..20k req/s``; None for one value.

    The first separator with a number on both sides splits: ``-2 s`` is a
    negative number, not a range, and a hyphen inside a unit is no separator."""
    for match in _RANGE_SEPARATOR_RE.finditer(text):
        low, high = text[: match.start()].strip(), text[match.end() :]
        if low and _NUMBER_RE.match(low) and _STARTS_WITH_DIGITS_RE.match(high):
            return low, high
    return None


def _parse_range(text: str, low_text: str, high_text: str) -> Measurement:
    high = parse_quantity(high_text, _CURRENT_FORMS)
    low = parse_quantity(low_text, _CURRENT_FORMS)
    if low.dimension == COUNT and high.dimension != COUNT:
        # "1-2 s", "10k-20k req/s": the unit is written once, after the high end.
        low = parse_quantity(f"{low_text} {high.unit}", _CURRENT_FORMS)
    if not low.comparable(high):
        raise QuantityError(
            _(
                "{text!r}: the ends of the range are in different units ({low} and {high}) "
                "(expected e.g. {forms})"
            ).format(text=text, low=low, high=high, forms=_CURRENT_FORMS)
        )
    if low.base > high.base:
        raise QuantityError(
            _("{text!r}: the range's low end is above its high end (expected e.g. {forms})").format(
                text=text, forms=_CURRENT_FORMS
            )
        )
    return Measurement(low, high)


def parse_current(text: str) -> Measurement:
    """Parse a measured value: ``180 ms``, ``~1-2 s``, ``1 to 2 s``, ``< 3 s``,
    ``under 3 s``; ``~`` or ``≈`` in front means "about"."""
    if len(text) > MAX_LENGTH:
        raise QuantityError(
            _("is too long to be a quantity (at most {maximum} characters)").format(
                maximum=MAX_LENGTH
            )
        )
    stripped = " ".join(text.split())
    approximate = stripped[:1] in ("~", "≈")
    if approximate:
        stripped = stripped[1:].lstrip()
    comparator, rest = split_comparator(stripped)
    if comparator is not None:
        quantity = parse_quantity(rest, _CURRENT_FORMS)
        if comparator == "=":
            measured = Measurement(quantity, quantity)
        elif comparator in ("<", "<="):
            measured = Measurement(None, quantity, high_inclusive=comparator == "<=")
        else:
            measured = Measurement(quantity, None, low_inclusive=comparator == ">=")
    else:
        ends = _split_range(stripped)
        if ends is not None:
            measured = _parse_range(stripped, *ends)
        else:
            quantity = parse_quantity(stripped, _CURRENT_FORMS)
            measured = Measurement(quantity, quantity)
    if approximate:
        return Measurement(
            measured.low,
            measured.high,
            measured.low_inclusive,
            measured.high_inclusive,
            approximate=True,
        )
    return measured


def _lower_within(inner: End, outer: End) -> bool:
    """Every value above ``inner`` (a lower end) is above ``outer`` too."""
    if outer is None:
        return True
    if inner is None:
        return False
    return inner[0] > outer[0] or (inner[0] == outer[0] and (outer[1] or not inner[1]))


def _upper_within(inner: End, outer: End) -> bool:
    """Every value below ``inner`` (an upper end) is below ``outer`` too."""
    if outer is None:
        return True
    if inner is None:
        return False
    return inner[0] < outer[0] or (inner[0] == outer[0] and (outer[1] or not inner[1]))


def _disjoint(a: tuple[End, End], b: tuple[End, End]) -> bool:
    """No value lies in both intervals."""
    lows = [end for end in (a[0], b[0]) if end is not None]
    highs = [end for end in (a[1], b[1]) if end is not None]
    if not lows or not highs:
        return False
    low = max(lows, key=lambda end: (end[0], not end[1]))
    high = min(highs, key=lambda end: (end[0], end[1]))
    return low[0] > high[0] or (low[0] == high[0] and not (low[1] and high[1]))


def compare(goal: Target, measured: Measurement) -> str:
    """``met`` when every value ``measured`` allows meets ``goal``, ``missed``
    when none does, else ``unknown``."""
    allowed, meeting = measured.interval(), goal.interval()
    if _lower_within(allowed[0], meeting[0]) and _upper_within(allowed[1], meeting[1]):
        return "met"
    if _disjoint(allowed, meeting):
        return "missed"
    return "unknown"


#: ``:result:`` of a qualitative target -> its status.
RESULT_STATUS = {"pass": "met", "fail": "missed"}


def evaluate(target: str | None, current: str | None, result: str | None = None) -> Evaluation:
    """Compare a measured ``current`` value with a ``target``: met, missed or unknown.

    A qualitative target (text that is not a quantity: "output byte-identical")
    takes its status from ``result`` (``pass`` or ``fail``); ``result`` is
    ignored for a quantitative target (the directive reports it)."""
    if target is None or not target.strip():
        return Evaluation("unknown", _("no target"))
    if not is_quantitative(target):
        if result in RESULT_STATUS:
            return Evaluation(RESULT_STATUS[result], _("result: {result}").format(result=result))
        return Evaluation("unknown", _("a qualitative target with no :result:"))
    try:
        goal = parse_target(target)
    except QuantityError as exc:
        return Evaluation("unknown", _("target: {problem}").format(problem=exc), "invalid_target")
    if is_placeholder(current):
        return Evaluation("unknown", _("no current value"))
    assert current is not None  # noqa: S101 - is_placeholder(None) is True
    try:
        measured = parse_current(current)
    except QuantityError as exc:
        return Evaluation("unknown", _("current: {problem}").format(problem=exc), "invalid_current")
    if not goal.quantity.comparable(measured.quantity):
        return Evaluation(
            "unknown",
            _("the target is {target_unit}, the current value is {current_unit}").format(
                target_unit=_describe_unit(goal.quantity),
                current_unit=_describe_unit(measured.quantity),
            ),
            "unit_mismatch",
        )
    status = compare(goal, measured)
    if status == "met":
        reason = _("{current} meets {target}")
    elif status == "missed":
        reason = _("{current} misses {target}")
    else:
        reason = _("{current} allows values that meet {target} and values that miss it")
    return Evaluation(status, reason.format(current=measured, target=goal))
