"""The building-block hierarchy and the C4 views over it (pure, no Sphinx build).

The property tests state the implied-relationship rule for any hierarchy and
any relations: in every view, a declared relation whose two ends both have a
visible ancestor-or-self is drawn exactly once, between those, unless they are
the same box or one encloses the other; nothing else is drawn.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import mermaid_shown
from sphinx_archdoc.core.c4_mermaid import Box, legend, too_large, view_mermaid
from sphinx_archdoc.core.c4views import (
    Relation,
    View,
    context_view,
    flat_view,
    implied_edges,
    nearest_visible,
    scope_view,
)
from sphinx_archdoc.core.hierarchy import UpsideDown, assemble_hierarchy, build_hierarchy

TYPES = ("system", "container", "component")

# A small C4 model: one system with two containers and their components, a
# person, an external system.
MODEL = {
    "shop": None,
    "web": "shop",
    "api": "shop",
    "orders": "api",
    "billing": "api",
    "db": "shop",
    "payments": None,
    "customer": None,
}
RELATIONS = (
    Relation("customer", "web", "Browses", "HTTPS"),
    Relation("web", "orders", "Places orders", "JSON/HTTPS"),
    Relation("orders", "db", "Stores orders", "SQL"),
    Relation("billing", "db", "Reads orders", "SQL"),
    Relation("billing", "payments", "Charges cards", "REST"),
    Relation("orders", "billing", "Requests invoice"),
)
ORDER = {element: i for i, element in enumerate(MODEL)}


def edges_of(view: View) -> list[tuple[str, str, str]]:
    return [(e.source, e.target, e.label) for e in view.edges]


# -- hierarchy ------------------------------------------------------------------


def test_children_and_ancestors_are_computed_nearest_first():
    hierarchy = build_hierarchy(MODEL)
    assert hierarchy.children["shop"] == ("web", "api", "db")
    assert hierarchy.children["api"] == ("orders", "billing")
    assert hierarchy.ancestors["orders"] == ("api", "shop")
    assert hierarchy.ancestors["shop"] == ()
    assert hierarchy.descendants("shop") == ["web", "api", "orders", "billing", "db"]


def test_an_unknown_parent_is_reported_and_the_element_is_top_level():
    hierarchy = build_hierarchy({"a": "nowhere", "b": None})
    assert hierarchy.unknown_parents == (("a", "nowhere"),)
    assert hierarchy.ancestors["a"] == ()


def test_a_parent_cycle_is_reported_once_and_not_followed():
    hierarchy = build_hierarchy({"x": None, "c": "a", "a": "b", "b": "c", "d": "a", "s": "s"})
    assert hierarchy.cycles == (("c", "a", "b"), ("s",))
    # The members are top level; an element below the cycle still has ancestors.
    assert hierarchy.ancestors["a"] == ()
    assert hierarchy.ancestors["d"] == ("a",)
    assert hierarchy.children == {"a": ("d",)}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from("abcdefghij"),
            st.one_of(st.none(), st.sampled_from("abcdefghijz")),
            st.sampled_from(("system", "container", "component", "other")),
        ),
        unique_by=lambda entry: entry[0],
    )
)
def test_any_order_gives_the_hierarchy_the_parent_links_define(declared_list):
    """In any order of the elements (children before parents, cycles, unknown
    parents), the ancestors are the parent chain up to a root or a cycle, every
    element has an entry in the given order, and the caller's own reverse of
    the parent links gives the same hierarchy as :func:`build_hierarchy`."""
    declared = {element: parent for element, parent, _type in declared_list}
    types = {element: kind for element, _parent, kind in declared_list}
    built = build_hierarchy(declared, types=types, type_order=TYPES)
    named_by: dict[str, list[str]] = {}
    for element, parent in declared.items():
        if parent:
            named_by.setdefault(parent, []).append(element)
    parent_of = {element: parent for element, parent in declared.items() if parent}
    assembled = assemble_hierarchy(declared, parent_of, named_by, types=types, type_order=TYPES)
    assert assembled == built
    assert list(built.ancestors) == list(declared)
    in_cycles = {member for cycle in built.cycles for member in cycle}
    for element in declared:
        chain, current = [], element
        while current not in in_cycles and declared.get(current) in declared:
            current = declared[current]
            chain.append(current)
        assert built.ancestors[element] == tuple(chain)
        for child in built.children.get(element, ()):
            assert built.parent[child] == element


def test_a_parent_whose_type_is_not_above_the_child_is_upside_down():
    hierarchy = build_hierarchy(
        {"sys": None, "box": "sys", "part": "box", "odd": "part", "twin": "box"},
        types={
            "sys": "system",
            "box": "container",
            "part": "component",
            "odd": "system",
            "twin": "container",
        },
        type_order=TYPES,
    )
    assert hierarchy.upside_down == (
        UpsideDown("odd", "part", "system", "component"),
        UpsideDown("twin", "box", "container", "container"),
    )


# -- views ------------------------------------------------------------------------


def test_a_container_view_shows_the_children_and_who_talks_to_them():
    view = scope_view("shop", RELATIONS, build_hierarchy(MODEL), ORDER)
    assert view.boundary == "shop"
    assert view.boxes == ("web", "api", "db")
    assert view.around == ("payments", "customer")
    assert edges_of(view) == [
        ("web", "api", "Places orders"),
        ("api", "db", "Stores orders; Reads orders"),
        ("api", "payments", "Charges cards"),
        ("customer", "web", "Browses"),
    ]
    api_to_db = view.edges[1]
    assert api_to_db.technology == "SQL"


def test_a_component_view_draws_outside_elements_at_the_level_of_the_scope():
    view = scope_view("api", RELATIONS, build_hierarchy(MODEL), ORDER)
    assert view.boundary == "api"
    assert view.boxes == ("orders", "billing")
    # web and db are siblings of api; payments is a sibling of api's system.
    assert view.around == ("web", "db", "payments")
    assert edges_of(view) == [
        ("web", "orders", "Places orders"),
        ("orders", "billing", "Requests invoice"),
        ("orders", "db", "Stores orders"),
        ("billing", "db", "Reads orders"),
        ("billing", "payments", "Charges cards"),
    ]


def test_a_context_view_draws_the_scope_as_one_box():
    view = context_view("shop", RELATIONS, build_hierarchy(MODEL), ORDER)
    assert view.boxes == ("shop",)
    assert edges_of(view) == [
        ("shop", "payments", "Charges cards"),
        ("customer", "shop", "Browses"),
    ]


def test_more_than_three_relations_on_one_edge_are_counted():
    relations = [Relation("a1", "b", f"call {i}", "gRPC") for i in range(4)]
    hierarchy = build_hierarchy({"a": None, "a1": "a", "b": None})
    (edge,) = implied_edges(relations, {"a", "b"}, hierarchy, {})
    assert edge.label == "4 relations"
    assert edge.technology == ""
    (three,) = implied_edges(relations[:3], {"a", "b"}, hierarchy, {})
    assert three.label == "call 0; call 1; call 2"
    assert three.technology == "gRPC"


def test_a_flat_view_summarises_chosen_children_into_their_chosen_parent():
    hierarchy = build_hierarchy(MODEL)
    view = flat_view(["shop", "web", "payments", "customer"], RELATIONS, hierarchy, ORDER)
    assert view.boxes == ("shop", "payments", "customer")
    assert edges_of(view) == [
        ("shop", "payments", "Charges cards"),
        ("customer", "shop", "Browses"),
    ]


def test_a_flat_view_draws_partners_that_talk_to_its_boxes():
    hierarchy = build_hierarchy(MODEL)
    view = flat_view(["api"], RELATIONS, hierarchy, ORDER, partners=["customer", "payments"])
    # customer talks only to web, which is not shown: it is left out.
    assert view.around == ("payments",)
    assert edges_of(view) == [("api", "payments", "Charges cards")]


def test_the_boundarys_own_relations_are_left_out_where_its_insides_imply_them():
    hierarchy = build_hierarchy(MODEL)
    relations = (
        *RELATIONS,
        # The container's own unlabelled dependencies (:depends-on: on api).
        Relation("api", "db"),
        Relation("api", "payments"),
        # ... one that nothing inside api implies, and one the other way.
        Relation("api", "web"),
        Relation("db", "api", "Notifies"),
    )
    view = scope_view("api", relations, hierarchy, ORDER)
    assert edges_of(view) == [
        ("web", "orders", "Places orders"),
        ("api", "web", ""),
        ("orders", "billing", "Requests invoice"),
        ("orders", "db", "Stores orders"),
        ("billing", "db", "Reads orders"),
        ("billing", "payments", "Charges cards"),
        ("db", "api", "Notifies"),
    ]
    # One level up, api is a box again and its own relations merge into its edges.
    container_view = scope_view("shop", relations, hierarchy, ORDER)
    assert ("api", "db", "Stores orders; Reads orders") in edges_of(container_view)
    assert ("api", "web", "") in edges_of(container_view)


def test_a_filtered_scope_view_leaves_out_boxes_and_their_relations():
    hierarchy = build_hierarchy(MODEL)
    relations = (*RELATIONS, Relation("shop", "payments"))
    # Without the database (:layer: !data): its arrows go with it, not to the boundary.
    view = scope_view("api", relations, hierarchy, ORDER, keep=lambda e: e != "db")
    assert view.around == ("web", "payments")
    assert edges_of(view) == [
        ("web", "orders", "Places orders"),
        ("orders", "billing", "Requests invoice"),
        ("billing", "payments", "Charges cards"),
    ]
    # Without billing, nothing inside implies shop's own relation to payments.
    view = scope_view("shop", relations, hierarchy, ORDER, keep=lambda e: e not in ("api",))
    assert view.boxes == ("web", "db")
    assert view.around == ("payments", "customer")
    assert edges_of(view) == [("shop", "payments", ""), ("customer", "web", "Browses")]
    # The scope itself is always drawn; an outside box left without an arrow goes.
    context = context_view("shop", relations, hierarchy, ORDER, keep=lambda e: e != "customer")
    assert context.boxes == ("shop",)
    assert edges_of(context) == [("shop", "payments", "Charges cards")]
    assert edges_of(context_view("shop", relations, hierarchy, ORDER, keep=lambda e: False)) == []


def test_a_relation_with_an_enclosing_element_is_never_drawn():
    hierarchy = build_hierarchy(MODEL)
    relations = [Relation("orders", "shop", "reports to"), Relation("orders", "api", "x")]
    assert scope_view("shop", relations, hierarchy, ORDER).edges == ()
    assert scope_view("api", relations, hierarchy, ORDER).edges == ()
    assert scope_view("api", relations, hierarchy, ORDER).around == ()


# -- properties ---------------------------------------------------------------------


@st.composite
def models(draw: st.DrawFn) -> tuple[dict[str, str | None], list[Relation]]:
    """A random forest (each element's parent comes earlier) and random relations."""
    size = draw(st.integers(min_value=1, max_value=14))
    names = [f"e{i}" for i in range(size)]
    declared: dict[str, str | None] = {}
    for i, name in enumerate(names):
        parent = draw(st.one_of(st.none(), st.sampled_from(names[:i]))) if i else None
        declared[name] = parent
    pairs = draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)), max_size=20))
    relations = [Relation(a, b, f"r{i}") for i, (a, b) in enumerate(pairs)]
    return declared, relations


