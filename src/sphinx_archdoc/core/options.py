"""Option converters: raw option text -> normalised field values.

Pure functions; each raises :class:`OptionError` with a message fit for the
user (the caller adds the location and reports it as ``invalid_value``).
"""

from __future__ import annotations

import datetime as dt
import re

from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.kinds import FieldSpec, FieldType
from sphinx_archdoc.core.model import EXTERNAL_ID_RE, ID_RE, FieldValue

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MAX_VALUE_LENGTH = 10_000


class OptionError(ValueError):
    """A value that cannot be accepted; the message is shown to the user."""


class PartlyValidError(OptionError):
    """A list with bad entries: ``value`` holds the good ones, which are kept;
    ``problems`` says what was wrong with each of the others."""

    def __init__(self, value: tuple[str, ...], problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.value = value
        self.problems = problems


def split_list(text: str) -> tuple[str, ...]:
    """Split a comma-separated option; empty entries are dropped."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def check_id(text: str, *, allow_external: bool = False) -> str:
    value = text.strip()
    if ID_RE.match(value) or (allow_external and EXTERNAL_ID_RE.match(value)):
        return value
    shown = value if len(value) <= 60 else value[:57] + "..."
    raise OptionError(
        _(
            "{value!r} is not a valid ID (letters, digits, '_', '.', '-'; "
            "starting with a letter or digit)"
        ).format(value=shown)
    )


def _entries(raw: str) -> tuple[str, ...]:
    """The entries of a comma list; a list of nothing but commas is an error."""
    parts = split_list(raw)
    if not parts:
        raise OptionError(_("{value!r} names no value").format(value=raw))
    return parts


def parse_ids(raw: str) -> tuple[str, ...]:
    """A comma list of IDs: a bad entry is reported, the good ones are kept."""
    valid: list[str] = []
    problems: list[str] = []
    for part in _entries(raw):
        try:
            valid.append(check_id(part, allow_external=True))
        except OptionError as exc:
            words = part.split()
            if len(words) > 1 and all(ID_RE.match(word) for word in words):
                exc = OptionError(
                    _("{problem}; separate IDs with commas: {fixed!r}").format(
                        problem=exc, fixed=", ".join(words)
                    )
                )
            problems.append(str(exc))
    if problems:
        raise PartlyValidError(tuple(valid), problems)
    return tuple(valid)


def parse_date(text: str) -> str:
    value = text.strip()
    if not _DATE_RE.match(value):
        raise OptionError(_("{value!r} is not an ISO date (YYYY-MM-DD)").format(value=value))
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise OptionError(_("{value!r} is not a valid date").format(value=value)) from None
    return value


def parse_enum(text: str, allowed: tuple[str, ...], option: str) -> str:
    value = text.strip().lower()
    if value in allowed:
        return value
    raise OptionError(
        _("{value!r} is not a valid {option}; expected one of: {allowed}").format(
            value=text.strip(), option=option, allowed=", ".join(allowed)
        )
    )


def normalise_adr_status(text: str, config: ArchConfig) -> tuple[str, bool]:
    """Return ``(status, known)``: known statuses lower case, unknown kept as written."""
    word = text.strip()
    lowered = word.lower()
    if lowered in config.adr_statuses:
        return lowered, True
    aliases = dict(config.adr_status_aliases)
    if lowered in aliases:
        return aliases[lowered], True
    return word, False


def convert(spec: FieldSpec, text: str | None, config: ArchConfig) -> FieldValue:
    """Convert one option value according to its field spec."""
    raw = (text or "").strip()
    if len(raw) > _MAX_VALUE_LENGTH:
        raise OptionError(
            _("the value is too long ({length} characters, at most {maximum})").format(
                length=len(raw), maximum=_MAX_VALUE_LENGTH
            )
        )
    if not raw:
        raise OptionError(_("the value is empty"))
    if "\n" in raw and spec.type is not FieldType.TEXT:
        raw = " ".join(raw.split())
    match spec.type:
        case FieldType.TEXT:
            return " ".join(raw.split())
        case FieldType.ENUM:
            assert spec.enum is not None  # noqa: S101 - declared in kinds.py
            return parse_enum(raw, config.enum_values(spec.enum), spec.name)
        case FieldType.DATE:
            return parse_date(raw)
        case FieldType.LIST:
            return _entries(raw)
        case FieldType.REF:
            return check_id(raw, allow_external=True)
        case FieldType.REFS:
            return parse_ids(raw)
        case FieldType.ADR_REFS:
            return _entries(raw)
        case FieldType.ADR_STATUS:
            return " ".join(raw.split())
    raise AssertionError(spec.type)  # pragma: no cover
