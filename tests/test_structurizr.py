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

from hypothesis import given
from hypothesis import strategies as st

from sphinx_archdoc.cli import main
from sphinx_archdoc.core.structurizr import dsl_string, workspace

DATA = Path(__file__).parent / "data" / "structurizr"
IDENTIFIER_RE = re.compile(r"^[A-Za-z0-9_]+$")
ELEMENT_RE = re.compile(r"^(\w+) = (person|softwareSystem|container|component) ")
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
    depth = 0
    defined: set[str] = set()
    names: dict[tuple[str, ...], set[str]] = {}
    scopes: list[str] = []
    pairs: set[tuple[str, str]] = set()
    enclosing: dict[str, list[str]] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        tokens = tokenize(line)
        if line == "}":
            depth -= 1
            scopes.pop()
            assert depth >= 0
            continue
        assert "}" not in tokens, raw  # a closing brace stands on a line of its own
        element = ELEMENT_RE.match(line)
        if element:
            identifier = element.group(1)
            assert IDENTIFIER_RE.match(identifier), identifier
            assert identifier.lower() not in defined, f"identifier used twice: {identifier}"
            defined.add(identifier.lower())
            enclosing[identifier] = [s[8:] for s in scopes if s.startswith("element:")]
            parent = tuple(s for s in scopes if s.startswith("element:"))
            level = element.group(2)
            key = parent if level in ("container", "component") else ("top",)
            name = tokens[3].lower()
            assert name not in names.setdefault(key, set()), f"name used twice: {name}"
            names[key].add(name)
        relation = RELATION_RE.match(line)
        if relation:
            for identifier in relation.groups():
                assert identifier.lower() in defined, f"used before it is defined: {identifier}"
            assert relation.groups() not in pairs
            source, target = relation.groups()
            # No relationship between an element and one it encloses.
            assert source not in enclosing[target]
            assert target not in enclosing[source]
            pairs.add(relation.groups())
        if tokens[-1] == "{":
            depth += 1
            scopes.append(f"element:{element.group(1)}" if element else tokens[0])
    assert depth == 0


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
)
def test_any_model_gives_a_workspace_that_follows_the_language_rules(elements, links):
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
    check_structure(workspace({"project": "P", "items": items}))
