"""Colours and layout in real themes: dark mode, the risk matrix, wide tables.

Each test opens ``summary.html`` of the example (the page with every generated
table, the risk matrices and the dependency graphs) in alabaster and furo at
1300 px, light and dark, and reads computed styles and boxes.
"""

from __future__ import annotations

from typing import Any

import pytest

from browser.harness import Browser, contrast, luminance, note, rgb

THEMES = ("alabaster", "furo")
#: The risk matrix's tones (archdoc.css): the same in light and dark mode.
TONES = {"low": "#d7f0dc", "medium": "#fff0c2", "high": "#ffd6d1", "critical": "#7a1206"}
#: WCAG AA for normal text.
READABLE = 4.5

#: Computed colours: each element's own text colour and the first opaque
#: background behind it.
_COLOURS = r"""
const background = (el) => {
  for (; el; el = el.parentElement) {
    const colour = getComputedStyle(el).backgroundColor;
    if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") return colour;
  }
  return "rgb(255, 255, 255)";
};
return [...document.querySelectorAll(arguments[0])].map((el) => ({
  classes: el.getAttribute("class") || el.localName,
  text: (el.textContent || "").trim().slice(0, 40),
  color: getComputedStyle(el).color,
  background: background(el),
}));
"""


def colours(browser: Browser, selector: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = browser.js(_COLOURS, selector)
    assert found, f"nothing matches {selector!r}"
    return found


def unreadable(found: list[dict[str, Any]]) -> list[str]:
    return [
        f"{entry['classes']} {entry['text']!r}: {entry['color']} on {entry['background']}"
        for entry in found
        if contrast(rgb(entry["color"]), rgb(entry["background"])) < READABLE
    ]


def badge_pairs(browser: Browser) -> dict[str, tuple[str, str]]:
    return {e["classes"]: (e["color"], e["background"]) for e in colours(browser, ".archdoc-badge")}


def graph_labels(browser: Browser) -> list[dict[str, Any]]:
    """Each box of the graphs: its label colour on its shape's fill."""
    return browser.js(
        """return [...document.querySelectorAll("pre.mermaid g.node")].map((g) => ({
          classes: g.id, text: g.textContent.trim().slice(0, 40),
          color: getComputedStyle(g.querySelector(".nodeLabel")).color,
          background: getComputedStyle(g.querySelector("rect, polygon, path")).fill}))"""
    )


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_badges_and_graph_are_readable(browser, example_site, theme, dark):
    browser.open(example_site(theme).url("summary.html"), dark=dark)
    mode = "dark" if dark else "light"
    browser.screenshot(f"{theme}-{mode}-graph", "pre.mermaid")
    browser.screenshot(f"{theme}-{mode}-page")
    assert unreadable(colours(browser, ".archdoc-badge")) == []
    assert unreadable(graph_labels(browser)) == []


def test_furo_follows_a_dark_os(browser, example_site):
    site = example_site("furo")
    browser.open(site.url("summary.html"))
    light = badge_pairs(browser)
    browser.open(site.url("summary.html"), dark=True)
    dark = badge_pairs(browser)
    page = colours(browser, "body")[0]
    assert luminance(rgb(page["background"])) < 0.05
    assert light.keys() == dark.keys()
    # Band badges keep the risk matrix's tones; every other badge switches pairs.
    switched = [name for name in light if "band-tone" not in name]
    assert switched
    assert [name for name in switched if light[name] == dark[name]] == []
    # Every badge stands out from the dark page, not only from its own text.
    assert [name for name, (_, bg) in dark.items() if rgb(bg) == rgb(page["background"])] == []


def test_alabaster_keeps_its_light_colours_in_a_dark_os(browser, example_site):
    site = example_site("alabaster")
    browser.open(site.url("summary.html"))
    light = badge_pairs(browser)
    browser.open(site.url("summary.html"), dark=True)
    assert badge_pairs(browser) == light
    assert colours(browser, "body")[0]["background"] == "rgb(255, 255, 255)"
    fills = {rgb(box["background"]) for box in graph_labels(browser)}
    if any(luminance(fill) < 0.2 for fill in fills):
        note(
            "alabaster, OS in dark mode: sphinxcontrib-mermaid draws the dependency graph "
            "with its dark theme on alabaster's white page (readable, but unlike the page)"
        )


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_risk_matrix_cells_carry_their_band_colour(browser, example_site, theme, dark):
    browser.open(example_site(theme).url("summary.html"), dark=dark)
    browser.screenshot(
        f"{theme}-{'dark' if dark else 'light'}-risk-matrix", "table.archdoc-risk-matrix"
    )
    for where in ("table.archdoc-risk-matrix td", ".archdoc-risk-matrix-legend"):
        for tone, colour in TONES.items():
            cells = browser.js(
                "return document.querySelectorAll(arguments[0]).length",
                f"{where}.archdoc-band-tone-{tone}, {where} .archdoc-band-tone-{tone}",
            )
            if not cells:
                continue
            found = colours(
                browser, f"{where}.archdoc-band-tone-{tone}, {where} .archdoc-band-tone-{tone}"
            )
            assert {rgb(cell["background"]) for cell in found} == {rgb(colour)}, tone
    cells = colours(browser, "table.archdoc-risk-matrix td[class*='archdoc-band-tone-']")
    # Low, medium and high are all in the example's matrix.
    tones = {c for cell in cells for c in cell["classes"].split() if "band-tone-" in c}
    assert {"archdoc-band-tone-low", "archdoc-band-tone-medium", "archdoc-band-tone-high"} <= tones
    assert unreadable(cells) == []
    assert unreadable(colours(browser, "table.archdoc-risk-matrix td a")) == []


#: Each generated table: its box, its container's, and each header cell's
#: right edge (a column right of the table's visible edge needs scrolling).
_TABLES = r"""
return [...document.querySelectorAll("table.archdoc-table")].map((table) => {
  const box = table.getBoundingClientRect();
  const container = table.parentElement.getBoundingClientRect();
  return {
    classes: table.getAttribute("class"),
    caption: (table.querySelector("caption") || {}).textContent || "",
    visible: table.clientWidth, full: table.scrollWidth,
    right: box.right, containerRight: container.right,
    hidden: [...table.querySelectorAll("thead th")]
      .filter((th) => th.getBoundingClientRect().right > box.right + 1)
      .map((th) => th.textContent.trim()),
  };
});
"""


@pytest.mark.parametrize("theme", THEMES)
def test_wide_tables_at_1300px(browser, example_site, theme):
    """The page never scrolls sideways, and no generated table needs a
    horizontal scroll: in alabaster's 658 px column the 8-column register
    wraps its cells instead of hiding Mitigation behind a scroll bar."""
    browser.open(example_site(theme).url("summary.html"), width=1300)
    assert browser.js("return document.scrollingElement.scrollWidth") <= 1300
    for selector in ("table.archdoc-risk-register", "table.archdoc-adr-index"):
        browser.screenshot(f"{theme}-1300-{selector.split('-', 1)[1]}", selector)
    tables = browser.js(_TABLES)
    assert tables
    kinds = {table["classes"].split()[1] for table in tables}
    assert {"archdoc-risk-register", "archdoc-adr-index"} <= kinds
    for table in tables:
        if "archdoc-risk-matrix" in table["classes"]:
            if table["right"] > table["containerRight"] + 1:
                overflow = table["right"] - table["containerRight"]
                note(
                    f"{theme} 1300 px: the risk matrix is {overflow:.0f} px wider than "
                    "the content column (it does not scroll)"
                )
            continue
        assert table["right"] <= table["containerRight"] + 1, table
        assert table["full"] <= table["visible"] + 1, table
        assert table["hidden"] == [], table
