"""The ``sphinx-archdoc`` command: ``init`` a System Architecture Document,
``check`` a project (the CI gate), ``export`` a built ``archdoc.json`` to
another tool's format.

Exit codes of ``check``: 0 when no check at severity ``warning`` fired, 1 when
one did, 2 on usage or configuration errors.  ``init`` exits 0 when it wrote
the skeleton, 1 when it would overwrite files (nothing is written), 2 on usage
errors.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import shlex
import sys
import tempfile
import unicodedata
from collections.abc import Sequence
from importlib import resources
from io import StringIO
from pathlib import Path
from typing import Any, TextIO

from docutils.utils import column_width

from sphinx_archdoc import __version__
from sphinx_archdoc.core.export import ExternalDataError, parse_json, validate_document
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.index import today_from_environment
from sphinx_archdoc.core.structurizr import workspace

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

SOURCE_SUFFIXES = (".rst", ".md")
_ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")


class UsageError(Exception):
    """A problem with the command line or the project's configuration."""


# -- init ------------------------------------------------------------------------


#: ``init --template`` -> the folder of ``templates/`` holding its skeletons.
TEMPLATES = {"sad": "init", "arc42": "arc42"}


def _templates(markup: str, template: str = "sad") -> dict[str, str]:
    """Relative path -> template text of one markup's skeleton."""
    root = resources.files("sphinx_archdoc").joinpath("templates", TEMPLATES[template], markup)
    found: dict[str, str] = {}
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        for entry in folder.iterdir():
            name = f"{prefix}{entry.name}"
            if entry.is_dir():
                stack.append((entry, name + "/"))
            elif entry.name.endswith((".rst", ".md", ".py_t")):
                # conf.py_t: a template (its placeholders are not Python), written as conf.py.
                found[name.removesuffix("_t")] = entry.read_text(encoding="utf-8")
    return dict(sorted(found.items()))


_PLACEHOLDER_RE = re.compile(r"\{\{([A-Z_]+)\}\}")
#: ASCII punctuation: a backslash before any of these makes it plain text, in
#: reStructuredText and in Markdown (CommonMark) alike.
_MARKUP_RE = re.compile(r"([!-/:-@\[-`{-~])")
#: Characters a project name cannot hold: they would end a line of a generated
#: file (control characters, line and paragraph separators) or cannot be written
#: as UTF-8 (lone surrogates from an undecodable folder name).
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})


def _fill(text: str, values: dict[str, str]) -> str:
    """Every ``{{NAME}}`` replaced in one pass, so a value is never filled again."""
    return _PLACEHOLDER_RE.sub(lambda match: values[match.group(1)], text)


def _plain_markup(text: str) -> str:
    """``text`` as markup that shows exactly ``text`` (a title, in reST or MyST)."""
    return _MARKUP_RE.sub(r"\\\1", text)


def project_name(given: str | None, directory: Path) -> str:
    """The project name ``init`` writes: ``--project``, else the folder's name.

    Raises :class:`UsageError` for a name no generated file could hold.
    """
    name = (given if given is not None else directory.resolve().name).strip()
    bad = sorted({char for char in name if unicodedata.category(char) in _FORBIDDEN_CATEGORIES})
    if bad:
        shown = ", ".join(f"U+{ord(char):04X}" for char in bad)
        source = "--project" if given is not None else _("the folder name (use --project)")
        raise UsageError(
            _("{source} holds characters a project name cannot have: {chars}").format(
                source=source, chars=shown
            )
        )
    return name or "Architecture"


def _today() -> dt.date:
    return today_from_environment()


def init_files(
    directory: Path, markup: str, project: str, template: str = "sad"
) -> dict[Path, str]:
    """The files ``init`` writes: the architecture pages, and ``conf.py`` and a
    root ``index`` when the folder is not yet a Sphinx project.

    User text reaches them only as escaped literals: a Python string literal
    (``repr``) in ``conf.py``, markup-escaped text in page titles.
    """
    today = _today()
    title = _plain_markup(project)
    values = {
        "PROJECT_TITLE": title,
        # docutils measures a title by its display width (wide CJK and emoji count twice).
        "PROJECT_UNDERLINE": "=" * max(column_width(title), 3),
        "PROJECT_LITERAL": repr(project),
        "AUTHOR_LITERAL": repr(f"{project} architecture team"),
        "COPYRIGHT_LITERAL": repr(f"{today.year}, {project} architecture team"),
        "DATE": today.isoformat(),
        "DATE_LITERAL": repr(today.isoformat()),
        "NEXT_REVIEW": (today + dt.timedelta(days=90)).isoformat(),
    }
    new_project = not (directory / "conf.py").is_file()
    files: dict[Path, str] = {}
    for name, text in _templates(markup, template).items():
        if not name.startswith("architecture/") and not new_project:
            continue
        files[directory / name] = _fill(text, values)
    return files


