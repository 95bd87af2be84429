"""An entity's attributes: one per body line, ``name: TYPE [PK] [UNIQUE] [FK -> ENTITY.attribute]``.

Pure: the directive hands over its body lines and reports each problem at
the line it is on; the index parses the stored (canonical) lines again to
derive relationships.  Keys may come in any order and any case;
``PRIMARY KEY`` and ``FOREIGN KEY`` (as the template writes them) are
accepted for ``PK`` and ``FK``, ``UK`` for ``UNIQUE``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.model import ID_RE

#: An attribute's name: a word, as a column name is.
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: A type: a word, with an optional size (``VARCHAR(255)``, ``DECIMAL(10,2)``)
#: and an optional array mark (``TEXT[]``).
TYPE_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\(\s*\d+(\s*,\s*\d+)?\s*\))?(\[\])?$")
_LINE_RE = re.compile(r"^(?P<name>[^:\s]+)\s*:\s*(?P<rest>.*)$")
_FK_RE = re.compile(r"^(?:FK|FOREIGN\s+KEY)\s*(?:->|→)\s*(?P<target>\S+)", re.IGNORECASE)
_PK_RE = re.compile(r"^(?:PK|PRIMARY\s+KEY)(?=\s|$)", re.IGNORECASE)
_UNIQUE_RE = re.compile(r"^(?:UNIQUE|UK)(?=\s|$)", re.IGNORECASE)
_SYNTAX = "name: TYPE [PK] [UNIQUE] [FK -> ENTITY.attribute]"
_MAX_LINE = 500


class AttributeSyntaxError(ValueError):
    """A line that is not an attribute; the message says what is wrong."""


@dataclass(frozen=True)
class Attribute:
    name: str
    type: str
    primary_key: bool = False
    unique: bool = False
    #: ``(entity ID, attribute name)`` of a foreign key.
    references: tuple[str, str] | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        """The key marks of an ER diagram: ``PK``, ``FK``, ``UK``."""
        marks = []
        if self.primary_key:
            marks.append("PK")
        if self.references is not None:
            marks.append("FK")
        if self.unique:
            marks.append("UK")
        return tuple(marks)

    def text(self) -> str:
        """The canonical line: what ``archdoc.json`` keeps and what is parsed again."""
        words = [f"{self.name}: {self.type}"]
        if self.primary_key:
            words.append("PK")
        if self.unique:
            words.append("UNIQUE")
        if self.references is not None:
            words.append(f"FK -> {self.references[0]}.{self.references[1]}")
        return " ".join(words)


def parse_attribute(line: str) -> Attribute:
    """One body line as an attribute; raises :class:`AttributeSyntaxError`."""
    text = " ".join(line.split())
    if len(text) > _MAX_LINE:
        raise AttributeSyntaxError(
            _("the line is too long ({length} characters, at most {maximum})").format(
                length=len(text), maximum=_MAX_LINE
            )
        )
    match = _LINE_RE.match(text)
    if match is None:
        raise AttributeSyntaxError(
            _("{line!r} is not an attribute; expected {syntax}").format(line=text, syntax=_SYNTAX)
        )
    name, rest = match.group("name"), match.group("rest")
    if not NAME_RE.match(name):
        raise AttributeSyntaxError(
            _("{name!r} is not a valid attribute name (letters, digits, '_')").format(name=name)
        )
    type_text, _sep, rest = _split_type(rest)
    if not type_text:
        raise AttributeSyntaxError(
            _("attribute {name!r} has no type; expected {syntax}").format(name=name, syntax=_SYNTAX)
        )
    if not TYPE_RE.match(type_text):
        raise AttributeSyntaxError(
            _(
                "attribute {name!r}: {type!r} is not a valid type (a word, e.g. VARCHAR(255))"
            ).format(name=name, type=type_text)
        )
    primary_key = unique = False
    references: tuple[str, str] | None = None
    while rest:
        if found := _PK_RE.match(rest):
            primary_key = True
        elif found := _UNIQUE_RE.match(rest):
            unique = True
        elif found := _FK_RE.match(rest):
            references = _fk_target(name, found.group("target"))
        else:
            raise AttributeSyntaxError(
                _("attribute {name!r}: {word!r} is not understood; expected {syntax}").format(
                    name=name, word=rest.split()[0], syntax=_SYNTAX
                )
            )
        rest = rest[found.end() :].strip()
    return Attribute(name, type_text.upper(), primary_key, unique, references)


def _split_type(rest: str) -> tuple[str, str, str]:
    """The type (a size may hold spaces: ``DECIMAL(10, 2)``) and what follows."""
    depth = 0
    for position, char in enumerate(rest):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == " " and depth <= 0:
            return rest[:position].replace(" ", ""), " ", rest[position + 1 :].strip()
    return rest.replace(" ", ""), "", ""


def _fk_target(name: str, target: str) -> tuple[str, str]:
    entity, dot, attribute = target.rpartition(".")
    if not dot or not ID_RE.match(entity) or not NAME_RE.match(attribute):
        raise AttributeSyntaxError(
            _("attribute {name!r}: FK target {target!r} is not ENTITY.attribute").format(
                name=name, target=target
            )
        )
    return entity, attribute


@dataclass(frozen=True)
class AttributeProblem:
    """A body line that could not be read: its line number, and why."""

    line: int
    message: str


def parse_attributes(
    lines: Sequence[tuple[int, str]],
) -> tuple[list[Attribute], list[AttributeProblem]]:
    """Every attribute of a body given as ``(line number, text)`` pairs (blank
    lines skipped), and every problem at its line: an unreadable line, or an
    attribute named twice (the first is kept)."""
    attributes: list[Attribute] = []
    problems: list[AttributeProblem] = []
    seen: dict[str, int] = {}
    for number, line in lines:
        if not line.strip():
            continue
        try:
            attribute = parse_attribute(line)
        except AttributeSyntaxError as exc:
            problems.append(AttributeProblem(number, str(exc)))
            continue
        first = seen.get(attribute.name.lower())
        if first is not None:
            problems.append(
                AttributeProblem(
                    number,
                    _("attribute {name!r} is declared twice (first on line {line})").format(
                        name=attribute.name, line=first
                    ),
                )
            )
            continue
        seen[attribute.name.lower()] = number
        attributes.append(attribute)
    return attributes, problems


def stored_attributes(lines: Sequence[str]) -> tuple[Attribute, ...]:
    """The attributes of an entity's stored (canonical) lines."""
    return tuple(parse_attributes(list(enumerate(lines, start=1)))[0])
