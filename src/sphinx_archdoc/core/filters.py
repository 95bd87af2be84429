"""Summary queries: filters, columns and sorting, parsed from directive options.

Filters are per-field options.  Comma-separated values are OR-ed, different
options are AND-ed, and a leading ``!`` negates a value: an item passes a
filter when it has at least one of the positive values (if any are given) and
none of the negated ones.  Matching is case-insensitive; a list field matches
when any of its entries does.  Nothing here is ever evaluated as Python.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from sphinx_archdoc.core.checknames import CHECKS, CheckName
from sphinx_archdoc.core.config import SEVERITIES
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.kinds import KINDS, FieldType, column_names
from sphinx_archdoc.core.model import natural_key
from sphinx_archdoc.core.options import normalise_adr_status, split_list

if TYPE_CHECKING:
    from sphinx_archdoc.core.config import ArchConfig
    from sphinx_archdoc.core.index import Index
    from sphinx_archdoc.core.model import Finding, Item

#: Options every summary directive takes besides its filters.
COMMON_OPTIONS = ("columns", "sort", "caption")


class QueryError(ValueError):
    """A problem with one option; ``check`` is the finding's check name."""

    def __init__(self, check: CheckName, message: str) -> None:
        super().__init__(message)
        self.check: CheckName = check


@dataclass(frozen=True)
class FieldFilter:
    name: str
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    #: The filter had invalid values that leave no safe reading: it matches
    #: nothing, since dropping them would list what the author meant to leave out.
    nothing: bool = False

    def matches(self, value: Any) -> bool:
        if self.nothing:
            return False
        words = as_words(value)
        if self.include and not any(w in self.include for w in words):
            return False
        return not any(w in self.exclude for w in words)


@dataclass(frozen=True)
class Query:
    kind: str
    filters: tuple[FieldFilter, ...] = ()
    columns: tuple[str, ...] = ()
    sort: str = "id"
    caption: str | None = None
    min_score: int | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def include_external(self) -> bool:
        """``:external:`` (a flag, or ``yes``/``no``): add imported items."""
        if "external" not in self.extra:
            return False
        return self.extra["external"].strip().lower() not in ("no", "false", "off", "0")

    def select(self, index: Index, items: Iterable[Item] | None = None) -> list[Item]:
        if any(f.nothing for f in self.filters):
            return []
        pool = index.kind_items(self.kind) if items is None else items
        if items is None and self.include_external:
            pool = [*pool, *index.external_items(self.kind)]
        chosen = [
            item
            for item in pool
            if all(f.matches(index.value(item, f.name)) for f in self.filters)
            and (
                self.min_score is None
                or _score_at_least(index.value(item, "score"), self.min_score)
            )
        ]
        return sort_items(index, chosen, self.sort)


def _score_at_least(score: Any, minimum: int) -> bool:
    """``:min-score:``: a risk without a score never passes, whatever the minimum."""
    return isinstance(score, int | float) and not isinstance(score, bool) and score >= minimum


def as_words(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, bool):
        return ("true",) if value else ("false",)
    if isinstance(value, str | int | float):
        return (str(value).lower(),)
    return tuple(str(v).lower() for v in value)


def allowed_values(kind: str, name: str, config: ArchConfig) -> tuple[str, ...] | None:
    """The words a filter on ``name`` may use, or None when any word is fine."""
    computed = KINDS[kind].computed_value(name)
    if computed is not None and computed.allowed is not None:
        return computed.allowed
    if computed is not None and computed.enum:
        return config.enum_values(computed.enum)
    spec = KINDS[kind].field(name)
    if spec is not None and spec.type is FieldType.ENUM and spec.enum:
        return config.enum_values(spec.enum)
    return None


def _adr_status_word(value: str, config: ArchConfig) -> str:
    return normalise_adr_status(value, config)[0].lower()


