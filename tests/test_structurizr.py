"""``sphinx-archdoc export --format structurizr``: archdoc.json as Structurizr DSL.

No parser of the DSL installs from the package registries this project uses
(the reference parser is Java, published only on Maven Central), so the
output is checked three ways: against a golden file, against the rules the
language reference states (identifiers, no forward references, balanced
braces on lines of their own, unique names and relationship descriptions),
and by tokenizing every line the way the reference tokenizer does (a quoted
token ends at the first unescaped double quote; a line whose last token is
``{`` opens a block), so no user text can change the structure.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from sphinx_archdoc.cli import main
from sphinx_archdoc.core.structurizr import dsl_string, workspace

DATA = Path(__file__).parent / "data" / "structurizr"
IDENTIFIER_RE = re.compile(r"^[A-Za-z0-9_]+$")
ELEMENT_RE = re.compile(r"^(\w+) = (person|softwareSystem|container|component)(?: |$)")
RELATION_RE = re.compile(r"^(\w+) -> (\w+)(?: |$)")


def tokenize(line: str) -> list[str]:
    """Split one DSL line into tokens as the reference tokenizer does."""
    tokens: list[str] = []
    token: list[str] | None = None
    quoted = False
    line = line.strip()
    for i, char in enumerate(line):
        if token is None:
            if char == '"':
                token, quoted = [], True
            elif not char.isspace():
                token, quoted = [char], False
        elif char == '"' and line[i - 1] == "\\":
            token.append(char)
        elif quoted and char == '"':
            tokens.append("".join(token))
            token, quoted = None, False
        elif not quoted and char.isspace():
            tokens.append("".join(token))
            token = None
        else:
            token.append(char)
    if token is not None:
        tokens.append("".join(token))
    return tokens


def check_structure(text: str) -> None:
    """The rules of the language reference that a workspace must follow."""
    checker = _Checker()
    for raw in text.splitlines():
        if raw.strip():
            checker.line(raw)
    assert checker.depth == 0
    _check_dynamic_steps(checker.dynamic_steps, checker.levels, checker.enclosing, checker.pairs)


class _Checker:
    """Reads a workspace line by line, keeping what the rules need."""

    def __init__(self) -> None:
        self.depth = 0
        self.defined: set[str] = set()
        self.levels: dict[str, str] = {}
        self.names: dict[tuple[str, ...], set[str]] = {}
        self.scopes: list[str] = []
        self.pairs: set[tuple[str, str]] = set()
        self.enclosing: dict[str, list[str]] = {}
        self.environments: set[str] = set()
        self.dynamic_steps: list[tuple[str, str, str]] = []

    def line(self, raw: str) -> None:
        line = raw.strip()
        tokens = tokenize(line)
        if line == "}":
            self.depth -= 1
            self.scopes.pop()
            assert self.depth >= 0
            return
        assert "}" not in tokens, raw  # a closing brace stands on a line of its own
        element = ELEMENT_RE.match(line)
        relation = RELATION_RE.match(line)
        block = self.scopes[-1] if self.scopes else ""
        if element:
            self.element(element.group(1), element.group(2), tokens)
        elif relation and block.startswith("dynamic"):
            self.dynamic_steps.append((block.split(" ", 1)[1], *relation.groups()))
        elif relation:
            self.relation(relation.group(1), relation.group(2))
        else:
            self.deployment(tokens, block, raw)
        if tokens[-1] == "{":
            self.depth += 1
            if element:
                self.scopes.append(f"element:{element.group(1)}")
            elif tokens[0] in ("dynamic", "deploymentEnvironment", "deploymentNode"):
                self.scopes.append(f"{tokens[0]} {tokens[1]}")
            else:
                self.scopes.append(tokens[0])

    def element(self, identifier: str, level: str, tokens: list[str]) -> None:
        assert IDENTIFIER_RE.match(identifier), identifier
        assert identifier.lower() not in self.defined, f"identifier used twice: {identifier}"
        self.defined.add(identifier.lower())
        self.levels[identifier] = level
        self.enclosing[identifier] = [s[8:] for s in self.scopes if s.startswith("element:")]
        parent = tuple(s for s in self.scopes if s.startswith("element:"))
        key = parent if level in ("container", "component") else ("top",)
        name = tokens[3].lower()
        assert name not in self.names.setdefault(key, set()), f"name used twice: {name}"
        self.names[key].add(name)

    def relation(self, source: str, target: str) -> None:
        for identifier in (source, target):
            assert identifier.lower() in self.defined, f"used before it is defined: {identifier}"
        assert (source, target) not in self.pairs
        # No relationship between an element and one it encloses.
        assert source not in self.enclosing[target]
        assert target not in self.enclosing[source]
        self.pairs.add((source, target))

    def deployment(self, tokens: list[str], block: str, raw: str) -> None:
        """Environments, nodes (names unique among siblings), instances, views."""
        if tokens[0] == "deploymentEnvironment":
            assert block == "model"
            assert tokens[1] not in self.environments, f"environment used twice: {tokens[1]}"
            self.environments.add(tokens[1])
        elif tokens[0] == "deploymentNode":
            assert block.startswith(("deploymentEnvironment", "deploymentNode")), raw
            siblings = self.names.setdefault(tuple(self.scopes), set())
            assert tokens[1].lower() not in siblings, f"node name used twice: {tokens[1]}"
            siblings.add(tokens[1].lower())
            if len(tokens) > 6:
                assert re.fullmatch(r"\d+(\.\.\d+)?", tokens[5]), f"instances: {tokens[5]}"
        elif tokens[0] in ("containerInstance", "softwareSystemInstance"):
            assert block.startswith("deploymentNode"), raw
            wanted = "container" if tokens[0] == "containerInstance" else "softwareSystem"
            found = self.levels.get(tokens[1])
            assert found == wanted, f"{tokens[0]} of a {found}"
        elif tokens[0] == "deployment":
            assert tokens[1] == "*"
            assert tokens[2] in self.environments, f"no environment {tokens[2]}"


def _check_dynamic_steps(
    steps: list[tuple[str, str, str]],
    levels: dict[str, str],
    enclosing: dict[str, list[str]],
    pairs: set[tuple[str, str]],
) -> None:
    """Each step is allowed by its view's scope, and a relationship, declared
    or implied (between the ends' ancestors), joins its ends in either direction."""

    def lineage(identifier: str) -> list[str]:
        return [identifier, *reversed(enclosing.get(identifier, []))]

    implied = {
        (a, b)
        for source, target in pairs
        for a in lineage(source)
        for b in lineage(target)
        if a != b and a not in lineage(b) and b not in lineage(a)
    }
    allowed = {
        "*": {"person", "softwareSystem"},
        "softwareSystem": {"person", "softwareSystem", "container"},
        "container": {"person", "softwareSystem", "container", "component"},
    }
    for scope, source, target in steps:
        kind = "*" if scope == "*" else levels[scope]
        for end in (source, target):
            assert end != scope, f"the scope {scope} is in its own dynamic view"
            assert levels[end] in allowed[kind], f"a {levels[end]} in a {kind} dynamic view"
            if kind == "softwareSystem" and levels[end] == "container":
                assert enclosing[end][-1] == scope, f"{end} is not a container of {scope}"
            if levels[end] == "component":
                assert enclosing[end][-1] == scope, f"{end} is not a component of {scope}"
        assert (source, target) in implied or (target, source) in implied, (
            f"no relationship between {source} and {target}"
        )


def test_the_workspace_matches_the_golden_file():
    document = json.loads((DATA / "archdoc.json").read_text(encoding="utf-8"))
    expected = (DATA / "workspace.dsl").read_text(encoding="utf-8")
    assert workspace(document) == expected


def test_the_golden_workspace_follows_the_language_rules():
    check_structure((DATA / "workspace.dsl").read_text(encoding="utf-8"))


def test_the_hierarchy_is_nested_three_levels_and_deeper_parts_are_summarised():
    text = (DATA / "workspace.dsl").read_text(encoding="utf-8")
    assert '        shop = softwareSystem "Web Shop" "Sells things online" {' in text
    assert '            api = container "API" "" "Python/FastAPI" {' in text
    assert '                orders = component "Orders" "Takes orders" {' in text
    # pdf (a part of billing, one level too deep) is drawn as billing: its
    # relation is billing's, merged with billing's own to the same system.
    assert "pdf" not in text
    assert '        billing -> payments "Sends \'invoices\' weekly {; Charges cards" "REST"' in text


def test_people_relations_and_views_are_written():
    text = (DATA / "workspace.dsl").read_text(encoding="utf-8")
    assert '        customer = person "Customer" "Buys things"' in text
    assert '        web -> orders "Places orders" "JSON/HTTPS"' in text
    assert "        customer -> web" in text
    # A relation and a :depends-on: between the same pair are one relationship.
    assert text.count("api -> db") == 1
    # A relation between an element and its own system is not allowed by the DSL.
    assert "orders -> shop" not in text
    assert '        systemContext shop "shop-SystemContext" {' in text
    assert '        container shop "shop-Containers" {' in text
    assert '        component api "api-Components" {' in text
    # External systems get no views of their own.
    assert "systemContext payments" not in text


def test_top_level_components_that_are_not_systems_go_into_the_project_system():
    text = (DATA / "workspace.dsl").read_text(encoding="utf-8")
    assert '        system = softwareSystem "Shop" {' in text
    # An ID spelled like a DSL keyword gets a suffix; a repeated title is kept apart.
    assert '            Workspace_ = container "Reporting" {' in text
    assert '            API2 = container "API" {' in text
    assert '        crm_accounts = softwareSystem "crm:accounts" "" "External" {' in text


def test_repeated_names_stay_unique_whatever_the_ids():
    items = [
        {"kind": "component", "id": i, "title": t, "fields": {"type": "system"}}
        for i, t in (("a", "a"), ("A", "a"), ("x", "a (a)"))
    ]
    text = workspace({"project": "P", "items": items})
    check_structure(text)
    names = re.findall(r'= softwareSystem "([^"]*)"', text)
    assert len({n.lower() for n in names}) == len(names) == 3


def test_export_command_prints_the_workspace(capsys, tmp_path):
    assert main(["export", "--format", "structurizr", str(DATA / "archdoc.json")]) == 0
    assert capsys.readouterr().out == (DATA / "workspace.dsl").read_text(encoding="utf-8")
    target = tmp_path / "workspace.dsl"
    assert (
        main(["export", "--format", "structurizr", str(DATA / "archdoc.json"), "-o", str(target)])
        == 0
    )
    assert target.read_text(encoding="utf-8") == (DATA / "workspace.dsl").read_text(
        encoding="utf-8"
    )


def test_export_command_reports_a_bad_file_and_exits_2(capsys, tmp_path):
    missing = tmp_path / "nothing.json"
    assert main(["export", "--format", "structurizr", str(missing)]) == 2
    assert "sphinx-archdoc export: error: cannot read" in capsys.readouterr().err
    broken = tmp_path / "archdoc.json"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["export", "--format", "structurizr", str(broken)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    broken.write_text('{"schema_version": 99, "items": []}', encoding="utf-8")
    assert main(["export", "--format", "structurizr", str(broken)]) == 2
    assert "unsupported schema_version 99" in capsys.readouterr().err


@given(st.text())
def test_no_user_text_can_end_a_string_or_start_a_block(text):
    quoted = dsl_string(text)
    tokens = tokenize(f"a -> b {quoted} {quoted}")
    assert len(tokens) == 5
    assert tokens[3] not in ("{", "}")
    assert "${" not in tokens[3]
    assert "\n" not in tokens[3]


@given(
    st.lists(
        st.tuples(
            st.text(alphabet="abAB-._:", min_size=1, max_size=6),
            st.text(max_size=12),
            st.sampled_from(["", "system", "container"]),
        ),
        max_size=12,
        unique_by=lambda t: t[0],
    ),
    st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11), st.text(max_size=8))),
    st.lists(
        st.tuples(st.text(max_size=6), st.integers(0, 5), st.lists(st.integers(0, 11))),
        max_size=6,
    ),
    st.lists(
        st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12), st.booleans()), max_size=5),
        max_size=3,
    ),
)
# A flow step from an element to one that holds it: A > ":" > "::" > "B".
@example(
    elements=[(":::", "", ""), ("B", "", ""), ("::", "", ""), ("A", "", ""), (":", "", "")],
    links=[],
    nodes=[],
    flows=[[(1, 3, False)], [(3, 1, True)]],
)
# Names that differ only in what a DSL string cleans away (blanks, control characters).
@example(
    elements=[("a", " ", ""), ("b", "\x1f", "")],
    links=[],
    nodes=[("", 0, []), (" ", 0, []), ("\x1f", 0, [])],
    flows=[],
)
def test_any_model_gives_a_workspace_that_follows_the_language_rules(elements, links, nodes, flows):
    ids = [e[0] for e in elements]
    items = [
        {
            "kind": "component",
            "id": item_id,
            "title": title or item_id,
            "fields": {"type": kind, "parent": ids[(i * 7) % len(ids)] if i % 3 else ""},
        }
        for i, (item_id, title, kind) in enumerate(elements)
    ]
    if ids:
        items += [
            {
                "kind": "relation",
                "id": "",
                "fields": {
                    "source": ids[a % len(ids)],
                    "target": ids[b % len(ids)],
                    "label": label,
                },
            }
            for a, b, label in links
        ]
    # Nodes nest by index (a parent may come later, or be missing), titles repeat.
    for n, (title, parent, hosted) in enumerate(nodes):
        fields = {
            "parent": f"node{parent}",
            "hosts": [ids[h % len(ids)] for h in hosted] if ids else [],
            "instances": f"{n + 1}-{n + 2}" if n % 2 else "x",
        }
        computed = {"environment": "production" if n % 3 else "staging"}
        items.append(
            {
                "kind": "deployment-node",
                "id": f"node{n}",
                "title": title,
                "fields": fields,
                "computed": computed,
            }
        )
    # Steps between any elements (the last index is another project's), replies too.
    ends = [*ids, "other:thing"]
    for f, steps in enumerate(flows):
        lines = [
            f"{ends[a % len(ends)]} {'-->' if reply else '->'} {ends[b % len(ends)]}: step"
            for a, b, reply in steps
        ]
        items.append({"kind": "flow", "id": f"flow{f}", "title": "", "fields": {"steps": lines}})
    check_structure(workspace({"project": "P", "items": items}))


