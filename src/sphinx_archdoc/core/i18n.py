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

from sphinx import locale as sphinx_locale
from sphinx.locale import get_translation

#: Name of the ``.pot``, ``.po`` and ``.mo`` files.
MESSAGE_CATALOG = "sphinx_archdoc"
#: ``<LOCALE_DIR>/<language>/LC_MESSAGES/sphinx_archdoc.mo``
LOCALE_DIR = Path(__file__).parent.parent / "locale"

_translate = get_translation(MESSAGE_CATALOG)

#: Messages already translated, for the catalog they were translated with:
#: item blocks and tables ask for the same labels thousands of times a build.
_memo: dict[str, str] = {}
_memo_catalog: list[object] = [None]


def _(message: str) -> str:
    """The message in the build's language; the English text when there is no catalog."""
    catalog = sphinx_locale.translators.get(("general", MESSAGE_CATALOG))
    if catalog is not _memo_catalog[0]:
        # Another build (or language) registered its catalog: start afresh.
        _memo.clear()
        _memo_catalog[0] = catalog
    translated = _memo.get(message)
    if translated is None:
        translated = _memo[message] = str(_translate(message))
    return translated


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a string for extraction without translating it now (module-level
    constants are translated where they are used, once the language is known)."""
    return message
