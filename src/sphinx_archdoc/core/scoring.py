"""Risk scoring: score = impact rank x probability rank; band from the score.

Ranks start at 1 for the lowest level of ``archdoc_risk_levels``; a band
covers every score from its minimum up to the next band's minimum.  Pure: no
Sphinx import but the message helper :mod:`sphinx_archdoc.core.i18n`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sphinx_archdoc.core.config import ArchConfig, achievable_scores
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.model import Item

#: Mitigation texts that only hold the place of one (template leftovers).
_PLACEHOLDER_RE = re.compile(
    r"^\s*(?:tbd|tba|todo|n/?a|none|-+|\?+|\.{3}|\[[^\]]*\])\s*\.?\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class BandRange:
    """One band with the scores it covers on the configured scale."""

    name: str
    minimum: int
    maximum: int  # inclusive; the highest reachable score of the band

    @property
    def label(self) -> str:
        if self.minimum == self.maximum:
            return _("score {minimum}").format(minimum=self.minimum)
        return _("score {minimum}\u2013{maximum}").format(
            minimum=self.minimum, maximum=self.maximum
        )


def rank(level: str | None, config: ArchConfig) -> int | None:
    """1-based rank of a level (case-insensitive), or None when missing or unknown."""
    if level is None:
        return None
    try:
        return config.risk_levels.index(level.strip().lower()) + 1
    except ValueError:
        return None


def score(impact: str | None, probability: str | None, config: ArchConfig) -> int | None:
    impact_rank = rank(impact, config)
    probability_rank = rank(probability, config)
    if impact_rank is None or probability_rank is None:
        return None
    return impact_rank * probability_rank


@dataclass(frozen=True)
class RiskAssessment:
    """A risk's score (impact rank x probability rank) and band, or None when unknown."""

    score: int | None
    band: str | None


def assess(impact: str | None, probability: str | None, config: ArchConfig) -> RiskAssessment:
    """The one place a risk's score and band are decided (the index and item heads ask)."""
    value = score(impact, probability, config)
    return RiskAssessment(value, band(value, config))


def assess_item(item: Item, config: ArchConfig) -> RiskAssessment:
    """:func:`assess` for a risk item's ``:impact:`` and ``:probability:``."""
    return assess(item.text("impact"), item.text("probability"), config)


def band(value: int | None, config: ArchConfig) -> str | None:
    """The highest band whose minimum the score reaches."""
    if value is None:
        return None
    current: str | None = None
    for name, minimum in config.risk_bands:
        if value >= minimum:
            current = name
    return current


def band_names(config: ArchConfig) -> tuple[str, ...]:
    return config.band_names


def highest_band(config: ArchConfig) -> str:
    return config.risk_bands[-1][0]


def band_ranges(config: ArchConfig) -> list[BandRange]:
    """Each band with the lowest and highest score it actually covers."""
    scores = achievable_scores(len(config.risk_levels))
    bands = list(config.risk_bands)
    result = []
    for i, (name, minimum) in enumerate(bands):
        upper = bands[i + 1][1] if i + 1 < len(bands) else None
        covered = [s for s in scores if s >= minimum and (upper is None or s < upper)]
        low = covered[0] if covered else minimum
        high = covered[-1] if covered else minimum
        result.append(BandRange(name, low, high))
    return result


def is_placeholder(text: str | None) -> bool:
    """True for an empty mitigation or a placeholder such as ``TBD`` or ``[...]``."""
    return text is None or not text.strip() or bool(_PLACEHOLDER_RE.match(text))


def grid(config: ArchConfig) -> Sequence[tuple[str, Sequence[tuple[str, int, str | None]]]]:
    """The matrix layout: impact rows, highest first; probability columns ascending.

    Each row is ``(impact, [(probability, score, band), ...])``.
    """
    levels = config.risk_levels
    rows = []
    for impact in reversed(levels):
        cells = []
        for probability in levels:
            value = score(impact, probability, config)
            cells.append((probability, value or 0, band(value, config)))
        rows.append((impact, cells))
    return rows