def test_deployment_environments_hold_nested_nodes_with_instances():
    text = (DATA / "workspace.dsl").read_text(encoding="utf-8")
    assert '        deploymentEnvironment "production" {' in text
    assert '            deploymentNode "AWS eu-west-1" "" "Amazon Web Services" {' in text
    # Nested as declared; a range of instances is written 3..10; user text stays one string.
    assert (
        '                deploymentNode "Kubernetes \'cluster\' {" "" "EKS 1.29" "" "3..10" {'
        in (text)
    )
    # orders is a component of api: the API's container instance runs it (once).
    k8s = text.split('"archdoc.id" "k8s"')[1].split("}")[1]
    assert [line.strip() for line in k8s.strip().splitlines()] == [
        "containerInstance web",
        "containerInstance api",
        "containerInstance admin_ui",
    ]
    # Sibling nodes with one title are kept apart; a bad instance count is left out.
    assert (
        '                deploymentNode "Database server (rds)" "" "PostgreSQL 16" "" "2" {' in text
    )
    assert '                deploymentNode "Database server (rds-2)" {' in text
    # A hosted software system is a software system instance; an unknown ID is left out.
    assert "                softwareSystemInstance payments" in text
    assert "ghost" not in text
    assert '        deployment * "production" "production-Deployment" {' in text
    assert '        deployment * "staging" "staging-Deployment" {' in text


