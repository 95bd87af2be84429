"""``sphinx-archdoc export --format structurizr``: archdoc.json as a Structurizr DSL workspace.

Pure: reads the exported document (a dict), writes DSL text.  It follows the
Structurizr DSL language reference:

* ``workspace [name] [description] { model { ... } views { ... } }``;
* ``person <name> [description] [tags]``,
  ``softwareSystem <name> [description] [tags]``,
  ``container <name> [description] [technology] [tags]`` and
  ``component <name> [description] [technology] [tags]``, nested by braces;
* ``<identifier> -> <identifier> [description] [technology] [tags]`` after
  every element (the DSL has no forward references);
* ``systemContext``, ``container`` and ``component`` views with
  ``include *`` and ``autoLayout``, and element styles.

The DSL's own rules shape the mapping:

* Identifiers may use ``a-zA-Z_0-9`` and are matched case-insensitively:
  an item ID becomes its identifier with every other character turned into
  ``_``, and a clash gets a ``_2``, ``_3``... suffix.
* Three levels only (software system, container, component).  A top-level
  component of type ``system``, in the ``external`` layer or with children is a
  software system; other top-level components become containers of one
  software system named after the project.  Anything deeper than a component
  is summarised into its component ancestor (its relations go to it).
* Names are unique among people and software systems, and among the children
  of one element: a repeated title gets `` (ID)`` appended.
* Relationships between a parent and its child are not allowed, and the
  description of the relationships from one element to another must be
  unique: every relation between the same pair (after summarising) becomes
  one relationship, its labels and technologies joined.
* Strings are double-quoted and the DSL has no escape that removes its
  backslash, substitutes ``${NAME}`` and reads a lone ``{``/``}`` token as a
  brace: user text has ``"`` replaced by ``'``, ``${`` by ``$ {``, a lone
  brace by a parenthesis, line breaks by spaces, and trailing backslashes
  removed, so no user text can end a string or start a statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sphinx_archdoc.core.c4views import unique_texts
from sphinx_archdoc.core.deployment import parse_instances
from sphinx_archdoc.core.flows import Step, parse_steps
from sphinx_archdoc.core.hierarchy import build_hierarchy

#: Structurizr levels, outermost first.
SYSTEM, CONTAINER, COMPONENT = "softwareSystem", "container", "component"
_LEVELS = (SYSTEM, CONTAINER, COMPONENT)
#: Statuses drawn as inactive (a dashed border).
_INACTIVE = ("deprecated", "retired")
_IDENTIFIER_CHARS_RE = re.compile(r"[^A-Za-z0-9_]")
_SPACE_RE = re.compile(r"\s+")
#: DSL keywords: an identifier spelled like one gets a suffix, so no line is
#: ever read as the keyword.
_KEYWORDS = frozenset(
    word.lower()
    for word in [
        "workspace",
        "model",
        "views",
        "styles",
        "person",
        "softwareSystem",
        "container",
        "component",
        "group",
        "element",
        "elements",
        "relationship",
        "relationships",
        "tags",
        "tag",
        "description",
        "technology",
        "properties",
        "perspectives",
        "url",
        "include",
        "exclude",
        "autoLayout",
        "title",
        "theme",
        "themes",
        "branding",
        "terminology",
        "configuration",
        "users",
        "deploymentEnvironment",
        "deploymentNode",
        "deploymentGroup",
        "infrastructureNode",
        "softwareSystemInstance",
        "containerInstance",
        "systemLandscape",
        "systemContext",
        "filtered",
        "dynamic",
        "deployment",
        "custom",
        "image",
        "animation",
        "default",
        "light",
        "dark",
        "archetypes",
        "instances",
        "healthCheck",
        "this",
        "name",
        "scope",
        "visibility",
        "enterprise",
    ]
)


def dsl_string(text: str) -> str:
    """``text`` as one double-quoted DSL token that nothing in it can end or turn into syntax."""
    clean = _SPACE_RE.sub(" ", text).strip().replace('"', "'").replace("${", "$ {")
    clean = clean.rstrip("\\").rstrip()
    if clean in ("{", "}"):
        clean = "(" if clean == "{" else ")"
    return f'"{clean}"'


def _name(title: object, item_id: str) -> str:
    """An element's or node's name as the workspace writes it (so two names
    that differ only in what ``dsl_string`` cleans away count as one); the ID
    when nothing of the title is left."""
    return dsl_string(str(title or ""))[1:-1] or item_id


@dataclass
class _Element:
    item_id: str
    identifier: str
    level: str
    name: str
    description: str = ""
    technology: str = ""
    tags: list[str] = field(default_factory=list)
    children: list[_Element] = field(default_factory=list)
    parent: _Element | None = None


@dataclass
class _Person:
    item_id: str
    identifier: str
    name: str
    description: str
    tags: list[str]


def _identifiers(ids: Iterable[str]) -> dict[str, str]:
    """Item ID -> DSL identifier, unique case-insensitively, never a keyword."""
    found: dict[str, str] = {}
    taken: set[str] = set()
    for item_id in ids:
        base = _IDENTIFIER_CHARS_RE.sub("_", item_id) or "element"
        if base.lower() in _KEYWORDS:
            base += "_"
        candidate, number = base, 1
        while candidate.lower() in taken:
            number += 1
            candidate = f"{base}_{number}"
        taken.add(candidate.lower())
        found[item_id] = candidate
    return found


def _text(fields: Mapping[str, Any], name: str) -> str:
    value = fields.get(name)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _list(fields: Mapping[str, Any], name: str) -> list[str]:
    value = fields.get(name)
    if isinstance(value, list):
        return [str(v) for v in value if str(v)]
    if isinstance(value, str) and value:
        return [part.strip() for part in value.split(",") if part.strip()]
    return []


def _unique_names(elements: list[Any]) -> None:
    """A repeated name gets `` (ID)`` appended (the DSL wants unique names,
    compared case-insensitively here), and a number if that is taken too."""
    counts: dict[str, int] = {}
    for element in elements:
        counts[element.name.lower()] = counts.get(element.name.lower(), 0) + 1
    taken = {name for name, count in counts.items() if count == 1}
    for element in elements:
        if counts[element.name.lower()] == 1:
            continue
        base = f"{element.name} ({element.item_id})"
        candidate, number = base, 1
        while candidate.lower() in taken:
            number += 1
            candidate = f"{base} {number}"
        taken.add(candidate.lower())
        element.name = candidate


@dataclass
class _Node:
    """A deployment node: name, technology, instances, what runs on it."""

    item_id: str
    name: str
    technology: str
    instances: str
    environment: str
    #: ("containerInstance" or "softwareSystemInstance", identifier).
    instances_of: list[tuple[str, str]]
    children: list[_Node] = field(default_factory=list)


def _instances(text: str) -> str:
    """``3`` or ``2-10`` as the DSL writes it (``2..10``); empty when not a count."""
    try:
        low, high = parse_instances(text)
    except ValueError:
        return ""
    return str(low) if low == high else f"{low}..{high}"


def _write_node(node: _Node, lines: list[str], depth: int) -> None:
    """``deploymentNode <name> [description] [technology] [tags] [instances]``."""
    indent = "    " * depth
    words = [dsl_string(node.name), '""', dsl_string(node.technology), '""']
    if node.instances:
        words.append(dsl_string(node.instances))
    lines.append(f"{indent}deploymentNode {' '.join(_trimmed(words))} {{")
    lines.append(f"{indent}    properties {{")
    lines.append(f'{indent}        "archdoc.id" {dsl_string(node.item_id)}')
    lines.append(f"{indent}    }}")
    for keyword, identifier in node.instances_of:
        lines.append(f"{indent}    {keyword} {identifier}")
    for child in node.children:
        _write_node(child, lines, depth + 1)
    lines.append(f"{indent}}}")


def _tags(fields: Mapping[str, Any], external: bool) -> list[str]:
    tags = [tag.replace(",", " ") for tag in _list(fields, "tags")]
    if external:
        tags.append("External")
    status = _text(fields, "status").lower()
    if status in _INACTIVE:
        tags.append("Inactive")
    return tags


def workspace(document: Mapping[str, Any]) -> str:
    """The DSL text of ``document`` (an ``archdoc.json`` already validated)."""
    return _Workspace(document).text()


#: A declared relation: source, target, label, technology.
_Flow = tuple[str, str, str, str]


class _Workspace:
    """The model of one ``archdoc.json``, mapped to the DSL's three levels."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        items = [item for item in document.get("items", []) if isinstance(item, dict)]
        components = [i for i in items if i.get("kind") == "component" and i.get("id")]
        self.actors = [i for i in items if i.get("kind") == "actor" and i.get("id")]
        self.project = str(document.get("project") or "System")
        self.by_id = {c["id"]: c for c in components}
        self.fields_of = {c["id"]: c.get("fields") or {} for c in components}
        self.hierarchy = build_hierarchy(
            {cid: _text(f, "parent") or None for cid, f in self.fields_of.items()}
        )
        self.declared = self._declared([i for i in items if i.get("kind") == "relation"])
        self.actor_ids = {a["id"] for a in self.actors}
        self.nodes = [i for i in items if i.get("kind") == "deployment-node" and i.get("id")]
        self.flows = [
            (flow, parse_steps(_list(flow.get("fields") or {}, "steps"))[0])
            for flow in items
            if flow.get("kind") == "flow" and flow.get("id")
        ]
        # References to other projects ("payments:api") become external systems.
        ends = [end for source, target, _, _ in self.declared for end in (source, target)]
        ends += [end for _, steps in self.flows for s in steps for end in (s.source, s.target)]
        foreign = sorted(
            {
                end
                for end in ends
                if ":" in end and end not in self.by_id and end not in self.actor_ids
            }
        )
        self.identifiers = _identifiers([a["id"] for a in self.actors] + list(self.by_id) + foreign)
        self.elements: dict[str, _Element] = {}
        self.roots = self._roots(foreign)
        self.people = [
            _Person(
                item_id=a["id"],
                identifier=self.identifiers[a["id"]],
                name=_name(a.get("title"), a["id"]),
                description=_text(a.get("fields") or {}, "purpose"),
                tags=[t.replace(",", " ") for t in _list(a.get("fields") or {}, "tags")],
            )
            for a in self.actors
        ]
        _unique_names([*self.people, *self.roots])

    def _declared(self, relation_items: list[dict[str, Any]]) -> list[_Flow]:
        """Relations, then ``:depends-on:`` and ``:uses:`` (without a label)."""
        declared: list[_Flow] = []
        for relation in relation_items:
            fields = relation.get("fields") or {}
            declared.append(
                (
                    _text(fields, "source"),
                    _text(fields, "target"),
                    _text(fields, "label"),
                    _text(fields, "technology"),
                )
            )
        for cid, fields in self.fields_of.items():
            declared.extend((cid, target, "", "") for target in _list(fields, "depends-on"))
        for actor in self.actors:
            for target in _list(actor.get("fields") or {}, "uses"):
                declared.append((actor["id"], target, "", ""))
        return declared

    def _roots(self, foreign: list[str]) -> list[_Element]:
        """The software systems: declared ones, one for the project's loose
        top-level components, and one per other project's element."""
        roots: list[_Element] = []
        loose: list[_Element] = []
        for item_id in self.by_id:
            if self.hierarchy.ancestors[item_id]:
                continue
            fields = self.fields_of[item_id]
            is_system = (
                _text(fields, "type").lower() == "system"
                or _text(fields, "layer").lower() == "external"
                or bool(self.hierarchy.children.get(item_id))
            )
            element = self._make(item_id, 0 if is_system else 1, None)
            (roots if is_system else loose).append(element)
        if loose:
            synthetic = _identifiers([*self.identifiers.values(), "system"])["system"]
            system = _Element(item_id="", identifier=synthetic, level=SYSTEM, name=self.project)
            for element in loose:
                element.parent = system
            system.children = loose
            roots.append(system)
        for name in foreign:
            element = _Element(
                item_id=name,
                identifier=self.identifiers[name],
                level=SYSTEM,
                name=name,
                tags=["External"],
            )
            self.elements[name] = element
            roots.append(element)
        return roots

    def _make(self, item_id: str, level_index: int, parent: _Element | None) -> _Element:
        fields = self.fields_of[item_id]
        element = _Element(
            item_id=item_id,
            identifier=self.identifiers[item_id],
            level=_LEVELS[level_index],
            name=_name(self.by_id[item_id].get("title"), item_id),
            description=_text(fields, "purpose"),
            technology=_text(fields, "technology"),
            tags=_tags(fields, _text(fields, "layer").lower() == "external"),
            parent=parent,
        )
        self.elements[item_id] = element
        if parent is not None:
            parent.children.append(element)
        for child in self.hierarchy.children.get(item_id, ()):
            if level_index + 1 < len(_LEVELS):
                self._make(child, level_index + 1, element)
            else:
                self._summarise(child, element)
        return element

    def _summarise(self, item_id: str, into: _Element) -> None:
        """An element below the third level is written as its ancestor there."""
        self.elements[item_id] = into
        for child in self.hierarchy.children.get(item_id, ()):
            self._summarise(child, into)

    def _endpoint(self, item_id: str) -> str | None:
        if item_id in self.actor_ids:
            return self.identifiers[item_id]
        element = self.elements.get(item_id)
        return element.identifier if element is not None else None

    @cached_property
    def parent(self) -> dict[str, str]:
        """Element identifier -> its parent's identifier (people have none)."""
        return {
            e.identifier: e.parent.identifier
            for e in self.elements.values()
            if e.parent is not None
        }

    def lineage(self, identifier: str) -> list[str]:
        """``identifier`` and its ancestors, nearest first."""
        found = [identifier]
        while found[-1] in self.parent:
            found.append(self.parent[found[-1]])
        return found

    def nested(self, a: str, b: str) -> bool:
        """One of ``a`` and ``b`` holds the other (or they are one element):
        the DSL allows no relationship between them, so no step either."""
        return a in self.lineage(b) or b in self.lineage(a)

    def relationships(self) -> dict[tuple[str, str], list[tuple[str, str]]]:
        """(source, target) identifiers -> the (label, technology) of every
        relation between them; none between an element and one it encloses."""
        grouped: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for source, target, label, technology in self.declared:
            a, b = self._endpoint(source), self._endpoint(target)
            if a is None or b is None or self.nested(a, b):
                continue
            grouped.setdefault((a, b), []).append((label, technology))
        return grouped

    def deployment(self) -> dict[str, list[_Node]]:
        """Environment -> its top-level nodes (nested, in document order), with
        the software system or container instance of every hosted component."""
        made: dict[str, _Node] = {}
        for item in self.nodes:
            fields = item.get("fields") or {}
            computed = item.get("computed") or {}
            made[item["id"]] = _Node(
                item_id=item["id"],
                name=_name(item.get("title"), item["id"]),
                technology=_text(fields, "technology"),
                instances=_instances(_text(fields, "instances")),
                environment=_text(computed, "environment") or _text(fields, "environment"),
                instances_of=self._instances_of(_list(fields, "hosts")),
            )
        parents = build_hierarchy(
            {nid: _text(n.get("fields") or {}, "parent") or None for nid, n in self._by_node()}
        ).parent
        environments: dict[str, list[_Node]] = {}
        for node_id, node in made.items():
            parent = parents.get(node_id)
            if parent in made and made[parent].environment == node.environment:
                made[parent].children.append(node)
            else:
                environments.setdefault(node.environment or "Default", []).append(node)
        for top in environments.values():
            _unique_names(top)
        for node in made.values():
            _unique_names(node.children)
        return environments

    def _by_node(self) -> list[tuple[str, dict[str, Any]]]:
        return [(n["id"], n) for n in self.nodes]

    def _instances_of(self, hosted: list[str]) -> list[tuple[str, str]]:
        """(keyword, identifier) of each hosted element, each once: a component
        is deployed as its container (the DSL has no component instances)."""
        found: list[tuple[str, str]] = []
        for item_id in hosted:
            element = self.elements.get(item_id)
            if element is None:
                continue  # not a component of this project: reported by the build
            if element.level == COMPONENT and element.parent is not None:
                element = element.parent
            keyword = "softwareSystemInstance" if element.level == SYSTEM else "containerInstance"
            if (keyword, element.identifier) not in found:
                found.append((keyword, element.identifier))
        return found

    def text(self) -> str:
        lines = [
            f"workspace {dsl_string(self.project)} {dsl_string(_generated_by(self.document))} {{",
            "",
            "    model {",
        ]
        for person in self.people:
            words = [dsl_string(person.name), dsl_string(person.description)]
            if person.tags:
                words.append(dsl_string(",".join(person.tags)))
            lines.append(f"        {person.identifier} = person {' '.join(_trimmed(words))}")
        for root in self.roots:
            _write_element(root, lines, depth=2)
        grouped = self.relationships()
        dynamic = _Dynamic(self, grouped)
        views = [dynamic.view(flow, steps, i) for i, (flow, steps) in enumerate(self.flows)]
        if grouped:
            lines.append("")
        lines.extend(_relationship(a, b, flows) for (a, b), flows in grouped.items())
        environments = self.deployment()
        for environment, nodes in environments.items():
            lines += ["", f"        deploymentEnvironment {dsl_string(environment)} {{"]
            for node in nodes:
                _write_node(node, lines, depth=3)
            lines.append("        }")
        lines += ["    }", "", "    views {"]
        for root in self.roots:
            if "External" not in root.tags:
                lines.extend(_views_of(root))
        for environment in environments:
            key = dsl_string(f"{_IDENTIFIER_CHARS_RE.sub('_', environment)}-Deployment")
            lines += [
                f"        deployment * {dsl_string(environment)} {key} {{",
                "            include *",
                "            autoLayout",
                "        }",
            ]
        for view in views:
            lines.extend(view)
        lines.extend(_STYLES)
        lines += ["    }", "}"]
        return "\n".join(lines) + "\n"


