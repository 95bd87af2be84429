"""What a reader sees in a real browser: the harness behind ``tests/browser``.

* :class:`Server` serves built sites, and the npm copy of Mermaid that
  ``make test-browser`` unpacks, on 127.0.0.1 (Mermaid is an ES module:
  browsers do not load it from ``file://``, and CI has no CDN).
* :class:`Browser` drives Debian's ``chromium`` headless through its
  ``chromedriver`` (Selenium): a page at a given width, light or dark, with
  every Mermaid diagram drawn before anything is read.
* :func:`read_diagrams` turns each drawn diagram into plain facts (the boxes,
  edges and edge labels a reader sees, the links, any markup inside labels);
  :func:`diagram_problems` compares them with what the model says.

Nothing here knows about a particular directive: a new view is a new
:class:`~browser.cases.DiagramCase` (see ``cases.py``).
"""

from __future__ import annotations

import base64
import functools
import http.server
import os
import re
import shutil
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
#: Everything the browser tests leave behind (kept by CI as artifacts).
ARTIFACTS = ROOT / "build" / "browser"
SCREENSHOTS = ARTIFACTS / "screenshots"
#: Where built pages load Mermaid from (``mermaid_use_local``): the server
#: mounts ``$ARCHDOC_MERMAID_DIST`` there.
MERMAID_MOUNT = "_mermaid"
MERMAID_URL = f"/{MERMAID_MOUNT}/mermaid.esm.min.mjs"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DRIVERS = ("chromedriver", "chromium-driver")
#: Seconds a page may take to draw its diagrams.
DRAW_TIMEOUT = 30
#: Replaces ``alert`` and friends before any page script runs: an injected
#: handler that fires is recorded, not shown.
_RECORD_DIALOGS = """
window.__archdocDialogs = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (message) => { window.__archdocDialogs.push(name + ": " + message); };
}
"""


class MissingToolError(RuntimeError):
    """Something the browser tests need is not installed (they fail, never skip)."""


def find_program(names: tuple[str, ...], what: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise MissingToolError(
        f"{what} not found (looked for {', '.join(names)}): install Debian's chromium and "
        "chromium-driver (`apt-get install -y chromium chromium-driver`; .ci/run does)"
    )


def mermaid_dist() -> Path:
    """The ``dist`` folder of the ``mermaid`` npm package (``make test-browser``)."""
    value = os.environ.get("ARCHDOC_MERMAID_DIST", "")
    dist = Path(value)
    if not value or not (dist / "mermaid.esm.min.mjs").is_file():
        raise MissingToolError(
            "ARCHDOC_MERMAID_DIST does not name the dist folder of the mermaid npm package "
            f"({value or 'unset'}): run `make test-browser`, which installs it with npm"
        )
    return dist


# --- the local web server ---------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    mounts: dict[str, Path]
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
    }

    def __init__(self, *args: Any, mounts: dict[str, Path], **kwargs: Any) -> None:
        self.mounts = mounts
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        first, _, rest = urllib.parse.urlsplit(path).path.lstrip("/").partition("/")
        root = self.mounts.get(first)
        if root is None:
            return str(ARTIFACTS / "no-such-mount")
        self.directory = str(root)
        return super().translate_path("/" + rest)

    def log_message(self, format: str, *args: object) -> None:
        pass


class Server:
    """One HTTP server on 127.0.0.1 for the whole session; folders are mounted
    under a name (``mount("example", outdir)`` serves it at ``/example/``)."""

    def __init__(self) -> None:
        self.mounts: dict[str, Path] = {}
        handler = functools.partial(_Handler, mounts=self.mounts)
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def mount(self, name: str, directory: Path) -> str:
        """Serve ``directory`` at ``/name/``; returns that URL."""
        self.mounts[name] = directory
        return f"{self.base}/{name}/"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


# --- the browser ------------------------------------------------------------


