"""``arch-entity-diagram`` drawn by Mermaid in Chromium, as a reader sees it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from browser.conftest import Site
from browser.harness import Browser

#: What an ER diagram shows a reader: each entity's title and attribute rows,
#: and the relationship lines with their labels.
_READ_ER = """
const text = (el) => (el ? el.textContent.replace(/\\s+/g, " ").trim() : "");
return [...document.querySelectorAll("pre.mermaid")].map((pre) => {
  const svg = pre.querySelector("svg");
  if (!svg) return null;
  const words = (g) => [...g.querySelectorAll("*")]
    .filter((el) => el.children.length === 0).map(text).filter(Boolean).join(" ");
  const entities = [...svg.querySelectorAll("g.node")].map(words);
  const relationships = svg.querySelectorAll("path.relationshipLine").length;
  const labels = [...svg.querySelectorAll("g.edgeLabel")].map((g) => text(g)).filter(Boolean);
  const markup = [...svg.querySelectorAll("foreignObject *")]
    .map((el) => el.localName)
    .filter((name) => !["div", "span", "p"].includes(name));
  return {kind: svg.getAttribute("aria-roledescription"), entities, relationships, labels,
          markup, width: svg.getBoundingClientRect().width};
});
"""

HOSTILE = 'Users"] { x } e9 ||--o{ e1 : "pwned <img src=x onerror=alert(1)> <b>bold</b>'

ENTITIES_RST = f"""\
Index
=====

.. arch-component:: db
   :layer: data

.. arch-entity:: Users
   :title: {HOSTILE}
   :stored-in: db

   id: UUID PRIMARY KEY
   email: VARCHAR UNIQUE

.. arch-entity:: Projects
   :stored-in: db

   id: UUID PK
   user_id: UUID FK -> Users.id

.. arch-entity:: Sessions
   :stored-in: db

   token: VARCHAR(64) PK
   user_id: UUID UNIQUE FK -> Users.id

.. arch-entity-diagram::
"""


def read_er(browser: Browser) -> list[dict[str, Any]]:
    drawn: list[dict[str, Any]] = browser.js(_READ_ER)
    assert all(diagram is not None for diagram in drawn), "a diagram was not drawn"
    return drawn


def test_entities_keys_and_one_relationship_per_foreign_key(
    browser: Browser, test_site: Callable[..., Site]
) -> None:
    site = test_site({"index.rst": ENTITIES_RST})
    browser.open(site.url())
    (diagram,) = read_er(browser)
    browser.screenshot("entity-diagram-hostile-title", "pre.mermaid")
    assert diagram["kind"] == "er"
    assert diagram["width"] > 0
    assert diagram["markup"] == []
    assert browser.dialogs() == []
    entities = sorted(diagram["entities"])
    title = " ".join(HOSTILE.split())
    assert entities == sorted(
        [
            "Projects UUID id PK UUID user_id FK -> Users.id",
            "Sessions VARCHAR(64) token PK UUID user_id FK,UK -> Users.id",
            f"{title} UUID id PK VARCHAR email UK",
        ]
    )
    assert diagram["relationships"] == 2
    assert sorted(diagram["labels"]) == ["user_id", "user_id"]


def test_the_example_shows_its_entity_diagram(
    browser: Browser, example_site: Callable[[str], Site]
) -> None:
    site = example_site("alabaster")
    browser.open(site.url("data-architecture.html"))
    diagrams = read_er(browser)
    er = [d for d in diagrams if d["kind"] == "er"]
    assert len(er) == 1
    browser.screenshot("example-entity-diagram", "figure.archdoc-entity-diagram pre.mermaid")
    entities = {item["title"]: item for item in site.export["items"] if item["kind"] == "entity"}
    drawn = {text.split(" ")[0] for text in er[0]["entities"]}
    assert drawn == {title.split(" ")[0] for title in entities}
    foreign_keys = sum(
        1 for item in entities.values() for a in item["attributes"] if a["references"]
    )
    assert er[0]["relationships"] == foreign_keys
