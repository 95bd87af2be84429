"""Item directives: ``arch-component``, ``arch-risk``, ``arch-perf-target``,
``arch-adr``, ``arch-question`` and ``arch-status``.

One generic directive class per kind, driven by :mod:`sphinx_archdoc.core.kinds`.
Options are validated here; a bad value becomes a located finding and the
item is still recorded with everything that was valid.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from sphinx_archdoc.core import quality, quantities
from sphinx_archdoc.core.attributes import Attribute, parse_attributes
from sphinx_archdoc.core.checknames import CheckName
from sphinx_archdoc.core.deployment import parse_instances
from sphinx_archdoc.core.flows import parse_steps
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.kinds import KINDS, FieldSpec, FieldType, KindSpec
from sphinx_archdoc.core.model import (
    EXTERNAL_ID_RE,
    ID_RE,
    FieldValue,
    Finding,
    Inline,
    Item,
    plain_text,
)
from sphinx_archdoc.core.options import OptionError, PartlyValidError, convert
from sphinx_archdoc.domain import arch_config, get_domain
from sphinx_archdoc.render.blocks import item_head, links_to_items, shows_derived_badges
from sphinx_archdoc.render.cells import inline_pieces, may_have_markup
from sphinx_archdoc.render.entities import attribute_table
from sphinx_archdoc.render.nodes import archdoc_summary


class AnyOption(dict[str, Any]):
    """An option spec that accepts every option name.

    Unknown options are reported by the directive itself, as a located
    ``archdoc.unknown_option`` warning that names the accepted options, instead
    of a docutils error that drops the whole directive.
    """

    def __missing__(self, key: str) -> Any:
        return directives.unchanged

    def __contains__(self, key: object) -> bool:
        return True

    def __bool__(self) -> bool:
        # docutils only looks for an option block when the spec is truthy.
        return True


class ArchDirective(SphinxDirective):
    """Shared helpers: findings at this directive's location."""

    def source_and_line(self) -> tuple[str | None, int]:
        """The line of this directive, and its file when it is an included one."""
        source, line = self.get_source_info()
        # The page's own path, once per page read (``temp_data`` lives for one
        # document): ``doc2path`` goes through pathlib for every directive.
        own = self.env.temp_data.get("archdoc_own_path")
        if own is None:
            own = self.env.temp_data["archdoc_own_path"] = str(self.env.doc2path(self.env.docname))
        if not source or source == own:
            return None, line or self.lineno
        return os.path.relpath(source, self.env.srcdir), line or self.lineno

    def in_myst(self) -> bool:
        """Whether the directive is read by myst-parser (its line offsets differ)."""
        return type(self.state).__module__.startswith("myst_parser")

    def report(self, check: CheckName, message: str, line: int | None = None) -> None:
        """A finding at this directive (or at ``line`` of its file: a body line)."""
        source, own_line = self.source_and_line()
        line = line or own_line
        get_domain(self.env).note_finding(
            Finding(
                check,
                _("{directive}: {message}").format(directive=self.name, message=message),
                self.env.docname,
                line,
                source=source,
            )
        )

    def report_repeated_options(self) -> None:
        """An option given twice in MyST: MyST keeps the last value silently.

        (In reST, docutils rejects the directive before it runs, with its own
        "duplicate option" error.)"""
        for name in repeated_myst_options(self.block_text or self._source_from_here()):
            self.report(
                "invalid_value",
                _("the :{option}: option is given more than once; the last is used").format(
                    option=name
                ),
            )

    def _source_from_here(self) -> str:
        """The source from this directive's first line on: myst-parser < 5
        gives directives an empty ``block_text``."""
        source, line = self.get_source_info()
        if not source or not line or not os.path.isfile(source):
            return ""
        try:
            with open(source, encoding="utf-8-sig", errors="replace") as handle:
                lines = handle.read().splitlines()
        except OSError:
            return ""
        return "\n".join(lines[line - 1 :])


_FENCE_RE = re.compile(r"^(`{3,}|:{3,})")
_MYST_OPTION_RE = re.compile(r"^:([^:\s][^:]*):(?:\s|$)")
_YAML_KEY_RE = re.compile(r"^([A-Za-z0-9_][A-Za-z0-9_-]*)\s*:")


