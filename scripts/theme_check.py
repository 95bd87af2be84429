"""Build the example project with every supported theme and screenshot it.

``make themes`` runs this in its own virtual environment (the ``themes``
extra). Each theme builds ``example_project/`` with ``-nW --keep-going`` into
``example_project/_build/themes/<theme>/``; where a Chromium is installed,
headless screenshots of the pages that show item blocks and summary tables go
to ``example_project/_build/themes/screenshots/<theme>-<page>.png`` for a
human to look at. Not part of ``make test``: it needs the themes, a browser
and time.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example_project"
OUT = EXAMPLE / "_build" / "themes"
THEMES = ("alabaster", "furo", "sphinx_rtd_theme", "pydata_sphinx_theme", "sphinx_book_theme")
#: Pages worth looking at (item blocks, the generated summaries) and the
#: window height that shows all of each.
PAGES = {"logical-view": 2000, "risks": 2600, "summary": 7000}
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def build(theme: str) -> bool:
    outdir = OUT / theme
    shutil.rmtree(outdir, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-nW",
        "--keep-going",
        "-q",
        "-E",
        "-D",
        f"html_theme={theme}",
        "-d",
        str(OUT / ".doctrees" / theme),
        str(EXAMPLE),
        str(outdir),
    ]
    print(f"== {theme}: building", flush=True)
    result = subprocess.run(command, check=False)  # noqa: S603 - our own command line
    return result.returncode == 0


def screenshot(browser: str, theme: str, page: str, width: int, height: int) -> Path | None:
    """A PNG of one page; ``height`` is the browser window's (the whole PNG)."""
    html = OUT / theme / f"{page}.html"
    if not html.is_file():
        return None
    target = OUT / "screenshots" / f"{theme}-{page}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="archdoc-chromium-") as profile:
        command = [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--screenshot={target}",
            html.as_uri(),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=120)  # noqa: S603
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            print(f"   screenshot of {page} failed: {exc}", file=sys.stderr)
            return None
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("themes", nargs="*", default=list(THEMES), help="themes to build")
    parser.add_argument("--no-screenshots", action="store_true")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, help="window height (default: per page)")
    args = parser.parse_args(argv)

    failed = [theme for theme in args.themes if not build(theme)]
    browser = next((b for b in BROWSERS if shutil.which(b)), None)
    if args.no_screenshots:
        pass
    elif browser is None:
        print("No Chromium found: builds checked, no screenshots taken.")
    else:
        for theme in args.themes:
            if theme in failed:
                continue
            for page, height in PAGES.items():
                shot = screenshot(browser, theme, page, args.width, args.height or height)
                if shot is not None:
                    print(f"   {shot.relative_to(ROOT)}")
    if failed:
        print(f"Failed with -nW: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"All {len(args.themes)} themes built without warnings.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
