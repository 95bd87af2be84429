"""Every diagram of ``cases.py`` drawn by Mermaid in Chromium, as a reader sees it."""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable

import pytest
from selenium.webdriver.common.by import By

import sphinx_archdoc.core.c4_mermaid
import sphinx_archdoc.core.graph
from browser.cases import CASES, HOSTILE_GRAPH, ExampleCase, ProjectCase
from browser.conftest import Site
from browser.harness import Browser, Diagram, diagram_problems, read_diagrams


def open_case(
    case: ProjectCase | ExampleCase,
    browser: Browser,
    example_site: Callable[[str], Site],
    test_site: Callable[..., Site],
) -> tuple[Site, Diagram]:
    if isinstance(case, ExampleCase):
        site = example_site(case.theme)
    else:
        site = test_site(case.files, theme=case.theme)
    browser.open(site.url(case.page))
    diagrams = read_diagrams(browser)
    assert len(diagrams) > case.diagram, f"{case.page} shows {len(diagrams)} diagrams"
    browser.screenshot(case.name, "pre.mermaid", case.diagram)
    return site, diagrams[case.diagram]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_diagram_shows_the_model(case, browser, example_site, test_site):
    site, seen = open_case(case, browser, example_site, test_site)
    expected = case.expect(site.export) if isinstance(case, ExampleCase) else case.expected
    problems = diagram_problems(seen, expected)
    assert not problems, "\n".join(problems)
    assert browser.dialogs() == []
    # A legend follows the diagram; it explains the rounded boxes when people are drawn.
    assert seen.legend, "no legend under the diagram"
    if expected.people is not None:
        explains_people = any("person" in line.lower() for line in seen.legend)
        assert explains_people == bool(expected.people), seen.legend
    page = site.url(case.page)
    broken = [
        href
        for href in seen.links.values()
        if not browser.anchor_exists(urllib.parse.urljoin(page, href))
    ]
    assert broken == []


def test_clicking_a_box_goes_to_the_component(browser, test_site):
    site = test_site(HOSTILE_GRAPH.files)
    browser.open(site.url())
    box = browser.driver.find_element(By.CSS_SELECTOR, "pre.mermaid svg a g.node")
    key = box.get_attribute("id")
    browser.js("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    fragment = urllib.parse.urlsplit(browser.driver.current_url).fragment
    assert fragment.startswith("component-"), (key, browser.driver.current_url)
    assert browser.js("return document.getElementById(arguments[0]) !== null", fragment)


def test_clicking_a_person_goes_to_the_actor(browser, example_site):
    """In the system context view, a person's (rounded) box links to the actor."""
    site = example_site("alabaster")
    browser.open(site.url("context.html"))
    people = browser.driver.find_elements(
        By.CSS_SELECTOR, "pre.mermaid svg a g.node:not(:has(> rect.label-container))"
    )
    assert people, "no rounded (person) box with a link in the context view"
    browser.js("arguments[0].scrollIntoView({block: 'center'})", people[0])
    people[0].click()
    fragment = urllib.parse.urlsplit(browser.driver.current_url).fragment
    assert fragment.startswith("actor-"), browser.driver.current_url
    assert browser.js("return document.getElementById(arguments[0]) !== null", fragment)


def naive_label(text: str) -> str:
    """A broken escaper: quotes only (what a hurried fix might write)."""
    return text.replace('"', "#quot;")


def test_an_unescaped_label_is_caught(browser, test_site, monkeypatch):
    """The checks above are not vacuous: with escaping broken, the markup in a
    hostile title reaches the SVG and the very same comparison fails."""
    # Every writer of Mermaid labels (the C4 one imports it by name).
    monkeypatch.setattr(sphinx_archdoc.core.graph, "mermaid_label", naive_label)
    monkeypatch.setattr(sphinx_archdoc.core.c4_mermaid, "mermaid_label", naive_label)
    site = test_site(HOSTILE_GRAPH.files)
    browser.open(site.url())
    (seen,) = read_diagrams(browser)
    browser.screenshot("dependency-graph-broken-escaping", "pre.mermaid")
    problems = diagram_problems(seen, HOSTILE_GRAPH.expected)
    assert any(problem.startswith("boxes differ") for problem in problems), problems
    # What went wrong is visible: the <img> and <b> of the titles became elements.
    assert "img" in seen.markup
    assert "b" in seen.markup