def _in_the_way(directory: Path, files: Sequence[Path]) -> list[str]:
    """What stops ``init`` from writing ``files``: a folder where a file goes, a
    file where a folder goes, a symbolic link (never written through)."""
    problems: list[str] = []
    seen: set[Path] = set()
    for path in files:
        parents = [
            p for p in reversed(path.parents) if p.is_relative_to(directory) and p != directory
        ]
        for folder in parents:
            if folder in seen:
                continue
            seen.add(folder)
            if folder.is_symlink():
                problems.append(_("{path} is a symbolic link").format(path=folder))
            elif folder.exists() and not folder.is_dir():
                problems.append(_("{path} is in the way: it is not a folder").format(path=folder))
        if path.is_symlink():
            problems.append(_("{path} is a symbolic link").format(path=path))
        elif path.exists() and not path.is_file():
            problems.append(_("{path} is in the way: it is not a file").format(path=path))
    return problems


def write_all(files: dict[Path, str]) -> None:
    """Write every file, or none: each is written beside its target first and
    renamed into place only when all are written.  Raises :class:`OSError`."""
    created: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in files.items():
            missing = [p for p in reversed(path.parents) if not p.exists()]
            path.parent.mkdir(parents=True, exist_ok=True)
            created.extend(missing)
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            staged.append((Path(name), path))
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
    except BaseException:
        for temporary, _target in staged:
            temporary.unlink(missing_ok=True)
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    for temporary, target in staged:
        os.replace(temporary, target)