class _Dynamic:
    """One dynamic view per flow, at the one level the DSL allows.

    A dynamic view's scope says what it may show: ``*`` people and software
    systems; a software system its containers too; a container its
    components too.  A flow is drawn with the narrowest scope that holds its
    steps (their ends summarised to that level); a step whose two ends become
    one element, or whose one end holds the other, is left out.  Every step
    needs a relationship, in either direction, between its ends (implied ones
    count): for a step the model has none for, one is added to the model with
    the step's text.
    """

    def __init__(self, space: _Workspace, grouped: dict[tuple[str, str], list[tuple[str, str]]]):
        self.space = space
        self.grouped = grouped
        self.parent = space.parent
        self.level = {e.identifier: e.level for e in space.elements.values()}
        self.connected: set[tuple[str, str]] = set()
        for source, target in grouped:
            self._connect(source, target)
        self.keys = _identifiers(flow["id"] for flow, _ in space.flows)

    def _connect(self, source: str, target: str) -> None:
        """The relationship and every one it implies between the ends' ancestors."""
        space = self.space
        for a in space.lineage(source):
            for b in space.lineage(target):
                if not space.nested(a, b):
                    self.connected.add((a, b))

    def _at(self, identifier: str, level: str) -> str:
        """``identifier`` or its ancestor at ``level`` (people stay people)."""
        wanted = _LEVELS.index(level)
        while (
            identifier in self.level
            and _LEVELS.index(self.level[identifier]) > wanted
            and identifier in self.parent
        ):
            identifier = self.parent[identifier]
        return identifier

    def _scoped(self, ends: set[str]) -> tuple[str, str]:
        """The narrowest (scope identifier or ``*``, level) that holds ``ends``."""
        deep = [e for e in ends if self.level.get(e) in (CONTAINER, COMPONENT)]
        systems = {self._at(e, SYSTEM) for e in deep}
        homes = {self._at(e, CONTAINER) for e in deep if self.level[e] == COMPONENT}
        if len(systems) == 1 and len(homes) == 1 and not homes & ends:
            return homes.pop(), COMPONENT
        if len(systems) == 1 and not systems & ends:
            return systems.pop(), CONTAINER
        return "*", SYSTEM

    def view(self, flow: Mapping[str, Any], steps: list[Step], number: int) -> list[str]:
        endpoints = [
            (self.space._endpoint(s.source), self.space._endpoint(s.target), s) for s in steps
        ]
        known = [
            (a, b, s)
            for a, b, s in endpoints
            if a is not None and b is not None and not self.space.nested(a, b)
        ]
        if not known:
            return []
        scope, level = self._scoped({end for a, b, _ in known for end in (a, b)})
        lines: list[str] = []
        for a, b, step in known:
            source, target = self._at(a, level), self._at(b, level)
            if scope in (source, target) or self.space.nested(source, target):
                continue
            if (source, target) not in self.connected and (target, source) not in self.connected:
                request = (target, source) if step.reply else (source, target)
                self.grouped[request] = [(step.what, "")]
                self._connect(*request)
            lines.append(f"            {source} -> {target} {dsl_string(step.what)}")
        if not lines:
            return []
        key = dsl_string(f"{self.keys[flow['id']]}-Dynamic")
        title = dsl_string(str(flow.get("title") or flow["id"]))
        return [
            f"        dynamic {scope} {key} {title} {{",
            *lines,
            "            autoLayout",
            "        }",
        ]