class Browser:
    """Headless Chromium: ``open()`` a page, read it with ``js()``, keep a ``screenshot()``."""

    def __init__(self) -> None:
        binary = find_program(BROWSERS, "Chromium")
        driver_path = find_program(DRIVERS, "chromedriver")
        try:
            from selenium import webdriver
            from selenium.webdriver.chrome.service import Service
        except ImportError as error:  # pragma: no cover - make test-browser installs it
            raise MissingToolError(
                "selenium is not installed: `make test-browser` installs the browser extra"
            ) from error
        options = webdriver.ChromeOptions()
        options.binary_location = binary
        for flag in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--force-color-profile=srgb",
            "--window-size=1300,1000",
        ):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(options=options, service=Service(driver_path))
        self.cdp("Page.addScriptToEvaluateOnNewDocument", source=_RECORD_DIALOGS)

    def close(self) -> None:
        self.driver.quit()

    def cdp(self, command: str, **params: Any) -> Any:
        return self.driver.execute_cdp_cmd(command, params)

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def open(self, url: str, *, width: int = 1300, height: int = 1000, dark: bool = False) -> None:
        """Load ``url`` in a ``width`` px wide viewport, the OS in light or dark
        mode, and wait until every Mermaid diagram on it is drawn."""
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        scheme = "dark" if dark else "light"
        self.cdp(
            "Emulation.setEmulatedMedia",
            features=[{"name": "prefers-color-scheme", "value": scheme}],
        )
        self.driver.get(url)
        self.wait_for_diagrams()

    def wait_for_diagrams(self) -> None:
        deadline = time.monotonic() + DRAW_TIMEOUT
        while time.monotonic() < deadline:
            pending = self.js(
                "return document.readyState !== 'complete' ? -1 : "
                "[...document.querySelectorAll('pre.mermaid')]"
                ".filter(pre => !pre.querySelector('svg[aria-roledescription]')).length"
            )
            if pending == 0:
                return
            time.sleep(0.1)
        raise AssertionError(
            f"{self.driver.current_url}: Mermaid did not draw every diagram within "
            f"{DRAW_TIMEOUT}s; browser console:\n" + "\n".join(self.console())
        )

    def console(self) -> list[str]:
        return [f"{entry['level']}: {entry['message']}" for entry in self.driver.get_log("browser")]

    def dialogs(self) -> list[str]:
        """``alert()``/``confirm()``/``prompt()`` calls the page made (none, ever)."""
        return list(self.js("return window.__archdocDialogs || []"))

    def screenshot(self, name: str, selector: str | None = None, index: int = 0) -> Path:
        """A PNG under ``build/browser/screenshots`` of the viewport, or of the
        ``index``-th element matching ``selector`` (all of it, even beyond the
        viewport)."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        params: dict[str, Any] = {"format": "png"}
        if selector is not None:
            box = self.js(
                "const el = document.querySelectorAll(arguments[0])[arguments[1]];"
                "if (!el) return null; const r = el.getBoundingClientRect();"
                "return {x: r.left + scrollX, y: r.top + scrollY,"
                " width: r.width, height: r.height}",
                selector,
                index,
            )
            assert box, f"nothing to screenshot: {selector!r} #{index}"
            params |= {"clip": {**box, "scale": 1}, "captureBeyondViewport": True}
        data = self.cdp("Page.captureScreenshot", **params)["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def anchor_exists(self, url: str) -> bool:
        """Whether ``url`` loads and its ``#fragment`` names an element."""
        self.driver.get(url)
        fragment = urllib.parse.urlsplit(url).fragment
        found = self.js(
            "return document.title !== '' && (!arguments[0] || "
            "document.getElementById(decodeURIComponent(arguments[0])) !== null)",
            fragment,
        )
        return bool(found)


# --- diagrams ---------------------------------------------------------------

#: Reads every ``pre.mermaid`` of the page, in document order.  Mermaid 11
#: gives a flowchart node ``<g class="node" id="flowchart-KEY-N">``, an edge
#: ``<path class="flowchart-link" id="L_FROM_TO_N">`` and its label
#: ``<g class="label" data-id="L_FROM_TO_N">``; a linked node sits in ``<a>``;
#: a subgraph (a layer, or a C4 view's boundary) is ``<g class="cluster"
#: id="KEY">``, and an edge may end on it.  Labels are read as lines (a
#: ``<br>`` is a new line): ``"Web UI\n[Container: React]"``.  The legend is
#: the ``ul.archdoc-graph-legend`` in the diagram's figure.
_READ_DIAGRAMS = r"""
const text = (el) => {
  if (!el) return "";
  // A <br> Mermaid draws (box labels: title, then [type: technology]) is a
  // new line; every other run of white space is one space.
  const copy = el.cloneNode(true);
  for (const br of copy.querySelectorAll("br")) br.replaceWith("\n");
  return (copy.textContent || "").split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim()).filter((line) => line).join("\n");
};
return [...document.querySelectorAll("pre.mermaid")].map((pre) => {
  const svg = pre.querySelector("svg[aria-roledescription]");
  if (!svg) return null;
  const nodes = {}, links = {}, shapes = {}, clusterLabels = {};
  for (const g of svg.querySelectorAll("g.node")) {
    const match = g.id.match(/^[a-z]+-(.+)-\d+$/);
    const key = match ? match[1] : g.id;
    nodes[key] = text(g.querySelector(".nodeLabel") || g);
    // A plain box is a <rect>; Mermaid draws a stadium (a person) as a path.
    shapes[key] = g.querySelector(":scope > rect.label-container") ? "box" : "rounded";
    const a = g.closest("a");
    if (a) links[key] = a.getAttribute("href") || a.getAttribute("xlink:href") || "";
  }
  for (const g of svg.querySelectorAll("g.cluster")) {
    clusterLabels[g.id] = text(g.querySelector(".cluster-label, .nodeLabel"));
  }
  const labels = {};
  for (const label of svg.querySelectorAll("g.edgeLabel [data-id]")) {
    labels[label.getAttribute("data-id")] = text(label);
  }
  const edges = [...svg.querySelectorAll("path.flowchart-link")].map((path) => {
    const match = path.id.match(/^L_(.+?)_(.+)_\d+$/);
    return match ? [match[1], match[2], labels[path.id] || ""] : [path.id, "?", ""];
  });
  const markup = [...svg.querySelectorAll("foreignObject *, a *")]
    .map((el) => el.localName)
    .filter((name) => !["div", "span", "p", "br", "g", "rect", "path", "text", "tspan",
                         "foreignObject", "circle", "polygon", "line", "title"].includes(name));
  // The legend sits in the diagram's figure (or container), after it.
  const holder = pre.closest("figure, div.archdoc-dependency-graph");
  const legend = holder ? [...holder.querySelectorAll("ul.archdoc-graph-legend li")].map(text) : [];
  const error = svg.getAttribute("aria-roledescription") === "error" ? text(svg) : "";
  return {nodes, links, edges, markup, shapes, legend, error,
          clusters: Object.values(clusterLabels), clusterLabels,
          width: svg.getBoundingClientRect().width};
});
"""