def _field_filter(
    option: str,
    text: str,
    allowed: tuple[str, ...] | None,
    problems: list[QueryError],
    normalise: Callable[[str], str] | None = None,
) -> FieldFilter | None:
    """One filter option: comma-separated words, ``!`` negates; matching is
    case-insensitive.

    Words outside ``allowed`` are reported.  An invalid word never widens the
    table: an invalid positive word next to valid ones is dropped (the rest
    still narrow the table), but a filter left with no valid positive word, or
    with an invalid negated one, matches nothing (``:status: !retird`` must not
    list the retired components).
    """
    include: list[str] = []
    exclude: list[str] = []
    invalid: list[tuple[str, bool]] = []
    words = split_list(text)
    if not words:
        problems.append(
            QueryError(
                "invalid_value",
                _(":{option}: {value!r} names no value").format(option=option, value=text),
            )
        )
        return None
    for word in words:
        negated = word.startswith("!")
        value = (word[1:].strip() if negated else word).lower()
        if normalise is not None:
            value = normalise(value)
        if allowed is not None and value not in allowed:
            invalid.append((value, negated))
            continue
        (exclude if negated else include).append(value)
    nothing = any(negated for _value, negated in invalid) or bool(invalid and not include)
    for position, (value, _negated) in enumerate(invalid, start=1):
        message = _(":{option}: {value!r} is not a valid value; expected one of: {allowed}").format(
            option=option, value=value, allowed=", ".join(allowed or ())
        )
        if nothing and position == len(invalid):
            message += _("; the summary lists nothing (an invalid value never widens it)")
        problems.append(QueryError("invalid_value", message))
    if nothing:
        return FieldFilter(option, nothing=True)
    return FieldFilter(option, tuple(include), tuple(exclude)) if include or exclude else None


@dataclass(frozen=True)
class _Grammar:
    """What one summary directive's options may say: the table the one option
    parser (:func:`_parse_options`) reads."""

    #: What ``:columns:`` and ``:sort:`` may name.
    columns: tuple[str, ...]
    #: Filter option -> its parser (``_field_filter`` with the allowed words).
    filters: Mapping[str, Callable[[str, list[QueryError]], FieldFilter | None]]
    #: Options that take their own value (``:min-score:``, a directive's own options).
    own: tuple[str, ...]
    #: Options whose empty value is reported (the rest take an empty value as given).
    not_empty: frozenset[str]
    #: The options an "unknown option" message lists.
    accepted: tuple[str, ...]
    #: The message for a ``:columns:`` / ``:sort:`` name that is not a column.
    unknown_column: Callable[[str], str]
    unknown_sort: Callable[[str], str]
    #: ``:sort:`` may name several keys (``-impact, effort``).
    several_sort_keys: bool = False


@dataclass
class _Options:
    """The parsed options, before they become a query."""

    filters: list[FieldFilter] = field(default_factory=list)
    columns: tuple[str, ...] = ()
    sort: str | None = None
    caption: str | None = None
    own: dict[str, str] = field(default_factory=dict)


def _sort(text: str, grammar: _Grammar, problems: list[QueryError]) -> str | None:
    """A valid ``:sort:`` value, normalised (``-impact,effort``), or None."""
    keys = [key.strip() for key in text.split(",")] if grammar.several_sort_keys else [text]
    unknown = [
        name
        for name in (key.lstrip("-") for key in keys)
        if name not in grammar.columns and name != SOURCE_ORDER
    ]
    problems.extend(QueryError("unknown_option", grammar.unknown_sort(name)) for name in unknown)
    return None if unknown else ",".join(keys)


def _parse_options(
    options: Mapping[str, str], grammar: _Grammar
) -> tuple[_Options, list[QueryError]]:
    """Parse summary options by ``grammar``; problems are returned, never
    raised, so the summary still renders with the valid part of the query."""
    parsed = _Options()
    problems: list[QueryError] = []
    for option, raw in options.items():
        text = (raw or "").strip()
        if not text and option in grammar.not_empty:
            problems.append(
                QueryError(
                    "invalid_value", _(":{option}: the value is empty").format(option=option)
                )
            )
            continue
        if option == "columns":
            parsed.columns = _columns(text, grammar, problems) or parsed.columns
        elif option == "sort":
            parsed.sort = _sort(text, grammar, problems) or parsed.sort
        elif option == "caption":
            parsed.caption = text or None
        elif option in grammar.own:
            parsed.own[option] = text
        elif option in grammar.filters:
            field_filter = grammar.filters[option](text, problems)
            if field_filter is not None:
                parsed.filters.append(field_filter)
        else:
            problems.append(
                QueryError(
                    "unknown_option",
                    _("unknown option :{option}:; accepted: {accepted}").format(
                        option=option, accepted=", ".join(grammar.accepted)
                    ),
                )
            )
    return parsed, problems


