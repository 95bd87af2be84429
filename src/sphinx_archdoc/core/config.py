"""Every ``archdoc_*`` configuration value, declared once.

Each :class:`ConfigSpec` carries the type, the default, a validator and the help
text.  ``setup()`` registers them from :data:`CONFIG_SPECS`, ``config-inited``
validates them, and the reference documentation is generated from the same
list, so the three cannot drift apart.

This module has no Sphinx import (messages go through
:mod:`sphinx_archdoc.core.i18n`): :class:`ArchConfig` is the typed, validated view
the pure core works with.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any
from urllib.parse import urlsplit

from sphinx_archdoc.core.checknames import CHECKS
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.kinds import KINDS

SEVERITIES = ("warning", "info", "off")

DEFAULT_RISK_LEVELS = ("low", "medium", "high")
FIVE_LEVEL_SCALE = ("very-low", "low", "medium", "high", "very-high")

DEFAULT_ADR_STATUS_ALIASES: dict[str, str] = {
    "superceded": "superseded",
    "superseeded": "superseded",
    "approved": "accepted",
    "agreed": "accepted",
    "decided": "accepted",
    "done": "accepted",
    "provisional": "proposed",
    "draft": "proposed",
    "proposal": "proposed",
    "open": "proposed",
    "declined": "rejected",
    "obsolete": "deprecated",
}

_NAME_RE = re.compile(r"^[a-z][a-z0-9-]*$")
_BAND_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


class ConfigValueError(ValueError):
    """A configuration value is wrong; the message names the option."""


@dataclass(frozen=True)
class ConfigSpec:
    name: str
    default: Any
    types: tuple[type, ...]
    description: str
    validate: Callable[[str, Any], None] | None = None


def _fail(name: str, message: str) -> ConfigValueError:
    return ConfigValueError(f"{name}: {message}")


def _check_name_list(name: str, value: Any, *, min_len: int = 1) -> None:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise _fail(name, _("expected a list of strings, got {value!r}").format(value=value))
    if len(value) < min_len:
        raise _fail(
            name,
            _("needs at least {minimum} entries, got {count}").format(
                minimum=min_len, count=len(value)
            ),
        )
    lowered = [v.strip().lower() for v in value]
    if any(not v for v in lowered):
        raise _fail(name, _("entries must not be empty"))
    if len(set(lowered)) != len(lowered):
        raise _fail(
            name,
            _("entries must be unique (case-insensitively), got {value!r}").format(
                value=list(value)
            ),
        )


def _check_levels(name: str, value: Any) -> None:
    _check_name_list(name, value, min_len=2)


def _check_bands(name: str, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping) or not value:
        raise _fail(
            name,
            _("expected a dict of band name -> minimum score, got {value!r}").format(value=value),
        )
    previous = 0
    seen: set[str] = set()
    for band, minimum in value.items():
        if not isinstance(band, str) or not _BAND_RE.match(band):
            raise _fail(
                name,
                _(
                    "band name {band!r} must be a word of letters, digits, '-' and '_' "
                    "(e.g. 'very-high')"
                ).format(band=band),
            )
        if band.lower() in seen:
            raise _fail(
                name,
                _("band names must be unique (case-insensitively), got {band!r} twice").format(
                    band=band
                ),
            )
        seen.add(band.lower())
        if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
            raise _fail(
                name,
                _("band {band!r}: the minimum score must be an integer >= 1").format(band=band),
            )
        if minimum <= previous:
            raise _fail(
                name,
                _(
                    "band {band!r}: minimum scores must be strictly increasing "
                    "(got {minimum} after {previous})"
                ).format(band=band, minimum=minimum, previous=previous),
            )
        previous = minimum
    first = next(iter(value.values()))
    if first != 1:
        raise _fail(
            name, _("the lowest band must start at score 1 (got {first})").format(first=first)
        )


def _check_str(name: str, value: Any) -> None:
    if not isinstance(value, str):
        raise _fail(name, _("expected a string, got {value!r}").format(value=value))


def _check_adr_id_format(name: str, value: Any) -> None:
    _check_str(name, value)
    try:
        rendered = value.format(number=7)
    except (KeyError, IndexError, ValueError) as exc:
        raise _fail(
            name,
            _(
                "must be a format string using {{number}}, e.g. 'ADR-{{number:03d}}' ({problem})"
            ).format(problem=exc),
        ) from None
    if "7" not in rendered:
        raise _fail(
            name, _("must contain the {{number}} field, e.g. 'ADR-{{number:03d}}'").format()
        )


def _check_str_list(name: str, value: Any) -> None:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise _fail(name, _("expected a list of strings, got {value!r}").format(value=value))


def _check_str_dict(name: str, value: Any) -> None:
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise _fail(
            name, _("expected a dict of strings to strings, got {value!r}").format(value=value)
        )


def _check_checks(name: str, value: Any) -> None:
    if not isinstance(value, Mapping):
        raise _fail(
            name,
            _("expected a dict of check name -> severity, got {value!r}").format(value=value),
        )
    for check, severity in value.items():
        if check not in CHECKS:
            known = ", ".join(sorted(CHECKS))
            raise _fail(
                name,
                _("unknown check {check!r}; known checks: {known}").format(
                    check=check, known=known
                ),
            )
        if severity not in SEVERITIES:
            raise _fail(
                name,
                _("check {check!r}: severity must be one of {allowed}, got {severity!r}").format(
                    check=check, allowed=", ".join(SEVERITIES), severity=severity
                ),
            )


def _check_extra_fields(name: str, value: Any) -> None:
    if not isinstance(value, Mapping):
        raise _fail(
            name,
            _("expected a dict of kind -> list of field names, got {value!r}").format(value=value),
        )
    for kind, names in value.items():
        if kind not in KINDS:
            raise _fail(
                name,
                _("unknown kind {kind!r}; kinds: {kinds}").format(
                    kind=kind, kinds=", ".join(KINDS)
                ),
            )
        _check_str_list(f"{name}[{kind!r}]", names)
        for extra in names:
            if not _NAME_RE.match(extra):
                raise _fail(
                    name,
                    _(
                        "field {field!r} of {kind!r} must be lower case letters, digits and '-'"
                    ).format(field=extra, kind=kind),
                )
            if extra in KINDS[kind].field_names() or extra in KINDS[kind].computed:
                raise _fail(
                    name,
                    _("field {field!r} of {kind!r} is already a built-in field").format(
                        field=extra, kind=kind
                    ),
                )


def _check_external(name: str, value: Any) -> None:
    if not isinstance(value, Mapping):
        raise _fail(
            name,
            _("expected a dict of project name -> base URL or path, got {value!r}").format(
                value=value
            ),
        )
    for project, spec in value.items():
        if not isinstance(project, str) or not re.match(r"^[A-Za-z0-9][A-Za-z0-9_-]*$", project):
            raise _fail(
                name,
                _("project name {project!r} must be letters, digits, '_' and '-'").format(
                    project=project
                ),
            )
        if isinstance(spec, str) and spec.strip():
            _check_external_url(name, project, spec)
            continue
        if (
            isinstance(spec, list | tuple)
            and len(spec) == 2
            and isinstance(spec[0], str)
            and spec[0].strip()
            and (spec[1] is None or isinstance(spec[1], str))
        ):
            for part in spec:
                if part:
                    _check_external_url(name, project, part)
            continue
        raise _fail(
            name,
            _(
                "{project!r}: expected a base URL or path, or a (base, location of "
                "archdoc.json) pair, got {value!r}"
            ).format(project=project, value=spec),
        )


def _check_external_url(name: str, project: str, text: str) -> None:
    """Links to another project go to http(s) URLs or paths, never to a
    ``javascript:`` (or any other) scheme."""
    scheme = urlsplit(text.strip()).scheme.lower()
    if scheme and scheme not in ("http", "https", "file") and len(scheme) > 1:
        raise _fail(
            name,
            _("{project!r}: {value!r} is not an http(s) URL or a path (scheme {scheme!r})").format(
                project=project, value=text[:60], scheme=scheme
            ),
        )


def _check_number(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise _fail(name, _("expected a number, got {value!r}").format(value=value))


def _check_timeout(name: str, value: Any) -> None:
    _check_number(name, value)
    if value <= 0:
        raise _fail(name, _("must be greater than 0, got {value!r}").format(value=value))


#: ISO/IEC 25010:2023, product quality: the default ``archdoc_quality_characteristics``.
ISO_25010_CHARACTERISTICS = (
    "functional-suitability",
    "performance-efficiency",
    "compatibility",
    "interaction-capability",
    "reliability",
    "security",
    "maintainability",
    "flexibility",
    "safety",
)

CONFIG_SPECS: tuple[ConfigSpec, ...] = (
    ConfigSpec(
        "archdoc_layers",
        ["presentation", "application", "data", "infrastructure", "external"],
        (list, tuple),
        "The layers a component's ``:layer:`` may name, in display order.",
        _check_name_list,
    ),
    ConfigSpec(
        "archdoc_component_statuses",
        ["planned", "active", "deprecated", "retired"],
        (list, tuple),
        "The statuses a component's ``:status:`` may take.",
        _check_name_list,
    ),
    ConfigSpec(
        "archdoc_component_types",
        ["system", "container", "component"],
        (list, tuple),
        "The types a component's ``:type:`` may name, outermost first (a parent's type "
        "comes before its children's).",
        _check_name_list,
    ),
    ConfigSpec(
        "archdoc_environments",
        ["production", "staging", "development"],
        (list, tuple),
        "The environments a deployment node's ``:environment:`` may name; the first is "
        "the default of a node that names none and has no parent that does.",
        _check_name_list,
    ),
    ConfigSpec(
        "archdoc_layer_titles",
        {},
        (dict,),
        "Layer name -> the title its group and boundary boxes show in graphs "
        "(default: the capitalised layer name).",
        _check_str_dict,
    ),
    ConfigSpec(
        "archdoc_risk_levels",
        list(DEFAULT_RISK_LEVELS),
        (list, tuple),
        "Impact and probability levels, ascending (at least two).",
        _check_levels,
    ),
    ConfigSpec(
        "archdoc_risk_bands",
        None,
        (dict, type(None)),
        "Band name -> minimum score (score = impact rank x probability rank). "
        "``None`` derives the default for the configured scale.",
        _check_bands,
    ),
    ConfigSpec(
        "archdoc_risk_categories",
        ["technical", "operational", "security", "compliance", "business"],
        (list, tuple),
        "The categories a risk's ``:category:`` may name.",
        _check_name_list,
    ),
    ConfigSpec(
        "archdoc_risk_statuses",
        ["open", "mitigating", "mitigated", "accepted", "closed"],
        (list, tuple),
        "The statuses a risk's ``:status:`` may take.",
        _check_name_list,
    ),
    ConfigSpec(
        "archdoc_debt_statuses",
        ["open", "in-progress", "paid"],
        (list, tuple),
        "The statuses a technical debt item's ``:status:`` may take.",
        _check_name_list,
    ),
    ConfigSpec(
        "archdoc_constraint_categories",
        ["technical", "organizational", "convention", "regulatory"],
        (list, tuple),
        "The categories a constraint's ``:category:`` may name.",
        _check_name_list,
    ),
    ConfigSpec(
        "archdoc_spike_statuses",
        ["planned", "running", "done", "abandoned"],
        (list, tuple),
        "The statuses a spike's ``:status:`` may take; a spike that is not ``done`` "
        "or ``abandoned`` is unfinished (``spike_overdue``).",
        _check_name_list,
    ),
    ConfigSpec(
        "archdoc_quality_characteristics",
        list(ISO_25010_CHARACTERISTICS),
        (list, tuple),
        "The quality characteristics a goal's or scenario's ``:characteristic:`` may name, "
        "in display order (default: ISO/IEC 25010:2023 product quality).",
        _check_name_list,
    ),
    ConfigSpec(
        "archdoc_adr_paths",
        [],
        (list, tuple),
        "Docname globs (e.g. ``adr/*``: relative to the source folder, no file suffix) "
        "whose numbered or dated documents are ADRs.",
        _check_str_list,
    ),
    ConfigSpec(
        "archdoc_adr_id_format",
        "ADR-{number:03d}",
        (str,),
        "How an ADR number is displayed, a format string using ``{number}``.",
        _check_adr_id_format,
    ),
    ConfigSpec(
        "archdoc_adr_statuses",
        ["proposed", "accepted", "rejected", "deprecated", "superseded"],
        (list, tuple),
        "The ADR statuses; other words are kept as written and reported.",
        _check_name_list,
    ),
    ConfigSpec(
        "archdoc_adr_status_aliases",
        dict(DEFAULT_ADR_STATUS_ALIASES),
        (dict,),
        "Other spellings of ADR statuses, mapped to an entry of ``archdoc_adr_statuses``.",
        _check_str_dict,
    ),
    ConfigSpec(
        "archdoc_checks",
        {},
        (dict,),
        "Check name -> severity (``warning``, ``info`` or ``off``), overriding the defaults.",
        _check_checks,
    ),
    ConfigSpec(
        "archdoc_extra_fields",
        {},
        (dict,),
        "Kind -> list of extra field names, usable as options, columns, filters and in JSON.",
        _check_extra_fields,
    ),
    ConfigSpec(
        "archdoc_json_export",
        True,
        (bool,),
        "Write ``archdoc.json`` into the output directory of HTML builders.",
        None,
    ),
    ConfigSpec(
        "archdoc_search_summaries",
        False,
        (bool,),
        "Let Sphinx's search index the generated tables, registers, indexes and "
        "graphs; by default (Sphinx >= 8.2) only the item pages they list are indexed.",
        None,
    ),
    ConfigSpec(
        "archdoc_external",
        {},
        (dict,),
        "Project name -> base URL or path of another project's ``archdoc.json`` "
        "(or a ``(base, location)`` pair).",
        _check_external,
    ),
    ConfigSpec(
        "archdoc_hidden_tags",
        [],
        (list, tuple),
        "Tags that select views (``:tags:`` filters) but are not shown to readers "
        "in item blocks and tables; ``archdoc.json`` keeps them.",
        partial(_check_name_list, min_len=0),
    ),
    ConfigSpec(
        "archdoc_external_timeout",
        10,
        (int, float),
        "Seconds the fetch of every ``archdoc_external`` URL may take in all "
        "(a deadline; the URLs are fetched at once).",
        _check_timeout,
    ),
    ConfigSpec(
        "archdoc_external_cache_limit",
        5,
        (int, float),
        "Days fetched ``archdoc_external`` data is reused before it is fetched again "
        "(negative: keep it forever; 0: fetch on every build).",
        _check_number,
    ),
)


def default_bands(levels: Sequence[str]) -> dict[str, int]:
    """The default bands for a scale: DESIGN 2.5 for three and five levels."""
    n = len(levels)
    if n == 3:
        return {"low": 1, "medium": 3, "high": 6}
    if n == 5:
        return {"low": 1, "medium": 5, "high": 10, "critical": 15}
    top = n * n
    return {"low": 1, "medium": max(2, math.ceil(top / 3)), "high": max(3, math.ceil(2 * top / 3))}


def adr_path_problems(patterns: Sequence[str], suffixes: Sequence[str]) -> list[str]:
    """Why patterns of ``archdoc_adr_paths`` can never match a document.

    Patterns match *document names*: relative to the source folder, ``/``
    separated, without a file suffix (``adr/0001-use-kafka``).  ``suffixes``
    are the project's source suffixes (``.rst``, ``.md``).
    """
    problems = []
    for pattern in patterns:
        fixed = pattern.strip().replace("\\", "/")
        for suffix in sorted(suffixes, key=len, reverse=True):
            if suffix and fixed.endswith(suffix):
                fixed = fixed.removesuffix(suffix)
                break
        fixed = fixed.lstrip("/")
        while fixed.startswith("./"):
            fixed = fixed[2:]
        if not fixed or ".." in fixed.split("/"):
            hint = _("it names no document in the source folder")
        elif fixed != pattern:
            hint = _("did you mean {pattern!r}?").format(pattern=fixed)
        else:
            continue
        problems.append(
            _(
                "archdoc_adr_paths: {pattern!r} can never match: patterns match document "
                "names (relative to the source folder, '/' between folders, no file "
                "suffix, e.g. 'adr/*'); {hint}"
            ).format(pattern=pattern, hint=hint)
        )
    return problems


def validate(values: Mapping[str, Any]) -> None:
    """Validate every archdoc value; raise :class:`ConfigValueError` on the first problem."""
    for spec in CONFIG_SPECS:
        value = values.get(spec.name, spec.default)
        if not isinstance(value, spec.types):
            allowed = _(" or ").join(t.__name__ for t in spec.types)
            raise _fail(
                spec.name,
                _("expected {allowed}, got {type} {value!r}").format(
                    allowed=allowed, type=type(value).__name__, value=value
                ),
            )
        if spec.validate is not None:
            spec.validate(spec.name, value)
    _check_bands_reachable(values)
    aliases = values.get("archdoc_adr_status_aliases", {})
    statuses = [s.lower() for s in values.get("archdoc_adr_statuses", [])]
    for alias, target in aliases.items():
        if target.lower() not in statuses:
            raise _fail(
                "archdoc_adr_status_aliases",
                _(
                    "alias {alias!r} maps to {target!r}, which is not in archdoc_adr_statuses"
                ).format(alias=alias, target=target),
            )


def achievable_scores(level_count: int) -> list[int]:
    """Every score a scale of ``level_count`` levels can produce, ascending."""
    return sorted({i * j for i in range(1, level_count + 1) for j in range(1, level_count + 1)})


def unreachable_bands(bands: Iterable[tuple[str, int]], level_count: int) -> list[str]:
    """Bands no product of two ranks falls into (config validation uses this)."""
    ordered = list(bands)
    scores = achievable_scores(level_count)
    result = []
    for i, (name, minimum) in enumerate(ordered):
        upper = ordered[i + 1][1] if i + 1 < len(ordered) else None
        if not any(s >= minimum and (upper is None or s < upper) for s in scores):
            result.append(name)
    return result


def _check_bands_reachable(values: Mapping[str, Any]) -> None:
    """Every band must hold at least one score the configured scale can produce."""
    levels = values.get("archdoc_risk_levels", DEFAULT_RISK_LEVELS)
    bands = values.get("archdoc_risk_bands")
    if bands is None:
        return
    top = len(levels) ** 2
    for band, minimum in bands.items():
        if minimum > top:
            raise _fail(
                "archdoc_risk_bands",
                _(
                    "band {band!r} starts at {minimum}, but the highest score with "
                    "{levels} levels is {top}, so it can never be reached"
                ).format(band=band, minimum=minimum, levels=len(levels), top=top),
            )
    for band in unreachable_bands(bands.items(), len(levels)):
        raise _fail(
            "archdoc_risk_bands",
            _(
                "band {band!r} can never be reached: no impact rank x probability rank "
                "with {levels} levels falls between its minimum and the next band's"
            ).format(band=band, levels=len(levels)),
        )


def _lower(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v.strip().lower() for v in values)


@dataclass(frozen=True)
class ArchConfig:
    """The validated, normalised configuration the pure core works with."""

    layers: tuple[str, ...] = ("presentation", "application", "data", "infrastructure", "external")
    component_statuses: tuple[str, ...] = ("planned", "active", "deprecated", "retired")
    component_types: tuple[str, ...] = ("system", "container", "component")
    layer_titles: tuple[tuple[str, str], ...] = ()
    environments: tuple[str, ...] = ("production", "staging", "development")
    yes_no: tuple[str, ...] = ("yes", "no")
    risk_levels: tuple[str, ...] = DEFAULT_RISK_LEVELS
    risk_bands: tuple[tuple[str, int], ...] = (("low", 1), ("medium", 3), ("high", 6))
    risk_categories: tuple[str, ...] = (
        "technical",
        "operational",
        "security",
        "compliance",
        "business",
    )
    risk_statuses: tuple[str, ...] = ("open", "mitigating", "mitigated", "accepted", "closed")
    debt_statuses: tuple[str, ...] = ("open", "in-progress", "paid")
    adr_paths: tuple[str, ...] = ()
    adr_id_format: str = "ADR-{number:03d}"
    adr_statuses: tuple[str, ...] = ("proposed", "accepted", "rejected", "deprecated", "superseded")
    adr_status_aliases: tuple[tuple[str, str], ...] = tuple(
        sorted(DEFAULT_ADR_STATUS_ALIASES.items())
    )
    checks: tuple[tuple[str, str], ...] = ()
    extra_fields: tuple[tuple[str, tuple[str, ...]], ...] = ()
    external: tuple[tuple[str, str], ...] = ()
    quality_characteristics: tuple[str, ...] = ISO_25010_CHARACTERISTICS
    question_statuses: tuple[str, ...] = ("open", "resolved")
    perf_results: tuple[str, ...] = ("pass", "fail")
    document_statuses: tuple[str, ...] = ("draft", "review", "approved", "implementation")
    constraint_categories: tuple[str, ...] = (
        "technical",
        "organizational",
        "convention",
        "regulatory",
    )
    spike_statuses: tuple[str, ...] = ("planned", "running", "done", "abandoned")
    hidden_tags: frozenset[str] = frozenset()
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> ArchConfig:
        """Build from a mapping of ``archdoc_*`` names (missing names take defaults)."""

        def get(name: str) -> Any:
            for spec in CONFIG_SPECS:
                if spec.name == name:
                    return values.get(name, spec.default)
            raise KeyError(name)  # pragma: no cover - programming error

        levels = _lower(get("archdoc_risk_levels"))
        bands = get("archdoc_risk_bands") or default_bands(levels)
        return cls(
            layers=_lower(get("archdoc_layers")),
            component_statuses=_lower(get("archdoc_component_statuses")),
            component_types=_lower(get("archdoc_component_types")),
            environments=_lower(get("archdoc_environments")),
            layer_titles=tuple(
                sorted((k.strip().lower(), v) for k, v in get("archdoc_layer_titles").items())
            ),
            risk_levels=levels,
            risk_bands=tuple((k.strip().lower(), int(v)) for k, v in bands.items()),
            risk_categories=_lower(get("archdoc_risk_categories")),
            risk_statuses=_lower(get("archdoc_risk_statuses")),
            debt_statuses=_lower(get("archdoc_debt_statuses")),
            constraint_categories=_lower(get("archdoc_constraint_categories")),
            spike_statuses=_lower(get("archdoc_spike_statuses")),
            quality_characteristics=_lower(get("archdoc_quality_characteristics")),
            adr_paths=tuple(get("archdoc_adr_paths")),
            adr_id_format=get("archdoc_adr_id_format"),
            adr_statuses=_lower(get("archdoc_adr_statuses")),
            adr_status_aliases=tuple(
                sorted(
                    (k.strip().lower(), v.strip().lower())
                    for k, v in get("archdoc_adr_status_aliases").items()
                )
            ),
            checks=tuple(sorted(get("archdoc_checks").items())),
            extra_fields=tuple(
                sorted((k, tuple(v)) for k, v in get("archdoc_extra_fields").items())
            ),
            external=tuple(
                sorted(
                    (name, spec if isinstance(spec, str) else spec[0])
                    for name, spec in get("archdoc_external").items()
                )
            ),
            hidden_tags=frozenset(_lower(get("archdoc_hidden_tags"))),
        )

    def shown_tags(self, tags: Sequence[str]) -> tuple[str, ...]:
        """The tags readers see: all but ``archdoc_hidden_tags``."""
        return tuple(t for t in tags if t.lower() not in self.hidden_tags)

    @property
    def band_names(self) -> tuple[str, ...]:
        """The risk bands' names, lowest first (a risk's ``band`` is one)."""
        return tuple(name for name, _minimum in self.risk_bands)

    def enum_values(self, enum: str) -> tuple[str, ...]:
        """The allowed values of a named enum (see :attr:`FieldSpec.enum`)."""
        values: tuple[str, ...] = getattr(self, enum)
        return values

    def extra_fields_for(self, kind: str) -> tuple[str, ...]:
        return dict(self.extra_fields).get(kind, ())

    def field_order(self, kind: str) -> dict[str, int]:
        """The position of each field of ``kind``: declared order, then the
        extra fields in the order of ``archdoc_extra_fields`` (an item's facts
        come in this order, whatever order the author wrote them in)."""
        return self._field_orders[kind]

    @cached_property
    def _field_orders(self) -> dict[str, dict[str, int]]:
        # Made once per configuration, that is once per build.
        return {
            kind: {
                name: i
                for i, name in enumerate((*spec.field_names(), *self.extra_fields_for(kind)))
            }
            for kind, spec in KINDS.items()
        }

    def severity(self, check: str, default: str) -> str:
        return dict(self.checks).get(check, default)