@dataclass(frozen=True)
class Diagram:
    """One drawn diagram, as a reader sees it (labels, not Mermaid IDs)."""

    nodes: tuple[str, ...]  # box labels, sorted
    edges: tuple[tuple[str, str, str], ...]  # (from label, to label, edge label), sorted
    links: dict[str, str]  # box label -> href
    clusters: tuple[str, ...]  # group labels, sorted
    people: tuple[str, ...]  # labels of the boxes drawn rounded (people), sorted
    legend: tuple[str, ...]  # the lines of the legend under the diagram
    markup: tuple[str, ...]  # elements inside labels that are not Mermaid's own
    error: str  # Mermaid's "Syntax error" text, if it drew that instead
    width: float


@dataclass(frozen=True)
class Expected:
    """What the model says a diagram shows; ``None`` leaves a part unchecked."""

    nodes: tuple[str, ...]
    edges: tuple[tuple[str, str, str], ...] | None = None
    links: dict[str, str] | None = None
    clusters: tuple[str, ...] | None = None
    #: The boxes drawn as people (rounded); every other box must be a plain box.
    people: tuple[str, ...] | None = None


def read_diagrams(browser: Browser) -> list[Diagram]:
    diagrams = []
    for raw in browser.js(_READ_DIAGRAMS):
        assert raw is not None, "a diagram was not drawn"
        # An edge may end on a group (a C4 boundary): its label names it.
        label = {**raw["clusterLabels"], **raw["nodes"]}
        diagrams.append(
            Diagram(
                nodes=tuple(sorted(raw["nodes"].values())),
                edges=tuple(
                    sorted((label.get(a, a), label.get(b, b), text) for a, b, text in raw["edges"])
                ),
                links={label.get(key, key): href for key, href in raw["links"].items()},
                clusters=tuple(sorted(raw["clusters"])),
                people=tuple(
                    sorted(label[key] for key, shape in raw["shapes"].items() if shape != "box")
                ),
                legend=tuple(raw["legend"]),
                markup=tuple(raw["markup"]),
                error=raw["error"],
                width=raw["width"],
            )
        )
    return diagrams


def diagram_problems(seen: Diagram, expected: Expected) -> list[str]:
    """Every way ``seen`` differs from ``expected`` (empty: the reader sees the model)."""
    problems = []
    if seen.error:
        problems.append(f"Mermaid drew an error instead of the diagram: {seen.error!r}")
    if seen.markup:
        problems.append(f"labels carry markup a reader would not type: {sorted(set(seen.markup))}")
    if seen.width <= 0:
        problems.append("the diagram has no width")
    checks: list[tuple[str, object, object]] = [
        ("boxes", seen.nodes, tuple(sorted(expected.nodes)))
    ]
    if expected.edges is not None:
        checks.append(("edges", seen.edges, tuple(sorted(expected.edges))))
    if expected.links is not None:
        checks.append(("links", seen.links, expected.links))
    if expected.clusters is not None:
        checks.append(("groups", seen.clusters, tuple(sorted(expected.clusters))))
    if expected.people is not None:
        checks.append(("people (rounded boxes)", seen.people, tuple(sorted(expected.people))))
    for what, got, want in checks:
        if got != want:
            problems.append(f"{what} differ from the model:\n  seen:     {got}\n  expected: {want}")
    return problems


# --- colours ----------------------------------------------------------------

_RGB_RE = re.compile(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)")


def rgb(css: str) -> tuple[int, int, int]:
    """``rgb(1, 2, 3)`` or ``#010203`` as a tuple."""
    if css.startswith("#"):
        return (int(css[1:3], 16), int(css[3:5], 16), int(css[5:7], 16))
    match = _RGB_RE.match(css)
    assert match, f"not a colour: {css!r}"
    red, green, blue = (round(float(part)) for part in match.groups())
    return (red, green, blue)


def luminance(colour: tuple[int, int, int]) -> float:
    """WCAG relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    """WCAG contrast ratio (1 to 21)."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# --- findings that do not fail a test -----------------------------------------

#: Things a test saw and reports without failing (known gaps with an open
#: issue); printed after the run and written to ``build/browser/report.txt``.
NOTES: list[str] = []


def note(text: str) -> None:
    NOTES.append(text)
