"""Entities and ER diagrams, constraints and spikes (DESIGN 2.12)."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import build, table_header, table_rows
from sphinx_archdoc.core.attributes import (
    Attribute,
    AttributeSyntaxError,
    parse_attribute,
    parse_attributes,
)

# 2026-06-01 00:00 UTC: "today" for every date check in this file.
EPOCH = "1780272000"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


# -- the attribute grammar (pure) -------------------------------------------------


def test_an_attribute_line_gives_name_type_and_keys():
    assert parse_attribute("id: UUID PK") == Attribute("id", "UUID", primary_key=True)
    assert parse_attribute("email:  varchar(255)   unique") == Attribute(
        "email", "VARCHAR(255)", unique=True
    )
    assert parse_attribute("user_id: UUID FK -> Users.id") == Attribute(
        "user_id", "UUID", references=("Users", "id")
    )


def test_the_templates_sql_words_are_understood():
    attribute = parse_attribute("id: UUID PRIMARY KEY UNIQUE foreign key -> core.Users.id")
    assert attribute.primary_key
    assert attribute.unique
    assert attribute.references == ("core.Users", "id")
    assert attribute.keys == ("PK", "FK", "UK")
    assert attribute.text() == "id: UUID PK UNIQUE FK -> core.Users.id"
    assert parse_attribute("amount: DECIMAL(10, 2)").type == "DECIMAL(10,2)"
    assert parse_attribute("tags: TEXT[]").type == "TEXT[]"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("just words", "is not an attribute"),
        ("id:", "has no type"),
        ("9id: INT", "not a valid attribute name"),
        ("id: INT NOT NULL", "'NOT' is not understood"),
        ("id: IN-T", "not a valid type"),
        ("user_id: UUID FK -> Users", "is not ENTITY.attribute"),
        ("user_id: UUID FK Users.id", "'FK' is not understood"),
    ],
)
def test_a_bad_attribute_line_says_what_is_wrong(line, message):
    with pytest.raises(AttributeSyntaxError, match=message):
        parse_attribute(line)


def test_problems_are_reported_at_their_line_and_the_first_duplicate_is_kept():
    attributes, problems = parse_attributes(
        [(10, "id: UUID PK"), (11, ""), (12, "bad"), (13, "ID: TEXT")]
    )
    assert [a.name for a in attributes] == ["id"]
    assert [(p.line, p.message) for p in problems] == [
        (
            12,
            "'bad' is not an attribute; expected name: TYPE [PK] [UNIQUE] [FK -> ENTITY.attribute]",
        ),
        (13, "attribute 'ID' is declared twice (first on line 10)"),
    ]


def test_er_code_draws_only_relationships_between_entities_shown():
    from sphinx_archdoc.core.erd import build_entity_diagram, mermaid_er_code
    from sphinx_archdoc.core.model import Item

    def entity(item_id: str) -> Item:
        return Item("entity", item_id, "data", 1, f"entity-{item_id.lower()}")

    attributes = {
        "Users": (Attribute("id", "UUID", primary_key=True),),
        "Projects": (
            Attribute("id", "UUID", primary_key=True),
            Attribute("user_id", "UUID", references=("Users", "id")),
            Attribute("team_id", "UUID", references=("Teams", "id")),
        ),
        "Empty": (),
    }
    shown = [entity("Empty"), entity("Projects"), entity("Users")]
    code = mermaid_er_code(build_entity_diagram(shown, attributes))
    assert code.splitlines() == [
        "erDiagram",
        '  e1["Empty"]',
        '  e2["Projects"] {',
        "    UUID id PK",
        '    UUID user_id FK "-#gt; Users.id"',
        '    UUID team_id FK "-#gt; Teams.id"',
        "  }",
        '  e3["Users"] {',
        "    UUID id PK",
        "  }",
        '  e3 ||--o{ e2 : "user_id"',
    ]


def test_an_entity_with_an_invalid_id_keeps_its_body_as_text(make_project):
    src = make_project({"index.rst": "Index\n=====\n\n.. arch-entity:: bad id\n\n   id: INT PK\n"})
    result = build(src)
    assert [w.split(": WARNING: ")[1] for w in result.archdoc_warnings()] == [
        "arch-entity: 'bad id' is not a valid ID (letters, digits, '_', '.', '-'; "
        "starting with a letter or digit) [archdoc.invalid_value]"
    ]
    assert "id: INT PK" in result.html().get_text()


# -- a project ------------------------------------------------------------------------

DATA_RST = """\
Data
====