def _columns(text: str, grammar: _Grammar, problems: list[QueryError]) -> tuple[str, ...]:
    """The columns ``:columns:`` names; unknown ones are reported and left out."""
    wanted = split_list(text)
    for column in wanted:
        if column not in grammar.columns:
            problems.append(QueryError("unknown_option", grammar.unknown_column(column)))
    return tuple(c for c in wanted if c in grammar.columns)


def parse_query(
    kind: str,
    options: Mapping[str, str],
    config: ArchConfig,
    extra_options: Iterable[str] = (),
) -> tuple[Query, list[QueryError]]:
    """Parse summary options; problems are returned, never raised, so the
    summary still renders with the valid part of the query."""
    spec = KINDS[kind]
    names = column_names(kind, config.extra_fields_for(kind))
    extra_names = tuple(extra_options)
    own = (*spec.summary_options, *extra_names)

    def filter_for(name: str) -> Callable[[str, list[QueryError]], FieldFilter | None]:
        # ``superceded``, ``approved``...: ADR status filters accept aliases.
        field = spec.field(name)
        normalise = (
            partial(_adr_status_word, config=config)
            if field is not None and field.type is FieldType.ADR_STATUS
            else None
        )
        return lambda text, problems: _field_filter(
            name, text, allowed_values(kind, name, config), problems, normalise
        )

    grammar = _Grammar(
        columns=names,
        filters={name: filter_for(name) for name in names if name != "kind" and name not in own},
        own=own,
        not_empty=frozenset((*COMMON_OPTIONS, *names)) - {"caption"},
        accepted=(
            *COMMON_OPTIONS,
            *extra_names,
            *(n for n in names if n != "kind"),
            *spec.summary_options,
        ),
        unknown_column=lambda name: _(
            ":columns: names unknown field {name!r}; fields of {kind}: {names}"
        ).format(name=name, kind=kind, names=", ".join(names)),
        unknown_sort=lambda name: _(
            ":sort: names unknown field {name!r}; fields of {kind}: {names}"
        ).format(name=name, kind=kind, names=", ".join(names)),
        several_sort_keys=True,
    )
    parsed, problems = _parse_options(options, grammar)
    min_score: int | None = None
    if "min-score" in parsed.own:
        text = parsed.own.pop("min-score")
        try:
            min_score = int(text)
        except ValueError:
            min_score = None
        if min_score is None or min_score < 0:
            problems.append(
                QueryError(
                    "invalid_value",
                    _(
                        ":min-score: {value!r} is not a whole number >= 0; "
                        "the summary lists nothing (an invalid value never widens it)"
                    ).format(value=text),
                )
            )
            # No risk has every score: an invalid minimum lists nothing.
            parsed.filters.append(FieldFilter("min-score", nothing=True))
            min_score = None
    query = Query(
        kind=kind,
        filters=tuple(parsed.filters),
        columns=parsed.columns or spec.default_columns,
        sort=parsed.sort or spec.default_sort,
        caption=parsed.caption,
        min_score=min_score,
        extra=parsed.own,
    )
    return query, problems


#: ``:sort: source``: the order the items are declared in (document, then line).
SOURCE_ORDER = "source"


def sort_items(index: Index, items: list[Item], sort: str) -> list[Item]:
    """Items in the order of ``sort``: one key or several (``-impact,effort``),
    ``source`` for declaration order (document name, then line); ties by ID in
    natural order, whatever the direction; items without a value go last."""
    ordered = sorted(items, key=lambda i: natural_key(i.id))
    # Python's sorts are stable: sorting by the last key first leaves each
    # earlier key in charge of what the later ones left equal.
    for key in reversed(sort.split(",")):
        descending = key.startswith("-")
        name = key.lstrip("-")
        if name == SOURCE_ORDER:
            ordered.sort(key=lambda i: (i.docname, i.lineno), reverse=descending)
            continue
        present = [i for i in ordered if _present(index.value(i, name))]
        missing = [i for i in ordered if not _present(index.value(i, name))]
        present.sort(key=lambda i: _sort_key(index, i, name), reverse=descending)
        ordered = present + missing
    return ordered


def _present(value: Any) -> bool:
    return value is not None and value not in ("", (), [])


_NO_TEXT = natural_key("")
#: Fields whose values are IDs, sorted naturally; other text sorts alphabetically.
_ID_TYPES = (FieldType.REF, FieldType.REFS, FieldType.ADR_REFS)


