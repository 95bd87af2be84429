"""Translation of the messages and labels sphinx-archdoc produces.

Every user-visible string the extension writes (warnings, ConfigError
messages, column headers, kind labels, notices, legends, CLI messages) goes
through :func:`_`, with a literal English msgid, so ``pybabel extract -k _
-k N_`` finds it (see ``make locale``).  User data (IDs, titles, field values,
configured enum values) is never translated.

The catalog is the build's: :mod:`sphinx_archdoc.sphinx_setup` loads the one
of the ``language`` config value when the builder starts (plain
:mod:`gettext`, not Sphinx's process-wide registry, so one build's language
never stays behind for the next); until then :func:`_` is the identity, so
the core runs and is tested without Sphinx ever being set up.
"""

from __future__ import annotations

import gettext
from pathlib import Path

#: Name of the ``.pot``, ``.po`` and ``.mo`` files.
MESSAGE_CATALOG = "sphinx_archdoc"
#: ``<LOCALE_DIR>/<language>/LC_MESSAGES/sphinx_archdoc.mo``
LOCALE_DIR = Path(__file__).parent.parent / "locale"


class Catalog:
    """The messages of one language, for one build.

    Made at ``builder-inited`` (:func:`catalog_for`) and installed with
    :func:`use`; it remembers the messages it has translated (item blocks
    and tables ask for the same labels thousands of times a build), so the
    memo lives and dies with the build's catalog.
    """

    def __init__(self, translations: gettext.NullTranslations, language: str | None) -> None:
        self.language = language
        self._translations = translations
        self._memo: dict[str, str] = {}

    def gettext(self, message: str) -> str:
        translated = self._memo.get(message)
        if translated is None:
            translated = self._memo[message] = self._translations.gettext(message)
        return translated


def catalog_for(language: str | None) -> Catalog:
    """The catalog of ``language`` (``de_AT`` falls back to ``de``); English,
    the messages as written, when there is none."""
    languages = None
    if language:
        languages = [language, language.split("_")[0]] if "_" in language else [language]
    translations = gettext.translation(
        MESSAGE_CATALOG, localedir=LOCALE_DIR, languages=languages, fallback=True
    )
    return Catalog(translations, language)


#: The messages as written: what the core says outside any build.
ENGLISH = Catalog(gettext.NullTranslations(), None)

#: The catalog of the build being run.  A build installs its own when its
#: builder starts and again before it reads (two applications in one process
#: each speak their own language); outside a build it is English.
_current: list[Catalog] = [ENGLISH]


def use(catalog: Catalog) -> None:
    """Install the catalog of the build about to run."""
    _current[0] = catalog


def _(message: str) -> str:
    """The message in the build's language; the English text when there is no catalog."""
    return _current[0].gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a string for extraction without translating it now (module-level
    constants are translated where they are used, once the language is known)."""
    return message