.. arch-component:: db
   :title: Primary DB
   :layer: data

.. arch-component:: cache
   :layer: data

.. arch-entity:: Users
   :title: User accounts
   :stored-in: db
   :master: db
   :retention: 7 years

   id: UUID PRIMARY KEY
   email: VARCHAR UNIQUE
   created_at: TIMESTAMP

   Everyone who signs in.

.. arch-entity:: Projects
   :stored-in: db

   id: UUID PK
   user_id: UUID FK -> Users.id
   name: VARCHAR
   status: ENUM
"""

DATA_MD = """\
# More data

```{arch-entity} Sessions
:stored-in: cache
:retention: 24 hours

token: VARCHAR PK
user_id: UUID UNIQUE FK -> Users.id
```

```{arch-entity} Drafts
id: UUID PK
```

See {arch:entity}`Sessions`, {arch:spike}`spike-load` and {arch:constraint}`con-gdpr`.
"""

PLANNING_RST = """\
Planning
========

.. arch-constraint:: con-gdpr
   :title: GDPR
   :category: Regulatory
   :source: EU law
   :components: db

.. arch-constraint:: con-stack
   :title: Python services
   :category: organizational

.. arch-question:: q-db
   :title: Which database?

.. arch-question:: q-cache
   :title: Cache sessions?

.. arch-spike:: spike-load
   :title: Load test
   :status: running
   :owner: Ann
   :due: 2026-05-01
   :questions: q-db

.. arch-spike:: spike-db
   :title: Database benchmark
   :status: done
   :due: 2026-04-01
   :questions: q-db
   :outcome: PostgreSQL holds 10k writes/s
   :components: db
"""

SUMMARY_RST = """\
Summary
=======

.. arch-entity-diagram::
   :caption: Entities

.. arch-entity-table::

.. arch-entity-diagram::
   :stored-in: cache

.. arch-constraint-table::

.. arch-spike-list::

.. arch-question-list::
   :columns: id, spikes, answered-by

.. arch-component-table::
   :columns: id, entities