def _relationship(source: str, target: str, flows: list[tuple[str, str]]) -> str:
    labels = unique_texts(label for label, _ in flows)
    technologies = unique_texts(technology for _, technology in flows)
    statement = f"        {source} -> {target}"
    if labels or technologies:
        statement += f" {dsl_string('; '.join(labels))}"
    if technologies:
        statement += f" {dsl_string(', '.join(technologies))}"
    return statement


def _views_of(system: _Element) -> list[str]:
    """A system context view, a container view, a component view per container."""
    lines = _view("systemContext", system, "SystemContext")
    if system.children:
        lines += _view("container", system, "Containers")
    for container in system.children:
        if container.children:
            lines += _view("component", container, "Components")
    return lines


def _generated_by(document: Mapping[str, Any]) -> str:
    generator = str(document.get("generator") or "sphinx-archdoc")
    version = str(document.get("version") or "")
    return f"Exported from archdoc.json ({generator}){', version ' + version if version else ''}"


def _trimmed(words: list[str]) -> list[str]:
    """Without trailing empty optional properties (the name always stays)."""
    while len(words) > 1 and words[-1] == '""':
        words = words[:-1]
    return words


def _write_element(element: _Element, lines: list[str], depth: int) -> None:
    indent = "    " * depth
    words = [dsl_string(element.name), dsl_string(element.description)]
    if element.level != SYSTEM:
        words.append(dsl_string(element.technology))
    if element.tags:
        words.append(dsl_string(",".join(element.tags)))
    statement = f"{indent}{element.identifier} = {element.level} {' '.join(_trimmed(words))}"
    has_body = bool(element.children) or bool(element.item_id)
    if not has_body:
        lines.append(statement)
        return
    lines.append(statement + " {")
    if element.item_id:
        lines.append(f"{indent}    properties {{")
        lines.append(f'{indent}        "archdoc.id" {dsl_string(element.item_id)}')
        lines.append(f"{indent}    }}")
    _unique_names(element.children)
    for child in element.children:
        _write_element(child, lines, depth + 1)
    lines.append(f"{indent}}}")


def _view(kind: str, element: _Element, suffix: str) -> list[str]:
    key = dsl_string(f"{element.identifier}-{suffix}")
    return [
        f"        {kind} {element.identifier} {key} {{",
        "            include *",
        "            autoLayout",
        "        }",
    ]


_STYLES = [
    "        styles {",
    '            element "Person" {',
    "                shape Person",
    "            }",
    '            element "External" {',
    "                background #999999",
    "                color #ffffff",
    "            }",
    '            element "Inactive" {',
    "                border dashed",
    "            }",
    "        }",
]