def run_init(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    directory = Path(args.directory)
    if directory.exists() and not directory.is_dir():
        raise UsageError(_("{path} exists and is not a folder").format(path=directory))
    project = project_name(args.project, directory)
    new_project = not (directory / "conf.py").is_file()
    files = init_files(directory, args.markup, project, args.template)
    blocked = _in_the_way(directory, list(files))
    if blocked:
        err.write(_("sphinx-archdoc init: nothing was written:") + "\n")
        for problem in blocked:
            err.write(f"  {problem}\n")
        return EXIT_FINDINGS
    other_markup = sorted(
        sibling
        for path in files
        if path.suffix in SOURCE_SUFFIXES
        for sibling in (path.with_suffix(suffix) for suffix in SOURCE_SUFFIXES)
        if sibling != path and sibling.exists()
    )
    if other_markup:
        err.write(
            _(
                "sphinx-archdoc init: these pages exist in another markup "
                "(remove them first, even with --force):"
            )
            + "\n"
        )
        for path in other_markup:
            err.write(f"  {path}\n")
        return EXIT_FINDINGS
    existing = sorted(path for path in files if path.exists())
    if existing and not args.force:
        err.write(_("sphinx-archdoc init: these files exist (use --force to overwrite):") + "\n")
        for path in existing:
            err.write(f"  {path}\n")
        return EXIT_FINDINGS
    try:
        write_all(files)
    except OSError as exc:
        err.write(
            _("sphinx-archdoc init: nothing was written: {problem}").format(problem=exc) + "\n"
        )
        return EXIT_FINDINGS
    for path in files:
        out.write(_("wrote {path}").format(path=path) + "\n")
    if not new_project:
        needs = '"sphinx_archdoc", "myst_parser"' if args.markup == "md" else '"sphinx_archdoc"'
        message = _(
            "{conf} exists and was left alone: make sure its extensions "
            "include {needs}, and add 'architecture/index' to a toctree."
        ).format(conf=directory / "conf.py", needs=needs)
        out.write(f"\n{message}\n")
    else:
        message = _("Build it with: {command}").format(
            command=f"sphinx-build -W {shlex.quote(str(directory))} "
            f"{shlex.quote(str(directory / '_build' / 'html'))}"
        )
        out.write(f"\n{message}\n")
    return EXIT_OK


# -- check -----------------------------------------------------------------------


def _overrides(pairs: Sequence[str]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(_("-D expects name=value, got {value!r}").format(value=pair))
        result[name.strip()] = value
    return result


def _location(app: Any, docname: str | None, lineno: int | None, source: str | None) -> str:
    if source:
        path = Path(app.srcdir, source)
    elif docname:
        try:
            path = Path(app.env.doc2path(docname))
        except Exception:
            path = Path(docname)
    else:
        path = Path(app.confdir) / "conf.py"
    # Relative to the working directory when inside it (what CI logs show).
    absolute = path.resolve()
    shown = str(absolute)
    if absolute.is_relative_to(Path.cwd()):
        shown = str(absolute.relative_to(Path.cwd()))
    return f"{shown}:{lineno}" if lineno else shown


def run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    from sphinx_archdoc.domain import get_domain

    srcdir = Path(args.srcdir)
    if not (srcdir / "conf.py").is_file():
        raise UsageError(_("{path} is not a Sphinx source folder (no conf.py)").format(path=srcdir))
    overrides = _overrides(args.define or [])
    warnings = StringIO()
    with (
        tempfile.TemporaryDirectory(prefix="sphinx-archdoc-") as tmp,
        patch_docutils(srcdir),
        docutils_namespace(),
    ):
        try:
            app = Sphinx(
                srcdir,
                srcdir,
                Path(tmp) / "out",
                Path(tmp) / "doctrees",
                "archdoc",
                confoverrides=overrides,
                status=None,
                warning=warnings,
                freshenv=True,
                keep_going=True,
                parallel=args.jobs,
            )
            app.build(force_all=True)
        except SphinxError as exc:
            if "archdoc" in str(exc) and "Builder name" in str(exc):
                # The archdoc builder comes with the extension.
                raise UsageError(
                    _("{conf}: 'sphinx_archdoc' is not in extensions").format(
                        conf=srcdir / "conf.py"
                    )
                ) from None
            raise UsageError(f"{exc.category}: {exc}") from None
        index = get_domain(app.env).index()
        records = [
            {
                "check": f.check,
                "severity": f.severity,
                "message": f.message,
                "docname": f.docname,
                "lineno": f.lineno,
                "location": _location(app, f.docname, f.lineno, f.source),
            }
            for f in index.findings
        ]
    other = [
        _ANSI_RE.sub("", line)
        for line in warnings.getvalue().splitlines()
        if line.strip() and "[archdoc." not in line
    ]
    for line in other:
        err.write(line + "\n")
    counts = {
        "warning": sum(1 for r in records if r["severity"] == "warning"),
        "info": sum(1 for r in records if r["severity"] == "info"),
    }
    if args.format == "json":
        out.write(json.dumps({"findings": records, "counts": counts}, indent=2) + "\n")
    else:
        for r in records:
            out.write(f"{r['location']}: {r['severity']}: {r['message']} [archdoc.{r['check']}]\n")
        summary = _("{warnings} warning(s), {infos} info").format(
            warnings=counts["warning"], infos=counts["info"]
        )
        out.write(summary + "\n")
    return EXIT_FINDINGS if counts["warning"] else EXIT_OK


# -- export ------------------------------------------------------------------------

EXPORT_FORMATS = ("structurizr",)


def run_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write another tool's format from a built ``archdoc.json``."""
    source = Path(args.source)
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise UsageError(
            _("cannot read {path}: {problem}").format(path=source, problem=exc.strerror or exc)
        ) from None
    try:
        document = parse_json(raw)
        validate_document(document)
    except ExternalDataError as exc:
        raise UsageError(f"{source}: {exc}") from None
    text = workspace(document)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        out.write(text)
    return EXIT_OK


# -- the command -------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="sphinx-archdoc",
        description="Architecture documentation as code for Sphinx.",
    )
    main_parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = main_parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    init = commands.add_parser(
        "init",
        help="write a System Architecture Document skeleton",
        description=(
            "Write a complete System Architecture Document skeleton (every section, "
            "using the sphinx-archdoc directives) into DIR/architecture/, with a conf.py "
            "and a root index when DIR is not yet a Sphinx project. Existing files are "
            "never overwritten without --force."
        ),
    )
    init.add_argument(
        "directory", metavar="DIR", help="the Sphinx source folder (created if needed)"
    )
    init.add_argument(
        "--markup",
        choices=("md", "rst"),
        default="rst",
        help="MyST Markdown or reStructuredText (default: rst)",
    )
    init.add_argument(
        "--template",
        choices=tuple(TEMPLATES),
        default="sad",
        help="sad: a System Architecture Document (default); arc42: the twelve arc42 sections",
    )
    init.add_argument("--project", help="project name for a new conf.py (default: the folder name)")
    init.add_argument("--force", action="store_true", help="overwrite existing files")

    check = commands.add_parser(
        "check",
        help="read a project and print its findings (the CI gate)",
        description=(
            "Read the Sphinx project in SRCDIR without writing HTML, run every check and print "
            "the findings. Exit status: 0 when no check at severity 'warning' fired, 1 when one "
            "did, 2 on usage or configuration errors."
        ),
    )
    check.add_argument("srcdir", metavar="SRCDIR", help="the Sphinx source folder (with conf.py)")
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    check.add_argument(
        "-D",
        dest="define",
        action="append",
        metavar="name=value",
        help="override a conf.py value, as sphinx-build -D (repeatable)",
    )
    check.add_argument(
        "-j", "--jobs", type=int, default=1, metavar="N", help="read in N processes (default: 1)"
    )

    export = commands.add_parser(
        "export",
        help="write a built archdoc.json in another tool's format",
        description=(
            "Read BUILD/archdoc.json (written by an HTML build) and print it in another "
            "tool's format: 'structurizr' is a Structurizr DSL workspace (people, software "
            "systems, containers and components with their hierarchy, relationships with "
            "description and technology, a system context and a container view per system)."
        ),
    )
    export.add_argument("source", metavar="ARCHDOC_JSON", help="the archdoc.json of a build")
    export.add_argument(
        "--format", choices=EXPORT_FORMATS, required=True, help="the format to write"
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    out, err = sys.stdout, sys.stderr
    try:
        if args.command == "init":
            return run_init(args, out, err)
        if args.command == "export":
            return run_export(args, out, err)
        return run_check(args, out, err)
    except UsageError as exc:
        message = _("sphinx-archdoc {command}: error: {problem}").format(
            command=args.command, problem=exc
        )
        err.write(message + "\n")
        return EXIT_USAGE