def assert_implied_rule(view: View, relations: list[Relation], declared: dict) -> None:
    hierarchy = build_hierarchy(declared)
    visible = set(view.visible) | ({view.boundary} if view.boundary else set())
    seen: dict[Relation, int] = {}
    pairs = [(e.source, e.target) for e in view.edges]
    assert len(pairs) == len(set(pairs)), "one edge per visible pair"
    for edge in view.edges:
        assert edge.source != edge.target, "no self-edges"
        assert edge.source in visible
        assert edge.target in visible
        for relation in edge.relations:
            seen[relation] = seen.get(relation, 0) + 1
            assert nearest_visible(relation.source, visible, hierarchy) == edge.source
            assert nearest_visible(relation.target, visible, hierarchy) == edge.target

    def drawn_ends(relation: Relation) -> tuple[str, str] | None:
        source = nearest_visible(relation.source, visible, hierarchy)
        target = nearest_visible(relation.target, visible, hierarchy)
        if source is None or target is None or source == target:
            return None
        if hierarchy.is_ancestor(source, target) or hierarchy.is_ancestor(target, source):
            return None
        return source, target

    ends = [drawn_ends(relation) for relation in relations]
    inside = set(view.boxes) if view.boundary else set()
    from_inside = {e[1] for e in ends if e is not None and e[0] in inside}
    into_inside = {e[0] for e in ends if e is not None and e[1] in inside}
    for relation, drawn in zip(relations, ends, strict=True):
        # The boundary's own relation is implied by one from inside to the same box.
        implied = drawn is not None and (
            (drawn[0] == view.boundary and drawn[1] in from_inside)
            or (drawn[1] == view.boundary and drawn[0] in into_inside)
        )
        assert seen.get(relation, 0) == (1 if drawn and not implied else 0), relation


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(models(), st.data())
def test_every_relation_is_drawn_once_in_every_view(model, data):
    declared, relations = model
    hierarchy = build_hierarchy(declared)
    order = {name: i for i, name in enumerate(declared)}
    scope = data.draw(st.sampled_from(list(declared)))
    for view in (
        scope_view(scope, relations, hierarchy, order),
        context_view(scope, relations, hierarchy, order),
        flat_view(
            data.draw(st.sets(st.sampled_from(list(declared)))),
            relations,
            hierarchy,
            order,
            partners=data.draw(st.sets(st.sampled_from(list(declared)))),
        ),
    ):
        assert_implied_rule(view, relations, declared)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(models(), st.data())
