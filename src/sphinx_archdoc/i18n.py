"""Translation of the messages and labels sphinx-archdoc produces.

Every user-visible string the extension writes (warnings, ConfigError
messages, column headers, kind labels, notices, legends, CLI messages) goes
through :func:`_`, with a literal English msgid, so ``pybabel extract -k _
-k N_`` finds it (see ``make locale``).  User data (IDs, titles, field values,
configured enum values) is never translated.

This is the only Sphinx import the pure core uses: ``sphinx.locale`` needs no
application, and until a build registers the catalog (``add_message_catalog``
in :mod:`sphinx_archdoc.sphinx_setup`, which picks it by the ``language``
config value) :func:`_` is the identity, so the core runs and is tested
without Sphinx ever being set up.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation

#: Name of the ``.pot``, ``.po`` and ``.mo`` files.
MESSAGE_CATALOG = "sphinx_archdoc"
#: ``<LOCALE_DIR>/<language>/LC_MESSAGES/sphinx_archdoc.mo``
LOCALE_DIR = Path(__file__).parent / "locale"

_translate = get_translation(MESSAGE_CATALOG)


def _(message: str) -> str:
    """The message in the build's language; the English text when there is no catalog."""
    return str(_translate(message))


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a string for extraction without translating it now (module-level
    constants are translated where they are used, once the language is known)."""
    return message