"""


INDEX_RST = "Index\n=====\n\n.. toctree::\n\n   data\n   more\n   planning\n   summary\n"


def project(make_project, **files):
    return make_project(
        {
            "index.rst": INDEX_RST,
            "data.rst": DATA_RST,
            "more.md": DATA_MD,
            "planning.rst": PLANNING_RST,
            "summary.rst": SUMMARY_RST,
            **files,
        }
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import write_project

    src = write_project(
        tmp_path_factory.mktemp("data") / "p",
        {
            "index.rst": INDEX_RST,
            "data.rst": DATA_RST,
            "more.md": DATA_MD,
            "planning.rst": PLANNING_RST,
            "summary.rst": SUMMARY_RST,
        },
    )
    import os

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        return build(src)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def test_entity_table_lists_storage_master_retention_and_attribute_count(built):
    soup = built.html("summary")
    assert table_header(soup, "archdoc-entity-table") == [
        "ID",
        "Title",
        "Stored in",
        "Master",
        "Retention",
        "Attribute count",
    ]
    assert table_rows(soup, "archdoc-entity-table") == [
        ["Drafts", "Drafts", "", "", "", "1"],
        ["Projects", "Projects", "db", "", "", "4"],
        ["Sessions", "Sessions", "cache", "", "24 hours", "2"],
        ["Users", "User accounts", "db", "db", "7 years", "3"],
    ]


def test_er_diagram_has_key_markers_and_one_relationship_per_foreign_key(built):
    soup = built.html("summary")
    diagrams = soup.select(
        "div.archdoc-entity-diagram pre.mermaid, figure.archdoc-entity-diagram pre.mermaid"
    )
    assert len(diagrams) == 2
    code = diagrams[0].get_text()
    assert code.strip().startswith("erDiagram")
    assert 'e4["User accounts"] {' in code
    assert "UUID id PK" in code
    assert "VARCHAR email UK" in code
    assert 'UUID user_id FK "-#gt; Users.id"' in code
    assert 'UUID user_id FK, UK "-#gt; Users.id"' in code
    relationships = [line.strip() for line in code.splitlines() if "--" in line]
    assert relationships == ['e4 ||--o{ e2 : "user_id"', 'e4 ||--o| e3 : "user_id"']
    # Filtered like a table: only what is stored in the cache.
    filtered = diagrams[1].get_text()
    assert '["Sessions"]' in filtered
    assert "Users" not in filtered.replace("-#gt; Users.id", "")


def test_entity_block_shows_its_attributes_as_a_table(built):
    soup = built.html("data")
    block = soup.select_one("div.archdoc-entity")
    assert "User accounts" in block.get_text()
    assert table_rows(block, "archdoc-entity-attributes") == [
        ["id", "UUID", "PK", ""],
        ["email", "VARCHAR", "UK", ""],
        ["created_at", "TIMESTAMP", "", ""],
    ]
    assert "Everyone who signs in." in block.get_text()
    projects = soup.select("div.archdoc-entity")[1]
    link = projects.select_one("table.archdoc-entity-attributes a")
    assert link.get_text() == "Users.id"
    assert link["href"].endswith("#entity-users")


def test_constraint_table_and_spike_list(built):
    soup = built.html("summary")
    assert table_rows(soup, "archdoc-constraint-table") == [
        ["con-gdpr", "GDPR", "regulatory", "EU law", "db"],
        ["con-stack", "Python services", "organizational", "", ""],
    ]
    assert table_rows(soup, "archdoc-spike-list") == [
        [
            "spike-db",
            "Database benchmark",
            "done",
            "",
            "2026-04-01",
            "q-db",
            "PostgreSQL holds 10k writes/s",
        ],
        ["spike-load", "Load test", "running", "Ann", "2026-05-01 overdue", "q-db", ""],
    ]


def test_a_question_answered_by_a_done_spike_shows_it(built):
    soup = built.html("summary")
    assert table_rows(soup, "archdoc-question-list") == [
        ["q-cache", "", ""],
        ["q-db", "spike-db, spike-load", "spike-db"],
    ]


def test_components_list_the_entities_they_store(built):
    assert table_rows(built.html("summary"), "archdoc-component-table") == [
        ["cache", "Sessions"],
        ["db", "Projects, Users"],
    ]


def test_roles_link_entities_spikes_and_constraints(built):
    links = {a.get_text(): a["href"] for a in built.html("more").select("a.reference")}
    assert links["Sessions"].endswith("#entity-sessions")
    assert links["Load test"].endswith("#spike-spike-load")
    assert links["GDPR"].endswith("#constraint-con-gdpr")


def test_export_has_fields_structured_attributes_and_computed_values(built):
    items = built.items()
    users = items["Users"]
    assert users["kind"] == "entity"
    assert users["fields"]["attributes"] == [
        "id: UUID PK",
        "email: VARCHAR UNIQUE",
        "created_at: TIMESTAMP",
    ]
    assert users["attributes"][1] == {
        "name": "email",
        "type": "VARCHAR",
        "primary-key": False,
        "unique": True,
        "references": None,
    }
    assert users["computed"] == {
        "attribute-count": 3,
        "references": [],
        "referenced-by": ["Projects", "Sessions"],
        "description": "Everyone who signs in.",
    }
    assert items["Projects"]["attributes"][1]["references"] == {
        "entity": "Users",
        "attribute": "id",
    }
    assert items["db"]["computed"]["entities"] == ["Projects", "Users"]
    assert items["q-db"]["computed"]["answered-by"] == ["spike-db"]
    assert items["spike-load"]["computed"] == {"overdue": True, "description": ""}
    assert items["spike-db"]["computed"] == {"overdue": False, "description": ""}
    assert items["con-gdpr"]["fields"]["category"] == "regulatory"


def test_checks_spike_overdue_and_not_stored(built):
    assert built.archdoc_warnings() == [
        f"{built.srcdir}/planning.rst:20: WARNING: spike 'spike-load' is running and was due "
        "2026-05-01 (today is 2026-06-01) [archdoc.spike_overdue]"
    ]
    findings = {(f["check"], f["severity"], f["docname"]) for f in built.json()["findings"]}
    assert findings == {
        ("not_stored", "info", "more"),
        ("spike_overdue", "warning", "planning"),
    }
    not_stored = next(f for f in built.json()["findings"] if f["check"] == "not_stored")
    assert (
        not_stored["message"] == "entity 'Drafts' is stored in no component (give it :stored-in:)"
    )


BAD_RST = """\
Bad
===