def test_a_scope_view_shows_every_outside_partner_of_its_contents(model, data):
    declared, relations = model
    hierarchy = build_hierarchy(declared)
    order = {name: i for i, name in enumerate(declared)}
    scope = data.draw(st.sampled_from(list(declared)))
    view = scope_view(scope, relations, hierarchy, order)
    inside = {scope, *hierarchy.descendants(scope)}
    enclosing = set(hierarchy.ancestors[scope])
    for relation in relations:
        ends = {relation.source, relation.target}
        outside = ends - inside
        if len(outside) == 1 and ends & inside and not outside & enclosing:
            (other,) = outside
            # The partner is drawn, as itself or as its ancestor at the scope's level.
            assert nearest_visible(other, set(view.around), hierarchy) is not None
            partner = nearest_visible(other, set(view.around), hierarchy)
            # ... and so the relation is drawn, or, when it is the scope's own
            # relation in a whitebox view, an edge from inside stands for it.
            drawn = any(relation in edge.relations for edge in view.edges)
            own = view.boundary == scope and scope in ends
            stands_for = any(
                edge.source in view.boxes and edge.target == partner
                if relation.source == scope
                else edge.target in view.boxes and edge.source == partner
                for edge in view.edges
            )
            assert drawn != (own and stands_for)
    # Every box drawn around the scope sits beside the scope or one of its ancestors.
    for element in view.around:
        assert hierarchy.parent.get(element) in enclosing | {None}
        assert element not in inside


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(models(), st.data())
def test_a_filtered_view_draws_what_the_filter_keeps_by_the_same_rules(model, data):
    """Filtering a view takes boxes (and their relations) out; every rule
    above still holds for what is left, computed as if the rest were absent."""
    declared, relations = model
    hierarchy = build_hierarchy(declared)
    order = {name: i for i, name in enumerate(declared)}
    scope = data.draw(st.sampled_from(list(declared)))
    kept = data.draw(st.sets(st.sampled_from(list(declared))))
    for make in (scope_view, context_view):
        full = make(scope, relations, hierarchy, order)
        view = make(scope, relations, hierarchy, order, keep=kept.__contains__)
        drawn = set(view.visible) | {scope}
        assert set(view.boxes) <= set(full.boxes)
        assert set(view.around) <= set(full.around)
        for element in view.visible:
            assert element == scope or element in kept
        full_edges = {(e.source, e.target): e for e in full.edges}
        for edge in view.edges:
            assert edge.source in drawn
            assert edge.target in drawn
            if scope not in (edge.source, edge.target):
                # The same arrow as unfiltered: nothing is moved onto another box.
                assert full_edges[(edge.source, edge.target)] == edge
        for element in view.around:
            assert any(element in (e.source, e.target) for e in view.edges)
        # Relations with a box left out are not drawn (as if absent) ...
        left_out = set(full.visible) - drawn
        kept_relations = [
            r
            for r in relations
            if nearest_visible(r.source, set(full.visible) | {scope}, hierarchy) not in left_out
            and nearest_visible(r.target, set(full.visible) | {scope}, hierarchy) not in left_out
        ]
        # ... and the rest follow the implied-relationship and boundary rules.
        assert_implied_rule(view, kept_relations, declared)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefgh"), st.sampled_from("abcdefghxy"), max_size=8))