def test_one_dynamic_view_per_flow_with_its_steps_in_order():
    text = (DATA / "workspace.dsl").read_text(encoding="utf-8")
    checkout = text.split('dynamic api "checkout-Dynamic" "Checkout" {')[1].split("}")[0]
    # Components of one container: the container is the scope; the reply is a
    # step back along the same relationship; an unknown element's step is left out.
    assert [line.strip() for line in checkout.strip().splitlines()] == [
        "customer -> web \"Opens the 'cart' {\"",
        'web -> orders "Places the order"',
        'orders -> db "Stores the order"',
        'db -> orders "Order number"',
        'orders -> web "Confirms"',
        "autoLayout",
    ]
    # Containers of two systems (one of them another project's): drawn as systems,
    # and the step the model has no relationship for adds one.
    report = text.split('dynamic * "monthly_report-Dynamic" "Monthly report" {')[1].split("}")[0]
    assert [line.strip() for line in report.strip().splitlines()][:3] == [
        'system -> crm_accounts "Reads the accounts"',
        'system -> shop "Reads last month\'s orders"',
        'crm_accounts -> system "Accounts"',
    ]
    assert '        system -> shop "Reads last month\'s orders"' in text
    # A flow whose steps all stay inside one element at any level has no view.
    assert "Inside the API" not in text


def test_a_step_between_an_element_and_one_that_holds_it_is_left_out():
    def component(item_id: str, kind: str, parent: str = "") -> dict:
        return {
            "kind": "component",
            "id": item_id,
            "title": item_id,
            "fields": {"type": kind, "parent": parent},
        }

    steps = ["orders -> shop: Asks its own system", "orders -> db: Stores", "db --> orders: Done"]
    text = workspace(
        {
            "project": "P",
            "items": [
                component("shop", "system"),
                component("api", "container", "shop"),
                component("orders", "component", "api"),
                component("db", "container", "shop"),
                {"kind": "flow", "id": "save", "title": "Save", "fields": {"steps": steps}},
            ],
        }
    )
    check_structure(text)
    # The other steps keep the narrowest scope: the container of the component.
    view = text.split('dynamic api "save-Dynamic" "Save" {')[1].split("}")[0]
    assert [line.strip() for line in view.strip().splitlines()] == [
        'orders -> db "Stores"',
        'db -> orders "Done"',
        "autoLayout",
    ]
    assert "-> shop" not in text
