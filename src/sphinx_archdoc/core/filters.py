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

from sphinx_archdoc.core import scoring
from sphinx_archdoc.core.checknames import CHECKS, CheckName
from sphinx_archdoc.core.config import SEVERITIES
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.kinds import KINDS, FieldType, column_names
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

    def matches(self, value: Any) -> bool:
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
        pool = index.kind_items(self.kind) if items is None else items
        if items is None and self.include_external:
            pool = [*pool, *index.external_items(self.kind)]
        chosen = [
            item
            for item in pool
            if all(f.matches(index.value(item, f.name)) for f in self.filters)
            and (self.min_score is None or (index.value(item, "score") or 0) >= self.min_score)
        ]
        return sort_items(index, chosen, self.sort)


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
    if kind == "risk" and name == "band":
        return scoring.band_names(config)
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
    case-insensitive. Words outside ``allowed`` are reported and skipped."""
    include: list[str] = []
    exclude: list[str] = []
    for word in split_list(text):
        negated = word.startswith("!")
        value = (word[1:].strip() if negated else word).lower()
        if normalise is not None:
            value = normalise(value)
        if allowed is not None and value not in allowed:
            problems.append(
                QueryError(
                    "invalid_value",
                    _(
                        ":{option}: {value!r} is not a valid value; expected one of: {allowed}"
                    ).format(option=option, value=value, allowed=", ".join(allowed)),
                )
            )
            continue
        (exclude if negated else include).append(value)
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


@dataclass
class _Options:
    """The parsed options, before they become a query."""

    filters: list[FieldFilter] = field(default_factory=list)
    columns: tuple[str, ...] = ()
    sort: str | None = None
    caption: str | None = None
    own: dict[str, str] = field(default_factory=dict)


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
            if text.lstrip("-") in grammar.columns:
                parsed.sort = text
            else:
                problems.append(
                    QueryError("unknown_option", grammar.unknown_sort(text.lstrip("-")))
                )
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
    own = ("min-score", *extra_names) if kind == "risk" else extra_names

    def filter_for(name: str) -> Callable[[str, list[QueryError]], FieldFilter | None]:
        # ``superceded``, ``approved``...: ADR status filters accept aliases.
        normalise = (
            partial(_adr_status_word, config=config) if kind == "adr" and name == "status" else None
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
            *(("min-score",) if kind == "risk" else ()),
        ),
        unknown_column=lambda name: _(
            ":columns: names unknown field {name!r}; fields of {kind}: {names}"
        ).format(name=name, kind=kind, names=", ".join(names)),
        unknown_sort=lambda name: _(
            ":sort: names unknown field {name!r}; fields of {kind}: {names}"
        ).format(name=name, kind=kind, names=", ".join(names)),
    )
    parsed, problems = _parse_options(options, grammar)
    min_score: int | None = None
    if kind == "risk" and "min-score" in parsed.own:
        text = parsed.own.pop("min-score")
        try:
            min_score = int(text)
        except ValueError:
            problems.append(
                QueryError(
                    "invalid_value",
                    _(":min-score: {value!r} is not a whole number").format(value=text),
                )
            )
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


def sort_items(index: Index, items: list[Item], sort: str) -> list[Item]:
    descending = sort.startswith("-")
    name = sort.lstrip("-")
    present = [i for i in items if _present(index.value(i, name))]
    missing = [i for i in items if not _present(index.value(i, name))]
    present.sort(key=lambda i: i.id)  # ties by ID, whatever the direction
    present.sort(key=lambda i: _sort_key(index, i, name), reverse=descending)
    missing.sort(key=lambda i: i.id)
    return present + missing  # items without a value go last either way


def _present(value: Any) -> bool:
    return value is not None and value not in ("", (), [])


def _sort_key(index: Index, item: Item, name: str) -> tuple[int, float, str]:
    value = index.value(item, name)
    if isinstance(value, bool):
        return (0, float(value), "")
    if isinstance(value, int | float):
        return (0, float(value), "")
    allowed = allowed_values(item.kind, name, index.config)
    if isinstance(value, str) and allowed and value.lower() in allowed:
        return (0, float(allowed.index(value.lower())), "")
    if isinstance(value, str):
        return (1, 0.0, value.lower())
    return (1, 0.0, ", ".join(str(v) for v in value).lower())


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
        if name not in ("location", "docname", "line"):
            chosen.sort(key=lambda f: str(finding_value(f, name)).lower())
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