def repeated_myst_options(block_text: str) -> list[str]:
    """Option names that appear twice in a MyST directive's option block
    (``:name: value`` lines or a ``---`` YAML block), in order of repetition."""
    lines = (block_text or "").splitlines()
    if not lines or not _FENCE_RE.match(lines[0].lstrip()):
        return []
    body = lines[1:]
    names: list[str] = []
    if body and body[0].strip() == "---":
        for line in body[1:]:
            if line.strip() == "---":
                break
            match = _YAML_KEY_RE.match(line)
            if match:
                names.append(match.group(1))
    else:
        for line in body:
            match = _MYST_OPTION_RE.match(line)
            if not match:
                break
            names.append(match.group(1).strip())
    seen: set[str] = set()
    repeated: list[str] = []
    for name in names:
        if name in seen and name not in repeated:
            repeated.append(name)
        seen.add(name)
    return repeated


def shortened(text: str, limit: int = 60) -> str:
    """User text quoted in a message, cut to ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ItemDirective(ArchDirective):
    kind: ClassVar[str]
    #: Fields read from the body (see :meth:`read_body_fields`), set by :meth:`run`.
    body_fields: dict[str, FieldValue]
    #: The attributes read from the body, shown as a table in the block.
    attributes: list[Attribute]
    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = AnyOption()

    @property
    def spec(self) -> KindSpec:
        return KINDS[self.kind]

    def item_id(self) -> str | None:
        if not self.spec.has_id:
            if self.arguments:
                self.report(
                    "invalid_value",
                    _("takes no argument, got {argument!r}").format(argument=self.arguments[0]),
                )
            return self.env.docname
        if not self.arguments or not self.arguments[0].strip():
            self.report("missing_value", _("an ID argument is required"))
            return None
        item_id = self.arguments[0].strip()
        if not ID_RE.match(item_id):
            self.report(
                "invalid_value",
                _(
                    "{value!r} is not a valid ID (letters, digits, '_', '.', '-'; "
                    "starting with a letter or digit)"
                ).format(value=shortened(item_id)),
            )
            return None
        return item_id

    def option_spec_for(self, item_id: str, name: str, extra: Sequence[str]) -> FieldSpec | None:
        """The field an option sets; ``None`` (and a warning) when it sets none."""
        if name in self.spec.argument_fields:
            self.report(
                "unknown_option",
                _("{id!r}: :{option}: is given by the argument, not as an option").format(
                    id=item_id, option=name
                ),
            )
            return None
        spec = self.spec.field(name)
        if spec is not None and spec.from_body:
            spec = None  # read from the body, never an option
        if spec is None and name in extra:
            spec = FieldSpec(name, FieldType.TEXT, "extra field")
        if spec is None:
            argument = self.spec.argument_fields
            options = [n for n in self.spec.option_names() if n not in argument]
            accepted = ", ".join((*options, *extra))
            self.report(
                "unknown_option",
                _("{id!r}: unknown option :{option}:; accepted: {accepted}").format(
                    id=item_id, option=name, accepted=accepted
                ),
            )
        return spec

    def parse_fields(self, item_id: str) -> dict[str, FieldValue]:
        config = arch_config(self.env)
        extra = config.extra_fields_for(self.kind)
        fields: dict[str, FieldValue] = {}
        for name, raw in self.options.items():
            spec = self.option_spec_for(item_id, name, extra)
            if spec is None:
                continue
            try:
                fields[name] = convert(spec, raw, config)
            except PartlyValidError as exc:
                if exc.value:
                    fields[name] = exc.value
                for problem in exc.problems:
                    self.report_option(item_id, name, problem)
            except OptionError as exc:
                self.report_option(item_id, name, exc)
        for spec in self.spec.fields:
            if spec.name not in fields and spec.default is not None:
                fields[spec.name] = spec.default
            if spec.required and spec.name not in fields:
                self.report(
                    "missing_value",
                    _("{id!r}: the :{option}: option is required").format(
                        id=item_id, option=spec.name
                    ),
                )
        fields.update(self.body_fields)
        self.check_own_fields(item_id, fields)
        # ADR statuses are checked once per build (adr_checks.check_adr_status),
        # for declared and discovered ADRs alike.
        return fields

    def report_option(self, item_id: str, option: str, problem: object) -> None:
        """``invalid_value``: what is wrong with one option of this item."""
        self.report(
            "invalid_value",
            _("{id!r}: :{option}: {problem}").format(id=item_id, option=option, problem=problem),
        )

    def check_own_fields(self, item_id: str, fields: dict[str, FieldValue]) -> None:
        """The kind's own reading and checks of its fields, once the declared
        ones are read (a subclass's special logic; none by default)."""

    def refused(self) -> bool:
        """Whether the kind refuses this directive (reported; its text is kept)."""
        return False

    def read_markup(self, fields: dict[str, FieldValue]) -> tuple[tuple[str, Inline], ...]:
        """Text fields written with inline markup, parsed once, here, by the
        document's own parser (reST or MyST): the field keeps the plain text,
        the item the pieces. Roles in them are recorded and checked like
        roles in prose; values without markup characters are never parsed."""
        markup: list[tuple[str, Inline]] = []
        for name, value in fields.items():
            if not isinstance(value, str) or not may_have_markup(value):
                continue
            spec = self.spec.field(name)
            if spec is None:
                extra = arch_config(self.env).extra_fields_for(self.kind)
                if name not in extra:
                    continue
            elif not spec.inline:
                continue
            # MyST's inline parser counts lines from 0, docutils' from 1.
            line = self.option_line(name) - (1 if self.in_myst() else 0)
            parsed, _messages = self.state.inline_text(value, line)
            pieces = inline_pieces(parsed)
            plain = plain_text(pieces)
            if plain != value:
                fields[name] = plain
            if any(not isinstance(piece, str) for piece in pieces):
                markup.append((name, pieces))
        return tuple(markup)

    def option_line(self, name: str) -> int:
        """The line an option is written on (the directive's when not found)."""
        option = re.compile(rf"\s*:?{re.escape(name)}:")
        lines = (self.block_text or self._source_from_here()).splitlines()
        for offset, line in enumerate(lines[1:], start=1):
            if option.match(line):
                return self.lineno + offset
        return self.lineno

    def anchor_for(self, item_id: str) -> str:
        """A page-unique anchor: IDs that differ only in case or punctuation
        (``Api``/``api``, ``a.b``/``a_b``) give the same slug; the later one gets
        a number (the target is registered with the document, see :meth:`run`)."""
        base = nodes.make_id(f"{self.kind}-{item_id}") or nodes.make_id(self.kind)
        anchor = base
        counter = 1
        while anchor in self.state.document.ids:
            counter += 1
            anchor = f"{base}-{counter}"
        return anchor

    def read_body_fields(self, item_id: str | None) -> dict[str, FieldValue]:
        """A field read from the body (an entity's attributes, one per line):
        the body's first block, up to a blank line; the rest stays the
        item's description.  Each bad line is reported at its own line."""
        self.attributes = []
        spec = next((f for f in self.spec.fields if f.from_body), None)
        if spec is None or not self.content or item_id is None:
            return {}  # (an unusable directive keeps its whole body as text)
        lines = list(self.content)
        start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
        end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
        first = self.content_offset + 1
        if self.in_myst():
            # MyST counts the body's offset from the directive's first line.
            first += self.lineno
        numbered = [(first + i, lines[i]) for i in range(start, end)]
        self.content = StringList(list(self.content[end:]), items=list(self.content.items[end:]))
        self.content_offset += end
        attributes, problems = parse_attributes(numbered)
        for problem in problems:
            self.report(
                "invalid_value",
                _("{id!r}: {problem}").format(id=item_id, problem=problem.message),
                line=problem.line,
            )
        if not attributes:
            return {}
        self.attributes = attributes
        return {spec.name: tuple(attribute.text() for attribute in attributes)}

    def run(self) -> list[nodes.Node]:
        domain = get_domain(self.env)
        self.report_repeated_options()
        item_id = self.item_id()
        self.body_fields = self.read_body_fields(item_id)
        content = self.parse_content_to_nodes(allow_section_headings=False) if self.content else []
        if item_id is None:
            # The directive is unusable, but the author's text is not lost.
            return list(content)
        if self.refused():
            return list(content)
        fields = self.parse_fields(item_id)
        markup = self.read_markup(fields)
        anchor = self.anchor_for(item_id)
        description = " ".join(n.astext() for n in content).strip()
        first = next(
            (
                p
                for node in content
                if isinstance(node, nodes.Element)
                for p in node.findall(nodes.paragraph)
            ),
            None,
        )
        source, line = self.source_and_line()
        item = Item(
            kind=self.kind,
            id=item_id,
            docname=self.env.docname,
            lineno=line,
            source=source,
            anchor=anchor,
            fields=fields,
            description=description,
            first_paragraph=" ".join(first.astext().split()) if first is not None else "",
            parent=self.env.ref_context.get("arch:component"),
            markup=markup,
        )
        domain.note_item(item)
        if links_to_items(item) or shows_derived_badges(item):
            # The block links to other items, or shows a status derived from
            # them: rewrite the page when they move or the status changes.
            domain.note_links(self.env.docname)
        # The title line and facts are written with the page (render/blocks.py).
        block = nodes.container(
            "", item_head(item), classes=["archdoc-item", f"archdoc-{item.kind}"]
        )
        target = nodes.target("", "", ids=[anchor])
        self.state.document.set_id(target)
        self.set_source_info(block)
        if self.attributes:
            block += attribute_table(self.attributes, self.env.docname)
        block.extend(content)
        return [target, block]


def make_item_directive(kind: str) -> type[ItemDirective]:
    return type(f"{kind.title().replace('-', '')}Directive", (ItemDirective,), {"kind": kind})


class RelationDirective(ItemDirective):
    """``arch-relation:: SOURCE -> TARGET``: no ID of its own; the ends are
    its ``source`` and ``target`` fields."""

    kind = "relation"
    #: The ends, once the argument is read.
    ends: tuple[str, str] = ("", "")

    def item_id(self) -> str | None:
        argument = self.arguments[0].strip() if self.arguments else ""
        if not argument:
            self.report("missing_value", _("an argument SOURCE -> TARGET is required"))
            return None
        source, arrow, target = (part.strip() for part in argument.partition("->"))
        bad = [
            end for end in (source, target) if not (ID_RE.match(end) or EXTERNAL_ID_RE.match(end))
        ]
        if not arrow or bad or "->" in target:
            self.report(
                "invalid_value",
                _(
                    "{value!r} is not SOURCE -> TARGET (two component or actor IDs, "
                    "or project:ID, around '->')"
                ).format(value=shortened(argument)),
            )
            return None
        self.ends = (source, target)
        return ""

    def parse_fields(self, item_id: str) -> dict[str, FieldValue]:
        # Messages name the relation by its ends.
        fields = super().parse_fields(" -> ".join(self.ends))
        fields["source"], fields["target"] = self.ends
        return fields


class FlowDirective(ItemDirective):
    """``arch-flow:: ID``: the body is the steps, one per line, not text; the
    numbered sequence diagram (or table) is drawn where the flow is written."""

    kind = "flow"

    def parse_content_to_nodes(self, allow_section_headings: bool = False) -> list[nodes.Node]:
        return []

    def parse_fields(self, item_id: str) -> dict[str, FieldValue]:
        fields = super().parse_fields(item_id)
        steps, errors = parse_steps(self.content)
        for error in errors:
            line = self.content_line(error.offset)
            self.report(
                "invalid_value",
                _("{id!r}: step line {line}: {problem}").format(
                    id=item_id, line=error.offset + 1, problem=error.message
                ),
                line,
            )
        if not steps and not errors:
            self.report("missing_value", _("{id!r}: the flow has no steps").format(id=item_id))
        fields["steps"] = tuple(str(step) for step in steps)
        return fields

    def content_line(self, offset: int) -> int:
        """The line of the body's line ``offset`` (0-based) in the source file.

        docutils gives the content's absolute offset; myst-parser gives it
        relative to the line after the directive's opening line."""
        if self.in_myst():
            return self.lineno + 1 + self.content_offset + offset
        return self.content_offset + 1 + offset

    def run(self) -> list[nodes.Node]:
        result = super().run()
        if self.arguments and result and isinstance(result[-1], nodes.container):
            flow_id = self.arguments[0].strip()
            placeholder = archdoc_summary(
                "", directive=self.name, options={"flow": flow_id}, docname=self.env.docname
            )
            self.set_source_info(placeholder)
            get_domain(self.env).note_summary(self.env.docname)
            result[-1] += placeholder
        return result


class ComponentDirective(ItemDirective):
    """``arch-component:: ID``: roles and ``adr-link`` in its content know
    their enclosing component."""

    kind = "component"

    def parse_content_to_nodes(self, allow_section_headings: bool = False) -> list[nodes.Node]:
        if self.arguments and ID_RE.match(self.arguments[0].strip()):
            previous = self.env.ref_context.get("arch:component")
            self.env.ref_context["arch:component"] = self.arguments[0].strip()
            try:
                return super().parse_content_to_nodes(allow_section_headings=allow_section_headings)
            finally:
                if previous is None:
                    self.env.ref_context.pop("arch:component", None)
                else:
                    self.env.ref_context["arch:component"] = previous
        return super().parse_content_to_nodes(allow_section_headings=allow_section_headings)


class PerfTargetDirective(ItemDirective):
    """``arch-perf-target:: ID``: reads ``:current-from:`` and checks that
    target and current are comparable quantities."""

    kind = "perf-target"

    def check_own_fields(self, item_id: str, fields: dict[str, FieldValue]) -> None:
        self.read_current_from(item_id, fields)
        self.check_quantities(item_id, fields)

    def read_current_from(self, item_id: str, fields: dict[str, FieldValue]) -> None:
        """``:current-from:``: the current value, read from a result file now.

        The file is a dependency of this document, so an incremental build
        re-reads this document (and no other) when the file changes."""
        source, unit = fields.get("current-from"), fields.get("current-unit")
        if not isinstance(source, str):
            if unit is not None:
                self.report(
                    "invalid_value",
                    _("{id!r}: :current-unit: applies only with :current-from:").format(id=item_id),
                )
            return
        if "current" in fields:
            self.report(
                "invalid_value",
                _(
                    "{id!r}: both :current: and :current-from: are given; :current-from: is used"
                ).format(id=item_id),
            )
            del fields["current"]
        srcdir = Path(self.env.srcdir)
        path_text = source.partition("#")[0].strip()
        if path_text:
            # Noted before reading: a missing file is re-checked on every build.
            self.env.note_dependency(str(srcdir / path_text))
        try:
            _path, current = quality.read_measurement(
                srcdir, source, unit if isinstance(unit, str) else None
            )
        except quality.MeasurementSourceError as exc:
            self.report(
                "measurement_source",
                _("{id!r}: :current-from: {problem}; the status is unknown").format(
                    id=item_id, problem=exc
                ),
            )
            return
        fields["current"] = current

    def check_quantities(self, item_id: str, fields: dict[str, FieldValue]) -> None:
        """An unparsable :target: or :current: is reported here, where it is
        written; the text is kept, so the tables still show it (status unknown).

        A target that is not a quantity is qualitative: its status comes from
        ``:result:``, and its ``:current:`` is free text."""
        target, current = fields.get("target"), fields.get("current")
        if isinstance(target, str) and not quantities.is_quantitative(target):
            return
        if "result" in fields and isinstance(target, str):
            self.report(
                "invalid_value",
                _(
                    "{id!r}: :result: applies only to a qualitative target; {target!r} is a "
                    "quantity, so its status comes from :current: (the :result: is ignored)"
                ).format(id=item_id, target=target),
            )
        if isinstance(target, str):
            try:
                quantities.parse_target(target)
            except quantities.QuantityError as exc:
                self.report_option(item_id, "target", exc)
        if isinstance(current, str) and not quantities.is_placeholder(current):
            try:
                quantities.parse_current(current)
            except quantities.QuantityError as exc:
                self.report_option(item_id, "current", exc)


class DeploymentNodeDirective(ItemDirective):
    """``arch-deployment-node:: ID``: ``:instances:`` is a number or a range."""

    kind = "deployment-node"

    def check_own_fields(self, item_id: str, fields: dict[str, FieldValue]) -> None:
        instances = fields.get("instances")
        if isinstance(instances, str):
            try:
                parse_instances(instances)
            except ValueError as exc:
                self.report_option(item_id, "instances", exc)


class StatusDirective(ItemDirective):
    """``arch-status``: at most one per document."""

    kind = "status"

    def refused(self) -> bool:
        domain = get_domain(self.env)
        if any(i.kind == self.kind for i in domain.items_of(self.env.docname)):
            self.report(
                "duplicate_id", _("at most one arch-status per document; this one is ignored")
            )
            return True
        return False


_SPECIAL_DIRECTIVES: dict[str, type[ItemDirective]] = {
    directive.kind: directive
    for directive in (
        RelationDirective,
        FlowDirective,
        ComponentDirective,
        PerfTargetDirective,
        DeploymentNodeDirective,
        StatusDirective,
    )
}

ITEM_DIRECTIVES: dict[str, type[ItemDirective]] = {
    spec.directive: _SPECIAL_DIRECTIVES.get(spec.name) or make_item_directive(spec.name)
    for spec in KINDS.values()
}