def _sort_key(index: Index, item: Item, name: str) -> tuple[int, float, object]:
    value = index.value(item, name)
    if isinstance(value, bool):
        return (0, float(value), _NO_TEXT)
    if isinstance(value, int | float):
        return (0, float(value), "")
    spec = KINDS[item.kind].field(name)
    if (
        isinstance(value, str)
        and spec is not None
        and spec.type is FieldType.INTEGER
        and value.lstrip("+-").isdigit()
    ):
        return (0, float(value), "")
    allowed = allowed_values(item.kind, name, index.config)
    if isinstance(value, str) and allowed and value.lower() in allowed:
        return (0, float(allowed.index(value.lower())), _NO_TEXT)
    text = value if isinstance(value, str) else ", ".join(str(v) for v in value)
    spec = KINDS[item.kind].field(name) if item.kind in KINDS else None
    if name == "id" or (spec is not None and spec.type in _ID_TYPES):
        return (1, 0.0, natural_key(text))  # IDs: QS-3 before QS-11
    return (1, 0.0, ((text.lower(),), text))  # free text: alphabetical, as written


#: Columns of ``arch-findings``; also its filter and sort names.
FINDING_COLUMNS = ("check", "severity", "message", "location", "docname", "line")
FINDING_DEFAULT_COLUMNS = ("check", "severity", "message", "location")
_FINDING_FILTERS = ("check", "severity", "docname")


@dataclass(frozen=True)
class FindingQuery:
    """What ``arch-findings`` shows: findings rather than items."""

    filters: tuple[FieldFilter, ...] = ()
    columns: tuple[str, ...] = FINDING_DEFAULT_COLUMNS
    sort: str = "location"
    caption: str | None = None

    def select(self, findings: Iterable[Finding]) -> list[Finding]:
        chosen = [
            f
            for f in findings
            if all(flt.matches(finding_value(f, flt.name)) for flt in self.filters)
        ]
        name = self.sort.lstrip("-")
        if name not in ("location", "docname", "line", SOURCE_ORDER):
            chosen.sort(key=lambda f: natural_key(str(finding_value(f, name))))
        # Python's sort is stable: ties keep document order.
        if self.sort.startswith("-"):
            chosen.reverse()
        return chosen


def finding_value(finding: Finding, name: str) -> Any:
    if name == "line":
        return finding.lineno
    if name == "location":
        return finding.sort_key[:2]
    return getattr(finding, name, None)


def parse_finding_query(
    options: Mapping[str, str], config: ArchConfig
) -> tuple[FindingQuery, list[QueryError]]:
    """Parse ``arch-findings`` options: ``:check:``, ``:severity:`` and
    ``:docname:`` filters, ``:columns:``, ``:sort:``, ``:caption:``."""
    allowed: dict[str, tuple[str, ...] | None] = {
        "check": tuple(sorted(CHECKS)),
        "severity": tuple(s for s in SEVERITIES if s != "off"),
        "docname": None,
    }
    grammar = _Grammar(
        columns=FINDING_COLUMNS,
        filters={name: partial(_finding_filter, name, allowed[name]) for name in _FINDING_FILTERS},
        own=(),
        not_empty=frozenset((*COMMON_OPTIONS, *_FINDING_FILTERS)) - {"caption"},
        accepted=(*COMMON_OPTIONS, *_FINDING_FILTERS),
        unknown_column=lambda name: _(
            ":columns: names unknown column {name!r}; columns of findings: {names}"
        ).format(name=name, names=", ".join(FINDING_COLUMNS)),
        unknown_sort=lambda name: _(
            ":sort: names unknown column {name!r}; columns of findings: {names}"
        ).format(name=name, names=", ".join(FINDING_COLUMNS)),
    )
    parsed, problems = _parse_options(options, grammar)
    query = FindingQuery(filters=tuple(parsed.filters), caption=parsed.caption)
    if parsed.columns:
        query = replace(query, columns=parsed.columns)
    if parsed.sort:
        query = replace(query, sort=parsed.sort)
    return query, problems


def _finding_filter(
    name: str, allowed: tuple[str, ...] | None, text: str, problems: list[QueryError]
) -> FieldFilter | None:
    return _field_filter(name, text, allowed, problems)
