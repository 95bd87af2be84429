"""``python -m sphinx_archdoc``: the same as the ``sphinx-archdoc`` command."""

import sys

from sphinx_archdoc.cli import main

if __name__ == "__main__":
    sys.exit(main())
