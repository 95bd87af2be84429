"""Render the example project in headless Chromium and save screenshots.

Usage::

    python scripts/screenshots.py [--themes alabaster,furo,...] [--out DIR]
                                  [--mermaid-dist DIR]

Builds ``example_project/`` once per theme (themes that are not installed are
skipped), serves each build over a local HTTP server (Mermaid is an ES module,
which browsers do not load from ``file://``), and saves a light and a dark
screenshot of each view in :data:`VIEWS` (a page, scrolled to a section).
``--mermaid-dist`` points at the ``dist`` folder of the ``mermaid`` npm
package (``npm pack mermaid``) for machines without access to the CDN;
without it the page loads Mermaid from jsDelivr.

Needs Debian's ``chromium`` (or ``chromium-browser`` / ``google-chrome``).
``make test-browser`` (``tests/browser``) checks the same pages with assertions.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example_project"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
THEMES = {
    "alabaster": "alabaster",
    "furo": "furo",
    "pydata-sphinx-theme": "pydata_sphinx_theme",
    "sphinx-rtd-theme": "sphinx_rtd_theme",
}
#: How long Chromium lets scripts run (virtual time) before capturing.
SCRIPT_BUDGET_MS = 15000
#: What to look at: name -> page and section of the example project.
VIEWS = {
    "graph": "summary.html#dependencies",
    "questions-status": "summary.html#open-questions-and-document-status",
    "findings": "findings.html",
    "question-blocks": "questions.html",
    "storage-strategy": "data-architecture.html#storage-strategy",
    "status-block": "index.html",
    "components": "logical-view.html#application-layer",
}
#: A page that shows another page, scrolled to its section, in a full-window
#: frame: headless Chromium screenshots the top of a page, not the anchor.
_FRAME = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
    "html,body{{margin:0;height:100%}}iframe{{border:0;width:100%;height:100%}}"
    "</style></head><body><iframe src='{src}'></iframe></body></html>"
)


def find_browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def theme_installed(theme: str) -> bool:
    return theme == "alabaster" or importlib.util.find_spec(THEMES[theme]) is not None


def build_site(srcdir: Path, outdir: Path, theme: str, mermaid_dist: Path | None) -> Path:
    """Build ``srcdir`` as HTML with ``theme``; a local Mermaid copy when given."""
    overrides = ["-D", f"html_theme={THEMES[theme]}"]
    if theme == "sphinx-rtd-theme":
        overrides += ["-D", "extensions=sphinx_archdoc,myst_parser,sphinx_rtd_theme"]
    if mermaid_dist is not None:
        shutil.copytree(mermaid_dist, outdir / "_mermaid", dirs_exist_ok=True)
        overrides += ["-D", "mermaid_use_local=/_mermaid/mermaid.esm.min.mjs"]
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-q",
        "-E",
        *overrides,
        str(srcdir),
        str(outdir),
    ]
    subprocess.run(command, check=True)  # noqa: S603 - our own argv
    return outdir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free local port for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _browser_command(
    browser: str, profile: str, *, dark: bool, width: int, height: int
) -> list[str]:
    command = [
        browser,
        "--headless",
        f"--user-data-dir={profile}",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        f"--window-size={width},{height}",
        f"--virtual-time-budget={SCRIPT_BUDGET_MS}",
        "--run-all-compositor-stages-before-draw",
    ]
    if dark:
        command.append("--force-dark-mode")
    return command


def screenshot(
    browser: str, url: str, path: Path, *, dark: bool = False, width: int = 1280, height: int = 2400
) -> Path:
    with tempfile.TemporaryDirectory(prefix="archdoc-chromium-") as profile:
        command = _browser_command(browser, profile, dark=dark, width=width, height=height)
        command += [f"--screenshot={path}", url]
        subprocess.run(command, check=True, capture_output=True, timeout=90)  # noqa: S603
    return path


def dump_dom(browser: str, url: str) -> str:
    """The page's DOM after its scripts ran (Mermaid diagrams drawn)."""
    with tempfile.TemporaryDirectory(prefix="archdoc-chromium-") as profile:
        command = _browser_command(browser, profile, dark=False, width=1280, height=2000)
        command += ["--dump-dom", url]
        done = subprocess.run(  # noqa: S603 - our own argv
            command, check=True, capture_output=True, timeout=120, text=True
        )
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--themes", default=",".join(THEMES))
    parser.add_argument("--views", default=",".join(VIEWS))
    parser.add_argument("--out", type=Path, default=ROOT / "example_project" / "_build" / "shots")
    parser.add_argument("--mermaid-dist", type=Path, default=None)
    args = parser.parse_args(argv)
    browser = find_browser()
    if browser is None:
        print("no Chromium found (install Debian's 'chromium'); nothing to do")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for theme in args.themes.split(","):
        if theme not in THEMES:
            parser.error(f"unknown theme {theme!r}; known: {', '.join(THEMES)}")
        if not theme_installed(theme):
            print(f"{theme}: not installed, skipped")
            continue
        site = build_site(EXAMPLE, args.out / "sites" / theme, theme, args.mermaid_dist)
        for view in args.views.split(","):
            (site / f"_shot-{view}.html").write_text(
                _FRAME.format(src=VIEWS[view]), encoding="utf-8"
            )
        with serve(site) as base:
            for view in args.views.split(","):
                for dark in (False, True):
                    name = f"{theme}-{view}-{'dark' if dark else 'light'}.png"
                    url = f"{base}/_shot-{view}.html"
                    try:
                        screenshot(browser, url, args.out / name, dark=dark, height=1400)
                    except subprocess.TimeoutExpired:
                        # Headless Chromium's virtual time sometimes never ends.
                        print(f"{name}: timed out, skipped")
                        continue
                    print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