def test_the_hierarchy_is_always_a_forest(links):
    declared = {name: links.get(name) for name in "abcdefgh"}
    hierarchy = build_hierarchy(declared)
    for element, ancestors in hierarchy.ancestors.items():
        assert element not in ancestors
        assert len(set(ancestors)) == len(ancestors)
    cycle_members = {m for cycle in hierarchy.cycles for m in cycle}
    for element, parent in declared.items():
        if parent in declared and element not in cycle_members:
            assert hierarchy.parent[element] == parent


# -- the Mermaid text of a view -------------------------------------------------------

BOXES = {
    "shop": Box("shop", "Web Shop", type="system", description="Sells things"),
    "web": Box("web", "Storefront", type="container", technology="React", target=("m", "web")),
    "api": Box("api", "API", type="container", technology="Python", status="deprecated"),
    "orders": Box("orders", "Orders"),
    "billing": Box("billing", "Billing"),
    "db": Box("db", "Database", type="container", technology="PostgreSQL", layer="data"),
    "payments": Box("payments", 'Pay "Co"', type="system", external=True, layer="external"),
    "customer": Box("customer", "Customer", type="person", description="Buys"),
}


def test_a_container_view_in_mermaid_has_the_boundary_people_and_labelled_edges():
    view = scope_view("shop", RELATIONS, build_hierarchy(MODEL), ORDER)
    code = view_mermaid(view, BOXES, url_for=lambda doc, anchor: f"{doc}.html#{anchor}")
    assert mermaid_shown(code).splitlines() == [
        # Compared as shown: brackets, quotes and colons are written as entities.
        "flowchart TB",
        '  subgraph b1["Web Shop<br>[System]"]',
        '    n1["Storefront<br>[Container: React]"]',
        '    n2["API (deprecated)<br>[Container: Python]"]',
        '    n3["Database<br>[Container: PostgreSQL]"]',
        "  end",
        '  n4["Pay "Co"<br>[System]"]',
        '  n5(["Customer<br>[Person]"])',
        '  n1 -->|"Places orders [JSON/HTTPS]"| n2',
        '  n2 -->|"Stores orders; Reads orders [SQL]"| n3',
        '  n2 -->|"Charges cards [REST]"| n4',
        '  n5 -->|"Browses [HTTPS]"| n1',
        "  classDef archdocPerson fill:#dbe9f7,stroke:#0b4884,color:#0b2540",
        "  class n5 archdocPerson",
        "  classDef archdocExternal fill:#e6e8eb,stroke:#57606a,color:#1f2328",
        "  class n4 archdocExternal",
        "  classDef archdocInactive stroke-dasharray:5 4,font-style:italic",
        "  class n2 archdocInactive",
        '  click n1 href "m.html#web" "web"',
    ]
    assert legend(view, BOXES) == [
        "Boundary: the element whose inside is shown",
        "Box: a building block, [type: technology]",
        "Rounded box: a person or role",
        "Grey: outside the system (external)",
        "Dashed: deprecated or retired",
        "Arrow: uses or depends on, labelled what [technology]; one arrow per pair",
    ]


def test_a_flat_view_groups_boxes_by_layer_with_configured_titles():
    view = flat_view(["shop", "payments", "customer"], RELATIONS, build_hierarchy(MODEL), ORDER)
    code = view_mermaid(
        view,
        BOXES,
        descriptions=True,
        layers=("data", "external"),
        layer_titles={"external": "Partners"},
    )
    assert '  subgraph g2["Partners"]' in mermaid_shown(code)
    assert '  n1["Web Shop<br>[System]<br>Sells things"]' in mermaid_shown(code)
    assert '  n3(["Customer<br>[Person]<br>Buys"])' in mermaid_shown(code)


def test_a_graph_past_mermaids_limits_is_reported():
    assert too_large("x" * 10, 500) is None
    assert too_large("x" * 10, 501) == "501 edges, more than Mermaid draws (500)"
    assert too_large("x" * 50_001, 1) == (
        "50001 characters of Mermaid source, more than Mermaid draws (50000)"
    )
