"""Check the built distributions: the wheel ships every data file of the package.

Used by ``make dist`` after ``python -m build`` and ``twine check``. Every
non-Python file under ``src/sphinx_archdoc`` (the stylesheet, the JSON
schema, ``py.typed``...) must be in the wheel, and the sdist must hold the
sources, tests and docs.
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "sphinx_archdoc"
#: Files that must be in every wheel, whatever else is added later.
REQUIRED = (
    "sphinx_archdoc/static/archdoc.css",
    "sphinx_archdoc/schema/archdoc.schema.json",
    "sphinx_archdoc/py.typed",
)
SDIST_REQUIRED = ("pyproject.toml", "README.md", "LICENSE", "src/sphinx_archdoc/__init__.py")


def package_data_files() -> list[str]:
    return sorted(
        f"sphinx_archdoc/{path.relative_to(PACKAGE).as_posix()}"
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    )


def check_wheel(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    wanted = sorted({*REQUIRED, *package_data_files()})
    problems = [f"{wheel.name}: missing {name}" for name in wanted if name not in names]
    schemas = [n for n in names if n.startswith("sphinx_archdoc/schema/") and n.endswith(".json")]
    print(f"{wheel.name}: {len(names)} files, {len(wanted)} of them data files")
    if schemas:
        print(f"{wheel.name}: JSON schemas: {', '.join(sorted(schemas))}")
    return problems


def check_sdist(sdist: Path) -> list[str]:
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    return [f"{sdist.name}: missing {name}" for name in SDIST_REQUIRED if name not in names]


def main(argv: list[str]) -> int:
    dist = Path(argv[0] if argv else "dist")
    wheels, sdists = sorted(dist.glob("*.whl")), sorted(dist.glob("*.tar.gz"))
    problems = [] if wheels and sdists else [f"{dist}: expected a wheel and an sdist"]
    for wheel in wheels:
        problems += check_wheel(wheel)
    for sdist in sdists:
        problems += check_sdist(sdist)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
