"""The compatibility matrix: the test suite on every supported Sphinx line.

``make test-matrix`` (or ``nox -s tests``) runs it. Interpreters that are not
installed are skipped, not failed, so the matrix runs on any machine; the
interpreters that did run are listed in nox's summary.  In CI (``CI`` set) a
missing interpreter fails the run: the matrix is a promise there.
"""

from __future__ import annotations

import os

import nox

nox.options.error_on_missing_interpreters = bool(os.environ.get("CI"))
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["tests"]

#: (python, Sphinx requirement, id). pip picks the docutils each Sphinx allows.
MATRIX = [
    ("3.11", "sphinx~=7.4.0", "sphinx7.4"),
    ("3.11", "sphinx>=8,<9", "sphinx8-py3.11"),
    ("3.12", "sphinx>=8,<9", "sphinx8-py3.12"),
    ("3.11", "sphinx~=9.0.0", "sphinx9.0"),
    ("3.13", "sphinx>=9,<10", "sphinx9-latest"),
]


@nox.session
@nox.parametrize(
    ("python", "sphinx"),
    [(python, requirement) for python, requirement, _ in MATRIX],
    ids=[name for _, _, name in MATRIX],
)
def tests(session: nox.Session, sphinx: str) -> None:
    """Run pytest against one Sphinx line (deprecation warnings are errors)."""
    session.install("-e", ".[test,myst]", sphinx)
    session.run(
        "python",
        "-c",
        "import sys, sphinx, docutils, myst_parser; "
        "print('python', sys.version.split()[0], '| sphinx', sphinx.__version__, "
        "'| docutils', docutils.__version__, '| myst-parser', myst_parser.__version__)",
    )
    session.run(
        "python", "-m", "pytest", "-q", "-n", "auto", "-p", "no:cacheprovider", *session.posargs
    )
    # The example uses every feature: it must build warning-free on every line too.
    tmp = session.create_tmp()
    for builder in ("html", "latex", "text"):
        session.run(
            "sphinx-build",
            "-q",
            "-b",
            builder,
            "-nW",
            "--keep-going",
            "example_project",
            f"{tmp}/example-{builder}",
        )


#: A Python parser of the Structurizr DSL (the reference parser is Java).
STRUCTURIZR_PARSER = "c4studio==0.3.0"


@nox.session(python="3.13")
def structurizr(session: nox.Session) -> None:
    """Parse our Structurizr DSL export with a real DSL parser (tests/structurizr_parser).

    ``c4studio`` needs Python 3.13, hence a session of its own rather than a
    dependency of ``make test``."""
    session.install("-e", ".[test,myst]", STRUCTURIZR_PARSER)
    session.run(
        "python",
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--structurizr-parser",
        "tests/structurizr_parser",
        *session.posargs,
    )