.. arch-entity:: Orders
   :stored-in: db, nodb
   :master: db
   :attributes: id: INT

   id: UUID PK
   user_id: UUID FK -> Users.uid
   team_id: UUID FK -> Teams.id
   owner: UUID FK -> db.id
   id: INT
   what is this

.. arch-spike:: spike-x
   :status: finished
   :due: soon
   :questions: q-dbx, db

.. arch-constraint:: con-x
   :category: legal
"""


def test_bad_input_gets_located_warnings_and_the_build_goes_on(make_project):
    result = build(project(make_project, **{"bad.rst": BAD_RST}))
    bad = f"{result.srcdir}/bad.rst"
    warnings = sorted(w for w in result.archdoc_warnings() if "bad.rst" in w)
    assert warnings == sorted(
        [
            f"{bad}:13: WARNING: arch-entity: 'Orders': attribute 'id' is declared twice "
            "(first on line 9) [archdoc.invalid_value]",
            f"{bad}:14: WARNING: arch-entity: 'Orders': 'what is this' is not an attribute; "
            "expected name: TYPE [PK] [UNIQUE] [FK -> ENTITY.attribute] [archdoc.invalid_value]",
            f"{bad}:4: WARNING: arch-entity: 'Orders': unknown option :attributes:; accepted: "
            "title, stored-in, master, retention, tags [archdoc.unknown_option]",
            f"{bad}:4: WARNING: entity 'Orders': :stored-in: names unknown component 'nodb' "
            "(did you mean 'db'?) [archdoc.unknown_component]",
            f"{bad}:4: WARNING: entity 'Orders': attribute 'user_id' is a foreign key to "
            "Users.uid, but entity 'Users' has no attribute 'uid' (did you mean 'id'?) "
            "[archdoc.unknown_entity]",
            f"{bad}:4: WARNING: entity 'Orders': attribute 'team_id' is a foreign key to "
            "unknown entity 'Teams' [archdoc.unknown_entity]",
            f"{bad}:4: WARNING: entity 'Orders': attribute 'owner' is a foreign key to 'db', "
            "which is a component, not an entity [archdoc.unknown_entity]",
            f"{bad}:16: WARNING: arch-spike: 'spike-x': :status: 'finished' is not a valid "
            "status; expected one of: planned, running, done, abandoned [archdoc.invalid_value]",
            f"{bad}:16: WARNING: arch-spike: 'spike-x': :due: 'soon' is not an ISO date "
            "(YYYY-MM-DD) [archdoc.invalid_value]",
            f"{bad}:16: WARNING: spike 'spike-x': :questions: names unknown open question 'q-dbx' "
            "(did you mean 'q-db'?) [archdoc.unknown_reference]",
            f"{bad}:16: WARNING: spike 'spike-x': :questions: names 'db', which is a component, "
            "not an open question [archdoc.unknown_reference]",
            f"{bad}:21: WARNING: arch-constraint: 'con-x': :category: 'legal' is not a valid "
            "category; expected one of: technical, organizational, convention, regulatory "
            "[archdoc.invalid_value]",
        ]
    )
    # What was valid is kept: the entity is in the table with its three good attributes.
    rows = table_rows(result.html("summary"), "archdoc-entity-table")
    assert ["Orders", "Orders", "db, nodb", "db", "", "4"] in rows


def test_configured_categories_and_statuses(make_project):
    src = project(
        make_project,
        **{
            "extra.rst": "Extra\n=====\n\n.. arch-constraint:: con-legal\n   :category: legal\n\n"
            ".. arch-spike:: spike-p\n   :status: paused\n   :due: 2026-01-01\n"
        },
    )
    conf = (
        'archdoc_constraint_categories = ["technical", "legal"]\n'
        'archdoc_spike_statuses = ["planned", "paused", "done"]\n'
    )
    (src / "conf.py").write_text((src / "conf.py").read_text() + conf)
    result = build(src)
    warnings = [w for w in result.archdoc_warnings() if "extra.rst" in w]
    assert warnings == [
        f"{result.srcdir}/extra.rst:7: WARNING: spike 'spike-p' is paused and was due 2026-01-01 "
        "(today is 2026-06-01) [archdoc.spike_overdue]"
    ]


def test_non_html_builders_show_the_diagram_as_a_table(make_project):
    src = project(make_project)
    text = build(src, "text").text("summary")
    assert "erDiagram" not in text
    assert "| User accounts | id " in text  # the entity is named by its title
    assert "| Projects" in text
    assert "Users.id" in text
    latex = build(src, "latex")
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "erDiagram" not in tex
    assert "created\\_at" in tex


def test_hostile_titles_cannot_break_the_diagram(make_project):
    hostile = 'Evil"] { x } e9 ||--o{ e1 : "pwned %%{init}%%'
    src = project(
        make_project,
        **{
            "evil.rst": (
                f"Evil\n====\n\n.. arch-entity:: Evil\n   :title: {hostile}\n\n   id: INT PK\n"
            )
        },
    )
    code = build(src).html("summary").select_one("pre.mermaid").get_text()
    line = next(line for line in code.splitlines() if "Evil" in line)
    assert re.match(r'e\d+\["Evil#quot;#93; #123; x #125;', line.strip())
    assert line.count('"') == 2
    assert "%%" not in code
    assert "{init}" not in code


@pytest.mark.slow
def test_parallel_and_incremental_builds_match_a_clean_build(make_project, tmp_path):
    src = project(make_project)
    serial = build(src, freshenv=True)
    parallel_src = shutil.copytree(
        src, tmp_path / "parallel", ignore=shutil.ignore_patterns("_build")
    )
    parallel = build(parallel_src, freshenv=True, parallel=2)
    assert parallel.json()["items"] == serial.json()["items"]
    assert parallel.json()["findings"] == serial.json()["findings"]
    # An edit on one page changes the diagram and the tables on another.
    edited = DATA_MD.replace("token: VARCHAR PK", "token: VARCHAR PK\nip: INET")
    (src / "more.md").write_text(edited)
    incremental = build(src)
    clean_src = shutil.copytree(src, tmp_path / "clean", ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src, freshenv=True)
    code = incremental.html("summary").select_one("pre.mermaid").get_text()
    assert "INET ip" in code
    assert (incremental.outdir / "summary.html").read_bytes() == (
        clean.outdir / "summary.html"
    ).read_bytes()
